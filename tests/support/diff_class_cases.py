"""The change classes the `contract diff` scorer runs: one edit each, with oasdiff's verdict.

Locations are substrings of ``"<operation> <path> <field>"`` of the change reported.
"""

from __future__ import annotations

from tests.support.diff_class_base import CASES, Doc, _get, _order, _order_in, _param, _schemas
from tests.support.diff_class_base import case as _case
from tests.support.diff_class_more import (
    register_consts,
    register_described_refs,
    register_more,
    register_sizes,
    register_swaps,
)

GET = "GET /orders/{order_id}"
POST = "POST /orders"


def register() -> None:
    """Fill ``CASES`` (once)."""
    if CASES:
        return
    case = _case

    # -- request bodies -----------------------------------------------------------------------
    @case("new required property", "request-body",
          ("new-required-request-property", "error", POST))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["channel"] = {"type": "string"}
        _order_in(d)["required"].append("channel")

    @case("new optional property", "request-body",
          ("new-optional-request-property", "info", POST))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["channel"] = {"type": "string"}

    @case("property became required", "request-body",
          ("request-property-became-required", "error", "note"))
    def _(d: Doc) -> None:
        _order_in(d)["required"].append("note")

    @case("property became optional", "request-body",
          ("request-property-became-optional", "info", "lines"))
    def _(d: Doc) -> None:
        del _order_in(d)["required"]

    @case("property removed", "request-body", ("request-property-removed", "warning", "coupon"))
    def _(d: Doc) -> None:
        del _order_in(d)["properties"]["coupon"]

    @case("property type changed", "request-body",
          ("request-property-type-changed", "error", "express"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["express"] = {"type": "string"}

    @case("enum value removed", "request-body",
          ("request-property-enum-value-removed", "error", "currency"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["currency"]["enum"] = ["CNY"]

    @case("enum value added", "request-body",
          ("request-property-enum-value-added", "info", "currency"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["currency"]["enum"].append("EUR")

    @case("max length decreased", "request-body",
          ("request-property-max-length-decreased", "error", "note"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["note"]["maxLength"] = 100

    @case("max length increased", "request-body",
          ("request-property-max-length-increased", "info", "note"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["note"]["maxLength"] = 500

    @case("pattern added", "request-body",
          ("request-property-pattern-added", "error", "note"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["note"]["pattern"] = "^[^<>]*$"

    @case("pattern changed", "request-body",
          ("request-property-pattern-changed", "warning", "coupon"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["coupon"]["pattern"] = "^[A-Z]{4}[0-9]{4}$"

    @case("default changed", "request-body",
          ("request-property-default-value-changed", "info", "currency"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["currency"]["default"] = "USD"

    @case("max items decreased", "request-body",
          ("request-property-max-items-decreased", "error", "lines"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["lines"]["maxItems"] = 20

    @case("nested item property became required", "request-body",
          ("new-required-request-property", "error", "lines"),
          ("response-required-property-added", "info", "lines"))
    def _(d: Doc) -> None:
        _schemas(d)["Line"]["properties"]["gift"] = {"type": "boolean"}
        _schemas(d)["Line"]["required"].append("gift")

    @case("body became optional", "request-body", ("request-body-became-optional", "info", POST))
    def _(d: Doc) -> None:
        d["paths"]["/orders"]["post"]["requestBody"]["required"] = False

    @case("body media type removed", "request-body",
          ("request-body-media-type-removed", "error", POST),
          base_edit=lambda d: d["paths"]["/orders"]["post"]["requestBody"]["content"]
          .__setitem__("application/xml", {"schema": {"type": "object"}}))
    def _(d: Doc) -> None:
        del d["paths"]["/orders"]["post"]["requestBody"]["content"]["application/xml"]

    @case("body media type added", "request-body", ("request-body-media-type-added", "info", POST))
    def _(d: Doc) -> None:
        d["paths"]["/orders"]["post"]["requestBody"]["content"]["application/xml"] = {
            "schema": {"type": "object"}}

    @case("format added to request string", "request-body",
          ("request-property-type-changed", "error", "note"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["note"]["format"] = "email"

    @case("min items set", "request-body",
          ("request-property-min-items-increased", "error", "lines"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["lines"]["minItems"] = 1

    # -- responses ----------------------------------------------------------------------------
    @case("required property removed", "response",
          ("response-required-property-removed", "error", "/total"))
    def _(d: Doc) -> None:
        del _order(d)["total"]
        _schemas(d)["Order"]["required"].remove("total")

    @case("optional property removed", "response",
          ("response-optional-property-removed", "warning", "currency"))
    def _(d: Doc) -> None:
        del _order(d)["currency"]

    @case("property became optional", "response",
          ("response-property-became-optional", "error", "status"))
    def _(d: Doc) -> None:
        _schemas(d)["Order"]["required"].remove("status")

    @case("property became required", "response",
          ("response-property-became-required", "info", "currency"))
    def _(d: Doc) -> None:
        _schemas(d)["Order"]["required"].append("currency")

    @case("property became nullable", "response",
          ("response-property-became-nullable", "error", "created"))
    def _(d: Doc) -> None:
        _order(d)["created"]["nullable"] = True

    @case("enum value added", "response",
          ("response-property-enum-value-added", "warning", "status"))
    def _(d: Doc) -> None:
        _order(d)["status"]["enum"].append("refunded")

    @case("enum value removed", "response",
          ("response-property-enum-value-removed", "info", "status"))
    def _(d: Doc) -> None:
        _order(d)["status"]["enum"].remove("shipped")

    @case("type changed", "response", ("response-property-type-changed", "error", "total"))
    def _(d: Doc) -> None:
        _order(d)["total"] = {"type": "string"}

    @case("integer widened to number", "response",
          ("response-property-type-generalized", "error", "total"))
    def _(d: Doc) -> None:
        _order(d)["total"]["type"] = "number"

    @case("format changed", "response", ("response-property-type-changed", "error", "created"))
    def _(d: Doc) -> None:
        _order(d)["created"]["format"] = "uuid"

    @case("date-time narrowed to date (oasdiff: contained)", "response",
          ("response-property-type-specialized", "info", "created"))
    def _(d: Doc) -> None:
        _order(d)["created"]["format"] = "date"

    @case("max length increased", "response",
          ("response-property-max-length-increased", "error", "currency"))
    def _(d: Doc) -> None:
        _order(d)["currency"]["maxLength"] = 8

    @case("new optional property", "response",
          ("response-optional-property-added", "info", "channel"))
    def _(d: Doc) -> None:
        _order(d)["channel"] = {"type": "string"}

    @case("success status removed", "response",
          ("response-success-status-removed", "error", POST),
          ("response-success-status-added", "info", POST))
    def _(d: Doc) -> None:
        responses = d["paths"]["/orders"]["post"]["responses"]
        responses["200"] = responses.pop("201")

    @case("error status removed", "response",
          ("response-non-success-status-removed", "info", GET))
    def _(d: Doc) -> None:
        del _get(d)["responses"]["404"]

    @case("media type removed", "response", ("response-media-type-removed", "error", GET),
          ("response-media-type-added", "info", GET))
    def _(d: Doc) -> None:
        content = _get(d)["responses"]["200"]["content"]
        content["application/xml"] = content.pop("application/json")

    @case("oneOf branch added", "response",
          ("response-property-one-of-added", "error", "payment"))
    def _(d: Doc) -> None:
        _schemas(d)["Cash"] = {"type": "object", "properties": {"till": {"type": "string"}}}
        _order(d)["payment"]["oneOf"].append({"$ref": "#/components/schemas/Cash"})

    @case("oneOf branch removed", "response",
          ("response-property-one-of-removed", "info", "payment"))
    def _(d: Doc) -> None:
        _order(d)["payment"]["oneOf"].pop()

    @case("nested array item property removed", "response",
          ("response-required-property-removed", "error", "lines"),
          ("request-property-removed", "warning", "lines"))
    def _(d: Doc) -> None:
        del _schemas(d)["Line"]["properties"]["qty"]
        _schemas(d)["Line"]["required"].remove("qty")

    @case("minimum decreased", "response",
          ("response-property-min-decreased", "error", "total"))
    def _(d: Doc) -> None:
        _order(d)["total"]["minimum"] = -100

    # -- parameters ---------------------------------------------------------------------------
    @case("new required query parameter", "parameter",
          ("new-required-request-parameter", "error", GET))
    def _(d: Doc) -> None:
        _get(d)["parameters"].append({"name": "shop", "in": "query", "required": True,
                                      "schema": {"type": "string"}})

    @case("new optional query parameter", "parameter",
          ("new-optional-request-parameter", "info", GET))
    def _(d: Doc) -> None:
        _get(d)["parameters"].append({"name": "shop", "in": "query",
                                      "schema": {"type": "string"}})

    @case("new required header", "parameter", ("new-required-request-parameter", "error", GET))
    def _(d: Doc) -> None:
        _get(d)["parameters"].append({"name": "X-Shop", "in": "header", "required": True,
                                      "schema": {"type": "string"}})

    @case("parameter removed", "parameter", ("request-parameter-removed", "warning", GET))
    def _(d: Doc) -> None:
        _get(d)["parameters"] = [_param(d, "limit")]

    @case("parameter became required", "parameter",
          ("request-parameter-became-required", "error", GET))
    def _(d: Doc) -> None:
        _param(d, "limit")["required"] = True

    @case("parameter type changed", "parameter",
          ("request-parameter-type-changed", "error", GET))
    def _(d: Doc) -> None:
        _param(d, "limit")["schema"]["type"] = "string"

    @case("parameter enum value removed", "parameter",
          ("request-parameter-enum-value-removed", "error", GET))
    def _(d: Doc) -> None:
        _param(d, "expand")["schema"]["enum"] = ["lines"]

    @case("parameter enum value added", "parameter",
          ("request-parameter-enum-value-added", "info", GET))
    def _(d: Doc) -> None:
        _param(d, "expand")["schema"]["enum"].append("customer")

    @case("parameter max decreased", "parameter",
          ("request-parameter-max-decreased", "error", GET))
    def _(d: Doc) -> None:
        _param(d, "limit")["schema"]["maximum"] = 50

    @case("parameter default changed", "parameter",
          ("request-parameter-default-value-changed", "error", GET))
    def _(d: Doc) -> None:
        _param(d, "limit")["schema"]["default"] = 20

    @case("parameter deprecated", "parameter", ("request-parameter-deprecated", "info", GET))
    def _(d: Doc) -> None:
        _param(d, "expand")["deprecated"] = True

    @case("path parameter type changed on path item", "parameter",
          ("request-parameter-type-changed", "error", GET),
          ("request-parameter-type-changed", "error", "DELETE"))
    def _(d: Doc) -> None:
        d["paths"]["/orders/{order_id}"]["parameters"][0]["schema"] = {"type": "integer"}

    # -- endpoints ----------------------------------------------------------------------------
    @case("operation removed", "endpoint",
          ("api-removed-without-deprecation", "error", "DELETE"))
    def _(d: Doc) -> None:
        del d["paths"]["/orders/{order_id}"]["delete"]

    @case("path removed", "endpoint", ("api-path-removed-without-deprecation", "error", POST))
    def _(d: Doc) -> None:
        del d["paths"]["/orders"]

    @case("deprecated operation removed", "endpoint",
          ("api-removed-with-deprecation", "info", "DELETE"),
          base_edit=lambda d: d["paths"]["/orders/{order_id}"]["delete"]
          .__setitem__("deprecated", True))
    def _(d: Doc) -> None:
        del d["paths"]["/orders/{order_id}"]["delete"]

    @case("operation deprecated", "endpoint", ("endpoint-deprecated", "info", "DELETE"))
    def _(d: Doc) -> None:
        d["paths"]["/orders/{order_id}"]["delete"]["deprecated"] = True

    @case("operation added", "endpoint", ("endpoint-added", "info", "GET /orders"))
    def _(d: Doc) -> None:
        d["paths"]["/orders"]["get"] = {"responses": {"200": {"description": "ok"}}}

    @case("path renamed", "endpoint",
          ("api-path-removed-without-deprecation", "error", POST),
          ("endpoint-added", "info", "POST /v2/orders"))
    def _(d: Doc) -> None:
        d["paths"]["/v2/orders"] = d["paths"].pop("/orders")

    register_sizes()
    _register_silent()
    register_more()
    register_swaps()
    register_consts()
    register_described_refs()


def _register_silent() -> None:
    case = _case

    @case("inline body moved to a component", "silent")
    def _(d: Doc) -> None:
        d["paths"]["/orders"]["post"]["requestBody"]["content"]["application/json"][
            "schema"] = _order_in(d)

    @case("component renamed", "silent", ("api-schema-removed", "info", "Order"))
    def _(d: Doc) -> None:
        text = __import__("json").dumps(d).replace("schemas/Order\"", "schemas/SalesOrder\"")
        d.clear()
        d.update(__import__("json").loads(text))
        _schemas(d)["SalesOrder"] = _schemas(d).pop("Order")

    @case("object split into allOf parts", "silent")
    def _(d: Doc) -> None:
        order = _schemas(d)["Order"]
        base = {"type": "object", "required": ["id"], "properties": {
            "id": order["properties"].pop("id")}}
        order["required"].remove("id")
        _schemas(d)["Base"] = base
        _schemas(d)["Order"] = {"allOf": [{"$ref": "#/components/schemas/Base"}, order]}

    @case("oneOf branches reordered", "silent")
    def _(d: Doc) -> None:
        _order(d)["payment"]["oneOf"].reverse()

    @case("nullable spelt as a 3.1 type array", "silent")
    def _(d: Doc) -> None:
        d["openapi"] = "3.1.0"
        _order(d)["note"] = {"type": ["string", "null"]}

    @case("nullable spelt as oneOf with null", "silent")
    def _(d: Doc) -> None:
        d["openapi"] = "3.1.0"
        _order(d)["note"] = {"oneOf": [{"type": "string"}, {"type": "null"}]}

    @case("examples edited", "silent")
    def _(d: Doc) -> None:
        _order(d)["id"]["example"] = "ord_9"
        _param(d, "limit")["example"] = 5
        _get(d)["responses"]["200"]["content"]["application/json"]["examples"] = {
            "one": {"value": {"id": "ord_1"}}}

    @case("extensions edited", "silent")
    def _(d: Doc) -> None:
        _order(d)["id"]["x-go-name"] = "ID"
        _get(d)["x-codegen"] = {"skip": True}
        d["paths"]["/orders"]["x-internal-note"] = "x"

    @case("descriptions and summaries edited", "silent")
    def _(d: Doc) -> None:
        _get(d)["summary"] = "Fetch an order"
        _order(d)["status"]["description"] = "Where the order is."
        _param(d, "limit")["description"] = "Page size."
        d["info"]["description"] = "Shop API"

    @case("parameter moved to the path item", "silent")
    def _(d: Doc) -> None:
        moved = d["paths"]["/orders/{order_id}"].pop("parameters")
        for op in ("get", "delete"):
            ops = d["paths"]["/orders/{order_id}"][op]
            ops["parameters"] = moved + ops.get("parameters", [])

    @case("parameters and properties reordered", "silent")
    def _(d: Doc) -> None:
        _get(d)["parameters"].reverse()
        props = _order(d)
        items = list(props.items())
        props.clear()
        props.update(reversed(items))
        _schemas(d)["Order"]["required"].reverse()

    @case("path parameter renamed", "silent")
    def _(d: Doc) -> None:
        item = d["paths"].pop("/orders/{order_id}")
        item["parameters"][0]["name"] = "id"
        d["paths"]["/orders/{id}"] = item

    @case("parameter moved to a component", "silent")
    def _(d: Doc) -> None:
        d["components"]["parameters"] = {"Limit": _param(d, "limit")}
        params = _get(d)["parameters"]
        params[1] = {"$ref": "#/components/parameters/Limit"}

    @case("3.0 exclusive minimum spelt as 3.1", "silent",
          base_edit=lambda d: _order(d)["total"].update(exclusiveMinimum=True))
    def _(d: Doc) -> None:
        d["openapi"] = "3.1.0"
        _order(d)["note"] = {"type": ["string", "null"]}
        _order(d)["total"] = {"type": "integer", "exclusiveMinimum": 0}

    @case("allOf of one ref with a description", "silent")
    def _(d: Doc) -> None:
        _order(d)["lines"]["items"] = {"allOf": [{"$ref": "#/components/schemas/Line"}],
                                       "description": "A line."}

    @case("response moved to components", "silent")
    def _(d: Doc) -> None:
        d["components"]["responses"] = {"Order": _get(d)["responses"]["200"]}
        _get(d)["responses"]["200"] = {"$ref": "#/components/responses/Order"}

    @case("operation id and tags edited", "operation",
          ("api-operation-id-removed", "info", GET), ("api-tag-added", "info", GET))
    def _(d: Doc) -> None:
        _get(d)["operationId"] = "retrieveOrder"
        _get(d)["tags"] = ["orders"]
