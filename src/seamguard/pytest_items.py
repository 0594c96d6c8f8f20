"""The pytest plugin's collectors and items: contracts, mappings, cassettes, suites, and the
reconciliations and other checks of ``pyproject.toml``."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from seamguard.errors import SeamguardError, UsageError
from seamguard.findings import Finding, Severity
from seamguard.pytest_session import SeamguardFailure, SeamguardUnusable, _real, _state

_MAPPING_CHECKS = ("mapping", "mapping.examples", "mapping.recorded", "sync")
# Checks with items of their own; any other check of `seamguard check` is one item per check.
_ITEM_CHECKS = frozenset({"contract", "recorded", "quality", "reconcile", *_MAPPING_CHECKS})


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
            code = exc.finding_code("quality.suite-invalid") \
                if isinstance(exc, UsageError) else "quality.suite-invalid"
            return Finding(code=code, severity=Severity.ERROR,
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
