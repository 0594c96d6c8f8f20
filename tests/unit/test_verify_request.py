"""Recorded verification reads the query string and the body of REST requests and checks them.

The contracts here are written from the public API references of a payments API that takes
form bodies (nested values in brackets, as its SDKs send them) and an accounting API that takes
JSON bodies and `where`/`order`/`page` queries; the requests are encoded the way those SDKs
encode them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.findings import Finding, Severity
from seamguard.privacy.guard import mask_finding
from tests.support.projects import codes_at, interaction, mini_project, verify_project

PAYMENTS = "https://api.payments.example"
LEDGER = "https://api.ledger.example/api.xro/2.0"

# The shapes of a form-body payments API: deepObject query parameters, a range-or-integer
# filter, bodies with `encoding` per property, `""` to unset a value, additionalProperties false.
PAYMENTS_CONTRACT = """
openapi: 3.0.0
info: {title: Payments, version: v1}
paths:
  /v1/customers:
    get:
      parameters:
        - name: created
          in: query
          style: deepObject
          explode: true
          schema:
            anyOf:
              - type: object
                properties: {gt: {type: integer}, gte: {type: integer}, lt: {type: integer},
                             lte: {type: integer}}
              - type: integer
        - {name: email, in: query, schema: {type: string, maxLength: 512}}
        - {name: ending_before, in: query, schema: {type: string}}
        - name: expand
          in: query
          style: deepObject
          explode: true
          schema: {type: array, items: {type: string, maxLength: 5000}}
        - {name: limit, in: query, schema: {type: integer}}
        - {name: starting_after, in: query, schema: {type: string}}
      responses: {"200": {description: ok}}
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            encoding:
              address: {style: deepObject, explode: true}
              expand: {style: deepObject, explode: true}
              metadata: {style: deepObject, explode: true}
              preferred_locales: {style: deepObject, explode: true}
            schema:
              type: object
              additionalProperties: false
              properties:
                address:
                  anyOf:
                    - type: object
                      required: [line1]
                      properties: {city: {type: string}, line1: {type: string},
                                   postal_code: {type: string}}
                    - {type: string, enum: [""]}
                balance: {type: integer}
                description: {type: string, maxLength: 5000}
                email: {type: string, maxLength: 512}
                expand: {type: array, items: {type: string}}
                metadata:
                  anyOf:
                    - {type: object, additionalProperties: {type: string}}
                    - {type: string, enum: [""]}
                name: {type: string}
                preferred_locales: {type: array, items: {type: string}}
                tax_exempt: {type: string, enum: ["", exempt, none, reverse]}
      responses: {"200": {description: ok}}
  /v1/payment_intents:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            encoding:
              metadata: {style: deepObject, explode: true}
              payment_method_types: {style: deepObject, explode: true}
            schema:
              type: object
              additionalProperties: false
              required: [amount, currency]
              properties:
                amount: {type: integer}
                application_fee_percent:
                  anyOf: [{type: number}, {type: string, enum: [""]}]
                capture_method: {type: string, enum: [automatic, manual]}
                confirm: {type: boolean}
                currency: {type: string}
                metadata: {type: object, additionalProperties: {type: string}}
                off_session:
                  anyOf: [{type: boolean}, {type: string, enum: [one_off, recurring]}]
                payment_method_types: {type: array, items: {type: string}}
      responses: {"200": {description: ok}}
  /v1/checkout/sessions:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            encoding:
              line_items: {style: deepObject, explode: true}
              payment_method_types: {style: deepObject, explode: true}
            schema:
              type: object
              additionalProperties: false
              required: [cancel_url, success_url]
              properties:
                cancel_url: {type: string}
                success_url: {type: string}
                mode: {type: string, enum: [payment, setup, subscription]}
                payment_method_types:
                  type: array
                  items: {type: string, enum: [card, ideal, sepa_debit]}
                line_items:
                  type: array
                  items:
                    type: object
                    properties:
                      price: {type: string}
                      quantity: {type: integer, minimum: 0}
      responses: {"200": {description: ok}}
  /v1/customers/{customer}:
    parameters:
      - {name: customer, in: path, required: true, schema: {type: string}}
    get:
      parameters:
        - name: expand
          in: query
          style: deepObject
          explode: true
          schema: {type: array, items: {type: string}}
      responses: {"200": {description: ok}}
    delete:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, additionalProperties: false, properties: {}}
      responses: {"200": {description: ok}}
