"""Small things a new user trips over: help texts, `init` in a folder with contracts, a run
that verified nothing, selecting one unit, reconciling two plain tables."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import GOOD_ORDER, interaction, mini_project, write_cassette

runner = CliRunner()


@pytest.mark.parametrize(("command", "text"), [
    (["check", "--help"], "nearest with [tool.seamguard])"),
    (["probe", "--help"], "A platform from [tool.seamguard.platforms]."),
])
def test_help_keeps_square_brackets(command: list[str], text: str) -> None:
    result = runner.invoke(app, command, env={"COLUMNS": "250"})
    assert result.exit_code == 0
    assert text in " ".join(result.output.replace("│", " ").split())


# Two platforms the way a team keeps them before adopting seamguard: a versioned server URL,
# a relative one, and a folder of shared schemas that is no version.
CARRIER = """
openapi: 3.0.3
info: {title: Carrier API, version: "2"}
servers: [{url: "https://api.carrier.example/v2/"}]
paths:
  /shipments/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
"""
SHOP = """
{"openapi": "3.1.0", "info": {"title": "Shop", "version": "1"},
 "servers": [{"url": "/api/v1"}], "paths": {}}
"""


def test_init_adopts_an_existing_contracts_tree(tmp_path: Path) -> None:
    folder = tmp_path / "app"
    for path, text in {"contracts/carrier/v1/openapi.yaml": CARRIER.replace("v2", "v1"),
                       "contracts/carrier/v2/openapi.yaml": CARRIER,
                       "contracts/carrier/shared/models.yaml": "Shipment: {type: object}\n",
                       "contracts/shop/v1/spec.json": SHOP}.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(textwrap.dedent(text), encoding="utf-8")
    (folder / "pyproject.toml").write_text('[project]\nname = "app"\n', encoding="utf-8")
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    text = (folder / "pyproject.toml").read_text(encoding="utf-8")
    assert text.startswith('[project]\nname = "app"\n')  # kept, the table appended
    assert "platforms.example" not in text
    assert not (folder / "contracts" / "example").exists()
    assert 'versions = ["v1", "v2"]' in text
    assert 'base_url = "https://api.carrier.example/{version}"' in text
    assert 'base_url = "http://127.0.0.1:8000/api/{version}"   # the contract' in text
    assert 'title = "Carrier API"' in text
    write_cassette(folder / "fixtures" / "cassettes" / "c.yaml", [interaction(
        {"id": "1"}, uri="https://api.carrier.example/v2/shipments/1")])
    result = runner.invoke(app, ["verify", "--project", str(folder), "--format", "json"])
    report = json.loads(result.output)
    assert result.exit_code == 0, report
    assert [c["examined"] for c in report["checks"]] == [1]
    again = runner.invoke(app, ["init", str(folder)], env={"COLUMNS": "250"})
    assert again.exit_code == 2  # already a project
    assert "([tool.seamguard] in pyproject.toml)" in again.output  # error text is not markup


def test_nothing_verified_is_an_error_not_a_pass(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[
        interaction(GOOD_ORDER, uri="https://elsewhere.example/api/v1/orders/1.json"),
        interaction(GOOD_ORDER, uri="https://other.example/orders/2.json")])
    result = runner.invoke(app, ["verify", "--project", str(root), "--format", "json"])
    assert result.exit_code == 1
    codes = [f["code"] for f in json.loads(result.output)["findings"]]
    assert codes.count("interaction.unknown-platform") == 2
    assert "recorded.nothing-verified" in codes


def test_some_unknown_hosts_pass_with_a_hint(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[
        interaction(GOOD_ORDER),
        interaction(GOOD_ORDER, uri="https://other.example/orders/2.json")])
    result = runner.invoke(app, ["verify", "--project", str(root)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "1 warning(s) below the threshold (interaction.unknown-platform: 1)" in result.output


def test_only_runs_one_suite_and_rejects_unknown_names(example: Path) -> None:
    result = runner.invoke(app, ["quality", "--project", str(example), "--format", "json",
                                 "--only", "suite=hubspot_deals"])
    assert result.exit_code == 0, result.output
    summary = json.loads((example / "reports" / "quality-summary.json").read_text("utf-8"))
    assert [row["suite"] for row in summary] == ["hubspot_deals"]
    result = runner.invoke(app, ["reconcile", "--project", str(example), "--format", "json",
                                 "--only", "reconcile=orders-to-deals"])
    assert result.exit_code == 0, result.output
    summary = json.loads((example / "reports" / "reconcile-summary.json").read_text("utf-8"))
    assert [row["reconciliation"] for row in summary] == ["orders-to-deals"]
    result = runner.invoke(app, ["quality", "--project", str(example), "--only",
                                 "suite=hubspot_deal"])
    assert result.exit_code == 2
    assert "did you mean 'hubspot_deals'?" in result.output
    assert runner.invoke(app, ["check", "--project", str(example),
                               "--only", "colour=red"]).exit_code == 2


PLAIN = """
[tool.seamguard]

[tool.seamguard.datasets.erp_customers]
path = "erp.csv"

[tool.seamguard.datasets.crm_customers]
path = "crm.csv"

