"""What a privacy scan reads in a workbook (``.xlsx``, ``.xlsm``): its cells row by row
through openpyxl, and every other place people type a customer's details into — comments and
text boxes (read as the XML parts they are), document properties (core, extended and custom),
sheet names, defined names, page headers and footers, data-validation lists and messages, and
hyperlinks' targets and tooltips (read here from the package's XML parts, each named by where
it sits, so a finding says ``/properties/creator`` or ``/Sheet1/header``)."""

from __future__ import annotations

import re
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from seamguard.privacy.header_codes import header_text

__all__ = ["BookPart", "keyed_rows", "workbook_notes", "workbook_parts", "workbook_rows"]


def workbook_rows(path: Path, max_bytes: int
                  ) -> Iterator[tuple[str, int, dict[str, Any] | list[Any]]]:
    """A workbook's rows as ``(sheet, row number, values)``: the first non-empty row of each
    sheet as a list (a header can name a customer too), every later row as a dict keyed by that
    header, so a column called 手机 or buyer tells what its cells hold. Cell values as their
    cached results (formulas are not evaluated), dates as ISO text."""
    import openpyxl

    with zipfile.ZipFile(path) as archive:
        if sum(info.file_size for info in archive.infolist()) > max_bytes:
            raise OverflowError(f"it inflates to over the {max_bytes}-byte limit")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            yield from keyed_rows(sheet.title, sheet.iter_rows(values_only=True))
    finally:
        book.close()


def keyed_rows(title: str, rows: Iterable[Sequence[Any]]
               ) -> Iterator[tuple[str, int, dict[str, Any] | list[Any]]]:
    """One sheet's rows as :func:`workbook_rows` gives them (empty cells: None or "")."""
    from openpyxl.utils import get_column_letter

    header: list[str] | None = None
    for number, row in enumerate(rows, start=1):
        values = [_plain(cell) for cell in row]
        if all(value is None or value == "" for value in values):
            continue
        if header is None:
            header = [str(value) if value not in (None, "") else get_column_letter(i)
                      for i, value in enumerate(values, start=1)]
            yield title, number, [v for v in values if v not in (None, "")]
            continue
        names = _distinct(header + [get_column_letter(i)
                                    for i in range(len(header) + 1, len(values) + 1)])
        yield title, number, {names[i]: value for i, value in enumerate(values)
                              if value not in (None, "")}


# Parts of a workbook beside its cells that hold what people typed: comments (old and
# threaded) and their authors, text boxes and shapes.
_NOTE_PARTS = re.compile(r"xl/(comments[^/]*\.xml|comments/[^/]+\.xml|threadedComments/[^/]+\.xml"
                         r"|persons/[^/]+\.xml|drawings/[^/]+\.xml)")


def workbook_notes(path: Path, shown: str, scan: Callable[[Path, str], Iterator[Any]]
                   ) -> Iterator[Any]:
    """A workbook's comments and text boxes, each part read by ``scan(file, shown!part)`` (the
    workbook's size was bounded before its cells were read)."""
    with zipfile.ZipFile(path) as archive, \
            tempfile.TemporaryDirectory(prefix="seamguard-scan-") as folder:
        for number, info in enumerate(archive.infolist()):
            if not _NOTE_PARTS.fullmatch(info.filename):
                continue
            target = Path(folder) / f"part{number}.xml"
            target.write_bytes(archive.read(info))
            yield from scan(target, f"{shown}!{info.filename}")


def _distinct(names: list[str]) -> list[str]:
    """Header names made unique (``电话``, ``电话 (2)``), so no cell is lost under a name twice."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):  # a duration cell (calamine)
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


class BookPart(NamedTuple):
    """Text found beside a workbook's cells: ``sheet`` (None for the whole book), ``section``
    (``properties``, ``header``, ``validation``…) and the values keyed by what each is; or,
    with ``problem`` set, a part that could not be read."""

    sheet: str | None
    section: str
    values: dict[str, str]
    problem: str = ""


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_HEADERS = frozenset({"oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader",
                      "firstFooter"})


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(archive: zipfile.ZipFile, name: str) -> Any:
    """A small XML part's root (None when the package has no such part); entities and DTDs are
    refused, so no part can expand past what it weighs."""
    from defusedxml import ElementTree

    if name not in archive.NameToInfo:
        return None
    return ElementTree.fromstring(archive.read(name))


def _relations(archive: zipfile.ZipFile, name: str) -> dict[str, tuple[str, bool]]:
    """A part's relationships: id -> (target, whether it lies outside the package)."""
    root = _parse(archive, name)
    if root is None:
        return {}
    return {item.get("Id", ""): (item.get("Target", ""), item.get("TargetMode") == "External")
            for item in root if _local(item.tag) == "Relationship"}


