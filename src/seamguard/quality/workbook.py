"""Spreadsheet datasets (``.xlsx``, ``.xlsm``): one sheet read with openpyxl into an Arrow table
DuckDB queries like any other file dataset.

Shops' and ERPs' back offices export orders as workbooks as often as CSV. The sheet is read as
pandas' ``read_excel`` reads it: the first non-empty row is the header, each column typed by the
cells under it (whole numbers, numbers, booleans, date-times, else text: a column mixing text
and numbers is text, each cell as written), formulas by their saved result, empty rows and
trailing unnamed empty columns dropped. A header that names a column twice, or a column of
values under an empty header cell, is refused with the cell, as a CSV's header is.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = ["WORKBOOK_FORMAT", "WorkbookError", "read_sheet"]

WORKBOOK_FORMAT = "xlsx"


class WorkbookError(Exception):
    """A workbook that cannot be a dataset: what is wrong, the cell or row, a hint."""

    def __init__(self, message: str, *, line: int | None = None, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


def read_sheet(path: Path, sheet: str | None, max_bytes: int) -> Any:
    """The sheet (the first when ``sheet`` is None) as a ``pyarrow.Table``."""
    import openpyxl
    import pyarrow as pa
    from openpyxl.utils import get_column_letter

    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > max_bytes:
                raise WorkbookError(
                    f"the workbook inflates to over the {max_bytes}-byte limit",
                    hint="raise max_document_mb in [tool.seamguard], or export the sheet as "
                         "CSV or Parquet")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on unsupported extensions
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except WorkbookError:
        raise
    except Exception as exc:  # zipfile's, openpyxl's and the XML parser's own errors
        raise WorkbookError(f"it is not a readable .xlsx workbook ({_first_line(exc)})",
                            hint="save it again as an Excel workbook (.xlsx), or export the "
                                 "sheet as CSV; an old .xls or a password-protected file "
                                 "cannot be read") from None
    try:
        names = book.sheetnames
        if sheet is not None and sheet not in names:
            raise WorkbookError(f"the workbook has no sheet {sheet!r}; it has "
                                f"{', '.join(map(repr, names)) or 'none'}",
                                hint="set `sheet` to one of those names")
        # The first sheet of data: a chart sheet placed first holds no cells.
        title = sheet or next((s.title for s in book.worksheets), None)
        if title is None:
            raise WorkbookError("the workbook has no sheet of cells"
                                + (f" (only the chart sheets {', '.join(map(repr, names))})"
                                   if names else ""),
                                hint="export the data itself as a worksheet, or as CSV")
        if not hasattr(book[title], "iter_rows"):
            raise WorkbookError(f"the sheet {title!r} is a chart, not cells",
                                hint="set `sheet` to the sheet that holds the data")
        header, header_line, body = _rows(book[title])
    except WorkbookError:
        raise
    except Exception as exc:  # a part missing or malformed inside the container
        raise WorkbookError(f"it is not a readable .xlsx workbook ({type(exc).__name__}: "
                            f"{_first_line(exc)})",
                            hint="save it again from Excel or LibreOffice as .xlsx, or export "
                                 "the sheet as CSV") from None
    finally:
        book.close()
    if header is None:
        raise WorkbookError(f"the sheet {title!r} is empty",
                            hint="an empty export is a failed export: check the job that "
                                 "writes it")
    width = max([len(header), *(len(values) for _, values in body)])
    columns: list[str] = []
    kept: list[int] = []
    seen: dict[str, str] = {}
    for index in range(width):
        title = header[index] if index < len(header) else None
        cells = [values[index] if index < len(values) else None for _, values in body]
        cell = f"{get_column_letter(index + 1)}{header_line}"
        if title is None:
            if any(value is not None for value in cells):
                raise WorkbookError(
                    f"cell {cell} of the header row is empty, and the column under it holds "
                    "values", line=header_line,
                    hint="name every column that holds data in the header row")
            continue  # a formatted but empty column
        name = title if isinstance(title, str) else str(title)
        if name in seen:
            raise WorkbookError(
                f"the header names the column {name!r} twice (cells {seen[name]} and {cell}), "
                "so a suite would check one and not the other", line=header_line,
                hint="rename or drop one of them in the export that writes this workbook")
        seen[name] = cell
        columns.append(name)
        kept.append(index)
    arrays = []
    for index in kept:
        cells = [values[index] if index < len(values) else None for _, values in body]
        arrays.append(_array(pa, cells))
    return pa.table(arrays, names=columns) if columns else pa.table({})


def _rows(worksheet: Any) -> tuple[list[Any] | None, int, list[tuple[int, list[Any]]]]:
    """The first non-empty row (the header), its number, and every later non-empty row."""
    header: list[Any] | None = None
    header_line = 0
    body: list[tuple[int, list[Any]]] = []
    for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
        values = [_cell(value) for value in row]
        if all(value is None for value in values):
            continue
        if header is None:
            header, header_line = values, number
        else:
            body.append((number, values))
    return header, header_line, body


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value == "":
        return None
    if isinstance(value, Decimal):
        return float(value)
    return value


def _array(pa: Any, cells: Sequence[Any]) -> Any:
    """One column typed as pandas would type it: bool, int64, float64, timestamp, else text."""
    present = [value for value in cells if value is not None]
    if present and all(isinstance(value, bool) for value in present):
        return pa.array(cells, type=pa.bool_())
    if present and all(isinstance(value, int) and not isinstance(value, bool)
                       and -(2 ** 63) <= value < 2 ** 63 for value in present):
        return pa.array(cells, type=pa.int64())
    if present and all(isinstance(value, int | float) and not isinstance(value, bool)
                       for value in present):
        return pa.array([None if value is None else float(value) for value in cells],
                        type=pa.float64())
    if present and all(isinstance(value, datetime) for value in present):
        return pa.array(cells, type=pa.timestamp("us"))
    return pa.array([None if value is None else _text(value) for value in cells],
                    type=pa.string())


def _text(value: Any) -> str:
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 2 ** 53 else repr(value)
    return str(value)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
