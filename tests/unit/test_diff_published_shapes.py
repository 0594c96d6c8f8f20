"""contract diff on the shapes of change found in consecutive versions of published specs.

Each pair is small and written here in the shape the published change had (a split spec whose
operations live in files of their own, an object rewritten as ``allOf`` parts whose properties
are 3.1 ``$ref``s with a description beside them); the expected ids and levels are oasdiff's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from seamguard.contracts.diff import Change, diff_contracts, load_spec

Doc = dict[str, Any]


def write(folder: Path, files: dict[str, Doc]) -> Path:
    for name, doc in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(doc) if name.endswith(".yaml") else json.dumps(doc),
                        encoding="utf-8")
    return folder / next(iter(files))


def run(tmp_path: Path, base: dict[str, Doc], revision: dict[str, Doc]) -> list[Change]:
    sides = []
    for name, files in (("old", base), ("new", revision)):
        folder = tmp_path / name
        sides.append(load_spec(write(folder, files), platform="cloud", version=name))
    return diff_contracts(sides[0], sides[1])


def found(changes: list[Change]) -> set[tuple[str, str, str]]:
    return {(c.id, c.level, c.operation) for c in changes}


# -- a split spec: each operation is a $ref to a file of its own --------------------------------

def split_spec(cluster_props: Doc) -> dict[str, Doc]:
    entry = {"openapi": "3.0.0", "info": {"title": "cloud", "version": "2"}, "paths": {
        "/v2/clusters": {"get": {"$ref": "ops/list_clusters.yaml"},
                         "post": {"$ref": "ops/create_cluster.yaml"}}}}
    listing = {"operationId": "list_clusters", "responses": {"200": {
        "description": "the clusters", "content": {"application/json": {"schema": {
            "type": "object", "properties": {"clusters": {
                "type": "array", "items": {"$ref": "../models/cluster.yaml"}}}}}}}}}
    create = {"operationId": "create_cluster", "requestBody": {"content": {"application/json": {
        "schema": {"$ref": "../models/cluster.yaml"}}}},
        "responses": {"201": {"description": "created"}}}
    cluster = {"type": "object", "required": ["name"], "properties": {
        "name": {"type": "string"}, **cluster_props}}
    return {"openapi.yaml": entry, "ops/list_clusters.yaml": listing,
            "ops/create_cluster.yaml": create, "models/cluster.yaml": cluster}


def test_a_property_added_in_a_split_spec_is_seen_through_operation_refs(tmp_path: Path) -> None:
    flag = {"private_workers": {"type": "boolean", "default": False}}
    changes = run(tmp_path, split_spec({}), split_spec(flag))
    assert found(changes) == {
        ("response-optional-property-added", "info", "GET /v2/clusters"),
        ("new-optional-request-property", "info", "POST /v2/clusters")}
    assert {c.field for c in changes} == {"clusters[].private_workers", "private_workers"}


def test_a_narrowing_in_a_split_spec_breaks_the_caller(tmp_path: Path) -> None:
    before = {"region": {"type": "string", "maxLength": 64}}
    after = {"region": {"type": "string", "maxLength": 16}}
    changes = run(tmp_path, split_spec(before), split_spec(after))
    assert ("request-property-max-length-decreased", "error", "POST /v2/clusters") in found(
        changes)


def test_an_unchanged_split_spec_reports_nothing(tmp_path: Path) -> None:
    props = {"region": {"type": "string", "enum": ["nyc1", "ams3"]}}
    assert run(tmp_path, split_spec(props), split_spec(props)) == []


def test_operation_files_resolve_their_own_relative_refs_and_path_item_parameters(
        tmp_path: Path) -> None:
    def spec(required: bool) -> dict[str, Doc]:
        files = split_spec({})
        files["openapi.yaml"]["paths"]["/v2/clusters"]["parameters"] = [
            {"$ref": "#/components/parameters/Page"}]
        files["openapi.yaml"]["components"] = {"parameters": {"Page": {
            "name": "page", "in": "query", "required": required, "schema": {"type": "integer"}}}}
        return files

    changes = run(tmp_path, spec(False), spec(True))
    assert found(changes) == {
        ("request-parameter-became-required", "error", "GET /v2/clusters"),
        ("request-parameter-became-required", "error", "POST /v2/clusters")}


# -- an object rewritten as allOf parts, its properties 3.1 $refs with a description ----------

def museum(ticket: Doc, schemas: Doc) -> dict[str, Doc]:
    return {"openapi.yaml": {
        "openapi": "3.1.0", "info": {"title": "museum", "version": "1"},
        "paths": {"/tickets": {"post": {"responses": {"201": {
            "description": "bought", "content": {"application/json": {"schema": ticket}}}}}}},
        "components": {"schemas": {"Day": {"type": "string", "format": "date"}, **schemas}}}}


DAY = {"description": "the day the ticket is valid", "$ref": "#/components/schemas/Day"}


def test_allof_parts_with_described_refs_merge_without_a_type_change(tmp_path: Path) -> None:
    flat = {"type": "object", "required": ["day"], "properties": {
        "day": DAY, "code": {"type": "string"}}}
    parts = {"allOf": [{"$ref": "#/components/schemas/Ticket"},
                       {"type": "object", "properties": {"code": {"type": "string"}}}]}
    ticket = {"type": "object", "required": ["day"], "properties": {"day": DAY}}
    changes = run(tmp_path, museum(flat, {}), museum(parts, {"Ticket": ticket}))
    assert changes == []


def test_a_real_change_inside_a_described_ref_is_still_reported(tmp_path: Path) -> None:
    flat = {"type": "object", "properties": {"day": DAY}}
    parts = {"allOf": [{"$ref": "#/components/schemas/Ticket"},
                       {"type": "object", "properties": {"code": {"type": "string"}}}]}
    ticket = {"type": "object", "properties": {"day": {
        "description": "now a timestamp", "$ref": "#/components/schemas/Stamp"}}}
    stamp = {"type": "integer"}
    changes = run(tmp_path, museum(flat, {}),
                  museum(parts, {"Ticket": ticket, "Stamp": stamp}))
    assert ("response-property-type-changed", "error", "POST /tickets") in found(changes)


# -- edits that change no payload: wording, examples, key order, a header's case --------------

def test_wording_examples_key_order_and_header_case_report_nothing(tmp_path: Path) -> None:
    def spec(edited: bool) -> dict[str, Doc]:
        files = split_spec({"region": {"type": "string", "enum": ["nyc1", "ams3"]}})
        listing = files["ops/list_clusters.yaml"]
        listing["parameters"] = [{"name": "X-Request-Id" if edited else "x-request-id",
                                  "in": "header", "schema": {"type": "string"}}]
        if edited:
            listing.update(summary="List every cluster", description="Now with paging notes.",
                           **{"x-codegen": {"name": "list"}})
            cluster = files["models/cluster.yaml"]
            cluster.update(title="Cluster", example={"name": "prod-01", "region": "nyc1"})
            cluster["properties"] = dict(reversed(list(cluster["properties"].items())))
            cluster["properties"]["region"]["description"] = "Where the cluster runs."
        return files

    assert run(tmp_path, spec(False), spec(True)) == []


# -- allOf rewrites: one part beside `type: object`, extensions, parts merged -----------------

def signer_api(signer: Doc, schemas: Doc | None = None) -> dict[str, Doc]:
    return {"openapi.json": {
        "openapi": "3.0.2", "info": {"title": "files", "version": "1"},
        "paths": {"/templates": {"get": {"responses": {"200": {
            "description": "the templates", "content": {"application/json": {"schema": {
                "type": "array", "items": {"$ref": "#/components/schemas/Signer"}}}}}}},
            "post": {"requestBody": {"content": {"application/json": {"schema": {
                "$ref": "#/components/schemas/Signer"}}}},
                "responses": {"201": {"description": "created"}}}}},
        "components": {"schemas": {"Signer": signer, **(schemas or {})}}}}


SIGNER_PROPS = {"email": {"type": "string", "nullable": True},
                "role": {"type": "string", "enum": ["signer", "approver"]}}


def test_type_object_beside_a_one_part_allof_is_that_object(tmp_path: Path) -> None:
    wrapped = {"type": "object", "description": "a signer",
               "allOf": [{"properties": SIGNER_PROPS}]}
    flat = {"type": "object", "description": "a signer", "properties": SIGNER_PROPS}
    assert run(tmp_path, signer_api(wrapped), signer_api(flat)) == []


def test_an_extension_beside_allof_parts_does_not_stop_the_merge(tmp_path: Path) -> None:
    parts = {"type": "object", "x-resource-id": "signer", "required": ["role"], "allOf": [
        {"properties": {"email": SIGNER_PROPS["email"]}},
        {"type": "object", "properties": {"role": SIGNER_PROPS["role"]}}]}
    flat = {"type": "object", "x-resource-id": "signer", "required": ["role", "email"],
            "properties": SIGNER_PROPS}
    changes = run(tmp_path, signer_api(parts), signer_api(flat))
    assert found(changes) == {("request-property-became-required", "error", "POST /templates"),
                              ("response-property-became-required", "info", "GET /templates")}


def test_allof_parts_merged_into_fewer_parts_report_only_what_changed(tmp_path: Path) -> None:
    base_ref = {"$ref": "#/components/schemas/Base"}
    base = {"type": "object", "properties": {"id": {"type": "string"}}}
    three = {"type": "object", "allOf": [
        base_ref, {"properties": {"email": SIGNER_PROPS["email"]}},
        {"type": "object", "properties": {"role": SIGNER_PROPS["role"]}}]}
    two = {"type": "object", "allOf": [base_ref, {"properties": SIGNER_PROPS}]}
    assert run(tmp_path, signer_api(three, {"Base": base}),
               signer_api(two, {"Base": base})) == []
    narrowed = {"type": "object", "allOf": [base_ref, {"properties": {
        **SIGNER_PROPS, "role": {"type": "string", "enum": ["signer"]}}}]}
    changes = run(tmp_path, signer_api(three, {"Base": base}),
                  signer_api(narrowed, {"Base": base}))
    assert found(changes) == {
        ("request-property-enum-value-removed", "error", "POST /templates"),
        ("response-property-enum-value-removed", "info", "GET /templates")}


# -- a oneOf moved from an inline allOf part to a named component -----------------------------

ITEM_SCHEMAS = {
    "File": {"type": "object", "properties": {"id": {"type": "string"}, "size": {
        "type": "integer"}}},
    "Folder": {"type": "object", "properties": {"id": {"type": "string"}, "children": {
        "type": "integer"}}}}
INLINE_ONE_OF = {"oneOf": [{"$ref": "#/components/schemas/File"},
                           {"$ref": "#/components/schemas/Folder"}]}


def item_api(item: Doc, schemas: Doc) -> dict[str, Doc]:
    holder = {"type": "object", "properties": {"item": item}}
    return signer_api(holder, {**ITEM_SCHEMAS, **schemas})


def test_a_oneof_moved_to_a_component_that_adds_type_object_is_no_change(tmp_path: Path) -> None:
    # allOf: [inline oneOf, description] → allOf: [$ref to {type: object, oneOf reordered}]
    before = {"allOf": [INLINE_ONE_OF, {"description": "a file or a folder"}]}
    after = {"allOf": [{"$ref": "#/components/schemas/Item"},
                       {"description": "a file or a folder"}]}
    item = {"type": "object", "title": "Item", "oneOf": list(reversed(INLINE_ONE_OF["oneOf"]))}
    assert run(tmp_path, item_api(before, {}), item_api(after, {"Item": item})) == []


def test_a_described_allof_rewritten_as_a_plain_oneof_is_no_change(tmp_path: Path) -> None:
    before = {"allOf": [INLINE_ONE_OF, {"description": "a file or a folder"}]}
    after = {"$ref": "#/components/schemas/Item"}
    item = {"type": "object", "description": "a file or a folder", **INLINE_ONE_OF}
    assert run(tmp_path, item_api(before, {}), item_api(after, {"Item": item})) == []
    web_link = {"type": "object", "properties": {"url": {"type": "string"}}}
    widened = {**item, "oneOf": [*INLINE_ONE_OF["oneOf"], {"$ref": "#/components/schemas/Link"}]}
    changes = run(tmp_path, item_api(before, {}),
                  item_api(after, {"Item": widened, "Link": web_link}))
    assert found(changes) == {("response-property-one-of-added", "error", "GET /templates"),
                              ("request-property-one-of-added", "info", "POST /templates")}


def test_type_object_beside_a_oneof_of_objects_is_no_type_change(tmp_path: Path) -> None:
    before = {"$ref": "#/components/schemas/Item"}
    untyped = dict(INLINE_ONE_OF)
    typed = {"type": "object", **INLINE_ONE_OF}
    assert run(tmp_path, item_api(before, {"Item": untyped}),
               item_api(before, {"Item": typed})) == []
    mixed = {"oneOf": [*INLINE_ONE_OF["oneOf"], {"type": "string"}]}
    changes = run(tmp_path, item_api(before, {"Item": mixed}), item_api(before, {"Item": typed}))
    assert ("request-property-one-of-removed", "error", "POST /templates") in found(changes)


def test_a_public_operation_that_now_needs_a_key_says_anonymous_calls_are_refused(
        tmp_path: Path) -> None:
    def spec(secured: bool) -> dict[str, Doc]:
        files = split_spec({})
        entry = files["openapi.yaml"]
        entry["components"] = {"securitySchemes": {"key": {
            "type": "apiKey", "in": "header", "name": "X-Key"}}}
        if secured:
            entry["security"] = [{"key": []}]
        return files

    changes = run(tmp_path, spec(False), spec(True))
    assert found(changes) == {("api-security-tightened", "error", "GET /v2/clusters"),
                              ("api-security-tightened", "error", "POST /v2/clusters"),
                              ("api-global-security-added", "info", "")}
    tightened = next(c for c in changes if c.id == "api-security-tightened")
    assert "no longer accepted: no authentication" in tightened.message


def test_a_property_moved_from_a_shared_part_into_the_inline_part_is_no_change(
        tmp_path: Path) -> None:
    shared_ref = {"$ref": "#/components/schemas/Shared"}
    tier = {"type": "string", "enum": ["auto", "flex"]}

    def spec(moved: bool, tiers: list[str]) -> dict[str, Doc]:
        shared = {"type": "object", "properties": {"user": {"type": "string"}}}
        inline: Doc = {"type": "object", "properties": {"email": {"type": "string"}}}
        (inline if moved else shared)["properties"]["tier"] = {**tier, "enum": tiers}
        return signer_api({"allOf": [shared_ref, inline]}, {"Shared": shared})

    assert run(tmp_path, spec(False, ["auto", "flex"]), spec(True, ["auto", "flex"])) == []
    changes = run(tmp_path, spec(False, ["auto", "flex"]), spec(True, ["auto", "flex", "fast"]))
    assert found(changes) == {
        ("response-property-enum-value-added", "warning", "GET /templates"),
        ("request-property-enum-value-added", "info", "POST /templates")}


# -- an alternative dropped beside a $ref to a oneOf -----------------------------------------

def test_a_string_alternative_dropped_beside_a_ref_to_a_oneof_is_only_that_removal(
        tmp_path: Path) -> None:
    # anyOf: [string, Error, null] → anyOf: [Error, null], Error itself a oneOf with a
    # discriminator: the string alternative went; Error is the same alternative as before.
    error = {"oneOf": INLINE_ONE_OF["oneOf"], "discriminator": {"propertyName": "kind"}}
    error_ref = {"$ref": "#/components/schemas/Error"}
    before = {"anyOf": [{"type": "string"}, error_ref, {"type": "null"}]}
    after = {"anyOf": [error_ref, {"type": "null"}]}
    changes = run(tmp_path, item_api(before, {"Error": error}), item_api(after, {"Error": error}))
    assert found(changes) == {("request-property-any-of-removed", "error", "POST /templates"),
                              ("response-property-any-of-removed", "info", "GET /templates")}
    assert all('{"type": "string"}' in c.message for c in changes)
    # the alternatives are written in the property, not in the shared Error it pairs with
    assert not [c for c in changes if c.component.endswith("/schemas/Error")]
    # and back: the string alternative is added, nothing else
    changes = run(tmp_path, item_api(after, {"Error": error}), item_api(before, {"Error": error}))
    assert found(changes) == {("request-property-any-of-added", "info", "POST /templates"),
                              ("response-property-any-of-added", "info", "GET /templates")}


# -- 3.0's nullable $ref moved into an allOf part ---------------------------------------------

def test_a_nullable_ref_rewritten_as_an_allof_with_a_nullable_part_is_no_change(
        tmp_path: Path) -> None:
    # {$ref: File, nullable: true} → allOf: [{$ref: File}, {nullable: true}]: both spell a File
    # that may be null.
    file_ref = {"$ref": "#/components/schemas/File"}
    beside = {**file_ref, "nullable": True}
    in_part = {"allOf": [file_ref, {"nullable": True}]}
    assert run(tmp_path, item_api(beside, {}), item_api(in_part, {})) == []
    assert run(tmp_path, item_api(in_part, {}), item_api(beside, {})) == []
    # from a plain $ref it is the property that became nullable, not the shared File
    changes = run(tmp_path, item_api(file_ref, {}), item_api(in_part, {}))
    assert found(changes) == {("response-property-became-nullable", "error", "GET /templates"),
                              ("request-property-became-nullable", "info", "POST /templates")}
    assert {c.component for c in changes} == {
        "#/components/schemas/Signer/properties/item"}


# -- an object or list that names its kind only through its keywords ---------------------------

def wallet(entry: Doc, components: Doc) -> dict[str, Doc]:
    """POST /payments takes `splits` (a list of `entry`) and answers it back."""
    body = {"type": "object", "properties": {"splits": {"type": "array", "items": entry}}}
    return {"openapi.json": {
        "openapi": "3.0.1", "info": {"title": "wallet", "version": "71"},
        "paths": {"/payments": {"post": {
            "requestBody": {"content": {"application/json": {"schema": body}}},
            "responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": body}}}}}}},
        "components": {"schemas": components}}}


SPLIT = {"type": "object", "properties": {"amount": {"type": "integer"}}}


def test_type_object_written_beside_properties_is_no_type_change(tmp_path: Path) -> None:
    # `{properties: …}` without `type` is an object: naming its type changes nothing
    untyped = {"properties": {"amount": {"type": "integer"}}}
    assert run(tmp_path, wallet(untyped, {}), wallet(SPLIT, {})) == []
    assert run(tmp_path, wallet(SPLIT, {}), wallet(untyped, {})) == []
    listed = {"items": {"type": "string"}}
    assert run(tmp_path, wallet({"properties": {"tags": listed}}, {}),
               wallet({"properties": {"tags": {"type": "array", **listed}}}, {})) == []


def test_a_wrapper_object_replaced_by_what_it_wrapped_is_a_shape_change_not_a_type_change(
        tmp_path: Path) -> None:
    # items {Split: {$ref: Split}} (no type) → items {$ref: Split} (type object, closed)
    closed = {**SPLIT, "additionalProperties": False}
    base = wallet({"$ref": "#/components/schemas/Wrapper"}, {
        "Wrapper": {"properties": {"Split": {"$ref": "#/components/schemas/Split"}}},
        "Split": closed})
    revision = wallet({"$ref": "#/components/schemas/Split"}, {"Split": closed})
    ids = {(c.id, c.level) for c in run(tmp_path, base, revision)}
    assert not {i for i in ids if "type" in i[0]}
    assert ("request-additional-properties-disallowed", "error") in ids
    assert ("request-property-removed", "warning") in ids
    assert ("response-optional-property-removed", "warning") in ids
    assert ("new-optional-request-property", "info") in ids


@pytest.mark.parametrize("nullable", [False, True])
def test_a_ref_described_by_a_part_that_restates_its_type_is_that_ref(
        tmp_path: Path, nullable: bool) -> None:
    # purpose: {$ref: Purpose} ↔ {allOf: [{$ref: Purpose}, {type: string, description: …}]}
    purpose = {"type": "string", "enum": ["CREDIT_REVIEW", "TENANT_SCREENING"]}
    note: Doc = {"type": "string", "description": "why the report is made"}
    if nullable:
        note["nullable"] = True
    described = {"allOf": [{"$ref": "#/components/schemas/Purpose"}, note]}
    plain = {"$ref": "#/components/schemas/Purpose"}
    for old, new in ((plain, described), (described, plain)):
        changes = run(tmp_path, wallet({"properties": {"purpose": old}}, {"Purpose": purpose}),
                      wallet({"properties": {"purpose": new}}, {"Purpose": purpose}))
        expected = set()
        if nullable:
            grow = new is described
            expected = {("request-property-became-nullable" if grow
                         else "request-property-became-not-nullable"),
                        ("response-property-became-nullable" if grow
                         else "response-property-became-not-nullable")}
        assert {c.id for c in changes} == expected
    # a part that says more than the type is no description
    narrowed = {"allOf": [plain, {"type": "string", "maxLength": 8}]}
    changes = run(tmp_path, wallet({"properties": {"purpose": plain}}, {"Purpose": purpose}),
                  wallet({"properties": {"purpose": narrowed}}, {"Purpose": purpose}))
    assert changes
