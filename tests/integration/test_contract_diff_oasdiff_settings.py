"""`contract diff` reads oasdiff's settings file (oasdiff.yaml in the working folder) as oasdiff
does: keys it has an option for are honoured, the others are named at their line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.ecosystem_habits_cases import BASE, REVISION


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "rev.yaml").write_text(REVISION, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _diff(*extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["contract", "diff", "base.yaml", "rev.yaml", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("name", ["oasdiff.yaml", ".oasdiff.yml", "oasdiff.json"])
def test_fail_on_and_match_path_of_the_file_are_honoured(here: Path, name: str) -> None:
    settings = {"fail-on": "INFO", "match-path": "^/stores"}
    (here / name).write_text(json.dumps(settings), encoding="utf-8")
    code, out, _ = _diff()
    assert code == 1  # only the INFO change of /stores is compared, and INFO fails
    assert "/stores" in out
    assert "/pets" not in out


def test_the_command_line_wins_over_the_file(here: Path) -> None:
    (here / "oasdiff.yaml").write_text("fail-on: INFO\nmatch-path: ^/stores\n",
                                       encoding="utf-8")
    code, _, _ = _diff("--fail-on", "ERR")
    assert code == 0


def test_a_format_of_the_file_is_honoured(here: Path) -> None:
    (here / "oasdiff.toml").write_text('format = "json"\n', encoding="utf-8")
    _, out, _ = _diff()
    assert json.loads(out)["counts"]["error"] == 1


def test_keys_it_does_not_act_on_are_named_at_their_line(here: Path) -> None:
    (here / "oasdiff.yaml").write_text(
        "fail-on: ERR\nexclude-elements:\n  - description\nerr-ignore: ignore.txt\n",
        encoding="utf-8")
    code, _, err = _diff()
    assert code == 1
    assert "oasdiff.yaml:2: exclude-elements is not read by contract diff" in err
    assert "oasdiff.yaml:4: err-ignore is not read by contract diff: use --ignore" in err


@pytest.mark.parametrize(("text", "said"), [
    ("fail-on: SEVERE\n", "oasdiff.yaml:1: oasdiff.yaml sets fail-on: 'SEVERE'"),
    ("format: html\n", "oasdiff.yaml:1: oasdiff.yaml sets format: 'html'"),
    ("deprecation-days-beta: soon\n", "a whole number of days"),
    ("- fail-on\n", "not oasdiff's settings"),
    ("fail-on: [\n", "oasdiff.yaml cannot be parsed"),
])
def test_a_value_it_cannot_take_is_a_usage_error_at_its_line(here: Path, text: str,
                                                            said: str) -> None:
    (here / "oasdiff.yaml").write_text(text, encoding="utf-8")
    code, out, err = _diff()
    assert code == 2
    assert said in " ".join((out + err).split())


def _history(*extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["contract", "history", "pets", "base.yaml", "rev.yaml",
                                      *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_history_honours_the_file_as_diff_does(here: Path) -> None:
    (here / "oasdiff.yaml").write_text("fail-on: INFO\nmatch-path: ^/stores\nformat: json\n"
                                       "exclude-elements: [description]\n", encoding="utf-8")
    code, out, err = _history()
    assert code == 1  # only the INFO change of /stores is compared, and INFO fails
    groups = json.loads(out)["steps"][0]["changes"]
    assert groups
    assert all("/stores" in json.dumps(group) for group in groups)
    assert "oasdiff.yaml:4: exclude-elements is not read by contract history" in err


def test_history_level_of_the_file_hides_but_still_fails(here: Path) -> None:
    (here / "oasdiff.yaml").write_text("level: ERR\nfail-on: INFO\nunmatch-path: ^/pets\n",
                                       encoding="utf-8")
    code, out, _ = _history()
    assert code == 1
    assert "/stores" not in out


def test_history_command_line_wins_and_bad_values_are_named(here: Path) -> None:
    (here / "oasdiff.yaml").write_text("fail-on: INFO\n", encoding="utf-8")
    assert _history("--fail-on", "ERR")[0] == 1
    (here / "oasdiff.yaml").write_text("fail-on: WARN\nmatch-path: ^/stores\n",
                                       encoding="utf-8")
    assert _history()[0] == 0
    (here / "oasdiff.yaml").write_text("deprecation-days-beta: -3\n", encoding="utf-8")
    code, _, err = _history()
    assert code == 2
    assert "oasdiff.yaml:1" in err
    assert "which contract history cannot take" in err
