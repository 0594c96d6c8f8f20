"""Mapping lint on the keys of an enum map: each must be a value the source enum holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.mapping.lint_enums import enum_key_problems
from tests.support.hostile import run_seamguard
from tests.support.projects import copy_example

_SOURCE = ["pending", "paid", "partially_paid", None]
_MAPPED = {"pending": "a", "paid": "b", "partially_paid": "c"}


def _codes(mapped: dict[str, str], *, alone: bool = True) -> list[str]:
    return [p.code for p in enum_key_problems("stage", "dealstage", mapped, _SOURCE,
                                              keys_are_source=alone)]


def test_an_entry_for_every_source_value_and_no_other_is_clean() -> None:
    assert _codes(_MAPPED) == []


@pytest.mark.parametrize("key", ["settled", "1", "true", "Paid", "null"])
def test_an_entry_the_source_never_sends_is_named(key: str) -> None:
    problems = enum_key_problems("stage", "dealstage", {**_MAPPED, key: "b"}, _SOURCE,
                                 keys_are_source=True)
    assert [p.code for p in problems] == ["mapping.enum-unknown-key"]
    assert repr(key) in problems[0].message


def test_a_misspelt_key_is_named_with_the_value_it_stands_for() -> None:
    mapped = {k: v for k, v in _MAPPED.items() if k != "partially_paid"} | {"partialy_paid": "c"}
    problems = enum_key_problems("stage", "dealstage", mapped, _SOURCE, keys_are_source=True)
    assert [p.code for p in problems] == ["mapping.enum-not-total", "mapping.enum-unknown-key"]
    assert "did you mean 'partially_paid'?" in problems[1].hint


def test_keys_after_a_transform_or_of_a_shared_map_are_not_judged_by_the_source() -> None:
    assert _codes({**_MAPPED, "PAID": "b"}, alone=False) == []


def test_map_lint_names_a_bare_number_key(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "p", sync_examples=1)
    path = project / "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    paid: closedwon", "    paid: closedwon\n    1: closedwon",
                                 1), encoding="utf-8")
    outcome = run_seamguard("map", "lint", "--project", str(project), "-f", "json")
    assert outcome.code == 1, outcome.text
    assert "mapping.enum-unknown-key" in outcome.text
    assert "shopify-order-to-hubspot-deal.yaml:" in outcome.text
