"""Recorded verification of a REST request's headers, cookies, required body, repeated query
values and multipart body.

The contract is written from the public descriptions of an accounting API (a required tenant
header on every call, ``If-Modified-Since`` as a date-time, an idempotency key of at most 128
characters, a required JSON body on writes) and of a payments API's file upload (a multipart
body with a ``purpose`` field and a file part), plus the OpenAPI style table for header arrays
and objects and form-style cookies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.findings import Finding
from seamguard.privacy.http import TrafficScrubber
from tests.support.projects import codes_at, interaction, mini_project, verify_project

BASE = "https://api.books.example/api.xro/2.0"
TENANT = "6b9e8f2a-41c3-4d7e-9a05-3f1c2b8d7e64"

CONTRACT = """
openapi: 3.0.3
info: {title: Books, version: v1}
components:
  parameters:
    tenant: {name: xero-tenant-id, in: header, required: true, schema: {type: string}}
    since:
      {name: If-Modified-Since, in: header, schema: {type: string, format: date-time}}
    idempotency:
      {name: Idempotency-Key, in: header, schema: {type: string, maxLength: 128}}
  schemas:
    Contact:
      type: object
      required: [Name]
      properties:
        Name: {type: string}
        IsSupplier: {type: boolean}
paths:
  /Contacts:
    parameters:
      - {$ref: '#/components/parameters/tenant'}
    get:
      parameters:
        - {$ref: '#/components/parameters/since'}
        - {name: page, in: query, schema: {type: integer, minimum: 1}}
        - {name: order, in: query, schema: {type: string}}
        - {name: Accept, in: header, required: true, schema: {type: string, enum: [x/y]}}
        - {name: Authorization, in: header, required: true, schema: {type: integer}}
        - {name: X-Page-Size, in: header, schema: {type: integer, maximum: 100}}
        - {name: X-Region, in: header, schema: {type: string, enum: [AU, NZ, UK, US]}}
        - {name: X-Trace, in: header, schema: {type: string, pattern: '^[0-9a-f]{8}$'}}
        - name: X-Fields
          in: header
          schema: {type: array, items: {type: string, enum: [Name, Status, Phones]}}
        - name: X-Range
          in: header
          explode: true
          schema: {type: object, properties: {from: {type: integer}, to: {type: integer}}}
        - name: X-Point
          in: header
          schema: {type: object, properties: {x: {type: integer}, y: {type: integer}}}
        - {name: session, in: cookie, schema: {type: string, minLength: 8}}
        - {name: theme, in: cookie, schema: {type: string, enum: [light, dark]}}
        - {name: seen, in: cookie, explode: false,
           schema: {type: array, items: {type: integer}}}
      responses: {"200": {description: ok}}
    put:
      parameters:
        - {$ref: '#/components/parameters/idempotency'}
        - {name: summarizeErrors, in: query, schema: {type: boolean}}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                Contacts: {type: array, items: {$ref: '#/components/schemas/Contact'}}
      responses: {"200": {description: ok}}
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Contact'}
      responses: {"200": {description: ok}}
  /Reports/Session:
    get:
      parameters:
        - {name: device, in: cookie, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
  /files:
    post:
      requestBody:
        required: true
        content:
          multipart/form-data:
            encoding:
              file_link_data: {contentType: application/json}
            schema:
              type: object
              required: [file, purpose]
              properties:
                file: {type: string, format: binary}
                options: {type: string, description: a JSON document sent as text}
                purpose:
                  type: string
                  enum: [dispute_evidence, identity_document, business_logo]
                file_link_data:
                  type: object
                  properties: {create: {type: boolean}, expires_at: {type: integer}}
      responses: {"200": {description: ok}}
"""

BOUNDARY = "----seamguard7MA4YWxkTrZu0gW"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


def call(method: str, path: str, headers: dict[str, str | None] | None = None, body: Any = None,
         content_type: str = "application/json") -> dict[str, Any]:
    """A recorded call; a header given as None is left out."""
    recorded = interaction(None, uri=BASE + path, method=method, headers={})
    sent = {"xero-tenant-id": TENANT, "User-Agent": "books-sdk/1.0", **(headers or {})}
    if body is not None:
        recorded["request"]["body"] = body if isinstance(body, str) else json.dumps(body)
        sent.setdefault("Content-Type", content_type)
    recorded["request"]["headers"] = {name: [value] for name, value in sent.items()
                                      if value is not None}
    return recorded


def form_data(*parts: tuple[str, str | None, str | None, str]) -> str:
    """A multipart/form-data body: (name, filename, Content-Type, content) per part."""
    out = []
    for name, filename, media, content in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename
                                                    else "")
        head = f"Content-Disposition: {disposition}\r\n"
        if media:
            head += f"Content-Type: {media}\r\n"
        out.append(f"--{BOUNDARY}\r\n{head}\r\n{content}\r\n")
    return "".join(out) + f"--{BOUNDARY}--\r\n"


def verify(root: Path, calls: list[dict[str, Any]]) -> list[Finding]:
    project = mini_project(root, contract=CONTRACT, interactions=calls, settings=f"""
        [tool.seamguard.platforms.shop]
        versions = ["v1"]
        base_url = "{BASE}"
        """)
    return verify_project(project)


found = codes_at


CONTACT = {"Contacts": [{"Name": "Bayside Club", "IsSupplier": False}]}
LOGO = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"

CLEAN = [
    call("GET", "/Contacts?page=1&order=Name%20ASC", {
        "If-Modified-Since": "2020-02-06T12:17:43.202-08:00", "Accept": "application/json",
        "Authorization": "Bearer abc", "X-Page-Size": "50", "X-Region": "NZ",
        "X-Trace": "0a1b2c3d", "X-Fields": "Name, Status,Phones", "X-Range": "from=1,to=9",
        "X-Point": "x,1,y,2", "Cookie": "session=s3ss10n-abc; theme=dark; seen=1,2,3"}),
    call("get", "/Contacts", {"XERO-TENANT-ID": TENANT, "x-page-size": " 7 ",
                              "Cookie": 'theme="light"; other=1'}),
    call("PUT", "/Contacts?summarizeErrors=false", {"Idempotency-Key": "k" * 128}, CONTACT),
    call("POST", "/Contacts", {}, None),  # the body of this write is optional
    call("GET", "/Reports/Session", {"Cookie": "device=tablet"}),
    call("POST", "/files", {}, form_data(
        ("purpose", None, None, "business_logo"), ("file", "logo.png", "image/png", LOGO),
        ("file_link_data", None, "application/json", '{"create": true}')), MULTIPART),
    call("POST", "/files", {}, form_data(  # a file part with no filename; JSON the schema
        ("purpose", None, None, "dispute_evidence"),  # takes as text
        ("file", None, "application/octet-stream", LOGO),
        ("options", None, "application/json", '{"access": "PRIVATE"}')), MULTIPART),
    call("GET", "/Contacts?page=2&page=2"),  # a scalar repeated with one value
]


def test_requests_with_declared_headers_cookies_and_bodies_pass(tmp_path: Path) -> None:
    assert verify(tmp_path, CLEAN) == []


@pytest.mark.parametrize(("request_", "expected"), [
    # header parameters
    (call("GET", "/Contacts", {"xero-tenant-id": "", "X-Page-Size": "fifty"}),
     [("field.wrong-type", "request:/header/X-Page-Size")]),
    (call("GET", "/Contacts", {"X-Page-Size": "500"}),
     [("field.out-of-range", "request:/header/X-Page-Size")]),
    (call("GET", "/Contacts", {"X-Region": "EU"}),
     [("field.unknown-enum", "request:/header/X-Region")]),
    (call("GET", "/Contacts", {"X-Trace": "not-hex!"}),
     [("field.wrong-format", "request:/header/X-Trace")]),
    (call("GET", "/Contacts", {"If-Modified-Since": "yesterday"}),
     [("field.wrong-format", "request:/header/If-Modified-Since")]),
    (call("GET", "/Contacts", {"X-Fields": "Name,Email"}),
     [("field.unknown-enum", "request:/header/X-Fields/1")]),
    (call("GET", "/Contacts", {"X-Range": "from=1,to=nine"}),
     [("field.wrong-type", "request:/header/X-Range/to")]),
    (call("GET", "/Contacts", {"X-Range": "from,1"}),
     [("field.wrong-format", "request:/header/X-Range")]),
    (call("GET", "/Contacts", {"X-Point": "x,1,y"}),
     [("field.wrong-format", "request:/header/X-Point")]),
    (call("PUT", "/Contacts", {"Idempotency-Key": "k" * 129}, CONTACT),
     [("field.out-of-range", "request:/header/Idempotency-Key")]),
    # cookie parameters
    (call("GET", "/Contacts", {"Cookie": "session=short"}),
     [("field.out-of-range", "request:/cookie/session")]),
    (call("GET", "/Contacts", {"Cookie": "theme=blue; session=s3ss10n-abc"}),
     [("field.unknown-enum", "request:/cookie/theme")]),
    (call("GET", "/Contacts", {"Cookie": "seen=1,two"}),
     [("field.wrong-type", "request:/cookie/seen/1")]),
    (call("GET", "/Reports/Session", {"Cookie": "theme=dark"}),
     [("field.missing", "request:/cookie/device")]),
    (call("GET", "/Reports/Session"), [("field.missing", "request:/cookie/device")]),
    # a required body
    (call("PUT", "/Contacts", {}, None), [("field.missing", "request:/body")]),
    (call("PUT", "/Contacts", {}, "  \n"), [("field.missing", "request:/body")]),
    (call("PUT", "/Contacts", {}, {"Contacts": [{"IsSupplier": True}]}),
     [("field.missing", "request:/body/Contacts/0/Name")]),
    # repeated scalar query values: each judged, each finding once; different values that
    # all pass are a finding of their own (servers differ on which one they read)
    (call("GET", "/Contacts?page=1&page=2"), [("field.wrong-type", "request:/query/page")]),
    (call("GET", "/Contacts?page=1&page=x"), [("field.wrong-type", "request:/query/page")]),
    (call("GET", "/Contacts?page=x&page=y&page=0"),
     [("field.wrong-type", "request:/query/page"), ("field.out-of-range", "request:/query/page")]),
    # a body in a media type the operation does not declare
    (call("POST", "/Contacts", {}, "Name=Bayside", "application/x-www-form-urlencoded"),
     [("content-type.undeclared", "request:/body")]),
    (call("POST", "/Contacts", {}, form_data(("Name", None, None, "Bayside")), MULTIPART),
     [("content-type.undeclared", "request:/body")]),
    (call("POST", "/Contacts", {"Content-Type": None}, {"Name": "Bayside"}),
     [("content-type.undeclared", "request:/body")]),
    # multipart bodies: the fields are read
    (call("POST", "/files", {}, form_data(("purpose", None, None, "selfie"),
                                          ("file", "a.png", "image/png", LOGO)), MULTIPART),
     [("field.unknown-enum", "request:/body/purpose")]),
    (call("POST", "/files", {}, form_data(("purpose", None, None, "business_logo")), MULTIPART),
     [("field.missing", "request:/body/file")]),
    (call("POST", "/files", {}, form_data(
        ("purpose", None, None, "business_logo"), ("file", "a.png", "image/png", LOGO),
        ("file_link_data", None, "application/json", '{"create": "yes"}')), MULTIPART),
     [("field.wrong-type", "request:/body/file_link_data/create")]),
    (call("POST", "/files", {}, "purpose=business_logo", MULTIPART),
     [("body.undecodable", "request:/body")]),
])
def test_each_planted_request_defect_is_found_once(
        tmp_path: Path, request_: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    findings = verify(tmp_path, [*CLEAN, request_])
    assert found(findings) == expected
    assert all(f.location.interaction == len(CLEAN) and f.hint for f in findings)


def test_a_missing_required_header_is_found(tmp_path: Path) -> None:
    recorded = call("GET", "/Contacts")
    del recorded["request"]["headers"]["xero-tenant-id"]
    findings = verify(tmp_path, [recorded])
    assert found(findings) == [("field.missing", "request:/header/xero-tenant-id")]
    assert "header" in findings[0].hint


def test_headers_openapi_says_are_not_parameters_are_not_judged(tmp_path: Path) -> None:
    """Accept, Content-Type and Authorization parameters are ignored (OpenAPI 3, Parameter
    Object): the contract above requires both with schemas no real value meets."""
    recorded = call("GET", "/Contacts")
    assert verify(tmp_path, [recorded]) == []


def test_a_recording_that_keeps_no_request_header_is_not_called_incomplete(
        tmp_path: Path) -> None:
    recorded = call("GET", "/Reports/Session")
    recorded["request"]["headers"] = {}
    assert verify(tmp_path, [recorded]) == []


def test_values_the_privacy_layer_scrubbed_are_present_and_not_judged(tmp_path: Path) -> None:
    """The scrubber redacts the whole Cookie header and credential-like headers; what it
    leaves says nothing about the value sent, so it is neither missing nor a wrong type."""
    scrubber = TrafficScrubber()
    sent = {"Cookie": ["device=tablet; theme=blue"], "X-Page-Size": ["fifty"],
            "xero-tenant-id": [TENANT], "User-Agent": ["books-sdk/1.0"]}
    headers = scrubber.headers(sent)
    assert headers["Cookie"] == ["<redacted>"]
    recorded = call("GET", "/Reports/Session")
    recorded["request"]["headers"] = headers
    page = call("GET", "/Contacts", {"X-Page-Size": "<redacted>", "Cookie": "session=<redacted>"})
    query = call("GET", "/Contacts?page=%3Credacted%3E")
    assert verify(tmp_path, [recorded, page, query]) == []


HEADER_TEXT = st.text(alphabet=st.sampled_from(list('ab=,;" %2C<>é0x\t')), max_size=40)


@settings(max_examples=60, deadline=None)
@given(value=HEADER_TEXT, cookie=HEADER_TEXT, body=HEADER_TEXT)
def test_any_header_cookie_or_multipart_text_gives_findings_never_an_exception(
        tmp_path_factory: pytest.TempPathFactory, value: str, cookie: str, body: str) -> None:
    root = tmp_path_factory.mktemp("hostile")
    sent = dict.fromkeys(("X-Fields", "X-Range", "X-Point", "X-Page-Size"), value)
    calls = [call("GET", "/Contacts", {**sent, "Cookie": cookie}),
             call("POST", "/files", {}, f"--{BOUNDARY}\r\n{body}\r\n\r\n{value}", MULTIPART)]
    findings = verify(root, calls)
    assert all((f.location.pointer or "").startswith(("request:/header/", "request:/cookie/",
                                                      "request:/body")) for f in findings)
