from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from seamguard.contracts.diff import Change, diff_contracts
from seamguard.contracts.diff_groups import DiffReport, group_changes
from seamguard.contracts.model import load_contract
from seamguard.report.diff import render_diff_json, render_diff_markdown, render_diff_text

ROOT = Path(__file__).resolve().parents[2]


def order_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["id", "status"],
        "properties": {
            "id": {"type": "integer"},
            "status": {"type": "string", "enum": ["open", "closed"]},
            "note": {"type": "string", "maxLength": 100},
            "email": {"type": "string", "format": "email"},
            "line_items": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer"}},
                },
            },
        },
    }


ORDER_REF = {"$ref": "#/components/schemas/Order"}


def spec(version: str = "3.1.0") -> dict[str, Any]:
    order = order_schema()
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/orders/{id}.json": {
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "integer"}}],
                "get": {
                    "parameters": [
                        {"name": "status", "in": "query",
                         "schema": {"type": "string", "enum": ["open", "closed"]}},
                        {"name": "fields", "in": "query", "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {
                            "schema": {"type": "object",
                                       "properties": {"order": dict(ORDER_REF)}}
                        }}},
                        "404": {"description": "missing"},
                    },
                },
                "put": {
                    "requestBody": {"required": False, "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/OrderInput"}}}},
                    "responses": {"200": {"description": "ok"}},
                },
            },
            "/customers.json": {"get": {"responses": {"200": {"description": "ok"}}}},
        },
        "webhooks": {
            "orders/create": {"post": {
                "requestBody": {"content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Order"}}}},
                "responses": {"200": {"description": "ok"}},
            }},
        },
        "components": {"schemas": {"Order": order, "OrderInput": copy.deepcopy(order)}},
    }


def load(tmp_path: Path, name: str, document: dict[str, Any]) -> Any:
    path = tmp_path / f"{name}.yaml"
    path.write_text(json.dumps(document), encoding="utf-8")  # JSON is YAML
    return load_contract(path, platform="p", version=name)


def run(tmp_path: Path, base: dict[str, Any], revision: dict[str, Any],
        **kwargs: Any) -> list[Change]:
    return diff_contracts(load(tmp_path, "base", base), load(tmp_path, "rev", revision), **kwargs)


def found(changes: list[Change]) -> set[tuple[str, str, str]]:
    return {(c.id, c.level, c.operation) for c in changes}


GET = "GET /orders/{id}.json"
PUT = "PUT /orders/{id}.json"
HOOK = "webhook orders/create"


