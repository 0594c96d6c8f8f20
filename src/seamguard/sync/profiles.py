"""Delivery profiles: how a platform delivers events, as data (a new platform is a new profile).

A profile says which header carries the topic, the event id (the dedupe key) and the signature,
which other headers a delivery has, whether deliveries are ordered, how timestamps are written
(with an offset, in UTC, or local time without offset) and in which time zone a timestamp without
offset is meant, how often and for how long a refused delivery is retried, how a delivery is
signed (``signing`` names the scheme) and for how long after its trigger time a delivery can be
genuine (``replay_tolerance``: anything older is a replay and must be refused).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["BUILTIN_PROFILES", "SIGNING_SCHEMES", "DeliveryProfile", "TimestampStyle"]

TimestampStyle = Literal["offset", "utc", "naive"]


def _offset_only() -> list[TimestampStyle]:
    return ["offset"]


class DeliveryProfile(BaseModel):
    """One platform's delivery behaviour."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = ""
    topic_header: str
    event_id_header: str
    signature_header: str
    delivery_id_header: str | None = None
    triggered_at_header: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    ordering: Literal["unordered", "ordered"] = "unordered"
    duplicates: bool = True
    new_id_copies: bool = True
    timestamp_styles: list[TimestampStyle] = Field(default_factory=_offset_only, min_length=1)
    offsets: list[str] = Field(default_factory=lambda: ["+08:00"],
                               description="UTC offsets used by the `offset` style")
    timezone: str = "UTC"
    max_attempts: int = Field(default=8, ge=1)
    retry_horizon: str = "PT4H"
    signing: str = Field(default="hmac-sha256-base64",
                         description="how a delivery is signed (see SIGNING_SCHEMES)")
    replay_tolerance: str | None = Field(
        default=None, description="ISO 8601 duration: a delivery whose trigger time "
        "(triggered_at_header) is older than this is a replay, never a genuine retry")

    def signature(self, secret: str, body: bytes) -> str:
        scheme = SIGNING_SCHEMES.get(self.signing)
        if scheme is None:
            raise ValueError(f"unknown signing scheme {self.signing!r}; known: "
                             f"{', '.join(SIGNING_SCHEMES)}")
        return scheme(secret, body)

    def delivery_headers(self, topic: str, event_id: str, body: bytes, secret: str,
                         triggered_at: datetime, attempt: int) -> dict[str, str]:
        """The headers of one delivery; ``triggered_at`` is when the event was triggered (every
        retry carries the original one)."""
        headers = {
            "Content-Type": "application/json",
            self.topic_header: topic,
            self.event_id_header: event_id,
            self.signature_header: self.signature(secret, body),
            **self.headers,
        }
        if self.delivery_id_header:
            headers[self.delivery_id_header] = str(uuid.uuid5(uuid.UUID(event_id), str(attempt)))
        if self.triggered_at_header:
            headers[self.triggered_at_header] = triggered_at.isoformat()
        return headers


def _hmac_sha256_base64(secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


# Signing schemes a delivery profile may name: the signature header's value from the secret and
# the raw body.
SIGNING_SCHEMES: dict[str, Callable[[str, bytes], str]] = {
    "hmac-sha256-base64": _hmac_sha256_base64,
}


BUILTIN_PROFILES: dict[str, DeliveryProfile] = {
    "shopify": DeliveryProfile(
        title="Shopify webhooks: at least once, unordered, retried 8 times over 4 hours",
        topic_header="X-Shopify-Topic",
        event_id_header="X-Shopify-Event-Id",
        signature_header="X-Shopify-Hmac-Sha256",
        delivery_id_header="X-Shopify-Webhook-Id",
        triggered_at_header="X-Shopify-Triggered-At",
        headers={"X-Shopify-Shop-Domain": "seamguard-demo.myshopify.com",
                 "X-Shopify-API-Version": "2024-07"},
        ordering="unordered",
        timestamp_styles=["offset", "utc"],
        offsets=["+08:00", "-05:00", "+00:00"],
        timezone="Asia/Shanghai",
        max_attempts=8,
        retry_horizon="PT4H",
        # Retries carry the original X-Shopify-Triggered-At; the last comes after about four
        # hours, so an hour's slack covers the platform's own queueing.
        replay_tolerance="PT5H",
    ),
    "taobao": DeliveryProfile(
        title="Taobao-style message service: local time without offset, mostly ordered",
        topic_header="X-Tmc-Topic",
        event_id_header="X-Tmc-Message-Id",
        signature_header="X-Tmc-Sign",
        ordering="ordered",
        new_id_copies=False,
        timestamp_styles=["naive"],
        timezone="Asia/Shanghai",
        max_attempts=3,
        retry_horizon="P3D",
    ),
}
