"""Plan an import: read the file, decide every reading (format, shape, column roles, label meanings, date
orders, drafts), and total what it leads to. Nothing here writes to the database."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd

from analysis.domain import (
    ENDING_COLUMNS,
    LABEL_OUTCOMES,
    LADDER,
    NOT_APPLIED,
    OFFER_UNDECIDED_ASK_DAYS,
    OUTCOMES,
    RUNG,
    STAGES,
    normalise_label,
    status_meaning,
)
from analysis.facts import DEFAULT_GHOST_AFTER_DAYS, outcome_now_sql, reopened_sql
from analysis.ingest import dates as D
from analysis.ingest.columns import (
    DATE_FIELDS,
    FIELD_ALIASES,
    detect_format,
    format_by_name,
    guess_columns,
    header_legend,
    profile,
)
from analysis.ingest.original import lines_of_rows
from analysis.ingest.read import BadInput, SourceFile, load_raw, open_source, rows_table
from analysis.ingest.shapes import (
    rung_sql,
    timeline_column,
    timeline_steps_sql,
)
from analysis.ingest.values import (
    clean_sql,
    is_summary_row,
    job_and_company,
)
from analysis.sqlutil import one, sql_str

SAMPLE_ROWS = 2000


PREVIEW_ROWS = 10


# how a format and a shape are named to a person
FORMAT_NAMES_SHOWN = {"linkedin": "LinkedIn", "linkedin_saved": "LinkedIn (saved jobs)", "huntr": "Huntr",
                      "jobsync": "JobSync", "teal": "Teal-style", "simplify": "Simplify-style",
                      "generic": "spreadsheet"}


SHAPE_NAMES = {"status": "one row per application with a status", "stage_columns": "one column per stage",
               "edge_list": "an edge list (one row per step)", "event_log": "an event log"}


@dataclass
class ImportOptions:
    format: str = "auto"
    mapping: dict[str, str | None] | None = None  # field -> header (None removes a field)
    labels: dict[str, tuple[str, str]] | None = None  # status label -> (stage, outcome)
    date_order: str = "auto"  # auto, dmy, mdy
    year: int | None = None  # the year of dates written without one
    as_of: date | None = None
    ghost_after_days: int = DEFAULT_GHOST_AFTER_DAYS  # silence past this is ghosting, as in the report
    save_choices: bool = True  # remember the mapping and labels for files with the same header
    blank_status_no_answer: bool = False  # this file's choice: a blank status means no answer (ghosted), not open


@dataclass
class LabelInfo:
    label: str
    count: int
    stage: str
    outcome: str
    known: bool
    rule: str
    dated: int | None = None  # rows of the status column with this label that have an application date


@dataclass
class Decision:
    """One reading behind part of the outcome mix: '134 rejected: column Status = 'Denied''."""
    outcome: str
    count: int
    decided_by: str


@dataclass
class PlanTotals:
    """What applying the plan leads to, for the applications in this file: the outcome mix (as of a date, like
    the report), how many reached each rung, the decisions behind most of the mix, and questions to ask when the
    result looks unlike a job search."""
    applications: int
    not_applications: int
    outcomes: dict[str, int]
    reached: dict[str, int]
    decisions: list[Decision]
    questions: list[str]
    said_nothing: int = 0  # applications whose row records no answer at all (see ImportPlan.said_nothing)


@dataclass
class _Built:
    """What building the plan left in temp tables hs_keyed (one row per application) and hs_ev (its steps)."""
    token: str
    lines: int
    notes: list[str]
    rejects: list[dict]
    in_file_dups: int


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
    stage_kinds: dict[str, str] = field(default_factory=dict)  # stage column -> marker / date / count
    index_columns: list[str] = field(default_factory=list)  # row counters: a row holding only these is blank
    index_only_rows: int = 0
    blank_status_no_answer: bool = False
    numeric_dates: list[str] = field(default_factory=list)  # date columns written in numbers only (15/01, 01/15)
    # with no status column, headings between the rows ('REJECTED (5)') give the rows under them their status
    sections: bool = False
    # a column of each application's steps ('9/9 recruiter call; 9/19 rejected'): every step it names counts
    timeline: str | None = None
    # filled by plan_import: what the import leads to, before anything is written
    totals: PlanTotals | None = None
    # the temp tables plan_import built for this plan, which apply writes from (None once written, or never built)
    _built: _Built | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def noticed(self) -> list[str]:
        """Everything the plan noticed, before anything is written: the reading's warnings and what working out
        the applications found (dates guessed, steps read from notes, a column split into job and company)."""
        return [*self.warnings, *(self._built.notes if self._built else [])]

    @property
    def said_nothing(self) -> str | None:
        """What a row that records no answer looks like in this file ('an empty 'Status''), which the person may
        say means the company never answered (blank_status_no_answer); None where no row can say nothing."""
        if self.shape == "status" and self.mapping.get("status"):
            return f"an empty '{self.mapping['status']}'"
        return "a row with every stage column empty (or unticked)" if self.stage_columns else None

    @property
    def unmapped_labels(self) -> list[str]:
        return [lab.label for lab in self.labels if not lab.known]


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
    """The decisions, in order: the rows, the columns (a known export, a saved choice, or the evidence), the
    person's own mapping, the shape, the date order of each date column, the labels and what they mean."""
    read, blank, rejects = load_raw(con, src)
    if read == 0:
        raise BadInput(f"{src.name} has a header but no rows: add at least one application below the header.")
    header = src.header
    rejects = rejects + _header_again_rows(con, src)
    sample = con.execute(f"select * exclude (row_no) from hs_raw order by row_no limit {SAMPLE_ROWS}").fetchall()
    # a 'TOTAL,3,3,2' line under the table is refused later; its numbers say nothing of what a column holds
    sample = [r for r in sample if not is_summary_row(r)]
    samples = {h: [r[i] for r in sample if r[i] is not None] for i, h in enumerate(header)}
    warnings = list(src.warnings)
    if blank:
        warnings.append(f"Skipped {blank} empty row(s).")
    cols = _choose_columns(con, src, options, samples)
    _apply_user_mapping(cols, src, options.mapping or {})
    mapping, stage_columns = cols.mapping, cols.stage_columns
    if "status" in mapping and mapping["status"] in stage_columns:
        stage_columns.pop(mapping["status"])
    stage_kinds = {h: profile(samples.get(h) or []).kind for h in stage_columns}
    if "company" not in mapping and "role" not in mapping:
        shown = ", ".join(header[:12]) + ("…" if len(header) > 12 else "")
        raise BadInput(f"{src.name} has no column that could be a company or a job title (columns: {shown}). "
                       "Name one 'Company' or 'Role', or choose it in the mapping.")
    history = mapping.get("event")
    shape, event_cell_col = _choose_shape(con, header, mapping, stage_columns, samples)
    if history and "event" not in mapping and "notes" not in mapping:
        # a 'Log' or 'History' column whose cells are no steps is what the person wrote down: notes
        mapping["notes"], cols.reasons["notes"] = history, "a history column whose cells are not steps"
    if history and shape == "event_log" and mapping.get("event") != history:
        cols.reasons["event"] = "each row is a step of an application: this column says which"
        cols.reasons["notes"] = "the words of each step"
    sections = False
    if shape == "status" and "status" not in mapping and not cols.defaults.get("status"):
        found = section_headings(con, src)
        if found:
            sections = True
            rejects = rejects + found
            shown = ", ".join(f"'{raw.strip(src.delimiter + ' ')}'" for _, raw, _ in found[:4])
            warnings.append(f"Read {len(found)} section heading(s) between the rows ({shown}) as the status of the "
                            "rows under each; the rows above the first have none.")
    hint = (None if options.date_order == "auto" else options.date_order) or cols.date_order
    date_cols = [mapping[f] for f in DATE_FIELDS if f in mapping] + [h for h in stage_columns
                                                                      if stage_kinds.get(h) == "date"]
    numeric_dates: list[str] = []
    date_orders = _decide_date_orders(con, header, date_cols, hint, warnings, numeric_dates)
    labels = _read_labels(con, header, mapping, shape, event_cell_col, options, warnings)
    if sections:
        rows = con.execute("""select s.label, count(*) from hs_raw r asof join hs_sections s on r.row_no >= s.row_no
                              group by 1 order by 2 desc""").fetchall()
        labels = _meanings(con, rows, options)
    if shape == "status" and "status" not in mapping and cols.defaults.get("status"):
        # an export whose every row has the same status by what the export is (a saved-jobs list)
        labels = _meanings(con, [(cols.defaults["status"], read, 0)], options)
    if "beside" in cols.reasons:
        warnings.append(cols.reasons["beside"])
    preview = pd.DataFrame(sample[:PREVIEW_ROWS], columns=header) if sample else pd.DataFrame(columns=header)
    index_only = _drop_index_only_rows(con, header, cols.index_columns)
    if index_only:
        warnings.append(f"Skipped {index_only} row(s) that hold nothing but a number in '{cols.index_columns[0]}' "
                        "(rows numbered in advance, never filled in).")
    return ImportPlan(src, cols.format_name, shape, mapping, stage_columns, cols.reasons, cols.defaults, date_orders,
                      labels, read - index_only, blank + index_only, rejects, warnings, preview, cols.from_saved,
                      stage_kinds, cols.index_columns, index_only,
                      blank_status_no_answer=options.blank_status_no_answer, numeric_dates=numeric_dates,
                      sections=sections, timeline=event_cell_col)


