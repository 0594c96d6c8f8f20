"""Hostile inputs found by structure-aware mutation of the example project
(tests/support/mutation_fuzz.py): every input file parsed, one node deleted, renamed,
duplicated or given a value of another type, or the bytes cut, re-encoded or given YAML
features (aliases, tags, complex keys), then run through the commands that read it.

Two parts: the minimised cases of each failure class the fuzzer found (each once ended in an
internal error, a silent pass or a message without a line or hint), and a fixed-seed campaign
of the same fuzzer, judged the same way, so CI replays the same few dozen mutations every run.
A longer campaign: ``python -m tests.support.mutation_fuzz --seed 7 --count 300``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case, Setup
from tests.support.hostile_strategies import (
    FAILS,
    ONE,
    TWO,
    assert_handled,
    outcomes_in_two_workers,
)
from tests.support.mutation_fuzz import (
    DRIFT_ENV,
    YAML_BOMB,
    drift_mutations,
    judge,
    mutations,
    setup_for,
)
from tests.support.projects import REPO, copy_example

outcomes = outcomes_in_two_workers

_EXAMPLE: list[Path] = []


def _example_copy(root: Path) -> Path:
    if not _EXAMPLE:
        _EXAMPLE.append(copy_example(root.parent / "_mutations_example"))
    return _EXAMPLE[0]


def _edited(relative: str, change: Callable[[str], str], command: str) -> Setup:
    """The example with ``change`` applied to the text of one file, then ``command``."""
    def setup(root: Path) -> list[str]:
        project = root / "p"
        shutil.copytree(_example_copy(root), project, symlinks=True)
        path = project / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        return [*command.split(), "--project", str(project), "-f", "json"]
    return setup


def _after(anchor: str, insert: str) -> Callable[[str], str]:
    """``insert`` (lines, indented like ``anchor``'s line) put right after the line holding
    ``anchor``."""
    def change(text: str) -> str:
        lines = text.split("\n")
        index = next(i for i, line in enumerate(lines) if anchor in line)
        indent = len(lines[index]) - len(lines[index].lstrip())
        lines.insert(index + 1, "\n".join(" " * indent + part for part in insert.split("\n")))
        return "\n".join(lines)
    return change


def _line_of(relative: str, anchor: str) -> int:
    """The line of the example's file ``relative`` holding ``anchor``."""
    lines = (REPO / relative).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines) if anchor in line) + 1


def _line_after(relative: str, anchor: str) -> int:
    """The line number ``_after(anchor, ...)`` gives its inserted line."""
    lines = (REPO / relative).read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines) if anchor in line) + 2


def _deep_block(depth: int) -> str:
    """A value nested ``depth`` mappings deep in block style (no brackets to count)."""
    return "x:\n" + "".join("  " * (level + 1) + "a:\n" for level in range(depth)) + \
        "  " * (depth + 1) + "leaf: 1\n"


BOMB = YAML_BOMB.decode()

SHOPIFY = "contracts/shopify/2024-07/openapi.yaml"
COMMON = "contracts/shopify/common/schemas.yaml"
SFEXPRESS = "contracts/sfexpress/v1/openapi.yaml"
MAPPING = "contracts/mappings/sfexpress-route-to-hubspot-deal.yaml"
CASSETTE = "fixtures/cassettes/shopify/orders-2024-04.yaml"
SHIPMENTS = "fixtures/datasets/sfexpress_shipments.jsonl"
TAOBAO_CONTACT = "contracts/mappings/taobao-trade-to-hubspot-contact.yaml"
CONTACT = "contracts/mappings/shopify-customer-to-hubspot-contact.yaml"
ORDERS = "fixtures/datasets/shopify_orders.jsonl"


def _first_ref(text: str) -> str:
    """The first local ``$ref`` of the contract with U+2028 inside its last token."""
    start = text.index("$ref: '#/components/") + len("$ref: '")
    end = text.index("'", start)
    ref = text[start:end]
    return text[:start] + ref[:-1] + "\u2028" + ref[-1] + text[end:]


def _ref_line(relative: str) -> int:
    text = (REPO / relative).read_text(encoding="utf-8")
    return text.count("\n", 0, text.index("$ref: '#/components/")) + 1


def _drift_answer(change: Callable[[str], str]) -> Setup:
    """``drift run`` with HubSpot on 127.0.0.1 answering its recorded contacts page, changed."""
    from tests.support.mutation_fuzz import HUBSPOT_CONTRACT, Mutation, recorded_answer

    status, headers, body = recorded_answer()
    mutation = Mutation("drift", HUBSPOT_CONTRACT, "changed", "drift run",
                        (REPO / HUBSPOT_CONTRACT).read_bytes(), False,
                        (status, headers, change(body.decode()).encode()))

    def setup(root: Path) -> list[str]:
        return setup_for(mutation, _example_copy(root))(root)
    return setup


