"""Webhook delivery: each delivery is one signed HTTP POST, as the platform's profile makes it.

Genuine deliveries carry the profile's headers and a signature over the raw body (the scheme the
profile names). Forged ones are what an attacker or a broken proxy sends: a signature made with
another secret, no signature, a genuine signature over a body changed afterwards, or a genuine
delivery sent again after the platform's replay tolerance (its trigger time is then too old).
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx

from seamguard.sync.profiles import DeliveryProfile
from seamguard.sync.transport import (
    CRASHED,
    Answer,
    Capabilities,
    DeadLetter,
    Outgoing,
    crashed,
)

__all__ = ["WebhookTransport", "body_of", "forged_id"]

_WRONG_SECRET = "seamguard-forger-guess"
# Answers that say there is no such route (or not for POST): never what a webhook receiver gives
# a delivery, whatever it makes of the event.
_NO_ROUTE = (404, 405)


def body_of(payload: Any, poison: str | None = None) -> bytes:
    """The raw body of a delivery; a poisoned one is not readable as the payload."""
    if poison == "not-json":
        return b'{"id": 1, "total_price": "1'
    if poison == "not-an-object":
        return b"[]"
    return json.dumps(payload, ensure_ascii=False).encode()


def forged_id(outgoing: Outgoing) -> str:
    """The event id a delivery carries: a forger invents one of their own (so a system that
    skips the signature check processes it as new); a replay repeats the genuine one."""
    event_id = outgoing.event.event_id
    if outgoing.forgery in (None, "replay"):
        return event_id
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{event_id}/{outgoing.forgery}"))


class WebhookTransport:
    """Posts deliveries to ``path`` through an httpx client (ASGI in-process, or a URL)."""

    def __init__(self, client: httpx.AsyncClient, profile: DeliveryProfile, secret: str,
                 path: str, *, in_process: bool) -> None:
        self.client = client
        self.profile = profile
        self.secret = secret
        self.path = path
        # Over the whole session: how the genuine deliveries were answered, while every one
        # of them got "no such route" (see ``unrouted``).
        self.genuine = 0
        self.no_route: list[int] = []
        self.capabilities = Capabilities(
            signed=True, replays=profile.replay_tolerance is not None and
            profile.triggered_at_header is not None, crashes=in_process)

    async def open(self) -> None:
        pass

    async def reset(self) -> None:
        pass

    def request(self, outgoing: Outgoing) -> tuple[bytes, dict[str, str]]:
        """The body and headers of one delivery, forged as the outgoing asks."""
        event = outgoing.event
        payload = {**event.payload, **(outgoing.tamper or {})}
        body = body_of(payload, outgoing.poison)
        signed = body if outgoing.forgery != "tampered-body" else body_of(event.payload)
        topic = "orders/unknown-topic" if outgoing.poison == "unknown-topic" else event.topic
        headers = self.profile.delivery_headers(topic, forged_id(outgoing), signed, self.secret,
                                                outgoing.triggered_at, outgoing.attempt)
        sign = self.profile.signature_header
        if outgoing.forgery == "forged-signature":
            headers[sign] = self.profile.signature(_WRONG_SECRET, body)
        elif outgoing.forgery == "missing-signature":
            del headers[sign]
        if outgoing.forgery in ("forged-signature", "missing-signature", "tampered-body") \
                and self.profile.delivery_id_header:
            headers[self.profile.delivery_id_header] = str(uuid.uuid4())
        return body, headers

    async def deliver(self, outgoing: Outgoing) -> Answer:
        body, headers = self.request(outgoing)
        try:
            response = await self.client.post(self.path, content=body, headers=headers)
        except BaseException as error:
            if crashed(error):
                return CRASHED
            raise
        status = response.status_code
        if outgoing.forgery is None and outgoing.poison is None:
            self.genuine += 1
            if status in _NO_ROUTE:
                self.no_route.append(status)
        return Answer.http(status)

    def unrouted(self) -> list[int] | None:
        """The statuses, when every genuine delivery so far was answered "no such route"
        (404, 405): the webhook path is not the system's, a configuration error rather than
        lost events."""
        if self.genuine and len(self.no_route) == self.genuine:
            return self.no_route
        return None

    async def settle(self) -> list[tuple[Outgoing, Answer]]:
        return []

    async def dead_letters(self) -> list[DeadLetter]:
        return []

    async def close(self) -> None:
        pass
