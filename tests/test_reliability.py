"""Reliability: the rest of the bad-input corpus, a kill -9 in the middle of an import, and an import while the
dashboard holds the database."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import date

import pytest

from analysis import store
from analysis.ingest.importer import ImportOptions, import_file
from tests.conftest import APP, REALDATA, ROOT


def test_duplicated_headers_keep_both_columns(con):
    res = import_file(con, b"Company,Role,Notes,Notes\nAcme,Dev,first,second\n", "t.csv")
    assert res.applications_added == 1
    from analysis.applications import original_row

    raw = original_row(con, 1)
    assert raw == {"Company": "Acme", "Role": "Dev", "Notes": "first", "Notes (2)": "second"}


def test_two_hundred_columns(con):
    header = ["Company", "Role"] + [f"Extra {i}" for i in range(198)]
    body = ",".join(header) + "\n" + ",".join(["Acme", "Dev"] + [str(i) for i in range(198)]) + "\n"
    res = import_file(con, body.encode(), "wide.csv")
    assert res.applications_added == 1
    from analysis.applications import original_row

    raw = original_row(con, 1)
    assert len(raw) == 200 and raw["Extra 197"] == "197"


def test_one_column_file(con):
    res = import_file(con, b"Company\nAcme\nBeta\n", "one.csv")
    assert res.applications_added == 2


def test_one_column_without_a_company_is_refused(con):
    from analysis.ingest.read import BadInput

    with pytest.raises(BadInput, match="company or a job title"):
        import_file(con, b"Thoughts\nhmm\n", "one.csv")


def test_formulas_in_cells_are_stored_as_text(con):
    import_file(con, b'Company,Role\n"=1+1",@cmd\n', "f.csv")
    assert con.execute("select company, role from applications").fetchall() == [("=1+1", "@cmd")]


def test_nul_bytes_are_removed_and_said(con):
    res = import_file(con, b"Company,Role\nAc\x00me,Dev\n", "nul.csv")
    assert con.execute("select company from applications").fetchall() == [("Acme",)]
    assert any("NUL" in w for w in res.warnings)


def test_dates_far_in_the_future_or_before_1990_are_kept_and_flagged(con):
    res = import_file(con, b"Company,Date Applied\nA,2099-01-01\nB,1985-05-05\nC,2025-01-01\n", "d.csv",
                      ImportOptions(as_of=date(2025, 6, 1)))
    assert con.execute("select count(*) from applications where applied_on is not null").fetchall()[0][0] == 3
    assert any("before 1990 or more than a year in the future" in w and w.startswith("2 ") for w in res.warnings)


def test_negative_salaries_are_left_empty_and_said(con):
    res = import_file(con, b'Company,Salary\nA,-50000\nB,"$60,000"\n', "s.csv")
    got = dict(con.execute("select company, salary_min from applications").fetchall())
    assert got["A"] is None and got["B"] == 60000 and any("negative" in w for w in res.warnings)


def _state(db) -> list:
    con = store.connect(db, read_only=True)
    try:
        return con.execute("""select (select count(*) from applications), (select count(*) from stage_events),
                                     (select count(*) from imports), (select count(*) from import_rejects),
                                     (select md5(string_agg(app_key || content_hash, ',' order by app_id))
                                      from applications)""").fetchall()
    finally:
        con.close()


@pytest.mark.realdata
def test_kill_nine_midway_leaves_the_state_before(tmp_path):
    db = tmp_path / "h.duckdb"
    con = store.connect(db)
    import_file(con, REALDATA / "uk_dates_mixed.csv")
    con.close()
    before = _state(db)
    big = tmp_path / "big.csv"
    with big.open("w") as fh:
        fh.write("Company,Role,Date Applied,Status,Notes\n")
        for i in range(1_000_000):
            fh.write(f"Company {i},Engineer {i % 50},2025-0{1 + i % 9}-{1 + i % 28:02d},Applied,note {i}\n")
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "import", str(big), "--db", str(db)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.5)  # well into reading and normalising a million rows, before the commit
    still_running = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert still_running, "the import finished before it could be killed; make the file bigger"
    assert _state(db) == before


@pytest.mark.realdata
def test_cli_import_while_the_dashboard_holds_the_database(isolated_db):
    from streamlit.testing.v1 import AppTest

    con = store.connect(isolated_db)
    import_file(con, REALDATA / "uk_dates_mixed.csv")
    con.close()
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.run()  # the dashboard's session opens the database in this process
    assert not at.exception
    out = subprocess.run([sys.executable, "-m", "analysis", "import", str(REALDATA / "huntr_export_sample.csv"),
                          "--db", str(isolated_db)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 2
    assert "in use by another program" in out.stderr and "Upload page" in out.stderr
    assert "Traceback" not in out.stderr
