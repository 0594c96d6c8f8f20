"""More gateway calls from the platforms' public documentation and SDK examples, each with one
planted violation or none (see ``gateway_public``): TOP answers in XML (``format=xml``) and in
the simplified form (``simplify=true``), calls sent as a GET, JD's form POST and HMAC signing,
Pinduoduo's JSON body, SF's OAuth-less unsigned call; and the request side's protocol rules
(time stamp format, version, signing method, charset)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from tests.support import gateway_public as g
from tests.support.gateway_public import Case
from tests.support.gateway_server import xml_answer

XML = "text/xml;charset=UTF-8"
BIG = 2345678901234567891
FULLINFO = "taobao.trade.fullinfo.get"


def _fullinfo(**system: str) -> dict[str, str]:
    return g._top(FULLINFO, g._FULLINFO, **system)


def _answer(**changes: Any) -> dict[str, Any]:
    return {"trade_fullinfo_get_response": {"trade": g._trade(BIG, **changes)}}


def taobao_cases() -> Iterator[Case]:
    answer = _answer()
    yield Case("top-xml-clean", "taobao", g.TOP, {}, _fullinfo(format="xml"),
               xml_answer(answer), [], answer_type=XML)
    yield Case("top-xml-count-not-a-number", "taobao", g.TOP, {}, _fullinfo(format="xml"),
               xml_answer(_answer(num="one")),
               [("field.wrong-type", "/trade_fullinfo_get_response/trade/num")], answer_type=XML)
    session = {"error_response": {"code": "27", "msg": "Invalid session",
                                  "sub_code": "invalid-sessionkey"}}
    yield Case("top-xml-in-band-error", "taobao", g.TOP, {}, _fullinfo(format="xml"),
               xml_answer(session), [("response.in-band-error", "/error_response")],
               answer_type=XML)
    refused = {"error_response": {"code": "25", "msg": "Invalid signature"}}
    yield Case("top-xml-bad-sign-refused", "taobao", g.TOP, {},
               _fullinfo(format="xml", sign=g._BAD_SIGN), xml_answer(refused),
               [("signature.invalid", "request:/sign")], answer_type=XML, signed=False)
    trade = g._trade(BIG)
    bare = {**trade, "orders": trade["orders"]["order"]}  # simplify=true: lists come bare
    simplified = g._top(FULLINFO, {**g._FULLINFO, "simplify": "true"})
    yield Case("top-simplified-clean", "taobao", g.TOP, {}, simplified, {"trade": bare}, [])
    yield Case("top-simplified-error", "taobao", g.TOP, {}, simplified,
               {"code": 27, "msg": "Invalid session", "sub_code": "invalid-sessionkey"},
               [("response.in-band-error", "/code")])
    yield Case("top-unknown-sign-method", "taobao", g.TOP, {},
               _fullinfo(sign_method="sha1", sign=g._BAD_SIGN), answer,
               [("signature.invalid", "request:/sign_method")], signed=False)
    yield Case("top-iso-timestamp", "taobao", g.TOP, {},
               _fullinfo(timestamp="2024-07-12T10:05:11+08:00"), answer,
               [("field.wrong-format", "request:/timestamp")])
    yield Case("top-version-1", "taobao", g.TOP, {}, _fullinfo(v="1.0"), answer,
               [("interaction.unknown-version", "request:/v")])
    yield Case("top-no-method", "taobao", g.TOP, {}, g._top("-", g._FULLINFO), answer,
               [("operation.name-missing", "request:/method")])
    yield Case("top-get-clean", "taobao", g.TOP, _fullinfo(), None, answer, [], method="GET")
    gbk = json.dumps(_answer(title="麦包包"), ensure_ascii=False).encode("gbk")
    yield Case("top-answer-gbk-declared-utf8", "taobao", g.TOP, {}, _fullinfo(), gbk,
               [("body.undecodable", None)])
    # GBK without a charset (older endpoints): JSON is UTF-8 (RFC 8259), so it is said; the
    # body is still read (as the GBK it is) and checked
    yield Case("top-answer-gbk-undeclared", "taobao", g.TOP, {}, _fullinfo(), gbk,
               [("body.charset-undeclared", None)], answer_type="application/json")
    yield Case("top-answer-gbk-undeclared-status-outside-enum", "taobao", g.TOP, {},
               _fullinfo(), json.dumps(_answer(title="麦包包", status="WAIT_SELLER_SEND"),
                                       ensure_ascii=False).encode("gbk"),
               [("body.charset-undeclared", None),
                ("field.unknown-enum", "/trade_fullinfo_get_response/trade/status")],
               answer_type="application/json")
    yield Case("top-undeclared-field", "taobao", g.TOP, {}, _fullinfo(),
               _answer(buyer_rate_new=True),
               [("field.undeclared", "/trade_fullinfo_get_response/trade/buyer_rate_new")])
    yield Case("top-status-outside-enum", "taobao", g.TOP, {}, _fullinfo(),
               _answer(status="WAIT_SELLER_SEND"),
               [("field.unknown-enum", "/trade_fullinfo_get_response/trade/status")])
    nick = {"fields": "tid,status,payment", "buyer_nick": "淘宝买家", "page_no": "1"}
    signed = g._top("taobao.trades.sold.get", nick)
    signed["sign"] = g.sign_form("taobao", signed)
    sold = {"trades_sold_get_response": {"total_results": 1, "trades": {"trade": [trade]}}}
    yield Case("top-utf8-form-declared-gbk", "taobao", g.TOP, {}, None, sold,
               [("body.undecodable", None)], signed=False,
               request_body=urlencode(signed).encode("ascii"),
               request_type="application/x-www-form-urlencoded;charset=GBK")
    yield Case("top-gbk-form-declared-gbk-clean", "taobao", g.TOP, {}, None, sold, [],
               signed=False, request_body=urlencode(signed, encoding="gbk").encode("ascii"),
               request_type="application/x-www-form-urlencoded;charset=GBK")
    yield Case("top-gateway-502", "taobao", g.TOP, {}, _fullinfo(), "<html>502</html>",
               [("status.undocumented", None)], status=502, answer_type="text/html")


def _jd_get(order_id: Any) -> dict[str, Any]:
    return {"jingdong_pop_order_get_responce": {"code": "0", "orderDetailInfo": {
        "apiResult": {"success": True, "englishErrCode": "success", "chineseErrCode": "成功",
                      "numberCode": 10100000},
        "orderInfo": g._jd_order(order_id)}}}


def jd_cases() -> Iterator[Case]:
    found = g._jd_answer(g._jd_order("23145678901"))
    get = g._jd("jingdong.pop.order.get", {"order_id": "23145678901",
                                           "optional_fields": "orderId"})
    yield Case("jd-get-clean", "jd", g.JD, get, None, _jd_get("23145678901"), [], method="GET")
    yield Case("jd-get-order-id-as-number", "jd", g.JD, get, None, _jd_get(23145678901),
               [("field.wrong-type",
                 "/jingdong_pop_order_get_responce/orderDetailInfo/orderInfo/orderId")],
               method="GET")
    broken = {**g._jd("jingdong.pop.order.search", g._JD_SEARCH),
              "360buy_param_json": "{start_date:"}
    yield Case("jd-param-json-not-json", "jd", g.JD, broken, None, found,
               [("body.embedded-not-json", "request:/360buy_param_json")], method="GET")
    search = g._jd("jingdong.pop.order.search", g._JD_SEARCH)
    misspelt = {"jingdong_pop_order_search_response":
                found["jingdong_pop_order_search_responce"]}
    yield Case("jd-response-key-misspelt", "jd", g.JD, search, None, misspelt,
               [("response.unknown-envelope", "/jingdong_pop_order_search_responce")],
               method="GET")
    yield Case("jd-gateway-code-not-zero", "jd", g.JD, search, None,
               {"jingdong_pop_order_search_responce": {"code": "100", "zh_desc": "失败",
                                                       "en_desc": "fail"}},
               [("response.in-band-error", "/jingdong_pop_order_search_responce/code")],
               method="GET")
    yield Case("jd-form-post-clean", "jd", g.JD, {}, search, found, [])
    hmac_signed = g._jd("jingdong.pop.order.search", g._JD_SEARCH, sign_method="HmacSHA256")
    yield Case("jd-hmac-sha256-clean", "jd", g.JD, hmac_signed, None, found, [], method="GET")


def pinduoduo_cases() -> Iterator[Case]:
    order = {"order_sn": "240712-418203966371058"}
    info = {"order_info_get_response": {"order_info": g._pdd_order()}}
    yield Case("pdd-json-body-clean", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.information.get", order), info, [],
               request_type="application/json", json_body=True)
    window = {"order_status": "5", "refund_status": "5", "start_confirm_at": "1720745000",
              "end_confirm_at": "1720746800", "page": "1", "page_size": "100"}
    yield Case("pdd-total-count-as-text", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.list.get", window),
               {"order_list_get_response": {"total_count": "1", "has_next": False,
                                            "order_list": [g._pdd_order()]}},
               [("field.wrong-type", "/order_list_get_response/total_count")])
    increment = {"start_updated_at": "1720745000", "end_updated_at": "1720748600",
                 "is_lucky_flag": "0", "order_status": "5", "refund_status": "5"}
    yield Case("pdd-window-too-long-refused", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.number.list.increment.get", increment),
               {"error_response": {"error_code": 50001, "error_msg": "业务服务错误",
                                   "sub_code": "50001", "sub_msg": "时间跨度不能超过30分钟",
                                   "request_id": "x"}},
               [("response.in-band-error", "/error_response")])
    yield Case("pdd-timestamp-in-milliseconds", "pinduoduo", g.PDD, {},
               g._pdd("pdd.order.information.get", order, timestamp="1720748054000"), info,
               [("field.wrong-format", "request:/timestamp")])


def sf_cases() -> Iterator[Case]:
    created = g._sf_answer(g._created())
    counted = {**g._SF_ORDER, "cargoDetails": [{**g._SF_ORDER["cargoDetails"][0],
                                                "count": "1"}]}
    yield Case("sf-cargo-count-as-text", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_CREATE_ORDER", counted), created,
               [("field.wrong-type", "request:/msgData⟨json⟩/cargoDetails/0/count")])
    yield Case("sf-msgData-not-json", "sf-fengqiao", g.SF, {},
               {**g._sf("EXP_RECE_CREATE_ORDER", g._SF_ORDER), "msgData": "orderId=1"},
               created, [("body.embedded-not-json", "request:/msgData")])
    yield Case("sf-apiResultData-not-json", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_CREATE_ORDER", g._SF_ORDER),
               {**g._sf_answer(None), "apiResultData": "{success:true"},
               [("body.embedded-not-json", "/apiResultData")])
    yield Case("sf-gateway-refusal-a1001", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_CREATE_ORDER", g._SF_ORDER),
               g._sf_answer(None, "A1001", "必传参数不可为空"),
               [("response.in-band-error", "/apiResultCode")])
    yield Case("sf-search-order-not-in-pack", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_SEARCH_ORDER_RESP", {"orderId": "QIAO-1", "searchType": "1",
                                                     "language": "zh-CN"}),
               g._sf_answer({"success": True, "errorCode": "S0000", "errorMsg": None,
                             "msgData": {"orderId": "QIAO-1"}}),
               [("operation.undocumented", "request:/serviceCode")])
    yield Case("sf-service-in-lower-case", "sf-fengqiao", g.SF, {},
               g._sf("exp_rece_create_order", g._SF_ORDER), created,
               [("operation.undocumented", "request:/serviceCode")])
    yield Case("sf-no-digest", "sf-fengqiao", g.SF, {},
               g._sf("EXP_RECE_CREATE_ORDER", g._SF_ORDER), created,
               [("signature.missing", "request:/msgDigest")], signed=False)
    gbk = urlencode(g._sf("EXP_RECE_CREATE_ORDER", g._SF_ORDER), encoding="gbk")
    yield Case("sf-gbk-form-declared-utf8", "sf-fengqiao", g.SF, {}, None, created,
               [("body.undecodable", None)], signed=False, request_body=gbk.encode("ascii"))


def cases() -> list[Case]:
    return [*taobao_cases(), *jd_cases(), *pinduoduo_cases(), *sf_cases()]
