"""Each deliberately broken shop-sync variant really has its bug (the correct service does not:
see test_shop_sync_service.py), so seamguard's sync properties have something to catch.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from fixtures.integrations.shop_sync import VARIANTS, ShopSyncConfig

from tests.integration.test_shop_sync_service import (
    FakeHubSpot,
    config,
    customer,
    deliver,
    headers,
    order,
    refund,
    review,
    service,
    set_clock,
    state,
)

pytestmark = pytest.mark.anyio


def variant(name: str, tmp_path: Path, **overrides: Any) -> ShopSyncConfig:
    return config(tmp_path, variant=name, **overrides)


async def test_email_key_duplicates_a_contact_when_the_email_changes(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("email_key", tmp_path)) as http:
        await deliver(http, "customers/create", customer())
        await deliver(http, "customers/update", customer(
            email="wei.zhang@example.com", updated_at="2024-07-11T10:00:00+08:00"))
    assert [c["shopify_customer_id"] for c in hubspot.contacts] == ["7312450001"] * 2


async def test_email_case_sensitive_writes_the_email_as_typed(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("email_case_sensitive", tmp_path)) as http:
        await deliver(http, "customers/create", customer())
    assert hubspot.contacts[0]["email"] == "ZhangWei@Example.COM"


async def test_arrival_order_lww_lets_a_stale_retry_overwrite(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("arrival_order_lww", tmp_path)) as http:
        await deliver(http, "orders/updated", order(status="refunded",
                                                    updated_at="2024-07-11T10:00:00+08:00"))
        stale = await deliver(http, "orders/updated", order(status="pending"))
        saved = await state(http)
    assert stale.json()["status"] == "processed"
    assert saved["version"] == "2024-07-10T02:15:00Z"  # went backwards
    assert hubspot.deals[0]["amount"] == "935.00"
    assert len(hubspot.requests) == 2


async def test_refund_before_order_dropped_loses_the_refund(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("refund_before_order_dropped", tmp_path)) as http:
        early = await deliver(http, "refunds/create", refund(61, 5829461287001, "35.00"))
        queue = await review(http)
        await deliver(http, "orders/create", order())
        saved = await state(http)
    assert early.status_code == 200
    assert queue == []
    assert saved["applied_refunds"] == []
    assert hubspot.deals[0]["amount"] == "935.00"  # should be 900.00


async def test_no_event_dedupe_creates_a_second_deal_on_redelivery(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("no_event_dedupe", tmp_path)) as http:
        for _ in range(2):
            answer = await deliver(http, "orders/create", order(), event_id="evt-again")
            assert answer.json()["status"] == "processed"
    assert [path for path, _ in hubspot.requests] == ["/crm/v3/objects/deals"] * 2
    assert len(hubspot.deals) == 2


async def test_create_then_retry_duplicates_after_a_timeout_past_commit(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    hubspot.timeout_next(after_commit=True)
    async with service(variant("create_then_retry", tmp_path, hubspot_attempts=2)) as http:
        assert (await deliver(http, "orders/create", order())).status_code == 200
    assert len(hubspot.deals) == 2


async def test_ignore_207_acknowledges_a_failed_write(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    hubspot.partial_failure_next()
    async with service(variant("ignore_207", tmp_path)) as http:
        answer = await deliver(http, "orders/create", order(), event_id="evt-207")
        again = await deliver(http, "orders/create", order(), event_id="evt-207")
    assert answer.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert hubspot.deals == []


async def test_no_429_retry_drops_a_rate_limited_event(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    hubspot.answer_next(httpx.Response(429, headers={"Retry-After": "1"}))
    async with service(variant("no_429_retry", tmp_path)) as http:
        answer = await deliver(http, "orders/create", order(), event_id="evt-429")
        again = await deliver(http, "orders/create", order(), event_id="evt-429")
    assert answer.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert hubspot.deals == []


async def test_tags_truncated_cuts_the_tag_list(tmp_path: Path, hubspot: FakeHubSpot) -> None:
    tags = ", ".join(f"campaign-2024-{n:02d}" for n in range(8))
    async with service(variant("tags_truncated", tmp_path)) as http:
        await deliver(http, "orders/create", order(tags=tags))
    written = hubspot.deals[0]["shopify_tags"]
    assert len(written) == 32
    assert len(written.split(";")) < 8


async def test_tie_by_arrival_depends_on_delivery_order(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    one = order(updated_at="2024-07-10T10:15:00+08:00", total="10.00")
    two = order(updated_at="2024-07-10T02:15:00Z", total="20.00")
    amounts = []
    for index, sequence in enumerate(((one, two), (two, one))):
        async with service(variant("tie_by_arrival", tmp_path / str(index))) as http:
            for payload in sequence:
                await deliver(http, "orders/updated", payload)
            amounts.append((await state(http))["deal_properties"]["amount"])
    assert amounts == ["20.00", "10.00"]


async def test_overwrites_owned_fields_resets_what_sales_changed(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("overwrites_owned_fields", tmp_path)) as http:
        await deliver(http, "orders/create", order())
        hubspot.deals[0]["pipeline"] = "wholesale"
        await deliver(http, "orders/updated", order(updated_at="2024-07-11T10:00:00+08:00",
                                                     currency="USD"))
    assert hubspot.deals[0]["pipeline"] == "default"
    assert hubspot.deals[0]["deal_currency_code"] == "USD"


async def test_phone_drops_country_code_writes_national_numbers(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("phone_drops_country_code", tmp_path)) as http:
        await deliver(http, "customers/create", customer(phone="+1 415 555 2671"))
    assert hubspot.contacts[0]["mobilephone"] == "4155552671"


async def test_local_time_as_utc_misreads_shop_time(tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("local_time_as_utc", tmp_path)) as http:
        await deliver(http, "orders/create", order(updated_at="2024-07-10T10:15:00",
                                                   processed_at="2024-07-10T10:15:00"))
        saved = await state(http)
    assert saved["version"] == "2024-07-10T10:15:00Z"
    assert hubspot.deals[0]["closedate"] == "2024-07-10T10:15:00Z"


async def test_unknown_status_nulled_clears_the_stage_instead_of_parking(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("unknown_status_nulled", tmp_path)) as http:
        answer = await deliver(http, "orders/create", order(status="expired"))
        queue = await review(http)
    assert answer.json()["status"] == "processed"
    assert queue == []
    assert hubspot.deals[0]["dealstage"] == ""


async def test_hmac_disabled_takes_a_forged_order(tmp_path: Path,
                                                  hubspot: FakeHubSpot) -> None:
    body = json.dumps(order()).encode()
    forged = {**headers("orders/create", body, secret="a-guess"), "X-Shopify-Hmac-Sha256": "x"}
    async with service(variant("hmac_disabled", tmp_path)) as http:
        answer = await http.post("/webhooks/shopify", content=body, headers=forged)
    assert answer.status_code == 200
    assert len(hubspot.deals) == 1


async def test_replay_accepted_processes_a_delivery_triggered_days_ago(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    body = json.dumps(order()).encode()
    old = {**headers("orders/create", body), "X-Shopify-Triggered-At": "2024-07-01T00:00:00Z"}
    async with service(variant("replay_accepted", tmp_path)) as http:
        answer = await http.post("/webhooks/shopify", content=body, headers=old)
    assert answer.status_code == 200
    assert len(hubspot.deals) == 1


async def test_dedupe_window_short_parks_a_late_retry_twice(tmp_path: Path,
                                                            hubspot: FakeHubSpot) -> None:
    async with service(variant("dedupe_window_short", tmp_path)) as http:
        await set_clock(http, "2024-07-10T02:00:00Z")
        await deliver(http, "orders/create", order(status="expired"), event_id="evt-late")
        await set_clock(http, "2024-07-10T04:00:00Z")  # Shopify still retries 2 h later
        again = await deliver(http, "orders/create", order(status="expired"),
                              event_id="evt-late", triggered_at="2024-07-10T02:00:00Z")
        queue = await review(http)
    assert again.json()["status"] == "parked"
    assert queue == [("unknown-value", "5829461287001")] * 2


async def test_float_money_rounds_half_cents_the_float_way(tmp_path: Path,
                                                           hubspot: FakeHubSpot) -> None:
    async with service(variant("float_money", tmp_path)) as http:
        await deliver(http, "orders/create", order(total="1.005"))
    assert hubspot.deals[0]["amount"] == "1.00"  # exact half up: 1.01


async def test_phone_0086_loses_numbers_written_with_0086(tmp_path: Path,
                                                          hubspot: FakeHubSpot) -> None:
    async with service(variant("phone_0086", tmp_path)) as http:
        await deliver(http, "customers/create", customer(phone="0086 138 1234 5678"))
    assert "mobilephone" not in hubspot.contacts[0]


def test_every_variant_has_a_test() -> None:
    from tests.integration import test_shop_sync_poller, test_shop_sync_queue

    tests = [name for name in [*globals(), *vars(test_shop_sync_poller),
                               *vars(test_shop_sync_queue)]
             if name.startswith("test_")]
    assert [v for v in VARIANTS if not any(t.startswith(f"test_{v}_") for t in tests)] == []


async def test_dedupe_on_delivery_id_parks_a_redelivered_event_again(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("dedupe_on_delivery_id", tmp_path)) as http:
        # the same event twice (each delivery gets its own X-Shopify-Webhook-Id)
        for _ in range(2):
            answer = await deliver(http, "orders/create", order(status="expired"),
                                   event_id="evt-same")
            assert answer.status_code == 200
        queue = await review(http)
    assert queue == [("unknown-value", "5829461287001")] * 2  # should be one item


async def test_refund_copy_counted_twice_subtracts_a_copy_again(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("refund_copy_counted_twice", tmp_path)) as http:
        await deliver(http, "orders/create", order())
        await deliver(http, "refunds/create", refund(61, 5829461287001, "35.00"))
        await deliver(http, "refunds/create", refund(61, 5829461287001, "35.00"))  # new-id copy
        saved = await state(http)
    assert saved["applied_refunds"] == ["61"]
    assert hubspot.deals[0]["amount"] == "865.00"  # should be 900.00


async def test_refunds_ignored_never_applies_a_refund(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("refunds_ignored", tmp_path)) as http:
        await deliver(http, "orders/create", order())
        taken = await deliver(http, "refunds/create", refund(61, 5829461287001, "35.00"))
        saved = await state(http)
        queue = await review(http)
    assert taken.status_code == 200
    assert saved["applied_refunds"] == []
    assert queue == []
    assert hubspot.deals[0]["amount"] == "935.00"  # should be 900.00


async def test_cancel_before_create_lost_drops_a_cancel_that_arrives_first(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    cancelled = order(status="voided", updated_at="2024-07-10T10:20:00+08:00")
    async with service(variant("cancel_before_create_lost", tmp_path)) as http:
        early = await deliver(http, "orders/cancelled", cancelled)
        await deliver(http, "orders/create", order())
        saved = await state(http)
    assert early.status_code == 200
    assert saved["version"] == "2024-07-10T02:15:00Z"  # the cancel is gone for good
    assert hubspot.deals[0]["dealstage"] == "closedwon"  # should be closedlost


async def test_lww_string_compare_lets_an_older_update_win_on_its_spelling(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    newer = order(total="10.00", updated_at="2024-07-10T02:15:01Z")
    older = order(total="20.00", updated_at="2024-07-10T10:15:00+08:00")  # 1 s earlier
    async with service(variant("lww_string_compare", tmp_path)) as http:
        await deliver(http, "orders/updated", newer)
        late = await deliver(http, "orders/updated", older)
        saved = await state(http)
    assert late.json()["status"] == "processed"  # "2024-07-10T10..." > "2024-07-10T02..."
    assert saved["version"] == "2024-07-10T02:15:00Z"  # went backwards
    assert hubspot.deals[0]["amount"] == "20.00"  # should be 10.00


async def test_refund_first_transaction_only_undercounts_a_refund_paid_in_parts(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("refund_first_transaction_only", tmp_path)) as http:
        await deliver(http, "orders/create", order())
        await deliver(http, "refunds/create", refund(61, 5829461287001, "30.00", "5.00"))
    assert hubspot.deals[0]["amount"] == "905.00"  # should be 900.00


async def test_text_truncated_bytes_cuts_long_chinese_text(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    long_city = "新疆维吾尔自治区伊犁哈萨克自治州霍尔果斯市"  # 21 characters, 63 bytes
    payload = customer()
    payload["default_address"]["city"] = long_city
    async with service(variant("text_truncated_bytes", tmp_path)) as http:
        await deliver(http, "customers/create", payload)
    assert hubspot.contacts[0]["city"] == long_city[:16]  # 48 bytes; the rest silently gone


async def test_seen_before_write_takes_the_retry_of_a_failed_write_for_a_duplicate(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("seen_before_write", tmp_path)) as http:
        hubspot.answer_next(httpx.Response(503, json={"message": "down"}))
        failed = await deliver(http, "orders/create", order(), event_id="evt-1")
        retried = await deliver(http, "orders/create", order(), event_id="evt-1")
    assert failed.status_code == 503
    assert retried.json()["status"] == "duplicate"
    assert hubspot.deals == []  # never written


async def test_cancel_skips_version_check_lets_a_late_cancel_overwrite_a_newer_update(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("cancel_skips_version_check", tmp_path)) as http:
        await deliver(http, "orders/updated", order(total="800.00",
                                                    updated_at="2024-07-11T10:00:00+08:00"))
        late = await deliver(http, "orders/cancelled", order(cancel_reason="customer"))
        saved = await state(http)
    assert late.json()["status"] == "processed"  # should be stale
    assert saved["version"] == "2024-07-10T02:15:00Z"  # went backwards
    assert hubspot.deals[0]["amount"] == "935.00"


async def test_cleared_field_kept_leaves_a_cleared_cancel_reason_in_hubspot(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("cleared_field_kept", tmp_path)) as http:
        await deliver(http, "orders/cancelled", order(cancel_reason="customer"))
        await deliver(http, "orders/updated", order(updated_at="2024-07-11T10:00:00+08:00"))
    assert "shopify_cancel_reason" not in hubspot.writes()[1]
    assert hubspot.deals[0]["shopify_cancel_reason"] == "customer"  # should be cleared


async def test_refund_dedupe_on_order_drops_an_orders_second_refund(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("refund_dedupe_on_order", tmp_path)) as http:
        await deliver(http, "orders/create", order())
        await deliver(http, "refunds/create", refund(61, 5829461287001, "35.00"))
        second = await deliver(http, "refunds/create", refund(62, 5829461287001, "100.00"))
        saved = await state(http)
    assert second.json()["status"] == "duplicate"
    assert saved["applied_refunds"] == ["61"]
    assert hubspot.deals[0]["amount"] == "900.00"  # should be 800.00


async def test_lock_per_event_loses_one_of_two_refunds_of_an_order_delivered_at_once(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    answers: dict[int, str] = {}

    async def send(refund_id: int, amount: str) -> None:
        answer = await deliver(http, "refunds/create", refund(refund_id, 5829461287001, amount))
        answers[refund_id] = answer.json()["status"]

    async with service(variant("lock_per_event", tmp_path)) as http:
        await deliver(http, "orders/create", order())
        held, release = anyio.Event(), anyio.Event()
        hubspot.hold = (held, release)  # the first refund's HubSpot write stays in flight
        async with anyio.create_task_group() as group:
            group.start_soon(send, 61, "35.00")
            await held.wait()
            await send(62, "100.00")  # not held back: it locks its own event id only
            release.set()
        saved = await state(http)
    assert answers == {62: "processed", 61: "duplicate"}
    assert saved["applied_refunds"] == ["62"]
    assert hubspot.deals[0]["amount"] == "900.00"  # the later write was refund 61's: 800.00


async def test_refund_overwrites_total_brings_an_earlier_partial_refund_back(
        tmp_path: Path, hubspot: FakeHubSpot) -> None:
    async with service(variant("refund_overwrites_total", tmp_path)) as http:
        await deliver(http, "orders/create", order())
        await deliver(http, "refunds/create", refund(61, 5829461287001, "35.00"))
        await deliver(http, "refunds/create", refund(62, 5829461287001, "100.00"))
        saved = await state(http)
    assert saved["applied_refunds"] == ["61", "62"]
    assert hubspot.deals[0]["amount"] == "835.00"  # should be 800.00