def _generate_after(change: Callable[[str], str]) -> Setup:
    """``suites generate`` (which prints no report) after ``change`` to the settings."""
    def setup(root: Path) -> list[str]:
        return _edited("pyproject.toml", change, "suites generate")(root)[:-2]
    return setup


def _damaged_parquet(root: Path) -> list[str]:
    """The deals dataset with one byte of a compressed data page flipped (its footer intact)."""
    project = root / "p"
    shutil.copytree(_example_copy(root), project, symlinks=True)
    path = project / "fixtures/datasets/hubspot_deals.parquet"
    data = bytearray(path.read_bytes())
    data[2172] ^= 0xFF
    path.write_bytes(bytes(data))
    return ["quality", "--only", "dataset=hubspot_deals", "--project", str(project), "-f", "json"]


def _null_key_row(text: str) -> str:
    lines = text.split("\n")
    record = json.loads(lines[3])
    record["order_id"] = None
    lines[3] = json.dumps(record, ensure_ascii=False)
    return "\n".join(lines)


MINIMISED = [
    # !!binary in a contract reached the validator compiler as bytes (exit 3)
    Case("binary-tag-in-shared-schemas", _edited(
        COMMON, _after("type: object", "x-blob: !!binary AAAA"), "verify --only platform=shopify"),
         TWO, (f"{COMMON}:{_line_after(COMMON, 'type: object')}", "!!binary", "hint:")),
    # a list as a key became the text "['a', 'b']" and passed
    Case("complex-key-in-a-cassette", _edited(
        CASSETTE, _after("uri: https://", "? [a, b]\n: 1"), "verify --only platform=shopify"),
         ONE, (f"{CASSETTE}:{_line_after(CASSETTE, 'uri: https://')}", "a key is a list")),
    Case("set-tag-in-a-mapping", _edited(
        MAPPING, _after("description:", "x-tags: !!set {a, b}"), "map lint"),
         TWO, (f"{MAPPING}:{_line_after(MAPPING, 'description:')}", "!!set")),
    # an alias bomb and block-style nesting were refused without a line
    Case("alias-bomb-in-a-mapping", _edited(MAPPING, lambda text: text + "\n" + BOMB, "map lint"),
         TWO, (f"{MAPPING}:", "aliases expand")),
    Case("block-nesting-in-a-contract", _edited(
        SFEXPRESS, lambda text: text.replace("\ncomponents:\n", "\nx-deep:\n" + "\n".join(
            "  " + line for line in _deep_block(140).split("\n")) + "\ncomponents:\n", 1),
        "contract lint"), TWO, (f"{SFEXPRESS}:", "nested deeper than 128")),
    # a $ref with U+2028 in it: the line was searched in lines split at U+2028 too
    Case("ref-with-a-line-separator", _edited(SFEXPRESS, _first_ref, "contract lint"),
         TWO, (f"{SFEXPRESS}:{_ref_line(SFEXPRESS)}", "points to nothing")),
    # an enum map producing a value the target rejects said so without what to write instead
    Case("enum-map-value-the-target-rejects", _edited(
        TAOBAO_CONTACT, lambda text: text.replace("WAIT_BUYER_PAY: lead", "WAIT_BUYER_PAY: laed",
                                                  1), "map lint"),
         ONE, (TAOBAO_CONTACT, "mapping.enum-target-value", "did you mean 'lead'?")),
    # a definite contract violation seen by the nightly job carried no hint when no mapping
    # reads the field
    Case("drift-live-answer-of-another-type", _drift_answer(
        lambda body: body.replace('"archived":false', '"archived":{"value":false}', 1)),
         ONE, ("drift.type-changed", "/results/*/archived"), env=dict(DRIFT_ENV)),
    # a name longer than the system takes: the $ref, a setting, an argument (exit 3 before)
    Case("ref-to-a-file-name-too-long", _edited(
        SFEXPRESS, lambda text: text.replace("$ref: '#/components/", "$ref: '" + "x" * 300
                                             + ".yaml#/components/", 1), "contract lint"),
         TWO, (f"{SFEXPRESS}:{_ref_line(SFEXPRESS)}", "does not exist")),
    Case("dataset-path-too-long", _edited(
        "pyproject.toml", lambda text: text.replace(
            'path = "fixtures/datasets/hubspot_contacts.csv"',
            'path = "' + "y" * 300 + '.csv"', 1), "quality --only dataset=hubspot_contacts"),
         TWO, ("y" * 100, "file name too long", "hint: shorten the path")),
    Case("privacy-scan-argument-too-long", lambda root: [
        "privacy", "scan", str(root / ("z" * 300 + ".json")), "--project",
        str(shutil.copytree(_example_copy(root), root / "p", symlinks=True))],
         TWO, ("z" * 100, "file name too long", "hint:")),
    # a damaged Parquet file was "the database rejected a query of this suite", at the suite
    Case("parquet-dataset-damaged", _damaged_parquet, ONE,
         ("quality.dataset-unavailable", "pyproject.toml:", "hubspot_deals.parquet",
          "damaged")),
    # mapping expressions: an empty source list passed lint; bad transform parameters in
    # `map test` carried no hint
    Case("mapping-source-an-empty-list", _edited(
        CONTACT, lambda text: text.replace("    source: first_name\n", "    source: []\n", 1),
        "map lint"), TWO, (f"{CONTACT}:{_line_of(CONTACT, 'target: firstname')}",
                           "reads nothing", "hint:")),
    Case("mapping-truncate-negative-in-test", _edited(
        CONTACT, lambda text: text.replace(
            "    source: first_name\n    transforms: [trim]",
            "    source: first_name\n    transforms: [{truncate: {max_length: -5}}]", 1),
        "map test"), TWO, (f"{CONTACT}:", "'truncate'", "hint: `seamguard map transforms`")),
    # `suites generate` named a misspelt dataset mapping without where or what instead
    Case("suites-generate-mapping-misspelt", _generate_after(lambda text: text.replace(
        'mapping = "shopify-customer-to-hubspot-contact"\nkey',
        'mapping = "shopify-customer-to-hubspot-contakt"\nkey', 1)),
         TWO, ("pyproject.toml:", "did you mean 'shopify-customer-to-hubspot-contact'?")),
    # command-line values found by mutating the arguments of each command
    *(Case(f"cli:baseline-save-{option.strip('-')}-empty", lambda root, option=option: [
        "baseline", "save", "--reason", "accepted", option, " ", "--project",
        str(shutil.copytree(_example_copy(root), root / "p", symlinks=True))],
        TWO, (f"{option} is empty", "hint:")) for option in ("--reason", "--owner")),
    # a live answer nested thousands of levels deep broke the JSON check itself (exit 3)
    Case("drift-live-answer-nested-too-deep", _drift_answer(
        lambda body: body.replace("{", '{"d": ' + "[" * 5000 + "]" * 5000 + ", ", 1)),
         ONE, ("drift.fetch-failed", "nests deeper"), env=dict(DRIFT_ENV)),
    # ...and a JSON Lines record DuckDB cannot read is placed at its line
    Case("jsonl-dataset-record-with-a-key-twice", _edited(
        ORDERS, lambda text: "\n".join(
            line.replace("{", '{"id": null, ', 1) if number == 4 else line
            for number, line in enumerate(text.split("\n"), start=1)),
        "quality --only dataset=shopify_orders"), ONE,
         ("quality.dataset-unavailable", f"{ORDERS}:4", "duplicate key")),
    # a failed expectation that is not generated carried no hint
    Case("dataset-row-breaks-a-hand-written-expectation", _edited(
        SHIPMENTS, _null_key_row, "quality --only dataset=sfexpress_shipments"),
         ONE, ("sfexpress_shipments.order_id", "expect_column_values_to_not_be_null")),
]


