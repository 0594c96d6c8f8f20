"""contract diff rule by rule (minimal base/revision pairs built here), and its laws: a spec
against itself, reordered, with schemas moved into components, or rewritten from 3.0 to 3.1
nullability reports nothing."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.contracts.diff import Change, diff_contracts, load_spec

Doc = dict[str, Any]


def base_spec(version: str = "3.1.0") -> Doc:
    thing = {"type": "object", "required": ["id", "kind"], "properties": {
        "id": {"type": "integer", "minimum": 1},
        "kind": {"type": "string", "enum": ["a", "b"]},
        "name": {"type": "string", "maxLength": 50, "pattern": "^[a-z]+$"},
        "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "extra": {"type": "object", "additionalProperties": {"type": "string"}},
        "choice": {"oneOf": [{"type": "object", "properties": {"x": {"type": "string"}}},
                             {"$ref": "#/components/schemas/Other"}]},
    }}
    return {
        "openapi": version, "info": {"title": "t", "version": "1"},
        "security": [{"oauth": ["read"]}],
        "paths": {
            "/things/{thingId}": {"get": {
                "operationId": "getThing", "tags": ["things"],
                "parameters": [
                    {"name": "thingId", "in": "path", "required": True,
                     "schema": {"type": "integer"}},
                    {"name": "mode", "in": "query", "schema": {"type": "string",
                                                               "enum": ["x", "y"]}},
                    {"name": "filter", "in": "query", "content": {"application/json": {
                        "schema": {"type": "object", "properties": {
                            "q": {"type": "string"}}}}}},
                ],
                "responses": {"200": {
                    "description": "ok",
                    "headers": {"X-Rate": {"required": True, "schema": {"type": "integer"}}},
                    "content": {"application/json": {"schema": {
                        "$ref": "#/components/schemas/Thing"}}}}}}},
            "/things": {"post": {
                "security": [{"oauth": ["write"]}],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/ThingIn"}}}},
                "responses": {"201": {"description": "created"}}}},
        },
        "components": {
            "schemas": {"Thing": thing, "ThingIn": copy.deepcopy(thing),
                        "Other": {"type": "object", "properties": {"y": {"type": "integer"}}}},
            "securitySchemes": {"oauth": {"type": "oauth2", "flows": {"clientCredentials": {
                "tokenUrl": "https://t/token", "scopes": {"read": "r", "write": "w"}}}}},
        },
    }


def write(tmp_path: Path, name: str, document: Doc) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def diff(tmp_path: Path, base: Doc, revision: Doc) -> list[Change]:
    return diff_contracts(load_spec(write(tmp_path, "base", base), platform="p", version="1"),
                          load_spec(write(tmp_path, "rev", revision), platform="p", version="2"))


def thing(doc: Doc) -> Doc:
    schema: Doc = doc["components"]["schemas"]["Thing"]["properties"]
    return schema


def thing_in(doc: Doc) -> Doc:
    schema: Doc = doc["components"]["schemas"]["ThingIn"]["properties"]
    return schema


def get_op(doc: Doc) -> Doc:
    op: Doc = doc["paths"]["/things/{thingId}"]["get"]
    return op


def set_(path: Callable[[Doc], Doc], key: str, value: Any) -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        path(doc)[key] = value
    return apply


def edit(fn: Callable[[Doc], Any]) -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        fn(doc)
    return apply


# (expected rule id, expected level, revision edit)
CASES: list[tuple[str, str, Callable[[Doc], None]]] = [
    # security
    ("api-global-security-scope-added", "info",
     edit(lambda d: d["security"][0]["oauth"].append("write"))),
    ("api-global-security-removed", "info", edit(lambda d: d.pop("security"))),
    ("api-security-scope-removed", "info",
     edit(lambda d: d["paths"]["/things"]["post"]["security"][0]["oauth"].clear())),
    ("api-security-added", "info", edit(lambda d: get_op(d).__setitem__(
        "security", [{"oauth": ["read"]}]))),
    ("api-security-component-oauth-scope-added", "info", edit(
        lambda d: d["components"]["securitySchemes"]["oauth"]["flows"]["clientCredentials"][
            "scopes"].__setitem__("admin", "a"))),
    ("api-security-component-removed", "info", edit(
        lambda d: d["components"]["securitySchemes"].pop("oauth"))),
    # operation metadata, components
    ("api-operation-id-removed", "info", set_(get_op, "operationId", "fetchThing")),
    ("api-tag-added", "info", set_(get_op, "tags", ["things", "public"])),
    ("api-schema-removed", "info", edit(lambda d: d["components"]["schemas"].pop("Other")
                                        and thing(d)["choice"]["oneOf"].pop()
                                        and thing_in(d)["choice"]["oneOf"].pop())),
    ("endpoint-deprecated", "info", set_(get_op, "deprecated", True)),
    # parameters
    ("request-parameter-enum-value-removed", "error",
     edit(lambda d: get_op(d)["parameters"][1]["schema"]["enum"].pop())),
    ("request-parameter-became-required", "error",
     edit(lambda d: get_op(d)["parameters"][1].__setitem__("required", True))),
    ("new-required-request-parameter", "error", edit(lambda d: get_op(d)["parameters"].append(
        {"name": "since", "in": "query", "required": True, "schema": {"type": "string"}}))),
    ("request-parameter-property-type-changed", "warning", edit(
        lambda d: get_op(d)["parameters"][2]["content"]["application/json"]["schema"][
            "properties"]["q"].__setitem__("type", "integer"))),
    ("request-parameter-default-value-added", "error", edit(
        lambda d: get_op(d)["parameters"][1]["schema"].__setitem__("default", "x"))),
    # request body
    ("request-body-became-optional", "info", edit(
        lambda d: d["paths"]["/things"]["post"]["requestBody"].__setitem__("required", False))),
    ("request-body-media-type-added", "info", edit(
        lambda d: d["paths"]["/things"]["post"]["requestBody"]["content"].__setitem__(
            "application/xml", {"schema": {"type": "string"}}))),
    ("new-required-request-property", "error", edit(lambda d: (
        thing_in(d).__setitem__("code", {"type": "string"}),
        d["components"]["schemas"]["ThingIn"]["required"].append("code")))),
    ("request-property-max-length-decreased", "error",
     edit(lambda d: thing_in(d)["name"].__setitem__("maxLength", 10))),
    ("request-property-pattern-changed", "warning",
     edit(lambda d: thing_in(d)["name"].__setitem__("pattern", "^[a-z0-9]+$"))),
    ("request-property-became-nullable", "info",
     edit(lambda d: thing_in(d)["name"].__setitem__("type", ["string", "null"]))),
    ("request-property-min-items-increased", "error",
     edit(lambda d: thing_in(d)["tags"].__setitem__("minItems", 2))),
    ("request-read-only-property-enum-value-removed", "info", edit(lambda d: (
            thing_in(d)["kind"].__setitem__("readOnly", True), thing_in(d)["kind"]["enum"].pop()))),
    ("request-required-property-became-read-only", "info",
     edit(lambda d: thing_in(d)["id"].__setitem__("readOnly", True))),
    # response
    ("response-property-enum-value-added", "warning",
     edit(lambda d: thing(d)["kind"]["enum"].append("c"))),
    ("response-required-property-removed", "error", edit(lambda d: (
        thing(d).pop("kind"), d["components"]["schemas"]["Thing"]["required"].remove("kind")))),
    ("response-property-became-optional", "error", edit(
        lambda d: d["components"]["schemas"]["Thing"]["required"].remove("kind"))),
    ("response-property-max-length-increased", "error",
     edit(lambda d: thing(d)["name"].__setitem__("maxLength", 80))),
    ("response-property-default-value-added", "info",
     edit(lambda d: thing(d)["name"].__setitem__("default", "x"))),
    ("required-response-header-removed", "error", edit(
        lambda d: get_op(d)["responses"]["200"].pop("headers"))),
    ("response-header-type-changed", "error", edit(
        lambda d: get_op(d)["responses"]["200"]["headers"]["X-Rate"].__setitem__(
            "schema", {"type": "boolean"}))),
    ("response-media-type-removed", "error", edit(
        lambda d: get_op(d)["responses"]["200"]["content"].__setitem__(
            "text/csv", get_op(d)["responses"]["200"]["content"].pop("application/json")))),
    ("response-property-one-of-added", "error", edit(lambda d: thing(d)["choice"][
        "oneOf"].append({"type": "string"}))),
    # inside sub-schemas that were silent before
    ("response-property-type-changed", "error", edit(
        lambda d: thing(d)["extra"]["additionalProperties"].__setitem__("type", "integer"))),
    ("response-property-became-required", "info", edit(lambda d: thing(d)["choice"]["oneOf"][
        0].__setitem__("required", ["x"]))),
    # JSON Schema 2020-12
    ("response-property-if-added", "info", edit(lambda d: thing(d)["name"].update(
        {"if": {"minLength": 3}, "then": {"pattern": "^a"}}))),
    ("request-property-prefix-items-removed", "error", edit(lambda d: None)),
    ("request-property-contains-added", "error", edit(
        lambda d: thing_in(d)["tags"].__setitem__("contains", {"const": "x"}))),
    ("request-property-const-added", "error",
     edit(lambda d: thing_in(d)["kind"].__setitem__("const", "a"))),
    ("request-body-dependent-required-added", "error", edit(
        lambda d: d["components"]["schemas"]["ThingIn"].__setitem__(
            "dependentRequired", {"name": ["tags"]}))),
    ("request-body-unevaluated-properties-added", "error", edit(
        lambda d: d["components"]["schemas"]["ThingIn"].__setitem__(
            "unevaluatedProperties", False))),
    ("request-property-x-extensible-enum-value-removed", "error", edit(lambda d: None)),
]


def _prefix_items(doc: Doc) -> None:
    thing_in(doc)["pair"] = {"type": "array", "prefixItems": [{"type": "string"},
                                                              {"type": "integer"}]}


def _extensible(doc: Doc) -> None:
    thing_in(doc)["color"] = {"type": "string", "x-extensible-enum": ["red", "blue"]}


BASE_EXTRAS = {"request-property-prefix-items-removed": _prefix_items,
               "request-property-x-extensible-enum-value-removed": _extensible}
REVISION_EXTRAS = {
    "request-property-prefix-items-removed": lambda d: (
        _prefix_items(d), thing_in(d)["pair"]["prefixItems"].pop()),
    "request-property-x-extensible-enum-value-removed": lambda d: (
        _extensible(d), thing_in(d)["color"]["x-extensible-enum"].pop()),
}


@pytest.mark.parametrize(("rule", "level", "change"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_on_a_minimal_pair(tmp_path: Path, rule: str, level: str,
                                     change: Callable[[Doc], None]) -> None:
    base, revision = base_spec(), base_spec()
    if rule in BASE_EXTRAS:
        BASE_EXTRAS[rule](base)
        REVISION_EXTRAS[rule](revision)
    else:
        change(revision)
    found = {(c.id, c.level) for c in diff(tmp_path, base, revision)}
    assert (rule, level) in found, sorted(found)


def test_renamed_path_parameter_is_the_same_operation(tmp_path: Path) -> None:
    revision = base_spec()
    item = revision["paths"].pop("/things/{thingId}")
    item["get"]["parameters"][0]["name"] = "id"
    revision["paths"]["/things/{id}"] = item
    assert diff(tmp_path, base_spec(), revision) == []


def test_gateway_paths_with_fragments_are_operations(tmp_path: Path) -> None:
    base, revision = base_spec(), base_spec()
    for doc in (base, revision):
        doc["paths"]["/router/rest#taobao.trades.sold.get"] = copy.deepcopy(
            doc["paths"]["/things"])
    revision["paths"]["/router/rest#taobao.trades.sold.get"]["post"]["requestBody"][
        "required"] = False
    changes = diff(tmp_path, base, revision)
    assert [(c.id, c.operation) for c in changes] == [
        ("request-body-became-optional", "POST /router/rest#taobao.trades.sold.get")]


def test_inline_enum_moved_to_an_identical_component_is_no_change(tmp_path: Path) -> None:
    base, revision = base_spec(), base_spec()
    for doc in (base, revision):
        thing(doc)["state"] = {"anyOf": [{"type": "string", "enum": ["on", "off"]},
                                         {"type": "integer"}]}
    revision["components"]["schemas"]["State"] = {"type": "string", "enum": ["on", "off"]}
    thing(revision)["state"]["anyOf"][0] = {"$ref": "#/components/schemas/State"}
    assert diff(tmp_path, base, revision) == []


def test_an_edit_inside_an_inline_branch_is_that_edit(tmp_path: Path) -> None:
    revision = base_spec()
    thing(revision)["choice"]["oneOf"][0]["properties"]["x"]["enum"] = ["p", "q"]
    thing(revision)["choice"]["oneOf"][0]["properties"]["z"] = {"type": "string"}
    ids = {c.id for c in diff(tmp_path, base_spec(), revision) if c.operation.startswith("GET")}
    assert ids == {"response-optional-property-added"}  # x got an enum: nothing for a reader


def test_request_format_removed_and_pattern_widened_are_not_errors(tmp_path: Path) -> None:
    base = base_spec()
    thing_in(base)["email"] = {"type": "string", "format": "email"}
    revision = copy.deepcopy(base)
    del thing_in(revision)["email"]["format"]
    thing_in(revision)["name"]["pattern"] = ".*"
    found = {(c.id, c.level) for c in diff(tmp_path, base, revision)
             if c.operation.startswith("POST")}
    assert found == {("request-property-type-generalized", "info"),
                     ("request-property-pattern-generalized", "info")}


def test_nullable_wrapping_in_31_is_only_a_nullability_change(tmp_path: Path) -> None:
    revision = base_spec()
    thing(revision)["choice"] = {"oneOf": [{"type": "null"}, thing(revision)["choice"]]}
    assert {c.id for c in diff(tmp_path, base_spec(), revision)} == {
        "response-property-became-nullable"}


# -- laws --------------------------------------------------------------------------------------

leaf = st.one_of(
    st.fixed_dictionaries({"type": st.sampled_from(["string", "integer", "boolean"])}),
    st.fixed_dictionaries({"type": st.just("string"),
                           "enum": st.lists(st.sampled_from("abcdef"), min_size=1, max_size=4,
                                            unique=True)}),
    st.fixed_dictionaries({"type": st.just("string")},
                          optional={"maxLength": st.integers(1, 9), "format": st.just("date")}),
)
schemas = st.recursive(leaf, lambda inner: st.one_of(
    st.fixed_dictionaries({"type": st.just("object"),
                           "properties": st.dictionaries(st.sampled_from("pqrstu"), inner,
                                                         min_size=1, max_size=4)}),
    st.fixed_dictionaries({"type": st.just("array"), "items": inner}),
    st.fixed_dictionaries({"oneOf": st.lists(inner, min_size=2, max_size=3)}),
), max_leaves=8)


def spec_with(schema: Doc, version: str = "3.1.0") -> Doc:
    return {"openapi": version, "info": {"title": "t", "version": "1"}, "paths": {"/x": {
        "post": {"requestBody": {"content": {"application/json": {"schema": schema}}},
                 "responses": {"200": {"description": "ok", "content": {"application/json": {
                     "schema": schema}}}}}}}}


def shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        keys = list(value)
        rng.shuffle(keys)
        return {k: shuffled(value[k], rng) for k in keys}
    if isinstance(value, list):
        items = [shuffled(v, rng) for v in value]
        return items
    return value


def reorder_branches(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        out = {k: reorder_branches(v, rng) for k, v in value.items()}
        for key in ("oneOf", "anyOf", "enum"):
            if isinstance(out.get(key), list):
                rng.shuffle(out[key])
        return out
    if isinstance(value, list):
        return [reorder_branches(v, rng) for v in value]
    return value


def extract(schema: Doc, components: Doc) -> Doc:
    """Move every object schema into components and refer to it."""
    if not isinstance(schema, dict):
        return schema
    out = {k: ([extract(v, components) for v in val] if k == "oneOf" else
               {n: extract(v, components) for n, v in val.items()} if k == "properties" else
               extract(val, components) if k == "items" else val)
           for k, val in schema.items() for v in [None]}
    if out.get("type") == "object":
        name = f"S{len(components)}"
        components[name] = out
        return {"$ref": f"#/components/schemas/{name}"}
    return out


def to_30(schema: Any) -> Any:
    if isinstance(schema, dict):
        out = {k: to_30(v) for k, v in schema.items()}
        if isinstance(out.get("type"), list):
            out["type"] = next(t for t in out["type"] if t != "null")
            out["nullable"] = True
        return out
    if isinstance(schema, list):
        return [to_30(v) for v in schema]
    return schema


def nullable_31(schema: Any) -> Any:
    if isinstance(schema, dict):
        out = {k: nullable_31(v) for k, v in schema.items()}
        if isinstance(out.get("type"), str) and out["type"] != "object":
            out["type"] = [out["type"], "null"]
        return out
    if isinstance(schema, list):
        return [nullable_31(v) for v in schema]
    return schema


law = settings(max_examples=40, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture])


@law
@given(schemas, st.randoms(use_true_random=False))
def test_laws_of_no_change(tmp_path_factory: Any, schema: Doc, rng: random.Random) -> None:
    tmp = tmp_path_factory.mktemp("law")
    base = spec_with(schema)
    assert diff(tmp, base, copy.deepcopy(base)) == []
    assert diff(tmp, base, shuffled(base, rng)) == []
    assert diff(tmp, base, reorder_branches(base, rng)) == []
    components: Doc = {}
    moved = spec_with(extract(copy.deepcopy(schema), components))
    moved["components"] = {"schemas": components}
    assert diff(tmp, base, moved) == []
    assert {c.id for c in diff(tmp, moved, base)} <= {"api-schema-removed"}
    nullable = nullable_31(schema)
    assert diff(tmp, spec_with(to_30(nullable), "3.0.3"), spec_with(nullable)) == []


def test_an_object_split_into_oneof_alternatives_is_one_change(tmp_path: Path) -> None:
    revision = base_spec()
    schemas = revision["components"]["schemas"]
    whole = schemas.pop("Thing")
    schemas["Thing"] = {"oneOf": [whole, {"type": "object", "properties": {
        "id": {"type": "integer"}, "gone": {"type": "boolean"}}}]}
    found = {(c.id, c.level) for c in diff(tmp_path, base_spec(), revision)}
    assert found == {("response-body-wrapped-in-one-of", "error")}


@pytest.mark.parametrize(("new_name", "rule"), [
    ("application/json; charset=utf-8", "response-media-type-name-changed"),
    ("application/*", "response-media-type-name-generalized"),
])
def test_response_media_type_renamed(tmp_path: Path, new_name: str, rule: str) -> None:
    revision = base_spec()
    content = get_op(revision)["responses"]["200"]["content"]
    content[new_name] = content.pop("application/json")
    assert {c.id for c in diff(tmp_path, base_spec(), revision)} == {rule}


def test_types_inside_json_in_a_form_field_are_json_types(tmp_path: Path) -> None:
    # A form value is text, so a number that becomes a string there is compatible (oasdiff's
    # loose rule); the document inside a contentSchema string is JSON, where it is not.
    def spec(inner: Doc, page: Doc) -> Doc:
        form = {"type": "object", "properties": {"page": page, "msgData": {
            "type": "string", "contentMediaType": "application/json", "contentSchema": {
                "type": "object", "properties": inner}}}}
        return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {
            "/std/service#EXP_RECE_SEARCH_ROUTES": {"post": {
                "requestBody": {"content": {"application/x-www-form-urlencoded": {
                    "schema": form}}},
                "responses": {"200": {"description": "ok"}}}}}}

    base = spec({"trackingNumber": {"type": "array", "items": {"type": "string"}},
                 "parcelQty": {"type": "integer"}}, {"type": "integer"})
    revision = spec({"trackingNumber": {"type": "string"}, "parcelQty": {"type": "string"}},
                    {"type": "string"})
    found = {(c.id, c.level, c.pointer) for c in diff(tmp_path, base, revision)}
    assert found == {
        ("request-property-type-changed", "error", "/msgData⟨json⟩/trackingNumber"),
        ("request-property-type-changed", "error", "/msgData⟨json⟩/parcelQty"),
        ("request-property-type-compatible", "info", "/page"),
    }


def test_types_inside_xml_in_a_form_field_are_text_types(tmp_path: Path) -> None:
    # XML carries only text, read as the schema declares (as form values are): a number that
    # becomes a string inside it is compatible; a property removed is still a change.
    def spec(inner: Doc) -> Doc:
        form = {"type": "object", "properties": {"content": {
            "type": "string", "contentMediaType": "text/xml", "contentSchema": {
                "type": "object", "properties": inner}}}}
        return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {
            "/push": {"post": {
                "requestBody": {"content": {"application/x-www-form-urlencoded": {
                    "schema": form}}},
                "responses": {"200": {"description": "ok"}}}}}}

    base = spec({"opCode": {"type": "integer"}, "mailno": {"type": "string"}})
    revision = spec({"opCode": {"type": "string"}, "mailno": {"type": "integer"}})
    found = {(c.id, c.pointer) for c in diff(tmp_path, base, revision)}
    assert ("request-property-type-compatible", "/content⟨xml⟩/opCode") in found
    assert all(pointer.startswith("/content⟨xml⟩/") for _, pointer in found), found


def test_branches_whose_inner_schemas_moved_to_components_are_no_change(
        tmp_path: Path) -> None:
    # Two alike oneOf branches (lists of objects): the objects inside them move to components.
    item = {"type": "object", "properties": {"p": {"type": "string"}}}
    schema = {"oneOf": [{"type": "array", "items": copy.deepcopy(item)},
                        {"type": "array", "items": copy.deepcopy(item), "maxItems": 3}]}
    components: Doc = {}
    moved = spec_with(extract(copy.deepcopy(schema), components))
    moved["components"] = {"schemas": components}
    assert diff(tmp_path, spec_with(schema), moved) == []
    # an edit made with the move is still that edit, inside its branch
    components["S1"]["properties"]["p"] = {"type": "integer"}
    found = {(c.id, c.level) for c in diff(tmp_path, spec_with(schema), moved)}
    assert ("request-property-type-changed", "error") in found, found
    assert not any("one-of" in rule for rule, _ in found), found
