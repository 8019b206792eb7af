"""Fit: was it even the right job? Red flags against your own criteria, and whether the losses sit there."""

from __future__ import annotations

import streamlit as st

from analysis import charts
from analysis.comparisons import (
    apply_suggestion,
    comparison_table,
    comparisons,
    describe_suggestion,
    fit_findings,
    merge_criteria,
    suggested_criteria,
)
from analysis.domain import blank_missing, readable
from analysis.fit import (
    FLAG_LABELS,
    check_posting,
    criteria_from_linkedin,
    flag_counts,
    flagged_vs_unflagged,
    load_criteria,
    losses_with_flags,
    posting_unknowns,
    save_criteria,
)
from ui import common


def render() -> None:
    st.title("Fit")
    common.demo_banner()
    con = common.con()
    common.flash("fit")
    criteria = load_criteria(con)
    if criteria.is_empty():
        st.info("You have not set your criteria yet. Below is what your own data says got you calls, and criteria to "
                "start from; turn any of them into a criterion with one click, or set titles, places, work type, pay "
                "and deal-breakers on **Settings**.", icon=":material/tune:")
        st.page_link("pages/settings.py", label="Set your criteria", icon=":material/tune:")
    if common.empty_state():
        _check_a_job(criteria)
        st.stop()
    a = common.analysis()
    scores = a.scores(criteria)  # from the flags, worked out once for this run
    if common.no_match_state(len(scores)):
        st.stop()
    counts = a.run(flag_counts, criteria=criteria)
    _what_got_you_a_call(a, criteria)
    _criteria_to_start_from(a, criteria)
    _check_a_job(criteria)
    if criteria.is_empty():
        _warning_signs(a.flags(criteria), counts, int((scores["flags"] > 0).sum()))
        st.stop()
    _against_your_criteria(a, criteria, scores, counts)
    _behind_each_flag(a.flags(criteria), counts)


def _check_a_job(criteria) -> None:
    st.subheader("Check a job before you apply")
    with st.form("fit_check"):
        a, b, c, d = st.columns([3, 2, 2, 2])
        title = a.text_input("Job title")
        place = b.text_input("Place")
        salary = c.text_input("Salary", placeholder="€60k-70k")
        work_type = d.selectbox("Work type", ["", "remote", "hybrid", "onsite"],
                                format_func=lambda v: v or "not stated")
        description = st.text_area("Job description (paste it)", height=100)
        checked = st.form_submit_button("Check it", type="primary")
    if checked:
        found = check_posting(criteria, title, place, salary, description, work_type)
        unknown = posting_unknowns(criteria, title, place, salary, work_type, description)
        if found.empty:
            st.success("It breaks none of your criteria" + (" that could be checked." if unknown else "."),
                       icon=":material/check_circle:")
        else:
            st.warning(f"It breaks {len(found)} of your criteria:", icon=":material/flag:")
            for r in found.itertuples():
                st.markdown(f"- **{r.label}** ({r.severity}): {r.message} — *{common.md(r.value)}*")
        if unknown:
            st.caption("Not checked: " + "; ".join(unknown) + ".")


def _what_got_you_a_call(a, criteria) -> None:
    st.subheader("What got you a call")
    st.caption("Straight from your own data, no criteria needed: each kind of application against the rest, by the "
               "share that got at least a first call. Every number has at least three applications behind it; the "
               "plausible range is a 95% interval, so wide ranges mean the data cannot tell yet.")
    found = a.run(fit_findings)
    if not found:
        st.info("Nothing to compare yet: it takes at least two groups of three applications with some answers "
                "recorded (a status column, or a date per stage) for a comparison to mean anything.",
                icon=":material/hourglass:")
    for finding in found:
        with st.container(border=True):
            st.markdown(common.md(finding.finding))
            if finding.suggestion:
                label = describe_suggestion(finding.suggestion)
                if st.button(f"{label}: best of this comparison, {finding.suggestion['evidence']} (make it a "
                             "criterion)", key=f"fit_suggest_{finding.dimension}"):
                    save_criteria(a.con, apply_suggestion(criteria, finding.suggestion))
                    st.session_state["fit_flash"] = f"Added to your criteria: {label}."
                    st.rerun()
    with st.expander("Every comparison, with its counts"):
        st.dataframe(comparison_table(a.run(comparisons)), hide_index=True, width="stretch")


