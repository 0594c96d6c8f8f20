"""A SQL dataset whose URL names a PostgreSQL driver that is not installed is refused at its
``url_env`` setting, never an internal error, and the URL's password is not shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.project import find_project
from seamguard.quality.datasets import DatasetError, Datasets
from tests.support.projects import MINI_SETTINGS, mini_project

SETTINGS = MINI_SETTINGS + """
[tool.seamguard.datasets.orders]
kind = "sql"
url_env = "ORDERS_DB"
table = "orders"
key = ["id"]
"""


@pytest.mark.parametrize("driver", ["psycopg2", "pg8000", "no_such_driver"])
def test_a_driver_that_is_not_installed_is_refused_at_url_env(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, driver: str) -> None:
    project = find_project(mini_project(tmp_path, settings=SETTINGS))
    monkeypatch.setenv("ORDERS_DB", f"postgresql+{driver}://u:hidden-pw@127.0.0.1:1/db")
    with Datasets(project) as datasets, pytest.raises(DatasetError) as caught:
        datasets.open("orders")
    error = caught.value
    assert error.pointer == "tool.seamguard.datasets.orders.url_env"
    assert f"driver {driver!r}, which is not installed" in error.message
    assert "postgresql+psycopg://" in (error.hint or "")
    assert "hidden-pw" not in str(error)
