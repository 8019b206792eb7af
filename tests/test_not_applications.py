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
