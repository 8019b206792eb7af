"""The original file is kept once per import (compressed, as it came), and each application points at its row(s)
in it: any row can be shown and exported exactly as it was, and no row is stored again as JSON."""

from __future__ import annotations

import io
import json

import pytest

from analysis.applications import original_row
from analysis.cli import main
from analysis.ingest.importer import import_file
from analysis.ingest.original import kept_files, original_file


def app_id(con, company: str) -> int:
    return con.execute("select app_id from applications where company = ?", [company]).fetchall()[0][0]


def test_the_file_is_kept_once_compressed_and_no_row_is_stored_again(con):
    body = b"Company,Role,Status,Notes\n" + b"".join(
        f"Company {i},Data Engineer,Rejected,We went with another candidate\n".encode() for i in range(300))
    res = import_file(con, body, "big.csv")
    assert res.applications_added == 300
    kept = con.execute("select octet_length(original), original_codec from imports").fetchall()
    assert kept[0][1] == "zstd" and 0 < kept[0][0] < len(body) / 5
    assert con.execute("select count(raw) from applications").fetchall()[0][0] == 0
    assert original_file(con, res.import_id) == ("big.csv", body)
    assert original_row(con, app_id(con, "Company 299")) == {
        "Company": "Company 299", "Role": "Data Engineer", "Status": "Rejected",
        "Notes": "We went with another candidate"}


def test_rows_after_blank_quoted_multiline_and_ragged_lines_are_found_exactly(con):
    body = ("Tracker export\n\nCompany;Role;Status;Notes\n"
            "Acme;Dev;Rejected;\"line one\nline two; with a semicolon\"\n"
            ";;;\n"
            "Broken;row;with;too;many;cells\n"
            "Globex;Analyst;Applied;café, crème\n").encode("cp1252")
    res = import_file(con, body, "odd.csv")
    assert res.rows_rejected == 1 and res.applications_added == 2
    assert original_row(con, app_id(con, "Acme")) == {
        "Company": "Acme", "Role": "Dev", "Status": "Rejected", "Notes": "line one\nline two; with a semicolon"}
    assert original_row(con, app_id(con, "Globex")) == {
        "Company": "Globex", "Role": "Analyst", "Status": "Applied", "Notes": "café, crème"}
    assert original_file(con, res.import_id)[1] == body  # the bytes as they came, not transcoded


def test_the_line_shown_is_the_line_the_row_is_on(con):
    """Rows are numbered as they were read (a ragged row is rejected, a multi-line cell is one row): the line shown
    is counted in the file itself, so a person finds the row there."""
    from analysis.applications import origin_sentence, row_origin

    body = (b"Exported by my tracker\nCompany;Role\nAcme;\"a\nb\"\n\n;;\nBroken;x;y\nGlobex;PM\n")
    res = import_file(con, body, "o.csv")
    assert res.rows_rejected == 1
    assert origin_sentence(row_origin(con, app_id(con, "Acme"))).startswith("Line 3 of o.csv (import ")
    assert origin_sentence(row_origin(con, app_id(con, "Globex"))).startswith("Line 8 of o.csv (import ")


def test_a_workbook_row_names_its_file_but_no_line(con):
    openpyxl = pytest.importorskip("openpyxl")
    from analysis.applications import origin_sentence, row_origin

    book = openpyxl.Workbook()
    book.active.append(["Company", "Role"])
    book.active.append(["Acme", "Dev"])
    buf = io.BytesIO()
    book.save(buf)
    import_file(con, buf.getvalue(), "t.xlsx")
    assert origin_sentence(row_origin(con, app_id(con, "Acme"))).startswith("From t.xlsx (import ")


def test_an_excel_file_is_kept_and_its_rows_read_back(con):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Company", "Role", "Applied", "Salary"])
    sheet.append(["Acme", "Dev", "2025-03-01", 120000])
    sheet.append(["Globex", "PM", "2025-03-05", None])
    buf = io.BytesIO()
    book.save(buf)
    res = import_file(con, buf.getvalue(), "tracker.xlsx")
    assert original_file(con, res.import_id) == ("tracker.xlsx", buf.getvalue())
    assert original_row(con, app_id(con, "Globex")) == {
        "Company": "Globex", "Role": "PM", "Applied": "2025-03-05", "Salary": ""}


def test_an_application_read_from_several_rows_shows_each(con):
    body = (b"Company,Source,Target\nAcme,Applied,Phone Screen\n,Phone Screen,Technical Interview\n"
            b",Technical Interview,Rejected\nBeta,Applied,Offer\n")
    import_file(con, body, "edges.csv")
    assert original_row(con, app_id(con, "Acme")) == {
        "line 2": {"Company": "Acme", "Source": "Applied", "Target": "Phone Screen"},
        "line 3": {"Company": "", "Source": "Phone Screen", "Target": "Technical Interview"},
        "line 4": {"Company": "", "Source": "Technical Interview", "Target": "Rejected"}}
    assert original_row(con, app_id(con, "Beta")) == {"Company": "Beta", "Source": "Applied", "Target": "Offer"}


