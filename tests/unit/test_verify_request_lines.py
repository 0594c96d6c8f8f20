"""Recorded verification of values sent more than once: a header on several lines, a form field
or query parameter repeated, and the header parameters of webhook deliveries.

vcrpy stores every header as the list of its lines' values. RFC 9110 (5.3) lets a recipient
join the lines of a header whose grammar is a comma-separated list; a header that takes one value
must be sent once. The webhook headers are the shapes public platforms document for their
deliveries: an HMAC signature in base64, a delivery id that is a UUID, a topic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seamguard.findings import Finding
from tests.support.projects import codes_at, interaction, mini_project, verify_project

BASE = "https://api.shop.example/v1"
HOOK = "https://integration.example/hooks/shop"
SIGNATURE = "2cM1dTG0ENnGKYBnW8Q1A2hbP4Aqn7Lr5qk2pVv3jXo="
DELIVERY = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"

CONTRACT = """
openapi: 3.1.0
info: {title: Shop, version: v1}
paths:
  /items:
    get:
      parameters:
        - name: X-Fields
          in: header
          schema: {type: array, items: {type: string, enum: [id, name, price]}}
        - {name: X-Page-Size, in: header, schema: {type: integer, maximum: 100}}
        - {name: limit, in: query, schema: {type: integer}}
        - {name: session, in: cookie, schema: {type: string}}
        - {name: theme, in: cookie, schema: {type: string, enum: [dark, light]}}
      responses:
        "200":
          description: ok
          headers:
            X-Rate-Limit-Remaining: {schema: {type: integer, minimum: 0}}
            X-Scopes:
              schema: {type: array, items: {type: string, enum: [read, write]}}
  /charges:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                amount: {type: integer}
                currency: {type: string}
                expand: {type: array, items: {type: string}}
                metadata: {type: object, additionalProperties: {type: string}}
      responses: {"200": {description: ok}}
  /refunds:
    post:
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [charge]
              properties: {charge: {type: string}, amount: {type: integer}}
      responses: {"200": {description: ok}}
webhooks:
  orders/create:
    post:
      parameters:
        - name: X-Shop-Hmac-Sha256
          in: header
          required: true
          schema: {type: string, pattern: "^[A-Za-z0-9+/]{43}=$"}
        - {name: X-Shop-Webhook-Id, in: header, schema: {type: string, format: uuid}}
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [id], properties: {id: {type: integer}}}
      responses: {"200": {description: ok}}
