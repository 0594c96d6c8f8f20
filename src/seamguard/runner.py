"""Run checks on a project and collect one Report. The CLI and the pytest plugin both call this."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from seamguard.checks import CHECKS, Events, RunContext, SilentEvents
from seamguard.contracts.catalog import ContractCatalog
from seamguard.errors import REFUSED
from seamguard.findings import CheckRun, Finding, Location, Report, Severity
from seamguard.privacy.guard import mask_cases, mask_findings
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.project import Project

__all__ = ["INVALID_PROJECT_CODES", "exit_code", "run_checks"]

# Findings that mean the project cannot be checked as configured (exit code 2, not 1).
INVALID_PROJECT_CODES = frozenset({"contract.invalid", "contract.unloadable", "mapping.invalid",
                                   REFUSED})


def run_checks(
    project: Project,
    check_ids: Sequence[str],
    *,
    command: str,
    events: Events | None = None,
    catalog: ContractCatalog | None = None,
    options: Mapping[str, Any] | None = None,
) -> Report:
    """Run the named checks in order; a check's findings never stop the next one.

    Every finding passes the privacy guard here, before any reporter, alert or caller sees it:
    personal values a check quoted are masked, secrets redacted.
    """
    events = events or SilentEvents()
    specs = [CHECKS.get(check_id) for check_id in check_ids]
    project.check_layout()
    context = RunContext(project=project, catalog=catalog or ContractCatalog(project),
                         events=events, options=dict(options or {}),
                         checks=tuple(check_ids))
    privacy = PrivacyPolicy.from_settings(project.settings.privacy)
    report = Report(project=str(project.root), command=command,
                    started_at=datetime.now(UTC).isoformat(timespec="seconds"), privacy=privacy)
    started = time.perf_counter()
    for spec in specs:
        context.check, context.examined = spec.id, 0
        events.check_started(spec.id, spec.title)
        began = time.perf_counter()
        findings = list(spec.load()(context))
        report.extend(findings)  # masked on the way in
        report.checks.append(CheckRun(spec.id, spec.title, context.examined,
                                      time.perf_counter() - began))
        events.check_finished(spec.id, len(findings))
    if command not in _EVERY_PILLAR and not report.findings and specs and all(
            spec.id in _NOTHING_TO_DO for spec in specs) and not any(
            run.examined for run in report.checks):
        table, hint = _NOTHING_TO_DO[specs[0].id]
        report.extend([_nothing_examined(project, command, specs[0].id, table, hint)])
    report.alerts = list(mask_findings(context.alerts, privacy))
    report.cases = mask_cases(context.cases, privacy)
    report.results = context.results
    report.seconds = time.perf_counter() - started
    if command not in _EVERY_PILLAR and specs and all(
            spec.id in _EXPLAINED_NOTHING for spec in specs) and not any(
            run.examined for run in report.checks) and not report.failed(Severity.ERROR):
        report.extend([_examined_nothing(project, command, specs[0].id, report)])
    return report


# `seamguard check`, and the pytest items that run a check as `check` runs it.
_EVERY_PILLAR = frozenset({"check", "pytest"})
# What a command of one pillar needs to have anything to examine: (settings table, hint).
# `check` runs every pillar, so an empty one there is no failure; a command asked for one
# pillar that finds nothing to examine would pass a CI job that checks nothing.
_NOTHING_TO_DO = {
    "contract": ("platforms", "declare the platforms under [tool.seamguard.platforms] with their "
                 "versions, and put each version's OpenAPI document in "
                 "contracts/<platform>/<version>/"),
    "mapping": ("mapping", "put field mappings in contracts/mappings/<source>-to-<target>.yaml"),
    "mapping.examples": ("mapping", "add golden `examples` to the mappings in "
                         "contracts/mappings/"),
    "quality": ("datasets", "declare datasets under [tool.seamguard.datasets] and their suites "
                "in the suites folder (`seamguard suites generate` writes one)"),
    "reconcile": ("reconcile", "declare a reconciliation under [tool.seamguard.reconcile.NAME] "
                  "(mapping, source, target)"),
    "sync": ("sync.targets", "declare a sync target under [tool.seamguard.sync.targets.NAME]"),
    "privacy": ("privacy", "record cassettes or add fixtures for the scan to read"),
}


def _nothing_examined(project: Project, command: str, check: str, table: str, hint: str,
                      why: list[str] | None = None) -> Finding:
    """`run.nothing-examined`; `why` lists the codes of a check that explained itself."""
    if why is None:
        what = "found nothing to examine in this project"
    else:
        what = "examined nothing" + (f" (see {', '.join(why)})" if why else "")
    return Finding(
        code="run.nothing-examined", severity=Severity.ERROR, check=check,
        message=f"`seamguard {command}` {what}, so a pass would mean nothing",
        location=Location(file=project.relative(project.pyproject),
                          line=project.setting_line(table), pointer=f"tool.seamguard.{table}"),
        hint=hint)


def exit_code(report: Report, fail_on: str) -> int:
    """0 clean, 1 findings at or above the threshold, 2 the project is invalid."""
    if any(finding.code in INVALID_PROJECT_CODES for finding in report.findings):
        return 2
    return 1 if report.failed(Severity(fail_on)) else 0


# Commands of one pillar that say why they examined nothing with a warning of their own
# (`recorded.none`, `cassette.empty`, `drift.nothing-to-fetch`, `probe.nothing-probed`): the
# warning explains, but a CI job running only that command must not pass on it.
# check id -> (settings table, hint)
_EXPLAINED_NOTHING = {
    "recorded": ("cassettes", "record platform responses with vcrpy into the cassettes folder"),
    "drift.nightly": ("platforms", "add [[tool.seamguard.platforms.<name>.live]] requests or a "
                      "[tool.seamguard.platforms.<name>.published_spec] to a platform"),
    "probe": ("platforms", "probe a contract that has operations the filters and --allow-unsafe "
              "select"),
}


def _examined_nothing(project: Project, command: str, check_id: str, report: Report) -> Finding:
    table, hint = _EXPLAINED_NOTHING[check_id]
    check = check_id.split(".", 1)[0]  # drift.nightly's findings are the drift check's
    why = sorted({finding.code for finding in report.findings if finding.check == check})
    return _nothing_examined(project, command, check, table, hint, why)