@dataclass
class _Columns:
    format_name: str
    mapping: dict[str, str]
    stage_columns: dict[str, str]
    reasons: dict[str, str]
    defaults: dict[str, str]
    index_columns: list[str]
    from_saved: bool = False
    date_order: str | None = None


def _choose_columns(con, src: SourceFile, options: ImportOptions, samples: dict[str, list[str]]) -> _Columns:
    """A known export by its exact header (or the one asked for); else the choices saved for this header; else
    the evidence of the names and cells (columns.guess_columns)."""
    header = src.header
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
    if fmt:
        mapping = {f: h for f, h in fmt.mapping.items() if h in header}
        return _Columns(fmt.name, mapping, {}, {f: f"the {fmt.name} export's column" for f in mapping},
                        dict(fmt.defaults), [], date_order=fmt.date_order)
    guess = guess_columns(header, samples)
    cols = _Columns("generic", guess.mapping, guess.stage_columns, guess.reasons, {}, guess.index_columns)
    saved = one(con, "select mapping from column_mappings where header_signature = ? order by saved_at desc limit 1",
                [header_signature(header)])
    if saved:
        stored = json.loads(saved[0])
        cols.mapping = {f: h for f, h in stored.get("mapping", {}).items() if h in header}
        cols.stage_columns = {h: s for h, s in stored.get("stage_columns", {}).items() if h in header}
        cols.reasons = {f: "your saved choice for this header" for f in cols.mapping}
        cols.from_saved = True
    return cols


