"""Planted sync bugs of the kinds real integrations have, across webhooks, polling and RabbitMQ,
and how many of them the harness catches without failing a correct service.

Each flavour is one part of the example shop-sync service (``fixtures/integrations/shop_sync``)
replaced by another implementation (``create_app`` injects it): the event processor, the
Shopify poller or the queue consumer. The broken ones carry one bug each, the correct ones are
other correct ways to write the same part. A flavour runs through the sync target of its
transport (``fresh_sync``, ``fresh_poll``, ``fresh_queue``: the example's targets with this
factory), under the given seeds and budget, as ``seamguard sync test --seed S -n N`` would::

    python -m tests.support.sync_fresh                     # seeds 1 2, 60 examples
    python -m tests.support.sync_fresh --seeds 5 6 --only poll_cursor_now queue_dedupe_first

It prints one line per flavour and seed, then ``detected: D/B, missed: M, false alarms: F/C``,
and exits 0 when every broken flavour is detected and no correct one fails. The queue flavours
need RabbitMQ at 127.0.0.1:5672 (guest/guest).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import os
import sys
import tempfile
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fixtures.integrations.shop_sync.app import create_app as create_example_app
from fixtures.integrations.shop_sync.consumer import QueueConsumer
from fixtures.integrations.shop_sync.hubspot import CrmRejected, CrmUnavailable, Written
from fixtures.integrations.shop_sync.mapping import (
    canonical,
    deal_amount,
    deal_properties,
    join_tags,
    money,
    refund_amount,
)
from fixtures.integrations.shop_sync.poller import (
    CURSOR,
    ORDERS,
    PollResult,
    ShopifyPoller,
    SourceUnavailable,
)
from fixtures.integrations.shop_sync.processing import Event, Outcome, Processor, _id
from fixtures.integrations.shop_sync.store import Plan, Record
from starlette.applications import Starlette

from tests.support.sync_fresh_more import MORE, MoreConsumer, MorePoller, MoreProcessor

__all__ = ["FLAVOURS", "add_targets", "create_app", "main"]

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Flavour:
    target: str  # fresh_sync | fresh_poll | fresh_queue
    broken: bool
    what: str


FLAVOURS: dict[str, Flavour] = {
    # --- correct: other ways to get it right ------------------------------------------------
    "webhook_example": Flavour("fresh_sync", False, "the example's processor, unchanged"),
    "poll_example": Flavour("fresh_poll", False, "the example's poller, unchanged"),
    "queue_example": Flavour("fresh_queue", False, "the example's consumer, unchanged"),
    "queue_dedupe_first": Flavour(
        "fresh_queue", False, "at least once with its own dedupe: a message whose event id "
        "is already processed is acked before anything else; ack only after the commit"),
    "poll_seen_cache": Flavour(
        "fresh_poll", False, "remembers the versions it applied and skips a version read "
        "again before handing it on"),
    "poll_safety_margin": Flavour(
        "fresh_poll", False, "re-reads five minutes before the last poll's end, a margin over "
        "the platform's two-minute write lag"),
    # --- broken: webhooks (and every transport that reaches the processor) -----------------
    "version_unpadded_text": Flavour(
        "fresh_sync", True, "versions compared as text written without zero padding "
        "(2024-7-10 2:0:9 > 2024-7-10 2:0:10, as \"9\" > \"10\")"),
    "skew_clamped_to_now": Flavour(
        "fresh_sync", True, "an updated_at ahead of the service's clock is taken for a "
        "skewed clock and clamped to now, so two such versions tie and arrival decides"),
    "refund_relative": Flavour(
        "fresh_sync", True, "a refund is written as the CRM's current amount less the refund "
        "(a relative side effect), so a delivery again after a crash subtracts it twice"),
    "refund_after_shipment_dropped": Flavour(
        "fresh_sync", True, "a refund of an order already fulfilled is acknowledged and "
        "dropped (\"shipped orders are settled by the warehouse\")"),
    "stale_state_applied": Flavour(
        "fresh_sync", True, "an older event is applied when its status differs from the "
        "stored one (\"a status change is news\"), so an out-of-order webhook brings an "
        "older state back"),
    "lww_received_at": Flavour(
        "fresh_sync", True, "last writer wins by the time the service received the event "
        "(its own clock), not by the event's version"),
    "naive_version_as_utc": Flavour(
        "fresh_sync", True, "compares versions reading an updated_at without offset (China "
        "time) as UTC, so a naive version counts eight hours later than it is"),
    "stale_tags_ignored": Flavour(
        "fresh_sync", True, "a stale event is dropped whole, so the tags it carries are never "
        "merged (merge_set takes the union over every event, stale ones included)"),
    "tags_from_event_only": Flavour(
        "fresh_sync", True, "an update writes the tags of its own event, not the union the "
        "record has collected"),
    "too_old_dropped": Flavour(
        "fresh_sync", True, "an order event whose updated_at is more than an hour behind the "
        "service's clock is taken for a replay and acknowledged unread, so a platform retry "
        "hours later is lost"),
    # --- broken: polling -------------------------------------------------------------------
    "poll_cursor_now": Flavour(
        "fresh_poll", True, "the next window starts at the time the last poll ran (one "
        "second back for ties): a version committed during that poll with an earlier "
        "updated_at, or made visible late, is never read"),
    "poll_keyset_ties": Flavour(
        "fresh_poll", True, "pages by keyset (updated_at_min = the page's last updated_at) "
        "and drops what has that updated_at again, losing an order tied with a page's last"),
    "poll_cursor_china_as_utc": Flavour(
        "fresh_poll", True, "the cursor is kept as China wall-clock time and read back as "
        "UTC, so each window starts eight hours after the last one ended"),
    "poll_partial_commit": Flavour(
        "fresh_poll", True, "a poll that fails half way commits what it did and moves the "
        "cursor to now (\"the batch went through, mostly\"): the unread pages are lost"),
    # --- broken: queues --------------------------------------------------------------------
    "queue_refund_resent": Flavour(
        "fresh_queue", True, "the relative refund write of ``refund_relative`` behind a "
        "queue: a redelivered refund is subtracted again"),
    "queue_ack_then_compensate": Flavour(
        "fresh_queue", True, "acks on receipt and compensates a failed CRM write through the "
        "retry queue, so a crash before the write loses the event"),
    "queue_poison_cycled": Flavour(
        "fresh_queue", True, "an unreadable message goes to the retry queue with no count, "
        "so it cycles for ever and nobody is told"),
}

# Further broken flavours (``tests.support.sync_fresh_more``): a cursor that skips its own
# second, a nacked message forgotten, refunds of cancelled orders dropped, two clocks compared.
FLAVOURS.update({name: Flavour(target, True, what) for name, (target, what) in MORE.items()})


def _flavour() -> str:
    name = os.environ.get("FRESH_SYNC_FLAVOR", "")
    if name not in FLAVOURS:
        raise ValueError(f"unknown FRESH_SYNC_FLAVOR {name!r}; one of {', '.join(FLAVOURS)}")
    return name


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _unpadded(moment: datetime) -> str:
    m = moment.astimezone(UTC)
    return f"{m.year}-{m.month}-{m.day} {m.hour}:{m.minute}:{m.second}.{m.microsecond}"


class FreshProcessor(Processor):
    """The example's processor with one of this module's bugs."""

    flavour = ""

    def _newer(self, stored: Record | None, instant: datetime, payload: dict[str, Any]) -> bool:
        if stored is None:
            return True
        before = _instant(stored.version)
        if self.flavour == "version_unpadded_text":
            return _unpadded(instant) > _unpadded(before)
        if self.flavour == "skew_clamped_to_now":
            now = self.clock.now()
            return min(instant, now) >= min(before, now)
        if self.flavour == "lww_received_at":
            received = self.clock.now()  # the stored one was received earlier, or just now
            return received >= _instant(stored.extra.get("received", stored.version))
        if self.flavour == "naive_version_as_utc":
            def as_utc(text: Any) -> datetime:
                moment = _instant(str(text))
                return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            return as_utc(payload.get("updated_at")) > as_utc(stored.payload.get("updated_at"))
        if self.flavour == "stale_state_applied" and \
                payload.get("financial_status") != stored.payload.get("financial_status"):
            return True
        return super()._newer(stored, instant, payload)

    async def handle(self, event: Event) -> Outcome:
        if self.flavour == "too_old_dropped" and event.topic.startswith("orders/"):
            with contextlib.suppress(Exception):
                instant = _instant(str(event.payload.get("updated_at")))
                if instant.tzinfo is None:
                    instant = instant.replace(tzinfo=self.zone)
                if self.clock.now() - instant > timedelta(hours=1):
                    return self._done(event, _id(event.payload, "id"), "too old")
        return await super().handle(event)

    async def _stale_order(self, event: Event, stored: Record,
                           tags: dict[str, str]) -> Outcome:
        if self.flavour == "stale_tags_ignored":
            return self._done(event, stored.key, "stale")
        return await super()._stale_order(event, stored, tags)

    async def _send(self, plan: Plan) -> Written:
        if self.flavour == "tags_from_event_only" and not plan.creating and \
                "shopify_tags" in plan.write:
            own = deal_properties(plan.record.payload, self.zone).tags
            plan = dataclasses.replace(plan, write={**plan.write,
                                                    "shopify_tags": join_tags(set(own))})
        return await super()._send(plan)

    async def _refund(self, event: Event) -> Outcome:
        if self.flavour not in ("refund_relative", "queue_refund_resent",
                                "refund_after_shipment_dropped"):
            return await super()._refund(event)
        payload = event.payload
        refund_id, order_id = _id(payload, "id"), _id(payload, "order_id")
        amount = refund_amount(payload)
        async with self._hold(f"order:{order_id}"):
            if self._seen(event):
                return Outcome("duplicate", order_id)
            await self._recover("deals", order_id)
            refunds = self.store.refunds_of(order_id)
            if refund_id in refunds:
                return self._done(event, order_id, "duplicate")
            stored = self.store.order(order_id)
            if stored is None:
                with self.store.transaction() as tx:
                    self._mark(tx, event, order_id, "parked")
                    tx.refund(refund_id, order_id, str(amount))
                    tx.review(event.event_id, event.topic, order_id, "awaiting-order")
                return Outcome("parked", order_id, "awaiting-order")
            if self.flavour == "refund_after_shipment_dropped" and \
                    stored.payload.get("fulfillment_status") == "fulfilled":
                return self._done(event, order_id, "ignored")
            if self.flavour == "refund_after_shipment_dropped":
                total = money(stored.payload.get("total_price"), "total_price")
                value = deal_amount(total, [*map(Decimal, refunds.values()), amount])
            else:
                current = await self._crm_amount(order_id)
                value = str((current - amount).quantize(Decimal("0.01")))
            await self.hubspot.upsert("deals", "shopify_order_id", order_id, {"amount": value})
            record = Record(key=order_id, version=stored.version, payload=stored.payload,
                            properties={**stored.properties, "amount": value},
                            extra=stored.extra, revision=stored.revision + 1)
            with self.store.transaction() as tx:
                self._mark(tx, event, order_id, "processed")
                tx.refund(refund_id, order_id, str(amount))
                tx.order(record, stored.revision)
            return Outcome("processed", order_id)

    async def _crm_amount(self, order_id: str) -> Decimal:
        try:
            response = await self.hubspot.client.get(
                f"/crm/v3/objects/deals/{order_id}",
                params={"idProperty": "shopify_order_id", "properties": "amount"})
        except Exception as error:
            raise CrmUnavailable(f"HubSpot could not tell the amount: {error}") from None
        if response.status_code != 200:
            raise CrmUnavailable(f"HubSpot answered {response.status_code}")
        return Decimal(str(response.json()["properties"].get("amount") or "0"))


class FreshPoller(ShopifyPoller):
    """The example's poller with one of this module's bugs (or another correct way)."""

    flavour = ""

    def _window_start(self, now: datetime) -> datetime:
        cursor = self.store.cursor(CURSOR)
        if cursor is not None and self.flavour == "poll_safety_margin":
            return cursor - timedelta(minutes=5)
        if cursor is not None and self.flavour == "poll_cursor_now":
            return cursor - timedelta(seconds=1)
        if cursor is not None and self.flavour == "poll_cursor_china_as_utc":
            wall = (cursor - timedelta(seconds=self.config.poll_overlap)).astimezone(SHANGHAI)
            return wall.replace(tzinfo=UTC)
        return super()._window_start(now)

    async def poll(self) -> PollResult:
        if self.flavour == "poll_keyset_ties":
            return await self._keyset_poll()
        if self.flavour != "poll_partial_commit":
            return await super().poll()
        try:
            return await super().poll()
        except (SourceUnavailable, CrmUnavailable, CrmRejected):
            self.store.set_cursor(CURSOR, self.clock.now())  # "what went through is done"
            return PollResult(partial=True)

    async def _keyset_poll(self) -> PollResult:
        now = self.clock.now()
        start = self._window_start(now)
        last: str | None = None
        pages = 0
        while True:
            response = await self.client.get(ORDERS, params={
                "updated_at_min": start.isoformat(), "limit": self.config.poll_page_size,
                "status": "any", "order": "updated_at asc"})
            if response.status_code >= 400:
                raise SourceUnavailable(f"Shopify answered {response.status_code}")
            pages += 1
            page = [o for o in response.json().get("orders") or []
                    if last is None or _instant(str(o.get("updated_at"))) > _instant(last)]
            for order in page:
                await self._apply(order)
            if len(response.json().get("orders") or []) < self.config.poll_page_size or \
                    not page:
                break
            last = str(page[-1].get("updated_at"))
            start = _instant(last)
        self.store.set_cursor(CURSOR, now)
        return PollResult(pages=pages)

    async def _apply(self, order: dict[str, Any]) -> None:
        if self.flavour == "poll_seen_cache":
            # the version's name as the example gives it: skip one its store already holds
            digest = hashlib.sha256(canonical(order).encode()).hexdigest()[:16]
            if self.store.seen(f"poll:{order.get('id')}@{order.get('updated_at')}#{digest}"):
                return
        await super()._apply(order)


_CHANNEL: ContextVar[Any] = ContextVar("fresh_channel", default=None)


class FreshConsumer(QueueConsumer):
    """The example's consumer with one of this module's bugs (or another correct way)."""

    flavour = ""

    async def handle(self, channel: Any, message: Any) -> None:
        from fixtures.integrations.shop_sync.consumer import EVENT_ID_HEADER, _text

        _CHANNEL.set(channel)
        event_id = _text(dict(message.headers or {}).get(EVENT_ID_HEADER)).strip()
        if self.flavour == "queue_dedupe_first" and event_id and self.store.seen(event_id):
            await message.ack()
            return
        if self.flavour == "queue_ack_then_compensate":
            await message.ack()  # "received"; a failed write goes to the retry queue below
        await super().handle(channel, message)

    async def _dead_letter(self, message: Any, event_id: str, topic: str, reason: str,
                           detail: str) -> None:
        if self.flavour == "queue_poison_cycled" and reason == "unreadable":
            import aio_pika

            channel = _CHANNEL.get()
            with contextlib.suppress(Exception):
                await channel.default_exchange.publish(  # "it may read later": no count
                    aio_pika.Message(message.body, headers=dict(message.headers or {}),
                                     message_id=message.message_id),
                    routing_key=self.config.retry_queue)
            if not message.processed:
                await message.ack()
            return
        await super()._dead_letter(message, event_id, topic, reason, detail)


def create_app() -> Starlette:
    """The example service with this module's flavour (``FRESH_SYNC_FLAVOR``) of one part."""
    flavour = _flavour()
    processor = type("Processor", (MoreProcessor, FreshProcessor), {"flavour": flavour})
    poller = type("Poller", (MorePoller, FreshPoller), {"flavour": flavour})
    consumer = type("Consumer", (MoreConsumer, FreshConsumer), {"flavour": flavour})
    return create_example_app(processor_class=processor, poller_class=poller,
                              consumer_class=consumer)


