"""Ids that lost their digits: an integer written as a float beyond 2^53 is the wrong type where
the schema wants an integer (``1234.0`` is an integer, as JSON Schema 2020-12 says), and a text
twin (``tid_str``) that is not its number's digits is a mismatch. The gateway plans that prove
calls clean send such calls to the full check, so findings are the same with or without them."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.id_precision import (
    MAX_SAFE,
    lossy_paths,
    may_hold_lossy,
    text_may_hold_lossy,
    with_stand_ins,
)
from seamguard.project import find_project
from seamguard.recordings.cassettes import Cassette
from seamguard.verify import RecordedVerifier
from tests.support import gateway_public as g
from tests.support.projects import REPO
from tests.support.record_gateways import SECRET_ENV

TID = 2345678901234567891
TRADE = "/trade_fullinfo_get_response/trade"
_BASE = next(c for c in g.taobao_cases() if c.name == "top-fullinfo-clean-19-digit-tid")
_PDD = next(c for c in g.pinduoduo_cases() if c.name == "pdd-info-clean")


def _answer(**changes: Any) -> dict[str, Any]:
    return {"trade_fullinfo_get_response": {"trade": g._trade(TID, **changes)}}


@pytest.fixture(scope="module")
def verifiers() -> tuple[RecordedVerifier, RecordedVerifier]:
    """(with the gateway plans, the full check alone)."""
    with pytest.MonkeyPatch.context() as patch:
        for name, secret in SECRET_ENV.items():
            patch.setenv(name, secret)
        project = find_project(REPO, explicit=True)
        planned = RecordedVerifier(project, ContractCatalog(project))
        full = RecordedVerifier(project, ContractCatalog(project))
        full._clean_gateway_call = None
        for platform in ("taobao", "pinduoduo"):  # read while the secrets are set
            planned.gateway.secret(platform)
            full.gateway.secret(platform)
        return planned, full


def _found(verifiers: tuple[RecordedVerifier, RecordedVerifier],
           case: g.Case) -> list[tuple[str, str | None]]:
    results = []
    for verifier in verifiers:
        project = verifier.project
        # twice: the second call is the warm one a plan may prove clean
        items = [case.interaction(project, 0), case.interaction(project, 1)]
        cassette = Cassette(path=REPO / "ids.yaml", display="ids.yaml", interactions=items)
        for item in items:
            results.append(sorted((f.code, f.location.pointer)
                                  for f in verifier.verify(cassette, item)))
    assert all(r == results[0] for r in results), results  # plans never change findings
    return results[0]


@pytest.mark.parametrize(("changes", "expected"), [
    ({}, []),
    # beyond 2^53 written as a float: its digits are gone
    ({"tid": float(TID)}, [("field.wrong-type", f"{TRADE}/tid")]),
    ({"num": 3e17}, [("field.wrong-type", f"{TRADE}/num")]),
    # an integral float a double holds exactly is an integer (JSON Schema 2020-12)
    ({"tid": 1234.0, "tid_str": "1234"}, []),
    # the number and its text twin disagree
    ({"tid_str": str(TID + 1)}, [("field.mismatch", f"{TRADE}/tid_str")]),
    ({"tid": TID - 100}, [("field.mismatch", f"{TRADE}/tid_str")]),
    # a twin that is no number text is the pattern's finding alone
    ({"tid_str": "x1"}, [("field.wrong-format", f"{TRADE}/tid_str")]),
])
def test_ids_that_lost_digits(verifiers: tuple[RecordedVerifier, RecordedVerifier],
                              changes: dict[str, Any], expected: list[Any]) -> None:
    case = dataclasses.replace(_BASE, answer=_answer(**changes))
    assert _found(verifiers, case) == sorted(expected)


def test_an_order_twin_inside_a_list_is_compared(
        verifiers: tuple[RecordedVerifier, RecordedVerifier]) -> None:
    answer = _answer()
    answer["trade_fullinfo_get_response"]["trade"]["orders"]["order"][0]["oid_str"] = "17"
    case = dataclasses.replace(_BASE, answer=answer)
    assert _found(verifiers, case) == [("field.mismatch", f"{TRADE}/orders/order/0/oid_str")]


def test_a_huge_float_where_any_number_is_allowed_passes(
        verifiers: tuple[RecordedVerifier, RecordedVerifier]) -> None:
    answer = json.loads(json.dumps(_PDD.answer))
    answer["order_info_get_response"]["order_info"]["goods_amount"] = 3.0e17
    assert _found(verifiers, dataclasses.replace(_PDD, answer=answer)) == []


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=4)
                    | st.floats(allow_nan=False, allow_infinity=False),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=3), inner, max_size=3), max_leaves=12))
def test_the_screens_never_miss_a_float_beyond_2_53(document: Any) -> None:
    paths = lossy_paths(document)
    if paths:  # a screen may say yes for nothing, never no for something
        assert may_hold_lossy(document)
        assert text_may_hold_lossy(json.dumps(document))
    replaced = with_stand_ins(document, paths)
    assert lossy_paths(replaced) == []
    assert json.dumps(document) == json.dumps(with_stand_ins(document, []))


@given(st.integers(min_value=MAX_SAFE + 1, max_value=2**63 - 1) | st.integers(
    min_value=-(2**63), max_value=-MAX_SAFE - 1))
def test_every_float_beyond_2_53_is_seen(number: int) -> None:
    assert lossy_paths({"a": [float(number)]}) == [("a", 0)]
    assert may_hold_lossy({"a": float(number)})
    assert lossy_paths({"a": number}) == []  # an int keeps every digit


@pytest.mark.parametrize("text", ['{"tid": 23456789012345678e2}', '{"tid": 12.5e15}',
                                  '{"tid": 2.3E+18}', '[-2345678901234567891.0]',
                                  '{"tid": 23456789012345678910e-1}', '[9007199254740994.0]'])
def test_the_screen_sees_floats_however_written(text: str) -> None:
    assert may_hold_lossy(json.loads(text))
    assert text_may_hold_lossy(text)
    assert lossy_paths(json.loads(text))


@pytest.mark.parametrize("text", ['{"sign": "A3F17F"}', '{"sign": "1BA7E35C"}',
                                  '{"id": "0c3e4f2a-5e2d", "at": "2026-12-06 08:00:00"}',
                                  '{"tid": 2345678901234567891}',
                                  '{"payment": "200.07"}', '{"v": 1.5}',
                                  '[1234.0, 9007199254740991, 123456789012345678901234]'])
def test_the_screen_lets_ordinary_documents_through(text: str) -> None:
    assert not may_hold_lossy(json.loads(text))
    assert not text_may_hold_lossy(text)


def test_only_schemas_that_can_want_an_integer_are_screened() -> None:
    from seamguard.contracts.id_precision import wants_integers

    project = find_project(REPO, explicit=True)
    catalog = ContractCatalog(project)
    top = catalog.load("taobao", "2.0")
    sf = catalog.load("sf-fengqiao", "2.0")
    assert not isinstance(top, Exception)
    assert not isinstance(sf, Exception)
    refund = top.root("#/components/schemas/Refund")
    assert wants_integers(top, top.schema(refund))  # tid, oid, num
    push = sf.root("#/components/schemas/RoutePush")
    assert not wants_integers(sf, sf.schema(push))  # every route field is text


def test_a_rest_body_proved_clean_by_its_plan_still_has_its_ids_checked(tmp_path: Any) -> None:
    from tests.support.projects import codes_at, interaction, mini_project, verify_project

    body = ('{"order": {"id": 2.3e18, "status": "paid", "total": "10.00", '
            '"created_at": "2024-07-01T10:00:00+08:00", "note": null}}')
    alone = mini_project(tmp_path / "alone", interactions=[interaction(body)])
    # alone (the plan would have called it clean) and beside another defect (the full check)
    assert codes_at(verify_project(alone)) == [("field.wrong-type", "/order/id")]
    other = mini_project(tmp_path / "other",
                         interactions=[interaction(body.replace('"paid"', "5"))])
    assert codes_at(verify_project(other)) == [("field.wrong-type", "/order/id"),
                                               ("field.wrong-type", "/order/status")]
    exact = mini_project(tmp_path / "exact",
                         interactions=[interaction(body.replace("2.3e18", "1234.0"))])
    assert codes_at(verify_project(exact)) == []


@pytest.mark.parametrize(("tid", "expected"), [
    (TID, []),
    (float(TID), [("field.wrong-type", "/content⟨json⟩/tid")]),  # lost digits, inside JSON
    (1234.0, [])])
def test_an_id_inside_an_embedded_json_document_is_looked_at(
        verifiers: tuple[RecordedVerifier, RecordedVerifier], tid: Any,
        expected: list[Any]) -> None:
    message = {"topic": "taobao_trade_TradeSellerShip", "pub_time": "2024-08-01 10:11:12",
               "user_id": 2206819847, "content": json.dumps({"tid": tid, "seller_nick": "店"})}
    case = g.Case("tmc", "taobao", "https://hooks.seamguard-demo.cn/webhooks/taobao/tmc", {},
                  None, "ok", [], signed=False, request_body=json.dumps(message),
                  request_type="application/json", answer_type="text/plain")
    assert _found(verifiers, case) == expected
