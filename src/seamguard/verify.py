"""Recorded verification: does every recorded response still match its contract?

For each interaction of each cassette: route it to a platform, API version and operation (or
webhook), then check the status code, the content type, the headers the contract declares and the
body. Every problem is a Finding naming the cassette, the interaction and the JSON pointer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from seamguard.contracts.bare_lists import rewrap
from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract, MediaSpec, Operation, SchemaRef, match_media
from seamguard.contracts.validation import Violation
from seamguard.contracts.xml_typed import typed_xml
from seamguard.documents import loads_json
from seamguard.errors import DocumentError
from seamguard.findings import Finding, Location, Severity, interaction_case
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.project import Project
from seamguard.recordings.cassettes import (
    Cassette,
    Interaction,
    decode_body,
    open_cassette,
    read_cassette,
)
from seamguard.recordings.routing import Route, Router
from seamguard.verify_batch import BatchParts, batch_of, batch_parts, check_batch
from seamguard.verify_clean import CleanPlans
from seamguard.verify_gateway import GatewayChecks, fold_refusal
from seamguard.verify_gateway_plan import GatewayPlans
from seamguard.verify_path import PathParamChecks
from seamguard.verify_plan import BodyPlan, OperationPlan
from seamguard.verify_request import RequestChecks
from seamguard.verify_target import _ERROR, CHECK_ID
from seamguard.verify_target import _Target as _Target
from seamguard.verify_target import _Where as _Where
from seamguard.verify_twins import declared_by
from seamguard.verify_unloadable import set_aside_unloadable as set_aside_unloadable
from seamguard.verify_unloadable import unloadable_contracts as unloadable_contracts
from seamguard.verify_unloadable import unloadable_findings as unloadable_findings
from seamguard.verify_xml import refusal
from seamguard.wire.envelope import InBandError
from seamguard.wire.pointers import MISSING, through_xml
from seamguard.wire.profile import BatchSettings
from seamguard.wire.requests import is_form
from seamguard.xml_documents import XmlProblem, is_xml_media, loads_xml

if TYPE_CHECKING:
    from seamguard.checks import RunContext

__all__ = ["CHECK_ID", "BodyPlan", "OperationPlan", "RecordedBody", "RecordedVerifier", "run_check"]


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


class RecordedVerifier(CleanPlans):
    """Verifies cassettes against the project's contracts."""

    def __init__(self, project: Project, catalog: ContractCatalog) -> None:
        self.project = project
        self.catalog = catalog
        self.router = Router(project.settings, declared_by(project, catalog))
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
        # Path-routed platforms that stamp or sign their calls: those are checked in full.
        self._signed_paths = frozenset(
            name for name, platform in settings.platforms.items()
            if platform.wire.operation is None
            and (platform.wire.signing is not None or platform.wire.time.param))
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
        # A cassette the user may not read makes the project unusable (exit 2), like a
        # contract that cannot load; one that opens but is no cassette is a finding.
        return Finding(
            code=exc.finding_code("cassette.unreadable"),
            severity=_ERROR, check=CHECK_ID,
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
        try:  # a byte-order mark is read past, as the check of the body does (and says)
            return loads_json(text.removeprefix("\ufeff"), max_depth=self.max_depth)
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
            findings = fold_refusal(list(self._check_webhook(cassette, interaction, target)))
        else:
            # A refused signature is one finding on every signed platform, gateway or
            # path-routed alike (Shopee's "error_sign", LOP's refusals).
            findings = fold_refusal(list(self._check_response(cassette, interaction, target)))
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


def _inflated(headers: dict[str, str]) -> dict[str, str]:
    """Headers of a text already inflated and decoded (one call's part of a batch answer)."""
    return {k: v for k, v in headers.items() if k != "content-encoding"}
