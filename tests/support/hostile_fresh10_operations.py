"""What an OpenAPI operation says beyond its body schema, for ``hostile_fresh10``.

* ``rsp10``: how a recorded answer finds its response and media type (``2XX``, ``default``, a
  media type with parameters, ``application/*``, ``*/*``, a ``+json`` type, responses and
  headers reached through ``components``, header schemas, a discriminator's mapping); each met
  by a recording that keeps what is written (clean) and one that breaks it (a finding naming the
  place, never a silent pass).
* ``req10``: the same for the recorded request: path, query (``form`` arrays, ``deepObject``),
  header parameters, a required request body, form-encoded bodies, a method or content type the
  operation does not document.
* ``lnk10``: contracts whose links, parameters and operation ids contradict themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, ONE, json_args
from tests.support.projects import MINI_CONTRACT, good_order, interaction, mini_project

CLEAN = frozenset({0})
_ORDER_SCHEMA = ("              schema:\n                type: object\n"
                 "                required: [order]\n                properties:\n"
                 "                  order: {$ref: \"#/components/schemas/Order\"}\n")
_OK_START = '        "200":\n          description: One order.\n'
_HEADERS = ("          headers:\n"
            "            X-Request-Id: {required: true, schema: {type: string}}\n")
_MEDIA = "            application/json:\n"


def _ok(*, key: str = '"200"', media: str = "application/json", headers: str = _HEADERS,
        schema: str = _ORDER_SCHEMA) -> str:
    return (f"        {key}:\n          description: One order.\n{headers}"
            f"          content:\n            {media}:\n{schema}")


def _replace_ok(text: str) -> str:
    """MINI_CONTRACT with its 200 response swapped for ``text``."""
    start = MINI_CONTRACT.index(_OK_START)
    end = MINI_CONTRACT.index('        "404":')
    return MINI_CONTRACT[:start] + text + MINI_CONTRACT[end:]


def _components(contract: str, extra: str) -> str:
    return contract.replace("components:\n", "components:\n" + extra, 1)


def _ops(contract: str, extra: str) -> str:
    """Operation-level keys placed after ``get:``."""
    return contract.replace("    get:\n", "    get:\n" + extra, 1)


def _params(contract: str, extra: str) -> str:
    marker = "        - {name: id, in: path, required: true, schema: {type: integer}}\n"
    return contract.replace(marker, marker + extra, 1)


def _answer(order: dict[str, Any] | None = None, *, status: int = 200,
            ctype: str = "application/json; charset=utf-8",
            headers: dict[str, list[str]] | None = None,
            uri: str = "https://shop.example.com/api/v1/orders/1.json", method: str = "GET",
            body: Any = None, request_headers: dict[str, list[str]] | None = None,
            request_body: str | None = None) -> dict[str, Any]:
    sent = {"order": order if order is not None else good_order()} if body is None else body
    got = headers if headers is not None else {"Content-Type": [ctype], "X-Request-Id": ["r1"]}
    record = interaction(sent, uri=uri, method=method, status=status, headers=got)
    if request_headers is not None:
        record["request"]["headers"] = request_headers
    if request_body is not None:
        record["request"]["body"] = request_body
    return record


_BAD = good_order(status="lost")

# --- responses --------------------------------------------------------------------------------

_SCHEMAS = "components:\n  schemas:\n"
_DISCRIMINATED = MINI_CONTRACT.replace(
    '                  order: {$ref: "#/components/schemas/Order"}\n',
    '                  order: {$ref: "#/components/schemas/Order"}\n'
    '                  pet: {$ref: "#/components/schemas/Pet"}\n').replace(_SCHEMAS, _SCHEMAS + """\
    Pet:
      oneOf: [{$ref: "#/components/schemas/Cat"}, {$ref: "#/components/schemas/Dog"}]
      discriminator:
        propertyName: kind
        mapping: {cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog"}
    Cat:
      type: object
      required: [kind, meow]
      properties: {kind: {type: string}, meow: {type: boolean}}
    Dog:
      type: object
      required: [kind, bark]
      properties: {kind: {type: string}, bark: {type: integer}}
""", 1)

_RESPONSE_REF = _components(_replace_ok(
    '        "200": {$ref: "#/components/responses/OneOrder"}\n'), """\
  responses:
    OneOrder:
      description: One order.
      headers:
        X-Request-Id: {required: true, schema: {type: string}}
      content:
        application/json:
          schema:
            type: object
            required: [order]
            properties:
              order: {$ref: "#/components/schemas/Order"}
""")

_HEADER_REF = _components(_replace_ok(_ok(headers=(
    "          headers:\n            X-Request-Id: {$ref: \"#/components/headers/Rid\"}\n"))),
    "  headers:\n    Rid: {required: true, schema: {type: string, minLength: 2}}\n")


def _header(schema: str) -> str:
    return _replace_ok(_ok(headers=_HEADERS + f"            X-Rate: {{schema: {schema}}}\n"))


_WITH_RATE = {"Content-Type": ["application/json"], "X-Request-Id": ["r1"]}

# label -> (contract, interaction, exits, names)
RESPONSES: dict[str, tuple[str, dict[str, Any], frozenset[int], tuple[str, ...]]] = {
    "range-2xx=keeps": (_replace_ok(_ok(key='"2XX"')), _answer(status=201), CLEAN, ()),
    "range-2xx=breaks": (_replace_ok(_ok(key='"2XX"')), _answer(_BAD, status=201), ONE,
                         ("/order/status",)),
    "default-only=keeps": (_replace_ok(_ok(key="default")), _answer(status=202), CLEAN, ()),
    "default-only=breaks": (_replace_ok(_ok(key="default")), _answer(_BAD, status=202), ONE,
                            ("/order/status",)),
    "exact-beats-range=breaks": (_replace_ok(_ok() + _ok(key='"2XX"', schema=(
        "              schema: {type: object}\n"))), _answer(_BAD), ONE, ("/order/status",)),
    "media-with-charset=keeps": (_replace_ok(_ok(media='"application/json; charset=utf-8"')),
                                 _answer(), CLEAN, ()),
    "media-with-charset=breaks": (_replace_ok(_ok(media='"application/json; charset=utf-8"')),
                                  _answer(_BAD), ONE, ("/order/status",)),
    "media-range=keeps": (_replace_ok(_ok(media='"application/*"')), _answer(), CLEAN, ()),
    "media-range=breaks": (_replace_ok(_ok(media='"application/*"')), _answer(_BAD), ONE,
                           ("/order/status",)),
    "media-any=keeps": (_replace_ok(_ok(media='"*/*"')), _answer(), CLEAN, ()),
    "media-any=breaks": (_replace_ok(_ok(media='"*/*"')), _answer(_BAD), ONE,
                         ("/order/status",)),
    "media-suffix-json=keeps": (_replace_ok(_ok(media="application/vnd.shop+json")),
                                _answer(ctype="application/vnd.shop+json"), CLEAN, ()),
    "media-suffix-json=breaks": (_replace_ok(_ok(media="application/vnd.shop+json")),
                                 _answer(_BAD, ctype="application/vnd.shop+json"), ONE,
                                 ("/order/status",)),
    "media-upper-case=breaks": (_replace_ok(_ok(media="Application/JSON")), _answer(_BAD), ONE,
                                ("/order/status",)),
    "problem-json-404=breaks": (MINI_CONTRACT.replace(
        "          content:\n            application/json:\n              schema: {type: object,"
        " properties: {errors: {type: string}}}",
        "          content:\n            application/problem+json:\n              schema: "
        "{type: object, properties: {title: {type: string}}}"),
        _answer(status=404, ctype="application/problem+json", body={"title": 5}), ONE,
        ("/title",)),
    "response-ref=keeps": (_RESPONSE_REF, _answer(), CLEAN, ()),
    "response-ref=breaks": (_RESPONSE_REF, _answer(_BAD), ONE, ("/order/status",)),
    "header-ref=keeps": (_HEADER_REF, _answer(headers={"Content-Type": ["application/json"],
                                                        "X-Request-Id": ["r1"]}), CLEAN, ()),
    "header-ref-missing=breaks": (_HEADER_REF, _answer(headers={
        "Content-Type": ["application/json"]}), ONE, ("X-Request-Id",)),
    "header-integer=keeps": (_header("{type: integer}"), _answer(headers={
        **_WITH_RATE, "X-Rate": ["40"]}), CLEAN, ()),
    "header-integer=breaks": (_header("{type: integer}"), _answer(headers={
        **_WITH_RATE, "X-Rate": ["forty"]}), ONE, ("X-Rate",)),
    "header-enum=breaks": (_header("{type: string, enum: [low, high]}"), _answer(headers={
        **_WITH_RATE, "X-Rate": ["medium"]}), ONE, ("X-Rate",)),
    "header-lower-case-name=keeps": (_replace_ok(_ok(headers=(
        "          headers:\n            x-request-id: {required: true, schema: "
        "{type: string}}\n"))), _answer(), CLEAN, ()),
    "discriminator=keeps": (_DISCRIMINATED, _answer(body={
        "order": good_order(), "pet": {"kind": "cat", "meow": True}}), CLEAN, ()),
    "discriminator-mapped-breaks": (_DISCRIMINATED, _answer(body={
        "order": good_order(), "pet": {"kind": "cat", "bark": 2}}), ONE, ("/pet",)),
    "discriminator-unmapped-value": (_DISCRIMINATED, _answer(body={
        "order": good_order(), "pet": {"kind": "bird", "meow": True}}), ONE, ("/pet",)),
    "read-only-in-response=keeps": (MINI_CONTRACT.replace(
        "        id: {type: integer}", "        id: {type: integer, readOnly: true}"),
        _answer(), CLEAN, ()),
    "status-undocumented": (MINI_CONTRACT, _answer(status=500), ONE, ("500",)),
    "content-type-undocumented": (MINI_CONTRACT, _answer(ctype="text/html"), ONE,
                                  ("text/html",)),
    "ref-siblings-30=keeps": (MINI_CONTRACT.replace("openapi: 3.1.0", "openapi: 3.0.3").replace(
        '                  order: {$ref: "#/components/schemas/Order"}',
        '                  order: {$ref: "#/components/schemas/Order", description: One.}')
        .replace('note: {type: [string, "null"]}', "note: {type: string, nullable: true}"),
        _answer(), CLEAN, ()),
    "exclusive-maximum-30=breaks": (MINI_CONTRACT.replace("openapi: 3.1.0", "openapi: 3.0.3")
                                    .replace("        id: {type: integer}", "        id: {type: "
                                             "integer, maximum: 1, exclusiveMaximum: true}")
                                    .replace('note: {type: [string, "null"]}',
                                             "note: {type: string, nullable: true}"),
                                    _answer(), ONE, ("/order/id",)),
}

# --- requests ---------------------------------------------------------------------------------

_QUERY_REQUIRED = _params(MINI_CONTRACT, "        - {name: fields, in: query, required: true, "
                                         "schema: {type: string}}\n")
_QUERY_ENUM = _params(MINI_CONTRACT, "        - {name: view, in: query, schema: {type: string, "
                                     "enum: [full, short]}}\n")
_QUERY_ARRAY = _params(MINI_CONTRACT, "        - {name: ids, in: query, style: form, explode: "
                                      "false, schema: {type: array, items: {type: integer}}}\n")
_QUERY_DEEP = _params(MINI_CONTRACT, "        - {name: filter, in: query, style: deepObject, "
                                     "schema: {type: object, properties: {status: {type: string,"
                                     " enum: [open, paid]}}}}\n")
_HEADER_REQUIRED = _params(MINI_CONTRACT, "        - {name: X-Shop, in: header, required: true,"
                                          " schema: {type: string}}\n")
_POST = MINI_CONTRACT.replace("    get:\n", """    post:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: object, required: [note], properties: {note: {type: string}}}
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {status: {type: string, enum: [open, paid]}}}
      responses:
        "200":
          description: Changed.
          content:
            application/json:
              schema: {type: object}
    get:
""", 1)
_URI = "https://shop.example.com/api/v1/orders/1.json"
_JSON_SENT = {"Content-Type": ["application/json"]}
_FORM_SENT = {"Content-Type": ["application/x-www-form-urlencoded"]}

REQUESTS: dict[str, tuple[str, dict[str, Any], frozenset[int], tuple[str, ...]]] = {
    "path-param-word": (MINI_CONTRACT, _answer(
        uri="https://shop.example.com/api/v1/orders/abc.json"), ONE, ("abc",)),
    "query-required=keeps": (_QUERY_REQUIRED, _answer(uri=_URI + "?fields=id"), CLEAN, ()),
    "query-required=breaks": (_QUERY_REQUIRED, _answer(), ONE, ("fields",)),
    "query-enum=breaks": (_QUERY_ENUM, _answer(uri=_URI + "?view=wide"), ONE, ("view",)),
    "query-form-array=keeps": (_QUERY_ARRAY, _answer(uri=_URI + "?ids=1,2"), CLEAN, ()),
    "query-form-array=breaks": (_QUERY_ARRAY, _answer(uri=_URI + "?ids=1,x"), ONE, ("ids",)),
    "query-deep-object=keeps": (_QUERY_DEEP, _answer(uri=_URI + "?filter%5Bstatus%5D=paid"),
                                CLEAN, ()),
    "query-deep-object=breaks": (_QUERY_DEEP, _answer(uri=_URI + "?filter%5Bstatus%5D=lost"),
                                 ONE, ("filter",)),
    "header-param=keeps": (_HEADER_REQUIRED, _answer(request_headers={"X-Shop": ["s1"]}),
                           CLEAN, ()),
    # A recording that kept no request header at all has nothing to read (verify_headers:
    # "no request header was recorded: nothing to read, nothing missing"): the call recorded
    # here keeps its other headers and still lacks the required one.
    "header-param=breaks": (_HEADER_REQUIRED, _answer(request_headers={
        "Accept": ["application/json"]}), ONE, ("X-Shop",)),
    "body-required=keeps": (_POST, _answer(method="POST", body={}, request_headers=_JSON_SENT,
                                           request_body='{"note": "n"}'), CLEAN, ()),
    "body-required=breaks": (_POST, _answer(method="POST", body={}), ONE, ("requestBody",)),
    "body-schema=breaks": (_POST, _answer(method="POST", body={}, request_headers=_JSON_SENT,
                                          request_body='{"note": 5}'), ONE, ("/note",)),
    "body-form=keeps": (_POST, _answer(method="POST", body={}, request_headers=_FORM_SENT,
                                       request_body="status=paid"), CLEAN, ()),
    "body-form=breaks": (_POST, _answer(method="POST", body={}, request_headers=_FORM_SENT,
                                        request_body="status=lost"), ONE, ("status",)),
    # Files, XML and text bodies are not read (docs/recording.md: "a JSON or form body in a
    # Content-Type the operation's requestBody does not declare is content-type.undeclared
    # (files, XML and text are not read)"), so the undeclared type sent here is JSON's.
    "body-content-type-undocumented": (_POST, _answer(
        method="POST", body={}, request_headers={"Content-Type": ["application/merge-patch+json"]},
        request_body='{"note": 5}'), ONE, ("merge-patch",)),
    "method-undocumented": (MINI_CONTRACT, _answer(method="DELETE"), ONE, ("DELETE",)),
    "method-lower-case": (MINI_CONTRACT, _answer(method="get"), ANY, ()),
    "path-trailing-slash": (MINI_CONTRACT, _answer(uri=_URI + "/"), ANY, ()),
    "path-percent-digit": (MINI_CONTRACT, _answer(
        uri="https://shop.example.com/api/v1/orders/%31.json"), ANY, ()),
    "path-double-slash": (MINI_CONTRACT, _answer(
        uri="https://shop.example.com/api/v1//orders/1.json"), ANY, ()),
    "host-other": (MINI_CONTRACT, _answer(uri="https://other.example.com/api/v1/orders/1.json"),
                   ANY, ()),
}

# --- links, parameters and operation ids (contract lint) ------------------------------------

_LINKED = _replace_ok(_ok().replace("          content:\n",
                                    "          links:\n            self: {LINK}\n"
                                    "          content:\n", 1))
_OPID = _ops(MINI_CONTRACT, "      operationId: getOrder\n")

LINKS: dict[str, tuple[str, frozenset[int], tuple[str, ...]]] = {
    "link-operation-missing": (_ops(_LINKED, "      operationId: getOrder\n").replace(
        "{LINK}", "{operationId: getOrdr, parameters: {id: '$response.body#/order/id'}}"),
        FAILS, ("getOrdr",)),
    "link-operation-and-ref": (_ops(_LINKED, "      operationId: getOrder\n").replace(
        "{LINK}", "{operationId: getOrder, operationRef: '#/paths/~1orders~1{id}.json/get'}"),
        FAILS, ("operationRef",)),
    "link-neither": (_ops(_LINKED, "      operationId: getOrder\n").replace(
        "{LINK}", "{parameters: {id: '$response.body#/order/id'}}"), FAILS, ("self",)),
    "link-ok": (_ops(_LINKED, "      operationId: getOrder\n").replace(
        "{LINK}", "{operationId: getOrder, parameters: {id: '$response.body#/order/id'}}"),
        CLEAN, ()),
    "operation-id-twice": (_OPID.replace("  /orders/{id}.json:\n", """  /orders.json:
    get:
      operationId: getOrder
      responses:
        "200": {description: Orders.}
  /orders/{id}.json:
