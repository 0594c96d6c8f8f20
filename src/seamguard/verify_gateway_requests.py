"""The request half of a gateway call's check: business parameters, time stamp, signature.

``verify_gateway.GatewayChecks`` builds on ``RequestChecks``: it adds which operation a call
names and what its answer holds; this module owns what the caller sent:

* the business parameters against the operation's request schema (findings at ``request:/…``
  pointers, inside a packed JSON parameter such as JD's ``360buy_param_json`` too),
* the time stamp in the format the protocol requires (``field.wrong-format``),
* the signature of a request, push or batch call, checked with the platform's secret
  (``signature.*``; ``signature.unchecked`` once per platform when it cannot be).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from seamguard.contracts.forms import declares, form_instance
from seamguard.contracts.model import Contract, MediaSpec, Operation, SchemaRef
from seamguard.contracts.validation import Violation, violations
from seamguard.documents import DuplicateKeyError, TooDeepError, loads_json
from seamguard.findings import Finding, Severity
from seamguard.project import Project
from seamguard.recordings.routing import Route
from seamguard.verify_charsets import (
    BOM,
    byte_order_mark,
    duplicate_key,
    request_charset_finding,
)
from seamguard.verify_gateway_signatures import (
    REQUEST_PREFIX,
    place_pointer,
    signature_pointer,
    utf8_declared_otherwise,
    verdict,
)
from seamguard.wire.pointers import MARK, escape
from seamguard.wire.profile import SigningSettings
from seamguard.wire.requests import BodyProblem, Params, is_form

__all__ = ["MakeFinding", "RequestChecks", "request_media"]

_ERROR = Severity.ERROR

# (code, severity, message, *, expected, actual, hint, pointer) -> Finding, bound to a place
MakeFinding = Callable[..., Finding]


class RequestChecks:
    """What a wire profile requires of the request a recorded gateway call sent."""

    def __init__(self, project: Project, env: Mapping[str, str] = os.environ) -> None:
        self.project = project
        self._env = env
        # Platforms whose signatures could not be checked, and why (said once per run).
        self.unchecked: dict[str, str] = {}
        # Per-operation lookups repeated for every interaction (the operation is kept alive
        # beside its id).
        self._media: dict[tuple[int, str | None], tuple[Operation, MediaSpec | None]] = {}
        self._common: dict[str, frozenset[str]] = {}
        self._secrets: dict[str, str] = {}
        self._max_body = int(project.settings.max_body_mb * 1_048_576)

    # -- the business parameters -------------------------------------------------------------

    def request_findings(self, contract: Contract, operation: Operation, route: Route,
                         make: MakeFinding) -> Iterator[Finding]:
        """Business parameters against the operation's request schema."""
        params = route.params
        if params is None or not operation.request:
            return
        size = len(params.body) if params.body is not None else 0
        if size > self._max_body:  # as an answer's body: said, and not read further
            yield make("body.too-large", _ERROR,
                       f"request: the body is {size:,} "
                       f"{'bytes' if isinstance(params.body, bytes) else 'characters'}, over "
                       f"the limit of {self._max_body:,} bytes (max_body_mb); the request "
                       "was not checked",
                       hint="raise max_body_mb in [tool.seamguard] if this is intended")
            return
        media = self._request_media(operation, params.content_type)
        if media is None or media.schema is None:
            return
        common = self._common.get(route.platform)
        if common is None:
            wire = self.project.settings.platforms[route.platform].wire
            common = self._common[route.platform] = frozenset(wire.request.common)
        try:
            if is_form(media.media_type):
                values = {k: v for k, v in params.merged().items() if k not in common}
                packed = self._packed(route.platform, contract, media.schema, values)
                if packed is not None:
                    yield from self._packed_findings(contract, media.schema, packed,
                                                     values[packed], make)
                    return
                instance: Any = form_instance(contract, media.schema, values)
            else:
                instance = params.business_json(common)
                if instance is None:
                    return
        except BodyProblem as problem:
            yield make("body.undecodable", _ERROR, f"request: {problem}",
                       hint="check the request's Content-Type charset")
            return
        for violation in violations(contract, media.schema, instance):
            yield _request_violation(violation, make)

    def _packed(self, platform: str, contract: Contract, schema: SchemaRef,
                values: dict[str, str]) -> str | None:
        """The protocol's business-parameter string (JD's ``360buy_param_json``, SF's
        ``msgData``) when the call carries it and the request schema describes what it holds
        rather than the string itself (its properties are the business parameters)."""
        business = self.project.settings.platforms[platform].wire.request.business
        param = business.json_param if business is not None else None
        if param is None or param not in values or declares(contract, schema, param):
            return None
        return param

    def _packed_findings(self, contract: Contract, schema: SchemaRef, name: str, text: str,
                         make: MakeFinding) -> Iterator[Finding]:
        """The business parameters inside ``name`` against the request schema, at
        ``request:/<name>⟨json⟩/…``, as if the schema declared ``name`` with that
        ``contentSchema``."""
        at = f"/{escape(name)}{MARK}"
        if text.startswith(BOM):  # read past, and said
            yield byte_order_mark(make, f"the JSON text in request {name}",
                                  pointer=f"{REQUEST_PREFIX}/{escape(name)}")
            text = text[len(BOM):]
        try:
            inner = loads_json(text, max_depth=self.project.settings.max_depth)
        except DuplicateKeyError as exc:  # checked as read (the last one wins), and said
            yield duplicate_key(make, exc, f"the JSON text in request {name}",
                                REQUEST_PREFIX + at)
            inner = exc.value
        except (TooDeepError, json.JSONDecodeError, RecursionError) as exc:
            yield make("body.embedded-not-json", _ERROR,
                       f"request: {name} should hold the business parameters as a JSON "
                       f"document, but it is not JSON ({exc})",
                       pointer=f"{REQUEST_PREFIX}/{escape(name)}",
                       hint=f"the client must write {name} as a JSON object")
            return
        for violation in violations(contract, schema, inner):
            yield _request_violation(replace(violation, pointer=at + violation.pointer), make)

    def _request_media(self, operation: Operation, content_type: str | None) -> MediaSpec | None:
        """The request media that describes a call's parameters (remembered per operation)."""
        key = (id(operation), content_type)
        found = self._media.get(key)
        if found is None:
            # The operation is kept beside the result, so its id is not reused while cached.
            found = self._media[key] = (operation, request_media(operation.request,
                                                                  content_type))
        return found[1]

    def time_findings(self, route: Route, make: MakeFinding) -> Iterator[Finding]:
        """The request's time stamp in the format the protocol requires (TOP and JD refuse
        ``2024-07-12T09:31:07+08:00``; Pinduoduo wants Unix seconds, SF milliseconds)."""
        time = self.project.settings.platforms[route.platform].wire.time
        if time.param is None or route.webhook or route.params is None or route.problem:
            return
        try:
            value = route.params.merged().get(time.param)
        except BodyProblem:
            return  # reported where the body is read
        if value is None or time.reads(value):
            return
        yield make("field.wrong-format", _ERROR,
                   f"request: {time.param} {value!r} is not a time written as {time.shown}",
                   expected=time.shown, actual=value, pointer=f"{REQUEST_PREFIX}/{time.param}",
                   hint=f"{route.platform} refuses calls whose {time.param} is not written "
                        f"{time.shown} ({time.zone} time when it has no offset)")

    def path_routed_findings(self, route: Route, uri: str, headers: Mapping[str, str],
                             body: bytes | str | None, make: MakeFinding) -> list[Finding]:
        """The time stamp and signature of a call on a path-routed platform that signs its
        requests (Meituan's ``/api/order/status/query``: ``sign`` over the sorted form), at
        REST pointers: ``request:/query/<name>`` or ``request:/body/<name>``."""
        wire = self.project.settings.platforms[route.platform].wire
        params = Params(uri, headers, body, wire.charset)
        routed = route._replace(params=params)
        found = [*self.time_findings(routed, make), *self.signature_findings(routed, make)]
        undeclared = request_charset_finding(params, make)
        if undeclared is not None:  # read in the charset found, and signed so: said once
            found.append(undeclared)
        return [replace(f, location=replace(f.location, pointer=_rest_pointer(
            params, f.location.pointer))) for f in found]

    # -- signatures --------------------------------------------------------------------------

    def signature_findings(self, route: Route, make: MakeFinding) -> Iterator[Finding]:
        """The signature of a recorded gateway request or push, checked with the secret."""
        settings = self.project.settings.platforms[route.platform]
        signing = settings.wire.push_signing() if route.webhook else settings.wire.signing
        params = route.params
        if signing is None or params is None or route.problem is not None:
            return
        secret = self.secret(route.platform)
        if not secret:
            yield from self._unchecked(route.platform, make, (
                f"${settings.secret_env} is not set" if settings.secret_env else
                "no secret_env is configured"))
            return
        try:
            values = params.merged()
            signature = params.get(signing.signature)
        except BodyProblem:
            return  # reported where the body is read
        # the body as it was read: in the charset found when its Content-Type names none
        body = params.body.decode(params.found or params.charset, "replace") if isinstance(
            params.body, bytes) else params.body
        what = "push" if route.webhook else "request"
        for found in self._judged(route.platform, signing, values, signature, body, what,
                                  make, url=params.uri, headers=params.headers):
            if found.code == "signature.invalid" and found.location.pointer == \
                    signature_pointer(signing):
                found = utf8_declared_otherwise(params, signing, secret, signature, what,
                                                 make) or found
            if route.webhook and found.location.pointer == signature_pointer(signing):
                # a push's body is at bare pointers, its query and headers the request's
                found = replace(found, location=replace(
                    found.location, pointer=place_pointer(signing.signature, params)))
            yield found

    def batch_signature_findings(self, platform: str, values: Mapping[str, str], body: str,
                                 make: MakeFinding) -> Iterator[Finding]:
        """The signature of a batch call (TOP's ``/router/batch``): the profile's algorithm
        over the URL's parameters, sorted, with the whole body appended."""
        settings = self.project.settings.platforms[platform]
        if settings.wire.signing is None:
            return
        signing = settings.wire.signing.model_copy(update={"scheme": "sorted-params-body"})
        if not self.secret(platform):
            yield from self._unchecked(platform, make, (
                f"${settings.secret_env} is not set" if settings.secret_env else
                "no secret_env is configured"))
            return
        yield from self._judged(platform, signing, values, values.get(signing.signature.name),
                                body, "batch request", make)

    def _judged(self, platform: str, signing: SigningSettings, values: Mapping[str, str],
                signature: str | None, body: str | None, what: str,
                make: MakeFinding, url: str = "",
                headers: Mapping[str, str] | None = None) -> Iterator[Finding]:
        """The verdict on one recorded signature (the secret is set)."""
        if signature is None or signature == "":
            if any(values.get(name) for name in signing.unsigned_with):
                return  # authorised another way the platform accepts
            yield make("signature.missing", _ERROR,
                       f"the {what} carries no signature ({signing.signature.name!r} in the "
                       f"{' or '.join(signing.signature.places)})",
                       expected=signing.signature.name, pointer=signature_pointer(signing),
                       hint=f"{platform} rejects unsigned calls; the client does not sign")
            return
        if "<redacted>" in signature:
            yield from self._unchecked(platform, make, "the recordings hold redacted signatures")
            return
        yield from verdict(signing, values, self.secret(platform), signature, what, make, body,
                           url, headers)

    def secret(self, platform: str) -> str:
        """The platform's signing secret from the environment ("" when there is none)."""
        secret = self._secrets.get(platform)
        if secret is None:  # read once per run: the environment does not change meanwhile
            secret_env = self.project.settings.platforms[platform].secret_env
            secret = self._secrets[platform] = self._env.get(secret_env, "") if secret_env \
                else ""
        return secret

    def _unchecked(self, platform: str, make: MakeFinding, reason: str) -> Iterator[Finding]:
        """Said once per platform, at its first interaction whose signature went unchecked (so
        the notice belongs to a test case like every other recorded finding)."""
        if platform in self.unchecked:
            return
        self.unchecked[platform] = reason
        settings = self.project.settings.platforms[platform]
        yield make("signature.unchecked", Severity.INFO,
                   f"signatures of {platform} recordings were not checked: {reason}",
                   hint=f"set secret_env for {platform} and export the secret to check them"
                   if not settings.secret_env else
                   f"export {settings.secret_env} to check them")


