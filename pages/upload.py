"""Upload: drop in a tracker, see what Hindsight will make of it (the plan), change any reading, import it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.domain import (
    ENDING_COLUMNS,
    LABEL_OUTCOME_NAMES,
    LABEL_OUTCOMES,
    LADDER,
    OUTCOME_LABELS,
    STAGE_LABELS,
    STAGES,
    blank_missing,
)
from analysis.imports import RemoveError, history, removal_sentence, remove_import, what_removing_takes
from analysis.ingest.columns import FIELD_LABELS
from analysis.ingest.importer import FORMAT_NAMES_SHOWN, SHAPE_NAMES, ImportOptions, apply, plan_import
from analysis.ingest.read import BadInput
from analysis.store import StoreError
from ui import common, mail_upload

NOT_USED = "— not used —"
NOT_A_STAGE = "— not a stage —"
MAIN_FIELDS = ["company", "role", "applied_on", "status", "first_response", "status_date", "source", "referral", "url",
               "location", "remote_type", "salary", "seniority", "field", "rating", "feedback", "notes", "description",
               "contact", "record_id", "event", "edge_from", "edge_to", "auto_rejected", "in_progress",
               "feedback_requested", "feedback_received", "aligned"]
ALWAYS_SHOWN = ("company", "role", "applied_on", "status", "source", "notes", "feedback", "salary")


def _options(opts_state: dict) -> ImportOptions:
    return ImportOptions(mapping=opts_state.get("mapping") or None, labels=opts_state.get("labels") or None,
                         date_order=opts_state.get("date_order", "auto"), year=opts_state.get("year"),
                         as_of=common.as_of() if not common.is_demo() else None,
                         blank_status_no_answer=bool(opts_state.get("blank_no_answer")))


def _intro() -> None:
    st.markdown(
        "**What Hindsight reads**\n"
        "- one row per application with a status column (`Applied`, `Rejected`, `R2 DONE`, `Ghosted`…);\n"
        "- one column per stage holding Y/N/G, yes, counts or dates;\n"
        "- an edge list `Company, Source, Target` (one row per step, as for a Sankey);\n"
        "- an event log, one row per step with its date.\n\n"
        "Before anything is written you see what the import will lead to: how many applications, how they ended, "
        "how far they got, and which cells decided it. Change any reading and the numbers follow.")


def _file_key(uploaded) -> tuple:
    """What tells one dropped file from another (its plan, whether it was just imported)."""
    return uploaded.name, len(uploaded.getvalue()), getattr(uploaded, "file_id", None)


def _plan_for(uploaded, opts_state: dict):
    """The plan for the uploaded file and the current choices, worked out again whenever either changes."""
    data = uploaded.getvalue()
    key = _file_key(uploaded)
    if st.session_state.get("upload_plan_key") != key:
        opts_state.clear()
        st.session_state.pop("upload_result", None)
    plan_key = (key, repr(sorted(opts_state.items(), key=lambda kv: kv[0])))
    if st.session_state.get("upload_plan_key") != key or st.session_state.get("upload_plan_opts") != plan_key:
        try:
            with st.spinner("Reading the file and working out what it leads to…"):
                plan = plan_import(common.home_con(), data, uploaded.name, _options(opts_state))
        except BadInput as exc:
            st.error(exc.reason, icon=":material/error:")
            st.caption("Nothing was imported and nothing in your database changed.")
            st.session_state["upload_plan_key"] = key
            _drop_plan()
            st.stop()
        _drop_plan()
        st.session_state["upload_plan"] = plan
        st.session_state["upload_plan_key"] = key
        st.session_state["upload_plan_opts"] = plan_key
    return st.session_state.get("upload_plan")


def _drop_plan() -> None:
    """Forget the plan on screen and remove its temp copy of the upload at once."""
    old = st.session_state.pop("upload_plan", None)
    if old is not None:
        old.source.cleanup()


def _what_it_is(uploaded, plan) -> None:
    fmt = ("a generic spreadsheet" if plan.format == "generic"
           else f"a **{FORMAT_NAMES_SHOWN.get(plan.format, plan.format)}** export")
    shape = SHAPE_NAMES[plan.shape] if plan.shape != "status" or "status" in plan.mapping else \
        "one row per application (no status column: every row counts as applied)"
    delim = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}.get(plan.source.delimiter, plan.source.delimiter)
    st.success(f"**{common.md(uploaded.name)}** looks like {fmt}, shaped as {shape}: {plan.rows_read} row(s), "
               f"{len(plan.source.header)} column(s), {plan.source.encoding}, delimiter `{delim}`.",
               icon=":material/task:")
    if plan.from_saved_mapping:
        st.caption("Using the column choices you saved for a file with this header.")


def _what_it_leads_to(plan) -> None:
    """The plan's totals: exactly what the import will write, and the readings behind most of it."""
    t = plan.totals
    st.subheader("What this import will lead to")
    c = st.columns(5)
    c[0].metric("Applications", t.applications)
    c[1].metric("Still open", t.outcomes.get("active", 0))
    c[2].metric("Rejected", t.outcomes.get("rejected", 0))
    c[3].metric("No answer (ghosted)", t.outcomes.get("ghosted", 0))
    c[4].metric("Reached an interview", t.reached.get("interview", 0))
    left, right = st.columns(2)
    with left:
        st.dataframe(pd.DataFrame({"Outcome": [OUTCOME_LABELS[o] for o in t.outcomes],
                                   "Applications": list(t.outcomes.values())}),
                     hide_index=True, width="stretch", key="upload_plan_outcomes")
    with right:
        st.dataframe(pd.DataFrame({"Stage reached": [STAGE_LABELS[s] for s in t.reached],
                                   "Applications": list(t.reached.values())}),
                     hide_index=True, width="stretch", key="upload_plan_reached")
    if t.not_applications:
        st.caption(f"{t.not_applications} row(s) are saved or drafted jobs, not sent: they are kept and listed apart "
                   "on the Data page, outside every count.")
    st.markdown("**Decided by** (the readings behind most of the outcome mix; change a column or a label below if one "
                "is wrong):")
    for d in t.decisions[:6]:
        st.markdown(f"- {d.count} {OUTCOME_LABELS[d.outcome].lower()}: {common.md(d.decided_by)}")
    for q in t.questions:
        st.warning(common.md(q), icon=":material/help:")


