"""Import a tracker file: inspect it (format, shape, mapping, labels, date order), then import it in one
transaction. The Upload page and the CLI both call `inspect` and `run_import`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date

import duckdb
import pandas as pd

from analysis.domain import LADDER, OUTCOMES, RUNG, STAGES, normalise_label, status_meaning
from analysis.ingest import dates as D
from analysis.ingest.columns import (
    DATE_FIELDS,
    FIELD_ALIASES,
    detect_format,
    format_by_name,
    guess_columns,
)
from analysis.ingest.read import BadInput, SourceFile, load_raw, open_source
from analysis.ingest.shapes import (
    EVENT_CELL,
    edge_list_frames,
    rung_sql,
    stage_columns_tables,
    stage_of_rung_sql,
)
from analysis.ingest.values import (
    bool_sql,
    channel_of,
    clean_sql,
    clean_trimmed_sql,
    parse_salary,
    remote_type_of,
    trim_sql,
)
from analysis.roles import role_family, seniority_of
from analysis.sqlutil import one, sql_str

SAMPLE_ROWS = 2000
PREVIEW_ROWS = 10

# Notes that tell how far an application got when its status does not ('had three interviews and then they said no').
NOTE_STAGE_HINTS = [
    (r"\b(final round|final interview|(onsite|on-site) (interview|round|day|visit)|panel interview|superday)\b",
     "final"),
    (r"\b(interviewed|(\d+|two|three|four|five|six|several|multiple) interviews|had (an? )?interviews?|interview went|"
     r"after (the |a |my )?(\w+ ){0,2}interview|technical interview|hiring manager interview|system design|"
     r"passed r ?[2-9]|r ?[2-9] done|second round|technical round)\b", "interview"),
    (r"\b(after (the |a |my )?(recruiter|phone|hr|intro) (screen|call)|phone screen(ed)?|recruiter (screen|call) went)\b",
     "screen"),
    # a take-home or test is a step, not a rung: it is recorded, the rung stays
    (r"\b(online assessment|assessment|take[- ]home|coding (challenge|exercise|test)|hackerrank|codility)\b",
     "assessment"),
]
NOTE_GHOST_HINT = r"\b(never heard back|no response|no reply|never replied|ghosted|heard nothing)\b"


@dataclass
class ImportOptions:
    format: str = "auto"
    mapping: dict[str, str | None] | None = None  # field -> header (None removes a field)
    labels: dict[str, tuple[str, str]] | None = None  # status label -> (stage, outcome)
    date_order: str = "auto"  # auto, dmy, mdy
    year: int | None = None  # the year of dates written without one
    as_of: date | None = None
    save_choices: bool = True  # remember the mapping and labels for files with the same header


@dataclass
class LabelInfo:
    label: str
    count: int
    stage: str
    outcome: str
    known: bool
    rule: str


@dataclass
class ImportPlan:
    source: SourceFile
    format: str
    shape: str
    mapping: dict[str, str]
    stage_columns: dict[str, str]
    reasons: dict[str, str]
    defaults: dict[str, str]
    date_orders: dict[str, str]
    labels: list[LabelInfo]
    rows_read: int
    blank_rows: int
    rejects: list[tuple[int | None, str, str]]
    warnings: list[str]
    preview: pd.DataFrame
    from_saved_mapping: bool = False

    @property
    def unmapped_labels(self) -> list[str]:
        return [lab.label for lab in self.labels if not lab.known]


@dataclass
class ImportResult:
    file: str
    format: str
    shape: str
    rows_read: int
    applications_added: int
    applications_updated: int
    duplicates_skipped: int
    rows_rejected: int
    rejects: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unmapped_labels: list[str] = field(default_factory=list)
    lines_read: int = 0
    likely_duplicates: int = 0
    import_id: int | None = None

    def to_json(self) -> dict:
        return asdict(self)


def _col(plan_header: list[str], header: str) -> str:
    return f"c{plan_header.index(header)}"


def header_signature(header: list[str]) -> str:
    return "|".join(normalise_label(h) for h in header)


def inspect(con: duckdb.DuckDBPyConnection, source, name: str | None = None,
            options: ImportOptions | None = None) -> ImportPlan:
    """Read a file into a temp table and decide how to import it. Raises BadInput."""
    options = options or ImportOptions()
    if isinstance(source, SourceFile):
        return _inspect(con, source, options)
    src = open_source(source, name)
    try:
        return _inspect(con, src, options)
    except BaseException:
        src.cleanup()  # the temp copy of a file that will not be imported
        raise


def _inspect(con: duckdb.DuckDBPyConnection, src: SourceFile, options: ImportOptions) -> ImportPlan:
    read, blank, rejects = load_raw(con, src)
    if read == 0:
        raise BadInput(f"{src.name} has a header but no rows: add at least one application below the header.")
    header = src.header
    sample = con.execute(f"select * exclude (row_no) from hs_raw order by row_no limit {SAMPLE_ROWS}").fetchall()
    samples = {h: [r[i] for r in sample if r[i] is not None] for i, h in enumerate(header)}
    warnings = list(src.warnings)
    if blank:
        warnings.append(f"Skipped {blank} empty row(s).")

    fmt = None
    if options.format not in ("auto", "generic"):
        fmt = format_by_name(options.format)
        if fmt is None:
            raise BadInput(f"Unknown format '{options.format}'.")
        missing = [h for h in fmt.mapping.values() if h not in header]
        if missing:
            raise BadInput(f"{src.name} is not a {fmt.name} export: it has no column {', '.join(missing)}.")
    elif options.format == "auto":
        fmt = detect_format(header)
    from_saved = False
    stage_columns: dict[str, str] = {}
    if fmt:
        mapping = {f: h for f, h in fmt.mapping.items() if h in header}
        reasons = {f: f"the {fmt.name} export's column" for f in mapping}
        defaults = dict(fmt.defaults)
        format_name = fmt.name
    else:
        saved = one(con, "select mapping from column_mappings where header_signature = ? order by saved_at desc limit 1",
                            [header_signature(header)])
        guess = guess_columns(header, samples)
        mapping, stage_columns, reasons = guess.mapping, guess.stage_columns, guess.reasons
        if saved:
            stored = json.loads(saved[0])
            mapping = {f: h for f, h in stored.get("mapping", {}).items() if h in header}
            stage_columns = {h: s for h, s in stored.get("stage_columns", {}).items() if h in header}
            reasons = {f: "your saved choice for this header" for f in mapping}
            from_saved = True
        defaults = {}
        format_name = "generic"
    if options.mapping:
        for f, h in options.mapping.items():
            if f.startswith("stage:"):
                col = f.split(":", 1)[1]
                if h:
                    stage_columns[col] = h
                else:
                    stage_columns.pop(col, None)
                continue
            if f not in FIELD_ALIASES:
                raise BadInput(f"Unknown field '{f}' in the mapping; fields are: {', '.join(FIELD_ALIASES)}.")
            if h is None or h == "":
                mapping.pop(f, None)
            elif h not in header:
                raise BadInput(f"The mapping names a column '{h}' that {src.name} does not have.")
            else:
                mapping[f] = h
                reasons[f] = "your choice"
    if "company" not in mapping and "role" not in mapping:
        shown = ", ".join(header[:12]) + ("…" if len(header) > 12 else "")
        raise BadInput(f"{src.name} has no column that could be a company or a job title (columns: {shown}). "
                       "Name one 'Company' or 'Role', or choose it in the mapping.")

    # shape
    event_cell_col = None
    if "event" in mapping and samples.get(mapping["event"]):
        vals = samples[mapping["event"]]
        if sum(1 for v in vals if EVENT_CELL.match(v)) >= 0.8 * len(vals):
            event_cell_col = mapping["event"]
    if "edge_from" in mapping and "edge_to" in mapping:
        shape = "edge_list"
    elif stage_columns:
        shape = "stage_columns"
    elif event_cell_col:
        shape = "event_log"
    elif "event" in mapping and _repeats(con, header, mapping):
        shape = "event_log"
    else:
        shape = "status"
        mapping.pop("event", None)

    # date order per date column
    date_orders: dict[str, str] = {}
    hint = None if options.date_order == "auto" else options.date_order
    hint = hint or (fmt.date_order if fmt else None)
    date_cols = [mapping[f] for f in DATE_FIELDS if f in mapping] + list(stage_columns)
    decided: dict[str, tuple[str, str | None, dict]] = {}
    for h in date_cols:
        decided[h] = D.decide_order(con, _col(header, h), "hs_raw", hint)
    sure = [o for h, (o, why, prof) in decided.items() if why is None and (prof["day_first"] or prof["month_first"])]
    for h, (order, why, prof) in decided.items():
        if why and sure and "mixes" not in why:
            order, why = sure[0], None  # the file's other date columns decide
            if prof["numeric"]:
                warnings.append(f"Dates in '{h}' fit both day-first and month-first; read them like the file's other "
                                f"date columns ({'day-first' if order == 'dmy' else 'month-first'}).")
        elif why:
            warnings.append(f"'{h}' {why}.")
        date_orders[h] = order

    # status labels and what they mean
    label_col = {"status": mapping.get("status"), "stage_columns": mapping.get("status"), "edge_list": None,
                 "event_log": mapping.get("event")}[shape]
    labels: list[LabelInfo] = []
    if label_col and not event_cell_col:
        rows = con.execute(f"""select {clean_sql('l')} as label, sum(n) from
                                   (select {_col(header, label_col)} as l, count(*) as n from hs_raw group by 1)
                               group by 1 having label is not null order by 2 desc""").fetchall()
        labels = _meanings(con, rows, options)
    elif event_cell_col:
        c = _col(header, event_cell_col)
        rows = con.execute(f"""select trim(split_part(x, '|', 2)) as l, count(*) from
                (select unnest(string_split({c}, ';')) as x from hs_raw) where x like '%|%' group by l
                having l <> '' order by 2 desc""").fetchall()
        labels = _meanings(con, rows, options)
    unknown = [lab for lab in labels if not lab.known]
    if unknown:
        shown = ", ".join(f"'{lab.label}' ({lab.count})" for lab in unknown[:8])
        warnings.append(f"{len(unknown)} status label(s) Hindsight does not know: {shown}. They are kept and counted "
                        "as applied and still active until you map them.")
    preview = pd.DataFrame(sample[:PREVIEW_ROWS], columns=header) if sample else pd.DataFrame(columns=header)
    return ImportPlan(src, format_name, shape, mapping, stage_columns, reasons, defaults, date_orders, labels,
                      read, blank, rejects, warnings, preview, from_saved)


def _repeats(con, header, mapping) -> bool:
    key = mapping.get("record_id") or mapping.get("company")
    if not key:
        return False
    c = _col(header, key)
    n, d = one(con, f"select count({c}), count(distinct {c}) from hs_raw")
    return n > d


def _meanings(con, rows, options: ImportOptions) -> list[LabelInfo]:
    saved = {normalise_label(lab): (s, o) for lab, s, o in
             con.execute("select label, stage, outcome from label_mappings order by saved_at").fetchall()}
    chosen = {normalise_label(k): v for k, v in (options.labels or {}).items()}
    out = []
    for label, count in rows:
        key = normalise_label(label)
        if key in chosen:
            s, o = chosen[key]
            out.append(LabelInfo(label, count, s, o, True, "your choice"))
        elif key in saved:
            s, o = saved[key]
            out.append(LabelInfo(label, count, s, o, True, "your saved choice"))
        else:
            m = status_meaning(label)
            if m:
                out.append(LabelInfo(label, count, m.stage, m.outcome, True, m.rule))
            else:
                out.append(LabelInfo(label, count, "applied", "active", False, "unknown"))
    for info in out:
        if info.stage not in STAGES or info.outcome not in OUTCOMES:
            raise BadInput(f"The label '{info.label}' is mapped to an unknown stage or outcome ({info.stage}, {info.outcome}).")
    return out


def import_file(con: duckdb.DuckDBPyConnection, source, name: str | None = None,
                options: ImportOptions | None = None) -> ImportResult:
    """inspect + run_import with the automatic choices (the CLI's path)."""
    options = options or ImportOptions()
    plan = inspect(con, source, name, options)
    try:
        return run_import(con, plan, options)
    finally:
        plan.source.cleanup()


# -- building the normalised rows -------------------------------------------------------------------

_TEXT_FIELDS = ["company", "role", "url", "location", "seniority", "field", "feedback", "notes", "description",
                "contact", "record_id"]


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
    con.execute(f"""create or replace temp view hs_v as select row_no{cleaned}, raw from
                    (select row_no{trimmed}, {_raw_json_sql(header)} as raw from hs_raw)""")
    joins = ""
    for f in DATE_FIELDS:
        h = plan.mapping.get(f)
        if not h:
            continue
        i = header.index(h)
        order = plan.date_orders.get(h, "mdy")
        con.execute(f"""create or replace temp table hs_dt_{f} as
            select txt, {D.date_sql('txt', order)} as d, {D.no_year_sql('txt')} as ny
            from (select distinct {clean_sql('c')} as txt from (select distinct c{i} as c from hs_raw))
            where txt is not null""")  # straight from hs_raw: DuckDB would clean every column of the view
        joins += f" left join hs_dt_{f} dt_{f} on dt_{f}.txt = hs_v.v{i}"
    return "hs_v" + joins


def _raw_json_sql(header: list[str]) -> str:
    """The original row as a JSON array of its cells, in the file's column order; the header is kept once per import
    (imports.mapping), and `analysis.applications.original_row` puts the two back together. Writing the column
    names into every row as a JSON object took a third of a million-row import."""
    return "to_json(list_value(" + ", ".join(f"c{i}" for i in range(len(header))) + "))"


def _build_norm(con, plan: ImportPlan, options: ImportOptions) -> tuple[int, list[str]]:
    """Create hs_norm (one row per application) and hs_ev (stage events). Returns (lines read, notes)."""
    header = plan.source.header
    notes: list[str] = []
    base = _base_relation(con, plan)
    sel = ["hs_v.row_no as row_no", *(f"{_field_sql(plan, f)} as {f}" for f in _TEXT_FIELDS)]
    sel.append(f"{_field_sql(plan, 'source')} as source")
    sel.append(f"{_field_sql(plan, 'salary')} as salary_text")
    sel.append(f"{_field_sql(plan, 'remote_type')} as remote_text")
    sel.append(f"{_field_sql(plan, 'status')} as status_label" if plan.shape in ("status", "stage_columns")
               else "null::varchar as status_label")
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
    sel.append("hs_v.raw as raw")
    select_n = f"select {', '.join(sel)} from {base}"
    lines = plan.rows_read - len(plan.rejects)
    if plan.shape == "stage_columns":
        cols = {_col(header, h): s for h, s in plan.stage_columns.items()}
        flags = {f: _col(header, plan.mapping[f]) for f in ("auto_rejected", "in_progress") if f in plan.mapping}
        orders = {_col(header, h): o for h, o in plan.date_orders.items()}
        out = stage_columns_tables(con, cols, flags, orders)
        # a status column beside the stage columns says how it ended, and can say it got further
        con.execute(f"""create or replace temp table hs_norm as
            select n.*,
                   {stage_of_rung_sql(f"greatest({rung_sql('o.stage')}, {rung_sql('coalesce(l.stage, ' + chr(39) + 'applied' + chr(39) + ')')})")} as stage,
                   case when l.outcome is not null and l.outcome <> 'active' then l.outcome else o.outcome end as outcome
            from ({select_n}) n join {out} o using (row_no)
            left join hs_labels l on l.label = n.status_label""")
    elif plan.shape == "edge_list":
        raw = con.execute("select * from hs_raw order by row_no").df()
        raw.columns = ["row_no", *header]
        apps, events, _ = edge_list_frames(raw, plan.mapping)
        con.execute(f"create or replace temp table hs_norm0 as {select_n}")
        con.register("hs_apps_df", apps.drop(columns=["rows"]).assign(raw_rows=[json.dumps(r) for r in apps["rows"]]))
        con.register("hs_ev_df", events)
        con.execute("""create or replace temp table hs_norm as
            select n.* exclude (company, role, source, status_label, raw), a.company, coalesce(a.role, n.role) as role,
                   coalesce(n.source, a.source) as source, a.status_label, a.stage, a.outcome,
                   json_object('chain', a.chain, 'rows', a.raw_rows::json) as raw
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
    else:
        con.execute(f"""create or replace temp table hs_norm as
            select n.*, coalesce(l.stage, 'applied') as stage, coalesce(l.outcome, 'active') as outcome
            from ({select_n}) n
            left join hs_labels l on l.label = n.status_label""")
        con.execute("""create or replace temp table hs_ev as
            select row_no, 'applied' as stage, applied_on as happened_on, null::varchar as raw_label from hs_norm
            union all
            select row_no, stage, status_date as happened_on, status_label from hs_norm where stage <> 'applied'""")
        # a take-home is a step, not a rung: the application stays on its rung with the event recorded
        con.execute("update hs_norm set stage = 'applied' where stage = 'assessment'")
    # every application has its 'applied' step, dated where the file says when
    con.execute("""insert into hs_ev select row_no, 'applied', applied_on, null from hs_norm
                   where row_no not in (select row_no from hs_ev where stage = 'applied')""")
    return lines, notes


def _build_event_log(con, plan: ImportPlan, select_n: str) -> None:
    header = plan.source.header
    ev_col = _col(header, plan.mapping["event"])
    date_h = plan.mapping.get("status_date") or plan.mapping.get("applied_on")
    sample_vals = con.execute(f"select {ev_col} from hs_raw where {ev_col} is not null limit 200").fetchall()
    in_cell = sample_vals and sum(1 for (v,) in sample_vals if EVENT_CELL.match(v)) >= 0.8 * len(sample_vals)
    if in_cell:
        con.execute(f"""create or replace temp table hs_evraw as
            select row_no, row_no::varchar as gkey, trim(split_part(x, '|', 1)) as d, trim(split_part(x, '|', 2)) as label,
                   row_number() over () as seq
            from (select row_no, unnest(string_split({ev_col}, ';')) as x from hs_raw) where x like '%|%'""")
    else:
        key = plan.mapping.get("record_id")
        gkey = (clean_sql(_col(header, key)) if key else
                "lower(coalesce(" + _raw_field_sql(plan, "company") + ", '')) || '|' || lower(coalesce("
                + _raw_field_sql(plan, "role") + ", ''))")
        dsql = clean_sql(_col(header, date_h)) if date_h else "null"
        con.execute(f"""create or replace temp table hs_evraw as
            select row_no, {gkey} as gkey, {dsql} as d, {clean_sql(ev_col)} as label, row_no as seq from hs_raw""")
    order, why, _ = D.decide_order(con, "d", "(select seq as row_no, d from hs_evraw)", None
                                   if plan.date_orders.get(date_h or "", None) is None else plan.date_orders[date_h])
    con.execute(f"""create or replace temp table hs_ev0 as
        select e.row_no, e.gkey, e.seq, {D.date_sql('e.d', order)} as happened_on, e.label as raw_label,
               coalesce(l.stage, 'applied') as stage, coalesce(l.outcome, 'active') as outcome
        from hs_evraw e left join hs_labels l on l.label = e.label""")
    con.execute(f"""create or replace temp table hs_grp as
        select gkey, min(row_no) as row_no,
               {stage_of_rung_sql('max(' + rung_sql('stage') + ')')} as stage,
               arg_max(outcome, (coalesce(happened_on, date '1900-01-01') - date '1900-01-01')::bigint * 100000000 + seq) filter (where outcome <> 'active') as last_end,
               arg_max(raw_label, (coalesce(happened_on, date '1900-01-01') - date '1900-01-01')::bigint * 100000000 + seq) as status_label,
               min(happened_on) as first_on, max(happened_on) as last_on
        from hs_ev0 group by gkey""")
    con.execute(f"""create or replace temp table hs_norm as
        select n.* exclude (status_label, applied_on), g.status_label, coalesce(n.applied_on, g.first_on) as applied_on,
               coalesce(g.stage, 'applied') as stage, coalesce(g.last_end, 'active') as outcome
        from hs_grp g join ({select_n}) n using (row_no)""")
    con.execute("""create or replace temp table hs_ev as
        select g.row_no, e.stage, e.happened_on, e.raw_label from hs_ev0 e join hs_grp g using (gkey)
        where e.stage in ('applied','screen','interview','final','offer','hired','assessment')""")


def _apply_labels_table(con, plan: ImportPlan) -> None:
    df = pd.DataFrame([(lab.label, lab.stage, lab.outcome) for lab in plan.labels], columns=["label", "stage", "outcome"])
    con.register("hs_labels_df", df)
    con.execute("create or replace temp table hs_labels as select label::varchar as label, stage::varchar as stage, "
                "outcome::varchar as outcome from hs_labels_df")
    con.unregister("hs_labels_df")


def _finish_norm(con, plan: ImportPlan, options: ImportOptions, as_of: date) -> list[str]:
    """The guesses to report (yearless, unreadable, approximate, far-off dates), then hs_keyed: hs_norm with the
    values parsed once per distinct text (salary, channel, remote type, role family), the stage notes imply, and
    each row's stable key and content hash, in one statement."""
    notes: list[str] = []
    # yearless dates
    for f in DATE_FIELDS:
        n = one(con, f"select count(*) from hs_norm where {f}_noyear and {f} is not null")[0]
        if not n:
            continue
        if options.year:
            con.execute(f"update hs_norm set {f} = try(make_date(?, month({f}), day({f}))) where {f}_noyear", [options.year])
            notes.append(f"{n} date(s) in '{plan.mapping[f]}' have no year; used {options.year}, as you chose.")
        else:
            D.yearless_fix(con, "hs_norm", f, f"{f}_noyear", as_of)
            years = one(con, f"select min(year({f})), max(year({f})) from hs_norm where {f}_noyear")
            example = one(con, f"select {f}_text from hs_norm where {f}_noyear limit 1")[0]
            span = str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
            notes.append(f"{n} date(s) in '{plan.mapping[f]}' have no year (e.g. '{example}'); read as {span}, the latest "
                         "year(s) that keep the file's order and put none in the future. Set the year if that is wrong.")
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
        bad = one(con, f"select count(*), list({f}_text order by row_no)[1:3] from hs_norm where {f}_bad")
        if bad[0]:
            shown = ", ".join(f"'{b}'" for b in bad[1])
            notes.append(f"{bad[0]} value(s) in '{plan.mapping[f]}' are not dates Hindsight can read ({shown}); "
                         "the date is left empty and the text kept in the original row.")
        guessed = one(con, f"select count(*), arg_min({f}_text, row_no) from hs_norm where {f}_text is not null and "
                              f"regexp_matches(lower({f}_text), '^\\s*(before|after|around|approx|about|circa|ca\\.|c\\.|~)')")
        if guessed[0]:
            notes.append(f"{guessed[0]} date(s) in '{plan.mapping[f]}' are approximate (e.g. '{guessed[1]}'); the date "
                         "given was used.")
        future = one(con, f"select count(*) from hs_norm where {f} > ?::date + 366 or {f} < date '1990-01-01'",
                             [as_of])[0]
        if future:
            notes.append(f"{future} date(s) in '{plan.mapping[f]}' are before 1990 or more than a year in the future; "
                         "they were kept as written, check them.")
    # salaries, channels, remote types: parsed once per distinct text
    sal = [t for (t,) in con.execute("select distinct salary_text from hs_norm where salary_text is not null").fetchall()]
    parsed = [(t, *(lambda s: (s.min, s.max, s.currency, s.period) if s else (None, None, None, None))(parse_salary(t)))
              for t in sal]
    con.register("hs_sal_df", pd.DataFrame(parsed, columns=["salary_text", "salary_min", "salary_max", "salary_currency",
                                                            "salary_period"]).astype({"salary_min": "float64",
                                                                                      "salary_max": "float64"}))
    src = [t for (t,) in con.execute("select distinct source from hs_norm where source is not null").fetchall()]
    con.register("hs_src_df", pd.DataFrame([(t, channel_of(t)) for t in src], columns=["source", "channel"]))
    rem = [t for (t,) in con.execute("select distinct coalesce(remote_text, location) from hs_norm "
                                     "where coalesce(remote_text, location) is not null").fetchall()]
    con.register("hs_rem_df", pd.DataFrame([(t, remote_type_of(t)) for t in rem], columns=["txt", "remote_type"]))
    roles = con.execute("select distinct role, seniority from hs_norm where role is not null or seniority is not null").fetchall()
    con.register("hs_role_df", pd.DataFrame([(r, sen, role_family(r), seniority_of(r, sen)) for r, sen in roles],
                                            columns=["role", "seniority", "role_family", "seniority_level"]))
    # what notes say about how far it got, when the status does not say: the patterns run once per distinct
    # text (hs_notes), not once per row
    note_txt = "lower(coalesce(n.notes, '') || ' ' || coalesce(n.feedback, ''))"
    hints = [*NOTE_STAGE_HINTS, (NOTE_GHOST_HINT, "ghosted")]
    cols = ", ".join(f"regexp_matches(txt, {sql_str(p)}) as m{i}" for i, (p, _) in enumerate(hints))
    con.execute(f"""create or replace temp table hs_notes as select txt, {cols}
                    from (select distinct {note_txt} as txt from hs_norm n where notes is not null or feedback is not null)""")
    rung_hints = [(i, RUNG[st]) for i, (_, st) in enumerate(hints) if st in RUNG]
    note_rung = "case " + " ".join(f"when nt.m{i} then {r}" for i, r in sorted(rung_hints, key=lambda x: -x[1])) + " end"
    assess = next(i for i, (_, st) in enumerate(hints) if st == "assessment")
    ghost = len(hints) - 1
    referral = ("case when c.channel = 'Referral' then true else n.referral end" if plan.mapping.get("referral") is None
                else "n.referral")
    # identity: the tracker's own id where it has one, else what the row says plus its occurrence (the second
    # identical row is '2'). Occurrences are only numbered for the few key texts that repeat.
    material = ("lower(coalesce(company, '')) || '|' || lower(coalesce(role, '')) || '|' || "
                "lower(coalesce(url, '')) || '|' || coalesce(applied_on_text, '')")
    # (repeats found by a hash of the key text, then numbered by the text itself, only among those few rows)
    parts = "lower(company), lower(role), lower(url), applied_on_text"
    con.execute(f"""create or replace temp table hs_occ as
        select row_no, row_number() over (partition by {material} order by row_no) as occ
        from hs_norm where record_id is null and hash({parts}) in
             (select h from (select hash({parts}) as h from hs_norm where record_id is null) group by h
              having count(*) > 1)""")
    # one pass: the parsed values joined on, negative salaries emptied, the rung notes imply, the keys
    con.execute(f"""create or replace temp table hs_keyed as
        select q.*, md5(case when record_id is not null then {sql_str(plan.format)} || '|id|' || record_id || '|' ||
                              lower(coalesce(company, '')) || '|' || lower(coalesce(role, ''))
                         else {material} || '|' || coalesce(o.occ, 1)::varchar end) as app_key,
               hash({', '.join(_HASHED)})::varchar as content_hash
        from (
            select p.* replace (case when note_raised is not null then note_raised else stage end as stage,
                                case when note_ghost and outcome = 'active'
                                          and coalesce(note_raised, stage) = 'applied' then 'ghosted'
                                     else outcome end as outcome),
                   note_ghost and outcome = 'active' and coalesce(note_raised, stage) = 'applied' as note_ghosted
            from (
                select n.* replace ({referral} as referral),
                       case when s.salary_min < 0 then null else s.salary_min end as salary_min,
                       case when s.salary_min < 0 then null else s.salary_max end as salary_max,
                       s.salary_currency, s.salary_period, c.channel, r.remote_type, ro.role_family,
                       ro.seniority_level, coalesce(s.salary_min < 0, false) as salary_negative,
                       case when n.outcome <> 'hired' and {rung_sql('n.stage')} < {note_rung}
                            then {stage_of_rung_sql(note_rung)} end as note_raised,
                       coalesce(nt.m{assess}, false) as note_assessment, coalesce(nt.m{ghost}, false) as note_ghost
                from hs_norm n
                left join (select role::varchar as role, seniority::varchar as seniority,
                                  role_family::varchar as role_family, seniority_level::varchar as seniority_level
                           from hs_role_df) ro
                       on ro.role is not distinct from n.role and ro.seniority is not distinct from n.seniority
                left join (select salary_text::varchar as salary_text, salary_min::double as salary_min,
                                  salary_max::double as salary_max, salary_currency::varchar as salary_currency,
                                  salary_period::varchar as salary_period from hs_sal_df) s using (salary_text)
                left join (select source::varchar as source, channel::varchar as channel from hs_src_df) c using (source)
                left join (select txt::varchar as txt, remote_type::varchar as remote_type from hs_rem_df) r
                       on r.txt = coalesce(n.remote_text, n.location)
                left join hs_notes nt
                       on nt.txt = case when n.notes is not null or n.feedback is not null then {note_txt} end
            ) p
        ) q left join hs_occ o using (row_no)""")
    for name in ("hs_sal_df", "hs_src_df", "hs_rem_df", "hs_role_df"):
        con.unregister(name)
    con.execute("drop table if exists hs_occ")
    said = one(con, f"""select count(*) filter (where salary_negative),
        {", ".join(f"count(*) filter (where note_raised = '{st}'), arg_min(concat_ws(' / ', notes, feedback), row_no) filter (where note_raised = '{st}')"
                   for _, st in NOTE_STAGE_HINTS if st in RUNG)},
        count(*) filter (where note_ghosted), arg_min(concat_ws(' / ', notes, feedback), row_no) filter (where note_ghosted)
        from hs_keyed""")
    if said[0]:
        notes.append(f"{said[0]} salary value(s) are negative; left empty, the text is kept.")
    k = 1
    for _, st in NOTE_STAGE_HINTS:
        if st == "assessment":
            cond = "note_assessment and row_no not in (select row_no from hs_ev where stage = 'assessment')"
            cnt, ex = one(con, f"select count(*), arg_min(concat_ws(' / ', notes, feedback), row_no) from hs_keyed where {cond}")
            if cnt:
                con.execute(f"insert into hs_ev select row_no, 'assessment', null, 'from notes' from hs_keyed where {cond}")
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
        notes.append(f"{said[k]} application(s) counted as ghosted because their notes say so (e.g. '{said[k + 1][:80]}').")
    return notes


_HASHED = ["company", "role", "url", "source", "referral", "location", "remote_type", "salary_text", "seniority",
           "field", "rating", "applied_on", "stage", "outcome", "status_date", "status_label", "feedback", "notes",
           "description", "contact"]
# columns an import writes; a field the user edited in the app is never overwritten
_WRITTEN = ["company", "role", "url", "source", "channel", "referral", "location", "remote_type", "salary_text",
            "salary_min", "salary_max", "salary_currency", "salary_period", "seniority", "field", "rating",
            "applied_on", "stage", "outcome", "outcome_on", "status_label", "feedback", "notes", "description",
            "contact", "record_id", "feedback_requested", "feedback_received", "role_family", "seniority_level",
            "aligned"]


def run_import(con: duckdb.DuckDBPyConnection, plan: ImportPlan, options: ImportOptions | None = None) -> ImportResult:
    """Import what `inspect` decided, as one transaction. The database is untouched if anything fails."""
    options = options or ImportOptions()
    as_of = options.as_of or date.today()
    loaded = one(con, "select count(*) from information_schema.tables where table_name = 'hs_raw_source'")[0]
    same = loaded and one(con, "select sha256 = ? and path = ? from hs_raw_source",
                          [plan.source.sha256, str(plan.source.text_path)])[0]
    if not same:
        load_raw(con, plan.source)
    _apply_labels_table(con, plan)
    lines, notes = _build_norm(con, plan, options)
    notes += _finish_norm(con, plan, options, as_of)
    for t in ("hs_norm", "hs_norm0", "hs_v", "hs_sc0", "hs_sc", "hs_notes"):  # free memory early
        con.execute(f"drop table if exists {t}" if t != "hs_v" else "drop view if exists hs_v")
    no_name = con.execute("""select row_no, raw::varchar from hs_keyed where company is null and role is null
                             order by row_no""").fetchall()
    rejects = [{"line": ln, "raw": raw, "reason": reason} for ln, raw, reason in plan.rejects]
    for row_no, raw in no_name:
        rejects.append({"line": None, "row": row_no, "raw": raw, "reason": "no company or job title in this row"})
    if no_name:
        con.execute("delete from hs_keyed where company is null and role is null")
    # the same tracker record twice in one file (Huntr lists a job on several boards): keep the first
    in_file_dups = one(con, "select count(*) - count(distinct app_key) from hs_keyed where record_id is not null")[0]
    if in_file_dups:
        con.execute("""create or replace temp table hs_keyed as select * from hs_keyed
                   qualify row_number() over (partition by app_key order by row_no) = 1""")
    result = ImportResult(
        file=plan.source.name, format=plan.format, shape=plan.shape, rows_read=0, applications_added=0,
        applications_updated=0, duplicates_skipped=0, rows_rejected=len(rejects),
        rejects=[{"line": r["line"] if r["line"] is not None else r.get("row"), "reason": r["reason"]} for r in rejects],
        warnings=[*plan.warnings, *notes], unmapped_labels=plan.unmapped_labels, lines_read=lines + len(plan.rejects))
    con.execute("begin transaction")
    try:
        import_id = one(con, "select nextval('import_id_seq')")[0]
        con.execute("""create or replace temp table hs_match as
            select k.app_key, a.app_id, a.content_hash = k.content_hash as same, a.edited_fields
            from hs_keyed k join applications a using (app_key)""")
        unchanged, changed = one(con, "select count(*) filter (where same), count(*) filter (where not same) "
                                         "from hs_match")
        cols = ", ".join(_WRITTEN)
        src_cols = ", ".join("k.status_date" if c == "outcome_on" else f"k.{c}" for c in _WRITTEN)
        # a new application's id is the highest so far plus its row number
        base = one(con, "select coalesce(max(app_id), 0) from applications")[0]
        new_dups = _likely_duplicates_of_new_rows(con, base)
        added = one(con, f"""insert into applications (app_id, app_key, content_hash, {cols}, import_id, source_row, raw,
                                                    likely_duplicate_of)
            select {base} + k.row_no, k.app_key, k.content_hash, {src_cols}, ?, k.row_no, k.raw, d.first_id
            from hs_keyed k left join hs_dup d using (row_no)
            where k.app_key not in (select app_key from hs_match)""", [import_id])[0]
        if changed:
            sets = ", ".join(f"{c} = case when list_contains(a.edited_fields, '{c}') then a.{c} else k.{'status_date' if c == 'outcome_on' else c} end"
                             for c in _WRITTEN)
            con.execute(f"""update applications a set {sets}, content_hash = k.content_hash, raw = k.raw,
                            import_id = ?, updated_at = current_timestamp
                            from hs_keyed k join hs_match m using (app_key)
                            where a.app_key = k.app_key and not m.same""", [import_id])
            con.execute("""delete from stage_events where origin = 'import' and app_id in
                           (select app_id from hs_match where not same)""")
        con.execute(f"""insert into stage_events (app_id, stage, happened_on, raw_label, origin)
            select coalesce(m.app_id, {base} + k.row_no), e.stage, e.happened_on, e.raw_label, 'import'
            from hs_ev e join hs_keyed k using (row_no) left join hs_match m using (app_key)
            where m.app_key is null or not m.same""")
        likely = new_dups + (_flag_likely_duplicates(con, import_id) if changed else 0)
        for r in rejects:
            con.execute("insert into import_rejects values (?, ?, ?, ?)", [import_id, r["line"] if r["line"] is not None else r.get("row"),
                                                                          r["raw"][:2000], r["reason"]])
        prior = one(con, "select min(imported_at)::date from imports where sha256 = ?", [plan.source.sha256])[0]
        if prior:
            result.warnings.append(f"This exact file was imported before (on {prior}); nothing is added twice.")
        if likely:
            result.warnings.append(f"{likely} application(s) look like another one entered twice (same company and job "
                                   "link, or the same row twice); they are flagged for you to check, not merged.")
        result.applications_added = added
        result.applications_updated = changed
        result.duplicates_skipped = unchanged + in_file_dups
        result.rows_read = added + changed + result.duplicates_skipped + result.rows_rejected
        result.likely_duplicates = likely
        result.import_id = import_id
        mapping_json = json.dumps({"mapping": plan.mapping, "stage_columns": plan.stage_columns,
                                   "date_orders": plan.date_orders, "defaults": plan.defaults,
                                   "header": plan.source.header})
        con.execute("""insert into imports (import_id, file_name, sha256, format, shape, encoding, mapping, rows_read,
                       applications_added, applications_updated, duplicates_skipped, rows_rejected, warnings, unmapped_labels)
                       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [import_id, plan.source.name, plan.source.sha256, plan.format, plan.shape, plan.source.encoding,
                     mapping_json, result.rows_read, added, changed, result.duplicates_skipped, result.rows_rejected,
                     json.dumps(result.warnings), json.dumps(result.unmapped_labels)])
        if options.save_choices and plan.format == "generic" and any(r == "your choice" for r in plan.reasons.values()):
            sig = header_signature(plan.source.header)
            con.execute("delete from column_mappings where header_signature = ?", [sig])
            con.execute("insert into column_mappings (header_signature, mapping) values (?, ?)", [sig, mapping_json])
        if options.save_choices:
            for lab in plan.labels:
                if lab.rule == "your choice":
                    con.execute("delete from label_mappings where label = ?", [normalise_label(lab.label)])
                    con.execute("insert into label_mappings (label, stage, outcome) values (?, ?, ?)",
                                [normalise_label(lab.label), lab.stage, lab.outcome])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    finally:
        for t in ("hs_norm", "hs_norm0", "hs_keyed", "hs_match", "hs_ev", "hs_evraw", "hs_ev0", "hs_grp", "hs_dup",
                  "hs_sc0", "hs_sc", "hs_scout", "hs_dt_applied_on", "hs_dt_status_date", "hs_notes", "hs_occ"):
            con.execute(f"drop table if exists {t}")
        con.execute("drop view if exists hs_v")
    assert result.rows_read == result.applications_added + result.applications_updated + result.duplicates_skipped + result.rows_rejected
    return result


def _normal_url_sql(col: str) -> str:
    """A job link without scheme, 'www.', tracking parameters and trailing slashes (the parameter regex only runs
    on links that have parameters)."""
    u = f"regexp_replace(lower(trim({col})), '^https?://(www\\.)?', '')"
    return (f"regexp_replace(case when contains({u}, '?') then regexp_replace({u}, "
            f"'([?&](utm_[a-z]+|gh_src|ref|src|source|lever-source)=[^&#]*)', '', 'g') else {u} end, '[/?#&]+$', '')")


# what makes two applications likely the same: company and job link, or (no link) company, role and date
_DUP_KEY = (f"case when url is not null and company is not null then 'link|' || lower(trim(company)) || '|' || "
            f"{_normal_url_sql('url')} when url is null then 'row|' || coalesce(lower(trim(company)), '') || '|' || "
            "lower(trim(coalesce(role, ''))) || '|' || coalesce(applied_on::varchar, '') end")


def _likely_duplicates_of_new_rows(con, base: int) -> int:
    """hs_dup (row_no, first_id): the new rows that share company and job link (or company, role and date when
    there is no link) with an earlier application, stored or in this file, worked out before they are written
    (an UPDATE of a million stored rows afterwards cost more than the whole check). Returns how many."""
    con.execute(f"""create or replace temp table hs_dup as
        with u as (select app_id, null::bigint as row_no, {_DUP_KEY} as g from applications
                   union all
                   select {base} + row_no, row_no, {_DUP_KEY} from hs_keyed
                   where app_key not in (select app_key from hs_match)),
        firsts as (select g, min(app_id) as first_id from u where g is not null group by g having count(*) > 1)
        select u.row_no, f.first_id from u join firsts f using (g) where u.row_no is not null and u.app_id <> f.first_id""")
    return one(con, "select count(*) from hs_dup")[0]


def _flag_likely_duplicates(con, import_id: int) -> int:
    """Mark applications this import changed that share company and job link (or company, role and date when
    there is no link) with an earlier one. Returns how many of them are flagged."""
    changed = "a.app_id in (select app_id from hs_match where not same)"
    con.execute(f"""update applications a set likely_duplicate_of = d.first_id
        from (select app_id, min(app_id) over (partition by lower(trim(company)), {_normal_url_sql('url')}) as first_id
              from applications where url is not null and company is not null) d
        where a.app_id = d.app_id and d.first_id <> a.app_id and {changed}""")
    con.execute(f"""update applications a set likely_duplicate_of = d.first_id
        from (select app_id, min(app_id) over (partition by lower(trim(company)), lower(trim(coalesce(role, ''))),
                                                 coalesce(applied_on::varchar, '')) as first_id
              from applications where url is null) d
        where a.app_id = d.app_id and d.first_id <> a.app_id and {changed} and a.likely_duplicate_of is null""")
    return one(con, f"select count(*) from applications a where {changed} and likely_duplicate_of is not null")[0]


__all__ = ["BadInput", "ImportOptions", "ImportPlan", "ImportResult", "LabelInfo", "LADDER", "import_file", "inspect",
           "run_import"]