"""

# The shapes of a JSON accounting API: string filters, integer pages, comma-separated id lists
# (form, explode false), date queries, a required query parameter, JSON bodies of lists.
LEDGER_CONTRACT = """
openapi: 3.0.0
info: {title: Ledger, version: v1}
components:
  parameters:
    where: {name: where, in: query, schema: {type: string}}
    order: {name: order, in: query, schema: {type: string}}
    page: {name: page, in: query, schema: {type: integer}}
    unitdp: {name: unitdp, in: query, schema: {type: integer}}
    summarizeErrors: {name: summarizeErrors, in: query, schema: {type: boolean, default: false}}
    ifModifiedSince:
      {name: If-Modified-Since, in: header, schema: {type: string, format: date-time}}
  schemas:
    Invoices:
      type: object
      properties:
        Invoices: {type: array, items: {$ref: '#/components/schemas/Invoice'}}
    Invoice:
      type: object
      properties:
        Type: {type: string, enum: [ACCPAY, ACCREC]}
        Contact: {type: object, properties: {ContactID: {type: string, format: uuid}}}
        Date: {type: string}
        DueDate: {type: string}
        Reference: {type: string}
        Status: {type: string, enum: [DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED]}
        LineItems:
          type: array
          items:
            type: object
            properties:
              Description: {type: string}
              Quantity: {type: number}
              UnitAmount: {type: number}
              AccountCode: {type: string}
paths:
  /Invoices:
    get:
      parameters:
        - {$ref: '#/components/parameters/ifModifiedSince'}
        - {$ref: '#/components/parameters/where'}
        - {$ref: '#/components/parameters/order'}
        - {$ref: '#/components/parameters/page'}
        - {$ref: '#/components/parameters/unitdp'}
        - name: IDs
          in: query
          style: form
          explode: false
          schema: {type: array, items: {type: string, format: uuid}}
        - name: Statuses
          in: query
          explode: false
          schema: {type: array, items: {type: string}}
        - {name: includeArchived, in: query, schema: {type: boolean}}
      responses: {"200": {description: ok}}
    put:
      parameters:
        - {$ref: '#/components/parameters/summarizeErrors'}
        - {$ref: '#/components/parameters/unitdp'}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Invoices'}
      responses: {"200": {description: ok}}
  /Reports/BalanceSheet:
    get:
      parameters:
        - {name: date, in: query, schema: {type: string, format: date}}
        - {name: periods, in: query, schema: {type: integer}}
        - name: timeframe
          in: query
          schema: {type: string, enum: [MONTH, QUARTER, YEAR]}
      responses: {"200": {description: ok}}
  /Reports/AgedPayablesByContact:
    get:
      parameters:
        - {name: contactId, in: query, required: true, schema: {type: string, format: uuid}}
        - {name: date, in: query, schema: {type: string, format: date}}
      responses: {"200": {description: ok}}
