"""Bytes in, a table of text in DuckDB out.

decode (UTF-8 with or without BOM, UTF-16, Windows-1252, Latin-1) -> sniff the delimiter and the header
line -> let DuckDB read the rows as text with the delimiter and header we decided, ragged lines kept
aside with their line numbers. `.xlsx` goes through python-calamine and the same path.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import os
import re
import tempfile
import weakref
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import zstandard

from analysis.ingest.values import trim_sql
from analysis.sqlutil import one

MAX_HEADER_SCAN_LINES = 30
SNIFF_BYTES = 256 * 1024
UTF8_HEAD = 2 * SNIFF_BYTES  # of a large UTF-8 file, only this much is decoded in Python: DuckDB reads the rest
DELIMITERS = (",", ";", "\t", "|")


class BadInput(Exception):
    """A file Hindsight cannot import, with one sentence a person can act on."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class SourceFile:
    """A file decided on: where its UTF-8 text lives and how to read it."""

    name: str
    sha256: str
    size: int
    kind: str  # 'csv' or 'xlsx'
    encoding: str
    delimiter: str
    header: list[str]
    header_line: int  # 1-based line of the header in the text DuckDB reads
    text_path: Path  # a UTF-8 CSV DuckDB can read directly
    warnings: list[str] = field(default_factory=list)
    _tmp: list[Path] = field(default_factory=list, repr=False)
    _kept: Future | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # the temp copy of an upload is personal data: it goes with the plan that holds it (a plan replaced on the
        # Upload page, a session that ends, the process that exits), even where no one calls cleanup()
        self._gone = weakref.finalize(self, _unlink_all, list(self._tmp))

    def kept(self) -> bytes:
        """The file as it came, compressed (zstd): what an import stores once, to show any row as it was."""
        if self._kept is None:
            raise ValueError(f"{self.name} was not read from its bytes: nothing to keep")
        return self._kept.result()

    def cleanup(self) -> None:
        """Remove the temp copy now (it is also removed when this object goes)."""
        self._gone()
        self._tmp.clear()


def _unlink_all(paths: list[Path]) -> None:
    for p in paths:
        try:
            p.unlink()
        except OSError:
            pass


_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old-style Office file (.xls/.doc)",
    b"SQLite format": "a SQLite database",
    b"DUCK": "a DuckDB database",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
}


@contextmanager
def file_errors(name: str) -> Iterator[None]:
    """Reading a path the person named: a missing file, a folder or no permission is bad input with one line."""
    try:
        yield
    except FileNotFoundError:
        raise BadInput(f"{name}: no such file.") from None
    except IsADirectoryError:
        raise BadInput(f"{name} is a folder, not a file.") from None
    except PermissionError:
        raise BadInput(f"{name}: permission denied.") from None


# the original file is compressed on another thread while this one hashes, decodes and sniffs it
_compressor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hindsight-keep")
KEEP_CODEC = "zstd"


def compress(data: bytes) -> bytes:
    return zstandard.ZstdCompressor(level=3).compress(data)


def decompress(blob: bytes) -> bytes:
    return zstandard.ZstdDecompressor().decompress(blob)


def open_source(source: bytes | str | os.PathLike, name: str | None = None, keep: bool = True) -> SourceFile:
    """Decide how to read a file. Raises BadInput with a one-line reason when it cannot be imported. `keep`:
    compress the bytes as they came, to be stored with the import (`SourceFile.kept`)."""
    path: Path | None = None  # where the file lies, when it came from the disk
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        name = name or "upload.csv"
    else:
        path = Path(source)
        name = name or path.name
        with file_errors(name):
            data = path.read_bytes()
    kept = _compressor.submit(compress, data) if keep else None
    try:
        src = _decide(data, name, path)
    except BaseException:
        if kept is not None:
            kept.cancel()
        raise
    src._kept = kept
    return src


def _decide(data: bytes, name: str, path: Path | None) -> SourceFile:
    sha = hashlib.sha256(data).hexdigest()
    blank_chars = b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"
    if not data[:65536].strip(blank_chars) and not data.strip(blank_chars):
        raise BadInput(f"{name} is empty: there is nothing to import.")
    if data[:4] == b"PK\x03\x04":
        if name.lower().endswith((".xlsx", ".xlsm")) or b"xl/" in data[:2000]:
            return _from_xlsx(data, name, sha)
        raise BadInput(f"{name} is a zip archive. Unzip it and import the CSV or XLSX inside (for LinkedIn: Jobs/Job "
                       "Applications.csv).")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise BadInput(f"{name} is {what}, not a spreadsheet. Export your tracker as CSV or XLSX and import that.")
    text, encoding, warnings = _decode(data, name)
    # UTF-8 as it came (without NUL bytes, which _decode takes out): DuckDB reads a regular file where it lies; the
    # bytes are written out as they are for an upload or a pipe (which cannot be read twice), not decoded and encoded
    as_is = encoding.startswith("UTF-8") and b"\x00" not in data
    regular = path is not None and path.is_file()
    return _from_text(text, encoding, name, sha, len(data), warnings, utf8=data if as_is else None,
                      path=path if as_is and regular else None)


