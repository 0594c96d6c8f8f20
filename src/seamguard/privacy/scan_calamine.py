"""Workbooks openpyxl cannot open, read cell by cell through python-calamine: Excel binary
workbooks (``.xlsb``, BIFF12 records in a zip) and old-format Excel files (``.xls``, BIFF8 in
an OLE2 compound file). Their sheet names and rows come out as an ``.xlsx``'s do, so a finding
says ``orders.xls:3 /订单/手机``. A workbook is read sheet by sheet and stops at
:data:`MAX_CELLS`, said so; a password-protected one is named, never guessed at."""

from __future__ import annotations

import json
import os
import re
import signal
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from seamguard.privacy.scan_workbooks import keyed_rows

__all__ = ["ENCRYPTED", "ENCRYPTED_HINT", "MAX_CELLS", "OLD_WORKBOOK_SUFFIXES", "BookRead",
           "calamine_available", "calamine_book", "is_encrypted_office"]

# Cells read from one workbook at most: calamine holds a sheet's whole used range in memory,
# so a sheet whose range is absurd (a cell at XFD1048576) is not read past this.
MAX_CELLS = 5_000_000
OLD_WORKBOOK_SUFFIXES = frozenset({".xls", ".xlt", ".xla"})
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted .xlsx/.docx/.pptx is kept in inside its OLE2 wrapper (UTF-16 name).
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
ENCRYPTED = ("it is a password-protected (encrypted) Office file: seamguard cannot read it "
             "without the password, so nothing in it was scanned")
ENCRYPTED_HINT = ("remove the password (File > Info > Protect Workbook > Encrypt with Password, "
                  "cleared) and commit it again, or export its sheets as CSV; a file that must "
                  "stay encrypted holds no data to commit")


def calamine_available() -> bool:
    """Whether python-calamine can be imported (it is a dependency; a trimmed install may lack
    it, and then such workbooks stay named as unreadable)."""
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


def is_encrypted_office(path: Path, head: bytes, max_bytes: int) -> bool:
    """An OLE2 compound file holding an ``EncryptedPackage`` stream: an Office Open XML file
    saved with a password (read no further than ``max_bytes``)."""
    if not head.startswith(_OLE2):
        return False
    with path.open("rb") as handle:
        return _ENCRYPTED_STREAM in handle.read(max_bytes)


class BookRead(NamedTuple):
    """What :func:`calamine_book` yields: a row (``sheet``, ``number``, ``values`` as
    :func:`.keyed_rows` gives them), the sheet names (``number`` 0, ``values`` by position),
    or a ``note`` on what was not read."""

    sheet: str
    number: int
    values: dict[str, Any] | list[Any]
    note: str = ""


def calamine_book(path: Path, max_bytes: int) -> Iterator[BookRead]:
    """A workbook's sheet names, then its rows sheet by sheet, bounded by ``max_bytes`` (the
    file, or a zip's declared content) and :data:`MAX_CELLS`. Raises ValueError with
    calamine's reason for a file it cannot parse, PermissionError for a protected one."""
    if path.stat().st_size > max_bytes:
        raise OverflowError(f"it is over the {max_bytes}-byte limit")
    declared: list[int] = []
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > max_bytes:
                raise OverflowError(f"it inflates to over the {max_bytes}-byte limit")
            declared = _declared_cells(archive)
    try:
        if declared or zipfile.is_zipfile(path):
            yield from _read(path, declared, MAX_CELLS)
        else:
            yield from _read_apart(path)
    except BaseException as exc:
        # A Rust panic inside calamine (a malformed record it indexes past) reaches Python as
        # pyo3's PanicException, a BaseException: it is a broken file, said as one.
        if type(exc).__name__ != "PanicException":
            raise
        raise ValueError(f"it is not a readable workbook (calamine failed on it: {exc}); open "
                         "and save it again in Excel or LibreOffice") from None


def _read(path: Path, declared: list[int], max_cells: int) -> Iterator[BookRead]:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError as exc:
        raise PermissionError(str(exc)) from None
    except python_calamine.CalamineError as exc:
        raise ValueError(f"it is not a readable workbook ({exc}); open and save it again in "
                         "Excel or LibreOffice") from None
    try:
        names = list(book.sheet_names)
        yield BookRead("", 0, {str(n): name for n, name in enumerate(names, start=1)})
        cells = 0
        for index, name in enumerate(names):
            # calamine holds a sheet's whole range: an absurd one is not loaded at all
            if index < len(declared) and cells + declared[index] > max_cells:
                yield _past_cap(name, index, len(names), max_cells)
                return
            try:
                sheet = book.get_sheet_by_index(index)
            except python_calamine.PasswordError as exc:
                raise PermissionError(str(exc)) from None
            except python_calamine.CalamineError as exc:
                yield BookRead(name, 0, {}, f"its sheet #{index + 1} could not be read: {exc}")
                continue
            cells += sheet.height * sheet.width
            if cells > max_cells:
                yield _past_cap(name, index, len(names), max_cells)
                return
            # the rows and columns the sheet shows: its used range may start below A1
            top, left = sheet.start or (0, 0)
            rows = ([""] * left + list(row) for row in sheet.iter_rows())
            for title, number, values in keyed_rows(name, rows):
                yield BookRead(title, number + top, values)
    finally:
        book.close()


