"""A gateway request body in a charset its Content-Type does not name (GBK from an older
Chinese client) is said once, as ``body.charset-undeclared``, and still checked: its operation,
parameters and signature are read in the charset found."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding, Severity
from seamguard.project import find_project
from seamguard.recordings.cassettes import Cassette, Interaction
from seamguard.verify import RecordedVerifier
from tests.support import gateway_public as g
from tests.support.gateway_public import Case
from tests.support.projects import REPO
from tests.support.record_gateways import SECRET_ENV

UNDECLARED = "application/x-www-form-urlencoded"
WINDOW = {"fields": "tid,status,payment", "start_created": "2024-07-01 00:00:00",
          "end_created": "2024-07-02 00:00:00", "page_no": "1", "page_size": "40",
          "buyer_nick": "淘宝买家"}
SOLD = {"trades_sold_get_response": {"total_results": 1, "has_next": False,
                                     "trades": {"trade": [g._trade(4012345678901234567)]}}}


def verify(*cases: Case, monkeypatch: pytest.MonkeyPatch) -> list[list[Finding]]:
    for name, secret in SECRET_ENV.items():
        monkeypatch.setenv(name, secret)
    project = find_project(REPO, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    items: list[Interaction] = [case.interaction(project, i) for i, case in enumerate(cases)]
    cassette = Cassette(path=REPO / "gbk.yaml", display="gbk.yaml", interactions=items)
    return [verifier.verify(cassette, item) for item in items]


def _form(params: dict[str, str], content_type: str, *, encoding: str = "gbk",
          answer: object = SOLD) -> Case:
    signed = {**params, "sign": g.sign_form("taobao", params)}
    return Case("gbk", "taobao", g.TOP, {}, None, answer, [], signed=False,
                request_body=urlencode(signed, encoding=encoding).encode("ascii"),
                request_type=content_type)


def test_a_gbk_form_under_no_charset_is_said_once_and_still_checked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    params = g._top("taobao.trades.sold.get", WINDOW)
    wrong = json.loads(json.dumps(SOLD))
    wrong["trades_sold_get_response"]["trades"]["trade"][0]["payment"] = 1.5
    clean, broken, declared, utf8 = verify(
        _form(params, UNDECLARED), _form(params, UNDECLARED, answer=wrong),
        _form(params, UNDECLARED + ";charset=GBK"),
        _form(params, UNDECLARED, encoding="utf-8"), monkeypatch=monkeypatch)
    [said] = clean  # the signature holds over the GBK reading: no signature.invalid
    assert (said.code, said.severity, said.actual, said.location.pointer) == (
        "body.charset-undeclared", Severity.WARNING, "GBK", None)
    assert "request" in said.message
    assert said.hint
    assert sorted((f.code, f.location.pointer) for f in broken) == [
        ("body.charset-undeclared", None),
        ("field.wrong-type", "/trades_sold_get_response/trades/trade/0/payment")]
    assert declared == []
    assert utf8 == []


def test_a_gbk_form_declared_utf8_is_still_undecodable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    [findings] = verify(_form(g._top("taobao.trades.sold.get", WINDOW),
                              UNDECLARED + ";charset=UTF-8"), monkeypatch=monkeypatch)
    assert [f.code for f in findings] == ["body.undecodable"]


def test_a_gbk_form_push_under_no_charset_is_said_once_and_still_checked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    push = "https://hooks.seamguard-demo.cn/webhooks/sf-fengqiao/route-push"
    xml = ('<Request service="RoutePushService" lang="zh-CN"><Body><WaybillRoute id="a1" '
           'mailno="SF1320487569231" orderid="QIAO-1" acceptTime="{at}" acceptAddress="杭州市" '
           'remark="已签收" opCode="80"/></Body></Request>')

    def pushed(at: str) -> Case:
        return Case("push", "sf-fengqiao", push, {}, None,
                    '<Response service="RoutePushService"><Head>OK</Head></Response>', [],
                    signed=False, answer_type="text/xml;charset=UTF-8",
                    request_body=urlencode({"content": xml.format(at=at)},
                                           encoding="gbk").encode("ascii"),
                    request_type=UNDECLARED)

    clean, broken = verify(pushed("2024-08-02 15:02:33"), pushed("2024-08-02T15:02:33"),
                           monkeypatch=monkeypatch)
    assert [(f.code, f.actual) for f in clean] == [("body.charset-undeclared", "GBK")]
    assert "push" in clean[0].message
    assert sorted((f.code, f.location.pointer) for f in broken) == [
        ("body.charset-undeclared", None),
        ("field.wrong-format", "/content⟨xml⟩/Request/Body/WaybillRoute/acceptTime")]


@pytest.mark.parametrize("secret", [True, False])
def test_a_utf8_form_labelled_gbk_is_undecodable_with_or_without_the_secret(
        monkeypatch: pytest.MonkeyPatch, secret: bool) -> None:
    case = _form(g._top("taobao.trades.sold.get", WINDOW), UNDECLARED + ";charset=GBK",
                 encoding="utf-8")
    if secret:
        [findings] = verify(case, monkeypatch=monkeypatch)
    else:
        project = find_project(REPO, explicit=True)
        for name in SECRET_ENV:
            monkeypatch.delenv(name, raising=False)
        verifier = RecordedVerifier(project, ContractCatalog(project))
        item = case.interaction(project, 0)
        findings = verifier.verify(Cassette(path=REPO / "gbk.yaml", display="gbk.yaml",
                                            interactions=[item]), item)
    assert [f.code for f in findings if f.code != "signature.unchecked"] == [
        "body.undecodable"]


def test_a_gbk_reply_to_a_push_under_no_charset_is_said_at_the_reply(
        monkeypatch: pytest.MonkeyPatch) -> None:
    push = "https://hooks.seamguard-demo.cn/webhooks/sf-fengqiao/route-push"
    event = {"Body": {"WaybillRoute": [{
        "id": "a1", "mailno": "SF1320487569231", "orderid": "QIAO-1",
        "acceptTime": "2024-08-02 15:02:33", "acceptAddress": "杭州市", "remark": "已签收",
        "opCode": "80", "reasonCode": "", "reasonName": ""}]}}

    def replied(reply: dict[str, str]) -> Case:
        return Case("reply", "sf-fengqiao", push, {}, None,
                    json.dumps(reply, ensure_ascii=False).encode("gbk"), [], signed=False,
                    request_body=json.dumps(event, ensure_ascii=False),
                    request_type="application/json;charset=UTF-8",
                    answer_type="application/json")

    clean, wrong = verify(replied({"return_code": "0000", "return_msg": "成功"}),
                          replied({"return_code": "0", "return_msg": "成功"}),
                          monkeypatch=monkeypatch)
    assert [(f.code, f.location.pointer, f.actual) for f in clean] == [
        ("body.charset-undeclared", "response:", "GBK")]
    assert "the reply" in clean[0].message
    assert sorted((f.code, f.location.pointer) for f in wrong) == [
        ("body.charset-undeclared", "response:"), ("field.unknown-enum", "response:/return_code")]


def _get(params: dict[str, str], *, encoding: str = "gbk", answer: object = SOLD,
         headers: dict[str, str] | None = None) -> Case:
    signed = {**params, "sign": g.sign_form("taobao", params)}
    return Case("gbk-get", "taobao", g.TOP + "?" + urlencode(signed, encoding=encoding), {},
                None, answer, [], method="GET", signed=False, request_headers=headers or {})


def test_a_gbk_query_string_under_no_charset_is_said_once_and_still_checked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    params = g._top("taobao.trades.sold.get", WINDOW)
    wrong = json.loads(json.dumps(SOLD))
    wrong["trades_sold_get_response"]["trades"]["trade"][0]["payment"] = 1.5
    clean, broken, utf8 = verify(_get(params), _get(params, answer=wrong),
                                 _get(params, encoding="utf-8"), monkeypatch=monkeypatch)
    [said] = clean  # the signature holds over the GBK reading: no signature.invalid
    assert (said.code, said.severity, said.actual, said.location.pointer) == (
        "body.charset-undeclared", Severity.WARNING, "GBK", None)
    assert "query string" in said.message
    assert sorted((f.code, f.location.pointer) for f in broken) == [
        ("body.charset-undeclared", None),
        ("field.wrong-type", "/trades_sold_get_response/trades/trade/0/payment")]
    assert utf8 == []


def test_a_query_string_in_no_charset_at_all_is_undecodable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    case = _get(g._top("taobao.trades.sold.get", WINDOW))
    case.url += "&extra=%FF%FE%FF"  # no text in any charset
    [findings] = verify(case, monkeypatch=monkeypatch)
    assert [f.code for f in findings] == ["body.undecodable"]
    assert "query" in findings[0].message


DECLARED_GBK = {"content-type": "application/x-www-form-urlencoded; charset=GBK"}


def test_a_utf8_query_string_under_a_declared_gbk_is_garbled_there(
        monkeypatch: pytest.MonkeyPatch) -> None:
    params = g._top("taobao.trades.sold.get", WINDOW)
    gbk, utf8 = verify(_get(params, headers=DECLARED_GBK),
                       _get(params, encoding="utf-8", headers=DECLARED_GBK),
                       monkeypatch=monkeypatch)
    assert gbk == []  # read in the charset it declares: nothing to say
    [said] = utf8
    assert (said.code, said.actual, said.expected) == ("body.undecodable", "utf-8", "GBK")
    assert "query string" in said.message


def test_a_query_string_not_in_its_declared_charset_is_undecodable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    case = _get(g._top("taobao.trades.sold.get", WINDOW), headers=DECLARED_GBK)
    case.url += "&extra=%FF%FF"  # no GBK text
    [findings] = verify(case, monkeypatch=monkeypatch)
    assert [f.code for f in findings] == ["body.undecodable"]
    assert "GB18030" in findings[0].message.upper()


@pytest.mark.parametrize(("encoding", "mislabelled"), [("gbk", False), ("utf-8", True)])
def test_a_platform_declaring_gbk_reads_the_query_in_gbk(encoding: str,
                                                        mislabelled: bool) -> None:
    from seamguard.wire.requests import Params

    query = urlencode({"buyer_nick": "淘宝买家"}, encoding=encoding)
    params = Params(f"https://gw.example.cn/router?{query}", {}, None, "gbk")
    assert params.query == {"buyer_nick": "淘宝买家"}
    assert (params.mislabelled, params.found) == (mislabelled, None)
