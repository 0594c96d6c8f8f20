"""Bounded network calls: every request seamguard sends ends, and ends small.

httpx's ``Timeout`` (like requests') bounds each connect and each read, not the request: a
server that drips one byte every few seconds holds a client forever, a 60 MB answer is read
whole, and a gzip bomb inflates in memory. Every call seamguard makes to a live service (the
nightly drift fetch, the published-spec fetch, probing, alerts) goes through the limits here
(``bounded_client`` for httpx, :func:`seamguard.net_requests.bounded_requests` for
libraries built on requests)::

    limits = NetworkLimits.from_settings(project.settings, max_bytes=10 << 20)
    with bounded_client(limits, base_url="https://api.example.com") as client:
        client.get("/orders.json")     # DeadlineExceeded, ResponseTooLarge, RedirectRefused

* **A total deadline** per request — connect, send, and every byte of the answer — checked as
  data arrives (so it ends at most one read timeout after the deadline); ``deadline`` in
  ``[tool.seamguard.network]``.
  A caller with less time than that (the nightly run near its own deadline) passes the seconds
  it has in the request's ``DEADLINE_EXTENSION`` extension; the request then ends by those.
* **A size cap** on the answer, counted as it streams in and counted *after* inflating: gzip,
  deflate, brotli and lists of them (``gzip, br``) are undone here, chunk by chunk, never past
  the cap (:mod:`seamguard.codings`); any other ``Content-Encoding`` is refused (it could not
  be looked into, or bounded).
* **No cookie jar**: a cookie a server sets is never sent back.
* **Redirects** are followed only to the same host (and only ``max_redirects`` of them), so a
  token never travels to another host.

The transport is built on httpcore's public connection pool rather than ``httpx.HTTPTransport``
because recording libraries (vcrpy) patch that class and read the whole answer before any
guard could see it; layered under them, the limits hold while a recording is made.
"""

from __future__ import annotations

import contextlib
import contextvars
import http.cookiejar
import os
import ssl
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpcore
import httpx

from seamguard.codings import CodingError, Decoding, Overflow
from seamguard.documents import size_text
from seamguard.errors import UsageError

if TYPE_CHECKING:
    from seamguard.project import Settings

#: A request extension: seconds the whole request may take at most, when less than ``deadline``.
DEADLINE_EXTENSION = "seamguard.deadline"

__all__ = [
    "DEADLINE_EXTENSION",
    "BoundedTransport",
    "DeadlineExceeded",
    "NetworkLimits",
    "RedirectRefused",
    "ResponseTooLarge",
    "bounded_client",
]

class DeadlineExceeded(httpx.TimeoutException):
    """No complete answer within the request's total deadline."""


class ResponseTooLarge(httpx.TransportError):
    """The answer (after inflating) is larger than the cap."""


class RedirectRefused(httpx.TransportError):
    """A redirect to another host, or one redirect too many."""


@dataclass(frozen=True)
class NetworkLimits:
    """The bounds of one kind of request.

    Attributes:
        timeout: Seconds for connecting and for each read.
        deadline: Seconds for the whole request, connect to the last byte of the answer.
        max_bytes: The largest answer accepted, counted after inflating.
        max_redirects: Same-host redirects followed before giving up.
    """

    timeout: float = 10.0
    deadline: float = 60.0
    max_bytes: int = 10 << 20
    max_redirects: int = 5

    @classmethod
    def from_settings(cls, settings: Settings, *, max_bytes: int,
                      timeout: float | None = None) -> NetworkLimits:
        """Limits from ``[tool.seamguard.network]``; ``timeout`` overrides its per-read one."""
        network = settings.network
        return cls(timeout=timeout if timeout is not None else network.timeout,
                   deadline=network.deadline, max_bytes=max_bytes,
                   max_redirects=network.max_redirects)


