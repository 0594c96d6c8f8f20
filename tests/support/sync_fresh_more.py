"""More planted sync bugs for ``tests.support.sync_fresh``, from failure modes integrators report:
a poll cursor that skips what has the cursor's own timestamp, a queue consumer that forgets a
message it sent back, refunds of cancelled orders dropped, and two systems' clocks compared as
if they were one.

Each class here is a mixin in front of the corresponding ``sync_fresh`` part (processor, Shopify
poller, queue consumer): a flavour of this module changes one thing and hands everything else on
with ``super()``. ``sync_fresh`` lists the flavours (``MORE``) beside its own and builds its
parts from both.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any

from fixtures.integrations.shop_sync.consumer import EVENT_ID_HEADER, QueueConsumer, _text
from fixtures.integrations.shop_sync.hubspot import CrmUnavailable, Written
from fixtures.integrations.shop_sync.poller import PollResult, ShopifyPoller
from fixtures.integrations.shop_sync.processing import Event, Outcome, Processor, _id
from fixtures.integrations.shop_sync.store import Plan

__all__ = ["MORE", "MoreConsumer", "MorePoller", "MoreProcessor"]

NEWEST_APPLIED = "fresh:newest-applied"  # the cursor of ``poll_skips_cursor_ties``

# flavour -> (target, what it does); every one of them is broken
MORE: dict[str, tuple[str, str]] = {
    "poll_skips_cursor_ties": (
        "fresh_poll", "keeps the newest updated_at it applied as the cursor, asks from there "
        "(inclusive) and skips, as already applied, every order whose updated_at is not after "
        "it: a second change in the cursor's second, or one made visible late, is lost"),
    "queue_nack_in_flight": (
        "fresh_queue", "marks an event id in flight on receipt, sends a message whose CRM write "
        "failed back with nack (requeue) but leaves its mark, and takes the redelivery for a "
        "copy another worker holds (acked unread)"),
    "refund_of_cancelled_dropped": (
        "fresh_sync", "a refund of an order that carries a cancellation is acknowledged and "
        "dropped (\"a cancelled order is settled by the void\")"),
    "lww_crm_updated_at": (
        "fresh_sync", "writes an update only when the CRM's updatedAt is older than the "
        "order's updated_at (\"the newer edit wins\"), comparing the CRM's clock with the "
        "shop's: a deal the CRM touched after the order changed is never updated again"),
    "future_held_back": (
        "fresh_sync", "takes an order event stamped after its own clock for a skewed source "
        "clock and acknowledges it unread (\"it will come again when it is due\"), so a "
        "platform whose clock runs ahead loses every change"),
}


def _instant(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


class MoreProcessor(Processor):
    flavour = ""

    async def handle(self, event: Event) -> Outcome:
        if self.flavour == "future_held_back" and event.topic.startswith("orders/"):
            stamp = _instant(str(event.payload.get("updated_at")))
            if stamp is not None and stamp.tzinfo is None:
                stamp = stamp.replace(tzinfo=self.zone)
            if stamp is not None and stamp > self.clock.now():
                return self._done(event, _id(event.payload, "id"), "not yet due")
        return await super().handle(event)

    async def _refund(self, event: Event) -> Outcome:
        if self.flavour == "refund_of_cancelled_dropped":
            order_id = _id(event.payload, "order_id")
            stored = self.store.order(order_id)
            if stored is not None and not self._seen(event) and (
                    stored.payload.get("cancel_reason") or stored.payload.get("cancelled_at")):
                return self._done(event, order_id, "ignored")
        return await super()._refund(event)

    async def _send(self, plan: Plan) -> Written:
        if self.flavour == "lww_crm_updated_at" and plan.objects == "deals" \
                and not plan.creating:
            touched = await self._crm_updated_at(plan.id_value)
            ours = _instant(plan.record.version)
            if touched is not None and ours is not None and touched > ours:
                # "the CRM holds a newer edit": only the key is sent
                plan = dataclasses.replace(plan, write={plan.id_property: plan.id_value})
        return await super()._send(plan)

    async def _crm_updated_at(self, key: str) -> datetime | None:
        try:
            response = await self.hubspot.client.get(
                f"/crm/v3/objects/deals/{key}", params={"idProperty": "shopify_order_id"})
        except Exception as error:
            raise CrmUnavailable(f"HubSpot could not tell: {error}") from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise CrmUnavailable(f"HubSpot answered {response.status_code}")
        return _instant(str(response.json().get("updatedAt") or ""))


class MorePoller(ShopifyPoller):
    flavour = ""
    _after: datetime | None = None
    _newest_applied: datetime | None = None

    def _window_start(self, now: datetime) -> datetime:
        if self.flavour == "poll_skips_cursor_ties":
            cursor = self.store.cursor(NEWEST_APPLIED)
            return cursor if cursor is not None else \
                now - timedelta(seconds=self.config.poll_lookback)
        return super()._window_start(now)

    async def poll(self) -> PollResult:
        if self.flavour != "poll_skips_cursor_ties":
            return await super().poll()
        self._after = self._newest_applied = self.store.cursor(NEWEST_APPLIED)
        result = await super().poll()
        if self._newest_applied is not None:  # the cursor moves only as far as what it applied
            self.store.set_cursor(NEWEST_APPLIED, self._newest_applied)
        return result

    async def _apply(self, order: dict[str, Any]) -> None:
        if self.flavour == "poll_skips_cursor_ties":
            seen = _instant(str(order.get("updated_at")))
            if seen is not None and seen.tzinfo is not None:
                if self._after is not None and seen <= self._after:
                    return  # "applied in an earlier poll"
                if self._newest_applied is None or seen > self._newest_applied:
                    self._newest_applied = seen
        await super()._apply(order)


class MoreConsumer(QueueConsumer):
    flavour = ""

    async def handle(self, channel: Any, message: Any) -> None:
        if self.flavour != "queue_nack_in_flight":
            await super().handle(channel, message)
            return
        marks: set[str] = self.__dict__.setdefault("_in_flight", set())
        failed: set[str] = self.__dict__.setdefault("_failed", set())
        event_id = _text(dict(message.headers or {}).get(EVENT_ID_HEADER)).strip()
        if event_id in marks:
            await message.ack()  # "another worker has it"
            return
        marks.add(event_id)
        await super().handle(channel, message)
        if event_id not in failed:
            marks.discard(event_id)

    async def _retry(self, channel: Any, message: Any, event_id: str, topic: str,
                     detail: str) -> None:
        if self.flavour != "queue_nack_in_flight":
            await super()._retry(channel, message, event_id, topic, detail)
            return
        self.__dict__.setdefault("_failed", set()).add(event_id)
        if not message.processed:
            await message.nack(requeue=True)  # "the broker will bring it back"
