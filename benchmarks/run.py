"""`make bench`: generate the benchmark files if missing, then measure, each measurement in a fresh process.

    python -m benchmarks.run                          # 1M and 100k applications (takes a while)
    python -m benchmarks.run --big 100000 --small 10000   # the quick variant

a. bare DuckDB read_csv of the big file into a fresh database (the floor)
b. our import of the big file (`python -m analysis import`): time (target <= 3x a, the median ratio of --pairs
   back-to-back runs) and peak RSS (target < 1 GiB)
c. our report on that database (`python -m analysis report --json`), against (a) (median ratio of --pairs)
d. the pandas pipeline a user might write instead, against ours (b + c)
e. our import at the small size against the big one: no worse than linear (time ratio <= 1.2 x rows ratio)
f. every dashboard page's rerun (Streamlit AppTest through app.py) at --page-rows applications against the same
   page at --page-base applications: at most 3x

Prints one table and writes benchmarks/out/results.json (all numbers, machine, versions, date).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
AS_OF = "2026-11-01"  # the generated applications run from 2024-01 to 2026-09
PAGES = ["overview", "funnel", "timeline", "rejections", "fit", "insights", "data"]
GIB = 1024 ** 3
MIB = 1024 ** 2


def label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def csv_for(rows: int) -> Path:
    return OUT / f"apps_{label(rows).lower()}.csv"


def ensure_file(rows: int, seed: int) -> Path:
    path = csv_for(rows)
    if not path.exists():
        print(f"generating {path.name} ({rows:,} applications) ...", flush=True)
        subprocess.run([sys.executable, "-m", "benchmarks.generate", "--rows", str(rows), "--out", str(path),
                        "--seed", str(seed)], cwd=ROOT, check=True)
    return path


class Runner:
    def __init__(self, work: Path, timeout: float):
        self.work = work
        self.timeout = timeout
        self.results: dict[str, dict] = {}
        (OUT / "logs").mkdir(parents=True, exist_ok=True)

    def child(self, name: str, task: str, params: dict) -> dict:
        """Run one measurement in a fresh process; its result plus the process's wall time and max RSS."""
        result = self.work / f"{name}.result.json"
        log = OUT / "logs" / f"{name}.log"
        env = {k: v for k, v in os.environ.items() if k not in ("HINDSIGHT_SHARED", "HINDSIGHT_DB")}
        env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
        cmd = [sys.executable, "-m", "benchmarks.child", task, "--params", json.dumps(params), "--result", str(result)]
        print(f"  {name} ...", end="", flush=True)
        code = code_state()
        t0 = time.perf_counter()
        with log.open("w") as fh:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > self.timeout and not timed_out:
                timed_out = True
                proc.send_signal(signal.SIGKILL)
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        res = json.loads(result.read_text()) if result.exists() else {}
        if timed_out:
            res["error"] = f"timed out after {self.timeout:.0f} s"
        elif not res:
            res["error"] = f"the process exited with {proc.returncode} and no result (see {log})"
        res["process_wall_s"] = wall
        res["process_maxrss_bytes"] = usage.ru_maxrss * 1024  # this child's own peak, from wait4
        res["log"] = str(log.relative_to(ROOT))
        res["code"] = f"{code['head'][:7]}+{(code['diff_sha1'] or 'clean')[:7]}"  # which code this measured
        self.results[name] = res
        msg = f" {res['seconds']:.2f} s" if "seconds" in res else ""
        msg += f", peak {res.get('peak_rss_bytes', res['process_maxrss_bytes']) / MIB:,.0f} MiB"
        print(msg + (f"  ERROR: {res['error']}" if "error" in res else ""), flush=True)
        return res


def fmt_s(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.3f} s" if x < 1 else f"{x:.2f} s" if x < 100 else f"{x:.0f} s"


def cpu(r: dict) -> str:
    return f" (cpu {r['cpu_s']:.1f} s)" if "cpu_s" in r else ""


def fmt_mem(b: float | None) -> str:
    return "-" if b is None else f"{b / MIB:,.0f} MiB"


def peak(r: dict) -> float | None:
    return r.get("peak_rss_bytes", r.get("process_maxrss_bytes"))


