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


class Timer:
    """Wall time (perf_counter) and this process's CPU time (all threads) of a block."""

    def __enter__(self):
        self.t0, self.c0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        self.cpu = time.process_time() - self.c0


def peak_rss_bytes() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _cli(argv: list[str], out: Path) -> tuple[int, Timer]:
    from analysis.cli import main

    with out.open("w") as fh, contextlib.redirect_stdout(fh), Timer() as t:
        rc = main(argv)
    return rc, t


def task_duckdb_read(p: dict) -> dict:
    import duckdb

    path = p["csv"].replace("'", "''")
    opts = ", all_varchar = true" if p.get("all_varchar") or p.get("keep_file") else ""
    with Timer() as t:
        con = duckdb.connect(p["db"])
        con.execute(f"create table t as select * from read_csv('{path}'{opts})")
        if p.get("keep_file"):  # and the file itself once, compressed, as every import keeps it (imports.original)
            from analysis.ingest.read import compress

            con.execute("create table kept (original blob)")
            con.execute("insert into kept values (?)", [compress(Path(p["csv"]).read_bytes())])
        rows = con.execute("select count(*) from t").fetchone()[0]
        types = [r[1] for r in con.execute("describe t").fetchall()]
        con.close()
    return {"seconds": t.seconds, "cpu_s": t.cpu, "rows": rows, "column_types": types}


def task_import(p: dict) -> dict:
    out = Path(p["db"]).with_suffix(".import.json")
    rc, t = _cli(["import", p["csv"], "--db", p["db"], "--as-of", p["as_of"], "--json"], out)
    res = {"seconds": t.seconds, "cpu_s": t.cpu, "exit_code": rc}
    if rc == 0:
        imp = json.loads(out.read_text())["imports"][0]
        res.update({k: imp[k] for k in ("rows_read", "applications_added", "rows_rejected", "likely_duplicates")})
        res["warnings"] = imp["warnings"]
    else:
        res["error"] = f"the import exited with {rc} (its message is in the log)"
    return res


def task_report(p: dict) -> dict:
    out = Path(p["db"]).with_suffix(".report.json")
    rc, t = _cli(["report", "--db", p["db"], "--as-of", p["as_of"], "--json"], out)
    res = {"seconds": t.seconds, "cpu_s": t.cpu, "exit_code": rc}
    if rc == 0:
        rep = json.loads(out.read_text())
        res.update({"applications": rep["applications"], "funnel": {r["stage"]: r["reached"] for r in rep["funnel"]}})
    else:
        res["error"] = f"the report exited with {rc} (its message is in the log)"
    return res


def task_pandas(p: dict) -> dict:
    """What a user might write instead: read, parse the dates, map statuses to stages with a dict, count."""
    import pandas as pd

    from benchmarks.generate import LABELS

    ladder = ["applied", "screen", "interview", "final", "offer", "hired"]
    stage_of = {label.lower(): stage for (stage, _), labels in LABELS.items() for label in labels}
    outcome_of = {label.lower(): outcome for (_, outcome), labels in LABELS.items() for label in labels}
    timer = Timer().__enter__()
    df = pd.read_csv(p["csv"])
    df["applied"] = pd.to_datetime(df["Date Applied"], format="mixed", dayfirst=True, errors="coerce")
    status = df["Status"].str.strip().str.lower()
    df["stage"] = status.map(stage_of).fillna("applied")
    df["outcome"] = status.map(outcome_of).fillna("active")
    per_stage = df.groupby("stage").size().reindex(ladder, fill_value=0)
    reached = per_stage[::-1].cumsum()[::-1]  # reaching a rung means passing every rung below it
    outcomes = df.groupby("outcome").size()
    per_month = df.groupby(df["applied"].dt.to_period("M")).size()
    timer.__exit__(None, None, None)
    return {"seconds": timer.seconds, "cpu_s": timer.cpu, "rows": len(df),
            "dates_parsed": int(df["applied"].notna().sum()),
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
    phase = p.get("profile_phase", "reruns")  # with pyspy_out: profile the reruns, or the page's first visit
    spy = None

    def start_spy():
        import subprocess

        trace.reset()
        proc = subprocess.Popen([str(Path(sys.executable).with_name("py-spy")), "record", "--pid", str(os.getpid()),
                                 "--rate", "250", "--format", "raw", "--full-filenames", "-o", p["pyspy_out"]],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)  # let py-spy attach
        return proc

    def stop_spy(proc, seconds: float, what: str) -> None:
        import signal

        from benchmarks.sqltrace import report

        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=120)
        res_extra["sql_report"] = report(trace, seconds, n=12, title=f"SQL steps over {what}")

    res_extra: dict = {}
    with Timer() as first:
        at.run()
    problems += _problems(at)
    if trace is not None and phase == "visit":
        spy = start_spy()
    with Timer() as visit:
        at.switch_page(p["page"]).run()
    problems += _problems(at)
    if spy is not None:
        stop_spy(spy, visit.seconds, "the first visit")
        spy = None
    if trace is not None and phase == "reruns":
        spy = start_spy()
    reruns, cpus = [], []
    for _ in range(p.get("repeats", 3)):
        with Timer() as t:
            at.run()
        reruns.append(t.seconds)
        cpus.append(t.cpu)
        problems += _problems(at)
    res = {"seconds": statistics.median(reruns), "cpu_s": statistics.median(cpus), "first_run_s": first.seconds,
           "visit_s": visit.seconds, "visit_cpu_s": visit.cpu, "reruns_s": reruns, "reruns_cpu_s": cpus,
           "title": at.title[0].value if len(at.title) else None, "elements": len(list(at.main)),
           "problems": sorted(set(problems))}
    if spy is not None:
        stop_spy(spy, sum(reruns), f"{len(reruns)} reruns")
    res.update(res_extra)
    return res


def task_mail(p: dict) -> dict:
    """Read and classify a whole mailbox (the plan: every message parsed, classified, job mail matched); nothing
    is written, so the number is the reading itself."""
    from analysis import store
    from analysis.mail.importer import plan_mail

    con = store.connect(":memory:")
    with Timer() as t:
        plan = plan_mail(con, p["mbox"])
    return {"seconds": t.seconds, "cpu_s": t.cpu, "messages_read": plan.messages_read,
            "job_messages": len(plan.records), "other_dropped": plan.other_dropped, "by_kind": plan.by_kind,
            "messages_per_s": plan.messages_read / t.seconds}


TASKS = {"duckdb_read": task_duckdb_read, "import": task_import, "report": task_report, "pandas": task_pandas,
         "page": task_page, "mail": task_mail}


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
