"""Ids that lost their digits: integers written as floats beyond 2^53, and text twins that
disagree with their number.

Platforms whose ids are 64-bit numbers (TOP's 19-digit ``tid``) break clients whose numbers are
doubles: a double holds every integer only up to 2^53, so ``2345678901234567891`` read as a
double becomes ``2345678901234567680``. Two rules follow, both applied wherever a payload is
validated (``contracts.validation``, and the gateway plans that prove calls clean):

* **An integer written as a float.** JSON Schema 2020-12 (OpenAPI 3.1) counts any number with a
  zero fractional part as an integer, so ``1234.0`` meets ``type: integer`` and passes. A number
  written with a fraction or an exponent whose magnitude exceeds 2^53 - 1 (JavaScript's
  ``Number.MAX_SAFE_INTEGER``) is different: it was produced by (or went through) a double, so
  its last digits are already lost; where the schema asks for an integer it is reported as
  ``field.wrong-type``. Where the schema allows any number it passes.
* **A number and its text twin.** APIs that write a 64-bit id both as a number and as text for
  such clients name the text ``<name>_str`` (TOP's ``tid``/``tid_str``, ``oid``/``oid_str``;
  Twitter's ``id``/``id_str``). Where a schema declares both properties in one object, a text
  that is not the number's digits is ``field.mismatch`` at the text (the derived one): one of
  the two lost precision, and the integration reads whichever it reads.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from seamguard.contracts.embedded import pointer, values_at, walk_schema
from seamguard.contracts.model import Contract
from seamguard.document_scan import ACCELERATED, EXPONENT, SIXTEEN, scan

__all__ = ["MAX_SAFE", "TWIN_SUFFIX", "Twins", "lossy_paths", "may_hold_lossy", "problems_of",
           "text_may_hold_lossy", "twin_problems", "twins_of", "wants_integers",
           "with_stand_ins"]

MAX_SAFE = 2**53 - 1
TWIN_SUFFIX = "_str"
# A value in place of a lossy float that any number schema accepts and an integer one refuses
STAND_IN = 0.5

# (code, pointer, message, expected, actual)
Problem = tuple[str, str, str, Any, Any]


def may_hold_lossy(instance: Any) -> bool:
    """Can a parsed document hold a float beyond 2^53? False is certain.

    orjson writes such a float either with an exponent (``2.3e+18``: every float from 1e16 on)
    or, below 1e16, as 16 digits and ``.0``; strings that happen to hold the same text only
    make the answer a needless yes."""
    try:
        written = orjson.dumps(instance)
    except TypeError:  # an integer beyond 64 bits, or not JSON at all: look closely
        return bool(lossy_paths(instance))
    if b"e+" in written:
        return True
    at = written.find(b".0", 16)
    while at != -1:
        if written[at - 16:at].isdigit():
            return True
        at = written.find(b".0", at + 2)
    return False


def text_may_hold_lossy(text: str) -> bool:
    """Can a JSON text hold a float beyond 2^53? False is certain. Such a float is written
    with an exponent (a digit, ``e`` or ``E``, a digit or sign) or with 16 digits before its
    point. With the C accelerator, its byte pass first: a text without a digit before an
    ``e``/``E`` nor 16 digits before a point cannot match the search (whose digits are ASCII,
    as a JSON number's), which is slow on short texts (about 2 µs on a 100-byte one)."""
    if _SCAN is not None and not _SCAN(text.encode("utf-8", "surrogatepass"))[0] & _LOSSY_FLAGS:
        return False
    return _LOSSY_TEXT.search(text) is not None


# A JSON number (after the start, a colon, a comma or a bracket) with an exponent, or with at
# least 16 digits before its point. Text inside strings can make it say yes for nothing (an
# escaped inner document, "a, 3e4"), which only costs the exact look.
_LOSSY_TEXT = re.compile(r"(?:^|[:,\[])\s*-?(?:\d+(?:\.\d+)?[eE][+-]?\d|\d{16,}\.\d)", re.ASCII)
_LOSSY_FLAGS = EXPONENT | SIXTEEN
_SCAN: Callable[[bytes], tuple[int, int, int]] | None = scan if ACCELERATED else None


def lossy_paths(instance: Any) -> list[tuple[str | int, ...]]:
    """The paths of every float beyond 2^53 - 1 in ``instance``."""
    found: list[tuple[str | int, ...]] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), instance)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, float):
            if abs(node) > MAX_SAFE and node == node and abs(node) != float("inf"):
                found.append(path)
        elif isinstance(node, dict):
            stack.extend(((*path, k), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in enumerate(node))
    return found


def with_stand_ins(instance: Any, paths: list[tuple[str | int, ...]]) -> Any:
    """A copy of ``instance`` with :data:`STAND_IN` at each of ``paths`` (the rest shared)."""
    if not paths:
        return instance
    if () in paths:  # the document itself
        return STAND_IN
    tree: dict[Any, Any] = {}
    for path in paths:
        node = tree
        for token in path[:-1]:
            node = node.setdefault(token, {})
        node[path[-1]] = None
    return _replaced(instance, tree)


def _replaced(node: Any, tree: dict[Any, Any]) -> Any:
    if isinstance(node, dict):
        copy = dict(node)
    elif isinstance(node, list):
        copy = list(node)  # type: ignore[assignment]
    else:
        return node
    for token, below in tree.items():
        copy[token] = STAND_IN if below is None else _replaced(node[token], below)
    return copy


@dataclass(frozen=True)
class Twins:
    """An instance path to objects holding numbers and their text twins (``names``)."""

    path: tuple[Any, ...]
    names: tuple[str, ...]


def twins_of(contract: Contract, schema: Any) -> tuple[Twins, ...]:
    """Where objects of ``schema`` declare a number and its ``_str`` twin (computed once)."""
    cache: dict[int, tuple[Any, tuple[Twins, ...]]] = contract.derived.setdefault("twins", {})
    hit = cache.get(id(schema))
    if hit is not None and hit[0] is schema:
        return hit[1]
    found: dict[tuple[str, ...], Twins] = {}
    if _declares_twins(contract):
        def visit(node: dict[str, Any], path: tuple[Any, ...]) -> None:
            properties = node.get("properties")
            if not isinstance(properties, dict):
                return
            names = tuple(name for name in properties if isinstance(name, str)
                          and name + TWIN_SUFFIX in properties)
            if names:
                key = (*map(repr, path), "|", *names)
                found.setdefault(key, Twins(path, names))

        seen = [0]

        def counted(node: dict[str, Any], path: tuple[Any, ...]) -> None:
            seen[0] += 1
            if seen[0] > _BUDGET:
                raise _Enough
            visit(node, path)

        with contextlib.suppress(_Enough):  # a graph too large: the twins found so far
            walk_schema(contract, schema, counted)
    twins = tuple(found.values())
    cache[id(schema)] = (schema, twins)  # the schema is kept alive, so its id is not reused
    return twins


class _Enough(Exception):
    """Stops a schema walk: the answer is known, or the walk is too long to be worth it."""


_BUDGET = 20_000  # schemas visited before a walk gives up (and assumes the worse answer)


def wants_integers(contract: Contract, schema: Any) -> bool:
    """Can ``schema`` ask for an integer anywhere (else no float in an instance can be an
    integer that lost digits)? Computed once; a schema graph too large to walk says yes."""
    cache: dict[int, tuple[Any, bool]] = contract.derived.setdefault("integers", {})
    hit = cache.get(id(schema))
    if hit is not None and hit[0] is schema:
        return hit[1]
    seen = [0]

    def visit(node: dict[str, Any], path: tuple[Any, ...]) -> None:
        kind = node.get("type")
        seen[0] += 1
        if kind == "integer" or (isinstance(kind, list) and "integer" in kind) or \
                seen[0] > _BUDGET:
            raise _Enough

    try:
        walk_schema(contract, schema, visit)
        found = False
    except _Enough:
        found = True
    cache[id(schema)] = (schema, found)
    return found


def _declares_twins(contract: Contract) -> bool:
    """Does any schema of the contract declare a property and its ``_str`` twin? (One pass over
    the document, so a contract without twins never walks its schema graph for them.)"""
    documents = contract.docs.documents  # loaded as $refs reach them: scanned again then
    known = contract.derived.get("has_twins")
    if known is None or known[0] != len(documents):
        known = contract.derived["has_twins"] = (
            len(documents), any(_any_twins(document) for document in documents.values()))
    return bool(known[1])


def _any_twins(root: Any) -> bool:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict) and any(
                    isinstance(name, str) and name + TWIN_SUFFIX in properties
                    for name in properties):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def twin_problems(twins: tuple[Twins, ...], instance: Any) -> list[Problem]:
    """``field.mismatch`` for every text twin that is not its number's digits."""
    problems: list[Problem] = []
    for site in twins:
        for path, node in values_at(site.path, instance):
            if not isinstance(node, dict):
                continue
            for name in site.names:
                digits = _digits(node.get(name))
                text = node.get(name + TWIN_SUFFIX)
                if digits is None or not isinstance(text, str) or not _is_number_text(text) \
                        or text == digits:
                    continue  # absent, or mistyped: the schema says what is wrong with it
                problems.append((
                    "field.mismatch", pointer((*path, name + TWIN_SUFFIX)),
                    f"{name + TWIN_SUFFIX} {text!r} is not the text of {name} {digits}: the "
                    "two carry different ids (one of them lost precision on the way)",
                    digits, text))
    return problems


def problems_of(contract: Contract, schema: Any, instance: Any,
                type_errors_at: Callable[[Any, set[tuple[Any, ...]]], set[tuple[Any, ...]]],
                ) -> list[Problem]:
    """Both rules for one validated instance. ``type_errors_at(copy, paths)``: the paths among
    ``paths`` where ``copy`` fails its schema's type (the caller's validator)."""
    problems = twin_problems(twins_of(contract, schema), instance)
    if may_hold_lossy(instance):
        paths = lossy_paths(instance)
        if paths:
            refused = type_errors_at(with_stand_ins(instance, paths), set(paths))
            problems.extend(_lossy(path, values_at(path, instance)) for path in paths
                            if path in refused)
    return problems


def _lossy(path: tuple[Any, ...], found: list[tuple[Any, Any]]) -> Problem:
    value = found[0][1] if found else None
    return ("field.wrong-type", pointer(path),
            f"expected integer, got {value!r} (number): an integer written as a float beyond "
            "2^53 has lost its last digits", "integer", value)


def _digits(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) <= MAX_SAFE:
        return str(int(value))
    return None


def _is_number_text(text: str) -> bool:
    body = text[1:] if text.startswith("-") else text
    return body.isascii() and body.isdigit()
