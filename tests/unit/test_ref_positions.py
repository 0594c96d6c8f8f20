"""Every $ref of a contract is resolved when it loads, whatever its position, and must reach an
object of the kind its position takes."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from seamguard.contracts.model import load_contract
from seamguard.contracts.ref_positions import kind_at
from seamguard.errors import ContractError

ORDER = {"type": "object", "properties": {"id": {"type": "integer"}}}
PATH_ITEM = {"post": {"responses": {"200": {"description": "Taken."}}}}
RESPONSE = {"description": "One order.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}}


def _document(**extra_components: Any) -> dict[str, Any]:
    return copy.deepcopy({"openapi": "3.1.0", "info": {"title": "Shop", "version": "v1"},
            "paths": {"/orders/{id}.json": {"get": {
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "integer"}}],
                "responses": {"200": RESPONSE}}}},
            "components": {"schemas": {"Order": ORDER}, **extra_components}})


def _operation(document: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"]["/orders/{id}.json"]["get"]
    return operation


Place = Callable[[dict[str, Any], str], None]
# position -> (component kind, a valid component, where the $ref goes)
POSITIONS: dict[str, tuple[str, Any, Place]] = {
    "callback": ("callbacks", {"{$request.query.hook}": PATH_ITEM},
                 lambda d, ref: _operation(d).update(callbacks={"onPaid": {"$ref": ref}})),
    "link": ("links", {"operationId": "getOrder"},
             lambda d, ref: _operation(d)["responses"]["200"].update(
                 links={"self": {"$ref": ref}})),
    "example": ("examples", {"value": {"id": 1}},
                lambda d, ref: _operation(d)["responses"]["200"]["content"][
                    "application/json"].update(examples={"one": {"$ref": ref}})),
    "security scheme": ("securitySchemes", {"type": "http", "scheme": "bearer"},
                        lambda d, ref: d["components"].setdefault(
                            "securitySchemes", {}).update(token={"$ref": ref})),
    "webhook": ("pathItems", PATH_ITEM, lambda d, ref: d.update(webhooks={"paid": {"$ref": ref}})),
    "response": ("responses", RESPONSE,
                 lambda d, ref: _operation(d)["responses"].update({"200": {"$ref": ref}})),
}


def _load(tmp_path: Path, document: dict[str, Any]) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    load_contract(path, platform="shop", version="v1", display=lambda p: p.name, within=tmp_path)


@pytest.mark.parametrize("position", list(POSITIONS))
def test_a_valid_reference_in_each_position_loads(tmp_path: Path, position: str) -> None:
    kind, valid, place = POSITIONS[position]
    document = _document(**{kind: {"X": valid}} if kind != "securitySchemes" else {})
    if kind == "securitySchemes":
        document["components"]["securitySchemes"] = {"X": valid}
    place(document, f"#/components/{kind}/X")
    _load(tmp_path, document)


@pytest.mark.parametrize("position", list(POSITIONS))
@pytest.mark.parametrize(("how", "said"), [
    ("self", "cycle"), ("missing", "points to nothing"), ("remote", "offline"),
    ("escapes", "outside the project"), ("another-kind", "points at a part of the document")])
def test_a_broken_reference_in_each_position_is_refused_with_its_place(
        tmp_path: Path, position: str, how: str, said: str) -> None:
    kind, _, place = POSITIONS[position]
    document = _document()
    components = document["components"].setdefault(kind, {})
    ref = {"self": f"#/components/{kind}/X", "missing": f"#/components/{kind}/Nope",
           "remote": "http://127.0.0.1:9/spec.yaml#/X", "escapes": "../../../../../etc/hosts",
           "another-kind": "#/info"}[how]
    if how == "self":
        components["X"] = {"$ref": ref}
    place(document, ref)
    with pytest.raises(ContractError, match=said) as caught:
        _load(tmp_path, document)
    assert caught.value.file == "openapi.yaml"
    assert caught.value.line is not None
    assert caught.value.hint


def test_a_response_reference_that_reaches_a_parameter_names_both_kinds(tmp_path: Path) -> None:
    document = _document(parameters={"Id": {"name": "id", "in": "query",
                                            "schema": {"type": "string"}}})
    _operation(document)["responses"]["200"] = {"$ref": "#/components/parameters/Id"}
    with pytest.raises(ContractError, match="stands for a response here but points at a "
                                            "parameter") as caught:
        _load(tmp_path, document)
    assert caught.value.pointer == "/paths/~1orders~1{id}.json/get/responses/200/$ref"
    assert caught.value.hint == "refer to a response, e.g. #/components/responses/Name"


@pytest.mark.parametrize("ref", ["#/components/schemas/Nope", "http://127.0.0.1:9/s.yaml#/X",
                                 "../../../../etc/hosts#/X"])
def test_a_discriminator_mapping_reference_is_resolved_and_placed(tmp_path: Path,
                                                                  ref: str) -> None:
    document = _document()
    document["components"]["schemas"]["Any"] = {
        "oneOf": [{"$ref": "#/components/schemas/Order"}],
        "discriminator": {"propertyName": "kind", "mapping": {"order": ref}}}
    with pytest.raises(ContractError) as caught:
        _load(tmp_path, document)
    assert caught.value.pointer == "/components/schemas/Any/discriminator/mapping/order"
    assert caught.value.line is not None


def test_properties_named_like_openapi_containers_are_schemas(tmp_path: Path) -> None:
    # a schema's property called `parameters`, `links` or `examples` holds a schema, and a
    # schema's `examples`/`default` are data, where a `$ref` key is no reference
    document = _document()
    document["components"]["schemas"]["Order"] = {"type": "object", "properties": {
        "parameters": {"$ref": "#/components/schemas/Line"},
        "links": {"type": "array", "items": {"$ref": "#/components/schemas/Line"}},
        "examples": {"$ref": "#/components/schemas/Line"}},
        "examples": [{"$ref": "#/nowhere"}], "default": {"$ref": "#/nowhere"}}
    document["components"]["schemas"]["Line"] = {"type": "string"}
    _load(tmp_path, document)


@pytest.mark.parametrize(("pointer", "kind"), [
    ("/components/responses/E", "response"), ("/paths/~1a/get/responses/200", "response"),
    ("/paths/~1a/parameters/0", "parameter"), ("/paths/~1a", "path item"),
    ("/webhooks/w", "path item"), ("/components/callbacks/c/{$url}", "path item"),
    ("/components/schemas/A/properties/links", "schema"), ("/info", "document part"),
    ("/components/schemas/A/example", None), ("/x-extension/a", None)])
def test_kind_at_walks_the_document_from_its_root(pointer: str, kind: str | None) -> None:
    assert kind_at(pointer) == kind
