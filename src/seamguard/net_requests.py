"""Bounded network calls through ``requests``, for the libraries that build their own sessions
out of seamguard's reach (schemathesis for probing, apprise for alerts): the deadline and the
size cap of :mod:`seamguard.net`, held at the one seam all of them share,
``HTTPAdapter.send``."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from typing import Any

from seamguard.codings import DECODABLE
from seamguard.documents import size_text
from seamguard.net import NetworkLimits

__all__ = ["bounded_requests"]


@contextlib.contextmanager
def bounded_requests(limits: NetworkLimits, *, follow_redirects: bool = True
                     ) -> Iterator[None]:
    """Bound every answer ``requests`` reads while the block runs: the deadline and the size
    cap (counted after inflating), as ``bounded_client`` does for httpx. Without
    ``follow_redirects`` a redirect is the answer itself, never followed.

    For libraries that build their own ``requests`` sessions, out of reach (schemathesis for
    probing, apprise for alerts): the one seam all of them share is ``HTTPAdapter.send``, so it
    is wrapped for the duration of the block and restored after. Event streams are left to
    their reader, which bounds them itself.
    """
    from requests import Session
    from requests.adapters import HTTPAdapter

    original = HTTPAdapter.send
    target = Session.get_redirect_target

    def send(adapter: HTTPAdapter, request: Any, stream: bool = False, **options: Any) -> Any:
        import requests

        started = time.monotonic()
        outcome: dict[str, Any] = {}

        def exchange() -> None:
            try:
                response = original(adapter, request, stream=True, **options)
                if "text/event-stream" not in response.headers.get("Content-Type", ""):
                    _read_bounded(response, limits, started)
                outcome["response"] = response
            except BaseException as exc:  # handed to the caller's thread below
                outcome["error"] = exc

        # requests reads the status line and headers with a per-read timeout only, out of
        # reach: the exchange runs in a daemon thread the caller stops waiting for at the
        # deadline (it ends when the server does, or with the process).
        worker = threading.Thread(target=exchange, name="seamguard bounded request",
                                  daemon=True)
        worker.start()
        worker.join(limits.deadline)
        if worker.is_alive():
            raise requests.exceptions.Timeout(
                f"no complete answer within the {limits.deadline:g} s deadline",
                request=request)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["response"]

    HTTPAdapter.send = send  # type: ignore[method-assign,assignment]
    if not follow_redirects:
        # requests follows a redirect wherever it points (another host too), before the
        # caller sees the answer: with no target read, the 3xx answer is the answer.
        Session.get_redirect_target = lambda session, response: None  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        HTTPAdapter.send = original  # type: ignore[method-assign]
        Session.get_redirect_target = target  # type: ignore[method-assign]


def _arrivals(raw: Any) -> Iterator[bytes]:
    """The decoded body as it arrives: ``read1`` returns what one read got, where ``read(n)``
    and ``stream(n)`` wait for n bytes, which a dripping server never completes."""
    while chunk := raw.read1(64 * 1024, decode_content=True):
        yield chunk


def _read_bounded(response: Any, limits: NetworkLimits, started: float) -> None:
    """Read a streamed ``requests`` answer within the deadline and the cap, into ``content``."""
    import requests

    chunks: list[bytes] = []
    size = 0
    codings = [c.strip().lower() for c in response.headers.get("Content-Encoding", "").split(",")]
    unknown = [c for c in codings if c and c not in DECODABLE]
    if unknown:
        # urllib3 hands a coding it does not know over as it came, undecoded and unbounded
        response.close()
        raise requests.exceptions.ContentDecodingError(
            f"the answer's Content-Encoding {', '.join(unknown)!s} cannot be undone (gzip, "
            "deflate, br and lists of them can)", response=response, request=response.request)
    try:
        for chunk in _arrivals(response.raw):
            if time.monotonic() - started > limits.deadline:
                # Timeout, not ReadTimeout: callers parse a ReadTimeout's urllib3 message.
                raise requests.exceptions.Timeout(
                    f"no complete answer within the {limits.deadline:g} s deadline "
                    f"({size_text(size)} arrived)", response=response,
                    request=response.request)
            size += len(chunk)
            if size > limits.max_bytes:
                raise requests.exceptions.ContentDecodingError(
                    f"the answer is larger than the {size_text(limits.max_bytes)} limit",
                    response=response, request=response.request)
            chunks.append(chunk)
    except requests.exceptions.RequestException:
        response.close()
        raise
    except Exception as exc:  # urllib3's protocol and decoding errors, as requests' own
        response.close()
        raise requests.exceptions.ConnectionError(str(exc), request=response.request) from exc
    response._content = b"".join(chunks)
    response._content_consumed = True
    response.raw.release_conn()
