"""Rows of a JSON table read as records of its column names: an object holding the names
(Kingdee's ``FieldKeys: "FID,FLinkMan,FLinkPhone"``, a ``columns``/``cols``/``fields``/``meta``
list of names or of ``{"name": …}`` objects) and, beside them, rows as arrays of that width
(``rows``, ``data``, ``values``...). A phone in a ``FLinkPhone`` column is a phone whatever it
looks like, as it is under that key in an object.

The names may also sit only in the request: Kingdee's ``ExecuteBillQuery`` asks for
``FieldKeys`` and answers with bare arrays in that order. :func:`request_columns` reads them
from a request body (JSON, JSON inside a JSON string, a form) for the answer's rows."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, unquote_plus

from seamguard.privacy.policy import key_words

__all__ = ["is_header_key", "request_columns", "table_columns"]

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


# a request worth parsing for column names: one of the header words as a key (the look-ahead
# at their first letters lets the search skip the other characters quickly)
_HEADER_HINT = re.compile(r"(?i)(?=[cfhkm])(?:field_?keys|columns|cols|fields|headers?|meta|keys"
                          r"|colnames|column_?names|field_?names)[\\\"']*\s*[:=]")
_MAX_REQUEST = 1 << 20  # a query is small; a large body is an upload, not a query
# every word of the hint holds one of these once lowered (none holds an i or an s, which the
# hint's ignore-case search also finds as a dotless i, a dotted capital I or a long s); a
# percent escape may spell one
_HINT_PARTS = ("col", "eld", "header", "meta", "key")
# a percent escape of an ASCII letter, or of the Kelvin sign (lowered, a k)
_LETTER_ESCAPE = re.compile(r"%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|[Ee]2%84%[Aa][Aa])")


def _may_name_columns(text: str) -> bool:
    """``text`` holds the hint, as it stands or once its form escapes are undone. Most requests
    hold none of the hint's words: they are passed over without a regex search."""
    lowered = text.lower()
    if any(part in lowered for part in _HINT_PARTS):
        if _HEADER_HINT.search(text) is not None:
            return True
    elif "%" not in text or _LETTER_ESCAPE.search(text) is None:
        return False  # (undone, the escapes spell no letter: still none of the words)
    # (undoing the escapes changes nothing without a % or a +)
    return ("%" in text or "+" in text) and _HEADER_HINT.search(unquote_plus(text)) is not None


def _columns_in(value: Any, depth: int) -> list[str] | None:
    if depth > 4:
        return None
    if isinstance(value, str):
        stripped = value.lstrip()
        if stripped[:1] in ("{", "[") and _HEADER_HINT.search(value):
            try:
                return _columns_in(json.loads(value), depth + 1)
            except (ValueError, RecursionError):
                return None
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(key, str) and is_header_key(key):
                names = _names(item)
                if names is not None:
                    return names
        items = list(value.values())
    elif isinstance(value, list):
        items = value
    else:
        return None
    for item in items:
        found = _columns_in(item, depth + 1)
        if found is not None:
            return found
    return None


def request_columns(body: bytes | str | None) -> list[str] | None:
    """The column names a request asks for (``{"data": {"FormId": …, "FieldKeys": "FID,FName"}}``,
    also inside a JSON string or a form parameter), or None."""
    if not body or len(body) > _MAX_REQUEST:
        return None
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    if not _may_name_columns(text):
        return None
    found = _columns_in(text, 0)
    if found is not None or "=" not in text:
        return found
    # a form: its parameters as an object (``FieldKeys=FID,FName``, ``data={…}``)
    try:
        pairs = parse_qsl(text.strip(), keep_blank_values=True, max_num_fields=1000)
    except ValueError:
        return None
    return _columns_in(dict(pairs), 0) if pairs else None
