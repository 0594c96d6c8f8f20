"""Rich terminal output: findings grouped by platform and check, then a one-line verdict."""

from __future__ import annotations

from collections import Counter, defaultdict

from rich.console import Console
from rich.table import Table
from rich.text import Text

from seamguard.findings import Finding, Report, Severity
from seamguard.report.details import detail_lines

__all__ = ["render_terminal"]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render_terminal(console: Console, report: Report, *, fail_on: str, limit: int = 200,
                    per_code_limit: int = 20) -> None:
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        loc = finding.location
        platform = f"{loc.platform}@{loc.version}" if loc.platform and loc.version else (
            loc.platform or "project")
        groups[(platform, finding.check)].append(finding)
    shown = 0
    for (platform, check), findings in sorted(groups.items()):
        table = Table(title=Text(f"{platform} · {check}"), title_justify="left", show_lines=False,
                      expand=True, pad_edge=False)
        table.add_column("", width=7, no_wrap=True)
        table.add_column("code", no_wrap=True)
        table.add_column("where", overflow="fold", ratio=2)
        table.add_column("message", overflow="fold", ratio=3)
        per_code: Counter[str] = Counter(f.code for f in findings)
        seen: Counter[str] = Counter()
        for finding in sorted(findings, key=lambda f: (-f.severity.rank, f.location.where)):
            if shown >= limit:
                break
            seen[finding.code] += 1
            if seen[finding.code] > per_code_limit:
                # thousands of one kind (a reconciliation) would bury every other kind
                if seen[finding.code] == per_code_limit + 1:
                    table.add_row("", finding.code, "", Text(
                        f"…and {per_code[finding.code] - per_code_limit} more of this kind "
                        "(not shown here): every one is in report.json and report.html, or "
                        "print them with --format json", style="dim"))
                continue
            shown += 1
            where = finding.location.where
            if finding.location.operation:
                where = f"{finding.location.operation}\n{where}"
            if finding.location.key:
                where += f"\nkey {finding.location.key}"
            message = Text(finding.message)
            for line in detail_lines(finding):
                message.append(f"\n{line}", style="dim")
            if finding.hint:
                message.append(f"\nhint: {finding.hint}", style="dim")
            table.add_row(Text(finding.severity.value, style=_STYLE[finding.severity]),
                          Text(finding.code), Text(where), message)
        console.print(table)
    if len(report.findings) > shown:
        console.print(f"[dim]…{len(report.findings) - shown} more findings not shown here: "
                      "every one is in report.json and report.html[/dim]", highlight=False)
    threshold = Severity(fail_on)
    for run in report.checks:
        # A check's title states what should hold; under a failing check it must not read as
        # a success, so every line leads with the check's own verdict.
        failing = sum(1 for f in report.findings
                      if f.check == run.check and f.severity >= threshold)
        verdict_line = Text()
        if failing:
            verdict_line.append("failed", style="bold red")
            verdict_line.append(f" {run.check}: {failing} finding(s) at {fail_on} or above "
                                f"({run.examined} examined in {run.seconds:.2f}s); not met: "
                                f"{run.title}", style="red")
        else:
            verdict_line.append("passed", style="green")
            verdict_line.append(f" {run.check}: {run.title} ({run.examined} examined in "
                                f"{run.seconds:.2f}s)", style="dim")
        console.print(verdict_line)
    if report.accepted:
        kinds = Counter(f.code for f, _ in report.accepted)
        console.print(Text(f"{len(report.accepted)} finding(s) accepted by the baseline, not "
                           f"failing: {', '.join(f'{c}: {n}' for c, n in kinds.most_common(5))}",
                           style="dim"))
    counts = report.counts()
    failed = report.failed(Severity(fail_on))
    verdict = "[bold red]FAILED[/bold red]" if failed else "[bold green]PASSED[/bold green]"
    console.print(
        f"{verdict} {counts['error']} error(s), {counts['warning']} warning(s), "
        f"{counts['info']} info (failing at {fail_on}) in {report.seconds:.2f}s"
    )
    below = Counter(f.code for f in report.findings
                    if Severity.INFO < f.severity < Severity(fail_on))
    if not failed and below:
        # Passing with warnings is easy to miss in a CI log: say what would fail the run.
        common = ", ".join(f"{code}: {count}" for code, count in below.most_common(3))
        console.print(f"[yellow]note:[/yellow] {sum(below.values())} warning(s) below the "
                      f"threshold ({common}); `--fail-on warning` makes them fail the run",
                      highlight=False)
