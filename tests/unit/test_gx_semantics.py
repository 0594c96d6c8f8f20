"""GX's comparison rules as the compiled engine reads them, checked against GX's own models."""

from __future__ import annotations

import datetime as dt
import math
import os
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.quality.gx_semantics import (
    aggregate_verdict,
    between_problem,
    coerce_bound,
    family,
    matching_values,
)


def _gx_bound(value: Any) -> Any:
    """The min_value GX's model makes of ``value``, or None where it rejects it."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    try:
        built = ExpectationConfiguration(type="expect_column_values_to_be_between", kwargs={
            "column": "x", "min_value": value}).to_domain_obj()
    except Exception:  # GX's models raise pydantic's and their own errors
        return None
    return built.min_value


def _same(mine: Any, gx: Any) -> bool:
    if isinstance(mine, float) and isinstance(gx, float) and math.isnan(mine):
        return math.isnan(gx)
    return type(mine) is type(gx) and mine == gx


@pytest.mark.parametrize("value", [
    0, 1, 2.5, True, False, "2", "1e3", " 3 ", "-0", "1_000", "inf", "nan", "20240101",
    "2024-01-01", "2024-1-1", " 2024-01-01 ", "2024-01-01T10:00:00", "2024-01-01 10:00",
    "2024-01-01T00:00:00Z", "2024-02-30", "abc", "", "1,5", "0x10",
])
def test_bounds_are_read_as_gx_models_read_them(value: Any) -> None:
    assert _same(coerce_bound(value), _gx_bound(value)), value


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                 st.text(alphabet="0123456789-:T .eE+Z", max_size=20)))
def test_generated_bounds_are_read_as_gx_models_read_them(value: Any) -> None:
    assert _same(coerce_bound(value), _gx_bound(value)), value


@pytest.mark.parametrize(("kind", "values", "expected"), [
    ("integer", ["1", 1, 2.0, True, "2024-01-01"], [1, 2.0, 1]),
    ("float", [-0.0, "0.3", float("nan"), 1e20], [-0.0, 1e20]),
    ("boolean", ["True", 1, 0.0, 2, True], [True, False]),
    ("text", ["1", 1, "", True], ["1", ""]),
    ("date", ["2024-01-01", 20240101], []),
])
def test_value_sets_match_as_python_equality_does(kind: Any, values: list[Any],
                                                  expected: list[Any]) -> None:
    assert matching_values(kind, values) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("BIGINT", "integer"), ("int8", "integer"), ("bigint", "integer"), ("DOUBLE", "float"),
    ("double precision", "float"), ("double", "float"), ("VARCHAR", "text"),
    ("string", "text"), ("character varying(20)", "text"), ("DATE", "date"),
    ("date", "date"), ("BOOLEAN", "boolean"), ("boolean", "boolean"),
    ("DECIMAL(15,2)", "decimal"), ("numeric(15,2)", "decimal"), ("TIMESTAMP", None),
    ("STRUCT(a INTEGER)", None), (None, None),
])
def test_column_families_of_every_engine(name: str | None, expected: str | None) -> None:
    assert family(name) == expected


def test_between_raises_where_gx_raises() -> None:
    day = dt.date(2024, 1, 1)
    assert between_problem("text", 1.0, None, "VARCHAR") is not None
    assert between_problem("date", 1.0, None, "DATE") is not None
    assert between_problem("date", dt.datetime(2024, 1, 1, 10), None, "DATE") is not None
    assert between_problem("integer", day, None, "BIGINT") is not None
    assert between_problem("integer", 3.0, 1.0, "BIGINT") is not None  # min above max
    assert between_problem("date", day, None, "DATE") is None
    assert between_problem("boolean", 0.0, 1.0, "BOOLEAN") is None


def test_statistics_follow_pandas() -> None:
    kwargs = {"min_value": "2"}
    assert aggregate_verdict("min", "integer", 3, 2, 3, kwargs) == (True, 3.0, None)
    assert aggregate_verdict("min", "integer", 3, 3, 3, kwargs) == (True, 3, None)
    assert aggregate_verdict("max", "boolean", 1, 2, 2, {"max_value": 0}) == (False, True, None)
    assert aggregate_verdict("mean", "float", None, 0, 4, kwargs) == (False, None, None)
    assert aggregate_verdict("min", "text", "a", 3, 3, kwargs)[2] is not None
    assert aggregate_verdict("min", "date", dt.date(2024, 1, 1), 2, 3,
                             {"min_value": "2024-01-01"})[2] is not None  # a gap: pandas raises
    assert aggregate_verdict("min", "date", dt.date(2024, 1, 1), 3, 3,
                             {"min_value": "2024-01-01"}) == (True, dt.date(2024, 1, 1), None)
