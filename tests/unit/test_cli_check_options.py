"""The check commands share one declaration of their options; `check` adds --seed."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

import seamguard.cli_run as cli_run
from seamguard.cli import app


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    seen: list[tuple[Any, ...]] = []

    def fake_run(command: str, checks: list[str], *args: Any, **kwargs: Any) -> int:
        seen.append((command, checks, args, kwargs))
        return 0

    monkeypatch.setattr(cli_run, "_run", fake_run)
    return seen


def test_check_passes_its_seed_to_the_run(calls: list[tuple[Any, ...]]) -> None:
    result = CliRunner().invoke(app, ["check", "--seed", "5", "--fail-on", "warning",
                                      "--only", "mapping"])
    assert result.exit_code == 0, result.output
    [(command, _, args, kwargs)] = calls
    assert command == "check"
    assert args[1].value == "warning"
    assert args[4] == {"seed": 5}
    assert kwargs["only"] == ["mapping"]


def test_without_a_seed_the_run_gets_no_options(calls: list[tuple[Any, ...]]) -> None:
    assert CliRunner().invoke(app, ["check"]).exit_code == 0
    assert calls[0][2][4] is None


@pytest.mark.parametrize("argv", [["verify"], ["contract", "lint"], ["map", "lint"],
                                  ["drift", "run"], ["drift", "observe"], ["reconcile"]])
def test_the_other_check_commands_take_the_shared_options_only(
        calls: list[tuple[Any, ...]], argv: list[str]) -> None:
    assert CliRunner().invoke(app, [*argv, "--format", "json", "--baseline",
                                    "b.yaml"]).exit_code == 0
    assert calls[0][3]["baseline"].name == "b.yaml"
    result = CliRunner().invoke(app, [*argv, "--seed", "5"])
    assert result.exit_code == 2
    assert "--seed" in result.output
