"""Calls in the shapes the gateways' public documentation and SDK samples show, recorded into a
copy of the example project and checked by ``seamguard verify`` with the test secrets: each
shape gives exactly the findings it should (code and pointer), and nothing else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.wire.signing import sign
from tests.support.projects import copy_example
from tests.support.record_gateways import SECRET_ENV, secret_of, settings

GATEWAY = {"taobao": "https://eco.taobao.com/router/rest", "jd": "https://api.jd.com/routerjson",
           "pinduoduo": "https://gw-api.pinduoduo.com/api/router",
           "sf-fengqiao": "https://bspgw.sf-express.com/std/service"}
TOP = {"app_key": "12345678", "format": "json", "v": "2.0", "sign_method": "md5",
       "timestamp": "2024-07-12 09:31:07", "session": "<redacted>"}
JOS = {"app_key": "4C1E7B0A9D3F4E2A8B6C5D7E9F0A1B2C", "access_token": "<redacted>", "v": "2.0",
       "timestamp": "2024-07-12 11:30:07"}
SIMPLE = {"simplify": "true"}
ORDER = {"oid": 3845120936412539, "status": "TRADE_FINISHED", "payment": "399.00",
         "refund_status": "NO_REFUND"}
PROMOTION = {"id": 3845120936412539, "promotion_name": "满199减10", "discount_fee": "10.00",
             "promotion_id": "mjs-27810292_1180731", "promotion_desc": "满199减10:省10.00元",
             "gift_item_name": ""}
TRADE = {"tid": 3845120936412538, "tid_str": "3845120936412538", "status": "TRADE_FINISHED",
         "payment": "715.00", "modified": "2024-07-12 09:05:33"}


def _call(platform: str, params: dict[str, str], body: Any, *, signed: bool = True,
          query: bool = False, as_json: bool = False) -> dict[str, Any]:
    params = dict(params)
    if signed:
        signing = settings(platform).wire.signing
        assert signing is not None
        params[signing.signature.name] = sign(signing, params, secret_of(platform))
    request: dict[str, Any] = {"method": "GET" if query else "POST", "uri": GATEWAY[platform],
                               "headers": {}, "body": None}
    if query:
        request["uri"] += "?" + urlencode(params)
    elif as_json:
        request["body"] = json.dumps(params)
        request["headers"] = {"content-type": ["application/json;charset=UTF-8"]}
    else:
        request["body"] = urlencode(params)
        request["headers"] = {"content-type": ["application/x-www-form-urlencoded;charset=UTF-8"]}
    return {"request": request,
            "response": {"status": {"code": 200, "message": "OK"},
                         "headers": {"content-type": ["application/json;charset=UTF-8"]},
                         "body": {"string": json.dumps(body, ensure_ascii=False)}}}


def _top(params: dict[str, str], body: Any, **how: Any) -> dict[str, Any]:
    return _call("taobao", {**TOP, "method": "taobao.trade.fullinfo.get", "fields": "tid",
                            "tid": "3845120936412538", **params}, body, **how)


def _jos(method: str, business: dict[str, Any], body: Any) -> dict[str, Any]:
    return _call("jd", {**JOS, "method": method, "360buy_param_json": json.dumps(business)},
                 body, query=True)


PDD = {"client_id": "9c3f3f1d0b5e4f0c8d9a", "access_token": "<redacted>",
       "timestamp": "1720747867", "data_type": "JSON",
       "type": "pdd.order.number.list.increment.get",
       "start_updated_at": "1720745000", "end_updated_at": "1720746800", "is_lucky_flag": "0",
       "order_status": "5", "refund_status": "5", "page": "1", "page_size": "100",
       "use_has_next": "true"}
EMPTY_PAGE = {"order_sn_increment_get_response": {"total_count": 0, "has_next": False,
                                                  "order_sn_list": [], "request_id": "r3"}}
SEARCH = {"start_date": "2024-07-12 00:00:00", "end_date": "2024-07-12 23:59:59",
          "optional_fields": "orderId", "page": "1", "page_size": "20"}


SF = {"partnerID": "SEAMGUARD_DEMO", "requestID": "0b8e4f1c-3d2a-11ef-9c41-5e2f0a6b7c8d",
      "serviceCode": "EXP_RECE_SEARCH_ROUTES", "timestamp": "1720747927000",
      "msgData": json.dumps({"language": "0", "trackingType": "1",
                             "trackingNumber": ["SF1462053916511"], "methodType": "1"})}
def _jd_text(params: dict[str, str]) -> str:
    return "".join(name + params[name] for name in sorted(params) if params[name])


def _jd_hmac(params: dict[str, str], digest: str) -> dict[str, str]:
    """The parameters with the sign JD's Java SDK makes for an HMAC sign_method."""
    import hashlib
    import hmac

    mac = hmac.new(secret_of("jd").encode(), _jd_text(params).encode(), getattr(hashlib, digest))
    return {**params, "sign": mac.hexdigest().upper()}


