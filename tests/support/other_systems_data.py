"""The contracts, mappings and recorded records of ``tests.support.other_systems``: each
written from the platform's public documentation, with only the fields a mapping needs."""

from __future__ import annotations

from typing import Any

_MONEY = {"type": "string", "pattern": "^-?[0-9]+([.][0-9]{1,2})?$"}

SHOPIFY = {
    "openapi": "3.0.3", "info": {"title": "Shopify Admin REST", "version": "2024-07"},
    "paths": {"/orders.json": {"get": {"responses": {"200": {
        "description": "Orders.", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"orders": {
                "type": "array", "items": {"$ref": "#/components/schemas/Order"}}}}}}}}}}},
    "components": {"schemas": {
        "Order": {"type": "object", "required": ["id", "name", "total_price", "currency",
                                                "financial_status", "created_at"],
                  "properties": {
                      "id": {"type": "integer"},
                      "name": {"type": "string"},
                      "email": {"type": "string", "format": "email", "nullable": True},
                      "phone": {"type": "string", "nullable": True},
                      "total_price": _MONEY,
                      "total_tax": _MONEY,
                      "currency": {"type": "string", "pattern": "^[A-Za-z]{3}$"},
                      "financial_status": {"type": "string", "enum": [
                          "pending", "authorized", "partially_paid", "paid",
                          "partially_refunded", "refunded", "voided"]},
                      "created_at": {"type": "string", "format": "date-time"},
                      "note": {"type": "string", "nullable": True},
                      "total_weight": {"type": "integer", "description": "grams"},
                      "source_name": {"type": "string"},
                  }}}},
}

SALESFORCE = {
    "openapi": "3.0.3", "info": {"title": "Salesforce REST sObjects", "version": "v60.0"},
    "paths": {"/sobjects/Opportunity/": {"post": {
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Opportunity"}}}},
        "responses": {"201": {"description": "Created.", "content": {"application/json": {
            "schema": {"type": "object", "properties": {
                "id": {"type": "string"}, "success": {"type": "boolean"}}}}}}}}}},
    "components": {"schemas": {
        "Opportunity": {
            "type": "object", "additionalProperties": False,
            "required": ["Name", "StageName", "CloseDate"],
            "properties": {
                "Name": {"type": "string", "maxLength": 120},
                "StageName": {"type": "string", "enum": [
                    "Prospecting", "Qualification", "Needs Analysis", "Value Proposition",
                    "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
                    "Negotiation/Review", "Closed Won", "Closed Lost"]},
                "CloseDate": {"type": "string", "format": "date"},
                "Amount": {"type": "number"},
                "CurrencyIsoCode": {"type": "string", "maxLength": 3},
                "Description": {"type": "string", "maxLength": 32000},
                "LeadSource": {"type": "string", "maxLength": 40},
                "Shopify_Order_Id__c": {"type": "string", "maxLength": 20},
                "Tax_Cents__c": {"type": "integer"},
                "Weight_Grams__c": {"type": "integer"},
            }}}},
}