def _apply_user_mapping(cols: _Columns, src: SourceFile, user: dict[str, str | None]) -> None:
    """The person's own choices (the Upload page, or --mapping): field -> column, or 'stage:<column>' -> stage.
    A column the file does not have, or a stage that does not exist, is bad input: nothing is guessed around it."""
    header = src.header
    for f, h in user.items():
        if f.startswith("stage:"):
            col = f.split(":", 1)[1]
            if col not in header:
                raise BadInput(f"The mapping names a stage column '{col}' that {src.name} does not have.")
            if h and h not in STAGES and h not in ENDING_COLUMNS:
                raise BadInput(f"The mapping gives column '{col}' the stage '{h}'; stages are: {', '.join(STAGES)} "
                               f"(or how it ended: {', '.join(ENDING_COLUMNS)}).")
            if h:
                cols.stage_columns[col] = h
                cols.reasons[f"stage:{col}"] = "your choice"
            else:
                cols.stage_columns.pop(col, None)
            continue
        if f not in FIELD_ALIASES:
            raise BadInput(f"Unknown field '{f}' in the mapping; fields are: {', '.join(FIELD_ALIASES)}.")
        if h is None or h == "":
            cols.mapping.pop(f, None)
        elif h not in header:
            raise BadInput(f"The mapping names a column '{h}' that {src.name} does not have.")
        else:
            cols.mapping[f] = h
            cols.reasons[f] = "your choice"
            cols.stage_columns.pop(h, None)


def _choose_shape(con, header, mapping, stage_columns, samples) -> tuple[str, str | None]:
    """edge_list (Source + Target), stage_columns (steps and no status column), event_log (repeated keys or
    timeline cells), else status (stage columns beside a status column only raise the furthest stage). Returns the
    shape and the timeline column ('9/9 recruiter call; 9/19 rejected'), whose steps count in any shape."""
    event_cell_col = mapping["event"] if "event" in mapping and timeline_column(con, _col(header, mapping["event"])) \
        else None
    if "edge_from" in mapping and "edge_to" in mapping:
        return "edge_list", None
    if (not event_cell_col and not stage_columns and "event" in mapping and "status" in mapping
            and _steps_by_row(con, header, mapping)):
        # an activity log: each row a step of an application, its words ('Call with Jen') beside its kind ('Phone
        # Screen'): the kind is the step, the words are notes
        described = mapping.pop("event")
        mapping["event"] = mapping.pop("status")
        mapping.setdefault("notes", described)
        return "event_log", None
    if not event_cell_col:
        mapping.pop("event", None) if (stage_columns or "status" in mapping) else None
    if stage_columns and "status" not in mapping:
        return "stage_columns", event_cell_col  # 'date|EVENT' cells beside stage columns add their steps
    if "status" not in mapping and (event_cell_col or ("event" in mapping and _repeats(con, header, mapping))):
        return "event_log", event_cell_col
    if not event_cell_col:
        mapping.pop("event", None)
    return "status", event_cell_col  # beside a status column, 'date|EVENT' cells add steps; the status decides


