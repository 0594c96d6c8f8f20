"""The reference model and the sync rules: the laws from docs/sync.md."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.contracts.catalog import ContractCatalog
from seamguard.errors import UsageError
from seamguard.mapping import reference_data as ref
from seamguard.mapping.engine import compile_mapping
from seamguard.mapping.spec import load_mapping
from seamguard.project import find_project
from seamguard.sync.generate import Blueprint
from seamguard.sync.model import expected_state
from seamguard.sync.profiles import BUILTIN_PROFILES
from seamguard.sync.rules import SyncRules, canonical_json, parse_duration
from seamguard.sync.schedule import scripts
from seamguard.sync.script import Event, Script, Step
from tests.support.projects import REPO

DEAL = "shopify-order-to-hubspot-deal"
CONTACT = "shopify-customer-to-hubspot-contact"


def _rules(name: str) -> SyncRules:
    path = REPO / "contracts" / "mappings" / f"{name}.yaml"
    loaded = load_mapping(path, display=name)
    return SyncRules(loaded, compile_mapping(loaded.spec, base_dir=REPO),
                     ref.zone_info("Asia/Shanghai"))


RULES = {DEAL: _rules(DEAL), CONTACT: _rules(CONTACT)}


def order(updated_at: str, **fields: Any) -> dict[str, Any]:
    base = {"id": 1001, "name": "#1001", "total_price": "100.00", "currency": "CNY",
            "financial_status": "paid", "processed_at": "2024-07-10T10:00:00+08:00",
            "tags": "VIP", "cancel_reason": None, "updated_at": updated_at}
    return {**base, **fields}


def event(label: str, payload: dict[str, Any], topic: str = "orders/updated") -> Event:
    return Event.make(label, topic, payload, DEAL)


def deal(events: list[Event]) -> dict[str, Any]:
    return expected_state(events, RULES).records[("deals", "1001")]


def test_greater_version_wins_whatever_the_offset() -> None:
    newer = event("e2", order("2024-07-10T02:00:05Z", financial_status="refunded"))
    older = event("e1", order("2024-07-10T10:00:01+08:00", financial_status="paid"))
    assert deal([newer, older])["dealstage"] == "closedlost"
    # the same instant in another offset is equal, not newer: the payload breaks the tie
    same = event("e3", order("2024-07-10T05:00:05+03:00", financial_status="paid"))
    winner = max([newer, same], key=lambda e: canonical_json(e.payload))
    assert deal([newer, same])["dealstage"] == deal([winner])["dealstage"]


def test_a_timestamp_without_offset_is_shop_time_not_utc() -> None:
    naive = event("e1", order("2024-07-10T10:00:09"))  # 02:00:09Z in Asia/Shanghai
    utc = event("e2", order("2024-07-10T02:00:05Z", financial_status="refunded"))
    assert deal([naive, utc])["dealstage"] == "closedwon"  # 02:00:09Z > 02:00:05Z
    state = expected_state([naive], RULES)
    assert state.versions[("deals", "1001")].isoformat() == "2024-07-10T02:00:09+00:00"


def test_unknown_status_parks_the_whole_event() -> None:
    known = event("e1", order("2024-07-10T02:00:01Z"))
    unknown = event("e2", order("2024-07-10T02:00:09Z", financial_status="expired",
                                total_price="1.00"))
    state = expected_state([known, unknown], RULES)
    assert state.records[("deals", "1001")]["amount"] == "100.00"
    assert state.review == {("unknown-value", "1001"): 1}
    assert state.parked == {"e2": "unknown-value"}


def test_refunds_adjust_the_amount_once_per_refund_and_wait_for_their_order() -> None:
    refund = {"id": 77, "order_id": 1001, "transactions": [
        {"kind": "refund", "amount": "10.00"}, {"kind": "sale", "amount": "99.00"}]}
    copy = Event.make("e9", "refunds/create", refund, DEAL, salt="copy")
    alone = expected_state([event("e3", refund, "refunds/create")], RULES)
    assert alone.review == {("awaiting-order", "1001"): 1}
    assert not alone.records
    state = expected_state([event("e3", refund, "refunds/create"), copy,
                            event("e1", order("2024-07-10T02:00:01Z"))], RULES)
    assert state.records[("deals", "1001")]["amount"] == "90.00"
    assert not state.review


def test_tags_merge_across_events_and_promotions_expire() -> None:
    old = event("e1", order("2024-07-01T00:00:00Z", tags="promo, VIP"))
    new = event("e2", order("2024-08-15T00:00:00Z", tags="gift"))
    assert deal([old, new])["shopify_tags"] == frozenset({"gift"})  # 45 days > P30D
    recent = event("e3", order("2024-08-01T00:00:00Z", tags="VIP"))
    assert deal([old, new, recent])["shopify_tags"] == frozenset({"gift", "VIP"})
    assert parse_duration("P1DT2H") == timedelta(days=1, hours=2)
    assert parse_duration("30 days") is None


def test_policies_of_the_example_mappings() -> None:
    deal_rules, contact_rules = RULES[DEAL], RULES[CONTACT]
    assert deal_rules.policies["pipeline"].policy == "owner_target"
    assert deal_rules.policies["deal_currency_code"].policy == "manual_review"
    assert "pipeline" not in deal_rules.compared_fields()
    assert contact_rules.key_target == "shopify_customer_id"
    assert deal_rules.allowed("dealstage", None, "closedwon")
    assert deal_rules.allowed("dealstage", "closedwon", "closedlost")
    assert not deal_rules.allowed("dealstage", "closedlost", "closedwon")


@pytest.fixture(scope="module")
def blueprints() -> list[Blueprint]:
    project = find_project(REPO, explicit=True)
    catalog = ContractCatalog(project)
    source = catalog.load("shopify", "2024-07")
    assert not isinstance(source, Exception)
    out = []
    for rules in RULES.values():
        topics = [r.webhook for r in rules.mapping.spec.source.recorded if r.webhook]
        out.append(Blueprint(rules, source, [t for t in topics if t], refund_topic=True))
    return out


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_the_model_ignores_delivery_order_and_duplicates(blueprints: list[Blueprint],
                                                         data: st.DataObject) -> None:
    script: Script = data.draw(scripts(blueprints, BUILTIN_PROFILES["shopify"]))
    shuffled = data.draw(st.permutations(script.events))
    first = expected_state(script.events, RULES)
    again = expected_state([*shuffled, *shuffled[:2]], RULES)
    assert first.records == again.records
    assert first.review == again.review
    assert first.versions == again.versions


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_generated_payloads_keep_their_webhook_contract(blueprints: list[Blueprint],
                                                        data: st.DataObject) -> None:
    from seamguard.contracts.validation import violations

    script: Script = data.draw(scripts(blueprints, BUILTIN_PROFILES["shopify"]))
    source = blueprints[0].source
    for item in script.events:
        media = source.webhooks[item.topic].request["application/json"]
        assert media.schema is not None
        found = [v for v in violations(source, media.schema, item.payload) if not v.undeclared]
        if item.payload.get("financial_status") == "expired":  # a deliberate new upstream value
            assert [v.code for v in found] == ["field.unknown-enum"]
        else:
            assert found == [], (item.topic, found)


def test_profiles_are_data_and_a_project_can_add_one(tmp_path: Path) -> None:
    from seamguard.sync.harness import resolve_profile
    from tests.support.projects import copy_example

    root = copy_example(tmp_path / "p")
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        "[tool.ruff]", '[tool.seamguard.sync.profiles.jd]\nextends = "taobao"\n'
        'event_id_header = "X-Jd-Message-Id"\nmax_attempts = 5\n\n[tool.ruff]'),
        encoding="utf-8")
    project = find_project(root, explicit=True)
    jd = resolve_profile(project, "jd")
    assert (jd.event_id_header, jd.max_attempts, jd.timestamp_styles) == (
        "X-Jd-Message-Id", 5, ["naive"])
    headers = jd.delivery_headers("orders/create", "00000000-0000-4000-8000-000000000001",
                                  b"{}", "s3cret", datetime(2024, 7, 10, tzinfo=UTC), 1)
    assert headers["X-Jd-Message-Id"] == "00000000-0000-4000-8000-000000000001"
    assert headers["X-Tmc-Sign"] == jd.signature("s3cret", b"{}")
    with pytest.raises(UsageError, match="unknown delivery profile 'jdd'"):
        resolve_profile(project, "jdd")


@settings(max_examples=15, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_an_ordered_local_time_profile_sends_naive_timestamps_in_version_order(
        blueprints: list[Blueprint], data: st.DataObject) -> None:
    script: Script = data.draw(scripts(blueprints[:1], BUILTIN_PROFILES["taobao"]))
    orders = [script.event(step.deliver) for step in script.steps
              if step.genuine and script.event(step.deliver).topic != "refunds/create"]
    stamps = [e.payload["updated_at"] for e in orders]
    assert all("+" not in s and not s.endswith("Z") for s in stamps)
    assert not any(e.event_id != script.event(e.label).event_id for e in orders)
    assert _first_deliveries_in_version_order(script)


def _first_deliveries_in_version_order(script: Script) -> bool:
    """Each record's changes are first delivered in version order. A change delivered
    ``alongside`` a later one of its record travels at that step's turn, before it."""
    rule = RULES[DEAL]
    labels = [label for step in script.steps if step.genuine
              for label in (step.alongside, step.deliver)
              if label and script.event(label).topic != "refunds/create"]
    by_key: dict[str, list[Any]] = {}
    for label in dict.fromkeys(labels):
        payload = script.event(label).payload
        by_key.setdefault(rule.key(payload), []).append(rule.instant(payload))
    return all(times == sorted(times) for times in by_key.values())


