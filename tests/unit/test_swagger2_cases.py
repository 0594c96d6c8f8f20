"""A small slice of the generated Swagger 2.0 cases: every one is handled."""

from __future__ import annotations

from tests.support.swagger2_cases import score


def test_generated_swagger2_contracts_are_handled() -> None:
    results = score(4, seed=3)
    assert results == {"verify": (4, 4), "request": (4, 4), "elsewhere": (4, 4), "lint": (4, 4),
                       "no-crash": (4, 4)}
