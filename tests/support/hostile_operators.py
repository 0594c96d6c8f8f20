"""A generator of hostile cases by mutation operators the other corpora do not apply.

Files of a one-platform project (contract in YAML and JSON, cassette, settings) and of the
example project (a mapping, a suite, a CSV and a JSON Lines dataset) are changed by operators
that attack the reader rather than the meaning: numbers past every limit (more digits than
Python turns into an int, exponents past a double), keys that are equal once Unicode-normalised,
YAML merge keys and aliases in odd places, NUL bytes and lone surrogates, a line of megabytes,
nesting in flow style, mixed line ends. Command lines get paths with spaces, newlines, Unicode,
a FIFO or a folder where a file belongs. Servers on 127.0.0.1 break HTTP in ways the network
corpora do not (corrupt compressed bodies, 1xx/304 answers with bodies, redirects between two
paths and to another host or scheme).

``python -m tests.support.hostile_operators`` runs every case and prints one line per failing
case and the count per failure class (``classify``: internal error, hang, silent pass, wrong
exit, no location, no hint); ``CASES`` feeds the fast regression test of each class.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import socket
import sys
import tempfile
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tests.support import hostile_servers as servers
from tests.support.hostile import Outcome, count_failure, run_batch, set_up_jobs
from tests.support.hostile_cases import Case, Setup
from tests.support.hostile_strategies import (
    ANY,
    CASSETTE,
    CONTRACT,
    FAILS,
    HELD,
    TWO,
    classify,
    json_args,
    mini,
)
from tests.support.projects import MINI_SETTINGS, copy_example, good_order

Operator = Callable[[bytes], bytes]

# --- operators on text files ---------------------------------------------------------------

_DIGITS = "9" * 5000  # past CPython's 4300-digit limit on int(str)


def _after_first(pattern: bytes, insert: bytes) -> Operator:
    def change(data: bytes) -> bytes:
        match = re.search(pattern, data, re.MULTILINE)
        if match is None:
            return data + insert
        return data[:match.end()] + insert + data[match.end():]
    return change


def _yaml_value(key: bytes, value: bytes) -> Operator:
    """``key: value`` as a new first child of the first mapping (YAML)."""
    def change(data: bytes) -> bytes:
        lines = data.split(b"\n")
        for number, line in enumerate(lines):
            body = line.lstrip(b" ")
            if body.endswith(b":") and not body.startswith((b"#", b"-")):
                nxt = lines[number + 1] if number + 1 < len(lines) else b""
                indent = len(nxt) - len(nxt.lstrip(b" "))
                if indent > len(line) - len(body):
                    lines.insert(number + 1, b" " * indent + key + b": " + value)
                    return b"\n".join(lines)
        return data + b"\n" + key + b": " + value + b"\n"
    return change


def _json_value(key: str, raw: str) -> Operator:
    def change(data: bytes) -> bytes:
        return data.replace(b"{", b'{"' + key.encode() + b'": ' + raw.encode() + b", ", 1)
    return change


def _long_line(data: bytes) -> bytes:
    return b"# " + b"x" * (4 << 20) + b"\n" + data


def _nul_everywhere(data: bytes) -> bytes:
    return data.replace(b"\n", b"\x00\n", 3)


def _mixed_line_ends(data: bytes) -> bytes:
    lines = data.split(b"\n")
    ends = [b"\r\n", b"\r", b"\n"]
    return b"".join(line + ends[number % 3] for number, line in enumerate(lines))


def _latin1(data: bytes) -> bytes:
    return data.decode("utf-8").replace("Shop", "Shöp", 1).encode("latin-1", "replace")


def _nfd_twin(data: bytes) -> bytes:
    """A key and its decomposed twin: equal after NFC, different code points."""
    nfc, nfd = "caf\u00e9", unicodedata.normalize("NFD", "caf\u00e9")
    if data.lstrip().startswith(b"{"):
        return data.replace(b"{", f'{{"{nfc}": 1, "{nfd}": 2, '.encode(), 1)
    return _yaml_value(nfd.encode(), b"2")(_yaml_value(nfc.encode(), b"1")(data))


YAML_OPERATORS: dict[str, tuple[Operator, frozenset[int]]] = {
    "int-5000-digits": (_yaml_value(b"x-big", _DIGITS.encode()), ANY),
    "float-past-double": (_yaml_value(b"x-big", b"1e99999"), ANY),
    "negative-zero-hex": (_yaml_value(b"x-odd", b"-0x0"), ANY),
    "nfd-twin-keys": (_nfd_twin, ANY),
    "merge-key": (_yaml_value(b"<<", b"{description: merged}"), ANY),
    "alias-to-undefined": (_yaml_value(b"x-alias", b"*nowhere"), FAILS),
    "anchor-on-key": (_yaml_value(b"&k x-key", b"1"), ANY),
    "complex-key": (_yaml_value(b"? [a, b]\n  ", b"1"), FAILS),
    "flow-nesting-20k": (_yaml_value(b"x-deep", b"[" * 20000 + b"]" * 20000), FAILS),
    "python-name-tag": (_yaml_value(b"x-tag", b"!!python/name:os.system"), FAILS),
    "binary-tag": (_yaml_value(b"x-bin", b"!!binary AAAA"), ANY),
    "set-tag": (_yaml_value(b"x-set", b"!!set {a, b}"), ANY),
    "timestamp": (_yaml_value(b"x-when", b"2001-12-14t21:59:43.10-05:00"), ANY),
    "nul-bytes": (_nul_everywhere, FAILS),
    "lone-surrogate-escape": (_yaml_value(b"x-s", b'"\\ud800"'), ANY),
    "four-mb-line": (_long_line, ANY),
    "mixed-line-ends": (_mixed_line_ends, ANY),
    "latin1": (_latin1, ANY),
    "utf16-bom": (lambda b: b.decode().encode("utf-16"), ANY),
    "document-end-then-junk": (lambda b: b + b"\n...\n%%% junk", FAILS),
    "second-document": (lambda b: b + b"\n---\nsecond: 1\n", FAILS),
}
JSON_OPERATORS: dict[str, tuple[Operator, frozenset[int]]] = {
    "int-5000-digits": (_json_value("x-big", _DIGITS), ANY),
    "float-past-double": (_json_value("x-big", "1e99999"), ANY),
    "nfd-twin-keys": (_nfd_twin, ANY),
    "lone-surrogate": (_json_value("x-s", '"\\ud800"'), ANY),
    "nesting-50k": (_json_value("x-deep", "[" * 50000 + "]" * 50000), FAILS),
    "nul-in-string": (_json_value("x-nul", '"a\\u0000b"'), ANY),
    "raw-nul": (lambda b: b.replace(b"{", b"{\x00", 1), FAILS),
    "bom-utf8-twice": (lambda b: b"\xef\xbb\xbf\xef\xbb\xbf" + b, FAILS),
    "utf16-bom": (lambda b: b.decode().encode("utf-16"), ANY),
    "trailing-garbage": (lambda b: b + b"\n{}", FAILS),
    "nan-infinity": (_json_value("x-n", "[NaN, Infinity, -Infinity]"), ANY),
    "four-mb-string": (_json_value("x-long", '"' + "x" * (4 << 20) + '"'), ANY),
}
TOML_OPERATORS: dict[str, tuple[Operator, frozenset[int]]] = {
    "int-5000-digits": (_after_first(rb"^\[tool\.seamguard\]\n", f"max_depth = {_DIGITS}\n"
                                     .encode()), TWO),
    "float-past-double": (_after_first(rb"^\[tool\.seamguard\]\n", b"max_body_mb = 1e99999\n"),
                          TWO),
    "nfd-twin-platform": (lambda b: b + "".join(
        f'\n[tool.seamguard.platforms."{name}"]\nversions = ["v1"]\nbase_url = "https://a.example"\n'
        for name in ("caf\u00e9", "cafe\u0301")).encode(), ANY),
    "nul-in-string": (_after_first(rb"^\[tool\.seamguard\]\n", b'reports = "a\\u0000b"\n'), TWO),
    "raw-nul": (lambda b: b.replace(b"\n", b"\x00\n", 1), TWO),
    "latin1-comment": (lambda b: b"# caf\xe9\n" + b, TWO),
    "utf16-bom": (lambda b: b.decode().encode("utf-16"), TWO),
    "cr-only": (lambda b: b.replace(b"\n", b"\r"), TWO),
    "four-mb-line": (_long_line, ANY),
    "deep-inline-array": (_after_first(rb"^\[tool\.seamguard\]\n",
                                       b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n"), TWO),
}
CSV_OPERATORS: dict[str, tuple[Operator, frozenset[int]]] = {
    "nul-bytes": (_nul_everywhere, FAILS),
    "utf16-bom": (lambda b: b.decode().encode("utf-16"), ANY),
    "latin1": (lambda b: b.decode().replace("a", "\u00e4", 3).encode("latin-1", "replace"), ANY),
    "cr-only": (lambda b: b.replace(b"\n", b"\r"), ANY),
    "mixed-line-ends": (_mixed_line_ends, ANY),
    "int-5000-digits": (lambda b: b.replace(b"\n", b"\n" + _DIGITS.encode() + b",", 1), FAILS),
    # no rows: every expectation holds, as in GX; a suite that needs rows says so with
    # expect_table_row_count_to_be_between (mutation_fuzz judges it the same way)
    "header-only": (lambda b: b.split(b"\n", 1)[0] + b"\n", ANY),
    "duplicate-header": (lambda b: b.split(b"\n", 1)[0] + b"," + b.split(b",", 1)[0] + b"\n"
                         + b.split(b"\n", 1)[1], FAILS),
    # a file without quoted fields: DuckDB's sniffer takes no quote character, so the stray
    # quote is text of the value (what the file says, read one consistent way)
    "unclosed-quote": (lambda b: b.replace(b"\n", b'\n"', 2), ANY),
    "four-mb-field": (lambda b: b.replace(b"\n", b"\n" + b"x" * (4 << 20), 2), FAILS),
}
JSONL_OPERATORS: dict[str, tuple[Operator, frozenset[int]]] = {
    "int-5000-digits": (lambda b: b.replace(b"{", b'{"x": ' + _DIGITS.encode() + b", ", 1),
                        ANY),
    "lone-surrogate": (lambda b: b.replace(b"{", b'{"x": "\\udc00", ', 1), ANY),
    "nesting-50k": (lambda b: b.replace(b"{", b'{"x": ' + b"[" * 50000 + b"]" * 50000 + b", ",
                                        1), FAILS),
    "a-list-line": (lambda b: b"[1, 2]\n" + b, FAILS),
    "utf16-bom": (lambda b: b.decode().encode("utf-16"), ANY),
    "nul-bytes": (_nul_everywhere, FAILS),
    "cr-only": (lambda b: b.replace(b"\n", b"\r"), ANY),
}


def _json_contract(project: Path) -> None:
    import yaml

    yaml_path = project / CONTRACT
    data = yaml.safe_load(yaml_path.read_text(encoding="utf-8"))
    yaml_path.unlink()
    (yaml_path.with_suffix(".json")).write_text(json.dumps(data, indent=2), encoding="utf-8")


def _mini_file_case(family: str, relative: str, name: str, operator: Operator,
                    exits: frozenset[int], command: str, prepare: Callable[[Path], None] | None
                    = None) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        if prepare is not None:
            prepare(project)
        path = project / relative
        path.write_bytes(operator(path.read_bytes()))
        return [a.replace("{p}", str(project)) for a in json_args(command, project)]
    return Case(f"{family}:{name}", setup, exits)


_EXAMPLE: list[Path] = []


def _example(root: Path) -> Path:
    """A copy of the example project (made once per process, then copied)."""
    import shutil

    if not _EXAMPLE:
        _EXAMPLE.append(copy_example(Path(tempfile.mkdtemp(prefix="example-")) / "x"))
    project = root / "p"
    shutil.copytree(_EXAMPLE[0], project, symlinks=True)
    return project


def _example_file_case(family: str, relative: str, name: str, operator: Operator,
                       exits: frozenset[int], command: str) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        path = project / relative
        path.write_bytes(operator(path.read_bytes()))
        return json_args(command, project)
    return Case(f"{family}:{name}", setup, exits)


MAPPING = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
SUITE = "suites/hubspot_deals.json"
CSV = "fixtures/datasets/hubspot_contacts.csv"
JSONL = "fixtures/datasets/shopify_orders.jsonl"


BASELINE = """schema: seamguard.baseline/1
accept:
  - code: field.undeclared
    platform: shop
    pointer: /order/x-*
    reason: beta fields nothing reads
    owner: ops@example.cn
    expires: 2099-12-31
