"""A Parquet dataset damaged inside (bytes pushed in between its magic and its pages, so DuckDB's
Thrift reader finds no valid page header) is the dataset file's problem: the finding names the
file, says it is not readable Parquet and how to mend it, never blames the suite's query."""

from __future__ import annotations

import io
import json
from pathlib import Path

from seamguard.project import find_project
from seamguard.quality.check import suite_findings
from seamguard.quality.suites import load_suite

SUITE = {"name": "orders", "expectations": [
    {"type": "expect_column_values_to_be_in_set",
     "kwargs": {"column": "status", "value_set": ["paid"]}}]}


def _parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.table({"id": [1, 2, 3], "status": ["paid", "open", "paid"],
                             "total": ["10.00", "5.50", "7.25"]}), sink)
    return sink.getvalue()


def test_junk_between_the_magic_and_the_pages_names_the_parquet_file(tmp_path: Path) -> None:
    good = _parquet()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n\n[tool.seamguard.datasets.orders]\npath = "data/orders.parquet"\n'
        'key = ["id"]\n', encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "orders.parquet").write_bytes(good[:4] + b"\xff" * 64 + good[4:])
    (tmp_path / "suites").mkdir()
    (tmp_path / "suites" / "orders.json").write_text(json.dumps(SUITE), encoding="utf-8")
    project = find_project(tmp_path, explicit=True)
    suite = load_suite(tmp_path / "suites" / "orders.json", display="suites/orders.json")
    findings, ran = suite_findings(project, suite, engine="compiled")
    assert ran is None
    [finding] = findings
    assert finding.code == "quality.dataset-unavailable"
    assert "data/orders.parquet" in finding.message
    assert "as Parquet" in finding.message
    assert finding.location.file != "suites/orders.json"
    assert finding.location.pointer == "tool.seamguard.datasets.orders.path"
    assert finding.hint is not None
    assert "write it again" in finding.hint