def code_state() -> dict:
    """Which code was measured: HEAD, and the uncommitted changes to analysis/, pages/ and app.py (others edit them
    while benchmarks run)."""
    import hashlib

    def git(*a):
        r = subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True)
        return r.stdout if r.returncode == 0 else ""

    diff = git("diff", "HEAD", "--", "analysis", "pages", "app.py")
    dirty = git("status", "--porcelain", "--", "analysis", "pages", "app.py").split("\n")[:-1]
    return {"head": git("rev-parse", "HEAD").strip(), "dirty_files": dirty,
            "diff_sha1": hashlib.sha1(diff.encode()).hexdigest() if diff else None}


def machine() -> dict:
    import duckdb
    import pandas
    import streamlit

    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    return {"cpu_count": os.cpu_count(), "cpus_usable": len(os.sched_getaffinity(0)), "mem_total_bytes": mem,
            "platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "python": sys.version.split()[0], "duckdb": duckdb.__version__, "pandas": pandas.__version__,
            "streamlit": streamlit.__version__, "loadavg_at_end": os.getloadavg()}


def verdict(ok: bool | None, r: dict | None = None) -> str:
    if r is not None and "error" in r:
        return "ERROR"
    return "info" if ok is None else ("PASS" if ok else "FAIL")


def has_seconds(*results: dict) -> bool:
    """Every one of these measurements ran and took a time (none is missing, none failed)."""
    return all("seconds" in r for r in results)


@dataclass
class Bench:
    """One `make bench` run: its arguments and files, the work folder, the table, and what each step measured."""

    args: argparse.Namespace
    files: dict[int, Path]
    work: Path
    run: Runner
    rows: list[dict] = field(default_factory=list)  # the table
    dbs: dict[int, Path] = field(default_factory=dict)  # applications -> the database our import made
    got: dict[str, dict] = field(default_factory=dict)  # step ('a', 'a3', 'b', ...) -> its measurement

    @property
    def page_rows(self) -> int:
        return self.args.page_rows or self.args.small

    def row(self, measurement: str, value: str, target: str = "-", result: str = "info", key: str | None = None):
        self.rows.append({"measurement": measurement, "value": value, "target": target, "result": result,
                          "key": key})

    def import_db(self, rows: int) -> Path:
        self.dbs[rows] = self.work / f"import_{label(rows)}.duckdb"
        return self.dbs[rows]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--big", type=int, default=1_000_000, help="applications in the big file (a-e)")
    ap.add_argument("--small", type=int, default=100_000, help="applications in the small file (e)")
    ap.add_argument("--page-rows", type=int, default=None, help="applications for the page reruns (default: --small)")
    ap.add_argument("--page-base", type=int, default=100, help="applications the page reruns are compared with")
    ap.add_argument("--repeats", type=int, default=3, help="timed reruns per page (the median is reported)")
    ap.add_argument("--pairs", type=int, default=3,
                    help="(bare read, import) and (bare read, report) pairs run back to back for b/a and c/a (the "
                         "median ratio is reported)")
    ap.add_argument("--steps", default="abcdefg", help="which measurements to run, e.g. 'bef'")
    ap.add_argument("--mail", type=int, default=100_000, help="messages in the generated mailbox (g)")
    ap.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names (f)")
    ap.add_argument("--seed", type=int, default=20251101)
    ap.add_argument("--timeout", type=float, default=3 * 3600, help="seconds before a measurement is killed")
    ap.add_argument("--keep", action="store_true", help="keep the databases (their folder is printed)")
    ap.add_argument("--out", type=Path, default=OUT / "results.json")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target fails (default: only on errors)")
    return ap.parse_args(argv)


