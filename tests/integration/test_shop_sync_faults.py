"""The shop-sync service when HubSpot fails: 429, 5xx, 207, timeouts, refusals."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from tests.integration.test_shop_sync_service import (
    FakeHubSpot,
    config,
    deliver,
    order,
    service,
)

pytestmark = pytest.mark.anyio


@pytest.fixture
async def client(tmp_path: Path, hubspot: FakeHubSpot) -> AsyncIterator[httpx.AsyncClient]:
    async with service(config(tmp_path)) as http:
        yield http


# --- downstream faults -----------------------------------------------------------------------

async def test_a_rate_limit_answers_503_and_commits_nothing(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    hubspot.answer_next(httpx.Response(429, headers={"Retry-After": "30"}, json={
        "status": "error", "message": "Ten-secondly limit", "errorType": "RATE_LIMIT",
        "correlationId": str(uuid.uuid4()), "policyName": "TEN_SECONDLY_ROLLING"}))
    response = await deliver(client, "orders/create", order(), event_id="evt-429")

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert hubspot.deals == []
    assert (await client.get("/orders/5829461287001")).status_code == 404
    retried = await deliver(client, "orders/create", order(), event_id="evt-429")
    assert retried.json()["status"] == "processed"
    assert len(hubspot.deals) == 1


async def test_a_short_retry_after_is_waited_for_by_the_service(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    hubspot.answer_next(httpx.Response(429, headers={"Retry-After": "0"}))
    hubspot.answer_next(httpx.Response(502))
    async with service(config(tmp_path, hubspot_attempts=3)) as http:
        response = await deliver(http, "orders/create", order())
    assert response.status_code == 200
    assert len(hubspot.requests) == 3
    assert len(hubspot.deals) == 1


async def test_server_errors_after_every_attempt_answer_503(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    for _ in range(2):
        hubspot.answer_next(httpx.Response(500))
    async with service(config(tmp_path, hubspot_attempts=2)) as http:
        response = await deliver(http, "orders/create", order())
        assert (await http.get("/orders/5829461287001")).status_code == 404
    assert response.status_code == 503
    assert len(hubspot.requests) == 2


async def test_a_partial_failure_is_not_acknowledged(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    hubspot.partial_failure_next()
    response = await deliver(client, "orders/create", order(), event_id="evt-207")

    assert response.status_code == 503
    assert hubspot.deals == []
    assert (await client.get("/orders/5829461287001")).status_code == 404
    assert (await deliver(client, "orders/create", order(),
                          event_id="evt-207")).json()["status"] == "processed"
    assert len(hubspot.deals) == 1


async def test_a_timeout_after_the_crm_committed_does_not_duplicate(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    hubspot.timeout_next(after_commit=True)
    async with service(config(tmp_path, hubspot_attempts=2)) as http:
        response = await deliver(http, "orders/create", order())
    assert response.status_code == 200
    assert len(hubspot.requests) == 2
    assert len(hubspot.deals) == 1


@pytest.mark.parametrize("committed", [True, False])
async def test_a_create_left_unanswered_is_looked_up_before_crm_owned_fields_are_sent(
        client: httpx.AsyncClient, hubspot: FakeHubSpot, committed: bool) -> None:
    hubspot.timeout_next(after_commit=committed)
    first = await deliver(client, "orders/create", order(), event_id="evt-lost")
    assert first.status_code == 503
    if committed:
        hubspot.deals[0]["pipeline"] = "wholesale"  # a sales rep moves the deal meanwhile
    again = await deliver(client, "orders/create", order(), event_id="evt-lost")

    # The write planned ahead is finished first (the lookup, then the upsert); the delivery
    # itself then finds its event done.
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert [path for path, _ in hubspot.requests] == [
        "/crm/v3/objects/deals/batch/upsert", "/crm/v3/objects/deals/5829461287001",
        "/crm/v3/objects/deals/batch/upsert"]
    assert len(hubspot.deals) == 1
    assert hubspot.deals[0]["pipeline"] == ("wholesale" if committed else "default")
    # Settled: the next new event of the order asks HubSpot nothing more.
    await deliver(client, "orders/updated", order(updated_at="2024-07-12T00:00:00Z"))
    assert len(hubspot.requests) == 4


async def test_a_rate_limited_create_needs_no_lookup(
        client: httpx.AsyncClient, hubspot: FakeHubSpot) -> None:
    hubspot.answer_next(httpx.Response(429, headers={"Retry-After": "5"}))
    assert (await deliver(client, "orders/create", order(), event_id="e")).status_code == 503
    assert (await deliver(client, "orders/create", order(), event_id="e")).status_code == 200
    assert [path for path, _ in hubspot.requests] == ["/crm/v3/objects/deals/batch/upsert"] * 2


async def test_a_refused_write_answers_502(client: httpx.AsyncClient,
                                           hubspot: FakeHubSpot) -> None:
    hubspot.answer_next(httpx.Response(400, json={
        "message": "Property amount is invalid for Wei.Zhang@example.com, +86 138 1234 5678",
        "correlationId": str(uuid.uuid4()), "category": "VALIDATION_ERROR"}))
    response = await deliver(client, "orders/create", order())
    assert response.status_code == 502
    assert response.json()["error"].endswith(
        "Property amount is invalid for <email>, <phone>")
