"""JSON pointers that continue inside documents embedded in strings.

RFC 6901 pointers, extended by two markers: a token followed by ``⟨json⟩`` (U+27E8, U+27E9)
says "this value is a string holding a JSON document; continue inside it", and one followed by
``⟨xml⟩`` says the same of an XML document, read as ``seamguard.xml_documents`` reads XML
bodies (safely: no DTD or entities, at most ``EMBEDDED_XML_DEPTH`` levels deep)::

    /apiResultData⟨json⟩/msgData/routeResps/0
    /content⟨xml⟩/Request/Body/WaybillRoute/mailno

Escapes are RFC 6901's (``~0`` for ``~``, ``~1`` for ``/``) plus ``~2`` for a literal ``⟨``, so
a key that itself ends in ``⟨json⟩`` or ``⟨xml⟩`` stays addressable. :func:`descend` also
accepts ``*`` as a token meaning "each element of an array" (mapping selectors use it); inside
an XML document, where a list of one cannot be told from a single element, ``*`` takes a single
element as itself.

One home for this syntax: findings, envelopes, drift, ``map explain`` and mapping selectors all
parse and print pointers here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, NamedTuple

from seamguard.documents import DuplicateKeyError, loads_json
from seamguard.xml_documents import XmlProblem, loads_xml

__all__ = [
    "EMBEDDED_XML_DEPTH",
    "MARK",
    "MISSING",
    "XML_MARK",
    "EmbeddedNotJson",
    "EmbeddedNotXml",
    "EmbeddedUnreadable",
    "PointerSyntaxError",
    "Step",
    "descend",
    "escape",
    "format_steps",
    "inner_document",
    "mark_of",
    "parse",
    "resolve",
    "through_xml",
]

MARK = "⟨json⟩"
XML_MARK = "⟨xml⟩"
EMBEDDED_XML_DEPTH = 128  # as for XML inside strings declared with contentSchema
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


class PointerSyntaxError(ValueError):
    """The text is not a pointer (it must be empty or start with ``/``)."""


class EmbeddedUnreadable(ValueError):
    """A ``⟨json⟩`` or ``⟨xml⟩`` step met a value that is not a string holding that document.

    Attributes:
        pointer: Where the value is (up to and without the marker).
        value: The value found there.
        reason: Why it cannot be read (the parser's message, or the value's type).
    """

    what = "a document"

    def __init__(self, pointer: str, value: Any, reason: str) -> None:
        super().__init__(f"{pointer or '/'} is not {self.what} inside a string: {reason}")
        self.pointer = pointer
        self.value = value
        self.reason = reason


class EmbeddedNotJson(EmbeddedUnreadable):
    """A ``⟨json⟩`` step met a value that is not a string holding JSON."""

    what = "a JSON document"


class EmbeddedNotXml(EmbeddedUnreadable):
    """An ``⟨xml⟩`` step met a value that is not a string holding XML it may read.

    Attributes:
        kind: ``not-well-formed``, ``unsafe`` (a DTD or entity declaration), ``too-deep``, or
            ``not-text`` (the value is not a string).
    """

    what = "an XML document"

    def __init__(self, pointer: str, value: Any, reason: str, kind: str) -> None:
        super().__init__(pointer, value, reason)
        self.kind = kind


class Step(NamedTuple):
    """One token of a pointer: the key (or index), whether a document inside it follows, and
    whether that document is XML (else JSON)."""

    key: str
    embedded: bool = False
    xml: bool = False


def escape(key: str) -> str:
    """One key as a pointer token."""
    if "~" in key or "/" in key or "⟨" in key:
        key = key.replace("~", "~0").replace("/", "~1").replace("⟨", "~2")
    return key


def _unescape(token: str) -> str:
    if "~" not in token:
        return token
    return token.replace("~1", "/").replace("~2", "⟨").replace("~0", "~")


def parse(pointer: str) -> tuple[Step, ...]:
    """The steps of a pointer (``""`` is the whole document).

    Raises:
        PointerSyntaxError: it does not start with ``/``.
    """
    if not pointer:
        return ()
    if not pointer.startswith("/"):
        raise PointerSyntaxError(f"not a JSON pointer: {pointer!r} (it must start with /)")
    steps = []
    for token in pointer[1:].split("/"):
        if token.endswith(MARK):
            steps.append(Step(_unescape(token[: -len(MARK)]), True))
        elif token.endswith(XML_MARK):
            steps.append(Step(_unescape(token[: -len(XML_MARK)]), True, True))
        else:
            steps.append(Step(_unescape(token)))
    return tuple(steps)


def mark_of(step: Step) -> str:
    """The marker written after a step's token (``""`` when no document follows)."""
    return (XML_MARK if step.xml else MARK) if step.embedded else ""


