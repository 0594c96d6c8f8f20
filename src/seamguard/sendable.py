"""What text a request may carry: the checks a request from the settings, a request file or the
command line passes before anything is sent.

An HTTP client refuses some text only when it builds the request (a header value outside
ASCII, a control character in a URL) and cannot encode other text at all (a lone surrogate,
which is how Python holds the bytes of an argument or file that is not UTF-8). Checked here,
each becomes a usage error naming the field, instead of an exception in the middle of a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

__all__ = ["header_problem", "not_utf8", "path_problem", "unencodable", "url_problem"]

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_VISIBLE = re.compile(r"^[\t\x20-\x7e]*$")


def not_utf8(text: str) -> str | None:
    """What makes ``text`` impossible to encode as UTF-8 (a lone surrogate), or None."""
    found = _SURROGATE.search(text)
    if found is None:
        return None
    code = ord(found.group())
    shown = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else \
        f"the lone surrogate U+{code:04X}"
    return (f"text that is not valid UTF-8 ({shown} at offset {found.start()}): a "
            "command-line argument or file in another encoding")


def unencodable(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """``(where, problem)`` for each string in ``value`` (keys and items of nested mappings and
    lists included) that cannot be sent as UTF-8."""
    if isinstance(value, str):
        problem = not_utf8(value)
        if problem:
            yield where, f"holds {problem}"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from unencodable(key, f"{where}/{key!r}")
            yield from unencodable(item, f"{where}/{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from unencodable(item, f"{where}/{index}")


def path_problem(path: str) -> str | None:
    """Why ``path`` cannot go in a URL, or None."""
    problem = not_utf8(path)
    if problem:
        return f"holds {problem}"
    found = _CONTROL.search(path)
    if found:
        return (f"holds the control character {found.group()!r} at offset {found.start()}, "
                "which no URL may carry (percent-encode it, e.g. %00)")
    return None


def header_problem(name: str, value: str) -> str | None:
    """Why the header ``name: value`` cannot be sent, or None (RFC 9110: a name is a token; a
    value is visible ASCII, spaces and tabs — HTTP clients encode nothing else)."""
    if not _TOKEN.match(name):
        return (f"header name {name!r} is not an HTTP token (letters, digits and "
                "!#$%&'*+-.^_`|~; no spaces, colons or line breaks)")
    if not _VISIBLE.match(value):
        bad = next(c for c in value if not ("\x20" <= c <= "\x7e" or c == "\t"))
        detail = not_utf8(bad) or f"the character {bad!r}"
        return (f"header {name} holds {detail} in its value: a header value is ASCII "
                "(percent-encode other text, or send it in the body)")
    return None


def url_problem(url: str) -> str | None:
    """Why ``url`` is no absolute http(s) URL a client can send to, or None (``{version}`` is
    taken as filled in)."""
    if not re.match(r"^https?://[^/]+", url):
        return "must be an absolute http(s) URL, e.g. https://api.example.com/v1"
    problem = not_utf8(url)
    if problem:
        return f"holds {problem}"
    found = re.search(r"[\x00-\x20\x7f]", url)
    if found:
        return (f"holds {found.group()!r} at offset {found.start()}, which no URL may carry "
                "(percent-encode it)")
    try:
        parts = urlsplit(url.replace("{version}", "v"))
        parts.port  # noqa: B018 - raises ValueError for a port that is no number or out of range
    except ValueError as exc:
        hint = " (an IPv6 address goes in brackets: http://[::1]:8000)" \
            if url.count(":") > 2 and "[" not in url else ""
        return f"is not a valid URL ({exc}){hint}, e.g. https://api.example.com/v1"
    if not parts.hostname:
        return "names no host, e.g. https://api.example.com/v1"
    return None
