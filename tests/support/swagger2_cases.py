"""Generated Swagger 2.0 contracts in a project, each with something planted, and a score of how
many the product handles: a type violation found by `verify` at its payload pointer, a lint
error named at the 2.0 place it was planted, and a broken keyword turned into a usage error (not
a crash). The shapes vary the way public 2.0 documents do: schemas inline or under
`definitions`, shared `responses` and `parameters`, `produces` on the operation or the document,
`x-nullable` fields, body and form parameters — kept in the document or, with the shared
responses, in another file (a sub-folder too) referred to directly or through the document's own
`parameters`/`responses`.

    python -m tests.support.swagger2_cases [--cases N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.support.projects import interaction, mini_project, verify_project

_TYPES: dict[str, tuple[dict[str, Any], Any, Any]] = {
    # type: (schema, a good value, a wrong value)
    "integer": ({"type": "integer", "format": "int64"}, 7, "7"),
    "string": ({"type": "string"}, "abc", 12),
    "number": ({"type": "number"}, 1.5, "1.5"),
    "boolean": ({"type": "boolean"}, True, "true"),
    "array": ({"type": "array", "items": {"type": "string"}}, ["a"], "a"),
}


def _case(rng: random.Random) -> tuple[dict[str, Any], dict[str, Any], list[str], str]:
    """(2.0 document, a good reply, the pointers of the record's schema, the record's key)."""
    names = rng.sample(["tid", "status", "payment", "num_iid", "title", "paid", "tags",
                        "buyer_nick", "modified", "post_fee"], k=rng.randint(2, 6))
    fields = {name: rng.choice(list(_TYPES)) for name in names}
    properties: dict[str, Any] = {}
    record: dict[str, Any] = {}
    for name, kind in fields.items():
        schema = dict(_TYPES[kind][0])
        if rng.random() < 0.3:
            schema["x-nullable"] = True
        properties[name] = schema
        record[name] = None if schema.get("x-nullable") and rng.random() < 0.5 \
            else _TYPES[kind][1]
    record_schema = {"type": "object", "required": names[:1], "properties": properties}
    key = rng.choice(["trade", "item", "order"])
    doc: dict[str, Any] = {"swagger": "2.0", "info": {"title": "平台", "version": "v1"},
                           "host": "shop.example.com", "basePath": "/api/v1",
                           "definitions": {}}
    if rng.random() < 0.5:
        doc["produces"] = ["application/json"]
    where = rng.choice(["inline", "definitions", "shared-response"])
    if where == "inline" or (where == "shared-response" and rng.random() < 0.5):
        ref_or_schema = record_schema
        place = ("/responses/Ok" if where == "shared-response" else
                 "/paths/~1orders~1{id}.json/get/responses/200") + "/schema/properties/" + key
    else:
        doc["definitions"]["Record"] = record_schema
        ref_or_schema = {"$ref": "#/definitions/Record"}
        place = "/definitions/Record"
    envelope = {"type": "object", "required": [key], "properties": {key: ref_or_schema}}
    ok = {"description": "ok", "schema": envelope}
    if where == "shared-response":
        doc["responses"] = {"Ok": ok}
        ok = {"$ref": "#/responses/Ok"}
    operation: dict[str, Any] = {"parameters": [
        {"name": "id", "in": "path", "required": True, "type": "integer"}],
        "responses": {"200": ok}}
    if "produces" not in doc:
        operation["produces"] = ["application/json"]
    if rng.random() < 0.5:
        operation["parameters"].insert(0, {"name": "app_key", "in": "header", "type": "string"})
    doc["paths"] = {"/orders/{id}.json": {"get": operation}}
    return doc, {key: record}, [f"{place}/properties/{name}" for name in names], key


def _verify_case(rng: random.Random, root: Path) -> bool:
    doc, reply, _, key = _case(rng)
    record = reply[key]
    name = rng.choice(sorted(record))
    kind = next(k for k, (schema, _, _) in _TYPES.items()
                if schema["type"] == _schema_type(doc, key, name))
    bad = {key: {**record, name: _TYPES[kind][2]}}
    mini_project(root, contract=yaml.safe_dump(doc, allow_unicode=True),
                 interactions=[interaction(reply), interaction(bad)])
    found = {(f.code, f.location.pointer, f.location.interaction) for f in verify_project(root)}
    return found == {("field.wrong-type", f"/{key}/{name}", 1)}


def _schema_type(doc: dict[str, Any], key: str, name: str) -> str:
    for schema in _schemas(doc):
        if name in schema.get("properties", {}) and key not in schema.get("properties", {}):
            return str(schema["properties"][name]["type"])
    raise LookupError(name)


def _schemas(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            found.append(node)
        for value in node.values():
            found.extend(_schemas(value))
    return found


def _lint_case(rng: random.Random, root: Path) -> bool:
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.contracts.lint import lint_contract
    from seamguard.contracts.refs import node_at
    from seamguard.project import find_project

    doc, _, places, _ = _case(rng)
    place = rng.choice(places)
    node_at(doc, place)["minLength"] = -1
    mini_project(root, contract=yaml.safe_dump(doc, allow_unicode=True))
    errors = [f for f in lint_contract(ContractCatalog(find_project(root)), "shop", "v1")
              if f.severity.value == "error"]
    return [f.location.pointer for f in errors] == [f"{place}/minLength"] and \
        errors[0].location.line is not None and errors[0].location.line > 1


def _request_case(rng: random.Random, root: Path) -> bool:
    """A POST whose payload is a body parameter (inline, shared, or a `definitions` schema) or
    form fields; the recorded request breaks one field's type."""
    names = rng.sample(["num_iid", "num", "title", "price", "paid"], k=rng.randint(1, 4))
    kinds = {name: rng.choice(["integer", "string", "boolean"]) for name in names}
    sent = {name: _TYPES[kind][1] for name, kind in kinds.items()}
    name = rng.choice(names)
    doc: dict[str, Any] = {"swagger": "2.0", "info": {"title": "平台", "version": "v1"},
                           "host": "shop.example.com", "basePath": "/api/v1"}
    params: list[Any] = [{"name": "app_key", "in": "query", "type": "string"}] \
        if rng.random() < 0.5 else []
    form = rng.random() < 0.3
    if form:
        if kinds[name] == "string":  # every form value is text: break a typed field
            kinds[name], sent[name] = "integer", 1
        params += [{"name": n, "in": "formData", "type": k} for n, k in kinds.items()]
        media = "application/x-www-form-urlencoded"
        body = "&".join(f"{n}={'x' if n == name and kinds[n] != 'string' else v}"
                        for n, v in sent.items())
        expected = f"request:/body/{name}"
    else:
        media = "application/json"
        schema = {"type": "object", "properties": {n: dict(_TYPES[k][0])
                                                    for n, k in kinds.items()}}
        if rng.random() < 0.5:
            doc["definitions"] = {"Create": schema}
            schema = {"$ref": "#/definitions/Create"}
        param = {"name": "payload", "in": "body", "required": True, "schema": schema}
        if rng.random() < 0.5:
            doc["parameters"] = {"Payload": param}
            param = {"$ref": "#/parameters/Payload"}
        params.insert(rng.randint(0, len(params)), param)
        body = json.dumps({**sent, name: _TYPES[kinds[name]][2]})
        expected = f"request:/body/{name}"
    operation = {"consumes": [media], "produces": ["application/json"], "parameters": params,
                 "responses": {"200": {"description": "ok", "schema": {"type": "object"}}}}
    doc["paths"] = {"/items.json": {"post": operation}}
    call = interaction({}, uri="https://shop.example.com/api/v1/items.json", method="POST")
    call["request"]["body"] = body
    call["request"]["headers"] = {"Content-Type": [media]}
    mini_project(root, contract=yaml.safe_dump(doc, allow_unicode=True), interactions=[call])
    found = [(f.code, f.location.pointer) for f in verify_project(root)]
    return found == [("field.wrong-type", expected)]


