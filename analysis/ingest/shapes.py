"""The four shapes a tracker comes in, each turned into one row per application (hs_norm) and its
stage events (hs_ev).

- status: one row per application, one status column (also: no status at all, as in LinkedIn's export);
- stage_columns: one column per stage holding Y/N/G, yes, or dates;
- edge_list: Company,Source,Target, one row per transition, company sometimes only on a chain's first row;
- event_log: one row per step with its date, or one cell holding 'date|EVENT;date|EVENT'.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from analysis.domain import (
    EDGE_STARTS,
    EDGE_TERMINALS,
    ENDING_COLUMNS,
    GHOST_VALUES,
    LADDER,
    NO_VALUES,
    RUNG,
    YES_VALUES,
    normalise_label,
    stage_of_header,
    stage_of_node,
    status_meaning,
)
from analysis.ingest.dates import IN_TEXT as D_IN_TEXT
from analysis.ingest.dates import MON_WORD as D_IN_TEXT_MONTH
from analysis.ingest.dates import date_sql
from analysis.ingest.values import clean_sql
from analysis.sqlutil import sql_str

EVENT_CELL = re.compile(r"^\s*[^|;]+\|[^|;]+(;\s*[^|;]+\|[^|;]+)*;?\s*$")

# A cell that tells an application's story, step by step: an export's 'date|EVENT;date|EVENT', or as a person
# types it: '9/9 recruiter call; 9/19 rejected', 'Applied 3/1 -> Screen 3/8 -> Rejected', one step per line.
# The steps are split at ';', a line break or an arrow, and at a comma that a date follows ('3/1 applied, 3/8
# screen'); a step's date is written before its words or after them.
_STEP_SPLIT = r"\s*(;|\n|\r|->|→|=>|»|•|\s>\s)\s*"
_DATE_AHEAD = r",\s*(\d{1,4}[/.-]\d|" + D_IN_TEXT_MONTH + r"\.? \d)"
_STEP_PIPE = r"^([^|]+)\|(.+)$"
_DATE = re.sub(r"(?<!\\)\((?!\?)", "(?:", D_IN_TEXT)  # its groups not captured (RE2 extracts groups 0-9 only)
_STEP_DATE_FIRST = r"(?i)^(" + _DATE + r")\s*[:,–—-]?\s+(.*[^\s:,–—-].*)$"
_STEP_DATE_LAST = (r"(?i)^(.*?[^\s:,(@–—-])\s*[:,(@–—-]?\s*(?:on |am |le |el |il |op )?(" + _DATE
                   + r")\)?\.?$")


def timeline_steps_sql(relation: str, col: str) -> str:
    """SQL: the steps of the timeline cells in `col` of `relation` (which has row_no): row_no, pos (the step's
    place in its cell), d (the date as written, or NULL) and label (the step's words, read like a status)."""
    first, last, pipe = sql_str(_STEP_DATE_FIRST), sql_str(_STEP_DATE_LAST), sql_str(_STEP_PIPE)
    return f"""select * from (select row_no, pos,
                      case when regexp_full_match(x, {pipe}) then trim(regexp_extract(x, {pipe}, 1))
                           when regexp_full_match(x, {first}) then regexp_extract(x, {first}, 1)
                           when regexp_full_match(x, {last}) then regexp_extract(x, {last}, 2) end as d,
                      nullif(trim(case when regexp_full_match(x, {pipe}) then regexp_extract(x, {pipe}, 2)
                                       when regexp_full_match(x, {first}) then regexp_extract(x, {first}, 2)
                                       when regexp_full_match(x, {last}) then regexp_extract(x, {last}, 1)
                                       else x end, ' :,.()–—-'), '') as label
               from (select row_no, unnest(parts) as x, generate_subscripts(parts, 1) as pos
                     from (select row_no, string_split_regex(
                                  regexp_replace(trim({col}), {sql_str(_DATE_AHEAD)}, ';\\1', 'gi'),
                                  {sql_str(_STEP_SPLIT)}) as parts
                           from {relation} where {col} is not null))
               where trim(x) <> '') where regexp_matches(label, '[^\\W\\d_]')"""


def timeline_column(con, col: str) -> bool:
    """Whether the cells of `col` (in hs_raw) tell each application's steps: 4 in 5 of them an export's
    'date|EVENT;...', or half of them holding a step read like a status and half of them dated or of several
    steps. (A column of one undated word per row is an event log's own rows, or a status.)"""
    sample = f"(select row_no, {col} from hs_raw where {col} is not null and trim({col}) <> '' limit 200)"
    cells = [v for (v,) in con.execute(f"select {col} from {sample}").fetchall()]
    if not cells:
        return False
    if sum(1 for v in cells if EVENT_CELL.match(v)) >= 0.8 * len(cells):
        return True
    steps = con.execute(f"select row_no, d, label from ({timeline_steps_sql(sample, col)})").fetchall()
    read = {r for r, _, label in steps if status_meaning(label)}
    per_cell = Counter(r for r, _, _ in steps)
    told = {r for r, d, _ in steps if d is not None or per_cell[r] > 1}
    return len(read) >= 0.5 * len(cells) and len(told) >= 0.5 * len(cells)


def _in(values) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values))


