"""The Spark path: suites compiled to Spark SQL (and through GX's Spark data source) on a local
Spark session, with the same counts as DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

from seamguard.project import find_project
from seamguard.quality.check import run_suite, suite_findings
from seamguard.quality.datasets import Datasets
from seamguard.quality.reconcile import reconcile_one
from seamguard.quality.suites import load_suite
from tests.support.quality import EXPECTED, FILES, defect_counts, inject_defects, use_settings


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
        compiled = run_suite(datasets, suite, sample_rows=3)
        through_gx = run_suite(datasets, suite, engine="gx", sample_rows=3)
    assert (compiled.engine, through_gx.engine) == ("compiled-spark", "gx-spark")
    for on_spark in (compiled, through_gx):
        assert [o.error for o in on_spark.outcomes] == [None] * len(suite.expectations)
        counts = [(o.expectation.index, o.success, o.unexpected_count)
                  for o in on_spark.outcomes]
        assert counts == [(o.expectation.index, o.success, o.unexpected_count)
                          for o in on_files.outcomes]
        failed = {o.expectation.kwargs.get("column"): o.unexpected_count
                  for o in on_spark.outcomes if not o.success}
        assert failed == {"order_id": 2, "waybill_no": 1, "receiver_mobile": 1}
    assert [o.samples for o in compiled.outcomes] == [o.samples for o in on_files.outcomes]


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
    # Every orphan is sampled (three of them, three sample rows), as on DuckDB.
    assert sorted(row["contact_email"] for row in on_spark.references[0].samples) == [
        f"ghost{i}@example.com" for i in range(3)]
    assert sorted(map(str, on_spark.references[0].samples)) == sorted(
        map(str, on_files.references[0].samples))
    findings, _ = suite_findings(project, suite)
    assert [f.actual["orphans"] for f in findings if f.code == "quality.reference-broken"] == [
        EXPECTED["orphans"]]


def spark_settings() -> str:
    """Every example dataset as a Spark dataset over the same file."""
    blocks = []
    for name, file in FILES.items():
        dtypes = ('dtypes = { mobilephone = "string", shopify_customer_id = "string" }\n'
                  if file.endswith(".csv") else "")
        blocks.append(f'[tool.seamguard.datasets.{name}]\nkind = "spark"\n'
                      f'path = "fixtures/datasets/{file}"\n{dtypes}')
    return "\n".join(blocks) + '\n[tool.seamguard.spark]\nmaster = "local[1]"\n'


def test_reconciliation_runs_on_spark_with_the_same_findings(example: Path) -> None:
    """Both example reconciliations (one with a rule only Python can run) on Spark: every
    class of seeded defect found in the same numbers, and the same findings, as on files."""
    inject_defects(example)
    on_files = defect_counts(example)
    findings = {name: reconcile_one(find_project(example, explicit=True), name)[0]
                for name in ("orders-to-deals", "customers-to-contacts")}
    use_settings(example, spark_settings())
    assert defect_counts(example) == on_files
    assert {k: v for k, v in on_files.items() if k in EXPECTED} == EXPECTED
    project = find_project(example, explicit=True)
    assert {d.kind for d in project.settings.datasets.values()} == {"spark"}
    for name, expected in findings.items():
        on_spark = reconcile_one(project, name)[0]
        assert [(f.code, f.location.key, f.expected, f.actual) for f in on_spark
                if f.code != "reconcile.summary"] == [
            (f.code, f.location.key, f.expected, f.actual) for f in expected
            if f.code != "reconcile.summary"]


def test_a_gbk_export_with_money_text_reconciles_on_spark(tmp_path: Path) -> None:
    """A GBK CSV read through the dataset's `encoding`, its ￥1,234.50 amounts summed and
    compared as numbers, as on DuckDB."""
    from seamguard.quality.datasets import Datasets as Opened
    from seamguard.quality.reconcile_compare import reconcile

    (tmp_path / "crm.csv").write_bytes(
        "refund_no,buyer,amount\r\nRF1,王伟,\"￥1,234.50\"\r\nRF2,李娜,12.00\r\n".encode("gbk"))
    (tmp_path / "shop.csv").write_text("refund_no,buyer,amount\nRF1,王伟,1234.5\nRF2,李娜,12\n"
                                       "RF3,张三,5\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n[tool.seamguard.spark]\nmaster = "local[1]"\n'
        '[tool.seamguard.datasets.crm]\nkind = "spark"\npath = "crm.csv"\nencoding = "gbk"\n'
        'dtypes = { amount = "string" }\n'
        '[tool.seamguard.datasets.shop]\nkind = "spark"\npath = "shop.csv"\n'
        '[tool.seamguard.reconcile.refunds]\nsource = "shop"\ntarget = "crm"\n'
        'key = "refund_no"\nmoney = ["amount"]\n', encoding="utf-8")
    project = find_project(tmp_path, explicit=True)
    with Opened(project) as datasets:
        crm = datasets.open("crm")
        assert sorted(crm.connection.rows(f"SELECT buyer FROM {crm.relation}")) == [
            ("李娜",), ("王伟",)]
        result = reconcile(project, datasets, "refunds", project.settings.reconcile["refunds"])
    assert (result.missing_in_target, result.differences) == (["RF3"], [])
    assert [(m[1], m[2]) for m in result.money] == [("1251.50", "1246.50")]


def test_a_csv_reads_on_spark_as_on_duckdb(tmp_path: Path) -> None:
    """Missing-value cells (pandas' and the dataset's own), and the types DuckDB's scan
    gives: 01234 stays text, a column with N/A is numbers with a gap, TRUE is a boolean."""
    from seamguard.quality.datasets import Datasets as Opened

    (tmp_path / "d.csv").write_text(
        "id,amount,note,code,flag,mixed,gone\n1,12.5,NULL,01234,true,1,\\N\n"
        "2,N/A,ok,5,FALSE,x,\n3,7,,6,,2,None\n4,1e3,\\N,-7,TRUE,inf,n/a\n", encoding="utf-8")
    blocks = [f'[tool.seamguard.datasets.{name}]\nkind = "{kind}"\npath = "d.csv"\n'
              'null_values = ["\\\\N"]\n' for name, kind in (("on_files", "file"),
                                                            ("on_spark", "spark"))]
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n[tool.seamguard.spark]\nmaster = "local[1]"\n' + "".join(blocks),
        encoding="utf-8")
    seen = {}
    with Opened(find_project(tmp_path, explicit=True)) as datasets:
        for name in ("on_files", "on_spark"):
            opened = datasets.open(name)
            seen[name] = ({c: t.lower().replace("varchar", "string")
                           for c, t in opened.types.items()},
                          opened.connection.rows(f"SELECT * FROM {opened.relation} ORDER BY id"))
    assert seen["on_spark"] == seen["on_files"]
    assert seen["on_files"][0] == {"id": "bigint", "amount": "double", "note": "string",
                                   "code": "string", "flag": "boolean", "mixed": "string",
                                   "gone": "string"}
    assert seen["on_files"][1][0] == (1, 12.5, None, "01234", True, "1", None)
