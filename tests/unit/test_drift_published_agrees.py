"""The nightly published-spec check reports what ``contract diff`` reports for the same pair.

Each pair is a shape of change read wrong by ``contract diff`` once (a property two allOf parts
declare, an alternative dropped beside a ``$ref`` to a oneOf, a nullable ``$ref`` moved into an
allOf part, a ``minLength`` written where there was none); the pinned contract is the base, the
published spec the revision, and the findings must be the diff's changes, one for one."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from seamguard.contracts.diff import diff_contracts, load_spec
from seamguard.drift.impact import ImpactIndex
from seamguard.drift.published import check_published
from seamguard.project import find_project
from tests.support.projects import mini_project

Doc = dict[str, Any]
URL = "https://specs.example.com/shop/openapi.json"
SETTINGS = f"""
[tool.seamguard]

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{{version}}"
published_spec = {{ url = "{URL}", timeout = 1 }}
"""
NOW = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
BASE = {"type": "object", "required": ["code"], "properties": {
    "code": {"type": "string"}, "name": {"type": "string"}}}
REF = {"$ref": "#/components/schemas/Error"}
ERROR = {"oneOf": [{"$ref": "#/components/schemas/Base"}], "discriminator": {
    "propertyName": "code"}}


def api(thing: Doc, *, version: str = "3.1.0") -> Doc:
    ref = {"$ref": "#/components/schemas/Thing"}
    return {"openapi": version, "info": {"title": "shop", "version": "1"}, "paths": {
        "/orders/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": True,
                                                 "schema": {"type": "string"}}],
                                 "responses": {"200": {"description": "the order", "content": {
                                     "application/json": {"schema": ref}}}}}},
        "/orders": {"post": {"requestBody": {"content": {"application/json": {"schema": ref}}},
                             "responses": {"201": {"description": "created"}}}}},
        "components": {"schemas": {"Base": BASE, "Error": ERROR, "Thing": thing}}}


def refined(code: Doc | None) -> Doc:
    part: Doc = {"type": "object", "properties": {"note": {"type": "string"}}}
    if code is not None:
        part["properties"]["code"] = code
    return {"allOf": [{"$ref": "#/components/schemas/Base"}, part]}


def holder(prop: Doc) -> Doc:
    return {"type": "object", "properties": {"error": prop}}


PAIRS = {
    "a refinement dropped from its allOf part": (api(refined({"maxLength": 10})),
                                                 api(refined(None))),
    "an allOf object rewritten as one": (
        api(refined({"maxLength": 10})),
        api({"type": "object", "required": ["code"], "properties": {
            "code": {"type": "string", "maxLength": 5}, "name": {"type": "string"},
            "note": {"type": "string"}}})),
    "an alternative dropped beside a $ref to a oneOf": (
        api(holder({"anyOf": [{"type": "string"}, REF, {"type": "null"}]})),
        api(holder({"anyOf": [REF, {"type": "null"}]}))),
    "a nullable $ref moved into an allOf part": (
        api(holder({**REF, "nullable": True}), version="3.0.3"),
        api(holder({"allOf": [REF, {"nullable": True}]}), version="3.0.3")),
    "a minLength written where there was none": (
        api(holder({"type": "string"})), api(holder({"type": "string", "minLength": 2}))),
}


@pytest.mark.parametrize("name", list(PAIRS))
def test_drift_reports_what_contract_diff_reports(tmp_path: Path, name: str) -> None:
    pinned, published = (copy.deepcopy(doc) for doc in PAIRS[name])
    root = mini_project(tmp_path / "p", settings=SETTINGS)
    (root / "contracts" / "shop" / "v1" / "openapi.yaml").write_text(
        json.dumps(pinned), encoding="utf-8")  # JSON is YAML
    project = find_project(root, explicit=True)
    router = respx.Router()
    router.get(URL).mock(return_value=httpx.Response(200, json=published))
    findings = check_published(project, "shop", project.settings.platforms["shop"],
                               ImpactIndex.for_project(project), NOW,
                               transport=httpx.MockTransport(router.handler),
                               sleep=lambda _: None)
    reported = {(f.code, f.severity.value, f.location.operation, f.location.pointer)
                for f in findings if f.code.startswith("spec.")}

    (tmp_path / "published.json").write_text(json.dumps(published), encoding="utf-8")
    changes = diff_contracts(
        load_spec(root / "contracts" / "shop" / "v1" / "openapi.yaml", platform="shop",
                  version="v1"),
        load_spec(tmp_path / "published.json", platform="shop", version="published"))
    expected = {(f"spec.{c.id}", c.level, c.operation, c.path) for c in changes}
    assert reported == expected
    # and the diff itself is what the shape means (no false removals, no misses)
    if name == "a nullable $ref moved into an allOf part":
        assert changes == []
    else:
        assert changes
        assert not any(c.id.endswith(("-property-removed", "-one-of-added")) for c in changes)


def test_a_published_spec_contract_diff_refuses_is_unparseable_for_drift(tmp_path: Path) -> None:
    pinned = api(holder({"type": "string"}))
    published = api(holder({"type": "string"}))
    published["components"]["schemas"]["Base"] = {"type": "object", "properties": "code"}
    root = mini_project(tmp_path / "p", settings=SETTINGS)
    (root / "contracts" / "shop" / "v1" / "openapi.yaml").write_text(
        json.dumps(pinned), encoding="utf-8")
    project = find_project(root, explicit=True)
    router = respx.Router()
    router.get(URL).mock(return_value=httpx.Response(200, json=published))
    findings = check_published(project, "shop", project.settings.platforms["shop"],
                               ImpactIndex.for_project(project), NOW,
                               transport=httpx.MockTransport(router.handler),
                               sleep=lambda _: None)
    [finding] = findings
    assert finding.code == "drift.spec-unparseable"
    assert "/components/schemas/Base/properties must be a mapping of schemas" in finding.message