def test_a_change_delivered_alongside_a_later_one_keeps_version_order() -> None:
    first, second = order("2024-07-10T10:00:00"), order("2024-07-10T10:00:02")
    events = [event("e1", first, "orders/create"), event("e2", first), event("e3", second)]
    together = Script(events, [Step("e2", alongside="e1"), Step("e3"), Step("e1")])
    assert _first_deliveries_in_version_order(together)
    late = Script(events, [Step("e2"), Step("e3"), Step("e1")])
    assert not _first_deliveries_in_version_order(late)


def test_a_null_in_the_looser_model_is_a_value_an_empty_field_fits() -> None:
    from seamguard.sync.properties import _NO_LOOSER, _fits

    # a version the poller may have applied carries no cancel_reason: the CRM may hold ""
    assert _fits("fraud", None, "", False)
    assert _fits("fraud", None, None, False)
    # without a looser model (or with another value in it) an empty field is still wrong
    assert not _fits("fraud", _NO_LOOSER, "", False)
    assert not _fits("fraud", "other", "", False)
    assert _fits(frozenset({"a"}), frozenset({"a", "b"}), "a;b", True)
    assert not _fits(frozenset({"a"}), _NO_LOOSER, "a;b", True)


def test_a_record_state_without_a_version_is_no_silent_pass() -> None:
    from seamguard.sync.execute import Trace
    from seamguard.sync.properties import convergence
    from seamguard.sync.violations import Context

    first = event("e1", order("2024-07-10T10:00:00+08:00"), "orders/create")
    later = event("e2", order("2024-07-10T10:00:05+08:00", total_price="90.00"))

    def check(state: dict[str, Any] | None, *, looser: bool = False) -> str | None:
        expected = expected_state([first], RULES)
        if looser:
            expected.looser = expected_state([first, later], RULES)
            expected.looser.records.clear()
        expected.records.clear()  # the stored version alone is judged here
        trace = Trace(states={"1001": state})
        found = convergence(Context(Script([first], [Step("e1")]), trace, expected, RULES))
        return None if found is None else found.anomaly

    assert check({"version": "2024-07-10T02:00:00Z"}) is None
    assert check({"version": "2024-07-10T02:00:05Z"}, looser=True) is None
    assert "is 2024-07-10T02:00:05Z" in (check({"version": "2024-07-10T02:00:05Z"}) or "")
    for state, said in (({"version": None}, "reports version None"),
                        ({"deal_id": "1"}, "reports no `version`"),
                        (None, "answers 404")):
        for looser in (False, True):
            anomaly = check(state, looser=looser)
            assert anomaly is not None, (state, looser)
            assert said in anomaly
            assert "cannot be checked" in anomaly


