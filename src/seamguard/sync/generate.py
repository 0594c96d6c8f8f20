"""Hypothesis strategies for event scripts, built from the source contract's webhook schemas.

Nothing here knows Shopify: a payload starts as a valid instance of the webhook's body schema
(required fields filled from types, enums, formats and patterns), then every field the mapping
reads is drawn from a strategy chosen by its contract shape (enum, date-time, e-mail, phone,
money, tag list, integer, text). Identity values come from a small pool so keys collide, version
instants step by 0 to 3 seconds so ties happen, each timestamp is written in one of the profile's
styles (any offset, UTC, or local time without offset). A field that feeds a state machine moves
only along declared transitions in version order; now and then it carries a value outside the
contract's enum (a new upstream status), which a correct sync must park, not drop.

The schedule then shuffles deliveries (for unordered profiles), adds same-id duplicates and
new-id copies, and arms downstream faults on some deliveries.
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
from seamguard.sync.model import REFUND_TOPIC
from seamguard.sync.profiles import DeliveryProfile
from seamguard.sync.rules import SyncRules
from seamguard.sync.script import FAULTS, Event, Script, Step

__all__ = ["Blueprint", "instance_of", "scripts"]

BASE_INSTANT = datetime(2024, 7, 10, 2, 0, 0, tzinfo=UTC)
TAGS = ["VIP", "复购", "618", "双11", "wholesale", "gift", "promo-7d", "B2B", "new", "会员"]
PHONES = ["+86 138 1234 5678", "13812345678", "(138) 1234-5678", "+8613912345678",
          "139-1234-5678"]
EMAILS = ["zhangwei@example.com", "ZhangWei@Example.com", "wang.fang@example.cn",
          "WANG.FANG@EXAMPLE.CN"]
TEXTS = ["上海市", "北京市", "Shenzhen", "Hangzhou"]
MONEY = ["59.90", "100.00", "268.00", "935.00", "1299.50"]
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
    shape, name = item.shape, item.path[-1]
    if shape.enum:
        return draw(st.sampled_from(shape.enum))
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
        return draw(st.sampled_from(["CNY", "USD"]))
    if shape.pattern and re.search(shape.pattern, "#1001"):
        return f"#{draw(st.integers(1001, 1003))}"
    if "integer" in shape.types:
        return draw(st.integers(1, 5))
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
            changed = draw(st.lists(st.sampled_from(blueprint.fields), max_size=3))
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
        unknown = machine_items and draw(st.integers(0, 19)) == 0
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


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


KEYS = [5829461287001, 5829461287002, 5829461287003]
KEY_STRIDE = 1_000_000  # each mapping draws keys from its own pool


@st.composite
def scripts(draw: Draw, blueprints: list[Blueprint], profile: DeliveryProfile) -> Script:
    """An event script: entity histories, refunds, and a delivery schedule with faults."""
    labels = [0]
    events: list[Event] = []
    for index, blueprint in enumerate(blueprints):
        count = draw(st.integers(0 if len(blueprints) > 1 else 1, 2))
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
                                   "amount": draw(st.sampled_from(["5.00", "10.00", "19.90"])),
                                   "order_id": key}
                    refund.update(id=900000 + labels[0], order_id=key,
                                  transactions=[transaction])
                    events.append(Event.make(f"e{labels[0]}", REFUND_TOPIC, refund,
                                             blueprint.rules.name))
    if profile.new_id_copies and events:
        for original in draw(st.lists(st.sampled_from(events), max_size=2)):
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
    faults = [None, None, None, None, *FAULTS]
    steps = [Step(label, draw(st.sampled_from(faults))) for label in order]
    if profile.duplicates and steps and draw(st.integers(0, 3)) == 0:
        index = draw(st.integers(0, len(steps) - 1))
        steps[index] = Step(steps[index].deliver, steps[index].fault, together=True)
    return Script(events, steps)
