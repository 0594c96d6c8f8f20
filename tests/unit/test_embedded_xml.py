"""XML inside strings: contentMediaType application/xml (or text/xml) with a contentSchema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.contracts.model import Contract, load_contract
from seamguard.contracts.validation import violations
from seamguard.xml_documents import loads_xml

# SF's XML-mode route push: a form whose `content` field holds the XML document.
CONTRACT = """
openapi: 3.1.0
info: {title: XML inside strings, version: "1"}
paths:
  /push:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [content]
              properties:
                content:
                  type: string
                  contentMediaType: application/xml
                  contentSchema: {$ref: "#/components/schemas/RouteRequest"}
                note:
                  type: string
                  contentMediaType: text/xml; charset=utf-8
                  contentSchema: {type: object, required: [Note],
                                  properties: {Note: {type: object,
                                    properties: {count: {type: integer}}}}}
                meta:
                  type: string
                  contentMediaType: application/json
                  contentSchema:
                    type: object
                    properties:
                      inner:
                        type: string
                        contentMediaType: application/xml
                        contentSchema: {$ref: "#/components/schemas/RouteRequest"}
      responses:
        "200": {description: ok}
components:
  schemas:
    RouteRequest:
      type: object
      required: [Request]
      properties:
        Request:
          type: object
          required: [service, Body]
          properties:
            service: {type: string, const: RoutePushService}
            lang: {type: string}
            Body:
              type: object
              required: [WaybillRoute]
              properties:
                WaybillRoute:
                  type: array
                  items: {$ref: "#/components/schemas/Route"}
    Route:
      type: object
      required: [id, mailno, opCode]
      properties:
        id: {type: string}
        mailno: {type: string, pattern: "^SF[0-9]{10,15}$"}
        orderid: {type: string}
        acceptTime: {type: string}
        acceptAddress: {type: string}
        remark: {type: string}
        opCode: {type: integer}