def _decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    warnings: list[str] = []
    head = data[:4096]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif head.count(b"\x00") > len(head) * 0.3 and _looks_utf16(head):
        encoding = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
    else:
        encoding = ""
    if encoding:
        try:
            return data.decode(encoding).lstrip("\ufeff"), "UTF-16", warnings
        except UnicodeDecodeError:
            raise BadInput(f"{name} looks like UTF-16 text but does not decode; save it again as CSV UTF-8.") from None
    nul = data.count(b"\x00") if b"\x00" in data else 0  # one pass over a file without NULs, not two
    if nul:
        if nul > max(16, len(data) // 100):
            raise BadInput(f"{name} is a binary file, not a spreadsheet. Export your tracker as CSV or XLSX and import "
                           "that.")
        data = data.replace(b"\x00", b"")
        warnings.append(f"Removed {nul} NUL byte(s), which are not text.")
    try:
        if nul or len(data) <= UTF8_HEAD:
            text = data.decode("utf-8-sig")
        else:  # DuckDB reads a UTF-8 file itself: check it all, but hold only its head as text (for sniffing)
            _check_utf8(data)
            text = data[:UTF8_HEAD].decode("utf-8-sig", errors="ignore")  # a character cut at the end is dropped
        encoding = "UTF-8 with BOM" if data.startswith(codecs.BOM_UTF8) else "UTF-8"
    except UnicodeDecodeError:
        encoding = _guess_single_byte(data)
        text = data.decode(encoding, errors="replace")
        warnings.append(f"The file is not UTF-8; read it as {encoding}.")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > len(text[:20000]) * 0.05:
        raise BadInput(f"{name} is a binary file, not a spreadsheet. Export your tracker as CSV or XLSX and import "
                       "that.")
    return text, encoding, warnings


def _check_utf8(data: bytes) -> None:
    """Raise UnicodeDecodeError unless the bytes are UTF-8, a few MB at a time (a 200 MB file decoded whole would
    be held as a 400 MB string)."""
    if data.isascii():
        return
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    for start in range(0, len(data), 1 << 22):
        decoder.decode(view[start:start + (1 << 22)])
    decoder.decode(b"", final=True)


def _looks_utf16(head: bytes) -> bool:
    even = head[0::2].count(b"\x00")
    odd = head[1::2].count(b"\x00")
    return max(even, odd) > len(head) * 0.3 and min(even, odd) < len(head) * 0.05


# bytes that are a letter in Central European Windows-1250 and a sign in Western Windows-1252 ('ł' / '³',
# 'ż' / '¿', 'ą' / '¹'); after a letter, they are the evidence of a Polish, Czech or Hungarian file
_CP1250_LETTERS = bytes(b for b in range(0x80, 0x100)
                        if bytes([b]).decode("cp1250", errors="replace").isalpha()
                        and not bytes([b]).decode("cp1252", errors="replace").isalpha())
_AFTER_A_LETTER_CP1250 = re.compile(rb"[A-Za-z][" + re.escape(_CP1250_LETTERS) + rb"]")


_HIGH_RUN = re.compile(rb"[\x80-\xff]{3,}")
_WESTERN = {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "mac_roman", "mac_latin2", "cp850", "cp437",
            "cp775", "cp858", "cp1257", "iso8859_4", "iso8859_13", "mac_iceland", "cp1254", "iso8859_9", "ascii",
            "utf_8"}


def _not_western(sample: bytes) -> str | None:
    """The codec of a file whose words are written in another script (Chinese in GBK, Russian in Windows-1251,
    Greek, Hebrew, Arabic, Japanese, Korean): most of its bytes above 127 stand three or more in a row, where a
    Western file has one accented letter between plain ones ('Malmö', 'Ação'). Then charset_normalizer, which
    tells those scripts apart well, names it; it is never asked about a Western file (it reads short ones as
    mac_roman or cp775)."""
    high = sum(1 for b in sample if b >= 0x80)
    # (a run of Windows-1252 signs alone, '————', is a Western file's separator line)
    if high < 16 or sum(len(r) for r in _HIGH_RUN.findall(sample) if max(r) >= 0xC0) * 2 < high:
        return None
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # (it comes with requests; without it, the Western guess)
        return None
    best = from_bytes(sample).best()
    codec = best.encoding if best is not None else None
    return codec if codec and codec not in _WESTERN else None


# Hungarian's 'ő' and 'ű' are 'õ' and 'û' in Windows-1252, both letters there; a Hungarian file writes them and
# never a letter only Western languages write ('à', 'ã', 'ä', 'è', 'ê', 'ñ', 'ù': Portuguese 'ões', Estonian 'õ'
# beside 'ä', French 'août' beside 'è', 'ç')
_HU_LETTERS = re.compile(rb"[A-Za-z\xe1\xe9\xed\xf3\xf6\xfa\xfc][\xf5\xd5]|[\xf5\xd5][a-z]")  # ('ő'; 'ű' is French 'û')
_WESTERN_ONLY = re.compile(rb"[\xc0\xc2\xc3\xc4\xc7\xe7\xc8\xca\xcb\xce\xcf\xd1\xd9\xe0\xe2\xe3\xe4\xe8\xea\xeb"
                           rb"\xee\xef\xf1\xf9\xe6\xf8\xe5]")


def _hungarian(sample: bytes) -> bool:
    return len(_HU_LETTERS.findall(sample)) >= 2 and not _WESTERN_ONLY.search(sample)


def _guess_single_byte(data: bytes) -> str:
    """Windows-1252 unless letters of Central European Windows-1250 stand after letters ('Z\xb3o\xbfono' is
    'Złożono', not 'Z³o¿ono'); Latin-1 (which decodes anything) where 1252 leaves a byte undefined.

    Not charset_normalizer: on short tracker files it reads Windows-1252/Latin-1 as cp1250 or mac_roman
    ('España' -> 'Espańa', 'Malmö' -> 'Malmˆ', curly quotes -> 'ìgreatî'). A '¿' opens a Spanish question after
    a space, never after a letter, and '£40' follows no letter."""
    other = _not_western(data[:1 << 20])
    if other:
        return other
    if len(_AFTER_A_LETTER_CP1250.findall(data[:1 << 20])) >= 2 or _hungarian(data[:1 << 20]):
        try:
            data.decode("cp1250")
            return "cp1250"
        except UnicodeDecodeError:
            pass
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _sniff(text: str, name: str) -> tuple[str, int, list[str], int]:
    """(delimiter, header line index, header cells, number of columns) from the start of the text."""
    sample = text[:SNIFF_BYTES]
    lines = sample.splitlines()
    if len(sample) < len(text) and lines:
        lines = lines[:-1]  # the last line of a cut sample may be partial
    stripped = sample.lstrip()
    if stripped[:1] in "{[" and _is_json(stripped):
        raise BadInput(f"{name} is a JSON file, not a spreadsheet. Export your tracker as CSV or XLSX.")
    if re.match(r"<(!doctype|html|\?xml|table|head|body)", stripped[:100], re.I):
        raise BadInput(f"{name} is a web page (HTML/XML), not a spreadsheet. Export your tracker as CSV or XLSX.")
    best: tuple[float, str, list[list[str]]] | None = None
    for delim in DELIMITERS:
        rows = list(csv.reader(io.StringIO("\n".join(lines[:400])), delimiter=delim))
        rows = [r for r in rows if any(c.strip() for c in r)]
        if not rows:
            continue
        counts = [len(r) for r in rows]
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode) / len(counts)) * (1 if mode > 1 else 0.01) + mode / 1000
        if best is None or score > best[0]:
            best = (score, delim, rows)
    if best is None:
        raise BadInput(f"{name} is empty: there is nothing to import.")
    _, delim, _ = best
    # the header: the first line with as many cells as most lines, at least two of them filled
    reader = csv.reader(io.StringIO("\n".join(lines[: MAX_HEADER_SCAN_LINES + 400])), delimiter=delim)
    parsed = []
    line_no = 0
    for row in reader:
        line_no = reader.line_num
        parsed.append((line_no, row))
        if len(parsed) > MAX_HEADER_SCAN_LINES + 400:
            break
    counts = [len(r) for _, r in parsed if any(c.strip() for c in r)]
    mode = max(set(counts), key=counts.count) if counts else 1
    candidates = [(ln, row) for ln, row in parsed[:MAX_HEADER_SCAN_LINES]
                  if len(row) >= mode and sum(1 for c in row if c.strip()) >= (2 if mode > 1 else 1)]
    if not candidates:
        raise BadInput(f"{name}: no header row found in the first {MAX_HEADER_SCAN_LINES} lines.")
    # the first, unless it looks unlike a header: a title line with a note in a cell ('Last updated 4/25', '',
    # 'Goal: 5 a week') names no field, a group row over the header ('Job', '', '', 'Dates') fills few columns.
    # Then the first line that names the most fields Hindsight knows, two at least.
    # A first line that names a field itself gives way only to a line naming two fields more: a data row of
    # status words ('Applied, Applied, In progress') names two fields, and is no header under 'Company, Company'.
    ln, row = candidates[0]
    filled = [c for c in row if c.strip()]
    if 2 * _known_cells(filled) < len(filled) or 2 * len(filled) < mode:
        known = [known_names(r) for _, r in candidates]
        first = known[0] if 2 * len(filled) >= mode else 0
        if max(known) >= 2 and max(known) >= first + 2:
            ln, row = candidates[known.index(max(known))]
    return delim, ln, row, max(mode, len(row))


