"""Fresh `contract diff` change classes, each with the verdict written before it was run.

Ids and levels are oasdiff's catalogue where it names the change (security: oasdiff's info ids
plus seamguard's ``api-security-tightened`` when a caller is locked out); the sources are
public changelogs: Stripe (expandable fields, enum values added, form bodies), Shopify (ids and
money turning into strings, fields turning nullable), GitHub (endpoints removed after
deprecation, 200 → 201), HubSpot (v1 → v3 paths, new optional filters).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.support.diff_fresh_docs import Doc, api, fresh, openapi_of_swagger2, swagger2

Expect = tuple[str, str, str]  # rule id, level, substring of "operation path field"


@dataclass
class Fresh:
    name: str
    klass: str
    base: Doc
    revision: Doc
    expect: list[Expect] = field(default_factory=list)
    files: dict[str, Any] = field(default_factory=dict)  # extra files beside new.json


CASES: list[Fresh] = []

GET = "GET /customers/{id}"
POST = "POST /customers"
CHARGE = "GET /charges/{id}"


def case(name: str, klass: str, *expect: Expect, base: Callable[[], Doc] = api,
         files: dict[str, Any] | None = None) -> Callable[[Callable[[Doc], Any]], None]:
    def register(edit: Callable[[Doc], Any]) -> None:
        before = base()
        after = fresh(before)
        replaced = edit(after)
        CASES.append(Fresh(name, klass, before, replaced if isinstance(replaced, dict)
                           else after, list(expect), files or {}))
    return register


def _s(d: Doc, name: str) -> Doc:
    schema: Doc = d["components"]["schemas"][name] if "components" in d else \
        d["definitions"][name]
    return schema


def _p(d: Doc, name: str) -> Doc:
    props: Doc = _s(d, name)["properties"]
    return props


def _param(d: Doc, name: str, path: str = "/customers/{id}", method: str = "get") -> Doc:
    for param in d["paths"][path][method]["parameters"]:
        if param["name"] == name:
            return param  # type: ignore[no-any-return]
    raise KeyError(name)


def _api31() -> Doc:
    return api("3.1.0")


def register() -> None:
    """Fill ``CASES`` (once)."""
    if CASES:
        return
    from tests.support.diff_fresh_more import register_more

    register_more()

    # -- Swagger 2.0 ----------------------------------------------------------------------
    @case("2.0 spec republished as 3.0", "swagger2", base=swagger2)
    def _(d: Doc) -> Doc:
        return openapi_of_swagger2()

    @case("2.0 query parameter became required", "swagger2",
          ("request-parameter-became-required", "error", "expand"), base=swagger2)
    def _(d: Doc) -> None:
        _param(d, "expand")["required"] = True

    @case("2.0 id integer became string (Shopify)", "swagger2",
          ("response-property-type-changed", "error", GET),
          ("response-property-type-changed", "error", POST), base=swagger2)
    def _(d: Doc) -> None:
        _p(d, "Customer")["id"] = {"type": "string", "readOnly": True}

    @case("2.0 new required body property", "swagger2",
          ("new-required-request-property", "error", POST),
          ("response-required-property-added", "info", "country"), base=swagger2)
    def _(d: Doc) -> None:
        _p(d, "Customer")["country"] = {"type": "string"}
        _s(d, "Customer")["required"].append("country")

    @case("2.0 x-nullable added on a response field", "swagger2",
          ("response-property-became-nullable", "error", "name"),
          ("request-property-became-nullable", "info", "name"), base=swagger2)
    def _(d: Doc) -> None:
        _p(d, "Customer")["name"]["x-nullable"] = True

    @case("2.0 produces loses xml", "swagger2",
          ("response-media-type-removed", "error", GET),
          ("response-media-type-removed", "error", POST),
          base=lambda: {**swagger2(), "produces": ["application/json", "application/xml"]})
    def _(d: Doc) -> None:
        d["produces"] = ["application/json"]

    @case("2.0 path removed", "swagger2",
          ("api-path-removed-without-deprecation", "error", POST), base=swagger2)
    def _(d: Doc) -> None:
        del d["paths"]["/customers"]

    @case("2.0 definitions renamed", "swagger2", ("api-schema-removed", "info", "Customer"),
          base=swagger2)
    def _(d: Doc) -> None:
        d["definitions"]["Client"] = d["definitions"].pop("Customer")
        get = d["paths"]["/customers/{id}"]["get"]["responses"]["200"]
        get["schema"]["$ref"] = "#/definitions/Client"
        post = d["paths"]["/customers"]["post"]
        post["parameters"][0]["schema"]["$ref"] = "#/definitions/Client"
        post["responses"]["201"]["schema"]["$ref"] = "#/definitions/Client"

    # -- OpenAPI 3.1 ------------------------------------------------------------------------
    @case("3.0 document migrated to 3.1", "openapi31")
    def _(d: Doc) -> Doc:
        doc = _api31()
        del doc["webhooks"]
        return doc

    @case("3.1 webhook added", "openapi31", ("webhook-added", "info", "charge.refunded"),
          base=_api31)
    def _(d: Doc) -> None:
        d["webhooks"]["charge.refunded"] = d["webhooks"]["charge.succeeded"]

    @case("3.1 webhook removed", "openapi31", ("webhook-removed", "error", "charge.succeeded"),
          base=_api31)
    def _(d: Doc) -> None:
        del d["webhooks"]

    # oasdiff judges a 3.1 type array as a type set (its type-set review): widened is
    # `type-generalized`; its list-of-types ids are for oneOf/anyOf of plain types.
    @case("3.1 type array widened in a response", "openapi31",
          ("response-property-type-generalized", "error", GET),
          ("response-property-type-generalized", "error", POST),
          ("request-property-type-generalized", "info", "balance"), base=_api31)
    def _(d: Doc) -> None:
        _p(d, "Customer")["balance"]["type"] = ["integer", "string"]

    @case("3.1 null dropped from a response type array", "openapi31",
          ("response-property-became-not-nullable", "info", "email"),
          ("request-property-became-not-nullable", "error", "email"), base=_api31)
    def _(d: Doc) -> None:
        _p(d, "Customer")["email"]["type"] = "string"

    @case("3.1 examples and sibling description of a $ref", "openapi31", base=_api31)
    def _(d: Doc) -> None:
        _p(d, "Customer")["name"]["examples"] = ["Ada", "Grace"]
        _p(d, "Charge")["customer"]["description"] = "the customer id"
        body = d["paths"]["/customers"]["post"]["requestBody"]["content"]["application/json"]
        body["schema"]["description"] = "the customer to create"

    @case("3.1 webhook payload enum value added", "openapi31",
          ("request-property-enum-value-added", "warning", "status"),
          ("response-property-enum-value-added", "warning", "status"), base=_api31)
    def _(d: Doc) -> None:
        _p(d, "Charge")["status"]["enum"].append("disputed")

    @case("3.1 $defs style component moved, same schema", "openapi31", base=_api31)
    def _(d: Doc) -> None:
        _p(d, "Charge")["amount"] = {"$ref": "#/components/schemas/Amount"}
        d["components"]["schemas"]["Amount"] = {"type": "integer"}

    # -- rewrites that keep the meaning ---------------------------------------------------------
    # oasdiff lists the component that left the document (info); no operation changed.
    @case("$ref moved to an external file", "silent", ("api-schema-removed", "info", ""),
          files={"schemas.json": {"Customer": api()["components"]["schemas"]["Customer"]}})
    def _(d: Doc) -> None:
        del d["components"]["schemas"]["Customer"]
        content = d["paths"]["/customers/{id}"]["get"]["responses"]["200"]["content"]
        content["application/json"]["schema"]["$ref"] = "schemas.json#/Customer"
        post = d["paths"]["/customers"]["post"]
        for where in (post["requestBody"]["content"],
                      post["responses"]["201"]["content"]):
            where["application/json"]["schema"]["$ref"] = "schemas.json#/Customer"

    @case("path parameter moved onto each operation", "silent")
    def _(d: Doc) -> None:
        item = d["paths"]["/customers/{id}"]
        shared = item.pop("parameters")
        item["get"]["parameters"] = shared + item["get"]["parameters"]
        item["delete"]["parameters"] = list(shared)

    @case("operation parameters moved to the path item", "silent")
    def _(d: Doc) -> None:
        item = d["paths"]["/charges/{id}"]
        item["parameters"] = item["get"].pop("parameters")

    @case("query enum reordered and required list reordered", "silent")
    def _(d: Doc) -> None:
        _param(d, "expand")["schema"]["enum"].reverse()
        _s(d, "Customer")["required"].reverse()
        _p(d, "Charge")["status"]["enum"] = ["failed", "pending", "succeeded"]

    @case("header parameter name case changed", "silent")
    def _(d: Doc) -> None:
        _param(d, "X-Request-Id")["name"] = "x-request-id"

    @case("response header name case changed", "silent")
    def _(d: Doc) -> None:
        ok = d["paths"]["/customers/{id}"]["get"]["responses"]["200"]
        ok["headers"]["etag"] = ok["headers"].pop("ETag")

    @case("response header moved to components", "silent")
    def _(d: Doc) -> None:
        ok = d["paths"]["/customers/{id}"]["get"]["responses"]["200"]
        d["components"]["headers"] = {"ETag": ok["headers"]["ETag"]}
        ok["headers"]["ETag"] = {"$ref": "#/components/headers/ETag"}

    @case("servers host changed", "servers")
    def _(d: Doc) -> None:
        d["servers"] = [{"url": "https://api.eu.example.com/v1", "description": "EU"}]

    @case("server base path bumped under the same paths", "servers")
    def _(d: Doc) -> None:
        d["servers"] = [{"url": "https://api.example.com/v2"}]

    @case("server URL with a variable for the base path", "servers")
    def _(d: Doc) -> Doc:
        d["servers"] = [{"url": "https://api.example.com/{base}",
                         "variables": {"base": {"default": "v1"}}}]
        return d

    @case("base path moved into paths and one operation removed", "servers",
          ("api-removed-without-deprecation", "error", "DELETE /customers/{id}"))
    def _(d: Doc) -> None:
        del d["paths"]["/customers/{id}"]["delete"]
        d["servers"] = [{"url": "https://api.example.com"}]
        d["paths"] = {f"/v1{path}": item for path, item in d["paths"].items()}

    @case("2.0 basePath folded into the 3.0 paths", "servers", base=swagger2)
    def _(d: Doc) -> Doc:
        doc = openapi_of_swagger2()
        doc["servers"] = [{"url": "https://api.example.com/"}]
        doc["paths"] = {f"/v1{path}": item for path, item in doc["paths"].items()}
        return doc

    @case("base path moved from servers into paths", "servers")
    def _(d: Doc) -> None:
        d["servers"] = [{"url": "https://api.example.com"}]
        d["paths"] = {f"/v1{path}": item for path, item in d["paths"].items()}

    # Explicit entries naming what the schema names already implied: oasdiff lists them (info).
    @case("discriminator mapping written out where it was implied", "discriminator",
          ("response-property-discriminator-mapping-added", "info", "method"))
    def _(d: Doc) -> None:
        d["components"]["schemas"]["Charge"]["properties"]["method"]["discriminator"][
            "mapping"] = {"Card": "#/components/schemas/Card",
                          "Bank": "#/components/schemas/Bank",
                          "card": "#/components/schemas/Card",
                          "bank": "#/components/schemas/Bank"}

    # -- readOnly / writeOnly -------------------------------------------------------------------
    @case("optional request property became readOnly", "read-write",
          ("request-optional-property-became-read-only", "info", "balance"),
          ("response-optional-property-became-read-only", "info", "balance"))
    def _(d: Doc) -> None:
        _p(d, "Customer")["balance"]["readOnly"] = True

    @case("readOnly property enum value removed", "read-write",
          ("request-read-only-property-enum-value-removed", "info", "tier"),
          ("response-property-enum-value-removed", "info", "tier"),
          base=lambda: _read_only_tier(api()))
    def _(d: Doc) -> None:
        _p(d, "Customer")["tier"]["enum"].remove("enterprise")

    @case("new required writeOnly property", "read-write",
          ("new-required-request-property", "error", "pin"),
          ("response-required-write-only-property-added", "info", "pin"))
    def _(d: Doc) -> None:
        _p(d, "Customer")["pin"] = {"type": "string", "writeOnly": True}
        _s(d, "Customer")["required"].append("pin")

    @case("readOnly id became a string (Shopify)", "read-write",
          ("response-property-type-changed", "error", GET),
          ("response-property-type-changed", "error", POST))
    def _(d: Doc) -> None:
        _p(d, "Customer")["id"] = {"type": "string", "readOnly": True}

    @case("new required readOnly property", "read-write",
          ("response-required-property-added", "info", "updated"))
    def _(d: Doc) -> None:
        _p(d, "Customer")["updated"] = {"type": "string", "readOnly": True}
        _s(d, "Customer")["required"].append("updated")

    # -- discriminators -------------------------------------------------------------------------
    @case("discriminator mapping entry added with its branch", "discriminator",
          ("response-property-one-of-added", "error", "method"),
          ("response-property-discriminator-mapping-added", "info", "method"))
    def _(d: Doc) -> None:
        d["components"]["schemas"]["Wallet"] = {"type": "object", "required": ["kind"],
                                                "properties": {"kind": {"type": "string"}}}
        method = _p(d, "Charge")["method"]
        method["oneOf"].append({"$ref": "#/components/schemas/Wallet"})
        method["discriminator"]["mapping"]["wallet"] = "#/components/schemas/Wallet"

    @case("discriminator mapping value renamed", "discriminator",
          ("response-property-discriminator-mapping-deleted", "info", "method"),
          ("response-property-discriminator-mapping-added", "info", "method"))
    def _(d: Doc) -> None:
        mapping = _p(d, "Charge")["method"]["discriminator"]["mapping"]
        mapping["sepa"] = mapping.pop("bank")

    @case("discriminator property name changed", "discriminator",
          ("response-property-discriminator-property-name-changed", "info", "method"))
    def _(d: Doc) -> None:
        _p(d, "Charge")["method"]["discriminator"]["propertyName"] = "type"

    # -- headers and cookies --------------------------------------------------------------------
    @case("new required cookie parameter", "header-cookie",
          ("new-required-request-parameter", "error", "csrf"))
    def _(d: Doc) -> None:
        d["paths"]["/customers/{id}"]["get"]["parameters"].append(
            {"name": "csrf", "in": "cookie", "required": True, "schema": {"type": "string"}})

    @case("header parameter became required", "header-cookie",
          ("request-parameter-became-required", "error", "X-Request-Id"))
    def _(d: Doc) -> None:
        _param(d, "X-Request-Id")["required"] = True

    @case("cookie parameter removed", "header-cookie",
          ("request-parameter-removed", "warning", "session"))
    def _(d: Doc) -> None:
        params = d["paths"]["/customers/{id}"]["get"]["parameters"]
        params[:] = [p for p in params if p["name"] != "session"]

    @case("response header added", "header-cookie",
          ("response-header-added", "info", "X-RateLimit-Reset"))
    def _(d: Doc) -> None:
        d["paths"]["/customers/{id}"]["get"]["responses"]["200"]["headers"][
            "X-RateLimit-Reset"] = {"schema": {"type": "integer"}}

    @case("optional response header removed", "header-cookie",
          ("optional-response-header-removed", "warning", "X-RateLimit-Remaining"))
    def _(d: Doc) -> None:
        del d["paths"]["/customers/{id}"]["get"]["responses"]["200"]["headers"][
            "X-RateLimit-Remaining"]

    @case("response header became optional", "header-cookie",
          ("response-header-became-optional", "error", "ETag"))
    def _(d: Doc) -> None:
        d["paths"]["/customers/{id}"]["get"]["responses"]["200"]["headers"]["ETag"][
            "required"] = False

    @case("header parameter type changed", "header-cookie",
          ("request-parameter-type-changed", "error", "X-Request-Id"))
    def _(d: Doc) -> None:
        _param(d, "X-Request-Id")["schema"] = {"type": "integer"}

    # -- security -------------------------------------------------------------------------------
    @case("global security removed", "security", ("api-global-security-removed", "info", ""))
    def _(d: Doc) -> None:
        del d["security"]

    @case("oauth scope added to an operation", "security",
          ("api-security-scope-added", "info", "DELETE"),
          ("api-security-tightened", "error", "DELETE"))
    def _(d: Doc) -> None:
        d["paths"]["/customers/{id}"]["delete"]["security"] = [
            {"oauth": ["customers:write", "customers:admin"]}]

    @case("token url changed", "security",
          ("api-security-component-oauth-token-url-changed", "info", ""))
    def _(d: Doc) -> None:
        d["components"]["securitySchemes"]["oauth"]["flows"]["clientCredentials"][
            "tokenUrl"] = "https://login.example.com/oauth/token"

    @case("scheme type changed", "security",
          ("api-security-component-type-changed", "info", ""),
          ("api-security-scheme-type-changed", "error", ""))
    def _(d: Doc) -> None:
        d["components"]["securitySchemes"]["apiKey"] = {"type": "http", "scheme": "bearer"}

    @case("api key moved to another header", "security",
          ("api-security-scheme-name-changed", "error", ""))
    def _(d: Doc) -> None:
        d["components"]["securitySchemes"]["apiKey"]["name"] = "Authorization"

    @case("api key moved from a header to the query", "security",
          ("api-security-scheme-in-changed", "error", ""))
    def _(d: Doc) -> None:
        d["components"]["securitySchemes"]["apiKey"]["in"] = "query"

    @case("api key header name case changed", "security")
    def _(d: Doc) -> None:
        d["components"]["securitySchemes"]["apiKey"]["name"] = "x-api-key"

    @case("http basic became bearer", "security",
          ("api-security-scheme-scheme-changed", "error", ""),
          base=lambda: _with_scheme(api(), {"type": "http", "scheme": "basic"}))
    def _(d: Doc) -> None:
        d["components"]["securitySchemes"]["apiKey"] = {"type": "http", "scheme": "bearer"}

    @case("http scheme case changed", "security",
          base=lambda: _with_scheme(api(), {"type": "http", "scheme": "Bearer"}))
    def _(d: Doc) -> None:
        d["components"]["securitySchemes"]["apiKey"] = {"type": "http", "scheme": "bearer"}

    @case("operation security alternative added", "security",
          ("api-security-added", "info", CHARGE))
    def _(d: Doc) -> None:
        d["paths"]["/charges/{id}"]["get"]["security"] = [{"apiKey": []}, {"oauth": []}]

    # -- public changelogs ----------------------------------------------------------------------
    @case("Stripe: field became expandable", "changelog",
          ("response-property-any-of-added", "info", "customer"))
    def _(d: Doc) -> None:
        _p(d, "Charge")["customer"] = {"anyOf": [
            {"type": "string"}, {"$ref": "#/components/schemas/Customer"}]}

    @case("Stripe: status value added", "changelog",
          ("response-property-enum-value-added", "warning", "status"))
    def _(d: Doc) -> None:
        _p(d, "Charge")["status"]["enum"].append("requires_capture")

    @case("Stripe: form body dropped", "changelog",
          ("request-body-media-type-removed", "error", POST),
          base=lambda: _with_form_body(api()))
    def _(d: Doc) -> None:
        del d["paths"]["/customers"]["post"]["requestBody"]["content"][
            "application/x-www-form-urlencoded"]

    @case("Shopify: money became a string", "changelog",
          ("response-property-type-changed", "error", "amount"))
    def _(d: Doc) -> None:
        _p(d, "Charge")["amount"] = {"type": "string"}

    @case("Shopify: field became nullable", "changelog",
          ("response-property-became-nullable", "error", "customer"))
    def _(d: Doc) -> None:
        _p(d, "Charge")["customer"]["nullable"] = True

    @case("GitHub: 200 became 201", "changelog",
          ("response-success-status-removed", "error", CHARGE),
          ("response-success-status-added", "info", CHARGE))
    def _(d: Doc) -> None:
        responses = d["paths"]["/charges/{id}"]["get"]["responses"]
        responses["201"] = responses.pop("200")

    @case("GitHub: deprecated endpoint removed", "changelog",
          ("api-path-removed-with-deprecation", "info", CHARGE),
          base=lambda: _deprecate_charge(api()))
    def _(d: Doc) -> None:
        del d["paths"]["/charges/{id}"]

    @case("HubSpot: v1 path moved to v3", "changelog",
          ("api-path-removed-without-deprecation", "error", CHARGE),
          ("endpoint-added", "info", "/crm/v3/charges/{id}"))
    def _(d: Doc) -> None:
        d["paths"]["/crm/v3/charges/{id}"] = d["paths"].pop("/charges/{id}")

    @case("HubSpot: optional archived filter added", "changelog",
          ("new-optional-request-parameter", "info", "archived"))
    def _(d: Doc) -> None:
        d["paths"]["/customers/{id}"]["get"]["parameters"].append(
            {"name": "archived", "in": "query", "schema": {"type": "boolean"}})

    @case("one operation of a path removed", "changelog",
          ("api-removed-without-deprecation", "error", "DELETE /customers/{id}"))
    def _(d: Doc) -> None:
        del d["paths"]["/customers/{id}"]["delete"]

    @case("query parameter max length set", "changelog",
          ("request-parameter-max-length-set", "warning", "expand"))
    def _(d: Doc) -> None:
        _param(d, "expand")["schema"]["maxLength"] = 20


def _with_scheme(doc: Doc, scheme: Doc) -> Doc:
    doc["components"]["securitySchemes"]["apiKey"] = scheme
    return doc


def _read_only_tier(doc: Doc) -> Doc:
    _p(doc, "Customer")["tier"]["readOnly"] = True
    return doc


def _deprecate_charge(doc: Doc) -> Doc:
    doc["paths"]["/charges/{id}"]["get"]["deprecated"] = True
    return doc


def _with_form_body(doc: Doc) -> Doc:
    body = doc["paths"]["/customers"]["post"]["requestBody"]["content"]
    body["application/x-www-form-urlencoded"] = {"schema": {
        "$ref": "#/components/schemas/Customer"}}
    return doc

