"""Gateway calls written from the platforms' public documentation and SDK examples, each with
one planted contract violation, scored for exact findings.

The calls are the example project's packs (Taobao TOP, JD, Pinduoduo, SF Fengqiao) as their
public pages and SDK samples show them, written here in our own words: TOP's documented answer
examples of ``taobao.trade.fullinfo.get`` and ``taobao.trades.sold.get`` (tids of 16 to 19
digits, the ``tid_str`` beside them), a JD ``jingdong.pop.order.search`` with its parameters in
``360buy_param_json`` as the JOS SDKs send them, Pinduoduo's ``pdd.order.information.get``
sample, SF's create-order and route-query samples, and calls to operations the packs do not
cover. Each call is signed with the test secret (``record_gateways.SECRET_ENV``) unless the
planted defect is the signature, and each names the findings it must give, code and pointer,
nothing more: a miss, an extra finding and a duplicate all count against the score.

    python -m tests.support.gateway_public        # prints the score and every difference
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding
from seamguard.project import Project, find_project
from seamguard.recordings.cassettes import Cassette, Interaction
from seamguard.verify import RecordedVerifier
from seamguard.wire.signing import sign, signing_of
from tests.support.gateway_server import xml_answer
from tests.support.projects import REPO
from tests.support.record_gateways import SECRET_ENV

JSON = "application/json;charset=UTF-8"
FORM = "application/x-www-form-urlencoded;charset=UTF-8"
TOP = "https://eco.taobao.com/router/rest"
TOP_BATCH = "https://eco.taobao.com/router/batch"
JD = "https://api.jd.com/routerjson"
PDD = "https://gw-api.pinduoduo.com/api/router"
SF = "https://bspgw.sf-express.com/std/service"
SECRETS = {"taobao": SECRET_ENV["TAOBAO_APP_SECRET"], "jd": SECRET_ENV["JD_APP_SECRET"],
           "pinduoduo": SECRET_ENV["PDD_CLIENT_SECRET"],
           "sf-fengqiao": SECRET_ENV["SF_FENGQIAO_CHECKWORD"]}

Expected = list[tuple[str, str | None]]  # (code, pointer) of every finding, in any order


@dataclass
class Case:
    """One recorded call and the findings it must give."""

    name: str
    platform: str
    url: str
    query: dict[str, str]  # parameters in the URL
    form: dict[str, str] | None  # parameters in a form body (None: no body)
    answer: Any  # a JSON document (dumped), or the body text as it came
    expected: Expected
    method: str = "POST"
    answer_type: str = JSON
    signed: bool = True  # signed with the test secret; False: the recorded signature stays
    request_body: bytes | str | None = None  # the raw body instead of ``form``
    request_type: str | None = None
    request_headers: dict[str, str] = field(default_factory=dict)
    json_body: bool = False  # the form's parameters sent as one JSON document (Pinduoduo)
    status: int = 200
    tags: tuple[str, ...] = field(default=())
    secret: str | None = None  # the signing secret; None: the test secret of ``platform``

    def interaction(self, project: Project, index: int) -> Interaction:
        query, form = dict(self.query), dict(self.form) if self.form is not None else None
        if self.signed:
            wire = project.settings.platforms[self.platform].wire
            signing = signing_of(wire)
            name = signing.signature.name
            values = {**query, **(form or {})}
            values.pop(name, None)
            signature = sign(signing, values, self.secret or SECRETS[self.platform])
            (form if (form is not None and name in form) or not query else query)[name] = \
                signature
        uri = self.url + ("?" + urlencode(query) if query else "")
        body = self.request_body if self.request_body is not None else (
            json.dumps(form, ensure_ascii=False) if self.json_body and form is not None else
            urlencode(form) if form is not None else None)
        headers = {"content-type": self.request_type or FORM} if body is not None else {}
        headers.update(self.request_headers)
        answer = self.answer if isinstance(self.answer, str | bytes) else json.dumps(
            self.answer, ensure_ascii=False)
        return Interaction(index, self.method, uri, headers, body, self.status,
                           {"content-type": self.answer_type}, answer)


def sign_form(platform: str, params: dict[str, str]) -> str:
    """The signature the test secret gives ``params`` on ``platform``."""
    project = find_project(REPO, explicit=True)
    return sign(signing_of(project.settings.platforms[platform].wire), params,
                SECRETS[platform])


# --- Taobao TOP ---------------------------------------------------------------------------------

def _top(method: str, business: dict[str, str], **system: str) -> dict[str, str]:
    params = {"method": method, "app_key": "12345678", "session": "<redacted>",
              "timestamp": "2024-07-12 10:05:11", "format": "json", "v": "2.0",
              "sign_method": "md5", **business}
    params.update(system)
    return {k: v for k, v in params.items() if v != "-"}


def _trade(number: int, **more: Any) -> dict[str, Any]:
    """A trade as TOP's documentation shows one (amounts as text, times in China time)."""
    tid = number
    trade = {"tid": tid, "tid_str": str(tid), "status": "WAIT_SELLER_SEND_GOODS",
            "type": "fixed", "payment": "200.07", "post_fee": "0.00",
            "created": "2024-07-10 13:30:01", "modified": "2024-07-10 13:31:20",
            "pay_time": "2024-07-10 13:31:20", "buyer_nick": "t**3", "num": 1,
            "orders": {"order": [{"oid": tid + 1, "oid_str": str(tid + 1),
                                  "num_iid": 3838293428, "title": "麦包包", "num": 1,
                                  "price": "200.07", "payment": "200.07",
                                  "status": "WAIT_SELLER_SEND_GOODS"}]}}
    trade.update(more)
    return trade


