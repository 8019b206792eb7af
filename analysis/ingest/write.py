"""The one writer: carry out a plan as one transaction (applications, stage events, the import's record)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import duckdb

from analysis.domain import (
    normalise_label,
)
from analysis.ingest.enrich import _build
from analysis.ingest.plan import ImportOptions, ImportPlan, _Built, _totals, header_signature
from analysis.ingest.read import KEEP_CODEC, BadInput
from analysis.sqlutil import one


@dataclass
class ImportEntry:
    """What every entry of an import report says, for a spreadsheet or a mailbox (design.md's import JSON)."""

    file: str
    format: str
    shape: str
    rows_read: int
    applications_added: int
    applications_updated: int
    duplicates_skipped: int
    rows_rejected: int

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class ImportResult(ImportEntry):
    """A spreadsheet's entry: what was rejected and why, the notes, and the plan's totals it carried out."""

    rejects: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unmapped_labels: list[str] = field(default_factory=list)
    lines_read: int = 0
    likely_duplicates: int = 0
    import_id: int | None = None
    # the plan's totals for the applications in this file (design.md: "outcomes" and "reached")
    outcomes: dict[str, int] = field(default_factory=dict)
    reached: dict[str, int] = field(default_factory=dict)
    decisions: list[dict] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    not_applications: int = 0


# columns an import writes; a field the user edited in the app is never overwritten
_WRITTEN = ["company", "role", "url", "source", "channel", "referral", "location", "remote_type", "salary_text",
            "salary_min", "salary_max", "salary_currency", "salary_period", "seniority", "field", "rating",
            "applied_on", "stage", "outcome", "outcome_on", "status_label", "feedback", "notes", "description",
            "contact", "record_id", "feedback_requested", "feedback_received", "role_family", "seniority_level",
            "aligned", "stage_decided_by", "outcome_decided_by"]


def apply(con: duckdb.DuckDBPyConnection, plan: ImportPlan, options: ImportOptions | None = None) -> ImportResult:
    """Write what the plan holds, as one transaction; the database is untouched if anything fails. On another
    connection than the one that planned (a later page run), the plan is worked out again by the same code and
    must come to the same totals, or nothing is written."""
    options = options or ImportOptions()
    built = plan._built
    if built is None or not _still_built(con, built):
        built = _build(con, plan, options)
        again = _totals(con, plan, options)
        if plan.totals is not None and again != plan.totals:
            _drop_build_tables(con)
            raise BadInput("The file or the choices behind the preview changed before the import; nothing was "
                           "written. Look at the new preview and import again.")
        plan.totals = again
    plan._built = None
    return _write(con, plan, built, options)


def run_import(con: duckdb.DuckDBPyConnection, plan: ImportPlan, options: ImportOptions | None = None) -> ImportResult:
    """Apply an inspected plan (kept for callers that inspect first): the same path as plan_import + apply."""
    return apply(con, plan, options)


def _still_built(con, built: _Built) -> bool:
    try:
        return one(con, "select token from hs_built")[0] == built.token
    except duckdb.Error:
        return False


def _drop_build_tables(con) -> None:
    for t in ("hs_norm", "hs_norm0", "hs_keyed", "hs_match", "hs_ev", "hs_evraw", "hs_ev0", "hs_grp", "hs_dup",
              "hs_sc0", "hs_sc", "hs_scout", "hs_colev", "hs_dt_applied_on", "hs_dt_status_date", "hs_notes",
              "hs_occ", "hs_built", "hs_plan"):
        con.execute(f"drop table if exists {t}")
    con.execute("drop view if exists hs_v")


def _write(con, plan: ImportPlan, built: _Built, options: ImportOptions) -> ImportResult:
    """The one writer: hs_keyed and hs_ev into applications and stage_events, the import's record, the choices
    to remember. One transaction."""
    result = _result_of(plan, built)
    con.execute("begin transaction")
    try:
        import_id = one(con, "select nextval('import_id_seq')")[0]
        con.execute("""create or replace temp table hs_match as
            select k.app_key, a.app_id, a.content_hash = k.content_hash as same, a.edited_fields
            from hs_keyed k join applications a using (app_key)""")
        unchanged, changed = one(con, "select count(*) filter (where same), count(*) filter (where not same) "
                                         "from hs_match")
        # a new application's id is the highest so far plus its row number
        base = one(con, "select coalesce(max(app_id), 0) from applications")[0]
        new_dups = _likely_duplicates_of_new_rows(con, base)
        added = _insert_new(con, base, import_id)
        if changed:
            _update_changed(con, import_id)
        con.execute(f"""insert into stage_events (app_id, stage, happened_on, raw_label, origin)
            select coalesce(m.app_id, {base} + k.row_no), e.stage, e.happened_on, e.raw_label, 'import'
            from hs_ev e join hs_keyed k using (row_no) left join hs_match m using (app_key)
            where m.app_key is null or not m.same""")
        likely = new_dups + (_flag_likely_duplicates(con, import_id) if changed else 0)
        for r in built.rejects:
            con.execute("insert into import_rejects values (?, ?, ?, ?)",
                        [import_id, r["line"], r["raw"][:2000], _reason_with_row(r)])
        prior = one(con, "select min(imported_at)::date from imports where sha256 = ? and removed_at is null",
                    [plan.source.sha256])[0]
        if prior:
            result.warnings.append(f"This exact file was imported before (on {prior}); nothing is added twice.")
        if likely:
            result.warnings.append(f"{likely} application(s) look like another one entered twice (same company and job "
                                   "link, or the same row twice); they are flagged for you to check, not merged.")
        result.applications_added, result.applications_updated = added, changed
        result.duplicates_skipped = unchanged + built.in_file_dups
        result.rows_read = added + changed + result.duplicates_skipped + result.rows_rejected
        result.likely_duplicates, result.import_id = likely, import_id
        mapping_json = _record_import(con, plan, result)
        if options.save_choices:
            _remember_choices(con, plan, mapping_json)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        _drop_build_tables(con)
    return result


def _reason_with_row(r: dict) -> str:
    """A refused row's reason; where its line in the file is not known (a workbook, a big file), the reason says
    which row of the table it is instead (a row number is no line number)."""
    if r["line"] is None and r.get("row") is not None:
        return f"{r['reason']} (row {r['row']} under the header)"
    return r["reason"]


def _result_of(plan: ImportPlan, built: _Built) -> ImportResult:
    """The import's report before anything is written: what was rejected, the notes, the plan's totals."""
    result = ImportResult(
        file=plan.source.name, format=plan.format, shape=plan.shape, rows_read=0, applications_added=0,
        applications_updated=0, duplicates_skipped=0, rows_rejected=len(built.rejects),
        rejects=[{"line": r["line"], "reason": _reason_with_row(r)}
                 for r in built.rejects],
        warnings=[*plan.warnings, *built.notes], unmapped_labels=plan.unmapped_labels,
        lines_read=built.lines + len(plan.rejects))
    if plan.totals is not None:
        result.outcomes = dict(plan.totals.outcomes)
        result.reached = dict(plan.totals.reached)
        result.decisions = [asdict(d) for d in plan.totals.decisions]
        result.questions = list(plan.totals.questions)
        result.not_applications = plan.totals.not_applications
        if plan.totals.not_applications:
            result.warnings.append(f"{plan.totals.not_applications} row(s) are saved or drafted jobs, not sent "
                                   "applications: kept and shown apart, out of the funnel.")
    return result


def _insert_new(con, base: int, import_id: int) -> int:
    """The applications no earlier import holds, with their likely-duplicate flags (hs_dup). Returns how many."""
    cols = ", ".join(_WRITTEN)
    src_cols = ", ".join("k.status_date" if c == "outcome_on" else f"k.{c}" for c in _WRITTEN)
    return one(con, f"""insert into applications (app_id, app_key, content_hash, {cols}, import_id, added_by,
                                                  source_row, source_rows, likely_duplicate_of)
        select {base} + k.row_no, k.app_key, k.content_hash, {src_cols}, ?, ?, k.row_no, k.source_rows, d.first_id
        from hs_keyed k left join hs_dup d using (row_no)
        where k.app_key not in (select app_key from hs_match)""", [import_id, import_id])[0]


def _update_changed(con, import_id: int) -> None:
    """The applications an earlier import holds whose row changed: every field the person did not edit in the app
    takes the file's value, and their imported stage events are replaced."""
    sets = ", ".join(f"{c} = case when list_contains(a.edited_fields, '{c}') then a.{c} else "
                     f"k.{'status_date' if c == 'outcome_on' else c} end"
                     for c in _WRITTEN)
    con.execute(f"""update applications a set {sets}, content_hash = k.content_hash, raw = null,
                    import_id = ?, source_row = k.row_no, source_rows = k.source_rows,
                    updated_at = current_timestamp
                    from hs_keyed k join hs_match m using (app_key)
                    where a.app_key = k.app_key and not m.same""", [import_id])
    con.execute("""delete from stage_events where origin = 'import' and app_id in
                   (select app_id from hs_match where not same)""")


def _record_import(con, plan: ImportPlan, result: ImportResult) -> str:
    """The import's row: its counts, notes, the mapping it used and the file itself. Returns the mapping's JSON."""
    mapping_json = json.dumps({"mapping": plan.mapping, "stage_columns": plan.stage_columns,
                               "date_orders": plan.date_orders, "defaults": plan.defaults,
                               "header": plan.source.header})
    con.execute("""insert into imports (import_id, file_name, sha256, format, shape, encoding, mapping, rows_read,
                   applications_added, applications_updated, duplicates_skipped, rows_rejected, warnings,
                   unmapped_labels, original, original_codec)
                   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [result.import_id, plan.source.name, plan.source.sha256, plan.format, plan.shape, plan.source.encoding,
                 mapping_json, result.rows_read, result.applications_added, result.applications_updated,
                 result.duplicates_skipped, result.rows_rejected, json.dumps(result.warnings),
                 json.dumps(result.unmapped_labels), plan.source.kept(), KEEP_CODEC])
    return mapping_json


def _remember_choices(con, plan: ImportPlan, mapping_json: str) -> None:
    """The columns and labels the person chose, for the next file with the same header or label."""
    if plan.format == "generic" and any(r == "your choice" for r in plan.reasons.values()):
        sig = header_signature(plan.source.header)
        con.execute("delete from column_mappings where header_signature = ?", [sig])
        con.execute("insert into column_mappings (header_signature, mapping) values (?, ?)", [sig, mapping_json])
    for lab in plan.labels:
        if lab.rule == "your choice":
            con.execute("delete from label_mappings where label = ?", [normalise_label(lab.label)])
            con.execute("insert into label_mappings (label, stage, outcome) values (?, ?, ?)",
                        [normalise_label(lab.label), lab.stage, lab.outcome])


def _normal_url_sql(col: str) -> str:
    """A job link without scheme, 'www.', tracking parameters and trailing slashes (the parameter regex only runs
    on links that have parameters)."""
    u = f"regexp_replace(lower(trim({col})), '^https?://(www\\.)?', '')"
    return (f"regexp_replace(case when contains({u}, '?') then regexp_replace({u}, "
            f"'([?&](utm_[a-z]+|gh_src|ref|src|source|lever-source)=[^&#]*)', '', 'g') else {u} end, '[/?#&]+$', '')")


# what makes two applications likely the same: company and job link, or (no link) company, role and date
# (without a company nothing tells two rows apart: a sheet whose companies were removed has no likely duplicates)
_DUP_KEY = (f"case when url is not null and company is not null then 'link|' || lower(trim(company)) || '|' || "
            f"{_normal_url_sql('url')} when url is null and company is not null then 'row|' || lower(trim(company)) || "
            "'|' || lower(trim(coalesce(role, ''))) || '|' || coalesce(applied_on::varchar, '') end")


def _likely_duplicates_of_new_rows(con, base: int) -> int:
    """hs_dup (row_no, first_id): the new rows that share company and job link (or company, role and date when
    there is no link) with an earlier application, stored or in this file, worked out before they are written
    (an UPDATE of a million stored rows afterwards cost more than the whole check). Returns how many."""
    con.execute(f"""create or replace temp table hs_dup as
        with u as (select app_id, null::bigint as row_no, {_DUP_KEY} as g from applications
                   union all
                   select {base} + row_no, row_no, {_DUP_KEY} from hs_keyed
                   where app_key not in (select app_key from hs_match)),
        firsts as (select g, min(app_id) as first_id from u where g is not null group by g having count(*) > 1)
        select u.row_no, f.first_id from u join firsts f using (g)
        where u.row_no is not null and u.app_id <> f.first_id""")
    return one(con, "select count(*) from hs_dup")[0]


def _flag_likely_duplicates(con, import_id: int) -> int:
    """Mark applications this import changed that share company and job link (or company, role and date when
    there is no link) with an earlier one. Returns how many of them are flagged."""
    changed = "a.app_id in (select app_id from hs_match where not same)"
    con.execute(f"""update applications a set likely_duplicate_of = d.first_id
        from (select app_id, min(app_id) over (partition by lower(trim(company)), {_normal_url_sql('url')}) as first_id
              from applications where url is not null and company is not null) d
        where a.app_id = d.app_id and d.first_id <> a.app_id and {changed}""")
    con.execute(f"""update applications a set likely_duplicate_of = d.first_id
        from (select app_id, min(app_id) over (partition by lower(trim(company)), lower(trim(coalesce(role, ''))),
                                                 coalesce(applied_on::varchar, '')) as first_id
              from applications where url is null) d
        where a.app_id = d.app_id and d.first_id <> a.app_id and {changed} and a.likely_duplicate_of is null""")
    return one(con, f"select count(*) from applications a where {changed} and likely_duplicate_of is not null")[0]