def _columns_editor(plan, opts_state: dict) -> None:
    st.subheader("Which column is what")
    st.caption("Change any choice; the totals above follow.")
    header = plan.source.header
    choices = [NOT_USED, *header]
    cols = st.columns(3)
    shown = [f for f in MAIN_FIELDS if f in plan.mapping or f in ALWAYS_SHOWN]
    changed = {}
    for i, f in enumerate(shown):
        current = plan.mapping.get(f)
        with cols[i % 3]:
            pick = st.selectbox(FIELD_LABELS.get(f, f), choices,
                                index=choices.index(current) if current in choices else 0,
                                key=f"upload_map_{f}", help=plan.reasons.get(f))
        if (None if pick == NOT_USED else pick) != current:
            changed[f] = None if pick == NOT_USED else pick
    if plan.said_nothing and (plan.totals.said_nothing or opts_state.get("blank_no_answer")):
        blank = st.checkbox(f"In this file, {plan.said_nothing} means the company never answered",
                            value=bool(opts_state.get("blank_no_answer")), key="upload_blank_no_answer",
                            help="Off: it counts as still open (silence past the ghosting threshold still counts "
                                 "as no answer, where the row has a date). On: it counts as no answer (ghosted) at "
                                 "once.")
        if blank != bool(opts_state.get("blank_no_answer")):
            opts_state["blank_no_answer"] = blank
            st.rerun()
    if plan.stage_columns:
        st.markdown("**Stage columns** (their cells say whether a step happened, or, for an 'Ended' column, how it "
                    "ended; where a status column says how it ended, they only add steps)")
        scols = st.columns(4)
        options = [NOT_A_STAGE, *STAGES, *ENDING_COLUMNS]
        for i, (h, stage) in enumerate(plan.stage_columns.items()):
            with scols[i % 4]:
                pick = st.selectbox(f"'{h}'", options, index=options.index(stage), key=f"upload_stage_{i}",
                                    format_func=lambda s: STAGE_LABELS.get(s) or ENDING_COLUMNS.get(s, s),
                                    help=plan.reasons.get(f"stage:{h}"))
            if pick != stage:
                changed[f"stage:{h}"] = None if pick == NOT_A_STAGE else pick
    if changed:
        merged = dict(opts_state.get("mapping") or {})
        merged.update(changed)
        opts_state["mapping"] = merged
        st.rerun()