_BAD_SIGN = "0F1E2D3C4B5A69788796A5B4C3D2E1F0"
_FULLINFO = {"fields": "tid,tid_str,status,type,payment,post_fee,created,modified,pay_time,"
                       "buyer_nick,num,orders", "tid": "2345678901234567891"}


def taobao_cases() -> Iterator[Case]:
    big = 2345678901234567891  # 19 digits, beyond 2**53
    answer = {"trade_fullinfo_get_response": {"trade": _trade(big), "request_id": "4u2qxq3kfqz"}}
    yield Case("top-fullinfo-clean-19-digit-tid", "taobao", TOP, {},
               _top("taobao.trade.fullinfo.get", _FULLINFO), answer, [])
    wrong = {"trade_fullinfo_get_response": {"trade": _trade(big, payment=200.07)}}
    yield Case("top-payment-as-number", "taobao", TOP, {},
               _top("taobao.trade.fullinfo.get", _FULLINFO), wrong,
               [("field.wrong-type", "/trade_fullinfo_get_response/trade/payment")])
    as_text = {"trade_fullinfo_get_response": {"trade": _trade(big, tid=str(big))}}
    yield Case("top-tid-as-text", "taobao", TOP, {},
               _top("taobao.trade.fullinfo.get", _FULLINFO), as_text,
               [("field.wrong-type", "/trade_fullinfo_get_response/trade/tid")])
    odd = {"trade_fullinfo_get_response": {"trade": _trade(big, tid_str="2345678901234567891A")}}
    yield Case("top-tid_str-not-digits", "taobao", TOP, {},
               _top("taobao.trade.fullinfo.get", _FULLINFO), odd,
               [("field.wrong-format", "/trade_fullinfo_get_response/trade/tid_str")])
    yield Case("top-request-tid-not-a-number", "taobao", TOP, {},
               _top("taobao.trade.fullinfo.get", {**_FULLINFO, "tid": "23456789O1234"}),
               answer, [("field.wrong-type", "request:/tid")])
    refused = {"error_response": {"code": 25, "msg": "Invalid signature",
                                  "request_id": "zt7sdbe3nnuv"}}
    yield Case("top-bad-sign-refused", "taobao", TOP, {},
               _top("taobao.trade.fullinfo.get", _FULLINFO, sign=_BAD_SIGN),
               refused, [("signature.invalid", "request:/sign")], signed=False)
    yield Case("top-bad-sign-answered", "taobao", TOP, {},
               _top("taobao.trade.fullinfo.get", _FULLINFO, sign=_BAD_SIGN),
               answer, [("signature.invalid", "request:/sign")], signed=False)
    missing = {"error_response": {"code": 24, "msg": "Missing signature",
                                  "request_id": "zt7sdbe3nnuw"}}
    yield Case("top-no-sign-refused", "taobao", TOP, {},
               _top("taobao.trade.fullinfo.get", _FULLINFO), missing,
               [("signature.missing", "request:/sign")], signed=False)
    window = {"fields": "tid,status,payment", "start_created": "2024-07-01 00:00:00",
              "end_created": "2024-07-02 00:00:00", "page_no": "1", "page_size": "40"}
    sold = {"trades_sold_get_response": {"total_results": 1, "has_next": False,
                                         "trades": {"trade": [_trade(4012345678901234567)]}}}
    yield Case("top-sold-clean", "taobao", TOP, {},
               _top("taobao.trades.sold.get", window), sold, [])
    # A call without `format` is not judged for its answer's format: recordings and SDKs
    # leave it out while the answer they keep is JSON.
    yield Case("top-sold-no-format-answered-json", "taobao", TOP, {},
               _top("taobao.trades.sold.get", window, format="-"), sold, [])
    invalid = {"error_response": {"code": 15, "msg": "Remote service error",
                                  "sub_code": "isv.invalid-parameter:page_size",
                                  "sub_msg": "page_size 不能大于100"}}
    yield Case("top-in-band-error", "taobao", TOP, {},
               _top("taobao.trades.sold.get", {**window, "page_size": "40"}), invalid,
               [("response.in-band-error", "/error_response")])
    yield Case("top-unknown-method", "taobao", TOP, {},
               _top("taobao.trade.fullinfo.gett", _FULLINFO), answer,
               [("operation.undocumented", "request:/method")])
    yield Case("top-operation-not-in-pack", "taobao", TOP, {},
               _top("taobao.item.seller.get", {"fields": "num_iid,title", "num_iid": "3838293428"}),
               {"item_seller_get_response": {"item": {"num_iid": 3838293428, "title": "麦包包"}}},
               [("operation.undocumented", "request:/method")])
    yield Case("top-neither-envelope", "taobao", TOP, {},
               _top("taobao.trades.sold.get", window),
               {"trades_sold_get_result": sold["trades_sold_get_response"]},
               [("response.unknown-envelope", "/trades_sold_get_response")])
    yield from batch_cases(big)
    gbk = urlencode(_top("taobao.trades.sold.get", {**window, "buyer_nick": "淘宝买家"}),
                    encoding="gbk")
    yield Case("top-gbk-form-declared-utf8", "taobao", TOP, {}, None, sold,
               [("body.undecodable", None)], signed=False,
               request_body=gbk.encode("ascii"), request_type=FORM)


