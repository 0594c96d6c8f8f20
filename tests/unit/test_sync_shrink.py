"""Shrinking a failing script to its smallest form, a step that delivers two events at once
included."""

from __future__ import annotations

from collections.abc import Callable

from seamguard.sync.execute import Trace
from seamguard.sync.properties import Violation
from seamguard.sync.script import Event, Script, Step
from seamguard.sync.shrink import shrink

Oracle = Callable[[Script], tuple[Trace, list[Violation]]]


def event(label: str, topic: str) -> Event:
    return Event.make(label, topic, {"id": 1001, "order_id": 1001}, None)


EVENTS = [event("e1", "orders/create"), event("e2", "refunds/create"),
          event("e3", "orders/updated")]


def lost_refund_unless_an_update_follows(script: Script) -> tuple[Trace, list[Violation]]:
    """A service that loses a refund applied to a created order unless a later update of the
    order, delivered after it, recomputes the amount (a concurrent one does not)."""
    labels = [(step.deliver, step.alongside) for step in script.steps]
    created = refunded = False
    for deliver, alongside in labels:
        if deliver == "e1":
            created = True
        elif created and "e2" in (deliver, alongside):
            refunded = True
        elif refunded and deliver == "e3" and alongside is None:
            refunded = False
    return Trace(), [Violation("no-lost-event", "e2 lost")] if refunded else []


def lost_when_delivered_together(script: Script) -> tuple[Trace, list[Violation]]:
    """A service that loses one of two changes of a record in flight at once."""
    together = any({step.deliver, step.alongside} == {"e2", "e3"} for step in script.steps)
    return Trace(), [Violation("no-lost-event", "e2 lost")] if together else []


def shrunk(script: Script, oracle: Oracle) -> Script:
    trace, violations = oracle(script)
    assert violations
    smaller, _, found, _ = shrink(script, trace, violations, oracle, {}, budget=60)
    assert found[0].property == "no-lost-event"
    return smaller


def test_the_paired_delivery_is_dropped_when_the_failure_does_not_need_it() -> None:
    # Played one after the other the two would hide the bug, so only dropping the paired
    # delivery itself reaches the smallest script.
    script = Script(list(EVENTS), [Step("e1"), Step("e2", alongside="e3", delay=5.0)])
    smaller = shrunk(script, lost_refund_unless_an_update_follows)
    assert smaller.steps == [Step("e1"), Step("e2")]
    assert [e.label for e in smaller.events] == ["e1", "e2"]


def test_the_step_s_own_delivery_is_dropped_when_only_the_paired_one_is_needed() -> None:
    script = Script(list(EVENTS), [Step("e1"), Step("e3", alongside="e2")])
    smaller = shrunk(script, lost_refund_unless_an_update_follows)
    assert smaller.steps == [Step("e1"), Step("e2")]
    assert [e.label for e in smaller.events] == ["e1", "e2"]


def test_a_pair_the_failure_needs_is_kept_and_everything_else_dropped() -> None:
    script = Script(list(EVENTS), [Step("e1"), Step("e3", alongside="e2", delay=5.0)])
    smaller = shrunk(script, lost_when_delivered_together)
    assert smaller.steps == [Step("e3", alongside="e2")]
    assert {e.label for e in smaller.events} == {"e2", "e3"}
