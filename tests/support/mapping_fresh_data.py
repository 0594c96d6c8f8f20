"""Contracts, mappings and recorded records of ``tests.support.mapping_fresh``.

Each contract holds only the fields its mapping needs, with names, types, limits and units as the
platforms' public documentation gives them: JD ``jingdong.pop.order.search`` (``orderInfoList``,
money as yuan strings, China time without offset), Salesforce ``sobjects/Opportunity`` (``Name``
120, ``NextStep`` 255), Pinduoduo ``pdd.ddk.order.list.increment.get`` (``order_amount`` and
``promotion_amount`` in fen, times as Unix seconds), Zoho CRM ``Deals`` (``Deal_Name`` 120),
Shopify Admin REST refunds (``refund_line_items`` with ``subtotal_set``), Kingdee K/3 Cloud
``SAL_RETURNSTOCK`` (``FEntity`` rows, ``FNumber`` references), a Jiandaoyun data push
(``op``/``data`` with widget ids and a subform), SF Express Fengqiao ``EXP_RECE_CREATE_ORDER``
``msgData`` and WeCom ``externalcontact/remark`` (remark and company at most 20 characters,
description 150, ``remark_mobiles`` a list).
"""

from __future__ import annotations

from typing import Any

_MONEY = {"type": "string", "pattern": "^-?[0-9]+([.][0-9]{1,2})?$"}
_CN_TIME = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$"}


def _source(title: str, version: str, operation: tuple[str, str], key: str,
            schemas: dict[str, Any], record: str) -> dict[str, Any]:
    """A contract whose ``operation`` answers ``{key: [record, ...]}``."""
    method, path = operation
    body = {"type": "object", "properties": {key: {
        "type": "array", "items": {"$ref": f"#/components/schemas/{record}"}}}}
    return {"openapi": "3.0.3", "info": {"title": title, "version": version},
            "paths": {path: {method: {"parameters": [
                {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}
                for name in ("order_id",) if "{order_id}" in path], "responses": {"200": {
                "description": "Records.", "content": {"application/json": {"schema": body}}}}}}},
            "components": {"schemas": schemas}}


def _target(title: str, version: str, path: str, schemas: dict[str, Any],
            record: str) -> dict[str, Any]:
    """A contract that takes ``record`` in a POST body."""
    return {"openapi": "3.0.3", "info": {"title": title, "version": version},
            "paths": {path: {"post": {
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/{record}"}}}},
                "responses": {"200": {"description": "Accepted."}}}}},
            "components": {"schemas": schemas}}


# --- JD order -> Salesforce Opportunity ----------------------------------------------------------

JD_STATES = ["WAIT_SELLER_STOCK_OUT", "WAIT_GOODS_RECEIVE_CONFIRM", "FINISHED_L",
             "TRADE_CANCELED", "LOCKED"]
JD = _source("JD POP orders", "2.0", ("post", "/routerjson"), "orderInfoList", {"Order": {
    "type": "object", "required": ["orderId", "venderId", "orderState", "orderStartTime"],
    "properties": {
        "orderId": {"type": "string", "pattern": "^[0-9]{1,20}$"},
        "venderId": {"type": "string", "pattern": "^[0-9]{1,12}$"},
        "orderTotalPrice": _MONEY, "orderPayment": _MONEY, "freightPrice": _MONEY,
        "orderState": {"type": "string", "enum": JD_STATES},
        "orderStartTime": _CN_TIME, "modified": _CN_TIME,
        "orderRemark": {"type": "string"},
        "consigneeInfo": {"type": "object", "properties": {
            "fullname": {"type": "string"}, "mobile": {"type": "string"},
            "telephone": {"type": "string"}, "fullAddress": {"type": "string"}}},
        "itemInfoList": {"type": "array", "items": {"type": "object", "properties": {
            "skuId": {"type": "string"}, "outerSkuId": {"type": "string", "maxLength": 40},
            "skuName": {"type": "string"}, "jdPrice": _MONEY,
            "itemTotal": {"type": "string", "pattern": "^[0-9]+$"}}}},
    }}}, "Order")

