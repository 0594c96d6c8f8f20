"""Every parser seamguard has, fed generated hostile input: it returns a value or raises a
UsageError naming the file — never another exception, never a hang."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.documents import (
    depth_exceeds,
    load_document,
    loads_json,
    parse_text,
    read_bytes,
)
from seamguard.errors import DocumentError, UsageError
from tests.support.projects import MINI_CONTRACT, REPO, good_order, interaction, mini_project

FUZZ = settings(max_examples=int(os.environ.get("SEAMGUARD_FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

def error_file(call: Any) -> str | None:
    """Run ``call``; the file a UsageError names (or "" when it names none), None if it passed.

    Any other exception propagates and fails the test."""
    try:
        call()
    except UsageError as exc:
        return exc.file or ""
    return None


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=12,
)


# --- documents --------------------------------------------------------------------------------

@FUZZ
@given(st.text(max_size=300))
def test_any_text_parses_or_is_a_document_error(text: str) -> None:
    assert error_file(lambda: parse_text(text, file="f.yaml")) in (None, "f.yaml")
    assert error_file(lambda: parse_text(text, file="f.json", json_only=True)) in (None, "f.json")


@FUZZ
@given(st.lists(st.sampled_from(["[", "]", "{", "}", '"a":', ",", "1", "- ", "a: ", "\n", "&x ",
                                 "*x", "<<: ", "  ", "'", '"', "!!binary ", "? ", "|"]),
                max_size=120))
def test_structural_noise_parses_or_is_a_document_error(tokens: list[str]) -> None:
    assert error_file(lambda: parse_text("".join(tokens), file="noise.yaml")) in (
        None, "noise.yaml")


@pytest.mark.parametrize(("text", "line"), [
    ("a: 1\nb: 2\na: 3\n", "lines 1 and 3"),
    ("outer:\n  x: 1\n  y: 2\n  x: 3\n", "lines 2 and 4"),
    ("- {k: 1, k: 2}\n", "line 1"),
    ('{"a": 1,\n "b": {"x": 1,\n "x": 2}}', "lines 2 and 3"),
    ("200: a\n'200': b\n", "lines 1 and 2"),  # the same key once typed, once quoted
    ("true: a\n'true': b\n", "lines 1 and 2"),
])
def test_duplicate_keys_name_both_lines(text: str, line: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_text(text, file="d.yaml")
    assert line in caught.value.message
    assert "appears twice" in caught.value.message


def test_duplicate_keys_in_a_json_only_document() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_text('{"paths": {},\n "paths": {"/a": {}}}', file="d.json", json_only=True)
    assert caught.value.line == 2
    assert "'paths'" in caught.value.message


def test_merge_keys_may_be_overridden() -> None:
    text = "base: &b {x: 1, y: 2}\nthing:\n  <<: *b\n  x: 3\n"
    assert parse_text(text, file="m.yaml")["thing"] == {"x": 3, "y": 2}


@pytest.mark.parametrize("depth", [129, 1_000, 300_000])
def test_deep_nesting_is_refused_with_its_line(depth: int) -> None:
    for text in ("[" * depth + "]" * depth, "x: " + "{a: " * depth + "1" + "}" * depth):
        with pytest.raises(DocumentError) as caught:
            parse_text("\n" + text, file="deep.yaml")
        assert "deeper than 128 levels" in caught.value.message
        assert caught.value.line == 2


def test_nesting_up_to_the_limit_is_fine() -> None:
    assert parse_text("[" * 128 + "]" * 128, file="ok.json") is not None
    assert not depth_exceeds(json.loads("[" * 128 + "]" * 128), 128)
    assert depth_exceeds(json.loads("[" * 129 + "]" * 129), 128)


def test_alias_explosions_are_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]"
              for i in range(9)]
    with pytest.raises(DocumentError) as caught:
        parse_text("\n".join(lines), file="lol.yaml")
    assert "aliases expand" in caught.value.message


def test_payload_depth_is_refused_as_a_value_error() -> None:
    with pytest.raises(ValueError, match="deeper than 128"):
        loads_json("[" * 500 + "]" * 500)
    with pytest.raises(ValueError, match="deeper than 128"):
        loads_json(b"[" * 300_000 + b"]" * 300_000)
    assert loads_json('{"a": [1, 2]}') == {"a": [1, 2]}


@pytest.mark.parametrize(("make", "problem"), [
    (lambda p: p.mkdir(), "is a folder"),
    (lambda p: p.symlink_to(p.name), "symbolic link loop"),
    (lambda p: p.symlink_to("nowhere"), "does not exist"),
    (lambda p: p.symlink_to("/dev/zero"), "not a regular file"),
    (lambda p: os.mkfifo(p), "not a regular file"),
])
def test_only_regular_files_are_read(tmp_path: Path, make: Any, problem: str) -> None:
    path = tmp_path / "doc.yaml"
    make(path)
    with pytest.raises(DocumentError) as caught:
        load_document(path, display="doc.yaml")
    assert problem in caught.value.message
    assert caught.value.file == "doc.yaml"


def test_reads_stop_after_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * 5000)
    assert len(read_bytes(path, max_bytes=5000)) == 5000
    with pytest.raises(DocumentError, match=r"over the 4\.9 KB limit"):
        read_bytes(path, max_bytes=4999)


# --- contracts --------------------------------------------------------------------------------

_BASE_CONTRACT = yaml.safe_load(MINI_CONTRACT)


def _paths_of(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths_of(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths_of(value, (*prefix, index))
    return found


_CONTRACT_PATHS = [path for path in _paths_of(_BASE_CONTRACT) if path]


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(_CONTRACT_PATHS), json_values), min_size=1,
                max_size=3))
def test_mutated_contracts_load_or_raise_a_usage_error(
        tmp_path_factory: pytest.TempPathFactory,
        mutations: list[tuple[tuple[Any, ...], Any]]) -> None:
    from seamguard.contracts.model import load_contract
    from seamguard.contracts.validation import violations

    document = copy.deepcopy(_BASE_CONTRACT)
    for path, value in mutations:
        node = document
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this place
    folder = tmp_path_factory.mktemp("contract")
    entry = folder / "openapi.yaml"
    entry.write_text(yaml.safe_dump(document), encoding="utf-8")
    loaded: list[Any] = []
    problem = error_file(lambda: loaded.append(
        load_contract(entry, platform="shop", version="v1", within=folder)))
    if problem is not None:
        assert problem, "a contract error names its file"
        return
    contract = loaded[0]
    operation = contract.match("get", "/orders/1.json")
    response = operation.response(200) if operation else None
    media = response.media("application/json") if response else None
    if media is not None and media.schema is not None:
        assert error_file(lambda: violations(contract, media.schema, {"order": {"id": 1}})) != ""


# --- mutation helpers -------------------------------------------------------------------------

def mutated(base: Any, mutations: list[tuple[tuple[Any, ...], Any]]) -> Any:
    """``base`` with the value at each path replaced (paths an earlier change removed: skipped)."""
    document = copy.deepcopy(base)
    for path, value in mutations:
        node = document
        try:
            for key in path[:-1]:
                node = node[key]
            if isinstance(node, dict) and not isinstance(path[-1], str):
                continue  # a list index on what became a mapping: JSON keys are text
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    return document


def mutations_of(base: Any) -> st.SearchStrategy[list[tuple[tuple[Any, ...], Any]]]:
    places = [path for path in _paths_of(base) if path]
    return st.lists(st.tuples(st.sampled_from(places), json_values), min_size=1, max_size=3)


# --- settings ---------------------------------------------------------------------------------

_SETTINGS = {
    "fail_on": "error", "max_body_mb": 10, "reports": "reports",
    "platforms": {"shop": {"versions": ["v1"], "base_url": "https://shop.example.com/{version}",
                           "auth": {"header": "X-Token", "env": "SHOP_TOKEN"},
                           "live": [{"path": "/orders.json", "params": {"limit": "5"}}]}},
    "network": {"deadline": 30, "timeout": 5},
    "datasets": {"orders": {"path": "orders.csv", "key": ["id"], "dtypes": {"id": "string"}}},
    "reconcile": {"r": {"mapping": "m", "target": "orders", "money": ["amount"]}},
    "drift": {"ignore": [{"code": "x", "owner": "o", "reason": "r", "expires": "2030-01-01"}]},
    "sync": {"targets": {"t": {"url": "http://127.0.0.1:1", "mappings": ["m"]}}},
}


@FUZZ
@given(mutations_of(_SETTINGS))
def test_mutated_settings_validate_or_raise_a_settings_error(
        tmp_path_factory: pytest.TempPathFactory,
        mutations: list[tuple[tuple[Any, ...], Any]]) -> None:
    from seamguard.project import _validate

    pyproject = tmp_path_factory.mktemp("settings") / "pyproject.toml"
    pyproject.write_text("[tool.seamguard]\n", encoding="utf-8")
    table = mutated(_SETTINGS, mutations)
    assert error_file(lambda: _validate(table, pyproject)) in (None, str(pyproject))


# --- mapping specs ----------------------------------------------------------------------------

_MAPPING_PATH = REPO / "contracts" / "mappings" / "shopify-order-to-hubspot-deal.yaml"
_MAPPING = yaml.safe_load(_MAPPING_PATH.read_text(encoding="utf-8"))


@FUZZ
@given(mutations_of(_MAPPING))
def test_mutated_mappings_load_compile_and_apply_or_raise_a_usage_error(
        tmp_path_factory: pytest.TempPathFactory,
        mutations: list[tuple[tuple[Any, ...], Any]]) -> None:
    from seamguard.mapping.engine import compile_mapping
    from seamguard.mapping.spec import load_mapping

    path = tmp_path_factory.mktemp("mapping") / "m.yaml"
    path.write_text(yaml.safe_dump(mutated(_MAPPING, mutations), allow_unicode=True),
                    encoding="utf-8")
    loaded: list[Any] = []
    if error_file(lambda: loaded.append(load_mapping(path, display="m.yaml"))) is not None:
        return
    compiled: list[Any] = []
    if error_file(lambda: compiled.append(compile_mapping(loaded[0].spec,
                                                          base_dir=REPO))) is not None:
        return
    for example in loaded[0].spec.examples:
        compiled[0].apply(example.input)  # problems are data; nothing may raise
        compiled[0].explain(example.input)


# --- expectation suites -----------------------------------------------------------------------

_SUITE = json.loads((REPO / "suites" / "hubspot_deals.json").read_text(encoding="utf-8"))


@settings(max_examples=int(os.environ.get("SEAMGUARD_FUZZ_EXAMPLES", "30")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutations_of(_SUITE))
def test_mutated_suites_load_and_validate_or_raise_a_suite_error(
        tmp_path_factory: pytest.TempPathFactory,
        mutations: list[tuple[tuple[Any, ...], Any]]) -> None:
    from seamguard.quality.gx_runner import invalid_expectations
    from seamguard.quality.suites import load_suite

    path = tmp_path_factory.mktemp("suite") / "s.json"
    path.write_text(json.dumps(mutated(_SUITE, mutations)), encoding="utf-8")
    loaded: list[Any] = []
    if error_file(lambda: loaded.append(load_suite(path, display="s.json"))) is not None:
        return
    invalid = invalid_expectations(loaded[0].expectations)
    assert all(below.startswith("/") and message for below, message in invalid.values())


# --- cassettes --------------------------------------------------------------------------------

_CASSETTE = {"interactions": [interaction({"order": good_order()}),
                              interaction({"order": good_order(status="expired")}, status=404)],
             "version": 1}


@pytest.fixture(scope="module")
def cassette_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return mini_project(tmp_path_factory.mktemp("cassette") / "p", interactions=[])


@FUZZ
@given(mutations_of(_CASSETTE))
def test_mutated_cassettes_verify_or_are_unreadable(
        cassette_project: Path, mutations: list[tuple[tuple[Any, ...], Any]]) -> None:
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.findings import Finding
    from seamguard.project import find_project
    from seamguard.verify import RecordedVerifier

    root = cassette_project
    path = root / "fixtures" / "cassettes" / "orders.yaml"
    path.write_text(yaml.safe_dump(mutated(_CASSETTE, mutations)), encoding="utf-8")
    project = find_project(root, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = verifier.read(path)
    if isinstance(cassette, Finding):
        assert cassette.location.file == "fixtures/cassettes/orders.yaml"
        return
    for finding in verifier.verify_cassette(cassette):
        assert finding.location.file == "fixtures/cassettes/orders.yaml"
    unchecked: list[Finding] = []
    list(verifier.payloads(cassette, unchecked))


# --- records through the example mappings -----------------------------------------------------

_MAPPINGS = sorted((REPO / "contracts" / "mappings").glob("*.yaml"))


@pytest.fixture(scope="module")
def compiled_mappings() -> list[tuple[Any, Any]]:
    from seamguard.mapping.engine import compile_mapping
    from seamguard.mapping.spec import load_mapping

    found = []
    for path in _MAPPINGS:
        loaded = load_mapping(path, display=path.name)
        compiled = compile_mapping(loaded.spec, base_dir=REPO)
        found.extend((compiled, example.input) for example in loaded.spec.examples
                     if example.input)
    return found


@FUZZ
@given(st.data())
def test_any_record_maps_to_output_and_problems_never_an_exception(
        compiled_mappings: list[tuple[Any, Any]], data: st.DataObject) -> None:
    compiled, record = data.draw(st.sampled_from(compiled_mappings))
    changes = data.draw(mutations_of(record))
    hostile = mutated(record, changes)
    output, problems = compiled.apply(hostile)
    assert isinstance(output, dict)
    assert all(problem.code.startswith("mapping.") for problem in problems)
    compiled.explain(hostile)


# --- payloads against a real contract ---------------------------------------------------------

@pytest.fixture(scope="module")
def order_schema() -> tuple[Any, Any]:
    from seamguard.contracts.model import load_contract

    contract = load_contract(REPO / "contracts" / "shopify" / "2024-07" / "openapi.yaml",
                             platform="shopify", version="2024-07", within=REPO)
    operation = contract.match("get", "/orders/1.json")
    assert operation is not None
    response = operation.response(200)
    assert response is not None
    media = response.media("application/json")
    assert media is not None
    assert media.schema is not None
    return contract, media.schema


_RECORDED_ORDER = {"order": {"id": 1, "financial_status": "paid", "total_price": "1.00",
                             "line_items": [{"sku": "A", "quantity": 1}],
                             "customer": {"email": "a@example.com"}}}


@FUZZ
@given(st.data())
def test_any_payload_is_judged_and_profiled_never_an_exception(
        order_schema: tuple[Any, Any], data: st.DataObject) -> None:
    from seamguard.contracts.validation import violations
    from seamguard.drift.observe import compare, profile_payloads

    contract, ref = order_schema
    payload = mutated(_RECORDED_ORDER, data.draw(mutations_of(_RECORDED_ORDER)))
    for violation in violations(contract, ref, payload):
        assert violation.pointer == "" or violation.pointer.startswith("/")
    profiles = profile_payloads([(contract, "GET /orders/{order_id}.json 200", ref, payload,
                                  "c.yaml#0")])
    for profile, profiled_contract, profiled_ref in profiles.values():
        list(compare(profile, profiled_contract, profiled_ref))
