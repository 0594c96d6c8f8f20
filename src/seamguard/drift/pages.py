"""Walking a paginated list on the nightly run, and what its pages say about the upstream.

A live request with a ``paging`` table (``seamguard.wire.paging``) is followed page by page, every
page recorded into the night's cassette like any answer, within three bounds: ``max_pages``, a
next page that was already asked for (a loop ends the walk at once), and the run's deadline.
What the pages show is reported, each under its own code:

- ``drift.page-repeated`` (error): a page served records an earlier page already served (a cursor
  that is ignored, pages that shift while they are read), or one record twice on the same page:
  a sync would store them twice;
- ``drift.page-loop`` (error): a page announced, as the next one, a cursor, page or URL already
  asked for: a poller following it would never end;
- ``drift.page-skipped`` (error): the list states a total that the walk, ended by the list
  itself, did not reach, or (with no total) the first page asked again with twice the page
  size lists records between the first two pages that no page served: records a sync would
  never see (``seamguard.drift.page_evidence``);
- ``drift.page-short`` (warning): a page served fewer records than asked for, or none, yet
  announced a next page;
- ``drift.paging-unstable`` (warning): a list walked by position stated a smaller total on a
  later page (records shifted onto pages already read);
- ``drift.paging-incomplete`` (warning): the walk stopped at ``max_pages`` or the run's deadline
  while more pages were announced;
- ``drift.paging-unreadable`` (warning): an answer's paging could not be read as the settings
  describe (the cursor missing where ``has_next`` says more follow, a link to another host).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any

import httpx

from seamguard.drift.page_evidence import answer_json as _json
from seamguard.drift.page_evidence import page_evidence
from seamguard.drift.page_evidence import request_params as _params
from seamguard.findings import Finding, Location, Severity
from seamguard.wire.paging import NextPage, PagingSettings, detect, query_pairs, read_page

if TYPE_CHECKING:
    from pathlib import Path

    from seamguard.drift.live import FetchOutcome, LiveFetcher, LiveRequest
    from seamguard.project import LiveRequestSettings

__all__ = ["PAGING_CODES", "PageWalk", "fetch_lists", "walk"]

CHECK_ID = "drift"

PAGING_CODES = frozenset({"drift.page-repeated", "drift.page-loop", "drift.page-skipped",
                          "drift.page-short", "drift.paging-incomplete",
                          "drift.paging-unreadable", "drift.paging-unstable"})

_SHOWN = 5  # ids named in a message


@dataclass
class PageWalk:
    """The pages of one list: every outcome (the first page's first) and the findings."""

    outcomes: list[FetchOutcome] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def walk(send: Callable[[LiveRequest], FetchOutcome], first: LiveRequest,
         paging: PagingSettings, *, base: str, where: Location,
         deadline: float | None = None, clock: Callable[[], float] = time.monotonic,
         on_page: Callable[[LiveRequest], None] | None = None,
         answered: FetchOutcome | None = None,
         check: Callable[[LiveRequest], FetchOutcome] | None = None) -> PageWalk:
    """Send ``first`` and follow its next pages as ``paging`` says, then add what the pages
    prove about skipped records (``seamguard.drift.page_evidence``).

    Args:
        send: Sends one request and returns its outcome (``LiveFetcher.session``'s function).
        first: The request of the first page.
        paging: How the list pages.
        base: The URL requests are sent under (a next-page URL must lie below it).
        where: Platform, version and operation of the findings.
        deadline: A ``clock`` time after which no further page is asked for.
        clock: The monotonic clock.
        on_page: Called after each page after the first is answered (progress).
        answered: The first page's outcome, when it was already sent.
        check: Sends a request whose answer is not recorded: the first page asked again with
            twice the page size, to prove a skip (None: not asked).
    """
    result = _walk(send, first, paging, base=base, where=where, deadline=deadline,
                   clock=clock, on_page=on_page, answered=answered)
    if check is not None and deadline is not None and clock() >= deadline:
        check = None
    troubled = any(f.code in ("drift.page-repeated", "drift.page-loop", "drift.page-skipped")
                   for f in result.findings)
    result.findings.extend(page_evidence(result.outcomes, paging, where, check=check,
                                         proven=not troubled))
    return result


def _walk(send: Callable[[LiveRequest], FetchOutcome], first: LiveRequest,
          paging: PagingSettings, *, base: str, where: Location, deadline: float | None,
          clock: Callable[[], float], on_page: Callable[[LiveRequest], None] | None,
          answered: FetchOutcome | None) -> PageWalk:
    result = PageWalk()
    asked: dict[str, int] = {_key(first): 1}
    seen: dict[str, int] = {}
    total: int | None = None
    request = first
    page = 1
    while True:
        outcome = answered if answered is not None and page == 1 else send(request)
        result.outcomes.append(outcome)
        if page > 1 and on_page is not None:
            on_page(request)
        if outcome.response is None or outcome.error is not None:
            return result  # said as a fetch failure; the walk cannot go on
        response = outcome.response
        answer = read_page(paging, _params(request), response.headers, _json(response))
        if answer.total is not None:
            total = answer.total
        if answer.problem:
            result.findings.append(_finding(
                "drift.paging-unreadable", Severity.WARNING, where,
                f"page {page} of {where.operation}: {answer.problem}",
                hint="check the paging table of this live request against the answer "
                     "recorded in tonight's cassette"))
        fully_repeated = False
        if answer.ids is not None:
            twice = sorted({i for i, n in Counter(answer.ids).items() if n > 1}, key=_natural)
            if twice:
                result.findings.append(_twice_finding(where, page, twice,
                                                      _describe(request, first)))
            repeated = _repeats(answer.ids, seen, page)
            if repeated is not None:
                result.findings.append(_repeated_finding(where, page, answer.ids, repeated,
                                                         _describe(request, first)))
                fully_repeated = set(answer.ids) <= repeated[1]
            for record in answer.ids:
                seen.setdefault(record, page)
        nxt = answer.next
        if nxt is None:
            if total is not None and len(seen) < total and answer.ids is not None:
                result.findings.append(_skipped_finding(where, page, len(seen), total))
            return result
        following = _request(request, nxt, base)
        if isinstance(following, str):
            result.findings.append(_finding(
                "drift.paging-unreadable", Severity.WARNING, where,
                f"page {page} of {where.operation} announces its next page at {following}, "
                "which is not followed", hint="a next-page link must stay below the "
                "platform's base_url (the token never travels elsewhere)"))
            return result
        key = _key(following)
        if key in asked:
            result.findings.append(_finding(
                "drift.page-loop", Severity.ERROR, where,
                f"page {page} of {where.operation} announces {_shown(_said(nxt, key))} as the "
                f"next page, which page {asked[key]} was already asked with: a poller following "
                "it would never end (the walk stopped here)",
                expected="a cursor, page or link not asked for before",
                actual={"page": page, "next": _said(nxt, key), "first_asked_on_page": asked[key]},
                hint="the platform repeats a cursor: report it upstream; a sync must stop on "
                     "a cursor it has already followed"))
            return result
        if fully_repeated:
            return result  # nothing new on this page: following it proves nothing more
        if page >= paging.max_pages or (deadline is not None and clock() >= deadline):
            why = (f"max_pages = {paging.max_pages}" if page >= paging.max_pages
                   else "the run's deadline")
            result.findings.append(_finding(
                "drift.paging-incomplete", Severity.WARNING, where,
                f"{where.operation}: stopped after {page} page(s) at {why} while the list "
                f"announced more ({_shown(nxt.key)})",
                actual={"pages": page, "records": len(seen)},
                hint="raise paging.max_pages or [tool.seamguard.drift] deadline, or ask for "
                     "larger pages"))
            return result
        asked[key] = page + 1
        request = following
        page += 1


def fetch_lists(fetcher: LiveFetcher, entries: list[LiveRequestSettings], cassette: Path,
                on_request: Callable[[LiveRequest], None] | None = None,
                on_page: Callable[[LiveRequest], None] | None = None,
                declared: Callable[[LiveRequest], frozenset[str]] | None = None,
                ) -> tuple[list[FetchOutcome], list[Finding]]:
    """Send every live request into one cassette, walking the pages of those with ``paging``.

    A request without a ``paging`` table (and not ``paging = false``) whose answer plainly
    announces a next page (``seamguard.wire.paging.detect``; ``declared`` gives the query
    parameters the contract declares for it) is walked too, unless the settings list its
    pages one by one. Every request is checked (read-only, credentials) before anything is sent.
    """
    from seamguard.drift.live import LiveRequest

    requests = [(LiveRequest.from_settings(entry), entry.paging) for entry in entries]
    listed_keys = Counter(_list_key(request) for request, paging in requests if paging is None)
    for request, _ in requests:
        fetcher.check(request)
    outcomes: list[FetchOutcome] = []
    findings: list[Finding] = []
    listed: list[FetchOutcome] = []  # pages named one by one in the settings
    with fetcher.session(cassette) as send:
        for request, paging in requests:
            first: FetchOutcome | None = None
            if not isinstance(paging, PagingSettings):
                first = send(request)
                paging = None if paging is False or listed_keys[_list_key(request)] > 1 \
                    else _announced(first, declared(request) if declared else frozenset())
                if paging is None:
                    outcomes.append(first)
                    listed.append(first)
            if paging is not None:
                where = Location(platform=fetcher.platform, version=fetcher.version,
                                 operation=request.label)
                walked = walk(send, request, paging, base=fetcher.send_base, where=where,
                              deadline=fetcher.deadline, clock=fetcher.clock, on_page=on_page,
                              answered=first, check=partial(send, record=False))
                outcomes.extend(walked.outcomes)
                findings.extend(walked.findings)
            if on_request is not None:
                on_request(request)
    findings.extend(listed_repeats(listed, fetcher.platform, fetcher.version))
    return outcomes, findings


#: Parameters that select a page of a list (compared lower-case, "-" read as "_").
PAGE_PARAMS = frozenset({
    "cursor", "page", "page_no", "pageno", "page_number", "pagenumber", "page_index",
    "page_info", "after", "before", "starting_after", "ending_before", "offset", "start",
    "skip", "next", "next_cursor", "page_token", "pagetoken", "continuation",
    "continuation_token", "since_id", "marker", "from", "scroll_id"})


def listed_repeats(outcomes: list[FetchOutcome], platform: str,
                   version: str) -> list[Finding]:
    """``drift.page-repeated`` for pages of one list named one by one in the settings (requests
    to one path differing only in a page parameter) that served records another already did."""
    groups: dict[str, list[FetchOutcome]] = {}
    for outcome in outcomes:
        groups.setdefault(_list_key(outcome.request), []).append(outcome)
    findings: list[Finding] = []
    whole = PagingSettings(api="cursor")
    for group in groups.values():
        if len(group) < 2:
            continue
        seen: dict[str, int] = {}
        for page, outcome in enumerate(group, start=1):
            if outcome.error is not None or outcome.response is None:
                continue
            ids = read_page(whole, [], outcome.response.headers, _json(outcome.response)).ids
            if not ids:
                continue
            repeated = _repeats(ids, seen, page)
            if repeated is not None:
                where = Location(platform=platform, version=version,
                                 operation=outcome.request.label)
                finding = _repeated_finding(where, page, ids, repeated,
                                            _describe(outcome.request, group[0].request))
                findings.append(replace(finding, message=finding.message.replace(
                    f"page {page} of", f"listed page {page} of", 1).replace(
                    f"repeats page {repeated[0]}", f"repeats listed page {repeated[0]}", 1)))
            for record in ids:
                seen.setdefault(record, page)
    return findings


def _list_key(request: LiveRequest) -> str:
    """Requests with one key are pages of one list (they differ in page parameters only)."""
    rest = sorted((k, v) for k, v in _params(request)
                  if k.lower().replace("-", "_") not in PAGE_PARAMS)
    return repr((request.method.upper(), request.path, request.operation, rest))


def _announced(outcome: FetchOutcome, declared: frozenset[str]) -> PagingSettings | None:
    if outcome.error is not None or outcome.response is None:
        return None
    return detect(outcome.response.headers, _json(outcome.response), declared)


def _repeats(ids: list[str], seen: dict[str, int], page: int) -> tuple[int, set[str]] | None:
    """(the earliest page that served them, the repeated ids), or None."""
    again = {record for record in ids if record in seen}
    if not again:
        return None
    return min(seen[record] for record in again), again


def _repeated_finding(where: Location, page: int, ids: list[str],
                      repeated: tuple[int, set[str]], asked: str) -> Finding:
    earlier, again = repeated
    shown = ", ".join(sorted(again, key=_natural)[:_SHOWN]) + (
        ", ..." if len(again) > _SHOWN else "")
    whole = len(again) == len(set(ids))
    what = (f"repeats page {earlier}: all {len(again)} record(s)" if whole else
            f"serves {len(again)} of its {len(set(ids))} record(s) again, first served on "
            f"page {earlier}")
    return _finding(
        "drift.page-repeated", Severity.ERROR, where,
        f"page {page} of {where.operation} ({asked}) {what} (ids {shown}): the cursor is "
        "ignored or the pages shift while they are read, so a sync stores records twice and "
        "may miss others",
        expected="each record on one page", actual={"page": page, "repeats_page": earlier,
                                                    "records": len(again)},
        hint="compare the cursor sent with the page served in tonight's cassette; a sync "
             "must deduplicate by id")


def _twice_finding(where: Location, page: int, twice: list[str], asked: str) -> Finding:
    shown = ", ".join(twice[:_SHOWN]) + (", ..." if len(twice) > _SHOWN else "")
    return _finding(
        "drift.page-repeated", Severity.ERROR, where,
        f"page {page} of {where.operation} ({asked}) serves {len(twice)} record(s) twice on "
        f"the same page (ids {shown}): a sync storing by page inserts them twice, and the "
        "page holds fewer distinct records than it counts, so others may be missing",
        expected="each record once on a page", actual={"page": page, "records": len(twice)},
        hint="compare the page in tonight's cassette; a sync must deduplicate by id")


def _skipped_finding(where: Location, pages: int, reached: int, total: int) -> Finding:
    return _finding(
        "drift.page-skipped", Severity.ERROR, where,
        f"{where.operation} states {total} record(s) in all, but its {pages} page(s) served "
        f"{reached} distinct record(s) before saying no page follows: {total - reached} were "
        "skipped, so a sync following the cursor never sees them",
        expected={"records": total}, actual={"records": reached, "pages": pages},
        hint="look for a page whose cursor jumps ahead in tonight's cassette; report it "
             "upstream, and reconcile counts after each sync")


def _finding(code: str, severity: Severity, where: Location, message: str, *,
             hint: str, expected: Any = None, actual: Any = None) -> Finding:
    return Finding(code=code, severity=severity, check=CHECK_ID, message=message,
                   location=where, expected=expected, actual=actual, hint=hint)


def _request(request: LiveRequest, nxt: NextPage, base: str) -> LiveRequest | str:
    """The request of the next page, or the URL that cannot be followed."""
    if nxt.params is not None:
        return replace(request, params=nxt.params)
    url = nxt.url or ""
    below = httpx.URL(base.rstrip("/") + "/")
    try:
        target = below.join(url)
    except httpx.InvalidURL:
        return url
    if (target.scheme, target.host, target.port) != (below.scheme, below.host, below.port):
        return url
    prefix = below.path.rstrip("/")
    if not target.path.startswith(prefix + "/"):
        return url
    return replace(request, path=target.path[len(prefix):] or "/",
                   params=tuple(query_pairs(str(target))))


def _said(nxt: NextPage, key: str) -> str:
    """A next page as a message names it: the cursor, or a link as path and query."""
    return key if nxt.url is not None else nxt.key


def _key(request: LiveRequest) -> str:
    return request.path + "?" + "&".join(f"{k}={v}" for k, v in sorted(_params(request)))


def _describe(request: LiveRequest, first: LiveRequest) -> str:
    changed = [f"{k}={v}" for k, v in _params(request) if (k, v) not in _params(first)]
    if request.path != first.path:
        changed.insert(0, request.path)
    return "asked with " + _shown(", ".join(changed) or "the first page's request")


def _shown(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def _natural(text: str) -> tuple[int, str]:
    return (len(text), text)
