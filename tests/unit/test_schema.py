"""OpenAPI -> JSON Schema 2020-12 conversion, checked by validating instances with the result."""

from __future__ import annotations

from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.contracts.schema import UNDECLARED_MARK, SchemaConverter


def _no_refs(base: str, ref: str) -> Any:
    raise AssertionError(f"unexpected $ref {ref}")


def convert(schema: dict[str, Any], *, openapi_30: bool = True) -> dict[str, Any]:
    result: dict[str, Any] = SchemaConverter(openapi_30=openapi_30, resolve=_no_refs).convert(
        schema, "file:///x.yaml")
    return result


def valid(schema: dict[str, Any], instance: Any) -> bool:
    validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
    return bool(validator.is_valid(instance))


@pytest.mark.parametrize(
    ("schema", "accepted", "rejected"),
    [
        ({"type": "string", "nullable": True}, [None, "a"], [1]),
        ({"type": "string", "enum": ["a", "b"], "nullable": True}, [None, "a"], ["c"]),
        ({"enum": ["a"], "nullable": True}, [None, "a"], ["c"]),
        ({"anyOf": [{"type": "integer"}, {"type": "string"}], "nullable": True},
         [None, 1, "x"], [1.5]),
        ({"type": "string", "nullable": False}, ["a"], [None]),
        ({"type": "string"}, ["a"], [None]),
    ],
)
def test_nullable_30(schema: dict[str, Any], accepted: list[Any], rejected: list[Any]) -> None:
    converted = convert(schema)
    assert all(valid(converted, value) for value in accepted)
    assert not any(valid(converted, value) for value in rejected)


def test_nullable_is_not_a_31_keyword() -> None:
    assert not valid(convert({"type": "string", "nullable": True}, openapi_30=False), None)


def test_boolean_exclusive_bounds_30() -> None:
    converted = convert({"type": "integer", "minimum": 0, "exclusiveMinimum": True,
                         "maximum": 10, "exclusiveMaximum": False})
    assert not valid(converted, 0)
    assert valid(converted, 1)
    assert valid(converted, 10)


def test_int32_format_becomes_bounds() -> None:
    converted = convert({"type": "integer", "format": "int32"})
    assert valid(converted, 2**31 - 1)
    assert not valid(converted, 2**31)


def test_closed_object_flags_undeclared_fields() -> None:
    converted = convert({"type": "object", "properties": {"a": {"type": "integer"}}})
    assert converted[UNDECLARED_MARK] is True
    assert valid(converted, {"a": 1})
    assert not valid(converted, {"a": 1, "b": 2})


def test_all_of_members_stay_open_and_parent_closes() -> None:
    converted = convert({"allOf": [
        {"type": "object", "properties": {"a": {"type": "integer"}}},
        {"type": "object", "properties": {"b": {"type": "integer"}}},
    ]})
    assert valid(converted, {"a": 1, "b": 2})
    assert not valid(converted, {"a": 1, "b": 2, "c": 3})


def test_one_of_parent_sees_the_valid_branch() -> None:
    converted = convert({"oneOf": [
        {"type": "object", "required": ["cat"], "properties": {"cat": {"type": "string"}}},
        {"type": "object", "required": ["dog"], "properties": {"dog": {"type": "string"}}},
    ]})
    assert valid(converted, {"cat": "x"})
    assert not valid(converted, {"cat": "x", "extra": 1})


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object"},
        {"type": "object", "properties": {"a": {}}, "additionalProperties": True},
        {"type": "object", "additionalProperties": {"type": "string"}},
        {"type": "object", "properties": {"a": {}}, "patternProperties": {"^x-": {}}},
    ],
)
def test_open_objects_are_not_closed(schema: dict[str, Any]) -> None:
    assert UNDECLARED_MARK not in convert(schema)


def test_annotations_are_dropped() -> None:
    converted = convert({"type": "string", "example": None, "description": "v2024-07",
                         "x-internal": True, "deprecated": True})
    assert converted == {"type": "string"}


@given(st.one_of(st.none(), st.text(max_size=5), st.integers(), st.booleans()))
def test_nullable_string_accepts_exactly_null_and_strings(value: Any) -> None:
    converted = convert({"type": "string", "nullable": True})
    assert valid(converted, value) == (value is None or isinstance(value, str))