# The deadline of the request being sent on this thread, read by the network streams below:
# a server that drips its status line and headers one byte at a time is cut off too.
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "seamguard_request_deadline", default=None)


class _NoCookies(http.cookiejar.CookieJar):
    """A jar that keeps nothing: a server's Set-Cookie is never sent back."""

    def set_cookie(self, cookie: http.cookiejar.Cookie) -> None:
        return None

    def extract_cookies(self, response: Any, request: Any) -> None:
        return None


def bounded_client(limits: NetworkLimits, *, transport: httpx.BaseTransport | None = None,
                   follow_redirects: bool = False, recordable: bool = False,
                   **options: Any) -> httpx.Client:
    """An ``httpx.Client`` whose every request is bounded by ``limits``.

    Args:
        limits: Deadline, size cap and redirect bound.
        transport: What to send through instead of the network (tests); bounded all the same.
        follow_redirects: Follow redirects, to the same host only.
        recordable: Route the bounded transport through an ``httpx.MockTransport``, the layer
            vcrpy records: the recording then holds exactly what the bounds let through.
        **options: Passed to ``httpx.Client`` (``base_url``, ``headers``, ...).
    """
    hooks: dict[str, list[Callable[..., Any]]] = {"request": [], "response": []}
    if follow_redirects:
        hooks["response"].append(_same_host_redirects)
    bounded: httpx.BaseTransport = BoundedTransport(limits, inner=transport)
    if recordable:
        bounded = httpx.MockTransport(bounded.handle_request)
    return httpx.Client(
        transport=bounded, cookies=_NoCookies(),
        timeout=httpx.Timeout(limits.timeout), follow_redirects=follow_redirects,
        max_redirects=limits.max_redirects, event_hooks=hooks, trust_env=False, **options)


def _same_host_redirects(response: httpx.Response) -> None:
    location = response.headers.get("Location")
    if not response.is_redirect or location is None:
        return
    source = response.request.url
    try:
        target = source.join(location)
    except httpx.InvalidURL as exc:
        raise RedirectRefused(f"redirected to an invalid URL ({exc})",
                              request=response.request) from None
    if (target.scheme, target.host, target.port) != (source.scheme, source.host, source.port):
        raise RedirectRefused(
            f"redirected from {source.host} to another host or scheme ({target.scheme}://"
            f"{target.host}); not followed, so no credential travels there",
            request=response.request)


# The versions an answer may name: h11 takes any HTTP/d.d, and a server that names another
# speaks a protocol whose framing nothing here knows.
_VERSIONS = (b"HTTP/1.0", b"HTTP/1.1", b"HTTP/2", b"HTTP/2.0")