SHOPIFY_TO_SALESFORCE = {
    "description": "Every Shopify order becomes one Salesforce opportunity.",
    "source": {"contract": "shopify@2024-07", "schema": "#/components/schemas/Order",
               "recorded": [{"operation": "GET /orders.json", "at": "/orders/*"}]},
    "target": {"contract": "salesforce@v60.0", "schema": "#/components/schemas/Opportunity"},
    "identity": {"source": "id", "target": "Shopify_Order_Id__c"},
    "fields": [
        {"target": "Shopify_Order_Id__c", "source": "id", "transforms": ["to_string"],
         "required": True},
        {"target": "Name", "source": "name",
         "transforms": ["trim", {"regex_replace": {"pattern": "^", "replacement": "Shopify "}},
                        {"truncate": {"max_length": 120}}], "required": True},
        {"target": "StageName", "source": "financial_status", "enum": "stage",
         "required": True},
        {"target": "CloseDate", "source": "created_at",
         "transforms": [{"datetime_utc": {"tz": "Asia/Shanghai"}}, "date_only"],
         "required": True},
        {"target": "Amount", "source": "total_price", "transforms": ["to_number"]},
        {"target": "Tax_Cents__c", "source": "total_tax",
         "transforms": [{"money_to_minor": {"currency": "CNY"}}]},
        {"target": "CurrencyIsoCode", "source": "currency", "transforms": ["trim", "upper"]},
        {"target": "Weight_Grams__c", "source": "total_weight"},
        {"target": "LeadSource", "source": "source_name",
         "transforms": [{"enum_map": {"mapping": {"web": "Web", "pos": "Retail"},
                                      "default": "Other"}}]},
        {"target": "Description", "source": "note",
         "transforms": ["trim", {"truncate": {"max_length": 32000}}]},
    ],
    "enums": {"stage": {
        "pending": "Proposal/Price Quote", "authorized": "Negotiation/Review",
        "partially_paid": "Negotiation/Review", "paid": "Closed Won",
        "partially_refunded": "Closed Won", "refunded": "Closed Lost",
        "voided": "Closed Lost"}},
}

SHOPIFY_RECORDS = [
    {"id": 5829461287101, "name": "#2001", "email": "li.na@example.cn", "phone": None,
     "total_price": "935.00", "total_tax": "107.57", "currency": "CNY",
     "financial_status": "paid", "created_at": "2024-07-10T10:15:00+08:00", "note": None,
     "total_weight": 1250, "source_name": "web"},
    {"id": 5829461287102, "name": "#2002", "email": None, "phone": "+8613812345678",
     "total_price": "59.9", "total_tax": "0", "currency": "CNY",
     "financial_status": "refunded", "created_at": "2024-07-10T23:30:00+08:00",
     "note": " gift wrap ", "total_weight": 0, "source_name": "pos"},
    {"id": 5829461287103, "name": "#2003", "total_price": "1999.50", "total_tax": "230.03",
     "currency": "cny", "financial_status": "pending",
     "created_at": "2024-07-11T01:00:00+08:00", "source_name": "iphone"},
]

JD = {
    "openapi": "3.0.3", "info": {"title": "JD POP orders", "version": "2.0"},
    "paths": {"/routerjson": {"post": {"responses": {"200": {
        "description": "jingdong.pop.order.search", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"orderInfoList": {
                "type": "array", "items": {"$ref": "#/components/schemas/Order"}}}}}}}}}}},
    "components": {"schemas": {
        "Order": {"type": "object", "required": ["orderId", "orderTotalPrice", "orderState",
                                                "orderStartTime", "itemInfoList"],
                  "properties": {
                      "orderId": {"type": "string", "pattern": "^[0-9]{1,20}$"},
                      "venderId": {"type": "string"},
                      "orderTotalPrice": {"type": "string", "description": "yuan, 2 places"},
                      "freightPrice": {"type": "string"},
                      "orderState": {"type": "string", "enum": [
                          "WAIT_SELLER_STOCK_OUT", "WAIT_GOODS_RECEIVE_CONFIRM",
                          "FINISHED_L", "TRADE_CANCELED", "LOCKED"]},
                      "orderStartTime": {"type": "string",
                                         "description": "yyyy-MM-dd HH:mm:ss, China time"},
                      "orderRemark": {"type": "string"},
                      "consigneeInfo": {"type": "object", "properties": {
                          "fullname": {"type": "string"},
                          "mobile": {"type": "string"},
                          "province": {"type": "string"},
                          "city": {"type": "string"},
                          "county": {"type": "string"},
                          "fullAddress": {"type": "string"}}},
                      "itemInfoList": {"type": "array", "items": {
                          "type": "object", "required": ["skuId", "itemTotal", "jdPrice"],
                          "properties": {
                              "skuId": {"type": "string"},
                              "outerSkuId": {"type": "string"},
                              "skuName": {"type": "string"},
                              "itemTotal": {"type": "string",
                                            "description": "quantity, as text"},
                              "jdPrice": {"type": "string"}}}},
                  }}}},
}

