"""Hostile inputs made by generators, one strategy per family, every case through the real CLI
with a time bound (worker processes, tests/support/hostile.py).

Families: type confusion at every key of the settings model; every project file re-encoded,
given other line endings or cut short; mappings, suites and datasets that are valid YAML/JSON
but wrong in meaning; damaged drift histories (rows a crash or another writer left behind);
command lines with conflicting, repeated or odd options; network faults on 127.0.0.1. Each
outcome is classified (tests/support/hostile_strategies.py): an internal error, a hang, a
silent pass, a wrong exit code and a message without location or hint all fail the case.
Large families are sampled deterministically (the same cases on every run).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import sqlite3
import struct
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from seamguard.project import Settings
from tests.support import hostile_servers as servers
from tests.support.hostile import Job, Outcome, outcome_of, run_batch
from tests.support.hostile_cases import Case, Setup
from tests.support.hostile_strategies import (
    BENIGN,
    ENCODINGS,
    classify,
    settings_variants,
    stable_pick,
    truncations,
)
from tests.support.projects import MINI_SETTINGS, REPO, copy_example, good_order, mini_project

ANY = frozenset({0, 1, 2})
ONE = frozenset({1})
TWO = frozenset({2})
FAILS = frozenset({1, 2})
CONTRACT = "contracts/shop/v1/openapi.yaml"
CASSETTE = "fixtures/cassettes/orders.yaml"
HISTORY = "reports/drift-history.sqlite"


def _mini(root: Path, settings: str = MINI_SETTINGS) -> Path:
    return mini_project(root / "p", settings=settings,
                        interactions=[_order_interaction(1), _order_interaction(2)])


def _order_interaction(number: int) -> dict[str, Any]:
    from tests.support.projects import interaction

    return interaction({"order": good_order(id=number)},
                       uri=f"https://shop.example.com/api/v1/orders/{number}.json")


def _json(command: str, project: Path) -> list[str]:
    return [*command.split(), "--project", str(project), "-f", "json"]


# --- 1. settings: every key of the model, type-confused ---------------------------------------

_BASE = tomllib.loads(MINI_SETTINGS)["tool"]["seamguard"]


def _settings_case(case_id: str, text: str, key: str, strict: bool) -> Case:
    def setup(root: Path) -> list[str]:
        return _json("check", _mini(root, text))
    return Case(f"settings:{case_id}", setup, TWO if strict else ANY,
                ("pyproject.toml", key) if strict else ())


SETTINGS_CASES = [_settings_case(*variant) for variant in settings_variants(Settings, _BASE)]


# --- 2. every file of a project re-encoded, re-ended, cut short --------------------------------

_EXAMPLE: list[Path] = []


def _example(root: Path) -> Path:
    if not _EXAMPLE:
        _EXAMPLE.append(copy_example(root.parent / "_example_strategies"))
    project = root / "p"
    shutil.copytree(_EXAMPLE[0], project, symlinks=True)
    return project


def _json_contract(project: Path) -> None:
    path = project / CONTRACT
    path.with_suffix(".json").write_text(json.dumps(yaml.safe_load(path.read_text()),
                                                    indent=2), encoding="utf-8")
    path.unlink()


MINI_FILES = {
    "pyproject.toml": ("check", None),
    CONTRACT: ("check", None),
    "contracts/shop/v1/openapi.json": ("verify", _json_contract),
    CASSETTE: ("verify", None),
}
MAPPING = "contracts/mappings/shopify-customer-to-hubspot-contact.yaml"
EXAMPLE_FILES = {
    MAPPING: "map lint",
    "suites/hubspot_contacts.json": "quality --only suite=hubspot_contacts",
    "fixtures/datasets/hubspot_contacts.csv": "quality --only suite=hubspot_contacts",
    "fixtures/datasets/shopify_customers.jsonl": "reconcile --only reconcile=customers-to-contacts",
}


def _file_case(label: str, relative: str, change: Callable[[bytes], bytes], exits: frozenset[int],
               command: str, prepare: Callable[[Path], None] | None, example: bool) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root) if example else _mini(root)
        if prepare is not None:
            prepare(project)
        path = project / relative
        path.write_bytes(change(path.read_bytes()))
        return _json(command, project)
    name = Path(relative).name
    return Case(f"file:{name}:{label}", setup, exits, (name,) if 0 not in exits else ())


# Mutations a format allows (the run must end as the pristine one did, exit 0), by suffix:
# TOML and JSON take tabs as whitespace; YAML and JSON take a lone CR as a line break.
ALLOWED = {".toml": {"tab-indented"}, ".yaml": {"cr-only"},
           ".json": {"tab-indented", "cr-only"}, ".csv": {"tab-indented"},
           ".jsonl": {"tab-indented"}}
# A cut that leaves a shorter well-formed file cannot be told from a short file: whatever
# the exit, no crash, no hang, and a located message when it fails.
UNDECIDED = {".csv": {"cr-only"}, ".jsonl": {"cr-only"}, ".yaml": {"bom-in-the-middle"}}


def _exits(relative: str, label: str) -> frozenset[int]:
    suffix = Path(relative).suffix
    if label.startswith("cut-at") or label in UNDECIDED.get(suffix, ()):
        return ANY
    return frozenset({0}) if label in ALLOWED.get(suffix, ()) else FAILS


def _file_cases() -> Iterator[Case]:
    for relative, (command, prepare) in MINI_FILES.items():
        original = _original(relative, prepare)
        mutations = {**ENCODINGS, **truncations(original)}
        for label, change in mutations.items():
            yield _file_case(label, relative, change, _exits(relative, label), command, prepare,
                             False)
        for label, change in BENIGN.items():
            yield _file_case(label, relative, change, frozenset({0}), command, prepare, False)
    for relative, command in EXAMPLE_FILES.items():
        original = (REPO / relative).read_bytes()
        mutations = {**ENCODINGS, **truncations(original)}
        for label in stable_pick(relative, sorted(mutations), 3):
            yield _file_case(label, relative, mutations[label], _exits(relative, label),
                             command, None, True)
        yield _file_case("crlf", relative, BENIGN["crlf"], frozenset({0}), command, None, True)


def _original(relative: str, prepare: Callable[[Path], None] | None) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        project = _mini(Path(scratch))
        if prepare is not None:
            prepare(project)
        return (project / relative).read_bytes()


FILE_CASES = list(_file_cases())


# --- 3. valid YAML/JSON, wrong meaning ---------------------------------------------------------

def _mapping(change: Callable[[dict[str, Any]], None], command: str = "map lint") -> Setup:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        path = project / MAPPING
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(spec)
        path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        return _json(command, project)
    return setup


def _field(index: int, **changes: Any) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        spec["fields"][index].update(changes)
    return change


def _put(*path: Any, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(spec: dict[str, Any]) -> None:
        node = spec
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def _twice(spec: dict[str, Any]) -> None:
    spec["fields"].append(dict(spec["fields"][0]))


SUITE = "suites/hubspot_contacts.json"


def _suite(change: Callable[[dict[str, Any]], None]) -> Setup:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        path = project / SUITE
        suite = json.loads(path.read_text(encoding="utf-8"))
        change(suite)
        path.write_text(json.dumps(suite, indent=1), encoding="utf-8")
        return _json("quality --only suite=hubspot_contacts", project)
    return setup


def _settings_edit(old: str, new: str, command: str) -> Setup:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        path = project / "pyproject.toml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return _json(command, project)
    return setup


RECONCILE = "reconcile --only reconcile=customers-to-contacts"
SEMANTIC_CASES = [
    Case("mapping:source-field-missing", _mapping(_field(1, source="no_such_field")), ONE,
         (MAPPING, "no_such_field")),
    Case("mapping:target-field-missing", _mapping(_field(1, target="no_such_property")), ONE,
         (MAPPING, "no_such_property")),
    Case("mapping:enum-missing", _mapping(_field(6, enum="no_such_enum")), FAILS,
         (MAPPING, "no_such_enum")),
    Case("mapping:fields-empty", _mapping(_put("fields", value=[])), FAILS, (MAPPING,)),
    Case("mapping:field-twice", _mapping(_twice), FAILS, (MAPPING, "email")),
    Case("mapping:identity-source-missing", _mapping(_put("identity", "source", value="nope")),
         FAILS, (MAPPING, "nope")),
    Case("mapping:version-field-missing", _mapping(_put("version", "field", value="nope_at")),
         FAILS, (MAPPING, "nope_at")),
    Case("mapping:pii-destination-missing", _mapping(
        _put("pii", "allowed_destinations", value=["no_such_property"])), FAILS,
         (MAPPING, "no_such_property")),
    Case("mapping:enums-empty", _mapping(_put("enums", "lifecycle", value={})), FAILS,
         (MAPPING, "lifecycle")),
    Case("mapping:transforms-empty-in-test", _mapping(_field(0, transforms=[]), "map test"),
         ANY, ()),
    Case("mapping:recorded-empty", _mapping(_put("source", "recorded", value=[])), ANY, ()),
    Case("mapping:target-is-source-contract", _mapping(
        _put("target", "contract", value="shopify@2024-07")), FAILS, (MAPPING,)),
    Case("suite:no-expectations", _suite(lambda s: s.update(expectations=[])), FAILS,
         ("hubspot_contacts",)),
    Case("suite:expectation-twice", _suite(
        lambda s: s["expectations"].append(s["expectations"][0])), ANY, ()),
    Case("suite:kwargs-a-list", _suite(
        lambda s: s["expectations"][0].update(kwargs=["column"])), FAILS, (SUITE,)),
    Case("suite:expectations-a-mapping", _suite(
        lambda s: s.update(expectations={"a": 1})), FAILS, (SUITE,)),
    Case("dataset:key-missing-column", _settings_edit(
        'key = ["shopify_customer_id"]', 'key = ["no_such_column"]',
        "quality --only suite=hubspot_contacts"), FAILS, ("no_such_column",)),
    Case("dataset:key-empty", _settings_edit(
        'key = ["shopify_customer_id"]', "key = []", RECONCILE), ANY, ()),
    Case("dataset:key-twice", _settings_edit(
        'key = ["shopify_customer_id"]', 'key = ["shopify_customer_id", "shopify_customer_id"]',
        RECONCILE), FAILS, ("pyproject.toml",)),
    Case("dataset:mapping-missing", _settings_edit(
        'mapping = "shopify-customer-to-hubspot-contact"\nkey', 'mapping = "no-such-mapping"\nkey',
        "quality --only suite=hubspot_contacts"), FAILS, ("no-such-mapping",)),
    Case("dataset:dtype-unknown-column", _settings_edit(
        'dtypes = { mobilephone = "string"', 'dtypes = { no_such_column = "string"',
        "quality --only suite=hubspot_contacts"), FAILS, ("no_such_column",)),
    Case("dataset:dtype-unknown-type", _settings_edit(
        'mobilephone = "string"', 'mobilephone = "stringly"',
        "quality --only suite=hubspot_contacts"), FAILS, ("stringly",)),
    Case("reconcile:mapping-of-other-datasets", _settings_edit(
        'mapping = "shopify-customer-to-hubspot-contact"\nsource = "shopify_customers"',
        'mapping = "shopify-order-to-hubspot-deal"\nsource = "shopify_customers"', RECONCILE),
         FAILS, ("customers-to-contacts",)),
    Case("reconcile:source-is-target", _settings_edit(
        'source = "shopify_customers"\ntarget = "hubspot_contacts"',
        'source = "hubspot_contacts"\ntarget = "hubspot_contacts"', RECONCILE), FAILS,
         ("customers-to-contacts",)),
    Case("reconcile:status-column-missing", _settings_edit(
        'status = "lifecyclestage"', 'status = "no_such_status"', RECONCILE), FAILS,
         ("no_such_status",)),
]


# Recordings and contracts that parse but say something odd.

def _recorded(change: Callable[[dict[str, Any]], None], command: str = "verify") -> Setup:
    def setup(root: Path) -> list[str]:
        project = _mini(root)
        path = project / CASSETTE
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data["interactions"][0])
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return _json(command, project)
    return setup


def _set_in(*path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(node: dict[str, Any]) -> None:
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def _contract(old: str, new: str, command: str = "verify") -> Setup:
    def setup(root: Path) -> list[str]:
        project = _mini(root)
        path = project / CONTRACT
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return _json(command, project)
    return setup


RECORDED_CASES = [
    Case("recorded:gzip-declared-plain-body", _recorded(_set_in(
        "response", "headers", "Content-Encoding", value=["gzip"])), ANY, ()),
    Case("recorded:html-declared", _recorded(_set_in(
        "response", "headers", "Content-Type", value=["text/html"])), FAILS, (CASSETTE,)),
    Case("recorded:uri-broken-percent", _recorded(_set_in(
        "request", "uri", value="https://shop.example.com/api/v1/orders/%ZZ.json")), ANY, ()),
    Case("recorded:uri-double-slash", _recorded(_set_in(
        "request", "uri", value="https://shop.example.com/api/v1//orders/1.json")), FAILS,
         (CASSETTE,)),
    Case("recorded:method-lower-case", _recorded(_set_in("request", "method", value="get")),
         ANY, ()),
    Case("recorded:header-values-numbers", _recorded(_set_in(
        "response", "headers", "X-Request-Id", value=[1, 2])), ANY, ()),
    Case("recorded:status-a-boolean", _recorded(_set_in(
        "response", "status", "code", value=True)), FAILS, (CASSETTE,)),
    Case("recorded:body-latin1-declared-utf8", _recorded(_set_in(
        "response", "body", "string", value=b'{"order": {"note": "caf\xe9"}}')), FAILS,
         (CASSETTE,)),
    Case("recorded:404-with-an-order", _recorded(_set_in(
        "response", "status", "code", value=404)), ANY, ()),
    Case("contract:enum-empty", _contract("enum: [open, paid, cancelled]", "enum: []"),
         FAILS, (CASSETTE,)),
    Case("contract:required-undeclared", _contract(
        "required: [id, status, total, created_at]",
        "required: [id, status, total, created_at, ghost]"), FAILS, ("ghost",)),
    Case("contract:path-parameter-missing", _contract(
        "- {name: id, in: path, required: true, schema: {type: integer}}",
        "- {name: order_id, in: path, required: true, schema: {type: integer}}",
        "contract lint"), FAILS, (CONTRACT,)),
    Case("contract:status-range-only", _contract('"200":', '"2XX":'), ANY, ()),
    Case("contract:media-any", _contract("application/json:\n              schema:\n"
                                         "                type: object",
                                         "'*/*':\n              schema:\n"
                                         "                type: object"), ANY, ()),
    Case("contract:integer-date-time", _contract(
        "created_at: {type: string, format: date-time}",
        "created_at: {type: integer, format: date-time}"), FAILS, (CASSETTE,)),
]


# --- 4. drift history: rows a crash, a newer writer or another program left ---------------------

def _history_project(root: Path, extra: str = "") -> Path:
    settings = MINI_SETTINGS.replace("https://shop.example.com", "http://127.0.0.1:9") + \
        'live = [{path = "/orders/1.json"}]\n' + \
        "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n" + extra
    project = _mini(root, settings)
    (project / "reports").mkdir()
    return project


_SEED: list[bytes] = []


def _seeded_history(project: Path) -> Path:
    """The history a real first run of this project writes (made once, then copied)."""
    path = project / HISTORY
    if not _SEED:
        from typer.testing import CliRunner

        from seamguard.cli import app

        result = CliRunner().invoke(app, ["drift", "run", "--project", str(project)])
        assert result.exit_code == 1, result.output
        assert path.is_file(), result.output
        _SEED.append(path.read_bytes())
    path.write_bytes(_SEED[0])
    return path


_HELD: list[Any] = []  # connections that hold a lock while the batch runs


def _history(change: Callable[[Path], None]) -> Setup:
    def setup(root: Path) -> list[str]:
        project = _history_project(root)
        change(_seeded_history(project))
        return _json("drift run", project)
    return setup


def _sql(*statements: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        with contextlib.closing(sqlite3.connect(path)) as db:
            for statement in statements:
                db.execute(statement)
            db.commit()
    return change


def _flip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for at in range(len(data) // 3, len(data) // 3 + 2048):
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))


def _hot_journal(path: Path) -> None:
    # A rollback journal left by a crash mid-write: garbage that claims to be one.
    Path(f"{path}-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + os.urandom(4096))


def _wal_garbage(path: Path) -> None:
    _sql("PRAGMA journal_mode=WAL")(path)
    Path(f"{path}-wal").write_bytes(b"\x37\x7f\x06\x82" + os.urandom(8192))


def _locked(path: Path) -> None:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("BEGIN EXCLUSIVE")
    _HELD.append(db)


# Damage a reader must refuse (exit 2, naming the file) ...
BROKEN_HISTORY: dict[str, Callable[[Path], None]] = {
    "severity-unknown": _sql("update baselines set severity = 'catastrophic'"),
    "first-seen-garbage": _sql("update baselines set first_seen = 'yesterday-ish'"),
    "started-at-garbage": _sql("update runs set started_at = 'not a time'"),
    "run-count-a-blob": _sql("update baselines set runs_seen = x'00ff'"),
    "version-a-word": _sql("update schema_version set version = 'two'"),
    "version-empty": _sql("delete from schema_version"),
    "runs-table-dropped": _sql("drop table runs"),
    "held-by-another-writer": _locked,
}
# ... and damage SQLite's own recovery undoes or that no read touches: any documented end.
RECOVERED_HISTORY: dict[str, Callable[[Path], None]] = {
    "hits-a-word": _sql("update baselines set hits = 'many', of = 'lots'"),
    "status-unknown": _sql("update baselines set status = 'zombie'"),
    "format-share-a-word": _sql(
        "insert into formats values ('shop', 'GET /x', '/a', 'date', 'most', 'all',"
        " '2026-01-01 00:00:00')"),
    "page-flipped": _flip_middle,
    "hot-journal": _hot_journal,
    "wal-garbage": _wal_garbage,
}
HISTORY_CASES = [
    *(Case(f"history:{name}", _history(change), TWO, ("drift-history.sqlite",))
      for name, change in BROKEN_HISTORY.items()),
    *(Case(f"history:{name}", _history(change), ANY, ())
      for name, change in RECOVERED_HISTORY.items()),
]


# --- 5. command lines ----------------------------------------------------------------------------

def _cli(*argv: str, folder: str = "p") -> Setup:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / folder, interactions=[_order_interaction(1)])
        return [arg.replace("{p}", str(project)) for arg in argv]
    return setup


CLI_CASES = [
    Case("cli:format-twice", _cli("check", "-p", "{p}", "-f", "json", "-f", "text"), ANY, ()),
    Case("cli:project-twice-one-missing", _cli("check", "-p", "{p}", "-p", "{p}/nope"), TWO,
         ("nope",)),
    Case("cli:fail-on-conflict", _cli("check", "-p", "{p}", "--fail-on", "info", "--fail-on",
                                      "bogus"), TWO, ("bogus",)),
    Case("cli:only-unknown-kind", _cli("check", "-p", "{p}", "--only", "colour=red"), TWO,
         ("colour",)),
    Case("cli:only-without-equals", _cli("check", "-p", "{p}", "--only", "shop"), TWO, ("shop",)),
    Case("cli:only-unknown-platform", _cli("check", "-p", "{p}", "--only", "platform=nope"),
         TWO, ("nope",)),
    Case("cli:only-everything-filtered", _cli("verify", "-p", "{p}", "--only", "platform=shop",
                                              "--only", "suite=none"), FAILS, ("none",)),
    Case("cli:project-with-spaces-and-unicode", _cli("check", "-p", "{p}", "-f", "json",
                                                     folder="my project ü 订单"),
         frozenset({0}), ()),
    Case("cli:project-with-a-newline", _cli("check", "-p", "{p}", "-f", "json",
                                            folder="line\nbreak"), frozenset({0}), ()),
    Case("cli:reports-in-proc", _cli("check", "-p", "{p}", "--reports", "/proc/self/nope"),
         TWO, ("/proc/self/nope",)),
    Case("cli:reports-with-a-newline", _cli("check", "-p", "{p}", "--reports", "{p}/r\nx"),
         frozenset({0}), ()),
    Case("cli:baseline-missing", _cli("check", "-p", "{p}", "--baseline", "{p}/nope.yaml"), TWO,
         ("nope.yaml",)),
    Case("cli:baseline-a-folder", _cli("check", "-p", "{p}", "--baseline", "{p}/contracts"), TWO,
         ("contracts",)),
    Case("cli:diff-same-side-twice", _cli("contract", "diff", f"{{p}}/{CONTRACT}",
                                          f"{{p}}/{CONTRACT}", "--fail-on", "ERR"),
         frozenset({0}), ()),
    Case("cli:diff-missing-side", _cli("contract", "diff", f"{{p}}/{CONTRACT}", "{p}/none.yaml"),
         TWO, ("none.yaml",)),
    Case("cli:explain-unknown-mapping", _cli(
        "map", "explain", "nope", f"{{p}}/{CASSETTE}#99", "-p", "{p}"), TWO, ("nope",)),
    Case("cli:record-path-not-in-contract", _cli(
        "record", "shop", "GET", "/nowhere", "--project", "{p}", "--base-url", "http://127.0.0.1:9"),
         TWO, ("/nowhere",)),
    Case("cli:probe-max-examples-words", _cli("probe", "shop", "-p", "{p}", "--max-examples",
                                              "many"), TWO, ("--max-examples",)),
]


# --- 5b. odd names for the tables a project names itself, odd values in the environment ----

def _named(table: str, name: str, body: str, command: str) -> Setup:
    def setup(root: Path) -> list[str]:
        header = f"[tool.seamguard.{table}.{json.dumps(name)}]\n{body}"
        project = _mini(root, MINI_SETTINGS + header)
        if table == "platforms" and name not in UNSAFE.values():
            folder = project / "contracts" / name / "v1"
            folder.mkdir(parents=True)
            shutil.copy(project / CONTRACT, folder / "openapi.yaml")
        return _json(command, project)
    return setup


# Names no folder may carry (a platform's is a folder name under contracts/) ...
UNSAFE = {"empty": "", "climbing": "../x", "slash": "a/b", "newline": "a\nb", "nul": "a\u0000b"}
# ... and names that are odd but may be fine.
NAMES = {**UNSAFE, "blank": " ", "dotted": "a.b", "chinese": "店铺", "long": "n" * 200}
TABLES = {
    "platforms": ('versions = ["v1"]\nbase_url = "https://other.example.com/{version}"\n',
                  "check"),
    "datasets": ('path = "fixtures/none.csv"\n', "quality"),
    "reconcile": ('mapping = "m"\nsource = "a"\ntarget = "b"\n', "reconcile"),
}
NAME_CASES = [
    Case(f"name:{table}:{label}", _named(table, name, body, command),
         ANY if table == "platforms" and label not in UNSAFE else FAILS, ())
    for table, (body, command) in TABLES.items()
    for label, name in NAMES.items()
    if label in stable_pick(table, sorted(NAMES), 5)
]


def _token(value: str, command: str) -> Case:
    def setup(root: Path) -> list[str]:
        settings = MINI_SETTINGS.replace("https://shop.example.com", "http://127.0.0.1:9") + \
            'auth = { header = "X-Token", env = "SHOP_TOKEN" }\n' \
            'live = [{path = "/orders/1.json"}]\n' \
            "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n"
        return _json(command, _mini(root, settings))
    label = {"a\nb": "newline", "令牌": "chinese", "a\x01b": "control", "   ": "blank"}[value]
    return Case(f"env:{command.split()[0]}:token-{label}", setup, FAILS,
                ("SHOP_TOKEN",) if label != "blank" else (), env={"SHOP_TOKEN": value})


ENV_CASES = [_token(value, command) for value in ("a\nb", "令牌", "a\x01b", "   ")
             for command in ("drift run", "probe shop --max-examples 1")]


def _bare(command: str) -> Setup:
    def setup(root: Path) -> list[str]:
        return _json(command, mini_project(root / "p"))
    return setup


# A command asked for one pillar in a project that has nothing of it: never a green run.
EMPTY_CASES = [Case(f"empty:{command.replace(' ', '-')}", _bare(command), FAILS,
                    ("pyproject.toml",))
               for command in ("quality", "reconcile", "map lint", "map test", "privacy scan",
                               "sync test")]


# --- 6. network faults on 127.0.0.1 -----------------------------------------------------------

_SERVERS = contextlib.ExitStack()
_ORDER = json.dumps({"order": good_order()}).encode()


def _send(raw: bytes) -> servers.Responder:
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(raw)
    return respond


def _head(status: str, **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k.replace('_', '-')}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _one_xx_storm(conn: socket.socket, server: servers.RawServer) -> None:
    # Thousands of interim answers at once, then a real one: a bound on interim answers or the
    # deadline ends it, never a spin.
    with contextlib.suppress(OSError):
        conn.sendall(b"HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" * 20_000
                     + _head("200 OK", Content_Length=str(len(_ORDER))) + _ORDER)


def _reset_mid_body(conn: socket.socket, server: servers.RawServer) -> None:
    conn.sendall(_head("200 OK", Content_Type="application/json",
                       Content_Length=str(len(_ORDER))) + _ORDER[:10])
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


RESPONDERS: dict[str, servers.Responder] = {
    "reset-mid-body": _reset_mid_body,
    "http-0.9": servers.http_09(),
    "bad-chunk-size": _send(_head("200 OK", Transfer_Encoding="chunked",
                                  Content_Type="application/json") + b"zz\r\n{}\r\n0\r\n\r\n"),
    "chunk-longer-than-said": _send(_head("200 OK", Transfer_Encoding="chunked",
                                          Content_Type="application/json")
                                    + b"2\r\n" + _ORDER + b"\r\n0\r\n\r\n"),
    "content-length-twice-differs": _send(_head(
        "200 OK", Content_Type="application/json", Content_Length="5",
        Connection="close").replace(b"\r\n\r\n", b"\r\nContent-Length: 9\r\n\r\n") + _ORDER),
    "content-length-negative": _send(_head("200 OK", Content_Type="application/json",
                                           Content_Length="-1", Connection="close") + _ORDER),
    "content-length-longer-then-close": _send(_head(
        "200 OK", Content_Type="application/json", Content_Length="99999",
        Connection="close") + _ORDER),
    "status-line-garbage": _send(b"HTTP/1.1 two hundred OK\r\nContent-Length: 2\r\n\r\n{}"),
    "status-code-999": _send(_head("999 Whatever", Content_Length="2",
                                   Connection="close") + b"{}"),
    "304-without-a-cache": _send(_head("304 Not Modified", Connection="close")),
    "204-with-a-body": _send(_head("204 No Content", Connection="close") + _ORDER),
    "tls-answer-to-plain-http": _send(b"\x15\x03\x01\x00\x02\x02\x46"),
    "early-hints-storm": _one_xx_storm,
    "accepts-and-never-answers": servers.silent(),
}
NETWORK_COMMANDS = {
    "drift-live": lambda origin: ("drift run", 'live = [{path = "/orders/1.json"}]\n', origin),
    "published-spec": lambda origin: (
        "drift run", f'[tool.seamguard.platforms.shop.published_spec]\nurl = "{origin}/spec"\n'
        "timeout = 0.5\n", "http://127.0.0.1:9"),
    "probe": lambda origin: ("probe shop --max-examples 2", "", origin),
}


def _network(responder: servers.Responder, which: str) -> Setup:
    def setup(root: Path) -> list[str]:
        server = _SERVERS.enter_context(servers.raw_server(responder))
        command, extra, origin = NETWORK_COMMANDS[which](server.origin)
        settings = MINI_SETTINGS.replace("https://shop.example.com", origin) + extra + \
            "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n"
        return _json(command, _mini(root, settings))
    return setup


def _unresolvable(which: str) -> Setup:
    def setup(root: Path) -> list[str]:
        command, extra, origin = NETWORK_COMMANDS[which]("http://no-such-host.invalid")
        settings = MINI_SETTINGS.replace("https://shop.example.com", origin) + extra + \
            "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n"
        project = _mini(root, settings)
        return _json(command, project)
    return setup


NETWORK_CASES = [
    Case(f"net:{which}:{name}", _network(responder, which), FAILS, ())
    for name, responder in RESPONDERS.items()
    for which in stable_pick(name, sorted(NETWORK_COMMANDS), 1)
] + [Case(f"net:{which}:dns-does-not-resolve", _unresolvable(which), FAILS,
          ()) for which in sorted(NETWORK_COMMANDS)]


# --- the tests ----------------------------------------------------------------------------------

ALL_CASES = [*SETTINGS_CASES, *FILE_CASES, *SEMANTIC_CASES, *RECORDED_CASES, *HISTORY_CASES,
             *CLI_CASES,
             *NAME_CASES, *ENV_CASES, *EMPTY_CASES, *NETWORK_CASES]


@pytest.fixture(scope="module")
def outcomes(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Outcome]]:
    """Every selected case laid out, then run in two worker processes side by side (the
    network cases mostly wait), each a batch of every other case."""
    jobs = []
    for item in request.session.items:
        case = getattr(item, "callspec", None) and item.callspec.params.get("case")
        if getattr(item, "module", None) is request.module and isinstance(case, Case):
            root = tmp_path_factory.mktemp(case.id[:40])
            jobs.append(Job(item.nodeid, case.setup(root), cwd=str(root), env=case.env))
    results: dict[str, Outcome] = {}
    try:
        with ThreadPoolExecutor(2) as pool:
            for done in pool.map(run_batch, [jobs[0::2], jobs[1::2]]):
                results.update(done)
        yield results
    finally:
        for db in _HELD:
            db.close()
        _SERVERS.close()


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_hostile_strategy(case: Case, outcome: Outcome) -> None:
    wrong = classify(outcome, case.exits, case.expect)
    if case.id.startswith("cli:"):  # the place of a command-line problem is its argument
        wrong = [w for w in wrong if w != "no-location"]
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"


def _pipe(shell: str, project: Path) -> tuple[int, str]:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(["bash", "-c", shell.format(py=sys.executable, p=project)],
                          capture_output=True, text=True, timeout=120, env=env, check=False)
    return done.returncode, done.stderr


@pytest.mark.parametrize("shell", [
    pytest.param("{py} -m seamguard check -p '{p}' -f json | head -c 0", id="stdout-closed"),
    pytest.param("{py} -m seamguard check -p '{p}' | head -n 1 >/dev/null", id="sigpipe"),
    pytest.param("{py} -m seamguard check -p '{p}' -f json >&- 2>/dev/null; echo $? >&2",
                 id="stdout-not-open"),
    pytest.param("{py} -m seamguard verify -p '{p}' </dev/null | cat >/dev/null",
                 id="non-tty"),
])
def test_closed_or_piped_output(tmp_path: Path, shell: str) -> None:
    """A reader that goes away is no internal error, and the report files are still written."""
    project = mini_project(tmp_path / "p", interactions=[_order_interaction(1)])
    code, stderr = _pipe("set -o pipefail; " + shell, project)
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr
    assert code in (0, 1, 141) or stderr.strip() in ("0", "1"), (code, stderr)
    assert (project / "reports" / "report.json").is_file()


def test_outcome_judge_catches_each_kind() -> None:
    """The judge itself: each defect kind is recognised (a judge that passes all is useless)."""
    located = "error x.toml:3: bad\n  hint: do y"
    assert classify(outcome_of(3, "", "internal error: KeyError"), TWO, ()) == ["internal-error"]
    assert classify(outcome_of(0, "", ""), TWO, ()) == ["silent-pass"]
    assert classify(outcome_of(1, "", located), TWO, ()) == ["wrong-exit"]
    assert classify(outcome_of(2, "", "error: bad\n  hint: y"), TWO, ()) == ["no-location"]
    assert classify(outcome_of(2, "", "error x.toml:3: bad"), TWO, ()) == ["no-hint"]
    assert classify(outcome_of(2, "", located), TWO, ("z.yaml",)) == ["location-not-named"]
    assert classify(outcome_of(2, "", located), TWO, ("x.toml",)) == []
