# ruff: noqa: RUF001
"""A folder of the file kinds an integration team commits, each holding one customer's phone
in one place, for ``privacy scan`` as a gate: every file must give a finding (the phone found)
or a warning naming it (it could not be read); a file with neither passed silently. A file
that holds the phone once must report it once.

Kinds: workbooks with the phone only in a page header or footer (odd, even, first; also right
after Excel's header codes: a font size whose digits run into the phone's, a font name, a
colour, bold toggled inside it), a document
property (core or custom), a defined name, a data-validation list, a hyperlink's target or
tooltip, a sheet's name or a cell comment; Word, PowerPoint and OpenDocument files with it in
their properties or comments; HAR, e-mail (plain, base64 and quoted-printable parts, an
attachment), mailboxes (``.mbox`` and a suffix-less ``Inbox``, the phone in one message's
base64 or quoted-printable part or attachment), Excel binary (``.xlsb``) and old-format (``.xls``)
workbooks with the phone in a cell or a sheet's name (an ``.xlsb`` also in its XML properties),
a password-protected workbook (which must be named), vCard,
iCalendar, SQL dumps, gzip JSON Lines, tar and gzip tar archives of exports;
zip members in methods Python cannot inflate; 7-Zip and Outlook files; a pipe, a socket and a
broken link inside the folder.

``python -m tests.support.scan_kinds`` measures ``SEEDS``; ``… check`` the seeds kept apart
(``CHECK_SEEDS``); or give seeds. It prints each file's findings and warnings and the totals.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import quopri
import random
import socket
import struct
import sys
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

SEEDS = (1, 2, 3)
CHECK_SEEDS = (101, 102)

_PREFIXES = ("138", "139", "150", "186", "187", "135", "158", "177")


def _phone(rng: random.Random) -> str:
    return rng.choice(_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))


def _masked_tail(phone: str) -> str:
    return phone[-4:]


def _book(build: Callable[[object, object], None]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "订单"
    sheet.append(["订单号", "数量"])
    sheet.append(["T20240501001", 2])
    build(book, sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _workbooks(rng: random.Random) -> dict[str, tuple[bytes, str]]:
    from openpyxl.comments import Comment
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    out: dict[str, tuple[bytes, str]] = {}

    def add(name: str, build: Callable[[object, object], None], phone: str) -> None:
        out[name] = (_book(build), phone)

    for slot in ("oddHeader", "oddFooter", "evenHeader", "firstFooter"):
        phone = _phone(rng)

        def header(book: object, sheet: object, slot: str = slot, phone: str = phone) -> None:
            part = getattr(sheet, slot)
            rng.choice((part.left, part.center, part.right)).text = f"客服 {phone}"
            if slot.startswith("even"):
                sheet.evenHeader  # noqa: B018
            sheet.HeaderFooter.differentOddEven = slot.startswith("even")  # type: ignore[attr-defined]
            sheet.HeaderFooter.differentFirst = slot.startswith("first")  # type: ignore[attr-defined]
        add(f"book_{slot}.xlsx", header, phone)
    for prop in ("creator", "lastModifiedBy", "title", "subject", "description", "keywords",
                 "category"):
        phone = _phone(rng)

        def core(book: object, sheet: object, prop: str = prop, phone: str = phone) -> None:
            setattr(book.properties, prop, f"联系 {phone}")  # type: ignore[attr-defined]
        add(f"book_prop_{prop}.xlsx", core, phone)
    phone = _phone(rng)

    def custom(book: object, sheet: object, phone: str = phone) -> None:
        book.custom_doc_props.append(StringProperty(name="客户电话", value=phone))  # type: ignore[attr-defined]
    add("book_custom_prop.xlsx", custom, phone)
    phone = _phone(rng)

    def defined(book: object, sheet: object, phone: str = phone) -> None:
        book.defined_names["hotline"] = DefinedName("hotline", attr_text=f'"{phone}"')  # type: ignore[attr-defined]
    add("book_defined_name.xlsx", defined, phone)
    phone = _phone(rng)

    def validation(book: object, sheet: object, phone: str = phone) -> None:
        rule = DataValidation(type="list", formula1=f'"{phone},否"')
        sheet.add_data_validation(rule)  # type: ignore[attr-defined]
        rule.add("C2:C20")
    add("book_validation.xlsx", validation, phone)
    phone = _phone(rng)

    def link(book: object, sheet: object, phone: str = phone) -> None:
        cell = sheet["C2"]  # type: ignore[index]
        cell.value = "详情"
        cell.hyperlink = f"https://crm.example.com/find?mobile={phone}"
    add("book_hyperlink.xlsx", link, phone)
    phone = _phone(rng)

    def tooltip(book: object, sheet: object, phone: str = phone) -> None:
        cell = sheet["C2"]  # type: ignore[index]
        cell.value = "详情"
        cell.hyperlink = "https://crm.example.com/orders"
        cell.hyperlink.tooltip = f"回电 {phone}"
    add("book_tooltip.xlsx", tooltip, phone)
    phone = _phone(rng)

    def title(book: object, sheet: object, phone: str = phone) -> None:
        book.create_sheet(f"回访 {phone}")  # type: ignore[attr-defined]
    add("book_sheet_name.xlsx", title, phone)
    phone = _phone(rng)

    def comment(book: object, sheet: object, phone: str = phone) -> None:
        sheet["B2"].comment = Comment(f"客户要求回电 {phone}", "客服")  # type: ignore[index]
    add("book_comment.xlsx", comment, phone)
    return out


# Page header codes (Excel's grammar) put right before or inside the phone -> how.
_HEADER_CODES: dict[str, Callable[[str], str]] = {
    "size_plus": lambda phone: f"&C&12+86{phone}",
    "size_run": lambda phone: f"&C&12{phone}",
    "size_one_digit": lambda phone: f"&L&8{phone}",
    "size_three_digits": lambda phone: f"&C&100{phone}",
    "font_then_size": lambda phone: f'&R&"宋体,Bold"&10{phone}&P',
    "colour_then_size": lambda phone: f"&C&K00B050&11{phone}",
    "bold_inside": lambda phone: f"&C客服&B{phone[:3]}&B{phone[3:]}",
    "after_page_field": lambda phone: f"&C第&P页 回电{phone}",
}


def _header_coded(rng: random.Random) -> dict[str, tuple[bytes, str]]:
    """Workbooks whose odd page header is written with Excel's codes straight before (or
    inside) the phone, rewritten into the sheet's XML as Excel stores it."""
    from xml.sax.saxutils import escape

    out: dict[str, tuple[bytes, str]] = {}
    for label, code in _HEADER_CODES.items():
        phone = _phone(rng)

        def mark(book: object, sheet: object) -> None:
            sheet.oddHeader.center.text = "HEADERMARK"  # type: ignore[attr-defined]
        source = zipfile.ZipFile(io.BytesIO(_book(mark)))
        target = io.BytesIO()
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in source.infolist():
                data = source.read(info)
                if info.filename.startswith("xl/worksheets/"):
                    data = data.replace(b"&amp;CHEADERMARK", escape(code(phone)).encode())
                archive.writestr(info, data)
        out[f"book_header_{label}.xlsx"] = (target.getvalue(), phone)
    return out


