"""One instant, many texts: the forms a platform may write a version timestamp in, and the
rewrites that put them into a script's histories.

A sync that dedupes on ``(id, updated_at)`` as text, compares versions as text or at whole-second
precision, or parses one form only, is right as long as every version of a record is a whole
second written the same way. Real platforms are not so tidy: ``2024-05-01T10:00:00Z``,
``…00+00:00``, ``…00.000Z`` and ``…18:00:00+08:00`` are one instant; two changes of an order
within one second differ only below it; and two changes in the same instant may carry the very
same text. ``vary_instants`` rewrites a record's later version, for a pair of consecutive
versions of one record, in one of those ways, keeping the version order (a tie stays a tie, a
later version stays later, or ties with the earlier one when no state-machine field tells the
two apart). Which pairs and how is derived from the script drawn so far, not drawn from
hypothesis, so a seed draws every script it drew before.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone

from seamguard.mapping import reference_data as ref
from seamguard.mapping.shapes import Shape
from seamguard.sync.profiles import DeliveryProfile
from seamguard.sync.rules import SyncRules
from seamguard.sync.script import Event

__all__ = ["FRACTIONS", "SKEWS", "forms", "later_by", "skew_source_clock", "vary_instants"]

# How far a platform's clock may run ahead of the system's (seconds): a minute to a few.
SKEWS = (60, 120, 300)

# Milliseconds a later version lands after an earlier one in the same second: the last one just
# below the next second, where rounding (rather than cutting) the fraction goes wrong too.
FRACTIONS = (1, 250, 500, 999)


def _zone(offset: str) -> timezone:
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = (int(p) for p in offset[1:].split(":"))
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def forms(instant: datetime, profile: DeliveryProfile, shape: Shape | None = None) -> list[str]:
    """Every text of ``instant`` the profile's timestamp styles allow (one for a field that only
    takes local ``yyyy-MM-dd HH:mm:ss``); fractions in milliseconds, ``.000`` among the forms."""
    local = ref.zone_info(profile.timezone)
    if shape is not None and shape.format != "date-time" and shape.pattern:
        return [instant.astimezone(local).strftime("%Y-%m-%d %H:%M:%S")]
    spec = "milliseconds" if instant.microsecond else "seconds"
    texts: list[str] = []
    for style in profile.timestamp_styles:
        if style == "utc":
            bare = instant.astimezone(UTC).replace(tzinfo=None)
            texts.append(bare.isoformat(timespec=spec) + "Z")
            texts.append(bare.isoformat(timespec="milliseconds") + "Z")
        elif style == "naive":
            texts.append(instant.astimezone(local).replace(tzinfo=None).isoformat(timespec=spec))
        else:
            for offset in profile.offsets:
                texts.append(instant.astimezone(_zone(offset)).isoformat(timespec=spec))
    return list(dict.fromkeys(texts))


def _version(rules: SyncRules, payload: dict[str, object]) -> object:
    node: object = payload
    for token in (rules.version_field or "").split("."):
        node = node.get(token) if isinstance(node, dict) else None
    return node


def _set_version(rules: SyncRules, payload: dict[str, object], text: str) -> None:
    node = payload
    tokens = (rules.version_field or "").split(".")
    for token in tokens[:-1]:
        child = node.get(token)
        if not isinstance(child, dict):
            return
        node = child
    node[tokens[-1]] = text


def vary_instants(events: Iterable[Event], rules: dict[str, SyncRules],
                  shapes: dict[str, Shape | None], profile: DeliveryProfile,
                  chance: random.Random) -> None:
    """Rewrite, in place, the version text of some records' later versions (see the module):
    a tie written the same way or in another form of its instant, or a later version moved to
    a fraction of a second after the earlier one (a record's last version always, where its
    tie-break would lose to the earlier one at whole-second precision)."""
    events = list(events)
    last: dict[tuple[str, str], str] = {}
    for event in events:
        rule = rules.get(event.mapping or "")
        if rule is not None and rule.version_field:
            last[(rule.name, rule.key(event.payload))] = event.label
    previous: dict[tuple[str, str], Event] = {}
    for event in events:
        rule = rules.get(event.mapping or "")
        if rule is None or not rule.version_field:
            continue
        before = previous.get((rule.name, rule.key(event.payload)))
        previous[(rule.name, rule.key(event.payload))] = event
        if before is None or not isinstance(_version(rule, event.payload), str):
            continue
        earlier, later = rule.instant(before.payload), rule.instant(event.payload)
        if earlier is None or later is None or later < earlier:
            continue
        shape = shapes.get(rule.name)
        kind = chance.randrange(4)
        if later == earlier and kind == 0:
            # The same text: a dedupe on (id, updated_at) takes a different change for a copy.
            _set_version(rule, event.payload, str(_version(rule, before.payload)))
        elif later == earlier and kind == 1:
            said = str(_version(rule, before.payload))
            other = [text for text in forms(later, profile, shape) if text != said]
            if other:
                _set_version(rule, event.payload, chance.choice(other))
        elif later > earlier and kind == 0 and not earlier.microsecond \
                and (shape is None or shape.format == "date-time"):
            moved = earlier + timedelta(milliseconds=chance.choice(FRACTIONS))
            _set_version(rule, event.payload, chance.choice(forms(moved, profile, shape)))
        elif later > earlier and kind > 1 and not earlier.microsecond \
                and last[(rule.name, rule.key(event.payload))] == event.label \
                and (shape is None or shape.format == "date-time"):
            # A record's last two versions: moved into the earlier one's second wherever a
            # comparison at whole seconds would then take the earlier one for the newer (its
            # tie-break is greater), so the final state shows it.
            said = str(_version(rule, event.payload))
            moved = earlier + timedelta(milliseconds=chance.choice(FRACTIONS))
            _set_version(rule, event.payload, chance.choice(forms(moved, profile, shape)))
            if not _loses_at_seconds(rule, before, event):
                _set_version(rule, event.payload, said)
        elif later > earlier and kind == 1 and _same_states(rule, before, event):
            # Two changes in the same instant (the tie-break decides), alike or not in text.
            said = str(_version(rule, before.payload))
            _set_version(rule, event.payload, said if chance.randrange(2) else chance.choice(
                forms(earlier, profile, shape)))


def _loses_at_seconds(rule: SyncRules, before: Event, later: Event) -> bool:
    """Whether ``later``, in the same second as ``before``, loses the tie-break to it."""
    return bool(rule.order_key(before.payload)[1:] > rule.order_key(later.payload)[1:])


def _same_states(rule: SyncRules, one: Event, other: Event) -> bool:
    """Whether two versions agree on every state-machine field (a tie between two states
    would let the tie-break move a state backwards)."""
    if not rule.state_machines:
        return True
    first, second = rule.target(one.payload)[0], rule.target(other.payload)[0]
    return all(first.get(name) == second.get(name) for name in rule.state_machines)


def later_by(text: str, delta: timedelta) -> str:
    """``text``, a timestamp in any of the forms above, ``delta`` later and written alike (the
    same offset, ``Z``, fraction or none, local time without offset)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00")) + delta
    if "T" not in text:
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    written = moment.isoformat(timespec="milliseconds" if "." in text else "seconds")
    return written.replace("+00:00", "Z") if text.endswith("Z") else written


def skew_source_clock(events: Iterable[Event], rules: dict[str, SyncRules],
                      chance: random.Random) -> int:
    """In one script in four the platform's clock runs ahead of the system's: every version
    timestamp is a minute to a few later than drawn (so, at its first delivery, after the
    system's own time), each written as before; order, ties and fractions stay. Derived
    (``chance``), not drawn. Returns the skew in seconds (0: none)."""
    if chance.randrange(4):
        return 0
    skew = chance.choice(SKEWS)
    for event in events:
        rule = rules.get(event.mapping or "")
        said = _version(rule, event.payload) if rule is not None and rule.version_field \
            else None
        if rule is None or not isinstance(said, str):
            continue
        try:
            _set_version(rule, event.payload, later_by(said, timedelta(seconds=skew)))
        except ValueError:
            continue  # not a timestamp: left as drawn
    return skew
