"""GitHub Actions workflow commands: ``::error file=…,line=…,title=…::message`` per finding, so a
pull request shows each one beside the line it concerns. Written when ``GITHUB_ACTIONS`` is set.
"""

from __future__ import annotations

from seamguard.findings import Finding, Report, Severity
from seamguard.report.details import round_robin

__all__ = ["MAX_ANNOTATIONS", "render_annotations"]

# GitHub keeps only a few annotations per step and kind; more would only slow the log down.
MAX_ANNOTATIONS = 50
_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding) -> str:
    loc = finding.location
    properties = []
    if loc.file and "://" not in loc.file:
        properties.append(f"file={_property(loc.file)}")
        if loc.line:
            properties.append(f"line={loc.line}")
    properties.append(f"title={_property(f'seamguard {finding.code}')}")
    message = finding.message
    if loc.operation:
        message = f"{loc.operation}: {message}"
    if finding.hint:
        message += f"\nhint: {finding.hint}"
    return f"::{_COMMAND[finding.severity]} {','.join(properties)}::{_data(message)}"


def render_annotations(report: Report, *, min_severity: str = "warning") -> str:
    """One workflow command per finding at or above ``min_severity`` (a fair sample when many).

    Args:
        report: the run's report.
        min_severity: the lowest severity annotated.

    Returns:
        Lines to print on standard output (empty when nothing qualifies).
    """
    floor = Severity(min_severity)
    chosen = round_robin((f for f in report.findings if f.severity >= floor), MAX_ANNOTATIONS)
    return "".join(_annotation(f) + "\n" for f in chosen)