def bare_read(bench: Bench) -> None:
    """a. DuckDB's own read_csv of the big file: as it is, all varchar (as we read), and keeping the file once."""
    big, big_l = bench.files[bench.args.big], label(bench.args.big)
    print(f"a. bare DuckDB read_csv of {big_l}")
    variants = [("a", f"a_duckdb_read_{big_l}", {}), ("a2", f"a_duckdb_read_varchar_{big_l}", {"all_varchar": True}),
                ("a3", f"a_duckdb_read_keep_{big_l}", {"keep_file": True})]
    for key, name, extra in variants:
        db = bench.work / f"{key}.duckdb"
        bench.got[key] = bench.run.child(name, "duckdb_read", {"csv": str(big), "db": str(db), **extra})
        db.unlink(missing_ok=True)
    a, a2, a3 = bench.got["a"], bench.got["a2"], bench.got["a3"]
    bench.row(f"a. DuckDB bare read_csv -> table, {big_l} rows",
              f"{fmt_s(a.get('seconds'))}{cpu(a)}, peak {fmt_mem(peak(a))}", "baseline", verdict(None, a), "a")
    bench.row(f"a'. same with all_varchar=true (as our importer reads), {big_l}",
              f"{fmt_s(a2.get('seconds'))}{cpu(a2)}, peak {fmt_mem(peak(a2))}", "baseline", verdict(None, a2), "a2")
    bench.row(f"a''. a' plus the file itself kept once, zstd-compressed (as every import keeps it), {big_l}",
              f"{fmt_s(a3.get('seconds'))}{cpu(a3)}, peak {fmt_mem(peak(a3))}", "floor of any import",
              verdict(None, a3), "a3")


def big_import(bench: Bench) -> None:
    """b. our import of the big file: its time, against the bare read (a), and its peak memory."""
    args, big_l = bench.args, label(bench.args.big)
    print(f"b. our import of {big_l}")
    b = bench.got["b"] = bench.run.child(f"b_import_{big_l}", "import", {
        "csv": str(bench.files[args.big]), "db": str(bench.import_db(args.big)), "as_of": AS_OF})
    ok_rows = b.get("rows_read") == args.big and b.get("rows_rejected") == 0
    per_row = b["seconds"] / args.big * 1e6 if "seconds" in b else None
    bench.row(f"b. our import, {big_l} rows (python -m analysis import)",
              f"{fmt_s(b.get('seconds'))}{cpu(b)}, {per_row or 0:.0f} us/row, {b.get('applications_added', 0):,} "
              f"added, {b.get('likely_duplicates', 0):,} flagged likely duplicates" if "seconds" in b else "-",
              "-", verdict(None, b) if ok_rows or "error" in b else "ERROR", "b_time")
    a, a3 = bench.got.get("a", {}), bench.got.get("a3", {})
    if has_seconds(a, b):
        ratio, shown = median_ratio([b["seconds"] / a["seconds"], *paired_ratios(bench, "import", args.pairs - 1)])
        bench.row("b/a. our import / bare read of the same file", shown, "<= 3x", verdict(ratio <= 3, b), "b_vs_a")
        if has_seconds(a3):
            bench.row("b/a''. our import / the read that also keeps the file",
                      f"{b['seconds'] / a3['seconds']:.2f}x", "- (info)", "info", "b_vs_a3")
    rss = peak(b)
    bench.row(f"b. our import, {big_l} rows: peak RSS", fmt_mem(rss), "< 1 GiB",
              verdict(rss is not None and rss < GIB, b), "b_rss")


def paired_ratios(bench: Bench, task: str, n: int) -> list[float]:
    """n more (bare read, task) pairs, each run back to back, and the task's time over the read's: this machine's
    speed drifts by a fifth within minutes, so the ratio of two runs taken together is steadier than either time.
    task: 'import' (a fresh database each time) or 'report' (on the database the big import made)."""
    args, big_l = bench.args, label(bench.args.big)
    out = []
    for i in range(n):
        db_a, db_b = bench.work / f"pair{i}_a.duckdb", bench.work / f"pair{i}_{task}.duckdb"
        a = bench.run.child(f"a_duckdb_read_{big_l}_{task}_pair{i + 2}", "duckdb_read",
                            {"csv": str(bench.files[args.big]), "db": str(db_a)})
        params = ({"csv": str(bench.files[args.big]), "db": str(db_b), "as_of": AS_OF} if task == "import"
                  else {"db": str(bench.dbs[args.big]), "as_of": AS_OF})
        b = bench.run.child(f"{task}_{big_l}_pair{i + 2}", task, params)
        for db in (db_a, db_b):
            db.unlink(missing_ok=True)
        if has_seconds(a, b):
            out.append(b["seconds"] / a["seconds"])
    return out