def _aliases() -> frozenset[str]:
    from analysis.ingest.columns import FIELD_ALIASES

    return frozenset(a for names in FIELD_ALIASES.values() for a in names)


def _known_cells(cells: list[str]) -> int:
    """How many of the cells are a name Hindsight knows for a field."""
    from analysis.domain import normalise_label

    aliases = _aliases()
    return sum(1 for c in cells if normalise_label(c) in aliases)


def known_names(cells: list[str]) -> int:
    """How many different fields Hindsight knows the cells name ('Company', 'Status', 'Date Applied'). A field
    named twice counts once: a data row 'Applied, Applied, Applied' names one field, not three."""
    from analysis.domain import normalise_label, script_fold
    from analysis.ingest.columns import FOLDED_ALIASES

    labels = {normalise_label(c) for c in cells if c.strip()} | {script_fold(c) for c in cells if c.strip()}
    labels.discard("")
    return sum(1 for names in FOLDED_ALIASES.values() if labels & names)


def _is_json(text: str) -> bool:
    import json

    try:
        json.loads(text[:SNIFF_BYTES] if len(text) <= SNIFF_BYTES else text)
        return True
    except ValueError:
        # a large JSON file cut by the sample: look for the JSON shape instead
        return bool(re.match(r'^[\[{]\s*("|\{|\[)', text))


