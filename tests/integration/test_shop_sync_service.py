"""The bundled shop-sync service: Shopify webhooks in, HubSpot (faked with respx) kept in step.

The helpers here (FakeHubSpot, the service, deliveries, payload builders) serve the other
test_shop_sync_* modules too.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import anyio
import httpx
import pytest
import respx
from fixtures.integrations.shop_sync import ShopSyncConfig, create_app
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.anyio

HUBSPOT = "https://hubspot.test"
SECRET = "test-webhook-secret"
_ids = itertools.count(1)


# --- a small HubSpot fake --------------------------------------------------------------------

@dataclass
class FakeHubSpot:
    """Deals and contacts in memory; batch upsert by idProperty and plain create, with faults."""

    records: dict[str, list[dict[str, str]]] = field(
        default_factory=lambda: {"deals": [], "contacts": []})
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    faults: list[Callable[[httpx.Request], httpx.Response | None]] = field(default_factory=list)
    tokens: list[str | None] = field(default_factory=list)
    hold: tuple[anyio.Event, anyio.Event] | None = None  # (set on arrival, awaited)
    die_after_next_commit: type[BaseException] | None = None  # the service's process dies
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(9001))

    async def handle(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.method == "POST" else {}
        self.requests.append((request.url.path, body))
        self.tokens.append(request.headers.get("Authorization"))
        if self.hold is not None:  # keep this write in flight until the test releases it
            (held, release), self.hold = self.hold, None
            held.set()
            with anyio.fail_after(10):
                await release.wait()
        if self.faults:
            answer = self.faults.pop(0)(request)
            if answer is not None:
                return answer
        if request.method == "GET":
            return self.read(request)
        answer = self.commit(request.url.path, body)
        if self.die_after_next_commit is not None:
            died, self.die_after_next_commit = self.die_after_next_commit, None
            raise died("the process died after HubSpot committed")
        return answer

    def read(self, request: httpx.Request) -> httpx.Response:
        objects, key = request.url.path.strip("/").split("/")[3:5]
        prop = request.url.params.get("idProperty", "hs_object_id")
        found = [r for r in self.records[objects] if r.get(prop) == key]
        if not found:
            return httpx.Response(404, json={"status": "error", "message": "Object not found",
                                             "correlationId": str(uuid.uuid4()),
                                             "category": "OBJECT_NOT_FOUND"})
        return httpx.Response(200, json={"id": found[0]["hs_object_id"], "properties": found[0],
                                         "archived": False})

    def commit(self, path: str, body: dict[str, Any]) -> httpx.Response:
        parts = path.strip("/").split("/")  # crm v3 objects <type> [batch upsert]
        objects = parts[3]
        if parts[-1] != "upsert":
            return httpx.Response(201, json=self._create(objects, body["properties"]))
        results = []
        for item in body["inputs"]:
            found = [r for r in self.records[objects] if r.get(item["idProperty"]) == item["id"]]
            if found:
                found[0].update(item["properties"])
                results.append({"id": found[0]["hs_object_id"], "new": False})
            else:
                created = self._create(
                    objects, {**item["properties"], item["idProperty"]: item["id"]})
                results.append({"id": created["id"], "new": True})
        return httpx.Response(200, json={"status": "COMPLETE", "results": results,
                                         "startedAt": "2024-07-10T02:15:00.000Z",
                                         "completedAt": "2024-07-10T02:15:00.100Z"})

    def _create(self, objects: str, properties: dict[str, str]) -> dict[str, Any]:
        record = {**properties, "hs_object_id": str(next(self._ids))}
        self.records[objects].append(record)
        return {"id": record["hs_object_id"], "properties": record}

    @property
    def deals(self) -> list[dict[str, str]]:
        return self.records["deals"]

    @property
    def contacts(self) -> list[dict[str, str]]:
        return self.records["contacts"]

    def writes(self, objects: str = "deals") -> list[dict[str, Any]]:
        """The properties of every request that addressed ``objects``."""
        out = []
        for path, body in self.requests:
            if f"/objects/{objects}" in path:
                out.extend(item["properties"] for item in body.get("inputs", [body]))
        return out

    # faults, consumed one per request
    def answer_next(self, response: httpx.Response) -> None:
        self.faults.append(lambda request: response)

    def timeout_next(self, *, after_commit: bool) -> None:
        def fault(request: httpx.Request) -> httpx.Response:
            if after_commit:
                self.commit(request.url.path, json.loads(request.content))
            raise httpx.ReadTimeout("read timed out", request=request)

        self.faults.append(fault)

    def partial_failure_next(self) -> None:
        def fault(request: httpx.Request) -> httpx.Response:
            body = json.loads(request.content)
            return httpx.Response(207, json={
                "status": "COMPLETE", "results": [], "numErrors": 1,
                "startedAt": "2024-07-10T02:15:00.000Z",
                "completedAt": "2024-07-10T02:15:00.100Z",
                "errors": [{"status": "error", "category": "VALIDATION_ERROR",
                            "message": "Property values were not valid",
                            "context": {"ids": [item["id"] for item in body["inputs"]]}}]})

        self.faults.append(fault)


@contextmanager
def mocked_hubspot() -> Iterator[FakeHubSpot]:
    """HubSpot at HUBSPOT answered by a FakeHubSpot for the duration."""
    fake = FakeHubSpot()
    with respx.mock(assert_all_called=False) as router:
        router.route(url__regex=rf"^{HUBSPOT}/crm/v3/objects/").mock(side_effect=fake.handle)
        router.route(host="127.0.0.1").pass_through()  # the service itself, served over HTTP
        yield fake


# --- the service -----------------------------------------------------------------------------

def config(tmp_path: Path, **overrides: Any) -> ShopSyncConfig:
    settings: dict[str, Any] = {
        "database_url": f"sqlite:///{tmp_path / 'shop-sync.sqlite'}",
        "webhook_secret": SECRET, "hubspot_url": HUBSPOT, "hubspot_token": "pat-test",
        "allow_reset": True, "hubspot_attempts": 1,
    }
    return ShopSyncConfig(**{**settings, **overrides})


@asynccontextmanager
async def service(settings: ShopSyncConfig) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://shop-sync.test") as client:
        yield client
    app.state.store.close()


@pytest.fixture
async def client(tmp_path: Path, hubspot: FakeHubSpot) -> AsyncIterator[httpx.AsyncClient]:
    async with service(config(tmp_path)) as http:
        yield http


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def headers(topic: str, body: bytes, event_id: str | None = None,
            secret: str = SECRET, triggered_at: str | None = None) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": sign(body, secret),
        "X-Shopify-Event-Id": event_id or f"evt-{next(_ids)}",
        "X-Shopify-Webhook-Id": str(uuid.uuid4()),
        # Shopify keeps the trigger time on retries; older than the tolerance is a replay.
        "X-Shopify-Triggered-At": triggered_at or datetime.now(UTC).isoformat(
            timespec="milliseconds"),
        "X-Shopify-Shop-Domain": "seamguard-demo.myshopify.com",
        "X-Shopify-API-Version": "2024-07",
    }


async def deliver(client: httpx.AsyncClient, topic: str, payload: dict[str, Any],
                  event_id: str | None = None, triggered_at: str | None = None
                  ) -> httpx.Response:
    body = json.dumps(payload).encode()
    return await client.post("/webhooks/shopify", content=body,
                             headers=headers(topic, body, event_id,
                                             triggered_at=triggered_at))


async def set_clock(client: httpx.AsyncClient, now: str | None) -> None:
    response = await client.post("/admin/clock", json={"now": now})
    assert response.status_code == 200, response.text


def order(order_id: int = 5829461287001, *, updated_at: str = "2024-07-10T10:15:00+08:00",
          status: str = "paid", total: str = "935", tags: str = "VIP, 复购 ,618",
          currency: str = "cny", **extra: Any) -> dict[str, Any]:
    return {"id": order_id, "name": "#1001", "total_price": total, "currency": currency,
            "financial_status": status, "processed_at": "2024-07-10T10:15:00+08:00",
            "updated_at": updated_at, "tags": tags, "cancel_reason": None, **extra}


def refund(refund_id: int, order_id: int = 5829461287001, *amounts: str) -> dict[str, Any]:
    return {"id": refund_id, "order_id": order_id, "created_at": "2024-07-11T09:00:00+08:00",
            "refund_line_items": [], "admin_graphql_api_id": f"gid://shopify/Refund/{refund_id}",
            "transactions": [{"id": i, "order_id": order_id, "kind": "refund", "status": "success",
                              "amount": amount, "currency": "CNY",
                              "created_at": "2024-07-11T09:00:00+08:00"}
                             for i, amount in enumerate(amounts or ("100.00",))]}


def customer(customer_id: int = 7312450001, *, email: str = " ZhangWei@Example.COM ",
             updated_at: str = "2024-07-10T10:15:00+08:00", state: str = "enabled",
             phone: str | None = None) -> dict[str, Any]:
    return {"id": customer_id, "email": email, "first_name": "伟", "last_name": "张",
            "phone": phone, "state": state, "created_at": "2024-07-01T09:00:00+08:00",
            "updated_at": updated_at, "admin_graphql_api_id": f"gid://shopify/Customer/{customer_id}",
            "default_address": {"phone": "(138) 1234-5678", "city": " 北京市 "}}


async def state(client: httpx.AsyncClient, order_id: int = 5829461287001) -> dict[str, Any]:
    response = await client.get(f"/orders/{order_id}")
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


async def review(client: httpx.AsyncClient) -> list[tuple[str, str]]:
    items = (await client.get("/review-queue")).json()["items"]
    return [(item["reason"], item["key"]) for item in items]


# --- mapping and acceptance ------------------------------------------------------------------

async def test_an_order_becomes_one_deal_upserted_by_its_shopify_id(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    response = await deliver(client, "orders/create", order())

    assert response.status_code == 200
    assert response.json()["status"] == "processed"
    path, body = hubspot.requests[0]
    assert path == "/crm/v3/objects/deals/batch/upsert"
    assert body["inputs"][0]["id"] == "5829461287001"
    assert body["inputs"][0]["idProperty"] == "shopify_order_id"
    assert hubspot.tokens == ["Bearer pat-test"]
    assert hubspot.deals == [{
        "shopify_order_id": "5829461287001", "dealname": "Shopify #1001", "amount": "935.00",
        "deal_currency_code": "CNY", "dealstage": "closedwon", "pipeline": "default",
        "closedate": "2024-07-10T02:15:00Z", "shopify_tags": "618;VIP;复购",
        "hs_object_id": "9001",
    }]
    saved = await state(client)
    assert saved["version"] == "2024-07-10T02:15:00Z"
    assert saved["deal_id"] == "9001"
    assert saved["applied_refunds"] == []


async def test_a_customer_becomes_a_contact_keyed_by_customer_id_never_by_email(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    assert (await deliver(client, "customers/create", customer())).status_code == 200
    changed = customer(email="wei.zhang@example.com", updated_at="2024-07-11T10:15:00+08:00",
                       state="disabled")
    assert (await deliver(client, "customers/update", changed)).status_code == 200

    assert [body["inputs"][0]["idProperty"] for _, body in hubspot.requests] == [
        "shopify_customer_id", "shopify_customer_id"]
    assert hubspot.contacts == [{
        "shopify_customer_id": "7312450001", "email": "wei.zhang@example.com",
        "firstname": "伟", "lastname": "张", "mobilephone": "+8613812345678", "city": "北京市",
        "lifecyclestage": "customer", "hs_object_id": "9001",
    }]
    # Marketing owns the lifecycle stage once the contact exists: the update does not send it.
    assert "lifecyclestage" not in hubspot.writes("contacts")[1]


async def test_crm_owned_fields_are_written_on_create_only(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    await deliver(client, "orders/create", order())
    hubspot.deals[0]["pipeline"] = "wholesale"  # a sales rep moved the deal
    later = order(updated_at="2024-07-10T11:00:00+08:00", currency="USD", status="refunded")
    assert (await deliver(client, "orders/updated", later)).json()["status"] == "processed"

    second = hubspot.writes()[1]
    assert "pipeline" not in second
    assert "deal_currency_code" not in second  # a currency change goes to a person instead
    assert hubspot.deals[0]["pipeline"] == "wholesale"
    assert hubspot.deals[0]["deal_currency_code"] == "CNY"
    assert hubspot.deals[0]["dealstage"] == "closedlost"
    assert await review(client) == [("manual-review", "5829461287001")]


async def test_a_newer_event_without_a_field_clears_it_and_bad_dates_are_left_out(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    await deliver(client, "orders/cancelled", order(cancel_reason="customer"))
    later = order(updated_at="2024-07-11T10:00:00+08:00", processed_at="not a date")
    await deliver(client, "orders/updated", later)

    assert hubspot.writes()[1]["shopify_cancel_reason"] == ""
    assert hubspot.writes()[1]["closedate"] == ""
    assert hubspot.deals[0]["shopify_cancel_reason"] == ""


async def test_a_webhook_signed_with_another_secret_or_tampered_is_refused(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    body = json.dumps(order()).encode()
    wrong = headers("orders/create", body, secret="someone-else")
    tampered = headers("orders/create", body)
    unsigned = {k: v for k, v in headers("orders/create", body).items()
                if k != "X-Shopify-Hmac-Sha256"}

    for sent, hdrs in ((body, wrong), (body.replace(b"935", b"1"), tampered), (body, unsigned)):
        response = await client.post("/webhooks/shopify", content=sent, headers=hdrs)
        assert response.status_code == 401
    assert hubspot.requests == []
    assert (await client.get("/orders/5829461287001")).status_code == 404


async def test_a_delivery_triggered_longer_ago_than_any_retry_is_a_replay(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    await set_clock(client, "2024-07-10T12:00:00Z")
    # Shopify's last retry comes about 4 hours after the trigger; 5 hours is tolerated.
    late = await deliver(client, "orders/create", order(), event_id="evt-r",
                         triggered_at="2024-07-10T07:30:00Z")
    assert late.status_code == 200
    replayed = await deliver(client, "orders/create", order(status="refunded",
                                                            updated_at="2024-07-11T00:00:00Z"),
                             triggered_at="2024-07-10T06:59:00Z")
    assert replayed.status_code == 400
    assert "replay" in replayed.json()["error"]
    assert len(hubspot.requests) == 1


async def test_event_ids_are_remembered_for_the_dedupe_window_then_forgotten(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    await set_clock(client, "2024-07-10T02:00:00Z")
    parked = order(status="expired")
    await deliver(client, "orders/create", parked, event_id="evt-w",
                  triggered_at="2024-07-10T02:00:00Z")
    await set_clock(client, "2024-07-10T06:00:00Z")  # a retry 4 hours later: still a duplicate
    again = await deliver(client, "orders/create", parked, event_id="evt-w",
                          triggered_at="2024-07-10T02:00:00Z")
    assert again.json()["status"] == "duplicate"
    await set_clock(client, "2024-07-18T02:00:00Z")  # a week later the id is forgotten
    later = await deliver(client, "orders/create", parked, event_id="evt-w",
                          triggered_at="2024-07-18T02:00:00Z")
    assert later.json()["status"] == "parked"
    assert await review(client) == [("unknown-value", "5829461287001")] * 2
    bad = await client.post("/admin/clock", json={"now": "2024-07-10T02:00:00"})
    assert bad.status_code == 400  # a time without offset is refused


async def test_a_write_the_process_died_after_is_finished_before_an_older_event(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    class Died(BaseException):
        pass

    newer = order(status="refunded", updated_at="2024-07-11T10:00:00+08:00")
    app = create_app(config(tmp_path))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://shop-sync.test") as http:
        hubspot.die_after_next_commit = Died  # HubSpot commits, then the process dies
        with pytest.raises(Died):
            await deliver(http, "orders/updated", newer, event_id="evt-newer")
        assert hubspot.deals[0]["dealstage"] == "closedlost"
        older = await deliver(http, "orders/updated", order(status="paid"))
        assert older.json()["status"] == "stale"  # the planned write was finished first
        retried = await deliver(http, "orders/updated", newer, event_id="evt-newer")
        assert retried.json()["status"] == "duplicate"
        assert (await state(http))["version"] == "2024-07-11T02:00:00Z"
    assert hubspot.deals[0]["dealstage"] == "closedlost"
    app.state.store.close()


@pytest.mark.parametrize(("topic", "body", "status"), [
    ("orders/create", b"{not json", 400),
    ("orders/create", b"[1, 2]", 422),
    ("orders/deleted", json.dumps(order()).encode(), 400),
    ("orders/create", json.dumps({**order(), "updated_at": "yesterday"}).encode(), 422),
    ("orders/create", json.dumps({**order(), "total_price": "a lot"}).encode(), 422),
    ("refunds/create", json.dumps({"id": 1, "order_id": "x"}).encode(), 422),
])
async def test_malformed_deliveries_are_refused_and_not_recorded(
        client: httpx.AsyncClient, hubspot: FakeHubSpot, topic: str, body: bytes,
        status: int) -> None:
    response = await client.post("/webhooks/shopify", content=body,
                                 headers=headers(topic, body, "evt-malformed"))
    assert response.status_code == status
    assert "error" in response.json()
    assert hubspot.requests == []
    # The event id was not marked seen: a corrected delivery with it is processed.
    fixed = await deliver(client, "orders/create", order(), event_id="evt-malformed")
    assert fixed.json()["status"] == "processed"


async def test_an_oversized_body_is_refused_before_anything_else(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    body = b" " * (5 * 1024 * 1024 + 1)
    response = await client.post("/webhooks/shopify", content=body,
                                 headers=headers("orders/create", body))
    assert response.status_code == 413
    assert hubspot.requests == []


# --- dedupe, versions, ties ------------------------------------------------------------------

async def test_a_redelivered_event_changes_nothing(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    first = await deliver(client, "orders/create", order(), event_id="evt-1")
    again = await deliver(client, "orders/create", order(), event_id="evt-1")

    assert first.json()["status"] == "processed"
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert len(hubspot.requests) == 1


async def test_concurrent_deliveries_of_one_event_write_once(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    answers: list[str] = []

    async def send() -> None:
        answers.append((await deliver(client, "orders/create", order(),
                                      event_id="evt-twice")).json()["status"])

    async with anyio.create_task_group() as group:
        for _ in range(3):
            group.start_soon(send)

    assert sorted(answers) == ["duplicate", "duplicate", "processed"]
    assert len(hubspot.requests) == 1


async def test_a_stale_event_is_acknowledged_and_ignored(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    newer = order(updated_at="2024-07-10T02:30:00Z", status="refunded", tags="VIP")
    older = order(updated_at="2024-07-10T10:20:00+08:00", status="paid", tags="VIP")
    await deliver(client, "orders/updated", newer)
    response = await deliver(client, "orders/updated", older)

    assert response.status_code == 200
    assert response.json()["status"] == "stale"
    assert len(hubspot.requests) == 1
    assert hubspot.deals[0]["dealstage"] == "closedlost"
    assert (await state(client))["version"] == "2024-07-10T02:30:00Z"


async def test_a_timestamp_without_offset_is_shop_time(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    await deliver(client, "orders/create", order(updated_at="2024-07-10T10:15:00"))
    assert (await state(client))["version"] == "2024-07-10T02:15:00Z"
    # 10:16 shop time is later than 02:15Z, though "10:16" read as UTC would be too.
    earlier = order(updated_at="2024-07-10T02:16:00+08:00", status="refunded")
    assert (await deliver(client, "orders/updated", earlier)).json()["status"] == "stale"


async def test_equal_versions_are_resolved_by_the_payload_whatever_the_arrival_order(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    # One instant spelt in two offsets; the payloads differ in status and name.
    one = order(updated_at="2024-07-10T10:15:00+08:00", status="paid", tags="a")
    two = order(updated_at="2024-07-10T02:15:00Z", status="refunded", tags="b", name="#1002")
    finals = []
    for index, sequence in enumerate(((one, two), (two, one))):
        async with service(config(tmp_path / str(index))) as http:
            for payload in sequence:
                assert (await deliver(http, "orders/updated", payload)).status_code == 200
            finals.append(((await state(http))["deal_properties"], await review(http)))
    assert finals[0] == finals[1]
    winner = max((one, two), key=lambda p: json.dumps(
        p, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
    assert finals[0][0]["dealname"] == f"Shopify {winner['name']}"
    assert finals[0][0]["shopify_tags"] == "a;b"  # tags merge over both, stale one included


async def test_stale_events_still_add_tags_and_old_tags_expire(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    await deliver(client, "orders/updated", order(updated_at="2024-08-20T10:00:00+08:00",
                                                  tags="vip"))
    stale = await deliver(client, "orders/updated",
                          order(updated_at="2024-08-19T10:00:00+08:00", tags="618, vip"))
    expired = await deliver(client, "orders/updated",
                            order(updated_at="2024-07-01T10:00:00+08:00", tags="old"))

    assert stale.json()["status"] == expired.json()["status"] == "stale"
    assert hubspot.deals[0]["shopify_tags"] == "618;vip"
    assert hubspot.writes()[1:] == [{"shopify_tags": "618;vip"}]


async def test_an_unknown_status_parks_the_whole_event(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    await deliver(client, "orders/create", order(status="pending"))
    response = await deliver(client, "orders/updated",
                             order(status="expired", updated_at="2024-07-11T10:00:00+08:00"))

    assert response.status_code == 200
    assert response.json()["status"] == "parked"
    assert await review(client) == [("unknown-value", "5829461287001")]
    assert len(hubspot.requests) == 1
    assert hubspot.deals[0]["dealstage"] == "contractsent"
    assert (await state(client))["version"] == "2024-07-10T02:15:00Z"


async def test_a_backwards_stage_keeps_the_stage_and_parks_a_review_item(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    await deliver(client, "orders/create", order(status="refunded"))
    back = order(status="pending", updated_at="2024-07-11T10:00:00+08:00", total="10.00")
    assert (await deliver(client, "orders/updated", back)).status_code == 200

    assert hubspot.deals[0]["dealstage"] == "closedlost"
    assert hubspot.deals[0]["amount"] == "10.00"  # the rest of the event applies
    assert await review(client) == [("transition-not-allowed", "5829461287001")]
    assert (await state(client))["version"] == "2024-07-11T02:00:00Z"


def _canonical(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[int]]:
    """Order events (some at one instant in two spellings), refunds and a delivery schedule."""
    shanghai = ZoneInfo("Asia/Shanghai")
    orders = []
    for _ in range(draw(st.integers(1, 4))):
        # Two instants only, so equal versions (the tie-break's case) are common.
        moment = datetime(2024, 7, 10, 10, draw(st.sampled_from([0, 30])), tzinfo=shanghai)
        spelt = moment.isoformat() if draw(st.booleans()) else \
            moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
        orders.append(order(
            updated_at=spelt, name=draw(st.sampled_from(["#1001", "#1001-B"])),
            total=draw(st.sampled_from(["100.00", "250.5"])),
            tags=", ".join(draw(st.sets(st.sampled_from(["vip", "618", "复购"])))),
            cancel_reason=draw(st.sampled_from([None, "customer"]))))
    refunds = [refund(rid, 5829461287001, {1: "10.00", 2: "5.25"}[rid])
               for rid in sorted(draw(st.sets(st.sampled_from([1, 2]))))]
    events = len(orders) + len(refunds)
    schedule = draw(st.permutations(list(range(events))))
    repeats = draw(st.lists(st.integers(0, events - 1), max_size=3))
    return orders, refunds, [*schedule, *repeats]


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories())
def test_any_delivery_order_converges_to_the_greatest_event(
        tmp_path: Path, history: tuple[list[dict[str, Any]], list[dict[str, Any]], list[int]],
) -> None:
    orders, refunds, schedule = history
    events = [("orders/updated", payload) for payload in orders] + \
        [("refunds/create", payload) for payload in refunds]

    async def play(fake: FakeHubSpot) -> dict[str, Any]:
        async with service(config(tmp_path / uuid.uuid4().hex)) as http:
            for index in schedule:
                topic, payload = events[index]
                answer = await deliver(http, topic, payload, event_id=f"evt-{index}")
                assert answer.status_code == 200, answer.text
            assert await review(http) == []
            return await state(http)

    with mocked_hubspot() as fake:
        saved = anyio.run(play, fake)
    winner = max(orders, key=lambda p: (
        datetime.fromisoformat(p["updated_at"].replace("Z", "+00:00")), p["id"], _canonical(p)))
    refunded = sum((Decimal(r["transactions"][0]["amount"]) for r in refunds), Decimal(0))
    assert len(fake.deals) == 1
    deal = fake.deals[0]
    assert deal["amount"] == str((Decimal(winner["total_price"]) - refunded).quantize(
        Decimal("0.01")))
    assert deal["dealname"] == f"Shopify {winner['name']}"
    assert (deal.get("shopify_cancel_reason") or None) == winner["cancel_reason"]
    tags = set().union(*({t.strip() for t in p["tags"].split(",") if t.strip()} for p in orders))
    assert deal["shopify_tags"] == ";".join(sorted(tags))
    assert saved["applied_refunds"] == [str(r["id"]) for r in refunds]
    moment = datetime.fromisoformat(winner["updated_at"].replace("Z", "+00:00"))
    assert saved["version"] == moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- refunds ---------------------------------------------------------------------------------

async def test_a_refund_before_its_order_is_parked_then_applied_once(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    early = await deliver(client, "refunds/create", refund(11, 5829461287001, "100.00", "0.5"))
    assert early.status_code == 200
    assert early.json()["status"] == "parked"
    assert await review(client) == [("awaiting-order", "5829461287001")]
    assert (await client.get("/orders/5829461287001")).status_code == 404
    assert hubspot.requests == []

    await deliver(client, "orders/create", order(total="935.005"))
    assert hubspot.deals[0]["amount"] == "834.51"  # 935.005 - 100.50, half up
    assert await review(client) == []
    assert (await state(client))["applied_refunds"] == ["11"]

    copy = await deliver(client, "refunds/create", refund(11, 5829461287001, "100.00", "0.5"))
    assert copy.json()["status"] == "duplicate"
    await deliver(client, "refunds/create", refund(12, 5829461287001, "34.505"))
    assert hubspot.deals[0]["amount"] == "800.00"
    assert hubspot.writes()[-1] == {"amount": "800.00"}
    assert (await state(client))["applied_refunds"] == ["11", "12"]


async def test_a_later_order_event_keeps_the_refunds_applied(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    await deliver(client, "orders/create", order(total="200.00"))
    await deliver(client, "refunds/create", refund(21, 5829461287001, "50.00"))
    await deliver(client, "orders/updated", order(total="200.00", status="partially_refunded",
                                                  updated_at="2024-07-12T10:00:00+08:00"))
    assert hubspot.deals[0]["amount"] == "150.00"