def median_ratio(ratios: list[float]) -> tuple[float, str]:
    """The median ratio, and how it is shown (with every pair's, when there are several)."""
    ratio = statistics.median(ratios)
    if len(ratios) == 1:
        return ratio, f"{ratio:.2f}x"
    return ratio, (f"{ratio:.2f}x (median of {len(ratios)}, the last {len(ratios) - 1} each right after its own bare "
                   "read: " + ", ".join(f"{r:.2f}x" for r in ratios) + ")")


def report_time(bench: Bench) -> None:
    """c. our report on the database the big import made, against the bare read (a)."""
    big_l = label(bench.args.big)
    print(f"c. our report on the {big_l} database")
    c = bench.got["c"] = bench.run.child(f"c_report_{big_l}", "report",
                                         {"db": str(bench.dbs[bench.args.big]), "as_of": AS_OF})
    bench.row(f"c. our report, {big_l} applications (report --json)",
              f"{fmt_s(c.get('seconds'))}{cpu(c)}, peak {fmt_mem(peak(c))}", "-", verdict(None, c), "c")
    a = bench.got.get("a", {})
    if has_seconds(a, c):
        ratio, shown = median_ratio([c["seconds"] / a["seconds"],
                                     *paired_ratios(bench, "report", bench.args.pairs - 1)])
        bench.row("c/a. report time / bare read time", shown, "< 1x", verdict(ratio < 1, c), "c_vs_a")


def pandas_pipeline(bench: Bench) -> None:
    """d. the pandas script a person might write instead, against our import and report (b + c)."""
    args, big_l = bench.args, label(bench.args.big)
    print(f"d. pandas pipeline on {big_l}")
    d = bench.got["d"] = bench.run.child(f"d_pandas_{big_l}", "pandas", {"csv": str(bench.files[args.big])})
    bench.row(f"d. pandas read_csv + to_datetime(mixed) + dict map + groupby, {big_l}",
              f"{fmt_s(d.get('seconds'))}{cpu(d)}, peak {fmt_mem(peak(d))}, "
              f"{d.get('dates_parsed', 0) / args.big:.1%} dates read", "-", verdict(None, d), "d")
    b, c = bench.got.get("b", {}), bench.got.get("c", {})
    if not has_seconds(b, c, d):
        return
    ours = b["seconds"] + c["seconds"]
    bench.row("d. pandas / ours end-to-end (b + c)", f"{fmt_s(d['seconds'])} / {fmt_s(ours)} = "
              f"{d['seconds'] / ours:.2f}x", ">= 3x (ours faster)", verdict(d["seconds"] / ours >= 3, d), "d_vs_ours")
    # after the first import, every further look is our report on the stored data, while the pandas script reads
    # and parses the file again
    bench.row("d'. every later look: pandas pipeline again (d) / our report on the stored data (c)",
              f"{fmt_s(d['seconds'])} / {fmt_s(c['seconds'])} = {d['seconds'] / c['seconds']:.2f}x", "- (info)",
              "info", "d_vs_report")
    if c.get("funnel") and d.get("funnel"):
        bench.row("d. funnel counts, ours vs pandas (reached applied/screen/interview/offer)",
                  " / ".join(f"{c['funnel'].get(s)} vs {d['funnel'].get(s)}"
                             for s in ("applied", "screen", "interview", "offer")), "-", "info", "d_funnel")


def small_import(bench: Bench) -> None:
    """e. our import of the small file: the big import's time no worse than linear in the rows."""
    args, big_l, small_l = bench.args, label(bench.args.big), label(bench.args.small)
    print(f"e. our import of {small_l}")
    e = bench.got["e"] = bench.run.child(f"e_import_{small_l}", "import", {
        "csv": str(bench.files[args.small]), "db": str(bench.import_db(args.small)), "as_of": AS_OF})
    bench.row(f"e. our import, {small_l} rows", f"{fmt_s(e.get('seconds'))}{cpu(e)}, "
              f"{(e.get('seconds') or 0) / args.small * 1e6:.0f} us/row, peak {fmt_mem(peak(e))}", "-",
              verdict(None, e), "e_small")
    b = bench.got.get("b", {})
    if has_seconds(b, e):
        limit = 1.2 * args.big / args.small
        ratio = b["seconds"] / e["seconds"]
        bench.row(f"e. import time {big_l} / {small_l} (rows x{args.big / args.small:g})", f"{ratio:.2f}x",
                  f"<= {limit:.1f}x (linear + 20%)", verdict(ratio <= limit), "e_ratio")


