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

The parts: ``live_request`` (what a request is and what it ended with), ``live_retry`` (when a
request is sent again and how long the fetcher waits first), ``live_recording`` (the scrubbed
vcrpy cassette), ``live_answers`` (what an answer means), ``live_auth`` (the auth header).
"""

from __future__ import annotations

import dataclasses
import os
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import httpx

from seamguard.drift.live_answers import answer_problem, retry_after_seconds, retryable_status
from seamguard.drift.live_auth import auth_headers
from seamguard.drift.live_recording import CassetteRecorder
from seamguard.drift.live_request import (
    CLIENT_HEADERS,
    READ_ONLY_METHODS,
    FetchOutcome,
    LiveRequest,
    Sender,
)
from seamguard.drift.live_retry import (
    FatalTransportError,
    RetryableError,
    RetryPolicy,
    send_once,
)
from seamguard.errors import UsageError
from seamguard.net import NetworkLimits, bounded_client
from seamguard.privacy.detect import Kind
from seamguard.privacy.guard import mask_logs
from seamguard.privacy.http import TrafficScrubber
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.pseudonym import Pseudonymizer
from seamguard.project import PlatformSettings
from seamguard.wire.calls import GatewayCall, build_call, is_read_only

__all__ = ["FetchOutcome", "LiveFetcher", "LiveRequest", "auth_headers", "retry_after_seconds"]


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
            raise UsageError(f"retries must be at least 1, not {retries}",
                             hint="give 1 for a single attempt")
        self.platform = platform
        self.settings = settings
        self.version = version
        self.base_url = settings.base_url.replace("{version}", version)
        self.send_base = (send_to or settings.base_url).replace("{version}", version).rstrip("/")
        self.timeout = timeout
        self.limits = dataclasses.replace(limits or NetworkLimits(), timeout=timeout)
        self.policy = RetryPolicy(retries=retries, backoff=backoff,
                                  max_retry_after=max_retry_after,
                                  request_deadline=self.limits.deadline, deadline=deadline,
                                  clock=clock)
        self._transport = transport
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
        self._recorder = CassetteRecorder(
            settings, env, base_url=self.base_url, send_base=self.send_base,
            scrubber=self._scrubber, token=self._token, token_env=self._token_env)
        mask_logs()  # httpx and vcrpy log the URLs they send and record

    @property
    def deadline(self) -> float | None:
        """A ``clock`` time by which all fetching ends (None: none)."""
        return self.policy.deadline

    @property
    def clock(self) -> Callable[[], float]:
        """The monotonic clock ``deadline`` is read on."""
        return self.policy.clock

    @property
    def retries(self) -> int:
        """Attempts in all for a request that changes nothing."""
        return self.policy.retries

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
    def session(self, cassette: Path) -> Iterator[Sender]:
        """Record everything sent through the yielded function into ``cassette`` (written
        atomically when the block ends without an error; left as it was when nothing was
        answered). The function sends one request (retried unless it may change data); with
        ``record=False`` its answer is not kept (a check of the list, not an answer of it)."""
        cassette.parent.mkdir(parents=True, exist_ok=True)
        scratch = cassette.with_name(f".{cassette.name}.{uuid.uuid4().hex}.tmp")
        try:
            with self._recorder.recording(scratch, json_format=cassette.suffix == ".json"), \
                    self._client() as client:
                yield partial(self._fetch_one, client)
            if scratch.exists():  # vcrpy writes nothing when nothing was recorded
                self._recorder.check_no_token(scratch, cassette)
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
        return self._recorder.record_request(VcrRequest(
            method, str(built.url), built.read() or None, dict(built.headers)))

    def _check_gateway(self, request: LiveRequest, allow_unsafe: bool) -> None:
        wire = self.settings.wire
        operation = request.operation or ""
        if wire.operation is None:
            raise UsageError(f"{request.label}: {self.platform} is routed by path, so a live "
                             "request names a `path`, not an `operation`",
                             hint='write it as path = "/orders.json"; `operation` is for '
                                  "gateway platforms (a `protocol` other than rest)")
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

    def _client(self) -> httpx.Client:
        # Bounded (deadline, size cap, no cookie jar) underneath vcrpy's recording layer.
        return bounded_client(self.limits, transport=self._transport, recordable=True,
                              base_url=self.send_base, headers=self._headers)

    # --- one request ----------------------------------------------------------------------

    def _fetch_one(self, client: httpx.Client, request: LiveRequest, *,
                   record: bool = True) -> FetchOutcome:
        # A request that may change data is sent once: a retry could create an order twice.
        attempts = 1 if self.changes_data(request) else self.policy.retries
        if self.left() == 0.0:
            return FetchOutcome(request, None, "not sent: the run's deadline had passed", 0)
        for attempt in range(1, attempts + 1):
            final = attempt == attempts
            self._recorder.start_attempt(final=final, record=record)
            try:
                method, path, options = self._arguments(request)
                response = send_once(client, method, path, options, timeout=self.timeout,
                                     budget=self.policy.budget())
            except RetryableError as problem:
                delay = self.policy.delay(attempt)
                if final or not self.policy.may_wait(delay):
                    return FetchOutcome(request, None, str(problem), attempt)
                self._sleep(delay)
                continue
            except FatalTransportError as problem:
                return FetchOutcome(request, None, str(problem), attempt)
            retry_after = (response.headers.get("Retry-After")
                           if response.status_code in (429, 503) else None)
            if retryable_status(response.status_code) and not final:
                wait, too_long = self.policy.wait_for(response, attempt)
                if too_long is None:
                    self._sleep(wait)
                    continue
                # Not recorded (only a request's last answer is): said, never waited for.
                return FetchOutcome(request, response.status_code,
                                    f"{_status(response)}: {too_long}", attempt,
                                    retry_after=retry_after)
            said = self._problem(request.method.upper(), response)
            if said is not None and retry_after:
                said += f" (Retry-After: {retry_after})"
            # A server still asking to come back is throttling; a 503 is failing.
            throttled = said is not None and response.status_code == 429
            return FetchOutcome(request, response.status_code, said, attempt, response,
                                retry_after=retry_after if throttled else None)
        raise AssertionError("unreachable: the last attempt always returns")  # pragma: no cover

    def left(self) -> float | None:
        """Seconds left before the run's deadline (None: no deadline)."""
        return self.policy.left()

    def _arguments(self, request: LiveRequest) -> tuple[str, str, dict[str, Any]]:
        """Method, path and the other arguments of ``httpx.Client.request`` for ``request``."""
        if request.operation is not None:
            call = self._gateway_call(request)
            headers = dict(request.headers)
            if call.body is not None and call.content_type and not any(
                    name.lower() == "content-type" for name in headers):
                headers["Content-Type"] = call.content_type
            return call.method, _join(call.path), {
                "params": call.query, "data": call.form, "content": call.body,
                "headers": headers}
        params = (dict(request.params) if isinstance(request.params, Mapping)
                  else list(request.params))
        return request.method.upper(), _join(request.path), {
            "params": params, "content": request.body, "headers": dict(request.headers)}

    def _gateway_call(self, request: LiveRequest) -> GatewayCall:
        """The signed call, built anew per attempt (a fresh time stamp and request id)."""
        credentials = {param: self._env.get(name, "").strip()
                       for param, name in self.settings.credentials.items()}
        secret = self._env.get(self.settings.secret_env or "", "").strip() or None
        return build_call(self.settings.wire, request.operation or "", dict(request.params),
                          credentials=credentials, secret=secret, now=self._now(),
                          version=self.version, base_url=self.base_url)

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
