"""Delivery profiles: how a platform delivers events, as data (a new platform is a new profile).

A profile says which header carries the topic, the event id (the dedupe key) and the signature,
which other headers a delivery has, whether deliveries are ordered, how timestamps are written
(with an offset, in UTC, or local time without offset) and in which time zone a timestamp without
offset is meant, how often and for how long a refused delivery is retried, how a delivery is
signed (``signing``: a wire profile's signing table, read by ``seamguard.wire.signing``, the one
module that signs and verifies requests and pushes) and for how long after its trigger time a
delivery can be genuine (``replay_tolerance``: anything older is a replay and must be refused).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from seamguard.wire.profile import SigningSettings

__all__ = ["BUILTIN_PROFILES", "DeliveryProfile", "TimestampStyle"]

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
    signing: SigningSettings | None = Field(
        default=None, description="how a delivery is signed, as a wire profile's [signing] "
        "table (seamguard.wire.signing); default: base64 HMAC-SHA256 of the raw body in "
        "signature_header")
    replay_tolerance: str | None = Field(
        default=None, description="ISO 8601 duration: a delivery whose trigger time "
        "(triggered_at_header) is older than this is a replay, never a genuine retry")

    @property
    def signing_settings(self) -> SigningSettings:
        if self.signing is not None:
            return self.signing
        return SigningSettings.model_validate({
            "signature": {"in": "header", "name": self.signature_header}, "scheme": "body",
            "algorithm": "hmac-sha256", "digest": "base64"})

    def signature(self, secret: str, body: bytes) -> str:
        """The signature of a delivery's raw body, by the profile's signing scheme."""
        from seamguard.wire.signing import sign

        return sign(self.signing_settings, {}, secret, body=body.decode("utf-8", "replace"))

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