def page_reruns(bench: Bench) -> None:
    """f. every page's rerun at --page-rows applications against the same page at --page-base: at most 3x."""
    args, base, top = bench.args, bench.args.page_base, bench.page_rows
    base_l, page_l = label(base), label(top)
    print(f"f. page reruns at {base_l} and {page_l} applications")
    for n in (base, top):
        if n not in bench.dbs or not bench.dbs[n].exists():
            bench.run.child(f"f_setup_import_{label(n)}", "import",
                            {"csv": str(bench.files[n]), "db": str(bench.import_db(n)), "as_of": AS_OF})
    for page in [p.strip() for p in args.pages.split(",") if p.strip()]:
        lo, hi = (bench.run.child(f"f_page_{page}_{label(n)}", "page", {
            "db": str(bench.dbs[n]), "page": f"pages/{page}.py", "repeats": args.repeats, "timeout": args.timeout})
            for n in (base, top))
        bad = [r for r in (lo, hi) if "error" in r or r.get("problems")]
        for r in bad:
            r.setdefault("error", "; ".join(r["problems"])[:300])
        if not has_seconds(lo, hi):
            bench.row(f"f. {page}.py rerun, {base_l} -> {page_l}", "-", "<= 3x", "ERROR", f"f_{page}")
            continue
        ratio = hi["seconds"] / lo["seconds"]
        bench.row(f"f. {page}.py rerun (median of {args.repeats}), {base_l} -> {page_l}",
                  f"{fmt_s(lo['seconds'])} -> {fmt_s(hi['seconds'])} = {ratio:.2f}x "
                  f"(cpu {lo.get('cpu_s', 0):.2f} -> {hi.get('cpu_s', 0):.2f} s)", "<= 3x",
                  "ERROR" if bad else verdict(ratio <= 3), f"f_{page}")
        # the app's first run lands on the overview: that run is the overview's cold one
        cold = "first_run_s" if page == "overview" else "visit_s"
        bench.row(f"f'. {page}.py first visit (cold cache{', whole app' if page == 'overview' else ''}), "
                  f"{base_l} -> {page_l}",
                  f"{fmt_s(lo[cold])} -> {fmt_s(hi[cold])} = {hi[cold] / lo[cold]:.2f}x", "-", "info",
                  f"f_visit_{page}")