"""

FORM = "application/x-www-form-urlencoded"
UUID_A = "4f2a6c10-8d3e-4b7a-9c51-2e6f0d8a1b3c"
UUID_B = "9b0e7d42-1c6a-4f83-a5d2-7e3b9c0f4a18"


def call(method: str, url: str, body: Any = None, content_type: str = FORM) -> dict[str, Any]:
    recorded = interaction(None, uri=url, method=method, headers={})
    if body is not None:
        recorded["request"]["body"] = body if isinstance(body, str) else json.dumps(body)
        recorded["request"]["headers"] = {"Content-Type": [content_type]}
    return recorded


def verify(root: Path, contract: str, base: str, calls: list[dict[str, Any]],
           undeclared: str = "warning") -> list[Finding]:
    project = mini_project(root, contract=contract, interactions=calls, settings=f"""
        [tool.seamguard]
        undeclared_fields = "{undeclared}"

        [tool.seamguard.platforms.shop]
        versions = ["v1"]
        base_url = "{base}"
        """)
    return verify_project(project)


found = codes_at


PAYMENTS_CLEAN = [
    call("GET", f"{PAYMENTS}/v1/customers?limit=3&email=jenny.rosen%40example.com"
                "&created[gte]=1577836800&created[lt]=1580515200&expand[]=data.default_source"),
    call("GET", f"{PAYMENTS}/v1/customers?limit=3&expand%5B0%5D=data.default_source"
                "&expand%5B1%5D=data.sources&starting_after=cus_H1"),
    call("GET", f"{PAYMENTS}/v1/customers?created=1577836800"),
    call("GET", f"{PAYMENTS}/v1/customers"),
    call("POST", f"{PAYMENTS}/v1/customers",
         "email=jenny.rosen%40example.com&name=Jenny+Rosen&metadata[order_id]=6735"
         "&address[line1]=510+Townsend+St&address[city]=San+Francisco"
         "&preferred_locales[0]=en&preferred_locales[1]=fr&expand[]=tax_ids&balance=-500"
         "&tax_exempt=none"),
    call("POST", f"{PAYMENTS}/v1/customers", "metadata=&description=&address=&tax_exempt="),
    call("POST", f"{PAYMENTS}/v1/customers", "metadata%5Border_id%5D=6735&name=A%2BB"),
    call("POST", f"{PAYMENTS}/v1/payment_intents",
         "amount=2000&currency=usd&payment_method_types[]=card&confirm=true"
         "&capture_method=manual&off_session=true&metadata[integration_check]=accept"),
    call("POST", f"{PAYMENTS}/v1/payment_intents",
         "amount=2000&currency=usd&off_session=one_off&application_fee_percent=12.5"
         "&payment_method_types[0]=card&payment_method_types[1]=ideal"),
    call("POST", f"{PAYMENTS}/v1/payment_intents",
         "amount=2000&currency=usd&application_fee_percent="),
    call("POST", f"{PAYMENTS}/v1/checkout/sessions",
         "success_url=https%3A%2F%2Fexample.com%2Fok&cancel_url=https%3A%2F%2Fexample.com%2Fno"
         "&payment_method_types[0]=card&line_items[0][price]=price_H5gg&line_items[0][quantity]=2"
         "&line_items[1][price]=price_J7kk&line_items[1][quantity]=1&mode=payment"),
    call("DELETE", f"{PAYMENTS}/v1/customers/cus_123"),
    call("GET", f"{PAYMENTS}/v1/customers/cus_123?expand[]=default_source"),
]


def test_payments_requests_encoded_as_the_sdks_do_pass(tmp_path: Path) -> None:
    assert verify(tmp_path, PAYMENTS_CONTRACT, PAYMENTS, PAYMENTS_CLEAN) == []


@pytest.mark.parametrize(("request_", "expected"), [
    (call("GET", f"{PAYMENTS}/v1/customers?limit=abc"),
     ("field.wrong-type", "request:/query/limit")),
    (call("GET", f"{PAYMENTS}/v1/customers?created[gte]=yesterday"),
     ("field.wrong-type", "request:/query/created/gte")),
    (call("GET", f"{PAYMENTS}/v1/customers?email=" + "a" * 600),
     ("field.out-of-range", "request:/query/email")),
    (call("POST", f"{PAYMENTS}/v1/customers", "email=a%40b.example&tax_exempt=sometimes"),
     ("field.unknown-enum", "request:/body/tax_exempt")),
    (call("POST", f"{PAYMENTS}/v1/customers", "address[city]=Berlin"),
     ("field.missing", "request:/body/address/line1")),
    (call("POST", f"{PAYMENTS}/v1/customers", "email=a%40b.example&colour=red"),
     ("field.forbidden", "request:/body/colour")),
    (call("POST", f"{PAYMENTS}/v1/payment_intents", "amount=12.5&currency=usd"),
     ("field.wrong-type", "request:/body/amount")),
    (call("POST", f"{PAYMENTS}/v1/payment_intents", "currency=usd"),
     ("field.missing", "request:/body/amount")),
    (call("POST", f"{PAYMENTS}/v1/payment_intents", "amount=1&currency=usd&confirm=yes"),
     ("field.wrong-type", "request:/body/confirm")),
    (call("POST", f"{PAYMENTS}/v1/checkout/sessions",
          "success_url=a&cancel_url=b&payment_method_types[0]=card&payment_method_types[1]=cash"),
     ("field.unknown-enum", "request:/body/payment_method_types/1")),
    (call("POST", f"{PAYMENTS}/v1/checkout/sessions",
          "success_url=a&cancel_url=b&line_items[0][price]=p&line_items[0][quantity]=-1"),
     ("field.out-of-range", "request:/body/line_items/0/quantity")),
    (call("POST", f"{PAYMENTS}/v1/customers", '{"email": "a@b.example"}', "application/json"),
     ("content-type.undeclared", "request:/body")),
])
def test_each_planted_payments_defect_is_one_finding(
        tmp_path: Path, request_: dict[str, Any], expected: tuple[str, str]) -> None:
    findings = verify(tmp_path, PAYMENTS_CONTRACT, PAYMENTS, [*PAYMENTS_CLEAN, request_])
    assert found(findings) == [expected]
    [finding] = findings
    assert finding.severity is Severity.ERROR
    assert finding.location.interaction == len(PAYMENTS_CLEAN)
    assert finding.hint


def ledger(path: str) -> str:
    return f"{LEDGER}{path}"


INVOICE = {"Invoices": [{
    "Type": "ACCREC", "Contact": {"ContactID": UUID_A}, "Date": "2019-03-11",
    "DueDate": "2018-12-10", "Reference": "Website Design", "Status": "DRAFT",
    "LineItems": [{"Description": "Foobar", "Quantity": 1.0, "UnitAmount": 20.0,
                   "AccountCode": "200"}]}]}

LEDGER_CLEAN = [
    call("GET", ledger("/Invoices?where=" + quote('Status=="AUTHORISED"', safe="")
                       + "&order=Date%20DESC&page=1&unitdp=4"
                       + f"&IDs={UUID_A}%2C{UUID_B}&Statuses=DRAFT,AUTHORISED"
                       + "&includeArchived=true")),
    call("GET", ledger("/Invoices?where=Type%3D%3D%22ACCREC%22+AND+Status%3D%3D%22PAID%22"
                       "&order=Reference+ASC&page=2")),
    call("GET", ledger(f"/Invoices?IDs={UUID_A}")),
    call("GET", ledger("/Reports/BalanceSheet?date=2019-11-01&periods=3&timeframe=MONTH")),
    call("GET", ledger(f"/Reports/AgedPayablesByContact?contactId={UUID_B}&date=2019-10-31")),
    call("PUT", ledger("/Invoices?summarizeErrors=false&unitdp=4"), INVOICE,
         "application/json; charset=utf-8"),
]


def test_ledger_requests_encoded_as_the_sdks_do_pass(tmp_path: Path) -> None:
    for recorded in LEDGER_CLEAN:
        recorded["request"]["headers"]["If-Modified-Since"] = ["2020-02-06T12:17:43.202-08:00"]
    assert verify(tmp_path, LEDGER_CONTRACT, LEDGER, LEDGER_CLEAN) == []


@pytest.mark.parametrize(("request_", "expected"), [
    (call("GET", ledger("/Invoices?page=abc")), ("field.wrong-type", "request:/query/page")),
    (call("GET", ledger("/Invoices?page=")), ("field.wrong-type", "request:/query/page")),
    (call("GET", ledger(f"/Invoices?IDs={UUID_A},not-a-uuid")),
     ("field.wrong-format", "request:/query/IDs/1")),
    (call("GET", ledger("/Invoices?includeArchived=yes")),
     ("field.wrong-type", "request:/query/includeArchived")),
    (call("GET", ledger("/Reports/BalanceSheet?timeframe=WEEK")),
     ("field.unknown-enum", "request:/query/timeframe")),
    (call("GET", ledger("/Reports/BalanceSheet?date=2019-13-45")),
     ("field.wrong-format", "request:/query/date")),
    (call("GET", ledger("/Reports/AgedPayablesByContact?date=2019-10-31")),
     ("field.missing", "request:/query/contactId")),
    (call("PUT", ledger("/Invoices"), {"Invoices": {"Type": "ACCREC"}}, "application/json"),
     ("field.wrong-type", "request:/body/Invoices")),
    (call("PUT", ledger("/Invoices"), {"Invoices": [{"Type": "NOPE"}]}, "application/json"),
     ("field.unknown-enum", "request:/body/Invoices/0/Type")),
    (call("PUT", ledger("/Invoices"),
          {"Invoices": [{"LineItems": [{"Quantity": "one"}]}]}, "application/json"),
     ("field.wrong-type", "request:/body/Invoices/0/LineItems/0/Quantity")),
    (call("PUT", ledger("/Invoices"), '{"Invoices": [', "application/json"),
     ("body.not-json", "request:/body")),
    (call("PUT", ledger("/Invoices"), '{"Invoices": {}, "Invoices": []}', "application/json"),
     ("body.duplicate-key", "request:/body")),  # the last value (a list) is the one checked
    (call("PUT", ledger("/Invoices?summarizeErrors=nope"), INVOICE, "application/json"),
     ("field.wrong-type", "request:/query/summarizeErrors")),
])
def test_each_planted_ledger_defect_is_one_finding(
        tmp_path: Path, request_: dict[str, Any], expected: tuple[str, str]) -> None:
    findings = verify(tmp_path, LEDGER_CONTRACT, LEDGER, [*LEDGER_CLEAN, request_])
    assert found(findings) == [expected]
    assert findings[0].severity is Severity.ERROR
    assert findings[0].location.operation is not None


@pytest.mark.parametrize(("undeclared", "severity"), [
    ("warning", Severity.WARNING), ("info", Severity.INFO), ("error", Severity.ERROR)])
def test_an_undeclared_query_parameter_follows_the_undeclared_fields_setting(
        tmp_path: Path, undeclared: str, severity: Severity) -> None:
    findings = verify(tmp_path, LEDGER_CONTRACT, LEDGER,
                      [call("GET", ledger("/Invoices?page=1&colour=red&colour=blue"))],
                      undeclared=undeclared)
    assert [(f.code, f.location.pointer, f.severity) for f in findings] == [
        ("field.undeclared", "request:/query/colour", severity)]


def test_undeclared_query_parameters_are_not_reported_when_the_setting_is_off(
        tmp_path: Path) -> None:
    calls = [call("GET", ledger("/Invoices?page=1&colour=red"))]
    assert verify(tmp_path, LEDGER_CONTRACT, LEDGER, calls, undeclared="off") == []


BARE_QUERY_CONTRACT = """
openapi: 3.0.0
info: {title: Ledger, version: v1}
paths:
  /Journals:
    get:
      responses: {"200": {description: ok}}
  /Accounts:
    get:
      parameters:
        - {name: where, in: query, schema: {type: string}}
      responses: {"200": {description: ok}}