[tool.seamguard.reconcile.customers]
source = "erp_customers"
target = "crm_customers"
key = ["region", "code"]
fields = ["tier", "credit"]
money = ["credit"]
"""


def test_two_plain_tables_reconcile_by_key_and_columns(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    root.mkdir()
    (root / "pyproject.toml").write_text(PLAIN, encoding="utf-8")
    (root / "erp.csv").write_text("region,code,tier,credit\nN,1,gold,10.00\nN,2,silver,5.50\n"
                                  "S,1,gold,1.00\nS,9,bronze,0\n", encoding="utf-8")
    (root / "crm.csv").write_text("region,code,tier,credit,owner\nN,1,gold,10,ann\n"
                                  "N,2,gold,5.5,bo\nS,1,gold,1.00,cy\nS,7,gold,3,di\n",
                                  encoding="utf-8")
    result = runner.invoke(app, ["reconcile", "--project", str(root), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    by_code: dict[str, list[dict[str, object]]] = {}
    for finding in findings:
        by_code.setdefault(str(finding["code"]), []).append(finding)
    assert [f["location"]["key"] for f in by_code["reconcile.missing-in-target"]] == ["S|9"]
    assert [f["location"]["key"] for f in by_code["reconcile.extra-in-target"]] == ["S|7"]
    [tier] = by_code["reconcile.field-differs"]  # 10 vs 10.00 is no difference
    assert (tier["expected"], tier["actual"]) == ("silver", "gold")
    assert "source \"silver\", target \"gold\"" in str(tier["message"])
    [money] = by_code["reconcile.money-total"]
    assert (money["expected"], money["actual"]) == ("16.50", "19.50")


def test_an_invalid_schema_field_is_reported_once_where_it_is(tmp_path: Path) -> None:
    # drf-spectacular writes `type: str` for some file fields; the validator then also fails
    # the component, the schemas map and the document above it, quoting each object whole.
    fields = "\n".join(f"        field_{n}: {{type: string, description: {'x' * 80}}}"
                       for n in range(12))
    contract = f"""
openapi: 3.0.3
info: {{title: Shop, version: v1}}
paths: {{}}
components:
  schemas:
    Answer:
      type: object
      properties:
{fields}
        answer_file: {{type: str}}
"""
    root = mini_project(tmp_path / "p", contract=contract)
    result = CliRunner().invoke(app, ["contract", "lint", "--project", str(root), "--format",
                                      "json"])
    assert result.exit_code == 2
    findings = [f for f in json.loads(result.stdout)["findings"]
                if f["code"] == "contract.invalid"]
    assert [f["location"]["pointer"] for f in findings] == [
        "/components/schemas/Answer/properties/answer_file/type"]
    assert len(findings[0]["message"]) < 200


@pytest.mark.parametrize(("given", "meant"), [
    ("ERR", "error"), ("WARN", "warning"), ("INFO", "info"), ("Warning", "warning")])
def test_fail_on_takes_oasdiff_and_schemathesis_spellings(tmp_path: Path, given: str,
                                                          meant: str) -> None:
    root = mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)])
    result = runner.invoke(app, ["verify", "--project", str(root), "--fail-on", given,
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"]["fail_on"] == meant


def test_format_html_says_the_html_report_is_always_written(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)])
    result = runner.invoke(app, ["verify", "--project", str(root), "--format", "html"],
                           env={"COLUMNS": "250"})
    assert result.exit_code == 2
    assert "report.html is always written to the reports folder" in " ".join(
        result.output.replace("│", " ").split())


def test_a_top_level_setting_below_a_platform_table_says_where_it_belongs(
        tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", interactions=[interaction(GOOD_ORDER)])
    with (root / "pyproject.toml").open("a", encoding="utf-8") as settings:
        settings.write('baseline = "seamguard-baseline.yaml"\n')  # appended: lands in the last
    result = runner.invoke(app, ["verify", "--project", str(root)], env={"COLUMNS": "250"})
    assert result.exit_code == 2
    assert "unknown setting 'baseline'" in result.output
    assert "'baseline' is a setting of [tool.seamguard]: move it up" in result.output


def test_suites_generate_with_nothing_to_generate_says_why(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p")
    result = runner.invoke(app, ["suites", "generate", "--project", str(root)],
                           env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "no suite to generate: no dataset under [tool.seamguard.datasets]" in result.output


def test_many_replay_files_are_one_entry_of_the_reports_line(tmp_path: Path) -> None:
    from seamguard.cli import _shown_reports
    from seamguard.project import find_project

    root = mini_project(tmp_path / "p")
    reports = root / "reports"
    written = [reports / "report.json", reports / "junit.xml",
               *(reports / "probe-replays" / f"{n:012x}.json" for n in range(40))]
    shown = _shown_reports(find_project(root, explicit=True), written)
    assert shown == "reports/report.json, reports/junit.xml, reports/probe-replays/ (40 files)"
    few = [reports / "report.json", *(reports / "probe-replays" / f"{n}.json" for n in range(2))]
    assert _shown_reports(find_project(root, explicit=True), few).count("probe-replays/") == 2