SALESFORCE = _target("Salesforce REST sObjects", "v60.0", "/sobjects/Opportunity/", {
    "Opportunity": {
        "type": "object", "additionalProperties": False,
        "required": ["Name", "StageName", "CloseDate"],
        "properties": {
            "Name": {"type": "string", "maxLength": 120},
            "StageName": {"type": "string", "enum": [
                "Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review",
                "Closed Won", "Closed Lost"]},
            "CloseDate": {"type": "string", "format": "date"},
            "Amount": {"type": "number"},
            "NextStep": {"type": "string", "maxLength": 255},
            "JD_Order_Key__c": {"type": "string", "maxLength": 40},
            "Freight_Fen__c": {"type": "integer"},
            "SKU_List__c": {"type": "string", "maxLength": 255},
        }}}, "Opportunity")

JD_TO_SALESFORCE: dict[str, Any] = {
    "description": "Each JD POP order (several shops share the org) becomes an opportunity.",
    "source": {"contract": "jd@2.0", "schema": "#/components/schemas/Order",
               "recorded": [{"operation": "POST /routerjson", "at": "/orderInfoList/*"}]},
    "target": {"contract": "salesforce@v60.0", "schema": "#/components/schemas/Opportunity"},
    "identity": {"source": "orderId", "target": "JD_Order_Key__c"},
    "fields": [
        {"target": "JD_Order_Key__c", "source": ["venderId", "orderId"],
         "transforms": [{"concat": {"separator": "-"}}], "required": True},
        {"target": "Name", "source": "orderId",
         "transforms": [{"regex_replace": {"pattern": "^", "replacement": "JD "}}],
         "required": True},
        {"target": "StageName", "source": "orderState", "enum": "stage", "required": True},
        {"target": "CloseDate", "source": "orderStartTime",
         "transforms": [{"datetime_utc": {"tz": "Asia/Shanghai"}}, "date_only"],
         "required": True},
        {"target": "Amount", "source": "orderPayment", "transforms": ["to_number"]},
        {"target": "Freight_Fen__c", "source": "freightPrice",
         "transforms": [{"money_to_minor": {"currency": "CNY"}}]},
        {"target": "NextStep", "source": "orderRemark",
         "transforms": ["trim", {"truncate": {"max_length": 255}}]},
        {"target": "SKU_List__c", "source": "itemInfoList[].outerSkuId",
         "transforms": [{"join": {"separator": ","}}, {"truncate": {"max_length": 255}}]},
    ],
    "enums": {"stage": {
        "WAIT_SELLER_STOCK_OUT": "Negotiation/Review", "LOCKED": "Negotiation/Review",
        "WAIT_GOODS_RECEIVE_CONFIRM": "Closed Won", "FINISHED_L": "Closed Won",
        "TRADE_CANCELED": "Closed Lost"}},
}

JD_ORDERS = [
    {"orderId": "290112837465", "venderId": "10086", "orderTotalPrice": "318.00",
     "orderPayment": "299.90", "freightPrice": "8.50", "orderState": "WAIT_SELLER_STOCK_OUT",
     "orderStartTime": "2024-07-10 23:40:12", "modified": "2024-07-10 23:41:00",
     "orderRemark": " 周末送货 ",
     "itemInfoList": [{"skuId": "100045", "outerSkuId": "TEA-250", "skuName": "龙井 250g",
                       "jdPrice": "199.00", "itemTotal": "1"},
                      {"skuId": "100046", "outerSkuId": "CUP-01", "skuName": "茶杯",
                       "jdPrice": "119.00", "itemTotal": "1"}]},
    {"orderId": "290112837466", "venderId": "20417", "orderTotalPrice": "59.00",
     "orderPayment": "59.00", "freightPrice": "0.00", "orderState": "TRADE_CANCELED",
     "orderStartTime": "2024-07-11 00:05:00",
     "itemInfoList": [{"skuId": "200017", "outerSkuId": "MASK-10", "jdPrice": "59.00",
                       "itemTotal": "1"}]},
]

# --- Pinduoduo promotion order -> Zoho CRM Deals -------------------------------------------------

