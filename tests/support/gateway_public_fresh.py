"""A third set of gateway calls from the platforms' public documentation and SDK samples, each
with one planted violation or none, written after the checks they exercise (so the checks were
not shaped around them): TOP's ``taobao.refunds.receive.get``, ``taobao.logistics.offline.send``
and ``taobao.trade.fullinfo.get`` in JSON and XML and through ``/router/batch``; JD's
``jingdong.pop.order.search`` and ``jingdong.pop.order.get`` (answers under the ``_responce``
keys JD spells so); Pinduoduo's ``pdd.order.number.list.increment.get`` and its
``error_response`` (``error_code``, ``error_msg``, ``sub_code``); SF's ``EXP_RECE_CREATE_ORDER``
and ``EXP_RECE_SEARCH_ROUTES`` with gateway codes A1001-A1099, and the ``RoutePushService`` push.

    python -m tests.support.gateway_public_fresh     # prints the score and every difference
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from tests.support import gateway_public as g
from tests.support.gateway_public import Case
from tests.support.gateway_server import xml_answer

XML = "text/xml;charset=UTF-8"
TID = 4012345678901234567  # 19 digits, beyond 2**53
REFUNDS = "taobao.refunds.receive.get"
SHIP = "taobao.logistics.offline.send"
R = "/refunds_receive_get_response"
T = "/trade_fullinfo_get_response/trade"


def _refund(**more: Any) -> dict[str, Any]:
    """A refund as TOP's refunds.receive.get documents one (amounts as text, China time)."""
    return {"refund_id": "138206627361580", "tid": TID, "oid": TID + 1,
            "status": "WAIT_SELLER_AGREE", "order_status": "WAIT_SELLER_SEND_GOODS",
            "good_status": "BUYER_NOT_RECEIVED", "has_good_return": False,
            "refund_fee": "59.00", "payment": "59.00", "total_fee": "59.00", "num": 1,
            "title": "麦包包", "buyer_nick": "t**3", "created": "2024-07-12 10:00:00",
            "modified": "2024-07-12 10:05:00", **more}


def _refunds(*refunds: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"refunds_receive_get_response": {"total_results": len(refunds), "has_next": False,
                                             "refunds": {"refund": list(refunds)}, **more}}


_WINDOW = {"fields": "refund_id,tid,oid,status,order_status,good_status,has_good_return,"
                     "refund_fee,payment,total_fee,num,title,buyer_nick,created,modified",
           "start_modified": "2024-07-12 00:00:00", "end_modified": "2024-07-12 23:59:59",
           "page_no": "1", "page_size": "40", "use_has_next": "true"}
_SHIP = {"tid": str(TID), "out_sid": "SF1462053916511", "company_code": "SF"}
_SHIPPED = {"logistics_offline_send_response": {"shipping": {"is_success": True},
                                                "request_id": "ny1y3f1ah3vc"}}


def _fullinfo(**changes: Any) -> dict[str, Any]:
    return {"trade_fullinfo_get_response": {"trade": g._trade(TID, **changes)}}


