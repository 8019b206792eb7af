"""Files people actually upload: empty, binary, mis-encoded, ragged, huge, or not a spreadsheet at all.

Each case either raises BadInput with a reason a person can act on and leaves the database exactly as it
was, or imports with the right counts (rows_read == added + updated + duplicates + rejected)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from analysis import store
from analysis.ingest.importer import ImportResult, import_file, inspect
from analysis.ingest.read import BadInput

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("applications", "imports", "import_rejects", "stage_events")
SEED_CSV = (b"Company,Role,Status,Date Applied\nSeedCo,Seed Engineer,Applied,2025-01-02\n"
            b"OtherCo,Analyst,Rejected,2025-01-03\n")


@pytest.fixture
def con():
    """A database that already holds one import, so 'unchanged' means something."""
    c = store.connect(":memory:")
    import_file(c, SEED_CSV, "seed.csv")
    yield c
    c.close()


@pytest.fixture
def empty_con():
    c = store.connect(":memory:")
    yield c
    c.close()


@pytest.fixture(autouse=True)
def private_tmp(tmp_path, monkeypatch):
    """The importer's temp files go to a folder of this test's own, so leaks can be seen."""
    d = tmp_path / "importer-tmp"
    d.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(d))
    return d


def counts(con) -> dict[str, int]:
    return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in TABLES}


def conserved(r: ImportResult) -> None:
    total = r.applications_added + r.applications_updated + r.duplicates_skipped + r.rows_rejected
    assert r.rows_read == total, f"rows not conserved: read {r.rows_read} != {total} ({r})"
    assert r.rows_rejected == len(r.rejects), f"rows_rejected {r.rows_rejected} but {len(r.rejects)} rejects listed"


def import_ok(con, data, name: str) -> ImportResult:
    before = counts(con)["applications"]
    r = import_file(con, data, name)
    conserved(r)
    after = counts(con)["applications"]
    grew = after - before
    assert grew == r.applications_added, f"{r.applications_added} added but the table grew by {grew}"
    return r


def rejected(con, data, name: str, match: str, tmpdir: Path) -> BadInput:
    """import_file raises BadInput matching `match`; tables and temp folder are as they were."""
    before = counts(con)
    with pytest.raises(BadInput, match=match) as info:
        import_file(con, data, name)
    reason = info.value.reason
    assert reason and "\n" not in reason, f"the reason should be one line: {reason!r}"
    assert "Traceback" not in reason and "Error" not in reason, f"the reason reads like a crash: {reason!r}"
    assert counts(con) == before, f"a failed import changed the database: {before} -> {counts(con)}"
    leftover = sorted(p.name for p in tmpdir.iterdir())
    assert not leftover, f"a failed import left temp files behind: {leftover}"
    return info.value


def apps(con, cols="company, role") -> list[tuple]:
    return con.execute(f"select {cols} from applications where import_id = (select max(import_id) from imports) "
                       "order by source_row").fetchall()


# -- refused, with a reason ---------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  \r\n\n"], ids=["zero-bytes", "whitespace-only"])
def test_empty_file(con, private_tmp, data):
    e = rejected(con, data, "tracker.csv", r"tracker\.csv is empty", private_tmp)
    assert "nothing to import" in e.reason


@pytest.mark.parametrize("data", [b"Company,Role,Status\n", b"Company,Role,Status\r\n\r\n,,\r\n  ,  ,\r\n"],
                         ids=["header-only", "header-and-blank-rows"])
def test_header_only(con, private_tmp, data):
    rejected(con, data, "tracker.csv", r"has a header but no rows.*add at least one application", private_tmp)


def test_binary_garbage_with_nuls(con, private_tmp):
    rnd = random.Random(1234)
    data = bytes(rnd.randrange(256) for _ in range(8000))
    data = data[:100] + b"\x00" * 64 + data[100:]
    rejected(con, data, "tracker.csv", r"tracker\.csv is a binary file, not a spreadsheet.*CSV or XLSX", private_tmp)


def test_png_named_csv(con, private_tmp):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(random.Random(7).randrange(256) for _ in range(500))
    rejected(con, data, "tracker.csv", r"tracker\.csv is a PNG image, not a spreadsheet", private_tmp)


def test_no_company_or_role_column(con, private_tmp):
    e = rejected(con, b"a,b,c\n1,2,3\n", "numbers.csv",
                 r"no column that could be a company or a job title", private_tmp)
    assert "columns: a, b, c" in e.reason, "the reason should list the columns it saw"


def test_json_named_csv(con, private_tmp):
    data = json.dumps([{"Company": "Acme", "Role": "Dev", "Status": "Applied"}] * 3, indent=2).encode()
    rejected(con, data, "export.csv", r"export\.csv is a JSON file, not a spreadsheet", private_tmp)


@pytest.mark.parametrize("data", [
    b"<!DOCTYPE html>\n<html><head><title>Jobs</title></head><body><table><tr><td>Company</td><td>Role</td></tr>"
    b"<tr><td>Acme</td><td>Dev</td></tr></table></body></html>\n",
    b"<html>\n<body>\n<p>Company,Role</p>\n<p>Acme,Dev</p>\n</body>\n</html>\n",
], ids=["doctype", "bare-html"])
def test_html_named_csv(con, private_tmp, data):
    rejected(con, data, "export.csv", r"export\.csv is a web page \(HTML/XML\), not a spreadsheet", private_tmp)


# -- imported, with the right counts ------------------------------------------------------------------------


def test_ragged_rows_rejected_with_line_numbers(con):
    data = (b"Company,Role,Status\n"
            b"Acme,Engineer,Applied\n"            # line 2
            b"Beta,Analyst\n"                      # line 3: too few
            b"Gamma,PM,Rejected\n"                 # line 4
            b"Delta,Ops,Ghosted,oops,more\n"       # line 5: too many
            b"Epsilon\n"                           # line 6: one cell of three
            b"Zeta,Designer,Interview\n")          # line 7
    r = import_ok(con, data, "ragged.csv")
    assert r.rows_read == 6, "six data lines were written"
    assert r.applications_added == 3
    assert sorted(x["line"] for x in r.rejects) == [3, 5, 6], r.rejects
    by_line = {x["line"]: x["reason"] for x in r.rejects}
    assert "has 2 cells but the header has 3" in by_line[3]
    assert "has 5 cells but the header has 3" in by_line[5]
    assert "has 1 cells but the header has 3" in by_line[6]
    assert [c for c, _ in apps(con)] == ["Acme", "Gamma", "Zeta"]
    stored = con.execute("select line from import_rejects where import_id = ? order by line", [r.import_id]).fetchall()
    assert [x for (x,) in stored] == [3, 5, 6]


def test_unparseable_date_is_kept_empty_with_a_warning(con):
    data = (b"Company,Role,Date Applied\n"
            b"Acme,Engineer,sometime in spring\n"
            b"Beta,Analyst,2025-01-15\n")
    r = import_ok(con, data, "dates.csv")
    assert (r.rows_read, r.applications_added, r.rows_rejected) == (2, 2, 0)
    assert apps(con, "company, applied_on") == [("Acme", None), ("Beta", dt.date(2025, 1, 15))]
    assert any("sometime in spring" in w and "not dates" in w for w in r.warnings), r.warnings
    from analysis.applications import original_row

    raw = original_row(con, con.execute("select app_id from applications where company = 'Acme'").fetchall()[0][0])
    assert raw["Date Applied"] == "sometime in spring", "the original text is kept in the row"


def test_latin1(con):
    data = "Company;Role;Location\nSociété Générale;Analyste crédit;Paris\nTelefónica España;Ingeniero;Señorío\n" \
           "Björn Borg AB;Säljare;Malmö\n".encode("latin-1")
    r = import_ok(con, data, "latin1.csv")
    assert (r.rows_read, r.applications_added) == (3, 3)
    assert apps(con, "company, role, location") == [
        ("Société Générale", "Analyste crédit", "Paris"),
        ("Telefónica España", "Ingeniero", "Señorío"),
        ("Björn Borg AB", "Säljare", "Malmö"),
    ]
    assert any("not UTF-8" in w for w in r.warnings), r.warnings


def test_a_large_file_with_one_latin1_byte_far_down_is_read_as_latin1(con):
    """A big UTF-8 file is checked whole but only its head is decoded for sniffing: a Windows byte on the last row
    still makes it a single-byte file, not a rejected row."""
    rows = "".join(f"Company {i};Engineer;Berlin\n" for i in range(30000))
    data = ("Company;Role;Location\n" + rows + "Björn Borg AB;Säljare;Malmö\n").encode("latin-1")
    assert len(data) > 2 * 256 * 1024
    r = import_ok(con, data, "big-latin1.csv")
    assert (r.rows_read, r.rows_rejected) == (30001, 0)
    assert any("not UTF-8" in w for w in r.warnings), r.warnings
    assert con.execute("select role, location from applications where company = 'Björn Borg AB'").fetchall() == [
        ("Säljare", "Malmö")]


def test_a_large_utf8_file_with_a_character_cut_by_the_sniffed_head_reads_whole(con):
    filler = "x" * (2 * 256 * 1024 - len("Company,Role\n") - 1)  # the head ends inside the next character
    data = ("Company,Role\n" + f"Acme,{filler}€uro\n" + "Zürich AG,Ingenieur\n").encode("utf-8")
    r = import_ok(con, data, "big-utf8.csv")
    assert (r.rows_read, r.rows_rejected) == (2, 0) and not any("not UTF-8" in w for w in r.warnings)
    assert con.execute("select right(role, 4) from applications where company = 'Acme'").fetchall() == [("€uro",)]


def test_utf16_excel_unicode_text(con):
    text = ("Company\tJob Title\tDate Applied\tStatus\r\n"
            "Société Générale\tAnalyste\t2025-01-15\tApplied\r\n"
            "Zürich Versicherung\tAktuar\t2025-02-03\tRejected\r\n"
            "東京スタートアップ\tエンジニア\t2025-03-10\tGhosted\r\n")
    data = text.encode("utf-16-le")
    data = b"\xff\xfe" + data
    r = import_ok(con, data, "tracker.txt")
    assert (r.rows_read, r.applications_added, r.rows_rejected) == (3, 3, 0)
    assert apps(con, "company, role, applied_on") == [
        ("Société Générale", "Analyste", dt.date(2025, 1, 15)),
        ("Zürich Versicherung", "Aktuar", dt.date(2025, 2, 3)),
        ("東京スタートアップ", "エンジニア", dt.date(2025, 3, 10)),
    ]
    assert con.execute("select encoding from imports where import_id = ?", [r.import_id]).fetchall()[0][0] == "UTF-16"


def test_windows_1252_curly_quotes(con):
    note = "“great” call — they said ‘maybe’ … 50€"
    data = ("Company,Role,Notes\r\nAcme,Engineer,\"" + note + "\"\r\nCafé Müller,Barista,plain\r\n").encode("cp1252")
    r = import_ok(con, data, "win.csv")
    assert (r.rows_read, r.applications_added) == (2, 2)
    assert apps(con, "company, notes") == [("Acme", note), ("Café Müller", "plain")]


def test_semicolon_delimiter(con):
    data = (b"Company;Role;Status;Salary\n"
            b"Acme, Inc.;Engineer;Applied;\xe2\x82\xac55.000\n"
            b"Beta GmbH;Analyst, Data;REJECTED, PRE-R1;60k\n")
    r = import_ok(con, data, "semi.csv")
    assert (r.rows_read, r.applications_added, r.rows_rejected) == (2, 2, 0)
    assert apps(con, "company, role, status_label, salary_text") == [
        ("Acme, Inc.", "Engineer", "Applied", "€55.000"),
        ("Beta GmbH", "Analyst, Data", "REJECTED, PRE-R1", "60k"),
    ]


def test_utf8_bom(con):
    data = "\ufeffCompany,Role\nÄpfel AG,Entwickler\nCafé,Dev\n".encode()
    r = import_ok(con, data, "bom.csv")
    assert (r.rows_read, r.applications_added) == (2, 2)
    assert apps(con) == [("Äpfel AG", "Entwickler"), ("Café", "Dev")]
    mapping = json.loads(con.execute("select mapping from imports where import_id = ?", [r.import_id]).fetchall()[0][0])
    assert mapping["mapping"]["company"] == "Company", "the BOM must not stick to the first header"


def _workbook(tmp_path, sheets: dict[str, list[list]]):
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
    path = tmp_path / "book.xlsx"
    wb.save(path)
    return path


def test_xlsx_the_list_of_applications_is_found_behind_a_dashboard_and_a_total_row_is_none(con, tmp_path):
    path = _workbook(tmp_path, {
        "Dashboard": [["Summary"], ["Total", 3]],
        "Applications": [["My job search"], [], ["Company", "Role", "Date Applied", "Status"],
                         ["Acme", "Engineer", dt.date(2025, 1, 15), "Applied"],
                         ["Beta", "Analyst", dt.date(2025, 1, 16), "Rejected"], [], ["Total", None, None, None, 2]]})
    r = import_ok(con, path, None)
    assert r.applications_added == 2 and apps(con, "company") == [("Acme",), ("Beta",)]
    assert "Read the sheet 'Applications'; the workbook's other sheets (Dashboard) were not read." in r.warnings
    # a workbook has no lines: the row of the table is named instead
    assert r.rejects == [{"line": None, "reason": "a summary line under the table, not an application (row 4 under "
                                                  "the header)"}]


def test_xlsx_sheets_with_the_same_columns_are_one_list(con, tmp_path):
    head = ["Company", "Role", "Date Applied", "Status"]
    path = _workbook(tmp_path, {
        "2024": [head, ["Acme", "Engineer", dt.date(2024, 11, 2), "Rejected"]],
        "Notes": [["things to remember"], ["be kind to yourself"]],
        "2025": [["Applications 2025"], head, ["Beta", "Analyst", dt.date(2025, 1, 16), "Applied"],
                 ["Gamma", "Analyst", dt.date(2025, 2, 1), "Interview"]]})
    r = import_ok(con, path, None)
    assert apps(con, "company") == [("Acme",), ("Beta",), ("Gamma",)]
    assert r.warnings[0] == ("Read the sheets '2024', '2025' as one list (the same columns); the workbook's other "
                             "sheets (Notes) were not read.")


def test_xlsx_an_archive_sheet_with_columns_of_its_own_is_more_of_the_list(con, tmp_path):
    """People move closed applications to a sheet of their own, often with a column more ('Reason') or a column
    named otherwise ('Position'): its rows are more applications, each cell under its column's name or field. A
    sheet of interviews or contacts about the same companies is no more applications and is not read."""
    path = _workbook(tmp_path, {
        "Active": [["Company", "Role", "Date Applied", "Status"],
                   ["Acme", "Engineer", dt.date(2025, 3, 1), "Interviewing"],
                   ["Beta", "Analyst", dt.date(2025, 3, 4), "Applied"]],
        "Interviews": [["Company", "Role", "Interview date", "Interviewer", "Status"],
                       ["Acme", "Engineer", dt.date(2025, 3, 10), "Kim", "Done"],
                       ["Beta", "Analyst", dt.date(2025, 3, 12), "Lee", "Scheduled"]],
        "Archive": [["Position", "Company", "Status", "Date Applied", "Reason"],
                    ["Designer", "Gamma", "Rejected", dt.date(2025, 1, 5), "Went with an internal candidate"],
                    ["PM", "Delta", "Withdrew", dt.date(2025, 1, 9), "Salary too low"]],
        "Contacts": [["Name", "Company", "Title", "Status", "Last contact"],
                     ["Sam", "Epsilon", "Recruiter", "Reached out", dt.date(2025, 3, 2)],
                     ["Kim", "Zeta", "Hiring manager", "Coffee chat", dt.date(2025, 3, 3)]]})
    r = import_ok(con, path, None)
    assert apps(con, "company, role, applied_on, outcome") == [
        ("Acme", "Engineer", dt.date(2025, 3, 1), "active"), ("Beta", "Analyst", dt.date(2025, 3, 4), "active"),
        ("Gamma", "Designer", dt.date(2025, 1, 5), "rejected"), ("Delta", "PM", dt.date(2025, 1, 9), "withdrawn")]
    assert r.warnings[0] == ("Read the sheets 'Active', 'Archive' as one list, each column under the column of the "
                             "same name (a column only some sheets have is empty for the others); the workbook's "
                             "other sheets (Interviews, Contacts) were not read.")


def test_xlsx_an_archive_saying_how_far_it_got_and_how_it_ended_lines_up_with_the_lists_stage(con, tmp_path):
    """'Stage' on the open list, 'Stage reached' and 'Outcome' on the archive: how far each got is one column (named
    both ways, so the decided-by text leads back to either sheet), how it ended another."""
    path = _workbook(tmp_path, {
        "Active": [["Company", "Role", "Applied", "Stage"], ["Acme", "Engineer", dt.date(2025, 10, 6), "Final round"]],
        "Archive": [["Company", "Role", "Applied", "Stage reached", "Outcome"],
                    ["Beta", "Analyst", dt.date(2025, 9, 3), "Phone screen", "Rejected"],
                    ["Gamma", "Engineer", dt.date(2025, 9, 15), "Offer", "Declined"]]})
    import_ok(con, path, None)
    assert apps(con, "company, stage, outcome, stage_decided_by") == [
        ("Acme", "final", "active", "Stage / Stage reached = 'Final round'"),
        ("Beta", "screen", "rejected", "Stage / Stage reached = 'Phone screen'"),
        ("Gamma", "offer", "offer_declined", "Stage / Stage reached = 'Offer'")]


def test_a_summary_line_with_figures_in_two_cells_is_no_application(con):
    body = (b"Firm,Position,Applied,Status\nGoldman Sachs,Analyst,03/03/2025,Rejected\n"
            b"Citi,Analyst,03/13/2025,Applied\n,,,\nTotal sent: 12,,,Offers: 2\nOffers: 2 (1 taken),,,\n")
    r = import_ok(con, body, "t.csv")
    assert apps(con, "company") == [("Goldman Sachs",), ("Citi",)]
    assert [x["reason"] for x in r.rejects] == ["a summary line under the table, not an application"] * 2


def test_a_data_row_of_status_words_is_no_header_under_a_header_that_names_a_field(con):
    # found by the property test: 'Applied, …, In progress' names two fields, yet 'Company, Company, x' is the header
    body = b"Company,Company,x,x,x\nApplied,Applied,Applied,Applied,In progress\nAcme,Acme,a,b,c\n"
    r = import_file(con, body, "messy.csv")
    assert r.rows_read == 2 and not any("above the header" in w for w in r.warnings)


def test_a_title_line_with_a_note_in_a_cell_is_not_the_header(con):
    # a Google Sheets tab exported with its title lines: the second fills two cells, as the header does
    body = (b"Job Hunt 2025,,,\nLast updated 4/25/2025,,Goal: 5 apps/week,\n,,,\n"
            b"Company,Position,Date Applied,Status\nStripe,Data Analyst,1/6/2025,Rejected\n"
            b"Plaid,Analyst,1/8/2025,Applied\n,,,\n,,Total,2\n")
    r = import_ok(con, body, "t.csv")
    assert apps(con, "company, role, status_label") == [("Stripe", "Data Analyst", "Rejected"),
                                                        ("Plaid", "Analyst", "Applied")]
    assert "Skipped 3 line(s) above the header row." in r.warnings
    # the 'Total' line under the table is refused, and its cells are no status label and no unreadable date
    assert [x["reason"] for x in r.rejects] == ["no company or job title in this row"]
    assert not any("does not know" in w or "not dates" in w for w in r.warnings)


@pytest.mark.parametrize("body, companies", [
    # data rows whose every cell is one status word that is also a column name ('Applied') name one field, not
    # three: the header above them stays the header (found by the property test)
    (b"Company,Company,Last Update\nApplied,Applied,Applied\nApplied,Applied,Applied\n", ["Applied", "Applied"]),
    (b"Company,Last Update\nApplied,Applied\n", ["Applied"]),
    # a first line whose cells are all names Hindsight knows is the header, whatever the rows under it name
    (b"Company,Company\nApplied,In progress\n", ["Applied"]),
])
def test_a_data_row_repeating_a_column_name_is_not_the_header(con, body, companies):
    r = import_ok(con, body, "t.csv")
    assert r.rows_read == len(companies)
    assert [c for (c,) in apps(con, "company")] == companies


def test_xlsx_one_sheet_per_status_gives_each_row_its_sheets_status(con, tmp_path):
    head = ["Company", "Position", "Date applied"]
    path = _workbook(tmp_path, {
        "Applied": [head, ["Acme", "Analyst", dt.date(2025, 9, 1)]],
        "Interviewing": [head, ["Beta", "Engineer", dt.date(2025, 9, 2)], ["Gamma", "Engineer", dt.date(2025, 9, 3)]],
        "Rejected": [head, ["Delta", "Analyst", dt.date(2025, 9, 4)]],
        "Offers": [head, ["Epsilon", "Engineer", dt.date(2025, 9, 5)]]})
    r = import_ok(con, path, None)
    assert apps(con, "company, stage, outcome") == [("Acme", "applied", "active"), ("Beta", "interview", "active"),
                                                    ("Gamma", "interview", "active"), ("Delta", "applied", "rejected"),
                                                    ("Epsilon", "offer", "active")]
    assert any("Each sheet's name is the status of its rows (column 'Sheet')" in w for w in r.warnings)
    # sheets named for years are one list, with no status made up
    path = _workbook(tmp_path, {"2024": [head, ["Acme", "Analyst", dt.date(2024, 9, 1)]],
                                "2025": [head, ["Beta", "Analyst", dt.date(2025, 9, 1)]]})
    con.execute("delete from applications")
    r = import_ok(con, path, None)
    assert not any("Each sheet's name" in w for w in r.warnings)


def test_xlsx_a_group_row_over_the_header_is_not_the_header(con, tmp_path):
    path = _workbook(tmp_path, {"Tracker": [
        ["Job", None, None, "Dates", None, None],
        ["Role", "Company", "Location", "Applied", "Phone Screen", "Rejected"],
        ["Product Manager", "Monday.com", "Remote", dt.date(2025, 4, 1), dt.date(2025, 4, 8), dt.date(2025, 5, 9)],
        ["Analyst", "Gong", "NYC", dt.date(2025, 4, 2), None, None]]})
    r = import_ok(con, path, None)
    assert apps(con, "company, role, outcome") == [("Monday.com", "Product Manager", "rejected"),
                                                   ("Gong", "Analyst", "active")]
    assert r.applications_added == 2


def test_xlsx_with_real_dates(con, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Applications"
    ws.append(["Company", "Role", "Date Applied", "Status"])
    ws.append(["Acme", "Engineer", dt.datetime(2025, 1, 15), "Applied"])
    ws.append(["Beta", "Analyst", dt.date(2024, 12, 31), "Rejected"])
    ws.append(["Gamma", "PM", dt.datetime(2025, 3, 1, 23, 30), "Ghosted"])
    ws.append(["Delta", "Ops", dt.datetime(2024, 2, 29), "Offer"])
    for row in range(2, 6):
        ws.cell(row=row, column=3).number_format = "DD/MM/YYYY" if row % 2 else "m/d/yy"
    notes = wb.create_sheet("Notes")
    notes.append(["just a note"])
    path = tmp_path / "tracker.xlsx"
    wb.save(path)
    r = import_ok(con, path, None)
    assert r.file == "tracker.xlsx"
    assert (r.rows_read, r.applications_added, r.rows_rejected) == (4, 4, 0)
    assert apps(con, "company, applied_on") == [
        ("Acme", dt.date(2025, 1, 15)),
        ("Beta", dt.date(2024, 12, 31)),
        ("Gamma", dt.date(2025, 3, 1)),
        ("Delta", dt.date(2024, 2, 29)),
    ]


def test_reimport_same_file_adds_nothing(con, tmp_path):
    path = tmp_path / "again.csv"
    path.write_bytes(b"Company,Role,Status,Date Applied\n"
                     b"Acme,Engineer,Applied,2025-01-15\n"
                     b"Beta,Analyst,Rejected,2025-01-16\n"
                     b"Gamma,PM,Ghosted,2025-01-17\n")
    first = import_ok(con, path, None)
    assert (first.rows_read, first.applications_added) == (3, 3)
    after_first = counts(con)
    second = import_ok(con, path, None)
    assert second.applications_added == 0
    assert second.applications_updated == 0
    assert second.duplicates_skipped == second.rows_read == 3
    assert any("imported before" in w for w in second.warnings), second.warnings
    now = counts(con)
    assert now["applications"] == after_first["applications"]
    assert now["stage_events"] == after_first["stage_events"]
    assert now["imports"] == after_first["imports"] + 1


@pytest.mark.slow
def test_50mb_csv(empty_con, tmp_path):
    """About 50 MB and 250k rows, with a few blank and ragged lines mixed in."""
    n = 250_000
    path = tmp_path / "big.csv"
    rnd = random.Random(42)
    statuses = ["Applied", "REJECTED, PRE-R1", "Ghosted", "Interview", "Offer", "reeejected", "N/A"]
    ragged_at = {1000, 77_777, 249_999}
    blank_at = {5, 123_456}
    filler = "lorem ipsum dolor sit amet " * 8
    t0 = time.monotonic()
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Company", "Job Title", "Date Applied", "Status", "Salary", "Source", "Notes"])
        for i in range(n):
            if i in blank_at:
                w.writerow(["", " ", "", "", "", "", ""])
            elif i in ragged_at:
                w.writerow([f"Ragged {i}", "Engineer", "2024-05-05"])
            else:
                w.writerow([f"Company {i}", f"Engineer {i % 97}", f"{i % 28 + 1}/{i % 12 + 1}/2024",
                            statuses[i % len(statuses)], f"${100 + i % 50}k-{150 + i % 50}k", "LinkedIn",
                            filler[: rnd.randint(120, 200)]])
    size = path.stat().st_size
    assert 45e6 < size < 60e6, f"the test file should be about 50 MB, is {size / 1e6:.1f} MB"
    r = import_ok(empty_con, path, None)
    elapsed = time.monotonic() - t0
    assert r.rows_read == n - len(blank_at)
    assert r.rows_rejected == len(ragged_at)
    assert sorted(x["line"] for x in r.rejects) == sorted(i + 2 for i in ragged_at)
    assert r.applications_added == n - len(blank_at) - len(ragged_at)
    assert any("Skipped 2 empty row(s)" in w for w in r.warnings), r.warnings
    assert elapsed < 60, f"a 50 MB import took {elapsed:.0f} s"


# -- the command line -----------------------------------------------------------------------------------------


def run_cli(*args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("content, reason", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "is a PNG image, not a spreadsheet"),
    (b"", "is empty: there is nothing to import"),
    (b"a,b,c\n1,2,3\n", "no column that could be a company or a job title"),
    (b'{"jobs": [{"Company": "Acme"}]}', "is a JSON file, not a spreadsheet"),
], ids=["png", "empty", "no-company", "json"])
def test_cli_bad_file_exits_2_with_reason(tmp_path, content, reason):
    db = tmp_path / "h.duckdb"
    good = tmp_path / "good.csv"
    good.write_bytes(SEED_CSV)
    ok = run_cli("import", good, "--db", db, "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["imports"][0]["applications_added"] == 2
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    res = run_cli("import", bad, "--db", db, "--json")
    assert res.returncode == 2, f"exit {res.returncode}; stderr: {res.stderr}"
    assert reason in res.stderr
    assert "bad.csv" in res.stderr, "the reason names the file"
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    assert res.stdout.strip() == "", "nothing on stdout when the import is refused"
    c = store.connect(db)
    try:
        assert counts(c)["applications"] == 2 and counts(c)["imports"] == 1, "a refused file changed the database"
    finally:
        c.close()


def test_the_header_again_and_a_heading_between_blocks_are_refused_with_their_lines(con):
    body = (b"Company,Role,Status,Date Applied\nAcme,Dev,Applied,2025-01-02\nBeta,Dev,Rejected,2025-01-03\n\n"
            b"March 2025,,,\nCompany,Role,Status,Date Applied\nGamma,Dev,Interview,2025-03-04\n------,,,\n")
    r = import_ok(con, body, "blocks.csv")
    assert apps(con, "company") == [("Acme",), ("Beta",), ("Gamma",)]
    assert sorted((x["line"], x["reason"]) for x in r.rejects) == [
        (5, "a heading between the rows (a month, a year, a line), not an application"),
        (6, "the header row again, not an application"),
        (8, "a heading between the rows (a month, a year, a line), not an application")]
    assert not r.unmapped_labels and not any("not dates" in w for w in r.warnings)  # the header's words are no data
    assert r.rows_read == r.applications_added + r.rows_rejected


def test_a_company_alone_in_its_row_whose_name_starts_like_a_month_is_an_application(con):
    """The heading rule reads whole month words: 'Novartis', 'Mayfield' and 'Sephora' are companies."""
    r = import_ok(con, b"Company\nNovartis\nMayfield\nSephora\nMarch 2025\n", "names.csv")
    assert apps(con, "company") == [("Novartis",), ("Mayfield",), ("Sephora",)]
    assert [x["reason"] for x in r.rejects] == [
        "a heading between the rows (a month, a year, a line), not an application"]


def test_xlsx_a_company_merged_down_over_its_jobs_names_each_of_them(con, tmp_path):
    """'Amazon' merged over three rows (the sheet starting at column B): each of the three jobs is Amazon's; a title
    merged across the columns above the table stays a title."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["B1"] = "Job search 2025"
    ws.merge_cells("B1:E1")
    for i, row in enumerate([["Company", "Role", "Applied", "Status"],
                             ["Amazon", "Data Engineer", dt.date(2025, 3, 3), "Rejected"],
                             [None, "BI Engineer", dt.date(2025, 3, 4), "Applied"],
                             [None, "Analyst", dt.date(2025, 3, 5), "Interview"],
                             ["Microsoft", "Data Engineer", dt.date(2025, 3, 6), "Applied"]], start=3):
        for j, v in enumerate(row):
            ws.cell(row=i, column=2 + j, value=v)
    ws.merge_cells("B4:B6")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    import_ok(con, path, None)
    assert apps(con, "company, role") == [("Amazon", "Data Engineer"), ("Amazon", "BI Engineer"),
                                         ("Amazon", "Analyst"), ("Microsoft", "Data Engineer")]


