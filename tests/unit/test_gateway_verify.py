"""Recorded verification of gateway platforms: operation names, envelopes, in-band errors,
requests with JSON inside form fields, and bad input named by cassette, interaction, pointer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding, Severity
from seamguard.project import find_project
from seamguard.verify import RecordedVerifier
from tests.support.gateway import (
    SETTINGS,
    SF_URL,
    TOP_URL,
    gateway_project,
    interaction,
    sf_response,
    top_trade,
)

TOP_FORM = {"method": "taobao.trades.sold.get", "app_key": "12345678", "v": "2.0",
            "sign_method": "md5", "timestamp": "2024-07-10 10:00:00", "format": "json",
            "fields": "tid,status,payment", "page_no": "1", "page_size": "40"}
SF_ORDER = {"orderId": "QIAO-20240710-1", "language": "zh-CN",
            "cargoDetails": [{"name": "T恤", "count": 2}],
            "contactInfoList": [{"contactType": 1, "address": "广东省深圳市南山区科技园"},
                                {"contactType": 2, "address": "上海市浦东新区世纪大道"}]}


def sf_form(service: str = "EXP_RECE_CREATE_ORDER", msg: Any = SF_ORDER) -> dict[str, str]:
    return {"partnerID": "SEAMGUARD", "requestID": "6c1f2d6e-0000-4000-8000-000000000001",
            "serviceCode": service, "timestamp": "1720576800000",
            "msgData": msg if isinstance(msg, str) else json.dumps(msg, ensure_ascii=False),
            "msgDigest": "x"}


def top_sold(*trades: dict[str, Any]) -> dict[str, Any]:
    return {"trades_sold_get_response": {"total_results": len(trades), "has_next": False,
                                         "trades": {"trade": list(trades)}}}


def verify(root: Path, *items: dict[str, Any]) -> list[Finding]:
    project = find_project(gateway_project(root, {"calls": list(items)}), explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = verifier.read(project.cassettes_dir / "calls.yaml")
    assert not isinstance(cassette, Finding)
    # Without the secret in the environment, each platform's first call says so (tested below).
    return [f for f in verifier.verify_cassette(cassette) if f.code != "signature.unchecked"]


def found(findings: list[Finding]) -> set[tuple[str, str | None]]:
    return {(f.code, f.location.pointer) for f in findings}


def test_clean_gateway_calls(tmp_path: Path) -> None:
    created = {"orderId": "QIAO-20240710-1",
               "waybillNoInfoList": [{"waybillType": 1, "waybillNo": "SF1234567890123"}]}
    findings = verify(
        tmp_path,
        interaction(TOP_URL, TOP_FORM, top_sold(top_trade())),
        # the same operation as a GET with every parameter in the query string
        interaction(TOP_URL, None, top_sold(top_trade()), query=TOP_FORM, method="GET"),
        interaction(SF_URL, sf_form(), sf_response(created)),
    )
    assert findings == []


def test_payload_violation_points_into_the_whole_body(tmp_path: Path) -> None:
    [finding] = verify(tmp_path, interaction(TOP_URL, TOP_FORM, top_sold(
        top_trade(), top_trade(payment=199))))
    assert finding.code == "field.wrong-type"
    assert finding.location.pointer == "/trades_sold_get_response/trades/trade/1/payment"
    assert finding.location.operation == "POST /router/rest#taobao.trades.sold.get"
    assert finding.location.interaction == 0
    assert finding.location.file == "cassettes/calls.yaml"
    assert finding.location.line is not None


def test_wrong_type_inside_api_result_data(tmp_path: Path) -> None:
    created = {"orderId": "QIAO-1", "waybillNoInfoList": [{"waybillType": "1"}]}
    assert found(verify(tmp_path, interaction(SF_URL, sf_form(), sf_response(created)))) == {
        ("field.wrong-type", "/apiResultData⟨json⟩/msgData/waybillNoInfoList/0/waybillType")}


def test_in_band_errors_carry_the_platforms_code_and_message(tmp_path: Path) -> None:
    top_error = {"error_response": {"code": 15, "msg": "Remote service error",
                                    "sub_code": "isv.trade-not-exist", "sub_msg": "交易不存在"}}
    findings = verify(
        tmp_path,
        interaction(TOP_URL, TOP_FORM, top_error),
        interaction(SF_URL, sf_form(), sf_response(None, success=False, error_code="8016",
                                                   error_msg="重复下单")),
        interaction(SF_URL, sf_form(), {"apiErrorMsg": "验证码错误", "apiResponseID": "1",
                                        "apiResultCode": "A1001", "apiResultData": None}),
    )
    assert [f.code for f in findings] == ["response.in-band-error"] * 3
    top, sf_inner, sf_outer = findings
    assert top.severity is Severity.ERROR
    assert "isv.trade-not-exist" in top.message
    assert "交易不存在" in top.message
    assert top.actual == {"code": 15, "sub_code": "isv.trade-not-exist",
                          "message": "Remote service error", "sub_message": "交易不存在"}
    assert sf_inner.actual == {"code": "8016", "message": "重复下单"}
    assert sf_outer.actual["code"] == "A1001"
    assert [f.location.pointer for f in findings] == [
        "/error_response", "/apiResultData⟨json⟩/success", "/apiResultCode"]


def test_documented_in_band_error_is_info(tmp_path: Path) -> None:
    error = {"error_response": {"code": 41, "msg": "Invalid arguments",
                                "sub_code": "isv.invalid-parameter:start_created"}}
    [finding] = verify(tmp_path, interaction(TOP_URL, TOP_FORM, error))
    assert finding.severity is Severity.INFO
    assert "documented" in finding.message


def test_error_body_is_checked_against_the_profiles_error_schema(tmp_path: Path) -> None:
    error = {"error_response": {"code": 15, "msg": ["not", "a", "string"]}}
    assert found(verify(tmp_path, interaction(TOP_URL, TOP_FORM, error))) == {
        ("response.in-band-error", "/error_response"), ("field.wrong-type", "/error_response/msg")}


def test_unknown_envelope(tmp_path: Path) -> None:
    [finding] = verify(tmp_path, interaction(TOP_URL, TOP_FORM, {"result": "ok"}))
    assert finding.code == "response.unknown-envelope"
    assert "/trades_sold_get_response" in finding.message
    assert finding.actual == ["result"]


@pytest.mark.parametrize("flag", ["true", "false", None, 1], ids=repr)
def test_sf_success_flag_that_is_not_a_boolean_is_neither_envelope(
        tmp_path: Path, flag: Any) -> None:
    # "false" as text would otherwise hide a refusal behind a clean check
    created = {"orderId": "QIAO-1", "waybillNoInfoList": [{"waybillType": 1}]}
    body = sf_response(created)
    inner = json.loads(body["apiResultData"])
    inner["success"] = flag
    body["apiResultData"] = json.dumps(inner, ensure_ascii=False)
    [finding] = verify(tmp_path, interaction(SF_URL, sf_form(), body))
    assert finding.code == "response.unknown-envelope"
    assert "/apiResultData⟨json⟩/success" in finding.message


def test_missing_and_unknown_operation_names(tmp_path: Path) -> None:
    no_method = {k: v for k, v in TOP_FORM.items() if k != "method"}
    typo = {**TOP_FORM, "method": "taobao.trade.sold.get"}
    findings = verify(tmp_path, interaction(TOP_URL, no_method, top_sold()),
                      interaction(TOP_URL, typo, top_sold()))
    missing, unknown = findings
    assert missing.code == "operation.name-missing"
    assert "'method'" in missing.message
    assert missing.location.pointer == "request:/method"
    assert unknown.code == "operation.undocumented"
    assert unknown.hint is not None
    assert "taobao.trades.sold.get" in unknown.hint
    assert unknown.location.interaction == 1
    # the finding points at the parameter that names the operation, as a batch call's does
    assert unknown.location.pointer == "request:/method"


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_operation_name_is_a_missing_one(tmp_path: Path, value: str) -> None:
    [finding] = verify(tmp_path, interaction(SF_URL, sf_form(value), sf_response({})))
    assert finding.code == "operation.name-missing"
    assert finding.message.endswith("its 'serviceCode' parameter is empty")
    assert finding.location.pointer == "request:/serviceCode"


def test_request_parameters_and_json_inside_form_fields(tmp_path: Path) -> None:
    bad_top = {**TOP_FORM, "page_no": "first", "status": "PAID"}
    bad_order = {**SF_ORDER, "cargoDetails": [{"count": 2}]}
    findings = verify(
        tmp_path,
        interaction(TOP_URL, bad_top, top_sold()),
        interaction(SF_URL, sf_form(msg=bad_order), sf_response({"orderId": "x",
                                                                 "waybillNoInfoList": []})),
        interaction(SF_URL, sf_form(msg="orderId=1&cargo=T"), sf_response(
            {"orderId": "x", "waybillNoInfoList": []})),
    )
    assert found(findings) == {
        ("field.wrong-type", "request:/page_no"),
        ("field.unknown-enum", "request:/status"),
        ("field.missing", "request:/msgData⟨json⟩/cargoDetails/0/name"),
        ("body.embedded-not-json", "request:/msgData"),
    }


def test_api_result_data_that_is_not_json(tmp_path: Path) -> None:
    body = {"apiErrorMsg": "", "apiResponseID": "1", "apiResultCode": "A1000",
            "apiResultData": "<html>busy</html>"}
    [finding] = verify(tmp_path, interaction(SF_URL, sf_form(), body))
    assert finding.code == "body.embedded-not-json"
    assert finding.location.pointer == "/apiResultData"
    assert finding.message == ("/apiResultData should hold a JSON document inside a string, "
                               "but its text is not JSON (Expecting value at column 1)")


def test_gbk_form_declared_utf8_is_a_finding_not_a_traceback(tmp_path: Path) -> None:
    from urllib.parse import quote

    item = interaction(SF_URL, sf_form(), sf_response({"orderId": "x", "waybillNoInfoList": []}))
    body = "&".join(f"{k}={quote(v.encode('gbk'))}" for k, v in sf_form().items())
    item["request"]["body"] = body
    [finding] = verify(tmp_path, item)
    assert finding.code == "body.undecodable"
    assert "charset" in finding.message


@pytest.mark.parametrize("service", ["EXP_RECE_SEARCH_ROUTE", "EXP_RECE_CREATE_ORDERS"])
def test_did_you_mean_among_sf_services(tmp_path: Path, service: str) -> None:
    [finding] = verify(tmp_path, interaction(SF_URL, sf_form(service), sf_response({})))
    assert finding.code == "operation.undocumented"
    assert finding.hint is not None
    assert "did you mean" in finding.hint


@pytest.mark.parametrize(("service", "meant"), [
    ("exp_rece_create_order", "EXP_RECE_CREATE_ORDER"),
    ("Exp_Rece_Search_Routes", "EXP_RECE_SEARCH_ROUTES"),
])
def test_a_name_in_other_letter_case_is_suggested(tmp_path: Path, service: str,
                                                   meant: str) -> None:
    [finding] = verify(tmp_path, interaction(SF_URL, sf_form(service), sf_response({})))
    assert finding.code == "operation.undocumented"
    assert finding.hint is not None
    assert finding.hint.startswith(f"did you mean {meant!r}")
    assert "case-sensitive" in finding.hint


def _signed_top(secret: str, **changes: str) -> dict[str, str]:
    from seamguard.wire.profile import resolve_profile
    from seamguard.wire.signing import sign

    signing = resolve_profile("taobao-top", None).signing
    assert signing is not None
    form = {**TOP_FORM, **changes}
    return {**form, "sign": sign(signing, form, secret)}


def test_signatures_are_checked_when_the_secret_is_set(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GW_TEST_TOP_SECRET", "helloworld")
    good = _signed_top("helloworld")
    tampered = {**good, "page_size": "100"}  # changed after signing
    other_secret = _signed_top("not-the-secret")
    unsigned = dict(TOP_FORM)
    findings = verify(tmp_path, *(interaction(TOP_URL, form, top_sold())
                                  for form in (good, tampered, other_secret, unsigned)))
    assert [(f.code, f.location.interaction) for f in findings] == [
        ("signature.invalid", 1), ("signature.invalid", 2), ("signature.missing", 3)]
    invalid = findings[0]
    assert invalid.location.pointer == "request:/sign"
    assert invalid.expected != invalid.actual
    assert len(str(invalid.expected)) == 9  # a prefix and an ellipsis, never the whole digest
    assert "helloworld" not in repr(findings)


def test_unset_secret_is_said_once_per_platform(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from seamguard.checks import RunContext
    from seamguard.verify import run_check

    monkeypatch.delenv("GW_TEST_TOP_SECRET", raising=False)
    root = gateway_project(tmp_path, {"calls": [
        interaction(TOP_URL, _signed_top("x"), top_sold()),
        interaction(TOP_URL, _signed_top("y"), top_sold())]})
    project = find_project(root, explicit=True)
    context = RunContext(project=project, catalog=ContractCatalog(project))
    findings = list(run_check(context))
    assert [(f.code, f.severity, f.location.platform, f.location.interaction)
            for f in findings] == [("signature.unchecked", Severity.INFO, "taobao", 0)]
    assert "$GW_TEST_TOP_SECRET is not set" in findings[0].message


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=8)),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.text(max_size=8), children, max_size=3)),
    max_leaves=10)
envelope_keys = st.sampled_from(["trades_sold_get_response", "error_response", "apiResultCode",
                                 "apiResultData", "apiErrorMsg", "errcode", "msgData"])
hostile_bodies = st.one_of(
    json_values,
    st.dictionaries(envelope_keys, st.one_of(json_values, json_values.map(json.dumps)),
                    max_size=4),
    st.text(max_size=30))
hostile_forms = st.dictionaries(
    st.sampled_from(["method", "serviceCode", "msgData", "sign", "msgDigest", "timestamp",
                     "page_no", "v", "sign_method"]),
    st.one_of(st.text(max_size=20), json_values.map(json.dumps)), max_size=6)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(url=st.sampled_from([TOP_URL, SF_URL]), form=hostile_forms, body=hostile_bodies)
def test_hostile_gateway_interactions_give_findings_never_exceptions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, form: dict[str, str],
        body: Any) -> None:
    monkeypatch.setenv("GW_TEST_TOP_SECRET", "helloworld")
    monkeypatch.setenv("GW_TEST_SF_CHECKWORD", "cw")
    item = interaction(url, form, body)
    if isinstance(body, str):  # a text body as it is, not JSON-encoded
        item["response"]["body"]["string"] = body
    for finding in verify(tmp_path, item):
        assert finding.code
        assert finding.location.interaction == 0


def test_error_rules_may_name_the_success_key() -> None:
    from seamguard.wire.envelope import Envelope
    from seamguard.wire.profile import resolve_profile

    envelope = Envelope(resolve_profile("jd", None).response)
    name = "jingdong.pop.order.search"
    ok = envelope.open({"jingdong_pop_order_search_responce": {"code": "0", "x": 1}}, name)
    assert ok.kind == "success"
    assert ok.prefix == "/jingdong_pop_order_search_responce"
    refused = envelope.open({"jingdong_pop_order_search_responce": {
        "code": "19", "zh_desc": "token已过期"}}, name)
    assert refused.kind == "error"
    assert refused.error is not None
    assert refused.error.code == "19"
    assert refused.error.at == "/jingdong_pop_order_search_responce/code"
    # Without an operation name the rule cannot be read, and the body is not a known envelope.
    assert envelope.open({"jingdong_pop_order_search_responce": {"code": "19"}}).kind == \
        "unknown"


def test_gbk_response_body_read_by_its_declared_charset(tmp_path: Path) -> None:
    created = sf_response({"orderId": "顺丰-1", "waybillNoInfoList": []})
    right = interaction(SF_URL, sf_form(), created, content_type="application/json;charset=GBK")
    wrong = interaction(SF_URL, sf_form(), created, content_type="application/json;charset=UTF-8")
    for item in (right, wrong):
        item["response"]["body"]["string"] = json.dumps(created, ensure_ascii=False).encode("gbk")
    findings = verify(tmp_path, right, wrong)
    assert [(f.code, f.location.interaction) for f in findings] == [("body.undecodable", 1)]
    assert "UTF-8" in findings[0].message.upper()


JD_CONTRACT = """
openapi: 3.1.0
info: {title: JOS order subset, version: "2.0"}
paths:
  /routerjson#jingdong.pop.order.search:
    post:
      operationId: jingdong.pop.order.search
      responses:
        '200':
          description: the unwrapped jingdong_pop_order_search_responce
          content:
            application/json:
              schema: {type: object, required: [code], properties: {code: {type: string}}}
