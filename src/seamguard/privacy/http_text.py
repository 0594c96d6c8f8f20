"""Small text helpers of :mod:`seamguard.privacy.http`: header values as text, percent-encoded
values in their charset, and case-insensitive header access on vcrpy's header mappings."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus, unquote, unquote_to_bytes

from seamguard.recordings.bodies import DecodedBody, charset_of

__all__ = ["utf8_text"]

# (characters a scrubbed query value keeps unencoded: pseudonyms' and masks' own)
QUERY_SAFE = "<>*@"

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _header_text(value: str) -> str:
    """A header value as the text it carries (percent-encoded UTF-8 or GB18030 decoded)."""
    if "%" not in value:
        return value
    try:
        return unquote(value, errors="strict")
    except UnicodeDecodeError:
        return unquote(value, encoding="gb18030", errors="replace")


# (Content-Type values repeat across a recording; what charset one names never changes)
_charset_of = functools.lru_cache(maxsize=512)(charset_of)


# --- small helpers ------------------------------------------------------------------------------


def utf8_text(body: str, content_type: str | None) -> DecodedBody | None:
    """What ``decode(body.encode("utf-8"), content_type)`` gives, without the round trip, where
    that is certain (no charset or UTF-8 declared, no XML declaration); else None."""
    declared = _charset_of(content_type)
    if declared not in (None, "utf-8") or "<?xml" in body[:100]:
        return None
    return DecodedBody(body, "utf-8", declared is not None)


def _unquote_plus(text: str, charset: str = "utf-8") -> str:
    return _unquote_value(text, charset)[0]


_ASCII_SUPERSETS = frozenset({"utf-8", "utf8", "ascii", "us-ascii", "gbk", "gb18030", "gb2312",
                              "big5", "latin-1", "iso-8859-1"})


def _unquote_value(raw: str, charset: str) -> tuple[str, str]:
    """A percent-encoded value as text, and the charset its bytes were in."""
    if "%" not in raw and "+" not in raw and raw.isascii() and charset.lower() in _ASCII_SUPERSETS:
        return raw, charset  # nothing encoded: the text is the value in any of these charsets
    key = (raw, charset)
    known = _UNQUOTED.get(key)
    if known is not None:
        return known
    result = _decoded(unquote_to_bytes(raw.replace("+", " ")), charset)
    if len(raw) <= 4096:
        # (a form's values are read twice, for names beside phones and for themselves)
        if len(_UNQUOTED) >= 1 << 12:
            _UNQUOTED.clear()
        _UNQUOTED[key] = result
    return result


_UNQUOTED: dict[tuple[str, str], tuple[str, str]] = {}


def _decoded(data: bytes, charset: str) -> tuple[str, str]:
    for candidate in dict.fromkeys((charset, "utf-8", "gb18030")):
        try:
            return data.decode(candidate), candidate
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1"), "latin-1"


def _quote_value(text: str, charset: str) -> str:
    try:
        return quote_plus(text, safe=QUERY_SAFE, encoding=charset)
    except UnicodeEncodeError:
        return quote_plus(text, safe=QUERY_SAFE, encoding="utf-8")


def _header(headers: Mapping[str, Any], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            if isinstance(value, list | tuple):
                return str(value[0]) if value else None
            return None if value is None else str(value)
    return None


def _set_header(headers: dict[str, Any], name: str, value: str) -> None:
    for key, current in headers.items():
        if key.lower() == name:
            headers[key] = [value] if isinstance(current, list | tuple) else value


def _drop_header(headers: dict[str, Any], name: str) -> None:
    for key in [key for key in headers if key.lower() == name]:
        del headers[key]
