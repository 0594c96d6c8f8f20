"""contract diff on a property that several ``allOf`` parts declare.

``allOf: [Base, {properties: {code: {maxLength: 10}}}]`` with ``Base`` saying ``code: {type:
string}`` means ``code: {type: string, maxLength: 10}``; a change in either part is the change of
that merged property (oasdiff's ``--flatten-allof``), whether the other version spells the
object as parts too or as one object."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from seamguard.contracts.diff import Change
from tests.support.spec_diff import diff_docs

Doc = dict[str, Any]

BASE = {"type": "object", "required": ["code"], "properties": {
    "code": {"type": "string"}, "name": {"type": "string"}}}


def api(thing: Doc, base: Doc | None = None) -> Doc:
    """POST /things takes a Thing, GET /things answers one."""
    ref = {"$ref": "#/components/schemas/Thing"}
    return {"openapi": "3.0.3", "info": {"title": "things", "version": "1"}, "paths": {
        "/things": {
            "post": {"requestBody": {"content": {"application/json": {"schema": ref}}},
                     "responses": {"201": {"description": "created"}}},
            "get": {"responses": {"200": {"description": "the thing", "content": {
                "application/json": {"schema": ref}}}}}}},
        "components": {"schemas": {"Base": base or BASE, "Thing": thing}}}


def refined(code: Doc | None, *, required: list[str] | None = None,
            other: bool = False) -> Doc:
    """Thing as ``allOf: [Base, a part that declares code again]``."""
    part: Doc = {"type": "object", "properties": {}}
    if code is not None:
        part["properties"]["code"] = code
    if other:
        part["properties"]["other"] = {"type": "string"}
    if required:
        part["required"] = required
    return {"allOf": [{"$ref": "#/components/schemas/Base"}, part]}


def plain(code: Doc) -> Doc:
    return {"type": "object", "required": ["code"], "properties": {
        "code": code, "name": {"type": "string"}}}


def run(tmp_path: Path, base: Doc, revision: Doc) -> list[Change]:
    return diff_docs(tmp_path, base, revision, platform="things")


def found(changes: list[Change]) -> set[tuple[str, str, str, str | None]]:
    return {(c.id, c.level, c.operation, c.pointer) for c in changes}


def test_one_object_rewritten_as_a_base_and_a_refining_part_is_no_change(
        tmp_path: Path) -> None:
    whole = api(plain({"type": "string", "maxLength": 10}))
    parts = api(refined({"maxLength": 10}))
    assert run(tmp_path, whole, parts) == []
    assert run(tmp_path, parts, whole) == []


def test_a_bound_changed_with_the_rewrite_is_that_bound(tmp_path: Path) -> None:
    changes = run(tmp_path, api(plain({"type": "string", "maxLength": 10})),
                  api(refined({"maxLength": 5})))
    assert found(changes) == {
        ("request-property-max-length-decreased", "error", "POST /things", "/code")}


def test_a_refinement_dropped_from_its_part_is_the_bound_unset(tmp_path: Path) -> None:
    changes = run(tmp_path, api(refined({"maxLength": 10}, other=True)),
                  api(refined(None, other=True)))
    # Not "code removed": Base still declares it; only the part's maxLength went.
    assert found(changes) == {
        ("response-property-max-length-unset", "error", "GET /things", "/code"),
        ("request-property-max-length-unset", "info", "POST /things", "/code")}


def test_a_refinement_added_in_a_part_narrows_the_property(tmp_path: Path) -> None:
    changes = run(tmp_path, api(refined(None, other=True)),
                  api(refined({"format": "date"}, other=True)))
    assert found(changes) == {
        ("request-property-type-changed", "error", "POST /things", "/code"),
        ("response-property-type-specialized", "info", "GET /things", "/code")}
    assert all("format none → date" in c.message for c in changes)


def test_a_type_spelled_out_in_the_refining_part_is_no_change(tmp_path: Path) -> None:
    assert run(tmp_path, api(refined({"maxLength": 10})),
               api(refined({"type": "string", "maxLength": 10}))) == []


def test_a_change_in_the_base_is_seen_through_the_refinement(tmp_path: Path) -> None:
    base = copy.deepcopy(BASE)
    base["properties"]["code"]["type"] = "integer"
    changes = run(tmp_path, api(refined({"maxLength": 10})), api(refined({"maxLength": 10}),
                                                                 base))
    assert found(changes) == {
        ("request-property-type-changed", "error", "POST /things", "/code"),
        ("response-property-type-changed", "error", "GET /things", "/code")}


def test_a_part_that_requires_a_property_of_another_part(tmp_path: Path) -> None:
    changes = run(tmp_path, api(refined({"maxLength": 10})),
                  api(refined({"maxLength": 10}, required=["name"])))
    assert found(changes) == {
        ("request-property-became-required", "error", "POST /things", "/name"),
        ("response-property-became-required", "info", "GET /things", "/name")}


def test_enum_values_are_those_every_part_allows(tmp_path: Path) -> None:
    base = {"type": "object", "properties": {
        "status": {"type": "string", "enum": ["open", "paid", "void"]}}}

    def thing(values: list[str]) -> Doc:
        return {"allOf": [{"$ref": "#/components/schemas/Base"}, {
            "type": "object", "properties": {"status": {"enum": values}}}]}

    changes = run(tmp_path, api(thing(["open", "paid"]), base),
                  api(thing(["open", "paid", "void"]), base))
    assert found(changes) == {
        ("request-property-enum-value-added", "info", "POST /things", "/status"),
        ("response-property-enum-value-added", "warning", "GET /things", "/status")}
    # A value one part adds that another part does not allow is no value at all.
    assert run(tmp_path, api(thing(["open", "paid"]), base),
               api(thing(["open", "paid", "lost"]), base)) == []


@pytest.mark.parametrize(("nullable_in", "reported"), [
    # every part that gives a type allows null: the merged property may be null
    ({"base", "part"}, True),
    # one part still refuses null: no value of the property may be null
    ({"part"}, False),
])
def test_a_property_is_nullable_only_when_every_typed_part_allows_null(
        tmp_path: Path, nullable_in: set[str], reported: bool) -> None:
    base = copy.deepcopy(BASE)
    revision_base = copy.deepcopy(BASE)
    if "base" in nullable_in:
        revision_base["properties"]["code"]["nullable"] = True
    part = {"type": "string", "maxLength": 10}
    revised_part = {**part, "nullable": True} if "part" in nullable_in else part
    changes = run(tmp_path, api(refined(part), base), api(refined(revised_part), revision_base))
    nullable = {c.id for c in changes if "nullable" in c.id}
    assert nullable == ({"request-property-became-nullable", "response-property-became-nullable"}
                        if reported else set())


def test_parts_that_say_different_things_of_one_keyword_keep_the_all_of_rules(
        tmp_path: Path) -> None:
    # Two patterns are no one pattern: the object is not merged, so the rewrite is reported.
    base = copy.deepcopy(BASE)
    base["properties"]["code"]["pattern"] = "^[A-Z]+$"
    changes = run(tmp_path, api(plain({"type": "string", "pattern": "^[A-Z]+$"}), base),
                  api(refined({"pattern": "^.{1,3}$"}), base))
    assert ("request-body-all-of-added", "error") in {(c.id, c.level) for c in changes}


def test_a_base_reused_with_a_narrower_member_schema_and_open_members(tmp_path: Path) -> None:
    # Account → allOf [Account, {balance: $ref FundBalance}] where FundBalance is allOf
    # [Balance, {margin}]: every part says `additionalProperties: true` (the default spelled
    # out). The object is Account whose balance gained `margin`, nothing more.
    balance = {"type": "object", "additionalProperties": True, "required": ["current"],
               "properties": {"current": {"type": "number"}}}
    account = {"type": "object", "additionalProperties": True, "required": ["id", "balance"],
               "properties": {"id": {"type": "string"},
                              "balance": {"$ref": "#/components/schemas/Balance"}}}
    fund_balance = {"allOf": [{"$ref": "#/components/schemas/Balance"}, {
        "type": "object", "additionalProperties": True, "required": ["margin"],
        "properties": {"margin": {"type": "number", "nullable": True}}}]}
    fund = {"allOf": [{"$ref": "#/components/schemas/Base"}, {
        "type": "object", "additionalProperties": True, "required": ["balance"],
        "properties": {"balance": {"$ref": "#/components/schemas/FundBalance"}}}]}
    old = api({"$ref": "#/components/schemas/Base"}, account)
    old["components"]["schemas"]["Balance"] = balance
    new = api(fund, account)
    new["components"]["schemas"].update(Balance=balance, FundBalance=fund_balance)
    changes = run(tmp_path, old, new)
    assert found(changes) == {
        ("response-required-property-added", "info", "GET /things", "/balance/margin"),
        ("new-required-request-property", "error", "POST /things", "/balance/margin")}
