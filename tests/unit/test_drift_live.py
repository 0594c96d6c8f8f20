"""The live fetcher: retries, readable errors, and scrubbed, atomic cassette recording."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import respx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from seamguard.drift.live import FetchOutcome, LiveFetcher, LiveRequest, retry_after_seconds
from seamguard.errors import UsageError
from seamguard.project import AuthSettings, PlatformSettings
from seamguard.recordings.cassettes import read_cassette
from tests.support.servers import serve

TOKEN = "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"
ENV = {"SHOPIFY_ACCESS_TOKEN": TOKEN}
BASE = "https://shop.example.com/admin/api/{version}"
ORDERS = "https://shop.example.com/admin/api/2024-07/orders.json"


def _settings(base_url: str = BASE, header: str = "X-Shopify-Access-Token",
              scheme: str | None = None) -> PlatformSettings:
    return PlatformSettings(
        versions=["2024-07"], base_url=base_url,
        auth=AuthSettings(header=header, env="SHOPIFY_ACCESS_TOKEN", scheme=scheme),
    )


class _Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def sleeps() -> _Sleeps:
    return _Sleeps()


def _fetcher(sleeps: _Sleeps, **kwargs: object) -> LiveFetcher:
    return LiveFetcher("shopify", _settings(), "2024-07", env=ENV, sleep=sleeps,
                       **kwargs)  # type: ignore[arg-type]


def _one(fetcher: LiveFetcher, tmp_path: Path, request: LiveRequest | None = None) -> FetchOutcome:
    outcomes = fetcher.fetch([request or LiveRequest(path="/orders.json")],
                             tmp_path / "live.yaml")
    assert len(outcomes) == 1
    return outcomes[0]


def _read(path: Path) -> list[tuple[str, int]]:
    cassette = read_cassette(path, display=path.name, max_bytes=1 << 20)
    return [(i.uri, i.status) for i in cassette.interactions]


# --- a real server on 127.0.0.1 ---------------------------------------------------------------


def _app() -> Starlette:
    def authorised(request: Request) -> bool:
        return request.headers.get("x-shopify-access-token") == TOKEN

    async def orders(request: Request) -> Response:
        if not authorised(request):
            return JSONResponse({"errors": "Invalid API key or access token"}, status_code=401)
        limit = int(request.query_params.get("limit", "2"))
        order = {"id": 1001, "email": "zhangwei@example.com", "note": f"token {TOKEN}"}
        return JSONResponse({"orders": [order] * limit})

    async def customer(request: Request) -> Response:
        if not authorised(request):
            return JSONResponse({"errors": "unauthorised"}, status_code=401)
        return JSONResponse({"customer": {"id": 7, "phone": "+8613812345678",
                                          "first_name": "伟", "last_name": "张"}})

    return Starlette(routes=[
        Route("/admin/api/{version}/orders.json", orders),
        Route("/admin/api/{version}/customers/7.json", customer),
    ])


@pytest.fixture
def server() -> Iterator[str]:
    with serve(_app()) as origin:
        yield origin


def test_real_server_two_gets_are_recorded_scrubbed(server: str, tmp_path: Path) -> None:
    settings = _settings(base_url=server + "/admin/api/{version}")
    fetcher = LiveFetcher("shopify", settings, "2024-07", env=ENV)
    cassette = tmp_path / "nightly" / "shopify.yaml"
    outcomes = fetcher.fetch([
        LiveRequest(path="/orders.json", params={"limit": "2"}),
        LiveRequest(path="customers/7.json", name="one customer"),
    ], cassette)
    assert [(o.status, o.error, o.attempts) for o in outcomes] == [(200, None, 1)] * 2
    assert _read(cassette) == [
        (f"{server}/admin/api/2024-07/orders.json?limit=2", 200),
        (f"{server}/admin/api/2024-07/customers/7.json", 200),
    ]
    text = cassette.read_text("utf-8")
    assert TOKEN not in text
    assert "zhangwei@" not in text
    assert "+86138****5678" in text
    assert "x-shopify-access-token:\n      - <redacted>" in text  # kept, value redacted
    assert [p.name for p in cassette.parent.iterdir()] == ["shopify.yaml"]  # no scratch left


def test_real_server_refused_connection(tmp_path: Path, sleeps: _Sleeps) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    settings = _settings(base_url=f"http://127.0.0.1:{port}")
    fetcher = LiveFetcher("shopify", settings, "2024-07", env=ENV, sleep=sleeps, retries=2)
    outcome = _one(fetcher, tmp_path)
    assert (outcome.status, outcome.error, outcome.attempts) == (None, "connection refused", 2)
    assert not (tmp_path / "live.yaml").exists()


class _CutOffHandler(BaseHTTPRequestHandler):
    """Promises 100 bytes of JSON, sends 20 and hangs up."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "100")
        self.end_headers()
        self.wfile.write(b'{"orders": [{"id": 1')
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