def mailbox_read(bench: Bench) -> None:
    """g. reading and classifying a Takeout-like mailbox, and half of it: speed, memory, linearity."""
    n = bench.args.mail
    print(f"g. reading a Takeout-like mailbox of {label(n)} messages and half of it")
    boxes = {}
    for size in (n, n // 2):
        boxes[size] = OUT / f"mail_{label(size).lower()}.mbox"
        if not boxes[size].exists():
            subprocess.run([sys.executable, "-m", "benchmarks.generate_mail", "--messages", str(size), "--out",
                            str(boxes[size])], cwd=ROOT, check=True)
    g = bench.run.child(f"g_mail_{label(n)}", "mail", {"mbox": str(boxes[n])})
    g2 = bench.run.child(f"g_mail_{label(n // 2)}", "mail", {"mbox": str(boxes[n // 2])})
    if has_seconds(g):
        rate = g["messages_per_s"]
        bench.row(f"g. mailbox of {label(n)} messages ({boxes[n].stat().st_size / MIB:,.0f} MiB, 2% job mail): "
                  "read + classify", f"{fmt_s(g['seconds'])}{cpu(g)}, {rate:,.0f} msg/s, {g['job_messages']} job",
                  ">= 2,000 msg/s", verdict(rate >= 2000, g), "g_rate")
        rss = peak(g)
        bench.row(f"g. mailbox of {label(n)}: peak RSS", fmt_mem(rss), "< 500 MiB",
                  verdict(rss is not None and rss < 500 * MIB, g), "g_rss")
    if has_seconds(g, g2):
        ratio = g["seconds"] / g2["seconds"]
        bench.row(f"g. mailbox time {label(n)} / {label(n // 2)} (messages x2)", f"{ratio:.2f}x",
                  "<= 2.4x (linear + 20%)", verdict(ratio <= 2.4), "g_ratio")


def measure(bench: Bench) -> None:
    """The steps asked for, in order; a step that needs another's database or times runs only when it has them."""
    steps = set(bench.args.steps)
    if "a" in steps:
        bare_read(bench)
    if steps & {"b", "c", "d", "e"}:
        big_import(bench)
    if steps & {"c", "d"} and "error" not in bench.got["b"]:
        report_time(bench)
    if "d" in steps:
        pandas_pipeline(bench)
    if "e" in steps:
        small_import(bench)
    if "f" in steps:
        page_reruns(bench)
    if "g" in steps:
        mailbox_read(bench)


def write_results(bench: Bench, started: dt.datetime, load_at_start: tuple[float, float, float],
                  code_at_start: dict) -> dict:
    """results.json: every number, the machine, the versions, the dates and which code was measured."""
    args = bench.args
    report = {"date": started.isoformat(timespec="seconds"),
              "finished": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
              "machine": {**machine(), "loadavg_at_start": load_at_start},
              "args": {k: str(v) for k, v in vars(args).items()},
              "code_at_start": code_at_start, "code_at_end": code_state(), "as_of": AS_OF,
              "files": {label(n): {"rows": n, "path": str(p.relative_to(ROOT)), "bytes": p.stat().st_size}
                        for n, p in bench.files.items()},
              "table": bench.rows, "measurements": bench.run.results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, default=str))
    return report


def print_machine(report: dict) -> None:
    m, code, load_at_start = report["machine"], report["code_at_end"], report["machine"]["loadavg_at_start"]
    print(f"\n{m['cpu_count']} CPUs, {m['mem_total_bytes'] / GIB:.0f} GiB, Python {m['python']}, DuckDB {m['duckdb']}, "
          f"pandas {m['pandas']}, Streamlit {m['streamlit']}; load average at start "
          f"{load_at_start[0]:.1f}, at end {m['loadavg_at_end'][0]:.1f}; code: {code['head'][:7]}"
          + (f" + uncommitted changes in {len(code['dirty_files'])} file(s)" if code["dirty_files"] else "")
          + ("" if code == report["code_at_start"] else " (the code changed during the run)"))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = sorted({args.big, args.small, args.page_rows or args.small, args.page_base})
    files = {n: ensure_file(n, args.seed) for n in sizes}
    work = Path(tempfile.mkdtemp(prefix="hindsight-bench-"))
    bench = Bench(args, files, work, Runner(work, args.timeout))
    started = dt.datetime.now().astimezone()
    load_at_start = os.getloadavg()
    code_at_start = code_state()
    print(f"benchmark files: {', '.join(f'{p.name} ({p.stat().st_size / MIB:,.0f} MiB)' for p in files.values())}")
    print(f"work folder: {work}")
    try:
        measure(bench)
    finally:
        if args.keep:
            print(f"databases kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print_table(bench.rows)
    print_machine(write_results(bench, started, load_at_start, code_at_start))
    print(f"\nwrote {args.out}")
    failed = [r for r in bench.rows if r["result"] in ("FAIL", "ERROR")]
    return 1 if failed and (args.strict or any(r["result"] == "ERROR" for r in failed)) else 0


def print_table(rows: list[dict]) -> None:
    heads = ["measurement", "value", "target", "result"]
    widths = [max(len(h), *(len(str(r[h])) for r in rows)) if rows else len(h) for h in heads]
    line = "  ".join("-" * w for w in widths)
    print("\n" + "  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)))
    print(line)
    for r in rows:
        print("  ".join(str(r[h]).ljust(w) for h, w in zip(heads, widths, strict=True)))


if __name__ == "__main__":
    sys.exit(main())
