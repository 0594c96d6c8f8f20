"""Mistakes a reviewer would catch, planted one at a time into copies of the example mappings:
each gives a finding that names the mapping file, the line, the rule and what to change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()
ORDER = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
CUSTOMER = "contracts/mappings/shopify-customer-to-hubspot-contact.yaml"
ROUTE = "contracts/mappings/sfexpress-route-to-hubspot-deal.yaml"
SHIP = "contracts/mappings/hubspot-deal-to-sfexpress-order.yaml"


def plant(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def lint(root: Path) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, ["map", "lint", "--project", str(root), "--format", "json"])
    return result.exit_code, json.loads(result.output)["findings"]


def line_of(root: Path, name: str, needle: str) -> int:
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def remove_custom_fields(root: Path) -> None:
    settings = root / "pyproject.toml"
    text = settings.read_text(encoding="utf-8")
    start = text.index("custom_fields = [")
    end = text.index("]\n", start) + 2
    settings.write_text(text[:start] + text[end:], encoding="utf-8")


CASES = [
    # typos on an open target (HubSpot properties take any name)
    (ORDER, "  - target: dealname\n", "  - target: dealnmae\n", "mapping.near-miss-field",
     "warning", "target: dealnmae", "/fields/1/target", "did you mean 'dealname'?"),
    (ORDER, "  - target: closedate\n", "  - target: close_date\n", "mapping.near-miss-field",
     "warning", "target: close_date", "/fields/6/target", "did you mean 'closedate'?"),
    (CUSTOMER, "  - target: lifecyclestage\n", "  - target: lifecycle_stage\n",
     "mapping.near-miss-field", "warning", "target: lifecycle_stage", "/fields/6/target",
     "did you mean 'lifecyclestage'?"),
    # a typo of a custom property, once the project declares its custom properties
    (ORDER, "  - target: shopify_tags\n", "  - target: shopify_tgas\n",
     "mapping.near-miss-field", "warning", "target: shopify_tgas", "/fields/7/target",
     "did you mean 'shopify_tags'?"),
    (ORDER, "  - target: shopify_cancel_reason\n", "  - target: cancel_reason\n",
     "mapping.undeclared-custom-field", "warning", "target: cancel_reason", "/fields/8/target",
     "custom_fields"),
    # on an open source record
    (SHIP, "source: properties.ship_to_city", "source: properties.ship_to_ctiy",
     "mapping.near-miss-field", "warning", "properties.ship_to_ctiy",
     "/fields/7/items/1/4/source", "did you mean 'ship_to_city'?"),
    # identity and $target references
    (ORDER, "identity: {source: id, target: shopify_order_id}",
     "identity: {source: id, target: shopify_order_di}", "mapping.identity-unknown-field",
     "error", "identity:", "/identity/target", "did you mean 'shopify_order_id'?"),
    (ROUTE, "  - target: sf_route_event_id\n    source: id\n",
     "  - target: sf_route_event_id\n    source: $target.sf_waybil_no\n",
     "mapping.unknown-target-reference", "error", "source: $target.sf_waybil_no",
     "/fields/2/source", "did you mean $target.sf_waybill_no?"),
    # state machines and the enum maps feeding them, both ways
    (ORDER, "    - field: dealstage\n", "    - field: dealstag\n", "mapping.sync-unknown-field",
     "error", "- field: dealstag", "/sync/state_machines/0/field", "did you mean 'dealstage'?"),
    (ORDER, "    paid: closedwon\n", "    paid: closedwn\n", "mapping.enum-not-a-state", "error",
     "paid: closedwn", "/enums/deal_stage/paid", "did you mean 'closedwon'?"),
    (ROUTE, '    "50": picked_up\n', '    "50": pickedup\n', "mapping.enum-not-a-state",
     "error", '"50": pickedup', "/enums/delivery_status/50", "did you mean 'picked_up'?"),
    (ORDER, "        closedwon: [closedlost]\n", "        closedwon: [closedlots]\n",
     "mapping.state-not-in-enum", "error", "closedwon: [closedlots]",
     "/sync/state_machines/0/transitions/closedwon/0", "did you mean 'closedlost'?"),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "code", "severity", "needle", "pointer", "hint"), CASES,
    ids=[f"{case[3].split('.')[1]}:{case[2].strip()[:30]}" for case in CASES])
def test_planted_mistake_gives_one_finding_naming_file_line_and_fix(
        example: Path, name: str, old: str, new: str, code: str, severity: str, needle: str,
        pointer: str, hint: str) -> None:
    plant(example, name, old, new)
    exit_code, findings = lint(example)
    # A renamed target also orphans its conflict policy: that is said too, as an error.
    orphaned = [f for f in findings if f["location"]["pointer"].startswith("/sync/conflict/")]
    assert exit_code == (1 if severity == "error" or orphaned else 0)
    [finding] = [f for f in findings if f not in orphaned]
    assert (finding["code"], finding["severity"]) == (code, severity)
    assert finding["location"]["file"] == name
    assert finding["location"]["pointer"] == pointer
    assert finding["location"]["line"] == line_of(example, name, needle)
    assert hint in finding["hint"]


def test_without_declared_custom_fields_only_near_misses_of_declared_names_warn(
        example: Path) -> None:
    remove_custom_fields(example)
    plant(example, ORDER, "  - target: shopify_cancel_reason\n",
          "  - target: shopify_cancel_reasno\n")
    assert lint(example) == (0, [])
    plant(example, ORDER, "  - target: dealname\n", "  - target: dealnmae\n")
    _, findings = lint(example)
    assert [f["code"] for f in findings] == ["mapping.near-miss-field"]


def test_a_mapping_can_declare_a_custom_field_that_looks_like_a_typo(example: Path) -> None:
    plant(example, ORDER, "  - target: closedate\n", "  - target: close_date\n")
    plant(example, ORDER, '  schema: "#/components/schemas/DealPropertiesInput"\n',
          '  schema: "#/components/schemas/DealPropertiesInput"\n  custom_fields: [close_date]\n')
    assert lint(example) == (0, [])


def test_state_typo_in_the_machine_is_blamed_on_the_machine(example: Path) -> None:
    """The machine names `closedlost` once wrongly; the enum map is right: blame the machine."""
    plant(example, ORDER, "        contractsent: [decisionmakerboughtin, closedwon, closedlost]",
          "        contractsent: [decisionmakerboughtin, closedwon, closedlsot]")
    _, findings = lint(example)
    [finding] = findings
    assert finding["code"] == "mapping.state-not-in-enum"
    assert finding["location"]["pointer"] == "/sync/state_machines/0/transitions/contractsent/2"
    assert "'closedlost'" in finding["hint"]


def test_a_failed_example_names_the_rule_that_wrote_the_field(example: Path) -> None:
    plant(example, ORDER, "transforms: [{decimal: {places: 2}}]",
          "transforms: [{decimal: {places: 1}}]")
    result = runner.invoke(app, ["map", "test", "--project", str(example), "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    assert findings
    line = line_of(example, ORDER, "  - target: amount")
    for finding in findings:
        assert finding["code"] == "mapping.example-failed"
        assert finding["location"]["file"] == ORDER
        assert f"rule 2 (`amount`, {ORDER}:{line})" in finding["message"]
        assert "update the example; otherwise fix the rule" in finding["hint"]


def test_an_example_can_pin_the_problem_an_input_must_raise(example: Path) -> None:
    pinned = ("  - name: order without a total\n"
              "    input: {id: 5829461287009, name: \"#1009\", financial_status: pending}\n"
              "    output: {shopify_order_id: \"5829461287009\", dealname: \"Shopify #1009\",\n"
              "             dealstage: contractsent, pipeline: default}\n"
              "    problems: {amount: missing-required}\n")
    path = example / ORDER
    path.write_text(path.read_text(encoding="utf-8") + pinned, encoding="utf-8")
    result = runner.invoke(app, ["map", "test", "--project", str(example), "--format", "json"])
    assert result.exit_code == 0, result.output
    # the same example against a rule that no longer insists on a value
    plant(example, ORDER, "    required: true\n    note: Shopify sends money",
          "    note: Shopify sends money")
    result = runner.invoke(app, ["map", "test", "--project", str(example), "--format", "json"])
    findings = json.loads(result.output)["findings"]
    assert {f["message"].split(": ", 1)[1].split(" (rule")[0] for f in findings} == {
        "amount should fail with missing-required, the mapping gives null"}
    assert all("rule 2 (`amount`" in f["message"] for f in findings)
    assert any("order without a total" in f["message"] for f in findings)


def test_sync_failure_after_a_mapping_edit_blames_the_rule_not_the_service(example: Path) -> None:
    """The example service is right; the mapping changed: the hint says so, naming the rule."""
    plant(example, ORDER, "transforms: [{decimal: {places: 2}}]",
          "transforms: [{decimal: {places: 0}}]")
    result = runner.invoke(app, ["sync", "test", "--examples", "15", "--seed", "1", "--project",
                                 str(example), "--format", "json"])
    assert result.exit_code == 1
    errors = [f for f in json.loads(result.output)["findings"] if f["severity"] == "error"]
    # every target that reads Shopify orders through this mapping fails, each blaming the rule
    assert {f["location"]["operation"] for f in errors} == {
        "sync target shop_sync", "sync target shop_queue", "sync target shop_poll"}
    for finding in errors:
        assert finding["code"] in ("sync.conservation", "sync.normalisation", "sync.convergence")
        assert "disagrees with its own golden examples" in finding["hint"]
        assert f"rule 2 (`amount`, {ORDER}:{line_of(example, ORDER, '  - target: amount')}" \
            in finding["hint"]


@pytest.mark.parametrize(
    ("name", "old", "new", "code", "target"),
    [(ORDER, "    source: cancel_reason\n", "    source: email\n", "mapping.pii-unmasked",
      "shopify_cancel_reason"),
     (ORDER, "    source: name\n", "    source: customer.first_name\n", "mapping.pii-unmasked",
      "dealname"),
     (CUSTOMER, "    transforms: [trim]\n    pii: true\n", "    transforms: [trim]\n",
      "mapping.pii-unflagged", "firstname")],
    ids=["email-into-cancel-reason", "first-name-into-dealname", "flag-removed"])
def test_personal_data_counts_without_the_flag(example: Path, name: str, old: str, new: str,
                                               code: str, target: str) -> None:
    plant(example, name, old, new)
    _, findings = lint(example)
    [finding] = [f for f in findings if f["code"] == code]
    assert f"{target!r} receives personal data" in finding["message"]
    assert finding["location"]["file"] == name
    assert finding["hint"]


def test_example_mappings_are_at_full_strength(example: Path) -> None:
    result = runner.invoke(app, ["map", "test", "--strength", "--project", str(example),
                                 "--format", "json"])
    assert result.exit_code == 0
    findings = json.loads(result.output)["findings"]
    assert len(findings) == len(list((example / "contracts" / "mappings").glob("*.yaml")))
    assert all(f["severity"] == "info" and "(100%)" in f["message"] for f in findings)


def test_a_weakened_copy_names_the_rules_whose_examples_are_missing(example: Path) -> None:
    """Drop the examples that hold local times, untidy text and every enum value."""
    path = example / ORDER
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("  # Together the examples pin every rule down")],
                    encoding="utf-8")
    result = runner.invoke(app, ["map", "test", "--strength", "--project", str(example),
                                 "--format", "json"])
    findings = [f for f in json.loads(result.output)["findings"]
                if f["location"]["file"] == ORDER]
    weak = {f["message"].split(" ")[1]: f for f in findings if f["severity"] == "warning"}
    assert set(weak) == {"0", "1", "2", "3", "4", "6", "7", "8"}
    assert "tz: \"UTC\" instead of \"Asia/Shanghai\"" in weak["6"]["message"]
    assert "a local time without offset" in weak["6"]["message"]
    assert weak["4"]["location"]["pointer"].startswith("/enums/deal_stage/")
    [summary] = [f for f in findings if f["severity"] == "info"]
    assert "(100%)" not in summary["message"]
