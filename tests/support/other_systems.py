"""Mappings between systems the example project does not map, written as a new user would.

Each project here has two contracts written from the platforms' public documentation (only the
fields a mapping needs) and one mapping with golden examples and, for Shopify, recorded records:

- Shopify order (Admin REST 2024-07) -> Salesforce Opportunity (REST ``sobjects/Opportunity``):
  money strings to a currency number and to integer cents, a date-only ``CloseDate``, a picklist
  ``StageName`` fed by an enum map, a 120-character ``Name``.
- JD order (``jingdong.pop.order.search`` ``orderInfoList``) -> Kingdee K/3 Cloud sales order
  (``SAL_SaleOrder`` ``Model``): China time without offset, ``FNumber`` references, line items
  (``each:``) with string prices, a receiver phone to a PII-allowed field.
- Pinduoduo order (``pdd.order.information.get``) -> Jiandaoyun form data (widget ids): a
  national-format phone to E.164, a province name to its ISO code, a status enum with a value
  the map forgets, optional fields.

The planted mistakes are the slips a user makes in such a mapping (a wrong source path, a type
mismatch, an enum value not covered, a required target not filled, a lossy transform, personal
data into a field that may not hold it, unit confusion, a transform that fails on a recorded
value), each with the finding code and the JSON pointer in the mapping that must report it.

    python -m tests.support.other_systems      # found/total and false alarms
"""

from __future__ import annotations

import copy
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.support.projects import interaction, write_cassette

CHECKS = ["contract", "mapping", "mapping.examples", "mapping.recorded"]

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

@dataclass(frozen=True)
class System:
    name: str
    platforms: dict[str, tuple[str, str, dict[str, Any]]]  # name -> (version, base, contract)
    mapping: dict[str, Any]
    examples: list[dict[str, Any]]  # inputs; outputs are what the mapping gives
    records: list[dict[str, Any]]  # recorded source records (Shopify only)


SYSTEMS = [
    System("shopify-to-salesforce",
           {"shopify": ("2024-07", "https://demo.myshopify.com/admin/api/{version}", SHOPIFY),
            "salesforce": ("v60.0", "https://demo.my.salesforce.com/services/data/{version}",
                           SALESFORCE)},
           SHOPIFY_TO_SALESFORCE, SHOPIFY_RECORDS[:2], SHOPIFY_RECORDS),
    System("jd-to-kingdee",
           {"jd": ("2.0", "https://api.jd.com/routerjson", JD),
            "kingdee": ("v8", "https://demo.ik3cloud.com/k3cloud", KINGDEE)},
           JD_TO_KINGDEE, [
               {"orderId": "281234567890", "orderTotalPrice": "199.00",
                "orderState": "WAIT_SELLER_STOCK_OUT", "orderStartTime": "2024-07-10 10:15:00",
                "orderRemark": " 请尽快发货 ",
                "consigneeInfo": {"fullname": "张伟", "mobile": "13812345678",
                                  "province": "广东", "city": "深圳市", "county": "南山区",
                                  "fullAddress": "广东深圳市南山区科技园路1号"},
                "itemInfoList": [{"skuId": "100012043978", "outerSkuId": "SKU-A1",
                                  "skuName": "保温杯", "itemTotal": "2", "jdPrice": "99.50"}]},
               {"orderId": "281234567891", "orderTotalPrice": "59.90",
                "orderState": "TRADE_CANCELED", "orderStartTime": "2024-07-11 00:30:00",
                "itemInfoList": [{"skuId": "100012043979", "outerSkuId": "SKU-B2",
                                  "itemTotal": "1", "jdPrice": "59.90"},
                                 {"skuId": "100012043980", "outerSkuId": "SKU-C3",
                                  "itemTotal": "3", "jdPrice": "0"}]},
           ], []),
    System("taobao-to-zoho",
           {"taobao": ("2.0", "https://eco.taobao.com", TAOBAO),
            "zoho": ("v2", "https://www.zohoapis.com.cn", ZOHO)},
           TAOBAO_TO_ZOHO, [
               {"tid": 3849201938475012, "status": "WAIT_SELLER_SEND_GOODS",
                "payment": "268.00", "post_fee": "10.00", "created": "2024-07-10 23:30:00",
                "title": " 龙井绿茶礼盒 ", "buyer_nick": "t***1", "receiver_mobile": "13812345678",
                "receiver_state": "浙江省", "trade_from": "WAP"},
               {"tid": 3849201938475013, "status": "TRADE_CLOSED", "payment": "0.00",
                "post_fee": "0.00", "created": "2024-07-11 08:00:00", "trade_from": "QQ",
                "receiver_state": "北京", "receiver_mobile": "+86 139 8765 4321"},
           ], []),
    System("hubspot-to-sf",
           {"hubspot": ("v3", "https://api.hubapi.com", HUBSPOT),
            "sf": ("2.0", "https://sfapi.sf-express.com", SFEXPRESS)},
           HUBSPOT_TO_SF, [
               {"id": "512", "properties": {
                   "firstname": "伟", "lastname": "张", "mobilephone": "+86 138 1234 5678",
                   "state": "浙江省", "city": " 杭州市 ", "address": "西湖区文三路 90 号",
                   "return_reason": "尺码不合适"}},
               {"id": "513", "properties": {
                   "firstname": "Na", "lastname": "Li", "mobilephone": "139-8765-4321",
                   "address": "北京市朝阳区建国路 1 号", "return_reason": None}},
           ], []),
    System("pdd-to-jiandaoyun",
           {"pdd": ("V1", "https://gw-api.pinduoduo.com/api/router", PDD),
            "jiandaoyun": ("v5", "https://api.jiandaoyun.com/api/v5", JIANDAOYUN)},
           PDD_TO_JIANDAOYUN, [
               {"order_sn": "240710-123456789012345", "order_status": 1, "pay_amount": 12.5,
                "created_time": "2024-07-10 10:15:00", "receiver_phone": "138 1234 5678",
                "province": "广东省", "city": " 深圳市 ", "buyer_memo": "放门口"},
               {"order_sn": "240711-123456789012346", "order_status": 3, "pay_amount": 0,
                "created_time": "2024-07-11 23:59:59", "receiver_phone": "+86 139-8765-4321",
                "province": "北京", "city": "北京市"},
               {"order_sn": "240712-123456789012347", "order_status": 2, "pay_amount": 99.99,
                "created_time": "2024-07-12 08:00:00"},
           ], []),
]


