"""Hostile cases of file formats the other generators do not write: files from other tools and
other versions of them, and values of the right shape but the wrong type inside.

* Cassettes as other vcrpy versions and serializers write them (the JSON serializer, vcrpy 1.x's
  bare list, gzip bodies under ``!!binary`` or as base64 text, bodies as lists or as parsed
  JSON, statuses and headers in other shapes), each with a planted contract violation, so a
  cassette read as empty is a silent pass.
* Contracts in Swagger 2.0 and OpenAPI 3.2, with only ``webhooks``, ``$ref`` siblings,
  recursive schemas met by deep bodies, huge enums, and ``pattern`` regexes Python or
  jsonschema-rs cannot compile (ECMA-only syntax) or that backtrack catastrophically.
* Mapping transforms given arguments of the wrong type, and suites in the GX 0.18 and 1.x
  formats with wrong kwargs.
* Settings files with a BOM, CRLF, an array of tables where a table belongs; dataset files of
  formats seamguard does not read, truncated.

``python -m tests.support.hostile_formats`` runs every case (with ``hostile_wire``'s network
and command-line cases) and prints one line per failing case and the count per failure class,
judged as ``hostile_classes`` judges its own.
"""

from __future__ import annotations

import base64
import copy
import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.support.hostile_cases import Case
from tests.support.hostile_operators import MAPPING, SUITE, _example
from tests.support.hostile_strategies import (
    ANY,
    CASSETTE,
    CONTRACT,
    FAILS,
    TWO,
    json_args,
    mini,
    order_interaction,
)
from tests.support.projects import good_order

# --- cassettes ------------------------------------------------------------------------------

Interaction = dict[str, Any]


def _bad(number: int = 1) -> Interaction:
    """An interaction whose order breaks the contract (a status outside its enum)."""
    item = order_interaction(number)
    item["response"]["body"]["string"] = json.dumps({"order": good_order(id=number,
                                                                          status="lost")})
    return item


def _gzip_binary(item: Interaction) -> Interaction:
    body = item["response"]["body"]["string"].encode()
    item["response"]["body"]["string"] = gzip.compress(body)
    item["response"]["headers"]["Content-Encoding"] = ["gzip"]
    return item


def _gzip_base64_text(item: Interaction) -> Interaction:
    body = item["response"]["body"]["string"].encode()
    item["response"]["body"]["string"] = base64.b64encode(gzip.compress(body)).decode()
    item["response"]["headers"]["Content-Encoding"] = ["gzip"]
    return item


def _gzip_truncated(item: Interaction) -> Interaction:
    body = item["response"]["body"]["string"].encode()
    item["response"]["body"]["string"] = gzip.compress(body)[:20]
    item["response"]["headers"]["Content-Encoding"] = ["gzip"]
    return item


def _set(path: str, value: Any) -> Callable[[Interaction], Interaction]:
    def change(item: Interaction) -> Interaction:
        *parents, last = path.split(".")
        node = item
        for key in parents:
            node = node[key]
        if value is ...:
            node.pop(last, None)
        else:
            node[last] = value(node.get(last)) if callable(value) else value
        return item
    return change


def _cassette_text(interactions: list[Any], how: str) -> tuple[str, bytes]:
    """(file name, contents) of a cassette written as ``how`` writes it."""
    if how == "json":  # vcrpy's json serializer
        for item in interactions:
            body = item["response"]["body"].get("string")
            if isinstance(body, bytes):
                item["response"]["body"]["string"] = body.decode("latin-1")
        return "orders.json", json.dumps({"interactions": interactions, "version": 1},
                                         indent=4).encode()
    if how == "vcrpy1-list":  # vcrpy 1.x: a bare list of interactions
        return "orders.yaml", yaml.safe_dump(interactions).encode()
    if how == "interactions-mapping":
        return "orders.yaml", yaml.safe_dump(
            {"interactions": {str(i): item for i, item in enumerate(interactions)},
             "version": 1}).encode()
    return "orders.yaml", yaml.safe_dump({"interactions": interactions, "version": 1},
                                         allow_unicode=True).encode()


