"""Response times, time in stage, ghosting and the weekly pace on inline data."""

from datetime import date

from analysis.filters import Filters
from analysis.ingest.importer import import_file
from analysis.timing import (
    applications_per_week,
    ghosting,
    goal_summary,
    response_summary,
    time_in_stage,
)

F = Filters(as_of=date(2025, 6, 1))


def test_days_to_first_response(con):
    body = (b"Company,Applied,Phone screen,Technical interview\nA,2025-05-01,2025-05-11,2025-05-21\n"
            b"B,2025-05-01,2025-05-05,\nC,2025-05-01,,\n")
    import_file(con, body, "t.csv")
    s = response_summary(con, F)
    assert s["n"] == 2 and s["median"] == 7  # 10 and 4 days


def test_a_dated_rejection_is_a_response(con):
    import_file(con, b"Company,Applied,Status,Status date\nA,2025-05-01,Rejected,2025-05-04\n", "t.csv")
    assert response_summary(con, F)["median"] == 3


def test_time_in_stage_from_dated_events(con):
    body = b"Company,Applied,Phone screen,Technical interview\nA,2025-05-01,2025-05-11,2025-05-21\n"
    import_file(con, body, "t.csv")
    tis = time_in_stage(con, F).set_index("stage")
    assert tis.loc["applied", "median_days"] == 10
    assert tis.loc["screen", "median_days"] == 10


def test_ghosting_list_says_why(con):
    import_file(con, b"Company,Applied,Status\nSilent,2025-01-01,Applied\nMarked,2025-05-30,Ghosted\n"
                     b"Fresh,2025-05-30,Applied\n", "t.csv")
    g = ghosting(con, F).set_index("company")
    assert set(g.index) == {"Silent", "Marked"}
    assert g.loc["Silent", "how"] == "no activity" and g.loc["Marked", "how"] == "marked in your sheet"


def test_weeks_without_applications_are_counted_as_zero(con):
    import_file(con, b"Company,Applied\nA,2025-05-05\nB,2025-05-06\nC,2025-05-19\n", "t.csv")
    weeks = applications_per_week(con, F, weekly_goal=2)
    assert list(weeks["applications"]) == [2, 0, 1]
    assert goal_summary(weeks, 2) == {"weeks": 3, "met": 1, "average": 1.0, "goal": 2}


def test_empty_database(con):
    assert response_summary(con, F)["n"] == 0
    assert time_in_stage(con, F).empty
    assert applications_per_week(con, F).empty
