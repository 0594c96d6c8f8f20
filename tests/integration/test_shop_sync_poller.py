"""The example service's Shopify poller against seamguard's platform double: it reads every
changed order once per version, across pages and late changes, and each of its broken variants
really loses orders (or re-reads everything)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
import respx
from fixtures.integrations.shop_sync import ShopSyncConfig, create_app

from seamguard.sync.source import BUILTIN_POLLING, SourceDouble
from tests.integration.test_shop_sync_service import FakeHubSpot, config, set_clock
from tests.unit.test_sync_model import DEAL, RULES, event, order

pytestmark = pytest.mark.anyio

SHOP = "https://shop.test"
T0 = datetime(2024, 7, 10, 2, 0, 0, tzinfo=UTC)


@pytest.fixture
def shop(hubspot: FakeHubSpot) -> Iterator[SourceDouble]:
    source = SourceDouble(BUILTIN_POLLING["shopify-orders"], {DEAL: RULES[DEAL]})
    source.time = T0
    with respx.mock(assert_all_called=False) as router:
        router.route(url__startswith=SHOP).mock(side_effect=source.handle)
        router.route().pass_through()
        yield source


@asynccontextmanager
async def poller(tmp_path: Path, variant: str | None = None,
                 **overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
    settings: ShopSyncConfig = config(tmp_path, shopify_url=SHOP, poll_page_size=2,
                                      variant=variant, **overrides)
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://shop-sync.test") as http:
        yield http
    app.state.store.close()


async def poll(http: httpx.AsyncClient, source: SourceDouble, at: timedelta,
               fault: str | None = None) -> httpx.Response:
    source.time = T0 + at
    source.start_tick(fault)
    await set_clock(http, source.time.isoformat())
    return await http.post("/admin/poll")


def change(source: SourceDouble, label: str, order_id: int, seconds: int, at: int | None = None,
           **fields: Any) -> None:
    """Order ``order_id`` modified ``seconds`` after T0, visible from ``at`` seconds."""
    source.time = T0 + timedelta(seconds=seconds if at is None else at)
    stamp = (T0 + timedelta(seconds=seconds)).isoformat()
    source.land(event(label, order(stamp, id=order_id, **fields)))


def deals(hubspot: FakeHubSpot) -> dict[str, str]:
    return {d["shopify_order_id"]: d.get("amount", "") for d in hubspot.deals}


async def test_every_changed_order_is_read_across_pages_and_late_changes(
        tmp_path: Path, hubspot: FakeHubSpot, shop: SourceDouble) -> None:
    async with poller(tmp_path) as http:
        assert (await poll(http, shop, timedelta(0))).status_code == 200
        for n in range(5):  # three pages of two
            change(shop, f"e{n}", 1001 + n, 5, total_price=f"{n}0.00")
        first = await poll(http, shop, timedelta(seconds=5))
        assert first.json()["pages"] == 3
        change(shop, "e9", 1009, 5, at=60)  # same second as the others, visible a minute late
        await poll(http, shop, timedelta(seconds=61))
        again = await poll(http, shop, timedelta(seconds=62))
    assert again.json()["orders"] == 6  # all of them are read again within the overlap ...
    assert sorted(deals(hubspot)) == [str(1001 + n) for n in range(5)] + ["1009"]
    assert len(hubspot.requests) == 6  # ... and changes nothing the second time


async def test_a_poll_that_fails_half_way_is_read_again(
        tmp_path: Path, hubspot: FakeHubSpot, shop: SourceDouble) -> None:
    async with poller(tmp_path) as http:
        await poll(http, shop, timedelta(0))
        for n in range(4):
            change(shop, f"e{n}", 1001 + n, 5)
        limited = await poll(http, shop, timedelta(minutes=10), fault="rate-limit")
        assert limited.status_code == 503
        assert (await poll(http, shop, timedelta(minutes=11))).status_code == 200
    assert len(deals(hubspot)) == 4


async def test_cursor_strict_after_loses_an_order_changed_in_the_same_second(
        tmp_path: Path, hubspot: FakeHubSpot, shop: SourceDouble) -> None:
    async with poller(tmp_path, "cursor_strict_after") as http:
        await poll(http, shop, timedelta(0))
        change(shop, "e1", 1001, 5)
        await poll(http, shop, timedelta(seconds=5))
        change(shop, "e2", 1002, 5, at=6)  # committed a moment later, same updated_at
        await poll(http, shop, timedelta(seconds=30))
    assert sorted(deals(hubspot)) == ["1001"]


async def test_cursor_before_commit_never_reads_the_rest_of_a_failed_poll(
        tmp_path: Path, hubspot: FakeHubSpot, shop: SourceDouble) -> None:
    async with poller(tmp_path, "cursor_before_commit") as http:
        await poll(http, shop, timedelta(0))
        for n in range(4):
            change(shop, f"e{n}", 1001 + n, 5)
        await poll(http, shop, timedelta(minutes=10), fault="rate-limit")
        await poll(http, shop, timedelta(minutes=11))
    assert len(deals(hubspot)) == 2


async def test_poll_no_overlap_loses_a_change_that_shows_late(
        tmp_path: Path, hubspot: FakeHubSpot, shop: SourceDouble) -> None:
    async with poller(tmp_path, "poll_no_overlap") as http:
        await poll(http, shop, timedelta(0))
        await poll(http, shop, timedelta(seconds=10))
        change(shop, "e1", 1001, 8, at=11)  # modified before the last poll, visible after
        await poll(http, shop, timedelta(seconds=20))
    assert deals(hubspot) == {}


async def test_poll_everything_reads_the_whole_day_every_time(
        tmp_path: Path, hubspot: FakeHubSpot, shop: SourceDouble) -> None:
    async with poller(tmp_path, "poll_everything") as http:
        change(shop, "e1", 1001, 5)
        for minute in range(1, 4):
            assert (await poll(http, shop, timedelta(minutes=minute))).json()["orders"] == 1
    assert len(hubspot.requests) == 1  # idempotent, but read three times


async def test_rate_limit_ends_poll_skips_the_pages_not_read(
        tmp_path: Path, hubspot: FakeHubSpot, shop: SourceDouble) -> None:
    async with poller(tmp_path, "rate_limit_ends_poll") as http:
        await poll(http, shop, timedelta(0))
        for n in range(4):
            change(shop, f"e{n}", 1001 + n, 5)
        assert (await poll(http, shop, timedelta(minutes=10), "rate-limit")).status_code == 200
        await poll(http, shop, timedelta(minutes=11))
    assert len(deals(hubspot)) == 2


async def test_with_an_interval_the_service_polls_by_itself(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    polled = anyio.Event()

    def answer(request: httpx.Request) -> httpx.Response:
        polled.set()
        return httpx.Response(200, json={"orders": []})

    app = create_app(config(tmp_path, shopify_url=SHOP, poll_interval=3600.0))
    with respx.mock(assert_all_called=False) as router:
        router.route(url__startswith=SHOP).mock(side_effect=answer)
        async with app.router.lifespan_context(app):
            with anyio.fail_after(10):
                await polled.wait()
    app.state.store.close()