def _batch(name: str, calls: list[str], answers: list[Any], expected: Expected, *,
           separator: str = "\r\n-S-\r\n", headers: dict[str, str] | None = None,
           sign: str | None = None, answer_format: str = "json") -> Case:
    """A TOP batch call as TOP's SDKs send it: the system parameters in the URL, one call per
    part of a text body, signed over the URL's parameters with the body appended."""
    body = separator.join(calls)
    system = {k: v for k, v in _top("-", {}, format=answer_format).items() if k != "method"}
    system["sign"] = sign or hashlib.md5((SECRETS["taobao"] + "".join(
        k + v for k, v in sorted(system.items())) + body + SECRETS["taobao"]).encode()
        ).hexdigest().upper()
    xml = answer_format == "xml"
    answer = separator.join(a if isinstance(a, str) else xml_answer(a) if xml else
                            json.dumps(a, ensure_ascii=False) for a in answers)
    return Case(name, "taobao", TOP_BATCH, system, None, answer, expected, signed=False,
                request_body=body, request_type="text/plain;charset=UTF-8",
                request_headers=headers or {},
                answer_type="text/xml;charset=UTF-8" if xml else JSON)


def batch_cases(big: int) -> Iterator[Case]:
    fullinfo = f"method=taobao.trade.fullinfo.get&fields=tid%2Cstatus%2Cpayment&tid={big}"
    refund = "method=taobao.refund.get&fields=refund_id%2Cstatus&refund_id=138206627361580"
    trade = {"trade_fullinfo_get_response": {"trade": _trade(big)}}
    refunded = {"refund_get_response": {"refund": {"refund_id": 138206627361580,
                                                   "status": "SUCCESS"}}}
    yield _batch("top-batch-clean", [fullinfo, refund], [trade, refunded], [])
    yield _batch("top-batch-wrong-type-in-first-answer", [fullinfo, refund],
                 [{"trade_fullinfo_get_response": {"trade": _trade(big, payment=200.07)}},
                  refunded],
                 [("field.wrong-type", "/0/trade_fullinfo_get_response/trade/payment")])
    missing = {"error_response": {"code": 15, "msg": "Remote service error",
                                  "sub_code": "isv.refund-not-exist",
                                  "sub_msg": "退款不存在", "request_id": "3x9"}}
    yield _batch("top-batch-second-call-refused", [fullinfo, refund], [trade, missing],
                 [("response.in-band-error", "/1/error_response")])
    refused = {"error_response": {"code": 25, "msg": "Invalid signature", "request_id": "3xa"}}
    yield _batch("top-batch-bad-sign", [fullinfo, refund], [refused],
                 [("signature.invalid", "request:/sign")], sign=_BAD_SIGN)
    shared = "#PUBLIC#method=taobao.trade.fullinfo.get&fields=tid%2Cstatus"
    yield _batch("top-batch-public-method-own-separator",
                 [shared, f"tid={big}", f"tid={big + 10}"],
                 [trade, {"trade_fullinfo_get_response": {"trade": _trade(big + 10)}}], [],
                 separator="||SEP||", headers={"top-api-separator": "||SEP||"})
    unknown = refund.replace("refund.get", "refund.gett")
    yield _batch("top-batch-unknown-method", [fullinfo, unknown], [trade, refunded],
                 [("operation.undocumented", "request:/1/method")])
    yield _batch("top-batch-in-xml-clean", [fullinfo, refund], [trade, refunded], [],
                 answer_format="xml")
    yield _batch("top-batch-in-xml-count-not-a-number", [fullinfo, fullinfo],
                 [trade, {"trade_fullinfo_get_response": {"trade": _trade(big, num="x")}}],
                 [("field.wrong-type", "/1/trade_fullinfo_get_response/trade/num")],
                 answer_format="xml")
    yield _batch("top-batch-in-xml-bad-sign", [fullinfo, refund],
                 [{"error_response": {"code": "25", "msg": "Invalid signature"}}],
                 [("signature.invalid", "request:/sign")], sign=_BAD_SIGN, answer_format="xml")
    yield _batch("top-batch-request-tid-not-a-number",
                 [fullinfo.replace(str(big), "12ab"), refund], [trade, refunded],
                 [("field.wrong-type", "request:/0/tid")])


