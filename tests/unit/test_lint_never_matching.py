"""A schema no value can match is an error of the contract, found where it is written; its
satisfiable neighbours stay clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.lint import lint_contract
from seamguard.findings import Finding
from seamguard.project import find_project
from tests.support.projects import MINI_CONTRACT, mini_project

_ID = "        id: {type: integer}\n"


def _lint(tmp_path: Path, schema: str, *, openapi: str = "3.1.0") -> list[Finding]:
    contract = MINI_CONTRACT.replace(_ID, _ID + f"        probe_x: {schema}\n")
    contract = contract.replace("openapi: 3.1.0", f"openapi: {openapi}")
    if openapi.startswith("3.0"):
        contract = contract.replace('note: {type: [string, "null"]}',
                                    "note: {type: string, nullable: true}")
    root = mini_project(tmp_path / "p", contract=contract)
    return [f for f in lint_contract(ContractCatalog(find_project(root)), "shop", "v1")
            if f.severity.value in ("error", "warning")]


@pytest.mark.parametrize(("schema", "openapi", "why"), [
    ("{type: integer, minimum: 10, maximum: 1}", "3.1.0", "between minimum 10 and maximum 1"),
    ("{type: number, exclusiveMinimum: 5, maximum: 5}", "3.1.0", "exclusiveMinimum 5"),
    ("{type: number, minimum: 5, exclusiveMinimum: true, maximum: 5}", "3.0.3", "minimum 5"),
    ("{type: integer, minimum: 1.2, maximum: 1.8}", "3.1.0", "no integer"),
    ("{type: string, minLength: 5, maxLength: 2}", "3.1.0", "minLength 5 is above maxLength 2"),
    ("{type: array, items: {type: string}, minItems: 3, maxItems: 1}", "3.0.3", "minItems 3"),
    ("{type: object, minProperties: 3, maxProperties: 1}", "3.1.0", "minProperties 3"),
    ("{type: integer, enum: [a, b]}", "3.0.3", 'enum values ("a", "b")'),
    ("{type: integer, multipleOf: 5, enum: [1, 2]}", "3.1.0", "enum values (1, 2)"),
    ("{type: string, enum: [null]}", "3.0.3", "enum values (null)"),
    ("{type: integer, const: a}", "3.1.0", 'const values ("a")'),
    ("{type: object, required: [ghost], additionalProperties: false, properties: "
     "{real: {type: string}}}", "3.1.0", "'ghost' is required"),
    ("{allOf: [{type: integer}, {type: string}]}", "3.1.0", "no common type"),
    ("{allOf: [{type: integer, minimum: 10}, {maximum: 1}]}", "3.0.3", "no integer"),
])
def test_a_schema_no_value_matches_is_an_error_at_it(tmp_path: Path, schema: str, openapi: str,
                                                    why: str) -> None:
    findings = _lint(tmp_path, schema, openapi=openapi)
    assert [(f.code, f.severity.value, f.location.pointer) for f in findings] == [
        ("contract.never-matches", "error", "/components/schemas/Order/properties/probe_x")]
    assert why in findings[0].message
    text = (tmp_path / "p/contracts/shop/v1/openapi.yaml").read_text(encoding="utf-8")
    assert findings[0].location.line == next(
        n for n, line in enumerate(text.split("\n"), 1) if "probe_x" in line)


@pytest.mark.parametrize(("schema", "openapi"), [
    ("{type: integer, minimum: 3, maximum: 3}", "3.1.0"),
    ("{type: integer, minimum: 1.5, maximum: 2.5}", "3.1.0"),
    ("{type: [integer, 'null'], minimum: 10, maximum: 1}", "3.1.0"),
    ("{minimum: 10, maximum: 1}", "3.1.0"),
    ("{type: string, minLength: 2, maxLength: 2}", "3.0.3"),
    ("{type: number, enum: [1, 2]}", "3.1.0"),
    ("{type: integer, enum: [1.0, 2]}", "3.0.3"),
    ("{type: string, nullable: true, enum: [a, null]}", "3.0.3"),
    ("{type: object, required: [real], additionalProperties: false, properties: "
     "{real: {type: string}}}", "3.1.0"),
    ("{allOf: [{type: integer}, {type: number, minimum: 0}]}", "3.1.0"),
    ("{allOf: [{$ref: '#/components/schemas/Order'}, {type: string}]}", "3.1.0"),
])
def test_a_schema_some_value_matches_stays_clean(tmp_path: Path, schema: str,
                                                 openapi: str) -> None:
    assert _lint(tmp_path, schema, openapi=openapi) == []


def test_the_schema_of_a_parameter_is_named_by_the_parameter(tmp_path: Path) -> None:
    param = "- {name: id, in: path, required: true, schema: {type: integer}}"
    contract = MINI_CONTRACT.replace(param, param + "\n        - {name: limit, in: query, "
                                     "schema: {type: integer, minimum: 9, maximum: 2}}")
    root = mini_project(tmp_path / "p", contract=contract)
    findings = lint_contract(ContractCatalog(find_project(root)), "shop", "v1")
    assert [f.message for f in findings] == [
        "no value can match the schema of query parameter 'limit': no integer lies between "
        "minimum 9 and maximum 2"]
