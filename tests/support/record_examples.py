"""Record the example project's cassettes from the local example server.

    python -m tests.support.record_examples [--out DIR]

Starts ``example_server`` with uvicorn on 127.0.0.1 (a free port), drives real HTTP requests with
httpx under vcrpy and writes one cassette per platform / version / theme below ``DIR`` (default
``fixtures/cassettes``). Before anything is stored, the local origin is rewritten to the
platform's public origin (or, for webhook deliveries, the integration's receiver origin) and the
seamguard privacy layer redacts credentials and replaces personal data with pseudonyms. Shopify
webhook deliveries are re-signed after scrubbing, so the stored X-Shopify-Hmac-Sha256 matches the
stored body.

The server is deterministic and the cassettes are written with a fixed YAML layout, so running
this twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import httpx
import vcr
from starlette.applications import Starlette
from starlette.routing import Mount

from seamguard.privacy import PrivacyPolicy, Pseudonymizer, TrafficScrubber
from seamguard.recordings.cassettes import ReadableYaml
from tests.support.example_server import (
    ORDERS_BY_ID,
    PRODUCTS,
    SHOP_DOMAIN,
    Credentials,
    create_app,
    sf_pushes,
    shopify_order,
    shopify_refund,
    stable_uuid,
)
from tests.support.gateway_server import create_gateway_app
from tests.support.servers import serve

# Demo credentials. They are shaped like the real ones so that the scrubber's token patterns are
# exercised; none of them appears in a cassette.
SHOPIFY_TOKEN = "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"
SHOPIFY_REVOKED_TOKEN = "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"
HUBSPOT_TOKEN = "pat-na1-6f2c1e3a-8b4d-4c7e-9a1f-2d3e4f5a6b7c"
SF_TOKEN = "4C1D2A6F9E8B47D3A5C0F1E2D3B4A596"
SHOPIFY_WEBHOOK_SECRET = "seamguard-demo-webhook-secret"

SHOPIFY_ORIGIN = f"https://{SHOP_DOMAIN}"
HUBSPOT_ORIGIN = "https://api.hubapi.com"
SF_ORIGIN = "https://sfapi.sf-express.com"
RECEIVER_ORIGIN = "https://hooks.seamguard-demo.cn"

CLIENT_HEADERS = {
    # explicit, so that neither the httpx version nor optional brotli/zstd packages show up
    "User-Agent": "seamguard-demo-integration/1.0",
    "Accept": "application/json",
    "Accept-Encoding": "gzip, deflate",
}



# --- the local server ---------------------------------------------------------------------


@contextmanager
def running_server() -> Iterator[str]:
    """Serve the example app (and the gateways under /gw) on a free loopback port in a thread;
    yields its origin."""
    from tests.support.record_gateways import TEST_SECRETS

    credentials = Credentials(SHOPIFY_TOKEN, HUBSPOT_TOKEN, SF_TOKEN, SHOPIFY_WEBHOOK_SECRET)
    app = Starlette(routes=[Mount("/gw", app=create_gateway_app(TEST_SECRETS)),
                            Mount("", app=create_app(credentials))])
    # the app sets fixed Date headers; uvicorn's would change on every run
    with serve(app, date_header=False, server_header=False) as origin:
        yield origin


# --- vcrpy configuration ------------------------------------------------------------------


RequestHook = Callable[[Any], Any]


def _rewrite_origin(local: str, public: str) -> RequestHook:
    host = public.split("://", 1)[1]

    def hook(request: Any) -> Any:
        if request.uri.startswith(local):
            request.uri = public + request.uri[len(local):]
        headers = dict(request.headers)
        for name in list(headers):
            if name.lower() == "host":
                headers[name] = host
        request.headers = headers
        return request

    return hook


def _resign_shopify_webhook(request: Any) -> Any:
    """Scrubbing changed the body; sign the stored body, as the receiver would verify it."""
    headers = dict(request.headers)
    for name in list(headers):
        if name.lower() == "x-shopify-hmac-sha256":
            headers[name] = _shopify_signature(request.body or b"")
    request.headers = headers
    return request


def _chain(*hooks: RequestHook) -> RequestHook:
    def hook(request: Any) -> Any:
        for step in hooks:
            request = step(request)
        return request

    return hook


# The example's people are invented, so its pseudonym key can be public and re-recording is
# reproducible; a real project's key stays out of git (docs/privacy.md).
PSEUDONYM_KEY = b"seamguard example project"
POLICY = PrivacyPolicy.default()

ResponseHook = Callable[[dict[str, Any]], dict[str, Any]]


def recorder(local: str, scenario: Scenario) -> vcr.VCR:
    """The vcrpy recorder of one scenario: origin rewritten, scrubbed, the scenario's hooks."""
    scrubber = TrafficScrubber(scenario.policy, Pseudonymizer(PSEUDONYM_KEY))
    steps = [_rewrite_origin(local, scenario.public), scrubber.request_hook(),
             *scenario.request_hooks]
    response_steps: list[ResponseHook] = [scrubber.response_hook(), *scenario.response_hooks]

    def response_hook(response: dict[str, Any]) -> dict[str, Any]:
        for step in response_steps:
            response = step(response)
        return response

    recorder = vcr.VCR(
        record_mode="all",
        decode_compressed_response=False,
        before_record_request=_chain(*steps),
        before_record_response=response_hook,
        serializer="readable-yaml",
    )
    recorder.register_serializer("readable-yaml", ReadableYaml)
    return recorder


