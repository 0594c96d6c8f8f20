"""What a contract says about one field: navigate a converted schema along a dotted path.

Mapping lint needs "what type, format, enum, max length does ``customer.phone`` have?". The
converted (2020-12) schemas carry absolute ``$ref``s into the contract's skeletons; ``allOf`` is
merged, ``anyOf``/``oneOf`` branches are united (a ``null`` branch only makes the field nullable).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from seamguard.contracts.model import Contract
from seamguard.contracts.refs import node_at
from seamguard.contracts.schema import _INT_BOUNDS, CONTENT_KEY

__all__ = ["Shape", "navigate", "shape_of"]


@dataclass
class Shape:
    types: set[str] = field(default_factory=set)  # empty: anything
    properties: dict[str, Any] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    items: Any = None
    additional: Any = None  # schema of undeclared properties, when the object is a map
    enum: list[Any] | None = None
    format: str | None = None
    max_length: int | None = None
    pattern: str | None = None
    nullable: bool = False
    blank: bool = False  # an ``anyOf`` branch admits the empty string (HubSpot clears with "")
    examples: list[Any] = field(default_factory=list)  # the schema's example(s)
    embedded: Any = None  # contentSchema of a string holding JSON (contentMediaType …json)
    # numeric bounds as (value, exclusive); only where every value must keep them
    minimum: tuple[int | float, bool] | None = None
    maximum: tuple[int | float, bool] | None = None

    @property
    def is_map(self) -> bool:
        return isinstance(self.additional, dict)


def _deref(contract: Contract, node: Any, depth: int = 0) -> Any:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and depth < 32:
        uri, _, fragment = node["$ref"].partition("#")
        rest = {k: v for k, v in node.items() if k != "$ref"}
        node = node_at(contract.skeleton(uri), unquote(fragment))
        if rest:
            node = {"allOf": [node, rest]}
        depth += 1
    return node


def shape_of(contract: Contract, node: Any, depth: int = 0) -> Shape:
    """The merged facts of a schema node (refs followed, compositions merged)."""
    shape = Shape()
    node = _deref(contract, node)
    if not isinstance(node, dict) or depth > 24:
        return shape
    kind = node.get("type")
    if isinstance(kind, str):
        shape.types = {kind}
    elif isinstance(kind, list):
        shape.types = {k for k in kind if k != "null"}
        shape.nullable = "null" in kind
    shape.properties.update(node.get("properties") or {})
    shape.required.update(node.get("required") or [])
    shape.items = node.get("items")
    if isinstance(node.get("additionalProperties"), dict):
        shape.additional = node["additionalProperties"]
    if "enum" in node:
        shape.enum = [v for v in node["enum"] if v is not None]
        shape.nullable = shape.nullable or None in node["enum"]
    if "const" in node:
        shape.enum = [node["const"]]
    media = node.get("contentMediaType")
    if isinstance(media, str) and media.split(";")[0].strip().endswith(("/json", "+json")):
        # the converted schema keeps contentSchema under its own key (validated apart)
        shape.embedded = node.get(CONTENT_KEY, node.get("contentSchema", {}))
    shape.format = node.get("format")
    shape.max_length = node.get("maxLength")
    shape.pattern = node.get("pattern")
    shape.minimum = _bound(node, "minimum", "exclusiveMinimum", low=True)
    shape.maximum = _bound(node, "maximum", "exclusiveMaximum", low=False)
    if "example" in node:
        shape.examples.append(node["example"])
    if isinstance(node.get("examples"), list):
        shape.examples.extend(node["examples"])
    for branch in node.get("allOf") or []:
        _merge(shape, shape_of(contract, branch, depth + 1), required=True)
    for key in ("anyOf", "oneOf"):
        branches = [shape_of(contract, b, depth + 1) for b in node.get(key) or []]
        real = [b for b in branches if b.types != {"null"} and b.enum != []]
        if len(real) < len(branches):
            shape.nullable = True
        own_enum = shape.enum
        own = (shape.format, shape.max_length, shape.pattern)
        blank = [b for b in real if _only_blank(b)]
        if blank and len(blank) < len(real):
            # ``email`` or ``""``: the empty string is allowed besides the other branches' values
            shape.blank = True
            real = [b for b in real if not any(b is x for x in blank)]
        for branch in real:
            _merge(shape, branch, required=False)
        if real:
            # A value need satisfy only one branch: a branch's format, pattern or length bound
            # holds for the field only when every branch has it.
            formats = {b.format for b in real}
            patterns = {b.pattern for b in real}
            lengths = [b.max_length for b in real]
            shape.format = own[0] or (formats.pop() if len(formats) == 1 else None)
            shape.pattern = own[2] or (patterns.pop() if len(patterns) == 1 else None)
            shape.max_length = own[1] if own[1] is not None else (
                None if any(n is None for n in lengths) else max(lengths))  # type: ignore[type-var]
        if real and own_enum is None:
            # A value may match any branch: the field's values are all branches' values
            # (drf-spectacular's StatusEnum | BlankEnum | NullEnum), unless one branch is open.
            merged: list[Any] | None = []
            for branch in real:
                if branch.enum is None or merged is None:
                    merged = None
                else:
                    merged += [v for v in branch.enum if v not in merged]
            if merged is not None and shape.blank and "" not in merged:
                merged.append("")  # StatusEnum | BlankEnum
            shape.enum = merged
    return shape


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and (
        value == value and abs(value) != float("inf"))


def _bound(node: dict[str, Any], inclusive: str, exclusive: str, *, low: bool
           ) -> tuple[int | float, bool] | None:
    """A bound as (value, exclusive): 3.1's numeric ``exclusiveMinimum`` and 3.0's boolean one
    beside ``minimum`` alike; the tighter of the two where both are numbers."""
    shut, given = node.get(exclusive), node.get(inclusive)
    found: list[tuple[int | float, bool]] = []
    implied = _INT_BOUNDS.get(str(node.get("format", "")))
    # (the range an int32/int64 format implies is the converter's, not the author's)
    if isinstance(given, int | float) and _number(given) and not (
            implied and given == implied[0 if low else 1]):
        found.append((given, shut is True))
    if isinstance(shut, int | float) and _number(shut):
        found.append((shut, True))
    return _tighter(found, low=low)


def _tighter(found: list[tuple[int | float, bool]], *, low: bool
             ) -> tuple[int | float, bool] | None:
    if not found:
        return None
    # the larger lower bound (or smaller upper one); at a tie the exclusive one is tighter
    return max(found, key=lambda b: (b[0] if low else -b[0], b[1]))


def _only_blank(shape: Shape) -> bool:
    """A schema whose only value is the empty string (``maxLength: 0``, ``enum: [""]``)."""
    if shape.types - {"string"} or shape.properties:
        return False
    return shape.max_length == 0 or shape.enum == [""]


def _merge(shape: Shape, other: Shape, *, required: bool) -> None:
    if other.types:
        shape.types = shape.types & other.types if shape.types and required else (
            shape.types | other.types)
    for name, sub in other.properties.items():
        existing = shape.properties.get(name)
        if existing is None or existing is sub:
            shape.properties[name] = sub
        elif required:
            # allOf: both branches constrain the property (e.g. a generic envelope's `data`
            # narrowed by an operation-specific branch), so it is both at once.
            shape.properties[name] = {"allOf": [existing, sub]}
        else:
            shape.properties[name] = {"anyOf": [existing, sub]}
    if required:
        shape.required |= other.required
        # allOf: a value keeps every branch's bounds (anyOf/oneOf branches bound nothing alone)
        shape.minimum = _tighter([b for b in (shape.minimum, other.minimum) if b], low=True)
        shape.maximum = _tighter([b for b in (shape.maximum, other.maximum) if b], low=False)
    shape.items = shape.items if shape.items is not None else other.items
    shape.additional = shape.additional if shape.additional is not None else other.additional
    shape.enum = shape.enum if shape.enum is not None else other.enum
    shape.format = shape.format or other.format
    shape.max_length = shape.max_length if shape.max_length is not None else other.max_length
    shape.pattern = shape.pattern or other.pattern
    shape.embedded = shape.embedded if shape.embedded is not None else other.embedded
    shape.nullable = shape.nullable or other.nullable
    shape.blank = shape.blank or other.blank
    shape.examples = shape.examples or other.examples


def navigate(
    contract: Contract, root: Any, tokens: list[Any]
) -> tuple[Shape | None, str, list[str]]:
    """The shape at ``tokens`` below ``root``; on failure (None, missing name, names known there).

    ``EACH`` tokens (``[]``) step into array items; a name below a string holding JSON
    (``contentMediaType: application/json`` with a ``contentSchema``) steps into that JSON.
    """
    from seamguard.mapping.paths import EACH

    shape = shape_of(contract, root)
    for token in tokens:
        if shape.embedded is not None:
            shape = shape_of(contract, shape.embedded)
        if token is EACH:
            if shape.items is None and "array" not in shape.types:
                return None, "[]", []
            shape = shape_of(contract, shape.items)
            continue
        if token in shape.properties:
            shape = shape_of(contract, shape.properties[token])
        elif shape.is_map:
            shape = shape_of(contract, shape.additional)
        else:
            return None, str(token), sorted(shape.properties)
    return shape, "", []