def taobao_cases() -> Iterator[Case]:
    refunds = g._top(REFUNDS, _WINDOW)
    yield Case("fresh-top-refunds-clean", "taobao", g.TOP, {}, refunds, _refunds(_refund()), [])
    yield Case("fresh-top-refunds-status-outside-enum", "taobao", g.TOP, {}, refunds,
               _refunds(_refund(status="REFUND_SUCCESS")),
               [("field.unknown-enum", f"{R}/refunds/refund/0/status")])
    yield Case("fresh-top-refunds-tid-as-float", "taobao", g.TOP, {}, refunds,
               _refunds(_refund(tid=float(TID))),
               [("field.wrong-type", f"{R}/refunds/refund/0/tid")])
    yield Case("fresh-top-refunds-xml-clean", "taobao", g.TOP, {},
               g._top(REFUNDS, _WINDOW, format="xml"), xml_answer(_refunds(_refund())), [],
               answer_type=XML)
    yield Case("fresh-top-refunds-xml-has-next-not-boolean", "taobao", g.TOP, {},
               g._top(REFUNDS, _WINDOW, format="xml"),
               xml_answer(_refunds(_refund(), has_next="maybe")),
               [("field.wrong-type", f"{R}/has_next")], answer_type=XML)
    yield Case("fresh-top-refunds-request-status-outside-enum", "taobao", g.TOP, {},
               g._top(REFUNDS, {**_WINDOW, "status": "REFUNDING"}), _refunds(_refund()),
               [("field.unknown-enum", "request:/status")])
    fullinfo = g._top("taobao.trade.fullinfo.get", g._FULLINFO)
    yield Case("fresh-top-tid_str-not-its-tid", "taobao", g.TOP, {}, fullinfo,
               _fullinfo(tid_str=str(TID - 7)), [("field.mismatch", f"{T}/tid_str")])
    odd = _fullinfo()
    odd["trade_fullinfo_get_response"]["trade"]["orders"]["order"][0]["oid_str"] = str(TID)
    yield Case("fresh-top-oid_str-not-its-oid", "taobao", g.TOP, {}, fullinfo, odd,
               [("field.mismatch", f"{T}/orders/order/0/oid_str")])
    yield Case("fresh-top-tid-as-float-its-text-exact", "taobao", g.TOP, {}, fullinfo,
               _fullinfo(tid=float(TID)), [("field.wrong-type", f"{T}/tid")])
    yield Case("fresh-top-refunds-xml-asked-json-answered", "taobao", g.TOP, {},
               g._top(REFUNDS, _WINDOW, format="xml"), _refunds(_refund()),
               [("response.unexpected-format", "request:/format")])
    yield Case("fresh-top-small-tid-written-1234.0-clean", "taobao", g.TOP, {}, fullinfo,
               _fullinfo(tid=1234.0, tid_str="1234"), [])
    yield Case("fresh-top-ship-clean", "taobao", g.TOP, {}, g._top(SHIP, _SHIP), _SHIPPED, [])
    yield Case("fresh-top-ship-without-out_sid", "taobao", g.TOP, {},
               g._top(SHIP, {k: v for k, v in _SHIP.items() if k != "out_sid"}), _SHIPPED,
               [("field.missing", "request:/out_sid")])
    yield Case("fresh-top-ship-is_success-as-text", "taobao", g.TOP, {}, g._top(SHIP, _SHIP),
               {"logistics_offline_send_response": {"shipping": {"is_success": "true"}}},
               [("field.wrong-type", "/logistics_offline_send_response/shipping/is_success")])
    yield Case("fresh-top-ship-misspelt-method", "taobao", g.TOP, {},
               g._top("taobao.logistics.offline.sent", _SHIP), _SHIPPED,
               [("operation.undocumented", "request:/method")])
    refused = {"error_response": {"code": "15", "msg": "Remote service error",
                                  "sub_code": "isv.logistics-offline-service-error:B04",
                                  "sub_msg": "物流订单不存在"}}
    yield Case("fresh-top-ship-xml-refused", "taobao", g.TOP, {},
               g._top(SHIP, _SHIP, format="xml"), xml_answer(refused),
               [("response.in-band-error", "/error_response")], answer_type=XML)
    yield Case("fresh-top-ship-bad-sign", "taobao", g.TOP, {},
               g._top(SHIP, _SHIP, sign=g._BAD_SIGN), _SHIPPED,
               [("signature.invalid", "request:/sign")], signed=False)
    yield Case("fresh-top-ship-envelope-of-another-call", "taobao", g.TOP, {},
               g._top(SHIP, _SHIP), {"logistics_online_send_response": {
                   "shipping": {"is_success": True}}},
               [("response.unknown-envelope", "/logistics_offline_send_response")])
    yield from _batches()


def _batches() -> Iterator[Case]:
    fullinfo = f"method=taobao.trade.fullinfo.get&fields=tid%2Ctid_str%2Cstatus&tid={TID}"
    ship = f"method={SHIP}&tid={TID}&out_sid=SF1462053916511&company_code=SF"
    answers = [_fullinfo(), _SHIPPED]
    json_as_xml = g._batch("fresh-top-batch-json-labelled-xml", [fullinfo, ship], answers,
                           [("body.not-xml", None)])
    json_as_xml.answer_type = XML
    yield json_as_xml
    yield g._batch("fresh-top-batch-tid_str-mismatch", [ship, fullinfo],
                   [_SHIPPED, _fullinfo(tid_str="4012345678901234560")],
                   [("field.mismatch", f"/1{T}/tid_str")])
    yield g._batch("fresh-top-batch-misspelt-method", [fullinfo, ship.replace(
        "offline.send", "offline.snd")], answers,
                   [("operation.undocumented", "request:/1/method")])


# --- JD -----------------------------------------------------------------------------------------

