"""TLS spoken to a plain-HTTP port, and plain HTTP to a TLS port: said as such, never read as a
timeout or a bare reset."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator

import httpx
import pytest

from seamguard.drift.live_answers import json_problem
from seamguard.net import BoundedTransport, NetworkLimits, bounded_client, scheme_hint
from tests.support.hostile_servers import raw_server
from tests.support.tls_server import tls_server

LIMITS = NetworkLimits(timeout=2, deadline=10)


@pytest.fixture
def plain_origin() -> Iterator[str]:
    """A real plain-HTTP server (the standard library's), which answers a TLS hello with 400."""
    class Quiet(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def test_https_to_a_plain_server_that_answers_says_it_speaks_plain_http(
        plain_origin: str) -> None:
    with bounded_client(LIMITS) as client, pytest.raises(httpx.ConnectError) as raised:
        client.get(f"https://{plain_origin}/")
    assert "not TLS" in str(raised.value)
    assert "use http:// in base_url" in str(raised.value)


def test_https_to_a_plain_server_that_waits_is_a_handshake_without_answer() -> None:
    def wait(conn: socket.socket, server: object) -> None:
        pass  # never reached: the server waits for a request's blank line, TLS sends none

    with raw_server(wait) as server:
        limits = NetworkLimits(timeout=0.5, deadline=5)
        with bounded_client(limits) as client, pytest.raises(httpx.ConnectTimeout) as raised:
            client.get(server.origin.replace("http:", "https:") + "/")
    assert "TLS handshake got no answer" in str(raised.value)
    assert "use http:// in base_url" in str(raised.value)


def test_plain_http_to_a_tls_server_that_hangs_up_names_https() -> None:
    with tls_server() as origin, bounded_client(LIMITS) as client, \
            pytest.raises(httpx.TransportError) as raised:
        client.get(origin.replace("https:", "http:") + "/")
    assert "use https:// in base_url" in str(raised.value)


def test_plain_http_answered_with_a_tls_alert_names_https() -> None:
    def alert(conn: socket.socket, server: object) -> None:
        conn.sendall(b"\x15\x03\x01\x00\x02\x02\x46")

    with raw_server(alert) as server, bounded_client(LIMITS) as client, \
            pytest.raises(httpx.RemoteProtocolError) as raised:
        client.get(server.origin + "/")
    assert "TLS record where an HTTP status line belongs" in str(raised.value)


def test_a_tls_server_still_answers_over_tls() -> None:
    transport = BoundedTransport(NetworkLimits(), verify=False)  # a self-signed certificate
    with tls_server() as origin, bounded_client(NetworkLimits(), transport=transport) as client:
        assert client.get(origin + "/").json() == {}


@pytest.mark.parametrize(("url", "message", "says"), [
    ("https://127.0.0.1:1/", "[SSL: WRONG_VERSION_NUMBER] wrong version number", "use http://"),
    ("https://127.0.0.1:1/", "[SSL] record layer failure (_ssl.c:1006)", "use http://"),
    ("https://127.0.0.1:1/", "no complete answer within the 3 s deadline", "try http://"),
    ("http://127.0.0.1:1/", "('Connection aborted.', ConnectionResetError(104, 'Connection "
                            "reset by peer'))", "use https://"),
])
def test_requests_errors_name_the_scheme_to_use(url: str, message: str, says: str) -> None:
    hint = scheme_hint(url, message)
    assert hint is not None
    assert says in hint


@pytest.mark.parametrize(("url", "message"), [
    ("https://127.0.0.1:1/", "[Errno 111] Connection refused"),
    ("http://127.0.0.1:1/", "no complete answer within the 3 s deadline"),
    ("http://127.0.0.1:1/", "[SSL: WRONG_VERSION_NUMBER] wrong version number"),
])
def test_other_errors_say_nothing_of_the_scheme(url: str, message: str) -> None:
    assert scheme_hint(url, message) is None


def test_a_live_answer_naming_a_key_twice_is_a_problem() -> None:
    problem = json_problem(b'{"id": 1,\n "id": 2}', "application/json")
    assert problem is not None
    assert "appears twice" in problem
    assert "line 2 column 2" in problem
    assert json_problem(b'{"id": 1, "ids": "a:b"}', "application/json") is None
