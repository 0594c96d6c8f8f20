"""A suite naming a column its dataset lacks: the message says which file the columns came from
and what they are (an empty file, a BOM only, has none)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.hostile import run_seamguard
from tests.support.projects import MINI_SETTINGS, mini_project

SETTINGS = MINI_SETTINGS + '\n[tool.seamguard.datasets.orders]\npath = "orders.csv"\n'


@pytest.mark.parametrize(("data", "said"), [
    (b"order_id,total\n1,2\n", "orders.csv has columns 'order_id', 'total'"),
])
def test_a_missing_column_names_the_file_and_its_columns(tmp_path: Path, data: bytes,
                                                         said: str) -> None:
    root = mini_project(tmp_path, settings=SETTINGS)
    (root / "orders.csv").write_bytes(data)
    (root / "suites").mkdir()
    (root / "suites/orders.json").write_text(json.dumps({"name": "orders", "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}}]}),
        encoding="utf-8")
    outcome = run_seamguard("quality", "--project", str(root), "-f", "json")
    assert outcome.code == 1
    assert said in outcome.text
    assert "quality.column-missing" in outcome.text


def test_a_file_of_only_a_byte_order_mark_is_said_to_have_no_header(tmp_path: Path) -> None:
    """Not a missing column of DuckDB's made-up 'column0': the file has no header at all."""
    root = mini_project(tmp_path, settings=SETTINGS)
    (root / "orders.csv").write_bytes(b"\xef\xbb\xbf")
    (root / "suites").mkdir()
    (root / "suites/orders.json").write_text(json.dumps({"name": "orders", "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}}]}),
        encoding="utf-8")
    outcome = run_seamguard("quality", "--project", str(root), "-f", "json")
    assert outcome.code == 1
    assert "orders.csv:1: holds no header row" in outcome.text
    assert "column0" not in outcome.text
