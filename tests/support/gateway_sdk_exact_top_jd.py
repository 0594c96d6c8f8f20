"""The TOP and JD calls of the SDK-built gateway corpus (``gateway_sdk_exact``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tests.support import gateway_public as g
from tests.support.gateway_public import Case
from tests.support.gateway_sdk_exact import (
    JD,
    TOP,
    WRONG_SECRET,
    top_hmac,
    wrapped_md5,
)

# --- Taobao TOP ---------------------------------------------------------------------------------

TID = 3893012843715928374  # 19 digits, beyond 2**53


def _system(method: str, **more: str) -> dict[str, str]:
    """The system parameters TOP's Python SDK puts in the URL (milliseconds, its partner_id)."""
    return {"method": method, "app_key": "23478650", "session": "<redacted>",
            "timestamp": "1720750511000", "format": "json", "v": "2.0", "sign_method": "md5",
            "partner_id": "top-sdk-python-20200924", **more}


def _trade(**more: Any) -> dict[str, Any]:
    return {"tid": TID, "tid_str": str(TID), "status": "WAIT_BUYER_CONFIRM_GOODS",
            "type": "fixed", "payment": "89.90", "post_fee": "0.00", "total_fee": "89.90",
            "num": 1, "num_iid": 706512389012, "title": "纯棉四件套",
            "created": "2024-07-11 21:04:13", "modified": "2024-07-12 09:15:40",
            "pay_time": "2024-07-11 21:04:30", "consign_time": "2024-07-12 09:15:40",
            "buyer_nick": "z**8", "seller_nick": "家纺旗舰店", "orders": {"order": [
                {"oid": TID + 7, "oid_str": str(TID + 7), "num_iid": 706512389012,
                 "title": "纯棉四件套", "num": 1, "price": "89.90", "payment": "89.90",
                 "status": "WAIT_BUYER_CONFIRM_GOODS", "refund_status": "NO_REFUND"}]},
            **more}


def _fullinfo(**more: Any) -> dict[str, Any]:
    return {"trade_fullinfo_get_response": {"trade": _trade(**more),
                                            "request_id": "16l9xjo4y1ch7"}}


_FULL = {"fields": "tid,tid_str,status,type,payment,post_fee,total_fee,num,num_iid,title,"
                   "created,modified,pay_time,consign_time,buyer_nick,seller_nick,orders",
         "tid": str(TID)}
_INCR = {"fields": "tid,status,payment,modified", "start_modified": "2024-07-12 09:00:00",
         "end_modified": "2024-07-12 09:30:00", "page_no": "1", "page_size": "100",
         "use_has_next": "true"}


def _signed_top(method: str, business: dict[str, str], signature: str, **system: str,
                ) -> tuple[dict[str, str], dict[str, str]]:
    """(URL parameters, form) of a TOP call carrying ``signature`` as its ``sign``."""
    return {**_system(method, **system), "sign": signature}, dict(business)


def _top_sign(method: str, business: dict[str, str], **how: Any) -> str:
    return wrapped_md5({**_system(method), **business}, g.SECRETS["taobao"], **how)


