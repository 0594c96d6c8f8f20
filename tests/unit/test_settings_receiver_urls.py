"""A setting appended below ``[tool.seamguard.platforms.<name>.webhook_urls]`` lands in that
table (TOML puts a key into the last header above it). A string there (``baseline = ...``)
used to be taken silently as a receiver URL; now every non-URL key is an error with the line
and where the setting belongs."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.errors import UsageError
from seamguard.project import find_project

_HEAD = ('[tool.seamguard.platforms.shop]\nversions = ["v1"]\nbase_url = "http://x.test/api"\n'
         '\n[tool.seamguard.platforms.shop.webhook_urls]\n'
         '"http://x.test/api/hooks/paid" = "orderPaid"\n')


@pytest.mark.parametrize(("line", "owner"), [
    ('baseline = "seamguard-baseline.yaml"', "[tool.seamguard]"),
    ('auth = { header = "Authorization", env = "SHOP_TOKEN" }', "[tool.seamguard.platforms.shop]"),
])
def test_a_setting_below_webhook_urls_says_where_it_belongs(tmp_path: Path, line: str,
                                                            owner: str) -> None:
    (tmp_path / "pyproject.toml").write_text(_HEAD + line + "\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        find_project(tmp_path, explicit=True)
    error = caught.value
    assert error.line == 7
    assert f"is a setting of {owner}: move it up" in (error.hint or "")


def test_a_key_that_is_no_url_says_what_a_key_is(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(_HEAD + '"/hooks/other" = "orderPaid"\n',
                                             encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        find_project(tmp_path, explicit=True)
    assert "full URL" in (caught.value.hint or "")


def test_receiver_urls_load(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(_HEAD, encoding="utf-8")
    settings = find_project(tmp_path, explicit=True).settings.platforms["shop"]
    assert settings.webhook_urls == {"http://x.test/api/hooks/paid": "orderPaid"}
