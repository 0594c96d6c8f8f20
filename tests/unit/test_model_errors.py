"""first_problem: one pydantic ValidationError told as the problem to fix first."""

from __future__ import annotations

import time

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from seamguard.model_errors import first_problem


class _Endpoint(BaseModel):
    contract: str = ""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    source: _Endpoint | None = None


def _problem(data: dict[str, object]):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        _Strict.model_validate(data)
    return first_problem(caught.value, data)


def test_thousands_of_unknown_keys_are_counted_in_linear_time() -> None:
    # A generated document (or a YAML merge-key flood) can hold tens of thousands of unknown
    # keys; counting the places once each must not compare every pair. CPU time, not wall time,
    # so a loaded machine does not decide: the pairwise count took about 40 s here.
    data: dict[str, object] = {f"key{i}": 1 for i in range(50_000)}
    started = time.process_time()
    problem = _problem(data)
    assert time.process_time() - started < 5
    assert problem.more == 49_999
    assert problem.message == "unknown key 'key0'"


def test_a_model_class_name_is_not_shown() -> None:
    problem = _problem({"source": ["not", "a", "mapping"]})
    assert problem.path == ["source"]
    assert "_Endpoint" not in problem.message
    assert "found" in problem.message
