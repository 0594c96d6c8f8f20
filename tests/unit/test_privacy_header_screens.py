"""What headers and forms remember or pass over without reading: a header value remembered
under one name is never another name's answer, a header set is searched for Chinese names
whenever a value could hold one (percent-encoded or not), and a percent-encoded value decoded
once is decoded in the charset asked for the next time, a key meaning's table of results is
found by identity yet always the one of its value, and a body's first character is found
without copying it."""

from __future__ import annotations

from seamguard.privacy import Pseudonymizer, TrafficScrubber
from seamguard.privacy.http_text import _unquote_value
from seamguard.privacy.kinds import Kind
from seamguard.privacy.mask import REDACTED
from seamguard.privacy.policy import KeyInfo, PrivacyPolicy
from seamguard.privacy.scrubber import Scrubber


def _traffic() -> TrafficScrubber:
    return TrafficScrubber(PrivacyPolicy.default(), Pseudonymizer(b"header screens key"))


def test_a_header_value_passed_under_one_name_is_redacted_under_a_secret_name() -> None:
    traffic = _traffic()
    value = "f3a9c2d4e5b6a7980112"
    assert traffic.headers({"X-Request-Id": value}) == {"X-Request-Id": value}
    assert traffic.headers({"X-Request-Id": value}) == {"X-Request-Id": value}
    assert traffic.headers({"Api-Key": value}) == {"Api-Key": REDACTED}
    assert traffic.headers({"X-Request-Id": value, "Api-Key": value}) == {
        "X-Request-Id": value, "Api-Key": REDACTED}
    # a list (vcrpy's response headers) and a single value of the same name agree
    assert traffic.headers({"Api-Key": [value]}) == {"Api-Key": [REDACTED]}


def test_a_chinese_name_beside_a_phone_is_found_in_every_spelling_of_its_header() -> None:
    encoded = "%E7%8E%8B%E4%BA%94"  # 王五
    for spelling in (encoded, "王五", [encoded], ["王五"]):
        traffic = _traffic()
        out = traffic.headers({"X-Lx": spelling, "X-Dh": "13812345678",
                               "Accept": "application/json"})
        first = out["X-Lx"][0] if isinstance(out["X-Lx"], list) else out["X-Lx"]
        assert first not in (encoded, "王五"), spelling
        assert "王五" not in str(out)
        assert encoded not in str(out)
    # nothing that could hold a CJK name: the headers come back as they were
    plain = {"X-Lx": "wangwu", "X-Dh": "not a phone", "Accept": "application/json"}
    assert _traffic().headers(plain) == plain


def test_a_value_decoded_in_one_charset_is_decoded_in_another_when_asked() -> None:
    raw = "%D5%C5%C8%FD"  # 张三 in GB18030; not UTF-8
    assert _unquote_value(raw, "gb18030") == ("张三", "gb18030")
    assert _unquote_value(raw, "latin-1") == ("ÕÅÈý", "latin-1")
    assert _unquote_value(raw, "gb18030") == ("张三", "gb18030")
    utf8 = "%E5%BC%A0%E4%B8%89"
    assert _unquote_value(utf8, "utf-8") == ("张三", "utf-8")
    assert _unquote_value(utf8, "latin-1") == ("\xe5\xbc\xa0\xe4\xb8\x89", "latin-1")
    assert _unquote_value("a+b%2B", "utf-8") == ("a b+", "utf-8")


def test_a_form_scrubbed_twice_reads_the_same_both_times() -> None:
    traffic = _traffic()
    body = "lx=%E7%8E%8B%E4%BA%94&dh=13812345678&note=%E5%BC%A0%E4%B8%89"
    first = traffic.form(body)
    assert "13812345678" not in first
    assert "%E7%8E%8B%E4%BA%94" not in first
    assert traffic.form(body) == first
    assert _traffic().form(body) == first


def test_a_key_meaning_finds_the_table_of_every_equal_meaning() -> None:
    scrubber = Scrubber(PrivacyPolicy.default(), Pseudonymizer(b"header screens key"))
    first, equal = KeyInfo(kind=Kind.PHONE), KeyInfo(kind=Kind.PHONE)
    assert scrubber._cache_for(first) is scrubber._cache_for(equal)
    assert scrubber._cache_for(KeyInfo(kind=Kind.EMAIL)) is not scrubber._cache_for(first)
    # short-lived meanings (a path segment's, a header name's), many more than are held by
    # identity: each still finds the table its value names
    kinds = list(Kind)
    for index in range(3000):
        info = KeyInfo(kind=kinds[index % len(kinds)], identifier=bool(index % 3))
        assert scrubber._cache_for(info) is scrubber._caches[info]


def test_a_body_led_by_blanks_is_read_by_its_first_character() -> None:
    traffic = _traffic()
    for lead in ("", "  ", "\n\t ", "\u3000"):
        body = lead + '{"note": "call 13812345678"}'
        out = traffic.text_body(body, "text/plain")
        assert "13812345678" not in out
        assert out.startswith(lead + '{"note": "call ')
