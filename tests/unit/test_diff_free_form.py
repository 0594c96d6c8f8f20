"""contract diff on a free-form schema (an object that takes any members, or a schema that
takes any value) against an ``anyOf``/``oneOf`` of alternatives, on either side.

The free form is every alternative at once: no phantom branch is removed or added, the
alternatives are reported with the composition's id and graded by meaning (narrowing hurts a
sender, widening a reader), and an alternative the free form never allowed keeps its own level."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seamguard.contracts.diff import Change
from tests.support.spec_diff import diff_docs

Doc = dict[str, Any]

PARCEL = {"type": "object", "required": ["weight"], "properties": {"weight": {"type": "number"}}}
LETTER = {"type": "object", "required": ["pages"], "properties": {"pages": {"type": "integer"}}}
FREE_FORMS = {
    "object": {"type": "object", "description": "carrier-specific extras"},
    "object-any-members": {"type": "object", "additionalProperties": True},
    "object-empty-members": {"type": "object", "additionalProperties": {}, "properties": {},
                             "required": []},
    "any-value": {"description": "anything the carrier sends"},
}
COMPOSED = {
    "oneOf-refs": {"oneOf": [{"$ref": "#/components/schemas/Parcel"},
                             {"$ref": "#/components/schemas/Letter"}]},
    "anyOf-inline": {"anyOf": [PARCEL, LETTER]},
    "oneOf-typed": {"type": "object", "oneOf": [{"$ref": "#/components/schemas/Parcel"},
                                                {"$ref": "#/components/schemas/Letter"}],
                    "discriminator": {"propertyName": "kind"}},
}


def api(schema: Doc, where: str) -> Doc:
    """POST /shipments sends ``schema`` (request) or GET /shipments/{id} answers it
    (response), as the body or as its property ``extras``."""
    side, shape = where.split("-")
    payload = schema if shape == "body" else {"type": "object",
                                              "properties": {"extras": schema}}
    content = {"application/json": {"schema": payload}}
    if side == "request":
        paths: Doc = {"/shipments": {"post": {"requestBody": {"content": content},
                                              "responses": {"201": {"description": "ok"}}}}}
    else:
        paths = {"/shipments/{id}": {"get": {"responses": {"200": {
            "description": "the shipment", "content": content}}}}}
    return {"openapi": "3.0.3", "info": {"title": "carrier", "version": "1"}, "paths": paths,
            "components": {"schemas": {"Parcel": PARCEL, "Letter": LETTER}}}


def run(tmp_path: Path, base: Doc, revision: Doc) -> list[Change]:
    return diff_docs(tmp_path, base, revision, platform="carrier")


WHERE = ["request-body", "request-property", "response-body", "response-property"]


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("free", sorted(FREE_FORMS))
@pytest.mark.parametrize("composed", sorted(COMPOSED))
def test_free_form_to_alternatives_narrows_and_back_widens(
        tmp_path: Path, where: str, free: str, composed: str) -> None:
    side, shape = where.split("-")
    keyword = "anyOf" if "anyOf" in COMPOSED[composed] else "oneOf"
    stem = "any-of" if keyword == "anyOf" else "one-of"
    narrowed = run(tmp_path, api(FREE_FORMS[free], where), api(COMPOSED[composed], where))
    widened = run(tmp_path, api(COMPOSED[composed], where), api(FREE_FORMS[free], where))
    # no phantom alternative: only the composition's alternatives, once, as added / removed
    branch = {c.id for c in narrowed + widened if f"-{stem}-" in c.id}
    assert branch <= {f"{side}-{shape}-{stem}-added", f"{side}-{shape}-{stem}-removed"}
    added = [c for c in narrowed if c.id == f"{side}-{shape}-{stem}-added"]
    removed = [c for c in widened if c.id == f"{side}-{shape}-{stem}-removed"]
    assert len(added) == 1
    assert len(removed) == 1
    assert not [c for c in narrowed if c.id.endswith("-removed")]
    assert not [c for c in widened if c.id.endswith("-added")]
    # a sender is hurt by narrowing, a reader by widening
    assert added[0].level == ("error" if side == "request" else "info")
    assert removed[0].level == ("info" if side == "request" else "error")
    for change in added + removed:
        assert "Parcel" in change.message or "weight" in change.message
    # nothing reported as a property of one alternative added or removed, nor a type change
    assert {c.id for c in narrowed + widened} - branch <= {
        f"{side}-{shape}-discriminator-added", f"{side}-{shape}-discriminator-removed"}


@pytest.mark.parametrize("where", ["request-property", "response-property"])
def test_an_alternative_the_free_object_never_allowed_keeps_its_own_level(
        tmp_path: Path, where: str) -> None:
    side = where.split("-")[0]
    composed = {"oneOf": [{"$ref": "#/components/schemas/Parcel"}, {"type": "string"}]}
    changes = run(tmp_path, api({"type": "object"}, where), api(composed, where))
    by_message = {c.message: (c.id, c.level) for c in changes}
    string_added = [v for m, v in by_message.items() if '"string"' in m]
    # a string where only objects were allowed: oasdiff's level for a new alternative
    assert string_added == [(f"{side}-property-one-of-added",
                             "info" if side == "request" else "error")]
    parcel = [v for m, v in by_message.items() if "Parcel" in m]
    assert parcel == [(f"{side}-property-one-of-added", "error" if side == "request"
                       else "info")]


def test_a_constrained_object_against_alternatives_is_still_paired_branch_by_branch(
        tmp_path: Path) -> None:
    # An object with properties is no free form: it pairs with its best alternative.
    changes = run(tmp_path, api(PARCEL, "response-property"),
                  api(COMPOSED["oneOf-refs"], "response-property"))
    assert {(c.id, c.level) for c in changes} == {("response-property-one-of-added", "error")}
    assert "Letter" in changes[0].message
    assert "Parcel" not in changes[0].message
