"""A platform's base URL as URLs are written: scheme and host in any case, the default port,
``{version}`` named twice; and one base URL for two platforms, which routing cannot split."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.errors import SettingsError
from seamguard.project import find_project
from seamguard.recordings.routing import Router
from tests.support.projects import MINI_SETTINGS, mini_project

_BASE = "https://shop.example.com/api/{version}"


def _router(tmp_path: Path, base: str) -> Router:
    root = mini_project(tmp_path / "p", settings=MINI_SETTINGS.replace(_BASE, base))
    return Router(find_project(root).settings)


@pytest.mark.parametrize("base", ["HTTPS://shop.example.com/api/{version}",
                                  "https://SHOP.Example.COM:443/api/{version}/"])
def test_scheme_and_host_in_capitals_and_the_default_port_are_the_same_url(
        tmp_path: Path, base: str) -> None:
    router = _router(tmp_path, base)
    assert router.locate("https://shop.example.com/api/v1/orders/1.json") == (
        "shop", "v1", "/orders/1.json")


def test_a_version_named_twice_must_be_the_same_twice(tmp_path: Path) -> None:
    router = _router(tmp_path, "https://shop.example.com/{version}/api/{version}")
    assert router.locate("https://shop.example.com/v1/api/v1/orders") == ("shop", "v1", "/orders")
    assert router.locate("https://shop.example.com/v1/api/v2/orders") is None


@pytest.mark.parametrize("second", [_BASE, "https://Shop.example.com:443/api/{version}/"])
def test_two_platforms_at_one_base_url_are_refused(tmp_path: Path, second: str) -> None:
    settings = MINI_SETTINGS + (f'\n[tool.seamguard.platforms.shop2]\nversions = ["v1"]\n'
                                f'base_url = "{second}"\n')
    root = mini_project(tmp_path / "p", settings=settings)
    with pytest.raises(SettingsError) as caught:
        find_project(root)
    assert "'shop' and 'shop2' have the same base_url" in caught.value.message
