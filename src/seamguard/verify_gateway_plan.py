"""Clean gateway calls, proved clean by a plan compiled once per operation.

Checking one gateway call runs generic machinery: routing by the operation name, choosing the
request media, typing form fields, finding embedded-document sites, filling the envelope's
pointers, the signature rules. For a call without findings, all of it depends only on
(platform, version, method, operation) and a few content types and statuses. :class:`GatewayPlans`
resolves it once into an :class:`_Plan`; a warm call then costs its parses, its ``is_valid``
calls and some dictionary lookups.

A plan only ever answers "clean". A call it cannot prove clean (anything with a finding, a
webhook, a call to a REST platform, the first call whose signature goes unchecked) is left to
the full check, which says what is wrong: findings are the same with or without plans.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.forms import coerce_text, declares
from seamguard.contracts.model import Contract, Operation, ResponseSpec, SchemaRef
from seamguard.contracts.schema import is_json_media
from seamguard.contracts.validation import violations
from seamguard.contracts.xml_typed import typed_xml
from seamguard.document_json import screened_reader
from seamguard.documents import (
    DEFAULT_MAX_DEPTH,
    loads_json_screens,
)
from seamguard.project import PlatformSettings, Project
from seamguard.recordings.bodies import read_body
from seamguard.recordings.cassettes import Interaction
from seamguard.recordings.routing import Router
from seamguard.verify_gateway import GatewayChecks, request_media
from seamguard.verify_gateway_documents import PlanDocument, PlanRequest
from seamguard.wire.pointers import MISSING, format_steps, through_xml
from seamguard.wire.profile import ParamLocation, SigningSettings, WireProfile
from seamguard.wire.requests import BodyProblem, Params, is_form
from seamguard.wire.signing import SigningError, verify_signature
from seamguard.xml_documents import XmlProblem, is_xml_media, loads_xml

__all__ = ["GatewayPlans"]

_ONLY = "the only configured version"
_UNSEEN: Any = object()
_BOUND = 10_000  # plans and URL heads remembered
_FEW = 64  # Content-Types remembered per operation


def _answer_kind(content_type: str | None) -> str | None:
    """``xml``, ``json`` or None (neither) for an answer's Content-Type, as the full check
    judges it (``GatewayChecks.format_finding``)."""
    found = _KINDS.get(content_type, _UNSEEN)
    if found is _UNSEEN:
        found = "xml" if is_xml_media(content_type) else "json" if is_json_media(
            content_type) else None
        if len(_KINDS) < _BOUND:  # Content-Types repeat across a cassette
            _KINDS[content_type] = found
    return found  # type: ignore[no-any-return]


_KINDS: dict[str | None, str | None] = {}


def _first(params: Params, places: tuple[str, ...], name: str) -> str | None:
    """``params.get`` of a parameter named by one name (no ``also``), without building a
    location: the first place that has it, as text.

    Raises:
        BodyProblem: the body had to be read and cannot be.
    """
    for place in places:
        if place == "query":
            value: Any = params.query.get(name)
        elif place == "form":
            value = params.form.get(name)
        elif place == "header":
            value = params.headers.get(name.lower())
        else:
            document = params.json
            value = document.get(name) if isinstance(document, dict) else None
        if value is not None:
            return value if isinstance(value, str) else json.dumps(value)
    return None


class _Response:
    """What a response with one status is checked against."""

    __slots__ = ("content", "headers", "media", "spec")

    def __init__(self, spec: ResponseSpec) -> None:
        self.spec = spec
        self.headers = tuple(spec.headers.values())
        self.content = bool(spec.content)
        self.media: dict[str | None, PlanDocument | None] = {}


class _Plan:
    """Everything a clean call of one operation needs, resolved once."""

    __slots__ = ("contract", "operation", "payload", "platform", "prefix", "requests",
                 "responses", "secret", "signing", "through")

    def __init__(self, contract: Contract, operation: Operation, platform: str,
                 signing: SigningSettings | None,
                 payload: Callable[..., Any] | None, prefix: str = "") -> None:
        self.contract = contract
        self.operation = operation
        self.platform = platform
        self.signing = signing
        self.secret: str | None = None  # read when first needed
        self.payload = payload  # the envelope's payload (MISSING: not a success); None: body
        self.prefix = prefix  # the payload's pointer (``⟨xml⟩`` in it: the payload is XML)
        self.requests: dict[str | None, PlanRequest | None] = {}
        self.responses: dict[int, _Response | None] = {}
        # is the payload read from XML, for a JSON answer and for an XML one
        self.through = (through_xml(prefix, False), through_xml(prefix, True))


class _Gateway:
    """A gateway platform's routing facts."""

    __slots__ = ("answer", "name", "named", "operation", "said", "said_in", "settings", "time",
                 "time_reads", "variants", "version", "versions", "wire")

    def __init__(self, name: str, settings: PlatformSettings) -> None:
        self.name = name
        self.settings = settings
        self.wire: WireProfile = settings.wire
        assert settings.wire.operation is not None  # only gateway platforms have one
        self.operation: ParamLocation = settings.wire.operation
        self.versions = frozenset(settings.versions)
        self.time = settings.wire.time.param  # the request parameter holding its time stamp
        self.time_reads = settings.wire.time.reader()
        response = settings.wire.response
        # (parameter, its values lowered) of each other answer format (ResponseVariant.asked_by)
        self.variants = tuple((v.param, frozenset(x.lower() for x in v.values))
                              for v in response.variants)
        # the answer format's (parameter, XML values, JSON values, default), lowered
        # (AnswerFormat.asked)
        answer = response.answer_format
        self.answer = None if answer is None else (
            answer.param, frozenset(x.lower() for x in answer.xml_values),
            frozenset(x.lower() for x in answer.json_values), answer.default)
        # (version, where from) when no header is read for it (else per call)
        self.version = None if settings.version_header else Router.version_of(settings, {},
                                                                               None)
        self.said: dict[str | None, str | None] = {}  # Router.said_version's answers
        # (places, name) of the operation's and the version's parameter, read in place
        # (Params.get) when one parameter names them; None: Params.get reads it
        operation = settings.wire.operation
        self.named = None if operation.also else (operation.places, operation.name)
        version = settings.wire.version
        self.said_in = None if version is None else (version.places, version.name)

    def said_version(self, said: str | None) -> str | None:
        """``Router.said_version`` for this platform, remembered (a cassette repeats them)."""
        found = self.said.get(said, _UNSEEN)
        if found is _UNSEEN:
            found = Router.said_version(self.settings, said)
            if len(self.said) < _FEW:
                self.said[said] = found
        return found  # type: ignore[no-any-return]


