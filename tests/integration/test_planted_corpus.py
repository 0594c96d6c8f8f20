"""The planted-mistake corpus (tests/support/planted.py) on a sample: single edits of the
bundled mappings and of a generated mapping between generated contracts are caught by the
offline checks, each by a finding naming the mapping file, the rule and what to change.

The full corpus (every edit of every mapping) runs with ``python -m tests.support.planted``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.generated_mapping import generate_project
from tests.support.planted import isolated, measure

EVERY = 9  # sample every 9th planted mistake: the full corpus takes minutes


@pytest.mark.parametrize("mapping", [
    "contracts/mappings/shopify-order-to-hubspot-deal.yaml",
    "contracts/mappings/hubspot-deal-to-sfexpress-order.yaml",
])
def test_planted_mistakes_in_an_example_mapping_are_caught(tmp_path: Path, mapping: str) -> None:
    project = isolated(mapping, tmp_path / "example")
    _, results = measure(project, mapping, every=EVERY)
    missed = [plant.description for plant, caught in results if not caught]
    assert len(results) >= 10
    assert len(missed) <= len(results) * 0.05, missed


def test_planted_mistakes_in_a_generated_mapping_are_caught(tmp_path: Path) -> None:
    project = generate_project(tmp_path / "generated", rules=12, seed=11)
    _, results = measure(project, "contracts/mappings/shop-to-crm.yaml", every=EVERY // 2)
    missed = [plant.description for plant, caught in results if not caught]
    assert len(results) >= 20
    assert len(missed) <= len(results) * 0.05, missed
