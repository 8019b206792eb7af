"""The few findings that matter most for this person: each one sentence with its numbers and its uncertainty, a
suggested action, and a weight (how many applications it explains) to rank by. A finding with too little data
says so instead of guessing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.domain import share
from analysis.filters import ALL, Filters
from analysis.fit import Criteria, fit_scores, load_criteria, losses_with_flags
from analysis.funnel import BENCHMARKS, UNKNOWN, outcome_counts, segment_funnel, stage_counts, wilson_interval
from analysis.rejections import REASONS, feedback_quality, reason_counts
from analysis.timing import applications_per_week, goal_summary, response_summary

MIN_N = 10  # fewer applications than this in a comparison: say there is too little data


@dataclass
class Finding:
    key: str
    sentence: str
    action: str
    weight: float  # applications it explains; findings are ranked by it
    enough_data: bool = True


def _days(x: float) -> str:
    return f"{x:.0f} day" + ("" if round(x) == 1 else "s")


def _pct(x: float | None) -> str:
    return share(x) or "–"


def weakest_rung_finding(con, filters: Filters) -> Finding | None:
    stages = stage_counts(con, filters).set_index("stage")
    total = int(stages.loc["applied", "reached"])
    if total == 0:
        return None
    if total < MIN_N:
        return Finding("weakest_rung", f"With {total} applications it is too early to say where you drop out.",
                       "Keep logging every application and its answer; the funnel becomes readable from about "
                       f"{MIN_N * 2}.", 0, False)
    cands = stages.drop(index=["applied", "hired"])
    cands = cands[cands["from_n"] >= 5]
    if cands.empty:
        return None
    stage = cands["ci_high"].idxmin()  # the most surely low rung, not the lowest point estimate
    r = cands.loc[stage]
    others = cands.drop(index=stage)["rate_from_previous"]
    vs_others = f", against {_pct(others.median())} at your other stages" if len(others) else ""
    bench = ""
    if stage in ("screen", "interview"):
        value, source = BENCHMARKS["interview_rate"]
        got = stages.loc["interview", "rate_from_applied"]
        bench = (f" Published rates put interviews at about {value:.0%} of applications ({source}); "
                 f"yours is {_pct(got)}.")
    actions = {
        "screen": "Few calls back points at the CV or the targeting: rework the CV for the roles you apply to, and "
                  "try more referrals.",
        "interview": "Calls that do not turn into interviews point at the first conversations: prepare a two-minute "
                     "story of why this role, and ask about the process in the call.",
        "final": "Interviews that do not reach the final round point at the interviews themselves: practise the "
                 "format with someone and review the ones you lost.",
        "offer": "Final rounds without offers point at the closing: ask what the panel looks for and practise the "
                 "last round.",
    }
    return Finding(
        "weakest_rung",
        f"Your biggest drop is into {r['label'].lower()}: {int(r['reached'])} of {int(r['from_n'])} "
        f"({_pct(r['rate_from_previous'])}, plausibly {_pct(r['ci_low'])}–{_pct(r['ci_high'])}) got there{vs_others}."
        + bench,
        actions.get(stage, "Look at the applications that stopped there on the Funnel page."),
        float(r["dropped"]))


def referral_finding(con, filters: Filters) -> Finding | None:
    seg = segment_funnel(con, "referral", filters, min_group=1)
    if seg.empty:
        return None
    screen = seg[seg["stage"] == "screen"].set_index("group")
    if "Referred" not in screen.index or "Not referred" not in screen.index:
        return None
    ref, cold = screen.loc["Referred"], screen.loc["Not referred"]
    if ref["applications"] < 5 or cold["applications"] < 5:
        return Finding("referrals", f"Only {int(ref['applications'])} referred applications: too few to compare "
                       "with cold ones yet.", "Ask for a referral on the roles you want most; it is the comparison "
                       "most searches show the biggest gap in.", 1, False)
    separate = ref["ci_low"] > cold["ci_high"] or cold["ci_low"] > ref["ci_high"]
    better = "better" if ref["rate"] > cold["rate"] else "worse"
    sure = "a clear difference" if separate else "a difference the data cannot confirm yet (the intervals overlap)"
    return Finding(
        "referrals",
        f"Referred applications got a first call {_pct(ref['rate'])} of the time ({int(ref['reached'])} of "
        f"{int(ref['applications'])}) against {_pct(cold['rate'])} for the others ({int(cold['reached'])} of "
        f"{int(cold['applications'])}): {sure}, referrals doing {better}.",
        "Spend more of your week on referrals: a message to a former colleague converts better than ten cold "
        "applications." if ref["rate"] > cold["rate"] else "Referrals are not helping here: check they are for "
        "roles you fit.",
        float(abs(ref["rate"] - cold["rate"]) * (ref["applications"] + cold["applications"])))


def channel_finding(con, filters: Filters) -> Finding | None:
    seg = segment_funnel(con, "channel", filters)
    if seg.empty:
        return None
    # a channel to move time to or from: not the folded small ones, not the applications with no channel at all
    groups = seg["group"].astype(str)
    screen = seg[(seg["stage"] == "screen") & ~groups.str.startswith("Other") & (groups != UNKNOWN)
                 & (seg["applications"] >= MIN_N)]
    if len(screen) < 2:
        return None
    best, worst = screen.sort_values("rate").iloc[-1], screen.sort_values("rate").iloc[0]
    if best["rate"] == worst["rate"]:
        return None
    sure = "" if best["ci_low"] > worst["ci_high"] else " (the intervals overlap: a hint, not proof)"
    return Finding(
        "channels",
        f"{best['group']} got you a first call {_pct(best['rate'])} of the time ({int(best['reached'])} of "
        f"{int(best['applications'])}); {worst['group']} {_pct(worst['rate'])} ({int(worst['reached'])} of "
        f"{int(worst['applications'])}){sure}.",
        f"Move some of the time you spend on {worst['group']} to {best['group']}.",
        float((best["rate"] - worst["rate"]) * (best["applications"] + worst["applications"])))


def rejection_finding(con, filters: Filters, decisions: pd.DataFrame | None = None) -> Finding | None:
    counts = reason_counts(con, filters, side="company")
    quality = feedback_quality(con, filters, decisions)
    if counts.empty:
        return None
    actionable = counts[counts["reason"].map(lambda r: REASONS[r].actionable)]
    if actionable.empty and quality["no_text"] == quality["decisions"]:
        return Finding("rejections", f"Your file records no feedback or notes for any of your {quality['decisions']} "
                       "rejections and closed roles, so there is no reason to sort yet.",
                       REASONS["no_reason"].takeaway, quality["decisions"] * 0.5, False)
    if actionable.empty:
        return Finding("rejections", f"None of your {quality['decisions']} rejections and closed roles came with a "
                       "reason you can act on.", REASONS["no_reason"].takeaway, quality["decisions"] * 0.5, False)
    top = actionable.iloc[0]
    if top["count"] < 2:
        return Finding("rejections", f"Only {quality['usable']} of your {quality['decisions']} rejections and closed "
                       "roles gave a usable reason, each a different one: no pattern yet.",
                       REASONS["no_reason"].takeaway, 1, False)
    tied = actionable[actionable["count"] == top["count"]]
    if len(tied) > 1:
        names = " and ".join(t.lower() for t in tied["label"])
        return Finding("rejections", f"The reasons you hear most are {names} ({int(top['count'])} each, of the "
                       f"{quality['usable']} rejections that gave a usable reason).", REASONS[top["reason"]].takeaway,
                       float(top["count"]) * 2)
    return Finding(
        "rejections",
        f"The reason you hear most is {top['label'].lower()}: {int(top['count'])} of the {quality['usable']} "
        f"rejections that gave a usable reason ({quality['no_usable']} of {quality['decisions']} gave none).",
        REASONS[top["reason"]].takeaway, float(top["count"]) * 2)


def red_flag_finding(con, filters: Filters, criteria: Criteria) -> Finding | None:
    if criteria.is_empty():
        return None
    scores = fit_scores(con, filters, criteria)
    losses = losses_with_flags(con, filters, criteria, scores=scores)
    if not len(scores):
        return None
    base = float((scores["flags"] > 0).mean())
    n = losses["lost_after_interview"]
    if n < 3:
        return Finding("red_flags", f"Only {n} job(s) lost after an interview: too few to say whether the losses sit "
                       "in poor-fit roles.", "Keep your criteria up to date; check jobs before you apply on the Fit "
                       "page.", 0, False)
    flagged = losses["with_flags"] / n
    lo, hi = wilson_interval(losses["with_flags"], n)
    more = flagged > base
    return Finding(
        "red_flags",
        f"Of the {n} jobs you lost after an interview, {losses['with_flags']} ({_pct(flagged)}, plausibly "
        f"{_pct(lo)}–{_pct(hi)}) had red flags you listed, against {_pct(base)} of all your applications.",
        "Some of what you lost may not have been right for you: check the next job against your criteria before "
        "you invest in the interviews." if more else "Your losses are not concentrated in poor-fit roles: look at "
        "the interviews themselves.", float(n))


def timing_finding(con, filters: Filters) -> Finding | None:
    out = outcome_counts(con, filters)
    total = sum(out.values())
    if total < MIN_N:
        return None
    reply = response_summary(con, filters)
    ghost = out["ghosted"] / total
    value, source = BENCHMARKS["no_answer"]
    when = (f" When they did answer, the median wait was {_days(reply['median'])} over {reply['n']} dated answers."
            if reply["n"] >= 5 else "")
    return Finding(
        "silence",
        f"{out['ghosted']} of {total} applications ({_pct(ghost)}) went silent: no answer for "
        f"{filters.ghost_after_days} days "
        f"({source.split(':')[0]} found {value:.0%}).{when}",
        f"Don't wait on silence: send one polite nudge after {filters.ghost_after_days} days (the follow-up queue "
        "lists them), then move on.", float(out["ghosted"]) * 0.5)


def activity_finding(con, filters: Filters, weekly_goal: int | None) -> Finding | None:
    if not weekly_goal:
        return None
    weeks = applications_per_week(con, filters, weekly_goal)
    summary = goal_summary(weeks, weekly_goal)
    if not summary or summary["weeks"] < 4:
        return Finding("activity", "Fewer than four weeks of dated applications: too early to judge your pace.",
                       "Keep a date on every application.", 0, False)
    return Finding(
        "activity",
        f"You met your goal of {weekly_goal} a week in {summary['met']} of {summary['weeks']} weeks, averaging "
        f"{summary['average']:.1f}.",
        "Block fixed hours for applications in the weeks that slip." if summary["met"] < summary["weeks"] / 2 else
        "Your pace is steady: put the effort into quality (referrals, tailored CVs) rather than more volume.",
        float(summary["weeks"] - summary["met"]))


def findings(con, filters: Filters = ALL, criteria: Criteria | None = None, weekly_goal: int | None = None,
             limit: int = 7, decisions: pd.DataFrame | None = None) -> list[Finding]:
    """Three to seven findings, ranked by how many applications they explain; those with too little data last.
    `decisions` (rejection_reasons' frame) when the caller already worked it out."""
    criteria = criteria if criteria is not None else load_criteria(con)
    got = [f for f in (weakest_rung_finding(con, filters), referral_finding(con, filters),
                       channel_finding(con, filters), rejection_finding(con, filters, decisions),
                       red_flag_finding(con, filters, criteria), timing_finding(con, filters),
                       activity_finding(con, filters, weekly_goal)) if f is not None]
    got.sort(key=lambda f: (not f.enough_data, -f.weight))
    return got[:limit]
