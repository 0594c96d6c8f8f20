"""A local stand-in for Shopify, HubSpot and an SF Express-style carrier, plus the receiver.

It serves the documented example payloads of the bundled contracts (``contracts/``) so that
``record_examples`` can produce genuine vcrpy cassettes over real HTTP. One Starlette app hosts
every platform under its own path prefix, which the recorder maps back to the public origins:

* ``/admin/api/{version}/...``  Shopify Admin REST (2024-04, 2024-07)
* ``/crm/v3/objects/...``       HubSpot CRM v3
* ``/api/v1/...``               the carrier
* ``/webhooks/...``             the integration's webhook receiver

Everything is deterministic (fixed ids and timestamps, counters instead of clocks and random
numbers) so re-recording produces byte-identical cassettes. State that a scenario needs (the
carrier's duplicate-order check, HubSpot's burst limit) lives in the app instance.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

__all__ = ["Credentials", "create_app", "sf_pushes", "shopify_order", "shopify_refund"]

SHOP_DOMAIN = "seamguard-demo.myshopify.com"
SHOP_ORIGIN = f"https://{SHOP_DOMAIN}"
HUBSPOT_ORIGIN = "https://api.hubapi.com"
SHOPIFY_VERSIONS = ("2024-04", "2024-07")
# Fixed Date headers: a real server's clock would make every re-recording differ.
SHOPIFY_DATE = "Mon, 15 Jul 2024 02:20:00 GMT"
HUBSPOT_DATE = "Mon, 15 Jul 2024 02:21:00 GMT"
SF_DATE = "Mon, 15 Jul 2024 02:22:00 GMT"
_NAMESPACE = uuid.UUID("6f1d3c52-3a8e-4c1b-9d0e-5a7b2c4e8f10")


@dataclass(frozen=True)
class Credentials:
    """What the fake platforms accept; the recorder owns the values."""

    shopify_token: str
    hubspot_token: str
    sf_token: str
    shopify_webhook_secret: str


def stable_uuid(*parts: object) -> str:
    """A UUID that depends only on its inputs."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(part) for part in parts)))