# --- JD -----------------------------------------------------------------------------------------

def _jd(method: str, business: dict[str, Any], **system: str) -> dict[str, str]:
    params = {"method": method, "app_key": "4C1E7B0A9D3F4E2A8B6C5D7E9F0A1B2C",
              "access_token": "<redacted>", "timestamp": "2024-07-12 11:30:07", "v": "2.0",
              "360buy_param_json": json.dumps(business, ensure_ascii=False,
                                              separators=(",", ":")), **system}
    return params


_JD_SEARCH = {"start_date": "2024-07-12 00:00:00", "end_date": "2024-07-12 23:59:59",
              "order_state": "WAIT_SELLER_STOCK_OUT", "optional_fields": "orderId,orderState",
              "page": "1", "page_size": "20", "dateType": 0}


def _jd_order(order_id: str, **more: Any) -> dict[str, Any]:
    return {"orderId": order_id, "venderId": "10622317", "orderState": "WAIT_SELLER_STOCK_OUT",
            "orderTotalPrice": "59.00", "orderPayment": "59.00", "freightPrice": "0.00",
            "orderStartTime": "2024-07-12 10:01:22", "modified": "2024-07-12 10:02:00", **more}


def _jd_answer(*orders: dict[str, Any]) -> dict[str, Any]:
    return {"jingdong_pop_order_search_responce": {"code": "0", "searchorderinfo_result": {
        "apiResult": {"success": True, "englishErrCode": "success", "chineseErrCode": "成功",
                      "numberCode": 10100000},
        "orderTotal": len(orders), "orderInfoList": list(orders)}}}


