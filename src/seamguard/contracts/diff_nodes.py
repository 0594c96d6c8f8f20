"""The nodes a schema comparison walks: where a schema sits (:class:`Side`), one reported change
(:class:`Rel`), a node read with its nullability and types normalised (:class:`View`, :func:`view`),
and the helpers that read raw schema objects."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from seamguard.contracts.refs import DocumentSet

__all__ = ["ANNOTATIONS", "STRUCTURE", "Rel", "Side", "View", "canonical", "implied_types",
           "mapping_at", "sequence_at", "view"]

_MAX_DEPTH = 40
_COMPOSITIONS = ("oneOf", "anyOf", "allOf")
# Keywords that carry no validation meaning: a branch made only of these is annotation-only.
ANNOTATIONS = frozenset({"title", "description", "example", "examples", "deprecated",
                         "readOnly", "writeOnly", "externalDocs", "xml", "$comment", "default"})


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a raw schema node and where it lives."""

    docs: DocumentSet
    uri: str
    pointer: str
    node: Any

    def resolve(self) -> Side:
        """Follow ``$ref`` to a node that is no reference; sibling keywords of a 3.1 ``$ref``
        are laid over its target, the outermost winning."""
        side, above = self, []
        seen: set[tuple[str, str]] = set()
        # A target may itself be a reference (an alias, or a merged allOf property pointing at
        # a ``{description, $ref}`` node): follow the chain, each link once.
        while (isinstance(side.node, dict) and isinstance(side.node.get("$ref"), str)
               and (side.uri, side.node["$ref"]) not in seen):
            node = side.node
            seen.add((side.uri, node["$ref"]))
            above.append({k: v for k, v in node.items() if k != "$ref"})
            # One schema is reached along many paths: resolve each reference once per document.
            cache: dict[tuple[str, str], Any] = vars(self.docs).setdefault("_diff_refs", {})
            key = (side.uri, node["$ref"])
            found = cache.get(key)
            if found is None:
                found = cache[key] = self.docs.resolve(side.uri, node["$ref"])
            (uri, fragment), target = found
            side = Side(self.docs, uri, unquote(fragment), target)
        if side is self:
            return self
        target = side.node
        if isinstance(target, dict) and any(above):
            for siblings in reversed(above):
                target = {**target, **siblings}
        return Side(self.docs, side.uri, side.pointer, target)

    def child(self, key: str, node: Any) -> Side:
        return Side(self.docs, self.uri, f"{self.pointer}/{key}", node)

    @property
    def key(self) -> tuple[str, str]:
        return (self.uri, self.pointer)

    @property
    def ref_name(self) -> str | None:
        node = self.node
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            return str(node["$ref"]).rsplit("/", 1)[-1]
        return None


@dataclass(frozen=True, slots=True)
class Rel:
    """A change found below a pair of schemas, relative to where the pair was reached.

    Attributes:
        rule: the rule id.
        message: what changed, from what to what.
        pointer: where in the payload, JSON Pointer form with ``*`` for array items and map
            values (``/order/line_items/*/sku``); ``""`` is the schema itself.
        widened: the change is one a reader of the field must now handle (a consumer of the
            field may raise it).
        origin: ``uri#pointer`` of the schema node the change is in (changes are grouped by it).
        sense: ``"narrows"``, ``"widens"`` or ``"same"`` when the change is graded by what it
            does to the valid values rather than by the rule's catalogue level (a free-form
            object that became alternatives: the ``*-one-of-added`` id, but nothing new for a
            reader; an enum value beside an alternative that takes any string: no value
            changes); ``""`` keeps the catalogue level.
    """

    rule: str
    message: str
    pointer: str
    widened: bool
    origin: str
    sense: str = ""

    def under(self, segment: str) -> Rel:
        return Rel(self.rule, self.message, segment + self.pointer, self.widened, self.origin,
                   self.sense)


@dataclass(frozen=True)
class View:
    """A resolved schema with nullability and wrappers normalised away."""

    side: Side
    node: dict[str, Any]
    types: tuple[str, ...]
    nullable: bool
    written: Side | None = None  # the node as written (its ``$ref`` unresolved)
    wrapper: str | None = None  # ``uri#pointer`` of a composition unwrapped to reach the node

    @property
    def origin(self) -> str:
        return f"{self.side.uri}#{self.side.pointer}"


def mapping_at(node: Any, key: str) -> dict[str, Any]:
    """``node[key]`` when it is a mapping, else an empty one."""
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, dict) else {}


def sequence_at(node: Any, key: str) -> list[Any]:
    """``node[key]`` when it is a list, else an empty one."""
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, list) else []


