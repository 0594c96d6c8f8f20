"""A Stripe-shaped pair of OpenAPI 3.0 documents: shared components behind hundreds of
operations, expandable ``anyOf: [string, $ref]`` fields, list envelopes, one shared error.

    generate(folder, operations=900, objects=660) -> info

The revision makes a fixed set of distinct edits inside shared components (enum values added,
properties added and removed, a field made nullable, an expandable branch added, a bound
tightened), so one edit is reached by many operations, as in Stripe's own version bumps. The
output of ``contract diff`` should grow with those edits, not with the operations.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import yaml

__all__ = ["EDITS", "generate"]

DUMP = {"Dumper": yaml.CSafeDumper, "sort_keys": False, "width": 100, "allow_unicode": True}
EDITS = 21


def _object(rng: random.Random, name: str, names: list[str]) -> dict[str, Any]:
    props: dict[str, Any] = {
        "id": {"type": "string", "description": f"Unique identifier for the {name}.",
               "maxLength": 5000},
        "object": {"type": "string", "enum": [name.lower()],
                   "description": "String representing the object's type."},
        "created": {"type": "integer", "format": "unix-time",
                    "description": "Time at which the object was created."},
        "livemode": {"type": "boolean"},
        "metadata": {"type": "object", "additionalProperties": {"type": "string",
                                                                "maxLength": 500},
                     "nullable": True},
        "status": {"type": "string", "enum": ["active", "inactive", "pending"],
                   "x-stripeBypassValidation": True},
    }
    for n in range(rng.randint(18, 30)):
        kind = rng.random()
        key = f"field_{n}_{rng.randrange(10**4)}"
        if kind < 0.25 and names:
            target = rng.choice(names)
            props[key] = {"anyOf": [{"maxLength": 5000, "type": "string"},
                                    {"$ref": f"#/components/schemas/{target}"}],
                          "description": f"The {target} this refers to.",
                          "x-expansionResources": {"oneOf": [
                              {"$ref": f"#/components/schemas/{target}"}]}}
        elif kind < 0.45:
            props[key] = {"type": "string", "nullable": True, "maxLength": 5000,
                          "description": "A free-form text field shown to customers."}
        elif kind < 0.6:
            props[key] = {"type": "integer", "nullable": rng.random() < 0.5,
                          "description": "Amount in the smallest currency unit."}
        elif kind < 0.75:
            props[key] = {"type": "array", "items": {"type": "string", "maxLength": 5000}}
        else:
            props[key] = {"type": "string", "enum": [f"v{k}" for k in range(rng.randint(2, 8))]}
    return {"type": "object", "title": name, "description": f"The {name} object.",
            "required": ["id", "object", "created", "livemode"], "properties": props,
            "x-resourceId": name.lower()}


def _document(seed: int, operations: int, objects: int) -> dict[str, Any]:
    rng = random.Random(seed)
    names: list[str] = []
    schemas: dict[str, Any] = {}
    for n in range(objects):
        name = f"Resource{n:03d}"
        schemas[name] = _object(rng, name, names[-40:])
        names.append(name)
    schemas["Error"] = {"type": "object", "properties": {"error": {"type": "object", "properties": {
        "type": {"type": "string", "enum": ["api_error", "card_error", "invalid_request_error"]},
        "message": {"type": "string", "maxLength": 40000}, "code": {"type": "string"}}}},
        "required": ["error"]}
    paths: dict[str, Any] = {}
    errors = {"default": {"description": "Error response.", "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}}}
    hot = names[:12]  # the customers and charges of this API: reached by most operations
    for n in range(operations // 3):
        name = rng.choice(hot) if rng.random() < 0.7 else rng.choice(names)
        ref = {"$ref": f"#/components/schemas/{name}"}
        base = f"/v1/r{n:03d}"
        params = [{"name": "expand", "in": "query", "style": "deepObject", "explode": True,
                   "schema": {"type": "array", "items": {"type": "string", "maxLength": 5000}}}]
        listing = {"type": "object", "required": ["data", "has_more", "object", "url"],
                   "properties": {"data": {"type": "array", "items": ref},
                                  "has_more": {"type": "boolean"},
                                  "object": {"type": "string", "enum": ["list"]},
                                  "url": {"type": "string", "maxLength": 5000}}}
        form = {"application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
            "description": {"type": "string", "maxLength": 5000},
            "metadata": {"anyOf": [{"type": "object", "additionalProperties": {
                "type": "string"}}, {"type": "string", "enum": [""]}]}}}}}
        ok = {"description": "Successful response.", "content": {"application/json": {
            "schema": ref}}}
        paths[base] = {
            "get": {"operationId": f"GetR{n}", "parameters": [*params, {
                "name": "limit", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "Successful response.", "content": {
                    "application/json": {"schema": listing}}}, **errors}},
            "post": {"operationId": f"PostR{n}", "requestBody": {"content": form},
                     "responses": {"200": ok, **errors}}}
        paths[f"{base}/{{id}}"] = {"get": {"operationId": f"GetR{n}Id", "parameters": [
            *params, {"name": "id", "in": "path", "required": True,
                      "schema": {"type": "string", "maxLength": 5000}}],
            "responses": {"200": ok, **errors}}}
    return {"openapi": "3.0.0", "info": {"title": "Stripe-shaped API", "version": "2024-06-20"},
            "paths": paths, "components": {"schemas": schemas}}


def _revise(document: dict[str, Any], seed: int) -> dict[str, Any]:
    rng = random.Random(seed + 1)
    revised = copy.deepcopy(document)
    schemas = revised["components"]["schemas"]
    hot = [f"Resource{n:03d}" for n in range(12)]
    for n in range(EDITS):
        props = schemas[hot[n % len(hot)]]["properties"]
        kind = n % 7
        if kind == 0:
            props["status"]["enum"].append(f"state_{n}")
        elif kind == 1:
            props[f"added_{n}"] = {"type": "string", "nullable": True}
        elif kind == 2:
            victim = rng.choice([k for k in props if k.startswith("field_")])
            del props[victim]
        elif kind == 3:
            target = rng.choice([k for k, v in props.items() if v.get("type") == "integer"]
                                or ["created"])
            props[target]["nullable"] = True
        elif kind == 4:
            expandable = [v for v in props.values() if "anyOf" in v]
            if expandable:
                expandable[0]["anyOf"].append({"$ref": "#/components/schemas/Error"})
            else:
                props[f"added_{n}"] = {"type": "boolean"}
        elif kind == 5:
            props["id"]["maxLength"] = 255
        else:
            props[f"added_{n}"] = {"type": "string", "enum": ["a", "b"]}
    return revised


def generate(folder: Path, *, seed: int = 20240620, operations: int = 900,
             objects: int = 660) -> dict[str, Any]:
    """Write base.yaml and revision.yaml into ``folder``; return their paths and sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    base = _document(seed, operations, objects)
    files = {"base": folder / "base.yaml", "revision": folder / "revision.yaml"}
    files["base"].write_text(yaml.dump(base, **DUMP), encoding="utf-8")
    files["revision"].write_text(yaml.dump(_revise(base, seed), **DUMP), encoding="utf-8")
    ops = sum(1 for item in base["paths"].values() for _ in item)
    return {**files, "operations": ops, "schemas": len(base["components"]["schemas"]),
            "bytes": files["base"].stat().st_size}
