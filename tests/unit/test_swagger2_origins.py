"""A Swagger 2.0 document's 3.0 reading remembers where each of its places was written."""

from __future__ import annotations

from typing import Any

import pytest

from seamguard.contracts.refs import node_at
from seamguard.contracts.swagger2 import convert


def _shop() -> dict[str, Any]:
    # The shape of a Chinese open platform's Swagger 2.0: shared definitions, a body parameter
    # after a header, form fields, and consumes/produces at the top and on one operation.
    return {
        "swagger": "2.0", "info": {"title": "shop", "version": "1"},
        "host": "open.example.cn", "basePath": "/api",
        "consumes": ["application/json"], "produces": ["application/json"],
        "definitions": {"Order": {"type": "object", "properties": {
            "tid": {"type": "integer", "format": "int64"},
            "remark": {"type": "string", "x-nullable": True}}}},
        "paths": {
            "/orders": {"post": {
                "parameters": [
                    {"name": "X-App-Key", "in": "header", "type": "string", "required": True},
                    {"name": "order", "in": "body", "schema": {"$ref": "#/definitions/Order"}},
                    {"name": "ids", "in": "query", "type": "array",
                     "items": {"type": "integer"}, "collectionFormat": "csv"}],
                "responses": {"200": {"description": "ok",
                                      "schema": {"$ref": "#/definitions/Order"}}}}},
            "/upload": {"post": {
                "consumes": ["multipart/form-data", "application/x-www-form-urlencoded"],
                "parameters": [
                    {"name": "image", "in": "formData", "type": "file", "required": True},
                    {"name": "note", "in": "formData", "type": "string"}],
                "responses": {"204": {"description": "done"}}}}},
    }


@pytest.mark.parametrize(("read", "written"), [
    ("/components/schemas/Order/properties/remark/nullable",
     "/definitions/Order/properties/remark/x-nullable"),
    ("/paths/~1orders/post/requestBody", "/paths/~1orders/post/parameters/1"),
    ("/paths/~1orders/post/requestBody/content/application~1json/schema",
     "/paths/~1orders/post/parameters/1/schema"),
    ("/paths/~1orders/post/requestBody/content", "/consumes"),
    ("/paths/~1orders/post/requestBody/content/application~1json", "/consumes/0"),
    ("/paths/~1orders/post/parameters/1/schema/items/type",
     "/paths/~1orders/post/parameters/2/items/type"),
    ("/paths/~1orders/post/parameters/1/style",
     "/paths/~1orders/post/parameters/2/collectionFormat"),
    ("/paths/~1orders/post/responses/200/content/application~1json/schema/$ref",
     "/paths/~1orders/post/responses/200/schema/$ref"),
    ("/paths/~1orders/post/responses/200/content/application~1json", "/produces/0"),
    ("/paths/~1upload/post/requestBody/content/multipart~1form-data/schema/properties/note/type",
     "/paths/~1upload/post/parameters/1/type"),
    ("/paths/~1upload/post/requestBody/content/application~1x-www-form-urlencoded",
     "/paths/~1upload/post/consumes/1"),
    ("/paths/~1upload/post/requestBody/content/multipart~1form-data/schema/required/0",
     "/paths/~1upload/post/parameters/0/required"),
    ("/servers/0/url", "/host"),
    ("/openapi", "/swagger"),
    ("/info/title", "/info/title"),
])
def test_each_moved_place_names_the_written_one(read: str, written: str) -> None:
    document = _shop()
    converted, origins = convert(document)
    node_at(converted, read)  # the place exists in the reading
    assert origins.source(read) == written


def test_every_written_place_of_a_reading_exists_in_the_document() -> None:
    """The law behind the table: whatever a pointer into the reading maps to is there (or is
    the nearest written ancestor of a place the reading adds)."""
    document = _shop()
    converted, origins = convert(document)

    def walk(node: Any, pointer: str) -> None:
        source = origins.source(pointer)
        parent = source
        while True:
            try:
                node_at(document, parent)
                break
            except KeyError:
                assert parent, (pointer, source)
                parent = parent.rsplit("/", 1)[0]
        # a missing place is one the reading adds (a form body's `type: object`)
        assert parent == source or pointer.rsplit("/", 1)[-1] in (
            "type", "properties", "required", "format"), (pointer, source)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{pointer}/{index}")

    walk(converted, "")


def test_a_ref_of_the_reading_is_shown_as_written() -> None:
    _, origins = convert(_shop())
    assert origins.source_ref("#/components/schemas/Order") == "#/definitions/Order"
    assert origins.source_ref("common.yaml#/Order") == "common.yaml#/Order"
