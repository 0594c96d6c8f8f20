"""The change classes the `contract diff` scorer runs: one edit each, with oasdiff's verdict.

Locations are substrings of ``"<operation> <path> <field>"`` of the change reported.
"""

from __future__ import annotations

from tests.support.diff_class_base import CASES, Doc, _get, _order, _order_in, _param, _schemas
from tests.support.diff_class_base import case as _case

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

    _register_sizes()
    _register_silent()
    _register_more()


def _register_sizes() -> None:
    case = _case
    tags = {"type": "array", "items": {"type": "string"}, "maxItems": 10}
    attrs = {"type": "object", "additionalProperties": {"type": "string"}, "maxProperties": 20}

    def with_tags(d: Doc) -> None:
        _order_in(d)["properties"]["tags"] = dict(tags, uniqueItems=False)
        _order(d)["tags"] = dict(tags)
        _order_in(d)["properties"]["attrs"] = dict(attrs)
        _order(d)["attrs"] = dict(attrs)
        _order_in(d)["properties"]["weight"] = {"type": "number", "multipleOf": 0.01}
        _order(d)["weight"] = {"type": "number", "multipleOf": 0.01, "maximum": 1000}

    @case("request max items increased", "sizes",
          ("request-property-max-items-increased", "info", "tags"), base_edit=with_tags)
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["tags"]["maxItems"] = 20

    @case("request max items set", "sizes",
          ("request-property-max-items-set", "warning", "lines"),
          base_edit=lambda d: _order_in(d)["properties"]["lines"].pop("maxItems"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["lines"]["maxItems"] = 50

    @case("response max items raised", "sizes",
          ("response-property-max-items-increased", "error", "tags"), base_edit=with_tags)
    def _(d: Doc) -> None:
        _order(d)["tags"]["maxItems"] = 50

    @case("response max items dropped", "sizes",
          ("response-property-max-items-unset", "error", "tags"), base_edit=with_tags)
    def _(d: Doc) -> None:
        del _order(d)["tags"]["maxItems"]

    @case("request max properties decreased", "sizes",
          ("request-property-max-properties-decreased", "error", "attrs"), base_edit=with_tags)
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["attrs"]["maxProperties"] = 5

    @case("response max properties dropped", "sizes",
          ("response-property-max-properties-unset", "error", "attrs"), base_edit=with_tags)
    def _(d: Doc) -> None:
        del _order(d)["attrs"]["maxProperties"]

    @case("request min properties set", "sizes",
          ("request-property-min-properties-increased", "error", "attrs"), base_edit=with_tags)
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["attrs"]["minProperties"] = 1

    @case("request unique items set", "sizes",
          ("request-property-unique-items-set", "error", "tags"), base_edit=with_tags)
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["tags"]["uniqueItems"] = True

    @case("request multipleOf coarser", "sizes",
          ("request-property-multiple-of-changed", "error", "weight"), base_edit=with_tags)
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["weight"]["multipleOf"] = 0.5

    @case("request multipleOf finer", "sizes", base_edit=with_tags)
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["weight"]["multipleOf"] = 0.001

    @case("response multipleOf finer", "sizes",
          ("response-property-multiple-of-changed", "error", "weight"), base_edit=with_tags)
    def _(d: Doc) -> None:
        _order(d)["weight"]["multipleOf"] = 0.001

    @case("response maximum dropped", "sizes",
          ("response-property-max-unset", "error", "weight"), base_edit=with_tags)
    def _(d: Doc) -> None:
        del _order(d)["weight"]["maximum"]

    @case("response minimum dropped", "sizes",
          ("response-property-min-unset", "error", "total"))
    def _(d: Doc) -> None:
        del _order(d)["total"]["minimum"]

    @case("parameter max items decreased", "sizes",
          ("request-parameter-max-items-decreased", "error", GET),
          base_edit=lambda d: _get(d)["parameters"].append(
              {"name": "ids", "in": "query", "schema": {"type": "array", "maxItems": 50,
                                                        "items": {"type": "string"}}}))
    def _(d: Doc) -> None:
        _param(d, "ids")["schema"]["maxItems"] = 20


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





def _register_more() -> None:
    case = _case

    @case("request property became not nullable", "nullability",
          ("request-property-became-not-nullable", "error", "note"),
          base_edit=lambda d: _order_in(d)["properties"]["note"].update(nullable=True))
    def _(d: Doc) -> None:
        del _order_in(d)["properties"]["note"]["nullable"]

    @case("3.1 null dropped from a request type array", "nullability",
          ("request-property-became-not-nullable", "error", "note"), version="3.1.0",
          base_edit=lambda d: (_order_in(d)["properties"]["note"].update(
              type=["string", "null"]), _order(d)["note"].pop("nullable"),
              _order(d)["note"].update(type=["string", "null"])))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["note"]["type"] = "string"

    @case("response property no longer nullable", "nullability",
          ("response-property-became-not-nullable", "info", "note"))
    def _(d: Doc) -> None:
        del _order(d)["note"]["nullable"]

    @case("nullable ref spelt as allOf with nullable", "nullability",
          base_edit=lambda d: _order(d).update(
              line={"$ref": "#/components/schemas/Line", "nullable": True}))
    def _(d: Doc) -> None:
        _order(d)["line"] = {"allOf": [{"$ref": "#/components/schemas/Line"}],
                             "nullable": True}

    @case("enum values reordered", "silent")
    def _(d: Doc) -> None:
        _order(d)["status"]["enum"].reverse()
        _param(d, "expand")["schema"]["enum"].reverse()

    @case("schema examples and extensions", "silent", version="3.1.0")
    def _(d: Doc) -> None:
        d["openapi"] = "3.1.0"
        _order(d)["note"] = {"type": ["string", "null"], "examples": ["gift"]}
        _order(d)["status"]["x-enum-varnames"] = ["OPEN", "PAID", "SHIPPED"]

    @case("request body moved to components", "silent")
    def _(d: Doc) -> None:
        post = d["paths"]["/orders"]["post"]
        d["components"]["requestBodies"] = {"OrderIn": post["requestBody"]}
        post["requestBody"] = {"$ref": "#/components/requestBodies/OrderIn"}

    @case("recursive schema edited", "recursion",
          ("response-optional-property-added", "info", "/category/slug"),
          base_edit=lambda d: _schemas(d).update(Node={"type": "object", "properties": {
              "name": {"type": "string"},
              "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}})
          or _order(d).update(category={"$ref": "#/components/schemas/Node"}))
    def _(d: Doc) -> None:
        _schemas(d)["Node"]["properties"]["slug"] = {"type": "string"}

    @case("read-only property required in the shared schema", "read-only",
          ("response-required-property-added", "info", "number"))
    def _(d: Doc) -> None:
        _schemas(d)["Line"]["properties"]["number"] = {"type": "integer", "readOnly": True}
        _schemas(d)["Line"]["required"].append("number")

    @case("property deprecated", "deprecation",
          ("request-property-deprecated", "info", "coupon"),
          ("response-property-deprecated", "info", "currency"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["coupon"]["deprecated"] = True
        _order(d)["currency"]["deprecated"] = True

    @case("required response header removed", "headers",
          ("required-response-header-removed", "error", "header x-request-id"),
          base_edit=lambda d: _get(d)["responses"]["200"].update(headers={
              "X-Request-Id": {"required": True, "schema": {"type": "string"}}}))
    def _(d: Doc) -> None:
        del _get(d)["responses"]["200"]["headers"]

    @case("request integer widened to number", "types",
          ("request-property-type-generalized", "info", "qty"),
          ("response-property-type-generalized", "error", "qty"))
    def _(d: Doc) -> None:
        _schemas(d)["Line"]["properties"]["qty"]["type"] = "number"

    @case("required added through an allOf part", "request-body",
          ("request-property-became-required", "error", "note"))
    def _(d: Doc) -> None:
        post = d["paths"]["/orders"]["post"]["requestBody"]["content"]["application/json"]
        post["schema"] = {"allOf": [{"$ref": "#/components/schemas/OrderIn"},
                                    {"required": ["note"]}]}

    @case("query parameter renamed", "parameter",
          ("request-parameter-removed", "warning", "limit"),
          ("new-optional-request-parameter", "info", "page_size"))
    def _(d: Doc) -> None:
        _param(d, "limit")["name"] = "page_size"

    @case("parameter overridden at the operation", "parameter",
          ("request-parameter-type-changed", "error", GET))
    def _(d: Doc) -> None:
        _get(d)["parameters"].append({"name": "order_id", "in": "path", "required": True,
                                      "schema": {"type": "integer"}})

    @case("array parameter item enum value removed", "parameter",
          ("request-parameter-property-enum-value-removed", "error", "status"),
          base_edit=lambda d: _get(d)["parameters"].append(
              {"name": "status", "in": "query", "schema": {"type": "array", "items": {
                  "type": "string", "enum": ["open", "paid"]}}}))
    def _(d: Doc) -> None:
        _param(d, "status")["schema"]["items"]["enum"] = ["open"]

    @case("media type parameter added", "media-types",
          ("response-media-type-name-changed", "info", GET))
    def _(d: Doc) -> None:
        content = _get(d)["responses"]["200"]["content"]
        content["application/json; charset=utf-8"] = content.pop("application/json")

    @case("oneOf branch inlined", "silent")
    def _(d: Doc) -> None:
        _order(d)["payment"]["oneOf"][0] = __import__("copy").deepcopy(_schemas(d)["Card"])
