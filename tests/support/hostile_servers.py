"""Misbehaving HTTP servers on 127.0.0.1, written on raw sockets so that they can break HTTP
itself: drip bytes, inflate into gigabytes, answer 60 MB, redirect elsewhere, set cookies, reset
the connection, or answer garbage. Each records the requests it received."""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

import brotli

Responder = Callable[[socket.socket, "RawServer"], None]


@dataclass
class RawServer:
    """A running server: its origin, the raw requests it got, and a stop signal."""

    origin: str
    requests: list[bytes] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    @property
    def port(self) -> int:
        return int(self.origin.rsplit(":", 1)[1])

    def headers_of(self, index: int) -> dict[str, str]:
        """The lower-cased headers of request ``index``."""
        head = self.requests[index].split(b"\r\n\r\n", 1)[0].decode("latin-1")
        pairs = [line.split(":", 1) for line in head.split("\r\n")[1:] if ":" in line]
        return {name.strip().lower(): value.strip() for name, value in pairs}


@contextmanager
def raw_server(respond: Responder) -> Iterator[RawServer]:
    """Serve ``respond(connection, server)`` for each request, on a free loopback port."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(32)
    listener.settimeout(0.2)
    server = RawServer(f"http://127.0.0.1:{listener.getsockname()[1]}")

    def handle(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                server.requests.append(data)
                respond(conn, server)
            except OSError:
                pass  # the client gave up: exactly what these servers provoke

    def accept() -> None:
        while not server.stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        thread.join(timeout=5)
        listener.close()


def _head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def json_answer(body: object, *, status: str = "200 OK",
                headers: dict[str, str] | None = None) -> Responder:
    """A well-formed JSON answer (the baseline the hostile ones break)."""
    data = json.dumps(body).encode()

    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(_head(status, {"Content-Type": "application/json", "Connection": "close",
                                    "Content-Length": str(len(data)), **(headers or {})}) + data)
    return respond


def drip(interval: float = 0.5) -> Responder:
    """Headers at once, then one byte of a 100 kB body every ``interval`` seconds."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(_head("200 OK", {"Content-Type": "application/json",
                                      "Content-Length": "100000"}))
        conn.sendall(b"{")
        while not server.stop.wait(interval):
            conn.sendall(b" ")
    return respond


def drip_everything(interval: float = 0.5) -> Responder:
    """The whole answer, status line and headers included, one byte every ``interval``."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        answer = _head("200 OK", {"Content-Type": "application/json",
                                  "Content-Length": "100000"}) + b" " * 100000
        for byte in answer:
            conn.sendall(bytes([byte]))
            if server.stop.wait(interval):
                return
    return respond


@cache
def gzip_bomb() -> bytes:
    """A few hundred kB of gzip that inflates to 1 GB of zeros."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"0" * (1 << 20)
    parts = [packer.compress(block) for _ in range(1024)]
    return b"".join(parts) + packer.flush()


@cache
def brotli_bomb() -> bytes:
    """About a hundred bytes of brotli that decode to 256 MB of zeros."""
    return bytes(brotli.compress(b"0" * (256 << 20), quality=5))


def bomb(encoding: str = "gzip") -> Responder:
    """A small answer that inflates past every cap: ``gzip``, ``deflate``, ``br`` or a list
    (``gzip, br``: a brotli bomb inside gzip)."""
    layers = {"gzip": gzip_bomb, "deflate": lambda: zlib.compress(b"0" * (256 << 20), 9),
              "br": brotli_bomb}
    codings = [c.strip() for c in encoding.split(",")]
    data = layers[codings[0]]()
    for coding in codings[1:]:
        data = gzip.compress(data) if coding == "gzip" else \
            zlib.compress(data) if coding == "deflate" else bytes(brotli.compress(data))

    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(_head("200 OK", {"Content-Type": "application/json",
                                      "Content-Encoding": encoding, "Connection": "close",
                                      "Content-Length": str(len(data))}) + data)
    return respond


def huge(megabytes: int = 60) -> Responder:
    """A JSON answer of ``megabytes`` MB, sent as fast as the client reads."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        size = megabytes << 20
        conn.sendall(_head("200 OK", {"Content-Type": "application/json",
                                      "Content-Length": str(size), "Connection": "close"}))
        conn.sendall(b'{"pad": "')
        sent, block = 9, b"a" * (1 << 20)
        while sent + len(block) < size - 2 and not server.stop.is_set():
            conn.sendall(block)
            sent += len(block)
        conn.sendall(b"a" * (size - 2 - sent) + b'"}')
    return respond


def redirect(location: str, *, cookie: str | None = None, then: Responder | None = None
             ) -> Responder:
    """A 302 to ``location`` (optionally setting a cookie); later requests get ``then``."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        if then is not None and len(server.requests) > 1:
            then(conn, server)
            return
        headers = {"Location": location, "Content-Length": "0", "Connection": "close"}
        if cookie:
            headers["Set-Cookie"] = cookie
        conn.sendall(_head("302 Found", headers))
    return respond


