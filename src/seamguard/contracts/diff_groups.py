"""Changes grouped for people: one entry per change, with the operations that reach it.

A component shared by hundreds of operations changes once; the diff finds that change under each
operation. Grouped by rule, level, message and the component the change lives in, it is one
entry that counts the operations and names a few, so the output grows with the distinct changes,
not with the operations. Groups are plain data (``to_dict``): the text, JSON, Markdown and HTML
renderers all read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from seamguard.contracts.diff import LEVELS, Change
from seamguard.ignores import IgnoreEntry, IgnoreFile

__all__ = ["NAMED_OPERATIONS", "ChangeGroup", "DiffReport", "group_changes"]

#: How many of the operations a group reaches are named (the rest are counted).
NAMED_OPERATIONS = 5
_RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass
class ChangeGroup:
    """One change and every place it was found.

    Attributes:
        id, level, message, direction, component: as on :class:`Change`.
        changes: the per-operation changes of the group, report order.
    """

    id: str
    level: str
    message: str
    direction: str
    component: str
    changes: list[Change] = field(default_factory=list)

    @property
    def operations(self) -> list[str]:
        """The operations the change reaches, sorted, each once."""
        return sorted({c.operation for c in self.changes if c.operation})

    @property
    def first(self) -> Change:
        return self.changes[0]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the first place in full, the operations counted and a few named."""
        first = self.first
        operations = self.operations
        data: dict[str, Any] = {
            "id": self.id, "level": self.level, "operation": first.operation,
            "path": first.path, "message": self.message, "direction": self.direction,
            "operations_count": len(operations),
            "operations": operations[:NAMED_OPERATIONS],
        }
        if first.field is not None:
            data["field"] = first.field
        if first.pointer is not None:
            data["pointer"] = first.pointer
        if self.component:
            data["component"] = self.component
        return data


@dataclass
class DiffReport:
    """The grouped changes of one diff, what an ignore file took out, and the two sides."""

    base: str
    revision: str
    groups: list[ChangeGroup]
    ignored: list[tuple[Change, IgnoreEntry]] = field(default_factory=list)
    expired: tuple[IgnoreEntry, ...] = ()
    #: Changes left out of ``groups`` by ``--level``, and that level.
    hidden: int = 0
    shown_level: str = ""

    def counts(self) -> dict[str, int]:
        """Groups per level."""
        return {level: sum(1 for g in self.groups if g.level == level) for level in LEVELS}

    def fails(self, threshold: str) -> bool:
        """Is any change at or above ``threshold`` (``error``, ``warning``, ``info``)?"""
        limit = _RANK.get(threshold, 0)
        return any(_RANK.get(g.level, len(LEVELS)) <= limit for g in self.groups)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready report: sides, counts, groups, and what was ignored or expired."""
        return {
            "base": self.base, "revision": self.revision, "counts": self.counts(),
            "changes": [group.to_dict() for group in self.groups],
            "ignored": len(self.ignored),
            "hidden_below_level": self.hidden,
            "expired_ignores": [{"id": e.id, "reason": e.reason, "expires": str(e.expires)}
                                for e in self.expired],
        }


def group_changes(changes: Iterable[Change], *, base: str, revision: str,
                  ignores: IgnoreFile | None = None) -> DiffReport:
    """Group ``changes`` (after taking out what ``ignores`` covers), errors first."""
    groups: dict[tuple[str, ...], ChangeGroup] = {}
    ignored: list[tuple[Change, IgnoreEntry]] = []
    for change in sorted(changes, key=lambda c: c.sort_key):
        entry = ignores.covers(change.id, operation=change.operation, pointer=change.pointer,
                               component=change.component) if ignores else None
        if entry is not None:
            ignored.append((change, entry))
            continue
        # A change inside a shared component groups across operations; any other change
        # (an operation removed, a parameter added) stays with its operation.
        place = change.component or f"{change.operation}\x1f{change.path}"
        key = (change.id, change.level, change.message, place)
        group = groups.get(key)
        if group is None:
            group = groups[key] = ChangeGroup(change.id, change.level, change.message,
                                              change.direction, change.component)
        group.changes.append(change)
    ordered = sorted(groups.values(), key=lambda g: (_RANK.get(g.level, len(LEVELS)),
                                                     g.first.sort_key))
    return DiffReport(base, revision, ordered, ignored,
                      ignores.expired if ignores else ())
