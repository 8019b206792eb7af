"""Data: every application, searchable and sortable; add, correct or delete one. Edits are yours: a re-import of
the same file never overwrites them."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis.applications import (
    SORTS,
    EditError,
    add_application,
    application,
    applications_table,
    delete_application,
    label_behind,
    origin_sentence,
    original_row,
    reread_label,
    row_origin,
    saved_jobs,
    update_application,
)
from analysis.domain import (
    LABEL_OUTCOME_NAMES,
    LABEL_OUTCOMES,
    LADDER,
    OUTCOME_LABELS,
    OUTCOMES,
    STAGE_LABELS,
    STAGES,
    blank_missing,
    readable,
)
from analysis.ingest.original import original_file
from ui import common

SHOWN = 1000  # a table of a whole cohort is unreadable and slow: search narrows it


def render() -> None:
    a = common.page("Data", needs_data=False)  # the Data page is where one adds the first application by hand
    table = _table(a)
    _correct_an_application(a.con, table)
    _add_an_application(a.con)
    _saved_not_applied(a.run(saved_jobs))


def _table(a):
    """The search, the filters and the sort, and the table they pick; returns the table."""
    c1, c2, c3, c4 = st.columns([3, 2, 2, 1.4], vertical_alignment="bottom")
    with c1:
        search = st.text_input("Search company, role, notes, feedback, location", key="data_search")
    with c2:
        outcomes = st.multiselect("Outcome", OUTCOMES, format_func=OUTCOME_LABELS.get, key="data_outcomes",
                                  placeholder="All outcomes")
    with c3:
        sort_labels = {"applied_on": "Date applied", "company": "Company", "furthest_stage": "Furthest stage",
                       "outcome": "Outcome", "last_activity_on": "Last activity"}
        sort = st.selectbox("Sort by", list(SORTS), format_func=sort_labels.get, key="data_sort")
    with c4:
        descending = st.toggle("Descending", value=True, key="data_desc")
    table = a.run(applications_table, search=search, outcomes=tuple(outcomes), sort=sort, descending=descending)
    st.caption(f"{len(table)} application(s)" + (" (filtered)" if search or outcomes or a.filters.is_filtered() else "")
               + (f"; the first {SHOWN:,} are shown, search to find the others" if len(table) > SHOWN else "")
               + ". ✎ marks the ones you added or edited; ⚠ the ones that look like another entered twice.")
    texts_shown = common.show_rejection_texts("data_show_texts")
    st.dataframe(
        blank_missing(readable(table.head(SHOWN)[["mark", "company", "role", "channel", "applied_on", "furthest_stage",
                                                  "outcome", "outcome_decided_by", "stage_decided_by", "status_label",
                                                  "location", "salary", "notes",
                                                  *(["feedback"] if texts_shown else []), "url"]])),
        hide_index=True, width="stretch", height=420,
        column_config={
            "mark": st.column_config.TextColumn("", width=36), "company": "Company", "role": "Role",
            "channel": "Channel", "applied_on": st.column_config.TextColumn("Applied", width=100),
            "furthest_stage": "Furthest stage", "outcome": "Outcome", "status_label": "Status in your sheet",
            "outcome_decided_by": st.column_config.TextColumn("Outcome decided by", help="the cell that decided it",
                                                              width=280),
            "stage_decided_by": st.column_config.TextColumn("Stage decided by", help="the cell that decided it",
                                                            width=200),
            "location": "Location", "salary": "Salary", "notes": "Notes", "feedback": "Feedback",
            "url": st.column_config.LinkColumn("Link", display_text="open"),
        },
    )
    return table


def _the_row_in_your_file(con, pick: int) -> None:
    # read back on request: a big file is read again each time it is shown
    if st.toggle("Show the row as it is in your file", key="data_show_row"):
        origin = row_origin(con, pick)
        if origin is None:
            st.caption("Added by hand or from your mail: there is no file row behind it.")
            return
        st.caption(common.md(origin_sentence(origin)))
        st.json(original_row(con, pick) or {}, expanded=True)
        if origin["kept"]:
            import_id = origin["import_id"]
            st.download_button(f"Download {origin['file_name']} as you imported it",
                               data=common.later(lambda c: original_file(c, import_id)[1]),
                               file_name=origin["file_name"], key=f"data_original_{import_id}",
                               icon=":material/download:")


def _correct_an_application(con, table) -> None:
    st.subheader("Correct an application")
    if table.empty:
        st.info("Nothing to edit with this search and these filters.")
        return
    picks = table.head(200)
    labels = dict(zip(picks["app_id"].astype(int).tolist(),
                      (f"{c or '?'} — {r or '?'} (#{i})" for c, r, i in
                       zip(picks["company"].tolist(), picks["role"].tolist(), picks["app_id"].tolist(), strict=True)),
                      strict=True))
    pick = st.selectbox("Application", list(labels), format_func=labels.get, key="data_pick")
    app = application(con, pick)
    if app is None:
        return
    row = table.loc[table["app_id"] == pick].iloc[0]
    st.caption(f"Outcome decided by: {common.md(row['outcome_decided_by'] or 'not recorded')}; "
               f"stage decided by: {common.md(row['stage_decided_by'] or 'not recorded')}.")
    _correct_the_reading(con, row["outcome_decided_by"])
    _the_row_in_your_file(con, pick)
    _edit_form(con, pick, app, shown_stage=row["furthest_stage"], shown_outcome=row["outcome"])
    _delete(con, pick, labels[pick])


def _correct_the_reading(con, decided_by) -> None:
    """When one cell decided the outcome ("Status = 'Denied'"), let the person say what that label means: every
    application it decided follows, and the next import reads it the same way."""
    found = label_behind(decided_by) if isinstance(decided_by, str) else None
    if found is None:
        return
    column, label = found
    with st.expander(f"Read '{label}' in '{column}' differently everywhere"):
        with st.form("data_reread"):
            a, b = st.columns(2)
            stage = a.selectbox("Furthest stage", STAGES, format_func=STAGE_LABELS.get, key="data_reread_stage")
            outcome = b.selectbox("Outcome", LABEL_OUTCOMES, format_func=LABEL_OUTCOME_NAMES.get,
                                  key="data_reread_outcome")
            go = st.form_submit_button(f"Apply to every application decided by {column} = '{label}'")
        if go:
            try:
                n = reread_label(con, decided_by, stage, outcome)
            except EditError as exc:
                st.error(str(exc))
            else:
                st.session_state["data_flash"] = (f"{n} application(s) now read '{label}' as {STAGE_LABELS[stage]}, "
                                                  f"{LABEL_OUTCOME_NAMES[outcome].lower()}; the next import reads it "
                                                  "so too.")
                st.rerun()


_FIELD_NAMES = {"salary_text": "salary", "applied_on": "applied date", "outcome_on": "still active as of today"}


def _edit_form(con, pick: int, app: dict, shown_stage, shown_outcome) -> None:
    """The form opens on what the table shows (an application with no news for weeks shows as Ghosted, worked out
    when the report runs, while 'active' is stored): left as shown, the stored value stays and nothing is pinned."""
    stage_now = shown_stage if shown_stage in LADDER else app.get("stage")
    outcome_now = shown_outcome if shown_outcome in OUTCOMES else app.get("outcome")
    with st.form("data_edit"):
        a, b = st.columns(2)
        with a:
            company = st.text_input("Company", app.get("company") or "")
            role = st.text_input("Role", app.get("role") or "")
            source = st.text_input("Source / channel", app.get("source") or "")
            location = st.text_input("Location", app.get("location") or "")
            salary = st.text_input("Salary", app.get("salary_text") or "")
        with b:
            applied = app.get("applied_on")
            applied_on = st.date_input("Applied on", value=applied.date() if hasattr(applied, "date") and
                                       applied == applied else None, format="YYYY-MM-DD")
            stage = st.selectbox("Furthest stage", LADDER, index=LADDER.index(stage_now) if stage_now in LADDER
                                 else 0, format_func=STAGE_LABELS.get)
            outcome = st.selectbox("Outcome", OUTCOMES, index=OUTCOMES.index(outcome_now) if outcome_now in OUTCOMES
                                   else 0, format_func=OUTCOME_LABELS.get)
            notes = st.text_area("Notes", app.get("notes") or "", height=80)
            feedback = st.text_area("Rejection feedback", app.get("feedback") or "", height=80)
        saved = st.form_submit_button("Save changes", type="primary")
    if saved:
        try:
            changed = update_application(con, pick, {
                "company": company, "role": role, "source": source, "location": location, "salary_text": salary,
                "applied_on": applied_on, "stage": app.get("stage") if stage == stage_now else stage,
                "outcome": app.get("outcome") if outcome == outcome_now else outcome, "notes": notes,
                "feedback": feedback,
                # 'still active' said of a row shown as ghosted: the silence ends today, its clock starts again
                **({"outcome_on": date.today()} if outcome == "active" != outcome_now else {})})
        except EditError as exc:
            st.error(str(exc))
        else:
            names = [_FIELD_NAMES.get(c, c) for c in changed]
            st.session_state["data_flash"] = (f"Saved {', '.join(names)}." if changed else "Nothing changed.")
            st.rerun()


def _delete(con, pick: int, label: str) -> None:
    if st.session_state.get("data_confirm_delete") == pick:
        st.warning(f"Delete **{common.md(label)}** from every analysis? It stays deleted if you import the "
                   "same file again.")
        y, n = st.columns(2)
        if y.button("Yes, delete it", type="primary", key="data_delete_yes"):
            delete_application(con, pick)
            st.session_state.pop("data_confirm_delete", None)
            st.session_state["data_flash"] = f"Deleted {common.md(label)}."
            st.rerun()
        if n.button("No, keep it", key="data_delete_no"):
            st.session_state.pop("data_confirm_delete", None)
            st.rerun()
    elif st.button("Delete this application…", key="data_delete"):
        st.session_state["data_confirm_delete"] = pick
        st.rerun()


def _add_an_application(con) -> None:
    st.subheader("Add an application")
    with st.form("data_add", clear_on_submit=True):
        a, b, c = st.columns(3)
        new_company = a.text_input("Company")
        new_role = b.text_input("Role")
        new_source = c.text_input("Source / channel", placeholder="LinkedIn, referral, company site…")
        new_applied = a.date_input("Applied on", value=date.today(), format="YYYY-MM-DD")
        new_stage = b.selectbox("Furthest stage", LADDER, format_func=STAGE_LABELS.get)
        new_outcome = c.selectbox("Outcome", OUTCOMES, format_func=OUTCOME_LABELS.get)
        new_notes = st.text_input("Notes")
        added = st.form_submit_button("Add application")
    if added:
        try:
            new_id = add_application(con, {"company": new_company, "role": new_role, "source": new_source,
                                            "applied_on": new_applied, "stage": new_stage, "outcome": new_outcome,
                                            "notes": new_notes})
        except EditError as exc:
            st.error(str(exc))
        else:
            st.session_state["data_flash"] = f"Added {common.md(new_company or new_role)} (#{new_id})."
            st.rerun()


def _saved_not_applied(saved) -> None:
    if saved.empty:
        return
    st.subheader(f"Saved, not applied ({len(saved)})")
    st.caption("Jobs your file lists as saved, bookmarked or drafted but never sent. They are kept here and left out "
               "of every count. If they were sent after all, give their label another meaning when you import the "
               "file again (Upload, 'Status labels').")
    st.dataframe(saved[["company", "role", "status_label", "why", "url"]], hide_index=True, width="stretch",
                 column_config={"company": "Company", "role": "Role", "status_label": "Status in your sheet",
                                "why": "Why it is not an application",
                                "url": st.column_config.LinkColumn("Link", display_text="open")})


render()
