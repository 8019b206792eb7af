"""The applications themselves: the table a person reads, and the edits they make (kept as theirs, so a
re-import of the same file never overwrites them)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from analysis.domain import LADDER, OUTCOMES, STAGES
from analysis.facts import filtered_facts_sql
from analysis.filters import ALL, Filters
from analysis.ingest.values import channel_of, channels_in_use, one_spelling, parse_salary, remote_type_of
from analysis.roles import role_family, seniority_of
from analysis.sqlutil import one

# Fields a person can edit, and the column each one writes.
EDITABLE = ["company", "role", "url", "source", "location", "salary_text", "seniority", "applied_on", "stage",
            "outcome", "outcome_on", "feedback", "notes", "referral", "description", "feedback_requested",
            "feedback_received", "aligned"]
SORTS = {"applied_on": "applied_on", "company": "lower(company)", "furthest_stage": "rung", "outcome": "outcome_now",
         "last_activity_on": "last_activity_on"}


class EditError(ValueError):
    """An edit that cannot be saved, with the reason."""


def filter_options(con) -> dict:
    """What the shared filters can offer: channels, role families, and the span of applied dates."""
    channels = [r[0] for r in con.execute(
        "select coalesce(channel, 'Unknown') as c from applications where not deleted group by 1 order by count(*) desc"
    ).fetchall()]
    families = [r[0] for r in con.execute(
        "select coalesce(role_family, 'Unknown') as f from applications where not deleted group by 1 order by count(*) "
        "desc"
    ).fetchall()]
    lo, hi = one(con, "select min(applied_on), max(applied_on) from applications where not deleted")
    return {"channels": channels, "role_families": families, "first": lo, "last": hi}


def applications_table(con, filters: Filters = ALL, search: str = "", outcomes: tuple[str, ...] = (),
                       sort: str = "applied_on", descending: bool = True) -> pd.DataFrame:
    """The applications the filters keep, as a person reads them: searchable in company, role, notes and
    feedback; filterable by outcome; sorted by one of SORTS."""
    sql, params = filtered_facts_sql(filters)
    where = ["true"]
    if search.strip():
        where.append("(company ilike $q or role ilike $q or notes ilike $q or feedback ilike $q or location ilike $q)")
        params["q"] = f"%{search.strip()}%"
    if outcomes:
        where.append("list_contains($outcomes, outcome_now)")
        params["outcomes"] = list(outcomes)
    order = SORTS.get(sort, "applied_on")
    return con.execute(f"""
        select app_id, company, role, channel, applied_on, furthest_stage, outcome_now as outcome, status_label,
               location, salary_text as salary, notes, feedback, url,
               case when list_contains(edited_fields, 'stage') then 'your edit' else stage_decided_by end
                   as stage_decided_by,
               case when ghosted_by_silence then 'no news for more than ' || $ghost_after_days || ' days'
                    when list_contains(edited_fields, 'outcome') then 'your edit'
                    else outcome_decided_by end as outcome_decided_by,
               len(edited_fields) > 0 or origin = 'user' as edited_by_you, likely_duplicate_of,
               case when len(edited_fields) > 0 or origin = 'user' then '✎' else '' end ||
               case when likely_duplicate_of is not null then ' ⚠' else '' end as mark
        from ({sql}) where {' and '.join(where)}
        order by {order} {'desc' if descending else 'asc'} nulls last, app_id""", params).df()


def saved_jobs(con) -> pd.DataFrame:
    """Jobs saved or drafted but never sent (a 'Wishlist' or 'open' label): kept, shown apart, in no analysis."""
    return con.execute("""select app_id, company, role, url, status_label, outcome_decided_by as why
                          from applications where outcome = 'not_applied' and not deleted
                          order by company nulls last, app_id""").df()


_DECIDED = re.compile(r"^(?P<column>.+) = '(?P<label>.*)'$", re.S)


def label_behind(decided_by: str | None) -> tuple[str, str] | None:
    """(column, label) when a decision was read from one cell ("Status = 'Denied'"), else None."""
    m = _DECIDED.match(decided_by or "")
    return (m.group("column"), m.group("label")) if m else None


def reread_label(con, decided_by: str, stage: str, outcome: str) -> int:
    """Correct the reading of one label everywhere it decided something: every application whose outcome that
    cell decided takes the new outcome (and stage, where the same cell decided it or the new stage is further),
    except where the person edited the application; the meaning is saved for the next import of any file.
    Returns how many applications changed."""
    if stage not in STAGES or outcome not in (*OUTCOMES, "not_applied"):
        raise EditError(f"Unknown stage or outcome ({stage}, {outcome}).")
    found = label_behind(decided_by)
    if found is None:
        raise EditError("Only a decision read from one cell (a column and its label) can be corrected this way.")
    _, label = found
    from analysis.domain import RUNG, normalise_label

    rung = f"(case stage {' '.join(f'when {chr(39)}{s}{chr(39)} then {i}' for s, i in RUNG.items())} else 0 end)"
    con.execute("begin transaction")
    try:
        n = one(con, f"""update applications set
                outcome = case when list_contains(edited_fields, 'outcome') or outcome_decided_by <> $by
                               then outcome else $outcome end,
                stage = case when list_contains(edited_fields, 'stage') then stage
                             when stage_decided_by = $by or {RUNG.get(stage, 0)} > {rung} then $stage
                             else stage end,
                stage_decided_by = case when {RUNG.get(stage, 0)} > {rung} then $by else stage_decided_by end,
                updated_at = current_timestamp
            where (outcome_decided_by = $by or stage_decided_by = $by) and not deleted""",
                {"outcome": outcome, "stage": stage if stage in RUNG else "applied", "by": decided_by})[0]
        con.execute("delete from label_mappings where label = ?", [normalise_label(label)])
        con.execute("insert into label_mappings (label, stage, outcome) values (?, ?, ?)",
                    [normalise_label(label), stage, outcome])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return n


def application_choices(con, filters: Filters = ALL, limit: int = 2000) -> dict[int, str]:
    """app_id -> 'Company — Role', newest first, for pickers."""
    sql, params = filtered_facts_sql(filters)
    rows = con.execute(f"""select app_id, coalesce(company, '?') || ' — ' || coalesce(role, '?') from ({sql})
                           order by applied_on desc nulls last, app_id limit {int(limit)}""", params).fetchall()
    return dict(rows)


def original_row(con, app_id: int) -> dict | None:
    """The row as it was in the file, column name -> cell (nothing the person had is lost). An application read
    from several rows (an edge list's chain, an event log) gives each: {"line 12": {...}, "line 13": {...}}."""
    import json

    from analysis.ingest.original import original_rows

    found = con.execute("""select a.raw, i.mapping, a.import_id, a.source_row, a.source_rows
                           from applications a left join imports i using (import_id) where a.app_id = ?""",
                        [app_id]).fetchall()
    if not found:
        return None
    raw, mapping, import_id, source_row, source_rows = found[0]
    if raw is not None:  # imported before the file was kept once per import: the row was stored as JSON
        return _legacy_row(json.loads(raw), mapping)
    if import_id is None or source_row is None:
        return None
    numbers = list(source_rows or [source_row])
    read = original_rows(con, import_id, numbers)
    if read is None:
        return None
    header, cells, lines = read
    # an empty cell is shown as the empty text it was in the file (DuckDB reads it as NULL)
    rows = {n: dict(zip(header, ("" if c is None else c for c in cells[n]), strict=False)) for n in numbers
            if n in cells}
    if len(numbers) == 1:
        return rows.get(numbers[0])
    # named by the line each starts on, as the Data page's sentence names them (by row where no line is known)
    return {(f"line {lines[n]}" if n in lines else f"row {n}"): row for n, row in rows.items()}


def row_origin(con, app_id: int) -> dict | None:
    """Where an application was read from: {"file_name", "import_id", "imported_at", "lines" (the lines of the file
    its rows start on, when they are known for sure), "kept" (the file itself is stored)}, or None for one added by
    hand or from mail."""
    from analysis.ingest.original import original_rows

    found = con.execute("""select i.file_name, a.import_id, i.imported_at, a.source_row, a.source_rows,
                                  i.original is not null
                           from applications a join imports i using (import_id)
                           where a.app_id = ? and a.source_row is not null""", [app_id]).fetchall()
    if not found:
        return None
    name, import_id, at, row, rows, kept = found[0]
    numbers = list(rows or [row])
    read = original_rows(con, import_id, numbers) if kept else None
    lines = [read[2][n] for n in numbers if n in read[2]] if read else []
    return {"file_name": name, "import_id": import_id, "imported_at": at, "kept": bool(kept),
            "lines": lines if len(lines) == len(numbers) else []}


def origin_sentence(origin: dict) -> str:
    """'Line 12 of tracker.csv (import 3, 2026-11-03)', or without a line where it is not known for sure (a
    workbook, a big file)."""
    lines = origin["lines"]
    when = origin["imported_at"].date().isoformat() if origin.get("imported_at") else "date unknown"
    where = f"from {origin['file_name']}"
    if lines:
        shown = ", ".join(str(n) for n in lines[:12]) + (f" and {len(lines) - 12} more" if len(lines) > 12 else "")
        where = f"{'Line' if len(lines) == 1 else 'Lines'} {shown} of {origin['file_name']}"
    return f"{where[0].upper()}{where[1:]} (import {origin['import_id']}, {when})."


def _legacy_row(raw, mapping: str | None) -> dict:
    import json

    if isinstance(raw, list):
        header = json.loads(mapping).get("header", []) if mapping else []
        header = header + [f"Column {i + 1}" for i in range(len(header), len(raw))]
        return dict(zip(header, raw, strict=False))
    return raw


def application(con, app_id: int) -> dict | None:
    row = con.execute("select * from applications where app_id = ? and not deleted", [app_id]).df()
    return None if row.empty else row.iloc[0].to_dict()


def _derived(con, values: dict) -> dict:
    """Columns that follow from edited ones: channel from source (spelled as the database already spells it),
    salary numbers from its text, family from role."""
    out: dict[str, object] = {}
    if "source" in values:
        channel = channel_of(values["source"])
        if channel:
            channel = one_spelling({channel: 1}, channels_in_use(con))[channel]
        out["channel"] = channel
    if "salary_text" in values:
        s = parse_salary(values["salary_text"])
        out.update(salary_min=s.min if s else None, salary_max=s.max if s else None,
                   salary_currency=s.currency if s else None, salary_period=s.period if s else None)
    if "role" in values or "seniority" in values:
        out["role_family"] = role_family(values.get("role"))
        out["seniority_level"] = seniority_of(values.get("role"), values.get("seniority"))
    if "location" in values and "remote_type" not in values:
        out["remote_type"] = remote_type_of(values["location"])
    return out


def _check(values: dict) -> dict:
    clean = {}
    for k, v in values.items():
        if k not in EDITABLE:
            raise EditError(f"'{k}' cannot be edited.")
        if isinstance(v, str):
            v = v.strip() or None
        clean[k] = v
    if "stage" in clean and clean["stage"] not in LADDER:
        raise EditError(f"Stage must be one of {', '.join(LADDER)}.")
    if "outcome" in clean and clean["outcome"] not in OUTCOMES:
        raise EditError(f"Outcome must be one of {', '.join(OUTCOMES)}.")
    for k in ("applied_on", "outcome_on"):
        if clean.get(k) is not None and not isinstance(clean[k], date):
            raise EditError(f"{k} must be a date.")
    return clean


def add_application(con, values: dict) -> int:
    """A new application entered in the app. Needs a company or a role."""
    values = _check(values)
    if not values.get("company") and not values.get("role"):
        raise EditError("Give at least a company or a job title.")
    values.setdefault("stage", "applied")
    values.setdefault("outcome", "active")
    values.update(_derived(con, {**{"role": None, "seniority": None}, **values}))
    cols = list(values)
    con.execute("begin transaction")
    try:
        app_id = one(con, "select coalesce(max(app_id), 0) + 1 from applications")[0]
        con.execute(f"""insert into applications (app_id, app_key, origin, edited_fields, {', '.join(cols)})
                        values (?, ?, 'user', ?, {', '.join('?' for _ in cols)})""",
                    [app_id, f"user:{app_id}:{date.today().isoformat()}", cols, *values.values()])
        con.execute("insert into stage_events values (?, 'applied', ?, 'added in the app', 'user')",
                    [app_id, values.get("applied_on")])
        if values["stage"] != "applied":
            con.execute("insert into stage_events values (?, ?, ?, 'added in the app', 'user')",
                        [app_id, values["stage"], values.get("outcome_on")])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return app_id


def update_application(con, app_id: int, changes: dict) -> list[str]:
    """Save a person's edits: the fields are marked as theirs (a re-import leaves them alone); a new stage is
    recorded as a stage event. Returns the fields that changed."""
    current = application(con, app_id)
    if current is None:
        raise EditError(f"No application {app_id}.")
    changes = _check(changes)
    changed = {k: v for k, v in changes.items() if not _same(current.get(k), v)}
    if not changed:
        return []
    derived = _derived(con, {**{k: current.get(k) for k in ("role", "seniority")}, **changed})
    values = {**changed, **derived}
    sets = ", ".join(f"{k} = ?" for k in values)
    con.execute("begin transaction")
    try:
        con.execute(f"""update applications set {sets},
                        edited_fields = list_distinct(list_concat(edited_fields, ?)), updated_at = current_timestamp
                        where app_id = ?""", [*values.values(), list(changed), app_id])
        if "stage" in changed:
            con.execute("insert into stage_events values (?, ?, ?, 'set in the app', 'user')",
                        [app_id, changed["stage"], changed.get("outcome_on") or date.today()])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return list(changed)


def delete_application(con, app_id: int) -> None:
    """Remove an application from every analysis. It stays deleted when the same file is imported again."""
    if application(con, app_id) is None:
        raise EditError(f"No application {app_id}.")
    con.execute("""update applications set deleted = true, updated_at = current_timestamp,
                   edited_fields = list_distinct(list_append(edited_fields, 'deleted')) where app_id = ?""", [app_id])


def _same(a, b) -> bool:
    if a is None or (isinstance(a, float) and pd.isna(a)) or a is pd.NaT:
        return b is None
    if isinstance(a, pd.Timestamp):
        a = a.date()
    return a == b


__all__ = ["EDITABLE", "STAGES", "EditError", "add_application", "application", "applications_table",
           "delete_application", "filter_options", "update_application"]
