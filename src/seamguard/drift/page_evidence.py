"""What a walked list's pages prove when the list states no total.

A cursor-paged list with no total count can skip a page and still look whole: every page is
well formed, the last says no page follows. What the walk can still tell, and how sure it is:

- ``drift.page-short`` (warning): a page served fewer records than the page size it asked for
  (or none at all) yet announced a next page. A list that pages by position fills every page but
  the last, so records were skipped, unless the platform filters records after paging (some
  do: the finding says both).
- ``drift.paging-unstable`` (warning): a list walked by position (offset, page number) stated a
  smaller total on a later page: records removed ahead of the offset shift the rest onto pages
  already read, so some may have been skipped (how many at most is named).
- ``drift.page-skipped`` (error), proven: when the walk ended by itself after two pages or more
  and the page size is a parameter (``paging.page_size``), the first page is asked for once more
  with twice the size (not recorded). If that answer starts with the first page's records, the
  records it serves next, before the second page's first record, are the ones the second page
  should have started with; any of them that no page of the walk served was skipped, and the
  platform itself listed it.

A cursor already followed (``drift.page-loop``) and records served twice
(``drift.page-repeated``) are said by the walk itself (``seamguard.drift.pages``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import httpx

from seamguard.findings import Finding, Location, Severity
from seamguard.wire.paging import PagingSettings, read_page
from seamguard.wire.pointers import MISSING

if TYPE_CHECKING:
    from seamguard.drift.live import FetchOutcome, LiveRequest

__all__ = ["answer_json", "page_evidence", "request_params"]

_SHOWN = 5


def page_evidence(outcomes: list[FetchOutcome], paging: PagingSettings, where: Location, *,
                  check: Callable[[LiveRequest], FetchOutcome] | None,
                  proven: bool) -> list[Finding]:
    """Findings about skipped records that the walk's ``outcomes`` (page by page) show.

    Args:
        outcomes: The walk's outcomes, the first page's first.
        paging: How the list pages.
        where: Platform, version and operation of the findings.
        check: Sends a request whose answer is not recorded (None: nothing is asked again).
        proven: False when the walk already found the pages repeating or looping (a recount
            would prove nothing more).
    """
    pages: list[tuple[LiveRequest, list[str] | None, bool, int | None]] = []
    for outcome in outcomes:
        if outcome.response is None or outcome.error is not None:
            break
        params = request_params(outcome.request)
        answer = read_page(paging, params, outcome.response.headers, answer_json(outcome.response))
        pages.append((outcome.request, answer.ids, answer.next is not None, answer.total))
    findings: list[Finding] = []
    short = _short_pages(pages, paging)
    if short:
        findings.append(_short_finding(where, short, paging))
    shrank = _shrank(pages) if paging.api in ("offset", "page-number") else None
    if shrank is not None:
        findings.append(_unstable_finding(where, *shrank))
    ended = bool(pages) and len(pages) == len(outcomes) and not pages[-1][2]
    if (check is not None and proven and ended and len(pages) >= 2
            and all(total is None for *_, total in pages)):
        skipped = _recount(check, pages, paging, where)
        if skipped is not None:
            findings.append(skipped)
    return findings


def _short_pages(pages: list[tuple[LiveRequest, list[str] | None, bool, int | None]],
                 paging: PagingSettings) -> list[tuple[int, int, int | None]]:
    """(page number, records served, page size asked) of short pages that announce more."""
    short = []
    for number, (request, ids, more, _) in enumerate(pages, start=1):
        if not more or ids is None:
            continue
        size = _size(request, paging)
        if not ids or (size is not None and len(ids) < size):
            short.append((number, len(ids), size))
    return short


def _shrank(pages: list[tuple[LiveRequest, list[str] | None, bool, int | None]],
            ) -> tuple[int, int, int, int] | None:
    """(earlier page, its total, later page, its smaller total) of the first fall, or None."""
    highest: tuple[int, int] | None = None
    for number, (*_, total) in enumerate(pages, start=1):
        if total is None:
            continue
        if highest is not None and total < highest[1]:
            return highest[0], highest[1], number, total
        if highest is None or total > highest[1]:
            highest = (number, total)
    return None


def _unstable_finding(where: Location, before: int, was: int, after: int,
                      now: int) -> Finding:
    return Finding(
        code="drift.paging-unstable", severity=Severity.WARNING, check="drift",
        message=f"{where.operation} stated {was} record(s) in all on page {before} and {now} on "
                f"page {after}: the list shrank while it was walked by position, and records "
                "removed ahead of the offset shift the rest onto pages already read, so up to "
                f"{was - now} record(s) may have been skipped",
        location=where, expected={"total": was}, actual={"total": now, "page": after},
        hint="page by a cursor (or a stable sort key and a time window) where the platform "
             "offers one; reconcile counts after each sync")


def _short_finding(where: Location, short: list[tuple[int, int, int | None]],
                   paging: PagingSettings) -> Finding:
    number, served, size = short[0]
    asked = f"of the {size} asked for ({paging.page_size}={size})" if size is not None else ""
    more = f" ({len(short)} such pages)" if len(short) > 1 else ""
    return Finding(
        code="drift.page-short", severity=Severity.WARNING, check="drift",
        message=f"page {number} of {where.operation} served {served} record(s) {asked}".rstrip()
                + f" yet announced a next page{more}: a list paging by position fills every "
                "page but the last, so records were skipped unless the platform filters "
                "records after paging",
        location=where, expected="a full page before the last one",
        actual={"page": number, "records": served, "page_size": size},
        hint="compare the cursor each page was asked with in tonight's cassette; if the "
             "platform documents filtering after paging, ignore this code for the list")


def _recount(check: Callable[[LiveRequest], FetchOutcome],
             pages: list[tuple[LiveRequest, list[str] | None, bool, int | None]],
             paging: PagingSettings, where: Location) -> Finding | None:
    first, page1, _, _ = pages[0]
    page2 = pages[1][1]
    size = _size(first, paging)
    if size is None or size < 1 or not page1 or page2 is None or paging.page_size is None:
        return None
    seen = {record for _, ids, _, _ in pages for record in ids or []}
    params = [(k, v) for k, v in request_params(first) if k != paging.page_size]
    doubled = replace(first, params=(*params, (paging.page_size, str(2 * size))))
    outcome = check(doubled)
    if outcome.response is None or outcome.error is not None:
        return None
    ids = read_page(paging, request_params(doubled), outcome.response.headers,
                    answer_json(outcome.response)).ids
    if ids is None or ids[:len(page1)] != page1:
        return None  # the list moved, or does not take the larger size: nothing is proven
    between = ids[len(page1):]
    if page2 and page2[0] in between:
        between = between[:between.index(page2[0])]
    missed = [record for record in between if record not in seen]
    if not missed:
        return None
    shown = ", ".join(missed[:_SHOWN]) + (", ..." if len(missed) > _SHOWN else "")
    starts = f"page 2's first ({page2[0]})" if page2 else "page 2 (which served none)"
    return Finding(
        code="drift.page-skipped", severity=Severity.ERROR, check="drift",
        message=f"{where.operation}: asked again with {paging.page_size}={2 * size}, the list "
                f"serves {len(missed)} record(s) between page 1's last record ({page1[-1]}) "
                f"and {starts} that no page of the walk served (ids {shown}): the second "
                "page's cursor skipped them, so a sync following it never sees them",
        location=where, expected={"after": page1[-1], "records": missed},
        actual={"page_2_starts_at": page2[0] if page2 else None, "pages": len(pages)},
        hint="report the cursor upstream with both answers; until it is fixed, reconcile "
             "counts after each sync or page with a larger page size")


def _size(request: LiveRequest, paging: PagingSettings) -> int | None:
    if paging.page_size is None:
        return None
    for name, value in request_params(request):
        if name == paging.page_size and value.strip().isdigit():
            return int(value.strip())
    return None


def request_params(request: LiveRequest) -> list[tuple[str, str]]:
    """The request's query parameters as (name, value) pairs, a list value repeated."""
    pairs: list[tuple[str, str]] = []
    items = request.params.items() if isinstance(request.params, Mapping) else request.params
    for name, value in items:
        if isinstance(value, (list, tuple)):
            pairs.extend((str(name), str(v)) for v in value)
        else:
            pairs.append((str(name), str(value)))
    return pairs


def answer_json(response: httpx.Response) -> Any:
    """The answer's body as JSON in its declared charset, or MISSING."""
    from seamguard.recordings.bodies import charset_of

    try:
        content = response.content
    except httpx.ResponseNotRead:
        return MISSING
    charset = charset_of(response.headers.get("content-type")) or "utf-8"
    try:
        return json.loads(content.decode(charset))
    except (UnicodeDecodeError, LookupError, ValueError, RecursionError):
        return MISSING
