"""Hostile cases of tests/support/hostile_formats.py and hostile_wire.py: each one a run met
badly before its fix, and a stable sample of the rest (the whole campaign: ``python -m
tests.support.hostile_formats``). Judged as in test_hostile_classes.py."""

from __future__ import annotations

import pytest

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_classes import judge
from tests.support.hostile_formats import all_cases
from tests.support.hostile_strategies import outcomes_in_two_workers, stable_pick
from tests.support.hostile_wire import cli_cases, wire_cases

outcomes = outcomes_in_two_workers

# Each ended badly before its fix: a silent pass, a timeout where the scheme was wrong, a
# message that did not name the file, a usage error without its usage line.
REGRESSIONS = {
    "cassette-format:body-duplicate-key",  # the last value kept, nothing said
    "srv-live:duplicate-key-body",
    "cassette-format:body-as-parsed-json",  # read as Python's repr: "not JSON"
    "cassette-format:gzip-truncated-body",  # said to be empty
    "srv-probe:duplicate-key-body",
    "tls-live:https-to-plain-port",  # a timeout
    "tls-live:http-to-tls-port",  # a bare reset
    "tls-probe:https-to-plain-port",
    "tls-probe:http-to-tls-port",
    "dataset-format:jsonl-null-line",  # a row of nulls
    "dataset-format:csv-only-bom",  # the file not named
    "cli:project-missing-value",  # no usage line, no help line
}
_ALL = [*all_cases(), *wire_cases(), *cli_cases()]
CASES = [case for case in _ALL if case.id in REGRESSIONS] + stable_pick(
    "formats", [case for case in _ALL if case.id not in REGRESSIONS], 16)


def test_every_regression_is_a_case() -> None:
    assert not REGRESSIONS - {case.id for case in _ALL}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_format(case: Case, outcome: Outcome) -> None:
    wrong = judge(case, outcome)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"
