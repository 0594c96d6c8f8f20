"""Commands that run checks: the run (progress, baseline, alerts, report files, output) and the
commands that only run checks."""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from seamguard.checks import CHECK_ALL

if TYPE_CHECKING:  # rich is imported when something is printed, not to start a command
    from rich.progress import Progress

from seamguard.cli_app import _exit, _stderr, _stdout, app, contract_app, drift_app, escape, map_app
from seamguard.cli_options import (
    BaselineOpt,
    DebugOpt,
    FailOn,
    FailOnOpt,
    Format,
    FormatOpt,
    OnlyOpt,
    ProjectOpt,
    ReportsOpt,
)


class _ProgressEvents:
    """Draws one progress bar per check on stderr while it runs (only on a terminal)."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self._tasks: dict[str, Any] = {}

    def check_started(self, check: str, title: str) -> None:
        if self._progress is not None:
            self._tasks[check] = self._progress.add_task(title, total=None, item="")

    def progress(self, check: str, done: int, total: int, label: str) -> None:
        if self._progress is not None and check in self._tasks:
            self._progress.update(self._tasks[check], completed=done, total=total, item=label)

    def check_finished(self, check: str, findings: int) -> None:
        if self._progress is not None and check in self._tasks:
            self._progress.remove_task(self._tasks.pop(check))


def _run(
    command: str,
    checks: list[str],
    project_dir: Path | None,
    fail_on: FailOn | None,
    output: Format,
    reports: Path | None,
    options: dict[str, Any] | None = None,
    only: list[str] | None = None,
    baseline: Path | None = None,
) -> int:
    from seamguard.project import find_project
    from seamguard.report import prepare_folder, write_reports
    from seamguard.report.json_report import render_json
    from seamguard.report.markdown import render_markdown
    from seamguard.report.terminal import render_terminal
    from seamguard.runner import exit_code, run_checks

    project = find_project(project_dir, explicit=project_dir is not None)
    threshold = (fail_on.value if fail_on else None) or project.settings.fail_on
    if only:
        from seamguard.checks import parse_only

        options = {**(options or {}), "only": parse_only(project, only, checks, command)}
    folder = reports if reports is not None else project.reports_dir
    # Before the checks run: a long run must not end in "cannot write the reports".
    if reports is not None:
        prepare_folder(folder, source="--reports")
    else:
        prepare_folder(folder, source=f"reports = {project.settings.reports!r}",
                       file=project.relative(project.pyproject),
                       line=project.setting_line("reports"))
    progress = None
    if output is Format.text and _stderr().is_terminal:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("[dim]{task.fields[item]}"),
                            console=_stderr(), transient=True)
    if progress is not None:
        with progress:
            report = run_checks(project, checks, command=command, options=options,
                                events=_ProgressEvents(progress))
    else:
        report = run_checks(project, checks, command=command, options=options)
    _apply_baseline(project, report, baseline, complete=not only)
    if report.alerts:
        from seamguard.alerts import dispatch

        report.extend(dispatch(project, report, folder))
    written = write_reports(report, folder, fail_on=threshold, project_root=project.root,
                            editor_url=project.settings.editor_url)
    if os.environ.get("GITHUB_ACTIONS") == "true" and output is Format.text:
        # Only beside text: JSON or Markdown on stdout is usually piped into a file.
        from seamguard.report.annotations import render_annotations

        sys.stdout.write(render_annotations(report))
    if output is Format.json:
        sys.stdout.write(render_json(report, fail_on=threshold))
    elif output is Format.markdown:
        sys.stdout.write(render_markdown(report, fail_on=threshold))
    else:
        render_terminal(_stdout(), report, fail_on=threshold)
        _stdout().print(f"[dim]reports: {escape(_shown_reports(project, written))}[/dim]",
                        highlight=False)
    return exit_code(report, threshold)



def _shown_reports(project: Any, written: list[Path]) -> str:
    """The report files, a sub-folder of many (probe's replays) as one entry with a count."""
    folders: dict[Path, list[Path]] = {}
    for path in written:
        folders.setdefault(path.parent, []).append(path)
    top = min(folders, key=lambda folder: len(folder.parts)) if folders else None
    shown: list[str] = []
    for folder, paths in folders.items():
        if folder != top and len(paths) > 3:
            shown.append(f"{project.relative(folder)}/ ({len(paths)} files)")
        else:
            shown.extend(project.relative(path) for path in paths)
    return ", ".join(shown)


def _apply_baseline(project: Any, report: Any, given: Path | None, *, complete: bool) -> None:
    """Accept the findings of the baseline file (``--baseline``, else the settings)."""
    configured = project.settings.baseline
    path = given if given is not None else (project.root / configured if configured else None)
    if path is None:
        return
    from datetime import date

    from seamguard.baseline import apply_baseline, load_baseline

    source = project.relative(path)
    apply_baseline(report, load_baseline(path, display=source), today=date.today(),
                   source=source, complete=complete)


# The options every check command takes, declared once; a command adds its own before --debug.
_KEYWORD = inspect.Parameter.KEYWORD_ONLY
_OPTIONS = [
    inspect.Parameter("project", _KEYWORD, default=None, annotation=ProjectOpt),
    inspect.Parameter("fail_on", _KEYWORD, default=None, annotation=FailOnOpt),
    inspect.Parameter("output", _KEYWORD, default=Format.text, annotation=FormatOpt),
    inspect.Parameter("reports", _KEYWORD, default=None, annotation=ReportsOpt),
    inspect.Parameter("only", _KEYWORD, default=None, annotation=OnlyOpt),
    inspect.Parameter("baseline", _KEYWORD, default=None, annotation=BaselineOpt),
]
_DEBUG = inspect.Parameter("debug", _KEYWORD, default=False, annotation=DebugOpt)
_SEED = inspect.Parameter("seed", _KEYWORD, default=None, annotation=Annotated[
    int | None, typer.Option(
        "--seed", help="Seed of the sync properties (default: the `seed` setting, else one "
                       "derived from each target, the same on every run; printed).")])


def _check_command(group: typer.Typer, name: str, checks: list[str], command: str,
                   doc: str, *, extra: tuple[inspect.Parameter, ...] = ()) -> None:
    """Register a command that runs ``checks`` with the options every check command takes,
    and ``extra`` ones, which become the check options of the run when given."""

    def run_command(**given: Any) -> None:
        options = {p.name: given[p.name] for p in extra if given[p.name] is not None}
        _exit(lambda: _run(command, checks, given["project"], given["fail_on"],
                           given["output"], given["reports"], options or None,
                           only=given["only"], baseline=given["baseline"]), given["debug"])

    # typer reads the options from the signature: the shared ones, the command's, then --debug
    run_command.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [*_OPTIONS, *extra, _DEBUG])
    run_command.__doc__ = doc
    run_command.__name__ = f"{command.replace(' ', '_')}_command"
    group.command(name)(run_command)


_check_command(app, "check", CHECK_ALL, "check",
               "Run every check: contracts, mappings and their examples, recordings through "
               "both, sync\n    properties, data-quality suites and reconciliations.",
               extra=(_SEED,))
_check_command(app, "verify", ["recorded"], "verify",
               "Check every recorded response (vcrpy cassettes) against its contract.")
_check_command(contract_app, "lint", ["contract"], "contract lint",
               "Check that each contract is valid OpenAPI 3.0/3.1 and free of known traps.")
_check_command(map_app, "lint", ["mapping"], "map lint",
               "Check each mapping against both contracts, statically, before any data flows.")
_check_command(drift_app, "run", ["drift.nightly"], "drift run",
               "The nightly job: fetch the live requests, record them scrubbed, compare with "
               "the contracts and report only what is new or worse.")
_check_command(drift_app, "observe", ["drift.observed"], "drift observe",
               "Profile recorded payloads field by field and compare with the contracts, with "
               "counts, confidence and the mappings each difference breaks.")
_check_command(app, "reconcile", ["reconcile"], "reconcile",
               "Reconcile each source extract with its synced target through the mapping: "
               "missing and extra keys, field differences, counts per status, money totals.")
