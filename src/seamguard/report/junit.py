"""``junit.xml``: one test suite per check, one test case per file/interaction with findings.

CI systems show JUnit natively; findings at or above the threshold are failures, lower ones
are kept as the case's output so they stay visible without failing the build.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from seamguard.findings import Finding, Report, Severity

__all__ = ["render_junit"]


def _case_name(finding: Finding) -> str:
    loc = finding.location
    name = loc.file or (f"{loc.platform}@{loc.version}" if loc.platform else finding.check)
    if loc.interaction is not None:
        name += f" #{loc.interaction}"
    return name


def _text(finding: Finding) -> str:
    lines = [f"[{finding.severity.value}] {finding.code}: {finding.message}"]
    if finding.location.where:
        lines.append(f"  at {finding.location.where}")
    if finding.location.operation:
        lines.append(f"  operation {finding.location.operation}")
    if finding.hint:
        lines.append(f"  hint: {finding.hint}")
    return "\n".join(lines)


def render_junit(report: Report, *, fail_on: str) -> str:
    threshold = Severity(fail_on)
    root = ET.Element("testsuites", name="seamguard", time=f"{report.seconds:.3f}")
    by_check: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_check[finding.check].append(finding)
    total_failures = 0
    total_cases = 0
    for run in report.checks:
        cases: dict[str, list[Finding]] = defaultdict(list)
        for finding in by_check.get(run.check, []):
            cases[_case_name(finding)].append(finding)
        suite = ET.SubElement(root, "testsuite", name=run.check, time=f"{run.seconds:.3f}")
        failures = 0
        if not any(f.severity >= threshold for f in by_check.get(run.check, [])):
            ET.SubElement(suite, "testcase", classname=run.check,
                          name=f"{run.title} ({run.examined} examined)")
        for name, findings in cases.items():
            case = ET.SubElement(suite, "testcase", classname=run.check, name=name)
            failing = [f for f in findings if f.severity >= threshold]
            if failing:
                failures += 1
                failure = ET.SubElement(case, "failure", type=failing[0].code,
                                        message=failing[0].message)
                failure.text = "\n".join(_text(f) for f in failing)
            rest = [f for f in findings if f.severity < threshold]
            if rest:
                ET.SubElement(case, "system-out").text = "\n".join(_text(f) for f in rest)
        count = len(suite.findall("testcase"))
        suite.set("tests", str(count))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_failures += failures
        total_cases += count
    root.set("tests", str(total_cases))
    root.set("failures", str(total_failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
