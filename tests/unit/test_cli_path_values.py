"""Values the shell leaves as they are reach seamguard as the user meant them: ``~`` is the home
folder (not a folder named ``~``), ``-`` is refused (not a folder named ``-``), and a COLUMNS no
report fits in (0, which some CI runners set, printed nothing at all) is ignored."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.hostile import run_seamguard
from tests.support.projects import good_order, interaction, mini_project


def _project(tmp_path: Path) -> Path:
    return mini_project(tmp_path / "p", interactions=[interaction(
        {"order": good_order(status="lost")})])


@pytest.mark.parametrize("written", ["--reports=~/out", "~/out"])
def test_a_tilde_the_shell_left_is_the_home_folder(tmp_path: Path, written: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.chdir(tmp_path)
    argv = [written] if written.startswith("--") else ["--reports", written]
    result = CliRunner(env={"HOME": str(home)}).invoke(
        app, ["verify", "--project", str(project), *argv])
    assert result.exit_code == 1, result.output
    assert (home / "out" / "report.json").is_file()
    assert not (tmp_path / "~").exists()


def test_a_tilde_of_no_user_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner(env={"COLUMNS": "300"}).invoke(
        app, ["verify", "--project", str(_project(tmp_path)), "--reports",
              "~no-such-user-here/out"])
    assert result.exit_code == 2
    assert "no such user's home folder" in result.output
    assert not (tmp_path / "~no-such-user-here").exists()


@pytest.mark.parametrize("argv", [["verify", "--reports", "-"], ["init", "-"],
                                  ["verify", "--baseline", "-"]])
def test_a_dash_is_no_path(tmp_path: Path, argv: list[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    if argv[0] == "verify":
        argv = [*argv, "--project", str(project)]
    result = CliRunner(env={"COLUMNS": "300"}).invoke(app, argv)
    assert result.exit_code == 2, result.output
    assert "'-' is no" in result.output
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("columns", ["0", "5"])
def test_a_columns_no_report_fits_in_is_ignored(tmp_path: Path, columns: str) -> None:
    outcome = run_seamguard("verify", "--project", str(_project(tmp_path)),
                            env={"COLUMNS": columns})
    assert outcome.code == 1
    assert "failed recorded: 1 finding(s)" in outcome.raw