"""


def test_the_query_of_an_operation_that_declares_no_query_parameter_is_not_judged(
        tmp_path: Path) -> None:
    """A contract that declares no query parameter for an operation has not described its
    query: names found there are not called undeclared (one that declares some has)."""
    calls = [call("GET", ledger("/Journals?offset=10&paymentsOnly=true")),
             call("GET", ledger("/Accounts?where=Status%3D%3D%22ACTIVE%22&offset=10"))]
    assert found(verify(tmp_path, BARE_QUERY_CONTRACT, LEDGER, calls)) == [
        ("field.undeclared", "request:/query/offset")]


def test_fields_a_json_request_body_adds_are_not_reported(tmp_path: Path) -> None:
    """The undeclared-field rule is about what a platform sends; a refusal of unknown input
    is the contract's to say (additionalProperties: false, tested above)."""
    body = {"Invoices": [{**INVOICE["Invoices"][0], "Url": "https://example.com/x"}]}
    calls = [call("PUT", ledger("/Invoices"), body, "application/json")]
    assert verify(tmp_path, LEDGER_CONTRACT, LEDGER, calls) == []


def test_a_body_in_a_media_type_the_check_does_not_read_is_left_alone(tmp_path: Path) -> None:
    """Only a JSON or form body sent where the operation declares neither is reported."""
    calls = [call("POST", f"{PAYMENTS}/v1/customers", "\x89PNG", "image/png"),
             call("POST", f"{PAYMENTS}/v1/customers", "<a/>", "application/xml")]
    assert verify(tmp_path, PAYMENTS_CONTRACT, PAYMENTS, calls) == []


