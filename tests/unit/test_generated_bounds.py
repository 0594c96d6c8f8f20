"""``suites generate`` from a contract's numeric bounds: ``minimum``/``maximum`` (and 3.1's
numeric or 3.0's boolean exclusive bounds, and bounds under ``allOf``) become
``expect_column_values_to_be_between``; an ``anyOf`` branch's bound, and the range an
int32/int64 format implies, do not; a bound that is no JSON number is refused. A column named
with a dot is a column when the dataset has it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seamguard.errors import ContractError
from seamguard.project import find_project
from seamguard.quality.generate import write_suites
from tests.support.projects import MINI_CONTRACT, mini_project

HOOK = '        note: {type: [string, "null"]}\n'
SETTINGS = """[tool.seamguard]

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{version}"

[tool.seamguard.datasets.orders]
path = "data/orders.jsonl"
contract = "shop@v1#/components/schemas/Order"
key = ["id"]
"""


def _between(tmp_path: Path, schema: str, name: str = "qty", head: str = "openapi: 3.1.0"
             ) -> list[dict[str, Any]]:
    contract = MINI_CONTRACT.replace(HOOK, HOOK + f"        {json.dumps(name)}: {schema}\n")
    root = mini_project(tmp_path / "p", settings=SETTINGS,
                        contract=contract.replace("openapi: 3.1.0", head))
    (root / "data").mkdir()
    (root / "data" / "orders.jsonl").write_text(json.dumps({"id": 1, name: 2}) + "\n",
                                                encoding="utf-8")
    write_suites(find_project(root, explicit=True), dry_run=False)
    suite = json.loads((root / "suites" / "orders.json").read_text(encoding="utf-8"))
    return [e["kwargs"] for e in suite["expectations"]
            if e["type"] == "expect_column_values_to_be_between"]


@pytest.mark.parametrize(("schema", "head", "bounds"), [
    ("{type: integer, minimum: 1}", "openapi: 3.1.0",
     {"min_value": 1, "strict_min": False}),
    ("{type: number, exclusiveMinimum: 1, maximum: 9}", "openapi: 3.1.0",
     {"min_value": 1, "strict_min": True, "max_value": 9, "strict_max": False}),
    ("{type: number, minimum: 1, exclusiveMinimum: true}", "openapi: 3.0.3",
     {"min_value": 1, "strict_min": True}),
    ("{allOf: [{type: integer, minimum: 1}, {maximum: 3}, {minimum: 2}]}", "openapi: 3.1.0",
     {"min_value": 2, "strict_min": False, "max_value": 3, "strict_max": False}),
])
def test_bounds_become_a_between_expectation(tmp_path: Path, schema: str, head: str,
                                             bounds: dict[str, Any]) -> None:
    assert _between(tmp_path, schema, head=head) == [{"column": "qty", **bounds}]


@pytest.mark.parametrize("schema", [
    "{anyOf: [{type: integer, minimum: 1}, {type: string}]}",
    "{type: integer, format: int64}",
])
def test_no_bound_every_value_must_keep_makes_none(tmp_path: Path, schema: str) -> None:
    assert _between(tmp_path, schema) == []


@pytest.mark.parametrize("schema", ["{type: integer, minimum: '5'}",
                                    "{type: integer, maximum: .inf}",
                                    "{type: integer, minimum: -.inf}"])
def test_a_bound_that_is_no_json_number_is_refused_at_its_line(tmp_path: Path,
                                                               schema: str) -> None:
    # (JSON Schema 2020-12 takes a number only: the contract is refused, not read unbounded)
    with pytest.raises(ContractError) as caught:
        _between(tmp_path, schema)
    assert caught.value.line == 37
    assert "number" in caught.value.message
    if ".inf" in schema:  # (named as written, not as the null the validator reads it as)
        spelt = "-.inf" if "-.inf" in schema else ".inf"
        assert f"{spelt} is no JSON number" in caught.value.message


def test_a_dotted_column_the_dataset_has_is_checked(tmp_path: Path) -> None:
    assert _between(tmp_path, "{type: integer, minimum: 1}", name="a.b") == [
        {"column": "a.b", "min_value": 1, "strict_min": False}]


@pytest.mark.parametrize("bound", [".inf", "-.inf", ".nan"])
def test_a_payloads_own_schema_names_a_non_finite_bound_as_written(tmp_path: Path,
                                                                   bound: str) -> None:
    from seamguard.contracts.model import load_contract
    from seamguard.contracts.validation import violations

    (tmp_path / "openapi.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /orders:\n    get:\n"
        "      responses:\n        '200':\n          description: ok\n          content:\n"
        "            application/json:\n              schema:\n"
        f"                properties: {{total: {{maximum: {bound}}}}}\n", encoding="utf-8")
    contract = load_contract(tmp_path / "openapi.yaml", platform="p", version="1")
    operation = contract.match("get", "/orders")
    assert operation is not None
    media = operation.response(200).media("application/json")  # type: ignore[union-attr]
    with pytest.raises(ContractError) as caught:
        list(violations(contract, media.schema, {"total": 1}))
    assert caught.value.line == 12
    assert f"{bound} is no JSON number" in caught.value.message