def _mailboxes(rng: random.Random) -> dict[str, tuple[bytes, str]]:
    """Mailboxes of several messages, the phone in one part of one of them."""
    import mailbox
    from email.message import EmailMessage

    def box(messages: list[EmailMessage]) -> bytes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "box.mbox"
            written = mailbox.mbox(path)
            for message in messages:
                written.add(message)
            written.flush()
            written.close()
            return path.read_bytes()

    def message(subject: str, body: str, cte: str = "base64") -> EmailMessage:
        out = EmailMessage()
        out["From"] = "shop@example.com"
        out["To"] = "ops@example.com"
        out["Subject"] = subject
        out.set_content(body, charset="utf-8", cte=cte)
        return out

    out: dict[str, tuple[bytes, str]] = {}
    quiet = message("周报", "本周退货 3 单，均已处理。")
    phone = _phone(rng)
    out["inbox_base64.mbox"] = (box([quiet, message("退货", f"客户电话 {phone}，请回电。")]),
                                phone)
    phone = _phone(rng)
    out["inbox_qp.mbox"] = (box([message("note", f"客户 {phone[:3]}-{phone[3:7]}-{phone[7:]}",
                                         "quoted-printable"), quiet]), phone)
    phone = _phone(rng)
    attached = message("export", "see attached")
    attached.add_attachment(f"name,mobile\n张伟,{phone}\n".encode(), maintype="text",
                            subtype="csv", filename="customers.csv")
    out["archive_attachment.mbox"] = (box([quiet, attached]), phone)
    phone = _phone(rng)
    out["Inbox"] = (box([message("回访", f"请联系 {phone}"), quiet]), phone)
    return out


