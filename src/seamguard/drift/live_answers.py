"""What a live answer, or a failure to get one, means: worth another attempt, how long to wait,
a certificate problem or a refused connection, a body that is not the JSON asked for."""

from __future__ import annotations

import email.utils
import json
import ssl
from collections.abc import Iterator

__all__ = ["is_refused", "is_tls", "json_problem", "retry_after_seconds", "retryable_status"]


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


def json_problem(body: bytes, media: str, content_type: str | None = None) -> str | None:
    """What keeps ``body`` (of media type ``media``) from being the JSON asked for, or None.

    The body is read in the charset its ``content_type`` declares (older Chinese endpoints
    answer GBK, read as GB18030), else as UTF-8.
    """
    from seamguard.recordings.bodies import charset_of

    if not body.strip():
        return "empty body where JSON was expected"
    if media and not media.endswith(("/json", "+json")):
        return f"{media} body where JSON was expected"
    charset = charset_of(content_type) or "utf-8"
    try:
        json.loads(body.decode(charset))
    except UnicodeDecodeError:
        return f"body is not {charset.upper()} text where JSON was expected"
    except json.JSONDecodeError as exc:
        if not exc.doc[:exc.pos].strip() and exc.doc.lstrip()[:14].lower().startswith(
                ("<!doctype html", "<html")):
            # A proxy's or login wall's page, labelled as JSON.
            return f"HTML error page (sent as {media or 'no media type'}) where JSON was expected"
        if exc.pos >= len(exc.doc.rstrip()):
            return f"JSON body is truncated: it ends after {len(body)} bytes"
        return f"invalid JSON body: {exc.msg} at line {exc.lineno} column {exc.colno}"
    except RecursionError:
        return "JSON body nests deeper than any API answer does (thousands of levels)"
    except ValueError as exc:  # an integer of more than 4,300 digits
        return f"JSON body holds a value that cannot be read: {str(exc).split(';')[0]}"
    return None
