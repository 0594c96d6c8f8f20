"""``summary.md``: a short summary that fits a PR comment or ``$GITHUB_STEP_SUMMARY``."""

from __future__ import annotations

from collections import Counter

from seamguard.findings import Finding, Report, Severity

__all__ = ["render_markdown"]

MAX_ROWS = 50
_ICON = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}  # noqa: RUF001


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _where(finding: Finding) -> str:
    loc = finding.location
    parts = []
    if loc.platform:
        parts.append(f"{loc.platform}@{loc.version}" if loc.version else loc.platform)
    if loc.operation:
        parts.append(loc.operation)
    if loc.where:
        parts.append(f"`{loc.where}`")
    return "<br>".join(_cell(p) for p in parts)


def render_markdown(report: Report, *, fail_on: str) -> str:
    threshold = Severity(fail_on)
    counts = report.counts()
    passed = not report.failed(threshold)
    status = "✅ passed" if passed else "❌ failed"
    lines = [
        f"## seamguard {report.command}: {status}",
        "",
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info "
        f"— failing at `{fail_on}` and above; {report.seconds:.1f}s.",
        "",
        "| check | examined | findings |",
        "|---|---:|---:|",
    ]
    for run in report.checks:
        found = sum(1 for f in report.findings if f.check == run.check)
        lines.append(f"| {_cell(run.title)} (`{run.check}`) | {run.examined} | {found} |")
    ordered = sorted(report.findings, key=lambda f: (-f.severity.rank, f.check, f.code))
    if len(ordered) > MAX_ROWS:  # many findings (a reconciliation): counts by kind first
        by_code = Counter((f.check, f.code) for f in ordered)
        lines += ["", "| check | code | findings |", "|---|---|---:|"]
        lines += [f"| `{check}` | `{code}` | {count} |"
                  for (check, code), count in sorted(by_code.items())]
    if ordered:
        lines += ["", "| | code | where | message |", "|---|---|---|---|"]
        for finding in ordered[:MAX_ROWS]:
            lines.append(
                f"| {_ICON[finding.severity]} | `{finding.code}` | {_where(finding)} | "
                f"{_cell(finding.message)} |"
            )
        if len(ordered) > MAX_ROWS:
            lines += ["", f"…and {len(ordered) - MAX_ROWS} more in `report.json`."]
    return "\n".join(lines) + "\n"
