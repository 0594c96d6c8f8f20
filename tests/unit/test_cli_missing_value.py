"""An option given without its value (last on the line) is a usage error with the command's
usage line and where to find help, like every other usage error."""

from __future__ import annotations

import pytest

from tests.support.hostile import run_seamguard


@pytest.mark.parametrize(("argv", "usage"), [
    (("verify", "--project"), "seamguard verify [OPTIONS]"),
    (("verify", "-f"), "seamguard verify [OPTIONS]"),
    (("map", "explain", "x", "--project"), "seamguard map explain [OPTIONS]"),
])
def test_an_option_without_its_value_says_how_to_get_help(argv: tuple[str, ...],
                                                         usage: str) -> None:
    outcome = run_seamguard(*argv)
    assert outcome.code == 2
    assert "requires an argument" in outcome.raw
    assert usage in outcome.raw
    assert "--help' for help" in outcome.raw
