"""Contracts written as JSON by hand and OpenAPI features earlier campaigns left out, for
``hostile_fresh9``.

* ``json9``: an ``openapi.json`` with the habits of JSON5 and editors (trailing commas, ``//``
  and ``/* */`` comments, single quotes, bare keys, ``NaN``, hex numbers, a NUL byte, a key
  twice, a second document after the first), each under ``verify`` and ``contract lint``: named
  by file and line, never read as a smaller document; one written with CRLF, a BOM or tabs is
  still JSON.
* ``pi9``: path items reached by ``$ref`` into ``components/pathItems`` (from ``paths`` and from
  ``webhooks``): a recording that breaks the schema behind the reference is a finding; a
  reference that misses, or points at a schema instead of a path item, is named.
* ``sw9``: Swagger 2 habits: ``formData`` beside ``body``, ``collectionFormat`` on a path
  parameter or misspelt, ``x-`` keys at every level (ignored, never read as a path, a status or
  a property), a ``$ref`` to ``#/parameters`` or ``#/responses`` that misses.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_fresh7_schemas import _swagger
from tests.support.hostile_strategies import ANY, FAILS, ONE, json_args
from tests.support.projects import MINI_CONTRACT, good_order, interaction, mini_project

CLEAN = frozenset({0})
_JSON_NAME = ("openapi.json",)


def _json_contract() -> str:
    import yaml
    return json.dumps(yaml.safe_load(MINI_CONTRACT), indent=2)


def _json_project(root: Path, data: bytes, *, body: dict[str, Any] | None = None) -> Path:
    project = mini_project(root / "p", interactions=[interaction(
        body if body is not None else {"order": good_order()})])
    folder = project / "contracts" / "shop" / "v1"
    (folder / "openapi.yaml").unlink()
    (folder / "openapi.json").write_bytes(data)
    return project


def _first(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# label -> (edit of the JSON text, exits, names)
JSON_EDITS: dict[str, tuple[Callable[[str], bytes], frozenset[int], tuple[str, ...]]] = {
    "trailing-comma-object": (lambda t: _first(t, '"type": "integer"\n', '"type": "integer",\n')
                              .encode(), FAILS, _JSON_NAME),
    "trailing-comma-array": (lambda t: _first(t, '"created_at"\n', '"created_at",\n').encode(),
                             FAILS, _JSON_NAME),
    "line-comment": (lambda t: _first(t, '  "paths": {', '  // the shop\n  "paths": {').encode(),
                     FAILS, _JSON_NAME),
    "block-comment": (lambda t: _first(t, '  "paths": {', '  /* the shop */ "paths": {')
                      .encode(), FAILS, _JSON_NAME),
    "hash-comment": (lambda t: _first(t, '  "paths": {', '  # the shop\n  "paths": {').encode(),
                     FAILS, _JSON_NAME),
    "single-quotes": (lambda t: _first(t, '"openapi": "3.1.0"', "'openapi': '3.1.0'").encode(),
                      FAILS, _JSON_NAME),
    "bare-key": (lambda t: _first(t, '"openapi": "3.1.0"', 'openapi: "3.1.0"').encode(),
                 FAILS, _JSON_NAME),
    "nan-value": (lambda t: _first(t, '"version": "v1"', '"version": "v1", "x-ratio": NaN')
                  .encode(), FAILS, _JSON_NAME),
    "infinity-value": (lambda t: _first(t, '"version": "v1"', '"version": "v1", "x-max": '
                                        "Infinity").encode(), FAILS, _JSON_NAME),
    "hex-number": (lambda t: _first(t, '"version": "v1"', '"version": "v1", "x-n": 0x1F')
                   .encode(), FAILS, _JSON_NAME),
    "nul-byte-raw": (lambda t: _first(t, '"title": "Shop"', '"title": "Sh\x00op"').encode(),
                     FAILS, _JSON_NAME),
    "nul-byte-between-tokens": (lambda t: _first(t, '  "paths"', '\x00  "paths"').encode(),
                                FAILS, _JSON_NAME),
    "two-documents": (lambda t: (t + "\n" + t).encode(), FAILS, _JSON_NAME),
    "garbage-after": (lambda t: (t + "\n}").encode(), FAILS, _JSON_NAME),
    "key-twice-paths": (lambda t: _first(t, '  "paths": {', '  "paths": {},\n  "paths": {')
                        .encode(), FAILS, ("paths",)),
    "key-twice-required": (lambda t: _first(t, '"required": [\n                    "order"\n'
                                            '                  ]',
                                            '"required": ["order"], "required": []').encode(),
                           FAILS, ("required",)),
    "unterminated-string": (lambda t: t[: t.index('"Shop"') + 4].encode(), FAILS, _JSON_NAME),
    "truncated-half": (lambda t: t[: len(t) // 2].encode(), FAILS, _JSON_NAME),
    "crlf": (lambda t: t.replace("\n", "\r\n").encode(), CLEAN, ()),
    "bom-utf8": (lambda t: b"\xef\xbb\xbf" + t.encode(), ANY, ()),
    "tabs-indent": (lambda t: t.replace("  ", "\t").encode(), CLEAN, ()),
    "utf16-bom": (lambda t: t.encode("utf-16"), ANY, ()),
    "utf32-bom": (lambda t: t.encode("utf-32"), ANY, ()),
    "lone-surrogate-escape": (lambda t: _first(t, '"title": "Shop"', '"title": "Sh\\ud800op"')
                              .encode(), ANY, ()),
    "control-char-in-string": (lambda t: _first(t, '"title": "Shop"', '"title": "Sh\x07op"')
                               .encode(), FAILS, _JSON_NAME),
    "top-level-array": (lambda t: ("[" + t + "]").encode(), FAILS, _JSON_NAME),
    "top-level-string": (lambda t: json.dumps(t).encode(), FAILS, _JSON_NAME),
    "yaml-in-json-file": (lambda t: MINI_CONTRACT.encode(), ANY, ()),
}


def _json_case(label: str, edit: Callable[[str], bytes], exits: frozenset[int],
               names: tuple[str, ...], command: str) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args(command, _json_project(root, edit(_json_contract())))
    return Case(f"json9:{label}:{command.replace(' ', '-')}", setup, exits, names)


# --- path items by reference ------------------------------------------------------------------

_PATH_ITEM = """
  pathItems:
    OneOrder:
      get:
        parameters:
          - {name: id, in: path, required: true, schema: {type: integer}}
        responses:
          "200":
            description: One order.
            content:
              application/json:
                schema:
                  type: object
                  required: [order]
                  properties:
                    order: {$ref: "#/components/schemas/Order"}
