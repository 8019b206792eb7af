"""How fast they answer: days to first response, time in each stage, ghosting, activity per week."""

from __future__ import annotations

import pandas as pd

from analysis.domain import LADDER, STAGE_LABELS
from analysis.facts import filtered_facts_sql
from analysis.filters import ALL, Filters


def first_responses(con, filters: Filters = ALL) -> pd.DataFrame:
    """One row per application that got a dated answer: days from applying to the first reply (a screen or
    later step, or a dated rejection), with the channel and what the answer was."""
    sql, params = filtered_facts_sql(filters)
    return con.execute(f"""
        select app_id, company, role, channel, applied_on, responded_on,
               datediff('day', applied_on, responded_on) as days,
               case when first_response_on is not null then 'a next step' else 'a rejection' end as answer
        from ({sql}) where applied_on is not null and responded_on >= applied_on
        order by days""", params).df()


def median_days_to_first_response(con, filters: Filters = ALL) -> float | None:
    sql, params = filtered_facts_sql(filters)
    got = con.execute(f"""select median(datediff('day', applied_on, responded_on)) from ({sql})
                          where applied_on is not null and responded_on >= applied_on""", params).fetchall()[0][0]
    return None if got is None else float(got)


def response_summary(con, filters: Filters = ALL) -> dict:
    """Median and quartiles of days to a first answer, and how many applications that rests on."""
    df = first_responses(con, filters)
    if df.empty:
        return {"n": 0, "median": None, "p25": None, "p75": None, "same_day": 0}
    return {"n": int(len(df)), "median": float(df["days"].median()), "p25": float(df["days"].quantile(0.25)),
            "p75": float(df["days"].quantile(0.75)), "same_day": int((df["days"] == 0).sum())}


_STEPS = [*LADDER[:1], "assessment", *LADDER[1:]]
_STEP_ORDER = "case stage " + " ".join(f"when '{s}' then {i}" for i, s in enumerate(_STEPS)) + " end"


def time_in_stage(con, filters: Filters = ALL) -> pd.DataFrame:
    """Days spent in each stage, where the events are dated: from one dated step to the next dated step (or to
    the dated outcome). Median, quartiles and how many applications each stage's number rests on."""
    sql, params = filtered_facts_sql(filters)
    df = con.execute(f"""
        with f as ({sql}),
        ev as (select e.app_id, e.stage, min(e.happened_on) as on_ from stage_events e
               join f using (app_id) where e.happened_on is not null group by all),
        seq as (select app_id, stage, on_,
                       lead(on_) over (partition by app_id order by on_, {_STEP_ORDER}) as next_on
                from ev),
        spans as (select s.app_id, s.stage, datediff('day', s.on_, coalesce(s.next_on, case when f.outcome_now not in
                         ('active', 'ghosted') and f.outcome_on > s.on_ then f.outcome_on end)) as days
                  from seq s join f using (app_id))
        select stage, count(days) as n, median(days) as median_days, quantile_cont(days, 0.25) as p25,
               quantile_cont(days, 0.75) as p75
        from spans where days is not null and days >= 0 group by stage""", params).df()
    df["order"] = df["stage"].map(_STEPS.index)
    df["label"] = df["stage"].map(STAGE_LABELS)
    return df.sort_values("order").drop(columns="order").reset_index(drop=True)


def ghosting(con, filters: Filters = ALL) -> pd.DataFrame:
    """Applications that went silent: said so in the data, or no activity for `ghost_after_days` to the as-of
    date. The furthest stage says where the silence came."""
    sql, params = filtered_facts_sql(filters)
    return con.execute(f"""
        select app_id, company, role, channel, furthest_stage, applied_on, last_activity_on,
               datediff('day', last_activity_on, $as_of::date) as silent_days,
               case when ghosted_by_silence then 'no activity' else 'marked in your sheet' end as how
        from ({sql}) where outcome_now = 'ghosted'
        order by silent_days desc nulls last""", params).df()


def ghosting_by_stage(con, filters: Filters = ALL) -> pd.DataFrame:
    """At which rung the silence came, and what share of the applications that stopped there it is."""
    sql, params = filtered_facts_sql(filters)
    df = con.execute(f"""select furthest_stage as stage, count(*) as stopped_here,
                                count(*) filter (where outcome_now = 'ghosted') as ghosted
                         from ({sql}) group by 1""", params).df()
    df["order"] = df["stage"].map(LADDER.index)
    df["label"] = df["stage"].map(STAGE_LABELS)
    df["share"] = df["ghosted"] / df["stopped_here"]
    return df.sort_values("order").drop(columns="order").reset_index(drop=True)


def applications_per_week(con, filters: Filters = ALL, weekly_goal: int | None = None) -> pd.DataFrame:
    """Applications sent per week (Monday to Sunday; weeks with none included), against the weekly goal."""
    sql, params = filtered_facts_sql(filters)
    df = con.execute(f"""
        with w as (select date_trunc('week', applied_on)::date as week, count(*) as applications
                   from ({sql}) where applied_on is not null group by 1),
             span as (select min(week) as lo, max(week) as hi from w)
        select g.week::date as week, coalesce(w.applications, 0) as applications
        from span, range(span.lo, span.hi + interval 7 day, interval 7 day) g(week)
        left join w on w.week = g.week::date
        order by 1""", params).df()
    if weekly_goal:
        df["goal"] = weekly_goal
        df["met_goal"] = df["applications"] >= weekly_goal
    return df


