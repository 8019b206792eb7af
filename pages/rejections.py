"""Rejections: why they said no, with the evidence, what the feedback is worth, and what to try next."""

from __future__ import annotations

import streamlit as st

from analysis import charts
from analysis.domain import blank_missing, readable
from analysis.rejections import (
    REASONS,
    feedback_quality,
    leading_takeaways,
    reason_counts,
    reasons_by_rung,
    recurring_phrases,
    review_frame,
    save_review,
)
from ui import common


def render() -> None:
    a = common.page("Rejections")
    decisions = a.decisions  # the reasons, worked out once for this run and handed to every part of the page
    company = a.run(reason_counts, side="company")
    if company.empty and decisions.empty:
        st.info("No rejections yet among these applications: nothing to learn from here (yet). When a company says "
                "no, put their words in a feedback or notes column and Hindsight will sort them.")
        st.stop()
    quality = a.run(feedback_quality)
    if decisions["text"].isna().all():
        st.info(f"Your sheet records {len(decisions)} ending(s) (rejections, withdrawals, closed roles) but no "
                "feedback or notes, so there is no reason to sort. Add a *Feedback* or *Notes* column with what they "
                "said, or write it on the Data page, and this page will sort it.", icon=":material/edit_note:")
        st.plotly_chart(charts.reasons_by_rung_figure(a.run(reasons_by_rung)), width="stretch", key="rej_rung_only")
        st.stop()
    _feedback_quality(quality)
    _what_to_try(company)
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.reasons_figure(company, "The companies' reasons"), width="stretch", key="rej_company")
    with right:
        candidate = a.run(reason_counts, side="candidate")
        if not candidate.empty:
            st.plotly_chart(charts.reasons_figure(candidate, "Your own decisions (withdrew, declined an offer)"),
                            width="stretch", key="rej_candidate")
            st.caption("These are kept apart: they were your choices, not the companies'.")
    # full width: a row per reason needs its labels and the stages' legend beside each other
    st.plotly_chart(charts.reasons_by_rung_figure(a.run(reasons_by_rung)), width="stretch", key="rej_rung")
    texts_shown = _evidence(decisions, company)
    _phrases(a.run(recurring_phrases), texts_shown)
    _correct_a_reason(a, decisions)


def _feedback_quality(quality: dict) -> None:
    if quality["decisions"]:
        st.markdown(
            f"**{quality['decisions']}** times a company said no or closed the role. **{quality['usable']}** came "
            f"with a reason you can act on; **{quality['no_usable']}** ({quality['share_no_usable']:.0%}) came with "
            "nothing, or a platitude like *“we went with a stronger candidate”*. That is normal: the reasons below "
            "come from the few that said more, and from your own notes.")
        if quality["asked"] or quality["received"]:
            st.caption(f"You asked for feedback {quality['asked']} time(s) and received it {quality['received']} "
                       "time(s).")


def _what_to_try(company) -> None:
    takeaways = leading_takeaways(company[company["reason"].map(lambda r: REASONS[r].actionable)])
    if takeaways:
        st.subheader("What to try next")
        for t in takeaways:
            st.markdown(f"- **{t['label']}** ({t['count']}): {t['takeaway']}")
        st.caption("Suggestions from patterns in your own data, not verdicts: a handful of cases can point the wrong "
                   "way.")


def _reason_options() -> dict[str, str]:
    return {r.label: k for k, r in REASONS.items()}


def _evidence(decisions, company) -> bool:
    """The decisions behind a reason; True when the rejection texts may be shown (gentle mode)."""
    st.subheader("The evidence")
    options = _reason_options()
    pick = st.selectbox("Show the decisions behind a reason", list(options), key="rej_reason",
                        index=list(options.values()).index(company.iloc[0]["reason"]) if not company.empty else 0)
    evidence = decisions[decisions["reason"] == options[pick]]
    texts_shown = common.show_rejection_texts("rej_show_texts")
    if evidence.empty:
        st.caption("None.")
    else:
        cols = ["company", "role", "furthest_stage", "side", "outcome_decided_by",
                *(["phrase", "text"] if texts_shown else [])]
        st.dataframe(blank_missing(readable(evidence[cols])), hide_index=True,
                     width="stretch", column_config={"company": "Company", "role": "Role", "furthest_stage": "Stage",
                                                      "side": "Whose decision",
                                                      "outcome_decided_by": "Outcome decided by",
                                                      "phrase": "Deciding phrase", "text": "Feedback and notes"})
    return texts_shown


def _phrases(phrases, texts_shown: bool) -> None:
    if not phrases.empty and texts_shown:
        st.subheader("Phrases that keep coming back")
        st.caption("Two- and three-word phrases found in the feedback and notes of several applications that no rule "
                   "names yet: patterns worth a look.")
        st.dataframe(blank_missing(phrases), hide_index=True, width="stretch",
                     column_config={"phrase": "Phrase", "applications": "Applications", "example": "Example"})


def _correct_a_reason(a, decisions) -> None:
    st.subheader("Correct a reason")
    st.caption("Change the reason where Hindsight got it wrong, and tick whether you asked for feedback and got it. "
               "Your reason wins over the rules and stays after a re-import.")
    review = review_frame(decisions)
    edited = st.data_editor(
        review, hide_index=True, width="stretch", key="rej_review",
        disabled=["app_id", "company", "role", "furthest_stage", "outcome", "phrase"],
        column_config={
            "app_id": None, "company": "Company", "role": "Role", "furthest_stage": "Stage", "outcome": "Outcome",
            "reason_label": st.column_config.SelectboxColumn("Reason", options=list(_reason_options()),
                                                             required=True),
            "phrase": "Deciding phrase",
            "feedback_requested": st.column_config.CheckboxColumn("Asked for feedback"),
            "feedback_received": st.column_config.CheckboxColumn("Got feedback"),
        })
    if st.button("Save corrections", key="rej_save", type="primary"):
        changes = save_review(a.con, review, edited)
        st.session_state["rejections_flash"] = ("Saved: "
                                                + common.md("; ".join(changes))) if changes else "Nothing changed."
        st.rerun()


render()
