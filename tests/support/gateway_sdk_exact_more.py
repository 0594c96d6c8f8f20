"""More calls of the SDK-built gateway corpus (``gateway_sdk_exact``): TOP's PHP SDK asking
for XML (its default format), refunds and empty pages as TOP answers them (empty lists left
out), JD's gateway verdict inside the success key and its refusals with one description,
Pinduoduo's order list and detail, SF's digest written in other letter cases or as Node.js's
``encodeURIComponent`` makes it, its documented refusals and the cancel call."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from tests.support import gateway_public as g
from tests.support import gateway_sdk_exact_pdd_sf as ps
from tests.support import gateway_sdk_exact_top_jd as tj
from tests.support.gateway_public import Case
from tests.support.gateway_sdk_exact import JD, PDD, SF, TOP, WRONG_SECRET, top_hmac, wrapped_md5
from tests.support.gateway_server import xml_answer

XML = "text/xml;charset=UTF-8"
FULL = "taobao.trade.fullinfo.get"
T = "/trade_fullinfo_get_response/trade"


def _php(method: str, **more: str) -> dict[str, str]:
    """The system parameters of TOP's PHP SDK, which asks for XML unless told otherwise."""
    return tj._system(method, partner_id="top-sdk-php-20180326", format="xml",
                      timestamp="2024-07-12 10:15:11", **more)


def _refund(**more: Any) -> dict[str, Any]:
    return {"refund_get_response": {"refund": {
        "refund_id": "151802938476512", "tid": tj.TID, "oid": tj.TID + 7, "status": "SUCCESS",
        "order_status": "TRADE_CLOSED", "good_status": "BUYER_NOT_RECEIVED",
        "has_good_return": False, "refund_fee": "89.90", "payment": "89.90",
        "total_fee": "89.90", "num": 1, "title": "纯棉四件套", "created": "2024-07-12 11:00:00",
        "modified": "2024-07-12 11:20:31", **more}, "request_id": "10ssmz8y2lwfe"}}


_REFUND_ASK = {"fields": "refund_id,tid,oid,status,order_status,good_status,has_good_return,"
                         "refund_fee,payment,total_fee,num,title,created,modified",
               "refund_id": "151802938476512"}


def taobao_cases() -> Iterator[Case]:
    yield Case("sdk-top-php-sdk-xml-clean", "taobao", TOP, _php(FULL), dict(tj._FULL),
               xml_answer(tj._fullinfo()), [], answer_type=XML)
    yield Case("sdk-top-php-sdk-xml-status-outside-enum", "taobao", TOP, _php(FULL),
               dict(tj._FULL), xml_answer(tj._fullinfo(status="TRADE_SUCCESS")),
               [("field.unknown-enum", f"{T}/status")], answer_type=XML)
    yield Case("sdk-top-php-sdk-xml-num-not-a-number", "taobao", TOP, _php(FULL), dict(tj._FULL),
               xml_answer(tj._fullinfo(num="一")), [("field.wrong-type", f"{T}/num")],
               answer_type=XML)
    refused = {"error_response": {"code": "15", "msg": "Remote service error",
                                  "sub_code": "isv.trade-not-exist", "sub_msg": "交易不存在"}}
    yield Case("sdk-top-php-sdk-xml-refused", "taobao", TOP, _php(FULL), dict(tj._FULL),
               xml_answer(refused), [("response.in-band-error", "/error_response")],
               answer_type=XML)
    yield Case("sdk-top-session-expired", "taobao", TOP, tj._system(FULL), dict(tj._FULL),
               {"error_response": {"code": 27, "msg": "Invalid session",
                                   "sub_code": "invalid-sessionkey",
                                   "request_id": "zt7ssxr5fu2c"}},
               [("response.in-band-error", "/error_response")])
    refund = "taobao.refund.get"
    yield Case("sdk-top-refund-clean", "taobao", TOP, tj._system(refund), dict(_REFUND_ASK),
               _refund(), [])
    yield Case("sdk-top-refund-fee-as-number", "taobao", TOP, tj._system(refund),
               dict(_REFUND_ASK), _refund(refund_fee=89.9),
               [("field.wrong-type", "/refund_get_response/refund/refund_fee")])
    yield Case("sdk-top-refund-status-outside-enum", "taobao", TOP, tj._system(refund),
               dict(_REFUND_ASK), _refund(status="REFUNDED"),
               [("field.unknown-enum", "/refund_get_response/refund/status")])
    yield Case("sdk-top-refund-id-not-a-number", "taobao", TOP, tj._system(refund),
               {**_REFUND_ASK, "refund_id": "R151802938476512"}, _refund(),
               [("field.wrong-type", "request:/refund_id")])
    incr = "taobao.trades.sold.increment.get"
    empty = {"trades_sold_increment_get_response": {"total_results": 0, "has_next": False,
                                                    "request_id": "3x9yqj5n2k1m"}}
    yield Case("sdk-top-increment-empty-page-clean", "taobao", TOP, tj._system(incr),
               dict(tj._INCR), empty, [])
    yield Case("sdk-top-increment-total-as-text", "taobao", TOP, tj._system(incr), dict(tj._INCR),
               {"trades_sold_increment_get_response": {"total_results": "0",
                                                       "has_next": False}},
               [("field.wrong-type", "/trades_sold_increment_get_response/total_results")])
    signed = {**tj._system(FULL, sign_method="hmac"), **tj._FULL}
    yield Case("sdk-top-hmac-wrong-secret", "taobao", TOP,
               {**tj._system(FULL, sign_method="hmac"),
                "sign": top_hmac(signed, WRONG_SECRET, "hmac")}, dict(tj._FULL),
               tj._fullinfo(), [("signature.invalid", "request:/sign")], signed=False)
    md5_as_hmac = wrapped_md5(signed, g.SECRETS["taobao"])  # md5 sent as sign_method=hmac
    yield Case("sdk-top-md5-digest-under-hmac", "taobao", TOP,
               {**tj._system(FULL, sign_method="hmac"), "sign": md5_as_hmac}, dict(tj._FULL),
               tj._fullinfo(), [("signature.invalid", "request:/sign")], signed=False)