PDD_STATUS = [-1, 0, 1, 2, 3, 4, 5, 8]
PDD = _source("Pinduoduo DDK orders", "V1", ("get", "/ddk/orders"), "order_list", {"DdkOrder": {
    "type": "object", "required": ["order_sn", "order_amount", "order_status"],
    "properties": {
        "order_sn": {"type": "string", "maxLength": 64},
        "goods_name": {"type": "string"},
        "goods_quantity": {"type": "integer"},
        "order_amount": {"type": "integer", "description": "实际支付金额 单位为分 (fen)"},
        "promotion_amount": {"type": "integer", "description": "佣金金额 单位为分"},
        "order_status": {"type": "integer", "enum": PDD_STATUS},
        "order_status_desc": {"type": "string"},
        "order_pay_time": {"type": "integer", "description": "Unix seconds"},
        "custom_parameters": {"type": "string"},
    }}}, "DdkOrder")

ZOHO = _target("Zoho CRM Deals", "v7", "/crm/v7/Deals", {"Deal": {
    "type": "object", "additionalProperties": False,
    "required": ["Deal_Name", "Stage"],
    "properties": {
        "Deal_Name": {"type": "string", "maxLength": 120},
        "Stage": {"type": "string", "enum": [
            "Qualification", "Needs Analysis", "Negotiation/Review", "Closed Won",
            "Closed Lost", "Closed-Lost to Competition"]},
        "Amount": {"type": "number"},
        "Commission": {"type": "number"},
        "Quantity": {"type": "integer"},
        "Description": {"type": "string", "maxLength": 32000},
        "PDD_Order_SN": {"type": "string", "maxLength": 64},
    }}}, "Deal")

PDD_TO_ZOHO: dict[str, Any] = {
    "description": "Promotion orders from Duoduo Jinbao become Zoho deals.",
    "source": {"contract": "pdd@V1", "schema": "#/components/schemas/DdkOrder",
               "recorded": [{"operation": "GET /ddk/orders", "at": "/order_list/*"}]},
    "target": {"contract": "zoho@v7", "schema": "#/components/schemas/Deal"},
    "identity": {"source": "order_sn", "target": "PDD_Order_SN"},
    "fields": [
        {"target": "PDD_Order_SN", "source": "order_sn", "transforms": ["trim"],
         "required": True},
        {"target": "Deal_Name", "source": "goods_name",
         "transforms": ["trim", {"truncate": {"max_length": 120}}], "default": "PDD order",
         "required": True},
        {"target": "Stage", "source": "order_status", "enum": "stage", "required": True},
        {"target": "Amount", "source": "order_amount",
         "transforms": [{"money_from_minor": {"currency": "CNY"}}, "to_number"]},
        {"target": "Commission", "source": "promotion_amount",
         "transforms": [{"money_from_minor": {"currency": "CNY"}}, "to_number"]},
        {"target": "Quantity", "source": "goods_quantity"},
        {"target": "Description", "source": "order_status_desc",
         "transforms": ["trim", {"truncate": {"max_length": 32000}}]},
    ],
    "enums": {"stage": {
        "-1": "Qualification", "0": "Needs Analysis", "1": "Negotiation/Review",
        "2": "Closed Won", "3": "Closed Won", "4": "Closed Lost", "5": "Closed Won",
        "8": "Closed Lost"}},
}

PDD_ORDERS = [
    {"order_sn": "240710-418273645019283", "goods_name": "  智能保温杯 500ml 礼盒装 ",
     "goods_quantity": 2, "order_amount": 5990, "promotion_amount": 599, "order_status": 1,
     "order_status_desc": "已成团", "order_pay_time": 1720624512},
    {"order_sn": "240711-418273645019284", "goods_quantity": 1, "order_amount": 1,
     "promotion_amount": 0, "order_status": 4, "order_status_desc": "审核失败",
     "order_pay_time": 1720656000},
]

# --- Shopify refund -> Kingdee K/3 Cloud sales return --------------------------------------------

_SHOP_MONEY = {"type": "object", "properties": {"shop_money": {"type": "object", "properties": {
    "amount": _MONEY, "currency_code": {"type": "string"}}}}}
