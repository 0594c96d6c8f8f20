"""A path the user running seamguard may not read stops the run with exit code 2 whatever kind
of input it is, and names the path (tests/support/hostile_fresh2_perm.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.hostile_fresh2_perm import judge_refused, perm_cases
from tests.support.hostile_fresh_cli import ProcessCase, run_processes
from tests.support.hostile_strategies import HELD

CASES = perm_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_an_unreadable_input_exits_2_naming_it(tmp_path: Path, case: ProcessCase) -> None:
    with HELD:
        outcome = run_processes([case], tmp_path, 120)[case.id]
    wrong = judge_refused(case, outcome)
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"
