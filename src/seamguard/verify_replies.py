"""The integration's reply to a platform's push, checked against the webhook's declared
responses: the platform reads it (SF pushes again until ``return_code`` is ``0000``), so a
reply it cannot take is a finding at ``response:/…``."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from seamguard.contracts.model import Contract
from seamguard.contracts.operations import MediaSpec, Operation
from seamguard.contracts.validation import violations
from seamguard.contracts.xml_typed import typed_xml
from seamguard.documents import DuplicateKeyError, TooDeepError, loads_json
from seamguard.findings import Finding
from seamguard.privacy.guard import mask_text
from seamguard.recordings.bodies import read_body
from seamguard.recordings.cassettes import Interaction
from seamguard.verify_charsets import BOM, byte_order_mark, undeclared_charset
from seamguard.verify_gateway_signatures import REPLY_PREFIX
from seamguard.verify_target import _ERROR, _Where
from seamguard.verify_xml import read_xml
from seamguard.xml_documents import is_xml_media

if TYPE_CHECKING:
    from seamguard.verify_full import FullCheck

__all__ = ["reply_findings"]


def reply_findings(check: FullCheck, contract: Contract, operation: Operation,
                   interaction: Interaction, where: _Where) -> Iterator[Finding]:
    """The integration's reply to a push against the webhook's declared responses (the
    platform reads it: SF pushes again until ``return_code`` is ``0000``), at
    ``response:/…`` pointers. A status the webhook does not declare, or a reply body it
    declares no schema for, is left alone."""
    response = operation.response(interaction.status)
    if response is None or not response.content:
        return
    headers = interaction.response_headers
    content_type = headers.get("content-type")
    media = response.media(content_type)
    if media is None:
        if content_type is None and len(response.content) == 1:
            media = next(iter(response.content.values()))
        elif (sniffed := _read_as_declared(response.content, content_type,
                                           interaction.response_body)) is not None:
            media = sniffed
        else:
            yield check._finding(
                "content-type.undeclared", _ERROR, where,
                f"the reply's Content-Type {content_type} is not declared for "
                f"{operation.label} {interaction.status}",
                expected=sorted(response.content), actual=content_type,
                pointer=REPLY_PREFIX)
            return
    xml = is_xml_media(media.media_type)
    if media.schema is None or not (media.is_json or xml):
        return
    text, problem, found = read_body(interaction.response_body, headers, check.max_body)
    if problem is not None:
        yield check._finding("body.undecodable", _ERROR, where,
                            f"the reply: {problem}; it was not checked",
                            pointer=REPLY_PREFIX)
        return
    if found is not None:
        yield undeclared_charset(check._maker(where), found, "the reply",
                                 "xml" if xml else "json", pointer=REPLY_PREFIX)
    if not xml and text and text.startswith(BOM):  # (XML 1.0 allows one)
        yield byte_order_mark(check._maker(where), "the reply", pointer=REPLY_PREFIX)
        text = text[len(BOM):]
    if not text or not text.strip():
        yield check._finding(
            "body.empty", _ERROR, where,
            f"the contract declares a {media.media_type} reply to {operation.label}, "
            "but the reply is empty", pointer=REPLY_PREFIX,
            hint="the platform reads the reply to tell whether the push was taken")
        return
    instance: Any
    back: Callable[[str], str] | None = None
    if xml:
        instance = read_xml(text, max_depth=check.max_depth, make=check._maker(where),
                            media=media.media_type,
                            context=f"the contract declares a {media.media_type} reply")
        if isinstance(instance, Finding):
            yield replace(instance, location=where.at(REPLY_PREFIX))
            return
        instance, back = typed_xml(contract, contract.schema(media.schema), instance)
    else:
        try:
            instance = loads_json(text, max_depth=check.max_depth)
        except DuplicateKeyError as exc:
            yield check._duplicate(exc, where, REPLY_PREFIX)
            instance = exc.value
        except (TooDeepError, json.JSONDecodeError) as exc:
            yield check._finding(
                "body.not-json", _ERROR, where,
                f"the reply is not JSON ({exc}) although the contract declares "
                f"{media.media_type}", actual=mask_text(text[:80], check.policy),
                pointer=REPLY_PREFIX)
            return
    for violation in violations(contract, media.schema, instance):
        if back is not None:
            violation = replace(violation, pointer=back(violation.pointer))
        yield check._violation(violation, where, REPLY_PREFIX)


# Labels a web framework gives a reply it was not told the type of (PHP's echo: text/html):
# the platform reads the body, not the label (SF takes `{"return_code": "0000"}` however it
# is labelled). Under text/html only JSON is taken: markup there is HTML, not a declared XML.
_GENERIC_LABELS = frozenset({"text/plain", "application/octet-stream", "text/html"})


def _read_as_declared(content: dict[str, MediaSpec], content_type: str | None,
                      body: bytes | str | None) -> MediaSpec | None:
    """For a push reply under a generic label (``text/plain``, ``text/html``): the declared
    JSON or XML media its body is written in (``{``/``[`` or ``<`` first), so the reply is
    checked as that; None when the label is specific or the body is in no declared format."""
    label = (content_type or "").split(";", 1)[0].strip().lower()
    if label not in _GENERIC_LABELS or body is None:
        return None
    start = (body[:64].decode("latin-1") if isinstance(body, bytes) else body[:64]).lstrip(
        "\ufeff \t\r\n")
    if start[:1] in ("{", "["):
        return next((m for m in content.values() if m.is_json), None)
    if start[:1] == "<" and label != "text/html":
        return next((m for m in content.values() if is_xml_media(m.media_type)), None)
    return None
