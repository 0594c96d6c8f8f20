"""The pytest plugin's per-session state: the project, its contracts loaded once, what the items
found; and the errors an item reports with."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from seamguard.errors import SeamguardError
from seamguard.findings import Finding, Severity

_STATE = pytest.StashKey["_State | None"]()


class SeamguardUnusable(Exception):
    """The project cannot be checked as configured (a usage error), told without a traceback."""


class SeamguardFailure(Exception):
    """An item's findings at or above the threshold."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(findings)
        self.findings = findings


class _State:
    """Per-session shared state: the project, every contract loaded once, what items found."""

    def __init__(self, project: Any, threshold: Severity, selected: set[str] | None,
                 reports: Path | None) -> None:
        from seamguard.contracts.catalog import ContractCatalog
        from seamguard.verify import RecordedVerifier

        self.project = project
        self.threshold = threshold
        self.selected = selected
        self.reports = reports
        self.catalog = ContractCatalog(project)
        self.verifier = RecordedVerifier(project, self.catalog)
        self.entries: dict[Path, tuple[str, str]] = {}
        # The first mapping a sync target names carries that target's item.
        self.sync_targets: dict[Path, list[str]] = {}
        for name, target in project.settings.sync.targets.items():
            mapping = _real(project.contracts_dir / "mappings" / f"{target.mappings[0]}.yaml")
            self.sync_targets.setdefault(mapping, []).append(name)
        for platform, version in self.catalog.entries():
            try:
                self.entries[_real(project.contract_file(platform, version))] = (
                    platform, version)
            except SeamguardError:
                continue  # the contract item of a missing file cannot exist; lint reports it
        self.mappings_dir = _real(project.contracts_dir / "mappings")
        self.suites_dir = _real(project.root / project.settings.quality.suites)
        self.baseline = _load_baseline(project)
        # What the items found, for the report files: per check, findings, cases and time.
        self.findings: list[Finding] = []
        self.cases: dict[str, list[str]] = {}
        self.results: dict[str, Any] = {}
        self.timing: dict[str, list[float]] = {}
        self._cassettes: list[Any] | None = None

    def wants(self, check: str) -> bool:
        return self.selected is None or check in self.selected

    def cassettes(self) -> list[Any]:
        """Every readable cassette, read once (the mappings' recorded items share them)."""
        from seamguard.recordings.cassettes import Cassette

        if self._cassettes is None:
            self._cassettes = [c for c in (self.verifier.read(p)
                                           for p in self.project.cassette_files())
                               if isinstance(c, Cassette)]
        return self._cassettes

    def accepted(self, finding: Finding) -> str | None:
        """The baseline's reason when it accepts ``finding``."""
        if self.baseline is None:
            return None
        from datetime import date

        today = date.today()
        entry = next((e for e in self.baseline.accept
                      if not e.expired(today) and e.matches(finding)), None)
        return entry.reason if entry is not None else None


def _load_baseline(project: Any) -> Any:
    if not project.settings.baseline:
        return None
    from seamguard.baseline import load_baseline

    path = project.root / project.settings.baseline
    try:
        return load_baseline(path, display=project.relative(path))
    except SeamguardError as exc:
        raise pytest.UsageError(f"seamguard: {exc}") from None


def _state(node: pytest.Item | pytest.Collector) -> _State:
    state: _State | None = node.config.stash[_STATE]
    if state is None:  # collected only when a project was found, so this cannot happen
        raise RuntimeError("seamguard plugin used outside a seamguard project")
    return state


def _real(path: Path) -> Path:
    """The path with links resolved; unlike Path.resolve on 3.11, a link loop does not raise."""
    return Path(os.path.realpath(path))