SHOPIFY_REFUNDS = _source("Shopify Admin REST refunds", "2024-07",
                          ("get", "/orders/{order_id}/refunds.json"), "refunds", {"Refund": {
    "type": "object", "required": ["id", "order_id", "created_at"],
    "properties": {
        "id": {"type": "integer"}, "order_id": {"type": "integer"},
        "created_at": {"type": "string", "format": "date-time"},
        "note": {"type": "string", "nullable": True},
        "restock": {"type": "boolean"},
        "refund_line_items": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "line_item_id": {"type": "integer"},
            "quantity": {"type": "integer"},
            "restock_type": {"type": "string", "enum": [
                "no_restock", "cancel", "return", "legacy_restock"]},
            "subtotal_set": _SHOP_MONEY,
            "line_item": {"type": "object", "properties": {
                "sku": {"type": "string", "nullable": True}, "name": {"type": "string"},
                "price": _MONEY}}}}},
    }}}, "Refund")

_NUMBER = {"type": "object", "required": ["FNumber"], "properties": {
    "FNumber": {"type": "string", "maxLength": 80}}}
KINGDEE = _target("Kingdee K/3 Cloud Save", "v8",
                  "/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc", {
    "ReturnStock": {
        "type": "object", "required": ["FBillTypeID", "FDate", "FSaleOrgId", "FRetcustId",
                                       "FEntity"],
        "properties": {
            "FBillTypeID": _NUMBER, "FSaleOrgId": _NUMBER, "FRetcustId": _NUMBER,
            "FBillNo": {"type": "string", "maxLength": 30},
            "FDate": {"type": "string", "format": "date"},
            "FHeadNote": {"type": "string", "maxLength": 255},
            "FEntity": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["FMaterialId", "FRealQty"], "properties": {
                    "FMaterialId": _NUMBER, "FRealQty": {"type": "number"},
                    "FTaxPrice": {"type": "number"},
                    "FAllAmount": {"type": "number"},
                    "FReturnType": _NUMBER,
                    "FEntryNote": {"type": "string", "maxLength": 255}}}},
        }}}, "ReturnStock")

SHOPIFY_TO_KINGDEE: dict[str, Any] = {
    "description": "A Shopify refund becomes a Kingdee sales return (SAL_RETURNSTOCK).",
    "source": {"contract": "shopify@2024-07", "schema": "#/components/schemas/Refund",
               "recorded": [{"operation": "GET /orders/{order_id}/refunds.json",
                             "at": "/refunds/*"}]},
    "target": {"contract": "kingdee@v8", "schema": "#/components/schemas/ReturnStock"},
    "identity": {"source": "id", "target": "FBillNo"},
    "fields": [
        {"target": "FBillNo", "source": "id",
         "transforms": ["to_string", {"regex_replace": {"pattern": "^", "replacement": "SR"}}],
         "required": True},
        {"target": "FBillTypeID.FNumber", "constant": "XSTHD01_SYS"},
        {"target": "FSaleOrgId.FNumber", "constant": "100"},
        {"target": "FRetcustId.FNumber", "constant": "SHOPIFY"},
        {"target": "FDate", "source": "created_at",
         "transforms": [{"datetime_utc": {"tz": "UTC"}}, "date_only"], "required": True},
        {"target": "FHeadNote", "source": "note",
         "transforms": ["trim", {"truncate": {"max_length": 255}}]},
        {"target": "FEntity", "source": "refund_line_items", "required": True, "each": [
            {"target": "FMaterialId.FNumber", "source": "line_item.sku",
             "transforms": [{"truncate": {"max_length": 80}}], "default": "UNKNOWN-SKU"},
            {"target": "FRealQty", "source": "quantity"},
            {"target": "FTaxPrice", "source": "line_item.price", "transforms": ["to_number"]},
            {"target": "FAllAmount", "source": "subtotal_set.shop_money.amount",
             "transforms": ["to_number"]},
            {"target": "FReturnType.FNumber", "source": "restock_type", "enum": "return_type"},
        ]},
    ],
    "enums": {"return_type": {"no_restock": "THLX02_SYS", "cancel": "THLX02_SYS",
                              "return": "THLX01_SYS", "legacy_restock": "THLX01_SYS"}},
}

