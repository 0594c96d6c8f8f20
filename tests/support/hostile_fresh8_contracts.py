"""Contracts whose schemas say more than JSON Schema's core, for ``hostile_fresh8``.

* ``fmt8``: ``format`` values of the OpenAPI format registry and JSON Schema that fresh7 left
  out (``duration``, ``time``, ``hostname``, ``ipv6``, ``uri``, ``uri-reference``,
  ``json-pointer``, ``relative-json-pointer``, ``regex``, ``iri``, ``idn-email``,
  ``uri-template``, ``int64``, ``byte``), each met by a value it takes (clean) and one it refuses
  (a finding at the property's pointer, never a pass); a format misspelt (``date-tme``,
  ``datetime``, ``DATE-TIME``, ``e-mail``...) checks nothing, so ``contract lint`` must say so
  by name;
  a format of no registry stays clean.
* ``ex8``: ``example`` and ``examples`` written together (OpenAPI says one or the other), an
  example that breaks its own schema, ``examples`` as a list where a map of Example Objects is
  wanted, an Example Object with both ``value`` and ``externalValue``: ``contract lint`` names
  each at its pointer.
* ``nfc8``: property names, enum values and consts that are Unicode normalisation twins (NFC
  and NFD, a ligature and its letters) of what the recording sends: the body breaks the
  contract byte for byte, and the finding must show it (never a pass, never a crash).
* ``id8``: schemas reached by ``$anchor``, by an absolute ``$id`` and by a relative ``$id``;
  references to an anchor or ``$id`` that does not exist (named, without a network fetch).
* ``hook8``: an OpenAPI 3.1 document of webhooks only, against recordings of calls to it.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_fresh7_schemas import _contract, _project
from tests.support.hostile_strategies import ANY, FAILS, ONE, json_args
from tests.support.projects import MINI_CONTRACT, good_order, interaction, mini_project

CLEAN = frozenset({0})
_AT = ("/order/x7",)

# format -> (a value it takes, a value it refuses)
FORMATS: dict[str, tuple[Any, Any]] = {
    "duration": ("P1DT2H", "1 day"),
    "time": ("10:00:00Z", "25:61:00Z"),
    "hostname": ("shop.example.com", "-bad-.example..com"),
    "ipv6": ("2001:db8::1", "2001:db8::1::2"),
    "uri": ("https://shop.example.com/a", "not a uri"),
    "uri-reference": ("../a?b#c", "http://[bad"),
    "json-pointer": ("/a/b", "a/b"),
    "relative-json-pointer": ("0/a", "/a"),
    "regex": ("^[a-z]+$", "(unclosed"),
    "iri": ("https://例え.jp/パス", "no scheme here"),
    "idn-email": ("用户@例え.jp", "not-an-email"),
    "uri-template": ("/orders/{id}", "/orders/{id"),
    "int64": (9223372036854775807, 9223372036854775808),
    "byte": ("aGVsbG8=", "%%% not base64 %%%"),
}
MISSPELT = ("date-tme", "datetime", "date_time", "DATE-TIME", "e-mail", "uuid4", "ipv-4",
            "Date")
CUSTOM = ("x-money", "decimal", "currency", "phone")


def _format_case(name: str, value: Any, bad: bool) -> Case:
    def setup(root: Path) -> list[str]:
        schema = "{type: integer, format: int64}" if name == "int64" else \
            f"{{type: string, format: {name}}}"
        return json_args("verify", _project(root, _contract(schema), value))
    if bad:
        return Case(f"fmt8:{name}=breaks", setup, ONE, _AT)
    return Case(f"fmt8:{name}=keeps", setup, CLEAN)


def _misspelt_case(name: str) -> Case:
    # a contract's own mistakes are `contract lint`'s to name (`check` runs it too)
    def setup(root: Path) -> list[str]:
        return json_args("contract lint", _project(root, _contract(
            f"{{type: string, format: {name}}}"), "yesterday, around noon"))
    return Case(f"fmt8:misspelt-{name}", setup, ANY, (name,))


def _custom_case(name: str) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("verify", _project(root, _contract(
            f"{{type: string, format: {name}}}"), "12.50"))
    return Case(f"fmt8:custom-{name}", setup, ANY)


# --- examples ---------------------------------------------------------------------------------

_MEDIA = "            application/json:\n              schema:\n                type: object\n"
_OK = '{order: {id: 1, status: paid, total: "10.00", created_at: "2024-07-01T10:00:00Z"}}'
_BAD = '{order: {id: x, status: lost, total: "10", created_at: "yesterday"}}'
_PARAM = "        - {name: id, in: path, required: true, schema: {type: integer}}\n"

# label -> (text the 200 media type (or the id parameter) gets, where, names)
EXAMPLES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "example-and-examples": (f"              example: {_OK}\n              examples:\n"
                             f"                one: {{value: {_OK}}}\n", "media", ("example",)),
    "example-breaks-schema": (f"              example: {_BAD}\n", "media", ("example",)),
    "examples-value-breaks-schema": (f"              examples:\n                one: "
                                     f"{{value: {_BAD}}}\n", "media", ("one",)),
    "examples-as-list": (f"              examples: [{_OK}]\n", "media", ("examples",)),
    "examples-value-and-external": (f"              examples:\n                one: {{value: "
                                    f"{_OK}, externalValue: 'https://x.example/o.json'}}\n",
                                    "media", ("one",)),
    "examples-entry-not-object": ("              examples:\n                one: 5\n",
                                  "media", ("one",)),
    "param-example-and-examples": ("        - {name: id, in: path, required: true, schema: "
                                   "{type: integer}, example: 1, examples: {a: {value: 2}}}\n",
                                   "param", ("example",)),
    "param-example-breaks-schema": ("        - {name: id, in: path, required: true, schema: "
                                    "{type: integer}, example: abc}\n", "param", ("example",)),
}


def _example_case(label: str, text: str, where: str, names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        if where == "media":
            contract = MINI_CONTRACT.replace(_MEDIA, _MEDIA.replace(
                "              schema:\n", text + "              schema:\n"), 1)
        else:
            contract = MINI_CONTRACT.replace(_PARAM, text, 1)
        project = mini_project(root / "p", contract=contract, interactions=[
            interaction({"order": good_order()})])
        return json_args("contract lint", project)
    # (an example its schema refuses is a warning, named; two kinds of example are an error)
    return Case(f"ex8:{label}", setup, ANY if "breaks" in label else FAILS, names)


# --- normalisation twins ------------------------------------------------------------------------

_NFC = "caf\u00e9"
_NFD = unicodedata.normalize("NFD", _NFC)


def _twin_project(root: Path, schema: str, body: dict[str, Any]) -> Path:
    return mini_project(root / "p", contract=_contract(schema), interactions=[
        interaction({"order": good_order(**body)})])


TWINS: dict[str, tuple[str, dict[str, Any]]] = {
    "required-nfc-sent-nfd": (f"{{type: object, required: [{_NFC}], properties: "
                              f"{{{_NFC}: {{type: integer}}}}, additionalProperties: false}}",
                              {"x7": {_NFD: 1}}),
    "enum-nfc-sent-nfd": (f"{{enum: [{_NFC}, tea]}}", {"x7": _NFD}),
    "const-nfd-sent-nfc": (f"{{const: {_NFD}}}", {"x7": _NFC}),
    "enum-ligature": ("{enum: [fine, coarse]}", {"x7": "\ufb01ne"}),
    "enum-fullwidth-digit": ("{enum: ['1', '2']}", {"x7": "\uff11"}),
    "closed-object-twin-key": (f"{{type: object, properties: {{{_NFC}: {{type: integer}}}}, "
                               "additionalProperties: false}", {"x7": {_NFC: 1, _NFD: 2}}),
}


def _twin_case(label: str, schema: str, body: dict[str, Any]) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("verify", _twin_project(root, schema, body))
    return Case(f"nfc8:{label}", setup, ONE, _AT)


# --- $anchor and $id ---------------------------------------------------------------------------

_POS = "    Positive: {$dynamicAnchor: positive, type: integer, minimum: 1}\n"

# label -> (Positive's schema replaced by, x7's schema, exits, names)
IDS: dict[str, tuple[str, str, frozenset[int], tuple[str, ...]]] = {
    "anchor": ("    Positive: {$anchor: pos, type: integer, minimum: 1}\n", "{$ref: '#pos'}",
               ONE, _AT),
    "absolute-id": ("    Positive: {$id: 'https://example.com/schemas/positive', type: integer, "
                    "minimum: 1}\n", "{$ref: 'https://example.com/schemas/positive'}", ONE, _AT),
    "relative-id": ("    Positive: {$id: 'positive.json', type: integer, minimum: 1}\n",
                    "{$ref: 'positive.json'}", ONE, _AT),
    "id-with-anchor": ("    Positive: {$id: 'https://example.com/s', $defs: {p: {$anchor: p, "
                       "type: integer, minimum: 1}}}\n", "{$ref: 'https://example.com/s#p'}",
                       ONE, _AT),
    "anchor-missing": (_POS, "{$ref: '#nopos'}", FAILS, ("#nopos",)),
    "id-missing": (_POS, "{$ref: 'https://example.com/schemas/nowhere'}", FAILS,
                   ("example.com/schemas/nowhere",)),
    "anchor-twice": ("    Positive: {$anchor: pos, type: integer, minimum: 1}\n"
                     "    Other: {$anchor: pos, type: string}\n", "{$ref: '#pos'}", FAILS,
                     ("pos",)),
}


def _id_case(label: str, positive: str, schema: str, exits: frozenset[int],
             names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        contract = _contract(schema).replace(_POS, positive)
        return json_args("verify", _project(root, contract, -3))
    return Case(f"id8:{label}", setup, exits, names)


# --- webhooks only ----------------------------------------------------------------------------

_WEBHOOKS = """openapi: 3.1.0
info: {title: Shop, version: v1}
webhooks:
  orderPaid:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [order]}
      responses:
        "200": {description: ok}
"""


def _webhooks_case(command: str) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini_project(root / "p", contract=_WEBHOOKS, interactions=[
            interaction({"order": good_order(status="lost")})])
        return json_args(command, project)
    return Case(f"hook8:webhooks-only:{command.replace(' ', '-')}", setup, FAILS, ())


def contract_cases() -> list[Case]:
    return [*(_format_case(name, pair[bad], bool(bad)) for name, pair in FORMATS.items()
              for bad in (0, 1)),
            *(_misspelt_case(name) for name in MISSPELT),
            *(_custom_case(name) for name in CUSTOM),
            *(_example_case(label, *row) for label, row in EXAMPLES.items()),
            *(_twin_case(label, *row) for label, row in TWINS.items()),
            *(_id_case(label, *row) for label, row in IDS.items()),
            *(_webhooks_case(command) for command in ("verify", "check"))]
