"""A file saved as UTF-16 or with lone CR line ends is named for what it is, in every reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.document_reading import read_text
from seamguard.errors import DocumentError, SettingsError
from seamguard.quality.file_screens import encoding_problem
from seamguard.text_encoding import encoding_of_bom

TEXT = "id,name\n1,订单\n"


@pytest.mark.parametrize(("codec", "named"), [
    ("utf-16", "UTF-16 (little-endian)"), ("utf-16-be", "UTF-16 (big-endian)"),
    ("utf-32", "UTF-32 (little-endian)")])
def test_a_byte_order_mark_names_its_encoding(tmp_path: Path, codec: str, named: str) -> None:
    data = TEXT.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    assert encoding_of_bom(data) == named
    path = tmp_path / "orders.csv"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=r"in UTF-\d\d \(") as caught:
        read_text(path)
    assert caught.value.line == 1
    assert "UTF-8" in (caught.value.hint or "")
    found = encoding_problem(path, "csv")
    assert found is not None
    assert named in found[0]


@pytest.mark.parametrize("head", [b"", b"\xef\xbb\xbfid\n", b"id,name\n", b"\xff\xff"])
def test_no_other_encoding_is_claimed(head: bytes) -> None:
    assert encoding_of_bom(head) is None


def test_json_lines_with_lone_cr_line_ends_are_named(tmp_path: Path) -> None:
    path = tmp_path / "orders.jsonl"
    path.write_bytes(b'{"id": 1}\r{"id": 2}\r')
    found = encoding_problem(path, "jsonl")
    assert found is not None
    assert "lone CR" in found[0]
    path.write_bytes(b'{"id": 1}\r\n{"id": 2}\r\n')
    assert encoding_problem(path, "jsonl") is None
    csv = tmp_path / "orders.csv"
    csv.write_bytes(b"id\r1\r")
    assert encoding_problem(csv, "csv") is None  # DuckDB splits CSV rows on a lone CR


def test_settings_with_lone_cr_line_ends_say_so(tmp_path: Path) -> None:
    from seamguard.project_toml import _seamguard_table

    path = tmp_path / "pyproject.toml"
    path.write_bytes(b'[tool.seamguard]\rreports = "r"\r')
    with pytest.raises(SettingsError, match="lone CR") as caught:
        _seamguard_table(path)
    assert "LF" in (caught.value.hint or "")
