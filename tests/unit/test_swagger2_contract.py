"""A Swagger 2.0 contract in a project is read as the OpenAPI 3.0 document it means, by every
check, and what is found names the 2.0 document's own lines and JSON pointers.

The documents follow the shapes public Swagger 2.0 specifications take (a pet store's
``definitions`` and ``produces``; an open platform's body and form parameters, ``x-nullable``
fields, shared parameters and a schemas file), written here in our own words.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.lint import lint_contract
from seamguard.contracts.model import load_contract
from seamguard.errors import ContractError
from seamguard.findings import Finding
from seamguard.project import find_project
from tests.support.projects import interaction, mini_project, verify_project

PETS = """
swagger: "2.0"
info: {title: Shop, version: v1}
host: shop.example.com
basePath: /api/v1
schemes: [https]
produces: [application/json]
paths:
  /orders/{id}.json:
    get:
      operationId: getOrder
      parameters:
        - {name: id, in: path, required: true, type: integer}
      responses:
        "200":
          description: One order.
          schema:
            type: object
            required: [order]
            properties:
              order: {$ref: "#/definitions/Order"}
        "404":
          description: Not found.
          schema: {$ref: "#/definitions/Error"}
definitions:
  Order:
    type: object
    required: [id, status, total]
    properties:
      id: {type: integer, format: int64}
      status: {type: string, enum: [open, paid, cancelled]}
      total: {type: string}
      buyer_memo: {type: string, x-nullable: true}
      seller_memo: {type: string}
  Error:
    type: object
    properties:
      message: {type: string}
"""

# An open platform's style: a signed gateway, an app key header, the payload as a body
# parameter, form uploads, shared parameters and a file of schemas next to the document.
PLATFORM = """
swagger: "2.0"
info: {title: 开放平台, version: v1}
host: shop.example.com
basePath: /api/v1
consumes: [application/json]
produces: [application/json]
parameters:
  AppKey: {name: app_key, in: header, required: true, type: string}
  TradeBody:
    name: trade
    in: body
    required: true
    schema: {$ref: "#/definitions/TradeCreate"}
paths:
  /trades.json:
    post:
      summary: 创建交易
      parameters:
        - {$ref: "#/parameters/AppKey"}
        - {$ref: "#/parameters/TradeBody"}
      responses:
        "200":
          description: 交易
          schema: {$ref: "#/definitions/Trade"}
  /images.json:
    post:
      consumes: [multipart/form-data]
      parameters:
        - {name: image, in: formData, type: file, required: true}
        - {name: title, in: formData, type: string, maxLength: 30}
      responses:
        "200": {description: ok, schema: {$ref: "common.yaml#/ImageResult"}}
definitions:
  TradeCreate:
    type: object
    required: [num_iid, num]
    properties:
      num_iid: {type: integer, format: int64}
      num: {type: integer, minimum: 1}
  Trade:
    type: object
    required: [tid, payment]
    properties:
      tid: {type: integer, format: int64}
      payment: {type: string}
      receiver_zip: {type: string, x-nullable: true}
"""

COMMON = """
ImageResult:
  type: object
  required: [url]
  properties:
    url: {type: string}
    width: {type: integer, x-nullable: true}