class BoundedTransport(httpx.BaseTransport):
    """Sends through ``inner`` (default: the network) within ``limits``; see the module doc."""

    def __init__(self, limits: NetworkLimits, *, inner: httpx.BaseTransport | None = None,
                 verify: bool = True) -> None:
        self.limits = limits
        if isinstance(inner, httpx.MockTransport):
            # Called directly: a recorder patching MockTransport sees only the bounded answer.
            inner = _Handler(inner.handler)  # type: ignore[arg-type]
        self._inner = inner if inner is not None else _PoolTransport(verify=verify)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        seconds = self.limits.deadline
        within = f"the {seconds:g} s deadline"
        budget = request.extensions.get(DEADLINE_EXTENSION)
        if isinstance(budget, (int, float)) and budget < seconds:
            seconds = max(0.0, float(budget))
            within = f"the {seconds:g} s left before the run's deadline"
        deadline = time.monotonic() + seconds
        # A per-operation timeout never outlasts the whole request.
        timeouts = dict(request.extensions.get("timeout") or {})
        bound = max(0.001, min(self.limits.timeout, seconds))
        request.extensions["timeout"] = {
            name: bound if value is None else min(value, bound)
            for name, value in {**dict.fromkeys(("connect", "read", "write", "pool")),
                                **timeouts}.items()}
        token = _DEADLINE.set(deadline)
        try:
            response = self._inner.handle_request(request)
        except httpx.TimeoutException as exc:
            if time.monotonic() < deadline:
                raise
            raise DeadlineExceeded(
                f"no complete answer within {within} "
                "(the status line and headers had not all arrived)", request=request) from exc
        finally:
            _DEADLINE.reset(token)
        version = response.extensions.get("http_version", b"HTTP/1.1")
        if version not in _VERSIONS:
            response.close()
            shown = version.decode("latin-1") if isinstance(version, bytes) else str(version)
            raise httpx.RemoteProtocolError(
                f"the answer's status line names {shown}, a version of HTTP this client does "
                "not speak (HTTP/1.0, HTTP/1.1, HTTP/2)", request=request)
        encoding = response.headers.get("Content-Encoding", "").strip().lower()
        try:
            decoding = Decoding(encoding, self.limits.max_bytes)
        except CodingError:
            response.close()
            raise ResponseTooLarge(
                f"the answer uses Content-Encoding {encoding!r}, which cannot be read within "
                "a size limit (only gzip, deflate and br are)", request=request) from None
        headers = response.headers.copy()
        if encoding:  # inflated here, bounded: nothing downstream may inflate it again
            del headers["Content-Encoding"]
            headers.pop("Content-Length", None)
        return httpx.Response(
            response.status_code, headers=headers, request=request,
            stream=_BoundedStream(response, request, self.limits, deadline, decoding, within),
            extensions=response.extensions)

    def close(self) -> None:
        self._inner.close()


class _BoundedStream(httpx.SyncByteStream):
    def __init__(self, response: httpx.Response, request: httpx.Request,
                 limits: NetworkLimits, deadline: float, decoding: Decoding,
                 within: str) -> None:
        self._response = response
        self._within = within
        self._request = request
        self._limits = limits
        self._deadline = deadline
        self._decoding = decoding

    def __iter__(self) -> Iterator[bytes]:
        size = 0
        # The raw stream itself: also readable when a test built the answer in memory.
        stream = self._response.stream
        if not isinstance(stream, httpx.SyncByteStream):
            raise TypeError("an async transport cannot serve a bounded sync request")
        for chunk in stream:
            if time.monotonic() > self._deadline:
                raise DeadlineExceeded(
                    f"no complete answer within {self._within} "
                    f"({size_text(size)} arrived)", request=self._request)
            try:
                data = self._decoding.feed(chunk) if self._decoding.active else chunk
            except Overflow:
                data, overflow = b"", True
            except CodingError:
                raise httpx.DecodingError("the answer says it is compressed but is not",
                                          request=self._request) from None
            else:
                overflow = False
            size += len(data)
            if overflow or size > self._limits.max_bytes:
                raise ResponseTooLarge(
                    f"the answer is larger than the {size_text(self._limits.max_bytes)} limit"
                    + (" once inflated" if self._decoding.active else ""),
                    request=self._request)
            if data:
                yield data
        try:
            self._decoding.finish()
        except CodingError:
            raise httpx.DecodingError("the answer says it is compressed but is not",
                                      request=self._request) from None

    def close(self) -> None:
        self._response.close()


class _Handler(httpx.BaseTransport):
    """A ``MockTransport``'s handler as a plain transport."""

    def __init__(self, handler: Callable[[httpx.Request], httpx.Response]) -> None:
        self._handler = handler

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self._handler(request)