SHOPIFY_REFUND_RECORDS = [
    {"id": 930016805117, "order_id": 5829461287101, "created_at": "2024-07-12T18:20:00+08:00",
     "note": " 尺码不合适 ", "restock": True,
     "refund_line_items": [
         {"id": 61001, "line_item_id": 11, "quantity": 1, "restock_type": "return",
          "subtotal_set": {"shop_money": {"amount": "199.99", "currency_code": "CNY"}},
          "line_item": {"sku": "TEA-250", "name": "龙井 250g", "price": "199.99"}},
         {"id": 61002, "line_item_id": 12, "quantity": 2, "restock_type": "no_restock",
          "subtotal_set": {"shop_money": {"amount": "39.80", "currency_code": "CNY"}},
          "line_item": {"sku": None, "name": "赠品袋", "price": "19.90"}}]},
    {"id": 930016805118, "order_id": 5829461287102, "created_at": "2024-07-13T01:30:00+08:00",
     "note": None, "restock": False,
     "refund_line_items": [
         {"id": 61003, "line_item_id": 13, "quantity": 3, "restock_type": "cancel",
          "subtotal_set": {"shop_money": {"amount": "0.30", "currency_code": "CNY"}},
          "line_item": {"sku": "PEN-1", "name": "笔", "price": "0.10"}}]},
]

# --- Jiandaoyun form push -> SF Fengqiao create order --------------------------------------------

JIANDAOYUN = _source("Jiandaoyun data push", "v5", ("post", "/push"), "pushes", {"Push": {
    "type": "object", "required": ["op", "data"],
    "properties": {
        "op": {"type": "string", "enum": ["data_create", "data_update", "data_remove"]},
        "data": {"type": "object", "required": ["_id"], "properties": {
            "_id": {"type": "string", "pattern": "^[0-9a-f]{24}$"},
            "appId": {"type": "string"}, "entryId": {"type": "string"},
            "serial_no": {"type": "string", "description": "the form's own serial number"},
            "createTime": {"type": "string", "format": "date-time"},
            "_widget_1720000000001": {"type": "string", "description": "收件人"},
            "_widget_1720000000002": {"type": "string", "description": "手机"},
            "_widget_1720000000003": {"type": "string", "description": "座机"},
            "_widget_1720000000004": {"type": "object", "description": "收件地址",
                                      "properties": {
                                          "province": {"type": "string"},
                                          "city": {"type": "string"},
                                          "district": {"type": "string"},
                                          "detail": {"type": "string"}}},
            "_widget_1720000000005": {"type": "array", "description": "货物明细 (subform)",
                                      "items": {"type": "object", "properties": {
                                          "_widget_1720000000051": {"type": "string"},
                                          "_widget_1720000000052": {"type": "number"}}}},
            "_widget_1720000000006": {"type": "string", "description": "备注"},
        }},
    }}}, "Push")

_SF_CONTACT = {"type": "object", "required": ["contactType", "address"], "properties": {
    "contactType": {"type": "integer", "enum": [1, 2]},
    "contact": {"type": "string", "maxLength": 100},
    "tel": {"type": "string", "maxLength": 20},
    "mobile": {"type": "string", "maxLength": 20},
    "province": {"type": "string", "maxLength": 30},
    "city": {"type": "string", "maxLength": 100},
    "county": {"type": "string", "maxLength": 30},
    "address": {"type": "string", "maxLength": 200}}}
SF = _target("SF Express Fengqiao", "2.0", "/std/service", {"CreateOrderMsgData": {
    "type": "object", "required": ["language", "orderId", "cargoDetails", "contactInfoList"],
    "properties": {
        "language": {"type": "string", "enum": ["zh-CN", "zh-TW", "en"]},
        "orderId": {"type": "string", "maxLength": 64},
        "remark": {"type": "string", "maxLength": 100},
        # SF documents it by its format alone; the time is the clock in China
        "sendStartTm": {"type": "string",
                        "description": "上门取件开始时间, 格式 YYYY-MM-DD HH24:MI:SS, 北京时间"},
        "cargoDetails": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["name"], "properties": {
                "name": {"type": "string", "maxLength": 128},
                "count": {"type": "number"}}}},
        "contactInfoList": {"type": "array", "minItems": 1, "items": _SF_CONTACT},
    }}}, "CreateOrderMsgData")

