"""A large, deterministic OpenAPI 3.0.3 contract for the load-and-index benchmark.

``generate(folder, seed=..., entities=..., resources=...)`` writes two files:

* ``openapi.yaml``: ``components.schemas`` with a chain of ``allOf`` extensions
  (``Chain00`` <- ``Chain01`` <- ... each adding fields to the previous one), recursive schemas
  (``Category`` contains and points at ``Category``; ``TreeNode`` <-> ``TreeEdge``), enum schemas,
  and ``entities`` object schemas, each with 2-8 scalar fields (formats, bounds, patterns,
  ``nullable`` scalars and enums) and 3-10 references to other schemas (direct, ``nullable``
  ``allOf`` wrappers, arrays of references, ``oneOf`` with a discriminating field, and
  references into the second file). ``paths`` has two paths per resource (list and item) whose
  responses reference those schemas, a shared ``NotFound`` response, and ``/v1/deep/chain``,
  the operation with the deepest schema.
* ``common.yaml``: shared schemas at the top level (as many real specs keep them), referenced
  from ``openapi.yaml`` as ``common.yaml#/Common0042`` and referring back into it.

Descriptions and examples are included at realistic lengths: seamguard drops them when
converting, but the parser has to read them.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

__all__ = ["DEEPEST_PATH", "generate"]

DEEPEST_PATH = "/v1/deep/chain"

_WORDS = (
    "order", "customer", "shipment", "parcel", "invoice", "refund", "tax", "line", "item",
    "price", "amount", "currency", "address", "city", "region", "postal", "code", "carrier",
    "waybill", "route", "event", "status", "created", "updated", "channel", "merchant", "store",
    "product", "variant", "inventory", "location", "warehouse", "note", "tag", "owner",
    "pipeline", "stage", "deal", "contact", "company", "email", "phone", "locale", "timezone",
    "discount", "coupon",
)
_FORMATS = ("date-time", "date", "email", "uuid", "uri")


class _Gen:
    def __init__(self, seed: int, entities: int, resources: int, chain: int, common: int):
        self.rng = random.Random(seed)
        self.entities = entities
        self.resources = resources
        self.chain = chain
        self.common = common
        self.enums = max(20, entities // 30)

    # -- small pieces ------------------------------------------------------------------------

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choice(_WORDS) for _ in range(self.rng.randint(low, high)))

    def description(self) -> str:
        return (self.words(6, 24).capitalize() + ".").strip()

    def field_name(self, taken: set[str]) -> str:
        while True:
            name = f"{self.rng.choice(_WORDS)}_{self.rng.choice(_WORDS)}"
            if name not in taken:
                taken.add(name)
                return name

    def scalar(self) -> dict[str, Any]:
        rng = self.rng
        kind = rng.random()
        schema: dict[str, Any]
        if kind < 0.30:
            schema = {"type": "string", "maxLength": rng.choice([32, 64, 255, 1024])}
        elif kind < 0.45:
            schema = {"type": "string", "format": rng.choice(_FORMATS)}
        elif kind < 0.52:
            schema = {"type": "string", "pattern": rng.choice(
                ["^[A-Z]{3}$", "^[0-9]+(\\.[0-9]+)?$", "^SF[0-9]{13}$", "^[a-z0-9-]+$"])}
        elif kind < 0.65:
            schema = {"type": "integer", "format": rng.choice(["int32", "int64"]),
                      "minimum": rng.choice([0, 1])}
        elif kind < 0.73:
            schema = {"type": "number", "minimum": 0, "exclusiveMinimum": rng.random() < 0.3}
        elif kind < 0.82:
            schema = {"type": "boolean"}
        elif kind < 0.92:
            values = sorted({self.rng.choice(_WORDS) for _ in range(rng.randint(3, 10))})
            schema = {"type": "string", "enum": values}
            if rng.random() < 0.4:
                schema["nullable"] = True
                schema["enum"] = [*values, None]
        else:
            schema = {"type": "array", "items": {"type": "string", "maxLength": 64},
                      "maxItems": 50}
        if rng.random() < 0.25 and "enum" not in schema:
            schema["nullable"] = True
        if rng.random() < 0.35:
            schema["description"] = self.description()
        if rng.random() < 0.15 and schema.get("type") == "string" and "format" not in schema:
            schema["example"] = self.words(1, 3)
        return schema

    def ref_to(self, target: str) -> dict[str, Any]:
        """A reference in one of the shapes real specs use."""
        rng = self.rng
        shape = rng.random()
        if shape < 0.45:
            return {"$ref": target}
        if shape < 0.70:
            return {"nullable": True, "allOf": [{"$ref": target}],
                    "description": self.description()}
        return {"type": "array", "items": {"$ref": target}, "maxItems": 100}

    def entity_ref(self, index: int) -> str:
        # mostly earlier entities (a DAG, as specs grow), some later ones (cycles)
        if index > 0 and self.rng.random() < 0.85:
            other = self.rng.randrange(index)
        else:
            other = self.rng.randrange(self.entities)
        return f"#/components/schemas/Entity{other:04d}"

    def common_ref(self) -> str:
        return f"common.yaml#/Common{self.rng.randrange(self.common):04d}"

    def enum_ref(self) -> str:
        return f"#/components/schemas/Status{self.rng.randrange(self.enums):03d}"

    # -- schemas -----------------------------------------------------------------------------

    def object_schema(self, index: int) -> dict[str, Any]:
        rng = self.rng
        taken: set[str] = {"id"}
        properties: dict[str, Any] = {"id": {"type": "integer", "format": "int64", "minimum": 1}}
        required = ["id"]
        for _ in range(rng.randint(2, 8)):
            name = self.field_name(taken)
            properties[name] = self.scalar()
            if rng.random() < 0.3:
                required.append(name)
        for _ in range(rng.randint(3, 10)):
            name = self.field_name(taken)
            pick = rng.random()
            if pick < 0.55:
                properties[name] = self.ref_to(self.entity_ref(index))
            elif pick < 0.8:
                properties[name] = self.ref_to(self.common_ref())
            else:
                properties[name] = {"$ref": self.enum_ref()}
                if rng.random() < 0.5:
                    required.append(name)
        schema: dict[str, Any] = {
            "type": "object", "description": self.description(),
            "required": required, "properties": properties,
        }
        if rng.random() < 0.05:
            schema["additionalProperties"] = False
        return schema

    def entity(self, index: int) -> dict[str, Any]:
        rng = self.rng
        shape = rng.random()
        if shape < 0.06 and index > 0:
            # extends another entity
            return {"allOf": [{"$ref": self.entity_ref(index)}, self.object_schema(index)],
                    "description": self.description()}
        if shape < 0.09 and index > 1:
            # a tagged union of two variants
            variants = []
            for tag in ("first", "second"):
                branch = self.object_schema(index)
                branch["properties"]["kind"] = {"type": "string", "enum": [tag]}
                branch["required"] = [*branch["required"], "kind"]
                branch.pop("additionalProperties", None)
                variants.append(branch)
            return {"oneOf": variants, "discriminator": {"propertyName": "kind"},
                    "description": self.description()}
        return self.object_schema(index)

    def enums_schemas(self) -> dict[str, Any]:
        out = {}
        for k in range(self.enums):
            values = sorted({f"{self.rng.choice(_WORDS)}_{j}" for j in
                             range(self.rng.randint(3, 12))})
            schema: dict[str, Any] = {"type": "string", "enum": values,
                                      "description": self.description()}
            if k % 4 == 0:
                schema["nullable"] = True
                schema["enum"] = [*values, None]
            out[f"Status{k:03d}"] = schema
        return out

    def chain_schemas(self) -> dict[str, Any]:
        out: dict[str, Any] = {"Chain00": {
            "type": "object", "required": ["id", "level"], "description": self.description(),
            "properties": {"id": {"type": "integer", "format": "int64"},
                           "level": {"type": "integer", "minimum": 0}},
        }}
        for k in range(1, self.chain):
            taken: set[str] = {"id", "level"}
            properties: dict[str, Any] = {}
            required = []
            for _ in range(self.rng.randint(2, 4)):
                name = f"l{k:02d}_{self.field_name(taken)}"
                properties[name] = self.scalar()
                if self.rng.random() < 0.4:
                    required.append(name)
            properties[f"l{k:02d}_shared"] = {"$ref": self.common_ref()}
            extension: dict[str, Any] = {"type": "object", "properties": properties}
            if required:
                extension["required"] = required
            out[f"Chain{k:02d}"] = {
                "description": self.description(),
                "allOf": [{"$ref": f"#/components/schemas/Chain{k - 1:02d}"}, extension],
            }
        return out

    def recursive_schemas(self) -> dict[str, Any]:
        return {
            "Category": {
                "type": "object", "required": ["id", "name", "children"],
                "properties": {
                    "id": {"type": "integer", "format": "int64"},
                    "name": {"type": "string"},
                    "parent": {"nullable": True,
                               "allOf": [{"$ref": "#/components/schemas/Category"}]},
                    "children": {"type": "array",
                                 "items": {"$ref": "#/components/schemas/Category"}},
                },
            },
            "TreeNode": {
                "type": "object", "required": ["id"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "edges": {"type": "array", "items": {"$ref": "#/components/schemas/TreeEdge"}},
                    "payload": {"$ref": self.common_ref()},
                },
            },
            "TreeEdge": {
                "type": "object", "required": ["weight"],
                "properties": {
                    "weight": {"type": "number"},
                    "to": {"$ref": "#/components/schemas/TreeNode"},
                },
            },
            "Paging": {
                "type": "object",
                "properties": {"next": {"type": "object", "nullable": True,
                                        "required": ["after"],
                                        "properties": {"after": {"type": "string"},
                                                       "link": {"type": "string",
                                                                "format": "uri"}}}},
            },
            "Deep": {
                "type": "object", "required": ["record", "category"],
                "properties": {
                    "record": {"$ref": f"#/components/schemas/Chain{self.chain - 1:02d}"},
                    "category": {"$ref": "#/components/schemas/Category"},
                    "tree": {"$ref": "#/components/schemas/TreeNode"},
                },
            },
        }

    def common_schemas(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "Error": {
                "type": "object", "required": ["code", "message"],
                "properties": {"code": {"type": "string", "enum": ["not_found", "invalid",
                                                                   "throttled"]},
                               "message": {"type": "string"},
                               "details": {"type": "object", "nullable": True,
                                           "additionalProperties": {"type": "string"}}},
            },
        }
        for k in range(self.common):
            taken: set[str] = set()
            properties = {self.field_name(taken): self.scalar()
                          for _ in range(self.rng.randint(3, 8))}
            if k > 0 and self.rng.random() < 0.4:
                properties[self.field_name(taken)] = self.ref_to(
                    f"#/Common{self.rng.randrange(k):04d}")
            if self.rng.random() < 0.1:
                properties[self.field_name(taken)] = {
                    "$ref": f"openapi.yaml#/components/schemas/Status"
                            f"{self.rng.randrange(self.enums):03d}"}
            out[f"Common{k:04d}"] = {"type": "object", "description": self.description(),
                                     "properties": properties}
        return out

    # -- paths -------------------------------------------------------------------------------

    def paths(self) -> dict[str, Any]:
        out: dict[str, Any] = {}

        def not_found() -> dict[str, Any]:  # a fresh object each time: no YAML aliases
            return {"$ref": "#/components/responses/NotFound"}

        for r in range(self.resources):
            entity = f"#/components/schemas/Entity{self.rng.randrange(self.entities):04d}"
            name = f"res{r:04d}"
            list_schema = {"type": "object", "required": ["data"], "properties": {
                "data": {"type": "array", "items": {"$ref": entity}},
                "paging": {"$ref": "#/components/schemas/Paging"}}}
            out[f"/v1/{name}"] = {
                "get": {"operationId": f"list_{name}", "summary": self.words(3, 8),
                        "description": self.description(),
                        "parameters": [{"name": "limit", "in": "query",
                                        "schema": {"type": "integer", "maximum": 100}}],
                        "responses": {"200": {"description": "A page.", "content": {
                            "application/json": {"schema": list_schema}}},
                            "default": {"$ref": "#/components/responses/Error"}}},
                "post": {"operationId": f"create_{name}", "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": entity}}}},
                    "responses": {"201": {"description": "Created.", "content": {
                        "application/json": {"schema": {"$ref": entity}}}},
                        "default": {"$ref": "#/components/responses/Error"}}},
            }
            item_schema: dict[str, Any] = {"$ref": entity}
            if self.rng.random() < 0.1:
                item_schema = {"$ref": self.common_ref()}
            out[f"/v1/{name}/{{id}}"] = {
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "get": {"operationId": f"get_{name}", "summary": self.words(3, 8),
                        "responses": {
                            "200": {"description": "The resource.",
                                    "headers": {"X-Request-Id": {
                                        "schema": {"type": "string", "format": "uuid"}}},
                                    "content": {"application/json": {"schema": item_schema}}},
                            "404": not_found()}},
                "delete": {"operationId": f"delete_{name}",
                           "responses": {"204": {"description": "Deleted."}, "404": not_found()}},
            }
        out["/v1/categories/{id}"] = {"get": {"operationId": "getCategory", "responses": {
            "200": {"description": "A category tree.", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Category"}}}}}}}
        out[DEEPEST_PATH] = {"get": {"operationId": "getDeep", "responses": {
            "200": {"description": "The deepest schema of the spec.", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Deep"}}}},
            "404": not_found()}}}
        return out

    def document(self) -> tuple[dict[str, Any], dict[str, Any]]:
        common = self.common_schemas()
        schemas: dict[str, Any] = {}
        schemas.update(self.enums_schemas())
        schemas.update(self.chain_schemas())
        schemas.update(self.recursive_schemas())
        for i in range(self.entities):
            schemas[f"Entity{i:04d}"] = self.entity(i)
        spec = {
            "openapi": "3.0.3",
            "info": {"title": "Generated large contract", "version": "v1",
                     "description": self.description()},
            "servers": [{"url": "https://api.example.com"}],
            "paths": self.paths(),
            "components": {
                "responses": {
                    "NotFound": {"description": "Not found.", "content": {"application/json": {
                        "schema": {"$ref": "common.yaml#/Error"}}}},
                    "Error": {"description": "Any error.", "content": {"application/json": {
                        "schema": {"$ref": "common.yaml#/Error"}}}},
                },
                "schemas": schemas,
            },
        }
        return spec, common


def generate(folder: Path, *, seed: int = 20240701, entities: int = 3000,
             resources: int = 500, chain: int = 60, common: int = 400) -> dict[str, Any]:
    """Write openapi.yaml and common.yaml into ``folder``; return what was generated."""
    spec, common_doc = _Gen(seed, entities, resources, chain, common).document()
    folder.mkdir(parents=True, exist_ok=True)
    entry = folder / "openapi.yaml"
    second = folder / "common.yaml"
    dump = {"Dumper": yaml.CSafeDumper, "sort_keys": False, "width": 100,
            "allow_unicode": True}
    entry.write_text(yaml.dump(spec, **dump), encoding="utf-8")
    second.write_text(yaml.dump(common_doc, **dump), encoding="utf-8")
    return {
        "entry": entry,
        "second": second,
        "bytes": entry.stat().st_size + second.stat().st_size,
        "schemas": len(spec["components"]["schemas"]),
        "common_schemas": len(common_doc),
        "paths": len(spec["paths"]),
        "operations": sum(1 for item in spec["paths"].values() for key in item
                          if key != "parameters"),
        "chain": chain,
    }
