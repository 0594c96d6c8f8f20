"""Contract lint: schemas no value can match.

The OpenAPI meta-schema checks each keyword on its own, so ``minimum: 10`` beside ``maximum: 1``
is valid OpenAPI; yet every answer (or request) that schema describes fails, and the contract
is wrong rather than the platform. These are found by the keywords of one schema and of its
``allOf`` branches taken together: crossed bounds, an ``enum`` or ``const`` none of whose values
fits the rest of the schema, a required property ``additionalProperties: false`` forbids, and
branches whose types have nothing in common.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from seamguard.documents import escape_pointer

__all__ = ["Never", "never_matching"]

# (lower keyword, upper keyword, the type they bound, what they count)
_SIZES = (("minLength", "maxLength", "string", "characters"),
          ("minItems", "maxItems", "array", "items"),
          ("minProperties", "maxProperties", "object", "properties"))
# keys whose values are data, not schemas
_DATA = frozenset({"example", "examples", "enum", "const", "default", "x-examples"})
Never = tuple[str, str]  # (JSON pointer, why)


def never_matching(document: Any, *, openapi30: bool) -> Iterator[Never]:
    """Every schema-like object of ``document`` that no value can match, with the reason."""
    yield from _walk(document, "", openapi30)


def _walk(node: Any, pointer: str, openapi30: bool) -> Iterator[Never]:
    if isinstance(node, dict):
        why = _why_never(node, openapi30)
        if why is not None:
            yield pointer, why
        for key, value in node.items():
            if isinstance(value, dict | list) and key not in _DATA \
                    and not str(key).startswith("x-"):
                yield from _walk(value, f"{pointer}/{escape_pointer(str(key))}", openapi30)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{pointer}/{index}", openapi30)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) \
        and math.isfinite(value)


def _types(schema: dict[str, Any]) -> set[str] | None:
    """The types a schema allows by its ``type`` (None: any); ``integer`` stands in itself."""
    declared = schema.get("type")
    if isinstance(declared, str):
        found = {declared}
    elif isinstance(declared, list) and all(isinstance(t, str) for t in declared):
        found = set(declared)
    else:
        return None
    if schema.get("nullable") is True:
        found.add("null")
    return found


def _meet(left: set[str] | None, right: set[str] | None) -> set[str] | None:
    if left is None or right is None:
        return left if right is None else right
    out = left & right
    if ("integer" in left and "number" in right) or ("number" in left and "integer" in right):
        out.add("integer")
    return out


def _branches(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema and its ``allOf`` branches written in place (a ``$ref`` branch is left out)."""
    branches = [schema]
    members = schema.get("allOf")
    if isinstance(members, list):
        branches += [m for m in members if isinstance(m, dict) and "$ref" not in m]
    return branches


def _why_never(schema: dict[str, Any], openapi30: bool) -> str | None:
    branches = _branches(schema)
    types: set[str] | None = None
    for branch in branches:
        types = _meet(types, _types(branch))
    if types is not None and not types:
        named = [" | ".join(sorted(t)) for b in branches if (t := _types(b))]
        return f"its allOf branches allow no common type ({' and '.join(named)})"
    if types is not None and types <= {"number", "integer"}:
        why = _crossed_numbers(branches, openapi30, integer=types == {"integer"})
        if why is not None:
            return why
    for low_key, high_key, kind, counted in _SIZES:
        if types is not None and types <= {kind}:
            lows = [b[low_key] for b in branches if _number(b.get(low_key))]
            highs = [b[high_key] for b in branches if _number(b.get(high_key))]
            if lows and highs and max(lows) > min(highs):
                return (f"{low_key} {max(lows):g} is above {high_key} {min(highs):g}: no "
                        f"{kind} has that many {counted}")
    why = _forbidden_required(schema)
    if why is not None:
        return why
    return _no_listed_value(schema, openapi30)


