"""The database's migrations: a database made by an earlier version keeps every row when it is opened."""

from analysis import store
from analysis.applications import original_row
from analysis.ingest import write
from analysis.ingest.importer import import_file


def test_a_database_from_before_migration_6_keeps_its_rows_and_original_rows(tmp_path, monkeypatch):
    db = tmp_path / "old.duckdb"
    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS[:5])
    # the importer of that time wrote none of the columns later migrations add
    monkeypatch.setattr(write, "_WRITTEN", [c for c in write._WRITTEN if not c.endswith("_decided_by")])
    con = store.connect(db)
    import_file(con, b"Company,Role,Status\nAcme,Engineer,Rejected\nGlobex,Analyst,Applied\n", "a.csv")
    rows_sql = "select app_id, app_key, content_hash, raw::varchar from applications order by app_id"
    before = con.execute(rows_sql).fetchall()
    con.close()
    monkeypatch.undo()

    con = store.connect(db)  # runs migration 6
    after = con.execute(rows_sql).fetchall()
    assert after == before and len(after) == 2
    assert original_row(con, after[0][0]) == {"Company": "Acme", "Role": "Engineer", "Status": "Rejected"}
    import_file(con, b"Company,Role,Status\nAcme,Engineer,Rejected\nGlobex,Analyst,Applied\n", "a.csv")
    assert con.execute("select count(*) from applications").fetchall()[0][0] == 2  # the keys still match
    con.execute("checkpoint")
    kinds = dict(con.execute("""select column_name, string_agg(distinct compression, ',')
                                from pragma_storage_info('applications')
                                where column_name in ('raw', 'app_key', 'content_hash') group by 1""").fetchall())
    assert all("ZSTD" in kinds[c] for c in ("raw", "app_key", "content_hash")), kinds
    con.close()
