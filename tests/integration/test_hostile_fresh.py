"""Hostile cases of tests/support/hostile_fresh.py: each case that ended badly before its fix,
and a stable sample of the rest (the whole campaign: ``python -m tests.support.hostile_fresh``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh import batch_cases, judge_case, judge_process, process_cases
from tests.support.hostile_fresh_cli import ProcessCase, _run_process, run_processes
from tests.support.hostile_strategies import HELD, outcomes_in_two_workers, stable_pick

outcomes = outcomes_in_two_workers

# Each crashed (exit 3), passed silently or answered in Python's words before its fix.
REGRESSIONS = {
    "cli:surrogate-in-record-path", "cli:surrogate-in-header", "cli:surrogate-in-param",
    "cli:nul-in-record-path", "cli:header-value-chinese", "cli:surrogate-in-base-url",
    "cli:surrogate-in-cassette", "request-file:chinese-header", "live-settings:header-name-space",
    "net-published:ipv6-no-brackets", "net-record:ipv6-no-brackets", "net-live:status-http-9.9",
    "baseline:version-2", "baseline:other-schema", "baseline-save:a-list",
    "baseline-save:findings-a-string", "encoding-csv:utf16le-bom", "encoding-jsonl:lone-cr",
    "encoding-suite:utf16be-bom",
}
_ALL = batch_cases()
_PICKED = [case for case in _ALL if case.id in REGRESSIONS] + stable_pick(
    "fresh", [case for case in _ALL if case.id not in REGRESSIONS
              and not case.id.startswith(("net-", "encoding-"))], 8)
# an encoding case is judged against its control
CASES = _PICKED + [case for case in _ALL if case.id.endswith(":control") and any(
    picked.id.split(":")[0] == case.id.split(":")[0] for picked in _PICKED
    if picked.id.startswith("encoding-"))]


def test_every_regression_is_a_case() -> None:
    assert not REGRESSIONS - {case.id for case in _ALL}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_fresh(case: Case, outcome: Outcome, outcomes: dict[str, Outcome]) -> None:
    by_case = {item_id.split("[", 1)[1].rstrip("]"): result
               for item_id, result in outcomes.items() if "[" in item_id}
    wrong = judge_case(case, outcome, by_case)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"


# The environment, argument bytes and permissions are the input: each as its own process.
PROCESS_REGRESSIONS = ["env:dataset-url-port-word", "env:dataset-url-not-utf8",
                       "env:pseudonym-key-not-utf8", "argv:init-not-utf8",
                       "perm:cassette-unreadable", "perm:cassettes-folder-unreadable",
                       "perm:reports-read-only"]


@pytest.mark.parametrize("name", PROCESS_REGRESSIONS)
def test_hostile_fresh_process(tmp_path: Path, name: str) -> None:
    case: ProcessCase = next(c for c in process_cases() if c.id == name)
    with HELD:
        if case.as_nobody:
            outcome = run_processes([case], tmp_path, 90)[case.id]
        else:
            outcome = _run_process(case, tmp_path, 90)
    wrong = judge_process(case, outcome)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"