def write_project(system: System, root: Path, mapping: dict[str, Any] | None = None) -> Path:
    """The project of ``system`` under ``root``, its mapping replaced by ``mapping`` if given."""
    from seamguard.mapping.engine import compile_mapping
    from seamguard.mapping.spec import MappingSpec

    settings = ["[tool.seamguard]"]
    for name, (version, base, contract) in system.platforms.items():
        settings += [f"[tool.seamguard.platforms.{name}]", f'versions = ["{version}"]',
                     f'base_url = "{base}"']
        folder = root / "contracts" / name / version
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "openapi.yaml").write_text(yaml.safe_dump(contract, allow_unicode=True,
                                                            sort_keys=False), encoding="utf-8")
    (root / "pyproject.toml").write_text("\n".join(settings) + "\n", encoding="utf-8")
    data = copy.deepcopy(system.mapping)
    compiled = compile_mapping(MappingSpec.model_validate(data))
    examples = []
    for number, record in enumerate(system.examples):
        output, problems = compiled.apply(record)
        example: dict[str, Any] = {"name": f"example {number}", "input": record,
                                   "output": output}
        if problems:
            example["problems"] = {p.target: p.code.removeprefix("mapping.") for p in problems}
        examples.append(example)
    data["examples"] = examples
    if mapping is not None:
        data = mapping(data) if callable(mapping) else mapping
    folder = root / "contracts" / "mappings"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{system.name}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if system.records:
        version, base, _ = next(iter(system.platforms.values()))
        uri = base.replace("{version}", version) + "/orders.json"
        write_cassette(root / "fixtures" / "cassettes" / "orders.yaml",
                       [interaction({"orders": system.records}, uri=uri)])
    return root


@dataclass(frozen=True)
class Defect:
    system: str
    kind: str
    description: str
    edit: Callable[[dict[str, Any]], None]
    code: str
    pointer: str  # where the finding must point, in the mapping file


def _rule(data: dict[str, Any], target: str) -> dict[str, Any]:
    return next(r for r in data["fields"] if r["target"] == target)


def _index(data: dict[str, Any], target: str) -> int:
    return next(i for i, r in enumerate(data["fields"]) if r["target"] == target)


