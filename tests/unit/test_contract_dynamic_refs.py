"""``$dynamicRef`` in OpenAPI 3.1 schemas: one to a JSON pointer is a ``$ref`` (2020-12 says so)
and checks what it points at; one that resolves nowhere is refused at its own place, not at
the response schema that reaches it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seamguard.errors import ContractError
from tests.support.projects import (
    MINI_CONTRACT,
    codes_at,
    good_order,
    interaction,
    mini_project,
    verify_project,
)

HOOK = '        note: {type: [string, "null"]}\n'
POSITIVE = "    Positive: {$dynamicAnchor: positive, type: integer, minimum: 1}\n"


def _verify(tmp_path: Path, schema: str, value: Any) -> list[Any]:
    contract = MINI_CONTRACT.replace(HOOK, HOOK + f"        rank: {schema}\n").replace(
        "components:\n  schemas:\n", "components:\n  schemas:\n" + POSITIVE)
    project = mini_project(tmp_path / "p", contract=contract, interactions=[
        interaction({"order": good_order(rank=value)})])
    return verify_project(project)


@pytest.mark.parametrize("ref", ["#/components/schemas/Positive",
                                 "openapi.yaml#/components/schemas/Positive"])
def test_a_dynamic_ref_to_a_pointer_checks_its_target(tmp_path: Path, ref: str) -> None:
    assert _verify(tmp_path / "good", f"{{$dynamicRef: '{ref}'}}", 3) == []
    found = codes_at(_verify(tmp_path / "bad", f"{{$dynamicRef: '{ref}'}}", -3))
    assert [pointer for _, pointer in found] == ["/order/rank"]


def test_a_dynamic_ref_to_no_anchor_is_refused_at_its_place(tmp_path: Path) -> None:
    with pytest.raises(ContractError) as caught:
        _verify(tmp_path, "{$dynamicRef: '#nowhere'}", 3)
    error = caught.value
    assert error.pointer is not None
    assert error.pointer.endswith("/properties/rank/$dynamicRef")
    assert error.file == "contracts/shop/v1/openapi.yaml"
    assert error.line == 38
    assert "nowhere" in error.message


def test_a_dynamic_ref_to_no_pointer_is_a_broken_reference(tmp_path: Path) -> None:
    [finding] = _verify(tmp_path, "{$dynamicRef: '#/components/schemas/Missing'}", 3)
    assert finding.code == "contract.unloadable"
    assert "has no 'Missing' on the path /components/schemas/Missing" in finding.message
