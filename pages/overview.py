"""Overview: the headline numbers in plain words, the funnel, how things ended, activity per week."""

from __future__ import annotations

import streamlit as st

from analysis import charts
from analysis.domain import share
from analysis.funnel import BENCHMARKS, outcome_counts, stage_counts, status_coverage, weakest_rung
from analysis.goodnews import good_news
from analysis.store import get_setting
from analysis.timing import applications_per_week, response_summary
from ui import common


def render() -> None:
    a = common.page("Overview")
    stages = a.run(stage_counts)
    total = int(stages.loc[0, "reached"])
    if common.no_match_state(total):
        st.stop()
    outcomes = a.run(outcome_counts)
    goal = get_setting(a.con, "weekly_goal")
    _headline(stages, total)
    # what went right first: a search is mostly no's, and these facts say the effort is moving somewhere
    _what_went_right(a.run(good_news, weekly_goal=goal))
    st.markdown(" ".join(_in_words(a, stages, outcomes, total)))
    left, right = st.columns([3, 2])
    with left:
        st.plotly_chart(charts.funnel_figure(stages), width="stretch", key="overview_funnel")
    with right:
        st.plotly_chart(charts.outcomes_figure(outcomes), width="stretch", key="overview_outcomes")
        weeks = a.run(applications_per_week, weekly_goal=goal)
        if len(weeks):
            st.plotly_chart(charts.weekly_activity_figure(weeks, goal), width="stretch", key="overview_weeks")
    st.caption("Each stage counts every application that got at least that far: an offer counts as having passed "
               "every earlier stage even when the sheet did not log them. One person's search is a small sample; the "
               f"Funnel page shows how sure each number can be. Reference: {BENCHMARKS['interview_rate'][1]}.")


def _headline(stages, total: int) -> None:
    screen, interview, offers = (int(stages.loc[i, "reached"]) for i in (1, 2, 4))
    c = st.columns(4)
    c[0].metric("Applications", total)
    c[1].metric("Got a first call", screen, f"{share(screen / total)} of applications", delta_color="off",
                delta_arrow="off")
    c[2].metric("Reached an interview", interview, f"{share(interview / total)} of applications", delta_color="off",
                delta_arrow="off")
    c[3].metric("Offers", offers, f"{share(offers / total)} of applications", delta_color="off", delta_arrow="off")


def _what_went_right(news) -> None:
    if news:
        with st.container(border=True):
            st.markdown("**What went right**")
            st.markdown("\n".join(f"- {common.md(g.sentence)}" for g in news))


def _in_words(a, stages, outcomes, total: int) -> list[str]:
    """The headline numbers in plain words: calls, silence, how long answers took, and the biggest drop."""
    f = a.filters
    screen, interview, offers = (int(stages.loc[i, "reached"]) for i in (1, 2, 4))
    recorded = a.run(status_coverage)
    reply = a.run(response_summary)
    words = [f"Of your **{total}** applications, **{screen}** got at least a first call and **{interview}** reached "
             f"an interview; **{offers}** ended in an offer."]
    if recorded == 0:
        words.append("Your file records no replies at all (LinkedIn's export, for one, has no status column), so "
                     f"**{outcomes['ghosted']}** with no recorded answer after {f.ghost_after_days} days are counted "
                     "as ghosted: add a status column, or set outcomes on the Data page, to tell silence from "
                     "unlogged replies.")
    elif outcomes["ghosted"]:
        words.append(f"**{outcomes['ghosted']}** ({share(outcomes['ghosted'] / total)}) went silent: no reply for "
                     f"{f.ghost_after_days} days (measured to {f.today:%d %b %Y}) counts as ghosted, at whatever "
                     "stage it came (Stepstone's 2025 survey found 54% of applications get no answer at all).")
    if reply["median"] is not None:
        days = f"{reply['median']:.0f} day" + ("" if round(reply["median"]) == 1 else "s")
        words.append(f"When they did answer, it took a median of **{days}** (half of the {reply['n']} dated answers "
                     f"came between {reply['p25']:.0f} and {reply['p75']:.0f} days)"
                     + (f"; {reply['same_day']} of them are dated the day you applied, so your sheet may record when "
                        "you updated it rather than when they answered." if reply["same_day"] > reply["n"] / 2
                        else "."))
    weak = weakest_rung(stages) if recorded and total >= 10 else None
    if weak:
        words.append(f"Your biggest drop is into **{weak['label'].lower()}**: {weak['reached']} of {weak['from_n']} "
                     f"({weak['rate_from_previous']:.0%}, plausibly {weak['ci_low']:.0%}–{weak['ci_high']:.0%}) got "
                     "there. "
                     + {"screen": "Few calls back points at the CV or the targeting.",
                        "interview": "Calls that do not lead to interviews point at the first conversations.",
                        "final": "Interviews that do not lead to final rounds point at the interviews themselves.",
                        "offer": "Finals without offers point at the closing rounds.",
                        }.get(weak["stage"], ""))
    return words


render()
