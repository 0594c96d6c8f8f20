"""Fixtures shared by integration test modules: the shop-sync service, the hostile batch."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

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

