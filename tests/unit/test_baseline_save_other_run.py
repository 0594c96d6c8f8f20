"""``seamguard baseline save`` after a command other than ``check`` (``record`` writes
report.json too) must not silently accept nothing: it names the run it read and says to run
``check`` first."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from seamguard.cli import app


def _project(tmp_path: Path, command: str) -> Path:
    (tmp_path / "pyproject.toml").write_text("[tool.seamguard]\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.json").write_text(json.dumps(
        {"schema": "seamguard.report/1", "command": command, "checks": [{"id": "record"}],
         "findings": [], "accepted": []}), encoding="utf-8")
    return tmp_path


def test_saving_from_a_record_run_says_to_run_check_first(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["baseline", "save", "--reason", "label", "--project",
                                      str(_project(tmp_path, "record"))])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "the run of `seamguard record`" in text
    assert "run `seamguard check`, then save the baseline again" in text


def test_saving_from_a_clean_check_has_no_such_note(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["baseline", "save", "--reason", "label", "--project",
                                      str(_project(tmp_path, "check"))])
    assert result.exit_code == 0, result.output
    assert "nothing accepted" not in result.output
