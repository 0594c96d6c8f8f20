"""The path a mapping author meant, when the one written does not exist or does not parse.

Authors bring path habits from other tools: JSONPath (``$.customer.email``,
``line_items[*].sku``, ``line_items[0].sku``), JSON pointers (``/customer/email``), the wrong
case (``Customer.Email``), a typo in any segment (``custmer.emial``), or a step into an array
without ``[]`` (``line_items.sku``). :func:`suggest_path` rewrites such a path into the dotted
form the engine reads and walks the contract with it, segment by segment, taking the nearest
declared name where the written one is absent; it returns a path only when every segment
then resolves.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from seamguard.contracts.model import Contract
from seamguard.mapping.paths import parse_path
from seamguard.mapping.shapes import navigate, shape_of

__all__ = ["path_hint", "suggest_path"]

_INDEX = re.compile(r"\[(\*|\d+)?\]")  # [*], [0], [] -> []


def _segments(path: str) -> list[str]:
    text = path.strip()
    if text.startswith("$."):
        text = text[2:]
    elif text.startswith("$["):
        text = text[1:]
    if "/" in text and "." not in text:  # a JSON pointer
        text = text.strip("/").replace("/", ".")
    text = re.sub(r"\['([^']+)'\]", r".\1", text)  # $['customer']['email']
    text = _INDEX.sub("[]", text)
    return [part for part in text.split(".") if part]


def suggest_path(contract: Contract, root: Any, path: str) -> str | None:
    """A path that exists and is close to ``path``, or None; never ``path`` itself."""
    out: list[str] = []
    shape = shape_of(contract, root)
    for raw in _segments(path):
        if shape.embedded is not None:  # a string holding JSON: the path reads inside it
            shape = shape_of(contract, shape.embedded)
        each = raw.endswith("[]")
        name = raw[:-2] if each else raw
        if name.isdigit() and out and shape.items is not None:  # customer.addresses.0.city
            out[-1] += "[]" if not out[-1].endswith("[]") else ""
            continue
        if shape.items is not None and "array" in shape.types and out and \
                not out[-1].endswith("[]"):
            out[-1] += "[]"  # a step into an array's elements: line_items.sku
            shape = shape_of(contract, shape.items)
        declared = sorted(shape.properties)
        if name not in shape.properties and not shape.is_map:
            folded = {key.lower().replace("-", "_"): key for key in declared}
            match = folded.get(name.lower().replace("-", "_"))
            if match is None:
                close = difflib.get_close_matches(name, declared, n=1, cutoff=0.75)
                match = close[0] if close else None
            if match is None:
                return None
            name = match
        shape = shape_of(contract, shape.properties[name]) if name in shape.properties else (
            shape_of(contract, shape.additional))
        out.append(name)
        if each:
            if shape.embedded is not None:
                shape = shape_of(contract, shape.embedded)
            if shape.items is None and "array" not in shape.types:
                return None
            out[-1] += "[]"
            shape = shape_of(contract, shape.items)
    suggestion = ".".join(out)
    return suggestion if out and suggestion != path else None


_SYNTAX = ("paths are dotted names, `[]` reads every element of an array "
           "(customer.email, line_items[].sku)")


def path_hint(contract: Contract, root: Any, meant: str | None) -> str:
    """Did you mean ``meant`` (with the values inside it when it is an object: a field that
    moved into one, ``subtotal`` -> ``subtotal_set.shop_money.amount``), and how paths are
    written."""
    if not meant:
        return _SYNTAX
    leaves = _leaves(contract, root, meant)
    inside = f" (an object: {', '.join(leaves[:4])}{', …' if len(leaves) > 4 else ''})" \
        if leaves else ""
    return f"did you mean {meant!r}{inside}? ({_SYNTAX})"


def _leaves(contract: Contract, root: Any, path: str) -> list[str]:
    """The paths of the values (not objects) inside the object at ``path``, in declared order;
    [] when ``path`` is not an object."""
    try:
        shape, _, _ = navigate(contract, root, parse_path(path))
    except ValueError:
        return []
    if shape is None or not shape.properties:
        return []
    out: list[str] = []
    pending = [(path, shape, 0)]
    while pending and len(out) < 12:
        prefix, node, depth = pending.pop(0)
        for name, child in node.properties.items():
            inner = shape_of(contract, child)
            if inner.properties and depth < 3:
                pending.append((f"{prefix}.{name}", inner, depth + 1))
            elif not inner.properties:
                out.append(f"{prefix}.{name}")
    return out
