"""A JSON text that starts with a byte-order mark (U+FEFF) is read without it and checked, and
the mark is said once as ``body.byte-order-mark`` (a warning: RFC 8259 lets a parser ignore it,
but forbids sending it, and strict parsers refuse it), wherever the JSON is: an answer, a
gateway request, a push, a push's reply."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seamguard.findings import Severity
from tests.support import gateway_public as g
from tests.support.gateway_docs_corpus import _LIST, _ROUTES, TID, _listed, _routes, _tmc, _tmc_case
from tests.support.gateway_public import Case
from tests.support.record_gateways import SECRET_ENV
from tests.unit.test_gateway_charsets import SOLD, WINDOW, verify

BOM = "\ufeff"
UTF8_BOM = b"\xef\xbb\xbf"


def _sold(answer: object) -> Case:
    return Case("bom", "taobao", g.TOP, g._top("taobao.trades.sold.get", WINDOW), None, answer,
                [], method="GET")


def test_an_answer_with_a_bom_is_read_without_it_and_said_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = json.dumps(SOLD, ensure_ascii=False)
    wrong = json.loads(text)
    wrong["trades_sold_get_response"]["trades"]["trade"][0]["payment"] = 1.5
    as_bytes, as_text, broken, plain = verify(
        _sold(UTF8_BOM + text.encode()), _sold(BOM + text),
        _sold(UTF8_BOM + json.dumps(wrong).encode()), _sold(text), monkeypatch=monkeypatch)
    for findings in (as_bytes, as_text):
        [said] = findings
        assert (said.code, said.severity, said.location.pointer) == (
            "body.byte-order-mark", Severity.WARNING, None)
        assert "RFC 8259" in said.message
        assert "utf-8-sig" in (said.hint or "")
    assert sorted((f.code, f.location.pointer) for f in broken) == [
        ("body.byte-order-mark", None),
        ("field.wrong-type", "/trades_sold_get_response/trades/trade/0/payment")]
    assert plain == []


def test_a_json_gateway_request_with_a_bom_is_read_without_it_and_said_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    params = g._pdd("pdd.order.list.get", _LIST)
    signed = {**params, "sign": g.sign_form("pinduoduo", params)}
    body = json.dumps(signed, ensure_ascii=False)

    def sent(text: str) -> Case:
        return Case("bom", "pinduoduo", g.PDD, {}, None, _listed(g._pdd_order()), [],
                    signed=False, request_body=text.encode(), request_type="application/json")

    marked, plain = verify(sent(BOM + body), sent(body), monkeypatch=monkeypatch)
    assert [(f.code, f.location.pointer) for f in marked] == [("body.byte-order-mark", None)]
    assert "request" in marked[0].message
    assert plain == []


def test_a_json_push_and_its_reply_with_a_bom_are_each_said(
        monkeypatch: pytest.MonkeyPatch) -> None:
    push = "https://hooks.seamguard-demo.cn/webhooks/sf-fengqiao/route-push"
    event = json.dumps({"Body": {"WaybillRoute": [{
        "id": "a1", "mailno": "SF1320487569231", "orderid": "QIAO-1",
        "acceptTime": "2024-08-02 15:02:33", "acceptAddress": "杭州市", "remark": "已签收",
        "opCode": "80", "reasonCode": "", "reasonName": ""}]}}, ensure_ascii=False)
    reply = json.dumps({"return_code": "0000", "return_msg": "成功"}, ensure_ascii=False)

    def pushed(request: str, answer: str) -> Case:
        return Case("push", "sf-fengqiao", push, {}, None, answer.encode(), [], signed=False,
                    request_body=request.encode(), request_type="application/json",
                    answer_type="application/json;charset=UTF-8")

    marked_push, marked_reply, plain = verify(
        pushed(BOM + event, reply), pushed(event, BOM + reply), pushed(event, reply),
        monkeypatch=monkeypatch)
    assert [(f.code, f.location.pointer) for f in marked_push] == [
        ("body.byte-order-mark", None)]
    assert [(f.code, f.location.pointer) for f in marked_reply] == [
        ("body.byte-order-mark", "response:")]
    assert plain == []


def test_a_json_text_inside_a_string_with_a_bom_is_said_at_the_string(
        monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = {"tid": TID, "oid": TID + 1, "seller_nick": "演示旗舰店", "buyer_nick": "t**6",
               "payment": "88.00", "status": "WAIT_BUYER_CONFIRM_GOODS", "type": "fixed"}
    ship = "taobao_trade_TradeSellerShip"
    inner = json.dumps(_routes(), ensure_ascii=False)
    answer = g._sf_answer(None)
    answer["apiResultData"] = BOM + inner
    order = g._sf("EXP_RECE_SEARCH_ROUTES", _ROUTES)
    order["msgData"] = BOM + order["msgData"]
    pushed, wrong, answered, asked = verify(
        _tmc_case("tmc", _tmc(ship, BOM + json.dumps(shipped, ensure_ascii=False)), []),
        _tmc_case("tmc", _tmc(ship, BOM + json.dumps({**shipped, "tid": str(TID)})), []),
        Case("sf", "sf-fengqiao", g.SF, {}, g._sf("EXP_RECE_SEARCH_ROUTES", _ROUTES), answer,
             []),
        Case("sf", "sf-fengqiao", g.SF, {}, order, g._sf_answer(_routes()), []),
        monkeypatch=monkeypatch)
    assert [(f.code, f.severity, f.location.pointer) for f in pushed] == [
        ("body.byte-order-mark", Severity.WARNING, "/content")]
    assert sorted((f.code, f.location.pointer) for f in wrong) == [
        ("body.byte-order-mark", "/content"), ("field.wrong-type", "/content⟨json⟩/tid")]
    assert [(f.code, f.location.pointer) for f in answered] == [
        ("body.byte-order-mark", "/apiResultData")]
    assert [(f.code, f.severity, f.location.pointer) for f in asked] == [
        ("body.byte-order-mark", Severity.WARNING, "request:/msgData")]


def test_an_in_band_error_inside_a_string_with_a_bom_is_recognised_and_the_mark_said(
        monkeypatch: pytest.MonkeyPatch) -> None:
    refused = {"success": False, "errorCode": "8018", "errorMsg": "未获取到有效的运单号",
               "msgData": None}

    def answered(text: str) -> Case:
        answer = g._sf_answer(None)
        answer["apiResultData"] = text
        return Case("sf", "sf-fengqiao", g.SF, {}, g._sf("EXP_RECE_SEARCH_ROUTES", _ROUTES),
                    answer, [])

    inner = json.dumps(refused, ensure_ascii=False)
    marked, plain = verify(answered(BOM + inner), answered(inner), monkeypatch=monkeypatch)
    assert [(f.code, f.severity, f.location.pointer) for f in marked] == [
        ("response.in-band-error", Severity.ERROR, "/apiResultData⟨json⟩/success"),
        ("body.byte-order-mark", Severity.WARNING, "/apiResultData")]
    assert "8018" in marked[0].message
    assert [(f.code, f.location.pointer) for f in plain] == [
        ("response.in-band-error", "/apiResultData⟨json⟩/success")]


def test_drift_profiles_an_answer_after_its_bom(monkeypatch: pytest.MonkeyPatch) -> None:
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.project import find_project
    from seamguard.recordings.cassettes import Cassette
    from seamguard.verify import RecordedVerifier
    from tests.support.projects import REPO

    project = find_project(REPO, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    item = _sold(BOM + json.dumps(SOLD, ensure_ascii=False)).interaction(project, 0)
    cassette = Cassette(path=REPO / "bom.yaml", display="bom.yaml", interactions=[item])
    [(_, _, _, _, body)] = list(verifier.payloads(cassette))
    assert body["total_results"] == 1  # the envelope opened, as for any answer


def test_a_batch_answer_after_a_bom_is_said_once_for_the_whole(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.gateway_docs_corpus import REFUND, _refund

    calls = [f"method={REFUND}&fields=refund_id%2Cstatus&refund_id=149203857261093"] * 2
    marked = g._batch("bom", calls, [_refund(), _refund()], [])
    marked.answer = BOM + marked.answer
    plain = g._batch("bom", calls, [_refund(), _refund()], [])
    said, clean = verify(marked, plain, monkeypatch=monkeypatch)
    assert [(f.code, f.location.pointer) for f in said] == [("body.byte-order-mark", None)]
    assert "batch" in said[0].message
    assert clean == []


def test_a_rest_json_request_body_after_a_bom_is_said_once_and_checked(
        tmp_path: Path) -> None:
    from tests.unit import test_verify_request as rest

    marked = rest.call("PUT", rest.ledger("/Invoices"), BOM + json.dumps(rest.INVOICE),
                       "application/json")
    wrong = rest.call("PUT", rest.ledger("/Invoices"),
                      BOM + json.dumps({"Invoices": [{"Type": "NOPE"}]}), "application/json")
    findings = rest.verify(tmp_path, rest.LEDGER_CONTRACT, rest.LEDGER,
                           [*rest.LEDGER_CLEAN, marked, wrong])
    assert sorted((f.code, f.severity, f.location.pointer, f.location.interaction)
                  for f in findings) == [
        ("body.byte-order-mark", Severity.WARNING, "request:/body", 6),
        ("body.byte-order-mark", Severity.WARNING, "request:/body", 7),
        ("field.unknown-enum", Severity.ERROR, "request:/body/Invoices/0/Type", 7)]


def test_a_slice_of_the_documented_charset_calls_is_exact(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support import gateway_docs_charsets

    for name, secret in SECRET_ENV.items():
        monkeypatch.setenv(name, secret)
    chosen = {"docs-top-sold-get-gbk-query-no-charset", "docs-top-sold-get-query-in-no-charset",
              "docs-jd-get-param-json-bom", "docs-pdd-list-json-request-bom",
              "docs-sf-routes-result-data-bom-mailno-as-number", "docs-sf-route-push-reply-bom",
              "docs-sf-routes-result-data-bom-refused"}
    picked = [case for case in gateway_docs_charsets.cases() if case.name in chosen]
    assert len(picked) == len(chosen)
    assert [v.case.name for v in g.verdicts(of=picked) if not v.exact] == []