def jd_cases() -> Iterator[Case]:
    search = tj._jd("jingdong.pop.order.search", tj._JD_SEARCH)
    r = "/jingdong_pop_order_search_responce"
    yield Case("sdk-jd-gateway-code-in-success-key", "jd", JD, search, None,
               {"jingdong_pop_order_search_responce": {"code": "2", "zh_desc": "参数错误",
                                                       "en_desc": "parameter error"}},
               [("response.in-band-error", f"{r}/code")], method="GET")
    yield Case("sdk-jd-refusal-english-only", "jd", JD, search, None,
               {"error_response": {"code": "73", "en_desc": "appKey is invalid"}},
               [("response.in-band-error", "/error_response")], method="GET")
    o = f"{r}/searchorderinfo_result/orderInfoList/0"
    yield Case("sdk-jd-payment-without-cents", "jd", JD, search, None,
               tj._jd_page(tj._jd_order(orderTotalPrice="129")),
               [("field.wrong-format", f"{o}/orderTotalPrice")], method="GET")
    item = {"skuId": "100061822502", "skuName": "纯棉四件套", "jdPrice": "129.00",
            "itemTotal": 1, "wareId": "100033459002"}
    yield Case("sdk-jd-item-count-as-number", "jd", JD, search, None,
               tj._jd_page(tj._jd_order(itemInfoList=[item])),
               [("field.wrong-type", f"{o}/itemInfoList/0/itemTotal")], method="GET")
    yield Case("sdk-jd-page-size-over-100", "jd", JD,
               tj._jd("jingdong.pop.order.search", {**tj._JD_SEARCH, "page_size": "200"}),
               None, tj._jd_page(tj._jd_order()),
               [("field.wrong-format", "request:/360buy_param_json⟨json⟩/page_size")],
               method="GET")
    python_sdk = tj._jd("jingdong.pop.order.search", tj._JD_SEARCH,
                        timestamp="2024-07-12 14:02:31", format="json", sign_method="md5")
    yield Case("sdk-jd-python-sdk-clean", "jd", JD, {}, python_sdk, tj._jd_page(tj._jd_order()),
               [])
    yield Case("sdk-jd-order-id-with-letters", "jd", JD,
               tj._jd("jingdong.pop.order.get", {"order_id": "JD301938274615",
                                                 "optional_fields": "orderId"}), None,
               {"jingdong_pop_order_get_responce": {"code": "0", "orderDetailInfo": {
                   "apiResult": {"success": True, "englishErrCode": "success",
                                 "chineseErrCode": "成功", "numberCode": 10100000},
                   "orderInfo": tj._jd_order()}}},
               [("field.wrong-format", "request:/360buy_param_json⟨json⟩/order_id")],
               method="GET")


