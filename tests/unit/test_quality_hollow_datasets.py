"""Datasets that hold less than they seem to: no rows at all, no header, a quoted field never
closed (the rest of the file read as one value), a column named with a byte-order mark. Each is
named with its file, never passed over as a clean run."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from seamguard.findings import Finding
from seamguard.project import find_project
from seamguard.quality.check import result_findings, run_suite
from seamguard.quality.datasets import DatasetError, Datasets
from seamguard.quality.suites import load_suite

SUITE = {"name": "orders", "expectations": [
    {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "status"}},
    {"type": "expect_column_values_to_be_in_set",
     "kwargs": {"column": "status", "value_set": ["paid", "open"]}}]}


def _project(tmp_path: Path, name: str, data: bytes) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.seamguard]\n\n[tool.seamguard.datasets.orders]\npath = "data/{name}"\n'
        'key = ["id"]\n', encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / name).write_bytes(data)
    (tmp_path / "suites").mkdir()
    (tmp_path / "suites" / "orders.json").write_text(json.dumps(SUITE), encoding="utf-8")
    return tmp_path


def _findings(project_root: Path) -> list[Finding]:
    project = find_project(project_root, explicit=True)
    suite = load_suite(project_root / "suites" / "orders.json", display="suites/orders.json")
    with Datasets(project) as datasets:
        return list(result_findings(project, run_suite(datasets, suite)))


def _empty_parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.table({"id": pa.array([], pa.int64()),
                             "status": pa.array([], pa.string())}), sink)
    return sink.getvalue()


@pytest.mark.parametrize(("name", "data"), [
    pytest.param("orders.csv", b"id,status\n", id="csv-header-only"),
    pytest.param("orders.csv", b"\xef\xbb\xbfid,status\r\n\r\n\r\n", id="csv-bom-crlf-blank"),
    pytest.param("orders.parquet", None, id="parquet-no-rows"),
])
def test_a_dataset_without_rows_is_a_warning_at_its_file(tmp_path: Path, name: str,
                                                         data: bytes | None) -> None:
    findings = _findings(_project(tmp_path, name, data if data is not None else _empty_parquet()))
    [empty] = [f for f in findings if f.code == "quality.dataset-empty"]
    assert empty.severity.value == "warning"
    assert empty.location.file == f"data/{name}"
    assert "no rows" in empty.message
    assert "2 expectation(s)" in empty.message


def test_a_dataset_with_rows_says_nothing_of_emptiness(tmp_path: Path) -> None:
    findings = _findings(_project(tmp_path, "orders.csv", b"id,status\n1,paid\n"))
    assert findings == []


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n", b"\n\n \n"])
def test_a_csv_without_a_header_is_refused_at_its_file(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DatasetError, match=r"data/orders\.csv:1: holds no header row") as caught:
        _findings(_project(tmp_path, "orders.csv", data))
    assert (caught.value.file, caught.value.line) == ("data/orders.csv", 1)


def test_a_quote_never_closed_is_placed_at_its_line(tmp_path: Path) -> None:
    data = b'id,status,total\n1,paid,1.00\n2,"open,5.50\n3,lost,7.25\n'
    with pytest.raises(DatasetError, match=r"orders\.csv:3: a quoted field opens") as caught:
        _findings(_project(tmp_path, "orders.csv", data))
    assert caught.value.line == 3


def test_quotes_that_close_across_lines_read_as_one_value(tmp_path: Path) -> None:
    data = b'id,status,note\r\n1,paid,"two\r\nlines ""quoted"""\r\n2,open,x\r\n'
    assert _findings(_project(tmp_path, "orders.csv", data)) == []


def test_a_column_named_with_a_byte_order_mark_is_named_visibly(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf\xef\xbb\xbfid,status\n1,paid\n"
    with pytest.raises(DatasetError, match=r"byte-order mark") as caught:
        _findings(_project(tmp_path, "orders.csv", data))
    assert "\\ufeff" in caught.value.message or "U+FEFF" in caught.value.message
    assert caught.value.file == "data/orders.csv"
