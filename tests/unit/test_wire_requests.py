"""Reading a recorded request's parameters: query, form (with its charset), JSON, headers."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, quote, urlencode
from urllib.parse import unquote_plus as stdlib_unquote_plus

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.wire.profile import ParamLocation
from seamguard.wire.requests import (
    BodyProblem,
    Params,
    _pairs,
    _pairs_at_once,
    _pairs_one_by_one,
    unquote_plus,
)

FORM = {"content-type": "application/x-www-form-urlencoded; charset=UTF-8"}


@given(st.lists(st.tuples(st.text(max_size=6), st.text(max_size=10)), max_size=6),
       st.text(alphabet="&=%+a1", max_size=20))
def test_pairs_read_like_parse_qsl(pairs: list[tuple[str, str]], noise: str) -> None:
    for text in (urlencode(pairs), noise, urlencode(pairs) + "&" + noise):
        expected: dict[str, str] = {}
        for name, value in parse_qsl(text, keep_blank_values=True):
            expected.setdefault(name, value)
        assert _pairs(text, "utf-8", "replace") == expected


_FIELD = st.one_of(st.text(max_size=8), st.text(alphabet="a=&%+2D6", max_size=6),
                   st.sampled_from(["&", "=", "%26", "%3D", "%", "%2", "%zz", "\\", "中"]))


def _read(text: str, charset: str, errors: str, read: Any) -> Any:
    try:
        return list(read(text, charset, errors).items())  # the order too
    except UnicodeDecodeError:
        return UnicodeDecodeError


@given(st.lists(st.tuples(_FIELD, _FIELD), max_size=6),
       st.sampled_from([urlencode, lambda pairs: "&".join(f"{n}={v}" for n, v in pairs),
                        lambda pairs: urlencode(pairs, encoding="gb18030")]),
       st.text(alphabet="&=%+a1", max_size=6),
       st.sampled_from(["utf-8", "gb18030"]), st.sampled_from(["replace", "strict"]))
def test_pairs_at_once_read_as_one_by_one(pairs: list[tuple[str, str]], encode: Any,
                                          noise: str, charset: str, errors: str) -> None:
    """The C-level reading of a whole query or form gives what reading each piece gives:
    the same names, values, order and errors (strict forms with bytes that are not UTF-8)."""
    repeated = [*pairs, (pairs[0][0], "again")] if pairs else pairs  # the first one wins
    for text in (encode(pairs), encode(pairs) + "&" + noise, noise + encode(pairs),
                 encode(repeated)):
        assert _read(text, charset, errors, _pairs) == \
            _read(text, charset, errors, _pairs_one_by_one)


def test_usual_gateway_queries_and_forms_are_read_at_once() -> None:
    """The fast reading is the one taken for the calls gateways make (percent-encoded JSON,
    base64 signatures, timestamps), so the test above exercises it."""
    form = urlencode({"serviceCode": "EXP_RECE_SEARCH_ROUTES", "msgDigest": "xQ1m+Yk0==",
                      "msgData": '{"language":"zh-CN","trackingNumber":["SF1"],"a":"中 ="}'})
    query = urlencode({"method": "taobao.trades.sold.get", "timestamp": "2024-07-10 10:00:00",
                       "fields": "tid,status"})
    for text in (form, query):
        found = _pairs_at_once(text)
        assert found is not None
        assert list(found.items()) == list(_pairs_one_by_one(text, "utf-8", "strict").items())
    assert _pairs_at_once("a=1&a=2") is None  # a repeated name: the first one wins, read slowly
    assert _pairs_at_once("a=%26&b=1") is None  # a decoded "&"


@given(st.one_of(st.text(max_size=30),
                 st.text(alphabet="%+\\xaF0129gz&= ", max_size=30),
                 st.text(max_size=12).map(lambda t: quote(t, safe="")),
                 st.binary(max_size=8).map(lambda b: "".join(f"%{x:02X}" for x in b))),
       st.sampled_from(["utf-8", "gb18030", "latin-1"]), st.sampled_from(["replace", "strict"]))
def test_unquote_plus_is_the_stdlibs(text: str, charset: str, errors: str) -> None:
    try:
        expected: str | type[Exception] = stdlib_unquote_plus(text, charset, errors)
    except UnicodeDecodeError:
        expected = UnicodeDecodeError
    if expected is UnicodeDecodeError:
        with pytest.raises(UnicodeDecodeError):
            unquote_plus(text, charset, errors)
    else:
        assert unquote_plus(text, charset, errors) == expected


def test_first_place_that_has_the_name_wins() -> None:
    params = Params("https://x/router/rest?method=a.b&v=2.0", FORM, "method=c.d&x=1")
    assert params.get(ParamLocation.model_validate({"in": ["form", "query"],
                                                    "name": "method"})) == "c.d"
    assert params.get(ParamLocation.model_validate({"in": "query", "name": "method"})) == "a.b"
    assert params.get(ParamLocation.model_validate({"in": "header", "name": "Content-Type"}))
    assert params.merged()["method"] == "c.d"


def test_json_body_values_are_text() -> None:
    params = Params("https://x/api", {"content-type": "application/json"},
                    b'{"api": "order.query", "page": 2, "filter": {"a": 1}}')
    where = ParamLocation.model_validate({"in": "json", "name": "page"})
    assert params.get(where) == "2"
    assert params.get(ParamLocation.model_validate({"in": "json", "name": "filter"})) == \
        '{"a": 1}'


def test_gbk_form_read_with_its_declared_charset() -> None:
    body = "msgData=" + quote("顺丰速运".encode("gbk"))
    assert Params("https://x", {"content-type": "application/x-www-form-urlencoded; "
                                "charset=GBK"}, body).form == {"msgData": "顺丰速运"}
    with pytest.raises(BodyProblem, match="declared charset"):
        Params("https://x", FORM, body).form  # noqa: B018 - reading it is the test


def test_unknown_charset_and_broken_json_are_problems() -> None:
    klingon = Params("https://x", {"content-type": "application/x-www-form-urlencoded; "
                                   "charset=klingon"}, b"a=%E4")
    with pytest.raises(BodyProblem, match="unknown charset"):
        klingon.get(ParamLocation.model_validate({"in": "form", "name": "a"}))
    broken = Params("https://x", {"content-type": "application/json"}, b"{")
    with pytest.raises(BodyProblem, match="declared JSON"):
        broken.get(ParamLocation.model_validate({"in": "json", "name": "a"}))
