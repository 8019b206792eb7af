"""A DuckDB connection stand-in that times every statement: which SQL step of which function takes the time.

Wraps a real connection; `execute` and the fetches that follow it are timed and added to the statement (its
text with whitespace collapsed, plus the analysis/pages function that ran it). Everything else is forwarded.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from dataclasses import dataclass

_FETCHES = {"fetchall", "fetchone", "fetchmany", "df", "fetchdf", "fetch_df", "fetchnumpy", "arrow",
            "fetch_arrow_table",
            "pl", "to_df"}
_SKIP_FILES = ("benchmarks/sqltrace.py", "analysis/sqlutil.py")


@dataclass
class Step:
    sql: str
    caller: str
    calls: int = 0
    seconds: float = 0.0
    peak_raise: int = 0  # how much the process's peak RSS (VmHWM) rose during this statement, bytes
    rss_after: int = 0  # the RSS right after it (max over calls), bytes


def _mem() -> tuple[int, int]:
    """(VmRSS, VmHWM) of this process in bytes; (0, 0) where /proc is missing."""
    rss = hwm = 0
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, hwm


class Trace:
    def __init__(self):
        self.steps: dict[tuple[str, str], Step] = {}
        self.lock = threading.Lock()
        self.enabled = True
        self.hwm_at_first = None  # VmHWM when the first statement started: the peak of what ran before SQL

    def reset(self) -> None:
        with self.lock:
            self.steps.clear()

    def add(self, key: tuple[str, str], seconds: float, count: bool, hwm_before: int | None = None) -> None:
        if not self.enabled:
            return
        rss, hwm = _mem() if hwm_before is not None else (0, 0)
        with self.lock:
            step = self.steps.get(key)
            if step is None:
                step = self.steps[key] = Step(*key)
            step.seconds += seconds
            step.calls += int(count)
            if hwm_before is not None:
                step.peak_raise += max(0, hwm - hwm_before)
                step.rss_after = max(step.rss_after, rss)

    def total(self) -> float:
        return sum(s.seconds for s in self.steps.values())

    def top(self, n: int = 15) -> list[Step]:
        return sorted(self.steps.values(), key=lambda s: -s.seconds)[:n]


def _caller() -> str:
    f = sys._getframe(2)
    while f is not None and f.f_code.co_filename.replace("\\", "/").endswith(_SKIP_FILES):
        f = f.f_back
    if f is None:
        return "?"
    path = f.f_code.co_filename.replace("\\", "/")
    for root in ("/analysis/", "/pages/", "/benchmarks/"):
        if root in path:
            path = root.strip("/") + "/" + path.split(root, 1)[1]
            break
    else:
        path = path.rsplit("/", 1)[-1]
    return f"{path}:{f.f_lineno} {f.f_code.co_name}"


def normalise_sql(sql: str, width: int = 220) -> str:
    text = re.sub(r"\s+", " ", str(sql)).strip()
    return text if len(text) <= width else text[:width] + " …"


class TracingConnection:
    def __init__(self, con, trace: Trace):
        object.__setattr__(self, "_con", con)
        object.__setattr__(self, "_trace", trace)
        object.__setattr__(self, "_last", ("(fetch without a statement)", "?"))

    def execute(self, sql, parameters=None, *args, **kwargs):
        key = (normalise_sql(sql), _caller())
        hwm0 = _mem()[1]
        if self._trace.hwm_at_first is None:
            self._trace.hwm_at_first = hwm0
        t0 = time.perf_counter()
        try:
            if parameters is None:
                self._con.execute(sql, *args, **kwargs)
            else:
                self._con.execute(sql, parameters, *args, **kwargs)
        finally:
            self._trace.add(key, time.perf_counter() - t0, True, hwm0)
        object.__setattr__(self, "_last", key)
        return self

    def register(self, name, df):
        key = (f"register {name} (a pandas frame)", _caller())
        t0 = time.perf_counter()
        self._con.register(name, df)
        self._trace.add(key, time.perf_counter() - t0, True)
        return self

    def cursor(self):
        """A cursor is another connection to the same database: traced into the same statistics."""
        return TracingConnection(self._con.cursor(), self._trace)

    def __getattr__(self, name):
        attr = getattr(self._con, name)
        if name not in _FETCHES:
            return attr
        key = self._last

        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return attr(*args, **kwargs)
            finally:
                self._trace.add(key, time.perf_counter() - t0, False)

        return timed

    def __setattr__(self, name, value):
        setattr(self._con, name, value)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._con.__exit__(*exc)


def report(trace: Trace, wall: float, n: int = 15, title: str = "SQL steps", memory: bool = False) -> str:
    total = trace.total()
    lines = [f"{title}: {len(trace.steps)} distinct statements, {total:.2f} s inside DuckDB calls "
             f"({total / wall:.0%} of {wall:.2f} s wall)"]
    mib = 2 ** 20
    for s in trace.top(n):
        mem = f"  peak +{s.peak_raise / mib:,.0f} MiB, RSS after {s.rss_after / mib:,.0f} MiB" if memory else ""
        lines.append(f"  {s.seconds:8.2f} s {s.seconds / wall:6.1%}  x{s.calls:<4} {s.caller}{mem}\n"
                     f"                            {s.sql}")
    if memory:
        lines.append(f"peak RSS (VmHWM) before the first statement: {(trace.hwm_at_first or 0) / mib:,.0f} MiB "
                     "(the Python side: imports, reading, decoding and copying the file)")
        raised = sorted((s for s in trace.steps.values() if s.peak_raise), key=lambda s: -s.peak_raise)[:n]
        lines.append("statements that raised the peak RSS (VmHWM), largest first:")
        for s in raised:
            lines.append(f"  +{s.peak_raise / mib:7,.0f} MiB (RSS after {s.rss_after / mib:7,.0f} MiB)  "
                         f"{s.seconds:6.2f} s  {s.caller}\n                            {s.sql[:160]}")
    return "\n".join(lines)