"""


def _side_file(relative: str, text: str) -> Callable[[Path], None]:
    return lambda project: (project / relative).write_text(text, encoding="utf-8")


def file_cases() -> list[Case]:
    cases = []
    for name, (operator, exits) in YAML_OPERATORS.items():
        cases.append(_mini_file_case("baseline", "baseline.yaml", name, operator, exits,
                                     "verify --baseline {p}/baseline.yaml",
                                     _side_file("baseline.yaml", BASELINE)))

    for name, (operator, exits) in YAML_OPERATORS.items():
        cases.append(_mini_file_case("contract-yaml", CONTRACT, name, operator, exits,
                                     "verify"))
        cases.append(_mini_file_case("cassette", CASSETTE, name, operator, exits, "verify"))
    for name, (operator, exits) in JSON_OPERATORS.items():
        cases.append(_mini_file_case("contract-json", CONTRACT.replace(".yaml", ".json"), name,
                                     operator, exits, "verify", _json_contract))
    for name, (operator, exits) in TOML_OPERATORS.items():
        cases.append(_mini_file_case("settings", "pyproject.toml", name, operator, exits,
                                     "check"))
    return cases


def example_cases() -> list[Case]:
    cases = []
    for name, (operator, exits) in YAML_OPERATORS.items():
        cases.append(_example_file_case("mapping", MAPPING, name, operator, exits, "map lint"))
    for name, (operator, exits) in JSON_OPERATORS.items():
        cases.append(_example_file_case("suite", SUITE, name, operator, exits,
                                        "quality --only suite=hubspot_deals"))
    for name, (operator, exits) in CSV_OPERATORS.items():
        cases.append(_example_file_case("csv", CSV, name, operator, exits,
                                        "quality --only dataset=hubspot_contacts"))
    for name, (operator, exits) in JSONL_OPERATORS.items():
        cases.append(_example_file_case("jsonl", JSONL, name, operator, exits,
                                        "quality --only dataset=shopify_orders"))
    return cases


# --- type confusion at every key, files replaced by other kinds of file ------------------------

def _nodes(document: object, path: tuple[object, ...] = (), depth: int = 5
           ) -> list[tuple[object, ...]]:
    """Every path into ``document`` down to ``depth`` (the root excluded)."""
    found: list[tuple[object, ...]] = []
    if depth == 0:
        return found
    items = document.items() if isinstance(document, dict) else enumerate(document) \
        if isinstance(document, list) else ()
    for key, value in items:
        found.append((*path, key))
        found.extend(_nodes(value, (*path, key), depth - 1))
    return found


def _other_type(value: object) -> object:
    """A value of another JSON type than ``value``."""
    if isinstance(value, dict):
        return ["a", "list"]
    if isinstance(value, list):
        return {"a": "mapping"}
    if isinstance(value, str):
        return 42 if not value.isdigit() else {"not": "text"}
    if isinstance(value, bool | int | float):
        return "text"
    return {"null": "was here"}


def _confused_at(node: tuple[object, ...], kind: str) -> Operator:
    def change(data: bytes) -> bytes:
        import yaml

        document = json.loads(data) if kind == "json" else yaml.safe_load(data)
        parent = document
        for key in node[:-1]:
            parent = parent[key]
        parent[node[-1]] = _other_type(parent[node[-1]])
        if kind == "json":
            return json.dumps(document, ensure_ascii=False).encode()
        return yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode()
    return change


def confusion_cases(per_file: int = 24) -> list[Case]:
    import yaml

    from tests.support.projects import MINI_CONTRACT, REPO

    def spread(nodes: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
        return nodes[::max(1, len(nodes) // per_file)][:per_file]

    cases = []
    contract = yaml.safe_load(MINI_CONTRACT)
    for node in spread(_nodes(contract)):
        cases.append(_mini_file_case("confused-contract", CONTRACT, "/".join(map(str, node)),
                                     _confused_at(node, "yaml"), FAILS, "check"))
    cassette = yaml.safe_load((REPO / MAPPING).read_text(encoding="utf-8"))
    for node in spread(_nodes(cassette)):
        cases.append(_example_file_case("confused-mapping", MAPPING, "/".join(map(str, node)),
                                        _confused_at(node, "yaml"), FAILS,
                                        "map test" if node[0] == "examples" else "map lint"))
    suite = json.loads((REPO / SUITE).read_text(encoding="utf-8"))
    for node in spread(_nodes(suite)):
        cases.append(_example_file_case("confused-suite", SUITE, "/".join(map(str, node)),
                                        _confused_at(node, "json"), ANY,
                                        "quality --only suite=hubspot_deals"))
    return cases


def _as_other_file(kind: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        import shutil

        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        if kind == "folder":
            path.mkdir()
            (path / "inside.yaml").write_text("a: 1\n", encoding="utf-8")
        elif kind == "dangling-link":
            path.symlink_to(path.with_name("no-such-file"))
        elif kind == "link-loop":
            path.symlink_to(path)
        elif kind == "empty":
            path.write_bytes(b"")
        elif kind == "blank":
            path.write_bytes(b"  \n\t\n")
        elif kind == "fifo":
            os.mkfifo(path)
    return change


def _replaced(relative: str, kind: str, command: str, example: bool) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root) if example else mini(root)
        _as_other_file(kind)(project / relative)
        return json_args(command, project)
    return Case(f"replaced-{relative.rsplit('/', 1)[-1]}:{kind}", setup, FAILS)


FILE_KINDS = ("folder", "dangling-link", "link-loop", "empty", "blank", "fifo")


def replaced_cases() -> list[Case]:
    return [
        *(_replaced(CONTRACT, kind, "verify", False) for kind in FILE_KINDS),
        *(_replaced(CASSETTE, kind, "verify", False) for kind in FILE_KINDS),
        *(_replaced(MAPPING, kind, "map lint", True) for kind in FILE_KINDS),
        *(_replaced(SUITE, kind, "quality --only suite=hubspot_deals", True)
          for kind in FILE_KINDS),
        *(_replaced(JSONL, kind, "quality --only dataset=shopify_orders", True)
          for kind in FILE_KINDS),
    ]


# --- command lines ------------------------------------------------------------------------------

def _cli(*argv: str, make: Callable[[Path, Path], None] | None = None) -> Setup:
    """``argv`` with ``{p}`` the project and ``{r}`` the case's root."""
    def setup(root: Path) -> list[str]:
        project = mini(root)
        if make is not None:
            make(root, project)
        return [a.replace("{p}", str(project)).replace("{r}", str(root)) for a in argv]
    return setup


