"""Network faults on 127.0.0.1 for ``hostile_fresh3``.

* ``net3-gateway``: every fault of ``hostile_fresh_net`` and ``hostile_fresh2_net`` against a
  live *gateway* call (drift's nightly call of a signed TOP operation), which builds, signs and
  sends its request and opens the answer's envelope by another road than a REST call.
* ``net3-*``: faults the earlier corpora leave out, against the gateway call as well as drift's
  live fetch, the published-spec fetch, ``probe`` and ``record``: a JSON answer in a charset
  that does not decode, a gzip bomb, a gzip bomb inside brotli, 100 kB of headers in a hundred
  lines, an answer of interim 1xx lines only, a TLS alert to a plain HTTP request (plain HTTP
  sent to a TLS port), a redirect to a TLS port that answers plain text, a gateway envelope
  that holds nothing (an empty JSON object, a JSON ``null``), an in-band error of HTTP 200, a
  redirect that loops between two paths.

Every server is a thread of its own on a loopback port, stopped when the run ends; every run
has the network bounds of ``_NET`` and the batch's time bound, over which a case is a hang.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

from tests.support import hostile_servers as servers
from tests.support.gateway import SETTINGS, gateway_project
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh2_net import FAULTS
from tests.support.hostile_fresh3_gateway import clean_calls, top_sold
from tests.support.hostile_fresh_net import NETWORK, _head, _origin_settings
from tests.support.hostile_strategies import ANY, FAILS, HELD, mini
from tests.support.projects import good_order

_NET = "\n[tool.seamguard.network]\ndeadline = 3.0\ntimeout = 1.0\nmax_redirects = 3\n"
_CLOSE = "Connection: close"
_TOP_BODY = json.dumps(top_sold({"tid": 1, "status": "TRADE_FINISHED", "payment": "1.00"})
                       ).encode()
_SHOP_BODY = json.dumps({"order": good_order()}).encode()
SECRET_ENV = {"GW_TEST_TOP_SECRET": "hostile-test-secret", "GW_TEST_SF_CHECKWORD": "sf-test"}


def _answer(body: bytes, *headers: str, status: str = "200 OK") -> servers.Responder:
    raw = _head(status, *headers, f"Content-Length: {len(body)}", _CLOSE) + body

    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(raw)
    return respond


def _json(body: bytes, *extra: str) -> servers.Responder:
    return _answer(body, "Content-Type: application/json;charset=UTF-8", *extra)


def _interim_only(conn: socket.socket, server: servers.RawServer) -> None:
    conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n"
                 b"HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n")


# A TLS record: alert, TLS 1.0, length 2, fatal, protocol_version — what a TLS-only port sends
# back to bytes that are no ClientHello.
_TLS_ALERT = b"\x15\x03\x01\x00\x02\x02\x46"


def _tls_port(conn: socket.socket, server: servers.RawServer) -> None:
    conn.sendall(_TLS_ALERT)


def _redirect_to_tls_port() -> servers.Responder:
    target = HELD.enter_context(servers.raw_server(_tls_port))
    location = target.origin.replace("http://", "https://") + "/x"
    return _answer(b"", f"Location: {location}", status="302 Found")


def _ping_pong(conn: socket.socket, server: servers.RawServer) -> None:
    path = server.requests[-1].split(b" ", 2)[1].decode("latin-1")
    other = "/pong" if not path.startswith("/pong") else "/ping"
    conn.sendall(_head("307 Temporary Redirect", f"Location: {other}", "Content-Length: 0",
                       _CLOSE))


def _gzip_in_brotli() -> servers.Responder:
    return servers.bomb("gzip, br")


def _hundred_kb_headers(body: bytes) -> servers.Responder:
    return _json(body, *(f"X-Pad-{i}: {'p' * 1000}" for i in range(100)))


def _new_faults(body: bytes) -> dict[str, tuple[Callable[[], servers.Responder],
                                                frozenset[int]]]:
    return {
        "control": (lambda: _json(body), ANY),
        "charset-undecodable": (lambda: _json(
            body[:-1] + ', "x": "上海"}'.encode("gbk")), FAILS),
        "charset-declared-unknown": (lambda: _answer(
            body, "Content-Type: application/json; charset=x-klingon"), ANY),
        "utf16-no-bom-declared-utf8": (lambda: _json(body.decode().encode("utf-16-le")), FAILS),
        "gzip-bomb": (lambda: servers.bomb("gzip"), FAILS),
        "gzip-bomb-in-brotli": (_gzip_in_brotli, FAILS),
        "headers-100kb-in-100-lines": (lambda: _hundred_kb_headers(body), ANY),
        "interim-only-then-close": (lambda: _interim_only, FAILS),
        "plain-to-tls-port": (lambda: _tls_port, FAILS),
        "redirect-to-tls-port": (_redirect_to_tls_port, FAILS),
        "redirect-ping-pong": (lambda: _ping_pong, FAILS),
        "json-null": (lambda: _json(b"null"), FAILS),
        "json-empty-object": (lambda: _json(b"{}"), FAILS),
        "json-nan": (lambda: _json(b'{"x": NaN}'), FAILS),
        "json-deep": (lambda: _json(b"[" * 100_000 + b"]" * 100_000), FAILS),
    }


_GW_ONLY: dict[str, tuple[Callable[[], servers.Responder], frozenset[int]]] = {
    "in-band-error-http-200": (lambda: _json(json.dumps({"error_response": {
        "code": 27, "msg": "Invalid session", "sub_code": "invalid-sessionkey"}}).encode()),
        FAILS),
    "envelope-of-another-operation": (lambda: _json(json.dumps({
        "trade_fullinfo_get_response": {"trade": {"tid": 1}}}).encode()), FAILS),
    "xml-bomb-labelled-json": (lambda: _json(
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;'
        b'&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><r>&c;</r>'),
        FAILS),
}


def _gateway_settings(origin: str) -> str:
    text = SETTINGS.replace('base_url = "https://eco.taobao.com"', f'base_url = "{origin}"', 1)
    return text + ('\n[[tool.seamguard.platforms.taobao.live]]\n'
                   'operation = "taobao.trades.sold.get"\n'
                   'params = { fields = "tid,status,payment", page_no = 1 }\n') + _NET


def _gateway_case(name: str, make: Callable[[], servers.Responder],
                  exits: frozenset[int]) -> Case:
    def setup(root: Path) -> list[str]:
        origin = HELD.enter_context(servers.raw_server(make())).origin
        project = gateway_project(root / "p", {"calls": clean_calls()},
                                  _gateway_settings(origin))
        return ["drift", "run", "--project", str(project), "-f", "json"]
    return Case(f"net3-gateway:{name}", setup, exits, env=SECRET_ENV)


def _rest_case(name: str, make: Callable[[], servers.Responder], which: str,
               exits: frozenset[int]) -> Case:
    def setup(root: Path) -> list[str]:
        origin = HELD.enter_context(servers.raw_server(make())).origin
        settings, command = _origin_settings(origin, which)
        return [*command, "--project", str(mini(root, settings)), "-f", "json"]
    return Case(f"net3-{which}:{name}", setup, exits)


# Answers ``record`` keeps as they came (a recorder records what the service said).
_RECORDED_AS_IS = {"charset-undecodable", "utf16-no-bom-declared-utf8", "json-null",
                   "json-empty-object", "json-nan", "json-deep", "redirect-ping-pong",
                   "redirect-to-tls-port"}


def net_cases() -> list[Case]:
    cases = []
    for name, (make, exits) in {**NETWORK, **FAULTS}.items():
        if name != "control":
            cases.append(_gateway_case(f"old-{name}", make, exits))
    for name, (make, exits) in {**_new_faults(_TOP_BODY), **_GW_ONLY}.items():
        cases.append(_gateway_case(name, make, exits))
    for which in ("live", "published", "probe", "record"):
        for name, (make, exits) in _new_faults(_SHOP_BODY).items():
            if which == "record" and name in _RECORDED_AS_IS:
                exits = ANY
            if which == "published" and name in ("json-empty-object", "json-null"):
                exits = FAILS
            cases.append(_rest_case(name, make, which, exits))
    return cases