def _criteria_to_start_from(a, criteria) -> None:
    st.subheader("Criteria to start from")
    suggested, said = a.run(suggested_criteria)
    if said:
        st.markdown("From what you apply to most: " + "; ".join(common.md(s) for s in said) + ".")
        if st.button("Use these as my criteria", key="fit_use_suggested"):
            save_criteria(a.con, merge_criteria(criteria, suggested))
            st.session_state["fit_flash"] = "Added the titles and places you apply to most to your criteria."
            st.rerun()
    prefs = st.file_uploader("Or LinkedIn's Job Seeker Preferences.csv (in your LinkedIn data export, under Jobs/)",
                             type=["csv"], key="fit_prefs")
    if prefs is not None:
        try:
            from_li, li_said = criteria_from_linkedin(prefs.getvalue(), criteria)
        except ValueError as exc:
            st.error(str(exc))
        else:
            st.markdown("It holds: " + (common.md("; ".join(li_said)) if li_said else "nothing Hindsight can use")
                        + ".")
            if li_said and st.button("Use what LinkedIn knows", key="fit_use_linkedin"):
                save_criteria(a.con, from_li)
                st.session_state["fit_flash"] = "Filled your criteria from LinkedIn's preferences."
                st.rerun()


def _warning_signs(flags, counts, flagged: int) -> None:
    """With no criteria set, what the notes and ratings alone flag."""
    st.subheader("Warning signs in your own notes")
    if counts.empty:
        st.caption("None of your notes or ratings carry a warning sign. Set your criteria on Settings to check more.")
    else:
        st.markdown(f"**{flagged}** application(s) have a warning word in their notes or description, or a low "
                    "rating you gave them yourself.")
        st.dataframe(blank_missing(readable(flags[["company", "app_role", "label", "value", "furthest_stage",
                                                   "outcome"]])),
                     hide_index=True,
                     width="stretch", column_config={"company": "Company", "app_role": "Role", "label": "Flag",
                                                     "value": "What tripped it", "furthest_stage": "Got to",
                                                     "outcome": "Outcome"})


def _against_your_criteria(a, criteria, scores, counts) -> None:
    flagged = int((scores["flags"] > 0).sum())
    st.subheader("Your applications against your criteria")
    st.markdown(f"**{flagged}** of your **{len(scores)}** applications break at least one of your criteria; the "
                f"median fit score is **{int(scores['fit_score'].median())}** of 100 (each flag costs 35, 15 or 5 "
                "points by its severity; a criterion with no data is unknown, not a flag).")
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.flags_figure(counts, len(scores)), width="stretch", key="fit_kinds")
    with right:
        comparison = a.run(flagged_vs_unflagged, criteria=criteria)
        st.plotly_chart(charts.flagged_comparison_figure(comparison), width="stretch", key="fit_comparison")
    losses = a.run(losses_with_flags, criteria=criteria)
    if losses["lost_after_interview"]:
        st.markdown(f"Of the **{losses['lost_after_interview']}** jobs you lost after an interview, "
                    f"**{losses['with_flags']}** had red flags you listed"
                    + (f" ({common.md(', '.join(losses['companies'][:5]))}…)." if losses["companies"] else "."))
    sizes = comparison.groupby("group")["applications"].first().to_dict()
    if min(sizes.values() or [0]) < 20:
        st.caption(f"Small groups ({', '.join(f'{k.lower()}: {v}' for k, v in sizes.items())}): where the intervals "
                   "overlap, the data cannot tell the groups apart.")


def _behind_each_flag(flags, counts) -> None:
    st.subheader("The applications behind each flag")
    if counts.empty:
        st.caption("No red flags.")
        return
    kind = st.selectbox("Flag", counts["kind"].tolist(), format_func=lambda k: FLAG_LABELS.get(k, k), key="fit_kind")
    st.dataframe(blank_missing(readable(flags[flags["kind"] == kind][["company", "app_role", "severity", "field",
                                                                      "value", "message", "furthest_stage", "outcome",
                                                                      "outcome_decided_by"]])),
                 hide_index=True, width="stretch", column_config={
                     "company": "Company", "app_role": "Role", "severity": "Severity", "field": "Field",
                     "value": "Value that tripped it", "message": "Why", "furthest_stage": "Got to",
                     "outcome": "Outcome", "outcome_decided_by": "Outcome decided by"})


render()
