"""Screens of dataset files before DuckDB reads them: what DuckDB would misread without a word
(a file in UTF-16, line ends it does not split on, a line that is no JSON object, a row of
another width), found quickly and placed by line."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path
from typing import Any

from seamguard.text_encoding import encoding_of_bom

__all__ = ["duplicate_column", "duplicate_in_header", "encoding_problem", "non_object_line",
           "nul_bytes", "ragged_csv_row"]

_EDGE = 1 << 16


def encoding_problem(path: Path, fmt: str) -> tuple[str, str, str] | None:
    """(problem, hint, encoding that reads it or "") when ``path`` is in an encoding or has
    line ends DuckDB misreads."""
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
    named = encoding_of_bom(head)
    if named:
        return (f"the file is in {named}, by its byte-order mark; datasets are read as "
                "UTF-8", "save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8",
                named.split()[0].lower())
    if fmt == "jsonl" and b"\r" in head and b"\n" not in head:
        return ("its lines end in a lone CR (old Mac line ends): JSON Lines separates records "
                "with LF", "convert the line ends to LF (or CRLF), e.g. tr '\\r' '\\n'", "")
    return None


def nul_bytes(path: Path, *, csv: bool = True) -> tuple[int | None, str] | None:
    """(line or None, where) of a NUL byte in the first or last 64 KiB of a text dataset, or
    None. No CSV or JSON Lines writer puts one there: the file is binary, was cut short while
    written, or is preallocated or sparse (gigabytes of zeros every later screen and DuckDB
    would read whole). Text in UTF-16 without a byte-order mark (a NUL beside every ASCII
    letter) is left to the decoding that names it."""
    with path.open("rb") as handle:
        head = handle.read(_EDGE)
        if _utf16_like(head[:1024]):
            return None
        at = head.find(b"\0")
        if at >= 0:
            line = head.count(b"\n", 0, at) + 1
            return line, f"holds a NUL byte (a zero byte) on line {line}" + (
                _column_at(head, at) if csv else "")
        size = os.fstat(handle.fileno()).st_size
        if size > len(head):
            handle.seek(max(size - _EDGE, len(head)))
            if b"\0" in handle.read(_EDGE):
                return None, "holds NUL bytes (zero bytes) in its last 64 KiB"
    return None


def _column_at(head: bytes, at: int) -> str:
    """", in column 'status'" for a NUL inside a CSV row that holds other text, by the
    delimiters before it (a row of NULs alone, as a sparse file has, names no column)."""
    begin = head.rfind(b"\n", 0, at) + 1
    end = head.find(b"\n", at)
    row = head[begin:] if end < 0 else head[begin:end]
    header = head[:head.find(b"\n")] if b"\n" in head else b""
    if not row.strip(b"\0\r") or begin == 0 or not header:
        return ""
    delimiter = max(b",;\t|", key=header.count).to_bytes(1, "big")
    names = header.rstrip(b"\r").split(delimiter)
    index = head[begin:at].count(delimiter)
    if index >= len(names):
        return ""
    name = names[index].strip().strip(b'"').decode("utf-8", "replace")
    return f", in column {name!r}"


def _utf16_like(start: bytes) -> bool:
    """NULs on one side of each byte pair only, beside a quarter or more of its letters."""
    even, odd = start[0::2].count(0), start[1::2].count(0)
    return min(even, odd) == 0 and max(even, odd) >= 2 and max(even, odd) * 4 >= len(start) // 2


def non_object_line(path: Path) -> tuple[int, str] | None:
    """(line, what it holds) of the first non-blank line of a JSON Lines file that is not a
    JSON object; None when each one starts as an object.

    Read in blocks and searched by a regex (C speed): DuckDB reads a ``null`` line among
    objects as a row of nulls and says nothing, so every JSON Lines file is screened."""
    kinds = {ord('"'): "a string", ord("["): "a list", ord("t"): "a boolean",
             ord("f"): "a boolean", ord("n"): "null"}
    line, rest, first = 1, b"", True
    with path.open("rb") as handle:
        while True:
            block = handle.read(1 << 20)
            data = rest + block
            if first:
                data, first = data.removeprefix(b"\xef\xbb\xbf"), False
            cut = len(data) if not block else data.rfind(b"\n") + 1
            found = _NOT_AN_OBJECT.search(data, 0, cut)
            if found is not None:
                byte = data[found.start(1)]
                return (line + data.count(b"\n", 0, found.start(1)),
                        kinds.get(byte, "a number" if byte in b"-0123456789" else "no JSON value"))
            if not block:
                return None
            line += data.count(b"\n", 0, cut)
            rest = data[cut:]


def blank_only(path: Path) -> bool:
    """Does the file hold nothing but blank lines (a byte-order mark aside)?"""
    first = True
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            if first:
                block, first = block.removeprefix(b"\xef\xbb\xbf"), False
            if block.strip():
                return False
    return True


# The first character of a line that does not open an object (blank lines are skipped).
_NOT_AN_OBJECT = re.compile(rb"(?m)^[ \t\r]*([^{ \t\r\n])")


def ragged_csv_row(path: Path, *, max_rows: int = 1_000_000) -> tuple[int, int, int] | None:
    """(line, header fields, row fields) of the first row of a CSV file whose field count
    differs from its header's, within ``max_rows`` rows; None when every row fits."""
    import csv

    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        first = handle.readline()
        counts = {sep: first.count(sep) for sep in ",;\t|"}
        delimiter = max(counts, key=lambda sep: counts[sep])
        if not counts[delimiter]:
            return None
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            header = next(reader, None)
        except csv.Error:
            return None
        if header is None:
            return None
        start = reader.line_num + 1
        try:
            for row in itertools.islice(reader, max_rows):
                if row and len(row) != len(header):
                    return start, len(header), len(row)
                start = reader.line_num + 1
        except csv.Error:  # a field past the csv module's limit: DuckDB's own message says it
            return None
    return None


