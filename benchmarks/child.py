"""One measurement, in its own process (benchmarks.run starts one per measurement, so neither memory nor caches
carry over). Writes a JSON result: the work's seconds (time.perf_counter around the work only, after imports) and
the process's peak RSS (VmHWM).

    python -m benchmarks.child TASK --params '{...}' --result out.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
T_START = time.perf_counter()


def peak_rss_bytes() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _cli(argv: list[str], out: Path) -> tuple[int, float]:
    from analysis.cli import main

    with out.open("w") as fh, contextlib.redirect_stdout(fh):
        t0 = time.perf_counter()
        rc = main(argv)
        seconds = time.perf_counter() - t0
    return rc, seconds


def task_duckdb_read(p: dict) -> dict:
    import duckdb

    path = p["csv"].replace("'", "''")
    opts = ", all_varchar = true" if p.get("all_varchar") else ""
    t0 = time.perf_counter()
    con = duckdb.connect(p["db"])
    con.execute(f"create table t as select * from read_csv('{path}'{opts})")
    rows = con.execute("select count(*) from t").fetchone()[0]
    types = [r[1] for r in con.execute("describe t").fetchall()]
    con.close()
    return {"seconds": time.perf_counter() - t0, "rows": rows, "column_types": types}


def task_import(p: dict) -> dict:
    out = Path(p["db"]).with_suffix(".import.json")
    rc, seconds = _cli(["import", p["csv"], "--db", p["db"], "--as-of", p["as_of"], "--json"], out)
    res = {"seconds": seconds, "exit_code": rc}
    if rc == 0:
        imp = json.loads(out.read_text())["imports"][0]
        res.update({k: imp[k] for k in ("rows_read", "applications_added", "rows_rejected", "likely_duplicates")})
        res["warnings"] = imp["warnings"]
    return res


def task_report(p: dict) -> dict:
    out = Path(p["db"]).with_suffix(".report.json")
    rc, seconds = _cli(["report", "--db", p["db"], "--as-of", p["as_of"], "--json"], out)
    res = {"seconds": seconds, "exit_code": rc}
    if rc == 0:
        rep = json.loads(out.read_text())
        res.update({"applications": rep["applications"], "funnel": {r["stage"]: r["reached"] for r in rep["funnel"]}})
    return res


def task_pandas(p: dict) -> dict:
    """What a user might write instead: read, parse the dates, map statuses to stages with a dict, count."""
    import pandas as pd

    from benchmarks.generate import LABELS

    ladder = ["applied", "screen", "interview", "final", "offer", "hired"]
    stage_of = {label.lower(): stage for (stage, _), labels in LABELS.items() for label in labels}
    outcome_of = {label.lower(): outcome for (_, outcome), labels in LABELS.items() for label in labels}
    t0 = time.perf_counter()
    df = pd.read_csv(p["csv"])
    df["applied"] = pd.to_datetime(df["Date Applied"], format="mixed", dayfirst=True, errors="coerce")
    status = df["Status"].str.strip().str.lower()
    df["stage"] = status.map(stage_of).fillna("applied")
    df["outcome"] = status.map(outcome_of).fillna("active")
    per_stage = df.groupby("stage").size().reindex(ladder, fill_value=0)
    reached = per_stage[::-1].cumsum()[::-1]  # reaching a rung means passing every rung below it
    outcomes = df.groupby("outcome").size()
    per_month = df.groupby(df["applied"].dt.to_period("M")).size()
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "rows": len(df), "dates_parsed": int(df["applied"].notna().sum()),
            "funnel": {k: int(v) for k, v in reached.items()}, "outcomes": {k: int(v) for k, v in outcomes.items()},
            "months": len(per_month)}


def _patch_apptest():
    """As tests/conftest.py's _apptest_runs_the_frame: every AppTest run goes through app.py, not only the page."""
    from streamlit.runtime import pages_manager
    from streamlit.testing.v1 import app_test

    class NavigationPagesManager(pages_manager.PagesManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pages_manager.PagesManager.uses_pages_directory = False

    app_test.PagesManager = NavigationPagesManager
    return app_test.AppTest


def _problems(at) -> list[str]:
    return [str(getattr(e, "message", None) or getattr(e, "value", e))[:300] for e in at.exception]


def task_page(p: dict) -> dict:
    """First run of the app, then switch to the page (its first visit: caches cold), then time reruns."""
    os.environ["HINDSIGHT_DB"] = p["db"]
    os.environ.pop("HINDSIGHT_SHARED", None)
    trace = None
    if p.get("pyspy_out"):
        from analysis import store
        from benchmarks.sqltrace import Trace, TracingConnection

        trace = Trace()
        real_connect = store.connect
        store.connect = lambda *a, **k: TracingConnection(real_connect(*a, **k), trace)
    AppTest = _patch_apptest()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=p.get("timeout", 1800))
    problems: list[str] = []
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    problems += _problems(at)
    t0 = time.perf_counter()
    at.switch_page(p["page"]).run()
    visit = time.perf_counter() - t0
    problems += _problems(at)
    spy = None
    if trace is not None:
        import signal
        import subprocess

        trace.reset()
        spy = subprocess.Popen([str(Path(sys.executable).with_name("py-spy")), "record", "--pid", str(os.getpid()),
                                "--rate", "250", "--format", "raw", "-o", p["pyspy_out"]],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)  # let py-spy attach
    reruns = []
    for _ in range(p.get("repeats", 3)):
        t0 = time.perf_counter()
        at.run()
        reruns.append(time.perf_counter() - t0)
        problems += _problems(at)
    res = {"seconds": statistics.median(reruns), "first_run_s": first, "visit_s": visit, "reruns_s": reruns,
           "title": at.title[0].value if len(at.title) else None, "elements": len(list(at.main)),
           "problems": sorted(set(problems))}
    if spy is not None:
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=120)
        from benchmarks.sqltrace import report

        res["sql_report"] = report(trace, sum(reruns), n=12, title=f"SQL steps over {len(reruns)} reruns")
    return res


TASKS = {"duckdb_read": task_duckdb_read, "import": task_import, "report": task_report, "pandas": task_pandas,
         "page": task_page}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("task", choices=sorted(TASKS))
    ap.add_argument("--params", required=True)
    ap.add_argument("--result", required=True, type=Path)
    args = ap.parse_args()
    params = json.loads(args.params)
    started = time.perf_counter()
    try:
        res = TASKS[args.task](params)
    except Exception as exc:  # the harness reports it; a failed measurement is a result too
        res = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}
    res["peak_rss_bytes"] = peak_rss_bytes()
    res["task_wall_s"] = time.perf_counter() - started
    res["startup_s"] = started - T_START
    args.result.write_text(json.dumps(res, indent=2, default=str))
    return 0 if "error" not in res else 1


if __name__ == "__main__":
    sys.exit(main())
