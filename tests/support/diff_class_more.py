"""More change classes for the `contract diff` scorer: sizes and steps, nullability,
recursion, read-only, headers, parameter shapes."""

from __future__ import annotations

import copy
from typing import Any

from tests.support.diff_class_base import Doc, _get, _order, _order_in, _param, _schemas
from tests.support.diff_class_base import case as _case

GET = "GET /orders/{order_id}"


def register_sizes() -> None:
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

    @case("request multipleOf finer", "sizes",
          ("request-property-multiple-of-generalized", "info", "weight"), base_edit=with_tags)
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

    @case("request max length dropped", "sizes",
          ("request-property-max-length-unset", "info", "note"))
    def _(d: Doc) -> None:
        del _order_in(d)["properties"]["note"]["maxLength"]

    @case("parameter maximum dropped", "sizes",
          ("request-parameter-max-unset", "info", GET))
    def _(d: Doc) -> None:
        del _param(d, "limit")["schema"]["maximum"]

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



def register_more() -> None:
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
          ("required-response-header-removed", "error", "header X-Request-Id"),
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
        _order(d)["payment"]["oneOf"][0] = copy.deepcopy(_schemas(d)["Card"])


def register_swaps() -> None:
    case = _case
    methods = [{"$ref": "#/components/schemas/Card"}, {"$ref": "#/components/schemas/Wallet"}]

    def paid_with(keyword: str) -> Any:
        return lambda d: _order_in(d)["properties"].update(
            payment={keyword: copy.deepcopy(methods)})

    @case("request oneOf became anyOf", "composition",
          ("request-property-one-of-removed", "info", "payment"),
          ("request-property-any-of-added", "info", "payment"), base_edit=paid_with("oneOf"))
    def _(d: Doc) -> None:
        paid_with("anyOf")(d)

    @case("request anyOf became oneOf", "composition",
          ("request-property-any-of-removed", "error", "payment"),
          ("request-property-one-of-added", "info", "payment"), base_edit=paid_with("anyOf"))
    def _(d: Doc) -> None:
        paid_with("oneOf")(d)

    @case("response anyOf became oneOf", "composition",
          ("response-property-any-of-removed", "info", "payment"),
          ("response-property-one-of-added", "info", "payment"),
          base_edit=lambda d: _order(d).update(payment={"anyOf": copy.deepcopy(methods)}))
    def _(d: Doc) -> None:
        _order(d)["payment"] = {"oneOf": copy.deepcopy(methods)}

    @case("response oneOf became anyOf with an edit inside", "composition",
          ("response-property-one-of-removed", "info", "payment"),
          ("response-property-any-of-added", "info", "payment"),
          ("response-required-property-removed", "error", "payment/last4"),
          ("response-optional-property-added", "info", "payment/brand"))
    def _(d: Doc) -> None:
        _order(d)["payment"] = {"anyOf": copy.deepcopy(methods)}
        _schemas(d)["Card"] = {"type": "object", "properties": {"brand": {"type": "string"}}}

    @case("response oneOf became anyOf with an alternative more", "composition",
          ("response-property-one-of-removed", "info", "payment"),
          ("response-property-any-of-added", "info", "payment"),
          ("response-property-any-of-added", "info", "payment"))
    def _(d: Doc) -> None:
        _schemas(d)["Cash"] = {"type": "object", "properties": {"till": {"type": "string"}}}
        _order(d)["payment"] = {"anyOf": [*copy.deepcopy(methods),
                                          {"$ref": "#/components/schemas/Cash"}]}


