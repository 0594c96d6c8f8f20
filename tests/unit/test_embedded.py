"""JSON inside strings: pointers that continue inside, and contentSchema applied for real."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.contracts.model import Contract, load_contract
from seamguard.contracts.validation import violations
from seamguard.wire.pointers import (
    MARK,
    MISSING,
    EmbeddedNotJson,
    PointerSyntaxError,
    Step,
    descend,
    escape,
    format_steps,
    parse,
    resolve,
)
from tests.support.gateway import SF_CONTRACT, TOP_CONTRACT, top_trade


def test_parse_and_format_the_marker() -> None:
    steps = parse("/apiResultData⟨json⟩/msgData/routeResps/0")
    assert steps == (Step("apiResultData", True), Step("msgData"), Step("routeResps"),
                     Step("0"))
    assert format_steps(steps) == "/apiResultData⟨json⟩/msgData/routeResps/0"
    assert parse("") == ()
    with pytest.raises(PointerSyntaxError):
        parse("apiResultData")


def test_escapes_keep_odd_keys_addressable() -> None:
    key = "a/b~c⟨json⟩"
    assert parse("/" + escape(key)) == (Step(key),)
    assert resolve({key: 1}, "/" + escape(key)) == 1


def test_resolve_goes_inside_strings_and_says_when_it_cannot() -> None:
    body = {"apiResultData": json.dumps({"msgData": {"routeResps": [{"mailNo": "SF1"}]}})}
    assert resolve(body, "/apiResultData⟨json⟩/msgData/routeResps/0/mailNo") == "SF1"
    assert resolve(body, "/apiResultData⟨json⟩/msgData/nothing") is MISSING
    with pytest.raises(EmbeddedNotJson) as caught:
        resolve({"apiResultData": "{not json"}, "/apiResultData⟨json⟩/msgData")
    assert caught.value.pointer == "/apiResultData"
    with pytest.raises(EmbeddedNotJson):
        resolve({"apiResultData": 5}, "/apiResultData⟨json⟩")


def test_descend_expands_stars_inside_embedded_documents() -> None:
    body = {"d": json.dumps({"list": [{"a": 1}, {"a": 2}]})}
    assert list(descend(body, "/d⟨json⟩/list/*")) == [
        ("/d⟨json⟩/list/0", {"a": 1}), ("/d⟨json⟩/list/1", {"a": 2})]


json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5))
json_values = st.recursive(
    json_leaf, lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.text(max_size=6), children, max_size=3)), max_leaves=12)


def _pointers(node: Any, at: str = "") -> list[tuple[str, Any]]:
    """Every pointer into a document, embedding each nested container once more as a string."""
    out = [(at, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_pointers(value, f"{at}/{escape(key)}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_pointers(value, f"{at}/{index}"))
    return out


@given(json_values, st.text(max_size=6))
def test_pointers_into_embedded_json_round_trip(document: Any, key: str) -> None:
    outer = {key: json.dumps(document)}
    for pointer, value in _pointers(document):
        full = f"/{escape(key)}{MARK}{pointer}"
        assert resolve(outer, full) == value
        assert format_steps(parse(full)) == full


@pytest.fixture(scope="module")
def sf(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    path = tmp_path_factory.mktemp("sf") / "openapi.yaml"
    path.write_text(SF_CONTRACT, encoding="utf-8")
    return load_contract(path, platform="sf", version="v2")


@pytest.fixture(scope="module")
def top(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    path = tmp_path_factory.mktemp("top") / "openapi.yaml"
    path.write_text(TOP_CONTRACT, encoding="utf-8")
    return load_contract(path, platform="taobao", version="2.0")


def _request_schema(contract: Contract, name: str) -> Any:
    operation = next(op for op in contract.operations if op.path.endswith("#" + name))
    return operation.request["application/x-www-form-urlencoded"].schema


def test_content_schema_is_applied_with_pointers_inside(sf: Contract) -> None:
    ref = _request_schema(sf, "EXP_RECE_CREATE_ORDER")
    good = {"orderId": "QIAO-1", "cargoDetails": [{"name": "T恤", "count": 2}],
            "contactInfoList": [{"contactType": 1, "address": "广东省深圳市南山区"}]}
    assert violations(sf, ref, {"msgData": json.dumps(good, ensure_ascii=False)}) == []
    bad = {**good, "cargoDetails": [{"count": "2"}], "contactInfoList": [
        {"contactType": 3, "address": "x"}]}
    found = {(v.code, v.pointer) for v in violations(sf, ref, {"msgData": json.dumps(bad)})}
    assert found == {("field.missing", "/msgData⟨json⟩/cargoDetails/0/name"),
                     ("field.wrong-type", "/msgData⟨json⟩/cargoDetails/0/count"),
                     ("field.unknown-enum", "/msgData⟨json⟩/contactInfoList/0/contactType")}


def test_content_schema_string_that_is_not_json_is_a_finding(sf: Contract) -> None:
    ref = _request_schema(sf, "EXP_RECE_CREATE_ORDER")
    found = violations(sf, ref, {"msgData": "orderId=QIAO-1"})
    assert [(v.code, v.pointer) for v in found] == [("body.embedded-not-json", "/msgData")]
    assert "not JSON" in found[0].message


def test_content_schema_under_arrays_and_refs(top: Contract) -> None:
    operation = top.match("post", "/router/rest#taobao.trades.sold.get")
    assert operation is not None
    media = operation.response(200).media("application/json")  # type: ignore[union-attr]
    ref = media.schema  # type: ignore[union-attr]
    payload = {"total_results": 2, "trades": {"trade": [
        top_trade(), top_trade(trade_attr=json.dumps({"erpHold": "2"}))]}}
    found = [(v.code, v.pointer) for v in violations(top, ref, payload)]
    assert found == [("field.unknown-enum", "/trades/trade/1/trade_attr⟨json⟩/erpHold")]
    payload["trades"]["trade"][0]["trade_attr"] = "[1,"  # type: ignore[index]
    codes = {code for code, _ in (
        (v.code, v.pointer) for v in violations(top, ref, payload))}
    assert "body.embedded-not-json" in codes


def test_a_schema_without_content_has_no_sites(top: Contract) -> None:
    from seamguard.contracts.embedded import sites_of

    operation = top.match("post", "/router/rest#taobao.trades.sold.get")
    assert operation is not None
    ref = operation.request["application/x-www-form-urlencoded"].schema
    assert ref is not None
    assert sites_of(top, ref) == ()


def test_content_schema_string_with_a_bom_is_read_past_it_and_said(sf: Contract) -> None:
    ref = _request_schema(sf, "EXP_RECE_CREATE_ORDER")
    bad = {"orderId": "QIAO-1", "cargoDetails": [{"name": "T恤", "count": "2"}],
           "contactInfoList": [{"contactType": 1, "address": "广东省深圳市南山区"}]}
    found = violations(sf, ref, {"msgData": "\ufeff" + json.dumps(bad, ensure_ascii=False)})
    assert sorted((v.code, v.pointer) for v in found) == [
        ("body.byte-order-mark", "/msgData"),
        ("field.wrong-type", "/msgData⟨json⟩/cargoDetails/0/count")]
    assert [v.advisory for v in found if v.code == "body.byte-order-mark"] == [True]
    assert resolve({"d": "\ufeff{\"a\": 1}"}, "/d⟨json⟩/a") == 1
