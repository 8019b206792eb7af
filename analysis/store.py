"""The DuckDB store: where the database lives, its schema, and its migrations."""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb

from analysis.sqlutil import one

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = PROJECT_ROOT / "data" / "hindsight.duckdb"
DEMO_FILE = PROJECT_ROOT / "data" / "demo_applications.csv"


class StoreError(Exception):
    """The database cannot be opened; the message says why and what to do."""


def db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """--db, else HINDSIGHT_DB, else data/hindsight.duckdb."""
    if cli_value:
        return Path(cli_value)
    env = os.environ.get("HINDSIGHT_DB")
    return Path(env) if env else DEFAULT_DB


def connect(path: str | os.PathLike | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create or migrate) the database. ':memory:' gives a private in-memory one."""
    target = ":memory:" if str(path) == ":memory:" else str(db_path(path))
    if target != ":memory:":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(target, read_only=read_only)
    except duckdb.IOException as exc:
        msg = str(exc)
        if "lock" in msg.lower():
            holder = re.search(r"\(PID (\d+)\)", msg)
            who = f" (process {holder.group(1)})" if holder else ""
            raise StoreError(
                f"The database {target} is in use by another program{who}, probably the dashboard. "
                "Import through the dashboard's Upload page, or stop the dashboard and try again."
            ) from None
        raise StoreError(f"Cannot open the database {target}: {msg.splitlines()[0]}") from None
    except duckdb.Error as exc:
        raise StoreError(f"Cannot open the database {target}: {str(exc).splitlines()[0]}") from None
    # a cap on DuckDB's memory (it spills to disk beyond it), so a million-row import stays under 1 GiB in all
    # (measured: 938 MiB peak at 640 MB, 6% slower than at 1 GB; the report is as fast either way)
    limit = os.environ.get("HINDSIGHT_MEMORY_LIMIT", "640MB")
    if limit:
        try:
            con.execute(f"set memory_limit = {_sql_str(limit)}")
        except duckdb.Error as exc:
            raise StoreError(f"HINDSIGHT_MEMORY_LIMIT={limit!r} is not a memory size DuckDB understands "
                             f"({exc}).") from None
    if not read_only:
        migrate(con)
    return con


def _sql_str(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


# Each migration runs once, in order; the number of applied ones is kept in schema_version.
MIGRATIONS: list[str] = [
    """
    create sequence if not exists app_id_seq start 1;
    create sequence if not exists import_id_seq start 1;
    create table if not exists imports (
        import_id integer,
        file_name varchar,
        sha256 varchar,
        format varchar,
        shape varchar,
        encoding varchar,
        mapping json,
        rows_read integer,
        applications_added integer,
        applications_updated integer,
        duplicates_skipped integer,
        rows_rejected integer,
        warnings json,
        unmapped_labels json,
        imported_at timestamp default current_timestamp
    );
    create table if not exists import_rejects (
        import_id integer,
        line integer,
        raw_text varchar,
        reason varchar
    );
    create table if not exists applications (
        app_id integer,
        app_key varchar,
        content_hash varchar,
        company varchar,
        role varchar,
        url varchar,
        source varchar,
        channel varchar,
        referral boolean,
        location varchar,
        remote_type varchar,
        salary_text varchar,
        salary_min double,
        salary_max double,
        salary_currency varchar,
        salary_period varchar,
        seniority varchar,
        field varchar,
        rating double,
        applied_on date,
        stage varchar,
        outcome varchar,
        outcome_on date,
        status_label varchar,
        feedback varchar,
        notes varchar,
        description varchar,
        contact varchar,
        record_id varchar,
        feedback_requested boolean,
        feedback_received boolean,
        likely_duplicate_of integer,
        import_id integer,
        source_row integer,
        raw json,
        edited_fields varchar[] default [],
        created_at timestamp default current_timestamp,
        updated_at timestamp default current_timestamp
    );
    create table if not exists stage_events (
        app_id integer,
        stage varchar,
        happened_on date,
        raw_label varchar,
        origin varchar default 'import'
    );
    create table if not exists label_mappings (
        label varchar,
        stage varchar,
        outcome varchar,
        saved_at timestamp default current_timestamp
    );
    create table if not exists column_mappings (
        header_signature varchar,
        mapping json,
        saved_at timestamp default current_timestamp
    );
    create table if not exists settings (
        key varchar,
        value json
    );
    """,
    # 2: role families and levels for grouping, soft delete (a deleted application stays deleted on re-import),
    # where a row came from, and a token that tells this database apart from any other
    """
    alter table applications add column if not exists role_family varchar;
    alter table applications add column if not exists seniority_level varchar;
    alter table applications add column if not exists deleted boolean default false;
    alter table applications add column if not exists origin varchar default 'import';
    insert into settings select 'db_token', to_json(uuid()::varchar) where not exists
        (select 1 from settings where key = 'db_token');
    """,
    # 3: the person's own rejection reasons, which win over the rules
    """
    create table if not exists feedback_overrides (
        app_id integer,
        reason varchar,
        side varchar,
        saved_at timestamp default current_timestamp
    );
    """,
    # 4: the person's own criteria, and their "aligned with my career goals" column
    """
    create table if not exists criteria (
        name varchar,
        value json,
        saved_at timestamp default current_timestamp
    );
    alter table applications add column if not exists aligned boolean;
    """,
    # 5: follow-ups ticked done, and action items from mentor meetings
    """
    create table if not exists follow_up_done (
        app_id integer,
        kind varchar,
        done_on date
    );
    create table if not exists actions (
        action_id integer,
        text varchar,
        due_on date,
        app_id integer,
        reason varchar,
        meeting_on date,
        done_on date,
        created_at timestamp default current_timestamp
    );
    """,
    # 6: the original rows (a JSON array each, rarely read) and the two hashes compressed with zstd: writing them
    # with the automatic choice (which tries every string compression on them) took a fifth of a big import
    """
    alter table applications add column raw_zstd json using compression zstd;
    update applications set raw_zstd = raw;
    alter table applications drop column raw;
    alter table applications rename column raw_zstd to raw;
    alter table applications add column app_key_zstd varchar using compression zstd;
    alter table applications add column content_hash_zstd varchar using compression zstd;
    update applications set app_key_zstd = app_key, content_hash_zstd = content_hash;
    alter table applications drop column app_key;
    alter table applications drop column content_hash;
    alter table applications rename column app_key_zstd to app_key;
    alter table applications rename column content_hash_zstd to content_hash;
    """,
    # 7: which cell decided each application's furthest stage and outcome ("Status = 'Denied'"), from its import
    """
    alter table applications add column if not exists stage_decided_by varchar;
    alter table applications add column if not exists outcome_decided_by varchar;
    """,
    # 8: mail: only job mail is kept, once per Message-ID, with the rule that decided its kind and the proposal it makes
    # (status: proposed, accepted, rejected (the person said no to the proposal), not_job, no_change)
    """
    create table if not exists messages (
        message_id varchar,
        sent_at timestamp,
        sender varchar,
        subject varchar,
        body_text varchar,
        kind varchar,
        company varchar,
        role varchar,
        confidence double,
        decided_by varchar,
        phrase varchar,
        app_id integer,
        status varchar,
        proposal varchar,
        stage varchar,
        event_on date,
        source varchar,
        import_id integer,
        decided_at timestamp,
        imported_at timestamp default current_timestamp
    );
    """,
    # 9: the original file kept once per import (zstd-compressed, as it came), instead of each row as JSON: an
    # application points at its row(s) in it (source_row; source_rows where several rows make one application).
    # `raw` stays for applications imported before this migration.
    """
    alter table imports add column if not exists original blob;
    alter table imports add column if not exists original_codec varchar;
    alter table applications add column if not exists source_rows integer[];
    """,
    # 10: which import added each application (an import can be removed: what it added goes), and when an import
    # was removed. Applications imported before this migration have no added_by: their import cannot be removed.
    """
    alter table applications add column if not exists added_by integer;
    alter table imports add column if not exists removed_at timestamp;
    """,
]


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create table if not exists schema_version (version integer)")
    row = one(con, "select max(version) from schema_version")
    current = row[0] or 0
    for number, sql in enumerate(MIGRATIONS, start=1):
        if number <= current:
            continue
        con.execute("begin transaction")
        try:
            for stmt in [s for s in sql.split(";") if s.strip()]:
                con.execute(stmt)
            con.execute("insert into schema_version values (?)", [number])
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise


def fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """Changes whenever the data or a setting changes, and differs between databases: the key for every
    cached analysis."""
    row = one(con, """
        select coalesce((select value::varchar from settings where key = 'db_token'), '') || ':' ||
               (select count(*) from applications) || ':' ||
               coalesce((select max(updated_at)::varchar from applications), '') || ':' ||
               coalesce((select max(import_id) from imports), 0) || ':' ||
               (select count(*) from stage_events) || ':' ||
               coalesce((select max(saved_at)::varchar from label_mappings), '') || ':' ||
               coalesce((select max(saved_at)::varchar || count(*) from feedback_overrides), '') || ':' ||
               coalesce((select md5(string_agg(value::varchar, ',')) from criteria), '') || ':' ||
               (select count(*) from follow_up_done) || ':' ||
               coalesce((select md5(string_agg(action_id || text || coalesce(done_on::varchar, ''), ','))
                         from actions), '')
               || ':' ||
               coalesce((select md5(string_agg(key || '=' || value::varchar, ',' order by key)) from settings), '')""")
    return row[0]


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    return one(con, "select count(*) from applications where not deleted")[0] == 0


def get_setting(con, key: str, default=None):
    import json

    row = one(con, "select value from settings where key = ?", [key])
    return json.loads(row[0]) if row and row[0] is not None else default


def set_setting(con, key: str, value) -> None:
    import json

    con.execute("delete from settings where key = ?", [key])
    con.execute("insert into settings values (?, ?)", [key, json.dumps(value)])
