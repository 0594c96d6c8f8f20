"""Hypothesis strategies for event scripts, built from the source contract's webhook schemas.

Nothing here knows Shopify: a payload starts as a valid instance of the webhook's body schema
(required fields filled from types, enums, formats and patterns), then every field the mapping
reads is drawn from a strategy chosen by its contract shape (enum, date-time, e-mail, phone,
money, tag list, integer, text). Identity values come from a small pool so keys collide, version
instants step by 0 to 3 seconds so ties happen, each timestamp is written in one of the profile's
styles (any offset, UTC, or local time without offset). A field that feeds a state machine moves
only along declared transitions in version order; now and then it carries a value outside the
contract's enum (a new upstream status), which a correct sync must park, not drop.

Value pools hold the contract's ordinary spellings plus the hostile ones the normalisation
laws promise to handle (``HOSTILE``): phones with ``0086``, full-width digits or a landline's
area code; money whose float arithmetic goes wrong (``19.99``, ``0.1 + 0.2``, half cents, no
decimals as in JPY, three as in KWD); zero and negative refunds. Nullable fields are genuinely
null half of the time, so the normal path (an order that is not cancelled) is walked too.

Anomalies are switched on by the *simplest* draw (``not draw(st.booleans())``): hypothesis
starts from and keeps returning to simple choices, so the anomalies that need a combination
(a parked event redelivered hours later) appear in the first examples, not once in a hundred.

The schedule then shuffles deliveries (for unordered profiles), adds same-id duplicates (some
hours later, within the platform's retry horizon), new-id copies (refunds often), arms
downstream faults on some deliveries, and, where the transport supports them, forged or
replayed deliveries and process crashes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

from seamguard.contracts.model import Contract
from seamguard.mapping import reference_data as ref
from seamguard.mapping.paths import TARGET_PREFIX
from seamguard.mapping.shapes import Shape, navigate, shape_of
from seamguard.mapping.shapes import _deref as deref
from seamguard.sync.clock import horizon
from seamguard.sync.model import REFUND_TOPIC
from seamguard.sync.profiles import DeliveryProfile
from seamguard.sync.rules import SyncRules
from seamguard.sync.script import CRASHES, FAULTS, FORGERIES, POISONS, Event, Script, Step
from seamguard.sync.transport import Capabilities

__all__ = ["HOSTILE", "Blueprint", "instance_of", "scalars", "scripts"]

BASE_INSTANT = datetime(2024, 7, 10, 2, 0, 0, tzinfo=UTC)
TAGS = ["VIP", "复购", "618", "双11", "wholesale", "gift", "promo-7d", "B2B", "new", "会员"]


def _wide(text: str) -> str:
    """The same digits in full width (as typed with a Chinese input method)."""
    return text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})


# Spellings a normaliser must handle, and the law each one tests.
HOSTILE: dict[str, str] = {
    "0086 138 1234 5678": "phone with 0086", "008613912345678": "phone with 0086",
    _wide("13812345678"): "phone in full-width digits",
    "+86 " + _wide("139 1234 5678"): "phone in full-width digits",
    "(010) 1234-5678": "landline phone", "021-6123-4567": "landline phone",
    "+1 415 555 2671": "foreign phone", "12345": "invalid phone",
    "19.99": "money float-inexact", "4.35": "money float-inexact",
    "0.30": "money 0.1+0.2", "0.10": "money 0.1+0.2", "0.20": "money 0.1+0.2",
    "1.005": "money half cent", "2.675": "money half cent", "0.125": "money half cent",
    "12.345": "money with three decimals (KWD)", "1500": "money without decimals (JPY)",
    "0.00": "zero amount", "-5.00": "negative amount",
    "JPY": "currency without minor unit", "KWD": "currency with three decimals",
}
PHONES = ["+86 138 1234 5678", "13812345678", "(138) 1234-5678", "+8613912345678",
          "139-1234-5678", *[p for p, why in HOSTILE.items() if "phone" in why]]
EMAILS = ["zhangwei@example.com", "ZhangWei@Example.com", "wang.fang@example.cn",
          "WANG.FANG@EXAMPLE.CN"]
TEXTS = ["上海市", "北京市", "Shenzhen", "Hangzhou"]
MONEY = ["59.90", "100.00", "268.00", "935.00", "1299.50", "19.99", "4.35", "0.30", "1.005",
         "2.675", "0.125", "12.345", "1500"]
REFUNDS = ["5.00", "10.00", "19.90", "0.10", "0.20", "0.00", "-5.00"]
CURRENCIES = ["CNY", "USD", "JPY", "KWD"]
_SAMPLE_STRINGS = ["0.00", "CNY", "#1001", "gid://shopify/Order/1", "1", "2024-07-10", "a"]
_UNKNOWN = "expired"

Draw = Callable[[st.SearchStrategy[Any]], Any]


def instance_of(contract: Contract, node: Any, depth: int = 0) -> Any:
    """A minimal valid instance of a (converted) schema: required fields only."""
    if depth > 12:
        return None
    raw = deref(contract, node)
    if isinstance(raw, dict):
        for key in ("oneOf", "anyOf"):
            for branch in raw.get(key) or []:
                if shape_of(contract, branch).types != {"null"}:
                    return instance_of(contract, branch, depth + 1)
    shape = shape_of(contract, node)
    if shape.enum:
        return shape.enum[0]
    kinds = shape.types or ({"object"} if shape.properties else set())
    if "object" in kinds:
        return {name: instance_of(contract, shape.properties[name], depth + 1)
                for name in sorted(shape.required) if name in shape.properties}
    if "array" in kinds:
        return []
    if "integer" in kinds:
        return 1001
    if "number" in kinds:
        return 0
    if "boolean" in kinds:
        return False
    if "string" in kinds:
        return _string(shape)
    return None


def _string(shape: Shape) -> str:
    if shape.format == "date-time":
        return BASE_INSTANT.isoformat()
    if shape.format == "email":
        return EMAILS[0]
    if shape.format == "uuid":
        return "00000000-0000-4000-8000-000000000000"
    if shape.pattern:
        for sample in _SAMPLE_STRINGS:
            if re.search(shape.pattern, sample):
                return sample
    return "a"


@dataclass
class _Field:
    path: list[str]
    shape: Shape
    feeds: str  # target field


class Blueprint:
    """What the generators need to know about one mapping: base payload and varying fields."""

    def __init__(self, rules: SyncRules, source: Contract, topics: list[str],
                 refund_topic: bool) -> None:
        self.rules = rules
        self.source = source
        self.topics = topics
        spec = rules.mapping.spec
        body = self._body_ref(topics[0])
        self.base = instance_of(source, source.schema(body))
        self.fields: list[_Field] = []
        root = source.schema(source.root(spec.source.schema_))
        reserved = {rules.key_source, rules.version_field}
        for rule in spec.fields:
            for path in rule.sources:
                if path.startswith(TARGET_PREFIX) or "[" in path or path in reserved:
                    continue
                tokens = path.split(".")
                shape, _, _ = navigate(source, root, tokens)
                if shape is not None:
                    self.fields.append(_Field(tokens, shape, rule.target))
                    self._add_parents(root, tokens)
        # Unmapped nullable scalars (cancelled_at, note...): null or not, so that both branches
        # of whatever the system does with them are walked.
        mapped = {item.path[0] for item in self.fields} | reserved
        self.branches: list[_Field] = []
        for name, node in sorted(shape_of(source, root).properties.items()):
            shape = shape_of(source, node)
            if name in mapped or not shape.nullable or not shape.types or \
                    shape.types & {"object", "array"}:
                continue
            self.branches.append(_Field([name], shape, ""))
        self.refund_base: dict[str, Any] | None = None
        self.transaction_base: dict[str, Any] | None = None
        if refund_topic and rules.amount_field and rules.refunds == "adjust_amount" \
                and REFUND_TOPIC in source.webhooks:
            ref_body = self._body_ref(REFUND_TOPIC)
            refund_schema = source.schema(ref_body)
            self.refund_base = instance_of(source, refund_schema)
            transactions = shape_of(source, shape_of(source, refund_schema).properties[
                "transactions"]).items
            self.transaction_base = instance_of(source, transactions)

    def _add_parents(self, root: Any, tokens: list[str]) -> None:
        """Nested fields live in valid parent objects (required fields filled in)."""
        node = self.base
        shape = shape_of(self.source, root)
        for token in tokens[:-1]:
            child_schema = shape.properties.get(token)
            if child_schema is None:
                return
            if not isinstance(node.get(token), dict):
                node[token] = instance_of(self.source, child_schema)
            node, shape = node[token], shape_of(self.source, child_schema)

    def _body_ref(self, topic: str) -> Any:
        operation = self.source.webhooks[topic]
        media = operation.request.get("application/json")
        if media is None or media.schema is None:
            raise ValueError(f"webhook {topic!r} declares no JSON body")
        return media.schema


def render(instant: datetime, style: str, profile: DeliveryProfile, offset: str) -> str:
    if style == "utc":
        return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if style == "naive":
        return instant.astimezone(ref.zone_info(profile.timezone)).replace(
            tzinfo=None).isoformat()
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = (int(p) for p in offset[1:].split(":"))
    zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
    return instant.astimezone(zone).isoformat()


def _set(payload: dict[str, Any], path: list[str], value: Any) -> None:
    node = payload
    for token in path[:-1]:
        child = node.get(token)
        if not isinstance(child, dict):
            child = {}
            node[token] = child
        node = child
    node[path[-1]] = value


def _value(draw: Draw, item: _Field, rules: SyncRules) -> Any:
    shape = item.shape
    if (shape.nullable or (shape.enum and None in shape.enum)) and draw(st.booleans()):
        return None
    return _plain_value(draw, shape, item.path[-1])


def _plain_value(draw: Draw, shape: Shape, name: str) -> Any:
    if shape.enum:
        return draw(st.sampled_from([v for v in shape.enum if v is not None] or [None]))
    if shape.format == "email":
        return draw(st.sampled_from(EMAILS))
    if "phone" in name:
        return draw(st.sampled_from(PHONES))
    if shape.format == "date-time":
        return None  # rendered per event from the entity's instant
    if name == "tags":
        chosen = draw(st.lists(st.sampled_from(TAGS), max_size=len(TAGS), unique=True))
        return ", ".join(chosen)
    if shape.pattern and re.search(shape.pattern, "0.00") and not re.search(shape.pattern,
                                                                              "#1001"):
        return draw(st.sampled_from(MONEY))
    if shape.pattern and re.search(shape.pattern, "CNY"):
        return draw(st.sampled_from(CURRENCIES))
    if shape.pattern and re.search(shape.pattern, "#1001"):
        return f"#{draw(st.integers(1001, 1003))}"
    if "integer" in shape.types:
        return draw(st.integers(1, 5))
    if "boolean" in shape.types:
        return draw(st.booleans())
    return draw(st.sampled_from(TEXTS))


@st.composite
def _history(draw: Draw, blueprint: Blueprint, profile: DeliveryProfile, key: int,
             labels: list[int], dates: Mapping[str, datetime]) -> list[Event]:
    """The events of one entity, in version order."""
    rules = blueprint.rules
    size = draw(st.integers(1, 4))
    instant = BASE_INSTANT + timedelta(seconds=draw(st.integers(0, 5)))
    current: dict[str, Any] = {}
    for item in blueprint.fields:
        if item.shape.format != "date-time":
            current[".".join(item.path)] = _value(draw, item, rules)
    machine_items = [i for i in blueprint.fields
                     if i.feeds in rules.state_machines and i.shape.enum]
    for item in machine_items:
        current[".".join(item.path)] = _start(draw, item, rules)
    events = []
    for position in range(size):
        if position:
            step = draw(st.integers(0, 3))
            changed = draw(st.lists(st.sampled_from(blueprint.fields), min_size=1, max_size=3))
            for item in changed:
                if item.shape.format != "date-time" and item not in machine_items:
                    current[".".join(item.path)] = _value(draw, item, rules)
            if step:
                instant += timedelta(seconds=step)
                for item in machine_items:
                    current[".".join(item.path)] = _next(draw, item, rules,
                                                         current[".".join(item.path)])
        payload: dict[str, Any] = _deep_copy(blueprint.base)
        _set(payload, rules.key_source.split("."), key)
        for path, value in current.items():
            _set(payload, path.split("."), value)
        unknown = machine_items and draw(st.integers(0, 9)) == 0
        if unknown:
            _set(payload, machine_items[0].path, _UNKNOWN)
        style = draw(st.sampled_from(profile.timestamp_styles))
        offset = draw(st.sampled_from(profile.offsets))
        if rules.version_field:
            _set(payload, rules.version_field.split("."), render(instant, style, profile, offset))
        for item in blueprint.fields:
            if item.shape.format == "date-time":
                moment = dates.get(item.feeds, BASE_INSTANT)
                _set(payload, item.path, render(moment, style, profile, offset))
        for item in blueprint.branches:
            value = None
            if draw(st.booleans()):
                value = render(instant, style, profile, offset) \
                    if item.shape.format == "date-time" else _plain_value(draw, item.shape,
                                                                          item.path[-1])
            _set(payload, item.path, value)
        topic = blueprint.topics[0] if not position or len(blueprint.topics) == 1 else draw(
            st.sampled_from(blueprint.topics[1:]))
        labels[0] += 1
        events.append(Event.make(f"e{labels[0]}", topic, payload, rules.name))
    return events


def _targets(item: _Field, rules: SyncRules) -> dict[Any, Any]:
    enum_name = next((r.enum for r in rules.mapping.spec.fields if r.target == item.feeds), None)
    return rules.mapping.spec.enums.get(enum_name or "", {})


def _start(draw: Draw, item: _Field, rules: SyncRules) -> Any:
    enum_map = _targets(item, rules)
    machine = rules.state_machines[item.feeds]
    options = [v for v in item.shape.enum or [] if not machine.initial
               or enum_map.get(v) in machine.initial]
    return draw(st.sampled_from(options or item.shape.enum or [None]))


def _next(draw: Draw, item: _Field, rules: SyncRules, value: Any) -> Any:
    enum_map = _targets(item, rules)
    old = enum_map.get(value)
    options = [v for v in item.shape.enum or [] if rules.allowed(item.feeds, old, enum_map.get(v))]
    return draw(st.sampled_from(options or [value]))


def scalars(value: Any) -> list[Any]:
    """Every scalar inside a payload."""
    if isinstance(value, dict):
        return [inner for item in value.values() for inner in scalars(item)]
    if isinstance(value, list):
        return [inner for item in value for inner in scalars(item)]
    return [value]


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


KEYS = [5829461287001, 5829461287002, 5829461287003]
KEY_STRIDE = 1_000_000  # each mapping draws keys from its own pool


def _parked_twin(draw: Draw, events: list[Event], blueprints: list[Blueprint],
                 labels: list[int]) -> list[Event]:
    """An event the system must park: a copy of an entity's event with an unknown value in a
    state-machine field (a new upstream status)."""
    for event in draw(st.permutations(events)):
        blueprint = next((b for b in blueprints if b.rules.name == event.mapping), None)
        if blueprint is None or event.topic == REFUND_TOPIC:
            continue
        machine = [i for i in blueprint.fields
                   if i.feeds in blueprint.rules.state_machines and i.shape.enum]
        if machine:
            payload = _deep_copy(event.payload)
            _set(payload, machine[0].path, _UNKNOWN)
            labels[0] += 1
            return [Event.make(f"e{labels[0]}", event.topic, payload, event.mapping)]
    return []


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
                                              draw(st.sampled_from(profile.offsets)))
    top = [f for f in blueprint.fields if len(f.path) == 1 and f.shape.format != "date-time"]
    if top:
        item = draw(st.sampled_from(top))
        changes[item.path[0]] = _plain_value(draw, item.shape, item.path[0])
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
        count = draw(st.integers(1, 2))
        pool = [key + index * KEY_STRIDE for key in KEYS]
        keys = draw(st.lists(st.sampled_from(pool), min_size=count, max_size=count, unique=True))
        for key in keys:
            dates = {f.feeds: BASE_INSTANT - timedelta(hours=draw(st.integers(0, 30)))
                     for f in blueprint.fields if f.shape.format == "date-time"}
            history = draw(_history(blueprint, profile, key, labels, dates))
            events.extend(history)
            if blueprint.refund_base is not None:
                for _ in range(draw(st.integers(0, 2))):
                    labels[0] += 1
                    refund = _deep_copy(blueprint.refund_base)
                    transaction = {**_deep_copy(blueprint.transaction_base or {}),
                                   "kind": "refund", "status": "success",
                                   "amount": draw(st.sampled_from(REFUNDS)),
                                   "order_id": key}
                    refund.update(id=900000 + labels[0], order_id=key,
                                  transactions=[transaction])
                    made = Event.make(f"e{labels[0]}", REFUND_TOPIC, refund,
                                      blueprint.rules.name)
                    events.append(made)
                    # Platforms send refund notifications twice now and then (a new id for the
                    # same refund): at a realistic rate, not once in a blue moon.
                    if profile.new_id_copies and draw(st.integers(0, 2)) == 0:
                        copies.append(made)
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
        parked = [e for e in events if _UNKNOWN in scalars(e.payload)]
        refunds = [e for e in events if e.topic == REFUND_TOPIC]
        if not parked and not draw(st.booleans()):
            parked = _parked_twin(draw, events, blueprints, labels)
            if parked:
                events.append(parked[0])
                steps.insert(draw(st.integers(0, len(steps))), Step(parked[0].label))
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
    return Script(events, steps)
