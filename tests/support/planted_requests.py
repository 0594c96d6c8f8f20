"""Generated REST calls from public OpenAPI documents, valid and with one planted defect each,
and how exactly recorded verification tells them apart.

For each sampled operation of a document, a valid call is generated from its schemas (path,
query and header parameters, a JSON or form body written the way SDKs write it, with bracket
nesting for forms, and a JSON answer), and checked with jsonschema (not seamguard) against the
document's own schemas, so a call this generator gets wrong is dropped rather than counted.
Each valid call is recorded; any finding on one is a false finding. Then each clean call gets
one planted defect, its kind rotated among those the call has a place for (wrong type, missing
required, enum, pattern, format, additional property on a closed object, wrong content type,
bad path parameter, repeated parameter, header violation, a response field broken); a defect is
found exactly when verification gives that one finding (its code and pointer) and no other.

    python -m tests.support.planted_requests SPEC [SPEC ...] [--calls 150] [--seed 1]
        [--kinds one-of-ambiguity repeated ...] [-v]

SPEC is an OpenAPI 3.x document (JSON or YAML) fetched from its publisher (Stripe's
``openapi/spec3.json``, Xero's ``xero_accounting.yaml``, ...); none is bundled.
"""

from __future__ import annotations

import argparse
import base64
import copy
import json
import random
import re
import sys
import tempfile
import textwrap
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

METHODS = ("get", "put", "post", "delete", "patch")
BASE = "https://api.generated.example"
HOOK = "https://hooks.generated.example/deliveries"
FORM = "application/x-www-form-urlencoded"
_MAX_DEPTH = 4


class Skip(Exception):
    """This schema (or call) is beyond what the generator writes faithfully."""


# -- the document -----------------------------------------------------------------------------


