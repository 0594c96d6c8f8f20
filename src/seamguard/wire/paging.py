"""How a list endpoint pages, as data: where the next page is announced and how it is asked for.

A ``paging`` table on a live request (``[[tool.seamguard.platforms.<name>.live]]``) tells the
nightly drift job to walk the list instead of sampling its first page. The words are the ones
the polling profiles use (``sync/source.py``'s ``PollingProfile`` and the wire profiles'
``[polling]`` tables): ``api``, ``cursor_param``, ``page``, ``first_page``, ``page_size``,
``has_next``, ``total``, ``records``, ``id_field``. Pointers are JSON pointers into the whole
answer body (they may continue inside JSON strings, ``/resp⟨json⟩/has_next``).

The dialects (``api``):

- ``cursor-link``: the next page is the ``Link`` header's ``rel="next"`` URL (Shopify's
  ``page_info``, GitHub, any RFC 8288 server).
- ``cursor``: the next cursor is in the body at ``cursor`` (``/next_cursor``,
  ``/paging/next/after`` as HubSpot, a whole URL as Django REST framework's ``/next``) and goes
  back in ``cursor_param``; without a ``cursor`` pointer the cursor is the last record's
  ``id_field`` (Stripe's ``starting_after``). ``has_next`` (``/has_more``), when given, decides
  whether another page follows.
- ``page-number``: ``page`` counts up from ``first_page`` (TOP's ``page_no``, with
  ``has_next``), until ``has_next`` says no, ``total`` is reached, or a page comes back short.
- ``offset``: ``offset`` grows by the records served, until ``total`` or a short page.

Without a ``paging`` table, ``detect`` recognises a list whose answer plainly announces its next
page: a ``Link`` header, a next-page URL in the body (``/next``, ``/paging/next/link``), or a
cursor token (``/next_cursor``, ``/paging/next/after``, ``/nextPageToken``, Stripe's
``has_more``) whose parameter the contract declares for the operation — never a guessed name.

This module only reads answers and computes the next request; ``drift/pages.py`` walks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl, urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from seamguard.wire.pointers import MISSING, EmbeddedUnreadable, PointerSyntaxError, parse, resolve

__all__ = ["NextPage", "PageAnswer", "PagingSettings", "detect", "link_next", "read_page"]


class PagingSettings(BaseModel):
    """How one list request pages (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    api: Literal["cursor-link", "cursor", "page-number", "offset"] = Field(
        description="how the next page is announced and asked for")
    records: str | None = Field(
        default=None, description="pointer of the list of records on a page (default: the "
                                  "body when it is a list, else its first array member)")
    id_field: str = Field(default="id", description="record field identifying a record")
    cursor: str | None = Field(
        default=None, description="api cursor: pointer of the next cursor (or next-page URL); "
                                  "none: the last record's id_field")
    cursor_param: str = Field(default="cursor",
                              description="api cursor: parameter the cursor is sent back in")
    has_next: str | None = Field(default=None,
                                 description="pointer of the more-pages flag (/has_more)")
    total: str | None = Field(default=None, description="pointer of the total record count")
    page: str = Field(default="page", description="api page-number: page-number parameter")
    first_page: int = Field(default=1, ge=0)
    offset: str = Field(default="offset", description="api offset: offset parameter")
    page_size: str | None = Field(
        default=None, description="page-size parameter, read to tell a short (last) page")
    max_pages: int = Field(default=20, ge=1, le=10_000,
                           description="pages fetched at most, the first included")

    @field_validator("records", "cursor", "has_next", "total")
    @classmethod
    def _pointer(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith("/"):
            raise ValueError(f"{value!r} is not a JSON pointer: write it from the body's root, "
                             f"e.g. /{value.strip('/').replace('.', '/')}")
        try:
            parse(value)
        except PointerSyntaxError as exc:
            raise ValueError(str(exc)) from None
        return value


@dataclass(frozen=True)
class NextPage:
    """How to ask for the next page: new parameters, or a URL (from a link or the body).

    ``key`` identifies the page asked for (the cursor, the page number, the URL); a key asked
    for twice is a loop.
    """

    key: str
    params: tuple[tuple[str, str], ...] | None = None
    url: str | None = None


@dataclass(frozen=True)
class PageAnswer:
    """What one page's answer says about paging.

    Attributes:
        ids: Identifiers of the records served (None: no record list was found).
        next: The next page, or None when the answer says this is the last.
        total: The total record count the answer states, if any.
        problem: Why paging could not be read from the answer (a pointer that misses, ...).
    """

    ids: list[str] | None
    next: NextPage | None
    total: int | None = None
    problem: str | None = None


def link_next(value: str | None) -> str | None:
    """The ``rel="next"`` target of a ``Link`` header (RFC 8288), or None."""
    if not value:
        return None
    for part in _split_links(value):
        target, _, rest = part.partition(">")
        target = target.strip().lstrip("<").strip()
        for param in rest.split(";"):
            name, _, raw = param.partition("=")
            if name.strip().lower() == "rel" and "next" in raw.strip().strip('"').lower().split():
                return target or None
    return None


def _split_links(value: str) -> list[str]:
    """A Link header's entries (commas inside ``<...>`` or quotes do not split)."""
    parts: list[str] = []
    current: list[str] = []
    depth = quoted = False
    for char in value:
        if char == "<" and not quoted:
            depth = True
        elif char == ">" and not quoted:
            depth = False
        elif char == '"' and not depth:
            quoted = not quoted
        if char == "," and not depth and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def read_page(paging: PagingSettings, params: list[tuple[str, str]], headers: Any,
              body: Any) -> PageAnswer:
    """Read one answer: its records' ids, the total, and the next page to ask for.

    Args:
        paging: The settings.
        params: The parameters this page was asked with (name, value) in order.
        headers: The answer's headers (case-insensitive ``get``).
        body: The parsed JSON body (MISSING or None when there is none).
    """
    problems: list[str] = []
    records = _records(paging, body, problems)
    ids = None if records is None else [_id(record, paging.id_field) for record in records]
    total = _integer(_at(body, paging.total, problems)) if paging.total else None
    more = _flag(_at(body, paging.has_next, problems)) if paging.has_next else None
    size = _page_size(paging, params)
    served = len(records) if records is not None else None
    short = served is not None and (served == 0 or (size is not None and served < size))
    nxt: NextPage | None = None
    if paging.api == "cursor-link":
        target = link_next(headers.get("link"))
        nxt = NextPage(key=target, url=target) if target else None
    elif paging.api == "cursor":
        nxt = _next_cursor(paging, params, body, records, more, problems)
    elif paging.api == "page-number":
        current = _param_int(params, paging.page, paging.first_page)
        done = more is False or (more is None and (short or _reached(
            total, (current - paging.first_page + 1) * (size or served or 0))))
        if not done:
            nxt = NextPage(key=f"{paging.page}={current + 1}",
                           params=_with(params, paging.page, str(current + 1)))
    else:  # offset
        current = _param_int(params, paging.offset, 0)
        step = served or 0
        done = more is False or (more is None and (short or _reached(total, current + step)))
        if not done and step:
            nxt = NextPage(key=f"{paging.offset}={current + step}",
                           params=_with(params, paging.offset, str(current + step)))
    return PageAnswer(ids, nxt, total, "; ".join(problems) or None)


def _reached(total: int | None, seen: int) -> bool:
    return total is not None and seen >= total


def _next_cursor(paging: PagingSettings, params: list[tuple[str, str]], body: Any,
                 records: list[Any] | None, more: bool | None,
                 problems: list[str]) -> NextPage | None:
    if more is False:
        return None
    if paging.cursor is not None:
        value = _at(body, paging.cursor, problems)
    elif records:
        value = _id(records[-1], paging.id_field)
    else:
        value = None
    if value is None or value is MISSING or value == "" or isinstance(value, (dict, list)):
        if more is True:
            problems.append(f"{paging.has_next} says more pages follow, but no cursor was "
                            f"found at {paging.cursor or 'the last record'}")
        return None
    text = value if isinstance(value, str) else _scalar(value)
    if text.startswith(("http://", "https://", "/")):
        return NextPage(key=text, url=text)
    return NextPage(key=f"{paging.cursor_param}={text}",
                    params=_with(params, paging.cursor_param, text))


def _records(paging: PagingSettings, body: Any, problems: list[str]) -> list[Any] | None:
    if body is MISSING or body is None:
        return None
    if paging.records is not None:
        found = _at(body, paging.records, problems)
        if found is MISSING:
            return None
        if not isinstance(found, list):
            problems.append(f"{paging.records} holds {type(found).__name__}, not a list of "
                            "records")
            return None
        return found
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        return next((value for value in body.values() if isinstance(value, list)), None)
    return None


def _at(body: Any, pointer: str | None, problems: list[str]) -> Any:
    if pointer is None or body is MISSING or body is None:
        return MISSING
    try:
        return resolve(body, pointer)
    except (EmbeddedUnreadable, PointerSyntaxError) as exc:
        problems.append(f"{pointer}: {exc}")
        return MISSING


def _id(record: Any, field: str) -> str:
    if isinstance(record, dict) and field in record:
        return _scalar(record[field])
    return _scalar(record)


def _scalar(value: Any) -> str:
    import json

    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    if isinstance(value, int):
        return bool(value)
    return None


def _param_int(params: list[tuple[str, str]], name: str, default: int) -> int:
    for key, value in params:
        if key == name:
            number = _integer(value)
            return default if number is None else number
    return default


def _page_size(paging: PagingSettings, params: list[tuple[str, str]]) -> int | None:
    if paging.page_size is None:
        return None
    for key, value in params:
        if key == paging.page_size:
            return _integer(value)
    return None


def _with(params: list[tuple[str, str]], name: str, value: str) -> tuple[tuple[str, str], ...]:
    kept = [(key, old) for key, old in params if key != name]
    return (*kept, (name, value))


def query_pairs(url: str) -> list[tuple[str, str]]:
    """The query parameters of ``url`` in order."""
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


#: A cursor token in the body, and the parameters (in order) it may go back in.
_TOKENS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("/next_cursor", ("cursor", "next_cursor")),
    ("/nextCursor", ("cursor", "nextCursor")),
    ("/paging/next/after", ("after",)),
    ("/next_page_token", ("page_token", "pageToken")),
    ("/nextPageToken", ("pageToken", "page_token")),
    ("/pagination/next_cursor", ("cursor",)),
    ("/meta/next_cursor", ("cursor",)),
    ("/response_metadata/next_cursor", ("cursor",)),
)


def detect(headers: Any, body: Any, declared: frozenset[str] | set[str]) -> PagingSettings | None:
    """The paging an answer plainly announces, or None.

    Args:
        headers: The answer's headers (case-insensitive ``get``).
        body: The parsed JSON body.
        declared: Query parameters the contract declares for the operation; a cursor token is
            followed only through one of them.
    """
    if link_next(headers.get("link")):
        return PagingSettings(api="cursor-link")
    if not isinstance(body, dict):
        return None
    for pointer in ("/next", "/paging/next/link", "/links/next", "/_links/next/href"):
        value = _at(body, pointer, [])
        if isinstance(value, str) and value.startswith(("http://", "https://", "/")):
            return PagingSettings(api="cursor", cursor=pointer)
    for pointer, names in _TOKENS:
        value = _at(body, pointer, [])
        if isinstance(value, (str, int)) and not isinstance(value, bool) and value != "":
            param = next((name for name in names if name in declared), None)
            if param is not None:
                return PagingSettings(api="cursor", cursor=pointer, cursor_param=param)
    if body.get("has_more") is True and isinstance(body.get("data"), list) \
            and "starting_after" in declared:
        return PagingSettings(api="cursor", records="/data", has_next="/has_more",
                              cursor_param="starting_after")
    return None
