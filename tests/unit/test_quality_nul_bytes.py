"""A CSV or JSON Lines dataset with NUL bytes near its start or end (binary, cut short while
written, or a preallocated sparse file of gigabytes of zeros) is refused at once, naming the file
and the line, never read whole by every screen and DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.project import find_project
from seamguard.quality.datasets import DatasetError, Datasets
from seamguard.quality.file_screens import nul_bytes

_CSV = b"id,status,total\n1,paid,10.00\n2,open,5.50\n"


def _file(tmp_path: Path, data: bytes, size: int = 0) -> Path:
    path = tmp_path / "orders.csv"
    path.write_bytes(data)
    if size:
        with path.open("r+b") as handle:
            handle.truncate(size)
    return path


@pytest.mark.parametrize(("data", "size", "line"), [
    (b"id,status\n1,pa\x00id\n", 0, 2),
    (b"", 2 << 30, 1),
    (_CSV, 2 << 30, 4),
    (_CSV + b"9,x,1\n" * 20_000, 2 << 30, None),
])
def test_a_nul_byte_near_either_end_is_found(tmp_path: Path, data: bytes, size: int,
                                             line: int | None) -> None:
    found = nul_bytes(_file(tmp_path, data, size))
    assert found is not None
    assert found[0] == line


def test_a_nul_inside_a_row_names_its_column(tmp_path: Path) -> None:
    found = nul_bytes(_file(tmp_path, _CSV.replace(b"open", b"op\x00en")))
    assert found == (3, "holds a NUL byte (a zero byte) on line 3, in column 'status'")


@pytest.mark.parametrize("data", [_CSV, "id,状态\n1,已付\n".encode("utf-16-le"), b""])
def test_text_and_utf16_without_a_mark_are_left_alone(tmp_path: Path, data: bytes) -> None:
    assert nul_bytes(_file(tmp_path, data)) is None


def test_a_sparse_dataset_is_refused_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n\n[tool.seamguard.datasets.orders]\npath = "data/orders.csv"\n'
        'key = ["id"]\n', encoding="utf-8")
    (tmp_path / "data").mkdir()
    _file(tmp_path / "data", _CSV, 2 << 30)
    with Datasets(find_project(tmp_path, explicit=True)) as datasets, \
            pytest.raises(DatasetError) as raised:
        datasets.open("orders")
    assert raised.value.line == 4
    assert "NUL byte" in raised.value.message
    assert "orders.csv" in raised.value.message
    assert raised.value.hint
