"""``junit.xml``: one test suite per check, one test case per unit the check examined.

A unit is what a person would call one test: a recorded interaction, a probed operation, an
expectation of a suite, a class of keys of a reconciliation (missing, extra, duplicated, one
compared field...). Checks name the units they examined (``RunContext.case``) so passing units
are cases too; a finding belongs to the case ``Finding.case_name`` names. Findings at or above
the threshold are the case's ``<failure>``; lower ones its ``<system-out>``, visible without
failing the build. Large runs are capped: a failure lists its first findings and the count, and
a suite keeps every failing case plus passing ones up to a limit, with one case saying how many
more passed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from seamguard.findings import Finding, Report, Severity

__all__ = ["MAX_CASES", "MAX_FINDINGS_PER_CASE", "render_junit"]

MAX_CASES = 2000  # per suite; failing cases are always kept
MAX_FINDINGS_PER_CASE = 25


def _text(finding: Finding) -> str:
    lines = [f"[{finding.severity.value}] {finding.code}: {finding.message}"]
    loc = finding.location
    if loc.where:
        lines.append(f"  at {loc.where}")
    if loc.operation:
        lines.append(f"  operation {loc.operation}")
    if finding.expected is not None:
        lines.append(f"  expected: {_short(finding.expected)}")
    if finding.actual is not None:
        lines.append(f"  actual: {_short(finding.actual)}")
    if finding.hint:
        lines.append(f"  hint: {finding.hint}")
    return "\n".join(lines)


def _short(value: object, limit: int = 2000) -> str:
    import json

    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _listing(findings: list[Finding]) -> str:
    shown = [_text(f) for f in findings[:MAX_FINDINGS_PER_CASE]]
    if len(findings) > MAX_FINDINGS_PER_CASE:
        shown.append(f"… and {len(findings) - MAX_FINDINGS_PER_CASE} more "
                     f"({len(findings)} in all; every one is in report.json)")
    return "\n".join(shown)


def render_junit(report: Report, *, fail_on: str) -> str:
    """The report as JUnit XML (the Ant/Jenkins dialect every CI reads).

    Args:
        report: the run's report.
        fail_on: findings at or above this severity fail their case.

    Returns:
        The XML document, with declaration and trailing newline.
    """
    threshold = Severity(fail_on)
    root = ET.Element("testsuites", name=f"seamguard {report.command}",
                      time=f"{report.seconds:.3f}")
    by_check: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_check[finding.check].append(finding)
    totals = {"tests": 0, "failures": 0}
    for run in report.checks:
        findings = by_check.get(run.check, [])
        by_case: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            by_case[finding.case_name].append(finding)
        names = list(dict.fromkeys([*report.cases.get(run.check, []), *by_case]))
        suite = ET.SubElement(root, "testsuite", name=run.check, time=f"{run.seconds:.3f}")
        if report.started_at:
            suite.set("timestamp", report.started_at[:19])
        failing = [n for n in names if any(f.severity >= threshold for f in by_case[n])]
        passing = [n for n in names if n not in set(failing)]
        if not names:  # a check that names no units: one case for the whole check
            passing = [f"{run.title} ({run.examined} examined)"]
        kept = set(failing) | set(passing[: max(0, MAX_CASES - len(failing))])
        for name in names or passing:
            if name not in kept:
                continue
            case = ET.SubElement(suite, "testcase", classname=f"seamguard.{run.check}",
                                 name=name)
            found = by_case.get(name, [])
            failed = [f for f in found if f.severity >= threshold]
            if failed:
                count = f"{len(failed)} findings: " if len(failed) > 1 else ""
                failure = ET.SubElement(case, "failure", type=failed[0].code,
                                        message=count + failed[0].message.splitlines()[0])
                failure.text = _listing(failed)
            rest = [f for f in found if f.severity < threshold]
            if rest:
                ET.SubElement(case, "system-out").text = _listing(rest)
        hidden = len(passing) - len([n for n in passing if n in kept])
        if hidden:
            ET.SubElement(suite, "testcase", classname=f"seamguard.{run.check}",
                          name=f"{hidden} more passing cases (not listed)")
        tests = len(suite.findall("testcase"))
        suite.set("tests", str(tests))
        suite.set("failures", str(len(failing)))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        totals["tests"] += tests
        totals["failures"] += len(failing)
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
