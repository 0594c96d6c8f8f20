"""Mapping paths as authors write them by habit (JSONPath, JSON pointers, [*], a missing [],
the wrong case), and paths into JSON held in a string: lint, test and explain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()

GATEWAY = """openapi: 3.1.0
info: {title: gw, version: v1}
paths: {}
components:
  schemas:
    Push:
      type: object
      required: [msgData]
      properties:
        msgType: {type: string}
        customer:
          type: object
          properties:
            email: {type: string}
            addresses:
              type: array
              items: {type: object, properties: {city: {type: string}}}
        msgData:
          type: string
          contentMediaType: application/json
          contentSchema:
            type: object
            properties:
              orderId: {type: string}
              lines:
                type: array
                items: {type: object, properties: {sku: {type: string}}}
"""
CRM = """openapi: 3.1.0
info: {title: crm, version: v1}
paths: {}
components:
  schemas:
    Deal:
      type: object
      properties:
        order_id: {type: string, maxLength: 64}
        skus: {type: string}
        kind: {type: string}
"""
MAPPING = """source: {contract: gw@v1, schema: "#/components/schemas/Push"}
target: {contract: crm@v1, schema: "#/components/schemas/Deal"}
identity: {source: msgData.orderId, target: order_id}
fields:
  - target: order_id
    source: msgData.orderId
    transforms: [trim, {truncate: {max_length: 64}}]
    required: true
  - target: skus
    source: msgData.lines[].sku
    transforms: [{join: {separator: ","}}]
  - target: kind
    source: KIND_PATH
examples:
  - name: a push
    input: {msgType: X, msgData: '{"orderId": " HS1 ", "lines": [{"sku": "A"}, {"sku": "B"}]}'}
    output: {order_id: HS1, skus: "A,B", kind: X}
"""


def _project(tmp_path: Path, kind_path: str = "msgType") -> Path:
    for name, text in (("gw", GATEWAY), ("crm", CRM)):
        folder = tmp_path / "contracts" / name / "v1"
        folder.mkdir(parents=True)
        (folder / "openapi.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "contracts" / "mappings").mkdir()
    (tmp_path / "contracts" / "mappings" / "push-to-deal.yaml").write_text(
        MAPPING.replace("KIND_PATH", json.dumps(kind_path)), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard.platforms.gw]\nversions = ["v1"]\nbase_url = "https://gw.example.com"\n'
        '[tool.seamguard.platforms.crm]\nversions = ["v1"]\n'
        'base_url = "https://crm.example.com"\n', encoding="utf-8")
    return tmp_path


def _lint(project: Path) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, ["map", "lint", "--project", str(project), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)["findings"]


def test_paths_into_json_held_in_a_string_lint_and_run(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert _lint(project) == (0, [])
    result = runner.invoke(app, ["map", "test", "--project", str(project), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = tmp_path / "push.json"
    record.write_text(json.dumps({"msgType": "X", "msgData": json.dumps(
        {"orderId": "HS9", "lines": [{"sku": "Z"}]})}), encoding="utf-8")
    result = runner.invoke(app, ["map", "explain", "push-to-deal", str(record), "--project",
                                 str(project), "--format", "json", "--show-values"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["output"] == {"order_id": "HS9", "skus": "Z", "kind": "X"}


def test_a_string_that_is_not_json_reads_as_missing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    record = tmp_path / "push.json"
    record.write_text(json.dumps({"msgType": "X", "msgData": "[" * 100_000}), encoding="utf-8")
    result = runner.invoke(app, ["map", "explain", "push-to-deal", str(record), "--project",
                                 str(project), "--format", "json"])
    assert result.exit_code == 1, result.output  # order_id is required
    problems = json.loads(result.output)["problems"]
    assert [p["target"] for p in problems] == ["order_id"]


@pytest.mark.parametrize(("written", "meant"), [
    ("$.customer.email", "customer.email"),
    ("/customer/email", "customer.email"),
    ("customer/email", "customer.email"),
    ("Customer.Email", "customer.email"),
    ("custmer.emial", "customer.email"),
    ("customer.addresses.city", "customer.addresses[].city"),
    ("customer.addresses[*].city", "customer.addresses[].city"),
    ("customer.addresses[0].city", "customer.addresses[].city"),
    ("$['customer']['email']", "customer.email"),
    ("msgData.ordreId", "msgData.orderId"),
    ("msgData.lines.sku", "msgData.lines[].sku"),
])
def test_a_path_written_by_another_habit_names_the_path_meant(
        tmp_path: Path, written: str, meant: str) -> None:
    code, findings = _lint(_project(tmp_path, written))
    assert code == 1
    [finding] = [f for f in findings if f["location"]["pointer"] == "/fields/2/source"]
    assert finding["code"] in ("mapping.unknown-source-field", "mapping.bad-path")
    assert f"did you mean {meant!r}?" in str(finding["hint"]), finding
    assert finding["location"]["line"] == 13


def test_explain_flags_a_rule_whose_source_the_contract_lacks(tmp_path: Path) -> None:
    project = _project(tmp_path, "msgData.ordreId")
    record = tmp_path / "push.json"
    record.write_text(json.dumps({"msgData": json.dumps({"orderId": "HS9"})}), encoding="utf-8")
    result = runner.invoke(app, ["map", "explain", "push-to-deal", str(record), "--project",
                                 str(project), "--format", "json"])
    assert result.exit_code == 1, result.output
    trace = json.loads(result.output)
    kind = next(f for f in trace["fields"] if f["target"] == "kind")
    assert kind["verdict"] == "invalid"
    assert "did you mean 'msgData.orderId'?" in kind["violations"][0]
    assert trace["problems"][0]["code"] == "mapping.unknown-source-field"


def test_two_rules_writing_one_target_name_both_rules(tmp_path: Path) -> None:
    project = _project(tmp_path)
    spec = project / "contracts" / "mappings" / "push-to-deal.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "  - target: kind\n", "  - target: skus\n    source: msgType\n  - target: kind\n"),
        encoding="utf-8")
    result = runner.invoke(app, ["map", "lint", "--project", str(project), "--format", "json"])
    assert result.exit_code == 2, result.output
    [finding] = json.loads(result.output)["findings"]
    assert finding["code"] == "mapping.invalid"
    assert finding["location"]["pointer"] == "/fields/2/target"
    assert finding["location"]["line"] == 12
    assert "written by rule 1 (line 9) and again by rule 2" in finding["message"]
    assert "source: [a, b]" in finding["hint"]
