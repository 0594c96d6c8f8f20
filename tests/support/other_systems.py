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

from tests.support.other_systems_data import (
    HUBSPOT,
    HUBSPOT_TO_SF,
    JD,
    JD_TO_KINGDEE,
    JIANDAOYUN,
    KINGDEE,
    PDD,
    PDD_TO_JIANDAOYUN,
    SALESFORCE,
    SFEXPRESS,
    SHOPIFY,
    SHOPIFY_RECORDS,
    SHOPIFY_TO_SALESFORCE,
    TAOBAO,
    TAOBAO_TO_ZOHO,
    ZOHO,
)
from tests.support.projects import interaction, write_cassette

CHECKS = ["contract", "mapping", "mapping.examples", "mapping.recorded"]

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
        # more slips
        Defect(j, "lossy", "note truncated to more than FNote holds",
               _set("FNote", transforms=["trim", {"truncate": {"max_length": 500}}]),
               "mapping.may-exceed-length", _field(j, "FNote")),
        Defect(j, "type-mismatch", "line items mapped without each (the array as text)",
               lambda d: d["fields"].append({"target": "FReceiverAddress",
                                             "source": "itemInfoList"}),
               "mapping.type-mismatch", f"/fields/{len(JD_TO_KINGDEE['fields'])}"),
        Defect(j, "identity", "identity reads order_id", lambda d: d["identity"].update(
            source="order_id"), "mapping.unknown-source-field|mapping.identity-unknown-field",
               "/identity"),
        Defect(j, "pii", "allowed destination misspelt",
               lambda d: d["pii"].update(allowed_destinations=["FReceiverPhon"]),
               "mapping.unknown-pii-destination|mapping.pii-unmasked", "/pii"),
        Defect(t, "type-mismatch", "tags split but not joined into a text field",
               _set("Deal_Name", transforms=["split_tags"]), "mapping.type-mismatch",
               _field(t, "Deal_Name")),
        Defect(t, "time", "created parsed with the wrong format",
               _set("Closing_Date", transforms=[{"datetime_utc": {
                   "format": "yyyy/MM/dd HH:mm:ss", "tz": "Asia/Shanghai"}}, "date_only"]),
               "mapping.example-failed", "/examples/0"),
        Defect(p, "phone", "phone passed through without E.164 (mask only)",
               _set("_widget_1008.value", transforms=["mask_phone"]), "mapping.example-failed",
               "/examples/0"),
        Defect(s, "null", "required CloseDate from a field that may be absent",
               _set("CloseDate", source="processed_at"), "mapping.unknown-source-field",
               _field(s, "CloseDate") + "/source"),
        Defect(j, "unit", "yuan text divided by 100 (money_from_minor)",
               _set("FBillAllAmount", transforms=[{"money_from_minor": {"currency": "CNY"}},
                                                  "to_number"]),
               "mapping.unit-mismatch", _field(j, "FBillAllAmount") + "/transforms/0"),
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
