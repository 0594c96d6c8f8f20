"""``Envelope.payload_of`` (compiled per operation) agrees with ``Envelope.open`` on any body:
the payload of a success, MISSING for everything else."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.documents import loads_json_screened
from seamguard.wire.envelope import Envelope
from seamguard.wire.pointers import MISSING
from seamguard.wire.profile import BUILTIN_PROTOCOLS, EnvelopeSettings, resolve_profile

OPERATIONS = ("taobao.trades.sold.get", "jingdong.pop.order.search", "pdd.order.list.get",
              "EXP_RECE_SEARCH_ROUTES", None)
KEYS = ("error_response", "trades_sold_get_response", "jingdong_pop_order_search_responce",
        "order_list_get_response", "apiResultCode", "apiResultData", "apiErrorMsg", "success",
        "msgData", "code", "errcode", "errmsg", "0", "1", "apiResult",
        "searchorderinfo_result")
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.floats(-1, 1),
                    st.sampled_from(["", "0", "A1000", "A1001", "x", "{", "[]"]))


def _embed(value: Any) -> Any:
    return json.dumps(value) if not isinstance(value, str) else value


JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    inner.map(_embed)), max_leaves=12)
SF_INNER = st.fixed_dictionaries(
    {"success": st.sampled_from([True, True, False, None, "true"]), "msgData": JSON},
    optional={"errorCode": SCALARS, "errorMsg": SCALARS})
SHAPED = st.one_of(
    st.fixed_dictionaries(  # TOP, JD, Pinduoduo: a key named after the operation
        {"trades_sold_get_response": JSON},
        optional={"error_response": JSON, "jingdong_pop_order_search_responce": JSON,
                  "order_list_get_response": JSON, "errcode": SCALARS}),
    st.fixed_dictionaries(  # JD: the business verdict in a result object inside the key
        {"jingdong_pop_order_search_responce": st.fixed_dictionaries(
            {"code": st.sampled_from(["0", 0, "66", 1, None]),
             "searchorderinfo_result": st.fixed_dictionaries(
                 {"apiResult": st.fixed_dictionaries(
                     {"success": st.sampled_from([True, False, None, "false"])},
                     optional={"numberCode": SCALARS})},
                 optional={"orderTotal": SCALARS})})}),
    st.fixed_dictionaries(  # SF: a JSON document inside apiResultData
        {"apiResultCode": st.sampled_from(["A1000", "A1001", 0]),
         "apiResultData": st.one_of(SF_INNER.map(json.dumps), JSON)},
        optional={"apiErrorMsg": SCALARS}))
BODIES = st.one_of(JSON, st.dictionaries(st.sampled_from(KEYS), JSON, max_size=5), SHAPED)
# A profile of our own whose conditions use * (any key or element) in both envelopes.
WILD = EnvelopeSettings.model_validate({
    "payload": "/msgData", "success_when": [{"pointer": "/*/success", "equals": True}],
    "errors": [{"when": {"pointer": "/*/code", "not_equals": "0"}, "code": "/*/code"}]})
ENVELOPES = [Envelope(resolve_profile(name, None).response) for name in BUILTIN_PROTOCOLS] + [
    Envelope(WILD)]


@settings(max_examples=400, deadline=None)
@given(body=BODIES, operation=st.sampled_from(OPERATIONS),
       envelope=st.sampled_from(ENVELOPES))
def test_payload_of_agrees_with_open(body: Any, operation: str | None,
                                     envelope: Envelope) -> None:
    opened = envelope.open(body, operation)
    expected = opened.payload if opened.kind == "success" else MISSING
    assert envelope.payload_of(operation)(body) == expected


def test_payload_of_opens_an_sf_answer_once() -> None:
    envelope = Envelope(resolve_profile("sf-fengqiao", None).response)
    inner = {"success": True, "errorCode": "S0000", "msgData": {"routeResps": []}}
    body = {"apiResultCode": "A1000", "apiResultData": json.dumps(inner)}
    assert envelope.payload_of("EXP_RECE_SEARCH_ROUTES")(body) == {"routeResps": []}
    body["apiResultData"] = json.dumps({**inner, "success": False})
    assert envelope.payload_of("EXP_RECE_SEARCH_ROUTES")(body) is MISSING
    body["apiResultData"] = "{broken"
    assert envelope.payload_of("EXP_RECE_SEARCH_ROUTES")(body) is MISSING


def test_an_sf_answer_without_the_gateways_verdict_is_neither_envelope() -> None:
    envelope = Envelope(resolve_profile("sf-fengqiao", None).response)
    inner = {"success": True, "errorCode": "S0000", "msgData": {"routeResps": []}}
    body = {"apiErrorMsg": "", "apiResultData": json.dumps(inner)}  # no apiResultCode
    opened = envelope.open(body, "EXP_RECE_SEARCH_ROUTES")
    assert opened.kind == "unknown"
    assert envelope.payload_of("EXP_RECE_SEARCH_ROUTES")(body) is MISSING
    body["apiResultCode"] = "A1000"
    assert envelope.open(body, "EXP_RECE_SEARCH_ROUTES").kind == "success"


SF_BODIES = st.fixed_dictionaries(
    {"apiResultCode": st.sampled_from(["A1000", "A1000", "A1001"]),
     "apiResultData": st.one_of(SF_INNER.map(json.dumps), SF_INNER.map(json.dumps), JSON)},
    optional={"apiErrorMsg": SCALARS})
SF = Envelope(resolve_profile("sf-fengqiao", None).response)


@settings(max_examples=300, deadline=None)
@given(body=SF_BODIES)
def test_payload_of_agrees_with_open_on_sf_answers(body: dict[str, Any]) -> None:
    opened = SF.open(body, "EXP_RECE_SEARCH_ROUTES")
    expected = opened.payload if opened.kind == "success" else MISSING
    assert SF.payload_of("EXP_RECE_SEARCH_ROUTES")(body) == expected


def test_codes_written_as_numbers_or_text_are_the_same_code() -> None:
    """JD's `code` "0" and 0 are both a success; "66" and 66 both a refusal."""
    envelope = Envelope(resolve_profile("jd", None).response)
    for code, kind in (("0", "success"), (0, "success"), ("66", "error"), (66, "error"),
                       ("0.0", "error"), (True, "error")):
        body = {"jingdong_pop_order_search_responce": {"code": code}}
        assert envelope.open(body, "jingdong.pop.order.search").kind == kind, code
        payload = envelope.payload_of("jingdong.pop.order.search")(body)
        assert (payload is MISSING) == (kind == "error"), code


