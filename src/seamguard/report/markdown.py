"""``summary.md``: a short summary that fits a PR comment or ``$GITHUB_STEP_SUMMARY``.

The verdict and the counts per check come first; then, when there are findings, the count per
kind and a sample taken in turn from every check and code, with expected/actual values and
sample rows, so a run with 6,000 missing keys still shows its one field difference.
"""

from __future__ import annotations

from collections import Counter

from seamguard.findings import Finding, Report, Severity
from seamguard.report.details import detail_lines, round_robin

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
    if loc.key:
        parts.append(f"key `{loc.key}`")
    return "<br>".join(_cell(p) for p in parts)


def _message(finding: Finding) -> str:
    lines = finding.message.splitlines() or [""]
    text = lines[0] + (f" (+{len(lines) - 1} lines in report.html)" if len(lines) > 1 else "")
    details = detail_lines(finding, samples=2, limit=120)
    return "<br>".join(_cell(line) for line in [text, *(f"<sub>{d}</sub>" for d in details)])


def render_markdown(report: Report, *, fail_on: str) -> str:
    """The run as Markdown: verdict, counts per check, counts per kind, a fair sample."""
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
        "| check | examined | findings | failing |",
        "|---|---:|---:|---:|",
    ]
    for run in report.checks:
        found = [f for f in report.findings if f.check == run.check]
        failing = sum(1 for f in found if f.severity >= threshold)
        lines.append(f"| {_cell(run.title)} (`{run.check}`) | {run.examined} | {len(found)} "
                     f"| {failing} |")
    if report.accepted:
        kinds = Counter(f.code for f, _ in report.accepted)
        lines += ["", f"{len(report.accepted)} finding(s) accepted by the baseline (not "
                      "failing): " + ", ".join(f"`{code}`: {n}" for code, n in
                                               kinds.most_common(10))]
    if not report.findings:
        return "\n".join(lines) + "\n"
    by_code = Counter((f.check, f.code, f.severity) for f in report.findings)
    if len(by_code) > 1:
        lines += ["", "| check | code | severity | findings |", "|---|---|---|---:|"]
        lines += [f"| `{check}` | `{code}` | {_ICON[sev]} {sev.value} | {count} |"
                  for (check, code, sev), count in sorted(
                      by_code.items(), key=lambda item: (-item[0][2].rank, item[0][:2]))]
    shown = round_robin(report.findings, MAX_ROWS)
    lines += ["", "| | code | where | message |", "|---|---|---|---|"]
    for finding in shown:
        lines.append(f"| {_ICON[finding.severity]} | `{finding.code}` | {_where(finding)} | "
                     f"{_message(finding)} |")
    if len(report.findings) > len(shown):
        lines += ["", f"…a sample of {len(shown)} across every check and code; all "
                      f"{len(report.findings)} findings are in `report.json` and "
                      "`report.html`."]
    return "\n".join(lines) + "\n"