def _jd_md5(params: dict[str, str]) -> str:
    import hashlib

    secret = secret_of("jd")
    return hashlib.md5((secret + _jd_text(params) + secret).encode()).hexdigest().upper()


def _node_digest(params: dict[str, str]) -> str:
    """msgDigest as SF's Node.js sample makes it: encodeURIComponent, MD5, Base64."""
    import base64
    import hashlib
    from urllib.parse import quote

    text = quote(params["msgData"] + params["timestamp"] + secret_of("sf-fengqiao"),
                 safe="!'()*-._~")
    return base64.b64encode(hashlib.md5(text.encode()).digest()).decode()


SF_ROUTES: dict[str, Any] = {"apiErrorMsg": "", "apiResponseID": "000190A1B2C3D4E5",
                             "apiResultCode": "A1000",
             "apiResultData": json.dumps({"success": True, "errorCode": "S0000",
                                          "errorMsg": None, "msgData": {"routeResps": [
                                              {"mailNo": "SF1462053916511", "routes": []}]}})}
# an order id with a space, brackets and a star: the URL encodings differ on these
SF_CANCEL = {**SF, "serviceCode": "EXP_RECE_UPDATE_ORDER",
             "msgData": json.dumps({"orderId": "HS 1982 (A)*~", "dealType": 2})}
SF_CANCELLED = {**SF_ROUTES, "apiResultData": json.dumps({
    "success": True, "errorCode": "S0000", "errorMsg": None,
    "msgData": {"orderId": "HS 1982 (A)*~", "resStatus": 2}})}
JD_EMPTY = {"jingdong_pop_order_search_responce": {"code": "0", "searchorderinfo_result": {
    "apiResult": {"success": True, "englishErrCode": "success", "chineseErrCode": "成功",
                  "numberCode": 10100000}, "orderTotal": 0, "orderInfoList": []}}}


def _verdict(success: bool, number: int, chinese: str, english: str) -> dict[str, Any]:
    return {"success": success, "englishErrCode": english, "chineseErrCode": chinese,
            "numberCode": number}


