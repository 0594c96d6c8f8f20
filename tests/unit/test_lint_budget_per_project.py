"""A contract pattern's time budget in ``map lint`` belongs to one mapping's lint: projects
linted one after another in one process (the Python API, the pytest plugin) never inherit a
budget that earlier ones spent on a loaded machine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard import regex_limits
from seamguard.cli import app
from tests.support.projects import copy_example


class _LoadedClock:
    """Every reading 50 ms after the last, as on a loaded machine: each search counts as slow."""

    def __init__(self) -> None:
        self.now = 0.0

    def perf_counter(self) -> float:
        self.now += 0.05
        return self.now


def _codes(project: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["map", "lint", "--project", str(project), "-f", "json"])
    return result.exit_code, sorted(f["code"] for f in json.loads(result.stdout)["findings"])


def test_two_projects_in_one_process_lint_alike(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = copy_example(tmp_path / "a"), copy_example(tmp_path / "b")
    monkeypatch.setattr(regex_limits, "time", _LoadedClock())
    before = _codes(first)
    assert "mapping.version-not-timestamp" not in before[1]
    for _ in range(3):
        assert _codes(second) == before