"""
_PATHS_BY_REF = """openapi: 3.1.0
info: {title: Shop, version: v1}
paths:
  /orders/{id}.json: {$ref: "REF"}
components:
PATH_ITEMS  schemas:
    Order:
      type: object
      required: [id, status]
      properties:
        id: {type: integer}
        status: {type: string, enum: [open, paid, cancelled]}
        total: {type: string}
        created_at: {type: string}
        note: {type: [string, "null"]}
"""


def _by_ref(ref: str, *, items: str = _PATH_ITEM, tail: str = "") -> str:
    return (_PATHS_BY_REF.replace("REF", ref).replace("PATH_ITEMS", items.lstrip("\n"))
            + tail)


# label -> (contract, order, exits, names)
PATH_ITEMS: dict[str, tuple[str, dict[str, Any], frozenset[int], tuple[str, ...]]] = {
    "ref-kept": (_by_ref("#/components/pathItems/OneOrder"), good_order(), CLEAN, ()),
    "ref-broken-body": (_by_ref("#/components/pathItems/OneOrder"), good_order(status="lost"),
                        ONE, ("/order/status",)),
    "ref-missing": (_by_ref("#/components/pathItems/Nowhere"), good_order(), FAILS,
                    ("Nowhere",)),
    "ref-to-schema": (_by_ref("#/components/schemas/Order"), good_order(), FAILS,
                      ("/components/schemas/Order",)),
    "ref-to-itself": (_by_ref("#/paths/~1orders~1{id}.json"), good_order(), FAILS, ()),
    "ref-pathitems-not-object": (_by_ref("#/components/pathItems/OneOrder",
                                         items="  pathItems: [OneOrder]\n"), good_order(),
                                 FAILS, ("pathItems",)),
    "ref-with-sibling-get": (_by_ref("#/components/pathItems/OneOrder").replace(
        '{$ref: "#/components/pathItems/OneOrder"}',
        '{$ref: "#/components/pathItems/OneOrder", summary: Orders}'), good_order(status="lost"),
                             ONE, ("/order/status",)),
    "webhook-ref-missing": (_by_ref("#/components/pathItems/OneOrder", tail=(
        "webhooks:\n  orderPaid: {$ref: '#/components/pathItems/Paid'}\n")), good_order(),
                            FAILS, ("Paid",)),
    "ref-external-file-missing": (_by_ref("items.yaml#/OneOrder"), good_order(), FAILS,
                                  ("items.yaml",)),
}


def _path_item_case(label: str, contract: str, order: dict[str, Any], exits: frozenset[int],
                    names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("verify", mini_project(root / "p", contract=contract, interactions=[
            interaction({"order": order})]))
    return Case(f"pi9:{label}", setup, exits, names)


# --- Swagger 2 habits ----------------------------------------------------------------------------

_GET = "paths__/orders/{id}.json__get"
_ID = {"name": "id", "in": "path", "required": True, "type": "integer"}

# label -> (document, order changes, exits, names)
SWAGGER: dict[str, tuple[dict[str, Any], dict[str, Any], frozenset[int], tuple[str, ...]]] = {
    "formdata-beside-body": (_swagger(**{f"{_GET}__parameters": [
        _ID, {"name": "b", "in": "body", "schema": {"type": "object"}},
        {"name": "f", "in": "formData", "type": "string"}]}), {}, FAILS, ("formData",)),
    "formdata-without-consumes": (_swagger(**{f"{_GET}__parameters": [
        _ID, {"name": "f", "in": "formData", "type": "string"}]}), {}, ANY, ()),
    "collection-format-on-path": (_swagger(**{f"{_GET}__parameters": [
        {**_ID, "type": "array", "items": {"type": "integer"}, "collectionFormat": "multi"}]}),
                                  {}, FAILS, ("collectionFormat",)),
    "collection-format-misspelt": (_swagger(**{f"{_GET}__parameters": [
        _ID, {"name": "ids", "in": "query", "type": "array", "items": {"type": "integer"},
              "collectionFormat": "comma"}]}), {}, FAILS, ("collectionFormat",)),
    "collection-format-without-array": (_swagger(**{f"{_GET}__parameters": [
        _ID, {"name": "q", "in": "query", "type": "string", "collectionFormat": "csv"}]}), {},
                                        ANY, ()),
    "x-key-in-paths": (_swagger(**{"paths__x-internal": {"owner": "ops"}}), {}, CLEAN, ()),
    "x-key-in-path-item": (_swagger(**{"paths__/orders/{id}.json__x-owner": "ops"}), {}, CLEAN,
                           ()),
    "x-key-in-operation": (_swagger(**{f"{_GET}__x-rate": 5}), {}, CLEAN, ()),
    "x-key-in-responses": (_swagger(**{f"{_GET}__responses__x-note": "see docs"}), {}, CLEAN,
                           ()),
    "x-key-in-definitions": (_swagger(**{"definitions__x-generated": True}), {}, CLEAN, ()),
    "x-key-in-properties-is-a-property": (_swagger(**{
        "definitions__Order__properties__x-trace": {"type": "integer"}}), {"x-trace": "abc"},
                                          ONE, ("x-trace",)),
    "param-ref-missing": (_swagger(**{f"{_GET}__parameters": [
        {"$ref": "#/parameters/OrderId"}]}), {}, FAILS, ("OrderId",)),
    "response-ref-missing": (_swagger(**{f"{_GET}__responses": {
        "200": {"$ref": "#/responses/OneOrder"}}}), {}, FAILS, ("OneOrder",)),
    "param-ref-kept": (_swagger(parameters={"OrderId": _ID}, **{f"{_GET}__parameters": [
        {"$ref": "#/parameters/OrderId"}]}), {"status": "lost"}, ONE, ("/order/status",)),
    "body-twice": (_swagger(**{f"{_GET}__parameters": [
        _ID, {"name": "a", "in": "body", "schema": {}}, {"name": "b", "in": "body",
                                                         "schema": {}}]}), {}, FAILS,
                   ("body",)),
    "in-misspelt": (_swagger(**{f"{_GET}__parameters": [{**_ID, "in": "paht"}]}), {}, FAILS,
                    ("paht",)),
    "allow-empty-on-path": (_swagger(**{f"{_GET}__parameters": [
        {**_ID, "allowEmptyValue": True}]}), {}, ANY, ()),
    "response-status-word": (_swagger(**{f"{_GET}__responses__ok": {"description": "x"}}), {},
                             FAILS, ("ok",)),
}


def _swagger_case(label: str, doc: dict[str, Any], changes: dict[str, Any],
                  exits: frozenset[int], names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", interactions=[interaction({"order": good_order(
            **changes)})])
        folder = project / "contracts" / "shop" / "v1"
        (folder / "openapi.yaml").unlink()
        (folder / "swagger.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
        return json_args("verify", project)
    return Case(f"sw9:{label}", setup, exits, names)


def document_cases() -> list[Case]:
    return [*(_json_case(label, *row, command) for label, row in JSON_EDITS.items()
              for command in ("verify", "contract lint")),
            *(_path_item_case(label, *row) for label, row in PATH_ITEMS.items()),
            *(_swagger_case(label, *row) for label, row in SWAGGER.items())]
