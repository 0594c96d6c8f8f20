"""A suite's ``type`` and ``expectation_type`` must name one expectation, and a suite's own name
must not speak of another dataset than the one its file name makes it check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seamguard.quality.suites import SuiteError, load_suite, name_problem

_NOT_NULL = {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}}


def _suite(tmp_path: Path, data: dict[str, Any], stem: str = "orders") -> Path:
    path = tmp_path / f"{stem}.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_type_and_expectation_type_that_disagree_are_refused(tmp_path: Path) -> None:
    path = _suite(tmp_path, {"name": "orders", "expectations": [
        {**_NOT_NULL, "expectation_type": "expect_column_values_to_be_unique"}]})
    with pytest.raises(SuiteError) as raised:
        load_suite(path, display="orders.json")
    assert raised.value.pointer == "/expectations/0/expectation_type"
    assert "expect_column_values_to_be_unique" in raised.value.message


def test_type_and_expectation_type_that_agree_are_one(tmp_path: Path) -> None:
    path = _suite(tmp_path, {"name": "orders", "expectations": [
        {**_NOT_NULL, "expectation_type": _NOT_NULL["type"]}]})
    assert load_suite(path, display="orders.json").expectations[0].type == _NOT_NULL["type"]


@pytest.mark.parametrize(("data", "said"), [
    ({"name": "customers"}, "/name"),
    ({"expectation_suite_name": "customers"}, "/expectation_suite_name"),
    ({"name": "orders"}, None),
    ({"name": "orders.warning"}, None),
    ({"name": "Orders_suite"}, None),
    ({"name": "customers", "meta": {"seamguard": {"dataset": "orders"}}}, None),
])
def test_a_name_of_another_dataset_is_named(tmp_path: Path, data: dict[str, Any],
                                            said: str | None) -> None:
    suite = load_suite(_suite(tmp_path, {**data, "expectations": [_NOT_NULL]}),
                       display="orders.json")
    problem = name_problem(suite)
    assert (problem[1] if problem else None) == said
    if problem:
        assert "'customers'" in problem[0]
        assert "orders.json" in problem[0]