def test_a_key_above_the_header_says_what_a_columns_numbers_mean(con):
    body = (b'"Stage key: 1 = applied, 2 = recruiter screen, 3 = interviews, 4 = final round, 5 = offer",,\n'
            b"Company,Role,Stage\nAcme,Analyst,1\nBeta,Engineer,3\nGamma,PM,5\nDelta,Ops,2\n")
    res = import_file(con, body, "key.csv")
    assert apps(con, "company, stage") == [("Acme", "applied"), ("Beta", "interview"), ("Gamma", "offer"),
                                           ("Delta", "screen")]
    assert any("The line above the header says what the numbers in 'Stage' mean" in w for w in res.warnings)


def test_a_legend_written_beside_the_table_is_not_its_status_column(con):
    """'AP | applied', 'PS | phone screen' in columns right of an empty one, ending before the table does: a legend
    beside the table. It is never read as the status (its words would land on the wrong rows); the plan says so."""
    body = (b"Co,Role,Date,Code,,Legend,\nStripe,Analyst,2/3/2025,AP>NR,,AP,applied\n"
            b"Airbnb,Analyst,2/4/2025,PS>X,,PS,phone screen\nLyft,Analyst,2/5/2025,AP>X,,X,rejected\n"
            b"Reddit,Analyst,2/6/2025,AP,,,\nEtsy,Analyst,2/7/2025,PS,,,\nZillow,Analyst,2/8/2025,PS>X,,,\n")
    plan = inspect(con, body, "t.csv")
    assert "Legend" not in plan.mapping.values() and "Column 7" not in plan.mapping.values()
    assert any("a note or a legend beside the table" in w for w in plan.warnings)


def test_a_sparse_notes_column_after_a_spacer_is_still_the_tables(con):
    body = (b"Company,Role,Date applied,Status,,Notes\nAcme,Analyst,2025-01-01,Applied,,great team\n"
            b"Beta,Analyst,2025-01-02,Rejected,,\nGamma,Analyst,2025-01-03,Applied,,\nDelta,Analyst,2025-01-04,Applied,,\n"
            b"Eps,Analyst,2025-01-05,Applied,,\nZeta,Analyst,2025-01-06,Applied,,\n")
    plan = inspect(con, body, "t.csv")
    assert plan.mapping.get("notes") == "Notes"
    assert not any("beside the table" in w for w in plan.warnings)


def test_french_in_windows_1252_with_aout_is_not_read_as_hungarian(con):
    body = "Entreprise;Poste;Date;Statut\nSociété Générale;Analyste;12 août 2024;Refusé\n".encode("cp1252") * 1
    r = import_ok(con, body, "fr.csv")
    assert apps(con, "company") == [("Société Générale",)]
    assert "windows-1250" not in " ".join(r.warnings).lower() and "cp1250" not in " ".join(r.warnings)
