"""Hostile cases of tests/support/hostile_fresh10.py (the seen part): each class that ended
badly before its fix, and a stable sample of the rest (the whole campaign:
``python -m tests.support.hostile_fresh10``)."""

from __future__ import annotations

import pytest

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh5 import apart, judge
from tests.support.hostile_fresh10 import batch_cases
from tests.support.hostile_strategies import outcomes_in_two_workers, stable_pick

outcomes = outcomes_in_two_workers

# Each ended with a silent pass, a false alarm or no line before its fix.
REGRESSIONS = {
    "rsp10:media-range=breaks", "rsp10:discriminator-mapped-breaks",
    "rsp10:discriminator-unmapped-value", "lnk10:link-operation-missing",
    "yml10:deep-block-nesting", "sw10:discriminator=keeps",
    "sw10:discriminator-cat-without-meow",
}
# Several megabytes of input each: the campaign runs them.
_HEAVY = ("ds10:huge-line", "yml10:alias-bomb", "yml10:deep-flow")
_SEEN = [case for case in batch_cases() if not apart(case.id)]
_REST = [case for case in _SEEN if case.id not in REGRESSIONS
         and not case.id.startswith(_HEAVY)]
_FAMILIES = sorted({case.id.split(":")[0] for case in _REST})
CASES = [case for case in _SEEN if case.id in REGRESSIONS] + [
    case for family in _FAMILIES for case in stable_pick(
        f"fresh10-{family}", [c for c in _REST if c.id.startswith(family + ":")], 4)]


def test_every_regression_is_a_seen_case() -> None:
    assert not REGRESSIONS - {case.id for case in _SEEN}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_fresh10(case: Case, outcome: Outcome) -> None:
    wrong = judge(case, outcome)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"
