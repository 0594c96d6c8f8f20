"""`privacy scan` over the other files a team commits: a workbook's page headers and footers,
properties, defined names, validation lists, hyperlinks and sheet names; office documents'
properties and comments reported once; tar archives and e-mail messages opened; zip members in
methods seamguard cannot inflate, pipes, sockets and broken links named — none passed over in
silence."""

from __future__ import annotations

import io
import os
import socket
import tarfile
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from seamguard.findings import Finding
from seamguard.privacy.scan import scan_files
from tests.support import scan_kinds

PHONE = "13912345678"


def _scan(*paths: Path, max_bytes: int = 8 * 1_048_576) -> list[Finding]:
    return list(scan_files(paths, display=lambda p: p.name, max_bytes=max_bytes))


def _phones(found: list[Finding]) -> list[str]:
    return [f.location.where for f in found
            if f.code == "privacy.personal-data" and f.message.startswith("phone '139****5678'")]


def _book(path: Path, change: object) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "订单"
    sheet.append(["订单号", "数量"])
    sheet.append(["T20240501001", 2])
    change(book, sheet)  # type: ignore[operator]
    book.save(path)


def _header(book: openpyxl.Workbook, sheet: object) -> None:
    sheet.oddHeader.center.text = f"客服 {PHONE}"  # type: ignore[attr-defined]


def _first_footer(book: openpyxl.Workbook, sheet: object) -> None:
    sheet.firstFooter.right.text = f"&B客服&B {PHONE}"  # type: ignore[attr-defined]
    sheet.HeaderFooter.differentFirst = True  # type: ignore[attr-defined]


def _even_header(book: openpyxl.Workbook, sheet: object) -> None:
    sheet.evenHeader.left.text = f"客服 {PHONE}"  # type: ignore[attr-defined]
    sheet.HeaderFooter.differentOddEven = True  # type: ignore[attr-defined]


def _creator(book: openpyxl.Workbook, sheet: object) -> None:
    book.properties.creator = f"王芳 {PHONE}"


def _description(book: openpyxl.Workbook, sheet: object) -> None:
    book.properties.description = f"联系 {PHONE}"


def _custom(book: openpyxl.Workbook, sheet: object) -> None:
    book.custom_doc_props.append(StringProperty(name="客户电话", value=PHONE))


def _defined(book: openpyxl.Workbook, sheet: object) -> None:
    book.defined_names["hotline"] = DefinedName("hotline", attr_text=f'"{PHONE}"')


def _validation(book: openpyxl.Workbook, sheet: object) -> None:
    rule = DataValidation(type="list", formula1=f'"{PHONE},否"')
    sheet.add_data_validation(rule)  # type: ignore[attr-defined]
    rule.add("C2:C20")


def _link(book: openpyxl.Workbook, sheet: object) -> None:
    cell = sheet["C2"]  # type: ignore[index]
    cell.value = "详情"
    cell.hyperlink = f"https://crm.example.com/find?mobile={PHONE}"


def _tooltip(book: openpyxl.Workbook, sheet: object) -> None:
    cell = sheet["C2"]  # type: ignore[index]
    cell.value = "详情"
    cell.hyperlink = "https://crm.example.com/orders"
    cell.hyperlink.tooltip = f"回电 {PHONE}"


def _sheet_name(book: openpyxl.Workbook, sheet: object) -> None:
    book.create_sheet(f"回访 {PHONE}").append(["订单号", "备注"])


@pytest.mark.parametrize(("change", "where"), [
    (_header, "/订单/header/oddHeader"),
    (_first_footer, "/订单/header/firstFooter"),
    (_even_header, "/订单/header/evenHeader"),
    (_creator, "/properties/creator"),
    (_description, "/properties/description"),
    (_custom, "/properties/custom/客户电话"),
    (_defined, "/names/hotline"),
    (_validation, "/订单/validation/C2:C20 formula1"),
    (_link, "/订单/hyperlink/C2"),
    (_tooltip, "/订单/hyperlink/C2 tooltip"),
    (_sheet_name, "/sheets/2"),
])
def test_a_workbook_is_read_beyond_its_cells(tmp_path: Path, change: object, where: str
                                            ) -> None:
    path = tmp_path / "customers.xlsx"
    _book(path, change)
    assert _phones(_scan(path)) == [f"customers.xlsx {where}"]


def test_a_sheet_named_after_a_customer_is_masked_where_its_cells_are_placed(tmp_path: Path
                                                                             ) -> None:
    path = tmp_path / "customers.xlsx"
    _book(path, lambda book, sheet: book.create_sheet(f"回访 {PHONE}").append(
        ["备注", "手机"]) or book[f"回访 {PHONE}"].append(["回电", "13812345678"]))
    found = _scan(path)
    assert any(f.location.pointer == "/回访 139****5678/手机" for f in found)
    assert not any(PHONE in (f.location.where + f.message) for f in found)


def test_a_cell_comment_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "customers.xlsx"
    _book(path, lambda book, sheet: setattr(sheet["B2"], "comment",
                                            Comment(f"客户要求回电 {PHONE}", "客服")))
    assert _phones(_scan(path)) == [
        "customers.xlsx!xl/comments/comment1.xml:1 /comments/commentList/comment/text/t"]


