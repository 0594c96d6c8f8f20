"""What a CI job reads from a run: junit.xml (one case per unit, valid against the JUnit XSD),
summary.md (summary first, a sample across codes), GitHub annotations, every file in --reports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.broken_example import broken_example
from tests.support.projects import REPO, load_cassette

runner = CliRunner()
XSD = xmlschema.XMLSchema(REPO / "tests" / "support" / "junit.xsd")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("ci")
    project, cassette, index = broken_example(base / "example")
    out = base / "elsewhere"
    result = runner.invoke(app, ["check", "--project", str(project), "--reports", str(out)],
                           env={"GITHUB_ACTIONS": "true", "COLUMNS": "200"})
    return {"project": project, "out": out, "result": result, "cassette": cassette,
            "index": index}


def _cases(path: Path) -> dict[str, list[ET.Element]]:
    root = ET.parse(path).getroot()
    return {suite.get("name", ""): suite.findall("testcase") for suite in root}


def test_every_file_goes_to_the_reports_folder(broken: dict[str, Any]) -> None:
    assert broken["result"].exit_code == 1
    out, project = broken["out"], broken["project"]
    for name in ("report.json", "junit.xml", "summary.md", "report.html",
                 "quality-summary.json", "reconcile-summary.json"):
        assert (out / name).stat().st_size > 0, name
    assert not (project / "reports").exists()  # nothing leaks into the default folder
    summary = json.loads((out / "reconcile-summary.json").read_text("utf-8"))
    deals = next(row for row in summary if row["reconciliation"] == "orders-to-deals")
    assert deals["missing_in_target"] == 2


def test_junit_validates_and_has_one_case_per_unit(broken: dict[str, Any]) -> None:
    path = broken["out"] / "junit.xml"
    XSD.validate(path)
    cases = _cases(path)
    interactions = sum(len(load_cassette(p)["interactions"]) for p in sorted(
        (broken["project"] / "fixtures" / "cassettes").rglob("*.yaml")))
    assert len(cases["recorded"]) == interactions
    failing = [c for c in cases["recorded"] if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == [
        f"{broken['cassette'].relative_to(broken['project']).as_posix()} #{broken['index']}"]
    assert failing[0].find("failure").get("type") == "field.unknown-enum"  # type: ignore[union-attr]
    report = json.loads((broken["out"] / "report.json").read_text("utf-8"))
    suites = [json.loads(p.read_text("utf-8")) for p in sorted(
        (broken["project"] / "suites").glob("*.json"))]
    expectations = sum(len(s["expectations"]) + len(
        s.get("meta", {}).get("seamguard", {}).get("references", [])) for s in suites)
    assert len(cases["quality"]) == expectations
    examined = {c["id"]: c["examined"] for c in report["checks"]}
    assert examined["quality"] == expectations


def test_reconcile_cases_are_key_classes_capped_with_the_count(broken: dict[str, Any]) -> None:
    cases = {c.get("name"): c for c in _cases(broken["out"] / "junit.xml")["reconcile"]}
    missing = cases["orders-to-deals · missing keys"].find("failure")
    assert missing is not None
    assert missing.get("message", "").startswith("2 findings: ")
    amount = cases["orders-to-deals · field amount"].find("failure")
    assert amount is not None
    assert amount.get("type") == "reconcile.field-differs"
    assert "source" in (amount.text or "")
    assert "target" in (amount.text or "")
    # a class that holds no difference is a passing case
    assert cases["orders-to-deals · field pipeline"].find("failure") is None


def test_summary_shows_the_verdict_first_and_every_code(broken: dict[str, Any]) -> None:
    text = (broken["out"] / "summary.md").read_text("utf-8")
    assert text.startswith("## seamguard check: ❌ failed")
    assert text.index("| check | examined |") < text.index("| | code | where | message |")
    sample = text[text.index("| | code | where | message |"):]
    report = json.loads((broken["out"] / "report.json").read_text("utf-8"))
    codes = {f["code"] for f in report["findings"]}
    assert len(codes) > 5
    for code in codes:  # fewer codes than rows: each one appears in the sample
        assert f"`{code}`" in sample, code
    assert "sample row:" in sample  # quality samples reach the markdown


def test_github_annotations_point_at_file_and_line(broken: dict[str, Any]) -> None:
    lines = [line for line in broken["result"].output.splitlines() if line.startswith("::")]
    assert lines, "GITHUB_ACTIONS=true writes annotations"
    enum = next(line for line in lines if "seamguard field.unknown-enum" in line)
    cassette = broken["cassette"].relative_to(broken["project"]).as_posix()
    assert enum.startswith(f"::error file={cassette},line=")
    assert "\n" not in enum


def test_text_output_shows_samples_and_both_values(broken: dict[str, Any]) -> None:
    output = broken["result"].output
    assert "sample row:" in output
    assert "expected:" in output
    assert "actual:" in output


def test_a_recorded_finding_offers_a_working_map_explain(
        broken: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    report = json.loads((broken["out"] / "report.json").read_text("utf-8"))
    enum = next(f for f in report["findings"] if f["code"] == "field.unknown-enum")
    cassette = broken["cassette"].relative_to(broken["project"]).as_posix()
    command = f"seamguard map explain shopify-order-to-hubspot-deal {cassette}#{broken['index']}"
    assert command in enum["reproduce"]
    monkeypatch.chdir(broken["project"])  # the command is written relative to the project
    result = runner.invoke(app, [*command.split()[1:], "--format", "json"])
    trace = json.loads(result.output)
    assert result.exit_code == 1  # the new enum value has no mapping: the trace shows where
    assert any(p["target"] == "dealstage" for p in trace["problems"])
