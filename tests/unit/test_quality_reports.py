"""Thousands of reconciliation differences keep the terminal and Markdown reports readable."""

from __future__ import annotations

import io

from rich.console import Console

from seamguard.findings import Finding, Location, Report, Severity
from seamguard.report.markdown import render_markdown
from seamguard.report.terminal import render_terminal


def _report() -> Report:
    report = Report(project="p", command="reconcile")
    for i in range(60):
        report.findings.append(Finding(
            code="reconcile.field-differs", severity=Severity.ERROR, check="reconcile",
            message=f"shopify_order_id={i}: amount differs", expected="1.00", actual="2.00",
            location=Location(file="pyproject.toml", pointer="tool.seamguard.reconcile.x")))
    report.findings.append(Finding(code="reconcile.missing-in-target", severity=Severity.ERROR,
                                   check="reconcile", message="shopify_order_id=9 is missing"))
    return report


def test_terminal_caps_each_kind_and_still_shows_the_others() -> None:
    out = io.StringIO()
    render_terminal(Console(file=out, width=200), _report(), fail_on="error")
    text = out.getvalue()
    assert text.count("amount differs") == 20
    assert "…and 40 more of this kind (not shown here)" in text
    assert "shopify_order_id=9 is missing" in text


def test_markdown_counts_findings_by_kind_when_there_are_many() -> None:
    text = render_markdown(_report(), fail_on="error")
    assert "| `reconcile` | `reconcile.field-differs` | ❌ error | 60 |" in text
    assert "| `reconcile` | `reconcile.missing-in-target` | ❌ error | 1 |" in text