def canonical(value: Any) -> str:
    """A stable text for a JSON value (key order ignored)."""
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def _is_null(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    kind = node.get("type")
    if kind == "null" or kind == ["null"]:
        return not (set(node) - ANNOTATIONS - {"type"})
    return node.get("enum") == [None] and not (set(node) - ANNOTATIONS - {"enum"})


# Keywords that give a node a meaning of its own beside any composition.
STRUCTURE = frozenset({"type", "properties", "items", "enum", "const", "additionalProperties",
                       "oneOf", "anyOf", "allOf", "not", "prefixItems", "if", "then", "else",
                       "patternProperties", "required", "format", "pattern"})


def view(side: Side, depth: int = 0) -> View:
    """Resolve ``side`` and normalise nullability (see the module docstring)."""
    written = side
    side = side.resolve()
    node = side.node if isinstance(side.node, dict) else {}
    raw_type = node.get("type")
    types = [raw_type] if isinstance(raw_type, str) else [
        t for t in raw_type if isinstance(t, str)] if isinstance(raw_type, list) else []
    nullable = node.get("nullable") is True or "null" in types
    enum = node.get("enum")
    if isinstance(enum, list) and None in enum and nullable is False and not types:
        nullable = True
    for keyword in ("oneOf", "anyOf"):
        members = node.get(keyword)
        if not isinstance(members, list) or not any(_is_null(m) for m in members):
            continue
        rest = [m for m in members if not _is_null(m)]
        nullable = True
        others = set(node) & STRUCTURE - {keyword}
        if len(rest) == 1 and not others and depth < _MAX_DEPTH:
            # oneOf: [null, X] is X that may be null; outer annotations stay with it.
            inner = view(side.child(f"{keyword}/{members.index(rest[0])}", rest[0]), depth + 1)
            merged = {**inner.node, **{k: v for k, v in node.items() if k in ANNOTATIONS}}
            return View(inner.side, merged, inner.types, True, inner.written,
                        f"{side.uri}#{side.pointer}")
        node = {**node, keyword: rest}
    node, types = _documented_enum(node, types)
    for keyword in _COMPOSITIONS:
        members = node.get(keyword)
        if (isinstance(members, list) and len(members) == 1 and depth < _MAX_DEPTH
                and not set(node) & STRUCTURE - {keyword}):
            # A single-branch composition (allOf: [$ref] beside nullable: true, anyOf: [$ref]
            # where 3.0 can put nothing beside a $ref) is its branch.
            inner = view(side.child(f"{keyword}/0", members[0]), depth + 1)
            merged = {**inner.node, **{k: v for k, v in node.items()
                                       if k in ANNOTATIONS or k == "nullable"}}
            return View(inner.side, merged, inner.types, inner.nullable or nullable,
                        inner.written, inner.wrapper or f"{side.uri}#{side.pointer}")
    if node is not side.node:
        side = Side(side.docs, side.uri, side.pointer, node)
    return View(side, node, tuple(sorted({t for t in types if t != "null"})), nullable, written)


def _documented_enum(node: dict[str, Any], types: list[str]) -> tuple[dict[str, Any],
                                                                       list[str]]:
    """A documented enum, alternatives that each allow one value (``oneOf: [{const: open,
    title: Open}, …]``), is the ``enum`` of those values: writing an enum so is no change, and
    a value added there is an enum value added."""
    if "enum" in node or "const" in node:
        return node, types
    for keyword in ("oneOf", "anyOf"):
        members = node.get(keyword)
        if isinstance(members, list) and members and all(
                isinstance(m, dict) and "const" in m and m["const"] is not None
                and not set(m) - ANNOTATIONS - {"const", "type"} for m in members):
            rewritten = {key: value for key, value in node.items() if key != keyword}
            rewritten["enum"] = [m["const"] for m in members]
            named = {m["type"] for m in members if isinstance(m.get("type"), str)}
            return rewritten, types or (sorted(named) if len(named) == 1 else types)
    return node, types


def implied_types(v: View) -> tuple[str, ...]:
    """The types a ``oneOf``/``anyOf`` allows when it has no ``type`` of its own: every
    branch's, when every branch names them (``type: object`` added beside a oneOf of objects
    narrows nothing)."""
    if v.types:
        return tuple(v.types)
    found: set[str] = set()
    for keyword in ("oneOf", "anyOf"):
        members = v.node.get(keyword)
        if not isinstance(members, list) or not members:
            continue
        for index, member in enumerate(members):
            branch = view(v.side.child(f"{keyword}/{index}", member))
            if not branch.types:
                return ()
            found.update(branch.types)
        return tuple(sorted(found))
    return ()



def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
