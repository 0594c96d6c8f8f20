"""What OpenAPI 3.1 takes from JSON Schema 2020-12, for ``hostile_fresh11``.

``oas11``: ``type`` arrays (with ``null``, empty, repeated, naming no type), ``const``,
``$defs`` and ``$anchor`` references, ``prefixItems`` with ``items: false``,
``dependentRequired``, ``if``/``then``, ``unevaluatedProperties`` beside ``allOf``,
``contains``/``minContains``, ``patternProperties`` and ``pattern`` that backtrack,
``multipleOf`` on decimals, lengths in code points, ``webhooks``, ``components.pathItems``, the
version strings 3.1.1 and 3.2.0, and what 2020-12 refuses (``exclusiveMinimum: true``, the old
array form of ``items``, ``examples`` as a word, ``multipleOf: 0``, a ``required`` name twice).
``verify`` must judge a recorded body by the keyword (exit 1 at the body's pointer), pass one
that fits (exit 0), and stop on a contract 2020-12 refuses naming ``openapi.yaml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, ONE, json_args
from tests.support.projects import MINI_CONTRACT, good_order, interaction, mini_project

CLEAN = frozenset({0})
_PROPS = '        note: {type: [string, "null"]}\n'
_ORDER = "    Order:\n      type: object\n"
_BROKEN = ("openapi.yaml",)


def _contract(props: str = "", order: str = "", top: str = "", head: str = "") -> str:
    text = MINI_CONTRACT.replace(_PROPS, _PROPS + props).replace(_ORDER, _ORDER + order)
    if head:
        text = text.replace("openapi: 3.1.0\n", head)
    return text + top


def _t(field: str, schema: str) -> str:
    return f"        {field}: {schema}\n"


# label -> (contract, order fields changed (None: the body is left good), exits, names)
SCHEMAS: dict[str, tuple[str, dict[str, Any], frozenset[int], tuple[str, ...]]] = {
    "type-array-fits=keeps": (_contract(_t("code", "{type: [string, integer]}")),
                              {"code": "A7"}, CLEAN, ()),
    "type-array-breaks": (_contract(_t("code", "{type: [string, integer]}")),
                          {"code": 1.5}, ONE, ("/order/code",)),
    "type-array-null=keeps": (_contract(_t("code", '{type: ["null", integer]}')),
                              {"code": None}, CLEAN, ()),
    "type-array-empty": (_contract(_t("code", "{type: []}")), {}, FAILS, _BROKEN),
    "type-array-repeated": (_contract(_t("code", "{type: [string, string]}")), {}, FAILS,
                            _BROKEN),
    "type-array-unknown-name": (_contract(_t("code", "{type: [string, date]}")), {}, FAILS,
                                _BROKEN),
    "type-word-unknown": (_contract(_t("code", "{type: text}")), {}, FAILS, _BROKEN),
    "const-fits=keeps": (_contract(_t("kind", "{const: sale}")), {"kind": "sale"}, CLEAN, ()),
    "const-breaks": (_contract(_t("kind", "{const: sale}")), {"kind": "refund"}, ONE,
                     ("/order/kind",)),
    "const-null-breaks": (_contract(_t("kind", "{const: null}")), {"kind": "x"}, ONE,
                          ("/order/kind",)),
    "const-object-breaks": (_contract(_t("kind", "{const: {a: 1}}")), {"kind": {"a": 2}}, ONE,
                            ("/order/kind",)),
    # (verify judges the body, at the body's place; a schema no value satisfies is
    # `contract lint`'s to name in openapi.yaml)
    "const-and-enum-disagree": (_contract(_t("kind", "{const: a, enum: [b]}")),
                                {"kind": "a"}, FAILS, ("/order/kind",)),
    "defs-ref-breaks": (_contract(_t("price", '{$ref: "#/components/schemas/Order/$defs/Money"}'),
                                  "      $defs:\n        Money: {type: string, pattern: "
                                  "'^[0-9]+$'}\n"), {"price": "ten"}, ONE, ("/order/price",)),
    "defs-ref-missing": (_contract(_t("price", '{$ref: "#/components/schemas/Order/$defs/Cash"}'),
                                   "      $defs:\n        Money: {type: string}\n"), {}, FAILS,
                         _BROKEN),
    "defs-not-a-table": (_contract("", "      $defs: [Money]\n"), {}, FAILS, _BROKEN),
    "anchor-ref-breaks": (_contract(_t("price", '{$ref: "#money"}')
                                    + "        money_def: {$anchor: money, type: integer}\n"),
                          {"price": "ten"}, ONE, ("/order/price",)),
    "anchor-ref-missing": (_contract(_t("price", '{$ref: "#cash"}')), {}, FAILS, _BROKEN),
    "prefix-items-fits=keeps": (_contract(_t("pair", "{type: array, prefixItems: [{type: "
                                             "string}, {type: integer}], items: false}")),
                                {"pair": ["a", 1]}, CLEAN, ()),
    "prefix-items-wrong-member": (_contract(_t("pair", "{type: array, prefixItems: [{type: "
                                               "string}, {type: integer}], items: false}")),
                                  {"pair": ["a", "b"]}, ONE, ("/order/pair",)),
    "prefix-items-one-too-many": (_contract(_t("pair", "{type: array, prefixItems: [{type: "
                                               "string}, {type: integer}], items: false}")),
                                  {"pair": ["a", 1, 2]}, ONE, ("/order/pair",)),
    "prefix-items-a-table": (_contract(_t("pair", "{type: array, prefixItems: {type: string}}")),
                             {}, FAILS, _BROKEN),
    "items-old-array-form": (_contract(_t("pair", "{type: array, items: [{type: string}]}")),
                             {}, FAILS, _BROKEN),
    "dependent-required-breaks": (_contract(_t("coupon", "{type: string}"),
                                            "      dependentRequired: {coupon: [discount]}\n"),
                                  {"coupon": "SALE"}, ONE, ("/order",)),
    "dependent-required-a-word": (_contract("", "      dependentRequired: {coupon: discount}\n"),
                                  {}, FAILS, _BROKEN),
    "if-then-breaks": (_contract(_t("paid_at", "{type: string}"),
                                 "      if: {properties: {status: {const: paid}}}\n"
                                 "      then: {required: [paid_at]}\n"), {}, ONE, ("/order",)),
    "unevaluated-beside-allof": (_contract("", "      allOf: [{properties: {extra: {type: "
                                               "integer}}}]\n      unevaluatedProperties: false\n"),
                                 {"surprise": 1}, ONE, ("/order/surprise",)),
    "contains-breaks": (_contract(_t("tags", "{type: array, contains: {const: vip}, "
                                             "minContains: 1}")),
                        {"tags": ["new"]}, ONE, ("/order/tags",)),
    "min-contains-negative": (_contract(_t("tags", "{type: array, contains: {const: vip}, "
                                                   "minContains: -1}")), {}, FAILS, _BROKEN),
    "pattern-properties-backtracks": (_contract(
        _t("attrs", "{type: object, patternProperties: {'^(a+)+$': {type: integer}}, "
                    "additionalProperties: false}")), {"attrs": {"a" * 40 + "!": 1}}, ONE,
        ("/order/attrs",)),
    "pattern-backtracks": (_contract(_t("ref", "{type: string, pattern: '^(\\d+)+$'}")),
                           {"ref": "1" * 40 + "x"}, ONE, ("/order/ref",)),
    "pattern-not-a-regex": (_contract(_t("ref", "{type: string, pattern: '(['}")), {}, FAILS,
                            _BROKEN),
    "multiple-of-decimal=keeps": (_contract(_t("amount", "{type: number, multipleOf: 0.01}")),
                                  {"amount": 0.29}, CLEAN, ()),
    "multiple-of-decimal-breaks": (_contract(_t("amount", "{type: number, multipleOf: 0.01}")),
                                   {"amount": 0.295}, ONE, ("/order/amount",)),
    "multiple-of-zero": (_contract(_t("amount", "{type: number, multipleOf: 0}")), {}, FAILS,
                         _BROKEN),
    "max-length-code-points=keeps": (_contract(_t("emoji", "{type: string, maxLength: 2}")),
                                     {"emoji": "😀😀"}, CLEAN, ()),
    "max-length-code-points-breaks": (_contract(_t("emoji", "{type: string, maxLength: 2}")),
                                      {"emoji": "😀😀😀"}, ONE, ("/order/emoji",)),
    "exclusive-minimum-boolean": (_contract(_t("amount", "{type: number, minimum: 0, "
                                                         "exclusiveMinimum: true}")), {}, FAILS,
                                  _BROKEN),
    "exclusive-minimum-number-breaks": (_contract(_t("amount", "{type: number, "
                                                               "exclusiveMinimum: 0}")),
                                        {"amount": 0}, ONE, ("/order/amount",)),
    # (an annotation verify drops before it judges anything: `contract lint` names its shape)
    "examples-a-word": (_contract(_t("amount", "{type: number, examples: seven}")), {}, ANY,
                        ()),
    "required-twice": (_contract("", "      required: [id, id]\n").replace(
        "      required: [id, status, total, created_at]\n", ""), {}, FAILS, _BROKEN),
    "enum-empty": (_contract(_t("kind", "{enum: []}")), {"kind": "a"}, FAILS, ()),
    "type-null-only-breaks": (_contract(_t("kind", '{type: "null"}')), {"kind": "a"}, ONE,
                              ("/order/kind",)),
    "webhooks=keeps": (_contract(top="webhooks:\n  orderPaid:\n    post:\n      requestBody:\n"
                                     "        content:\n          application/json:\n"
                                     "            schema: {$ref: '#/components/schemas/Order'}\n"
                                     "      responses:\n        '200': {description: OK}\n"),
                       {}, CLEAN, ()),
    "webhooks-a-list": (_contract(top="webhooks: [orderPaid]\n"), {}, FAILS, _BROKEN),
    "webhook-ref-missing": (_contract(top="webhooks:\n  orderPaid: {$ref: "
                                          "'#/components/pathItems/Nope'}\n"), {}, FAILS,
                            _BROKEN),
    "path-items-component-breaks": (
        MINI_CONTRACT.replace("paths:\n  /orders/{id}.json:\n", "paths:\n  /orders/{id}.json:\n"
                              "    $ref: '#/components/pathItems/One'\n  /unused:\n")
        .replace("components:\n", "components:\n  pathItems:\n    One:\n      get:\n"
                 "        responses:\n          '200':\n            description: One order.\n"
                 "            content:\n              application/json:\n"
                 "                schema: {type: object, required: [order], properties: "
                 "{order: {$ref: '#/components/schemas/Order'}}}\n"),
        {"status": "lost"}, FAILS, ()),
    "version-3-1-1=keeps": (_contract(head="openapi: 3.1.1\n"), {}, CLEAN, ()),
    "version-3-2-0": (_contract(head="openapi: 3.2.0\n"), {}, FAILS, _BROKEN),
    "version-3-1-no-patch": (_contract(head="openapi: '3.1'\n"), {}, FAILS, _BROKEN),
    "version-a-number": (_contract(head="openapi: 3.1\n"), {}, FAILS, _BROKEN),
    "license-identifier=keeps": (_contract(head="openapi: 3.1.0\n").replace(
        "info: {title: Shop, version: v1}",
        "info: {title: Shop, version: v1, summary: Orders, license: {name: MIT, identifier: MIT}}"),
        {}, CLEAN, ()),
    "ref-with-siblings=keeps": (_contract(_t("buyer", "{$ref: '#/components/schemas/Order/"
                                                      "properties/locked', description: who}")),
                                {"buyer": {"by": "x"}}, CLEAN, ()),
    "dialect-unknown": (_contract(top="jsonSchemaDialect: 'https://example.com/my-dialect'\n"),
                        {}, ANY, ()),
    "dynamic-ref-no-anchor": (_contract(_t("price", "{$dynamicRef: '#meta'}")), {}, ANY, ()),
}


def _case(label: str, contract: str, changes: dict[str, Any], exits: frozenset[int],
          names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        body = {"order": good_order(**changes)}
        project = mini_project(root / "p", contract=contract, interactions=[interaction(body)])
        return json_args("verify", project)
    return Case(f"oas11:{label}", setup, exits, names)


def schema_cases() -> list[Case]:
    return [_case(label, *spec) for label, spec in SCHEMAS.items()]
