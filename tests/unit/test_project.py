from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.errors import SettingsError
from seamguard.project import find_project
from tests.support.projects import MINI_SETTINGS, mini_project


def test_finds_the_nearest_project_upwards(mini: Path) -> None:
    nested = mini / "contracts" / "shop"
    assert find_project(nested).root == mini


def test_defaults(mini: Path) -> None:
    settings = find_project(mini).settings
    assert (settings.contracts, settings.cassettes, settings.reports) == (
        "contracts", "fixtures/cassettes", "reports")
    assert settings.platforms["shop"].base_url == "https://shop.example.com/api/{version}"


def test_no_project(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        find_project(tmp_path, explicit=True)
    assert "seamguard init" in (caught.value.hint or "")


def test_unknown_setting_suggests_the_right_one(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS.replace("versions", "version"))
    with pytest.raises(SettingsError) as caught:
        find_project(root)
    error = caught.value
    assert error.pointer == "tool.seamguard.platforms.shop.version"
    assert error.hint == "did you mean 'versions'?"
    assert error.line == 5


def test_invalid_base_url(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS.replace("https://", ""))
    with pytest.raises(SettingsError, match="absolute http"):
        find_project(root)


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS + "broken = [\n")
    with pytest.raises(SettingsError) as caught:
        find_project(root)
    assert caught.value.line is not None


def test_unknown_platform_is_a_usage_error(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS.replace("platforms.shop", "platforms.shp"))
    project = find_project(root)
    with pytest.raises(SettingsError) as caught:
        project.check_layout()
    assert "unknown platform 'shp'" in caught.value.message
    assert caught.value.hint == "did you mean 'shop'?"


def test_missing_version_folder(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS.replace('["v1"]', '["v1", "v2"]'))
    with pytest.raises(SettingsError, match="no contract for shop@v2"):
        find_project(root).check_layout()
