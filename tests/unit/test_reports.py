from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from seamguard.findings import CheckRun, Finding, Location, Report, Severity
from seamguard.report import REPORT_FILES, write_reports


def sample() -> Report:
    report = Report(project="/p", command="check", started_at="2026-01-01T00:00:00+00:00")
    report.checks = [CheckRun("contract", "Contracts", 2, 0.1),
                     CheckRun("recorded", "Recordings", 10, 0.2)]
    report.findings = [
        Finding("field.missing", Severity.ERROR, "required field 'total' | missing", "recorded",
                Location(platform="shop", version="v1", operation="GET /o", pointer="/total",
                         file="c.yaml", line=3, interaction=2), expected="total"),
        Finding("field.undeclared", Severity.WARNING, "field 'x' is not declared", "recorded",
                Location(file="c.yaml", interaction=2, pointer="/x")),
    ]
    return report


def test_writes_all_reports(tmp_path: Path) -> None:
    written = write_reports(sample(), tmp_path / "out", fail_on="error")
    assert sorted(p.name for p in written) == sorted(REPORT_FILES)


def test_json_report_schema(tmp_path: Path) -> None:
    write_reports(sample(), tmp_path, fail_on="warning")
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert data["schema"] == "seamguard.report/1"
    assert data["summary"] == {"info": 0, "warning": 1, "error": 1, "total": 2,
                               "fail_on": "warning", "passed": False}
    assert [c["findings"] for c in data["checks"]] == [0, 2]
    first = data["findings"][0]
    assert first["location"] == {"platform": "shop", "version": "v1", "operation": "GET /o",
                                 "pointer": "/total", "file": "c.yaml", "line": 3,
                                 "interaction": 2}
    assert first["expected"] == "total"


def test_junit_fails_only_at_threshold(tmp_path: Path) -> None:
    write_reports(sample(), tmp_path, fail_on="error")
    root = ET.parse(tmp_path / "junit.xml").getroot()
    assert root.get("failures") == "1"
    recorded = root.find("testsuite[@name='recorded']")
    assert recorded is not None
    failure = recorded.find("testcase/failure")
    assert failure is not None
    assert failure.get("type") == "field.missing"
    assert "field.undeclared" not in (failure.text or "")


def test_markdown_escapes_table_cells(tmp_path: Path) -> None:
    write_reports(sample(), tmp_path, fail_on="error")
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert text.startswith("## seamguard check: ❌ failed")
    assert "total' \\| missing" in text
