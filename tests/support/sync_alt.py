"""A second Shopify-orders-to-HubSpot-deals webhook service, written apart from the bundled
example (``fixtures/integrations/shop_sync``), to test the sync harness on code it was not
written around.

Its correct flavours keep the deals another way than the example does: ``ledger`` (the default)
keeps every accepted order payload of a key and recomputes the deal from all of them on each
event; ``content_keyed`` does the same but dedupes accepted events by their content, not their
event id; ``serial`` handles one delivery at a time, keeps only the winning payload, and first
finishes every write a crash cut short, whichever order the delivery is about.

Its broken flavours (``ALT_SYNC_FLAVOR``) are bugs seen in real integrations, each a small edit
of the ``ledger`` flavour; ``BROKEN`` says what each one does. Only the payload mapping
(``deal_properties``) is shared with the example: the sync logic is this module's own.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import json
import os
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from fixtures.integrations.shop_sync.mapping import (
    Invalid,
    MappedDeal,
    canonical,
    deal_amount,
    deal_properties,
    join_tags,
    parse_instant,
    refund_amount,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

CORRECT = ("ledger", "content_keyed", "serial")
BROKEN = {
    "last_ids_window": "remembers only the last three event ids and adds refunds up without a "
                       "ledger of refund ids, so a refund redelivered later is counted twice",
    "partial_refund_as_full": "any refund marks the whole order refunded (amount 0.00)",
    "lww_by_trigger_time": "last writer wins by the X-Shopify-Triggered-At header (when the "
                           "platform first sent it), not by the order's updated_at",
    "wall_clock_compare": "compares updated_at as wall-clock times, dropping the UTC offset",
    "read_modify_write": "no lock per order: it reads the stored order and refunds, writes to "
                         "HubSpot, then stores what it read plus this event",
    "manual_review_written": "writes the currency (manual review after create) on every update",
    "tags_replaced": "sends the winning event's tags instead of the union over the events",
    "awaiting_review_kept": "applies a refund that came before its order, but never clears its "
                            "awaiting-order review item",
    "unknown_status_skipped": "answers 200 and does nothing for an unknown financial_status",
}
# Further bugs of kinds the example's variants do not all cover, each a small edit of ``ledger``
# (``tests.support.sync_detection`` measures how many of them the harness catches).
MORE = {
    "version_text_compare": "orders versions by the updated_at text, so 2024-07-10T10:00:05+08:00 "
                            "counts as newer than 2024-07-10T02:00:06Z (and 10 as older than 9)",
    "arrival_lww": "no version check: the payload that arrived last wins, so a stale retry "
                   "overwrites a newer update",
    "tie_by_arrival": "orders versions by updated_at alone: of two changes with equal "
                      "updated_at the one that arrived last wins",
    "null_field_kept": "an optional field that becomes null is not sent (upsert without "
                       "nulls), so HubSpot keeps the old value",
    "refund_before_order_dropped": "a refund whose order is not synced yet is acknowledged and "
                                   "forgotten",
    "refund_keyed_by_event": "refunds are keyed by their event id, so a new-id copy of a refund "
                             "is subtracted again",
    "suffix_z_unparsed": "reads updated_at with a fixed format (no fraction, offset as "
                         "+HH:MM), refusing 2024-07-10T02:15:00.000Z with 422 for ever",
}
# Bugs the harness reached only once its generator wrote one instant in several texts and two
# versions within one second, and timed out before the CRM committed (it used to time out only
# after): the name is kept from when they were missed.
GAPS = {
    "payload_fingerprint": "dedupes order events by a fingerprint of (order id, updated_at), so "
                           "of two changes in the same second the second to arrive is dropped",
    "timeout_taken_as_written": "a HubSpot timeout is taken for a write that happened",
    "second_granularity": "orders versions by whole seconds (fractions dropped), ties by payload",
}
ZONE = ZoneInfo("Asia/Shanghai")
OWNED = frozenset({"pipeline"})  # owner: target
MANUAL = frozenset({"deal_currency_code"})  # manual_review
OPTIONAL = frozenset({"dealname", "deal_currency_code", "closedate", "shopify_cancel_reason"})
TAGS_EXPIRE = timedelta(days=30)
TOPICS = frozenset({"orders/create", "orders/updated", "orders/paid", "orders/cancelled",
                    "refunds/create"})


class NotWritten(Exception):
    """HubSpot did not (certainly) take the write: answer 503 so Shopify delivers again."""


@dataclass
class Order:
    """What the service knows of one order."""

    payloads: dict[str, dict[str, Any]] = field(default_factory=dict)  # dedupe key -> payload
    written: dict[str, str] | None = None  # what HubSpot holds from us; None: nothing yet
    refunds: dict[str, Decimal] = field(default_factory=dict)  # refund id -> amount
    create_uncertain: bool = False
    tags: dict[str, datetime] | None = None  # (serial) tag -> newest instant carrying it
    plan: tuple[str, Order] | None = None  # (event id, the order as written) while writing


class Service:
    def __init__(self, flavor: str, crm_url: str, token: str, secret: str) -> None:
        self.flavor, self.secret = flavor, secret
        self.crm = httpx.AsyncClient(base_url=crm_url, timeout=2.0,
                                     headers={"Authorization": f"Bearer {token}"})
        self.locks: dict[str, asyncio.Lock] = {}
        self.serial = asyncio.Lock()
        self.reset()

    def reset(self) -> None:
        self.orders: dict[str, Order] = {}
        self.seen: set[str] = set()
        self.recent: deque[str] = deque(maxlen=3)
        self.review: list[dict[str, str]] = []
        self.parked: set[str] = set()  # event ids parked for review
        self.waiting: dict[str, dict[str, Decimal]] = {}  # order id -> refunds before it
        self.locks.clear()
        self.arrivals = 0

    # --- HubSpot --------------------------------------------------------------------------

    async def _post(self, path: str, body: dict[str, Any]) -> httpx.Response:
        for _ in range(4):
            try:
                response = await self.crm.post(path, json=body)
            except httpx.TimeoutException:
                if self.flavor == "timeout_taken_as_written":
                    return httpx.Response(200, json={"results": []})
                raise NotWritten("HubSpot timed out") from None
            except httpx.TransportError as error:
                raise NotWritten(f"HubSpot unreachable: {error}") from None
            if response.status_code == 429:
                await asyncio.sleep(min(float(response.headers.get("Retry-After") or 0), 1.0))
                continue
            if response.status_code >= 500:
                raise NotWritten(f"HubSpot answered {response.status_code}")
            if response.status_code >= 400:
                raise NotWritten(f"HubSpot refused the write ({response.status_code})")
            return response
        raise NotWritten("HubSpot kept answering 429")

    async def upsert(self, key: str, properties: dict[str, str]) -> None:
        response = await self._post("/crm/v3/objects/deals/batch/upsert", {"inputs": [
            {"id": key, "idProperty": "shopify_order_id", "properties": properties}]})
        if response.status_code == 207 and response.json().get("errors"):
            raise NotWritten("HubSpot did not write the deal (207)")

    async def exists(self, key: str) -> bool:
        try:
            response = await self.crm.get(f"/crm/v3/objects/deals/{key}", params={
                "idProperty": "shopify_order_id", "properties": "shopify_order_id"})
        except httpx.HTTPError as error:
            raise NotWritten(f"HubSpot could not tell: {error}") from None
        if response.status_code not in (200, 404):
            raise NotWritten(f"HubSpot answered {response.status_code}")
        return response.status_code == 200

    # --- versions ---------------------------------------------------------------------------

    def instant(self, payload: dict[str, Any]) -> datetime:
        moment = parse_instant(payload.get("updated_at"), ZONE)
        if self.flavor == "wall_clock_compare":
            raw = datetime.fromisoformat(str(payload["updated_at"]).replace("Z", "+00:00"))
            return raw.replace(tzinfo=UTC)
        if self.flavor == "second_granularity":
            return moment.replace(microsecond=0)
        if self.flavor == "suffix_z_unparsed":
            text = str(payload["updated_at"])
            try:
                datetime.strptime(text.replace("Z", "+00:00"), "%Y-%m-%dT%H:%M:%S%z")
            except ValueError:
                raise Invalid(f"bad updated_at {text!r}") from None
        return moment

    def order_key(self, payload: dict[str, Any]) -> tuple[Any, ...]:
        if self.flavor == "lww_by_trigger_time":
            return (payload["_triggered"],)
        if self.flavor == "version_text_compare":
            return (str(payload.get("updated_at")), canonical(payload))
        if self.flavor == "arrival_lww":
            return (payload["_arrived"],)
        if self.flavor == "tie_by_arrival":
            return (self.instant(payload),)  # a stable sort keeps arrival order on ties
        return (self.instant(payload), payload.get("id"), canonical(payload))

    # --- the deal, from everything accepted ---------------------------------------------------

    def desired(self, order: Order) -> tuple[dict[str, str], MappedDeal]:
        payloads = sorted(order.payloads.values(), key=self.order_key)
        winner = payloads[-1]
        deal = deal_properties(winner, ZONE)
        newest = self.instant(winner)
        stamps = self.tag_stamps(payloads if self.flavor != "tags_replaced" else [winner]) \
            if order.tags is None else order.tags
        wanted = dict(deal.properties)
        wanted["shopify_tags"] = join_tags({t for t, s in stamps.items()
                                            if newest - s <= TAGS_EXPIRE})
        wanted["amount"] = self.amount(deal, order)
        return wanted, deal

    def tag_stamps(self, payloads: Any, known: dict[str, datetime] | None = None,
                   ) -> dict[str, datetime]:
        stamps = dict(known or {})
        for payload in payloads:
            moment = self.instant(payload)
            for tag in deal_properties(payload, ZONE).tags:
                stamps[tag] = max(stamps.get(tag, moment), moment)
        return stamps

    def amount(self, deal: MappedDeal, order: Order) -> str:
        if order.refunds and self.flavor == "partial_refund_as_full":
            return "0.00"
        return deal_amount(deal.total, list(order.refunds.values()))

    async def sync(self, key: str, order: Order, event_id: str) -> None:
        """Write to HubSpot what differs from what it holds from us."""
        wanted, _ = self.desired(order)
        before = order.written
        creating = before is None
        if creating and order.create_uncertain and await self.exists(key):
            creating, before = False, {}
        if creating:
            change = wanted
        else:
            assert before is not None
            for name in OPTIONAL - wanted.keys():
                if before.get(name) and self.flavor != "null_field_kept":
                    wanted[name] = ""
            change = {k: v for k, v in wanted.items()
                      if before.get(k) != v and k not in OWNED}
            if self.flavor != "manual_review_written":
                for name in MANUAL & change.keys():
                    if name in before:
                        self.review.append({"event_id": event_id, "key": key,
                                            "reason": "manual-review"})
                    del change[name]
        if change:
            # written ahead: a create whose answer is lost may have happened all the same
            order.create_uncertain = order.create_uncertain or creating
            await self.upsert(key, {"shopify_order_id": key, **change})
        order.written = {**(before or {}), **change}

    async def apply(self, key: str, order: Order, trial: Order, event_id: str) -> None:
        """Write ``trial`` to HubSpot, then keep it as the order. The plan is kept first: when
        the write fails or the process dies half way, the next event of the order finishes it."""
        order.plan = (event_id, trial)
        self.orders.setdefault(key, order)
        if self.flavor == "timeout_taken_as_written":
            order.plan = None
        await self.sync(key, trial, event_id)
        order.payloads, order.written, order.refunds = trial.payloads, trial.written, \
            trial.refunds
        order.tags, order.create_uncertain, order.plan = trial.tags, False, None
        self.done(event_id)
        if key in self.waiting and trial.written is not None and \
                set(self.waiting[key]) <= set(trial.refunds):
            del self.waiting[key]
            if self.flavor != "awaiting_review_kept":
                self.review = [i for i in self.review
                               if (i["key"], i["reason"]) != (key, "awaiting-order")]

    async def recover(self, key: str) -> None:
        order = self.orders.get(key)
        if order is not None and order.plan is not None:
            event_id, trial = order.plan
            await self.apply(key, order, trial, event_id)

    # --- events -------------------------------------------------------------------------------

    async def handle(self, event_id: str, topic: str, payload: dict[str, Any],
                     triggered: str) -> str:
        key = str(payload.get("order_id") if topic == "refunds/create" else payload.get("id"))
        if self.flavor == "serial":
            async with self.serial:
                return await self._handle(key, event_id, topic, payload, triggered)
        if self.flavor == "read_modify_write":
            return await self._handle(key, event_id, topic, payload, triggered)
        async with self.locks.setdefault(key, asyncio.Lock()):
            return await self._handle(key, event_id, topic, payload, triggered)

    def duplicate(self, event_id: str) -> bool:
        if self.flavor == "last_ids_window":
            return event_id in self.recent
        return self.flavor != "content_keyed" and event_id in self.seen

    def known(self, event_id: str, topic: str, payload: dict[str, Any]) -> bool:
        """Whether the event's content is already applied (a refund id, an order payload)."""
        key = str(payload.get("order_id") if topic == "refunds/create" else payload.get("id"))
        order = self.orders.get(key)
        if self.flavor != "content_keyed":
            return False
        if topic == "refunds/create":
            return str(payload.get("id")) in {*self.waiting.get(key, {}),
                                              *(order.refunds if order else {})}
        if event_id in self.parked:  # parked per event: a new-id copy is parked again
            return True
        if order is None:
            return False
        return self.dedupe_key(event_id, payload) in order.payloads

    def done(self, event_id: str) -> None:
        self.seen.add(event_id)
        self.recent.append(event_id)

    async def _handle(self, key: str, event_id: str, topic: str, payload: dict[str, Any],
                      triggered: str) -> str:
        if self.flavor == "serial":  # first finish what a crash left of other orders
            for other in [k for k, o in self.orders.items() if o.plan and k != key]:
                with contextlib.suppress(NotWritten):  # it stays for a later delivery
                    await self.recover(other)
        if self.duplicate(event_id) or self.known(event_id, topic, payload):
            return "duplicate"
        await self.recover(key)
        if self.duplicate(event_id):
            return "duplicate"  # the plan just finished was this event's
        if topic == "refunds/create":
            outcome = await self.refund(event_id, payload)
        else:
            outcome = await self.order(event_id, payload, triggered)
        self.done(event_id)
        return outcome

    def dedupe_key(self, event_id: str, payload: dict[str, Any]) -> str:
        if self.flavor == "payload_fingerprint":
            return hashlib.sha1(f"{payload.get('id')}|{payload.get('updated_at')}".encode(),
                                usedforsecurity=False).hexdigest()
        if self.flavor == "content_keyed":
            return canonical(payload)
        return event_id

    async def order(self, event_id: str, payload: dict[str, Any], triggered: str) -> str:
        deal = deal_properties(payload, ZONE)
        self.instant(payload)  # unreadable versions are refused before anything is kept
        key = deal.key
        if deal.stage is None:
            if self.flavor == "unknown_status_skipped":
                return "skipped"
            if not any(i["event_id"] == event_id for i in self.review):
                self.review.append({"event_id": event_id, "key": key,
                                    "reason": "unknown-value"})
                self.parked.add(event_id)
            return "parked"
        order = self.orders.get(key) or Order()
        dedupe = self.dedupe_key(event_id, payload)
        if dedupe in order.payloads:
            return "duplicate"
        if self.flavor == "lww_by_trigger_time":
            payload = {**payload, "_triggered": triggered}
        if self.flavor == "arrival_lww":
            self.arrivals += 1
            payload = {**payload, "_arrived": self.arrivals}
        trial = Order({**order.payloads, dedupe: payload}, order.written,
                      {**order.refunds, **self.waiting.get(key, {})}, order.create_uncertain)
        if self.flavor == "serial":  # keep the winner and each tag's newest instant only
            trial.payloads = {"winner": max((payload, *order.payloads.values()),
                                            key=self.order_key)}
            trial.tags = self.tag_stamps([payload], order.tags)
        if self.flavor == "read_modify_write":
            await asyncio.sleep(0)  # (no lock: another delivery of the order may run now)
        await self.apply(key, order, trial, event_id)
        return "applied"

    async def refund(self, event_id: str, payload: dict[str, Any]) -> str:
        amount = refund_amount(payload)
        refund_id, key = str(payload.get("id")), str(payload.get("order_id"))
        order = self.orders.get(key)
        if self.flavor == "refund_keyed_by_event":
            refund_id = event_id
        if (order is None or order.written is None) and \
                self.flavor == "refund_before_order_dropped":
            return "no order yet"
        if order is None or order.written is None:
            waiting = self.waiting.setdefault(key, {})
            if refund_id not in waiting:
                waiting[refund_id] = amount
                self.review.append({"event_id": event_id, "key": key,
                                    "reason": "awaiting-order"})
            return "parked"
        if refund_id in order.refunds:
            if self.flavor != "last_ids_window":
                return "duplicate"
            refund_id = f"{refund_id}+{event_id}"  # no ledger: the window is the only dedupe
        known = dict(order.refunds)
        if self.flavor == "read_modify_write":
            await asyncio.sleep(0)  # (no lock: another refund of the order may run now)
        trial = Order(order.payloads, order.written, {**known, refund_id: amount},
                      order.create_uncertain, order.tags)
        await self.apply(key, order, trial, event_id)
        return "applied"


