"""Build what a plan leads to, per application, in temp tables: the shapes turned into one row per application
(hs_keyed) with its steps (hs_ev), values parsed once per distinct text, notes read for hints, keys made. No writes."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from datetime import date

import pandas as pd

from analysis.domain import (
    RUNG,
)
from analysis.ingest import dates as D
from analysis.ingest.columns import (
    DATE_FIELDS,
)
from analysis.ingest.original import lines_of_rows
from analysis.ingest.plan import (
    ImportOptions,
    ImportPlan,
    _Built,
    _col,
    _drop_index_only_rows,
    _header_again_rows,
    section_headings,
)
from analysis.ingest.read import drop_relation, load_raw
from analysis.ingest.shapes import (
    _said,
    edge_list_frames,
    rung_sql,
    stage_columns_tables,
    stage_of_rung_sql,
    timeline_steps_sql,
)
from analysis.ingest.values import (
    SUMMARY_WORD,
    bool_sql,
    channel_of,
    channels_in_use,
    clean_sql,
    clean_trimmed_sql,
    job_and_company,
    one_spelling,
    parse_salary,
    remote_kind_of_header,
    remote_type_of,
    trim_sql,
)
from analysis.roles import role_family, seniority_of
from analysis.sqlutil import one, sql_str

# Notes that tell how far an application got when its status does not ('had three interviews and then they said no').
NOTE_STAGE_HINTS = [
    (r"\b(final round|final interview|(onsite|on-site) (interview|round|day|visit)|panel interview|superday)\b",
     "final"),
    (r"\b(interviewed|(\d+|two|three|four|five|six|several|multiple) interviews|had (an? )?interviews?|interview went|"
     r"after (the |a |my )?(\w+ ){0,2}interview|technical interview|hiring manager interview|system design|"
     r"passed r ?[2-9]|r ?[2-9] done|second round|technical round)\b", "interview"),
    (r"\b(after (the |a |my )?(recruiter|phone|hr|intro) (screen|call)|phone screen(ed)?|"
     r"recruiter (screen|call) went)\b",
     "screen"),
    # a take-home or test is a step, not a rung: it is recorded, the rung stays
    (r"\b(online assessment|assessment|take[- ]home|coding (challenge|exercise|test)|hackerrank|codility)\b",
     "assessment"),
]


NOTE_GHOST_HINT = r"\b(never heard back|no response|no reply|never replied|ghosted|heard nothing)\b"
# Notes that tell how it ended, read where a status closes without saying how ('Closed', 'Archived'); where
# nothing says it ended at all, the plan asks (a sentence alone never ends an application)
NOTE_END_HINTS = [
    (r"\b(rejected|rejection|turned me down|said no|not selected|unsuccessful|didn.?t get (it|the (job|role|offer))|"
     r"no offer|auto[- ]?reject\w*|not moving forward|went with (another|someone)|absage|abgelehnt|refus\w*|"
     r"rechazad\w*)\b", "rejected"),
    (r"\b(i withdrew|withdrew|withdrawn|pulled out|i declined|lost interest|took (another|a different) "
     r"(offer|job|role))\b", "withdrawn"),
]


_TEXT_FIELDS = ["company", "role", "url", "location", "seniority", "field", "feedback", "notes", "description",
                "contact", "record_id"]


_HASHED = ["company", "role", "url", "source", "referral", "location", "remote_type", "salary_text", "seniority",
           "field", "rating", "applied_on", "stage", "outcome", "status_date", "status_label", "feedback", "notes",
           "description", "contact"]


def _build(con, plan: ImportPlan, options: ImportOptions) -> _Built:
    """hs_keyed and hs_ev for the plan: the shapes, then the values parsed and the keys made (no writes)."""
    as_of = options.as_of or date.today()
    loaded = one(con, "select count(*) from information_schema.tables where table_name = 'hs_raw_source'")[0]
    same = loaded and one(con, "select sha256 = ? and path = ? from hs_raw_source",
                          [plan.source.sha256, str(plan.source.text_path)])[0]
    if not same:
        load_raw(con, plan.source)
        _header_again_rows(con, plan.source)  # (already among plan.rejects)
        if plan.sections:
            section_headings(con, plan.source)  # (already among plan.rejects)
        _drop_index_only_rows(con, plan.source.header, plan.index_columns)
    _apply_labels_table(con, plan)
    lines, notes = _build_norm(con, plan, options)
    notes += _split_job_and_company(con, plan)
    not_an_app, why = _not_applications(con, plan)
    notes += _date_guesses(con, plan, options, as_of, not_an_app)
    cells = "to_json(list_value(" + ", ".join(f"r.c{i}" for i in range(len(plan.source.header))) + "))::varchar"
    no_name = con.execute(f"""select k.row_no, {cells}, k.why
                              from (select row_no, {why} as why from hs_norm where {not_an_app}) k
                              join hs_raw r using (row_no) order by k.row_no""").fetchall()
    line_of = lines_of_rows(con, plan.source, [r for r, _, _ in no_name])
    # the file's rows are read again by the next plan (inspect always reads): their memory is freed before the
    # application rows are made
    con.execute("drop view if exists hs_v")
    drop_relation(con, "hs_raw")
    con.execute("drop table if exists hs_raw_source")
    _parse_values_once(con)
    _keyed(con, plan)
    notes += _steps_from_notes(con)
    for t in ("hs_norm", "hs_norm0", "hs_sc0", "hs_sc", "hs_notes"):
        con.execute(f"drop table if exists {t}")
    rejects = [{"line": ln, "raw": raw, "reason": reason} for ln, raw, reason in plan.rejects]
    for row_no, raw, reason in no_name:
        rejects.append({"line": line_of.get(row_no), "row": row_no, "raw": raw, "reason": reason})
    if no_name:
        con.execute(f"delete from hs_keyed where {not_an_app}")
    # the same tracker record twice in one file (Huntr lists a job on several boards): keep the first
    in_file_dups = one(con, "select count(*) - count(distinct app_key) from hs_keyed where record_id is not null")[0]
    if in_file_dups:
        con.execute("""create or replace temp table hs_keyed as select * from hs_keyed
                   qualify row_number() over (partition by app_key order by row_no) = 1""")
    token = uuid.uuid4().hex
    con.execute("create or replace temp table hs_built as select ? as token", [token])
    return _Built(token, lines, notes, rejects, in_file_dups)


# a month written whole or cut to three letters ('March', 'Mar.'); never a prefix of a longer word: a company
# called 'Novartis', 'Mayfield' or 'Sephora' alone in its row is an application, not a heading
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
           "september|october|november|december|januar|februar|marz|mai|juni|juli|oktober|dezember|janvier|fevrier|"
           "mars|avril|juin|juillet|aout|septembre|octobre|novembre|decembre|enero|febrero|marzo|abril|mayo|junio|"
           "julio|agosto|septiembre|octubre|noviembre|diciembre")
# a heading between the rows: a month, a year, a quarter or a week ('March 2025', '2024', 'Q1', 'KW 12'), or a
# line of dashes
_HEADING = (rf"[\W_]*(({_MONTHS})\.?,? *((19|20)?\d{{2}})?|(19|20)\d{{2}}( *[-/] *(19|20)?\d{{2}})?|"
            rf"q[1-4] *((19|20)?\d{{2}})?|(19|20)\d{{2}} *q[1-4]|(week|wk|kw|semaine|semana) *\d{{1,2}}|)[\W_]*")


_ALONE = "role is null and applied_on is null and url is null and status_label is null"
# a figure beside its name ('CVs sent: 234', 'Offers: 2 (1 taken)')
_FIGURE = r"[^:]{1,60}:\s*[0-9][0-9.,]*%?(\s*\([^()]{0,40}\))?"
_HEADING_ROW = (f"{_ALONE} and notes is null and feedback is null and source is null and location is null and "
                f"regexp_full_match(lower(company), {sql_str(_HEADING)})")
_LEGEND = (r"(colou?r |status |farb)?(legend|legende|légende|leyenda|legenda|key|code|codes|schlüssel|förklaring|"
           r"forklaring|clé|cle)( \(.*\))?:?")


def _not_applications(con, plan: ImportPlan) -> tuple[str, str]:
    """The rows that are no application, as rules over hs_norm: (SQL true for such a row, SQL of the reason
    given for it). A row with no company and no title; a summary line under the table ('CVs sent: 234', 'Total'
    beside a count); a heading between the rows ('March 2025', '-----') with nothing else in the row. (The header
    row again is taken out before, plan._header_again_rows.)"""
    alone = _ALONE
    rules = [("company is null and role is null", "no company or job title in this row"),
             (f"{alone} and (regexp_full_match(company, {sql_str(_FIGURE)}) or regexp_full_match("
              f"lower(company), {sql_str(SUMMARY_WORD)}))", "a summary line under the table, not an application"),
             # 'Total sent: 12' with 'Offers: 2' under the status: figures beside their names in two cells
             (f"role is null and applied_on is null and url is null and regexp_full_match(company, "
              f"{sql_str(_FIGURE)}) and regexp_full_match(status_label, {sql_str(_FIGURE)})",
              "a summary line under the table, not an application"),
             # 'Response rate | 43%', 'Applications sent | 23', 'Interviews | 1': a figure beside its name (a job
             # title is never a number alone)
             ("applied_on is null and url is null and status_label is null and "
              "regexp_full_match(role, '[~<>≈]?\\s*[0-9][0-9 .,]*\\s*%?')",
              "a summary line under the table, not an application"),
             (_HEADING_ROW, "a heading between the rows (a month, a year, a line), not an application")]
    # 'Legend' alone in its row, and under it what each colour or code means ('red | rejected'): no row with
    # neither a date nor a link from that line on is an application
    legend = one(con, f"select min(row_no) from hs_norm where {alone} and "
                      f"regexp_full_match(lower(trim(company)), {sql_str(_LEGEND)})")[0]
    if legend is not None:
        rules.append((f"applied_on is null and url is null and row_no >= {int(legend)}",
                      "a legend under the table (what its colours or codes mean), not an application"))
    cond = " or ".join(f"({c})" for c, _ in rules)
    why = "case " + " ".join(f"when {c} then {sql_str(r)}" for c, r in rules) + " end"
    return cond, why


def _split_job_and_company(con, plan: ImportPlan) -> list[str]:
    """Where one column is both the job and the company (columns._job_and_company_in_one, or the person's choice),
    each distinct cell is split once ('Data Engineer @ Acme' -> 'Data Engineer', 'Acme'; 'Datadog - SRE' -> 'SRE',
    'Datadog'); a cell that does not split stays the job."""
    h = plan.mapping.get("company")
    if not h or h != plan.mapping.get("role"):
        return []
    cells = [t for (t,) in con.execute("select distinct role from hs_norm where role is not null").fetchall()]
    split = {t: job_and_company(t, loose=True) for t in cells}
    con.register("hs_split_df", pd.DataFrame([(t, *(s or (t, None))) for t, s in split.items()],
                                             columns=["txt", "role", "company"]).astype(object))
    con.execute("""update hs_norm set role = s.role::varchar, company = s.company::varchar
                   from hs_split_df s where hs_norm.role = s.txt::varchar""")
    con.unregister("hs_split_df")
    n, example = one(con, "select count(*), arg_min(company || ' / ' || role, row_no) from hs_norm "
                          "where company is not null")
    if not n:
        return []
    return [f"'{h}' holds the job and the company together: read as job and company in {n} row(s) (e.g. "
            f"{example}). If it does not, set Company to another column or to none."]


def _field_sql(plan: ImportPlan, f: str) -> str:
    """The cleaned value of a field over the base relation (hs_v, see _base_relation), or its default."""
    h = plan.mapping.get(f)
    if h is None:
        return f"{sql_str(plan.defaults[f])}" if f in plan.defaults else "null"
    return f"hs_v.v{plan.source.header.index(h)}"


def _raw_field_sql(plan: ImportPlan, f: str) -> str:
    """The cleaned value of a field computed straight from hs_raw (for the small event-log path)."""
    h = plan.mapping.get(f)
    if h is None:
        return f"{sql_str(plan.defaults[f])}" if f in plan.defaults else "null"
    return clean_sql(_col(plan.source.header, h))


def _base_relation(con, plan: ImportPlan) -> str:
    """Clean every mapped cell once (hs_v: v<i> per used column), and read each date
    column's distinct texts once (hs_dt_<field>): a million rows hold only a few thousand distinct dates.
    Returns the FROM clause the field expressions are written against."""
    header = plan.source.header
    used = sorted({header.index(h) for h in plan.mapping.values() if h in header})
    trimmed = "".join(f", {trim_sql(f'c{i}')} as t{i}" for i in used)
    cleaned = "".join(f", {clean_trimmed_sql(f't{i}')} as v{i}" for i in used)
    # a view: the cells are cleaned as hs_norm is written, with no wide copy of the file in between
    con.execute(f"""create or replace temp view hs_v as select row_no{cleaned} from
                    (select row_no{trimmed} from hs_raw)""")
    joins = ""
    for f in DATE_FIELDS:
        h = plan.mapping.get(f)
        if not h:
            continue
        i = header.index(h)
        order = plan.date_orders.get(h, "mdy")
        con.execute(f"""create or replace temp table hs_dt_{f} as
            select txt, {D.date_sql('ct', order, pre_cleaned=True)} as d, {D.no_year_sql('ct', pre_cleaned=True)} as ny
            from (select txt, {D.cleaned('txt')} as ct
                  from (select distinct {clean_sql('c')} as txt from (select distinct c{i} as c from hs_raw))
                  where txt is not null)""")  # straight from hs_raw: DuckDB would clean every column of the view
        joins += f" left join hs_dt_{f} dt_{f} on dt_{f}.txt = hs_v.v{i}"
    return "hs_v" + joins


def _remote_text_sql(plan: ImportPlan) -> str:
    """The work type's text: a yes in a yes/no column whose header names one work type ('Remote?') is that work
    type; a no says only that it is not that one, so the location decides (as where the cell is empty)."""
    v = _field_sql(plan, "remote_type")
    kind = remote_kind_of_header(plan.mapping["remote_type"]) if plan.mapping.get("remote_type") else None
    if not kind:
        return v
    yes = bool_sql(v)
    return f"(case when {yes} then {sql_str(kind)} when not {yes} then null else {v} end)"


def _build_norm(con, plan: ImportPlan, options: ImportOptions) -> tuple[int, list[str]]:
    """Create hs_norm (one row per application) and hs_ev (stage events). Returns (lines read, notes)."""
    header = plan.source.header
    notes: list[str] = []
    base = _base_relation(con, plan)
    sel = ["hs_v.row_no as row_no", *(f"{_field_sql(plan, f)} as {f}" for f in _TEXT_FIELDS)]
    sel.append(f"{_field_sql(plan, 'source')} as source")
    sel.append(f"{_field_sql(plan, 'salary')} as salary_text")
    sel.append(f"{_remote_text_sql(plan)} as remote_text")
    if plan.sections:
        sel.append("sec.label as status_label")  # the section heading above the row
        base += " asof left join hs_sections sec on hs_v.row_no >= sec.row_no"
    else:
        sel.append(f"{_field_sql(plan, 'status')} as status_label" if plan.shape == "status"
                   else "null::varchar as status_label")
    sel.append(f"{_field_sql(plan, 'first_response')} as first_label" if plan.mapping.get("first_response")
               else "null::varchar as first_label")
    for f in ("referral", "feedback_requested", "feedback_received", "aligned"):
        sel.append(f"{bool_sql(_field_sql(plan, f))} as {f}" if plan.mapping.get(f) else f"null::boolean as {f}")
    sel.append(f"try_cast(regexp_extract({_field_sql(plan, 'rating')}, '(\\d+(\\.\\d+)?)', 1) as double) as rating"
               if plan.mapping.get("rating") else "null::double as rating")
    for f in DATE_FIELDS:
        if plan.mapping.get(f):
            v = _field_sql(plan, f)
            sel += [f"dt_{f}.d as {f}", f"coalesce(dt_{f}.ny, false) as {f}_noyear",
                    f"({v} is not null and dt_{f}.d is null) as {f}_bad", f"{v} as {f}_text"]
        else:
            sel += [f"null::date as {f}", f"false as {f}_noyear", f"false as {f}_bad", f"null::varchar as {f}_text"]
    # the rows an application was read from, where several make one (an edge list's chain, an event log's rows);
    # the file itself is kept once per import (imports.original), so each row can be shown as it was
    sel.append("null::integer[] as source_rows")
    sel.append("false as said_nothing")  # no answer recorded in any cell (set by the status / stage-column shapes)
    sel.append("false as status_on_label")  # the status date was read from the status cell ('Rejected 3/14')
    select_n = f"select {', '.join(sel)} from {base}"
    lines = plan.rows_read - len(plan.rejects)
    if plan.shape in ("status", "stage_columns"):
        _build_status_and_stages(con, plan, select_n)
    elif plan.shape == "edge_list":
        raw = con.execute("select * from hs_raw order by row_no").df()
        raw.columns = ["row_no", *header]
        apps, events = edge_list_frames(raw, plan.mapping)
        con.execute(f"create or replace temp table hs_norm0 as {select_n}")
        con.register("hs_apps_df", apps.drop(columns=["rows"]).assign(rows_json=[json.dumps(r) for r in apps["rows"]]))
        con.register("hs_ev_df", events)
        con.execute("""create or replace temp table hs_norm as
            select n.* exclude (company, role, source, status_label, source_rows), a.company,
                   coalesce(a.role, n.role) as role,
                   coalesce(n.source, a.source) as source, a.status_label, a.stage, a.outcome,
                   'chain: ' || a.chain as stage_by, 'the chain ends at ''' || a.status_label || '''' as outcome_by,
                   case when json_array_length(a.rows_json::json) > 1
                        then from_json(a.rows_json::json, '["INTEGER"]') end as source_rows
            from hs_apps_df a join hs_norm0 n using (row_no)""")
        con.execute("create or replace temp table hs_ev as select row_no::bigint as row_no, stage::varchar as stage, "
                    "null::date as happened_on, raw_label::varchar as raw_label from hs_ev_df")
        con.unregister("hs_apps_df")
        con.unregister("hs_ev_df")
        if len(apps) and len(apps) < lines:
            notes.append(f"Read {lines} transition rows as {len(apps)} applications (one chain of rows each).")
    elif plan.shape == "event_log":
        _build_event_log(con, plan, select_n)
        n_apps = one(con, "select count(*) from hs_norm")[0]
        if n_apps < lines:
            notes.append(f"Read {lines} event rows as {n_apps} applications.")
    # every application has its 'applied' step, dated where the file says when
    con.execute("""insert into hs_ev select row_no, 'applied', applied_on, null from hs_norm
                   where row_no not in (select row_no from hs_ev where stage = 'applied')""")
    return lines, notes


def _build_status_and_stages(con, plan: ImportPlan, select_n: str) -> None:
    """hs_norm and hs_ev for a file with a status column, stage columns, or both, by the evidence rules:
    - status first: where a status column says something known, it decides the outcome;
    - the ending beats the beginning: a first-response column decides only where the status says nothing;
    - stage columns only raise: they add events and can raise the furthest stage; they decide the outcome only
      in a file with no status to say it (then 'N' ended it there and 'G' went silent);
    - the furthest stage is the furthest any of them reached.
    Each application keeps the cell that decided its stage and its outcome (stage_by, outcome_by)."""
    header = plan.source.header
    status_h = plan.mapping.get("status") if plan.shape == "status" else None
    first_h = plan.mapping.get("first_response")
    cols_join, o_rung, o_stage_by, o_outcome, o_outcome_by, o_blank = "", "0", "null", "null", "null", "false"
    o_ended_on, o_end, o_end_by = "null::date", "null", "null"
    t_join, t_rung, t_end, t_top, t_end_label, t_end_on = "", "0", "null", "null", "null", "null::date"
    if plan.timeline:
        _timeline_steps(con, plan, plan.timeline)
        t_join = "left join hs_tlagg t using (row_no)"
        t_rung, t_end, t_top, t_end_label = "coalesce(t.t_rung, 0)", "t.t_end", "t.t_top", "t.t_end_label"
        t_end_on = _in_year_of("t.t_end_on", "t.t_end_noyear", "n.applied_on")
    if plan.stage_columns:
        cols = {_col(header, h): s for h, s in plan.stage_columns.items()}
        kinds = {_col(header, h): k for h, k in plan.stage_kinds.items()}
        names = {_col(header, h): h for h in plan.stage_columns}
        flags: dict[str, str] = {f: _col(header, plan.mapping[f]) for f in ("auto_rejected", "in_progress")
                                 if f in plan.mapping}
        names.update({f: plan.mapping[f] for f in flags})
        orders = {_col(header, h): o for h, o in plan.date_orders.items()}
        stage_columns_tables(con, cols, kinds, names, flags, orders)
        cols_join = "left join hs_scout o using (row_no)"
        o_rung, o_stage_by, o_outcome, o_outcome_by = rung_sql("o.stage"), "o.stage_by", "o.outcome", "o.outcome_by"
        o_blank, o_ended_on, o_end, o_end_by = "o.all_blank", "o.ended_on", "o.ending", "o.ending_by"
    s_known, f_known = "coalesce(ls.known, false)", "coalesce(lf.known, false)"
    s_rung = f"case when {s_known} then {rung_sql('ls.stage')} else 0 end"
    f_rung = f"case when {f_known} then {rung_sql('lf.stage')} else 0 end"
    s_said = _said(status_h, "status_label") if status_h else "null"
    if not status_h and plan.defaults.get("status"):
        s_said = sql_str(f"every row of this {plan.format} export is '{plan.defaults['status']}'")
    if plan.sections:
        s_said = f"({sql_str('the section heading ' + chr(39))} || status_label || {sql_str(chr(39) + ' above it')})"
    # the person's choice for this file: a blank status (or, with no status column, a row whose every stage
    # column is empty) means the company never answered
    # (said_nothing is kept: the plan asks about the undated ones, which nothing can ever call silent)
    if status_h:
        said_nothing = "status_label is null and o_outcome is null"
        blank_said = sql_str(f"'{status_h}' is empty, which means no answer (your choice for this file)")
    else:
        said_nothing = "o_blank and o_outcome is null" if plan.stage_columns else "false"
        blank_said = sql_str("every stage column is empty, which means no answer (your choice for this file)")
    blank_no_answer = said_nothing if plan.blank_status_no_answer else "false"
    f_said = _said(first_h, "first_label") if first_h else "null"
    # a label no rule knows decides nothing, and says so (the person can map it under 'Status labels')
    unknown_said = (f"case when status_label is not null then {s_said} || "
                    f"{sql_str(', a label Hindsight does not know (still open until you say what it means)')} end"
                    if status_h else "null")
    # the candidate's own no after an offer is declining the offer ('Declined' beside a stage that reached it)
    offer_reached = f"greatest(s_rung, f_rung, o_rung, t_rung) = {RUNG['offer']}"
    t_said = _said(plan.timeline, "t_top") if plan.timeline else "null"
    t_end_said = _said(plan.timeline, "t_end_label") if plan.timeline else "null"
    # a status that says still open beside a column that says it ended (a second status column, 'Rejected?'
    # ticked): the ending decides
    f_ends = "s_decides and s_outcome = 'active' and f_known and f_outcome not in ('active', 'not_applied')"
    o_ends = "s_decides and s_outcome = 'active' and o_end is not null"
    still_open = f"' (where ' || {s_said} || ' says it is still open)'"
    con.execute(f"""create or replace temp table hs_norm as
        select * exclude (s_rung, f_rung, o_rung, o_outcome, o_stage_by, o_outcome_by, o_blank, s_known, f_known,
                          s_outcome, f_outcome, said_nothing, status_date, o_ended_on, s_on, status_on_label,
                          t_rung, t_end, t_top, t_end_label, t_end_on, s_decides, o_end, o_end_by),
               coalesce(status_date, s_on, o_ended_on, case when not s_decides then t_end_on end) as status_date,
               status_date is null and s_on is not null as status_on_label,
               {stage_of_rung_sql('greatest(s_rung, f_rung, o_rung, t_rung)')} as stage,
               coalesce({said_nothing}, false) as said_nothing,
               case when s_decides and s_outcome = 'withdrawn' and {offer_reached} then 'offer_declined'
                    when {f_ends} and f_outcome = 'withdrawn' and {offer_reached} then 'offer_declined'
                    when {f_ends} then f_outcome
                    when {o_ends} and o_end = 'withdrawn' and {offer_reached} then 'offer_declined'
                    when {o_ends} then o_end
                    when s_decides then s_outcome
                    when t_end = 'withdrawn' and {offer_reached} then 'offer_declined'
                    when t_end is not null then t_end
                    when s_known then s_outcome when f_known then f_outcome
                    when {blank_no_answer} then 'ghosted'
                    else coalesce(o_outcome, 'active') end as outcome,
               case when t_rung > greatest(s_rung, f_rung, o_rung) then {t_said}
                    when o_rung > 0 and o_rung >= greatest(s_rung, f_rung) then o_stage_by
                    when s_rung > 0 and s_rung >= f_rung then {s_said}
                    when f_rung > 0 then {f_said} end as stage_by,
               case when {f_ends} then {f_said} || {still_open}
                    when {o_ends} then o_end_by || {still_open}
                    when s_decides then {s_said}
                    when t_end is not null then {t_end_said} ||
                         case when s_known then ' (where ' || {s_said} || ' does not say how)' else '' end
                    when s_known then {s_said} when f_known then {f_said}
                    when {blank_no_answer} then {blank_said}
                    else coalesce(o_outcome_by, {unknown_said}) end as outcome_by
        from (select n.*, {s_known} as s_known, {f_known} as f_known, ls.outcome as s_outcome,
                     lf.outcome as f_outcome, case when {s_known} then ls.stage end as s_stage,
                     case when {f_known} then lf.stage end as f_stage, {s_rung} as s_rung, {f_rung} as f_rung,
                     {o_rung} as o_rung, {o_outcome} as o_outcome, {o_stage_by} as o_stage_by,
                     {o_outcome_by} as o_outcome_by, {o_blank} as o_blank, {o_ended_on} as o_ended_on,
                     {o_end} as o_end, {o_end_by} as o_end_by,
                     case when {s_known} then ls.on_d end as s_on,
                     {t_rung} as t_rung, {t_end} as t_end, {t_top} as t_top, {t_end_label} as t_end_label,
                     {t_end_on} as t_end_on,
                     -- a status that closes without saying how ('Closed', 'Archived') leaves that to the timeline
                     {s_known} and not (ls.outcome = 'closed' and {t_end} is not null) as s_decides
              from ({select_n}) n
              left join hs_labels ls on ls.label = n.status_label
              left join hs_labels lf on lf.label = n.first_label
              {cols_join} {t_join})""")
    # the status's own step, dated by the status date only while open ('Interview' on 3 May); an ending
    # ('Rejected after interview', dated by the rejection) says the step happened, not when; a step a stage column
    # or the timeline records (with its date) is not counted twice
    elsewhere = [f"(row_no, s_stage) not in (select row_no, stage from {t})"
                 for t, there in (("hs_colev", plan.stage_columns), ("hs_tl", plan.timeline)) if there]
    parts = ["select row_no, 'applied' as stage, applied_on as happened_on, null::varchar as raw_label from hs_norm",
             "select row_no, s_stage, case when outcome = 'active' then status_date end, status_label from hs_norm "
             "where " + " and ".join(["s_stage <> 'applied'", *elsewhere]),
             "select row_no, f_stage, null, first_label from hs_norm where f_stage <> 'applied'"]
    if plan.stage_columns:
        parts.append("select row_no, stage, happened_on, raw_label from hs_colev")
    if plan.timeline:
        # each step the timeline names, dated where it says (an ending says the step happened, not when)
        dated = _in_year_of("t.d", "t.noyear", "n.applied_on")
        parts.append(f"""select t.row_no, t.stage, case when t.outcome = 'active' then {dated} end, t.label
                         from hs_tl t join hs_norm n using (row_no) where t.stage <> 'applied'""")
    con.execute("create or replace temp table hs_ev as " + " union all ".join(parts))
    con.execute("alter table hs_norm drop column s_stage")
    con.execute("alter table hs_norm drop column f_stage")
    for t in ("hs_scout", "hs_colev", "hs_tl", "hs_tlagg"):
        con.execute(f"drop table if exists {t}")


def _timeline_steps(con, plan: ImportPlan, h: str) -> None:
    """hs_tl: the steps of the timeline column `h`, one row per step (row_no, pos, stage, outcome, label, d, noyear),
    only those read like a status label; d is the date it writes (the year 2000 where it has none, noyear)."""
    c = _col(plan.source.header, h)
    con.execute(f"create or replace temp table hs_tlraw as {timeline_steps_sql('hs_raw', c)}")
    order, _, _ = D.decide_order(con, "d", "hs_tlraw", plan.date_orders.get(plan.mapping.get("applied_on") or ""))
    con.execute(f"""create or replace temp table hs_tl as
        select e.row_no, e.pos, l.stage, l.outcome, e.label, {D.date_sql('e.d', order)} as d,
               coalesce({D.no_year_sql('e.d')}, false) as noyear
        from hs_tlraw e join hs_labels l on l.label = e.label where l.known""")
    con.execute("drop table hs_tlraw")
    # per application: the furthest step, and the last ending it writes (the cell is written in order)
    con.execute(f"""create or replace temp table hs_tlagg as
        select row_no, max({rung_sql('stage')}) as t_rung, arg_max(label, {rung_sql('stage')} * 1000 - pos) as t_top,
               arg_max(outcome, pos) filter (where outcome <> 'active') as t_end,
               arg_max(label, pos) filter (where outcome <> 'active') as t_end_label,
               arg_max(d, pos) filter (where outcome <> 'active') as t_end_on,
               arg_max(noyear, pos) filter (where outcome <> 'active') as t_end_noyear
        from hs_tl group by row_no""")


def _in_year_of(d: str, noyear: str, anchor: str) -> str:
    """SQL: a step's date; one written without a year takes the year that puts it on or after the application
    (`anchor`, less a month), or none where the application is undated."""
    moved = f"try(make_date(year({anchor}), month({d}), day({d})))"
    return (f"(case when not coalesce({noyear}, false) then {d} when {anchor} is null then null "
            f"when {moved} < {anchor} - interval 31 day then {moved} + interval 1 year else {moved} end)::date")


def _build_event_log(con, plan: ImportPlan, select_n: str) -> None:
    header = plan.source.header
    ev_col = _col(header, plan.mapping["event"])
    date_h = plan.mapping.get("status_date") or plan.mapping.get("applied_on")
    if plan.timeline:  # each row's cell holds its steps
        con.execute(f"""create or replace temp table hs_evraw as
            select row_no, row_no::varchar as gkey, d, label, row_number() over (order by row_no, pos) as seq
            from ({timeline_steps_sql('hs_raw', ev_col)})""")
    else:
        key = plan.mapping.get("record_id")
        gkey = (clean_sql(_col(header, key)) if key else
                "lower(coalesce(" + _raw_field_sql(plan, "company") + ", '')) || '|' || lower(coalesce("
                + _raw_field_sql(plan, "role") + ", ''))")
        dsql = clean_sql(_col(header, date_h)) if date_h else "null"
        con.execute(f"""create or replace temp table hs_evraw as
            select row_no, {gkey} as gkey, {dsql} as d, {clean_sql(ev_col)} as label, row_no as seq from hs_raw""")
    saved_order = plan.date_orders.get(date_h) if date_h is not None else None
    order, why, _ = D.decide_order(con, "d", "(select seq as row_no, d from hs_evraw)", saved_order)
    con.execute(f"""create or replace temp table hs_ev0 as
        select e.row_no, e.gkey, e.seq, {D.date_sql('e.d', order)} as happened_on, e.label as raw_label,
               coalesce(l.stage, 'applied') as stage, coalesce(l.outcome, 'active') as outcome
        from hs_evraw e left join hs_labels l on l.label = e.label""")
    con.execute(f"""create or replace temp table hs_grp as
        select gkey, min(row_no) as row_no,
               {stage_of_rung_sql('max(' + rung_sql('stage') + ')')} as stage,
               arg_max(outcome, (coalesce(happened_on, date '1900-01-01') - date '1900-01-01')::bigint * 100000000
                                + seq) filter (where outcome <> 'active') as last_end,
               arg_max(raw_label, (coalesce(happened_on, date '1900-01-01') - date '1900-01-01')::bigint * 100000000
                                  + seq) as status_label,
               arg_max(happened_on, (coalesce(happened_on, date '1900-01-01') - date '1900-01-01')::bigint
                                    * 100000000 + seq) filter (where outcome <> 'active') as ended_on,
               min(happened_on) as first_on, max(happened_on) as last_on,
               case when count(distinct row_no) > 1 then list_sort(list(distinct row_no))::integer[] end as source_rows
        from hs_ev0 group by gkey""")
    con.execute(f"""create or replace temp table hs_norm as
        select n.* exclude (status_label, applied_on, source_rows, status_date), g.status_label, g.source_rows,
               coalesce(n.applied_on, g.first_on) as applied_on, coalesce(n.status_date, g.ended_on) as status_date,
               coalesce(g.stage, 'applied') as stage, coalesce(g.last_end, 'active') as outcome,
               'the furthest event of its rows' as stage_by,
               case when g.last_end is not null then 'its last ending event, ''' || g.status_label || '''' end
                   as outcome_by
        from hs_grp g join ({select_n}) n using (row_no)""")
    # an ending row ('Rejected' on 20 Jan) is the outcome and its date, not a second 'applied' step
    con.execute("""create or replace temp table hs_ev as
        select g.row_no, e.stage, e.happened_on, e.raw_label from hs_ev0 e join hs_grp g using (gkey)
        where e.stage in ('applied','screen','interview','final','offer','hired','assessment')
          and not (e.stage = 'applied' and e.outcome <> 'active')""")


def _apply_labels_table(con, plan: ImportPlan) -> None:
    df = pd.DataFrame([(lab.label, lab.stage, lab.outcome, lab.known) for lab in plan.labels],
                      columns=["label", "stage", "outcome", "known"])
    con.register("hs_labels_df", df)
    # a date written in the cell ('Rejected 3/14'): read in the order of the file's own dates, or the other where
    # only that one makes a date
    h = plan.mapping.get("applied_on") or plan.mapping.get("status_date")
    order = plan.date_orders.get(h, "mdy") if h else "mdy"
    other = "dmy" if order == "mdy" else "mdy"
    typed = ("select label::varchar as label, stage::varchar as stage, outcome::varchar as outcome, "
             "known::boolean as known from hs_labels_df")
    if any(ch.isdigit() for lab in plan.labels for ch in lab.label):
        con.execute(f"""create or replace temp table hs_labels as
            select * exclude (in_text_on), in_text_on as on_d from ({D.with_date_in_text(f'({typed})', 'label',
                                                                                           (order, other))})""")
    else:  # no label writes a number, so none writes a date: the date formats are not compiled for nothing
        con.execute(f"create or replace temp table hs_labels as select *, null::date as on_d from ({typed})")
    con.unregister("hs_labels_df")


def _date_guesses(con, plan: ImportPlan, options: ImportOptions, as_of: date, not_an_app: str) -> list[str]:
    """Yearless dates given their year (the person's, or the one that keeps the file's order), and a note for
    every guess: unreadable, approximate or far-off dates (in the applications: a 'Total' under the table is
    refused, not an unreadable date)."""
    notes: list[str] = []
    for f in DATE_FIELDS:
        n = one(con, f"select count(*) from hs_norm where {f}_noyear and {f} is not null")[0]
        if not n:
            continue
        if options.year:
            con.execute(f"update hs_norm set {f} = try(make_date(?, month({f}), day({f}))) where {f}_noyear",
                        [options.year])
            notes.append(f"{n} date(s) in '{plan.mapping[f]}' have no year; used {options.year}, as you chose.")
        else:
            notes += _year_of_headings(con, plan, f)
            notes += _year_of_dated_rows(con, plan, f, as_of)
            n = one(con, f"select count(*) from hs_norm where {f}_noyear and {f} is not null")[0]
            if not n:
                continue
            D.yearless_fix(con, "hs_norm", f, f"{f}_noyear", as_of)
            years = one(con, f"select min(year({f})), max(year({f})) from hs_norm where {f}_noyear")
            example = one(con, f"select {f}_text from hs_norm where {f}_noyear limit 1")[0]
            span = str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
            notes.append(f"{n} date(s) in '{plan.mapping[f]}' have no year (e.g. '{example}'); read as {span}, the "
                         "latest year(s) that keep the file's order and put none in the future. Set the year if that "
                         "is wrong.")
    notes += _status_cell_dates(con, as_of)
    # stage events dated from yearless cells still carry the placeholder year 2000: give them the year of their
    # application's own (now decided) date, one later if that would put them half a year before it
    con.execute("""update hs_ev set happened_on = try(make_date(
                        year(n.anchor) + case when make_date(year(n.anchor), month(hs_ev.happened_on), 1)
                                                   < date_trunc('month', n.anchor) - interval 182 day then 1 else 0 end,
                        month(hs_ev.happened_on), day(hs_ev.happened_on)))
                    from (select row_no, coalesce(applied_on, status_date) as anchor from hs_norm) n
                    where hs_ev.row_no = n.row_no and year(hs_ev.happened_on) = 2000 and n.anchor is not null
                      and year(n.anchor) <> 2000""")
    con.execute("""update hs_ev set happened_on = try(make_date(
                        case when strftime(happened_on, '%m-%d') <= ? then ? else ? end,
                        month(happened_on), day(happened_on)))
                    where year(happened_on) = 2000""", [as_of.strftime("%m-%d"), as_of.year, as_of.year - 1])
    for f in DATE_FIELDS:
        bad = one(con, f"select count(*), list({f}_text order by row_no)[1:3] from hs_norm where {f}_bad "
                       f"and not ({not_an_app})")
        if bad[0]:
            shown = ", ".join(f"'{b}'" for b in bad[1])
            notes.append(f"{bad[0]} value(s) in '{plan.mapping[f]}' are not dates Hindsight can read ({shown}); "
                         "the date is left empty and the text kept in the original row.")
        guessed = one(con, f"select count(*), arg_min({f}_text, row_no) from hs_norm where {f}_text is not null and "
                              f"regexp_matches(lower({f}_text), "
                              "'^\\s*(before|after|around|approx|about|circa|ca\\.|c\\.|~)')")
        if guessed[0]:
            notes.append(f"{guessed[0]} date(s) in '{plan.mapping[f]}' are approximate (e.g. '{guessed[1]}'); the date "
                         "given was used.")
        future = one(con, f"select count(*) from hs_norm where {f} > ?::date + 366 or {f} < date '1990-01-01'",
                             [as_of])[0]
        if future:
            notes.append(f"{future} date(s) in '{plan.mapping[f]}' are before 1990 or more than a year in the future; "
                         "they were kept as written, check them.")
    return notes


def _year_of_headings(con, plan: ImportPlan, f: str) -> list[str]:
    """Yearless dates under a heading that gives the year ('OCTOBER 2024' above 'Oct 7', 'Oct 15'): that year. The
    rows the headings leave out keep the guess that follows."""
    found = one(con, f"select count(*), arg_min(company, row_no) from hs_norm where {_HEADING_ROW} and "
                     "regexp_matches(company, '(19|20)[0-9]{2}')")
    if not found[0]:
        return []
    before = one(con, f"select count(*) from hs_norm where {f}_noyear and {f} is not null")[0]
    con.execute(f"""update hs_norm set {f} = try(make_date(h.y, month(hs_norm.{f}), day(hs_norm.{f}))),
                        {f}_noyear = false
                    from (select n.row_no, h.y from hs_norm n
                          asof join (select row_no, regexp_extract(company, '(19|20)[0-9]{{2}}', 0)::int as y
                                     from hs_norm where {_HEADING_ROW} and regexp_matches(company, '(19|20)[0-9]{{2}}')
                                    ) h on n.row_no >= h.row_no
                          where n.{f}_noyear and n.{f} is not null) h
                    where hs_norm.row_no = h.row_no""")
    left = one(con, f"select count(*) from hs_norm where {f}_noyear and {f} is not null")[0]
    if left == before:
        return []
    return [f"{before - left} date(s) in '{plan.mapping[f]}' have no year: each takes the year of the heading above "
            f"it (e.g. '{found[1]}')."]


def _year_of_dated_rows(con, plan: ImportPlan, f: str, as_of: date) -> list[str]:
    """Yearless dates in a column that mostly writes the year ('Nov 3' on a sheet added after 'Oct 28, 2025'): the
    year that puts each nearest the dated rows above and below it, whichever way the sheet runs; never after
    `as_of`. The rows left keep the guess that follows."""
    dated, yearless = one(con, f"select count(*) filter (where not {f}_noyear), count(*) filter (where {f}_noyear) "
                               f"from hs_norm where {f} is not null")
    if not yearless or dated < yearless:
        return []
    # the year that puts the date nearest the dated rows above and below it (a sheet may run oldest or newest first)
    con.execute(f"""create or replace temp table hs_yeared as
        with y as (select row_no, {f} as d from hs_norm where {f}_noyear and {f} is not null),
        known as (select row_no, {f} as k from hs_norm where not {f}_noyear and {f} is not null),
        up as (select y.row_no, k.k from y asof join known k on y.row_no >= k.row_no),
        down as (select y.row_no, k.k from y asof join (select -row_no as neg, k from known) k on -y.row_no >= k.neg),
        r as (select y.row_no, y.d, up.k as ku, down.k as kd from y left join up using (row_no)
              left join down using (row_no)),
        c as (select row_no, try(make_date(yy, month(d), day(d))) as c, ku, kd
              from r, unnest([year(coalesce(ku, kd)) - 1, year(coalesce(ku, kd)), year(coalesce(ku, kd)) + 1]) t(yy))
        select row_no, arg_min(c, coalesce(abs(datediff('day', ku, c)), 0) + coalesce(abs(datediff('day', kd, c)), 0))
               as d
        from c where c is not null group by row_no""")
    con.execute(f"""update hs_norm set {f} = y.d, {f}_noyear = false from hs_yeared y
                    where hs_norm.row_no = y.row_no and y.d is not null and y.d <= ?""", [as_of])
    con.execute("drop table if exists hs_yeared")
    left = one(con, f"select count(*) from hs_norm where {f}_noyear and {f} is not null")[0]
    if left == yearless:
        return []
    return [f"{yearless - left} date(s) in '{plan.mapping[f]}' have no year: each takes the year of the dated rows "
            "around it."]


def _status_cell_dates(con, as_of: date) -> list[str]:
    """Status dates read from the status cell itself ('Rejected 3/14'): a yearless one takes its application's year
    (one later if it would fall half a year before it), else the latest year not after `as_of`; the plan says so."""
    n, example = one(con, "select count(*), arg_min(status_label, row_no) from hs_norm where status_on_label")
    if n:
        con.execute("""update hs_norm set status_date = try(make_date(
                            year(applied_on) + case when make_date(year(applied_on), month(status_date), 1)
                                                         < date_trunc('month', applied_on) - interval 182 day
                                                    then 1 else 0 end, month(status_date), day(status_date)))
                        where status_on_label and year(status_date) = 2000 and year(applied_on) <> 2000""")
        con.execute("""update hs_norm set status_date = try(make_date(
                            case when strftime(status_date, '%m-%d') <= ? then ? else ? end,
                            month(status_date), day(status_date)))
                        where status_on_label and year(status_date) = 2000""",
                    [as_of.strftime("%m-%d"), as_of.year, as_of.year - 1])
    con.execute("alter table hs_norm drop column status_on_label")
    if not n:
        return []
    return [f"{n} status cell(s) carry their own date (e.g. '{example}'): used as the date of that status, in the "
            "year of the application where the cell gives none."]


def _parse_values_once(con) -> None:
    """Salaries, channels, remote types and role families, parsed once per distinct text (hs_*_df)."""
    sal = [t for (t,) in con.execute("select distinct salary_text from hs_norm where salary_text is not null")
           .fetchall()]
    parsed = [(t, *(lambda s: (s.min, s.max, s.currency, s.period) if s else (None, None, None, None))(parse_salary(t)))
              for t in sal]
    con.register("hs_sal_df",
                 pd.DataFrame(parsed, columns=["salary_text", "salary_min", "salary_max", "salary_currency",
                                                            "salary_period"]).astype({"salary_min": "float64",
                                                                                      "salary_max": "float64"}))
    src = dict(con.execute("select source, count(*) from hs_norm where source is not null group by 1").fetchall())
    con.register("hs_src_df", pd.DataFrame(_channels(con, src).items(), columns=["source", "channel"]))
    rem = [t for (t,) in con.execute("select distinct coalesce(remote_text, location) from hs_norm "
                                     "where coalesce(remote_text, location) is not null").fetchall()]
    con.register("hs_rem_df", pd.DataFrame([(t, remote_type_of(t)) for t in rem], columns=["txt", "remote_type"]))
    roles = con.execute("select distinct role, seniority from hs_norm "
                        "where role is not null or seniority is not null").fetchall()
    con.register("hs_role_df", pd.DataFrame([(r, sen, role_family(r), seniority_of(r, sen)) for r, sen in roles],
                                            columns=["role", "seniority", "role_family", "seniority_level"]))


def _channels(con, sources: dict[str, int]) -> dict[str, str | None]:
    """Each source text -> its channel, one spelling per channel ('Otter Jobs' beside 'OtterJobs'): the one the
    database already holds, else the one this file writes most often."""
    channel = {t: channel_of(t) for t in sources}
    weight: Counter[str] = Counter()
    for t, n in sources.items():
        weight[channel[t] or ""] += n
    spelled = one_spelling({c: n for c, n in weight.items() if c}, channels_in_use(con))
    return {t: spelled[c] if c else None for t, c in channel.items()}


def _keyed(con, plan: ImportPlan) -> None:
    """hs_keyed in one pass: the parsed values joined on, negative salaries emptied, the rung the notes imply
    (the patterns run once per distinct text, hs_notes), the cell that decided each row, and its keys."""
    note_txt = "lower(coalesce(n.notes, '') || ' ' || coalesce(n.feedback, ''))"
    note_said = "('notes: ''' || left(concat_ws(' / ', notes, feedback), 80) || '''')"
    if plan.shape == "status" and plan.mapping.get("status"):
        no_ending = f"'{plan.mapping['status']}' is empty in this row (still open, no answer recorded)"
    elif plan.shape == "stage_columns":
        no_ending = "no stage column says it ended (still open)"
    else:
        no_ending = "the file has no status column (no answer recorded)"
    note_rung, assess, ghost, note_end = _note_hints(con, note_txt)
    referral = ("case when c.channel = 'Referral' then true else n.referral end" if plan.mapping.get("referral") is None
                else "n.referral")
    # identity: the tracker's own id where it has one, else what the row says plus its occurrence (the second
    # identical row is '2'). Occurrences are only numbered for the few key texts that repeat.
    material = ("lower(coalesce(company, '')) || '|' || lower(coalesce(role, '')) || '|' || "
                "lower(coalesce(url, '')) || '|' || coalesce(applied_on_text, '')")
    _occurrences(con, material)
    # one pass: the parsed values joined on, negative salaries emptied, the rung notes imply, the keys
    con.execute(f"""create or replace temp table hs_keyed as
        select q.*, md5(case when record_id is not null then {sql_str(plan.format)} || '|id|' || record_id || '|' ||
                              lower(coalesce(company, '')) || '|' || lower(coalesce(role, ''))
                         else {material} || '|' || coalesce(o.occ, 1)::varchar end) as app_key,
               hash({', '.join(_HASHED)})::varchar as content_hash
        from (
            select p.* replace (case when note_raised is not null then note_raised else stage end as stage,
                                case when note_ended then note_end
                                     when note_ghost and outcome = 'active'
                                          and coalesce(note_raised, stage) = 'applied' then 'ghosted'
                                     else outcome end as outcome,
                                case when note_raised is not null then {note_said}
                                     else coalesce(stage_by, 'every row is an application') end as stage_by,
                                case when note_ended and outcome = 'closed' then outcome_by || ', and ' || {note_said}
                                     when note_ended then {note_said}
                                     when note_ghost and outcome = 'active'
                                          and coalesce(note_raised, stage) = 'applied' then {note_said}
                                     else coalesce(outcome_by, {sql_str(no_ending)}) end as outcome_by),
                   note_ghost and outcome = 'active' and coalesce(note_raised, stage) = 'applied' as note_ghosted
            from (
                select n.* replace ({referral} as referral),
                       case when s.salary_min < 0 then null else s.salary_min end as salary_min,
                       case when s.salary_min < 0 then null else s.salary_max end as salary_max,
                       s.salary_currency, s.salary_period, c.channel, r.remote_type, ro.role_family,
                       ro.seniority_level, coalesce(s.salary_min < 0, false) as salary_negative,
                       case when n.outcome <> 'hired' and {rung_sql('n.stage')} < {note_rung}
                            then {stage_of_rung_sql(note_rung)} end as note_raised,
                       coalesce(nt.m{assess}, false) as note_assessment, coalesce(nt.m{ghost}, false) as note_ghost,
                       {note_end} as note_end,
                       {note_end} is not null and n.outcome = 'closed' as note_ended,
                       {note_end} is not null and n.outcome = 'active' and n.outcome_by is null as note_end_unread
                from hs_norm n
                left join (select role::varchar as role, seniority::varchar as seniority,
                                  role_family::varchar as role_family, seniority_level::varchar as seniority_level
                           from hs_role_df) ro
                       on ro.role is not distinct from n.role and ro.seniority is not distinct from n.seniority
                left join (select salary_text::varchar as salary_text, salary_min::double as salary_min,
                                  salary_max::double as salary_max, salary_currency::varchar as salary_currency,
                                  salary_period::varchar as salary_period from hs_sal_df) s using (salary_text)
                left join (select source::varchar as source, channel::varchar as channel from hs_src_df) c
                  using (source)
                left join (select txt::varchar as txt, remote_type::varchar as remote_type from hs_rem_df) r
                       on r.txt = coalesce(n.remote_text, n.location)
                left join hs_notes nt
                       on nt.txt = case when n.notes is not null or n.feedback is not null then {note_txt} end
            ) p
        ) q left join hs_occ o using (row_no)""")
    con.execute("alter table hs_keyed rename column stage_by to stage_decided_by")
    con.execute("alter table hs_keyed rename column outcome_by to outcome_decided_by")
    for name in ("hs_sal_df", "hs_src_df", "hs_rem_df", "hs_role_df"):
        con.unregister(name)
    con.execute("drop table if exists hs_occ")


def _note_hints(con, note_txt: str) -> tuple[str, int, int, str]:
    """hs_notes: which hint each distinct note text holds (the patterns run once per text, not per row). Returns
    the SQL of the rung the notes imply (over `nt`, hs_notes joined), the columns of the assessment and ghosting
    hints, and the SQL of the ending the notes tell."""
    hints = [*NOTE_STAGE_HINTS, *NOTE_END_HINTS, (NOTE_GHOST_HINT, "ghosted")]
    cols = ", ".join(f"regexp_matches(txt, {sql_str(p)}) as m{i}" for i, (p, _) in enumerate(hints))
    con.execute(f"""create or replace temp table hs_notes as select txt, {cols}
                    from (select distinct {note_txt} as txt from hs_norm n
                          where notes is not null or feedback is not null)""")
    rung_hints = [(i, RUNG[st]) for i, (_, st) in enumerate(hints) if st in RUNG]
    note_rung = "case " + " ".join(f"when nt.m{i} then {r}"
                                   for i, r in sorted(rung_hints, key=lambda x: -x[1])) + " end"
    assess = next(i for i, (_, st) in enumerate(hints) if st == "assessment")
    ends = [(i, st) for i, (p, st) in enumerate(hints) if (p, st) in NOTE_END_HINTS]
    # silence the notes tell says how a 'Closed' ended, too
    note_end = ("case " + " ".join(f"when nt.m{i} then '{st}'" for i, st in ends)
                + f" when nt.m{len(hints) - 1} and n.outcome = 'closed' then 'ghosted' end")
    return note_rung, assess, len(hints) - 1, note_end


def _occurrences(con, material: str) -> None:
    """hs_occ (row_no, occ): the occurrence of each row whose key text repeats (the second identical row is 2),
    found by a hash of the key text, then numbered by the text itself, only among those few rows."""
    parts = "lower(company), lower(role), lower(url), applied_on_text"
    con.execute(f"""create or replace temp table hs_occ as
        select row_no, row_number() over (partition by {material} order by row_no) as occ
        from hs_norm where record_id is null and hash({parts}) in
             (select h from (select hash({parts}) as h from hs_norm where record_id is null) group by h
              having count(*) > 1)""")


def _steps_from_notes(con) -> list[str]:
    """Steps the notes tell of ('had three interviews'), added as events, and what was said about them."""
    notes: list[str] = []
    said = one(con, f"""select count(*) filter (where salary_negative),
        {", ".join(f"count(*) filter (where note_raised = '{st}'), "
                   f"arg_min(concat_ws(' / ', notes, feedback), row_no) filter (where note_raised = '{st}')"
                   for _, st in NOTE_STAGE_HINTS if st in RUNG)},
        count(*) filter (where note_ghosted),
        arg_min(concat_ws(' / ', notes, feedback), row_no) filter (where note_ghosted)
        from hs_keyed""")
    if said[0]:
        notes.append(f"{said[0]} salary value(s) are negative; left empty, the text is kept.")
    k = 1
    for _, st in NOTE_STAGE_HINTS:
        if st == "assessment":
            cond = "note_assessment and row_no not in (select row_no from hs_ev where stage = 'assessment')"
            cnt, ex = one(con,
                          "select count(*), arg_min(concat_ws(' / ', notes, feedback), row_no) from hs_keyed where "
                          f"{cond}")
            if cnt:
                con.execute("insert into hs_ev select row_no, 'assessment', null, 'from notes' from hs_keyed where "
                            f"{cond}")
                notes.append(f"{cnt} application(s) had an assessment or take-home by their notes (e.g. '{ex[:80]}').")
            continue
        cnt, ex = said[k], said[k + 1]
        k += 2
        if cnt:
            con.execute(f"""insert into hs_ev select row_no, '{st}', null, 'from notes' from hs_keyed
                            where stage = '{st}' and row_no not in (select row_no from hs_ev where stage = '{st}')""")
            notes.append(f"{cnt} application(s) reached '{st}' by their notes though the status did not say "
                         f"so (e.g. '{ex[:80]}').")
    if said[k]:
        notes.append(f"{said[k]} application(s) counted as ghosted because their notes say so (e.g. "
                     f"'{said[k + 1][:80]}').")
    ended, example = one(con, "select count(*), arg_min(concat_ws(' / ', notes, feedback), row_no) from hs_keyed "
                              "where note_ended")
    if ended:
        notes.append(f"{ended} application(s) ended as their notes say, where the status did not say how (e.g. "
                     f"'{example[:80]}').")
    return notes
