"""Hostile inputs made by generators (1/2): what a project's files say. Type confusion at every
key of the settings model; every project file re-encoded, given other line endings or cut
short; mappings, suites, datasets, recordings and contracts that parse but are wrong in
meaning. Every case runs through the real CLI with a time bound (tests/support/hostile.py) and
its outcome is classified (tests/support/hostile_strategies.py): an internal error, a hang, a
silent pass, a wrong exit code and a message without location or hint all fail the case.
Large families are sampled deterministically (the same cases on every run); the runtime
families are in test_hostile_inputs_strategies_runtime.py.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from seamguard.project import Settings
from tests.support.hostile import Outcome, outcome_of
from tests.support.hostile_cases import Case, Setup
from tests.support.hostile_strategies import (
    ANY,
    BENIGN,
    CASSETTE,
    CONTRACT,
    ENCODINGS,
    FAILS,
    ONE,
    TWO,
    assert_handled,
    classify,
    json_args,
    mini,
    outcomes_in_two_workers,
    settings_variants,
    stable_pick,
    truncations,
)
from tests.support.projects import MINI_SETTINGS, REPO, copy_example

# --- 1. settings: every key of the model, type-confused ---------------------------------------

_BASE = tomllib.loads(MINI_SETTINGS)["tool"]["seamguard"]


def _settings_case(case_id: str, text: str, key: str, strict: bool) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("check", mini(root, text))
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
        project = _example(root) if example else mini(root)
        if prepare is not None:
            prepare(project)
        path = project / relative
        path.write_bytes(change(path.read_bytes()))
        return json_args(command, project)
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
    """The pristine bytes of a file of the mini project (the cuts are measured on them)."""
    with tempfile.TemporaryDirectory() as scratch:
        project = mini(Path(scratch))
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
        return json_args(command, project)
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
        return json_args("quality --only suite=hubspot_contacts", project)
    return setup


def _settings_edit(old: str, new: str, command: str) -> Setup:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        path = project / "pyproject.toml"
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return json_args(command, project)
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
        project = mini(root)
        path = project / CASSETTE
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data["interactions"][0])
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return json_args(command, project)
    return setup


def _set_in(*path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(node: dict[str, Any]) -> None:
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def _contract(old: str, new: str, command: str = "verify") -> Setup:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        path = project / CONTRACT
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return json_args(command, project)
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


# --- the tests ---

ALL_CASES = [*SETTINGS_CASES, *FILE_CASES, *SEMANTIC_CASES, *RECORDED_CASES]
outcomes = outcomes_in_two_workers


@pytest.mark.parametrize("case", ALL_CASES, ids=[c.id for c in ALL_CASES])
def test_hostile_strategy(case: Case, outcome: Outcome) -> None:
    assert_handled(case, outcome)


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
