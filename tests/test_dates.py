"""Dates as people type them: each form, the day/month decision, yearless dates."""

from datetime import date

import pytest

from analysis.ingest.importer import ImportOptions, import_file

FORMS = [
    ("2025-01-15", "2025-01-15"), ("15/01/2025", "2025-01-15"), ("14 Jan 2026", "2026-01-14"),
    ("Jan 14, 2026", "2026-01-14"), ("January 14 2026", "2026-01-14"), ("11/13/23, 9:42 AM", "2023-11-13"),
    ("45672", "2025-01-15"), ("Before 2025-01-24", "2025-01-24"), ("2022-02-26 19:17:05", "2022-02-26"),
    ("Wed, 15 Jan 2025", "2025-01-15"), ("15.01.2025", "2025-01-15"), ("3. März 2025", "2025-03-03"),
    # a Notion date mention, a month-day-year with dashes, an approximate date, ISO with slashes or dots
    ("@March 14, 2025", "2025-03-14"), ("Mar-14-2025", "2025-03-14"), ("~2025-01-24", "2025-01-24"),
    ("2025/03/14", "2025-03-14"), ("2025.03.14", "2025-03-14"),
    # ordinals, and month names in full in more languages
    ("3rd November 2026", "2026-11-03"), ("November 4th, 2026", "2026-11-04"), ("1er avril 2025", "2025-04-01"),
    ("3 de marzo de 2025", "2025-03-03"), ("3 maart 2025", "2025-03-03"), ("2 maggio 2025", "2025-05-02"),
    ("5 de março de 2024", "2024-03-05"),
    # Swedish, Norwegian and Polish month names (a letter outside ASCII inside the word: 'października')
    ("5 maj 2025", "2025-05-05"), ("3. des. 2025", "2025-12-03"), ("12 października 2025", "2025-10-12"),
    ("3 marca 2025", "2025-03-03"),
    # Arabic-Indic digits, Chinese and Korean dates, a dot at the end, eight digits, Ukrainian and Russian months
    ("٢٠٢٥/٠٦/٠٢", "2025-06-02"), ("2025年9月3日", "2025-09-03"), ("2025. 9. 8.", "2025-09-08"),
    ("2025.04.02.", "2025-04-02"), ("20250804", "2025-08-04"), ("3 березня 2025 р.", "2025-03-03"),
    ("12 октября 2025 г.", "2025-10-12"),
         ("sometime in spring", None),
]


@pytest.mark.parametrize("text,expected", FORMS)
def test_one_date_form(con, text, expected):
    # an ISO anchor row so the file has more than one row; the date under test decides the order alone
    body = f"Company,Date\nAnchor,2024-12-31\nX,\"{text}\"\n".encode()
    import_file(con, body, "d.csv")
    got = con.execute("select applied_on::varchar from applications where company = 'X'").fetchall()[0][0]
    assert got == expected


def test_month_first_column_is_read_month_first(con):
    import_file(con, b"Company,Date\nA,1/15/2025\nB,2/3/2025\n", "d.csv")
    assert con.execute("select applied_on::varchar from applications order by company").fetchall() == [
        ("2025-01-15",), ("2025-02-03",)]


def test_day_first_column_is_read_day_first(con):
    import_file(con, b"Company,Date\nA,15/01/2025\nB,2/3/2025\n", "d.csv")
    assert con.execute("select applied_on::varchar from applications order by company").fetchall() == [
        ("2025-01-15",), ("2025-03-02",)]


def test_ambiguous_column_is_never_swapped_silently(con):
    res = import_file(con, b"Company,Date\nA,01/02/2025\nB,03/04/2025\n", "d.csv",
                      ImportOptions(as_of=date(2026, 1, 1)))
    assert any("fit both day-first and month-first" in w for w in res.warnings)


def test_ambiguous_column_follows_the_files_other_date_column(con):
    body = b"Company,Applied,Updated\nA,01/02/2025,20/02/2025\nB,03/04/2025,15/04/2025\n"
    res = import_file(con, body, "d.csv")
    assert con.execute("select applied_on::varchar from applications order by company").fetchall() == [
        ("2025-02-01",), ("2025-04-03",)]
    assert any("like the file's other date columns" in w for w in res.warnings)


def test_user_choice_of_order_wins(con):
    import_file(con, b"Company,Date\nA,01/02/2025\n", "d.csv", ImportOptions(date_order="dmy"))
    assert con.execute("select applied_on::varchar from applications").fetchall() == [("2025-02-01",)]


def test_yearless_dates_cross_new_year_in_file_order(con):
    body = b"Company,Date\nA,Nov 20\nB,Dec 30\nC,Jan 3\nD,Feb 14\n"
    import_file(con, body, "d.csv", ImportOptions(as_of=date(2026, 3, 1)))
    assert con.execute("select applied_on::varchar from applications order by company").fetchall() == [
        ("2025-11-20",), ("2025-12-30",), ("2026-01-03",), ("2026-02-14",)]


def test_yearless_dates_never_land_in_the_future(con):
    import_file(con, b"Company,Date\nA,May 9\nB,Jul 8\n", "d.csv", ImportOptions(as_of=date(2026, 6, 1)))
    assert con.execute("select applied_on::varchar from applications order by company").fetchall() == [
        ("2025-05-09",), ("2025-07-08",)]