def pinduoduo_cases() -> Iterator[Case]:
    window = {"start_confirm_at": "1720742400", "end_confirm_at": "1720828799",
              "order_status": "5", "refund_status": "5", "page": "1", "page_size": "50"}
    listed = {"order_list_get_response": {"total_count": 1, "has_next": False,
                                          "order_list": [ps._pdd_order()],
                                          "request_id": "17207641510918275"}}
    yield Case("sdk-pdd-list-clean", "pinduoduo", PDD, {}, ps._pdd("pdd.order.list.get", window),
               listed, [])
    yield Case("sdk-pdd-list-page-zero", "pinduoduo", PDD, {},
               ps._pdd("pdd.order.list.get", {**window, "page": "0"}), listed,
               [("field.out-of-range", "request:/page")])
    ask = {"order_sn": "240712-536018273645192"}
    info = "pdd.order.information.get"
    o = "/order_info_get_response/order_info"

    def detail(**more: Any) -> dict[str, Any]:
        return {"order_info_get_response": {"order_info": ps._pdd_order(**more)}}

    yield Case("sdk-pdd-info-after-sales-outside-enum", "pinduoduo", PDD, {}, ps._pdd(info, ask),
               detail(after_sales_status=1), [("field.unknown-enum", f"{o}/after_sales_status")])
    items = [{**ps._pdd_order()["item_list"][0], "goods_price": "29.90"}]
    yield Case("sdk-pdd-info-goods-price-as-text", "pinduoduo", PDD, {}, ps._pdd(info, ask),
               detail(item_list=items), [("field.wrong-type", f"{o}/item_list/0/goods_price")])
    yield Case("sdk-pdd-info-not-shipped-clean", "pinduoduo", PDD, {}, ps._pdd(info, ask),
               detail(order_status=1, shipping_time="", tracking_number=""), [])
    yield Case("sdk-pdd-info-order-sn-pattern", "pinduoduo", PDD, {},
               ps._pdd(info, {"order_sn": "PDD240712"}), detail(),
               [("field.wrong-format", "request:/order_sn")])
    yield Case("sdk-pdd-refused-without-sub-code", "pinduoduo", PDD, {}, ps._pdd(info, ask),
               {"error_response": {"error_code": 10019, "error_msg": "access_token已过期",
                                   "request_id": "17207641510918276"}},
               [("response.in-band-error", "/error_response")])
    send = {"order_sn": "240712-536018273645192", "logistics_id": "44",
            "tracking_number": "SF1462053916622"}
    yield Case("sdk-pdd-ship-clean", "pinduoduo", PDD, {},
               ps._pdd("pdd.logistics.online.send", send),
               {"logistics_online_send_response": {"is_success": True,
                                                   "request_id": "17207641510918277"}}, [])
    yield Case("sdk-pdd-ship-logistics-id-not-a-number", "pinduoduo", PDD, {},
               ps._pdd("pdd.logistics.online.send", {**send, "logistics_id": "SF"}),
               {"logistics_online_send_response": {"is_success": True}},
               [("field.wrong-type", "request:/logistics_id")])


def _node_digest(text: str, checkword: str) -> str:
    """SF's Node.js sample: encodeURIComponent, then MD5, then Base64."""
    encoded = quote(text + checkword, safe="-_.!~*'()")
    return base64.b64encode(hashlib.md5(encoded.encode()).digest()).decode()


