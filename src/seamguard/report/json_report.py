"""``report.json``: the stable, documented machine-readable report (schema ``seamguard.report/1``).

Fields are only ever added within one schema version; renaming or removing one bumps it.
"""

from __future__ import annotations

import json
from typing import Any

from seamguard.findings import Report, Severity

__all__ = ["SCHEMA", "render_json", "report_dict"]

SCHEMA = "seamguard.report/1"


def report_dict(report: Report, *, fail_on: str) -> dict[str, Any]:
    from seamguard import __version__

    counts = report.counts()
    per_check: dict[str, int] = {}
    for finding in report.findings:
        per_check[finding.check] = per_check.get(finding.check, 0) + 1
    return {
        "schema": SCHEMA,
        "seamguard": __version__,
        "project": report.project,
        "command": report.command,
        "started_at": report.started_at,
        "seconds": round(report.seconds, 3),
        "summary": {
            **counts,
            "total": len(report.findings),
            "fail_on": fail_on,
            "passed": not report.failed(Severity(fail_on)),
            "accepted": len(report.accepted),
        },
        "checks": [
            {
                "id": run.check,
                "title": run.title,
                "examined": run.examined,
                "seconds": round(run.seconds, 3),
                "findings": per_check.get(run.check, 0),
            }
            for run in report.checks
        ],
        "findings": [finding.to_dict() for finding in report.findings],
        # Findings a baseline accepts (with its reason): shown, not failing.
        "accepted": [{**finding.to_dict(), "reason": reason}
                     for finding, reason in report.accepted],
    }


def render_json(report: Report, *, fail_on: str) -> str:
    return json.dumps(report_dict(report, fail_on=fail_on), ensure_ascii=False, indent=2,
                      default=str) + "\n"
