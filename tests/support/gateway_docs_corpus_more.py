"""More calls of the fifth gateway corpus (``gateway_docs_corpus``): undeclared fields in
JSON, in XML, inside embedded JSON and in requests; charsets declared wrongly either way; a
batch request in GBK; business verdicts inside success keys; second elements of XML pushes, big
ids as floats inside embedded JSON, objects where the protocol wants a string."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote, urlencode

from tests.support import gateway_public as g
from tests.support.gateway_docs_corpus import (
    _JD_GET,
    _JK,
    _LIST,
    _LK,
    _R,
    _REFUND_ASK,
    _ROUTES,
    _SEND,
    _SHIP,
    _SHIPPED,
    _UPDATE,
    JSON_TYPE,
    REFUND,
    RK,
    ROUTE_PUSH,
    STATE_PUSH,
    TID,
    XML,
    _detail,
    _increment,
    _listed,
    _push,
    _refund,
    _route_push,
    _routes,
    _state,
    _tmc,
    _tmc_case,
    _updated,
)
from tests.support.gateway_public import Case
from tests.support.gateway_server import xml_answer


def more_cases() -> Iterator[Case]:
    """Undeclared fields (in JSON, in XML, inside embedded JSON, in requests), charsets
    declared wrongly, a batch request in GBK and the business verdicts inside success keys."""
    get = g._top(REFUND, _REFUND_ASK)
    yield Case("docs-top-refund-undeclared-field", "taobao", g.TOP, {}, get,
               _refund(refund_remark="破损"), [("field.undeclared", f"{RK}/refund_remark")])
    yield Case("docs-top-refund-xml-undeclared-field", "taobao", g.TOP, {},
               g._top(REFUND, _REFUND_ASK, format="xml"), xml_answer(_refund(refund_remark="x")),
               [("field.undeclared", f"{RK}/refund_remark")], answer_type=XML)
    yield Case("docs-top-refund-request-undeclared-param", "taobao", g.TOP, {},
               g._top(REFUND, {**_REFUND_ASK, "refund_ids": "1"}), _refund(),
               [("field.undeclared", "request:/refund_ids")])
    shipped = {"tid": TID, "seller_nick": "演示旗舰店", "status": "WAIT_BUYER_CONFIRM_GOODS",
               "ship_time": "2024-08-01 10:11:00"}
    yield _tmc_case("docs-tmc-content-undeclared-field",
                    _tmc("taobao_trade_TradeSellerShip", shipped),
                    [("field.undeclared", "/content⟨json⟩/ship_time")])
    yield Case("docs-jd-get-undeclared-field", "jd", g.JD, g._jd("jingdong.pop.order.get", _JD_GET),
               None, _detail(orderSellerMemo="x"),
               [("field.undeclared", f"{_JK}/orderDetailInfo/orderInfo/orderSellerMemo")],
               method="GET")
    verdict = json.loads(json.dumps(_detail()))
    verdict["jingdong_pop_order_get_responce"]["orderDetailInfo"]["apiResult"] = {
        "success": False, "englishErrCode": "order not exist", "chineseErrCode": "订单不存在",
        "numberCode": 10200004}
    del verdict["jingdong_pop_order_get_responce"]["orderDetailInfo"]["orderInfo"]
    yield Case("docs-jd-get-verdict-false", "jd", g.JD, g._jd("jingdong.pop.order.get", _JD_GET),
               None, verdict,
               [("response.in-band-error", f"{_JK}/orderDetailInfo/apiResult/success")],
               method="GET")
    yield Case("docs-jd-get-param-json-undeclared", "jd", g.JD,
               g._jd("jingdong.pop.order.get", {**_JD_GET, "orderId": "1"}), None, _detail(),
               [("field.undeclared", "request:/360buy_param_json⟨json⟩/orderId")],
               method="GET")
    yield Case("docs-pdd-send-undeclared-answer-field", "pinduoduo", g.PDD, {},
               g._pdd("pdd.logistics.online.send", _SEND),
               {"logistics_online_send_response": {"is_success": True, "is_sucess": True}},
               [("field.undeclared", "/logistics_online_send_response/is_sucess")])
    gbk_answer = json.dumps(_listed(g._pdd_order()), ensure_ascii=False).encode("gbk")
    yield Case("docs-pdd-list-gbk-answer-labelled-utf8", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.list.get", _LIST), gbk_answer, [("body.undecodable", None)])
    yield Case("docs-pdd-list-gbk-answer-no-charset", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.list.get", _LIST), gbk_answer,
               [("body.charset-undeclared", None)], answer_type="application/json")
    yield Case("docs-sf-routes-undeclared-in-msgdata", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_SEARCH_ROUTES", _ROUTES), g._sf_answer(_routes(mailno="x")),
               [("field.undeclared", f"{_R}/mailno")])
    yield Case("docs-sf-update-request-undeclared-in-msgdata", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_UPDATE_ORDER", {**_UPDATE, "dealtype": 2}),
               g._sf_answer(_updated()),
               [("field.undeclared", "request:/msgData⟨json⟩/dealtype")])
    sf = g._sf("EXP_RECE_CREATE_ORDER", g._SF_ORDER)
    sf["msgDigest"] = g.sign_form("sf-fengqiao", sf)
    yield Case("docs-sf-gbk-form-declared-utf8", "sf-fengqiao", g.SF, {}, None,
               g._sf_answer(g._created()), [("body.undecodable", None)], signed=False,
               request_body=urlencode(sf, encoding="gbk").encode("ascii"),
               request_type="application/x-www-form-urlencoded;charset=UTF-8")
    yield Case("docs-sf-utf8-form-declared-gbk", "sf-fengqiao", g.SF, {}, None,
               g._sf_answer(g._created()), [("body.undecodable", None)], signed=False,
               request_body=urlencode(sf).encode("ascii"),
               request_type="application/x-www-form-urlencoded;charset=GBK")
    calls = [f"method={REFUND}&fields=refund_id%2Cstatus&refund_id=149203857261093",
             "method=taobao.trades.sold.increment.get&fields=tid&start_modified=2024-08-01 "
             "10:00:00&end_modified=2024-08-01 10:30:00&buyer_nick=淘宝买家"]
    escaped = [calls[0], calls[1].replace("淘宝买家", quote("淘宝买家", encoding="gbk"))]
    escaped_gbk = g._batch("docs-top-batch-percent-encoded-gbk-request-no-charset", escaped,
                           [_refund(), _increment(g._trade(TID))],
                           [("body.charset-undeclared", None)])
    escaped_gbk.request_type = "text/plain"
    yield escaped_gbk
    yield g._batch("docs-top-batch-percent-encoded-gbk-request-declared-utf8", escaped,
                   [_refund(), _increment(g._trade(TID))], [("body.undecodable", None)])
    batch = g._batch("docs-top-batch-gbk-request-no-charset", calls,
                     [_refund(), _increment(g._trade(TID))], [("body.charset-undeclared", None)])
    assert isinstance(batch.request_body, str)
    batch.request_body = batch.request_body.encode("gbk")
    batch.request_type = "text/plain"
    yield batch


def edge_cases() -> Iterator[Case]:
    """Second elements, big ids as floats inside embedded JSON, unknown push topics, objects
    where the protocol wants a string, XML answers of a shipping call."""
    two = ('<Request service="RoutePushService" lang="zh-CN"><Body>'
           '<WaybillRoute id="a1" mailno="SF1320487569231" orderid="QIAO-1" '
           'acceptTime="2024-08-02 07:40:11" acceptAddress="杭州市" remark="已收取" opCode="50"/>'
           '<WaybillRoute id="a2" mailno="SF1320487569231" orderid="QIAO-1" '
           'acceptTime="2024/08/02 15:02:33" acceptAddress="杭州市" remark="已签收" opCode="80"/>'
           '</Body></Request>')
    yield Case("docs-sf-route-push-xml-second-event-time", "sf-fengqiao", ROUTE_PUSH, {},
               {"content": two},
               '<Response service="RoutePushService"><Head>OK</Head></Response>',
               [("field.wrong-format",
                 "/content⟨xml⟩/Request/Body/WaybillRoute/1/acceptTime")],
               signed=False, answer_type=XML)
    shipped = {"tid": float(TID), "seller_nick": "演示旗舰店"}
    yield _tmc_case("docs-tmc-content-tid-as-float",
                    _tmc("taobao_trade_TradeSellerShip", shipped),
                    [("field.wrong-type", "/content⟨json⟩/tid")])
    yield _push("docs-sf-route-push-without-opcode", ROUTE_PUSH,
                json.dumps({"Body": {"WaybillRoute": [{
                    k: v for k, v in json.loads(_route_push())["Body"]["WaybillRoute"][0]
                    .items() if k != "opCode"}]}}, ensure_ascii=False),
                [("field.missing", "/Body/WaybillRoute/0/opCode")],
                {"return_code": "0000", "return_msg": "成功"})
    routes = g._sf("EXP_RECE_SEARCH_ROUTES", _ROUTES)
    yield Case("docs-sf-routes-result-data-as-object", "sf-fengqiao", g.SF, {}, routes,
               {**g._sf_answer(None), "apiResultData": _routes()},
               [("body.embedded-not-json", "/apiResultData")])
    yield Case("docs-sf-routes-answer-without-api-result-code", "sf-fengqiao", g.SF, {},
               routes, {k: v for k, v in g._sf_answer(_routes()).items()
                        if k != "apiResultCode"},
               [("response.unknown-envelope", "/apiResultData⟨json⟩/msgData")])
    gbk = json.dumps(g._sf_answer(_routes()), ensure_ascii=False).encode("gbk")
    yield Case("docs-sf-routes-gbk-answer-no-charset", "sf-fengqiao", g.SF, {}, routes, gbk,
               [("body.charset-undeclared", None)], answer_type="application/json")
    xml = g._top(REFUND, _REFUND_ASK, format="xml")
    yield Case("docs-top-refund-xml-gbk-declared-utf8", "taobao", g.TOP, {}, xml,
               xml_answer(_refund()).encode("gbk"), [("body.undecodable", None)],
               answer_type="text/xml")
    yield Case("docs-top-refund-xml-gbk-no-declaration", "taobao", g.TOP, {}, xml,
               xml_answer(_refund()).split("?>", 1)[1].encode("gbk"),
               [("body.charset-undeclared", None)], answer_type="text/xml")
    yield Case("docs-top-refund-utf8-answer-labelled-gbk", "taobao", g.TOP, {},
               g._top(REFUND, _REFUND_ASK), json.dumps(_refund(), ensure_ascii=False).encode(),
               [("body.undecodable", None)], answer_type="application/json;charset=GBK")
    yield Case("docs-top-refund-xml-utf8-labelled-gbk", "taobao", g.TOP, {}, xml,
               xml_answer(_refund()).encode(), [("body.undecodable", None)],
               answer_type="text/xml;charset=GBK")
    yield Case("docs-sf-routes-utf8-answer-labelled-gbk", "sf-fengqiao", g.SF, {}, routes,
               json.dumps(g._sf_answer(_routes()), ensure_ascii=False).encode(),
               [("body.undecodable", None)], answer_type="application/json;charset=GBK")
    yield Case("docs-sf-order-state-utf8-labelled-gbk", "sf-fengqiao", STATE_PUSH, {}, None,
               {"success": "true", "code": "0", "msg": "成功"}, [("body.undecodable", None)],
               signed=False, request_body=_state().encode(),
               request_type="application/json;charset=GBK")
    ship = g._top("taobao.logistics.offline.send", _SHIP, format="xml")
    yield Case("docs-top-ship-xml-clean", "taobao", g.TOP, {}, ship, xml_answer(_SHIPPED), [],
               answer_type=XML)
    yield Case("docs-top-ship-hmac-named-md5-signed", "taobao", g.TOP, {},
               {**g._top("taobao.logistics.offline.send", _SHIP, sign_method="hmac"),
                "sign": g.sign_form("taobao", g._top("taobao.logistics.offline.send", _SHIP))},
               _SHIPPED, [("signature.invalid", "request:/sign")], signed=False)
    listing = g._pdd("pdd.order.list.get", _LIST)
    yield Case("docs-pdd-list-has-next-as-text", "pinduoduo", g.PDD, {}, listing,
               {"order_list_get_response": {**_listed(g._pdd_order())[_LK[1:]],
                                            "has_next": "false"}},
               [("field.wrong-type", f"{_LK}/has_next")])
    yield Case("docs-jd-get-param-json-order-id-missing-and-number", "jd", g.JD,
               g._jd("jingdong.pop.order.get", {"optional_fields": 1}), None, _detail(),
               [("field.missing", "request:/360buy_param_json⟨json⟩/order_id"),
                ("field.wrong-type", "request:/360buy_param_json⟨json⟩/optional_fields")],
               method="GET")
    reply = json.dumps({"return_code": "0000", "return_msg": "成功"}, ensure_ascii=False)
    for name, label, expected in (
            ("no-charset", "application/json", ("body.charset-undeclared", "response:")),
            ("labelled-utf8", "application/json;charset=UTF-8",
             ("body.undecodable", "response:"))):
        yield Case(f"docs-sf-route-push-gbk-reply-{name}", "sf-fengqiao", ROUTE_PUSH, {},
                   None, reply.encode("gbk"), [expected], signed=False,
                   request_body=_route_push(), request_type=JSON_TYPE, answer_type=label)