# --- the scenarios ------------------------------------------------------------------------


def _client(local: str, **headers: str) -> httpx.Client:
    return httpx.Client(base_url=local, headers={**CLIENT_HEADERS, **headers}, timeout=10)


def _follow(link: str, public: str, local: str) -> str:
    """The local URL of a public ``<...>; rel="next"`` link or paging URL."""
    url = link.split(";", 1)[0].strip().strip("<>")
    return local + url[len(public):] if url.startswith(public) else url


def record_shopify_orders(local: str, version: str) -> None:
    base = f"/admin/api/{version}"
    with _client(local, **{"X-Shopify-Access-Token": SHOPIFY_TOKEN}) as client:
        first = client.get(f"{base}/orders.json", params={"status": "any", "limit": 3})
        client.get(_follow(first.headers["Link"], SHOPIFY_ORIGIN, local))
        client.get(f"{base}/orders/5829461287001.json")
        client.get(f"{base}/orders/5829461289999.json")  # 404
        client.post(f"{base}/orders.json", json={"order": {
            "email": "zhangwei@example.com",
            "phone": "+8613812345678",
            "financial_status": "pending",
            "send_receipt": False,
            "inventory_behaviour": "decrement_obeying_policy",
            "note": "请工作日送货",
            "tags": "小程序",
            "customer": {"email": "zhangwei@example.com"},
            "line_items": [{"variant_id": PRODUCTS["TEA-LJ-250"].variant_id, "quantity": 1}],
        }})
        client.put(f"{base}/orders/5829461287002.json", json={"order": {
            "id": 5829461287002, "tags": "已退款, 售后", "note": "杯子破损，已退一只"}})  # noqa: RUF001


def record_shopify_customers(local: str, version: str) -> None:
    base = f"/admin/api/{version}"
    with _client(local, **{"X-Shopify-Access-Token": SHOPIFY_TOKEN}) as client:
        client.get(f"{base}/customers.json", params={"limit": 10})
        client.get(f"{base}/customers/7460231900001.json")
        new_customer = {
            "first_name": "洋", "last_name": "刘", "email": "liuyang@example.cn",
            "phone": "+8615012345678", "verified_email": True, "send_email_invite": False,
            "tags": "小程序",
            "addresses": [{
                "first_name": "洋", "last_name": "刘", "address1": "天河区珠江新城花城大道85号",
                "address2": "高德置地广场B座2201", "city": "广州市", "province": "Guangdong",
                "province_code": "GD", "country": "China", "country_code": "CN", "zip": "510623",
                "phone": "+8615012345678",
            }],
        }
        client.post(f"{base}/customers.json", json={"customer": new_customer})
        duplicate = {"first_name": "伟", "last_name": "张", "email": "zhangwei@example.com"}
        client.post(f"{base}/customers.json", json={"customer": duplicate})  # 422
        client.put(f"{base}/customers/7460231900002.json",
                   json={"customer": {"tags": "VIP, 北京", "note": "偏好顺丰"}})
        client.get(f"{base}/customers.json", params={"limit": 10},
                   headers={"X-Shopify-Access-Token": SHOPIFY_REVOKED_TOKEN})  # 401