def _labels_editor(plan, opts_state: dict) -> None:
    if not plan.labels:
        return
    st.subheader("Status labels")
    if plan.unmapped_labels:
        st.warning(f"{len(plan.unmapped_labels)} label(s) Hindsight does not know yet: set what they mean below, or "
                   "they count as applied and still active.", icon=":material/help:")
    table = pd.DataFrame([{"label": lab.label, "rows": lab.count, "stage": lab.stage, "outcome": lab.outcome,
                           "known": "yes" if lab.known else "NEW", "why": lab.rule}
                          for lab in plan.labels])
    edited = st.data_editor(
        table, hide_index=True, width="stretch", key="upload_labels_editor", disabled=["label", "rows", "known", "why"],
        column_config={
            "stage": st.column_config.SelectboxColumn("Furthest stage", options=list(STAGES), required=True,
                                                      help=" < ".join(LADDER) + "; assessment is a step, not a rung"),
            "outcome": st.column_config.SelectboxColumn(
                "Outcome", options=list(LABEL_OUTCOMES), required=True,
                help=", ".join(f"{k}: {v}" for k, v in LABEL_OUTCOME_NAMES.items())),
            "known": st.column_config.TextColumn("Known?"), "why": st.column_config.TextColumn("Read by"),
        })
    choices = {before.label: (after["stage"], after["outcome"])
               for before, after in zip(plan.labels, edited.to_dict("records"), strict=True)
               if (after["stage"], after["outcome"]) != (before.stage, before.outcome)}
    if choices:
        opts_state["labels"] = {**(opts_state.get("labels") or {}), **choices}
        st.rerun()


def _dates_editor(plan, opts_state: dict) -> None:
    if not plan.date_orders:
        return
    st.subheader("Dates")
    orders = {"auto": "From the file", "dmy": "Day first (15/01)", "mdy": "Month first (01/15)"}
    c1, c2 = st.columns(2)
    with c1:
        order = opts_state.get("date_order", "auto")
        if plan.numeric_dates or order != "auto":  # only dates in numbers can be read two ways
            order = st.radio("How are dates like 03/04/2025 written?", list(orders), format_func=orders.get,
                             index=list(orders).index(order), key="upload_date_order", horizontal=True)
    with c2:
        year = st.number_input("Year for dates written without one (e.g. 'May 9'); 0 = let Hindsight decide",
                               min_value=0, max_value=2100, value=int(opts_state.get("year") or 0), step=1,
                               key="upload_year")
    if order != opts_state.get("date_order", "auto") or (year or None) != opts_state.get("year"):
        opts_state["date_order"] = order
        opts_state["year"] = year or None
        st.rerun()
    how = {h: ("day-first" if o == "dmy" else "month-first") if h in plan.numeric_dates
           else "one way only (the year first, or the month in words)" for h, o in plan.date_orders.items()}
    st.caption("Read as: " + ", ".join(f"'{common.md(h)}' {w}" for h, w in how.items()))


