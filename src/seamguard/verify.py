"""Recorded verification: does every recorded response still match its contract?

For each interaction of each cassette: route it to a platform, API version and operation (or
webhook), then check the status code, the content type, the headers the contract declares and the
body. Every problem is a Finding naming the cassette, the interaction and the JSON pointer.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from seamguard.contracts.bare_lists import rewrap
from seamguard.contracts.catalog import ContractCatalog
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
from seamguard.documents import TooDeepError, loads_json
from seamguard.errors import DocumentError, UsageError
from seamguard.findings import Finding, Location, Severity, interaction_case
from seamguard.privacy.guard import mask_text, mask_value
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.project import PlatformSettings, Project
from seamguard.recordings.cassettes import (
    Cassette,
    Interaction,
    decode_body,
    open_cassette,
    read_cassette,
)
from seamguard.recordings.routing import Route, Router
from seamguard.verify_batch import BatchParts, batch_of, batch_parts, check_batch
from seamguard.verify_gateway import REQUEST_PREFIX, GatewayChecks, fold_refusal
from seamguard.verify_gateway_plan import GatewayPlans
from seamguard.verify_headers import header_texts, response_value
from seamguard.verify_hints import CODE_HINTS, violation_hint
from seamguard.verify_path import PATH_HINT, PathParamChecks
from seamguard.verify_plan import BodyPlan, OperationPlan
from seamguard.verify_request import DELIVERY_HINT, RequestChecks, request_hint
from seamguard.verify_xml import read_xml, refusal, refusal_findings
from seamguard.wire.envelope import InBandError
from seamguard.wire.pointers import MISSING, escape, through_xml
from seamguard.wire.profile import BatchSettings
from seamguard.wire.requests import is_form
from seamguard.xml_documents import XmlProblem, is_xml_media, loads_xml

if TYPE_CHECKING:
    from seamguard.checks import RunContext

__all__ = ["CHECK_ID", "BodyPlan", "OperationPlan", "RecordedBody", "RecordedVerifier", "run_check"]

CHECK_ID = "recorded"
_ERROR = Severity.ERROR
_UNLOADABLE = "contract.unloadable"


class _Where:
    """Where an interaction is, kept cheap: a Location is only built when there is a finding."""

    __slots__ = ("file", "interaction", "operation", "platform", "version")

    def __init__(self, file: str, interaction: int) -> None:
        self.file = file
        self.interaction = interaction
        self.platform: str | None = None
        self.version: str | None = None
        self.operation: str | None = None

    def at(self, pointer: str | None = None) -> Location:
        return Location(platform=self.platform, version=self.version, operation=self.operation,
                        pointer=pointer, file=self.file, interaction=self.interaction)


class _Target(NamedTuple):
    """What one interaction is checked against."""

    contract: Contract
    operation: Operation
    route: Route
    where: _Where


_UNPLANNED: Any = object()


class RecordedBody(NamedTuple):
    """One recorded body, its envelope opened: the payload and where it sits, or the error."""

    interaction: Interaction
    contract: Contract
    operation: Operation
    label: str  # "POST /router/rest#taobao.trades.sold.get 200", or the webhook
    schema: SchemaRef
    payload: Any  # MISSING for an in-band error
    prefix: str  # pointer of the payload inside the recorded body
    error: InBandError | None = None


class RecordedVerifier:
    """Verifies cassettes against the project's contracts."""

    def __init__(self, project: Project, catalog: ContractCatalog) -> None:
        self.project = project
        self.catalog = catalog
        self.router = Router(project.settings)
        self.policy = PrivacyPolicy.from_settings(project.settings.privacy)
        settings = project.settings
        self.max_body = int(settings.max_body_mb * 1_048_576)
        self.max_document = int(settings.max_document_mb * 1_048_576)
        self.max_depth = settings.max_depth
        # With "off" the contracts are loaded open and never report undeclared fields.
        self.undeclared_severity = Severity(
            "info" if settings.undeclared_fields == "off" else settings.undeclared_fields)
        self._header_verdicts: dict[tuple[SchemaRef, str], list[Violation]] = {}
        self.path_params = PathParamChecks()
        self.requests = RequestChecks(max_body=self.max_body, max_depth=self.max_depth,
                                      undeclared=settings.undeclared_fields != "off")
        # (platform, version, path, webhook, method) -> the operation's plan (None: no plan).
        self._plans: dict[tuple[str, str | None, str, bool, str], OperationPlan | None] = {}
        self._operation_plans: dict[int, OperationPlan] = {}
        self.gateway = GatewayChecks(project)
        # Gateway calls proved clean once per operation; any other call takes the full check.
        self._clean_gateway_call = GatewayPlans(
            project, self.router, catalog, self.gateway, max_body=self.max_body,
            max_depth=self.max_depth).clean if GatewayPlans.wanted(project) else None
        # Platforms whose bodies sit in an envelope (or pushes carry a payload pointer).
        self._enveloped = frozenset(
            name for name, platform in settings.platforms.items()
            if not platform.wire.plain or platform.wire.push.payload)

    # -- files ---------------------------------------------------------------------------------

    def read(self, path: Path) -> Cassette | Finding:
        """The cassette, or a finding saying why it cannot be read."""
        display = self.project.relative(path)
        try:
            return read_cassette(path, display=display, max_bytes=self.max_document,
                                 max_depth=self.max_depth)
        except DocumentError as exc:
            return self.unreadable(display, exc)

    def open(self, path: Path) -> Cassette:
        """The cassette, to stream with ``each()`` (which raises DocumentError if it cannot)."""
        return open_cassette(path, display=self.project.relative(path),
                             max_bytes=self.max_document, max_depth=self.max_depth)

    @staticmethod
    def unreadable(display: str, exc: DocumentError) -> Finding:
        """The finding for a cassette that cannot be read."""
        return Finding(
            code="cassette.unreadable", severity=_ERROR, check=CHECK_ID,
            message=exc.message, hint=exc.hint, location=Location(file=display, line=exc.line),
        )

    def platform_of(self, interaction: Interaction) -> str | None:
        """The platform an interaction is routed to, or None for an unknown host."""
        route = self.router.route(interaction)
        return route.platform if route is not None else None

    def verify_cassette(self, cassette: Cassette) -> list[Finding]:
        findings: list[Finding] = []
        clean_gateway_call = self._clean_gateway_call
        for interaction in cassette.each():
            # verify(), with the gateway plan asked here: a clean call costs no more calls
            if clean_gateway_call is None or not clean_gateway_call(interaction):
                findings.extend(self._verify(cassette, interaction))
        return findings

    def payloads(self, cassette: Cassette, unchecked: list[Finding] | None = None,
                 ) -> Iterator[tuple[Interaction, Contract, str, SchemaRef, Any]]:
        """Each JSON payload the contracts describe: (interaction, contract, label, schema, body).

        The label is the operation and status (``GET /orders.json 200``) or the webhook; bodies
        that cannot be routed, decoded or parsed are skipped (the recorded check reports them),
        and so are in-band errors. Envelopes are opened: the body is the business payload.
        A check that runs without the recorded check passes ``unchecked``: it receives a finding
        for each body skipped because it is too large, too deep, empty or not JSON.
        """
        for found in self.bodies(cassette, unchecked):
            if found.error is None:
                yield found.interaction, found.contract, found.label, found.schema, found.payload

    def bodies(self, cassette: Cassette, unchecked: list[Finding] | None = None,
               ) -> Iterator[RecordedBody]:
        """Each recorded body the contracts describe, its envelope opened (see ``payloads``).

        Unlike ``payloads`` this also yields in-band errors (``error`` set, no payload), so
        drift can count them.
        """
        for interaction in cassette.each():
            route = self.router.route(interaction)
            parts = self._batch_parts(interaction, route) if route is not None else None
            if parts is not None:  # a batch: each call's answer, numbered in its pointers
                yield from self._batch_bodies(cassette, interaction, parts, unchecked)
                continue
            target = self._target_of(cassette, interaction, route)
            if isinstance(target, Finding):
                # No contract operation to profile against (an unknown operation or host):
                # said, never skipped silently.
                self._unreadable(cassette, interaction, unchecked, [target])
                continue
            yield from self._recorded(cassette, interaction, target, unchecked)

    def _recorded(self, cassette: Cassette, interaction: Interaction, target: _Target,
                  unchecked: list[Finding] | None, answer: str | None = None,
                  ) -> Iterator[RecordedBody]:
        """The recorded body of one routed interaction (``answer``: one call's part of a batch
        answer), or what kept it from being read, into ``unchecked``."""
        operation = target.operation
        if operation.webhook:
            media = match_media(operation.request,
                                interaction.request_headers.get("content-type"))
            body, headers, label = (interaction.request_body, interaction.request_headers,
                                    operation.label)
        else:
            response = operation.response(interaction.status)
            if response is None:
                return
            media = response.media(interaction.response_headers.get("content-type"))
            body, headers = interaction.response_body, interaction.response_headers
            label = f"{operation.label} {interaction.status}"
        if answer is not None:
            body, headers = answer, _inflated(headers)
        if media is None:
            # A media type the contract does not declare (an HTML error page, say); an
            # in-band error in it (XML the contract does not declare) still counts.
            refused = self._undeclared_error(target, interaction, label, body, headers)
            if refused is not None:
                yield refused
            self._unreadable(cassette, interaction, unchecked)
            return
        if media.schema is None:
            return
        document = self._document(target, media, body, headers)
        if document is MISSING:
            if unchecked is not None and (media.is_json or is_xml_media(
                    media.media_type)) and not (
                    operation.webhook and is_form(media.media_type)):
                # Too large, too deep, empty or not JSON: said, never skipped silently.
                if answer is not None:  # a batch's call: said with the batch's findings
                    self._unreadable(cassette, interaction, unchecked)
                    return
                line = cassette.line_of(interaction.index)
                unchecked.extend(replace(f, location=replace(f.location, line=line))
                                 for f in self._check_body(target, media, body, headers))
            return
        params = target.route.params
        opened = self.gateway.unwrap(target.route.platform, document, operation, params)
        if opened is None:
            # Neither the success nor the error envelope: nothing to profile, say why.
            self._unreadable(cassette, interaction, unchecked)
            return
        payload, prefix, error = opened
        variant = self.gateway.variant(target.route.platform, params)
        if error is None and variant is not None and variant.bare_lists \
                and not operation.webhook:
            # profiled and mapped in the shape the contract describes
            payload = rewrap(target.contract, media.schema, payload)[0]
        if error is None and through_xml(prefix, is_xml_media(media.media_type)):
            # texts read as the types the contract declares, as a JSON answer has them
            payload = typed_xml(target.contract, target.contract.schema(media.schema),
                                payload)[0]
        yield RecordedBody(interaction, target.contract, operation, label, media.schema,
                           payload, prefix, error)

    def _batch_parts(self, interaction: Interaction, route: Route) -> BatchParts | None:
        """The calls of a batch with their answers; None for any other interaction."""
        found = self._batch_contract(route)
        return None if found is None else batch_parts(self, interaction, route, *found)

    def _batch_contract(self, route: Route) -> tuple[Contract, BatchSettings] | None:
        """(contract, batch settings) of a call at its platform's batch path; None for any
        other call, or when the contract cannot be had (``_target_of`` says why)."""
        settings = self.project.settings.platforms[route.platform]
        batch = batch_of(settings.wire, route.path) if not (route.gateway or route.webhook) \
            else None
        if batch is None or route.version not in settings.versions:
            return None
        contract = self.catalog.load(route.platform, route.version)
        return (contract, batch) if isinstance(contract, Contract) else None

    def _batch_bodies(self, cassette: Cassette, interaction: Interaction, parts: BatchParts,
                      unchecked: list[Finding] | None) -> Iterator[RecordedBody]:
        """Each call's answer of a batch (its prefix numbered, ``/1/…_response``); what kept
        any from being read is said once for the batch."""
        said: list[Finding] = []
        if not parts:  # answers that do not match the calls: the batch's findings say why
            self._unreadable(cassette, interaction, unchecked)
            return
        for number, target, answer in parts:
            for found in self._recorded(cassette, interaction, target, said, answer):
                yield found._replace(prefix=f"/{number}{found.prefix}")
        if said:
            self._unreadable(cassette, interaction, unchecked)

    def _undeclared_error(self, target: _Target, interaction: Interaction, label: str,
                          body: bytes | str | None,
                          headers: dict[str, str]) -> RecordedBody | None:
        """The in-band error inside an answer in a media type the contract does not declare
        (XML), as a body without payload; None when there is none."""
        operation = target.operation
        response = None if operation.webhook else operation.response(200)
        if response is None or target.route.platform not in self._enveloped:
            return None
        schema = next((m.schema for m in response.content.values() if m.schema is not None),
                      None)
        text = body if isinstance(body, str) else decode_body(body, headers, self.max_body)[0]
        if schema is None or not text:
            return None
        error = refusal(self.gateway, target.route.platform, operation, target.route.params,
                        text, max_depth=self.max_depth)
        if error is None:
            return None
        return RecordedBody(interaction, target.contract, operation, label, schema, MISSING,
                            "", error)

    def _unreadable(self, cassette: Cassette, interaction: Interaction,
                    unchecked: list[Finding] | None,
                    findings: list[Finding] | None = None) -> None:
        """What kept an interaction's body from being profiled, into ``unchecked``."""
        if unchecked is None:
            return
        found = findings if findings is not None else self.verify(cassette, interaction)
        unchecked.extend(f for f in found if f.severity is not Severity.INFO
                         and f.code != "status.undocumented")

    def _document(self, target: _Target, media: MediaSpec, body: bytes | str | None,
                  headers: dict[str, str]) -> Any:
        """A JSON body parsed, or a pushed form's fields; MISSING when neither can be read."""
        if target.operation.webhook and is_form(media.media_type):
            return self.gateway.form_fields(target.contract, media, target.route.platform,
                                            headers, body)
        xml = is_xml_media(media.media_type)
        if media.schema is None or not (media.is_json or xml):
            return MISSING
        text, problem = decode_body(body, headers, self.max_body)
        if problem is not None or not text:
            return MISSING
        if xml:
            try:
                return loads_xml(text, max_depth=self.max_depth)
            except XmlProblem:
                return MISSING
        try:
            return loads_json(text, max_depth=self.max_depth)
        except ValueError:
            return MISSING

    # -- one interaction -----------------------------------------------------------------------

    def verify(self, cassette: Cassette, interaction: Interaction) -> list[Finding]:
        """All findings for one interaction (empty when it matches its contract)."""
        if self._clean_gateway_call is not None and self._clean_gateway_call(interaction):
            return []
        return self._verify(cassette, interaction)

    def _verify(self, cassette: Cassette, interaction: Interaction) -> list[Finding]:
        """``verify`` once the gateway plan (if any) could not say the call is clean."""
        route = self.router.route(interaction)
        # Signed pushes and gateway calls (params read from the request) take the full check.
        if route is not None and route.params is None and self._clean(cassette, interaction,
                                                                      route):
            return []
        batch = self._batch(cassette, interaction, route) if route is not None else None
        target = self._target_of(cassette, interaction, route) if batch is None else batch
        if isinstance(target, list):
            findings = target
        elif isinstance(target, Finding):
            findings = [target]
        elif target.operation.webhook:
            findings = list(self._check_webhook(cassette, interaction, target))
        else:
            findings = list(self._check_response(cassette, interaction, target))
            if target.route.gateway:
                findings = fold_refusal(findings)
        if not findings:
            return findings
        # Lines cost a parse of the file's node tree: only pay for them when there is a finding.
        line = cassette.line_of(interaction.index)
        return [replace(f, location=replace(f.location, line=line)) for f in findings]

    def _batch(self, cassette: Cassette, interaction: Interaction,
               route: Route) -> list[Finding] | None:
        """The findings of a call at the platform's batch path (TOP's ``/router/batch``); None
        for any other call, or when the contract cannot be had (``_target_of`` says why)."""
        found = self._batch_contract(route)
        if found is None:
            return None
        where = _Where(cassette.display, interaction.index)
        where.platform, where.version = route.platform, route.version
        return check_batch(self, interaction, route, *found, where)

    # -- the plan: what a clean interaction costs -----------------------------------------------

    def plan(self, route: Route, method: str) -> OperationPlan | None:
        """The plan of the operation a (non-gateway) route names; None when routing it already
        says something (unknown version, unloadable contract, undocumented operation)."""
        key = (route.platform, route.version, route.path, route.webhook, method)
        found = self._plans.get(key, _UNPLANNED)
        if found is _UNPLANNED:
            found = self._plan(route, method)
            if len(self._plans) > 50_000:  # distinct paths (ids in them): keep memory bounded
                self._plans.clear()
            self._plans[key] = found
        return found  # type: ignore[no-any-return]

    def _plan(self, route: Route, method: str) -> OperationPlan | None:
        version = route.version
        if version is None or version not in self.project.settings.platforms[
                route.platform].versions:
            return None
        contract = self.catalog.load(route.platform, version)
        if not isinstance(contract, Contract):
            return None
        operation = (contract.webhooks.get(route.path) if route.webhook
                     else self._match(contract, method, route.path))
        if operation is None:
            return None
        # One plan per operation, whatever path (ids in it) led there.
        plan = self._operation_plans.get(id(operation))
        if plan is None or plan.operation is not operation:
            plan = OperationPlan(contract, operation, route.platform, version,
                                 route.platform in self._enveloped)
            self._operation_plans[id(operation)] = plan
        return plan

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

    def _clean(self, cassette: Cassette, interaction: Interaction, route: Route) -> bool:
        """True when the interaction certainly matches its contract (no finding at all);
        False when the full check must say what it finds, if anything."""
        plan = self.plan(route, interaction.method)
        if plan is None:
            return False
        if route.webhook:
            headers = interaction.request_headers
            if self.requests.delivery(plan.contract, plan.operation, interaction):
                return False
            body = interaction.request_body
            checks = plan.body(0, headers.get("content-type"))
        else:
            if plan.operation.path_params and self.path_params.violations(
                    plan.contract, plan.operation, route.path):
                return False
            if self.requests.violations(plan.contract, plan.operation, interaction):
                return False
            headers = interaction.response_headers
            body = interaction.response_body
            checks = plan.body(interaction.status, headers.get("content-type"))
        if checks is None:
            return False
        for name, header in checks.headers:
            value = headers.get(name)
            if value is None:
                if header.required:
                    return False
            elif header.schema is not None and any(
                    self._header_verdict(plan.contract, header, text) for text in header_texts(
                        plan.contract, header.schema, value, interaction.response_lines, name)):
                return False
        schema = checks.schema
        if schema is None:
            return True
        text, problem = decode_body(body, headers, self.max_body)
        if problem is not None or not text or text.isspace():
            return False
        try:
            instance = loads_json(text, max_depth=self.max_depth)
        except ValueError:
            return False
        if plan.enveloped:
            where = _Where(cassette.display, interaction.index)
            where.platform, where.version = plan.platform, plan.version
            where.operation = plan.operation.label
            opened = self.gateway.open(plan.platform, instance, plan.operation,
                                       self._maker(where), plan.contract)
            if isinstance(opened, list):
                return False
            instance = opened[0]
        if checks.sites:
            return not violations(plan.contract, schema, instance)
        assert checks.validator is not None
        return checks.validator.is_valid(instance)

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
            push_topic = settings.wire.push.topic
            if operation is None and route.path == "*" and push_topic is not None:
                return self._finding(
                    "webhook.undocumented", _ERROR, where,
                    f"the delivery names no topic: expected a {push_topic.name!r} value in its "
                    f"{' or '.join(push_topic.places)} body (documented topics: "
                    f"{', '.join(sorted(contract.webhooks)) or 'none'})",
                    hint="the sender must say which message this is; check the recording")
            if operation is None:
                known = ", ".join(sorted(contract.webhooks)) or "none"
                return self._finding(
                    "webhook.undocumented", _ERROR, where,
                    f"webhook topic {route.path!r} is not in {contract.label}'s contract "
                    f"(documented: {known})",
                    actual=route.path, hint="add it under `webhooks:` in the contract",
                )
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
                    if methods else "add the path to the contract, or check the base_url")
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
            yield from self.gateway.request_findings(contract, operation, target.route, make)
            yield from self.gateway.time_findings(target.route, make)
            yield from self.gateway.signature_findings(target.route, make)
        else:
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
            yield self._finding(
                "content-type.undeclared", _ERROR, where,
                f"response Content-Type {content_type or '(none)'} is not declared for "
                f"{operation.label} {response.status}",
                expected=sorted(response.content), actual=content_type,
            )
            # An error the platform sent in a format the contract does not declare (XML)
            # is still an error: never silent.
            yield from self._undeclared_xml(target, interaction.response_body,
                                            interaction.response_headers)
            return
        yield from self._check_body(
            target, media, interaction.response_body, interaction.response_headers
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
            return
        yield from self._check_body(
            target, media, interaction.request_body, interaction.request_headers
        )

    def _check_form_push(self, target: _Target, media: MediaSpec,
                         interaction: Interaction) -> Iterator[Finding]:
        """A push sent as a form (fields, or a JSON document inside one of them)."""
        if media.schema is None:
            return
        opened = self.gateway.form_push(target.contract, target.operation, media, interaction,
                                        target.route, self._maker(target.where))
        if isinstance(opened, list):
            yield from opened
            return
        instance, prefix = opened
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
        headers: dict[str, str],
    ) -> Iterator[Finding]:
        contract, where = target.contract, target.where
        xml = is_xml_media(media.media_type)
        if media.schema is None or not (media.is_json or xml):
            return
        text, problem = decode_body(body, headers, self.max_body)
        if problem is not None:
            code = "body.too-large" if "limit" in problem else "body.undecodable"
            yield self._finding(code, _ERROR, where, f"{problem}; the body was not checked",
                                hint="raise max_body_mb in [tool.seamguard] if this is intended"
                                if code == "body.too-large" else None)
            return
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
            if unread:
                yield from unread
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
            instance, prefix = opened
            variant = self.gateway.variant(target.route.platform, params)
            if variant is not None and variant.bare_lists and not target.operation.webhook:
                instance, back = rewrap(contract, media.schema, instance)
        if through_xml(prefix, xml):  # an XML body, or a payload inside XML held by a string
            instance, typed_back = typed_xml(contract, contract.schema(media.schema), instance)
            back = typed_back if back is None else _then(typed_back, back)
        for violation in violations(contract, media.schema, instance):
            if back is not None:
                violation = replace(violation, pointer=back(violation.pointer))
            yield self._violation(violation, where, prefix)

    def _json_body(self, text: str, media: MediaSpec, target: _Target,
                   headers: dict[str, str]) -> tuple[Any, list[Finding]]:
        """(the JSON body parsed, []), or (MISSING, the findings saying why it cannot be)."""
        where = target.where
        try:
            return loads_json(text, max_depth=self.max_depth), []
        except TooDeepError as exc:
            return MISSING, [self._finding("body.too-deep", _ERROR, where,
                                f"body is {exc}; the body was not checked",
                                hint="raise max_depth in [tool.seamguard] if this is intended")]
        except json.JSONDecodeError as exc:
            return MISSING, [self._finding(
                "body.not-json", _ERROR, where,
                f"body is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}) "
                f"although the contract declares {media.media_type}",
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
        severity = self.undeclared_severity if violation.undeclared else _ERROR
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
        return Finding(
            code=violation.code, severity=severity, check=CHECK_ID, message=message,
            location=where.at(prefix + violation.pointer), expected=violation.expected,
            actual=actual, hint=violation_hint(violation),
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

    def _finding(
        self, code: str, severity: Severity, where: _Where, message: str, *,
        expected: Any = None, actual: Any = None, hint: str | None = None,
        pointer: str | None = None,
    ) -> Finding:
        return Finding(code=code, severity=severity, check=CHECK_ID, message=message,
                       location=where.at(pointer), expected=expected, actual=actual,
                       hint=hint or CODE_HINTS.get(code))


class _Explainers:
    """Which mappings read a recorded interaction, so its findings offer ``map explain``."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._index: dict[tuple[str, str], list[tuple[str, list[str]]]] | None = None

    def _build(self) -> dict[tuple[str, str], list[tuple[str, list[str]]]]:
        from seamguard.mapping.check import load_mappings

        index: dict[tuple[str, str], list[tuple[str, list[str]]]] = {}
        for mapping in load_mappings(self.project):
            if isinstance(mapping, Finding):
                continue  # a broken mapping is the mapping check's to report
            source = mapping.spec.source
            labels = [f"webhook {r.webhook}" if r.webhook else str(r.operation)
                      for r in source.recorded]
            index.setdefault((source.platform, source.version), []).append(
                (mapping.name, labels))
        return index

    def offer(self, finding: Finding) -> Finding:
        loc = finding.location
        if loc.file is None or loc.interaction is None or loc.platform is None:
            return finding
        if self._index is None:
            self._index = self._build()
        names = [name for name, labels in self._index.get((loc.platform, loc.version or ""), [])
                 if loc.operation in labels]
        commands = tuple(f"seamguard map explain {name} {loc.file}#{loc.interaction}"
                         for name in names)
        return replace(finding, reproduce=commands) if commands else finding


def run_check(context: RunContext) -> Iterator[Finding]:
    """The ``recorded`` check: verify every cassette under the project's cassette folder."""
    project = context.project
    # A contract that cannot load makes the project invalid even when nothing was recorded.
    # It is one finding, said once after the cassettes were read, with how many recorded
    # interactions it kept from being checked (not one finding per interaction).
    unloadable = unloadable_contracts(context.catalog)
    unchecked: Counter[tuple[str | None, str | None]] = Counter()
    files = project.cassette_files()
    folder = project.cassettes_dir
    if not files:
        yield from unloadable_findings(unloadable, unchecked)
    if not files and "cassettes" in project.settings.model_fields_set and not (
            folder.exists() or folder.is_symlink()):
        # The folder was named on purpose: a typo there must not pass as "nothing recorded".
        yield Finding(
            code="recorded.none", severity=_ERROR, check=CHECK_ID,
            message=f"cassettes = {project.settings.cassettes!r}: the folder {folder} does not "
                    "exist, so no recorded response was checked",
            location=Location(file=project.relative(project.pyproject),
                              line=project.setting_line("cassettes"),
                              pointer="tool.seamguard.cassettes"),
            hint="create the folder and record into it, or fix the path (relative to the "
                 "project)")
        return
    if not files:
        yield Finding(
            code="recorded.none", severity=Severity.WARNING, check=CHECK_ID,
            message=f"no cassettes found in {project.settings.cassettes}/, so no recorded "
                    "response was checked",
            location=Location(file=project.settings.cassettes),
            hint="record platform responses with vcrpy into that folder",
        )
        return
    verifier = RecordedVerifier(project, context.catalog)
    explainers = _Explainers(project)
    interactions = unknown = 0
    platforms = context.options.get("only", {}).get("platform")
    for done, path in enumerate(files):
        context.progress(done, len(files), project.relative(path))
        # Streamed, one interaction at a time; what a cassette yields is held back until the
        # whole file has read cleanly, so a broken one gives its one finding, as it always did.
        cassette = verifier.open(path)
        found: list[Finding] = []
        cases: list[str] = []
        seen = checked = unplaced = 0
        try:
            for interaction in cassette.each():
                seen += 1
                if platforms and verifier.platform_of(interaction) not in platforms:
                    continue  # --only platform=...: another platform's (or no platform's) traffic
                findings = set_aside_unloadable(verifier.verify(cassette, interaction),
                                                unchecked)
                checked += 1
                cases.append(interaction_case(cassette.display, interaction.index))
                unplaced += any(f.code == "interaction.unknown-platform" for f in findings)
                found.extend(explainers.offer(f) for f in findings)
        except DocumentError as exc:
            yield verifier.unreadable(cassette.display, exc)
            continue
        if not seen:
            yield Finding(
                code="cassette.empty", severity=Severity.WARNING, check=CHECK_ID,
                message="the cassette holds no interactions, so it checks nothing",
                location=Location(file=cassette.display, line=1),
                hint="record into it again, or delete it")
        interactions += checked
        unknown += unplaced
        for case in cases:
            context.case(case)
        yield from found
        context.examined += seen
    context.progress(len(files), len(files), "")
    yield from unloadable_findings(unloadable, unchecked)
    if interactions and unknown == interactions:
        # Nothing was verified at all: a green run here would be a lie.
        yield Finding(
            code="recorded.nothing-verified", severity=Severity.ERROR, check=CHECK_ID,
            message=f"none of the {interactions} recorded interactions belongs to a configured "
                    "platform, so nothing was verified",
            location=Location(file=project.relative(project.pyproject)),
            hint="declare the platforms under [tool.seamguard.platforms] with base_urls that "
                 "match the recorded hosts (`seamguard init` adopts an existing contracts/ "
                 "tree and its servers)")


def _then(first: Callable[[str], str], second: Callable[[str], str]) -> Callable[[str], str]:
    return lambda pointer: second(first(pointer))


def unloadable_contracts(catalog: ContractCatalog) -> dict[tuple[str, str], UsageError]:
    """The contracts of the project that do not load, by (platform, version)."""
    return {(platform, version): loaded for platform, version in catalog.entries()
            if isinstance(loaded := catalog.load(platform, version), UsageError)}


def set_aside_unloadable(findings: list[Finding],
                         unchecked: Counter[tuple[str | None, str | None]]) -> list[Finding]:
    """``findings`` without the per-interaction "contract does not load" ones, counted into
    ``unchecked`` by (platform, version) for :func:`unloadable_findings`."""
    for finding in findings:
        if finding.code == _UNLOADABLE:
            unchecked[finding.location.platform, finding.location.version] += 1
    return [f for f in findings if f.code != _UNLOADABLE]


def unloadable_findings(unloadable: dict[tuple[str, str], UsageError],
                        unchecked: Counter[tuple[str | None, str | None]]) -> Iterator[Finding]:
    """One finding per contract that cannot load, with the interactions it left unchecked."""
    for (platform, version), error in unloadable.items():
        count = unchecked[platform, version]
        left = (f"; {count} recorded interaction{'s' if count != 1 else ''} against it could "
                "not be checked" if count else "")
        yield Finding(
            code=_UNLOADABLE, severity=_ERROR, check=CHECK_ID,
            message=f"{platform}@{version} cannot be loaded: {error.message}{left}",
            hint=error.hint or "run `seamguard contract lint` for details",
            location=Location(platform=platform, version=version, file=error.file,
                              line=error.line, pointer=error.pointer),
            actual={"unchecked_interactions": count} if count else None)


def _inflated(headers: dict[str, str]) -> dict[str, str]:
    """Headers of a text already inflated and decoded (one call's part of a batch answer)."""
    return {k: v for k, v in headers.items() if k != "content-encoding"}


def _version_pointer(settings: PlatformSettings, source: str) -> str | None:
    """``request:/v`` when a gateway request's own version parameter named the version."""
    located = settings.wire.version
    if located is None or not source.startswith("the request's "):
        return None
    return f"{REQUEST_PREFIX}/{escape(located.name)}"
