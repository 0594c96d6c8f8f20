"""Reporters: each renders a Report; ``write_reports`` writes the files every command leaves."""

from __future__ import annotations

from pathlib import Path

from seamguard.findings import Report
from seamguard.report.json_report import render_json
from seamguard.report.junit import render_junit
from seamguard.report.markdown import render_markdown

__all__ = ["REPORT_FILES", "write_reports"]

REPORT_FILES = ("report.json", "junit.xml", "summary.md")


def write_reports(report: Report, folder: Path, *, fail_on: str) -> list[Path]:
    """Write report.json, junit.xml and summary.md into ``folder`` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (
        ("report.json", render_json(report, fail_on=fail_on)),
        ("junit.xml", render_junit(report, fail_on=fail_on)),
        ("summary.md", render_markdown(report, fail_on=fail_on)),
    ):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
