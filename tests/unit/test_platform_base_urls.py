"""A platform's base URL as URLs are written: scheme and host in any case, the default port,
``{version}`` named twice."""

from __future__ import annotations

from pathlib import Path

import pytest

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

