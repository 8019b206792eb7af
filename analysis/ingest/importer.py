"""Import a tracker file, in two steps run by the same code: `plan_import` decides everything and works out what it
leads to without writing (plan.py, then the shapes and values in enrich.py, totalled in plan.py); `apply` writes
exactly that (write.py). The Upload page shows the plan before its Import button; the CLI plans and applies."""

from __future__ import annotations

import duckdb

from analysis.domain import LADDER
from analysis.ingest.enrich import _build
from analysis.ingest.plan import (
    FORMAT_NAMES_SHOWN,
    SHAPE_NAMES,
    Decision,
    ImportOptions,
    ImportPlan,
    LabelInfo,
    PlanTotals,
    _totals,
    inspect,
)
from analysis.ingest.read import BadInput, SourceFile
from analysis.ingest.write import ImportResult, apply, run_import


def plan_import(con: duckdb.DuckDBPyConnection, source, name: str | None = None,
                options: ImportOptions | None = None) -> ImportPlan:
    """Decide everything about an import and work out what it leads to, writing nothing: per application its
    furthest stage, outcome and the cell that decided each (temp tables hs_keyed, hs_ev), and in total the
    outcome mix and the funnel (plan.totals). `apply` writes exactly this. Raises BadInput."""
    options = options or ImportOptions()
    plan = inspect(con, source, name, options)
    try:
        plan._built = _build(con, plan, options)
        plan.totals = _totals(con, plan, options)
    except BaseException:
        if not isinstance(source, SourceFile):
            plan.source.cleanup()
        raise
    return plan


def import_file(con: duckdb.DuckDBPyConnection, source, name: str | None = None,
                options: ImportOptions | None = None) -> ImportResult:
    """plan_import + apply with the automatic choices (the CLI's path)."""
    options = options or ImportOptions()
    plan = plan_import(con, source, name, options)
    try:
        return apply(con, plan, options)
    finally:
        plan.source.cleanup()


__all__ = ["FORMAT_NAMES_SHOWN", "LADDER", "SHAPE_NAMES", "BadInput", "Decision", "ImportOptions", "ImportPlan",
           "ImportResult", "LabelInfo", "PlanTotals", "apply", "import_file", "inspect", "plan_import", "run_import"]