def test_a_later_version_sometimes_clears_a_field_the_earlier_one_set(
        blueprints: list[Blueprint]) -> None:
    import random

    from seamguard.sync.generate import clear_fields

    cleared = 0
    for seed in range(40):
        events = [event("e1", order("2024-07-10T10:00:00+08:00", cancel_reason="customer"),
                        "orders/create"),
                  event("e2", order("2024-07-10T10:00:05+08:00", cancel_reason="customer"))]
        clear_fields(events, blueprints, random.Random(seed))
        assert events[0].payload["cancel_reason"] == "customer"  # the earlier one keeps it
        assert events[1].payload["financial_status"] == "paid"  # state machines untouched
        cleared += events[1].payload["cancel_reason"] is None
    assert 0 < cleared < 40


def test_a_cleared_field_stays_clear_in_the_versions_after_it(
        blueprints: list[Blueprint]) -> None:
    import random

    from seamguard.sync.generate import clear_fields

    finals: set[object] = set()
    for seed in range(40):
        stamps = ("10:00:00", "10:00:05", "10:00:09")
        events = [event(f"e{n}", order(f"2024-07-10T{stamp}+08:00", cancel_reason="customer"))
                  for n, stamp in enumerate(stamps)]
        clear_fields(events, blueprints, random.Random(seed))
        reasons = [e.payload["cancel_reason"] for e in events]
        assert reasons[0] == "customer"
        if reasons[1] is None:  # cleared: the next version, which held the same, holds nothing
            assert reasons[2] is None
        finals.add(reasons[2])
    assert finals == {None, "customer"}


