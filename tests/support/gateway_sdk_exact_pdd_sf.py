"""The Pinduoduo and SF Fengqiao calls of the SDK-built gateway corpus (``gateway_sdk_exact``)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from tests.support import gateway_public as g
from tests.support.gateway_public import Case
from tests.support.gateway_sdk_exact import (
    PDD,
    SF,
    WRONG_SECRET,
    sf_digest,
    wrapped_md5,
)

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
    yield Case("sdk-pdd-java-sdk-increment-clean", "pinduoduo", PDD, {}, _pdd(incr, _WINDOW),
               _increment(_pdd_order()), [])
    info = {"order_info_get_response": {"order_info": _pdd_order(),
                                        "request_id": "17207641510918273"}}
    ask = {"order_sn": "240712-536018273645192"}
    yield Case("sdk-pdd-info-clean", "pinduoduo", PDD, {}, _pdd("pdd.order.information.get", ask),
               info, [])
    params = _pdd(incr, _WINDOW)
    yield Case("sdk-pdd-sign-lower-case-hex-clean", "pinduoduo", PDD, {},
               {**params, "sign": wrapped_md5(params, g.SECRETS["pinduoduo"], lower=True)},
               _increment(_pdd_order()), [], signed=False)
    yield Case("sdk-pdd-sign-wrong-secret", "pinduoduo", PDD, {},
               {**params, "sign": wrapped_md5(params, WRONG_SECRET)},
               {"error_response": {"error_code": 10016, "error_msg": "签名错误",
                                   "sub_code": None, "sub_msg": "", "request_id": "1720"}},
               [("signature.invalid", "request:/sign")], signed=False)
    yield Case("sdk-pdd-sign-unsorted", "pinduoduo", PDD, {},
               {**params, "sign": wrapped_md5(params, g.SECRETS["pinduoduo"], sort=False)},
               _increment(_pdd_order()), [("signature.invalid", "request:/sign")],
               signed=False)
    limited = {"error_response": {"error_code": 70031, "error_msg": "调用过于频繁",
                                  "sub_code": "70031", "sub_msg": "",
                                  "request_id": "17207641510918274"}}
    yield Case("sdk-pdd-throttled", "pinduoduo", PDD, {}, params, limited,
               [("response.in-band-error", "/error_response")])
    business = {"error_response": {"error_code": "50001", "error_msg": "业务服务错误",
                                   "sub_code": "5001", "sub_msg": "订单不存在"}}
    yield Case("sdk-pdd-business-error-code-as-text", "pinduoduo", PDD, {},
               _pdd("pdd.order.information.get", ask), business,
               [("response.in-band-error", "/error_response")])
    yield Case("sdk-pdd-type-typo", "pinduoduo", PDD, {},
               _pdd("pdd.order.number.list.increment.gte", _WINDOW), _increment(_pdd_order()),
               [("operation.undocumented", "request:/type")],
               tags=("suggest:pdd.order.number.list.increment.get",))
    yield Case("sdk-pdd-companies-not-in-pack", "pinduoduo", PDD, {},
               _pdd("pdd.logistics.companies.get", {}),
               {"logistics_companies_get_response": {"logistics_companies": [
                   {"id": 44, "logistics_company": "顺丰快递", "available": 1}]}},
               [("operation.undocumented", "request:/type")])
    yield Case("sdk-pdd-request-status-outside-enum", "pinduoduo", PDD, {},
               _pdd(incr, {**_WINDOW, "order_status": "4"}), _increment(_pdd_order()),
               [("field.unknown-enum", "request:/order_status")])
    without = {k: v for k, v in _WINDOW.items() if k != "is_lucky_flag"}
    yield Case("sdk-pdd-request-without-lucky-flag", "pinduoduo", PDD, {}, _pdd(incr, without),
               _increment(_pdd_order()), [("field.missing", "request:/is_lucky_flag")])
    yield Case("sdk-pdd-request-window-as-date", "pinduoduo", PDD, {},
               _pdd(incr, {**_WINDOW, "start_updated_at": "2024-07-12 13:30:00"}),
               _increment(_pdd_order()), [("field.wrong-type", "request:/start_updated_at")])
    o = "/order_sn_increment_get_response/order_sn_list/0"
    yield Case("sdk-pdd-refund-status-zero", "pinduoduo", PDD, {}, params,
               _increment(_pdd_order(refund_status=0)),
               [("field.unknown-enum", f"{o}/refund_status")])
    yield Case("sdk-pdd-updated-at-iso", "pinduoduo", PDD, {}, params,
               _increment(_pdd_order(updated_at="2024-07-12T15:02:44")),
               [("field.wrong-format", f"{o}/updated_at")])
    yield Case("sdk-pdd-pay-amount-as-text", "pinduoduo", PDD, {}, params,
               _increment(_pdd_order(pay_amount="54.80")),
               [("field.wrong-type", f"{o}/pay_amount")])
    yield Case("sdk-pdd-goods-count-as-text", "pinduoduo", PDD, {}, params,
               _increment(_pdd_order(item_list=[{**_pdd_order()["item_list"][0],
                                                  "goods_count": "2"}])),
               [("field.wrong-type", f"{o}/item_list/0/goods_count")])
    yield Case("sdk-pdd-order-sn-without-dash", "pinduoduo", PDD, {}, params,
               _increment(_pdd_order(order_sn="240712536018273645192")),
               [("field.wrong-format", f"{o}/order_sn")])
    # signed over the parameters as json reads them (the repeated page's last value)
    signed = {**params, "sign": wrapped_md5({**params, "page": "2"}, g.SECRETS["pinduoduo"])}
    body = json.dumps(signed, ensure_ascii=False)[:-1] + ', "page": "2"}'
    yield Case("sdk-pdd-json-body-duplicate-key", "pinduoduo", PDD, {}, None,
               _increment(_pdd_order()), [("body.duplicate-key", "request:")],
               request_body=body, request_type="application/json;charset=UTF-8",
               signed=False)
    gbk = json.dumps(_increment(_pdd_order(goods_name="无线鼠标")), ensure_ascii=False)
    yield Case("sdk-pdd-answer-gbk-declared-utf8", "pinduoduo", PDD, {}, params,
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
    yield Case("sdk-sf-java-sample-create-clean", "sf-fengqiao", SF, {}, _sf(create, _ORDER),
               created, [], signed=False)
    yield Case("sdk-sf-python-sample-seconds-clean", "sf-fengqiao", SF, {},
               _sf(create, _ORDER, timestamp="1720765320"), created, [], signed=False)
    yield Case("sdk-sf-routes-clean", "sf-fengqiao", SF, {}, _sf(routes, _ROUTES),
               _answer(_routes()), [], signed=False)
    yield Case("sdk-sf-digest-over-raw-text", "sf-fengqiao", SF, {},
               _sf(create, _ORDER, how="raw"), _answer(None, "A1006", "数字签名无效"),
               [("signature.invalid", "request:/msgDigest")], signed=False)
    yield Case("sdk-sf-digest-as-hex", "sf-fengqiao", SF, {}, _sf(create, _ORDER, how="hex"),
               created, [("signature.invalid", "request:/msgDigest")], signed=False)
    text = json.dumps(_ORDER, ensure_ascii=False)
    yield Case("sdk-sf-digest-wrong-checkword", "sf-fengqiao", SF, {},
               _sf(create, _ORDER, digest=sf_digest(text, "1720765320000", WRONG_SECRET)),
               _answer(None, "A1006", "数字签名无效"),
               [("signature.invalid", "request:/msgDigest")], signed=False)
    yield Case("sdk-sf-no-permission", "sf-fengqiao", SF, {}, _sf(create, _ORDER),
               _answer(None, "A1004", "无对应服务权限"),
               [("response.in-band-error", "/apiResultCode")], signed=False)
    refused = {"success": False, "errorCode": "1010", "errorMsg": "寄件地址不能为空",
               "msgData": None}
    yield Case("sdk-sf-business-refusal", "sf-fengqiao", SF, {}, _sf(create, _ORDER),
               _answer(refused), [("response.in-band-error", "/apiResultData⟨json⟩/success")],
               signed=False)
    yield Case("sdk-sf-service-typo", "sf-fengqiao", SF, {}, _sf("EXP_RECE_SEARCH_ROUTE", _ROUTES),
               _answer(_routes()), [("operation.undocumented", "request:/serviceCode")],
               signed=False, tags=("suggest:EXP_RECE_SEARCH_ROUTES",))
    yield Case("sdk-sf-deliver-time-not-in-pack", "sf-fengqiao", SF, {},
               _sf("EXP_RECE_QUERY_DELIVERTM", {"businessType": "2", "weight": "1.2",
                                                "searchPrice": "0"}),
               _answer({"success": True, "errorCode": "S0000", "errorMsg": None,
                        "msgData": {"deliverTmDto": []}}),
               [("operation.undocumented", "request:/serviceCode")], signed=False)
    m = "request:/msgData⟨json⟩"
    contacts = [{**_ORDER["contactInfoList"][0], "contactType": "1"},
                _ORDER["contactInfoList"][1]]
    yield Case("sdk-sf-contact-type-as-text", "sf-fengqiao", SF, {},
               _sf(create, {**_ORDER, "contactInfoList": contacts}), created,
               [("field.wrong-type", f"{m}/contactInfoList/0/contactType")], signed=False)
    yield Case("sdk-sf-pay-method-outside-enum", "sf-fengqiao", SF, {},
               _sf(create, {**_ORDER, "payMethod": 4}), created,
               [("field.unknown-enum", f"{m}/payMethod")], signed=False)
    mobiles = [_ORDER["contactInfoList"][0],
               {**_ORDER["contactInfoList"][1], "mobile": "1390013900"}]
    yield Case("sdk-sf-mobile-ten-digits", "sf-fengqiao", SF, {},
               _sf(create, {**_ORDER, "contactInfoList": mobiles}), created,
               [("field.wrong-format", f"{m}/contactInfoList/1/mobile")], signed=False)
    yield Case("sdk-sf-request-without-order-id", "sf-fengqiao", SF, {},
               _sf(create, {k: v for k, v in _ORDER.items() if k != "orderId"}), created,
               [("field.missing", f"{m}/orderId")], signed=False)
    dup = text[:-1] + ', "orderId": "SG-20240712-0043"}'
    yield Case("sdk-sf-msg-data-duplicate-key", "sf-fengqiao", SF, {}, _sf(create, dup), created,
               [("body.duplicate-key", m)], signed=False)
    r = "/apiResultData⟨json⟩/msgData"
    yield Case("sdk-sf-waybill-no-pattern", "sf-fengqiao", SF, {}, _sf(create, _ORDER),
               _answer(_created(waybillNoInfoList=[{"waybillType": 1,
                                                    "waybillNo": "SF14620539"}])),
               [("field.wrong-format", f"{r}/waybillNoInfoList/0/waybillNo")], signed=False)
    yield Case("sdk-sf-filter-result-as-text", "sf-fengqiao", SF, {}, _sf(create, _ORDER),
               _answer(_created(filterResult="2")),
               [("field.wrong-type", f"{r}/filterResult")], signed=False)
    yield Case("sdk-sf-route-time-iso", "sf-fengqiao", SF, {}, _sf(routes, _ROUTES),
               _answer(_routes(acceptTime="2024-07-12T18:40:11+08:00")),
               [("field.wrong-format", f"{r}/routeResps/0/routes/0/acceptTime")], signed=False)
    answered = json.dumps(_routes(), ensure_ascii=False)[:-1] + ', "success": false}'
    yield Case("sdk-sf-answer-duplicate-key", "sf-fengqiao", SF, {}, _sf(routes, _ROUTES),
               _answer(answered), [("body.duplicate-key", "/apiResultData⟨json⟩"),
                                   ("response.in-band-error", "/apiResultData⟨json⟩/success")],
               signed=False)
    update = {"orderId": "SG-20240712-0042", "dealType": 3, "language": "zh-CN"}
    yield Case("sdk-sf-update-deal-type-outside-enum", "sf-fengqiao", SF, {},
               _sf("EXP_RECE_UPDATE_ORDER", update),
               _answer({"success": True, "errorCode": "S0000", "errorMsg": None, "msgData": {
                   "orderId": "SG-20240712-0042", "resStatus": 2}}),
               [("field.unknown-enum", f"{m}/dealType")], signed=False)
    form = _sf(create, _ORDER)
    yield Case("sdk-sf-gbk-form-declared-utf8", "sf-fengqiao", SF, {}, None, created,
               [("body.undecodable", None)], signed=False,
               request_body=urlencode(form, encoding="gbk").encode("ascii"))
