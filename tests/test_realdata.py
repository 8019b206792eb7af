"""Every real export in ../shared/realdata imports unedited, with the counts a careful reader gets.

The expected numbers were read off the files by hand; the comments say how.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from analysis.filters import Filters
from analysis.funnel import outcome_counts, stage_counts
from analysis.ingest.importer import ImportOptions, import_file
from tests.conftest import REALDATA, ROOT

pytestmark = pytest.mark.realdata

AS_OF = date(2026, 11, 21)

# file -> what a careful person reads off it
EXPECTED = {
    "linkedin_export_job_applications.csv": dict(
        format="linkedin", shape="status", rows=31, apps=31, dups=0, rejected=0, file_ghosted=0,
        # LinkedIn's export has no status at all: every row is an application that got no recorded answer
        furthest={"applied": 31}, months={("Multi Recruit", "Associate Data Scientist"): "2023-11",
                                           ("CloudCity", "Digital Marketing Intern"): "2021-01",
                                           ("TCS", "ML/AI Developer"): "2024-02"}),
    "huntr_export_sample.csv": dict(
        # 4 jobs listed on two boards each (same Huntr id, same company): 4 duplicates; the two hand-edited
        # rows reuse ids with another company and title, so they are applications of their own
        format="huntr", shape="status", rows=10, apps=6, dups=4, rejected=3, file_ghosted=0,
        furthest={"applied": 5, "interview": 1}, months={("Yext", "2022 Software Engineer Summer Intern"): "2022-02"}),
    "stage_columns_yn_2025.csv": dict(
        # 71 'Auto Rejected = Y' plus 8 rows with an N in a stage column; G twice (Rebrandly, Tactiq);
        # 99 rows blank everywhere (no answer yet, no dates to measure silence by)
        format="generic", shape="stage_columns", rows=199, apps=199, dups=0, rejected=79, file_ghosted=2,
        furthest={"applied": 172, "screen": 10, "interview": 10, "final": 5, "offer": 2}, months={}),
    "stage_transitions_edges.csv": dict(
        # 100 companies, each a chain; terminals: 31 Withdrew, 23 No Response, 16 Rejected, 14 Auto-Rejected,
        # 9 Offer Accepted, 7 Offer Declined
        format="generic", shape="edge_list", rows=100, apps=100, dups=0, rejected=30, file_ghosted=23,
        furthest={"applied": 39, "screen": 35, "interview": 8, "final": 2, "offer": 7, "hired": 9}, months={}),
    "status_and_notes_no_year_dates.csv": dict(
        # 44 REJECTED PRE-R1 + 5 POST-R1 + 4 POST FINAL ROUND; 15 TIMED OUT; 3 OFFERED
        format="generic", shape="status", rows=133, apps=133, dups=0, rejected=53, file_ghosted=15,
        furthest={"applied": 113, "screen": 5, "interview": 5, "final": 7, "offer": 3},
        months={("Zeta", "Principal Engineer"): "05", ("Twilio", "Staff Engineer"): "07",
                ("Zillow", "Senior Applications Developer"): "05"}),
    "status_notes_missing_dates.csv": dict(
        # 15 'rejected'; five notes tell of interviews (four, three, two, five interviews; 'Interviewed');
        # 'never heard back' is the person saying they were ghosted
        format="generic", shape="status", rows=38, apps=38, dups=0, rejected=15, file_ghosted=1,
        furthest={"applied": 33, "interview": 5},
        months={("Traild", "Technical Lead - Payment Infrastructure"): "2026-05",
                ("Paragon", "Infrastructure Automation Engineer"): "2026-03"}),
    "eu_status_with_counts.csv": dict(
        # 134 'Denied' + '1 Interview + Denied' + '2 Interviews + Denied' (the company's no, after interviews);
        # 96 'Not Responded' (silence, never an offer); 2 'I Denied' (the candidate's own no). The company column
        # has no header; four all-comma separator rows are blank; the footer 'CVs sent: 234' is no application.
        format="generic", shape="status", rows=235, apps=234, dups=0, rejected=136, file_ghosted=96, withdrawn=2,
        rejected_rows=1, furthest={"applied": 232, "interview": 2},
        months={("FRISS", "ML Engineer"): "2021-10", ("Creative Clicks", "Data Analyst"): "2021-10"}),
    "obsidian_dataview_export.csv": dict(
        # 95 rejected, 39 ghosted, 15 waiting, 2 interviewing; the five 'open' notes have no application date
        # while every other row has one: drafts, kept apart, not applications. Five rows carry an interview date.
        format="generic", shape="status", rows=156, apps=156, dups=0, rejected=95, file_ghosted=39, not_applied=5,
        furthest={"applied": 146, "interview": 5}, months={("Nortal", "Product Owner"): "2026-03"}),
    "uk_stage_yesno_anonymized.csv": dict(
        # 100 applications (companies removed by the author); rows 101-200 hold only their number. First, Tech,
        # Final as steps: 13 First = Yes plus two 'Skip' with Tech = Yes reach the first step (15), Tech = Yes 7,
        # Final = Yes 3. 'Outcome' = 'No' (56): the process ended without an offer. Blank rows are still open.
        format="generic", shape="stage_columns", rows=100, apps=100, dups=0, rejected=56, file_ghosted=0,
        furthest={"applied": 85, "screen": 8, "interview": 4, "final": 3}, months={}),
    "us_response_vs_offer.csv": dict(
        # 'Response?' is the status: 114 Ghosted, 49 Rejected + 2 'Inter + Rejec', 1 'Position Removed' (closed),
        # 10 Interview and 1 Offer still open. 'Job Offer' = No is no offer, not a rejection; its two Yes reach the
        # offer. 'Date Interview' dates nine interviews. The same company twice on different dates is two
        # applications; one row appears twice word for word (flagged, not merged).
        format="generic", shape="status", rows=177, apps=177, dups=0, rejected=51, file_ghosted=114, closed=1,
        furthest={"applied": 164, "interview": 11, "offer": 2},
        months={("Monterey County", "Systems Analyst II"): "2021-11"}),
    "uk_dates_mixed.csv": dict(
        # day-first dates (15/01/2025); 'Before 2025-01-24' read as that day; 3 'Suspected Ghost Job'
        format="generic", shape="status", rows=23, apps=23, dups=0, rejected=2, file_ghosted=3,
        furthest={"applied": 23}, months={("Shelter", "Business Intelligence Analyst"): "2025-01",
                                          ("RNLI (via Hays)", "RNLI Job"): "2025-01"}),
}


def test_every_real_file_has_expectations():
    assert sorted(p.name for p in REALDATA.glob("*.csv")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_file_imports_with_the_counts_a_careful_reader_gets(con, name):
    exp = EXPECTED[name]
    res = import_file(con, REALDATA / name, options=ImportOptions(as_of=AS_OF))
    assert (res.format, res.shape) == (exp["format"], exp["shape"])
    assert res.rows_read == exp["rows"]
    assert res.applications_added == exp["apps"]
    assert res.duplicates_skipped == exp["dups"]
    assert res.rows_rejected == exp.get("rejected_rows", 0)
    assert res.rows_read == (res.applications_added + res.applications_updated + res.duplicates_skipped
                             + res.rows_rejected)
    assert res.unmapped_labels == []
    stored = dict(con.execute("select outcome, count(*) from applications group by 1").fetchall())
    assert stored.get("rejected", 0) == exp["rejected"]
    assert stored.get("ghosted", 0) == exp["file_ghosted"]
    for outcome in ("withdrawn", "closed", "not_applied"):
        if outcome in exp:
            assert stored.get(outcome, 0) == exp[outcome], outcome
    furthest = dict(con.execute(
        "with f as (select a.app_id, max(case e.stage when 'applied' then 0 when 'screen' then 1 "
        "when 'interview' then 2 when 'final' then 3 when 'offer' then 4 when 'hired' then 5 end) as r "
        "from applications a left join stage_events e using (app_id) where a.outcome <> 'not_applied' group by 1) "
        "select ['applied','screen','interview','final','offer','hired'][coalesce(r, 0) + 1], count(*) "
        "from f group by 1"
    ).fetchall())
    assert furthest == exp["furthest"]
    for (company, role), month in exp["months"].items():
        got = con.execute("select strftime(applied_on, '%Y-%m') from applications where company = ? and role = ?",
                          [company, role]).fetchall()
        assert got, f"{company} / {role} not imported"
        assert got[0][0].endswith(month) if len(month) == 2 else got[0][0] == month, (company, got)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_funnel_never_rises_and_outcomes_add_up(con, name):
    import_file(con, REALDATA / name, options=ImportOptions(as_of=AS_OF))
    stages = stage_counts(con, Filters(as_of=AS_OF))
    reached = list(stages["reached"])
    assert reached == sorted(reached, reverse=True)
    apps = EXPECTED[name]["apps"] - EXPECTED[name].get("not_applied", 0)
    assert reached[0] == apps
    assert sum(outcome_counts(con, Filters(as_of=AS_OF)).values()) == apps


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_file_through_the_cli(tmp_path, name):
    db = tmp_path / "h.duckdb"
    out = subprocess.run([sys.executable, "-m", "analysis", "import", str(REALDATA / name), "--db", str(db), "--json",
                          "--as-of", AS_OF.isoformat()], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    imp = json.loads(out.stdout)["imports"][0]
    assert imp["rows_read"] == EXPECTED[name]["rows"]
    assert imp["applications_added"] == EXPECTED[name]["apps"]
    again = subprocess.run([sys.executable, "-m", "analysis", "import", str(REALDATA / name), "--db", str(db),
                            "--json"],
                           capture_output=True, text=True, cwd=ROOT, timeout=120)
    imp2 = json.loads(again.stdout)["imports"][0]
    assert imp2["applications_added"] == 0
    assert imp2["duplicates_skipped"] + imp2["rows_rejected"] == imp2["rows_read"] == EXPECTED[name]["rows"]
    rep = subprocess.run([sys.executable, "-m", "analysis", "report", "--db", str(db), "--json", "--as-of",
                          AS_OF.isoformat()], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert rep.returncode == 0, rep.stderr
    report = json.loads(rep.stdout)
    assert report["applications"] == EXPECTED[name]["apps"] - EXPECTED[name].get("not_applied", 0)
    assert [r["stage"] for r in report["funnel"]] == ["applied", "screen", "interview", "final", "offer", "hired"]
    # the plan shown before the import is what the report finds after it
    assert imp["outcomes"] == report["outcomes"]
    assert imp["reached"] == {r["stage"]: r["reached"] for r in report["funnel"]}


def test_uk_file_reads_day_first_and_says_so_nowhere_it_did_not_guess(con):
    res = import_file(con, REALDATA / "uk_dates_mixed.csv")
    days = con.execute("select applied_on::varchar from applications where company = 'Iglu.Com'").fetchall()
    assert days == [("2025-01-15",)]
    assert any("approximate" in w and "Before 2025-01-24" in w for w in res.warnings)


def test_yearless_dates_are_reported_as_a_guess(con):
    res = import_file(con, REALDATA / "status_and_notes_no_year_dates.csv", options=ImportOptions(as_of=AS_OF))
    assert any("no year" in w and "'May 9'" in w for w in res.warnings)
    assert con.execute("select count(*) from applications where applied_on is null").fetchall()[0][0] == 0


def test_yearless_dates_take_the_year_the_user_gives(con):
    import_file(con, REALDATA / "status_and_notes_no_year_dates.csv", options=ImportOptions(year=2024))
    assert con.execute("select min(applied_on)::varchar, max(applied_on)::varchar from applications").fetchall() == [
        ("2024-05-02", "2024-07-27")]


def test_same_posting_twice_is_flagged_not_merged(con):
    res = import_file(con, REALDATA / "status_notes_missing_dates.csv")
    flagged = con.execute("""select a.role, b.role from applications a join applications b
                             on a.likely_duplicate_of = b.app_id order by 1""").fetchall()
    assert flagged == [("Center IT Infrastructure Engineer", "Data Center IT Infrastructure Engineer"),
                       ("Senior SRE", "Senior SRE Engineer")]
    assert res.likely_duplicates == 2


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_application_reads_its_own_row_back_from_the_kept_file(con, name):
    """The file is kept once per import; each application's row number finds the row it was read from: the
    company cell there is the company the application shows."""
    from analysis.applications import original_row, row_origin
    from analysis.ingest.original import original_file

    path = REALDATA / name
    res = import_file(con, path, options=ImportOptions(as_of=AS_OF))
    assert original_file(con, res.import_id)[1] == path.read_bytes()
    mapping = json.loads(con.execute("select mapping from imports").fetchall()[0][0])["mapping"]
    company_col = mapping.get("company")
    apps = con.execute("select app_id, company from applications where source_rows is null order by app_id "
                       "limit 60").fetchall()
    assert apps, name
    for app_id, company in apps:
        row = original_row(con, app_id)
        assert row, (name, app_id)
        assert row_origin(con, app_id)["lines"], (name, app_id)  # a line a person finds the row on
        if company_col and company:
            cell = " ".join(str(row[company_col] or "").split()).lower()
            assert " ".join(company.split()).lower() in cell, (name, app_id, company, row)


def test_original_row_is_read_back_from_the_kept_file(con):
    import_file(con, REALDATA / "linkedin_export_job_applications.csv")
    from analysis.applications import original_row

    app = con.execute("select app_id from applications where company = 'Multi Recruit'").fetchall()[0][0]
    row = original_row(con, app)
    assert row["Resume Name"] == "resume.pdf"
    assert "Question And Answers" in row and row["Contact Phone Number"] == " +000000000000"
