"""Gateway calls as the platforms' own SDKs build them and as their SDK samples and API pages
answer them, each with one planted contract violation or none, scored for exact findings (code
and pointer; for a misspelt operation also the "did you mean" it must carry).

What the SDKs do, in our words, and what the cases take from it:

* TOP's Python and PHP SDKs put the system parameters (``app_key``, ``timestamp``, ``sign``,
  ``partner_id`` naming the SDK) in the URL and the operation's parameters in a form body, and
  sign over both; the Python SDK writes the time stamp in Unix milliseconds, the Java SDK
  ``yyyy-MM-dd HH:mm:ss``. ``sign_method`` ``md5`` wraps the sorted ``name``+``value`` text in
  the secret, ``hmac`` and ``hmac-sha256`` key an HMAC on it; the digest is hex, upper case in
  every SDK. Errors are ``error_response`` with ``code``, ``msg``, ``sub_code``, ``sub_msg``.
* JD's Java SDK sends ``method``, ``app_key``, ``access_token``, ``timestamp`` (with
  milliseconds and the offset), ``v`` 2.0 and the operation's parameters as one compact JSON
  text in ``360buy_param_json``; answers sit under ``<method>_responce`` with ``code`` "0", a
  refusal of the gateway is ``error_response`` with ``code``, ``zh_desc``, ``en_desc``.
* Pinduoduo's POP SDKs post ``type``, ``client_id``, ``timestamp`` (Unix seconds),
  ``data_type`` JSON, ``version`` V1 and the operation's parameters as one form, signed MD5 in
  upper-case hex; errors are ``error_response`` with ``error_code``, ``error_msg`` and
  ``sub_code``.
* SF Fengqiao's Java sample signs ``Base64(MD5(URLEncoder.encode(msgData + timestamp +
  checkword, "UTF-8")))``, its Python sample the same with ``quote_plus`` and a time stamp in
  seconds; ``apiResultCode`` A1000 is the gateway's yes, ``apiResultData`` a JSON text whose
  ``success`` and ``errorCode`` are the business verdict.

Every call is signed with the test secret unless its signature is the planted defect.

    python -m tests.support.gateway_sdk_exact       # prints the score and every difference
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, quote_plus, urlencode

from seamguard.contracts.catalog import ContractCatalog
from seamguard.project import find_project
from seamguard.recordings.cassettes import Cassette
from seamguard.verify import RecordedVerifier
from tests.support import gateway_public as g
from tests.support.gateway_public import Case
from tests.support.projects import REPO
from tests.support.record_gateways import SECRET_ENV

TOP = "https://gw.api.taobao.com/router/rest"
JD = "https://api.jd.com/routerjson"
PDD = "https://gw-api.pinduoduo.com/api/router"
SF = "https://sfapi.sf-express.com/std/service"
XML = "text/xml;charset=UTF-8"
WRONG_SECRET = "0123456789abcdef0123456789abcdef"


# --- signatures written the ways SDKs and hand-written clients get them right and wrong -------

def wrapped_md5(params: dict[str, str], secret: str, *, sort: bool = True,
                encode: bool = False, lower: bool = False) -> str:
    """MD5 of the secret, ``name``+``value`` of every parameter, and the secret again, in hex:
    TOP's, JD's and Pinduoduo's ``sign``. ``sort=False`` keeps the parameters' own order,
    ``encode`` signs their percent-encoded values, ``lower`` writes lower-case hex."""
    names = sorted(params) if sort else list(params)
    text = "".join(k + (quote(params[k], safe="") if encode else params[k]) for k in names
                   if params[k] != "")
    digest = hashlib.md5((secret + text + secret).encode("utf-8")).hexdigest()
    return digest if lower else digest.upper()


def top_hmac(params: dict[str, str], secret: str, algorithm: str) -> str:
    """TOP's ``hmac`` (HMAC-MD5) or ``hmac-sha256`` over the sorted ``name``+``value`` text."""
    text = "".join(k + params[k] for k in sorted(params) if params[k] != "")
    mod = hashlib.md5 if algorithm == "hmac" else hashlib.sha256
    return hmac.new(secret.encode(), text.encode("utf-8"), mod).hexdigest().upper()


