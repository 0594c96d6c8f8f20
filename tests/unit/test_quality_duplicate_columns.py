"""A CSV or Parquet dataset whose header names one column twice is refused, naming the column
and both positions (DuckDB would rename the second, and a suite would check only the first)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.project import find_project
from seamguard.quality.datasets import DatasetError, Datasets
from seamguard.quality.file_screens import duplicate_column
from tests.support.projects import MINI_SETTINGS, mini_project


def _project(root: Path, suffix: str) -> Path:
    return mini_project(root, settings=MINI_SETTINGS + f"""
[tool.seamguard.datasets.deals]
path = "deals.{suffix}"
key = ["id"]
""")


@pytest.mark.parametrize(("header", "found"), [
    ("id,email,email", ("email", 2, 3)),
    ("\ufeffid;name;id", ("id", 1, 3)),
    ("id\tamount\tnote\tamount", ("amount", 2, 4)),
])
def test_a_csv_header_naming_a_column_twice_is_refused_at_line_1(
        tmp_path: Path, header: str, found: tuple[str, int, int]) -> None:
    root = _project(tmp_path, "csv")
    delimiter = next(d for d in ",;\t" if d in header)
    row = delimiter.join(str(n) for n in range(header.count(delimiter) + 1))
    (root / "deals.csv").write_text(f"{header}\n{row}\n{row}\n", encoding="utf-8")
    with Datasets(find_project(root)) as datasets, pytest.raises(DatasetError) as caught:
        datasets.open("deals")
    column, first, second = found
    assert (caught.value.file, caught.value.line) == ("deals.csv", 1)
    assert f"names the column {column!r} twice (columns {first} and {second})" \
        in caught.value.message
    assert caught.value.hint


def test_a_parquet_schema_naming_a_column_twice_is_refused_at_the_setting(
        tmp_path: Path) -> None:
    root = _project(tmp_path, "parquet")
    pq.write_table(pa.Table.from_arrays([pa.array([1, 2]), pa.array(["a", "b"]),
                                         pa.array(["c", "d"])], names=["id", "x", "x"]),
                   root / "deals.parquet")
    with Datasets(find_project(root)) as datasets, pytest.raises(DatasetError) as caught:
        datasets.open("deals")
    assert caught.value.pointer == "tool.seamguard.datasets.deals.path"
    assert "names the column 'x' twice (columns 2 and 3)" in caught.value.message


def test_distinct_names_that_duckdb_would_rename_alike_are_kept(tmp_path: Path) -> None:
    root = _project(tmp_path, "csv")
    (root / "deals.csv").write_text("id,email,email_1\n1,a,b\n", encoding="utf-8")
    with Datasets(find_project(root)) as datasets:
        assert datasets.open("deals").columns == ["id", "email", "email_1"]


@settings(max_examples=200)
@given(st.lists(st.text(min_size=1, max_size=4), max_size=8))
def test_duplicate_column_finds_the_first_repeat(names: list[str]) -> None:
    found = duplicate_column(list(names))
    cleaned = [n.strip().lstrip("\ufeff") for n in names]
    if len(set(cleaned)) == len(cleaned):
        assert found is None
    else:
        assert found is not None
        column, first, second = found
        assert cleaned[first - 1] == cleaned[second - 1] == column
        assert column not in cleaned[:first - 1]
        assert column not in cleaned[first:second - 1]


def test_the_header_check_leaves_the_connection_free_for_the_next_query(tmp_path: Path) -> None:
    root = _project(tmp_path, "csv")
    (root / "deals.csv").write_text("id,email\n1,a\n2,b\n", encoding="utf-8")
    with Datasets(find_project(root)) as datasets:
        dataset = datasets.open("deals")
        assert dataset.connection.rows(f"SELECT count(*) FROM {dataset.relation}") == [(2,)]