class _PoolTransport(httpx.BaseTransport):
    """httpx's role of sending one request over httpcore's public connection pool (with the
    environment's proxy settings), apart from the class recorders patch."""

    def __init__(self, *, verify: bool = True) -> None:
        self._ssl = _ssl_context(verify)
        self._pool = httpcore.ConnectionPool(ssl_context=self._ssl,
                                             network_backend=_DeadlineBackend())
        self._proxies: dict[str, Any] = {}

    def _route(self, url: httpx.URL) -> Any:
        proxy = urllib.request.getproxies().get(url.scheme)
        if not proxy or urllib.request.proxy_bypass(url.host):
            return self._pool
        if proxy not in self._proxies:
            _check_proxy(url.scheme, proxy)
            self._proxies[proxy] = httpcore.HTTPProxy(proxy_url=proxy, ssl_context=self._ssl,
                                                      network_backend=_DeadlineBackend())
        return self._proxies[proxy]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host,
                             port=request.url.port, target=request.url.raw_path),
            headers=request.headers.raw, content=request.stream,
            extensions=request.extensions)
        with _mapped(request):
            response = self._route(request.url).handle_request(core_request)
        return httpx.Response(status_code=response.status, headers=response.headers,
                              stream=_CoreStream(response.stream, request),
                              extensions=response.extensions)

    def close(self) -> None:
        self._pool.close()
        for proxy in self._proxies.values():
            proxy.close()


def _ssl_context(verify: bool) -> ssl.SSLContext:
    """httpx's TLS context, which reads ``$SSL_CERT_FILE`` and ``$SSL_CERT_DIR``: a variable
    naming no file or no certificates is a usage error naming it, not a crash."""
    try:
        return httpx.create_ssl_context(verify=verify)
    except (OSError, ssl.SSLError, ValueError) as exc:
        named = ", ".join(f"${name}={os.environ[name]!r}" for name in
                          ("SSL_CERT_FILE", "SSL_CERT_DIR") if name in os.environ)
        raise UsageError(
            f"the certificate authorities for TLS cannot be loaded from {named or 'the system'}"
            f": {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}",
            hint="point SSL_CERT_FILE at a PEM file of CA certificates, or unset SSL_CERT_FILE "
                 "and SSL_CERT_DIR to use the bundled ones") from None


def _check_proxy(scheme: str, proxy: str) -> None:
    """A proxy from ``$<scheme>_proxy`` that httpcore can connect to: an http(s) URL with a
    host (anything else failed deep in the connection pool)."""
    try:
        url = httpx.URL(proxy)
        usable = url.scheme in ("http", "https") and bool(url.host)
    except (httpx.InvalidURL, ValueError, TypeError):
        usable = False
    if not usable:
        raise UsageError(
            f"${scheme.upper()}_PROXY (or ${scheme}_proxy) is not an http:// or https:// URL "
            f"with a host: {proxy!r}",
            hint=f"set {scheme.upper()}_PROXY to e.g. http://proxy.example.com:3128, or unset "
                 f"{scheme}_proxy and {scheme.upper()}_PROXY to connect directly")


