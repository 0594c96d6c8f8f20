"""Batch calls: several gateway calls in one request, checked one by one (TOP's ``/router/batch``).

A wire profile's ``[batch]`` names the path. TOP's batch API, as its SDKs send it: the system
parameters (``app_key``, ``timestamp``, ``format``, ``v``, ``sign_method``, ``session``,
``sign``) in the URL; the body a text of parts separated by ``\\r\\n-S-\\r\\n`` (or the separator
the ``top-api-separator`` header names), each part one call's parameters written as a query
string (``method=taobao.trade.fullinfo.get&fields=tid&tid=…``), a first part starting with
``#PUBLIC#`` holding parameters every call shares (a shared ``method`` among them); the answer
the same number of parts, each the JSON (or XML) document a single call would get, in the same
order. The signature covers the URL's parameters, sorted, with the whole body appended. A batch
the gateway refuses as a whole (a wrong signature) is answered with one document.

A batch reads as a list: calls and answers are numbered from 0 in the order sent, and each
finding about one call points into its part (``request:/1/tid``, ``/1/trade_fullinfo_get_response
/trade/payment``) and names that call's operation. The signature is ``request:/sign``, as for a
single call; a refused signature is one finding (``verify_gateway.fold_refusal``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote_to_bytes, urlencode

from seamguard.contracts.model import Contract
from seamguard.findings import Finding, Severity
from seamguard.recordings.bodies import charset_of, read_body, undeclared_cjk
from seamguard.recordings.cassettes import Interaction, decode_body
from seamguard.recordings.routing import Route
from seamguard.verify_charsets import BOM, byte_order_mark, undeclared_charset
from seamguard.verify_gateway import REQUEST_PREFIX, fold_refusal, written_as
from seamguard.wire.envelope import Envelope
from seamguard.wire.profile import BatchSettings, WireProfile
from seamguard.wire.requests import BodyProblem, Params

if TYPE_CHECKING:
    from seamguard.verify import RecordedVerifier

__all__ = ["BatchParts", "batch_of", "batch_parts", "check_batch", "split_batch"]

_ERROR = Severity.ERROR


def batch_of(wire: WireProfile, path: str) -> BatchSettings | None:
    """The profile's batch settings when ``path`` is its batch path (a gateway profile's, whose
    calls name their operation); else None."""
    batch = wire.batch
    if batch is None or wire.operation is None or wire.path is None or \
            path.rstrip("/") != batch.path.rstrip("/"):
        return None
    return batch


def split_batch(body: str, separator: str, public_prefix: str | None, encoding: str = "utf-8"
                ) -> tuple[dict[str, str], list[dict[str, str]]]:
    """(the parameters every call shares, each call's own) of a batch body; ``encoding``: the
    charset of its percent-encoded bytes."""
    parts = body.split(separator) if body else []
    shared: dict[str, str] = {}
    if parts and public_prefix and parts[0].startswith(public_prefix):
        shared = dict(parse_qsl(parts.pop(0)[len(public_prefix):], keep_blank_values=True,
                                encoding=encoding, errors="replace"))
    # TOP's Java SDK writes a call without parameters of its own as "N"
    return shared, [dict(parse_qsl(part, keep_blank_values=True, encoding=encoding,
                                   errors="replace")) if part != "N" else {}
                    for part in parts]


def _percent_encoding(text: str, headers: dict[str, str]
                      ) -> tuple[str, str | None, str | None]:
    """(the charset a batch body's percent-encoded bytes are in; the name of the one found when
    the Content-Type names none and they are not UTF-8, ``GBK``; what is wrong when they are
    not in the charset the Content-Type names), the last two None when nothing is to say."""
    declared = charset_of(headers.get("content-type"))
    encoding = declared or "utf-8"
    if "%" not in text:
        return encoding, None, None
    raw = unquote_to_bytes(text.replace("+", " "))
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as exc:
        found = None if declared is not None else undeclared_cjk(raw)
        if found is not None:
            return found[0].charset, found[1], None
        return encoding, None, (f"a percent-encoded value is not valid {encoding.upper()} "
                                f"({exc.reason}); is the declared charset wrong?")
    return encoding, None, None


# (call number, what the call is checked against, its part of the answer) for each call; empty
# when the answer's parts do not match the calls
BatchParts = list[tuple[int, Any, str]]


def batch_parts(verifier: RecordedVerifier, interaction: Interaction, route: Route,
                contract: Contract, batch: BatchSettings) -> BatchParts:
    """Each call of a batch whose operation the contract documents, with its answer."""
    from seamguard.verify import _Target, _Where

    wire = verifier.project.settings.platforms[route.platform].wire
    calls = _calls(interaction, wire, batch, verifier.max_body)
    answer, problem = decode_body(interaction.response_body, interaction.response_headers,
                                  verifier.max_body)
    if calls is None or problem is not None or answer is None:
        return []
    parts = answer.split(_separator(interaction, batch))
    if len(parts) != len(calls):
        return []
    found: BatchParts = []
    for number, (params, part) in enumerate(zip(calls, parts, strict=True)):
        place = _Where("", interaction.index)
        sub = _sub_route(route, wire, params)
        operation = contract.named(interaction.method, sub.path, sub.operation or "",
                                   wire.methods) if sub.operation else None
        if operation is not None:
            found.append((number, _Target(contract, operation, sub, place), part))
    return found


def _separator(interaction: Interaction, batch: BatchSettings) -> str:
    if batch.separator_header:
        return interaction.request_headers.get(batch.separator_header.lower()) or \
            batch.separator
    return batch.separator


def _calls(interaction: Interaction, wire: WireProfile, batch: BatchSettings,
           max_body: int) -> list[dict[str, str]] | None:
    """Each call's parameters (the URL's, the shared ones, its own); None when the body
    cannot be read."""
    text, problem = decode_body(interaction.request_body, interaction.request_headers,
                                max_body)
    if problem is not None or text is None:
        return None
    try:
        system = Params(interaction.uri, {}, None, wire.charset).query
    except BodyProblem:
        return None
    encoding = _percent_encoding(text, interaction.request_headers)[0]
    shared, calls = split_batch(text, _separator(interaction, batch), batch.public_prefix,
                                encoding)
    return [{**system, **shared, **own} for own in calls]


def _sub_route(route: Route, wire: WireProfile, params: dict[str, str]) -> Route:
    """The route of one call of a batch, as if it had been sent alone."""
    assert wire.operation is not None  # batch_of: only a gateway's batch is checked
    assert wire.path is not None
    return Route(route.platform, route.version, wire.path, gateway=True,
                 operation=params.get(wire.operation.name), params=Params(
                     f"{wire.path}?{urlencode(params)}", {}, None, wire.charset))


def check_batch(verifier: RecordedVerifier, interaction: Interaction, route: Route,
                contract: Contract, batch: BatchSettings,
                where: Any) -> list[Finding]:
    """Every finding of one batch interaction (``where``: the verifier's place of it)."""
    wire = verifier.project.settings.platforms[route.platform].wire
    make = verifier._maker(where)
    text, problem, found = read_body(interaction.request_body, interaction.request_headers,
                                     verifier.max_body)
    if problem is not None or text is None:
        return [make("body.undecodable", _ERROR, f"batch request: {problem}; the batch was not "
                     "checked", hint="check the request's Content-Type charset")]
    system = Params(interaction.uri, {}, None, wire.charset)
    try:
        system.query.get("")  # read now: its charset found under no label counts below
    except BodyProblem as unread:
        return [make("body.undecodable", _ERROR, f"batch request: {unread}; the batch was not "
                     "checked", hint="check the charset the request's URL is encoded in")]
    findings = list(verifier.gateway.batch_signature_findings(route.platform, system.query,
                                                              text, make))
    encoding, percent_found, garbled = _percent_encoding(text, interaction.request_headers)
    if garbled is not None:
        return fold_refusal([*findings, make(
            "body.undecodable", _ERROR, f"batch request: {garbled}; the batch was not checked",
            hint="check the request's Content-Type charset")])
    found = found or system.found or percent_found
    if found is not None:
        findings.append(undeclared_charset(make, found, "the batch request", "text"))
    whole = Route(route.platform, route.version, route.path, gateway=True, params=system)
    findings.extend(verifier.gateway.time_findings(whole, make))
    unexpected = verifier.gateway.format_finding(
        route.platform, system, interaction.response_headers.get("content-type"),
        interaction.response_body, make)
    if unexpected is not None:
        findings.append(unexpected)
    separator = _separator(interaction, batch)
    shared, calls = split_batch(text, separator, batch.public_prefix, encoding)
    if not calls:
        findings.append(make("body.empty", _ERROR, "the batch request holds no call",
                             hint="a batch body holds one call's parameters per part"))
        return fold_refusal(findings)
    answer, problem, found = read_body(interaction.response_body, interaction.response_headers,
                                       verifier.max_body)
    if problem is not None or answer is None:
        findings.append(make("body.undecodable", _ERROR, f"{problem}; the batch answer was not "
                             "checked"))
        return fold_refusal(findings)
    if found is not None:
        answer_type = interaction.response_headers.get("content-type") or ""
        findings.append(undeclared_charset(make, found, "the batch answer",
                                           "xml" if "xml" in answer_type.lower() else "json"))
    if answer.startswith(BOM):  # read past; said once for the whole answer (XML may have one)
        answer = answer[len(BOM):]
        if not answer.lstrip().startswith("<"):
            findings.append(byte_order_mark(make, "the batch answer"))
    parts = answer.split(separator)
    if len(parts) != len(calls):
        findings.extend(_whole_answer(verifier, wire, answer, len(parts), len(calls), make))
        return fold_refusal(findings)
    answered: list[Finding] = []
    for number, (own, part) in enumerate(zip(calls, parts, strict=True)):
        sub = _sub_route(route, wire, {**system.query, **shared, **own})
        answered.extend(_call(verifier, interaction, contract, sub, number, part, where))
    findings.extend(_one_for_the_whole(answered, parts))
    return fold_refusal(findings)


# A part that cannot be read as the answer's Content-Type says, and the format it is written in
_MISLABELLED = {"body.not-xml": "json", "body.not-json": "xml"}


def _one_for_the_whole(findings: list[Finding], parts: list[str]) -> list[Finding]:
    """One finding, for the whole answer, when every part is written in the format other than
    the one its Content-Type names (JSON parts under ``text/xml``): the label is wrong once, for
    the whole answer, not once a call. A part unreadable on its own keeps its own finding."""
    whole = {f.location.pointer: f for f in findings if f.code in _MISLABELLED}
    codes = {f.code for f in whole.values()}
    if len(parts) < 2 or len(codes) != 1 or set(whole) != {f"/{n}" for n in range(len(parts))}:
        return findings
    other = _MISLABELLED[codes.pop()]
    if any(written_as(part, "") != other for part in parts):
        return findings
    first = whole["/0"]
    said = replace(first, message=f"the batch answer's {len(parts)} parts are all "
                   f"{other.upper()}: {first.message}",
                   location=replace(first.location, pointer=None))
    dropped = {id(f) for f in whole.values()}
    return [said, *(f for f in findings if id(f) not in dropped)]


def _call(verifier: RecordedVerifier, interaction: Interaction, contract: Contract,
          sub: Route, number: int, answer: str, where: Any) -> Iterator[Finding]:
    """The findings of one call of a batch, pointing into its parts."""
    from seamguard.verify import _Target, _Where

    place = _Where(where.file, where.interaction)
    place.platform, place.version = where.platform, where.version
    make = verifier._maker(place)
    operation = verifier.gateway.operation(contract, interaction, sub, make)
    if isinstance(operation, Finding):
        wire = verifier.project.settings.platforms[sub.platform].wire
        name = wire.operation.name if wire.operation is not None else ""
        yield _numbered(operation, number, f"{REQUEST_PREFIX}/{name}")
        return
    place.operation = operation.label
    for found in verifier.gateway.request_findings(contract, operation, sub, make):
        yield _numbered(found, number)
    response = operation.response(interaction.status)
    if response is None:
        if number == 0:  # the status is the whole batch's: said once
            yield make("status.undocumented", _ERROR,
                       f"status {interaction.status} is not documented for {operation.label}",
                       expected=sorted(operation.responses), actual=interaction.status,
                       hint="document this response in the contract, or find out why the "
                            "platform answered it")
        return
    media = response.media(interaction.response_headers.get("content-type"))
    if media is None:
        if number == 0:  # the answer's Content-Type is the whole batch's: said once
            content_type = interaction.response_headers.get("content-type")
            yield make("content-type.undeclared", _ERROR,
                       f"response Content-Type {content_type or '(none)'} is not declared for "
                       f"{operation.label} {interaction.status}", actual=content_type,
                       expected=sorted(response.content))
        return
    # the answer was inflated and decoded before it was split
    headers = {k: v for k, v in interaction.response_headers.items() if k != "content-encoding"}
    target = _Target(contract, operation, sub, place)
    for found in verifier._check_body(target, media, answer, headers):
        yield _numbered(found, number)


def _whole_answer(verifier: RecordedVerifier, wire: WireProfile, answer: str, parts: int,
                  calls: int, make: Callable[..., Finding]) -> Iterator[Finding]:
    """One document for the whole batch: the gateway refused it (or answered otherwise)."""
    from seamguard.documents import loads_json
    from seamguard.xml_documents import loads_xml

    body: Any
    try:
        if answer.lstrip("\ufeff \t\r\n").startswith("<"):  # format=xml: TOP's XML refusal
            body = loads_xml(answer, max_depth=verifier.max_depth)
        else:
            body = loads_json(answer, max_depth=verifier.max_depth)
    except ValueError:  # neither JSON nor XML (an XmlProblem is a ValueError)
        body = None
    opened = Envelope(wire.response).open(body) if body is not None else None
    if opened is not None and opened.kind == "error" and opened.error is not None:
        error = opened.error
        yield make("response.in-band-error", _ERROR,
                   f"HTTP 200 carrying an error for the whole batch of {calls} calls: "
                   f"{error.describe()}",
                   actual={k: v for k, v in (("code", error.code), ("sub_code", error.sub_code),
                                             ("message", error.message),
                                             ("sub_message", error.sub_message))
                           if v is not None},
                   pointer=error.at,
                   hint="the gateway refused the batch before running its calls; fix the "
                        "batch request")
        return
    yield make("response.unknown-envelope", _ERROR,
               f"the batch answer holds {parts} part{'s' if parts != 1 else ''} for {calls} "
               "calls, and is not an error the gateway answers for a whole batch",
               expected=f"{calls} answers separated as the calls are", actual=parts,
               hint="the calls and the answers must be separated alike (a top-api-separator "
                    "header the recording lost?), or the gateway answered something else")


def _numbered(finding: Finding, number: int, default: str | None = None) -> Finding:
    """The finding of one call, its pointer inside that call's part (``request:/1/tid``,
    ``/1/…_response/…``)."""
    pointer = finding.location.pointer or default
    if pointer is None:
        pointer = f"/{number}"
    elif pointer.startswith(REQUEST_PREFIX):
        pointer = f"{REQUEST_PREFIX}/{number}{pointer[len(REQUEST_PREFIX):]}"
    elif pointer.startswith("/") or pointer == "":
        pointer = f"/{number}{pointer}"
    return replace(finding, location=replace(finding.location, pointer=pointer))
