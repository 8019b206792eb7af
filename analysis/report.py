"""The whole analysis as one JSON-able dict (the CLI's `report --json`, and the mentor report later)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from analysis.comparisons import fit_findings
from analysis.facts import DEFAULT_GHOST_AFTER_DAYS, materialized_facts
from analysis.filters import Filters
from analysis.fit import flag_counts
from analysis.funnel import outcome_counts, stage_counts
from analysis.rejections import reason_counts
from analysis.timing import median_days_to_first_response


def build_report(con, as_of: date | None = None, ghost_after_days: int = DEFAULT_GHOST_AFTER_DAYS,
                 filters: Filters | None = None) -> dict:
    as_of = as_of or date.today()
    filters = replace(filters or Filters(), as_of=as_of, ghost_after_days=ghost_after_days)
    with materialized_facts(con, filters) as stored:
        return _report(con, stored, as_of, ghost_after_days)


def _report(con, filters, as_of, ghost_after_days) -> dict:
    funnel = stage_counts(con, filters)
    outcomes = outcome_counts(con, filters)
    return {
        "as_of": as_of.isoformat(),
        "ghost_after_days": ghost_after_days,
        "applications": int(sum(outcomes.values())),
        "funnel": [
            {"stage": r.stage, "reached": int(r.reached),
             "rate_from_previous": _num(r.rate_from_previous), "ci_low": _num(r.ci_low), "ci_high": _num(r.ci_high)}
            for r in funnel.itertuples()
        ],
        "outcomes": outcomes,
        "rejection_reasons": [{"category": r.reason, "label": r.label, "count": int(r.count)}
                              for r in reason_counts(con, filters, side="company").itertuples()],
        "red_flags": [{"flag": r.kind, "label": r.label, "count": int(r.count)}
                      for r in flag_counts(con, filters).itertuples()],
        "median_days_to_first_response": median_days_to_first_response(con, filters),
        # what got a call, from the person's own data (no criteria needed); each claim rests on 3+ applications
        "fit_findings": [{"finding": f.finding, "applications": f.applications, "answered": f.answered,
                          "dimension": f.dimension, "group": f.group} for f in fit_findings(con, filters)],
    }


def _num(x):
    if x is None:
        return None
    try:
        import math

        return None if math.isnan(x) else round(float(x), 4)
    except TypeError:
        return None


def as_text(rep: dict) -> str:
    lines = [f"{rep['applications']} applications, as of {rep['as_of']}"]
    for r in rep["funnel"]:
        rate = "" if r["rate_from_previous"] is None else f"  {r['rate_from_previous']:.0%} of the rung before"
        lines.append(f"  {r['stage']:<10} {r['reached']:>6}{rate}")
    lines.append("Outcomes: " + ", ".join(f"{k} {v}" for k, v in rep["outcomes"].items()))
    if rep["rejection_reasons"]:
        lines.append("Rejection reasons: " + ", ".join(f"{r['label']} {r['count']}" for r in rep["rejection_reasons"]))
    if rep["median_days_to_first_response"] is not None:
        lines.append(f"Median days to first response: {rep['median_days_to_first_response']}")
    return "\n".join(lines)