def format_steps(steps: tuple[Step, ...] | list[Step]) -> str:
    """The pointer text of some steps."""
    return "".join(f"/{escape(s.key)}{mark_of(s)}" for s in steps)


def through_xml(pointer: str, outer: bool = False) -> bool:
    """Is what ``pointer`` reaches read from XML? Its last embedded document decides; without
    one, the outer document's format (``outer``: it is XML)."""
    if "⟩" not in pointer:
        return outer
    for step in reversed(parse(pointer)):
        if step.embedded:
            return step.xml
    return outer


def _child(node: Any, key: str) -> Any:
    if isinstance(node, dict):
        return node.get(key, MISSING)
    if isinstance(node, list) and key.isdigit() and int(key) < len(node):
        return node[int(key)]
    return MISSING


def inner_document(value: Any, pointer: str, xml: bool = False) -> Any:
    """The JSON (or, with ``xml``, XML) document inside a string value.

    Raises:
        EmbeddedNotJson: the value is not a string, or its text is not JSON.
        EmbeddedNotXml: with ``xml``: the value is not a string, or its text is not XML that
            may be read (not well-formed, a DTD or entities, nested too deep).
    """
    if not isinstance(value, str):
        kind = "null" if value is None else type(value).__name__
        if xml:
            raise EmbeddedNotXml(pointer, value, f"found {kind}, not a string", "not-text")
        raise EmbeddedNotJson(pointer, value, f"found {kind}, not a string")
    if xml:
        try:
            return loads_xml(value, max_depth=EMBEDDED_XML_DEPTH)
        except XmlProblem as problem:
            raise EmbeddedNotXml(pointer, value, problem.reason, problem.kind) from None
    try:  # a byte-order mark before the text is read past (RFC 8259 allows it; said apart)
        return loads_json(value.removeprefix("\ufeff"))
    except DuplicateKeyError as exc:  # read as json reads it, the last one winning (said apart)
        return exc.value
    except json.JSONDecodeError as exc:
        raise EmbeddedNotJson(pointer, value, f"its text is not JSON ({exc.msg} at column "
                                              f"{exc.colno})") from None
    except ValueError as exc:  # nested too deep, NaN, an integer too long to convert
        raise EmbeddedNotJson(pointer, value, f"its text is not read as JSON ({exc})") from None


def resolve(document: Any, pointer: str | tuple[Step, ...],
            memo: dict[tuple[Step, ...], Any] | None = None) -> Any:
    """The value at a pointer, parsing embedded documents on the way; MISSING if absent.

    Args:
        document: The outer document.
        pointer: Pointer text or parsed steps.
        memo: Embedded documents already parsed for this ``document``, by the steps leading to
            them; pass the same dict to resolve several pointers without parsing twice.

    Raises:
        EmbeddedUnreadable: a ``⟨json⟩`` or ``⟨xml⟩`` step met a value that is not JSON or
            XML text.
        PointerSyntaxError: the pointer text is malformed.
    """
    steps = parse(pointer) if isinstance(pointer, str) else pointer
    node = document
    for index, step in enumerate(steps):
        if step.embedded and memo is not None:
            known = memo.get(steps[: index + 1], MISSING)
            if known is not MISSING:
                node = known
                continue
        node = _child(node, step.key)
        if node is MISSING:
            return MISSING
        if step.embedded:
            node = inner_document(node, format_steps(steps[: index]) + "/" + escape(step.key),
                                  step.xml)
            if memo is not None:
                memo[steps[: index + 1]] = node
    return node


def descend(document: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """Every (pointer, value) a selector reaches; ``*`` takes each element of an array.

    Values that are absent are skipped; an embedded step whose text is not JSON (or XML)
    raises. Inside an XML document ``*`` takes a value that is not an array as the one element
    it stands for (XML writes a list of one as the element alone), and its pointer has no
    index, as the document has none.

    Raises:
        EmbeddedUnreadable: a ``⟨json⟩`` or ``⟨xml⟩`` step met a value that is not JSON or
            XML text.
        PointerSyntaxError: the pointer text is malformed.
    """
    # (pointer, value, read from XML?)
    nodes: list[tuple[str, Any, bool]] = [("", document, False)]
    for step in parse(pointer):
        following: list[tuple[str, Any, bool]] = []
        for at, node, xml in nodes:
            if step.key == "*" and isinstance(node, list):
                children = [(f"{at}/{i}", item) for i, item in enumerate(node)]
            elif step.key == "*" and xml:
                children = [(at, node)]
            else:
                child = _child(node, step.key)
                children = [] if child is MISSING else [(f"{at}/{escape(step.key)}", child)]
            for where, child in children:
                if step.embedded:
                    following.append((where + mark_of(step),
                                      inner_document(child, where, step.xml), step.xml))
                else:
                    following.append((where, child, xml))
        nodes = following
    yield from ((at, node) for at, node, _ in nodes)
