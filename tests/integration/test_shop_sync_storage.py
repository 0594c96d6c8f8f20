"""The shop-sync service's state (SQLite restarts, PostgreSQL, reset), settings, real HTTP
serving and its own API contract.
"""

from __future__ import annotations

import json
from pathlib import Path

import anyio
import httpx
import pytest
from fixtures.integrations.shop_sync import VARIANTS, ShopSyncConfig, create_app
from fixtures.integrations.shop_sync.config import ConfigError

from seamguard.contracts.model import load_contract, match_media
from seamguard.contracts.validation import violations
from tests.integration.test_shop_sync_service import (
    HUBSPOT,
    SECRET,
    FakeHubSpot,
    config,
    deliver,
    headers,
    order,
    refund,
    review,
    service,
    state,
)
from tests.support.postgres import URL as POSTGRES_URL
from tests.support.postgres import throwaway_schema
from tests.support.servers import serve

pytestmark = pytest.mark.anyio


# --- state, admin, settings ------------------------------------------------------------------

async def test_state_survives_a_restart_on_sqlite(tmp_path: Path, hubspot: FakeHubSpot) -> None:
    settings = config(tmp_path)
    async with service(settings) as http:
        await deliver(http, "orders/create", order(), event_id="evt-restart")
        await deliver(http, "refunds/create", refund(31, 77, "5.00"))
    async with service(settings) as http:
        again = await deliver(http, "orders/create", order(), event_id="evt-restart")
        saved = await state(http)
        queue = await review(http)
    assert again.json()["status"] == "duplicate"
    assert saved["version"] == "2024-07-10T02:15:00Z"
    assert queue == [("awaiting-order", "77")]
    assert len(hubspot.requests) == 1