def goal_summary(weeks: pd.DataFrame, weekly_goal: int | None) -> dict | None:
    """How many weeks met the goal, and the average against it."""
    if not weekly_goal or weeks.empty:
        return None
    met = int((weeks["applications"] >= weekly_goal).sum())
    return {"weeks": int(len(weeks)), "met": met, "average": float(weeks["applications"].mean()), "goal": weekly_goal}


# -- who answers and who does not -------------------------------------------------------------------------------------

MIN_NAMED = 3  # a company or source is named only with at least this many applications behind it
ANSWERED = "(rung >= 1 or responded_on is not null or outcome_now in ('rejected', 'offer_declined', 'hired'))"
_ANSWER_GROUPS = {"company": ("lower(trim(company))", "any_value(trim(company))"),
                  "channel": ("channel", "any_value(channel)")}


def answer_rates(con, filters: Filters = ALL, by: str = "company", min_applications: int = MIN_NAMED) -> pd.DataFrame:
    """Per company (or channel) with at least `min_applications` applications: how many got any answer (a call, a
    rejection, an offer), the share with its 95% interval, and the median days to a dated answer over `dated`
    answers. Most answers first; applications with no company (or channel) are left out."""
    from analysis.funnel import wilson_interval

    if by not in _ANSWER_GROUPS:
        raise ValueError(f"by is one of {sorted(_ANSWER_GROUPS)}")
    key, shown = _ANSWER_GROUPS[by]  # from the fixed list above
    sql, params = filtered_facts_sql(filters)
    df = con.execute(f"""
        select {shown} as name, count(*) as applications, count(*) filter (where {ANSWERED}) as answered,
               count(*) filter (where responded_on >= applied_on) as dated,
               median(datediff('day', applied_on, responded_on)) filter (where responded_on >= applied_on)
                   as median_days
        from ({sql}) where {key} is not null and trim({key}) <> ''
        group by {key} having count(*) >= $min_n
        order by answered * 1.0 / count(*) desc, applications desc, name""", {**params, "min_n": min_applications}).df()
    ci = [wilson_interval(int(a), int(n)) for a, n in zip(df["answered"], df["applications"], strict=True)]
    df["rate"] = df["answered"] / df["applications"]
    df["ci_low"] = [c[0] for c in ci]
    df["ci_high"] = [c[1] for c in ci]
    return df


def answer_notes(table: pd.DataFrame, overall_median: float | None, what: str = "companies") -> list[str]:
    """The silent and the slow, named: no answer to any of 3+ applications; a median wait, over 3+ dated answers,
    at least twice the overall one and a week longer."""
    notes = []
    silent = table[(table["answered"] == 0) & (table["applications"] >= MIN_NAMED)]
    if len(silent):
        names = ", ".join(f"{r.name} ({r.applications})" for r in silent.head(8).itertuples())
        more = f" and {len(silent) - 8} more" if len(silent) > 8 else ""
        notes.append(f"No answer at all from {names}{more} (applications in brackets): worth one nudge, then your time "
                     "is better spent elsewhere.")
    if overall_median is not None:
        slow = table[(table["dated"] >= MIN_NAMED)
                     & (table["median_days"] >= max(2 * overall_median, overall_median + 7))]
        if len(slow):
            names = ", ".join(f"{r.name} (a median of {r.median_days:.0f} days over {r.dated} answers)"
                              for r in slow.sort_values("median_days", ascending=False).head(5).itertuples())
            notes.append(f"Slow to answer: {names}, against {overall_median:.0f} days for all your dated answers. "
                         "Silence there is not a no yet.")
    quick = table[(table["applications"] >= MIN_NAMED) & (table["ci_low"] >= 0.5)]
    if len(quick):
        names = ", ".join(f"{r.name} ({r.answered} of {r.applications})" for r in quick.head(5).itertuples())
        notes.append(f"Reliably answer: {names}.")
    if not notes and len(table):
        notes.append(f"No {what} stand out as silent or slow among those with {MIN_NAMED} or more applications.")
    return notes


def answer_table(table: pd.DataFrame, label: str = "Company") -> pd.DataFrame:
    """answer_rates as people read it: empty cells where there is nothing to say, never None."""
    return pd.DataFrame({
        label: table["name"].astype(str),
        "Applications": table["applications"].astype(int),
        "Answered": table["answered"].astype(int),
        "Answer rate": [f"{r:.0%}" for r in table["rate"]],
        "Plausible range (95%)": [f"{lo:.0%}–{hi:.0%}"
                                  for lo, hi in zip(table["ci_low"], table["ci_high"], strict=True)],
        "Typical days to answer": [f"{d:.0f} (over {n})" if n and d == d else ""
                                   for d, n in zip(table["median_days"], table["dated"], strict=True)],
    })