def sf_digest(msg_data: str, timestamp: str, checkword: str, *, how: str = "java") -> str:
    """SF's ``msgDigest``: Base64(MD5(URL-encoded msgData + timestamp + checkword)); ``how``
    ``raw`` signs the text without encoding it, ``hex`` writes the MD5 as hex."""
    text = msg_data + timestamp + checkword
    if how == "raw":
        return base64.b64encode(hashlib.md5(text.encode()).digest()).decode()
    encoded = quote_plus(text, safe="*").replace("~", "%7E")
    if how == "hex":
        return hashlib.md5(encoded.encode()).hexdigest()
    return base64.b64encode(hashlib.md5(encoded.encode()).digest()).decode()


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
    yield Case("top-py-sdk-fullinfo-clean", "taobao", TOP, _system(full), dict(_FULL),
               _fullinfo(), [])
    php = _system(full, partner_id="top-sdk-php-20180326", timestamp="2024-07-12 10:15:11")
    yield Case("top-php-sdk-fullinfo-clean", "taobao", TOP, php, dict(_FULL), _fullinfo(), [])
    for algorithm in ("hmac", "hmac-sha256"):
        params = {**_system(full, sign_method=algorithm), **_FULL}
        query, form = _signed_top(full, _FULL, top_hmac(params, g.SECRETS["taobao"], algorithm),
                                  sign_method=algorithm)
        yield Case(f"top-{algorithm}-clean", "taobao", TOP, query, form, _fullinfo(), [],
                   signed=False)
    query, form = _signed_top(full, _FULL, _top_sign(full, _FULL, lower=True))
    yield Case("top-sign-lower-case-hex-clean", "taobao", TOP, query, form, _fullinfo(), [],
               signed=False)
    bad = wrapped_md5({**_system(full), **_FULL}, WRONG_SECRET)
    query, form = _signed_top(full, _FULL, bad)
    yield Case("top-sign-wrong-secret", "taobao", TOP, query, form, _fullinfo(),
               [("signature.invalid", "request:/sign")], signed=False)
    query, form = _signed_top(full, _FULL, _top_sign(full, _FULL, sort=False))
    yield Case("top-sign-unsorted", "taobao", TOP, query, form,
               {"error_response": {"code": 25, "msg": "Invalid signature",
                                   "request_id": "3tq4w9bf0j1w"}},
               [("signature.invalid", "request:/sign")], signed=False)
    query, form = _signed_top(full, _FULL, _top_sign(full, _FULL, encode=True))
    yield Case("top-sign-over-encoded-values", "taobao", TOP, query, form, _fullinfo(),
               [("signature.invalid", "request:/sign")], signed=False)
    gone = {"error_response": {"code": 15, "msg": "Remote service error",
                               "sub_code": "isv.trade-not-exist",
                               "sub_msg": "交易不存在", "request_id": "zt7ssxr5fu2b"}}
    yield Case("top-trade-not-exist", "taobao", TOP, _system(full), dict(_FULL), gone,
               [("response.in-band-error", "/error_response")])
    limited = {"error_response": {"code": 7, "msg": "App Call Limited",
                                  "sub_code": "accesscontrol.limited-by-app-access-count",
                                  "sub_msg": "This ban will last for 1 more seconds"}}
    yield Case("top-call-limited", "taobao", TOP, _system(full), dict(_FULL), limited,
               [("response.in-band-error", "/error_response")])
    yield Case("top-method-typo", "taobao", TOP, _system("taobao.trade.fullinfo.gets"),
               dict(_FULL), _fullinfo(), [("operation.undocumented", "request:/method")],
               tags=("suggest:taobao.trade.fullinfo.get",))
    yield Case("top-trade-get-not-in-pack", "taobao", TOP, _system("taobao.trade.get"),
               {"fields": "tid,status", "tid": str(TID)},
               {"trade_get_response": {"trade": {"tid": TID, "status": "TRADE_FINISHED"}}},
               [("operation.undocumented", "request:/method")],
               tags=("suggest:taobao.trade.fullinfo.get",))
    yield Case("top-companies-not-in-pack", "taobao", TOP,
               _system("taobao.logistics.companies.get"), {"fields": "id,code,name"},
               {"logistics_companies_get_response": {"logistics_companies": {
                   "logistics_company": [{"id": 505, "code": "SF", "name": "顺丰速运"}]}}},
               [("operation.undocumented", "request:/method")])
    yield Case("top-status-outside-enum", "taobao", TOP, _system(full), dict(_FULL),
               _fullinfo(status="TRADE_FINISH"),
               [("field.unknown-enum", "/trade_fullinfo_get_response/trade/status")])
    yield Case("top-num-as-text", "taobao", TOP, _system(full), dict(_FULL),
               _fullinfo(num="1"),
               [("field.wrong-type", "/trade_fullinfo_get_response/trade/num")])
    yield Case("top-payment-without-cents", "taobao", TOP, _system(full), dict(_FULL),
               _fullinfo(payment="89.9元"),
               [("field.wrong-format", "/trade_fullinfo_get_response/trade/payment")])
    yield Case("top-created-iso", "taobao", TOP, _system(full), dict(_FULL),
               _fullinfo(created="2024-07-11T21:04:13+08:00"),
               [("field.wrong-format", "/trade_fullinfo_get_response/trade/created")])
    without = {k: v for k, v in _FULL.items() if k != "fields"}
    yield Case("top-request-without-fields", "taobao", TOP, _system(full), without,
               _fullinfo(), [("field.missing", "request:/fields")])
    incr = "taobao.trades.sold.increment.get"
    page = {"trades_sold_increment_get_response": {
        "total_results": 1, "has_next": False,
        "trades": {"trade": [{"tid": TID, "status": "WAIT_BUYER_CONFIRM_GOODS",
                              "payment": "89.90", "modified": "2024-07-12 09:15:40"}]}}}
    yield Case("top-increment-clean", "taobao", TOP, _system(incr), dict(_INCR), page, [])
    yield Case("top-increment-page-size-text", "taobao", TOP, _system(incr),
               {**_INCR, "page_size": "一百"}, page,
               [("field.wrong-type", "request:/page_size")])
    yield Case("top-increment-window-slashes", "taobao", TOP, _system(incr),
               {**_INCR, "start_modified": "2024/07/12 09:00:00"}, page,
               [("field.wrong-format", "request:/start_modified")])
    dup = json.dumps(_fullinfo())[:-2] + ', "request_id": "16l9xjo4y1ch8"}}'
    yield Case("top-answer-duplicate-key", "taobao", TOP, _system(full), dict(_FULL), dup,
               [("body.duplicate-key", "/trade_fullinfo_get_response")])
    yield Case("top-answer-gbk-declared-utf8", "taobao", TOP, _system(full), dict(_FULL),
               json.dumps(_fullinfo(), ensure_ascii=False).encode("gbk"),
               [("body.undecodable", None)])
    yield from _tmc_cases()
    shipped = {"logistics_offline_send_response": {"shipping": {"is_success": "true"}}}
    yield Case("top-offline-send-verdict-as-text", "taobao", TOP,
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
            ("top-tmc-ship-clean", shipped, []),
            ("top-tmc-ship-duplicate-key", shipped[:-1] + ', "status": "TRADE_FINISHED"}',
             [("body.duplicate-key", "/content⟨json⟩")]),
            ("top-tmc-ship-payment-as-number", shipped.replace('"89.90"', "89.9"),
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
    yield Case("jd-java-sdk-search-clean", "jd", JD, _jd(search, _JD_SEARCH), None, page, [],
               method="GET")
    yield Case("jd-form-post-clean", "jd", JD, {}, _jd(search, _JD_SEARCH), page, [])
    spaced = json.dumps(_JD_SEARCH, ensure_ascii=False)  # Python's default: spaces after , :
    yield Case("jd-param-json-with-spaces-clean", "jd", JD, _jd(search, {}, raw=spaced), None,
               page, [], method="GET")
    params = _jd(search, _JD_SEARCH)
    yield Case("jd-sign-lower-case-hex-clean", "jd", JD,
               _jd_signed(params, g.SECRETS["jd"], lower=True), None, page, [], method="GET",
               signed=False)
    yield Case("jd-sign-wrong-secret", "jd", JD, _jd_signed(params, WRONG_SECRET), None,
               {"error_response": {"code": "19", "zh_desc": "无效签名",
                                   "en_desc": "Invalid signature"}},
               [("signature.invalid", "request:/sign")], method="GET", signed=False)
    yield Case("jd-sign-over-encoded-json", "jd", JD,
               _jd_signed(params, g.SECRETS["jd"], encode=True), None, page,
               [("signature.invalid", "request:/sign")], method="GET", signed=False)
    yield Case("jd-sign-unsorted", "jd", JD, _jd_signed(params, g.SECRETS["jd"], sort=False),
               None, page, [("signature.invalid", "request:/sign")], method="GET",
               signed=False)
    yield Case("jd-token-expired", "jd", JD, params, None,
               {"error_response": {"code": "61", "zh_desc": "access_token已过期",
                                   "en_desc": "access_token expired"}},
               [("response.in-band-error", "/error_response")], method="GET")
    yield Case("jd-error-code-as-number", "jd", JD, params, None,
               {"error_response": {"code": 67, "zh_desc": "平台连接后端服务不可用",
                                   "en_desc": "Platform service unavailable"}},
               [("response.in-band-error", "/error_response")], method="GET")
    yield Case("jd-verdict-false", "jd", JD, params, None, _jd_page(success=False),
               [("response.in-band-error", "/jingdong_pop_order_search_responce"
                                           "/searchorderinfo_result/apiResult/success")],
               method="GET")
    yield Case("jd-method-typo", "jd", JD, _jd("jingdong.pop.order.serach", _JD_SEARCH),
               None, page, [("operation.undocumented", "request:/method")], method="GET",
               tags=("suggest:jingdong.pop.order.search",))
    yield Case("jd-ware-not-in-pack", "jd", JD,
               _jd("jingdong.ware.read.findWareById", {"wareId": 100033459002}), None,
               {"jingdong_ware_read_findWareById_responce": {"code": "0", "ware": {
                   "wareId": 100033459002, "title": "龙井绿茶礼盒"}}},
               [("operation.undocumented", "request:/method")], method="GET")
    yield Case("jd-request-date-iso", "jd", JD,
               _jd(search, {**_JD_SEARCH, "start_date": "2024-07-12T00:00:00"}), None, page,
               [("field.wrong-format", "request:/360buy_param_json⟨json⟩/start_date")],
               method="GET")
    yield Case("jd-request-sort-type-outside-enum", "jd", JD,
               _jd(search, {**_JD_SEARCH, "sortType": 2}), None, page,
               [("field.unknown-enum", "request:/360buy_param_json⟨json⟩/sortType")],
               method="GET")
    without = {k: v for k, v in _JD_SEARCH.items() if k != "end_date"}
    yield Case("jd-request-without-end-date", "jd", JD, _jd(search, without), None, page,
               [("field.missing", "request:/360buy_param_json⟨json⟩/end_date")], method="GET")
    dup = json.dumps(_JD_SEARCH, ensure_ascii=False,
                     separators=(",", ":"))[:-1] + ',"page":"2"}'
    yield Case("jd-param-json-duplicate-key", "jd", JD, _jd(search, {}, raw=dup), None, page,
               [("body.duplicate-key", "request:/360buy_param_json⟨json⟩")], method="GET")
    yield Case("jd-order-total-as-text", "jd", JD, params, None,
               _jd_page(_jd_order(), total="1"),
               [("field.wrong-type", "/jingdong_pop_order_search_responce"
                                     "/searchorderinfo_result/orderTotal")], method="GET")
    yield Case("jd-order-state-outside-enum", "jd", JD, params, None,
               _jd_page(_jd_order(orderState="WAIT_SELLER_STOCKOUT")),
               [("field.unknown-enum", "/jingdong_pop_order_search_responce"
                                       "/searchorderinfo_result/orderInfoList/0/orderState")],
               method="GET")
    yield Case("jd-order-without-id", "jd", JD, params, None,
               _jd_page({k: v for k, v in _jd_order().items() if k != "orderId"}),
               [("field.missing", "/jingdong_pop_order_search_responce"
                                  "/searchorderinfo_result/orderInfoList/0/orderId")],
               method="GET")
    yield Case("jd-answer-gbk-declared-utf8", "jd", JD, params, None,
               json.dumps(_jd_page(_jd_order(orderStateRemark="等待出库")),
                          ensure_ascii=False).encode("gbk"),
               [("body.undecodable", None)], method="GET")
    get = _jd("jingdong.pop.order.get", {"order_id": "301938274615",
                                         "optional_fields": "orderId,orderState"})
    yield Case("jd-get-verdict-false", "jd", JD, get, None,
               {"jingdong_pop_order_get_responce": {"code": "0", "orderDetailInfo": {
                   "apiResult": {"success": False, "englishErrCode": "order not exist",
                                 "chineseErrCode": "订单不存在", "numberCode": 10200010}}}},
               [("response.in-band-error", "/jingdong_pop_order_get_responce"
                                           "/orderDetailInfo/apiResult/success")],
               method="GET")


# --- Pinduoduo ----------------------------------------------------------------------------------

def _pdd(kind: str, business: dict[str, str], **system: str) -> dict[str, str]:
    """A call as Pinduoduo's Java POP SDK posts it."""
    return {"type": kind, "client_id": "9b1e4c7a2d5f8e3b6a0c9d2e5f8a1b4c",
            "access_token": "<redacted>", "timestamp": "1720764151", "data_type": "JSON",
            "version": "V1", **business, **system}


_WINDOW = {"start_updated_at": "1720762200", "end_updated_at": "1720764000",
           "is_lucky_flag": "0", "order_status": "5", "refund_status": "5", "page": "1",
           "page_size": "100", "use_has_next": "true"}


def _pdd_order(**more: Any) -> dict[str, Any]:
    return {"order_sn": "240712-536018273645192", "order_status": 2, "refund_status": 1,
            "confirm_status": 1, "group_status": 1, "trade_type": 0,
            "created_time": "2024-07-12 11:20:05", "confirm_time": "2024-07-12 11:20:31",
            "pay_time": "2024-07-12 11:20:31", "shipping_time": "2024-07-12 15:02:44",
            "receive_time": "", "updated_at": "2024-07-12 15:02:44",
            "goods_amount": 59.8, "discount_amount": 5.0, "postage": 0.0, "pay_amount": 54.8,
            "tracking_number": "SF1462053916622", "logistics_id": 44,
            "item_list": [{"goods_id": 318204956211, "sku_id": 1193820465512,
                           "goods_name": "无线鼠标", "goods_count": 2, "goods_price": 29.9}],
            **more}


def _increment(*orders: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"order_sn_increment_get_response": {"total_count": len(orders), "has_next": False,
                                                "order_sn_list": list(orders), **more}}


def pinduoduo_cases() -> Iterator[Case]:
    incr = "pdd.order.number.list.increment.get"
    yield Case("pdd-java-sdk-increment-clean", "pinduoduo", PDD, {}, _pdd(incr, _WINDOW),
               _increment(_pdd_order()), [])
    info = {"order_info_get_response": {"order_info": _pdd_order(),
                                        "request_id": "17207641510918273"}}
    ask = {"order_sn": "240712-536018273645192"}
    yield Case("pdd-info-clean", "pinduoduo", PDD, {}, _pdd("pdd.order.information.get", ask),
               info, [])
    params = _pdd(incr, _WINDOW)
    yield Case("pdd-sign-lower-case-hex-clean", "pinduoduo", PDD, {},
               {**params, "sign": wrapped_md5(params, g.SECRETS["pinduoduo"], lower=True)},
               _increment(_pdd_order()), [], signed=False)
    yield Case("pdd-sign-wrong-secret", "pinduoduo", PDD, {},
               {**params, "sign": wrapped_md5(params, WRONG_SECRET)},
               {"error_response": {"error_code": 10016, "error_msg": "签名错误",
                                   "sub_code": None, "sub_msg": "", "request_id": "1720"}},
               [("signature.invalid", "request:/sign")], signed=False)
    yield Case("pdd-sign-unsorted", "pinduoduo", PDD, {},
               {**params, "sign": wrapped_md5(params, g.SECRETS["pinduoduo"], sort=False)},
               _increment(_pdd_order()), [("signature.invalid", "request:/sign")],
               signed=False)
    limited = {"error_response": {"error_code": 70031, "error_msg": "调用过于频繁",
                                  "sub_code": "70031", "sub_msg": "",
                                  "request_id": "17207641510918274"}}
    yield Case("pdd-throttled", "pinduoduo", PDD, {}, params, limited,
               [("response.in-band-error", "/error_response")])
    business = {"error_response": {"error_code": "50001", "error_msg": "业务服务错误",
                                   "sub_code": "5001", "sub_msg": "订单不存在"}}
    yield Case("pdd-business-error-code-as-text", "pinduoduo", PDD, {},
               _pdd("pdd.order.information.get", ask), business,
               [("response.in-band-error", "/error_response")])
    yield Case("pdd-type-typo", "pinduoduo", PDD, {},
               _pdd("pdd.order.number.list.increment.gte", _WINDOW), _increment(_pdd_order()),
               [("operation.undocumented", "request:/type")],
               tags=("suggest:pdd.order.number.list.increment.get",))
    yield Case("pdd-companies-not-in-pack", "pinduoduo", PDD, {},
               _pdd("pdd.logistics.companies.get", {}),
               {"logistics_companies_get_response": {"logistics_companies": [
                   {"id": 44, "logistics_company": "顺丰快递", "available": 1}]}},
               [("operation.undocumented", "request:/type")])
    yield Case("pdd-request-status-outside-enum", "pinduoduo", PDD, {},
               _pdd(incr, {**_WINDOW, "order_status": "4"}), _increment(_pdd_order()),
               [("field.unknown-enum", "request:/order_status")])
    without = {k: v for k, v in _WINDOW.items() if k != "is_lucky_flag"}
    yield Case("pdd-request-without-lucky-flag", "pinduoduo", PDD, {}, _pdd(incr, without),
               _increment(_pdd_order()), [("field.missing", "request:/is_lucky_flag")])
    yield Case("pdd-request-window-as-date", "pinduoduo", PDD, {},
               _pdd(incr, {**_WINDOW, "start_updated_at": "2024-07-12 13:30:00"}),
               _increment(_pdd_order()), [("field.wrong-type", "request:/start_updated_at")])
    o = "/order_sn_increment_get_response/order_sn_list/0"
    yield Case("pdd-refund-status-zero", "pinduoduo", PDD, {}, params,
               _increment(_pdd_order(refund_status=0)),
               [("field.unknown-enum", f"{o}/refund_status")])
    yield Case("pdd-updated-at-iso", "pinduoduo", PDD, {}, params,
               _increment(_pdd_order(updated_at="2024-07-12T15:02:44")),
               [("field.wrong-format", f"{o}/updated_at")])
    yield Case("pdd-pay-amount-as-text", "pinduoduo", PDD, {}, params,
               _increment(_pdd_order(pay_amount="54.80")),
               [("field.wrong-type", f"{o}/pay_amount")])
    yield Case("pdd-goods-count-as-text", "pinduoduo", PDD, {}, params,
               _increment(_pdd_order(item_list=[{**_pdd_order()["item_list"][0],
                                                  "goods_count": "2"}])),
               [("field.wrong-type", f"{o}/item_list/0/goods_count")])
    yield Case("pdd-order-sn-without-dash", "pinduoduo", PDD, {}, params,
               _increment(_pdd_order(order_sn="240712536018273645192")),
               [("field.wrong-format", f"{o}/order_sn")])
    # signed over the parameters as json reads them (the repeated page's last value)
    signed = {**params, "sign": wrapped_md5({**params, "page": "2"}, g.SECRETS["pinduoduo"])}
    body = json.dumps(signed, ensure_ascii=False)[:-1] + ', "page": "2"}'
    yield Case("pdd-json-body-duplicate-key", "pinduoduo", PDD, {}, None,
               _increment(_pdd_order()), [("body.duplicate-key", "request:")],
               request_body=body, request_type="application/json;charset=UTF-8",
               signed=False)
    gbk = json.dumps(_increment(_pdd_order(goods_name="无线鼠标")), ensure_ascii=False)
    yield Case("pdd-answer-gbk-declared-utf8", "pinduoduo", PDD, {}, params,
               gbk.encode("gbk"), [("body.undecodable", None)])


# --- SF Express Fengqiao ------------------------------------------------------------------------

def _sf(code: str, msg: dict[str, Any] | str, *, timestamp: str = "1720765320000",
        digest: str | None = None, how: str = "java") -> dict[str, str]:
    """An SF call as SF's Java sample builds it, signed (``digest`` None) the way ``how``
    says with the test checkword."""
    text = msg if isinstance(msg, str) else json.dumps(msg, ensure_ascii=False)
    form = {"partnerID": "SGDEMO01", "requestID": "8f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
            "serviceCode": code, "timestamp": timestamp, "msgData": text}
    form["msgDigest"] = digest if digest is not None else sf_digest(
        text, timestamp, g.SECRETS["sf-fengqiao"], how=how)
    return form


_ORDER = {"language": "zh-CN", "orderId": "SG-20240712-0042", "monthlyCard": "7551234567",
          "payMethod": 1, "expressTypeId": 2, "parcelQty": 1, "totalWeight": 1.2,
          "isDocall": 0, "cargoDetails": [{"name": "无线鼠标", "count": 2, "unit": "个",
                                           "weight": 0.6, "amount": 59.8, "currency": "CNY"}],
          "contactInfoList": [
              {"contactType": 1, "company": "深圳数码仓", "contact": "陈工", "tel": "0755-88888888",
               "mobile": "13800138000", "country": "CN", "province": "广东省", "city": "深圳市",
               "county": "宝安区", "address": "西乡街道宝源路1号"},
              {"contactType": 2, "contact": "刘女士", "mobile": "13900139000", "country": "CN",
               "province": "浙江省", "city": "杭州市", "county": "西湖区",
               "address": "文三路90号"}]}


def _answer(inner: Any, code: str = "A1000", message: str = "") -> dict[str, Any]:
    return {"apiResultCode": code, "apiErrorMsg": message,
            "apiResponseID": "0001928A3C4B5D6E7F80910A2B3C4D00",
            "apiResultData": None if inner is None else
            inner if isinstance(inner, str) else json.dumps(inner, ensure_ascii=False)}


def _created(**more: Any) -> dict[str, Any]:
    return {"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": {
        "orderId": "SG-20240712-0042", "originCode": "755", "destCode": "571",
        "filterResult": 2, "remark": "",
        "waybillNoInfoList": [{"waybillType": 1, "waybillNo": "SF1462053916733"}], **more}}


_ROUTES = {"language": "zh-CN", "trackingType": 1, "trackingNumber": ["SF1462053916733"],
           "methodType": 1}


def _routes(**route: Any) -> dict[str, Any]:
    return {"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": {
        "routeResps": [{"mailNo": "SF1462053916733", "routes": [
            {"acceptTime": "2024-07-12 18:40:11", "acceptAddress": "深圳市",
             "remark": "顺丰速运 已收取快件", "opCode": "50", **route}]}]}}


def sf_cases() -> Iterator[Case]:
    create, routes = "EXP_RECE_CREATE_ORDER", "EXP_RECE_SEARCH_ROUTES"
    created = _answer(_created())
    yield Case("sf-java-sample-create-clean", "sf-fengqiao", SF, {}, _sf(create, _ORDER),
               created, [], signed=False)
    yield Case("sf-python-sample-seconds-clean", "sf-fengqiao", SF, {},
               _sf(create, _ORDER, timestamp="1720765320"), created, [], signed=False)
    yield Case("sf-routes-clean", "sf-fengqiao", SF, {}, _sf(routes, _ROUTES),
               _answer(_routes()), [], signed=False)
    yield Case("sf-digest-over-raw-text", "sf-fengqiao", SF, {},
               _sf(create, _ORDER, how="raw"), _answer(None, "A1006", "数字签名无效"),
               [("signature.invalid", "request:/msgDigest")], signed=False)
    yield Case("sf-digest-as-hex", "sf-fengqiao", SF, {}, _sf(create, _ORDER, how="hex"),
               created, [("signature.invalid", "request:/msgDigest")], signed=False)
    text = json.dumps(_ORDER, ensure_ascii=False)
    yield Case("sf-digest-wrong-checkword", "sf-fengqiao", SF, {},
               _sf(create, _ORDER, digest=sf_digest(text, "1720765320000", WRONG_SECRET)),
               _answer(None, "A1006", "数字签名无效"),
               [("signature.invalid", "request:/msgDigest")], signed=False)
    yield Case("sf-no-permission", "sf-fengqiao", SF, {}, _sf(create, _ORDER),
               _answer(None, "A1004", "无对应服务权限"),
               [("response.in-band-error", "/apiResultCode")], signed=False)
    refused = {"success": False, "errorCode": "1010", "errorMsg": "寄件地址不能为空",
               "msgData": None}
    yield Case("sf-business-refusal", "sf-fengqiao", SF, {}, _sf(create, _ORDER),
               _answer(refused), [("response.in-band-error", "/apiResultData⟨json⟩/success")],
               signed=False)
    yield Case("sf-service-typo", "sf-fengqiao", SF, {}, _sf("EXP_RECE_SEARCH_ROUTE", _ROUTES),
               _answer(_routes()), [("operation.undocumented", "request:/serviceCode")],
               signed=False, tags=("suggest:EXP_RECE_SEARCH_ROUTES",))
    yield Case("sf-deliver-time-not-in-pack", "sf-fengqiao", SF, {},
               _sf("EXP_RECE_QUERY_DELIVERTM", {"businessType": "2", "weight": "1.2",
                                                "searchPrice": "0"}),
               _answer({"success": True, "errorCode": "S0000", "errorMsg": None,
                        "msgData": {"deliverTmDto": []}}),
               [("operation.undocumented", "request:/serviceCode")], signed=False)
    m = "request:/msgData⟨json⟩"
    contacts = [{**_ORDER["contactInfoList"][0], "contactType": "1"},
                _ORDER["contactInfoList"][1]]
    yield Case("sf-contact-type-as-text", "sf-fengqiao", SF, {},
               _sf(create, {**_ORDER, "contactInfoList": contacts}), created,
               [("field.wrong-type", f"{m}/contactInfoList/0/contactType")], signed=False)
    yield Case("sf-pay-method-outside-enum", "sf-fengqiao", SF, {},
               _sf(create, {**_ORDER, "payMethod": 4}), created,
               [("field.unknown-enum", f"{m}/payMethod")], signed=False)
    mobiles = [_ORDER["contactInfoList"][0],
               {**_ORDER["contactInfoList"][1], "mobile": "1390013900"}]
    yield Case("sf-mobile-ten-digits", "sf-fengqiao", SF, {},
               _sf(create, {**_ORDER, "contactInfoList": mobiles}), created,
               [("field.wrong-format", f"{m}/contactInfoList/1/mobile")], signed=False)
    yield Case("sf-request-without-order-id", "sf-fengqiao", SF, {},
               _sf(create, {k: v for k, v in _ORDER.items() if k != "orderId"}), created,
               [("field.missing", f"{m}/orderId")], signed=False)
    dup = text[:-1] + ', "orderId": "SG-20240712-0043"}'
    yield Case("sf-msg-data-duplicate-key", "sf-fengqiao", SF, {}, _sf(create, dup), created,
               [("body.duplicate-key", m)], signed=False)
    r = "/apiResultData⟨json⟩/msgData"
    yield Case("sf-waybill-no-pattern", "sf-fengqiao", SF, {}, _sf(create, _ORDER),
               _answer(_created(waybillNoInfoList=[{"waybillType": 1,
                                                    "waybillNo": "SF14620539"}])),
               [("field.wrong-format", f"{r}/waybillNoInfoList/0/waybillNo")], signed=False)
    yield Case("sf-filter-result-as-text", "sf-fengqiao", SF, {}, _sf(create, _ORDER),
               _answer(_created(filterResult="2")),
               [("field.wrong-type", f"{r}/filterResult")], signed=False)
    yield Case("sf-route-time-iso", "sf-fengqiao", SF, {}, _sf(routes, _ROUTES),
               _answer(_routes(acceptTime="2024-07-12T18:40:11+08:00")),
               [("field.wrong-format", f"{r}/routeResps/0/routes/0/acceptTime")], signed=False)
    answered = json.dumps(_routes(), ensure_ascii=False)[:-1] + ', "success": false}'
    yield Case("sf-answer-duplicate-key", "sf-fengqiao", SF, {}, _sf(routes, _ROUTES),
               _answer(answered), [("body.duplicate-key", "/apiResultData⟨json⟩"),
                                   ("response.in-band-error", "/apiResultData⟨json⟩/success")],
               signed=False)
    update = {"orderId": "SG-20240712-0042", "dealType": 3, "language": "zh-CN"}
    yield Case("sf-update-deal-type-outside-enum", "sf-fengqiao", SF, {},
               _sf("EXP_RECE_UPDATE_ORDER", update),
               _answer({"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": {
                   "orderId": "SG-20240712-0042", "resStatus": 2}}),
               [("field.unknown-enum", f"{m}/dealType")], signed=False)
    form = _sf(create, _ORDER)
    yield Case("sf-gbk-form-declared-utf8", "sf-fengqiao", SF, {}, None, created,
               [("body.undecodable", None)], signed=False,
               request_body=urlencode(form, encoding="gbk").encode("ascii"))


def cases() -> list[Case]:
    return [*taobao_cases(), *jd_cases(), *pinduoduo_cases(), *sf_cases()]


# --- scoring ------------------------------------------------------------------------------------

@dataclass
class Result:
    case: Case
    found: list[tuple[str, str | None]]
    hints: list[str]

    @property
    def suggestion(self) -> str | None:
        return next((t.split(":", 1)[1] for t in self.case.tags if t.startswith("suggest:")),
                    None)

    @property
    def exact(self) -> bool:
        same = sorted(self.found, key=str) == sorted(self.case.expected, key=str)
        wanted = self.suggestion
        return same and (wanted is None or any(repr(wanted) in h for h in self.hints))

    def differences(self) -> str:
        verdict = g.Verdict(self.case, self.found).differences()
        if self.suggestion and not any(repr(self.suggestion) in h for h in self.hints):
            verdict += f", no 'did you mean {self.suggestion!r}' in {self.hints}"
        return verdict


def results(of: list[Case] | None = None) -> list[Result]:
    """Every case checked by ``seamguard verify``'s recorded check (the test secrets must be
    in the environment)."""
    project = find_project(REPO, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    all_cases = cases() if of is None else of
    items = [case.interaction(project, i) for i, case in enumerate(all_cases)]
    cassette = Cassette(path=REPO / "sdk.yaml", display="sdk.yaml", interactions=items)
    out = []
    for case, item in zip(all_cases, items, strict=True):
        findings = verifier.verify(cassette, item)
        out.append(Result(case, [(f.code, f.location.pointer) for f in findings],
                          [f.hint or "" for f in findings]))
    return out


def main() -> int:
    """Prints each case whose findings are not exact, the false alarms on clean calls, and the
    score; 0 when all are exact."""
    os.environ.update(SECRET_ENV)
    done = results()
    for r in done:
        if not r.exact:
            print(f"MISS {r.case.name}: {r.differences()}")
    clean = [r for r in done if not r.case.expected]
    alarms = sum(len(r.found) for r in clean)
    print(f"false alarms on clean calls: {alarms} (in {sum(bool(r.found) for r in clean)} "
          f"of {len(clean)})")
    print(f"exact: {sum(r.exact for r in done)}/{len(done)}")
    return 0 if all(r.exact for r in done) else 1


if __name__ == "__main__":
    sys.exit(main())
