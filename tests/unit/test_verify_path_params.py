"""Recorded verification reads the path parameters of REST calls and checks their schemas."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract, load_contract
from seamguard.findings import Finding, Severity
from seamguard.project import find_project
from seamguard.recordings.cassettes import read_cassette
from seamguard.verify import RecordedVerifier
from seamguard.verify_path import PathParamChecks
from tests.support.projects import GOOD_ORDER, codes_at, interaction, mini_project, verify_project

BASE = "https://shop.example.com/api/v1"

CONTRACT = """
openapi: 3.1.0
info: {title: Shop, version: v1}
paths:
  /orders/{id}.json:
    parameters:
      - {name: id, in: path, required: true, schema: {type: integer}}
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /shops/{shop}/{kind}-{day}:
    get:
      parameters:
        - {name: shop, in: path, required: true,
           schema: {type: string, pattern: "^[a-z]+$"}}
        - {name: kind, in: path, required: true, schema: {type: string, enum: [daily, weekly]}}
        - {name: day, in: path, required: true, schema: {type: string, format: date}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /flags/{on}:
    get:
      parameters:
        - {name: on, in: path, required: true, schema: {type: boolean}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /prices/{amount}:
    get:
      parameters:
        - {name: amount, in: path, required: true, schema: {type: number, minimum: 0}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /labels/{ids}:
    get:
      parameters:
        - {name: ids, in: path, required: true, style: label, explode: true,
           schema: {type: array, items: {type: integer}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /matrix/{id}:
    get:
      parameters:
        - {$ref: "#/components/parameters/MatrixId"}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /lists/{ids}:
    get:
      parameters:
        - {name: ids, in: path, required: true, schema: {type: array, items: {type: integer}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /names/{name}:
    get:
      parameters:
        - {name: name, in: path, required: true, schema: {type: string, maxLength: 5}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
components:
  parameters:
    MatrixId: {name: id, in: path, required: true, style: matrix,
               schema: {type: integer}}
"""


def check(root: Path, path: str) -> list[Finding]:
    project = mini_project(root, contract=CONTRACT, interactions=[
        interaction({}, uri=f"{BASE}{path}", headers={"Content-Type": ["application/json"]})])
    return verify_project(project)


found = codes_at


@pytest.mark.parametrize("path", [
    "/orders/42.json", "/orders/-7.json", "/shops/acme/daily-2024-07-01",
    "/shops/acme/weekly-2024-07-01", "/flags/true", "/flags/false", "/prices/10.5",
    "/prices/0", "/labels/.1.2.3", "/matrix/;id=5", "/lists/1,2,3", "/names/ab%20c",
    # Percent-decoded before it is judged: 37 characters on the wire, five once decoded.
    "/names/%E8%AE%A2%E5%8D%95%E5%8F%B7%E7%A0%81x", "/shops/acme/week%6Cy-2024-07-01",
])
def test_path_parameters_that_match_their_schemas_pass(tmp_path: Path, path: str) -> None:
    assert check(tmp_path, path) == []


@pytest.mark.parametrize(("path", "expected"), [
    ("/orders/abc.json", [("field.wrong-type", "request:/path/id")]),
    ("/orders/4.5.json", [("field.wrong-type", "request:/path/id")]),
    ("/shops/ACME/daily-2024-07-01", [("field.wrong-format", "request:/path/shop")]),
    ("/shops/acme/hourly-2024-07-01", [("field.unknown-enum", "request:/path/kind")]),
    ("/shops/acme/daily-2024-13-45", [("field.wrong-format", "request:/path/day")]),
    ("/flags/yes", [("field.wrong-type", "request:/path/on")]),
    ("/prices/-1", [("field.out-of-range", "request:/path/amount")]),
    ("/prices/ten", [("field.wrong-type", "request:/path/amount")]),
    ("/labels/.1.x.3", [("field.wrong-type", "request:/path/ids/1")]),
    ("/labels/1.2", [("field.wrong-format", "request:/path/ids")]),
    ("/matrix/5", [("field.wrong-format", "request:/path/id")]),
    ("/matrix/;id=x", [("field.wrong-type", "request:/path/id")]),
    ("/lists/1,two", [("field.wrong-type", "request:/path/ids/1")]),
    ("/names/abc%20def", [("field.out-of-range", "request:/path/name")]),
])
def test_path_parameters_that_break_their_schemas_are_findings(
        tmp_path: Path, path: str, expected: list[tuple[str, str]]) -> None:
    findings = check(tmp_path, path)
    assert found(findings) == expected
    assert all(f.severity is Severity.ERROR for f in findings)
    assert all("path parameter" in f.message for f in findings)


def test_a_path_parameter_finding_names_the_operation_and_the_value(tmp_path: Path) -> None:
    [finding] = check(tmp_path, "/orders/abc.json")
    assert finding.location.operation == "GET /orders/{id}.json"
    assert finding.actual == "abc"
    assert "integer" in str(finding.expected)


def test_a_bad_path_parameter_is_found_beside_a_clean_body(tmp_path: Path) -> None:
    """The fast path for clean interactions must not skip the path: the same operation is
    first seen clean, then with a bad id."""
    project = mini_project(tmp_path, interactions=[
        interaction(GOOD_ORDER), interaction(GOOD_ORDER, uri=f"{BASE}/orders/x1.json"),
        interaction(GOOD_ORDER, uri=f"{BASE}/orders/2.json")])
    loaded = find_project(project)
    verifier = RecordedVerifier(loaded, ContractCatalog(loaded))
    cassette = read_cassette(project / "fixtures/cassettes/orders.yaml", display="orders.yaml",
                             max_bytes=1 << 26)
    findings = verifier.verify_cassette(cassette)
    assert [(f.location.interaction, f.code, f.location.pointer) for f in findings] == [
        (1, "field.wrong-type", "request:/path/id")]


STYLED = """
openapi: 3.1.0
info: {title: Styled, version: v1}
paths:
"""
STYLES = [(style, explode) for style in ("simple", "label", "matrix") for explode in (False, True)]
for _style, _explode in STYLES:
    STYLED += f"""
  /{_style}-{str(_explode).lower()}/{{ids}}:
    get:
      parameters:
        - {{name: ids, in: path, required: true, style: {_style}, explode: {str(_explode).lower()},
           schema: {{type: array, items: {{type: integer}}}}}}
      responses: {{"200": {{description: ok}}}}
  /{_style}-{str(_explode).lower()}/one/{{id}}:
    get:
      parameters:
        - {{name: id, in: path, required: true, style: {_style}, explode: {str(_explode).lower()},
           schema: {{type: integer}}}}
      responses: {{"200": {{description: ok}}}}
"""


@pytest.fixture(scope="module")
def styled(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    path = tmp_path_factory.mktemp("styled") / "openapi.yaml"
    path.write_text(STYLED, encoding="utf-8")
    return load_contract(path, platform="p", version="v1")


def serialise(style: str, explode: bool, name: str, value: int | list[int]) -> str:
    """A value written as OpenAPI's style table says (the client's side)."""
    items = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    if style == "simple":
        return ",".join(items)
    if style == "label":
        return "." + ("." if explode else ",").join(items)
    if explode and isinstance(value, list):
        return "".join(f";{name}={item}" for item in items)
    return f";{name}=" + ",".join(items)


@given(style=st.sampled_from(STYLES), ids=st.lists(st.integers(), min_size=1, max_size=5),
       one=st.integers())
def test_a_value_written_in_its_declared_style_reads_back_clean(
        styled: Contract, style: tuple[str, bool], ids: list[int], one: int) -> None:
    name, explode = style
    prefix = f"/{name}-{str(explode).lower()}"
    checks = PathParamChecks()
    for path, param, value in ((f"{prefix}/{{ids}}", "ids", ids),
                               (f"{prefix}/one/{{id}}", "id", one)):
        operation = styled.match("get", path.replace(
            f"{{{param}}}", serialise(name, explode, param, value)))
        assert operation is not None
        assert operation.path == path
        written = serialise(name, explode, param, value)
        assert checks.violations(styled, operation, path.replace(f"{{{param}}}", written)) == []


@given(style=st.sampled_from(STYLES), bad=st.text(st.sampled_from("abxyz"), min_size=1,
                                                  max_size=4))
def test_a_value_that_is_no_integer_is_a_wrong_type_in_every_style(
        styled: Contract, style: tuple[str, bool], bad: str) -> None:
    name, explode = style
    written = {"simple": bad, "label": f".{bad}", "matrix": f";id={bad}"}[name]
    path = f"/{name}-{str(explode).lower()}/one/{written}"
    operation = styled.match("get", path)
    assert operation is not None
    [violation] = PathParamChecks().violations(styled, operation, path)
    assert (violation.code, violation.pointer) == ("field.wrong-type", "/path/id")


TWIN_TEMPLATES = """
openapi: 3.0.3
info: {title: Books, version: v1}
paths:
  /invoices/{InvoiceID}/attachments/{AttachmentID}:
    parameters:
      - {name: InvoiceID, in: path, required: true, schema: {type: string, format: uuid}}
      - {name: AttachmentID, in: path, required: true, schema: {type: string, format: uuid}}
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /invoices/{InvoiceID}/attachments/{FileName}:
    parameters:
      - {name: InvoiceID, in: path, required: true, schema: {type: string, format: uuid}}
      - {name: FileName, in: path, required: true, schema: {type: string}}
    get:
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /journals/{JournalID}:
    get:
      parameters:
        - {name: JournalID, in: path, required: true, schema: {type: string, format: uuid}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /journals/{JournalNumber}:
    get:
      parameters:
        - {name: JournalNumber, in: path, required: true, schema: {type: integer}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
"""
INVOICE = "4f2a6c10-8d3e-4b7a-9c51-2e6f0d8a1b3c"


@pytest.mark.parametrize(("path", "operation", "expected"), [
    (f"/invoices/{INVOICE}/attachments/{INVOICE}",
     "GET /invoices/{InvoiceID}/attachments/{AttachmentID}", []),
    (f"/invoices/{INVOICE}/attachments/receipt.pdf",
     "GET /invoices/{InvoiceID}/attachments/{FileName}", []),
    ("/journals/17", "GET /journals/{JournalNumber}", []),
    (f"/journals/{INVOICE}", "GET /journals/{JournalID}", []),
    ("/journals/last", "GET /journals/{JournalNumber}", [("field.wrong-type",
                                                           "request:/path/JournalNumber")]),
    ("/invoices/nope/attachments/receipt.pdf",
     "GET /invoices/{InvoiceID}/attachments/{AttachmentID}",
     [("field.wrong-format", "request:/path/InvoiceID"),
      ("field.wrong-format", "request:/path/AttachmentID")]),
])
def test_templates_of_the_same_shape_are_told_apart_by_their_parameters(
        tmp_path: Path, path: str, operation: str, expected: list[tuple[str, str]]) -> None:
    """A call is checked against the operation whose path parameters it satisfies; when
    none does, against the first, as before."""
    calls = [interaction({"x": 1}, uri=f"{BASE}{path}", status=201)]  # names its operation
    project = mini_project(tmp_path, contract=TWIN_TEMPLATES, interactions=calls)
    loaded = find_project(project)
    verifier = RecordedVerifier(loaded, ContractCatalog(loaded))
    cassette = read_cassette(project / "fixtures/cassettes/orders.yaml", display="orders.yaml",
                             max_bytes=1 << 26)
    findings = verifier.verify_cassette(cassette)
    assert found(findings) == [*expected, ("status.undocumented", None)]
    assert {f.location.operation for f in findings} == {operation}