"""

TRADES = "https://shop.example.com/api/v1/trades.json"
IMAGES = "https://shop.example.com/api/v1/images.json"


def _project(tmp_path: Path, contract: str, interactions: list[dict[str, Any]],
             files: dict[str, str] | None = None) -> Path:
    root = mini_project(tmp_path / "p", contract=contract, interactions=interactions)
    for name, text in (files or {}).items():
        (root / "contracts/shop/v1" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _line(root: Path, text: str) -> int:
    lines = (root / "contracts/shop/v1/openapi.yaml").read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _order(**changes: Any) -> dict[str, Any]:
    order = {"id": 1, "status": "paid", "total": "9.90", "buyer_memo": None}
    order.update(changes)
    return {"order": order}


def test_a_good_recording_of_a_swagger2_contract_passes(tmp_path: Path) -> None:
    root = _project(tmp_path, PETS, [interaction(_order())])
    assert verify_project(root) == []


def test_verify_finds_a_planted_type_violation_at_its_pointer(tmp_path: Path) -> None:
    root = _project(tmp_path, PETS, [interaction(_order()), interaction(_order(id="2"))])
    [finding] = verify_project(root)
    assert (finding.code, finding.location.pointer) == ("field.wrong-type", "/order/id")
    assert finding.location.file == "orders.yaml"
    assert finding.location.interaction == 1
    assert finding.location.operation == "GET /orders/{id}.json"


@pytest.mark.parametrize(("field", "codes"), [
    ("buyer_memo", []),  # x-nullable: true
    ("seller_memo", [("field.wrong-type", "/order/seller_memo")]),
])
def test_x_nullable_is_what_lets_a_field_be_null(tmp_path: Path, field: str,
                                                 codes: list[tuple[str, str]]) -> None:
    root = _project(tmp_path, PETS, [interaction(_order(**{field: None}))])
    assert [(f.code, f.location.pointer) for f in verify_project(root)] == codes


def _trade_call(body: Any, reply: Any) -> dict[str, Any]:
    call = interaction(reply, uri=TRADES, method="POST")
    call["request"]["body"] = json.dumps(body)
    call["request"]["headers"] = {"Content-Type": ["application/json"], "app_key": ["k"]}
    return call


def test_a_body_parameter_checks_the_request_and_x_nullable_the_reply(tmp_path: Path) -> None:
    good = _trade_call({"num_iid": 1, "num": 2},
                       {"tid": 7, "payment": "1.00", "receiver_zip": None})
    bad = _trade_call({"num_iid": "1", "num": 2},
                      {"tid": 7, "payment": 1.0, "receiver_zip": None})
    root = _project(tmp_path, PLATFORM, [good, bad], {"common.yaml": COMMON})
    found = {(f.code, f.location.pointer, f.location.interaction)
             for f in verify_project(root)}
    assert ("field.wrong-type", "/payment", 1) in found
    assert any(pointer is not None and pointer.endswith("/num_iid") and index == 1
               for _, pointer, index in found), found
    assert all(index == 1 for *_, index in found), found


def test_a_schemas_file_a_swagger2_document_refers_to_reads_x_nullable(tmp_path: Path) -> None:
    reply = {"url": "https://img.example.com/1.png", "width": None}
    call = interaction(reply, uri=IMAGES, method="POST")
    call["request"]["headers"] = {"Content-Type": ["multipart/form-data; boundary=b"]}
    call["request"]["body"] = (
        '--b\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n'
        'Content-Type: image/png\r\n\r\nPNG\r\n--b--\r\n')
    root = _project(tmp_path, PLATFORM, [call], {"common.yaml": COMMON})
    assert verify_project(root) == []
    # the form's required file is checked too: a request without it is a finding
    call["request"]["body"] = '--b--\r\n'
    root = _project(tmp_path / "without", PLATFORM, [call], {"common.yaml": COMMON})
    assert [f.location.pointer for f in verify_project(root)] == ["request:/body/image"]


def _lint(root: Path) -> list[Any]:
    return lint_contract(ContractCatalog(find_project(root)), "shop", "v1")


def test_contract_lint_passes_a_good_swagger2_document(tmp_path: Path) -> None:
    root = _project(tmp_path, PLATFORM, [], {"common.yaml": COMMON})
    assert [f.code for f in _lint(root) if f.severity.value == "error"] == []


@pytest.mark.parametrize(("before", "after", "pointer"), [
    ("total: {type: string}", "total: {type: strng}",
     "/definitions/Order/properties/total/type"),
    ("buyer_memo: {type: string, x-nullable: true}",
     "buyer_memo: {type: string, x-nullable: true, minLength: -1}",
     "/definitions/Order/properties/buyer_memo/minLength"),
    ("order: {$ref: \"#/definitions/Order\"}", "order: {type: object, required: yes}",
     "/paths/~1orders~1{id}.json/get/responses/200/schema/properties/order/required"),
])
def test_contract_lint_names_the_swagger2_place(tmp_path: Path, before: str, after: str,
                                                pointer: str) -> None:
    contract = PETS.replace(before, after)
    assert contract != PETS
    root = _project(tmp_path, contract, [])
    errors = [f for f in _lint(root) if f.severity.value == "error"]
    assert [f.location.pointer for f in errors] == [pointer]
    assert errors[0].location.line == _line(root, after.split(",")[-1].strip(" }"))
    assert "Swagger 2.0" in errors[0].message


def test_a_bad_body_parameter_is_named_where_it_is_written(tmp_path: Path) -> None:
    contract = PLATFORM.replace("num: {type: integer, minimum: 1}",
                                "num: {type: integer, minimum: one}")
    root = _project(tmp_path, contract, [], {"common.yaml": COMMON})
    [error] = [f for f in _lint(root) if f.severity.value == "error"]
    assert error.location.pointer == "/definitions/TradeCreate/properties/num/minimum"
    assert error.location.line == _line(root, "minimum: one")


def _load(root: Path) -> Any:
    return load_contract(root / "contracts/shop/v1/openapi.yaml", platform="shop", version="v1")


@pytest.mark.parametrize(("before", "after", "pointer", "text"), [
    ("produces: [application/json]", "produces: application/json", "/produces",
     "produces: application/json"),
    ("        - {name: id, in: path, required: true, type: integer}",
     "        - {name: 7, in: path, required: true, type: integer}",
     "/paths/~1orders~1{id}.json/get/parameters/0/name", "name: 7"),
    ("      responses:\n        \"200\":", "      responses: [200]\n      x:\n        \"200\":",
     "/paths/~1orders~1{id}.json/get/responses", "responses: [200]"),
])
def test_bad_swagger2_input_is_a_usage_error_with_its_pointer(
        tmp_path: Path, before: str, after: str, pointer: str, text: str) -> None:
    contract = PETS.replace(before, after, 1)
    assert contract != PETS
    root = _project(tmp_path, contract, [])
    with pytest.raises(ContractError) as caught:
        _load(root)
    assert caught.value.pointer == pointer
    assert caught.value.line == _line(root, text)


def test_a_broken_ref_of_a_swagger2_document_names_its_line(tmp_path: Path) -> None:
    contract = PETS.replace('schema: {$ref: "#/definitions/Error"}',
                            'schema: {$ref: "#/definitions/Eror"}')
    root = _project(tmp_path, contract, [])
    with pytest.raises(ContractError) as caught:
        _load(root)
    assert caught.value.line == _line(root, "#/definitions/Eror")
    assert "did you mean 'Error'" in (caught.value.hint or "")


def test_swagger_1_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    root = _project(tmp_path, 'swaggerVersion: "1.2"\napiVersion: "1"\napis: []\n', [])
    with pytest.raises(ContractError) as caught:
        _load(root)
    assert "Swagger 1.2" in caught.value.message
    assert caught.value.pointer == "/swaggerVersion"
    assert "convert" in (caught.value.hint or "")


def test_an_openapi3_document_labelled_swagger2_is_refused_at_its_label(tmp_path: Path) -> None:
    root = _project(tmp_path, "\nswagger: '2.0'\ninfo: {title: x, version: v1}\npaths: {}\n"
                              "components: {schemas: {}}\n", [])
    with pytest.raises(ContractError) as caught:
        _load(root)
    assert (caught.value.pointer, caught.value.line) == ("/swagger", 2)
    assert "`components`" in caught.value.message


MAPPING = """
description: Platform trades become orders.
source:
  contract: shop@v1
  schema: "#/definitions/Trade"
