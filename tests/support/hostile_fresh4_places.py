"""Where seamguard writes and what it is pointed at, built by an attacker or a careless user, for
``hostile_fresh4``.

* ``sink4``: the reports folder (``--reports`` and the ``reports`` setting) whose report files are
  links to ``/dev/full`` (a full disk: every write fails with ENOSPC), a folder, a FIFO, a link
  to a folder that does not exist, ``/dev/null`` itself, a link loop, a path whose name is not
  UTF-8; for ``verify``, ``contract lint`` and ``quality``. A report that could not be written
  must not end in a clean exit: CI would read a stale or an empty report.
* ``name4``: project files whose names are not UTF-8 (a cassette, a suite, a contract version
  folder, a mapping), each holding a planted mistake, so a file skipped is a silent pass.
* ``diff4``: each side of ``contract diff`` given as a URL (nothing listens; a server that
  stalls; a 404; an HTML page), a git ref, a folder, a FIFO, ``/dev/zero``, a JSON Schema
  document, an AsyncAPI 2 or 3 document, a Postman collection, a JSON list, an empty file, a PNG,
  and ``platform@version`` names that name nothing.
* ``env4``: ``$SEAMGUARD_PSEUDONYM_KEY`` of no, one, blank or 100,000 characters, or with a line
  break, for ``privacy scrub``.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from pathlib import Path

from tests.support import hostile_servers as servers
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh4_services import free_port, tcp_server
from tests.support.hostile_operators import _example
from tests.support.hostile_strategies import ANY, CASSETTE, FAILS, HELD, TWO, json_args, mini
from tests.support.projects import MINI_CONTRACT, good_order, interaction, write_cassette

# --- report sinks -------------------------------------------------------------------------------

REPORT_FILES = ("report.json", "junit.xml", "summary.md", "report.html")


def _full(name: str) -> Callable[[Path], None]:
    def make(reports: Path) -> None:
        reports.mkdir(parents=True, exist_ok=True)
        (reports / name).symlink_to("/dev/full")
    return make


def _folder_named(name: str) -> Callable[[Path], None]:
    def make(reports: Path) -> None:
        (reports / name).mkdir(parents=True)
    return make


def _fifo(reports: Path) -> None:
    reports.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(reports)


def _fifo_file(reports: Path) -> None:
    reports.mkdir(parents=True, exist_ok=True)
    os.mkfifo(reports / "report.json")


def _dangling(reports: Path) -> None:
    reports.parent.mkdir(parents=True, exist_ok=True)
    reports.symlink_to("/nonexistent/hostile/reports")


def _dev_null(reports: Path) -> None:
    reports.parent.mkdir(parents=True, exist_ok=True)
    reports.symlink_to("/dev/null")


def _loop(reports: Path) -> None:
    reports.parent.mkdir(parents=True, exist_ok=True)
    reports.symlink_to(reports)


SINKS: dict[str, tuple[Callable[[Path], None], frozenset[int]]] = {
    **{f"{name}-disk-full": (_full(name), TWO) for name in REPORT_FILES},
    **{f"{name}-is-a-folder": (_folder_named(name), TWO) for name in REPORT_FILES[:2]},
    "folder-is-a-fifo": (_fifo, TWO),
    "report-json-is-a-fifo": (_fifo_file, TWO),
    "link-to-nowhere": (_dangling, TWO),
    "link-to-dev-null": (_dev_null, TWO),
    "link-loop": (_loop, TWO),
}


def _clean_mini(root: Path) -> Path:
    return mini(root)


def _sink_case(label: str, make: Callable[[Path], None], exits: frozenset[int], command: str,
               via: str) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root) if command == "quality" else _clean_mini(root)
        reports = project / "out" / "reports"
        make(reports)
        argv = json_args(command, project)
        if command == "quality":
            argv += ["--only", "suite=hubspot_contacts"]
        if via == "option":
            return [*argv, "--reports", str(reports)]
        settings = project / "pyproject.toml"
        text = settings.read_text(encoding="utf-8")
        if '\nreports = "reports"\n' in text:  # the example names its folder already
            text = text.replace('\nreports = "reports"\n', '\nreports = "out/reports"\n', 1)
        else:
            text = text.replace("[tool.seamguard]\n", '[tool.seamguard]\nreports = "out/reports"\n',
                                1)
        settings.write_text(text, encoding="utf-8")
        return argv
    return Case(f"sink4-{via}-{command.replace(' ', '-')}:{label}", setup, exits, ("reports",))


def sink_cases() -> list[Case]:
    return [_sink_case(label, make, exits, command, via)
            for command in ("verify", "contract lint", "quality")
            for via in ("option", "setting")
            for label, (make, exits) in SINKS.items()]


# --- names that are not UTF-8 -------------------------------------------------------------------

_NOT_UTF8 = os.fsdecode(b"\xff\xfe-\xc3")


def _name_cassette(root: Path) -> list[str]:
    project = mini(root)
    write_cassette(project / "fixtures" / "cassettes" / f"{_NOT_UTF8}.yaml", [interaction(
        {"order": good_order(status="lost")})])
    return json_args("verify", project)


def _name_version(root: Path) -> list[str]:
    project = mini(root)
    folder = project / "contracts" / "shop" / _NOT_UTF8
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(MINI_CONTRACT.replace("paths:", "paths: 5\nx:"),
                                         encoding="utf-8")
    return json_args("contract lint", project)


def _name_suite(root: Path) -> list[str]:
    project = _example(root)
    suite = json.loads((project / "suites/hubspot_contacts.json").read_text(encoding="utf-8"))
    suite["expectations"] = [{"type": "expect_table_row_count_to_equal",
                              "kwargs": {"value": 10**9}}]
    (project / "suites" / f"{_NOT_UTF8}.json").write_text(json.dumps(suite), encoding="utf-8")
    (project / "suites/hubspot_contacts.json").unlink()
    return json_args("quality", project)


def _name_mapping(root: Path) -> list[str]:
    project = _example(root)
    folder = project / "contracts" / "mappings"
    source = sorted(folder.glob("*.yaml"))[0]
    (folder / f"{_NOT_UTF8}.yaml").write_text(source.read_text(encoding="utf-8") +
                                              "\nfields: 5\n", encoding="utf-8")
    return json_args("map lint", project)


NAMES: dict[str, Callable[[Path], list[str]]] = {
    "cassette": _name_cassette, "contract-version": _name_version, "suite": _name_suite,
    "mapping": _name_mapping,
}


def name_cases() -> list[Case]:
    # a version folder the settings do not list is not read (its name does not matter)
    return [Case(f"name4:{label}", setup, ANY if label == "contract-version" else FAILS)
            for label, setup in NAMES.items()]


# --- the sides of contract diff -----------------------------------------------------------------

_JSON_SCHEMA = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "order",
                "type": "object", "properties": {"id": {"type": "integer"}}}
_ASYNCAPI2 = "asyncapi: 2.6.0\ninfo: {title: Shop events, version: 1.0.0}\nchannels:\n" \
             "  orders/created:\n    subscribe:\n      message:\n        payload: {type: object}\n"
_ASYNCAPI3 = "asyncapi: 3.0.0\ninfo: {title: Shop events, version: 1.0.0}\nchannels:\n" \
             "  created: {address: orders/created}\noperations: {}\n"
_POSTMAN = {"info": {"_postman_id": "1", "name": "Shop", "schema":
                     "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "order", "request": {"method": "GET", "url": "{{base}}/orders"}}]}


def _write(name: str, data: bytes | str) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        path = folder / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return str(path)
    return make


def _served(respond: servers.Responder) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        return HELD.enter_context(servers.raw_server(respond)).origin + "/openapi.yaml"
    return make


def _stalling(folder: Path) -> str:
    port = HELD.enter_context(tcp_server(lambda conn: (conn.recv(4096), __import__(
        "time").sleep(600))))
    return f"http://127.0.0.1:{port}/openapi.yaml"


def _html(conn: socket.socket, server: servers.RawServer) -> None:
    body = b"<!doctype html><title>Swagger UI</title><div id=swagger-ui></div>"
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                 + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)


def _not_found(conn: socket.socket, server: servers.RawServer) -> None:
    conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


def _fifo_side(folder: Path) -> str:
    path = folder / "side.yaml"
    os.mkfifo(path)
    return str(path)


SIDES: dict[str, Callable[[Path], str]] = {
    "url-nothing-listens": lambda f: f"http://127.0.0.1:{free_port()}/openapi.yaml",
    "url-stalls": _stalling,
    "url-404": _served(_not_found),
    "url-html-page": _served(_html),
    "url-file-scheme": lambda f: "file:///etc/passwd",
    "git-ref": lambda f: "HEAD:contracts/shop/v1/openapi.yaml",
    "git-ref-range": lambda f: "main...HEAD",
    "folder": lambda f: str(f / "p" / "contracts" / "shop" / "v1"),
    "fifo": _fifo_side,
    "dev-zero": lambda f: "/dev/zero",
    "json-schema": _write("order.schema.json", json.dumps(_JSON_SCHEMA)),
    "asyncapi-2": _write("asyncapi.yaml", _ASYNCAPI2),
    "asyncapi-3": _write("asyncapi3.yaml", _ASYNCAPI3),
    "postman": _write("shop.postman_collection.json", json.dumps(_POSTMAN)),
    "json-list": _write("list.json", "[1, 2, 3]"),
    "empty": _write("empty.yaml", ""),
    "png": _write("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    "unknown-version": lambda f: "shop@v9",
    "unknown-platform": lambda f: "nosuch@v1",
    "at-sign-only": lambda f: "@",
}


def _diff_case(label: str, make: Callable[[Path], str], side: str) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        good = str(project / "contracts" / "shop" / "v1" / "openapi.yaml")
        other = make(root)
        base, revision = (other, good) if side == "base" else (good, other)
        return ["contract", "diff", base, revision, "--project", str(project), "-f", "json"]
    return Case(f"diff4-{side}:{label}", setup, TWO)


def diff_cases() -> list[Case]:
    return [_diff_case(label, make, side) for side in ("base", "revision")
            for label, make in SIDES.items()]


# --- the pseudonym key --------------------------------------------------------------------------

KEYS: dict[str, str] = {
    "empty": "", "blank": "   ", "one-character": "k", "line-break": "secret\nkey",
    "hundred-thousand": "k" * 100_000, "control-characters": "\x01\x02\x7f",
    "full-width": "\uff53\uff45\uff43\uff52\uff45\uff54", "lone-surrogate-escape": "abc\udcff",
}


def _key_case(label: str, key: str) -> Case:
    env = {"SEAMGUARD_PSEUDONYM_KEY": key}

    def setup(root: Path) -> list[str]:
        project = mini(root)
        return ["privacy", "scrub", str(project / CASSETTE), "--project", str(project)]
    return Case(f"env4-pseudonym-key:{label}", setup, ANY, env=env)


def env_cases() -> list[Case]:
    return [_key_case(label, key) for label, key in KEYS.items()]


def place_cases() -> list[Case]:
    return [*sink_cases(), *name_cases(), *diff_cases(), *env_cases()]