def _decide_date_orders(con, header, date_cols, hint, warnings: list[str],
                        numeric: list[str] | None = None) -> dict[str, str]:
    """Day-first or month-first per date column from the evidence in that column; where it cannot tell, the
    file's other date columns decide, and the guess is said. `numeric` gets the columns that write dates with
    numbers only (15/01, 01/15), where the order matters at all."""
    decided = {h: D.decide_order(con, _col(header, h), "hs_raw", hint) for h in date_cols}
    if numeric is not None:
        numeric.extend(h for h, (_, _, prof) in decided.items() if prof["numeric"])
    sure = [o for o, why, prof in decided.values() if why is None and (prof["day_first"] or prof["month_first"])]
    orders: dict[str, str] = {}
    for h, (order, why, prof) in decided.items():
        if why and sure and "mixes" not in why:
            order, why = sure[0], None
            if prof["numeric"]:
                warnings.append(f"Dates in '{h}' fit both day-first and month-first; read them like the file's other "
                                f"date columns ({'day-first' if order == 'dmy' else 'month-first'}).")
        elif why:
            warnings.append(f"'{h}' {why}.")
        orders[h] = order
    return orders


def _read_labels(con, header, mapping, shape, event_cell_col, options, warnings: list[str]) -> list[LabelInfo]:
    """Every distinct label of the status-like columns (status and first response, or the event column) with
    what it means; a label no rule knows is kept, counted and named in a warning."""
    label_cols = {"status": [mapping.get("status"), mapping.get("first_response")],
                  "stage_columns": [mapping.get("first_response")], "edge_list": [],
                  "event_log": [mapping.get("event")]}[shape]
    label_cols = [c for c in label_cols if c and c != event_cell_col]
    labels: list[LabelInfo] = []
    if label_cols:
        # the status column's rows also say whether they have an application date (for the drafts rule), in the
        # same pass that counts the labels
        date_h = mapping.get("applied_on")
        dated = f"({clean_sql(_col(header, date_h))} is not null)" if date_h else "false"
        # a row with no company and no job is refused (a 'Total' line): its cells are no status
        named = [clean_sql(_col(header, mapping[f])) for f in ("company", "role") if mapping.get(f)]
        where = f" where coalesce({', '.join(named)}) is not null" if named else ""
        union = " union all ".join(f"select {_col(header, c)} as l, {dated if c == mapping.get('status') else 'false'} "
                                   f"as d from hs_raw{where}" for c in label_cols)
        rows = con.execute(f"""select {clean_sql('l')} as label, sum(n), sum(dated) from
                                   (select l, count(*) as n, count(*) filter (where d) as dated from ({union})
                                    group by 1)
                               group by 1 having label is not null order by 2 desc""").fetchall()
        legend = {code: (words, c) for c in label_cols for code, words in header_legend(c).items()}
        labels = _drafts_by_dates(mapping, _meanings(con, rows, options, legend))
    unknown = [lab for lab in labels if not lab.known]
    if event_cell_col:
        c = _col(header, event_cell_col)
        rows = con.execute(f"""select label, count(*) from ({timeline_steps_sql('hs_raw', c)})
                               group by label order by 2 desc""").fetchall()
        known = {lab.label for lab in labels}
        steps = [lab for lab in _meanings(con, rows, options) if lab.label not in known]
        labels += steps
        if shape == "event_log":
            unknown += [lab for lab in steps if not lab.known]
        elif any(not lab.known for lab in steps):
            shown = ", ".join([f"'{lab.label}' ({lab.count})" for lab in steps if not lab.known][:6])
            warnings.append(f"Steps in '{event_cell_col}' Hindsight does not read: {shown}. They add no step until "
                            "you say what they mean under 'Status labels'.")
    if unknown and all(_legend_code(lab.label) for lab in unknown):
        codes = ", ".join(f"'{lab.label}'" for lab in sorted(unknown, key=lambda lab: int(_legend_code(lab.label))))
        warnings.append(f"The status column holds numbers ({codes}) and its header does not say what they mean. Say "
                        "what each one means under 'Status labels', or write the legend in the header "
                        "('Stage (1=applied 2=screen 3=interview)'); until then they count as applied and still "
                        "active.")
    elif unknown:
        shown = ", ".join(f"'{lab.label}' ({lab.count})" for lab in unknown[:8])
        warnings.append(f"{len(unknown)} status label(s) Hindsight does not know: {shown}. They are kept and counted "
                        "as applied and still active until you map them.")
    return labels


