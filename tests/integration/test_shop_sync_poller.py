"""The example service's Shopify poller against seamguard's platform double: it reads every
changed order once per version, across pages and late changes, and each of its broken variants
really loses orders (or re-reads everything)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import anyio
import httpx
import pytest
import respx
from fixtures.integrations.shop_sync import ShopSyncConfig, create_app

from seamguard.sync.source import BUILTIN_POLLING, PollingProfile, SourceDouble
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


# --- Taobao TOP ---------------------------------------------------------------------------

TOP = "https://top.test"
TOP_SECRET = "top-test-secret"


@pytest.fixture
def top(hubspot: FakeHubSpot) -> Iterator[SourceDouble]:
    from seamguard.wire.profile import resolve_profile

    rules = {TRADE: trade_rules()}
    source = SourceDouble(PollingProfile.from_wire(resolve_profile("taobao-top", None)), rules,
                          secret=TOP_SECRET)
    source.time = T0
    with respx.mock(assert_all_called=False) as router:
        router.route(url__startswith=TOP).mock(side_effect=source.handle)
        router.route().pass_through()
        yield source


TRADE = "taobao-trade-to-hubspot-deal"


def trade_rules() -> Any:
    from seamguard.mapping import reference_data as ref
    from seamguard.mapping.engine import compile_mapping
    from seamguard.mapping.spec import load_mapping
    from seamguard.sync.rules import SyncRules
    from tests.support.projects import REPO

    loaded = load_mapping(REPO / "contracts" / "mappings" / f"{TRADE}.yaml", display=TRADE)
    return SyncRules(loaded, compile_mapping(loaded.spec, base_dir=REPO),
                     ref.zone_info("Asia/Shanghai"))


def trade(source: SourceDouble, label: str, tid: int, seconds: int, at: int | None = None,
          **fields: Any) -> None:
    """Trade ``tid`` modified ``seconds`` after T0 (China time), visible from ``at``."""
    from seamguard.sync.script import Event as Made

    modified = (T0 + timedelta(seconds=seconds)).astimezone(ZoneInfo("Asia/Shanghai"))
    payload = {"tid": tid, "status": "WAIT_SELLER_SEND_GOODS", "payment": "100.00",
               "modified": modified.strftime("%Y-%m-%d %H:%M:%S"), **fields}
    source.time = T0 + timedelta(seconds=seconds if at is None else at)
    source.land(Made.make(label, "record", payload, TRADE))


@asynccontextmanager
async def taobao(tmp_path: Path, variant: str | None = None) -> AsyncIterator[httpx.AsyncClient]:
    async with poller(tmp_path, variant, taobao_url=TOP, taobao_app_key="12345678",
                      taobao_app_secret=TOP_SECRET) as http:
        yield http


def each_variant(hubspot: FakeHubSpot, top: SourceDouble, variant: str) -> Iterator[str | None]:
    """The correct poller, then ``variant``: each starts with no deals in HubSpot and TOP reset."""
    for each in (None, variant):
        hubspot.records["deals"].clear()
        top.reset()
        yield each


@asynccontextmanager
async def polled_once(tmp_path: Path, top: SourceDouble, variant: str | None = None,
                      trades: int = 0) -> AsyncIterator[httpx.AsyncClient]:
    """``taobao`` after its first poll at T0; then ``trades`` trades land (e0, e1, … with tids
    1001, 1002, … modified 0, 1, … seconds after T0)."""
    async with taobao(tmp_path, variant) as http:
        await poll_top(http, top, timedelta(0))
        for n in range(trades):
            trade(top, f"e{n}", 1001 + n, n)
        yield http


async def poll_top(http: httpx.AsyncClient, source: SourceDouble, at: timedelta,
                   fault: str | None = None) -> httpx.Response:
    source.time = T0 + at
    source.start_tick(fault)
    await set_clock(http, source.time.isoformat())
    answer = await http.post("/admin/poll/taobao")
    source.end_tick()
    return answer


def tids(hubspot: FakeHubSpot) -> list[str]:
    return sorted(d["taobao_tid"] for d in hubspot.deals)


async def test_trades_are_read_window_by_window_from_the_last_page_back(
        tmp_path: Path, hubspot: FakeHubSpot, top: SourceDouble) -> None:
    async with polled_once(tmp_path, top, trades=3) as http:
        trade(top, "e9", 1009, 2 * 86400)  # two days later: the poll walks two windows
        answer = await poll_top(http, top, timedelta(days=2, minutes=10))
        assert answer.status_code == 200, answer.text
    assert tids(hubspot) == ["1001", "1002", "1003", "1009"]
    windows = {(r.start, r.end) for r in top.log if r.served or r.total is not None}
    assert all(end - start <= timedelta(days=1) for start, end in windows if start and end)
    assert all(not r.error for r in top.log)  # every request signed as TOP wants


async def test_page_drift_skips_a_trade_when_one_changes_while_pages_are_read(
        tmp_path: Path, hubspot: FakeHubSpot, top: SourceDouble) -> None:
    for variant in each_variant(hubspot, top, "page_drift"):
        async with polled_once(tmp_path / str(variant), top, variant, trades=3) as http:
            top.time = T0 + timedelta(minutes=10)
            top.land(changed_trade(1003, 601), during=True)  # the newest changes meanwhile
            await poll_top(http, top, timedelta(minutes=10))
            await poll_top(http, top, timedelta(minutes=20))  # reads the change
        expected = ["1001", "1002", "1003"] if variant is None else ["1002", "1003"]
        assert tids(hubspot) == expected, variant


def changed_trade(tid: int, seconds: int) -> Any:
    from seamguard.sync.script import Event as Made

    modified = (T0 + timedelta(seconds=seconds)).astimezone(ZoneInfo("Asia/Shanghai"))
    return Made.make(f"c{tid}", "record", {"tid": tid, "status": "TRADE_FINISHED",
                                           "payment": "100.00",
                                           "modified": modified.strftime("%Y-%m-%d %H:%M:%S")},
                     TRADE)


async def test_cursor_wrong_zone_reads_windows_eight_hours_early(
        tmp_path: Path, hubspot: FakeHubSpot, top: SourceDouble) -> None:
    async with polled_once(tmp_path, top, "cursor_wrong_zone") as http:
        trade(top, "e1", 1001, 5)
        await poll_top(http, top, timedelta(minutes=10))
    assert hubspot.deals == []


async def test_window_over_one_day_loses_the_trades_of_a_long_pause(
        tmp_path: Path, hubspot: FakeHubSpot, top: SourceDouble) -> None:
    async with polled_once(tmp_path, top, "window_over_one_day") as http:
        trade(top, "e1", 1001, 5)
        refused = await poll_top(http, top, timedelta(days=2))
        assert refused.status_code == 200  # the refusal was taken for an empty window
    assert hubspot.deals == []
    assert any(r.error for r in top.log)


async def test_page_boundary_skip_loses_the_first_order_of_every_later_page(
        tmp_path: Path, hubspot: FakeHubSpot, shop: SourceDouble) -> None:
    async with poller(tmp_path, "page_boundary_skip") as http:
        await poll(http, shop, timedelta(0))
        for n in range(5):  # three pages of two
            change(shop, f"e{n}", 1001 + n, 5 + n)
        await poll(http, shop, timedelta(seconds=30))
        await poll(http, shop, timedelta(seconds=60))  # the overlap reads them again: no help
    assert sorted(deals(hubspot)) == ["1001", "1002", "1004"]


async def test_cursor_read_as_utc_starts_each_poll_eight_hours_after_the_last_ended(
        tmp_path: Path, hubspot: FakeHubSpot, top: SourceDouble) -> None:
    for variant in each_variant(hubspot, top, "cursor_read_as_utc"):
        async with polled_once(tmp_path / str(variant), top, variant) as http:
            trade(top, "e1", 1001, 5)
            await poll_top(http, top, timedelta(minutes=10))
            await poll_top(http, top, timedelta(hours=2))
        assert tids(hubspot) == ([] if variant else ["1001"]), variant


async def test_failed_page_skipped_loses_the_trades_of_a_page_that_failed(
        tmp_path: Path, hubspot: FakeHubSpot, top: SourceDouble) -> None:
    for variant in each_variant(hubspot, top, "failed_page_skipped"):
        async with polled_once(tmp_path / str(variant), top, variant, trades=4) as http:
            first = await poll_top(http, top, timedelta(minutes=10), fault="rate-limit")
            await poll_top(http, top, timedelta(minutes=20))
        if variant is None:
            assert first.status_code != 200  # the poll failed and is read again
            assert tids(hubspot) == ["1001", "1002", "1003", "1004"]
        else:
            assert first.status_code == 200
            assert len(tids(hubspot)) < 4, tids(hubspot)
