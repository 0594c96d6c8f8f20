"""What every text reporter shows beyond the message: expected vs actual, sample rows, and which
findings to show when there are too many (a fair sample across checks and codes)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from seamguard.findings import Finding

__all__ = ["compact", "detail_lines", "round_robin", "samples_of"]


def compact(value: Any, limit: int = 160) -> str:
    """A value on one line: JSON, cut at ``limit`` characters."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def samples_of(finding: Finding) -> list[dict[str, Any]]:
    """The sample rows a data finding carries (quality: failing rows, orphans), masked."""
    actual = finding.actual
    if isinstance(actual, dict) and isinstance(actual.get("samples"), list):
        return [row for row in actual["samples"] if isinstance(row, dict)]
    return []


def detail_lines(finding: Finding, *, samples: int = 3, limit: int = 160) -> list[str]:
    """``expected: …``, ``actual: …`` and the first sample rows, each on one line."""
    lines = []
    actual = finding.actual
    rows = samples_of(finding)
    if rows and isinstance(actual, dict):
        actual = {k: v for k, v in actual.items() if k != "samples"}
    if finding.expected is not None:
        lines.append(f"expected: {compact(finding.expected, limit)}")
    if actual is not None and actual != {}:
        lines.append(f"actual: {compact(actual, limit)}")
    for row in rows[:samples]:
        lines.append(f"sample row: {compact(row, limit)}")
    if len(rows) > samples:
        lines.append(f"… {len(rows) - samples} more sample rows in report.json / report.html")
    lines.extend(f"reproduce: {command}" for command in finding.reproduce)
    return lines


def round_robin(findings: Iterable[Finding], limit: int) -> list[Finding]:
    """Up to ``limit`` findings taken in turn from each (check, code), most severe kinds first,
    so one kind with thousands of findings cannot hide the others."""
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[(finding.check, finding.code)].append(finding)
    order = sorted(groups, key=lambda k: (-max(f.severity.rank for f in groups[k]), k))
    queues = [sorted(groups[k], key=lambda f: -f.severity.rank) for k in order]
    picked: list[Finding] = []
    depth = 0
    while len(picked) < limit and any(depth < len(q) for q in queues):
        for queue in queues:
            if depth < len(queue) and len(picked) < limit:
                picked.append(queue[depth])
        depth += 1
    return picked