def test_an_xml_line_holding_a_value_twice_reports_it_twice(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text(f"<notes><a>{PHONE}</a><b>{PHONE}</b></notes>\n", encoding="utf-8")
    assert len(_phones(_scan(path))) == 2


def test_office_documents_properties_and_comments_are_found_once(tmp_path: Path) -> None:
    planted = {}
    for name, (data, phone) in scan_kinds._documents(__import__("random").Random(7)).items():
        (tmp_path / name).write_bytes(data)
        planted[name] = phone
    found = _scan(tmp_path)
    for name, phone in planted.items():
        places = [f.location.where for f in found if f.location.file
                  and f.location.file.startswith(name) and f.message.startswith("phone")
                  and phone[-4:] in f.message]
        assert len(places) == 1, (name, places)
    assert any(f.location.where.startswith("report_props.docx!docProps/core.xml:2 "
                                           "/coreProperties/creator") for f in found)


def test_pipes_sockets_and_broken_links_in_a_folder_are_named(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.csv")  # opened for reading, it would wait for a writer
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "agent.sock"))
    listener.close()
    (tmp_path / "gone.csv").symlink_to(tmp_path / "missing.csv")
    (tmp_path / "null.csv").symlink_to("/dev/null")
    (tmp_path / "loop.csv").symlink_to(tmp_path / "loop.csv")
    found = {f.location.file: f.message for f in _scan(tmp_path)}
    assert found.pop("loop.csv").startswith("was not scanned: it is a path that cannot be "
                                            "followed")
    assert found == {
        "null.csv": "was not scanned: it is a device, not a regular file",
        "pipe.csv": "was not scanned: it is a named pipe (FIFO), not a regular file",
        "agent.sock": "was not scanned: it is a socket, not a regular file",
        "gone.csv": "was not scanned: it is a link to a missing file, not a regular file"}


@pytest.mark.parametrize(("method", "said"), [
    (99, "encrypted with AES (compression method 99)"),
    (9, "compressed with method 9 (deflate64)"),
])
def test_a_zip_member_in_a_method_seamguard_cannot_inflate_is_named(
        tmp_path: Path, method: int, said: str) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(scan_kinds._odd_method_zip(method))
    [finding] = _scan(path)
    assert finding.code == "privacy.unreadable"
    assert finding.location.file == "export.zip!customers.csv"
    assert said in finding.message


def _tar(members: dict[str, bytes], mode: str) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode) as archive:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


@pytest.mark.parametrize(("name", "mode"), [("export.tar", "w"), ("export.tar.gz", "w:gz"),
                                            ("backup.tgz", "w:gz"), ("dump.tar.xz", "w:xz")])
def test_tar_archives_are_read_member_by_member(tmp_path: Path, name: str, mode: str) -> None:
    path = tmp_path / name
    path.write_bytes(_tar({"out/customers.csv": f"name,mobile\nAnna,{PHONE}\n".encode()}, mode))
    assert _phones(_scan(path)) == [f"{name}!out/customers.csv:2 /mobile"]


def test_a_tar_archive_beyond_the_size_limit_is_reported_not_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "export.tar"
    path.write_bytes(_tar({"a.csv": b"x" * 4000, "b.csv": b"y" * 4000}, "w"))
    [finding] = _scan(path, max_bytes=6000)
    assert finding.code == "privacy.unreadable"
    assert "over the 6000-byte limit" in finding.message


def test_a_broken_tar_archive_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "export.tar"
    path.write_bytes(b"\0" * 100 + b"not a tar")
    found = _scan(path)
    assert [f.code for f in found] == ["privacy.unreadable"]


def test_an_email_is_read_part_by_part(tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "shop@example.com"
    message["Subject"] = "退货"
    message.set_content(f"客户电话 {PHONE}", charset="utf-8", cte="base64")
    message.add_attachment(f"name,mobile\nAnna,{PHONE}\n".encode(), maintype="text",
                           subtype="csv", filename="customers.csv")
    path = tmp_path / "return.eml"
    path.write_bytes(bytes(message))
    assert sorted(_phones(_scan(path))) == ["return.eml!customers.csv:2 /mobile",
                                            "return.eml!part 1 text/plain:1"]


def test_an_outlook_message_is_named(tmp_path: Path) -> None:
    path = tmp_path / "mail.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))
    [finding] = _scan(path)
    assert "an Outlook message" in finding.message


def test_no_file_of_the_generated_kinds_passes_silently() -> None:
    _, warned, silent, wrong = scan_kinds.measure(1)
    assert (silent, wrong) == ([], [])
    assert warned == 8  # the password-protected workbook among them


@pytest.mark.parametrize(("name", "head", "said"), [
    ("orders.csv.zst", b"\x28\xb5\x2f\xfd\x04\x58\x95\x00", "a Zstandard-compressed file"),
    ("orders.csv.lz4", b"\x04\x22\x4d\x18\x64\x40\xa7\x00", "an LZ4-compressed file"),
])
def test_compressed_files_seamguard_cannot_inflate_are_named(tmp_path: Path, name: str,
                                                             head: bytes, said: str) -> None:
    path = tmp_path / name
    path.write_bytes(head + bytes(range(256)))
    [finding] = _scan(path)
    assert finding.message.startswith(f"was not scanned: it is {said}")
