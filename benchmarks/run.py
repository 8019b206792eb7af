"""`make bench`: generate the benchmark files if missing, then measure, each measurement in a fresh process.

    python -m benchmarks.run                          # 1M and 100k applications (takes a while)
    python -m benchmarks.run --big 100000 --small 10000   # the quick variant

a. bare DuckDB read_csv of the big file into a fresh database (the floor)
b. our import of the big file (`python -m analysis import`): time and peak RSS (target < 1.5 GiB)
c. our report on that database (`python -m analysis report --json`), against (a)
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
import subprocess
import sys
import tempfile
import time
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
    return {"head": git("rev-parse", "HEAD").strip(), "dirty_files": git("status", "--porcelain", "--", "analysis", "pages",
                                                                          "app.py").split("\n")[:-1],
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    ap.add_argument("--big", type=int, default=1_000_000, help="applications in the big file (a-e)")
    ap.add_argument("--small", type=int, default=100_000, help="applications in the small file (e)")
    ap.add_argument("--page-rows", type=int, default=None, help="applications for the page reruns (default: --small)")
    ap.add_argument("--page-base", type=int, default=100, help="applications the page reruns are compared with")
    ap.add_argument("--repeats", type=int, default=3, help="timed reruns per page (the median is reported)")
    ap.add_argument("--steps", default="abcdefg", help="which measurements to run, e.g. 'bef'")
    ap.add_argument("--mail", type=int, default=100_000, help="messages in the generated mailbox (g)")
    ap.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names (f)")
    ap.add_argument("--seed", type=int, default=20251101)
    ap.add_argument("--timeout", type=float, default=3 * 3600, help="seconds before a measurement is killed")
    ap.add_argument("--keep", action="store_true", help="keep the databases (their folder is printed)")
    ap.add_argument("--out", type=Path, default=OUT / "results.json")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target fails (default: only on errors)")
    args = ap.parse_args(argv)
    page_rows = args.page_rows or args.small
    steps = set(args.steps)
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    big_l, small_l, page_l, base_l = label(args.big), label(args.small), label(page_rows), label(args.page_base)

    OUT.mkdir(parents=True, exist_ok=True)
    files = {n: ensure_file(n, args.seed) for n in sorted({args.big, args.small, page_rows, args.page_base})}
    big_csv, small_csv = files[args.big], files[args.small]
    work = Path(tempfile.mkdtemp(prefix="hindsight-bench-"))
    run = Runner(work, args.timeout)
    rows: list[dict] = []  # the table

    def row(measurement, value, target="-", result="info", key=None):
        rows.append({"measurement": measurement, "value": value, "target": target, "result": result, "key": key})

    def verdict(ok: bool | None, r: dict | None = None) -> str:
        if r is not None and "error" in r:
            return "ERROR"
        return "info" if ok is None else ("PASS" if ok else "FAIL")

    started = dt.datetime.now().astimezone()
    load_at_start = os.getloadavg()
    code_at_start = code_state()
    print(f"benchmark files: {', '.join(f'{p.name} ({p.stat().st_size / MIB:,.0f} MiB)' for p in files.values())}")
    print(f"work folder: {work}")
    try:
        dbs = {}
        a = a3 = b = c = d = e = None
        if "a" in steps:
            print(f"a. bare DuckDB read_csv of {big_l}")
            a = run.child(f"a_duckdb_read_{big_l}", "duckdb_read", {"csv": str(big_csv), "db": str(work / "a.duckdb")})
            (work / "a.duckdb").unlink(missing_ok=True)
            a2 = run.child(f"a_duckdb_read_varchar_{big_l}", "duckdb_read",
                           {"csv": str(big_csv), "db": str(work / "a2.duckdb"), "all_varchar": True})
            (work / "a2.duckdb").unlink(missing_ok=True)
            a3 = run.child(f"a_duckdb_read_json_{big_l}", "duckdb_read",
                           {"csv": str(big_csv), "db": str(work / "a3.duckdb"), "raw_json": True})
            (work / "a3.duckdb").unlink(missing_ok=True)
            row(f"a. DuckDB bare read_csv -> table, {big_l} rows", f"{fmt_s(a.get('seconds'))}{cpu(a)}, peak {fmt_mem(peak(a))}",
                "baseline", verdict(None, a), "a")
            row(f"a'. same with all_varchar=true (as our importer reads), {big_l}",
                f"{fmt_s(a2.get('seconds'))}{cpu(a2)}, peak {fmt_mem(peak(a2))}", "baseline", verdict(None, a2), "a2")
            row(f"a''. a' plus each row as a JSON array (the original row design.md asks an import to keep), {big_l}",
                f"{fmt_s(a3.get('seconds'))}{cpu(a3)}, peak {fmt_mem(peak(a3))}", "floor of any import", verdict(None, a3),
                "a3")
        if steps & {"b", "c", "d", "e"}:
            print(f"b. our import of {big_l}")
            dbs[args.big] = work / f"import_{big_l}.duckdb"
            b = run.child(f"b_import_{big_l}", "import", {"csv": str(big_csv), "db": str(dbs[args.big]), "as_of": AS_OF})
            ok_rows = b.get("rows_read") == args.big and b.get("rows_rejected") == 0
            per_row = b["seconds"] / args.big * 1e6 if "seconds" in b else None
            row(f"b. our import, {big_l} rows (python -m analysis import)",
                f"{fmt_s(b.get('seconds'))}{cpu(b)}, {per_row or 0:.0f} us/row, {b.get('applications_added', 0):,} added, "
                f"{b.get('likely_duplicates', 0):,} flagged likely duplicates"
                if "seconds" in b else "-", "-", verdict(None, b) if ok_rows or "error" in b else "ERROR", "b_time")
            if a and "seconds" in a and "seconds" in b:
                ratio = b["seconds"] / a["seconds"]
                row("b/a. our import / bare read of the same file", f"{ratio:.2f}x", "<= 2x", verdict(ratio <= 2, b),
                    "b_vs_a")
                if "seconds" in (a3 or {}):
                    row("b/a''. our import / the read that also keeps each row as JSON", f"{b['seconds'] / a3['seconds']:.2f}x",
                        "- (info)", "info", "b_vs_a3")
            rss = peak(b)
            row(f"b. our import, {big_l} rows: peak RSS", fmt_mem(rss), "< 1.5 GiB",
                verdict(rss is not None and rss < 1.5 * GIB, b), "b_rss")
        if steps & {"c", "d"} and "error" not in (b or {}):
            print(f"c. our report on the {big_l} database")
            c = run.child(f"c_report_{big_l}", "report", {"db": str(dbs[args.big]), "as_of": AS_OF})
            row(f"c. our report, {big_l} applications (report --json)",
                f"{fmt_s(c.get('seconds'))}{cpu(c)}, peak {fmt_mem(peak(c))}", "-", verdict(None, c), "c")
            if a and "seconds" in a and "seconds" in c:
                ratio = c["seconds"] / a["seconds"]
                row("c/a. report time / bare read time", f"{ratio:.2f}x", "< 1x", verdict(ratio < 1, c), "c_vs_a")
        if "d" in steps:
            print(f"d. pandas pipeline on {big_l}")
            d = run.child(f"d_pandas_{big_l}", "pandas", {"csv": str(big_csv)})
            row(f"d. pandas read_csv + to_datetime(mixed) + dict map + groupby, {big_l}",
                f"{fmt_s(d.get('seconds'))}{cpu(d)}, peak {fmt_mem(peak(d))}, {d.get('dates_parsed', 0) / args.big:.1%} dates read",
                "-", verdict(None, d), "d")
            if b and c and "seconds" in b and "seconds" in c and "seconds" in d:
                ours = b["seconds"] + c["seconds"]
                row("d. pandas / ours end-to-end (b + c)", f"{fmt_s(d['seconds'])} / {fmt_s(ours)} = "
                    f"{d['seconds'] / ours:.2f}x", ">= 3x (ours faster)", verdict(d["seconds"] / ours >= 3, d),
                    "d_vs_ours")
                # after the first import, every further look is our report on the stored data, while the pandas
                # script reads and parses the file again
                row("d'. every later look: pandas pipeline again (d) / our report on the stored data (c)",
                    f"{fmt_s(d['seconds'])} / {fmt_s(c['seconds'])} = {d['seconds'] / c['seconds']:.2f}x", "- (info)",
                    "info", "d_vs_report")
                if c.get("funnel") and d.get("funnel"):
                    row("d. funnel counts, ours vs pandas (reached applied/screen/interview/offer)",
                        " / ".join(f"{c['funnel'].get(s)} vs {d['funnel'].get(s)}"
                                   for s in ("applied", "screen", "interview", "offer")), "-", "info", "d_funnel")
        if "e" in steps:
            print(f"e. our import of {small_l}")
            dbs[args.small] = work / f"import_{small_l}.duckdb"
            e = run.child(f"e_import_{small_l}", "import",
                          {"csv": str(small_csv), "db": str(dbs[args.small]), "as_of": AS_OF})
            row(f"e. our import, {small_l} rows", f"{fmt_s(e.get('seconds'))}{cpu(e)}, "
                f"{(e.get('seconds') or 0) / args.small * 1e6:.0f} us/row, peak {fmt_mem(peak(e))}", "-",
                verdict(None, e), "e_small")
            if b and "seconds" in b and "seconds" in e:
                limit = 1.2 * args.big / args.small
                ratio = b["seconds"] / e["seconds"]
                row(f"e. import time {big_l} / {small_l} (rows x{args.big / args.small:g})", f"{ratio:.2f}x",
                    f"<= {limit:.1f}x (linear + 20%)", verdict(ratio <= limit), "e_ratio")
        if "f" in steps:
            print(f"f. page reruns at {base_l} and {page_l} applications")
            for n in (args.page_base, page_rows):
                if n not in dbs or not dbs[n].exists():
                    dbs[n] = work / f"import_{label(n)}.duckdb"
                    run.child(f"f_setup_import_{label(n)}", "import",
                              {"csv": str(files[n]), "db": str(dbs[n]), "as_of": AS_OF})
            for page in pages:
                rs = {}
                for n in (args.page_base, page_rows):
                    rs[n] = run.child(f"f_page_{page}_{label(n)}", "page",
                                      {"db": str(dbs[n]), "page": f"pages/{page}.py", "repeats": args.repeats,
                                       "timeout": args.timeout})
                lo, hi = rs[args.page_base], rs[page_rows]
                bad = [r for r in (lo, hi) if "error" in r or r.get("problems")]
                for r in bad:
                    r.setdefault("error", "; ".join(r["problems"])[:300])
                if "seconds" in lo and "seconds" in hi:
                    ratio = hi["seconds"] / lo["seconds"]
                    row(f"f. {page}.py rerun (median of {args.repeats}), {base_l} -> {page_l}",
                        f"{fmt_s(lo['seconds'])} -> {fmt_s(hi['seconds'])} = {ratio:.2f}x "
                        f"(cpu {lo.get('cpu_s', 0):.2f} -> {hi.get('cpu_s', 0):.2f} s)", "<= 3x",
                        "ERROR" if bad else verdict(ratio <= 3), f"f_{page}")
                    # the app's first run lands on the overview: that run is the overview's cold one
                    cold = "first_run_s" if page == "overview" else "visit_s"
                    row(f"f'. {page}.py first visit (cold cache{', whole app' if page == 'overview' else ''}), "
                        f"{base_l} -> {page_l}",
                        f"{fmt_s(lo[cold])} -> {fmt_s(hi[cold])} = {hi[cold] / lo[cold]:.2f}x", "-", "info",
                        f"f_visit_{page}")
                else:
                    row(f"f. {page}.py rerun, {base_l} -> {page_l}", "-", "<= 3x", "ERROR", f"f_{page}")
        if "g" in steps:
            print(f"g. reading a Takeout-like mailbox of {label(args.mail)} messages and half of it")
            boxes = {}
            for n in (args.mail, args.mail // 2):
                boxes[n] = OUT / f"mail_{label(n).lower()}.mbox"
                if not boxes[n].exists():
                    subprocess.run([sys.executable, "-m", "benchmarks.generate_mail", "--messages", str(n), "--out",
                                    str(boxes[n])], cwd=ROOT, check=True)
            g = run.child(f"g_mail_{label(args.mail)}", "mail", {"mbox": str(boxes[args.mail])})
            g2 = run.child(f"g_mail_{label(args.mail // 2)}", "mail", {"mbox": str(boxes[args.mail // 2])})
            if "seconds" in g:
                rate = g["messages_per_s"]
                row(f"g. mailbox of {label(args.mail)} messages ({boxes[args.mail].stat().st_size / MIB:,.0f} MiB, 2% job "
                    f"mail): read + classify", f"{fmt_s(g['seconds'])}{cpu(g)}, {rate:,.0f} msg/s, {g['job_messages']} job",
                    ">= 2,000 msg/s", verdict(rate >= 2000, g), "g_rate")
                row(f"g. mailbox of {label(args.mail)}: peak RSS", fmt_mem(peak(g)), "< 500 MiB",
                    verdict(peak(g) is not None and peak(g) < 500 * MIB, g), "g_rss")
            if "seconds" in g and "seconds" in g2:
                ratio = g["seconds"] / g2["seconds"]
                row(f"g. mailbox time {label(args.mail)} / {label(args.mail // 2)} (messages x2)", f"{ratio:.2f}x",
                    "<= 2.4x (linear + 20%)", verdict(ratio <= 2.4), "g_ratio")
    finally:
        if args.keep:
            print(f"databases kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print_table(rows)
    report = {"date": started.isoformat(timespec="seconds"), "finished": dt.datetime.now().astimezone().isoformat(
        timespec="seconds"), "machine": {**machine(), "loadavg_at_start": load_at_start}, "args": {k: str(v) for k, v in vars(args).items()},
        "code_at_start": code_at_start, "code_at_end": code_state(), "as_of": AS_OF, "files": {label(n): {"rows": n, "path": str(p.relative_to(ROOT)), "bytes": p.stat().st_size}
                                  for n, p in files.items()},
        "table": rows, "measurements": run.results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, default=str))
    m, code = report["machine"], report["code_at_end"]
    print(f"\n{m['cpu_count']} CPUs, {m['mem_total_bytes'] / GIB:.0f} GiB, Python {m['python']}, DuckDB {m['duckdb']}, "
          f"pandas {m['pandas']}, Streamlit {m['streamlit']}; load average at start "
          f"{load_at_start[0]:.1f}, at end {m['loadavg_at_end'][0]:.1f}; code: {code['head'][:7]}"
          + (f" + uncommitted changes in {len(code['dirty_files'])} file(s)" if code["dirty_files"] else "")
          + ("" if code == code_at_start else " (the code changed during the run)"))
    print(f"\nwrote {args.out}")
    failed = [r for r in rows if r["result"] in ("FAIL", "ERROR")]
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
