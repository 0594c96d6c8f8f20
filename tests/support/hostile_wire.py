"""Hostile servers and command lines the other generators do not have, and the runner of
``hostile_formats``.

* Servers on 127.0.0.1 for every live path (drift's live fetch, the published-spec fetch,
  probing): a connection closed in the middle of the headers, chunked encoding broken in new
  ways, redirects that never end on the same host (a new path each time), a Content-Length
  larger than the body on a kept-alive connection, bodies whose Content-Encoding is wrong, TLS
  spoken to a plain port and plain HTTP to a TLS port.
* Command lines: unknown subcommands, ``--format`` typos, conflicting and misplaced options.
"""

from __future__ import annotations

import argparse
import gzip
import json
import socket
import sys
import tempfile
import zlib
from collections import Counter
from pathlib import Path

from tests.support import hostile_servers as servers
from tests.support.hostile import count_failure, run_batch, set_up_jobs
from tests.support.hostile_cases import Case
from tests.support.hostile_classes import judge
from tests.support.hostile_commands import _cli, _server_case
from tests.support.hostile_strategies import ANY, FAILS, HELD, mini
from tests.support.projects import MINI_SETTINGS, good_order
from tests.support.tls_server import tls_server

_BODY = json.dumps({"order": good_order()}).encode()
_JSON = {"Content-Type": "application/json", "X-Request-Id": "r"}


def _send(raw: bytes) -> servers.Responder:
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(raw)
    return respond


def _head(status: str, **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k.replace('_', '-')}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _wander() -> servers.Responder:
    """A 302 to a new path on the same host, forever."""
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        hop = len(server.requests)
        conn.sendall(_head("302 Found", Location=f"/api/v1/orders/1.json?hop={hop}",
                           Content_Length="0", Connection="close"))
    return respond


def _close_mid_header() -> servers.Responder:
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: appli")
    return respond


def _longer_kept_alive() -> servers.Responder:
    """Content-Length larger than the body, the connection left open (no close to end it)."""
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(_head("200 OK", Content_Length=str(len(_BODY) + 500), **_JSON) + _BODY)
        server.stop.wait(5)
    return respond


def _raw(body: bytes, **headers: str) -> servers.Responder:
    return servers.raw_answer(body, headers={**_JSON, **{
        name.replace("_", "-"): value for name, value in headers.items()}})


_CHUNKED = {"Transfer_Encoding": "chunked", "Connection": "close", **{
    k.replace("-", "_"): v for k, v in _JSON.items()}}

WIRE_FAULTS: dict[str, tuple[servers.Responder, frozenset[int]]] = {
    "close-mid-header": (_close_mid_header(), FAILS),
    "close-after-status-line": (_send(b"HTTP/1.1 200 OK\r\n"), FAILS),
    "redirect-wandering-same-host": (_wander(), FAILS),
    "content-length-longer-kept-alive": (_longer_kept_alive(), FAILS),
    "chunk-size-negative": (_send(_head("200 OK", **_CHUNKED) + b"-5\r\nhello\r\n0\r\n\r\n"),
                            FAILS),
    "chunk-missing-crlf": (_send(_head("200 OK", **_CHUNKED) + b"2\r\n{}0\r\n\r\n"), FAILS),
    "chunk-no-terminator": (_send(_head("200 OK", **_CHUNKED) + b"2\r\n{}\r\n"), FAILS),
    "chunk-size-huge": (_send(_head("200 OK", **_CHUNKED) + b"ffffffffffffffff\r\n{}\r\n"),
                        FAILS),
    "chunked-and-content-length": (_send(_head("200 OK", Content_Length="2", **_CHUNKED)
                                         + b"2\r\n{}\r\n0\r\n\r\n"), ANY),
    "chunk-extension-garbage": (_send(_head("200 OK", **_CHUNKED) + f"{len(_BODY):x};"
                                      .encode() + b"\x01\x02=\r\n" + _BODY
                                      + b"\r\n0\r\n\r\n"), ANY),
    "gzip-label-plain-body": (_raw(_BODY, Content_Encoding="gzip"), FAILS),
    "deflate-label-gzip-body": (_raw(gzip.compress(_BODY), Content_Encoding="deflate"), FAILS),
    "br-label-garbage": (_raw(b"\x00\x01garbage", Content_Encoding="br"), FAILS),
    "gzip-truncated": (_raw(gzip.compress(_BODY)[:25], Content_Encoding="gzip"), FAILS),
    "raw-deflate-labelled-deflate": (_raw(zlib.compress(_BODY)[2:-4],
                                          Content_Encoding="deflate"), ANY),
    "continue-then-close": (_send(b"HTTP/1.1 100 Continue\r\n\r\n"), FAILS),
    "switching-protocols": (_send(_head("101 Switching Protocols", Upgrade="websocket",
                                        Connection="Upgrade") + b"\x81\x05hello"), FAILS),
    "status-line-only-lf": (_send(b"HTTP/1.1 200 OK\nContent-Length: 2\n\n{}"), ANY),
    "header-line-200k": (_send(b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 200_000
                               + b"\r\nContent-Length: 2\r\n\r\n{}"), FAILS),
    "duplicate-key-body": (_raw(b'{"order": {"id": 1}, "order": ' + _BODY[10:]), FAILS),
}


