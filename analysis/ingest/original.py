"""The file as it came, kept once per import (`imports.original`, zstd): any application's row read back exactly.

The rows are read again by the same code that imported them (`read.open_source` and `read.load_raw`), so a row's
number (`applications.source_row`) finds the same cells. The last file read back stays loaded when it is small
(the Data page shows one row after another from the same import); a big one is read again each time.
"""

from __future__ import annotations

import csv
import threading

import duckdb
import pandas as pd

from analysis.ingest.read import decompress, load_raw, open_source

_lock = threading.Lock()
KEEP_LOADED_BYTES = 20 * 2**20  # a file up to this size stays loaded after it is read back (tens of MB in memory)
_loaded: dict[str, tuple[duckdb.DuckDBPyConnection, list[str]]] = {}  # sha256 -> (its rows, its header); one file


def original_rows(con, import_id: int, row_nos: list[int]
                  ) -> tuple[list[str], dict[int, list[str | None]], dict[int, int]] | None:
    """(header, {row number: cells}, {row number: the file line it starts on, where known}) of the given rows of an
    import's file, or None when the import kept no file (imported before the file was kept, or added by hand or from
    mail)."""
    found = con.execute("select sha256, file_name, original, original_codec from imports where import_id = ?",
                        [import_id]).fetchall()
    if not found or found[0][2] is None:
        return None
    sha, name, blob, codec = found[0]
    if codec != "zstd":
        return None  # kept by a later version in a way this one cannot read: shown as not kept
    with _lock:
        if sha in _loaded:
            mem, header = _loaded[sha]
        else:
            _loaded.clear()
            data = decompress(blob)
            mem = duckdb.connect(":memory:")
            mem.execute("set enable_progress_bar = false")
            src = open_source(data, name, keep=False)
            try:
                load_raw(mem, src)
                lines_of(mem, src, small=len(data) <= KEEP_LOADED_BYTES)
            finally:
                src.cleanup()
            header = src.header
            if len(data) <= KEEP_LOADED_BYTES:
                _loaded[sha] = (mem, header)
        rows = mem.execute("""select r.*, l.line from hs_raw r left join hs_file_lines l using (row_no)
                              where r.row_no = any(?::bigint[])""", [list(row_nos)]).fetchall()
        if sha not in _loaded:
            mem.close()  # a big file is read again next time rather than held in memory
    return header, {int(r[0]): list(r[1:-1]) for r in rows}, {int(r[0]): r[-1] for r in rows if r[-1] is not None}


def lines_of(mem, src, small: bool) -> None:
    """hs_file_lines (row_no, line): the line of the file each row starts on, for a text file. The rows are counted
    again as DuckDB counted them (a record with as many cells as the header is a row, blank or not; a ragged
    one was rejected), and the lines are kept only when every row DuckDB read has the same cells here:
    a line number shown is one a person finds the row on, or none is shown. A workbook's rows have no lines, and
    neither has a big file (this pass is Python's)."""
    mem.execute("create or replace temp table hs_file_lines (row_no bigint, line bigint)")
    if src.kind != "csv" or not small:
        return
    # DuckDB skips an empty line in one place and reads it as a row of nothing in another (after a quoted
    # multi-line cell): both countings are made, and the one every row agrees with is kept
    countings: tuple[dict[int, tuple[int, list[str]]], ...] = ({}, {})  # row number -> (first line, cells)
    try:
        with open(src.text_path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, delimiter=src.delimiter)
            rows, last = [0, 0], 0
            for record in reader:
                start, last = last + 1, reader.line_num
                if last <= src.header_line:
                    continue
                for k, found in enumerate(countings):
                    if len(record) == len(src.header) or (k == 1 and not record):
                        rows[k] += 1
                        found[rows[k]] = (start, record)
    except csv.Error:  # a cell Python's reader will not take (over its size limit): no lines rather than wrong ones
        return
    cols = ", ".join(f"c{i}" for i in range(len(src.header)))
    read = mem.execute(f"select row_no, list_value({cols}) from hs_raw").fetchall()
    for found in countings:
        if all(n in found and [("" if c is None else c) for c in cells] == found[n][1] for n, cells in read):
            mem.register("hs_lines_df", pd.DataFrame([(n, found[n][0]) for n, _ in read], columns=["row_no", "line"]))
            mem.execute("insert into hs_file_lines select row_no, line from hs_lines_df")
            mem.unregister("hs_lines_df")
            return


def lines_of_rows(con, src, row_nos: list[int]) -> dict[int, int]:
    """{row number: the file line it starts on} for these rows of hs_raw, where that is known (a text file of up
    to KEEP_LOADED_BYTES; see lines_of): a refused row is shown by the line a person finds it on."""
    if not row_nos:
        return {}
    lines_of(con, src, small=src.size <= KEEP_LOADED_BYTES)
    found = dict(con.execute("select row_no, line from hs_file_lines where list_contains(?, row_no)",
                             [list(row_nos)]).fetchall())
    con.execute("drop table if exists hs_file_lines")
    return found


def kept_files(con) -> list[dict]:
    """Every import that kept its file: id, file name, when, size as it came and as kept. Newest first."""
    rows = con.execute("""select import_id, file_name, imported_at, octet_length(original) from imports
                          where original is not null order by import_id desc""").fetchall()
    return [{"import_id": i, "file_name": n, "imported_at": t, "kept_bytes": size} for i, n, t, size in rows]


def original_file(con, import_id: int) -> tuple[str, bytes]:
    """(file name, bytes) of an import's file exactly as it came. Raises LookupError when it kept none."""
    found = con.execute("select file_name, original, original_codec from imports where import_id = ?",
                        [import_id]).fetchall()
    if not found:
        raise LookupError(f"There is no import {import_id}.")
    name, blob, codec = found[0]
    if blob is None:
        raise LookupError(f"Import {import_id} ({name}) was made before Hindsight kept each imported file; its rows "
                          "are kept one by one instead (the Data page shows each).")
    if codec != "zstd":
        raise LookupError(f"Import {import_id} keeps its file as {codec!r}, which this version cannot read.")
    return name, decompress(blob)
