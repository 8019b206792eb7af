"""Inbox: what your mail proposes (new applications, rejections, interviews, offers), accepted only by you."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.applications import application_choices
from analysis.domain import text_or
from analysis.mail import importer as mail
from analysis.mail.rules import CONFIDENT
from ui import common

TITLES = {"rejection": "Rejections", "new_application": "New applications (confirmations)",
          "stage_event": "Interviews and assessments", "offer": "Offers"}
ORDER = ["rejection", "new_application", "stage_event", "offer"]


def render() -> None:
    st.title("Inbox")
    st.caption("Job mail read on this machine, by rules you can see. "
               "Nothing changes your applications until you accept it.")
    con = common.home_con()
    counts = mail.proposal_counts(con)
    if not counts:
        st.info("No job mail yet. On the **Upload** page, drop a Google Takeout `.mbox`, an `.eml` or an `.ics` "
                "file.", icon=":material/inbox:")
        st.page_link("pages/upload.py", label="Upload mail", icon=":material/upload_file:")
        st.stop()
    if "inbox_notice" in st.session_state:
        st.success(st.session_state.pop("inbox_notice"), icon=":material/check:")
    pending = pd.DataFrame(mail.pending(con))
    for kind in ORDER:
        if kind in counts:
            _kind(con, kind, counts[kind], pending)
    review = pending[pending["confidence"] < CONFIDENT] if not pending.empty else pending
    if not review.empty:
        st.subheader(f"To review one by one ({len(review)})")
        choices = application_choices(con)
        for row in review.head(25).itertuples():
            _one_by_one(con, row, choices)


def _after_change(con, msg: str) -> None:
    if common.is_demo() and not mail.store_is_empty(con):
        common.leave_demo()
    st.session_state["inbox_notice"] = msg
    st.rerun()


def _kind(con, kind: str, c: dict, pending) -> None:
    """One kind of proposal: how many, and the confident ones accepted in one go."""
    st.subheader(f"{TITLES[kind]}: {c['confident'] + c['review']} to decide, {c['accepted']} accepted")
    group = pending[pending["proposal"] == kind] if not pending.empty else pending
    sure = group[group["confidence"] >= CONFIDENT] if not group.empty else group
    if not sure.empty:
        shown = sure.assign(date=sure["sent_at"].dt.date)[["date", "company", "role", "subject", "phrase"]]
        st.dataframe(shown.fillna({"company": "", "role": ""}), hide_index=True, width="stretch",
                     column_config={"phrase": st.column_config.TextColumn("The sentence that decided", width="large")})
        if st.button(f"Accept {len(sure)} confident {TITLES[kind].lower()}", key=f"inbox_accept_{kind}",
                     type="primary"):
            done = mail.accept_confident(con, kind)
            _after_change(con, f"Accepted {done['accepted']}: {done['applications_added']} application(s) added, "
                               f"{done['applications_updated']} updated.")

    if c["accepted"] and kind == "rejection":
        st.page_link("pages/rejections.py", label="See the accepted rejections and their reasons",
                     icon=":material/thumb_down:")


def _one_by_one(con, row, choices: dict) -> None:
    with st.container(border=True):
        left, right = st.columns([2, 3])
        with left:
            st.markdown(f"**{TITLES[row.proposal]}** · {common.md(text_or(row.company, 'company not named'))} · "
                        f"{row.sent_at.date() if pd.notna(row.sent_at) else 'no date'}")
            st.caption(f"Rule {common.md(row.decided_by)} (confidence {row.confidence:.0%})")
            if pd.notna(row.app_id):
                st.caption("About: "
                           f"{common.md(choices.get(int(row.app_id), 'application ' + str(int(row.app_id))))}")
            b = st.columns(3)
            if b[0].button("Accept", key=f"inbox_yes_{row.message_id}"):
                mail.accept_proposals(con, [row.message_id])
                _after_change(con, "Accepted.")
            if b[1].button("Reject", key=f"inbox_no_{row.message_id}"):
                mail.reject_proposal(con, row.message_id)
                _after_change(con, "Proposal turned down; it stays so on re-import.")
            if b[2].button("Not job mail", key=f"inbox_notjob_{row.message_id}"):
                mail.not_job_related(con, row.message_id)
                _after_change(con, "Marked as not job-related; its text is dropped.")
            if choices:
                pick = st.selectbox("About another application", [None, *choices],
                                    format_func=lambda k: "—" if k is None else choices[k],
                                    key=f"inbox_move_{row.message_id}")
                if pick is not None and pick != row.app_id:
                    mail.reassign(con, row.message_id, int(pick))
                    _after_change(con, "Reassigned.")
        with right:
            st.markdown(f"**{common.md(text_or(row.subject, '(no subject)'))}** — {common.md(text_or(row.sender))}")
            st.text(text_or(row.body_text)[:3000])


render()
