"""Alert messages: what they say, and what they never say."""

from __future__ import annotations

from pathlib import Path

from seamguard.alerts import SHOWN, compose, mask_text
from seamguard.findings import Finding, Location, Report, Severity
from seamguard.project import find_project
from tests.support.projects import mini_project


def test_mask_text_hides_phones_emails_and_id_numbers() -> None:
    text = "customer zhangwei@example.com called from +86 138-1234-5678 about 110105199003071234"
    masked = mask_text(text)
    assert "zhangwei@" not in masked
    assert "1234-5678" not in masked
    assert "199003071234" not in masked
    assert masked.startswith("customer z***@example.com called from +86 138")
    assert "5678" in masked  # the tail stays, to tell records apart


def finding(code: str, severity: Severity, message: str = "m") -> Finding:
    return Finding(code=code, severity=severity, message=message, check="drift",
                   location=Location(platform="shopify", operation="GET /orders.json 200",
                                     pointer="/orders/0/phone"))


def test_compose_lists_worst_first_and_caps_the_list(tmp_path: Path) -> None:
    project = find_project(mini_project(tmp_path / "p"), explicit=True)
    findings = [finding(f"drift.info-{n}", Severity.INFO) for n in range(SHOWN + 3)]
    findings.append(finding("drift.type-changed", Severity.ERROR, "phone now 13812345678"))
    message = compose(project, Report(project="p", command="drift run"), findings,
                      "reports/summary.md")
    lines = message.body.splitlines()
    assert lines[0].startswith("- [error] drift.type-changed (shopify GET /orders.json 200 "
                               "/orders/0/phone): phone now 138****5678")
    assert lines[SHOWN] == "- ... and 4 more in the report"
    assert lines[-1] == "Report: reports/summary.md"
    assert message.notify_type == "failure"
    assert message.title == "seamguard drift run on p: 14 to look at (1 error, 13 info)"
