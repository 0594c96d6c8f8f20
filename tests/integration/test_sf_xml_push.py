"""SF's XML-mode route push in the example pack: a form whose `content` field holds the XML
document. The recorded push verifies clean; each defect planted inside the embedded XML is one
finding, with its code, at its place inside the document."""

from __future__ import annotations

import copy
import json
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import copy_example, load_cassette, save_cassette

runner = CliRunner()
CASSETTE = "fixtures/cassettes/sf-fengqiao/pushes.yaml"
BOMB = ('<!DOCTYPE Request [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<Request service="RoutePushService"><Body>&b;</Body></Request>')

# (id, change to the XML text, code, pointer)
DEFECTS = [
    ("mailno-as-an-element", lambda xml: xml.replace(
        ' mailno="SF1462053916511"', "").replace(
        "/></Body>", '><mailno kind="SF">SF1462053916511</mailno></WaybillRoute></Body>'),
     "field.wrong-type", "/content⟨xml⟩/Request/Body/WaybillRoute/mailno"),
    ("opCode-attribute-missing", lambda xml: xml.replace(' opCode="80"', ""),
     "field.missing", "/content⟨xml⟩/Request/Body/WaybillRoute/opCode"),
    ("content-not-xml", lambda _: "mailno=SF1462053916511&opCode=80",
     "body.embedded-not-xml", "/content"),
    ("entity-bomb", lambda _: BOMB, "body.embedded-unsafe-xml", "/content"),
]


def _xml_push(items: list[dict[str, Any]]) -> int:
    return next(i for i, item in enumerate(items)
                if "x-www-form-urlencoded" in json.dumps(item["request"]["headers"]))


@pytest.fixture(scope="module")
def verified(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, int, list[dict[str, Any]]]:
    """The clean push's index and, after each defect is planted in a copy of it appended to
    the cassette, what `seamguard verify` says."""
    root = copy_example(tmp_path_factory.mktemp("xmlpush") / "example")
    data = load_cassette(root / CASSETTE)
    clean = _xml_push(data["interactions"])
    assert clean == len(data["interactions"]) - 1
    for _, change, *_ in DEFECTS:
        item = copy.deepcopy(data["interactions"][clean])
        form = dict(parse_qsl(item["request"]["body"]))
        form["content"] = change(form["content"])
        item["request"]["body"] = urlencode(form)
        data["interactions"].append(item)  # after the last, which is the clean push
    save_cassette(root / CASSETTE, data)
    result = runner.invoke(app, ["verify", "--project", str(root), "--format", "json"])
    return result.exit_code, clean, json.loads(result.output)["findings"]


def _at(findings: list[dict[str, Any]], index: int) -> list[dict[str, Any]]:
    return [f for f in findings if f["location"].get("file") == CASSETTE
            and f["location"].get("interaction") == index]


def test_the_recorded_xml_push_verifies_clean(
        verified: tuple[int, int, list[dict[str, Any]]]) -> None:
    exit_code, clean, findings = verified
    assert exit_code == 1  # the planted ones
    assert _at(findings, clean) == []


@pytest.mark.parametrize(("offset", "code", "pointer"),
                         [pytest.param(i + 1, d[2], d[3], id=d[0]) for i, d in enumerate(DEFECTS)])
def test_a_defect_inside_the_embedded_xml_is_one_finding_where_it_is(
        verified: tuple[int, int, list[dict[str, Any]]], offset: int, code: str,
        pointer: str) -> None:
    _, clean, findings = verified
    here = _at(findings, clean + offset)
    assert [(f["code"], f["location"].get("pointer")) for f in here] == [(code, pointer)]
    assert "aaaaaaaaaaaaaaaaaaaa" not in json.dumps(here)  # the bomb was never expanded