def _binary_book(suffix: str, sheets: list[tuple[str, list[list[object]]]],
                 creator: str = "") -> bytes:
    """A real Excel binary (.xlsb, by pyxlsbwriter) or old-format (.xls, by xlwt) workbook; an
    .xlsb's XML document properties naming ``creator``."""
    import pyxlsbwriter
    import xlwt

    with tempfile.TemporaryDirectory(prefix="scan-kinds-book-") as folder:
        path = Path(folder) / f"book{suffix}"
        if suffix == ".xlsb":
            with pyxlsbwriter.XlsbWriter(str(path)) as writer:
                for title, rows in sheets:
                    writer.add_sheet(title)
                    writer.write_sheet(rows)
            if creator:
                with zipfile.ZipFile(path, "a") as archive:
                    archive.writestr("docProps/core.xml", _core(creator))
        else:
            book = xlwt.Workbook(encoding="utf-8")
            for title, rows in sheets:
                sheet = book.add_sheet(title)
                for r, row in enumerate(rows):
                    for c, value in enumerate(row):
                        sheet.write(r, c, value)
            book.save(str(path))
        return path.read_bytes()


def _binary_books(rng: random.Random) -> dict[str, tuple[bytes, str]]:
    out: dict[str, tuple[bytes, str]] = {}
    for suffix in (".xlsb", ".xls"):
        phone = _phone(rng)
        row = rng.randint(2, 40)
        rows: list[list[object]] = [["订单号", "备注"]] + [[f"T{n}", ""] for n in range(row)]
        rows[row - 1][1] = f"回电 {phone}"
        out[f"book_cells{suffix}"] = (_binary_book(suffix, [("订单", rows)]), phone)
        phone = _phone(rng)
        out[f"book_sheet{suffix}"] = (_binary_book(suffix, [
            ("汇总", [["季度", "数量"], ["Q3", 2]]), (f"回访 {phone}", [["备注"], ["已回电"]])]),
            phone)
    phone = _phone(rng)
    out["book_props.xlsb"] = (_binary_book(".xlsb", [("Sheet1", [["季度"], ["Q3"]])],
                                           creator=f"王芳 {phone}"), phone)
    # A password-protected .xlsx: an OLE2 compound file around an "EncryptedPackage" stream.
    out["book_encrypted.xlsx"] = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
                                  + "EncryptedPackage".encode("utf-16-le") + bytes(64), "")
    return out


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


def _core(creator: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
            f'{creator}</dc:creator><dc:title>Q3</dc:title></cp:coreProperties>')


