"""Property: for tables made of random mixes of status, stage-marker, count, date and prose columns, the plan
never calls an application rejected on a count of 0 or on prose, and applying never disagrees with the plan."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import store
from analysis.filters import Filters
from analysis.funnel import outcome_counts, stage_counts
from analysis.ingest.importer import ImportOptions, apply, plan_import

AS_OF = date(2025, 12, 31)
OPEN_LABELS = ["Applied", "Awaiting Response", "Waiting", "In review", "Interview", "Phone screen"]
ENDING_LABELS = ["Rejected", "Ghosted", "Withdrawn", "Offer", "Not Responded", "No offer"]
PROSE = ["They said no after the call and never explained why to me",
         "I was rejected but they liked my portfolio a lot",
         "The recruiter told me they would not move forward with me",
         "We spoke twice and it was a friendly chat about the team"]

row = st.fixed_dictionaries({
    "status": st.sampled_from(OPEN_LABELS + ENDING_LABELS + [""]),
    "calls": st.integers(min_value=0, max_value=3),
    "marker": st.sampled_from(["Y", "N", "", "G"]),
    "days": st.integers(min_value=0, max_value=400),
    "prose": st.sampled_from(PROSE + [""]),
})


@st.composite
def tables(draw):
    rows = draw(st.lists(row, min_size=4, max_size=25))
    cols = draw(st.sets(st.sampled_from(["status", "calls", "marker", "date", "prose"]), min_size=1))
    return rows, cols


def to_csv(rows, cols) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    names = {"status": "Status", "calls": "Calls", "marker": "Onsite interview", "date": "Date applied",
             "prose": "How it went"}
    order = [c for c in ("status", "calls", "marker", "date", "prose") if c in cols]
    w.writerow(["Company", "Role", *(names[c] for c in order)])
    for i, r in enumerate(rows):
        vals = {"status": r["status"], "calls": r["calls"], "marker": r["marker"],
                "date": (AS_OF - timedelta(days=r["days"])).isoformat(), "prose": r["prose"]}
        w.writerow([f"Company {i}", "Engineer", *(vals[c] for c in order)])
    return buf.getvalue().encode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_plan_never_rejects_on_a_zero_count_or_prose_and_apply_agrees(table):
    rows, cols = table
    con = store.connect(":memory:")
    opts = ImportOptions(as_of=AS_OF)
    plan = plan_import(con, to_csv(rows, cols), "random.csv", opts)
    outcomes = dict(con.execute("select company, outcome from hs_keyed").fetchall())
    for i, r in enumerate(rows):
        said_no = ("status" in cols and r["status"] in ("Rejected", "No offer")) or \
                  ("marker" in cols and r["marker"] == "N" and not ("status" in cols and r["status"]))
        if not said_no:
            # only a status that says no, or an 'N' where no status speaks, can make a rejection:
            # never a count of 0, never a sentence
            assert outcomes.get(f"Company {i}") != "rejected", (r, cols)
    res = apply(con, plan, opts)
    assert res.outcomes == plan.totals.outcomes
    assert outcome_counts(con, Filters(as_of=AS_OF)) == plan.totals.outcomes
    assert list(stage_counts(con, Filters(as_of=AS_OF))["reached"]) == list(plan.totals.reached.values())
    con.close()