def repeated_headers(cells: list[str]) -> list[str]:
    """A warning for each column name that appears more than once (the second is read as 'Name (2)')."""
    seen: dict[str, int] = {}
    spelt: dict[str, str] = {}
    for c in cells:
        name = re.sub(r"\s+", " ", str(c or "").replace("\ufeff", "")).strip()
        if name:
            seen[name.lower()] = seen.get(name.lower(), 0) + 1
            spelt.setdefault(name.lower(), name)
    return [f"The column name '{spelt[k]}' appears {n} times; the second is read as '{spelt[k]} (2)'. Check that "
            "the right one was used." for k, n in seen.items() if n > 1]


def clean_headers(cells: list[str], n: int) -> list[str]:
    """Trimmed, unique, non-empty column names: a second 'Date' becomes 'Date (2)'."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for i in range(n):
        raw = cells[i] if i < len(cells) else ""
        base = re.sub(r"\s+", " ", raw.replace("\ufeff", "")).strip() or f"Column {i + 1}"
        key = base.lower()
        if key in seen:
            seen[key] += 1
            base = f"{base} ({seen[key]})"
        else:
            seen[key] = 1
        names.append(base)
    return names


def _from_text(text: str, encoding: str, name: str, sha: str, size: int, warnings: list[str],
               utf8: bytes | None = None, path: Path | None = None) -> SourceFile:
    """Sniff the text; DuckDB then reads `path` (a UTF-8 file as it is), the `utf8` bytes written to a temp file,
    or the text written out as UTF-8. A BOM needs no care: it sits on the header line, which is skipped."""
    delim, header_line, header_cells, ncols = _sniff(text, name)
    if header_line > 1:
        warnings.append(f"Skipped {header_line - 1} line(s) above the header row.")
    header = clean_headers(header_cells, ncols)
    warnings.extend(repeated_headers(header_cells))
    if header_line > 1:
        warnings.extend(_legend_above(text, delim, header_line, header))
    tmp: list[Path] = []
    if path is None:
        fd, name_tmp = tempfile.mkstemp(prefix="hindsight-", suffix=".csv")
        if utf8 is not None:
            with os.fdopen(fd, "wb") as fh:
                fh.write(utf8)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        path = Path(name_tmp)
        tmp = [path]
    return SourceFile(name=name, sha256=sha, size=size, kind="csv", encoding=encoding, delimiter=delim,
                      header=header, header_line=header_line, text_path=path, warnings=warnings, _tmp=tmp)


_KEY_LINE = re.compile(r"^\s*(?P<name>[^:=]{0,40}?)\s*\b(key|legend|legende|légende|leyenda|codes?|klucz)\s*[:\-–]\s*"
                       r"(?P<legend>.+)$", re.IGNORECASE)


def _legend_above(text: str, delim: str, header_line: int, header: list[str]) -> list[str]:
    """A line above the header that says what a column's numbers mean ('Stage key: 1 = applied, 2 = screen'):
    written into that column's name, as if the header gave it ('Stage (1 = applied, 2 = screen)'), where the
    header's own legend is read. A key with no column named goes to the one column named for a status."""
    from analysis.ingest.columns import FIELD_ALIASES, header_legend

    lines = text.splitlines()[:header_line - 1]
    said: list[str] = []
    for row in csv.reader(lines, delimiter=delim):
        line = " ".join(c.strip() for c in row if c and c.strip())
        m = _KEY_LINE.match(line)
        if not m or not header_legend(f"x ({m['legend']})"):
            continue
        name = m["name"].strip().lower()
        named = [i for i, h in enumerate(header) if h.strip().lower() == name] if name else []
        if not named and not name:
            named = [i for i, h in enumerate(header) if h.strip().lower() in FIELD_ALIASES["status"]]
        if len(named) != 1 or header_legend(header[named[0]]):
            continue
        i = named[0]
        said.append(f"The line above the header says what the numbers in '{header[i]}' mean ({m['legend'].strip()}): "
                    "read as that column's legend.")
        header[i] = f"{header[i]} ({m['legend'].strip()})"
    return said


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