KINGDEE = {
    "openapi": "3.0.3", "info": {"title": "Kingdee K/3 Cloud WebAPI", "version": "v8"},
    "paths": {"/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc": {"post": {
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["formid", "data"], "properties": {
                "formid": {"type": "string", "enum": ["SAL_SaleOrder"]},
                "data": {"type": "object", "properties": {
                    "Model": {"$ref": "#/components/schemas/SaleOrder"}}}}}}}},
        "responses": {"200": {"description": "Saved, or per-record errors."}}}}},
    "components": {"schemas": {
        "NumberRef": {"type": "object", "additionalProperties": False,
                      "required": ["FNumber"], "properties": {"FNumber": {"type": "string"}}},
        "SaleOrder": {
            "type": "object", "additionalProperties": False,
            "required": ["FBillTypeID", "FDate", "FSaleOrgId", "FCustId", "FSaleOrderEntry"],
            "properties": {
                "FBillNo": {"type": "string", "maxLength": 80},
                "FBillTypeID": {"$ref": "#/components/schemas/NumberRef"},
                "FDate": {"type": "string", "format": "date-time"},
                "FSaleOrgId": {"$ref": "#/components/schemas/NumberRef"},
                "FCustId": {"$ref": "#/components/schemas/NumberRef"},
                "FNote": {"type": "string", "maxLength": 255},
                "FReceiverPhone": {"type": "string"},
                "FReceiverAddress": {"type": "string", "maxLength": 255},
                "FDocumentStatus": {"type": "string", "enum": ["A", "B", "C", "D", "Z"]},
                "FBillAllAmount": {"type": "number"},
                "FSaleOrderEntry": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "additionalProperties": False,
                    "required": ["FMaterialId", "FQty"],
                    "properties": {
                        "FMaterialId": {"$ref": "#/components/schemas/NumberRef"},
                        "FQty": {"type": "number"},
                        "FTaxPrice": {"type": "number"},
                        "FEntryNote": {"type": "string", "maxLength": 255}}}},
            }}}},
}

JD_TO_KINGDEE = {
    "description": "Each JD POP order is saved as one Kingdee sales order.",
    "source": {"contract": "jd@2.0", "schema": "#/components/schemas/Order"},
    "target": {"contract": "kingdee@v8", "schema": "#/components/schemas/SaleOrder"},
    "identity": {"source": "orderId", "target": "FBillNo"},
    "fields": [
        {"target": "FBillNo", "source": "orderId", "transforms": ["trim"], "required": True},
        {"target": "FBillTypeID.FNumber", "constant": "XSDD01_SYS"},
        {"target": "FSaleOrgId.FNumber", "constant": "100"},
        {"target": "FCustId.FNumber", "constant": "CUST-JD"},
        {"target": "FDate", "source": "orderStartTime",
         "transforms": [{"datetime_utc": {"tz": "Asia/Shanghai"}}], "required": True},
        {"target": "FDocumentStatus", "source": "orderState", "enum": "status"},
        {"target": "FBillAllAmount", "source": "orderTotalPrice", "transforms": ["to_number"],
         "required": True},
        {"target": "FNote", "source": "orderRemark",
         "transforms": ["trim", {"truncate": {"max_length": 255}}]},
        {"target": "FReceiverPhone", "source": "consigneeInfo.mobile", "pii": True,
         "transforms": [{"phone_e164": {"region": "CN"}}]},
        {"target": "FSaleOrderEntry", "source": "itemInfoList", "required": True, "each": [
            {"target": "FMaterialId.FNumber", "source": "outerSkuId", "required": True},
            {"target": "FQty", "source": "itemTotal", "transforms": ["to_integer"],
             "required": True},
            {"target": "FTaxPrice", "source": "jdPrice", "transforms": ["to_number"]},
        ]},
    ],
    "enums": {"status": {"WAIT_SELLER_STOCK_OUT": "A", "WAIT_GOODS_RECEIVE_CONFIRM": "C",
                         "FINISHED_L": "C", "TRADE_CANCELED": "Z", "LOCKED": "B"}},
    "pii": {"allowed_destinations": ["FReceiverPhone"]},
}