def jd_cases() -> Iterator[Case]:
    search = g._jd("jingdong.pop.order.search", g._JD_SEARCH)
    clean = g._jd_answer(g._jd_order("24015678902"))
    counted = json.loads(json.dumps(clean))
    counted["jingdong_pop_order_search_responce"]["searchorderinfo_result"]["orderTotal"] = "1"
    yield Case("fresh-jd-order-total-as-text", "jd", g.JD, search, None, counted,
               [("field.wrong-type", "/jingdong_pop_order_search_responce"
                                     "/searchorderinfo_result/orderTotal")], method="GET")
    yield Case("fresh-jd-order-id-as-float", "jd", g.JD, search, None,
               g._jd_answer(g._jd_order(24015678902.0)),
               [("field.wrong-type", "/jingdong_pop_order_search_responce"
                                     "/searchorderinfo_result/orderInfoList/0/orderId")],
               method="GET")
    get = g._jd("jingdong.pop.order.get", {"order_id": "24015678902",
                                           "optional_fields": "orderId,orderState"})
    answer = {"jingdong_pop_order_get_responce": {"code": "0", "orderDetailInfo": {
        "apiResult": {"success": True, "englishErrCode": "success", "chineseErrCode": "成功",
                      "numberCode": 10100000},
        "orderInfo": g._jd_order("24015678902")}}}
    yield Case("fresh-jd-get-clean-form-post", "jd", g.JD, {}, get, answer, [])
    yield Case("fresh-jd-get-without-order_id", "jd", g.JD,
               g._jd("jingdong.pop.order.get", {"optional_fields": "orderId"}), None, answer,
               [("field.missing", "request:/360buy_param_json⟨json⟩/order_id")], method="GET")
    yield Case("fresh-jd-get-misspelt-method", "jd", g.JD,
               g._jd("jingdong.pop.order.gett", {"order_id": "24015678902"}), None, answer,
               [("operation.undocumented", "request:/method")], method="GET")
    refused = {"error_response": {"code": "19", "zh_desc": "无效签名",
                                  "en_desc": "Invalid signature"}}
    yield Case("fresh-jd-get-bad-sign", "jd", g.JD,
               g._jd("jingdong.pop.order.get", {"order_id": "24015678902"}, sign="C" * 32),
               None, refused, [("signature.invalid", "request:/sign")], method="GET",
               signed=False)
    yield Case("fresh-jd-param-json-not-json", "jd", g.JD,
               {**get, "360buy_param_json": "order_id=24015678902"}, None, answer,
               [("body.embedded-not-json", "request:/360buy_param_json")], method="GET")


# --- Pinduoduo ----------------------------------------------------------------------------------

_INCREMENT = {"start_updated_at": "1720745000", "end_updated_at": "1720746800",
              "is_lucky_flag": "0", "order_status": "5", "refund_status": "5",
              "page": "1", "page_size": "100", "use_has_next": "true"}
_K = "/order_sn_increment_get_response"


def _changed(*orders: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"order_sn_increment_get_response": {"total_count": len(orders), "has_next": False,
                                                "order_sn_list": list(orders), **more}}


def pinduoduo_cases() -> Iterator[Case]:
    increment = g._pdd("pdd.order.number.list.increment.get", _INCREMENT)
    yield Case("fresh-pdd-increment-clean", "pinduoduo", g.PDD, {}, increment,
               _changed(g._pdd_order()), [])
    missing = _changed(g._pdd_order())
    del missing["order_sn_increment_get_response"]["total_count"]
    yield Case("fresh-pdd-increment-without-total_count", "pinduoduo", g.PDD, {}, increment,
               missing, [("field.missing", f"{_K}/total_count")])
    yield Case("fresh-pdd-increment-refund-status-as-text", "pinduoduo", g.PDD, {}, increment,
               _changed(g._pdd_order(refund_status="1")),
               [("field.wrong-type", f"{_K}/order_sn_list/0/refund_status")])
    yield Case("fresh-pdd-list-increment-is-no-operation", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.list.increment.get", _INCREMENT), _changed(g._pdd_order()),
               [("operation.undocumented", "request:/type")])
    yield Case("fresh-pdd-increment-lucky-flag-outside-enum", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.number.list.increment.get",
                      {**_INCREMENT, "is_lucky_flag": "7"}), _changed(g._pdd_order()),
               [("field.unknown-enum", "request:/is_lucky_flag")])
    limited = {"error_response": {"error_code": 70031, "error_msg": "调用过于频繁",
                                  "sub_code": "70031", "sub_msg": "", "request_id": "17207"}}
    yield Case("fresh-pdd-increment-rate-limited", "pinduoduo", g.PDD, {}, increment, limited,
               [("response.in-band-error", "/error_response")])
    yield Case("fresh-pdd-increment-envelope-misnamed", "pinduoduo", g.PDD, {}, increment,
               {"order_sn_increment_get_resp": _changed(g._pdd_order())[_K[1:]]},
               [("response.unknown-envelope", _K)])
    yield Case("fresh-pdd-increment-json-body-bad-sign", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.number.list.increment.get", _INCREMENT, sign="D" * 32),
               {"error_response": {"error_code": 10016, "error_msg": "签名错误",
                                   "sub_code": None, "request_id": "17208"}},
               [("signature.invalid", "request:/sign")], signed=False,
               request_type="application/json", json_body=True)


