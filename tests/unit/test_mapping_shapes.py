"""What a contract's ``anyOf``/``oneOf`` says about a field: a value needs to match one branch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from seamguard.contracts.model import load_contract
from seamguard.mapping.shapes import Shape, shape_of


def field_shape(tmp_path: Path, schema: dict[str, Any]) -> Shape:
    document = {
        "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
        "components": {"schemas": {
            "Thing": {"type": "object", "properties": {"field": schema}},
            "Ref": {"type": "string", "format": "date-time"},
            "Status": {"type": "string", "enum": ["open", "won"]},
            "Blank": {"type": "string", "enum": [""]},
        }},
    }
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    contract = load_contract(path, platform="p", version="1")
    top = shape_of(contract, contract.schema(contract.root("#/components/schemas/Thing")))
    return shape_of(contract, top.properties["field"])


def test_an_empty_string_branch_keeps_the_format_and_marks_the_field_blank(tmp_path: Path) -> None:
    shape = field_shape(tmp_path, {"anyOf": [{"type": "string", "format": "email"},
                                             {"type": "string", "maxLength": 0}]})
    assert (shape.format, shape.max_length, shape.blank) == ("email", None, True)


@pytest.mark.parametrize(("branches", "expected"), [
    ([{"type": "string", "maxLength": 5}, {"type": "string", "maxLength": 10}], 10),
    ([{"type": "string", "maxLength": 5}, {"type": "string"}], None),
    ([{"type": "string", "maxLength": 5}, {"$ref": "#/components/schemas/Ref"}], None),
])
def test_a_length_bound_holds_only_when_every_branch_has_one(
        tmp_path: Path, branches: list[Any], expected: int | None) -> None:
    assert field_shape(tmp_path, {"anyOf": branches}).max_length == expected


def test_a_format_of_one_branch_is_not_the_fields(tmp_path: Path) -> None:
    shape = field_shape(tmp_path, {"oneOf": [{"$ref": "#/components/schemas/Ref"},
                                             {"type": "string", "pattern": "^[0-9]+$"}]})
    assert (shape.format, shape.pattern, shape.blank) == (None, None, False)


def test_a_blank_enum_branch_stays_in_the_enum(tmp_path: Path) -> None:
    shape = field_shape(tmp_path, {"oneOf": [{"$ref": "#/components/schemas/Status"},
                                             {"$ref": "#/components/schemas/Blank"},
                                             {"type": "string", "nullable": True,
                                              "enum": [None]}]})
    assert shape.enum == ["open", "won", ""]
    assert shape.nullable