target:
  contract: shop@v1
  schema: "#/definitions/TradeCreate"
identity: {source: tid, target: num_iid}
fields:
  - {target: num_iid, source: tid}
  - {target: num, source: pyment}
"""


def test_map_lint_reads_the_fields_of_swagger2_definitions(tmp_path: Path) -> None:
    from seamguard.mapping.check import load_mappings
    from seamguard.mapping.lint import lint_mapping

    root = _project(tmp_path, PLATFORM, [], {"common.yaml": COMMON})
    folder = root / "contracts/mappings"
    folder.mkdir(parents=True)
    (folder / "trades.yaml").write_text(textwrap.dedent(MAPPING), encoding="utf-8")
    project = find_project(root)
    [mapping] = list(load_mappings(project))
    assert not isinstance(mapping, Finding), mapping
    findings = lint_mapping(mapping, ContractCatalog(project))
    unknown = [f for f in findings if f.code == "mapping.unknown-source-field"]
    assert [f.location.pointer for f in unknown] == ["/fields/1/source"]
    assert "did you mean 'payment'" in (unknown[0].hint or "")
    assert not [f for f in findings
                if f.code in ("mapping.invalid", "mapping.unknown-target-field")]


def test_probe_reads_the_same_openapi3_reading(tmp_path: Path) -> None:
    from seamguard.probe import read_schema

    root = _project(tmp_path, PLATFORM, [], {"common.yaml": COMMON})
    schema = read_schema(root / "contracts/shop/v1/openapi.yaml", None)
    assert schema.raw_schema["openapi"] == "3.0.3"
    found = {f"{op.method.upper()} {op.path}": op
             for op in (result.ok() for result in schema.get_all_operations())}
    assert set(found) == {"POST /trades.json", "POST /images.json"}
    body = found["POST /trades.json"].body[0]
    assert body.media_type == "application/json"
    assert found["POST /images.json"].body[0].media_type == "multipart/form-data"


_ID_PARAM = "        - {name: id, in: path, required: true, type: integer}"


def test_a_query_parameter_in_another_file_is_read_as_2_0(tmp_path: Path) -> None:
    contract = PETS.replace(_ID_PARAM, _ID_PARAM + "\n        - {$ref: 'params.yaml#/Limit'}")
    call = interaction(_order(), uri="https://shop.example.com/api/v1/orders/1.json?limit=ten")
    root = _project(tmp_path, contract, [call],
                    {"params.yaml": "Limit: {name: limit, in: query, type: integer}\n"})
    assert [(f.code, f.location.pointer) for f in verify_project(root)] == [
        ("field.wrong-type", "request:/query/limit")]


# The open platform with its payload and shared reply kept in a file beside the document.
SHARED = """
parameters:
  TradeBody:
    name: trade
    in: body
    required: true
    schema: {$ref: "#/definitions/TradeCreate"}
  Title: {name: title, in: formData, type: string, maxLength: 30}
