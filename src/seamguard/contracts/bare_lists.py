"""Lists a contract wraps in an object, read from answers that send them bare.

TOP wraps every list in an object named after it holding one array named after its element
(``"trades": {"trade": [...]}``); its simplified answers (``simplify=true``) send the array
itself (``"trades": [...]``). :func:`rewrap` puts such bare arrays back into the wrapper the
schema declares, so the contract's own schema checks them, and gives the function that turns a
pointer into the rewrapped document back into a pointer into the answer as it was recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from seamguard.contracts.forms import _follow as follow
from seamguard.contracts.forms import _properties as properties_of
from seamguard.contracts.model import Contract, SchemaRef
from seamguard.wire.pointers import escape

__all__ = ["rewrap"]

_DEPTH = 64  # schemas nest no deeper than documents are read


def rewrap(contract: Contract, ref: SchemaRef, instance: Any
           ) -> tuple[Any, Callable[[str], str]]:
    """``instance`` with each bare array the schema wraps put in its wrapper, and the function
    from pointers into the result back to pointers into ``instance``."""
    moved: list[tuple[str, str]] = []  # (pointer in the result, pointer in the instance)
    result = _walk(contract, contract.schema(ref), instance, "", "", moved, 0)
    if not moved:
        return instance, lambda pointer: pointer
    moved.sort(key=lambda pair: len(pair[0]), reverse=True)

    def back(pointer: str) -> str:
        for rewrapped, recorded in moved:
            if pointer == rewrapped or pointer.startswith(rewrapped + "/"):
                return recorded + pointer[len(rewrapped):]
        return pointer

    return result, back


def _wrapper(contract: Contract, schema: Any) -> str | None:
    """The element name when ``schema`` is an object of exactly one array property."""
    schema = follow(contract, schema)
    if not isinstance(schema, dict):
        return None
    props = properties_of(contract, schema)
    if len(props) != 1:
        return None
    [(name, sub)] = props.items()
    sub = follow(contract, sub)
    kinds = sub.get("type") if isinstance(sub, dict) else None
    is_array = kinds == "array" or (isinstance(kinds, list) and "array" in kinds)
    return name if is_array else None


def _walk(contract: Contract, schema: Any, value: Any, at: str, recorded: str,
          moved: list[tuple[str, str]], depth: int) -> Any:
    if depth > _DEPTH:
        return value
    schema = follow(contract, schema)
    if not isinstance(schema, dict):
        return value
    if isinstance(value, dict):
        props = properties_of(contract, schema)
        if not props:
            return value
        out: dict[str, Any] = {}
        for key, item in value.items():
            sub = props.get(key)
            here, there = f"{at}/{escape(key)}", f"{recorded}/{escape(key)}"
            if sub is None:
                out[key] = item
                continue
            element = _wrapper(contract, sub) if isinstance(item, list) else None
            if element is not None:  # a bare list: into its wrapper, its items walked
                here = f"{here}/{escape(element)}"
                moved.append((here, there))
                array = follow(contract, properties_of(contract, follow(contract, sub))[element])
                items = array.get("items") if isinstance(array, dict) else None
                out[key] = {element: [
                    _walk(contract, items, entry, f"{here}/{i}", f"{there}/{i}", moved,
                          depth + 1) for i, entry in enumerate(item)]}
                continue
            out[key] = _walk(contract, sub, item, here, there, moved, depth + 1)
        return out
    if isinstance(value, list):
        items = schema.get("items")
        if items is None:
            return value
        return [_walk(contract, items, item, f"{at}/{i}", f"{recorded}/{i}", moved, depth + 1)
                for i, item in enumerate(value)]
    return value
