"""Field paths in mapping specs: ``customer.phone``, ``line_items[].sku``, ``$target.amount``.

A path is compiled once into a getter; ``[]`` maps the rest of the path over a list. A name
below a string that holds a JSON object or array (SF's ``msgData``, TOP's JSON parameters; the
contract says so with ``contentMediaType: application/json``) reads inside that JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["TARGET_PREFIX", "compile_getter", "parse_path"]

TARGET_PREFIX = "$target."
EACH = object()


def parse_path(path: str) -> list[Any]:
    """Tokens of a dotted path; ``EACH`` stands for ``[]``. Raises ValueError when malformed."""
    if not path or path.startswith(".") or path.endswith(".") or ".." in path:
        raise ValueError(f"malformed path {path!r}: use dotted names such as customer.phone")
    tokens: list[Any] = []
    for part in path.split("."):
        each = part.endswith("[]")
        name = part[:-2] if each else part
        if not name or "[" in name or "]" in name:
            raise ValueError(f"malformed path segment {part!r} in {path!r}")
        tokens.append(name)
        if each:
            tokens.append(EACH)
    return tokens


def compile_getter(path: str) -> Callable[[Any], Any]:
    """A function reading ``path`` from a record; a missing key gives None."""
    tokens = parse_path(path)
    if EACH not in tokens:
        keys = tokens

        def get(record: Any) -> Any:
            for key in keys:
                if isinstance(record, str):
                    record = _embedded(record)
                if not isinstance(record, dict):
                    return None
                record = record.get(key)
            return record

        return get
    split = tokens.index(EACH)
    head = compile_getter(".".join(tokens[:split])) if split else (lambda record: record)
    rest = tokens[split + 1:]
    tail = compile_getter(_join(rest)) if rest else (lambda item: item)

    def get_each(record: Any) -> Any:
        items = head(record)
        if isinstance(items, str):
            items = _embedded(items)
        if not isinstance(items, list):
            return None if items is None else []
        return [tail(item) for item in items]

    return get_each


def _embedded(text: str) -> Any:
    """The JSON object or array a string holds; None for any other string."""
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")):
        return None
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError):  # not JSON, or nested beyond reason
        return None


def _join(tokens: list[Any]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token is EACH:
            parts[-1] += "[]"
        else:
            parts.append(token)
    return ".".join(parts)
