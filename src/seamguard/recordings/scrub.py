"""Compatibility names for the recording scrubber, which now lives in :mod:`seamguard.privacy`.

Everything here delegates to the one privacy layer (content detection, key policy, bodies of
every kind); these functions mask (``138****5678``). New code uses
:func:`seamguard.privacy.vcr_hooks` (pseudonyms for recordings) and
:func:`seamguard.privacy.mask_text` / ``mask_value`` (reports).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from seamguard.privacy.guard import mask_value
from seamguard.privacy.http import TrafficScrubber
from seamguard.privacy.mask import (
    REDACTED,
    mask_address,
    mask_card,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
)
from seamguard.privacy.policy import PrivacyPolicy

__all__ = [
    "REDACTED",
    "ScrubPolicy",
    "mask_address",
    "mask_card",
    "mask_email",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "scrub_headers",
    "scrub_json",
    "scrub_text_body",
    "scrub_url",
    "vcr_request_hook",
    "vcr_response_hook",
]

ScrubPolicy = PrivacyPolicy


def scrub_json(value: object, policy: PrivacyPolicy | None = None) -> object:
    """A copy of a parsed JSON value with secrets redacted and personal data masked."""
    return mask_value(value, policy=policy)


def scrub_text_body(body: str, content_type: str | None,
                    policy: PrivacyPolicy | None = None) -> str:
    """A decoded body scrubbed as what its media type says (JSON, form, XML, text)."""
    return TrafficScrubber(policy).text_body(body, content_type)


def scrub_headers(headers: Mapping[str, Any], policy: PrivacyPolicy | None = None
                  ) -> dict[str, Any]:
    """A copy with secret header values redacted and personal values masked."""
    return TrafficScrubber(policy).headers(headers)


def scrub_url(url: str, policy: PrivacyPolicy | None = None) -> str:
    """A URL with credentials redacted and personal values masked."""
    return TrafficScrubber(policy).url(url)


def vcr_request_hook(policy: PrivacyPolicy | None = None) -> Callable[[Any], Any]:
    """A masking vcrpy ``before_record_request`` hook."""
    return TrafficScrubber(policy).request_hook()


def vcr_response_hook(policy: PrivacyPolicy | None = None
                      ) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A masking vcrpy ``before_record_response`` hook."""
    return TrafficScrubber(policy).response_hook()