def request_media(request: dict[str, MediaSpec], content_type: str | None) -> MediaSpec | None:
    """The request media that describes a gateway call's parameters."""
    from seamguard.contracts.model import match_media

    found = match_media(request, content_type) if content_type else None
    if found is None:  # parameters in the query string only (TOP's GET): the form describes them
        found = next((m for m in request.values() if is_form(m.media_type)), None)
    return found


def _request_violation(violation: Violation, make: MakeFinding) -> Finding:
    severity = Severity.WARNING if violation.undeclared or violation.advisory else _ERROR
    return make(violation.code, severity, f"request: {violation.message}",
                expected=violation.expected, actual=violation.actual,
                pointer=REQUEST_PREFIX + violation.pointer)


def _rest_pointer(params: Params, pointer: str | None) -> str | None:
    """``request:/<name>`` as a REST call's pointer: where the parameter sits (the query, or
    the body), or where it belongs when it is missing (the body for a call with one)."""
    if pointer is None or not pointer.startswith(REQUEST_PREFIX + "/"):
        return pointer
    name = pointer[len(REQUEST_PREFIX) + 1:]
    try:
        in_query = name in params.query
    except BodyProblem:
        in_query = False
    place = "query" if in_query or not params.body else "body"
    return f"{REQUEST_PREFIX}/{place}/{name}"
