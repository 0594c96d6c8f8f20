"""A version a poller was served and that was replaced while the poll ran may or may not have
been applied: when the poller applied it, the model accepts its values, a null one included
(the CRM holds it as empty)."""

from __future__ import annotations

from typing import Any

from seamguard.contracts.catalog import ContractCatalog
from seamguard.project import find_project
from seamguard.sync.harness import SyncHarness
from seamguard.sync.script import Event, Script, Step
from tests.integration.test_shop_sync_service import order
from tests.support.projects import REPO

ORDERS = "shopify-order-to-hubspot-deal"
KEY = 5829461287004
LATER = 48 * 3600.0  # seconds after the history starts: two days of windows behind the poller


def version(label: str, topic: str, updated_at: str, **fields: Any) -> Event:
    return Event.make(label, topic, order(KEY, updated_at=updated_at, **fields), ORDERS)


def play(cancel_reason: str | None) -> tuple[dict[str, Any], list[str]]:
    project = find_project(REPO, explicit=True)
    harness = SyncHarness(project, ContractCatalog(project), "shop_poll", examples=1, seed=1)
    events = [
        # no offset: China time, the same instant as e2, which the tie-break makes greater
        version("e1", "orders/create", "2024-07-12T10:00:00", cancel_reason="fraud"),
        version("e2", "orders/updated", "2024-07-12T10:00:00", cancel_reason=cancel_reason),
        # replaces e2 after the poll's first page: the poll may rightly skip e2
        version("e3", "orders/cancelled", "2024-07-12T10:00:03"),
        # the last version carries an unknown status: parked, nothing of it written
        version("e4", "orders/cancelled", "2024-07-12T02:00:05Z", status="expired"),
    ]
    steps = [Step("e1", at=LATER), Step(tick=True, at=LATER), Step("e2", at=LATER),
             Step("e3", at=LATER + 1, during=True), Step(tick=True, at=LATER + 1),
             Step("e4", at=LATER + 3)]
    trace, violations = harness.play(Script(events, steps))
    deal = next(r.properties for r in trace.records["deals"]
                if str(r.properties.get("shopify_order_id")) == str(KEY))
    return deal, [f"{v.property}: {v.anomaly}" for v in violations]


def test_a_null_from_a_version_replaced_during_the_poll_is_accepted() -> None:
    deal, violations = play(None)
    assert not deal.get("shopify_cancel_reason")  # the poller applied e2, served in the poll
    assert violations == []