# (id, interaction, [(code, pointer, words in the message)])
SHAPES: list[tuple[str, dict[str, Any], list[tuple[str, str | None, tuple[str, ...]]]]] = [
    ("top-success", _top({}, {"trade_fullinfo_get_response": {"trade": TRADE}}), []),
    ("top-fullinfo-with-promotions", _top({}, {"trade_fullinfo_get_response": {"trade": {
        **TRADE, "orders": {"order": [ORDER]},
        "promotion_details": {"promotion_detail": [PROMOTION]}}}}), []),
    ("top-promotion-discount-as-a-number", _top({}, {"trade_fullinfo_get_response": {"trade": {
        **TRADE, "promotion_details": {"promotion_detail": [{**PROMOTION, "discount_fee": 10}]}}}}),
     [("field.wrong-type",
       "/trade_fullinfo_get_response/trade/promotion_details/promotion_detail/0/discount_fee",
       ("string",))]),
    ("top-hmac", _top({"sign_method": "hmac"},
                      {"trade_fullinfo_get_response": {"trade": TRADE}}), []),
    ("top-hmac-sha256", _top({"sign_method": "hmac-sha256"},
                             {"trade_fullinfo_get_response": {"trade": TRADE}}), []),
    ("top-v1.0-against-2.0", _top({"v": "1.0"}, {"trade_fullinfo_get_response": {"trade": TRADE}}),
     [("interaction.unknown-version", "request:/v", ("1.0", "2.0"))]),
    ("top-unsigned", _top({}, {"trade_fullinfo_get_response": {"trade": TRADE}}, signed=False),
     [("signature.missing", "request:/sign", ("'sign'",))]),
    ("top-unknown-sign_method",
     _top({"sign_method": "sha1", "sign": "0" * 32},
          {"trade_fullinfo_get_response": {"trade": TRADE}}, signed=False),
     [("signature.invalid", "request:/sign_method", ("sha1",))]),
    # an empty page: without the list, with an empty one, or the wrapper alone
    *[(f"top-empty-page-{name}", _call("taobao", {
        **TOP, "method": "taobao.trades.sold.increment.get", "fields": "tid",
        "start_modified": "2024-07-12 09:00:00", "end_modified": "2024-07-12 09:30:00"},
        {"trades_sold_increment_get_response": {"total_results": 0, **page}}), [])
      for name, page in (("absent", {}), ("empty-list", {"trades": {"trade": []}}),
                         ("bare-wrapper", {"trades": {}}))],
    ("top-empty-refund-page", _call("taobao", {
        **TOP, "method": "taobao.refunds.receive.get", "fields": "refund_id"},
        {"refunds_receive_get_response": {"total_results": 0, "refunds": {}}}), []),
    ("top-page-with-a-trade-as-an-object", _call("taobao", {
        **TOP, "method": "taobao.trades.sold.get", "fields": "tid"},
        {"trades_sold_get_response": {"total_results": 1, "trades": {"trade": TRADE}}}),
     [("field.wrong-type", "/trades_sold_get_response/trades/trade", ("array",))]),
    # TOP's own Python SDK sends the time as Unix milliseconds
    ("top-timestamp-in-millis",
     _top({"timestamp": "1720747867000"}, {"trade_fullinfo_get_response": {"trade": TRADE}}), []),
    ("top-timestamp-in-seconds",
     _top({"timestamp": "1720747867"}, {"trade_fullinfo_get_response": {"trade": TRADE}}),
     [("field.wrong-format", "request:/timestamp", ("yyyy-MM-dd HH:mm:ss or epoch-millis",))]),
    ("top-timestamp-iso", _top({"timestamp": "2024-07-12T09:31:07+08:00"},
                               {"trade_fullinfo_get_response": {"trade": TRADE}}),
     [("field.wrong-format", "request:/timestamp", ("2024-07-12T09:31:07+08:00",))]),
    ("top-error-without-sub_code",
     _top({}, {"error_response": {"code": 25, "msg": "Invalid signature", "request_id": "z1"}}),
     [("response.in-band-error", "/error_response", ("25", "Invalid signature"))]),
    # simplify=true: no `…_response` key, lists as bare arrays, errors at the top level
    ("top-simplified", _top(SIMPLE, {"trade": {**TRADE, "orders": [ORDER]}, "request_id": "r1"}),
     []),
    ("top-simplified-wrong-types", _top(SIMPLE, {"trade": {
        **TRADE, "payment": 715, "orders": [ORDER, {**ORDER, "oid": "3845120936412540"}]}}),
     [("field.wrong-type", "/trade/orders/1/oid", ("integer",)),
      ("field.wrong-type", "/trade/payment", ("string",))]),
    ("top-simplified-list", _call("taobao", {
        **TOP, **SIMPLE, "method": "taobao.trades.sold.get", "fields": "tid,orders"}, {
        "total_results": 1, "trades": [{**TRADE, "orders": [{**ORDER, "payment": 399}]}]}),
     [("field.wrong-type", "/trades/0/orders/0/payment", ("string",))]),
    ("top-simplified-error", _top(SIMPLE, {"code": 27, "msg": "Invalid session",
                                           "request_id": "r2"}),
     [("response.in-band-error", "/code", ("27", "Invalid session"))]),
    ("top-simplified-documented-error", _top(SIMPLE, {
        "code": 15, "msg": "Remote service error", "sub_code": "isv.trade-not-exist",
        "sub_msg": "交易不存在"}), []),
    # the other format than the one asked for: said, with both formats named
    ("top-simplify-asked-usual-answer", _top(SIMPLE, {"trade_fullinfo_get_response": {
        "trade": TRADE}}),
     [("response.unexpected-format", "/trade_fullinfo_get_response",
       ("simplify=true", "usual one", "a payload at /"))]),
    ("top-simplified-answer-not-asked", _top({}, {"trade": {**TRADE, "orders": [ORDER]}}),
     [("response.unexpected-format", None,
       ("simplify=true", "does not ask", "/trade_fullinfo_get_response"))]),
    ("top-simplified-error-not-asked", _top({}, {"code": 27, "msg": "Invalid session"}),
     [("response.unexpected-format", None, ("simplify=true",)),
      ("response.in-band-error", "/code", ("27", "Invalid session"))]),
    ("pdd-form", _call("pinduoduo", PDD, EMPTY_PAGE), []),
    ("pdd-json-body", _call("pinduoduo", PDD, EMPTY_PAGE, as_json=True), []),
    ("pdd-json-body-page-too-large", _call("pinduoduo", {**PDD, "page_size": "500"},
                                           EMPTY_PAGE, as_json=True),
     [("field.out-of-range", "request:/page_size", ())]),
    ("pdd-json-body-bad-sign", _call("pinduoduo", {**PDD, "sign": "0" * 32}, EMPTY_PAGE,
                                     signed=False, as_json=True),
     [("signature.invalid", "request:/sign", ("00000000",))]),
    ("pdd-json-body-unknown-type", _call("pinduoduo", {**PDD, "type": "pdd.order.number.list.get"},
                                         EMPTY_PAGE, as_json=True),
     [("operation.undocumented", "request:/type", ("pdd.order.number.list.get",))]),
    ("jd-success", _jos("jingdong.pop.order.search", SEARCH, {
        "jingdong_pop_order_search_responce": {"code": "0", "searchorderinfo_result": {
            "apiResult": _verdict(True, 10100000, "成功", "success"), "orderTotal": 0,
            "orderInfoList": []}}}), []),
    ("jd-search-apiResult-false", _jos("jingdong.pop.order.search", SEARCH, {
        "jingdong_pop_order_search_responce": {"code": "0", "searchorderinfo_result": {
            "apiResult": _verdict(False, 10400001, "参数错误", "param error"),
            "orderTotal": 0}}}),
     [("response.in-band-error",
       "/jingdong_pop_order_search_responce/searchorderinfo_result/apiResult/success",
       ("10400001", "参数错误", "param error"))]),
    ("jd-get-apiResult-false", _jos("jingdong.pop.order.get", {"order_id": "295183620147"}, {
        "jingdong_pop_order_get_responce": {"code": "0", "orderDetailInfo": {
            "apiResult": _verdict(False, 10100022, "订单不存在", "order not exist")}}}),
     [("response.in-band-error",
       "/jingdong_pop_order_get_responce/orderDetailInfo/apiResult/success",
       ("10100022", "订单不存在"))]),
    ("jd-code-as-a-number", _jos("jingdong.pop.order.search", SEARCH, {
        "jingdong_pop_order_search_responce": {"code": 0, "searchorderinfo_result": {
            "apiResult": _verdict(True, 10100000, "成功", "success"), "orderTotal": 0}}}),
     [("field.wrong-type", "/jingdong_pop_order_search_responce/code", ("string",))]),
    # JD's Python SDK posts a form and writes the time with milliseconds and the offset
    ("jd-python-sdk-time-stamp", _call("jd", {
        **JOS, "timestamp": "2024-07-12 11:30:07.000+0800", "method": "jingdong.pop.order.search",
        "360buy_param_json": json.dumps(SEARCH)}, JD_EMPTY), []),
    ("jd-time-stamp-without-offset", _call("jd", {
        **JOS, "timestamp": "2024-07-12 11:30:07.000", "method": "jingdong.pop.order.search",
        "360buy_param_json": json.dumps(SEARCH)}, JD_EMPTY),
     [("field.wrong-format", "request:/timestamp", ("yyyy-MM-dd HH:mm:ss.SSSSSSZ",))]),
    # JD's Java SDK: sign_method hmacsha256 / hmacmd5 (any letter case) is an HMAC keyed on
    # the secret over the sorted parameters
    *[(f"jd-{method}", _call("jd", _jd_hmac({
        **JOS, "method": "jingdong.pop.order.search", "sign_method": method,
        "360buy_param_json": json.dumps(SEARCH)}, digest), JD_EMPTY, signed=False), [])
      for method, digest in (("hmacsha256", "sha256"), ("HmacMD5", "md5"))],
    ("jd-java-sdk-system-parameters", _call("jd", {
        **JOS, "method": "jingdong.pop.order.search", "jos_result_fuzz": "true",
        "360buy_param_json": json.dumps(SEARCH)}, JD_EMPTY), []),
    ("jd-hmac-named-but-md5-signed", _call("jd", {
        **JOS, "method": "jingdong.pop.order.search", "sign_method": "hmacsha256",
        "360buy_param_json": json.dumps(SEARCH), "sign": _jd_md5({
            **JOS, "method": "jingdong.pop.order.search", "sign_method": "hmacsha256",
            "360buy_param_json": json.dumps(SEARCH)})}, JD_EMPTY, signed=False),
     [("signature.invalid", "request:/sign", ("hmac-sha256",))]),
    # SF documents Unix milliseconds; its own Python SDK sample sends (and signs) seconds
    ("sf-python-sample-seconds", _call("sf-fengqiao", {**SF, "timestamp": "1720747927"},
                                       SF_ROUTES), []),
    ("sf-millis", _call("sf-fengqiao", SF, SF_ROUTES), []),
    # SF's Node.js sample URL-encodes with encodeURIComponent (a space as %20, "(" kept)
    ("sf-node-sample-digest", _call("sf-fengqiao", {
        **SF_CANCEL, "msgDigest": _node_digest(SF_CANCEL)}, SF_CANCELLED, signed=False), []),
    ("sf-java-digest", _call("sf-fengqiao", SF_CANCEL, SF_CANCELLED), []),
    ("sf-digest-of-other-data", _call("sf-fengqiao", {**SF_CANCEL, "msgDigest": _node_digest(
        {**SF_CANCEL, "timestamp": "1720747927001"})}, SF_CANCELLED, signed=False),
     [("signature.invalid", "request:/msgDigest", ())]),
    ("jd-refusal-in-responce", _jos("jingdong.pop.order.search", SEARCH, {
        "jingdong_pop_order_search_responce": {"code": "66", "zh_desc": "参数错误",
                                               "en_desc": "param error"}}),
     [("response.in-band-error", "/jingdong_pop_order_search_responce/code", ("66",))]),
]