def record_shopify_refunds(local: str, version: str) -> None:
    base = f"/admin/api/{version}"
    partial = ORDERS_BY_ID[5829461287002]
    refund_id = shopify_refund(partial)["id"]
    target = ORDERS_BY_ID[5829461287005]
    cup_line = shopify_order(target, version)["line_items"][0]
    with _client(local, **{"X-Shopify-Access-Token": SHOPIFY_TOKEN}) as client:
        client.get(f"{base}/orders/{partial.order_id}/refunds.json")
        client.get(f"{base}/orders/{partial.order_id}/refunds/{refund_id}.json")
        client.post(f"{base}/orders/{target.order_id}/refunds.json", json={"refund": {
            "currency": "CNY",
            "notify": True,
            "note": "顾客退回一只杯子",
            "refund_line_items": [{"line_item_id": cup_line["id"], "quantity": 1,
                                   "restock_type": "return", "location_id": 71234567001}],
            "transactions": [{"parent_id": 6931110000000 + target.number * 10,
                              "amount": cup_line["price"], "kind": "refund",
                              "gateway": "alipay"}],
        }})


def _shopify_signature(body: bytes) -> str:
    digest = hmac.new(SHOPIFY_WEBHOOK_SECRET.encode(), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _deliver_shopify(client: httpx.Client, topic: str, version: str, payload: object,
                     triggered_at: str) -> None:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    event_id = stable_uuid("event", topic, version, triggered_at)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Shopify-Captain-Hook",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": _shopify_signature(body),
        "X-Shopify-Shop-Domain": SHOP_DOMAIN,
        "X-Shopify-API-Version": version,
        "X-Shopify-Webhook-Id": stable_uuid("delivery", event_id),
        "X-Shopify-Event-Id": event_id,
        "X-Shopify-Triggered-At": triggered_at,
    }
    response = client.post("/webhooks/shopify", content=body, headers=headers)
    response.raise_for_status()  # the receiver checks the signature on the wire


def record_shopify_webhooks(local: str, version: str) -> None:
    created = ORDERS_BY_ID[5829461287005]
    cancelled = ORDERS_BY_ID[5829461287003]
    with _client(local) as client:
        _deliver_shopify(client, "orders/create", version, shopify_order(created, version),
                         "2024-07-14T03:20:06.284519371Z")
        _deliver_shopify(client, "orders/updated", version, shopify_order(cancelled, version),
                         "2024-07-12T01:30:01.902114587Z")
        if version == "2024-07":
            refunded = ORDERS_BY_ID[5829461287002]
            _deliver_shopify(client, "refunds/create", version, shopify_refund(refunded),
                             "2024-07-13T02:02:01.447301826Z")


def record_hubspot_contacts(local: str) -> None:
    with _client(local, Authorization=f"Bearer {HUBSPOT_TOKEN}") as client:
        first = client.get("/crm/v3/objects/contacts", params={"limit": 2}).json()
        client.get("/crm/v3/objects/contacts",
                   params={"limit": 2, "after": first["paging"]["next"]["after"]})
        client.get("/crm/v3/objects/contacts/82113452005", params={
            "properties": "email,firstname,lastname,phone,mobilephone,lifecyclestage"})
        client.get("/crm/v3/objects/contacts/lina@example.com",
                   params={"idProperty": "email", "properties": "email,lifecyclestage"})
        client.post("/crm/v3/objects/contacts", json={"properties": {
            "email": "liuyang@example.cn", "firstname": "洋", "lastname": "刘",
            "phone": "+8615012345678", "city": "广州市", "lifecyclestage": "lead"}})
        client.post("/crm/v3/objects/contacts", json={"properties": {
            "email": "zhangwei@example.com", "firstname": "伟", "lastname": "张"}})  # 409
        client.patch("/crm/v3/objects/contacts/82113452003",
                     json={"properties": {"lifecyclestage": "customer"}})
        client.post("/crm/v3/objects/contacts/batch/upsert", json={"inputs": [
            {"idProperty": "email", "id": "wangfang@example.cn",
             "properties": {"phone": "+8613912345678", "lifecyclestage": "customer"}},
            {"idProperty": "email", "id": "emily.carter@example.com",
             "properties": {"firstname": "Emily", "lastname": "Carter",
                            "lifecyclestage": "opportunity"}},
        ]})