def taobao_cases() -> Iterator[Case]:
    full = "taobao.trade.fullinfo.get"
    yield Case("sdk-top-py-sdk-fullinfo-clean", "taobao", TOP, _system(full), dict(_FULL),
               _fullinfo(), [])
    php = _system(full, partner_id="top-sdk-php-20180326", timestamp="2024-07-12 10:15:11")
    yield Case("sdk-top-php-sdk-fullinfo-clean", "taobao", TOP, php, dict(_FULL), _fullinfo(), [])
    for algorithm in ("hmac", "hmac-sha256"):
        params = {**_system(full, sign_method=algorithm), **_FULL}
        query, form = _signed_top(full, _FULL, top_hmac(params, g.SECRETS["taobao"], algorithm),
                                  sign_method=algorithm)
        yield Case(f"sdk-top-{algorithm}-clean", "taobao", TOP, query, form, _fullinfo(), [],
                   signed=False)
    query, form = _signed_top(full, _FULL, _top_sign(full, _FULL, lower=True))
    yield Case("sdk-top-sign-lower-case-hex-clean", "taobao", TOP, query, form, _fullinfo(), [],
               signed=False)
    bad = wrapped_md5({**_system(full), **_FULL}, WRONG_SECRET)
    query, form = _signed_top(full, _FULL, bad)
    yield Case("sdk-top-sign-wrong-secret", "taobao", TOP, query, form, _fullinfo(),
               [("signature.invalid", "request:/sign")], signed=False)
    query, form = _signed_top(full, _FULL, _top_sign(full, _FULL, sort=False))
    yield Case("sdk-top-sign-unsorted", "taobao", TOP, query, form,
               {"error_response": {"code": 25, "msg": "Invalid signature",
                                   "request_id": "3tq4w9bf0j1w"}},
               [("signature.invalid", "request:/sign")], signed=False)
    query, form = _signed_top(full, _FULL, _top_sign(full, _FULL, encode=True))
    yield Case("sdk-top-sign-over-encoded-values", "taobao", TOP, query, form, _fullinfo(),
               [("signature.invalid", "request:/sign")], signed=False)
    gone = {"error_response": {"code": 15, "msg": "Remote service error",
                               "sub_code": "isv.trade-not-exist",
                               "sub_msg": "交易不存在", "request_id": "zt7ssxr5fu2b"}}
    yield Case("sdk-top-trade-not-exist", "taobao", TOP, _system(full), dict(_FULL), gone,
               [("response.in-band-error", "/error_response")])
    limited = {"error_response": {"code": 7, "msg": "App Call Limited",
                                  "sub_code": "accesscontrol.limited-by-app-access-count",
                                  "sub_msg": "This ban will last for 1 more seconds"}}
    yield Case("sdk-top-call-limited", "taobao", TOP, _system(full), dict(_FULL), limited,
               [("response.in-band-error", "/error_response")])
    yield Case("sdk-top-method-typo", "taobao", TOP, _system("taobao.trade.fullinfo.gets"),
               dict(_FULL), _fullinfo(), [("operation.undocumented", "request:/method")],
               tags=("suggest:taobao.trade.fullinfo.get",))
    yield Case("sdk-top-trade-get-not-in-pack", "taobao", TOP, _system("taobao.trade.get"),
               {"fields": "tid,status", "tid": str(TID)},
               {"trade_get_response": {"trade": {"tid": TID, "status": "TRADE_FINISHED"}}},
               [("operation.undocumented", "request:/method")],
               tags=("suggest:taobao.trade.fullinfo.get",))
    yield Case("sdk-top-companies-not-in-pack", "taobao", TOP,
               _system("taobao.logistics.companies.get"), {"fields": "id,code,name"},
               {"logistics_companies_get_response": {"logistics_companies": {
                   "logistics_company": [{"id": 505, "code": "SF", "name": "顺丰速运"}]}}},
               [("operation.undocumented", "request:/method")])
    yield Case("sdk-top-status-outside-enum", "taobao", TOP, _system(full), dict(_FULL),
               _fullinfo(status="TRADE_FINISH"),
               [("field.unknown-enum", "/trade_fullinfo_get_response/trade/status")])
    yield Case("sdk-top-num-as-text", "taobao", TOP, _system(full), dict(_FULL),
               _fullinfo(num="1"),
               [("field.wrong-type", "/trade_fullinfo_get_response/trade/num")])
    yield Case("sdk-top-payment-without-cents", "taobao", TOP, _system(full), dict(_FULL),
               _fullinfo(payment="89.9元"),
               [("field.wrong-format", "/trade_fullinfo_get_response/trade/payment")])
    yield Case("sdk-top-created-iso", "taobao", TOP, _system(full), dict(_FULL),
               _fullinfo(created="2024-07-11T21:04:13+08:00"),
               [("field.wrong-format", "/trade_fullinfo_get_response/trade/created")])
    without = {k: v for k, v in _FULL.items() if k != "fields"}
    yield Case("sdk-top-request-without-fields", "taobao", TOP, _system(full), without,
               _fullinfo(), [("field.missing", "request:/fields")])
    incr = "taobao.trades.sold.increment.get"
    page = {"trades_sold_increment_get_response": {
        "total_results": 1, "has_next": False,
        "trades": {"trade": [{"tid": TID, "status": "WAIT_BUYER_CONFIRM_GOODS",
                              "payment": "89.90", "modified": "2024-07-12 09:15:40"}]}}}
    yield Case("sdk-top-increment-clean", "taobao", TOP, _system(incr), dict(_INCR), page, [])
    yield Case("sdk-top-increment-page-size-text", "taobao", TOP, _system(incr),
               {**_INCR, "page_size": "一百"}, page,
               [("field.wrong-type", "request:/page_size")])
    yield Case("sdk-top-increment-window-slashes", "taobao", TOP, _system(incr),
               {**_INCR, "start_modified": "2024/07/12 09:00:00"}, page,
               [("field.wrong-format", "request:/start_modified")])
    dup = json.dumps(_fullinfo())[:-2] + ', "request_id": "16l9xjo4y1ch8"}}'
    yield Case("sdk-top-answer-duplicate-key", "taobao", TOP, _system(full), dict(_FULL), dup,
               [("body.duplicate-key", "/trade_fullinfo_get_response")])
    yield Case("sdk-top-answer-gbk-declared-utf8", "taobao", TOP, _system(full), dict(_FULL),
               json.dumps(_fullinfo(), ensure_ascii=False).encode("gbk"),
               [("body.undecodable", None)])
    yield from _tmc_cases()
    shipped = {"logistics_offline_send_response": {"shipping": {"is_success": "true"}}}
    yield Case("sdk-top-offline-send-verdict-as-text", "taobao", TOP,
               _system("taobao.logistics.offline.send"),
               {"tid": str(TID), "out_sid": "SF1462053916511", "company_code": "SF"}, shipped,
               [("field.wrong-type",
                 "/logistics_offline_send_response/shipping/is_success")])


