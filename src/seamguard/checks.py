"""The checks seamguard can run, in one explicit registry.

Each check is a function ``(RunContext) -> Iterable[Finding]`` named by a stable id. Built-in
checks are listed here by import path and imported only when they run, so ``seamguard --help``
stays fast; third-party checks come from the ``seamguard.checks`` entry-point group.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding
from seamguard.project import Project
from seamguard.registry import Registry

__all__ = ["CHECKS", "CheckSpec", "Registry", "RunContext"]

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
    alerts: list[Finding] = field(default_factory=list)
    # Command-line choices a check may honour (the platform to probe, the sync --target...).
    options: dict[str, Any] = field(default_factory=dict)
    # Every check of this run, so a check can tell whether another one reports a problem.
    checks: tuple[str, ...] = ()

    def progress(self, done: int, total: int, label: str = "") -> None:
        self.events.progress(self.check, done, total, label)

    def alert(self, findings: Iterable[Finding]) -> None:
        """Ask for these findings to be sent as an alert after the run (see seamguard.alerts)."""
        self.alerts.extend(findings)


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
CHECKS.add("drift.observed", CheckSpec(
    "drift.observed", "Recorded payloads agree with their contracts, field by field",
    "seamguard.drift.observe:run_check"))
CHECKS.add("drift.nightly", CheckSpec(
    "drift.nightly", "Live platforms still match their contracts (new, ongoing, resolved)",
    "seamguard.drift.nightly:run_check"))
CHECKS.add("probe", CheckSpec(
    "probe", "A live API answers as its contract says (schemathesis)", "seamguard.probe:run_check"))
CHECKS.add("mapping", CheckSpec("mapping", "Mappings agree with both contracts",
                                "seamguard.mapping.check:run_lint"))
CHECKS.add("mapping.examples", CheckSpec("mapping.examples", "Mapping golden examples hold",
                                         "seamguard.mapping.check:run_examples_check"))
CHECKS.add("sync", CheckSpec(
    "sync", "Sync properties hold against the reference model (idempotency, convergence, ...)",
    "seamguard.sync.check:run_check"))
CHECKS.add("mapping.recorded", CheckSpec(
    "mapping.recorded", "Recorded source records map to valid target records",
    "seamguard.mapping.check:run_recorded_check"))
CHECKS.add("mapping.strength", CheckSpec(
    "mapping.strength", "Mapping examples notice every single-edit mistake (mutation testing)",
    "seamguard.mapping.strength_check:run_check"))
CHECKS.add("quality", CheckSpec("quality", "Synced datasets meet their expectation suites",
                                "seamguard.quality.check:run_check"))
CHECKS.add("reconcile", CheckSpec("reconcile", "Source and synced target reconcile, key by key",
                                  "seamguard.quality.reconcile:run_check"))


def load_plugins() -> None:
    """Register checks published by other packages under the ``seamguard.checks`` group."""
    from importlib.metadata import entry_points

    for entry in entry_points(group="seamguard.checks"):
        if entry.name not in CHECKS:
            CHECKS.add(entry.name, CheckSpec(entry.name, entry.name, entry.value))
