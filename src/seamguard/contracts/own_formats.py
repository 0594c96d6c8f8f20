"""Formats of the OpenAPI format registry that jsonschema-rs does not check itself.

jsonschema-rs checks the JSON Schema formats (``date-time``, ``email``, ``uuid``...) and lets any
other name pass. OpenAPI's ``byte`` is "base64 encoded data as defined in RFC 4648", so a value
that is not base64 breaks its contract as a bad ``date-time`` does: the standard alphabet, ``=``
only at the end, no line breaks or spaces (RFC 4648 §3.1 and §4; the standard library's decoder
in its strict mode). Padding left out is taken as written without it (many encoders drop it and
the data is unambiguous); a length no padding can complete (4n + 1) is not base64.

``base64url`` (the OpenAPI Format Registry's, RFC 4648 §5) is the same with the URL- and
filename-safe alphabet: ``-`` and ``_`` where base64 has ``+`` and ``/``, which it may not hold;
padding is optional, as in JWTs and most URL uses (§5 lets a specification leave it out).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable

__all__ = ["OWN_FORMATS", "OWN_FORMAT_RULES", "is_base64", "is_base64url"]


def is_base64(value: str) -> bool:
    """Is ``value`` base64 of RFC 4648 §4 (padding optional), with nothing outside its alphabet?"""
    if "=" not in value and len(value) % 4 in (2, 3):
        value += "=" * (4 - len(value) % 4)
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):  # a character outside the alphabet, or non-ASCII
        return False
    return True


_URL_SAFE = str.maketrans("-_", "+/")


def is_base64url(value: str) -> bool:
    """Is ``value`` base64url of RFC 4648 §5 (padding optional): ``A-Z a-z 0-9 - _``, no ``+``
    or ``/``?"""
    if "+" in value or "/" in value:
        return False
    return is_base64(value.translate(_URL_SAFE))


# Format name -> check, as jsonschema-rs's ``formats`` takes them (called for strings only).
OWN_FORMATS: dict[str, Callable[[str], bool]] = {"byte": is_base64, "base64url": is_base64url}
# What each of those formats takes, said in a finding about a value that breaks it.
OWN_FORMAT_RULES: dict[str, str] = {
    "byte": "base64 of RFC 4648 §4: A-Z a-z 0-9 + /, '=' padding only at the end",
    "base64url": "URL-safe base64 of RFC 4648 §5: A-Z a-z 0-9 - _ (no + or /), "
                 "'=' padding optional, only at the end",
}
