"""What a live answer, or a failure to get one, means: worth another attempt, how long to wait,
a certificate problem or a refused connection, a body that is not the JSON asked for."""

from __future__ import annotations

import email.utils
import json
import ssl
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from seamguard.body_forms import html_title, jsonp_callback, title_note

if TYPE_CHECKING:
    import httpx

__all__ = ["answer_problem", "is_refused", "is_tls", "json_problem", "retry_after_seconds",
           "retryable_status"]


def retryable_status(code: object) -> bool:
    """429 and 5xx: the server asks to come back, or failed on its side."""
    return code == 429 or (isinstance(code, int) and code >= 500)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def is_tls(exc: BaseException) -> bool:
    """A certificate or TLS problem (which another attempt within seconds will not fix)."""
    if any(isinstance(cause, ssl.SSLError) for cause in _causes(exc)):
        return True
    text = str(exc)
    return "SSL" in text or "CERTIFICATE" in text.upper() or "TLS" in text


def is_refused(exc: BaseException) -> bool:
    """Nothing listens there."""
    if any(isinstance(cause, ConnectionRefusedError) for cause in _causes(exc)):
        return True
    return "refused" in str(exc).lower()


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """``Retry-After`` as seconds from ``now``: delta-seconds or an HTTP-date; None if invalid."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - now)


_CONDITIONAL = ("if-none-match", "if-modified-since", "if-match", "if-unmodified-since")


def _conditional(response: httpx.Response) -> bool:
    """Was the request answered conditional (a 304 is then the expected answer)?"""
    try:
        headers = response.request.headers
    except RuntimeError:  # a response built without its request
        return False
    return any(name in headers for name in _CONDITIONAL)


def answer_problem(method: str, response: httpx.Response, platform: str,
                   token_env: str | None, scrub_url: Callable[[str], str]) -> str | None:
    """A readable description of what is wrong with a final live answer, or None.

    A body that is JSON under another media type (``text/plain``, ``text/html``,
    ``application/octet-stream``) is not a failure here: it is compared with the contract,
    and the media type is reported against it (``drift/media.py``).
    """
    code = response.status_code
    status = f"{code} {response.reason_phrase}".rstrip()
    content_type = response.headers.get("Content-Type")
    media = (content_type or "").split(";", 1)[0].strip().lower()
    html = media in ("text/html", "application/xhtml+xml")
    if code == 401 and token_env:
        return f"{status}: check the token in ${token_env}"
    if code == 401:
        return f"{status}: {platform} wants credentials; add auth to its settings"
    if code == 403 and token_env:
        return f"{status}: the token in ${token_env} lacks access to this resource"
    if code == 410:
        return (f"{status}: the resource, or the page token asked with, is no longer "
                "available (a cursor that expired while the list was walked, on a later page)")
    if code >= 400:
        return f"{status}: HTML error page where JSON was expected" if html else status
    if code == 304 and not _conditional(response):
        return (f"{status} to a request that was not conditional (no If-None-Match or "
                "If-Modified-Since was sent): a cache in between answers for the platform, "
                "and the answer has no body to compare")
    if 300 <= code < 400:
        # Not followed: a moved API is drift in itself, and the token must not travel on.
        location = response.headers.get("Location")
        if not location:
            return f"{status} with no Location header"
        return f"{status}: redirected to {scrub_url(location)}"
    if method == "HEAD" or code == 204:
        return None
    problem = json_problem(response.content, media, content_type)
    if html and problem is not None:
        title = html_title(response.content[:20_000].decode("utf-8", "replace"))
        return "HTML error page where JSON was expected" + title_note(title)
    return problem


def json_problem(body: bytes, media: str, content_type: str | None = None) -> str | None:
    """What keeps ``body`` (of media type ``media``) from being the JSON asked for, or None.

    The body is read in the charset its ``content_type`` declares (older Chinese endpoints
    answer GBK, read as GB18030), else as UTF-8, else in the Chinese charset found under no
    label; a leading byte-order mark is read past. Both are said when the recorded answer is
    verified (``body.charset-undeclared``, ``body.byte-order-mark``), as for any recording. A
    body that parses as JSON is None whatever its media type says (the caller reports the
    media type).
    """
    from seamguard.recordings.bodies import charset_of, undeclared_cjk

    if not body.strip():
        return "empty body where JSON was expected"
    other = bool(media) and not media.endswith(("/json", "+json"))
    declared = charset_of(content_type)
    charset = declared or "utf-8"
    from seamguard.document_duplicates import DuplicateKeyError, refuse_duplicates

    try:
        try:
            text = body.decode(charset).removeprefix("\ufeff")
        except UnicodeDecodeError:
            found = None if declared else undeclared_cjk(body)
            if found is None:
                raise
            text = found[0].text
        refuse_duplicates(text, json.loads(text))
    except DuplicateKeyError as exc:
        return f"ambiguous JSON body: {exc}"
    except (UnicodeDecodeError, LookupError, json.JSONDecodeError, RecursionError,
            ValueError) as exc:
        if other:
            callback = jsonp_callback(body.decode("utf-8", "replace"))
            if callback is not None:
                return (f"JSON-P (a call of {callback}(...) around JSON, sent as {media}) "
                        "where JSON was expected")
            return f"{media} body where JSON was expected"
        return _unreadable_json(exc, body, media, charset)
    return None


def _unreadable_json(exc: Exception, body: bytes, media: str, charset: str) -> str:
    """Why a body labelled as JSON is not."""
    if body[:2] == b"\x1f\x8b":
        # Content-Encoding undone once (or none declared), and still gzip: compressed twice,
        # or compressed without saying so.
        return "body is still gzip-compressed after its Content-Encoding was undone (compressed "\
               "twice, or without a Content-Encoding saying so) where JSON was expected"
    if isinstance(exc, UnicodeDecodeError):
        return f"body is not {charset.upper()} text where JSON was expected"
    if isinstance(exc, json.JSONDecodeError):
        if not exc.doc[:exc.pos].strip() and exc.doc.lstrip()[:14].lower().startswith(
                ("<!doctype html", "<html")):
            # A proxy's or login wall's page, labelled as JSON.
            return (f"HTML error page (sent as {media or 'no media type'}) where JSON was "
                    f"expected{title_note(html_title(exc.doc))}")
        callback = jsonp_callback(exc.doc)
        if callback is not None:
            return (f"JSON-P (a call of {callback}(...) around JSON, sent as "
                    f"{media or 'no media type'}) where JSON was expected")
        if exc.pos >= len(exc.doc.rstrip()):
            return f"JSON body is truncated: it ends after {len(body)} bytes"
        return f"invalid JSON body: {exc.msg} at line {exc.lineno} column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "JSON body nests deeper than any API answer does (thousands of levels)"
    if isinstance(exc, LookupError):
        return f"body declares the unknown charset {charset!r} where JSON was expected"
    # an integer of more than 4,300 digits
    return f"JSON body holds a value that cannot be read: {str(exc).split(';')[0]}"
