"""The sync rules of one mapping, compiled: identity, version order, conflict policy per field.

``docs/sync.md`` is the meaning of every rule; this module is that meaning as code, shared by the
reference model, the generators and the properties.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from seamguard.mapping import reference_data as ref
from seamguard.mapping.engine import CompiledMapping
from seamguard.mapping.paths import compile_getter
from seamguard.mapping.spec import LoadedMapping, StateMachine

__all__ = ["FieldPolicy", "SyncRules", "canonical_json", "parse_duration", "to_decimal"]

COMPARED = frozenset({"last_write_wins", "owner_source", "merge_set"})
_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def canonical_json(payload: Any) -> str:
    """The payload's canonical JSON, the last element of the version order."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def parse_duration(text: str) -> timedelta | None:
    """``P30D``, ``PT12H``, ``P1DT2H30M``; None when not of that form."""
    match = _DURATION.match(text)
    if match is None or not any(match.groups()):
        return None
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    try:
        return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    except OverflowError:  # longer than any date can reach (timedelta: under a billion days)
        return None


def to_decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class FieldPolicy:
    field: str
    policy: str  # last_write_wins | owner_source | owner_target | merge_set | manual_review
    expire_after: timedelta | None = None

    @property
    def compared(self) -> bool:
        return self.policy in COMPARED


class SyncRules:
    """One mapping's compiled sync rules."""

    def __init__(self, mapping: LoadedMapping, compiled: CompiledMapping, zone: tzinfo) -> None:
        spec = mapping.spec
        self.name = mapping.name
        self.mapping = mapping
        self.compiled = compiled
        self.zone = zone
        self.key_source = spec.identity.source
        self.key_target = spec.identity.target
        self._key = compile_getter(spec.identity.source)
        self.version_field = spec.version.field if spec.version else None
        self._version = compile_getter(self.version_field) if self.version_field else None
        self._tie = [compile_getter(f) for f in (spec.version.tie_break if spec.version else [])]
        sync = spec.sync
        conflict = sync.conflict if sync else {}
        default = conflict.get("*")
        self.policies: dict[str, FieldPolicy] = {}
        for rule in spec.fields:
            chosen = conflict.get(rule.target, default)
            name: str = chosen.policy if chosen else "last_write_wins"
            if name == "owner" and chosen is not None:
                name = f"owner_{chosen.owner or 'source'}"
            expire = parse_duration(chosen.expire_after) if chosen and chosen.expire_after else None
            self.policies[rule.target] = FieldPolicy(rule.target, name, expire)
        self.state_machines: dict[str, StateMachine] = {
            machine.field: machine for machine in (sync.state_machines if sync else [])}
        self.enum_fields = {rule.target for rule in spec.fields if rule.enum}
        self.refunds = sync.refunds if sync else "ignore"
        self.object_type = _object_type(spec.target.schema_)
        self.amount_field = "amount" if "amount" in self.policies else None
        # The amount's raw source (total_price): refunds are subtracted before rounding.
        amount_rule = next((r for r in spec.fields if r.target == self.amount_field), None)
        sources = amount_rule.sources if amount_rule is not None else []
        self._amount_source = compile_getter(sources[0]) if len(sources) == 1 else None

    # -- identity and version -----------------------------------------------------------------

    def key(self, payload: Any) -> str:
        value = self._key(payload)
        return str(value) if value is not None else ""

    def instant(self, payload: Any) -> datetime | None:
        if self._version is None:
            return None
        raw = self._version(payload)
        return ref.parse_instant(raw, None, self.zone) if isinstance(raw, str) else None

    def order_key(self, payload: Any) -> tuple[Any, ...]:
        """The total version order: instant, tie-break fields, canonical JSON."""
        instant = self.instant(payload)
        stamp = instant.timestamp() if instant is not None else float("-inf")
        ties = tuple(_tie_value(get(payload)) for get in self._tie)
        return (stamp, *ties, canonical_json(payload))

    # -- values -------------------------------------------------------------------------------

    def target(self, payload: Any) -> tuple[dict[str, Any], bool]:
        """The mapped target record, and whether the payload carries an unknown enum value."""
        output, problems = self.compiled.apply(payload)
        unknown = any(p.code == "mapping.enum-unmapped" for p in problems)
        return output, unknown

    def total(self, payload: Any, output: dict[str, Any]) -> Decimal | None:
        """The exact amount an order event carries (unrounded), or the mapped one."""
        raw = self._amount_source(payload) if self._amount_source is not None else None
        exact = to_decimal(raw) if isinstance(raw, str | int) else None
        return exact if exact is not None else to_decimal(output.get(self.amount_field or ""))

    def compared_fields(self) -> list[str]:
        return [name for name, policy in self.policies.items() if policy.compared]

    def allowed(self, field: str, old: Any, new: Any) -> bool:
        """A state-machine field may stay, move along a declared transition, or start initial."""
        machine = self.state_machines.get(field)
        if machine is None or old == new:
            return True
        if old in (None, ""):
            return not machine.initial or new in machine.initial
        return new in machine.transitions.get(str(old), [])


_INTEGER = re.compile(r"^-?[0-9]+$")


def _tie_value(value: Any) -> tuple[int, Decimal, str]:
    """A tie-break field's place in the order: numbers (and integers written as text, as
    gateways send sequence numbers) by value, so 10 follows 9; anything else by its JSON."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = to_decimal(value)
        if number is not None and number.is_finite():
            return (0, number, "")
    if isinstance(value, str) and _INTEGER.match(value.strip()):
        return (0, Decimal(value.strip()), "")
    return (1, Decimal(0), json.dumps(value, sort_keys=True, default=str))


def split_set(value: Any) -> frozenset[str]:
    if value in (None, ""):
        return frozenset()
    return frozenset(part for part in str(value).split(";") if part)


def _object_type(schema_pointer: str) -> str:
    """``#/components/schemas/DealPropertiesInput`` -> ``deals``."""
    name = schema_pointer.rstrip("/").rsplit("/", 1)[-1]
    base = re.sub(r"(Properties)?(Input)?$", "", name) or name
    return base.lower() + "s"
