"""GX kwargs written as GX users write them and the suite means two things: ``mostly`` as text
(GX's model reads "0.5" as a number, the compiled engine would not), a regex list with one bad
member, a ``row_condition`` GX cannot evaluate. Each is named in the suite by its kwarg."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.hostile_fresh6_data import _quality_project


def _run(tmp_path: Path, expectation: dict[str, Any]) -> tuple[int, list[dict[str, Any]]]:
    project = _quality_project(tmp_path, {"name": "orders", "expectations": [expectation]})
    result = CliRunner().invoke(app, ["quality", "--project", str(project), "-f", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.output)["findings"]


@pytest.mark.parametrize("mostly", ["0.5", "1", True])
def test_mostly_that_is_no_number_is_refused_at_its_kwarg(tmp_path: Path, mostly: Any) -> None:
    code, findings = _run(tmp_path, {"type": "expect_column_values_to_be_in_set", "kwargs": {
        "column": "status", "value_set": ["paid"], "mostly": mostly}})
    assert code == 1
    [finding] = [f for f in findings if f["severity"] == "error"]
    assert finding["location"]["pointer"] == "/expectations/0/kwargs/mostly"
    assert "`mostly` must be a number from 0 to 1" in finding["message"]


def test_a_bad_member_of_a_regex_list_is_named(tmp_path: Path) -> None:
    code, findings = _run(tmp_path, {"type": "expect_column_values_to_match_regex_list",
                                     "kwargs": {"column": "status",
                                                "regex_list": ["^p", "(open"]}})
    assert code == 1
    [finding] = [f for f in findings if f["severity"] == "error"]
    assert finding["location"]["pointer"] == "/expectations/0/kwargs/regex_list/1"
    assert "item 1 ('(open')" in finding["message"]


def test_a_row_condition_gx_cannot_evaluate_is_named(tmp_path: Path) -> None:
    code, findings = _run(tmp_path, {"type": "expect_column_values_to_not_be_null", "kwargs": {
        "column": "status", "row_condition": 'status=="paid', "condition_parser": "pandas"}})
    assert code == 1
    [finding] = [f for f in findings if f["severity"] == "error"]
    assert "row_condition 'status==\"paid'" in finding["message"]


@pytest.mark.parametrize(("kwargs", "kwarg"), [
    ({"value": 3.5}, "value"), ({"value": 3, "catch_exceptions": "no"}, "catch_exceptions")])
def test_a_kwarg_gx_would_coerce_is_refused_at_its_kwarg(tmp_path: Path, kwargs: dict[str, Any],
                                                        kwarg: str) -> None:
    code, findings = _run(tmp_path, {"type": "expect_table_column_count_to_equal",
                                     "kwargs": kwargs})
    assert code == 1
    [finding] = [f for f in findings if f["severity"] == "error"]
    assert finding["location"]["pointer"] == f"/expectations/0/kwargs/{kwarg}"
