"""A fourth set of gateway calls and pushes from the platforms' public documentation and SDK
samples, each with one planted violation or none: the integration's replies to SF's
``RoutePushService`` push (JSON ``return_code``/``return_msg``, XML ``<Response><Head>``) and
order-state push, which the platform reads to decide whether to push again (findings at
``response:/…``); TOP's ``taobao.trades.sold.increment.get`` paged with ``has_next`` and
``taobao.refund.get``; a TMC message relayed with a reply the contract gives no schema;
JD's ``jingdong.pop.order.get`` with ``orderDetailInfo``; Pinduoduo's order detail and its
refusals; SF's ``EXP_RECE_UPDATE_ORDER``; and calls of every platform that name no operation
(at the parameter the profile names: ``request:/method``, ``/type``, ``/serviceCode``).

    python -m tests.support.gateway_public_replies     # prints the score and every difference
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from tests.support import gateway_public as g
from tests.support.gateway_public import Case

HOOKS = "https://hooks.seamguard-demo.cn/webhooks"
ROUTE_PUSH = f"{HOOKS}/sf-fengqiao/route-push"
STATE_PUSH = f"{HOOKS}/sf-fengqiao/order-state"
TMC = f"{HOOKS}/taobao/tmc"
JSON_TYPE = "application/json;charset=UTF-8"
XML = "text/xml;charset=UTF-8"
TID = 3845120936412570
INC = "taobao.trades.sold.increment.get"
INC_K = "/trades_sold_increment_get_response"


def _route_push(**event: Any) -> str:
    return json.dumps({"Body": {"WaybillRoute": [{
        "id": "8cd94f8f3cca5e0", "mailno": "SF1462053916511", "orderid": "HS19823400201",
        "acceptTime": "2024-07-13 08:35:20", "acceptAddress": "上海市",
        "remark": "快件交给王师傅正在派送途中", "opCode": "44", "reasonCode": "",
        "reasonName": "", **event}]}}, ensure_ascii=False)


_XML_PUSH = ('<Request service="RoutePushService" lang="zh-CN"><Body>'
             '<WaybillRoute id="8cd94f8f3cca5e0" mailno="SF1462053916511" orderid="HS19823400201" '
             'acceptTime="2024-07-13 08:35:20" acceptAddress="上海市" remark="派送途中" '
             'opCode="44"/></Body></Request>')


def _state_push(**state: Any) -> str:
    return json.dumps({"requestId": "7a1f0c3e5b9d4e21", "timestamp": "1720847720000",
                       "orderState": [{"orderNo": "QIAO-20240712-006",
                                       "waybillNo": "SF7444400043266",
                                       "orderStateCode": "04-40001", "orderStateDesc": "已派单",
                                       "empCode": "123456", "netCode": "755A",
                                       "lastTime": "2024-07-13 09:02:00", **state}]},
                      ensure_ascii=False)


def _push(name: str, url: str, body: str, reply: Any, expected: g.Expected, *,
          reply_type: str = JSON_TYPE) -> Case:
    return Case(name, "sf-fengqiao" if "sf-fengqiao" in url else "taobao", url, {}, None,
                reply, expected, signed=False, request_body=body, request_type=JSON_TYPE,
                answer_type=reply_type)


def push_cases() -> Iterator[Case]:
    ok = {"return_code": "0000", "return_msg": "成功"}
    yield _push("reply-sf-route-push-return-code-0", ROUTE_PUSH, _route_push(),
                {"return_code": "0", "return_msg": "成功"},
                [("field.unknown-enum", "response:/return_code")])
    yield _push("reply-sf-route-push-return-code-as-number", ROUTE_PUSH, _route_push(),
                {"return_code": 0, "return_msg": "成功"},
                [("field.wrong-type", "response:/return_code")])
    yield _push("reply-sf-route-push-without-return-msg", ROUTE_PUSH, _route_push(),
                {"return_code": "0000"}, [("field.missing", "response:/return_msg")])
    yield _push("reply-sf-route-push-refused-1000-clean", ROUTE_PUSH, _route_push(),
                {"return_code": "1000", "return_msg": "系统繁忙"}, [])
    yield _push("reply-sf-route-push-empty-reply", ROUTE_PUSH, _route_push(), "",
                [("body.empty", "response:")])
    yield _push("reply-sf-route-push-event-and-reply-both-wrong", ROUTE_PUSH,
                _route_push(mailno=None), {"return_code": "OK", "return_msg": "成功"},
                [("field.wrong-type", "/Body/WaybillRoute/0/mailno"),
                 ("field.unknown-enum", "response:/return_code")])
    yield _push("reply-sf-route-push-clean", ROUTE_PUSH, _route_push(), ok, [])
    xml_push = Case("reply-sf-route-push-xml-head-ok-clean", "sf-fengqiao", ROUTE_PUSH, {},
                    {"content": _XML_PUSH},
                    '<Response service="RoutePushService"><Head>OK</Head></Response>', [],
                    signed=False, answer_type=XML)
    yield xml_push
    yield Case("reply-sf-route-push-xml-head-success", "sf-fengqiao", ROUTE_PUSH, {},
               {"content": _XML_PUSH},
               '<Response service="RoutePushService"><Head>SUCCESS</Head></Response>',
               [("field.unknown-enum", "response:/Response/Head")], signed=False,
               answer_type=XML)
    yield Case("reply-sf-route-push-xml-reply-cut-short", "sf-fengqiao", ROUTE_PUSH, {},
               {"content": _XML_PUSH}, '<Response service="RoutePushService"><Head>OK</Head>',
               [("body.not-xml", "response:")], signed=False, answer_type=XML)
    yield _push("reply-sf-route-push-html-reply", ROUTE_PUSH, _route_push(),
                "<html><body>success</body></html>",
                [("content-type.undeclared", "response:")], reply_type="text/html")
    # a reply labelled generically (PHP's echo says text/html) is read as what it is
    yield _push("reply-sf-route-push-json-as-text-plain-clean", ROUTE_PUSH, _route_push(), ok,
                [], reply_type="text/plain;charset=UTF-8")
    yield _push("reply-sf-route-push-json-as-text-html-return-code-0", ROUTE_PUSH,
                _route_push(), {"return_code": "0", "return_msg": "成功"},
                [("field.unknown-enum", "response:/return_code")],
                reply_type="text/html;charset=UTF-8")
    yield _push("reply-sf-route-push-plain-word-as-text-plain", ROUTE_PUSH, _route_push(),
                "success", [("content-type.undeclared", "response:")], reply_type="text/plain")
    state_ok = {"success": "true", "code": "0", "msg": "成功"}
    yield _push("reply-sf-order-state-clean", STATE_PUSH, _state_push(), state_ok, [])
    yield _push("reply-sf-order-state-success-as-boolean", STATE_PUSH, _state_push(),
                {"success": True, "code": "0", "msg": "成功"},
                [("field.wrong-type", "response:/success")])
    yield _push("reply-sf-order-state-code-one-digit", STATE_PUSH,
                _state_push(orderStateCode="5"), state_ok,
                [("field.wrong-format", "/orderState/0/orderStateCode")])
    message = json.dumps({
        "id": 5120000001, "topic": "taobao_trade_TradeBuyerPay", "pub_app_key": "12497914",
        "pub_time": "2024-07-12 09:02:41", "user_id": 2206819847, "user_nick": "演示旗舰店",
        "outgoing_id": 6100000001, "content": json.dumps(
            {"tid": TID, "seller_nick": "演示旗舰店", "buyer_nick": "t**6", "payment": "536.00",
             "status": "WAIT_SELLER_SEND_GOODS", "type": "guarantee_trade"})},
        ensure_ascii=False)
    yield _push("reply-top-tmc-relay-any-reply-clean", TMC, message, "ok", [],
                reply_type="text/plain")


def _trades(*trades: dict[str, Any], has_next: Any = True) -> dict[str, Any]:
    return {"trades_sold_increment_get_response": {
        "has_next": has_next, "trades": {"trade": list(trades)}, "request_id": "zt8a5fwpn8kq"}}


_WINDOW = {"fields": "tid,tid_str,status,type,payment,post_fee,created,modified,pay_time,"
                     "buyer_nick,num,orders",
           "start_modified": "2024-07-10 13:00:00", "end_modified": "2024-07-10 13:30:00",
           "page_no": "1", "page_size": "100", "use_has_next": "true"}


def _refund(**more: Any) -> dict[str, Any]:
    return {"refund_get_response": {"refund": {
        "refund_id": "138206627361580", "tid": TID, "oid": TID + 2, "status": "SUCCESS",
        "order_status": "TRADE_FINISHED", "good_status": "BUYER_RETURNED_GOODS",
        "has_good_return": True, "refund_phase": "aftersale", "refund_fee": "158.00",
        "payment": "158.00", "num": 1, "created": "2024-07-08 10:00:00",
        "modified": "2024-07-10 15:30:00", **more}, "request_id": "10ssmz8y2lwfd"}}


def call_cases() -> Iterator[Case]:
    window = g._top(INC, _WINDOW)
    yield Case("reply-top-increment-has-next-clean", "taobao", g.TOP, {}, window,
               _trades(g._trade(TID)), [])
    yield Case("reply-top-increment-has-next-as-text", "taobao", g.TOP, {}, window,
               _trades(g._trade(TID), has_next="true"),
               [("field.wrong-type", f"{INC_K}/has_next")])
    yield Case("reply-top-increment-without-end", "taobao", g.TOP, {},
               g._top(INC, {k: v for k, v in _WINDOW.items() if k != "end_modified"}),
               _trades(g._trade(TID)), [("field.missing", "request:/end_modified")])
    yield Case("reply-top-increment-use-has-next-yes", "taobao", g.TOP, {},
               g._top(INC, {**_WINDOW, "use_has_next": "yes"}), _trades(g._trade(TID)),
               [("field.wrong-type", "request:/use_has_next")])
    yield Case("reply-top-increment-payment-as-number", "taobao", g.TOP, {}, window,
               _trades(g._trade(TID, payment=200.07)),
               [("field.wrong-type", f"{INC_K}/trades/trade/0/payment")])
    get = g._top("taobao.refund.get", {"fields": "refund_id,tid,oid,status,refund_phase",
                                       "refund_id": "138206627361580"})
    yield Case("reply-top-refund-clean", "taobao", g.TOP, {}, get, _refund(), [])
    yield Case("reply-top-refund-phase-outside-enum", "taobao", g.TOP, {}, get,
               _refund(refund_phase="during"),
               [("field.unknown-enum", "/refund_get_response/refund/refund_phase")])
    yield Case("reply-top-refund-id-not-a-number", "taobao", g.TOP, {},
               g._top("taobao.refund.get", {"fields": "refund_id", "refund_id": "R13820662"}),
               _refund(), [("field.wrong-type", "request:/refund_id")])
    yield Case("reply-top-refund-no-method", "taobao", g.TOP, {},
               g._top("-", {"fields": "refund_id", "refund_id": "138206627361580"}),
               _refund(), [("operation.name-missing", "request:/method")])
    jd_get = g._jd("jingdong.pop.order.get", {"order_id": "24015678902",
                                              "optional_fields": "orderId,orderState"})
    detail = {"jingdong_pop_order_get_responce": {"code": "0", "orderDetailInfo": {
        "apiResult": {"success": True, "englishErrCode": "success", "chineseErrCode": "成功",
                      "numberCode": 10100000},
        "orderInfo": g._jd_order("24015678902")}}}
    yield Case("reply-jd-get-clean", "jd", g.JD, jd_get, None, detail, [], method="GET")
    odd = json.loads(json.dumps(detail))
    odd["jingdong_pop_order_get_responce"]["orderDetailInfo"]["apiResult"]["success"] = "true"
    yield Case("reply-jd-get-api-result-success-as-text", "jd", g.JD, jd_get, None, odd,
               [("field.wrong-type", "/jingdong_pop_order_get_responce/orderDetailInfo"
                                     "/apiResult/success")], method="GET")
    yield Case("reply-jd-no-method", "jd", g.JD,
               {k: v for k, v in jd_get.items() if k != "method"}, None, detail,
               [("operation.name-missing", "request:/method")], method="GET")
    order = {"order_sn": "240712-418203966371058"}
    info = {"order_info_get_response": {"order_info": g._pdd_order(), "request_id": "r9"}}
    yield Case("reply-pdd-info-pay-amount-as-text", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.information.get", order),
               {"order_info_get_response": {"order_info": g._pdd_order(pay_amount="516.00")}},
               [("field.wrong-type", "/order_info_get_response/order_info/pay_amount")])
    yield Case("reply-pdd-no-type", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.information.get", order, type="-"), info,
               [("operation.name-missing", "request:/type")])
    yield Case("reply-pdd-empty-type", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.information.get", order, type=""), info,
               [("operation.name-missing", "request:/type")])
    update = {"orderId": "QIAO-20240712-006", "dealType": 2, "language": "zh-CN"}
    updated = {"success": True, "errorCode": "S0000", "errorMsg": None,
               "msgData": {"orderId": "QIAO-20240712-006", "resStatus": 2}}
    yield Case("reply-sf-update-clean", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_UPDATE_ORDER", update), g._sf_answer(updated), [])
    yield Case("reply-sf-update-deal-type-as-text", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_UPDATE_ORDER", {**update, "dealType": "2"}),
               g._sf_answer(updated),
               [("field.wrong-type", "request:/msgData⟨json⟩/dealType")])
    yield Case("reply-sf-update-res-status-3", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_UPDATE_ORDER", update),
               g._sf_answer({**updated, "msgData": {"orderId": "QIAO-20240712-006",
                                                    "resStatus": 3}}),
               [("field.unknown-enum", "/apiResultData⟨json⟩/msgData/resStatus")])
    yield Case("reply-sf-no-service-code", "sf-fengqiao", g.SF, {},
               {k: v for k, v in g._sf("EXP_RECE_UPDATE_ORDER", update).items()
                if k != "serviceCode"}, g._sf_answer(updated),
               [("operation.name-missing", "request:/serviceCode")])


def cases() -> list[Case]:
    return [*push_cases(), *call_cases()]


def main() -> int:
    return g.main(of=cases())


if __name__ == "__main__":
    sys.exit(main())