def _cassette_case(name: str, change: Callable[[Interaction], Interaction] | None,
                   how: str = "yaml", exits: frozenset[int] = FAILS,
                   expect: tuple[str, ...] = ()) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        (project / CASSETTE).unlink()
        items = [copy.deepcopy(order_interaction(2)), _bad(1)]
        if change is not None:
            items = [change(item) for item in items]
        file_name, data = _cassette_text(items, how)
        (project / "fixtures/cassettes" / file_name).write_bytes(data)
        return json_args("verify", project)
    return Case(f"cassette-format:{name}", setup, exits, expect)


def _raw_cassette_case(name: str, text: str, exits: frozenset[int] = FAILS) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        (project / CASSETTE).write_text(text, encoding="utf-8")
        return json_args("verify", project)
    return Case(f"cassette-format:{name}", setup, exits)


_HEAD = {"Content-Type": ["application/json"], "X-Request-Id": ["r"]}


def cassette_cases() -> list[Case]:
    bad_body = json.dumps({"order": good_order(status="lost")})
    return [
        _cassette_case("json-serializer", None, "json"),
        _cassette_case("json-serializer-gzip-latin1", _gzip_binary, "json"),
        _cassette_case("vcrpy1-bare-list", None, "vcrpy1-list"),
        _cassette_case("interactions-as-mapping", None, "interactions-mapping"),
        _cassette_case("gzip-binary-body", _gzip_binary),
        _cassette_case("gzip-base64-text-body", _gzip_base64_text),
        _cassette_case("gzip-truncated-body", _gzip_truncated),
        _cassette_case("body-as-list", _set("response.body.string",
                                            lambda text: [text[:10], text[10:]])),
        _cassette_case("body-as-parsed-json", _set("response.body.string", json.loads)),
        _cassette_case("body-without-string-key", _set("response.body", lambda body: {
            "data": body["string"]})),
        _cassette_case("body-as-bare-string", _set("response.body", lambda body: body["string"])),
        _cassette_case("body-null", _set("response.body", None)),
        _cassette_case("status-code-as-text", _set("response.status.code", "200")),
        _cassette_case("status-code-word", _set("response.status.code", "OK")),
        _cassette_case("status-code-float", _set("response.status.code", 200.0)),
        _cassette_case("status-bare-int", _set("response.status", 200)),
        _cassette_case("status-missing", _set("response.status", ...)),
        _cassette_case("headers-as-strings", _set("response.headers", {
            "Content-Type": "application/json", "X-Request-Id": "r"})),
        _cassette_case("headers-as-pairs", _set("response.headers", [
            ["Content-Type", "application/json"], ["X-Request-Id", "r"]])),
        _cassette_case("headers-values-numbers", _set("response.headers", {
            "Content-Type": ["application/json"], "X-Request-Id": [7]})),
        _cassette_case("headers-null", _set("response.headers", None)),
        _cassette_case("method-lower-case", _set("request.method", "get")),
        _cassette_case("method-missing", _set("request.method", ...)),
        _cassette_case("method-number", _set("request.method", 5)),
        _cassette_case("uri-missing", _set("request.uri", ...)),
        _cassette_case("uri-relative", _set("request.uri", "/api/v1/orders/1.json")),
        _cassette_case("uri-not-text", _set("request.uri", ["https://shop.example.com"])),
        _cassette_case("response-missing", _set("response", ...)),
        _cassette_case("request-as-text", _set("request", "GET /orders/1.json")),
        _cassette_case("body-duplicate-key", _set(
            "response.body.string", lambda text: text.replace(
                '{"order": ', '{"order": {"id": 1}, "order": ', 1)),
            expect=("body.duplicate-key",)),
        _cassette_case("body-gbk-labelled-utf8", lambda item: _set(
            "response.headers", {**_HEAD, "Content-Type": ["application/json; charset=gbk"]})(
            _set("response.body.string", lambda text: text.replace(
                '"note": null', '"note": "\u8ba2\u5355"').encode("utf-8"))(item))),
        _raw_cassette_case("version-99", yaml.safe_dump(
            {"interactions": [_bad()], "version": 99})),
        _raw_cassette_case("yaml-binary-tag-on-text-body", (
            "interactions:\n- request: {method: GET, uri: 'https://shop.example.com/api/v1/"
            "orders/1.json', body: null, headers: {}}\n  response:\n    status: {code: 200, "
            "message: OK}\n    headers: {Content-Type: [application/json], X-Request-Id: [r]}\n"
            f"    body: {{string: !!binary {base64.b64encode(bad_body.encode()).decode()}}}\n"
            "version: 1\n")),
        _raw_cassette_case("yaml-binary-tag-not-base64", (
            "interactions:\n- request: {method: GET, uri: 'https://shop.example.com/api/v1/"
            "orders/1.json', body: null, headers: {}}\n  response:\n    status: {code: 200, "
            "message: OK}\n    headers: {Content-Type: [application/json]}\n"
            "    body: {string: !!binary '%%% not base64 %%%'}\nversion: 1\n")),
    ]