def truncated() -> Responder:
    """Promise 1000 bytes, send 10, hang up."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(_head("200 OK", {"Content-Type": "application/json",
                                      "Content-Length": "1000"}) + b'{"order": ')
    return respond


def endless_chunks() -> Responder:
    """A chunked answer that never ends."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(_head("200 OK", {"Content-Type": "application/json",
                                      "Transfer-Encoding": "chunked"}))
        chunk = b"%x\r\n%s\r\n" % (1 << 16, b" " * (1 << 16))
        while not server.stop.is_set():
            conn.sendall(chunk)
    return respond


def huge_header() -> Responder:
    """One header line of 8 MB."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * (8 << 20) + b"\r\n\r\n")
    return respond


def reset() -> Responder:
    """Close the connection with a TCP reset instead of an answer."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return respond


def garbage() -> Responder:
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(b"THIS IS NOT HTTP AT ALL\r\n\x00\xff\xfe garbage\r\n\r\n")
    return respond


def gzip_text(text: str) -> bytes:
    return gzip.compress(text.encode())


def silent() -> Responder:
    """Take the request, then say nothing at all until the client gives up."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        server.stop.wait(120)
    return respond


def short_body_then_silence() -> Responder:
    """Promise 1000 bytes, send 10, then keep the connection open without a word."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(_head("200 OK", {"Content-Type": "application/json",
                                      "Content-Length": "1000"}) + b'{"order": ')
        server.stop.wait(120)
    return respond


def raw_answer(body: bytes, *, status: str = "200 OK",
               headers: dict[str, str] | None = None) -> Responder:
    """Exactly these bytes as the body (any content, any declared type)."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(_head(status, {"Content-Type": "application/json", "Connection": "close",
                                    "Content-Length": str(len(body)), **(headers or {})}) + body)
    return respond


def redirect_loop() -> Responder:
    """A 302 to the same URL, forever."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(_head("302 Found", {"Location": "/api/v1/orders/1.json",
                                         "Content-Length": "0", "Connection": "close"}))
    return respond


def http_09() -> Responder:
    """A body with no status line or headers at all (HTTP/0.9 style)."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(b'{"order": {"id": 1}}')
    return respond


def informational_forever() -> Responder:
    """`100 Continue` after `100 Continue`, never a final answer."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        while not server.stop.wait(0.05):
            conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
    return respond


# --- answers that break HTTP/1.1 itself ----------------------------------------------------

def _send(raw: bytes) -> Responder:
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(raw)
    return respond


def _head_of(status: str, **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k.replace('_', '-')}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _interim_storm(body: bytes) -> Responder:
    """Thousands of interim answers at once, then a real one: a bound on interim answers or
    the deadline ends it, never a spin."""
    def respond(conn: socket.socket, server: RawServer) -> None:
        with contextlib.suppress(OSError):
            conn.sendall(b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" * 20_000
                         + _head_of("200 OK", Content_Length=str(len(body))) + body)
    return respond


def _reset_mid_body(body: bytes) -> Responder:
    def respond(conn: socket.socket, server: RawServer) -> None:
        conn.sendall(_head_of("200 OK", Content_Type="application/json",
                              Content_Length=str(len(body))) + body[:10])
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    return respond


def broken_http(body: bytes) -> dict[str, Responder]:
    """Answers that break HTTP/1.1 itself, by name, around a JSON ``body``."""
    json_head = {"Content_Type": "application/json"}
    return {
        "reset-mid-body": _reset_mid_body(body),
        "http-0.9": http_09(),
        "bad-chunk-size": _send(_head_of("200 OK", Transfer_Encoding="chunked", **json_head)
                                + b"zz\r\n{}\r\n0\r\n\r\n"),
        "chunk-longer-than-said": _send(_head_of("200 OK", Transfer_Encoding="chunked",
                                                 **json_head)
                                        + b"2\r\n" + body + b"\r\n0\r\n\r\n"),
        "content-length-twice-differs": _send(
            _head_of("200 OK", Content_Length="5", Connection="close", **json_head).replace(
                b"\r\n\r\n", b"\r\nContent-Length: 9\r\n\r\n") + body),
        "content-length-negative": _send(_head_of("200 OK", Content_Length="-1",
                                                  Connection="close", **json_head) + body),
        "content-length-longer-then-close": _send(_head_of(
            "200 OK", Content_Length="99999", Connection="close", **json_head) + body),
        "status-line-garbage": _send(b"HTTP/1.1 two hundred OK\r\nContent-Length: 2\r\n\r\n{}"),
        "status-code-999": _send(_head_of("999 Whatever", Content_Length="2",
                                          Connection="close") + b"{}"),
        "304-without-a-cache": _send(_head_of("304 Not Modified", Connection="close")),
        "204-with-a-body": _send(_head_of("204 No Content", Connection="close") + body),
        "tls-answer-to-plain-http": _send(b"\x15\x03\x01\x00\x02\x02\x46"),
        "early-hints-storm": _interim_storm(body),
        "accepts-and-never-answers": silent(),
    }
