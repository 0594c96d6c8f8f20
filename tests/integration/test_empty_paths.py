"""An empty path (an unset shell variable, a blank setting) is a usage error, never "here".

``Path("")`` is the current folder: before, ``--reports ""`` wrote the report files into the
folder the command ran in, ``suites = ""`` read the project folder as the suites, and
``baseline = ""`` left the baseline out without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from seamguard.cli import app
from tests.support.projects import MINI_SETTINGS, mini_project

# Every command-line value that names a file or folder, where it is given.
COMMAND_LINES = [
    ("verify", "--reports"), ("check", "--reports"), ("verify", "--project"),
    ("verify", "--baseline"), ("quality", "--reports"), ("drift run", "--reports"),
    ("contract diff shop@v1 shop@v1", "--ignore"), ("contract history shop a.yaml", "--git"),
    ("baseline save --reason r", "--output"), ("baseline save --reason r", "--report"),
    ("record GET /orders/1.json", "--from"), ("record GET /orders/1.json", "--project"),
    ("privacy scan", ""), ("privacy scrub", ""), ("init", ""),
]


def _invoke(argv: list[str]) -> Result:
    # wide, so that rich does not fold a message across the lines of its box
    return CliRunner(env={"COLUMNS": "400", "NO_COLOR": "1"}).invoke(app, argv)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = mini_project(tmp_path / "p")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)  # where an empty path would have pointed
    return root


@pytest.mark.parametrize(("command", "option"), COMMAND_LINES,
                         ids=[f"{c.split()[0]}-{o or 'argument'}" for c, o in COMMAND_LINES])
@pytest.mark.parametrize("value", ["", "  "], ids=["empty", "blank"])
def test_an_empty_path_on_the_command_line(project: Path, command: str, option: str,
                                           value: str) -> None:
    argv = [*command.split()]
    argv += [option, value] if option else [value]
    if option != "--project" and not command.startswith(("init", "contract history")):
        argv += ["--project", str(project)]
    result = _invoke(argv)
    assert result.exit_code == 2, result.output
    assert "names no" in result.output
    assert "hint:" in result.output
    assert option in result.output if option else "Invalid value for" in result.output
    assert list(Path.cwd().iterdir()) == []  # nothing written where the command ran


def test_a_path_of_the_wrong_kind_is_named(project: Path) -> None:
    result = _invoke(["verify", "--project", str(project / "pyproject.toml")])
    assert result.exit_code == 2
    assert "is a file" in result.output
    result = _invoke(["verify", "--project", str(project), "--baseline",
                                      str(project)])
    assert result.exit_code == 2
    assert "is a folder" in result.output


def test_a_given_reports_folder_still_works(project: Path) -> None:
    result = _invoke(["verify", "--project", str(project), "--reports", "out"])
    assert result.exit_code == 1, result.output  # no cassette: nothing examined
    assert (Path.cwd() / "out" / "report.json").is_file()


SETTINGS = [
    ("", 'reports = ""'), ("", 'contracts = " "'), ("", 'cassettes = ""'),
    ("", 'baseline = ""'), ("quality", 'suites = ""'), ("sync", 'regressions = ""'),
    ("privacy", 'pseudonym_key_file = ""'), ("privacy", 'scan = ["fixtures", ""]'),
    ("datasets.orders", 'path = ""'),
]


@pytest.mark.parametrize(("table", "line"), SETTINGS, ids=[line for _, line in SETTINGS])
def test_an_empty_path_in_the_settings(project: Path, table: str, line: str) -> None:
    settings = MINI_SETTINGS.replace("[tool.seamguard]\n", "[tool.seamguard]\n" + (
        f"{line}\n" if not table else "")) + (f"[tool.seamguard.{table}]\n{line}\n"
                                                if table else "")
    (project / "pyproject.toml").write_text(settings, encoding="utf-8")
    key = line.split(" =")[0]
    result = _invoke(["verify", "--project", str(project)])
    assert result.exit_code == 2, result.output
    assert "pyproject.toml:" in result.output
    assert f"tool.seamguard.{table + '.' if table else ''}{key}" in result.output
    assert "expected a file or folder path" in result.output


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///", "sqlite:///:memory:"])
def test_a_history_that_would_be_forgotten(project: Path, url: str) -> None:
    (project / "pyproject.toml").write_text(
        MINI_SETTINGS + f'[tool.seamguard.drift]\nhistory = "{url}"\n', encoding="utf-8")
    result = _invoke(["drift", "run", "--project", str(project)])
    assert result.exit_code == 2, result.output
    assert "tool.seamguard.drift.history" in result.output
    assert "names no file" in result.output


def test_an_empty_reports_folder_for_pytest(pytester: pytest.Pytester) -> None:
    mini_project(pytester.path)
    result = pytester.runpytest("--seamguard-reports", "")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--seamguard-reports: an empty folder name names no folder*"])


@pytest.mark.parametrize(("option", "said"), [
    ("--seamguard-reports=pyproject.toml", "is a file, where a folder was expected"),
    ("--seamguard-reports=pyproject.toml/out", "is a file, where a folder was expected"),
    ("--seamguard-select=,", "names no check"),
    ("--seamguard-sync-examples=0", "must be 1 or more"),
])
def test_pytest_options_that_would_check_nothing_or_write_nowhere(
        pytester: pytest.Pytester, option: str, said: str) -> None:
    # before: the items ran green and the session ended 0 (the reports not written, or no
    # item selected at all)
    mini_project(pytester.path)
    result = pytester.runpytest(option, "contracts")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{said}*"])
    assert not (pytester.path / "reports").exists()