def jd_cases() -> Iterator[Case]:
    clean = _jd_answer(_jd_order("23145678901"))
    yield Case("jd-search-clean", "jd", JD, _jd("jingdong.pop.order.search", _JD_SEARCH), None,
               clean, [], method="GET")
    without = {k: v for k, v in _JD_SEARCH.items() if k != "optional_fields"}
    yield Case("jd-missing-optional_fields", "jd", JD,
               _jd("jingdong.pop.order.search", without), None, clean,
               [("field.missing", "request:/360buy_param_json⟨json⟩/optional_fields")],
               method="GET")
    yield Case("jd-page-as-number", "jd", JD,
               _jd("jingdong.pop.order.search", {**_JD_SEARCH, "page": 1}), None, clean,
               [("field.wrong-type", "request:/360buy_param_json⟨json⟩/page")], method="GET")
    wrong = _jd_answer(_jd_order("23145678901", orderTotalPrice=59.0))
    yield Case("jd-price-as-number", "jd", JD, _jd("jingdong.pop.order.search", _JD_SEARCH),
               None, wrong,
               [("field.wrong-type", "/jingdong_pop_order_search_responce/searchorderinfo_result"
                                     "/orderInfoList/0/orderTotalPrice")], method="GET")
    refused = {"error_response": {"code": "19", "zh_desc": "无效签名",
                                  "en_desc": "Invalid signature"}}
    yield Case("jd-bad-sign-refused", "jd", JD,
               _jd("jingdong.pop.order.search", _JD_SEARCH, sign="A" * 32), None, refused,
               [("signature.invalid", "request:/sign")], method="GET", signed=False)
    denied = {"error_response": {"code": "66", "zh_desc": "平台连接后端服务不可用",
                                 "en_desc": "Platform service unavailable"}}
    yield Case("jd-in-band-error", "jd", JD, _jd("jingdong.pop.order.search", _JD_SEARCH), None,
               denied, [("response.in-band-error", "/error_response")], method="GET")
    verdict = {"jingdong_pop_order_search_responce": {"code": "0", "searchorderinfo_result": {
        "apiResult": {"success": False, "englishErrCode": "param error",
                      "chineseErrCode": "参数错误", "numberCode": 10200001},
        "orderTotal": 0, "orderInfoList": []}}}
    yield Case("jd-business-verdict-false", "jd", JD,
               _jd("jingdong.pop.order.search", _JD_SEARCH), None, verdict,
               [("response.in-band-error", "/jingdong_pop_order_search_responce"
                                           "/searchorderinfo_result/apiResult/success")],
               method="GET")
    yield Case("jd-unknown-method", "jd", JD, _jd("jingdong.pop.order.serch", _JD_SEARCH), None,
               clean, [("operation.undocumented", "request:/method")], method="GET")


# --- Pinduoduo ----------------------------------------------------------------------------------

def _pdd(kind: str, business: dict[str, str], **system: str) -> dict[str, str]:
    params = {"type": kind, "client_id": "5e7c9a1b3d2f4e6a8c0b1d3f5a7c9e2b",
              "access_token": "<redacted>", "timestamp": "1720748054", "data_type": "JSON",
              **business, **system}
    return {k: v for k, v in params.items() if v != "-"}


def _pdd_order(**more: Any) -> dict[str, Any]:
    return {"order_sn": "240712-418203966371058", "order_status": 1, "refund_status": 1,
            "updated_at": "2024-07-12 09:04:02", "created_time": "2024-07-12 09:03:11",
            "goods_amount": 536.0, "pay_amount": 516.0, "postage": 0.0,
            "item_list": [{"goods_id": 81927364510, "sku_id": 1120934857, "goods_count": 1,
                           "goods_name": "青花瓷杯", "goods_price": 536.0}], **more}