def test_an_event_log_application_shows_all_its_rows(con):
    body = (b"Company,Role,Date,Event\nAcme,Dev,2025-01-02,Applied\nBeta,PM,2025-02-01,Applied\n"
            b"Acme,Dev,2025-01-20,Rejected\n")
    import_file(con, body, "ev.csv")
    assert list(original_row(con, app_id(con, "Acme"))) == ["line 2", "line 4"]
    assert original_row(con, app_id(con, "Acme"))["line 4"]["Event"] == "Rejected"


def test_a_reimport_that_changes_a_row_points_at_the_new_file(con):
    first = import_file(con, b"Company,Role,Status\nAcme,Dev,Applied\nBeta,PM,Applied\n", "t.csv")
    second = import_file(con, b"Company,Role,Status\nBeta,PM,Applied\nAcme,Dev,Rejected\n", "t.csv")
    assert second.applications_updated == 1
    assert original_row(con, app_id(con, "Acme")) == {"Company": "Acme", "Role": "Dev", "Status": "Rejected"}
    assert original_row(con, app_id(con, "Beta")) == {"Company": "Beta", "Role": "PM", "Status": "Applied"}
    assert [k["import_id"] for k in kept_files(con)] == [second.import_id, first.import_id]


def test_a_hand_added_application_has_no_original_row(con):
    import_file(con, b"Company,Role\nAcme,Dev\n", "t.csv")
    con.execute("insert into applications (app_id, company, origin) values (99, 'Manual', 'manual')")
    assert original_row(con, 99) is None


def test_the_cli_exports_an_imported_file_exactly_as_it_came(tmp_path, capsys):
    db, src, out = tmp_path / "h.duckdb", tmp_path / "mine.csv", tmp_path / "back.csv"
    src.write_bytes(b"\xef\xbb\xbfCompany,Role,Status\r\nAcme,Dev,Rejected\r\n")
    assert main(["import", str(src), "--db", str(db), "--json"]) == 0
    import_id = json.loads(capsys.readouterr().out)["imports"][0]["import_id"]
    assert main(["export", "--format", "original", "--db", str(db), "--out", str(out)]) != 0
    assert f"{import_id} (mine.csv)" in capsys.readouterr().err
    assert main(["export", "--format", "original", "--import", str(import_id), "--db", str(db),
                 "--out", str(out)]) == 0
    assert out.read_bytes() == src.read_bytes()


def test_the_data_page_shows_where_the_row_is_and_the_row_as_it_was(isolated_db):
    from streamlit.testing.v1 import AppTest

    from analysis import store
    from tests.conftest import APP

    con = store.connect(isolated_db)
    import_file(con, b"Company,Role,Status,Mood\nAcme,Dev,Rejected,meh\nGlobex,PM,Applied,hopeful\n", "mine.csv")
    con.close()
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()
    at.switch_page("pages/data.py").run()
    at.text_input(key="data_search").input("Globex").run()
    assert not at.exception and not at.json, "the file is read back only when asked"
    at.toggle(key="data_show_row").set_value(True).run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Line 3 of mine" in captions
    assert [j.value for j in at.json] and "hopeful" in str(at.json[0].value)
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download mine.csv as you imported it" in labels


def test_a_big_file_is_read_back_each_time_not_held_in_memory(con, monkeypatch):
    from analysis.ingest import original

    monkeypatch.setattr(original, "KEEP_LOADED_BYTES", 10)
    original._loaded.clear()
    import_file(con, b"Company,Role\nAcme,Dev\nGlobex,PM\n", "t.csv")
    assert original_row(con, app_id(con, "Globex")) == {"Company": "Globex", "Role": "PM"}
    assert not original._loaded
    assert original_row(con, app_id(con, "Acme")) == {"Company": "Acme", "Role": "Dev"}


def test_the_temp_copy_of_an_upload_goes_with_its_plan(con):
    """An upload's bytes are written to a temp file for DuckDB to read: personal data that must not outlive the plan
    holding it, whether or not anyone calls cleanup() (a plan replaced, a session that ends)."""
    import gc

    from analysis.ingest.importer import plan_import

    plan = plan_import(con, b"Company,Status\nAcme,Applied\nBeta,Rejected\n", "t.csv")
    path = plan.source.text_path
    assert path.exists() and path.read_bytes().startswith(b"Company")
    del plan
    gc.collect()
    assert not path.exists()
    plan = plan_import(con, b"Company,Status\nAcme,Applied\n", "t.csv")
    path = plan.source.text_path
    plan.source.cleanup()
    assert not path.exists()
    plan.source.cleanup()  # twice is harmless
