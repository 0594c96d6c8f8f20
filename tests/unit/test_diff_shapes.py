"""contract diff refuses a document whose keywords hold the wrong kind of value, naming where.

Read raw, ``properties: "id"`` or ``responses`` written as a list would be taken for empty and
reported as properties or statuses removed; the diff names the keyword instead (file, line,
JSON pointer, what it must hold) and exits 2, whichever side it is on."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.contracts.diff import load_spec
from seamguard.errors import ContractError

Doc = dict[str, Any]
GOOD: Doc = {
    "openapi": "3.1.0", "info": {"title": "shop", "version": "1"},
    "paths": {"/orders": {
        "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer"}}],
        "get": {"responses": {"200": {"description": "orders", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}}}}}},
    "components": {"schemas": {"Order": {
        "type": "object", "required": ["id"], "additionalProperties": False,
        "properties": {"id": {"type": "string"}, "note": True,
                       "lines": {"type": "array", "items": {"type": "object", "properties": {
                           "sku": {"type": "string", "enum": ["a", "b"]}}}},
                       "state": {"allOf": [{"$ref": "#/components/schemas/State"}]}}},
        "State": {"type": ["string", "null"]}}}}


def broken(path: list[str | int], value: Any) -> Doc:
    doc = copy.deepcopy(GOOD)
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


ORDER = ["components", "schemas", "Order"]
CASES = [
    ([*ORDER, "properties"], "id", "/components/schemas/Order/properties",
     "a mapping of schemas, not text ('id')"),
    (["paths", "/orders", "get", "responses"], [{"200": {}}],
     "/paths/~1orders/get/responses", "a mapping of status codes to responses, not a list"),
    ([*ORDER, "properties", "state", "allOf"], {"$ref": "#/components/schemas/State"},
     "/components/schemas/Order/properties/state/allOf", "a list of schemas, not a mapping"),
    ([*ORDER, "properties", "lines", "items"], [{"type": "object"}],
     "/components/schemas/Order/properties/lines/items", "a schema (a mapping), not a list"),
    ([*ORDER, "properties", "lines", "items", "properties", "sku", "enum"], "a",
     "/components/schemas/Order/properties/lines/items/properties/sku/enum",
     "a list, not text ('a')"),
    (["paths", "/orders", "parameters"], {"name": "page"}, "/paths/~1orders/parameters",
     "a list, not a mapping"),
]


def write(path: Path, doc: Doc) -> Path:
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def test_a_well_formed_document_passes(tmp_path: Path) -> None:
    load_spec(write(tmp_path / "good.yaml", GOOD), platform="shop", version="1")


@pytest.mark.parametrize(("path", "value", "pointer", "expected"), CASES)
def test_a_keyword_of_the_wrong_kind_is_named(tmp_path: Path, path: list[str | int],
                                              value: Any, pointer: str, expected: str) -> None:
    file = write(tmp_path / "bad.yaml", broken(path, value))
    with pytest.raises(ContractError) as caught:
        load_spec(file, platform="shop", version="1")
    assert caught.value.message == f"{pointer} must be {expected}"
    assert caught.value.file == str(file)
    assert caught.value.line is not None
    assert caught.value.line > 1
    lines = file.read_text(encoding="utf-8").splitlines()
    assert str(path[-1]) in lines[caught.value.line - 1]


@pytest.mark.parametrize("bad_side", [0, 1])
def test_contract_diff_exits_2_on_either_side(tmp_path: Path, bad_side: int) -> None:
    files = [write(tmp_path / "good.yaml", GOOD),
             write(tmp_path / "bad.yaml", broken([*ORDER, "properties"], "id"))]
    if bad_side == 0:
        files.reverse()
    result = CliRunner().invoke(app, ["contract", "diff", str(files[0]), str(files[1])])
    assert result.exit_code == 2
    assert "bad.yaml" in result.output
    assert "/components/schemas/Order/properties must be a mapping of schemas" in result.output
    assert "Traceback" not in result.output
