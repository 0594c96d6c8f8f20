"""GX's result_format: which values GX refuses, and how many failing rows a finding shows."""

from __future__ import annotations

from typing import Any

import pytest

from seamguard.quality.result_format import format_problem, sample_limit


@pytest.mark.parametrize("value", ["BOOLEAN_ONLY", "basic", "SUMMARY", "COMPLETE",
                                   {"result_format": "COMPLETE", "partial_unexpected_count": 5},
                                   {"unexpected_index_column_names": ["id"]}])
def test_what_gx_takes_is_taken(value: Any) -> None:
    assert format_problem(value) is None


@pytest.mark.parametrize(("value", "said"), [
    ("FULL", "'FULL' is not one of"), (3, "must be one of"),
    ({"result_format": "ALL"}, "'ALL' is not one of"),
    ({"partial_unexpected_count": -1}, "whole number"),
    ({"partial_unexpected_count": True}, "whole number"),
    ({"partial_unexpected": 5}, "no key 'partial_unexpected'"),
])
def test_what_gx_refuses_is_said(value: Any, said: str) -> None:
    problem = format_problem(value)
    assert problem is not None
    assert said in problem


@pytest.mark.parametrize(("value", "limit", "note"), [
    (None, 20, False), ("BOOLEAN_ONLY", 0, False), ("SUMMARY", 20, False),
    ("COMPLETE", 20, True), ({"partial_unexpected_count": 3}, 3, False),
    ({"partial_unexpected_count": 50}, 20, True),
    ({"result_format": "BOOLEAN_ONLY", "partial_unexpected_count": 50}, 0, False),
])
def test_how_many_rows_a_finding_shows(value: Any, limit: int, note: bool) -> None:
    kwargs = {} if value is None else {"result_format": value}
    shown, said = sample_limit(kwargs, 20)
    assert shown == limit
    assert (said is not None) is note
