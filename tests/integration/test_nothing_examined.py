"""A command of one pillar that examined nothing fails; its own warning still says why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import GOOD_ORDER, interaction, mini_project, write_cassette


def run(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.output)


def codes(report: dict[str, Any]) -> dict[str, str]:
    return {finding["code"]: finding["severity"] for finding in report["findings"]}


def empty_cassettes(root: Path) -> Path:
    for old in (root / "fixtures" / "cassettes").glob("*.yaml"):
        old.unlink()
    return root


@pytest.mark.parametrize(("command", "arrange", "why"), [
    (["verify"], empty_cassettes, "recorded.none"),
    (["verify"], lambda root: write_cassette(
        empty_cassettes(root) / "fixtures/cassettes/c.yaml", []).parents[2], "cassette.empty"),
    (["drift", "run"], lambda root: root, "drift.nothing-to-fetch"),
])
def test_nothing_examined_fails_and_keeps_the_warning_that_says_why(
        tmp_path: Path, command: list[str], arrange: Any, why: str) -> None:
    root = arrange(mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)]))
    code, report = run(*command, "--project", str(root))
    assert code == 1
    assert codes(report) == {why: "warning", "run.nothing-examined": "error"}
    [failed] = [f for f in report["findings"] if f["code"] == "run.nothing-examined"]
    assert why in failed["message"]
    assert failed["location"]["file"] == "pyproject.toml"
    assert failed["hint"]


def test_check_still_passes_with_an_empty_pillar(tmp_path: Path) -> None:
    root = empty_cassettes(mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)]))
    code, report = run("check", "--project", str(root))
    assert code == 0
    assert "recorded.none" in codes(report)
    assert "run.nothing-examined" not in codes(report)


def test_verify_that_examined_something_is_not_flagged(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)])
    code, report = run("verify", "--project", str(root))
    assert (code, codes(report)) == (0, {})


def test_a_folder_named_on_purpose_that_is_missing_stays_one_error(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)])
    settings = root / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "[tool.seamguard]", '[tool.seamguard]\ncassettes = "nope"', 1), encoding="utf-8")
    code, report = run("verify", "--project", str(root))
    assert (code, codes(report)) == (1, {"recorded.none": "error"})


def test_quality_with_no_datasets_fails_as_nothing_examined(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)])
    code, report = run("quality", "--project", str(root))
    assert code == 1
    assert codes(report) == {"run.nothing-examined": "error"}
