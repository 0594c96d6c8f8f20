"""A second batch of fresh `contract diff` classes, verdicts written before the run: webhooks
graded as their reader sees them, 2.0 response headers and deprecations, global security on a
public API, parameters moving between query and header, nullability both ways."""

from __future__ import annotations

from tests.support.diff_fresh_docs import Doc, api, swagger2

CHARGE = "GET /charges/{id}"
GET = "GET /customers/{id}"
POST = "POST /customers"


def register_more() -> None:
    from tests.support.diff_fresh_cases import _api31, _p, _param, _s, case

    # -- webhooks and 3.1 -----------------------------------------------------------------
    @case("3.1 webhook payload lost a required field", "webhooks",
          ("request-property-removed", "error", "webhook charge.succeeded"),
          ("response-required-property-removed", "error", CHARGE), base=_api31)
    def _(d: Doc) -> None:
        del _p(d, "Charge")["amount"]
        _s(d, "Charge")["required"].remove("amount")

    @case("3.1 webhook moved to components.pathItems", "webhooks", base=_api31)
    def _(d: Doc) -> None:
        d["components"]["pathItems"] = {"ChargeEvent": d["webhooks"]["charge.succeeded"]}
        d["webhooks"]["charge.succeeded"] = {"$ref": "#/components/pathItems/ChargeEvent"}

    @case("3.1 null added to a shared property", "webhooks",
          ("request-property-became-nullable", "info", POST),
          ("response-property-became-nullable", "error", GET),
          ("response-property-became-nullable", "error", POST), base=_api31)
    def _(d: Doc) -> None:
        _p(d, "Customer")["name"]["type"] = ["string", "null"]

    @case("3.1 path item moved to components.pathItems", "webhooks", base=_api31)
    def _(d: Doc) -> None:
        d["components"]["pathItems"] = {"Charge": d["paths"]["/charges/{id}"]}
        d["paths"]["/charges/{id}"] = {"$ref": "#/components/pathItems/Charge"}

    @case("shared response inlined", "bodies", base=lambda: _shared_not_found(api()))
    def _(d: Doc) -> None:
        d["paths"]["/customers/{id}"]["get"]["responses"]["404"] = {"description": "missing"}

    @case("default response added", "bodies",
          ("response-non-success-status-added", "info", GET))
    def _(d: Doc) -> None:
        d["paths"]["/customers/{id}"]["get"]["responses"]["default"] = {"description": "err"}

    # -- Swagger 2.0 ------------------------------------------------------------------------
    @case("2.0 response header removed", "swagger2-more",
          ("optional-response-header-removed", "warning", "X-RateLimit-Remaining"),
          base=swagger2)
    def _(d: Doc) -> None:
        del d["paths"]["/customers/{id}"]["get"]["responses"]["200"]["headers"]

    @case("2.0 response enum value added", "swagger2-more",
          ("response-property-enum-value-added", "warning", GET),
          ("response-property-enum-value-added", "warning", POST),
          ("request-property-enum-value-added", "info", POST), base=swagger2)
    def _(d: Doc) -> None:
        _p(d, "Customer")["tier"]["enum"].append("team")

    @case("2.0 form encoding added to consumes", "swagger2-more",
          ("request-body-media-type-added", "info", POST), base=swagger2)
    def _(d: Doc) -> None:
        d["consumes"] = ["application/json", "application/x-www-form-urlencoded"]

    @case("2.0 deprecated operation removed", "swagger2-more",
          ("api-removed-with-deprecation", "info", "DELETE /customers/{id}"),
          base=lambda: _deprecated_delete(swagger2()))
    def _(d: Doc) -> None:
        del d["paths"]["/customers/{id}"]["delete"]

    @case("2.0 x-nullable dropped", "swagger2-more",
          ("response-property-became-not-nullable", "info", "email"),
          ("request-property-became-not-nullable", "error", "email"), base=swagger2)
    def _(d: Doc) -> None:
        del _p(d, "Customer")["email"]["x-nullable"]

    # -- security ---------------------------------------------------------------------------
    @case("global security added to a public API", "security-more",
          ("api-global-security-added", "info", ""),
          ("api-security-tightened", "error", GET),
          ("api-security-tightened", "error", POST),
          ("api-security-tightened", "error", CHARGE),
          base=lambda: _public(api()))
    def _(d: Doc) -> None:
        d["security"] = [{"apiKey": []}]

    # -- parameters ---------------------------------------------------------------------------
    @case("query parameter moved to a header", "parameters",
          ("request-parameter-removed", "warning", "expand"),
          ("new-optional-request-parameter", "info", "expand"))
    def _(d: Doc) -> None:
        _param(d, "expand")["in"] = "header"

    @case("header parameter enum value removed", "parameters",
          ("request-parameter-enum-value-removed", "error", "X-Request-Id"),
          base=lambda: _request_id_enum(api()))
    def _(d: Doc) -> None:
        _param(d, "X-Request-Id")["schema"]["enum"] = ["a"]

    @case("cookie parameter became required", "parameters",
          ("request-parameter-became-required", "error", "session"))
    def _(d: Doc) -> None:
        _param(d, "session")["required"] = True

    @case("Stripe: free-text parameter became an enum", "parameters",
          ("request-parameter-became-enum", "error", "X-Request-Id"))
    def _(d: Doc) -> None:
        _param(d, "X-Request-Id")["schema"]["enum"] = ["a", "b"]

    @case("GitHub: parameter deprecated", "parameters",
          ("request-parameter-deprecated", "info", "expand"))
    def _(d: Doc) -> None:
        _param(d, "expand")["deprecated"] = True

    # -- bodies and requiredness ---------------------------------------------------------------
    @case("request body became required", "bodies",
          ("request-body-became-required", "error", POST),
          base=lambda: _optional_body(api()))
    def _(d: Doc) -> None:
        d["paths"]["/customers"]["post"]["requestBody"]["required"] = True

    @case("required response property became optional", "bodies",
          ("response-property-became-optional", "error", CHARGE))
    def _(d: Doc) -> None:
        _s(d, "Charge")["required"].remove("status")

    @case("request discriminator added", "bodies",
          ("request-body-discriminator-added", "info", POST),
          base=lambda: _payment_body(api(), discriminator=False))
    def _(d: Doc) -> None:
        body = d["paths"]["/customers"]["post"]["requestBody"]["content"]["application/json"]
        body["schema"]["discriminator"] = {"propertyName": "kind"}