def rung_sql(stage_expr: str) -> str:
    arms = " ".join(f"when '{s}' then {i}" for s, i in RUNG.items())
    return f"(case {stage_expr} {arms} else 0 end)"


def stage_of_rung_sql(rung_expr: str) -> str:
    arms = " ".join(f"when {i} then '{s}'" for s, i in RUNG.items())
    return f"(case {rung_expr} {arms} end)"


def _said(header: str, value_sql: str) -> str:
    """SQL: "<header> = '<cell>'", the cell that decided something, kept as the application's decided_by."""
    return "(" + sql_str(header + " = '") + " || " + value_sql + " || '''')"


_SAYS_NOTHING = frozenset({"0", "false"})  # in a stage column: not yet, as much as no


def stage_columns_tables(con, stage_cols: dict[str, str], kinds: dict[str, str], headers: dict[str, str],
                         flags: dict[str, str], date_orders: dict[str, str]) -> str:
    """Build hs_scout (one row per application: the furthest stage the stage columns reached, the outcome they
    say when nothing else does, and the cell behind each) and hs_colev (one event per reached stage column).

    stage_cols: column -> stage, or an ending (domain.ENDING_COLUMNS) for a column that says how it ended; kinds:
    column -> marker / date / count; headers: column (or flag) -> its name.
    The evidence rules for a cell: yes, a tick or a date means the stage was reached; a count means reached when
    above 0 and says nothing at 0 (a 0 in a 1/0 column too, and an unticked FALSE); 'G' means the application went
    silent there; 'N' means it ended there (the stage was not reached), unless a column records the rejections;
    'skip' and anything else say nothing. In an ending column a tick or a date says it ended so (on that day:
    hs_scout.ended_on), anything else nothing."""
    from analysis.ingest.dates import cleaned

    yes, ghost = _in(YES_VALUES), _in(GHOST_VALUES)
    cols = list(stage_cols)
    flag_sel = "".join(f", lower(trim({c})) as flag_{f}, trim({c}) as tflag_{f}" for f, c in flags.items())
    con.execute("create or replace temp table hs_sc0 as select row_no, " + ", ".join(
        f"trim({c}) as t_{c}, lower(trim({c})) as v_{c}, {cleaned(c)} as d_{c}" for c in cols)
        + flag_sel + " from hs_raw")
    on = ", ".join(f"{date_sql('d_' + c, date_orders.get(c, 'mdy'), pre_cleaned=True)} as on_{c}" for c in cols)
    con.execute(f"create or replace temp table hs_sc1 as select *, {on} from hs_sc0")

    def reached(c: str) -> str:
        if kinds.get(c) == "count":
            return f"coalesce(try_cast(v_{c} as integer) > 0 or v_{c} in ({yes}), false)"
        return f"coalesce(v_{c} in ({yes}) or on_{c} is not null, false)"

    def said_no(c: str) -> str:
        # a 0 says nothing, in a count (calls = 0) and in a 1/0 column alike: it may mean 'not yet' as well as 'no';
        # nor does FALSE, an unticked checkbox (Google Sheets writes it on every row not yet there)
        return f"coalesce(v_{c} in ({_in(NO_VALUES - _SAYS_NOTHING)}), false)"

    con.execute("create or replace temp table hs_sc as select *, " + ", ".join(
        f"{reached(c)} as r_{c}, {said_no(c)} as n_{c}, coalesce(v_{c} in ({ghost}), false) as g_{c}"
        for c in cols) + " from hs_sc1")
    # a column that says how it ended ('Rejected' ticked, 'Date Rejected' dated) decides that ending where it is
    # ticked or dated, and says nothing otherwise (its 'No' is no rejection, its 'G' no ghosting)
    endings = [c for c in cols if stage_cols[c] in ENDING_COLUMNS]
    cols = [c for c in cols if c not in endings]
    by_rung = sorted((c for c in cols if stage_cols[c] in RUNG), key=lambda c: -RUNG[stage_cols[c]])
    arms_rung = ", ".join(f"case when r_{c} then {RUNG[stage_cols[c]]} end" for c in by_rung)
    furthest = f"coalesce(greatest({arms_rung}), 0)" if by_rung else "0"
    stage_by = ("case " + " ".join(f"when r_{c} then {_said(headers[c], f't_{c}')}" for c in by_rung) + " end"
                if by_rung else "null")
    arms = [(f"r_{c}", "hired", _said(headers[c], f"t_{c}")) for c, s in stage_cols.items() if s == "hired"]
    arms += [(f"r_{c}", stage_cols[c], _said(headers[c], f"t_{c}")) for c in endings]
    arms += [(f"g_{c}", "ghosted", _said(headers[c], f"t_{c}")) for c in cols]
    if "auto_rejected" in flags:
        arms.append((f"coalesce(flag_auto_rejected in ({yes}), false)", "rejected",
                     _said(headers["auto_rejected"], "tflag_auto_rejected")))
    # a flag that says it is still in process keeps it open, whatever a step's 'No' says (not reached yet)
    if "in_progress" in flags:
        arms.append((f"coalesce(flag_in_progress in ({yes}), false)", "active",
                     _said(headers["in_progress"], "tflag_in_progress")))
    # the furthest column that says no names the ending ('Outcome = No' rather than 'First = No'); where a column
    # of its own records the rejections ('Rejected?'), a step's 'No' says only that it was not reached (yet); a 'No'
    # in a column named after the offer ('Offer?') means no offer (design.md), not a rejection, while one in a
    # column named for the result ('Outcome') says it ended without one, as it does beside a flag saying the
    # application is no longer in process
    over = f"coalesce(flag_in_progress in ({_in(NO_VALUES)}), false)" if "in_progress" in flags else "false"
    if not any(stage_cols[c] == "rejected" for c in endings):
        arms += [(f"n_{c}" if stage_of_header(headers[c]) not in ("offer", "hired") else f"n_{c} and {over}",
                  "rejected", _said(headers[c], f"t_{c}"))
                 for c in sorted(cols, key=lambda c: -RUNG.get(stage_cols[c], -1))]
    if "in_progress" in flags:
        arms.append((f"coalesce(flag_in_progress in ({_in(NO_VALUES)}), false)", "closed",
                     _said(headers["in_progress"], "tflag_in_progress")))
    # what a column of its own says about the end (hired, rejected, withdrawn…): beside a status that says the
    # application is still open, it decides
    said_end = arms[:len(endings) + sum(1 for s in stage_cols.values() if s == "hired")]
    ending = ("case " + " ".join(f"when {cond} then '{o}'" for cond, o, _ in said_end) + " end") if said_end else "null"
    ending_by = ("case " + " ".join(f"when {cond} then {by}" for cond, _, by in said_end) + " end") if said_end \
        else "null"
    outcome = ("case " + " ".join(f"when {cond} then '{o}'" for cond, o, _ in arms) + " end") if arms else "null"
    outcome_by = ("case " + " ".join(f"when {cond} then {by}" for cond, _, by in arms) + " end") if arms else "null"
    con.execute("create or replace temp table hs_colev as " + " union all ".join(
        [f"select row_no, '{stage_cols[c]}' as stage, on_{c} as happened_on, t_{c} as raw_label from hs_sc where r_{c}"
         for c in cols] or ["select null::bigint as row_no, null::varchar as stage, null::date as happened_on, "
                           "null::varchar as raw_label where false"]))
    # the day an ending column gives (the first such column dated in the row)
    ended_on = ("coalesce(" + ", ".join(f"case when r_{c} then on_{c} end" for c in endings) + ")"
                if endings else "null::date")
    # a row whose every stage column is empty (or a missing marker) says nothing at all: open, or silence where
    # the person says that is what an empty row means in this file (ImportOptions.blank_status_no_answer)
    blank = " and ".join(f"coalesce(lower({clean_sql(f't_{c}')}) in ({_in(_SAYS_NOTHING)}), true)"
                         for c in cols + endings) or "true"
    con.execute(f"""create or replace temp table hs_scout as select row_no, {stage_of_rung_sql(furthest)} as stage,
                    {outcome} as outcome, {stage_by} as stage_by, {outcome_by} as outcome_by, {blank} as all_blank,
                    {ended_on} as ended_on, {ending} as ending, {ending_by} as ending_by
                    from hs_sc""")
    for t in ("hs_sc0", "hs_sc1", "hs_sc"):
        con.execute(f"drop table if exists {t}")
    return "hs_scout"