def _header_again_rows(con, src: SourceFile) -> list[tuple[int | None, str, str]]:
    """Rows that repeat the header (blocks of a sheet pasted one under another): every filled cell is its own
    column's name, two at least. Taken out of the rows read, as rejects (line, text, reason)."""
    n = len(src.header)
    filled = " + ".join(f"({clean_sql(f'c{i}')} is not null)::int" for i in range(n))
    same = " and ".join(f"({clean_sql(f'c{i}')} is null or lower({clean_sql(f'c{i}')}) = {sql_str(h.lower())})"
                        for i, h in enumerate(src.header))
    # a cheap look first, the full rule only on the few rows it finds: a copied header row holds the names of the
    # first two named columns (looking at every cell of a million rows took half a second)
    named = [(i, h) for i, h in enumerate(src.header) if not re.fullmatch(r"Column \d+", h)][:2]
    if not named:
        return []
    maybe = " or ".join(f"c{i} ilike {sql_str(v)}" for i, h in named for v in (h, h + " ", " " + h))
    candidates = [r for (r,) in con.execute(f"select row_no from hs_raw where {maybe}").fetchall()]
    if not candidates:
        return []
    rows = con.execute(f"select row_no, concat_ws({sql_str(src.delimiter)}, " + ", ".join(
        f"coalesce(c{i}, '')" for i in range(n)) + f") from hs_raw where list_contains(?, row_no) and {filled} >= 2 "
        f"and {same}", [candidates]).fetchall()
    if not rows:
        return []
    lines = lines_of_rows(con, src, [r for r, _ in rows])
    rows_table(con)
    con.execute("delete from hs_raw where list_contains(?, row_no)", [[r for r, _ in rows]])
    return [(lines.get(r), raw, "the header row again, not an application") for r, raw in rows]


# a heading's count or its trimmings: 'REJECTED (5)', 'No response: 4', '— Interviewing —'
_HEADING_TRIM = re.compile(r"^[\W_]+|[\s:–—-]*(\(\s*\d+\s*\)|\[\s*\d+\s*\]|[:–—-]\s*\d+)?[\W_]*$")


def _heading_label(text: str) -> str | None:
    """The status a section heading names ('REJECTED (5)' -> 'REJECTED'), or None for any other lone cell: a
    heading is a few words a status rule knows, with no other numbers (a company alone on its row is no heading)."""
    label = _HEADING_TRIM.sub("", text.strip())
    if not label or re.search(r"\d", label) or len(label.split()) > 4 or status_meaning(label) is None:
        return None
    return label


def section_headings(con, src: SourceFile) -> list[tuple[int | None, str, str]]:
    """Rows that hold one cell naming a status ('REJECTED (5)', 'Interviewing:') in a file with no status column:
    headings of sections. They go into hs_sections (row, label) and out of the rows read, as refused rows (line,
    text, reason). Two headings at least, or one that looks like one (capitals, a count, a colon)."""
    n = len(src.header)
    filled = " + ".join(f"({clean_sql(f'c{i}')} is not null)::int" for i in range(n))
    lone = con.execute(f"select row_no, coalesce({', '.join(f'c{i}' for i in range(n))}) from hs_raw "
                       f"where {filled} = 1 order by row_no").fetchall()
    found = [(r, t, lab) for r, t in lone if (lab := _heading_label(t))]
    if not found or (len(found) == 1 and not re.search(r"^[^a-z]*[A-Z]{3}[^a-z]*$|\d\s*\)|:\s*$", found[0][1].strip())):
        return []
    con.execute("create or replace temp table hs_sections (row_no bigint, label varchar)")
    con.executemany("insert into hs_sections values (?, ?)", [[r, lab] for r, _, lab in found])
    lines = lines_of_rows(con, src, [r for r, _, _ in found])
    rows_table(con)
    con.execute("delete from hs_raw where row_no in (select row_no from hs_sections)")
    return [(lines.get(r), t, f"a section heading: the rows under it are read as '{lab}'") for r, t, lab in found]


