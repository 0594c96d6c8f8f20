"""Network faults on 127.0.0.1 for ``hostile_fresh``: each against drift's live fetch, the
published-spec fetch, ``probe`` and ``record``."""

from __future__ import annotations

import json
import socket
import threading
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.support import hostile_servers as servers
from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, HELD, mini
from tests.support.projects import MINI_SETTINGS, good_order

ONE = frozenset({1})
_BODY = json.dumps({"order": good_order()}).encode()
_HISTORY = "reports/drift-history.sqlite"



# --- network ---------------------------------------------------------------------------------

def _send(raw: bytes) -> servers.Responder:
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(raw)
    return respond


def _head(status: str, *lines: str, version: str = "HTTP/1.1") -> bytes:
    return ("\r\n".join([f"{version} {status}".strip(), *lines]) + "\r\n\r\n").encode("latin-1")


_JSON = ("Content-Type: application/json", "X-Request-Id: r")
_CLOSE = "Connection: close"
_LEN = f"Content-Length: {len(_BODY)}"


def _good(*extra: str) -> bytes:
    return _head("200 OK", *_JSON, _LEN, _CLOSE, *extra) + _BODY


def _then_silence(raw: bytes) -> servers.Responder:
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(raw)
        server.stop.wait(120)
    return respond


def _zstd_rle_bomb(size: int = 1 << 30) -> bytes:
    """A zstd frame of RLE blocks: a few kB that decode to ``size`` zero bytes (written by hand,
    so no zstd library is needed to make it)."""
    block = (1 << 17) - 1
    parts = [b"\x28\xb5\x2f\xfd", b"\x00", b"\x58"]  # magic, descriptor: no size, window 1<<21
    left = size
    while left > 0:
        n = min(block, left)
        left -= n
        header = (n << 3) | (1 << 1) | (1 if left == 0 else 0)  # RLE block
        parts.append(header.to_bytes(3, "little") + b"0")
    return b"".join(parts)


def _deflate_bomb() -> bytes:
    packer = zlib.compressobj(9)
    block = b"0" * (1 << 20)
    return b"".join(packer.compress(block) for _ in range(512)) + packer.flush()


def _coded(body: bytes, coding: str, content_type: str = "application/json") -> bytes:
    return _head("200 OK", f"Content-Type: {content_type}", "X-Request-Id: r",
                 f"Content-Encoding: {coding}", f"Content-Length: {len(body)}", _CLOSE) + body


def _cross_host_redirect() -> servers.Responder:
    """A 302 to ``localhost`` on another port, where a good answer waits."""
    target = HELD.enter_context(servers.raw_server(_send(_good())))
    location = target.origin.replace("127.0.0.1", "localhost") + "/api/v1/orders/1.json"
    return _send(_head("302 Found", f"Location: {location}", "Content-Length: 0", _CLOSE))


def _redirect_loop_301() -> servers.Responder:
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        path = server.requests[-1].split(b" ", 2)[1].decode("latin-1")
        conn.sendall(_head("301 Moved Permanently", f"Location: {path}", "Content-Length: 0",
                           _CLOSE))
    return respond


def _flood(count: int) -> bytes:
    return _head("200 OK", *_JSON, *(f"X-H{i}: {'v' * 20}" for i in range(count)), _LEN,
                 _CLOSE) + _BODY


