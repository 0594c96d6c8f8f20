"""Hostile cases of tests/support/hostile_classes.py: one per class of input a run met badly,
and a stable sample of the rest (the whole campaign: ``python -m
tests.support.hostile_classes``). Judged as in test_hostile_operators.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.hostile import Outcome, run_seamguard
from tests.support.hostile_cases import Case
from tests.support.hostile_classes import ENV_CASES, all_cases, judge
from tests.support.hostile_strategies import HELD, outcomes_in_two_workers, stable_pick

outcomes = outcomes_in_two_workers

# Each ended badly before its fix: a silent pass, a finding without a hint, or a limit that
# refused every file.
REGRESSIONS = {
    # a $ref outside the positions loading follows: never resolved, so never refused
    "ref-callback:self:verify",
    "ref-callback-path-item:cycle-across-files:check",
    "ref-link:missing:check",
    "ref-example:remote:verify",
    "ref-security-scheme:escapes:check",
    "ref-discriminator-mapping:absolute-file:verify",
    "ref-discriminator-mapping:missing:check",  # refused, but with no line
    # a $ref reaching an object of another kind: an empty response, a webhook of nothing
    "ref-response:another-kind:verify",
    "ref-webhook:another-kind:check",
    "number-max-length:minus-zero",  # an out-of-range finding without a hint
    "number-setting-max_document_mb:denormal",  # a limit of 0 bytes taken
    "tag-contract:timestamp-tag-bad",  # !!timestamp on text kept as text
    "tag-cassette:timestamp-tag-bad",
    "srv-probe:encoding-unknown",  # probe read an answer it could not undo
    "dataset-jsonl:string-line-10000",  # told as a key column missing, not as its line
}
_ALL = [case for case in all_cases() if not case.id.startswith("explain-stdin")]
CASES = [case for case in _ALL if case.id in REGRESSIONS] + stable_pick(
    "classes", [case for case in _ALL if case.id not in REGRESSIONS], 16)


def test_every_regression_is_a_case() -> None:
    assert not REGRESSIONS - {case.id for case in _ALL}


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_class(case: Case, outcome: Outcome) -> None:
    wrong = judge(case, outcome)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"


# The environment and byte file names are the input: each as its own process. Each of these
# crashed (exit 3), ended without a hint, or (a folder named in Latin-1) said its contract did
# not exist, before its fix.
ENV_REGRESSIONS = ["env:http-proxy-garbage", "env:ca-bundle-missing", "env:ca-bundle-garbage",
                   "bytes:project-latin1-name",
                   "env:dataset-url-garbage"]


@pytest.mark.parametrize("name", ENV_REGRESSIONS)
def test_hostile_environment(tmp_path: Path, name: str) -> None:
    _, setup, exits = next(case for case in ENV_CASES if case[0] == name)
    with HELD:
        argv, env = setup(tmp_path)
        outcome = run_seamguard(*argv, cwd=tmp_path, env=env, timeout=90)
    wrong = judge(Case(f"cli:{name}", lambda root: [], exits), outcome)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"
    assert "hint:" in outcome.text