STATUS_CELLS = [
    # (status cell, application date, the status date read from the cell)
    ("Rejected 3/14", "2025-03-01", "2025-03-14"),
    ("Interview on 2025-03-20", "2025-03-02", "2025-03-20"),
    ("rejected (14 Mar)", "2025-03-03", "2025-03-14"),
    ("Rejected Jan 5", "2025-11-20", "2026-01-05"),  # yearless, half a year before the application: the next year
    ("Offer - 4/2/25", "2025-03-05", "2025-04-02"),
    ("Round 2/3", "2025-03-05", None),  # a count, not a date
    ("Final round 1/2", "2025-03-05", None),
    ("Rejected after 2 rounds", "2025-03-05", None),
    ("2nd round 3/25", "2025-03-05", "2025-03-25"),  # no one counts to 25 rounds: a date
    ("Interview on 2025-04-01, rejected 4/9", "2025-03-05", "2025-04-09"),  # the last date the cell writes
    ("Applied", "2025-03-05", None),
]


@pytest.mark.parametrize("status,applied,expected", STATUS_CELLS)
def test_a_date_inside_the_status_cell_dates_the_status(con, status, applied, expected):
    body = f"Company,Date Applied,Status\nX,{applied},\"{status}\"\nAnchor,2025-01-02,Applied\n".encode()
    res = import_file(con, body, "d.csv", ImportOptions(as_of=date(2026, 6, 1)))
    got = con.execute("select outcome_on::varchar from applications where company = 'X'").fetchone()[0]
    assert got == expected
    assert any("carry their own date" in w for w in res.warnings) == (expected is not None)


def test_a_status_date_column_wins_over_the_date_in_the_cell(con):
    body = b"Company,Date Applied,Status,Status Date\nX,2025-03-01,Rejected 3/14,2025-03-20\n"
    import_file(con, body, "d.csv")
    assert con.execute("select outcome_on::varchar from applications").fetchone()[0] == "2025-03-20"


def test_an_open_status_with_a_date_dates_its_step(con):
    body = b"Company,Date Applied,Status\nX,2025-03-01,Phone screen 03/10/2025\n"
    import_file(con, body, "d.csv", ImportOptions(as_of=date(2025, 3, 12)))
    assert con.execute("select happened_on::varchar from stage_events where stage = 'screen'").fetchone()[0] == \
        "2025-03-10"


def test_a_day_first_file_reads_the_cell_day_first(con):
    body = b"Company,Date Applied,Status\nX,20/02/2025,Abgelehnt 03.04.\nY,21/02/2025,Beworben\n"
    import_file(con, body, "d.csv")
    assert con.execute("select outcome_on::varchar from applications where company = 'X'").fetchone()[0] == \
        "2025-04-03"


def test_yearless_dates_take_the_year_of_the_heading_above_them(con):
    body = (b"Company,Date,Status\nOCTOBER 2024,,\nAcme,Oct 7,Applied\nBeta,Oct 21,Rejected\nJANUARY 2025,,\n"
            b"Gamma,Jan 8,Applied\n")
    res = import_file(con, body, "months.csv")
    got = dict(con.execute("select company, applied_on::varchar from applications").fetchall())
    assert got == {"Acme": "2024-10-07", "Beta": "2024-10-21", "Gamma": "2025-01-08"}
    assert any("year of the heading above" in w for w in res.warnings)


def test_a_column_of_sentences_that_name_a_day_is_no_date_column(con):
    """'Applied 3 Mar via careers page' is a sentence ('Applied' names no month): the ISO column beside it is when
    the application was sent."""
    rows = "".join(f"Co{i} - Analyst,Applied {i} Mar via careers page,2025-03-0{i}T09:00:00.000Z,Applied\n"
                   for i in range(1, 7))
    body = ("Card Name,Card Description,Start Date,List Name\n" + rows).encode()
    import_file(con, body, "trello.csv")
    assert con.execute("select min(applied_on)::varchar, count(applied_on) from applications").fetchall() == [
        ("2025-03-01", 6)]


def test_yearless_dates_among_dated_rows_take_the_year_of_the_rows_around_them(con):
    """'Nov 3' on rows added after 'Oct 28, 2025' is November 2025, even when a later year would still be in the
    past; 'Jan 5' after 'Dec 12, 2025' is January 2026."""
    body = (b"Company,Date\nA,\"Oct 20, 2025\"\nB,\"Oct 28, 2025\"\nC,Nov 3\nD,\"Dec 12, 2025\"\nE,Jan 5\n"
            b"F,\"Jan 9, 2026\"\n")
    r = import_file(con, body, "d.csv", options=ImportOptions(as_of=date(2026, 12, 1)))
    got = dict(con.execute("select company, applied_on::varchar from applications").fetchall())
    assert (got["C"], got["E"]) == ("2025-11-03", "2026-01-05")
    assert any("each takes the year of the dated rows around it" in w for w in r.warnings)


def test_yearless_dates_in_a_sheet_that_runs_newest_first_take_the_year_between_their_neighbours(con):
    body = (b"Company,Date\nA,2025-03-02\nB,2025-01-10\nC,Dec 15\nD,Dec 3\nE,2024-11-20\nF,2024-11-02\n")
    import_file(con, body, "d.csv", options=ImportOptions(as_of=date(2026, 2, 1)))
    got = dict(con.execute("select company, applied_on::varchar from applications").fetchall())
    assert (got["C"], got["D"]) == ("2024-12-15", "2024-12-03")
