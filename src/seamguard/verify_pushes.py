"""Pushes a platform sends to the integration: which topic a push names (and where), and a
push that carries an error instead of its event.

* A push whose topic the contract does not declare is ``webhook.undocumented`` at the field
  the profile's ``push.topic`` names (``/topic`` in a TMC message, ``/serviceCode`` in a pushed
  form), or outside the body at ``request:/header/<Name>`` or ``request:/query/<name>`` (where
  a delivery's header parameters are reported too), with the documented topic it most likely means.
* A push whose document (the body, or a JSON text a string of it holds, such as TMC's
  ``content``) opens as the platform's in-band error is ``response.in-band-error`` at that
  error, instead of every required field of the event missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from seamguard.contracts.model import Contract
from seamguard.contracts.validation import Violation
from seamguard.findings import Finding, Severity
from seamguard.recordings.routing import Route, text_at
from seamguard.verify_gateway import close_names
from seamguard.verify_gateway_signatures import place_pointer
from seamguard.wire.envelope import Envelope
from seamguard.wire.pointers import MISSING, EmbeddedUnreadable, resolve
from seamguard.wire.profile import EnvelopeSettings, ParamLocation, PushSettings, WireProfile
from seamguard.wire.requests import BodyProblem, Params
from seamguard.wire.suspected import suspected_error

__all__ = ["push_errors", "topic_pointer", "unknown_topic"]

_ERROR = Severity.ERROR
_EMBEDDED = "⟨json⟩"

# (code, severity, message, *, expected, actual, hint, pointer) -> Finding, bound to a place
MakeFinding = Callable[..., Finding]


def topic_pointer(location: ParamLocation, params: Params | None) -> str:
    """Where a push names its topic (:func:`place_pointer`)."""
    return place_pointer(location, params)


def unknown_topic(contract: Contract, route: Route, push: PushSettings,
                  make: MakeFinding) -> Finding:
    """``webhook.undocumented`` for a push whose topic is not among the contract's webhooks
    (or which names none, where the profile says pushes name their own); ``body.undecodable``
    when the body that names it cannot be read."""
    known = sorted(contract.webhooks)
    if route.problem is not None:  # the body holding the topic cannot be read
        return make("body.undecodable", _ERROR,
                    f"the push cannot be read, so its topic is unknown: {route.problem}",
                    hint="check the push's Content-Type charset")
    location = push.topic
    pointer = push.topic_at if location is None else topic_pointer(location, route.params)
    if route.path == "*" and push.names_topic:
        where = push.topic_at or (f"a {location.name!r} value in its "
                                  f"{' or '.join(location.places)}" if location else "")
        return make(
            "webhook.undocumented", _ERROR,
            f"the delivery names no topic: expected {where} body (documented topics: "
            f"{', '.join(known) or 'none'})" if location else
            f"the delivery names no topic: expected one at {where} in its body (documented "
            f"topics: {', '.join(known) or 'none'})",
            expected=known or None, pointer=pointer,
            hint="the sender must say which message this is; check the recording")
    close = close_names(route.path, known)
    from_body = route.params is not None and _names(route.params, push, route.path)
    return make(
        "webhook.undocumented", _ERROR,
        f"webhook topic {route.path!r} is not in {contract.label}'s contract "
        f"(documented: {', '.join(known) or 'none'})",
        actual=route.path, pointer=pointer if from_body else None,
        hint=f"did you mean {' or '.join(repr(c) for c in close)}?" if close else
        "add it under `webhooks:` in the contract")


def _names(params: Params, push: PushSettings, topic: str) -> bool:
    """Does the push itself name ``topic`` (rather than its receiver URL)?"""
    try:
        if push.topic is not None:
            return params.get(push.topic) == topic
        return push.topic_at is not None and text_at(params.document(), push.topic_at) == topic
    except BodyProblem:
        return False


def push_errors(wire: WireProfile, document: Any, seen: list[Violation],
                make: MakeFinding) -> tuple[list[Finding], list[Violation]]:
    """(in-band error findings, the violations left) for a push whose schema violations come
    from an error document where its event belongs: the whole body, or a JSON text one of its
    strings holds (``/content⟨json⟩``). The platform's own error rules are tried first, then
    the envelopes common elsewhere; the violations under an error's document are dropped."""
    findings: list[Finding] = []
    left = seen
    for prefix in _documents(v.pointer for v in seen
                             if v.code in ("field.missing", "field.wrong-type")):
        try:
            inside = resolve(document, prefix) if prefix else document
        except EmbeddedUnreadable:
            continue
        if inside is MISSING or not isinstance(inside, dict):
            continue
        error = _error_of(wire, inside)
        if error is None:
            continue
        at = prefix + (error.at or "")
        findings.append(make(
            "response.in-band-error", Severity(wire.response.in_band_severity),
            f"the push carries an error where its event belongs: {error.describe()}",
            actual={k: v for k, v in (("code", error.code), ("sub_code", error.sub_code),
                                      ("message", error.message),
                                      ("sub_message", error.sub_message)) if v is not None},
            pointer=at or None,
            hint="the sender (or the relay between the platform and the integration) forwarded "
                 "a refusal as a message; the event itself was not checked"))
        left = [v for v in left if not _under(v.pointer, prefix)]
        break  # the document that holds the error is named once, at its deepest place
    return findings, left


def _error_of(wire: WireProfile, document: dict[str, Any]) -> Any:
    rules = wire.response.errors
    if rules:
        opened = Envelope(EnvelopeSettings(errors=rules)).open(document)
        if opened.kind == "error" and opened.error is not None:
            return opened.error
    suspect = suspected_error(document)
    return None if suspect is None else suspect.error


def _documents(pointers: Iterable[str]) -> list[str]:
    """The documents violations sit in: "" (the body) and each ``…⟨json⟩`` prefix, deepest
    first so an error inside a string is named there rather than at the body."""
    found = {""}
    for pointer in pointers:
        index = pointer.find(_EMBEDDED)
        while index != -1:
            found.add(pointer[:index + len(_EMBEDDED)])
            index = pointer.find(_EMBEDDED, index + 1)
    return sorted(found, key=len, reverse=True)


def _under(pointer: str, prefix: str) -> bool:
    return not prefix or pointer == prefix or pointer.startswith(prefix + "/")