@dataclass
class _Sheet:
    name: str
    rows: list[list[str]]  # as text, the header row first
    known: int  # header cells that name a field Hindsight knows ('Company', 'Status', 'Date Applied')
    skipped: int  # rows above the header (a title, a note)

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(re.sub(r"\s+", " ", c).strip().lower() for c in self.rows[0])


def _sheet(sheet_name: str, cells: list[list]) -> _Sheet | None:
    """A sheet's table: its header row (found as in a CSV file) and the rows under it; None for a sheet with no
    header and at least one row under it."""
    rows = [[_cell_text(c) for c in r] for r in cells]
    while rows and not any(c.strip() for c in rows[-1]):
        rows.pop()
    if len(rows) < 2:
        return None
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows[: MAX_HEADER_SCAN_LINES + 400])
    try:
        _, header_line, header, _ = _sniff(buf.getvalue(), sheet_name)
    except BadInput:
        return None
    body = rows[header_line:]
    if not any(any(c.strip() for c in r) for r in body):
        return None
    return _Sheet(sheet_name, rows[header_line - 1:], known_names(header), header_line - 1)


def _from_xlsx(data: bytes, name: str, sha: str) -> SourceFile:
    """The workbook's list of applications: the sheet whose header names the most fields Hindsight knows (then the
    longest), not merely the first (a 'Dashboard' before the list); sheets with the very same columns ('2024',
    '2025') are read as one list. Every other sheet is named in a warning."""
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for broken workbooks
        raise BadInput(f"{name} could not be opened as an Excel workbook ({str(exc)[:80]}).") from None
    sheets: list[_Sheet] = []
    others: list[str] = []
    for sheet_name in book.sheet_names:
        try:
            found = _sheet(sheet_name, _cells(book.get_sheet_by_name(sheet_name)))
        except Exception:  # a chart sheet or a broken sheet: skip it, say so
            found = None
        if found is None:
            others.append(sheet_name)
        else:
            sheets.append(found)
    if not sheets:
        raise BadInput(f"{name}: no sheet in this workbook has a header and at least one row.")
    best = max(sheets, key=lambda sh: (min(sh.known, 3), len(sh.rows)))  # (ties: the first sheet)
    chosen = [sh for sh in sheets if sh.key == best.key and (sh is best or best.known >= 2)]
    # an 'Archive' or 'Rejected' sheet with columns of its own ('Reason'): more applications, not another table
    more = [sh for sh in sheets if sh not in chosen and _more_of_the_list(best, sh)]
    chosen = sorted(chosen + more, key=lambda sh: book.sheet_names.index(sh.name))
    others = [sh.name for sh in sheets if sh not in chosen] + others
    others.sort(key=book.sheet_names.index)
    warnings = []
    if more:
        warnings.append(f"Read the sheets {', '.join(repr(sh.name) for sh in chosen)} as one list, each column under "
                        "the column of the same name (a column only some sheets have is empty for the others)"
                        + (f"; the workbook's other sheets ({', '.join(others)}) were not read." if others else "."))
    elif len(chosen) > 1:
        warnings.append(f"Read the sheets {', '.join(repr(sh.name) for sh in chosen)} as one list (the same columns)"
                        + (f"; the workbook's other sheets ({', '.join(others)}) were not read." if others else "."))
    elif others:
        warnings.append(f"Read the sheet '{best.name}'; the workbook's other sheets ({', '.join(others)}) were not "
                        "read.")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if len(chosen) == 1:
        cells = _cells(book.get_sheet_by_name(best.name))
        writer.writerows([_cell_text(c) for c in r] for r in cells)  # as it is: the title rows are reported
    elif _sheets_are_statuses(chosen):
        # one sheet per status ('Applied', 'Interviewing', 'Rejected') and no status column: the sheet's name is
        # each row's status, kept in a column of its own
        head, rows = _one_table(chosen)
        col = next(c for c in ("Sheet", "Sheet name", "Tab") if c.lower() not in {h.strip().lower() for h in head})
        writer.writerow([*head, col])
        for r, sheet_name in rows:
            writer.writerow([*r, sheet_name] if any(c.strip() for c in r) else r)
        warnings.append(f"Each sheet's name is the status of its rows (column '{col}'): the sheets are named for "
                        "statuses and no column holds one.")
    else:
        head, rows = _one_table(chosen)
        writer.writerow(head)
        writer.writerows(r for r, _ in rows)
    src = _from_text(buf.getvalue(), "xlsx", name, sha, len(data), warnings)
    src.kind = "xlsx"
    return src