class Spec:
    """An OpenAPI document with its ``$ref``s followed, and a jsonschema validator of its own
    schemas (OpenAPI 3.0's ``nullable`` and boolean exclusive bounds read as 3.1 has them)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.doc: dict[str, Any] = _bundled(path)
        self.v30 = str(self.doc.get("openapi", "")).startswith("3.0")
        self._converted = _to_jsonschema(copy.deepcopy(self.doc)) if self.v30 else self.doc
        self._validators: dict[str, Any] = {}

    def deref(self, node: Any) -> Any:
        seen = 0
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            node = self.at(node["$ref"])
            seen += 1
            if seen > 20:
                raise Skip("a $ref loop")
        return node

    def at(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise Skip(f"external reference {ref}")
        node: Any = self.doc
        for token in ref[2:].split("/"):
            try:
                node = node[token.replace("~1", "/").replace("~0", "~")]
            except (KeyError, IndexError, TypeError) as exc:
                raise Skip(f"a broken reference {ref}") from exc
        return node

    def valid(self, pointer: str, value: Any) -> bool:
        """Does ``value`` match the schema at ``pointer`` (jsonschema, formats checked)?"""
        import jsonschema
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        validator = self._validators.get(pointer)
        if validator is None:
            registry: Registry[Any] = Registry().with_resource(
                "urn:spec", Resource.from_contents(self._converted,
                                                   default_specification=DRAFT202012))
            validator = self._validators[pointer] = jsonschema.Draft202012Validator(
                {"$ref": "urn:spec#" + pointer}, registry=registry,
                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        try:
            return bool(validator.is_valid(value))
        except Exception:
            return False

    def takes(self, schema: Any, value: Any) -> bool:
        """Does the (inline or referenced) schema ``schema`` take ``value``?"""
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            return self.valid(schema["$ref"][1:], value)
        import jsonschema
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        converted = _to_jsonschema(copy.deepcopy(schema)) if self.v30 else schema
        registry: Registry[Any] = Registry().with_resource(
            "urn:spec", Resource.from_contents(self._converted,
                                               default_specification=DRAFT202012))
        try:
            return bool(jsonschema.Draft202012Validator(
                _anchored(converted), registry=registry,
                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).is_valid(value))
        except Exception:
            return False


def _read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


def _bundled(path: Path) -> dict[str, Any]:
    """The document with every other file its ``$ref``s name inlined under ``x-bundled`` and
    the references rewritten to point there (a URL is read as the file of its name next to
    the document, as publishers that split a spec into files link them)."""
    root: dict[str, Any] = _read(path)
    files: dict[Path, str] = {path.resolve(): ""}
    bundled: dict[str, Any] = {}
    pending = [(root, path.resolve())]
    while pending:
        node, base = pending.pop()
        stack = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                ref = item.get("$ref")
                if isinstance(ref, str):
                    target, _, pointer = ref.partition("#")
                    where = base if not target else (
                        base.parent / target.rsplit("/", 1)[-1] if "://" in target
                        else (base.parent / target).resolve())
                    if where not in files:
                        if not where.is_file():
                            raise Skip(f"a reference to a missing file {target}")
                        files[where] = f"/x-bundled/f{len(files)}"
                        bundled[files[where][11:]] = loaded = _read(where)
                        pending.append((loaded, where))
                    item["$ref"] = "#" + files[where] + pointer
                stack.extend(value for key, value in item.items() if key != "$ref")
    if bundled:
        root["x-bundled"] = bundled
    return root


def _anchored(node: Any) -> Any:
    """A schema of the document with its references made absolute (``urn:spec#/…``)."""
    if isinstance(node, list):
        return [_anchored(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {key: ("urn:spec" + value if key == "$ref" and isinstance(value, str)
                  and value.startswith("#") else _anchored(value))
            for key, value in node.items()}


def _to_jsonschema(node: Any) -> Any:
    if isinstance(node, list):
        return [_to_jsonschema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _to_jsonschema(value) for key, value in node.items()}
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if isinstance(out.get(bound), bool):
            if out[bound] and limit in out:
                out[bound] = out.pop(limit)
            else:
                out.pop(bound)
    if out.pop("nullable", False) is True:
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        if isinstance(out.get("enum"), list) and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        if "$ref" in out or any(key in out for key in ("allOf", "anyOf", "oneOf")):
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


# -- values -----------------------------------------------------------------------------------


class Values:
    """Values a schema takes, drawn from a seeded generator."""

    def __init__(self, spec: Spec, rng: random.Random, *, request: bool) -> None:
        self.spec = spec
        self.rng = rng
        self.request = request

    def of(self, schema: Any, depth: int = 0) -> Any:
        schema = self.spec.deref(schema)
        if not isinstance(schema, dict):
            return "x"
        if "const" in schema:
            return schema["const"]
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            choices = [v for v in schema["enum"] if v is not None] or schema["enum"]
            return self.rng.choice(choices)
        if "allOf" in schema:
            return self.of(self.merged(schema), depth)
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                branches = [self.spec.deref(b) for b in schema[key]]
                plain = [b for b in branches if not (isinstance(b, dict)
                                                     and b.get("type") == "null")]
                return self.of(self.rng.choice(plain or branches), depth)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = ("object" if "properties" in schema or "additionalProperties" in schema
                    else "array" if "items" in schema else "string")
        if kind == "object":
            return self.obj(schema, depth)
        if kind == "array":
            low = schema.get("minItems", 1 if depth < 2 else 0)
            count = max(low, min(self.rng.randint(0, 2), schema.get("maxItems", 2)))
            items = [self.of(schema.get("items", {}), depth + 1) for _ in range(count)]
            if schema.get("uniqueItems"):
                unique = []
                for item in items:
                    if item not in unique:
                        unique.append(item)
                if len(unique) < low:
                    raise Skip("unique items")
                items = unique
            return items
        if kind == "integer":
            return self.number(schema, integer=True)
        if kind == "number":
            return self.number(schema, integer=False)
        if kind == "boolean":
            return self.rng.choice([True, False])
        if kind == "null":
            return None
        return self.text(schema)

    def merged(self, schema: dict[str, Any]) -> dict[str, Any]:
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema["allOf"]:
            part = self.spec.deref(part)
            if "allOf" in part:
                part = self.merged(part)
            for key, value in part.items():
                if key == "properties":
                    merged.setdefault("properties", {}).update(value)
                elif key == "required":
                    merged["required"] = [*merged.get("required", []), *value]
                else:
                    merged.setdefault(key, value)
        return merged

    def obj(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        properties = schema.get("properties") or {}
        required = set(schema.get("required") or [])
        out: dict[str, Any] = {}
        for name, sub in properties.items():
            node = self.spec.deref(sub)
            hidden = isinstance(node, dict) and node.get(
                "readOnly" if self.request else "writeOnly") is True
            if not hidden and (name in required or (
                    depth < _MAX_DEPTH and self.rng.random() < 0.5)):
                out[name] = self.of(sub, depth + 1)
        more = schema.get("additionalProperties")
        if not properties and isinstance(more, dict) and depth < _MAX_DEPTH:
            out["k" + str(self.rng.randint(1, 9))] = self.of(more, depth + 1)
        return out

    def number(self, schema: dict[str, Any], *, integer: bool) -> int | float:
        low = schema.get("minimum", 0 if "maximum" not in schema else schema["maximum"] - 100)
        high = schema.get("maximum", low + 1000)
        if isinstance(schema.get("exclusiveMinimum"), (int, float)) and not isinstance(
                schema.get("exclusiveMinimum"), bool):
            low = schema["exclusiveMinimum"] + 1
        if isinstance(schema.get("exclusiveMaximum"), (int, float)) and not isinstance(
                schema.get("exclusiveMaximum"), bool):
            high = schema["exclusiveMaximum"] - 1
        if schema.get("exclusiveMinimum") is True:
            low += 1
        if schema.get("exclusiveMaximum") is True:
            high -= 1
        value = self.rng.randint(int(low), max(int(low), int(high)))
        step = schema.get("multipleOf")
        if step:
            value = int(value // step * step) if integer else value // step * step
        return value if integer else value + (0.5 if not step and value + 1 <= high else 0)

    def text(self, schema: dict[str, Any]) -> str:
        fmt = schema.get("format")
        value: str
        if fmt == "date-time":
            value = f"2024-0{self.rng.randint(1, 9)}-1{self.rng.randint(0, 9)}T10:20:30Z"
        elif fmt == "date":
            value = f"2024-0{self.rng.randint(1, 9)}-1{self.rng.randint(0, 9)}"
        elif fmt == "uuid":
            value = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        elif fmt == "email":
            value = f"ana{self.rng.randint(1, 99)}@example.com"
        elif fmt in ("uri", "url"):
            value = f"https://example.com/p{self.rng.randint(1, 99)}"
        elif fmt == "byte":
            value = base64.b64encode(b"seamguard").decode()
        elif fmt == "ipv4":
            value = "192.0.2.7"
        else:
            value = "v" + "".join(self.rng.choice("abcdefghijkmnpqrstuvwxyz0123456789")
                                  for _ in range(6))
        low, high = schema.get("minLength", 0), schema.get("maxLength")
        if len(value) < low:
            value += "x" * (low - len(value))
        if high is not None and len(value) > high:
            if fmt:
                raise Skip("a format longer than maxLength")
            value = value[:high]
        pattern = schema.get("pattern")
        if isinstance(pattern, str):
            try:
                if re.search(pattern, value) is None:
                    value = self.from_pattern(pattern)
            except re.error as exc:
                raise Skip("a pattern Python cannot read") from exc
        return value

    def from_pattern(self, pattern: str) -> str:
        found = _PATTERNS.get(pattern)
        if found is None:
            from hypothesis import HealthCheck, Phase, find, settings
            from hypothesis import strategies as st

            try:
                found = find(st.from_regex(pattern), lambda _: True, settings=settings(
                    database=None, max_examples=5, phases=[Phase.generate],
                    suppress_health_check=list(HealthCheck)), random=random.Random(0))
            except Exception as exc:
                raise Skip("a pattern the generator cannot write") from exc
            _PATTERNS[pattern] = found
        return found


_PATTERNS: dict[str, str] = {}


# -- calls ------------------------------------------------------------------------------------


@dataclass
class Call:
    """One recorded call: what was sent and what came back, before it is written."""

    label: str
    method: str
    path: str
    query: list[tuple[str, str]] = field(default_factory=list)
    headers: dict[str, list[str]] = field(default_factory=dict)
    body: Any = None  # a JSON value, or form pairs
    content_type: str | None = None
    status: int = 200
    answer: Any = None
    answer_headers: dict[str, list[str]] = field(default_factory=dict)
    # what the generator knows, for planting
    operation: dict[str, Any] = field(default_factory=dict)
    pointer: str = ""
    params: dict[str, tuple[dict[str, Any], Any]] = field(default_factory=dict)
    body_schema: str | None = None
    answer_schema: str | None = None

    def interaction(self) -> dict[str, Any]:
        uri = self.operation.get("_hook") or BASE + self.path + ("?" + "&".join(
            f"{quote(k, safe='[]')}={quote(v, safe='')}" for k, v in self.query)
            if self.query else "")
        headers = {"User-Agent": ["sdk/1.0"], **self.headers}
        body: str | None = None
        if self.content_type is not None:
            headers["Content-Type"] = [self.content_type]
            body = ("&".join(f"{quote(k, safe='[]')}={quote(v, safe='')}" for k, v in self.body)
                    if self.content_type == FORM else json.dumps(self.body))
        return {
            "request": {"method": self.method.upper(), "uri": uri, "body": body,
                        "headers": headers},
            "response": {"status": {"code": self.status, "message": "OK"},
                         "headers": {"Content-Type": ["application/json"],
                                     **self.answer_headers},
                         "body": {"string": json.dumps(self.answer)
                                  if self.answer is not None else ""}},
        }


def form_pairs(value: Any, prefix: str) -> list[tuple[str, str]]:
    """A value written as Stripe's SDKs write a form: ``a[b]=``, ``a[0]=``."""
    if isinstance(value, dict):
        return [pair for key, item in value.items()
                for pair in form_pairs(item, f"{prefix}[{key}]" if prefix else key)]
    if isinstance(value, list):
        return [pair for index, item in enumerate(value)
                for pair in form_pairs(item, f"{prefix}[{index}]")]
    return [(prefix, scalar_text(value))]


def scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    return str(value)


def operations(spec: Spec) -> Iterator[tuple[str, str, dict[str, Any], str]]:
    """(path or webhook name, method, operation, its pointer) of every operation."""
    for where in ("paths", "webhooks"):
        for number, (path, item) in enumerate((spec.doc.get(where) or {}).items()):
            item = spec.deref(item)
            for method in METHODS:
                if isinstance(item.get(method), dict):
                    pointer = f"/{where}/{_escape(path)}/{method}"
                    shared = item.get("parameters") or []
                    hook = {"_hook": f"{HOOK}/{number}"} if where == "webhooks" else {}
                    yield path, method, {**item[method], "_shared": shared, **hook}, pointer


def build(spec: Spec, rng: random.Random, path: str, method: str, op: dict[str, Any],
          pointer: str) -> Call:
    """A valid call of one operation (Skip when the generator cannot write one faithfully)."""
    values = Values(spec, rng, request=True)
    call = Call(f"{method.upper()} {path}", method, path, operation=op, pointer=pointer)
    params: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    for index, raw in enumerate(op["_shared"]):
        params[_key(spec, raw)] = (spec.deref(raw), _where(
            raw, f"{pointer[:pointer.rindex('/')]}/parameters/{index}"))
    for index, raw in enumerate(op.get("parameters") or []):
        params[_key(spec, raw)] = (spec.deref(raw), _where(raw, f"{pointer}/parameters/{index}"))
    real = path
    for (where, name), (param, at) in params.items():
        if "schema" not in param:
            raise Skip("a parameter described by content")
        if where == "path":
            value = values.of(param["schema"])
            if isinstance(value, (dict, list)):
                raise Skip("a path parameter that is not a scalar")
            text = scalar_text(value) or "x"
            if not spec.valid(at + "/schema", _typed_back(spec, param["schema"], text)):
                raise Skip("a path value that does not read back")
            real = real.replace("{" + name + "}", quote(text, safe=""))
            call.params[f"path:{name}"] = (param, value)
        elif where in ("query", "header") and (param.get("required") or rng.random() < 0.4):
            value = values.of(param["schema"])
            if not spec.valid(at + "/schema", value):
                raise Skip("a parameter value jsonschema refuses")
            if where == "query":
                call.query.extend(_query_pairs(param, value))
            else:
                if isinstance(value, dict):
                    raise Skip("an object header")
                if isinstance(value, list) and len(value) > 1 and rng.random() < 0.5:
                    call.headers[name] = [scalar_text(item) for item in value]  # several lines
                else:
                    call.headers[name] = [",".join(map(scalar_text, value))
                                          if isinstance(value, list) else scalar_text(value)]
            call.params[f"{where}:{name}"] = (param, value)
    call.path = real
    body = spec.deref(op.get("requestBody")) if op.get("requestBody") else None
    if body:
        content = body.get("content") or {}
        media = next((m for m in ("application/json", FORM) if m in content), None)
        if media is None:
            raise Skip("a body in another media type")
        schema = content[media].get("schema")
        if schema is None:
            raise Skip("a body without schema")
        at = f"{pointer}/requestBody/content/{_escape(media)}/schema"
        if op["requestBody"].get("$ref"):
            at = op["requestBody"]["$ref"][1:] + f"/content/{_escape(media)}/schema"
        for _ in range(6):
            instance = values.of(schema)
            if spec.valid(at, instance):
                break
        else:
            raise Skip("a body jsonschema refuses")
        call.content_type = media
        call.body = form_pairs(instance, "") if media == FORM else instance
        if media == FORM and not isinstance(instance, dict):
            raise Skip("a form body that is not an object")
        if media == FORM and any(_empty(item) for item in instance.values()):
            raise Skip("an empty list or object, which a form cannot write")
        call.params["body"] = (schema, instance)
        call.body_schema = at
    answer_values = Values(spec, rng, request=False)
    responses = op.get("responses") or {}
    if "_hook" in op:
        return call  # a delivery: what the receiver answers is not the platform's contract
    status = next((s for s in ("200", "201", "202", "204", "default") if s in responses), None)
    if status is None:
        raise Skip("no success response")
    response = spec.deref(responses[status])
    content = response.get("content") or {}
    call.status = int(status) if status.isdigit() else 200
    json_media = next((m for m in content if "json" in m), None)
    if json_media is not None and content[json_media].get("schema") is not None:
        at = f"{pointer}/responses/{status}/content/{_escape(json_media)}/schema"
        if responses[status].get("$ref"):
            at = responses[status]["$ref"][1:] + f"/content/{_escape(json_media)}/schema"
        for _ in range(6):  # overlapping oneOf branches: another draw may fit one only
            call.answer = answer_values.of(content[json_media]["schema"])
            if spec.valid(at, call.answer):
                break
        else:
            raise Skip("an answer jsonschema refuses")
        call.answer_schema = at
    elif content:
        raise Skip("an answer in another media type")
    for name, header in (response.get("headers") or {}).items():
        header = spec.deref(header)
        if header.get("required") and "schema" in header:
            call.answer_headers[name] = [scalar_text(answer_values.of(header["schema"]))]
    return call


def _empty(value: Any) -> bool:
    if isinstance(value, (list, dict)):
        return not value or any(_empty(item) for item in (
            value.values() if isinstance(value, dict) else value))
    return False


def _where(raw: Any, pointer: str) -> str:
    """Where a (possibly referenced) object's definition sits."""
    if isinstance(raw, dict) and isinstance(raw.get("$ref"), str):
        return str(raw["$ref"][1:])
    return pointer


def _key(spec: Spec, raw: Any) -> tuple[str, str]:
    param = spec.deref(raw)
    return param.get("in", ""), param.get("name", "")


def _typed_back(spec: Spec, schema: Any, text: str) -> Any:
    node = spec.deref(schema)
    kind = node.get("type") if isinstance(node, dict) else None
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
    except ValueError:
        return text
    if kind == "boolean":
        return text == "true"
    return text


def _query_pairs(param: dict[str, Any], value: Any) -> list[tuple[str, str]]:
    name = param["name"]
    style = param.get("style", "form")
    explode = param.get("explode", style == "form")
    if style == "deepObject":
        return form_pairs(value, name)
    if isinstance(value, list):
        if explode:
            return [(name, scalar_text(item)) for item in value]
        return [(name, ",".join(scalar_text(item) for item in value))]
    if isinstance(value, dict):
        if explode:
            return [(key, scalar_text(item)) for key, item in value.items()]
        return [(name, ",".join(f"{k},{scalar_text(v)}" for k, v in value.items()))]
    return [(name, scalar_text(value))]


# -- defects ----------------------------------------------------------------------------------


Plant = Callable[[Spec, Call, random.Random], "tuple[Call, str, str] | None"]


def _props(spec: Spec, schema: Any) -> tuple[dict[str, Any], list[str], Any]:
    node = spec.deref(schema)
    if isinstance(node, dict) and "allOf" in node:
        node = Values(spec, random.Random(0), request=True).merged(node)
    if not isinstance(node, dict):
        return {}, [], None
    return (node.get("properties") or {}), list(node.get("required") or []), \
        node.get("additionalProperties")


def _scalar(spec: Spec, schema: Any) -> dict[str, Any] | None:
    node = spec.deref(schema)
    if not isinstance(node, dict) or any(k in node for k in ("anyOf", "oneOf", "allOf")):
        return None
    kind = node.get("type")
    return node if kind in ("string", "integer", "number", "boolean") else None


def _with_body(call: Call, instance: dict[str, Any]) -> Call:
    new = copy.deepcopy(call)
    new.body = form_pairs(instance, "") if call.content_type == FORM else instance
    return new


def _leaves(spec: Spec, schema: Any, value: Any, path: tuple[str, ...] = (),
            ) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """Each scalar in ``value`` with the plain schema it is written against; a path through
    ``anyOf``/``oneOf`` is left out (a broken value there may fit another branch)."""
    node = spec.deref(schema)
    if isinstance(node, dict) and "allOf" in node:
        node = Values(spec, random.Random(0), request=True).merged(node)
    if not isinstance(node, dict) or any(k in node for k in ("anyOf", "oneOf", "not")):
        return
    if isinstance(value, dict):
        properties = node.get("properties") or {}
        more = node.get("additionalProperties")
        for key, item in value.items():
            sub = properties.get(key, more if isinstance(more, dict) else None)
            if sub is not None:
                yield from _leaves(spec, sub, item, (*path, key))
    elif isinstance(value, list):
        if isinstance(node.get("items"), dict):
            for index, item in enumerate(value):
                yield from _leaves(spec, node["items"], item, (*path, str(index)))
    elif value is not None and _scalar(spec, node) is not None and path:
        yield path, node


def _body_field(spec: Spec, call: Call, rng: random.Random,
                accept: Callable[[dict[str, Any]], bool],
                ) -> tuple[tuple[str, ...], dict[str, Any]] | None:
    if "body" not in call.params or not isinstance(call.params["body"][1], dict):
        return None
    found = [(path, node) for path, node in _leaves(spec, *call.params["body"])
             if accept(node)]
    if not found:
        return None
    return found[rng.randrange(len(found))]


def _set(call: Call, path: tuple[str, ...], value: Any) -> tuple[Call, str]:
    """The call with the body value at ``path`` replaced, and that value's pointer."""
    instance = copy.deepcopy(call.params["body"][1])
    node = instance
    for token in path[:-1]:
        node = node[int(token)] if isinstance(node, list) else node[token]
    if isinstance(node, list):
        node[int(path[-1])] = value
    else:
        node[path[-1]] = value
    return _with_body(call, instance), "request:/body/" + "/".join(map(_escape, path))


def plant_wrong_type(spec: Spec, call: Call, rng: random.Random) -> tuple[Call, str, str] | None:
    found = _body_field(spec, call, rng, lambda n: n["type"] in ("integer", "number", "boolean")
                        or (call.content_type != FORM and "enum" not in n))
    if found is None:
        return None
    path, node = found
    new, pointer = _set(call, path, "not-a-number" if node["type"] != "string" else 12345)
    return new, "field.wrong-type", pointer


def plant_missing(spec: Spec, call: Call, rng: random.Random) -> tuple[Call, str, str] | None:
    if "body" not in call.params or not isinstance(call.params["body"][1], dict):
        return None
    _, required, _ = _props(spec, call.params["body"][0])
    instance = dict(call.params["body"][1])
    names = sorted(n for n in required if n in instance)
    if not names:
        return None
    name = rng.choice(names)
    del instance[name]
    return _with_body(call, instance), "field.missing", f"request:/body/{_escape(name)}"


def plant_enum(spec: Spec, call: Call, rng: random.Random) -> tuple[Call, str, str] | None:
    found = _body_field(spec, call, rng, lambda n: n["type"] == "string"
                        and isinstance(n.get("enum"), list))
    if found is None:
        return _param_defect(spec, call, rng, lambda n: isinstance(n.get("enum"), list)
                             and n["type"] == "string", "zz_not_listed", "field.unknown-enum")
    new, pointer = _set(call, found[0], "zz_not_listed")
    return new, "field.unknown-enum", pointer


def plant_format(spec: Spec, call: Call, rng: random.Random) -> tuple[Call, str, str] | None:
    formats = ("date-time", "date", "uuid", "email")
    found = _body_field(spec, call, rng, lambda n: n["type"] == "string"
                        and n.get("format") in formats and "enum" not in n)
    if found is None:
        return _param_defect(spec, call, rng, lambda n: n["type"] == "string"
                             and n.get("format") in formats and "enum" not in n,
                             "not a valid value", "field.wrong-format")
    new, pointer = _set(call, found[0], "not a valid value")
    return new, "field.wrong-format", pointer


def plant_pattern(spec: Spec, call: Call, rng: random.Random) -> tuple[Call, str, str] | None:
    def broken(node: dict[str, Any]) -> bool:
        pattern = node.get("pattern")
        try:
            return node["type"] == "string" and isinstance(pattern, str) and "enum" not in node \
                and "format" not in node and re.search(pattern, "~!~") is None
        except re.error:
            return False
    found = _body_field(spec, call, rng, broken)
    if found is None:
        return _param_defect(spec, call, rng, broken, "~!~", "field.wrong-format")
    new, pointer = _set(call, found[0], "~!~")
    return new, "field.wrong-format", pointer


def plant_forbidden(spec: Spec, call: Call, rng: random.Random) -> tuple[Call, str, str] | None:
    if "body" not in call.params or not isinstance(call.params["body"][1], dict):
        return None
    properties, _, more = _props(spec, call.params["body"][0])
    if more is not False or "zz_extra" in properties:
        return None
    instance = {**call.params["body"][1], "zz_extra": "1"}
    return _with_body(call, instance), "field.forbidden", "request:/body/zz_extra"


def plant_content_type(spec: Spec, call: Call, rng: random.Random,
                       ) -> tuple[Call, str, str] | None:
    if call.content_type is None or not form_pairs(call.params["body"][1], ""):
        return None  # a value a form writes as nothing is no form body at all
    declared = (spec.deref(call.operation["requestBody"]).get("content") or {})
    other = FORM if call.content_type != FORM else "application/json"
    if other in declared:
        return None
    new = copy.deepcopy(call)
    new.content_type = other
    new.body = (form_pairs(call.params["body"][1], "") if other == FORM
                else call.params["body"][1])
    return new, "content-type.undeclared", "request:/body"


def plant_path(spec: Spec, call: Call, rng: random.Random) -> tuple[Call, str, str] | None:
    template = call.label.split(" ", 1)[1]
    shape = re.sub(r"\{[^}]*\}", "{}", template)
    if sum(re.sub(r"\{[^}]*\}", "{}", other) == shape and call.method in item
           for other, item in (spec.doc.get("paths") or {}).items()) > 1:
        return None  # a bad value there names the other template's operation
    for key, (param, _) in sorted(call.params.items()):
        if not key.startswith("path:"):
            continue
        node = _scalar(spec, param["schema"])
        if node is None:
            continue
        name = key[5:]
        if node["type"] in ("integer", "number"):
            bad, code = "abc", "field.wrong-type"
        elif isinstance(node.get("enum"), list):
            bad, code = "zz_not_listed", "field.unknown-enum"
        elif node.get("format") in ("uuid", "date", "date-time"):
            bad, code = "not-an-id", "field.wrong-format"
        else:
            continue
        new = copy.deepcopy(call)
        new.path = _fill(template, call.params, {name: bad})
        return new, code, f"request:/path/{_escape(name)}"
    return None


def _fill(template: str, params: dict[str, tuple[dict[str, Any], Any]],
          override: dict[str, str]) -> str:
    for key, (_, value) in params.items():
        if key.startswith("path:"):
            name = key[5:]
            text = override.get(name, scalar_text(value) or "x")
            template = template.replace("{" + name + "}", quote(text, safe=""))
    return template


def plant_repeated(spec: Spec, call: Call, rng: random.Random) -> tuple[Call, str, str] | None:
    for key, (param, value) in sorted(call.params.items()):
        if not key.startswith("query:") or _scalar(spec, param["schema"]) is None:
            continue
        node = _scalar(spec, param["schema"])
        assert node is not None
        other = Values(spec, rng, request=True).of(node)
        if scalar_text(other) == scalar_text(value):
            continue
        new = copy.deepcopy(call)
        new.query.append((param["name"], scalar_text(other)))
        return new, "field.wrong-type", f"request:/query/{_escape(param['name'])}"
    found = _body_field(spec, call, rng, lambda n: call.content_type == FORM)
    if found is None:
        return None
    path, node = found
    if len(path) > 1:
        return None
    name = path[0]
    value = call.params["body"][1][name]
    for _ in range(5):
        other = Values(spec, rng, request=True).of(node)
        if scalar_text(other) != scalar_text(value):
            new = copy.deepcopy(call)
            new.body.append((name, scalar_text(other)))
            return new, "field.wrong-type", f"request:/body/{_escape(name)}"
    return None


def plant_header(spec: Spec, call: Call, rng: random.Random) -> tuple[Call, str, str] | None:
    params = _declared(spec, call, "header")
    for name, param in params:
        if param.get("required") and name.lower() not in ("accept", "content-type",
                                                          "authorization"):
            new = copy.deepcopy(call)
            new.headers.pop(name, None)
            return new, "field.missing", f"request:/header/{_escape(name)}"
    for name, param in params:
        node = _scalar(spec, param.get("schema"))
        if node is not None and node["type"] in ("integer", "number"):
            new = copy.deepcopy(call)
            new.headers[name] = ["not-a-number"]
            return new, "field.wrong-type", f"request:/header/{_escape(name)}"
    return None


def _declared(spec: Spec, call: Call, where: str) -> list[tuple[str, dict[str, Any]]]:
    raws = [*call.operation["_shared"], *(call.operation.get("parameters") or [])]
    found = {}
    for raw in raws:
        param = spec.deref(raw)
        if param.get("in") == where and "schema" in param:
            found[param["name"]] = param
    return sorted(found.items())


def _param_defect(spec: Spec, call: Call, rng: random.Random,
                  accept: Callable[[dict[str, Any]], bool], bad: str,
                  code: str) -> tuple[Call, str, str] | None:
    for where in ("query", "header"):
        for name, param in _declared(spec, call, where):
            node = _scalar(spec, param["schema"])
            if node is None or not accept(node) or (where == "header" and name.lower() in (
                    "accept", "content-type", "authorization")):
                continue
            new = copy.deepcopy(call)
            if where == "query":
                new.query = [(k, v) for k, v in new.query if k != name] + [(name, bad)]
            else:
                new.headers[name] = [bad]
            return new, code, f"request:/{where}/{_escape(name)}"
    return None


def plant_answer(spec: Spec, call: Call, rng: random.Random) -> tuple[Call, str, str] | None:
    """A field of the answer broken: a required one left out, or a scalar of another type,
    outside its enum or its format."""
    if not isinstance(call.answer, dict) or call.answer_schema is None:
        return None
    schema = spec.at("#" + call.answer_schema)
    _, required, _ = _props(spec, schema)
    names = sorted(n for n in required if n in call.answer)
    leaves = list(_leaves(spec, schema, call.answer))
    choices: list[tuple[tuple[str, ...], Any, str]] = [((name,), ..., "field.missing")
                                                       for name in names]
    for path, node in leaves:
        if isinstance(node.get("enum"), list) and node["type"] == "string":
            choices.append((path, "zz_not_listed", "field.unknown-enum"))
        elif node.get("format") in ("date-time", "date", "uuid", "email") and \
                node["type"] == "string":
            choices.append((path, "not a valid value", "field.wrong-format"))
        elif node["type"] == "integer":
            choices.append((path, "twelve", "field.wrong-type"))
        elif node["type"] == "boolean":
            choices.append((path, "yes", "field.wrong-type"))
    if not choices:
        return None
    path, bad, code = choices[rng.randrange(len(choices))]
    new = copy.deepcopy(call)
    node = new.answer
    for token in path[:-1]:
        node = node[int(token)] if isinstance(node, list) else node[token]
    if bad is ...:
        del node[path[-1]]
    elif isinstance(node, list):
        node[int(path[-1])] = bad
    else:
        node[path[-1]] = bad
    return new, code, "/" + "/".join(map(_escape, path))


def plant_query_type(spec: Spec, call: Call, rng: random.Random,
                     ) -> tuple[Call, str, str] | None:
    return _param_defect(spec, call, rng, lambda n: n["type"] in ("integer", "number")
                         and "enum" not in n, "abc", "field.wrong-type")


def _one_ofs(spec: Spec, schema: Any, value: Any, path: tuple[str, ...] = (),
             ) -> Iterator[tuple[tuple[str, ...], list[Any]]]:
    """Each object in ``value`` written against a ``oneOf`` with object alternatives, with
    those alternatives; the path to it leaves out other ``anyOf``/``oneOf``."""
    node = spec.deref(schema)
    if isinstance(node, dict) and "allOf" in node:
        node = Values(spec, random.Random(0), request=True).merged(node)
    if not isinstance(node, dict):
        return
    branches = node.get("oneOf")
    if isinstance(branches, list):
        objects = [b for b in branches if isinstance(spec.deref(b), dict)
                   and (spec.deref(b).get("type") == "object" or "properties" in spec.deref(b))]
        if isinstance(value, dict) and len(objects) > 1:
            yield path, objects
        return
    if "anyOf" in node:
        return
    if isinstance(value, dict):
        properties = node.get("properties") or {}
        for key, item in value.items():
            if key in properties:
                yield from _one_ofs(spec, properties[key], item, (*path, key))
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for index, item in enumerate(value):
            yield from _one_ofs(spec, node["items"], item, (*path, str(index)))


def plant_one_of(spec: Spec, call: Call, rng: random.Random) -> tuple[Call, str, str] | None:
    """An object two ``oneOf`` alternatives both take: the fields of each, together."""
    for where in ("body", "answer"):
        if where == "body":
            if "body" not in call.params or call.content_type != "application/json":
                continue
            schema, value = call.params["body"]
        else:
            if call.answer_schema is None:
                continue
            schema, value = spec.at("#" + call.answer_schema), call.answer
        for path, refs in _one_ofs(spec, schema, value):
            values = Values(spec, rng, request=where == "body")
            first, second = rng.sample(refs, 2)
            try:
                merged = {**values.of(first), **values.of(second)}
            except Skip:
                continue
            if not merged or not (spec.takes(first, merged) and spec.takes(second, merged)):
                continue
            new = copy.deepcopy(call)
            if where == "body":
                new, pointer = _set(call, path, merged) if path else (
                    _with_body(call, merged), "request:/body")
            else:
                node = new.answer
                for token in path[:-1]:
                    node = node[int(token)] if isinstance(node, list) else node[token]
                if path:
                    node[int(path[-1]) if isinstance(node, list) else path[-1]] = merged
                else:
                    new.answer = merged
                pointer = "/" + "/".join(map(_escape, path)) if path else ""
            return new, "field.invalid", pointer
    return None


PLANTS: dict[str, Plant] = {
    "wrong-type": plant_wrong_type, "missing-required": plant_missing, "enum": plant_enum,
    "format": plant_format, "pattern": plant_pattern, "additional-property": plant_forbidden,
    "content-type": plant_content_type, "path-param": plant_path, "repeated": plant_repeated,
    "header": plant_header, "answer": plant_answer, "query-type": plant_query_type,
    "one-of-ambiguity": plant_one_of,
}


# -- measuring --------------------------------------------------------------------------------


def verify(spec: Spec, calls: list[dict[str, Any]], folder: Path) -> list[list[tuple[str, str]]]:
    """(code, pointer) of each call's findings, in order."""
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.project import find_project
    from seamguard.recordings.cassettes import read_cassette
    from seamguard.verify import RecordedVerifier

    if not (folder / "pyproject.toml").exists():
        (folder / "pyproject.toml").write_text(textwrap.dedent(f"""
            [tool.seamguard.platforms.api]
            versions = ["v1"]
            base_url = "{BASE}"

            [tool.seamguard.platforms.api.webhook_urls]
            """) + "".join(f'"{HOOK}/{number}" = {json.dumps(name)}\n'
                           for number, name in enumerate(spec.doc.get("webhooks") or {})),
            encoding="utf-8")
        contract = folder / "contracts" / "api" / "v1" / "openapi.json"
        contract.parent.mkdir(parents=True, exist_ok=True)
        contract.write_text(json.dumps(spec.doc, default=str), encoding="utf-8")
    cassette_path = folder / "fixtures" / "cassettes" / "calls.yaml"
    cassette_path.parent.mkdir(parents=True, exist_ok=True)
    cassette_path.write_text(yaml.safe_dump({"interactions": calls, "version": 1},
                                            allow_unicode=True), encoding="utf-8")
    project = find_project(folder)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = read_cassette(cassette_path, display="calls.yaml", max_bytes=1 << 28)
    found: list[list[tuple[str, str]]] = [[] for _ in calls]
    for finding in verifier.verify_cassette(cassette):
        index = finding.location.interaction
        found[index].append((finding.code, finding.location.pointer or ""))
    return found


def measure(spec: Spec, count: int, seed: int, verbose: bool, per_call: int = 2,
            only: list[str] | None = None) -> dict[str, Any]:
    rng = random.Random(seed)
    every = list(operations(spec))
    rng.shuffle(every)
    calls: list[Call] = []
    skipped: Counter[str] = Counter()
    rounds = [item for _ in range(max(1, min(8, count // max(1, len(every)) + 1)))
              for item in every]  # a small document: each operation called more than once
    for path, method, op, pointer in rounds:
        if len(calls) >= count:
            break
        try:
            calls.append(build(spec, rng, path, method, op, pointer))
        except Skip as why:
            skipped[str(why)] += 1
        except RecursionError:
            skipped["too deep"] += 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        valid = verify(spec, [call.interaction() for call in calls], folder)
        if calls and all(found and found[0][0] == "contract.unloadable" for found in valid):
            print(f"{spec.path.name}: seamguard does not load this document "
                  "(`seamguard contract lint` says why); nothing measured")
            return {"calls": 0, "false": 0, "planted": 0, "exact": 0}
        false = [(call, found) for call, found in zip(calls, valid, strict=True) if found]
        clean = [call for call, found in zip(calls, valid, strict=True) if not found]
        planted: list[tuple[Call, str, str, str]] = []
        kinds = only or list(PLANTS)
        for number, call in enumerate(clean):
            made_here = 0
            for step in range(len(kinds)):
                kind = kinds[(number + step) % len(kinds)]
                made = PLANTS[kind](spec, call, rng)
                if made is not None:
                    pointer = made[2]
                    if "_hook" in call.operation and pointer.startswith("request:/body"):
                        pointer = pointer[len("request:/body"):]  # a delivery's body
                    planted.append((made[0], kind, made[1], pointer))
                    made_here += 1
                    if made_here == per_call:
                        break
        found = verify(spec, [p[0].interaction() for p in planted], folder)
    tally: Counter[tuple[str, str]] = Counter()
    wrong = []
    for (call, kind, code, pointer), seen in zip(planted, found, strict=True):
        verdict = ("exact" if seen == [(code, pointer)] else "missed" if not seen
                   else "extra" if (code, pointer) in seen else "other")
        tally[(kind, verdict)] += 1
        if verdict != "exact":
            wrong.append((kind, call.label, (code, pointer), seen))
    hooks = sum("_hook" in call.operation for call in calls)
    print(f"{spec.path.name}: {len(calls)} valid calls generated ({hooks} webhook deliveries;"
          f" {sum(skipped.values())} operations skipped)")
    if verbose:
        print(f"  skipped: {skipped.most_common(8)}")
    print(f"  valid calls with a finding (false): {len(false)}/{len(calls)}")
    for call, seen in false[: 40 if verbose else 10]:
        print(f"    {call.label}: {seen[:3]}")
    exact = sum(n for (_, verdict), n in tally.items() if verdict == "exact")
    print(f"  planted defects found exactly: {exact}/{len(planted)}")
    for kind in kinds:
        row = {v: tally[(kind, v)] for v in ("exact", "missed", "extra", "other")}
        if any(row.values()):
            print(f"    {kind:20} " + "  ".join(f"{k} {n}" for k, n in row.items()))
    for kind, label, expected, seen in wrong[: 40 if verbose else 10]:
        print(f"    {kind}: {label}: expected {expected}, got {seen[:3]}")
    return {"calls": len(calls), "false": len(false), "planted": len(planted), "exact": exact}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("specs", nargs="+", type=Path)
    parser.add_argument("--calls", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", nargs="+", choices=sorted(PLANTS),
                        help="plant only these kinds of defect")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    sys.setrecursionlimit(10_000)
    failed = 0
    for path in args.specs:
        result = measure(Spec(path), args.calls, args.seed, args.verbose, only=args.kinds)
        failed += result["false"] + result["planted"] - result["exact"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
