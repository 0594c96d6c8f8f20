"""Contracts that are valid against the OpenAPI meta-schema and still wrong, for
``hostile_fresh5``.

* ``oas5-never``: a schema no value can satisfy (a lower bound above the upper one for numbers,
  lengths, items and properties; an ``enum`` or ``const`` none of whose values fits the type or
  the bounds beside it; a required property ``additionalProperties: false`` forbids; ``allOf``
  branches of disjoint types), in six places a schema sits (a component's property, an inline
  response, a request body, a query parameter, array items, an ``allOf`` branch), OpenAPI 3.0
  and 3.1, YAML and JSON. Every answer of that operation would fail: ``contract lint`` must say
  so at the schema, not pass.
* ``oas5-fine``: the satisfiable neighbours of those schemas (equal bounds, an ``enum`` of
  integers under ``type: number``, ``1.0`` for an integer, null under ``nullable``): the lint must
  stay clean, so a rule that fires on them is a false alarm.
* ``oas5-server``: server URLs whose ``{variable}`` is declared nowhere, or whose default is not
  one of its ``enum`` values (a MUST of OpenAPI 3.1), at document, path and operation level.
* ``oas5-paths``, ``oas5-security``, ``oas5-header``: two templated paths that differ only in
  their variable names (the spec's MUST NOT), a security requirement naming a scheme that is
  not declared, header parameters the spec says are ignored (``Accept``, ``Content-Type``,
  ``Authorization``).
* ``oas5-template``: path templates that are not templates (``{id`` unclosed, ``{}``, ``{{id}}``,
  ``id}``, a space in the name): the message must name the path.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import yaml

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, json_args, order_interaction
from tests.support.projects import MINI_CONTRACT, mini_project

CLEAN = frozenset({0})
_PARAM = "- {name: id, in: path, required: true, schema: {type: integer}}"
_ORDER_PROPS = "        id: {type: integer}\n"
_ORDER_REQUIRED = "      required: [id, status, total, created_at]\n"

# name -> (schema in flow YAML for 3.0, for 3.1); None: not expressible in that version
NEVER: dict[str, tuple[str | None, str | None]] = {
    "min-above-max": ("{type: integer, minimum: 10, maximum: 1}",) * 2,
    "exclusive-bounds-meet": ("{type: number, minimum: 5, exclusiveMinimum: true, maximum: 5}",
                              "{type: number, exclusiveMinimum: 5, maximum: 5}"),
    "exclusive-both": ("{type: number, minimum: 2, maximum: 2, exclusiveMaximum: true}",
                       "{type: number, minimum: 2, exclusiveMaximum: 2}"),
    "length-crossed": ("{type: string, minLength: 5, maxLength: 2}",) * 2,
    "items-crossed": ("{type: array, items: {type: string}, minItems: 3, maxItems: 1}",) * 2,
    "properties-crossed": ("{type: object, minProperties: 3, maxProperties: 1}",) * 2,
    "enum-of-other-type": ("{type: integer, enum: [a, b]}",) * 2,
    "enum-outside-bounds": ("{type: integer, minimum: 10, enum: [1, 2, 3]}",) * 2,
    "enum-not-multiple": ("{type: integer, multipleOf: 5, enum: [1, 2, 3]}",) * 2,
    "enum-against-pattern": ("{type: string, pattern: '^[0-9]+$', enum: [abc, def]}",) * 2,
    "enum-null-not-nullable": ("{type: string, enum: [null]}",
                               "{type: string, enum: [null]}"),
    "const-of-other-type": (None, "{type: integer, const: a}"),
    "required-forbidden": ("{type: object, required: [ghost], additionalProperties: false, "
                           "properties: {real: {type: string}}}",) * 2,
    "allof-disjoint": ("{allOf: [{type: integer}, {type: string}]}",) * 2,
    "allof-disjoint-bounds": ("{allOf: [{type: integer, minimum: 10}, "
                              "{type: integer, maximum: 1}]}",) * 2,
}

FINE: dict[str, tuple[str | None, str | None]] = {
    "equal-bounds": ("{type: integer, minimum: 3, maximum: 3}",) * 2,
    "equal-lengths": ("{type: string, minLength: 2, maxLength: 2}",) * 2,
    "integers-as-numbers": ("{type: number, enum: [1, 2]}",) * 2,
    "whole-float-integer": ("{type: integer, enum: [1.0, 2]}",) * 2,
    "null-when-nullable": ("{type: string, nullable: true, enum: [a, null]}",
                           "{type: [string, 'null'], enum: [a, null]}"),
    "required-declared": ("{type: object, required: [real], additionalProperties: false, "
                          "properties: {real: {type: string}}}",) * 2,
    "allof-integer-number": ("{allOf: [{type: integer}, {type: number, minimum: 0}]}",) * 2,
    "enum-inside-bounds": ("{type: integer, minimum: 1, maximum: 9, enum: [1, 5, 9]}",) * 2,
}

VERSIONS = {"30": "3.0.3", "31": "3.1.0"}


def _place(contract: str, where: str, schema: str) -> str:
    """``contract`` with a property, body or parameter ``probe_x`` of ``schema`` in ``where``."""
    if where == "component":
        return contract.replace(_ORDER_PROPS, _ORDER_PROPS + f"        probe_x: {schema}\n")
    if where == "items":
        return contract.replace(_ORDER_PROPS, _ORDER_PROPS + "        probe_x: {type: array, "
                                f"items: {schema}}}\n")
    if where == "allof":
        return contract.replace(_ORDER_REQUIRED, _ORDER_REQUIRED + "      allOf:\n"
                                f"        - properties: {{probe_x: {schema}}}\n")
    if where == "response":
        return contract.replace("                  order: {$ref: \"#/components/schemas/Order\"}\n",
                                "                  order: {$ref: \"#/components/schemas/Order\"}\n"
                                f"                  probe_x: {schema}\n")
    if where == "parameter":
        return contract.replace(_PARAM, _PARAM + f"\n        - {{name: probe_x, in: query, "
                                f"schema: {schema}}}")
    if where == "request":
        return contract.replace("paths:\n", "paths:\n  /orders.json:\n    post:\n"
                                "      requestBody:\n        content:\n"
                                "          application/json:\n"
                                f"            schema: {{type: object, properties: {{probe_x: "
                                f"{schema}}}}}\n"
                                "      responses: {'201': {description: Created}}\n", 1)
    raise ValueError(where)


PLACES = ("component", "items", "allof", "response", "parameter", "request")


def _versioned(version: str) -> str:
    contract = MINI_CONTRACT.replace("openapi: 3.1.0", f"openapi: {VERSIONS[version]}")
    if version == "30":
        contract = contract.replace('note: {type: [string, "null"]}',
                                    "note: {type: string, nullable: true}")
    return contract


def lint_case(case_id: str, contract: str, *, as_json: bool, exits: frozenset[int],
              expect: tuple[str, ...], command: str = "contract lint") -> Case:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", contract=contract, interactions=[
            order_interaction(1)] if command == "verify" else None)
        if as_json:
            folder = project / "contracts" / "shop" / "v1"
            document = yaml.safe_load((folder / "openapi.yaml").read_text(encoding="utf-8"))
            (folder / "openapi.yaml").unlink()
            (folder / "openapi.json").write_text(json.dumps(document, indent=2),
                                                 encoding="utf-8")
        return json_args(command, project)
    return Case(case_id, setup, exits, expect)


def _schema_cases(table: dict[str, tuple[str | None, str | None]], family: str,
                  exits: frozenset[int], named: bool) -> list[Case]:
    cases = []
    for name, forms in table.items():
        for version, schema in zip(VERSIONS, forms, strict=True):
            if schema is None:
                continue
            for number, place in enumerate(PLACES):
                as_json = (number + len(name)) % 2 == 0
                cases.append(lint_case(
                    f"{family}:{name}:{place}:{version}:{'json' if as_json else 'yaml'}",
                    _place(_versioned(version), place, schema), as_json=as_json, exits=exits,
                    expect=("probe_x",) if named else ()))
    return cases


_SERVERS = {
    "undeclared": "{url: 'https://{host}.example.com/api'}",
    "other-declared": "{url: 'https://{host}.example.com/api', variables: {region: "
                      "{default: eu}}}",
    "default-outside-enum": "{url: 'https://{host}.example.com/api', variables: {host: "
                            "{default: shop, enum: [eu, us]}}}",
    "two-undeclared": "{url: 'https://{tenant}.example.com/{stage}'}",
}


def _servers_at(contract: str, level: str, server: str) -> str:
    if level == "document":
        return contract.replace("paths:\n", f"servers: [{server}]\npaths:\n", 1)
    if level == "path":
        return contract.replace("  /orders/{id}.json:\n",
                                f"  /orders/{{id}}.json:\n    servers: [{server}]\n", 1)
    return contract.replace("    get:\n", f"    get:\n      servers: [{server}]\n", 1)


def server_cases() -> list[Case]:
    cases = []
    for name, server in _SERVERS.items():
        for level in ("document", "path", "operation"):
            for version in VERSIONS:
                cases.append(lint_case(f"oas5-server:{name}:{level}:{version}",
                                       _servers_at(_versioned(version), level, server),
                                       as_json=level == "path", exits=FAILS,
                                       expect=("servers",)))
    return cases


_TWIN_PATHS = {
    "renamed-variable": ("/orders/{oid}.json", "oid"),
    "renamed-two": ("/orders/{a}/{b}", None),
    "same-shape-other-case": ("/orders/{ID}.json", "ID"),
}


def path_cases() -> list[Case]:
    cases = []
    for name, (path, variable) in _TWIN_PATHS.items():
        for version in VERSIONS:
            contract = _versioned(version)
            if name == "renamed-two":
                contract = contract.replace("paths:\n", "paths:\n  /orders/{x}/{y}:\n    get:\n"
                                            "      parameters: [{name: x, in: path, required: "
                                            "true, schema: {type: string}}, {name: y, in: path, "
                                            "required: true, schema: {type: string}}]\n"
                                            "      responses: {'204': {description: ok}}\n", 1)
                twin = ("  /orders/{a}/{b}:\n    get:\n      parameters: [{name: a, in: path, "
                        "required: true, schema: {type: string}}, {name: b, in: path, required:"
                        " true, schema: {type: string}}]\n      responses: {'204': {description: "
                        "ok}}\n")
            else:
                twin = (f"  {path}:\n    get:\n      parameters: [{{name: {variable}, in: path, "
                        "required: true, schema: {type: integer}}]\n"
                        "      responses: {'204': {description: ok}}\n")
            # A warning (published contracts do this), named at the path.
            cases.append(lint_case(f"oas5-paths:{name}:{version}",
                                   contract.replace("paths:\n", "paths:\n" + twin, 1),
                                   as_json=version == "31", exits=frozenset({0, 1}),
                                   expect=(path,)))
    return cases


def security_cases() -> list[Case]:
    schemes = {
        "none-declared": "",
        "other-declared": "  securitySchemes:\n    apiKey: {type: apiKey, in: header, "
                          "name: X-Key}\n",
        "case-differs": "  securitySchemes:\n    Ghost: {type: http, scheme: bearer}\n",
    }
    cases = []
    for name, declared in schemes.items():
        for level in ("document", "operation"):
            contract = _versioned("31").replace("components:\n", "components:\n" + declared)
            contract = (contract.replace("paths:\n", "security: [{ghost: []}]\npaths:\n", 1)
                        if level == "document" else
                        contract.replace("    get:\n", "    get:\n      security: [{ghost: []}]\n",
                                         1))
            cases.append(lint_case(f"oas5-security:{name}:{level}", contract,
                                   as_json=level == "operation", exits=FAILS,
                                   expect=("ghost",)))
    return cases


def header_cases() -> list[Case]:
    cases = []
    for header in ("Accept", "Content-Type", "Authorization", "accept", "AUTHORIZATION"):
        for version in VERSIONS:
            contract = _versioned(version).replace(
                _PARAM, _PARAM + f"\n        - {{name: {header}, in: header, required: true, "
                "schema: {type: string}}")
            cases.append(lint_case(f"oas5-header:{header}:{version}", contract,
                                   as_json=False, exits=ANY, expect=(header,)))
    return cases


TEMPLATES = {
    "unclosed": "/orders/{id.json",
    "empty-braces": "/orders/{}.json",
    "double-braces": "/orders/{{id}}.json",
    "stray-close": "/orders/id}.json",
    "space-in-name": "/orders/{order id}.json",
    "nested": "/orders/{id{x}}.json",
}


def template_cases() -> list[Case]:
    cases = []
    for name, path in TEMPLATES.items():
        for version in VERSIONS:
            contract = _versioned(version).replace("/orders/{id}.json", path)
            cases.append(lint_case(f"oas5-template:{name}:{version}", contract,
                                   as_json=version == "31", exits=FAILS, expect=(path,)))
            if version == "31":
                cases.append(lint_case(f"oas5-template:{name}:verify", contract, as_json=False,
                                       exits=FAILS, expect=(path,), command="verify"))
    return cases


def contract_cases() -> list[Case]:
    families: list[Callable[[], list[Case]]] = [server_cases, path_cases, security_cases,
                                                header_cases, template_cases]
    return [*_schema_cases(NEVER, "oas5-never", FAILS, named=True),
            *_schema_cases(FINE, "oas5-fine", CLEAN, named=False),
            *(case for family in families for case in family())]
