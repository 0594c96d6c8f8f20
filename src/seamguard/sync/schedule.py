"""Hypothesis strategies for whole event scripts: the histories of ``generate`` and a delivery
schedule for them, drawn from what the transport supports (``Capabilities``).

Anomalies are switched on by the *simplest* draw (``not draw(st.booleans())``): hypothesis
starts from and keeps returning to simple choices, so the anomalies that need a combination
(a parked event redelivered hours later) appear in the first examples, not once in a hundred.

The schedule then shuffles deliveries (for unordered profiles), adds same-id duplicates (some
hours later, within the platform's retry horizon), new-id copies (refunds often), arms
downstream faults on some deliveries, and, where the transport supports them, forged or
replayed deliveries and process crashes.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from seamguard.sync.clock import horizon
from seamguard.sync.generate import (
    BASE_INSTANT,
    KEY_STRIDE,
    KEYS,
    REFUNDS,
    UNKNOWN,
    Blueprint,
    Draw,
    clear_fields,
    copy_json,
    drop_members,
    history,
    is_time,
    plain_value,
    progress_refunded,
    render,
    scalars,
    set_path,
)
from seamguard.sync.instants import skew_source_clock, vary_instants
from seamguard.sync.model import DELETE_TOPIC, REFUND_TOPIC
from seamguard.sync.profiles import DeliveryProfile
from seamguard.sync.script import (
    CRASHES,
    FAULTS,
    FORGERIES,
    POISONS,
    TIMEOUT_BEFORE_COMMIT,
    Event,
    Script,
    Step,
)
from seamguard.sync.transport import Capabilities

__all__ = ["scripts"]


def _parked_twin(draw: Draw, events: list[Event], blueprints: list[Blueprint],
                 labels: list[int]) -> list[Event]:
    """An event the system must park: a copy of an entity's event with an unknown value in a
    state-machine field (a new upstream status), and the event it copies."""
    for event in draw(st.permutations(events)):
        blueprint = next((b for b in blueprints if b.rules.name == event.mapping), None)
        if blueprint is None or event.topic == REFUND_TOPIC:
            continue
        machine = [i for i in blueprint.fields
                   if i.feeds in blueprint.rules.state_machines and i.shape.enum]
        if machine:
            payload = copy_json(event.payload)
            set_path(payload, machine[0].path, UNKNOWN)
            labels[0] += 1
            return [Event.make(f"e{labels[0]}", event.topic, payload, event.mapping), event]
    return []


def _changed_now(draw: Draw, events: list[Event], blueprints: list[Blueprint],
                 profile: DeliveryProfile, labels: list[int], instant: datetime,
                 ) -> Event | None:
    """A new version of an entity, modified at ``instant``, with one field changed."""
    by_order = {b.rules.name: b.rules for b in blueprints}
    candidates = [e for e in events if e.topic not in (REFUND_TOPIC, DELETE_TOPIC)
                  and (by_order[e.mapping or ""].instant(e.payload) or instant) < instant]
    if not candidates:
        return None
    # The most recently modified record: on the first page of a newest-first window, where a
    # change shifts every record behind it.
    newest = max(candidates, key=lambda e: by_order[e.mapping or ""].order_key(e.payload))
    blueprint = next(b for b in blueprints if b.rules.name == newest.mapping)
    rules = blueprint.rules
    payload = copy_json(newest.payload)
    if rules.version_field:
        set_path(payload, rules.version_field.split("."),
                 render(instant, draw(st.sampled_from(profile.timestamp_styles)), profile,
                        draw(st.sampled_from(profile.offsets)), blueprint.version_shape))
    labels[0] += 1
    return Event.make(f"e{labels[0]}", newest.topic, payload, newest.mapping)


def _pull_steps(draw: Draw, events: list[Event], blueprints: list[Blueprint],
                caps: Capabilities, labels: list[int], profile: DeliveryProfile) -> list[Step]:
    """Landings in time order (each at its version's time, sometimes later: a late write within
    the platform's lag), ticks between them (often in the same second as a landing, so equal
    modified times straddle a poll), changes landing while a poll pages, deletes, the source's
    rate limit, CRM faults and a crash on ticks."""
    rules = {b.rules.name: b.rules for b in blueprints}
    landed: dict[tuple[str, str], datetime] = {}
    landings: list[tuple[datetime, Event]] = []
    # A record's versions land in version order (equal modified times by the tie-break too):
    # the platform's current version is always the greatest.
    for event in sorted(events, key=lambda e: (e.mapping or "",
                                                rules[e.mapping or ""].order_key(e.payload))):
        rule = rules[event.mapping or ""]
        instant = rule.instant(event.payload) or BASE_INSTANT
        kind = draw(st.integers(0, 7))
        lag = 0 if kind < 5 else draw(st.integers(1, 2)) if kind < 7 else draw(
            st.integers(1, max(1, int(caps.write_lag))))
        mark = (rule.name, rule.key(event.payload))
        at = max(instant + timedelta(seconds=lag), landed.get(mark, instant))
        landed[mark] = at
        landings.append((at, event))
    if landed and not draw(st.booleans()):
        mark, at = draw(st.sampled_from(sorted(landed.items())))
        rule = rules[mark[0]]
        labels[0] += 1
        gone = Event.make(f"e{labels[0]}", DELETE_TOPIC, {rule.key_source: int(mark[1])}, rule.name)
        events.append(gone)
        landings.append((at + timedelta(seconds=draw(st.integers(0, 3))), gone))
    landings.sort(key=lambda pair: pair[0])
    steps: list[Step] = []
    faults: list[str | None] = [None, None, None, None, *FAULTS]
    for position, (at, event) in enumerate(landings):
        offset = (at - BASE_INSTANT).total_seconds()
        steps.append(Step(event.label, at=offset))
        if draw(st.booleans()) or position == len(landings) - 1:
            continue
        # Often in the same second as the landing; sometimes minutes later, past the
        # platform's write lag, so that what a poll failed to read is old by the next one.
        when = offset + draw(st.sampled_from([600, 0, 1, 30, 0]))
        if (steps[-1].at or 0) <= when and not draw(st.integers(0, 3)):
            steps[-1] = steps[-1].but(during=True)  # lands while this tick reads its pages
        steps.append(Step(tick=True, at=when, fault=draw(st.sampled_from(faults)),
                          source_fault=None if draw(st.integers(0, 3)) else "rate-limit"))
    steps.sort(key=lambda step: step.at or 0.0)  # a late tick comes after later landings
    first_day = [step.at or 0.0 for step in steps if not step.tick and (step.at or 0) < 86400]
    if first_day and not draw(st.booleans()):
        # The poller was away for ten minutes: the next poll is the first to read the records
        # of the first day, and it fails half way (the source's rate limit on its second
        # request, or the CRM); ten minutes later the next one reads them again while one of
        # them changes (its new modified time is after the window's end, so it leaves the
        # window and the records behind it move up a page).
        failed = max(first_day) + 600
        steps = [s for s in steps if not s.tick or (s.at or 0) > failed]
        position = next((i for i, s in enumerate(steps) if (s.at or 0) > failed), len(steps))
        fault = "rate-limit" if not draw(st.booleans()) else draw(
            st.sampled_from([*FAULTS, *CRASHES]))
        pauses = [Step(tick=True, at=failed, source_fault=fault) if fault == "rate-limit"
                  else Step(tick=True, at=failed, fault=fault)]
        changed = None if draw(st.integers(0, 3)) == 3 else _changed_now(
            draw, events, blueprints, profile, labels,
            BASE_INSTANT + timedelta(seconds=failed + 601))
        if changed is not None:
            events.append(changed)
            pauses += [Step(changed.label, at=failed + 600, during=True),
                       Step(tick=True, at=failed + 600)]
        steps[position:position] = pauses
    _timeouts_before_commit(events, steps, profile, caps)
    ticks = [i for i, step in enumerate(steps) if step.tick]
    if caps.crashes and ticks and not draw(st.booleans()):
        index = draw(st.sampled_from(ticks))
        steps[index] = steps[index].but(fault=draw(st.sampled_from(CRASHES)))
    return steps


def _delay(draw: Draw) -> float:
    """Seconds between two deliveries: mostly none or a few, now and then minutes."""
    kind = draw(st.integers(0, 9))
    if kind < 6:
        return 0.0
    if kind < 9:
        return float(draw(st.integers(1, 30)))
    return float(draw(st.integers(60, 300)))


def _tamper(draw: Draw, event: Event, blueprints: list[Blueprint],
            profile: DeliveryProfile) -> dict[str, Any]:
    """What a forger changes: a newer version and another value of a mapped field (so a
    system that takes the delivery writes it), or a refund id of their own."""
    blueprint = next((b for b in blueprints if b.rules.name == event.mapping), None)
    if blueprint is None:
        return {}
    if event.topic == REFUND_TOPIC:
        return {"id": 990000 + draw(st.integers(1, 99))}
    rules = blueprint.rules
    changes: dict[str, Any] = {}
    instant = rules.instant(event.payload)
    if rules.version_field and instant is not None and "." not in rules.version_field:
        style = draw(st.sampled_from(profile.timestamp_styles))
        changes[rules.version_field] = render(instant + timedelta(hours=1), style, profile,
                                              draw(st.sampled_from(profile.offsets)),
                                              blueprint.version_shape)
    top = [f for f in blueprint.fields if len(f.path) == 1 and not is_time(f.shape)]
    if top:
        item = draw(st.sampled_from(top))
        changes[item.path[0]] = plain_value(draw, item.shape, item.path[0])
    return changes


@st.composite
def scripts(draw: Draw, blueprints: list[Blueprint], profile: DeliveryProfile,
            capabilities: Capabilities | None = None) -> Script:
    """An event script: entity histories, refunds, and a delivery schedule with faults (and,
    where the transport supports them, forgeries, unreadable deliveries and crashes)."""
    caps = capabilities if capabilities is not None else Capabilities(signed=True)
    labels = [0]
    events: list[Event] = []
    copies: list[Event] = []
    for index, blueprint in enumerate(blueprints):
        # A poller pages: enough records that a window spans pages (a system under test polls
        # with small pages in tests).
        count = draw(st.integers(3, 5)) if caps.pull else draw(st.integers(1, 2))
        pool = [key + index * KEY_STRIDE + n * (len(KEYS) if n else 0)
                for n in range(2 if caps.pull else 1) for key in KEYS]
        keys = draw(st.lists(st.sampled_from(pool), min_size=count, max_size=count, unique=True))
        for key in keys:
            dates = {f.feeds: BASE_INSTANT - timedelta(hours=draw(st.integers(0, 30)))
                     for f in blueprint.fields if is_time(f.shape)}
            # A pulled history sometimes spans days: a poll then walks several windows.
            days = draw(st.sampled_from([0, 0, 0, 0, 1, 2])) if caps.pull else 0
            events.extend(draw(history(blueprint, profile, key, labels, dates, days)))
            if blueprint.refund_base is not None and not caps.pull:
                for _ in range(draw(st.integers(0, 2))):
                    labels[0] += 1
                    refund = copy_json(blueprint.refund_base)
                    # A refund paid back in parts (gift card and card) has one transaction each.
                    transactions = [{**copy_json(blueprint.transaction_base or {}),
                                     "kind": "refund", "status": "success",
                                     "amount": draw(st.sampled_from(REFUNDS)),
                                     "order_id": key}
                                    for _ in range(draw(st.integers(1, 2)))]
                    refund.update(id=900000 + labels[0], order_id=key,
                                  transactions=transactions)
                    made = Event.make(f"e{labels[0]}", REFUND_TOPIC, refund,
                                      blueprint.rules.name)
                    events.append(made)
                    # Platforms send refund notifications twice now and then (a new id for the
                    # same refund): at a realistic rate, not once in a blue moon.
                    if profile.new_id_copies and draw(st.integers(0, 2)) == 0:
                        copies.append(made)
    if caps.pull:
        return Script(events, _pull_steps(draw, events, blueprints, caps, labels, profile))
    # Ties written alike or in another form, versions apart by a fraction of a second: derived
    # from the histories drawn, before any copy is made (a copy carries its original's text).
    chance = _derived(events, [])
    vary_instants(events, {b.rules.name: b.rules for b in blueprints},
                  {b.rules.name: b.version_shape for b in blueprints}, profile, chance)
    clear_fields(events, blueprints, chance)
    progress_refunded(events, blueprints, chance)
    drop_members(events, blueprints, chance)
    skew_source_clock(events, {b.rules.name: b.rules for b in blueprints}, chance)
    if profile.new_id_copies and events:
        copies.extend(draw(st.lists(st.sampled_from(events), max_size=2)))
    for original in copies:
        labels[0] += 1
        events.append(Event.make(f"e{labels[0]}", original.topic, original.payload,
                                 original.mapping, salt="copy"))
    order = [e.label for e in events]
    if profile.ordering == "unordered":
        order = list(draw(st.permutations(order)))
    if profile.duplicates and order:
        for label, position in draw(st.lists(
                st.tuples(st.sampled_from(order), st.integers(0, len(order))), max_size=3)):
            if profile.ordering == "ordered":  # a redelivery comes after the delivery
                position = max(position, order.index(label) + 1)
            order.insert(position, label)
    faults: list[str | None] = [None, None, None, None, *FAULTS]
    steps = [Step(label, draw(st.sampled_from(faults)), delay=_delay(draw)) for label in order]
    if caps.crashes and steps and not draw(st.booleans()):  # one crash per script is plenty
        index = draw(st.integers(0, len(steps) - 1))
        steps[index] = steps[index].but(fault=draw(st.sampled_from(CRASHES)))
    if profile.duplicates and events and draw(st.integers(0, 2)) < 2:
        # One redelivery hours later, still inside the platform's retry horizon: dedupe
        # windows and caches must outlive it. Events whose second processing shows (a parked
        # one adds a second review item, a refund is subtracted twice) are picked first.
        parked = [e for e in events if UNKNOWN in scalars(e.payload)]
        refunds = [e for e in events if e.topic == REFUND_TOPIC]
        if not parked and not draw(st.booleans()):
            twin = _parked_twin(draw, events, blueprints, labels)
            if twin:
                events.append(twin[0])
                after = next(i for i, step in enumerate(steps) if step.deliver == twin[1].label)
                position = after + 1 if profile.ordering == "ordered" else draw(
                    st.integers(0, len(steps)))
                steps.insert(position, Step(twin[0].label))
                parked = twin[:1]
        if parked and draw(st.integers(0, 7)) < 7:
            event = draw(st.sampled_from(parked))
        elif refunds and not draw(st.booleans()):
            event = draw(st.sampled_from(refunds))
        else:
            event = draw(st.sampled_from(events))
        first = next(i for i, step in enumerate(steps) if step.deliver == event.label)
        hours = max(3600.0, horizon(profile).total_seconds() / 2)
        steps.insert(draw(st.integers(first + 1, len(steps))), Step(
            event.label, delay=float(draw(st.integers(3600, int(hours))))))
    if profile.duplicates and caps.concurrent and steps and draw(st.integers(0, 3)) == 0:
        index = draw(st.integers(0, len(steps) - 1))
        steps[index] = steps[index].but(together=True)
    if caps.signed and events and not draw(st.booleans()):
        kind = draw(st.sampled_from([k for k in FORGERIES if k != "replay"]))
        event = draw(st.sampled_from(events))
        position = draw(st.integers(0, len(steps)))
        steps.insert(position, Step(event.label, forgery=kind,
                                    tamper=_tamper(draw, event, blueprints, profile)))
    if caps.replays and events and not draw(st.booleans()):
        # After the genuine deliveries, past the tolerance window.
        steps.append(Step(draw(st.sampled_from(events)).label, forgery="replay",
                          delay=float(draw(st.integers(60, 7200)))))
    if caps.dead_letters and events and draw(st.integers(0, 3)) == 0:
        position = draw(st.integers(0, len(steps)))
        steps.insert(position, Step(draw(st.sampled_from(events)).label,
                                    poison=draw(st.sampled_from(POISONS))))
    _timeouts_before_commit(events, steps, profile, caps)
    if caps.redelivers:
        _crash_where_only_the_broker_mends(events, steps, blueprints)
    elif profile.max_attempts > 1:
        _committed_unanswered_refund(events, steps, blueprints)
    if caps.concurrent:
        _in_flight_together(events, steps, blueprints, profile.ordering == "unordered")
    return Script(events, steps)


def _first_refund_deliveries(events: list[Event], steps: list[Step],
                             blueprints: list[Blueprint]) -> list[int]:
    """The steps that first deliver a refund after its order was delivered (applied, not
    parked), each a plain genuine delivery."""
    rules = {b.rules.name: b.rules for b in blueprints}
    labelled = {e.label: e for e in events}

    def payload(label: str) -> str:
        return json.dumps(labelled[label].payload, sort_keys=True)

    firsts: list[int] = []
    delivered: set[tuple[str | None, str]] = set()
    seen: set[str] = set()  # payloads delivered so far (a new-id copy is a refund seen)
    for index, step in enumerate(steps):
        event = labelled.get(step.deliver)
        if event is None or event.mapping not in rules or not step.genuine:
            continue
        if event.topic != REFUND_TOPIC:
            if event.topic != DELETE_TOPIC:
                delivered.add((event.mapping, rules[event.mapping].key(event.payload)))
        elif (payload(step.deliver) not in seen and _plain(step)
              and (event.mapping, str(event.payload.get("order_id"))) in delivered):
            firsts.append(index)
        seen.update(payload(label) for label in (step.deliver, step.alongside)
                    if label in labelled)
    return firsts


def _plain(step: Step) -> bool:
    return step.genuine and not step.together and step.alongside is None


def _committed_unanswered_refund(events: list[Event], steps: list[Step],
                                 blueprints: list[Blueprint]) -> None:
    """In half the scripts with a fault the CRM commits but the system never hears of
    (``timeout-after-commit``, ``crash-after-commit``), that fault moves to the first delivery
    of a refund after its order: the platform then delivers the refund again, and a side
    effect written relative to what the CRM holds (the amount less this refund) or sent as a
    notice is sent twice. Moved, not drawn, so a seed draws every script it drew before."""
    unanswered = ("timeout-after-commit", "crash-after-commit")
    moved = next((i for i, step in enumerate(steps) if step.fault in unanswered), None)
    if moved is None:
        return
    firsts = _first_refund_deliveries(events, steps, blueprints)
    chance = _derived(events, steps)
    if not firsts or chance.randrange(2):
        return
    target = chance.choice(firsts)
    fault = steps[moved].fault
    steps[moved] = steps[moved].but(fault=None)
    steps[target] = steps[target].but(fault=fault)


def _crash_where_only_the_broker_mends(events: list[Event], steps: list[Step],
                                      blueprints: list[Blueprint]) -> None:
    """Where a broker brings back what a dead consumer held, the crash goes (when there is
    one) to the first delivery of a refund after its order, in place of its CRM fault, and
    the platform's later deliveries of that refund are left out: a write the restarted system
    has no plan to finish and no later copy carries, so the broker's redelivery alone must
    apply it. Moved, not drawn: the script draws from hypothesis what it drew before."""
    crashed = next((i for i, step in enumerate(steps) if step.fault in CRASHES), None)
    if crashed is None:
        return
    labelled = {e.label: e for e in events}

    def payload(label: str) -> str:
        return json.dumps(labelled[label].payload, sort_keys=True)

    firsts = _first_refund_deliveries(events, steps, blueprints)
    if not firsts:
        return
    target = _derived(events, steps).choice(firsts)
    fault = steps[crashed].fault
    steps[crashed] = steps[crashed].but(fault=None)
    steps[target] = steps[target].but(fault=fault)
    refund = payload(steps[target].deliver)
    steps[:] = [step for index, step in enumerate(steps)
                if index <= target or not (step.deliver in labelled and _plain(step)
                                           and payload(step.deliver) == refund)]


def _timeouts_before_commit(events: list[Event], steps: list[Step], profile: DeliveryProfile,
                            caps: Capabilities) -> None:
    """Half of the drawn ``crm-503`` faults become ``timeout-before-commit`` (the CRM took
    nothing either way, but no answer says so): a system that takes a timeout for a write, or
    retries a create it cannot know failed, shows it. Only where what the system refuses comes
    back (the platform retries, the broker redelivers, the next poll reads it again); which
    ones is derived from the script, so a seed draws every script it drew before."""
    if not (caps.pull or caps.redelivers or profile.max_attempts > 1):
        return
    chance = _derived(events, steps)
    for index, step in enumerate(steps):
        if step.fault == "crm-503" and chance.randrange(2):
            steps[index] = step.but(fault=TIMEOUT_BEFORE_COMMIT)


def _derived(events: list[Event], steps: list[Step]) -> random.Random:
    """Choices made from what the script already drew, not from hypothesis.

    A choice drawn from hypothesis would shift every later draw of a seed (the scripts a seed
    finds a bug with would change); one derived from the script's content draws nothing.
    """
    text = json.dumps(Script(events, steps).to_json(), sort_keys=True, default=str)
    return random.Random(hashlib.sha256(text.encode()).digest())


def _in_flight_together(events: list[Event], steps: list[Step],
                        blueprints: list[Blueprint], unordered: bool) -> None:
    """Now and then two changes of one record delivered at the same time (platforms send
    deliveries in parallel): a step takes the next delivery of its key along. Which (and
    whether, when no two refunds of an order can meet) is derived from the script drawn so
    far, so scripts draw from hypothesis exactly what they drew without this step."""
    rules = {b.rules.name: b.rules for b in blueprints}
    keys = {e.label: (e.mapping, str(e.payload.get("order_id")) if e.topic == REFUND_TOPIC
                      else rules[e.mapping].key(e.payload)) for e in events
            if e.topic != DELETE_TOPIC and e.mapping in rules}

    def plain(step: Step) -> bool:
        return (step.genuine and step.deliver in keys and not step.together
                and step.alongside is None)

    pairs = []
    for first, step in enumerate(steps):
        if not plain(step):
            continue
        later = next((i for i in range(first + 1, len(steps))
                      if steps[i].deliver in keys and keys[steps[i].deliver] == keys[step.deliver]),
                     None)
        if later is not None and plain(steps[later]) and steps[later].deliver != step.deliver:
            pairs.append((first, later))
    # Changes that add up (two refunds of one order) are where a read-modify-write that is
    # not serialised per record loses one: picked first when there are any.
    refunds = {e.label for e in events if e.topic == REFUND_TOPIC}
    # a refund meets another only once its order has been delivered (before, both wait)
    delivered: dict[Any, int] = {}
    for index, step in enumerate(steps):
        if step.deliver in keys and step.deliver not in refunds:
            delivered.setdefault(keys[step.deliver], index)
    adding = [(i, j) for i, j in pairs if {steps[i].deliver, steps[j].deliver} <= refunds]
    if unordered:  # the platform keeps no order: any two refunds of an order may meet
        adding = [(i, j) for i in range(len(steps)) for j in range(i + 1, len(steps))
                  if plain(steps[i]) and plain(steps[j]) and steps[i].deliver in refunds
                  and steps[j].deliver in refunds and steps[i].deliver != steps[j].deliver
                  and keys[steps[i].deliver] == keys[steps[j].deliver]
                  and delivered.get(keys[steps[j].deliver], len(steps)) < j]
    chance = _derived(events, steps)
    if adding or (pairs and chance.randrange(4) == 0):
        first, later = chance.choice(adding or pairs)
        # at the later one's turn: what went before it (its order, say) has been delivered
        steps[later] = steps[later].but(alongside=steps[first].deliver, fault=None)
        del steps[first]
