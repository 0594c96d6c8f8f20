"""A write the CRM commits but the system never hears of lands on a refund now and then, where
the platform's delivery again shows a side effect sent twice."""

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
