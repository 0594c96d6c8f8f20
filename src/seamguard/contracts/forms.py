"""Text values (form fields, query parameters, headers) read as the types a schema declares.

A form or a header carries text; a schema may say ``integer``, ``number`` or ``boolean``. The
text is given the declared type when it reads as one (``"20"`` → 20 for an integer), and left
as text otherwise, so the validator reports the mismatch with the value as it was sent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from seamguard.contracts.model import Contract, SchemaRef
from seamguard.contracts.refs import split_pointer

__all__ = ["coerce_text", "form_instance", "form_types", "typed_coerce"]


def _types(schema: Any) -> set[str]:
    if not isinstance(schema, dict):
        return set()
    kind = schema.get("type")
    kinds = set(kind) if isinstance(kind, list) else {kind} if isinstance(kind, str) else set()
    for key in ("anyOf", "oneOf", "allOf"):
        for branch in schema.get(key) or []:
            kinds |= _types(branch)
    return kinds


def coerce_text(value: str, schema: Any) -> Any:
    """``value`` as the type ``schema`` declares, when the text allows it."""
    return _coerce(value, _types(schema))


def _coerce(value: str, kinds: set[str] | frozenset[str]) -> Any:
    if "string" in kinds or not kinds:
        return value
    if "integer" in kinds:
        try:
            return int(value)
        except ValueError:
            pass
    if "number" in kinds:
        try:
            number = float(value)
        except ValueError:
            pass
        else:
            if number == number and abs(number) != float("inf"):  # not NaN or infinite
                return number
    if "boolean" in kinds and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def _follow(contract: Contract, schema: Any, depth: int = 0) -> Any:
    """The schema a ``$ref`` points to (converted, from the contract's skeletons)."""
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and depth < 16:
        uri, _, fragment = schema["$ref"].partition("#")
        try:
            node: Any = contract.skeleton(uri)
            for token in split_pointer(fragment):
                node = node[token]
        except (KeyError, ValueError, TypeError):
            return schema
        schema, depth = node, depth + 1
    return schema


def _properties(contract: Contract, schema: Any) -> dict[str, Any]:
    schema = _follow(contract, schema)
    if not isinstance(schema, dict):
        return {}
    found = dict(schema.get("properties") or {})
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(key) or []:
            for name, sub in _properties(contract, branch).items():
                found.setdefault(name, sub)
    return found


def declares(contract: Contract, ref: SchemaRef, name: str) -> bool:
    """Whether request schema ``ref`` declares a property ``name`` (through allOf/anyOf/oneOf
    and $refs too)."""
    return name in _properties(contract, contract.schema(ref))


def form_types(contract: Contract, ref: SchemaRef) -> dict[str, frozenset[str]]:
    """The fields of request schema ``ref`` declared with a non-string type, and their types
    (the other fields stay text); computed once per contract."""
    plans: dict[SchemaRef, dict[str, frozenset[str]]] = contract.derived.setdefault(
        "form-fields", {})
    typed = plans.get(ref)
    if typed is None:
        properties = _properties(contract, contract.schema(ref))
        typed = plans[ref] = {
            name: frozenset(kinds) for name, kinds in
            ((name, _types(_follow(contract, sub))) for name, sub in properties.items())
            if kinds and "string" not in kinds}
    return typed


# One form field as the types :func:`form_types` gives for it (asked per field of every
# gateway call: the function itself, no call around it)
typed_coerce: Callable[[str, frozenset[str]], Any] = _coerce


def form_instance(contract: Contract, ref: SchemaRef, values: Mapping[str, str]) -> dict[str, Any]:
    """Form fields as the JSON object the request schema ``ref`` validates."""
    typed = form_types(contract, ref)
    if not typed:
        return dict(values)
    return {name: _coerce(value, typed[name]) if name in typed else value
            for name, value in values.items()}