"""


def call(method: str, path: str, headers: dict[str, list[str]],
         body: str | None = None, response_headers: dict[str, list[str]] | None = None,
         ) -> dict[str, Any]:
    recorded = interaction(None, uri=BASE + path, method=method, headers={
        "Content-Type": ["application/json"], **(response_headers or {})})
    recorded["request"]["headers"] = {"User-Agent": ["shop-sdk/2.1"], **headers}
    recorded["request"]["body"] = body
    return recorded


def delivery(headers: dict[str, list[str]]) -> dict[str, Any]:
    recorded = interaction(None, uri=HOOK, method="POST", headers={})
    recorded["request"]["headers"] = {"X-Shop-Topic": ["orders/create"],
                                      "Content-Type": ["application/json"], **headers}
    recorded["request"]["body"] = '{"id": 820982911946154508}'
    return recorded


def form(body: str, path: str = "/charges") -> dict[str, Any]:
    return call("POST", path, {"Content-Type": ["application/x-www-form-urlencoded"]}, body)


def verify(root: Path, calls: list[dict[str, Any]]) -> list[Finding]:
    project = mini_project(root, contract=CONTRACT, interactions=calls, settings=f"""
        [tool.seamguard.platforms.shop]
        versions = ["v1"]
        base_url = "{BASE}"
        webhook_topic_header = "X-Shop-Topic"
        """)
    return verify_project(project)


CLEAN = [
    # a list header on several lines reads as one list (RFC 9110 5.3)
    call("GET", "/items", {"X-Fields": ["id", "name, price"]}),
    # the same value twice says one thing
    call("GET", "/items", {"X-Page-Size": ["50", "50"]}),
    # HTTP/2 sends each cookie on a line of its own
    call("GET", "/items", {"Cookie": ["session=abc", "theme=dark"]}),
    call("GET", "/items", {}, response_headers={"X-Scopes": ["read", "write"],
                                                "X-Rate-Limit-Remaining": ["39"]}),
    form("amount=2000&currency=usd&expand[]=customer&expand[]=invoice&metadata[a]=1"
         "&metadata[b]=2"),
    form("amount=2000&amount=2000"),
    delivery({"X-Shop-Hmac-Sha256": [SIGNATURE], "X-Shop-Webhook-Id": [DELIVERY]}),
    delivery({"X-Shop-Hmac-Sha256": ["<redacted>"]}),  # scrubbed: present, not judged
]


def test_values_sent_more_than_once_that_say_one_thing_pass(tmp_path: Path) -> None:
    assert verify(tmp_path, CLEAN) == []


@pytest.mark.parametrize(("recorded", "expected"), [
    # every line of a list header is read, not only the first
    (call("GET", "/items", {"X-Fields": ["id", "weight"]}),
     [("field.unknown-enum", "request:/header/X-Fields/1")]),
    # a header that takes one value, sent with two: the second is judged too
    (call("GET", "/items", {"X-Page-Size": ["50", "500"]}),
     [("field.out-of-range", "request:/header/X-Page-Size")]),
    (call("GET", "/items", {"X-Page-Size": ["50", "20"]}),
     [("field.wrong-type", "request:/header/X-Page-Size")]),
    (call("GET", "/items", {"Cookie": ["session=abc", "theme=blue"]}),
     [("field.unknown-enum", "request:/cookie/theme")]),
    # response headers: each line judged, a list's lines joined
    (call("GET", "/items", {}, response_headers={"X-Rate-Limit-Remaining": ["39", "-1"]}),
     [("header.invalid", "header:X-Rate-Limit-Remaining")]),
    (call("GET", "/items", {}, response_headers={"X-Scopes": ["read", "admin"]}),
     [("header.invalid", "header:X-Scopes")]),
    # a form field whose property takes one value, sent with two
    (form("amount=1&amount=2&currency=usd"), [("field.wrong-type", "request:/body/amount")]),
    (form("amount=1&currency=usd&amount=x"), [("field.wrong-type", "request:/body/amount")]),
    (call("GET", "/items?limit=1&limit=2", {}), [("field.wrong-type", "request:/query/limit")]),
    # a webhook delivery's header parameters
    (delivery({}), [("field.missing", "request:/header/X-Shop-Hmac-Sha256")]),
    (delivery({"X-Shop-Hmac-Sha256": ["sha256=" + SIGNATURE]}),
     [("field.wrong-format", "request:/header/X-Shop-Hmac-Sha256")]),
    (delivery({"X-Shop-Hmac-Sha256": [SIGNATURE], "X-Shop-Webhook-Id": ["delivery-1"]}),
     [("field.wrong-format", "request:/header/X-Shop-Webhook-Id")]),
    (delivery({"X-Shop-Hmac-Sha256": [SIGNATURE, SIGNATURE.replace("2", "3")]}),
     [("field.wrong-type", "request:/header/X-Shop-Hmac-Sha256")]),
])
def test_each_value_sent_more_than_once_is_judged_once(
        tmp_path: Path, recorded: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert codes_at(verify(tmp_path, [recorded])) == expected


def test_a_repeated_value_finding_names_every_value_and_the_fix(tmp_path: Path) -> None:
    (finding,) = verify(tmp_path, [form("amount=1&amount=2&currency=usd")])
    assert "sent 2 times" in finding.message
    assert '["1", "2"]' in finding.message
    assert finding.expected == "integer"


def test_a_webhook_header_finding_says_the_delivery_is_not_to_be_trusted(
        tmp_path: Path) -> None:
    (finding,) = verify(tmp_path, [delivery({})])
    assert finding.hint is not None
    assert "delivery" in finding.hint
    assert finding.location.operation == "webhook orders/create"


@pytest.mark.parametrize("body", ["", " "])
def test_an_empty_form_names_the_required_fields_it_leaves_out(tmp_path: Path,
                                                                 body: str) -> None:
    # An empty form is a form with no field: what it lacks is the required field, not a body.
    found = verify(tmp_path, [form(body, "/refunds"), form("charge=ch_1", "/refunds")])
    assert codes_at(found) == [("field.missing", "request:/body/charge")]