def _signed(secret: str, body: bytes, header: str | None) -> bool:
    digest = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()
    return header is not None and hmac.compare_digest(digest, header.strip())


def create_app() -> Starlette:
    """The service, configured by ``ALT_SYNC_*`` environment variables."""
    flavor = os.environ.get("ALT_SYNC_FLAVOR") or "ledger"
    if flavor not in CORRECT and flavor not in BROKEN and flavor not in GAPS \
            and flavor not in MORE:
        raise ValueError(f"unknown ALT_SYNC_FLAVOR {flavor!r}")
    service = Service(flavor, os.environ["ALT_SYNC_HUBSPOT_URL"],
                      os.environ.get("ALT_SYNC_HUBSPOT_TOKEN", "token"),
                      os.environ["ALT_SYNC_WEBHOOK_SECRET"])

    async def webhook(request: Request) -> Response:
        body = await request.body()
        if not _signed(service.secret, body, request.headers.get("X-Shopify-Hmac-Sha256")):
            return JSONResponse({"error": "bad signature"}, status_code=401)
        topic = request.headers.get("X-Shopify-Topic", "")
        event_id = request.headers.get("X-Shopify-Event-Id", "")
        if topic not in TOPICS or not event_id:
            return JSONResponse({"error": "unknown topic or no event id"}, status_code=400)
        try:
            payload = json.loads(body)
        except ValueError:
            return JSONResponse({"error": "not JSON"}, status_code=400)
        if not isinstance(payload, dict):
            return JSONResponse({"error": "not an object"}, status_code=422)
        try:
            outcome = await service.handle(event_id, topic, payload,
                                           request.headers.get("X-Shopify-Triggered-At", ""))
        except Invalid as error:
            return JSONResponse({"error": str(error)}, status_code=422)
        except NotWritten as error:
            return JSONResponse({"error": str(error)}, status_code=503,
                                headers={"Retry-After": "1"})
        return JSONResponse({"status": outcome})

    async def review(request: Request) -> Response:
        return JSONResponse({"items": service.review})

    async def reset(request: Request) -> Response:
        service.reset()
        return JSONResponse({"status": "reset"})

    return Starlette(routes=[Route("/webhooks/shopify", webhook, methods=["POST"]),
                             Route("/review-queue", review),
                             Route("/admin/reset", reset, methods=["POST"])])


TARGET = """[tool.seamguard.sync.targets.alt_sync]
app = "tests.support.sync_alt:create_app"
mappings = ["shopify-order-to-hubspot-deal"]
profile = "shopify"
webhook_path = "/webhooks/shopify"
secret_default = "alt-sync-secret"
reset = "/admin/reset"
review_queue = "/review-queue"

[tool.seamguard.sync.targets.alt_sync.env]
ALT_SYNC_FLAVOR = "{variant}"
ALT_SYNC_HUBSPOT_URL = "{crm_url}"
ALT_SYNC_HUBSPOT_TOKEN = "seamguard-test-token"
ALT_SYNC_WEBHOOK_SECRET = "{secret}"

"""


def add_target(project: Path) -> None:
    """Add the ``alt_sync`` target (this service, no record-state endpoint, no clock hook) to
    a copy of the example project."""
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace("[tool.ruff]", TARGET + "[tool.ruff]"), encoding="utf-8")