def _closed_mid_body() -> servers.Responder:
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(_head("200 OK", *_JSON, _LEN) + _BODY[: len(_BODY) // 2])
        conn.shutdown(socket.SHUT_WR)
    return respond


def _chunked(body: bytes, size: str) -> bytes:
    return _head("200 OK", *_JSON, "Transfer-Encoding: chunked", _CLOSE) + \
        size.encode() + b"\r\n" + body + b"\r\n0\r\n\r\n"


NETWORK: dict[str, tuple[Callable[[], servers.Responder], frozenset[int]]] = {
    "control": (lambda: _send(_good()), ANY),
    "header-flood-20k": (lambda: _send(_flood(20_000)), FAILS),
    "header-flood-200": (lambda: _send(_flood(200)), ANY),
    "header-line-100k": (lambda: _send(_good(f"X-Big: {'a' * 100_000}")), FAILS),
    "header-name-100k": (lambda: _send(_good(f"X-{'a' * 100_000}: 1")), FAILS),
    "status-no-version": (lambda: _send(_good().replace(b"HTTP/1.1 ", b"", 1)), FAILS),
    "status-empty-line": (lambda: _send(b"\r\n\r\n" + _BODY), FAILS),
    "status-bom-first": (lambda: _send(b"\xef\xbb\xbf" + _good()), FAILS),
    "status-code-negative": (lambda: _send(_good().replace(b"200 OK", b"-200 OK", 1)), FAILS),
    "status-code-two-digits": (lambda: _send(_good().replace(b"200 OK", b"20 OK", 1)), FAILS),
    "status-http-1.0-body-to-close": (lambda: _send(
        _head("200 OK", *_JSON, version="HTTP/1.0") + _BODY), ANY),
    "status-http-9.9": (lambda: _send(_good().replace(b"HTTP/1.1", b"HTTP/9.9", 1)), FAILS),
    "http-0.9-html": (lambda: _send(b"<html>hello</html>"), FAILS),
    "chunk-size-plus": (lambda: _send(_chunked(_BODY, f"+{len(_BODY):x}")), FAILS),
    "chunk-size-space-before": (lambda: _send(_chunked(_BODY, f" {len(_BODY):x}")), ANY),
    "chunk-size-0x": (lambda: _send(_chunked(_BODY, f"0x{len(_BODY):x}")), FAILS),
    "chunk-size-too-small": (lambda: _send(_chunked(_BODY, "5")), FAILS),
    "chunk-trailer-garbage": (lambda: _send(_head("200 OK", *_JSON, "Transfer-Encoding: chunked",
                                                  _CLOSE) + f"{len(_BODY):x}\r\n".encode()
                                            + _BODY + b"\r\n0\r\n\x00\xff garbage\r\n\r\n"), ANY),
    "length-longer-then-close": (lambda: _send(
        _head("200 OK", *_JSON, f"Content-Length: {len(_BODY) + 100}", _CLOSE) + _BODY), FAILS),
    "length-shorter": (lambda: _send(_head("200 OK", *_JSON, "Content-Length: 7", _CLOSE)
                                     + _BODY), FAILS),
    "closed-mid-body": (_closed_mid_body, FAILS),
    "continue-then-silence": (lambda: _then_silence(b"HTTP/1.1 100 Continue\r\n\r\n"), FAILS),
    "early-hints-then-close": (lambda: _send(b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"),
                               FAILS),
    "headers-then-silence": (lambda: _then_silence(_head("200 OK", *_JSON, _LEN)), FAILS),
    "accepts-never-answers": (servers.silent, FAILS),
    "redirect-loop-301-same-url": (_redirect_loop_301, FAILS),
    "redirect-cross-host": (_cross_host_redirect, ANY),
    "redirect-to-ipv6-nothing": (lambda: _send(_head("302 Found", "Location: http://[::1]:9/x",
                                                     "Content-Length: 0", _CLOSE)), FAILS),
    "gzip-header-plain-body": (lambda: _send(_coded(_BODY, "gzip")), FAILS),
    "zstd-bomb": (lambda: _send(_coded(_zstd_rle_bomb(), "zstd")), FAILS),
    "zstd-label-plain-body": (lambda: _send(_coded(_BODY, "zstd")), FAILS),
    "deflate-bomb": (lambda: _send(_coded(_deflate_bomb(), "deflate")), FAILS),
    "br-bomb": (lambda: _send(_coded(servers.brotli_bomb(), "br")), FAILS),
    "gzip-then-br-labels-swapped": (lambda: _send(_coded(
        zlib.compress(_BODY), "br, gzip")), FAILS),
    "html-labelled-json": (lambda: _send(_head("200 OK", *_JSON, "Content-Length: 13", _CLOSE)
                                         + b"<html></html>"), FAILS),
    "json-labelled-html": (lambda: _send(_coded(_BODY, "identity", "text/html")), ANY),
    "reset-before-answer": (servers.reset, FAILS),
}


def _nothing_listening() -> str:
    """An origin on 127.0.0.1 where nothing listens (a port just freed)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"http://127.0.0.1:{port}"


def _ipv6_server(responder: servers.Responder) -> str:
    """``responder`` served on ``[::1]``; its origin."""
    listener = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    listener.bind(("::1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                responder(conn, servers.RawServer(f"http://[::1]:{port}"))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    HELD.callback(listener.close)
    HELD.callback(stop.set)
    return f"http://[::1]:{port}"


def _origin_settings(origin: str, which: str) -> tuple[str, list[str]]:
    net = "[tool.seamguard.network]\ndeadline = 3.0\ntimeout = 1.0\n"
    if which == "published":
        extra = (f'[tool.seamguard.platforms.shop.published_spec]\nurl = "{origin}/spec"\n'
                 "timeout = 0.5\n")
        return MINI_SETTINGS.replace("https://shop.example.com", "http://127.0.0.1:9") + extra \
            + net, ["drift", "run"]
    if which == "probe":
        return MINI_SETTINGS.replace("https://shop.example.com", origin) + net, \
            ["probe", "shop", "--max-examples", "2"]
    if which == "record":
        return MINI_SETTINGS + net, ["record", "shop", "GET", "/orders/1.json", "--base-url",
                                     f"{origin}/api/v1", "--mode", "all"]
    return MINI_SETTINGS.replace("https://shop.example.com", origin) + \
        'live = [{path = "/orders/1.json"}]\n' + net, ["drift", "run"]


# Answers ``record`` keeps as they came, with a warning (a recorder records what the service
# said; it follows no redirects); a body the protocol reads whole is no fault of any path; and a
# chunk size with a sign or 0x prefix, which http.client (probe's client) reads as hex anyway.
AS_THEY_CAME = {"redirect-loop-301-same-url", "redirect-to-ipv6-nothing", "html-labelled-json",
                "length-shorter"}
READ_WHOLE = {"header-line-100k", "header-name-100k"}
LENIENT_CHUNKS = {"chunk-size-plus", "chunk-size-0x"}


def _network_case(name: str, origin_of: Callable[[], str], which: str,
                  exits: frozenset[int]) -> Case:
    if (which == "record" and name in AS_THEY_CAME) or name in READ_WHOLE or (
            which == "probe" and name in LENIENT_CHUNKS):
        exits = ANY
    def setup(root: Path) -> list[str]:
        settings, command = _origin_settings(origin_of(), which)
        return [*command, "--project", str(mini(root, settings)), "-f", "json"]
    return Case(f"net-{which}:{name}", setup, exits)


def network_cases() -> list[Case]:
    cases = []
    for which in ("live", "published", "probe", "record"):
        for name, (make, exits) in NETWORK.items():
            def origin_of(make: Callable[[], servers.Responder] = make) -> str:
                return HELD.enter_context(servers.raw_server(make())).origin
            cases.append(_network_case(name, origin_of, which, exits))
        cases.append(_network_case("nothing-listening", _nothing_listening, which, FAILS))
        cases.append(_network_case("ipv6-good", lambda: _ipv6_server(_send(_good())), which,
                                   ANY))
        cases.append(_network_case("ipv6-silent", lambda: _ipv6_server(
            lambda c, s: s.stop.wait(20)), which, FAILS))
        cases.append(_network_case("ipv6-nothing-listening", lambda: "http://[::1]:9", which,
                                   FAILS))
        cases.append(_network_case("ipv6-no-brackets", lambda: "http://::1:9", which, FAILS))
    return cases
