"""A document read from XML, given the types its schema declares.

XML carries only text, and cannot tell a list of one from a single element unless it marks the
list (``list="true"``). Before an XML-derived document (``seamguard.xml_documents``) is checked,
:func:`typed_xml` walks it beside its schema, the way form fields are read:

* a string where the schema declares ``integer``, ``number`` or ``boolean`` (and not
  ``string``) becomes one when the text allows it (``"20"`` → 20, ``"true"`` → True), and stays
  text otherwise, so the validator reports it as it was sent;
* a single element where the schema declares an array becomes an array of one;
* an empty element where the schema declares an object or an array (and not a string) is an
  empty one.

It also gives the function turning a pointer into the typed document back into one into the
document as recorded (an array of one adds ``/0``, which the recorded document does not have).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from seamguard.contracts.forms import _follow as follow
from seamguard.contracts.forms import _properties as properties_of
from seamguard.contracts.forms import _types as types_of
from seamguard.contracts.forms import typed_coerce
from seamguard.contracts.model import Contract
from seamguard.wire.pointers import escape

__all__ = ["typed_xml"]

_DEPTH = 256  # documents are read no deeper than max_depth (at most 256)


def typed_xml(contract: Contract, schema: Any, instance: Any
              ) -> tuple[Any, Callable[[str], str]]:
    """``instance`` typed by ``schema`` (a schema or a ``$ref`` object), and the pointer
    function back to the recorded document."""
    singles: list[str] = []  # pointers (in the result) of arrays made from one element
    result = _walk(contract, schema, instance, "", singles, 0)
    if not singles:
        return result, lambda pointer: pointer
    singles.sort(key=len, reverse=True)

    def back(pointer: str) -> str:
        for single in singles:
            if pointer == single:
                return pointer
            if pointer.startswith(single + "/0"):
                rest = pointer[len(single) + 2:]
                if rest == "" or rest.startswith("/"):
                    return back(single) + rest
        return pointer

    return result, back


class _Node(NamedTuple):
    """What the walk needs of one schema node, worked out once per contract."""

    kinds: frozenset[str]
    properties: dict[str, Any]
    extra: Any  # the additionalProperties schema, when it is one
    items: Any


def _node(contract: Contract, schema: Any) -> _Node | None:
    cache: dict[int, tuple[Any, _Node | None]] = contract.derived.setdefault("xml-typed", {})
    found = cache.get(id(schema))
    if found is None or found[0] is not schema:
        followed = follow(contract, schema)
        node = None
        if isinstance(followed, dict):
            extra = followed.get("additionalProperties")
            node = _Node(frozenset(_kinds(contract, followed)),
                         properties_of(contract, followed),
                         extra if isinstance(extra, dict) else None,
                         _items(contract, followed))
        # the schema is kept beside its node, so its id is not reused while cached
        found = cache[id(schema)] = (schema, node)
    return found[1]


def _walk(contract: Contract, schema: Any, value: Any, at: str, singles: list[str],
          depth: int) -> Any:
    if depth > _DEPTH:
        return value
    node = _node(contract, schema)
    if node is None:
        return value
    kinds = node.kinds
    if value == "" and "string" not in kinds:
        # an empty element (<trade/>) where the schema wants an object or an array
        if "object" in kinds:
            return {}
        if "array" in kinds:
            return []
    if isinstance(value, str):
        if "array" in kinds and "string" not in kinds:
            singles.append(at)
            return [_walk(contract, node.items, value, f"{at}/0", singles, depth + 1)]
        return typed_coerce(value, kinds) if kinds else value
    if isinstance(value, dict):
        if "array" in kinds and "object" not in kinds:
            singles.append(at)
            return [_walk(contract, node.items, value, f"{at}/0", singles, depth + 1)]
        props, extra = node.properties, node.extra
        if not props and extra is None:
            return value
        return {key: _walk(contract, props.get(key, extra), item, f"{at}/{escape(key)}",
                           singles, depth + 1)
                for key, item in value.items()}
    if isinstance(value, list):
        if node.items is None:
            return value
        return [_walk(contract, node.items, item, f"{at}/{i}", singles, depth + 1)
                for i, item in enumerate(value)]
    return value


def _kinds(contract: Contract, schema: dict[str, Any]) -> set[str]:
    kinds = types_of(schema)
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(key) or []:
            kinds |= types_of(follow(contract, branch))
    if not kinds:  # an untyped schema with properties or items is still an object or array
        if "properties" in schema:
            kinds.add("object")
        if "items" in schema:
            kinds.add("array")
    return kinds


def _items(contract: Contract, schema: dict[str, Any]) -> Any:
    items = schema.get("items")
    if items is not None:
        return items
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(key) or []:
            branch = follow(contract, branch)
            if isinstance(branch, dict) and branch.get("items") is not None:
                return branch["items"]
    return None
