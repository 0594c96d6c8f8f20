"""Hypothesis strategies for entity histories, built from the source contract's schemas.

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
from seamguard.sync.clock import HISTORY_START
from seamguard.sync.model import REFUND_TOPIC
from seamguard.sync.profiles import DeliveryProfile
from seamguard.sync.rules import SyncRules
from seamguard.sync.script import Event

__all__ = [
    "BASE_INSTANT",
    "HOSTILE",
    "KEYS",
    "KEY_STRIDE",
    "REFUNDS",
    "UNKNOWN",
    "Blueprint",
    "Draw",
    "clear_fields",
    "copy_json",
    "drop_members",
    "history",
    "instance_of",
    "plain_value",
    "progress_refunded",
    "render",
    "scalars",
    "set_path",
]

BASE_INSTANT = HISTORY_START
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
# Free text, long Chinese included: a column sized in bytes (VARCHAR(48) holds 16 CJK characters)
# or characters (255) cuts it silently; the last one ends in a character outside the BMP, which a
# cut counted in UTF-16 units splits.
TEXTS = ["上海市", "北京市", "Shenzhen", "Hangzhou", "新疆维吾尔自治区伊犁哈萨克自治州霍尔果斯市",
         "浙江省杭州市余杭区五常街道文一西路" * 16 + "𠮷"]
MONEY = ["59.90", "100.00", "268.00", "935.00", "1299.50", "19.99", "4.35", "0.30", "1.005",
         "2.675", "0.125", "12.345", "1500", "9.995", "0.285"]
REFUNDS = ["5.00", "10.00", "19.90", "0.10", "0.20", "0.00", "-5.00"]
CURRENCIES = ["CNY", "USD", "JPY", "KWD"]
_SAMPLE_STRINGS = ["0.00", "CNY", "#1001", "gid://shopify/Order/1", "1", "2024-07-10", "a"]
UNKNOWN = "expired"  # a status the contract does not know

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
        spec = rules.mapping.spec
        root = source.schema(source.root(spec.source.schema_))
        # A webhook's body is the record; a polled record has the mapping's source schema.
        self.base = instance_of(source, source.schema(self._body_ref(topics[0])) if topics
                                else root)
        self.topics = topics or ["record"]
        self.fields: list[_Field] = []
        reserved = {rules.key_source, rules.version_field}
        # Fields feeding the target's key (tid_str beside tid) carry the key itself.
        self.key_copies: list[_Field] = []
        self.version_shape = navigate(source, root, (rules.version_field or "").split("."))[0]
        for rule in spec.fields:
            if rule.target == rules.key_target:
                for path in rule.sources:
                    shape = navigate(source, root, path.split("."))[0] \
                        if path not in reserved and "[" not in path else None
                    if shape is not None:
                        self.key_copies.append(_Field(path.split("."), shape, rule.target))
        reserved |= {".".join(item.path) for item in self.key_copies}
        for rule in spec.fields:
            if rule.target == rules.key_target:
                continue
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


_LOCAL_SAMPLE = "2024-07-10 10:16:12"  # how gateway platforms write times (China time)


def is_time(shape: Shape) -> bool:
    """A timestamp field: ``format: date-time``, or a pattern that takes local times."""
    return shape.format == "date-time" or bool(
        shape.pattern and "string" in shape.types and re.search(shape.pattern, _LOCAL_SAMPLE))


def render(instant: datetime, style: str, profile: DeliveryProfile, offset: str,
           shape: Shape | None = None) -> str:
    """A timestamp in one of the profile's styles; a field whose pattern takes only local
    ``yyyy-MM-dd HH:mm:ss`` gets that, in the profile's time zone."""
    if shape is not None and shape.format != "date-time" and is_time(shape):
        return instant.astimezone(ref.zone_info(profile.timezone)).strftime(
            "%Y-%m-%d %H:%M:%S")
    if style == "utc":
        return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if style == "naive":
        return instant.astimezone(ref.zone_info(profile.timezone)).replace(
            tzinfo=None).isoformat()
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = (int(p) for p in offset[1:].split(":"))
    zone = timezone(sign * timedelta(hours=hours, minutes=minutes))
    return instant.astimezone(zone).isoformat()


def set_path(payload: dict[str, Any], path: list[str], value: Any) -> None:
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
    return plain_value(draw, shape, item.path[-1])


def _fitting(pool: list[str], shape: Shape) -> list[str]:
    """The pool's values the field's pattern takes (all of them when it has none)."""
    if not shape.pattern:
        return pool
    return [value for value in pool if re.search(shape.pattern, value)] or pool[:1]


