"""Upload: drop in a tracker, check how Hindsight reads it, import it, read the report."""

from __future__ import annotations

import streamlit as st

from analysis.domain import LADDER, OUTCOME_LABELS, OUTCOMES, STAGE_LABELS, STAGES
from analysis.ingest.columns import FIELD_LABELS
from analysis.ingest.importer import ImportOptions, inspect, run_import
from analysis.ingest.read import BadInput
from analysis.store import StoreError
from pages import common, mail_upload

NOT_USED = "— not used —"
MAIN_FIELDS = ["company", "role", "applied_on", "status", "status_date", "source", "referral", "url", "location",
               "remote_type", "salary", "seniority", "field", "rating", "feedback", "notes", "description", "contact",
               "record_id", "event", "edge_from", "edge_to", "auto_rejected", "in_progress",
               "feedback_requested", "feedback_received", "aligned"]

st.title("Upload your tracker")
st.caption("CSV, TSV or Excel (.xlsx), as your spreadsheet, Notion, Huntr, Teal or LinkedIn exports it. "
           "Nothing leaves this machine.")

uploaded = st.file_uploader("Your applications spreadsheet", type=["csv", "tsv", "txt", "xlsx", "xlsm", *mail_upload.MAIL_TYPES],
                            key="upload_file", help="LinkedIn: Settings → Data privacy → Get a copy of your data → "
                                                    "Jobs → 'Job Applications.csv'.")

if mail_upload.section(uploaded):  # mail (.mbox, .eml, .ics) goes to the mail import, then the Inbox page
    st.stop()

if uploaded is None:
    if "upload_result" in st.session_state:
        pass
    else:
        st.markdown(
            "**What Hindsight reads**\n"
            "- one row per application with a status column (`Applied`, `Rejected`, `R2 DONE`, `Ghosted`…);\n"
            "- one column per stage holding Y/N/G, yes, or dates;\n"
            "- an edge list `Company, Source, Target` (one row per step, as for a Sankey);\n"
            "- an event log, one row per step with its date.\n\n"
            "Dates in any common form (`15/01/2025`, `1/15/2025`, `14 Jan 2026`, `May 9`, Excel dates) and "
            "salaries like `$120k-150k` or `€55.000` are understood; anything it has to guess is listed before you import."
        )
    st.session_state.pop("upload_plan_key", None)

opts_state = st.session_state.setdefault("upload_options", {})


def _options() -> ImportOptions:
    return ImportOptions(mapping=opts_state.get("mapping") or None, labels=opts_state.get("labels") or None,
                         date_order=opts_state.get("date_order", "auto"), year=opts_state.get("year"),
                         as_of=common.as_of() if not common.is_demo() else None)


