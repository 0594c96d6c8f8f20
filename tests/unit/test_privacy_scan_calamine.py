"""``privacy scan`` reads Excel binary (.xlsb) and old-format (.xls) workbooks cell by cell
through python-calamine, placing findings as an .xlsx's are; bounded, and naming what it cannot
read (a protected file, a broken one) rather than passing it or raising."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import pyxlsbwriter
import xlwt

from seamguard.findings import Finding
from seamguard.privacy import scan as scan_module
from seamguard.privacy import scan_calamine
from seamguard.privacy.scan import scan_files
from tests.support import scan_kinds

PHONE = "13912345678"
MASKED = "139****5678"

Sheets = list[tuple[str, list[list[object]]]]


def _xlsb(path: Path, sheets: Sheets) -> None:
    with pyxlsbwriter.XlsbWriter(str(path)) as writer:
        for title, rows in sheets:
            writer.add_sheet(title)
            writer.write_sheet(rows)


def _xls(path: Path, sheets: Sheets) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    for title, rows in sheets:
        sheet = book.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.write(r, c, value)
    book.save(str(path))


WRITERS: dict[str, Callable[[Path, Sheets], None]] = {".xlsb": _xlsb, ".xls": _xls}


def _scan(*paths: Path, max_bytes: int = 8 * 1_048_576) -> list[Finding]:
    return list(scan_files(paths, display=lambda p: p.name, max_bytes=max_bytes))


def _phones(found: list[Finding]) -> list[str]:
    return [f.location.where for f in found
            if f.code == "privacy.personal-data" and f.message.startswith(f"phone '{MASKED}'")]


@pytest.mark.parametrize("suffix", [".xlsb", ".xls"])
def test_a_phone_in_a_cell_is_placed_by_its_sheet_row_and_column(tmp_path: Path, suffix: str
                                                                  ) -> None:
    path = tmp_path / f"orders{suffix}"
    WRITERS[suffix](path, [("Sheet1", [["订单号", None], ["T20240501001", None],
                                       [None, PHONE]])])
    found = _scan(path)
    assert _phones(found) == [f"orders{suffix}:3 /Sheet1/B"]
    assert not [f for f in found if f.code == "privacy.unreadable"]


@pytest.mark.parametrize("suffix", [".xlsb", ".xls"])
def test_cells_are_keyed_by_their_header_on_every_sheet(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"customers{suffix}"
    WRITERS[suffix](path, [("汇总", [["季度", "数量"], ["Q3", 2]]),
                           ("订单", [["订单号", "手机"], ["T1", "13800000000"],
                                     ["T2", PHONE]])])
    assert _phones(_scan(path)) == [f"customers{suffix}:3 /订单/手机"]


@pytest.mark.parametrize("suffix", [".xlsb", ".xls"])
def test_a_sheet_named_after_a_customer_is_found_and_masked_where_cells_are_placed(
        tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"visits{suffix}"
    WRITERS[suffix](path, [("订单", [["订单号"], ["T1"]]),
                           (f"回访 {PHONE}", [["备注", "手机"], ["回电", "13812345678"]])])
    found = _scan(path)
    assert _phones(found) == [f"visits{suffix} /sheets/2"]
    assert any(f.location.pointer == f"/回访 {MASKED}/手机" for f in found)
    assert not any(PHONE in (f.location.where + f.message) for f in found)


def test_a_workbook_past_the_cell_cap_is_read_up_to_it_and_said_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan_calamine, "MAX_CELLS", 10)
    path = tmp_path / "big.xlsb"
    _xlsb(path, [("A", [["手机"], [PHONE]]),
                 ("B", [["手机", "备注"]] + [["13812345678", "x"]] * 10)])
    found = _scan(path)
    assert _phones(found) == ["big.xlsb:2 /A/手机"]
    [warning] = [f for f in found if f.code == "privacy.unreadable"]
    assert warning.message.startswith("was scanned only in part: its sheet #2 takes it past 10")
    assert warning.location.pointer == "/B"


def test_a_sheet_declaring_an_absurd_range_is_not_loaded(tmp_path: Path) -> None:
    # calamine would hold A1:XFD1048576 whole; the sheet's declared dimension refuses it first
    plain = tmp_path / "plain.xlsb"
    _xlsb(plain, [("A", [["手机"], [PHONE]]), ("B", [["手机"], ["13812345678"]])])
    path = tmp_path / "huge.xlsb"
    empty = b"\x94\x01\x10" + bytes(16)  # BrtWsDim A1:A1, as the writer leaves it
    absurd = b"\x94\x01\x10" + struct.pack("<IIII", 0, 1_048_575, 0, 16_383)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet2.bin":
                assert empty in data
                data = data.replace(empty, absurd)
            target.writestr(info, data)
    found = _scan(path)
    assert _phones(found) == ["huge.xlsb:2 /A/手机"]
    [warning] = [f for f in found if f.code == "privacy.unreadable"]
    assert "its sheet #2 takes it past 5000000 cells" in warning.message


@pytest.mark.parametrize("suffix", [".xlsb", ".xls"])
def test_a_workbook_over_the_size_limit_is_named_not_read(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"big{suffix}"
    WRITERS[suffix](path, [("Sheet1", [["手机"], [PHONE]])])
    [finding] = _scan(path, max_bytes=256)
    assert finding.code == "privacy.unreadable"
    assert "over the 256-byte limit" in finding.message


def test_a_broken_xls_is_named_with_calamines_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    [finding] = _scan(path)
    assert finding.code == "privacy.unreadable"
    assert finding.message.startswith("could not be scanned: it is not a readable workbook (")
    assert "sector" in finding.message  # calamine's own words on the compound file


def test_a_cut_xlsb_is_named_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "cut.xlsb"
    _xlsb(path, [("Sheet1", [["手机"], [PHONE]])])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    found = _scan(path)
    assert [f.code for f in found] == ["privacy.unreadable"]


@pytest.mark.parametrize("name", ["salaries.xlsx", "salaries.xlsb", "salaries.xls"])
def test_a_password_protected_workbook_is_named_as_such(tmp_path: Path, name: str) -> None:
    # An encrypted .xlsx is an OLE2 compound file holding an "EncryptedPackage" stream.
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
                     + "EncryptedPackage".encode("utf-16-le") + bytes(64))
    [finding] = _scan(path)
    assert finding.code == "privacy.unreadable"
    assert "password-protected (encrypted) Office file" in finding.message
    assert "password" in (finding.hint or "")


@pytest.mark.parametrize(("suffix", "said"), [(".xlsb", "Excel binary workbook"),
                                              (".xls", "old-format")])
def test_without_calamine_such_workbooks_stay_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, said: str) -> None:
    monkeypatch.setattr(scan_module, "calamine_available", lambda: False)
    path = tmp_path / f"orders{suffix}"
    WRITERS[suffix](path, [("Sheet1", [["手机"], [PHONE]])])
    found = _scan(path)
    assert any(f.code == "privacy.unreadable" and said in f.message for f in found)


def test_an_excel_binary_workbook_under_another_name_is_read_by_its_parts(tmp_path: Path
                                                                          ) -> None:
    path = tmp_path / "renamed.zip"
    _xlsb(path, [("Sheet1", [["手机"], [PHONE]])])
    assert _phones(_scan(path)) == ["renamed.zip:2 /Sheet1/手机"]


def test_an_excel_binary_workbooks_properties_are_read_beside_its_cells(tmp_path: Path
                                                                       ) -> None:
    path = tmp_path / "book.xlsb"
    _xlsb(path, [("Sheet1", [["季度"], ["Q3"]])])
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("docProps/core.xml", scan_kinds._core(f"客服 {PHONE}"))
    found = _scan(path)
    assert [f.location.where for f in found if MASKED in f.message] == [
        "book.xlsb!docProps/core.xml:2 /coreProperties/creator"]
    assert not [f for f in found if f.code == "privacy.unreadable"]


def test_an_excel_binary_workbook_in_a_zip_is_read(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsb"
    _xlsb(book, [("Sheet1", [["手机"], [PHONE]])])
    path = tmp_path / "exports.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(book, "exports/book.xlsb")
    assert _phones(_scan(path)) == ["exports.zip!exports/book.xlsb:2 /Sheet1/手机"]


class PanicException(BaseException):  # the name pyo3 gives a Rust panic
    """What a panic inside calamine (a record indexed past its end) raises in Python."""


def test_a_panic_inside_calamine_is_a_warning_not_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import python_calamine

    def panic(path: str) -> None:
        raise PanicException("index out of bounds: the len is 9 but the index is 24833")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", panic)
    path = tmp_path / "broken.xlsb"
    _xlsb(path, [("Sheet1", [["手机"], [PHONE]])])
    found = _scan(path)
    assert [f.code for f in found] == ["privacy.unreadable"]
    assert "calamine failed on it: index out of bounds" in found[0].message


def test_an_xlsb_sheet_whose_cells_pass_the_cap_is_never_loaded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The writer declares every sheet A1:A1; the sheet's own rows and cells say how wide it is
    import python_calamine

    monkeypatch.setattr(scan_calamine, "MAX_CELLS", 5)
    loaded: list[int] = []
    load = python_calamine.CalamineWorkbook.get_sheet_by_index

    def counted(book: object, index: int) -> object:
        loaded.append(index)
        return load(book, index)  # type: ignore[arg-type]

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "get_sheet_by_index", counted)
    path = tmp_path / "wide.xlsb"
    _xlsb(path, [("A", [["手机"], [PHONE]]), ("B", [["手机", "备注"]] + [["138", "x"]] * 2)])
    found = _scan(path)
    assert loaded == [0]
    assert _phones(found) == ["wide.xlsb:2 /A/手机"]
    assert any("its sheet #2 takes it past 5 cells" in f.message for f in found)


def test_an_old_workbook_that_kills_its_reader_is_named_not_fatal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A damaged BIFF8 cell record can make calamine ask for tens of gigabytes and abort: the
    # .xls is read in a child process, so the scan goes on and names the file.
    monkeypatch.setattr(scan_calamine, "_CHILD", "import os; os.abort()")
    path = tmp_path / "orders.xls"
    WRITERS[".xls"](path, [("Sheet1", [["手机"], [PHONE]])])
    [finding] = _scan(path)
    assert finding.code == "privacy.unreadable"
    assert "calamine stopped on it, signal SIGABRT" in finding.message


def test_an_old_workbooks_reader_runs_with_its_memory_capped(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An allocation past the child's address-space cap fails in the child, never in the scan
    monkeypatch.setattr(scan_calamine, "CHILD_MEMORY", 1 << 30)
    child = scan_calamine._CHILD.replace("from seamguard", "bytearray(2 << 30)\nfrom seamguard")
    monkeypatch.setattr(scan_calamine, "_CHILD", child)
    path = tmp_path / "orders.xls"
    WRITERS[".xls"](path, [("Sheet1", [["手机"], [PHONE]])])
    [finding] = _scan(path)
    assert finding.code == "privacy.unreadable"
    assert "calamine stopped on it, exit 1" in finding.message
