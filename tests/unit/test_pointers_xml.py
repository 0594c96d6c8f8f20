"""Pointers continuing inside XML held by a string (``⟨xml⟩``), as they do inside JSON."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.wire.envelope import Envelope
from seamguard.wire.pointers import (
    MISSING,
    EmbeddedNotJson,
    EmbeddedNotXml,
    EmbeddedUnreadable,
    Step,
    descend,
    format_steps,
    parse,
    resolve,
    through_xml,
)
from seamguard.wire.profile import EnvelopeSettings

ROUTES = ('<Request service="RoutePushService" xmlns:sf="urn:sf"><Body>'
          '<sf:WaybillRoute mailno="SF1" opCode="50"/><sf:WaybillRoute mailno="SF1" opCode="80">'
          "<remark><![CDATA[已签收 <本人>]]></remark></sf:WaybillRoute><Empty/>"
          '<data>{"a": [1, 2]}</data></Body></Request>')
ONE = '<Request><Body><WaybillRoute mailno="SF2" opCode="44"/></Body></Request>'


def test_the_marker_parses_prints_and_escapes() -> None:
    steps = parse("/content⟨xml⟩/Request/Body/data⟨json⟩/a")
    assert steps == (Step("content", True, True), Step("Request"), Step("Body"),
                     Step("data", True, False), Step("a"))
    assert format_steps(steps) == "/content⟨xml⟩/Request/Body/data⟨json⟩/a"
    # a key that itself ends with the marker stays a key
    literal = parse("/odd~2xml⟩")
    assert literal == (Step("odd⟨xml⟩"),)
    assert format_steps(literal) == "/odd~2xml⟩"


def test_resolve_reads_attributes_cdata_namespaces_and_json_inside() -> None:
    body = {"content": ROUTES}
    assert resolve(body, "/content⟨xml⟩/Request/service") == "RoutePushService"
    assert resolve(body, "/content⟨xml⟩/Request/Body/WaybillRoute/1/opCode") == "80"
    assert resolve(body, "/content⟨xml⟩/Request/Body/WaybillRoute/1/remark") == "已签收 <本人>"
    assert resolve(body, "/content⟨xml⟩/Request/Body/Empty") == ""
    assert resolve(body, "/content⟨xml⟩/Request/Body/data⟨json⟩/a/1") == 2
    assert resolve(body, "/content⟨xml⟩/Request/Body/Nothing") is MISSING


@pytest.mark.parametrize(("text", "kind"), [
    ("<Request><Body>", "not-well-formed"),
    ("not markup at all", "not-well-formed"),
    ('<!DOCTYPE r [<!ENTITY e "x">]><r>&e;</r>', "unsafe"),
    ('<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]><r>&e;</r>', "unsafe"),
    ("<a>" * 200 + "</a>" * 200, "too-deep"),
    (None, "not-text"),
    (7, "not-text"),
])
def test_what_is_not_xml_says_why(text: Any, kind: str) -> None:
    with pytest.raises(EmbeddedNotXml) as raised:
        resolve({"content": text}, "/content⟨xml⟩/r")
    assert raised.value.kind == kind
    assert raised.value.pointer == "/content"
    assert isinstance(raised.value, EmbeddedUnreadable)
    assert not isinstance(raised.value, EmbeddedNotJson)


def test_star_takes_a_single_xml_element_as_one_and_leaves_json_alone() -> None:
    many = list(descend({"content": ROUTES}, "/content⟨xml⟩/Request/Body/WaybillRoute/*"))
    assert [at for at, _ in many] == ["/content⟨xml⟩/Request/Body/WaybillRoute/0",
                                      "/content⟨xml⟩/Request/Body/WaybillRoute/1"]
    one = list(descend({"content": ONE}, "/content⟨xml⟩/Request/Body/WaybillRoute/*"))
    assert one == [("/content⟨xml⟩/Request/Body/WaybillRoute",
                    {"mailno": "SF2", "opCode": "44"})]
    # JSON tells a list from an object: * over an object reaches nothing
    assert list(descend({"Body": {"WaybillRoute": {"mailno": "SF2"}}},
                        "/Body/WaybillRoute/*")) == []
    # JSON inside XML is JSON again
    assert list(descend({"content": ROUTES}, "/content⟨xml⟩/Request/Body/data⟨json⟩/a/*")) \
        == [("/content⟨xml⟩/Request/Body/data⟨json⟩/a/0", 1),
            ("/content⟨xml⟩/Request/Body/data⟨json⟩/a/1", 2)]


def test_through_xml_follows_the_last_embedded_document() -> None:
    assert through_xml("/content⟨xml⟩/Request/Body")
    assert not through_xml("/content⟨xml⟩/Request/data⟨json⟩/a")
    assert not through_xml("/apiResultData⟨json⟩/msgData", outer=True)
    assert through_xml("/Response/Body", outer=True)
    assert not through_xml("")


SETTINGS = EnvelopeSettings.model_validate({
    "payload": "/data⟨xml⟩/Response/Body",
    "success_when": [{"pointer": "/data⟨xml⟩/Response/Head", "equals": "OK"}],
    "errors": [
        {"when": {"pointer": "/code", "not_equals": "0"}, "code": "/code"},
        {"when": {"pointer": "/data⟨xml⟩/Response/Head", "equals": "ERR"},
         "code": "/data⟨xml⟩/Response/ERROR/code",
         "message": "/data⟨xml⟩/Response/ERROR/#text"},
    ]})


def test_an_envelope_opens_xml_held_by_a_string() -> None:
    envelope = Envelope(SETTINGS)
    ok = envelope.open({"code": 0, "data": "<Response><Head>OK</Head><Body><n>1</n></Body>"
                                           "</Response>"})
    assert (ok.kind, ok.payload, ok.prefix) == ("success", {"n": "1"}, "/data⟨xml⟩/Response/Body")
    refused = envelope.open({"code": "0", "data": '<Response><Head>ERR</Head><ERROR code="9">'
                                                  "busy</ERROR></Response>"})
    assert refused.kind == "error"
    assert refused.error is not None
    assert (refused.error.code, refused.error.message, refused.error.at) == (
        "9", "busy", "/data⟨xml⟩/Response/Head")
    broken = envelope.open({"code": "0", "data": "<Response>"})
    assert broken.kind == "unknown"
    assert isinstance(broken.problem, EmbeddedNotXml)
    assert "/data⟨xml⟩" in envelope.expected(None)


_PARTS = st.sampled_from([
    "<Response>", "</Response>", "<Head>OK</Head>", "<Head>ERR</Head>", "<Body>", "</Body>",
    "<n>1</n>", '<ERROR code="4">x</ERROR>', "<![CDATA[<]]>", "&amp;", "&e;",
    '<!DOCTYPE r [<!ENTITY e "x">]>', "<a:b xmlns:a='urn:a'/>", "中", " ", "<", "\x00"])


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(_PARTS, max_size=10), code=st.sampled_from(["0", 0, "5", None]))
def test_payload_of_agrees_with_open_on_any_text(parts: list[str], code: Any) -> None:
    """The per-operation payload function and open() agree, and neither raises, whatever the
    string holds."""
    envelope = Envelope(SETTINGS)
    body = {"code": code, "data": "".join(parts)} if code is not None else \
        {"data": "".join(parts)}
    opened = envelope.open(body)
    payload = envelope.payload_of(None)(body)
    assert payload == (opened.payload if opened.kind == "success" else MISSING)


def test_drift_generalises_indexes_inside_xml_too() -> None:
    from seamguard.drift.observe import generalise

    body = {"content": ROUTES, "broken": "<a>"}
    assert generalise(body, "/content⟨xml⟩/Request/Body/WaybillRoute/1/opCode") == \
        "/content⟨xml⟩/Request/Body/WaybillRoute/*/opCode"
    assert generalise(body, "/content⟨xml⟩/Request/Body/data⟨json⟩/a/0") == \
        "/content⟨xml⟩/Request/Body/data⟨json⟩/a/*"
    # text that is not XML: the rest is kept as written
    assert generalise(body, "/broken⟨xml⟩/a/0") == "/broken⟨xml⟩/a/0"