def _fifo(name: str) -> Callable[[Path, Path], None]:
    return lambda root, project: os.mkfifo(root / name)


def _folder(name: str) -> Callable[[Path, Path], None]:
    return lambda root, project: (root / name).mkdir(parents=True)


def _odd_project(name: str) -> Setup:
    def setup(root: Path) -> list[str]:
        project = mini(root / name)
        return ["verify", "--project", str(project), "-f", "json"]
    return setup


CLI_CASES = [
    Case("cli:unknown-subcommand", _cli("contract", "lnt", "--project", "{p}")),
    Case("cli:subcommand-of-nothing", _cli("verify", "extra", "--project", "{p}")),
    Case("cli:format-twice-conflicting", _cli("verify", "-f", "json", "-f", "markdown",
                                              "--project", "{p}"), ANY | FAILS),
    Case("cli:only-unknown-kind", _cli("verify", "--only", "planet=mars", "--project", "{p}")),
    Case("cli:only-no-equals", _cli("verify", "--only", "shop", "--project", "{p}")),
    Case("cli:fail-on-empty", _cli("verify", "--fail-on", "", "--project", "{p}")),
    Case("cli:baseline-fifo", _cli("verify", "--baseline", "{r}/b.yaml", "--project", "{p}",
                                   make=_fifo("b.yaml"))),
    Case("cli:baseline-missing", _cli("verify", "--baseline", "{r}/none.yaml", "--project",
                                      "{p}")),
    Case("cli:ignore-fifo", _cli("contract", "diff", "shop@v1", "shop@v1", "--ignore",
                                 "{r}/i.yaml", "--project", "{p}", make=_fifo("i.yaml"))),
    Case("cli:diff-side-folder", _cli("contract", "diff", "{r}/d", "shop@v1", "--project",
                                      "{p}", make=_folder("d"))),
    Case("cli:diff-side-fifo", _cli("contract", "diff", "{r}/s.yaml", "shop@v1", "--project",
                                    "{p}", make=_fifo("s.yaml"))),
    Case("cli:diff-side-empty", _cli("contract", "diff", "", "shop@v1", "--project", "{p}")),
    Case("cli:scan-fifo", _cli("privacy", "scan", "{r}/f.yaml", "--project", "{p}",
                               make=_fifo("f.yaml")), FAILS),
    Case("cli:scrub-folder-of-nothing", _cli("privacy", "scrub", "{r}/d", "--project", "{p}",
                                             make=_folder("d")), FAILS),
    Case("cli:reports-is-a-fifo", _cli("verify", "--reports", "{r}/out", "--project", "{p}",
                                       make=_fifo("out"))),
    Case("cli:map-explain-missing", _cli("map", "explain", "nope", "{r}/x.json", "--project",
                                         "{p}")),
    Case("cli:record-from-folder", _cli("record", "GET", "/orders/1.json", "--from", "{r}/d",
                                        "--project", "{p}", make=_folder("d"))),
    Case("cli:history-git-not-a-repo", _cli("contract", "history", "shop", "spec.yaml", "--git",
                                            "{r}/d", make=_folder("d"))),
    Case("cli:project-with-newline", _odd_project("a\nb"), ANY),
    Case("cli:project-with-spaces-unicode", _odd_project("订单 项目 ä"), ANY),
    Case("cli:project-leading-dash", _odd_project("-p"), ANY),
]