def schemas(document: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = document["components"]["schemas"]
    return result


def test_identical_contracts_report_nothing(tmp_path: Path) -> None:
    assert run(tmp_path, spec(), spec()) == []


def test_path_and_operation_removal_and_addition(tmp_path: Path) -> None:
    revision = spec()
    del revision["paths"]["/customers.json"]
    del revision["paths"]["/orders/{id}.json"]["put"]
    revision["paths"]["/new.json"] = {"get": {"responses": {"200": {"description": "ok"}}}}
    assert found(run(tmp_path, spec(), revision)) == {
        ("api-path-removed-without-deprecation", "error", "GET /customers.json"),
        ("api-removed-without-deprecation", "error", PUT),
        ("endpoint-added", "info", "GET /new.json"),
    }


def test_removal_after_deprecation_and_deprecation(tmp_path: Path) -> None:
    base = spec()
    base["paths"]["/customers.json"]["get"]["deprecated"] = True
    revision = spec()
    del revision["paths"]["/customers.json"]
    revision["paths"]["/orders/{id}.json"]["get"]["deprecated"] = True
    assert found(run(tmp_path, base, revision)) == {
        ("api-path-removed-with-deprecation", "info", "GET /customers.json"),
        ("endpoint-deprecated", "info", GET),
    }


def test_parameter_rules(tmp_path: Path) -> None:
    revision = spec()
    params = revision["paths"]["/orders/{id}.json"]["get"]["parameters"]
    params[0]["schema"]["enum"] = ["open"]  # narrowed
    params[0]["required"] = True
    del params[1]
    params.append({"name": "since", "in": "query", "required": True,
                   "schema": {"type": "string"}})
    params.append({"name": "limit", "in": "query", "schema": {"type": "integer"}})
    revision["paths"]["/orders/{id}.json"]["parameters"][0]["schema"] = {"type": "string"}
    changes = run(tmp_path, spec(), revision)
    assert found(changes) == {
        ("request-parameter-enum-value-removed", "error", GET),
        ("request-parameter-became-required", "error", GET),
        ("request-parameter-removed", "warning", GET),
        ("new-required-request-parameter", "error", GET),
        ("new-optional-request-parameter", "info", GET),
        ("request-parameter-type-changed", "error", GET),
        ("request-parameter-type-changed", "error", PUT),
    }
    paths = {c.path for c in changes if c.id == "request-parameter-enum-value-removed"}
    assert paths == {"parameter query status"}


def test_request_body_rules(tmp_path: Path) -> None:
    revision = spec()
    body = revision["paths"]["/orders/{id}.json"]["put"]["requestBody"]
    body["required"] = True
    order_in = schemas(revision)["OrderInput"]
    props = order_in["properties"]
    props["note"]["maxLength"] = 50
    props["note"]["pattern"] = "^[a-z]*$"
    props["status"]["enum"] = ["open", "pending"]
    props["email"]["format"] = "idn-email"
    del props["id"]
    props["line_items"]["items"]["required"] = ["quantity"]
    props["line_items"]["items"]["properties"]["quantity"]["minimum"] = 1
    props["coupon"] = {"type": "string"}
    order_in["required"] = ["status", "currency", "note"]
    props["currency"] = {"type": "string"}
    order_in["additionalProperties"] = False
    changes = [c for c in run(tmp_path, spec(), revision) if c.operation == PUT]
    assert {(c.id, c.level, c.field) for c in changes} == {
        ("request-body-became-required", "error", None),
        ("request-property-max-length-decreased", "error", "note"),
        ("request-property-pattern-added", "error", "note"),
        ("request-property-enum-value-removed", "error", "status"),
        ("request-property-enum-value-added", "info", "status"),
        ("request-property-type-changed", "error", "email"),
        ("request-property-removed", "warning", "id"),
        ("request-property-became-required", "error", "line_items[].quantity"),
        ("request-property-min-set", "warning", "line_items[].quantity"),
        ("new-optional-request-property", "info", "coupon"),
        ("new-required-request-property", "error", "currency"),
        ("request-property-became-required", "error", "note"),
        ("request-additional-properties-disallowed", "error", None),
    }
    qty = next(c for c in changes if c.id == "request-property-min-set")
    assert qty.path == "request body application/json /line_items/*/quantity"
    assert qty.pointer == "/line_items/*/quantity"
    assert qty.direction == "request"


def test_response_rules(tmp_path: Path) -> None:
    revision = spec()
    order = schemas(revision)["Order"]
    props = order["properties"]
    del props["id"]  # required
    del props["note"]  # optional
    props["status"]["enum"] = ["open", "closed", "archived"]
    props["email"]["format"] = "idn-email"
    props["email"]["type"] = ["string", "null"]
    props["line_items"]["type"] = "object"
    order["required"] = []
    responses = revision["paths"]["/orders/{id}.json"]["get"]["responses"]
    del responses["404"]
    responses["201"] = {"description": "created"}
    changes = [c for c in run(tmp_path, spec(), revision) if c.operation == GET]
    assert {(c.id, c.level, c.field) for c in changes} == {
        ("response-required-property-removed", "error", "order.id"),
        ("response-optional-property-removed", "warning", "order.note"),
        ("response-property-enum-value-added", "warning", "order.status"),
        ("response-property-type-changed", "error", "order.email"),
        ("response-property-became-nullable", "error", "order.email"),
        ("response-property-type-changed", "error", "order.line_items"),
        ("response-property-became-optional", "error", "order.status"),
        ("response-non-success-status-removed", "info", None),
        ("response-success-status-added", "info", None),
    }
    assert all(c.direction == "response" for c in changes)


def test_success_status_and_media_type_removed(tmp_path: Path) -> None:
    revision = spec()
    responses = revision["paths"]["/orders/{id}.json"]["get"]["responses"]
    responses["200"]["content"] = {"application/xml": {"schema": {"type": "string"}}}
    del revision["paths"]["/orders/{id}.json"]["put"]["responses"]["200"]
    revision["paths"]["/orders/{id}.json"]["put"]["responses"]["204"] = {"description": "ok"}
    assert found(run(tmp_path, spec(), revision)) == {
        ("response-media-type-removed", "error", GET),
        ("response-media-type-added", "info", GET),
        ("response-success-status-removed", "error", PUT),
        ("response-success-status-added", "info", PUT),
    }


def test_direction_decides_the_level_of_the_same_enum_narrowing(tmp_path: Path) -> None:
    revision = spec()
    schemas(revision)["Order"]["properties"]["status"]["enum"] = ["open"]
    schemas(revision)["OrderInput"]["properties"]["status"]["enum"] = ["open"]
    assert found(run(tmp_path, spec(), revision)) == {
        ("request-property-enum-value-removed", "error", PUT),
        ("response-property-enum-value-removed", "info", GET),
        ("request-property-enum-value-removed", "info", HOOK),
    }


def test_consumer_stance_raises_what_a_mapping_reads(tmp_path: Path) -> None:
    revision = spec()
    order = schemas(revision)["Order"]
    order["properties"]["status"]["enum"].append("archived")
    del order["properties"]["note"]
    read = {(GET, "order.status"), (GET, "order.note")}

    def consumed(operation: str, field: str) -> bool:
        return (operation, field) in read

    changes = run(tmp_path, spec(), revision, consumed=consumed)
    by = {(c.id, c.operation): c for c in changes}
    for rule, hook_rule in (("response-property-enum-value-added",
                             "request-property-enum-value-added"),
                            ("response-optional-property-removed", "request-property-removed")):
        raised = by[(rule, GET)]
        assert raised.level == "error"
        assert "a mapping reads this field" in raised.message
        # No mapping reads the webhook's field: oasdiff's id, graded as a reader would.
        assert by[(hook_rule, HOOK)].level == "warning"


def test_a_breaking_change_a_mapping_reads_names_the_reader(tmp_path: Path) -> None:
    revision = spec()
    order = schemas(revision)["Order"]
    order["properties"]["status"] = {"type": "integer"}

    def consumed(operation: str, field: str) -> str:
        return "feeds crm 'stage' via orders rule 2" if field == "order.status" else ""

    changes = run(tmp_path, spec(), revision, consumed=consumed)
    typed = next(c for c in changes
                 if c.id == "response-property-type-changed" and c.operation == GET)
    assert typed.level == "error"
    assert typed.message.endswith("; a mapping reads this field: feeds crm 'stage' via "
                                  "orders rule 2")


def test_webhook_payload_is_graded_as_its_reader_sees_it(tmp_path: Path) -> None:
    revision = spec()
    schemas(revision)["Order"]["properties"]["status"]["enum"].append("archived")
    del revision["webhooks"]["orders/create"]
    revision["webhooks"]["orders/paid"] = spec()["webhooks"]["orders/create"]
    assert found(run(tmp_path, spec(), revision)) == {
        ("response-property-enum-value-added", "warning", GET),
        ("webhook-removed", "error", HOOK),
        ("webhook-added", "info", "webhook orders/paid"),
    }
    revision = spec()
    schemas(revision)["Order"]["properties"]["status"]["enum"].append("archived")
    hook = [c for c in run(tmp_path, spec(), revision) if c.operation == HOOK]
    assert [(c.id, c.level, c.direction, c.path) for c in hook] == [
        ("request-property-enum-value-added", "warning", "request",
         "request body application/json /status"),
    ]


def test_openapi_30_nullable_equals_31_type_array(tmp_path: Path) -> None:
    base = spec("3.0.3")
    revision = spec("3.1.0")
    for schema in (schemas(base)["Order"], schemas(base)["OrderInput"]):
        schema["properties"]["note"]["nullable"] = True
        schema["properties"]["ref"] = {"nullable": True,
                                       "allOf": [{"$ref": "#/components/schemas/Tag"}]}
    for schema in (schemas(revision)["Order"], schemas(revision)["OrderInput"]):
        schema["properties"]["note"]["type"] = ["string", "null"]
        schema["properties"]["ref"] = {"anyOf": [{"$ref": "#/components/schemas/Tag"},
                                                 {"type": "null"}]}
    for document in (base, revision):
        schemas(document)["Tag"] = {"type": "string"}
    changes = run(tmp_path, base, revision)
    assert [c for c in changes if "nullable" in c.id] == []


def test_recursive_schemas_terminate(tmp_path: Path) -> None:
    base, revision = spec(), spec()
    for document in (base, revision):
        schemas(document)["Order"]["properties"]["parent"] = {"$ref": "#/components/schemas/Order"}
        schemas(document)["Node"] = {"type": "object", "properties": {
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}
        schemas(document)["Order"]["properties"]["tree"] = {"$ref": "#/components/schemas/Node"}
    schemas(revision)["Node"]["properties"]["label"] = {"type": "string"}
    changes = run(tmp_path, base, revision)
    assert changes
    assert {c.id for c in changes} == {"response-optional-property-added",
                                       "new-optional-request-property"}
    assert all(c.field is not None and c.field.endswith("label") for c in changes)


def test_composition_branches(tmp_path: Path) -> None:
    base, revision = spec(), spec()
    for document in (base, revision):
        schemas(document)["Card"] = {"type": "object"}
        schemas(document)["Cash"] = {"type": "object"}
        schemas(document)["Wire"] = {"type": "object"}
    schemas(base)["Order"]["properties"]["payment"] = {"oneOf": [
        {"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Cash"}]}
    schemas(revision)["Order"]["properties"]["payment"] = {"oneOf": [
        {"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Wire"}]}
    changes = [c for c in run(tmp_path, base, revision) if c.operation == GET]
    assert {(c.id, c.level) for c in changes} == {
        ("response-property-one-of-added", "error"),
        ("response-property-one-of-removed", "info"),
    }


def test_property_deprecated(tmp_path: Path) -> None:
    revision = spec()
    schemas(revision)["OrderInput"]["properties"]["note"]["deprecated"] = True
    assert found(run(tmp_path, spec(), revision)) == {
        ("request-property-deprecated", "info", PUT)}


def test_shopify_2024_04_to_2024_07(tmp_path: Path) -> None:
    folder = ROOT / "contracts" / "shopify"
    base = load_contract(folder / "2024-04" / "openapi.yaml", platform="shopify",
                         version="2024-04")
    revision = load_contract(folder / "2024-07" / "openapi.yaml", platform="shopify",
                             version="2024-07")
    changes = diff_contracts(base, revision)
    order_ops = {
        ("GET /orders.json", "orders[]."), ("GET /orders/{order_id}.json", "order."),
        ("POST /orders.json", "order."), ("PUT /orders/{order_id}.json", "order."),
    }
    expected = set()
    for hook in ("webhook orders/create", "webhook orders/updated",
                 "webhook orders/cancelled"):
        expected |= {
            ("request-property-removed", "warning", hook, "processing_method"),
            ("request-property-enum-value-added", "warning", hook, "cancel_reason"),
            ("request-property-enum-value-removed", "info", hook, "fulfillment_status"),
        }
    for operation, prefix in order_ops:
        expected |= {
            ("response-optional-property-removed", "warning", operation,
             f"{prefix}processing_method"),
            ("response-property-enum-value-added", "warning", operation,
             f"{prefix}cancel_reason"),
            ("response-property-enum-value-removed", "info", operation,
             f"{prefix}fulfillment_status"),
        }
    assert {(c.id, c.level, c.operation, c.field) for c in changes} == expected
    assert len(changes) == len(expected)
    staff = next(c for c in changes if c.id == "response-property-enum-value-added")
    assert "staff" in staff.message
    assert diff_contracts(base, base) == []


@pytest.fixture
def sample() -> DiffReport:
    shared = "#/components/schemas/Order/properties/s"
    changes = [
        Change("response-property-enum-value-removed", "info", "GET /a", "response 200 x /s",
               "enum value removed", "response", "s", shared, "/s"),
        Change("response-property-enum-value-removed", "info", "GET /c", "response 200 x /o/s",
               "enum value removed", "response", "o.s", shared, "/o/s"),
        Change("api-path-removed-without-deprecation", "error", "GET /b", "", "GET /b removed",
               "operation"),
        Change("response-optional-property-removed", "warning", "GET /a", "response 200 x /n",
               "optional | removed", "response", "n", "#/paths/~1a/get", "/n"),
    ]
    return group_changes(changes, base="shopify@2024-04", revision="shopify@2024-07")


def test_render_json_is_grouped_ordered_and_exact(sample: DiffReport) -> None:
    data = json.loads(render_diff_json(sample))
    assert [c["level"] for c in data["changes"]] == ["error", "warning", "info"]
    assert data["changes"][0] == {"id": "api-path-removed-without-deprecation",
                                  "level": "error", "operation": "GET /b", "path": "",
                                  "message": "GET /b removed", "direction": "operation",
                                  "operations_count": 1, "operations": ["GET /b"]}
    assert data["changes"][1]["field"] == "n"
    shared = data["changes"][2]
    assert (shared["operations_count"], shared["operations"]) == (2, ["GET /a", "GET /c"])
    assert shared["component"] == "#/components/schemas/Order/properties/s"
    assert (data["base"], data["revision"]) == ("shopify@2024-04", "shopify@2024-07")
    assert data["counts"] == {"error": 1, "warning": 1, "info": 1}


def test_render_markdown_and_text(sample: DiffReport) -> None:
    markdown = render_diff_markdown(sample)
    assert "1 error(s), 1 warning(s), 1 info(s)" in markdown
    assert "`shopify@2024-04` → `shopify@2024-07`" in markdown
    assert "optional \\| removed" in markdown
    assert "2 operations: GET /a, GET /c" in markdown
    empty = group_changes([], base="a.yaml", revision="b.yaml")
    assert "No changes." in render_diff_markdown(empty)
    assert "`a.yaml` → `b.yaml`" in render_diff_markdown(empty)
    text = render_diff_text(sample).splitlines()
    assert text[0] == "error api-path-removed-without-deprecation GET /b: GET /b removed"
    assert text[2] == ("info response-property-enum-value-removed GET /a response 200 x /s: "
                       "enum value removed (and 1 more operation)")
    assert render_diff_text(empty) == "no changes\n"


def test_rule_table_page_matches_the_catalogue() -> None:
    from seamguard.contracts.diff_catalog import rules

    page = (ROOT / "docs" / "diff-rules.md").read_text(encoding="utf-8")
    for rule in rules().values():
        origin = "oasdiff" if rule.oasdiff else "**seamguard**"
        assert f"| `{rule.id}` | {rule.level} | {origin} |" in page, rule.id


#: oasdiff's security rules as its ``checker`` package defines them, every one graded info.
OASDIFF_SECURITY_IDS = frozenset({
    "api-global-security-added", "api-global-security-removed",
    "api-global-security-scope-added", "api-global-security-scope-removed",
    "api-security-added", "api-security-removed", "api-security-scope-added",
    "api-security-scope-removed", "api-security-component-added",
    "api-security-component-removed", "api-security-component-type-changed",
    "api-security-component-oauth-url-changed", "api-security-component-oauth-token-url-changed",
    "api-security-component-oauth-scope-added", "api-security-component-oauth-scope-removed",
    "api-security-component-oauth-scope-changed",
})


def test_security_ids_marked_oasdiff_are_oasdiffs_own_at_its_level() -> None:
    from seamguard.contracts.diff_catalog import rules

    security = [rule for rule in rules().values() if rule.family == "security"]
    assert {rule.id for rule in security if rule.oasdiff} == OASDIFF_SECURITY_IDS
    assert {rule.id: rule.level for rule in security if rule.oasdiff} == dict.fromkeys(
        OASDIFF_SECURITY_IDS, "info")
    assert not any(rule.oasdiff for rule in security if rule.id not in OASDIFF_SECURITY_IDS)


def test_scheme_type_change_keeps_oasdiffs_info_and_adds_an_error(tmp_path: Path) -> None:
    def spec(scheme: dict[str, Any]) -> dict[str, Any]:
        return {"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                "security": [{"key": []}],
                "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}},
                "components": {"securitySchemes": {"key": scheme}}}

    seen = {(c.id, c.level) for c in run(tmp_path, spec(
        {"type": "apiKey", "in": "header", "name": "X-Key"}), spec(
        {"type": "http", "scheme": "bearer"}))}
    assert ("api-security-component-type-changed", "info") in seen
    assert ("api-security-scheme-type-changed", "error") in seen


@pytest.mark.parametrize(("text", "found"), [
    ("", "nothing (the file is empty)"), ("[1, 2]", "a list"), ("openapi", "a string"),
    ("3.1", "a number"),
])
def test_a_side_that_is_no_mapping_is_refused_with_a_hint(tmp_path: Path, text: str,
                                                          found: str) -> None:
    from seamguard.contracts.diff import load_spec
    from seamguard.errors import ContractError

    path = tmp_path / "side.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContractError) as caught:
        load_spec(path, platform="p", version="v")
    assert caught.value.message.endswith(f"this one holds {found}")
    assert caught.value.line == 1
    assert "openapi: 3.1.0" in (caught.value.hint or "")


@pytest.mark.parametrize(("url", "path"), [
    ("http://[1]/api/v1", "/api/v1"), ("https://[not-ip]:8/x/?q=1", "/x"),
    ("https://shop.example.com/api/", "/api"),
])
def test_the_base_path_of_a_server_whose_host_is_no_address(url: str, path: str) -> None:
    from seamguard.contracts.diff import base_path

    assert base_path({"servers": [{"url": url}]}) == path