def _money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _included_tax(gross: Decimal, rate: Decimal = Decimal("0.13")) -> Decimal:
    """VAT contained in a tax-inclusive price (the demo shop prices include 13% VAT)."""
    return (gross - gross / (1 + rate)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _json_bytes(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json(payload: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        _json_bytes(payload), status_code=status,
        media_type="application/json; charset=utf-8", headers=headers,
    )


# === the people and goods of the demo shop ===================================================


@dataclass(frozen=True)
class Person:
    key: str
    first_name: str
    last_name: str
    email: str
    phone: str
    address1: str
    address2: str | None
    city: str
    province: str
    province_code: str
    country: str
    country_code: str
    zip: str
    locale: str = "zh-CN"

    @property
    def full_name(self) -> str:
        if self.country_code == "CN":
            return self.last_name + self.first_name  # family name first
        return f"{self.first_name} {self.last_name}"


PEOPLE = {
    p.key: p
    for p in (
        Person("zhang_wei", "伟", "张", "zhangwei@example.com", "+8613812345678",
               "浦东新区张江镇碧波路690号", "5号楼1203室", "上海市", "Shanghai", "SH", "China",
               "CN", "201203"),
        Person("wang_fang", "芳", "王", "wangfang@example.cn", "+8613912345678",
               "朝阳区建国路88号", "SOHO现代城A座1605", "北京市", "Beijing", "BJ", "China", "CN",
               "100022"),
        Person("li_na", "娜", "李", "lina@example.com", "+8618612345678",
               "南山区科技南十二路2号", "金蝶软件园B座", "深圳市", "Guangdong", "GD", "China", "CN",
               "518057"),
        Person("emily", "Emily", "Carter", "emily.carter@example.com", "+14155550132",
               "500 Howard Street", "Suite 300", "San Francisco", "California", "CA",
               "United States", "US", "94105", locale="en"),
    )
}
CUSTOMER_IDS = {"zhang_wei": 7460231900001, "wang_fang": 7460231900002, "li_na": 7460231900003,
                "emily": 7460231900004}


@dataclass(frozen=True)
class Product:
    product_id: int
    variant_id: int
    sku: str
    title: str
    variant_title: str | None
    price: Decimal
    grams: int


PRODUCTS = {
    p.sku: p
    for p in (
        Product(8010450000001, 44110987000001, "SCARF-SILK-BLUE", "真丝围巾", "蓝",
                Decimal("399.00"), 120),
        Product(8010450000002, 44110987000002, "TEA-LJ-250", "龙井绿茶礼盒 250g", None,
                Decimal("268.00"), 500),
        Product(8010450000003, 44110987000003, "CUP-QH-01", "景德镇青花瓷杯", None,
                Decimal("158.00"), 300),
        Product(8010450000004, 44110987000004, "BOARD-BAMBOO-M", "Bamboo Cutting Board", "M",
                Decimal("129.00"), 900),
    )
}


@dataclass(frozen=True)
class OrderSpec:
    """One demo order; the builder derives every total from it."""

    number: int
    customer: str
    lines: tuple[tuple[str, int, str | None], ...]  # sku, quantity, line fulfillment status
    created_at: str
    financial_status: str
    fulfillment_status: str | None
    gateway: str = "alipay"
    note: str | None = None
    tags: str = ""
    cancelled_at: str | None = None
    cancel_reason: dict[str, str] = field(default_factory=dict)  # per version
    legacy_fulfillment_status: str | None = None  # what 2024-04 still reports
    refunded: tuple[tuple[str, int], ...] = ()

    @property
    def order_id(self) -> int:
        return 5829461287000 + self.number - 1000


ORDERS = (
    OrderSpec(1001, "zhang_wei", (("SCARF-SILK-BLUE", 1, "fulfilled"), ("TEA-LJ-250", 2,
              "fulfilled")), "2024-07-10T10:15:00+08:00", "paid", "fulfilled",
              tags="VIP, 小程序"),
    OrderSpec(1002, "wang_fang", (("CUP-QH-01", 2, "fulfilled"), ("BOARD-BAMBOO-M", 1,
              "fulfilled")), "2024-07-11T16:42:10+08:00", "partially_refunded", "fulfilled",
              note="杯子有一只破损，已部分退款",  # noqa: RUF001 - Chinese text uses full-width commas
              refunded=(("CUP-QH-01", 1),)),
    OrderSpec(1003, "li_na", (("TEA-LJ-250", 1, None),), "2024-07-12T08:05:33+08:00", "voided",
              None, cancelled_at="2024-07-12T09:30:00+08:00",
              # 2024-07 has "staff"; an older version reports a value it does not know as other
              cancel_reason={"2024-07": "staff", "2024-04": "other"},
              legacy_fulfillment_status="restocked"),
    OrderSpec(1004, "emily", (("SCARF-SILK-BLUE", 1, None), ("BOARD-BAMBOO-M", 1, None)),
              "2024-07-13T21:03:47+08:00", "authorized", None, gateway="shopify_payments",
              note="Gift wrap, please."),
    OrderSpec(1005, "zhang_wei", (("CUP-QH-01", 2, None), ("SCARF-SILK-BLUE", 1, "fulfilled")),
              "2024-07-14T11:20:05+08:00", "paid", "partial", tags="VIP"),
)
ORDERS_BY_ID = {spec.order_id: spec for spec in ORDERS}
REFUND_ID_BASE = 967512000000


# === Shopify payload builders ================================================================


def _gid(kind: str, ident: int) -> str:
    return f"gid://shopify/{kind}/{ident}"


def _money_bag(amount: str) -> dict[str, Any]:
    money = {"amount": amount, "currency_code": "CNY"}
    return {"shop_money": money, "presentment_money": dict(money)}


def shopify_address(person: Person) -> dict[str, Any]:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "name": person.full_name,
        "company": None,
        "address1": person.address1,
        "address2": person.address2,
        "city": person.city,
        "province": person.province,
        "province_code": person.province_code,
        "country": person.country,
        "country_code": person.country_code,
        "zip": person.zip,
        "phone": person.phone,
        "latitude": None,
        "longitude": None,
    }


def shopify_customer(key: str, *, created_at: str = "2024-06-01T09:00:00+08:00") -> dict[str, Any]:
    person = PEOPLE[key]
    customer_id = CUSTOMER_IDS.get(key, 7460231900000)
    orders = [spec for spec in ORDERS if spec.customer == key]
    spent = sum((_order_total(spec) for spec in orders if spec.cancelled_at is None), Decimal(0))
    last = orders[-1] if orders else None
    address = {**shopify_address(person), "id": customer_id + 9000000000000,
               "customer_id": customer_id, "country_name": person.country, "default": True}
    consent = {"state": "subscribed", "opt_in_level": "single_opt_in",
               "consent_updated_at": created_at}
    return {
        "id": customer_id,
        "email": person.email,
        "created_at": created_at,
        "updated_at": last.created_at if last else created_at,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "orders_count": len(orders),
        "state": "enabled",
        "total_spent": _money(spent),
        "last_order_id": last.order_id if last else None,
        "note": None,
        "verified_email": True,
        "multipass_identifier": None,
        "tax_exempt": False,
        "tags": "VIP" if key == "zhang_wei" else "",
        "last_order_name": f"#{last.number}" if last else None,
        "currency": "CNY",
        "phone": person.phone,
        "addresses": [address],
        "tax_exemptions": [],
        "email_marketing_consent": consent,
        "sms_marketing_consent": None,
        "admin_graphql_api_id": _gid("Customer", customer_id),
        "default_address": address,
    }


def _line_total(sku: str, quantity: int) -> Decimal:
    return PRODUCTS[sku].price * quantity


def _order_total(spec: OrderSpec) -> Decimal:
    return sum((_line_total(sku, qty) for sku, qty, _ in spec.lines), Decimal(0))


def _line_id(spec: OrderSpec, index: int) -> int:
    return 14820339000000 + spec.number * 10 + index


def shopify_line_item(spec: OrderSpec, index: int) -> dict[str, Any]:
    sku, quantity, status = spec.lines[index]
    product = PRODUCTS[sku]
    gross = _line_total(sku, quantity)
    refunded = sum(qty for rsku, qty in spec.refunded if rsku == sku)
    name = f"{product.title} - {product.variant_title}" if product.variant_title else product.title
    return {
        "id": _line_id(spec, index),
        "admin_graphql_api_id": _gid("LineItem", _line_id(spec, index)),
        "current_quantity": quantity - refunded if spec.cancelled_at is None else 0,
        "fulfillable_quantity": 0 if status == "fulfilled" or spec.cancelled_at else quantity,
        "fulfillment_service": "manual",
        "fulfillment_status": status,
        "gift_card": False,
        "grams": product.grams,
        "name": name,
        "price": _money(product.price),
        "price_set": _money_bag(_money(product.price)),
        "product_exists": True,
        "product_id": product.product_id,
        "properties": [],
        "quantity": quantity,
        "requires_shipping": True,
        "sku": sku,
        "taxable": True,
        "title": product.title,
        "total_discount": "0.00",
        "variant_id": product.variant_id,
        "variant_title": product.variant_title,
        "vendor": "Seamguard Demo",
        "tax_lines": [{"channel_liable": False, "price": _money(_included_tax(gross)),
                       "price_set": _money_bag(_money(_included_tax(gross))), "rate": 0.13,
                       "title": "VAT"}],
    }


def _refund_amount(spec: OrderSpec) -> Decimal:
    return sum((_line_total(sku, qty) for sku, qty in spec.refunded), Decimal(0))


def shopify_refund(spec: OrderSpec, *, lines: tuple[tuple[str, int], ...] | None = None,
                   serial: int = 1, created_at: str | None = None,
                   note: str | None = None) -> dict[str, Any]:
    """A refund of ``lines`` (default: the spec's recorded partial refund)."""
    lines = spec.refunded if lines is None else lines
    refund_id = REFUND_ID_BASE + spec.number * 10 + serial
    created = created_at or "2024-07-13T10:02:00+08:00"
    items = []
    for position, (sku, quantity) in enumerate(lines):
        index = next(i for i, line in enumerate(spec.lines) if line[0] == sku)
        subtotal = _line_total(sku, quantity)
        items.append({
            "id": refund_id * 10 + position,
            "line_item_id": _line_id(spec, index),
            "location_id": 71234567001,
            "quantity": quantity,
            "restock_type": "return",
            "subtotal": float(subtotal),
            "subtotal_set": _money_bag(_money(subtotal)),
            "total_tax": float(_included_tax(subtotal)),
            "total_tax_set": _money_bag(_money(_included_tax(subtotal))),
            "line_item": shopify_line_item(spec, index),
        })
    amount = sum((_line_total(sku, qty) for sku, qty in lines), Decimal(0))
    transaction_id = 6931110000000 + spec.number * 10 + serial
    return {
        "id": refund_id,
        "admin_graphql_api_id": _gid("Refund", refund_id),
        "created_at": created,
        "note": note if note is not None else (spec.note or None),
        "order_id": spec.order_id,
        "processed_at": created,
        "restock": True,
        "user_id": 91234560001,
        "order_adjustments": [],
        "transactions": [{
            "id": transaction_id,
            "admin_graphql_api_id": _gid("OrderTransaction", transaction_id),
            "amount": _money(amount),
            "authorization": None,
            "created_at": created,
            "currency": "CNY",
            "error_code": None,
            "gateway": spec.gateway,
            "kind": "refund",
            "message": "Refunded 1 item",
            "order_id": spec.order_id,
            "parent_id": 6931110000000 + spec.number * 10,
            "processed_at": created,
            "source_name": "web",
            "status": "success",
            "test": False,
        }],
        "refund_line_items": items,
        "duties": [],
    }


def shopify_order(spec: OrderSpec, version: str) -> dict[str, Any]:
    person = PEOPLE[spec.customer]
    total = _order_total(spec)
    tax = sum((_included_tax(_line_total(s, q)) for s, q, _ in spec.lines), Decimal(0))
    refunded = _refund_amount(spec)
    current = Decimal(0) if spec.cancelled_at else total - refunded
    current_tax = Decimal(0) if spec.cancelled_at else tax - sum(
        (_included_tax(_line_total(s, q)) for s, q in spec.refunded), Decimal(0))
    token = hashlib.sha256(f"order-{spec.number}".encode()).hexdigest()[:32]
    outstanding = total if spec.financial_status in ("authorized", "pending") else Decimal(0)
    fulfillment = spec.fulfillment_status
    if version == "2024-04" and spec.legacy_fulfillment_status:
        fulfillment = spec.legacy_fulfillment_status
    order: dict[str, Any] = {
        "id": spec.order_id,
        "admin_graphql_api_id": _gid("Order", spec.order_id),
        "buyer_accepts_marketing": True,
        "cancel_reason": spec.cancel_reason.get(version),
        "cancelled_at": spec.cancelled_at,
        "closed_at": spec.cancelled_at,
        "confirmation_number": hashlib.sha256(token.encode()).hexdigest()[:9].upper(),
        "confirmed": True,
        "contact_email": person.email,
        "created_at": spec.created_at,
        "currency": "CNY",
        "current_subtotal_price": _money(current),
        "current_total_price": _money(current),
        "current_total_tax": _money(current_tax),
        "customer_locale": person.locale,
        "email": person.email,
        "financial_status": spec.financial_status,
        "fulfillment_status": fulfillment,
        "gateway": spec.gateway,
        "name": f"#{spec.number}",
        "note": spec.note,
        "number": spec.number - 1000,
        "order_number": spec.number,
        "order_status_url": f"{SHOP_ORIGIN}/72634368/orders/{token}/authenticate",
        "payment_gateway_names": [spec.gateway],
        "phone": person.phone,
        "presentment_currency": "CNY",
        "processed_at": spec.created_at,
        "source_name": "web",
        "subtotal_price": _money(total),
        "tags": spec.tags,
        "tax_lines": [{"price": _money(tax), "rate": 0.13, "title": "VAT",
                       "price_set": _money_bag(_money(tax)), "channel_liable": False}],
        "taxes_included": True,
        "test": False,
        "token": token,
        "total_discounts": "0.00",
        "total_line_items_price": _money(total),
        "total_outstanding": _money(outstanding),
        "total_price": _money(total),
        "total_price_set": _money_bag(_money(total)),
        "total_tax": _money(tax),
        "total_weight": sum(PRODUCTS[s].grams * q for s, q, _ in spec.lines),
        "updated_at": spec.cancelled_at or spec.created_at,
        "billing_address": shopify_address(person),
        "customer": shopify_customer(spec.customer),
        "line_items": [shopify_line_item(spec, i) for i in range(len(spec.lines))],
        "refunds": [shopify_refund(spec)] if spec.refunded else [],
        "shipping_address": shopify_address(person),
    }
    if version == "2024-04":
        # still returned by 2024-04, removed from 2024-07 (see the contracts' headers)
        order["processing_method"] = "direct" if spec.gateway == "shopify_payments" else "offsite"
    return order


# === HubSpot payload builders ================================================================

HUBSPOT_CONTACTS: dict[str, dict[str, Any]] = {}
for _n, (_key, _stage) in enumerate(
    [("zhang_wei", "customer"), ("wang_fang", "customer"), ("li_na", "lead"),
     ("emily", "opportunity")], start=1):
    _p = PEOPLE[_key]
    HUBSPOT_CONTACTS[f"8211345200{_n}"] = {
        "email": _p.email, "firstname": _p.first_name, "lastname": _p.last_name,
        "phone": _p.phone, "mobilephone": _p.phone if _p.country_code == "CN" else None,
        "city": _p.city, "lifecyclestage": _stage,
        "createdate": f"2024-06-0{_n}T01:00:00.{_n:03d}Z",
        "lastmodifieddate": f"2024-07-1{_n}T03:10:00.{_n * 7:03d}Z",
    }
# a subscriber imported without a stage or desk phone: exercises the nullable properties
HUBSPOT_CONTACTS["82113452005"] = {
    "email": "chenjie@example.cn", "firstname": "杰", "lastname": "陈", "phone": None,
    "mobilephone": "+8613712345678", "city": "杭州市", "lifecyclestage": None,
    "createdate": "2024-06-20T08:30:00.500Z", "lastmodifieddate": "2024-06-20T08:30:00.500Z",
}
# what HubSpot returns when the request names no properties
HUBSPOT_DEFAULT_PROPERTIES = ("firstname", "lastname", "email")
HUBSPOT_DEFAULT_DEAL_PROPERTIES = ("dealname", "amount", "dealstage", "pipeline", "closedate")
HUBSPOT_DEALS: dict[str, dict[str, Any]] = {}
for _n, _spec in enumerate(ORDERS[:3], start=1):
    HUBSPOT_DEALS[f"1982340010{_n}"] = {
        # the order number only: a customer's name in a deal name would be PII the scrubber
        # cannot recognise by field name
        "dealname": f"Shopify #{_spec.number}",
        "amount": _money(_order_total(_spec)),
        "dealstage": "closedlost" if _spec.cancelled_at else "closedwon",
        "pipeline": "default",
        "closedate": f"2024-07-1{_n - 1}T02:15:00Z",
        "deal_currency_code": "CNY",
        "shopify_order_id": str(_spec.order_id),
        "createdate": f"2024-07-1{_n - 1}T02:15:01.{_n:03d}Z",
        "hs_lastmodifieddate": f"2024-07-1{_n - 1}T02:15:09.{_n:03d}Z",
    }
DEAL_STAGES = {"appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
               "decisionmakerboughtin", "contractsent", "closedwon", "closedlost"}


def _hubspot_object(object_id: str, props: dict[str, Any], wanted: Iterable[str],
                    created_key: str, modified_key: str) -> dict[str, Any]:
    properties = {name: props.get(name) for name in wanted}
    properties.update({created_key: props[created_key], "hs_object_id": object_id,
                       modified_key: props[modified_key]})
    return {"id": object_id, "properties": properties, "createdAt": props[created_key],
            "updatedAt": props[modified_key], "archived": False}


def hubspot_contact(
    object_id: str, wanted: Iterable[str] = HUBSPOT_DEFAULT_PROPERTIES
) -> dict[str, Any]:
    return _hubspot_object(object_id, HUBSPOT_CONTACTS[object_id], wanted, "createdate",
                           "lastmodifieddate")


def hubspot_deal(
    object_id: str, wanted: Iterable[str] = HUBSPOT_DEFAULT_DEAL_PROPERTIES
) -> dict[str, Any]:
    return _hubspot_object(object_id, HUBSPOT_DEALS[object_id], wanted, "createdate",
                           "hs_lastmodifieddate")


# === carrier payload builders ================================================================

SF_CITY_CODES = {"上海市": "021", "北京市": "010", "深圳市": "755"}
# Route remarks as SF words them; Chinese prose uses full-width punctuation (hence the noqa).
SF_ROUTES = [
    ("2024-07-10 15:02:11", "上海市", "顺丰速运 已收取快件", "50"),
    ("2024-07-10 19:48:30", "上海市",
     "快件在【上海青浦集散中心】完成分拣，准备发往【上海浦东张江营业点】", "30"),  # noqa: RUF001
    ("2024-07-11 06:12:54", "上海市", "快件到达【上海浦东张江营业点】", "31"),
    ("2024-07-11 08:35:20", "上海市", "快件交给王师傅，正在派送途中", "44"),  # noqa: RUF001
    ("2024-07-11 11:03:42", "上海市", "已签收，感谢使用顺丰，期待再次为您服务", "80"),  # noqa: RUF001
]


def sf_routes(waybill: str) -> list[dict[str, Any]]:
    return [{"acceptTime": t, "acceptAddress": a, "remark": r, "opCode": c}
            for t, a, r, c in SF_ROUTES]


def sf_pushes(waybill: str, order_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The route push (last two events) and the sign-off push of a delivered waybill."""
    events = [
        {"id": stable_uuid("route", waybill, code).replace("-", "")[:20], "mailno": waybill,
         "orderid": order_id, "acceptTime": t, "acceptAddress": a, "remark": r, "opCode": code,
         "reasonCode": None, "reasonName": None}
        for t, a, r, code in SF_ROUTES[3:]
    ]
    sign_off = {"mailno": waybill, "orderid": order_id, "opCode": "80",
                "signTime": SF_ROUTES[-1][0], "signerType": "本人", "acceptAddress": "上海市",
                "remark": SF_ROUTES[-1][2]}
    return {"Body": {"WaybillRoute": events}}, sign_off


# === the app =================================================================================

Handler = Callable[[Request], Awaitable[Response]]


@dataclass
class _State:
    """Counters that stand in for clocks, so answers are deterministic but not constant."""

    shopify_calls: int = 0
    hubspot_calls: int = 0
    hubspot_batch_window: dict[str, int] = field(default_factory=dict)
    deals_upserted: dict[str, dict[str, Any]] = field(default_factory=dict)
    next_customer: int = 7460231900101
    next_order: int = 1006
    next_refund: int = 2
    sf_orders: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sf_cancelled: set[str] = field(default_factory=set)
    next_waybill: int = 1462053916401
    webhooks: list[dict[str, Any]] = field(default_factory=list)


# HubSpot's burst limit, simulated by count: two batch calls of one object type per window; the
# third gets a 429 (with Retry-After) and the window starts again.
HUBSPOT_BATCH_BURST = 2


def create_app(credentials: Credentials) -> Starlette:
    state = _State()

    # --- Shopify --------------------------------------------------------------------------

    def shopify_headers(version: str) -> dict[str, str]:
        state.shopify_calls += 1
        return {
            "Date": SHOPIFY_DATE,
            "X-Shopify-API-Version": version,
            "X-Shopify-Shop-Api-Call-Limit": f"{state.shopify_calls}/40",
            "X-Request-Id": stable_uuid("shopify", state.shopify_calls),
        }

    def shopify(handler: Callable[[Request, str, dict[str, str]], Awaitable[Response]]) -> Handler:
        async def endpoint(request: Request) -> Response:
            version = request.path_params["version"]
            headers = shopify_headers(version)
            if request.headers.get("x-shopify-access-token") != credentials.shopify_token:
                return _json({"errors": "[API] Invalid API key or access token (unrecognized "
                              "login or wrong password)"}, 401, headers)
            if version not in SHOPIFY_VERSIONS:
                return _json({"errors": "Not Found"}, 404, headers)
            return await handler(request, version, headers)
        return endpoint

    def not_found(headers: dict[str, str]) -> Response:
        return _json({"errors": "Not Found"}, 404, headers)

    async def list_orders(request: Request, version: str, headers: dict[str, str]) -> Response:
        status = request.query_params.get("status", "open")
        limit = int(request.query_params.get("limit", "50"))
        specs = [s for s in ORDERS if status == "any"
                 or (status == "cancelled" and s.cancelled_at)
                 or (status in ("open", "closed") and not s.cancelled_at)]
        after = 0
        if "page_info" in request.query_params:
            raw = request.query_params["page_info"]
            cursor = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
            after, status, limit = cursor["last_id"], cursor["status"], cursor["limit"]
            specs = [s for s in specs if s.order_id > after]
        page = specs[:limit]
        if len(specs) > limit:
            cursor_text = json.dumps({"last_id": page[-1].order_id, "status": status,
                                      "limit": limit}, separators=(",", ":"))
            page_info = base64.urlsafe_b64encode(cursor_text.encode()).decode().rstrip("=")
            headers["Link"] = (f"<{SHOP_ORIGIN}/admin/api/{version}/orders.json?limit={limit}"
                               f"&page_info={page_info}>; rel=\"next\"")
        return _json({"orders": [shopify_order(s, version) for s in page]}, 200, headers)

    async def create_order(request: Request, version: str, headers: dict[str, str]) -> Response:
        body = (await request.json()).get("order") or {}
        items = body.get("line_items") or []
        if not items:
            return _json({"errors": {"line_items": ["must have at least one line item"]}}, 422,
                         headers)
        customer_key = next((k for k, p in PEOPLE.items()
                             if p.email == (body.get("customer") or {}).get("email")), "emily")
        number, state.next_order = state.next_order, state.next_order + 1
        by_variant = {p.variant_id: p for p in PRODUCTS.values()}
        lines = tuple((by_variant[i["variant_id"]].sku, int(i["quantity"]), None) for i in items)
        spec = OrderSpec(number, customer_key, lines, "2024-07-15T10:20:00+08:00",
                         body.get("financial_status", "pending"), None,
                         note=body.get("note"), tags=body.get("tags", ""))
        return _json({"order": shopify_order(spec, version)}, 201, headers)

    async def get_order(request: Request, version: str, headers: dict[str, str]) -> Response:
        spec = ORDERS_BY_ID.get(request.path_params["order_id"])
        if spec is None:
            return not_found(headers)
        return _json({"order": shopify_order(spec, version)}, 200, headers)

    async def update_order(request: Request, version: str, headers: dict[str, str]) -> Response:
        spec = ORDERS_BY_ID.get(request.path_params["order_id"])
        if spec is None:
            return not_found(headers)
        changes = (await request.json()).get("order") or {}
        order = shopify_order(spec, version)
        for name in ("note", "tags"):
            if name in changes:
                order[name] = changes[name]
        order["updated_at"] = "2024-07-15T10:20:30+08:00"
        return _json({"order": order}, 200, headers)

    async def list_customers(request: Request, version: str, headers: dict[str, str]) -> Response:
        limit = int(request.query_params.get("limit", "50"))
        customers = [shopify_customer(key) for key in PEOPLE][:limit]
        return _json({"customers": customers}, 200, headers)

    async def create_customer(request: Request, version: str, headers: dict[str, str]) -> Response:
        body = (await request.json()).get("customer") or {}
        errors: dict[str, list[str]] = {}
        if any(p.email == body.get("email") for p in PEOPLE.values()):
            errors["email"] = ["has already been taken"]
        if any(p.phone == body.get("phone") for p in PEOPLE.values()):
            errors["phone"] = ["has already been taken"]
        if errors:
            return _json({"errors": errors}, 422, headers)
        customer_id, state.next_customer = state.next_customer, state.next_customer + 1
        address = dict((body.get("addresses") or [{}])[0])
        full_address = {**dict.fromkeys(shopify_address(PEOPLE["emily"])), **address,
                        "id": customer_id + 9000000000000, "customer_id": customer_id,
                        "country_name": address.get("country"), "default": True}
        full_address["name"] = f"{address.get('last_name', '')}{address.get('first_name', '')}"
        created = "2024-07-15T10:21:00+08:00"
        customer = {
            "id": customer_id, "email": body.get("email"), "created_at": created,
            "updated_at": created, "first_name": body.get("first_name"),
            "last_name": body.get("last_name"), "orders_count": 0, "state": "disabled",
            "total_spent": "0.00", "last_order_id": None, "note": body.get("note"),
            "verified_email": bool(body.get("verified_email", False)),
            "multipass_identifier": None, "tax_exempt": False, "tags": body.get("tags", ""),
            "last_order_name": None, "currency": "CNY", "phone": body.get("phone"),
            "addresses": [full_address], "tax_exemptions": [],
            "email_marketing_consent": {"state": "not_subscribed", "opt_in_level": "single_opt_in",
                                        "consent_updated_at": None},
            "sms_marketing_consent": None,
            "admin_graphql_api_id": _gid("Customer", customer_id),
            "default_address": full_address,
        }
        return _json({"customer": customer}, 201, headers)

    def customer_key(customer_id: int) -> str | None:
        return next((k for k, v in CUSTOMER_IDS.items() if v == customer_id), None)

    async def get_customer(request: Request, version: str, headers: dict[str, str]) -> Response:
        key = customer_key(request.path_params["customer_id"])
        if key is None:
            return not_found(headers)
        return _json({"customer": shopify_customer(key)}, 200, headers)

    async def update_customer(request: Request, version: str, headers: dict[str, str]) -> Response:
        key = customer_key(request.path_params["customer_id"])
        if key is None:
            return not_found(headers)
        changes = (await request.json()).get("customer") or {}
        customer = shopify_customer(key)
        for name in ("note", "tags"):
            if name in changes:
                customer[name] = changes[name]
        customer["updated_at"] = "2024-07-15T10:22:00+08:00"
        return _json({"customer": customer}, 200, headers)

    async def list_refunds(request: Request, version: str, headers: dict[str, str]) -> Response:
        spec = ORDERS_BY_ID.get(request.path_params["order_id"])
        if spec is None:
            return not_found(headers)
        refunds = [shopify_refund(spec)] if spec.refunded else []
        return _json({"refunds": refunds}, 200, headers)

    async def create_refund(request: Request, version: str, headers: dict[str, str]) -> Response:
        spec = ORDERS_BY_ID.get(request.path_params["order_id"])
        if spec is None:
            return not_found(headers)
        body = (await request.json()).get("refund") or {}
        by_line = {_line_id(spec, i): line[0] for i, line in enumerate(spec.lines)}
        lines = []
        for item in body.get("refund_line_items") or []:
            if item.get("line_item_id") not in by_line:
                return _json({"errors": {"refund_line_items": ["line item not found"]}}, 422,
                             headers)
            lines.append((by_line[item["line_item_id"]], int(item["quantity"])))
        serial, state.next_refund = state.next_refund, state.next_refund + 1
        refund = shopify_refund(spec, lines=tuple(lines), serial=serial,
                                created_at="2024-07-15T10:23:00+08:00", note=body.get("note"))
        return _json({"refund": refund}, 201, headers)

    async def get_refund(request: Request, version: str, headers: dict[str, str]) -> Response:
        spec = ORDERS_BY_ID.get(request.path_params["order_id"])
        refund = shopify_refund(spec) if spec and spec.refunded else None
        if refund is None or refund["id"] != request.path_params["refund_id"]:
            return not_found(headers)
        return _json({"refund": refund}, 200, headers)

    # --- HubSpot --------------------------------------------------------------------------

    def hubspot_headers() -> dict[str, str]:
        state.hubspot_calls += 1
        return {"Date": HUBSPOT_DATE, "X-HubSpot-RateLimit-Max": "100",
                "X-HubSpot-RateLimit-Remaining": str(100 - state.hubspot_calls),
                "X-HubSpot-RateLimit-Interval-Milliseconds": "10000",
                "X-HubSpot-Correlation-Id": stable_uuid("hubspot", state.hubspot_calls)}

    def hubspot_error(headers: dict[str, str], status: int, category: str,
                      message: str) -> Response:
        body = {"status": "error", "message": message,
                "correlationId": headers["X-HubSpot-Correlation-Id"], "category": category}
        return _json(body, status, headers)

    def hubspot(handler: Callable[[Request, dict[str, str]], Awaitable[Response]]) -> Handler:
        async def endpoint(request: Request) -> Response:
            headers = hubspot_headers()
            if request.headers.get("authorization") != f"Bearer {credentials.hubspot_token}":
                return hubspot_error(headers, 401, "INVALID_AUTHENTICATION",
                                     "Authentication credentials not found. This API supports "
                                     "OAuth 2.0 authentication.")
            return await handler(request, headers)
        return endpoint

    def wanted_properties(request: Request, default: Iterable[str]) -> list[str]:
        raw = request.query_params.get("properties")
        return [p for p in raw.split(",") if p] if raw else list(default)

    def page(request: Request, objects: dict[str, dict[str, Any]],
             build: Callable[[str, list[str]], dict[str, Any]], path: str,
             default: Iterable[str], headers: dict[str, str]) -> Response:
        limit = int(request.query_params.get("limit", "10"))
        after = request.query_params.get("after")
        ids = sorted(objects)
        if after:
            ids = [i for i in ids if i > after]
        wanted = wanted_properties(request, default)
        body: dict[str, Any] = {"results": [build(i, wanted) for i in ids[:limit]]}
        if len(ids) > limit:
            cursor = ids[limit - 1]
            body["paging"] = {"next": {"after": cursor,
                                       "link": f"{HUBSPOT_ORIGIN}{path}?after={cursor}"}}
        return _json(body, 200, headers)

    async def list_contacts(request: Request, headers: dict[str, str]) -> Response:
        return page(request, HUBSPOT_CONTACTS, hubspot_contact, "/crm/v3/objects/contacts",
                    HUBSPOT_DEFAULT_PROPERTIES, headers)

    async def list_deals(request: Request, headers: dict[str, str]) -> Response:
        return page(request, HUBSPOT_DEALS, hubspot_deal, "/crm/v3/objects/deals",
                    HUBSPOT_DEFAULT_DEAL_PROPERTIES, headers)

    async def get_contact(request: Request, headers: dict[str, str]) -> Response:
        contact_id = request.path_params["contact_id"]
        id_property = request.query_params.get("idProperty")
        if id_property:
            contact_id = next((i for i, c in HUBSPOT_CONTACTS.items()
                               if c.get(id_property) == contact_id), "")
        if contact_id not in HUBSPOT_CONTACTS:
            return hubspot_error(headers, 404, "OBJECT_NOT_FOUND", "resource not found")
        wanted = wanted_properties(request, HUBSPOT_DEFAULT_PROPERTIES)
        return _json(hubspot_contact(contact_id, wanted), 200, headers)

    async def get_deal(request: Request, headers: dict[str, str]) -> Response:
        deal_id = request.path_params["deal_id"]
        if deal_id not in HUBSPOT_DEALS:
            return hubspot_error(headers, 404, "OBJECT_NOT_FOUND", "resource not found")
        wanted = wanted_properties(request, HUBSPOT_DEFAULT_DEAL_PROPERTIES)
        return _json(hubspot_deal(deal_id, wanted), 200, headers)

    async def create_contact(request: Request, headers: dict[str, str]) -> Response:
        props = (await request.json()).get("properties") or {}
        existing = next((i for i, c in HUBSPOT_CONTACTS.items()
                         if c["email"] == props.get("email")), None)
        if existing:
            return hubspot_error(headers, 409, "CONFLICT",
                                 f"Contact already exists. Existing ID: {existing}")
        created = "2024-07-15T02:21:05.250Z"
        new_id = "82113452101"
        properties = {**props, "createdate": created, "lastmodifieddate": created,
                      "hs_object_id": new_id}
        return _json({"id": new_id, "properties": properties, "createdAt": created,
                      "updatedAt": created, "archived": False}, 201, headers)

    async def update_contact(request: Request, headers: dict[str, str]) -> Response:
        contact_id = request.path_params["contact_id"]
        if contact_id not in HUBSPOT_CONTACTS:
            return hubspot_error(headers, 404, "OBJECT_NOT_FOUND", "resource not found")
        props = (await request.json()).get("properties") or {}
        contact = hubspot_contact(contact_id, list(props))
        contact["properties"].update(props)
        contact["updatedAt"] = contact["properties"]["lastmodifieddate"] = (
            "2024-07-15T02:21:07.480Z")
        return _json(contact, 200, headers)

    def batch_upsert(kind: str) -> Callable[[Request, dict[str, str]], Awaitable[Response]]:
        objects = HUBSPOT_CONTACTS if kind == "contacts" else HUBSPOT_DEALS
        created_key = "createdate"
        modified_key = "lastmodifieddate" if kind == "contacts" else "hs_lastmodifieddate"

        async def handler(request: Request, headers: dict[str, str]) -> Response:
            window = state.hubspot_batch_window.get(kind, 0) + 1
            state.hubspot_batch_window[kind] = window
            if window > HUBSPOT_BATCH_BURST:
                state.hubspot_batch_window[kind] = 0
                headers.update({"Retry-After": "1", "X-HubSpot-RateLimit-Remaining": "0"})
                limited = {"status": "error",
                           "message": "You have reached your ten_secondly_rolling limit.",
                           "errorType": "RATE_LIMIT",
                           "correlationId": headers["X-HubSpot-Correlation-Id"],
                           "policyName": "TEN_SECONDLY_ROLLING",
                           "groupName": "publicapi:private-app:seamguard-demo"}
                return _json(limited, 429, headers)
            inputs = (await request.json()).get("inputs") or []
            second = state.hubspot_calls
            started = f"2024-07-15T02:21:{second:02d}.101Z"
            completed = f"2024-07-15T02:21:{second:02d}.348Z"
            results: list[dict[str, Any]] = []
            errors: list[dict[str, Any]] = []
            for number, item in enumerate(inputs, start=1):
                props = item.get("properties") or {}
                stage = props.get("dealstage")
                if kind == "deals" and stage is not None and stage not in DEAL_STAGES:
                    errors.append({
                        "status": "error", "category": "VALIDATION_ERROR",
                        "message": f"Property values were not valid: {stage} was not one of "
                                   "the allowed options for dealstage",
                        "context": {"id": [item.get("id", "")], "propertyName": ["dealstage"]},
                        "errors": [{"message": f"{stage} was not one of the allowed options",
                                    "code": "INVALID_OPTION", "in": "dealstage"}],
                    })
                    continue
                id_property = item.get("idProperty")
                match = next((i for i, o in objects.items()
                              if o.get(id_property) == item.get("id")), None)
                prefix = "821134521" if kind == "contacts" else "198234002"
                object_id = match or f"{prefix}{number:02d}"
                properties = {**objects.get(object_id, {}), **props,
                              id_property: item.get("id"), "hs_object_id": object_id,
                              modified_key: completed}
                properties.setdefault(created_key, started)
                if kind == "deals":
                    state.deals_upserted[object_id] = properties
                results.append({"id": object_id, "properties": properties,
                                "createdAt": properties[created_key], "updatedAt": completed,
                                "archived": False, "new": match is None})
            body: dict[str, Any] = {"status": "COMPLETE", "results": results,
                                    "startedAt": started, "completedAt": completed}
            if errors:
                body.update({"numErrors": len(errors), "errors": errors})
                return _json(body, 207, headers)
            return _json(body, 200, headers)

        return handler

    async def batch_read_deals(request: Request, headers: dict[str, str]) -> Response:
        body = await request.json()
        id_property = body.get("idProperty") or "hs_object_id"
        known = {**HUBSPOT_DEALS, **state.deals_upserted}
        wanted = list(body.get("properties") or HUBSPOT_DEFAULT_DEAL_PROPERTIES)
        results = []
        for item in body.get("inputs") or []:
            match = next((i for i, deal in known.items()
                          if (i if id_property == "hs_object_id" else deal.get(id_property))
                          == item.get("id")), None)
            if match is not None:
                props = known[match]
                deal = _hubspot_object(match, props, wanted, "createdate", "hs_lastmodifieddate")
                results.append(deal)
        second = state.hubspot_calls
        return _json({"status": "COMPLETE", "results": results,
                      "startedAt": f"2024-07-15T02:21:{second:02d}.401Z",
                      "completedAt": f"2024-07-15T02:21:{second:02d}.512Z"}, 200, headers)

    # --- carrier --------------------------------------------------------------------------

    def sf_result(msg_data: Any, *, success: bool = True, code: str = "S0000",
                  message: str | None = None, api_code: str = "A1000") -> dict[str, Any]:
        return {"apiResultCode": api_code, "apiErrorMsg": "" if api_code == "A1000" else message,
                "apiResponseID": stable_uuid("sf", msg_data, code).replace("-", "").upper(),
                "success": success, "errorCode": code, "errorMsg": message,
                "msgData": msg_data}

    def sf(handler: Handler) -> Handler:
        async def endpoint(request: Request) -> Response:
            if request.headers.get("authorization") != f"Bearer {credentials.sf_token}":
                return _json(sf_result(None, success=False, code="A1006", api_code="A1006",
                                       message="数字签名无效"), 401, {"Date": SF_DATE})
            return await handler(request)
        return endpoint

    async def sf_create_order(request: Request) -> Response:
        body = await request.json()
        order_id = body.get("orderId", "")
        if order_id in state.sf_orders:
            return _json(sf_result(None, success=False, code="8016", message="重复下单"), 409,
                         {"Date": SF_DATE})
        receiver = next(c for c in body["contactInfoList"] if c["contactType"] == 2)
        sender = next(c for c in body["contactInfoList"] if c["contactType"] == 1)
        waybills = []
        for index in range(int(body.get("parcelQty", 1))):
            waybills.append({"waybillType": 1 if index == 0 else 2,
                             "waybillNo": f"SF{state.next_waybill}"})
            state.next_waybill += 1
        state.sf_orders[order_id] = waybills
        data = {"orderId": order_id, "originCode": SF_CITY_CODES.get(sender["city"], "021"),
                "destCode": SF_CITY_CODES.get(receiver["city"], "021"), "filterResult": 2,
                "remark": "", "waybillNoInfoList": waybills}
        return _json(sf_result(data), 200, {"Date": SF_DATE})

    async def sf_cancel_order(request: Request) -> Response:
        order_id = request.path_params["order_id"]
        if order_id not in state.sf_orders:
            return _json(sf_result(None, success=False, code="8018", message="未找到订单"), 404,
                         {"Date": SF_DATE})
        state.sf_cancelled.add(order_id)
        data = {"orderId": order_id, "resStatus": 2,
                "waybillNoInfoList": state.sf_orders[order_id]}
        return _json(sf_result(data), 200, {"Date": SF_DATE})

    async def sf_get_routes(request: Request) -> Response:
        waybill = request.path_params["waybill_no"]
        known = any(w["waybillNo"] == waybill for ws in state.sf_orders.values() for w in ws)
        if not known:
            return _json(sf_result(None, success=False, code="8019", message="运单号不存在"), 404,
                         {"Date": SF_DATE})
        data = {"routeResps": [{"mailNo": waybill, "routes": sf_routes(waybill)}]}
        return _json(sf_result(data), 200, {"Date": SF_DATE})

    # --- the integration's webhook receiver -----------------------------------------------

    async def receive_shopify(request: Request) -> Response:
        raw = await request.body()
        digest = hmac.new(credentials.shopify_webhook_secret.encode(), raw, hashlib.sha256)
        expected = base64.b64encode(digest.digest()).decode()
        if not hmac.compare_digest(expected, request.headers.get("x-shopify-hmac-sha256", "")):
            return Response(b"", status_code=401)
        state.webhooks.append({"topic": request.headers.get("x-shopify-topic")})
        return Response(b"", status_code=200)

    async def receive_sf(request: Request) -> Response:
        json.loads(await request.body())  # a push that is not JSON is a 500 at a real receiver
        return _json({"return_code": "0000", "return_msg": "成功"})

    # --- routing --------------------------------------------------------------------------

    base = "/admin/api/{version}"
    routes = [
        Route(f"{base}/orders.json", shopify(list_orders), methods=["GET"]),
        Route(f"{base}/orders.json", shopify(create_order), methods=["POST"]),
        Route(f"{base}/orders/{{order_id:int}}.json", shopify(get_order), methods=["GET"]),
        Route(f"{base}/orders/{{order_id:int}}.json", shopify(update_order), methods=["PUT"]),
        Route(f"{base}/customers.json", shopify(list_customers), methods=["GET"]),
        Route(f"{base}/customers.json", shopify(create_customer), methods=["POST"]),
        Route(f"{base}/customers/{{customer_id:int}}.json", shopify(get_customer),
              methods=["GET"]),
        Route(f"{base}/customers/{{customer_id:int}}.json", shopify(update_customer),
              methods=["PUT"]),
        Route(f"{base}/orders/{{order_id:int}}/refunds.json", shopify(list_refunds),
              methods=["GET"]),
        Route(f"{base}/orders/{{order_id:int}}/refunds.json", shopify(create_refund),
              methods=["POST"]),
        Route(f"{base}/orders/{{order_id:int}}/refunds/{{refund_id:int}}.json",
              shopify(get_refund), methods=["GET"]),
        Route("/crm/v3/objects/contacts", hubspot(list_contacts), methods=["GET"]),
        Route("/crm/v3/objects/contacts", hubspot(create_contact), methods=["POST"]),
        Route("/crm/v3/objects/contacts/batch/upsert", hubspot(batch_upsert("contacts")),
              methods=["POST"]),
        Route("/crm/v3/objects/contacts/{contact_id}", hubspot(get_contact), methods=["GET"]),
        Route("/crm/v3/objects/contacts/{contact_id}", hubspot(update_contact),
              methods=["PATCH"]),
        Route("/crm/v3/objects/deals", hubspot(list_deals), methods=["GET"]),
        Route("/crm/v3/objects/deals/batch/upsert", hubspot(batch_upsert("deals")),
              methods=["POST"]),
        Route("/crm/v3/objects/deals/batch/read", hubspot(batch_read_deals), methods=["POST"]),
        Route("/crm/v3/objects/deals/{deal_id}", hubspot(get_deal), methods=["GET"]),
        Route("/api/v1/orders", sf(sf_create_order), methods=["POST"]),
        Route("/api/v1/orders/{order_id}/cancel", sf(sf_cancel_order), methods=["POST"]),
        Route("/api/v1/routes/{waybill_no}", sf(sf_get_routes), methods=["GET"]),
        Route("/webhooks/shopify", receive_shopify, methods=["POST"]),
        Route("/webhooks/sfexpress/route-push", receive_sf, methods=["POST"]),
        Route("/webhooks/sfexpress/sign-off", receive_sf, methods=["POST"]),
    ]
    app = Starlette(routes=routes)
    app.state.demo = state
    return app
