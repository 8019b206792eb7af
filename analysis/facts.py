"""One row per application with what every analysis needs: furthest rung (with implication), the
outcome as of a date (ghosting applied), first response and last activity."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from analysis.domain import DEFAULT_GHOST_AFTER_DAYS, LADDER, RUNG
from analysis.filters import ALL, Filters

_RUNG_CASE = "case {col} " + " ".join(f"when '{s}' then {i}" for s, i in RUNG.items()) + " else null end"
_STAGE_CASE = "case {col} " + " ".join(f"when {i} then '{s}'" for s, i in RUNG.items()) + " end"


_NARROW = "app_id, outcome, rung, first_response_on, last_event_on, had_assessment, last_activity_on"


def reopened_sql(outcome: str, last_event_on: str, outcome_on: str, applied_on: str) -> str:
    """SQL: the outcome, except that a ghosted application that heard back later is active again."""
    return (f"(case when {outcome} = 'ghosted' and {last_event_on} > coalesce({outcome_on}, {applied_on}) "
            f"then 'active' else {outcome} end)")


def outcome_now_sql(outcome: str, rung: str, last_activity_on: str) -> str:
    """SQL (parameters $as_of, $ghost_after_days): the outcome as of a date. Silence past the threshold is
    ghosting, except for an offer still on the table. The import's plan and every analysis use this one rule."""
    return (f"(case when {outcome} = 'active' and {last_activity_on} is not null and {rung} < 4 "
            f"and datediff('day', {last_activity_on}, $as_of::date) > $ghost_after_days then 'ghosted' "
            f"else {outcome} end)")


def facts_sql(narrow: bool = False) -> str:
    """SQL (parameters: as_of date, ghost_after_days int) giving one row per application: every column of
    `applications` and what is worked out from them, or with `narrow` only the id and what is worked out."""
    ev_rung = _RUNG_CASE.format(col="e.stage")
    app_rung = _RUNG_CASE.format(col="a.stage")
    return f"""
    with ev as (
        select e.app_id, max({ev_rung}) as ev_rung,
               max(e.happened_on) as last_event_on,
               min(e.happened_on) filter (where e.stage <> 'applied') as first_response_on,
               bool_or(e.stage = 'assessment') as had_assessment
        from stage_events e group by e.app_id
    ), base as (
        -- a stage the person set in the app is the answer, even below what the imported steps say
        select a.*, case when list_contains(a.edited_fields, 'stage') then coalesce({app_rung}, 0)
                         else greatest(coalesce({app_rung}, 0), coalesce(ev.ev_rung, 0)) end as rung,
               ev.first_response_on, ev.last_event_on, coalesce(ev.had_assessment, false) as had_assessment,
               greatest(a.applied_on, a.outcome_on, ev.last_event_on) as last_activity_on
        from applications a left join ev using (app_id)
        where not a.deleted and a.outcome is distinct from 'not_applied'  -- saved or drafted: not an application
    )
    , reopened as (
        -- a ghosted application that hears back later is active again
        select * replace ({reopened_sql('outcome', 'last_event_on', 'outcome_on', 'applied_on')} as outcome)
        from base
    )
    select {_NARROW if narrow else "*"}, {_STAGE_CASE.format(col="rung")} as furthest_stage,
           -- silence past the threshold is ghosting, except for an offer still on the table
           {outcome_now_sql('outcome', 'rung', 'last_activity_on')} as outcome_now,
           (outcome = 'active' and last_activity_on is not null and rung < 4
                     and datediff('day', last_activity_on, $as_of::date) > $ghost_after_days) as ghosted_by_silence,
           coalesce(first_response_on,
                    case when outcome in ('rejected', 'closed') and rung = 0 then outcome_on end) as responded_on
    from reopened"""


def filtered_facts_sql(filters: Filters) -> tuple[str, dict]:
    """The facts of the applications the filters keep, and the parameters to bind. When the filters name a table
    the facts were stored in (`materialized_facts`), they come from there instead of being worked out again by
    every analysis: the table travels with the filters, in plain sight."""
    where, params = filters.where()
    params.update({"as_of": filters.today, "ghost_after_days": filters.ghost_after_days})
    table = filters.facts_table
    if table:
        # the worked-out columns were stored once; the application's own columns are read where they live
        return (f"select * from (select a.* replace (f.outcome as outcome), f.* exclude (app_id, outcome) "
                f"from applications a join {table} f using (app_id)) where {where} and $as_of::date is not null "
                "and $ghost_after_days is not null"), params
    return f"select * from ({facts_sql()}) where {where}", params


@contextmanager
def materialized_facts(con, filters: Filters) -> Iterator[Filters]:
    """Work the facts out once for a block of analyses on one connection (the report): yields the same filters
    naming the table that holds them, to hand to every analysis of the block."""
    key = (filters.today, filters.ghost_after_days)
    table = f"hs_facts_{abs(hash(key)) % 10**8}"
    con.execute(f"create or replace temp table {table} as {facts_sql(narrow=True)}",
                {"as_of": filters.today, "ghost_after_days": filters.ghost_after_days})
    try:
        yield replace(filters, facts_table=table)
    finally:
        con.execute(f"drop table if exists {table}")


def facts(con, filters: Filters = ALL):
    """The facts as a DataFrame, one row per application."""
    sql, params = filtered_facts_sql(filters)
    return con.execute(sql, params).df()


__all__ = ["DEFAULT_GHOST_AFTER_DAYS", "LADDER", "facts", "facts_sql", "filtered_facts_sql", "materialized_facts"]
