"""How a body's text is written, said and then read past:

* ``body.charset-undeclared``: a request or answer body that is not UTF-8 and whose
  Content-Type names no charset (older Chinese clients and endpoints send GBK so). The body is
  still read in the charset found and checked; the finding says which charset that was.
* ``body.byte-order-mark``: a JSON text that starts with a byte-order mark (U+FEFF, a Windows
  editor's or .NET writer's habit). RFC 8259 forbids sending one and lets a parser ignore it;
  many strict clients (``json.loads``, ``JSON.parse``, Go's ``encoding/json``) refuse the text,
  so it is said once and the JSON read without it.
* ``body.duplicate-key`` of a JSON text inside a string (SF's ``apiResultData``, TMC's
  ``content``): readers disagree on which value counts, so it is said at the string's pointer
  plus the object's, and the text read as json reads it (the last one wins).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from seamguard.documents import DuplicateKeyError, loads_json
from seamguard.findings import Finding, Severity
from seamguard.wire.pointers import MARK, EmbeddedUnreadable, format_steps, parse, resolve
from seamguard.wire.requests import BodyProblem, Params, charset_of

__all__ = [
    "BOM",
    "byte_order_mark",
    "duplicate_key",
    "embedded_marks",
    "mislabelled_finding",
    "request_bom_finding",
    "request_charset_finding",
    "request_duplicate_finding",
    "undeclared_charset",
]

BOM = "\ufeff"  # a UTF-8 byte-order mark (EF BB BF) once the body is decoded

MakeFinding = Callable[..., Finding]

_RULES = {"json": "JSON is UTF-8 (RFC 8259)",
          "xml": "XML without an encoding declaration is UTF-8 (XML 1.0)",
          "form": "a form's percent-encoded bytes are UTF-8 (the URL standard's "
                  "application/x-www-form-urlencoded)",
          "text": "a text body without a charset is read as UTF-8 by today's clients",
          "query": "a URL's percent-encoded bytes are UTF-8 (RFC 3986, the URL standard)"}


def undeclared_charset(make: MakeFinding, found: str, what: str, kind: str,
                       pointer: str | None = None) -> Finding:
    """The finding for a ``what`` (``the application/json body``) of ``kind`` (json, xml, form,
    text) found to be ``found`` text under a Content-Type naming no charset; ``pointer``: where
    the body is, when it is not the interaction's own (``response:`` for a push's reply)."""
    unnamed = "no charset is named anywhere" if kind == "query" else \
        "its Content-Type names no charset"
    return make(
        "body.charset-undeclared", Severity.WARNING,
        f"{what} is {found} text, but {unnamed}: {_RULES[kind]}, so a reader that goes by the "
        f"standard garbles or refuses it (it was read as {found} and checked)",
        expected="UTF-8" if kind == "query" else "UTF-8, or a charset= in the Content-Type",
        actual=found, pointer=pointer)


def request_charset_finding(params: Params | None, make: MakeFinding,
                            sent: str = "request") -> Finding | None:
    """``body.charset-undeclared`` for a request (or push: ``sent``) body, or query string, read
    in a charset no Content-Type names; None when there is none (or the body cannot be read: said
    elsewhere)."""
    # A body stored as text is the same bytes read as UTF-8 (vcrpy keeps UTF-8 bodies so):
    # a form's percent-escapes may still hold another charset's bytes.
    if params is None or not (params.body or "%" in params.uri):
        return None
    try:
        params.merged()  # reads the query and body, which sets ``found``
    except BodyProblem:
        return None
    if params.found is None:
        return None
    if params.found_in == "query string":
        return undeclared_charset(make, params.found, f"the {sent}'s query string", "query")
    base = (params.content_type or "").split(";", 1)[0].strip().lower()
    kind = "form" if base == "application/x-www-form-urlencoded" else \
        "json" if "json" in base else "xml" if "xml" in base else "text"
    return undeclared_charset(make, params.found, f"the {sent}'s {base or 'untyped'} body", kind)


def mislabelled_finding(params: Params | None, make: MakeFinding) -> Finding | None:
    """``body.undecodable`` for a request body that is UTF-8 text under a Chinese, Japanese or
    Korean label (``charset=GBK``), which the platform reads as garbled text; None when it is
    not. Where the signature can be checked it tells this first (``verify_gateway_signatures``),
    so callers ask only when the signature said nothing."""
    # A body stored as text is the same bytes read as UTF-8 (vcrpy keeps UTF-8 bodies so):
    # a form's percent-escapes may still hold another charset's bytes.
    if params is None or not (params.body or "%" in params.uri):
        return None
    try:
        params.merged()  # reads the query and body, which sets ``mislabelled``
        declared = charset_of(params.content_type, params.charset)
    except BodyProblem:
        return None
    if not params.mislabelled:
        return None
    label = next((p.split("=", 1)[1].strip().strip('"') for p in
                  (params.content_type or "").split(";")
                  if p.strip().lower().startswith("charset=")), declared)
    if params.mislabelled_in == "query string":
        return make("body.undecodable", Severity.ERROR,
                    f"the request's query string is percent-encoded UTF-8, but the request "
                    f"declares charset {label}: read as {label}, as the platform reads it, it "
                    "is garbled", expected=label, actual="utf-8",
                    hint="the client percent-encodes the URL in UTF-8; encode it in the "
                         "declared charset (or declare UTF-8)")
    return make("body.undecodable", Severity.ERROR,
                f"the request declares charset {label}, but its text is UTF-8: read as "
                f"{label} it is garbled", expected=label, actual="utf-8",
                hint="the client encodes in UTF-8 but labels the body otherwise; declare "
                     "charset=UTF-8 (or encode as declared)")


def byte_order_mark(make: MakeFinding, what: str, pointer: str | None = None) -> Finding:
    """The finding for a JSON ``what`` (``the application/json body``, ``the reply``) that
    starts with a byte-order mark; ``pointer``: where it is (None: the interaction's own body;
    ``response:`` for a push's reply, ``/content`` for a JSON text inside that string)."""
    return make(
        "body.byte-order-mark", Severity.WARNING,
        f"{what} starts with a byte-order mark (U+FEFF): RFC 8259 forbids sending one before "
        "JSON, and strict parsers (json.loads, JSON.parse, Go's encoding/json) refuse the text "
        "(it was read without the mark and checked)",
        expected="JSON without a byte-order mark", actual="U+FEFF", pointer=pointer)


def request_bom_finding(params: Params | None, make: MakeFinding,
                        sent: str = "request") -> Finding | None:
    """``body.byte-order-mark`` for a request's (or push's: ``sent``) JSON body that starts
    with one; None when it does not (or cannot be read: said elsewhere)."""
    if params is None or params.body is None:
        return None
    try:
        params.json  # noqa: B018 (reads the body, which sets ``bom``)
    except BodyProblem:
        return None
    if not params.bom:
        return None
    base = (params.content_type or "").split(";", 1)[0].strip().lower()
    return byte_order_mark(make, f"the {sent}'s {base} body")


def request_duplicate_finding(params: Params | None, make: MakeFinding,
                              at: str = "request:") -> Finding | None:
    """``body.duplicate-key`` for a request's (or push's: ``at`` "") JSON body that names a key
    twice in an object; None when it does not (or cannot be read: said elsewhere)."""
    if params is None or params.body is None:
        return None
    try:
        params.json  # noqa: B018 (reads the body, which sets ``twice``)
    except BodyProblem:
        return None
    if params.twice is None:
        return None
    return duplicate_key(make, params.twice, "the request body", at)


def embedded_marks(document: Any, prefix: str, make: MakeFinding,
                   at: str = "") -> list[Finding]:
    """``body.byte-order-mark`` for each JSON text inside a string on the way to ``prefix``
    (an envelope's ``/content⟨json⟩``) that starts with one, at the string's pointer (``at``
    before it: ``request:`` for a request's); the text was read without it. And
    ``body.duplicate-key`` for each that names a key twice in an object, at the string's
    pointer, ⟨json⟩ and the object's."""
    if "⟩" not in prefix:
        return []
    steps = parse(prefix)
    found = []
    for index, step in enumerate(steps):
        if not step.embedded or step.xml:
            continue
        try:
            value = resolve(document, (*steps[:index], step._replace(embedded=False)))
        except EmbeddedUnreadable:
            break  # said where the envelope was opened
        if not isinstance(value, str):
            continue
        where = format_steps(steps[: index + 1]).removesuffix(MARK)
        if value.startswith(BOM):
            found.append(byte_order_mark(make, f"the JSON text in {where}", pointer=at + where))
        try:
            loads_json(value.removeprefix(BOM))
        except DuplicateKeyError as exc:
            found.append(duplicate_key(make, exc, f"the JSON text in {where}",
                                       at + where + MARK))
        except ValueError:
            break  # said where the envelope was opened
    return found


def duplicate_key(make: MakeFinding, exc: DuplicateKeyError, what: str, at: str) -> Finding:
    """``body.duplicate-key`` for a JSON ``what`` (``the JSON text in /apiResultData``) whose
    object at ``at`` + the error's pointer names a key twice; it was read with the last value."""
    return make(
        "body.duplicate-key", Severity.ERROR, f"{what} is ambiguous: {exc}",
        expected="each key once per object", actual=exc.key, pointer=at + exc.pointer,
        hint=f"send {exc.key!r} once; the text was checked with the last value, as Python "
             "reads it, but the other side may read the first")
