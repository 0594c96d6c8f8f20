"""What the played scripts exercised: event kinds, anomalies and faults, counted per example.

A run's budget is well spent when every kind of event, every delivery anomaly and every fault
the generators can produce actually occurred in some examples; ``coverage_of`` names what one
played script did (from its trace, so an armed fault that was never spent does not count), and
the harness adds them up. The counts are printed with the run (finding ``sync.coverage``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from seamguard.sync.execute import Trace
from seamguard.sync.generate import HOSTILE, scalars
from seamguard.sync.model import DELETE_TOPIC, REFUND_TOPIC, refund_amount
from seamguard.sync.rules import SyncRules
from seamguard.sync.script import Script

__all__ = ["GROUPS", "coverage_of", "summary"]

GROUPS = ("event", "anomaly", "fault")



def coverage_of(script: Script, trace: Trace, rules: Mapping[str, SyncRules]) -> set[str]:
    """Names (``group:what``) of what one played script exercised."""
    seen: set[str] = set()
    for delivery in trace.deliveries:
        if delivery.tick:
            seen.add("event:tick")
        elif delivery.forgery:
            seen.add(f"anomaly:forgery {delivery.forgery}")
        elif delivery.poison:
            seen.add(f"anomaly:poison {delivery.poison}")
        elif delivery.attempt == 1 and not delivery.concurrent:
            seen.add(f"event:{delivery.event.topic}")
        if delivery.duplicate:
            seen.add("anomaly:duplicate")
        if delivery.concurrent:
            seen.add("anomaly:concurrent deliveries")
        if delivery.attempt > 1 and not delivery.duplicate and not delivery.concurrent:
            seen.add("anomaly:redelivery after a refusal")
        if delivery.fault and delivery.fault_spent:
            seen.add(f"fault:{delivery.fault}")
        if delivery.answer.crashed:
            seen.add("anomaly:crash and restart")
    if any(move >= 3600 for move in _moves(trace)):
        seen.add("anomaly:hours pass between deliveries")
    if trace.dead_letters:
        seen.add("anomaly:dead-lettered")
    seen.update(_history(script, trace, rules))
    for event in script.events:
        for value in scalars(event.payload):
            tag = HOSTILE.get(value) if isinstance(value, str) else None
            if tag:
                seen.add(f"anomaly:{tag}")
    return seen


def _moves(trace: Trace) -> Iterator[float]:
    previous = trace.started
    for delivery in trace.deliveries:
        if delivery.at is not None and previous is not None:
            yield (delivery.at - previous).total_seconds()
        previous = delivery.at or previous


def _history(script: Script, trace: Trace, rules: Mapping[str, SyncRules]) -> set[str]:
    seen: set[str] = set()
    payloads: Counter[str] = Counter()
    refunds: Counter[tuple[str, str]] = Counter()
    instants: dict[tuple[str, str], set[Any]] = {}
    texts: dict[tuple[str, str], set[tuple[Any, str]]] = {}  # (instant, text) per record
    applied: dict[str, tuple[Any, ...]] = {}
    for event in script.events:
        rule = rules.get(event.mapping or "")
        if rule is None or event.topic == DELETE_TOPIC:
            if event.topic == DELETE_TOPIC:
                seen.add("anomaly:record deleted")
            continue
        payloads[f"{event.topic}|{sorted(event.payload.items())!r}"] += 1
        if event.topic == REFUND_TOPIC:
            refunds[(str(event.payload.get("order_id")), str(event.payload.get("id")))] += 1
            amount = refund_amount(event.payload)
            if amount <= 0:
                seen.add("anomaly:zero or negative refund")
            continue
        if rule.version_field:
            raw = event.payload.get(rule.version_field)
            if isinstance(raw, str) and ("+" not in raw[10:] and "-" not in raw[10:]
                                         and not raw.endswith("Z")):
                seen.add("anomaly:timestamp without offset")
            instants.setdefault((rule.name, rule.key(event.payload)), set()).add(
                rule.instant(event.payload))
            texts.setdefault((rule.name, rule.key(event.payload)), set()).add(
                (rule.instant(event.payload), str(raw)))
        for field_rule in rule.mapping.spec.fields:
            for source in field_rule.sources:
                if "." not in source and source in event.payload \
                        and event.payload[source] is None:
                    seen.add("anomaly:null field")
    if any(n > 1 for n in payloads.values()):
        seen.add("anomaly:new-id copy")
    if any(n > 1 for n in refunds.values()):
        seen.add("anomaly:refund copy")
    for pairs in texts.values():
        moments = [moment for moment, _ in pairs if moment is not None]
        if len(moments) > len(set(moments)):
            seen.add("anomaly:one instant in two forms")
        seconds = {m.replace(microsecond=0) for m in moments}
        if len(seconds) < len(set(moments)):
            seen.add("anomaly:versions apart below a second")
    for key, found in instants.items():
        if len(found) == 1 and sum(1 for e in script.events if e.mapping == key[0]
                                   and rules[key[0]].key(e.payload) == key[1]
                                   and e.topic != REFUND_TOPIC) > 1:
            seen.add("anomaly:same instant")
    orders_seen: set[str] = set()
    for delivery in trace.deliveries:
        event = delivery.event
        rule = rules.get(event.mapping or "")
        if rule is None or not delivery.genuine or not delivery.ok:
            continue
        if event.topic == REFUND_TOPIC:
            if str(event.payload.get("order_id")) not in orders_seen:
                seen.add("anomaly:refund before its order")
            continue
        entity = rule.key(event.payload)
        orders_seen.add(entity)
        order = rule.order_key(event.payload)
        if entity in applied and order < applied[entity]:
            seen.add("anomaly:stale (older) delivery")
        applied[entity] = max(order, applied.get(entity, order))
        _, unknown = rule.target(event.payload)
        if unknown:
            seen.add("anomaly:unknown enum value")
    return seen


def summary(counts: Counter[str], examples: int) -> dict[str, list[str]]:
    """Per group, ``what (n)`` lines, most frequent first."""
    grouped: dict[str, list[str]] = {group: [] for group in GROUPS}
    for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        group, _, what = name.partition(":")
        grouped.setdefault(group, []).append(f"{what} {count}/{examples}")
    return grouped
