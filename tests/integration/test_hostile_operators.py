"""Hostile cases of tests/support/hostile_operators.py: one per class of input a run met badly,
and a stable sample of the rest (the whole campaign: ``python -m
tests.support.hostile_operators``). Judged as in test_hostile_inputs_strategies.py."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from seamguard.contracts import diff_sides
from seamguard.errors import UsageError
from seamguard.quality.datasets import ragged_csv_row
from tests.support.hostile import Outcome
from tests.support.hostile_cases import Case
from tests.support.hostile_operators import CLI_CASES, NETWORK_CASES, file_cases, judge
from tests.support.hostile_strategies import outcomes_in_two_workers, stable_pick

outcomes = outcomes_in_two_workers

# Each ended badly before its fix: a traceback, or a worker thread's death said as "nothing
# examined".
REGRESSIONS = {
    "settings:nul-in-string",  # a NUL in a path setting reached the file system
    "net-probe:redirect-bad-location",  # a Location that is no URL
    "net-probe:json-nesting-50k",  # a body nested past the JSON reader's recursion limit
}
_ALL = [*file_cases(), *CLI_CASES, *NETWORK_CASES]
CASES = [case for case in _ALL if case.id in REGRESSIONS] + stable_pick(
    "operators", [case for case in _ALL if case.id not in REGRESSIONS
                  and case.id != "cli:diff-side-fifo"], 16)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_operator(case: Case, outcome: Outcome) -> None:
    wrong = judge(case, outcome)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"


def test_a_named_pipe_nobody_writes_into_is_a_usage_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diff_sides, "PIPE_WAIT", 0.3)
    pipe = tmp_path / "spec.yaml"
    os.mkfifo(pipe)
    with pytest.raises(UsageError, match="a pipe nobody wrote into") as caught:
        diff_sides.materialise(str(pipe), tmp_path, max_bytes=1000)
    assert caught.value.hint is not None


def test_a_named_pipe_with_a_writer_is_read(tmp_path: Path) -> None:
    pipe = tmp_path / "spec.yaml"
    os.mkfifo(pipe)
    spec = b"openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\n"
    writer = threading.Thread(target=pipe.write_bytes, args=(spec,))
    writer.start()
    copy = diff_sides.materialise(str(pipe), tmp_path, max_bytes=1000)
    writer.join()
    assert copy is not None
    assert copy.read_bytes() == spec


@pytest.mark.parametrize("where", ["header", "row"])
def test_a_csv_field_past_the_csv_modules_limit_is_left_to_duckdb(tmp_path: Path,
                                                                    where: str) -> None:
    path = tmp_path / "d.csv"
    huge = "x" * 200_000
    path.write_text(f"a,{huge}\n1,2\n" if where == "header" else f"a,b\n1,{huge}\n3\n",
                    encoding="utf-8")
    assert ragged_csv_row(path) is None
