"""pytest plugin: the checks of ``seamguard check``, as test items, and the same report files.

In a project whose ``pyproject.toml`` has ``[tool.seamguard]``, pytest collects, from the paths
it walks (``testpaths``, or given on the command line):

- each contract (``contracts/<platform>/<version>/openapi.*``): one item, its lint;
- each mapping (``contracts/mappings/*.yaml``): ``lint``, one ``example[...]`` per golden
  example, ``recorded`` (the mapping applied to every recorded source record), and one
  ``sync[target]`` per sync target whose first mapping it is;
- each interaction of each cassette (``fixtures/cassettes/``): one item;
- each expectation and reference of each suite (``suites/*.json``): one item;
- from ``pyproject.toml`` itself: one ``reconcile[name]`` item per reconciliation, and one
  ``check[id]`` item for any other check ``seamguard check`` runs.

An item fails with its findings at or above the threshold (``--seamguard-fail-on``, else the
settings); lower ones and findings the baseline (``baseline`` setting) accepts are shown in the
item's report section. ``--seamguard-select contract,quality`` keeps the items of those checks.
At the end of the session the report files (report.json, report.html, junit.xml, summary.md...)
are written to the reports folder, as the CLI does. Opt out with ``-p no:seamguard``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from seamguard.errors import SeamguardError
from seamguard.findings import Finding, Severity

_STATE = pytest.StashKey["_State | None"]()
_MAPPING_CHECKS = ("mapping", "mapping.examples", "mapping.recorded", "sync")
# Checks with items of their own; any other check of `seamguard check` is one item per check.
_ITEM_CHECKS = frozenset({"contract", "recorded", "quality", "reconcile", *_MAPPING_CHECKS})


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


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("seamguard", "seamguard contract, mapping, data and sync checks")
    group.addoption("--seamguard-fail-on", choices=["error", "warning", "info"], default=None,
                    help="lowest finding severity that fails an item (default: settings fail_on)")
    group.addoption("--seamguard-sync-examples", type=int, default=None,
                    help="hypothesis examples per sync target (default: settings sync.examples)")
    group.addoption("--seamguard-select", action="append", default=None, metavar="CHECKS",
                    help="only the items of these checks (comma-separated or repeated), e.g. "
                         "contract,mapping,recorded,quality,reconcile")
    group.addoption("--seamguard-reports", default=None, metavar="DIR",
                    help="where the report files go (default: settings reports)")


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
    chosen = config.getoption("--seamguard-select")
    selected = None
    if chosen:
        from seamguard.checks import CHECKS, load_plugins

        load_plugins()
        selected = {part.strip() for value in chosen for part in value.split(",") if part.strip()}
        if not selected:  # would keep no item: a run that checks nothing must not pass
            raise pytest.UsageError(
                "seamguard: --seamguard-select names no check\n  hint: give check ids, e.g. "
                "--seamguard-select contract,recorded (or leave the option out for all)")
        for check in selected:
            try:
                CHECKS.get(check)
            except SeamguardError as exc:
                raise pytest.UsageError(f"--seamguard-select: {exc}") from None
    reports = config.getoption("--seamguard-reports")
    if reports is not None and not reports.strip():
        raise pytest.UsageError(
            "seamguard: --seamguard-reports: an empty folder name names no folder\n  hint: give "
            "the folder (an unset shell variable expands to nothing), or leave the option out "
            "for the settings' reports folder")
    examples = config.getoption("--seamguard-sync-examples")
    if examples is not None and examples < 1:
        raise pytest.UsageError(f"seamguard: --seamguard-sync-examples must be 1 or more, not "
                                f"{examples}\n  hint: the hypothesis examples per sync target")
    # Before any item runs, as the CLI does: a session must not end in "cannot write the
    # reports" with its items green. (Nothing is created here: a session that runs no
    # seamguard item writes no reports.)
    folder = Path(reports) if reports is not None else project.reports_dir
    blocking = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if blocking is not None and not blocking.is_dir():
        source = "--seamguard-reports" if reports is not None else \
            f"{project.relative(project.pyproject)}: reports = {project.settings.reports!r}"
        raise pytest.UsageError(
            f"seamguard: {source} names {folder}, and {blocking} is a file, where a folder was "
            "expected\n  hint: point it at a folder (it is created if missing)")
    config.stash[_STATE] = _State(project, Severity(fail_on), selected,
                                  Path(reports) if reports else None)
    from seamguard.privacy.guard import mask_logs

    mask_logs()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    state = parent.config.stash.get(_STATE, None)
    if state is None:
        return None
    resolved = _real(file_path)
    if resolved == _real(state.project.pyproject):
        return ProjectFile.from_parent(parent, path=file_path)
    if file_path.suffix not in (".yaml", ".yml", ".json"):
        return None
    if resolved in state.entries:
        return ContractFile.from_parent(parent, path=file_path) if state.wants("contract") \
            else None
    if resolved.parent == state.mappings_dir:
        return MappingFile.from_parent(parent, path=file_path)
    if resolved.is_relative_to(_real(state.project.cassettes_dir)):
        return CassetteFile.from_parent(parent, path=file_path) if state.wants("recorded") \
            else None
    if resolved.parent == state.suites_dir and file_path.suffix == ".json":
        return SuiteFile.from_parent(parent, path=file_path) if state.wants("quality") else None
    return None


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write the report files of the seamguard items that ran, as ``seamguard check`` does."""
    state = session.config.stash.get(_STATE, None)
    if state is None or not state.timing:
        return
    from datetime import UTC, datetime

    from seamguard.checks import CHECKS
    from seamguard.findings import CheckRun, Report
    from seamguard.report import write_reports

    project = state.project
    report = Report(project=str(project.root), command="pytest", findings=list(state.findings),
                    started_at=datetime.now(UTC).isoformat(timespec="seconds"))
    for check, times in state.timing.items():
        title = CHECKS.get(check).title if check in CHECKS else check
        report.checks.append(CheckRun(check, title, len(times), sum(times)))
    report.seconds = sum(sum(times) for times in state.timing.values())
    report.cases = state.cases
    report.results = state.results
    if state.baseline is not None:
        from datetime import date

        from seamguard.baseline import apply_baseline

        apply_baseline(report, state.baseline, today=date.today(),
                       source=str(project.settings.baseline), complete=state.selected is None)
    folder = state.reports or project.reports_dir
    try:
        write_reports(report, folder, fail_on=state.threshold.value, project_root=project.root,
                      editor_url=project.settings.editor_url)
    except SeamguardError as exc:
        session.config.get_terminal_writer().line(f"seamguard: {exc}", red=True)


