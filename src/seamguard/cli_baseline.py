"""`seamguard baseline save`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from seamguard.cli_app import _exit, _stdout, baseline_app
from seamguard.cli_options import DebugOpt, FailOn, ProjectOpt
from seamguard.cli_paths import path_parser


@baseline_app.command("save")
def baseline_save(
    reason: Annotated[str, typer.Option("--reason", help="Why these findings are acceptable "
                                                         "(kept with each entry).")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", parser=path_parser(dir_okay=False), metavar="FILE",
        help="The baseline file (default: settings baseline, else seamguard-baseline.yaml).")]
        = None,
    report_file: Annotated[Path | None, typer.Option(
        "--report", parser=path_parser(dir_okay=False), metavar="FILE",
        help="The run to accept (default: reports/report.json).")]
        = None,
    min_severity: Annotated[FailOn, typer.Option(
        "--min-severity", help="Accept findings from this severity up.")] = FailOn.warning,
    expires: Annotated[str | None, typer.Option(
        "--expires", metavar="YYYY-MM-DD", help="Last day the new entries apply.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who accepts them.")] = None,
    project: ProjectOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Accept the findings of the last run (report.json): later runs with --baseline (or the
    `baseline` setting) show them without failing, fail on new ones and say which were fixed."""

    def run() -> int:
        from datetime import date

        from seamguard.baseline import load_baseline, save_baseline
        from seamguard.documents import load_document
        from seamguard.errors import DocumentError, UsageError
        from seamguard.findings import Severity
        from seamguard.project import find_project
        from seamguard.report.json_reading import report_findings

        for option, value in (("--reason", reason), ("--owner", owner)):
            if value is not None and not value.strip():
                raise UsageError(f"{option} is empty: every accepted finding keeps it",
                                 hint=f'say it in words, e.g. {option} "'
                                      + ('known upstream bug, ticket 123"' if option == "--reason"
                                         else 'ops@example.cn"'))
        loaded = find_project(project, explicit=project is not None)
        source = report_file or loaded.reports_dir / "report.json"
        try:
            data = load_document(source, display=str(source))
        except DocumentError as exc:
            raise UsageError(f"cannot read the run's findings: {exc.message}",
                             file=str(source), line=exc.line,
                             hint="run a seamguard command first") from None
        found = report_findings(data, source)
        try:
            until = date.fromisoformat(expires) if expires else None
        except ValueError:
            raise UsageError(f"--expires {expires!r} is not a date", hint="e.g. 2027-01-31"
                             ) from None
        target = output or loaded.root / (loaded.settings.baseline or "seamguard-baseline.yaml")
        previous = load_baseline(target) if target.is_file() else None
        floor = Severity(min_severity.value)
        chosen = [f for f in found if f.severity >= floor and not f.code.startswith("baseline.")]
        ran = [str(check.get("id")) for check in data.get("checks", [])]
        baseline, added = save_baseline(target, chosen, reason=reason, previous=previous,
                                        owner=owner, expires=until, ran=ran)
        command = data.get("command") if isinstance(data.get("command"), str) else None
        of_run = f" (the run of `seamguard {command}`)" if command else ""
        _stdout().print(f"{loaded.relative(target)}: {len(baseline.accept)} accepted "
                        f"({added} new) from {len(chosen)} finding(s) of "
                        f"{loaded.relative(source)}{of_run}", highlight=False)
        if not chosen and command not in (None, "check"):
            # Every command writes report.json: after `record` it holds the recording's run,
            # not the check whose findings the user means to accept.
            _stdout().print(f"note: nothing accepted — {loaded.relative(source)} is the report "
                            f"of `seamguard {command}`, the last command run; run `seamguard "
                            "check`, then save the baseline again", highlight=False)
        if not loaded.settings.baseline and output is None:
            _stdout().print("use it with --baseline seamguard-baseline.yaml, or set "
                            "baseline = \"seamguard-baseline.yaml\" in \\[tool.seamguard]",
                            highlight=False)
        return 0

    _exit(run, debug)
