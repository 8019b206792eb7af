"""Where the time goes: our import and a page's rerun, by Python function and by SQL step.

    python -m benchmarks.profile import --csv benchmarks/out/apps_1m.csv
    python -m benchmarks.profile page --page insights --csv benchmarks/out/apps_100k.csv   (or --db FILE)

import: (1) py-spy samples a plain import in a child process (no tracing overhead): time per function, self and
inclusive; (2) in this process, cProfile plus a timing wrapper around the DuckDB connection: time per SQL
statement with the function that ran it. page: the page is run as in benchmarks.run (first run, switch, then
reruns) with py-spy attached only during the reruns, and the same SQL timing. Reports go to benchmarks/out/.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.run import AS_OF, OUT, ROOT

_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>.*?)(?::(?P<line>\d+))?\)$")


def _short(path: str) -> str:
    """analysis/x.py, pages/x.py, or the path inside site-packages / the standard library."""
    for root in ("/analysis/", "/pages/", "/benchmarks/"):
        if root in path and "/site-packages/" not in path:
            return root.strip("/") + "/" + path.split(root, 1)[1]
    for root in ("/site-packages/", "/lib/python3.11/"):
        if root in path:
            return path.split(root, 1)[1]
    return path.rsplit("/", 1)[-1]


def summarise_collapsed(path: Path, n: int = 25, thread_filter: str | None = None) -> str:
    """Self and inclusive shares per function from py-spy's raw (collapsed) output."""
    self_c: Counter = Counter()
    incl: Counter = Counter()
    ours: Counter = Counter()  # inclusive, only frames in analysis/ or pages/ (with line: which statement)
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        if thread_filter and thread_filter not in stack:
            continue
        c = int(count)
        total += c
        frames = []
        for fr in stack.split(";"):
            m = _FRAME.match(fr.strip())
            frames.append((m.group("func"), _short(m.group("file")), m.group("line")) if m else (fr, "", None))
        if not frames:
            continue
        f, file, _ = frames[-1]
        self_c[f"{f} ({file})"] += c
        seen = set()
        for f, file, _ln in frames:
            key = f"{f} ({file})"
            if key not in seen:
                seen.add(key)
                incl[key] += c
        seen = set()
        for f, file, ln in frames:
            if file.startswith(("analysis/", "pages/")):
                key = f"{file}:{ln} {f}"
                if key not in seen:
                    seen.add(key)
                    ours[key] += c
    if not total:
        return "(no samples)"
    out = [f"{total} samples"]
    out.append("top functions by SELF time (where the CPU actually is):")
    out += [f"  {c / total:6.1%}  {k}" for k, c in self_c.most_common(n)]
    out.append("top functions by INCLUSIVE time (the function and what it calls):")
    out += [f"  {c / total:6.1%}  {k}" for k, c in incl.most_common(n)]
    out.append("our code's lines by inclusive time (analysis/ and pages/: which statement):")
    out += [f"  {c / total:6.1%}  {k}" for k, c in ours.most_common(n)]
    return "\n".join(out)


def _hwm() -> int:
    from benchmarks.sqltrace import _mem

    return _mem()[1]


def pyspy() -> str:
    exe = Path(sys.executable).with_name("py-spy")
    if exe.exists():
        return str(exe)
    found = shutil.which("py-spy")
    if not found:
        sys.exit("py-spy is not installed: .venv/bin/pip install py-spy")
    return found


