"""`seamguard baseline save` and `--baseline`: known findings pass, new ones fail, fixed ones are
said, for verify, quality, reconcile, probe and contract diff."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.broken_example import broken_example
from tests.support.projects import find_interaction, rewrite_body

runner = CliRunner()


def run(*args: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def save(project: Path, reason: str = "known before the migration") -> Path:
    result = runner.invoke(app, ["baseline", "save", "--project", str(project), "--reason",
                                 reason, "--expires", "2099-12-31"])
    assert result.exit_code == 0, result.output
    return project / "seamguard-baseline.yaml"


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, Path, int]:
    return broken_example(tmp_path / "example")


def test_verify_new_failures_fail_known_ones_pass_fixed_ones_are_said(
        broken: tuple[Path, Path, int]) -> None:
    project, cassette, _ = broken
    code, _ = run("verify", "--project", str(project))
    assert code == 1
    baseline = save(project)
    assert "fingerprint:" in baseline.read_text(encoding="utf-8")
    code, report = run("verify", "--project", str(project), "--baseline", str(baseline))
    assert code == 0, report["findings"]
    assert report["summary"]["accepted"] == 1
    assert report["accepted"][0]["reason"] == "known before the migration"
    # a second defect, elsewhere: new, so it fails; the known one stays accepted
    path, other, body = find_interaction(project, lambda item, b: isinstance(b, dict)
                                         and isinstance(b.get("customer"), dict))
    body["customer"].pop("id")
    rewrite_body(path, other, body)
    code, report = run("verify", "--project", str(project), "--baseline", str(baseline))
    assert code == 1
    assert [f["code"] for f in report["findings"] if f["severity"] == "error"] == [
        "field.missing"]
    # the known defect fixed: reported as fixed (information), nothing accepted any more
    original = (Path(__file__).resolve().parents[2] / cassette.relative_to(project))
    cassette.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    code, report = run("verify", "--project", str(project), "--baseline", str(baseline))
    assert report["summary"]["accepted"] == 0
    fixed = [f for f in report["findings"] if f["code"] == "baseline.fixed"]
    assert len(fixed) == 1
    assert fixed[0]["severity"] == "info"


def test_quality_and_reconcile_accept_by_baseline_from_settings(
        broken: tuple[Path, Path, int]) -> None:
    project = broken[0]
    for command in ("quality", "reconcile"):
        code, _ = run(command, "--project", str(project))
        assert code == 1
        save(project, f"{command} debt")
        pyproject = project / "pyproject.toml"
        if "baseline =" not in pyproject.read_text(encoding="utf-8"):
            text = pyproject.read_text(encoding="utf-8").replace(
                "[tool.seamguard]\n", '[tool.seamguard]\nbaseline = "seamguard-baseline.yaml"\n', 1)
            pyproject.write_text(text, encoding="utf-8")
        code, report = run(command, "--project", str(project))
        assert code == 0, [f for f in report["findings"] if f["severity"] == "error"]
        assert report["summary"]["accepted"] > 0
    # both commands' findings live side by side in one file
    text = (project / "seamguard-baseline.yaml").read_text(encoding="utf-8")
    assert "check: quality" in text
    assert "check: reconcile" in text


def test_an_expired_acceptance_fails_again(broken: tuple[Path, Path, int]) -> None:
    project = broken[0]
    run("verify", "--project", str(project))
    baseline = save(project)
    text = baseline.read_text(encoding="utf-8").replace("2099-12-31", "2020-01-01")
    baseline.write_text(text, encoding="utf-8")
    code, report = run("verify", "--project", str(project), "--baseline", str(baseline))
    assert code == 1
    codes = [f["code"] for f in report["findings"]]
    assert "baseline.expired" in codes
    assert "field.unknown-enum" in codes


def test_contract_diff_accepts_by_rule_id_and_writes_reports(example: Path) -> None:
    baseline = example / "diff-ignore.yaml"
    baseline.write_text(
        "accept:\n"
        "  - code: request-property-enum-value-added\n"
        "    operation: webhook orders/*\n"
        "    reason: the mapping handles the new status since release 12\n"
        "    expires: 2099-01-01\n", encoding="utf-8")
    args = ["contract", "diff", "shopify@2024-04", "shopify@2024-07", "--project",
            str(example), "--format", "json"]
    plain = runner.invoke(app, args)
    accepted = runner.invoke(app, [*args, "--baseline", str(baseline)])
    before = json.loads(plain.output)["changes"]
    after = json.loads(accepted.output)["changes"]
    assert len(after) < len(before)
    assert not any(c["id"] == "request-property-enum-value-added"
                   and any(op.startswith("webhook orders/") for op in c["operations"])
                   for c in after)
    report = json.loads((example / "reports" / "report.json").read_text(encoding="utf-8"))
    assert report["command"] == "contract diff"
    # The printed changes are grouped per component; the report has one finding per operation.
    reached = sum(c["operations_count"] for c in before) - sum(
        c["operations_count"] for c in after)
    assert report["summary"]["accepted"] == reached
    html = (example / "reports" / "report.html").read_text(encoding="utf-8")
    # the changelog is grouped by the component a change lives in
    assert "<h4>shopify@2024-07 · #/components/schemas/Order" in html


def test_a_broken_baseline_file_is_a_usage_error(broken: tuple[Path, Path, int]) -> None:
    project = broken[0]
    bad = project / "b.yaml"
    bad.write_text("accept:\n  - reason: no code\n", encoding="utf-8")
    result = runner.invoke(app, ["verify", "--project", str(project), "--baseline", str(bad)])
    assert result.exit_code == 2
    assert "b.yaml" in result.output
    assert "/accept/0/code" in result.output