def _import_button(plan, opts_state: dict) -> None:
    if plan.noticed:
        with st.expander(f"What Hindsight noticed ({len(plan.noticed)})", expanded=True):
            for w in plan.noticed:
                st.markdown(f"- {common.md(w)}")
    if plan.rejects:
        st.warning(f"{len(plan.rejects)} line(s) cannot be read and will be listed in the report, not imported.")
    target = "your database" if not common.shared_mode() else "this private session"
    if st.button(f"Import {plan.totals.applications} application(s) into {target}", type="primary",
                 key="upload_import"):
        try:
            with st.spinner("Importing…"):
                result = apply(common.home_con(), plan, _options(opts_state))
        except (BadInput, StoreError) as exc:
            st.error(getattr(exc, "reason", str(exc)), icon=":material/error:")
            st.caption("Nothing was imported and nothing in your database changed.")
            st.session_state.pop("upload_plan_opts", None)  # work the plan out again on the next run
            st.stop()
        st.session_state["upload_result"] = result
        st.session_state.setdefault("upload_done", []).append((st.session_state.get("upload_plan_key") or ())[:2])
        if common.is_demo():
            common.leave_demo()
        st.rerun()  # redraw the frame (sidebar, filters) on the data just imported


def _import_report(result) -> None:
    st.divider()
    st.subheader("Import report")
    st.caption(f"Last import: {common.md(result.file)}, {result.format} format, "
               f"{result.shape.replace('_', ' ')} shape.")
    c = st.columns(5)
    c[0].metric("Rows read", result.rows_read)
    c[1].metric("Added", result.applications_added)
    c[2].metric("Updated", result.applications_updated)
    c[3].metric("Already there", result.duplicates_skipped)
    c[4].metric("Rows refused", result.rows_rejected,
                help="Rows of the file that are no application or could not be read, each listed below with "
                     "why. Not the applications a company rejected.")
    if result.outcomes:
        st.caption("What landed, as the preview said: " + ", ".join(
            f"{n} {OUTCOME_LABELS[o].lower()}" for o, n in result.outcomes.items() if n) + ".")
    if result.rejects:
        st.markdown("**Refused rows** (kept in the database's import log with their text):")
        st.dataframe([{"line": r["line"], "reason": r["reason"]} for r in result.rejects], hide_index=True,
                     width="stretch")
    if result.warnings:
        st.markdown("**Guesses and notes**")
        for w in result.warnings:
            st.markdown(f"- {common.md(w)}")
    if result.unmapped_labels:
        st.markdown("**Labels still unknown:** " + ", ".join(common.md(lab) for lab in result.unmapped_labels))
    st.page_link("pages/overview.py", label="See your overview", icon=":material/dashboard:")


def _one_sheet(sheets: list):
    """The spreadsheet whose plan is shown: the only one, or the one picked when several were dropped (each is
    reviewed and imported in turn)."""
    if len(sheets) <= 1:
        return sheets[0] if sheets else None
    names = [f.name for f in sheets]
    done = st.session_state.get("upload_done", [])  # (name, size) of the files imported in this session
    waiting = [f.name for f in sheets if _file_key(f)[:2] not in done]
    if waiting and st.session_state.get("upload_sheet_pick", names[0]) not in waiting:
        st.session_state["upload_sheet_pick"] = waiting[0]  # the one just imported gives way to the next
    pick = st.radio(f"{len(sheets)} spreadsheets: review and import one at a time", names, horizontal=True,
                    key="upload_sheet_pick")
    return sheets[names.index(pick)] if pick in names else sheets[0]