def plain_value(draw: Draw, shape: Shape, name: str) -> Any:
    if shape.enum:
        return draw(st.sampled_from([v for v in shape.enum if v is not None] or [None]))
    if shape.format == "email":
        return draw(st.sampled_from(EMAILS))
    if "phone" in name or "mobile" in name:
        return draw(st.sampled_from(PHONES))
    if is_time(shape):
        return None  # rendered per event from the entity's instant
    if name == "tags":
        chosen = draw(st.lists(st.sampled_from(TAGS), max_size=len(TAGS), unique=True))
        return ", ".join(chosen)
    if shape.pattern and re.search(shape.pattern, "0.00") and not re.search(shape.pattern,
                                                                              "#1001"):
        return draw(st.sampled_from(_fitting(MONEY, shape)))
    if shape.pattern and re.search(shape.pattern, "CNY"):
        return draw(st.sampled_from(_fitting(CURRENCIES, shape)))
    if shape.pattern and re.search(shape.pattern, "#1001"):
        return f"#{draw(st.integers(1001, 1003))}"
    if "integer" in shape.types:
        return draw(st.integers(1, 5))
    if "boolean" in shape.types:
        return draw(st.booleans())
    if shape.pattern and re.fullmatch(r"\^?\[0-9\]\+\$?", shape.pattern):
        return str(draw(st.integers(1, 99)))
    return draw(st.sampled_from(TEXTS))


@st.composite
def history(draw: Draw, blueprint: Blueprint, profile: DeliveryProfile, key: int,
             labels: list[int], dates: Mapping[str, datetime], days: int = 0) -> list[Event]:
    """The events of one entity, in version order (starting ``days`` after the others)."""
    rules = blueprint.rules
    size = draw(st.integers(1, 4))
    instant = BASE_INSTANT + timedelta(days=days, seconds=draw(st.integers(0, 5)))
    current: dict[str, Any] = {}
    for item in blueprint.fields:
        if not is_time(item.shape):
            current[".".join(item.path)] = _value(draw, item, rules)
    for item in blueprint.key_copies:
        current[".".join(item.path)] = key if "integer" in item.shape.types else str(key)
    machine_items = [i for i in blueprint.fields
                     if i.feeds in rules.state_machines and i.shape.enum]
    for item in machine_items:
        current[".".join(item.path)] = _start(draw, item, rules)
    events = []
    for position in range(size):
        if position:
            step = draw(st.integers(0, 3))
            changed = draw(st.lists(st.sampled_from(blueprint.fields), min_size=1, max_size=3))
            machine_paths = {tuple(i.path) for i in machine_items}
            for item in changed:
                # A field another rule reads too (status beside the stage it feeds) moves only
                # along the state machine.
                if not is_time(item.shape) and tuple(item.path) not in machine_paths:
                    current[".".join(item.path)] = _value(draw, item, rules)
            if step:
                instant += timedelta(seconds=step)
                for item in machine_items:
                    current[".".join(item.path)] = _next(draw, item, rules,
                                                         current[".".join(item.path)])
        payload: dict[str, Any] = copy_json(blueprint.base)
        set_path(payload, rules.key_source.split("."), key)
        for path, value in current.items():
            set_path(payload, path.split("."), value)
        unknown = machine_items and draw(st.integers(0, 9)) == 0
        if unknown:
            set_path(payload, machine_items[0].path, UNKNOWN)
        style = draw(st.sampled_from(profile.timestamp_styles))
        offset = draw(st.sampled_from(profile.offsets))
        if rules.version_field:
            set_path(payload, rules.version_field.split("."),
                     render(instant, style, profile, offset, blueprint.version_shape))
        for item in blueprint.fields:
            if is_time(item.shape):
                moment = dates.get(item.feeds, BASE_INSTANT)
                set_path(payload, item.path, render(moment, style, profile, offset, item.shape))
        for item in blueprint.branches:
            value = None
            if draw(st.booleans()):
                value = render(instant, style, profile, offset, item.shape) \
                    if is_time(item.shape) else plain_value(draw, item.shape, item.path[-1])
            set_path(payload, item.path, value)
        topic = blueprint.topics[0] if not position or len(blueprint.topics) == 1 else draw(
            st.sampled_from(blueprint.topics[1:]))
        labels[0] += 1
        events.append(Event.make(f"e{labels[0]}", topic, payload, rules.name))
    return events


