"""Hostile cases of tests/support/hostile_fresh2.py: each case that ended badly before its fix,
and a stable sample of the rest (the whole campaign: ``python -m tests.support.hostile_fresh2``).
"""

from __future__ import annotations

import pytest

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh2 import batch_cases, judge
from tests.support.hostile_strategies import outcomes_in_two_workers, stable_pick

outcomes = outcomes_in_two_workers

# Each had no "did you mean", passed silently or ended with the wrong exit code before its fix.
REGRESSIONS = {
    "settings-name:cassettes=upper", "settings-name:platforms.shop.base_url=upper",
    "settings-name:platforms.shop.auth.header=upper", "settings-name:datasets.x.table=upper",
    "settings-name:platforms.shop.wire.push.signing.signature=upper",
    "mapping-name:fields=upper", "mapping-name:fields.0.transforms=upper",
    "mapping-name:source.custom_fields=capital",
    "argv-option:probe --header=upper", "argv-option:quality --debug=upper",
    "argv-option:contract history --debug=upper",
    "suite-type:expect_column_values_to_be_unique=camel-case",
    "suite-kwarg:expect_column_values_to_not_be_null.column=misspelt",
    "suite-kwarg:expect_compound_columns_to_be_unique.column_list=misspelt",
    "cassette-shape:response.status.message=number",
    "cassette-shape:response.headers.X-Request-Id=table",
    "cassette-shape:request.headers=table",
    "net2-probe:length-negative", "net2-probe:length-hex",
    "net2-probe:transfer-encoding-unknown",
}
_ALL = batch_cases()
CASES = [case for case in _ALL if case.id in REGRESSIONS] + stable_pick(
    "fresh2", [case for case in _ALL if case.id not in REGRESSIONS
               and not case.id.startswith(("net2-", "argv-value"))], 8)


def test_every_regression_is_a_case() -> None:
    assert not REGRESSIONS - {case.id for case in _ALL}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_fresh2(case: Case, outcome: Outcome) -> None:
    wrong = judge(case, outcome)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"
