"""``--debug`` prints the traceback masked, as every other output is."""

from __future__ import annotations

import pytest
import typer

from seamguard.cli_app import _exit
from seamguard.errors import UsageError


def _internal() -> int:
    record = {"receiver_mobile": "13812345678", "email": "zhang.wei@example.com"}
    raise ValueError(f"cannot map {record}")


def _usage() -> int:
    raise UsageError("customer 13912345678 not found in fixtures/客户13912345678.yaml")


@pytest.mark.parametrize(("action", "code", "kept"), [
    (_internal, 3, "ValueError"), (_usage, 2, "UsageError")])
def test_the_debug_traceback_is_masked(action: object, code: int, kept: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as exited:
        _exit(action, True)
    assert exited.value.exit_code == code
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert kept in err
    for value in ("13812345678", "13912345678", "zhang.wei@example.com"):
        assert value not in err
    assert "138****5678" in err or "139****5678" in err