def test_a_version_the_system_parks_is_never_the_one_that_clears(
        blueprints: list[Blueprint]) -> None:
    import random

    from seamguard.sync.generate import UNKNOWN, clear_fields

    for seed in range(40):
        events = [event("e1", order("2024-07-10T10:00:00+08:00", cancel_reason="customer")),
                  event("e2", order("2024-07-10T10:00:05+08:00", cancel_reason="customer",
                                    financial_status=UNKNOWN))]
        clear_fields(events, blueprints, random.Random(seed))
        assert events[1].payload["cancel_reason"] == "customer"


def test_a_numeric_tie_break_orders_by_value_not_by_text() -> None:
    from seamguard.mapping.paths import compile_getter

    rules = _rules(DEAL)
    rules._tie = [compile_getter("seq")]
    same = "2024-07-10T10:00:00+08:00"
    for nine, ten in ((9, 10), ("9", "10"), (9.5, 10)):
        older, newer = order(same, seq=nine), order(same, seq=ten)
        assert rules.order_key(older) < rules.order_key(newer)  # "10" < "9" as text
        state = expected_state([event("e1", newer, "orders/create"), event("e2", older)],
                               {DEAL: rules})
        assert state.winners[("deals", "1001")].label == "e1"
    # text that is no number keeps the JSON order; a number sorts before it
    assert rules.order_key(order(same, seq="b")) > rules.order_key(order(same, seq="a"))
    assert rules.order_key(order(same, seq="a")) > rules.order_key(order(same, seq=99))
