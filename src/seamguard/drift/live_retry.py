"""When a live request is sent again, and how long the fetcher waits first.

The policy, in full (``LiveFetcher`` applies it; docs/drift.md says the same for users):

- A request that may change data (not GET/HEAD, not a read-only gateway operation, not marked
  ``safe``) is sent **once**: a retry after a timeout could create an order twice.
- Any other request gets ``retries`` attempts in all. Another attempt follows a refused or
  failed connection, a read timeout, an answer cut off, a 429 or a 5xx; never a 4xx other than
  429, a TLS problem, an answer too large, or an answer that outlasted the whole request
  deadline (a server that slow, or dripping bytes, is as slow the next time: a retry would only
  multiply the wait).
- Between attempts the fetcher waits ``backoff`` seconds, doubled each time, or what a 429/503
  asks for in ``Retry-After`` (seconds or an HTTP date) — but never longer than
  ``max_retry_after``, than one request's deadline, or than the run has left: a server asking
  for longer is not waited for, and the request ends with what it said.
- Every attempt is cut to what is left of the run's deadline, so a request (all its attempts
  and waits) never outlasts ``[tool.seamguard.drift] deadline``; none starts after it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from seamguard.drift.live_answers import is_refused, is_tls, retry_after_seconds
from seamguard.net import (
    DEADLINE_EXTENSION,
    PLAIN_TO_TLS,
    DeadlineExceeded,
    ResponseTooLarge,
)

__all__ = ["FatalTransportError", "RetryPolicy", "RetryableError", "send_once"]


class RetryableError(Exception):
    """A transport failure worth another attempt; carries the readable message."""


class FatalTransportError(Exception):
    """A transport failure that another attempt will not fix."""


@dataclass(frozen=True)
class RetryPolicy:
    """How often and after how long a request is sent again (see the module doc).

    Attributes:
        retries: Attempts in all (not extra attempts).
        backoff: First wait between attempts; doubled after each further attempt.
        max_retry_after: The longest ``Retry-After`` waited for.
        request_deadline: Seconds one attempt may take, connect to the last byte.
        deadline: A ``clock`` time by which all fetching ends (None: none).
        clock: The monotonic clock ``deadline`` is read on.
    """

    retries: int = 3
    backoff: float = 0.5
    max_retry_after: float = 60.0
    request_deadline: float = 60.0
    deadline: float | None = None
    clock: Callable[[], float] = time.monotonic

    def left(self) -> float | None:
        """Seconds left before the run's deadline (None: no deadline)."""
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - self.clock())

    def may_wait(self, seconds: float) -> bool:
        """Is there time to wait ``seconds`` and still send something after?"""
        left = self.left()
        return left is None or seconds < left

    def delay(self, attempt: int) -> float:
        """The backoff after attempt number ``attempt`` (1-based)."""
        return float(self.backoff * 2 ** (attempt - 1))

    def budget(self) -> float | None:
        """Seconds the next attempt may take: what is left of the run, if that is less than
        one request's deadline (None: the request deadline alone bounds it)."""
        left = self.left()
        return None if left is None or left >= self.request_deadline else left

    def wait_for(self, response: httpx.Response, attempt: int) -> tuple[float, str | None]:
        """How long to wait before the next attempt, and why not to (None: wait)."""
        # RFC 9110 allows Retry-After on 503 as well; both mean "come back later".
        header = response.headers.get("Retry-After")
        wait = (retry_after_seconds(header, time.time())
                if response.status_code in (429, 503) else None)
        if wait is None:
            wait = self.delay(attempt)
            return wait, None if self.may_wait(wait) else (
                f"the {wait:g} s backoff would outlast the run's deadline")
        # Never longer than a whole request may take ([tool.seamguard.network] deadline), nor
        # than the run has left: a server asking for minutes would otherwise hold the job.
        cap = min(self.max_retry_after, self.request_deadline)
        left = self.left()
        asked = f"the server asks to come back after Retry-After: {(header or '').strip()[:64]}"
        if wait > cap:
            return wait, (f"{asked} ({wait:.0f} s), longer than the {cap:g} s a request may "
                          "wait, so it was not waited for")
        if left is not None and wait >= left:
            return wait, (f"{asked} ({wait:.0f} s), but the run's deadline is {left:.0f} s "
                          "away, so it was not waited for")
        return wait, None


def send_once(client: httpx.Client, method: str, path: str, options: dict[str, Any], *,
              timeout: float, budget: float | None = None) -> httpx.Response:
    """Send one attempt; a transport failure becomes ``RetryableError`` or
    ``FatalTransportError`` with a readable message. ``budget``: the seconds the attempt may
    take at most (what is left of the run), below the request deadline."""
    if budget is not None:
        options = {**options, "extensions": {DEADLINE_EXTENSION: budget}}
    try:
        return client.request(method, path, **options)
    except DeadlineExceeded as exc:
        # The whole request deadline (or what the run had left) went by: as slow next time.
        raise FatalTransportError(str(exc)) from exc
    except httpx.TimeoutException as exc:
        if "TLS handshake" in str(exc):  # net.py says what the handshake met
            raise FatalTransportError(f"TLS error: {exc}") from exc
        raise RetryableError(f"timed out after {timeout:g} s") from exc
    except httpx.ConnectError as exc:
        if is_tls(exc):
            # A certificate problem does not fix itself within seconds; fail at once.
            raise FatalTransportError(f"TLS error: {exc}") from exc
        if is_refused(exc):
            raise RetryableError("connection refused") from exc
        raise RetryableError(f"could not connect: {exc}") from exc
    except httpx.RemoteProtocolError as exc:
        if str(exc) == PLAIN_TO_TLS:
            raise FatalTransportError(f"TLS error: {exc}") from exc
        raise RetryableError(
            f"response cut off: the connection closed before the whole body arrived ({exc})"
        ) from exc
    except (ResponseTooLarge, httpx.DecodingError) as exc:
        raise FatalTransportError(str(exc)) from exc
    except httpx.TransportError as exc:
        raise FatalTransportError(f"transport error: {exc}") from exc