"""


def test_jd_refusal_inside_the_success_key_is_one_finding(tmp_path: Path) -> None:
    # JOS refuses either in error_response or inside ..._responce with a code other than "0";
    # the second form is not a malformed error_response, so the error schema must accept it.
    settings = SETTINGS + ('\n[tool.seamguard.platforms.jd]\nprotocol = "jd"\n'
                           'base_url = "https://api.jd.com"\nversions = ["2.0"]\n')
    url = "https://api.jd.com/routerjson"
    query = {"method": "jingdong.pop.order.search", "app_key": "k", "v": "2.0",
             "timestamp": "2024-07-12 09:31:07", "360buy_param_json": "{}"}
    refusals = [
        {"jingdong_pop_order_search_responce": {"code": "67", "zh_desc": "平台连接后端服务不可用"}},
        {"error_response": {"code": "19", "zh_desc": "token已过期", "en_desc": "Invalid token"}},
        {"error_response": {"zh_desc": "没有code"}},
    ]
    root = gateway_project(tmp_path, {"calls": [
        interaction(url, None, body, query=query, method="GET") for body in refusals]}, settings)
    (root / "contracts" / "jd" / "2.0").mkdir(parents=True)
    (root / "contracts" / "jd" / "2.0" / "openapi.yaml").write_text(JD_CONTRACT, "utf-8")
    project = find_project(root, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = verifier.read(project.cassettes_dir / "calls.yaml")
    assert not isinstance(cassette, Finding)
    findings = [f for f in verifier.verify_cassette(cassette) if f.code != "signature.unchecked"]
    by_call = {(f.location.interaction, f.code, f.location.pointer) for f in findings}
    assert by_call == {
        (0, "response.in-band-error", "/jingdong_pop_order_search_responce/code"),
        (1, "response.in-band-error", "/error_response"),
        (2, "response.in-band-error", "/error_response"),
        (2, "field.missing", "/error_response/code"),
    }


def test_sf_calls_authorised_by_oauth_token_carry_no_digest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Fengqiao takes either a msgDigest or an OAuth2 accessToken; a call with the token and
    # no digest is authorised, a call with neither is not.
    monkeypatch.setenv("GW_TEST_SF_CHECKWORD", "checkword")
    created = sf_response({"orderId": "QIAO-20240710-1", "waybillNoInfoList": []})
    no_digest = {k: v for k, v in sf_form().items() if k != "msgDigest"}
    token = {**no_digest, "accessToken": "<redacted>"}
    findings = verify(tmp_path, interaction(SF_URL, token, created),
                      interaction(SF_URL, no_digest, created),
                      interaction(SF_URL, {**token, "accessToken": ""}, created))
    assert [(f.code, f.location.interaction) for f in findings] == [
        ("signature.missing", 1), ("signature.missing", 2)]


def test_pinduoduo_profile_knows_the_order_keys_its_rule_cannot_derive() -> None:
    # PDD answers pdd.order.information.get in order_info_get_response and the incremental
    # order-number list in order_sn_increment_get_response: platform facts, not project ones.
    from seamguard.wire.envelope import Envelope
    from seamguard.wire.profile import resolve_profile

    envelope = Envelope(resolve_profile("pinduoduo", None).response)
    for name, key in (("pdd.order.information.get", "order_info_get_response"),
                      ("pdd.order.number.list.increment.get", "order_sn_increment_get_response"),
                      ("pdd.goods.list.get", "goods_list_get_response")):
        opened = envelope.open({key: {"request_id": "1"}}, name)
        assert (opened.kind, opened.prefix) == ("success", f"/{key}")


def test_a_documented_code_covers_its_parameter_specific_sub_codes() -> None:
    # TOP's sub codes name the parameter after a colon (isv.invalid-parameter:start_modified);
    # an operation documenting isv.invalid-parameter expects every one of them.
    from seamguard.wire.envelope import InBandError

    family = frozenset({"isv.invalid-parameter"})
    one = frozenset({"isv.invalid-parameter:start_created"})
    assert InBandError(41, "isv.invalid-parameter:start_modified").matches(family)
    assert InBandError(41, "isv.invalid-parameter").matches(family)
    assert not InBandError(41, "isv.invalid-parameter:end_created").matches(one)
    assert InBandError(41, "isv.invalid-parameter:start_created").matches(one)
    assert not InBandError(41, "isv.invalid-parameters").matches(family)
    assert not InBandError(40, "isv.missing-parameter:fields").matches(family)


def test_a_bad_signature_the_platform_refused_is_one_finding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The gateway checks the signature before anything else: its refusal (TOP code 25, SF
    # A1006) is the consequence of the bad signature, named in that finding, not a second one.
    monkeypatch.setenv("GW_TEST_TOP_SECRET", "helloworld")
    monkeypatch.setenv("GW_TEST_SF_CHECKWORD", "checkword")
    refused = {"error_response": {"code": 25, "msg": "Invalid signature", "request_id": "9"}}
    missing = {"error_response": {"code": 24, "msg": "Missing signature", "request_id": "9"}}
    session = {"error_response": {"code": 27, "msg": "Invalid session", "request_id": "9"}}
    sf_refused = {"apiResultCode": "A1006", "apiErrorMsg": "数字签名无效",
                  "apiResponseID": "1", "apiResultData": None}
    findings = verify(tmp_path,
                      interaction(TOP_URL, _signed_top("not-the-secret"), refused),
                      interaction(TOP_URL, dict(TOP_FORM), missing),
                      interaction(TOP_URL, _signed_top("helloworld"), session),
                      interaction(SF_URL, sf_form(), sf_refused),
                      interaction(TOP_URL, _signed_top("not-the-secret"), top_sold()))
    assert [(f.code, f.location.interaction, f.location.pointer) for f in findings] == [
        ("signature.invalid", 0, "request:/sign"),
        ("signature.missing", 1, "request:/sign"),
        ("response.in-band-error", 2, "/error_response"),  # signed right: its own finding
        ("signature.invalid", 3, "request:/msgDigest"),
        ("signature.invalid", 4, "request:/sign")]
    assert findings[0].message.endswith(
        "; the platform refused the call: code 25: Invalid signature (at /error_response)")
    assert "code 24: Missing signature" in findings[1].message
    assert "code A1006: 数字签名无效 (at /apiResultCode)" in findings[3].message
    assert "refused" not in findings[4].message  # answered: nothing to fold


def test_a_utf8_form_labelled_gbk_is_a_charset_finding_not_a_bad_signature(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Read as GBK, UTF-8 text is garbled but decodes: only the signature, which holds over
    # the UTF-8 reading, tells the label is wrong.
    from urllib.parse import urlencode

    monkeypatch.setenv("GW_TEST_TOP_SECRET", "helloworld")
    form = _signed_top("helloworld", buyer_nick="淘宝买家")
    utf8 = interaction(TOP_URL, None, top_sold())
    utf8["request"]["body"] = urlencode(form).encode("ascii")
    utf8["request"]["headers"] = {
        "Content-Type": ["application/x-www-form-urlencoded;charset=GBK"]}
    gbk = interaction(TOP_URL, None, top_sold())
    gbk["request"]["body"] = urlencode(form, encoding="gbk").encode("ascii")
    gbk["request"]["headers"] = utf8["request"]["headers"]
    wrong = interaction(TOP_URL, None, top_sold())
    wrong["request"]["body"] = urlencode({**form, "sign": "0" * 32}).encode("ascii")
    wrong["request"]["headers"] = utf8["request"]["headers"]
    findings = [f for f in verify(tmp_path, utf8, gbk, wrong) if f.code != "field.undeclared"]
    assert [(f.code, f.location.interaction, f.location.pointer) for f in findings] == [
        ("body.undecodable", 0, None), ("signature.invalid", 2, "request:/sign")]
    assert findings[0].message.startswith("the request declares charset GBK, but its text is "
                                          "UTF-8")


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_a_trailing_slash_on_the_gateway_path_is_the_gateway(tmp_path: Path,
                                                              method: str) -> None:
    # /router/rest/ is the same endpoint as /router/rest: routed by the operation parameter,
    # its findings naming the documented path.
    form, query = (TOP_FORM, None) if method == "POST" else (None, TOP_FORM)
    assert verify(tmp_path, interaction(TOP_URL + "/", form, top_sold(top_trade()),
                                        query=query, method=method)) == []
    [finding] = verify(tmp_path, interaction(TOP_URL + "/", form, top_sold(
        top_trade(payment=199)), query=query, method=method))
    assert finding.code == "field.wrong-type"
    assert finding.location.operation == "POST /router/rest#taobao.trades.sold.get"  # alike
    # an SF call at /std/service/ too
    assert verify(tmp_path, interaction(SF_URL + "/", sf_form(), sf_response(
        {"orderId": "QIAO-20240710-1",
         "waybillNoInfoList": [{"waybillType": 1, "waybillNo": "SF1234567890123"}]}))) == []


def _gbk(item: dict[str, Any], body: Any) -> dict[str, Any]:
    item["response"]["body"]["string"] = json.dumps(body, ensure_ascii=False).encode("gbk")
    return item


def test_a_gbk_answer_without_a_charset_is_said_and_still_checked(tmp_path: Path) -> None:
    clean = _gbk(interaction(TOP_URL, TOP_FORM, None, content_type="application/json"),
                 top_sold(top_trade(receiver_state="浙江省")))
    # (receiver_state: a Chinese value, not in the test contract)
    [said] = [f for f in verify(tmp_path, clean) if f.code != "field.undeclared"]
    assert (said.code, said.severity, said.actual) == (
        "body.charset-undeclared", Severity.WARNING, "GBK")
    assert "RFC 8259" in said.message
    assert said.hint
    broken = _gbk(interaction(TOP_URL, TOP_FORM, None, content_type="application/json"),
                  top_sold(top_trade(payment=199, receiver_state="浙江省")))
    assert found(verify(tmp_path, broken)) >= {
        ("body.charset-undeclared", None),
        ("field.wrong-type", "/trades_sold_get_response/trades/trade/0/payment")}
    # declared, it is clean; UTF-8 without a charset is JSON as the standard says
    declared = _gbk(interaction(TOP_URL, TOP_FORM, None,
                                content_type="application/json;charset=GBK"),
                    top_sold(top_trade(receiver_state="浙江省")))
    plain = interaction(TOP_URL, TOP_FORM, top_sold(top_trade(receiver_state="浙江省")),
                        content_type="application/json")
    assert {f.code for f in verify(tmp_path, declared, plain)} == {"field.undeclared"}


def test_read_body_names_the_charset_an_undeclared_body_was_found_in() -> None:
    from seamguard.recordings.bodies import read_body

    text = '{"title": "麦包包"}'
    assert read_body(text.encode("gbk"), {}, 1000) == (text, None, "GBK")
    assert read_body(text.encode("gb18030"), {"content-type": "application/json;charset=gbk"},
                     1000) == (text, None, None)
    assert read_body(text.encode("utf-8"), {}, 1000) == (text, None, None)
    tw = '{"title": "麥包包"}'
    assert read_body(tw.encode("big5"), {}, 1000)[2] == "BIG5"


def test_an_xml_body_not_in_the_encoding_its_declaration_names_is_undecodable() -> None:
    from seamguard.recordings.bodies import read_body

    xml = "<refund_get_response><title>白瓷茶杯</title></refund_get_response>"
    headers = {"content-type": "text/xml"}
    # GBK bytes under a declaration naming UTF-8: declared wrongly, not undeclared
    text, problem, found = read_body(
        ('<?xml version="1.0" encoding="utf-8" ?>' + xml).encode("gbk"), headers, 1000)
    assert text is None
    assert found is None
    assert problem is not None
    assert "UTF-8" in problem
    assert "XML declaration" in problem
    # declared GBK it reads; with no declaration it is GBK found, and said
    declared = '<?xml version="1.0" encoding="GBK"?>' + xml
    assert read_body(declared.encode("gbk"), headers, 1000) == (declared, None, None)
    assert read_body(xml.encode("gbk"), headers, 1000) == (xml, None, "GBK")


@pytest.mark.parametrize("label", ["GBK", "gb2312", "Big5", "Shift_JIS"])
def test_utf8_text_under_a_cjk_label_is_undecodable_not_garbled(label: str) -> None:
    from seamguard.recordings.bodies import read_body

    text = '{"title": "白瓷茶杯", "remark": "已签收"}'
    headers = {"content-type": f"application/json;charset={label}"}
    read, problem, found = read_body(text.encode("utf-8"), headers, 1000)
    assert read is None
    assert found is None
    assert problem == (f"body is UTF-8 text labelled charset={label.upper()}: read as "
                       f"{label.upper()} it is garbled")
    # ASCII is the same in both; text really in the labelled charset reads
    assert read_body(b'{"a": 1}', headers, 1000) == ('{"a": 1}', None, None)
    if label.lower() in ("gbk", "gb2312"):
        assert read_body(text.encode("gbk"), headers, 1000) == (text, None, None)
