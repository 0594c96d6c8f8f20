"""The name a user meant: another case, hyphens for underscores and CamelCase are found."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.spelling import nearest

NAMES = ["base_url", "history_env", "--fail-on", "--format", "run", "lint",
         "expect_column_values_to_not_be_null", "expect_column_values_to_be_unique"]


@pytest.mark.parametrize(("wrong", "meant"), [
    ("BASE_URL", "base_url"), ("Base_url", "base_url"), ("base-url", "base_url"),
    ("HISTORY_ENV", "history_env"), ("--FAIL-ON", "--fail-on"), ("--fail_on", "--fail-on"),
    ("RUN", "run"), ("LINT", "lint"),
    ("ExpectColumnValuesToNotBeNull", "expect_column_values_to_not_be_null"),
    ("expect_column_values_to_be_uniqe", "expect_column_values_to_be_unique"),
    ("--fromat", "--format"),
])
def test_the_name_meant_is_found(wrong: str, meant: str) -> None:
    assert nearest(wrong, NAMES) == meant


def test_nothing_close_is_none() -> None:
    assert nearest("zzzzzzzz", NAMES) is None
    assert nearest("anything", []) is None


@given(st.sampled_from(NAMES), st.sampled_from([str.upper, str.lower, str.title,
                                                 lambda s: s.replace("_", "-")]))
def test_a_name_in_another_case_or_with_hyphens_is_always_found(name: str, change: object
                                                                 ) -> None:
    assert callable(change)
    assert nearest(change(name), NAMES) == name


def test_a_name_that_folds_near_a_short_one_gets_no_weak_suggestion() -> None:
    # 'nope_at' folds to 'nopeat', 0.6 alike to 'note': not a name anyone meant
    assert nearest("nope_at", ["note", "updated_at_ms", "status"]) is None
    assert nearest("Updated-At", ["note", "updated_at"]) == "updated_at"