# --- contracts --------------------------------------------------------------------------------

SWAGGER = """swagger: "2.0"
info: {title: Shop, version: v1}
paths:
  /orders/{id}.json:
    get:
      produces: [application/json]
      parameters: [{name: id, in: path, required: true, type: integer}]
      responses:
        "200":
          description: One order
          schema:
            type: object
            required: [order]
            properties: {order: {$ref: "#/definitions/Order"}}
definitions:
  Order:
    type: object
    properties:
      id: {type: integer}
      status: {type: string, enum: [open, paid, cancelled]}
"""


def _contract_case(name: str, change: Callable[[str], str], exits: frozenset[int] = FAILS,
                   cassette: Callable[[str], str] | None = None, command: str = "verify",
                   expect: tuple[str, ...] = ()) -> Case:
    """The mini contract changed; its cassette holds a planted violation unless
    ``cassette`` rewrites it."""
    def setup(root: Path) -> list[str]:
        project = mini(root)
        path = project / CONTRACT
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        recording = project / CASSETTE
        text = recording.read_text(encoding="utf-8")
        recording.write_text(cassette(text) if cassette else text.replace(
            '\\"status\\": \\"paid\\"', '\\"status\\": \\"lost\\"', 1).replace(
            '"status": "paid"', '"status": "lost"', 1), encoding="utf-8")
        return json_args(command, project)
    return Case(f"contract-format:{name}", setup, exits, expect)


def _order_prop(extra: str) -> Callable[[str], str]:
    """A property line added to the Order schema."""
    return lambda text: text.replace("        note: {type: [string, \"null\"]}\n",
                                     "        note: {type: [string, \"null\"]}\n" + extra, 1)


