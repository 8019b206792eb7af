"""Saved jobs are not applications: a 'Wishlist', 'Saved' or 'Bookmarked' label (or a draft without a date) is
imported as outcome not_applied; every analysis leaves it out and the Data page lists it apart."""

from datetime import date

import pytest

from analysis.applications import saved_jobs
from analysis.comparisons import comparisons
from analysis.facts import materialized_facts
from analysis.filters import Filters
from analysis.funnel import outcome_counts, stage_counts
from analysis.ingest.importer import import_file
from analysis.timing import answer_rates

F = Filters(as_of=date(2025, 6, 1))
BODY = """Company,Role,Source,Applied,Status
A,Data Engineer,LinkedIn,2025-05-01,Phone screen
B,Data Engineer,LinkedIn,2025-05-02,Rejected
C,Data Engineer,LinkedIn,2025-05-03,Applied
W,Data Engineer,LinkedIn,2025-05-04,{label}
"""


@pytest.mark.parametrize("label", ["Wishlist", "Saved", "Bookmarked", "Draft", "Not applied yet"])
def test_saved_rows_leave_every_analysis(con, label):
    import_file(con, BODY.format(label=label).encode(), "t.csv")
    assert int(stage_counts(con, F).loc[0, "reached"]) == 3
    assert sum(outcome_counts(con, F).values()) == 3
    with materialized_facts(con, F) as stored:
        assert int(stage_counts(con, stored).loc[0, "reached"]) == 3
    assert answer_rates(con, F, "channel")["applications"].tolist() == [3]
    t = comparisons(con, F)
    assert t[t["dimension"] == "channel"]["applications"].sum() == 3
    assert saved_jobs(con)["company"].tolist() == ["W"]


def test_nothing_is_kept_apart_without_a_saved_label(con):
    import_file(con, BODY.format(label="Applied").encode(), "t.csv")
    assert int(stage_counts(con, F).loc[0, "reached"]) == 4
    assert saved_jobs(con).empty


def test_a_legend_under_the_table_is_no_application(con):
    """'Legend' alone in its row and, under it, what each colour means: those rows are refused with that reason,
    while an application written after a blank row, with its date, still counts."""
    body = (b"Company,Job,Applied,Colour\nAcme,Analyst,2025-03-03,red\nBeta,Engineer,2025-03-04,green\n,,,\n"
            b"Legend,,,\nred,rejected,,\ngreen,offer,,\n")
    res = import_file(con, body, "legend.csv")
    assert res.applications_added == 2
    assert sum("legend under the table" in r["reason"] for r in res.rejects) == 3
    body2 = b"Company,Job,Applied\nAcme,Analyst,2025-03-03\nKey:,,\nGamma,PM,2025-03-09\n"
    res2 = import_file(con, body2, "key.csv")
    assert con.execute("select count(*) from applications where company = 'Gamma'").fetchall() == [(1,)]
    assert any("legend" in r["reason"] for r in res2.rejects)
