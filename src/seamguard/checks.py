"""The checks seamguard can run, in one explicit registry.

Each check is a function ``(RunContext) -> Iterable[Finding]`` named by a stable id. Built-in
checks are listed here by import path and imported only when they run, so ``seamguard --help``
stays fast; third-party checks come from the ``seamguard.checks`` entry-point group.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from seamguard.findings import Finding
from seamguard.registry import Registry
from seamguard.spelling import nearest

if TYPE_CHECKING:  # kept out of the import so `seamguard --help` stays light
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.project import Project

__all__ = ["CHECKS", "CHECK_ALL", "CheckSpec", "Registry", "RunContext", "parse_only"]

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
    # Units examined per check (test cases) and structured results; see Report.cases/results.
    cases: dict[str, list[str]] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)
    # Every check of this run, so a check can tell whether another one reports a problem.
    checks: tuple[str, ...] = ()

    def progress(self, done: int, total: int, label: str = "") -> None:
        self.events.progress(self.check, done, total, label)

    def case(self, name: str) -> None:
        """Record one unit this check examined (an interaction, an operation, an expectation):
        a test case of junit.xml that passes unless a finding names it (``Finding.case_name``)."""
        self.cases.setdefault(self.check, []).append(name)

    def selected(self, kind: str, name: str) -> bool:
        """Whether ``--only`` lets the unit ``name`` of ``kind`` (suite, dataset, reconciliation,
        platform) run; every unit runs when nothing of that kind was selected."""
        chosen = self.options.get("only", {}).get(kind)
        return not chosen or name in chosen

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
# What `seamguard check` (and so the pytest plugin) runs, in order: everything offline.
CHECK_ALL = ["contract", "mapping", "mapping.examples", "recorded", "mapping.recorded",
             "mapping.strength", "sync", "quality", "reconcile", "privacy"]
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
CHECKS.add("record", CheckSpec(
    "record", "Requests are recorded as scrubbed cassettes", "seamguard.record.check:run_check"))
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
CHECKS.add("privacy", CheckSpec("privacy", "No personal data or secrets sit in the project's files",
                                "seamguard.privacy.scan:run_check"))


ONLY_KINDS = ("platform", "suite", "dataset", "reconcile")
# The --only kinds each check honours (RunContext.selected); a check not listed honours none.
ONLY_BY_CHECK: dict[str, tuple[str, ...]] = {
    "recorded": ("platform",),
    "quality": ("suite", "dataset"),
    "reconcile": ("reconcile", "dataset"),
}


def parse_only(project: Project, values: Iterable[str],
               checks: Iterable[str] | None = None, command: str = "") -> dict[str, set[str]]:
    """``--only KIND=NAME`` values as {kind: names}; an unknown kind or name is a UsageError,
    and so is a kind none of ``checks`` honours: it would select nothing and pass."""

    from seamguard.errors import UsageError

    accepted = ONLY_KINDS if checks is None else tuple(
        kind for kind in ONLY_KINDS
        if any(kind in ONLY_BY_CHECK.get(check, ()) for check in checks))
    shown = f"`seamguard {command}`" if command else "this command"
    for value in values:
        kind = value.partition("=")[0]
        if not accepted:
            raise UsageError(f"--only {value!r}: {shown} takes no --only (it has nothing to "
                             "select)", hint="leave --only out, or use `seamguard check --only`")
        if kind in ONLY_KINDS and kind not in accepted:
            raise UsageError(
                f"--only {value!r}: {shown} does not select by {kind}, so it would run as if "
                "nothing was chosen",
                hint=f"{shown} takes --only " + " or --only ".join(f"{k}=NAME" for k in accepted))

    known: dict[str, list[str]] = {
        "platform": list(project.settings.platforms),
        "dataset": list(project.settings.datasets),
        "reconcile": list(project.settings.reconcile),
        "suite": _suite_names(project),
    }
    chosen: dict[str, set[str]] = {}
    for value in values:
        kind, sep, name = value.partition("=")
        if not sep or kind not in ONLY_KINDS or not name:
            raise UsageError(f"--only {value!r}: expected KIND=NAME with KIND one of "
                             f"{', '.join(accepted)}",
                             hint=f"e.g. --only {accepted[0]}=NAME")
        if name not in known[kind]:
            close = nearest(name, known[kind])
            raise UsageError(f"--only {value!r}: no {kind} {name!r} in this project",
                             hint=f"did you mean {close!r}?" if close else
                             f"known: {', '.join(sorted(known[kind])) or 'none'}")
        chosen.setdefault(kind, set()).add(name)
    return chosen


def _suite_names(project: Project) -> list[str]:
    """Suite names (the ``name`` in each suite file, else its file stem).

    A suite file that cannot be read is known by its stem here: choosing it runs it, and
    reading it then says what is wrong with the file and where.
    """
    from seamguard.documents import load_document
    from seamguard.errors import SeamguardError

    folder = project.root / project.settings.quality.suites
    names = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = load_document(
                path, max_bytes=int(project.settings.max_document_mb * 1_048_576),
                max_depth=project.settings.max_depth)
        except (SeamguardError, RecursionError):
            data = {}
        name = data.get("name") if isinstance(data, dict) else None
        names.append(name if isinstance(name, str) else path.stem)
    return names


def load_plugins() -> None:
    """Register checks published by other packages under the ``seamguard.checks`` group."""
    from importlib.metadata import entry_points

    for entry in entry_points(group="seamguard.checks"):
        if entry.name not in CHECKS:
            CHECKS.add(entry.name, CheckSpec(entry.name, entry.name, entry.value))
