"""JSON pointers that continue inside JSON documents embedded in strings.

RFC 6901 pointers, extended by one marker: a token followed by ``⟨json⟩`` (U+27E8, U+27E9)
says "this value is a string holding a JSON document; continue inside it"::

    /apiResultData⟨json⟩/msgData/routeResps/0

Escapes are RFC 6901's (``~0`` for ``~``, ``~1`` for ``/``) plus ``~2`` for a literal ``⟨``, so
a key that itself ends in ``⟨json⟩`` stays addressable. :func:`descend` also accepts ``*`` as a
token meaning "each element of an array" (mapping selectors use it).

One home for this syntax: findings, envelopes, drift, ``map explain`` and mapping selectors all
parse and print pointers here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, NamedTuple

from seamguard.documents import loads_json

__all__ = [
    "MARK",
    "MISSING",
    "XML_MARK",
    "EmbeddedNotJson",
    "PointerSyntaxError",
    "Step",
    "descend",
    "escape",
    "format_steps",
    "inner_document",
    "parse",
    "resolve",
]

MARK = "⟨json⟩"
# Where a validation finding continues inside an XML document held by a string
# (``/content⟨xml⟩/Request/Body/WaybillRoute/mailno``); reported, not yet read by descend.
XML_MARK = "⟨xml⟩"
MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


class PointerSyntaxError(ValueError):
    """The text is not a pointer (it must be empty or start with ``/``)."""


class EmbeddedNotJson(ValueError):
    """A ``⟨json⟩`` step met a value that is not a string holding JSON.

    Attributes:
        pointer: Where the value is (up to and without the marker).
        value: The value found there.
        reason: Why it is not JSON (the parser's message, or the value's type).
    """

    def __init__(self, pointer: str, value: Any, reason: str) -> None:
        super().__init__(f"{pointer or '/'} is not a JSON document inside a string: {reason}")
        self.pointer = pointer
        self.value = value
        self.reason = reason


class Step(NamedTuple):
    """One token of a pointer: the key (or index) and whether JSON inside it follows."""

    key: str
    embedded: bool = False


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
        embedded = token.endswith(MARK)
        if embedded:
            token = token[: -len(MARK)]
        steps.append(Step(_unescape(token), embedded))
    return tuple(steps)


def format_steps(steps: tuple[Step, ...] | list[Step]) -> str:
    """The pointer text of some steps."""
    return "".join(f"/{escape(s.key)}{MARK if s.embedded else ''}" for s in steps)


def _child(node: Any, key: str) -> Any:
    if isinstance(node, dict):
        return node.get(key, MISSING)
    if isinstance(node, list) and key.isdigit() and int(key) < len(node):
        return node[int(key)]
    return MISSING


def inner_document(value: Any, pointer: str) -> Any:
    """The JSON document inside a string value.

    Raises:
        EmbeddedNotJson: the value is not a string, or its text is not JSON.
    """
    if not isinstance(value, str):
        kind = "null" if value is None else type(value).__name__
        raise EmbeddedNotJson(pointer, value, f"found {kind}, not a string")
    try:
        return loads_json(value)
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
        EmbeddedNotJson: a ``⟨json⟩`` step met a value that is not JSON text.
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
            node = inner_document(node, format_steps(steps[: index]) + "/" + escape(step.key))
            if memo is not None:
                memo[steps[: index + 1]] = node
    return node


def descend(document: Any, pointer: str) -> Iterator[tuple[str, Any]]:
    """Every (pointer, value) a selector reaches; ``*`` takes each element of an array.

    Values that are absent are skipped; an embedded step whose text is not JSON raises.

    Raises:
        EmbeddedNotJson: a ``⟨json⟩`` step met a value that is not JSON text.
        PointerSyntaxError: the pointer text is malformed.
    """
    nodes: list[tuple[str, Any]] = [("", document)]
    for step in parse(pointer):
        following: list[tuple[str, Any]] = []
        for at, node in nodes:
            if step.key == "*" and isinstance(node, list):
                children = [(f"{at}/{i}", item) for i, item in enumerate(node)]
            else:
                child = _child(node, step.key)
                children = [] if child is MISSING else [(f"{at}/{escape(step.key)}", child)]
            for where, child in children:
                if step.embedded:
                    following.append((where + MARK, inner_document(child, where)))
                else:
                    following.append((where, child))
        nodes = following
    yield from nodes