_W = "data._widget_17200000000"
JIANDAOYUN_TO_SF: dict[str, Any] = {
    "description": "A shipping request entered in a Jiandaoyun form becomes an SF order.",
    "source": {"contract": "jiandaoyun@v5", "schema": "#/components/schemas/Push",
               "recorded": [{"operation": "POST /push", "at": "/pushes/*"}]},
    "target": {"contract": "sf@2.0", "schema": "#/components/schemas/CreateOrderMsgData"},
    "identity": {"source": "data._id", "target": "orderId"},
    "pii": {"allowed_destinations": ["contactInfoList.contact", "contactInfoList.mobile",
                                     "contactInfoList.tel", "contactInfoList.address"]},
    "fields": [
        {"target": "orderId", "source": "data._id",
         "transforms": [{"regex_replace": {"pattern": "^", "replacement": "JDY"}}],
         "required": True},
        {"target": "language", "constant": "zh-CN"},
        {"target": "remark", "source": f"{_W}06",
         "transforms": ["trim", {"truncate": {"max_length": 100}}]},
        {"target": "cargoDetails", "source": f"{_W}05", "required": True, "each": [
            {"target": "name", "source": "_widget_1720000000051",
             "transforms": ["trim", {"truncate": {"max_length": 128}}]},
            {"target": "count", "source": "_widget_1720000000052"}]},
        {"target": "contactInfoList", "items": [[
            {"target": "contactType", "constant": 2},
            {"target": "contact", "source": f"{_W}01", "pii": True,
             "transforms": ["trim", {"truncate": {"max_length": 100}}]},
            {"target": "mobile", "source": f"{_W}02", "pii": True,
             "transforms": [{"remove_chars": {"chars": " -"}}, {"truncate": {"max_length": 20}}]},
            {"target": "tel", "source": f"{_W}03", "pii": True,
             "transforms": [{"remove_chars": {"chars": " "}}, {"truncate": {"max_length": 20}}]},
            {"target": "province", "source": f"{_W}04.province",
             "transforms": [{"truncate": {"max_length": 30}}]},
            {"target": "city", "source": f"{_W}04.city",
             "transforms": [{"truncate": {"max_length": 100}}]},
            {"target": "county", "source": f"{_W}04.district",
             "transforms": [{"truncate": {"max_length": 30}}]},
            {"target": "address", "source": f"{_W}04.detail", "pii": True,
             "transforms": ["trim", {"truncate": {"max_length": 200}}]}]]},
        {"target": "sendStartTm", "source": "data.createTime",
         "transforms": [{"datetime_local": {"tz": "Asia/Shanghai"}}]},
    ],
}


def _push(oid: str, serial: str, entry: str, name: str, mobile: str, tel: str,
          items: list[tuple[str, float]], note: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "_id": oid, "appId": "5f1a2b3c4d5e6f7a8b9c0d1e", "entryId": entry, "serial_no": serial,
        "createTime": "2024-07-10T02:15:00.000Z",
        f"{_W[5:]}01": name, f"{_W[5:]}02": mobile, f"{_W[5:]}03": tel,
        f"{_W[5:]}04": {"province": "广东省", "city": "深圳市", "district": "南山区",
                        "detail": " 科技园路 1 号 "},
        f"{_W[5:]}05": [{"_widget_1720000000051": n, "_widget_1720000000052": c}
                        for n, c in items]}
    if note is not None:
        data[f"{_W[5:]}06"] = note
    return {"op": "data_create", "data": data}


JIANDAOYUN_PUSHES = [
    _push("66a1b2c3d4e5f60718293a4b", "FH2024070001", "66a000000000000000000001", " 张伟 ",
          "138 1234-5678", "0755-8888 1234", [(" 样品 A ", 2), ("样品 B", 1)], " 易碎 "),
    _push("66a1b2c3d4e5f60718293a4c", "FH2024070001", "66a000000000000000000002", "李娜",
          "139-8765-4321", "021-6123 4567", [("合同文件", 1)]),
]