def _fields_named(cells: list[str]) -> dict[str, int]:
    """Which column names each field Hindsight knows, by the column's exact name ('Company', 'Date Applied')."""
    from analysis.domain import normalise_label, script_fold
    from analysis.ingest.columns import FOLDED_ALIASES

    named: dict[str, int] = {}
    for i, c in enumerate(cells):
        labels = {normalise_label(c), script_fold(c)} - {""}
        for f, names in FOLDED_ALIASES.items():
            if labels & names:
                named.setdefault(f, i)
    return named


_PERSON_COLUMN = re.compile(r"(first |last |full |contact )?name|e-?mail|phone|linkedin|last contact(ed)?|"
                            r"contacted|how we met")


def _more_of_the_list(best: _Sheet, sheet: _Sheet) -> bool:
    """Whether a sheet with other columns holds more of the same list: it names the company and two of the job,
    the date applied and the status, as the list does, and most of its companies are not the list's (a log of
    the list's interviews or contacts repeats them; an archive of closed applications does not)."""
    mine, theirs = _fields_named(best.rows[0]), _fields_named(sheet.rows[0])
    core = {"role", "applied_on", "status"}
    if "company" not in mine or "company" not in theirs or len(core & set(theirs)) < 2 or not core & set(mine):
        return False
    if "contact" in theirs or any(_PERSON_COLUMN.fullmatch(c.strip().lower()) for c in sheet.rows[0]):
        return False  # a sheet of people ('Name', 'Email', 'Last contact'): networking, not applications

    def companies(sh: _Sheet, col: int) -> set[str]:
        return {r[col].strip().lower() for r in sh.rows[1:] if col < len(r) and r[col].strip()}

    there, here = companies(sheet, theirs["company"]), companies(best, mine["company"])
    return bool(there) and len(there & here) * 2 < len(there)


# fields a sheet may give several columns ('Stage reached' and 'Outcome'): each keeps a column of its own
_MANY_COLUMNS = ("status", "first_response", "status_date", "notes", "event")


