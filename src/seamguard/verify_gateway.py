"""The gateway part of recorded verification: operation names, envelopes, requests, signatures.

``verify.py`` walks every interaction the same way; for a platform whose wire profile is not
plain REST it asks this module:

* which contract operation a gateway call names (``operation.name-missing``,
  ``operation.undocumented`` with "did you mean"),
* what the response body is once its envelope is opened (``response.in-band-error``,
  ``response.unknown-envelope``, ``body.embedded-not-json``),
* whether the request's business parameters match the operation's request schema
  (findings at ``request:/…`` pointers) and whether its signature is right: that half lives
  in ``verify_gateway_requests`` (``RequestChecks``, which ``GatewayChecks`` extends).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from seamguard.contracts.bare_lists import rewrap
from seamguard.contracts.embedded import inner
from seamguard.contracts.forms import form_instance
from seamguard.contracts.model import Contract, MediaSpec, Operation
from seamguard.contracts.schema import is_json_media
from seamguard.contracts.validation import violations, violations_of
from seamguard.contracts.xml_typed import typed_xml
from seamguard.findings import Finding, Severity
from seamguard.project import Project
from seamguard.recordings.cassettes import Interaction
from seamguard.recordings.routing import Route
from seamguard.verify_charsets import embedded_marks
from seamguard.verify_gateway_requests import MakeFinding, RequestChecks, request_media
from seamguard.verify_gateway_signatures import REQUEST_PREFIX, fold_refusal
from seamguard.wire.envelope import Envelope, InBandError, Opened
from seamguard.wire.pointers import MISSING, EmbeddedNotXml, EmbeddedUnreadable, resolve
from seamguard.wire.profile import OperationLocation, ParamLocation, ResponseVariant
from seamguard.wire.requests import BodyProblem, Params
from seamguard.xml_documents import is_xml_media

__all__ = ["REQUEST_PREFIX", "GatewayChecks", "close_names", "fold_refusal", "request_media",
           "written_as"]

_ERROR = Severity.ERROR


class GatewayChecks(RequestChecks):
    """What a wire profile adds to the check of one interaction (the request's parameters,
    time stamp and signature are ``RequestChecks``')."""

    def __init__(self, project: Project, env: Mapping[str, str] = os.environ) -> None:
        super().__init__(project, env)
        self._envelopes: dict[str, Envelope | None] = {}

    def envelope(self, platform: str, params: Params | None = None) -> Envelope | None:
        """The platform's response envelope (for a request asking for another answer format,
        that format's); None when bodies are plain (REST)."""
        variant = self.variant(platform, params)
        if variant is not None:
            return self._variant_envelope(platform, variant)
        if platform not in self._envelopes:
            wire = self.project.settings.platforms[platform].wire
            self._envelopes[platform] = None if wire.plain else Envelope(wire.response)
        return self._envelopes[platform]

    def variant(self, platform: str, params: Params | None) -> ResponseVariant | None:
        """The answer format a request asks for with a parameter (TOP's ``simplify=true``);
        None for the usual one."""
        variants = self.project.settings.platforms[platform].wire.response.variants
        if not variants or params is None:
            return None
        try:
            merged = params.merged()
        except BodyProblem:
            return None  # reported where the body is read
        return next((v for v in variants if v.asked_by(merged)), None)

    # -- which operation ---------------------------------------------------------------------

    def operation(self, contract: Contract, interaction: Interaction, route: Route,
                  make: MakeFinding) -> Operation | Finding:
        """The operation a gateway call names, or a finding saying why there is none."""
        wire = self.project.settings.platforms[route.platform].wire
        assert wire.operation is not None  # a gateway route comes from a gateway profile
        twice = _named_twice(wire.operation.parts, route)
        if twice is not None:
            name, values = twice
            return make("operation.name-ambiguous", _ERROR,
                        f"{interaction.method} {route.path}: the call gives {name!r} "
                        f"{len(values)} different values ({', '.join(map(repr, values))}); "
                        "the gateway reads one of them, so which operation ran is not known",
                        expected=name, actual=values, pointer=f"{REQUEST_PREFIX}/{name}",
                        hint=f"send {name} once: the client adds it twice (a form field and "
                             "a query parameter, or a field repeated)")
        if route.problem is None and route.operation is not None:
            operation = contract.named(interaction.method, route.path, route.operation,
                                       wire.methods)
            if operation is not None:
                return operation  # the usual case: nothing below is needed
        where = f"{interaction.method} {route.path}"
        if route.problem is not None:
            return make("body.undecodable", _ERROR,
                        f"{where}: the request cannot be read, so its operation is unknown: "
                        f"{route.problem}",
                        hint="check the charset the request's URL is percent-encoded in"
                        if "query parameter" in route.problem else
                        "check the request's Content-Type charset")
        places = " or ".join(wire.operation.places)
        if route.operation is None or not route.operation.strip():
            lacking = _lacking(wire.operation, route)
            absent = (f"no {lacking!r} parameter in the {places}"
                      if route.operation is None else f"its {lacking!r} parameter is empty")
            return make(
                "operation.name-missing", _ERROR,
                f"{where} on {route.platform}'s gateway names no operation: {absent}",
                expected=lacking, pointer=f"{REQUEST_PREFIX}/{lacking}",
                hint=f"a {route.platform} call must say which operation it is in "
                     f"{wire.operation.label}; the recording may be truncated or the client "
                     "builds the request wrongly")
        names = contract.operation_names(route.path)
        if wire.operation.path is not None and route.operation not in names:
            served = contract.paths_named(route.operation)
            if route.path.rstrip("/") in served:  # a trailing slash names the same endpoint
                operation = contract.named(interaction.method, route.path.rstrip("/"),
                                           route.operation, wire.methods)
                if operation is not None:
                    return operation
            elif served:
                return _path_mismatch(contract, interaction, route, wire.operation.name,
                                      served, names, make)
        if route.operation in names:
            hint = (f"the contract declares {route.operation} for another HTTP method; "
                    f"add {interaction.method.lower()} to it")
        else:
            close = close_names(route.operation, names)
            hint = (f"did you mean {' or '.join(repr(c) for c in close)}?" if close else
                    f"add `{route.path}#{route.operation}` to the contract")
            if close and close[0].casefold() == route.operation.casefold():
                hint += " (operation names are case-sensitive)"
        said = " + ".join(wire.operation.parts)
        return make(
            "operation.undocumented", _ERROR,
            f"{said}={route.operation!r} is not an operation of "
            f"{contract.label} (it documents {len(names)} at {route.path})",
            actual=route.operation, hint=hint,
            pointer=f"{REQUEST_PREFIX}/{_wrong_part(wire.operation, route.operation, names)}")

    # -- the response body -------------------------------------------------------------------

    def unwrap(self, platform: str, body: Any, operation: Operation,
               params: Params | None = None) -> tuple[Any, str, InBandError | None] | None:
        """(payload, its pointer, None), or (MISSING, "", the in-band error); None: neither.
        ``params``: the request's, which may ask for another answer format."""
        if operation.webhook:
            pointer = self.project.settings.platforms[platform].wire.push.payload
            try:
                payload = resolve(body, pointer) if pointer else body
            except EmbeddedUnreadable:
                return None
            return None if payload is MISSING else (payload, pointer, None)
        envelope = self.envelope(platform, params)
        if envelope is None:
            return body, "", None
        opened = envelope.open(body, operation.gateway_name)
        if opened.kind == "success":
            return opened.payload, opened.prefix, None
        if opened.kind == "error" and opened.error is not None:
            return MISSING, "", opened.error
        return None

    def open(self, platform: str, body: Any, operation: Operation,
             make: MakeFinding, contract: Contract,
             params: Params | None = None, *, xml: bool = False,
             ) -> tuple[Any, str] | list[Finding]:
        """(payload, pointer prefix) of a success body; else the findings about the body.
        ``params``: the request's, which may ask for another answer format; ``xml``: the body
        was read from XML, so its texts take the types the error schema declares."""
        if operation.webhook:
            return self._open_push(platform, body, make)
        envelope = self.envelope(platform, params)
        if envelope is None:
            return body, ""
        opened = envelope.open(body, operation.gateway_name)
        variant = self.variant(platform, params)
        if opened.kind == "success":
            if variant is not None:
                standard = self._standard_form(platform, body, operation, variant, make)
                if standard is not None:
                    return [standard]
            return opened.payload, opened.prefix
        if opened.problem is not None:
            return [_unreadable(opened.problem, make)]
        if opened.kind == "error":
            assert opened.error is not None
            return self._in_band(platform, body, opened, operation, make, contract,
                                 variant, xml=xml)
        if variant is None:
            other = self._other_form(platform, body, operation, make, contract, xml)
            if other:
                return other
        texts = envelope.text_booleans(body, operation.gateway_name)
        hint = "the platform answered something else (a proxy, a maintenance page, another " \
               "API version), or the wire profile's [response] settings are wrong"
        if texts:
            hint = (f"{'; '.join(texts)}: if the platform documents it as text, write the "
                    f"condition with the text (equals = \"true\"), else the platform changed "
                    f"its type")
        return [make(
            "response.unknown-envelope", _ERROR,
            f"the body matches neither {platform}'s success nor its error envelope; expected "
            f"{envelope.expected(operation.gateway_name)}",
            actual=_keys(body), pointer=opened.prefix or opened.missed, hint=hint)]

    # -- JSON or XML, as the request asks (TOP's format=xml, Pinduoduo's data_type=XML) ------

    def format_finding(self, platform: str, params: Params | None, content_type: str | None,
                       body: bytes | str | None, make: MakeFinding) -> Finding | None:
        """``response.unexpected-format`` for an answer in JSON to a request asking for XML,
        or the reverse; None otherwise. The answer's format is what its Content-Type and its
        first character agree on: a body its Content-Type mislabels is the body finding's."""
        rule = self.project.settings.platforms[platform].wire.response.answer_format
        if rule is None or params is None:
            return None
        got = "xml" if is_xml_media(content_type) else "json" if is_json_media(
            content_type) else None
        if got is None or got != written_as(body, got):
            return None  # neither (an HTML page), or mislabelled: other findings say it
        try:
            asked = rule.asked(params.merged())
        except BodyProblem:
            return None  # reported where the body is read
        if asked is None or asked[0] == got:
            return None
        kind, value = asked
        how = f"{rule.param}={value}" if value is not None else \
            f"no {rule.param}, so the default {kind.upper()}"
        return make(
            "response.unexpected-format", _ERROR,
            f"the request asks for {kind.upper()} ({how}), but the answer is {got.upper()} "
            f"(Content-Type {content_type})",
            expected=f"{kind.upper()} ({how})", actual=f"{got.upper()} ({content_type})",
            pointer=f"{REQUEST_PREFIX}/{rule.param}" if value is not None else None,
            hint=f"the platform did not take {rule.param} as sent (check its spelling and "
                 "case), or a proxy or client library changed the call or the answer; the "
                 f"body is checked as the {got.upper()} it is where the contract declares one")

    # -- answer formats a request picks (TOP's simplify=true) -----------------------------------

    def _standard_form(self, platform: str, body: Any, operation: Operation,
                       variant: ResponseVariant, make: MakeFinding) -> Finding | None:
        """The finding for a call that asked for another format but got the usual one."""
        standard = self.envelope(platform)
        if standard is None or standard.settings.payload == variant.payload:
            return None
        usual = standard.open(body, operation.gateway_name)
        if usual.kind != "success" or not usual.prefix:
            return None
        asked = f"{variant.param}={'|'.join(variant.values)}"
        return make(
            "response.unexpected-format", _ERROR,
            f"the request asks for another answer format ({asked}), but the answer is in the "
            f"usual one (the payload inside {usual.prefix}); expected "
            f"{self._variant_envelope(platform, variant).expected(operation.gateway_name)}",
            expected=f"the {asked} format", actual=f"the usual format ({usual.prefix})",
            pointer=usual.prefix,
            hint=f"the platform ignored {variant.param}, or a proxy or client library rewrote "
                 "the call; the body was not checked")

    def _other_form(self, platform: str, body: Any, operation: Operation, make: MakeFinding,
                    contract: Contract, xml: bool) -> list[Finding]:
        """For a body the usual envelope does not open: the findings when it is in a format
        the request did not ask for (a TOP simplified answer to a call without
        ``simplify=true``); [] otherwise."""
        standard = self.envelope(platform)
        for variant in self.project.settings.platforms[platform].wire.response.variants:
            opened = self._variant_envelope(platform, variant).open(body,
                                                                    operation.gateway_name)
            if opened.kind == "error" and opened.error is not None:
                pass  # an error in that format: said, never silent
            elif opened.kind != "success" or not _fits(contract, operation, variant,
                                                        opened.payload):
                continue
            asked = f"{variant.param}={'|'.join(variant.values)}"
            expected = standard.expected(operation.gateway_name) if standard else None
            found = [make(
                "response.unexpected-format", _ERROR,
                f"the answer is in the format {asked} asks for, but the request does not ask "
                f"for it; expected the usual format: {expected}",
                expected="the usual format", actual=f"the {asked} format",
                hint=f"the client sends {variant.param} without recording it, or the platform "
                     "answered another format; the body was not checked against the contract")]
            if opened.kind == "error":
                found += self._in_band(platform, body, opened, operation, make, contract,
                                       variant, xml=xml)
            return found
        return []

    def _variant_envelope(self, platform: str, variant: ResponseVariant) -> Envelope:
        key = f"{platform}\n{variant.param}"
        found = self._envelopes.get(key)
        if found is None:
            found = self._envelopes[key] = Envelope(variant)
        return found

    def _open_push(self, platform: str, body: Any,
                   make: MakeFinding) -> tuple[Any, str] | list[Finding]:
        pointer = self.project.settings.platforms[platform].wire.push.payload
        if not pointer:
            return body, ""
        try:
            payload = resolve(body, pointer)
        except EmbeddedUnreadable as problem:
            return [_unreadable(problem, make)]
        if payload is MISSING:
            return [make("push.unknown-envelope", _ERROR,
                         f"the push body has no payload at {pointer}, where {platform}'s wire "
                         "profile says pushes carry it", actual=_keys(body), pointer=pointer,
                         hint="check [wire.push] payload, or what the platform sent")]
        return payload, pointer

    def _in_band(self, platform: str, body: Any, opened: Opened, operation: Operation,
                 make: MakeFinding, contract: Contract,
                 variant: ResponseVariant | None = None, *,
                 xml: bool = False) -> list[Finding]:
        error = opened.error
        assert error is not None
        settings = self.project.settings.platforms[platform]
        documented = error.matches(operation.documented_errors)
        envelopes = variant or settings.wire.response
        severity = Severity.INFO if documented else Severity(envelopes.in_band_severity)
        findings = [make(
            "response.in-band-error", severity,
            f"HTTP 200 carrying an error: {error.describe()}"
            + (" (documented for this operation)" if documented else ""),
            actual=_error_dict(error), pointer=error.at,
            hint=None if documented else
            "the platform refused the call inside a successful HTTP answer; fix the request, "
            "or list the code under x-seamguard-in-band-errors if the integration expects it")]
        # A JSON text inside a string that the error was read from (SF's apiResultData) is
        # read past its byte-order mark; said, as for a success.
        findings += embedded_marks(body, error.at or "", make)
        schema = envelopes.error_schema
        if schema is not None:
            compiled = inner(contract, schema)
            back: Callable[[str], str] = _same
            if xml:
                body, back = typed_xml(contract, schema, body)
            for violation in violations_of(contract, compiled, body):
                findings.append(make(
                    violation.code, _ERROR, f"error body: {violation.message}",
                    expected=violation.expected, actual=violation.actual,
                    pointer=back(violation.pointer),
                    hint="the error envelope differs from the wire profile's error_schema"))
        return findings

    # -- pushes sent as forms ------------------------------------------------------------------

    def form_fields(self, contract: Contract, media: MediaSpec, platform: str,
                    headers: Mapping[str, str], body: bytes | str | None) -> Any:
        """A pushed form's fields, typed by the schema; MISSING when it cannot be read."""
        if media.schema is None:
            return MISSING
        charset = self.project.settings.platforms[platform].wire.charset
        try:
            fields = Params("", headers, body, charset).form
        except BodyProblem:
            return MISSING
        return form_instance(contract, media.schema, fields)

    def form_push(self, contract: Contract, operation: Operation, media: MediaSpec,
                  interaction: Interaction, route: Route,
                  make: MakeFinding) -> tuple[Any, str] | list[Finding]:
        """(payload, pointer prefix) of a push sent as a form; else the findings about it."""
        assert media.schema is not None
        charset = self.project.settings.platforms[route.platform].wire.charset
        params = route.params or Params(interaction.uri, interaction.request_headers,
                                        interaction.request_body, charset)
        try:
            fields = params.form
        except BodyProblem as problem:
            return [make("body.undecodable", _ERROR, f"{problem}; the push was not checked",
                         hint="check the push's Content-Type charset")]
        instance = form_instance(contract, media.schema, fields)
        return self.open(route.platform, instance, operation, make, contract)


def _path_mismatch(contract: Contract, interaction: Interaction, route: Route, param: str,
                   served: list[str], names: list[str], make: MakeFinding) -> Finding:
    """``operation.path-mismatch``: a call at one operation's own path naming another."""
    name = route.operation
    assert name is not None
    at = " or ".join(served)
    here = (f"{route.path} is the path of {' and '.join(names)}" if names else
            f"{contract.label} serves no operation at {route.path}")
    fix = f"send the call to {at}" + (
        f", or name {' or '.join(names)} in `{param}`" if names else "")
    return make(
        "operation.path-mismatch", _ERROR,
        f"{interaction.method} {route.path} names {name!r} in `{param}`, an operation "
        f"{route.platform} serves at {at}; {here}",
        expected=at, actual=route.path, pointer=f"{REQUEST_PREFIX}/{param}",
        hint=f"{fix}: on {route.platform} the URL path and the operation parameter must name "
             "the same operation, and which one the platform runs is not certain; the call "
             "was not checked further")


def written_as(body: bytes | str | None, claimed: str) -> str | None:
    """``xml`` or ``json`` as a body's first character says (``claimed`` for an empty body)."""
    head = body[:64] if body is not None else ""
    text = head.decode("latin-1") if isinstance(head, bytes) else head
    text = text.lstrip("\ufeff\xef\xbb\xbf \t\r\n")
    if not text:
        return claimed
    return "xml" if text[0] == "<" else "json" if text[0] in "{[" else None


def _named_twice(parts: Iterable[str], route: Route) -> tuple[str, list[str]] | None:
    """The operation parameter a call gives two different values, and those values."""
    if route.params is None or route.problem is not None:
        return None
    for name in parts:
        values = route.params.repeated(name)
        if len(values) > 1:
            return name, values
    return None


def _lacking(location: OperationLocation, route: Route) -> str:
    """The first parameter naming the operation that the call leaves out (or empty)."""
    if route.params is not None and location.also:
        for part in location.parts:
            try:
                value = route.params.get(ParamLocation.model_validate(
                    {"in": location.places, "name": part}))
            except BodyProblem:
                break
            if not value:
                return part
    return location.name


def _wrong_part(location: OperationLocation, operation: str, names: Iterable[str]) -> str:
    """The parameter an unknown operation name is most likely wrong in: a later one when the
    parts before it name a documented operation's (Vipshop: a known service, a wrong method)."""
    parts = location.split(operation)
    for index in range(len(location.parts) - 1, 0, -1):
        before = location.join.join(parts[p] for p in location.parts[:index]) + location.join
        if any(known.startswith(before) for known in names):
            return location.parts[index]
    return location.name


def close_names(name: str, names: Iterable[str]) -> list[str]:
    """Up to three operation names like ``name``, letter case ignored (a client that writes
    EXP_RECE_CREATE_ORDER in lower case means it)."""
    folded: dict[str, str] = {}
    for known in names:
        folded.setdefault(known.casefold(), known)
    close = difflib.get_close_matches(name.casefold(), list(folded), n=3, cutoff=0.6)
    return [folded[match] for match in close]


_XML_PROBLEM = {"not-well-formed": "it is not well-formed XML ({})", "too-deep": "it is {}",
                "unsafe": "it was refused unread: {}"}


def _unreadable(problem: EmbeddedUnreadable, make: MakeFinding) -> Finding:
    """The finding for an envelope's ⟨json⟩ or ⟨xml⟩ step that met something else."""
    if isinstance(problem, EmbeddedNotXml):
        unsafe = problem.kind == "unsafe"
        return make("body.embedded-unsafe-xml" if unsafe else "body.embedded-not-xml", _ERROR,
                    f"{problem.pointer} should hold an XML document inside a string, but "
                    + _XML_PROBLEM.get(problem.kind, "{}").format(problem.reason),
                    actual=None if unsafe else problem.value,
                    pointer=problem.pointer,
                    hint="the envelope's ⟨xml⟩ step needs a string holding XML here" if not
                    unsafe else None)
    return make("body.embedded-not-json", _ERROR,
                f"{problem.pointer} should hold a JSON document inside a string, but "
                f"{problem.reason}", actual=problem.value, pointer=problem.pointer,
                hint="the envelope's ⟨json⟩ step needs a string holding JSON here")


def _fits(contract: Contract, operation: Operation, variant: ResponseVariant,
          payload: Any) -> bool:
    """Does ``payload`` (a non-empty object) meet the operation's success schema, every field
    declared, once read in the variant's format?"""
    response = operation.response(200)
    if not isinstance(payload, dict) or not payload or response is None:
        return False
    schema = next((m.schema for m in response.content.values() if m.schema is not None), None)
    if schema is None:
        return False
    if variant.bare_lists:
        payload = rewrap(contract, schema, payload)[0]
    return not violations(contract, schema, payload)


def _keys(body: Any) -> Any:
    if isinstance(body, dict):
        return sorted(body)[:12]
    return type(body).__name__


def _error_dict(error: InBandError) -> dict[str, Any]:
    return {k: v for k, v in (("code", error.code), ("sub_code", error.sub_code),
                              ("message", error.message), ("sub_message", error.sub_message))
            if v is not None}


def _same(pointer: str) -> str:
    return pointer
