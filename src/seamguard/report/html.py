"""``report.html``: one self-contained page a person reads (no network, no CDN, no external file).

Summary first (verdict, counts, one row per check), then the findings per check and platform with
their locations (links to ``file#Lline``, relative to the report, so they open from an unpacked
CI artifact or a checkout; optionally an editor URL), expected vs actual, sample rows and the
commands that reproduce them; then the results that are more than findings: every expectation
of every suite (shaped like Great Expectations' Data Docs) and the counts of each reconciliation.
Filtering by severity, check, code and text is plain JavaScript inside the page.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from seamguard.findings import Finding, Report, Severity
from seamguard.report.details import compact, round_robin, samples_of

__all__ = ["MAX_FINDINGS", "render_html"]

MAX_FINDINGS = 5000  # a page with more stays usable only as a sample; report.json has them all


def render_html(report: Report, *, fail_on: str, folder: Path, project_root: Path,
                editor_url: str | None = None) -> str:
    """The report as one HTML page.

    Args:
        report: the run's report.
        fail_on: the failing threshold.
        folder: where the page is written (links to project files are relative to it).
        project_root: the folder the findings' file paths are relative to.
        editor_url: optional link template for an editor, with ``{path}`` (absolute) and
            ``{line}``, e.g. ``vscode://file/{path}:{line}``.

    Returns:
        The page.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("seamguard.report", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True)
    threshold = Severity(fail_on)
    shown = (report.findings if len(report.findings) <= MAX_FINDINGS
             else round_robin(report.findings, MAX_FINDINGS))
    links = _Links(folder, project_root, editor_url)
    return env.get_template("report.html.j2").render(
        report=report,
        fail_on=fail_on,
        passed=not report.failed(threshold),
        counts=report.counts(),
        checks=_checks(report, threshold),
        sections=_sections(report, shown, links),
        codes=sorted(Counter(f.code for f in report.findings).items()),
        total=len(report.findings),
        shown=len(shown),
        quality=_quality(report.results.get("quality"), links),
        reconcile=(report.results.get("reconcile") or {}).get("summary") or [],
        accepted=[{**_finding(f, links), "reason": reason}
                  for f, reason in report.accepted[:MAX_FINDINGS]],
        css=_asset("report.css"),
        js=_asset("report.js"),
    )


def _asset(name: str) -> str:
    from importlib.resources import files

    return files("seamguard.report").joinpath("templates", name).read_text(encoding="utf-8")


class _Links:
    """Links from the page to a project file and line."""

    def __init__(self, folder: Path, project_root: Path, editor_url: str | None) -> None:
        self.folder = folder.resolve()
        self.root = project_root.resolve()
        self.editor_url = editor_url

    def file(self, file: str | None, line: int | None) -> dict[str, str] | None:
        if not file or "://" in file:
            return None
        path = Path(file) if Path(file).is_absolute() else self.root / file
        href = Path(os.path.relpath(path, self.folder)).as_posix()
        editor = (self.editor_url.format(path=path.as_posix(), line=line or 1)
                  if self.editor_url else "")
        return {"href": href + (f"#L{line}" if line else ""),
                "text": f"{file}:{line}" if line else file, "editor": editor}


def _checks(report: Report, threshold: Severity) -> list[dict[str, Any]]:
    rows = []
    for run in report.checks:
        found = [f for f in report.findings if f.check == run.check]
        cases = report.cases.get(run.check, [])
        rows.append({
            "id": run.check, "title": run.title, "examined": run.examined,
            "seconds": run.seconds, "findings": len(found),
            "failing": sum(1 for f in found if f.severity >= threshold),
            "cases": len(cases),
            "by_severity": Counter(f.severity.value for f in found),
        })
    return rows


def _value(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def _finding(finding: Finding, links: _Links) -> dict[str, Any]:
    loc = finding.location
    actual = finding.actual
    samples = samples_of(finding)
    if samples and isinstance(actual, dict):
        actual = {k: v for k, v in actual.items() if k != "samples"}
    columns = list(dict.fromkeys(key for row in samples for key in row))
    return {
        "code": finding.code, "severity": finding.severity.value, "check": finding.check,
        "message": finding.message, "multiline": "\n" in finding.message,
        "hint": finding.hint, "case": finding.case_name,
        "platform": f"{loc.platform}@{loc.version}" if loc.platform and loc.version
        else loc.platform,
        "operation": loc.operation, "pointer": loc.pointer, "key": loc.key,
        "interaction": loc.interaction,
        "link": links.file(loc.file, loc.line),
        "expected": None if finding.expected is None else _value(finding.expected),
        "actual": None if actual is None or actual == {} else _value(actual),
        "samples": {"columns": columns,
                    "rows": [[compact(row.get(c, ""), 80) for c in columns] for row in samples]},
        "reproduce": list(finding.reproduce),
        "search": " ".join(filter(None, [finding.code, finding.message, loc.where,
                                         loc.operation, loc.key])).lower(),
    }


def _sections(report: Report, findings: list[Finding], links: _Links) -> list[dict[str, Any]]:
    """Per check (in run order), per platform: the findings, most severe first."""
    titles = {run.check: run.title for run in report.checks}
    grouped: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        loc = finding.location
        group = (f"{loc.platform}@{loc.version}" if loc.platform and loc.version
                 else loc.platform or "project")
        if loc.component:  # a changelog: a shared component with the operations reaching it
            group = f"{group} · {loc.component}"
        grouped[finding.check][group].append(finding)
    order = [run.check for run in report.checks] + sorted(set(grouped) - set(titles))
    sections = []
    for check in order:
        if check not in grouped:
            continue
        groups = [{"name": name, "findings": [_finding(f, links) for f in sorted(
                       items, key=lambda f: (-f.severity.rank, f.code, f.location.where))]}
                  for name, items in sorted(grouped[check].items())]
        sections.append({"id": check, "title": titles.get(check, check), "groups": groups,
                         "count": sum(len(g["findings"]) for g in groups)})
    return sections


def _quality(results: Any, links: _Links) -> list[dict[str, Any]]:
    """Suites as Data Docs shows them: per expectation, success, observed value, unexpected."""
    if not isinstance(results, dict):
        return []
    suites = []
    for suite in results.get("suites", []):
        rows = []
        for exp in suite["expectations"]:
            samples = exp.get("samples") or []
            columns = list(dict.fromkeys(key for row in samples for key in row))
            percent = exp.get("unexpected_percent")
            rows.append({
                **exp,
                "kwargs_text": compact(exp.get("kwargs") or {}, 200),
                "observed_text": "" if exp.get("observed") is None
                else compact(exp["observed"], 120),
                "percent_text": "" if percent is None else f"{percent:.2f}%",
                "link": links.file(suite["file"], exp.get("line")),
                "sample_columns": columns,
                "sample_rows": [[compact(row.get(c, ""), 60) for c in columns]
                                for row in samples[:10]],
            })
        passed = sum(1 for e in suite["expectations"] if e["success"])
        suites.append({**suite, "exp_rows": rows, "passed": passed,
                       "total": len(suite["expectations"]),
                       "link": links.file(suite["file"], None)})
    return suites
