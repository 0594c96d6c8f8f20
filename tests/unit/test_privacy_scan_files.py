"""`privacy scan` over files that are not plain text, and over whole folders: spreadsheets cell
by cell, zip containers member by member, bzip2/xz and mis-named gzip files inflated, hidden
files such as `.env` read, binary files named as what they are, never silently passed over;
archives bounded in size and depth."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import zipfile
from pathlib import Path

import openpyxl
import pytest

from seamguard.findings import Finding
from seamguard.privacy.scan import scan_files
from seamguard.privacy.scan_files import is_scanned

PHONES = [f"13{d}1234567{d}" for d in range(2, 10)]


def _scan(*paths: Path, max_bytes: int = 8 * 1_048_576) -> list[Finding]:
    return list(scan_files(paths, display=lambda p: p.name, max_bytes=max_bytes))


def _codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def _workbook(path: Path, rows: list[list[object]], title: str = "客户") -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_a_workbook_is_read_cell_by_cell_with_its_sheet_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "customers.xlsx"
    _workbook(path, [["订单号", "收件人", "手机", "手机"],
                     ["T20240501001", "张伟", int(PHONES[0]), PHONES[1]],
                     [None, None, None, None],
                     ["T20240501002", "ok", None, "寄往 zhang.wei@example.com"]],
              title="a~b")
    found = _scan(path)
    places = {(f.location.line, f.location.pointer, f.message.split(" ")[0]) for f in found}
    assert (2, "/a~0b/手机", "phone") in places  # a number cell
    assert (2, "/a~0b/手机 (2)", "phone") in places  # the second column of the same name
    assert (2, "/a~0b/收件人", "name") in places
    assert (4, "/a~0b/手机 (2)", "email") in places
    assert not any("T2024" in f.message for f in found)
    shown = json.dumps([f.message for f in found], ensure_ascii=False)
    assert PHONES[0] not in shown
    assert "张伟" not in shown


def test_a_header_that_names_a_customer_is_found_too(tmp_path: Path) -> None:
    path = tmp_path / "pivot.xlsx"
    _workbook(path, [["sku", PHONES[2]], ["A-1", 3]])
    found = _scan(path)
    assert (1, "privacy.personal-data") in [(f.location.line, f.code) for f in found]
    assert all(f.message.startswith("phone ") for f in found)


def test_zip_containers_are_read_member_by_member(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a/orders.csv", f"id,phone\n1,{PHONES[3]}\n")
        archive.writestr("word/document.xml",
                         f"<w:document><w:t>收件人: 张伟 {PHONES[4]}</w:t></w:document>")
        archive.writestr("src/tool.py", f"X = '{PHONES[5]}'\n")  # code in an archive: skipped
    found = _scan(path)
    files = sorted({str(f.location.file) for f in found})
    assert files == ["export.zip!a/orders.csv", "export.zip!word/document.xml"]


def test_an_archive_beyond_the_size_limit_is_reported_not_inflated(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"0" * 2_000_000)
    found = _scan(path, max_bytes=1_000_000)
    assert _codes(found) == ["privacy.unreadable"]
    assert "limit" in found[0].message


def test_archives_nested_too_deep_are_reported(tmp_path: Path) -> None:
    inner = f"phone {PHONES[6]}\n".encode()
    name = "note.txt"
    for depth in range(6):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(name, inner)
        inner, name = buffer.getvalue(), f"level{depth}.zip"
    path = tmp_path / "deep.zip"
    path.write_bytes(inner)
    found = _scan(path)
    assert _codes(found) == ["privacy.unreadable"]
    assert "deep" in found[0].message


@pytest.mark.parametrize(("name", "pack"), [
    ("notes.md.bz2", bz2.compress), ("dump.sql.xz", lzma.compress),
    ("download.csv", gzip.compress),  # gzip under a plain name: read as the CSV it holds
])
def test_compressed_files_are_inflated_and_read_as_what_they_hold(
        tmp_path: Path, name: str, pack: object) -> None:
    path = tmp_path / name
    path.write_bytes(pack(f"name,mobile\nx,{PHONES[7]}\n".encode()))  # type: ignore[operator]
    found = _scan(path)
    assert _codes(found) == ["privacy.personal-data"]
    assert found[0].location.line == 2


def test_a_cut_bzip2_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt.bz2"
    path.write_bytes(bz2.compress(f"{PHONES[0]}\n".encode() * 1000)[:40])
    assert _codes(_scan(path)) == ["privacy.unreadable"]


@pytest.mark.parametrize(("head", "said"), [
    (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"%PDF-1.7\n", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old-format"), (b"SQLite format 3\x00", "SQLite"),
])
def test_a_binary_file_is_named_as_what_it_is(tmp_path: Path, head: bytes, said: str) -> None:
    path = tmp_path / "scan.bin"
    path.write_bytes(head + bytes(range(256)) * 4)
    found = _scan(path)
    assert _codes(found) == ["privacy.unreadable"]
    assert said in found[0].message
    assert "baseline" in (found[0].hint or "")


def test_a_damaged_workbook_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    assert _codes(_scan(path)) == ["privacy.unreadable"]


def test_a_folder_scan_reads_hidden_files_and_passes_over_code_and_tool_folders(
        tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("APP_SECRET=sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv\n")
    (tmp_path / "notes.md").write_text(f"call {PHONES[1]}\n")
    (tmp_path / "helper.py").write_text(f"PHONE = '{PHONES[2]}'\n")
    for folder in (".git", "node_modules", "__pycache__"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"{PHONES[3]}\n")
    (tmp_path / ".DS_Store").write_bytes(b"\0\0\0\1Bud1" + bytes(64))
    found = _scan(tmp_path)
    assert sorted((f.location.file, f.code) for f in found) == [
        (".env", "privacy.secret"), ("notes.md", "privacy.personal-data")]
    # Code named on purpose is read.
    assert _codes(_scan(tmp_path / "helper.py")) == ["privacy.personal-data"]


def test_only_folders_inside_the_scanned_one_are_judged(tmp_path: Path) -> None:
    root = tmp_path / "venv" / "project"  # a parent's name never hides the project
    root.mkdir(parents=True)
    (root / "a.txt").write_text(f"{PHONES[4]}\n")
    assert _codes(_scan(root)) == ["privacy.personal-data"]
    assert not is_scanned(Path("node_modules/x.json"))
    assert is_scanned(Path("data/.env"))


def test_odd_member_names_and_an_encrypted_member_do_not_stop_the_archive(
        tmp_path: Path) -> None:
    path = tmp_path / "odd.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("..", f"{PHONES[5]}\n")
        archive.writestr("x" * 300 + ".txt", f"{PHONES[6]}\n")
        archive.writestr("../../escape.csv", f"id,phone\n1,{PHONES[7]}\n")
        archive.writestr("locked.txt", f"{PHONES[0]}\n")
    data = bytearray(path.read_bytes())
    # Mark the last member encrypted (general purpose flag bit 0, local and central headers).
    for header, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.rfind(header)
        data[at + offset] |= 1
    path.write_bytes(bytes(data))
    found = _scan(path)
    assert sorted(f.code for f in found) == ["privacy.personal-data"] * 3 + [
        "privacy.unreadable"]
    assert not (tmp_path.parent / "escape.csv").exists()
    assert [f.location.file for f in found if f.code == "privacy.unreadable"] == [
        "odd.zip!locked.txt"]


@pytest.mark.parametrize("text", ["BMW,13612345678\n", "RIFF 13612345678\n",
                                  "GIF8 联系 13612345678\n", "BZh9 13612345678\n",
                                  "%PDF note 13612345678\n"])
def test_a_text_that_starts_like_a_binary_format_is_read_as_text(tmp_path: Path,
                                                                 text: str) -> None:
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    assert _codes(_scan(path)) == ["privacy.personal-data"]
