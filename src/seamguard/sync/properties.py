"""The sync properties of the resulting state: each a named check of one played script against
the reference model.

Every property returns at most one ``Violation``: the property's name, the anomaly in words
(e.g. "lost update: e2 (updated_at 10:00:05) overwritten by stale e1 (10:00:01)"), and the
expected and actual values that show it. How events arrived (authenticity, dead letters,
polling windows) is checked by ``arrival``; ``docs/sync.md`` lists what each one asserts.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from seamguard.sync.arrival import (
    authenticity,
    bounded_re_reads,
    dead_letter_review,
    no_lost_record,
)
from seamguard.sync.execute import Trace
from seamguard.sync.model import DELETE_TOPIC, REFUND_TOPIC, Expected
from seamguard.sync.rules import SyncRules, money, split_set, to_decimal
from seamguard.sync.script import Event, Script
from seamguard.sync.violations import Context, Violation, blank, instant_of, same

__all__ = ["PROPERTIES", "Violation", "check_all"]

ORDER_INDEPENDENT_REASONS = frozenset({"unknown-value", "awaiting-order"})


def exactly_once(ctx: Context) -> Violation | None:
    for rule in ctx.rules.values():
        for key, records in ctx.by_key(rule.object_type).items():
            if len(records) > 1:
                return Violation("exactly-once",
                                 f"{len(records)} {rule.object_type} records for "
                                 f"{rule.key_target}={key} (ids "
                                 f"{', '.join(r.id for r in records)}): one logical key, "
                                 "several records", expected=1, actual=len(records))
        creates: dict[str, int] = {}
        for effect in ctx.trace.side_effects:
            if effect.kind == "create" and effect.object_type == rule.object_type:
                key = str(effect.properties.get(rule.key_target))
                creates[key] = creates.get(key, 0) + 1
                if creates[key] > 1:
                    return Violation("exactly-once", f"{creates[key]} creates for "
                                     f"{rule.key_target}={key}", expected=1, actual=creates[key])
    return None


def no_lost_event(ctx: Context) -> Violation | None:
    for event in ctx.trace.refused.values():
        answers = [d.answer.text for d in ctx.trace.deliveries
                   if d.event.event_id == event.event_id and d.genuine]
        return Violation("no-lost-event",
                         f"{event.label} ({event.topic}) refused on all {len(answers)} "
                         f"deliveries ({', '.join(answers)}) with no downstream "
                         "fault left: the platform gives up on it", expected="2xx",
                         actual=answers)
    parked = {(str(i.get("reason")), str(i.get("key"))) for i in ctx.trace.review}
    for event in ctx.trace.acknowledged.values():
        rule = ctx.rules.get(event.mapping or "")
        if rule is None or rule.key(event.payload) in ctx.expected.ignored:
            continue
        if event.topic == REFUND_TOPIC:
            key = str(event.payload.get("order_id"))
            state = ctx.trace.states.get(key) or {}
            applied = {str(r) for r in state.get("applied_refunds") or []}
            if str(event.payload.get("id")) in applied or any(k == key for _, k in parked):
                continue
            if not ctx.trace.states:
                continue  # no record-state endpoint: refunds are judged by conservation
            return Violation("no-lost-event",
                             f"refund {event.payload.get('id')} ({event.label}) of order {key} "
                             "was acknowledged but neither applied nor parked",
                             expected="applied or in the review queue",
                             actual={"applied_refunds": sorted(applied)})
        key = rule.key(event.payload)
        if key not in ctx.by_key(rule.object_type) and not any(k == key for _, k in parked):
            return Violation("no-lost-event",
                             f"{event.label} ({event.topic}, {rule.key_source}={key}) was "
                             f"acknowledged, but no {rule.object_type} record has "
                             f"{rule.key_target}={key} and nothing is parked for it",
                             expected="a record or a review item", actual=None)
    return None


def idempotency(ctx: Context) -> Violation | None:
    for delivery in ctx.trace.deliveries:
        if not delivery.duplicate:
            continue
        if delivery.answer.ok is False:
            return Violation("idempotency", f"duplicate delivery of {delivery.label} answered "
                             f"{delivery.answer.text}", expected="2xx",
                             actual=delivery.answer.text)
        writes = delivery.effects if delivery.moving is None else delivery.moving
        if writes or delivery.changed:
            what = delivery.changed or [f"{len(writes)} CRM write(s)"]
            return Violation("idempotency",
                             f"duplicate delivery of {delivery.label} (same event id) changed "
                             f"{' and '.join(what)}", expected="no change",
                             actual=[e.properties for e in writes][:3] or what)
    return None


def no_lost_update(ctx: Context) -> Violation | None:
    last: dict[str, tuple[datetime, str]] = {}
    for delivery in ctx.trace.deliveries:
        if not delivery.genuine:
            continue
        version = instant_of(delivery.version)
        key = str(delivery.event.payload.get("order_id")) if delivery.event.topic == \
            REFUND_TOPIC else None
        rule = ctx.rules.get(delivery.event.mapping or "")
        if rule is None:
            continue
        key = key or rule.key(delivery.event.payload)
        if version is None:
            continue
        previous = last.get(key)
        if previous is not None and version < previous[0]:
            return Violation("no-lost-update",
                             f"lost update: stored version of {key} went back from "
                             f"{previous[0].isoformat()} (after {previous[1]}) to "
                             f"{version.isoformat()} after {delivery.label}",
                             expected=f">= {previous[0].isoformat()}", actual=version.isoformat())
        last[key] = (version, delivery.label)
    return _stale_write(ctx)


def _stale_write(ctx: Context) -> Violation | None:
    """A CRM write that only an event older than the newest acknowledged before it carries.

    A write is matched to events by its values: when some event of the key that is not older
    than the newest acknowledged one carries the same values (the event being delivered, or
    one whose write a crashed attempt left unfinished), the write may be that event's.
    """
    seen: dict[str, list[Event]] = {}  # acknowledged before, per key
    for delivery in ctx.trace.deliveries:
        if not delivery.genuine:
            continue
        event = delivery.event
        rule = ctx.rules.get(event.mapping or "")
        if rule is None or event.topic == REFUND_TOPIC or rule.version_field is None:
            continue
        key = rule.key(event.payload)
        acknowledged = seen.setdefault(key, [])
        found = _overwritten(ctx, rule, delivery, key, acknowledged)
        if found is not None:
            return found
        if delivery.ok and event.label not in ctx.expected.parked and event not in acknowledged:
            acknowledged.append(event)
    return None


def _overwritten(ctx: Context, rule: SyncRules, delivery: Any, key: str,
                 acknowledged: list[Event]) -> Violation | None:
    if not acknowledged:
        return None
    newest = max(acknowledged, key=lambda e: rule.order_key(e.payload))
    newest_out, _ = rule.target(newest.payload)
    events = [e for e in ctx.script.events if e.mapping == rule.name
              and e.topic not in (REFUND_TOPIC, DELETE_TOPIC)
              and rule.key(e.payload) == key and e.label not in ctx.expected.parked]
    # The amount is the order's total less its refunds: an order value like any other where
    # the script refunds nothing of it.
    refunded = any(e.topic == REFUND_TOPIC and str(e.payload.get("order_id")) == key
                   for e in ctx.script.events)
    lww = [f for f in rule.compared_fields() if rule.policies[f].policy != "merge_set"
           and f != rule.key_target and (f != rule.amount_field or not refunded)]
    for effect in delivery.effects:
        if effect.object_type != rule.object_type:
            continue
        written = {f: effect.properties[f] for f in lww if f in effect.properties}
        if not written or all(same(newest_out.get(f), v, False) for f, v in written.items()):
            continue
        matching = [e for e in events if all(same(rule.target(e.payload)[0].get(f), v, False)
                                             for f, v in written.items())]
        if not matching or any(rule.order_key(e.payload) >= rule.order_key(newest.payload)
                               for e in matching):
            continue
        older = max(matching, key=lambda e: rule.order_key(e.payload))
        tie = rule.instant(older.payload) == rule.instant(newest.payload)
        why = "which loses the tie-break (same instant)" if tie else "which is older"
        return Violation(
            "no-lost-update",
            f"lost update: {newest.label} ({ctx.stamp(newest)}) overwritten by "
            f"{older.label} ({ctx.stamp(older)}), {why}, during delivery of {delivery.label}",
            expected={f: newest_out.get(f) for f in written}, actual=written)
    return None


def monotonic_state_machine(ctx: Context) -> Violation | None:
    for rule in ctx.rules.values():
        for field_name in rule.state_machines:
            current: dict[str, Any] = {}
            for delivery in ctx.trace.deliveries:
                for effect in delivery.effects:
                    if effect.object_type != rule.object_type or field_name not in \
                            effect.properties:
                        continue
                    old = current.get(effect.record_id)
                    new = effect.properties[field_name]
                    if not rule.allowed(field_name, old, new):
                        return Violation(
                            "monotonic-state-machine",
                            f"{field_name} of {rule.object_type} record {effect.record_id} went "
                            f"{old!r} -> {new!r} during delivery of {delivery.label}: not a "
                            "declared transition",
                            expected=rule.state_machines[field_name].transitions.get(
                                str(old), []), actual=new)
                    current[effect.record_id] = new
    return None


def field_ownership(ctx: Context) -> Violation | None:
    for rule in ctx.rules.values():
        guarded = [f for f, p in rule.policies.items()
                   if p.policy in ("owner_target", "manual_review")]
        values: dict[str, dict[str, Any]] = {}
        for index, delivery in enumerate(ctx.trace.deliveries):
            for effect in delivery.effects:
                if effect.object_type != rule.object_type:
                    continue
                record = values.setdefault(effect.record_id, {})
                if effect.kind == "create":
                    record.update(effect.properties)
                    continue
                for name in guarded:
                    if name not in effect.properties:
                        continue
                    before = record.get(name)
                    if effect.properties[name] != before:
                        who = "the CRM owns" if rule.policies[name].policy == "owner_target" \
                            else "is under manual review"
                        return Violation(
                            "field-ownership",
                            f"{name} ({who}) of {rule.object_type} record {effect.record_id} "
                            f"overwritten after create during delivery of {delivery.label}",
                            expected=before, actual=effect.properties[name])
                record.update(effect.properties)
            for at, object_type, record_id, edit in ctx.trace.edits:
                if at == index and object_type == rule.object_type:
                    values.setdefault(record_id, {}).update(edit)
    return None


def conservation(ctx: Context) -> Violation | None:
    for rule in ctx.rules.values():
        if rule.amount_field is None or rule.refunds != "adjust_amount":
            continue
        actual = ctx.by_key(rule.object_type)
        for key, total in ctx.expected.totals.items():
            if key in ctx.expected.ignored:
                continue
            refunds = ctx.expected.refunds.get(key, {})
            wanted = Decimal(money(total - sum(refunds.values(), Decimal(0))))
            records = actual.get(key)
            got = to_decimal(records[0].properties.get(rule.amount_field)) if records else None
            looser = ctx.expected.looser
            if looser is not None and key in looser.totals:  # a version it may have applied
                either = looser.totals[key] - sum(looser.refunds.get(key, {}).values(),
                                                  Decimal(0))
                if got == Decimal(money(either)):
                    continue
            if got != wanted:
                return Violation(
                    "conservation",
                    f"deal {key}: amount {got} but order total {total} - refunds "
                    f"{sum(refunds.values(), Decimal(0))} ({len(refunds)}) = {wanted}",
                    expected=str(wanted), actual=None if got is None else str(got),
                    # Without refunds the amount is the mapping's output: say whose it is.
                    mapping=None if refunds else rule.name,
                    field=rule.amount_field, key=key)
        orders = sorted(k for (t, k) in ctx.expected.records if t == rule.object_type
                        and k not in ctx.expected.ignored)
        looser = ctx.expected.looser or ctx.expected
        maybe = {k for (t, k) in looser.records if t == rule.object_type}
        if not set(orders) <= set(actual) - ctx.expected.ignored <= maybe | set(orders):
            return Violation(
                "conservation", f"{len(actual)} {rule.object_type} record(s) for "
                f"{len(orders)} applied source record(s)", expected=orders, actual=sorted(actual))
    return None


def normalisation(ctx: Context) -> Violation | None:
    for rule in ctx.rules.values():
        fields = [f for f in rule.compared_fields() if rule.policies[f].policy != "merge_set"
                  and f != rule.amount_field]
        outputs: dict[str, dict[str, set[Any]]] = {}
        for event in ctx.script.events:
            if event.mapping != rule.name or event.topic in (REFUND_TOPIC, DELETE_TOPIC):
                continue
            out, unknown = rule.target(event.payload)
            if unknown:
                continue
            per_key = outputs.setdefault(rule.key(event.payload), {})
            for name in fields:
                per_key.setdefault(name, set()).add(blank(out.get(name)))
        owner_of = {r.id: str(r.properties.get(rule.key_target))
                    for r in ctx.trace.records.get(rule.object_type, [])}
        for delivery in ctx.trace.deliveries:
            if delivery.forgery or delivery.poison:
                continue  # what a forged delivery wrote is authenticity's finding
            for effect in delivery.effects:
                if effect.object_type != rule.object_type:
                    continue
                key = owner_of.get(effect.record_id, "")
                allowed = outputs.get(key, {})
                for name in fields:
                    if name not in effect.properties or name not in allowed:
                        continue
                    value = blank(effect.properties[name])
                    if not any(same(option, value, False) for option in allowed[name]):
                        return Violation(
                            "normalisation",
                            f"{name} of {rule.object_type} {key} written as {value!r} during "
                            f"delivery of {delivery.label}; the mapping gives "
                            f"{' or '.join(repr(v) for v in sorted(allowed[name], key=str))}",
                            expected=sorted(allowed[name], key=str), actual=value,
                            mapping=rule.name, field=name, key=key)
    return None


def _loose(expected: Expected, record_key: tuple[str, str]) -> dict[str, Any]:
    looser = expected.looser
    return looser.records.get(record_key, {}) if looser is not None else {}


# No looser value for a field (no looser model, or it lacks the record): distinct from a looser
# model whose value is null, which an actual empty value fits.
_NO_LOOSER: Any = object()


def _fits(value: Any, loose: Any, actual: Any, merge: bool) -> bool:
    """The actual value is the model's, or (with a looser model) the looser one's, null
    included; a set lies between the two."""
    if same(value, actual, merge):
        return True
    if loose is _NO_LOOSER:
        return False
    if merge:
        got = split_set(actual)
        return frozenset(value or ()) <= got <= frozenset(loose or ())
    return same(loose, actual, False)


def convergence(ctx: Context) -> Violation | None:
    expected, trace = ctx.expected, ctx.trace
    looser = expected.looser
    for rule in ctx.rules.values():
        actual = ctx.by_key(rule.object_type)
        for (object_type, key), record in expected.records.items():
            if object_type != rule.object_type or key in expected.ignored:
                continue
            found = actual.get(key)
            if not found:
                return Violation("convergence", f"no {object_type} record for {key}",
                                 expected=_show(record), actual=None)
            props = found[0].properties
            loose = _loose(expected, (object_type, key))
            for name, value in record.items():
                merge = rule.policies[name].policy == "merge_set"
                if not _fits(value, loose.get(name, _NO_LOOSER), props.get(name), merge):
                    winner = expected.winners[(object_type, key)]
                    return Violation(
                        "convergence",
                        f"{object_type} {key}: {name} is {props.get(name)!r}, the model says "
                        f"{_show(value)!r} (from {winner.label}, {ctx.stamp(winner)})",
                        expected=_show(value), actual=props.get(name), mapping=rule.name,
                        field=name, key=key)
        known = {k for (t, k) in (looser or expected).records if t == rule.object_type}
        extra = sorted(set(actual) - known - expected.ignored)
        if extra:
            return Violation("convergence", f"{rule.object_type} record(s) for {extra} that the "
                             "model does not have", expected=None, actual=extra)
    for record_key, version in expected.versions.items():
        key = record_key[1]
        if key not in trace.states or key in expected.ignored:
            continue
        state = trace.states[key] or {}
        got = instant_of(state.get("version"))
        either = looser.versions.get(record_key) if looser is not None else None
        # A missing or null version is no version (never "whichever the looser model has").
        allowed = {version} | ({either} if either is not None else set())
        if version is not None and got is None:
            said = "answers 404 (nothing applied)" if trace.states[key] is None else \
                "reports no `version`" if "version" not in state else \
                f"reports version {state.get('version')!r}"
            return Violation("convergence", f"the record state of {key} {said}, but the model "
                             f"applied a version of it ({version.isoformat()}): the stored "
                             "version cannot be checked", expected=version.isoformat(),
                             actual=state.get("version"))
        if version is not None and got not in allowed:
            return Violation("convergence", f"stored version of {key} is {state.get('version')}, "
                             f"the model says {version.isoformat()}",
                             expected=version.isoformat(), actual=state.get("version"))
    review = Counter((str(i.get("reason")), str(i.get("key"))) for i in trace.review
                     if i.get("reason") in ORDER_INDEPENDENT_REASONS
                     and str(i.get("key")) not in expected.ignored)
    wanted = Counter({k: n for k, n in expected.review.items() if k[1] not in expected.ignored})
    most = looser.review if looser is not None else wanted
    if not wanted <= review <= (most | wanted):
        missing, unexpected = wanted - review, review - (most | wanted)
        return Violation("convergence", "review queue differs from the model (compared as a "
                         f"multiset): missing {_items(missing)}, unexpected {_items(unexpected)}",
                         expected=_items(wanted), actual=_items(review))
    return None


def _items(counts: Counter[tuple[str, str]]) -> list[str]:
    return [f"{reason} {key}" + (f" x{n}" if n > 1 else "")
            for (reason, key), n in sorted(counts.items())]


def _show(value: Any) -> Any:
    if isinstance(value, frozenset):
        return ";".join(sorted(value))
    if isinstance(value, dict):
        return {k: _show(v) for k, v in value.items()}
    return value


# Most specific first: a failure's headline is the first property it violates.
PROPERTIES: dict[str, Callable[[Context], Violation | None]] = {
    "authenticity": authenticity,
    "exactly-once": exactly_once,
    "no-lost-record": no_lost_record,
    "no-lost-event": no_lost_event,
    "dead-letter-review": dead_letter_review,
    "idempotency": idempotency,
    "no-lost-update": no_lost_update,
    "monotonic-state-machine": monotonic_state_machine,
    "field-ownership": field_ownership,
    "conservation": conservation,
    "normalisation": normalisation,
    "bounded-re-reads": bounded_re_reads,
    "convergence": convergence,
}


def check_all(script: Script, trace: Trace, expected: Expected,
              rules: Mapping[str, SyncRules],
              seconds: dict[str, float] | None = None) -> list[Violation]:
    """Every violated property, in the order above (the most specific first); ``seconds``
    accumulates each property's own checking time."""
    ctx = Context(script, trace, expected, rules)
    found = []
    for name, check in PROPERTIES.items():
        began = time.perf_counter()
        violation = check(ctx)
        if seconds is not None:
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - began
        if violation is not None:
            found.append(violation)
    return found