def clear_fields(events: list[Event], blueprints: list[Blueprint], chance: Any) -> None:
    """Now and then a record's later version clears (sets to null) a nullable mapped field its
    earlier version carried, and the versions after it that carried the same value carry the
    null instead (a cleared field stays clear until set anew, so the record's final state holds
    the null): an upsert that leaves nulls out keeps the old value. Which is derived
    (``chance``, a ``random.Random``), not drawn."""
    by_name = {b.rules.name: b for b in blueprints}
    previous: dict[tuple[str, str], Event] = {}
    gone: dict[tuple[str, str], dict[str, Any]] = {}  # record -> field cleared -> value it held
    last = {(e.mapping, by_name[e.mapping].rules.key(e.payload)): e.label for e in events
            if e.mapping in by_name and e.topic != REFUND_TOPIC}
    for event in events:
        blueprint = by_name.get(event.mapping or "")
        if blueprint is None or event.topic == REFUND_TOPIC:
            continue
        rules = blueprint.rules
        mark = (rules.name, rules.key(event.payload))
        before, previous[mark] = previous.get(mark), event
        cleared = gone.setdefault(mark, {})
        for name, value in list(cleared.items()):
            # a cleared field stays clear until a version sets it anew
            if event.payload.get(name) == value:
                event.payload[name] = None
            else:
                del cleared[name]
        # a record's last version clears one time in two (its final state shows it), others
        # one in four; never a version the system must park (it is not applied)
        if before is None or chance.randrange(4) > (last[mark] == event.label) \
                or rules.target(event.payload)[1]:
            continue
        held = [f for f in blueprint.fields if len(f.path) == 1 and f.shape.nullable
                and not is_time(f.shape) and f.feeds not in rules.state_machines
                and before.payload.get(f.path[0]) is not None
                and event.payload.get(f.path[0]) == before.payload.get(f.path[0])]
        if held:
            name = chance.choice(held).path[0]
            cleared[name] = event.payload[name]
            event.payload[name] = None


def drop_members(events: list[Event], blueprints: list[Blueprint], chance: Any) -> None:
    """Now and then a record's later version lacks a member of a ``merge_set`` field (a tag)
    its earlier version carried: the union must keep it, and a sync that writes the newest
    event's set, or merges only some events, shows. Which is derived (``chance``)."""
    by_name = {b.rules.name: b for b in blueprints}
    previous: dict[tuple[str, str], Event] = {}
    for event in events:
        blueprint = by_name.get(event.mapping or "")
        if blueprint is None or event.topic == REFUND_TOPIC:
            continue
        rules = blueprint.rules
        mark = (rules.name, rules.key(event.payload))
        before, previous[mark] = previous.get(mark), event
        if before is None or chance.randrange(3):
            continue
        for item in blueprint.fields:
            policy = rules.policies.get(item.feeds)
            if policy is None or policy.policy != "merge_set" or len(item.path) != 1:
                continue
            name = item.path[0]
            earlier, later = before.payload.get(name), event.payload.get(name)
            if not isinstance(earlier, str) or not isinstance(later, str):
                continue
            members = [m.strip() for m in earlier.split(",") if m.strip()]
            kept = [m.strip() for m in later.split(",") if m.strip()]
            if members and set(members) <= set(kept):
                gone = chance.choice(members)
                event.payload[name] = ", ".join(m for m in kept if m != gone)


def progress_refunded(events: list[Event], blueprints: list[Blueprint], chance: Any) -> None:
    """A refund mostly follows an order that went on (fulfilled, shipped, partly returned): in
    half the records that get a refund, the last version sets each unmapped lifecycle field
    (a nullable enum, e.g. ``fulfillment_status``) to one of its values, so a system that
    treats a refund by the order's state (drops it once shipped) meets that state. Derived
    (``chance``), not drawn."""
    by_name = {b.rules.name: b for b in blueprints}
    refunded = {(e.mapping, str(e.payload.get("order_id"))) for e in events
                if e.topic == REFUND_TOPIC}
    last: dict[tuple[str | None, str], Event] = {}
    for event in events:
        blueprint = by_name.get(event.mapping or "")
        if blueprint is not None and event.topic != REFUND_TOPIC:
            last[(event.mapping, blueprint.rules.key(event.payload))] = event
    for mark, event in last.items():
        blueprint = by_name[event.mapping or ""]
        if mark not in refunded or chance.randrange(2):
            continue
        for item in blueprint.branches:
            values = [v for v in item.shape.enum or [] if v is not None]
            if values and not is_time(item.shape):
                event.payload[item.path[0]] = chance.choice(values)


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


def copy_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_json(v) for v in value]
    return value


KEYS = [5829461287001, 5829461287002, 5829461287003]
KEY_STRIDE = 1_000_000  # each mapping draws keys from its own pool
