"""A stateful platform double serving a record history through the platform's incremental API.

A poller asks for "records modified between A and B", page by page. The double holds, per
record key, the versions that *landed* (became visible) at a time of the harness's clock, and
answers as the platform documents it (the dialect is data, ``PollingProfile``; a gateway
platform's comes from its wire profile's ``[polling]``, ``[time]``, ``[response]`` and
``[signing]`` tables, where those facts live once):

- ``page-number`` (Taobao TOP ``taobao.trades.sold.increment.get``): ``start_modified`` and
  ``end_modified`` as China time without offset (``yyyy-MM-dd HH:mm:ss``), both inclusive, at
  most ``max_window`` (a day) apart; ``page_no``/``page_size`` (at most 100); records ordered
  by ``modified``, newest first, so a record that changes while a window is read moves out of
  its page and the pages behind shift; ``use_has_next`` answers ``has_next`` instead of
  ``total_results``; errors come in-band (``error_response``), the rate limit too; a request
  whose ``sign`` does not verify with the app secret is refused (code 25).
- ``cursor-link`` (Shopify ``GET /orders.json``): ``updated_at_min`` (inclusive, with offset),
  ``limit`` (at most 250), results oldest first, the next page a ``page_info`` cursor in the
  ``Link`` header (no other filter may accompany it); the rate limit is a 429 with
  ``Retry-After``.

What the script controls: when each version lands (a *late write* lands after its ``modified``
time), landings ``during`` the next poll (after its first page), deletes, and a rate-limit
answer on one request of a tick. Every request is logged (``SourceRequest``): the properties
read the windows a poller asked for and what it was served.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, Literal
from urllib.parse import urlencode

import httpx
from pydantic import BaseModel, ConfigDict, Field

from seamguard.mapping import reference_data as ref
from seamguard.sync.rules import SyncRules, parse_duration
from seamguard.sync.script import Event
from seamguard.wire.profile import SigningSettings, WireProfile

__all__ = ["BUILTIN_POLLING", "PollingProfile", "Served", "SourceDouble", "SourceRequest"]


class PollingProfile(BaseModel):
    """How one platform's incremental API pages through changed records."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = ""
    api: Literal["page-number", "cursor-link"]
    path: str
    operation: dict[str, str] = Field(default_factory=dict,
                                      description="parameters naming the operation")
    start_param: str
    end_param: str | None = None
    page_param: str = "page_no"
    size_param: str = "page_size"
    cursor_param: str = "page_info"
    default_page_size: int = 40
    max_page_size: int = 100
    max_window: str | None = Field(default=None, description="ISO 8601 duration")
    time_format: Literal["local", "iso"] = "iso"
    timezone: str = "UTC"
    newest_first: bool = False
    has_next_param: str | None = None
    envelope: str | None = Field(default=None, description="the success envelope's key")
    items: str = Field(description="dotted path to the record list inside the envelope")
    total: str | None = "total_results"
    rate_limit: Literal["in-band", "http-429"] = "http-429"
    max_write_lag: str = Field(default="PT2M", description="how long after its modified time "
                               "a change may become visible (the platform's own lag)")
    interval: str = Field(default="PT1M", description="how often a poller is ticked at the end")

    time_pattern: str = Field(default="%Y-%m-%d %H:%M:%S",
                              description="strftime of local times (time_format local)")
    signing: SigningSettings | None = Field(default=None,
                                            description="how the poller signs its requests")

    @staticmethod
    def from_wire(wire: WireProfile) -> PollingProfile:
        """A gateway platform's incremental API, from its wire profile."""
        polling = wire.polling
        if polling is None:
            raise ValueError(f"the {wire.title or 'wire'} profile has no [polling] table")
        key_rule = wire.response.response_key
        envelope = key_rule.of(polling.operation) if key_rule is not None else None
        return PollingProfile(
            title=f"{wire.title}: {polling.operation}", api="page-number",
            path=wire.path or "/",
            operation=wire.operation.split(polling.operation) if wire.operation else {},
            start_param=polling.window_start, end_param=polling.window_end,
            page_param=polling.page, size_param=polling.page_size,
            default_page_size=polling.page_size_default or polling.page_size_max,
            max_page_size=polling.page_size_max, max_window=polling.max_window,
            time_format="local", time_pattern=polling.time_format or wire.time.format,
            timezone=wire.time.zone, newest_first=polling.order == "descending",
            has_next_param=polling.has_next_param, envelope=envelope,
            items=polling.records.strip("/").replace("/", "."),
            total=polling.total.strip("/") if polling.total else None,
            rate_limit="in-band" if wire.response.errors else "http-429",
            signing=wire.signing)

    @property
    def zone(self) -> tzinfo:
        return ref.zone_info(self.timezone)

    @property
    def lag(self) -> timedelta:
        return parse_duration(self.max_write_lag) or timedelta(0)

    def render(self, instant: datetime) -> str:
        """A time as the platform writes it."""
        if self.time_format == "local":
            return instant.astimezone(self.zone).strftime(self.time_pattern)
        return instant.astimezone(self.zone).isoformat()

    def read(self, text: str) -> datetime | None:
        """A time parameter as the platform reads it: local time in exactly ``time_pattern``,
        or ISO 8601 (local time when it has no offset)."""
        if self.time_format == "local":
            try:
                return datetime.strptime(text, self.time_pattern).replace(tzinfo=self.zone)
            except ValueError:
                return None
        return ref.parse_instant(text, None, self.zone)