@pytest.mark.parametrize("case", MINIMISED, ids=[c.id for c in MINIMISED])
def test_minimised_mutation(case: Case, outcome: Outcome) -> None:
    assert_handled(case, outcome)
    if case.exits == ONE:
        errors = [f for f in outcome.findings if f["severity"] == "error"]
        assert errors, outcome.text
        assert all(f.get("hint") for f in errors), outcome.text


# --- the fixed-seed campaign ------------------------------------------------------------------

SEED = 7
# the example's files, and `drift run` against HubSpot on 127.0.0.1 answering a mutated body,
# header, status or published spec
CAMPAIGN = [*mutations(SEED, 40), *drift_mutations(SEED, 12)]


def _campaign_case(index: int) -> Case:
    mutation = CAMPAIGN[index]

    def setup(root: Path) -> list[str]:
        return setup_for(mutation, _example_copy(root))(root)
    return Case(f"fuzz-{index}", setup, FAILS if mutation.must_fail else frozenset({0, 1, 2}),
                env=dict(DRIFT_ENV) if mutation.answer is not None else {})


CAMPAIGN_CASES = [_campaign_case(i) for i in range(len(CAMPAIGN))]


@pytest.mark.parametrize("case", CAMPAIGN_CASES, ids=[m.id[:120] for m in CAMPAIGN])
def test_seeded_mutation(case: Case, outcome: Outcome) -> None:
    mutation = CAMPAIGN[int(case.id.split("-")[1])]
    wrong = judge(mutation, outcome)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"


def test_the_campaign_covers_every_kind_of_file() -> None:
    """The seed is not one that happens to mutate only settings: every kind of input file and
    several commands are in the campaign."""
    kinds = {Path(m.relative).suffix for m in CAMPAIGN}
    assert any(m.answer is not None for m in CAMPAIGN)
    assert kinds >= {".yaml", ".json", ".toml", ".jsonl"}, kinds
    assert len({m.command.split()[0] for m in CAMPAIGN}) >= 4
