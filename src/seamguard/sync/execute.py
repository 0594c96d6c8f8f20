"""Play one event script against the system under test and record everything that happened.

Each step delivers one event (arming its downstream fault first); a refused delivery is
redelivered after the schedule, as the platform would, up to the profile's attempts. Around a
redelivery of an already acknowledged event the state is snapshotted (for ``idempotency``); after
every delivery the stored version of the event's record is read (for ``no-lost-update``). After
the first acknowledged delivery that follows a record's creation, a CRM user edits that record's
target-owned fields (for ``field-ownership``). A delivery that overruns the deadline ends the
script: a hanging SUT is a finding, not a hang.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from seamguard.sync.adapters import SystemUnderTest
from seamguard.sync.crm import CrmDouble, CrmRecord, SideEffect
from seamguard.sync.faults import FaultInjector
from seamguard.sync.model import REFUND_TOPIC
from seamguard.sync.profiles import DeliveryProfile
from seamguard.sync.rules import SyncRules
from seamguard.sync.script import Event, Script

__all__ = ["CRM_EDIT", "Delivery", "Trace", "play"]

CRM_EDIT = "edited-by-crm-user"


@dataclass
class Delivery:
    label: str
    event: Event
    attempt: int
    fault: str | None
    status: int | None  # None: the deadline passed
    effects: list[SideEffect]
    duplicate: bool
    changed: list[str] = field(default_factory=list)  # what a duplicate changed
    version: Any = None  # stored version of the record after the delivery
    seconds: float = 0.0
    fault_spent: bool = False
    concurrent: bool = False  # delivered twice at once; its CRM writes are on the first


@dataclass
class Trace:
    deliveries: list[Delivery] = field(default_factory=list)
    acknowledged: dict[str, Event] = field(default_factory=dict)  # event id -> event
    refused: dict[str, Event] = field(default_factory=dict)
    review: list[dict[str, Any]] = field(default_factory=list)
    states: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    records: dict[str, list[CrmRecord]] = field(default_factory=dict)
    side_effects: list[SideEffect] = field(default_factory=list)
    # CRM user edits: (index of the delivery after which it happened, object type, id, values)
    edits: list[tuple[int, str, str, dict[str, str]]] = field(default_factory=list)
    timed_out: Delivery | None = None


def _key_of(event: Event, rules: Mapping[str, SyncRules]) -> str | None:
    rule = rules.get(event.mapping or "")
    if rule is None:
        return None
    if event.topic == REFUND_TOPIC:
        return str(event.payload.get("order_id"))
    return rule.key(event.payload)


def _snapshot(crm: CrmDouble) -> dict[str, Any]:
    return {t: {r.id: dict(r.properties) for r in crm.records(t)} for t in ("deals", "contacts")}


async def play(script: Script, sut: SystemUnderTest, crm: CrmDouble, faults: FaultInjector,
               rules: Mapping[str, SyncRules], profile: DeliveryProfile,
               deadline: float, stateful: set[str] | None = None) -> Trace:
    """Deliver the script's steps, then the platform's redeliveries, and read the end state."""
    trace = Trace()
    attempts: dict[str, int] = {}
    pending_edit: list[tuple[str, str]] = []
    owned = {r.object_type: [f for f, p in r.policies.items() if p.policy == "owner_target"]
             for r in rules.values()}
    with_state = {name for name, r in rules.items() if r.version_field
                  and (stateful is None or name in stateful)}

    async def deliver(event: Event, fault: str | None) -> bool:
        attempts[event.event_id] = attempts.get(event.event_id, 0) + 1
        duplicate = event.event_id in trace.acknowledged
        before = (_snapshot(crm), _review_set(await sut.review())) if duplicate else None
        first_effect = len(crm.side_effects)
        faults.arm(fault)
        started = time.perf_counter()
        try:
            status: int | None = await asyncio.wait_for(
                sut.deliver(event, attempts[event.event_id]), deadline)
        except TimeoutError:
            status = None
        left = faults.disarm()
        delivery = Delivery(event.label, event, attempts[event.event_id], fault, status,
                            list(crm.side_effects[first_effect:]), duplicate,
                            seconds=time.perf_counter() - started,
                            fault_spent=fault is not None and left is None)
        if not await settle(delivery):
            return False
        if before is not None:
            after = (_snapshot(crm), _review_set(await sut.review()))
            if after[0] != before[0]:
                delivery.changed.append("CRM records")
            if after[1] != before[1]:
                delivery.changed.append("review queue")
        return True

    async def together(event: Event, fault: str | None) -> bool:
        """Two deliveries of one event at the same time (the platform retried too early)."""
        numbers = []
        for _ in range(2):
            attempts[event.event_id] = attempts.get(event.event_id, 0) + 1
            numbers.append(attempts[event.event_id])
        first_effect = len(crm.side_effects)
        faults.arm(fault)
        started = time.perf_counter()
        answers = await asyncio.gather(
            *(asyncio.wait_for(sut.deliver(event, n), deadline) for n in numbers),
            return_exceptions=True)
        left = faults.disarm()
        effects = list(crm.side_effects[first_effect:])
        ok = True
        for position, (number, answer) in enumerate(zip(numbers, answers, strict=True)):
            if isinstance(answer, BaseException) and not isinstance(answer, TimeoutError):
                raise answer
            status = None if isinstance(answer, BaseException) else int(answer)
            delivery = Delivery(event.label, event, number, fault if not position else None,
                                status, effects if not position else [], False,
                                seconds=time.perf_counter() - started,
                                fault_spent=not position and fault is not None and left is None,
                                concurrent=True)
            ok = await settle(delivery) and ok
        return ok

    async def settle(delivery: Delivery) -> bool:
        """Record a delivery's outcome; False when it overran the deadline."""
        event, status = delivery.event, delivery.status
        key = _key_of(event, rules)
        trace.deliveries.append(delivery)
        if status is None:
            trace.timed_out = delivery
            return False
        for effect in delivery.effects:
            if effect.kind == "create":
                pending_edit.append((effect.object_type, effect.record_id))
        if 200 <= status < 300:
            trace.acknowledged.setdefault(event.event_id, event)
            trace.refused.pop(event.event_id, None)
            for object_type, record_id in pending_edit:
                edit = dict.fromkeys(owned.get(object_type, []), CRM_EDIT)
                if edit:
                    crm.edit(object_type, record_id, edit)
                    trace.edits.append((len(trace.deliveries) - 1, object_type, record_id,
                                        edit))
            pending_edit.clear()
        elif event.event_id not in trace.acknowledged:
            trace.refused[event.event_id] = event
        if key is not None and event.mapping in with_state:
            state = await sut.record_state(key)
            delivery.version = state.get("version") if state else None
        return True

    for step in script.steps:
        play_step = together if step.together else deliver
        if not await play_step(script.event(step.deliver), step.fault):
            break
    else:
        for _ in range(profile.max_attempts):
            if not trace.refused:
                break
            for event in list(trace.refused.values()):
                if attempts.get(event.event_id, 0) >= profile.max_attempts:
                    continue
                if not await deliver(event, None):
                    break
            if trace.timed_out is not None:
                break
    if trace.timed_out is None:
        trace.review = await sut.review()
        keys = {k for e in script.events if e.mapping in with_state
                for k in [_key_of(e, rules)] if k is not None}
        for key in sorted(keys):
            trace.states[key] = await sut.record_state(key)
    trace.records = {t: [CrmRecord(r.id, r.object_type, dict(r.properties), r.created_at,
                                   r.updated_at) for r in crm.records(t)]
                     for t in ("deals", "contacts")}
    trace.side_effects = list(crm.side_effects)
    return trace


def _review_set(items: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(str(i.get("event_id")), str(i.get("reason")), str(i.get("key"))) for i in items}
