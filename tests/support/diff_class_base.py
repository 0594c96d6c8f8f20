"""The shop contract and case registry the `contract diff` class scorer edits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Doc = dict[str, Any]
Expect = tuple[str, str, str]  # rule id, level, substring of "operation path"


def shop(version: str = "3.0.3") -> Doc:
    """A small order API: a read with path and query parameters, a create with a body."""
    order = {"type": "object", "required": ["id", "status", "total"], "properties": {
        "id": {"type": "string", "example": "ord_1"},
        "status": {"type": "string", "enum": ["open", "paid", "shipped"]},
        "total": {"type": "integer", "minimum": 0},
        "currency": {"type": "string", "maxLength": 3, "default": "CNY"},
        "note": {"type": "string", "nullable": True},
        "created": {"type": "string", "format": "date-time"},
        "lines": {"type": "array", "items": {"$ref": "#/components/schemas/Line"}},
        "payment": {"oneOf": [{"$ref": "#/components/schemas/Card"},
                              {"$ref": "#/components/schemas/Wallet"}]},
    }}
    order_in = {"type": "object", "required": ["lines"], "properties": {
        "lines": {"type": "array", "items": {"$ref": "#/components/schemas/Line"},
                  "maxItems": 50},
        "currency": {"type": "string", "enum": ["CNY", "USD"], "default": "CNY"},
        "note": {"type": "string", "maxLength": 200},
        "coupon": {"type": "string", "pattern": "^[A-Z0-9]+$"},
        "express": {"type": "boolean"},
    }}
    return {
        "openapi": version, "info": {"title": "shop", "version": "1.0.0"},
        "paths": {
            "/orders/{order_id}": {
                "parameters": [{"name": "order_id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "get": {
                    "operationId": "getOrder",
                    "parameters": [
                        {"name": "expand", "in": "query",
                         "schema": {"type": "string", "enum": ["lines", "payment"]}},
                        {"name": "limit", "in": "query",
                         "schema": {"type": "integer", "maximum": 100, "default": 10}},
                    ],
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/Order"}}}},
                        "404": {"description": "missing"},
                    }},
                "delete": {"operationId": "deleteOrder",
                           "responses": {"204": {"description": "gone"}}},
            },
            "/orders": {"post": {
                "operationId": "createOrder",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/OrderIn"}}}},
                "responses": {"201": {"description": "created", "content": {
                    "application/json": {"schema": {
                        "$ref": "#/components/schemas/Order"}}}}}}},
        },
        "components": {"schemas": {
            "Order": order, "OrderIn": order_in,
            "Line": {"type": "object", "required": ["sku", "qty"], "properties": {
                "sku": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}}},
            "Card": {"type": "object", "required": ["last4"],
                     "properties": {"last4": {"type": "string"}}},
            "Wallet": {"type": "object", "required": ["provider"],
                       "properties": {"provider": {"type": "string"}}},
        }},
    }


def _schemas(doc: Doc) -> Doc:
    schemas: Doc = doc["components"]["schemas"]
    return schemas


def _order(doc: Doc) -> Doc:
    props: Doc = _schemas(doc)["Order"]["properties"]
    return props


def _order_in(doc: Doc) -> Doc:
    schema: Doc = _schemas(doc)["OrderIn"]
    return schema


def _get(doc: Doc) -> Doc:
    op: Doc = doc["paths"]["/orders/{order_id}"]["get"]
    return op


def _param(doc: Doc, name: str) -> Doc:
    for param in _get(doc)["parameters"]:
        if param["name"] == name:
            return param  # type: ignore[no-any-return]
    raise KeyError(name)


@dataclass
class Case:
    name: str
    klass: str
    edit: Callable[[Doc], Any]
    expect: list[Expect] = field(default_factory=list)
    version: str = "3.0.3"
    base_edit: Callable[[Doc], Any] | None = None


CASES: list[Case] = []


def case(name: str, klass: str, *expect: Expect, version: str = "3.0.3",
         base_edit: Callable[[Doc], Any] | None = None) -> Callable[[Callable[[Doc], Any]],
                                                                   Callable[[Doc], Any]]:
    def register(edit: Callable[[Doc], Any]) -> Callable[[Doc], Any]:
        CASES.append(Case(name, klass, edit, list(expect), version, base_edit))
        return edit
    return register


