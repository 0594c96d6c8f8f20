"""A JSON Lines dataset with a line that is no object (a string, a list, a number): DuckDB reads
such a file as one `json` column, so every check after it would miss the columns; the line is
named instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.project import find_project
from seamguard.quality.datasets import DatasetError, Datasets, non_object_line
from tests.support.projects import MINI_SETTINGS, mini_project

SETTINGS = MINI_SETTINGS + """
[tool.seamguard.datasets.orders]
path = "orders.jsonl"
"""
GOOD = '{"id": 1, "status": "paid"}\n'


@pytest.mark.parametrize(("line", "kind"), [('"just text"', "a string"), ("[1, 2]", "a list"),
                                            ("42", "a number"),
                                            ("true", "a boolean")])
def test_the_first_line_that_is_no_object_is_named(tmp_path: Path, line: str,
                                                   kind: str) -> None:
    root = mini_project(tmp_path, settings=SETTINGS)
    (root / "orders.jsonl").write_text(GOOD * 9999 + line + "\n" + GOOD * 3, encoding="utf-8")
    with Datasets(find_project(root)) as datasets, pytest.raises(DatasetError) as caught:
        datasets.open("orders")
    assert caught.value.file == "orders.jsonl"
    assert caught.value.line == 10000
    assert kind in caught.value.message
    assert caught.value.hint


def test_a_file_of_objects_opens_with_its_columns(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=SETTINGS)
    (root / "orders.jsonl").write_text("\n" + GOOD * 3, encoding="utf-8")
    with Datasets(find_project(root)) as datasets:
        assert datasets.open("orders").columns == ["id", "status"]
    assert non_object_line(root / "orders.jsonl") is None


@pytest.mark.parametrize(("text", "line"), [
    (GOOD * 3 + "null\n" + GOOD, 4),  # DuckDB reads it as a row of nulls
    ("\ufeff" + GOOD + "  null  \r\n" + GOOD, 2),
    (GOOD * 2 + "\n\n" + "null", 5),  # the last line, without a line break
])
def test_a_null_line_among_objects_is_named(tmp_path: Path, text: str, line: int) -> None:
    root = mini_project(tmp_path, settings=SETTINGS)
    (root / "orders.jsonl").write_text(text, encoding="utf-8")
    with Datasets(find_project(root)) as datasets, pytest.raises(DatasetError) as caught:
        datasets.open("orders")
    assert (caught.value.file, caught.value.line) == ("orders.jsonl", line)
    assert "the line is null" in caught.value.message


def test_a_line_far_past_the_first_block_is_counted_right(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_bytes(GOOD.encode() * 100_000 + b"[]\n")  # about 2.8 MB: three blocks
    assert non_object_line(path) == (100_001, "a list")


@pytest.mark.parametrize("text", ["\n" * 5, " \r\n\t\n\n", "\ufeff\n\n", "\n" * 300_000])
def test_a_file_of_blank_lines_holds_no_records(tmp_path: Path, text: str) -> None:
    # DuckDB reads it as one `json` column, and the suite's key column was "not in the data"
    root = mini_project(tmp_path, settings=SETTINGS)
    (root / "orders.jsonl").write_text(text, encoding="utf-8")
    with Datasets(find_project(root)) as datasets, pytest.raises(DatasetError) as caught:
        datasets.open("orders")
    assert (caught.value.file, caught.value.line) == ("orders.jsonl", 1)
    assert "holds no records" in caught.value.message
    assert caught.value.hint


def test_records_of_a_json_field_still_open(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=SETTINGS)
    (root / "orders.jsonl").write_text('\n{"json": 1}\n\n', encoding="utf-8")
    with Datasets(find_project(root)) as datasets:
        assert datasets.open("orders").columns == ["json"]