TMC = "https://hooks.seamguard-demo.cn/webhooks/taobao/tmc"


def _tmc(content: str, **more: Any) -> str:
    """A TMC message as TOP's Java SDK's TmcClient hands it over, relayed as JSON."""
    return json.dumps({"id": 5130000077, "topic": "taobao_trade_TradeSellerShip",
                       "pub_app_key": "12497914", "pub_time": "2024-07-12 09:15:41",
                       "user_id": 2206819847, "user_nick": "家纺旗舰店",
                       "outgoing_id": 6100000077, "content": content, **more},
                      ensure_ascii=False)


def _tmc_cases() -> Iterator[Case]:
    shipped = json.dumps({"tid": TID, "oid": TID + 7, "seller_nick": "家纺旗舰店",
                          "buyer_nick": "z**8", "payment": "89.90",
                          "status": "WAIT_BUYER_CONFIRM_GOODS", "type": "fixed"},
                         ensure_ascii=False)
    for name, content, expected in [
            ("sdk-top-tmc-ship-clean", shipped, []),
            ("sdk-top-tmc-ship-duplicate-key", shipped[:-1] + ', "status": "TRADE_FINISHED"}',
             [("body.duplicate-key", "/content⟨json⟩")]),
            ("sdk-top-tmc-ship-payment-as-number", shipped.replace('"89.90"', "89.9"),
             [("field.wrong-type", "/content⟨json⟩/payment")])]:
        yield Case(name, "taobao", TMC, {}, None, "ok", expected, signed=False,
                   request_body=_tmc(content), request_type="application/json;charset=UTF-8",
                   answer_type="text/plain")


# --- JD -----------------------------------------------------------------------------------------

_JD_SEARCH = {"start_date": "2024-07-12 00:00:00", "end_date": "2024-07-12 23:59:59",
              "order_state": "WAIT_SELLER_STOCK_OUT,WAIT_GOODS_RECEIVE_CONFIRM",
              "optional_fields": "orderId,venderId,orderState,orderTotalPrice,modified",
              "page": "1", "page_size": "50", "sortType": 1, "dateType": 0}


