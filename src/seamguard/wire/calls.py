"""Gateway calls built from a wire profile: common parameters, time stamp, packing, signature.

A live request names an operation and its business parameters; :func:`build_call` adds what the
protocol needs — the profile's fixed parameters, credentials read from the environment, the
operation name, the time in the profile's format and zone, a request id, the business
parameters (flat, or packed as one JSON string such as ``360buy_param_json`` / ``msgData``) —
and signs the whole with :mod:`seamguard.wire.signing`.

:func:`resign_recorded` keeps a recorded call checkable after scrubbing: the scrubber redacts
tokens and masks personal data, which changes what was signed, so a call that was validly signed
is signed again over its scrubbed parameters (the secret never reaches the cassette; a digest
over scrubbed data is what remains).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from seamguard.wire.profile import SigningSettings, TimeSettings, WireProfile
from seamguard.wire.signing import sign

__all__ = ["GatewayCall", "build_call", "format_time", "is_read_only", "resign_recorded"]


@dataclass(frozen=True)
class GatewayCall:
    """One HTTP request to a gateway: where the parameters go is the profile's ``send``."""

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] | None = None
    json_body: dict[str, Any] | None = None


def format_time(settings: TimeSettings, now: datetime) -> str:
    """``now`` written the way the protocol writes times (in its zone)."""
    if settings.format == "epoch-seconds":
        return str(int(now.timestamp()))
    if settings.format == "epoch-millis":
        return str(int(now.timestamp() * 1000))
    return now.astimezone(ZoneInfo(settings.zone)).strftime(settings.format)


def is_read_only(profile: WireProfile, operation: str) -> bool:
    """Does the profile list ``operation`` as safe for a live drift job to call?"""
    return any(fnmatchcase(operation, pattern) for pattern in profile.request.read_only)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def build_call(profile: WireProfile, operation: str, business: Mapping[str, Any], *,
               credentials: Mapping[str, str], secret: str | None, now: datetime,
               request_id: str | None = None) -> GatewayCall:
    """The signed gateway request for one operation.

    Args:
        profile: The platform's wire profile (must name where the operation sits).
        operation: The operation name, e.g. ``taobao.trades.sold.get``.
        business: The operation's own parameters.
        credentials: Parameter name -> value (app_key, session, access_token, partnerID, ...).
        secret: The signing secret; None leaves the request unsigned.
        now: The time to stamp (an aware datetime).
        request_id: The value of the profile's request-id parameter (a new UUID if None).
    """
    assert profile.operation is not None, "build_call needs a gateway profile"
    params: dict[str, str] = dict(profile.request.defaults)
    params.update(credentials)
    params[profile.operation.name] = operation
    if profile.time.param:
        params[profile.time.param] = format_time(profile.time, now)
    if profile.request.request_id:
        params[profile.request.request_id] = request_id or str(uuid.uuid4())
    packing = profile.request.business
    if packing is not None:
        params[packing.json_param] = _text(dict(business))
    else:
        params.update((name, _text(value)) for name, value in business.items())
    if profile.signing is not None and secret:
        params[profile.signing.signature.name] = sign(profile.signing, params, secret)
    path = profile.path or profile.operation.path_of(operation) or "/"
    methods = profile.methods or ("POST",)
    if profile.request.send == "query":
        method = "GET" if "GET" in methods else methods[0]
        return GatewayCall(method, path, query=params)
    method = "POST" if "POST" in methods else methods[0]
    if profile.request.send == "json":
        return GatewayCall(method, path, json_body=dict(params))
    return GatewayCall(method, path, form=params)


def resign_recorded(signing: SigningSettings, secret: str, uri: str,
                    body: str | None) -> tuple[str, str | None]:
    """(uri, form body) with the signature recomputed over the parameters as they now are.

    Only a signature that is present is replaced; where it sits (query or form) is kept.
    """
    parts = urlsplit(uri)
    query = parse_qsl(parts.query, keep_blank_values=True)
    form = parse_qsl(body, keep_blank_values=True) if body else []
    values = {**dict(query), **dict(form)}
    name = signing.signature.name
    if name not in values:
        return uri, body
    signature = sign(signing, values, secret)

    def replaced(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(key, signature if key == name else value) for key, value in pairs]

    if any(key == name for key, _ in query):
        uri = urlunsplit(parts._replace(query=urlencode(replaced(query))))
    if any(key == name for key, _ in form):
        body = urlencode(replaced(form))
    return uri, body
