"""A JSON text inside a gateway's string (SF's msgData and apiResultData, JD's
360buy_param_json, a contentMediaType field) or a gateway's JSON request body that names one key
twice in an object: said once as body.duplicate-key at the string's pointer, ⟨json⟩ and the
object's, and still checked with the last value, as json reads it (not called "not JSON")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seamguard.wire.pointers import inner_document
from seamguard.wire.requests import Params
from tests.support.gateway import SF_CONTRACT, SF_URL, TOP_URL, interaction, sf_response, top_trade
from tests.unit.test_gateway_verify import SF_ORDER, TOP_FORM, found, sf_form, top_sold, verify

ORDER = json.dumps(SF_ORDER, ensure_ascii=False)
CREATED = {"orderId": "QIAO-1", "waybillNoInfoList": [{"waybillType": 1, "waybillNo": "SF1"}]}


def _twice(text: str, key: str, value: str) -> str:
    """``text`` (an object) with ``key`` written once more at its end."""
    return text[:-1] + f', "{key}": {value}}}'


def test_a_repeated_key_in_msg_data_is_said_and_the_last_value_checked(tmp_path: Path) -> None:
    msg = _twice(ORDER, "orderId", "5")  # the last value is a number: the wrong type
    findings = verify(tmp_path, interaction(SF_URL, sf_form(msg=msg), sf_response(CREATED)))
    assert found(findings) == {("body.duplicate-key", "request:/msgData⟨json⟩"),
                               ("field.wrong-type", "request:/msgData⟨json⟩/orderId")}
    [twice] = [f for f in findings if f.code == "body.duplicate-key"]
    assert "'orderId' appears twice" in twice.message


def test_a_repeated_key_in_api_result_data_is_said_where_it_is(tmp_path: Path) -> None:
    inner = json.dumps({"success": True, "errorCode": "S0000", "errorMsg": None,
                        "msgData": CREATED})
    nested = inner.replace('"orderId": "QIAO-1"', '"orderId": "QIAO-1", "orderId": 7')
    body = {**sf_response(CREATED), "apiResultData": nested}
    findings = verify(tmp_path, interaction(SF_URL, sf_form(), body))
    assert found(findings) == {("body.duplicate-key", "/apiResultData⟨json⟩/msgData"),
                               ("field.wrong-type", "/apiResultData⟨json⟩/msgData/orderId")}


def test_a_repeated_verdict_in_api_result_data_is_read_as_json_reads_it(tmp_path: Path) -> None:
    inner = sf_response(CREATED)["apiResultData"]
    body = {**sf_response(CREATED), "apiResultData": _twice(inner, "success", "false")}
    findings = verify(tmp_path, interaction(SF_URL, sf_form(), body))
    assert found(findings) == {("body.duplicate-key", "/apiResultData⟨json⟩"),
                               ("response.in-band-error", "/apiResultData⟨json⟩/success")}


def test_a_repeated_key_in_a_content_media_type_field(tmp_path: Path) -> None:
    attr = _twice(json.dumps({"erpHold": "0", "presell": False}), "erpHold", '"2"')
    findings = verify(tmp_path, interaction(TOP_URL, TOP_FORM, top_sold(top_trade(
        trade_attr=attr))))
    at = "/trades_sold_get_response/trades/trade/0/trade_attr⟨json⟩"
    assert found(findings) == {("body.duplicate-key", at),
                               ("field.unknown-enum", f"{at}/erpHold")}


PACKED = SF_CONTRACT.replace("""              required: [msgData]
              properties:
                msgData:
                  type: string
                  contentMediaType: application/json
                  contentSchema: {$ref: "#/components/schemas/CreateOrder"}""",
                             """              $ref: "#/components/schemas/CreateOrder\"""", 1)


def test_a_repeated_key_in_business_parameters_the_schema_lists_directly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.support.gateway as gateway

    assert PACKED != SF_CONTRACT
    monkeypatch.setattr(gateway, "SF_CONTRACT", PACKED)
    msg = _twice(ORDER, "orderId", "5")
    findings = verify(tmp_path, interaction(SF_URL, sf_form(msg=msg), sf_response(CREATED)))
    assert found(findings) == {("body.duplicate-key", "request:/msgData⟨json⟩"),
                               ("field.wrong-type", "request:/msgData⟨json⟩/orderId")}


def test_an_embedded_text_naming_a_key_twice_is_read_not_refused() -> None:
    assert inner_document('{"a": 1, "a": 2}', "/x") == {"a": 2}


def test_a_json_request_body_naming_a_key_twice_is_read_and_remembered() -> None:
    params = Params("https://gw-api.pinduoduo.com/api/router",
                    {"content-type": "application/json"}, b'{"type": "x", "type": "y"}')
    assert params.json == {"type": "y"}
    assert params.twice is not None
    assert params.twice.key == "type"