def _crossed_numbers(branches: list[dict[str, Any]], openapi30: bool, *,
                     integer: bool) -> str | None:
    low: tuple[float, bool, str] | None = None  # value, exclusive, as written
    high: tuple[float, bool, str] | None = None
    for branch in branches:
        for key, upper in (("minimum", False), ("maximum", True),
                           ("exclusiveMinimum", False), ("exclusiveMaximum", True)):
            value = branch.get(key)
            if not _number(value):
                continue
            exclusive = key.startswith("exclusive") or (
                openapi30 and branch.get("exclusiveMaximum" if upper else "exclusiveMinimum")
                is True)
            bound = (float(value), exclusive, f"{key} {value:g}")  # type: ignore[arg-type]
            if upper:
                if high is None or bound[0] < high[0] or (bound[0] == high[0] and exclusive):
                    high = bound
            elif low is None or bound[0] > low[0] or (bound[0] == low[0] and exclusive):
                low = bound
    if low is None or high is None:
        return None
    lowest, highest = low[0], high[0]
    if integer:
        lowest = math.floor(lowest) + 1 if low[1] and lowest.is_integer() else math.ceil(lowest)
        highest = math.ceil(highest) - 1 if high[1] and highest.is_integer() \
            else math.floor(highest)
        if lowest > highest:
            return f"no integer lies between {low[2]} and {high[2]}"
        return None
    if lowest > highest or (lowest == highest and (low[1] or high[1])):
        return f"no number lies between {low[2]} and {high[2]}"
    return None


def _forbidden_required(schema: dict[str, Any]) -> str | None:
    if schema.get("additionalProperties") is not False or "patternProperties" in schema:
        return None
    required = schema.get("required")
    declared = schema.get("properties")
    if not isinstance(required, list) or not isinstance(declared, dict):
        return None
    if isinstance(schema.get("allOf") or schema.get("anyOf") or schema.get("oneOf"), list):
        return None  # properties may come from the branches: too subtle to call
    missing = [name for name in required if isinstance(name, str) and name not in declared]
    if not missing:
        return None
    return (f"{', '.join(repr(n) for n in missing)} is required but not among its properties, "
            "and additionalProperties: false forbids any other")


def _has_ref(node: Any) -> bool:
    if isinstance(node, dict):
        return "$ref" in node or any(_has_ref(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_ref(v) for v in node)
    return False


def _no_listed_value(schema: dict[str, Any], openapi30: bool) -> str | None:
    if "enum" in schema:
        keyword, values = "enum", schema["enum"]
        if not isinstance(values, list) or not values:
            return None  # the structural check reports an enum that is no list or empty
    elif "const" in schema and not openapi30:
        keyword, values = "const", [schema["const"]]
    else:
        return None
    rest = {k: v for k, v in schema.items() if k not in ("enum", "const", "default", "example",
                                                          "examples", "discriminator")}
    if _has_ref(rest):
        return None
    check = _validator(rest, openapi30)
    if check is None:
        return None
    if any(check(value) for value in values):
        return None
    shown = ", ".join(_short(v) for v in values[:5]) + (", ..." if len(values) > 5 else "")
    return f"none of its {keyword} values ({shown}) matches the rest of the schema"


def _short(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def _validator(schema: dict[str, Any], openapi30: bool) -> Any:
    """A function telling whether one value matches ``schema``, or None when the schema
    cannot be judged alone."""
    import jsonschema_rs

    nullable = openapi30 and schema.get("nullable") is True
    cls = jsonschema_rs.Draft4Validator if openapi30 else jsonschema_rs.Draft202012Validator
    try:
        validator = cls(schema)
    except Exception:  # a schema the structural check reports
        return None

    def check(value: Any) -> bool:
        if value is None and nullable:
            return True
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # 1.0 is an integer in every JSON Schema draft after 4
        try:
            return bool(validator.is_valid(value))
        except Exception:  # a keyword that cannot be evaluated alone: call it a match
            return True
    return check
