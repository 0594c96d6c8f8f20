"""The fresh `contract diff` classes (``tests.support.diff_fresh``): the verdict
oasdiff's catalogue gives each edit, and nothing for a rewrite that keeps the meaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.diff_fresh import run_case, verdict
from tests.support.diff_fresh_cases import CASES, Fresh

SLICE = CASES  # every class: the whole run takes about a second


@pytest.mark.parametrize("item", SLICE, ids=[f"{c.klass}:{c.name}" for c in SLICE])
def test_fresh_change_class(item: Fresh, tmp_path: Path) -> None:
    assert verdict(item, run_case(item, tmp_path)) == []


def test_a_rewrite_reported_as_a_change_fails_its_case(tmp_path: Path) -> None:
    silent = next(c for c in CASES if c.name == "path parameter moved onto each operation")
    loud = next(c for c in CASES if c.name == "GitHub: 200 became 201")
    assert verdict(silent, run_case(loud, tmp_path)) != []

