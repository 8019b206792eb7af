"""Timeline: how fast they answer, how long each stage takes, who went silent, and the weekly pace."""

from __future__ import annotations

import streamlit as st

from analysis import charts
from analysis.domain import blank_missing, readable
from analysis.store import get_setting, set_setting
from analysis.timing import (
    MIN_NAMED,
    answer_notes,
    answer_rates,
    answer_table,
    applications_per_week,
    first_responses,
    ghosting,
    ghosting_by_stage,
    goal_summary,
    median_days_to_first_response,
    response_summary,
    time_in_stage,
)
from ui import common


def render() -> None:
    a = common.page("Timeline")
    reply = a.run(response_summary)
    if reply["n"]:
        st.markdown(f"Companies that answered took a median of **{reply['median']:.0f} days** (half between "
                    f"{reply['p25']:.0f} and {reply['p75']:.0f} days), over **{reply['n']}** dated answers.")
    else:
        st.info("Your sheet has no dated answers yet, so response times cannot be measured. A status date or a date "
                "per stage makes this page work.")
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.response_time_figure(a.run(first_responses)), width="stretch",
                        key="timeline_responses")
    with right:
        st.plotly_chart(charts.time_in_stage_figure(a.run(time_in_stage)), width="stretch", key="timeline_stages")
    _silence(a)
    _who_answers(a)
    _pace(a)


def _silence(a) -> None:
    f = a.filters
    st.subheader("Silence")
    ghosts = a.run(ghosting)
    st.markdown(f"**{len(ghosts)}** application(s) went silent: no answer for {f.ghost_after_days} days up to "
                f"{f.today:%d %b %Y}, or marked as ghosted in your sheet. A later reply makes one active again.")
    left, right = st.columns([2, 3])
    with left:
        st.plotly_chart(charts.ghosting_figure(a.run(ghosting_by_stage)), width="stretch", key="timeline_ghosts")
    with right:
        if len(ghosts):
            st.dataframe(blank_missing(readable(ghosts[["company", "role", "furthest_stage", "last_activity_on",
                                                        "silent_days",
                                                        "how"]])),
                         hide_index=True, width="stretch", height=320, column_config={
                             "company": "Company", "role": "Role", "furthest_stage": "Stopped at",
                             "last_activity_on": "Last activity",
                             "silent_days": "Days silent", "how": "Why counted"})


def _who_answers(a) -> None:
    st.subheader("Who answers and who does not")
    st.caption(f"Companies and sources with at least {MIN_NAMED} applications, by the share that got any answer (a "
               "call, a rejection, an offer) and the typical days to it. Fewer applications than that say nothing "
               "about anyone.")
    overall = a.run(median_days_to_first_response)
    by_company = a.run(answer_rates, by="company")
    by_source = a.run(answer_rates, by="channel")
    for column, (title, rates, noun, header) in zip(
            st.columns(2), (("Companies", by_company, "companies", "Company"),
                            ("Sources", by_source, "sources", "Source")),
            strict=True):
        with column:
            st.markdown(f"**{title}**")
            if rates.empty:
                st.caption(f"No {header.lower()} has {MIN_NAMED} or more applications yet.")
            else:
                for note in answer_notes(rates, overall, noun):
                    st.markdown("- " + common.md(note))
                st.dataframe(answer_table(rates, header), hide_index=True, width="stretch", height=300)


def _pace(a) -> None:
    st.subheader("Pace")
    saved_goal = get_setting(a.con, "weekly_goal") or 0
    goal = st.number_input("Your weekly goal (applications a week; 0 for none)", min_value=0, max_value=200,
                           value=int(saved_goal), step=1, key="timeline_goal")
    if goal != saved_goal:
        set_setting(a.con, "weekly_goal", int(goal))
    weeks = a.run(applications_per_week, weekly_goal=goal or None)
    if len(weeks):
        st.plotly_chart(charts.weekly_activity_figure(weeks, goal or None), width="stretch", key="timeline_weeks")
        summary = goal_summary(weeks, goal or None)
        if summary:
            st.markdown(f"You met your goal of {summary['goal']} in **{summary['met']} of {summary['weeks']}** "
                        f"weeks, averaging {summary['average']:.1f} applications a week.")
    else:
        st.info("No application has a date applied, so the weekly pace cannot be drawn.")


render()