def duplicate_column(header: list[object]) -> tuple[str, int, int] | None:
    """(name, first position, second position; 1-based) of the first column name a header
    gives twice. DuckDB renames the second (``email`` → ``email_1``), so a suite would check
    the first and never see the other: a file holding two columns of one name is ambiguous."""
    seen: dict[str, int] = {}
    for position, value in enumerate(header, start=1):
        if value is None:
            continue
        name = str(value).strip().lstrip("\ufeff")
        if name in seen:
            return name, seen[name], position
        seen[name] = position
    return None


def duplicate_in_header(duck: Any, path: Path, scanned: Path, fmt: str
                        ) -> tuple[str, int, int] | None:
    """``duplicate_column`` of a CSV file's header row (as DuckDB splits it, not renamed) or
    a Parquet file's schema; None for other formats, globs, and files that do not read."""
    if fmt not in ("csv", "parquet") or not path.is_file():
        return None
    try:
        if fmt == "csv":
            where = "'" + str(scanned).replace("'", "''") + "'"
            # fetchall: a result left unfinished on the run's connection blocks its next query
            rows = duck.execute(f"SELECT * FROM read_csv({where}, header=false, "
                                "all_varchar=true) LIMIT 1").fetchall()
            header = list(rows[0]) if rows else []
        else:
            import pyarrow.parquet as pq

            header = list(pq.read_schema(path).names)
    except Exception:  # the file read as a view already: DuckDB's header stands
        return None
    return duplicate_column(header)


def unclosed_quote(path: Path, *, delimiter: str = ",") -> int | None:
    """The line of a CSV file where a quoted field opens that the file never closes; None when
    every quote closes. DuckDB (and pandas) read the rest of such a file as that one field, so
    every row after it would vanish into one cell without a word."""
    import csv

    count = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b'"')
    if count % 2 == 0:  # each closed field holds its quotes in pairs ("" escapes one)
        return None
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        first = handle.readline()
        counts = {sep: first.count(sep) for sep in ",;\t|"}
        if any(counts.values()):
            delimiter = max(counts, key=lambda sep: counts[sep])
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        start = 1
        try:
            for _ in reader:
                start = reader.line_num + 1
        except csv.Error as exc:
            return start if "unexpected end of data" in str(exc) else None
    return None


def byte_order_mark_in(columns: list[str]) -> tuple[str, str] | None:
    """(problem, hint) when a column name holds a byte-order mark (U+FEFF): a file saved with
    two marks, or a header pasted together from two files, names a column no suite can spell."""
    from seamguard.model_errors import shown_part

    marked = next((name for name in columns if "\ufeff" in name), None)
    if marked is None:
        return None
    return (f"the column {shown_part(marked)!r} holds a byte-order mark (U+FEFF), so no suite "
            "or key can name it as the file means it",
            "the file was saved with a second byte-order mark, or pasted together from two "
            "files: save it again as UTF-8 with at most one mark at its start")


def csv_problem(path: Path) -> tuple[int, str, str] | None:
    """(line, problem, hint) of a CSV file DuckDB would read as something else: no header row
    (only a byte-order mark or blank lines), or a quoted field that never closes."""
    if blank_only(path):
        return 1, ("holds no header row and no rows, only a byte-order mark or blank lines"), (
            "an empty export is a failed export: check the job that writes it")
    line = unclosed_quote(path)
    if line is not None:
        return line, ("a quoted field opens on this line and is never closed, so every row "
                      "after it would be read as part of one value"), (
            'close the quote, or write a quote inside a value as two ("")')
    return None