def _texts(element: Any) -> dict[str, str]:
    """The child elements that hold text, by their local names (a repeated name numbered)."""
    out: dict[str, str] = {}
    for child in element:
        text = "".join(child.itertext()).strip()
        if text and len(child) == 0:
            name = _local(child.tag)
            out[name if name not in out else f"{name} ({len(out) + 1})"] = text
    return out


def workbook_parts(path: Path) -> Iterator[BookPart]:
    """Everything but cells, comments and text boxes that a workbook shows or keeps (its size
    was bounded before its cells were read)."""
    with zipfile.ZipFile(path) as archive:
        for name, section in (("docProps/core.xml", "properties"),
                              ("docProps/app.xml", "properties"),
                              ("docProps/custom.xml", "properties/custom")):
            yield from _guarded(name, lambda name=name, section=section:  # type: ignore[misc]
                                _properties(archive, name, section))
        sheets: list[tuple[str, str | None]] = []
        yield from _guarded("xl/workbook.xml", lambda: _book(archive, sheets))
        for title, part in sheets:
            if part is not None and part in archive.NameToInfo:
                yield from _guarded(part, lambda title=title, part=part:  # type: ignore[misc]
                                    _sheet(archive, part, title))


def _guarded(part: str, read: Callable[[], Iterator[BookPart]]) -> Iterator[BookPart]:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError

    try:
        yield from read()
    except (ParseError, DefusedXmlException, zipfile.BadZipFile, KeyError, ValueError,
            EOFError) as exc:
        yield BookPart(None, part, {}, f"{type(exc).__name__}: {exc}")


def _properties(archive: zipfile.ZipFile, name: str, section: str) -> Iterator[BookPart]:
    root = _parse(archive, name)
    if root is None:
        return
    if section == "properties":
        values = _texts(root)
    else:  # <property name="…"><vt:lpwstr>value</vt:lpwstr></property>
        values = {}
        for number, item in enumerate(root, start=1):
            text = "".join(item.itertext()).strip()
            if text:
                values[item.get("name") or f"#{number}"] = text
    if values:
        yield BookPart(None, section, values)


def _book(archive: zipfile.ZipFile, sheets: list[tuple[str, str | None]]
          ) -> Iterator[BookPart]:
    """Sheet names (by position: a name can be the very value found) and defined names."""
    root = _parse(archive, "xl/workbook.xml")
    if root is None:
        return
    targets = _relations(archive, "xl/_rels/workbook.xml.rels")
    for item in root.iter(f"{_MAIN}sheet"):
        target = targets.get(item.get(_RELATION, ""), ("", False))[0]
        part = None if not target else target.lstrip("/") if target.startswith("/") else \
            str(PurePosixPath("xl") / target)
        sheets.append((item.get("name", ""), part))
    if sheets:
        yield BookPart(None, "sheets", {str(n): title for n, (title, _) in
                                        enumerate(sheets, start=1)})
    names: dict[str, str] = {}
    for number, item in enumerate(root.iter(f"{_MAIN}definedName"), start=1):
        key = item.get("name") or f"#{number}"
        if item.text:
            names[key] = item.text
        if item.get("comment"):
            names[f"{key} (comment)"] = item.get("comment", "")
    if names:
        yield BookPart(None, "names", names)


def _sheet(archive: zipfile.ZipFile, part: str, title: str) -> Iterator[BookPart]:
    """A worksheet's page headers and footers, data validations and hyperlinks (its cells are
    passed over here: openpyxl reads them)."""
    from defusedxml.ElementTree import iterparse

    folder, _, file = part.rpartition("/")
    links = _relations(archive, f"{folder}/_rels/{file}.rels")
    headers: dict[str, str] = {}
    checks: dict[str, str] = {}
    hyperlinks: dict[str, str] = {}
    with archive.open(part) as stream:
        for _, element in iterparse(stream, events=("end",)):
            name = _local(element.tag)
            if name in _HEADERS and element.text:
                text = header_text(element.text)  # "&C&12客服 138…" as it prints
                if text:
                    headers[name] = text
            elif name == "dataValidation":
                place = element.get("sqref", "")
                for key in ("promptTitle", "prompt", "errorTitle", "error"):
                    if element.get(key):
                        checks[f"{place} {key}"] = element.get(key, "")
                for child in element:
                    if child.text and _local(child.tag) in ("formula1", "formula2"):
                        checks[f"{place} {_local(child.tag)}"] = child.text
            elif name == "hyperlink":
                place = element.get("ref", "")
                target, external = links.get(element.get(_RELATION, ""), ("", False))
                if external and target:
                    hyperlinks[place] = target
                for key in ("location", "tooltip", "display"):
                    if element.get(key):
                        hyperlinks[f"{place} {key}"] = element.get(key, "")
            if name in ("c", "row"):
                element.clear()  # (cells are openpyxl's: keep the tree small)
    for section, values in (("header", headers), ("validation", checks),
                            ("hyperlink", hyperlinks)):
        if values:
            yield BookPart(title, section, values)
