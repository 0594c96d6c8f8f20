"""Swagger 2.0 read as the OpenAPI 3.0 document it means, so `contract diff` compares a 2.0
version with a 2.0 or 3.x one."""

from __future__ import annotations

import contextlib
import copy
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def _load(tmp_path: Path, doc: dict[str, Any], name: str = "s") -> Any:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return load_spec(path, platform="p", version=name)


@pytest.mark.parametrize(("doc", "said"), [
    (_doc(consumes="application/json"), "/consumes must be a list of texts"),
    (_doc(paths={"/a": {"get": {"parameters": [{"name": ["x"], "in": "query"}]}}}),
     "/paths/~1a/get/parameters/0/name must be a text"),
    (_doc(paths={"/a": {"get": {"responses": [200]}}}),
     "/paths/~1a/get/responses must be a mapping of status codes"),
    (_doc(definitions={"Pet": {"type": "object", "required": [{"name": 1}]}}),
     "/definitions/Pet/required/0 must be a property name"),
])
def test_a_2_0_keyword_of_the_wrong_kind_is_named_where_the_2_0_document_has_it(
        tmp_path: Path, doc: dict[str, Any], said: str) -> None:
    with pytest.raises(ContractError) as caught:
        _load(tmp_path, doc)
    assert said in str(caught.value)
    assert "Swagger 2.0" in str(caught.value.hint)


@pytest.mark.parametrize(("schema", "said"), [
    ({"type": "object", "required": [["id"]]}, "/required/0 must be a property name"),
    ({"type": "string", "format": ["date"]}, "/format must be a format name"),
    ({"type": ["string", 3]}, "/type/1 must be a type name"),
])
def test_schema_keywords_of_the_wrong_kind_are_usage_errors(tmp_path: Path,
                                                             schema: dict[str, Any],
                                                             said: str) -> None:
    doc = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
           "components": {"schemas": {"X": schema}}}
    with pytest.raises(ContractError, match=re.escape(said)):
        _load(tmp_path, doc)


JUNK = st.sampled_from([None, 1, "x", [], {}, [1], {"a": 1}, True, {"$ref": "#/definitions/No"},
                        {"$ref": 3}, [{"a": 1}]])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["2.0", "3.0"]), st.lists(st.tuples(st.integers(0, 10_000), JUNK),
                                                min_size=1, max_size=3))
def test_any_damaged_version_is_diffed_or_refused_never_a_crash(
        version: str, edits: list[tuple[int, Any]]) -> None:
    from tests.support.diff_fresh_docs import api, swagger2

    base = swagger2() if version == "2.0" else api()
    revision = copy.deepcopy(base)
    for where, junk in edits:
        nodes: list[tuple[Any, Any]] = []
        stack: list[Any] = [revision]
        while stack:
            node = stack.pop()
            items = node.items() if isinstance(node, dict) else enumerate(node) \
                if isinstance(node, list) else ()
            for key, value in items:
                nodes.append((node, key))
                stack.append(value)
        parent, key = nodes[where % len(nodes)]
        parent[key] = copy.deepcopy(junk)
    # refused with a reason is fine; a crash is not
    with tempfile.TemporaryDirectory() as folder, contextlib.suppress(ContractError):
        diff_contracts(_load(Path(folder), base, "old"), _load(Path(folder), revision))
