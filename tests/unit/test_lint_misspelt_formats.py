"""A ``format`` that is a checked format misspelt checks nothing, so `contract lint` warns with
the format meant; an author's own format and every registry format stay quiet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.contracts.lint_formats import KNOWN_FORMATS, misspelt_formats
from tests.support.projects import MINI_CONTRACT, mini_project


@pytest.mark.parametrize(("written", "meant"), [
    ("date-tme", "date-time"), ("datetime", "date-time"), ("date_time", "date-time"),
    ("DATE-TIME", "date-time"), ("Date", "date"), ("e-mail", "email"), ("uuid4", "uuid"),
    ("ipv-4", "ipv4"), ("Int64", "int64"), ("hostnme", "hostname"),
])
def test_a_misspelt_format_is_named_with_the_one_meant(written: str, meant: str) -> None:
    schema = {"type": "object", "properties": {"when": {"type": "string", "format": written}}}
    assert list(misspelt_formats(schema)) == [("/properties/when/format", written, meant)]


@pytest.mark.parametrize("written", [*sorted(KNOWN_FORMATS), "x-money", "currency", "phone",
                                     "yyyy-MM-dd"])
def test_registry_and_own_formats_are_left_alone(written: str) -> None:
    assert list(misspelt_formats({"type": "string", "format": written})) == []


def test_a_format_inside_an_example_is_data() -> None:
    schema = {"type": "object", "example": {"format": "datetime"},
              "properties": {"format": {"type": "string", "enum": ["datetime"]}}}
    assert list(misspelt_formats(schema)) == []


def test_contract_lint_warns_at_the_line_of_the_format(tmp_path: Path) -> None:
    contract = MINI_CONTRACT.replace("created_at: {type: string, format: date-time}",
                                     "created_at: {type: string, format: date-tme}")
    project = mini_project(tmp_path / "p", contract=contract)
    result = CliRunner().invoke(app, ["contract", "lint", "--project", str(project), "-f",
                                      "json"])
    [finding] = [f for f in json.loads(result.output)["findings"]
                 if f["code"] == "contract.format-unknown"]
    assert finding["location"]["pointer"] == \
        "/components/schemas/Order/properties/created_at/format"
    assert finding["location"]["line"] == 35
    assert "did you mean 'date-time'" in finding["message"]


# The OpenAPI Format Registry's entries (spec.openapis.org/registry/format), written out here so
# that a name dropped from KNOWN_FORMATS is caught, and the JSON Schema 2020-12 formats.
REGISTRY = [
    "base64url", "binary", "byte", "char", "commonmark", "date", "date-time", "date-time-local",
    "decimal", "decimal128", "double", "double-int", "duration", "email", "float", "hostname",
    "html", "http-date", "idn-email", "idn-hostname", "imf-fixdate", "int8", "int16", "int32",
    "int64", "ipv4", "ipv4-cidr", "ipv6", "ipv6-cidr", "iri", "iri-reference", "json-pointer",
    "language", "media-range", "password", "regex", "relative-json-pointer", "sf-binary",
    "sf-boolean", "sf-decimal", "sf-integer", "sf-string", "sf-token", "templated-url", "time",
    "time-local", "uint8", "uint16", "uint32", "uint64", "unixtime", "uri", "uri-reference",
    "uri-template", "uuid",
]


@pytest.mark.parametrize("written", REGISTRY)
def test_every_registry_format_is_known(written: str) -> None:
    assert written in KNOWN_FORMATS
    assert list(misspelt_formats({"type": "string", "format": written})) == []


def test_contract_lint_is_quiet_on_every_registry_format(tmp_path: Path) -> None:
    fields = "\n".join(f"        f{i}: {{type: string, format: {name}}}"
                       for i, name in enumerate(REGISTRY))
    contract = MINI_CONTRACT.replace(
        "        created_at: {type: string, format: date-time}",
        "        created_at: {type: string, format: date-time}\n" + fields)
    assert fields in contract
    project = mini_project(tmp_path / "p", contract=contract)
    result = CliRunner().invoke(app, ["contract", "lint", "--project", str(project), "-f",
                                      "json"])
    codes = [f["code"] for f in json.loads(result.output)["findings"]]
    assert "contract.format-unknown" not in codes