responses:
  TradeReply:
    description: 交易
    headers:
      X-Request-Id: {type: string}
    schema: {$ref: "#/definitions/Trade"}
definitions:
  TradeCreate:
    type: object
    required: [num_iid, num]
    properties:
      num_iid: {type: integer, format: int64}
      num: {type: integer, minimum: 1}
  Trade:
    type: object
    required: [tid, payment]
    properties:
      tid: {type: integer, format: int64}
      payment: {type: string}
      receiver_zip: {type: string, x-nullable: true}
"""
_REPLY = ('        "200":\n          description: 交易\n'
          '          schema: {$ref: "#/definitions/Trade"}')
SPLIT = PLATFORM.replace('        - {$ref: "#/parameters/TradeBody"}',
                         "        - {$ref: 'shared.yaml#/parameters/TradeBody'}").replace(
    _REPLY, "        \"200\": {$ref: 'shared.yaml#/responses/TradeReply'}").replace(
    "        - {name: title, in: formData, type: string, maxLength: 30}",
    "        - {$ref: 'shared.yaml#/parameters/Title'}")


def test_a_body_parameter_and_response_in_another_file_are_taken_in(tmp_path: Path) -> None:
    assert SPLIT.count("shared.yaml") == 3
    good = _trade_call({"num_iid": 1, "num": 2},
                       {"tid": 7, "payment": "1.00", "receiver_zip": None})
    bad = _trade_call({"num_iid": "1", "num": 2},
                      {"tid": 7, "payment": 1.0, "receiver_zip": None})
    root = _project(tmp_path, SPLIT, [good, bad], {"common.yaml": COMMON,
                                                   "shared.yaml": SHARED})
    found = {(f.code, f.location.pointer, f.location.interaction)
             for f in verify_project(root)}
    assert ("field.wrong-type", "/payment", 1) in found
    assert any(pointer is not None and pointer.endswith("/num_iid") and index == 1
               for _, pointer, index in found), found
    assert all(index == 1 for *_, index in found), found
    operation = _load(root).document["paths"]["/trades.json"]["post"]
    assert operation["requestBody"]["required"] is True
    assert operation["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "shared.yaml#/parameters/TradeBody/schema"}
    reply = operation["responses"]["200"]
    assert reply["content"]["application/json"]["schema"] == {
        "$ref": "shared.yaml#/responses/TradeReply/schema"}
    assert reply["headers"]["X-Request-Id"]["schema"] == {"type": "string"}
    form = _load(root).document["paths"]["/images.json"]["post"]["requestBody"]
    assert form["content"]["multipart/form-data"]["schema"]["properties"]["title"] == {
        "type": "string", "maxLength": 30}


def test_a_shared_body_in_another_file_diffs_like_one_in_the_document(tmp_path: Path) -> None:
    """The same edits, to a payload kept in another file or in the document, are the same
    changes; those in the other file name it and the pointer as written there."""
    from seamguard.contracts.diff import diff_contracts, load_spec

    def side(name: str, shared: str, contract: str) -> Any:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "shared.yaml").write_text(shared, encoding="utf-8")
        (folder / "common.yaml").write_text(COMMON, encoding="utf-8")
        (folder / "openapi.yaml").write_text(contract, encoding="utf-8")
        return load_spec(folder / "openapi.yaml", platform="shop", version=name)

    def edited(text: str) -> str:
        return text.replace("num: {type: integer, minimum: 1}",
                            "num: {type: integer, minimum: 5}").replace(
            "payment: {type: string}", "payment: {type: integer}")

    split = diff_contracts(side("a", SHARED, SPLIT), side("b", edited(SHARED), SPLIT))
    whole = diff_contracts(side("c", SHARED, PLATFORM), side("d", SHARED, edited(PLATFORM)))
    assert {(c.id, c.level, c.operation, c.path) for c in split} == {
        (c.id, c.level, c.operation, c.path) for c in whole}
    assert {(c.id, c.level) for c in split} == {("request-property-min-increased", "error"),
                                                ("response-property-type-changed", "error")}
    assert sorted(c.component.rpartition("/b/")[2] for c in split) == [
        "shared.yaml#/definitions/Trade/properties/payment",
        "shared.yaml#/definitions/TradeCreate/properties/num"]


def test_a_missing_body_file_is_named_at_its_ref(tmp_path: Path) -> None:
    root = _project(tmp_path, SPLIT, [], {"common.yaml": COMMON})
    with pytest.raises(ContractError) as caught:
        _load(root)
    assert caught.value.line == _line(root, "shared.yaml#/parameters/TradeBody")


def test_a_shared_parameter_of_the_document_may_refer_to_a_body_elsewhere(
        tmp_path: Path) -> None:
    contract = PLATFORM.replace(
        '    name: trade\n    in: body\n    required: true\n'
        '    schema: {$ref: "#/definitions/TradeCreate"}',
        "    $ref: 'shared.yaml#/parameters/TradeBody'")
    assert contract != PLATFORM
    root = _project(tmp_path, contract, [], {"common.yaml": COMMON, "shared.yaml": SHARED})
    document = _load(root).document
    operation = document["paths"]["/trades.json"]["post"]
    assert operation["parameters"] == [{"$ref": "#/components/parameters/AppKey"}]
    assert operation["requestBody"] == {"required": True, "content": {"application/json": {
        "schema": {"$ref": "shared.yaml#/parameters/TradeBody/schema"}}}}
    assert set(document["components"]["parameters"]) == {"AppKey"}


def test_a_shared_response_of_the_document_may_refer_to_one_elsewhere(tmp_path: Path) -> None:
    contract = SPLIT.replace("        \"200\": {$ref: 'shared.yaml#/responses/TradeReply'}",
                             "        \"200\": {$ref: '#/responses/Reply'}") + (
        "responses:\n  Reply: {$ref: 'shared.yaml#/responses/TradeReply'}\n")
    root = _project(tmp_path, contract, [], {"common.yaml": COMMON, "shared.yaml": SHARED})
    document = _load(root).document
    reply = document["components"]["responses"]["Reply"]
    assert reply["content"] == {"application/json": {
        "schema": {"$ref": "shared.yaml#/responses/TradeReply/schema"}}}
    assert document["paths"]["/trades.json"]["post"]["responses"]["200"] == {
        "$ref": "#/components/responses/Reply"}
