"""Kwargs GX's models coerce where the compiled engine reads the raw value (a flag as text, a
count that is not whole, one pattern or bound as a list, a list as a table or word) and ids
and notes that are not text are refused in the suite at their pointer, never run as one thing
by one engine and another by the other (the quality run refusing them:
``test_quality_gx_kwarg_shapes``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seamguard.quality.kwarg_kinds import kind_problem
from seamguard.quality.suites import SuiteError, load_suite
from tests.support.hostile_fresh6_data import _GOOD


@pytest.mark.parametrize(("kind", "kwargs", "pointer", "said"), [
    ("expect_column_values_to_be_between", {"column": "id", "strict_min": "no"},
     "/kwargs/strict_min", "true or false"),
    ("expect_table_columns_to_match_set", {"column_set": ["id"], "exact_match": 1},
     "/kwargs/exact_match", "true or false"),
    ("expect_table_column_count_to_equal", {"value": 3.5}, "/kwargs/value", "whole number"),
    ("expect_table_row_count_to_be_between", {"min_value": "1"}, "/kwargs/min_value",
     "whole number"),
    ("expect_column_values_to_match_regex", {"column": "s", "regex": ["^p"]}, "/kwargs/regex",
     "regex_list"),
    ("expect_column_values_to_be_in_set", {"column": "s", "value_set": {"paid": 1}},
     "/kwargs/value_set", "must be a list"),
    ("expect_table_columns_to_match_set", {"column_set": "id,status"}, "/kwargs/column_set",
     "must be a list"),
    ("expect_column_values_to_be_between", {"column": "id", "max_value": {"v": 1}},
     "/kwargs/max_value", "one bound"),
])
def test_a_kwarg_of_the_wrong_kind_is_named(kind: str, kwargs: dict[str, Any], pointer: str,
                                            said: str) -> None:
    problem = kind_problem(kind, kwargs)
    assert problem is not None
    assert problem[0] == pointer
    assert said in problem[1]


@pytest.mark.parametrize(("kind", "kwargs"), [
    ("expect_column_values_to_be_between", {"column": "id", "strict_min": True,
                                            "min_value": 0.5}),
    ("expect_table_column_count_to_equal", {"value": 3}),
    ("expect_table_row_count_to_be_between", {"min_value": 1.0, "max_value": None}),
    ("expect_column_values_to_match_regex", {"column": "s", "regex": "^p"}),
])
def test_kwargs_of_their_kind_pass(kind: str, kwargs: dict[str, Any]) -> None:
    assert kind_problem(kind, kwargs) is None


@pytest.mark.parametrize(("suite", "pointer"), [
    ({"name": "orders", "id": 7, "expectations": _GOOD}, "/id"),
    ({"name": "orders", "expectations": [{**_GOOD[0], "id": [1]}]}, "/expectations/0/id"),
])
def test_an_id_that_is_not_text_is_refused(tmp_path: Path, suite: dict[str, Any],
                                           pointer: str) -> None:
    path = tmp_path / "orders.json"
    path.write_text(json.dumps(suite, indent=2), encoding="utf-8")
    with pytest.raises(SuiteError) as caught:
        load_suite(path, display="suites/orders.json")
    assert caught.value.pointer == pointer
    assert "must be a string" in caught.value.message


@pytest.mark.parametrize(("suite", "pointer"), [
    ({"name": "orders", "notes": 5, "expectations": _GOOD}, "/notes"),
    ({"name": "orders", "expectations": [{**_GOOD[0], "notes": ["a", 1]}]},
     "/expectations/0/notes"),
])
def test_notes_that_are_not_text_are_refused(tmp_path: Path, suite: dict[str, Any],
                                             pointer: str) -> None:
    path = tmp_path / "orders.json"
    path.write_text(json.dumps(suite, indent=2), encoding="utf-8")
    with pytest.raises(SuiteError) as caught:
        load_suite(path, display="suites/orders.json")
    assert caught.value.pointer == pointer
    assert "text or a list of texts" in caught.value.message


def test_a_text_id_and_text_notes_load(tmp_path: Path) -> None:
    path = tmp_path / "orders.json"
    path.write_text(json.dumps({"name": "orders", "id": "6f1c", "notes": ["owned by ops"],
                                "expectations": [{**_GOOD[0], "id": "a1", "notes": "x"}]}),
                    encoding="utf-8")
    assert load_suite(path, display="suites/orders.json").expectations