def _set(name: str, **changes: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        rule = _rule(data, name)
        for key, value in changes.items():
            if value is None:
                rule.pop(key, None)
            else:
                rule[key] = value
    return edit


def _drop(target: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["fields"].pop(_index(data, target))


def _enum_drop(enum: str, key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["enums"][enum].pop(key)


def _field(system: str, target: str) -> str:
    data = next(s.mapping for s in SYSTEMS if s.name == system)
    return f"/fields/{_index(data, target)}"


def defects() -> list[Defect]:
    s, j, p = "shopify-to-salesforce", "jd-to-kingdee", "pdd-to-jiandaoyun"
    t, h = "taobao-to-zoho", "hubspot-to-sf"
    return [
        # wrong source path
        Defect(s, "wrong-source", "Amount reads totalPrice (camelCase)",
               _set("Amount", source="totalPrice"), "mapping.unknown-source-field",
               _field(s, "Amount") + "/source"),
        Defect(j, "wrong-source", "receiver phone read at the top level",
               _set("FReceiverPhone", source="mobile"), "mapping.unknown-source-field",
               _field(j, "FReceiverPhone") + "/source"),
        Defect(j, "wrong-source", "line item reads sku_id",
               lambda d: _rule(d, "FSaleOrderEntry")["each"][0].update(source="sku_id"),
               "mapping.unknown-source-field", _field(j, "FSaleOrderEntry") + "/each/0/source"),
        Defect(p, "wrong-source", "status read from orderStatus",
               _set("_widget_1002.value", source="orderStatus"), "mapping.unknown-source-field",
               _field(p, "_widget_1002.value") + "/source"),
        Defect(j, "wrong-target", "line item writes FMaterialID (case slip)",
               lambda d: _rule(d, "FSaleOrderEntry")["each"][0].update(
                   target="FMaterialID.FNumber"),
               "mapping.unknown-target-field", _field(j, "FSaleOrderEntry") + "/each/0/target"),
        Defect(p, "wrong-target", "widget value written without .value",
               _set("_widget_1006.value", target="_widget_1006"), "mapping.type-mismatch",
               _field(p, "_widget_1006.value")),
        # type mismatch
        Defect(s, "type-mismatch", "Amount left as the money string",
               _set("Amount", transforms=["trim"]), "mapping.type-mismatch",
               _field(s, "Amount")),
        Defect(s, "type-mismatch", "order id (integer) into a text field without to_string",
               _set("Shopify_Order_Id__c", transforms=None), "mapping.type-mismatch",
               _field(s, "Shopify_Order_Id__c")),
        Defect(j, "type-mismatch", "quantity left as text",
               lambda d: _rule(d, "FSaleOrderEntry")["each"][1].pop("transforms"),
               "mapping.type-mismatch", _field(j, "FSaleOrderEntry") + "/each/1"),
        Defect(p, "type-mismatch", "pay_amount (number) trimmed as text",
               _set("_widget_1003.value", transforms=["trim"]), "mapping.type-mismatch",
               _field(p, "_widget_1003.value")),
        # enum value not covered
        Defect(s, "enum-gap", "stage map forgets voided", _enum_drop("stage", "voided"),
               "mapping.enum-not-total", "/enums/stage"),
        Defect(j, "enum-gap", "status map forgets LOCKED", _enum_drop("status", "LOCKED"),
               "mapping.enum-not-total", "/enums/status"),
        Defect(p, "enum-gap", "status map forgets 3", _enum_drop("status", "3"),
               "mapping.enum-not-total", "/enums/status"),
        Defect(s, "enum-gap", "stage map gives a value the picklist lacks",
               lambda d: d["enums"]["stage"].update(paid="Won"),
               "mapping.enum-target-value", "/enums/stage"),
        # required target not filled
        Defect(s, "required-missing", "no CloseDate rule", _drop("CloseDate"),
               "mapping.required-target-missing", "/fields"),
        Defect(j, "required-missing", "no FSaleOrgId rule", _drop("FSaleOrgId.FNumber"),
               "mapping.required-target-missing", "/fields"),
        Defect(p, "required-missing", "no amount rule", _drop("_widget_1003.value"),
               "mapping.required-target-missing", "/fields"),
        # lossy transform
        Defect(s, "lossy", "Name not truncated to 120",
               _set("Name", transforms=["trim", {"regex_replace": {
                   "pattern": "^", "replacement": "Shopify "}}]),
               "mapping.may-exceed-length", _field(s, "Name")),
        Defect(j, "lossy", "quantity parsed with to_integer from a price",
               lambda d: _rule(d, "FSaleOrderEntry")["each"][2].update(
                   transforms=["to_integer"]),
               "mapping.example-failed", "/examples/0"),
        Defect(p, "lossy", "memo into a 200-character widget without truncate",
               _set("_widget_1007.value", transforms=["trim"]), "mapping.may-exceed-length",
               _field(p, "_widget_1007.value")),
        # PII to a non-PII target
        Defect(s, "pii", "buyer email written into Description",
               _set("Description", source="email", transforms=["trim"]),
               "mapping.pii-unmasked", _field(s, "Description")),
        Defect(j, "pii", "receiver name written into FNote",
               _set("FNote", source="consigneeInfo.fullname"), "mapping.pii-unmasked",
               _field(j, "FNote")),
        Defect(j, "pii", "full address into FReceiverAddress, not allowed",
               lambda d: d["fields"].append({"target": "FReceiverAddress",
                                             "source": "consigneeInfo.fullAddress",
                                             "transforms": [{"truncate": {"max_length": 255}}]}),
               "mapping.pii-unmasked", f"/fields/{len(JD_TO_KINGDEE['fields'])}"),
        Defect(p, "pii", "mask_phone dropped from the receiver phone",
               _set("_widget_1008.value", transforms=[{"phone_e164": {"region": "CN"}}]),
               "mapping.pii-unmasked", _field(p, "_widget_1008.value")),
        # unit confusion
        Defect(s, "unit", "Amount in cents (money_to_minor into a currency number)",
               _set("Amount", transforms=[{"money_to_minor": {"currency": "CNY"}}]),
               "mapping.unit-mismatch", _field(s, "Amount") + "/transforms/0"),
        Defect(s, "unit", "tax cents computed with to_number",
               _set("Tax_Cents__c", transforms=["to_number"]), "mapping.type-mismatch",
               _field(s, "Tax_Cents__c")),
        Defect(p, "unit", "fen widget fed yuan (no money_to_minor)",
               _set("_widget_1009.value", transforms=None), "mapping.type-mismatch",
               _field(p, "_widget_1009.value")),
        Defect(p, "unit", "yuan amount divided by 100 (money_from_minor)",
               _set("_widget_1003.value", transforms=[{"money_from_minor": {"currency": "CNY"}},
                                                 "to_number"]),
               "mapping.unit-mismatch|mapping.type-mismatch",
               _field(p, "_widget_1003.value") + "/transforms/0"),
        Defect(j, "unit", "China time read as UTC",
               _set("FDate", transforms=["datetime_utc"]), "mapping.naive-time",
               _field(j, "FDate") + "/transforms/0"),
        Defect(p, "unit", "China time passed through unconverted",
               _set("_widget_1004.value", transforms=["trim"]),
               "mapping.naive-time|mapping.format-mismatch",
               _field(p, "_widget_1004.value")),
        Defect(s, "unit", "CloseDate given a date-time (date_only dropped)",
               _set("CloseDate", transforms=[{"datetime_utc": {"tz": "Asia/Shanghai"}}]),
               "mapping.format-mismatch", _field(s, "CloseDate")),
        Defect(p, "phone", "receiver phone read as a US number",
               _set("_widget_1008.value", transforms=[{"phone_e164": {"region": "US"}},
                                                      "mask_phone"]),
               "mapping.example-failed", "/examples/0"),
        Defect(s, "lossy", "tax cents with to_integer on a money string",
               _set("Tax_Cents__c", transforms=["to_integer"]),
               "mapping.example-failed|mapping.type-mismatch", "/examples/0"),
        Defect(j, "wrong-source", "line items read from the consignee object",
               _set("FSaleOrderEntry", source="consigneeInfo"), "mapping.type-mismatch",
               _field(j, "FSaleOrderEntry")),
        Defect(s, "null", "Name read from the nullable note",
               _set("Name", source="note"), "mapping.example-failed", "/examples/0"),
        Defect(p, "enum-gap", "status map keyed by the wrong values",
               lambda d: d["enums"].update(status={"待发货": "待发货", "已发货": "已发货",
                                                   "已签收": "已签收"}),
               "mapping.enum-not-total", "/enums/status"),
        # Taobao -> Zoho
        Defect(t, "enum-gap", "stage map forgets PAY_PENDING", _enum_drop("stage", "PAY_PENDING"),
               "mapping.enum-not-total", "/enums/stage"),
        Defect(t, "unit", "created read as UTC (tz left out)",
               _set("Closing_Date", transforms=[{"datetime_utc": {
                   "format": "yyyy-MM-dd HH:mm:ss"}}, "date_only"]),
               "mapping.naive-time", _field(t, "Closing_Date") + "/transforms/0"),
        Defect(t, "unit", "Closing_Date given the China date-time unconverted",
               _set("Closing_Date", transforms=["date_only"]), "mapping.naive-time",
               _field(t, "Closing_Date") + "/transforms/0"),
        Defect(t, "unit", "shipping fee in yuan into the fen field",
               _set("Shipping_Fee_Fen", transforms=["to_number"]), "mapping.type-mismatch",
               _field(t, "Shipping_Fee_Fen")),
        Defect(t, "unit", "Amount in fen", _set("Amount", transforms=[
            {"money_to_minor": {"currency": "CNY"}}]), "mapping.unit-mismatch",
               _field(t, "Amount") + "/transforms/0"),
        Defect(t, "pii", "buyer nick into Description",
               lambda d: d["fields"].append({"target": "Description", "source": "buyer_nick"}),
               "mapping.pii-unmasked|mapping.pii-unflagged",
               f"/fields/{len(TAOBAO_TO_ZOHO['fields'])}"),
        Defect(t, "pii", "receiver name into Deal_Name",
               _set("Deal_Name", source="receiver_name"),
               "mapping.pii-unmasked|mapping.pii-unflagged", _field(t, "Deal_Name")),
        Defect(t, "lossy", "province name into a 10-character field, untruncated",
               _set("Ship_Province", transforms=["trim"]), "mapping.may-exceed-length",
               _field(t, "Ship_Province")),
        Defect(t, "enum-gap", "lead source map without a default meets 'QQ'",
               _set("Lead_Source", transforms=[{"enum_map": {"mapping": {
                   "WAP": "Online Store", "TAOBAO": "Online Store", "JHS": "Partner"}}}]),
               "mapping.example-failed", "/examples/1"),
        Defect(t, "enum-gap", "lead source map gives a value the picklist lacks",
               _set("Lead_Source", transforms=[{"enum_map": {"mapping": {
                   "WAP": "Mobile", "TAOBAO": "Online Store", "JHS": "Partner"},
                   "default": "-None-"}}]),
               "mapping.enum-target-value", _field(t, "Lead_Source") + "/transforms/0"),
        Defect(t, "required-missing", "no Stage rule", _drop("Stage"),
               "mapping.required-target-missing", "/fields"),
        Defect(t, "wrong-source", "receiver mobile read as buyer_mobile",
               _set("Buyer_Mobile", source="buyer_mobile"), "mapping.unknown-source-field",
               _field(t, "Buyer_Mobile") + "/source"),
        # HubSpot contact -> SF pickup order
        Defect(h, "wrong-source", "mobile read from properties.mobile",
               lambda d: _rule(d, "contactInfoList")["items"][0][2].update(
                   source="properties.mobile"),
               "mapping.unknown-source-field",
               _field(h, "contactInfoList") + "/items/0/2/source"),
        Defect(h, "pii", "mobile written into remark",
               _set("remark", source="properties.mobilephone"),
               "mapping.pii-unmasked|mapping.pii-unflagged", _field(h, "remark")),
        Defect(h, "pii", "email into the warehouse's company",
               lambda d: _rule(d, "contactInfoList")["items"][0].append(
                   {"target": "company", "source": "properties.email"}),
               "mapping.pii-unmasked|mapping.pii-unflagged",
               _field(h, "contactInfoList") + "/items/0/6"),
        Defect(h, "required-missing", "sender group without contactType",
               lambda d: _rule(d, "contactInfoList")["items"][0].pop(0),
               "mapping.required-target-missing", _field(h, "contactInfoList") + "/items/0"),
        Defect(h, "type-mismatch", "contactType written as text",
               lambda d: _rule(d, "contactInfoList")["items"][1][0].update(constant="2"),
               "mapping.type-mismatch", _field(h, "contactInfoList") + "/items/1/0"),
        Defect(h, "phone", "mobile left in E.164 (the pattern wants 11 digits)",
               lambda d: _rule(d, "contactInfoList")["items"][0][2].update(
                   transforms=[{"phone_e164": {"region": "CN"}}]),
               "mapping.format-mismatch", _field(h, "contactInfoList") + "/items/0/2"),
        Defect(h, "enum-gap", "language constant not in the enum",
               _set("language", constant="zh-cn"), "mapping.enum-target-value",
               _field(h, "language") + "/constant"),
        Defect(h, "format", "warehouse phone as a mobile the pattern refuses",
               lambda d: _rule(d, "contactInfoList")["items"][1].append(
                   {"target": "mobile", "constant": "021-61234567"}),
               "mapping.format-mismatch", _field(h, "contactInfoList") + "/items/1/7/constant"),
        Defect(j, "enum-gap", "document status default not in the enum",
               _set("FDocumentStatus", default="N"), "mapping.enum-target-value",
               _field(j, "FDocumentStatus") + "/default"),
        Defect(h, "lossy", "address untruncated into 200 characters",
               lambda d: _rule(d, "contactInfoList")["items"][0][5].update(
                   transforms=["trim"]),
               "mapping.may-exceed-length", _field(h, "contactInfoList") + "/items/0/5"),
        # a transform that fails on a recorded value
        Defect(s, "recorded-fail", "recorded currency 'cny ' refused by a strict enum map",
               _set("CurrencyIsoCode", transforms=[{"enum_map": {"mapping": {
                   "CNY": "CNY", "USD": "USD"}}}]),
               "mapping.transform-failed", "recorded:CurrencyIsoCode"),
        Defect(s, "recorded-fail", "LeadSource map without a default meets 'iphone'",
               _set("LeadSource", transforms=[{"enum_map": {"mapping": {
                   "web": "Web", "pos": "Retail"}}}]),
               "mapping.transform-failed", "recorded:LeadSource"),
    ]


def _findings(root: Path) -> list[Any]:
    from seamguard.project import find_project
    from seamguard.runner import run_checks

    report = run_checks(find_project(root, explicit=True), CHECKS, command="check")
    return [f for f in report.findings if f.severity.value in ("error", "warning")]


def _shown(finding: Any) -> str:
    where = finding.location
    return f"{finding.code} {where.file}#{where.pointer or ''}: {finding.message[:110]}"


def _reports(finding: Any, defect: Defect, system: System) -> bool:
    """The finding has the defect's code and points at the rule (or, for a recorded value,
    names the record's cassette and the rule's target)."""
    if finding.code not in defect.code.split("|"):
        return False
    where = finding.location
    if not (where.file or "").endswith(f"{system.name}.yaml"):
        return False
    if defect.pointer.startswith("recorded:"):
        # a recorded value: at the rule, naming the cassette and the record
        rule = _field(system.name, defect.pointer.split(":", 1)[1])
        return (where.pointer or "").startswith(rule) and "cassettes/" in finding.message
    return (where.pointer or "") == defect.pointer or (
        defect.pointer != "" and (where.pointer or "").startswith(defect.pointer + "/"))


def measure(folder: Path) -> tuple[list[tuple[Defect, bool, list[str]]], list[str]]:
    """[(defect, reported, new findings)], and the false alarms on the correct mappings."""
    alarms: list[str] = []
    results = []
    for system in SYSTEMS:
        root = write_project(system, folder / system.name)
        alarms += [f"{system.name}: {_shown(f)}" for f in _findings(root)]
        for number, defect in enumerate(d for d in defects() if d.system == system.name):
            def planted(data: dict[str, Any], defect: Defect = defect) -> dict[str, Any]:
                defect.edit(data)
                return data
            root = write_project(system, folder / f"{system.name}-{number}", planted)
            new = _findings(root)
            results.append((defect, any(_reports(f, defect, system) for f in new),
                            [_shown(f) for f in new]))
    return results, alarms


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        results, alarms = measure(Path(tmp))
    found = sum(ok for _, ok, _ in results)
    for defect, ok, seen in results:
        if not ok:
            print(f"missed {defect.system}: {defect.kind}: {defect.description} "
                  f"(want {defect.code} at {defect.pointer or '/'})")
            for line in seen:
                print(f"    saw {line}")
    for line in alarms:
        print(f"false alarm {line}")
    print(f"found {found}/{len(results)}; false alarms {len(alarms)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