def _drop_index_only_rows(con, header: list[str], index_columns: list[str]) -> int:
    """A row whose only content is a row counter ('Number' 101..200 under the last real application) is blank."""
    if not index_columns:
        return 0
    others = [f"c{i}" for i, h in enumerate(header) if h not in index_columns]
    if not others:
        return 0
    empty = " and ".join(f"{clean_sql(c)} is null" for c in others)
    n = one(con, f"select count(*) from hs_raw where {empty}")[0]
    if n:
        rows_table(con)
        con.execute(f"delete from hs_raw where {empty}")
    return n


def _drafts_by_dates(mapping, labels: list[LabelInfo]) -> list[LabelInfo]:
    """Evidence rule 'a draft has no date': a label used only on rows without an application date, in a file where
    (nearly) every other row has one, marks jobs saved or drafted, not applications ('open' in a notes app).
    The person's own choice for a label always stands."""
    if not mapping.get("status") or not mapping.get("applied_on") or not labels:
        return labels
    total_n = sum(lab.count for lab in labels if lab.dated is not None)
    total_dated = sum(lab.dated or 0 for lab in labels)
    out = []
    for lab in labels:
        n, dated = lab.count, lab.dated
        rest_n, rest_dated = total_n - n, total_dated - (dated or 0)
        if (n and dated == 0 and rest_n >= 4 * n and rest_dated >= 0.8 * rest_n and lab.outcome == "active"
                and lab.stage == "applied" and lab.rule not in ("your choice", "your saved choice")):
            lab = LabelInfo(lab.label, lab.count, "applied", NOT_APPLIED, True,
                            f"no application date on its {n} row(s), {rest_dated} of the other {rest_n} have one: "
                            "saved or drafted, not sent", dated)
        out.append(lab)
    return out


def _steps_by_row(con, header, mapping) -> bool:
    """Whether most rows are one step of an application written over several rows: their company and job repeat,
    with another status on each (more than half the rows); a company applied to twice is not that."""
    keys = [clean_sql(_col(header, mapping[f])) for f in ("company", "role") if mapping.get(f)]
    if not keys:
        return False
    key = " || '|' || ".join(f"lower(coalesce({k}, ''))" for k in keys)
    status = clean_sql(_col(header, mapping["status"]))
    n, stepped = one(con, f"""select sum(n), sum(n) filter (where n > 1 and labels > 1) from
                              (select {key} as k, count(*) as n, count(distinct {status}) as labels from hs_raw
                               group by 1)""")
    return bool(n) and (stepped or 0) > 0.5 * n


def _repeats(con, header, mapping) -> bool:
    key = mapping.get("record_id") or mapping.get("company")
    if not key:
        return False
    c = _col(header, key)
    n, d = one(con, f"select count({c}), count(distinct {c}) from hs_raw")
    return n > d


def _meanings(con, rows, options: ImportOptions,
              legend: dict[str, tuple[str, str]] | None = None) -> list[LabelInfo]:
    """What each label means: the person's choice for this import, the legend in its column's header ('3' in
    'Stage (… 3=interview …)'), a choice saved before, the status rules; else unknown (kept, counted as active)."""
    saved = {normalise_label(lab): (s, o) for lab, s, o in
             con.execute("select label, stage, outcome from label_mappings order by saved_at").fetchall()}
    chosen = {normalise_label(k): v for k, v in (options.labels or {}).items()}
    legend = legend or {}
    out = []
    for label, count, *_ in rows:
        key = normalise_label(label)
        code = _legend_code(label)
        if key in chosen:
            s, o = chosen[key]
            out.append(LabelInfo(label, count, s, o, True, "your choice"))
        elif code in legend:
            words, h = legend[code]
            m = status_meaning(words)
            said = f"'{label}' = '{words}' by the legend in the header '{h}'"
            out.append(LabelInfo(label, count, m.stage, m.outcome, True, said) if m else
                       LabelInfo(label, count, "applied", "active", False, said + ", which Hindsight does not know"))
        elif key in saved:
            s, o = saved[key]
            out.append(LabelInfo(label, count, s, o, True, "your saved choice"))
        else:
            m = status_meaning(label)
            if m:
                out.append(LabelInfo(label, count, m.stage, m.outcome, True, m.rule))
            else:
                out.append(LabelInfo(label, count, "applied", "active", False, "unknown"))
    for info, (_, _, *rest) in zip(out, rows, strict=True):
        info.dated = rest[0] if rest else None
        if info.stage not in STAGES or info.outcome not in LABEL_OUTCOMES:
            raise BadInput(f"The label '{info.label}' is mapped to an unknown stage or outcome ({info.stage}, "
                           f"{info.outcome}).")
    return out


