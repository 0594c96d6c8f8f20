"""`seamguard sync test`."""

from __future__ import annotations

from typing import Annotated

import typer

from seamguard.cli_app import _exit, sync_app
from seamguard.cli_options import DebugOpt, FailOnOpt, Format, FormatOpt, ProjectOpt, ReportsOpt
from seamguard.cli_run import _run


@sync_app.command("test")
def sync_test(
    target: Annotated[str | None, typer.Option("--target", "-t",
                                               help="Only this sync target.")] = None,
    examples: Annotated[int | None, typer.Option(
        "--examples", "-n", min=1, help="Hypothesis examples per target (the budget).")] = None,
    seed: Annotated[int | None, typer.Option(
        help="Seed, to replay a reported failure (default: the `seed` setting, else a new "
             "random seed each run, printed).")] = None,
    variant: Annotated[str | None, typer.Option(
        help="Run the target with this deliberately broken variant (its `{variant}`).")] = None,
    save_regressions: Annotated[bool, typer.Option(
        "--save-regressions", help="Write each failing script as a regression example, "
                                   "replayed first on every later run.")] = False,
    project: ProjectOpt = None,
    fail_on: FailOnOpt = None,
    output: FormatOpt = Format.text,
    reports: ReportsOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Deliver generated event histories to each sync target (duplicates, reordering, faults)
    and check every sync property against the reference model (docs/sync.md)."""
    options = {"target": target, "every_target": True, "examples": examples, "seed": seed,
               "explore": True, "variant": variant, "save_regressions": save_regressions}
    _exit(lambda: _run("sync test", ["sync"], project, fail_on, output, reports, options), debug)