def _one_table(sheets: list[_Sheet]) -> tuple[list[str], list[tuple[list[str], str]]]:
    """The sheets' rows under one header: the first sheet's columns, then each column only a later sheet has; a
    cell goes under the column of its own column's name, or else of the field its name names ('Employer' under
    'Company'; a status never goes under another status: 'Outcome' is not 'Stage', but 'Stage reached' is).
    Returns the header and each row with its sheet's name."""
    from analysis.domain import normalise_label

    head = list(sheets[0].rows[0])
    by_name = {normalise_label(h): i for i, h in reversed(list(enumerate(head))) if h.strip()}
    by_field = _fields_named(head)
    rows: list[tuple[list[str], str]] = []
    for sh in sheets:
        fields_here = {i: f for f, i in _fields_named(sh.rows[0]).items()}
        where: list[int] = []
        for i, h in enumerate(sh.rows[0]):
            label = normalise_label(h)
            at = by_name.get(label) if label else None
            if at is None and fields_here.get(i) not in (None, *_MANY_COLUMNS):
                at = by_field.get(fields_here[i])
            if at is None and label and i not in fields_here:
                # a name that goes on from the list's status column's ('Stage reached' under 'Stage')
                at = next((j for f, j in by_field.items() if f in ("status", "first_response") and j not in where
                           and label.startswith(normalise_label(head[j]) + " ")), None)
            if at is None or at in where:
                at = len(head)
                head.append(h)
                if label:
                    by_name.setdefault(label, at)
            elif label and label not in {normalise_label(n) for n in head[at].split(" / ")}:
                head[at] = f"{head[at]} / {h}"  # both names stay seen: a cell leads back to its sheet's column
            where.append(at)
        for r in sh.rows[1:]:
            out = [""] * len(head)
            for i, c in enumerate(r):
                if i < len(where):
                    out[where[i]] = c
                elif c.strip():
                    out.append(c)  # a cell past the header: kept, as a CSV line would keep it
            rows.append((out, sh.name))
    width = len(head)
    return head, [(r + [""] * (width - len(r)) if len(r) < width else r, name) for r, name in rows]


def _cells(sheet) -> list[list]:
    """A sheet's cells from its first filled one; a cell merged down over rows ('Amazon' beside three of its
    jobs) gives its value to every row it covers, as the person sees it (across columns a merge is a title's)."""
    cells = sheet.to_python(skip_empty_area=True)
    try:
        top, left = sheet.start or (0, 0)
        merged = sheet.merged_cell_ranges or []
    except Exception:  # an older calamine without merged ranges: the cells as they are
        return cells
    for (r0, c0), (r1, c1) in merged:
        if c0 != c1 or r1 <= r0:
            continue
        r0, r1, c = r0 - top, r1 - top, c0 - left
        if 0 <= r0 < len(cells) and 0 <= c < len(cells[r0]) and cells[r0][c] not in (None, ""):
            for r in range(r0 + 1, min(r1, len(cells) - 1) + 1):
                if c < len(cells[r]) and cells[r][c] in (None, ""):
                    cells[r][c] = cells[r0][c]
    return cells


def _sheets_are_statuses(sheets: list[_Sheet]) -> bool:
    """Whether most of the sheets are named for a status a rule knows, and no column of theirs is named for one."""
    from analysis.domain import normalise_label, status_meaning
    from analysis.ingest.columns import FIELD_ALIASES

    if any(normalise_label(h) in FIELD_ALIASES["status"] for h in sheets[0].rows[0]):
        return False
    known = sum(1 for sh in sheets if status_meaning(sh.name))
    return known >= 2 and known * 2 > len(sheets)


