"""Every export format and shape Hindsight reads, on small files of our own (tests/fixtures/exports/): the repository
tests itself without ../shared. Each file is made up but laid out as the tool writes it (header, date style,
encoding, delimiter), and the expectations are what a careful reader gets from it by eye."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from analysis.applications import original_row
from analysis.ingest.importer import ImportOptions, import_file
from analysis.ingest.original import original_file

EXPORTS = Path(__file__).parent / "fixtures" / "exports"
AS_OF = date(2025, 12, 1)

# file -> (format, shape, rows read, applications added, {(furthest stage, outcome): count})
EXPECTED = {
    # LinkedIn's export has no status: every row was sent and nothing answered in it
    "linkedin_job_applications.csv": ("linkedin", "status", 3, 3, {("applied", "active"): 3}),
    # LinkedIn's saved jobs were never sent: drafts, kept apart and out of the funnel
    "linkedin_saved_jobs.csv": ("linkedin_saved", "status", 2, 2, {("applied", "not_applied"): 2}),
    # Huntr lists one job on two boards with the same id: the second is a duplicate
    "huntr_jobs.csv": ("huntr", "status", 4, 3, {("applied", "active"): 1, ("interview", "active"): 1,
                                                  ("applied", "rejected"): 1}),
    "jobsync.csv": ("jobsync", "status", 3, 3, {("applied", "active"): 1, ("interview", "active"): 1,
                                                ("applied", "rejected"): 1}),
    # Teal's 'Bookmarked' row has no application date: a saved job, not an application
    "teal.csv": ("teal", "status", 3, 3, {("applied", "active"): 1, ("interview", "active"): 1,
                                          ("applied", "not_applied"): 1}),
    "simplify.csv": ("simplify", "status", 3, 3, {("applied", "active"): 1, ("applied", "rejected"): 1,
                                                  ("offer", "active"): 1}),
    # German, semicolons, Windows-1252, day-first dates: 'Absage' is a rejection, 'Vorstellungsgespräch' an interview
    "status_semicolon_cp1252.csv": ("generic", "status", 3, 3, {("applied", "rejected"): 1,
                                                                 ("interview", "active"): 1,
                                                                 ("applied", "active"): 1}),
    # Excel's "Unicode text": UTF-16 with a BOM, tab-separated
    "unicode_text_utf16.txt": ("generic", "status", 2, 2, {("applied", "active"): 1, ("applied", "rejected"): 1}),
    # a workbook: the first sheet with a table is read, real dates and numbers become text as shown
    "tracker.xlsx": ("generic", "status", 3, 3, {("interview", "active"): 1, ("applied", "ghosted"): 1,
                                                 ("offer", "active"): 1}),
    # a date in a stage column says it was reached; an N ends it there; a blank row is open
    "stage_columns.tsv": ("generic", "stage_columns", 3, 3, {("interview", "active"): 1, ("screen", "rejected"): 1,
                                                            ("applied", "active"): 1}),
    # one row per step of a chain, the company only on its first row
    "edge_list.csv": ("generic", "edge_list", 3, 3, {("interview", "rejected"): 1, ("hired", "hired"): 1,
                                                    ("applied", "ghosted"): 1}),
    # one row per event, interleaved between applications
    "event_log.csv": ("generic", "event_log", 2, 2, {("screen", "rejected"): 1, ("interview", "active"): 1}),
}


def test_every_fixture_has_expectations():
    assert sorted(p.name for p in EXPORTS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_export_imports_as_a_careful_reader_reads_it(con, name):
    fmt, shape, rows, added, mix = EXPECTED[name]
    res = import_file(con, EXPORTS / name, options=ImportOptions(as_of=AS_OF))
    assert (res.format, res.shape, res.rows_read, res.applications_added, res.rows_rejected) == (
        fmt, shape, rows, added, 0), res.warnings
    got = dict(((s, o), n) for s, o, n in con.execute(
        "select stage, outcome, count(*) from applications group by all").fetchall())
    assert got == mix
    assert con.execute("select count(*) from applications where outcome_decided_by is null "
                       "and outcome <> 'active'").fetchall()[0][0] == 0, "every ending says which cell decided it"
    assert original_file(con, res.import_id)[1] == (EXPORTS / name).read_bytes()
    first = con.execute("select min(app_id) from applications").fetchall()[0][0]
    assert original_row(con, first), "the row can be shown as it was"


def test_the_cp1252_file_reads_its_accents_and_day_first_dates(con):
    import_file(con, EXPORTS / "status_semicolon_cp1252.csv", options=ImportOptions(as_of=AS_OF))
    assert con.execute("select company, applied_on::varchar from applications order by applied_on").fetchall() == [
        ("Bäckerei Müller GmbH", "2025-02-03"), ("Straßenbahn AG", "2025-02-10"), ("Café Crème SARL", "2025-02-14")]


def test_the_saved_jobs_say_why_they_are_drafts(con):
    import_file(con, EXPORTS / "linkedin_saved_jobs.csv", options=ImportOptions(as_of=AS_OF))
    assert {r[0] for r in con.execute("select outcome_decided_by from applications").fetchall()} == {
        "every row of this linkedin_saved export is 'Saved'"}
