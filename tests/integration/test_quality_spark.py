"""The Spark path: one suite through GX's Spark data source on a local Spark session."""

from __future__ import annotations

import json
from pathlib import Path

from seamguard.project import find_project
from seamguard.quality.check import run_suite, suite_findings
from seamguard.quality.datasets import Datasets
from seamguard.quality.suites import load_suite
from tests.support.quality import EXPECTED, inject_defects, use_settings


def _break_shipments(project: Path) -> None:
    path = project / "fixtures" / "datasets" / "sfexpress_shipments.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows[3]["waybill_no"] = "SF-oops"
    rows[4]["receiver_mobile"] = "13812345678"  # unmasked: a PIPL breach in the analytics copy
    rows.append(dict(rows[0]))
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def test_a_suite_runs_on_spark_with_the_same_counts_as_duckdb(example: Path) -> None:
    _break_shipments(example)
    suite_path = example / "suites" / "sfexpress_shipments.json"
    suite = load_suite(suite_path, display=suite_path.name)
    with Datasets(find_project(example, explicit=True)) as datasets:
        on_files = run_suite(datasets, suite, sample_rows=3)
    use_settings(example, '[tool.seamguard.datasets.sfexpress_shipments]\nkind = "spark"\n'
                          'path = "fixtures/datasets/sfexpress_shipments.jsonl"\n'
                          'format = "jsonl"\nmaster = "local[1]"\n')
    with Datasets(find_project(example, explicit=True)) as datasets:
        on_spark = run_suite(datasets, suite, sample_rows=3)
    assert on_spark.engine == "gx-spark"
    assert [o.error for o in on_spark.outcomes] == [None] * len(suite.expectations)
    counts = [(o.expectation.index, o.success, o.unexpected_count) for o in on_spark.outcomes]
    assert counts == [(o.expectation.index, o.success, o.unexpected_count)
                      for o in on_files.outcomes]
    failed = {o.expectation.kwargs.get("column"): o.unexpected_count
              for o in on_spark.outcomes if not o.success}
    assert failed == {"order_id": 2, "waybill_no": 1, "receiver_mobile": 1}


def test_references_are_checked_on_spark_datasets(example: Path) -> None:
    """A suite's foreign keys run on Spark too: three orphan deals are found, not skipped."""
    inject_defects(example)
    suite_path = example / "suites" / "hubspot_deals.json"
    suite = load_suite(suite_path, display=suite_path.name)
    assert suite.references, "the example's deals suite declares a reference"
    with Datasets(find_project(example, explicit=True)) as datasets:
        on_files = run_suite(datasets, suite, sample_rows=3)
    use_settings(example, '[tool.seamguard.datasets.hubspot_deals]\nkind = "spark"\n'
                          'path = "fixtures/datasets/hubspot_deals.parquet"\nmaster = "local[1]"\n'
                          '[tool.seamguard.datasets.hubspot_contacts]\nkind = "spark"\n'
                          'path = "fixtures/datasets/hubspot_contacts.csv"\n'
                          'dtypes = { mobilephone = "string", shopify_customer_id = "string" }\n')
    project = find_project(example, explicit=True)
    with Datasets(project) as datasets:
        on_spark = run_suite(datasets, suite, sample_rows=3)
    assert [(r.orphans, r.error) for r in on_spark.references] == [
        (r.orphans, None) for r in on_files.references]
    assert on_spark.references[0].orphans == EXPECTED["orphans"]
    assert {row["contact_email"] for row in on_spark.references[0].samples} <= {
        f"ghost{i}@example.com" for i in range(3)}
    findings, _ = suite_findings(project, suite)
    assert [f.actual["orphans"] for f in findings if f.code == "quality.reference-broken"] == [
        EXPECTED["orphans"]]
