"""Schemas that judge the object they stand in (``if``/``then``/``else``, ``not``,
``dependentSchemas``) are not closed on their own, and a schema reached by reference is held to
JSON Schema 2020-12 as a payload's own schema is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seamguard.contracts.model import load_contract
from seamguard.contracts.validation import violations
from seamguard.errors import ContractError

HEAD = """
openapi: 3.1.0
info: {title: Shop, version: "1"}
paths:
  /order:
    get:
      responses:
        "200":
          description: An order.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Order"}
components:
  schemas:
    Order:
      type: object
      required: [status]
      properties:
        status: {type: string}
        paid_at: {type: string}
        coupon: {type: string}
        discount: {type: number}
"""


def _found(tmp_path: Path, extra: str, body: dict[str, Any]) -> list[tuple[str, str]]:
    path = tmp_path / "openapi.yaml"
    path.write_text(HEAD + extra, encoding="utf-8")
    contract = load_contract(path, platform="t", version="1")
    media = contract.match("GET", "/order").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    return [(v.code, v.pointer) for v in violations(contract, media.schema, body)]


IF_THEN = ("      if: {properties: {status: {const: paid}}}\n"
           "      then: {required: [paid_at]}\n")


def test_an_if_holds_for_a_whole_object_and_its_then_applies(tmp_path: Path) -> None:
    assert _found(tmp_path, IF_THEN, {"status": "paid", "coupon": "A"})
    assert _found(tmp_path, IF_THEN, {"status": "paid", "paid_at": "x", "coupon": "A"}) == []
    assert _found(tmp_path, IF_THEN, {"status": "open", "coupon": "A"}) == []


def test_a_field_nothing_declares_is_still_undeclared_beside_an_if(tmp_path: Path) -> None:
    assert ("field.undeclared", "/zzz") in _found(
        tmp_path, IF_THEN, {"status": "paid", "paid_at": "x", "zzz": 1})


def test_a_not_judges_the_whole_object(tmp_path: Path) -> None:
    extra = "      not: {properties: {status: {const: lost}}}\n"
    assert _found(tmp_path, extra, {"status": "lost", "coupon": "A"})
    assert _found(tmp_path, extra, {"status": "open", "coupon": "A"}) == []


def test_a_dependent_schema_judges_the_whole_object(tmp_path: Path) -> None:
    extra = "      dependentSchemas: {coupon: {required: [discount]}}\n"
    assert _found(tmp_path, extra, {"status": "x", "coupon": "A"})
    assert _found(tmp_path, extra, {"status": "x", "coupon": "A", "discount": 1}) == []


@pytest.mark.parametrize(("extra", "line"), [
    ("        code: {type: []}\n", 23),
    ("        code: {type: [string, string]}\n", 23),
    ("        code: {type: number, multipleOf: 0}\n", 23),
    ("      $defs: [Money]\n", 23),
    ("        code: {type: array, items: [{type: string}]}\n", 23),
])
def test_a_referenced_schema_2020_12_refuses_is_refused_at_its_line(
        tmp_path: Path, extra: str, line: int) -> None:
    text = HEAD.replace("        discount: {type: number}\n",
                        "        discount: {type: number}\n" + extra) if extra.startswith(
        "        ") else HEAD + extra
    path = tmp_path / "openapi.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContractError) as caught:
        _judged(path)
    assert caught.value.line == line
    assert caught.value.pointer
    assert caught.value.pointer.startswith("/components/schemas/Order")
    assert caught.value.hint


def _judged(path: Path) -> None:
    contract = load_contract(path, platform="t", version="1")
    media = contract.match("GET", "/order").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    violations(contract, media.schema, {"status": "x"})
