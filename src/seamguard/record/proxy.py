"""``seamguard record --proxy``: a local reverse proxy that records what a client sends.

Point the client at the proxy instead of the platform (replace the scheme, host and port of its
base URL with ``http://127.0.0.1:PORT``; or, for an ``http://`` upstream, set ``HTTP_PROXY``):
each request is forwarded to the platform's ``base_url`` (or ``--base-url``), the real answer
goes back to the client, and the interaction is recorded — through the same bounded, scrubbing
live client as a list of requests, one request at a time. The record mode applies per request:
in ``new`` and ``none`` a request the cassette already holds is answered from the cassette (its
scrubbed recording) without reaching the platform, as vcrpy plays episodes back; in ``none`` a
new one is answered 502. A request that may change data is answered 403 unless the upstream is
a sandbox or ``--allow-unsafe`` was given. The cassette is written when the proxy stops
(Ctrl-C, SIGTERM, or ``--stop-after N`` requests).
"""

from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from seamguard.checks import RunContext
    from seamguard.drift.live import FetchOutcome, LiveRequest
    from seamguard.record.check import Recorder
    from seamguard.record.episodes import Key

__all__ = ["parse_listen", "run_proxy"]

# Hop-by-hop headers (RFC 9110 section 7.6.1) and the ones the bounded client sets itself.
_HOP = frozenset({"connection", "keep-alive", "proxy-connection", "proxy-authenticate",
                  "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host",
                  "content-length", "accept-encoding", "content-encoding"})


def parse_listen(text: str) -> tuple[str, int]:
    """``HOST:PORT``, ``:PORT`` or ``PORT`` (host 127.0.0.1; port 0 picks a free one)."""
    host, sep, port = text.rpartition(":")
    if not sep:
        host, port = "", text
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit() or int(port) > 65535:
        raise UsageError(f"--proxy {text!r}: expected HOST:PORT or PORT",
                         hint="e.g. --proxy 127.0.0.1:8899 (port 0 picks a free one)")
    return host, int(port)


@dataclass
class _Exchange:
    request: LiveRequest
    key: Key
    outcome: FetchOutcome


@dataclass
class _Proxy:
    """The shared state of one proxy run: the recorder, what happened, when to stop."""

    context: RunContext
    recorder: Recorder
    stop: threading.Event
    lock: threading.Lock = field(default_factory=threading.Lock)
    exchanges: list[_Exchange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    handled: int = 0
    replayed: int = 0
    send: Any = None

    def handle(self, request: LiveRequest) -> tuple[int, list[tuple[str, str]], bytes]:
        """The answer to one client request (recorded, replayed or refused)."""
        from seamguard.record.episodes import episode_key

        recorder = self.recorder
        with self.lock:
            self.context.case(request.label)
            vcr_request = recorder.fetcher.recorded_request(request)
            key = episode_key(vcr_request.method, vcr_request.uri,
                              {k.lower(): v for k, v in vcr_request.headers.items()},
                              vcr_request.body, base_url=recorder.fetcher.base_url,
                              wire=recorder.settings.wire)
            try:
                return self._answer(request, key)
            finally:
                self.handled += 1
                stop_after = recorder.options.stop_after
                if stop_after is not None and self.handled >= stop_after:
                    self.stop.set()

    def _answer(self, request: LiveRequest,
                key: Key) -> tuple[int, list[tuple[str, str]], bytes]:
        from seamguard.record.check import answer_problem
        from seamguard.record.plan import PlannedRequest

        recorder = self.recorder
        if recorder.mode != "all":
            index = recorder.cassette.claim(key)
            if index is not None:
                self.replayed += 1
                self._say(f"{request.label} -> replayed from {recorder.cassette.display}")
                return _replay(recorder.cassette.interaction(index))
            if recorder.mode == "none":
                finding = recorder.missing(PlannedRequest(request, "the proxy"))
                return self._refuse(502, finding)
        if recorder.fetcher.changes_data(request):
            reason = recorder.refusal(request.label)
            if reason is not None:
                return self._refuse(403, Finding(
                    code="record.refused", severity=Severity.ERROR, check="record",
                    message=reason, location=recorder.where(operation=request.label),
                    case=request.label, hint=recorder.refusal_hint()))
        outcome = self.send(request)
        self.exchanges.append(_Exchange(request, key, outcome))
        problem = answer_problem(PlannedRequest(request, "the proxy"), outcome,
                                 recorder.fetcher.send_base,
                                 recorder.where(operation=request.label))
        if problem is not None:
            self.findings.append(problem)
        if outcome.response is None:
            self._say(f"{request.label} -> no answer: {outcome.error}")
            return _json(502, {"seamguard": problem.message if problem else "no answer"})
        response = outcome.response
        self._say(f"{request.label} -> {response.status_code} (recorded)")
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _HOP]
        return response.status_code, headers, response.content

    def _refuse(self, status: int,
                finding: Finding) -> tuple[int, list[tuple[str, str]], bytes]:
        self.findings.append(finding)
        self._say(f"{finding.location.operation} -> {status}: {finding.message}")
        return _json(status, {"seamguard": finding.message, "hint": finding.hint})

    def _say(self, text: str) -> None:
        if self.recorder.options.announce is not None:
            self.recorder.options.announce(text)


