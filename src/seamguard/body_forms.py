"""What a body that is not the JSON it claims to be looks like, said plainly.

Two forms come back from APIs again and again with status 200: an HTML page (a proxy's
``502 Bad Gateway``, a WAF block, a login wall) and JSON-P (``callback({...});``, JSON wrapped
in a function call because the request named a callback). Both read as "invalid JSON at line 1
column 1", which tells the reader nothing; these names are shared by ``verify`` and ``drift``.
"""

from __future__ import annotations

import html
import json
import re

__all__ = ["form_hint", "html_title", "jsonp_callback", "non_json_form", "title_note"]

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"<h1[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
# `name(` … `)` with an optional `;`, the name a JavaScript identifier path (jQuery's
# `jQuery3210_16({...})`, `window.cb(...)`), optionally behind `/**/` as some servers send.
_JSONP = re.compile(
    r"^\s*(?:/\*\*/\s*)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*\((.*)\)\s*;?\s*$",
    re.DOTALL)


def html_title(text: str) -> str | None:
    """The title (or first heading) of an HTML page, ``""`` for a page without one, None when
    ``text`` is no HTML page."""
    head = text.lstrip()[:200].lower()
    if not (head.startswith(("<!doctype html", "<html", "<head", "<body")) or (
            head.startswith("<") and "<html" in text[:2000].lower())):
        return None
    for pattern in (_TITLE, _HEADING):
        found = pattern.search(text[:20_000])
        if found:
            title = " ".join(html.unescape(_TAGS.sub(" ", found.group(1))).split())
            if title:
                return title[:80]
    return ""


def jsonp_callback(text: str) -> str | None:
    """The callback's name when ``text`` is JSON wrapped in a call (JSON-P), else None."""
    found = _JSONP.match(text[:5_000_000])
    if not found:
        return None
    try:
        json.loads(found.group(2))
    except (ValueError, RecursionError):
        return None
    return found.group(1)


def title_note(title: str | None) -> str:
    """`` (its title: "502 Bad Gateway")`` for a page with a title, else nothing."""
    return f' (its title: "{title}")' if title else ""


def non_json_form(text: str) -> str | None:
    """``an HTML error page (its title: "502 Bad Gateway")`` or ``JSON-P (a call of cb(...)
    around JSON)``, or None when ``text`` is neither."""
    title = html_title(text)
    if title is not None:
        return "an HTML error page" + title_note(title)
    callback = jsonp_callback(text)
    if callback is not None:
        return f"JSON-P (a call of {callback}(...) around JSON)"
    return None


def form_hint(form: str | None) -> str | None:
    """What to do about a body of ``form`` (None: the caller's usual hint)."""
    if form is None:
        return None
    if form.startswith("JSON-P"):
        return ("the request asked for a JSON-P callback (a `callback`, `jsonp` or `cb` "
                "parameter) or the platform wraps its answers: drop the parameter, or ask for "
                "plain JSON")
    return ("a proxy, gateway, firewall or login page answered instead of the platform's API "
            "(its title is quoted): check the base URL, the credentials and the platform's "
            "status; the recorded page is in the named recording")
