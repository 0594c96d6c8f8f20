"""The compiled query and form reader (``seamguard._jsonscan.pairs``) against ``_pairs``'
Python reading on generated and hostile text: the same dict, or the same error, for every
charset and error mode, and ``None`` (read in Python) for text beyond ASCII."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.wire import requests
from seamguard.wire.requests import Params, _python_pairs
from tests.support.compiled import accelerator

PIECES = ["&", "=", "%", "+", "%2", "%41", "%4g", "%zz", "%E4%B8%AD", "%e4%b8", "%FF", "%C3",
          "%00", "%25", "%2B", "%26", "%3D", "a", "B", "1", " ", "\\", "\\x41", "\x00", "&&",
          "==", "%%41", "msgData", "%7B%22a%22%3A1%7D", "%D6%D0"]
ASCII = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
CHARSETS = st.sampled_from(["utf-8", "gb18030", "latin-1", "ascii", "big5", "shift_jis",
                            "utf-16", "no-such-codec"])
ERRORS = st.sampled_from(["strict", "replace", "ignore", "surrogateescape"])


def _outcome(read: Any, text: str, charset: str, errors: str) -> tuple[str, Any]:
    try:
        return "dict", read(text, charset, errors)
    except (UnicodeDecodeError, LookupError) as exc:
        return type(exc).__name__, str(exc)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(ASCII, st.text(alphabet=st.characters(max_codepoint=127), max_size=40)),
       CHARSETS, ERRORS)
def test_pairs_read_ascii_text_as_python_does(text: str, charset: str, errors: str) -> None:
    compiled = accelerator()
    assert _outcome(compiled.pairs, text, charset, errors) == _outcome(
        _python_pairs, text, charset, errors)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=20).filter(lambda text: not text.isascii()))
def test_pairs_leave_other_text_to_python(text: str) -> None:
    assert accelerator().pairs(text, "utf-8", "strict") is None
    assert accelerator().pairs("a=1", "utf\x00-8", "strict") is None  # not a codec name


def test_pairs_take_text_only() -> None:
    with pytest.raises(TypeError, match="pairs"):
        accelerator().pairs(b"a=1", "utf-8", "strict")
    with pytest.raises(TypeError, match="pairs"):
        accelerator().pairs("a=1")


def test_a_form_reads_alike_with_and_without_the_accelerator(
        monkeypatch: pytest.MonkeyPatch) -> None:
    form = {"content-type": "application/x-www-form-urlencoded; charset=UTF-8"}
    body = urlencode({"msgData": '{"trackingNumber": ["SF1"], "language": "zh-CN"}',
                      "serviceCode": "EXP_RECE_SEARCH_ROUTES", "timestamp": "1720576800000"})
    uri = "https://eco.taobao.com/router/rest?" + urlencode(
        {"method": "taobao.trades.sold.get", "timestamp": "2024-07-10 10:00:00", "bad": "%E4"})
    read = {}
    for label, compiled in (("compiled", accelerator().pairs), ("python", None)):
        monkeypatch.setattr(requests, "_COMPILED_PAIRS", compiled)
        params = Params(uri, form, body)
        try:
            query: Any = params.query
        except requests.BodyProblem as exc:
            query = str(exc)
        read[label] = (params.form, query)
    assert read["compiled"] == read["python"]
    assert read["compiled"][0]["serviceCode"] == "EXP_RECE_SEARCH_ROUTES"