@dataclass
class _Chain:
    """One application in an edge list: the Company,Source,Target rows of one chain and the nodes they pass."""

    row_no: int
    company: str | None
    role: str | None
    first_node: str | None
    nodes: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the chain's row numbers in the file
    ended: bool = False

    def add(self, row: dict, src: str | None, dst: str | None) -> None:
        self.rows.append(int(row["row_no"]))
        for node in (src, dst):
            if node and (not self.nodes or self.nodes[-1] != node):
                self.nodes.append(node)
        if dst and normalise_label(dst) in EDGE_TERMINALS:
            self.ended = True


def _starts_chain(current: _Chain | None, company: str | None, src: str | None) -> bool:
    """A new chain: the first row, another company, or a start node ('Applied') after the last chain ended."""
    if current is None or company != current.company:
        return True
    return current.ended and src is not None and normalise_label(src) in EDGE_STARTS


def _edge_chains(raw: pd.DataFrame, cols: dict[str, str]) -> list[_Chain]:
    """Group the rows into chains; a row without a company belongs to the company above it."""
    company_col, from_col, to_col = cols["company"], cols["edge_from"], cols["edge_to"]
    role_col = cols.get("role")
    chains: list[_Chain] = []
    last_company = None
    for rec in raw.itertuples(index=False):
        row = rec._asdict()
        company = _val(row.get(company_col)) or last_company
        src, dst = _val(row.get(from_col)), _val(row.get(to_col))
        if _starts_chain(chains[-1] if chains else None, company, src):
            role = _val(row.get(role_col)) if role_col else None
            chains.append(_Chain(row["row_no"], company, role, src))
        chains[-1].add(row, src, dst)
        last_company = company
    return chains


