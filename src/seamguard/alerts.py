"""Alerts: one short message per run, through apprise, for what someone should look at now.

Checks decide what is worth an alert (the nightly drift job: only new or worsened findings; the
quality and reconciliation checks: failures) and hand those findings to ``RunContext.alert``.
After the run, :func:`dispatch` sends one message with a summary, the most important findings and
where the full report is, to every apprise URL configured for the project (Slack, DingTalk,
WeCom, Feishu/Lark, e-mail, a generic JSON webhook...).

Apprise URLs carry their tokens, so they are read only from environment variables named in
``[tool.seamguard.alerts] urls_env``; neither the URLs nor personal data ever reach a message, a
report or a log: finding text passes through :func:`mask_text` first, and a failed notification is
reported by service name only.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from seamguard.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from seamguard.checks import RunContext
    from seamguard.findings import Report
    from seamguard.project import Project

__all__ = ["Message", "compose", "counted", "dispatch", "mask_text", "summarise"]

CHECK_ID = "alerts"
# The message lists this many findings; the rest are counted and left to the report.
SHOWN = 10



@dataclass(frozen=True)
class Message:
    """What is sent: a title line, a plain-text body, and apprise's notification type."""

    title: str
    body: str
    notify_type: str  # "failure" | "warning" | "info"


def mask_text(text: str) -> str:
    """Personal data and secrets in free text masked (see :func:`seamguard.privacy.mask_text`)."""
    from seamguard.privacy.guard import mask_text as mask

    return mask(text)


def summarise(check: str, findings: Iterable[Finding],
              at_least: Severity = Severity.WARNING) -> list[Finding]:
    """One alert finding per finding code, with counts only: for checks whose findings carry
    data values (quality samples, reconciliation differences), which must not reach a message."""
    counts: Counter[str] = Counter()
    worst: dict[str, Severity] = {}
    for finding in findings:
        if finding.severity >= at_least:
            counts[finding.code] += 1
            worst[finding.code] = max(worst.get(finding.code, finding.severity),
                                      finding.severity, key=lambda s: s.rank)
    return [Finding(code=code, severity=worst[code], check=check,
                    message=f"{count:,} finding(s) of this kind; details in the report")
            for code, count in sorted(counts.items())]


def counted(context: RunContext, check: str, findings: Iterable[Finding]) -> Iterator[Finding]:
    """Pass ``findings`` through, then ask the run to alert about them by counts only."""
    seen: list[Finding] = []
    for finding in findings:
        seen.append(finding)
        yield finding
    context.alert(summarise(check, seen))


def compose(project: Project, report: Report, findings: Sequence[Finding],
            report_path: str) -> Message:
    """One message for ``findings`` (already chosen as alert-worthy) from one ``report``."""
    worst = max((finding.severity for finding in findings), default=Severity.INFO)
    by_severity = Counter(finding.severity.value for finding in findings)
    counts = ", ".join(f"{by_severity[s.value]} {s.value}" for s in reversed(Severity)
                       if by_severity[s.value])
    name = project.root.name
    title = f"seamguard {report.command} on {name}: {len(findings)} to look at ({counts})"
    lines: list[str] = []
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, f.check, f.code))
    for finding in ordered[:SHOWN]:
        where = _where(finding.location)
        lines.append(f"- [{finding.severity.value}] {finding.code}{where}: "
                     f"{mask_text(finding.message)}")
    if len(ordered) > SHOWN:
        lines.append(f"- ... and {len(ordered) - SHOWN} more in the report")
    lines.append("")
    lines.append(f"Report: {report_path}")
    kind = {Severity.ERROR: "failure", Severity.WARNING: "warning"}.get(worst, "info")
    return Message(title=title, body="\n".join(lines), notify_type=kind)


def _where(location: Location) -> str:
    parts = [part for part in (location.platform, location.version, location.operation,
                               location.pointer) if part]
    return f" ({' '.join(parts)})" if parts else ""


def dispatch(project: Project, report: Report, reports_dir: Path) -> list[Finding]:
    """Send one message for the findings the checks asked to alert about.

    Returns findings about the sending itself (sent, not configured, failed), for the report.
    """
    settings = project.settings.alerts
    chosen = [finding for finding in report.alerts
              if _topic(finding.check) in settings.on
              and finding.severity >= Severity(settings.min_severity)]
    if not chosen:
        return []
    urls, missing = _urls(settings.urls_env)
    if not urls:
        if not settings.urls_env:
            return []  # alerts are not configured: the report and the exit code say it all
        return [Finding(
            code="alert.not-configured", severity=Severity.WARNING, check=CHECK_ID,
            message=f"{len(chosen)} finding(s) to alert about, but no alert was sent: "
                    f"{', '.join(missing)} is not set",
            location=Location(file="pyproject.toml", pointer="tool.seamguard.alerts.urls_env"),
            hint="export the variable with one or more apprise URLs (space-separated), e.g. "
                 "slack://..., dingtalk://..., wecombot://..., feishu://..., mailto://...")]
    urls, repeated = _distinct(urls)
    link = settings.report_url or _report_location(project, reports_dir)
    message = compose(project, report, chosen, link)
    return repeated + _send(urls, message, settings.timeout, len(chosen),
                            deadline=project.settings.network.deadline)


