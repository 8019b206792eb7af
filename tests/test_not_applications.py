"""Saved jobs are not applications: once the import marks a row with one of NOT_APPLICATION_MARKERS as its stage or
outcome (the importer is the lead's; here the marker is set directly), every analysis leaves it out and the Data
page shows it apart."""

from datetime import date

import pytest

from analysis.applications import kept_apart
from analysis.comparisons import comparisons
from analysis.domain import NOT_APPLICATION_MARKERS
from analysis.facts import materialized_facts
from analysis.filters import Filters
from analysis.funnel import outcome_counts, stage_counts
from analysis.ingest.importer import import_file
from analysis.timing import answer_rates

F = Filters(as_of=date(2025, 6, 1))
BODY = b"""Company,Role,Source,Applied,Status
A,Data Engineer,LinkedIn,2025-05-01,Phone screen
B,Data Engineer,LinkedIn,2025-05-02,Rejected
C,Data Engineer,LinkedIn,2025-05-03,Applied
W,Data Engineer,LinkedIn,2025-05-04,Applied
"""


@pytest.mark.parametrize("column", ["stage", "outcome"])
@pytest.mark.parametrize("marker", NOT_APPLICATION_MARKERS)
def test_marked_rows_leave_every_analysis(con, column, marker):
    import_file(con, BODY, "t.csv")
    con.execute(f"update applications set {column} = ? where company = 'W'", [marker.title()])
    assert int(stage_counts(con, F).loc[0, "reached"]) == 3
    assert sum(outcome_counts(con, F).values()) == 3
    with materialized_facts(con, F):
        assert int(stage_counts(con, F).loc[0, "reached"]) == 3
    assert answer_rates(con, F, "channel")["applications"].tolist() == [3]
    t = comparisons(con, F)
    assert t[t["dimension"] == "channel"]["applications"].sum() == 3
    apart = kept_apart(con)
    assert apart["company"].tolist() == ["W"] and not apart.isna().any().any()


def test_nothing_is_kept_apart_without_a_marker(con):
    import_file(con, BODY, "t.csv")
    assert int(stage_counts(con, F).loc[0, "reached"]) == 4
    assert kept_apart(con).empty