# --- SF Express Fengqiao ------------------------------------------------------------------------

_ROUTES = {"language": "zh-CN", "trackingType": 1, "trackingNumber": ["SF1462053916511"],
           "methodType": 1}
PUSH = "https://hooks.seamguard-demo.cn/webhooks/sf-fengqiao/route-push"


def _routes(**route: Any) -> dict[str, Any]:
    return {"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": {
        "routeResps": [{"mailNo": "SF1462053916511", "routes": [
            {"acceptTime": "2024-07-13 08:35:20", "acceptAddress": "上海市",
             "remark": "快件交给王师傅正在派送途中", "opCode": "44", **route}]}]}}


def _push(**event: Any) -> dict[str, Any]:
    return {"Body": {"WaybillRoute": [{
        "id": "e7a92fef732c567", "mailno": "SF1462053916511", "orderid": "HS19823400201",
        "acceptTime": "2024-07-13 11:03:42", "acceptAddress": "上海市",
        "remark": "已签收感谢使用顺丰", "opCode": "80", "reasonCode": "", "reasonName": "",
        **event}]}}


def sf_cases() -> Iterator[Case]:
    routes = g._sf("EXP_RECE_SEARCH_ROUTES", _ROUTES)
    yield Case("fresh-sf-routes-clean", "sf-fengqiao", g.SF, {}, routes,
               g._sf_answer(_routes()), [])
    yield Case("fresh-sf-routes-remark-as-number", "sf-fengqiao", g.SF, {}, routes,
               g._sf_answer(_routes(remark=44)),
               [("field.wrong-type",
                 "/apiResultData⟨json⟩/msgData/routeResps/0/routes/0/remark")])
    yield Case("fresh-sf-routes-accept-time-iso", "sf-fengqiao", g.SF, {}, routes,
               g._sf_answer(_routes(acceptTime="2024-07-13T08:35:20+08:00")),
               [("field.wrong-format",
                 "/apiResultData⟨json⟩/msgData/routeResps/0/routes/0/acceptTime")])
    yield Case("fresh-sf-routes-no-permission-a1004", "sf-fengqiao", g.SF, {}, routes,
               g._sf_answer(None, "A1004", "无对应服务权限"),
               [("response.in-band-error", "/apiResultCode")])
    yield Case("fresh-sf-routes-result-data-html", "sf-fengqiao", g.SF, {}, routes,
               {**g._sf_answer(None), "apiResultData": "<html>系统繁忙</html>"},
               [("body.embedded-not-json", "/apiResultData")])
    yield Case("fresh-sf-create-bad-digest", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_CREATE_ORDER", g._SF_ORDER, msgDigest="BBBBBBBBBBBBBBBBBBBBBB=="),
               g._sf_answer(None, "A1006", "数字签名无效"),
               [("signature.invalid", "request:/msgDigest")], signed=False)
    gbk = json.dumps(g._sf_answer(_routes()), ensure_ascii=False).encode("gbk")
    yield Case("fresh-sf-routes-gbk-answer-labelled-utf8", "sf-fengqiao", g.SF, {}, routes, gbk,
               [("body.undecodable", None)])
    yield Case("fresh-sf-create-service-misspelt", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_CREATE_ORDERS", g._SF_ORDER), g._sf_answer(g._created()),
               [("operation.undocumented", "request:/serviceCode")])
    ack = {"return_code": "0000", "return_msg": "成功"}  # the receiver's answer: not judged
    yield Case("fresh-sf-route-push-clean", "sf-fengqiao", PUSH, {}, None, ack, [],
               signed=False, request_body=json.dumps(_push(), ensure_ascii=False),
               request_type="application/json;charset=UTF-8")
    yield Case("fresh-sf-route-push-opcode-as-number", "sf-fengqiao", PUSH, {}, None, ack,
               [("field.wrong-type", "/Body/WaybillRoute/0/opCode")], signed=False,
               request_body=json.dumps(_push(opCode=80), ensure_ascii=False),
               request_type="application/json;charset=UTF-8")


def cases() -> list[Case]:
    return [*taobao_cases(), *jd_cases(), *pinduoduo_cases(), *sf_cases()]


def main() -> int:
    return g.main(of=cases())


if __name__ == "__main__":
    sys.exit(main())
