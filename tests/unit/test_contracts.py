from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.contracts.model import load_contract
from seamguard.contracts.validation import violations
from seamguard.errors import ContractError, DocumentError


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


SPEC_30 = """\
openapi: 3.0.3
info: {title: t, version: v1}
paths:
  /orders/count.json:
    get:
      responses:
        "200": {description: n, content: {application/json: {schema: {type: object}}}}
  /orders/{id}.json:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Order"}
        4XX: {$ref: "./common.yaml#/components/responses/Error"}
        default: {description: anything}
components:
  schemas:
    Order:
      type: object
      required: [id]
      properties:
        id: {type: integer}
        parent: {$ref: "#/components/schemas/Order"}
        address:
          nullable: true
          allOf: [{$ref: "./common.yaml#/components/schemas/Address"}]
"""

COMMON = """\
components:
  responses:
    Error:
      description: error
      content:
        "*/*":
          schema: {type: object, properties: {errors: {type: string}}}
  schemas:
    Address:
      type: object
      required: [city]
      properties: {city: {type: string}}
"""


@pytest.fixture
def contract_30(tmp_path: Path):  # type: ignore[no-untyped-def]
    write(tmp_path, "common.yaml", COMMON)
    path = write(tmp_path, "openapi.yaml", SPEC_30)
    return load_contract(path, platform="shop", version="v1")


def test_literal_paths_beat_templates(contract_30) -> None:  # type: ignore[no-untyped-def]
    assert contract_30.match("GET", "/orders/count.json").path == "/orders/count.json"
    assert contract_30.match("GET", "/orders/7.json").path == "/orders/{id}.json"
    assert contract_30.match("POST", "/orders/7.json") is None
    assert contract_30.methods_for("/orders/7.json") == ["get"]


def test_status_falls_back_to_range_then_default(contract_30) -> None:  # type: ignore[no-untyped-def]
    operation = contract_30.match("GET", "/orders/7.json")
    assert operation.response(200).status == "200"
    assert operation.response(404).status == "4XX"
    assert operation.response(503).status == "default"


def test_star_media_type_and_cross_file_refs(contract_30) -> None:  # type: ignore[no-untyped-def]
    error = contract_30.match("GET", "/orders/7.json").response(404)
    media = error.media("text/html; charset=utf-8")
    assert media is not None
    assert media.media_type == "*/*"
    assert violations(contract_30, media.schema, {"errors": 5})[0].code == "field.wrong-type"


def test_recursive_and_nullable_ref_schemas_validate(contract_30) -> None:  # type: ignore[no-untyped-def]
    media = contract_30.match("GET", "/orders/7.json").response(200).media("application/json")
    assert violations(contract_30, media.schema, {"id": 1, "address": None,
                                                  "parent": {"id": 2}}) == []
    found = violations(contract_30, media.schema,
                       {"id": 1, "address": {}, "parent": {"id": "x"}})
    assert {(v.code, v.pointer) for v in found} == {
        ("field.missing", "/address/city"), ("field.wrong-type", "/parent/id")}


def test_webhooks_are_indexed(tmp_path: Path) -> None:
    path = write(tmp_path, "openapi.yaml", """\
openapi: 3.1.0
info: {title: t, version: v1}
webhooks:
  orders/create:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [id], properties: {id: {type: integer}}}
      responses: {"200": {description: ok}}
""")
    contract = load_contract(path, platform="shop", version="v1")
    hook = contract.webhooks["orders/create"]
    assert hook.webhook
    assert hook.label == "webhook orders/create"
    assert violations(contract, hook.request["application/json"].schema, {})[0].code == (
        "field.missing")


def test_broken_ref_names_referring_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "openapi.yaml", SPEC_30.replace("Address\"}]", "Adress\"}]"))
    write(tmp_path, "common.yaml", COMMON)
    with pytest.raises(ContractError) as caught:
        load_contract(path, platform="shop", version="v1", display=lambda p: p.name)
    error = caught.value
    assert error.file == "openapi.yaml"
    assert error.line == SPEC_30.splitlines().index(
        '          allOf: [{$ref: "./common.yaml#/components/schemas/Address"}]') + 1
    assert error.hint == "did you mean 'Address'?"


def test_missing_ref_file(tmp_path: Path) -> None:
    path = write(tmp_path, "openapi.yaml", SPEC_30)
    with pytest.raises(ContractError, match="does not exist"):
        load_contract(path, platform="shop", version="v1")


def test_ref_cycle_without_schema_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "openapi.yaml", """\
openapi: 3.1.0
info: {title: t, version: v1}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/A"}}}
components:
  schemas:
    A: {$ref: "#/components/schemas/B"}
    B: {$ref: "#/components/schemas/A"}
""")
    with pytest.raises(ContractError, match="cycle"):
        load_contract(path, platform="shop", version="v1")


