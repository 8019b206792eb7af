"""Fit red flags: one test per kind on inline data, unknowns, currencies, ranges around the floor, LinkedIn's
preferences, and the flagged-against-unflagged comparison."""

from datetime import date

import pytest

from analysis.filters import Filters
from analysis.fit import (
    Criteria,
    check_posting,
    criteria_from_linkedin,
    fit_scores,
    flag_counts,
    flagged_vs_unflagged,
    load_criteria,
    losses_with_flags,
    posting_unknowns,
    red_flags,
    save_criteria,
)
from analysis.ingest.importer import import_file

F = Filters(as_of=date(2025, 6, 1))


def flags_of(con, body: bytes, criteria: Criteria) -> dict[str, set[str]]:
    import_file(con, body, "t.csv")
    df = red_flags(con, F, criteria)
    return {c: set(df[df["company"] == c]["kind"]) for c in df["company"].unique()}


def test_title_and_match_words(con):
    got = flags_of(con, b"Company,Role\nA,Senior Data Engineer\nB,Sales Manager\nC,dbt developer\nD,\n",
                   Criteria(target_titles=["Data Engineer"], match_words=["dbt"]))
    assert got == {"B": {"title"}}  # D has no title: unknown, not a flag


def test_places_and_remote_jobs_anywhere(con):
    body = b"Company,Role,Location,Work Type\nA,x,Berlin,Onsite\nB,x,London,Onsite\nC,x,London,Remote\nD,x,,Onsite\n"
    got = flags_of(con, body, Criteria(places=["Berlin"]))
    assert got == {"B": {"place"}}


def test_remote_preference_and_strictness(con):
    body = b"Company,Role,Work Type\nA,x,Remote\nB,x,Hybrid\nC,x,Onsite\nD,x,\n"
    import_file(con, body, "t.csv")
    strict = red_flags(con, F, Criteria(remote="remote", remote_strict=True))
    assert set(strict["company"]) == {"B", "C"} and set(strict["severity"]) == {"high"}
    loose = red_flags(con, F, Criteria(remote="hybrid"))
    assert set(loose["company"]) == {"C"} and set(loose["severity"]) == {"medium"}


@pytest.mark.parametrize("salary,severity", [
    ("€50k-60k", "high"),  # all below a 70k floor
    ("€60k-80k", "low"),  # straddles the floor
    ("€70k-90k", None),  # at or above
    ("$40k", None),  # another currency: unknown, not compared
    ("", None),  # no salary: unknown
    ("€30/hr", "high"),  # 30 an hour is 62,400 a year: below the floor
])
def test_salary_floor(con, salary, severity):
    import_file(con, f"Company,Role,Salary\nA,x,{salary}\n".encode(), "t.csv")
    df = red_flags(con, F, Criteria(salary_floor=70000, salary_currency="EUR"))
    df = df[df["kind"] == "salary"]
    assert df["severity"].tolist() == ([severity] if severity else [])


def test_seniority(con):
    got = flags_of(con, b"Company,Role\nA,Senior Data Engineer\nB,Junior Data Engineer\nC,Data Engineer\n",
                   Criteria(seniority=["Senior", "Staff"]))
    assert got == {"B": {"seniority"}}  # C's level is not in the title: unknown


def test_deal_breakers_and_warning_words(con):
    body = (b"Company,Role,Notes,Job Description\nA,x,,Join our on-call rotation\nB,x,Glassdoor says toxic culture,\n"
            b"C,x,Lovely team,Remote-first\nD,x,,Relocation required to Munich (a+ plan)\n")
    got = flags_of(con, body, Criteria(deal_breakers=["on-call", "relocation required", "(a+"]))
    assert got == {"A": {"deal_breaker"}, "B": {"warning_words"}, "D": {"deal_breaker"}}


def test_own_ratings_and_alignment(con):
    body = b"Company,Role,Interest,Aligned with career goals\nA,x,1,yes\nB,x,5,no\nC,x,4,\nD,x,,\n"
    got = flags_of(con, body, Criteria())
    assert got == {"A": {"your_rating"}, "B": {"your_rating"}}


def test_career_direction(con):
    got = flags_of(con, b"Company,Role\nA,Data Engineer\nB,QA Tester\n", Criteria(direction=["Staff Data Engineer"]))
    assert got == {"B": {"direction"}}