def _chain_steps(chain: _Chain) -> tuple[int, str, list[dict]]:
    """The furthest rung a chain's nodes reach, the outcome its end node says, and one event per stage node."""
    furthest, outcome = 0, "active"
    events: list[dict] = []
    for node in chain.nodes:
        terminal = EDGE_TERMINALS.get(normalise_label(node))
        if terminal:
            stage: str | None
            stage, outcome = terminal
            reached = RUNG[stage] > 0
        else:
            stage = stage_of_node(node)
            reached = stage is not None
        if stage in RUNG:
            furthest = max(furthest, RUNG[stage])
        if reached:
            events.append({"row_no": chain.row_no, "stage": stage, "happened_on": None, "raw_label": node})
    return furthest, outcome, events


def _chain_row(chain: _Chain, furthest: int, outcome: str) -> dict:
    source = EDGE_STARTS.get(normalise_label(chain.first_node or ""))
    return {"row_no": chain.row_no, "company": chain.company, "role": chain.role,
            "stage": LADDER[furthest], "outcome": outcome, "status_label": chain.nodes[-1] if chain.nodes else None,
            "source": source.title() if source and source != "applied" else None,
            "lines": len(chain.rows), "chain": " → ".join(chain.nodes), "rows": chain.rows}


def edge_list_frames(raw: pd.DataFrame, cols: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Chains of Company,Source,Target rows -> one application per chain, and its stage events.

    A chain starts on a row whose company differs from the chain before, or whose source is a start
    node ('Applied', 'Recruiter Inquiry') after the previous chain reached an end node."""
    apps, events = [], []
    for chain in _edge_chains(raw, cols):
        furthest, outcome, steps = _chain_steps(chain)
        apps.append(_chain_row(chain, furthest, outcome))
        events += steps
    return pd.DataFrame(apps), pd.DataFrame(events, columns=["row_no", "stage", "happened_on", "raw_label"])


def _val(v):
    if v is None:
        return None
    if isinstance(v, float) and pd.isna(v):
        return None
    s = str(v).strip()
    return s or None
