"""Answers on 127.0.0.1 that are well-formed HTTP and still wrong, for ``hostile_fresh6``: each
against drift's live fetch and ``probe``.

A JSON body in another charset than the one declared (UTF-8 bytes declared UTF-16 or
Shift_JIS), ``204 No Content`` and ``304 Not Modified`` that carry a body, a ``101 Switching
Protocols`` nobody asked for, content codings that do not fit the body (``gzip`` over plain
JSON, a coding nobody knows over bytes that are no JSON), JSON declared as ``text/plain`` or
``application/octet-stream``, an empty body declared JSON, two ``Content-Type`` headers that
disagree. Each must end with a finding or a usage error that names the operation or setting,
within the network deadline.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

from tests.support import hostile_servers as servers
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh_net import _head, _origin_settings
from tests.support.hostile_strategies import ANY, FAILS, HELD, mini
from tests.support.projects import good_order

_CLOSE = "Connection: close"
_BODY = json.dumps({"order": good_order(note="上海市浦东新区")}, ensure_ascii=False).encode()


def _answer(body: bytes, *headers: str, status: str = "200 OK") -> servers.Responder:
    raw = _head(status, "X-Request-Id: r", *headers, f"Content-Length: {len(body)}",
                _CLOSE) + body

    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(raw)
    return respond


def _switching(conn: socket.socket, server: servers.RawServer) -> None:
    conn.sendall(_head("101 Switching Protocols", "Upgrade: websocket", "Connection: Upgrade")
                 + b"\x81\x05hello")


_JSON = "Content-Type: application/json"
FAULTS: dict[str, tuple[Callable[[], servers.Responder], frozenset[int]]] = {
    "control": (lambda: _answer(_BODY, _JSON + "; charset=utf-8"), ANY),
    "utf8-declared-utf16": (lambda: _answer(_BODY, _JSON + "; charset=utf-16"), FAILS),
    "utf8-declared-shift-jis": (lambda: _answer(_BODY, _JSON + "; charset=shift_jis"), FAILS),
    "204-with-body": (lambda: _answer(_BODY, _JSON, status="204 No Content"), FAILS),
    "304-with-body": (lambda: _answer(_BODY, _JSON, status="304 Not Modified"), FAILS),
    "101-unasked": (lambda: _switching, FAILS),
    "gzip-over-plain-json": (lambda: _answer(_BODY, _JSON, "Content-Encoding: gzip"), FAILS),
    "unknown-coding-over-garbage": (lambda: _answer(b"\x00\x01snappy\xff" * 20, _JSON,
                                                    "Content-Encoding: x-snappy"), FAILS),
    "json-as-text-plain": (lambda: _answer(_BODY, "Content-Type: text/plain"), FAILS),
    "json-as-octet-stream": (lambda: _answer(_BODY, "Content-Type: application/octet-stream"),
                             FAILS),
    "empty-body-declared-json": (lambda: _answer(b"", _JSON), FAILS),
    "two-content-types": (lambda: _answer(_BODY, _JSON, "Content-Type: text/html"), ANY),
}


def _case(name: str, make: Callable[[], servers.Responder], which: str,
          exits: frozenset[int]) -> Case:
    def setup(root: Path) -> list[str]:
        origin = HELD.enter_context(servers.raw_server(make())).origin
        settings, command = _origin_settings(origin, which)
        return [*command, "--project", str(mini(root, settings)), "-f", "json"]
    return Case(f"net6-{which}:{name}", setup, exits)


def net_cases() -> list[Case]:
    return [_case(name, make, which, exits) for which in ("live", "probe")
            for name, (make, exits) in FAULTS.items()]
