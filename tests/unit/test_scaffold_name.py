"""`seamguard init` names the project after its folder in a form the settings can hold."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("folder", "name"), [
    ("My Shop", "my-shop"), ('a"b', "a-b"), ("订单 项目", "integration"),
    ("n\udcffew", "n-ew"), ("..", "integration"), ("shop_sync.v2", "shop_sync.v2")])
def test_init_names_the_project_so_the_settings_parse(folder: str, name: str) -> None:
    from seamguard.scaffold import project_name

    assert project_name(folder) == name
