"""Closed wrappers: ``oneOf``/``anyOf`` around one closed object branch stay open.

The schema rewrite leaves ``unevaluatedProperties`` off a wrapper such as ``oneOf: [{$ref: X},
{type: null}]`` and keeps its object branch closed instead. Findings must not change: these
tests compare, on generated contracts and documents, every violation (code, pointer, message,
expected, actual, in order) of the rewrite with those of the previous one (every composition
branch open, the wrapper closed; ``SchemaConverter.sole_branch_closes = False``), and show that
a wrong simplification does not pass the comparison.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from seamguard.contracts import schema as schema_module
from seamguard.contracts import validation as validation_module
from seamguard.contracts.model import Contract, load_contract
from seamguard.contracts.schema import SOLE_MARK, UNDECLARED_MARK, SchemaConverter
from seamguard.contracts.validation import violations

SCALARS: list[dict[str, Any]] = [
    {"type": "string"}, {"type": "integer"}, {"type": "boolean"}, {"type": ["string", "null"]},
    {"type": "number", "minimum": 0}, {"type": "string", "enum": ["a", "b"]},
]


def _nullable(rng: random.Random, target: dict[str, Any], openapi_30: bool) -> dict[str, Any]:
    """One of the wrapper shapes contracts use around an object (or a scalar)."""
    other: dict[str, Any] = rng.choice(
        [{"type": "null"}, {"type": "string"}, {"type": ["integer", "null"]}])
    if openapi_30:
        if other["type"] == "null" or isinstance(other["type"], list):
            other = {"type": "string", "nullable": True}
        if rng.random() < 0.3:
            return {"allOf": [target], "nullable": True}
    branches = [target, other] if rng.random() < 0.5 else [other, target]
    wrapper: dict[str, Any] = {rng.choice(["oneOf", "anyOf"]): branches}
    if openapi_30 and rng.random() < 0.3:
        wrapper["nullable"] = True
    if rng.random() < 0.2:
        wrapper["description"] = "nullable"
    return wrapper


def _value(rng: random.Random, names: list[str], openapi_30: bool, depth: int) -> dict[str, Any]:
    roll = rng.random()
    if not names or roll < 0.25:
        return copy.deepcopy(rng.choice(SCALARS))
    ref = {"$ref": f"#/components/schemas/{rng.choice(names)}"}
    if roll < 0.4:
        return ref
    if roll < 0.7:
        return _nullable(rng, ref, openapi_30)
    if roll < 0.8 and depth < 2:
        inline = {"type": "object", "required": ["k"],
                  "properties": {"k": {"type": "integer"},
                                 "n": _value(rng, names, openapi_30, depth + 1)}}
        return _nullable(rng, inline, openapi_30)
    if roll < 0.88:
        return {"type": "array", "items": _nullable(rng, ref, openapi_30)}
    if roll < 0.95 and len(names) > 1:
        # Two object branches: must stay as they were (open branches, closed wrapper).
        first, second = rng.sample(names, 2)
        key = rng.choice(["oneOf", "anyOf"])
        return {key: [{"$ref": f"#/components/schemas/{first}"},
                      {"$ref": f"#/components/schemas/{second}"}, {"type": "null"}]}
    return {"oneOf": [ref, {"type": "object", "properties": {"z": {"type": "string"}}}]}


def _component(rng: random.Random, index: int, names: list[str],
               openapi_30: bool) -> dict[str, Any]:
    props = {f"f{index}_{k}": _value(rng, names, openapi_30, 0) for k in range(rng.randint(1, 4))}
    node: dict[str, Any] = {"type": "object", "properties": props,
                            "required": rng.sample(sorted(props), rng.randint(0, len(props)))}
    kind = rng.random()
    if kind < 0.15:
        node["patternProperties"] = {"^x_": {"type": "integer"}}
    elif kind < 0.25:
        node["additionalProperties"] = {"type": "string"}
    elif kind < 0.3:
        node["additionalProperties"] = False
    elif kind < 0.5 and names:
        node = {"allOf": [{"$ref": f"#/components/schemas/{rng.choice(names)}"}, node]}
    elif kind < 0.55:
        node = {"type": "object"}
    elif kind < 0.6 and names:
        node = {"$ref": f"#/components/schemas/{rng.choice(names)}"}
    if openapi_30 and rng.random() < 0.1 and "$ref" not in node:
        node["nullable"] = True
    return node


def generate_contract(seed: int) -> tuple[str, dict[str, Any]]:
    rng = random.Random(seed)
    openapi_30 = rng.random() < 0.4
    components: dict[str, Any] = {}
    for index in range(rng.randint(4, 9)):
        components[f"C{index}"] = _component(rng, index, list(components), openapi_30)
    names = list(components)
    roots = [_nullable(rng, {"$ref": f"#/components/schemas/{names[-1]}"}, openapi_30),
             {"$ref": f"#/components/schemas/{names[-1]}"},
             {"type": "object", "properties": {"data": _value(rng, names, openapi_30, 0),
                                               "list": {"type": "array",
                                                        "items": _value(rng, names, openapi_30,
                                                                        0)}}}]
    paths = {f"/r{k}": {"get": {"responses": {"200": {
        "description": "ok", "content": {"application/json": {"schema": root}}}}}}
        for k, root in enumerate(roots)}
    spec = {"openapi": "3.0.3" if openapi_30 else "3.1.0",
            "info": {"title": "generated", "version": "1"},
            "paths": paths, "components": {"schemas": components}}
    return json.dumps(spec), spec


def _instance(rng: random.Random, node: Any, spec: dict[str, Any], depth: int) -> Any:
    """A document that mostly fits ``node`` (so that a mutation is one finding, not many)."""
    if not isinstance(node, dict) or depth > 6:
        return None
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        return _instance(rng, spec["components"]["schemas"][name], spec, depth + 1)
    for key in ("oneOf", "anyOf"):
        if key in node:
            return _instance(rng, rng.choice(node[key]), spec, depth + 1)
    if "allOf" in node:
        merged: dict[str, Any] = {}
        for branch in node["allOf"]:
            part = _instance(rng, branch, spec, depth + 1)
            if isinstance(part, dict):
                merged.update(part)
        return merged
    kind = node.get("type")
    kind = rng.choice(kind) if isinstance(kind, list) else kind
    if kind == "array":
        return [_instance(rng, node["items"], spec, depth + 1) for _ in range(rng.randint(0, 2))]
    if kind == "object" or "properties" in node:
        out = {name: _instance(rng, sub, spec, depth + 1)
               for name, sub in (node.get("properties") or {}).items()}
        if "patternProperties" in node and rng.random() < 0.5:
            out["x_p"] = 1
        return out
    if "enum" in node:
        return rng.choice(node["enum"])
    return {"string": "s", "integer": 3, "boolean": True, "number": 1.5, "null": None}.get(kind)


def _mutate(rng: random.Random, doc: Any) -> Any:
    """Extra properties at various depths, nulls, wrong types, removed fields."""
    doc = copy.deepcopy(doc)
    spots: list[tuple[Any, Any]] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key in list(value):
                spots.append((value, key))
                walk(value[key])
        elif isinstance(value, list):
            for k, item in enumerate(value):
                spots.append((value, k))
                walk(item)

    walk(doc)
    holders = [value for value in [doc, *(parent[key] for parent, key in spots)]
               if isinstance(value, dict)]
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        if roll < 0.4 and holders:
            holder = rng.choice(holders)
            holder[rng.choice(["extra", "x_q", "k", "z", "f0_0"])] = rng.choice([1, "v", None, {}])
        elif spots:
            parent, key = rng.choice(spots)
            if roll < 0.55 and isinstance(parent, dict):
                del parent[key]
                spots = [(p, k) for p, k in spots if not (p is parent and k == key)]
            else:
                parent[key] = rng.choice([None, "wrong", 7, [], {"extra": 1}, {}])
    return doc


@contextmanager
def rewrite(sole_branch_closes: bool) -> Iterator[None]:
    saved = SchemaConverter.sole_branch_closes
    SchemaConverter.sole_branch_closes = sole_branch_closes
    try:
        yield
    finally:
        SchemaConverter.sole_branch_closes = saved


def findings(path: Path, documents: list[tuple[int, Any]]) -> list[Any]:
    contract = load_contract(path, platform="gen", version="1")
    refs = _roots(contract)
    return [[(v.code, v.pointer, v.message, json.dumps(v.expected), json.dumps(v.actual))
             for v in violations(contract, refs[k], doc)] for k, doc in documents]


def _roots(contract: Contract) -> list[Any]:
    refs = []
    for k in range(3):
        media = contract.match("GET", f"/r{k}").response(200).media("application/json")
        assert media is not None
        assert media.schema is not None
        refs.append(media.schema)
    return refs


def _wrappers_left_open(path: Path) -> int:
    """Compositions of the rewrite that carry no closing of their own but a closed branch."""
    contract = load_contract(path, platform="gen", version="1")
    for ref in _roots(contract):
        contract.validator(ref)
    count = 0

    def walk(node: Any) -> None:
        nonlocal count
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if node.get(SOLE_MARK) is True:
                assert UNDECLARED_MARK not in node
                assert any(k in node for k in ("oneOf", "anyOf"))
                count += 1
            for value in node.values():
                walk(value)

    for skeleton in contract._skeletons.values():
        walk(skeleton)
    return count


def _documents(seed: int, spec: dict[str, Any], count: int) -> list[tuple[int, Any]]:
    rng = random.Random(seed * 7919)
    roots = [spec["paths"][f"/r{k}"]["get"]["responses"]["200"]["content"]["application/json"]
             ["schema"] for k in range(3)]
    out: list[tuple[int, Any]] = []
    for _ in range(count):
        k = rng.randrange(3)
        base = _instance(rng, roots[k], spec, 0)
        out.append((k, base))
        out.append((k, _mutate(rng, base)))
    out.extend((k, value) for k in range(3) for value in (None, "text", 5, [], {}))
    return out


def compare(tmp_path: Path, seeds: range, per_seed: int) -> tuple[int, int, list[Any]]:
    """(documents compared, findings seen, differences) between the old and the new rewrite."""
    compared = seen = 0
    differences: list[Any] = []
    for seed in seeds:
        text, spec = generate_contract(seed)
        path = tmp_path / f"s{seed}" / "openapi.json"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        documents = _documents(seed, spec, per_seed)
        with rewrite(False):
            before = findings(path, documents)
        with rewrite(True):
            after = findings(path, documents)
        compared += len(documents)
        seen += sum(len(f) for f in before)
        differences.extend((seed, documents[k], b, a)
                           for k, (b, a) in enumerate(zip(before, after, strict=True)) if b != a)
    return compared, seen, differences


def test_generated_wrappers_report_the_same_findings(tmp_path: Path) -> None:
    compared, seen, differences = compare(tmp_path, range(60), 25)
    assert differences == []
    assert compared > 3000
    assert seen > 1000  # the documents do break their contracts


def test_the_generated_contracts_do_have_wrappers_left_open(tmp_path: Path) -> None:
    opened = before = 0
    for seed in range(10):
        text, _ = generate_contract(seed)
        path = tmp_path / f"s{seed}.json"
        path.write_text(text, encoding="utf-8")
        with rewrite(True):
            opened += _wrappers_left_open(path)
        with rewrite(False):
            before += _wrappers_left_open(path)
    assert opened > 10
    assert before == 0


@pytest.mark.parametrize("wrong", ["other evaluators ignored", "two object branches",
                                   "failed wrappers weighed as one error"])
def test_a_wrong_simplification_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          wrong: str) -> None:
    if wrong == "other evaluators ignored":
        # Simplifies also where patternProperties (or an additionalProperties) inside the
        # object branch evaluates fields the wrapper's unevaluatedProperties reported.
        monkeypatch.setattr(SchemaConverter, "_properties_only", lambda *a, **k: True)
    elif wrong == "two object branches":
        # Counts an inline object branch as one that cannot hold an object.
        monkeypatch.setattr(schema_module, "_never_object",
                            lambda node: isinstance(node, dict) and "$ref" not in node
                            and "oneOf" not in node and "anyOf" not in node)
    else:
        # A failed wrapper left open is one error where the closed one gave two, which
        # changes which branch of an enclosing anyOf/oneOf explains its failure.
        monkeypatch.setattr(validation_module, "_weight",
                            lambda contract, root, branch: len(branch))
    _, _, differences = compare(tmp_path, range(60), 25)
    assert differences


WRAPPERS = """
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /r0:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  plain: {oneOf: [{$ref: "#/components/schemas/Plain"}, {type: "null"}]}
                  pattern: {oneOf: [{$ref: "#/components/schemas/Pattern"}, {type: "null"}]}
                  two: {anyOf: [{$ref: "#/components/schemas/Plain"}, {type: object}]}