def sf_cases() -> Iterator[Case]:
    create = "EXP_RECE_CREATE_ORDER"
    created = ps._answer(ps._created())
    text = json.dumps({**ps._ORDER, "remark": "易碎*轻放 (玻璃)"}, ensure_ascii=False)
    stamp = "1720765320000"
    node = ps._sf(create, text, digest=_node_digest(text + stamp, g.SECRETS["sf-fengqiao"]))
    yield Case("sdk-sf-node-sample-clean", "sf-fengqiao", SF, {}, node, created, [], signed=False)
    yield Case("sdk-sf-python-sample-star-clean", "sf-fengqiao", SF, {},
               ps._sf(create, text, how="python"), created, [], signed=False)
    good = ps._sf(create, ps._ORDER)["msgDigest"]
    for name, digest in (("lower", good.lower()), ("upper", good.upper())):
        yield Case(f"sdk-sf-digest-{name}-case", "sf-fengqiao", SF, {},
                   ps._sf(create, ps._ORDER, digest=digest), created,
                   [("signature.invalid", "request:/msgDigest")], signed=False)
    yield Case("sdk-sf-expired-timestamp-documented", "sf-fengqiao", SF, {},
               ps._sf(create, ps._ORDER), ps._answer(None, "A1002", "请求时效已过期"),
               [("response.in-band-error", "/apiResultCode")], signed=False)
    duplicate = {"success": False, "errorCode": "8016", "errorMsg": "重复下单",
                 "msgData": None}
    yield Case("sdk-sf-duplicate-order-documented", "sf-fengqiao", SF, {},
               ps._sf(create, ps._ORDER), ps._answer(duplicate),
               [("response.in-band-error", "/apiResultData⟨json⟩/success")], signed=False)
    cancel = {"orderId": "SG-20240712-0042", "dealType": 2, "language": "zh-CN"}
    cancelled = {"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": {
        "orderId": "SG-20240712-0042", "resStatus": 2, "waybillNoInfoList": None}}
    yield Case("sdk-sf-cancel-clean", "sf-fengqiao", SF, {},
               ps._sf("EXP_RECE_UPDATE_ORDER", cancel), ps._answer(cancelled), [], signed=False)
    yield Case("sdk-sf-cancel-res-status-as-text", "sf-fengqiao", SF, {},
               ps._sf("EXP_RECE_UPDATE_ORDER", cancel),
               ps._answer({**cancelled, "msgData": {**cancelled["msgData"], "resStatus": "2"}}),
               [("field.wrong-type", "/apiResultData⟨json⟩/msgData/resStatus")], signed=False)
    loose = {**ps._ROUTES, "trackingType": "1", "methodType": "1"}  # the docs allow text
    yield Case("sdk-sf-routes-tracking-type-as-text-clean", "sf-fengqiao", SF, {},
               ps._sf("EXP_RECE_SEARCH_ROUTES", loose), ps._answer(ps._routes()), [],
               signed=False)
    yield Case("sdk-sf-routes-tracking-type-outside-enum", "sf-fengqiao", SF, {},
               ps._sf("EXP_RECE_SEARCH_ROUTES", {**ps._ROUTES, "trackingType": 3}),
               ps._answer(ps._routes()),
               [("field.unknown-enum", "request:/msgData⟨json⟩/trackingType")], signed=False)
    yield Case("sdk-sf-waybill-type-as-text", "sf-fengqiao", SF, {}, ps._sf(create, ps._ORDER),
               ps._answer(ps._created(waybillNoInfoList=[{"waybillType": "1",
                                                          "waybillNo": "SF1462053916733"}])),
               [("field.wrong-type",
                 "/apiResultData⟨json⟩/msgData/waybillNoInfoList/0/waybillType")],
               signed=False)


