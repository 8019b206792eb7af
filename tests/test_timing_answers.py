"""Who answers and who does not: exact counts per company and source on a small file of our own, never a name with
fewer than three applications behind it, the silent and the slow named."""

from datetime import date

from analysis.filters import Filters
from analysis.ingest.importer import import_file
from analysis.timing import answer_notes, answer_rates, answer_table, median_days_to_first_response

F = Filters(as_of=date(2025, 6, 1))
BODY = b"""Company,Source,Applied,Status,Status date
Quick,LinkedIn,2025-01-01,Rejected,2025-01-03
Quick,LinkedIn,2025-01-10,Rejected,2025-01-12
quick ,Referral,2025-02-01,Phone screen,2025-02-05
Slowco,LinkedIn,2025-01-01,Rejected,2025-02-10
Slowco,LinkedIn,2025-01-05,Rejected,2025-02-15
Slowco,Indeed,2025-01-09,Rejected,2025-02-20
Mute,Indeed,2025-01-01,Applied,
Mute,Indeed,2025-01-02,Applied,
Mute,Indeed,2025-01-03,Applied,
Pair,Indeed,2025-01-01,Applied,
Pair,Indeed,2025-01-02,Applied,
Fastish,Otta,2025-03-01,Rejected,2025-03-02
Fastish,Otta,2025-03-02,Rejected,2025-03-03
Fastish,Otta,2025-03-03,Rejected,2025-03-04
Fastish,Otta,2025-03-04,Rejected,2025-03-05
"""


def test_companies_exact_counts_and_three_or_more(con):
    import_file(con, BODY, "t.csv")
    t = answer_rates(con, F, "company").set_index("name")
    assert set(t.index) == {"Quick", "Slowco", "Mute", "Fastish"}  # Pair has two applications: never named
    assert t.loc["Quick", ["applications", "answered", "dated"]].tolist() == [3, 3, 3]
    assert t.loc["Slowco", ["applications", "answered", "median_days"]].tolist() == [3, 3, 41]
    assert t.loc["Mute", ["applications", "answered", "dated"]].tolist() == [3, 0, 0]


def test_sources(con):
    import_file(con, BODY, "t.csv")
    t = answer_rates(con, F, "channel").set_index("name")
    assert t.loc["LinkedIn", ["applications", "answered"]].tolist() == [4, 4]
    assert t.loc["Indeed", ["applications", "answered"]].tolist() == [6, 1]
    assert "Referral" not in t.index


def test_silent_and_slow_are_named(con):
    import_file(con, BODY, "t.csv")
    t = answer_rates(con, F, "company")
    overall = median_days_to_first_response(con, F)
    notes = " ".join(answer_notes(t, overall))
    assert "No answer at all from Mute (3)" in notes
    assert "Slowco (a median of 41 days over 3 answers)" in notes
    assert "Pair" not in notes
    shown = answer_table(t)
    assert not shown.isna().any().any() and "None" not in shown.astype(str).values
    assert shown.set_index("Company").loc["Mute", "Typical days to answer"] == ""