components:
  schemas:
    Plain: {type: object, properties: {a: {type: string}}}
    Pattern: {type: object, properties: {a: {type: string}}, patternProperties: {"^x_": {}}}
"""


def test_only_a_wrapper_around_one_self_closing_branch_is_left_open(tmp_path: Path) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_text(WRAPPERS, encoding="utf-8")
    contract = load_contract(path, platform="t", version="1")
    media = contract.match("GET", "/r0").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    props = contract.schema(media.schema)["properties"]
    plain = props["plain"]
    assert plain[SOLE_MARK] is True
    assert "unevaluatedProperties" not in plain
    assert plain["oneOf"][0]["$ref"].endswith("#/components/schemas/Plain")  # the closed copy
    for name in ("pattern", "two"):  # not closed by itself / two branches take objects
        assert props[name]["unevaluatedProperties"] is False
        assert props[name][UNDECLARED_MARK] is True
        assert "/x-seamguard-open/" in props[name][next(iter(props[name]))][0]["$ref"]
    found = violations(contract, media.schema, {"plain": {"a": "s", "b": 1},
                                                 "pattern": {"x_1": 1, "b": 1}, "two": {"b": 1}})
    assert [(v.code, v.pointer) for v in found] == [
        ("field.undeclared", "/pattern/b"), ("field.undeclared", "/plain/b"),
        ("field.undeclared", "/two/b")]
