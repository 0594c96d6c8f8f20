"""contract diff on composition rewrites seen in published spec histories: a schema that becomes
one alternative of an ``anyOf``/``oneOf`` (an id that may now be the expanded object), one-branch
wrappers around a ``$ref``, bounds replaced by an enum, file parts gaining ``format: binary``.

Each pair is small and written here; the laws at the end run over generated schemas."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.contracts.diff import Change
from tests.support.spec_diff import diff_docs

Doc = dict[str, Any]

REF_CARD = {"$ref": "#/components/schemas/Card"}
CARD = {"type": "object", "required": ["id", "last4"], "properties": {
    "id": {"type": "string"}, "last4": {"type": "string", "maxLength": 4}}}


def api(order_props: Doc, *, form: Doc | None = None, body: Doc | None = None,
        extra: Doc | None = None) -> Doc:
    """A small API: GET /orders/{id} answers an Order; POST /orders takes ``form`` (urlencoded)
    or ``body`` (multipart)."""
    post_content: Doc = {}
    if form is not None:
        post_content["application/x-www-form-urlencoded"] = {"schema": {
            "type": "object", "properties": form}}
    if body is not None:
        post_content["multipart/form-data"] = {"schema": {"type": "object", "properties": body}}
    paths: Doc = {"/orders/{id}": {"get": {"responses": {"200": {
        "description": "the order", "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Order"}}}}}}}}
    if post_content:
        paths["/orders"] = {"post": {"requestBody": {"content": post_content},
                                     "responses": {"200": {"description": "ok"}}}}
    schemas: Doc = {"Order": {"type": "object", "required": ["id"],
                              "properties": {"id": {"type": "string"}, **order_props}},
                    "Card": CARD, **(extra or {})}
    return {"openapi": "3.0.3", "info": {"title": "shop", "version": "1"}, "paths": paths,
            "components": {"schemas": schemas}}


def run(tmp_path: Path, base: Doc, revision: Doc, **kwargs: Any) -> list[Change]:
    return diff_docs(tmp_path, base, revision, platform="shop", **kwargs)


def found(changes: list[Change]) -> set[tuple[str, str]]:
    return {(c.id, c.level) for c in changes}


# -- a schema that becomes one alternative ----------------------------------------------------


def test_an_id_that_may_now_be_the_expanded_object_is_one_alternative_added(
        tmp_path: Path) -> None:
    base = api({"card": {"type": "string", "maxLength": 5000, "description": "card id"}})
    revision = api({"card": {"description": "card id, or the card when expanded",
                             "anyOf": [{"type": "string", "maxLength": 5000}, REF_CARD]}})
    changes = run(tmp_path, base, revision)
    assert found(changes) == {("response-property-any-of-added", "info")}
    assert changes[0].pointer == "/card"
    assert "Card" in changes[0].message


@pytest.mark.parametrize(("form", "expected"), [
    (False, ("response-property-one-of-added", "error")),
    (True, ("request-property-one-of-added", "info")),
])
def test_an_object_property_that_may_now_be_another_one_of_alternative(
        tmp_path: Path, form: bool, expected: tuple[str, str]) -> None:
    after = {"oneOf": [REF_CARD, {"type": "string", "maxLength": 5000}]}
    if form:
        base, revision = api({}, form={"card": REF_CARD}), api({}, form={"card": after})
    else:
        base, revision = api({"card": REF_CARD}), api({"card": after})
    changes = run(tmp_path, base, revision)
    assert found(changes) == {expected}
    assert changes[0].pointer == "/card"


def test_a_mapping_that_reads_the_expanded_field_sees_an_error(tmp_path: Path) -> None:
    base = api({"card": {"type": "string"}})
    revision = api({"card": {"anyOf": [{"type": "string"}, REF_CARD]}})
    changes = run(tmp_path, base, revision, consumed=lambda op, field: field == "card")
    assert found(changes) == {("response-property-any-of-added", "error")}
    assert "a mapping reads this field" in changes[0].message


def test_an_edit_inside_the_kept_alternative_is_reported_as_that_edit(tmp_path: Path) -> None:
    base = api({}, form={"card": {"type": "string", "maxLength": 50}})
    revision = api({}, form={"card": {"anyOf": [{"type": "string", "maxLength": 20},
                                                {"type": "object", "properties": {
                                                    "number": {"type": "string"}}}]}})
    assert found(run(tmp_path, base, revision)) == {
        ("request-property-max-length-decreased", "error"),
        ("request-property-any-of-added", "info")}


def test_an_object_that_may_now_be_sent_as_an_empty_string(tmp_path: Path) -> None:
    mandate = {"type": "object", "required": ["accepted_at"], "title": "mandate_param",
               "properties": {"accepted_at": {"type": "integer"}}}
    base = api({}, form={"mandate": mandate})
    revision = api({}, form={"mandate": {"anyOf": [copy.deepcopy(mandate),
                                                   {"type": "string", "enum": [""]}]}})
    assert found(run(tmp_path, base, revision)) == {("request-property-any-of-added", "info")}


def test_a_response_body_that_may_now_be_the_deleted_stub(tmp_path: Path) -> None:
    stub = {"type": "object", "properties": {"deleted": {"type": "boolean"}}}
    base = api({})
    revision = api({}, extra={"DeletedOrder": stub})
    answer = revision["paths"]["/orders/{id}"]["get"]["responses"]["200"]["content"]
    answer["application/json"]["schema"] = {"anyOf": [
        {"$ref": "#/components/schemas/Order"}, {"$ref": "#/components/schemas/DeletedOrder"}]}
    assert found(run(tmp_path, base, revision)) == {("response-body-any-of-added", "info")}


@pytest.mark.parametrize(("form", "expected"), [
    (False, ("response-property-any-of-removed", "info")),
    (True, ("request-property-any-of-removed", "error")),
])
def test_alternatives_collapsed_to_the_plain_schema(tmp_path: Path, form: bool,
                                                    expected: tuple[str, str]) -> None:
    before = {"anyOf": [{"type": "string"}, REF_CARD]}
    after = {"type": "string"}
    if form:
        base, revision = api({}, form={"card": before}), api({}, form={"card": after})
    else:
        base, revision = api({"card": before}), api({"card": after})
    assert found(run(tmp_path, base, revision)) == {expected}


# -- one-branch wrappers -------------------------------------------------------------------------


@pytest.mark.parametrize("keyword", ["anyOf", "oneOf", "allOf"])
def test_a_one_branch_wrapper_is_its_branch(tmp_path: Path, keyword: str) -> None:
    base = api({"card": REF_CARD})
    revision = api({"card": {keyword: [REF_CARD], "description": "the card"}})
    assert run(tmp_path, base, revision) == []
    assert run(tmp_path, revision, base) == []


def test_a_nullable_one_branch_wrapper_is_a_nullability_change_of_the_property(
        tmp_path: Path) -> None:
    base = api({"card": REF_CARD, "spare": REF_CARD})
    revision = api({"card": {"anyOf": [REF_CARD], "nullable": True}, "spare": REF_CARD})
    changes = run(tmp_path, base, revision)
    assert found(changes) == {("response-property-became-nullable", "error")}
    # the property became nullable, not the shared Card schema
    assert changes[0].component == "#/components/schemas/Order/properties/card"


# -- bounds and enums; formats --------------------------------------------------------------------


def test_a_length_bound_replaced_by_an_enum_of_short_values_is_no_widening(
        tmp_path: Path) -> None:
    base = api({"reason": {"type": "string", "maxLength": 5000}})
    revision = api({"reason": {"type": "string", "enum": ["duplicate", "fraudulent"]}})
    assert run(tmp_path, base, revision) == []


def test_a_length_bound_dropped_beside_a_longer_enum_value_is_still_reported(
        tmp_path: Path) -> None:
    base = api({"code": {"type": "string", "maxLength": 3}})
    revision = api({"code": {"type": "string", "enum": ["usd", "usdc"]}})
    assert found(run(tmp_path, base, revision)) == {
        ("response-property-max-length-unset", "error")}


def test_a_file_part_gaining_format_binary_is_not_a_narrowing(tmp_path: Path) -> None:
    base = api({}, body={"file": {"type": "string"}})
    revision = api({}, body={"file": {"type": "string", "format": "binary"}})
    assert {c.level for c in run(tmp_path, base, revision)} <= {"info"}


def test_a_string_gaining_format_date_is_still_a_narrowing(tmp_path: Path) -> None:
    base = api({}, form={"day": {"type": "string"}})
    revision = api({}, form={"day": {"type": "string", "format": "date"}})
    assert found(run(tmp_path, base, revision)) == {("request-property-type-changed", "error")}


# -- laws ---------------------------------------------------------------------------------------

leaf = st.one_of(
    st.fixed_dictionaries({"type": st.sampled_from(["string", "integer", "boolean"])}),
    st.fixed_dictionaries({"type": st.just("string"), "maxLength": st.integers(1, 99)}),
    st.fixed_dictionaries({"type": st.just("string"),
                           "enum": st.lists(st.sampled_from("abcd"), min_size=1, max_size=3,
                                            unique=True)}),
    st.just(REF_CARD),
)
schemas = st.recursive(leaf, lambda inner: st.one_of(
    st.fixed_dictionaries({"type": st.just("object"),
                           "properties": st.dictionaries(st.sampled_from("pqrs"), inner,
                                                         min_size=1, max_size=3)}),
    st.fixed_dictionaries({"type": st.just("array"), "items": inner}),
), max_leaves=6)
law = settings(max_examples=30, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture])


@law
@given(schemas)
def test_law_a_schema_is_its_own_one_branch_composition(tmp_path_factory: Any,
                                                       schema: Doc) -> None:
    tmp = tmp_path_factory.mktemp("law")
    for keyword in ("anyOf", "oneOf", "allOf"):
        wrapped = api({"x": {keyword: [copy.deepcopy(schema)]}}, form={"x": {
            keyword: [copy.deepcopy(schema)]}})
        assert run(tmp, api({"x": schema}, form={"x": schema}), wrapped) == []


@law
@given(schemas)
def test_law_adding_an_alternative_reports_only_that_alternative(tmp_path_factory: Any,
                                                                schema: Doc) -> None:
    tmp = tmp_path_factory.mktemp("law")
    other = {"type": "object", "title": "Elsewhere", "properties": {
        "zz": {"type": "number"}}}
    widened = {"anyOf": [copy.deepcopy(schema), other]}
    changes = run(tmp, api({"x": schema}, form={"x": schema}),
                  api({"x": widened}, form={"x": widened}))
    assert found(changes) == {("response-property-any-of-added", "info"),
                              ("request-property-any-of-added", "info")}


def test_a_query_parameter_narrowed_from_any_string_to_an_enum(tmp_path: Path) -> None:
    def with_status(schema: Doc) -> Doc:
        doc = api({})
        doc["paths"]["/orders/{id}"]["get"]["parameters"] = [
            {"name": "status", "in": "query", "schema": schema}]
        return doc

    base = with_status({"anyOf": [{"type": "string", "enum": ["open", "void"]},
                                  {"type": "string", "maxLength": 50}]})
    revision = with_status({"type": "string", "enum": ["open", "void"]})
    assert ("request-parameter-became-enum", "error") in found(run(tmp_path, base, revision))


# -- an object written as allOf parts ---------------------------------------------------------


def split_order(doc: Doc) -> Doc:
    """The Order of ``doc`` rewritten as ``allOf: [OrderBase, the rest]`` (a published rewrite)."""
    doc = copy.deepcopy(doc)
    schemas = doc["components"]["schemas"]
    order = schemas["Order"]
    moved = sorted(order["properties"])[-1:]
    schemas["OrderBase"] = {"type": "object", "properties": {
        name: order["properties"].pop(name) for name in moved}}
    schemas["Order"] = {"description": "an order", "allOf": [
        {"$ref": "#/components/schemas/OrderBase"}, order]}
    return doc


def test_an_object_split_into_all_of_parts_is_no_change(tmp_path: Path) -> None:
    base = api({"card": REF_CARD, "total": {"type": "integer"}})
    assert run(tmp_path, base, split_order(base)) == []
    # Back to one object: only the part's own component is gone.
    assert found(run(tmp_path, split_order(base), base)) == {("api-schema-removed", "info")}


def test_an_edit_made_with_the_split_is_reported_as_that_edit(tmp_path: Path) -> None:
    base = api({"total": {"type": "integer"}})
    revision = split_order(base)
    revision["components"]["schemas"]["OrderBase"]["properties"]["total"]["type"] = "string"
    assert found(run(tmp_path, base, revision)) == {("response-property-type-changed", "error")}


def test_a_part_in_another_file_reads_its_refs_from_that_file(tmp_path: Path) -> None:
    base = api({"card": REF_CARD, "total": {"type": "integer"}})
    (tmp_path / "parts").mkdir()
    # The part's own $ref is relative to parts/order.json, not to the document that uses it.
    (tmp_path / "parts/order.json").write_text(json.dumps({
        "OrderBase": {"type": "object", "properties": {"card": {"$ref": "#/Card"}}},
        "Card": CARD}), encoding="utf-8")
    revision = copy.deepcopy(base)
    order = revision["components"]["schemas"]["Order"]
    del order["properties"]["card"]
    revision["components"]["schemas"]["Order"] = {"allOf": [
        {"$ref": "parts/order.json#/OrderBase"}, order]}
    assert run(tmp_path, base, revision) == []
    cards = json.loads((tmp_path / "parts/order.json").read_text(encoding="utf-8"))
    cards["Card"]["properties"]["last4"]["maxLength"] = 6
    (tmp_path / "parts/order.json").write_text(json.dumps(cards), encoding="utf-8")
    changes = run(tmp_path, base, revision)
    assert found(changes) == {("response-property-max-length-increased", "error")}
    assert changes[0].pointer == "/card/last4"


def test_two_all_of_keep_a_change_of_a_shared_part_in_that_part(tmp_path: Path) -> None:
    base = split_order(api({"total": {"type": "integer"}}))
    revision = copy.deepcopy(base)
    revision["components"]["schemas"]["OrderBase"]["required"] = ["total"]
    changes = run(tmp_path, base, revision)
    assert found(changes) == {("response-property-became-required", "info")}
    # Not the merged Order: every schema built on OrderBase would repeat the change.
    assert changes[0].component == "#/components/schemas/OrderBase"


def test_an_edit_in_a_shared_part_is_reported_in_that_part(tmp_path: Path) -> None:
    base = api({"total": {"type": "integer", "maximum": 10}})
    revision = split_order(base)
    revision["components"]["schemas"]["OrderBase"]["properties"]["total"]["maximum"] = 20
    changes = run(tmp_path, base, revision)
    assert found(changes) == {("response-property-max-increased", "error")}
    assert changes[0].component == "#/components/schemas/OrderBase/properties/total"


def test_parts_that_cannot_merge_keep_the_all_of_rules(tmp_path: Path) -> None:
    base = api({"total": {"type": "integer"}})
    revision = split_order(base)
    revision["components"]["schemas"]["OrderBase"]["additionalProperties"] = False
    assert ("response-body-all-of-added", "info") in found(run(tmp_path, base, revision))


# -- security, read as a caller ----------------------------------------------------------------


def secured(operation: Doc | None, document: Doc | None = None) -> Doc:
    doc = api({})
    if operation is not None:
        doc["paths"]["/orders/{id}"]["get"]["security"] = operation["alternatives"]
    if document is not None:
        doc["security"] = document["alternatives"]
    doc["components"]["securitySchemes"] = {
        "oauth": {"type": "oauth2", "flows": {"clientCredentials": {
            "tokenUrl": "https://auth.example/token",
            "scopes": {"orders.read": "r", "orders.write": "w", "all": "a"}}}},
        "key": {"type": "apiKey", "in": "header", "name": "X-Key"}}
    return doc


def alts(*alternatives: Doc) -> Doc:
    return {"alternatives": list(alternatives)}


@pytest.mark.parametrize(("before", "after", "tight"), [
    # a scope added to the only alternative: a read-only token no longer gets in
    (alts({"oauth": ["orders.read"]}), alts({"oauth": ["orders.read", "orders.write"]}), True),
    # a scope dropped: less is asked
    (alts({"oauth": ["orders.read", "orders.write"]}), alts({"oauth": ["orders.read"]}), False),
    # another way in added
    (alts({"oauth": ["orders.read"]}), alts({"oauth": ["orders.read"]}, {"key": []}), False),
    # a way in removed
    (alts({"oauth": ["orders.read"]}, {"key": []}), alts({"oauth": ["orders.read"]}), True),
    # a public operation that now needs a key
    (alts({}), alts({"key": []}), True),
    # an alternative replaced by one that asks for less
    (alts({"oauth": ["orders.read", "all"]}), alts({"oauth": ["all"]}), False),
])
def test_security_is_tightened_when_an_old_way_in_is_no_longer_accepted(
        tmp_path: Path, before: Doc, after: Doc, tight: bool) -> None:
    changes = run(tmp_path, secured(before), secured(after))
    assert changes, "every pair here changes security"
    assert (("api-security-tightened", "error") in found(changes)) is tight
    assert {c.level for c in changes if c.id != "api-security-tightened"} == {"info"}


def test_global_security_tightened_is_one_change_for_every_operation(tmp_path: Path) -> None:
    base = secured(None, alts({"oauth": ["orders.read"]}))
    revision = secured(None, alts({"oauth": ["orders.read", "all"]}))
    tight = [c for c in run(tmp_path, base, revision) if c.id == "api-security-tightened"]
    assert [(c.operation, c.component) for c in tight] == [("GET /orders/{id}", "#/security")]
    assert "oauth: [orders.read]" in tight[0].message


# -- known values beside any string ------------------------------------------------------------


@pytest.mark.parametrize("keyword", ["anyOf", "oneOf"])
@pytest.mark.parametrize("form", [False, True])
def test_an_enum_value_beside_an_alternative_that_takes_any_string_changes_nothing_valid(
        tmp_path: Path, keyword: str, form: bool) -> None:
    # model: anyOf [string, {enum: known models}]: a model added to or dropped from the known
    # list makes no value valid or invalid
    def model(values: list[str]) -> Doc:
        return {keyword: [{"type": "string"}, {"type": "string", "enum": values}]}

    def spec(values: list[str]) -> Doc:
        return api({}, form={"model": model(values)}) if form else api({"model": model(values)})

    grown = run(tmp_path, spec(["m1", "m2"]), spec(["m1", "m2", "m3"]))
    shrunk = run(tmp_path, spec(["m1", "m2"]), spec(["m1"]))
    side = "request" if form else "response"
    assert found(grown) == {(f"{side}-property-enum-value-added", "info")}
    assert found(shrunk) == {(f"{side}-property-enum-value-removed", "info")}
    assert "any string" in grown[0].message
    # without the open alternative the catalogue's levels hold
    closed = {keyword: [{"type": "integer"}, {"type": "string", "enum": ["m1", "m2"]}]}
    narrowed = copy.deepcopy(closed)
    narrowed[keyword][1]["enum"] = ["m1"]
    pair = ((api({}, form={"model": closed}), api({}, form={"model": narrowed})) if form
            else (api({"model": closed}), api({"model": narrowed})))
    assert found(run(tmp_path, *pair)) == {
        (f"{side}-property-enum-value-removed", "error" if form else "info")}