def _state(node: pytest.Item | pytest.Collector) -> _State:
    state: _State | None = node.config.stash[_STATE]
    if state is None:  # collected only when a project was found, so this cannot happen
        raise RuntimeError("seamguard plugin used outside a seamguard project")
    return state


class _FindingsItem(pytest.Item):
    """An item whose outcome is a list of findings of one check."""

    check = ""

    def findings(self) -> list[Finding]:
        raise NotImplementedError

    def cases(self) -> list[str]:
        """The report's test cases this item stands for (default: its findings' own)."""
        return []

    def runtest(self) -> None:
        from seamguard.privacy.guard import mask_findings
        from seamguard.privacy.policy import PrivacyPolicy

        state = _state(self)
        started = time.perf_counter()
        privacy = PrivacyPolicy.from_settings(state.project.settings.privacy)
        try:
            findings = list(mask_findings(self.findings(), privacy))
        except SeamguardError as exc:  # the project cannot be checked: say why, no traceback
            raise SeamguardUnusable(str(exc)) from None
        state.timing.setdefault(self.check, []).append(time.perf_counter() - started)
        state.findings.extend(findings)
        state.cases.setdefault(self.check, []).extend(self.cases())
        accepted = {id(f): reason for f in findings if (reason := state.accepted(f))}
        quiet = [f for f in findings if f.severity < state.threshold or id(f) in accepted]
        if quiet:
            self.add_report_section("call", "seamguard", "\n".join(
                _render(f) + (f"\n  accepted by the baseline: {accepted[id(f)]}"
                              if id(f) in accepted else "") for f in quiet))
        failing = [f for f in findings
                   if f.severity >= state.threshold and id(f) not in accepted]
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
    check = "contract"

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
            yield UnreadableItem.from_parent(self, name="cassette", finding=cassette)
            return
        for interaction in cassette.interactions:
            path = interaction.uri.split("?", 1)[0].split("/", 3)[-1]
            yield InteractionItem.from_parent(
                self, name=f"#{interaction.index} {interaction.method} /{path}",
                cassette=cassette, interaction=interaction,
            )


