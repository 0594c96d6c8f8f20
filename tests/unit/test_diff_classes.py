"""Every change class of the `contract diff` scorer (``tests.support.diff_classes``): the rule,
level and location oasdiff's catalogue gives each edit, and nothing for a rewrite that keeps
the meaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.diff_classes import CASES, Case, run_case, verdict


@pytest.mark.parametrize("item", CASES, ids=[f"{c.klass}:{c.name}" for c in CASES])
def test_change_class(item: Case, tmp_path: Path) -> None:
    assert verdict(item, run_case(item, tmp_path)) == []


def test_a_miss_a_wrong_level_and_a_false_alarm_each_fail_a_case(tmp_path: Path) -> None:
    item = next(c for c in CASES if c.name == "enum value removed" and c.klass == "response")
    changes = run_case(item, tmp_path)
    assert verdict(item, []) != []
    wrong_level = [type(c)(**{**c.__dict__, "level": "error"}) for c in changes]
    assert verdict(item, wrong_level) != []
    silent = next(c for c in CASES if c.klass == "silent")
    assert verdict(silent, changes) != []
