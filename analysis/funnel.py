"""The stage-by-stage funnel: how many applications reached each rung, and where they stopped."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from analysis.domain import LADDER, OUTCOMES
from analysis.facts import DEFAULT_GHOST_AFTER_DAYS, facts_sql


def wilson_interval(successes: int, n: int, z: float = 1.959963984540054) -> tuple[float | None, float | None]:
    """95% Wilson score interval for a proportion; (None, None) when n is 0."""
    if n <= 0:
        return None, None
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def stage_counts(con, as_of: date | None = None, ghost_after_days: int = DEFAULT_GHOST_AFTER_DAYS) -> pd.DataFrame:
    """One row per rung: reached, conversion from the previous rung and from applied, drop-off, 95% interval."""
    params = {"as_of": as_of or date.today(), "ghost_after_days": ghost_after_days}
    counts = dict(con.execute(
        f"with f as ({facts_sql()}) select rung, count(*) from f group by rung", params).fetchall())
    rows = []
    total = sum(counts.values())
    for i, stage in enumerate(LADDER):
        reached = sum(n for r, n in counts.items() if r >= i)
        prev = total if i == 0 else rows[-1]["reached"]
        rate = reached / prev if prev else None
        lo, hi = wilson_interval(reached, prev) if i > 0 else ((1.0, 1.0) if total else (None, None))
        rows.append({"stage": stage, "reached": reached, "rate_from_previous": rate if i > 0 else (1.0 if total else None),
                     "rate_from_applied": reached / total if total else None,
                     "dropped": prev - reached if i > 0 else 0, "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def outcome_counts(con, as_of: date | None = None, ghost_after_days: int = DEFAULT_GHOST_AFTER_DAYS) -> dict[str, int]:
    """How many applications end in each outcome as of a date (silence past the threshold counts as ghosted)."""
    params = {"as_of": as_of or date.today(), "ghost_after_days": ghost_after_days}
    got = dict(con.execute(f"with f as ({facts_sql()}) select outcome_now, count(*) from f group by 1", params).fetchall())
    return {o: int(got.get(o, 0)) for o in OUTCOMES}