def load_raw(con, src: SourceFile, table: str = "hs_raw") -> tuple[int, int, list[tuple[int | None, str, str]]]:
    """Read the file's rows as text into a temp table (row_no, c0..cN).

    Returns (rows read, blank rows skipped, rejects as (line, raw text, reason))."""
    n = len(src.header)
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(n)) + "}"
    drop_relation(con, table)
    con.execute("drop table if exists hs_rej_errors")
    con.execute("drop table if exists hs_rej_scans")
    path = str(src.text_path).replace("'", "''")
    delim = src.delimiter.replace("'", "''")
    # a row is blank when all its cells together are only whitespace: one guarded trim per row, not per cell
    all_cells = trim_sql("concat(" + ", ".join(f"c{i}" for i in range(n)) + ")") if n > 1 else trim_sql("c0")
    blank_row = f"coalesce({all_cells}, '') = ''"
    lines_table = f"{table}_lines"
    con.execute(f"drop table if exists {lines_table}")
    con.execute(
        f"""create temp table {lines_table} as
            select * from read_csv('{path}', delim = '{delim}', quote = '"', escape = '"', header = false,
                                   skip = {src.header_line}, columns = {columns}, auto_detect = false,
                                   strict_mode = true, store_rejects = true, rejects_table = 'hs_rej_errors',
                                   rejects_scan = 'hs_rej_scans', max_line_size = 10000000, encoding = 'utf-8')"""
    )
    # the rows land in file order (DuckDB keeps insertion order), so a row's number is its rowid + 1: numbering
    # them with row_number() as they were read took as long as reading them. Without blank rows (the usual file)
    # the rows are used where they landed, through a view; otherwise they are copied without the blank ones.
    # (a row whose first cell has text is not blank: only the others are looked at whole)
    first_blank = f"(c0 is null or {trim_sql('c0')} = '')"
    blanks = one(con, f"select count(*) from {lines_table} where {first_blank} and {blank_row}")[0]
    if blanks:
        con.execute(f"create temp table {table} as select rowid + 1 as row_no, * from {lines_table} "
                    f"where not ({blank_row})")
        con.execute(f"drop table {lines_table}")
    else:
        con.execute(f"create temp view {table} as select rowid + 1 as row_no, * from {lines_table}")
    read = one(con, f"select count(*) from {table}")[0]
    blank = blanks
    con.execute(f"create or replace temp table {table}_source as select ? as sha256, ? as path",
                [src.sha256, str(src.text_path)])
    rejects: list[tuple[int | None, str, str]] = []
    # DuckDB stores one error per missing column ('Found: 1', 'Found: 2' for one short line): one reject per line
    for line, err_type, raw, message in con.execute(
        """select any_value(line), arg_min(error_type::varchar, column_idx), arg_min(csv_line, column_idx),
                  arg_min(error_message, column_idx)
           from hs_rej_errors group by scan_id, file_id, line_byte_position order by any_value(line)"""
    ).fetchall():
        raw = (raw or "").lstrip("\r\n")  # with CRLF line ends DuckDB starts the line at the '\n'
        if _blank_line(raw, src.delimiter):
            blank += 1  # a blank line is blank whatever its number of delimiters
            continue
        rejects.append((int(line) if line is not None else None, raw or "",
                        _reason(err_type, message, n, raw, src.delimiter)))
    return read + len(rejects), blank, rejects


def _temp_kind(con, name: str) -> str | None:
    """'VIEW' or 'LOCAL TEMPORARY' (a table) for a temp relation of that name, None when there is none."""
    found = con.execute("select table_type from information_schema.tables where table_name = ? and "
                        "table_catalog = 'temp'", [name]).fetchone()
    return found[0] if found else None


def drop_relation(con, name: str) -> None:
    """Drop a temp table or view by name, whichever it is (the rows read are one or the other, see load_raw)."""
    kind = _temp_kind(con, name)
    if kind is not None:
        con.execute(f"drop {'view' if kind == 'VIEW' else 'table'} {name}")
    con.execute(f"drop table if exists {name}_lines")


def rows_table(con, name: str = "hs_raw") -> None:
    """Make the rows read a table of their own before rows are deleted from them (a view cannot lose rows)."""
    if _temp_kind(con, name) == "VIEW":
        con.execute(f"create temp table {name}_copy as select * from {name}")
        drop_relation(con, name)
        con.execute(f"alter table {name}_copy rename to {name}")


def _blank_line(raw: str | None, delimiter: str) -> bool:
    try:
        cells = next(csv.reader(io.StringIO(raw or ""), delimiter=delimiter), [])
    except csv.Error:
        return False
    return not any(c.strip() for c in cells)


def _reason(err_type: str, message: str, n: int, raw: str | None = None, delimiter: str = ",") -> str:
    found = re.search(r"Found:\s*(\d+)", message or "")
    if err_type in ("MISSING COLUMNS", "TOO MANY COLUMNS") and found:
        cells = found.group(1)  # DuckDB's count stops at the first extra cell: count them in the line itself
        try:
            cells = str(len(next(csv.reader(io.StringIO(raw or ""), delimiter=delimiter)))) if raw else cells
        except (csv.Error, StopIteration):
            pass
        return f"has {cells} cells but the header has {n}; cannot tell which cell belongs to which column"
    if err_type == "UNQUOTED VALUE":
        return "a quote character inside a cell breaks the row; put quotes around the cell"
    if err_type == "INVALID ENCODING":
        return "contains bytes that are not text"
    if err_type == "LINE SIZE OVER MAXIMUM":
        return "the row is longer than 10 MB"
    return (message or err_type or "could not be read").splitlines()[0][:160]
