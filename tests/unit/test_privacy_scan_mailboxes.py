# ruff: noqa: RUF001
"""`privacy scan` reads a mailbox message by message (base64 and quoted-printable parts
decoded, attachments read as files) and reads an Excel page header by the grammar of its
codes."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest

from seamguard.findings import Finding
from seamguard.privacy.header_codes import header_text
from seamguard.privacy.scan import scan_files
from tests.support import scan_kinds

PHONE = "13912345678"


def _scan(*paths: Path) -> list[Finding]:
    return list(scan_files(paths, display=lambda p: p.name, max_bytes=8 * 1_048_576))


def _phones(found: list[Finding]) -> list[str]:
    return [f.location.where for f in found
            if f.code == "privacy.personal-data" and f.message.startswith("phone '139****5678'")]


def _message(body: str, cte: str = "base64") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "shop@example.com"
    message["Subject"] = "退货"
    message.set_content(body, charset="utf-8", cte=cte)
    return message


def _mailbox(path: Path, *messages: EmailMessage) -> Path:
    box = mailbox.mbox(path)
    for message in messages:
        box.add(message)
    box.flush()
    box.close()
    return path


@pytest.mark.parametrize("cte", ["base64", "quoted-printable"])
def test_a_phone_in_an_encoded_part_of_the_second_message_is_found_once(
        tmp_path: Path, cte: str) -> None:
    path = _mailbox(tmp_path / "inbox.mbox", _message("本周无退货"),
                    _message(f"客户电话 {PHONE}，请回电。", cte))
    if cte == "base64":
        assert PHONE not in path.read_text()  # encoded: a reading as plain text misses it
    assert _phones(_scan(path)) == ["inbox.mbox!message 2!body text/plain:1"]


def test_an_attachment_in_a_mailbox_is_read_as_its_file(tmp_path: Path) -> None:
    attached = _message("see attached")
    attached.add_attachment(f"name,mobile\n张伟,{PHONE}\n".encode(), maintype="text",
                            subtype="csv", filename="customers.csv")
    path = _mailbox(tmp_path / "archive.mbox", attached)
    assert _phones(_scan(path)) == ["archive.mbox!message 1!customers.csv:2 /mobile"]


def test_a_mailbox_without_a_suffix_is_known_by_its_from_line(tmp_path: Path) -> None:
    path = _mailbox(tmp_path / "box.mbox", _message(f"请联系 {PHONE}"))
    inbox = tmp_path / "Inbox"
    path.rename(inbox)
    assert _phones(_scan(inbox)) == ["Inbox!message 1!body text/plain:1"]


def test_a_dot_mbox_that_is_no_mailbox_is_read_as_text(tmp_path: Path) -> None:
    # a mailbox reader would skip everything before a first "From " line
    path = tmp_path / "notes.mbox"
    path.write_text(f"回访记录\n客户 {PHONE}\nFrom here on: nothing\n", encoding="utf-8")
    assert _phones(_scan(path)) == ["notes.mbox:2"]


def test_a_text_that_starts_with_from_is_no_mailbox(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(f"From the call: {PHONE}\n", encoding="utf-8")
    assert _phones(_scan(path)) == ["notes.txt:1"]


def test_a_mailbox_over_the_limit_is_named(tmp_path: Path) -> None:
    path = _mailbox(tmp_path / "big.mbox", _message("x" * 5000))
    found = list(scan_files([path], display=lambda p: p.name, max_bytes=1000))
    assert [f.code for f in found] == ["privacy.unreadable"]
    assert found[0].location.file == "big.mbox"


@pytest.mark.parametrize(("code", "text"), [
    (f"&C&12+86{PHONE}", f"+86{PHONE}"),
    (f"&C&12{PHONE}", PHONE),  # the size's digits run into the phone's
    (f"&L&8{PHONE}", PHONE),
    (f"&C&100{PHONE}", PHONE),
    (f'&R&"宋体,Bold"&10{PHONE}&P', PHONE),
    (f"&C&K00B050&11{PHONE}", PHONE),
    (f"&C&K01+033&9{PHONE}", PHONE),  # a theme colour
    (f"&C客服&B{PHONE[:3]}&B{PHONE[3:]}", f"客服{PHONE}"),  # a style does not break the text
    (f"&C第&P页 回电{PHONE}", f"第 页 回电{PHONE}"),
    (f"&L{PHONE[:3]}&C{PHONE[3:]}", f"{PHONE[:3]} {PHONE[3:]}"),  # sections are apart
    (f"&CAT&&T {PHONE}", f"AT&T {PHONE}"),
    (f"&C&P+{PHONE}", PHONE),  # a page offset is read too
    ("&C&12订单 &D &T", "订单"),
    ("&C&12", ""),
    ("&", ""),
    ("&C&\"unclosed", ""),
    ("&Q&W", "QW"),  # no code: printed
])
def test_header_codes_are_read_by_their_grammar(code: str, text: str) -> None:
    assert header_text(code) == text


def test_a_size_before_text_without_personal_data_reads_as_two_digits() -> None:
    assert header_text("&1212345 件") == "12345 件"


@pytest.mark.parametrize("code", [f"&C&12{PHONE}", f"&L&8{PHONE}", f"&C&100{PHONE}"])
def test_a_phone_right_after_a_font_size_is_found_once_in_a_workbook(
        tmp_path: Path, code: str) -> None:
    data = dict(scan_kinds._HEADER_CODES)
    scan_kinds._HEADER_CODES.clear()
    scan_kinds._HEADER_CODES["case"] = lambda phone: code.replace(PHONE, phone)
    try:
        books = scan_kinds._header_coded(__import__("random").Random(1))
    finally:
        scan_kinds._HEADER_CODES.clear()
        scan_kinds._HEADER_CODES.update(data)
    [(name, (content, phone))] = books.items()
    path = tmp_path / name
    path.write_bytes(content)
    found = [f for f in _scan(path) if f.code == "privacy.personal-data"]
    assert [f.location.where for f in found] == [f"{name} /订单/header/oddHeader"]
    assert phone[-4:] in found[0].message