def _elsewhere_case(rng: random.Random, root: Path) -> bool:
    """The payload (a body parameter or form fields) and the reply (a shared response) kept in
    another file, referred to from the operation or through the document's own `parameters`
    / `responses`; the recorded request or reply breaks one field's type."""
    names = rng.sample(["num_iid", "num", "title", "price", "paid"], k=rng.randint(1, 4))
    kinds = {name: rng.choice(["integer", "string", "boolean"]) for name in names}
    sent = {name: _TYPES[kind][1] for name, kind in kinds.items()}
    name = rng.choice(names)
    folder = rng.choice(["", "shared/", "common/v1/"])
    other = f"{folder}parts.yaml"
    parts: dict[str, Any] = {"parameters": {}, "responses": {}, "definitions": {
        "Create": {"type": "object", "properties": {n: dict(_TYPES[k][0])
                                                     for n, k in kinds.items()}},
        "Reply": {"type": "object", "required": ["id"],
                  "properties": {"id": {"type": "integer"}, "note": {"type": "string"}}}}}
    doc: dict[str, Any] = {"swagger": "2.0", "info": {"title": "平台", "version": "v1"},
                           "host": "shop.example.com", "basePath": "/api/v1"}
    through_document = rng.random() < 0.3

    def refer(section: str, key: str) -> dict[str, str]:
        if through_document:  # the document's own section refers to the other file
            doc.setdefault(section, {})[key] = {"$ref": f"{other}#/{section}/{key}"}
            return {"$ref": f"#/{section}/{key}"}
        return {"$ref": f"{other}#/{section}/{key}"}

    form = rng.random() < 0.3
    params: list[Any] = [{"name": "app_key", "in": "query", "type": "string"}] \
        if rng.random() < 0.5 else []
    if form:
        if kinds[name] == "string":
            kinds[name], sent[name] = "integer", 1
        for n, k in kinds.items():
            parts["parameters"][f"F_{n}"] = {"name": n, "in": "formData", "type": k}
            params.append(refer("parameters", f"F_{n}") if rng.random() < 0.7
                          else {"name": n, "in": "formData", "type": k})
        media = "application/x-www-form-urlencoded"
    else:
        media = "application/json"
        parts["parameters"]["Payload"] = {"name": "payload", "in": "body", "required": True,
                                          "schema": {"$ref": "#/definitions/Create"}}
        params.insert(rng.randint(0, len(params)), refer("parameters", "Payload"))
    parts["responses"]["Ok"] = {"description": "ok", "schema": {"$ref": "#/definitions/Reply"}}
    operation = {"consumes": [media], "produces": ["application/json"], "parameters": params,
                 "responses": {"200": refer("responses", "Ok")}}
    doc["paths"] = {"/items.json": {"post": operation}}
    in_reply = rng.random() < 0.4
    reply: dict[str, Any] = {"id": "7"} if in_reply else {"id": 7}
    if form:
        body = "&".join(f"{n}={'x' if n == name and not in_reply and kinds[n] != 'string' else v}"
                        for n, v in sent.items())
    else:
        body = json.dumps(sent if in_reply else {**sent, name: _TYPES[kinds[name]][2]})
    call = interaction(reply, uri="https://shop.example.com/api/v1/items.json", method="POST")
    call["request"]["body"] = body
    call["request"]["headers"] = {"Content-Type": [media]}
    mini_project(root, contract=yaml.safe_dump(doc, allow_unicode=True), interactions=[call])
    written = root / "contracts/shop/v1" / other
    written.parent.mkdir(parents=True, exist_ok=True)
    written.write_text(yaml.safe_dump(parts, allow_unicode=True), encoding="utf-8")
    found = [(f.code, f.location.pointer) for f in verify_project(root)]
    return found == [("field.wrong-type", "/id" if in_reply else f"request:/body/{name}")]


