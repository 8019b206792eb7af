"""The funnel on tiny inline data, with answers computed by hand."""

from datetime import date

import pytest

from analysis.filters import Filters
from analysis.funnel import (
    outcome_counts,
    outcomes_by_rung,
    sankey,
    segment_funnel,
    stage_counts,
    wilson_interval,
)
from analysis.ingest.importer import import_file

AS_OF = Filters(as_of=date(2025, 6, 1))


def load(con, body: bytes):
    import_file(con, body, "t.csv")


def reached(con, f=AS_OF):
    return dict(zip(stage_counts(con, f)["stage"], stage_counts(con, f)["reached"], strict=True))


def test_offer_with_no_interview_logged_reaches_every_earlier_rung(con):
    load(con, b"Company,Status,Applied\nA,Offer,2025-05-01\nB,Applied,2025-05-01\n")
    assert reached(con) == {"applied": 2, "screen": 1, "interview": 1, "final": 1, "offer": 1, "hired": 0}


def test_conversion_and_drop_off(con):
    # 4 applied, 2 screened, 1 interviewed
    load(con, b"Company,Status,Applied\nA,Applied,2025-05-20\nB,Rejected,2025-05-20\nC,Phone screen,2025-05-20\n"
              b"D,Technical interview,2025-05-20\n")
    df = stage_counts(con, AS_OF).set_index("stage")
    assert df.loc["screen", "reached"] == 2 and df.loc["screen", "rate_from_previous"] == pytest.approx(0.5)
    assert df.loc["screen", "dropped"] == 2
    assert df.loc["interview", "rate_from_previous"] == pytest.approx(0.5)
    assert df.loc["interview", "rate_from_applied"] == pytest.approx(0.25)


def test_wilson_interval_known_value():
    # 5 of 10: the textbook Wilson interval is 0.2366 to 0.7634
    lo, hi = wilson_interval(5, 10)
    assert (round(lo, 4), round(hi, 4)) == (0.2366, 0.7634)
    assert wilson_interval(0, 0) == (None, None)


def test_intervals_widen_as_n_shrinks():
    widths = [hi - lo for lo, hi in (wilson_interval(n // 2, n) for n in (400, 100, 20, 4))]
    assert widths == sorted(widths)


def test_silence_past_the_threshold_counts_as_ghosted(con):
    load(con, b"Company,Status,Applied\nOld,Applied,2025-03-01\nNew,Applied,2025-05-25\n")
    assert outcome_counts(con, AS_OF)["ghosted"] == 1
    assert outcome_counts(con, Filters(as_of=date(2025, 6, 1), ghost_after_days=100))["ghosted"] == 0


def test_ghosted_application_that_gets_a_later_reply_is_active_again(con):
    load(con, b"Company,Status,Applied,Updated\nA,Ghosted,2025-05-01,2025-05-10\n")
    assert outcome_counts(con, AS_OF)["ghosted"] == 1
    con.execute("insert into stage_events select app_id, 'screen', date '2025-05-28', 'call', 'user' from applications")
    counts = outcome_counts(con, AS_OF)
    assert counts["ghosted"] == 0 and counts["active"] == 1


def test_outcomes_by_rung(con):
    load(con, b"Company,Status\nA,Rejected\nB,Rejected after technical interview\nC,Withdrawn\n")
    df = outcomes_by_rung(con, AS_OF)
    got = {(r.stage, r.outcome): r.n for r in df.itertuples() if r.n}
    assert got == {("applied", "rejected"): 1, ("interview", "rejected"): 1, ("applied", "withdrawn"): 1}


def test_segments_fold_small_groups_and_say_so(con):
    rows = ["Company,Source,Status"] + [f"L{i},LinkedIn,Applied" for i in range(6)] + [
        f"R{i},Referral,Phone screen" for i in range(5)] + ["X,Indeed,Applied", "Y,Otta,Applied"]
    load(con, "\n".join(rows).encode())
    seg = segment_funnel(con, "channel", AS_OF, min_group=5)
    screen = seg[seg["stage"] == "screen"].set_index("group")
    assert screen.loc["Referral", "rate"] == 1.0 and screen.loc["LinkedIn", "rate"] == 0.0
    other = [g for g in screen.index if str(g).startswith("Other")]
    assert other == ["Other: 2 groups under 5"]
    assert screen.loc[other[0], "folded"] == "Indeed, Otta"
    assert screen.loc[other[0], "applications"] == 2


def test_role_families_group_titles(con):
    load(con, b"Company,Role\nA,Senior Data Engineer\nB,Data Engineer II\nC,Analytics Engineer\n")
    seg = segment_funnel(con, "role_family", AS_OF, min_group=1)
    sizes = seg[seg["stage"] == "applied"].set_index("group")["applications"].to_dict()
    assert sizes == {"Data Engineer": 2, "Analytics Engineer": 1}


def test_filters_narrow_every_number(con):
    load(con, b"Company,Source,Status,Applied\nA,LinkedIn,Applied,2025-01-10\nB,Referral,Phone screen,2025-03-10\n")
    assert reached(con, Filters(as_of=date(2025, 6, 1), channels=("Referral",)))["applied"] == 1
    assert reached(con, Filters(as_of=date(2025, 6, 1), date_from=date(2025, 2, 1)))["screen"] == 1


def test_sankey_flows_from_applied_to_outcomes(con):
    load(con, b"Company,Status,Applied\nA,Rejected,2025-05-30\nB,Offer Accepted,2025-05-30\n")
    nodes, links = sankey(con, AS_OF)
    flows = {(nodes[r.source], nodes[r.target]): r.value for r in links.itertuples()}
    assert flows[("Applied", "Rejected")] == 1
    assert flows[("Offer", "Hired")] == 1
    assert sum(v for (a, _), v in flows.items() if a == "Applied") == 2


def test_empty_database_gives_empty_results_not_errors(con):
    assert reached(con) == {s: 0 for s in ("applied", "screen", "interview", "final", "offer", "hired")}
    assert sum(outcome_counts(con, AS_OF).values()) == 0
    assert segment_funnel(con, "channel", AS_OF).empty
    assert sankey(con, AS_OF)[0] == []
