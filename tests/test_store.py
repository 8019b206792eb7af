"""The database's migrations: a database made by an earlier version keeps every row when it is opened."""

import hashlib
import json

from analysis import store
from analysis.applications import original_row
from analysis.ingest.importer import import_file

CSV = b"Company,Role,Status\nAcme,Engineer,Rejected\nGlobex,Analyst,Applied\n"


def _old_database(db, monkeypatch, migrations: int):
    """A database as an earlier version left it: the first `migrations` migrations, one import, and each row's
    cells stored with the row as a JSON array (before the file was kept once per import)."""
    fresh = store.connect(":memory:")
    import_file(fresh, CSV, "a.csv")  # the keys today's importer makes: an old import made the same
    rows = fresh.execute("""select app_id, app_key, content_hash, company, role, stage, outcome, status_label,
                            source_row from applications order by app_id""").fetchall()
    fresh.close()
    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS[:migrations])
    con = store.connect(db)
    import_id = con.execute("select nextval('import_id_seq')").fetchall()[0][0]
    con.execute("insert into imports (import_id, file_name, sha256, mapping) values (?, 'a.csv', ?, ?)",
                [import_id, hashlib.sha256(CSV).hexdigest(), json.dumps({"header": ["Company", "Role", "Status"]})])
    for app_id, key, content, company, role, stage, outcome, label, row_no in rows:
        cells = CSV.decode().splitlines()[row_no].split(",")
        con.execute("""insert into applications (app_id, app_key, content_hash, company, role, stage, outcome,
                       status_label, import_id, source_row, raw) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [app_id, key, content, company, role, stage, outcome, label, import_id, row_no,
                     json.dumps(cells)])
    con.close()
    monkeypatch.undo()


def test_a_database_from_before_migration_6_keeps_its_rows_and_original_rows(tmp_path, monkeypatch):
    db = tmp_path / "old.duckdb"
    _old_database(db, monkeypatch, 5)
    rows_sql = "select app_id, app_key, content_hash, raw::varchar from applications order by app_id"
    con = store.connect(db)  # runs migrations 6 and later
    after = con.execute(rows_sql).fetchall()
    assert len(after) == 2 and json.loads(after[0][3]) == ["Acme", "Engineer", "Rejected"]
    assert original_row(con, after[0][0]) == {"Company": "Acme", "Role": "Engineer", "Status": "Rejected"}
    import_file(con, CSV, "a.csv")
    assert con.execute("select count(*) from applications").fetchall()[0][0] == 2  # the keys still match
    assert con.execute(rows_sql).fetchall() == after  # unchanged rows keep what they had
    con.execute("checkpoint")
    kinds = dict(con.execute("""select column_name, string_agg(distinct compression, ',')
                                from pragma_storage_info('applications')
                                where column_name in ('raw', 'app_key', 'content_hash') group by 1""").fetchall())
    assert all("ZSTD" in kinds[c] for c in ("app_key", "content_hash")), kinds
    con.close()


def test_a_row_stored_as_json_before_the_file_was_kept_is_replaced_by_the_new_file_when_it_changes(tmp_path,
                                                                                                   monkeypatch):
    db = tmp_path / "old.duckdb"
    _old_database(db, monkeypatch, 8)
    con = store.connect(db)  # migration 9: the file kept once per import
    globex = con.execute("select app_id from applications where company = 'Globex'").fetchall()[0][0]
    assert original_row(con, globex) == {"Company": "Globex", "Role": "Analyst", "Status": "Applied"}
    result = import_file(con, CSV.replace(b"Analyst,Applied", b"Analyst,Rejected"), "a.csv")
    assert result.applications_updated == 1
    raw, import_id = con.execute("select raw, import_id from applications where app_id = ?", [globex]).fetchall()[0]
    assert raw is None and import_id == result.import_id
    assert original_row(con, globex) == {"Company": "Globex", "Role": "Analyst", "Status": "Rejected"}
