"""Structured documents written as text that carry their keys with them: JSONP
(``callback({...});``) and CSV with a header row (an export in a text body, a log line or a
JSON string). :class:`~seamguard.privacy.text_scrub.TextScrubber` reads them by their keys."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

__all__ = ["Table", "header_delimiter", "jsonp_inner", "read_table", "write_table"]

# A JSONP reply: a callback name (maybe dotted, maybe behind `/**/`), a JSON object or array in
# parentheses, an optional semicolon.
_JSONP = re.compile(r"\s*(?:/\*\*/\s*)?[A-Za-z_$][\w$.]{0,120}\s*\(\s*(?=[\[{])(.*?)\)\s*;?\s*",
                    re.DOTALL)
# A header cell: a field name of up to three words, not a value (no digit run of its own, no
# `@`, no sentence).
_HEADER_CELL = re.compile(r"[^\W\d][\w.()/#-]{0,30}(?: [\w.()/#-]{1,30}){0,2}")


def jsonp_inner(text: str) -> tuple[int, int] | None:
    """Where the JSON inside a JSONP reply starts and ends; None when ``text`` is none."""
    if "(" not in text[:130]:
        return None
    match = _JSONP.fullmatch(text)
    return None if match is None else match.span(1)


@dataclass(frozen=True)
class Table:
    """A CSV text read: its header, its rows, and how it was written."""

    header: list[str]
    rows: list[list[str]]
    delimiter: str
    terminator: str


def header_delimiter(text: str) -> str:
    """The delimiter a CSV text's header row uses most (``,``, tab, ``;`` or ``|``; a comma
    when it holds none): exports from European spreadsheets use ``;``, TSV a tab."""
    first = text.partition("\n")[0]
    return max((",", "\t", ";", "|"), key=first.count)


def read_table(text: str) -> Table | None:
    """``text`` as a CSV table with a header row of field names (two columns at least, and at
    least one row as wide as the header); None when it is something else."""
    first, _, rest = text.partition("\n")
    if not rest.strip():
        return None
    delimiter = header_delimiter(first)
    if first.count(delimiter) < 1:
        return None
    # (the header first: a log or a sentence is turned away before the whole text is parsed)
    head = [cell.strip() for cell in first.rstrip("\r").split(delimiter)]
    if len(head) < 2 or not all(_HEADER_CELL.fullmatch(cell) for cell in head):
        return None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        return None
    header = [cell.strip() for cell in rows[0]] if rows else []
    if len(header) < 2 or len(set(header)) != len(header) or not all(
            _HEADER_CELL.fullmatch(cell) for cell in header):
        return None
    if not any(len(row) == len(header) for row in rows[1:]):
        return None
    return Table(rows[0], rows[1:], delimiter, "\r\n" if "\r\n" in text else "\n")


def write_table(table: Table, rows: list[list[str]], original: str) -> str:
    """``rows`` under ``table``'s header, written as ``original`` was."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=table.delimiter, lineterminator=table.terminator).writerows(
        [table.header, *rows])
    written = out.getvalue()
    return written if original.endswith(("\n", "\r")) else written.rstrip("\r\n")
