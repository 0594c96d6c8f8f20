"""Excel workbooks as datasets: the sheet read as pandas' read_excel reads it (header row, one
type per column), suites run on it, and a workbook that cannot be a dataset is refused with the
cell or setting."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from seamguard.project import find_project
from seamguard.quality.datasets import DatasetError, Datasets
from tests.support.hostile import run_seamguard
from tests.support.projects import MINI_SETTINGS, mini_project

SETTINGS = MINI_SETTINGS + '\n[tool.seamguard.datasets.orders]\npath = "orders.xlsx"\n'


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


ROWS: list[list[object]] = [
    [],  # a blank row above the header
    ["order_id", "total", "paid", "created", "note", "qty", None],
    ["T1", 12.5, True, datetime(2024, 5, 1, 10, 0), "ok", 1, None],
    [None, None, None, None, None, None, None],
    ["T2", 3, False, datetime(2024, 5, 2, 11, 30), 42, 2, None],
]


def test_a_sheet_opens_with_one_type_per_column(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=SETTINGS)
    _book(root / "orders.xlsx", {"订单": ROWS})
    with Datasets(find_project(root)) as datasets:
        dataset = datasets.open("orders")
        assert dataset.columns == ["order_id", "total", "paid", "created", "note", "qty"]
        assert dataset.types == {"order_id": "VARCHAR", "total": "DOUBLE", "paid": "BOOLEAN",
                                 "created": "TIMESTAMP", "note": "VARCHAR", "qty": "BIGINT"}
        rows = dataset.connection.rows(f"SELECT note, qty FROM {dataset.relation} ORDER BY qty")
    assert rows == [("ok", 1), ("42", 2)]  # text and a number in one column: text


def test_the_sheet_setting_picks_a_sheet_and_an_unknown_one_is_named(tmp_path: Path) -> None:
    settings = SETTINGS + 'sheet = "退款"\n'
    root = mini_project(tmp_path, settings=settings)
    _book(root / "orders.xlsx", {"订单": ROWS, "退款": [["refund_id"], ["R1"]]})
    with Datasets(find_project(root)) as datasets:
        assert datasets.open("orders").columns == ["refund_id"]
    (root / "pyproject.toml").write_text(settings.replace("退款", "Refunds"), encoding="utf-8")
    with Datasets(find_project(root)) as datasets, pytest.raises(DatasetError) as caught:
        datasets.open("orders")
    assert "no sheet 'Refunds'" in caught.value.message
    assert "'订单', '退款'" in caught.value.message
    assert caught.value.pointer == "tool.seamguard.datasets.orders.sheet"


@pytest.mark.parametrize(("rows", "said", "line"), [
    ([["id", "id"], [1, 2]], "names the column 'id' twice (cells A1 and B1)", 1),
    ([[None], [], ["id", None, "x"], [1, 5, 2]], "cell B3 of the header row is empty", 3),
    ([[None, None]], "is empty", None),
])
def test_a_sheet_that_cannot_be_a_dataset_is_refused_with_its_cell(
        tmp_path: Path, rows: list[list[object]], said: str, line: int | None) -> None:
    root = mini_project(tmp_path, settings=SETTINGS)
    _book(root / "orders.xlsx", {"S": rows})
    with Datasets(find_project(root)) as datasets, pytest.raises(DatasetError) as caught:
        datasets.open("orders")
    assert said in caught.value.message
    assert caught.value.line == line
    assert caught.value.hint


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"\xd0\xcf\x11\xe0" + bytes(600)])
def test_a_file_that_is_no_workbook_is_refused(tmp_path: Path, data: bytes) -> None:
    root = mini_project(tmp_path, settings=SETTINGS)
    (root / "orders.xlsx").write_bytes(data)
    with Datasets(find_project(root)) as datasets, pytest.raises(DatasetError) as caught:
        datasets.open("orders")
    assert "not a readable .xlsx workbook" in caught.value.message
    assert ".xls" in (caught.value.hint or "")


def test_spark_is_told_to_leave_workbooks_to_duckdb(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=SETTINGS + 'kind = "spark"\n')
    _book(root / "orders.xlsx", {"S": ROWS})
    with Datasets(find_project(root)) as datasets, pytest.raises(DatasetError) as caught:
        datasets.open("orders")
    assert caught.value.pointer == "tool.seamguard.datasets.orders.kind"


def test_a_suite_runs_on_a_workbook(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=SETTINGS)
    _book(root / "orders.xlsx", {"S": ROWS})
    (root / "suites").mkdir()
    (root / "suites/orders.json").write_text(json.dumps({"name": "orders", "expectations": [
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "total", "min_value": 5}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "order_id"}}]}),
        encoding="utf-8")
    outcome = run_seamguard("quality", "--project", str(root), "-f", "json")
    assert outcome.code == 1
    assert "orders.total: expect_column_values_to_be_between: 1 of 2 rows" in outcome.text
    assert "orders.order_id" not in outcome.text  # every order has an id