""", 1), FAILS, ("getOrder",)),
    "parameter-twice": (_params(MINI_CONTRACT, "        - {name: id, in: path, required: true, "
                                               "schema: {type: string}}\n"), FAILS, ("id",)),
    "path-param-not-required": (MINI_CONTRACT.replace(
        "{name: id, in: path, required: true,", "{name: id, in: path, required: false,"),
        FAILS, ("id",)),
    "path-param-undeclared": (MINI_CONTRACT.replace(
        "        - {name: id, in: path, required: true, schema: {type: integer}}\n",
        "        - {name: view, in: query, schema: {type: string}}\n"), FAILS, ("id",)),
    "path-param-not-in-template": (_params(MINI_CONTRACT, "        - {name: shop, in: path, "
                                                          "required: true, schema: {type: "
                                                          "string}}\n"), FAILS, ("shop",)),
    "parameter-schema-and-content": (_params(MINI_CONTRACT, "        - {name: q, in: query, "
                                                            "schema: {type: string}, content: "
                                                            "{application/json: {schema: "
                                                            "{type: object}}}}\n"), FAILS,
                                     ("q",)),
    "parameter-in-unknown": (_params(MINI_CONTRACT, "        - {name: q, in: body, schema: "
                                                    "{type: string}}\n"), FAILS, ("body",)),
    "path-level-override=keeps": (MINI_CONTRACT.replace(
        "  /orders/{id}.json:\n", "  /orders/{id}.json:\n    parameters:\n"
        "      - {name: id, in: path, required: true, schema: {type: string}}\n", 1), CLEAN,
        ()),
    "callback-plain-url=keeps": (_ops(MINI_CONTRACT, """      callbacks:
        onPaid:
          "https://hooks.example.com/paid":
            post:
              requestBody: {content: {application/json: {schema: {type: object}}}}
              responses: {"200": {description: Taken.}}
"""), CLEAN, ()),
    "callback-not-path-item": (_ops(MINI_CONTRACT, "      callbacks:\n        onPaid:\n"
                                                   "          '{$request.body#/url}': 7\n"),
                               FAILS, ("onPaid",)),
}


def _verify_case(family: str, label: str, contract: str, record: dict[str, Any],
                 exits: frozenset[int], names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("verify", mini_project(root / "p", contract=contract,
                                                interactions=[record]))
    return Case(f"{family}:{label}", setup, exits, names)


def _lint_case(label: str, contract: str, exits: frozenset[int],
               names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("contract lint", mini_project(root / "p", contract=contract))
    return Case(f"lnk10:{label}", setup, exits, names)


def operation_cases() -> list[Case]:
    return [*(_verify_case("rsp10", label, *spec) for label, spec in RESPONSES.items()),
            *(_verify_case("req10", label, *spec) for label, spec in REQUESTS.items()),
            *(_lint_case(label, *spec) for label, spec in LINKS.items())]
