"""contract diff on how a parameter is written on the wire: ``style`` and ``explode`` as they
take effect, ``allowReserved``, and a parameter moved between ``schema`` and ``content``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_diff_rules import Doc, base_spec, diff, get_op

ARRAY = {"type": "array", "items": {"type": "string"}}


def with_param(param: dict[str, Any]) -> Doc:
    doc = base_spec()
    get_op(doc)["parameters"].append(param)
    return doc


def query(**extra: Any) -> dict[str, Any]:
    return {"name": "tags", "in": "query", "schema": ARRAY, **extra}


def found(tmp_path: Path, old: dict[str, Any], new: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c.id, c.level) for c in diff(tmp_path, with_param(old), with_param(new))}


CASES = [
    # a style change is reported once, though the default explode changes with it
    (query(), query(style="pipeDelimited"), {("request-parameter-style-changed", "error")}),
    (query(style="form"), query(style="spaceDelimited"),
     {("request-parameter-style-changed", "error")}),
    (query(), query(explode=False), {("request-parameter-explode-changed", "error")}),
    (query(style="deepObject", explode=True), query(style="deepObject"),
     {("request-parameter-explode-changed", "error")}),
    # a schema without a type may be a list: explode matters
    ({"name": "f", "in": "query", "schema": {}},
     {"name": "f", "in": "query", "schema": {}, "explode": False},
     {("request-parameter-explode-changed", "error")}),
    ({"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
     {"name": "id", "in": "path", "required": True, "schema": {"type": "string"},
      "style": "label"}, {("request-parameter-style-changed", "error")}),
    ({"name": "x-ids", "in": "header", "schema": ARRAY},
     {"name": "x-ids", "in": "header", "schema": ARRAY, "explode": True},
     {("request-parameter-explode-changed", "error")}),
    # allowReserved (query parameters only)
    (query(), query(allowReserved=True), {("request-parameter-became-allow-reserved", "info")}),
    (query(allowReserved=True), query(),
     {("request-parameter-became-not-allow-reserved", "error")}),
    # schema <-> content: style serialisation against JSON in the query string
    (query(), {"name": "tags", "in": "query", "content": {"application/json": {
        "schema": ARRAY}}}, {("request-parameter-content-media-type-changed", "error")}),
    ({"name": "tags", "in": "query", "content": {"application/json": {"schema": ARRAY}}},
     query(), {("request-parameter-content-media-type-changed", "error")}),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_a_change_of_wire_form_is_breaking(tmp_path: Path, old: dict[str, Any],
                                           new: dict[str, Any],
                                           expected: set[tuple[str, str]]) -> None:
    assert found(tmp_path, old, new) == expected


NO_CHANGE = [
    # a default written out
    (query(), query(style="form", explode=True)),
    (query(style="pipeDelimited"), query(style="pipeDelimited", explode=False)),
    ({"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}},
     {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"},
      "style": "simple", "explode": False}),
    # explode changes nothing for one value
    ({"name": "q", "in": "query", "schema": {"type": "string"}},
     {"name": "q", "in": "query", "schema": {"type": "string"}, "explode": False}),
    ({"name": "q", "in": "query", "schema": {"type": ["integer", "null"]}},
     {"name": "q", "in": "query", "schema": {"type": ["integer", "null"]}, "explode": False}),
    # allowReserved means nothing outside the query
    ({"name": "x-q", "in": "header", "schema": {"type": "string"}},
     {"name": "x-q", "in": "header", "schema": {"type": "string"}, "allowReserved": True}),
]


@pytest.mark.parametrize(("old", "new"), NO_CHANGE)
def test_the_same_wire_form_written_another_way_is_no_change(
        tmp_path: Path, old: dict[str, Any], new: dict[str, Any]) -> None:
    assert found(tmp_path, old, new) == set()
    assert found(tmp_path, new, old) == set()
