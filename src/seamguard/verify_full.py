"""The full check of one recorded interaction (``RecordedVerifier``'s part that says what is
wrong): the operation it targets, its response or webhook, headers and body, and the findings."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from seamguard.body_forms import form_hint as _form_hint
from seamguard.body_forms import non_json_form
from seamguard.contracts.bare_lists import rewrap
from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.lint_spec import undocumented_hint
from seamguard.contracts.model import (
    Contract,
    HeaderSpec,
    MediaSpec,
    Operation,
    SchemaRef,
    match_media,
)
from seamguard.contracts.validation import Violation, describe, violations
from seamguard.contracts.xml_typed import typed_xml
from seamguard.documents import DuplicateKeyError, TooDeepError, loads_json
from seamguard.findings import Finding, Severity
from seamguard.privacy.guard import mask_text, mask_value
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.project import PlatformSettings, Project
from seamguard.recordings.bodies import read_body
from seamguard.recordings.cassettes import Cassette, Interaction, decode_body
from seamguard.recordings.routing import Route, Router
from seamguard.verify_charsets import (
    BOM,
    byte_order_mark,
    embedded_marks,
    mislabelled_finding,
    request_bom_finding,
    request_charset_finding,
    request_duplicate_finding,
    undeclared_charset,
)
from seamguard.verify_gateway import REQUEST_PREFIX, GatewayChecks
from seamguard.verify_headers import header_texts, response_value
from seamguard.verify_hints import CODE_HINTS, violation_hint
from seamguard.verify_path import PATH_HINT, PathParamChecks
from seamguard.verify_pushes import push_errors, unknown_topic
from seamguard.verify_replies import reply_findings
from seamguard.verify_request import DELIVERY_HINT, RequestChecks, request_hint
from seamguard.verify_target import _ERROR, CHECK_ID, _Target, _Where
from seamguard.verify_twins import ambiguous_platform
from seamguard.verify_unloadable import _UNLOADABLE
from seamguard.verify_xml import read_xml, refusal_findings
from seamguard.wire.pointers import MISSING, escape, through_xml
from seamguard.wire.requests import BodyProblem, Params, is_form
from seamguard.wire.suspected import Suspected, declare_hint, suspected_error
from seamguard.xml_documents import is_xml_media

# Findings by which a gateway call's signature check already judged a mislabelled body
_TOLD_BY_SIGNATURE = frozenset({"body.undecodable", "signature.invalid", "signature.missing"})


class FullCheck:
    """The full check of one interaction: the operation it targets, its request, its response
    (or webhook) and body against the contract, and the findings, values masked."""

    project: Project
    catalog: ContractCatalog
    router: Router
    gateway: GatewayChecks
    path_params: PathParamChecks
    requests: RequestChecks
    policy: PrivacyPolicy
    max_body: int
    max_depth: int
    undeclared_severity: Severity
    _header_verdicts: dict[tuple[SchemaRef, str], list[Violation]]
    _enveloped: frozenset[str]
    _signed_paths: frozenset[str]  # path-routed platforms whose calls carry a time or signature

    def _match(self, contract: Contract, method: str, path: str) -> Operation | None:
        """The operation a REST call names. Where templates of the same shape tie
        (``/Attachments/{AttachmentID}`` and ``/Attachments/{FileName}``), the first whose path
        parameters the path satisfies: an id that is no uuid names the other operation."""
        operation = contract.match(method, path)
        if operation is None or not operation.path_params \
                or not self.path_params.violations(contract, operation, path):
            return operation
        shape = operation.path.count("{")
        for other in contract.match_all(method, path):
            if other is not operation and other.path.count("{") == shape \
                    and not self.path_params.violations(contract, other, path):
                return other
        return operation

    # -- the full check --------------------------------------------------------------------------

    def _target(self, cassette: Cassette, interaction: Interaction) -> _Target | Finding:
        return self._target_of(cassette, interaction, self.router.route(interaction))

    def _target_of(self, cassette: Cassette, interaction: Interaction,
                   route: Route | None) -> _Target | Finding:
        where = _Where(cassette.display, interaction.index)
        if route is None:
            return self._finding(
                "interaction.unknown-platform", Severity.WARNING, where,
                f"{interaction.method} {Router.origin(interaction.uri)} belongs to no configured "
                "platform, so it was not checked",
                hint="add the platform to [tool.seamguard.platforms] with a matching base_url, "
                     "or drop the interaction from the cassette",
                actual=Router.origin(interaction.uri),
            )
        if route.twins:  # platforms at one base URL whose contracts do not tell them apart
            return ambiguous_platform(self.project, cassette.display, interaction, route)
        settings = self.project.settings.platforms[route.platform]
        where.platform, where.version = route.platform, route.version
        if route.version is None:
            return self._finding(
                "interaction.unknown-version", _ERROR, where,
                f"cannot tell which {route.platform} API version this interaction used",
                hint=f"set version_header for {route.platform}, or put {{version}} in its base_url",
            )
        if route.version not in settings.versions:
            return self._finding(
                "interaction.unknown-version", _ERROR, where,
                f"recorded against {route.platform} API version {route.version} (from "
                f"{route.version_source}), but the project has contracts for "
                f"{', '.join(settings.versions)}",
                expected=settings.versions, actual=route.version,
                hint="add that version's contract, or re-record against a supported version",
                pointer=_version_pointer(settings, route.version_source),
            )
        contract = self.catalog.load(route.platform, route.version)
        if not isinstance(contract, Contract):
            return self._finding(
                _UNLOADABLE, _ERROR, where,
                f"cannot check against {route.platform}@{route.version}: "
                f"{contract.where + ': ' if contract.where else ''}{contract.message}",
                hint=contract.hint or "run `seamguard contract lint` for details",
            )
        if route.webhook:
            operation = contract.webhooks.get(route.path)
            if operation is None:
                return unknown_topic(contract, route, settings.wire.push, self._maker(where))
            where.operation = operation.label
            return _Target(contract, operation, route, where)
        if route.gateway:
            found = self.gateway.operation(contract, interaction, route, self._maker(where))
            if isinstance(found, Finding):
                return found
            where.operation = found.label
            return _Target(contract, found, route, where)
        operation = self._match(contract, interaction.method, route.path)
        if operation is None:
            methods = contract.methods_for(route.path)
            hint = (f"the contract documents {', '.join(m.upper() for m in methods)} for this path"
                    if methods else undocumented_hint(
                        contract.document, contract.file,
                        lambda pointer: contract.docs.line_of(contract.docs.entry_uri, pointer)))
            return self._finding(
                "operation.undocumented", _ERROR, where,
                f"{interaction.method} {route.path} is not an operation of {contract.label}",
                actual=f"{interaction.method} {route.path}", hint=hint,
            )
        where.operation = operation.label
        return _Target(contract, operation, route, where)

    def _check_response(
        self, cassette: Cassette, interaction: Interaction, target: _Target
    ) -> Iterator[Finding]:
        operation, contract = target.operation, target.contract
        where = target.where
        if target.route.gateway:
            make = self._maker(where)
            said = list(self.gateway.request_findings(contract, operation, target.route, make))
            if operation.query_params:
                said.extend(self._gateway_query(contract, operation, target))
            said.extend(self.gateway.time_findings(target.route, make))
            said.extend(self.gateway.signature_findings(target.route, make))
            yield from said
            charset = request_charset_finding(target.route.params, make)
            if charset is not None:
                yield charset
            marked = request_bom_finding(target.route.params, make)
            if marked is not None:
                yield marked
            twice = request_duplicate_finding(target.route.params, make)
            if twice is not None:
                yield twice
            if not any(f.code in _TOLD_BY_SIGNATURE for f in said):  # else it said so
                garbled = mislabelled_finding(target.route.params, make)
                if garbled is not None:
                    yield garbled
        else:
            if target.route.platform in self._signed_paths:
                yield from self.gateway.path_routed_findings(
                    target.route, interaction.uri, interaction.request_headers,
                    interaction.request_body, self._maker(where))
            for violation in self.path_params.violations(contract, operation, target.route.path):
                yield replace(self._violation(violation, where, REQUEST_PREFIX), hint=PATH_HINT)
            for violation in self.requests.violations(contract, operation, interaction):
                yield replace(self._violation(violation, where, REQUEST_PREFIX),
                              hint=request_hint(violation))
        response = operation.response(interaction.status)
        if response is None:
            yield self._finding(
                "status.undocumented", _ERROR, where,
                f"status {interaction.status} is not documented for {operation.label}",
                expected=sorted(operation.responses), actual=interaction.status,
                hint="document this response in the contract, or find out why the platform "
                     "answered it",
            )
            return
        for header in response.headers.values():
            yield from self._check_header(contract, header, interaction, where)
        if not response.content:
            return
        content_type = interaction.response_headers.get("content-type")
        if target.route.gateway:
            unexpected = self.gateway.format_finding(
                target.route.platform, target.route.params, content_type,
                interaction.response_body, self._maker(where))
            if unexpected is not None:
                yield unexpected
        media = response.media(content_type)
        if media is None:
            body = interaction.response_body
            form = non_json_form(body.decode("utf-8", "replace") if isinstance(
                body, bytes) else body) if body else None
            form = mask_text(form, self.policy) if form else None  # a page title may name one
            yield self._finding(
                "content-type.undeclared", _ERROR, where,
                f"response Content-Type {content_type or '(none)'} is not declared for "
                f"{operation.label} {response.status}" + (f": the body is {form}" if form
                                                          else ""),
                expected=sorted(response.content), actual=content_type,
                hint=f"{_form_hint(form)}; otherwise {CODE_HINTS['content-type.undeclared']}"
                if form else None,
            )
            # An error the platform sent in a format the contract does not declare (XML)
            # is still an error: never silent.
            yield from self._undeclared_xml(target, interaction.response_body,
                                            interaction.response_headers)
            return
        yield from self._check_body(
            target, media, interaction.response_body, interaction.response_headers,
            answered=interaction.status,
        )

    def _check_webhook(
        self, cassette: Cassette, interaction: Interaction, target: _Target
    ) -> Iterator[Finding]:
        where = target.where
        if target.route.params is not None:
            yield from self.gateway.signature_findings(target.route, self._maker(where))
        for violation in self.requests.delivery(target.contract, target.operation, interaction):
            yield replace(self._violation(violation, where, REQUEST_PREFIX),
                          hint=DELIVERY_HINT)
        request = target.operation.request
        if not request:
            return
        content_type = interaction.request_headers.get("content-type")
        media = match_media(request, content_type)
        if media is None:
            yield self._finding(
                "content-type.undeclared", _ERROR, where,
                f"webhook Content-Type {content_type or '(none)'} is not declared for "
                f"{target.operation.label}",
                expected=sorted(request), actual=content_type,
            )
            return
        if is_form(media.media_type):
            yield from self._check_form_push(target, media, interaction)
        else:
            yield from self._check_body(
                target, media, interaction.request_body, interaction.request_headers
            )
        yield from self.reply_findings(target.contract, target.operation, interaction,
                                       target.where)

    def _gateway_query(self, contract: Contract, operation: Operation,
                       target: _Target) -> Iterator[Finding]:
        """A gateway operation's business parameters declared as query parameters (``in:
        query``), read wherever the call sends them (query or form, as the gateway reads
        them), at ``request:/<name>``; the protocol's own parameters left out."""
        route = target.route
        if route.params is None or route.problem:
            return
        try:
            merged = route.params.merged()
        except BodyProblem:
            return  # reported where the body is read
        common = set(self.project.settings.platforms[route.platform].wire.request.common)
        declared = {param.name for param in operation.query_params}
        values = [(name, value) for name, value in merged.items() if name not in common
                  and (not operation.request or name in declared)]
        for violation in self.requests.query_violations(contract, operation,
                                                        urlencode(values)):
            moved = replace(violation, pointer=violation.pointer.removeprefix("/query"))
            yield replace(self._violation(moved, target.where, REQUEST_PREFIX),
                          hint=request_hint(violation))

    def reply_findings(self, contract: Contract, operation: Operation,
                       interaction: Interaction, where: _Where) -> Iterator[Finding]:
        """The integration's reply to a push against the webhook's declared responses
        (:func:`seamguard.verify_replies.reply_findings`)."""
        return reply_findings(self, contract, operation, interaction, where)

    def _check_form_push(self, target: _Target, media: MediaSpec,
                         interaction: Interaction) -> Iterator[Finding]:
        """A push sent as a form (fields, or a JSON document inside one of them)."""
        if media.schema is None:
            return
        make = self._maker(target.where)
        route = target.route
        if route.params is None:  # a push's route carries none: its form is read once, here
            charset = self.project.settings.platforms[route.platform].wire.charset
            route = route._replace(params=Params(interaction.uri, interaction.request_headers,
                                                interaction.request_body, charset))
        opened = self.gateway.form_push(target.contract, target.operation, media, interaction,
                                        route, make)
        said = request_charset_finding(route.params, make, "push")
        if said is not None:
            yield said
        garbled = None if route.params is not None and route.params.found else \
            mislabelled_finding(route.params, make)
        if garbled is not None:
            yield garbled
        if isinstance(opened, list):
            yield from opened
            return
        instance, prefix = opened
        if route.params is not None:
            yield from embedded_marks(route.params.form, prefix, make)
        back: Callable[[str], str] | None = None
        if through_xml(prefix):  # the push's payload pointer steps into XML
            instance, back = typed_xml(target.contract, target.contract.schema(media.schema),
                                       instance)
        for violation in violations(target.contract, media.schema, instance):
            if back is not None:
                violation = replace(violation, pointer=back(violation.pointer))
            yield self._violation(violation, target.where, prefix)

    def _check_header(
        self, contract: Contract, header: HeaderSpec, interaction: Interaction, where: _Where
    ) -> Iterator[Finding]:
        value = interaction.response_headers.get(header.name.lower())
        pointer = f"header:{header.name}"
        if value is None:
            if header.required:
                yield self._finding(
                    "header.missing", _ERROR, where,
                    f"required response header {header.name} is missing", expected=header.name,
                    pointer=pointer,
                )
            return
        if header.schema is None:
            return
        for text in header_texts(contract, header.schema, value, interaction.response_lines,
                                 header.name.lower()):
            found = self._header_verdict(contract, header, text)
            for violation in found:
                yield self._finding(
                    "header.invalid", _ERROR, where,
                    f"header {header.name}: {violation.message}",
                    expected=violation.expected, actual=text, pointer=pointer,
                )
            if found:
                return  # one header's findings, said once

    def _header_verdict(self, contract: Contract, header: HeaderSpec,
                        value: str) -> list[Violation]:
        """The violations of one header value (``header.schema`` is set)."""
        assert header.schema is not None
        # Header values repeat (API versions, content types): judge each distinct value once.
        key = (header.schema, value)
        verdict = self._header_verdicts.get(key)
        if verdict is None:
            verdict = violations(contract, header.schema,
                                 response_value(contract, header.schema, value))
            if len(self._header_verdicts) > 10_000:
                self._header_verdicts.clear()
            self._header_verdicts[key] = verdict
        return verdict

    def _check_body(
        self, target: _Target, media: MediaSpec, body: bytes | str | None,
        headers: dict[str, str], *, answered: int | None = None,
    ) -> Iterator[Finding]:
        """``answered``: the status of a response (None for a webhook's body)."""
        contract, where = target.contract, target.where
        xml = is_xml_media(media.media_type)
        if media.schema is None or not (media.is_json or xml):
            return
        text, problem, found = read_body(body, headers, self.max_body)
        if problem is not None:
            code = "body.too-large" if "limit" in problem else "body.undecodable"
            yield self._finding(code, _ERROR, where, f"{problem}; the body was not checked",
                                hint="raise max_body_mb in [tool.seamguard] if this is intended"
                                if code == "body.too-large" else None)
            return
        if found is not None:
            yield undeclared_charset(self._maker(where), found,
                                     f"the {media.media_type} body", "xml" if xml else "json")
        if not xml and text and text.startswith(BOM):  # (XML 1.0 allows one)
            yield byte_order_mark(self._maker(where), f"the {media.media_type} body")
            text = text[len(BOM):]
        if not text or not text.strip():
            yield self._finding(
                "body.empty", _ERROR, where,
                f"the contract declares a {media.media_type} body, but the body is empty",
            )
            return
        if xml:
            instance = read_xml(text, max_depth=self.max_depth, make=self._maker(where),
                                media=media.media_type,
                                context=f"the contract declares {media.media_type}")
            if isinstance(instance, Finding):
                yield instance
                return
        else:
            instance, unread = self._json_body(text, media, target, headers)
            yield from unread
            if instance is MISSING:
                return
        prefix = ""
        back: Callable[[str], str] | None = None
        if target.route.platform in self._enveloped:
            params = target.route.params
            opened = self.gateway.open(target.route.platform, instance, target.operation,
                                       self._maker(where), contract, params, xml=xml)
            if isinstance(opened, list):
                yield from opened
                return
            yield from embedded_marks(instance, opened[1], self._maker(where))
            instance, prefix = opened
            variant = self.gateway.variant(target.route.platform, params)
            if variant is not None and variant.bare_lists and not target.operation.webhook:
                instance, back = rewrap(contract, media.schema, instance)
        if through_xml(prefix, xml):  # an XML body, or a payload inside XML held by a string
            instance, typed_back = typed_xml(contract, contract.schema(media.schema), instance)
            back = typed_back if back is None else _then(typed_back, back)
        seen = list(violations(contract, media.schema, instance))
        if target.operation.webhook and _breaks(seen):
            wire = self.project.settings.platforms[target.route.platform].wire
            carried, seen = push_errors(wire, instance, seen, self._maker(where))
            yield from (replace(f, location=where.at(prefix + (f.location.pointer or "")))
                        if prefix else f for f in carried)
        if answered is not None and 200 <= answered < 300 and not prefix and _breaks(seen):
            suspect = suspected_error(instance)
            if suspect is not None:
                yield self._error_not_payload(target, suspect, answered)
                return
        for violation in seen:
            if back is not None:
                violation = replace(violation, pointer=back(violation.pointer))
            yield self._violation(violation, where, prefix)

    def _error_not_payload(self, target: _Target, suspect: Suspected, status: int) -> Finding:
        """An error envelope where a payload was expected, on a platform that declares no
        in-band error rule: said as what it is, not as every required field missing."""
        platform = target.route.platform
        return self._finding(
            "response.undeclared-in-band-error", _ERROR, target.where,
            mask_text(f"HTTP {status} carrying what looks like an in-band error, not a payload: "
                      f"{suspect.error.describe()}; {platform} declares no in-band error rule, "
                      "so the body was not checked against the contract", self.policy),
            hint=declare_hint(platform, suspect))

    def _json_body(self, text: str, media: MediaSpec, target: _Target,
                   headers: dict[str, str]) -> tuple[Any, list[Finding]]:
        """(the JSON body parsed, []), or (MISSING, the findings saying why it cannot be); a
        body naming a key twice is checked as json reads it (the last one wins) and said."""
        where = target.where
        try:
            return loads_json(text, max_depth=self.max_depth), []
        except DuplicateKeyError as exc:
            return exc.value, [self._duplicate(exc, where, "")]
        except TooDeepError as exc:
            return MISSING, [self._finding("body.too-deep", _ERROR, where,
                                f"body is {exc}; the body was not checked",
                                hint="raise max_depth in [tool.seamguard] if this is intended")]
        except json.JSONDecodeError as exc:
            form = non_json_form(text)
            form = mask_text(form, self.policy) if form else None  # a page title may name one
            return MISSING, [self._finding(
                "body.not-json", _ERROR, where,
                (f"body is not valid JSON: it is {form}, although the contract declares "
                 f"{media.media_type}" if form else
                 f"body is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}) "
                 f"although the contract declares {media.media_type}"),
                hint=_form_hint(form),
                actual=mask_text(text[:80], self.policy),
            ), *self._undeclared_xml(target, text, headers)]
        except ValueError as exc:  # NaN, or an integer too long to convert
            return MISSING, [self._finding(
                "body.not-json", _ERROR, where,
                f"body is not valid JSON ({exc}) although the contract declares "
                f"{media.media_type}")]

    def _undeclared_xml(self, target: _Target, body: bytes | str | None,
                        headers: dict[str, str]) -> Iterator[Finding]:
        """The in-band error inside an XML answer the contract does not declare (or sent as
        another media type), so a refusal is reported whatever format it came in."""
        platform = target.route.platform
        if platform not in self._enveloped or target.operation.webhook:
            return
        text = body if isinstance(body, str) else decode_body(body, headers, self.max_body)[0]
        if text:
            yield from refusal_findings(
                self.gateway, platform, target.operation, target.contract, target.route.params,
                text, headers.get("content-type"), max_depth=self.max_depth,
                make=self._maker(target.where))

    # -- findings ------------------------------------------------------------------------------

    def _violation(self, violation: Violation, where: _Where, prefix: str = "") -> Finding:
        severity = self.undeclared_severity if violation.undeclared else \
            Severity.WARNING if violation.advisory else _ERROR
        actual = violation.actual
        if not violation.undeclared and actual is not None:
            actual = self._mask(violation.pointer, actual)
        message = violation.message
        if actual is not violation.actual:
            message = message.replace(describe(violation.actual), describe(actual))
            if isinstance(violation.actual, str) and isinstance(actual, str) \
                    and violation.code != "field.forbidden":  # there, actual is the field's name
                # a validator's own wording quotes the value whole ("… is longer than 512")
                message = message.replace(violation.actual, actual)
        hint = violation_hint(violation)
        key = prefix.rsplit("/", 1)[-1]
        if violation.code == "field.missing" and key and violation.pointer == f"/{key}":
            hint = (f"the contract's schema describes the whole answer, but a gateway "
                    f"operation's schema describes the business payload, what is inside "
                    f"{prefix}: take the {key} level out of the schema "
                    "(docs/gateway-platforms.md)")
        return Finding(
            code=violation.code, severity=severity, check=CHECK_ID, message=message,
            location=where.at(prefix + violation.pointer), expected=violation.expected,
            actual=actual, hint=hint,
        )

    def _maker(self, where: _Where) -> Callable[..., Finding]:
        """A finding factory bound to one interaction; values at pointers are masked."""

        def make(code: str, severity: Severity, message: str, *, expected: Any = None,
                 actual: Any = None, hint: str | None = None,
                 pointer: str | None = None) -> Finding:
            if pointer and actual is not None and not isinstance(actual, dict | list):
                masked = self._mask(pointer, actual)
                if masked is not actual:
                    message = message.replace(describe(actual), describe(masked))
                actual = masked
            return self._finding(code, severity, where, message, expected=expected,
                                 actual=actual, hint=hint or CODE_HINTS.get(code), pointer=pointer)

        return make

    def _mask(self, pointer: str, value: Any) -> Any:
        """Personal data never reaches a report: mask the value by its key and its content."""
        key = pointer.rsplit("/", 1)[-1]
        return mask_value(value, key if not key.isdigit() else None, self.policy)

    def _duplicate(self, exc: DuplicateKeyError, where: _Where, prefix: str) -> Finding:
        return self._finding(
            "body.duplicate-key", _ERROR, where, f"body is ambiguous: {exc}",
            expected="each key once per object", actual=exc.key,
            pointer=f"{prefix}{exc.pointer}" or None,
            hint=f"send {exc.key!r} once; the body was checked with the last value, as Python "
                 f"reads it, but the other side may read the first")

    def _finding(
        self, code: str, severity: Severity, where: _Where, message: str, *,
        expected: Any = None, actual: Any = None, hint: str | None = None,
        pointer: str | None = None,
    ) -> Finding:
        return Finding(code=code, severity=severity, check=CHECK_ID, message=message,
                       location=where.at(pointer), expected=expected, actual=actual,
                       hint=hint or CODE_HINTS.get(code))


def _breaks(found: list[Violation]) -> bool:
    """Does the body miss a required field or have another type (not only extra fields)?"""
    return any(v.code in ("field.missing", "field.wrong-type") for v in found)


def _then(first: Callable[[str], str], second: Callable[[str], str]) -> Callable[[str], str]:
    return lambda pointer: second(first(pointer))


def _version_pointer(settings: PlatformSettings, source: str) -> str | None:
    """``request:/v`` when a gateway request's own version parameter named the version."""
    located = settings.wire.version
    if located is None or not source.startswith("the request's "):
        return None
    return f"{REQUEST_PREFIX}/{escape(located.name)}"

