from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from seamguard.errors import UsageError
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
                               "fail_on": "warning", "passed": False, "accepted": 0}
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


def _many(code: str, count: int, check: str = "reconcile") -> list[Finding]:
    return [Finding(code, Severity.ERROR, f"{code} {i}", check, case=f"{check} · {code}")
            for i in range(count)]


def test_markdown_samples_every_code_when_one_code_floods(tmp_path: Path) -> None:
    report = sample()
    report.checks.append(CheckRun("reconcile", "Reconcile", 6000, 1.0))
    report.findings += _many("reconcile.duplicate-key", 3000)
    report.findings += _many("reconcile.missing-in-target", 5)
    report.findings += _many("reconcile.field-differs", 1)
    text = (tmp_path / "summary.md")
    write_reports(report, tmp_path, fail_on="error")
    body = text.read_text(encoding="utf-8")
    table = body[body.index("| | code | where | message |"):]
    for code in ("reconcile.duplicate-key", "reconcile.missing-in-target",
                 "reconcile.field-differs", "field.missing", "field.undeclared"):
        assert f"`{code}`" in table, code
    assert table.count("`reconcile.missing-in-target`") == 5
    assert "all 3008 findings are in `report.json`" in body


def test_junit_caps_a_failure_and_says_how_many(tmp_path: Path) -> None:
    from seamguard.report.junit import MAX_FINDINGS_PER_CASE

    report = sample()
    report.checks.append(CheckRun("reconcile", "Reconcile", 6000, 1.0))
    report.findings += _many("reconcile.duplicate-key", 3000)
    report.cases = {"reconcile": ["reconcile · reconcile.duplicate-key", "reconcile · clean"]}
    write_reports(report, tmp_path, fail_on="error")
    suite = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite[@name='reconcile']")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {"reconcile · reconcile.duplicate-key", "reconcile · clean"}
    failure = cases["reconcile · reconcile.duplicate-key"].find("failure")
    assert failure is not None
    assert failure.get("message", "").startswith("3000 findings: ")
    assert (failure.text or "").count("[error]") == MAX_FINDINGS_PER_CASE
    assert "3000 in all" in (failure.text or "")
    assert cases["reconcile · clean"].find("failure") is None


def test_junit_keeps_every_failing_case_and_counts_hidden_passing_ones(
        tmp_path: Path, monkeypatch: Any) -> None:
    import seamguard.report.junit as junit

    monkeypatch.setattr(junit, "MAX_CASES", 10)
    report = sample()
    report.cases = {"recorded": [f"c.yaml #{i}" for i in range(30)]}
    root = ET.fromstring(junit.render_junit(report, fail_on="error"))
    suite = root.find("testsuite[@name='recorded']")
    assert suite is not None
    names = [c.get("name") for c in suite.findall("testcase")]
    assert "c.yaml #2" in names  # the failing one is kept whatever its position
    assert names[-1] == "20 more passing cases (not listed)"
    assert suite.get("tests") == str(len(names))


def test_github_annotations_escape_and_point_at_the_line() -> None:
    from seamguard.report.annotations import render_annotations

    report = sample()
    report.findings.append(Finding("x.y", Severity.ERROR, "50% broken\nsecond line", "recorded",
                                   Location(file="a,b:c.yaml", line=7)))
    lines = render_annotations(report).splitlines()
    assert lines[0] == ("::error file=c.yaml,line=3,title=seamguard field.missing::"
                        "GET /o: required field 'total' | missing")
    assert "::error file=a%2Cb%3Ac.yaml,line=7,title=seamguard x.y::50%25 broken%0Asecond line" \
        in lines
    assert any(line.startswith("::warning file=c.yaml,title=") for line in lines)


def test_terminal_says_how_many_rows_it_hides_and_where_they_are() -> None:
    from rich.console import Console

    from seamguard.report.terminal import render_terminal

    report = sample()
    report.findings += _many("reconcile.missing-in-target", 45)
    console = Console(record=True, width=200)
    render_terminal(console, report, fail_on="error")
    text = console.export_text()
    assert "…and 25 more of this kind (not shown here)" in text
    assert "report.html" in text


def test_terminal_warns_when_warnings_pass_below_the_threshold() -> None:
    from rich.console import Console

    from seamguard.report.terminal import render_terminal

    report = sample()
    report.findings = [f for f in report.findings if f.severity is Severity.WARNING]
    console = Console(record=True, width=200)
    render_terminal(console, report, fail_on="error")
    text = console.export_text()
    assert "PASSED" in text
    assert "1 warning(s) below the threshold (field.undeclared: 1)" in text
    assert "--fail-on warning" in text


def test_terminal_never_prints_a_failing_checks_title_as_a_success() -> None:
    from rich.console import Console

    from seamguard.report.terminal import render_terminal

    report = sample()  # "recorded" has an error, "contract" nothing
    console = Console(record=True, width=200)
    render_terminal(console, report, fail_on="error")
    lines = console.export_text().splitlines()
    recorded = next(line for line in lines if "Recordings" in line)
    assert recorded.startswith("failed recorded: 1 finding(s) at error or above")
    assert "not met: Recordings" in recorded
    contract = next(line for line in lines if "Contracts" in line)
    assert contract.startswith("passed contract: Contracts (2 examined")
    # a warning below the threshold leaves the check passing
    report.findings = [f for f in report.findings if f.severity is Severity.WARNING]
    console = Console(record=True, width=200)
    render_terminal(console, report, fail_on="error")
    assert "passed recorded: Recordings" in console.export_text()


@pytest.mark.parametrize("name", REPORT_FILES)
def test_a_report_file_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path,
                                                                  name: str) -> None:
    os.mkfifo(tmp_path / name)  # nobody reads it: opening it to write would wait for ever
    with pytest.raises(UsageError, match="it is a FIFO") as caught:
        write_reports(sample(), tmp_path, fail_on="error")
    assert caught.value.file == str(tmp_path / name)
    assert caught.value.hint


@pytest.mark.parametrize("name", REPORT_FILES)
def test_a_report_file_on_a_full_disk_is_a_usage_error(tmp_path: Path, name: str) -> None:
    (tmp_path / name).symlink_to("/dev/full")
    with pytest.raises(UsageError, match="cannot write the report file") as caught:
        write_reports(sample(), tmp_path, fail_on="error")
    assert caught.value.file == str(tmp_path / name)
