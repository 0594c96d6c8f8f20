"""What a live drift request is, and what it ended with (``seamguard.drift.live`` sends them)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlencode

if TYPE_CHECKING:
    import httpx

    from seamguard.project import LiveRequestSettings

__all__ = ["CLIENT_HEADERS", "READ_ONLY_METHODS", "FetchOutcome", "LiveRequest", "Sender"]

READ_ONLY_METHODS = frozenset({"GET", "HEAD"})

CLIENT_HEADERS = {
    "Accept": "application/json",
    # Only encodings the scrubber can look inside (seamguard.codings): a zstd body could not be.
    "Accept-Encoding": "gzip, deflate, br",
    "User-Agent": "seamguard-drift/1",
}


@dataclass(frozen=True)
class LiveRequest:
    """One request of a live fetch.

    Attributes:
        method: HTTP method; only ``GET`` and ``HEAD`` unless ``safe`` is set.
        path: Appended to the platform's ``base_url`` (with ``{version}`` substituted).
        params: Query parameters (a list value repeats the name; pairs keep their order).
        safe: Explicit opt-in for any other method (the caller vouches it changes nothing).
        name: A label for reports; defaults to ``"METHOD path"`` (or the operation).
        operation: A gateway operation (``taobao.trades.sold.get``); ``params`` are then its
            business parameters and the platform's wire profile builds the signed call.
        body: The request body, encoded; its ``Content-Type`` is among ``headers``.
        headers: Headers of this request (over the client's own).
    """

    method: str = "GET"
    path: str = "/"
    params: Mapping[str, Any] | Sequence[tuple[str, str]] = field(
        default_factory=lambda: MappingProxyType({}))
    safe: bool = False
    name: str | None = None
    operation: str | None = None
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def label(self) -> str:
        """The name, or ``"METHOD path"`` (the operation, for a gateway) when there is none."""
        if self.name:
            return self.name
        return self.operation or f"{self.method.upper()} {self.path}"

    @classmethod
    def from_settings(cls, entry: LiveRequestSettings) -> LiveRequest:
        """The request a ``live`` entry (or an entry of a request file) describes."""
        headers = dict(entry.headers)
        body: bytes | None = None
        if entry.json_body is not None:
            body = json.dumps(entry.json_body, ensure_ascii=False).encode("utf-8")
            kind = "application/json"
        elif entry.form is not None:
            body = urlencode(entry.form, doseq=True).encode("utf-8")
            kind = "application/x-www-form-urlencoded"
        elif entry.body is not None:
            body, kind = entry.body.encode("utf-8"), "text/plain; charset=utf-8"
        if body is not None and not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = kind
        return cls(method=entry.method, path=entry.path or "/", params=entry.params,
                   safe=entry.safe, name=entry.name, operation=entry.operation, body=body,
                   headers=MappingProxyType(headers))


@dataclass(frozen=True)
class FetchOutcome:
    """What one request ended with after retries.

    Attributes:
        request: The request.
        status: The final HTTP status, or None when no response arrived.
        error: A readable problem (``"connection refused"``, ``"401 Unauthorized: ..."``), or
            None when a usable JSON response arrived.
        attempts: How many times the request was sent.
        response: The final response (its body read), or None.
        retry_after: The ``Retry-After`` value of a final 429 or 503 (the server asked to
            come back later than the run could wait, or kept asking).
    """

    request: LiveRequest
    status: int | None
    error: str | None
    attempts: int
    response: httpx.Response | None = field(default=None, compare=False, repr=False)
    retry_after: str | None = None

    @property
    def ok(self) -> bool:
        """True when a response arrived and nothing is wrong with it."""
        return self.error is None


class Sender(Protocol):
    """Sends one live request within a recording session (``LiveFetcher.session``)."""

    def __call__(self, request: LiveRequest, *, record: bool = True) -> FetchOutcome:
        """The request's outcome; ``record=False``: the cassette does not keep its answer."""
        ...