def _distinct(urls: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[Finding]]:
    """Each URL once (a destination listed twice would get every alert twice), and a warning
    naming where each repeat was written; the URL itself is never shown."""
    first: dict[str, tuple[str, int]] = {}
    kept: list[tuple[str, str]] = []
    findings: list[Finding] = []
    counts: dict[str, int] = {}
    for env, url in urls:
        counts[env] = counts.get(env, 0) + 1
        if url in first:
            env0, index0 = first[url]
            findings.append(Finding(
                code="alert.repeated-url", severity=Severity.WARNING, check=CHECK_ID,
                message=f"alert URL {counts[env]} of {env} (service `{_service(url)}`) repeats "
                        f"URL {index0} of {env0}: it is sent to once",
                location=Location(file="pyproject.toml", pointer=f"env:{env}"),
                hint=f"remove the repeated URL from {env}"))
            continue
        first[url] = (env, counts[env])
        kept.append((env, url))
    return kept, findings


def _topic(check: str) -> str:
    return check.split(".", 1)[0]


def _urls(names: Sequence[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """``(env var, url)`` pairs from the named variables, and the names that are unset."""
    urls: list[tuple[str, str]] = []
    missing: list[str] = []
    for name in names:
        value = os.environ.get(name, "").strip()
        if not value:
            missing.append(name)
            continue
        urls.extend((name, url) for url in re.split(r"[\s,]+", value) if url)
    return urls, missing


def _report_location(project: Project, reports_dir: Path) -> str:
    return project.relative(reports_dir / "summary.md")


def _service(url: str) -> str:
    """The scheme of an apprise URL, the only part of it safe to show."""
    return url.split("://", 1)[0] if "://" in url else "?"


def _send(urls: Sequence[tuple[str, str]], message: Message, timeout: float,
          count: int, deadline: float = 60.0) -> list[Finding]:
    import apprise

    from seamguard.net import NetworkLimits
    from seamguard.net_requests import bounded_requests

    findings: list[Finding] = []
    sent: list[str] = []
    asset = apprise.AppriseAsset(app_id="seamguard", app_desc="seamguard alerts")
    # One deadline for all the alerts of a run: forty webhooks that each drip until their own
    # deadline would otherwise hold the run for forty deadlines.
    ends = time.monotonic() + deadline
    for number, (env, url) in enumerate(urls):
        service = _service(url)
        where = Location(file="pyproject.toml", pointer=f"env:{env}")
        left = ends - time.monotonic()
        if left <= 0:
            findings.append(Finding(
                code="alert.failed", severity=Severity.WARNING, check=CHECK_ID,
                message=f"{len(urls) - number} alert(s) from {env} and after it were not sent: "
                        f"the alerts' deadline of {deadline:g} s was spent on the ones before",
                location=where, hint="fewer or faster alert services; the deadline is "
                                     "[tool.seamguard.network] deadline"))
            break
        limits = NetworkLimits(timeout=timeout, deadline=left, max_bytes=1 << 20)
        notifier = apprise.Apprise(asset=asset)
        timed = _with_timeouts(url, timeout)
        if not notifier.add(timed):
            findings.append(Finding(
                code="alert.invalid-url", severity=Severity.ERROR, check=CHECK_ID,
                message=f"{env} holds an alert URL apprise cannot use (service `{service}`)",
                location=where, hint="check the URL against the apprise documentation for "
                                     "that service"))
            continue
        # apprise bounds each connect and read only: every answer it reads is bounded in total.
        # A webhook that redirects is not followed: the message (and any token apprise adds to
        # the request) would go wherever the redirect points, another host included.
        with bounded_requests(limits, follow_redirects=False):
            delivered = notifier.notify(title=message.title, body=message.body,
                                        notify_type=message.notify_type)
        if delivered:
            sent.append(service)
        else:
            findings.append(Finding(
                code="alert.failed", severity=Severity.WARNING, check=CHECK_ID,
                message=f"the `{service}` alert from {env} could not be delivered",
                location=where, hint="the service refused the message or could not be reached; "
                                     "the findings are still in the report"))
    if sent:
        findings.append(Finding(
            code="alert.sent", severity=Severity.INFO, check=CHECK_ID,
            message=f"alerted {count} finding(s) through {', '.join(sent)}", location=Location()))
    return findings


def _with_timeouts(url: str, timeout: float) -> str:
    """Bound apprise's connect and read timeouts (its ``cto``/``rto`` URL options)."""
    if re.search(r"[?&](cto|rto)=", url):
        return url
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}cto={timeout:g}&rto={timeout:g}"
