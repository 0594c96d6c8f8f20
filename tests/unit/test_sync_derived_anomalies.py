"""Anomalies derived from a drawn script: an unanswered CRM commit on a refund (a side effect
sent twice shows), a refunded order that went on (shipped), a later version lacking a tag."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from seamguard.sync.schedule import _committed_unanswered_refund
from seamguard.sync.script import Event, Step

DEAL = "shopify-order-to-hubspot-deal"


def _script(key: int, fault: str) -> tuple[list[Event], list[Step]]:
    order = Event.make("e1", "orders/updated", {"id": key, "updated_at": "2024-07-10T02:00:00Z"},
                       DEAL)
    refund = Event.make("e2", "refunds/create", {"id": 900001, "order_id": key}, DEAL)
    early = Event.make("e3", "refunds/create", {"id": 900002, "order_id": key + 1}, DEAL)
    return [order, refund, early], [Step("e3"), Step("e1", fault), Step("e2"), Step("e2")]


def _blueprints() -> list[Any]:
    rules = SimpleNamespace(name=DEAL, key=lambda payload: str(payload.get("id")))
    return [SimpleNamespace(rules=rules)]


def test_an_after_commit_fault_moves_to_a_refund_first_applied_delivery() -> None:
    moved = kept = 0
    for key in range(100, 140):
        for fault in ("timeout-after-commit", "crash-after-commit"):
            events, steps = _script(key, fault)
            _committed_unanswered_refund(events, steps, _blueprints())
            faults = [step.fault for step in steps]
            if faults == [None, None, fault, None]:
                moved += 1  # the refund's first delivery after its order, not the parked one
            else:
                assert faults == [None, fault, None, None]
                kept += 1
    assert moved > 10  # half the scripts, derived from their content
    assert kept > 10


def test_other_faults_stay_where_they_were_drawn() -> None:
    for key in range(100, 120):
        events, steps = _script(key, "crm-503")
        _committed_unanswered_refund(events, steps, _blueprints())
        assert [step.fault for step in steps] == [None, "crm-503", None, None]


def test_a_refunded_order_often_ends_in_a_later_lifecycle_state() -> None:
    import random

    from seamguard.sync.generate import progress_refunded

    status = SimpleNamespace(path=["fulfillment_status"], shape=SimpleNamespace(
        enum=["fulfilled", "partial", None], format=None, pattern=None, types={"string"}))
    blueprint = SimpleNamespace(rules=SimpleNamespace(name=DEAL, key=lambda p: str(p["id"])),
                                branches=[status])
    reached = 0
    for seed in range(40):
        first = Event.make("e1", "orders/create", {"id": 7, "fulfillment_status": None}, DEAL)
        last = Event.make("e2", "orders/updated", {"id": 7, "fulfillment_status": None}, DEAL)
        lone = Event.make("e3", "orders/updated", {"id": 8, "fulfillment_status": None}, DEAL)
        refund = Event.make("e4", "refunds/create", {"id": 1, "order_id": 7}, DEAL)
        progress_refunded([first, last, lone, refund], [blueprint], random.Random(seed))
        assert first.payload["fulfillment_status"] is None  # only the last version moves on
        assert lone.payload["fulfillment_status"] is None  # an order without refunds stays
        reached += last.payload["fulfillment_status"] in ("fulfilled", "partial")
    assert 10 < reached < 30


def test_a_later_version_now_and_then_lacks_a_tag_the_union_must_keep() -> None:
    import random

    from seamguard.sync.generate import drop_members

    rules = SimpleNamespace(name=DEAL, key=lambda p: str(p["id"]),
                            policies={"shopify_tags": SimpleNamespace(policy="merge_set"),
                                      "dealname": SimpleNamespace(policy="last_write_wins")})
    blueprint = SimpleNamespace(rules=rules, fields=[
        SimpleNamespace(path=["tags"], feeds="shopify_tags"),
        SimpleNamespace(path=["name"], feeds="dealname")])
    dropped = 0
    for seed in range(60):
        first = Event.make("e1", "orders/create", {"id": 7, "tags": "VIP, 618", "name": "a, b"},
                           DEAL)
        later = Event.make("e2", "orders/updated", {"id": 7, "tags": "618, VIP, gift",
                                                    "name": "a, b"}, DEAL)
        drop_members([first, later], [blueprint], random.Random(seed))
        assert first.payload == {"id": 7, "tags": "VIP, 618", "name": "a, b"}
        assert later.payload["name"] == "a, b"  # not a merge_set field
        tags = set(later.payload["tags"].split(", "))
        assert "gift" in tags
        if tags != {"618", "VIP", "gift"}:
            assert len(tags & {"618", "VIP"}) == 1  # one member of the earlier set is gone
            dropped += 1
    assert 10 < dropped < 35
