"""The file as it came, kept once per import (`imports.original`, zstd): any application's row read back exactly.

The rows are read again by the same code that imported them (`read.open_source` and `read.load_raw`), so a row's
number (`applications.source_row`) finds the same cells. The last file read back stays loaded when it is small
(the Data page shows one row after another from the same import); a big one is read again each time.
"""

from __future__ import annotations

import threading

import duckdb

from analysis.ingest.read import decompress, load_raw, open_source

_lock = threading.Lock()
KEEP_LOADED_BYTES = 20 * 2**20  # a file up to this size stays loaded after it is read back (tens of MB in memory)
_loaded: dict[str, tuple[duckdb.DuckDBPyConnection, list[str]]] = {}  # sha256 -> (its rows, its header); one file


def original_rows(con, import_id: int, row_nos: list[int]) -> tuple[list[str], dict[int, list[str | None]]] | None:
    """(header, {row number: cells}) of the given rows of an import's file, or None when the import kept no file
    (imported before the file was kept, or added by hand or from mail)."""
    found = con.execute("select sha256, file_name, original, original_codec from imports where import_id = ?",
                        [import_id]).fetchall()
    if not found or found[0][2] is None:
        return None
    sha, name, blob, codec = found[0]
    if codec != "zstd":
        raise ValueError(f"import {import_id} keeps its file as {codec!r}, which this version cannot read")
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
            finally:
                src.cleanup()
            header = src.header
            if len(data) <= KEEP_LOADED_BYTES:
                _loaded[sha] = (mem, header)
        rows = mem.execute("select * from hs_raw where row_no = any(?::bigint[])", [list(row_nos)]).fetchall()
        if sha not in _loaded:
            mem.close()  # a big file is read again next time rather than held in memory
    return header, {int(r[0]): list(r[1:]) for r in rows}


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
