"""`seamguard contract diff` on the example's two Shopify versions, with the consumer stance."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()


def diff(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["contract", "diff", *args, "--project", str(root)])
    return result.exit_code, result.output


def test_documented_changes_and_consumer_stance(example: Path) -> None:
    code, output = diff(example, "shopify@2024-04", "shopify@2024-07", "--format", "json")
    assert code == 1  # a response enum value a mapping reads was added
    changes = json.loads(output)["changes"]
    kinds = {(c["id"], c["level"], c["operation"]) for c in changes}
    assert ("request-property-enum-value-added", "error",
            "webhook orders/create") in kinds  # read by shopify-order-to-hubspot-deal
    assert ("response-property-enum-value-added", "warning",
            "POST /orders.json") in kinds  # no mapping reads POST responses
    assert {c["id"] for c in changes} == {
        "response-property-enum-value-added",
        "response-optional-property-removed",
        "response-property-enum-value-removed",
        # webhook bodies keep oasdiff's request ids, graded as their reader sees them
        "request-property-enum-value-added",
        "request-property-removed",
        "request-property-enum-value-removed",
    }
    assert all(set(c) >= {"id", "level", "operation", "path", "message"} for c in changes)


def test_without_mappings_nothing_is_consumed(example: Path) -> None:
    for path in (example / "contracts" / "mappings").glob("*.yaml"):
        path.unlink()
    code, output = diff(example, "shopify@2024-04", "shopify@2024-07", "--format", "json")
    assert code == 0
    assert all(c["level"] != "error" for c in json.loads(output)["changes"])


def test_markdown_and_file_paths(example: Path) -> None:
    code, output = diff(example, str(example / "contracts/shopify/2024-04/openapi.yaml"),
                        str(example / "contracts/shopify/2024-07/openapi.yaml"),
                        "--format", "markdown")
    assert code == 1
    assert "| level |" in output or "|" in output.splitlines()[2]


def test_unknown_side_is_a_usage_error(example: Path) -> None:
    code, output = diff(example, "shopify@2023-01", "shopify@2024-07")
    assert code == 2
    assert "configured: shopify@2024-04" in output
