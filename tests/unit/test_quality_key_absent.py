"""A key column the data lacks is refused naming the data file, and a header that reads as
JSON (a JSON Lines file under a .csv name) is said to be one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seamguard.project import find_project
from seamguard.quality.check import run_suite
from seamguard.quality.datasets import DatasetError, Datasets
from seamguard.quality.suites import load_suite

SUITE = {"name": "orders", "expectations": [
    {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "status"}}]}


def _refusal(tmp_path: Path, data: bytes) -> DatasetError:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n\n[tool.seamguard.datasets.orders]\npath = "data/orders.csv"\n'
        'key = ["id"]\n', encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "orders.csv").write_bytes(data)
    (tmp_path / "suites").mkdir()
    (tmp_path / "suites" / "orders.json").write_text(json.dumps(SUITE), encoding="utf-8")
    project = find_project(tmp_path, explicit=True)
    suite = load_suite(tmp_path / "suites" / "orders.json", display="suites/orders.json")
    with Datasets(project) as datasets, pytest.raises(DatasetError) as caught:
        run_suite(datasets, suite)
    return caught.value


def test_a_missing_key_names_the_data_file(tmp_path: Path) -> None:
    refusal = _refusal(tmp_path, b"order_id,status\n1,paid\n")
    assert "data/orders.csv" in refusal.message
    assert "'id' is not in the data" in refusal.message
    assert "as the data spells them" in (refusal.hint or "")


def test_json_lines_under_a_csv_name_are_said_to_be_json(tmp_path: Path) -> None:
    refusal = _refusal(tmp_path, b'{"id": 1, "status": "lost"}\n')
    assert ".jsonl" in (refusal.hint or "")
