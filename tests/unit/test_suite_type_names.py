"""An expectation type written as GX's Python class name is answered with its suite name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seamguard.quality.suites import SuiteError, load_suite


@pytest.mark.parametrize(("written", "meant"), [
    ("ExpectColumnValuesToBeUnique", "expect_column_values_to_be_unique"),
    ("ExpectTableRowCountToBeBetween", "expect_table_row_count_to_be_between"),
    ("ExpectColumnValuesToMatchRegex", "expect_column_values_to_match_regex"),
    ("UnexpectedRowsExpectation", "unexpected_rows_expectation"),  # GX 1.x's query type
])
def test_a_class_name_gets_the_type_meant(tmp_path: Path, written: str, meant: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"name": "s", "expectations": [
        {"type": written, "kwargs": {"column": "id"}}]}), encoding="utf-8")
    with pytest.raises(SuiteError) as raised:
        load_suite(path, display="s.json")
    assert raised.value.hint is not None
    assert raised.value.hint.startswith(f"did you mean {meant}?")
    assert raised.value.pointer == "/expectations/0/type"


def test_a_name_of_nothing_keeps_the_example(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"name": "s", "expectations": [{"type": 7}]}), encoding="utf-8")
    with pytest.raises(SuiteError) as raised:
        load_suite(path, display="s.json")
    assert raised.value.hint == "e.g. expect_column_values_to_not_be_null"