# --- HubSpot contact -> WeCom external contact remark --------------------------------------------

HUBSPOT = _source("HubSpot CRM contacts", "v3", ("get", "/crm/v3/objects/contacts"), "results", {
    "Contact": {"type": "object", "required": ["id", "properties"], "properties": {
        "id": {"type": "string"},
        "properties": {"type": "object", "properties": {
            "firstname": {"type": "string", "nullable": True},
            "lastname": {"type": "string", "nullable": True},
            "email": {"type": "string", "format": "email", "nullable": True},
            "phone": {"type": "string", "nullable": True},
            "mobilephone": {"type": "string", "nullable": True},
            "company": {"type": "string", "nullable": True},
            "country": {"type": "string", "nullable": True},
            "wecom_external_userid": {"type": "string"},
            "wecom_owner_userid": {"type": "string"},
            "hs_lead_status": {"type": "string", "nullable": True, "enum": [
                "NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT",
                "CONNECTED", "BAD_TIMING", None]}}}}}}, "Contact")

WECOM = _target("WeCom external contact", "v1", "/cgi-bin/externalcontact/remark", {"Remark": {
    "type": "object", "additionalProperties": False, "required": ["userid", "external_userid"],
    "properties": {
        "userid": {"type": "string"}, "external_userid": {"type": "string"},
        "remark": {"type": "string", "maxLength": 20},
        "description": {"type": "string", "maxLength": 150},
        "remark_company": {"type": "string", "maxLength": 20},
        "remark_mobiles": {"type": "array", "items": {"type": "string"}},
    }}}, "Remark")

HUBSPOT_TO_WECOM: dict[str, Any] = {
    "description": "A HubSpot contact's name, company and phones become the WeCom remark.",
    "source": {"contract": "hubspot@v3", "schema": "#/components/schemas/Contact",
               "recorded": [{"operation": "GET /crm/v3/objects/contacts", "at": "/results/*"}]},
    "target": {"contract": "wecom@v1", "schema": "#/components/schemas/Remark"},
    "identity": {"source": "properties.wecom_external_userid", "target": "external_userid"},
    "pii": {"allowed_destinations": ["remark", "remark_mobiles"]},
    "fields": [
        {"target": "userid", "source": "properties.wecom_owner_userid", "required": True},
        {"target": "external_userid", "source": "properties.wecom_external_userid",
         "required": True},
        {"target": "remark", "source": ["properties.lastname", "properties.firstname"],
         "pii": True, "transforms": [{"concat": {"separator": " "}}, "trim",
                                     {"truncate": {"max_length": 20}}]},
        {"target": "remark_company", "source": "properties.company",
         "transforms": ["trim", {"truncate": {"max_length": 20}}]},
        {"target": "description", "source": "properties.hs_lead_status",
         "transforms": [{"enum_map": {"mapping": {"NEW": "新线索", "OPEN": "跟进中",
                                                  "CONNECTED": "已联系"},
                                      "default": "其他"}}]},
        {"target": "remark_mobiles", "source": "properties.mobilephone", "pii": True,
         "transforms": [{"phone_e164": {"region": "US"}}, {"split": {"separator": ","}}]},
    ],
}

HUBSPOT_CONTACTS = [
    {"id": "901", "properties": {
        "firstname": "伟", "lastname": "张", "email": "zhang.wei@example.cn",
        "mobilephone": "+86 138 1234 5678", "company": " 上海茶叶进出口有限公司 ",
        "country": "China",
        "wecom_external_userid": "wmAJ2GCAAAme1XQ", "wecom_owner_userid": "zhangsan",
        "hs_lead_status": "OPEN"}},
    {"id": "902", "properties": {
        "firstname": "Anna", "lastname": "Smith", "email": "anna@example.com",
        "mobilephone": "(415) 555-2671", "company": "Acme", "country": "United States",
        "wecom_external_userid": "wmAJ2GCAAAme1XR", "wecom_owner_userid": "lisi",
        "hs_lead_status": "BAD_TIMING"}},
]