def add_targets(root: Path) -> None:
    """Add ``fresh_sync``, ``fresh_poll`` and ``fresh_queue`` (the example's ``shop_sync``,
    ``shop_poll`` and ``shop_queue`` with this module's factory) to a copy of the example."""
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    added = []
    for fresh, example in (("fresh_sync", "shop_sync"), ("fresh_poll", "shop_poll"),
                           ("fresh_queue", "shop_queue")):
        added.append(_copy_target(text, example, fresh))
    pyproject.write_text(text.replace("[tool.ruff]", "".join(added) + "[tool.ruff]"),
                         encoding="utf-8")


def _copy_target(text: str, example: str, fresh: str) -> str:
    head = f"[tool.seamguard.sync.targets.{example}]"
    start = text.index(head)
    lines = text[start:].splitlines()
    body: list[str] = []
    for number, line in enumerate(lines):
        if number and line.startswith("[") and not line.startswith(head[:-1] + "."):
            break
        body.append(line)
    copied = "\n".join(body).replace(f"targets.{example}", f"targets.{fresh}")
    copied = copied.replace('"fixtures.integrations.shop_sync.app:create_app"',
                            '"tests.support.sync_fresh:create_app"')
    copied = "\n".join(line for line in copied.splitlines()
                       if not line.startswith(("SHOP_SYNC_VARIANT", "variant")))
    env = f"[tool.seamguard.sync.targets.{fresh}.env]"
    return copied.replace(env, env + '\nFRESH_SYNC_FLAVOR = "{variant}"') + "\n\n"