def test_an_operation_that_is_a_ref_is_refused_with_its_place(tmp_path: Path) -> None:
    # DigitalOcean's published source document writes `get: {$ref: resources/....yml}`: not
    # OpenAPI (only a path item may be a $ref), and its bundled form is what tools read.
    text = """\
openapi: 3.0.3
info: {title: t, version: v1}
paths:
  /v2/account:
    $ref: "items.yaml#/account"
  /v2/droplets:
    get:
      $ref: "resources/droplets_list.yml"
"""
    path = write(tmp_path, "openapi.yaml", text)
    write(tmp_path, "items.yaml", "account:\n  get:\n    responses: {'200': {description: ok}}\n")
    with pytest.raises(ContractError) as caught:
        load_contract(path, platform="do", version="v1", display=lambda p: p.name)
    error = caught.value
    assert error.pointer == "/paths/~1v2~1droplets/get"
    assert error.file == "openapi.yaml"
    assert error.line == text.splitlines().index("    get:", 4) + 1
    assert "'resources/droplets_list.yml'" in error.message
    assert "bundle" in (error.hint or "")
    # a path item that is a $ref stays supported
    path.write_text(text.split("  /v2/droplets:")[0], encoding="utf-8")
    contract = load_contract(path, platform="do", version="v1")
    assert [op.label for op in contract.operations] == ["GET /v2/account"]


def test_remote_refs_are_refused_offline(tmp_path: Path) -> None:
    path = write(tmp_path, "openapi.yaml", SPEC_30.replace(
        "./common.yaml#/components/responses/Error", "https://example.com/e.yaml#/E"))
    with pytest.raises(ContractError, match="offline"):
        load_contract(path, platform="shop", version="v1")


def test_swagger_2_is_read_and_swagger_1_refused_with_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "openapi.yaml", "swagger: '2.0'\ninfo: {title: t, version: v1}\n")
    assert load_contract(path, platform="shop", version="v1").openapi == "3.0.3"
    path = write(tmp_path, "openapi.yaml", "swaggerVersion: '1.2'\napis: []\n")
    with pytest.raises(ContractError) as caught:
        load_contract(path, platform="shop", version="v1")
    assert "Swagger 1.2" in caught.value.message
    assert "Swagger 2.0" in (caught.value.hint or "")


def test_malformed_yaml_contract(tmp_path: Path) -> None:
    path = write(tmp_path, "openapi.yaml", "openapi: 3.1.0\ninfo: {title: t\n")
    with pytest.raises(DocumentError) as caught:
        load_contract(path, platform="shop", version="v1")
    assert caught.value.line is not None


@pytest.mark.parametrize("ref", ["Multi-language string", "Multi-language%20string",
                                 "Prix unitaire €"])
def test_component_names_that_are_no_uri_fragments_resolve(tmp_path: Path, ref: str) -> None:
    # drf-spectacular writes component names with spaces into $refs as they are.
    name = ref.replace("%20", " ")
    path = write(tmp_path, "openapi.yaml", f"""\
openapi: 3.0.3
info: {{title: t, version: v1}}
paths:
  /events/:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties: {{name: {{$ref: '#/components/schemas/{ref}'}}}}
components:
  schemas:
    {name}: {{type: object, required: [en], properties: {{en: {{type: string}}}}}}
""")
    contract = load_contract(path, platform="shop", version="v1")
    media = contract.match("GET", "/events/").response(200).media("application/json")
    assert violations(contract, media.schema, {"name": {"en": "DemoCon"}}) == []
    [found] = violations(contract, media.schema, {"name": {"en": 7}})
    assert (found.code, found.pointer) == ("field.wrong-type", "/name/en")


def test_unquoted_dates_stay_strings(tmp_path: Path) -> None:
    path = write(tmp_path, "openapi.yaml", """\
openapi: 3.1.0
info: {title: t, version: 2024-07, x-released: 2024-07-01}
paths:
  /v:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {v: {const: 2024-07-01}}}
""")
    contract = load_contract(path, platform="shop", version="2024-07")
    assert contract.document["info"]["x-released"] == "2024-07-01"
    media = contract.match("GET", "/v").response(200).media("application/json")
    assert violations(contract, media.schema, {"v": "2024-07-01"}) == []


def test_alias_chain_across_files_resolves_against_the_right_document(tmp_path: Path) -> None:
    write(tmp_path, "common.yaml", """\
Thing:
  type: object
  required: [other]
  properties: {other: {$ref: "#/Other"}}
Other: {type: integer}
""")
    path = write(tmp_path, "openapi.yaml", """\
openapi: 3.1.0
info: {title: t, version: v1}
paths:
  /t:
    get:
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Alias"}}}
components:
  schemas:
    Alias: {$ref: "common.yaml#/Thing"}
""")
    contract = load_contract(path, platform="shop", version="v1")
    media = contract.match("GET", "/t").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    assert violations(contract, media.schema, {"other": 1}) == []
    assert [v.code for v in violations(contract, media.schema, {"other": "x"})] == [
        "field.wrong-type"]
    bare = contract.bare_validator(media.schema)
    assert bare.is_valid({"other": 1})
    assert not bare.is_valid({"other": "x"})


@pytest.mark.parametrize("name", [b"caf\xe9", b"\xff\xfe-\xc3\x28", "订单 ä".encode()])
def test_a_contract_in_a_folder_whose_name_is_not_utf8_loads(tmp_path: Path, name: bytes) -> None:
    # a folder named in Latin-1 or GBK (an old archive, a mounted share): its path reaches a
    # URI as the file system's bytes and must come back as the same bytes
    import os

    folder = Path(os.fsdecode(os.fsencode(tmp_path) + b"/" + name))
    folder.mkdir()
    path = write(folder, "openapi.yaml", SPEC_30)
    write(folder, "common.yaml", COMMON)
    contract = load_contract(path, platform="shop", version="v1", within=folder)
    assert contract.operations
