"""A slice of the ecosystem-habits scorer runs, and its judge tells right from wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.ecosystem_habits import Case, Result, judge, run_case
from tests.support.ecosystem_habits_cases import CASES

_SLICE = ["fail-on-err", "format-githubactions", "breaking-command", "exclude-elements",
          "misspelt-kwarg", "between-mostly-passes"]


@pytest.mark.parametrize("name", _SLICE)
def test_a_slice_of_the_habits_is_answered_right(tmp_path: Path, name: str) -> None:
    [case] = [c for c in CASES if c.name == name]
    result = run_case(case, tmp_path / "p")
    assert judge(case, result) is None, result.output[-2000:]


_REFUSED = Case("oasdiff", "x", "diff", (), "refused", says=("--breaking-only",))
_WORKS = Case("gx", "y", "quality", (), "works", finding="quality.", codes=(1,))


@pytest.mark.parametrize(("case", "result", "wrong"), [
    (_REFUSED, Result(0, "", []), "a silent pass"),
    (_REFUSED, Result(2, "No such command 'breaking'.", []), "does not say"),
    (_REFUSED, Result(2, "Traceback (most recent call last):", []), "traceback"),
    (_WORKS, Result(0, "", []), "exit 0"),
    (_WORKS, Result(1, "", [{"code": "quality.x", "severity": "warning"}]), "silently"),
    (_WORKS, Result(1, "", [], crashed="KeyError: 'a'"), "crashed"),
])
def test_the_judge_names_what_is_wrong(case: Case, result: Result, wrong: str) -> None:
    assert wrong in (judge(case, result) or "")


def test_a_refusal_wrapped_in_a_box_still_counts() -> None:
    boxed = Result(2, "│ No such command 'breaking' — write seamguard contract diff BASE │\n"
                      "│ REVISION --breaking-only │", [])
    assert judge(_REFUSED, boxed) is None
