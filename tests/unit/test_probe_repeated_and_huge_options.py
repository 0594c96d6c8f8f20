"""probe's command line: a filter given twice is one filter, and a time beyond any sensible run
is refused before anything is sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.hostile_strategies import mini

# Nothing listens on the discard port of the loopback: every request is refused at once.
_NOWHERE = ["--base-url", "http://127.0.0.1:9", "--max-examples", "1", "--timeout", "1"]


@pytest.mark.parametrize("repeated", [
    ["--exclude-path", "/orders/{id}.json", "--exclude-path", "/orders/{id}.json"],
    ["--exclude-method", "GET", "--exclude-method", "get"],
    ["--exclude-name-regex", "x", "--exclude-name-regex", "x"],
])
def test_an_exclude_filter_given_twice_is_that_filter(tmp_path: Path,
                                                      repeated: list[str]) -> None:
    project = mini(tmp_path)
    result = CliRunner().invoke(app, ["probe", "shop", *_NOWHERE, *repeated, "--project",
                                      str(project), "-f", "json"])
    assert result.exit_code in (0, 1), result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize(("option", "value"), [("--max-time", "9" * 40), ("--timeout", "1e40"),
                                               ("--max-response-time", "1e40")])
def test_a_time_beyond_any_run_is_refused(tmp_path: Path, option: str, value: str) -> None:
    project = mini(tmp_path)
    result = CliRunner().invoke(app, ["probe", "shop", "--base-url", "http://127.0.0.1:9",
                                      option, value, "--project", str(project)])
    assert result.exit_code == 2
    assert option in result.output