def _total_value(value: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        return text.replace('\\"total\\": \\"10.00\\"', f'\\"total\\": \\"{value}\\"').replace(
            '"total": "10.00"', f'"total": "{value}"')
    return change


def _pattern(pattern: str, value: str = "10.00") -> tuple[Callable[[str], str],
                                                          Callable[[str], str]]:
    """The total's pattern replaced, and the value the cassette sends."""
    quoted = json.dumps(pattern)
    return (lambda text: text.replace('total: {type: string, pattern: "^[0-9]+[.][0-9]{2}$"}',
                                      f"total: {{type: string, pattern: {quoted}}}"),
            _total_value(value))


def contract_cases() -> list[Case]:
    cases = [
        # Swagger 2.0 is read as the OpenAPI 3.0 it means: the planted status is found
        _contract_case("swagger-2.0", lambda text: SWAGGER,
                       expect=("field.unknown-enum",)),
        _contract_case("openapi-3.2.0", lambda text: text.replace("openapi: 3.1.0",
                                                                  "openapi: 3.2.0")),
        _contract_case("openapi-as-number", lambda text: text.replace("openapi: 3.1.0",
                                                                      "openapi: 3.1")),
        _contract_case("openapi-missing", lambda text: text.replace("openapi: 3.1.0\n", "")),
        _contract_case("openapi-4", lambda text: text.replace("openapi: 3.1.0",
                                                              "openapi: 4.0.0")),
        _contract_case("webhooks-only", lambda text: text.replace(
            "paths:\n  /orders/{id}.json:\n    get:\n",
            "webhooks:\n  orderPaid:\n    post:\n")),
        _contract_case("ref-with-type-sibling", lambda text: text.replace(
            'order: {$ref: "#/components/schemas/Order"}',
            'order: {$ref: "#/components/schemas/Order", type: string}')),
        _contract_case("ref-with-description-sibling", lambda text: text.replace(
            'order: {$ref: "#/components/schemas/Order"}',
            'order: {$ref: "#/components/schemas/Order", description: An order}')),
        _contract_case("recursive-schema-deep-body", _order_prop(
            '        parent: {$ref: "#/components/schemas/Order"}\n'),
            cassette=lambda text: text.replace('"note": null', '"note": null, ' + (
                '"parent": {' * 300) + '"id": "x"' + "}" * 300, 1)),
        _contract_case("recursive-items", _order_prop(
            '        children: {type: array, items: {$ref: "#/components/schemas/Order"}}\n')),
        _contract_case("huge-enum", lambda text: text.replace(
            "enum: [open, paid, cancelled]",
            "enum: [" + ", ".join(f"s{i}" for i in range(100_000)) + ", open, paid]")),
        _contract_case("enum-empty", lambda text: text.replace(
            "enum: [open, paid, cancelled]", "enum: []")),
        _contract_case("enum-not-a-list", lambda text: text.replace(
            "enum: [open, paid, cancelled]", "enum: open")),
        _contract_case("required-as-text", lambda text: text.replace(
            "required: [id, status, total, created_at]", "required: id")),
        _contract_case("type-list-with-number", lambda text: text.replace(
            "id: {type: integer}", "id: {type: [integer, 5]}")),
        _contract_case("paths-as-list", lambda text: text.replace(
            "paths:\n  /orders/{id}.json:\n", "paths:\n  - /orders/{id}.json:\n")),
        _contract_case("exclusive-minimum-boolean-in-3.1", _order_prop(
            "        rank: {type: integer, minimum: 0, exclusiveMinimum: true}\n")),
        _contract_case("nullable-in-3.1", lambda text: text.replace(
            "id: {type: integer}", "id: {type: integer, nullable: true}")),
        _contract_case("format-unknown", lambda text: text.replace(
            "format: date-time", "format: int128")),
        _contract_case("callback-odd-expression", lambda text: text.replace(
            "      responses:\n        \"200\":",
            "      callbacks:\n        onPaid:\n          '{$request.body#/url}{{}}':\n"
            "            post: {responses: {'200': {description: ok}}}\n"
            "      responses:\n        \"200\":", 1)),
    ]
    for name, pattern, value, exits in [
        ("ecma-unicode-property", r"^\p{L}+$", "10.00", FAILS),
        # each value breaks the pattern as ECMA-262 reads it: a pattern skipped is a pass
        ("ecma-named-group", r"^(?<whole>[0-9]+)[.][0-9]{2}$", "x10.00", FAILS),
        ("ecma-empty-negated-class", r"^[^]+$", "10.00", FAILS),
        ("ecma-code-point-escape", r"^\u{31}", "20.00", FAILS),
        ("ecma-control-escape", r"^\cJ?[0-9.]+$", "ten", FAILS),
        ("python-only-named-group", r"^(?P<whole>[0-9]+)[.][0-9]{2}$", "ten", FAILS),
        ("unclosed-class", r"^[0-9+$", "10.00", FAILS),
        ("lookbehind-variable", r"(?<=[0-9]+)[.]", "1000", FAILS),
        ("catastrophic-nested-plus", r"^(a+)+$", "a" * 40 + "!", FAILS),
        ("catastrophic-alternation", r"^(a|a)*$", "a" * 40 + "!", FAILS),
        ("catastrophic-nested-star", r"^(\w*)*x$", "a" * 40, FAILS),
        ("backreference", r"^(\d)\1[.]00$", "11.00", ANY),
    ]:
        contract, recording = _pattern(pattern, value)
        cases.append(_contract_case(f"pattern-{name}", contract, exits, cassette=recording))
    return cases


# --- mapping transforms with arguments of the wrong type ------------------------------------------

DECIMAL = b"transforms: [{decimal: {places: 2}}]"
REGEX = b'transforms: [trim, {regex_replace: {pattern: "^", replacement: "Shopify "}}]'
ZONE = b"transforms: [{datetime_utc: {tz: Asia/Shanghai}}]"
JOIN = b'transforms: [split_tags, {join: {separator: ";"}}]'

TRANSFORM_CASES = {
    "decimal-places-word": (DECIMAL, b'transforms: [{decimal: {places: "two"}}]'),
    "decimal-places-negative": (DECIMAL, b"transforms: [{decimal: {places: -1}}]"),
    "decimal-places-float": (DECIMAL, b"transforms: [{decimal: {places: 2.5}}]"),
    "decimal-places-huge": (DECIMAL, b"transforms: [{decimal: {places: 99999999999}}]"),
    "decimal-places-bool": (DECIMAL, b"transforms: [{decimal: {places: true}}]"),
    "decimal-args-scalar": (DECIMAL, b"transforms: [{decimal: 2}]"),
    "decimal-args-list": (DECIMAL, b"transforms: [{decimal: [2]}]"),
    "decimal-unknown-arg": (DECIMAL, b"transforms: [{decimal: {place: 2}}]"),
    "regex-pattern-number": (REGEX, b"transforms: [{regex_replace: {pattern: 5, "
                                    b"replacement: x}}]"),
    "regex-replacement-list": (REGEX, b'transforms: [{regex_replace: {pattern: "^", '
                                      b"replacement: [a]}}]"),
    "regex-pattern-invalid": (REGEX, b'transforms: [{regex_replace: {pattern: "(", '
                                     b'replacement: ""}}]'),
    "regex-replacement-bad-group": (REGEX, b'transforms: [{regex_replace: {pattern: "^", '
                                           b'replacement: "\\\\9"}}]'),
    "regex-missing-replacement": (REGEX, b'transforms: [{regex_replace: {pattern: "^"}}]'),
    "regex-catastrophic": (REGEX, b'transforms: [{regex_replace: {pattern: "^(a+)+$", '
                                  b'replacement: ""}}]'),
    "tz-unknown": (ZONE, b"transforms: [{datetime_utc: {tz: Mars/Olympus}}]"),
    "tz-number": (ZONE, b"transforms: [{datetime_utc: {tz: 8}}]"),
    "tz-path-traversal": (ZONE, b"transforms: [{datetime_utc: {tz: ../../etc/passwd}}]"),
    "tz-offset-text": (ZONE, b'transforms: [{datetime_utc: {tz: "+08:00"}}]'),
    "local-tz-missing": (ZONE, b"transforms: [datetime_local]"),
    "local-tz-traversal": (ZONE, b"transforms: [{datetime_local: {tz: ../../etc/passwd}}]"),
    "local-format-offset": (ZONE, b'transforms: [{datetime_local: {tz: Asia/Shanghai, '
                                  b'format: "yyyy-MM-dd HH:mm:ssXXX"}}]'),
    "local-format-number": (ZONE, b"transforms: [{datetime_local: {tz: UTC, format: 8}}]"),
    "join-separator-number": (JOIN, b"transforms: [split_tags, {join: {separator: 5}}]"),
    "join-separator-null": (JOIN, b"transforms: [split_tags, {join: {separator: null}}]"),
    "transforms-as-text": (DECIMAL, b"transforms: decimal"),
    "transforms-empty-object": (DECIMAL, b"transforms: [{}]"),
    "transform-two-names": (DECIMAL, b"transforms: [{decimal: {places: 2}, trim: {}}]"),
    "transform-unknown": (DECIMAL, b"transforms: [decimals]"),
    "transform-nested-list": (DECIMAL, b"transforms: [[trim]]"),
    "transform-null": (DECIMAL, b"transforms: [null]"),
    "transform-number": (DECIMAL, b"transforms: [5]"),
    "transform-name-with-args-missing": (DECIMAL, b"transforms: [regex_replace]"),
}


# Lint may accept these (they are valid): only a crash or a hang is wrong.
LINT_MAY_PASS = {"regex-catastrophic"}


def _mapping_case(name: str, old: bytes, new: bytes) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        path = project / MAPPING
        data = path.read_bytes()
        assert old in data, old
        path.write_bytes(data.replace(old, new, 1))
        return json_args("map lint", project)
    return Case(f"mapping-transform:{name}", setup, ANY if name in LINT_MAY_PASS else FAILS,
                ("shopify-order-to-hubspot-deal",))


def mapping_cases() -> list[Case]:
    return [_mapping_case(name, old, new) for name, (old, new) in TRANSFORM_CASES.items()]


# --- GX suites in the 0.18 and 1.x formats, with wrong kwargs -------------------------------

def _suite_case(name: str, change: Callable[[dict[str, Any]], Any],
                exits: frozenset[int] = FAILS) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        path = project / SUITE
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(change(data), indent=2), encoding="utf-8")
        return json_args("quality --only suite=hubspot_deals", project)
    return Case(f"suite-format:{name}", setup, exits)