def _within_deadline(timeout: float | None) -> float | None:
    """``timeout`` cut to what is left of the current request's deadline."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the request's deadline passed")
    return left if timeout is None else min(timeout, left)


# The first bytes of a TLS record (an alert or a handshake, TLS 1.0-1.3): a plain-HTTP request
# to a TLS port is answered with one where an HTTP status line belongs.
_TLS_RECORD = (b"\x15\x03", b"\x16\x03")
# OpenSSL's words when a TLS handshake is answered by something that is not TLS (a plain-HTTP
# server's "HTTP/1.1 400", most often).
_NOT_TLS = ("WRONG_VERSION_NUMBER", "wrong version number", "RECORD_LAYER_FAILURE",
            "record layer failure", "PACKET_LENGTH_TOO_LONG", "packet length too long",
            "UNKNOWN_PROTOCOL", "unknown protocol", "HTTP_REQUEST")
PLAIN_TO_TLS = ("the server answered with a TLS record where an HTTP status line belongs: the "
                "port speaks HTTPS (use https:// in base_url)")


def scheme_hint(url: str, message: str) -> str | None:
    """What a transport error's ``message`` says of the scheme of ``url`` when the scheme looks
    wrong (TLS to a plain-HTTP port, plain HTTP to a TLS port), for clients whose errors this
    module does not make (requests, under schemathesis); None otherwise."""
    lowered = message.lower()
    if url.startswith("https:"):
        if any(words.lower() in lowered for words in _NOT_TLS):
            return ("the TLS handshake was answered by something that is not TLS: the port "
                    "speaks plain HTTP (use http:// in base_url)")
        if "timed out" in lowered or "timeout" in lowered or "deadline" in lowered:
            return ("if the port speaks plain HTTP, a TLS handshake gets no answer there: "
                    "try http:// in base_url")
    elif url.startswith("http:") and any(words in lowered for words in (
            "reset by peer", "remotedisconnected", "connection aborted", "without response",
            "badstatusline", "\\x15\\x03", "\\x16\\x03")):
        return CLOSED_UNANSWERED
    return None


CLOSED_UNANSWERED = ("a TLS port spoken to in plain HTTP does this, so if the port speaks HTTPS "
                     "use https:// in base_url")


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every read and write ends by the request's deadline; a plain
    stream's first bytes are checked for a TLS answer, and a TLS handshake that meets plain
    HTTP (or nothing) says so instead of reading as a timeout."""

    def __init__(self, stream: Any, *, tls: bool = False) -> None:
        self._stream = stream
        self._first = not tls

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        if not self._first:
            data: bytes = self._stream.read(max_bytes, _within_deadline(timeout))
            return data
        try:
            data = self._stream.read(max_bytes, _within_deadline(timeout))
        except httpcore.ReadError as exc:  # reset before a byte came back
            raise httpcore.ReadError(f"{exc}, before any answer: {CLOSED_UNANSWERED}") from exc
        self._first = False
        if not data:
            raise httpcore.RemoteProtocolError(
                f"the server closed the connection before any answer: {CLOSED_UNANSWERED}")
        if data[:2] in _TLS_RECORD:
            raise httpcore.RemoteProtocolError(PLAIN_TO_TLS)
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _within_deadline(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        bound = _within_deadline(timeout)
        try:
            stream = self._stream.start_tls(ssl_context, server_hostname, bound)
        except httpcore.ConnectTimeout as exc:
            raise httpcore.ConnectTimeout(
                f"the TLS handshake got no answer within {bound or 0:g} s: the port may speak "
                "plain HTTP, which waits for a request instead (if so, use http:// in "
                "base_url)") from exc
        except httpcore.ConnectError as exc:
            if any(words in str(exc) for words in _NOT_TLS):
                raise httpcore.ConnectError(
                    f"the TLS handshake was answered by something that is not TLS ({exc}): "
                    "the port speaks plain HTTP (use http:// in base_url)") from exc
            raise
        return _DeadlineStream(stream, tls=True)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own network backend, its streams bounded by the request's deadline."""

    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._backend.connect_tcp(
            host, port, _within_deadline(timeout), local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._backend.connect_unix_socket(
            path, _within_deadline(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _CoreStream(httpx.SyncByteStream):
    def __init__(self, stream: Any, request: httpx.Request) -> None:
        self._stream = stream
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        with _mapped(self._request):
            yield from self._stream

    def close(self) -> None:
        if hasattr(self._stream, "close"):
            self._stream.close()


@contextlib.contextmanager
def _mapped(request: httpx.Request) -> Iterator[None]:
    """httpcore's exceptions as the httpx exceptions of the same name."""
    try:
        yield
    except (httpcore.TimeoutException, httpcore.NetworkError, httpcore.ProtocolError,
            httpcore.ProxyError, httpcore.UnsupportedProtocol) as exc:
        for cls in type(exc).__mro__:
            mapped = getattr(httpx, cls.__name__, None)
            if isinstance(mapped, type) and issubclass(mapped, httpx.TransportError):
                raise mapped(str(exc) or cls.__name__, request=request) from exc
        raise httpx.TransportError(str(exc), request=request) from exc