def _jd(method: str, business: dict[str, Any], *, raw: str | None = None,
        **system: str) -> dict[str, str]:
    """A call as JD's Java SDK sends it: milliseconds and offset in the time stamp, compact
    JSON in ``360buy_param_json``."""
    return {"method": method, "app_key": "8AE31F2C5D7B4A9E0C6D1B3F5A7E9C2D",
            "access_token": "<redacted>", "timestamp": "2024-07-12 14:02:31.417+0800",
            "v": "2.0", "360buy_param_json": raw if raw is not None else json.dumps(
                business, ensure_ascii=False, separators=(",", ":")), **system}


def _jd_order(**more: Any) -> dict[str, Any]:
    return {"orderId": "301938274615", "venderId": "10233911",
            "orderState": "WAIT_SELLER_STOCK_OUT", "orderTotalPrice": "129.00",
            "modified": "2024-07-12 13:58:02", **more}


def _jd_page(*orders: dict[str, Any], total: Any = None, success: bool = True) -> dict[str, Any]:
    return {"jingdong_pop_order_search_responce": {"code": "0", "searchorderinfo_result": {
        "apiResult": {"success": success, "englishErrCode": "success" if success else
                      "param error", "chineseErrCode": "成功" if success else "参数错误",
                      "numberCode": 10100000 if success else 10200001},
        "orderTotal": len(orders) if total is None else total,
        "orderInfoList": list(orders)}}}


def _jd_signed(params: dict[str, str], secret: str, **how: Any) -> dict[str, str]:
    return {**params, "sign": wrapped_md5(params, secret, **how)}