def test_a_wildcard_condition_holds_where_any_key_matches() -> None:
    envelope = Envelope(WILD)
    ok = {"result": {"success": True, "code": "0"}, "msgData": {"n": 1}}
    refused = {"result": {"success": True, "code": "0"}, "other": {"code": "E1"},
               "msgData": {"n": 1}}
    silent = {"result": {"success": False}, "msgData": {"n": 1}}
    assert envelope.open(ok).kind == "success"
    assert envelope.payload_of(None)(ok) == {"n": 1}
    opened = envelope.open(refused)
    assert opened.kind == "error"
    assert opened.error is not None
    assert (opened.error.code, opened.error.at) == ("E1", "/other/code")
    assert envelope.open(silent).kind == "unknown"
    assert envelope.payload_of(None)(silent) is MISSING


HOSTILE_INNER = st.sampled_from([
    "NaN", "[NaN]", '{"success": true, "msgData": Infinity}', '{"success": true, "msgData": 1e999}',
    '{"success": true, "msgData": 123456789012345678901234567890}',
    '{"success": true, "msgData": -9223372036854775809}',
    '{"success": true, "success": false, "msgData": {}}',
    '{"success": true, "msgData": ' + "[" * 200 + "]" * 200 + "}",
    '{"success": true, "msgData": "\\ud800"}', '{"success": true, "msgData": {"a": "\\u0031"}}',
    "\ufeff{}", "", " ", "{", '{"success": true}', '["success", true]', "null", "true",
])


@settings(max_examples=300, deadline=None)
@given(inner=st.one_of(HOSTILE_INNER, SF_INNER.map(json.dumps)),
       code=st.sampled_from(["A1000", "A1001", None]), wrap=st.booleans())
def test_payload_of_agrees_with_open_on_hostile_embedded_documents(
        inner: str, code: str | None, wrap: bool) -> None:
    """Not JSON, NaN, integers beyond 64 bits, nesting past the limit, duplicate keys, lone
    surrogates: the embedded document is read with loads_json (or loads_embedded, when the body
    read by loads_json_screened says its strings may be) exactly as open() reads it."""
    body: dict[str, Any] = {"apiResultData": inner}
    if code is not None:
        body["apiResultCode"] = code
    opened = SF.open(body, "EXP_RECE_SEARCH_ROUTES")
    expected = opened.payload if opened.kind == "success" else MISSING
    payload = SF.payload_of("EXP_RECE_SEARCH_ROUTES")
    assert payload(body) == expected
    if wrap:  # the body as the plan reads it: parsed from text, screened or not
        try:
            parsed, screened = loads_json_screened(json.dumps(body))
        except ValueError:
            return
        assert payload(parsed, screened) == expected


# Every kind of condition the shortcut tests without calling its test (a boolean, a text; equal
# or not), and the others, at a top-level key and inside an embedded document, against values
# of every type (a number writing the same code, a text of another case, absent).
CONDITIONS = [{"equals": True}, {"equals": False}, {"equals": "A1000"}, {"equals": 1000},
              {"equals": None}, {"not_equals": "A1000"}, {"not_equals": "1000"},
              {"not_equals": False}, {"not_equals": 0}, {"present": True}, {"present": False}]
VALUES = [True, False, "A1000", "a1000", "1000", 1000, 1000.0, 0, "0", None, "", [], {}]


@pytest.mark.parametrize("condition", CONDITIONS)
@pytest.mark.parametrize("inside", [False, True])
def test_each_kind_of_condition_agrees_with_open(condition: dict[str, Any],
                                                 inside: bool) -> None:
    at = "/data⟨json⟩/flag" if inside else "/flag"
    payload = "/data⟨json⟩/result" if inside else "/result"
    for where in ("success", "error"):
        settings = {"payload": payload, "success_when": [], "errors": []}
        if where == "success":
            settings["success_when"] = [{"pointer": at, **condition}]
        else:
            settings["errors"] = [{"when": {"pointer": at, **condition}, "code": at}]
        envelope = Envelope(EnvelopeSettings.model_validate(settings))
        read = envelope.payload_of(None)
        for value in [*VALUES, MISSING]:
            document: dict[str, Any] = {"result": {"ok": 1}}
            if value is not MISSING:
                document["flag"] = value
            body = {"data": json.dumps(document)} if inside else document
            opened = envelope.open(body, None)
            expected = opened.payload if opened.kind == "success" else MISSING
            assert read(body) == expected, (condition, where, value)