def _tls_case(name: str, which: str) -> Case:
    """``https://`` to a plain server, or ``http://`` to a TLS server."""
    def setup(root: Path) -> list[str]:
        if name == "https-to-plain-port":
            server = HELD.enter_context(servers.raw_server(servers.json_answer(
                {"order": good_order()}, headers={"X-Request-Id": "r"})))
            origin = server.origin.replace("http:", "https:")
        else:
            origin = HELD.enter_context(tls_server()).replace("https:", "http:")
        if which == "probe":
            extra, base, command = "", origin, "probe shop --max-examples 2"
        else:
            extra, base = 'live = [{path = "/orders/1.json"}]\n', origin
            command = "drift run"
        settings = MINI_SETTINGS.replace("https://shop.example.com", base) + extra + \
            "[tool.seamguard.network]\ndeadline = 3.0\ntimeout = 1.0\n"
        return [*command.split(), "--project", str(mini(root, settings)), "-f", "json"]
    return Case(f"tls-{which}:{name}", setup, FAILS,
                ("https://" if name == "http-to-tls-port" else "http://",))


def wire_cases() -> list[Case]:
    cases = [_server_case(name, responder, which, exits)
             for name, (responder, exits) in WIRE_FAULTS.items()
             for which in ("live", "published", "probe")]
    cases += [_tls_case(name, which) for name in ("https-to-plain-port", "http-to-tls-port")
              for which in ("live", "probe")]
    return cases


CLI = [
    ("unknown-subcommand", ("chek", "--project", "{p}"), FAILS),
    ("subcommand-upper-case", ("VERIFY", "--project", "{p}"), FAILS),
    ("format-typo", ("verify", "-f", "jsn", "--project", "{p}"), FAILS),
    ("format-upper-case", ("verify", "--format", "JSON", "--project", "{p}"), ANY),
    ("format-twice-different", ("verify", "-f", "json", "-f", "junit", "--project", "{p}"),
     ANY),
    ("fail-on-unknown", ("verify", "--fail-on", "critical", "--project", "{p}"), FAILS),
    ("only-unknown-kind", ("verify", "--only", "flavour=shop", "--project", "{p}"), FAILS),
    ("only-unknown-platform", ("verify", "--only", "platform=nowhere", "--project", "{p}",
                               "-f", "json"), FAILS),
    ("project-missing-value", ("verify", "--project"), FAILS),
    ("project-nonexistent", ("verify", "--project", "{r}/nowhere"), FAILS),
    ("project-empty-folder", ("verify", "--project", "{r}"), FAILS),
    ("quality-only-suite-unknown", ("quality", "--only", "suite=nothing", "--project", "{p}"),
     FAILS),
    ("probe-without-platform", ("probe", "--project", "{p}"), FAILS),
    ("probe-unknown-platform", ("probe", "nowhere", "--project", "{p}"), FAILS),
    ("probe-negative-examples", ("probe", "shop", "--max-examples", "-1", "--project", "{p}"),
     FAILS),
    ("map-explain-no-args", ("map", "explain", "--project", "{p}"), FAILS),
    ("map-unknown-action", ("map", "lnt", "--project", "{p}"), FAILS),
    ("contract-diff-one-side", ("contract", "diff", "shop@v1", "--project", "{p}"), FAILS),
    ("contract-diff-garbage-ref", ("contract", "diff", "@@", "##", "--project", "{p}"), FAILS),
    ("drift-unknown-action", ("drift", "walk", "--project", "{p}"), FAILS),
    ("option-before-subcommand", ("--project", "{p}", "verify"), FAILS | ANY),
    ("help-and-bad-option", ("verify", "--help", "--no-such-option"), ANY),
    ("nul-in-argument", ("verify", "--only", "platform=sh\x01op", "--project", "{p}"), FAILS),
    ("reports-is-a-file", ("verify", "--reports", "{p}/pyproject.toml", "--project", "{p}"),
     FAILS),
]


def cli_cases() -> list[Case]:
    return [Case(f"cli:{name}", _cli(*argv), exits) for name, argv, exits in CLI]


def main() -> None:
    from tests.support.hostile_formats import all_cases

    parser = argparse.ArgumentParser(description="hostile file formats, servers and commands")
    parser.add_argument("--only", default="", help="only cases whose id contains this")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--show", type=int, default=3, help="lines of output per failure")
    parser.add_argument("--all", action="store_true", help="a line for every case")
    args = parser.parse_args()
    cases = [case for case in [*all_cases(), *wire_cases(), *cli_cases()]
             if args.only in case.id]
    failures: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as scratch, HELD:
        jobs = set_up_jobs(cases, scratch)
        outcomes = run_batch(jobs, timeout=args.timeout) if jobs else {}
    failing = 0
    for case in cases:
        outcome = outcomes[case.id]
        wrong = judge(case, outcome)
        count_failure(failures, wrong, outcome, case.id)
        if wrong:
            failing += 1
            for line in outcome.text.strip().splitlines()[-args.show:]:
                print("    | " + line[:300])
        elif args.all:
            print(case.id, outcome.code, outcome.text.strip()[:200].replace("\n", " "))
    print(f"cases {len(cases)}; failing {failing}; by class {dict(failures)}")
    sys.exit(0)


if __name__ == "__main__":
    main()
