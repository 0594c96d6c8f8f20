"""A fifth set of gateway calls and pushes, taken from what the platforms' public documentation
and SDK samples show of the operations an order sync uses beyond the earlier sets, each with
one planted contract violation of a known kind or none, scored for exact findings (code and
pointer).

What the public material says, in our words, and what the cases take from it:

* TOP ``taobao.refund.get`` answers ``refund_get_response.refund`` (amounts as text, times in
  China time); a refund that does not exist comes back as ``error_response`` with sub code
  ``isv.refund-not-exist``. ``taobao.logistics.offline.send`` answers ``shipping.is_success``;
  the SDKs sign with ``sign_method`` ``md5``, ``hmac`` or ``hmac-sha256``.
  ``taobao.trades.sold.increment.get`` refuses a window over one day with
  ``isv.invalid-parameter``. TMC hands over messages with ``topic``, ``pub_time``, ``user_id``
  and the topic's payload as a JSON string in ``content``.
* JD's JOS answers ``jingdong_pop_order_get_responce`` (JD's spelling) with ``code`` "0" and an
  ``orderDetailInfo`` whose ``apiResult.success`` is the business verdict; the SDKs take
  ``sign_method`` ``hmacsha256`` (any letter case).
* Pinduoduo's ``pdd.logistics.online.send`` answers ``logistics_online_send_response.is_success``
  (a boolean; one C# SDK's sample shows it as ``1``); ``pdd.order.list.get`` answers
  ``order_list_get_response`` with ``order_list``, ``total_count`` and ``has_next``; errors are
  ``error_response`` with ``error_code`` and ``error_msg``.
* SF Fengqiao's ``EXP_RECE_UPDATE_ORDER`` takes ``dealType`` 1 (confirm) or 2 (cancel) and
  answers ``resStatus``; ``EXP_RECE_SEARCH_ROUTES`` answers ``routeResps`` of ``mailNo`` and
  ``routes``; gateway codes A1001-A1099 refuse a call (A1006: bad digest); the route push
  carries ``Body.WaybillRoute`` and the order-state push ``orderState`` entries.
* Older Chinese clients send forms and answers in GBK without naming it in the Content-Type.

Further cases of the same corpus (undeclared fields, charsets declared wrongly, edge shapes)
are in ``gateway_docs_corpus_more``.

    python -m tests.support.gateway_docs_corpus     # prints the score and every difference
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from tests.support import gateway_public as g
from tests.support.gateway_public import Case
from tests.support.gateway_server import xml_answer

XML = "text/xml;charset=UTF-8"
JSON_TYPE = "application/json;charset=UTF-8"
HOOKS = "https://hooks.seamguard-demo.cn/webhooks"
TMC = f"{HOOKS}/taobao/tmc"
ROUTE_PUSH = f"{HOOKS}/sf-fengqiao/route-push"
STATE_PUSH = f"{HOOKS}/sf-fengqiao/order-state"
TID = 3938475610293847561  # 19 digits
REFUND = "taobao.refund.get"
RK = "/refund_get_response/refund"


def _refund(**more: Any) -> dict[str, Any]:
    return {"refund_get_response": {"refund": {
        "refund_id": "149203857261093", "tid": TID, "oid": TID + 1, "status": "SUCCESS",
        "order_status": "TRADE_FINISHED", "good_status": "BUYER_RETURNED_GOODS",
        "has_good_return": True, "refund_phase": "aftersale", "refund_fee": "88.00",
        "payment": "88.00", "total_fee": "176.00", "num": 1, "title": "白瓷茶杯",
        "created": "2024-08-01 09:12:00", "modified": "2024-08-02 17:40:05", **more},
        "request_id": "15xk2m9q0f7z"}}


_REFUND_ASK = {"fields": "refund_id,tid,oid,status,order_status,good_status,has_good_return,"
                         "refund_phase,refund_fee,payment,total_fee,num,title,created,modified",
               "refund_id": "149203857261093"}
_SHIP = {"tid": str(TID), "out_sid": "YT2045678123456", "company_code": "YTO"}
_SHIPPED = {"logistics_offline_send_response": {"shipping": {"is_success": True}}}
_INC = "taobao.trades.sold.increment.get"
_WINDOW = {"fields": "tid,tid_str,status,type,payment,post_fee,created,modified,pay_time,"
                     "buyer_nick,num,orders",
           "start_modified": "2024-08-01 10:00:00", "end_modified": "2024-08-01 10:30:00",
           "page_no": "1", "page_size": "50", "use_has_next": "true"}


def _increment(*trades: dict[str, Any]) -> dict[str, Any]:
    return {"trades_sold_increment_get_response": {"has_next": False,
                                                   "trades": {"trade": list(trades)}}}


def _tmc(topic: str, content: Any, **more: Any) -> str:
    message = {"id": 5130000042, "topic": topic, "pub_app_key": "12497914",
               "pub_time": "2024-08-01 10:11:12", "user_id": 2206819847,
               "user_nick": "演示旗舰店", "outgoing_id": 6100000042,
               "content": content if isinstance(content, str) else json.dumps(
                   content, ensure_ascii=False), **more}
    return json.dumps({k: v for k, v in message.items() if v is not None}, ensure_ascii=False)


def _tmc_case(name: str, body: str, expected: g.Expected) -> Case:
    return Case(name, "taobao", TMC, {}, None, "ok", expected, signed=False,
                request_body=body, request_type=JSON_TYPE, answer_type="text/plain")


def taobao_cases() -> Iterator[Case]:
    get = g._top(REFUND, _REFUND_ASK)
    yield Case("docs-top-refund-clean", "taobao", g.TOP, {}, get, _refund(), [])
    yield Case("docs-top-refund-fee-as-number", "taobao", g.TOP, {}, get,
               _refund(refund_fee=88.0), [("field.wrong-type", f"{RK}/refund_fee")])
    yield Case("docs-top-refund-good-status-drift", "taobao", g.TOP, {}, get,
               _refund(good_status="BUYER_RECEIVED_GOODS"),
               [("field.unknown-enum", f"{RK}/good_status")])
    yield Case("docs-top-refund-without-refund_id", "taobao", g.TOP, {},
               g._top(REFUND, {"fields": "refund_id,status"}), _refund(),
               [("field.missing", "request:/refund_id")])
    gone = {"error_response": {"code": 15, "msg": "Remote service error",
                               "sub_code": "isv.refund-not-exist", "sub_msg": "退款单不存在",
                               "request_id": "15xk2m9q0f80"}}
    yield Case("docs-top-refund-not-exist", "taobao", g.TOP, {}, get, gone,
               [("response.in-band-error", "/error_response")])
    yield Case("docs-top-refund-misspelt", "taobao", g.TOP, {},
               g._top("taobao.refund.gets", _REFUND_ASK), _refund(),
               [("operation.undocumented", "request:/method")])
    yield Case("docs-top-refund-xml-clean", "taobao", g.TOP, {},
               g._top(REFUND, _REFUND_ASK, format="xml"), xml_answer(_refund()), [],
               answer_type=XML)
    yield Case("docs-top-refund-xml-tid-not-a-number", "taobao", g.TOP, {},
               g._top(REFUND, _REFUND_ASK, format="xml"), xml_answer(_refund(tid="T9")),
               [("field.wrong-type", f"{RK}/tid")], answer_type=XML)
    yield Case("docs-top-refund-envelope-of-refunds", "taobao", g.TOP, {}, get,
               {"refunds_receive_get_response": _refund()["refund_get_response"]},
               [("response.unknown-envelope", "/refund_get_response")])
    hmac = g._top("taobao.logistics.offline.send", _SHIP, sign_method="hmac-sha256")
    yield Case("docs-top-ship-hmac-sha256-clean", "taobao", g.TOP, {}, hmac, _SHIPPED, [])
    yield Case("docs-top-ship-hmac-sha256-bad-sign", "taobao", g.TOP, {},
               {**hmac, "sign": "9" * 64}, _SHIPPED,
               [("signature.invalid", "request:/sign")], signed=False)
    yield Case("docs-top-ship-is-split-drift", "taobao", g.TOP, {},
               g._top("taobao.logistics.offline.send", {**_SHIP, "is_split": "2"}), _SHIPPED,
               [("field.unknown-enum", "request:/is_split")])
    yield Case("docs-top-ship-no-shipping", "taobao", g.TOP, {},
               g._top("taobao.logistics.offline.send", _SHIP),
               {"logistics_offline_send_response": {"request_id": "x1"}},
               [("field.missing", "/logistics_offline_send_response/shipping")])
    inc = g._top(_INC, _WINDOW)
    yield Case("docs-top-increment-clean", "taobao", g.TOP, {}, inc,
               _increment(g._trade(TID)), [])
    yield Case("docs-top-increment-status-drift", "taobao", g.TOP, {}, inc,
               _increment(g._trade(TID, status="WAIT_SELLER_SEND")),
               [("field.unknown-enum",
                 "/trades_sold_increment_get_response/trades/trade/0/status")])
    wide = {"error_response": {"code": 15, "msg": "Remote service error",
                               "sub_code": "isv.invalid-parameter:start_modified",
                               "sub_msg": "时间跨度不能超过一天"}}
    yield Case("docs-top-increment-window-refused", "taobao", g.TOP, {},
               g._top(_INC, {**_WINDOW, "end_modified": "2024-08-03 10:30:00"}), wide,
               [("response.in-band-error", "/error_response")])
    yield from _tmc_cases()
    yield from _gbk_cases()


def _tmc_cases() -> Iterator[Case]:
    shipped = {"tid": TID, "oid": TID + 1, "seller_nick": "演示旗舰店", "buyer_nick": "t**6",
               "payment": "88.00", "status": "WAIT_BUYER_CONFIRM_GOODS", "type": "fixed"}
    ship = "taobao_trade_TradeSellerShip"
    yield _tmc_case("docs-tmc-seller-ship-clean", _tmc(ship, shipped), [])
    yield _tmc_case("docs-tmc-seller-ship-tid-as-text", _tmc(ship, {**shipped, "tid": str(TID)}),
                    [("field.wrong-type", "/content⟨json⟩/tid")])
    yield _tmc_case("docs-tmc-seller-ship-content-not-json",
                    _tmc(ship, "tid=3938475610293847561&status=WAIT_BUYER_CONFIRM_GOODS"),
                    [("body.embedded-not-json", "/content")])
    yield _tmc_case("docs-tmc-seller-ship-without-user_id", _tmc(ship, shipped, user_id=None),
                    [("field.missing", "/user_id")])
    yield _tmc_case("docs-tmc-trade-close-status-drift",
                    _tmc("taobao_trade_TradeClose", {**shipped, "status": "CLOSED"}),
                    [("field.unknown-enum", "/content⟨json⟩/status")])
    refund = {"refund_id": 149203857261093, "tid": TID, "oid": TID + 1, "refund_fee": "88.00",
              "refund_phase": "onsale", "refund_version": 1722481872000,
              "seller_nick": "演示旗舰店", "buyer_nick": "t**6"}
    created = "taobao_refund_RefundCreated"
    yield _tmc_case("docs-tmc-refund-created-clean", _tmc(created, refund), [])
    yield _tmc_case("docs-tmc-refund-created-phase-drift",
                    _tmc(created, {**refund, "refund_phase": "sale"}),
                    [("field.unknown-enum", "/content⟨json⟩/refund_phase")])
    yield _tmc_case("docs-tmc-refund-created-without-refund_id",
                    _tmc(created, {k: v for k, v in refund.items() if k != "refund_id"}),
                    [("field.missing", "/content⟨json⟩/refund_id")])


def _gbk_cases() -> Iterator[Case]:
    # A form whose Chinese value is percent-encoded GBK, the Content-Type naming no charset
    # (TOP's older Java and .NET clients); signed over the values as the platform reads them.
    params = g._top("taobao.trades.sold.increment.get", {**_WINDOW, "buyer_nick": "淘宝买家"})
    params["sign"] = g.sign_form("taobao", params)
    body = urlencode(params, encoding="gbk").encode("ascii")
    yield Case("docs-top-gbk-form-no-charset", "taobao", g.TOP, {}, None,
               _increment(g._trade(TID)), [("body.charset-undeclared", None)], signed=False,
               request_body=body, request_type="application/x-www-form-urlencoded")
    yield Case("docs-top-gbk-form-no-charset-payment-as-number", "taobao", g.TOP, {}, None,
               _increment(g._trade(TID, payment=88.0)),
               [("body.charset-undeclared", None),
                ("field.wrong-type",
                 "/trades_sold_increment_get_response/trades/trade/0/payment")],
               signed=False, request_body=body,
               request_type="application/x-www-form-urlencoded")
    sf = g._sf("EXP_RECE_CREATE_ORDER", g._SF_ORDER)  # names and addresses in Chinese
    sf["msgDigest"] = g.sign_form("sf-fengqiao", sf)
    yield Case("docs-sf-gbk-form-no-charset", "sf-fengqiao", g.SF, {}, None,
               g._sf_answer(g._created()), [("body.charset-undeclared", None)], signed=False,
               request_body=urlencode(sf, encoding="gbk").encode("ascii"),
               request_type="application/x-www-form-urlencoded")
    pdd = g._pdd("pdd.logistics.online.send", {**_SEND, "feature": "imei=识别码1;"})
    pdd["sign"] = g.sign_form("pinduoduo", pdd)
    yield Case("docs-pdd-gbk-json-body-no-charset", "pinduoduo", g.PDD, {}, None, _SENT,
               [("body.charset-undeclared", None)], signed=False,
               request_body=json.dumps(pdd, ensure_ascii=False).encode("gbk"),
               request_type="application/json")
    shipped = {"tid": TID, "seller_nick": "演示旗舰店", "status": "WAIT_BUYER_CONFIRM_GOODS"}
    yield Case("docs-tmc-gbk-message-no-charset", "taobao", TMC, {}, None, "ok",
               [("body.charset-undeclared", None)], signed=False,
               request_body=_tmc("taobao_trade_TradeSellerShip", shipped).encode("gbk"),
               request_type="application/json", answer_type="text/plain")
    yield Case("docs-sf-route-push-gbk-no-charset", "sf-fengqiao", ROUTE_PUSH, {}, None,
               {"return_code": "0000", "return_msg": "成功"},
               [("body.charset-undeclared", None)], signed=False,
               request_body=_route_push().encode("gbk"), request_type="application/json")
    xml = ('<Request service="RoutePushService" lang="zh-CN"><Body><WaybillRoute '
           'id="5f0e2d9c8b7a6e2" mailno="SF1320487569231" orderid="QIAO-20240801-011" '
           'acceptTime="2024-08-02 15:02:33" acceptAddress="杭州市" remark="已签收" '
           'opCode="80"/></Body></Request>')
    yield Case("docs-sf-route-push-xml-form-gbk-no-charset", "sf-fengqiao", ROUTE_PUSH, {},
               None, '<Response service="RoutePushService"><Head>OK</Head></Response>',
               [("body.charset-undeclared", None)], signed=False,
               request_body=urlencode({"content": xml}, encoding="gbk").encode("ascii"),
               request_type="application/x-www-form-urlencoded", answer_type=XML)
    yield Case("docs-sf-route-push-xml-form-utf8-labelled-gbk", "sf-fengqiao", ROUTE_PUSH, {},
               None, '<Response service="RoutePushService"><Head>OK</Head></Response>',
               [("body.undecodable", None)], signed=False,
               request_body=urlencode({"content": xml}).encode("ascii"),
               request_type="application/x-www-form-urlencoded;charset=GBK", answer_type=XML)
    # a batch answer in GBK, its Content-Type naming no charset
    fullinfo = f"method=taobao.trade.fullinfo.get&fields=tid%2Cstatus&tid={TID}"
    refund = f"method={REFUND}&fields=refund_id%2Cstatus&refund_id=149203857261093"
    batch = g._batch("docs-top-batch-gbk-answer-no-charset", [fullinfo, refund],
                     [{"trade_fullinfo_get_response": {"trade": g._trade(TID)}}, _refund()],
                     [("body.charset-undeclared", None)])
    assert isinstance(batch.answer, str)
    batch.answer, batch.answer_type = batch.answer.encode("gbk"), "application/json"
    yield batch
    broken = g._batch("docs-top-batch-gbk-answer-fee-as-number", [fullinfo, refund],
                      [{"trade_fullinfo_get_response": {"trade": g._trade(TID)}},
                       _refund(refund_fee=88.0)],
                      [("body.charset-undeclared", None),
                       ("field.wrong-type", f"/1{RK}/refund_fee")])
    assert isinstance(broken.answer, str)
    broken.answer, broken.answer_type = broken.answer.encode("gbk"), "application/json"
    yield broken


# --- JD -----------------------------------------------------------------------------------------

def _detail(**order: Any) -> dict[str, Any]:
    return {"jingdong_pop_order_get_responce": {"code": "0", "orderDetailInfo": {
        "apiResult": {"success": True, "englishErrCode": "success", "chineseErrCode": "成功",
                      "numberCode": 10100000},
        "orderInfo": g._jd_order("30178264519", **order)}}}


_JD_GET = {"order_id": "30178264519", "optional_fields": "orderId,orderState,modified"}
_JK = "/jingdong_pop_order_get_responce"


def jd_cases() -> Iterator[Case]:
    hmac = g._jd("jingdong.pop.order.get", _JD_GET, sign_method="HmacSHA256")
    yield Case("docs-jd-get-hmac-clean", "jd", g.JD, hmac, None, _detail(), [], method="GET")
    yield Case("docs-jd-get-hmac-bad-sign", "jd", g.JD, {**hmac, "sign": "E" * 64}, None,
               {"error_response": {"code": "19", "zh_desc": "无效签名",
                                   "en_desc": "Invalid signature"}},
               [("signature.invalid", "request:/sign")], method="GET", signed=False)
    get = g._jd("jingdong.pop.order.get", _JD_GET)
    yield Case("docs-jd-get-state-drift", "jd", g.JD, get, None,
               _detail(orderState="WAIT_SELLER_SEND"),
               [("field.unknown-enum", f"{_JK}/orderDetailInfo/orderInfo/orderState")],
               method="GET")
    yield Case("docs-jd-get-order-id-as-number", "jd", g.JD,
               g._jd("jingdong.pop.order.get", {**_JD_GET, "order_id": 30178264519}), None,
               _detail(), [("field.wrong-type",
                            "request:/360buy_param_json⟨json⟩/order_id")], method="GET")
    refused = json.loads(json.dumps(_detail()))
    refused["jingdong_pop_order_get_responce"]["code"] = "1001"
    yield Case("docs-jd-get-code-not-zero", "jd", g.JD, get, None, refused,
               [("response.in-band-error", f"{_JK}/code")], method="GET")
    yield Case("docs-jd-get-answer-spelt-response", "jd", g.JD, get, None,
               {"jingdong_pop_order_get_response": _detail()[_JK[1:]]},
               [("response.unknown-envelope", _JK)], method="GET")
    yield Case("docs-jd-shipment-not-in-contract", "jd", g.JD,
               g._jd("jingdong.pop.order.shipment", {"order_id": "30178264519",
                                                     "logiCoprId": "467", "logiNo": "JD0001"}),
               None, {"jingdong_pop_order_shipment_responce": {"code": "0"}},
               [("operation.undocumented", "request:/method")], method="GET")
    yield Case("docs-jd-search-misspelt", "jd", g.JD,
               g._jd("jingdong.pop.order.serach", g._JD_SEARCH), None,
               g._jd_answer(g._jd_order("30178264519")),
               [("operation.undocumented", "request:/method")], method="GET")
    yield Case("docs-jd-get-param-json-cut", "jd", g.JD,
               {**get, "360buy_param_json": '{"order_id":"30178264519"'}, None, _detail(),
               [("body.embedded-not-json", "request:/360buy_param_json")], method="GET")


# --- Pinduoduo ----------------------------------------------------------------------------------

_SEND = {"order_sn": "240801-573920184736251", "logistics_id": "44",
         "tracking_number": "YT2045678123456"}
_SENT = {"logistics_online_send_response": {"is_success": True, "request_id": "17224"}}
_LIST = {"start_confirm_at": "1722470400", "end_confirm_at": "1722556799", "order_status": "1",
         "refund_status": "5", "page": "1", "page_size": "50"}
_LK = "/order_list_get_response"


def _listed(*orders: dict[str, Any]) -> dict[str, Any]:
    return {"order_list_get_response": {"total_count": len(orders), "has_next": False,
                                        "order_list": list(orders), "request_id": "17225"}}


def pinduoduo_cases() -> Iterator[Case]:
    send = g._pdd("pdd.logistics.online.send", _SEND)
    yield Case("docs-pdd-send-clean", "pinduoduo", g.PDD, {}, send, _SENT, [])
    yield Case("docs-pdd-send-is-success-as-1", "pinduoduo", g.PDD, {}, send,
               {"logistics_online_send_response": {"is_success": 1}},
               [("field.wrong-type", "/logistics_online_send_response/is_success")])
    yield Case("docs-pdd-send-without-tracking-number", "pinduoduo", g.PDD, {},
               g._pdd("pdd.logistics.online.send",
                      {k: v for k, v in _SEND.items() if k != "tracking_number"}), _SENT,
               [("field.missing", "request:/tracking_number")])
    yield Case("docs-pdd-send-logistics-id-not-a-number", "pinduoduo", g.PDD, {},
               g._pdd("pdd.logistics.online.send", {**_SEND, "logistics_id": "YTO"}), _SENT,
               [("field.wrong-type", "request:/logistics_id")])
    yield Case("docs-pdd-send-bad-sign", "pinduoduo", g.PDD, {},
               g._pdd("pdd.logistics.online.send", _SEND, sign="F" * 32),
               {"error_response": {"error_code": 10016, "error_msg": "签名错误",
                                   "request_id": "17226"}},
               [("signature.invalid", "request:/sign")], signed=False)
    yield Case("docs-pdd-send-misspelt", "pinduoduo", g.PDD, {},
               g._pdd("pdd.logistics.online.sent", _SEND), _SENT,
               [("operation.undocumented", "request:/type")])
    listing = g._pdd("pdd.order.list.get", _LIST)
    yield Case("docs-pdd-list-clean", "pinduoduo", g.PDD, {}, listing,
               _listed(g._pdd_order()), [])
    yield Case("docs-pdd-list-after-sales-drift", "pinduoduo", g.PDD, {}, listing,
               _listed(g._pdd_order(after_sales_status=99)),
               [("field.unknown-enum", f"{_LK}/order_list/0/after_sales_status")])
    yield Case("docs-pdd-list-request-status-drift", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.list.get", {**_LIST, "order_status": "4"}),
               _listed(g._pdd_order()), [("field.unknown-enum", "request:/order_status")])
    yield Case("docs-pdd-list-without-page-size", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.list.get",
                      {k: v for k, v in _LIST.items() if k != "page_size"}),
               _listed(g._pdd_order()), [("field.missing", "request:/page_size")])
    yield Case("docs-pdd-list-envelope-misspelt", "pinduoduo", g.PDD, {}, listing,
               {"order_list_get_responce": _listed(g._pdd_order())[_LK[1:]]},
               [("response.unknown-envelope", _LK)])
    yield Case("docs-pdd-list-token-expired", "pinduoduo", g.PDD, {}, listing,
               {"error_response": {"error_code": 10019, "error_msg": "access_token已过期",
                                   "sub_code": "10019", "request_id": "17227"}},
               [("response.in-band-error", "/error_response")])
    yield Case("docs-pdd-list-order-without-order_sn", "pinduoduo", g.PDD, {}, listing,
               _listed({k: v for k, v in g._pdd_order().items() if k != "order_sn"}),
               [("field.missing", f"{_LK}/order_list/0/order_sn")])


# --- SF Express Fengqiao ------------------------------------------------------------------------

def _updated(status: Any = 2) -> dict[str, Any]:
    return {"success": True, "errorCode": "S0000", "errorMsg": None,
            "msgData": {"orderId": "QIAO-20240801-011", "resStatus": status}}


_UPDATE = {"orderId": "QIAO-20240801-011", "dealType": 2, "language": "zh-CN"}
_ROUTES = {"language": "zh-CN", "trackingType": 1, "trackingNumber": ["SF1320487569231"],
           "methodType": 1}
_R = "/apiResultData⟨json⟩/msgData/routeResps/0"


def _routes(**first: Any) -> dict[str, Any]:
    return {"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": {
        "routeResps": [{"mailNo": "SF1320487569231", "routes": [
            {"acceptTime": "2024-08-02 07:40:11", "acceptAddress": "杭州市",
             "remark": "顺丰速运 已收取快件", "opCode": "50"}], **first}]}}


def _state(**entry: Any) -> str:
    return json.dumps({"requestId": "9b2e4c6a8d0f1e23", "timestamp": "1722570011000",
                       "orderState": [{"orderNo": "QIAO-20240801-011",
                                       "waybillNo": "SF1320487569231",
                                       "orderStateCode": "04-40001", "orderStateDesc": "已派单",
                                       "empCode": "654321", "netCode": "571A",
                                       "lastTime": "2024-08-02 07:20:00", **entry}]},
                      ensure_ascii=False)


def _route_push(**event: Any) -> str:
    return json.dumps({"Body": {"WaybillRoute": [{
        "id": "5f0e2d9c8b7a6e1", "mailno": "SF1320487569231", "orderid": "QIAO-20240801-011",
        "acceptTime": "2024-08-02 15:02:33", "acceptAddress": "杭州市",
        "remark": "已签收", "opCode": "80", "reasonCode": "", "reasonName": "", **event}]}},
        ensure_ascii=False)


def _push(name: str, url: str, body: str, expected: g.Expected, reply: Any) -> Case:
    return Case(name, "sf-fengqiao", url, {}, None, reply, expected, signed=False,
                request_body=body, request_type=JSON_TYPE)


def sf_cases() -> Iterator[Case]:
    update = g._sf("EXP_RECE_UPDATE_ORDER", _UPDATE)
    yield Case("docs-sf-update-clean", "sf-fengqiao", g.SF, {}, update,
               g._sf_answer(_updated()), [])
    yield Case("docs-sf-update-deal-type-drift", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_UPDATE_ORDER", {**_UPDATE, "dealType": 3}),
               g._sf_answer(_updated()),
               [("field.unknown-enum", "request:/msgData⟨json⟩/dealType")])
    yield Case("docs-sf-update-without-order-id", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_UPDATE_ORDER", {"dealType": 2, "language": "zh-CN"}),
               g._sf_answer(_updated()),
               [("field.missing", "request:/msgData⟨json⟩/orderId")])
    yield Case("docs-sf-update-bad-digest", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_UPDATE_ORDER", _UPDATE, msgDigest="CCCCCCCCCCCCCCCCCCCCCC=="),
               g._sf_answer(None, "A1006", "数字签名无效"),
               [("signature.invalid", "request:/msgDigest")], signed=False)
    yield Case("docs-sf-update-msgdata-not-json", "sf-fengqiao", g.SF, {},
               {**update, "msgData": "orderId=QIAO-20240801-011&dealType=2"},
               g._sf_answer(_updated()), [("body.embedded-not-json", "request:/msgData")])
    yield Case("docs-sf-update-res-status-as-text", "sf-fengqiao", g.SF, {}, update,
               g._sf_answer(_updated("2")),
               [("field.wrong-type", "/apiResultData⟨json⟩/msgData/resStatus")])
    yield Case("docs-sf-update-order-not-found", "sf-fengqiao", g.SF, {}, update,
               g._sf_answer({"success": False, "errorCode": "8018", "errorMsg": "未获取到订单信息",
                             "msgData": None}),
               [("response.in-band-error", "/apiResultData⟨json⟩/success")])
    yield Case("docs-sf-update-service-misspelt", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_UPDATE_ORDERS", _UPDATE), g._sf_answer(_updated()),
               [("operation.undocumented", "request:/serviceCode")])
    yield Case("docs-sf-update-neither-envelope", "sf-fengqiao", g.SF, {}, update,
               {"code": "200", "data": _updated()},
               [("response.unknown-envelope", "/apiResultData⟨json⟩/msgData")])
    routes = g._sf("EXP_RECE_SEARCH_ROUTES", _ROUTES)
    yield Case("docs-sf-routes-clean", "sf-fengqiao", g.SF, {}, routes,
               g._sf_answer(_routes()), [])
    yield Case("docs-sf-routes-mailno-as-number", "sf-fengqiao", g.SF, {}, routes,
               g._sf_answer(_routes(mailNo=1320487569231)),
               [("field.wrong-type", f"{_R}/mailNo")])
    yield Case("docs-sf-routes-out-of-traffic-a1002", "sf-fengqiao", g.SF, {}, routes,
               g._sf_answer(None, "A1002", "请求时效已过期"),
               [("response.in-band-error", "/apiResultCode")])
    yield Case("docs-sf-routes-tracking-number-as-text", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_SEARCH_ROUTES", {**_ROUTES, "trackingNumber": "SF1320487569231"}),
               g._sf_answer(_routes()),
               [("field.wrong-type", "request:/msgData⟨json⟩/trackingNumber")])
    ok = {"return_code": "0000", "return_msg": "成功"}
    yield _push("docs-sf-route-push-clean", ROUTE_PUSH, _route_push(), [], ok)
    yield _push("docs-sf-route-push-accept-time-iso", ROUTE_PUSH,
                _route_push(acceptTime="2024-08-02T15:02:33+08:00"),
                [("field.wrong-format", "/Body/WaybillRoute/0/acceptTime")], ok)
    state_ok = {"success": "true", "code": "0", "msg": "成功"}
    yield _push("docs-sf-order-state-clean", STATE_PUSH, _state(), [], state_ok)
    yield _push("docs-sf-order-state-waybill-as-number", STATE_PUSH,
                _state(waybillNo=1320487569231),
                [("field.wrong-type", "/orderState/0/waybillNo")], state_ok)
    yield _push("docs-sf-order-state-empty", STATE_PUSH,
                json.dumps({"requestId": "9b2e4c6a8d0f1e24", "timestamp": "1722570011000",
                            "orderState": []}),
                [("field.out-of-range", "/orderState")], state_ok)


def cases() -> list[Case]:
    """Every call: those above, then ``gateway_docs_corpus_more``'s and
    ``gateway_docs_charsets``' (GBK query strings, byte-order marks)."""
    from tests.support import gateway_docs_charsets as charsets
    from tests.support import gateway_docs_corpus_more as more

    return [*taobao_cases(), *jd_cases(), *pinduoduo_cases(), *sf_cases(), *more.more_cases(),
            *more.edge_cases(), *charsets.cases()]


def main() -> int:
    return g.main(of=cases())


if __name__ == "__main__":
    sys.exit(main())
