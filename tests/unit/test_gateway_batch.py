"""TOP's batch API (``/router/batch``): several calls in one request, each checked as a single
call would be, findings pointing into its part; signed over the URL's parameters with the body
appended; odd batches give findings, never exceptions or silence."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding
from seamguard.project import find_project
from seamguard.recordings.cassettes import Cassette, Interaction
from seamguard.verify import RecordedVerifier
from seamguard.verify_batch import split_batch
from seamguard.wire.profile import resolve_profile
from seamguard.wire.signing import sign, verify_signature
from tests.support.gateway_public import _batch, _trade
from tests.support.projects import REPO
from tests.support.record_gateways import SECRET_ENV

TID = 2345678901234567891
CALL = f"method=taobao.trade.fullinfo.get&fields=tid%2Cstatus&tid={TID}"
ANSWER = {"trade_fullinfo_get_response": {"trade": _trade(TID)}}


def test_a_batch_body_reads_as_shared_and_own_parameters() -> None:
    shared, calls = split_batch(
        "#PUBLIC#method=taobao.trade.fullinfo.get&fields=tid\r\n-S-\r\ntid=1\r\n-S-\r\nN",
        "\r\n-S-\r\n", "#PUBLIC#")
    assert shared == {"method": "taobao.trade.fullinfo.get", "fields": "tid"}
    assert calls == [{"tid": "1"}, {}]  # "N": a call without parameters of its own
    assert split_batch("", "\r\n-S-\r\n", "#PUBLIC#") == ({}, [])


@pytest.mark.parametrize(("sign_method", "algorithm"), [("md5", None), ("hmac", hashlib.md5)])
def test_the_batch_signature_covers_the_url_parameters_and_the_body(
        sign_method: str, algorithm: object) -> None:
    signing = resolve_profile("taobao-top", None).signing
    assert signing is not None
    batch = signing.model_copy(update={"scheme": "sorted-params-body"})
    params = {"app_key": "12345678", "v": "2.0", "sign_method": sign_method,
              "timestamp": "2024-07-12 10:05:11"}
    body = CALL + "\r\n-S-\r\n" + CALL
    data = "".join(k + v for k, v in sorted(params.items())) + body
    wanted = (hashlib.md5(("s3cret" + data + "s3cret").encode()).hexdigest() if algorithm is None
              else hmac.new(b"s3cret", data.encode(), hashlib.md5).hexdigest()).upper()
    assert sign(batch, params, "s3cret", body=body) == wanted
    assert verify_signature(batch, {**params, "sign": wanted}, "s3cret", wanted, body=body).valid
    assert not verify_signature(batch, params, "s3cret", wanted, body=body + "x").valid


def verify(*items: Interaction, monkeypatch: pytest.MonkeyPatch) -> list[list[Finding]]:
    for name, secret in SECRET_ENV.items():
        monkeypatch.setenv(name, secret)
    project = find_project(REPO, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = Cassette(path=REPO / "batch.yaml", display="batch.yaml",
                        interactions=list(items))
    return [verifier.verify(cassette, item) for item in items]


def found(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.code, f.location.pointer) for f in findings]


def test_odd_batches_give_findings_never_exceptions(monkeypatch: pytest.MonkeyPatch) -> None:
    project = find_project(REPO, explicit=True)
    three = _batch("three-answers-for-two", [CALL, CALL], [ANSWER] * 3, [])
    not_json = _batch("an-answer-not-json", [CALL, CALL], [ANSWER, "{trade"], [])
    empty = _batch("no-call", [], [], [])
    results = verify(three.interaction(project, 0), not_json.interaction(project, 1),
                     empty.interaction(project, 2), monkeypatch=monkeypatch)
    assert found(results[0]) == [("response.unknown-envelope", None)]
    assert "3 parts for 2 calls" in results[0][0].message
    assert found(results[1]) == [("body.not-json", "/1")]
    assert results[1][0].location.operation == "POST /router/rest#taobao.trade.fullinfo.get"
    assert found(results[2]) == [("body.empty", None)]


def test_a_call_of_a_batch_names_its_operation(monkeypatch: pytest.MonkeyPatch) -> None:
    project = find_project(REPO, explicit=True)
    refund = "method=taobao.refund.get&fields=refund_id&refund_id=138206627361580"
    wrong = {"refund_get_response": {"refund": {"refund_id": 138206627361580, "status": 12}}}
    case = _batch("refund-id-not-a-number", [CALL, refund], [ANSWER, wrong], [])
    [findings] = verify(case.interaction(project, 0), monkeypatch=monkeypatch)
    assert [(f.code, f.location.pointer, f.location.operation) for f in findings] == [
        ("field.wrong-type", "/1/refund_get_response/refund/status",
         "POST /router/rest#taobao.refund.get")]


def test_a_batch_the_gateway_refused_whole_is_its_error(monkeypatch: pytest.MonkeyPatch) -> None:
    project = find_project(REPO, explicit=True)
    limit = {"error_response": {"code": 7, "msg": "App Call Limited", "request_id": "1"}}
    case = _batch("call-limited", [CALL, CALL], [limit], [])
    [findings] = verify(case.interaction(project, 0), monkeypatch=monkeypatch)
    assert found(findings) == [("response.in-band-error", "/error_response")]
    assert "whole batch of 2 calls: code 7: App Call Limited" in findings[0].message
    assert json.dumps(findings[0].actual) == '{"code": 7, "message": "App Call Limited"}'


def test_drift_and_mappings_read_each_answer_of_a_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, secret in SECRET_ENV.items():
        monkeypatch.setenv(name, secret)
    project = find_project(REPO, explicit=True)
    refund = "method=taobao.refund.get&fields=refund_id&refund_id=138206627361580"
    refunded = {"refund_get_response": {"refund": {"refund_id": 138206627361580}}}
    two = _batch("two", [CALL, refund], [ANSWER, refunded], []).interaction(project, 0)
    odd = _batch("odd", [CALL, CALL], [ANSWER] * 3, []).interaction(project, 1)
    broken = _batch("broken", [CALL, CALL], ["{", "{"], []).interaction(project, 2)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = Cassette(path=REPO / "batch.yaml", display="batch.yaml",
                        interactions=[two, odd, broken])
    unchecked: list[Finding] = []
    bodies = list(verifier.bodies(cassette, unchecked))
    assert [(b.interaction.index, b.label, b.prefix) for b in bodies] == [
        (0, "POST /router/rest#taobao.trade.fullinfo.get 200", "/0/trade_fullinfo_get_response"),
        (0, "POST /router/rest#taobao.refund.get 200", "/1/refund_get_response")]
    assert bodies[0].payload["trade"]["tid"] == TID  # read exactly, beyond 2**53
    # what kept the other batches from being read is said once per batch, as verify says it
    assert found(unchecked) == [("response.unknown-envelope", None),
                                ("body.not-json", "/0"), ("body.not-json", "/1")]


def test_a_batch_answered_with_another_status_or_media_type_is_said_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    project = find_project(REPO, explicit=True)
    bad_gateway = _batch("502", [CALL, CALL], ["<html>502</html>"] * 2, [])
    bad_gateway.status, bad_gateway.answer_type = 502, "text/html"
    html = _batch("html", [CALL, CALL], ["<html>busy</html>"] * 2, [])
    html.answer_type = "text/html"
    results = verify(bad_gateway.interaction(project, 0), html.interaction(project, 1),
                     monkeypatch=monkeypatch)
    assert [found(r) for r in results] == [[("status.undocumented", None)],
                                           [("content-type.undeclared", None)]]


def test_a_batch_answer_in_the_format_its_content_type_does_not_name_is_said_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    project = find_project(REPO, explicit=True)
    json_as_xml = _batch("json-as-xml", [CALL, CALL, CALL], [ANSWER] * 3, [])
    json_as_xml.answer_type = "text/xml;charset=UTF-8"
    one_broken = _batch("one-broken", [CALL, CALL], [ANSWER, "<html>busy</html>"], [])
    results = verify(json_as_xml.interaction(project, 0), one_broken.interaction(project, 1),
                     monkeypatch=monkeypatch)
    assert found(results[0]) == [("body.not-xml", None)]
    assert "3 parts are all JSON" in results[0][0].message
    # one part unreadable on its own keeps its own finding, in its part
    assert found(results[1]) == [("body.not-json", "/1")]


def test_a_gbk_batch_answer_under_no_charset_is_said_and_still_checked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    project = find_project(REPO, explicit=True)
    big = 2345678901234567891
    paid = {"trade_fullinfo_get_response": {"trade": _trade(big, title="青花瓷杯")}}
    wrong = {"trade_fullinfo_get_response": {"trade": _trade(big, payment=1.5)}}
    gbk = []
    for name, answers in (("gbk", [paid, paid]), ("gbk-wrong", [paid, wrong])):
        case = _batch(name, [CALL, CALL], answers, [])
        assert isinstance(case.answer, str)
        case.answer, case.answer_type = case.answer.encode("gbk"), "application/json"
        gbk.append(case.interaction(project, len(gbk)))
    clean, broken = verify(*gbk, monkeypatch=monkeypatch)
    assert found(clean) == [("body.charset-undeclared", None)]
    assert (clean[0].severity.value, clean[0].actual) == ("warning", "GBK")
    assert "batch answer" in clean[0].message
    assert sorted(found(broken), key=str) == [
        ("body.charset-undeclared", None),
        ("field.wrong-type", "/1/trade_fullinfo_get_response/trade/payment")]


def test_a_batch_of_percent_encoded_gbk_is_read_in_gbk_under_no_charset(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from urllib.parse import quote

    from seamguard.verify_batch import _percent_encoding

    project = find_project(REPO, explicit=True)
    nick = quote("淘宝买家", encoding="gbk")
    call = f"method=taobao.trades.sold.get&fields=tid&buyer_nick={nick}"
    sold = {"trades_sold_get_response": {"total_results": 0, "trades": {"trade": []}}}
    cases = []
    for name, label in (("none", "text/plain"), ("utf8", "text/plain;charset=UTF-8"),
                        ("gbk", "text/plain;charset=GBK")):
        case = _batch(name, [CALL, call], [ANSWER, sold], [])
        case.request_type = label
        cases.append(case.interaction(project, len(cases)))
    undeclared, wrong, declared = verify(*cases, monkeypatch=monkeypatch)
    assert found(undeclared) == [("body.charset-undeclared", None)]
    assert found(wrong) == [("body.undecodable", None)]
    assert found(declared) == []
    body = f"{CALL}\r\n-S-\r\n{call}"
    encoding, name, problem = _percent_encoding(body, {"content-type": "text/plain"})
    assert (name, problem) == ("GBK", None)
    assert split_batch(body, "\r\n-S-\r\n", None, encoding)[1][1]["buyer_nick"] == "淘宝买家"
