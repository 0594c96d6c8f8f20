"""The payments API the fresh `contract diff` classes edit: OpenAPI 3.0, 3.1 and Swagger 2.0.

The three spellings say the same thing, so diffing one against another reports nothing; each
case edits one of them the way a public changelog (Stripe, Shopify, GitHub, HubSpot) or
oasdiff's rule catalogue describes.
"""

from __future__ import annotations

import copy
from typing import Any

Doc = dict[str, Any]


def _customer(nullable: str) -> Doc:
    """``nullable`` is ``"30"`` (``nullable: true``) or ``"31"`` (a type array)."""
    email: Doc = ({"type": "string", "nullable": True} if nullable == "30"
                  else {"type": ["string", "null"]})
    return {"type": "object", "required": ["id", "name", "created"], "properties": {
        "id": {"type": "integer", "format": "int64", "readOnly": True},
        "name": {"type": "string", "maxLength": 100},
        "email": email,
        "tier": {"type": "string", "enum": ["free", "pro", "enterprise"]},
        "created": {"type": "string", "format": "date-time", "readOnly": True},
        "password": {"type": "string", "writeOnly": True},
        "balance": {"type": "integer", "minimum": 0},
    }}


def _payment_components() -> Doc:
    return {
        "Card": {"type": "object", "required": ["kind", "last4"], "properties": {
            "kind": {"type": "string"}, "last4": {"type": "string"}}},
        "Bank": {"type": "object", "required": ["kind", "iban"], "properties": {
            "kind": {"type": "string"}, "iban": {"type": "string"}}},
        "Charge": {"type": "object", "required": ["id", "amount", "status"], "properties": {
            "id": {"type": "string"},
            "amount": {"type": "integer"},
            "status": {"type": "string", "enum": ["pending", "succeeded", "failed"]},
            "customer": {"type": "string"},
            "method": {"oneOf": [{"$ref": "#/components/schemas/Card"},
                                 {"$ref": "#/components/schemas/Bank"}],
                       "discriminator": {"propertyName": "kind", "mapping": {
                           "card": "#/components/schemas/Card",
                           "bank": "#/components/schemas/Bank"}}},
        }},
    }


def json_of(ref: str) -> Doc:
    return {"application/json": {"schema": {"$ref": ref}}}


def api(version: str = "3.0.3") -> Doc:
    """The payments API as OpenAPI ``version`` (3.0.x or 3.1.x)."""
    spelling = "31" if version.startswith("3.1") else "30"
    doc: Doc = {
        "openapi": version, "info": {"title": "payments", "version": "2024-06-01"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "security": [{"apiKey": []}],
        "paths": {
            "/customers/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "integer"}}],
                "get": {
                    "operationId": "getCustomer",
                    "parameters": [
                        {"name": "X-Request-Id", "in": "header",
                         "schema": {"type": "string"}},
                        {"name": "session", "in": "cookie", "schema": {"type": "string"}},
                        {"name": "expand", "in": "query",
                         "schema": {"type": "string", "enum": ["charges", "notes"]}},
                    ],
                    "responses": {
                        "200": {"description": "ok", "headers": {
                            "X-RateLimit-Remaining": {"schema": {"type": "integer"}},
                            "ETag": {"required": True, "schema": {"type": "string"}}},
                            "content": json_of("#/components/schemas/Customer")},
                        "404": {"description": "missing"},
                    }},
                "delete": {"operationId": "deleteCustomer",
                           "security": [{"oauth": ["customers:write"]}],
                           "responses": {"204": {"description": "gone"}}},
            },
            "/customers": {"post": {
                "operationId": "createCustomer",
                "requestBody": {"required": True, "content": json_of(
                    "#/components/schemas/Customer")},
                "responses": {"201": {"description": "created",
                                      "content": json_of("#/components/schemas/Customer")}}}},
            "/charges/{id}": {"get": {
                "operationId": "getCharge",
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok",
                                      "content": json_of("#/components/schemas/Charge")}}}},
        },
        "components": {
            "schemas": {"Customer": _customer(spelling), **_payment_components()},
            "securitySchemes": {
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
                "oauth": {"type": "oauth2", "flows": {"clientCredentials": {
                    "tokenUrl": "https://auth.example.com/token",
                    "scopes": {"customers:read": "read", "customers:write": "write"}}}},
            },
        },
    }
    if spelling == "31":
        doc["webhooks"] = {"charge.succeeded": {"post": {
            "requestBody": {"content": json_of("#/components/schemas/Charge")},
            "responses": {"200": {"description": "received"}}}}}
    return doc


def swagger2() -> Doc:
    """The customers part of the API as Swagger 2.0 (no cookies, no oneOf in 2.0)."""
    customer = _customer("30")
    email = customer["properties"]["email"]
    email.pop("nullable")
    email["x-nullable"] = True
    return {
        "swagger": "2.0", "info": {"title": "payments", "version": "2024-06-01"},
        "host": "api.example.com", "basePath": "/v1", "schemes": ["https"],
        "consumes": ["application/json"], "produces": ["application/json"],
        "security": [{"apiKey": []}],
        "securityDefinitions": {
            "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
            "oauth": {"type": "oauth2", "flow": "application",
                      "tokenUrl": "https://auth.example.com/token",
                      "scopes": {"customers:read": "read", "customers:write": "write"}}},
        "paths": {
            "/customers/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "type": "integer"}],
                "get": {
                    "operationId": "getCustomer",
                    "parameters": [
                        {"name": "X-Request-Id", "in": "header", "type": "string"},
                        {"name": "expand", "in": "query", "type": "string",
                         "enum": ["charges", "notes"]},
                    ],
                    "responses": {
                        "200": {"description": "ok", "headers": {
                            "X-RateLimit-Remaining": {"type": "integer"}},
                            "schema": {"$ref": "#/definitions/Customer"}},
                        "404": {"description": "missing"},
                    }},
                "delete": {"operationId": "deleteCustomer",
                           "security": [{"oauth": ["customers:write"]}],
                           "responses": {"204": {"description": "gone"}}},
            },
            "/customers": {"post": {
                "operationId": "createCustomer",
                "parameters": [{"name": "customer", "in": "body", "required": True,
                                "schema": {"$ref": "#/definitions/Customer"}}],
                "responses": {"201": {"description": "created",
                                      "schema": {"$ref": "#/definitions/Customer"}}}}},
        },
        "definitions": {"Customer": customer},
    }


def openapi_of_swagger2() -> Doc:
    """What :func:`swagger2` says, written as OpenAPI 3.0 (a platform's 2.0 → 3.0 move)."""
    doc = api("3.0.3")
    del doc["paths"]["/charges/{id}"]
    doc["components"]["schemas"] = {"Customer": doc["components"]["schemas"]["Customer"]}
    get = doc["paths"]["/customers/{id}"]["get"]
    get["parameters"] = [p for p in get["parameters"] if p["in"] != "cookie"]
    del get["responses"]["200"]["headers"]["ETag"]
    return doc


def fresh(doc: Doc) -> Doc:
    return copy.deepcopy(doc)
