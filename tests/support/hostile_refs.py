"""Hostile contracts: a ``$ref`` in every position OpenAPI allows one, not only schemas
(parameters at operation and path level, responses, response headers, request bodies, path
items, callbacks, webhooks, links, examples, security schemes, discriminator mappings), each
pointing at itself, into a two-step cycle, across two files and back, at a remote URL, out of the
project, at nothing, at the document root or at an object of another kind. Part of the campaign
of ``tests.support.hostile_classes``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import CONTRACT, FAILS, mini
from tests.support.projects import MINI_CONTRACT, good_order

# --- $ref in every position ---------------------------------------------------------------------

_PATH = "/orders/{id}.json"
_ORDER_REF = "#/components/schemas/Order"


def _op(doc: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = doc["paths"][_PATH]["get"]
    return operation


def _components(doc: dict[str, Any], kind: str) -> dict[str, Any]:
    table: dict[str, Any] = doc.setdefault("components", {}).setdefault(kind, {})
    return table


# Where a $ref goes: (component kind, a valid component, how to place ``{"$ref": ref}``).
Place = Callable[[dict[str, Any], dict[str, Any]], None]


def _place_parameter(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    _op(doc)["parameters"] = [ref]


def _place_path_parameter(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    _op(doc).pop("parameters")
    doc["paths"][_PATH]["parameters"] = [ref]


def _place_response(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    _op(doc)["responses"]["200"] = ref


def _place_header(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    _op(doc)["responses"]["200"]["headers"]["X-Request-Id"] = ref


def _place_header_schema(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    _op(doc)["responses"]["200"]["headers"]["X-Request-Id"]["schema"] = ref


def _place_request_body(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    doc["paths"][_PATH]["put"] = {"requestBody": ref, "responses": {"204": {
        "description": "Stored."}}}


def _place_path_item(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    doc["paths"]["/orders.json"] = ref


def _place_callback(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    _op(doc)["callbacks"] = {"onPaid": ref}


def _place_callback_path(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    _op(doc)["callbacks"] = {"onPaid": {"{$request.query.hook}": ref}}


def _place_webhook(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    doc["webhooks"] = {"orderPaid": ref}


def _place_link(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    _op(doc)["responses"]["200"]["links"] = {"self": ref}


def _place_example(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    _op(doc)["responses"]["200"]["content"]["application/json"]["examples"] = {"one": ref}


def _place_security(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    _components(doc, "securitySchemes")["token"] = ref
    doc["security"] = [{"token": []}]


def _place_discriminator(doc: dict[str, Any], ref: dict[str, Any]) -> None:
    schemas = _components(doc, "schemas")
    order = schemas["Order"]
    schemas["Paid"] = {"allOf": [{"$ref": _ORDER_REF}]}
    schemas["Any"] = {"oneOf": [{"$ref": "#/components/schemas/Paid"}],
                      "discriminator": {"propertyName": "status",
                                        "mapping": {"paid": ref["$ref"]}}}
    order["properties"]["again"] = {"$ref": "#/components/schemas/Any"}


_RESPONSE = {"description": "One order.", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"order": {"$ref": _ORDER_REF}}}}}}
_PATH_ITEM = {"post": {"requestBody": {"content": {"application/json": {"schema": {
    "$ref": _ORDER_REF}}}}, "responses": {"200": {"description": "Taken."}}}}

POSITIONS: dict[str, tuple[str, dict[str, Any], Place]] = {
    "parameter": ("parameters", {"name": "id", "in": "path", "required": True,
                                 "schema": {"type": "integer"}}, _place_parameter),
    "path-parameter": ("parameters", {"name": "id", "in": "path", "required": True,
                                      "schema": {"type": "integer"}}, _place_path_parameter),
    "response": ("responses", _RESPONSE, _place_response),
    "response-header": ("headers", {"required": True, "schema": {"type": "string"}},
                        _place_header),
    "header-schema": ("schemas", {"type": "string"}, _place_header_schema),
    "request-body": ("requestBodies", {"content": {"application/json": {"schema": {
        "$ref": _ORDER_REF}}}}, _place_request_body),
    "path-item": ("pathItems", _PATH_ITEM, _place_path_item),
    "callback": ("callbacks", {"{$request.query.hook}": _PATH_ITEM}, _place_callback),
    "callback-path-item": ("pathItems", _PATH_ITEM, _place_callback_path),
    "webhook": ("pathItems", _PATH_ITEM, _place_webhook),
    "link": ("links", {"operationId": "getOrder"}, _place_link),
    "example": ("examples", {"value": {"order": good_order()}}, _place_example),
    "security-scheme": ("securitySchemes", {"type": "http", "scheme": "bearer"},
                        _place_security),
    "discriminator-mapping": ("schemas", {"type": "object"}, _place_discriminator),
}


def _target(doc: dict[str, Any], root: Path, kind: str, valid: dict[str, Any], how: str
            ) -> str:
    """Lays out what ``how`` needs and returns the ``$ref`` value."""
    base = f"#/components/{kind}"
    table = _components(doc, kind)
    if how == "self":
        table["X"] = {"$ref": f"{base}/X"}
        return f"{base}/X"
    if how == "two-step-cycle":
        table["X"] = {"$ref": f"{base}/Y"}
        table["Y"] = {"$ref": f"{base}/X"}
        return f"{base}/X"
    if how == "cycle-across-files":
        (root / "other.yaml").write_text(yaml.safe_dump(
            {"X": {"$ref": f"openapi.yaml{base}/X"}}), encoding="utf-8")
        table["X"] = {"$ref": "other.yaml#/X"}
        return f"{base}/X"
    if how == "remote":
        return f"http://127.0.0.1:9/spec.yaml{base}/X"
    if how == "escapes":
        return "../../../../../../../../etc/hosts"
    if how == "absolute-file":
        return "/etc/passwd#/x"
    if how == "missing":
        table["X"] = valid
        return f"{base}/Nope"
    if how == "root":
        return "#"
    if how == "another-kind":
        return "#/info"
    raise ValueError(how)


REF_KINDS = ("self", "two-step-cycle", "cycle-across-files", "remote", "escapes",
             "absolute-file", "missing", "root", "another-kind")


def _contract_case(case_id: str, edit: Callable[[dict[str, Any], Path], None], command: str,
                   exits: frozenset[int] = FAILS, expect: tuple[str, ...] = ()) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        path = project / CONTRACT
        doc = yaml.safe_load(MINI_CONTRACT)
        edit(doc, path.parent)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        return [*command.split(), "--project", str(project), "-f", "json"]
    return Case(case_id, setup, exits, expect)


def ref_cases() -> list[Case]:
    cases = []
    for position, (kind, valid, place) in POSITIONS.items():
        for how in REF_KINDS:
            def edit(doc: dict[str, Any], folder: Path, kind: str = kind,
                     valid: dict[str, Any] = valid, place: Place = place, how: str = how
                     ) -> None:
                place(doc, {"$ref": _target(doc, folder, kind, valid, how)})
            # ``verify`` meets the positions a recorded GET reaches, ``check`` lints the rest
            for command in ("verify", "check"):
                cases.append(_contract_case(f"ref-{position}:{how}:{command}", edit, command))
    return cases
