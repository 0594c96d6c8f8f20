"""One property that several ``allOf`` parts declare, merged into the schema it means.

``allOf: [Base, {properties: {code: {maxLength: 10}}}]`` where ``Base`` says ``code: {type:
string}`` means ``code: {type: string, maxLength: 10}``: a value must satisfy every part. When an
object written as ``allOf`` parts is compared as the one object it means (oasdiff's
``--flatten-allof``), such a property is compared as that merged schema, so a bound added or
dropped in one part is the effective change of the property, not a property added or removed.

The merge is the intersection of the parts' constraints where that is one keyword (the smaller
``maxLength``, the larger ``minLength``, the common ``enum`` values, the narrower ``type``, the
union of ``required``); two parts that say different things the merge cannot express as one
keyword (two patterns, two formats, two exclusive bounds) leave the object unmerged (``None``).
Sub-schemas held by one part stay references to where that part holds them, so a change inside
them is located in that part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from seamguard.contracts.diff_schema import ANNOTATIONS, canonical

if TYPE_CHECKING:
    from seamguard.contracts.diff_schema import View

__all__ = ["merge_property"]

# keyword → pick the narrower of two numbers
_SMALLER = frozenset({"maxLength", "maxItems", "maxProperties", "maxContains"})
_LARGER = frozenset({"minLength", "minItems", "minProperties", "minContains"})
# Sub-schemas: a reference to the part that holds them when only one part does.
_SUBSCHEMAS = frozenset({"items", "additionalProperties", "not", "contains", "propertyNames",
                         "unevaluatedItems", "unevaluatedProperties", "contentSchema", "if",
                         "then", "else"})
# Either part saying true makes it so.
_FLAGS = frozenset({"readOnly", "writeOnly", "deprecated", "uniqueItems"})


def _ref(uri: str, pointer: str) -> dict[str, str]:
    return {"$ref": f"{uri}#{quote(pointer, safe='/~')}"}


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _meet(a: set[str], b: set[str]) -> set[str]:
    both = a & b
    if "number" in a and "integer" in b:
        both.add("integer")
    if "integer" in a and "number" in b:
        both.add("integer")
    return both


def merge_property(parts: list[View]) -> dict[str, Any] | None:
    """The schema a property has when every part's declaration of it holds, or None.

    Args:
        parts: each part's declaration of the property, resolved (``view``), in ``allOf`` order.

    Returns:
        One schema node, inline; sub-schemas that one part holds are references to it.
    """
    if len({v.side.uri for v in parts}) != 1:
        return None  # inline sub-schemas would be read from the wrong file
    if len([v for v in parts if any(isinstance(v.node.get(k), list)
                                    for k in ("allOf", "anyOf", "oneOf"))]) > 1:
        return None  # alternatives intersected with alternatives: no one keyword says it
    merged: dict[str, Any] = {}
    sources: dict[str, str] = {}  # a sub-schema keyword or property name: its text as written
    types: set[str] | None = None
    null_allowed = True
    for v in parts:
        node = v.node
        own = set(v.types) if v.types else None
        if own is not None:
            types = own if types is None else _meet(types, own)
            if not types:
                return None  # no value satisfies both parts
        if (own is not None or isinstance(node.get("enum"), list)) and not v.nullable:
            null_allowed = False
        for key, value in node.items():
            if key in ("type", "nullable", "$ref") or str(key).startswith("x-"):
                continue
            if not _merge_keyword(merged, sources, str(key), value, v):
                return None
    if types is not None:
        ordered = sorted(types)
        merged["type"] = ordered[0] if len(ordered) == 1 else ordered
    if null_allowed and any(v.nullable for v in parts):
        merged["nullable"] = True
    return merged


def _merge_keyword(merged: dict[str, Any], sources: dict[str, str], key: str, value: Any,
                   v: View) -> bool:
    """Lay one part's keyword over what is merged so far; False when they cannot be one."""
    if key == "properties" and isinstance(value, dict):
        found = merged.setdefault(key, {})
        for name, schema in value.items():
            text = canonical(schema)
            if name in found:
                if sources.get(f"properties/{name}") != text:
                    return False  # a nested property declared twice: not merged this deep
                continue
            found[name] = _ref(v.side.uri, f"{v.side.pointer}/properties/{_escape(str(name))}")
            sources[f"properties/{name}"] = text
        return True
    if key in _SUBSCHEMAS and isinstance(value, dict):
        if key in merged:
            return sources.get(key) == canonical(value)  # different ones would need a merge
        merged[key] = _ref(v.side.uri, f"{v.side.pointer}/{key}")
        sources[key] = canonical(value)
        return True
    if key not in merged:
        merged[key] = value
        return True
    before = merged[key]
    if key in _FLAGS:
        merged[key] = before is True or value is True
    elif key == "default":
        merged[key] = value  # the refining part's default
    elif key in ANNOTATIONS:
        pass  # the first part's words
    elif key in _SMALLER | _LARGER and _is_number(before) and _is_number(value):
        merged[key] = min(before, value) if key in _SMALLER else max(before, value)
    elif key == "enum" and isinstance(before, list) and isinstance(value, list):
        keep = {canonical(item) for item in value}
        merged[key] = [item for item in before if canonical(item) in keep]
        return bool(merged[key])
    elif key == "required" and isinstance(before, list) and isinstance(value, list):
        merged[key] = before + [name for name in value if name not in before]
    else:
        return canonical(before) == canonical(value)
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
