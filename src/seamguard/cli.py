"""The ``seamguard`` command: a thin face over the runner.

Exit codes: 0 clean; 1 findings at or above ``--fail-on``; 2 the project or the command is invalid
(the message names the file, line or JSON path, and a hint). No traceback unless ``--debug``.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from seamguard.errors import SeamguardError

__all__ = ["app", "main"]

app = typer.Typer(
    name="seamguard",
    help="Contract, mapping, sync and data-quality checks for CRM / shop / carrier integrations.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
contract_app = typer.Typer(help="Work with the OpenAPI contracts.", no_args_is_help=True)
app.add_typer(contract_app, name="contract")

def _console(*, stderr: bool = False) -> Console:
    """A console; in CI logs (no terminal) wide enough that file paths are not folded."""
    console = Console(stderr=stderr)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console = Console(stderr=stderr, width=160)
    return console


stdout = _console()
stderr = _console(stderr=True)


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class Format(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


ProjectOpt = Annotated[
    Path | None,
    typer.Option("--project", "-p", help="Project folder (default: nearest with [tool.seamguard]).",
                 file_okay=False),
]
FailOnOpt = Annotated[
    FailOn | None,
    typer.Option("--fail-on", help="Lowest severity that fails the run (default from settings)."),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="What to print on stdout.")]
ReportsOpt = Annotated[
    Path | None, typer.Option("--reports", help="Folder for report files (default: reports/).")
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")]


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
) -> int:
    from seamguard.project import find_project
    from seamguard.report import write_reports
    from seamguard.report.json_report import render_json
    from seamguard.report.markdown import render_markdown
    from seamguard.report.terminal import render_terminal
    from seamguard.runner import exit_code, run_checks

    project = find_project(project_dir, explicit=project_dir is not None)
    threshold = (fail_on.value if fail_on else None) or project.settings.fail_on
    progress = None
    if stderr.is_terminal and output is Format.text:
        progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("[dim]{task.fields[item]}"),
                            console=stderr, transient=True)
    if progress is not None:
        with progress:
            report = run_checks(project, checks, command=command, events=_ProgressEvents(progress))
    else:
        report = run_checks(project, checks, command=command)
    folder = reports if reports is not None else project.reports_dir
    written = write_reports(report, folder, fail_on=threshold)
    if output is Format.json:
        sys.stdout.write(render_json(report, fail_on=threshold))
    elif output is Format.markdown:
        sys.stdout.write(render_markdown(report, fail_on=threshold))
    else:
        render_terminal(stdout, report, fail_on=threshold)
        shown = ", ".join(project.relative(path) for path in written)
        stdout.print(f"[dim]reports: {shown}[/dim]")
    return exit_code(report, threshold)


@app.command()
def check(
    project: ProjectOpt = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Run every configured check: contracts, then recordings."""
    _exit(lambda: _run("check", ["contract", "recorded"], project, fail_on, output, reports),
          debug)


@app.command()
def verify(
    project: ProjectOpt = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Check every recorded response (vcrpy cassettes) against its contract."""
    _exit(lambda: _run("verify", ["recorded"], project, fail_on, output, reports), debug)


@contract_app.command("lint")
def contract_lint(
    project: ProjectOpt = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Check that each contract is valid OpenAPI 3.0/3.1 and free of known traps."""
    _exit(lambda: _run("contract lint", ["contract"], project, fail_on, output, reports), debug)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to create the project in.")] = Path(),
    debug: DebugOpt = False,
) -> None:
    """Create a new seamguard project (settings, folders, a starter contract) in a folder."""

    def scaffold() -> int:
        from seamguard.scaffold import create_project

        created = create_project(directory)
        for path in created:
            stdout.print(f"created {path}")
        stdout.print("next: put your contracts in contracts/<platform>/<version>/openapi.yaml, "
                     "record cassettes into fixtures/cassettes/, then run `seamguard check`")
        return 0

    _exit(scaffold, debug)


def _version_callback(value: bool) -> None:
    if value:
        from seamguard import __version__

        stdout.print(f"seamguard {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version_callback,
                                          is_eager=True, help="Show the version.")] = False,
) -> None:
    """seamguard: make integration failures loud, early and easy to debug."""


def _exit(action: Any, debug: bool) -> None:
    try:
        code = action()
    except SeamguardError as exc:
        if debug:
            raise
        stderr.print(f"[bold red]error:[/bold red] {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    except (KeyboardInterrupt, typer.Exit):
        raise
    except Exception as exc:
        if debug:
            raise
        stderr.print(
            f"[bold red]internal error:[/bold red] {type(exc).__name__}: {exc}\n"
            "  hint: run again with --debug for the traceback, and report it with that output",
            highlight=False, soft_wrap=True,
        )
        raise typer.Exit(3) from None
    raise typer.Exit(code)


def main() -> None:
    app()
