from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.projects import copy_example, mini_project

pytest_plugins = ["pytester"]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A scratch copy of the bundled example project."""
    return copy_example(tmp_path / "example")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A one-platform project without cassettes."""
    return mini_project(tmp_path / "mini")