def _documents(rng: random.Random) -> dict[str, tuple[bytes, str]]:
    out: dict[str, tuple[bytes, str]] = {}
    body = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
            'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>季度报告</w:t></w:r></w:p>'
            '</w:body></w:document>')
    phone = _phone(rng)
    out["report_props.docx"] = (_zip({"[Content_Types].xml": "<Types/>",
                                      "word/document.xml": body,
                                      "docProps/core.xml": _core(f"王芳 {phone}")}), phone)
    phone = _phone(rng)
    out["report_comment.docx"] = (_zip({
        "[Content_Types].xml": "<Types/>", "word/document.xml": body,
        "word/comments.xml": '<?xml version="1.0"?><w:comments xmlns:w="http://schemas.'
                             'openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0"'
                             f' w:author="客服"><w:p><w:r><w:t>回电 {phone}</w:t></w:r></w:p>'
                             '</w:comment></w:comments>'}), phone)
    phone = _phone(rng)
    out["deck_props.pptx"] = (_zip({"[Content_Types].xml": "<Types/>",
                                    "ppt/presentation.xml": "<p:presentation/>",
                                    "docProps/core.xml": _core(f"联系 {phone}")}), phone)
    phone = _phone(rng)
    meta = ('<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:'
            f'meta:1.0"><office:meta><meta:initial-creator>联系 {phone}</meta:initial-creator>'
            '</office:meta></office:document-meta>')
    out["sheet_meta.ods"] = (_zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                                   "content.xml": "<office:document-content/>",
                                   "meta.xml": meta}), phone)
    return out


def _mail(rng: random.Random) -> dict[str, tuple[bytes, str]]:
    from email.message import EmailMessage

    out: dict[str, tuple[bytes, str]] = {}
    phone = _phone(rng)
    message = EmailMessage()
    message["From"] = "shop@example.com"
    message["To"] = "ops@example.com"
    message["Subject"] = "退货"
    message.set_content(f"客户电话 {phone}，请回电。", charset="utf-8", cte="base64")
    out["return_base64.eml"] = (bytes(message), phone)
    phone = _phone(rng)
    raw = (b"From: shop@example.com\nTo: ops@example.com\nSubject: note\nMIME-Version: 1.0\n"
           b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: "
           b"quoted-printable\n\n") + quopri.encodestring(
        f"客户 {phone[:5]}-{phone[5:]}".encode())
    out["note_qp.eml"] = (raw, phone)
    phone = _phone(rng)
    message = EmailMessage()
    message["From"] = "shop@example.com"
    message["Subject"] = "export"
    message.set_content("see attached")
    message.add_attachment(f"name,mobile\n张伟,{phone}\n".encode(), maintype="text",
                           subtype="csv", filename="customers.csv")
    out["export_attachment.eml"] = (bytes(message), phone)
    return out


def _texts(rng: random.Random) -> dict[str, tuple[bytes, str]]:
    out: dict[str, tuple[bytes, str]] = {}
    phone = _phone(rng)
    har = {"log": {"version": "1.2", "entries": [{"request": {
        "method": "GET", "url": f"https://api.example.com/c?mobile={phone}", "headers": []},
        "response": {"status": 200, "content": {"text": "{}"}}}]}}
    out["session.har"] = (json.dumps(har).encode(), phone)
    phone = _phone(rng)
    out["contact.vcf"] = (f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nTEL;TYPE=CELL:{phone}\r\n"
                          "END:VCARD\r\n".encode(), phone)
    phone = _phone(rng)
    out["visit.ics"] = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:上门安装\r\nDESCRIPTION:"
                        f"联系 {phone}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".encode(), phone)
    phone = _phone(rng)
    out["dump.sql"] = ("INSERT INTO customers (id, name, mobile) VALUES "
                       f"(1, '张伟', '{phone}');\n".encode(), phone)
    phone = _phone(rng)
    out["orders.jsonl.gz"] = (gzip.compress(json.dumps(
        {"order": "T1", "mobile": phone}).encode() + b"\n"), phone)
    return out


