"""``seamguard suites generate``: expectations from contracts and mappings, hand edits kept."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.documents import load_document
from seamguard.project import find_project
from seamguard.quality.generate import MASKED_REGEX, write_suites

runner = CliRunner()


def _suite(project: Path, name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (project / "suites" / f"{name}.json").read_text(encoding="utf-8"))
    return data


def test_bundled_suites_are_what_generation_produces(example: Path) -> None:
    changes = write_suites(find_project(example, explicit=True), dry_run=True)
    assert {c.dataset: (c.added, c.removed) for c in changes} == {
        "shopify_orders": ([], []), "hubspot_deals": ([], []), "hubspot_contacts": ([], [])}


def test_every_generated_expectation_links_to_an_existing_rule(example: Path) -> None:
    for name in ("hubspot_deals", "hubspot_contacts"):
        for exp in _suite(example, name)["expectations"]:  # type: ignore[attr-defined]
            info = exp.get("meta", {}).get("seamguard")
            if not info:
                continue  # hand-written
            file, _, pointer = info["from"].partition("#")
            document = load_document(example / file, display=file)
            node = document
            for part in pointer.strip("/").split("/"):
                node = node[int(part)] if isinstance(node, list) else node[part]
            assert node is not None


def test_regeneration_keeps_hand_edits_and_restores_generated(example: Path) -> None:
    path = example / "suites" / "hubspot_deals.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    generated = [e for e in data["expectations"] if e.get("meta", {}).get("seamguard")]
    removed = generated[0]
    data["expectations"].remove(removed)
    data["expectations"].append({"type": "expect_column_values_to_match_regex",
                                 "kwargs": {"column": "dealname", "regex": "^Shopify #"},
                                 "meta": {"notes": "mine"}})
    data["meta"]["owner"] = "sales-ops"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    mapping = example / "contracts" / "mappings" / "shopify-order-to-hubspot-deal.yaml"
    mapping.write_text(mapping.read_text(encoding="utf-8").replace(
        "    voided: closedlost\n", "    voided: closedlost\n    expired: appointmentscheduled\n"),
        encoding="utf-8")

    result = runner.invoke(app, ["suites", "generate", "hubspot_deals", "--project",
                                 str(example)])
    assert result.exit_code == 0, result.output
    assert "suites/hubspot_deals.json updated: +2 -1 generated" in result.output
    assert "3 hand-written kept" in result.output
    assert "+ expect_column_values_to_not_be_null(shopify_order_id)" in result.output
    after = json.loads(path.read_text(encoding="utf-8"))
    assert after["meta"]["owner"] == "sales-ops"
    assert after["expectations"][-1]["meta"] == {"notes": "mine"}
    assert removed in after["expectations"]
    stages = next(e for e in after["expectations"]
                  if e["kwargs"] == {"column": "dealstage", "value_set": [
                      "appointmentscheduled", "closedlost", "closedwon", "contractsent",
                      "decisionmakerboughtin"]})
    assert stages["meta"]["seamguard"]["from"].endswith("#/enums/deal_stage")
    again = runner.invoke(app, ["suites", "generate", "hubspot_deals", "--project",
                                str(example)])
    assert "unchanged: +0 -0 generated" in again.output


def test_pii_into_a_masked_dataset_expects_masked_values(example: Path) -> None:
    pyproject = example / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace(
        'dtypes = { mobilephone = "string", shopify_customer_id = "string" }',
        'dtypes = { mobilephone = "string", shopify_customer_id = "string" }\npii = "masked"'))
    [change] = write_suites(find_project(example, explicit=True), ["hubspot_contacts"])
    masked = {e["kwargs"]["column"] for e in _suite(example, "hubspot_contacts")["expectations"]
              if e["kwargs"].get("regex") == MASKED_REGEX}  # type: ignore[attr-defined]
    assert masked == {"email", "firstname", "lastname", "mobilephone"}
    result = runner.invoke(app, ["quality", "--project", str(example), "--format", "json"])
    failed = [f for f in json.loads(result.output)["findings"]
              if f["code"] == "quality.expectation-failed"]
    # the example's contacts hold clear personal data: every masked expectation fails
    assert {f["message"].split(":")[0] for f in failed} == {
        f"hubspot_contacts.{c}" for c in masked}
    assert change.added


def test_a_contract_dataset_s_key_is_expected_present_and_unique(example: Path) -> None:
    expectations = _suite(example, "shopify_orders")["expectations"]
    keyed = {(exp["type"], exp["kwargs"]["column"]): exp["meta"]["seamguard"]["from"]
             for exp in expectations  # type: ignore[attr-defined]
             if exp["meta"]["seamguard"]["from"].startswith("pyproject.toml#")}
    assert keyed == {
        ("expect_column_values_to_be_unique", "id"):
            "pyproject.toml#/tool/seamguard/datasets/shopify_orders/key"}
    # Not null as well: the contract already requires `id`, so that expectation keeps its origin.
    assert any(exp["type"] == "expect_column_values_to_not_be_null"
               and exp["kwargs"]["column"] == "id"
               for exp in expectations)  # type: ignore[attr-defined]


def test_required_properties_the_dataset_lacks_are_one_warning_naming_each(
        example: Path) -> None:
    # The bundled Shopify orders extract leaves out several properties the Order schema
    # requires; a suite generated without them used to say nothing, then said it once each.
    changes = {c.dataset: c for c in write_suites(find_project(example, explicit=True),
                                                  dry_run=True)}
    [warning] = changes["shopify_orders"].warnings
    assert warning.code == "quality.required-column-missing"
    assert warning.severity.value == "warning"
    missing = warning.expected
    assert isinstance(missing, dict)
    assert len(missing) > 1
    assert "id" not in missing  # the extract has it
    contract = "contracts/shopify/2024-07/openapi.yaml"
    assert missing["line_items"] == f"{contract}#/components/schemas/Order/properties/line_items"
    for column, pointer in missing.items():
        assert f"{column!r} ({pointer})" in warning.message
    assert warning.location.file == contract
    assert warning.location.pointer == "/components/schemas/Order"
    assert "fixtures/datasets/shopify_orders.jsonl" in warning.message
    assert f"no column for {len(missing)} properties" in warning.message
    assert not changes["hubspot_contacts"].warnings

    result = runner.invoke(app, ["suites", "generate", "shopify_orders", "--dry-run",
                                 "--project", str(example)])
    assert result.exit_code == 0
    assert result.output.count("quality.required-column-missing") == 1
    assert "line_items" in result.output
