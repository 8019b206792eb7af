"""Overview: the headline numbers in plain words, the funnel, how things ended, activity per week."""

from __future__ import annotations

import streamlit as st

from analysis import charts
from analysis.funnel import outcome_counts, stage_counts
from analysis.store import is_empty
from analysis.timing import applications_per_week, median_days_to_first_response
from pages import common

st.title("Overview")
common.demo_banner()
con = common.con()
if is_empty(con):
    st.info("No applications yet. Go to **Upload** and drop in the spreadsheet you keep.", icon=":material/upload_file:")
    st.page_link("pages/upload.py", label="Upload your tracker", icon=":material/upload_file:")
    st.stop()

as_of = common.as_of()
stages = stage_counts(con, as_of)
outcomes = outcome_counts(con, as_of)
total = int(stages.loc[0, "reached"])
screen = int(stages.loc[1, "reached"])
interview = int(stages.loc[2, "reached"])
offers = int(stages.loc[4, "reached"])
median_reply = median_days_to_first_response(con)

c = st.columns(4)
c[0].metric("Applications", total)
c[1].metric("Got a first call", screen, f"{screen / total:.0%} of applications" if total else None, delta_color="off")
c[2].metric("Reached an interview", interview, f"{interview / total:.0%}" if total else None, delta_color="off")
c[3].metric("Offers", offers, f"{offers / total:.0%}" if total else None, delta_color="off")

silent = outcomes["ghosted"]
words = [f"Of your **{total}** applications, **{screen}** got at least a first call and **{interview}** reached an "
         f"interview; **{offers}** ended in an offer."]
if silent:
    words.append(f"**{silent}** never got an answer (no reply for 30 days counts as ghosted, measured to {as_of:%d %b %Y}).")
if median_reply is not None:
    words.append(f"When they did answer, it took a median of **{median_reply:.0f} days**.")
st.markdown(" ".join(words))

left, right = st.columns([3, 2])
with left:
    st.plotly_chart(charts.funnel_figure(stages), width="stretch")
with right:
    st.plotly_chart(charts.outcomes_figure(outcomes), width="stretch")
    weeks = applications_per_week(con)
    if len(weeks):
        st.plotly_chart(charts.weekly_activity_figure(weeks), width="stretch")
st.caption("Each stage counts every application that got at least that far: an offer counts as having passed every "
           "earlier stage even when the sheet did not log them. The intervals say how sure one person's numbers can be.")