def render() -> None:
    st.title("Upload your tracker")
    st.caption("CSV, TSV or Excel (.xlsx), as your spreadsheet, Notion, Huntr, Teal or LinkedIn exports it. "
               "Nothing leaves this machine.")
    files = st.file_uploader("Your applications spreadsheet, or your job mail (.mbox, .eml, .ics): one file or several",
                             type=["csv", "tsv", "txt", "xlsx", "xlsm", *mail_upload.MAIL_TYPES],
                             accept_multiple_files=True,
                             key="upload_file", help="LinkedIn: Settings → Data privacy → Get a copy of your data → "
                                                     "Jobs → 'Job Applications.csv'. Gmail: Google Takeout → Mail "
                                                     "(.mbox).")
    # mail (.mbox, .eml, .ics) goes to the mail import, then the Inbox page; spreadsheets come back for the plan below
    sheets = mail_upload.section(files)
    uploaded = _one_sheet(sheets)
    opts_state = st.session_state.setdefault("upload_options", {})
    if uploaded is None:
        if "upload_result" not in st.session_state and not files:
            _intro()
        st.session_state.pop("upload_plan_key", None)
    elif _imported_already(uploaded):
        pass  # its report is below; the plan is not offered again (an Import button for a file just imported)
    else:
        plan = _plan_for(uploaded, opts_state)
        if plan is None:
            st.stop()
        _what_it_is(uploaded, plan)
        _what_it_leads_to(plan)
        st.subheader("First rows")
        st.dataframe(blank_missing(plan.preview), hide_index=True, width="stretch")
        _columns_editor(plan, opts_state)
        _labels_editor(plan, opts_state)
        _dates_editor(plan, opts_state)
        _import_button(plan, opts_state)
    result = st.session_state.get("upload_result")
    if result is not None:
        _import_report(result)
    _past_imports(common.home_con())


def _imported_already(uploaded) -> bool:
    """Whether the file in the uploader is the one just imported: then it says so and offers to review it again
    (with other choices) instead of showing its plan and its Import button once more."""
    if _file_key(uploaded)[:2] not in st.session_state.get("upload_done", []):
        return False
    st.success(f"**{common.md(uploaded.name)}** is imported: its report is below.", icon=":material/check:")
    if st.button("Review this file again", key="upload_review_again",
                 help="Shows its plan again, to import it with other choices (nothing is added twice)."):
        st.session_state["upload_done"].remove(_file_key(uploaded)[:2])
        st.rerun()
    return True


def _past_imports(con) -> None:
    """The imports so far, and taking one back (what it added goes), after a sentence that says what that does."""
    if "upload_removed" in st.session_state:
        st.success(st.session_state.pop("upload_removed"), icon=":material/check:")
    past = history(con)
    if past.empty:
        return
    picking = st.session_state.get("upload_remove_pick") is not None
    with st.expander(f"Your imports ({len(past)}): see them, or take one back", expanded=picking):
        st.dataframe(past[["imported_at", "file_name", "rows_read", "applications_added", "applications_updated",
                           "now"]], hide_index=True, width="stretch",
                     column_config={"imported_at": st.column_config.DatetimeColumn("When", format="YYYY-MM-DD HH:mm"),
                                    "file_name": "File", "rows_read": "Rows read", "applications_added": "Added",
                                    "applications_updated": "Updated", "now": "Now"})
        live = past[past["removed_at"].isna() & (past["still_there"].fillna(0) > 0)]
        if live.empty:
            return
        names = {int(r.import_id): f"#{r.import_id} {r.file_name} ({r.imported_at:%Y-%m-%d %H:%M})"
                 for r in live.itertuples()}
        pick = st.selectbox("Take an import back", list(names), index=None, format_func=names.get,
                            placeholder="Choose an import…", key="upload_remove_pick")
        if pick is None:
            return
        try:
            takes = what_removing_takes(con, pick)
        except RemoveError as exc:
            st.info(str(exc), icon=":material/info:")
            return
        st.warning(f"Remove {common.md(removal_sentence(takes))}", icon=":material/warning:")
        yes, no = st.columns(2)
        if no.button("No, keep them", key="upload_remove_no"):
            st.session_state.pop("upload_remove_pick", None)
            st.rerun()
        if yes.button(f"Yes, remove {takes.applications} application(s)", type="primary", key="upload_remove_yes"):
            try:
                done = remove_import(con, pick)
            except (RemoveError, StoreError) as exc:
                st.error(str(exc), icon=":material/error:")
                return
            st.session_state["upload_removed"] = f"Removed {common.md(removal_sentence(done))}"
            st.session_state.pop("upload_remove_pick", None)
            st.session_state.pop("upload_result", None)
            st.rerun()


render()
