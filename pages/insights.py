"""Insights: what matters most, the follow-ups to send, the mentor's action items, and the data going out."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis.applications import application_choices
from analysis.domain import text_or
from analysis.drafts import LANGUAGES, ics_calendar, queue_events
from analysis.export import applications_csv, applications_xlsx, html_report, proof_html
from analysis.followups import (
    actions,
    add_action,
    complete_action,
    delete_action,
    follow_ups_with_drafts,
    mark_done,
)
from analysis.insights import findings
from analysis.rejections import REASONS
from analysis.store import get_setting, set_setting
from ui import common


def render() -> None:
    a = common.page("Insights")
    # the findings and the follow-up queue share the rejection reasons: the Analysis works them out once
    _what_matters_most(a)
    _follow_ups(a)
    _action_items(a)
    _share_and_export(a)


def _what_matters_most(a) -> None:
    st.subheader("What matters most")
    found = a.run(findings, weekly_goal=get_setting(a.con, "weekly_goal"))
    if not found:
        st.info("Not enough data for findings yet: they appear once you have a few dozen applications with outcomes.")
    for i, finding in enumerate(found, start=1):
        with st.container(border=True):
            st.markdown(f"**{i}.** {common.md(finding.sentence)}")
            st.caption(("Suggestion: " if finding.enough_data else "") + common.md(finding.action))


def _follow_ups(a) -> None:
    st.subheader("Follow-ups")
    saved_lang = get_setting(a.con, "followup_lang") or "en"
    lang = st.segmented_control("Drafts in", list(LANGUAGES), default=saved_lang, format_func=LANGUAGES.get,
                                key="insights_lang") or saved_lang
    if lang != saved_lang:
        set_setting(a.con, "followup_lang", lang)
    queue = a.run(follow_ups_with_drafts, lang=lang)
    if queue.empty:
        st.caption("Nothing to follow up right now.")
        return
    overdue = int(queue["overdue"].sum())
    st.markdown(f"**{len(queue)}** to do, **{overdue}** of them past their date (older ones are dropped: a thank-you a "
                "month late or a nudge after three months is not worth sending). Keep the lines open: a thank-you "
                "after an interview, a feedback request after a late rejection, one nudge after a silence, and a note "
                "in the calendar for the companies that said *not now*. Each comes with a short draft to copy (the "
                "icon at its top right) and change as you like; the templates are on **Settings**.")
    kinds = st.pills("Show", ["thank_you", "ask_feedback", "nudge", "recontact"], selection_mode="multi",
                     format_func={"thank_you": "Thank-yous", "ask_feedback": "Feedback asks", "nudge": "Nudges",
                                  "recontact": "Re-contacts"}.get, key="insights_kinds",
                     default=["thank_you", "ask_feedback", "nudge", "recontact"])
    picked = queue[queue["kind"].isin(kinds or [])]
    st.download_button(f"All {len(picked)} as calendar entries (.ics)", data=ics_calendar(queue_events(picked)),
                       file_name=f"follow-ups-{a.filters.today.isoformat()}.ics", mime="text/calendar",
                       key="insights_ics_all", icon=":material/calendar_month:")
    for r in picked.head(10).itertuples():
        _follow_up(a, picked, r)
    if len(picked) > 10:
        st.caption(f"The 10 most urgent of {len(picked)}; tick them off to see the next.")


def _follow_up(a, picked, r) -> None:
    c1, c2, c3 = st.columns([2, 5, 1])
    c1.markdown(f"{':material/error:' if r.overdue else ':material/schedule:'} {r.due_on:%d %b %Y}")
    company = r.company if isinstance(r.company, str) else "?"
    role = r.role if isinstance(r.role, str) else "?"
    c2.markdown(f"**{r.what}**: {common.md(company)} — {common.md(role)}  \n"
                f":small[{common.md(r.why)}]")
    with c2.expander("Draft"):
        st.code(r.draft, language=None, wrap_lines=True)
        st.download_button("Add to my calendar (.ics)", data=ics_calendar(queue_events(picked[
            (picked["app_id"] == r.app_id) & (picked["kind"] == r.kind)])),
            file_name=f"follow-up-{r.kind}-{r.app_id}.ics", mime="text/calendar",
            key=f"insights_ics_{r.app_id}_{r.kind}", icon=":material/event:")
    if c3.button("Done", key=f"insights_done_{r.app_id}_{r.kind}"):
        mark_done(a.con, int(r.app_id), r.kind)
        st.session_state["insights_flash"] = f"Done: {r.what.lower()} ({common.md(company)})."
        st.rerun()


def _action_items(a) -> None:
    st.subheader("Action items from your mentor")
    items = actions(a.con)
    choices = a.run(application_choices)
    with st.form("insights_action", clear_on_submit=True):
        text = st.text_input("Action item", placeholder="Practise system design with Ana every Tuesday")
        c1, c2, c3, c4 = st.columns(4)
        due = c1.date_input("Due", value=None, format="YYYY-MM-DD")
        met = c2.date_input("Meeting on", value=date.today(), format="YYYY-MM-DD")
        reason = c3.selectbox("About a reason", [""] + list(REASONS),
                              format_func=lambda k: REASONS[k].label if k else "—")
        app_id = c4.selectbox("About an application", [None, *choices], format_func=lambda k: choices.get(k, "—"))
        added = st.form_submit_button("Add action item")
    if added:
        try:
            add_action(a.con, text, due, app_id, reason or None, met)
        except ValueError as exc:
            st.error(str(exc))
        else:
            st.session_state["insights_flash"] = "Action item added."
            st.rerun()
    if not len(items):
        st.caption("No action items yet. After a mentor meeting, write down what you will do, with a date.")
    for r in items.itertuples():
        done = r.done_on == r.done_on and r.done_on is not None
        c1, c2, c3 = st.columns([6, 1, 1])
        about = text_or(r.company) or text_or(r.reason_label)
        due_text = f" — due {r.due_on:%d %b %Y}" if r.due_on == r.due_on and r.due_on is not None else ""
        c1.markdown(("~~" if done else "") + common.md(r.text) + ("~~" if done else "") + f"{due_text}"
                    + (f" · *{common.md(about)}*" if about else ""))
        if not done and c2.button("Done", key=f"insights_action_done_{r.action_id}"):
            complete_action(a.con, int(r.action_id))
            st.rerun()
        if c3.button("Delete", key=f"insights_action_del_{r.action_id}"):
            delete_action(a.con, int(r.action_id))
            st.rerun()


def _share_and_export(a) -> None:
    con, f = a.con, a.filters
    st.subheader("Share and export")
    st.caption("A report for a mentor (one HTML file with the charts, opens offline), or your cleaned applications as "
               "a spreadsheet Hindsight can import again. Cells that a spreadsheet would run as a formula are "
               "neutralised.")
    c1, c2, c3 = st.columns(3)
    stamp = f.today.isoformat()
    if st.session_state.get("insights_html_for") == common.fingerprint():
        c1.download_button("Download the report (HTML)", data=st.session_state["insights_html"],
                           file_name=f"hindsight-report-{stamp}.html", mime="text/html", key="insights_dl_html")
    elif c1.button("Prepare a report for a mentor", key="insights_prep_html"):
        with st.spinner("Drawing the charts…"):
            st.session_state["insights_html"] = html_report(con, f)
            st.session_state["insights_html_for"] = common.fingerprint()
        st.rerun()
    # the spreadsheets are built when asked for, not on every visit (an Excel file of 100k rows takes a while)
    if st.session_state.get("insights_files_for") == common.fingerprint():
        c2.download_button("Applications (CSV)", data=st.session_state["insights_csv"],
                           file_name=f"applications-{stamp}.csv", mime="text/csv", key="insights_dl_csv")
        c3.download_button("Applications (Excel)", data=st.session_state["insights_xlsx"],
                           file_name=f"applications-{stamp}.xlsx", key="insights_dl_xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    elif c2.button("Prepare the spreadsheets (CSV, Excel)", key="insights_prep_files"):
        with st.spinner("Writing the spreadsheets…"):
            st.session_state["insights_csv"] = applications_csv(con, f)
            st.session_state["insights_xlsx"] = applications_xlsx(con, f)
            st.session_state["insights_files_for"] = common.fingerprint()
        st.rerun()
    st.download_button("Proof of applications (a printable list: date, company, role, channel, outcome)",
                       data=a.run(proof_html), file_name=f"applications-sent-{stamp}.html", mime="text/html",
                       key="insights_dl_proof", icon=":material/print:")


render()