def profile_import(csv: Path, out: Path, rate: int, memory_limit: str | None) -> None:
    from analysis import store
    from analysis.ingest.importer import ImportOptions, import_file
    from benchmarks.sqltrace import Trace, TracingConnection, report

    work = Path(tempfile.mkdtemp(prefix="hindsight-prof-"))
    parts = [f"profile of `python -m analysis import {csv.name}` ({csv.stat().st_size / 2**20:,.0f} MiB)\n"]
    try:
        # 1. sampled, no instrumentation
        raw = work / "import.pyspy.txt"
        res_path = work / "import.result.json"
        params = json.dumps({"csv": str(csv), "db": str(work / "spy.duckdb"), "as_of": AS_OF})
        print("py-spy on a plain import ...", flush=True)
        t0 = time.perf_counter()
        subprocess.run([pyspy(), "record", "--rate", str(rate), "--format", "raw", "--full-filenames", "-o", str(raw),
                        "--",
                        sys.executable, "-m", "benchmarks.child", "import", "--params", params, "--result",
                        str(res_path)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        res = json.loads(res_path.read_text())
        parts.append(f"== 1. py-spy ({rate} Hz), plain import: {res.get('seconds', 0):.1f} s of work, "
                     f"{time.perf_counter() - t0:.1f} s process, peak RSS {res.get('peak_rss_bytes', 0) / 2**20:,.0f} "
                     "MiB")
        parts.append(summarise_collapsed(raw))
        shutil.copy(raw, out.with_suffix(".pyspy.txt"))
        # 2. per SQL statement, and cProfile's view
        print("import with SQL timing and cProfile ...", flush=True)
        trace = Trace()
        real = store.connect(work / "traced.duckdb")
        limit = real.execute("select current_setting('memory_limit'), current_setting('threads')").fetchone()
        if memory_limit:  # an experiment: the same import with DuckDB held to less memory
            real.execute(f"set memory_limit = '{memory_limit}'")
            limit = (f"{memory_limit} (set for this experiment; default {limit[0]})", limit[1])
        con = TracingConnection(real, trace)
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        result = import_file(con, csv, options=ImportOptions(as_of=dt.date.fromisoformat(AS_OF)))
        prof.disable()
        wall = time.perf_counter() - t0
        con.close()
        parts.append(f"\n== 2. traced import: {wall:.1f} s wall ({result.applications_added:,} added); DuckDB "
                     f"memory_limit {limit[0]}, threads {limit[1]}; peak RSS {_hwm() / 2**20:,.0f} MiB")
        parts.append(report(trace, wall, n=20, memory=True))
        buf = io.StringIO()
        st = pstats.Stats(prof, stream=buf)
        st.sort_stats("cumulative").print_stats(r"analysis/", 30)
        st.sort_stats("tottime").print_stats(20)
        parts.append("\ncProfile (cumulative, our functions; then self time, any function):")
        parts.append(re.sub(r"\n{3,}", "\n\n", buf.getvalue()))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.write_text("\n".join(parts))
    print(f"wrote {out}")


def profile_page(page: str, db: Path | None, csv: Path | None, out: Path, repeats: int, phase: str) -> None:
    work = Path(tempfile.mkdtemp(prefix="hindsight-prof-"))
    try:
        if db is None:
            db = work / "page.duckdb"
            print(f"importing {csv.name} ...", flush=True)
            subprocess.run([sys.executable, "-m", "benchmarks.child", "import", "--params",
                            json.dumps({"csv": str(csv), "db": str(db), "as_of": AS_OF}), "--result",
                            str(work / "imp.json")], cwd=ROOT, check=True)
        raw = work / "page.pyspy.txt"
        what = f"{repeats} reruns" if phase == "reruns" else "its first visit"
        print(f"running pages/{page}.py with py-spy during {what} ...", flush=True)
        subprocess.run([sys.executable, "-m", "benchmarks.child", "page", "--params",
                        json.dumps({"db": str(db), "page": f"pages/{page}.py", "repeats": repeats,
                                    "pyspy_out": str(raw), "profile_phase": phase}), "--result",
                        str(work / "page.json")],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        res = json.loads((work / "page.json").read_text())
        parts = [f"profile of pages/{page}.py reruns (AppTest through app.py), database {db.name}",
                 f"first run {res['first_run_s']:.2f} s, first visit {res['visit_s']:.2f} s, reruns "
                 + ", ".join(f"{x:.2f}" for x in res["reruns_s"]) + f" s (median {res['seconds']:.2f} s), "
                 f"peak RSS {res['peak_rss_bytes'] / 2**20:,.0f} MiB, problems: {res.get('problems') or 'none'}",
                 "", f"== py-spy (250 Hz, all threads, idle excluded), {what} only", summarise_collapsed(raw), "",
                 "== " + res.get("sql_report", "(no SQL report)")]
        shutil.copy(raw, out.with_suffix(".pyspy.txt"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.write_text("\n".join(parts))
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="what", required=True)
    imp = sub.add_parser("import")
    imp.add_argument("--csv", type=Path, required=True)
    imp.add_argument("--rate", type=int, default=100)
    imp.add_argument("--out", type=Path)
    imp.add_argument("--memory-limit", help="experiment: set DuckDB's memory_limit (e.g. 1GB) for the traced run")
    pg = sub.add_parser("page")
    pg.add_argument("--page", required=True, help="e.g. insights")
    src = pg.add_mutually_exclusive_group(required=True)
    src.add_argument("--db", type=Path)
    src.add_argument("--csv", type=Path)
    pg.add_argument("--repeats", type=int, default=5)
    pg.add_argument("--phase", choices=["reruns", "visit"], default="reruns",
                    help="profile the reruns (cache warm) or the page's first visit (cache cold)")
    pg.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.what == "import":
        suffix = f"_limit{args.memory_limit}" if args.memory_limit else ""
        profile_import(args.csv.resolve(), args.out or OUT / f"profile_import_{args.csv.stem}{suffix}.txt", args.rate,
                       args.memory_limit)
    else:
        name = (args.db or args.csv).stem
        profile_page(args.page, args.db, args.csv.resolve() if args.csv else None,
                     args.out or OUT / f"profile_page_{args.page}_{args.phase}_{name}.txt", args.repeats, args.phase)
    return 0


if __name__ == "__main__":
    sys.exit(main())
