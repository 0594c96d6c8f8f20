"""Hostile cases of tests/support/hostile_fresh4.py: each class that ended badly before its fix,
and a stable sample of the rest (the whole campaign: ``python -m tests.support.hostile_fresh4``).
"""

from __future__ import annotations

import pytest

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh4 import batch_cases, judge
from tests.support.hostile_strategies import outcomes_in_two_workers, stable_pick

outcomes = outcomes_in_two_workers

# Each ended with an internal error, a hang, a silent pass, no location or no hint before its
# fix (one or two of each class).
REGRESSIONS = {
    "queue4-setting:port-letters", "queue4-setting:ipv6-unclosed",
    "queue4-setting:nothing-listens", "queue4-env:no-host", "queue4-setting:answers-garbage",
    "dsn4:driver-missing",
    "probe-number4-toml:seed=huge-float", "probe-number4-toml:max-redirects=twenty-digits",
    "probe-number4-toml:generation.max-examples=twenty-digits",
    "probe-number4-cli:--max-examples=99999999",
    "dataset4:csv-every-header-twice", "dataset4:parquet-duplicate-columns",
    "sink4-option-verify:report-json-is-a-fifo", "sink4-setting-quality:report-json-is-a-fifo",
    "diff4-base:empty", "diff4-revision:json-list",
    "cassette4:upper-case-suffix-beside-a-good-one",
    "poll4:profile-unknown", "poll4:reset-nowhere", "poll4:source-listen-bad-port",
}
# Run through the real entry point by the campaign (names that are not UTF-8 reach standard
# output as it sets it up), so not in a batch here.
_PROCESS_ONLY = ("name4:",)
_ALL = [case for case in batch_cases() if not case.id.startswith(_PROCESS_ONLY)]
CASES = [case for case in _ALL if case.id in REGRESSIONS] + stable_pick(
    "fresh4", [case for case in _ALL if case.id not in REGRESSIONS
               and not case.id.startswith(("queue4-", "dsn4", "regex4-probe", "poll4"))], 10)


def test_every_regression_is_a_case() -> None:
    assert not REGRESSIONS - {case.id for case in _ALL}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_fresh4(case: Case, outcome: Outcome) -> None:
    wrong = judge(case, outcome)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"
