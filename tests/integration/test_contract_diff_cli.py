"""`seamguard contract diff` on the example's two Shopify versions, with the consumer stance;
grouping, ignore files, --fail-on, and two files diffed outside any project."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()


def diff(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["contract", "diff", *args, "--project", str(root)])
    return result.exit_code, result.output


def reached(changes: list[dict[str, object]]) -> set[tuple[str, str, str]]:
    found = set()
    for change in changes:
        assert isinstance(change["operations"], list)
        for operation in change["operations"]:
            found.add((str(change["id"]), str(change["level"]), operation))
    return found


def test_documented_changes_and_consumer_stance(example: Path) -> None:
    code, output = diff(example, "shopify@2024-04", "shopify@2024-07", "--format", "json")
    assert code == 1  # a response enum value a mapping reads was added
    report = json.loads(output)
    kinds = reached(report["changes"])
    assert ("request-property-enum-value-added", "error",
            "webhook orders/create") in kinds  # read by shopify-order-to-hubspot-deal
    assert ("response-property-enum-value-added", "warning",
            "POST /orders.json") in kinds  # no mapping reads POST responses
    assert {c["id"] for c in report["changes"]} == {
        "response-property-enum-value-added",
        "response-optional-property-removed",
        "response-property-enum-value-removed",
        # webhook bodies keep oasdiff's request ids, graded as their reader sees them
        "request-property-enum-value-added",
        "request-property-removed",
        "request-property-enum-value-removed",
    }
    assert (report["base"], report["revision"]) == ("shopify@2024-04", "shopify@2024-07")
    # One shared Order component: each change is one entry reaching several operations.
    assert max(c["operations_count"] for c in report["changes"]) > 1
    assert len(report["changes"]) < len(kinds)


def test_a_change_a_mapping_reads_names_the_rule_it_breaks(example: Path) -> None:
    _, output = diff(example, "shopify@2024-04", "shopify@2024-07", "--format", "json")
    raised = next(c for c in json.loads(output)["changes"]
                  if c["id"] == "response-property-enum-value-added" and c["level"] == "error")
    assert raised["field"].endswith("cancel_reason")
    assert ("a mapping reads this field: feeds hubspot@v3 'shopify_cancel_reason' via "
            "shopify-order-to-hubspot-deal rule ") in raised["message"]
    assert "contracts/mappings/shopify-order-to-hubspot-deal.yaml:" in raised["message"]


def test_an_operation_a_mapping_reads_removed_names_the_mapping(example: Path) -> None:
    import yaml

    spec = example / "contracts" / "shopify" / "2024-07" / "openapi.yaml"
    document = yaml.safe_load(spec.read_text(encoding="utf-8"))
    del document["paths"]["/orders/{order_id}.json"]
    del document["paths"]["/customers.json"]
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    _, output = diff(example, "shopify@2024-04", "shopify@2024-07", "--format", "json")
    removed = {c["operation"]: c["message"] for c in json.loads(output)["changes"]
               if c["id"] == "api-path-removed-without-deprecation"}
    assert "a mapping reads this operation: feeds hubspot@v3 " in removed[
        "GET /orders/{order_id}.json"]
    assert "via shopify-order-to-hubspot-deal rule" in removed["GET /orders/{order_id}.json"]
    assert "via shopify-customer-to-hubspot-contact rule" in removed["GET /customers.json"]


def test_oasdiff_formats_yaml_and_github_actions(example: Path) -> None:
    import yaml

    _, as_json = diff(example, "shopify@2024-04", "shopify@2024-07", "--format", "json")
    _, as_yaml = diff(example, "shopify@2024-04", "shopify@2024-07", "-f", "yaml")
    assert yaml.safe_load(as_yaml) == json.loads(as_json)
    code, annotations = diff(example, "shopify@2024-04", "shopify@2024-07",
                             "-f", "githubactions")
    assert code == 1
    lines = annotations.splitlines()
    changes = json.loads(as_json)["changes"]
    assert len(lines) == len(changes)
    commands = {"error": "::error ", "warning": "::warning ", "info": "::notice "}
    for line, change in zip(lines, changes, strict=True):
        assert line.startswith(f"{commands[change['level']]}title={change['id']}::")


def test_github_actions_annotations_escape_what_ends_a_command() -> None:
    from seamguard.report.diff import _escape

    assert _escape("50% of\nlines") == "50%25 of%0Alines"
    assert _escape("a:b,c", prop=True) == "a%3Ab%2Cc"


def test_without_mappings_nothing_is_consumed(example: Path) -> None:
    for path in (example / "contracts" / "mappings").glob("*.yaml"):
        path.unlink()
    code, output = diff(example, "shopify@2024-04", "shopify@2024-07", "--format", "json")
    assert code == 0
    assert all(c["level"] != "error" for c in json.loads(output)["changes"])
    code, _ = diff(example, "shopify@2024-04", "shopify@2024-07", "--fail-on", "warning")
    assert code == 1


def test_markdown_names_both_files(example: Path) -> None:
    old = str(example / "contracts/shopify/2024-04/openapi.yaml")
    new = str(example / "contracts/shopify/2024-07/openapi.yaml")
    code, output = diff(example, old, new, "--format", "markdown")
    assert code == 1
    assert f"`{old}` → `{new}`" in output.splitlines()[0]
    assert "| level | id | where | change | operations |" in output


def test_two_files_diff_outside_any_project(example: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(example / "contracts/shopify", tmp_path / "specs")
    monkeypatch.chdir(tmp_path)  # no pyproject.toml here or above
    result = runner.invoke(app, ["contract", "diff", "specs/2024-04/openapi.yaml",
                                 "specs/2024-07/openapi.yaml"])
    assert result.exit_code == 0, result.output  # nothing is consumed without mappings
    assert "response-property-enum-value-added" in result.output
    assert "more operation" in result.output
    code, _ = diff(example, "shopify@2024-04", str(tmp_path / "missing.yaml"))
    assert code == 2
    # A mistyped path outside a project names the path, not the missing project.
    result = runner.invoke(app, ["contract", "diff", "specs/2024-04/openapi.yaml",
                                 "specs/2024-07/openapi.yml"])
    assert result.exit_code == 2
    assert "'specs/2024-07/openapi.yml' is not a file" in result.output
    assert "no seamguard project" not in result.output


def test_ignore_file_with_reason_and_expiry(example: Path, tmp_path: Path) -> None:
    today = date.today()
    ignore = tmp_path / "ignore.yaml"
    ignore.write_text(
        "ignore:\n"
        "  - id: '*-enum-value-added'\n"
        "    reason: new cancel reasons map to 'other'\n"
        f"    expires: {today + timedelta(days=30)}\n"
        "  - id: response-optional-property-removed\n"
        "    reason: we never read processing_method\n"
        f"    expires: {today - timedelta(days=1)}\n", encoding="utf-8")
    code, output = diff(example, "shopify@2024-04", "shopify@2024-07", "--ignore", str(ignore))
    assert code == 0  # the only errors were enum values a mapping reads, now accepted
    assert "enum-value-added" not in output
    assert "response-optional-property-removed" in output  # its entry expired
    assert "expired on" in output
    ignore.write_text("ignore:\n  - id: x\n    expires: 2030-01-01\n", encoding="utf-8")
    code, output = diff(example, "shopify@2024-04", "shopify@2024-07", "--ignore", str(ignore))
    assert code == 2
    assert "has no `reason`" in output
    assert "ignore.yaml:2" in output


def test_unknown_side_is_a_usage_error(example: Path) -> None:
    code, output = diff(example, "shopify@2023-01", "shopify@2024-07")
    assert code == 2
    assert "configured: shopify@2024-04" in output


def test_a_level_that_hides_every_change_says_how_many_it_hid(tmp_path: Path) -> None:
    def spec(props: dict[str, object]) -> str:
        return json.dumps({"openapi": "3.0.3", "info": {"title": "pay", "version": "1"},
                           "paths": {"/employees": {"post": {
                               "requestBody": {"content": {"application/json": {"schema": {
                                   "type": "object", "properties": props}}}},
                               "responses": {"201": {"description": "created"}}}}}})

    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(spec({"name": {"type": "string"}, "leave": {"type": "integer"}}), "utf-8")
    new.write_text(spec({"name": {"type": "string"}, "note": {"type": "string"}}), "utf-8")
    result = runner.invoke(app, ["contract", "diff", str(old), str(new), "--level", "ERR"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["no changes at error or above",
                                          "2 change(s) below error not shown (--level)"]
    result = runner.invoke(app, ["contract", "diff", str(old), str(new), "--breaking-only"])
    assert result.output.splitlines()[-1] == "1 change(s) below warning not shown (--level)"
    assert result.output.startswith("warning request-property-removed POST /employees")
    result = runner.invoke(app, ["contract", "diff", str(old), str(new), "-f", "json"])
    assert json.loads(result.output)["hidden_below_level"] == 0


def test_a_swagger_1_side_is_a_usage_error_that_names_swagger(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text('info: {title: pay, version: "1"}\nswagger: "1.2"\napis: []\n', "utf-8")
    result = runner.invoke(app, ["contract", "diff", str(old), str(old)])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "old.yaml:2: not an OpenAPI 3.0/3.1 document (a Swagger 1.2 document)" in text
    assert "Swagger 2.0 read as 3.0" in text


def test_a_swagger_2_side_diffs_against_its_openapi_3_successor(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text('swagger: "2.0"\ninfo: {title: pay, version: "1"}\nbasePath: /v1\n'
                   "paths:\n  /pay:\n    get:\n      parameters:\n"
                   "        - {name: id, in: query, type: string}\n"
                   "      responses: {'200': {description: ok}}\n", "utf-8")
    new.write_text('openapi: 3.0.3\ninfo: {title: pay, version: "2"}\nservers: [{url: /v1}]\n'
                   "paths:\n  /pay:\n    get:\n      parameters:\n"
                   "        - {name: id, in: query, required: true, schema: {type: string}}\n"
                   "      responses: {'200': {description: ok}}\n", "utf-8")
    result = runner.invoke(app, ["contract", "diff", str(old), str(new)])
    assert result.exit_code == 1, result.output
    assert "request-parameter-became-required" in result.output