def jd_cases() -> Iterator[Case]:
    search = "jingdong.pop.order.search"
    page = _jd_page(_jd_order())
    yield Case("sdk-jd-java-sdk-search-clean", "jd", JD, _jd(search, _JD_SEARCH), None, page, [],
               method="GET")
    yield Case("sdk-jd-form-post-clean", "jd", JD, {}, _jd(search, _JD_SEARCH), page, [])
    spaced = json.dumps(_JD_SEARCH, ensure_ascii=False)  # Python's default: spaces after , :
    yield Case("sdk-jd-param-json-with-spaces-clean", "jd", JD, _jd(search, {}, raw=spaced), None,
               page, [], method="GET")
    params = _jd(search, _JD_SEARCH)
    yield Case("sdk-jd-sign-lower-case-hex-clean", "jd", JD,
               _jd_signed(params, g.SECRETS["jd"], lower=True), None, page, [], method="GET",
               signed=False)
    yield Case("sdk-jd-sign-wrong-secret", "jd", JD, _jd_signed(params, WRONG_SECRET), None,
               {"error_response": {"code": "19", "zh_desc": "无效签名",
                                   "en_desc": "Invalid signature"}},
               [("signature.invalid", "request:/sign")], method="GET", signed=False)
    yield Case("sdk-jd-sign-over-encoded-json", "jd", JD,
               _jd_signed(params, g.SECRETS["jd"], encode=True), None, page,
               [("signature.invalid", "request:/sign")], method="GET", signed=False)
    yield Case("sdk-jd-sign-unsorted", "jd", JD, _jd_signed(params, g.SECRETS["jd"], sort=False),
               None, page, [("signature.invalid", "request:/sign")], method="GET",
               signed=False)
    yield Case("sdk-jd-token-expired", "jd", JD, params, None,
               {"error_response": {"code": "61", "zh_desc": "access_token已过期",
                                   "en_desc": "access_token expired"}},
               [("response.in-band-error", "/error_response")], method="GET")
    yield Case("sdk-jd-error-code-as-number", "jd", JD, params, None,
               {"error_response": {"code": 67, "zh_desc": "平台连接后端服务不可用",
                                   "en_desc": "Platform service unavailable"}},
               [("response.in-band-error", "/error_response")], method="GET")
    yield Case("sdk-jd-verdict-false", "jd", JD, params, None, _jd_page(success=False),
               [("response.in-band-error", "/jingdong_pop_order_search_responce"
                                           "/searchorderinfo_result/apiResult/success")],
               method="GET")
    yield Case("sdk-jd-method-typo", "jd", JD, _jd("jingdong.pop.order.serach", _JD_SEARCH),
               None, page, [("operation.undocumented", "request:/method")], method="GET",
               tags=("suggest:jingdong.pop.order.search",))
    yield Case("sdk-jd-ware-not-in-pack", "jd", JD,
               _jd("jingdong.ware.read.findWareById", {"wareId": 100033459002}), None,
               {"jingdong_ware_read_findWareById_responce": {"code": "0", "ware": {
                   "wareId": 100033459002, "title": "龙井绿茶礼盒"}}},
               [("operation.undocumented", "request:/method")], method="GET")
    yield Case("sdk-jd-request-date-iso", "jd", JD,
               _jd(search, {**_JD_SEARCH, "start_date": "2024-07-12T00:00:00"}), None, page,
               [("field.wrong-format", "request:/360buy_param_json⟨json⟩/start_date")],
               method="GET")
    yield Case("sdk-jd-request-sort-type-outside-enum", "jd", JD,
               _jd(search, {**_JD_SEARCH, "sortType": 2}), None, page,
               [("field.unknown-enum", "request:/360buy_param_json⟨json⟩/sortType")],
               method="GET")
    without = {k: v for k, v in _JD_SEARCH.items() if k != "end_date"}
    yield Case("sdk-jd-request-without-end-date", "jd", JD, _jd(search, without), None, page,
               [("field.missing", "request:/360buy_param_json⟨json⟩/end_date")], method="GET")
    dup = json.dumps(_JD_SEARCH, ensure_ascii=False,
                     separators=(",", ":"))[:-1] + ',"page":"2"}'
    yield Case("sdk-jd-param-json-duplicate-key", "jd", JD, _jd(search, {}, raw=dup), None, page,
               [("body.duplicate-key", "request:/360buy_param_json⟨json⟩")], method="GET")
    yield Case("sdk-jd-order-total-as-text", "jd", JD, params, None,
               _jd_page(_jd_order(), total="1"),
               [("field.wrong-type", "/jingdong_pop_order_search_responce"
                                     "/searchorderinfo_result/orderTotal")], method="GET")
    yield Case("sdk-jd-order-state-outside-enum", "jd", JD, params, None,
               _jd_page(_jd_order(orderState="WAIT_SELLER_STOCKOUT")),
               [("field.unknown-enum", "/jingdong_pop_order_search_responce"
                                       "/searchorderinfo_result/orderInfoList/0/orderState")],
               method="GET")
    yield Case("sdk-jd-order-without-id", "jd", JD, params, None,
               _jd_page({k: v for k, v in _jd_order().items() if k != "orderId"}),
               [("field.missing", "/jingdong_pop_order_search_responce"
                                  "/searchorderinfo_result/orderInfoList/0/orderId")],
               method="GET")
    yield Case("sdk-jd-answer-gbk-declared-utf8", "jd", JD, params, None,
               json.dumps(_jd_page(_jd_order(orderStateRemark="等待出库")),
                          ensure_ascii=False).encode("gbk"),
               [("body.undecodable", None)], method="GET")
    get = _jd("jingdong.pop.order.get", {"order_id": "301938274615",
                                         "optional_fields": "orderId,orderState"})
    yield Case("sdk-jd-get-verdict-false", "jd", JD, get, None,
               {"jingdong_pop_order_get_responce": {"code": "0", "orderDetailInfo": {
                   "apiResult": {"success": False, "englishErrCode": "order not exist",
                                 "chineseErrCode": "订单不存在", "numberCode": 10200010}}}},
               [("response.in-band-error", "/jingdong_pop_order_get_responce"
                                           "/orderDetailInfo/apiResult/success")],
               method="GET")