def _deal_input(order_id: int, **properties: str) -> dict[str, Any]:
    return {"idProperty": "shopify_order_id", "id": str(order_id),
            "objectWriteTraceId": f"shopify-{order_id}", "properties": properties}


def record_hubspot_deals(local: str) -> None:
    with _client(local, Authorization=f"Bearer {HUBSPOT_TOKEN}") as client:
        client.get("/crm/v3/objects/deals", params={"limit": 10})
        client.post("/crm/v3/objects/deals/batch/upsert", json={"inputs": [
            _deal_input(5829461287004, dealname="Shopify #1004", amount="528.00",
                        dealstage="contractsent", pipeline="default", deal_currency_code="CNY"),
            _deal_input(5829461287005, dealname="Shopify #1005", amount="715.00",
                        dealstage="closedwon", pipeline="default",
                        closedate="2024-07-14T03:20:05Z", deal_currency_code="CNY"),
        ]})
        # one input uses a stage the pipeline does not have: 207 with one error
        client.post("/crm/v3/objects/deals/batch/upsert", json={"inputs": [
            _deal_input(5829461287002, amount="287.00"),
            _deal_input(5829461287003, dealstage="shipped"),
        ]})
        corrected = {"inputs": [_deal_input(5829461287003, dealstage="closedlost")]}
        response = client.post("/crm/v3/objects/deals/batch/upsert", json=corrected)
        if response.status_code == 429:  # burst limit: retry once
            # The demo server's window resets by call count, not by time, so there is nothing to
            # wait for here; a live client waits Retry-After seconds first.
            client.post("/crm/v3/objects/deals/batch/upsert", json=corrected)
        client.get("/crm/v3/objects/deals/19823400101", params={
            "properties": "dealname,amount,dealstage,pipeline,closedate,deal_currency_code"})


def _sf_order(order_id: str, receiver: dict[str, Any], cargo: list[dict[str, Any]],
              parcels: int = 1) -> dict[str, Any]:
    sender = {
        "contactType": 1, "company": "Seamguard 演示店", "contact": "陈杰",
        "tel": "021-61234567", "mobile": "13712345678", "country": "CN", "province": "上海市",
        "city": "上海市", "county": "青浦区", "address": "上海市青浦区华新镇华志路1688号",
        "postCode": "201708",
    }
    return {
        "language": "zh-CN", "orderId": order_id, "cargoDetails": cargo,
        "contactInfoList": [sender, {"contactType": 2, "country": "CN", **receiver}],
        "monthlyCard": "7551234567", "payMethod": 1, "expressTypeId": 1, "parcelQty": parcels,
        "totalWeight": round(sum(c["weight"] * c["count"] for c in cargo), 2), "isDocall": 1,
        "sendStartTm": "2024-07-10 14:00:00", "remark": "易碎品，轻拿轻放",  # noqa: RUF001
    }


def record_sf_waybills(local: str) -> None:
    zhang = {"contact": "张伟", "mobile": "13812345678", "tel": None, "province": "上海市",
             "city": "上海市", "county": "浦东新区",
             "address": "上海市浦东新区张江镇碧波路690号5号楼1203室", "postCode": "201203"}
    li = {"contact": "李娜", "mobile": "18612345678", "tel": "0755-86012345",
          "province": "广东省", "city": "深圳市", "county": "南山区",
          "address": "广东省深圳市南山区科技南十二路2号金蝶软件园B座", "postCode": "518057"}
    scarf = {"name": "真丝围巾", "count": 1, "unit": "条", "weight": 0.12, "amount": 399.00,
             "currency": "CNY", "sourceArea": "CN"}
    tea = {"name": "龙井绿茶礼盒", "count": 2, "unit": "盒", "weight": 0.5, "amount": 268.00,
           "currency": "CNY", "sourceArea": "CN"}
    cups = {"name": "青花瓷杯", "count": 2, "unit": "个", "weight": 0.3, "amount": 158.00,
            "currency": "CNY", "sourceArea": "CN"}
    with _client(local, Authorization=f"Bearer {SF_TOKEN}") as client:
        first = client.post("/api/v1/orders", json=_sf_order("SG1001", zhang, [scarf, tea]))
        client.post("/api/v1/orders", json=_sf_order("SG1003", li, [{**tea, "count": 1}]))
        client.post("/api/v1/orders", json=_sf_order("SG1005", zhang, [cups, scarf], parcels=2))
        client.post("/api/v1/orders", json=_sf_order("SG1001", zhang, [scarf, tea]))  # 409
        waybill = first.json()["msgData"]["waybillNoInfoList"][0]["waybillNo"]
        client.get(f"/api/v1/routes/{waybill}", params={"checkPhoneNo": "5678"})
        client.post("/api/v1/orders/SG1003/cancel", json={"dealType": 2})


