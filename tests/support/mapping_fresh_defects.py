"""The planted defects of ``tests.support.mapping_fresh``: each a mistake of a real kind, with
the command that must catch it, the finding code and where it must point."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support import mapping_fresh_data as data
from tests.support.mapping_fresh import Defect, Edit

J, P, S = "jd-to-salesforce", "pdd-to-zoho", "shopify-refund-to-kingdee"
D, H = "jiandaoyun-to-sf", "hubspot-to-wecom"
_W = "data._widget_17200000000"


def _at(data: dict[str, Any], pointer: str) -> Any:
    node: Any = data
    for part in pointer.strip("/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def _set(pointer: str, **changes: Any) -> Edit:
    """Change (None: drop) keys of the rule at ``pointer`` (e.g. /fields/3)."""
    def edit(data: dict[str, Any]) -> None:
        rule = _at(data, pointer)
        for key, value in changes.items():
            if value is None:
                rule.pop(key, None)
            else:
                rule[key] = value
    return edit


def _both(*edits: Edit) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        for one in edits:
            one(data)
    return edit


def _rename(schema: str, old: str, new: str) -> Edit:
    def edit(contract: dict[str, Any]) -> None:
        props = contract["components"]["schemas"][schema]["properties"]
        props[new] = props.pop(old)
    return edit


def _enum_add(schema: str, name: str, value: Any) -> Edit:
    return lambda contract: contract["components"]["schemas"][schema]["properties"][name][
        "enum"].append(value)


def _record(index: int, **changes: Any) -> Callable[[list[dict[str, Any]]], None]:
    return lambda records: records[index].update(changes)


def _same_serial(records: list[dict[str, Any]]) -> None:
    records[1]["data"]["serial_no"] = records[0]["data"]["serial_no"]


def _same_phones(inputs: list[dict[str, Any]]) -> None:
    for push in inputs:
        push["data"]["_widget_1720000000003"] = push["data"]["_widget_1720000000002"]


def _same_ids(inputs: list[dict[str, Any]]) -> None:
    for refund in inputs:
        for item in refund["refund_line_items"]:
            item["line_item_id"] = item["quantity"]


def _rename_item(old: str, new: str) -> Edit:
    def edit(contract: dict[str, Any]) -> None:
        push = contract["components"]["schemas"]["Push"]["properties"]["data"]["properties"]
        props = push["_widget_1720000000005"]["items"]["properties"]
        props[new] = props.pop(old)
    return edit


def _same_amounts(inputs: list[dict[str, Any]]) -> None:
    for order in inputs:
        order["promotion_amount"] = order["order_amount"]


def _int_keys(data: dict[str, Any]) -> None:
    data["enums"]["stage"] = {int(k): v for k, v in data["enums"]["stage"].items()}


def defects() -> list[Defect]:
    own = "own"
    return [
        # --- JD -> Salesforce
        Defect(J, "rename", "JD renamed orderPayment; the mapping still reads it",
               lambda d: None, "lint", "mapping.unknown-source-field", "/fields/4/source",
               own, ("jd", _rename("Order", "orderPayment", "orderPaymentAmount")),
               says=("orderPaymentAmount",)),
        Defect(J, "timezone", "China time read as UTC (tz left out)",
               _set("/fields/3", transforms=["datetime_utc", "date_only"]), "lint",
               "mapping.naive-time", "/fields/3/transforms/0", own),
        Defect(J, "truncation", "remark into NextStep (255) untruncated",
               _set("/fields/6", transforms=["trim"]), "lint", "mapping.may-exceed-length",
               "/fields/6", own),
        Defect(J, "list-flattening", "SKU list takes the first item only (coalesce)",
               _set("/fields/7", transforms=["coalesce"]), "lint", "mapping.items-dropped",
               "/fields/7/transforms/0", own),
        Defect(J, "list-flattening", "SKU list takes the first item only (coalesce)",
               _set("/fields/7", transforms=["coalesce"]), "examples",
               "mapping.example-failed", "/examples/0"),
        Defect(J, "unit", "yuan freight into the fen field with to_number",
               _set("/fields/5", transforms=["to_number"]), "lint", "mapping.type-mismatch",
               "/fields/5", own),
        Defect(J, "unit", "yuan freight rounded into the fen field (no money_to_minor)",
               _set("/fields/5", transforms=[{"decimal": {"places": 0}}, "to_integer"]), "lint",
               "mapping.unit-mismatch", "/fields/5", own),
        Defect(J, "precision", "Amount rounded to whole yuan",
               _set("/fields/4", transforms=[{"decimal": {"places": 0}}, "to_number"]), "lint",
               "mapping.precision-lost", "/fields/4/transforms/0", own),
        Defect(J, "id-collision", "order key without the shop (venderId)",
               _set("/fields/0", source="orderId", transforms=None), "examples",
               "mapping.example-failed", "/examples/1"),
        Defect(J, "id-collision", "order key without the shop; two shops' orders share an id",
               _set("/fields/0", source="orderId", transforms=None), "recorded",
               "mapping.identity-collision", "/identity", own,
               records=_record(1, orderId="290112837465")),
        Defect(J, "enum-drift", "JD added POP_ORDER_PAUSE", lambda d: None, "lint",
               "mapping.enum-not-total", "/enums/stage", own,
               ("jd", _enum_add("Order", "orderState", "POP_ORDER_PAUSE")),
               says=("POP_ORDER_PAUSE",)),
        Defect(J, "enum-drift", "a recorded order in a state the map lacks", lambda d: None,
               "recorded", "mapping.enum-unmapped|mapping.transform-failed", "/fields/2", own,
               records=_record(0, orderState="POP_ORDER_PAUSE")),
        Defect(J, "spec-typo", "transform name misspelt", _set(
            "/fields/3", transforms=[{"datetime_ut": {"tz": "Asia/Shanghai"}}, "date_only"]),
               "lint", "mapping.unknown-transform", "/fields/3/transforms/0",
               says=("datetime_utc",)),
        # --- PDD -> Zoho
        Defect(P, "unit", "fen amount copied as yuan", _set("/fields/3", transforms=[
            "to_number"]), "lint", "mapping.unit-mismatch", "/fields/3", own),
        Defect(P, "unit", "fen commission copied as yuan (no step)",
               _set("/fields/4", transforms=None), "lint", "mapping.unit-mismatch",
               "/fields/4", own),
        Defect(P, "unit", "fen amount copied as yuan", _set("/fields/3", transforms=[
            "to_number"]), "examples", "mapping.example-failed", "/examples/0"),
        Defect(P, "unit", "fen commission multiplied again (money_to_minor)",
               _set("/fields/4", transforms=[{"money_to_minor": {"currency": "CNY"}}]),
               "lint", "mapping.unit-mismatch", "/fields/4/transforms/0", own),
        Defect(P, "enum-drift", "PDD added status 10", lambda d: None, "lint",
               "mapping.enum-not-total", "/enums/stage", own,
               ("pdd", _enum_add("DdkOrder", "order_status", 10)), says=("10",)),
        Defect(P, "enum-drift", "a recorded order with status 10", lambda d: None, "recorded",
               "mapping.enum-unmapped|mapping.transform-failed", "/fields/2", own,
               records=_record(1, order_status=10)),
        Defect(P, "truncation", "goods name into Deal_Name untruncated",
               _set("/fields/1", transforms=["trim"]), "lint", "mapping.may-exceed-length",
               "/fields/1", own),
        Defect(P, "rename", "PDD renamed order_status_desc", lambda d: None, "lint",
               "mapping.unknown-source-field", "/fields/6/source", own,
               ("pdd", _rename("DdkOrder", "order_status_desc", "order_status_description")),
               says=("order_status_description",)),
        Defect(P, "null", "a recorded order without goods name, no default",
               _set("/fields/1", default=None), "recorded",
               "mapping.invalid-output|mapping.missing-required", "/fields/1", own,
               records=_record(0, goods_name=None)),
        Defect(P, "spec-typo", "transform name misspelt", _set("/fields/3", transforms=[
            {"money_from_minr": {"currency": "CNY"}}, "to_number"]), "lint",
               "mapping.unknown-transform", "/fields/3/transforms/0", says=("money_from_minor",)),
        Defect(P, "spec-yaml", "status keys written as YAML integers (1: Closed Won)",
               _int_keys, "lint", "clean", ""),
        # --- Shopify refund -> Kingdee
        Defect(S, "rename", "line subtotal read from the retired `subtotal`",
               _set("/fields/6/each/3", source="subtotal"), "lint",
               "mapping.unknown-source-field", "/fields/6/each/3/source",
               says=("subtotal_set.shop_money.amount",)),
        Defect(S, "list-flattening", "head note takes the first item's name only",
               _set("/fields/5", source="refund_line_items[].line_item.name",
                    transforms=["coalesce", {"truncate": {"max_length": 255}}]),
               "lint", "mapping.items-dropped", "/fields/5/transforms/0", own),
        Defect(S, "precision", "tax price rounded to whole yuan",
               _set("/fields/6/each/2", transforms=[{"decimal": {"places": 0}}, "to_number"]),
               "lint", "mapping.precision-lost", "/fields/6/each/2/transforms/0", own),
        Defect(S, "precision", "tax price rounded to whole yuan",
               _set("/fields/6/each/2", transforms=[{"decimal": {"places": 0}}, "to_number"]),
               "examples", "mapping.example-failed", "/examples/0"),
        Defect(S, "null", "a line without sku and no default", _set("/fields/6/each/0",
                                                                   default=None),
               "recorded", "mapping.invalid-output|mapping.missing-required", "/fields/6", own),
        Defect(S, "swap", "examples whose line ids equal their quantities",
               lambda d: None, "strength", "mapping.strength", "/fields/6/each/1", own,
               inputs=_same_ids),
        Defect(S, "truncation", "sku into FNumber (80) untruncated",
               _set("/fields/6/each/0", transforms=None), "lint", "mapping.may-exceed-length",
               "/fields/6/each/0", own),
        # --- Jiandaoyun -> SF
        Defect(D, "swap", "examples whose mobile and landline are the same",
               lambda d: None, "strength", "mapping.strength", "/fields/4/items/0/2", own,
               inputs=_same_phones),
        Defect(D, "swap", "mobile and landline swapped", _both(
            _set("/fields/4/items/0/2", source=f"{_W}03"),
            _set("/fields/4/items/0/3", source=f"{_W}02")), "examples",
               "mapping.example-failed", "/examples/0"),
        Defect(D, "id-collision", "order id from the form's serial number",
               _set("/fields/0", source="data.serial_no"), "examples",
               "mapping.example-failed", "/examples/0"),
        Defect(D, "id-collision", "order id from the form's serial number; two forms share it",
               _both(_set("/fields/0", source="data.serial_no"),
                     lambda d: d["identity"].update(source="data.serial_no")), "recorded",
               "mapping.identity-collision", "/identity", own, records=_same_serial),
        Defect(D, "list-flattening", "remark takes the first cargo name only",
               _set("/fields/2", source=f"{_W}05[]._widget_1720000000051",
                    transforms=["coalesce", {"truncate": {"max_length": 100}}]),
               "lint", "mapping.items-dropped", "/fields/2/transforms/0", own),
        Defect(D, "truncation", "address into 200 characters untruncated",
               _set("/fields/4/items/0/7", transforms=["trim"]), "lint",
               "mapping.may-exceed-length", "/fields/4/items/0/7", own),
        Defect(D, "spec-path", "subform path written with [*]",
               _set("/fields/3", source=f"{_W}05[*]"), "lint",
               "mapping.unknown-source-field|mapping.bad-path", "/fields/3/source",
               says=(f"{_W[5:]}05[]",)),
        # --- HubSpot -> WeCom
        Defect(H, "truncation", "remark (20) from the full name untruncated",
               _set("/fields/2", transforms=[{"concat": {"separator": " "}}, "trim"]), "lint",
               "mapping.may-exceed-length", "/fields/2", own),
        Defect(H, "truncation", "company (20) untruncated",
               _set("/fields/3", transforms=["trim"]), "lint", "mapping.may-exceed-length",
               "/fields/3", own),
        Defect(H, "truncation", "remark truncated to 30, WeCom holds 20",
               _set("/fields/2", transforms=[{"concat": {"separator": " "}}, "trim",
                                             {"truncate": {"max_length": 30}}]),
               "lint", "mapping.may-exceed-length", "/fields/2", own),
        Defect(H, "phone", "US numbers read as Chinese (region left at CN)",
               _set("/fields/5", transforms=["phone_e164", {"split": {"separator": ","}}]),
               "examples", "mapping.example-failed", "/examples/1"),
        Defect(H, "spec-path", "mobile phone path misspelt",
               _set("/fields/5", source="properties.mobliephone"), "lint",
               "mapping.unknown-source-field", "/fields/5/source",
               says=("properties.mobilephone",)),
        Defect(H, "pii", "email into the description",
               _set("/fields/4", source="properties.email", transforms=None), "lint",
               "mapping.pii-unmasked|mapping.pii-unflagged", "/fields/4", own),
        Defect(H, "enum-drift", "lead status map without a default",
               _set("/fields/4", transforms=[{"enum_map": {"mapping": {
                   "NEW": "新线索", "OPEN": "跟进中", "CONNECTED": "已联系"}}}]),
               "lint", "mapping.enum-not-total", "/fields/4/transforms/0", own),
        # --- written after the checks they exercise were changed
        Defect(J, "list-flattening", "SKU list trimmed, then the first item kept",
               _set("/fields/7", transforms=["coalesce", "trim",
                                             {"truncate": {"max_length": 255}}]),
               "lint", "mapping.items-dropped", "/fields/7/transforms/0", own, batch=2),
        Defect(S, "precision", "line total rounded to one decimal",
               _set("/fields/6/each/3", transforms=[{"decimal": {"places": 1}}, "to_number"]),
               "lint", "mapping.precision-lost", "/fields/6/each/3/transforms/0", own, batch=2),
        Defect(D, "rename", "a subform widget re-created with a new id",
               lambda d: None, "lint", "mapping.unknown-source-field",
               "/fields/3/each/0/source", own, ("jiandaoyun", _rename_item(
                   "_widget_1720000000051", "_widget_1720000000057")),
               says=("_widget_1720000000057",), batch=2),
        Defect(H, "id-collision", "two CRM contacts linked to one WeCom customer",
               lambda d: None, "recorded", "mapping.identity-collision", "/identity", own,
               records=_record(1, properties={**data.HUBSPOT_CONTACTS[1]["properties"],
                                              "wecom_external_userid": "wmAJ2GCAAAme1XQ"}),
               batch=2),
        Defect(P, "swap", "examples whose amount equals the commission",
               lambda d: None, "strength", "mapping.strength", "/fields/3", own,
               inputs=_same_amounts, batch=2),
        Defect(J, "unit", "freight fen from a yuan string with to_integer",
               _set("/fields/5", transforms=["to_integer"]), "lint",
               "mapping.unit-mismatch", "/fields/5", own, batch=2),
        Defect(D, "unit", "pick-up time written as UTC with the Z cut off by hand",
               _set("/fields/5", transforms=[
                   "datetime_utc", {"regex_replace": {"pattern": "T", "replacement": " "}},
                   {"regex_replace": {"pattern": "Z$", "replacement": ""}}]),
               "lint", "mapping.utc-into-local-time", "/fields/5/transforms/0", own,
               says=("eight hours",), batch=2),
        Defect(H, "list-shape", "phones into the list without making a list",
               _set("/fields/5", transforms=[{"phone_e164": {"region": "US"}}]), "lint",
               "mapping.type-mismatch", "/fields/5", own),
    ]