_WRONG: list[Any] = ["text", 3, ["a"], None, {"k": "v"}]


def _crash_case(rng: random.Random, root: Path) -> bool:
    from seamguard.contracts.model import load_contract
    from seamguard.errors import UsageError

    doc, _, _, _ = _case(rng)
    nodes: list[tuple[Any, Any]] = []

    def walk(node: Any) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) \
            if isinstance(node, list) else ()
        for key, value in list(items):
            nodes.append((node, key))
            walk(value)

    walk(doc)
    parent, key = rng.choice(nodes)
    parent[key] = rng.choice(_WRONG)
    mini_project(root, contract=yaml.safe_dump(doc, allow_unicode=True))
    try:
        load_contract(root / "contracts/shop/v1/openapi.yaml", platform="shop", version="v1")
    except UsageError:
        return True
    except Exception:
        return False
    return True


def score(cases: int, seed: int = 0) -> dict[str, tuple[int, int]]:
    """{part: (handled, cases)} over ``cases`` generated cases of each part."""
    parts: dict[str, Callable[[random.Random, Path], bool]] = {
        "verify": _verify_case, "request": _request_case, "elsewhere": _elsewhere_case,
        "lint": _lint_case, "no-crash": _crash_case}
    out: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, run in parts.items():
            rng = random.Random(f"{seed}-{name}")
            good = 0
            for index in range(cases):
                # a crash of the product counts as not handled
                with contextlib.suppress(Exception):
                    good += run(rng, Path(folder) / f"{name}{index}")
            out[name] = (good, cases)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    results = score(args.cases, args.seed)
    for name, (good, total) in results.items():
        print(f"{name:9} {good}/{total}")
    print(f"score {sum(g for g, _ in results.values())}/{sum(t for _, t in results.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