PDD = {
    "openapi": "3.0.3", "info": {"title": "Pinduoduo open platform", "version": "V1"},
    "paths": {"/api/router": {"post": {"responses": {"200": {
        "description": "pdd.order.information.get", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"order_info_get_response": {
                "type": "object", "properties": {"order_info": {
                    "$ref": "#/components/schemas/OrderInfo"}}}}}}}}}}}},
    "components": {"schemas": {
        "OrderInfo": {"type": "object",
                      "required": ["order_sn", "order_status", "pay_amount", "created_time"],
                      "properties": {
                          "order_sn": {"type": "string"},
                          "order_status": {"type": "integer", "enum": [1, 2, 3]},
                          "refund_status": {"type": "integer", "enum": [1, 2, 3, 4]},
                          "pay_amount": {"type": "number", "description": "yuan"},
                          "goods_amount": {"type": "number"},
                          "created_time": {"type": "string"},
                          "receiver_name": {"type": "string"},
                          "receiver_phone": {"type": "string"},
                          "province": {"type": "string"},
                          "city": {"type": "string"},
                          "town": {"type": "string"},
                          "address": {"type": "string"},
                          "buyer_memo": {"type": "string"},
                      }}}},
}



def _widget(schema: dict[str, Any]) -> dict[str, Any]:
    """A Jiandaoyun widget's value in form data: ``{"_widget_…": {"value": …}}``."""
    return {"type": "object", "additionalProperties": False, "required": ["value"],
            "properties": {"value": schema}}


JIANDAOYUN = {
    "openapi": "3.0.3", "info": {"title": "Jiandaoyun form data", "version": "v5"},
    "paths": {"/app/entry/data/create": {"post": {
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["app_id", "entry_id", "data"], "properties": {
                "app_id": {"type": "string"}, "entry_id": {"type": "string"},
                "data": {"$ref": "#/components/schemas/OrderForm"}}}}}},
        "responses": {"200": {"description": "The created row."}}}}},
    "components": {"schemas": {
        "OrderForm": {
            "type": "object", "additionalProperties": False,
            "required": ["_widget_1001", "_widget_1002", "_widget_1003"],
            "properties": {
                "_widget_1001": _widget({"type": "string", "description": "order number"}),
                "_widget_1002": _widget({"type": "string", "enum": ["待发货", "已发货", "已签收"]}),
                "_widget_1003": _widget({"type": "number", "description": "amount, yuan"}),
                "_widget_1004": _widget({"type": "string", "format": "date-time"}),
                "_widget_1005": _widget({"type": "string", "description": "province ISO code"}),
                "_widget_1006": _widget({"type": "string", "description": "city"}),
                "_widget_1007": _widget({"type": "string", "description": "memo",
                                         "maxLength": 200}),
                "_widget_1008": _widget({"type": "string", "description": "receiver phone"}),
                "_widget_1009": _widget({"type": "integer", "description": "amount, fen"}),
            }}}},
}

