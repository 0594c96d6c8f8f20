"""Envelopes, push payloads and mapping selectors step into XML held by a string (``⟨xml⟩``),
as they step into JSON (``⟨json⟩``): a protocol of one's own answering JSON whose ``data`` holds
an XML document, pushing forms whose ``content`` holds one, and SF's XML-mode route push."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding
from seamguard.mapping.check import recorded_records
from seamguard.mapping.spec import load_mapping
from seamguard.project import find_project
from seamguard.verify import RecordedVerifier
from tests.support.gateway import gateway_project, interaction
from tests.support.projects import copy_example

SETTINGS = """
[tool.seamguard]
contracts = "contracts"
cassettes = "cassettes"

[tool.seamguard.platforms.oms]
base_url = "https://open.oms.example"
versions = ["v1"]

[tool.seamguard.platforms.oms.webhook_urls]
"https://erp.example.com/hooks/oms" = "*"

[tool.seamguard.platforms.oms.wire]
path = "/api/gateway"
methods = ["POST"]
operation = { in = ["form"], name = "api" }
push = { topic = { in = ["form"], name = "event" }, payload = "/content⟨xml⟩/Request/Body" }

[tool.seamguard.platforms.oms.wire.response]
payload = "/data⟨xml⟩/Response/Body"

[[tool.seamguard.platforms.oms.wire.response.errors]]
when = { pointer = "/code", not_equals = "0" }
code = "/code"
message = "/message"

[[tool.seamguard.platforms.oms.wire.response.errors]]
when = { pointer = "/data⟨xml⟩/Response/Head", equals = "ERR" }
code = "/data⟨xml⟩/Response/ERROR/code"
message = "/data⟨xml⟩/Response/ERROR/#text"
"""

CONTRACT = """
openapi: 3.1.0
info: {title: OMS subset, version: v1}
paths:
  /api/gateway#order.query:
    post:
      operationId: order.query
      responses:
        "200":
          description: the Body element of the XML document inside `data`
          content:
            application/json:
              schema:
                type: object
                required: [Order]
                properties:
                  Order:
                    type: array
                    items: {$ref: "#/components/schemas/Order"}
webhooks:
  order.shipped:
    post:
      operationId: order.shipped
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [Shipment]
              properties:
                Shipment:
                  type: array
                  items:
                    type: object
                    required: [waybill, op]
                    properties:
                      waybill: {type: string}
                      op: {type: integer}
      responses: {"200": {description: stored}}
components:
  schemas:
    Order:
      type: object
      required: [id, qty]
      properties:
        id: {type: string}
        qty: {type: integer}
        paid: {type: boolean}
        note: {type: string}
        lines:
          type: object
          properties:
            line:
              type: array
              items: {type: object, properties: {sku: {type: string}, n: {type: integer}}}