def test_real_server_cut_off_body(tmp_path: Path, sleeps: _Sleeps) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _CutOffHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        settings = _settings(base_url=f"http://127.0.0.1:{httpd.server_address[1]}")
        fetcher = LiveFetcher("shopify", settings, "2024-07", env=ENV, sleep=sleeps, retries=2)
        outcome = _one(fetcher, tmp_path)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert outcome.error is not None
    assert outcome.error.startswith("response cut off: the connection closed before")
    assert (outcome.status, outcome.attempts) == (None, 2)


# --- fault cases with respx -------------------------------------------------------------------


@respx.mock
def test_timeout_then_success_is_retried(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.get(ORDERS).mock(side_effect=[httpx.ReadTimeout("slow"),
                                        httpx.Response(200, json={"orders": []})])
    outcome = _one(_fetcher(sleeps), tmp_path)
    assert (outcome.status, outcome.error, outcome.attempts) == (200, None, 2)
    assert sleeps.calls == [0.5]
    assert _read(tmp_path / "live.yaml") == [(ORDERS, 200)]


@respx.mock
def test_timeout_every_time_is_readable(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.get(ORDERS).mock(side_effect=httpx.ConnectTimeout("slow"))
    outcome = _one(_fetcher(sleeps), tmp_path)
    assert (outcome.error, outcome.attempts) == ("timed out after 10 s", 3)
    assert sleeps.calls == [0.5, 1.0]


@respx.mock
def test_429_honours_retry_after(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.get(ORDERS).mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "2"}, json={"errors": "slow down"}),
        httpx.Response(200, json={"orders": []}),
    ])
    outcome = _one(_fetcher(sleeps), tmp_path)
    assert (outcome.status, outcome.error, outcome.attempts) == (200, None, 2)
    assert sleeps.calls == [2.0]
    assert _read(tmp_path / "live.yaml") == [(ORDERS, 200)]  # only the final response


@respx.mock
def test_a_retry_after_longer_than_the_cap_is_not_waited_for(tmp_path: Path,
                                                             sleeps: _Sleeps) -> None:
    respx.get(ORDERS).mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "3600"}),
        httpx.Response(200, json={}),
    ])
    outcome = _one(_fetcher(sleeps, max_retry_after=30.0), tmp_path)
    assert sleeps.calls == []
    assert (outcome.status, outcome.attempts, outcome.retry_after) == (429, 1, "3600")
    assert outcome.error is not None
    assert "Retry-After: 3600 (3600 s)" in outcome.error


@respx.mock
def test_retry_after_is_never_longer_than_the_request_deadline(tmp_path: Path,
                                                               sleeps: _Sleeps) -> None:
    # A server asking to come back in eleven days must not hold the nightly job: no wait is
    # longer than a whole request may take, and a longer one is said, not waited for.
    from seamguard.net import NetworkLimits

    respx.get(ORDERS).mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "999999"}),
        httpx.Response(200, json={}),
    ])
    outcome = _one(_fetcher(sleeps, limits=NetworkLimits(deadline=2.0)), tmp_path)
    assert sleeps.calls == []
    assert (outcome.status, outcome.attempts, outcome.retry_after) == (429, 1, "999999")
    assert outcome.error is not None
    assert "longer than the 2 s a request may wait" in outcome.error


