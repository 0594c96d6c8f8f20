"""The reference model: a pure function from an event history and the rules to the expected state.

Given the events a system acknowledged (duplicates and delivery order do not matter: that is
the point), it computes per target record the value of every compared field, the stored version
of every key, the refunds applied and the review queue. ``docs/sync.md`` is the specification.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from seamguard.sync.rules import SyncRules, money, split_set, to_decimal
from seamguard.sync.script import Event

__all__ = ["DELETE_TOPIC", "REFUND_TOPIC", "Expected", "expected_state", "refund_amount"]

REFUND_TOPIC = "refunds/create"
DELETE_TOPIC = "<deleted>"  # (polling) the record disappears from the platform
RecordKey = tuple[str, str]  # (object type, key)


@dataclass
class Expected:
    """What a correct sync holds after processing a set of events."""

    records: dict[RecordKey, dict[str, Any]] = field(default_factory=dict)
    versions: dict[RecordKey, datetime | None] = field(default_factory=dict)
    # (reason, key) -> how many items: one per parked event, one per distinct refund waiting
    review: Counter[tuple[str, str]] = field(default_factory=Counter)
    # order key -> refund id -> amount
    refunds: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    totals: dict[str, Decimal] = field(default_factory=dict)  # order key -> winner's total
    winners: dict[RecordKey, Event] = field(default_factory=dict)
    applied: dict[RecordKey, list[Event]] = field(default_factory=dict)
    parked: dict[str, str] = field(default_factory=dict)  # event label -> reason
    # What the state may also hold: the model over the events the system may or may not have
    # processed as well (a poller's versions served in a poll that failed half way).
    looser: Expected | None = None
    ignored: set[str] = field(default_factory=set)  # keys not judged (deleted at the source)


def refund_amount(payload: Mapping[str, Any]) -> Decimal:
    """Sum of the refund's transactions of kind ``refund``."""
    total = Decimal(0)
    for transaction in payload.get("transactions") or []:
        if isinstance(transaction, dict) and transaction.get("kind") == "refund":
            total += to_decimal(transaction.get("amount")) or Decimal(0)
    return total


def expected_state(events: Iterable[Event], rules: Mapping[str, SyncRules]) -> Expected:
    """The model's state for the acknowledged ``events`` (a set: order and repeats ignored)."""
    unique: dict[str, Event] = {}
    for event in events:
        unique.setdefault(event.event_id, event)
    expected = Expected()
    refunds: list[Event] = []
    grouped: dict[tuple[str, str], list[Event]] = {}
    for event in unique.values():
        if event.mapping is None or event.mapping not in rules or event.topic == DELETE_TOPIC:
            continue
        if event.topic == REFUND_TOPIC:
            refunds.append(event)
            continue
        rule = rules[event.mapping]
        grouped.setdefault((event.mapping, rule.key(event.payload)), []).append(event)

    for (name, key), group in grouped.items():
        rule = rules[name]
        record_key = (rule.object_type, key)
        live = []
        for event in group:
            _, unknown = rule.target(event.payload)
            if unknown:
                expected.parked[event.label] = "unknown-value"
                expected.review[("unknown-value", key)] += 1
            else:
                live.append(event)
        if not live:
            continue
        live.sort(key=lambda e: rule.order_key(e.payload))
        winner = live[-1]
        output, _ = rule.target(winner.payload)
        values: dict[str, Any] = {}
        for target in rule.compared_fields():
            policy = rule.policies[target]
            if policy.policy == "merge_set":
                values[target] = _merged(rule, live, target)
            else:
                values[target] = output.get(target)
        expected.records[record_key] = values
        expected.versions[record_key] = rule.instant(winner.payload)
        expected.winners[record_key] = winner
        expected.applied[record_key] = live
        if rule.amount_field and rule.refunds == "adjust_amount":
            total = rule.total(winner.payload, output)
            if total is not None:
                expected.totals[key] = total

    waiting: dict[str, set[str]] = {}
    for event in refunds:
        rule = rules[event.mapping or ""]
        order_key = str(event.payload.get("order_id"))
        record_key = (rule.object_type, order_key)
        if record_key not in expected.records:
            expected.parked[event.label] = "awaiting-order"
            waiting.setdefault(order_key, set()).add(str(event.payload.get("id")))
            continue
        applied = expected.refunds.setdefault(order_key, {})
        applied.setdefault(str(event.payload.get("id")), refund_amount(event.payload))

    for order_key, refund_ids in waiting.items():
        expected.review[("awaiting-order", order_key)] += len(refund_ids)
    for order_key, applied in expected.refunds.items():
        for name, rule in rules.items():
            record = expected.records.get((rule.object_type, order_key))
            if record is None or rule.amount_field is None or order_key not in expected.totals:
                continue
            if any(e.mapping == name for e in expected.applied[(rule.object_type, order_key)]):
                record[rule.amount_field] = money(
                    expected.totals[order_key] - sum(applied.values(), Decimal(0)))
    return expected


def _merged(rule: SyncRules, events: list[Event], target: str) -> frozenset[str]:
    """Union of a set field over the events, minus members expired relative to the newest."""
    newest: dict[str, float] = {}
    latest = float("-inf")
    for event in events:
        output, _ = rule.target(event.payload)
        instant = rule.instant(event.payload)
        stamp = instant.timestamp() if instant else float("-inf")
        latest = max(latest, stamp)
        for member in split_set(output.get(target)):
            newest[member] = max(newest.get(member, float("-inf")), stamp)
    expire = rule.policies[target].expire_after
    if expire is None:
        return frozenset(newest)
    return frozenset(m for m, stamp in newest.items()
                     if stamp >= latest - expire.total_seconds())