@pytest.fixture(scope="module")
def verified(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    root = copy_example(tmp_path_factory.mktemp("shapes") / "example")
    folder = root / "fixtures" / "cassettes" / "doc-shapes"
    folder.mkdir()
    (folder / "calls.yaml").write_text(yaml.safe_dump(
        {"interactions": [shape[1] for shape in SHAPES], "version": 1}, allow_unicode=True,
        sort_keys=False), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        for name, secret in SECRET_ENV.items():
            patch.setenv(name, secret)
        result = CliRunner().invoke(app, ["verify", "--project", str(root), "--format", "json"])
    return [f for f in json.loads(result.output)["findings"]
            if f["location"].get("file") == "fixtures/cassettes/doc-shapes/calls.yaml"]


@pytest.mark.parametrize(("index", "expected"),
                         [pytest.param(i, s[2], id=s[0]) for i, s in enumerate(SHAPES)])
def test_a_documented_shape_gets_exactly_its_findings(
    verified: list[dict[str, Any]], index: int,
    expected: list[tuple[str, str | None, tuple[str, ...]]],
) -> None:
    here = [f for f in verified if f["location"]["interaction"] == index
            and f["severity"] != "info"]
    assert [(f["code"], f["location"].get("pointer")) for f in here] == [
        (code, pointer) for code, pointer, _ in expected]
    for finding, (_, _, words) in zip(here, expected, strict=True):
        for word in words:
            assert word in finding["message"], (word, finding["message"])


def test_the_apiResult_refusal_is_documented_like_any_other_code(tmp_path: Path) -> None:
    """A JD business refusal is an in-band error the contract can list as expected."""
    from seamguard.project import find_project
    from seamguard.wire.envelope import Envelope
    from seamguard.wire.pointers import MISSING

    root = copy_example(tmp_path / "example")
    wire = find_project(root, explicit=True).settings.platforms["jd"].wire
    body = {"jingdong_pop_order_get_responce": {"code": "0", "orderDetailInfo": {
        "apiResult": _verdict(False, 10100022, "订单不存在", "order not exist")}}}
    opened = Envelope(wire.response).open(body, "jingdong.pop.order.get")
    assert opened.kind == "error"
    assert opened.error is not None
    assert opened.error.matches(frozenset({"10100022"}))
    # the fast path agrees: an error body has no success payload
    assert Envelope(wire.response).payload_of("jingdong.pop.order.get")(body) is MISSING


def test_a_simplified_answer_is_profiled_in_the_shape_the_contract_describes(
    tmp_path: Path,
) -> None:
    """Drift and recorded mappings read the trades of a simplify=true page at
    /trades/trade/*, as in the usual format."""
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.findings import Finding
    from seamguard.project import find_project
    from seamguard.verify import RecordedVerifier

    root = copy_example(tmp_path / "example")
    path = root / "fixtures" / "cassettes" / "simplified.yaml"
    trades = [{**TRADE, "orders": [ORDER]}]
    path.write_text(yaml.safe_dump({"version": 1, "interactions": [_call("taobao", {
        **TOP, **SIMPLE, "method": "taobao.trades.sold.get", "fields": "tid,orders"},
        {"total_results": 1, "trades": trades})]}, allow_unicode=True), encoding="utf-8")
    project = find_project(root, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = verifier.read(path)
    assert not isinstance(cassette, Finding)
    [(_, _, label, _, payload)] = list(verifier.payloads(cassette))
    assert label.endswith("taobao.trades.sold.get 200")
    assert payload == {"total_results": 1, "trades": {"trade": [
        {**TRADE, "orders": {"order": [ORDER]}}]}}