@respx.mock
def test_no_wait_outlasts_the_runs_deadline(tmp_path: Path, sleeps: _Sleeps) -> None:
    now = [100.0]
    respx.get(ORDERS).mock(side_effect=[
        httpx.Response(503, headers={"Retry-After": "8"}),
        httpx.Response(200, json={}),
    ])
    fetcher = _fetcher(sleeps, deadline=105.0, clock=lambda: now[0])
    outcome = _one(fetcher, tmp_path)
    assert sleeps.calls == []  # 8 s asked, 5 s left
    assert outcome.error is not None
    assert "deadline is 5 s away" in outcome.error
    now[0] = 106.0
    late = _one(fetcher, tmp_path)
    assert (late.status, late.attempts, late.error) == (
        None, 0, "not sent: the run's deadline had passed")


def test_retry_after_http_date() -> None:
    now = datetime(2024, 7, 14, 3, 20, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=7), usegmt=True)
    assert retry_after_seconds(later, now.timestamp()) == pytest.approx(7.0)
    assert retry_after_seconds("Sun, 01 Jan 2023 00:00:00 GMT", now.timestamp()) == 0.0
    assert retry_after_seconds("soon", now.timestamp()) is None
    assert retry_after_seconds(None, now.timestamp()) is None


@respx.mock
def test_5xx_gives_up_after_retries(tmp_path: Path, sleeps: _Sleeps) -> None:
    route = respx.get(ORDERS).mock(return_value=httpx.Response(503, json={"errors": "down"}))
    outcome = _one(_fetcher(sleeps), tmp_path)
    assert (outcome.status, outcome.error, outcome.attempts) == (503, "503 Service Unavailable", 3)
    assert route.call_count == 3
    assert sleeps.calls == [0.5, 1.0]
    assert _read(tmp_path / "live.yaml") == [(ORDERS, 503)]  # the last attempt is recorded


@respx.mock
def test_401_is_not_retried_and_names_the_variable(tmp_path: Path, sleeps: _Sleeps) -> None:
    route = respx.get(ORDERS).mock(return_value=httpx.Response(401, json={"errors": "no"}))
    outcome = _one(_fetcher(sleeps), tmp_path)
    assert outcome.error == "401 Unauthorized: check the token in $SHOPIFY_ACCESS_TOKEN"
    assert (outcome.attempts, route.call_count, sleeps.calls) == (1, 1, [])


