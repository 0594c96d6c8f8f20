"""Two changes of one record in flight at once: the schedule delivers them together, the CRM
double answers a turn of the event loop later so they interleave, and a service that does not
serialise a record's deliveries is caught."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, find, given, seed, settings

from seamguard.seeding import own_constants, run_settings
from seamguard.sync import schedule
from seamguard.sync.schedule import scripts
from seamguard.sync.script import Event, Script, Step
from seamguard.sync.transport import Capabilities
from tests.integration.test_sync_properties import harness, order_event

ORDER = 5829461287001


def refund(made_name: str, label: str, refund_id: int, amount: str) -> Event:
    return Event.make(label, "refunds/create", {
        "id": refund_id, "order_id": ORDER, "created_at": "2024-07-11T09:00:00+08:00",
        "refund_line_items": [],
        "transactions": [{"id": 1, "order_id": ORDER, "kind": "refund", "status": "success",
                          "amount": amount, "currency": "CNY"}]}, made_name)


def two_refunds_at_once(variant: str | None) -> tuple[list[str], list[str], dict[str, str]]:
    made = harness(variant)
    name = made.blueprints[0].rules.name
    events = [order_event(made, "e1"), refund(name, "e2", 61, "10.00"),
              refund(name, "e3", 62, "20.00")]
    trace, violations = made.play(Script(events, [Step("e1"), Step("e3", alongside="e2")]))
    together = [d.label for d in trace.deliveries if d.concurrent]
    [deal] = trace.records["deals"]
    return together, [v.property for v in violations], deal.properties


def test_two_refunds_of_an_order_in_flight_at_once_are_both_applied() -> None:
    together, violations, deal = two_refunds_at_once(None)
    assert together == ["e3", "e2"]
    assert violations == []
    assert deal["amount"] == "70.00"


def test_a_service_locking_per_event_loses_one_of_them_and_is_caught_every_time() -> None:
    # The two deliveries reach the service's own thread one after the other: they meet
    # whatever the timing of the threads (an answer waits for the other one's CRM write).
    for _ in range(4):
        together, violations, deal = two_refunds_at_once("lock_per_event")
        assert together == ["e3", "e2"]
        assert violations[0] in ("no-lost-event", "conservation")
        assert deal["amount"] != "70.00"


def test_a_step_taking_another_delivery_along_round_trips_and_names_both_events() -> None:
    made = harness("lock_per_event")
    name = made.blueprints[0].rules.name
    events = [order_event(made, "e1"), refund(name, "e2", 61, "10.00"),
              refund(name, "e3", 62, "20.00")]
    script = Script(events, [Step("e1"), Step("e3", alongside="e2", delay=5.0)])
    again = Script.from_json(json.loads(script.dumps()))  # as printed and saved
    assert again.steps == script.steps
    assert again.used() == {"e1", "e2", "e3"}
    assert script.to_json()["steps"][1] == {"deliver": "e3", "alongside": "e2", "delay": 5.0}
    # the printed script replays: the two refunds meet again and one is lost again
    trace, violations = made.play(again)
    assert [d.label for d in trace.deliveries if d.concurrent] == ["e3", "e2"]
    assert violations


def test_a_step_taking_along_an_event_the_script_lacks_is_refused_with_its_pointer() -> None:
    data = Script([order_event(harness(), "e3")], [Step("e3", alongside="e2")]).to_json()
    with pytest.raises(ValueError, match=r"/steps/0/alongside: 'e2' is not the label of one "
                                         r"of the script's events \(expected one of e3\)"):
        Script.from_json(data)


def test_generated_schedules_put_two_refunds_of_one_order_in_flight_together() -> None:
    made = harness()
    strategy = scripts(made.blueprints, made.profile, Capabilities(signed=True, replays=True))

    def refunds_together(script: Script) -> bool:
        refunds = {e.label for e in script.events if e.topic == "refunds/create"}
        return any(step.alongside and {step.deliver, step.alongside} <= refunds
                   for step in script.steps)

    found = find(strategy, refunds_together, settings=settings(
        max_examples=200, database=None, suppress_health_check=list(HealthCheck)))
    step = next(s for s in found.steps if s.alongside)
    # the order was delivered before the two refunds met
    first = found.steps.index(step)
    orders = {e.label for e in found.events if e.topic != "refunds/create"}
    assert any(s.deliver in orders for s in found.steps[:first])


def drawn(seed_value: int) -> list[Script]:
    made = harness()
    strategy = scripts(made.blueprints, made.profile, Capabilities(signed=True, replays=True))
    got: list[Script] = []

    @seed(seed_value)
    @run_settings(40)
    @given(strategy)
    def collect(script: Script) -> None:
        got.append(script)

    with own_constants():
        collect()
    return got


def test_pairing_deliveries_draws_nothing_so_a_seed_draws_the_scripts_it_drew_before(
        monkeypatch: pytest.MonkeyPatch) -> None:
    paired = drawn(5)
    monkeypatch.setattr(schedule, "_in_flight_together", lambda *args: None)
    plain = drawn(5)
    assert len(paired) == len(plain)
    assert any(step.alongside for script in paired for step in script.steps)
    for with_pairs, without in zip(paired, plain, strict=True):
        assert with_pairs.events == without.events
        if not any(step.alongside for step in with_pairs.steps):
            assert with_pairs.steps == without.steps
        else:  # one step fewer: the earlier of the two now goes along with the later one
            assert len(with_pairs.steps) == len(without.steps) - 1