"""

ROUTE = ('<WaybillRoute id="a51f9d515b86585" mailno="SF1462053916511" orderid="HS1982" '
         'acceptTime="2024-07-05 12:00:00" acceptAddress="深圳市" remark="已收取快件" '
         'opCode="{op}"/>')


def push(*routes: str, root: str = "Request") -> str:
    body = "".join(routes) or ROUTE.format(op="50")
    return (f'<?xml version="1.0" encoding="GBK"?><{root} service="RoutePushService" '
            f'lang="zh-CN"><Body>{body}</Body></{root}>')


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    path = tmp_path_factory.mktemp("xml") / "openapi.yaml"
    path.write_text(CONTRACT, encoding="utf-8")
    return load_contract(path, platform="sf", version="1")


def found(contract: Contract, form: dict[str, Any]) -> list[tuple[str, str]]:
    operation = contract.match("post", "/push")
    assert operation is not None
    ref = operation.request["application/x-www-form-urlencoded"].schema
    assert ref is not None
    return [(v.code, v.pointer) for v in violations(contract, ref, form)]


def test_a_clean_push_has_no_violations(contract: Contract) -> None:
    # one WaybillRoute reads as an array of one; opCode "50" as the declared integer
    assert found(contract, {"content": push()}) == []
    two = push(ROUTE.format(op="50"), ROUTE.format(op="80"))
    assert found(contract, {"content": two}) == []


def test_a_wrong_type_inside_points_into_the_document_as_sent(contract: Contract) -> None:
    assert found(contract, {"content": push(ROUTE.format(op="fifty"))}) == [
        ("field.wrong-type", "/content⟨xml⟩/Request/Body/WaybillRoute/opCode")]
    two = push(ROUTE.format(op="50"), ROUTE.format(op="x"))
    assert found(contract, {"content": two}) == [
        ("field.wrong-type", "/content⟨xml⟩/Request/Body/WaybillRoute/1/opCode")]


def test_a_missing_attribute_and_a_wrong_root(contract: Contract) -> None:
    route = ROUTE.format(op="50").replace(' mailno="SF1462053916511"', "")
    assert found(contract, {"content": push(route)}) == [
        ("field.missing", "/content⟨xml⟩/Request/Body/WaybillRoute/mailno")]
    assert found(contract, {"content": push(root="Response")}) == [
        ("field.missing", "/content⟨xml⟩/Request"),
        ("field.undeclared", "/content⟨xml⟩/Response")]


@pytest.mark.parametrize("text", ["mailno=SF1462053916511", '{"Request": {}}',
                                  "<Request><Body></Request>", ""])
def test_text_that_is_not_xml_is_one_finding(contract: Contract, text: str) -> None:
    operation = contract.match("post", "/push")
    assert operation is not None
    ref = operation.request["application/x-www-form-urlencoded"].schema
    assert ref is not None
    result = violations(contract, ref, {"content": text})
    assert [(v.code, v.pointer) for v in result] == [("body.embedded-not-xml", "/content")]
    assert "not well-formed XML" in result[0].message


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
])
def test_bombs_and_external_entities_are_refused_unread(contract: Contract,
                                                        doctype: str) -> None:
    text = f'{doctype}<Request service="RoutePushService"><Body>&b;</Body></Request>'
    operation = contract.match("post", "/push")
    assert operation is not None
    ref = operation.request["application/x-www-form-urlencoded"].schema
    assert ref is not None
    result = violations(contract, ref, {"content": text})
    assert [(v.code, v.pointer) for v in result] == [("body.embedded-unsafe-xml", "/content")]
    assert "DTD" in result[0].message
    assert "passwd" not in result[0].message.split("):")[0]


def test_text_xml_with_parameters_and_xml_inside_json(contract: Contract) -> None:
    form = {"content": push(), "note": "<Note><count>x</count></Note>"}
    assert found(contract, form) == [("field.wrong-type", "/note⟨xml⟩/Note/count")]
    meta = json.dumps({"inner": push(ROUTE.format(op="?"))})
    assert found(contract, {"content": push(), "meta": meta}) == [
        ("field.wrong-type", "/meta⟨json⟩/inner⟨xml⟩/Request/Body/WaybillRoute/opCode")]


def test_a_value_that_is_not_a_string_is_the_outer_schemas_business(
        contract: Contract) -> None:
    assert found(contract, {"content": 5}) == [("field.wrong-type", "/content")]


# XML 1.0 text: no control characters but tab, newline and carriage return; no surrogates.
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=20)
_EVENT = st.fixed_dictionaries(
    {"id": _TEXT, "mailno": st.from_regex(r"\ASF[0-9]{10,15}\Z"),
     "opCode": st.integers(0, 999).map(str)},
    optional={"orderid": _TEXT, "acceptAddress": _TEXT, "remark": _TEXT})


@settings(max_examples=60, deadline=None)
@given(events=st.lists(_EVENT, min_size=1, max_size=3), data=st.data())
def test_any_push_reads_back_and_a_dropped_attribute_is_found_where_it_was(
        contract: Contract, events: list[dict[str, str]], data: st.DataObject) -> None:
    from xml.sax.saxutils import quoteattr

    def document(items: list[dict[str, str]]) -> str:
        return push(*("<WaybillRoute " + " ".join(
            f"{k}={quoteattr(v)}" for k, v in item.items()) + "/>" for item in items))

    text = document(events)
    routes = loads_xml(text)["Request"]["Body"]["WaybillRoute"]
    assert (routes if len(events) > 1 else [routes]) == events  # the conversion rule
    assert found(contract, {"content": text}) == []
    index = data.draw(st.integers(0, len(events) - 1))
    name = data.draw(st.sampled_from(["id", "mailno", "opCode"]))
    broken = [dict(e) for e in events]
    del broken[index][name]
    at = f"/{index}" if len(events) > 1 else ""
    assert found(contract, {"content": document(broken)}) == [
        ("field.missing", f"/content⟨xml⟩/Request/Body/WaybillRoute{at}/{name}")]