def record_sf_pushes(local: str) -> None:
    route_push, sign_off = sf_pushes("SF1462053916401", "SG1001")
    headers = {"Content-Type": "application/json;charset=UTF-8",
               "User-Agent": "sfexpress-push-example/1.0"}
    with _client(local) as client:
        for path, payload in (("route-push", route_push), ("sign-off", sign_off)):
            body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
            client.post(f"/webhooks/sfexpress/{path}", content=body,
                        headers=headers).raise_for_status()


# --- driver -------------------------------------------------------------------------------

class Scenario(NamedTuple):
    """One cassette: what runs against the local server and how its traffic is stored."""

    cassette: str  # path below the cassette folder
    public: str  # the origin the local traffic is recorded as
    run: Callable[[str], None]  # gets the local origin (with ``prefix``)
    prefix: str = ""  # where the platform lives on the local server
    policy: PrivacyPolicy = POLICY
    request_hooks: tuple[RequestHook, ...] = ()  # after scrubbing (re-signing)
    response_hooks: tuple[ResponseHook, ...] = ()  # after scrubbing


def scenarios() -> list[Scenario]:
    """Every cassette of the example project, Shopify to the gateway packs."""
    from tests.support.record_gateways import gateway_scenarios

    def bind(function: Callable[..., None], *args: str) -> Callable[[str], None]:
        return lambda local: function(local, *args)

    plan: list[Scenario] = []
    for version in ("2024-04", "2024-07"):
        plan.append(Scenario(f"shopify/orders-{version}.yaml", SHOPIFY_ORIGIN,
                             bind(record_shopify_orders, version)))
        plan.append(Scenario(f"shopify/webhooks-{version}.yaml", RECEIVER_ORIGIN,
                             bind(record_shopify_webhooks, version),
                             request_hooks=(_resign_shopify_webhook,)))
    plan += [
        Scenario("shopify/customers-2024-07.yaml", SHOPIFY_ORIGIN,
                 bind(record_shopify_customers, "2024-07")),
        Scenario("shopify/refunds-2024-07.yaml", SHOPIFY_ORIGIN,
                 bind(record_shopify_refunds, "2024-07")),
        Scenario("hubspot/contacts.yaml", HUBSPOT_ORIGIN, record_hubspot_contacts),
        Scenario("hubspot/deals-batch.yaml", HUBSPOT_ORIGIN, record_hubspot_deals),
        Scenario("sfexpress/waybills.yaml", SF_ORIGIN, record_sf_waybills),
        Scenario("sfexpress/route-push.yaml", RECEIVER_ORIGIN, record_sf_pushes),
        *gateway_scenarios(HUBSPOT_ORIGIN, RECEIVER_ORIGIN, HUBSPOT_TOKEN),
    ]
    return plan


def record_all(out: Path, only: str | None = None) -> list[Path]:
    """Record every cassette (or those whose path contains ``only``) into a fresh directory,
    then move them into ``out``."""
    written = []
    plan = [s for s in scenarios() if only is None or only in s.cassette]
    with tempfile.TemporaryDirectory(prefix="seamguard-cassettes-") as scratch:
        # One server per cassette: each scenario starts from the same state.
        for scenario in plan:
            with running_server() as origin:
                local = origin + scenario.prefix
                target = Path(scratch) / scenario.cassette
                target.parent.mkdir(parents=True, exist_ok=True)
                with recorder(local, scenario).use_cassette(str(target)):
                    scenario.run(local)
        for relative in (s.cassette for s in plan):
            destination = out / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(scratch) / relative, destination)
            written.append(destination)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("fixtures/cassettes"),
                        help="directory to write the cassettes into (default: %(default)s)")
    parser.add_argument("--only", help="record only the cassettes whose path contains this")
    args = parser.parse_args(argv)
    for path in record_all(args.out, args.only):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
