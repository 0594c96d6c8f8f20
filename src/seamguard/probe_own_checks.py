"""seamguard's own schemathesis checks, registered before a probe runs.

``json_duplicate_keys``: a JSON answer naming one key twice in an object. schemathesis (like
Python's json) keeps the last value and validates that, so the ambiguity would pass unseen while
another client reads the first value.

``http_framing``: an answer whose length cannot be known from its headers (RFC 9112 section 6):
a ``Content-Length`` that is not one decimal number (``-5``, ``0x1f``, two different values), or
a ``Transfer-Encoding`` naming a coding no client knows, or not ending with ``chunked``. The
probe's HTTP client reads such an answer to the end of the connection and passes it, where
another client (drift's, a proxy) refuses it or reads another body.

``declared_charset``: an answer that is not text in the charset its ``Content-Type`` names —
UTF-8 labelled ``charset=shift_jis``, ``gbk`` or ``iso-8859-1`` (a client decoding by the label
garbles every name and address without an error), or bytes the label cannot decode at all
(UTF-8 labelled UTF-16). schemathesis decodes JSON as UTF-8 whatever the label says, so the
mislabel would pass unseen; drift reports the same answers as ``drift.charset-mismatch``.
"""

from __future__ import annotations

from typing import Any

DUPLICATE_KEYS = "json_duplicate_keys"
FRAMING = "http_framing"
CHARSET = "declared_charset"


def register() -> None:
    """Registers the checks with schemathesis once per process."""
    import schemathesis
    from schemathesis.checks import CHECKS

    known = CHECKS.get_all_names()
    if DUPLICATE_KEYS not in known:
        def json_duplicate_keys(ctx: Any, response: Any, case: Any) -> bool | None:
            problem = duplicate_key_problem(response.headers, response.content)
            if problem is not None:
                raise AssertionError(problem)
            return None

        schemathesis.check(json_duplicate_keys)
    if FRAMING not in known:
        def http_framing(ctx: Any, response: Any, case: Any) -> bool | None:
            problem = framing_problem(response.headers)
            if problem is not None:
                raise AssertionError(problem)
            return None

        schemathesis.check(http_framing)
    if CHARSET not in known:
        def declared_charset(ctx: Any, response: Any, case: Any) -> bool | None:
            problem = charset_problem(response.headers, response.content)
            if problem is not None:
                raise AssertionError(problem)
            return None

        schemathesis.check(declared_charset)


# Transfer codings of the IANA registry (and the x- aliases RFC 9112 keeps).
_CODINGS = frozenset({"chunked", "compress", "deflate", "gzip", "identity", "trailers",
                      "x-compress", "x-gzip", "br", "zstd"})


def framing_problem(headers: dict[str, list[str]]) -> str | None:
    """Why the answer's length cannot be known from its headers, or None."""
    import re

    def values(name: str) -> list[str]:
        return [part.strip() for key, lines in headers.items() if key.lower() == name
                for line in lines for part in str(line).split(",")]

    lengths = values("content-length")
    if any(not re.fullmatch(r"[0-9]{1,19}", length) for length in lengths):
        wrong = next(length for length in lengths if not re.fullmatch(r"[0-9]{1,19}", length))
        return (f"the answer's Content-Length {wrong[:40]!r} is not a decimal number of bytes, "
                "so its length is unknown (RFC 9112 section 6.3)")
    if len(set(lengths)) > 1:
        return (f"the answer gives two different Content-Length values ({', '.join(lengths)}),"
                " so clients disagree on where it ends")
    codings = [coding.lower() for coding in values("transfer-encoding") if coding]
    unknown = [coding for coding in codings if coding.split(";")[0].strip() not in _CODINGS]
    if unknown:
        return (f"the answer's Transfer-Encoding names {unknown[0][:40]!r}, a coding no client "
                "knows, so its length is unknown (RFC 9112 section 6.1)")
    if codings and codings[-1] != "chunked":
        return ("the answer's Transfer-Encoding does not end with chunked, so only the end of "
                "the connection ends it (RFC 9112 section 6.1)")
    return None


def duplicate_key_problem(headers: dict[str, list[str]], content: bytes | None) -> str | None:
    """What makes a JSON answer ambiguous (a key twice in one object), or None."""
    import json

    from seamguard.document_duplicates import DuplicateKeyError, refuse_duplicates
    from seamguard.recordings.bodies import charset_of

    types = [value for name, values in headers.items() if name.lower() == "content-type"
             for value in values]
    media = types[0].split(";", 1)[0].strip().lower() if types else ""
    if not content or not (media.endswith("/json") or media.endswith("+json")):
        return None
    try:
        text = content.decode(charset_of(types[0]) or "utf-8")
        refuse_duplicates(text, json.loads(text))
    except DuplicateKeyError as exc:
        return f"the answer is ambiguous JSON: {exc}"
    except (ValueError, LookupError, RecursionError):
        return None  # not JSON: the schema check says so
    return None


def charset_problem(headers: dict[str, list[str]], content: bytes | None) -> str | None:
    """Why an answer is not text in the charset its Content-Type names, or None."""
    from seamguard.recordings.bodies import charset_of, utf8_mislabelled

    types = [value for name, values in headers.items() if name.lower() == "content-type"
             for value in values]
    declared = charset_of(types[0]) if types else None
    if not content or declared is None:
        return None
    if utf8_mislabelled(content, declared):
        return (f"the answer declares {types[0]!r} but is UTF-8 text: a client decoding it by "
                "the declared charset garbles every non-ASCII value (names, addresses)")
    try:
        content.decode(declared)
    except UnicodeDecodeError as exc:
        return (f"the answer declares {types[0]!r} but is not {declared} text (byte "
                f"{exc.start}): a client decoding it by the declared charset fails")
    return None