PDD_TO_JIANDAOYUN = {
    "description": "Each Pinduoduo order becomes one row of the Jiandaoyun order form.",
    "source": {"contract": "pdd@V1", "schema": "#/components/schemas/OrderInfo"},
    "target": {"contract": "jiandaoyun@v5", "schema": "#/components/schemas/OrderForm"},
    "identity": {"source": "order_sn", "target": "_widget_1001.value"},
    "fields": [
        {"target": "_widget_1001.value", "source": "order_sn", "required": True},
        {"target": "_widget_1002.value", "source": "order_status", "enum": "status",
         "required": True},
        {"target": "_widget_1003.value", "source": "pay_amount", "required": True},
        {"target": "_widget_1009.value", "source": "pay_amount",
         "transforms": [{"money_to_minor": {"currency": "CNY"}}]},
        {"target": "_widget_1004.value", "source": "created_time",
         "transforms": [{"datetime_utc": {"tz": "Asia/Shanghai"}}]},
        {"target": "_widget_1005.value", "source": "province", "transforms": ["province_code"]},
        {"target": "_widget_1006.value", "source": "city", "transforms": ["trim"]},
        {"target": "_widget_1007.value", "source": "buyer_memo",
         "transforms": ["trim", {"truncate": {"max_length": 200}}]},
        {"target": "_widget_1008.value", "source": "receiver_phone", "pii": True,
         "transforms": [{"phone_e164": {"region": "CN"}}, "mask_phone"]},
    ],
    "enums": {"status": {"1": "待发货", "2": "已发货", "3": "已签收"}},
}


TAOBAO = {
    "openapi": "3.0.3", "info": {"title": "Taobao TOP trades", "version": "2.0"},
    "paths": {"/router/rest": {"post": {"responses": {"200": {
        "description": "taobao.trade.fullinfo.get", "content": {"application/json": {
            "schema": {"type": "object", "properties": {"trade_fullinfo_get_response": {
                "type": "object", "properties": {"trade": {
                    "$ref": "#/components/schemas/Trade"}}}}}}}}}}}},
    "components": {"schemas": {
        "Trade": {"type": "object", "required": ["tid", "status", "payment", "created"],
                  "properties": {
                      "tid": {"type": "integer", "format": "int64"},
                      "status": {"type": "string", "enum": [
                          "TRADE_NO_CREATE_PAY", "WAIT_BUYER_PAY", "SELLER_CONSIGNED_PART",
                          "WAIT_SELLER_SEND_GOODS", "WAIT_BUYER_CONFIRM_GOODS",
                          "TRADE_BUYER_SIGNED", "TRADE_FINISHED", "TRADE_CLOSED",
                          "TRADE_CLOSED_BY_TAOBAO", "PAY_PENDING"]},
                      "payment": {"type": "string", "pattern": "^[0-9]+[.][0-9]{2}$"},
                      "post_fee": {"type": "string", "pattern": "^[0-9]+[.][0-9]{2}$"},
                      "created": {"type": "string",
                                  "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2} "
                                             "[0-9]{2}:[0-9]{2}:[0-9]{2}$"},
                      "title": {"type": "string"},
                      "buyer_nick": {"type": "string"},
                      "buyer_message": {"type": "string"},
                      "receiver_name": {"type": "string"},
                      "receiver_mobile": {"type": "string"},
                      "receiver_state": {"type": "string"},
                      "receiver_city": {"type": "string"},
                      "receiver_district": {"type": "string"},
                      "trade_from": {"type": "string"},
                  }}}},
}

ZOHO = {
    "openapi": "3.0.3", "info": {"title": "Zoho CRM Deals", "version": "v2"},
    "paths": {"/crm/v2/Deals/upsert": {"post": {
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["data"], "properties": {
                "data": {"type": "array", "maxItems": 100,
                         "items": {"$ref": "#/components/schemas/Deal"}},
                "duplicate_check_fields": {"type": "array", "items": {"type": "string"}}}}}}},
        "responses": {"200": {"description": "Per-record status."}}}}},
    "components": {"schemas": {
        "Deal": {
            "type": "object", "additionalProperties": False,
            "required": ["Deal_Name", "Stage"],
            "properties": {
                "Deal_Name": {"type": "string", "maxLength": 120},
                "Stage": {"type": "string", "enum": [
                    "Qualification", "Needs Analysis", "Value Proposition",
                    "Identify Decision Makers", "Proposal/Price Quote", "Negotiation/Review",
                    "Closed Won", "Closed Lost", "Closed Lost to Competition"]},
                "Amount": {"type": "number"},
                "Closing_Date": {"type": "string", "format": "date"},
                "Description": {"type": "string", "maxLength": 32000},
                "Lead_Source": {"type": "string", "enum": [
                    "-None-", "Advertisement", "Cold Call", "Online Store", "Partner",
                    "Web Download", "Chat"]},
                "Taobao_Tid": {"type": "string", "maxLength": 30},
                "Shipping_Fee_Fen": {"type": "integer"},
                "Ship_Province": {"type": "string", "maxLength": 10},
                "Buyer_Mobile": {"type": "string", "maxLength": 20},
            }}}},
}

