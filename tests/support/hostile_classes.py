"""Hostile cases of classes the operator generator (``hostile_operators``) does not produce.

* ``$ref`` in every position OpenAPI allows one, not only schemas: parameters (operation and
  path level), responses, response headers, request bodies, path items, callbacks, webhooks,
  links, examples, security schemes and discriminator mappings; each pointing at itself, into
  a two-step cycle, across two files and back, at a remote URL, out of the project, at nothing,
  at the document root or at an object of another kind.
* Keys that only look right: Cyrillic and full-width confusables and zero-width characters in
  the keys every file kind depends on.
* Files of one byte, for every file kind.
* Numbers in the places that mean something (status codes, schema bounds, transform
  parameters, expectation bounds, settings): hex, octal, ``-0``, ``1e999``, ``.nan``, ``2e2``.
* Duplicate keys below the top level, and YAML merge keys that merge aliases of other kinds.
* YAML tags and directives that name Python or redefine the core tags.
* Datasets: quoted newlines, mixed encodings, a ragged row deep in a big CSV, a JSON Lines file
  whose line 10,000 is broken, Parquet with a damaged footer or a column of another type.
* Command lines: ``--`` tricks, options given twice, numbers in hex or exponent form, a file
  where a folder belongs, file names that are not UTF-8.
* The environment: bad ``COLUMNS``, proxy and CA-bundle variables, tokens with line breaks or
  characters HTTP headers cannot carry, an ASCII-only standard output.
* Servers on 127.0.0.1: malformed ``Content-Length``, folded or colon-less headers, unknown
  charsets, odd encodings, ``Retry-After`` far in the future, TLS spoken to a plain port.

``python -m tests.support.hostile_classes`` runs every case and prints one line per failing case
and the count per failure class, judged as ``hostile_operators`` judges its own.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml

from tests.support import hostile_operators
from tests.support import hostile_servers as servers
from tests.support.hostile import Job, Outcome, count_failure, run_batch, run_seamguard
from tests.support.hostile_cases import Case, Setup
from tests.support.hostile_operators import CSV, JSONL, MAPPING, SUITE, _example
from tests.support.hostile_strategies import ANY, CASSETTE, CONTRACT, FAILS, HELD, mini
from tests.support.projects import MINI_CONTRACT, MINI_SETTINGS, good_order, mini_project

Edit = Callable[[dict[str, Any]], None]

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


# --- keys that only look right ------------------------------------------------------------------

CYRILLIC = str.maketrans({"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440",
                          "c": "\u0441"})


def _confusable(key: str, how: str) -> str:
    if how == "cyrillic":
        return key.translate(CYRILLIC)
    if how == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in key[:1]) + key[1:]
    if how == "zero-width":
        return key[:2] + "\u200b" + key[2:]
    if how == "trailing-nbsp":
        return key + "\u00a0"
    raise ValueError(how)


CONFUSIONS = ("cyrillic", "fullwidth", "zero-width", "trailing-nbsp")


def _rename_first(data: bytes, key: bytes, new: str) -> bytes:
    """The first occurrence of ``key`` as a key (YAML ``key:``, JSON ``"key":``, TOML
    ``key =``) renamed."""
    for pattern, replacement in ((b'"' + key + b'":', f'"{new}":'.encode()),
                                 (b'"' + key + b'" :', f'"{new}" :'.encode()),
                                 (key + b":", f"{new}:".encode()),
                                 (key + b" =", f'"{new}" ='.encode())):
        if pattern in data:
            return data.replace(pattern, replacement, 1)
    raise LookupError(key)


def _file_edit_case(case_id: str, relative: str, change: Callable[[bytes], bytes],
                    command: str, *, example: bool, exits: frozenset[int] = FAILS,
                    expect: tuple[str, ...] = ()) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root) if example else mini(root)
        path = project / relative
        path.write_bytes(change(path.read_bytes()))
        return [*command.split(), "--project", str(project), "-f", "json"]
    return Case(case_id, setup, exits, expect)


# (file, key, command, example project?)
KEYED_FILES = [
    ("contract", CONTRACT, "paths", "verify", False),
    ("contract", CONTRACT, "required", "check", False),
    ("cassette", CASSETTE, "interactions", "verify", False),
    ("cassette", CASSETTE, "status", "verify", False),
    ("settings", "pyproject.toml", "versions", "verify", False),
    ("settings", "pyproject.toml", "base_url", "verify", False),
    ("mapping", MAPPING, "fields", "map lint", True),
    ("mapping", MAPPING, "identity", "map lint", True),
    ("suite", SUITE, "expectations", "quality --only suite=hubspot_deals", True),
    ("suite", SUITE, "column", "quality --only suite=hubspot_deals", True),
]


def confusable_cases() -> list[Case]:
    cases = []
    for family, relative, key, command, example in KEYED_FILES:
        for how in CONFUSIONS:
            new = _confusable(key, how)
            cases.append(_file_edit_case(
                f"confusable-{family}:{key}:{how}", relative,
                lambda data, key=key, new=new: _rename_first(data, key.encode(), new),
                command, example=example))
    return cases


# --- files of one byte --------------------------------------------------------------------------

ONE_BYTES = {"open-brace": b"{", "open-bracket": b"[", "dash": b"-", "tilde": b"~",
             "zero": b"0", "quote": b'"', "newline": b"\n", "ff": b"\xff", "nul": b"\x00",
             "hash": b"#"}
ONE_BYTE_FILES = [
    ("contract", CONTRACT, "verify", False),
    ("cassette", CASSETTE, "verify", False),
    ("settings", "pyproject.toml", "verify", False),
    ("mapping", MAPPING, "map lint", True),
    ("suite", SUITE, "quality --only suite=hubspot_deals", True),
    ("csv", CSV, "quality --only dataset=hubspot_contacts", True),
    ("jsonl", JSONL, "quality --only dataset=shopify_orders", True),
]


def one_byte_cases() -> list[Case]:
    return [_file_edit_case(f"one-byte-{family}:{name}", relative,
                            lambda data, byte=byte: byte, command, example=example)
            for family, relative, command, example in ONE_BYTE_FILES
            for name, byte in ONE_BYTES.items()]


# --- numbers where they mean something ----------------------------------------------------------

def _yaml_sub(old: str, new: str) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        if old.encode() not in data:
            raise LookupError(old)
        return data.replace(old.encode(), new.encode(), 1)
    return change


YAML_NUMBERS = {"hex": "0x10", "octal": "0o310", "minus-zero": "-0", "e-notation": "2e2",
                "past-double": "1e999", "nan": ".nan", "minus-inf": "-.inf", "float": "200.0",
                "huge": "9" * 40, "sexagesimal": "3:20", "underscored": "2_00"}
JSON_NUMBERS = {"hex": "0x10", "minus-zero": "-0", "e-notation": "2e2", "past-double": "1e999",
                "nan": "NaN", "minus-infinity": "-Infinity", "float": "1.0",
                "tiny": "1e-999", "huge": "9" * 40, "plus": "+1", "leading-zero": "007"}
TOML_NUMBERS = {"hex": "0x10", "octal": "0o10", "binary": "0b1", "minus-zero": "-0.0",
                "nan": "nan", "denormal": "5e-324", "huge": "9" * 30, "underscored": "1_0",
                "exp-float": "1e3"}


def _cassette_status(value: str) -> Callable[[bytes], bytes]:
    return _yaml_sub("code: 200", f"code: {value}")


def number_cases() -> list[Case]:
    cases = []
    for name, value in YAML_NUMBERS.items():
        cases.append(_file_edit_case(f"number-status:{name}", CASSETTE, _cassette_status(value),
                                     "verify", example=False, exits=ANY))
        cases.append(_file_edit_case(
            f"number-max-length:{name}", CONTRACT,
            _yaml_sub("id: {type: integer}\n        status",
                      f"id: {{type: integer, maximum: {value}}}\n        status"),
            "check", example=False, exits=ANY))
        cases.append(_file_edit_case(
            f"number-decimal-places:{name}", MAPPING, _yaml_sub("places: 2", f"places: {value}"),
            "map test", example=True, exits=ANY))
    for name, value in JSON_NUMBERS.items():
        cases.append(_file_edit_case(
            f"number-suite-bound:{name}", SUITE,
            _yaml_sub('"max_value": 1000000', f'"max_value": {value}'),
            "quality --only suite=hubspot_deals",
            example=True, exits=ANY))
        cases.append(_file_edit_case(
            f"number-in-body:{name}", CASSETTE, _yaml_sub('"id": 1,', f'"id": {value},'),
            "verify", example=False, exits=ANY))
        cases.append(_file_edit_case(
            f"number-mostly:{name}", "suites/shopify_orders.json",
            _json_first_kwargs("mostly", value), "quality --only suite=shopify_orders",
            example=True, exits=ANY))
    for name, value in TOML_NUMBERS.items():
        for key in ("max_body_mb", "max_depth", "max_document_mb"):
            cases.append(_file_edit_case(
                f"number-setting-{key}:{name}", "pyproject.toml",
                _yaml_sub("[tool.seamguard]\n", f"[tool.seamguard]\n{key} = {value}\n"),
                "verify", example=False, exits=ANY))
        cases.append(_file_edit_case(
            f"number-setting-timeout:{name}", "pyproject.toml",
            lambda data, value=value: data + f"\n[tool.seamguard.network]\ntimeout = {value}\n"
            .encode(), "verify", example=False, exits=ANY))
    return cases


def _json_first_kwargs(key: str, raw: str) -> Callable[[bytes], bytes]:
    """``key: raw`` added to the first ``kwargs`` object of a suite."""
    return _yaml_sub('"kwargs": {', f'"kwargs": {{"{key}": {raw}, ')


# --- duplicate keys below the top, merge keys -----------------------------------------------------

DUPLICATES = [
    ("contract-schema-property", CONTRACT, "id: {type: integer}",
     "id: {type: integer}\n        id: {type: string}", "verify", False),
    ("contract-response-code", CONTRACT, '"404":', '"200": {description: again}\n        "404":',
     "verify", False),
    ("cassette-header", CASSETTE, "X-Request-Id:", "X-Request-Id:\n      - r0\n      X-Request-Id:",
     "verify", False),
    ("cassette-status", CASSETTE, "code: 200", "code: 200\n      code: 500", "verify", False),
    ("cassette-body-json", CASSETTE, '"id": 1,', '"id": 1, "id": "x",', "verify", False),
    ("mapping-enum-entry", MAPPING, "enums:", "enums:\n  deal_stage: {}\n  deal_stage: {}",
     "map lint", True),
    ("suite-kwargs-column", SUITE, '"kwargs": {', '"kwargs": {"column": "a", "column": "b", ',
     "quality --only suite=hubspot_deals", True),
    ("suite-meta", SUITE, '"kwargs": {', '"meta": {}, "meta": {}, "kwargs": {',
     "quality --only suite=hubspot_deals", True),
    ("settings-platform-key", "pyproject.toml", 'versions = ["v1"]',
     'versions = ["v1"]\nversions = ["v1"]', "verify", False),
    ("settings-table-dotted", "pyproject.toml", "[tool.seamguard]\n",
     "[tool.seamguard]\nplatforms.shop.versions = [\"v1\"]\n", "verify", False),
]
MERGES = [
    ("merge-list-of-aliases", CONTRACT, "components:",
     "x-a: &a {description: a}\nx-b: &b {summary: b}\nx-m: {<<: [*a, *b], title: m}\n"
     "components:", "verify", ANY),
    ("merge-a-scalar", CONTRACT, "components:", "x-a: &a text\nx-m: {<<: *a}\ncomponents:",
     "verify", FAILS),
    ("merge-a-list-of-scalars", CONTRACT, "components:",
     "x-a: &a [1, 2]\nx-m: {<<: *a}\ncomponents:", "verify", FAILS),
    ("merge-into-schema", CONTRACT, "Order:\n      type: object",
     "Base: &base {type: object, required: [id]}\n    Order:\n      <<: *base\n      type: object",
     "verify", ANY),
    ("merge-into-interaction", CASSETTE, "- request:", "- <<: {recorded_at: x}\n  request:",
     "verify", ANY),
    ("merge-key-in-mapping-rule", MAPPING, "fields:\n",
     "x-defaults: &d {required: false}\nfields:\n", "map lint", ANY),
    ("merge-key-quoted", CONTRACT, "components:", 'x-m: {"<<": {a: 1}}\ncomponents:', "verify",
     ANY),
    # a mapping merged into itself: YAML's merge adds only keys it lacks, so nothing
    ("merge-self-alias", CONTRACT, "components:", "x-m: &m {<<: *m}\ncomponents:", "verify",
     ANY),
]


def duplicate_cases() -> list[Case]:
    cases = [_file_edit_case(f"duplicate-{name}", relative, _yaml_sub(old, new), command,
                             example=example, exits=FAILS)
             for name, relative, old, new, command, example in DUPLICATES]
    cases += [_file_edit_case(name, relative, _yaml_sub(old, new), command,
                              example=relative == MAPPING, exits=exits)
              for name, relative, old, new, command, exits in MERGES]
    return cases


# --- tags and directives ------------------------------------------------------------------------

TAGGED = {
    "python-object-apply": "!!python/object/apply:os.system [\"true\"]",
    "python-object-new": "!!python/object/new:builtins.dict {}",
    "verbatim-python-tag": "!<tag:yaml.org,2002:python/object/apply:os.getcwd> []",
    "tag-directive-python": None,  # written as a %TAG directive below
    "yaml-1.1-directive": None,
    "str-tag-on-number": "!!str 12",
    "int-tag-on-text": "!!int twelve",
    "float-tag-on-text": "!!float abc",
    "null-key": None,
    "bool-key": None,
    "timestamp-tag-bad": "!!timestamp not-a-date",
    "merge-tag": "!!merge x",
    "local-tag-on-mapping": "!Order {a: 1}",
}
TAG_FILES = [("contract", CONTRACT, "check", False), ("cassette", CASSETTE, "verify", False),
             ("mapping", MAPPING, "map lint", True)]


def _tagged(name: str, value: str | None) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        if name == "tag-directive-python":
            return (b"%TAG !py! tag:yaml.org,2002:python/object/apply:\n---\n"
                    + _with_top_key(data, b"x-t: !py!os.getcwd []"))
        if name == "yaml-1.1-directive":
            return b"%YAML 1.1\n---\n" + _with_top_key(data, b"x-flag: yes")
        if name == "null-key":
            return _with_top_key(data, b"~: 1")
        if name == "bool-key":
            return _with_top_key(data, b"true: 1")
        assert value is not None
        return _with_top_key(data, b"x-t: " + value.encode())
    return change


def _with_top_key(data: bytes, line: bytes) -> bytes:
    return line + b"\n" + data.lstrip(b"\n")


def tag_cases() -> list[Case]:
    exits = {"str-tag-on-number": ANY, "yaml-1.1-directive": ANY, "local-tag-on-mapping": FAILS}
    # a cassette's top-level keys other than interactions and version are nobody's (vcrpy
    # ignores them too): a null or boolean key there is read as its text and left alone
    lenient = {("cassette", "null-key"), ("cassette", "bool-key")}
    return [_file_edit_case(f"tag-{family}:{name}", relative, _tagged(name, value), command,
                            example=example,
                            exits=ANY if (family, name) in lenient else exits.get(name, FAILS))
            for family, relative, command, example in TAG_FILES
            for name, value in TAGGED.items()]


# --- datasets -------------------------------------------------------------------------------------

def _csv_lines(data: bytes) -> list[bytes]:
    return data.rstrip(b"\n").split(b"\n")


def _big_csv(change_row: Callable[[bytes], bytes] | None = None, rows: int = 20_000
             ) -> Callable[[bytes], bytes]:
    """The CSV repeated to ``rows`` rows, row ``rows - 3`` changed."""
    def change(data: bytes) -> bytes:
        header, *body = _csv_lines(data)
        out = [header]
        while len(out) <= rows:
            out.extend(body)
        out = out[:rows + 1]
        if change_row is not None:
            out[rows - 3] = change_row(out[rows - 3])
        return b"\n".join(out) + b"\n"
    return change


def _big_jsonl(bad: bytes, at: int = 10_000) -> Callable[[bytes], bytes]:
    def change(data: bytes) -> bytes:
        lines = _csv_lines(data)
        out = []
        while len(out) < at + 5:
            out.extend(lines)
        out = out[:at + 5]
        out[at - 1] = bad
        return b"\n".join(out) + b"\n"
    return change


def _csv_quoted_newline(data: bytes) -> bytes:
    lines = _csv_lines(data)
    fields = lines[5].split(b",")
    fields[4] = b'"' + fields[4] + b'\nsecond line, with a comma"'
    lines[5] = b",".join(fields)
    return b"\n".join(lines) + b"\n"


def _csv_mixed_encoding(data: bytes) -> bytes:
    lines = _csv_lines(data)
    lines[7] = lines[7].decode("utf-8").encode("gbk")
    return b"\n".join(lines) + b"\n"


def _parquet_footer(data: bytes) -> bytes:
    return data[:-12] + b"\x00" * 8 + data[-4:]


def _parquet_magic_only(data: bytes) -> bytes:
    return b"PAR1PAR1"


DATASET_CASES_SPEC: list[tuple[str, str, Callable[[bytes], bytes], str, frozenset[int]]] = [
    ("csv:quoted-newline", CSV, _csv_quoted_newline, "hubspot_contacts", ANY),
    ("csv:mixed-encoding", CSV, _csv_mixed_encoding, "hubspot_contacts", ANY),
    ("csv:ragged-row-19997", CSV, _big_csv(lambda row: row + b",extra,more"), "hubspot_contacts",
     FAILS),
    ("csv:short-row-19997", CSV, _big_csv(lambda row: row.split(b",", 1)[0]),
     "hubspot_contacts", FAILS),
    ("csv:nul-in-row-19997", CSV, _big_csv(lambda row: row.replace(b",", b",\x00", 1)),
     "hubspot_contacts", ANY),
    ("csv:bom-only", CSV, lambda data: b"\xef\xbb\xbf", "hubspot_contacts", FAILS),
    # DuckDB's sniffer reads either as the table it is
    ("csv:semicolons", CSV, lambda data: data.replace(b",", b";"), "hubspot_contacts", ANY),
    ("csv:empty-column-name", CSV, lambda data: data.replace(b"city", b"", 1),
     "hubspot_contacts", ANY),
    ("csv:header-with-newline", CSV, lambda data: data.replace(b"city", b'"ci\nty"', 1),
     "hubspot_contacts", FAILS),
    ("csv:crlf-and-lf", CSV, lambda data: data.replace(b"\n", b"\r\n", 300), "hubspot_contacts",
     ANY),
    ("jsonl:bad-line-10000", JSONL, _big_jsonl(b'{"id": 1, "name": '), "shopify_orders", FAILS),
    ("jsonl:string-line-10000", JSONL, _big_jsonl(b'"just text"'), "shopify_orders", FAILS),
    ("jsonl:nan-line-10000", JSONL, _big_jsonl(b'{"id": NaN}'), "shopify_orders", FAILS),
    ("jsonl:invalid-utf8-line-10000", JSONL, _big_jsonl(b'{"id": 1, "name": "\xc3\x28"}'),
     "shopify_orders", FAILS),
    ("jsonl:blank-lines-between", JSONL, lambda data: data.replace(b"\n", b"\n\n\n", 50),
     "shopify_orders", ANY),
    ("jsonl:bom-every-line", JSONL, lambda data: data.replace(b"\n{", b"\n\xef\xbb\xbf{", 20),
     "shopify_orders", FAILS),
    ("jsonl:last-line-cut", JSONL, lambda data: data.rstrip(b"\n")[:-7], "shopify_orders",
     FAILS),
    ("parquet:footer-zeroed", "fixtures/datasets/hubspot_deals.parquet", _parquet_footer,
     "hubspot_deals", FAILS),
    ("parquet:magic-only", "fixtures/datasets/hubspot_deals.parquet", _parquet_magic_only,
     "hubspot_deals", FAILS),
    ("parquet:first-half", "fixtures/datasets/hubspot_deals.parquet",
     lambda data: data[:len(data) // 2] + data[-8:], "hubspot_deals", FAILS),
]


def _parquet_other_schema(root: Path) -> list[str]:
    """hubspot_deals.parquet rewritten with every column as text and one column dropped."""
    import duckdb

    project = _example(root)
    path = project / "fixtures/datasets/hubspot_deals.parquet"
    other = path.with_name("other.parquet")
    connection = duckdb.connect()
    columns = [row[0] for row in connection.execute(
        f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()]
    kept = ", ".join(f'CAST("{c}" AS VARCHAR) || \'x\' AS "{c}"' for c in columns[1:])
    connection.execute(f"COPY (SELECT {kept} FROM read_parquet('{path}')) TO '{other}' "
                       "(FORMAT PARQUET)")
    connection.close()
    other.replace(path)
    return ["quality", "--only", "dataset=hubspot_deals", "--project", str(project), "-f",
            "json"]


# The line a broken record sits on, which the output must name.
DATASET_LINES = {"jsonl:bad-line-10000": "shopify_orders.jsonl:10000",
                 "jsonl:string-line-10000": "shopify_orders.jsonl:10000",
                 "jsonl:invalid-utf8-line-10000": "shopify_orders.jsonl:10000",
                 "csv:ragged-row-19997": "hubspot_contacts.csv:19999",
                 "csv:short-row-19997": "hubspot_contacts.csv:19998"}


def dataset_cases() -> list[Case]:
    cases = [_file_edit_case(f"dataset-{name}", relative, change,
                             f"quality --only dataset={dataset}", example=True, exits=exits,
                             expect=(DATASET_LINES[name],) if name in DATASET_LINES else ())
             for name, relative, change, dataset, exits in DATASET_CASES_SPEC]
    cases.append(Case("dataset-parquet:other-schema", _parquet_other_schema, FAILS))
    return cases


# --- command lines --------------------------------------------------------------------------------

def _cli(*argv: str, make: Callable[[Path, Path], None] | None = None) -> Setup:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        if make is not None:
            make(root, project)
        return [a.replace("{p}", str(project)).replace("{r}", str(root)) for a in argv]
    return setup


CLI_CASES = [
    Case("cli:double-dash-before-option", _cli("verify", "--", "--project", "{p}")),
    Case("cli:double-dash-first", _cli("--", "verify", "--project", "{p}"), ANY | FAILS),
    Case("cli:double-dash-only", _cli("--"), FAILS),
    Case("cli:project-twice-same", _cli("verify", "--project", "{p}", "--project", "{p}",
                                         "-f", "json"), ANY),
    Case("cli:only-twice-same", _cli("verify", "--only", "platform=shop", "--only",
                                      "platform=shop", "--project", "{p}", "-f", "json"), ANY),
    Case("cli:only-two-equals", _cli("verify", "--only", "platform=shop=x", "--project", "{p}")),
    Case("cli:only-empty-kind", _cli("verify", "--only", "=shop", "--project", "{p}")),
    Case("cli:only-empty-name", _cli("verify", "--only", "platform=", "--project", "{p}")),
    Case("cli:fail-on-upper-case", _cli("verify", "--fail-on=ERROR", "--project", "{p}",
                                         "-f", "json"), ANY),
    Case("cli:format-equals-empty", _cli("verify", "--format=", "--project", "{p}")),
    Case("cli:format-attached", _cli("verify", "-fjson", "--project", "{p}"), ANY),
    Case("cli:project-is-pyproject", _cli("verify", "--project", "{p}/pyproject.toml", "-f",
                                           "json"), ANY),
    Case("cli:project-dash", _cli("verify", "--project", "-", "-f", "json")),
    Case("cli:reports-dash", _cli("verify", "--reports", "-", "--project", "{p}", "-f", "json"),
         ANY),
    Case("cli:debug-twice", _cli("verify", "--debug", "--debug", "--project", "{p}", "-f",
                                  "json"), ANY),
    Case("cli:option-abbreviated", _cli("verify", "--proj", "{p}")),
    Case("cli:max-examples-hex", _cli("probe", "shop", "--max-examples", "0x10", "--project",
                                       "{p}")),
    Case("cli:max-examples-exponent", _cli("probe", "shop", "--max-examples", "1e3",
                                            "--project", "{p}")),
    Case("cli:max-examples-huge", _cli("probe", "shop", "--max-examples",
                                       "99999999999999999999", "--project", "{p}"), FAILS),
    Case("cli:baseline-dash", _cli("verify", "--baseline", "-", "--project", "{p}")),
    Case("cli:baseline-is-project", _cli("verify", "--baseline", "{p}", "--project", "{p}")),
    Case("cli:diff-both-stdin", _cli("contract", "diff", "-", "-", "--project", "{p}")),
    Case("cli:diff-ref-at-unknown-version", _cli("contract", "diff", "shop@v9", "shop@v1",
                                                  "--project", "{p}")),
    Case("cli:diff-ref-no-version", _cli("contract", "diff", "shop@", "shop@v1", "--project",
                                          "{p}")),
    Case("cli:explain-record-missing-index", _cli(
        "map", "explain", "x", "{p}/fixtures/cassettes/orders.yaml#99", "--project", "{p}")),
]


def _record_file(content: bytes) -> Callable[[Path, Path], None]:
    def make(root: Path, project: Path) -> None:
        (root / "r.json").write_bytes(content)
    return make


EXPLAIN_RECORDS = {"number-past-double": b"1e999", "nan": b"NaN", "a-list": b"[]",
                   "one-byte": b"{", "utf16": '{"a": 1}'.encode("utf-16"), "empty": b""}


def explain_cases() -> list[Case]:
    """``map explain`` with hostile records, on the example project."""
    cases = []
    for name, content in EXPLAIN_RECORDS.items():
        def setup(root: Path, content: bytes = content) -> list[str]:
            project = _example(root)
            (root / "r.json").write_bytes(content)
            return ["map", "explain", "shopify-order-to-hubspot-deal", str(root / "r.json"),
                    "--project", str(project)]
        cases.append(Case(f"explain-record:{name}", setup, FAILS))
        def stdin_setup(root: Path) -> list[str]:
            return ["map", "explain", "shopify-order-to-hubspot-deal", "-", "--project",
                    str(_example(root))]
        if name != "utf16":
            cases.append(Case(f"explain-stdin:{name}", stdin_setup, FAILS,
                              env={"__stdin__": content.decode("latin-1")}))
    return cases


# --- the environment and byte file names: run as real processes ---------------------------------

def _env_project(root: Path, settings: str = MINI_SETTINGS) -> Path:
    return mini(root, settings)


def _drift_settings(origin: str) -> str:
    return (MINI_SETTINGS.replace("https://shop.example.com", origin)
            + 'live = [{path = "/orders/1.json"}]\n'
            + 'auth = { header = "Authorization", scheme = "Bearer", env = "SHOP_TOKEN" }\n'
            + "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n")


EnvSetup = Callable[[Path], tuple[list[str], dict[str, str]]]
ENV_CASES: list[tuple[str, EnvSetup, frozenset[int]]] = []


def _env(name: str, exits: frozenset[int] = ANY) -> Callable[[EnvSetup], EnvSetup]:
    def register(setup: EnvSetup) -> EnvSetup:
        ENV_CASES.append((name, setup, exits))
        return setup
    return register


def _plain_env(name: str, env: dict[str, str], command: str = "verify",
               exits: frozenset[int] = ANY) -> None:
    def setup(root: Path) -> tuple[list[str], dict[str, str]]:
        project = _env_project(root)
        argv = [a.replace("{p}", str(project)) for a in command.split()]
        return [*argv, "--project", str(project)], env
    ENV_CASES.append((name, setup, exits))


for _name, _value in {"abc": "abc", "negative": "-5", "zero": "0", "huge": "99999999",
                      "empty": ""}.items():
    _plain_env(f"env:columns-{_name}", {"COLUMNS": _value})
_plain_env("env:lines-abc", {"LINES": "abc"})
_plain_env("env:force-color-word", {"FORCE_COLOR": "maybe", "NO_COLOR": ""})
_plain_env("env:term-dumb", {"TERM": "dumb"})
_plain_env("env:ascii-stdout", {"PYTHONIOENCODING": "ascii"}, "verify")
_plain_env("env:latin1-stdout", {"PYTHONIOENCODING": "latin-1"}, "verify")
_plain_env("env:c-locale", {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
                            "PYTHONCOERCECLOCALE": "0"}, "verify")
_plain_env("env:tmpdir-missing", {"TMPDIR": "/nonexistent/tmp"}, "contract diff shop@v1 shop@v1")
_plain_env("env:pseudonym-key-short", {"SEAMGUARD_PSEUDONYM_KEY": "x"},
           "privacy scrub {p}/fixtures/cassettes/orders.yaml")
_plain_env("env:pseudonym-key-unicode", {"SEAMGUARD_PSEUDONYM_KEY": "密钥\u200b"},
           "privacy scrub {p}/fixtures/cassettes/orders.yaml")


def _drift_env(name: str, env: dict[str, str], responder: servers.Responder | None = None,
               exits: frozenset[int] = FAILS, scheme: str = "http") -> None:
    def setup(root: Path) -> tuple[list[str], dict[str, str]]:
        server = HELD.enter_context(servers.raw_server(
            responder or servers.json_answer({"order": good_order()},
                                             headers={"X-Request-Id": "r"})))
        origin = server.origin.replace("http:", f"{scheme}:")
        project = _env_project(root, _drift_settings(origin))
        return ["drift", "run", "--project", str(project), "-f", "json"], env
    ENV_CASES.append((name, setup, exits))


_TOKEN = {"SHOP_TOKEN": "t0ken"}
_drift_env("env:token-with-crlf", {"SHOP_TOKEN": "abc\r\nX-Evil: 1"})
_drift_env("env:token-with-lf", {"SHOP_TOKEN": "abc\nX-Evil: 1"})
_drift_env("env:token-chinese", {"SHOP_TOKEN": "令牌"})
_drift_env("env:token-only-spaces", {"SHOP_TOKEN": "   "})
_drift_env("env:http-proxy-garbage", {**_TOKEN, "HTTP_PROXY": "::garbage::",
                                      "http_proxy": "::garbage::"}, exits=ANY)
_drift_env("env:all-proxy-socks", {**_TOKEN, "ALL_PROXY": "socks5://127.0.0.1:9",
                                   "all_proxy": "socks5://127.0.0.1:9"}, exits=ANY)
_drift_env("env:proxy-refused", {**_TOKEN, "HTTP_PROXY": "http://127.0.0.1:9",
                                 "NO_PROXY": ""}, exits=ANY)
_drift_env("env:ca-bundle-missing", {**_TOKEN, "SSL_CERT_FILE": "/nonexistent/ca.pem",
                                     "SSL_CERT_DIR": "/nonexistent"}, exits=ANY)
_drift_env("env:ca-bundle-garbage", {**_TOKEN, "SSL_CERT_FILE": "/etc/hostname"}, exits=ANY)
_drift_env("env:tls-to-plain-port", _TOKEN, scheme="https")


@_env("env:probe-requests-ca-missing", ANY)
def _probe_ca(root: Path) -> tuple[list[str], dict[str, str]]:
    server = HELD.enter_context(servers.raw_server(servers.json_answer(
        {"order": good_order()}, headers={"X-Request-Id": "r"})))
    project = _env_project(root, MINI_SETTINGS.replace("https://shop.example.com",
                                                       server.origin))
    return ["probe", "shop", "--max-examples", "2", "--project", str(project)], {
        "REQUESTS_CA_BUNDLE": "/nonexistent/ca.pem", "CURL_CA_BUNDLE": "/nonexistent/ca.pem"}


@_env("env:dataset-url-garbage", FAILS)
def _dataset_url(root: Path) -> tuple[list[str], dict[str, str]]:
    settings = MINI_SETTINGS + ('\n[tool.seamguard.datasets.orders]\nkind = "sql"\n'
                                'url_env = "ORDERS_DB"\ntable = "orders"\n')
    project = _env_project(root, settings)
    (project / "suites").mkdir(exist_ok=True)
    (project / "suites/orders.json").write_text(json.dumps({"name": "orders", "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}}]}),
        encoding="utf-8")
    return ["quality", "--project", str(project), "-f", "json"], {"ORDERS_DB": "abc::\x7f"}


def _byte_named(name: bytes) -> EnvSetup:
    def setup(root: Path) -> tuple[list[str], dict[str, str]]:
        folder = os.fsdecode(os.fsencode(root) + b"/" + name)
        project = mini_project(Path(folder), settings=MINI_SETTINGS,
                               interactions=[])
        shutil.copy(mini(root / "x") / CASSETTE, project / CASSETTE)
        (project / CASSETTE).write_bytes((project / CASSETTE).read_bytes().replace(
            b'"status": "paid"', b'"status": "lost"'))
        return ["verify", "--project", folder], {}
    return setup


ENV_CASES.append(("bytes:project-latin1-name", _byte_named(b"caf\xe9"), frozenset({1})))
ENV_CASES.append(("bytes:project-invalid-utf8", _byte_named(b"\xff\xfe-\xc3\x28"),
                  frozenset({1})))


def _cassette_bytes_name(root: Path) -> tuple[list[str], dict[str, str]]:
    project = mini(root)
    (project / CASSETTE).rename(os.fsdecode(os.fsencode(project / "fixtures/cassettes")
                                            + b"/\xff\xfe.yaml"))
    return ["verify", "--project", str(project), "-f", "json"], {}


ENV_CASES.append(("bytes:cassette-invalid-utf8-name", _cassette_bytes_name, ANY))


def _contract_bytes_name(root: Path) -> tuple[list[str], dict[str, str]]:
    project = mini(root)
    folder = project / "contracts/shop"
    os.rename(folder / "v1", os.fsdecode(os.fsencode(folder) + b"/v\xff"))
    settings = project / "pyproject.toml"
    settings.write_bytes(settings.read_bytes().replace(b'"v1"', b'"v\\u00ff"'))
    return ["check", "--project", str(project), "-f", "json"], {}


ENV_CASES.append(("bytes:version-folder-invalid-utf8", _contract_bytes_name, FAILS))


# --- servers ------------------------------------------------------------------------------------

_BODY = json.dumps({"order": good_order()}).encode()


def _send(raw: bytes) -> servers.Responder:
    def respond(conn: socket.socket, server: servers.RawServer) -> None:
        conn.sendall(raw)
    return respond


def _head(status: str, *lines: str) -> bytes:
    return ("\r\n".join([f"HTTP/1.1 {status}", *lines]) + "\r\n\r\n").encode("latin-1")


_JSON = "Content-Type: application/json"
_CLOSE = "Connection: close"
SERVER_FAULTS: dict[str, tuple[servers.Responder, frozenset[int]]] = {
    "content-length-word": (_send(_head("200 OK", _JSON, "Content-Length: abc", _CLOSE) + _BODY),
                            FAILS),
    "content-length-hex": (_send(_head("200 OK", _JSON, "Content-Length: 0x10", _CLOSE) + _BODY),
                           FAILS),
    "content-length-plus": (_send(_head("200 OK", _JSON, f"Content-Length: +{len(_BODY)}",
                                        _CLOSE) + _BODY), ANY),
    "content-length-list": (_send(_head("200 OK", _JSON,
                                        f"Content-Length: {len(_BODY)}, {len(_BODY)}", _CLOSE)
                                  + _BODY), ANY),
    "header-folded": (_send(_head("200 OK", _JSON, "X-Request-Id: r", " continued",
                                  f"Content-Length: {len(_BODY)}", _CLOSE) + _BODY), ANY),
    "header-without-colon": (_send(_head("200 OK", _JSON, "this is no header",
                                         f"Content-Length: {len(_BODY)}", _CLOSE) + _BODY),
                             FAILS),
    "header-nul": (_send(_head("200 OK", _JSON, "X-Request-Id: a\x00b",
                               f"Content-Length: {len(_BODY)}", _CLOSE) + _BODY), ANY),
    "status-http2": (_send(b"HTTP/2 200\r\nContent-Length: 2\r\n\r\n{}"), FAILS),
    "status-no-reason": (_send(b"HTTP/1.1 200\r\nContent-Type: application/json\r\n"
                               b"X-Request-Id: r\r\nConnection: close\r\nContent-Length: "
                               + str(len(_BODY)).encode() + b"\r\n\r\n" + _BODY), ANY),
    "status-lower-case": (_send(b"http/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"), FAILS),
    "charset-unknown": (servers.raw_answer(_BODY, headers={
        "Content-Type": "application/json; charset=utf-42", "X-Request-Id": "r"}), ANY),
    "charset-utf32": (servers.raw_answer(_BODY.decode().encode("utf-32"), headers={
        "Content-Type": "application/json; charset=utf-32", "X-Request-Id": "r"}), ANY),
    "charset-says-ascii-sends-utf8": (servers.raw_answer(
        json.dumps({"order": good_order(note="订单")}, ensure_ascii=False).encode(), headers={
            "Content-Type": "application/json; charset=us-ascii", "X-Request-Id": "r"}), ANY),
    "encoding-x-gzip": (servers.raw_answer(gzip.compress(_BODY), headers={
        "Content-Encoding": "x-gzip", "X-Request-Id": "r"}), ANY),
    "encoding-identity": (servers.raw_answer(_BODY, headers={
        "Content-Encoding": "identity", "X-Request-Id": "r"}), ANY),
    "encoding-unknown": (servers.raw_answer(_BODY, headers={
        "Content-Encoding": "zstd-99", "X-Request-Id": "r"}), FAILS),
    "encoding-gzip-twice-listed": (servers.raw_answer(gzip.compress(_BODY), headers={
        "Content-Encoding": "gzip, gzip", "X-Request-Id": "r"}), FAILS),
    "retry-after-a-century": (servers.raw_answer(b"{}", status="429 Too Many Requests", headers={
        "Retry-After": "3153600000"}), FAILS),
    "retry-after-2099": (servers.raw_answer(b"{}", status="503 Service Unavailable", headers={
        "Retry-After": "Thu, 01 Jan 2099 00:00:00 GMT"}), FAILS),
    "retry-after-negative": (servers.raw_answer(b"{}", status="429 Too Many Requests", headers={
        "Retry-After": "-5"}), FAILS),
    "retry-after-nan": (servers.raw_answer(b"{}", status="429 Too Many Requests", headers={
        "Retry-After": "nan"}), FAILS),
    "retry-after-1e999": (servers.raw_answer(b"{}", status="503 Service Unavailable", headers={
        "Retry-After": "1e999"}), FAILS),
    "processing-then-answer": (_send(b"HTTP/1.1 102 Processing\r\n\r\n" + _head(
        "200 OK", _JSON, "X-Request-Id: r", f"Content-Length: {len(_BODY)}", _CLOSE) + _BODY),
        ANY),
    "redirect-307-to-other-port": (_send(_head("307 Temporary Redirect",
                                               "Location: http://127.0.0.1:9/x",
                                               "Content-Length: 0", _CLOSE)), FAILS),
    "redirect-to-dotdot": (servers.redirect("/../../../../etc/passwd"), FAILS),
    "redirect-to-userinfo": (servers.redirect("http://user:pw@127.0.0.1:9/"), FAILS),
    "body-json-bom": (servers.raw_answer(b"\xef\xbb\xbf" + _BODY,
                                         headers={"X-Request-Id": "r"}), ANY),
    "body-json-duplicate-key": (servers.raw_answer(
        b'{"order": {"id": 1}, "order": ' + _BODY[10:], headers={"X-Request-Id": "r"}), ANY),
}


def _server_case(name: str, responder: servers.Responder, which: str, exits: frozenset[int]
                 ) -> Case:
    def setup(root: Path) -> list[str]:
        server = HELD.enter_context(servers.raw_server(responder))
        if which == "published":
            extra = (f'[tool.seamguard.platforms.shop.published_spec]\nurl = "{server.origin}'
                     '/spec"\ntimeout = 0.5\n')
            origin, command = "http://127.0.0.1:9", "drift run"
        elif which == "probe":
            extra, origin, command = "", server.origin, "probe shop --max-examples 2"
        else:
            extra, origin = 'live = [{path = "/orders/1.json"}]\n', server.origin
            command = "drift run"
        settings = MINI_SETTINGS.replace("https://shop.example.com", origin) + extra + \
            "[tool.seamguard.network]\ndeadline = 2.0\ntimeout = 1.0\n"
        return [*command.split(), "--project", str(mini(root, settings)), "-f", "json"]
    # a published spec is no order: every answer fails it, whatever the HTTP
    return Case(f"srv-{which}:{name}", setup, FAILS if which == "published" else exits)


def server_cases() -> list[Case]:
    return [_server_case(name, responder, which, exits)
            for name, (responder, exits) in SERVER_FAULTS.items()
            for which in ("live", "published", "probe")]


# --- the campaign -------------------------------------------------------------------------------

_STDIN_PLACE = re.compile(r"<stdin>:\d+")


def judge(case: Case, outcome: Outcome) -> list[str]:
    """``hostile_operators.judge``, where a record read from standard input is placed by its
    line in it (``<stdin>:1``)."""
    wrong = hostile_operators.judge(case, outcome)
    if _STDIN_PLACE.search(outcome.text):
        wrong = [w for w in wrong if w != "no-location"]
    return wrong


def all_cases() -> list[Case]:
    return [*ref_cases(), *confusable_cases(), *one_byte_cases(), *number_cases(),
            *duplicate_cases(), *tag_cases(), *dataset_cases(), *CLI_CASES, *explain_cases(),
            *server_cases()]


def run_env_cases(cases: list[tuple[str, EnvSetup, frozenset[int]]], scratch: Path,
                  timeout: float) -> dict[str, tuple[Outcome, frozenset[int]]]:
    """Each case as its own ``python -m seamguard`` process (the environment is the input)."""
    def one(number: int, case: tuple[str, EnvSetup, frozenset[int]]
            ) -> tuple[str, tuple[Outcome, frozenset[int]]]:
        name, setup, exits = case
        root = scratch / f"e{number}"
        root.mkdir()
        argv, env = setup(root)
        try:
            outcome = run_seamguard(*argv, cwd=root, env=env, timeout=timeout)
        except AssertionError as exc:
            outcome = Outcome(-1, str(exc), [], str(exc))
        return name, (outcome, exits)
    with ThreadPoolExecutor(2) as pool:
        return dict(pool.map(lambda pair: one(*pair), enumerate(cases)))


def _stdin_of(case: Case) -> str | None:
    return case.env.get("__stdin__")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only cases whose id contains this")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--show", type=int, default=3, help="lines of output per failure")
    parser.add_argument("--all", action="store_true", help="a line for every case")
    args = parser.parse_args()
    cases = [case for case in all_cases() if args.only in case.id]
    env_cases = [case for case in ENV_CASES if args.only in case[0]]
    failures: Counter[str] = Counter()
    judged: list[tuple[str, Outcome, list[str]]] = []
    with tempfile.TemporaryDirectory() as scratch, HELD:
        jobs = []
        for number, case in enumerate(cases):
            root = Path(scratch) / f"c{number}"
            root.mkdir()
            env = {k: v for k, v in case.env.items() if k != "__stdin__"}
            jobs.append(Job(case.id, case.setup(root), cwd=str(root), env=env,
                            stdin=_stdin_of(case)))
        outcomes = run_batch(jobs, timeout=args.timeout) if jobs else {}
        for case in cases:
            judged.append((case.id, outcomes[case.id], judge(case, outcomes[case.id])))
        for name, (outcome, exits) in run_env_cases(env_cases, Path(scratch),
                                                    args.timeout).items():
            judged.append((name, outcome, judge(Case(f"cli:{name}", lambda r: [], exits),
                                                outcome)))
    failing = 0
    for case_id, outcome, wrong in judged:
        count_failure(failures, wrong, outcome, case_id)
        if wrong:
            failing += 1
            for line in outcome.text.strip().splitlines()[-args.show:]:
                print("    | " + line[:300])
    if args.all:
        for case_id, outcome, _ in judged:
            said = outcome.text.strip()[:200].replace("\n", " ")
            print(case_id, outcome.code, said)
    print(f"cases {len(judged)}; failing {failing}; by class {dict(failures)}")
    sys.exit(0)


if __name__ == "__main__":
    main()
