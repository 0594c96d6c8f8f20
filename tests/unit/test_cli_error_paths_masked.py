"""An error names its file with each folder masked on its own: a folder whose name reads like a
secret assignment or holds a phone keeps the file name after it readable."""

from __future__ import annotations

from seamguard.cli_app import _masked_error
from seamguard.errors import SettingsError, UsageError


def test_a_secret_looking_folder_does_not_swallow_the_file_name() -> None:
    exc = SettingsError("unknown setting 'secret_ev'", hint="did you mean 'secret_env'?",
                        file="/tmp/runs/platforms.shop.secret_env=misspelt/pyproject.toml",
                        pointer="tool.seamguard.platforms.shop.secret_ev")
    text = _masked_error(exc)
    assert "/pyproject.toml (at tool.seamguard.platforms.shop.secret_ev)" in text
    assert "unknown setting 'secret_ev'" in text


def test_a_phone_in_a_folder_is_masked_and_the_file_stays() -> None:
    exc = UsageError("not a mapping", file="/data/客户13812345678/mappings/x.yaml", line=3)
    text = _masked_error(exc)
    assert "13812345678" not in text
    assert text.endswith("/mappings/x.yaml:3: not a mapping")


def test_a_phone_in_the_message_is_still_masked() -> None:
    exc = UsageError("value '13812345678' is not an integer", file="pyproject.toml", line=7)
    text = _masked_error(exc)
    assert "13812345678" not in text
    assert text.startswith("pyproject.toml:7: value '")
