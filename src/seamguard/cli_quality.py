"""`seamguard quality` and `suites generate`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from seamguard.cli_app import _exit, _stdout, app, escape, suites_app
from seamguard.cli_options import (
    BaselineOpt,
    DebugOpt,
    FailOnOpt,
    Format,
    FormatOpt,
    OnlyOpt,
    ProjectOpt,
    ReportsOpt,
)
from seamguard.cli_run import _run


class Engine(StrEnum):
    auto = "auto"
    compiled = "compiled"
    gx = "gx"


@app.command("quality")
def quality(
    project: ProjectOpt = None,
    engine: Annotated[Engine | None, typer.Option(
        "--engine", help="auto: compiled SQL, GX for the rest; gx: everything through GX.")] = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    only: OnlyOpt = None,
    baseline: BaselineOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Run every expectation suite in suites/ on its dataset (files, PostgreSQL, Spark)."""
    options = {"engine": engine.value} if engine is not None else {}
    _exit(lambda: _run("quality", ["quality"], project, fail_on, output, reports, options,
                       only=only, baseline=baseline), debug)


@suites_app.command("generate")
def suites_generate(
    datasets: Annotated[list[str] | None, typer.Argument(
        help="Datasets to generate for (default: every dataset with a mapping or contract).")]
    = None,
    project: ProjectOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show changes, write nothing.")]
    = False,
    debug: DebugOpt = False,
) -> None:
    """Derive expectations from the contracts and mappings; hand-written ones are kept."""

    def run() -> int:
        from seamguard.project import find_project
        from seamguard.quality.generate import write_suites

        loaded = find_project(project, explicit=project is not None)
        changes = write_suites(loaded, datasets or None, dry_run=dry_run)
        if not changes:
            _stdout().print("no suite to generate: no dataset under \\[tool.seamguard.datasets] "
                            "names a `mapping` or a `contract` (platform@version#/pointer of its "
                            "records); see docs/quality.md", highlight=False)
        for change in changes:
            state = "created" if change.created else (
                "updated" if change.added or change.removed else "unchanged")
            _stdout().print(f"[bold]{escape(loaded.relative(change.path))}[/bold] {state}: "
                            f"+{len(change.added)} -{len(change.removed)} generated, "
                            f"{change.kept_generated} kept, {change.hand_written} hand-written kept"
                            + (" (dry run)" if dry_run else ""), highlight=False)
            from rich.text import Text

            for line in change.added:
                _stdout().print(Text(f"  + {line}", style="green"))
            for line in change.removed:
                _stdout().print(Text(f"  - {line}", style="red"))
            for finding in change.warnings:
                _stdout().print(Text(f"  warning {finding.code}: {finding.message}",
                                     style="yellow"))
        return 0

    _exit(run, debug)