def _legend_code(label: str) -> str:
    v = str(label).strip()
    v = v[:-2] if v.endswith(".0") else v
    return str(int(v)) if v.isdigit() and len(v) <= 2 else ""


def _totals(con, plan: ImportPlan, options: ImportOptions) -> PlanTotals:
    """The plan's totals over hs_keyed and hs_ev, by the report's own rules (facts.outcome_now_sql): the outcome
    mix as of the date and the ghosting threshold, how many reached each rung (an offer implies every rung
    before it), and the readings behind most of the outcome mix."""
    as_of = options.as_of or date.today()
    params = {"as_of": as_of, "ghost_after_days": options.ghost_after_days}
    con.execute(f"""create or replace temp table hs_plan as
        with ev as (select row_no, max({rung_sql('stage')}) as r, max(happened_on) as last_ev from hs_ev group by 1),
        k as (select k.row_no, k.outcome_decided_by as outcome_by, k.said_nothing, k.company,
                     greatest({rung_sql('k.stage')}, coalesce(ev.r, 0)) as rung,
                     {reopened_sql('k.outcome', 'ev.last_ev', 'k.status_date', 'k.applied_on')} as outcome,
                     greatest(k.applied_on, k.status_date, ev.last_ev) as last_activity_on
              from hs_keyed k left join ev using (row_no) where k.outcome <> '{NOT_APPLIED}')
        select row_no, rung, outcome_by, said_nothing, company, last_activity_on,
               {outcome_now_sql('outcome', 'rung', 'last_activity_on')} as outcome_now,
               outcome <> {outcome_now_sql('outcome', 'rung', 'last_activity_on')} as by_silence
        from k""", params)
    n, saved = one(con, f"select (select count(*) from hs_plan), (select count(*) from hs_keyed where outcome = "
                        f"'{NOT_APPLIED}')")
    outcomes = dict.fromkeys(OUTCOMES, 0)
    outcomes.update(dict(con.execute("select outcome_now, count(*) from hs_plan group by 1").fetchall()))
    counts = one(con, "select " + ", ".join(f"count(*) filter (where rung >= {i})" for i in range(len(LADDER)))
                 + ", count(*) filter (where said_nothing), count(*) filter (where said_nothing and outcome_now = "
                   "'active' and last_activity_on is null), count(*) filter (where not said_nothing and outcome_now = "
                   "'active' and last_activity_on is null) from hs_plan")
    reached = {st: int(n) for st, n in zip(LADDER, counts[:len(LADDER)], strict=True)}
    said, undated, open_undated = counts[len(LADDER):]
    rows = con.execute("""select outcome_now, case when by_silence then 'no news for more than the ghosting '
                                  || 'threshold (Settings)' else outcome_by end as why, count(*) as n
                          from hs_plan group by all order by n desc, why limit 12""").fetchall()
    decisions = [Decision(o, c, why or "") for o, why, c in rows]
    totals = PlanTotals(n, saved, outcomes, reached, decisions, [], said)
    totals.questions = (_missing_columns(plan) + _sanity_questions(con, plan, totals, as_of)
                        + _open_for_ever(con, plan, as_of, undated, n, open_undated))
    con.execute("drop table if exists hs_plan")
    return totals


