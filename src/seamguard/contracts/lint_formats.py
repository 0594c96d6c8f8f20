"""``format`` values that are a known format misspelt (``date-tme``, ``datetime``,
``DATE-TIME``, ``e-mail``, ``uuid4``): a format no registry knows is an annotation, so the
values it was meant to check pass unchecked. A format of no registry that is near none of them
(``x-money``, ``currency``) is an author's own and is left alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from seamguard.document_pointers import escape_pointer

__all__ = ["KNOWN_FORMATS", "misspelt_formats"]

# JSON Schema 2020-12's formats, then the OpenAPI Format Registry's
# (spec.openapis.org/registry/format, deprecated entries included: old contracts use them).
KNOWN_FORMATS = frozenset({
    "date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname",
    "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template",
    "json-pointer", "relative-json-pointer", "regex",
    "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float", "double",
    "decimal", "decimal128", "double-int", "byte", "base64url", "binary", "char", "commonmark",
    "html", "media-range", "password", "http-date", "imf-fixdate", "sf-binary", "sf-boolean",
    "sf-decimal", "sf-integer", "sf-string", "sf-token", "unixtime", "date-time-local",
    "time-local", "ipv4-cidr", "ipv6-cidr", "language", "templated-url",
})
# The ones a value is checked against: a misspelling of these loses a check.
_CHECKED = sorted({"date-time", "date", "time", "duration", "email", "idn-email", "hostname",
                   "idn-hostname", "ipv4", "ipv6", "uri", "uri-reference", "iri",
                   "iri-reference", "uuid", "uri-template", "json-pointer",
                   "relative-json-pointer", "regex", "int32", "int64"})
_SQUEEZED = {name.replace("-", ""): name for name in _CHECKED}
# Values, not schemas: a "format" key inside them is data.
_DATA = frozenset({"example", "examples", "enum", "const", "default", "x-examples"})


def _meant(value: str) -> str | None:
    """The checked format ``value`` is a misspelling of, or None."""
    if value in KNOWN_FORMATS:
        return None
    squeezed = value.lower().replace("_", "").replace("-", "").replace(" ", "")
    if squeezed in _SQUEEZED:
        return _SQUEEZED[squeezed]
    if squeezed.rstrip("0123456789") in _SQUEEZED:  # uuid4, ipv4 spelt ipv-4 is above
        return _SQUEEZED[squeezed.rstrip("0123456789")]
    close = difflib.get_close_matches(value.lower(), _CHECKED, n=1, cutoff=0.85)
    return close[0] if close else None


def misspelt_formats(node: Any, pointer: str = "") -> Iterator[tuple[str, str, str]]:
    """(pointer, format as written, the format it likely means) for each misspelt ``format``
    of a schema in ``node``."""
    if isinstance(node, dict):
        value = node.get("format")
        if isinstance(value, str) and ("type" in node or "$ref" not in node):
            meant = _meant(value)
            if meant is not None:
                yield f"{pointer}/format", value, meant
        for key, child in node.items():
            if key not in _DATA and isinstance(child, dict | list):
                yield from misspelt_formats(child, f"{pointer}/{escape_pointer(str(key))}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from misspelt_formats(child, f"{pointer}/{index}")
