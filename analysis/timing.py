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