async def test_reset_wipes_everything_only_when_allowed(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(config(tmp_path, allow_reset=False)) as http:
        assert (await http.post("/admin/reset")).status_code == 404
    async with service(config(tmp_path)) as http:
        await deliver(http, "orders/create", order(), event_id="evt-reset")
        await deliver(http, "refunds/create", refund(41, 78))
        assert (await http.post("/admin/reset")).status_code == 200
        assert (await http.get("/orders/5829461287001")).status_code == 404
        assert await review(http) == []
        again = await deliver(http, "orders/create", order(), event_id="evt-reset")
        assert again.json()["status"] == "processed"
        assert (await http.get("/healthz")).json() == {"status": "ok"}


async def test_every_answer_matches_the_service_contract(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    contract = load_contract(Path(__file__).parents[2] / "contracts/shop-sync/v1/openapi.yaml",
                             platform="shop-sync", version="v1")
    body = json.dumps(order()).encode()
    answers: list[httpx.Response] = []
    async with service(config(tmp_path)) as http:
        answers.append(await http.get("/healthz"))
        answers.append(await http.get("/orders/5829461287001"))
        answers.append(await deliver(http, "refunds/create", refund(71, 5829461287001, "5")))
        answers.append(await deliver(http, "orders/create", order(), event_id="evt-c"))
        answers.append(await deliver(http, "orders/create", order(), event_id="evt-c"))
        answers.append(await deliver(http, "orders/updated",
                                     order(status="expired", updated_at="2024-07-12T00:00:00Z")))
        answers.append(await deliver(http, "orders/updated", order(status="pending")))
        answers.append(await http.get("/orders/5829461287001"))
        answers.append(await http.get("/review-queue"))
        answers.append(await http.post("/webhooks/shopify", content=body, headers={
            **headers("orders/create", body), "X-Shopify-Hmac-Sha256": "bm9wZQ=="}))
        answers.append(await http.post("/webhooks/shopify", content=b"{", headers=headers(
            "orders/create", b"{")))
        answers.append(await http.post("/webhooks/shopify", content=b"[]", headers=headers(
            "orders/create", b"[]")))
        hubspot.answer_next(httpx.Response(429, headers={"Retry-After": "7"}))
        answers.append(await deliver(http, "orders/updated",
                                     order(updated_at="2024-07-13T00:00:00Z")))
        answers.append(await http.post("/admin/reset"))
    async with service(config(tmp_path, allow_reset=False)) as http:
        answers.append(await http.post("/admin/reset"))

    seen = set()
    for answer in answers:
        operation = contract.match(answer.request.method, answer.request.url.path)
        assert operation is not None, answer.request.url
        declared = operation.response(answer.status_code)
        assert declared is not None, f"{operation.label} answered {answer.status_code}"
        media = match_media(declared.content, answer.headers.get("content-type"))
        assert media is not None
        assert media.schema is not None
        assert violations(contract, media.schema, answer.json()) == [], answer.text
        seen.add((operation.label, answer.status_code))
    assert len(seen) == 11  # every kind of answer above was checked


def test_settings_come_from_the_environment() -> None:
    settings = ShopSyncConfig.from_env({
        "SHOP_SYNC_DATABASE_URL": "sqlite:///x.sqlite", "SHOP_SYNC_WEBHOOK_SECRET": "s",
        "SHOP_SYNC_ALLOW_RESET": "true", "SHOP_SYNC_VARIANT": "", "SHOP_SYNC_HUBSPOT_ATTEMPTS": "5",
        "SHOP_SYNC_SHOP_TIMEZONE": "Asia/Hong_Kong"})
    assert settings.database_url == "sqlite:///x.sqlite"
    assert settings.allow_reset is True
    assert settings.variant is None
    assert settings.hubspot_attempts == 5
    assert settings.shop_timezone == "Asia/Hong_Kong"
    assert ShopSyncConfig.from_env({}).webhook_secret == "shop-sync-test-secret"
    with pytest.raises(ConfigError, match="SHOP_SYNC_ALLOW_RESET"):
        ShopSyncConfig.from_env({"SHOP_SYNC_ALLOW_RESET": "maybe"})
    with pytest.raises(ConfigError, match="unknown variant"):
        ShopSyncConfig(variant="nope")
    with pytest.raises(ConfigError, match="time zone"):
        ShopSyncConfig(shop_timezone="Mars/Olympus")
    assert set(VARIANTS) >= {"email_key", "unknown_status_nulled"}


async def test_the_factory_without_arguments_reads_the_environment(
        tmp_path: Path, hubspot: FakeHubSpot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOP_SYNC_DATABASE_URL", f"sqlite:///{tmp_path}/env/shop.sqlite")
    monkeypatch.setenv("SHOP_SYNC_WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("SHOP_SYNC_HUBSPOT_URL", HUBSPOT)
    monkeypatch.setenv("SHOP_SYNC_HUBSPOT_TOKEN", "pat-from-env")
    monkeypatch.setenv("SHOP_SYNC_VARIANT", "")
    app = create_app()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://shop-sync.test") as http:
        assert (await deliver(http, "orders/create", order())).status_code == 200
    app.state.store.close()
    assert (tmp_path / "env" / "shop.sqlite").is_file()
    assert hubspot.tokens == ["Bearer pat-from-env"]


def test_the_service_answers_over_real_http(tmp_path: Path, hubspot: FakeHubSpot) -> None:
    app = create_app(config(tmp_path))
    body = json.dumps(order()).encode()
    with serve(app) as origin:
        answer = httpx.post(f"{origin}/webhooks/shopify", content=body,
                            headers=headers("orders/create", body), timeout=10)
        read = httpx.get(f"{origin}/orders/5829461287001", timeout=10)
    assert answer.status_code == 200
    assert read.json()["deal_id"] == "9001"
    assert len(hubspot.deals) == 1


# --- PostgreSQL --------------------------------------------------------------------------------

@pytest.mark.postgres
async def test_workers_sharing_postgresql_take_a_record_one_at_a_time(
        hubspot: FakeHubSpot) -> None:
    held, release = anyio.Event(), anyio.Event()
    hubspot.hold = (held, release)
    answers: dict[str, httpx.Response] = {}
    with throwaway_schema("shop_sync") as schema:
        settings = ShopSyncConfig(
            database_url=POSTGRES_URL, database_schema=schema, webhook_secret=SECRET,
            hubspot_url=HUBSPOT, hubspot_attempts=1, lock_timeout=0.2)
        async with service(settings) as one, service(settings) as two:

            async def newer() -> None:
                answers["newer"] = await deliver(
                    one, "orders/updated", order(updated_at="2024-07-11T10:00:00+08:00"),
                    event_id="evt-newer")

            async with anyio.create_task_group() as group:
                group.start_soon(newer)
                await held.wait()  # worker one has the record, its HubSpot write in flight
                answers["older"] = await deliver(two, "orders/updated", order(status="pending"),
                                                 event_id="evt-older")
                release.set()
            again = await deliver(two, "orders/updated", order(status="pending"),
                                  event_id="evt-older")
    assert answers["older"].status_code == 503
    assert answers["older"].headers["Retry-After"] == "1"
    assert answers["newer"].status_code == 200
    assert again.json()["status"] == "stale"
    assert len(hubspot.requests) == 1
    assert hubspot.deals[0]["dealstage"] == "closedwon"


@pytest.mark.postgres
async def test_the_postgresql_backend_keeps_the_same_rules(hubspot: FakeHubSpot) -> None:
    with throwaway_schema("shop_sync") as schema:
        settings = ShopSyncConfig(
            database_url=POSTGRES_URL.replace("+psycopg", ""), database_schema=schema,
            webhook_secret=SECRET, hubspot_url=HUBSPOT, allow_reset=True, hubspot_attempts=1)
        async with service(settings) as http:
            await deliver(http, "refunds/create", refund(51, 5829461287001, "35.00"))
            await deliver(http, "orders/updated", order(updated_at="2024-07-12T00:00:00Z"),
                          event_id="evt-pg")
            stale = await deliver(http, "orders/updated", order(status="pending"))
            hubspot.answer_next(httpx.Response(503))
            failed = await deliver(http, "refunds/create", refund(52, 5829461287001, "1.00"))
        async with service(settings) as http:  # a restart keeps the state
            duplicate = await deliver(http, "orders/updated", order(), event_id="evt-pg")
            saved = await state(http)
            queue = await review(http)
        assert stale.json()["status"] == "stale"
        assert failed.status_code == 503
        assert duplicate.json()["status"] == "duplicate"
        assert saved["version"] == "2024-07-12T00:00:00Z"
        assert saved["applied_refunds"] == ["51"]
        assert hubspot.deals[0]["amount"] == "900.00"
        assert queue == []
