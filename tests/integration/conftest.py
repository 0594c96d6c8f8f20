"""Fixtures shared by integration test modules: the shop-sync service, the hostile batch, a
long-lived process (for what a hypothesis run must not depend on)."""

from __future__ import annotations

import importlib
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# The hostile-input modules' batch runner (each parametrises a test over ``case``).
from tests.support.hostile_cases import outcome, outcomes  # noqa: F401


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def hubspot() -> Iterator[Any]:
    """The HubSpot API answered by a small in-test fake (respx), as a ``FakeHubSpot``."""
    from tests.integration.test_shop_sync_service import mocked_hubspot

    with mocked_hubspot() as fake:
        yield fake


@pytest.fixture
def long_lived_process(tmp_path: Path) -> Iterator[None]:
    """What a long process holds that a fresh one does not: more local code imported (its
    literals join hypothesis' pool of constants) and a settings profile of its own loaded."""
    name = f"sync_seeding_{uuid.uuid4().hex}"
    # hypothesis keeps (of at most 1,024 literals a module) the integers outside -99..99 and the
    # short strings; the scripts draw integers up to a few hundred, so these reach them.
    literals = [f"    {number}: 'sku-{number}'," for number in range(101, 1101, 3)]
    (tmp_path / f"{name}.py").write_text("TABLE = {\n" + "\n".join(literals) + "\n}\n",
                                         encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    loaded_before = settings._current_profile or "default"
    # A backend drawing from os.urandom: inherited, no seed would reproduce anything.
    settings.register_profile(name, backend="hypothesis-urandom", report_multiple_bugs=False,
                              max_examples=7)
    try:
        importlib.import_module(name)
        settings.load_profile(name)
        yield
    finally:
        settings.load_profile(loaded_before)
        sys.path.remove(str(tmp_path))
        sys.modules.pop(name, None)
