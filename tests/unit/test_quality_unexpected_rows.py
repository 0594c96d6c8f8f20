"""GX 1.x's ``unexpected_rows_expectation`` (a query over ``{batch}``) in a suite: run where the
data lives, its rows counted and sampled with the key, its query checked before any engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app

ORDERS = ("order_no,subtotal,discount,shipping,total,buyer_phone\n"
          "SO1,100.00,10.00,6.00,96.00,13812345678\n"
          "SO2,50.00,0.00,0.00,60.00,13912345678\n"
          "SO3,20.00,0.00,12.00,32.00,13712345678\n"
          "SO4,80.00,5.00,0.00,70.00,13612345678\n")
QUERY = "SELECT * FROM {batch} WHERE total <> subtotal - discount + shipping"


def _run(tmp_path: Path, query: Any, *engine: str) -> tuple[int, list[dict[str, Any]]]:
    (tmp_path / "orders.csv").write_text(ORDERS, encoding="utf-8")
    (tmp_path / "suites").mkdir(exist_ok=True)
    (tmp_path / "suites" / "orders.json").write_text(json.dumps({
        "name": "orders", "expectations": [
            {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "total"}},
            {"type": "unexpected_rows_expectation",
             "kwargs": {"unexpected_rows_query": query},
             "description": "total = subtotal - discount + shipping"}]}), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n\n[tool.seamguard.datasets.orders]\npath = "orders.csv"\n'
        'key = ["order_no"]\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["quality", "--project", str(tmp_path), "--format",
                                      "json", *engine])
    return result.exit_code, json.loads(result.stdout)["findings"]


@pytest.mark.parametrize("engine", [[], ["--engine", "gx"], ["--engine", "compiled"]])
def test_rows_the_query_returns_fail_with_their_keys(tmp_path: Path, engine: list[str]) -> None:
    code, findings = _run(tmp_path, QUERY, *engine)
    assert code == 1
    (found,) = [f for f in findings if f["code"] == "quality.expectation-failed"]
    assert found["message"] == ("orders: unexpected_rows_expectation: 2 of 4 rows unexpected "
                                "(50.00%)")
    assert found["location"]["pointer"] == "/expectations/1"
    assert found["actual"]["observed"] == 2
    samples = found["actual"]["samples"]
    assert [row["order_no"] for row in samples] == ["SO2", "SO4"]
    # the key and the columns the query names; never the phone the query does not read
    assert set(samples[0]) == {"order_no", "subtotal", "discount", "shipping", "total"}


def test_a_query_no_row_breaks_passes(tmp_path: Path) -> None:
    code, findings = _run(tmp_path, "SELECT * FROM {batch} WHERE total < 0")
    assert code == 0
    assert [f for f in findings if f["severity"] == "error"] == []


@pytest.mark.parametrize(("query", "said"), [
    ("SELECT * FROM orders WHERE total < 0", "must read {batch}"),
    ("SELECT * FROM {batch} WHERE total < {limit}", "only {batch} is filled in"),
    ("SELECT * FROM {batch WHERE total < 0", "unpaired or malformed brace"),
    (42, "a non-empty string")])
def test_a_query_gx_would_not_run_is_a_suite_error(tmp_path: Path, query: Any, said: str) -> None:
    code, findings = _run(tmp_path, query)
    (found,) = [f for f in findings if f["code"] == "quality.suite-invalid"]
    assert said in found["message"]
    assert found["location"]["pointer"] == "/expectations/1/kwargs/unexpected_rows_query"
    assert code != 0


def test_a_query_the_database_refuses_is_an_expectation_error(tmp_path: Path) -> None:
    code, findings = _run(tmp_path, "SELECT * FROM {batch} WHERE no_such_column > 1")
    (found,) = [f for f in findings if f["code"] == "quality.expectation-error"]
    assert "the query failed" in found["message"]
    assert "no_such_column" in found["message"]
    assert code == 1
