"""Mapping specs on the example project: lint, golden examples, explain, and every bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()
ORDER = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
ROUTE = "contracts/mappings/sfexpress-route-to-hubspot-deal.yaml"
SHIP = "contracts/mappings/hubspot-deal-to-sfexpress-order.yaml"


def run(root: Path, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--project", str(root)], input=stdin)
    return result.exit_code, result.output


def report(root: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    code, output = run(root, *args, "--format", "json")
    return code, json.loads(output)["findings"]


def break_mapping(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, name: str, needle: str) -> int:
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def test_example_mappings_lint_test_and_verify_green(example: Path) -> None:
    code, findings = report(example, "check")
    assert code == 0, [f for f in findings if f["severity"] == "error"]
    data = json.loads((example / "reports" / "report.json").read_text(encoding="utf-8"))
    examined = {c["id"]: c["examined"] for c in data["checks"]}
    assert examined["mapping"] == 8  # 4 Shopify/HubSpot/SF ones, 4 of the gateway packs
    assert examined["mapping.examples"] == 71
    assert examined["mapping.recorded"] >= 10
    assert {f["code"] for f in findings if f["check"].startswith("mapping")
            and f["severity"] != "info"} == set()


@pytest.mark.parametrize(
    ("name", "old", "new", "code", "needle", "hint"),
    [
        (ORDER, "transforms: [trim, upper]", "transforms: [trim, uper]",
         "mapping.unknown-transform", "transforms: [trim, uper]", "did you mean 'upper'?"),
        (ORDER, "source: total_price", "source: total_prise", "mapping.unknown-source-field",
         "source: total_prise", "did you mean 'total_price'?"),
        (SHIP, "target: remark", "target: remrak", "mapping.unknown-target-field",
         "target: remrak", "did you mean 'remark'?"),
        (ORDER, "    source: currency\n    transforms: [trim, upper]",
         "    source: id\n    transforms: [trim, upper]", "mapping.type-mismatch",
         "transforms: [trim, upper]", "add a conversion step"),
        (ORDER, "    voided: closedlost\n", "", "mapping.enum-not-total", "deal_stage:",
         "map every"),
    ],
    ids=["unknown-transform", "unknown-source-field", "unknown-target-field", "type-mismatch",
         "enum-not-total"],
)
def test_broken_mapping_gives_finding_with_file_line_and_hint(
    example: Path, name: str, old: str, new: str, code: str, needle: str, hint: str
) -> None:
    break_mapping(example, name, old, new)
    exit_code, findings = report(example, "map", "lint")
    assert exit_code == 1
    [finding] = [f for f in findings if f["severity"] == "error"]
    assert finding["code"] == code
    assert finding["location"]["file"] == name
    assert finding["location"]["line"] == line_of(example, name, needle)
    assert hint in finding["hint"]


@pytest.mark.parametrize(("default", "clean"), [
    ("0", False), ("[none]", False), ("{a: 1}", False), ("true", False),
    ('"none"', True), ("''", True)])
def test_a_default_of_another_type_than_its_target_is_a_type_mismatch(
        example: Path, default: str, clean: bool) -> None:
    """A default is written as it is (no transform runs on it): a string field given a
    number there fails every record that falls back on it."""
    break_mapping(example, ORDER, "    source: cancel_reason\n    transforms: [to_string]\n",
                  f"    source: cancel_reason\n    transforms: [to_string]\n"
                  f"    default: {default}\n")
    exit_code, findings = report(example, "map", "lint")
    errors = [f for f in findings if f["severity"] == "error"]
    if clean:
        assert (exit_code, errors) == (0, [])
        return
    assert exit_code == 1
    [finding] = errors
    assert finding["code"] == "mapping.type-mismatch"
    assert finding["location"]["line"] == line_of(example, ORDER, f"default: {default}")
    assert "not transformed" in finding["hint"]


def test_non_total_enum_names_the_missing_value(example: Path) -> None:
    break_mapping(example, ORDER, "    voided: closedlost\n", "")
    _, findings = report(example, "map", "lint")
    assert "'voided'" in findings[0]["message"]


def test_unmasked_personal_data(example: Path) -> None:
    name = "contracts/mappings/shopify-customer-to-hubspot-contact.yaml"
    break_mapping(example, name, "[email, firstname, lastname, mobilephone]", "[email]")
    exit_code, findings = report(example, "map", "lint")
    assert exit_code == 1
    assert sorted(f["message"] for f in findings) == [
        "'firstname' receives personal data unmasked",
        "'lastname' receives personal data unmasked",
        "'mobilephone' receives personal data unmasked",
    ]


@pytest.mark.parametrize(
    ("old", "new", "message", "pointer"),
    [
        ("    source: mailno\n", "    source: $target.sf_route_event_id\n", "in a circle",
         "/fields/1/source"),
        ("    source: mailno\n", "    source: $target.sf_waybill_no\n", "in a circle",
         "/fields/1/source"),
    ],
    ids=["cycle", "self-reference"],
)
def test_cyclic_rules_are_a_rule_finding(example: Path, old: str, new: str,
                                         message: str, pointer: str) -> None:
    """A circle is a mistake in the rules (exit 1, like an unknown field), not a broken project."""
    break_mapping(example, ROUTE, old, new)
    if "route_event" in new:
        break_mapping(example, ROUTE, "    source: id\n", "    source: $target.sf_waybill_no\n")
    exit_code, findings = report(example, "map", "lint")
    assert exit_code == 1
    [finding] = findings
    assert finding["code"] == "mapping.rule-cycle"
    assert message in finding["message"]
    assert finding["location"]["pointer"] == pointer
    assert finding["location"]["file"] == ROUTE


def test_malformed_spec_is_an_invalid_mapping(example: Path) -> None:
    break_mapping(example, ORDER, "  - target: pipeline\n    constant: default\n",
                  "  - target: pipeline\n    constnat: default\n")
    exit_code, findings = report(example, "map", "lint")
    assert exit_code == 2
    assert findings[0]["code"] == "mapping.invalid"
    assert "constnat" in findings[0]["message"]
    assert findings[0]["location"]["line"] == line_of(example, ORDER, "constnat")


def test_golden_example_failure(example: Path) -> None:
    break_mapping(example, ORDER, 'amount: "935.00"', 'amount: "935.0"')
    exit_code, findings = report(example, "map", "test")
    assert exit_code == 1
    [finding] = findings
    assert finding["code"] == "mapping.example-failed"
    assert '/amount should be "935.0", the mapping gives "935.00"' in finding["message"]


def test_recorded_record_that_maps_to_an_invalid_target(example: Path) -> None:
    # dealname rule now yields a number: HubSpot's DealPropertiesInput wants a string
    break_mapping(example, ORDER, "    source: name\n    transforms: [trim, {regex_replace: "
                  "{pattern: \"^\", replacement: \"Shopify \"}}]",
                  "    source: order_number")
    exit_code, findings = report(example, "check")
    assert exit_code == 1
    errors = [f for f in findings if f["code"] == "mapping.invalid-output"]
    assert errors
    assert "fixtures/cassettes/shopify/" in errors[0]["message"]
    assert "/dealname" in errors[0]["message"]


def test_explain_from_a_cassette_interaction(example: Path) -> None:
    code, output = run(example, "map", "explain", "sfexpress-route-to-hubspot-deal",
                       "fixtures/cassettes/sfexpress/route-push.yaml#0", "--format", "json")
    assert code == 0, output
    trace = json.loads(output)
    assert trace["valid"] is True
    status = next(f for f in trace["fields"] if f["target"] == "sf_delivery_status")
    assert status["raw"] == "44"
    assert status["output"] == "out_for_delivery"
    when = next(f for f in trace["fields"] if f["target"] == "sf_last_event_at")
    assert when["steps"] == [{"step": "datetime_utc", "value": "2024-07-11T00:35:20Z"}]


def test_explain_text_from_stdin(example: Path) -> None:
    record = {"id": 1, "name": "#9", "total_price": "12.5", "currency": "cny",
              "financial_status": "paid", "processed_at": "2024-07-01T08:00:00+08:00",
              "tags": "a,b"}
    code, output = run(example, "map", "explain", "shopify-order-to-hubspot-deal", "-",
                       stdin=json.dumps(record))
    assert code == 0, output
    assert "12.50" in output
    assert "valid target record" in output


def test_explain_reports_an_invalid_target_record(example: Path, tmp_path: Path) -> None:
    record = tmp_path / "order.json"
    record.write_text(json.dumps({"id": 1, "name": "#9", "total_price": "x",
                                  "financial_status": "paid"}), encoding="utf-8")
    code, output = run(example, "map", "explain", "shopify-order-to-hubspot-deal", str(record),
                       "--format", "json")
    assert code == 1
    trace = json.loads(output)
    assert trace["valid"] is False
    amount = next(f for f in trace["fields"] if f["target"] == "amount")
    assert amount["error"].startswith("decimal:")


def test_explain_malformed_record_is_a_usage_error(example: Path, tmp_path: Path) -> None:
    record = tmp_path / "order.json"
    record.write_text('{"id": 1,\n "name": }\n', encoding="utf-8")
    code, output = run(example, "map", "explain", "shopify-order-to-hubspot-deal", str(record))
    assert code == 2
    assert f"{record}:2" in output
    assert "Traceback" not in output


def test_explain_unknown_mapping_suggests(example: Path) -> None:
    code, output = run(example, "map", "explain", "shopify-order-to-hubspot-dael", "-",
                       stdin="{}")
    assert code == 2
    assert "did you mean 'shopify-order-to-hubspot-deal'" in output


def test_schema_is_published() -> None:
    result = runner.invoke(app, ["map", "schema"])
    schema = json.loads(result.output)
    assert "fields" in schema["properties"]
    assert schema["properties"]["source"]["$ref"].endswith("Endpoint")


def test_format_the_target_needs_is_not_produced(example: Path) -> None:
    name = "contracts/mappings/shopify-customer-to-hubspot-contact.yaml"
    break_mapping(example, name, "    source: email\n    transforms: [trim, lower]",
                  "    source: first_name\n    transforms: [trim, lower]")
    _, findings = report(example, "map", "lint")
    [finding] = [f for f in findings if f["code"] == "mapping.format-mismatch"]
    assert finding["severity"] == "warning"
    assert finding["expected"] == "email"


def test_bad_transform_parameter_suggests_the_right_one(example: Path) -> None:
    break_mapping(example, ORDER, "{decimal: {places: 2}}", "{decimal: {placs: 2}}")
    exit_code, findings = report(example, "map", "lint")
    assert exit_code == 1
    [finding] = findings
    assert finding["code"] == "mapping.bad-transform-params"
    assert "'places'" in finding["hint"]
    assert finding["location"]["line"] == line_of(example, ORDER, "placs")


def test_published_schema_is_current() -> None:
    from seamguard.mapping.spec import MappingSpec
    from tests.support.projects import REPO

    published = json.loads((REPO / "docs" / "mapping-spec.schema.json").read_text("utf-8"))
    assert published == MappingSpec.model_json_schema(by_alias=True), (
        "regenerate with: seamguard map schema > docs/mapping-spec.schema.json")


@pytest.mark.parametrize(("steps", "codes"), [
    ("[{join: {separator: ';'}}]", set()),
    ("[upper]", {"mapping.type-mismatch"}),
], ids=["list-step", "text-step-on-a-list"])
def test_a_path_through_an_array_gives_the_rule_a_list(
    example: Path, steps: str, codes: set[str]
) -> None:
    break_mapping(example, ORDER, "  - target: shopify_cancel_reason\n",
                  f"  - target: shopify_skus\n    source: line_items[].sku\n"
                  f"    transforms: {steps}\n  - target: shopify_cancel_reason\n")
    _, findings = report(example, "map", "lint")
    assert {f["code"] for f in findings if f["severity"] == "error"} == codes


def test_a_catastrophic_regex_is_refused_by_lint_and_apply(example: Path) -> None:
    break_mapping(example, ORDER, '{pattern: "^", replacement: "Shopify "}',
                  '{pattern: "^(\\\\w+\\\\s?)*$", replacement: "Shopify "}')
    exit_code, findings = report(example, "map", "lint")
    assert exit_code == 1
    [finding] = [f for f in findings if f["code"] == "mapping.bad-transform-params"]
    assert "backtracks catastrophically" in finding["message"]
    assert finding["location"]["line"] == line_of(example, ORDER, "replacement: \"Shopify ")
    exit_code, output = run(example, "check")
    assert exit_code in (1, 2)
    assert "Traceback" not in output
