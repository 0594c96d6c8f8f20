"""The checks seamguard can run, in one explicit registry.

Each check is a function ``(RunContext) -> Iterable[Finding]`` named by a stable id. Built-in
checks are listed here by import path and imported only when they run, so ``seamguard --help``
stays fast; third-party checks come from the ``seamguard.checks`` entry-point group.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from seamguard.contracts.catalog import ContractCatalog
from seamguard.errors import UsageError
from seamguard.findings import Finding
from seamguard.project import Project

__all__ = ["CHECKS", "CheckSpec", "Registry", "RunContext"]

T = TypeVar("T")


class Registry(Generic[T]):
    """Named items of one kind; unknown names get a "did you mean" error."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def add(self, name: str, item: T) -> T:
        if name in self._items:
            raise ValueError(f"{self.kind} {name!r} is registered twice")
        self._items[name] = item
        return item

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            close = difflib.get_close_matches(name, list(self._items), n=1)
            raise UsageError(
                f"unknown {self.kind} {name!r}",
                hint=f"did you mean {close[0]!r}?" if close else
                f"known: {', '.join(sorted(self._items))}",
            ) from None

    def names(self) -> list[str]:
        return list(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items.values())

    def __contains__(self, name: object) -> bool:
        return name in self._items


class Events(Protocol):
    """What a runner tells its audience (the CLI draws progress bars from it)."""

    def check_started(self, check: str, title: str) -> None: ...
    def progress(self, check: str, done: int, total: int, label: str) -> None: ...
    def check_finished(self, check: str, findings: int) -> None: ...


class SilentEvents:
    def check_started(self, check: str, title: str) -> None:
        pass

    def progress(self, check: str, done: int, total: int, label: str) -> None:
        pass

    def check_finished(self, check: str, findings: int) -> None:
        pass


@dataclass
class RunContext:
    """What a check gets: the project, shared contracts, and a way to report progress."""

    project: Project
    catalog: ContractCatalog
    events: Events = field(default_factory=SilentEvents)
    check: str = ""
    examined: int = 0

    def progress(self, done: int, total: int, label: str = "") -> None:
        self.events.progress(self.check, done, total, label)


CheckFunc = Callable[[RunContext], Iterable[Finding]]


@dataclass(frozen=True)
class CheckSpec:
    """A check: stable id, a title for reports, and where its function lives."""

    id: str
    title: str
    target: str  # "package.module:function"

    def load(self) -> CheckFunc:
        module, _, name = self.target.partition(":")
        func: CheckFunc = getattr(importlib.import_module(module), name)
        return func


CHECKS: Registry[CheckSpec] = Registry("check")
CHECKS.add("contract", CheckSpec("contract", "Contracts are valid OpenAPI",
                                 "seamguard.contracts.lint:run_check"))
CHECKS.add("recorded", CheckSpec("recorded", "Recorded responses match their contracts",
                                 "seamguard.verify:run_check"))


def load_plugins() -> None:
    """Register checks published by other packages under the ``seamguard.checks`` group."""
    from importlib.metadata import entry_points

    for entry in entry_points(group="seamguard.checks"):
        if entry.name not in CHECKS:
            CHECKS.add(entry.name, CheckSpec(entry.name, entry.name, entry.value))