"""

URL = "https://open.oms.example/api/gateway"
HOOK = "https://erp.example.com/hooks/oms"
CALL = {"api": "order.query", "app_id": "a1"}


def answer(xml: str, code: str = "0") -> dict[str, Any]:
    return {"code": code, "message": "" if code == "0" else "refused", "data": xml}


def response(body: str) -> str:
    return f'<?xml version="1.0"?><Response><Head>OK</Head><Body>{body}</Body></Response>'


def push(xml: str) -> dict[str, Any]:
    return interaction(HOOK, {"event": "order.shipped", "content": xml}, {"ok": True})


def verify(root: Path, *items: dict[str, Any]) -> list[Finding]:
    gateway_project(root, {"calls": list(items)}, settings=SETTINGS)
    folder = root / "contracts" / "oms" / "v1"
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(CONTRACT, encoding="utf-8")
    project = find_project(root, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = verifier.read(project.cassettes_dir / "calls.yaml")
    assert not isinstance(cassette, Finding)
    return verifier.verify_cassette(cassette)


def found(findings: list[Finding]) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.location.interaction, f.location.pointer) for f in findings]


def test_a_payload_inside_xml_inside_json_is_typed_and_checked(tmp_path: Path) -> None:
    # namespaces, attributes, CDATA, an empty element, a nested list of one and of two
    clean = response(
        '<o:Order xmlns:o="urn:oms" id="A-1"><qty>2</qty><paid>true</paid>'
        "<note><![CDATA[<gift> & wrap]]></note><lines><line><sku>s1</sku><n>1</n></line>"
        "</lines></o:Order>"
        '<Order id="A-2"><qty>1</qty><note/><lines><line><sku>s2</sku><n>3</n></line>'
        "<line><sku>s3</sku><n>4</n></line></lines></Order>")
    one = response('<Order id="B-1"><qty>two</qty><paid>yes</paid></Order>')
    findings = verify(tmp_path, interaction(URL, CALL, answer(clean)),
                      interaction(URL, CALL, answer(one)))
    # a single Order is the array of one the schema declares, and the pointer names it as sent
    assert sorted(found(findings)) == [
        ("field.wrong-type", 1, "/data⟨xml⟩/Response/Body/Order/paid"),
        ("field.wrong-type", 1, "/data⟨xml⟩/Response/Body/Order/qty")]
    assert {f.actual for f in findings} == {"two", "yes"}


def test_error_rules_read_inside_the_xml_document(tmp_path: Path) -> None:
    refused = ('<Response><Head>ERR</Head><ERROR code="4001">系统繁忙</ERROR></Response>')
    findings = verify(tmp_path, interaction(URL, CALL, answer(refused)),
                      interaction(URL, CALL, answer(response(""), code="27")))
    assert found(findings) == [("response.in-band-error", 0, "/data⟨xml⟩/Response/Head"),
                               ("response.in-band-error", 1, "/code")]
    assert findings[0].actual == {"code": "4001", "message": "系统繁忙"}
    assert "4001" in findings[0].message


def test_text_that_is_not_xml_is_a_finding_never_a_traceback(tmp_path: Path) -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
            "<Response><Head>&b;</Head></Response>")
    findings = verify(tmp_path,
                      interaction(URL, CALL, answer("<Response><Head>OK</Head>")),
                      interaction(URL, CALL, answer(bomb)),
                      interaction(URL, CALL, answer("<a>" * 200 + "</a>" * 200)),
                      interaction(URL, CALL, {"code": "0", "data": 12}))
    assert found(findings) == [("body.embedded-not-xml", 0, "/data"),
                               ("body.embedded-unsafe-xml", 1, "/data"),
                               ("body.embedded-not-xml", 2, "/data"),
                               ("body.embedded-not-xml", 3, "/data")]
    assert "not well-formed XML" in findings[0].message
    assert findings[1].actual is None  # the refused text is not repeated in the report
    assert "nested deeper than 128" in findings[2].message
    assert "found int, not a string" in findings[3].message


def test_a_push_payload_pointer_steps_into_a_form_field_holding_xml(tmp_path: Path) -> None:
    ok = ('<Request service="push"><Body><Shipment waybill="SF1" op="50"/>'
          '<Shipment waybill="SF1" op="80"/></Body></Request>')
    one_wrong = '<Request><Body><Shipment waybill="SF2" op="3O"/></Body></Request>'
    findings = verify(tmp_path, push(ok), push(one_wrong), push("<Request><Body>"),
                      push("<Request><Head/></Request>"))
    assert found(findings) == [
        ("field.wrong-type", 1, "/content⟨xml⟩/Request/Body/Shipment/op"),
        ("body.embedded-not-xml", 2, "/content"),
        ("push.unknown-envelope", 3, "/content⟨xml⟩/Request/Body")]


def test_drift_reads_the_payload_inside_xml_typed(tmp_path: Path) -> None:
    verify(tmp_path, interaction(URL, CALL, answer(response('<Order id="C-1"><qty>5</qty>'
                                                           "</Order>"))))
    project = find_project(tmp_path, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = verifier.read(project.cassettes_dir / "calls.yaml")
    assert not isinstance(cassette, Finding)
    [body] = list(verifier.bodies(cassette))
    assert body.prefix == "/data⟨xml⟩/Response/Body"
    assert body.payload == {"Order": [{"id": "C-1", "qty": 5}]}


def test_sf_xml_mode_pushes_feed_the_route_mapping(tmp_path: Path) -> None:
    """The example's route mapping selects records inside the `content` field of SF's XML-mode
    push as it does in the JSON push: one WaybillRoute (no list marker) is one record."""
    root = copy_example(tmp_path / "example")
    project = find_project(root, explicit=True)
    catalog = ContractCatalog(project)
    verifier = RecordedVerifier(project, catalog)
    path = root / "contracts" / "mappings" / "sf-fengqiao-route-to-hubspot-deal.yaml"
    mapping = load_mapping(path, display=path.name)
    cassette = verifier.read(root / "fixtures" / "cassettes" / "sf-fengqiao" / "pushes.yaml")
    assert not isinstance(cassette, Finding)
    records = list(recorded_records(verifier, catalog, cassette, mapping))
    from_xml = [(pointer, record) for _, pointer, record in records if "⟨xml⟩" in pointer]
    from_json = [record for _, pointer, record in records if "⟨xml⟩" not in pointer]
    assert [pointer for pointer, _ in from_xml] == [
        "/content⟨xml⟩/Request/Body/WaybillRoute"]
    [(_, record)] = from_xml
    # the same event as the JSON push carries, attribute for field
    assert record in from_json
    assert record["opCode"] == "80"


def test_a_broken_xml_mode_push_is_a_finding_and_feeds_no_records(tmp_path: Path) -> None:
    root = copy_example(tmp_path / "example")
    pushes = root / "fixtures" / "cassettes" / "sf-fengqiao" / "pushes.yaml"
    text = pushes.read_text(encoding="utf-8")
    whole = "%3C%2FBody%3E%3C%2FRequest%3E"
    assert text.count(whole) == 1
    # the document cut off before its closing tags
    pushes.write_text(text.replace(whole, ""), encoding="utf-8")
    project = find_project(root, explicit=True)
    catalog = ContractCatalog(project)
    verifier = RecordedVerifier(project, catalog)
    cassette = verifier.read(pushes)
    assert not isinstance(cassette, Finding)
    findings = [f for f in verifier.verify_cassette(cassette) if f.severity.name == "ERROR"]
    assert [(f.code, f.location.pointer) for f in findings] == [
        ("body.embedded-not-xml", "/content")]
    path = root / "contracts" / "mappings" / "sf-fengqiao-route-to-hubspot-deal.yaml"
    mapping = load_mapping(path, display=path.name)
    records = list(recorded_records(verifier, catalog, cassette, mapping))
    assert records
    assert not [pointer for _, pointer, _ in records if "⟨xml⟩" in pointer]
