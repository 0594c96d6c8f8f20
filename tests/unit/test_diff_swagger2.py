"""Swagger 2.0 read as the OpenAPI 3.0 document it means, so `contract diff` compares a 2.0
version with a 2.0 or 3.x one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seamguard.contracts.diff import diff_contracts, load_spec
from seamguard.contracts.swagger2 import openapi_of
from seamguard.errors import ContractError


def _doc(**extra: Any) -> dict[str, Any]:
    return {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, **extra}


def test_form_parameters_are_one_form_body() -> None:
    doc = _doc(paths={"/upload": {"post": {
        "consumes": ["multipart/form-data"],
        "parameters": [{"name": "file", "in": "formData", "type": "file", "required": True},
                       {"name": "note", "in": "formData", "type": "string"}],
        "responses": {"204": {"description": "ok"}}}}})
    body = openapi_of(doc)["paths"]["/upload"]["post"]["requestBody"]
    schema = body["content"]["multipart/form-data"]["schema"]
    assert body["required"] is True
    assert schema["required"] == ["file"]
    assert schema["properties"]["file"] == {"type": "string", "format": "binary"}


def test_array_parameters_keep_their_collection_format() -> None:
    doc = _doc(paths={"/x": {"get": {"parameters": [
        {"name": "ids", "in": "query", "type": "array", "items": {"type": "integer"},
         "collectionFormat": "multi"},
        {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}}],
        "responses": {"200": {"description": "ok"}}}}})
    ids, tags = openapi_of(doc)["paths"]["/x"]["get"]["parameters"]
    assert (ids["style"], ids["explode"]) == ("form", True)
    assert (tags["style"], tags["explode"]) == ("form", False)
    assert ids["schema"] == {"type": "array", "items": {"type": "integer"}}


def test_oauth_flows_basic_auth_and_servers() -> None:
    doc = _doc(host="api.example.com", basePath="/v2", schemes=["https", "http"],
               securityDefinitions={
                   "code": {"type": "oauth2", "flow": "accessCode", "scopes": {"r": "read"},
                            "authorizationUrl": "https://a/auth", "tokenUrl": "https://a/t"},
                   "basic": {"type": "basic"}})
    out = openapi_of(doc)
    assert out["servers"] == [{"url": "https://api.example.com/v2"},
                              {"url": "http://api.example.com/v2"}]
    schemes = out["components"]["securitySchemes"]
    assert schemes["basic"] == {"type": "http", "scheme": "basic"}
    assert schemes["code"]["flows"]["authorizationCode"]["tokenUrl"] == "https://a/t"


def test_shared_body_parameter_and_refs_move_to_components() -> None:
    doc = _doc(parameters={"Body": {"name": "b", "in": "body", "required": True,
                                    "schema": {"$ref": "#/definitions/Pet"}},
                           "Limit": {"name": "limit", "in": "query", "type": "integer"}},
               definitions={"Pet": {"type": "object", "properties": {
                   "tag": {"type": "string", "x-nullable": True}}}},
               paths={"/pets": {"post": {
                   "parameters": [{"$ref": "#/parameters/Body"}, {"$ref": "#/parameters/Limit"}],
                   "responses": {"200": {"description": "ok",
                                         "schema": {"$ref": "#/definitions/Pet"}}}}}})
    out = openapi_of(doc)
    post = out["paths"]["/pets"]["post"]
    assert post["parameters"] == [{"$ref": "#/components/parameters/Limit"}]
    assert post["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Pet"}
    assert out["components"]["schemas"]["Pet"]["properties"]["tag"] == {
        "type": "string", "nullable": True}
    assert "Body" not in out["components"]["parameters"]


def test_a_2_0_version_diffs_against_a_3_0_version(tmp_path: Path) -> None:
    old = _doc(paths={"/pets": {"get": {"parameters": [
        {"name": "limit", "in": "query", "type": "integer"}],
        "responses": {"200": {"description": "ok"}}}}})
    new = {"openapi": "3.0.3", "info": {"title": "t", "version": "2"}, "paths": {"/pets": {
        "get": {"parameters": [{"name": "limit", "in": "query", "required": True,
                                "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "ok"}}}}}}
    sides = []
    for name, doc in (("old", old), ("new", new)):
        (tmp_path / f"{name}.json").write_text(json.dumps(doc), encoding="utf-8")
        sides.append(load_spec(tmp_path / f"{name}.json", platform="p", version=name))
    changes = diff_contracts(sides[0], sides[1])
    assert [(c.id, c.level) for c in changes] == [("request-parameter-became-required",
                                                   "error")]


def test_other_swagger_versions_are_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"swagger": "1.2", "apis": []}), encoding="utf-8")
    with pytest.raises(ContractError, match=r"Swagger 1\.2") as caught:
        load_spec(path, platform="p", version="1")
    assert "Swagger 2.0" in str(caught.value.hint)
