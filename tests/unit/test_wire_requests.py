"""Reading a recorded request's parameters: query, form (with its charset), JSON, headers."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, quote, urlencode
from urllib.parse import unquote_plus as stdlib_unquote_plus

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.wire.profile import ParamLocation
from seamguard.wire.requests import BodyProblem, Params, _pairs, unquote_plus

FORM = {"content-type": "application/x-www-form-urlencoded; charset=UTF-8"}


@given(st.lists(st.tuples(st.text(max_size=6), st.text(max_size=10)), max_size=6),
       st.text(alphabet="&=%+a1", max_size=20))
def test_pairs_read_like_parse_qsl(pairs: list[tuple[str, str]], noise: str) -> None:
    for text in (urlencode(pairs), noise, urlencode(pairs) + "&" + noise):
        expected: dict[str, str] = {}
        for name, value in parse_qsl(text, keep_blank_values=True):
            expected.setdefault(name, value)
        assert _pairs(text, "utf-8", "replace") == expected


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


def test_a_json_body_adds_its_top_level_fields_as_text() -> None:
    body = '{"type": "pdd.order.information.get", "page": 1, "use_has_next": true, ' \
           '"ids": [1, 2], "note": null, "price": 1.5}'
    params = Params("https://gw/api/router?client_id=c&page=9",
                    {"content-type": "application/json;charset=UTF-8"}, body)
    assert params.merged() == {"client_id": "c", "type": "pdd.order.information.get",
                               "page": "1", "use_has_next": "true", "ids": "[1,2]",
                               "price": "1.5"}
    # a body that is not an object adds nothing; a form body is read as before
    assert Params("https://gw/x?a=1", {"content-type": "application/json"}, "[1]").merged() \
        == {"a": "1"}
    assert Params("https://gw/x", {"content-type": "application/x-www-form-urlencoded"},
                  "a=1&b=2").merged() == {"a": "1", "b": "2"}


@pytest.mark.parametrize("encoded", [
    urlencode({"method": "taobao.trades.sold.get", "buyer_nick": "淘宝买家"}, encoding="gbk"),
    "method=taobao.trades.sold.get&buyer_nick=淘宝买家"])
def test_a_gbk_form_under_no_charset_is_read_in_gbk_and_says_so(encoded: str) -> None:
    body = encoded.encode("gbk")
    undeclared = Params("/r", {"content-type": "application/x-www-form-urlencoded"}, body)
    assert undeclared.form["buyer_nick"] == "淘宝买家"
    assert undeclared.found == "GBK"
    # declared UTF-8, the same bytes are refused; UTF-8 under no charset is nothing to say
    with pytest.raises(BodyProblem):
        _ = Params("/r", FORM, body).form
    utf8 = Params("/r", {"content-type": "application/x-www-form-urlencoded"},
                  urlencode({"buyer_nick": "淘宝买家"}).encode("ascii"))
    assert utf8.form["buyer_nick"] == "淘宝买家"
    assert utf8.found is None


def test_a_gbk_json_body_under_no_charset_is_read_in_gbk_and_says_so() -> None:
    body = json.dumps({"type": "pdd.order.information.get", "order_sn": "240712-1",
                       "remark": "青花瓷杯"}, ensure_ascii=False).encode("gbk")
    params = Params("/api/router", {"content-type": "application/json"}, body)
    assert params.merged()["remark"] == "青花瓷杯"
    assert params.found == "GBK"
    with pytest.raises(BodyProblem):
        Params("/api/router", {"content-type": "application/json;charset=utf-8"}, body).merged()


def test_a_utf8_form_under_a_chinese_label_is_found_mislabelled() -> None:
    body = urlencode({"msgData": json.dumps({"city": "深圳"}, ensure_ascii=False)})
    gbk = Params("https://x/std/service",
                 {"content-type": "application/x-www-form-urlencoded; charset=GBK"}, body)
    assert gbk.form["msgData"]
    assert gbk.mislabelled
    utf8 = Params("https://x/std/service", FORM, body)
    assert json.loads(utf8.form["msgData"]) == {"city": "深圳"}
    assert not utf8.mislabelled


def test_a_utf8_form_is_not_percent_decoded_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    # the whole form is percent-decoded for the mislabelling screen only under a Chinese,
    # Japanese or Korean label: a UTF-8 form is read once, value by value
    def refuse(text: str) -> bytes:
        raise AssertionError(f"percent-decoded as a whole: {text[:20]!r}")

    monkeypatch.setattr("seamguard.wire.requests.unquote_to_bytes", refuse)
    body = urlencode({"msgData": json.dumps({"city": "深圳市"}, ensure_ascii=False), "a": "1"})
    params = Params("https://x/std/service", FORM, body)
    assert params.form["a"] == "1"
    assert not params.mislabelled
