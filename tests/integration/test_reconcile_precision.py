"""Reconciliation compares the stored value with the mapping's output as stored: a mapping whose
precision changed no longer agrees with data synced under the old one (no false green), and a
tolerance is explicit and per field."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import copy_example

runner = CliRunner()
ORDER = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"


def plant(project: Path, old: str, new: str, name: str = ORDER) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reconcile(project: Path) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, ["reconcile", "--project", str(project), "--format", "json"])
    return result.exit_code, json.loads(result.output)["findings"]


def rounded_away(project: Path, places: int) -> set[str]:
    """Order ids whose total changes when rounded half up to ``places`` decimals."""
    exponent = Decimal(1).scaleb(-places)
    keys = set()
    with (project / "fixtures/datasets/shopify_orders.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            order = json.loads(line)
            total = Decimal(str(order["total_price"]))
            if total.quantize(exponent, rounding=ROUND_HALF_UP) != total:
                keys.add(str(order["id"]))
    return keys


@pytest.fixture(scope="module")
def fewer_places(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_example(tmp_path_factory.mktemp("places") / "example")
    plant(project, "transforms: [{decimal: {places: 2}}]", "transforms: [{decimal: {places: 0}}]")
    return project


def test_changed_places_reports_every_differing_row(fewer_places: Path) -> None:
    code, findings = reconcile(fewer_places)
    assert code == 1
    differing = [f for f in findings if f["code"] == "reconcile.field-differs"
                 and "amount differs" in f["message"]]
    expected_keys = rounded_away(fewer_places, 0)
    assert len(expected_keys) > 1000  # the generated totals carry cents
    assert {f["message"].split("=")[1].split(":")[0] for f in differing} == expected_keys
    for finding in differing[:50]:
        assert Decimal(finding["expected"]) == Decimal(finding["expected"]).to_integral_value()
        assert Decimal(finding["actual"]) != Decimal(finding["expected"])
        assert finding["hint"].endswith(f"{ORDER}#/fields/2")
    [summary] = [f for f in findings if f["code"] == "reconcile.summary"
                 and f["actual"]["reconciliation"] == "orders-to-deals"]
    assert summary["actual"]["field_differences"] == len(expected_keys)
    assert summary["actual"]["money_mismatches"] == 1
    [total] = [f for f in findings if f["code"] == "reconcile.money-total"]
    source_total, target_total = Decimal(total["expected"]), Decimal(total["actual"])
    assert source_total != target_total
    assert source_total == source_total.to_integral_value()


def test_more_places_than_stored_is_a_difference_too(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "example")
    plant(project, "transforms: [{decimal: {places: 2}}]", "transforms: [{decimal: {places: 3}}]")
    code, findings = reconcile(project)
    # 8451.280 and 8451.28 are the same number: three places change no stored amount.
    assert code == 0, [f["message"] for f in findings if f["severity"] == "error"][:3]


def test_an_explicit_tolerance_per_field_accepts_differences_up_to_it(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "example")
    plant(project, "transforms: [{decimal: {places: 2}}]", "transforms: [{decimal: {places: 0}}]")
    settings = project / "pyproject.toml"
    text = settings.read_text(encoding="utf-8")
    anchor = 'money = ["amount"]\n'
    settings.write_text(text.replace(anchor, anchor + 'tolerance = { amount = "0.5" }\n', 1),
                        encoding="utf-8")
    code, findings = reconcile(project)
    assert code == 0, [f["message"] for f in findings if f["severity"] == "error"][:3]
    settings.write_text(text.replace(anchor, anchor + 'tolerance = { amount = "0.1" }\n', 1),
                        encoding="utf-8")
    code, findings = reconcile(project)
    differing = [f for f in findings if f["code"] == "reconcile.field-differs"]
    over = rounded_away(project, 0)
    assert code == 1
    assert 0 < len(differing) < len(over)
    assert all(abs(Decimal(f["expected"]) - Decimal(f["actual"])) > Decimal("0.1")
               for f in differing)


@pytest.mark.parametrize(
    ("setting", "message"),
    [('tolerance = { dealstage = "1" }', "only fields the mapping makes decimals"),
     ('tolerance = { amuont = "1" }', "which this reconciliation does not compare")],
    ids=["text-field", "unknown-field"],
)
def test_a_tolerance_on_a_field_it_cannot_apply_to_is_said(tmp_path: Path, setting: str,
                                                           message: str) -> None:
    project = copy_example(tmp_path / "example")
    settings = project / "pyproject.toml"
    anchor = 'money = ["amount"]\n'
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        anchor, anchor + setting + "\n", 1), encoding="utf-8")
    code, findings = reconcile(project)
    assert code == 1
    [finding] = [f for f in findings if f["code"] == "reconcile.cannot-run"]
    assert message in finding["message"]
    assert finding["location"]["pointer"].startswith("tool.seamguard.reconcile.orders-to-deals"
                                                      ".tolerance.")
