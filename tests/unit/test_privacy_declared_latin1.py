# ruff: noqa: RUF001
"""CJK bodies declared as a single-byte charset: scrubbed as the text they really are."""

from __future__ import annotations

import pytest

from seamguard.privacy.http import TrafficScrubber
from seamguard.recordings.bodies import DecodedBody, cjk_reading, decode

_BIG5 = '{"備註":"收件人 陳怡君 身分證 A123456789 電話 0912345678"}'
_GBK = '{"备注":"收件人 王秀英 电话 13812345678 地址 北京市朝阳区建国路88号"}'


@pytest.mark.parametrize("declared", ["ISO-8859-1", "latin-1", "windows-1252"])
@pytest.mark.parametrize(("text", "charset", "secrets"), [
    (_BIG5, "big5", ["A123456789", "怡君", "0912345678"]),
    (_GBK, "gbk", ["秀英", "13812345678", "建国路88号"]),
])
def test_cjk_bytes_declared_single_byte_are_scrubbed(text: str, charset: str,
                                                     secrets: list[str], declared: str) -> None:
    headers = {"Content-Type": f"application/json; charset={declared}",
               "Content-Length": "0"}
    out = TrafficScrubber().body(text.encode(charset), headers)
    assert isinstance(out, bytes)
    readable = out.decode(charset)  # the stored bytes are still the body's own charset
    assert readable.startswith('{"')
    assert "收件人" in readable
    for secret in secrets:
        assert secret not in readable
        assert secret.encode(charset) not in out
    assert headers["Content-Length"] == str(len(out))


def test_real_latin1_body_is_read_as_latin1() -> None:
    data = '{"note":"Jürgen Müller, Hauptstraße, Köln \u2013 reçu"}'.encode("cp1252")
    decoded = decode(data, "application/json; charset=windows-1252")
    assert decoded is not None
    assert cjk_reading(data, decoded) is None
    out = TrafficScrubber().body(data, {"Content-Type": "application/json; charset=cp1252"})
    assert isinstance(out, bytes)
    out.decode("cp1252")  # still a windows-1252 body


def test_ascii_and_utf8_bodies_skip_detection() -> None:
    for data in (b'{"a": "b"}', '{"备注": "收件人"}'.encode()):
        assert cjk_reading(data, DecodedBody(data.decode("latin-1"), "iso8859-1", True)) is None


def test_a_replacement_the_cjk_charset_lacks_makes_the_body_utf8() -> None:
    # Pseudonyms are simplified Chinese names, which Big5 may not hold: the scrubbed text is
    # stored as UTF-8 and the header says so, never as bytes half in one charset.
    class Wide(TrafficScrubber):
        def text_body(self, text: str, content_type: str | None, *, charset: str = "utf-8",
                      pointer: str = "body") -> str:
            return text.replace("陳怡君", "长孙冬娜").replace("A123456789", "A664088663") \
                if charset.startswith("big5") else text

    headers = {"Content-Type": "application/json; charset=ISO-8859-1", "Content-Length": "0"}
    out = Wide().body(_BIG5.encode("big5"), headers)
    assert isinstance(out, bytes)
    assert out.decode("utf-8") == _BIG5.replace("陳怡君", "长孙冬娜").replace("A123456789",
                                                                          "A664088663")
    assert headers == {"Content-Type": "application/json; charset=utf-8",
                       "Content-Length": str(len(out))}


def test_pseudonyms_of_a_big5_body_declared_latin1() -> None:
    from seamguard.privacy import Pseudonymizer

    data = '{"senderName":"陳怡君","remark":"身分證 A123456789 收件人 林志明"}'.encode("big5")
    headers = {"Content-Type": "application/json; charset=ISO-8859-1", "Content-Length": "0"}
    scrubber = TrafficScrubber(replacer=Pseudonymizer(b"k" * 32))
    out = scrubber.body(data, headers)
    assert isinstance(out, bytes)
    charset = "utf-8" if "utf-8" in headers["Content-Type"] else "big5hkscs"
    text = out.decode(charset)
    for secret in ("陳怡君", "A123456789", "林志明"):
        assert secret not in text
    assert "身分證" in text
    assert scrubber.notes == []


@pytest.mark.parametrize(("text", "charset"), [
    ('{"memo":"お届け先：山田 花子 様、電話 090-1234-5678"}', "shift_jis"),
    ('{"memo":"받는사람 김민준 전화 010-1234-5678 주소 서울특별시 강남구 테헤란로 152"}', "euc_kr"),
])
@pytest.mark.parametrize("declared", ["US-ASCII", "windows-1252", None])
def test_japanese_and_korean_bytes_are_not_read_as_chinese(text: str, charset: str,
                                                           declared: str | None) -> None:
    content_type = "application/json" + (f"; charset={declared}" if declared else "")
    data = text.encode(charset)
    decoded = decode(data, content_type)
    assert decoded is not None
    if decoded.charset == "cp1252":  # the declared reading; the scrubber reads it as CJK too
        decoded = cjk_reading(data, decoded)
        assert decoded is not None
    assert decoded.text == text


@pytest.mark.parametrize("text", ["收件人：王琳", "湖南省桂珍县大兴胡路A座 826221", "收件人 龚英"])
def test_short_gbk_text_still_reads_as_chinese(text: str) -> None:
    decoded = decode(text.encode("gbk"))
    assert decoded is not None
    assert decoded.text == text


def test_generated_mis_declared_bodies() -> None:
    from tests.support.declared_latin1_pii import score

    cases, leaks = score(8101, per_locale=4)
    assert cases > 50
    assert leaks == []


def test_a_large_body_is_detected_from_its_head_and_scrubbed_whole() -> None:
    rows = ",".join('{"備註":"收件人 陳怡君 身分證 A123456789"}' for _ in range(3000))
    data = f"[{rows}]".encode("big5")
    assert len(data) > 65_536
    out = TrafficScrubber().body(data, {"Content-Type": "application/json; charset=latin1"})
    assert isinstance(out, bytes)
    assert b"A123456789" not in out
    assert out.decode("big5hkscs").count("收件人") == 3000