def test_fit_score_and_counts(con):
    import_file(con, b"Company,Role,Location\nA,Sales Manager,London\nB,Data Engineer,Berlin\n", "t.csv")
    c = Criteria(target_titles=["Data Engineer"], places=["Berlin"])
    scores = fit_scores(con, F, c).set_index("company")
    assert scores.loc["A", "fit_score"] == 100 - 15 - 15 and scores.loc["B", "fit_score"] == 100
    assert scores.loc["B", "checked"] == 2
    assert dict(zip(flag_counts(con, F, c)["kind"], flag_counts(con, F, c)["count"], strict=True)) == {"place": 1,
                                                                                                       "title": 1}


def test_flagged_against_unflagged_and_losses(con):
    body = (b"Company,Role,Status\nA,Sales,Rejected after technical interview\nB,Sales,Applied\n"
            b"C,Data Engineer,Phone screen\nD,Data Engineer,Applied\n")
    import_file(con, body, "t.csv")
    c = Criteria(target_titles=["Data Engineer"])
    cmp_ = flagged_vs_unflagged(con, F, c).set_index(["group", "stage"])
    assert cmp_.loc[("With red flags", "interview"), "rate"] == 0.5
    assert cmp_.loc[("Without red flags", "screen"), "rate"] == 0.5
    assert cmp_.loc[("With red flags", "applied"), "applications"] == 2
    assert losses_with_flags(con, F, c) == {"lost_after_interview": 1, "with_flags": 1, "companies": ["A"]}


def test_check_posting_uses_the_same_rules():
    c = Criteria(target_titles=["Data Engineer"], places=["Berlin"], remote="hybrid", salary_floor=70000,
                 salary_currency="EUR", deal_breakers=["on-call"])
    found = check_posting(c, "Senior Sales Manager", "Paris", "€50k", "On-call every other week", "onsite")
    assert set(found["kind"]) == {"title", "place", "remote", "salary", "deal_breaker"}
    assert check_posting(c, "Data Engineer", "Berlin", "€80k", "Nice team", "hybrid").empty
    assert posting_unknowns(c, "Data Engineer", "Berlin", "$90k", "hybrid") == [
        "pay: in USD, your floor is in EUR (not compared)"]


def test_criteria_are_stored(con):
    c = Criteria(target_titles=["Data Engineer"], seniority=["Senior"], salary_floor=60000, salary_currency="EUR")
    save_criteria(con, c)
    assert load_criteria(con) == c
    with pytest.raises(ValueError):
        save_criteria(con, Criteria(seniority=["Wizard"]))


PREFS = ("Locations,Industries,Company Employee Count,Preferred Job Types,Job Titles,Open To Recruiters,Dream "
         "Companies,"
         "Profile Shared With Job Poster,Job Title For Searching Fast Growing Companies,Introduction Statement,Phone "
         "Number,"
         "Job Seeker Activity Level,Preferred Start Time Range,Commute Preference Starting Address,"
         "Commute Preference Starting Time,Mode Of Transportation,Maximum Commute Duration,Open Candidate Visibility,"
         "Job Seeking Urgency Level\n"
         '"Berlin, Germany | Munich, Germany | Remote","Software Development | Financial Services",51-200,'
         '"Full-time | Remote","Data Engineer | Analytics Engineer",Yes,Acme Corp,No,,,,Active,Immediately,'
         '"Berlin, Germany",9:00 AM,Public transit,45 minutes,Yes,Actively applying\n')


def test_linkedin_preferences_fill_criteria():
    c, filled = criteria_from_linkedin(PREFS.encode())
    assert c.target_titles == ["Data Engineer", "Analytics Engineer"]
    assert c.places == ["Berlin, Germany", "Munich, Germany"]
    assert c.remote == "hybrid" and c.max_commute_minutes == 45
    assert c.fields == ["Software Development", "Financial Services"]
    assert any(f.startswith("target titles") for f in filled) and any("45 minutes" in f for f in filled)


def test_linkedin_preferences_refuse_another_file():
    with pytest.raises(ValueError, match="not LinkedIn's Job Seeker Preferences"):
        criteria_from_linkedin(b"Company,Role\nA,B\n")


def test_empty_database(con):
    c = Criteria(target_titles=["x"])
    assert red_flags(con, F, c).empty and fit_scores(con, F, c).empty
    assert losses_with_flags(con, F, c)["lost_after_interview"] == 0