@dataclass(frozen=True)
class Verdict:
    flavour: str
    seed: int
    broken: bool
    failed: str | None

    @property
    def right(self) -> bool:
        return (self.failed is not None) == self.broken

    def line(self) -> str:
        if self.broken:
            verdict = f"detected ({self.failed})" if self.failed else "MISSED"
        else:
            verdict = "ok" if self.failed is None else f"FALSE ALARM ({self.failed})"
        return f"{self.flavour:32} seed {self.seed}: {verdict}"


def detect(root: Path, flavour: str, seed: int, examples: int) -> Verdict:
    """Run one flavour under one seed on a project holding the fresh targets."""
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.project import find_project
    from seamguard.sync.harness import SyncHarness

    spec = FLAVOURS[flavour]
    project = find_project(root, explicit=True)
    made = SyncHarness(project, ContractCatalog(project), spec.target, examples=examples,
                       seed=seed, variant=flavour)
    made.shrink_budget = 20
    result = made.run(replay_regressions=False)
    failed = result.failures[0].violation.property if result.failures else None
    return Verdict(flavour, seed, spec.broken, failed)


def main(argv: list[str] | None = None) -> int:
    from tests.support.projects import copy_example

    parser = argparse.ArgumentParser(prog="python -m tests.support.sync_fresh")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--examples", type=int, default=60)
    parser.add_argument("--only", nargs="+", default=None, choices=list(FLAVOURS),
                        help="these flavours only")
    args = parser.parse_args(argv)
    chosen = [f for f in FLAVOURS if args.only is None or f in args.only]
    outcomes: list[Verdict] = []
    with tempfile.TemporaryDirectory(prefix="sync-fresh-") as folder:
        root = copy_example(Path(folder) / "example")
        add_targets(root)
        for flavour in chosen:
            for seed in args.seeds:
                outcome = detect(root, flavour, seed, args.examples)
                outcomes.append(outcome)
                print(outcome.line(), flush=True)
    broken = [o for o in outcomes if o.broken]
    correct = [o for o in outcomes if not o.broken]
    detected = sum(o.right for o in broken)
    alarms = sum(not o.right for o in correct)
    print(f"detected: {detected}/{len(broken)}, missed: {len(broken) - detected}, "
          f"false alarms: {alarms}/{len(correct)}")
    return 0 if all(o.right for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
