"""GX's runner: a suite GX refuses as a whole is an error per expectation, never a crash;
GX 0.x parameters a suite fills itself."""

from __future__ import annotations

from pathlib import Path
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


def test_parameters_filled_from_the_suite_are_written_back_as_parameters(tmp_path: Path) -> None:
    import json

    from seamguard.quality.suites import load_suite

    path = tmp_path / "t.json"
    path.write_text(json.dumps({"expectation_suite_name": "t",
                                "evaluation_parameters": {"max_rows": 4},
                                "expectations": [{
                                    "expectation_type": "expect_table_row_count_to_be_between",
                                    "kwargs": {"max_value": {"$PARAMETER": "max_rows"}}}]}),
                    encoding="utf-8")
    [exp] = load_suite(path, display="t.json").expectations
    assert exp.kwargs == {"max_value": 4}  # what runs
    assert exp.to_json()["kwargs"] == {"max_value": {"$PARAMETER": "max_rows"}}  # what is kept
