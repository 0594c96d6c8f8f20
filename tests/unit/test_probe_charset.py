"""An answer that is not text in the charset its Content-Type names is a probe finding
(``declared_charset``), as drift's live fetch reports it."""

from __future__ import annotations

import pytest

from seamguard.probe_own_checks import charset_problem

_TEXT = '{"note": "上海市浦东新区 李娜 Müller"}'


@pytest.mark.parametrize("charset", [
    "shift_jis", "Shift-JIS", "gbk", "GB2312", "big5", "euc-kr", "iso-8859-1", "latin1",
    "windows-1252", "koi8-r", "utf-16", "utf-16le", "utf-32", "cp1251"])
def test_utf8_text_under_another_label_is_a_problem(charset: str) -> None:
    problem = charset_problem({"Content-Type": [f"application/json; charset={charset}"]},
                              _TEXT.encode())
    assert problem is not None
    assert charset in problem


@pytest.mark.parametrize(("charset", "codec"), [
    ("gbk", "gb18030"), ("big5", "big5"), ("shift_jis", "shift_jis"), ("utf-16", "utf-16"),
    ("iso-8859-1", "latin-1"), ("utf-8", "utf-8"), ("UTF8", "utf-8")])
def test_text_in_its_declared_charset_is_no_problem(charset: str, codec: str) -> None:
    text = '{"note": "abc"}' if codec in ("shift_jis", "big5", "latin-1") else _TEXT
    headers = {"content-type": [f"application/json; charset={charset}"]}
    assert charset_problem(headers, text.encode(codec)) is None


def test_bytes_the_label_cannot_decode_are_a_problem() -> None:
    # GBK bytes labelled UTF-8, as Chinese gateways send them
    problem = charset_problem({"Content-Type": ["application/json; charset=utf-8"]},
                              '{"note": "请尽快发货"}'.encode("gbk"))
    assert problem is not None
    assert "is not utf-8 text" in problem


@pytest.mark.parametrize(("headers", "content"), [
    ({}, _TEXT.encode()),  # no label: JSON is UTF-8
    ({"Content-Type": ["application/json"]}, _TEXT.encode()),
    ({"Content-Type": ["application/json; charset=gbk"]}, b'{"id": 1}'),  # ASCII is ASCII
    ({"Content-Type": ["application/json; charset=gbk"]}, b""),
    ({"Content-Type": ["application/json; charset=x-unknown"]}, _TEXT.encode()),
])
def test_nothing_to_compare_is_no_problem(headers: dict[str, list[str]], content: bytes) -> None:
    assert charset_problem(headers, content) is None
