"""Documented calls of the four gateways written the way older or Windows-built integrations
write them: a GET whose query string is percent-encoded in GBK with no charset named anywhere
(TOP's older SDKs and hand-built URLs), a JSON text that starts with a UTF-8 byte-order mark
(.NET's ``Encoding.UTF8``, a Windows editor) in an answer, a request, a push, a push's reply,
a batch answer or a JSON text inside a string, and GBK answers under no charset.

Each call's expected findings were written from the rules (RFC 8259 on the mark, the URL
standard on percent-encoding) before the calls were run. ``python -m
tests.support.gateway_docs_charsets`` prints the score; the calls are also part of the fifth
gateway corpus (``gateway_docs_corpus``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from tests.support import gateway_public as g
from tests.support.gateway_docs_corpus import (
    _JD_GET,
    _JK,
    _LIST,
    _LK,
    _R,
    _REFUND_ASK,
    _ROUTES,
    JSON_TYPE,
    REFUND,
    RK,
    ROUTE_PUSH,
    STATE_PUSH,
    TID,
    _detail,
    _listed,
    _refund,
    _route_push,
    _routes,
    _state,
    _tmc,
    _tmc_case,
)
from tests.support.gateway_public import Case
from tests.support.gateway_server import xml_answer

BOM = "\ufeff"
_SOLD_ASK = {"fields": "tid,status,payment", "start_created": "2024-07-01 00:00:00",
             "end_created": "2024-07-02 00:00:00", "page_no": "1", "page_size": "40",
             "buyer_nick": "淘宝买家"}
_SK = "/trades_sold_get_response/trades/trade/0"


def _sold(**trade: Any) -> dict[str, Any]:
    return {"trades_sold_get_response": {"total_results": 1, "has_next": False,
                                         "trades": {"trade": [g._trade(TID, **trade)]}}}


def _gbk_get(name: str, answer: Any, expected: g.Expected, tail: str = "") -> Case:
    """TOP's trades.sold.get as a GET whose query is percent-encoded in GBK, signed over the
    text (as the SDKs sign), with no Content-Type at all."""
    params = g._top("taobao.trades.sold.get", _SOLD_ASK)
    signed = {**params, "sign": g.sign_form("taobao", params)}
    return Case(name, "taobao", f"{g.TOP}?{urlencode(signed, encoding='gbk')}{tail}", {}, None,
                answer, expected, method="GET", signed=False)


def _marked(document: Any) -> str:
    return BOM + json.dumps(document, ensure_ascii=False)


def taobao_cases() -> Iterator[Case]:
    yield _gbk_get("docs-top-sold-get-gbk-query-no-charset", _sold(),
                   [("body.charset-undeclared", None)])
    yield _gbk_get("docs-top-sold-get-gbk-query-payment-as-number", _sold(payment=200.07),
                   [("body.charset-undeclared", None), ("field.wrong-type", f"{_SK}/payment")])
    yield _gbk_get("docs-top-sold-get-query-in-no-charset", _sold(),
                   [("body.undecodable", None)], tail="&buyer_memo=%FF%FE%FF")
    get = g._top(REFUND, _REFUND_ASK)
    yield Case("docs-top-refund-answer-bom", "taobao", g.TOP, {}, get,
               _marked(_refund()).encode(), [("body.byte-order-mark", None)])
    yield Case("docs-top-refund-answer-bom-fee-as-number", "taobao", g.TOP, {}, get,
               _marked(_refund(refund_fee=88.0)).encode(),
               [("body.byte-order-mark", None), ("field.wrong-type", f"{RK}/refund_fee")])
    yield Case("docs-top-refund-xml-answer-bom", "taobao", g.TOP, {},
               g._top(REFUND, _REFUND_ASK, format="xml"), (BOM + xml_answer(_refund())).encode(),
               [], answer_type="text/xml;charset=UTF-8")
    shipped = {"tid": TID, "oid": TID + 1, "seller_nick": "演示旗舰店", "buyer_nick": "t**6",
               "payment": "88.00", "status": "WAIT_BUYER_CONFIRM_GOODS", "type": "fixed"}
    yield _tmc_case("docs-tmc-seller-ship-content-bom",
                    _tmc("taobao_trade_TradeSellerShip", _marked(shipped)),
                    [("body.byte-order-mark", "/content")])
    calls = [f"method={REFUND}&fields=refund_id%2Cstatus&refund_id=149203857261093"] * 2
    batch = g._batch("docs-top-batch-answer-bom", calls, [_refund(), _refund()],
                     [("body.byte-order-mark", None)])
    batch.answer = BOM + batch.answer
    yield batch


def jd_cases() -> Iterator[Case]:
    get = g._jd("jingdong.pop.order.get", _JD_GET)
    yield Case("docs-jd-get-answer-bom", "jd", g.JD, get, None, _marked(_detail()).encode(),
               [("body.byte-order-mark", None)], method="GET")
    yield Case("docs-jd-get-gbk-answer-no-charset", "jd", g.JD, get, None,
               json.dumps(_detail(), ensure_ascii=False).encode("gbk"),
               [("body.charset-undeclared", None)], method="GET",
               answer_type="application/json")
    marked = {**get, "360buy_param_json": BOM + get["360buy_param_json"]}
    yield Case("docs-jd-get-param-json-bom", "jd", g.JD, marked, None, _detail(),
               [("body.byte-order-mark", "request:/360buy_param_json")], method="GET")
    yield Case("docs-jd-get-answer-bom-state-as-number", "jd", g.JD, get, None,
               _marked(_detail(orderState=8)).encode(),
               [("body.byte-order-mark", None),
                ("field.wrong-type", f"{_JK}/orderDetailInfo/orderInfo/orderState")],
               method="GET")


def pinduoduo_cases() -> Iterator[Case]:
    listing = g._pdd("pdd.order.list.get", _LIST)
    yield Case("docs-pdd-list-answer-bom", "pinduoduo", g.PDD, {}, listing,
               _marked(_listed(g._pdd_order())).encode(), [("body.byte-order-mark", None)])
    signed = {**listing, "sign": g.sign_form("pinduoduo", listing)}
    yield Case("docs-pdd-list-json-request-bom", "pinduoduo", g.PDD, {}, None,
               _listed(g._pdd_order()), [("body.byte-order-mark", None)], signed=False,
               request_body=_marked(signed).encode(), request_type="application/json")
    yield Case("docs-pdd-list-answer-bom-has-next-as-text", "pinduoduo", g.PDD, {}, listing,
               _marked({"order_list_get_response": {
                   **_listed(g._pdd_order())[_LK[1:]], "has_next": "false"}}).encode(),
               [("body.byte-order-mark", None), ("field.wrong-type", f"{_LK}/has_next")])


def sf_cases() -> Iterator[Case]:
    routes = g._sf("EXP_RECE_SEARCH_ROUTES", _ROUTES)
    inside = {**g._sf_answer(None), "apiResultData": _marked(_routes())}
    yield Case("docs-sf-routes-result-data-bom", "sf-fengqiao", g.SF, {}, routes, inside,
               [("body.byte-order-mark", "/apiResultData")])
    wrong = {**g._sf_answer(None), "apiResultData": _marked(_routes(mailNo=1320487569231))}
    yield Case("docs-sf-routes-result-data-bom-mailno-as-number", "sf-fengqiao", g.SF, {},
               routes, wrong, [("body.byte-order-mark", "/apiResultData"),
                               ("field.wrong-type", f"{_R}/mailNo")])
    refused = {**g._sf_answer(None), "apiResultData": _marked(
        {"success": False, "errorCode": "8018", "errorMsg": "未获取到订单信息", "msgData": None})}
    yield Case("docs-sf-routes-result-data-bom-refused", "sf-fengqiao", g.SF, {}, routes,
               refused, [("response.in-band-error", "/apiResultData⟨json⟩/success"),
                         ("body.byte-order-mark", "/apiResultData")])
    yield Case("docs-sf-routes-answer-bom", "sf-fengqiao", g.SF, {}, routes,
               _marked(g._sf_answer(_routes())).encode(), [("body.byte-order-mark", None)])
    marked = {**routes, "msgData": BOM + routes["msgData"]}
    yield Case("docs-sf-routes-msgdata-bom", "sf-fengqiao", g.SF, {}, marked,
               g._sf_answer(_routes()), [("body.byte-order-mark", "request:/msgData")])
    yield Case("docs-sf-order-state-push-bom", "sf-fengqiao", STATE_PUSH, {}, None,
               {"success": "true", "code": "0", "msg": "成功"}, [("body.byte-order-mark", None)],
               signed=False, request_body=(BOM + _state()).encode(), request_type=JSON_TYPE)
    yield Case("docs-sf-route-push-reply-bom", "sf-fengqiao", ROUTE_PUSH, {}, None,
               _marked({"return_code": "0000", "return_msg": "成功"}).encode(),
               [("body.byte-order-mark", "response:")], signed=False,
               request_body=_route_push(), request_type=JSON_TYPE,
               answer_type="application/json;charset=UTF-8")


def cases() -> list[Case]:
    return [*taobao_cases(), *jd_cases(), *pinduoduo_cases(), *sf_cases()]


def main() -> int:
    return g.main(of=cases())


if __name__ == "__main__":
    sys.exit(main())
