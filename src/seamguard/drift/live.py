"""Fetch live responses from a platform and record them as a scrubbed vcrpy cassette.

The nightly drift job calls the real API, keeps what came back as a cassette and profiles it
against the contract (``seamguard drift observe``). This module does the calling part::

    fetcher = LiveFetcher("shopify", settings.platforms["shopify"], "2024-07")
    outcomes = fetcher.fetch([LiveRequest(path="/orders.json", params={"limit": "50"})],
                             Path("fixtures/live/shopify-2024-07.yaml"))

Only ``GET`` and ``HEAD`` are sent unless a request opts in with ``safe=True``: a drift job must
never create orders or waybills by accident (``seamguard record`` passes ``allow_unsafe`` after its
own sandbox check; a request that may change data is then sent once, never retried). The token
comes from the environment variable named in ``[tool.seamguard.platforms.<name>.auth]`` and never
reaches the cassette.

Recording always goes through vcrpy. vcrpy patches ``httpx.HTTPTransport`` and
``httpx.MockTransport``; any other injected transport is wrapped in an ``httpx.MockTransport``
so that vcrpy sees its traffic too.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlencode

import httpx
import vcr

from seamguard.drift.live_answers import (
    answer_problem,
    is_refused,
    is_tls,
    retry_after_seconds,
    retryable_status,
)
from seamguard.drift.live_auth import auth_headers
from seamguard.errors import SeamguardError, UsageError
from seamguard.net import (
    PLAIN_TO_TLS,
    DeadlineExceeded,
    NetworkLimits,
    ResponseTooLarge,
    bounded_client,
)
from seamguard.privacy.detect import Kind
from seamguard.privacy.guard import mask_logs
from seamguard.privacy.http import TrafficScrubber
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.pseudonym import Pseudonymizer
from seamguard.project import LiveRequestSettings, PlatformSettings
from seamguard.recordings.cassettes import ReadableYaml
from seamguard.wire.calls import GatewayCall, build_call, is_read_only, resign_recorded
from seamguard.wire.requests import is_form

__all__ = ["FetchOutcome", "LiveFetcher", "LiveRequest", "auth_headers", "retry_after_seconds"]

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


class _RetryableError(Exception):
    """A transport failure worth another attempt; carries the readable message."""


class _FatalTransportError(Exception):
    """A transport failure that another attempt will not fix."""


class LiveFetcher:
    """Sends read-only requests to one platform version, with retries, and records them.

    Args:
        platform: The platform's name in the settings (used in messages).
        settings: The platform's settings (``base_url``, ``auth``).
        version: The contract version; substituted for ``{version}`` in ``base_url``.
        env: Where the token is read from.
        timeout: Seconds for connecting and for each read.
        retries: Attempts in all (not extra attempts) for connect errors, timeouts, 5xx and 429.
        backoff: First wait between attempts; doubled after each further attempt.
        max_retry_after: The longest ``Retry-After`` waited for; a server asking for longer
            (or for longer than the run has left) is not waited for: the request ends with
            the header's value in its outcome.
        transport: An httpx transport to send through instead of the network (tests).
        sleep: How to wait between attempts (tests pass a recorder).
        limits: Deadline per request and answer size cap (``seamguard.net``); its timeout is
            replaced by ``timeout``.
        now: The clock gateway calls are stamped with (tests pass a fixed one).
        privacy: The project's privacy policy (default: built-in).
        pseudonym_key: Record personal data as pseudonyms under this key (None: short masks).
        send_to: Send to this base URL (a sandbox, a local copy) instead of ``base_url``; the
            cassette records the calls under ``base_url``, where verification routes them.
        use_auth: Add the platform's auth header (False: the caller's requests carry their own,
            as a proxied client's do; the header is still redacted).
        agent: The ``User-Agent`` sent.
        deadline: A ``clock`` time by which all fetching ends: no wait lasts past it, and no
            request is sent after it.
        clock: The monotonic clock ``deadline`` is read on.

    Raises:
        UsageError: The platform names an auth variable that is unset or empty.
    """

    def __init__(
        self,
        platform: str,
        settings: PlatformSettings,
        version: str,
        *,
        env: Mapping[str, str] = os.environ,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_retry_after: float = 60.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        limits: NetworkLimits | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        privacy: PrivacyPolicy | None = None,
        pseudonym_key: bytes | None = None,
        send_to: str | None = None,
        use_auth: bool = True,
        agent: str = "seamguard-drift/1",
        deadline: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if retries < 1:
            raise UsageError(f"retries must be at least 1, not {retries}")
        self.platform = platform
        self.settings = settings
        self.version = version
        self.base_url = settings.base_url.replace("{version}", version)
        self.send_base = (send_to or settings.base_url).replace("{version}", version).rstrip("/")
        self.timeout = timeout
        self.limits = dataclasses.replace(limits or NetworkLimits(), timeout=timeout)
        self.retries = retries
        self.backoff = backoff
        self.max_retry_after = max_retry_after
        self._transport = transport
        self.deadline = deadline
        self.clock = clock
        self._sleep = sleep
        self._now = now
        self._env = env
        self._headers = {**CLIENT_HEADERS, "User-Agent": agent}
        self._token: str | None = None
        self._token_env: str | None = None
        policy = privacy or PrivacyPolicy.default()
        if use_auth:
            auth, token = auth_headers(platform, settings, env)
            self._headers.update(auth)
        else:
            token = env.get(settings.auth.env, "").strip() if settings.auth else None
        if settings.auth is not None:
            # The auth header may have any name, and a server may echo the token anywhere.
            policy = policy.with_keys(Kind.SECRET, settings.auth.header)
        if settings.auth is not None and token:
            self._token, self._token_env = token, settings.auth.env
            policy = policy.with_secrets(token)
        if settings.wire.request.secret_params:
            # The protocol's own token parameters (session, access_token, accessToken, ...).
            policy = policy.with_keys(Kind.SECRET, *settings.wire.request.secret_params)
        # The gateway's app key, app secret and session, should a server echo them anywhere.
        policy = policy.with_secrets(*(env.get(name, "").strip() for name in (
            *settings.credentials.values(), *([settings.secret_env] if settings.secret_env
                                              else []))))
        replacer = (Pseudonymizer(pseudonym_key, region=policy.regions[0])
                    if pseudonym_key else None)
        self._scrubber = TrafficScrubber(policy, replacer)
        self._request_hook: Callable[[Any], Any] | None = None
        mask_logs()  # httpx and vcrpy log the URLs they send and record
        # Set per attempt: the response hook records only the response that ends a request.
        self._final_attempt = False
        self._recorded_attempt = False

    # --- public ---------------------------------------------------------------------------

    def fetch(self, requests: Sequence[LiveRequest], cassette: Path,
              on_request: Callable[[LiveRequest], None] | None = None, *,
              allow_unsafe: bool = False) -> list[FetchOutcome]:
        """Send each request in turn and record every final response into ``cassette``.

        Args:
            requests: What to fetch, in order.
            cassette: Where the vcrpy cassette goes (``.json`` for JSON, YAML otherwise). It is
                replaced atomically; when no response arrived at all it is left as it was.
            on_request: Called after each request is answered (or given up), for progress.
            allow_unsafe: Send requests that may change data too (the caller checked the
                host); each of them is sent once, never retried.

        Returns:
            One outcome per request, in the same order.

        Raises:
            UsageError: A request uses a method other than GET/HEAD without ``safe=True``;
                raised before anything is sent.
            SeamguardError: The token survived scrubbing (nothing is written then).
        """
        for request in requests:
            self.check(request, allow_unsafe=allow_unsafe)
        outcomes = []
        with self.session(cassette) as send:
            for request in requests:
                outcomes.append(send(request))
                if on_request is not None:
                    on_request(request)
        return outcomes

    def check(self, request: LiveRequest, *, allow_unsafe: bool = False) -> None:
        """Refuse a request that may change data (unless allowed) or lacks its credentials."""
        if request.operation is not None:
            self._check_gateway(request, allow_unsafe)
        elif self.changes_data(request) and not allow_unsafe:
            raise UsageError(
                f"{request.label}: {request.method.upper()} may change data on {self.platform}",
                hint="live drift runs send GET and HEAD only; pass safe=True if the request "
                "is known to change nothing",
            )

    def changes_data(self, request: LiveRequest) -> bool:
        """May this request change data? (Not marked ``safe``, not GET/HEAD, and for a gateway
        not among the operations the wire profile lists as read-only.)"""
        if request.safe:
            return False
        if request.operation is not None:
            return not is_read_only(self.settings.wire, request.operation)
        return request.method.upper() not in READ_ONLY_METHODS

    @contextmanager
    def session(self, cassette: Path) -> Iterator[Callable[[LiveRequest], FetchOutcome]]:
        """Record everything sent through the yielded function into ``cassette`` (written
        atomically when the block ends without an error; left as it was when nothing was
        answered). The function sends one request (retried unless it may change data)."""
        cassette.parent.mkdir(parents=True, exist_ok=True)
        scratch = cassette.with_name(f".{cassette.name}.{uuid.uuid4().hex}.tmp")
        try:
            with self._recording(scratch, json_format=cassette.suffix == ".json"), \
                    self._client() as client:
                yield partial(self._fetch_one, client)
            if scratch.exists():  # vcrpy writes nothing when nothing was recorded
                self._check_no_token(scratch, cassette)
                os.replace(scratch, cassette)
        finally:
            scratch.unlink(missing_ok=True)

    def recorded_request(self, request: LiveRequest) -> Any:
        """``request`` as a cassette would keep it (a vcrpy request: under ``base_url``,
        scrubbed, signed again), without sending it — for matching against recordings."""
        from vcr.request import Request as VcrRequest

        method, path, options = self._arguments(request)
        headers = httpx.Headers(self._headers)
        headers.update(options.pop("headers"))
        built = httpx.Request(method, self.send_base + path, headers=headers, **options)
        return self._record_request(VcrRequest(method, str(built.url), built.read() or None,
                                               dict(built.headers)))

    def _check_gateway(self, request: LiveRequest, allow_unsafe: bool) -> None:
        wire = self.settings.wire
        operation = request.operation or ""
        if wire.operation is None:
            raise UsageError(f"{request.label}: {self.platform} is routed by path, so a live "
                             "request names a `path`, not an `operation`")
        if self.changes_data(request) and not allow_unsafe:
            patterns = ", ".join(wire.request.read_only) or "none"
            raise UsageError(
                f"{request.label}: {operation} is not among the operations {self.platform}'s "
                f"wire profile lists as read-only ({patterns}) and may change data",
                hint="live drift runs call read-only operations; set safe = true on the "
                     "request if it is known to change nothing")
        missing = [name for name in (*self.settings.credentials.values(),
                                     *([self.settings.secret_env] if self.settings.secret_env
                                       else [])) if not self._env.get(name, "").strip()]
        if missing:
            raise UsageError(
                f"live calls to {self.platform} need {', '.join('$' + m for m in missing)}",
                pointer=f"tool.seamguard.platforms.{self.platform}",
                hint=f"export {missing[0]}=... before running the job")

    # --- recording ------------------------------------------------------------------------

    def _record_request(self, request: Any) -> Any:
        """The before-record hook: under ``base_url``, scrubbed, signed again."""
        if self._request_hook is None:
            self._request_hook = self._gateway_hook(self._scrubber.request_hook())
        if self.send_base != self.base_url and request.uri.startswith(self.send_base):
            request.uri = self.base_url + request.uri[len(self.send_base):]
            if "host" in request.headers:  # the host the cassette names, not the sandbox's
                request.headers["host"] = httpx.URL(self.base_url).netloc.decode("ascii")
        return self._request_hook(request)

    def _rebase_response(self, response: dict[str, Any]) -> dict[str, Any]:
        """Links to where the call was sent (``next`` pages, ``Location``) as under
        ``base_url``, like the recorded request."""
        if self.send_base == self.base_url:
            return response
        old, new = self.send_base, self.base_url
        headers = {name: [str(v).replace(old, new) for v in values] if isinstance(values, list)
                   else values for name, values in (response.get("headers") or {}).items()}
        body = response.get("body")
        text = body.get("string") if isinstance(body, Mapping) else None
        if isinstance(text, str) and old in text:
            text = text.replace(old, new)
            size = len(text.encode("utf-8"))
        elif isinstance(text, bytes) and old.encode() in text:
            text = text.replace(old.encode(), new.encode())
            size = len(text)
        else:
            return {**response, "headers": headers}
        for name in headers:
            if name.lower() == "content-length":
                headers[name] = [str(size)]
        return {**response, "headers": headers, "body": {**dict(body or {}), "string": text}}

    @contextmanager
    def _recording(self, path: Path, *, json_format: bool) -> Iterator[None]:
        scrub_request = self._record_request
        scrub_response = self._scrubber.response_hook()

        def record_response(response: dict[str, Any]) -> dict[str, Any] | None:
            # Retried attempts are noise for drift profiling; a custom transport that delegates
            # to a patched httpx transport would also be seen twice, so keep the first only.
            if self._recorded_attempt or not self._ends_request(response):
                return None
            self._recorded_attempt = True
            return self._rebase_response(scrub_response(response))

        recorder = vcr.VCR(
            before_record_request=scrub_request,
            before_record_response=record_response,
            # The scrubbing hook undoes gzip/deflate/br itself, bounded; vcrpy's decoding is not.
            decode_compressed_response=False,
            record_mode="all",
        )
        recorder.register_serializer("seamguard-yaml", ReadableYaml)
        serializer = "json" if json_format else "seamguard-yaml"
        with recorder.use_cassette(str(path), serializer=serializer):
            yield

    def _gateway_hook(self, scrub: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """Scrub a gateway request, then sign it again over what the cassette keeps."""
        signing = self.settings.wire.signing
        secret = self._env.get(self.settings.secret_env or "", "").strip()
        if signing is None or not secret or self.settings.wire.operation is None:
            return scrub

        def hook(request: Any) -> Any:
            request = scrub(request)
            body = request.body
            text = body.decode("utf-8") if isinstance(body, bytes) else body
            content_type = str({k.lower(): v for k, v in request.headers.items()}.get(
                "content-type", ""))
            form = text if text and is_form(content_type) else None
            uri, form = resign_recorded(signing, secret, request.uri, form)
            request.uri = uri
            if form is not None:
                request.body = form.encode("utf-8")
            return request

        return hook

    def _ends_request(self, response: Mapping[str, Any]) -> bool:
        status = response.get("status") or {}
        code = status.get("code") if isinstance(status, Mapping) else None
        return self._final_attempt or not retryable_status(code)

    def _check_no_token(self, scratch: Path, cassette: Path) -> None:
        if self._token and self._token in scratch.read_text("utf-8", errors="replace"):
            raise SeamguardError(
                f"the ${self._token_env} token survived scrubbing; {cassette} was not written"
            )

    def _client(self) -> httpx.Client:
        # Bounded (deadline, size cap, no cookie jar) underneath vcrpy's recording layer.
        return bounded_client(self.limits, transport=self._transport, recordable=True,
                              base_url=self.send_base, headers=self._headers)

    # --- one request ----------------------------------------------------------------------

    def _fetch_one(self, client: httpx.Client, request: LiveRequest) -> FetchOutcome:
        method = request.method.upper()
        # A request that may change data is sent once: a retry could create an order twice.
        attempts = 1 if self.changes_data(request) else self.retries
        if self.left() == 0.0:
            return FetchOutcome(request, None, "not sent: the run's deadline had passed", 0)
        for attempt in range(1, attempts + 1):
            self._final_attempt = attempt == attempts
            self._recorded_attempt = False
            try:
                response = self._send(client, request)
            except _RetryableError as problem:
                delay = self._delay(attempt)
                if self._final_attempt or not self._may_wait(delay):
                    return FetchOutcome(request, None, str(problem), attempt)
                self._sleep(delay)
                continue
            except _FatalTransportError as problem:
                return FetchOutcome(request, None, str(problem), attempt)
            retry_after = (response.headers.get("Retry-After")
                           if response.status_code in (429, 503) else None)
            if retryable_status(response.status_code) and not self._final_attempt:
                wait, too_long = self._wait_for(response, attempt)
                if too_long is None:
                    self._sleep(wait)
                    continue
                # Not recorded (only a request's last answer is): said, never waited for.
                return FetchOutcome(request, response.status_code,
                                    f"{_status(response)}: {too_long}", attempt,
                                    retry_after=retry_after)
            said = self._problem(method, response)
            if said is not None and retry_after:
                said += f" (Retry-After: {retry_after})"
            # A server still asking to come back is throttling; a 503 is failing.
            throttled = said is not None and response.status_code == 429
            return FetchOutcome(request, response.status_code, said, attempt, response,
                                retry_after=retry_after if throttled else None)
        raise AssertionError("unreachable: the last attempt always returns")  # pragma: no cover

    def left(self) -> float | None:
        """Seconds left before the run's deadline (None: no deadline)."""
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - self.clock())

    def _may_wait(self, seconds: float) -> bool:
        left = self.left()
        return left is None or seconds < left

    def _arguments(self, request: LiveRequest) -> tuple[str, str, dict[str, Any]]:
        """Method, path and the other arguments of ``httpx.Client.request`` for ``request``."""
        if request.operation is not None:
            call = self._gateway_call(request)
            return call.method, _join(call.path), {
                "params": call.query, "data": call.form, "json": call.json_body,
                "headers": dict(request.headers)}
        params = (dict(request.params) if isinstance(request.params, Mapping)
                  else list(request.params))
        return request.method.upper(), _join(request.path), {
            "params": params, "content": request.body, "headers": dict(request.headers)}

    def _send(self, client: httpx.Client, request: LiveRequest) -> httpx.Response:
        try:
            method, path, options = self._arguments(request)
            return client.request(method, path, **options)
        except DeadlineExceeded as exc:
            raise _RetryableError(str(exc)) from exc
        except httpx.TimeoutException as exc:
            if "TLS handshake" in str(exc):  # net.py says what the handshake met
                raise _FatalTransportError(f"TLS error: {exc}") from exc
            raise _RetryableError(f"timed out after {self.timeout:g} s") from exc
        except httpx.ConnectError as exc:
            if is_tls(exc):
                # A certificate problem does not fix itself within seconds; fail at once.
                raise _FatalTransportError(f"TLS error: {exc}") from exc
            if is_refused(exc):
                raise _RetryableError("connection refused") from exc
            raise _RetryableError(f"could not connect: {exc}") from exc
        except httpx.RemoteProtocolError as exc:
            if str(exc) == PLAIN_TO_TLS:
                raise _FatalTransportError(f"TLS error: {exc}") from exc
            raise _RetryableError(
                f"response cut off: the connection closed before the whole body arrived ({exc})"
            ) from exc
        except (ResponseTooLarge, httpx.DecodingError) as exc:
            raise _FatalTransportError(str(exc)) from exc
        except httpx.TransportError as exc:
            raise _FatalTransportError(f"transport error: {exc}") from exc

    def _gateway_call(self, request: LiveRequest) -> GatewayCall:
        """The signed call, built anew per attempt (a fresh time stamp and request id)."""
        credentials = {param: self._env.get(name, "").strip()
                       for param, name in self.settings.credentials.items()}
        secret = self._env.get(self.settings.secret_env or "", "").strip() or None
        return build_call(self.settings.wire, request.operation or "", dict(request.params),
                          credentials=credentials, secret=secret, now=self._now())

    def _delay(self, attempt: int) -> float:
        return float(self.backoff * 2 ** (attempt - 1))

    def _wait_for(self, response: httpx.Response, attempt: int) -> tuple[float, str | None]:
        """How long to wait before the next attempt, and why not to (None: wait)."""
        # RFC 9110 allows Retry-After on 503 as well; both mean "come back later".
        header = response.headers.get("Retry-After")
        wait = (retry_after_seconds(header, time.time())
                if response.status_code in (429, 503) else None)
        if wait is None:
            wait = self._delay(attempt)
            return wait, None if self._may_wait(wait) else (
                f"the {wait:g} s backoff would outlast the run's deadline")
        # Never longer than a whole request may take ([tool.seamguard.network] deadline), nor
        # than the run has left: a server asking for minutes would otherwise hold the job.
        cap = min(self.max_retry_after, self.limits.deadline)
        left = self.left()
        asked = f"the server asks to come back after Retry-After: {(header or '').strip()[:64]}"
        if wait > cap:
            return wait, (f"{asked} ({wait:.0f} s), longer than the {cap:g} s a request may "
                          "wait, so it was not waited for")
        if left is not None and wait >= left:
            return wait, (f"{asked} ({wait:.0f} s), but the run's deadline is {left:.0f} s "
                          "away, so it was not waited for")
        return wait, None

    def _problem(self, method: str, response: httpx.Response) -> str | None:
        """A readable description of what is wrong with a final response, or None."""
        return answer_problem(method, response, self.platform, self._token_env,
                              self._scrubber.url)


# --- helpers --------------------------------------------------------------------------------


def _status(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".rstrip()


def _join(path: str) -> str:
    # httpx merges a relative URL onto base_url's path; a leading "/" is kept as a separator.
    return path if path.startswith("/") else f"/{path}"