# An old-format workbook is read in a child process: calamine trusts BIFF8's cell records, so a
# damaged one can make it ask for tens of gigabytes and abort the whole process, which Python
# cannot catch. The child's address space is capped, and its death is a broken file, said so.
CHILD_MEMORY = 4 << 30
_CHILD = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]), int(sys.argv[3])))
from seamguard.privacy.scan_calamine import read_for_parent
read_for_parent(Path(sys.argv[1]), int(sys.argv[2]))
"""


def read_for_parent(path: Path, max_cells: int) -> None:
    """The child's side of :func:`_read_apart`: each read as a JSON line on stdout, then how
    it ended (``{"end": …}``)."""
    out = sys.stdout
    try:
        for read in _read(path, [], max_cells):
            out.write(json.dumps(list(read), default=str, ensure_ascii=False) + "\n")
        end: dict[str, str] = {"end": "ok"}
    except PermissionError as exc:
        end = {"end": "password", "why": str(exc)}
    except ValueError as exc:
        end = {"end": "broken", "why": str(exc)}
    except BaseException as exc:  # a Rust panic inside calamine (pyo3's PanicException)
        end = {"end": "broken", "why": f"it is not a readable workbook (calamine failed on it: "
                                       f"{exc}); open and save it again in Excel or LibreOffice"}
    out.write(json.dumps(end) + "\n")
    out.flush()


def _read_apart(path: Path) -> Iterator[BookRead]:
    package = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        filter(None, [str(package), os.environ.get("PYTHONPATH", "")])), RUST_BACKTRACE="0")
    command = [sys.executable, "-c", _CHILD, str(path), str(MAX_CELLS), str(CHILD_MEMORY)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          stdin=subprocess.DEVNULL, env=env, encoding="utf-8") as child:
        assert child.stdout is not None
        end: dict[str, str] = {}
        for line in child.stdout:
            item = json.loads(line)
            if isinstance(item, dict):
                end = item
                break
            sheet, number, values, note = item
            yield BookRead(sheet, number, values, note)
        child.stdout.close()
        code = child.wait()
    if end.get("end") == "password":
        raise PermissionError(end.get("why", ""))
    if end.get("end") == "broken":
        raise ValueError(end.get("why", ""))
    if end.get("end") != "ok":
        how = f"exit {code}"
        if code < 0:
            try:
                how = f"signal {signal.Signals(-code).name}"
            except ValueError:
                how = f"signal {-code}"
        raise ValueError(f"it is not a readable workbook (calamine stopped on it, {how}, as on a "
                         "damaged cell record); open and save it again in Excel or LibreOffice")


def _past_cap(name: str, index: int, count: int, max_cells: int) -> BookRead:
    return BookRead(name, 0, {}, (
        f"was scanned only in part: its sheet #{index + 1} takes it past {max_cells} cells, "
        f"so that sheet and {count - index - 1} after it were not read"))


def _records(data: bytes) -> Iterator[tuple[int, bytes]]:
    """An .xlsb part's BIFF12 records: (type, payload); a cut record ends the walk."""
    at = 0
    while at < len(data):
        kind = data[at]
        at += 1
        if kind & 0x80 and at < len(data):
            kind = (kind & 0x7F) | (data[at] & 0x7F) << 7
            at += 1
        size = shift = 0
        for _ in range(4):
            if at >= len(data):
                return
            byte = data[at]
            at += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        yield kind, data[at:at + size]
        at += size


_SHEET, _DIMENSION, _ROW = 156, 148, 0  # BrtBundleSh, BrtWsDim, BrtRowHdr
_CELLS = frozenset(range(1, 14))  # BrtCellBlank … BrtFmlaError: each starts with its column
_RELATION_ID = re.compile(rb'Id="([^"]+)"[^>]*?Target="([^"]+)"')


def _declared_cells(archive: zipfile.ZipFile) -> list[int]:
    """The cells each sheet of an .xlsb declares (its BrtWsDim range), in the workbook's sheet
    order; 0 for a sheet that declares none."""
    if "xl/workbook.bin" not in archive.NameToInfo:
        return []
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.bin.rels" in archive.NameToInfo:
        rels = archive.read("xl/_rels/workbook.bin.rels")
        targets = {m[1].decode(): m[2].decode() for m in _RELATION_ID.finditer(rels)}
    out = []
    for kind, payload in _records(archive.read("xl/workbook.bin")):
        if kind != _SHEET or len(payload) < 12:
            continue
        length = struct.unpack_from("<I", payload, 8)[0]
        relation = payload[12:12 + 2 * length].decode("utf-16-le", "replace")
        target = targets.get(relation, "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        out.append(_sheet_cells(archive, part) if part in archive.NameToInfo else 0)
    return out


def _sheet_cells(archive: zipfile.ZipFile, part: str) -> int:
    """The cells calamine would hold for a sheet: the rectangle of its rows (BrtRowHdr) and
    of its cells' columns, or its declared BrtWsDim range if larger (read within the
    workbook's inflated-size bound)."""
    declared = 0
    rows: list[int] = []
    columns: list[int] = []
    for kind, payload in _records(archive.read(part)):
        if len(payload) < 4:
            continue
        if kind == _DIMENSION and len(payload) >= 16:
            first_row, last_row, first_col, last_col = struct.unpack_from("<IIII", payload)
            declared = int(max(last_row - first_row + 1, 0)) * int(max(last_col - first_col + 1,
                                                                       0))
        elif kind == _ROW:
            rows.append(struct.unpack_from("<I", payload)[0])
        elif kind in _CELLS:
            columns.append(struct.unpack_from("<I", payload)[0])
    used = (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1) \
        if rows and columns else 0
    return max(declared, int(used))
