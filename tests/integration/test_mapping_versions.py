"""A mapping naming a field its pinned contract version lacks, but another version has."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_mapping import break_mapping, report

DEAL = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"


def test_a_field_of_another_api_version_names_that_version(example: Path) -> None:
    # Shopify's processing_method is in the 2024-04 contract and gone from 2024-07
    break_mapping(example, DEAL, "    source: cancel_reason", "    source: processing_method")
    code, findings = report(example, "map", "lint")
    [finding] = [f for f in findings if f["code"] == "mapping.unknown-source-field"]
    assert code == 1
    assert finding["hint"].startswith("'processing_method' is in shopify@2024-04, not in "
                                      "shopify@2024-07: pin the version")


def test_a_field_no_version_has_keeps_its_usual_hint(example: Path) -> None:
    break_mapping(example, DEAL, "    source: cancel_reason", "    source: cancel_reasn")
    _, findings = report(example, "map", "lint")
    [finding] = [f for f in findings if f["code"] == "mapping.unknown-source-field"]
    assert finding["hint"].startswith("did you mean 'cancel_reason'")
    assert "shopify@2024-04" not in finding["hint"]
