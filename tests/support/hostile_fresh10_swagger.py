"""What a Swagger 2.0 operation says beyond its body schema, for ``hostile_fresh10``.

* ``sw10``: the answers and calls of a Swagger 2.0 contract met by recordings that keep what it
  says (clean) and ones that break it (a finding naming the place): a ``default`` response,
  responses and parameters reached through the global ``responses``/``parameters``, an
  operation's own ``produces``, response ``headers``, query arrays in each ``collectionFormat``,
  query ``enum`` and bounds, header parameters, a ``body`` parameter, ``consumes``, Swagger's
  string ``discriminator`` (the value is a definition's name), ``allOf`` inheritance and
  ``x-nullable``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_fresh7_schemas import _swagger
from tests.support.hostile_strategies import ANY, ONE, json_args
from tests.support.projects import good_order, interaction, mini_project

CLEAN = frozenset({0})
_GET = "paths__/orders/{id}.json__get"
_ID = {"name": "id", "in": "path", "required": True, "type": "integer"}
_URI = "https://shop.example.com/api/v1/orders/1.json"
_ORDER_BODY = {"type": "object", "required": ["order"],
               "properties": {"order": {"$ref": "#/definitions/Order"}}}


def _call(order: dict[str, Any] | None = None, *, status: int = 200, uri: str = _URI,
          method: str = "GET", headers: dict[str, list[str]] | None = None,
          request_headers: dict[str, list[str]] | None = None,
          request_body: str | None = None, body: Any = None) -> dict[str, Any]:
    sent = {"order": order if order is not None else good_order()} if body is None else body
    record = interaction(sent, uri=uri, method=method, status=status, headers=headers)
    if request_headers is not None:
        record["request"]["headers"] = request_headers
    if request_body is not None:
        record["request"]["body"] = request_body
    return record


def _query(param: dict[str, Any]) -> dict[str, Any]:
    return _swagger(**{f"{_GET}__parameters": [_ID, {"in": "query", **param}]})


_BAD = good_order(status="lost")
_DEFAULT = _swagger(**{f"{_GET}__responses": {"default": {"description": "Any.",
                                                           "schema": _ORDER_BODY}}})
_GLOBAL_RESPONSE = _swagger(responses={"OneOrder": {"description": "One.", "schema":
                                                    _ORDER_BODY}},
                            **{f"{_GET}__responses": {"200": {"$ref": "#/responses/OneOrder"}}})
_PRODUCES_OWN = _swagger(**{f"{_GET}__produces": ["application/vnd.shop+json"]})
_RESPONSE_HEADER = _swagger(**{f"{_GET}__responses__200__headers": {
    "X-Rate": {"type": "integer", "minimum": 0}}})
_PIPES = _query({"name": "ids", "type": "array", "items": {"type": "integer"},
                 "collectionFormat": "pipes"})
_SSV = _query({"name": "ids", "type": "array", "items": {"type": "integer"},
               "collectionFormat": "ssv"})
_MULTI = _query({"name": "ids", "type": "array", "items": {"type": "integer"},
                 "collectionFormat": "multi"})
_ENUM = _query({"name": "view", "type": "string", "enum": ["full", "short"]})
_BOUNDS = _query({"name": "limit", "type": "integer", "minimum": 1, "maximum": 100})
_REQUIRED = _query({"name": "fields", "type": "string", "required": True})
_HEADER = _swagger(**{f"{_GET}__parameters": [_ID, {"name": "X-Shop", "in": "header",
                                                     "required": True, "type": "string"}]})
_POST = _swagger(**{"paths__/orders/{id}.json__post": {
    "consumes": ["application/json"],
    "parameters": [_ID, {"name": "change", "in": "body", "required": True, "schema": {
        "type": "object", "required": ["note"], "properties": {"note": {"type": "string"}}}}],
    "responses": {"200": {"description": "Changed.", "schema": {"type": "object"}}}}})
_PETS = _swagger(**{
    f"{_GET}__responses__200__schema__properties__pet": {"$ref": "#/definitions/Pet"},
    "definitions__Pet": {"type": "object", "discriminator": "petType", "required": ["petType"],
                         "properties": {"petType": {"type": "string"}}},
    "definitions__Cat": {"allOf": [{"$ref": "#/definitions/Pet"}, {
        "type": "object", "required": ["meow"], "properties": {"meow": {"type": "boolean"}}}]},
})
_NULLABLE_REF = _swagger(**{"definitions__Order__properties__locked": {
    "$ref": "#/definitions/Lock", "x-nullable": True},
    "definitions__Lock": {"type": "object", "properties": {"by": {"type": "string"}}}})
_JSON = {"Content-Type": ["application/json"]}

# label -> (document, interaction, exits, names)
CASES: dict[str, tuple[dict[str, Any], dict[str, Any], frozenset[int], tuple[str, ...]]] = {
    "default=keeps": (_DEFAULT, _call(status=203), CLEAN, ()),
    "default=breaks": (_DEFAULT, _call(_BAD, status=203), ONE, ("/order/status",)),
    "global-response=keeps": (_GLOBAL_RESPONSE, _call(), CLEAN, ()),
    "global-response=breaks": (_GLOBAL_RESPONSE, _call(_BAD), ONE, ("/order/status",)),
    "produces-own=breaks": (_PRODUCES_OWN, _call(_BAD, headers={
        "Content-Type": ["application/vnd.shop+json"]}), ONE, ("/order/status",)),
    "produces-own-other-type": (_PRODUCES_OWN, _call(headers={
        "Content-Type": ["text/html"]}), ONE, ("text/html",)),
    "status-undocumented": (_swagger(), _call(status=502), ONE, ("502",)),
    "response-header=keeps": (_RESPONSE_HEADER, _call(headers={
        "Content-Type": ["application/json"], "X-Rate": ["4"]}), CLEAN, ()),
    "response-header=breaks": (_RESPONSE_HEADER, _call(headers={
        "Content-Type": ["application/json"], "X-Rate": ["-4"]}), ONE, ("X-Rate",)),
    "pipes=keeps": (_PIPES, _call(uri=_URI + "?ids=1|2"), CLEAN, ()),
    "pipes=breaks": (_PIPES, _call(uri=_URI + "?ids=1|x"), ONE, ("ids",)),
    "ssv=keeps": (_SSV, _call(uri=_URI + "?ids=1%202"), CLEAN, ()),
    "ssv=breaks": (_SSV, _call(uri=_URI + "?ids=1%20x"), ONE, ("ids",)),
    "multi=keeps": (_MULTI, _call(uri=_URI + "?ids=1&ids=2"), CLEAN, ()),
    "multi=breaks": (_MULTI, _call(uri=_URI + "?ids=1&ids=x"), ONE, ("ids",)),
    "query-enum=breaks": (_ENUM, _call(uri=_URI + "?view=wide"), ONE, ("view",)),
    "query-bounds=keeps": (_BOUNDS, _call(uri=_URI + "?limit=100"), CLEAN, ()),
    "query-bounds=breaks": (_BOUNDS, _call(uri=_URI + "?limit=101"), ONE, ("limit",)),
    "query-required=breaks": (_REQUIRED, _call(), ONE, ("fields",)),
    "header-param=keeps": (_HEADER, _call(request_headers={"X-Shop": ["s1"]}), CLEAN, ()),
    "header-param=breaks": (_HEADER, _call(request_headers={"Accept": ["*/*"]}), ONE,
                            ("X-Shop",)),
    "body-param=keeps": (_POST, _call(method="POST", body={}, request_headers=_JSON,
                                      request_body='{"note": "n"}'), CLEAN, ()),
    "body-param=breaks": (_POST, _call(method="POST", body={}, request_headers=_JSON,
                                       request_body='{"note": 5}'), ONE, ("/note",)),
    "body-param-missing": (_POST, _call(method="POST", body={}, request_headers=_JSON), ONE,
                           ("body",)),
    "consumes-other-json": (_POST, _call(method="POST", body={}, request_headers={
        "Content-Type": ["application/merge-patch+json"]}, request_body='{"note": 5}'), ONE,
        ("merge-patch",)),
    "discriminator=keeps": (_PETS, _call(body={"order": good_order(), "pet": {
        "petType": "Cat", "meow": True}}), CLEAN, ()),
    "discriminator-cat-without-meow": (_PETS, _call(body={"order": good_order(), "pet": {
        "petType": "Cat"}}), ONE, ("/pet",)),
    "discriminator-unknown-type": (_PETS, _call(body={"order": good_order(), "pet": {
        "petType": "Bird"}}), ANY, ()),
    "x-nullable-ref=keeps": (_NULLABLE_REF, _call(good_order(locked=None)), CLEAN, ()),
    "x-nullable-ref=breaks": (_NULLABLE_REF, _call(good_order(locked={"by": 5})), ONE,
                              ("/order/locked",)),
}


def _case(label: str, doc: dict[str, Any], record: dict[str, Any], exits: frozenset[int],
          names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", interactions=[record])
        folder = project / "contracts" / "shop" / "v1"
        (folder / "openapi.yaml").unlink()
        (folder / "swagger.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
        return json_args("verify", project)
    return Case(f"sw10:{label}", setup, exits, names)


def swagger_cases() -> list[Case]:
    return [_case(label, *spec) for label, spec in CASES.items()]