class GatewayPlans:
    """Says which gateway calls are clean without running the full check on them.

    Args:
        project: The project.
        router: The router the full check uses.
        catalog: The contracts the full check uses.
        gateway: The full check's gateway part (its envelopes, secrets and the platforms whose
            unchecked signatures it has already reported).
        max_body: The body size limit in bytes.
        max_depth: The nesting limit.
    """

    def __init__(self, project: Project, router: Router, catalog: ContractCatalog,
                 gateway: GatewayChecks, *, max_body: int, max_depth: int) -> None:
        self._platforms = project.settings.platforms
        self._router = router
        self._catalog = catalog
        self._gateway = gateway
        self._max_body = max_body
        self._max_depth = max_depth
        self._screens_embedded = max_depth <= DEFAULT_MAX_DEPTH
        self._read = screened_reader(max_depth)
        self._topic_headers = router.topic_headers
        self._hook_urls = router.hook_urls
        # Where a URL leads depends only on the part before its query when no base URL holds
        # {version} (which may swallow a "?") or a "?" or "#" of its own.
        self._by_head = all(not any(mark in p.base_url for mark in ("{", "?", "#"))
                            for p in self._platforms.values())
        # A gateway call's URL (before its query) ends with its profile's gateway path, when
        # every gateway profile names one: other URLs are let go at once.
        paths = [p.wire.path for p in self._platforms.values() if p.wire.operation is not None]
        self._paths = tuple(p.rstrip("/") for p in paths if p) if all(
            p and p.rstrip("/") for p in paths) \
            else None
        self._gateways: dict[str, _Gateway] = {}
        # what _head says of a URL's part before its query (when that part decides it)
        self._heads: dict[str, tuple[_Gateway, str | None, str] | None] = {}
        self._plans: dict[tuple[str, str, str, str, str], _Plan | None] = {}
        self._header_verdicts: dict[tuple[SchemaRef, str], bool] = {}

    @classmethod
    def wanted(cls, project: Project) -> bool:
        """Does the project have a gateway platform at all?"""
        return any(p.wire.operation is not None for p in project.settings.platforms.values())

    # -- one call ------------------------------------------------------------------------------

    def clean(self, interaction: Interaction) -> bool:
        """True when the full check would find nothing in this gateway call; False when it
        might (or when the call is not a gateway call)."""
        uri = interaction.uri
        head = uri.split("?", 1)[0]
        place = self._heads.get(head, _UNSEEN) if self._by_head else _UNSEEN
        if place is _UNSEEN:
            place = self._head(uri, head)
        if place is None:
            return False  # not a gateway call (a REST call, a webhook URL)
        request_headers = interaction.request_headers
        for header in self._topic_headers:
            if request_headers.get(header):
                return False  # a webhook
        gateway, from_url, path = place
        wire = gateway.wire
        params = Params(uri, request_headers, interaction.request_body, wire.charset)
        if from_url:
            version: str | None = from_url
            source = "the URL"
        elif gateway.version is not None:
            version, source = gateway.version
        else:
            version, source = Router.version_of(gateway.settings, interaction.response_headers,
                                                None)
        try:
            named = gateway.named
            name = params.get(gateway.operation) if named is None else _first(params, *named)
            said_in = gateway.said_in
            if said_in is not None and source in ("", _ONLY):
                said = _first(params, *said_in)
                found = gateway.said.get(said, _UNSEEN)
                said = gateway.said_version(said) if found is _UNSEEN else found
                if said is not None:
                    version = said
            # Every parameter together, read once: a body that cannot be read is never clean
            # (the full check says why).
            merged = params.merged()
        except BodyProblem:
            return False
        if name is None or version is None or version not in gateway.versions:
            return False
        for param, values in gateway.variants:  # as GatewayChecks.variant: one asked for
            value = merged.get(param)  # goes to the full check
            if value is not None and value.lower() in values:
                return False  # another answer format (simplify=true)
        asked: str | None = None  # JSON or XML, when the request says (format=xml)
        if gateway.answer is not None:
            param, xml_values, json_values, default = gateway.answer
            value = merged.get(param)
            if not value:
                asked = default
            else:
                lowered = value.lower()
                asked = "xml" if lowered in xml_values else "json" if lowered in json_values \
                    else None
        which = (gateway.name, version, interaction.method, path, name)
        try:
            plan = self._plans[which]
        except KeyError:
            if len(self._plans) >= _BOUND:  # names come from the recordings: keep it bounded
                self._plans.clear()
            plan = self._plans[which] = self._plan(gateway, version, interaction.method, path,
                                                 name)
        if plan is None:
            return False
        content_type = params.content_type
        try:
            request = plan.requests[content_type]
        except KeyError:
            request = self._request(plan, content_type)
            if len(plan.requests) < _FEW:
                plan.requests[content_type] = request
        if request is not None and not request.clean(params, merged):
            return False
        if gateway.time is not None:
            written = merged.get(gateway.time)
            if written is not None and not gateway.time_reads(written):
                return False
        if plan.signing is not None and (plan.secret != "" or plan.platform not in self._gateway
                                         .unchecked) and not self._signature_clean(plan, params):
            return False  # (without a secret, clean once the full check said so: below)
        if params.found is not None or params.mislabelled or params.bom or params.twice:
            return False  # a body in a charset its Content-Type does not name (or UTF-8
            # under a GBK label): said in full
        return self._response_clean(plan, interaction, asked)

    def _head(self, uri: str, head: str) -> tuple[_Gateway, str | None, str] | None:
        """``_place`` for a URL whose part before its query is ``head``, None also for a URL
        off every gateway path or at a webhook URL; remembered per ``head`` when that part
        decides it (``_by_head``)."""
        key = head.split("#", 1)[0]
        place = None
        if self._paths is None or key.rstrip("/").endswith(self._paths):  # else: a REST call
            place = self._place(uri, key)
            if place is not None and head in self._hook_urls:
                place = None
        if self._by_head and len(self._heads) < _BOUND:
            self._heads[head] = place
        return place

    def _place(self, uri: str, head: str) -> tuple[_Gateway, str | None, str] | None:
        """The gateway platform of a URL and the version it writes; None: not a gateway call."""
        located = self._router.locate(uri)
        place: tuple[_Gateway, str | None, str] | None = None
        if located is not None:
            name, from_url, path = located
            settings = self._platforms[name]
            wire = settings.wire
            at = wire.gateway_path(path)
            if at is not None:
                path = at
                gateway = self._gateways.get(name)
                if gateway is None:
                    gateway = self._gateways[name] = _Gateway(name, settings)
                place = (gateway, from_url, path)
        return place

    def _signature_clean(self, plan: _Plan, params: Params) -> bool:
        signing = plan.signing
        assert signing is not None
        platform = plan.platform
        secret = plan.secret
        if secret is None:
            secret = plan.secret = self._gateway.secret(platform)
        if not secret:
            return platform in self._gateway.unchecked  # else the full check says it once
        try:
            values = params.merged()
            signature = params.get(signing.signature)
        except BodyProblem:
            return False
        if not signature:
            return False
        if "<redacted>" in signature:
            return platform in self._gateway.unchecked
        body = params.body.decode(params.charset, "replace") if isinstance(
            params.body, bytes) else params.body
        try:
            return verify_signature(signing, values, secret, signature, body=body,
                                    url=params.uri, headers=params.headers).valid
        except SigningError:
            return False

    def _response_clean(self, plan: _Plan, interaction: Interaction,
                        asked: str | None = None) -> bool:
        status = interaction.status
        try:
            response = plan.responses[status]
        except KeyError:
            spec = plan.operation.response(status)
            response = plan.responses[status] = None if spec is None else _Response(spec)
        if response is None:
            return False
        headers = interaction.response_headers
        for header in response.headers:
            value = headers.get(header.name.lower())
            if value is None:
                if header.required:
                    return False
            elif header.schema is not None and not self._header_clean(plan.contract,
                                                                      header.schema, value):
                return False
        if not response.content:
            return True
        content_type = headers.get("content-type")
        if asked is not None and asked != (_KINDS[content_type] if content_type in _KINDS
                                           else _answer_kind(content_type)):
            return False  # JSON to a request asking for XML, or the reverse
        try:
            document = response.media[content_type]
        except KeyError:
            document = self._response_document(plan, response.spec, content_type)
            if len(response.media) < _FEW:
                response.media[content_type] = document
        if document is None:
            return False
        text = interaction.response_body
        if not isinstance(text, str) or len(text) > self._max_body:  # decode_body's cases
            text, problem, found = read_body(text, headers, self._max_body)
            if problem is not None or found is not None:  # not clean, or said
                return False
        if not text or text.isspace():  # (as text.strip() empty, without its copy)
            return False
        if document.xml:  # read as the full check reads it (verify_xml.read_xml)
            try:
                body, screened = loads_xml(text, max_depth=self._max_depth), False
            except XmlProblem:
                return False
            lossless = False
        else:
            # loads_json_screens' answer in one compiled call for the usual body, else its own
            read = self._read(text, self._max_depth, document.numbers) \
                if self._read is not None else None
            if read is None:
                try:
                    read = loads_json_screens(text, self._max_depth, document.numbers)
                except ValueError:
                    return False
            body, screened, lossless = read
            # What is embedded in the body is read with the default depth limit: the body's
            # screen holds for it when the body's own limit is no larger.
            screened = screened and self._screens_embedded
            lossless = lossless and screened
        if plan.payload is not None:
            body = plan.payload(body, screened)
            if body is MISSING:
                return False
        if plan.through[document.xml]:
            # XML has only text: typed by the schema first, as the full check types it (its
            # character references may spell digits: no screen of the text holds for it)
            body = typed_xml(plan.contract, document.schema, body)[0]
            lossless = False
        return document.clean(body, screened, lossless=lossless)

    def _header_clean(self, contract: Contract, ref: SchemaRef, value: str) -> bool:
        key = (ref, value)
        verdict = self._header_verdicts.get(key)
        if verdict is None:
            verdict = not violations(contract, ref, coerce_text(value, contract.schema(ref)))
            if len(self._header_verdicts) > _BOUND:
                self._header_verdicts.clear()
            self._header_verdicts[key] = verdict
        return verdict

    # -- compiling -----------------------------------------------------------------------------

    def _plan(self, gateway: _Gateway, version: str, method: str, path: str,
              name: str) -> _Plan | None:
        contract = self._catalog.load(gateway.name, version)
        if not isinstance(contract, Contract):
            return None
        wire = gateway.settings.wire
        operation = contract.named(method, path, name, wire.methods)
        if operation is None or operation.webhook or operation.query_params:
            return None  # (business parameters declared `in: query`: the full check reads)
        envelope = self._gateway.envelope(gateway.name)
        if envelope is None:
            return _Plan(contract, operation, gateway.name, wire.signing, None)
        steps = envelope.payload_steps(operation.gateway_name)
        return _Plan(contract, operation, gateway.name, wire.signing,
                     envelope.payload_of(operation.gateway_name),
                     format_steps(steps) if steps is not None else "")

    def _request(self, plan: _Plan, content_type: str | None) -> PlanRequest | None:
        if not plan.operation.request:
            return None
        media = request_media(plan.operation.request, content_type)
        if media is None or media.schema is None:
            return None
        wire = self._platforms[plan.platform].wire
        common = frozenset(wire.request.common)
        business = wire.request.business
        param = business.json_param if business is not None else None
        form = is_form(media.media_type)
        packed = param if param is not None and form and not declares(
            plan.contract, media.schema, param) else None
        return PlanRequest(plan.contract, media.schema, form, common, packed)

    @staticmethod
    def _response_document(plan: _Plan, spec: ResponseSpec,
                           content_type: str | None) -> PlanDocument | None:
        media = spec.media(content_type)
        if media is None or media.schema is None:
            return None  # nothing to prove it clean with: the full check decides
        xml = is_xml_media(media.media_type)
        if not (media.is_json or xml):
            return None
        return PlanDocument.of(plan.contract, media.schema, xml)
