"""A failed suite or reconciliation alerts once per run, with counts and never data values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import copy_example
from tests.support.quality import inject_defects
from tests.support.servers import receiver, serve

runner = CliRunner()


def test_quality_and_reconcile_failures_alert_with_counts_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_example(tmp_path / "example")
    inject_defects(project)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        "[tool.ruff]", '[tool.seamguard.alerts]\nurls_env = ["QUALITY_ALERTS"]\n\n[tool.ruff]'),
        encoding="utf-8")
    received: list[dict[str, Any]] = []
    reports: list[str] = []
    with serve(receiver(received)) as origin:
        monkeypatch.setenv("QUALITY_ALERTS", f"json://{origin[len('http://'):]}/hook")
        for command in ("quality", "reconcile"):
            result = runner.invoke(app, [command, "--project", str(project), "--format", "json"])
            assert result.exit_code == 1, result.output
            assert json.loads(result.output)["findings"][-1]["code"] == "alert.sent"
            reports.append(result.output)
    assert len(received) == 2  # one message per run
    quality, reconcile = (message["message"] for message in received)
    assert "quality.reference-broken" in quality
    assert "reconcile.missing-in-target" in reconcile
    assert "@" in reports[0]  # the quality report carries (masked) e-mail addresses...
    for text in (quality, reconcile):
        assert "details in the report" in text
        assert "@" not in text  # ...the messages carry no value at all