TAOBAO_TO_ZOHO = {
    "description": "Each Taobao trade is upserted as one Zoho CRM deal (duplicate check on "
                   "Taobao_Tid).",
    "source": {"contract": "taobao@2.0", "schema": "#/components/schemas/Trade"},
    "target": {"contract": "zoho@v2", "schema": "#/components/schemas/Deal"},
    "identity": {"source": "tid", "target": "Taobao_Tid"},
    "fields": [
        {"target": "Taobao_Tid", "source": "tid", "transforms": ["to_string"], "required": True},
        {"target": "Deal_Name", "source": "title",
         "transforms": ["trim", {"default": {"value": "淘宝订单"}},
                        {"truncate": {"max_length": 120}}], "required": True},
        {"target": "Stage", "source": "status", "enum": "stage", "required": True},
        {"target": "Amount", "source": "payment", "transforms": ["to_number"]},
        {"target": "Shipping_Fee_Fen", "source": "post_fee",
         "transforms": [{"money_to_minor": {"currency": "CNY"}}]},
        {"target": "Closing_Date", "source": "created",
         "transforms": [{"datetime_utc": {"format": "yyyy-MM-dd HH:mm:ss",
                                          "tz": "Asia/Shanghai"}}, "date_only"]},
        {"target": "Lead_Source", "source": "trade_from",
         "transforms": [{"enum_map": {"mapping": {"WAP": "Online Store", "TAOBAO":
                                                  "Online Store", "JHS": "Partner"},
                                      "default": "-None-"}}]},
        {"target": "Ship_Province", "source": "receiver_state",
         "transforms": ["province_code"]},
        {"target": "Buyer_Mobile", "source": "receiver_mobile", "pii": True,
         "transforms": [{"phone_e164": {"region": "CN"}}, "mask_phone"]},
    ],
    "enums": {"stage": {
        "TRADE_NO_CREATE_PAY": "Qualification", "WAIT_BUYER_PAY": "Proposal/Price Quote",
        "PAY_PENDING": "Proposal/Price Quote", "WAIT_SELLER_SEND_GOODS": "Negotiation/Review",
        "SELLER_CONSIGNED_PART": "Negotiation/Review",
        "WAIT_BUYER_CONFIRM_GOODS": "Closed Won", "TRADE_BUYER_SIGNED": "Closed Won",
        "TRADE_FINISHED": "Closed Won", "TRADE_CLOSED": "Closed Lost",
        "TRADE_CLOSED_BY_TAOBAO": "Closed Lost"}},
}

HUBSPOT = {
    "openapi": "3.0.3", "info": {"title": "HubSpot CRM contacts", "version": "v3"},
    "paths": {"/crm/v3/objects/contacts/{contactId}": {"get": {
        "parameters": [{"name": "contactId", "in": "path", "required": True,
                        "schema": {"type": "string"}}],
        "responses": {"200": {"description": "One contact.", "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Contact"}}}}}}}},
    "components": {"schemas": {
        "Contact": {"type": "object", "required": ["id", "properties"], "properties": {
            "id": {"type": "string", "pattern": "^[0-9]{1,20}$"},
            "properties": {"type": "object", "properties": {
                name: {"type": "string", "nullable": True} for name in (
                    "firstname", "lastname", "mobilephone", "email", "address", "city",
                    "state", "zip", "company", "return_reason")}},
        }}}},
}

