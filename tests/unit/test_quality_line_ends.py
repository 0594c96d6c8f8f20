"""A CSV whose rows end in more than one way (CRLF, LF, a lone CR) is read row by row, as pandas
reads it, never refused by DuckDB's sniffer with a message that names no row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seamguard.project import find_project
from seamguard.quality import line_ends
from seamguard.quality.check import result_findings, run_suite
from seamguard.quality.datasets import DatasetError, Datasets
from seamguard.quality.line_ends import mixed_line_ends, unify_line_ends
from seamguard.quality.suites import load_suite

SUITE = {"name": "orders", "expectations": [
    {"type": "expect_column_values_to_be_in_set",
     "kwargs": {"column": "status", "value_set": ["paid", "open"]}}]}


def _messages(tmp_path: Path, data: bytes) -> list[str]:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n\n[tool.seamguard.datasets.orders]\npath = "data/orders.csv"\n'
        'key = ["id"]\n', encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "orders.csv").write_bytes(data)
    (tmp_path / "suites").mkdir()
    (tmp_path / "suites" / "orders.json").write_text(json.dumps(SUITE), encoding="utf-8")
    project = find_project(tmp_path, explicit=True)
    suite = load_suite(tmp_path / "suites" / "orders.json", display="suites/orders.json")
    with Datasets(project) as datasets:
        return [f.message for f in result_findings(project, run_suite(datasets, suite))]


@pytest.mark.parametrize("data", [
    b"id,status,total\r\n1,paid,10.00\n2,lost,5.50\r3,paid,7.25\r\n",
    b"id,status,total\r\n1,paid,10.00\n2,lost,5.50\r\n3,paid,7.25\n",
    b"id,status,total\n1,paid,10.00\n2,lost,5.50\r3,paid,7.25",
])
def test_mixed_line_ends_are_read_row_by_row(tmp_path: Path, data: bytes) -> None:
    [message] = _messages(tmp_path, data)
    assert "status" in message
    assert "1 of 3 rows" in message


def test_a_clean_file_with_mixed_ends_passes(tmp_path: Path) -> None:
    assert _messages(tmp_path, b"id,status\r\n1,paid\n2,open\r3,paid\r\n") == []


@pytest.mark.parametrize(("data", "mixed"), [
    (b"a\nb\n", False), (b"a\r\nb\r\n", False), (b"a\rb\r", False),
    (b"a\r\nb\n", True), (b"a\rb\n", True), (b"a\r\nb\r", True),
])
def test_mixed_is_told_apart_across_block_edges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                data: bytes, mixed: bool) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    for block in (1, 2, 3, 1 << 20):
        monkeypatch.setattr(line_ends, "_BLOCK", block)
        assert mixed_line_ends(path) is mixed


def test_unify_keeps_quoted_line_ends_and_line_count(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'id,note\r\n1,"two\r\nlines"\n2,"a\rb"\r3,x\r\n'
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    for block in (1, 2, 5, 1 << 20):
        monkeypatch.setattr(line_ends, "_BLOCK", block)
        out = unify_line_ends(path, tmp_path / "g.csv").read_bytes()
        assert out == b'id,note\n1,"two\r\nlines"\n2,"a\rb"\n3,x\n'


def _refusal(tmp_path: Path, data: bytes, encoding: str = "") -> DatasetError:
    setting = f'encoding = "{encoding}"\n' if encoding else ""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n\n[tool.seamguard.datasets.orders]\npath = "data/orders.csv"\n'
        f'key = ["id"]\n{setting}', encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "orders.csv").write_bytes(data)
    project = find_project(tmp_path, explicit=True)
    with Datasets(project) as datasets, pytest.raises(DatasetError) as raised:
        datasets.open("orders")
    return raised.value


@pytest.mark.parametrize(("data", "encoding"), [
    (b"id,status,total\r\n1,paid,10.00\n2\r3,paid,7.25\r\n", ""),  # read through an LF copy
    ("id,status,total\n1,已付,10.00\n2\n3,已付,7.25\n".encode("gbk"), "gbk"),  # a decoded copy
])
def test_a_ragged_row_read_through_a_copy_names_the_users_file(
        tmp_path: Path, data: bytes, encoding: str) -> None:
    refused = _refusal(tmp_path, data, encoding)
    assert "data/orders.csv:3: the row has 1 fields, where the header has 3" in str(refused)
    assert refused.file == "data/orders.csv"
    assert refused.line == 3
    assert "seamguard-csv-" not in str(refused)
    assert ".lf.csv" not in str(refused)