READ_ONLY = """
openapi: 3.0.3
info: {title: CRM, version: v1}
components:
  schemas:
    Contact:
      type: object
      required: [id, email]
      properties:
        id: {type: string, readOnly: true}
        email: {type: string}
        company:
          type: object
          required: [id, name]
          properties:
            id: {allOf: [{$ref: '#/components/schemas/Id'}], readOnly: true}
            name: {type: string}
    Id: {type: string}
paths:
  /contacts:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                inputs: {type: array, items: {$ref: '#/components/schemas/Contact'}}
      responses: {"200": {description: ok}}
"""


@pytest.mark.parametrize(("body", "expected"), [
    ({"inputs": [{"email": "a@b.example", "company": {"name": "Acme"}}]}, []),
    ({"inputs": [{"id": "1", "email": "a@b.example"}]}, []),
    ({"inputs": [{"company": {"name": "Acme"}}]},
     [("field.missing", "request:/body/inputs/0/email")]),
    ({"inputs": [{"email": "a@b.example", "company": {}}]},
     [("field.missing", "request:/body/inputs/0/company/name")]),
])
def test_a_required_read_only_field_may_be_left_out_of_a_request(
        tmp_path: Path, body: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    """OpenAPI: a required readOnly property is required in responses only."""
    calls = [call("POST", f"{PAYMENTS}/contacts", body, "application/json")]
    assert found(verify(tmp_path, READ_ONLY, PAYMENTS, calls)) == expected


def test_a_body_matched_by_a_wildcard_is_read_only_when_it_is_json(tmp_path: Path) -> None:
    contract = """
openapi: 3.1.0
info: {title: Any, version: v1}
paths:
  /uploads:
    post:
      requestBody:
        content:
          "*/*": {schema: {type: object, properties: {size: {type: integer}}}}
      responses: {"200": {description: ok}}
"""
    calls = [call("POST", f"{PAYMENTS}/uploads", "size=big", FORM),
             call("POST", f"{PAYMENTS}/uploads", "plain text", "text/plain"),
             call("POST", f"{PAYMENTS}/uploads", {"size": "big"}, "application/json")]
    assert found(verify(tmp_path, contract, PAYMENTS, calls)) == [
        ("field.wrong-type", "request:/body/size")]


def test_personal_data_in_a_query_finding_is_masked(tmp_path: Path) -> None:
    email = "jenny.rosen@example.com"
    calls = [call("GET", f"{PAYMENTS}/v1/customers?email={email}{'x' * 520}")]
    [finding] = verify(tmp_path, PAYMENTS_CONTRACT, PAYMENTS, calls)
    assert finding.location.pointer == "request:/query/email"
    assert email not in json.dumps(finding.actual)  # masked by its key where it is found
    reported = mask_finding(finding)  # and by content, as every run reports it
    assert email not in json.dumps([reported.message, reported.actual], default=str)


def test_a_bad_query_is_found_after_the_same_operation_was_seen_clean(tmp_path: Path) -> None:
    """Clean calls take the per-operation fast path; it must not skip the request."""
    calls = [call("GET", ledger("/Invoices?page=1")), call("GET", ledger("/Invoices?page=x")),
             call("GET", ledger("/Invoices?page=2")), call("GET", ledger("/Invoices?page=x"))]
    findings = verify(tmp_path, LEDGER_CONTRACT, LEDGER, calls)
    assert [(f.location.interaction, f.location.pointer) for f in findings] == [
        (1, "request:/query/page"), (3, "request:/query/page")]


STYLED = """
openapi: 3.1.0
info: {title: Styled, version: v1}
paths:
  /items:
    get:
      parameters:
        - {name: form_x, in: query, style: form, explode: true,
           schema: {type: array, items: {type: integer}}}
        - {name: form_n, in: query, style: form, explode: false,
           schema: {type: array, items: {type: integer}}}
        - {name: space, in: query, style: spaceDelimited, explode: false,
           schema: {type: array, items: {type: integer}}}
        - {name: pipe, in: query, style: pipeDelimited, explode: false,
           schema: {type: array, items: {type: integer}}}
        - {name: point, in: query, style: form, explode: false,
           schema: {type: object, properties: {x: {type: integer}, y: {type: integer}}}}
        - {name: spot, in: query, style: form, explode: true,
           schema: {type: object, properties: {lat: {type: number}, lng: {type: number}}}}
        - {name: deep, in: query, style: deepObject, explode: true,
           schema: {type: object, properties: {min: {type: integer}, max: {type: integer}}}}
        - name: filter
          in: query
          content:
            application/json:
              schema: {type: object, properties: {size: {type: integer}}}
      responses: {"200": {description: ok}}
"""


def styled_query(ints: list[int], x: int, y: int) -> str:
    """Every parameter written as OpenAPI's style table says (the client's side)."""
    listed = ",".join(map(str, ints))
    return "&".join([
        *(f"form_x={i}" for i in ints), f"form_n={listed}",
        "space=" + "%20".join(map(str, ints)), "pipe=" + "|".join(map(str, ints)),
        f"point=x,{x},y,{y}", f"lat={x}.5&lng={y}", f"deep[min]={x}&deep[max]={y}",
        "filter=" + quote(json.dumps({"size": x}), safe=""),
    ])


@settings(max_examples=25, deadline=None)
@given(ints=st.lists(st.integers(-10**6, 10**6), min_size=1, max_size=4),
       x=st.integers(-999, 999), y=st.integers(-999, 999))
def test_values_written_in_each_declared_style_read_back_clean(
        tmp_path_factory: pytest.TempPathFactory, ints: list[int], x: int, y: int) -> None:
    root = tmp_path_factory.mktemp("styled")
    calls = [call("GET", f"{PAYMENTS}/items?{styled_query(ints, x, y)}")]
    assert verify(root, STYLED, PAYMENTS, calls) == []


@pytest.mark.parametrize("query", ["form_x=1,2,3", "form_n=1&form_n=2"])
def test_a_form_value_written_the_other_explode_way_is_read(tmp_path: Path, query: str) -> None:
    """Servers read ids=1,2 and ids=1&ids=2 alike: only a value no reading accepts counts."""
    assert verify(tmp_path, STYLED, PAYMENTS, [call("GET", f"{PAYMENTS}/items?{query}")]) == []


@pytest.mark.parametrize(("query", "expected"), [
    ("form_x=1,b", ("field.wrong-type", "request:/query/form_x/0")),
    ("form_x=1&form_x=b", ("field.wrong-type", "request:/query/form_x/1")),
    ("form_n=1,b", ("field.wrong-type", "request:/query/form_n/1")),
    ("space=1%20b", ("field.wrong-type", "request:/query/space/1")),
    ("pipe=1|b", ("field.wrong-type", "request:/query/pipe/1")),
    ("point=x,1,y", ("field.wrong-format", "request:/query/point")),
    ("point=7", ("field.wrong-format", "request:/query/point")),
    ("point=x,1,y,b", ("field.wrong-type", "request:/query/point/y")),
    ("lat=north", ("field.wrong-type", "request:/query/spot/lat")),
    ("deep[min]=low", ("field.wrong-type", "request:/query/deep/min")),
    ("filter=%7Bsize", ("field.wrong-format", "request:/query/filter")),
    ("filter=" + quote('{"size": "big"}', safe=""),
     ("field.wrong-type", "request:/query/filter/size")),
])
def test_a_value_that_breaks_its_schema_is_found_in_each_style(
        tmp_path: Path, query: str, expected: tuple[str, str]) -> None:
    findings = verify(tmp_path, STYLED, PAYMENTS, [call("GET", f"{PAYMENTS}/items?{query}")])
    assert found(findings) == [expected]


QUERY_TEXT = st.text(alphabet=st.sampled_from(list("ab[]=&%,|+. 0129²{}\"")), max_size=60)


@settings(max_examples=60, deadline=None)
@given(query=QUERY_TEXT, body=QUERY_TEXT)
def test_any_query_string_or_form_body_gives_findings_never_an_exception(
        tmp_path_factory: pytest.TempPathFactory, query: str, body: str) -> None:
    root = tmp_path_factory.mktemp("hostile")
    calls = [call("GET", f"{PAYMENTS}/items?{quote(query, safe='[]=&%,|+.{}')}"),
             call("POST", f"{PAYMENTS}/v1/customers?{quote(query, safe='[]=&%')}", body or "x=")]
    findings = verify(root, STYLED + PAYMENTS_CONTRACT.split("paths:", 1)[1], PAYMENTS, calls)
    assert all(f.location.pointer is None or f.location.pointer.startswith("request:/")
               for f in findings)


def test_bracket_nesting_deeper_than_the_bound_is_a_name_of_its_own(tmp_path: Path) -> None:
    deep = "metadata" + "[a]" * 40
    findings = verify(tmp_path, PAYMENTS_CONTRACT, PAYMENTS,
                      [call("POST", f"{PAYMENTS}/v1/customers", f"{quote(deep)}=1")])
    assert found(findings) == [("field.forbidden", f"request:/body/{deep}")]


def _schemas() -> st.SearchStrategy[dict[str, Any]]:
    leaves = st.sampled_from([{"type": "integer"}, {"type": "boolean"}, {"type": "string"},
                              {"type": "number"}])
    names = st.text(alphabet="abcdefghij_", min_size=1, max_size=6)
    return st.recursive(leaves, lambda inner: st.one_of(
        st.builds(lambda items: {"type": "array", "items": items}, inner),
        st.builds(lambda props: {"type": "object", "properties": props},
                  st.dictionaries(names, inner, min_size=1, max_size=3))), max_leaves=6)


def _values(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    kind = schema["type"]
    if kind == "integer":
        return st.integers(-10**12, 10**12)
    if kind == "number":
        return st.floats(-1e6, 1e6, allow_nan=False).filter(lambda f: not f.is_integer())
    if kind == "boolean":
        return st.booleans()
    if kind == "string":
        return st.text(max_size=8)
    if kind == "array":
        return st.lists(_values(schema["items"]), min_size=1, max_size=3)
    return st.fixed_dictionaries({k: _values(v) for k, v in schema["properties"].items()})


def _encode(prefix: str, value: Any, out: list[str]) -> None:
    """Nested values the way payment SDKs write them into a form: brackets and [i] indices."""
    if isinstance(value, dict):
        for key, item in value.items():
            _encode(f"{prefix}[{key}]", item, out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _encode(f"{prefix}[{index}]", item, out)
    else:
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        out.append(f"{quote(prefix, safe='[]')}={quote(text, safe='')}")


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_a_nested_value_written_with_brackets_reads_back_as_it_was(
        tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    from seamguard.contracts.model import load_contract
    from seamguard.verify_query import pairs, read_value

    schema = data.draw(_schemas())
    value = data.draw(_values(schema))
    path = tmp_path_factory.mktemp("nested") / "openapi.yaml"
    path.write_text("openapi: 3.1.0\ninfo: {title: t, version: v1}\npaths: {}\n")
    contract = load_contract(path, platform="p", version="v1")
    out: list[str] = []
    _encode("field", value, out)
    read = read_value(contract, schema, name="field", style="deepObject", explode=True,
                      found=pairs("&".join(out)))
    assert read == value