def pinduoduo_cases() -> Iterator[Case]:
    order = {"order_sn": "240712-418203966371058"}
    clean = {"order_info_get_response": {"order_info": _pdd_order(), "request_id": "r1"}}
    yield Case("pdd-info-clean", "pinduoduo", PDD, {}, _pdd("pdd.order.information.get", order),
               clean, [])
    wrong = {"order_info_get_response": {"order_info": _pdd_order(order_status="1")}}
    yield Case("pdd-status-as-text", "pinduoduo", PDD, {},
               _pdd("pdd.order.information.get", order), wrong,
               [("field.wrong-type", "/order_info_get_response/order_info/order_status")])
    refused = {"error_response": {"error_code": 10016, "error_msg": "签名错误",
                                  "sub_code": None, "sub_msg": "", "request_id": "1547"}}
    yield Case("pdd-bad-sign-refused", "pinduoduo", PDD, {},
               _pdd("pdd.order.information.get", order, sign="B" * 32), refused,
               [("signature.invalid", "request:/sign")], signed=False)
    expired = {"error_response": {"error_code": 10019, "error_msg": "access_token已过期",
                                  "sub_code": "10019", "sub_msg": "", "request_id": "1548"}}
    yield Case("pdd-in-band-error", "pinduoduo", PDD, {},
               _pdd("pdd.order.information.get", order), expired,
               [("response.in-band-error", "/error_response")])
    yield Case("pdd-unknown-type", "pinduoduo", PDD, {},
               _pdd("pdd.order.informaton.get", order), clean,
               [("operation.undocumented", "request:/type")])
    yield Case("pdd-xml-asked-json-answered", "pinduoduo", PDD, {},
               _pdd("pdd.order.information.get", order, data_type="XML"), clean,
               [("response.unexpected-format", "request:/data_type")])
    yield Case("pdd-neither-envelope", "pinduoduo", PDD, {},
               _pdd("pdd.order.information.get", order), {"order_info": _pdd_order()},
               [("response.unknown-envelope", "/order_info_get_response")])


# --- SF Express Fengqiao ------------------------------------------------------------------------

def _sf(code: str, msg: dict[str, Any], **fields: str) -> dict[str, str]:
    return {"partnerID": "SEAMGUARD_DEMO", "requestID": "3b7e2f7a-4b1c-4e55-9a0e-5d7f9c1e2a31",
            "serviceCode": code, "timestamp": "1720747927000",
            "msgData": json.dumps(msg, ensure_ascii=False, separators=(",", ":")), **fields}


_SF_ORDER = {"language": "zh-CN", "orderId": "QIAO-20240712-006", "expressTypeId": 1,
             "payMethod": 1, "parcelQty": 1, "monthlyCard": "7551234567",
             "cargoDetails": [{"name": "苹果手机", "count": 1, "unit": "台", "weight": 0.5,
                               "amount": 100.5, "currency": "HKD", "sourceArea": "CHN"}],
             "contactInfoList": [
                 {"contactType": 1, "company": "顺丰镖局", "contact": "张三",
                  "tel": "13800005678", "country": "CN", "province": "广东省", "city": "深圳市",
                  "county": "南山区", "address": "软件产业基地11栋"},
                 {"contactType": 2, "company": "顺丰速运", "contact": "李四",
                  "tel": "13900001234", "country": "CN", "province": "广东省", "city": "广州市",
                  "county": "海珠区", "address": "宝芝林大厦701室"}]}


def _sf_answer(inner: Any, code: str = "A1000", message: str = "") -> dict[str, Any]:
    return {"apiResultCode": code, "apiErrorMsg": message,
            "apiResponseID": "000192D8E0B1BE3F8A5F4A3E5C9D1B00",
            "apiResultData": None if inner is None else json.dumps(inner, ensure_ascii=False)}


def _created(**more: Any) -> dict[str, Any]:
    return {"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": {
        "orderId": "QIAO-20240712-006", "originCode": "755", "destCode": "020",
        "filterResult": 2, "remark": "",
        "waybillNoInfoList": [{"waybillType": 1, "waybillNo": "SF7444400043266"}], **more}}