# REST platforms' incremental APIs, which no wire profile describes (gateway platforms' come
# from their wire profile's [polling] table: see PollingProfile.from_wire).
BUILTIN_POLLING: dict[str, PollingProfile] = {
    "shopify-orders": PollingProfile(
        title="Shopify GET /orders.json with updated_at_min and page_info cursors",
        api="cursor-link", path="/admin/api/2024-07/orders.json",
        start_param="updated_at_min", size_param="limit", default_page_size=50,
        max_page_size=250, time_format="iso", timezone="Asia/Shanghai", newest_first=False,
        items="orders", total=None, rate_limit="http-429"),
}


@dataclass(frozen=True)
class Served:
    """One record version a poller was given."""

    key: str
    label: str
    modified: datetime


@dataclass
class SourceRequest:
    """One request of a poller and the double's answer."""

    tick: int
    at: datetime
    start: datetime | None
    end: datetime | None
    page: str  # "1", "2", or a cursor
    status: int
    error: str = ""
    served: list[Served] = field(default_factory=list)
    more: bool = False  # the answer says there is a next page
    total: int | None = None


@dataclass
class _Version:
    event: Event | None  # None: the record was deleted
    landed: datetime
    modified: datetime


class SourceDouble:
    """The history of a platform's records and its incremental API over it."""

    def __init__(self, profile: PollingProfile, rules: dict[str, SyncRules],
                 secret: str | None = None) -> None:
        self.profile = profile
        self.rules = rules
        self.secret = secret  # the app secret requests are signed with, when they are
        self.time = datetime.now(UTC)  # the harness's clock, set by the transport
        self.reset()

    def reset(self) -> None:
        self.versions: dict[str, list[_Version]] = {}
        # landings due after the next first page: (event, deleted, when the step came)
        self.pending: list[tuple[Event, bool, datetime]] = []
        self.log: list[SourceRequest] = []
        self.tick = 0
        self.fault: str | None = None  # armed for the second request of the current tick
        self.requests_in_tick = 0
        # Per tick, the versions still current when it ended: a version served but replaced
        # (or deleted) while the poll was running may rightly have been skipped by it.
        self.current_after: dict[int, set[str]] = {}

    # -- the history -------------------------------------------------------------------------

    def key(self, event: Event) -> str:
        rule = self.rules.get(event.mapping or "")
        return rule.key(event.payload) if rule else ""

    def modified(self, event: Event) -> datetime:
        rule = self.rules.get(event.mapping or "")
        instant = rule.instant(event.payload) if rule else None
        return instant or self.time

    def land(self, event: Event, *, deleted: bool = False, during: bool = False) -> None:
        """The event's record version becomes visible now (or after the next first page)."""
        if during:
            self.pending.append((event, deleted, self.time))
            return
        versions = self.versions.setdefault(self.key(event), [])
        modified = self.modified(event)
        current = versions[-1].event if versions else None
        if not deleted and current is not None and self._order(current) > self._order(event):
            return  # a newer version landed first: this one was superseded before it showed
        versions.append(_Version(None if deleted else event, self.time, modified))

    def _order(self, event: Event) -> tuple[Any, ...]:
        rule = self.rules.get(event.mapping or "")
        return rule.order_key(event.payload) if rule else (self.modified(event).timestamp(),)

    def start_tick(self, fault: str | None) -> None:
        self.tick += 1
        self.fault = fault
        self.requests_in_tick = 0
        # A change meant to land during a poll that comes too late for it: landing then would
        # make it visible later after its modified time than the platform's lag allows, so it
        # landed when it was due.
        now, lag = self.time, self.profile.lag
        for item in [p for p in self.pending if now - self.modified(p[0]) > lag]:
            self.pending.remove(item)
            self.time = item[2]
            self.land(item[0], deleted=item[1])
        self.time = now

    def end_tick(self) -> None:
        self.current_after[self.tick] = {v.event.label for v in self.current().values()
                                         if v.event is not None}

    def current(self) -> dict[str, _Version]:
        """Every record's newest visible version (deleted ones left out)."""
        found = {}
        for key, versions in self.versions.items():
            if versions and versions[-1].event is not None:
                found[key] = versions[-1]
        return found

    def finals(self) -> dict[str, Event]:
        return {key: v.event for key, v in self.current().items() if v.event is not None}

    # -- the API -------------------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests_in_tick += 1
        params = dict(request.url.params)
        if request.method == "POST" and request.content:
            params.update(dict(httpx.QueryParams(request.content.decode("utf-8", "replace"))))
        entry = SourceRequest(self.tick, self.time, None, None, "", 200)
        self.log.append(entry)
        if self.fault == "rate-limit" and self.requests_in_tick == 2:
            self.fault = None
            return self._rate_limited(entry)
        if self.profile.api == "page-number":
            response = self._pages(params, entry)
        else:
            response = self._cursor(params, entry, request)
        if self.pending and entry.served is not None and self.requests_in_tick == 1:
            for event, deleted, _ in self.pending:  # changes landing while the poll pages
                self.land(event, deleted=deleted)
            self.pending.clear()
        return response

    def _rate_limited(self, entry: SourceRequest) -> httpx.Response:
        entry.error = "rate limit"
        if self.profile.rate_limit == "in-band":
            entry.status = 200
            return httpx.Response(200, json={"error_response": {
                "code": 7, "msg": "App Call Limited",
                "sub_code": "accesscontrol.limited-by-app-access-count",
                "sub_msg": "This ban will last for 1 more seconds"}})
        entry.status = 429
        return httpx.Response(429, headers={"Retry-After": "2.0"},
                              json={"errors": "Exceeded 2 calls per second for api client. "
                                              "Reduce request rates to resume uninterrupted "
                                              "service."})

    def _invalid(self, entry: SourceRequest, what: str) -> httpx.Response:
        entry.error = what
        if self.profile.rate_limit == "in-band":  # TOP reports every error in-band
            return httpx.Response(200, json={"error_response": {
                "code": 41, "msg": "Invalid Arguments", "sub_code": "isv.invalid-parameter",
                "sub_msg": what}})
        entry.status = 400
        return httpx.Response(400, json={"errors": {"request": [what]}})

    def _refused(self, entry: SourceRequest, code: int, message: str) -> httpx.Response:
        entry.error = message
        return httpx.Response(200, json={"error_response": {"code": code, "msg": message}})

    def _matching(self, start: datetime, end: datetime | None) -> list[_Version]:
        found = [v for v in self.current().values()
                 if start <= v.modified and (end is None or v.modified <= end)]
        found.sort(key=lambda v: (v.modified, self._sort_id(v)), reverse=self.profile.newest_first)
        return found

    def _record(self, version: _Version) -> dict[str, Any]:
        assert version.event is not None
        return version.event.payload

    def _pages(self, params: dict[str, str], entry: SourceRequest) -> httpx.Response:
        profile = self.profile
        for name, value in profile.operation.items():
            if params.get(name) != value:
                return self._invalid(entry, f"{name} must be {value}")
        if profile.signing is not None and self.secret is not None:
            from seamguard.wire.signing import SigningError, verify_signature

            try:
                check = verify_signature(profile.signing, params, self.secret,
                                         params.get(profile.signing.signature.name))
            except SigningError as error:
                return self._invalid(entry, str(error))
            if not check.valid:
                return self._refused(entry, 25, "Invalid Signature")
        start = profile.read(params.get(profile.start_param, ""))
        end = profile.read(params.get(profile.end_param or "", ""))
        entry.start, entry.end = start, end
        if start is None or end is None:
            return self._invalid(entry, f"{profile.start_param} and {profile.end_param} are "
                                 "required, as yyyy-MM-dd HH:mm:ss")
        window = parse_duration(profile.max_window or "")
        if end < start or (window is not None and end - start > window):
            return self._invalid(entry, f"{profile.end_param} - {profile.start_param} must be "
                                 f"between 0 and {profile.max_window}")
        try:
            page = int(params.get(profile.page_param, "1"))
            size = int(params.get(profile.size_param, str(profile.default_page_size)))
        except ValueError:
            return self._invalid(entry, "page_no and page_size must be whole numbers")
        if page < 1 or not 1 <= size <= profile.max_page_size:
            return self._invalid(entry, f"page_no >= 1, 1 <= page_size <= "
                                 f"{profile.max_page_size}")
        entry.page = str(page)
        found = self._matching(start, end)
        chosen = found[(page - 1) * size: page * size]
        entry.served = [Served(self.key(v.event), v.event.label, v.modified)
                        for v in chosen if v.event is not None]
        entry.more = page * size < len(found)
        body: dict[str, Any] = {}
        _put(body, profile.items, [self._record(v) for v in chosen])
        if params.get(profile.has_next_param or "", "").lower() == "true":
            body["has_next"] = entry.more
        elif profile.total:
            body[profile.total] = len(found)
            entry.total = len(found)
        return httpx.Response(200, json={profile.envelope: body} if profile.envelope else body)

    def _cursor(self, params: dict[str, str], entry: SourceRequest,
                request: httpx.Request) -> httpx.Response:
        profile = self.profile
        try:
            size = int(params.get(profile.size_param, str(profile.default_page_size)))
        except ValueError:
            return self._invalid(entry, f"{profile.size_param} must be a whole number")
        if not 1 <= size <= profile.max_page_size:
            return self._invalid(entry, f"{profile.size_param} must be 1-{profile.max_page_size}")
        cursor = params.get(profile.cursor_param)
        after: tuple[float, str] | None = None
        if cursor is not None:
            extra = set(params) - {profile.cursor_param, profile.size_param, "fields"}
            if extra:
                return self._invalid(entry, f"{', '.join(sorted(extra))} cannot be passed "
                                     f"when {profile.cursor_param} is present")
            try:
                state = json.loads(base64.urlsafe_b64decode(cursor.encode()))
                start = datetime.fromisoformat(state["min"])
                after = (float(state["after"][0]), str(state["after"][1]))
            except (ValueError, KeyError, TypeError):
                return self._invalid(entry, f"{profile.cursor_param} is not a cursor we gave")
            entry.page = "cursor"
        else:
            read = profile.read(params.get(profile.start_param, "1970-01-01T00:00:00Z"))
            if read is None:
                return self._invalid(entry, f"{profile.start_param} is not a date-time")
            start = read
            entry.page = "1"
        entry.start = start
        found = self._matching(start, None)
        if after is not None:
            found = [v for v in found if (v.modified.timestamp(), self._sort_id(v)) > after]
        chosen, rest = found[:size], found[size:]
        entry.served = [Served(self.key(v.event), v.event.label, v.modified)
                        for v in chosen if v.event is not None]
        entry.more = bool(rest)
        headers = {}
        if rest:
            last = chosen[-1]
            token = base64.urlsafe_b64encode(json.dumps({
                "min": start.isoformat(),
                "after": [last.modified.timestamp(), self._sort_id(last)]}).encode()).decode()
            query = urlencode({profile.size_param: size, profile.cursor_param: token})
            headers["Link"] = f'<{request.url.copy_with(query=None)}?{query}>; rel="next"'
        body: dict[str, Any] = {}
        _put(body, profile.items, [self._record(v) for v in chosen])
        return httpx.Response(200, json=body, headers=headers)

    def _sort_id(self, version: _Version) -> str:
        return self.key(version.event).rjust(24, "0") if version.event else ""


def _put(body: dict[str, Any], path: str, value: Any) -> None:
    node = body
    tokens = path.split(".")
    for token in tokens[:-1]:
        node = node.setdefault(token, {})
    node[tokens[-1]] = value
