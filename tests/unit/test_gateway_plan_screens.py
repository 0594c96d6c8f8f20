"""A plan reads the documents inside a screened body without screening them again: a call
whose embedded document nests too deep behind ``\\u`` escapes (which the body's own screen
cannot see through) must still go to the full check, which reports it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.project import find_project
from seamguard.recordings.cassettes import Cassette, Interaction
from seamguard.verify import RecordedVerifier
from seamguard.verify_gateway_plan import GatewayPlans
from tests.support.gateway import SETTINGS, gateway_project, sf_response, top_trade

_DEEP = json.loads("[" * 129 + "]" * 129)  # one level deeper than the default limit
_JSON = {"content-type": "application/json;charset=UTF-8"}


def _top(attr: Any, escape: bool) -> Interaction:
    trade = top_trade(trade_attr=json.dumps({"erpHold": "0", "x": attr}))
    text = json.dumps({"trades_sold_get_response": {"total_results": 1,
                                                    "trades": {"trade": [trade]}}})
    if escape:
        text = text.replace("[[", "\\u005b\\u005b")
    query = {"method": "taobao.trades.sold.get", "app_key": "12345678", "v": "2.0",
             "sign_method": "md5", "timestamp": "2024-07-10 10:00:00", "format": "json",
             "fields": "tid,status,payment", "sign": "66987CB115214E59E6EC978214934FB8"}
    return Interaction(0, "GET", "https://eco.taobao.com/router/rest?" + urlencode(query), {},
                       None, 200, _JSON, text)


def _sf(extra: Any, escape: bool) -> Interaction:
    text = json.dumps(sf_response({"routeResps": [
        {"mailNo": "SF1", "routes": [{"acceptTime": "2024-07-10", "opCode": "50",
                                      "x": extra}]}]}))
    if escape:
        text = text.replace("[[", "\\u005b\\u005b")
    form = {"partnerID": "SEAMGUARD", "requestID": "6c1f2d6e", "timestamp": "1720576800000",
            "serviceCode": "EXP_RECE_SEARCH_ROUTES", "msgDigest": "xQ1m0i7+Yk0QH1oF4r6m1g==",
            "msgData": json.dumps({"trackingType": 1, "trackingNumber": ["SF1"]})}
    return Interaction(0, "POST", "https://sfapi.sf-express.com/std/service",
                       {"content-type": "application/x-www-form-urlencoded;charset=UTF-8"},
                       urlencode(form), 200, _JSON, text)


@pytest.mark.parametrize("make", [_top, _sf])
@pytest.mark.parametrize("escape", [False, True])
@pytest.mark.parametrize("inner", [_DEEP, json.loads("[" * 120 + "]" * 120),
                                   123456789012345678901234])
def test_plans_send_too_deep_embedded_documents_to_the_full_check(
        tmp_path: Path, make: Any, escape: bool, inner: Any) -> None:
    # Undeclared fields off: the validators accept the extra field, only depth can refuse it.
    settings = SETTINGS.replace('cassettes = "cassettes"',
                                'cassettes = "cassettes"\nundeclared_fields = "off"')
    project = find_project(gateway_project(tmp_path, {}, settings=settings), explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    plans = GatewayPlans(project, verifier.router, verifier.catalog, verifier.gateway,
                         max_body=verifier.max_body, max_depth=verifier.max_depth)
    verifier._clean_gateway_call = None  # the full check alone, to compare the plan with
    call = make(inner, escape)
    cassette = Cassette(path=tmp_path / "c.yaml", display="c.yaml", interactions=[call])
    codes = {f.code for f in verifier.verify(cassette, call)} - {"signature.unchecked"}
    if inner is _DEEP:
        assert codes, "the full check reports the nesting"
        assert not plans.clean(call)
    else:
        assert not codes
        plans.clean(call)  # warm: the first call reports the unchecked signature
        assert plans.clean(call)


def _with_query(call: Interaction, **extra: str) -> Interaction:
    return Interaction(0, call.method, call.uri + "&" + urlencode(extra), call.request_headers,
                       call.request_body, call.status, call.response_headers,
                       call.response_body)


@pytest.mark.parametrize(("extra", "clean"), [
    ({}, True),
    ({"simplify": "false"}, True),
    ({"simplify": "true"}, False),  # the simplified answer: its own envelope
    ({"simplify": "TRUE"}, False),  # its values are compared without regard to case
    ({"format": "XML"}, False),  # a JSON answer to a request asking for XML (first wins)
])
def test_plans_leave_other_answer_formats_to_the_full_check(
        tmp_path: Path, extra: dict[str, str], clean: bool) -> None:
    settings = SETTINGS.replace('cassettes = "cassettes"',
                                'cassettes = "cassettes"\nundeclared_fields = "off"')
    project = find_project(gateway_project(tmp_path, {}, settings=settings), explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    plans = GatewayPlans(project, verifier.router, verifier.catalog, verifier.gateway,
                         max_body=verifier.max_body, max_depth=verifier.max_depth)
    call = _top({"y": 1}, False)
    if "format" in extra:  # the query's own format=json goes, so the request asks for XML
        call = Interaction(0, call.method, call.uri.replace("format=json", "format=XML"),
                           call.request_headers, None, 200, _JSON, call.response_body)
    else:
        call = _with_query(call, **extra)
    verifier._clean_gateway_call = None
    cassette = Cassette(path=tmp_path / "c.yaml", display="c.yaml", interactions=[call])
    codes = {f.code for f in verifier.verify(cassette, call)} - {"signature.unchecked"}
    plans.clean(call)  # warm: the first call reports the unchecked signature
    assert plans.clean(call) is clean
    if clean:
        assert not codes


@pytest.mark.parametrize(("tid", "clean"), [
    ("2231958471254738", True),
    ("22319584712547380.0", False),  # a float beyond 2^53 where an integer is wanted
    ("2.231958471254738e16", False),
    ("2.231958471254738E+16", False),
])
def test_plans_leave_ids_that_may_have_lost_digits_to_the_full_check(
        tmp_path: Path, tid: str, clean: bool) -> None:
    project = find_project(gateway_project(tmp_path, {}), explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    plans = GatewayPlans(project, verifier.router, verifier.catalog, verifier.gateway,
                         max_body=verifier.max_body, max_depth=verifier.max_depth)
    call = _top(None, False)
    text = json.dumps({"trades_sold_get_response": {"total_results": 1, "trades": {
        "trade": [top_trade()]}}}).replace('"tid": 2231958471254738', f'"tid": {tid}')
    assert tid in text
    call = Interaction(0, call.method, call.uri, call.request_headers, None, 200, _JSON, text)
    verifier._clean_gateway_call = None
    cassette = Cassette(path=tmp_path / "c.yaml", display="c.yaml", interactions=[call])
    codes = {f.code for f in verifier.verify(cassette, call)} - {"signature.unchecked"}
    assert bool(codes) is not clean
    plans.clean(call)  # warm: the first call reports the unchecked signature
    assert plans.clean(call) is clean