SFEXPRESS = {
    "openapi": "3.0.3", "info": {"title": "SF Express Fengqiao", "version": "2.0"},
    "paths": {"/std/service": {"post": {
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/CreateOrder"}}}},
        "responses": {"200": {"description": "apiResultData"}}}}},
    "components": {"schemas": {
        "Contact": {"type": "object", "required": ["contactType", "address"], "properties": {
            "contactType": {"type": "integer", "enum": [1, 2]},
            "contact": {"type": "string", "maxLength": 100},
            "mobile": {"type": "string", "pattern": "^1[3-9][0-9]{9}$"},
            "tel": {"type": "string"},
            "province": {"type": "string"}, "city": {"type": "string"},
            "county": {"type": "string"},
            "address": {"type": "string", "maxLength": 200},
            "company": {"type": "string", "maxLength": 100},
            "postCode": {"type": "string", "maxLength": 25}}},
        "CreateOrder": {
            "type": "object", "required": ["language", "orderId", "cargoDetails",
                                           "contactInfoList"],
            "properties": {
                "language": {"type": "string", "enum": ["zh-CN", "zh-TW", "en"]},
                "orderId": {"type": "string", "maxLength": 64},
                "remark": {"type": "string", "maxLength": 100},
                "expressTypeId": {"type": "integer"},
                "isReturnRoutelabel": {"type": "integer", "enum": [0, 1]},
                "cargoDetails": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["name"], "properties": {
                        "name": {"type": "string", "maxLength": 128},
                        "count": {"type": "number"}}}},
                "contactInfoList": {"type": "array", "minItems": 2,
                                    "items": {"$ref": "#/components/schemas/Contact"}},
            }}}},
}

_WAREHOUSE = [{"target": "contactType", "constant": 2},
              {"target": "company", "constant": "演示店退货仓"},
              {"target": "tel", "constant": "021-61234567"},
              {"target": "province", "constant": "上海市"},
              {"target": "city", "constant": "上海市"},
              {"target": "county", "constant": "青浦区"},
              {"target": "address", "constant": "华新镇华志路1688号"}]

HUBSPOT_TO_SF = {
    "description": "A HubSpot contact asking for a return becomes an SF pickup order: the "
                   "contact is the sender, the returns warehouse the receiver.",
    "source": {"contract": "hubspot@v3", "schema": "#/components/schemas/Contact"},
    "target": {"contract": "sf@2.0", "schema": "#/components/schemas/CreateOrder"},
    "identity": {"source": "id", "target": "orderId"},
    "fields": [
        {"target": "orderId", "source": "id",
         "transforms": [{"regex_replace": {"pattern": "^", "replacement": "RET-"}}],
         "required": True},
        {"target": "language", "constant": "zh-CN"},
        {"target": "isReturnRoutelabel", "constant": 1},
        {"target": "remark", "source": "properties.return_reason",
         "transforms": ["trim", {"truncate": {"max_length": 100}}]},
        {"target": "cargoDetails", "items": [[
            {"target": "name", "constant": "退货商品"}, {"target": "count", "constant": 1}]]},
        {"target": "contactInfoList", "items": [[
            {"target": "contactType", "constant": 1},
            {"target": "contact", "source": ["properties.lastname", "properties.firstname"],
             "transforms": ["concat", {"truncate": {"max_length": 100}}], "pii": True},
            {"target": "mobile", "source": "properties.mobilephone", "pii": True,
             "transforms": [{"phone_e164": {"region": "CN"}},
                            {"regex_replace": {"pattern": "^[+]86", "replacement": ""}}]},
            {"target": "province", "source": "properties.state", "transforms": ["trim"]},
            {"target": "city", "source": "properties.city", "transforms": ["trim"]},
            {"target": "address", "source": "properties.address", "pii": True,
             "transforms": ["trim", {"truncate": {"max_length": 200}}], "required": True},
        ], _WAREHOUSE]},
    ],
    "pii": {"allowed_destinations": ["contactInfoList[].contact", "contactInfoList[].mobile",
                                     "contactInfoList[].address"]},
}
