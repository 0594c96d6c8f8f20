"""Rows of a JSON table read as records of its column names: an object holding the names
(Kingdee's ``FieldKeys: "FID,FLinkMan,FLinkPhone"``, a ``columns``/``cols``/``fields``/``meta``
list of names or of ``{"name": …}`` objects) and, beside them, rows as arrays of that width
(``rows``, ``data``, ``values``...). A phone in a ``FLinkPhone`` column is a phone whatever it
looks like, as it is under that key in an object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seamguard.privacy.policy import key_words

__all__ = ["is_header_key", "table_columns"]

_HEADER_WORDS = frozenset({"fieldkeys", "columns", "cols", "fields", "header", "headers", "meta",
                           "keys", "colnames", "columnnames", "fieldnames"})


def _names(value: Any) -> list[str] | None:
    if isinstance(value, str):
        names = [name.strip() for name in value.split(",")]
    elif isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        names = [item.strip() for item in value]
    elif isinstance(value, list) and value and all(
            isinstance(item, Mapping) and isinstance(item.get("name"), str) for item in value):
        names = [str(item["name"]).strip() for item in value]
    else:
        return None
    if len(names) < 2 or not all(names) or len(set(names)) != len(names):
        return None
    return names


def is_header_key(key: str) -> bool:
    """``key`` may name columns (``FieldKeys``, ``columns``, ``meta``)."""
    words = key_words(key)
    return bool(words) and (words[-1] in _HEADER_WORDS or "".join(words[-2:]) in _HEADER_WORDS)


def table_columns(value: Mapping[Any, Any]) -> tuple[Any, list[str]] | None:
    """The key of ``value``'s rows and the column names they follow; None when ``value`` holds
    no such table."""
    for key, item in value.items():
        if not isinstance(key, str) or not is_header_key(key):
            continue
        names = _names(item)
        if names is None:
            continue
        for rows_key, rows in value.items():
            if rows_key != key and isinstance(rows, list) and any(
                    isinstance(row, list) and len(row) == len(names) for row in rows):
                return rows_key, names
    return None