class UnreadableItem(_FindingsItem):
    """A file that cannot be read: its one finding."""

    def __init__(self, *, finding: Finding, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.finding = finding
        self.check = finding.check

    def findings(self) -> list[Finding]:
        return [self.finding]


class InteractionItem(_FindingsItem):
    check = "recorded"

    def __init__(self, *, cassette: Any, interaction: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cassette = cassette
        self.interaction = interaction

    def findings(self) -> list[Finding]:
        return _state(self).verifier.verify(self.cassette, self.interaction)

    def cases(self) -> list[str]:
        from seamguard.findings import interaction_case

        return [interaction_case(self.cassette.display, self.interaction.index)]

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = self.cassette.line_of(self.interaction.index)
        return self.path, (line - 1 if line else None), self.name


class MappingFile(pytest.File):
    """A mapping spec: its lint, its golden examples, its recorded records, its sync targets."""

    def collect(self) -> Iterator[pytest.Item]:
        from seamguard.mapping.spec import load_mapping

        state = _state(self)
        project = state.project
        display = project.relative(self.path)
        try:
            mapping = load_mapping(self.path, display=display)
        except SeamguardError:
            mapping = None  # the lint item reports why
        if state.wants("mapping"):
            yield MappingItem.from_parent(self, name="lint", mapping=mapping, part="lint")
        if mapping is not None and state.wants("mapping.examples"):
            for index, example in enumerate(mapping.spec.examples):
                yield MappingItem.from_parent(self, name=f"example[{example.name or index}]",
                                              mapping=mapping, part="examples", index=index)
        if mapping is not None and state.wants("mapping.recorded"):
            yield MappingItem.from_parent(self, name="recorded", mapping=mapping,
                                          part="recorded")
        if state.wants("sync"):
            for name in state.sync_targets.get(_real(self.path), []):
                yield SyncItem.from_parent(self, name=f"sync[{name}]", target=name)


class MappingItem(_FindingsItem):
    def __init__(self, *, mapping: Any, part: str, index: int | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mapping = mapping
        self.part = part
        self.index = index
        self.check = {"lint": "mapping", "examples": "mapping.examples",
                      "recorded": "mapping.recorded"}[part]

    def findings(self) -> list[Finding]:
        from seamguard.mapping import check as mapping_check

        state = _state(self)
        project = state.project
        if self.part == "lint":
            if self.mapping is None:  # unreadable: the same finding the CLI reports
                return [f for f in mapping_check.load_mappings(project)
                        if isinstance(f, Finding) and f.location.file == project.relative(
                            self.path)]
            return mapping_check.lint_one(self.mapping, state.catalog, project.root)
        compiled = self._compiled()
        if isinstance(compiled, list):
            return compiled
        if self.part == "examples":
            pointer = f"/examples/{self.index}"
            return [f for f in mapping_check.run_examples(self.mapping, compiled)
                    if (f.location.pointer or "").startswith(pointer)]
        return mapping_check.recorded_findings(self.mapping, compiled, state.verifier,
                                               state.catalog, state.cassettes())

    def _compiled(self) -> Any:
        """The compiled mapping, or the finding that says it cannot run."""
        from seamguard.mapping.check import compile_or_finding
        from seamguard.mapping.lint import lint_mapping

        state = _state(self)
        invalid = [f for f in lint_mapping(self.mapping, state.catalog)
                   if f.code == "mapping.invalid"]
        if invalid:
            return invalid
        compiled = compile_or_finding(self.mapping, state.project.root)
        return [compiled] if isinstance(compiled, Finding) else compiled

    def cases(self) -> list[str]:
        return [self.mapping.display if self.mapping is not None
                else _state(self).project.relative(self.path)]

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = None
        if self.part == "examples" and self.mapping is not None:
            found = self.mapping.line_of(f"/examples/{self.index}")
            line = found - 1 if found else None
        return self.path, line, f"mapping {self.path.stem} {self.name}"


class SyncItem(_FindingsItem):
    check = "sync"

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


class SuiteFile(pytest.File):
    """An expectation suite: one item per expectation and reference; the suite runs once."""

    def collect(self) -> Iterator[pytest.Item]:
        from seamguard.quality.check import suite_cases
        from seamguard.quality.suites import load_suite

        state = _state(self)
        try:
            suite = load_suite(self.path, display=state.project.relative(self.path))
        except SeamguardError:
            yield UnreadableItem.from_parent(self, name="suite", finding=self._invalid())
            return
        self.suite = suite
        self._findings: list[Finding] | None = None
        self.cases = suite_cases(suite)
        for case in self.cases:
            yield ExpectationItem.from_parent(self, name=case.split(" · ", 1)[1], case=case)

    def _invalid(self) -> Finding:
        from seamguard.findings import Location
        from seamguard.quality.suites import load_suite

        state = _state(self)
        display = state.project.relative(self.path)
        try:
            load_suite(self.path, display=display)
        except SeamguardError as exc:
            return Finding(code="quality.suite-invalid", severity=Severity.ERROR,
                           check="quality", message=getattr(exc, "message", str(exc)),
                           hint=getattr(exc, "hint", None),
                           location=Location(file=display, line=getattr(exc, "line", None)))
        raise RuntimeError("the suite loaded the second time")

    def results(self) -> list[Finding]:
        """Every finding of the suite, computed on first use (one query per dataset)."""
        if self._findings is None:
            from seamguard.quality.check import suite_findings

            state = _state(self)
            self._findings, details = suite_findings(state.project, self.suite)
            quality = state.results.setdefault("quality", {"summary": [], "suites": []})
            if details is not None:
                quality["summary"].append(details[0])
                quality["suites"].append(details[1])
        return self._findings


class ExpectationItem(_FindingsItem):
    check = "quality"

    def __init__(self, *, case: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def findings(self) -> list[Finding]:
        parent = self.parent
        assert isinstance(parent, SuiteFile)
        # A finding about the whole suite (its dataset cannot be opened) goes to the first item.
        first = self.case == parent.cases[0]
        return [f for f in parent.results() if f.case_name == self.case
                or (first and f.case_name not in parent.cases)]

    def cases(self) -> list[str]:
        return [self.case]

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.case


class ProjectFile(pytest.File):
    """``pyproject.toml``: the reconciliations it declares, and any other check of
    ``seamguard check`` that has no items of its own (a plugin's check, say)."""

    def collect(self) -> Iterator[pytest.Item]:
        from seamguard.checks import CHECK_ALL

        state = _state(self)
        if state.wants("reconcile"):
            for name in sorted(state.project.settings.reconcile):
                yield ReconcileItem.from_parent(self, name=f"reconcile[{name}]",
                                                reconciliation=name)
        for check in CHECK_ALL:
            if check not in _ITEM_CHECKS and state.wants(check):
                yield CheckItem.from_parent(self, name=f"check[{check}]", check_id=check)


class ReconcileItem(_FindingsItem):
    check = "reconcile"

    def __init__(self, *, reconciliation: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.reconciliation = reconciliation
        self._cases: list[str] = []

    def findings(self) -> list[Finding]:
        from seamguard.quality.reconcile import reconcile_one

        state = _state(self)
        findings, self._cases, counts = reconcile_one(state.project, self.reconciliation)
        if counts is not None:
            state.results.setdefault("reconcile", {"summary": []})["summary"].append(counts)
        return findings

    def cases(self) -> list[str]:
        return self._cases

    def reportinfo(self) -> tuple[Path, int | None, str]:
        from seamguard.project import line_of_setting

        line = line_of_setting(self.path, f"reconcile.{self.reconciliation}")
        return self.path, (line - 1 if line else None), f"reconcile {self.reconciliation}"


class CheckItem(_FindingsItem):
    """A whole check, run as ``seamguard check`` runs it."""

    def __init__(self, *, check_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.check = check_id

    def findings(self) -> list[Finding]:
        from seamguard.runner import run_checks

        state = _state(self)
        report = run_checks(state.project, [self.check], command="pytest",
                            catalog=state.catalog)
        for check, results in report.results.items():
            state.results[check] = results
        return report.findings

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"seamguard check {self.check}"


def _real(path: Path) -> Path:
    """The path with links resolved; unlike Path.resolve on 3.11, a link loop does not raise."""
    return Path(os.path.realpath(path))


def _render(finding: Finding) -> str:
    from seamguard.report.details import detail_lines

    lines = [f"{finding.severity.value} {finding.code}: {finding.message}"]
    loc = finding.location
    if loc.platform:
        lines.append(f"  contract: {loc.platform}@{loc.version}" + (
            f" {loc.operation}" if loc.operation else ""))
    if loc.where:
        lines.append(f"  at: {loc.where}")
    lines.extend(f"  {line}" for line in detail_lines(finding))
    if finding.hint:
        lines.append(f"  hint: {finding.hint}")
    return "\n".join(lines)
