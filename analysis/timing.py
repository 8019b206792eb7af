"""How fast they answer: days to first response, time in stage, ghosting, activity per week."""

from __future__ import annotations

from analysis.sqlutil import one


def median_days_to_first_response(con) -> float | None:
    """Median days from applying to the first dated reply (a screen or later, or a dated rejection)."""
    row = one(con,
        """with ev as (select app_id, min(happened_on) filter (where stage <> 'applied') as first_on
                       from stage_events group by app_id)
           select median(datediff('day', a.applied_on,
                      coalesce(ev.first_on, case when a.outcome in ('rejected', 'closed') then a.outcome_on end)))
           from applications a left join ev using (app_id)
           where a.applied_on is not null
             and coalesce(ev.first_on, case when a.outcome in ('rejected', 'closed') then a.outcome_on end) >= a.applied_on"""
    )
    return None if row is None or row[0] is None else float(row[0])


def applications_per_week(con, weekly_goal: int | None = None):
    """Applications sent per ISO week (weeks with none included), with the goal beside each week."""
    df = con.execute(
        """with w as (select date_trunc('week', applied_on)::date as week, count(*) as applications
                      from applications where applied_on is not null group by 1),
                span as (select min(week) as lo, max(week) as hi from w)
           select g.week::date as week, coalesce(w.applications, 0) as applications
           from span, range(span.lo, span.hi + interval 7 day, interval 7 day) g(week)
           left join w on w.week = g.week::date
           order by 1"""
    ).df()
    if weekly_goal:
        df["goal"] = weekly_goal
        df["met_goal"] = df["applications"] >= weekly_goal
    return df
