"""What a sync property check reads and returns: the played script in context, and a Violation.

Shared by the state properties (``properties``) and the arrival properties (``arrival``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from seamguard.mapping import reference_data as ref
from seamguard.sync.execute import Trace
from seamguard.sync.model import Expected
from seamguard.sync.rules import SyncRules, split_set, to_decimal
from seamguard.sync.script import Event, Script

__all__ = ["Context", "Violation", "blank", "instant_of", "same"]

@dataclass(frozen=True)
class Violation:
    property: str
    anomaly: str
    expected: Any = None
    actual: Any = None
    # Which mapping's rule the anomaly concerns (normalisation), for the report to say which
    # side disagrees with it.
    mapping: str | None = None
    field: str | None = None
    key: str | None = None


@dataclass
class Context:
    script: Script
    trace: Trace
    expected: Expected
    rules: Mapping[str, SyncRules]

    def rule_for(self, object_type: str) -> SyncRules | None:
        return next((r for r in self.rules.values() if r.object_type == object_type), None)

    def by_key(self, object_type: str) -> dict[str, list[Any]]:
        rule = self.rule_for(object_type)
        grouped: dict[str, list[Any]] = {}
        for record in self.trace.records.get(object_type, []):
            key = record.properties.get(rule.key_target) if rule else None
            grouped.setdefault(str(key), []).append(record)
        return grouped

    def stamp(self, event: Event) -> str:
        rule = self.rules.get(event.mapping or "")
        if rule is None or rule.version_field is None:
            return event.topic
        return f"{rule.version_field} {event.payload.get(rule.version_field)}"


def blank(value: Any) -> Any:
    return None if value in (None, "") else value


def same(expected: Any, actual: Any, merge: bool) -> bool:
    if merge:
        return split_set(actual) == (expected or frozenset())
    if isinstance(expected, str) and isinstance(actual, str):
        left, right = to_decimal(expected), to_decimal(actual)
        if left is not None and right is not None and "." in expected:
            return left == right
    return bool(blank(expected) == blank(actual))


def instant_of(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        return ref.parse_instant(value, None, ref.zone_info("UTC"))
    return None


