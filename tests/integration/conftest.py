"""Fixtures shared by the shop-sync service's test modules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def hubspot() -> Iterator[Any]:
    """The HubSpot API answered by a small in-test fake (respx), as a ``FakeHubSpot``."""
    from tests.integration.test_shop_sync_service import mocked_hubspot

    with mocked_hubspot() as fake:
        yield fake
