"""The example's suites and reconciliations on files: green as shipped, every defect found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.quality import EXPECTED, defect_counts, inject_defects

runner = CliRunner()


def test_example_check_runs_quality_and_reconcile_green(example: Path) -> None:
    result = runner.invoke(app, ["check", "--project", str(example), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    checks = {c["id"] for c in report["checks"]}
    assert {"quality", "reconcile"} <= checks
    summary = json.loads((example / "reports" / "reconcile-summary.json").read_text("utf-8"))
    assert {row["reconciliation"]: row["source_rows"] for row in summary} == {
        "customers-to-contacts": 600, "orders-to-deals": 2000}
    quality = json.loads((example / "reports" / "quality-summary.json").read_text("utf-8"))
    assert sorted(row["dataset"] for row in quality) == [
        "hubspot_contacts", "hubspot_deals", "sfexpress_shipments", "shopify_orders"]
    assert all(row["failed"] == 0 and row["engine"] == "compiled" for row in quality)


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.support.projects import copy_example

    project = copy_example(tmp_path_factory.mktemp("broken") / "example")
    inject_defects(project)
    return project


def test_every_defect_class_is_found_with_its_count(broken: Path) -> None:
    counts = defect_counts(broken)
    assert {k: counts[k] for k in EXPECTED} == EXPECTED
    assert counts["recon_null_names"] == EXPECTED["nulls"]
    assert counts["recon_unknown_status"] == EXPECTED["unknown_status"]
    assert counts["recon_bad_phones"] == EXPECTED["bad_phones"]


def test_gx_on_pandas_reports_the_same_counts_as_the_compiled_engine(broken: Path) -> None:
    assert defect_counts(broken, engine="gx") == defect_counts(broken, engine="auto")


def test_cli_reports_each_difference_with_key_and_both_values(broken: Path) -> None:
    result = runner.invoke(app, ["reconcile", "--project", str(broken), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    amounts = [f for f in findings if f["code"] == "reconcile.field-differs"
               and "amount differs" in f["message"]]
    assert len(amounts) == EXPECTED["changed_amounts"]
    for finding in amounts:
        assert float(finding["actual"]) == pytest.approx(float(finding["expected"]) + 1)
        assert "shopify_order_id=58294613" in finding["message"]
    codes = [f["code"] for f in findings]
    assert codes.count("reconcile.missing-in-target") == EXPECTED["missing_keys"]
    assert codes.count("reconcile.extra-in-target") == EXPECTED["extra_keys"]
    assert codes.count("reconcile.duplicate-key") == EXPECTED["duplicate_keys"]
    assert "reconcile.money-total" in codes
    assert any(f["code"] == "reconcile.status-count" and "dealstage=weird" in f["message"]
               for f in findings)
    phones = [f for f in findings if f["code"] == "reconcile.field-differs"
              and "mobilephone" in f["message"]]
    assert len(phones) == EXPECTED["bad_phones"]
    # personal data never reaches a report unmasked
    assert all("*" in f["expected"] and "@" not in f["message"].split("differs")[0]
               .replace("***@", "") for f in phones)


def test_quality_findings_carry_samples_with_keys_and_masked_pii(broken: Path) -> None:
    result = runner.invoke(app, ["quality", "--project", str(broken), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    nulls = next(f for f in findings if "hubspot_deals.dealname" in f["message"])
    assert nulls["actual"]["unexpected_count"] == EXPECTED["nulls"]
    assert nulls["actual"]["unexpected_percent"] == pytest.approx(4 / 2002 * 100)
    assert all(s["dealname"] is None and s["shopify_order_id"] for s in nulls["actual"]["samples"])
    assert nulls["hint"].startswith("this expectation was generated from contracts/mappings/")
    orphans = next(f for f in findings if f["code"] == "quality.reference-broken")
    assert orphans["actual"]["orphans"] == EXPECTED["orphans"]
    assert all(s["contact_email"].startswith("g***@") for s in orphans["actual"]["samples"])
    phones = next(f for f in findings if "hubspot_contacts.mobilephone" in f["message"])
    # Samples carry the dataset's key (the customer id) and the value, masked: it is a phone.
    samples = phones["actual"]["samples"]
    assert samples
    assert all(s["shopify_customer_id"] and s["mobilephone"].count("*") >= 4 for s in samples)