def _tar(members: dict[str, bytes], mode: str) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode) as archive:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 0
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _archives(rng: random.Random) -> dict[str, tuple[bytes, str]]:
    out: dict[str, tuple[bytes, str]] = {}
    phone = _phone(rng)
    out["export.tar"] = (_tar({"export/customers.csv": f"name,mobile\n张伟,{phone}\n".encode()},
                              "w"), phone)
    phone = _phone(rng)
    out["export.tar.gz"] = (_tar({"customers.jsonl": json.dumps({"mobile": phone}).encode()},
                                 "w:gz"), phone)
    phone = _phone(rng)
    out["backup.tgz"] = (_tar({"notes.txt": f"回电 {phone}\n".encode()}, "w:gz"), phone)
    out["export.7z"] = (b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(rng.randrange(256)
                                                            for _ in range(64)), "")
    out["mail.msg"] = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "")
    for method, name in ((99, "aes"), (9, "deflate64")):
        out[f"members_{name}.zip"] = (_odd_method_zip(method), "")
    return out


def _odd_method_zip(method: int) -> bytes:
    """A zip of one member stored under a compression method zipfile cannot inflate."""
    data = b"mobile,13800000000\n"
    name = b"customers.csv"
    crc = zlib.crc32(data)
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 1 if method == 99 else 0, method,
                        0, 0, crc, len(data), len(data), len(name), 0) + name + data
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20,
                          1 if method == 99 else 0, method, 0, 0, crc, len(data), len(data),
                          len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local), 0)
    return local + central + end


def build(folder: Path, seed: int) -> dict[str, str]:
    """The folder's files (name -> the phone each holds, "" when it should only be named)."""
    rng = random.Random(seed)
    planted: dict[str, str] = {}
    for group in (_workbooks, _header_coded, _documents, _mail, _mailboxes, _binary_books,
                  _texts, _archives):
        for name, (data, phone) in group(rng).items():
            (folder / name).write_bytes(data)
            planted[name] = phone
    os.mkfifo(folder / "pipe.csv")
    planted["pipe.csv"] = ""
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "agent.sock"))
    listener.close()
    planted["agent.sock"] = ""
    (folder / "gone.csv").symlink_to(folder / "missing.csv")
    planted["gone.csv"] = ""
    return planted


def measure(seed: int) -> tuple[int, int, list[str], list[str]]:
    """Findings, warnings, the files passed over in silence and those with a value reported
    more often than planted (or whose planted value was not reported at all)."""
    from seamguard.privacy.scan import scan_files

    with tempfile.TemporaryDirectory(prefix="scan-kinds-") as name:
        folder = Path(name)
        planted = build(folder, seed)
        findings = list(scan_files([folder], display=lambda p: str(p.relative_to(folder))))
    by_file: dict[str, list[str]] = {}
    for finding in findings:
        top = (finding.location.file or "").split("!")[0]
        by_file.setdefault(top, []).append(f"{finding.code} {finding.location.where} "
                                           f"{finding.message}")
    silent = [name for name in planted if name not in by_file]
    wrong: list[str] = []
    for name, phone in planted.items():
        if not phone or name not in by_file:
            continue
        seen = sum(1 for line in by_file[name] if line.startswith("privacy.personal-data")
                   and _masked_tail(phone) in line and "phone" in line)
        if seen != 1:
            wrong.append(f"{name}: phone reported {seen}x")
    warnings = sum(1 for f in findings if f.code == "privacy.unreadable")
    if "-v" in sys.argv:
        for name in planted:
            for line in by_file.get(name, []):
                print(f"    {name}: {line}")
    return len(findings) - warnings, warnings, silent, wrong


def main(argv: list[str]) -> int:
    from tests.support.fresh_pii import seeds_chosen

    totals = [0, 0, 0, 0]
    for seed in seeds_chosen([a for a in argv if a != "-v"], SEEDS, CHECK_SEEDS):
        found, warned, silent, wrong = measure(seed)
        print(f"seed {seed}: {found} findings, {warned} warnings, {len(silent)} silent, "
              f"{len(wrong)} not found once")
        for name in silent:
            print(f"  silent  {name}")
        for line in wrong:
            print(f"  once?   {line}")
        for i, n in enumerate((found, warned, len(silent), len(wrong))):
            totals[i] += n
    print(f"total: {totals[0]} findings, {totals[1]} warnings, {totals[2]} silent, "
          f"{totals[3]} not found once")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
