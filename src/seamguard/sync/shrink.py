"""Shrinking a failing event script to a 1-minimal one, by editing the script itself.

Hypothesis finds the failure; the shrinking is ours because a script is plain data: dropping
chunks of steps, single steps, faults and delays, emptying tag lists and making one event's
field equal to another's reads as the platform's deliveries and takes tens of runs, where
shrinking hypothesis' choice sequence took thousands of (slow, stateful) runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping

from seamguard.sync.execute import Trace
from seamguard.sync.model import REFUND_TOPIC
from seamguard.sync.properties import PROPERTIES, Violation
from seamguard.sync.rules import SyncRules
from seamguard.sync.script import Event, Script, Step

__all__ = ["Stuck", "shrink"]


class Stuck(Exception):
    """The system under test cannot play another script: a call the deadline cut off still
    blocks it (``args[0]`` names the call)."""


def shrink(script: Script, trace: Trace, violations: list[Violation],
           one: Callable[[Script], tuple[Trace, list[Violation]]],
           rules: Mapping[str, SyncRules], budget: int,
           ) -> tuple[Script, Trace, list[Violation], int]:
    """Make the script 1-minimal for its most specific violated property, within
    ``budget`` runs.

    Hypothesis finds the failure; the shrinking is ours because a script is plain data: drop
    chunks of steps, then single steps, then faults, keeping any candidate that still breaks
    a property at least as specific as the current headline (``PROPERTIES`` is ordered most
    specific first). A candidate that breaks a more specific one becomes the headline, so
    one bug ends under the same headline whichever seed found it. Far fewer runs than
    shrinking the choice sequence, and the result reads as the platform's deliveries.
    """
    rank = {name: position for position, name in enumerate(PROPERTIES)}

    def level(found: list[Violation]) -> int:
        return min((rank.get(v.property, len(rank)) for v in found), default=len(rank) + 1)

    def ordered(found: list[Violation]) -> list[Violation]:
        return sorted(found, key=lambda v: rank.get(v.property, len(rank)))

    sets = sorted({source for compiled in rules.values()
                   for rule in compiled.mapping.spec.fields
                   if compiled.policies[rule.target].policy == "merge_set"
                   for source in rule.sources if "." not in source})
    runs = 0
    best = (script, trace, ordered(violations))
    progress = True
    while progress and runs < budget:
        progress = False
        for candidate in _candidates(best[0], sets, rules):
            if runs >= budget:
                break
            runs += 1
            try:
                got_trace, got = one(candidate)
            except Stuck as held:
                head, *rest = best[2]
                note = (f" (not shrunk further: {held.args[0]} still blocks the system under "
                        "test, so no other script could be played to it)")
                played = best[0]
                stopped = best[1].stopped_at
                if stopped is not None and stopped + 1 < len(played.steps):
                    # the steps after the one that hung were never played: the script that
                    # reproduces it ends there
                    played = _pruned(played, played.steps[:stopped + 1])
                return (played, best[1],
                        [dataclasses.replace(head, anomaly=head.anomaly + note), *rest], runs - 1)
            if got and level(got) <= level(best[2]):
                best = (candidate, got_trace, ordered(got))
                progress = True
                break
    return (*best, runs)



def _candidates(script: Script, sets: list[str],
                rules: Mapping[str, SyncRules]) -> Iterator[Script]:
    """Smaller scripts: halves and quarters of the steps removed, single steps, faults and the
    paired delivery of a step, then
    set-valued fields (tag lists) emptied one event at a time, then a field of one event made
    equal to the same field of another event of its key (fewer differences to read)."""
    steps = script.steps
    size = len(steps)
    chunk = size // 2
    while chunk >= 1:
        for start in range(0, size, chunk):
            kept = steps[:start] + steps[start + chunk:]
            if kept:
                yield _pruned(script, kept)
        chunk //= 2
    for index, step in enumerate(steps):
        if step.fault is not None or step.together or step.source_fault or step.during:
            plain = step.but(fault=None, together=False, source_fault=None, during=False)
            yield _pruned(script, [*steps[:index], plain, *steps[index + 1:]])
        if step.alongside:
            # one of the two deliveries alone (the paired one, then the step's own), then the
            # same two one after the other
            for alone in (step.but(alongside=None),
                          step.but(deliver=step.alongside, alongside=None)):
                yield _pruned(script, [*steps[:index], alone, *steps[index + 1:]])
            after = Step(step.alongside)
            yield _pruned(script, [*steps[:index], step.but(alongside=None), after,
                                   *steps[index + 1:]])
    for index, step in enumerate(steps):
        if step.delay and step.forgery != "replay":
            yield _pruned(script, [*steps[:index], step.but(delay=0.0), *steps[index + 1:]])
    for position, event in enumerate(script.events):
        for name in sets:
            if event.payload.get(name):
                simpler = Event(event.label, event.event_id, event.topic,
                                {**event.payload, name: ""}, event.mapping)
                events = [*script.events[:position], simpler, *script.events[position + 1:]]
                yield Script(events, steps, dict(script.meta))
    for position, event in enumerate(script.events):
        rule = rules.get(event.mapping or "")
        if rule is None or event.topic == REFUND_TOPIC:
            continue
        fixed = {rule.key_source, rule.version_field}
        for other in script.events:
            if other is event or other.mapping != event.mapping or other.topic == REFUND_TOPIC \
                    or rule.key(other.payload) != rule.key(event.payload):
                continue
            for name, value in other.payload.items():
                if name not in fixed and event.payload.get(name) != value:
                    alike = Event(event.label, event.event_id, event.topic,
                                  {**event.payload, name: value}, event.mapping)
                    events = [*script.events[:position], alike, *script.events[position + 1:]]
                    yield Script(events, steps, dict(script.meta))


def _pruned(script: Script, steps: list[Step]) -> Script:
    used = Script(script.events, steps).used()
    return Script([e for e in script.events if e.label in used], steps, dict(script.meta))

