"""GX's runner: a suite GX refuses as a whole is an error per expectation, never a crash."""

from __future__ import annotations

from typing import Any

from seamguard.quality.gx_runner import _validate
from seamguard.quality.suites import Expectation


class _RefusingBatch:
    def validate(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("No value found for $PARAMETER max_rows\nmore detail")


def test_a_suite_gx_refuses_whole_is_an_error_for_each_expectation() -> None:
    expectations = [
        Expectation(0, "expect_column_values_to_not_be_null", {"column": "a"}, {}),
        Expectation(1, "expect_column_values_to_be_in_set", {"column": "a", "value_set": "x"},
                    {}),  # GX's model rejects this one before validation
        Expectation(2, "expect_column_values_to_be_unique", {"column": "a"}, {}),
    ]
    outcomes = _validate(_RefusingBatch(), "t", expectations, [], 5)
    assert [o.expectation.index for o in outcomes] == [0, 1, 2]
    assert not any(o.success for o in outcomes)
    assert str(outcomes[1].error).startswith("GX rejects it")
    for outcome in (outcomes[0], outcomes[2]):
        assert outcome.error == "GX raised: No value found for $PARAMETER max_rows"
        assert outcome.engine == "gx"