@respx.mock
def test_404_is_not_retried(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.get(ORDERS).mock(return_value=httpx.Response(404, json={"errors": "Not Found"}))
    outcome = _one(_fetcher(sleeps), tmp_path)
    assert (outcome.status, outcome.error, outcome.attempts) == (404, "404 Not Found", 1)


@respx.mock
def test_html_page_where_json_was_expected(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.get(ORDERS).mock(return_value=httpx.Response(
        200, headers={"Content-Type": "text/html; charset=utf-8"},
        content=b"<html><body>Please log in</body></html>"))
    outcome = _one(_fetcher(sleeps), tmp_path)
    assert (outcome.status, outcome.error) == (200, "HTML error page where JSON was expected")


@respx.mock
def test_truncated_json_is_readable(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.get(ORDERS).mock(return_value=httpx.Response(
        200, headers={"Content-Type": "application/json"}, content=b'{"orders": [{"id": 1'))
    outcome = _one(_fetcher(sleeps), tmp_path)
    assert outcome.error == "JSON body is truncated: it ends after 20 bytes"


@respx.mock
def test_tls_error_is_readable_and_not_retried(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.get(ORDERS).mock(side_effect=httpx.ConnectError(
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"))
    outcome = _one(_fetcher(sleeps), tmp_path)
    assert outcome.error is not None
    assert outcome.error.startswith("TLS error: [SSL: CERTIFICATE_VERIFY_FAILED]")
    assert (outcome.status, outcome.attempts) == (None, 1)
    assert not (tmp_path / "live.yaml").exists()  # nothing arrived, nothing replaced


@respx.mock
def test_connect_error_is_retried(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.get(ORDERS).mock(side_effect=[httpx.ConnectError("[Errno 111] Connection refused"),
                                        httpx.Response(200, json={})])
    outcome = _one(_fetcher(sleeps), tmp_path)
    assert (outcome.status, outcome.error, outcome.attempts) == (200, None, 2)


@respx.mock
def test_503_retry_after_is_honoured(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.get(ORDERS).mock(side_effect=[
        httpx.Response(503, headers={"Retry-After": "5"}), httpx.Response(200, json={})])
    _one(_fetcher(sleeps), tmp_path)
    assert sleeps.calls == [5.0]


@respx.mock
def test_redirect_is_reported_not_followed(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.get(ORDERS).mock(return_value=httpx.Response(
        301, headers={"Location": "https://moved.example.com/orders.json?access_token=abc"}))
    outcome = _one(_fetcher(sleeps), tmp_path)
    assert outcome.error == (
        "301 Moved Permanently: redirected to "
        "https://moved.example.com/orders.json?access_token=<redacted>"
    )


@respx.mock
def test_head_needs_no_body(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.head(ORDERS).mock(return_value=httpx.Response(200))
    outcome = _one(_fetcher(sleeps), tmp_path, LiveRequest(method="head", path="/orders.json"))
    assert (outcome.status, outcome.error) == (200, None)


# --- injected transports ----------------------------------------------------------------------


class _EchoTransport(httpx.BaseTransport):
    """A custom transport, which vcrpy does not patch: it echoes the token back."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        token = request.headers["authorization"].split()[-1]
        return httpx.Response(200, json={"seen": token, "email": "lina@example.com"})


@pytest.mark.parametrize("transport", [
    pytest.param(_EchoTransport(), id="custom"),
    pytest.param(httpx.MockTransport(_EchoTransport().handle_request), id="mock"),
])
def test_injected_transport_is_recorded_once(
    transport: httpx.BaseTransport, tmp_path: Path, sleeps: _Sleeps
) -> None:
    settings = _settings(header="Authorization", scheme="Bearer")
    fetcher = LiveFetcher("shopify", settings, "2024-07", env=ENV, sleep=sleeps,
                          transport=transport)
    cassette = tmp_path / "live.json"
    outcome = fetcher.fetch([LiveRequest(path="/orders.json")], cassette)[0]
    assert (outcome.status, outcome.error) == (200, None)
    assert _read(cassette) == [(ORDERS, 200)]
    text = cassette.read_text("utf-8")
    assert TOKEN not in text
    assert "Bearer <redacted>" in text
    assert "lina@" not in text


def test_custom_header_token_never_recorded(tmp_path: Path, sleeps: _Sleeps) -> None:
    token = "plain-token-without-a-known-shape-1234"
    settings = _settings(header="X-Custom-Key")

    def echo(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"echo": request.headers["x-custom-key"]},
                              headers={"X-Echo": request.headers["x-custom-key"]})

    fetcher = LiveFetcher("shopify", settings, "2024-07", sleep=sleeps,
                          env={"SHOPIFY_ACCESS_TOKEN": token},
                          transport=httpx.MockTransport(echo))
    cassette = tmp_path / "live.yaml"
    fetcher.fetch([LiveRequest(path="/orders.json")], cassette)
    assert token not in cassette.read_text("utf-8")


def test_existing_cassette_is_replaced_whole(tmp_path: Path, sleeps: _Sleeps) -> None:
    cassette = tmp_path / "live.yaml"
    cassette.write_text("interactions: []\nversion: 1\n")
    fetcher = LiveFetcher("shopify", _settings(), "2024-07", env=ENV, sleep=sleeps,
                          transport=httpx.MockTransport(lambda _: httpx.Response(200, json={})))
    fetcher.fetch([LiveRequest(path="/a.json"), LiveRequest(path="/b.json")], cassette)
    assert [uri.rsplit("/", 1)[1] for uri, _ in _read(cassette)] == ["a.json", "b.json"]


def test_crash_leaves_the_old_cassette_alone(tmp_path: Path, sleeps: _Sleeps) -> None:
    cassette = tmp_path / "live.yaml"
    cassette.write_text("interactions: []\nversion: 1\n")
    calls = iter([httpx.Response(200, json={"first": True})])

    def handler(_: httpx.Request) -> httpx.Response:
        try:
            return next(calls)
        except StopIteration:
            raise RuntimeError("bug in the middle of a run") from None

    fetcher = LiveFetcher("shopify", _settings(), "2024-07", env=ENV, sleep=sleeps,
                          transport=httpx.MockTransport(handler))
    with pytest.raises(RuntimeError, match="bug in the middle"):
        fetcher.fetch([LiveRequest(path="/a.json"), LiveRequest(path="/b.json")], cassette)
    assert cassette.read_text() == "interactions: []\nversion: 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["live.yaml"]


# --- usage errors -----------------------------------------------------------------------------


@respx.mock
def test_unsafe_method_is_refused_before_sending(tmp_path: Path, sleeps: _Sleeps) -> None:
    route = respx.route(host="shop.example.com").mock(return_value=httpx.Response(200, json={}))
    fetcher = _fetcher(sleeps)
    with pytest.raises(UsageError, match="POST may change data"):
        fetcher.fetch([LiveRequest(path="/orders.json"),
                       LiveRequest(method="post", path="/orders.json")], tmp_path / "x.yaml")
    assert route.call_count == 0
    assert not list(tmp_path.iterdir())


@respx.mock
def test_unsafe_method_with_opt_in_is_sent(tmp_path: Path, sleeps: _Sleeps) -> None:
    respx.post(ORDERS).mock(return_value=httpx.Response(200, json={}))
    outcome = _one(_fetcher(sleeps), tmp_path,
                   LiveRequest(method="POST", path="/orders.json", safe=True))
    assert (outcome.status, outcome.error) == (200, None)


@pytest.mark.parametrize("env", [{}, {"SHOPIFY_ACCESS_TOKEN": "  "}])
def test_missing_token_names_the_variable(env: dict[str, str]) -> None:
    with pytest.raises(UsageError, match=r"\$SHOPIFY_ACCESS_TOKEN is not set"):
        LiveFetcher("shopify", _settings(), "2024-07", env=env)


def test_no_auth_needs_no_variable(tmp_path: Path, sleeps: _Sleeps) -> None:
    settings = PlatformSettings(versions=["v1"], base_url="https://api.example.com/{version}")
    fetcher = LiveFetcher("open", settings, "v1", env={}, sleep=sleeps,
                          transport=httpx.MockTransport(lambda _: httpx.Response(401)))
    outcome = fetcher.fetch([LiveRequest(path="/x")], tmp_path / "c.yaml")[0]
    assert outcome.error == "401 Unauthorized: open wants credentials; add auth to its settings"


def test_a_json_answer_in_its_declared_chinese_charset_is_json() -> None:
    from seamguard.drift.live_answers import json_problem

    body = '{"receiver_name": "王小明", "memo": "顺丰"}'.encode("gbk")
    assert json_problem(body, "application/json", "application/json; charset=GBK") is None
    # under no charset it is read in the charset found (the recording's verification says
    # body.charset-undeclared); bytes in no charset at all are still no JSON
    assert json_problem(body, "application/json", "application/json") is None
    assert json_problem(b'{"memo": "\xff\xfe\xff"}', "application/json",
                        "application/json") == "body is not UTF-8 text where JSON was expected"
    assert json_problem(body, "application/json", "application/json; charset=UTF-8") == (
        "body is not UTF-8 text where JSON was expected")


def test_a_json_answer_after_a_byte_order_mark_is_json() -> None:
    from seamguard.drift.live_answers import json_problem

    body = '\ufeff{"memo": "顺丰"}'.encode()
    assert json_problem(body, "application/json", "application/json") is None
    assert json_problem(b"\xef\xbb\xbf{nope", "application/json") is not None
