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

The collectors and items are in :mod:`seamguard.pytest_items`, the session state in
:mod:`seamguard.pytest_session`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.errors import SeamguardError
from seamguard.findings import Severity
from seamguard.pytest_items import (
    CassetteFile,
    CheckItem,
    ContractFile,
    ContractItem,
    ExpectationItem,
    InteractionItem,
    MappingFile,
    MappingItem,
    ProjectFile,
    ReconcileItem,
    SuiteFile,
    SyncItem,
    UnreadableItem,
)
from seamguard.pytest_session import _STATE, SeamguardFailure, SeamguardUnusable, _real, _State

__all__ = ["CassetteFile", "CheckItem", "ContractFile", "ContractItem", "ExpectationItem",
           "InteractionItem", "MappingFile", "MappingItem", "ProjectFile", "ReconcileItem",
           "SeamguardFailure", "SeamguardUnusable", "SuiteFile", "SyncItem", "UnreadableItem",
           "pytest_addoption", "pytest_collect_file", "pytest_configure", "pytest_sessionfinish"]


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
    if file_path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return None
    if resolved in state.entries:
        return ContractFile.from_parent(parent, path=file_path) if state.wants("contract") \
            else None
    if resolved.parent == state.mappings_dir:
        return MappingFile.from_parent(parent, path=file_path)
    if resolved.is_relative_to(_real(state.project.cassettes_dir)):
        return CassetteFile.from_parent(parent, path=file_path) if state.wants("recorded") \
            else None
    if resolved.parent == state.suites_dir and file_path.suffix.lower() == ".json":
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
    from seamguard.privacy.guard import mask_cases
    from seamguard.privacy.policy import PrivacyPolicy

    report.cases = mask_cases(state.cases, PrivacyPolicy.from_settings(project.settings.privacy))
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