def register_consts() -> None:
    case = _case

    def kind(where: Any, spelled: dict[str, Any]) -> Any:
        return lambda d: where(d).update(kind=dict({"type": "string"}, **spelled))

    request = kind(lambda d: _order_in(d)["properties"], {"enum": ["sale"]})

    @case("request one-value enum spelt as const", "const-enum", base_edit=request)
    def _(d: Doc) -> None:
        kind(lambda d: _order_in(d)["properties"], {"const": "sale"})(d)

    @case("request const opened to an enum", "const-enum",
          ("request-property-enum-value-added", "info", "kind"),
          base_edit=kind(lambda d: _order_in(d)["properties"], {"const": "sale"}))
    def _(d: Doc) -> None:
        kind(lambda d: _order_in(d)["properties"], {"enum": ["sale", "return"]})(d)

    @case("response const opened to an enum", "const-enum",
          ("response-property-enum-value-added", "warning", "kind"),
          base_edit=kind(_order, {"const": "sale"}))
    def _(d: Doc) -> None:
        kind(_order, {"enum": ["sale", "return"]})(d)

    @case("response const changed", "const-enum",
          ("response-property-const-changed", "error", "kind"),
          base_edit=kind(_order, {"const": "sale"}))
    def _(d: Doc) -> None:
        kind(_order, {"const": "return"})(d)


def register_described_refs() -> None:
    case = _case

    def amount(d: Doc) -> None:
        _schemas(d)["Amount"] = {"type": "object", "nullable": True,
                                 "additionalProperties": True,
                                 "required": ["currency", "value"], "properties": {
                                     "currency": {"type": "string"},
                                     "value": {"type": "number"}}}
        _schemas(d)["Refunded"] = {"description": "refunded so far",
                                   "allOf": [{"$ref": "#/components/schemas/Amount"}]}
        _order(d)["refunded"] = {"$ref": "#/components/schemas/Refunded"}
        _order_in(d)["properties"]["refund"] = {"$ref": "#/components/schemas/Refunded"}

    @case("allOf part restating the object type with the default additionalProperties",
          "silent", base_edit=amount)
    def _(d: Doc) -> None:
        _schemas(d)["Refunded"]["allOf"].append(
            {"type": "object", "additionalProperties": True, "description": "refunded so far"})

    @case("ref swapped for its nullable wrapper", "nullability",
          ("response-property-became-nullable", "error", "/payment"),
          base_edit=lambda d: _order(d).update(payment={"$ref": "#/components/schemas/Card"}))
    def _(d: Doc) -> None:
        _schemas(d)["CardNullable"] = {
            "title": "CardNullable", "type": "object", "additionalProperties": True,
            "allOf": [{"$ref": "#/components/schemas/Card"},
                      {"type": "object", "nullable": True}]}
        _order(d)["payment"] = {"$ref": "#/components/schemas/CardNullable"}


def register_documented_enums() -> None:
    case = _case

    def documented(values: list[str]) -> dict[str, Any]:
        return {"type": "string", "oneOf": [{"const": v, "title": v.title()} for v in values]}

    @case("response enum written as documented const alternatives", "const-enum")
    def _(d: Doc) -> None:
        _order(d)["status"] = documented(["open", "paid", "shipped"])

    @case("documented enum value added in a response", "const-enum",
          ("response-property-enum-value-added", "warning", "status"),
          base_edit=lambda d: _order(d).update(status=documented(["open", "paid"])))
    def _(d: Doc) -> None:
        _order(d)["status"] = documented(["open", "paid", "void"])

    @case("documented enum value removed in a request", "const-enum",
          ("request-property-enum-value-removed", "error", "currency"))
    def _(d: Doc) -> None:
        _order_in(d)["properties"]["currency"] = dict(documented(["CNY"]), default="CNY")


def register_enum_dropped() -> None:
    case = _case

    @case("response enum dropped", "enums",
          ("response-property-enum-removed", "warning", "status"))
    def _(d: Doc) -> None:
        del _order(d)["status"]["enum"]

    @case("request enum dropped", "enums")
    def _(d: Doc) -> None:
        del _order_in(d)["properties"]["currency"]["enum"]


def register_media_parameters() -> None:
    case = _case

    @case("request media type gains a charset", "media-types")
    def _(d: Doc) -> None:
        content = d["paths"]["/orders"]["post"]["requestBody"]["content"]
        content["application/json; charset=utf-8"] = content.pop("application/json")

    @case("request media type gains a charset and a required field", "media-types",
          ("new-required-request-property", "error", "channel"))
    def _(d: Doc) -> None:
        content = d["paths"]["/orders"]["post"]["requestBody"]["content"]
        content["application/json; charset=utf-8"] = content.pop("application/json")
        _order_in(d)["properties"]["channel"] = {"type": "string"}
        _order_in(d)["required"].append("channel")
