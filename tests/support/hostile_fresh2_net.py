"""Network faults on 127.0.0.1 for ``hostile_fresh2``, each against drift's live fetch, the
published-spec fetch and ``probe``: headers trickled one line at a time for ever (slowloris),
redirects to a new URL each time, ``Content-Length`` of 10^20, negative or given twice with two
values, a chunk size of 2^64 - 1, an HTTP/2 server preface to an HTTP/1.1 client, a gzip body cut
short, a NUL in a header value, a status line and then the end of the stream, 1xx answers without
end, a reset (RST) in the middle of the body, a TLS handshake answered with plain text.
"""

from __future__ import annotations

import gzip
import socket
import struct
from collections.abc import Callable
from pathlib import Path

from tests.support import hostile_servers as servers
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh_net import _BODY, _JSON, _good, _head, _origin_settings, _send
from tests.support.hostile_strategies import ANY, FAILS, HELD, mini

_CLOSE = "Connection: close"


def _slowloris(conn: socket.socket, server: servers.RawServer) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\n")
    number = 0
    while not server.stop.wait(0.2):
        number += 1
        try:
            conn.sendall(f"X-Slow-{number}: x\r\n".encode())
        except OSError:
            return


def _new_url_each_time(conn: socket.socket, server: servers.RawServer) -> None:
    hop = len(server.requests)
    conn.sendall(_head("302 Found", f"Location: /hop/{hop}/orders/1.json", "Content-Length: 0",
                       _CLOSE))


def _interim_forever(conn: socket.socket, server: servers.RawServer) -> None:
    while not server.stop.wait(0.05):
        try:
            conn.sendall(b"HTTP/1.1 102 Processing\r\n\r\n")
        except OSError:
            return


def _reset_mid_body(conn: socket.socket, server: servers.RawServer) -> None:
    conn.sendall(_head("200 OK", *_JSON, f"Content-Length: {len(_BODY)}") +
                 _BODY[:len(_BODY) // 2])
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def _length(*values: str) -> bytes:
    return _head("200 OK", *_JSON, *(f"Content-Length: {v}" for v in values), _CLOSE) + _BODY


# An HTTP/2 server preface: an empty SETTINGS frame.
_H2_SETTINGS = b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"

FAULTS: dict[str, tuple[Callable[[], servers.Responder], frozenset[int]]] = {
    "slowloris-headers": (lambda: _slowloris, FAILS),
    "redirect-new-url-each-time": (lambda: _new_url_each_time, FAILS),
    "length-10e20": (lambda: _send(_length("100000000000000000000")), FAILS),
    "length-negative": (lambda: _send(_length("-5")), FAILS),
    "length-two-values": (lambda: _send(_length(str(len(_BODY)), str(len(_BODY) + 9))), FAILS),
    "length-hex": (lambda: _send(_length(hex(len(_BODY)))), FAILS),
    "chunk-size-2e64": (lambda: _send(_head("200 OK", *_JSON, "Transfer-Encoding: chunked",
                                            _CLOSE) + b"ffffffffffffffff\r\n" + _BODY), FAILS),
    "http2-preface": (lambda: _send(_H2_SETTINGS), FAILS),
    "gzip-cut-short": (lambda: _send(_head(
        "200 OK", *_JSON, "Content-Encoding: gzip", f"Content-Length: {len(_BODY) // 2}",
        _CLOSE) + gzip.compress(_BODY)[:len(_BODY) // 2]), FAILS),
    "nul-in-header": (lambda: _send(_good("X-Trace: a\x00b")), ANY),
    "status-line-then-end": (lambda: _send(b"HTTP/1.1 200 OK\r\n"), FAILS),
    "interim-forever": (lambda: _interim_forever, FAILS),
    "reset-mid-body": (lambda: _reset_mid_body, FAILS),
    "transfer-encoding-unknown": (lambda: _send(_head(
        "200 OK", *_JSON, "Transfer-Encoding: gzip, chunked, zebra", _CLOSE) + _BODY), FAILS),
}


def _net_case(name: str, make: Callable[[], servers.Responder], which: str,
              exits: frozenset[int], *, tls: bool = False) -> Case:
    def setup(root: Path) -> list[str]:
        origin = HELD.enter_context(servers.raw_server(make())).origin
        if tls:
            origin = origin.replace("http://", "https://")
        settings, command = _origin_settings(origin, which)
        return [*command, "--project", str(mini(root, settings)), "-f", "json"]
    return Case(f"net2-{which}:{name}", setup, exits)


def net_cases() -> list[Case]:
    cases = []
    for which in ("live", "published", "probe"):
        for name, (make, exits) in FAULTS.items():
            cases.append(_net_case(name, make, which, exits))
        cases.append(_net_case("tls-to-plain-answer", lambda: _send(_good()), which, FAILS,
                               tls=True))
    return cases
