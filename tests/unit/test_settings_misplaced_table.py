"""The settings table written where seamguard does not read it stops the run at its line with
a "did you mean [tool.seamguard]", instead of a project with no settings (nothing checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.errors import SettingsError
from seamguard.project import find_project
from tests.support.projects import MINI_SETTINGS, mini_project


def _settings_under(header: str, *, beside: bool = False) -> str:
    text = MINI_SETTINGS.replace("[tool.seamguard.platforms.shop]",
                                 f"[{header}.platforms.shop]")
    return text if beside else text.replace("[tool.seamguard]", f"[{header}]")


@pytest.mark.parametrize(("header", "named"), [
    ("tools.seamguard", "[tools.seamguard]"),
    ("Tool.seamguard", "[Tool.seamguard]"),
    ("tool.seam-guard", "[tool.seam-guard]"),
    ("tool.SeamGuard", "[tool.SeamGuard]"),
    ("tool.seamgaurd", "[tool.seamgaurd]"),
    ('"tool.seamguard"', '["tool.seamguard"]'),
    ("seamguard", "[seamguard]"),
    ("project.seamguard", "[project.seamguard]"),
])
@pytest.mark.parametrize("beside", [False, True])
def test_a_misplaced_settings_table_is_named_at_its_line(tmp_path: Path, header: str,
                                                         named: str, beside: bool) -> None:
    root = mini_project(tmp_path / "p", settings=_settings_under(header, beside=beside))
    with pytest.raises(SettingsError) as caught:
        find_project(root, explicit=True)
    error = caught.value
    assert named in error.message
    assert (error.hint or "").startswith("did you mean [tool.seamguard]?")
    lines = (root / "pyproject.toml").read_text(encoding="utf-8").split("\n")
    assert error.line is not None
    assert lines[error.line - 1].replace(" ", "").startswith(named[:-1])


@pytest.mark.parametrize("other", ["[tool.ruff]\nline-length = 100\n",
                                   "[tool.semgrep]\nx = 1\n",
                                   "[project]\nname = \"seamguard-checks\"\n"])
def test_other_tools_tables_are_left_alone(tmp_path: Path, other: str) -> None:
    root = mini_project(tmp_path / "p", settings=other + MINI_SETTINGS)
    assert "shop" in find_project(root, explicit=True).settings.platforms
