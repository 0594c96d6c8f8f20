"""Hostile cases of tests/support/hostile_fresh11.py (the seen part): each class that ended
badly before its fix, and a stable sample of the rest (the whole campaign:
``python -m tests.support.hostile_fresh11``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh5 import apart
from tests.support.hostile_fresh11 import batch_cases, judge
from tests.support.hostile_fresh11_mappings import check_edits
from tests.support.hostile_strategies import outcomes_in_two_workers, stable_pick

outcomes = outcomes_in_two_workers

# Each ended with a silent pass or an internal error before its fix.
REGRESSIONS = {
    "oas11:defs-not-a-table", "oas11:items-old-array-form", "oas11:required-twice",
    "mp11:decimal-places-negative", "mp11:decimal-places-bool",
}
_SEEN = [case for case in batch_cases() if not apart(case.id)]
_REST = [case for case in _SEEN if case.id not in REGRESSIONS]
_FAMILIES = sorted({case.id.split(":")[0] for case in _REST})
CASES = [case for case in _SEEN if case.id in REGRESSIONS] + [
    case for family in _FAMILIES for case in stable_pick(
        f"fresh11-{family}", [c for c in _REST if c.id.startswith(family + ":")], 3)]


def test_every_regression_is_a_seen_case() -> None:
    assert not REGRESSIONS - {case.id for case in _SEEN}


def test_every_mapping_edit_finds_its_text() -> None:
    assert check_edits() == []


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_fresh11(case: Case, outcome: Outcome, tmp_path: Path) -> None:
    wrong = judge(case, outcome, tmp_path)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"