if uploaded is not None:
    data = uploaded.getvalue()
    key = (uploaded.name, len(data), uploaded.file_id if hasattr(uploaded, "file_id") else None)
    if st.session_state.get("upload_plan_key") != key:
        opts_state.clear()
        st.session_state.pop("upload_result", None)
    plan_key = (key, repr(sorted(opts_state.items(), key=lambda kv: kv[0])))
    if st.session_state.get("upload_plan_key") != key or st.session_state.get("upload_plan_opts") != plan_key:
        try:
            with st.spinner("Reading the file…"):
                plan = inspect(common.home_con(), data, uploaded.name, _options())
        except BadInput as exc:
            st.error(exc.reason, icon=":material/error:")
            st.caption("Nothing was imported and nothing in your database changed.")
            st.session_state["upload_plan_key"] = key
            st.session_state.pop("upload_plan", None)
            st.stop()
        st.session_state["upload_plan"] = plan
        st.session_state["upload_plan_key"] = key
        st.session_state["upload_plan_opts"] = plan_key
    plan = st.session_state.get("upload_plan")
    if plan is None:
        st.stop()

    brand = {"linkedin": "LinkedIn", "linkedin_saved": "LinkedIn (saved jobs)", "huntr": "Huntr", "jobsync": "JobSync",
             "teal": "Teal-style", "simplify": "Simplify-style"}
    fmt = "a generic spreadsheet" if plan.format == "generic" else f"a **{brand.get(plan.format, plan.format)}** export"
    shape = {"status": "one row per application with a status" if "status" in plan.mapping else
             "one row per application (no status column: every row counts as applied)",
             "stage_columns": "one column per stage",
             "edge_list": "an edge list (one row per step)", "event_log": "an event log"}[plan.shape]
    st.success(f"**{common.md(uploaded.name)}** looks like {fmt}, shaped as {shape}: {plan.rows_read} row(s), "
               f"{len(plan.source.header)} column(s), {plan.source.encoding}, delimiter "
               f"`{ {',': 'comma', ';': 'semicolon', chr(9): 'tab', '|': 'pipe'}.get(plan.source.delimiter, plan.source.delimiter) }`.",
               icon=":material/task:")
    if plan.from_saved_mapping:
        st.caption("Using the column choices you saved for a file with this header.")

    st.subheader("First rows")
    st.dataframe(plan.preview, hide_index=True, width="stretch")

    st.subheader("Which column is what")
    st.caption("Change any choice; the preview of labels and dates below follows.")
    header = plan.source.header
    choices = [NOT_USED, *header]
    cols = st.columns(3)
    new_mapping = {}
    shown_fields = [f for f in MAIN_FIELDS if f in plan.mapping or f in ("company", "role", "applied_on", "status",
                                                                          "source", "notes", "feedback", "salary")]
    for i, f in enumerate(shown_fields):
        current = plan.mapping.get(f)
        with cols[i % 3]:
            pick = st.selectbox(FIELD_LABELS.get(f, f), choices, index=choices.index(current) if current in choices else 0,
                                key=f"upload_map_{f}", help=plan.reasons.get(f))
        new_mapping[f] = None if pick == NOT_USED else pick
    if plan.stage_columns:
        st.caption("Stage columns: " + ", ".join(f"'{common.md(h)}' → {STAGE_LABELS[s]}" for h, s in plan.stage_columns.items()))
    changed = {f: h for f, h in new_mapping.items() if h != plan.mapping.get(f)}
    if changed:
        merged = dict(opts_state.get("mapping") or {})
        merged.update(changed)
        opts_state["mapping"] = merged
        st.rerun()

    if plan.labels:
        st.subheader("Status labels")
        unknown = plan.unmapped_labels
        if unknown:
            st.warning(f"{len(unknown)} label(s) Hindsight does not know yet: set what they mean below, or they count "
                       "as applied and still active.", icon=":material/help:")
        import pandas as pd  # the label table is a widget's data, not analysis

        table = pd.DataFrame([{"label": lab.label, "rows": lab.count, "stage": lab.stage, "outcome": lab.outcome,
                               "known": "yes" if lab.known else "NEW"} for lab in plan.labels])
        edited = st.data_editor(
            table, hide_index=True, width="stretch", key="upload_labels_editor", disabled=["label", "rows", "known"],
            column_config={
                "stage": st.column_config.SelectboxColumn("Furthest stage", options=list(STAGES), required=True,
                                                          help=" < ".join(LADDER) + "; assessment is a step, not a rung"),
                "outcome": st.column_config.SelectboxColumn("Outcome", options=list(OUTCOMES), required=True,
                                                            help=", ".join(f"{k}: {v}" for k, v in OUTCOME_LABELS.items())),
                "known": st.column_config.TextColumn("Known?"),
            })
        label_choices = {}
        for before, after in zip(plan.labels, edited.to_dict("records"), strict=True):
            if (after["stage"], after["outcome"]) != (before.stage, before.outcome):
                label_choices[before.label] = (after["stage"], after["outcome"])
        if label_choices:
            merged = dict(opts_state.get("labels") or {})
            merged.update(label_choices)
            opts_state["labels"] = merged
            st.rerun()

    if plan.date_orders:
        st.subheader("Dates")
        orders = {"auto": "From the file", "dmy": "Day first (15/01)", "mdy": "Month first (01/15)"}
        c1, c2 = st.columns(2)
        with c1:
            order = st.radio("How are dates like 03/04/2025 written?", list(orders), format_func=orders.get,
                             index=list(orders).index(opts_state.get("date_order", "auto")), key="upload_date_order",
                             horizontal=True)
        with c2:
            year = st.number_input("Year for dates written without one (e.g. 'May 9'); 0 = let Hindsight decide",
                                   min_value=0, max_value=2100, value=int(opts_state.get("year") or 0), step=1,
                                   key="upload_year")
        if order != opts_state.get("date_order", "auto") or (year or None) != opts_state.get("year"):
            opts_state["date_order"] = order
            opts_state["year"] = year or None
            st.rerun()
        st.caption("Read as: " + ", ".join(f"'{common.md(h)}' {'day-first' if o == 'dmy' else 'month-first'}"
                                           for h, o in plan.date_orders.items()))

    if plan.warnings:
        with st.expander(f"What Hindsight noticed ({len(plan.warnings)})", expanded=True):
            for w in plan.warnings:
                st.markdown(f"- {common.md(w)}")
    if plan.rejects:
        st.warning(f"{len(plan.rejects)} line(s) cannot be read and will be listed in the report, not imported.")

    target = "your database" if not common.shared_mode() else "this private session"
    if st.button(f"Import {plan.rows_read} row(s) into {target}", type="primary", key="upload_import"):
        try:
            with st.spinner("Importing…"):
                result = run_import(common.home_con(), plan, _options())
        except (BadInput, StoreError) as exc:
            st.error(getattr(exc, "reason", str(exc)), icon=":material/error:")
            st.caption("Nothing was imported and nothing in your database changed.")
            st.stop()
        st.session_state["upload_result"] = result
        if common.is_demo():
            common.leave_demo()
        st.rerun()  # redraw the frame (sidebar, filters) on the data just imported

result = st.session_state.get("upload_result")
if result is not None:
    st.divider()
    st.subheader("Import report")
    st.caption(f"Last import: {common.md(result.file)}, {result.format} format, {result.shape.replace('_', ' ')} shape.")
    c = st.columns(5)
    c[0].metric("Rows read", result.rows_read)
    c[1].metric("Added", result.applications_added)
    c[2].metric("Updated", result.applications_updated)
    c[3].metric("Already there", result.duplicates_skipped)
    c[4].metric("Rejected", result.rows_rejected)
    if result.rejects:
        st.markdown("**Rejected lines** (kept in the database's import log with their text):")
        st.dataframe([{"line": r["line"], "reason": r["reason"]} for r in result.rejects], hide_index=True,
                     width="stretch")
    if result.warnings:
        st.markdown("**Guesses and notes**")
        for w in result.warnings:
            st.markdown(f"- {common.md(w)}")
    if result.unmapped_labels:
        st.markdown("**Labels still unknown:** " + ", ".join(common.md(lab) for lab in result.unmapped_labels))
    st.page_link("pages/overview.py", label="See your overview", icon=":material/dashboard:")
