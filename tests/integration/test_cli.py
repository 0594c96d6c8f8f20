"""The seamguard command on small projects: exit codes, reports, and every bad-input class."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import GOOD_ORDER, MINI_CONTRACT, interaction, mini_project

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_clean_project_exits_0_and_writes_reports(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)])
    code, output = run("check", "--project", str(root))
    assert code == 0, output
    assert "PASSED" in output
    for name in ("report.json", "junit.xml", "summary.md"):
        assert (root / "reports" / name).is_file()
    report = json.loads((root / "reports" / "report.json").read_text(encoding="utf-8"))
    examined = {c["id"]: c["examined"] for c in report["checks"]}
    assert examined == {"contract": 1, "mapping": 0, "mapping.examples": 0, "recorded": 1,
                        "mapping.recorded": 0, "mapping.strength": 0, "sync": 0, "quality": 0,
                        "reconcile": 0, "privacy": 1}


def test_findings_exit_1_and_name_the_place(tmp_path: Path) -> None:
    bad = {"order": {**GOOD_ORDER["order"], "total": 10}}
    root = mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER), interaction(bad)])
    code, output = run("verify", "--project", str(root), "--format", "json")
    assert code == 1
    [finding] = json.loads(output)["findings"]
    assert finding["code"] == "field.wrong-type"
    assert finding["location"]["file"] == "fixtures/cassettes/orders.yaml"
    assert finding["location"]["interaction"] == 1
    assert finding["location"]["pointer"] == "/order/total"


def test_fail_on_warning(tmp_path: Path) -> None:
    body = {"order": {**GOOD_ORDER["order"], "extra": 1}}
    root = mini_project(tmp_path / "p", interactions=[interaction(body)])
    assert run("verify", "--project", str(root))[0] == 0
    assert run("verify", "--project", str(root), "--fail-on", "warning")[0] == 1


def test_reports_folder_is_configurable(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)])
    code, _ = run("verify", "--project", str(root), "--reports", str(tmp_path / "out"))
    assert code == 0
    assert (tmp_path / "out" / "summary.md").is_file()


def test_markdown_output(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)])
    code, output = run("check", "--project", str(root), "--format", "markdown")
    assert code == 0
    assert output.startswith("## seamguard check: ✅ passed")


@pytest.mark.parametrize(
    ("contract", "needle"),
    [
        (MINI_CONTRACT.replace("info: {title: Shop", "info: {title: [Shop"), "invalid YAML"),
        (MINI_CONTRACT.replace('"#/components/schemas/Order"', '"#/components/schemas/Ordr"'),
         "did you mean 'Order'"),
        (MINI_CONTRACT.replace('description: One order.', 'summary: no description'),
         "is a required property"),
    ],
)
def test_broken_contract_exits_2_with_location(tmp_path: Path, contract: str, needle: str) -> None:
    root = mini_project(tmp_path / "p", contract=contract)
    code, output = run("contract", "lint", "--project", str(root), "--format", "json")
    assert code == 2
    findings = json.loads(output)["findings"]
    assert findings[0]["code"] == "contract.invalid"
    assert findings[0]["location"]["file"] == "contracts/shop/v1/openapi.yaml"
    assert findings[0]["location"]["line"] > 1
    assert needle in json.dumps(findings, ensure_ascii=False)


def test_unknown_platform_exits_2_without_traceback(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p")
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    (root / "pyproject.toml").write_text(text.replace("platforms.shop", "platforms.shoppe"),
                                         encoding="utf-8")
    code, output = run("check", "--project", str(root))
    assert code == 2
    assert "unknown platform 'shoppe'" in output
    assert "did you mean 'shop'" in output
    assert "Traceback" not in output


def test_unreadable_cassette_is_a_finding(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)])
    (root / "fixtures/cassettes/notes.yaml").write_text("just: notes\n", encoding="utf-8")
    code, output = run("verify", "--project", str(root), "--format", "json")
    assert code == 1
    [finding] = json.loads(output)["findings"]
    assert finding["code"] == "cassette.unreadable"
    assert finding["location"]["file"] == "fixtures/cassettes/notes.yaml"


def test_fifty_megabyte_body_is_refused_quickly(tmp_path: Path) -> None:
    huge = '{"order": "' + "x" * (50 * 1024 * 1024) + '"}'
    root = mini_project(tmp_path / "p", interactions=[interaction(huge)])
    code, output = run("verify", "--project", str(root), "--format", "json")
    assert code == 1
    [finding] = json.loads(output)["findings"]
    assert finding["code"] == "body.too-large"


def test_no_project(tmp_path: Path) -> None:
    code, output = run("check", "--project", str(tmp_path))
    assert code == 2
    assert "seamguard init" in output


def test_init_creates_a_project_that_passes(tmp_path: Path) -> None:
    folder = tmp_path / "new"
    code, output = run("init", str(folder))
    assert code == 0, output
    assert (folder / "contracts/example/v1/openapi.yaml").is_file()
    code, output = run("check", "--project", str(folder))
    assert code == 0, output
    assert "recorded.none" in output  # no cassettes yet is said, not silently passed
    assert run("init", str(folder))[0] == 2  # never overwrites


def test_real_process_exit_codes_and_no_traceback(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", contract="openapi: 3.1.0\ninfo: [\n")
    result = subprocess.run(
        [sys.executable, "-m", "seamguard", "contract", "lint", "--project", str(root)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 2
    assert "contracts/shop/v1/openapi.yaml" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
