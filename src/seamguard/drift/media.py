"""JSON sent under another media type: said against the contract, and still compared.

Upstreams answer JSON as ``text/plain``, ``application/octet-stream`` or ``text/html;
charset=utf-8`` (a framework default, a proxy that rewrites headers). A client that goes by
the ``Content-Type`` refuses such an answer, so the mismatch is a finding
(``drift.media-type-mismatch``, error) — but the body is JSON and says what the upstream
sends, so the night's comparison reads it as the JSON media type the contract declares for
that answer: its drift is seen too, rather than hidden behind the label.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from seamguard.findings import Finding, Location, Severity
from seamguard.recordings.bodies import charset_of, decode, media_of, utf8_mislabelled

if TYPE_CHECKING:
    from seamguard.drift.live import FetchOutcome
    from seamguard.recordings.cassettes import Cassette, Interaction
    from seamguard.verify import RecordedVerifier

__all__ = ["CHARSET_CODE", "MEDIA_CODE", "charset_mismatches", "read_disguised_json"]

MEDIA_CODE = "drift.media-type-mismatch"
CHARSET_CODE = "drift.charset-mismatch"
CHECK_ID = "drift"


@dataclass
class _Seen:
    platform: str
    version: str
    operation: str
    declared: list[str]
    sent: str
    indexes: list[int]


def read_disguised_json(verifier: RecordedVerifier, cassette: Cassette,
                        ) -> tuple[Cassette, list[Finding]]:
    """``cassette`` with JSON answers sent under a media type their contract does not declare
    relabelled as the JSON type it does declare, and one finding per operation and media type.
    """
    from seamguard.contracts.model import Contract

    seen: dict[tuple[str, str, str], _Seen] = {}
    interactions = []
    for interaction in cassette.interactions:
        relabelled = interaction
        found = _disguised(interaction)
        route = verifier.router.route(interaction) if found is not None else None
        if found is not None and route is not None and route.version is not None and not (
                route.gateway or route.webhook):
            contract = verifier.catalog.load(route.platform, route.version)
            operation = (contract.match(interaction.method, route.path)
                         if isinstance(contract, Contract) else None)
            response = operation.response(interaction.status) if operation else None
            if operation is not None and response is not None \
                    and response.media(found) is None:
                declared = [name for name, media in response.content.items() if media.is_json]
                if declared:
                    relabelled = _relabel(interaction, declared[0])
                    entry = seen.setdefault(
                        (route.platform, operation.label, media_of(found)),
                        _Seen(route.platform, route.version, operation.label, declared,
                              media_of(found) or "(none)", []))
                    entry.indexes.append(interaction.index)
        interactions.append(relabelled)
    findings = [_finding(cassette.display, entry, len(cassette.interactions))
                for entry in seen.values()]
    return replace(cassette, interactions=interactions), findings


def _disguised(interaction: Interaction) -> str | None:
    """The Content-Type of an answer that is JSON under a non-JSON media type, or None."""
    if interaction.method.upper() == "HEAD" or not 200 <= interaction.status < 300:
        return None
    content_type = interaction.response_headers.get("content-type", "")
    media = media_of(content_type)
    if media == "application/json":
        return None  # another JSON type (application/vnd.api+json) the contract may not declare
    body = interaction.response_body
    if body is None:
        return None
    if isinstance(body, bytes):
        decoded = decode(body, content_type)
        if decoded is None:
            return None
        text = decoded.text
    else:
        text = body
    text = text.removeprefix("\ufeff")  # JSON after a byte-order mark is JSON still
    if not text.strip() or text.lstrip()[:1] not in ("{", "["):
        return None  # a bare string or number is JSON too, but no API answers one as text
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return None
    return content_type or ""


def _relabel(interaction: Interaction, media: str) -> Interaction:
    charset = charset_of(interaction.response_headers.get("content-type"))
    headers = dict(interaction.response_headers)
    headers["content-type"] = f"{media}; charset={charset}" if charset else media
    return replace(interaction, response_headers=headers)


def _finding(display: str, entry: _Seen, answers: int) -> Finding:
    count = len(entry.indexes)
    declared = " or ".join(entry.declared)
    return Finding(
        code=MEDIA_CODE, severity=Severity.ERROR, check=CHECK_ID,
        message=f"{entry.operation} answered JSON as {entry.sent} in {count} of {answers} "
                f"answer(s), where the contract declares {declared}: a client that goes by the "
                "Content-Type refuses it (the body was compared with the contract as JSON)",
        expected=entry.declared, actual=entry.sent,
        location=Location(platform=entry.platform, version=entry.version,
                          operation=entry.operation, file=display,
                          interaction=entry.indexes[0]),
        hint="report the Content-Type upstream; until it is fixed, parse this answer as JSON "
             "whatever its Content-Type says")


def charset_mismatches(outcomes: list[FetchOutcome], platform: str,
                       version: str) -> list[Finding]:
    """``drift.charset-mismatch`` per request label whose answers declare a charset other than
    UTF-8 (GBK, Big5, Latin-1) but are UTF-8 text: a client decoding by the declared charset
    garbles every name and address in them without an error (the bytes of UTF-8 text beyond
    ASCII are rarely valid in another multi-byte charset by chance, and never the same text).
    """
    found: dict[str, tuple[str, int]] = {}  # label -> (the Content-Type, answers)
    for outcome in outcomes:
        response = outcome.response
        if response is None or not 200 <= response.status_code < 300:
            continue
        content_type = response.headers.get("content-type")
        declared = charset_of(content_type)
        if declared is None or declared in ("utf-8", "ascii"):
            continue
        if not utf8_mislabelled(response.content, declared):
            continue
        label = outcome.request.label
        found[label] = (content_type or "", found.get(label, ("", 0))[1] + 1)
    totals: dict[str, int] = {}
    for outcome in outcomes:
        totals[outcome.request.label] = totals.get(outcome.request.label, 0) + 1
    return [Finding(
        code=CHARSET_CODE, severity=Severity.ERROR, check=CHECK_ID,
        message=f"{label} declares {content_type!r} but sent UTF-8 text in {hits} of "
                f"{totals[label]} answer(s): a client decoding by the declared charset garbles "
                "every non-ASCII value (names, addresses) without an error",
        expected=content_type, actual="utf-8",
        location=Location(platform=platform, version=version, operation=label),
        hint="report the Content-Type upstream; until it is fixed, decode this answer as "
             "UTF-8") for label, (content_type, hits) in found.items()]
