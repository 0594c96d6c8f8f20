"""Hostile command lines, environments and servers for the campaign of
``tests.support.hostile_classes``: ``--`` tricks, options twice, numbers in hex or exponent form,
records for ``map explain``; bad ``COLUMNS``, proxy and CA-bundle variables, tokens HTTP headers
cannot carry, ASCII-only output, file names that are not UTF-8 (each run as its own process:
``ENV_CASES``); and servers on 127.0.0.1 that break HTTP in ways the other corpora do not."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
from collections.abc import Callable
from pathlib import Path

from tests.support import hostile_servers as servers
from tests.support.hostile_cases import Case, Setup
from tests.support.hostile_operators import _example
from tests.support.hostile_strategies import ANY, CASSETTE, FAILS, HELD, mini
from tests.support.projects import MINI_SETTINGS, good_order, mini_project

# --- command lines --------------------------------------------------------------------------------

def _cli(*argv: str, make: Callable[[Path, Path], None] | None = None) -> Setup:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        if make is not None:
            make(root, project)
        return [a.replace("{p}", str(project)).replace("{r}", str(root)) for a in argv]
    return setup


CLI_CASES = [
    Case("cli:double-dash-before-option", _cli("verify", "--", "--project", "{p}")),
    Case("cli:double-dash-first", _cli("--", "verify", "--project", "{p}"), ANY | FAILS),
    Case("cli:double-dash-only", _cli("--"), FAILS),
    Case("cli:project-twice-same", _cli("verify", "--project", "{p}", "--project", "{p}",
                                         "-f", "json"), ANY),
    Case("cli:only-twice-same", _cli("verify", "--only", "platform=shop", "--only",
                                      "platform=shop", "--project", "{p}", "-f", "json"), ANY),
    Case("cli:only-two-equals", _cli("verify", "--only", "platform=shop=x", "--project", "{p}")),
    Case("cli:only-empty-kind", _cli("verify", "--only", "=shop", "--project", "{p}")),
    Case("cli:only-empty-name", _cli("verify", "--only", "platform=", "--project", "{p}")),
    Case("cli:fail-on-upper-case", _cli("verify", "--fail-on=ERROR", "--project", "{p}",
                                         "-f", "json"), ANY),
    Case("cli:format-equals-empty", _cli("verify", "--format=", "--project", "{p}")),
    Case("cli:format-attached", _cli("verify", "-fjson", "--project", "{p}"), ANY),
    Case("cli:project-is-pyproject", _cli("verify", "--project", "{p}/pyproject.toml", "-f",
                                           "json"), ANY),
    Case("cli:project-dash", _cli("verify", "--project", "-", "-f", "json")),
    Case("cli:reports-dash", _cli("verify", "--reports", "-", "--project", "{p}", "-f", "json"),
         ANY),
    Case("cli:debug-twice", _cli("verify", "--debug", "--debug", "--project", "{p}", "-f",
                                  "json"), ANY),
    Case("cli:option-abbreviated", _cli("verify", "--proj", "{p}")),
    Case("cli:max-examples-hex", _cli("probe", "shop", "--max-examples", "0x10", "--project",
                                       "{p}")),
    Case("cli:max-examples-exponent", _cli("probe", "shop", "--max-examples", "1e3",
                                            "--project", "{p}")),
    Case("cli:max-examples-huge", _cli("probe", "shop", "--max-examples",
                                       "99999999999999999999", "--project", "{p}"), FAILS),
    Case("cli:baseline-dash", _cli("verify", "--baseline", "-", "--project", "{p}")),
    Case("cli:baseline-is-project", _cli("verify", "--baseline", "{p}", "--project", "{p}")),
    Case("cli:diff-both-stdin", _cli("contract", "diff", "-", "-", "--project", "{p}")),
    Case("cli:diff-ref-at-unknown-version", _cli("contract", "diff", "shop@v9", "shop@v1",
                                                  "--project", "{p}")),
    Case("cli:diff-ref-no-version", _cli("contract", "diff", "shop@", "shop@v1", "--project",
                                          "{p}")),
    Case("cli:explain-record-missing-index", _cli(
        "map", "explain", "x", "{p}/fixtures/cassettes/orders.yaml#99", "--project", "{p}")),
]


def _record_file(content: bytes) -> Callable[[Path, Path], None]:
    def make(root: Path, project: Path) -> None:
        (root / "r.json").write_bytes(content)
    return make


EXPLAIN_RECORDS = {"number-past-double": b"1e999", "nan": b"NaN", "a-list": b"[]",
                   "one-byte": b"{", "utf16": '{"a": 1}'.encode("utf-16"), "empty": b""}


def explain_cases() -> list[Case]:
    """``map explain`` with hostile records, on the example project."""
    cases = []
    for name, content in EXPLAIN_RECORDS.items():
        def setup(root: Path, content: bytes = content) -> list[str]:
            project = _example(root)
            (root / "r.json").write_bytes(content)
            return ["map", "explain", "shopify-order-to-hubspot-deal", str(root / "r.json"),
                    "--project", str(project)]
        cases.append(Case(f"explain-record:{name}", setup, FAILS))
        def stdin_setup(root: Path) -> list[str]:
            return ["map", "explain", "shopify-order-to-hubspot-deal", "-", "--project",
                    str(_example(root))]
        if name != "utf16":
            cases.append(Case(f"explain-stdin:{name}", stdin_setup, FAILS,
                              env={"__stdin__": content.decode("latin-1")}))
    return cases


# --- the environment and byte file names: run as real processes ---------------------------------

def _env_project(root: Path, settings: str = MINI_SETTINGS) -> Path:
    return mini(root, settings)


def _drift_settings(origin: str) -> str:
    return (MINI_SETTINGS.replace("https://shop.example.com", origin)
            + 'live = [{path = "/orders/1.json"}]\n'
            + 'auth = { header = "Authorization", scheme = "Bearer", env = "SHOP_TOKEN" }\n'
            + "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n")


EnvSetup = Callable[[Path], tuple[list[str], dict[str, str]]]
ENV_CASES: list[tuple[str, EnvSetup, frozenset[int]]] = []


def _env(name: str, exits: frozenset[int] = ANY) -> Callable[[EnvSetup], EnvSetup]:
    def register(setup: EnvSetup) -> EnvSetup:
        ENV_CASES.append((name, setup, exits))
        return setup
    return register


def _plain_env(name: str, env: dict[str, str], command: str = "verify",
               exits: frozenset[int] = ANY) -> None:
    def setup(root: Path) -> tuple[list[str], dict[str, str]]:
        project = _env_project(root)
        argv = [a.replace("{p}", str(project)) for a in command.split()]
        return [*argv, "--project", str(project)], env
    ENV_CASES.append((name, setup, exits))


for _name, _value in {"abc": "abc", "negative": "-5", "zero": "0", "huge": "99999999",
                      "empty": ""}.items():
    _plain_env(f"env:columns-{_name}", {"COLUMNS": _value})
_plain_env("env:lines-abc", {"LINES": "abc"})
_plain_env("env:force-color-word", {"FORCE_COLOR": "maybe", "NO_COLOR": ""})
_plain_env("env:term-dumb", {"TERM": "dumb"})
_plain_env("env:ascii-stdout", {"PYTHONIOENCODING": "ascii"}, "verify")
_plain_env("env:latin1-stdout", {"PYTHONIOENCODING": "latin-1"}, "verify")
_plain_env("env:c-locale", {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
                            "PYTHONCOERCECLOCALE": "0"}, "verify")
_plain_env("env:tmpdir-missing", {"TMPDIR": "/nonexistent/tmp"}, "contract diff shop@v1 shop@v1")
_plain_env("env:pseudonym-key-short", {"SEAMGUARD_PSEUDONYM_KEY": "x"},
           "privacy scrub {p}/fixtures/cassettes/orders.yaml")
_plain_env("env:pseudonym-key-unicode", {"SEAMGUARD_PSEUDONYM_KEY": "密钥\u200b"},
           "privacy scrub {p}/fixtures/cassettes/orders.yaml")


def _drift_env(name: str, env: dict[str, str], responder: servers.Responder | None = None,
               exits: frozenset[int] = FAILS, scheme: str = "http") -> None:
    def setup(root: Path) -> tuple[list[str], dict[str, str]]:
        server = HELD.enter_context(servers.raw_server(
            responder or servers.json_answer({"order": good_order()},
                                             headers={"X-Request-Id": "r"})))
        origin = server.origin.replace("http:", f"{scheme}:")
        project = _env_project(root, _drift_settings(origin))
        return ["drift", "run", "--project", str(project), "-f", "json"], env
    ENV_CASES.append((name, setup, exits))


_TOKEN = {"SHOP_TOKEN": "t0ken"}
_drift_env("env:token-with-crlf", {"SHOP_TOKEN": "abc\r\nX-Evil: 1"})
_drift_env("env:token-with-lf", {"SHOP_TOKEN": "abc\nX-Evil: 1"})
_drift_env("env:token-chinese", {"SHOP_TOKEN": "令牌"})
_drift_env("env:token-only-spaces", {"SHOP_TOKEN": "   "})
_drift_env("env:http-proxy-garbage", {**_TOKEN, "HTTP_PROXY": "::garbage::",
                                      "http_proxy": "::garbage::"}, exits=ANY)
_drift_env("env:all-proxy-socks", {**_TOKEN, "ALL_PROXY": "socks5://127.0.0.1:9",
                                   "all_proxy": "socks5://127.0.0.1:9"}, exits=ANY)
_drift_env("env:proxy-refused", {**_TOKEN, "HTTP_PROXY": "http://127.0.0.1:9",
                                 "NO_PROXY": ""}, exits=ANY)
_drift_env("env:ca-bundle-missing", {**_TOKEN, "SSL_CERT_FILE": "/nonexistent/ca.pem",
                                     "SSL_CERT_DIR": "/nonexistent"}, exits=ANY)
_drift_env("env:ca-bundle-garbage", {**_TOKEN, "SSL_CERT_FILE": "/etc/hostname"}, exits=ANY)
_drift_env("env:tls-to-plain-port", _TOKEN, scheme="https")


@_env("env:probe-requests-ca-missing", ANY)
def _probe_ca(root: Path) -> tuple[list[str], dict[str, str]]:
    server = HELD.enter_context(servers.raw_server(servers.json_answer(
        {"order": good_order()}, headers={"X-Request-Id": "r"})))
    project = _env_project(root, MINI_SETTINGS.replace("https://shop.example.com",
                                                       server.origin))
    return ["probe", "shop", "--max-examples", "2", "--project", str(project)], {
        "REQUESTS_CA_BUNDLE": "/nonexistent/ca.pem", "CURL_CA_BUNDLE": "/nonexistent/ca.pem"}


@_env("env:dataset-url-garbage", FAILS)
def _dataset_url(root: Path) -> tuple[list[str], dict[str, str]]:
    settings = MINI_SETTINGS + ('\n[tool.seamguard.datasets.orders]\nkind = "sql"\n'
                                'url_env = "ORDERS_DB"\ntable = "orders"\n')
    project = _env_project(root, settings)
    (project / "suites").mkdir(exist_ok=True)
    (project / "suites/orders.json").write_text(json.dumps({"name": "orders", "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}}]}),
        encoding="utf-8")
    return ["quality", "--project", str(project), "-f", "json"], {"ORDERS_DB": "abc::\x7f"}


def _byte_named(name: bytes) -> EnvSetup:
    def setup(root: Path) -> tuple[list[str], dict[str, str]]:
        folder = os.fsdecode(os.fsencode(root) + b"/" + name)
        project = mini_project(Path(folder), settings=MINI_SETTINGS,
                               interactions=[])
        shutil.copy(mini(root / "x") / CASSETTE, project / CASSETTE)
        (project / CASSETTE).write_bytes((project / CASSETTE).read_bytes().replace(
            b'"status": "paid"', b'"status": "lost"'))
        return ["verify", "--project", folder], {}
    return setup


ENV_CASES.append(("bytes:project-latin1-name", _byte_named(b"caf\xe9"), frozenset({1})))
ENV_CASES.append(("bytes:project-invalid-utf8", _byte_named(b"\xff\xfe-\xc3\x28"),
                  frozenset({1})))


def _cassette_bytes_name(root: Path) -> tuple[list[str], dict[str, str]]:
    project = mini(root)
    (project / CASSETTE).rename(os.fsdecode(os.fsencode(project / "fixtures/cassettes")
                                            + b"/\xff\xfe.yaml"))
    return ["verify", "--project", str(project), "-f", "json"], {}


ENV_CASES.append(("bytes:cassette-invalid-utf8-name", _cassette_bytes_name, ANY))


def _contract_bytes_name(root: Path) -> tuple[list[str], dict[str, str]]:
    project = mini(root)
    folder = project / "contracts/shop"
    os.rename(folder / "v1", os.fsdecode(os.fsencode(folder) + b"/v\xff"))
    settings = project / "pyproject.toml"
    settings.write_bytes(settings.read_bytes().replace(b'"v1"', b'"v\\u00ff"'))
    return ["check", "--project", str(project), "-f", "json"], {}


ENV_CASES.append(("bytes:version-folder-invalid-utf8", _contract_bytes_name, FAILS))


# --- servers ------------------------------------------------------------------------------------

_BODY = json.dumps({"order": good_order()}).encode()


def _send(raw: bytes) -> servers.Responder:
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(raw)
    return respond


def _head(status: str, *lines: str) -> bytes:
    return ("\r\n".join([f"HTTP/1.1 {status}", *lines]) + "\r\n\r\n").encode("latin-1")


_JSON = "Content-Type: application/json"
_CLOSE = "Connection: close"
SERVER_FAULTS: dict[str, tuple[servers.Responder, frozenset[int]]] = {
    "content-length-word": (_send(_head("200 OK", _JSON, "Content-Length: abc", _CLOSE) + _BODY),
                            FAILS),
    "content-length-hex": (_send(_head("200 OK", _JSON, "Content-Length: 0x10", _CLOSE) + _BODY),
                           FAILS),
    "content-length-plus": (_send(_head("200 OK", _JSON, f"Content-Length: +{len(_BODY)}",
                                        _CLOSE) + _BODY), ANY),
    "content-length-list": (_send(_head("200 OK", _JSON,
                                        f"Content-Length: {len(_BODY)}, {len(_BODY)}", _CLOSE)
                                  + _BODY), ANY),
    "header-folded": (_send(_head("200 OK", _JSON, "X-Request-Id: r", " continued",
                                  f"Content-Length: {len(_BODY)}", _CLOSE) + _BODY), ANY),
    "header-without-colon": (_send(_head("200 OK", _JSON, "this is no header",
                                         f"Content-Length: {len(_BODY)}", _CLOSE) + _BODY),
                             FAILS),
    "header-nul": (_send(_head("200 OK", _JSON, "X-Request-Id: a\x00b",
                               f"Content-Length: {len(_BODY)}", _CLOSE) + _BODY), ANY),
    "status-http2": (_send(b"HTTP/2 200\r\nContent-Length: 2\r\n\r\n{}"), FAILS),
    "status-no-reason": (_send(b"HTTP/1.1 200\r\nContent-Type: application/json\r\n"
                               b"X-Request-Id: r\r\nConnection: close\r\nContent-Length: "
                               + str(len(_BODY)).encode() + b"\r\n\r\n" + _BODY), ANY),
    "status-lower-case": (_send(b"http/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"), FAILS),
    "charset-unknown": (servers.raw_answer(_BODY, headers={
        "Content-Type": "application/json; charset=utf-42", "X-Request-Id": "r"}), ANY),
    "charset-utf32": (servers.raw_answer(_BODY.decode().encode("utf-32"), headers={
        "Content-Type": "application/json; charset=utf-32", "X-Request-Id": "r"}), ANY),
    "charset-says-ascii-sends-utf8": (servers.raw_answer(
        json.dumps({"order": good_order(note="订单")}, ensure_ascii=False).encode(), headers={
            "Content-Type": "application/json; charset=us-ascii", "X-Request-Id": "r"}), ANY),
    "encoding-x-gzip": (servers.raw_answer(gzip.compress(_BODY), headers={
        "Content-Encoding": "x-gzip", "X-Request-Id": "r"}), ANY),
    "encoding-identity": (servers.raw_answer(_BODY, headers={
        "Content-Encoding": "identity", "X-Request-Id": "r"}), ANY),
    "encoding-unknown": (servers.raw_answer(_BODY, headers={
        "Content-Encoding": "zstd-99", "X-Request-Id": "r"}), FAILS),
    "encoding-gzip-twice-listed": (servers.raw_answer(gzip.compress(_BODY), headers={
        "Content-Encoding": "gzip, gzip", "X-Request-Id": "r"}), FAILS),
    "retry-after-a-century": (servers.raw_answer(b"{}", status="429 Too Many Requests", headers={
        "Retry-After": "3153600000"}), FAILS),
    "retry-after-2099": (servers.raw_answer(b"{}", status="503 Service Unavailable", headers={
        "Retry-After": "Thu, 01 Jan 2099 00:00:00 GMT"}), FAILS),
    "retry-after-negative": (servers.raw_answer(b"{}", status="429 Too Many Requests", headers={
        "Retry-After": "-5"}), FAILS),
    "retry-after-nan": (servers.raw_answer(b"{}", status="429 Too Many Requests", headers={
        "Retry-After": "nan"}), FAILS),
    "retry-after-1e999": (servers.raw_answer(b"{}", status="503 Service Unavailable", headers={
        "Retry-After": "1e999"}), FAILS),
    "processing-then-answer": (_send(b"HTTP/1.1 102 Processing\r\n\r\n" + _head(
        "200 OK", _JSON, "X-Request-Id: r", f"Content-Length: {len(_BODY)}", _CLOSE) + _BODY),
        ANY),
    "redirect-307-to-other-port": (_send(_head("307 Temporary Redirect",
                                               "Location: http://127.0.0.1:9/x",
                                               "Content-Length: 0", _CLOSE)), FAILS),
    "redirect-to-dotdot": (servers.redirect("/../../../../etc/passwd"), FAILS),
    "redirect-to-userinfo": (servers.redirect("http://user:pw@127.0.0.1:9/"), FAILS),
    "body-json-bom": (servers.raw_answer(b"\xef\xbb\xbf" + _BODY,
                                         headers={"X-Request-Id": "r"}), ANY),
    "body-json-duplicate-key": (servers.raw_answer(
        b'{"order": {"id": 1}, "order": ' + _BODY[10:], headers={"X-Request-Id": "r"}), ANY),
}


def _server_case(name: str, responder: servers.Responder, which: str, exits: frozenset[int]
                 ) -> Case:
    def setup(root: Path) -> list[str]:
        server = HELD.enter_context(servers.raw_server(responder))
        if which == "published":
            extra = (f'[tool.seamguard.platforms.shop.published_spec]\nurl = "{server.origin}'
                     '/spec"\ntimeout = 0.5\n')
            origin, command = "http://127.0.0.1:9", "drift run"
        elif which == "probe":
            extra, origin, command = "", server.origin, "probe shop --max-examples 2"
        else:
            extra, origin = 'live = [{path = "/orders/1.json"}]\n', server.origin
            command = "drift run"
        settings = MINI_SETTINGS.replace("https://shop.example.com", origin) + extra + \
            "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n"
        return [*command.split(), "--project", str(mini(root, settings)), "-f", "json"]
    # a published spec is no order: every answer fails it, whatever the HTTP
    return Case(f"srv-{which}:{name}", setup, FAILS if which == "published" else exits)


def server_cases() -> list[Case]:
    return [_server_case(name, responder, which, exits)
            for name, (responder, exits) in SERVER_FAULTS.items()
            for which in ("live", "published", "probe")]