def _json(status: int, data: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return status, [("Content-Type", "application/json; charset=utf-8")], body


def _replay(interaction: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
    response = interaction.get("response") or {}
    status = int((response.get("status") or {}).get("code") or 200)
    headers: list[tuple[str, str]] = []
    for name, values in (response.get("headers") or {}).items():
        for value in values if isinstance(values, list) else [values]:
            if str(name).lower() not in _HOP:
                headers.append((str(name), str(value)))
    stored = (response.get("body") or {}).get("string") or b""
    if isinstance(stored, bytes):
        return status, headers, stored
    from seamguard.wire.requests import charset_of

    content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
    try:
        return status, headers, str(stored).encode(charset_of(content_type, "utf-8"))
    except (LookupError, UnicodeEncodeError):
        return status, headers, str(stored).encode("utf-8")


def _handler(proxy: _Proxy) -> type[BaseHTTPRequestHandler]:
    from seamguard.drift.live import LiveRequest
    from seamguard.wire.calls import is_read_only
    from seamguard.wire.requests import BodyProblem, Params

    recorder = proxy.recorder
    base = urlsplit(recorder.fetcher.send_base)
    origin = f"{base.scheme}://{base.netloc}"
    base_path = base.path.rstrip("/")
    wire = recorder.settings.wire
    limit = int(recorder.project.settings.max_body_mb * 1_048_576)

    class Handler(BaseHTTPRequestHandler):
        server_version = "seamguard-record"

        def log_message(self, format: str, *args: Any) -> None:
            return None  # the proxy says what it did itself (http.server logs raw URLs)

        def _any(self) -> None:
            try:
                answer = self._answer()
            except Exception as exc:  # a client must get an answer whatever went wrong
                proxy.findings.append(Finding(
                    code="record.proxy-error", severity=Severity.ERROR, check="record",
                    message=f"{self.command} {self.path.split('?')[0]}: {type(exc).__name__}: "
                            f"{exc}", location=Location(operation=self.command)))
                answer = _json(500, {"seamguard": f"{type(exc).__name__}: {exc}"})
            status, headers, body = answer
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _answer(self) -> tuple[int, list[tuple[str, str]], bytes]:
            target = self.path
            if target.startswith(("http://", "https://")):  # a forward-proxy request
                parts = urlsplit(target)
                if f"{parts.scheme}://{parts.netloc}" != origin:
                    return _json(502, {"seamguard": f"this proxy forwards to {origin} only"})
                target = parts.path + (f"?{parts.query}" if parts.query else "")
            path, _, query = target.partition("?")
            if base_path and not (path == base_path or path.startswith(base_path + "/")):
                return _json(404, {"seamguard": f"{path} is outside the platform's base path "
                                                f"{base_path}"})
            relative = path[len(base_path):] or "/"
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                return _json(411, {"seamguard": "send the body with a Content-Length"})
            length = int(self.headers.get("Content-Length") or 0)
            if length > limit:
                return _json(413, {"seamguard": f"request body over max_body_mb ({length} "
                                                "bytes)"})
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP}
            safe = False
            if wire.operation is not None and wire.gateway_path(relative) is not None:
                try:
                    operation = Params(f"{origin}{target}", {k.lower(): v for k, v in
                                                             headers.items()}, body,
                                       wire.charset).get(wire.operation)
                except BodyProblem:
                    operation = None
                safe = operation is not None and is_read_only(wire, operation)
            request = LiveRequest(method=self.command, path=relative, body=body, safe=safe,
                                  params=parse_qsl(query, keep_blank_values=True),
                                  headers=headers, name=f"{self.command} {path}")
            return proxy.handle(request)

        do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _any

    return Handler


def run_proxy(context: RunContext, recorder: Recorder) -> Iterator[Finding]:
    """Serve until stopped, then write the cassette; findings for what went wrong."""
    from seamguard.record.episodes import recorded_interactions

    options = recorder.options
    host, port = parse_listen(options.proxy or "")
    stop = options.stop or threading.Event()
    proxy = _Proxy(context, recorder, stop)
    try:
        server = ThreadingHTTPServer((host, port), _handler(proxy))
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}",
                         hint="choose another port with --proxy HOST:PORT (0 picks a free "
                              "one)") from None
    server.daemon_threads = True
    bound_host, bound_port = server.server_address[:2]
    if isinstance(bound_host, bytes):
        bound_host = bound_host.decode()
    listen = f"http://{bound_host}:{bound_port}"
    scratch = recorder.scratch()
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    new: list[dict[str, Any]] = []
    try:
        with recorder.fetcher.session(scratch) as send:
            proxy.send = send
            thread = threading.Thread(target=server.serve_forever,
                                      kwargs={"poll_interval": 0.1}, daemon=True)
            thread.start()
            if options.announce is not None:
                options.announce(
                    f"recording {options.platform}@{recorder.version} into "
                    f"{recorder.cassette.display} (mode {options.mode}): point the client at "
                    f"{listen}{urlsplit(recorder.fetcher.send_base).path} instead of "
                    f"{recorder.fetcher.send_base}; Ctrl-C ends the recording")
            try:
                while not stop.wait(0.2):
                    pass
            except KeyboardInterrupt:
                pass
            finally:
                server.shutdown()
                server.server_close()
                thread.join(timeout=10)
        new = recorded_interactions(scratch, display=recorder.cassette.display,
                                    max_bytes=recorder.max_bytes,
                                    max_depth=recorder.project.settings.max_depth)
    finally:
        scratch.unlink(missing_ok=True)
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    answered = [item for item in proxy.exchanges if item.outcome.status is not None]
    for item, interaction in zip(answered, new, strict=False):
        recorder.cassette.put(item.key, interaction, replace=recorder.mode == "all")
    if new:
        recorder.cassette.write()
    context.examined += proxy.handled
    yield from proxy.findings
    summary = recorder.summary(len(new), proxy.replayed, proxy.handled)
    yield Finding(code=summary.code, severity=summary.severity, check=summary.check,
                  message=f"proxy on {listen}: {proxy.handled} request(s); " + summary.message,
                  location=summary.location, hint=summary.hint)
