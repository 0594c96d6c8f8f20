"""Gateway calls and pushes of platforms and operations no other corpus here covers
(``gateway_fresh2_project``: TOP logistics traces and TMC refund messages, JD order detail,
Pinduoduo logistics companies and order status, SF order cancel, Xiaohongshu's ark gateway,
WeChat Shop orders, Meituan delivery's signed form calls, Jiandaoyun data pushes), set up
through project settings only, each clean or with one planted defect of a kind: a wrong
type inside embedded JSON, an in-band error, a bad signature, an unknown operation or
topic, an envelope matching neither success nor error, a wrong or undeclared charset.
Every call is signed by the platform's documented recipe, written here independently of
seamguard's signing code; expectations (code, pointer, severity) were written before
running.

    python -m tests.support.gateway_fresh2 --round-trip   # also each case through the CLI
    python -m tests.support.gateway_fresh2     # prints the score and every difference
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlencode

from seamguard.contracts.catalog import ContractCatalog
from seamguard.project import find_project
from seamguard.recordings.cassettes import Cassette, Interaction
from seamguard.verify import RecordedVerifier
from tests.support.gateway_fresh2_project import ENV, HOOKS, SECRETS, write
from tests.support.gateway_roundtrip import report, round_trip
from tests.support.gateway_server import xml_answer

E, W, INFO = "error", "warning", "info"
Found = list[tuple[str, str | None, str]]  # (code, pointer, severity)
JSON_TYPE = "application/json;charset=UTF-8"
FORM = "application/x-www-form-urlencoded;charset=UTF-8"
XML_TYPE = "text/xml;charset=UTF-8"
BOM = "\ufeff"


@dataclass
class F2Case:
    name: str
    platform: str
    url: str
    body: bytes | str | None
    answer: Any
    expected: Found
    request_type: str | None = FORM
    headers: dict[str, str] = field(default_factory=dict)
    method: str = "POST"
    answer_type: str = JSON_TYPE

    def interaction(self, index: int) -> Interaction:
        headers = {"content-type": self.request_type} if self.body is not None and \
            self.request_type else {}
        headers.update({k.lower(): v for k, v in self.headers.items()})
        answer = self.answer if isinstance(self.answer, str | bytes) else json.dumps(
            self.answer, ensure_ascii=False)
        return Interaction(index, self.method, self.url, headers, self.body, 200,
                           {"content-type": self.answer_type}, answer)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _wrapped_md5(params: dict[str, str], secret: str) -> str:
    """TOP, JD and Pinduoduo: MD5 of secret + sorted name+value pairs + secret, upper hex."""
    text = "".join(k + v for k, v in sorted(params.items()) if k != "sign" and v != "")
    return hashlib.md5((secret + text + secret).encode("utf-8")).hexdigest().upper()


def _signed_form(params: dict[str, str], secret: str) -> dict[str, str]:
    return {**params, "sign": _wrapped_md5(params, secret)}


# --- Taobao TOP: logistics traces and TMC refund messages ----------------------------------------

TOP = "https://eco.taobao.com/router/rest"
TID = 4012398765432109876
TRACE = "/logistics_trace_search_response"


def _top(method: str, business: dict[str, str], **more: str) -> dict[str, str]:
    params = {"method": method, "app_key": "23456789", "session": "<redacted>",
              "timestamp": "2024-09-03 14:20:05", "format": "json", "v": "2.0",
              "sign_method": "md5", **business, **more}
    return _signed_form(params, SECRETS["tb"])


def _trace(**changes: Any) -> dict[str, Any]:
    steps = [{"status_time": "2024-09-02 18:31:07", "status_desc": "卖家已发货",
              "action": "CONSIGN"},
             {"status_time": "2024-09-03 09:02:44", "status_desc": "快件已到达杭州转运中心",
              "action": "TMS_ARRIVE"}]
    body = {"out_sid": "YT7501234567890", "company_name": "圆通速递", "tid": TID,
            "status": "在途中", "trace_list": {"transit_step_info": steps},
            "request_id": "z2b9m1k3", **changes}
    return {"logistics_trace_search_response": body}


def _tmc(topic: str, content: Any) -> str:
    text = content if isinstance(content, str) else _dumps(content)
    return _dumps({"id": 7120000123, "topic": topic, "pub_app_key": "12497914",
                   "pub_time": "2024-09-03 14:22:10", "user_id": 2206819847,
                   "user_nick": "演示旗舰店", "outgoing_id": 6100000321, "content": text})


def _refund(**changes: Any) -> dict[str, Any]:
    return {"refund_id": 150039817265043, "tid": TID, "oid": TID + 1, "refund_fee": "59.90",
            "refund_phase": "aftersale", "bill_type": "return_bill", "buyer_nick": "t**9",
            "seller_nick": "演示旗舰店", "modified": "2024-09-03 14:22:09", **changes}


def taobao_cases() -> Iterator[F2Case]:
    ask = {"tid": str(TID), "seller_nick": "演示旗舰店"}
    call = _top("taobao.logistics.trace.search", ask)

    def trace(name: str, answer: Any, expected: Found, params: dict[str, str] = call,
              **more: Any) -> F2Case:
        return F2Case(name, "tb", TOP, more.pop("body", urlencode(params)), answer, expected,
                      **more)

    yield trace("tb-trace-clean", _trace(), [])
    wrong = _trace()
    wrong[TRACE[1:]]["trace_list"]["transit_step_info"][1]["status_time"] = 1725325364
    yield trace("tb-trace-status-time-as-epoch", wrong,
                [("field.wrong-type", f"{TRACE}/trace_list/transit_step_info/1/status_time", E)])
    yield trace("tb-trace-tid-as-text", _trace(), [("field.wrong-type", "request:/tid", E)],
                _top("taobao.logistics.trace.search", {"tid": "E" + str(TID)}))
    yield trace("tb-trace-in-band-error", {"error_response": {
        "code": 15, "msg": "Remote service error", "sub_code": "isv.logistics-trace-not-exist",
        "sub_msg": "物流信息不存在", "request_id": "z2b9m1k4"}},
                [("response.in-band-error", "/error_response", E)])
    yield trace("tb-trace-bad-signature", _trace(), [("signature.invalid", "request:/sign", E)],
                {**call, "sign": "0" * 32})
    yield trace("tb-trace-unknown-method", _trace(),
                [("operation.undocumented", "request:/method", E)],
                _top("taobao.logistics.trace.serch", ask))
    yield trace("tb-trace-unknown-envelope", {"logistics_trace_get_response": _trace()[
        TRACE[1:]]}, [("response.unknown-envelope", TRACE, E)])
    yield trace("tb-trace-gbk-form-no-charset", _trace(), [("body.charset-undeclared", None, W)],
                body=urlencode(call, encoding="gbk").encode("ascii"),
                request_type="application/x-www-form-urlencoded")
    yield trace("tb-trace-utf8-form-labelled-gbk", _trace(), [("body.undecodable", None, E)],
                body=urlencode(call).encode("ascii"),
                request_type="application/x-www-form-urlencoded;charset=GBK")

    # TOP's older SDKs send GET calls percent-encoded in the charset they name.
    gbk = {"content-type": "application/x-www-form-urlencoded;charset=GBK"}
    yield F2Case("tb-trace-gbk-get-declared", "tb", TOP + "?" + urlencode(call, encoding="gbk"),
                 None, _trace(), [], headers=gbk, method="GET")
    yield F2Case("tb-trace-utf8-get-declared-gbk", "tb", TOP + "?" + urlencode(call), None,
                 _trace(), [("body.undecodable", None, E)], headers=gbk, method="GET")
    xml = _top("taobao.logistics.trace.search", ask, format="xml")
    yield trace("tb-trace-xml-clean", xml_answer(_trace()), [], xml, answer_type=XML_TYPE)
    yield trace("tb-trace-xml-unknown-envelope", xml_answer({
        "logistics_trace_get_response": _trace()[TRACE[1:]]}),
                [("response.unknown-envelope", TRACE, E)], xml, answer_type=XML_TYPE)
    yield trace("tb-trace-xml-in-band-error", xml_answer({"error_response": {
        "code": "15", "msg": "Remote service error", "sub_code": "isv.invalid-parameter",
        "sub_msg": "tid不合法"}}), [("response.in-band-error", "/error_response", E)], xml,
                answer_type=XML_TYPE)

    def push(name: str, body: str | bytes, expected: Found,
             request_type: str = JSON_TYPE) -> F2Case:
        return F2Case(name, "tb", f"{HOOKS}/tmc", body, "ok", expected,
                      request_type=request_type, answer_type="text/plain")

    agree = "taobao_refund_RefundSellerAgreeAgreement"
    yield push("tb-tmc-agree-clean", _tmc(agree, _refund()), [])
    yield push("tb-tmc-success-clean", _tmc("taobao_refund_RefundSuccess", _refund()), [])
    yield push("tb-tmc-refund-fee-as-number", _tmc(agree, _refund(refund_fee=59.9)),
               [("field.wrong-type", "/content⟨json⟩/refund_fee", E)])
    yield push("tb-tmc-refund-id-as-text", _tmc(agree, _refund(refund_id="150039817265043")),
               [("field.wrong-type", "/content⟨json⟩/refund_id", E)])
    yield push("tb-tmc-unknown-topic", _tmc("taobao_refund_RefundSellerAgreeAgrement",
                                            _refund()),
               [("webhook.undocumented", "/topic", E)])
    error = {"error_response": {"code": 27, "msg": "Invalid session", "sub_code":
                                "isv.session-expired", "sub_msg": "会话已过期"}}
    yield push("tb-tmc-content-error-behind-bom", _tmc(agree, BOM + _dumps(error)),
               [("body.byte-order-mark", "/content", W),
                ("response.in-band-error", "/content⟨json⟩/error_response", E)])
    yield push("tb-tmc-gbk-no-charset", _tmc(agree, _refund()).encode("gbk"),
               [("body.charset-undeclared", None, W)], request_type="application/json")
    yield push("tb-tmc-gbk-labelled-utf8", _tmc(agree, _refund()).encode("gbk"),
               [("body.undecodable", None, E)])


# --- JD: order detail ----------------------------------------------------------------------------

JD = "https://api.jd.com/routerjson"
EN_GET = "/jingdong_pop_order_enGet_responce"


def _jd(method: str, business: dict[str, Any], **more: str) -> dict[str, str]:
    params = {"method": method, "app_key": "7D1F0C3B9A2E4D6F8B1C3E5A7D9F0B2C",
              "access_token": "<redacted>", "timestamp": "2024-09-03 15:01:44", "v": "2.0",
              "360buy_param_json": _dumps(business), **more}
    return _signed_form(params, SECRETS["jos"])


def _en_get(ok: bool = True, **changes: Any) -> dict[str, Any]:
    result = {"success": ok, "code": "0" if ok else "100", "chineseErrCode": "成功" if ok
              else "订单不存在", "englishErrCode": "success" if ok else "order not exist",
              "numberCode": 10100000 if ok else 10100015}
    info = {"orderId": "298765432101", "venderId": "10622317",
            "orderState": "WAIT_GOODS_RECEIVE_CONFIRM", "orderTotalPrice": "299.00",
            "orderPayment": "279.00", "freightPrice": "0.00",
            "orderStartTime": "2024-09-01 20:11:03", **changes}
    detail: dict[str, Any] = {"apiResult": result}
    if ok:
        detail["orderInfo"] = info
    return {"jingdong_pop_order_enGet_responce": {"code": "0", "orderDetailInfo": detail}}


def jd_cases() -> Iterator[F2Case]:
    ask = {"order_id": "298765432101", "optional_fields": "orderId,orderState,orderTotalPrice"}

    def call(name: str, answer: Any, expected: Found, params: dict[str, str] | None = None,
             **more: Any) -> F2Case:
        params = params or _jd("jingdong.pop.order.enGet", ask)
        return F2Case(name, "jos", JD + "?" + urlencode(params), None, answer, expected,
                      method="GET", **more)

    yield call("jd-en-get-clean", _en_get(), [])
    yield call("jd-en-get-price-as-number", _en_get(orderTotalPrice=299.0),
               [("field.wrong-type", f"{EN_GET}/orderDetailInfo/orderInfo/orderTotalPrice", E)])
    yield call("jd-en-get-state-drift", _en_get(orderState="WAIT_SELLER_DELIVERY"),
               [("field.unknown-enum", f"{EN_GET}/orderDetailInfo/orderInfo/orderState", E)])
    yield call("jd-en-get-order-id-as-number", _en_get(),
               [("field.wrong-type", "request:/360buy_param_json⟨json⟩/order_id", E)],
               _jd("jingdong.pop.order.enGet", {**ask, "order_id": 298765432101}))
    yield call("jd-en-get-api-result-refused", _en_get(ok=False),
               [("response.in-band-error", f"{EN_GET}/orderDetailInfo/apiResult/success", E)])
    yield call("jd-en-get-gateway-error", {"error_response": {
        "code": "19", "zh_desc": "token已过期或者不存在",
        "en_desc": "Invalid access_token"}}, [("response.in-band-error", "/error_response", E)])
    yield call("jd-en-get-bad-signature", _en_get(), [("signature.invalid", "request:/sign", E)],
               {**_jd("jingdong.pop.order.enGet", ask), "sign": "F" * 32})
    yield call("jd-en-get-unknown-method", _en_get(),
               [("operation.undocumented", "request:/method", E)],
               _jd("jingdong.pop.order.enget", ask))
    yield call("jd-en-get-unknown-envelope", {"jingdong_pop_order_get_responce": _en_get()[
        EN_GET[1:]]}, [("response.unknown-envelope", EN_GET, E)])


# --- Pinduoduo: logistics companies, order status -----------------------------------------------

PDD = "https://gw-api.pinduoduo.com/api/router"


def _pdd(kind: str, business: dict[str, str], **more: str) -> dict[str, str]:
    params = {"type": kind, "client_id": "8a1c3e5f7b9d4f2a6c8e0b1d3f5a7c9e",
              "access_token": "<redacted>", "timestamp": "1725347000", "data_type": "JSON",
              **business, **more}
    return _signed_form(params, SECRETS["pdd"])


def pdd_cases() -> Iterator[F2Case]:
    companies = {"logistics_companies_get_response": {"logistics_companies": [
        {"id": 115, "logistics_company": "顺丰速运", "available": 1, "code": "SF"},
        {"id": 85, "logistics_company": "圆通快递", "available": 1, "code": "YTO"}]}}
    status = {"order_status_get_response": {"order_status_list": [
        {"orderSn": "240903-127364519283746", "order_status": 2, "refund_status": 1}]}}

    def call(name: str, params: dict[str, str], answer: Any, expected: Found,
             **more: Any) -> F2Case:
        return F2Case(name, "pdd", PDD, more.pop("body", urlencode(params)), answer, expected,
                      **more)

    get = _pdd("pdd.logistics.companies.get", {})
    yield call("pdd-companies-clean", get, companies, [])
    wrong = json.loads(json.dumps(companies))
    wrong["logistics_companies_get_response"]["logistics_companies"][1]["available"] = "1"
    yield call("pdd-companies-available-as-text", get, wrong, [(
        "field.wrong-type", "/logistics_companies_get_response/logistics_companies/1/available",
        E)])
    yield call("pdd-companies-bad-signature", {**get, "sign": "A" * 32}, companies,
               [("signature.invalid", "request:/sign", E)])
    yield call("pdd-companies-unknown-type", _pdd("pdd.logistics.company.get", {}), companies,
               [("operation.undocumented", "request:/type", E)])
    ask = _pdd("pdd.order.status.get", {"order_sns": "240903-127364519283746"})
    yield call("pdd-status-clean", ask, status, [])
    drift = json.loads(json.dumps(status))
    drift["order_status_get_response"]["order_status_list"][0]["refund_status"] = 5
    yield call("pdd-status-refund-status-drift", ask, drift, [(
        "field.unknown-enum", "/order_status_get_response/order_status_list/0/refund_status",
        E)])
    yield call("pdd-status-in-band-error", ask, {"error_response": {
        "error_code": 10019, "error_msg": "access_token已过期", "sub_code": "10019",
        "sub_msg": "", "request_id": "17253470001234567"}},
               [("response.in-band-error", "/error_response", E)])
    yield call("pdd-status-unknown-envelope", ask, {"order_status_response": status[
        "order_status_get_response"]},
               [("response.unknown-envelope", "/order_status_get_response", E)])
    yield call("pdd-status-json-body", ask, status, [], body=_dumps(ask),
               request_type=JSON_TYPE)


# --- SF Fengqiao: cancel an order ----------------------------------------------------------------

SF = "https://bspgw.sf-express.com/std/service"


def _java_encode(text: str) -> str:
    """java.net.URLEncoder.encode(text, "UTF-8"): spaces as +, keeps A-Z a-z 0-9 . - * _."""
    return quote_plus(text, safe="*")


def _sf(code: str, msg: dict[str, Any], **more: str) -> dict[str, str]:
    params = {"partnerID": "F2_DEMO", "requestID": "9c1e7d3a-5b2f-4e08-a6c4-1f3e5a7b9d2c",
              "serviceCode": code, "timestamp": "1725347100000", "msgData": _dumps(msg)}
    digest = hashlib.md5(_java_encode(params["msgData"] + params["timestamp"]
                                      + SECRETS["sf"]).encode("utf-8")).digest()
    return {**params, "msgDigest": base64.b64encode(digest).decode("ascii"), **more}


def _sf_answer(inner: Any, code: str = "A1000") -> dict[str, Any]:
    return {"apiErrorMsg": "", "apiResponseID": "0001A2B3C4D5", "apiResultCode": code,
            "apiResultData": inner if isinstance(inner, str) else _dumps(inner)}


def sf_cases() -> Iterator[F2Case]:
    cancel = {"orderId": "F2-20240903-017", "dealType": 2, "language": "zh-CN"}
    done = {"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": {
        "orderId": "F2-20240903-017", "resStatus": 2,
        "waybillNoInfoList": [{"waybillType": 1, "waybillNo": "SF1300012345678"}]}}

    def call(name: str, params: dict[str, str], answer: Any, expected: Found) -> F2Case:
        return F2Case(name, "sf", SF, urlencode(params), answer, expected)

    ask = _sf("EXP_RECE_UPDATE_ORDER", cancel)
    yield call("sf-cancel-clean", ask, _sf_answer(done), [])
    yield call("sf-cancel-deal-type-as-text", _sf("EXP_RECE_UPDATE_ORDER",
                                                  {**cancel, "dealType": "2"}),
               _sf_answer(done), [("field.wrong-type", "request:/msgData⟨json⟩/dealType", E)])
    wrong = json.loads(json.dumps(done))
    wrong["msgData"]["resStatus"] = "2"
    yield call("sf-cancel-res-status-as-text", ask, _sf_answer(wrong),
               [("field.wrong-type", "/apiResultData⟨json⟩/msgData/resStatus", E)])
    yield call("sf-cancel-already-cancelled", ask, _sf_answer({
        "success": False, "errorCode": "8037", "errorMsg": "已消单", "msgData": None}),
               [("response.in-band-error", "/apiResultData⟨json⟩/success", E)])
    yield call("sf-cancel-bad-digest", {**ask, "msgDigest": "AAAAAAAAAAAAAAAAAAAAAA=="},
               _sf_answer(done), [("signature.invalid", "request:/msgDigest", E)])
    yield call("sf-cancel-unknown-service", _sf("EXP_RECE_CANCEL_ORDERS", cancel),
               _sf_answer(done), [("operation.undocumented", "request:/serviceCode", E)])
    yield call("sf-cancel-no-msg-data", ask, _sf_answer({"success": True,
                                                         "errorCode": "S0000"}),
               [("response.unknown-envelope", "/apiResultData⟨json⟩/msgData", E)])


# --- Xiaohongshu ark gateway ---------------------------------------------------------------------

XHS = "https://ark.xiaohongshu.com/ark/open_api/v3/common_controller"


def _xhs(method: str, business: dict[str, Any], **more: Any) -> dict[str, Any]:
    common = {"method": method, "appId": "4f1d2c3b5a6978e0", "timestamp": "1725347200",
              "version": "2.0", "accessToken": "<redacted>"}
    text = (f"{common['method']}?appId={common['appId']}&timestamp={common['timestamp']}"
            f"&version={common['version']}{SECRETS['xhs']}")
    return {**common, "sign": hashlib.md5(text.encode("utf-8")).hexdigest(), **business,
            **more}


def _xhs_ok(**changes: Any) -> dict[str, Any]:
    return {"success": True, "code": 0, "msg": "成功", "data": {
        "orderId": "P7341209876543210", "orderStatus": 4, "orderAfterSalesStatus": 1,
        "totalPayAmount": 12900, "createdTime": 1725300000000, "updateTime": 1725340000000,
        **changes}}


def xhs_cases() -> Iterator[F2Case]:
    ask = {"orderId": "P7341209876543210"}

    def call(name: str, body: dict[str, Any] | bytes, answer: Any, expected: Found,
             request_type: str = JSON_TYPE) -> F2Case:
        raw = body if isinstance(body, bytes) else _dumps(body)
        return F2Case(name, "xhs", XHS, raw, answer, expected, request_type=request_type)

    detail = _xhs("order.getOrderDetail", ask)
    yield call("xhs-detail-clean", detail, _xhs_ok(), [])
    yield call("xhs-detail-amount-as-text", detail, _xhs_ok(totalPayAmount="129.00"),
               [("field.wrong-type", "/data/totalPayAmount", E)])
    yield call("xhs-detail-order-id-as-number", _xhs("order.getOrderDetail",
                                                     {"orderId": 7341209876543210}),
               _xhs_ok(), [("field.wrong-type", "request:/orderId", E)])
    yield call("xhs-detail-refused", detail, {"success": False, "code": -100,
                                              "msg": "订单不存在", "data": None},
               [("response.in-band-error", "/success", E)])
    yield call("xhs-detail-bad-signature", {**detail, "sign": "0" * 32}, _xhs_ok(),
               [("signature.invalid", "request:/sign", E)])
    yield call("xhs-detail-unknown-method", _xhs("order.getOrderDetial", ask), _xhs_ok(),
               [("operation.undocumented", "request:/method", E)])
    yield call("xhs-detail-unknown-envelope", detail, {"result": _xhs_ok()["data"]},
               [("response.unknown-envelope", "/data", E)])
    gbk = json.dumps(_xhs("order.getOrderDetail", {"orderId": "P7341209876543210",
                                                   "remark": "小红书"}),
                     ensure_ascii=False).encode("gbk")
    yield call("xhs-detail-gbk-body-no-charset", gbk, _xhs_ok(),
               [("body.charset-undeclared", None, W), ("field.undeclared", "request:/remark", W)],
               request_type="application/json")
    yield call("xhs-detail-gbk-body-labelled-utf8", gbk, _xhs_ok(),
               [("body.undecodable", None, E)])


# --- WeChat Shop (channels e-commerce) -----------------------------------------------------------

CHANNELS = "https://api.weixin.qq.com/channels/ec/order/get?access_token=<redacted>"


def _order(**changes: Any) -> dict[str, Any]:
    return {"errcode": 0, "errmsg": "ok", "order": {
        "order_id": "3705115058471208928", "status": 20, "create_time": 1725300000,
        "update_time": 1725340000, "order_detail": {"price_info": {
            "product_price": 12900, "order_price": 12900, "freight": 0}}, **changes}}


def channels_cases() -> Iterator[F2Case]:
    ask = _dumps({"order_id": "3705115058471208928"})

    def call(name: str, answer: Any, expected: Found, body: str = ask,
             url: str = CHANNELS) -> F2Case:
        return F2Case(name, "channels", url, body, answer, expected, request_type=JSON_TYPE)

    yield call("ch-order-clean", _order(), [])
    yield call("ch-order-status-as-text", _order(status="20"),
               [("field.wrong-type", "/order/status", E)])
    yield call("ch-order-status-drift", _order(status=35),
               [("field.unknown-enum", "/order/status", E)])
    yield call("ch-order-in-band-error", {"errcode": 40001, "errmsg": "invalid credential"},
               [("response.in-band-error", "/errcode", E)])
    yield call("ch-order-id-as-number", _order(), [("field.wrong-type",
                                                    "request:/body/order_id", E)],
               body=_dumps({"order_id": 3705115058471208928}))
    yield call("ch-order-unknown-path", _order(), [("operation.undocumented", None, E)],
               url=CHANNELS.replace("/order/get", "/order/gets"))
    yield call("ch-order-unknown-envelope", {"base_resp": {"ret": 0}, "order": _order()[
        "order"]}, [("response.unknown-envelope", "/errcode", E)])


def _wechat_push(event: str, *, created: str = "1725347400", order: str | None = (
        "<order_info><order_id>3705115058471208928</order_id></order_info>")) -> str:
    return ("<xml><ToUserName><![CDATA[gh_1a2b3c4d5e6f]]></ToUserName>"
            "<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>"
            f"<CreateTime>{created}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            f"<Event><![CDATA[{event}]]></Event>{order or ''}</xml>")


def channels_push_cases() -> Iterator[F2Case]:
    def push(name: str, body: str, expected: Found) -> F2Case:
        return F2Case(name, "channels", f"{HOOKS}/channels", body, "success", expected,
                      request_type=XML_TYPE, answer_type="text/plain")

    yield push("ch-push-new-clean", _wechat_push("channels_ec_order_new"), [])
    yield push("ch-push-cancel-clean", _wechat_push("channels_ec_order_cancel"), [])
    yield push("ch-push-unknown-event", _wechat_push("channels_ec_order_neww"),
               [("webhook.undocumented", "/xml/Event", E)])
    yield push("ch-push-create-time-not-a-number", _wechat_push(
        "channels_ec_order_new", created="2024-09-03 15:10:00"),
               [("field.wrong-type", "/xml/CreateTime", E)])
    yield push("ch-push-without-order", _wechat_push("channels_ec_order_new", order=None),
               [("field.missing", "/xml/order_info", E)])


def _sf_xml_push(service: str = "RoutePushService", op_code: str = "50") -> str:
    return (f'<Request service="{service}" lang="zh-CN"><Body>'
            '<WaybillRoute id="7b2e9f1c0d3a4e5f" mailno="SF1300012345678" '
            'orderid="F2-20240903-017" acceptTime="2024-09-03 16:02:11" '
            f'acceptAddress="深圳市" remark="已签收" opCode="{op_code}"/></Body></Request>')


def sf_push_cases() -> Iterator[F2Case]:
    def push(name: str, body: str, expected: Found) -> F2Case:
        return F2Case(name, "sf", f"{HOOKS}/sf", body, "<Response service=\"RoutePushService\">"
                      "<Head>OK</Head></Response>", expected, request_type=XML_TYPE,
                      answer_type=XML_TYPE)

    yield push("sf-xml-route-push-clean", _sf_xml_push(), [])
    yield push("sf-xml-route-push-unknown-service", _sf_xml_push("RoutePushServise"),
               [("webhook.undocumented", "/Request/service", E)])
    yield push("sf-xml-route-push-op-code-not-a-number", _sf_xml_push(op_code="签收"),
               [("field.wrong-type", "/Request/Body/WaybillRoute/opCode", E)])


# --- Jiandaoyun data pushes ----------------------------------------------------------------------

def _jdy_push(op: str, **changes: Any) -> str:
    record = {"_id": "66d6a1f2e4b0c3a1b2c3d4e5", "appId": "5b1747e93b708d0a80667400",
              "entryId": "5b1748ea3b708d0a80667413", "createTime": "2024-09-03T06:40:02.000Z",
              "updateTime": "2024-09-03T06:40:02.000Z", "_widget_1432728651402": "SO-240903-88",
              "_widget_1432728651403": 12.9, **changes}
    return _dumps({"op": op, "data": record})


def _jdy_case(name: str, body: str, expected: Found, *, signature: str | None = None,
              raw: bytes | None = None) -> F2Case:
    nonce, timestamp = "6f2d1a", "1725345602"
    text = f"{nonce}:{body}:{SECRETS['jdy']}:{timestamp}"
    signed = signature or hashlib.sha1(text.encode("utf-8")).hexdigest()
    return F2Case(name, "jdy", f"{HOOKS}/jdy?nonce={nonce}&timestamp={timestamp}",
                  raw if raw is not None else body, "success", expected,
                  request_type=JSON_TYPE, headers={"X-JDY-Signature": signed},
                  answer_type="text/plain")


def jdy_cases() -> Iterator[F2Case]:
    yield _jdy_case("jdy-create-clean", _jdy_push("data_create"), [])
    yield _jdy_case("jdy-update-clean", _jdy_push("data_update"), [])
    yield _jdy_case("jdy-amount-as-text", _jdy_push("data_create", _widget_1432728651403="12.9"),
                    [("field.wrong-type", "/data/_widget_1432728651403", E)])
    yield _jdy_case("jdy-unknown-op", _jdy_push("data_creat"),
                    [("webhook.undocumented", "/op", E)])
    yield _jdy_case("jdy-bad-signature", _jdy_push("data_create"),
                    [("signature.invalid", "request:/header/X-JDY-Signature", E)],
                    signature="0" * 40)
    marked = BOM + _jdy_push("data_create")
    yield _jdy_case("jdy-push-with-bom", marked, [("body.byte-order-mark", None, W)])


# --- Meituan delivery: a path per operation, a signed form --------------------------------------

MT = "https://peisongopen.meituan.com/api/order/status/query"


def _mt(business: dict[str, str], **more: str) -> dict[str, str]:
    params = {"appkey": "f2mt0001", "timestamp": "1725347300", "version": "1.0", **business,
              **more}
    text = SECRETS["mt"] + "".join(k + v for k, v in sorted(params.items())
                                   if k != "sign" and v != "")
    return {**params, "sign": hashlib.sha1(text.encode("utf-8")).hexdigest()}


def _mt_ok(**changes: Any) -> dict[str, Any]:
    return {"code": 0, "message": "成功", "data": {
        "delivery_id": 1725347000123, "mt_peisong_id": "1725347012345678",
        "order_id": "F2-MT-0093", "status": 20, "operate_time": 1725347250,
        "courier_name": "王**", "courier_phone": "138****5678", **changes}}


def mt_cases() -> Iterator[F2Case]:
    ask = {"delivery_id": "1725347000123", "mt_peisong_id": "1725347012345678"}

    def call(name: str, params: dict[str, str], answer: Any, expected: Found,
             url: str = MT) -> F2Case:
        return F2Case(name, "mt", url, urlencode(params), answer, expected)

    yield call("mt-status-clean", _mt(ask), _mt_ok(), [])
    yield call("mt-status-as-text", _mt(ask), _mt_ok(status="20"),
               [("field.wrong-type", "/data/status", E)])
    yield call("mt-status-drift", _mt(ask), _mt_ok(status=40),
               [("field.unknown-enum", "/data/status", E)])
    yield call("mt-in-band-error", _mt(ask), {"code": 5, "message": "参数格式错误",
                                              "data": None},
               [("response.in-band-error", "/code", E)])
    yield call("mt-bad-signature", {**_mt(ask), "sign": "0" * 40}, _mt_ok(),
               [("signature.invalid", "request:/body/sign", E)])
    yield call("mt-timestamp-in-millis", _mt(ask, timestamp="1725347300000"), _mt_ok(),
               [("field.wrong-format", "request:/body/timestamp", E)])
    yield call("mt-delivery-id-not-a-number", _mt({**ask, "delivery_id": "D1725347000123"}),
               _mt_ok(), [("field.wrong-type", "request:/body/delivery_id", E)])
    yield call("mt-unknown-path", _mt(ask), _mt_ok(), [("operation.undocumented", None, E)],
               url=MT.replace("/status/query", "/status/queries"))


# The operation or topic an unknown one's "did you mean" must offer.
MEANT = {"tb-trace-unknown-method": "taobao.logistics.trace.search",
         "tb-tmc-unknown-topic": "taobao_refund_RefundSellerAgreeAgreement",
         "jd-en-get-unknown-method": "jingdong.pop.order.enGet",
         "pdd-companies-unknown-type": "pdd.logistics.companies.get",
         "xhs-detail-unknown-method": "order.getOrderDetail",
         "ch-push-unknown-event": "channels_ec_order_new",
         "sf-xml-route-push-unknown-service": "RoutePushService",
         "jdy-unknown-op": "data_create"}


def cases() -> dict[str, list[F2Case]]:
    return {"tb": [*taobao_cases()], "jos": [*jd_cases()], "pdd": [*pdd_cases()],
            "sf": [*sf_cases(), *sf_push_cases()], "xhs": [*xhs_cases()],
            "channels": [*channels_cases(), *channels_push_cases()],
            "jdy": [*jdy_cases()], "mt": [*mt_cases()]}


def verdicts(root: Path, only: list[str] | None = None) -> list[tuple[F2Case, Found | str]]:
    """Every case through ``seamguard verify``'s recorded check, each platform in its own
    project under ``root``; a platform whose project cannot be read gives its reason, and so
    does an unknown operation or topic whose hint does not offer the one meant (``MEANT``)."""
    grouped = {p: c for p, c in cases().items() if only is None or p in only}
    return platform_verdicts(root, grouped, write, MEANT)


def platform_verdicts(root: Path, grouped: dict[str, list[F2Case]],
                      write_project: Callable[[Path, str], Path],
                      meant_by_case: dict[str, str]) -> list[tuple[F2Case, Found | str]]:
    """``verdicts`` for any scorer's cases, grouped by platform, with its own project writer
    and the names its unknown operations' hints must offer."""
    out: list[tuple[F2Case, Found | str]] = []
    for platform, items in grouped.items():
        try:
            project = find_project(write_project(root / platform, platform), explicit=True)
        except Exception as problem:  # the settings a user wrote are refused: every case missed
            out += [(c, f"project refused: {str(problem).splitlines()[0]}") for c in items]
            continue
        verifier = RecordedVerifier(project, ContractCatalog(project))
        recorded = [c.interaction(i) for i, c in enumerate(items)]
        cassette = Cassette(path=root / platform / "fixtures" / "cassettes" / "c.yaml",
                            display="c.yaml", interactions=recorded)
        for case, item in zip(items, recorded, strict=True):
            try:
                findings = verifier.verify(cassette, item)
            except Exception as problem:  # a crash is a miss, said
                out.append((case, f"crashed: {type(problem).__name__}: {problem}"))
                continue
            meant = meant_by_case.get(case.name)
            if meant is not None and not any(f"did you mean {meant!r}" in (f.hint or "")
                                             for f in findings):
                out.append((case, f"no hint offers {meant!r}: "
                                  f"{[f.hint for f in findings]}"))
                continue
            out.append((case, [(f.code, f.location.pointer, f.severity.value)
                               for f in findings]))
    return out


def main(argv: list[str] | None = None) -> int:
    os.environ.update(ENV)
    args = argv if argv is not None else sys.argv[1:]
    only = [a for a in args if not a.startswith("-")]
    trip = None
    with tempfile.TemporaryDirectory() as tmp:
        results = verdicts(Path(tmp), only or None)
        if "--round-trip" in args:
            grouped = {p: c for p, c in cases().items() if not only or p in only}
            trip = round_trip(Path(tmp) / "cli", grouped, write, results, MEANT)
    exact = 0
    for case, found in results:
        if not isinstance(found, str) and sorted(found, key=str) == sorted(case.expected,
                                                                           key=str):
            exact += 1
            continue
        if isinstance(found, str):
            print(f"MISS {case.name}: {found}")
            continue
        missing = [e for e in case.expected if e not in found]
        extra = [f for f in found if f not in case.expected]
        print(f"MISS {case.name}: missing {missing}, extra {extra}")
    print(f"exact: {exact}/{len(results)}")
    tripped = report(trip) if trip is not None else 0
    return 0 if exact == len(results) and not tripped else 1


if __name__ == "__main__":
    sys.exit(main())
