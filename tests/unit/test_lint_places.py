"""An error inside a response's inline schema (OpenAPI 3.0) is named at its place in
`content`: the validator checks that schema on its own and gives its path from the schema."""

from __future__ import annotations

from pathlib import Path

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.lint import lint_contract
from seamguard.project import find_project
from tests.support.projects import MINI_CONTRACT, mini_project


def test_an_inline_response_schema_error_is_named_under_content(tmp_path: Path) -> None:
    contract = (MINI_CONTRACT.replace("openapi: 3.1.0", "openapi: 3.0.3")
                .replace('note: {type: [string, "null"]}', "note: {type: string, nullable: true}")
                .replace("schema: {type: object, properties: {errors: {type: string}}}",
                         "schema: {type: object, required: yes}"))
    assert contract.count("3.0.3") == 1
    assert "required: yes" in contract
    root = mini_project(tmp_path / "p", contract=contract)
    errors = [f for f in lint_contract(ContractCatalog(find_project(root)), "shop", "v1")
              if f.severity.value == "error"]
    assert [f.location.pointer for f in errors] == [
        "/paths/~1orders~1{id}.json/get/responses/404/content/application~1json/schema/required"]
    text = (root / "contracts/shop/v1/openapi.yaml").read_text(encoding="utf-8").split("\n")
    assert errors[0].location.line == next(
        n for n, line in enumerate(text, 1) if "required: yes" in line)
