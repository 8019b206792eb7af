"""Funnel: conversion at each stage with its uncertainty, how groups compare, and the flow to outcomes."""

from __future__ import annotations

import streamlit as st

from analysis import charts
from analysis.domain import LADDER, STAGE_LABELS
from analysis.funnel import (
    BENCHMARKS,
    MIN_GROUP,
    SEGMENTS,
    assessment_step,
    outcomes_by_rung,
    sankey,
    segment_funnel,
    stage_counts,
    stage_table,
    useful_segments,
)
from ui import common


def render() -> None:
    a = common.page("Funnel")
    stages = a.run(stage_counts)
    if common.no_match_state(int(stages.loc[0, "reached"])):
        st.stop()
    st.caption("Where in the process do you drop out? Each bar is the share of the stage before that got through; "
               "the black line is the 95% interval: with few applications it is wide, and that is the honest answer.")
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.conversion_figure(stages), width="stretch",
                        key="funnel_conversion")
    with right:
        st.plotly_chart(charts.outcomes_by_rung_figure(a.run(outcomes_by_rung)), width="stretch",
                        key="funnel_outcomes")
    st.dataframe(stage_table(stages), hide_index=True, width="stretch")
    step = a.run(assessment_step)
    if step["had_assessment"]:
        st.caption(f"Assessments (take-homes, tests) are a step, not a stage: {step['had_assessment']} application(s) "
                   f"had one, and {step['then_reached_screen_or_later']} of them went on to a call or further.")
    _compare_groups(a)
    st.subheader("From applying to the end")
    nodes, links = a.run(sankey)
    st.plotly_chart(charts.sankey_figure(nodes, links), width="stretch", key="funnel_sankey")


def _compare_groups(a) -> None:
    st.subheader("Compare groups")
    c1, c2 = st.columns(2)
    with c1:
        useful = a.run(useful_segments)
        by = st.selectbox("Split by", list(SEGMENTS), format_func=lambda k: SEGMENTS[k][0], key="funnel_by",
                          index=list(SEGMENTS).index(useful[0]) if useful else 0)
    with c2:
        rung = st.selectbox("Share that reached", LADDER[1:], index=0, format_func=lambda s: STAGE_LABELS[s],
                            key="funnel_rung")
    seg = a.run(segment_funnel, by=by)
    if seg.empty or by not in useful:
        st.info(f"Nothing to compare: every application falls in one {SEGMENTS[by][0].lower()} group. "
                + (f"Try {', '.join(SEGMENTS[k][0].lower() for k in useful)}." if useful else
                   "Add a source, referral or role column to your sheet to compare groups."))
        return
    fig = charts.segment_figure(seg, rung,
                                f"{SEGMENTS[by][0]}: share of applications that reached {STAGE_LABELS[rung].lower()}")
    if rung == "interview":
        value, source = BENCHMARKS["interview_rate"]
        fig.add_vline(x=value, line_dash="dot", line_color="#e8590c", annotation_text=source, annotation_font_size=11,
                      annotation_position="top")
    st.plotly_chart(fig, width="stretch", key="funnel_segments")
    folded = [g for g in seg["folded"].unique() if g]
    if folded:
        st.caption(f"Groups with fewer than {MIN_GROUP} applications are too small to judge and are folded into "
                   f"'Other': {folded[0]}.")
    st.caption("Where two groups' intervals overlap a lot, the data cannot tell them apart yet.")


render()
