"""Exports: a real export round-trips through CSV and XLSX; formulas are neutralised; the HTML report is one
self-contained file with every piece of user text escaped; the CLI writes all three."""

import io
import subprocess
import sys
from datetime import date

import pytest
from python_calamine import CalamineWorkbook

from analysis import store
from analysis.export import cleaned_applications, html_report, status_label, to_csv_bytes, to_xlsx_bytes
from analysis.filters import Filters
from analysis.ingest.importer import ImportOptions, import_file
from tests.conftest import REALDATA, ROOT

F = Filters(as_of=date(2026, 11, 21))
DOMAIN = ["applied", "screen", "interview", "final", "offer", "hired"]


def snapshot(con):
    return sorted(con.execute("""
        select company, role, applied_on, outcome,
               ['applied','screen','interview','final','offer','hired'][
                   greatest((select max(list_position(['applied','screen','interview','final','offer','hired'],
                                                      e.stage))
                             from stage_events e where e.app_id = a.app_id), list_position(
                             ['applied','screen','interview','final','offer','hired'], a.stage))]
        from applications a""").fetchall(), key=str)


@pytest.mark.realdata
@pytest.mark.parametrize("name", ["status_and_notes_no_year_dates.csv", "stage_transitions_edges.csv",
                                  "huntr_export_sample.csv", "uk_dates_mixed.csv"])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_round_trip(con, name, kind):
    import_file(con, REALDATA / name, options=ImportOptions(year=2024))
    df = cleaned_applications(con, F)
    data = to_csv_bytes(df) if kind == "csv" else to_xlsx_bytes(df)
    fresh = store.connect(":memory:")
    res = import_file(fresh, data, f"export.{kind}")
    assert res.unmapped_labels == [] and res.rows_rejected == 0
    assert snapshot(fresh) == snapshot(con)


@pytest.mark.parametrize("stage", DOMAIN)
@pytest.mark.parametrize("outcome", ["active", "rejected", "ghosted", "withdrawn", "closed"])
def test_every_status_label_reads_back(stage, outcome):
    from analysis.domain import status_meaning

    if stage == "hired":
        return
    m = status_meaning(status_label(stage, outcome))
    assert (m.stage, m.outcome) == (stage, outcome)


def test_formulas_are_neutralised_and_come_back_as_text(con):
    body = b'Company,Role,Notes\n"=HYPERLINK(""http://x"",""click"")",+Analyst,@SUM(1)\n-Minus,Dev,plain\n'
    import_file(con, body, "t.csv")
    df = cleaned_applications(con, F)
    assert set(df["Company"]) == {"'=HYPERLINK(\"http://x\",\"click\")", "'-Minus"}
    assert df.loc[df["Company"].str.startswith("'="), "Role"].item() == "'+Analyst"
    xlsx = CalamineWorkbook.from_filelike(io.BytesIO(to_xlsx_bytes(df))).get_sheet_by_index(0).to_python()
    assert xlsx[1][0].startswith("'=")
    fresh = store.connect(":memory:")
    import_file(fresh, to_csv_bytes(df), "back.csv")
    assert sorted(r[0] for r in fresh.execute("select company from applications").fetchall()) == [
        "-Minus", '=HYPERLINK("http://x","click")']


@pytest.mark.realdata
def test_html_report_is_self_contained_and_escapes_user_text(con):
    import_file(con, REALDATA / "status_and_notes_no_year_dates.csv", options=ImportOptions(year=2024))
    from analysis.followups import add_action

    add_action(con, "<script>alert('x')</script> practise", date(2026, 12, 1))
    page = html_report(con, F)
    assert "<script>alert('x')</script>" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    import re

    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?https?:", page)  # nothing to fetch
    assert page.count("Plotly.newPlot") >= 4 and "What stands out" in page


def test_html_report_of_an_empty_database_says_so(con):
    page = html_report(con, F)
    assert "0 applications" in page and "Not enough data for findings yet." in page
    assert "No action items yet." in page and "<ol>" not in page


def test_html_report_suggests_only_for_reasons_a_person_can_act_on(con):
    rows = "".join(f"C{i},Rejected,{text}\n" for i, text in enumerate(
        ["Lack of Spark experience"] * 2 + ["We went with a stronger candidate"] * 3))
    import_file(con, f"Company,Status,Feedback\n{rows}".encode(), "t.csv")
    page = html_report(con, F)
    assert "<b>Skills gap</b> (2)" in page and "<b>Went with another candidate</b>" not in page


@pytest.mark.realdata
def test_cli_export_all_three(tmp_path):
    db = str(tmp_path / "h.duckdb")
    subprocess.run([sys.executable, "-m", "analysis", "import", str(REALDATA / "uk_dates_mixed.csv"), "--db", db],
                   check=True, capture_output=True, cwd=ROOT)
    for fmt in ("html", "csv", "xlsx"):
        out = tmp_path / f"out.{fmt}"
        p = subprocess.run([sys.executable, "-m", "analysis", "export", "--format", fmt, "--out", str(out), "--db", db],
                           capture_output=True, text=True, cwd=ROOT)
        assert p.returncode == 0, p.stderr
        assert out.stat().st_size > 500
    bad = subprocess.run([sys.executable, "-m", "analysis", "export", "--format", "csv", "--out",
                          str(tmp_path / "no" / "dir" / "x.csv"), "--db", db], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "Cannot write" in bad.stderr


def test_report_prints_well_and_lists_every_application(con):
    import re

    from analysis.export import PRINT_WIDTH, html_report, proof_html, proof_of_applications

    import_file(con, b"Company,Role,Source,Date Applied,Status\nAcme,Data Engineer,LinkedIn,2025-01-02,Rejected\n"
                     b"Beta,,Referral,2025-01-05,Applied\nGamma,Analyst,,,Interview\n", "t.csv")
    filters = Filters(as_of=date(2025, 3, 1))
    proof = proof_of_applications(con, filters)
    assert proof.values.tolist() == [["2025-01-02", "Acme", "Data Engineer", "LinkedIn", "Rejected"],
                                     ["2025-01-05", "Beta", "", "Referral", "Ghosted"],
                                     ["", "Gamma", "Analyst", "", "Still active"]]
    page = html_report(con, filters)
    assert "@media print" in page and "break-inside:avoid" in page and "@page{size:A4" in page
    assert "Applications sent (3)" in page and "<td>Acme</td><td>Data Engineer</td>" in page
    assert ">None<" not in page and ">nan<" not in page  # no empty value printed as None
    widths = {int(w) for w in re.findall(r'"width":\s*(\d+)', page)}
    assert widths and max(widths) <= PRINT_WIDTH  # every chart fits an A4 page
    alone = proof_html(con, filters)
    assert "<td>Gamma</td>" in alone and "newpage" not in alone.split("<body>")[1]