def charset_and_batch_cases() -> Iterator[Case]:
    """Bodies in GBK labelled otherwise (and right), a JSON body of numbers, a batch answer
    naming a key twice, a gateway refusal that also carries a business verdict."""
    send = ps._pdd("pdd.logistics.online.send", {
        "order_sn": "240712-536018273645192", "logistics_id": "44",
        "tracking_number": "SF1462053916622", "feature": "imei=设备一;"})
    send["sign"] = wrapped_md5(send, g.SECRETS["pinduoduo"])
    text = json.dumps(send, ensure_ascii=False)
    shipped = {"logistics_online_send_response": {"is_success": True}}
    for name, data, label, expected in (
            ("gbk-labelled-utf8", text.encode("gbk"), "UTF-8", [("body.undecodable", None)]),
            ("utf8-labelled-gbk", text.encode("utf-8"), "GBK", [("body.undecodable", None)]),
            ("gbk-labelled-gbk-clean", text.encode("gbk"), "GBK", [])):
        yield Case(f"sdk-pdd-json-body-{name}", "pinduoduo", PDD, {}, None, shipped, expected,
                   signed=False, request_body=data,
                   request_type=f"application/json;charset={label}")
    numbers = {**ps._pdd("pdd.order.number.list.increment.get", {}),
               "start_updated_at": 1720762200, "end_updated_at": 1720764000,
               "is_lucky_flag": 0, "order_status": 5, "refund_status": 5, "page": 1,
               "page_size": 100, "use_has_next": True}
    texts = {k: json.dumps(v) if isinstance(v, bool) else str(v) for k, v in numbers.items()}
    yield Case("sdk-pdd-json-body-numbers-clean", "pinduoduo", PDD, {}, None,
               ps._increment(ps._pdd_order()), [], signed=False,
               request_body=json.dumps({**numbers, "sign": wrapped_md5(
                   texts, g.SECRETS["pinduoduo"])}), request_type="application/json")
    answer = json.dumps(ps._answer(ps._created(remark="易碎轻放")), ensure_ascii=False)
    yield Case("sdk-sf-answer-utf8-labelled-gbk", "sf-fengqiao", SF, {},
               ps._sf("EXP_RECE_CREATE_ORDER", ps._ORDER), answer.encode("utf-8"),
               [("body.undecodable", None)], signed=False,
               answer_type="application/json;charset=GBK")
    yield Case("sdk-sf-answer-gbk-labelled-gbk-clean", "sf-fengqiao", SF, {},
               ps._sf("EXP_RECE_CREATE_ORDER", ps._ORDER), answer.encode("gbk"), [],
               signed=False, answer_type="application/json;charset=GBK")
    both = ps._answer({"success": False, "errorCode": "1010", "errorMsg": "寄件地址不能为空",
                       "msgData": None}, "A1001", "必传参数不可为空")
    yield Case("sdk-sf-gateway-and-business-refusal", "sf-fengqiao", SF, {},
               ps._sf("EXP_RECE_CREATE_ORDER", ps._ORDER), both,
               [("response.in-band-error", "/apiResultCode")], signed=False)
    trade = f"method=taobao.trade.fullinfo.get&fields=tid%2Cstatus%2Cpayment&tid={tj.TID}"
    refund = "method=taobao.refund.get&fields=refund_id%2Cstatus&refund_id=151802938476512"
    refunded = json.dumps({"refund_get_response": {"refund": {
        "refund_id": 151802938476512, "status": "SUCCESS"}}})
    yield g._batch("sdk-top-batch-answer-duplicate-key", [trade, refund],
                   [tj._fullinfo(), refunded[:-3] + ', "status": "CLOSED"}}}'],
                   [("body.duplicate-key", "/1/refund_get_response/refund")])


def misnamed_cases() -> Iterator[Case]:
    """Operation names in another letter case or padded: each platform's unknown-operation
    finding, with the name meant among its suggestions."""
    full, search = "taobao.trade.fullinfo.get", "jingdong.pop.order.search"
    info = "pdd.order.information.get"
    detail = {"order_info_get_response": {"order_info": ps._pdd_order()}}
    for name, case, meant in (
            ("top-method-title-case", Case("", "taobao", TOP, tj._system(full.title()),
                                           dict(tj._FULL), tj._fullinfo(), []), full),
            ("top-method-padded", Case("", "taobao", TOP, tj._system(f" {full} "),
                                       dict(tj._FULL), tj._fullinfo(), []), full),
            ("jd-method-capital", Case("", "jd", JD, tj._jd("jingdong.pop.order.Search",
                                                            tj._JD_SEARCH), None,
                                       tj._jd_page(tj._jd_order()), [], method="GET"), search),
            ("pdd-type-upper-prefix", Case("", "pinduoduo", PDD, {}, ps._pdd(
                "PDD.order.information.get", {"order_sn": "240712-536018273645192"}), detail,
                []), info),
            ("sf-service-title-case", Case("", "sf-fengqiao", SF, {}, ps._sf(
                "Exp_Rece_Create_Order", ps._ORDER), ps._answer(ps._created()), [],
                signed=False), "EXP_RECE_CREATE_ORDER")):
        where = {"taobao": "method", "jd": "method", "pinduoduo": "type",
                 "sf-fengqiao": "serviceCode"}[case.platform]
        yield dataclasses.replace(case, name=f"sdk-{name}", tags=(f"suggest:{meant}",),
                                  expected=[("operation.undocumented", f"request:/{where}")])


def cases() -> list[Case]:
    return [*taobao_cases(), *jd_cases(), *pinduoduo_cases(), *sf_cases(),
            *charset_and_batch_cases(), *misnamed_cases()]
