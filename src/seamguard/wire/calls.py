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
    """One HTTP request to a gateway: the profile's ``send`` says where the common parameters
    go, its ``business.in`` where the operation's own go.

    ``body`` is the JSON body as sent (and signed), when there is one; ``json_body`` the same
    document parsed, for callers that read it.
    """

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    form: dict[str, str] | None = None
    json_body: dict[str, Any] | None = None
    body: bytes | None = None

    @property
    def content_type(self) -> str | None:
        """The Content-Type of the body (None: no body)."""
        if self.body is not None:
            return "application/json;charset=UTF-8"
        return "application/x-www-form-urlencoded;charset=UTF-8" if self.form is not None \
            else None


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
               request_id: str | None = None, version: str | None = None,
               base_url: str = "") -> GatewayCall:
    """The signed gateway request for one operation.

    Args:
        profile: The platform's wire profile (must name where the operation sits).
        operation: The operation name, e.g. ``taobao.trades.sold.get``.
        business: The operation's own parameters.
        credentials: Parameter name -> value (app_key, session, access_token, partnerID, ...).
        secret: The signing secret; None leaves the request unsigned.
        now: The time to stamp (an aware datetime).
        request_id: The value of the profile's request-id parameter (a new UUID if None).
        version: The API version called; sent as the profile's version parameter unless
            ``defaults`` already give it.
        base_url: Where the call goes (before its path), for a signing template's ``{url}``.
    """
    assert profile.operation is not None, "build_call needs a gateway profile"
    params: dict[str, str] = dict(profile.request.defaults)
    params.update(credentials)
    params.update(profile.operation.split(operation))
    if version and profile.version is not None:
        params.setdefault(profile.version.name, version)
    if profile.time.param:
        params[profile.time.param] = format_time(profile.time, now)
    if profile.request.request_id:
        params[profile.request.request_id] = request_id or str(uuid.uuid4())
    packing = profile.request.business
    place = profile.request.business_place
    document: Any = dict(business)
    if packing is not None and packing.json_param is not None:
        own: dict[str, str] = {packing.json_param: _text(document)}
    else:
        own = {name: _text(value) for name, value in business.items()}
    raw: str | None = None
    if place == "body":  # the business document is the body (Douyin Shop's newer calls)
        raw = _text(document)
        own = {}
    signed = {**params, **own}
    path = profile.path or profile.operation.path_of(operation) or "/"
    url = base_url.rstrip("/") + path
    signature: str | None = None
    if profile.signing is not None and secret:
        if raw is not None and profile.signing.body_param is not None:
            signature = sign(profile.signing, signed, secret, body=raw, url=url)
        elif raw is not None:  # signed as the gateway reads a JSON body: its fields as text
            signature = sign(profile.signing, {**signed, **{
                name: _text(value) for name, value in business.items()}}, secret, url=url)
        else:
            signature = sign(profile.signing, signed, secret, url=url)
    methods = profile.methods or ("POST",)
    send = profile.request.send
    places: dict[str, dict[str, str]] = {"query": {}, "form": {}, "json": {}}
    places[send].update(params)
    if place != "body":
        places[place].update(own)
    if signature is not None:  # written last, as the platforms' SDKs append it
        assert profile.signing is not None
        places[send][profile.signing.signature.name] = signature
    if send == "query" and place == "query":
        method = "GET" if "GET" in methods else methods[0]
    else:
        method = "POST" if "POST" in methods else methods[0]
    if raw is not None:
        return GatewayCall(method, path, query=places["query"], json_body=document,
                           body=raw.encode("utf-8"))
    if "json" in (send, place):
        fields: dict[str, Any] = dict(places["json"])
        return GatewayCall(method, path, query=places["query"], json_body=fields,
                           body=_text(fields).encode("utf-8"))
    form = places["form"] if "form" in (send, place) else None
    return GatewayCall(method, path, query=places["query"], form=form)


def resign_recorded(signing: SigningSettings, secret: str, uri: str, body: str | None,
                    content_type: str | None = None) -> tuple[str, str | None]:
    """(uri, body) with the signature recomputed over the parameters as they now are: the
    query's, a form body's fields, a JSON body's top-level fields (and the JSON body itself
    where the profile signs it as a parameter, ``body_param``).

    Only a signature that is present is replaced, where it sits (query, form or JSON body).
    """
    from seamguard.wire.requests import BodyProblem, Params, is_form

    parts = urlsplit(uri)
    query = parse_qsl(parts.query, keep_blank_values=True)
    form_body = body is not None and (is_form(content_type) or content_type is None)
    form = parse_qsl(body, keep_blank_values=True) if body and form_body else []
    values = {**dict(query), **dict(form)}
    if body and not form_body:
        try:
            values = {**values, **Params(uri, {"content-type": content_type or ""},
                                         body).merged()}
        except BodyProblem:
            return uri, body
    name = signing.signature.name
    if name not in values:
        return uri, body
    signature = sign(signing, values, secret, body=None if form_body else body, url=uri)

    def replaced(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(key, signature if key == name else value) for key, value in pairs]

    if any(key == name for key, _ in query):
        uri = urlunsplit(parts._replace(query=urlencode(replaced(query))))
    if any(key == name for key, _ in form):
        body = urlencode(replaced(form))
    elif body and not form_body:  # the signature inside a JSON body (Pinduoduo's JSON calls)
        body = _json_with(body, name, signature)
    return uri, body


def _json_with(body: str, name: str, signature: str) -> str:
    """A JSON body with its top-level ``name`` set to ``signature`` (kept as it was when the
    body is no JSON object holding it)."""
    try:
        document = json.loads(body)
    except ValueError:
        return body
    if not isinstance(document, dict) or name not in document:
        return body
    document[name] = signature
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))
