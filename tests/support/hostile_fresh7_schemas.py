"""Contracts that lean on what OpenAPI 3.1 took from JSON Schema 2020-12, and Swagger 2.0's
quirks, for ``hostile_fresh7``.

* ``oas7``: a property of the order whose schema uses ``const``, ``prefixItems`` with
  ``items: false``, ``unevaluatedProperties``, ``dependentRequired``, ``dependentSchemas``,
  ``if``/``then``, ``contains``/``minContains``, ``propertyNames``, ``patternProperties``, a
  numeric ``exclusiveMinimum``, ``$dynamicRef``, a type list with ``null``; each met by a recording
  that keeps the keyword (clean) and one that breaks it (a finding at that pointer, never a
  silent pass). Besides: a ``jsonSchemaDialect`` nobody knows, a schema of draft-04 (``$schema``
  and a boolean ``exclusiveMinimum``), ``nullable`` written in a 3.1 document, a type list in a
  3.0 document.
* ``sw7``: Swagger 2.0 contracts as generators write them: ``basePath`` the recordings are not
  under, ``x-nullable``, a ``discriminator`` naming a property the schema lacks, ``host`` written
  with a scheme, a response ``$ref`` to a missing definition, ``type: file``, an enum broken by
  a recording, ``produces`` of XML only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, ONE, TWO, json_args
from tests.support.projects import MINI_CONTRACT, good_order, interaction, mini_project

CLEAN = frozenset({0})
_HOOK = "        note: {type: [string, \"null\"]}\n"

# label -> (schema of order.x7 as YAML flow text, a value it takes, a value it refuses)
KEYWORDS: dict[str, tuple[str, Any, Any]] = {
    "const": ("{const: sale}", "sale", "return"),
    "const-object": ("{const: {a: 1}}", {"a": 1}, {"a": 2}),
    "prefix-items": ("{type: array, prefixItems: [{type: integer}, {type: string}], items: false}",
                     [1, "a"], [1, 2]),
    "prefix-items-extra": ("{type: array, prefixItems: [{type: integer}], items: false}",
                           [1], [1, "extra"]),
    "type-list-null": ('{type: [string, "null"]}', None, 5),
    "unevaluated-properties": ("{type: object, properties: {a: {type: integer}}, "
                               "unevaluatedProperties: false}", {"a": 1}, {"a": 1, "b": 2}),
    "unevaluated-through-allof": ("{allOf: [{properties: {a: {type: integer}}}], "
                                  "unevaluatedProperties: false}", {"a": 1}, {"a": 1, "zz": 1}),
    "dependent-required": ("{type: object, dependentRequired: {a: [b]}}", {"a": 1, "b": 2},
                           {"a": 1}),
    "dependent-schemas": ("{type: object, dependentSchemas: {a: {required: [c]}}}",
                          {"a": 1, "c": 1}, {"a": 1}),
    "if-then": ("{type: object, if: {properties: {k: {const: x}}, required: [k]}, "
                "then: {required: [y]}}", {"k": "x", "y": 1}, {"k": "x"}),
    "if-else": ("{type: object, if: {required: [k]}, then: {}, else: {required: [z]}}",
                {"z": 1}, {"q": 1}),
    "min-contains": ("{type: array, contains: {type: string}, minContains: 2}", ["a", "b"],
                     ["a", 1]),
    "max-contains": ("{type: array, contains: {type: string}, maxContains: 1}", ["a", 1],
                     ["a", "b"]),
    "property-names": ('{type: object, propertyNames: {pattern: "^[a-z]+$"}}', {"ab": 1},
                       {"A1": 1}),
    "pattern-properties": ('{type: object, patternProperties: {"^x_": {type: integer}}, '
                           "additionalProperties: false}", {"x_a": 1}, {"zz": 1}),
    "exclusive-minimum-number": ("{type: number, exclusiveMinimum: 5}", 6, 5),
    "dynamic-ref": ("{$dynamicRef: '#/components/schemas/Positive'}", 3, -3),
    "ref-with-siblings": ("{$ref: '#/components/schemas/Positive', maximum: 10}", 3, 30),
    "enum-with-null": ("{enum: [a, b, null]}", None, "c"),
    "multiple-of-decimal": ("{type: number, multipleOf: 0.01}", 1.25, 1.255),
    "multiple-of-tenth": ("{type: number, multipleOf: 0.1}", 0.3, 0.35),
    "integer-written-as-float": ("{type: integer}", 1.0, 1.5),
    "max-length-astral": ("{type: string, maxLength: 1}", "😀", "😀😀"),
    "min-length-astral": ("{type: string, minLength: 2}", "😀😀", "😀"),
    "enum-number-not-boolean": ("{enum: [1, 0]}", 1, True),
    "const-zero-not-false": ("{const: 0}", 0, False),
    "unique-items-numbers": ("{type: array, uniqueItems: true}", [0, False], [1, 1.0]),
    "format-uuid": ("{type: string, format: uuid}", "8c0c7f3a-3c77-4a55-9d3b-2f4f0f6c9b11",
                    "8c0c7f3a-3c77-4a55-9d3b"),
    "format-date": ("{type: string, format: date}", "2024-02-29", "2023-02-29"),
    "format-date-time-no-zone": ("{type: string, format: date-time}", "2024-07-01T10:00:00Z",
                                 "2024-07-01T10:00:00"),
    "format-email": ("{type: string, format: email}", "a@example.com", "a.example.com"),
    "format-ipv4": ("{type: string, format: ipv4}", "10.0.0.1", "10.0.0.256"),
    "format-int32": ("{type: integer, format: int32}", 2147483647, 2147483648),
    "max-properties": ("{type: object, maxProperties: 1}", {"a": 1}, {"a": 1, "b": 2}),
    "not-null": ("{not: {type: 'null'}}", 0, None),
    "one-of-both-match": ("{oneOf: [{type: integer}, {type: number}]}", 1.5, 1),
    "nested-prefix-items-object": ("{type: array, prefixItems: [{type: object, required: [k]}]}",
                                   [{"k": 1}], [{"j": 1}]),
}

_COMPONENTS = "components:\n  schemas:\n"
_POSITIVE = ("    Positive: {$dynamicAnchor: positive, type: integer, minimum: 1}\n")


def _contract(schema: str, *, head: str = "openapi: 3.1.0", extra: str = "") -> str:
    text = MINI_CONTRACT.replace(_HOOK, _HOOK + f"        x7: {schema}\n")
    text = text.replace(_COMPONENTS, _COMPONENTS + _POSITIVE)
    return text.replace("openapi: 3.1.0", head + extra, 1)


def _project(root: Path, contract: str, value: Any, *, key: str = "x7") -> Path:
    order = good_order(**{key: value})
    return mini_project(root / "p", contract=contract, interactions=[interaction(
        {"order": order})])


def _keyword_case(label: str, schema: str, value: Any, bad: bool) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("verify", _project(root, _contract(schema), value))
    if bad:
        return Case(f"oas7:{label}=breaks", setup, ONE, ("/order/x7",))
    return Case(f"oas7:{label}=keeps", setup, CLEAN)


# label -> (contract, value of order.x7 or of note, exits, names)
DOCUMENTS: dict[str, tuple[str, Any, frozenset[int], tuple[str, ...]]] = {
    "dialect-unknown": (_contract("{type: integer}", extra="\njsonSchemaDialect: "
                                  "https://example.com/dialects/ours"), 1, FAILS,
                        ("jsonSchemaDialect",)),
    "dialect-default": (_contract("{type: integer}", extra="\njsonSchemaDialect: "
                                  "https://spec.openapis.org/oas/3.1/dialect/base"), 1, CLEAN,
                        ()),
    "dialect-not-a-uri": (_contract("{type: integer}", extra="\njsonSchemaDialect: 7"), 1, FAILS,
                          ("jsonSchemaDialect",)),
    "schema-draft04-boolean-exclusive": (_contract(
        "{$schema: 'http://json-schema.org/draft-04/schema#', type: number, minimum: 5, "
        "exclusiveMinimum: true}"), 5, FAILS, ("x7",)),
    "nullable-in-31": (_contract("{type: string, nullable: true}"), None, FAILS, ("x7",)),
    # read as the nullable integer its author means, which 5 is; `contract lint` (and `check`)
    # name the list as invalid OpenAPI 3.0
    "type-list-in-30": (_contract('{type: [integer, "null"]}', head="openapi: 3.0.3")
                        .replace('note: {type: [string, "null"]}', "note: {type: string, "
                                 "nullable: true}"), 5, ANY, ()),
    "const-in-30": (_contract("{type: string, const: sale}", head="openapi: 3.0.3")
                    .replace('note: {type: [string, "null"]}', "note: {type: string, "
                             "nullable: true}"), "return", FAILS, ("x7",)),
    "exclusive-minimum-boolean-in-31": (_contract("{type: number, minimum: 5, "
                                                  "exclusiveMinimum: true}"), 5, FAILS,
                                        ("x7",)),
    "dynamic-ref-unresolved": (_contract("{$dynamicRef: '#nowhere'}"), 3, FAILS, ("x7",)),
    "schema-id-relative-ref": (_contract("{$id: 'https://example.com/x7', $ref: 'other.json'}"),
                               3, FAILS, ()),
}


def _document_case(label: str, contract: str, value: Any, exits: frozenset[int],
                   names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("verify", _project(root, contract, value))
    return Case(f"oas7-doc:{label}", setup, exits, names)


# --- Swagger 2.0 ------------------------------------------------------------------------------

def _swagger(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "swagger": "2.0", "info": {"title": "Shop", "version": "v1"},
        "host": "shop.example.com", "basePath": "/api/v1", "schemes": ["https"],
        "produces": ["application/json"],
        "paths": {"/orders/{id}.json": {"get": {
            "parameters": [{"name": "id", "in": "path", "required": True, "type": "integer"}],
            "responses": {"200": {"description": "One order.",
                                  "schema": {"type": "object", "required": ["order"],
                                             "properties": {"order": {
                                                 "$ref": "#/definitions/Order"}}}}}}}},
        "definitions": {"Order": {
            "type": "object", "required": ["id", "status", "total", "created_at"],
            "properties": {
                "id": {"type": "integer"},
                "status": {"type": "string", "enum": ["open", "paid", "cancelled"]},
                "total": {"type": "string"},
                "created_at": {"type": "string", "format": "date-time"},
                "note": {"type": "string", "x-nullable": True}}}},
    }
    for path, value in changes.items():
        node = doc
        keys = path.split("__")
        for key in keys[:-1]:
            node = node[key.replace("_slash_", "/")]
        if value is ...:
            node.pop(keys[-1])
        else:
            node[keys[-1]] = value
    return doc


_ORDER = "definitions__Order__properties"
_GET = "paths__/orders/{id}.json__get"
# label -> (document, order changes, exits, names)
SWAGGER: dict[str, tuple[dict[str, Any], dict[str, Any], frozenset[int], tuple[str, ...]]] = {
    "control": (_swagger(), {}, CLEAN, ()),
    "x-nullable-null": (_swagger(), {"note": None}, ANY, ()),
    "enum-broken": (_swagger(), {"status": "lost"}, ONE, ("/order/status",)),
    # a recording is placed by the project's base_url, the path after it being the contract's
    # (README, "record names a request by the path as the contract writes it"); `basePath`, like
    # `servers`, says where the documented deployment lives and only seeds base_url at `init`
    "base-path-elsewhere": (_swagger(basePath="/admin/api/2024-07"), {}, CLEAN, ()),
    "host-with-scheme": (_swagger(host="https://shop.example.com"), {}, FAILS, ("host",)),
    "definition-missing": (_swagger(definitions={}), {}, TWO, ("Order",)),
    "discriminator-missing-property": (_swagger(
        definitions__Order__discriminator="kind"), {}, FAILS, ("kind",)),
    "type-file-response": (_swagger(**{f"{_GET}__responses": {"200": {
        "description": "A file.", "schema": {"type": "file"}}}}), {}, ANY, ()),
    "produces-xml-only": (_swagger(produces=["application/xml"]), {}, FAILS, ()),
    "integer-format-int32-overflow": (_swagger(**{f"{_ORDER}__id": {
        "type": "integer", "format": "int32"}}), {"id": 2 ** 40}, ONE, ("/order/id",)),
    "required-not-a-list": (_swagger(definitions__Order__required="id"), {}, FAILS,
                            ("required",)),
    # Swagger 2.0 allows ws and wss among `schemes`
    "schemes-ws": (_swagger(schemes=["ws"]), {}, ANY, ()),
}


def _swagger_case(label: str, doc: dict[str, Any], changes: dict[str, Any],
                  exits: frozenset[int], names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _project(root, "", None)
        folder = project / "contracts" / "shop" / "v1"
        (folder / "openapi.yaml").unlink()
        (folder / "swagger.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
        order = good_order(**changes)
        from tests.support.projects import write_cassette
        write_cassette(project / "fixtures" / "cassettes" / "orders.yaml",
                       [interaction({"order": order})])
        return json_args("verify", project)
    return Case(f"sw7:{label}", setup, exits, names)


def schema_cases() -> list[Case]:
    cases = []
    for label, (schema, good, bad) in KEYWORDS.items():
        cases.append(_keyword_case(label, schema, good, False))
        cases.append(_keyword_case(label, schema, bad, True))
    cases.extend(_document_case(label, *row) for label, row in DOCUMENTS.items())
    cases.extend(_swagger_case(label, *row) for label, row in SWAGGER.items())
    return cases