def _sanity_questions(con, plan: ImportPlan, totals: PlanTotals, as_of: date) -> list[str]:
    """One-line questions when the plan looks unlike a job search, each naming the reading behind it."""
    qs: list[str] = []
    n = totals.applications
    if not n:
        return qs
    rejected = totals.outcomes.get("rejected", 0)
    if rejected >= 0.8 * n and n >= 10:
        undated = one(con, """select count(*) from hs_keyed where outcome = 'rejected' and status_date is null
                                and feedback is null and notes is null""")[0]
        top = next((d for d in totals.decisions if d.outcome == "rejected"), None)
        if undated >= 0.5 * rejected:
            qs.append(f"{rejected} of {n} applications would count as rejected, most without a date or a word of "
                      f"feedback{f' (mostly {top.decided_by})' if top else ''}. Is that how it went? If not, change "
                      "what that column or label means.")
    still_open = totals.outcomes.get("active", 0) + totals.outcomes.get("ghosted", 0)
    latest = one(con, "select max(applied_on) from hs_keyed")[0]
    if latest is not None and (as_of - latest).days <= 60 and n >= 10 and still_open == 0:
        qs.append("Nothing in this file is still waiting for an answer, though its latest application is recent. "
                  "Does a blank or a 'No' mean 'no answer yet' here?")
    told, example = one(con, """select count(*), arg_min(concat_ws(' / ', notes, feedback), row_no) from hs_keyed
                                where note_end_unread and outcome = 'active'""")
    if told:
        qs.append(f"{told} application(s) have nothing that says they ended, though their notes say how (e.g. "
                  f"'{example[:80]}'). They count as still open: add a status column, or set it on the Data page once "
                  "imported.")
    stages = list(totals.reached.items())
    for (lo_st, lo), (hi_st, hi) in zip(stages, stages[1:], strict=False):
        if hi > lo:
            qs.append(f"More applications reached {hi_st} ({hi}) than {lo_st} ({lo}). Check the stage columns.")
    return qs


def _missing_columns(plan: ImportPlan) -> list[str]:
    """A question where no column was read as the company: every application would be nameless, which no number
    shows (a file with no job title is common, one with no company is a column Hindsight did not recognise)."""
    if plan.mapping.get("company"):
        return []
    role = plan.mapping.get("role")
    if role and role in plan.preview.columns:
        # a job column whose cells also name the company ('Senior Data Analyst - Spotify'): say how to split it
        cells = [str(v) for v in plan.preview[role].dropna().tolist() if str(v).strip()]
        split = [c for c in cells if job_and_company(c, loose=True)]
        if cells and len(split) >= 0.6 * len(cells):
            return [f"No column was read as the company, yet '{role}' seems to hold the job and the company together "
                    f"(e.g. '{split[0]}'). To read each cell as both, choose '{role}' as the company too under "
                    "'Which column is what'."]
    used = set(plan.mapping.values()) | set(plan.stage_columns)
    left = [h for h in plan.source.header if h not in used][:6]
    shown = f" (not used: {', '.join(repr(h) for h in left)})" if left else ""
    return [f"No column was read as the company, so every application's company would be empty. Which column holds "
            f"it{shown}? Choose it under 'Which column is what'."]


def _open_for_ever(con, plan: ImportPlan, as_of: date, undated: int, n: int, open_undated: int = 0) -> list[str]:
    """Questions about applications that would count as open for ever, over hs_plan: silence is measured from the
    last date, so a row with no date and nothing said (`undated` of them) can never turn silent, nor can an open
    one with no date (`open_undated`: 'Applied', undated), and an offer is never ghosted. (n: the applications in
    the plan)"""
    qs: list[str] = []
    if undated and not plan.blank_status_no_answer and (undated >= 3 or undated == n):
        qs.append(f"{undated} of {n} applications record no answer and no date: with no date to measure silence "
                  f"from, they count as still open for ever. If {plan.said_nothing} means the company never "
                  "answered, say so for this file.")
    if open_undated and (open_undated >= 3 or open_undated == n):
        dated = [plan.mapping[f] for f in DATE_FIELDS if plan.mapping.get(f)]
        where = (f"no date in {' or '.join(repr(h) for h in dated)}" if dated
                 else "no date: no column was read as the date applied")
        qs.append(f"{open_undated} of {n} applications are still open with {where}. With no date to measure silence "
                  "from, they count as open for ever. "
                  + ("Add their dates if you can." if dated
                     else "If a column holds the date, choose it under 'Which column is what'."))
    offers = con.execute("""select count(*) over (), company, last_activity_on from hs_plan
                            where outcome_now = 'active' and rung >= ? and last_activity_on < ?::date - ?::integer
                            order by last_activity_on, row_no limit 1""",
                         [RUNG["offer"], as_of, OFFER_UNDECIDED_ASK_DAYS]).fetchone()
    if offers:
        k, company, on = offers
        oldest = f"the oldest{f' ({company})' if company else ''} last dated {on:%-d %b %Y}"
        qs.append(f"{k} offer(s) have had no news for more than {OFFER_UNDECIDED_ASK_DAYS} days, {oldest}, "
                  "and count as still open, since an offer is never ghosted. Did you accept or decline? Say so in the "
                  "file, or on the Data page once imported.")
    return qs