def sf_cases() -> Iterator[Case]:
    yield Case("sf-create-clean", "sf-fengqiao", SF, {}, _sf("EXP_RECE_CREATE_ORDER", _SF_ORDER),
               _sf_answer(_created()), [])
    yield Case("sf-filterResult-as-text", "sf-fengqiao", SF, {},
               _sf("EXP_RECE_CREATE_ORDER", _SF_ORDER), _sf_answer(_created(filterResult="2")),
               [("field.wrong-type", "/apiResultData⟨json⟩/msgData/filterResult")])
    no_cargo = {k: v for k, v in _SF_ORDER.items() if k != "cargoDetails"}
    yield Case("sf-request-without-cargo", "sf-fengqiao", SF, {},
               _sf("EXP_RECE_CREATE_ORDER", no_cargo), _sf_answer(_created()),
               [("field.missing", "request:/msgData⟨json⟩/cargoDetails")])
    refused = _sf_answer(None, "A1006", "数字签名无效")
    yield Case("sf-bad-digest-refused", "sf-fengqiao", SF, {},
               _sf("EXP_RECE_CREATE_ORDER", _SF_ORDER, msgDigest="AAAAAAAAAAAAAAAAAAAAAA=="),
               refused, [("signature.invalid", "request:/msgDigest")], signed=False)
    yield Case("sf-duplicate-order", "sf-fengqiao", SF, {}, _sf("EXP_RECE_CREATE_ORDER", _SF_ORDER),
               _sf_answer({"success": False, "errorCode": "8016", "errorMsg": "重复下单",
                           "msgData": None}),
               [("response.in-band-error", "/apiResultData⟨json⟩/success")])
    yield Case("sf-unknown-service", "sf-fengqiao", SF, {},
               _sf("EXP_RECE_CREATE_ORDR", _SF_ORDER), _sf_answer(_created()),
               [("operation.undocumented", "request:/serviceCode")])
    yield Case("sf-success-as-text", "sf-fengqiao", SF, {},
               _sf("EXP_RECE_CREATE_ORDER", _SF_ORDER),
               _sf_answer({**_created(), "success": "true"}),
               [("response.unknown-envelope", "/apiResultData⟨json⟩/msgData")])
    routes = {"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": {
        "routeResps": [{"mailNo": "SF7444400043266", "routes": [
            {"acceptTime": "2024-07-12 15:02:11", "acceptAddress": "深圳市",
             "remark": "顺丰速运 已收取快件", "opCode": 50}]}]}}
    yield Case("sf-route-opCode-as-number", "sf-fengqiao", SF, {},
               _sf("EXP_RECE_SEARCH_ROUTES", {"language": "zh-CN", "trackingType": 1,
                                              "trackingNumber": ["SF7444400043266"],
                                              "methodType": 1}),
               _sf_answer(routes),
               [("field.wrong-type", "/apiResultData⟨json⟩/msgData/routeResps/0/routes/0/opCode")])


def cases() -> list[Case]:
    """Every call: those below, then ``gateway_public_more``'s."""
    from tests.support import gateway_public_more

    return [*taobao_cases(), *jd_cases(), *pinduoduo_cases(), *sf_cases(),
            *gateway_public_more.cases()]


# --- scoring ------------------------------------------------------------------------------------

@dataclass
class Verdict:
    case: Case
    found: Expected

    @property
    def exact(self) -> bool:
        return sorted(self.found, key=str) == sorted(self.case.expected, key=str)

    def differences(self) -> str:
        missing = [e for e in self.case.expected if e not in self.found]
        extra = list(self.found)
        for e in self.case.expected:
            if e in extra:
                extra.remove(e)
        return f"missing {missing}, extra {extra}"


def verdicts(project: Project | None = None,
             verify: Callable[[RecordedVerifier, Cassette, Interaction], list[Finding]]
             | None = None, of: list[Case] | None = None) -> list[Verdict]:
    """Every case (of ``of``, or of :func:`cases`) checked by ``seamguard verify``'s recorded
    check (the test secrets must be in the environment)."""
    project = project or find_project(REPO, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    all_cases = cases() if of is None else of
    items = [case.interaction(project, i) for i, case in enumerate(all_cases)]
    cassette = Cassette(path=REPO / "public.yaml", display="public.yaml", interactions=items)
    out = []
    for case, item in zip(all_cases, items, strict=True):
        findings = verifier.verify(cassette, item)
        out.append(Verdict(case, [(f.code, f.location.pointer) for f in findings]))
    return out


def verdicts_by_name(of: list[Case] | None = None) -> dict[str, Verdict]:
    """:func:`verdicts` with the test secrets set for the call only, by case name."""
    import pytest

    with pytest.MonkeyPatch.context() as patch:
        for name, secret in SECRET_ENV.items():
            patch.setenv(name, secret)
        return {v.case.name: v for v in verdicts(of=of)}


def main(of: list[Case] | None = None) -> int:
    """Prints each case whose findings are not exact and the score; 0 when all are exact."""
    os.environ.update(SECRET_ENV)
    results = verdicts(of=of)
    exact = sum(v.exact for v in results)
    for v in results:
        if not v.exact:
            print(f"MISS {v.case.name}: {v.differences()}")
    print(f"exact: {exact}/{len(results)}")
    return 0 if exact == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