def _deprecated_delete(doc: Doc) -> Doc:
    doc["paths"]["/customers/{id}"]["delete"]["deprecated"] = True
    return doc


def _shared_not_found(doc: Doc) -> Doc:
    doc["components"]["responses"] = {"NotFound": {"description": "missing"}}
    doc["paths"]["/customers/{id}"]["get"]["responses"]["404"] = {
        "$ref": "#/components/responses/NotFound"}
    return doc


def _public(doc: Doc) -> Doc:
    del doc["security"]
    return doc


def _request_id_enum(doc: Doc) -> Doc:
    from tests.support.diff_fresh_cases import _param

    _param(doc, "X-Request-Id")["schema"]["enum"] = ["a", "b"]
    return doc


def _optional_body(doc: Doc) -> Doc:
    doc["paths"]["/customers"]["post"]["requestBody"]["required"] = False
    return doc


def _payment_body(doc: Doc, *, discriminator: bool) -> Doc:
    """POST /customers takes a Card or a Bank (a one-of body)."""
    schema: Doc = {"oneOf": [{"$ref": "#/components/schemas/Card"},
                             {"$ref": "#/components/schemas/Bank"}]}
    if discriminator:
        schema["discriminator"] = {"propertyName": "kind"}
    body = doc["paths"]["/customers"]["post"]["requestBody"]["content"]["application/json"]
    body["schema"] = schema
    return doc
