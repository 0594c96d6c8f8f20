"""Python-object sync targets for the sync-property tests (``object = "module:factory"``)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

# Set by the tests when they end: a blocked call then returns, so no thread outlives its test.
RELEASE = threading.Event()


class Hanging:
    """A system under test that never answers a delivery."""

    def reset(self) -> None:
        pass

    async def deliver(self, event: Any) -> int:
        await asyncio.Event().wait()  # nobody sets it: the harness deadline must end this
        return 200

    def state(self) -> dict[str, Any]:
        return {"review": [], "records": {}}


def hanging() -> Hanging:
    return Hanging()


class Misbehaving:
    """A system under test whose answers are not what the object protocol asks for."""

    def __init__(self, status: Any = 200, state: Any = None, hangs: bool = False) -> None:
        self.status, self.answer, self.hangs = status, state, hangs

    def reset(self) -> None:
        pass

    async def deliver(self, event: Any) -> Any:
        return self.status

    async def state(self) -> Any:
        if self.hangs:
            await asyncio.Event().wait()  # nobody sets it: the harness deadline must end this
        return self.answer


def says_ok() -> Misbehaving:
    return Misbehaving(status="ok")


def state_is_text() -> Misbehaving:
    return Misbehaving(state="nope")


def state_hangs() -> Misbehaving:
    return Misbehaving(hangs=True)


class Blocking:
    """A system under test written without async whose one method blocks its thread for good
    (a lock never released, a socket read without a timeout)."""

    def __init__(self, blocks: str) -> None:
        self.blocks = blocks
        self.calls = 0

    def _maybe_block(self, name: str) -> None:
        if name == self.blocks:
            RELEASE.wait()

    def reset(self) -> None:
        self._maybe_block("reset")

    def deliver(self, event: Any) -> int:
        self.calls += 1
        self._maybe_block("deliver")
        return 200

    def state(self) -> dict[str, Any]:
        self._maybe_block("state")
        return {"review": [], "records": {}}

    def set_clock(self, now: Any) -> None:
        self._maybe_block("set_clock")


def blocks_in_reset() -> Blocking:
    return Blocking("reset")


def blocks_in_deliver() -> Blocking:
    return Blocking("deliver")


def blocks_in_state() -> Blocking:
    return Blocking("state")


def blocks_in_set_clock() -> Blocking:
    return Blocking("set_clock")


class AsyncButBlocking(Misbehaving):
    """``async def deliver`` that calls something blocking (``time.sleep``-like) inside."""

    async def deliver(self, event: Any) -> Any:
        RELEASE.wait()
        return 200


def async_but_blocking() -> AsyncButBlocking:
    return AsyncButBlocking()


def factory_blocks() -> Blocking:
    RELEASE.wait()
    return Blocking("")


class ShopSyncObject:
    """The example shop-sync service driven as a Python object (``deliver(event)``): what a
    team whose sync is a library, not a web service, would write. Settings come from the
    ``SHOP_SYNC_*`` variables the sync target's ``env`` table sets."""

    def __init__(self) -> None:
        import httpx
        from fixtures.integrations.shop_sync import ShopSyncConfig
        from fixtures.integrations.shop_sync.app import create_app

        self.config = ShopSyncConfig.from_env()
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(
            self.config)), base_url="http://shop-sync")
        self.keys: set[str] = set()

    async def reset(self) -> None:
        self.keys.clear()
        (await self.client.post("/admin/reset")).raise_for_status()

    async def deliver(self, event: Any) -> int:
        import base64
        import hashlib
        import hmac
        import json

        body = json.dumps(event.payload).encode()
        digest = hmac.new(self.config.webhook_secret.encode(), body, hashlib.sha256).digest()
        if event.topic.startswith("orders/"):
            self.keys.add(str(event.payload["id"]))
        response = await self.client.post("/webhooks/shopify", content=body, headers={
            "Content-Type": "application/json", "X-Shopify-Topic": event.topic,
            "X-Shopify-Event-Id": event.event_id,
            "X-Shopify-Hmac-Sha256": base64.b64encode(digest).decode()})
        return response.status_code

    async def state(self) -> dict[str, Any]:
        review = (await self.client.get("/review-queue")).json()["items"]
        records = {}
        for key in self.keys:
            response = await self.client.get(f"/orders/{key}")
            if response.status_code == 200:
                records[key] = response.json()
        return {"review": review, "records": records}


def shop_sync_object() -> ShopSyncObject:
    return ShopSyncObject()