# --- network ------------------------------------------------------------------------------------

_BODY = json.dumps({"order": good_order()}).encode()


def _raw(head: bytes, body: bytes = b"") -> servers.Responder:
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(head + body)
    return respond


def _head(status: str, **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _answer(body: bytes, status: str = "200 OK", **headers: str) -> servers.Responder:
    return _raw(_head(status, Content_Type="application/json", Content_Length=str(len(body)),
                      Connection="close", **headers), body)


def _redirects(hops: list[str]) -> servers.Responder:
    """302 to each location of ``hops`` in turn (then again from the start)."""
    count = [0]

    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        location = hops[count[0] % len(hops)]
        count[0] += 1
        conn.sendall(_head("302 Found", Location=location, Content_Length="0"))
    return respond


NEW_RESPONDERS: dict[str, servers.Responder] = {
    "gzip-corrupt": _answer(gzip.compress(_BODY)[:12] + b"\xff" * 40, Content_Encoding="gzip"),
    "gzip-truncated": _answer(gzip.compress(_BODY)[:-12], Content_Encoding="gzip"),
    "deflate-corrupt": _answer(b"\x78\x9c\xff\xff" + b"\x00" * 30, Content_Encoding="deflate"),
    "deflate-raw": _answer(zlib.compress(_BODY)[2:-4], Content_Encoding="deflate"),
    "br-corrupt": _answer(b"\x8b\xff\xff\xff garbage", Content_Encoding="br"),
    "gzip-twice-said-once": _answer(gzip.compress(gzip.compress(_BODY)),
                                    Content_Encoding="gzip"),
    "gzip-declared-body-plain": _answer(_BODY, Content_Encoding="gzip"),
    "101-with-body": _raw(_head("101 Switching Protocols", Upgrade="websocket",
                                Connection="Upgrade"), _BODY),
    "304-with-body": _raw(_head("304 Not Modified", Content_Length=str(len(_BODY)),
                                Connection="close"), _BODY),
    "204-with-length": _raw(_head("204 No Content", Content_Length=str(len(_BODY)),
                                  Connection="close"), _BODY),
    "length-shorter-than-body": _raw(_head("200 OK", Content_Type="application/json",
                                           Content_Length="5", Connection="close"), _BODY),
    "chunk-ext-garbage": _raw(_head("200 OK", Content_Type="application/json",
                                    Transfer_Encoding="chunked"),
                              f"{len(_BODY):x};\x00\x01\r\n".encode() + _BODY
                              + b"\r\n0\r\n\r\n"),
    "chunked-and-length": _raw(_head("200 OK", Content_Type="application/json",
                                     Transfer_Encoding="chunked", Content_Length="3"),
                               f"{len(_BODY):x}\r\n".encode() + _BODY + b"\r\n0\r\n\r\n"),
    "chunked-no-final": _raw(_head("200 OK", Content_Type="application/json",
                                   Transfer_Encoding="chunked", Connection="close"),
                             f"{len(_BODY):x}\r\n".encode() + _BODY + b"\r\n"),
    "redirect-ping-pong": _redirects(["/a", "/b"]),
    "redirect-other-host": _redirects(["http://localhost:9/orders/1.json"]),
    "redirect-to-file": _redirects(["file:///etc/passwd"]),
    "redirect-no-location": _raw(_head("302 Found", Content_Length="0")),
    "redirect-bad-location": _redirects(["http://[::1"]),
    "json-int-5000-digits": _answer(b'{"order": {"id": ' + _DIGITS.encode() + b"}}"),
    "json-float-past-double": _answer(b'{"order": {"id": 1e99999}}'),
    "json-nesting-50k": _answer(b'{"order": ' + b"[" * 50000 + b"]" * 50000 + b"}"),
    "json-lone-surrogate": _answer(b'{"order": {"name": "\\ud800"}}'),
    "json-utf16": _answer(json.dumps({"order": good_order()}).encode("utf-16")),
    "json-nul": _answer(b'{"order": {"name": "a\x00b"}}'),
}


def _network(responder: servers.Responder, which: str) -> Setup:
    def setup(root: Path) -> list[str]:
        server = HELD.enter_context(servers.raw_server(responder))
        if which == "published":
            extra = (f'[tool.seamguard.platforms.shop.published_spec]\nurl = "{server.origin}'
                     '/spec"\ntimeout = 0.5\n')
            origin = "http://127.0.0.1:9"
            command = "drift run"
        elif which == "probe":
            extra, origin, command = "", server.origin, "probe shop --max-examples 2"
        else:
            extra, origin = 'live = [{path = "/orders/1.json"}]\n', server.origin
            command = "drift run"
        settings = MINI_SETTINGS.replace("https://shop.example.com", origin) + extra + \
            "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n"
        return json_args(command, mini(root, settings))
    return setup


# Answers an HTTP client may read as the intended body (RFC 9112: chunked overrides a
# Content-Length; chunk extensions are ignored; "deflate" is often sent raw, and httpx and
# urllib3 read both forms): a pass is right when the body is the good one.
LENIENT = {"deflate-raw", "chunk-ext-garbage", "chunked-and-length"}
NETWORK_CASES = [Case(f"net-{which}:{name}", _network(responder, which),
                      ANY if name in LENIENT else FAILS)
                 for name, responder in NEW_RESPONDERS.items()
                 for which in ("live", "published", "probe")]


# --- the campaign ------------------------------------------------------------------------------

def all_cases(*, example: bool = True) -> list[Case]:
    return [*file_cases(), *(example_cases() if example else []), *CLI_CASES, *NETWORK_CASES,
            *(confusion_cases() + replaced_cases() if example else [])]


def judge(case: Case, outcome: Outcome) -> list[str]:
    """``classify``, where a command-line problem is placed by its argument and a file that
    is no file (a folder, a pipe, a broken link) by its path: neither has a line."""
    wrong = classify(outcome, case.exits, case.expect)
    whole_file = case.id.startswith("replaced-") and case.id.split(":")[0].removeprefix(
        "replaced-") in outcome.text
    if case.id.startswith("cli:") or whole_file:
        wrong = [w for w in wrong if w != "no-location"]
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only cases whose id contains this")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--show", type=int, default=3, help="lines of output per failure")
    parser.add_argument("--all", action="store_true", help="a line for every case")
    args = parser.parse_args()
    cases = [case for case in all_cases(example="example" not in os.environ.get(
        "SKIP", "")) if args.only in case.id]
    failures: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as scratch, HELD:
        jobs = set_up_jobs(cases, scratch)
        outcomes = run_batch(jobs, timeout=args.timeout)
    failing = 0
    for case in cases:
        outcome = outcomes[case.id]
        wrong = judge(case, outcome)
        count_failure(failures, wrong, outcome, case.id)
        if wrong:
            failing += 1
            for line in outcome.text.strip().splitlines()[-args.show:]:
                print("    | " + line[:300])
    if args.all:  # every case's exit and first words, to check what the judge accepted
        for case in cases:
            said = outcomes[case.id].text.strip()[:160].replace("\n", " ")
            print(case.id, outcomes[case.id].code, said)
    print(f"cases {len(cases)}; failing {failing}; by class {dict(failures)}")
    sys.exit(0)


if __name__ == "__main__":
    main()
