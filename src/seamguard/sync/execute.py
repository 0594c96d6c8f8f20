"""Play one event script against the system under test and record everything that happened.

The harness owns the clock: each step first moves it by the step's ``delay`` (and tells the
system, through its clock hook), then delivers one event through the transport, arming its
downstream fault first, or lets the system's scheduled work run (a tick). A refused delivery is
delivered again by the platform after its backoff (``clock.retry_delays``), up to the profile's
attempts, interleaved with later steps by time. A simulated crash restarts the system (its
storage stays) and counts as no answer, so the platform delivers again.

Around a redelivery of an already acknowledged event, a forged or a poisoned delivery, the CRM
records and the review queue (a multiset: a second identical item is a change) are snapshotted;
after every delivery the stored version of the event's record is read. After the first
acknowledged delivery that follows a record's creation, a CRM user edits that record's
target-owned fields (for ``field-ownership``). A delivery that overruns the deadline ends the
script: a hanging SUT is a finding, not a hang.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from seamguard.sync.adapters import SystemUnderTest
from seamguard.sync.clock import HISTORY_START, START, SimClock, retry_delays
from seamguard.sync.crm import CrmDouble, CrmRecord, SideEffect
from seamguard.sync.faults import CrmAnswer, FaultInjector
from seamguard.sync.model import DELETE_TOPIC, REFUND_TOPIC
from seamguard.sync.profiles import DeliveryProfile
from seamguard.sync.rules import SyncRules, parse_duration
from seamguard.sync.script import Event, Script, Step
from seamguard.sync.source import SourceRequest
from seamguard.sync.transport import NO_ANSWER, Answer, DeadLetter, Outgoing, Transport

__all__ = ["CRM_EDIT", "Delivery", "Trace", "play"]

CRM_EDIT = "edited-by-crm-user"
ReviewItems = Counter[tuple[str, str, str]]


@dataclass
class Delivery:
    label: str
    event: Event
    attempt: int
    fault: str | None
    answer: Answer
    effects: list[SideEffect]
    duplicate: bool
    changed: list[str] = field(default_factory=list)  # what a duplicate or forgery changed
    # (a duplicate or forgery) its CRM writes that changed a value: a write of the values the
    # record already holds (finishing another event's write a crash cut short) changes nothing
    moving: list[SideEffect] | None = None
    version: Any = None  # stored version of the record after the delivery
    seconds: float = 0.0
    fault_spent: bool = False
    concurrent: bool = False  # delivered with another at once; their CRM writes on the first
    at: datetime | None = None  # the harness's clock
    forgery: str | None = None
    poison: str | None = None
    tamper: dict[str, Any] | None = None
    crm: list[CrmAnswer] = field(default_factory=list)  # the CRM's answers meanwhile
    tick: bool = False

    @property
    def status(self) -> int | None:
        return self.answer.status

    @property
    def ok(self) -> bool:
        return self.answer.ok is True

    @property
    def genuine(self) -> bool:
        return self.forgery is None and self.poison is None and not self.tick


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
    stopped_at: int | None = None  # the step during which a delivery overran the deadline
    dead_letters: list[DeadLetter] = field(default_factory=list)
    crashes: int = 0
    started: datetime | None = None
    ended: datetime | None = None
    # Polling: the requests the system made to the source, and every record's last version.
    source: list[SourceRequest] = field(default_factory=list)
    finals: dict[str, Event] = field(default_factory=dict)
    source_lag: timedelta = timedelta(0)
    maybe: dict[str, Event] = field(default_factory=dict)  # served in polls that failed
    deleted: set[str] = field(default_factory=set)  # keys deleted at the source


def key_of(event: Event, rules: Mapping[str, SyncRules]) -> str | None:
    rule = rules.get(event.mapping or "")
    if rule is None:
        return None
    if event.topic == REFUND_TOPIC:
        return str(event.payload.get("order_id"))
    return rule.key(event.payload)


def _snapshot(crm: CrmDouble) -> dict[str, Any]:
    return {t: {r.id: dict(r.properties) for r in crm.records(t)} for t in ("deals", "contacts")}


def _belongs(key: str | None, properties: Mapping[str, Any], identities: set[str],
             keys: set[str | None]) -> bool:
    """Whether a record (by the key it was written by, or its identity property) is one of
    ``keys``."""
    return bool(keys) and (key in keys or any(
        properties.get(name) in keys for name in identities if properties.get(name)))


def _apart(snapshot: dict[str, Any], identities: set[str],
           keys: set[str | None]) -> dict[str, Any]:
    """The snapshot without the records of ``keys``."""
    return {t: {i: p for i, p in records.items() if not _belongs(None, p, identities, keys)}
            for t, records in snapshot.items()}


def _moving(effects: list[SideEffect], snapshot: dict[str, Any]) -> list[SideEffect]:
    """The writes among ``effects`` that created a record or changed one of its values."""
    state = {t: {i: dict(p) for i, p in records.items()} for t, records in snapshot.items()}
    moving = []
    for effect in effects:
        record = state.setdefault(effect.object_type, {}).get(effect.record_id)
        if effect.kind == "create" or record is None or any(
                record.get(k) != v for k, v in effect.properties.items()):
            moving.append(effect)
        state[effect.object_type].setdefault(effect.record_id, {}).update(effect.properties)
    return moving


def _own_items(items: ReviewItems, others: set[str]) -> ReviewItems:
    """The review items not naming another event of the script: those are that event's doing,
    e.g. finishing its write when a crash cut it short (an item naming no event, or an id the
    script does not know, such as a delivery id, stays the delivery's)."""
    return Counter({item: n for item, n in items.items() if item[0] not in others})


def review_items(items: list[dict[str, Any]]) -> ReviewItems:
    return Counter((str(i.get("event_id")), str(i.get("reason")), str(i.get("key")))
                   for i in items)


@dataclass
class _Player:
    script: Script
    sut: SystemUnderTest
    transport: Transport
    crm: CrmDouble
    faults: FaultInjector
    rules: Mapping[str, SyncRules]
    profile: DeliveryProfile
    deadline: float
    with_state: set[str]
    clock: SimClock = field(default_factory=SimClock)
    trace: Trace = field(default_factory=Trace)
    attempts: dict[str, int] = field(default_factory=dict)
    triggered: dict[str, datetime] = field(default_factory=dict)
    last_try: dict[str, datetime] = field(default_factory=dict)
    pending_edit: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.owned = {r.object_type: [f for f, p in r.policies.items()
                                      if p.policy == "owner_target"]
                      for r in self.rules.values()}
        self.delays = retry_delays(self.profile)
        self.tolerance = parse_duration(self.profile.replay_tolerance or "") or timedelta(0)

    # -- time ---------------------------------------------------------------------------------

    async def move(self, seconds: float) -> None:
        if seconds <= 0:
            return
        target = self.clock.now + timedelta(seconds=seconds)
        await self.redeliver_due(target)
        self.clock.at_least(target)
        await self.sut.set_clock(self.clock.now)

    async def redeliver_due(self, until: datetime | None) -> bool:
        """Deliver again, in time order, every refused event whose next retry is due by
        ``until`` (None: all retries left). False when a delivery overran the deadline."""
        while self.trace.timed_out is None:
            due = [(self.last_try[e.event_id] + timedelta(seconds=self._backoff(e)), e)
                   for e in self.trace.refused.values()
                   if self.attempts.get(e.event_id, 0) < self.profile.max_attempts]
            due = [(when, e) for when, e in due if until is None or when <= until]
            if not due:
                return True
            when, event = min(due, key=lambda pair: (pair[0], pair[1].label))
            self.clock.at_least(when)
            await self.sut.set_clock(self.clock.now)
            await self.deliver(event, None)
        return False

    def _backoff(self, event: Event) -> float:
        done = self.attempts.get(event.event_id, 1)
        return self.delays[min(done, len(self.delays)) - 1] if self.delays else 0.0

    # -- deliveries ---------------------------------------------------------------------------

    def outgoing(self, event: Event, step: Step | None = None) -> Outgoing:
        trigger = self.triggered.setdefault(event.event_id, self.clock.now)
        if step is not None and not step.genuine:  # not one of the platform's attempts
            return Outgoing(event, self.attempts.get(event.event_id, 0) or 1, self.clock.now,
                            trigger, forgery=step.forgery, tamper=step.tamper,
                            poison=step.poison)
        self.attempts[event.event_id] = self.attempts.get(event.event_id, 0) + 1
        self.last_try[event.event_id] = self.clock.now
        return Outgoing(event, self.attempts[event.event_id], self.clock.now, trigger,
                        during=bool(step and step.during))

    async def send(self, outgoing: Outgoing, fault: str | None,
                   ) -> tuple[Answer, list[SideEffect], list[CrmAnswer], bool, float]:
        first_effect, first_answer = len(self.crm.side_effects), len(self.faults.answers)
        self.faults.arm(fault)
        started = time.perf_counter()
        try:
            answer = await asyncio.wait_for(self.transport.deliver(outgoing), self.deadline)
        except TimeoutError:
            answer = NO_ANSWER
        left = self.faults.disarm()
        if answer.crashed:
            self.trace.crashes += 1
            await self.sut.restart()
        return (answer, list(self.crm.side_effects[first_effect:]),
                list(self.faults.answers[first_answer:]), fault is not None and left is None,
                time.perf_counter() - started)

    async def deliver(self, event: Event, fault: str | None, step: Step | None = None) -> bool:
        genuine = step is None or step.genuine
        duplicate = genuine and event.event_id in self.trace.acknowledged
        watched = duplicate or not genuine
        before = (_snapshot(self.crm), review_items(await self.sut.review())) if watched \
            else None
        outgoing = self.outgoing(event, step)
        answer, effects, crm, spent, seconds = await self.send(outgoing, fault)
        delivery = Delivery(event.label, event, outgoing.attempt, fault, answer, effects,
                            duplicate, seconds=seconds, fault_spent=spent,
                            at=outgoing.now, forgery=outgoing.forgery, poison=outgoing.poison,
                            tamper=outgoing.tamper, crm=crm)
        if not await self.record(delivery):
            return False
        if before is not None:
            # Another record's event the system refused is work still to do: finishing it at
            # this delivery (as a system that first completes what a failure left) is that
            # event's doing, judged when it is acknowledged, not this delivery's.
            elsewhere = {key_of(e, self.rules) for e in self.trace.refused.values()} - {
                key_of(event, self.rules)}
            identities = {r.key_target for r in self.rules.values()}
            delivery.moving = [e for e in _moving(effects, before[0])
                               if not _belongs(e.key, e.properties, identities, elsewhere)]
            after = (_snapshot(self.crm), review_items(await self.sut.review()))
            if _apart(after[0], identities, elsewhere) != _apart(before[0], identities,
                                                                 elsewhere):
                delivery.changed.append("CRM records")
            others = {e.event_id for e in self.script.events} - {event.event_id}
            if _own_items(after[1] - before[1], others) or _own_items(before[1] - after[1],
                                                                      others):
                delivery.changed.append("review queue")
        if answer.ok:
            self.user_edits()
        return await self.redelivered(event)

    async def redelivered(self, event: Event) -> bool:
        """A broker delivers again by itself what a crashed consumer held: wait for those
        redeliveries and record each with the consumer's verdict. False on the deadline."""
        if not self.transport.capabilities.redelivers:
            return True
        first_effect, first_answer = len(self.crm.side_effects), len(self.faults.answers)
        started = time.perf_counter()
        try:
            settled = await asyncio.wait_for(self.transport.settle(), self.deadline)
        except TimeoutError:
            await self.record(Delivery(event.label, event, 0, None, NO_ANSWER, [], False,
                                       seconds=time.perf_counter() - started,
                                       at=self.clock.now))
            return False
        for position, (outgoing, answer) in enumerate(settled):
            delivery = Delivery(
                outgoing.event.label, outgoing.event, outgoing.attempt, None, answer,
                list(self.crm.side_effects[first_effect:]) if not position else [], False,
                seconds=time.perf_counter() - started, at=self.clock.now,
                poison=outgoing.poison, crm=list(self.faults.answers[first_answer:])
                if not position else [])
            if not await self.record(delivery):
                return False
        if any(answer.ok for _, answer in settled):
            self.user_edits()
        return True

    async def together(self, event: Event, fault: str | None, other: Event | None = None,
                       ) -> bool:
        """Two deliveries at the same time: of one event (the platform retried too early), or
        of ``event`` and ``other`` (two changes of a record in flight at once)."""
        outgoing = [self.outgoing(event), self.outgoing(other or event)]
        first_effect, first_answer = len(self.crm.side_effects), len(self.faults.answers)
        self.faults.arm(fault)
        started = time.perf_counter()
        self.faults.meet(True)
        try:
            answers = await asyncio.gather(
                *(asyncio.wait_for(self.transport.deliver(o), self.deadline) for o in outgoing),
                return_exceptions=True)
        finally:
            self.faults.meet(False)
        left = self.faults.disarm()
        effects = list(self.crm.side_effects[first_effect:])
        crm = list(self.faults.answers[first_answer:])
        ok = True
        for position, (sent, answer) in enumerate(zip(outgoing, answers, strict=True)):
            if isinstance(answer, BaseException) and not isinstance(answer, TimeoutError):
                raise answer
            got = NO_ANSWER if isinstance(answer, BaseException) else answer
            delivery = Delivery(sent.event.label, sent.event, sent.attempt,
                                fault if not position else None,
                                got, effects if not position else [], False,
                                seconds=time.perf_counter() - started,
                                fault_spent=not position and fault is not None and left is None,
                                concurrent=True, at=sent.now, crm=crm if not position else [])
            ok = await self.record(delivery) and ok
        if any(a is not None and not isinstance(a, BaseException) and a.ok for a in answers):
            self.user_edits()
        if any(isinstance(a, Answer) and a.crashed for a in answers):
            self.trace.crashes += 1
            await self.sut.restart()
        return ok and await self.redelivered(event)

    async def tick(self, step: Step) -> bool:
        first_effect, first_answer = len(self.crm.side_effects), len(self.faults.answers)
        self.faults.arm(step.fault)
        started = time.perf_counter()
        tick = getattr(self.transport, "tick", None)
        try:
            answer = await asyncio.wait_for(
                tick(self.clock.now, step.source_fault) if callable(tick) else self.sut.tick(),
                self.deadline)
        except TimeoutError:
            answer = NO_ANSWER
        left = self.faults.disarm()
        if answer.crashed:
            self.trace.crashes += 1
            await self.sut.restart()
        delivery = Delivery("tick", Event("tick", "", "tick", {}), 0, step.fault, answer,
                            list(self.crm.side_effects[first_effect:]), False,
                            seconds=time.perf_counter() - started,
                            fault_spent=step.fault is not None and left is None,
                            at=self.clock.now, crm=list(self.faults.answers[first_answer:]),
                            tick=True)
        if not self._noted(delivery):
            return False
        if answer.ok:
            self.user_edits()
        return True

    def _noted(self, delivery: Delivery) -> bool:
        """Add a delivery to the trace and its creations to the CRM user's edits to come;
        False when it overran the deadline."""
        self.trace.deliveries.append(delivery)
        if delivery.answer is NO_ANSWER:
            self.trace.timed_out = delivery
            return False
        for effect in delivery.effects:
            if effect.kind == "create":
                self.pending_edit.append((effect.object_type, effect.record_id))
        return True

    async def record(self, delivery: Delivery) -> bool:
        """Record a delivery's outcome; False when it overran the deadline."""
        event, answer = delivery.event, delivery.answer
        key = key_of(event, self.rules)
        if not self._noted(delivery):
            return False
        if not delivery.genuine:
            return True
        if answer.ok:
            self.trace.acknowledged.setdefault(event.event_id, event)
            self.trace.refused.pop(event.event_id, None)
        elif event.event_id not in self.trace.acknowledged and answer.redelivered:
            self.trace.refused[event.event_id] = event
        if key is not None and event.mapping in self.with_state:
            state = await self.sut.record_state(key)
            delivery.version = state.get("version") if state else None
        return True

    def user_edits(self) -> None:
        for object_type, record_id in self.pending_edit:
            edit = dict.fromkeys(self.owned.get(object_type, []), CRM_EDIT)
            if edit:
                self.crm.edit(object_type, record_id, edit)
                self.trace.edits.append((len(self.trace.deliveries) - 1, object_type,
                                         record_id, edit))
        self.pending_edit.clear()

    # -- the script ---------------------------------------------------------------------------

    async def step(self, step: Step) -> bool:
        if step.at is not None:
            started = self.trace.started or self.clock.now
            await self.move((started + timedelta(seconds=step.at) - self.clock.now)
                            .total_seconds())
        elif step.forgery == "replay":
            event = self.script.event(step.deliver)
            # A replay repeats a delivery triggered at least the tolerance ago (now, when the
            # genuine one was not played).
            trigger = self.triggered.setdefault(event.event_id, self.clock.now)
            wanted = trigger + self.tolerance + timedelta(seconds=max(step.delay, 1.0))
            await self.move((wanted - self.clock.now).total_seconds())
        else:
            await self.move(step.delay)
        if not await self.redeliver_due(self.clock.now):
            return False
        if step.tick:
            return await self.tick(step)
        event = self.script.event(step.deliver)
        if step.together or step.alongside:
            other = self.script.event(step.alongside) if step.alongside else event
            return await self.together(event, step.fault, other)
        return await self.deliver(event, step.fault, step)

    async def run(self) -> Trace:
        self.trace.started = self.clock.now
        await self.sut.set_clock(self.clock.now)
        if self.transport.capabilities.pull:  # the poller was running when the history began
            await self.tick(Step(tick=True))
        for index, step in enumerate(self.script.steps):
            if not await self.step(step):
                self.trace.stopped_at = index
                break
        else:
            await self.redeliver_due(None)
            await self.final_polls()
        self.trace.ended = self.clock.now
        pulled = getattr(self.transport, "pulled", None)
        if callable(pulled):
            self.trace.source, self.trace.finals, current_after = pulled()
            self.trace.acknowledged = self.pulled_events(current_after)
        if self.trace.timed_out is None:
            await self.read_back()
        self.trace.records = {t: [CrmRecord(r.id, r.object_type, dict(r.properties),
                                            r.created_at, r.updated_at)
                                  for r in self.crm.records(t)]
                              for t in ("deals", "contacts")}
        self.trace.side_effects = list(self.crm.side_effects)
        return self.trace

    async def final_polls(self) -> None:
        """A poller gets its ticks after the last change: past the platform's write lag, then
        at its interval, so that a correct one has read everything."""
        interval = getattr(getattr(self.transport, "source", None), "profile", None)
        if interval is None:
            return
        lag = interval.lag.total_seconds()
        every = (parse_duration(interval.interval) or timedelta(minutes=1)).total_seconds()
        self.trace.source_lag = interval.lag
        for number in range(3):
            await self.move((lag + 1 if number == 0 else 0) + every)
            if not await self.tick(Step(tick=True)):
                return

    def pulled_events(self, current_after: dict[int, set[str]]) -> dict[str, Event]:
        """What a poller is held to: every version it was served in a poll it finished and
        that was still current when that poll ended, and every last version. Versions served
        only in polls that failed or crashed half way, or replaced while the poll ran, may or
        may not have been processed (``Trace.maybe``)."""
        by_label = {e.label: e for e in self.script.events}
        finished = {number for number, delivery in enumerate(
            (d for d in self.trace.deliveries if d.tick), start=1) if delivery.ok}
        found: dict[str, Event] = {}
        for request in self.trace.source:
            for served in request.served:
                event = by_label.get(served.label)
                if event is None:
                    continue
                if request.tick in finished and served.label in current_after.get(
                        request.tick, set()):
                    found.setdefault(event.event_id, event)
                else:
                    self.trace.maybe.setdefault(event.event_id, event)
        for event in self.trace.finals.values():
            found.setdefault(event.event_id, event)
        for event_id in found:
            self.trace.maybe.pop(event_id, None)
        self.trace.deleted = {key_of(e, self.rules) or "" for e in self.script.events
                              if e.topic == DELETE_TOPIC} - set(self.trace.finals)
        return found

    async def read_back(self) -> None:
        self.trace.dead_letters = await self.transport.dead_letters()
        self.trace.review = await self.sut.review()
        keys = {k for e in self.script.events if e.mapping in self.with_state
                for k in [key_of(e, self.rules)] if k is not None}
        for key in sorted(keys):
            self.trace.states[key] = await self.sut.record_state(key)


async def play(script: Script, sut: SystemUnderTest, transport: Transport, crm: CrmDouble,
               faults: FaultInjector, rules: Mapping[str, SyncRules], profile: DeliveryProfile,
               deadline: float, stateful: set[str] | None = None) -> Trace:
    """Play the script's steps under the harness's clock, then the platform's redeliveries,
    and read the end state."""
    with_state = {name for name, r in rules.items() if r.version_field
                  and (stateful is None or name in stateful)}
    # A service without a clock hook lives in real time: start the clock there, so the trigger
    # times it is sent look current.
    start = HISTORY_START if transport.capabilities.pull else START
    clock = SimClock(start) if sut.has_clock else SimClock(datetime.now(UTC))
    player = _Player(script, sut, transport, crm, faults, rules, profile, deadline, with_state,
                     clock)
    return await player.run()