def _gx018(data: dict[str, Any]) -> dict[str, Any]:
    """The suite as GX 0.18 wrote it, its first expectation made to fail."""
    expectations = [{"expectation_type": e["type"], "kwargs": e["kwargs"],
                     "meta": e.get("meta", {})} for e in data["expectations"]]
    expectations[0]["expectation_type"] = "expect_column_values_to_be_null"
    return {"expectation_suite_name": data["name"], "data_asset_type": None,
            "ge_cloud_id": None, "expectations": expectations,
            "meta": {"great_expectations_version": "0.18.19"}}


def _first(**kwargs: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        for key, value in kwargs.items():
            if value is ...:
                data["expectations"][0]["kwargs"].pop(key, None)
            else:
                data["expectations"][0]["kwargs"][key] = value
        return data
    return change


def _typed(kind: str, **kwargs: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        data["expectations"].insert(0, {"type": kind, "kwargs": kwargs})
        return data
    return change


def _whole(key: str, value: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        data["expectations"][0][key] = value
        return data
    return change


def suite_cases() -> list[Case]:
    column = "shopify_order_id"
    return [
        _suite_case("gx-0.18-failing", _gx018),
        _suite_case("gx-0.18-type-and-name-mixed", lambda d: {**_gx018(d), "name": "x"}),
        _suite_case("gx-1x-id-and-notes", lambda d: {**d, "id": "5f1c", "notes": [1, 2],
                                                     "expectations": [
            {**d["expectations"][0], "id": 7, "type": "expect_column_values_to_be_null"}]}),
        _suite_case("column-number", _first(column=5)),
        _suite_case("column-null", _first(column=None)),
        _suite_case("column-list", _first(column=[column])),
        _suite_case("column-missing", _first(column=...)),
        _suite_case("column-unknown", _first(column="no_such_column")),
        _suite_case("mostly-word", _first(mostly="high")),
        _suite_case("mostly-above-one", _first(mostly=2)),
        _suite_case("mostly-negative", _first(mostly=-0.5)),
        _suite_case("unknown-kwarg", _first(colum="x")),
        _suite_case("kwargs-list", _whole("kwargs", [column])),
        _suite_case("kwargs-null", _whole("kwargs", None)),
        _suite_case("type-unknown", _whole("type", "expect_column_to_be_awesome")),
        _suite_case("type-number", _whole("type", 5)),
        _suite_case("type-missing", lambda d: {**d, "expectations": [
            {"kwargs": {"column": column}}, *d["expectations"][1:]]}),
        _suite_case("value-set-text", _typed("expect_column_values_to_be_in_set",
                                             column=column, value_set="abc")),
        _suite_case("value-set-null", _typed("expect_column_values_to_be_in_set",
                                             column=column, value_set=None)),
        _suite_case("between-min-above-max", _typed("expect_column_values_to_be_between",
                                                     column="amount", min_value=10,
                                                     max_value=1)),
        _suite_case("between-bounds-text", _typed("expect_column_values_to_be_between",
                                                  column="amount", min_value="ten")),
        _suite_case("regex-invalid", _typed("expect_column_values_to_match_regex",
                                            column=column, regex="(")),
        _suite_case("regex-ecma-only", _typed("expect_column_values_to_match_regex",
                                              column=column, regex=r"^\p{N}+$")),
        _suite_case("regex-catastrophic", _typed("expect_column_values_to_match_regex",
                                                 column="dealname", regex=r"^(\w+\s?)+$"),
                    ANY),
        _suite_case("expectations-object", lambda d: {**d, "expectations": {"a": 1}}),
        _suite_case("expectations-missing", lambda d: {"name": d["name"]}),
        _suite_case("suite-a-list", lambda d: d["expectations"]),
        _suite_case("suite-name-number", lambda d: {**d, "name": 5}),
    ]


# --- settings files and dataset files -------------------------------------------------------------

def _settings_case(name: str, change: Callable[[bytes], bytes],
                   exits: frozenset[int] = FAILS) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        path = project / "pyproject.toml"
        path.write_bytes(change(path.read_bytes()))
        recording = project / CASSETTE
        recording.write_bytes(recording.read_bytes().replace(b'"status": "paid"',
                                                             b'"status": "lost"', 1))
        return json_args("verify", project)
    return Case(f"settings-format:{name}", setup, exits)


def settings_cases() -> list[Case]:
    return [
        _settings_case("utf8-bom", lambda b: b"\xef\xbb\xbf" + b),
        _settings_case("crlf", lambda b: b.replace(b"\n", b"\r\n")),
        _settings_case("utf16-le-no-bom", lambda b: b.decode().encode("utf-16-le"), TWO),
        _settings_case("nul-after-table", lambda b: b.replace(b"[tool.seamguard]\n",
                                                              b"[tool.seamguard]\n\x00\n"), TWO),
        _settings_case("array-of-tables", lambda b: b.replace(b"[tool.seamguard]",
                                                              b"[[tool.seamguard]]"), TWO),
        _settings_case("platforms-array-of-tables", lambda b: b.replace(
            b"[tool.seamguard.platforms.shop]", b"[[tool.seamguard.platforms.shop]]"), TWO),
        _settings_case("seamguard-a-string", lambda b: b"[tool]\nseamguard = \"yes\"\n", TWO),
        _settings_case("versions-a-string", lambda b: b.replace(b'["v1"]', b'"v1"'), TWO),
        _settings_case("versions-empty", lambda b: b.replace(b'["v1"]', b"[]"), TWO),
        _settings_case("versions-numbers", lambda b: b.replace(b'["v1"]', b"[1]"), TWO),
        _settings_case("base-url-ftp", lambda b: b.replace(b"https://shop", b"ftp://shop"),
                       FAILS),
        _settings_case("base-url-no-scheme", lambda b: b.replace(b"https://", b""), FAILS),
        _settings_case("base-url-spaces", lambda b: b.replace(b"https://shop",
                                                              b"https://sh op"), FAILS),
        _settings_case("base-url-unknown-placeholder", lambda b: b.replace(
            b"{version}", b"{release}"), FAILS),
        _settings_case("base-url-unclosed-placeholder", lambda b: b.replace(
            b"{version}", b"{version"), FAILS),
        _settings_case("very-long-line", lambda b: b + b"# " + b"x" * (2 << 20) + b"\n"),
        _settings_case("key-10k-long", lambda b: b.replace(
            b"[tool.seamguard.platforms.shop]", b"[tool.seamguard.platforms." + b"s" * 10_000
            + b"]"), FAILS),
    ]


def _dataset_case(name: str, file_name: str, data: bytes, exits: frozenset[int] = FAILS,
                  ) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        path = project / "fixtures/datasets" / file_name
        path.write_bytes(data)
        settings = project / "pyproject.toml"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text + f'\n[tool.seamguard.datasets.extra]\npath = '
                            f'"fixtures/datasets/{file_name}"\n', encoding="utf-8")
        (project / "suites/extra.json").write_text(json.dumps({"name": "extra", "expectations": [
            {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}}]}),
            encoding="utf-8")
        return json_args("quality --only suite=extra", project)
    return Case(f"dataset-format:{name}", setup, exits, (file_name,))


def _parquet_bytes() -> bytes:
    import io

    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(pa.table({"id": list(range(1000))}), sink)
    return sink.getvalue()


def _arrow_bytes() -> bytes:
    import io

    import pyarrow as pa
    import pyarrow.feather as feather

    sink = io.BytesIO()
    feather.write_feather(pa.table({"id": list(range(1000))}), sink)
    return sink.getvalue()


def dataset_cases() -> list[Case]:
    parquet = _parquet_bytes()
    zip_head = b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40
    return [
        _dataset_case("parquet-truncated-half", "t.parquet", parquet[: len(parquet) // 2]),
        _dataset_case("parquet-magic-only", "m.parquet", b"PAR1"),
        _dataset_case("parquet-empty", "e.parquet", b""),
        _dataset_case("parquet-is-csv", "c.parquet", b"id\n1\n2\n"),
        _dataset_case("arrow-file", "a.arrow", _arrow_bytes()),
        _dataset_case("feather-truncated", "f.feather", _arrow_bytes()[:100]),
        _dataset_case("xlsx-truncated", "x.xlsx", zip_head),
        _dataset_case("csv-utf16-bom", "u.csv", "id,name\n1,\u5f20\u4e09\n".encode("utf-16")),
        _dataset_case("csv-mixed-encodings", "mix.csv", b"id,name\n1,caf\xc3\xa9\n2,caf\xe9\n"
                      b"3,\xd5\xc5\xc8\xfd\n", ANY),
        _dataset_case("csv-nul-bytes", "n.csv", b"id,name\n1,a\x00b\n", ANY),
        _dataset_case("csv-only-bom", "b.csv", b"\xef\xbb\xbf"),
        _dataset_case("jsonl-null-line", "n.jsonl", b'{"id": 1}\nnull\n{"id": 2}\n'),
        _dataset_case("jsonl-array-of-objects", "arr.jsonl", b'[{"id": 1}, {"id": 2}]\n'),
        _dataset_case("jsonl-pretty-printed", "p.jsonl", b'{\n  "id": 1\n}\n'),
        _dataset_case("jsonl-utf16", "w.jsonl", '{"id": 1}\n'.encode("utf-16")),
        _dataset_case("jsonl-duplicate-key", "d.jsonl", b'{"id": 1, "id": null}\n', ANY),
    ]


def all_cases() -> list[Case]:
    return [*cassette_cases(), *contract_cases(), *mapping_cases(), *suite_cases(),
            *settings_cases(), *dataset_cases()]


if __name__ == "__main__":
    from tests.support.hostile_wire import main

    main()
