"""pytest plugin: the same checks as the CLI, as test items.

In a project whose ``pyproject.toml`` has ``[tool.seamguard]``, pytest collects each contract
(``contracts/<platform>/<version>/openapi.*``) as one item and each interaction of each cassette
as one item, when those folders are among the paths pytest walks (``testpaths``, or given on the
command line). Each sync target (``[tool.seamguard.sync.targets.<name>]``) is one item, collected
with the first mapping it names: it runs every sync property against that target. An item fails
with its findings at or above the project's ``fail_on`` threshold;
lower ones are shown in the item's report section. Opt out with ``-p no:seamguard``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from seamguard.errors import SeamguardError
from seamguard.findings import Finding, Severity

_STATE = pytest.StashKey["_State | None"]()


class SeamguardFailure(Exception):
    """An item's findings at or above the threshold."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(findings)
        self.findings = findings


class SeamguardUnusable(Exception):
    """The project cannot be checked as configured (a usage error), told without a traceback."""


class _State:
    """Per-session shared state: the project and every contract, loaded once."""

    def __init__(self, project: Any, threshold: Severity) -> None:
        from seamguard.contracts.catalog import ContractCatalog
        from seamguard.verify import RecordedVerifier

        self.project = project
        self.threshold = threshold
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


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("seamguard", "seamguard contract and recording checks")
    group.addoption("--seamguard-fail-on", choices=["error", "warning", "info"], default=None,
                    help="lowest finding severity that fails an item (default: settings fail_on)")
    group.addoption("--seamguard-sync-examples", type=int, default=None,
                    help="hypothesis examples per sync target (default: settings sync.examples)")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_STATE] = None
    from seamguard.project import find_project

    try:
        project = find_project(config.rootpath, explicit=True)
    except SeamguardError as exc:
        if "no seamguard project" in str(exc):
            return  # not a seamguard project: stay out of the way
        raise pytest.UsageError(f"seamguard: {exc}") from None
    fail_on = config.getoption("--seamguard-fail-on") or project.settings.fail_on
    config.stash[_STATE] = _State(project, Severity(fail_on))


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    state = parent.config.stash.get(_STATE, None)
    if state is None or file_path.suffix not in (".yaml", ".yml", ".json"):
        return None
    resolved = _real(file_path)
    if resolved in state.entries:
        return ContractFile.from_parent(parent, path=file_path)
    if resolved in state.sync_targets:
        return SyncFile.from_parent(parent, path=file_path)
    if resolved.is_relative_to(_real(state.project.cassettes_dir)):
        return CassetteFile.from_parent(parent, path=file_path)
    return None


def _state(node: pytest.Item | pytest.Collector) -> _State:
    state: _State | None = node.config.stash[_STATE]
    if state is None:  # collected only when a project was found, so this cannot happen
        raise RuntimeError("seamguard plugin used outside a seamguard project")
    return state


class _FindingsItem(pytest.Item):
    def findings(self) -> list[Finding]:
        raise NotImplementedError

    def runtest(self) -> None:
        state = _state(self)
        try:
            findings = self.findings()
        except SeamguardError as exc:  # the project cannot be checked: say why, no traceback
            raise SeamguardUnusable(str(exc)) from None
        below = [f for f in findings if f.severity < state.threshold]
        if below:
            self.add_report_section("call", "seamguard", "\n".join(_render(f) for f in below))
        failing = [f for f in findings if f.severity >= state.threshold]
        if failing:
            raise SeamguardFailure(failing)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        if isinstance(excinfo.value, SeamguardFailure):
            return "\n\n".join(_render(f) for f in excinfo.value.findings)
        if isinstance(excinfo.value, SeamguardUnusable):
            return f"seamguard: {excinfo.value}"
        return str(super().repr_failure(excinfo))


class ContractFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        platform, version = _state(self).entries[_real(self.path)]
        yield ContractItem.from_parent(self, name=f"{platform}@{version}",
                                       platform=platform, version=version)


class ContractItem(_FindingsItem):
    def __init__(self, *, platform: str, version: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.platform = platform
        self.version = version

    def findings(self) -> list[Finding]:
        from seamguard.contracts.lint import lint_contract

        return lint_contract(_state(self).catalog, self.platform, self.version)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"contract {self.platform}@{self.version}"


class CassetteFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        state = _state(self)
        cassette = state.verifier.read(self.path)
        if isinstance(cassette, Finding):
            yield UnreadableCassetteItem.from_parent(self, name="cassette", finding=cassette)
            return
        for interaction in cassette.interactions:
            path = interaction.uri.split("?", 1)[0].split("/", 3)[-1]
            yield InteractionItem.from_parent(
                self, name=f"#{interaction.index} {interaction.method} /{path}",
                cassette=cassette, interaction=interaction,
            )


class UnreadableCassetteItem(_FindingsItem):
    def __init__(self, *, finding: Finding, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.finding = finding

    def findings(self) -> list[Finding]:
        return [self.finding]


class InteractionItem(_FindingsItem):
    def __init__(self, *, cassette: Any, interaction: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cassette = cassette
        self.interaction = interaction

    def findings(self) -> list[Finding]:
        return _state(self).verifier.verify(self.cassette, self.interaction)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = self.cassette.line_of(self.interaction.index)
        return self.path, (line - 1 if line else None), self.name


class SyncFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        for name in _state(self).sync_targets[_real(self.path)]:
            yield SyncItem.from_parent(self, name=f"sync[{name}]", target=name)


class SyncItem(_FindingsItem):
    def __init__(self, *, target: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.target = target

    def findings(self) -> list[Finding]:
        from seamguard.checks import RunContext
        from seamguard.sync.check import run_check

        state = _state(self)
        examples = self.config.getoption("--seamguard-sync-examples")
        context = RunContext(project=state.project, catalog=state.catalog,
                             options={"target": self.target, "examples": examples})
        return list(run_check(context))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"sync properties of target {self.target}"


def _real(path: Path) -> Path:
    """The path with links resolved; unlike Path.resolve on 3.11, a link loop does not raise."""
    return Path(os.path.realpath(path))


def _render(finding: Finding) -> str:
    lines = [f"{finding.severity.value} {finding.code}: {finding.message}"]
    loc = finding.location
    if loc.platform:
        lines.append(f"  contract: {loc.platform}@{loc.version}" + (
            f" {loc.operation}" if loc.operation else ""))
    if loc.where:
        lines.append(f"  at: {loc.where}")
    if finding.expected is not None:
        lines.append(f"  expected: {finding.expected!r}")
    if finding.actual is not None:
        lines.append(f"  actual: {finding.actual!r}")
    if finding.hint:
        lines.append(f"  hint: {finding.hint}")
    return "\n".join(lines)
