"""Expectation suites derived from contract schemas that are odd, for ``hostile_fresh7``.

``gen7``: a dataset tied to the contract's ``Order`` schema (``contract = "shop@v1#/…"``) whose
property ``x7`` has an enum holding ``null``, numbers, booleans or objects, 5,000 values, a
pattern in ECMA syntax Python does not read (``\\p{L}``, ``[^]``, ``\\cA``), a pattern that
backtracks, an unknown format, bounds written as strings or past a float, a negative or huge
``maxLength``, a ``const``, a type list; a property name with a dot, a quote, a blank, SQL or
nothing at all; ``required`` naming an undeclared property. ``suites generate`` must write a
suite or refuse the schema at its pointer (never an internal error); ``gen7-run`` then runs
``quality`` on the generated suite over a row that breaks the keyword: a finding, never a
clean run over a rule generation dropped in silence (unless generation said it dropped it).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, json_args
from tests.support.projects import MINI_CONTRACT, mini_project

_HOOK = '        note: {type: [string, "null"]}\n'
_SETTINGS = """[tool.seamguard]

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{version}"

[tool.seamguard.datasets.orders]
path = "data/orders.jsonl"
contract = "shop@v1#/components/schemas/Order"
key = ["id"]
"""
_ROW = {"id": 1, "status": "paid", "total": "10.00", "created_at": "2024-07-01T10:00:00+08:00"}

# label -> (schema of x7 (YAML flow), a value in the data that breaks it, or ... for none)
SCHEMAS: dict[str, tuple[str, Any]] = {
    "enum-with-null": ("{enum: [a, b, null]}", "c"),
    "enum-numbers": ("{enum: [1, 2.5, 3]}", 4),
    "enum-booleans": ("{enum: [true]}", False),
    "enum-objects": ("{enum: [{a: 1}, [1, 2]]}", "x"),
    "enum-5000": ("{enum: [" + ", ".join(f"v{n}" for n in range(5000)) + "]}", "nope"),
    "pattern-ecma-property": (r"{type: string, pattern: '^\p{L}+$'}", "123"),
    "pattern-ecma-empty-class": ("{type: string, pattern: '^[^]$'}", "ab"),
    "pattern-ecma-control": (r"{type: string, pattern: '^\cA$'}", "x"),
    "pattern-backtracking": ("{type: string, pattern: '^(a+)+$'}", "a" * 40 + "!"),
    "format-unknown": ("{type: string, format: shoe-size}", "x"),
    "minimum-string": ("{type: number, minimum: '5'}", 1),
    "maximum-past-float": ("{type: number, maximum: 1e400}", 1),
    "max-length-negative": ("{type: string, maxLength: -1}", "abc"),
    "max-length-huge": ("{type: string, maxLength: 100000000000000000000}", "abc"),
    "const-object": ("{const: {a: 1}}", "x"),
    "type-list": ('{type: [integer, "null"], minimum: 3}', 1),
    "exclusive-bounds": ("{type: number, exclusiveMinimum: 1, exclusiveMaximum: 2}", 2),
    "all-of-bounds": ("{allOf: [{type: integer, minimum: 1}, {maximum: 3}]}", 9),
}

# label -> property name (of a plain integer property with minimum 1)
NAMES: dict[str, str] = {
    "name-dot": "a.b",
    "name-quote": 'say "hi"',
    "name-apostrophe": "o'clock",
    "name-blank": "two words",
    "name-sql": "x'); DROP TABLE t; --",
    "name-empty": "",
    "name-backtick": "a`b",
    "name-unicode": "数量",
    "name-newline": "a\nb",
}


def _contract(x7: str, name: str = "x7") -> str:
    key = json.dumps(name, ensure_ascii=False)
    return MINI_CONTRACT.replace(_HOOK, _HOOK + f"        {key}: {x7}\n")


def _project(root: Path, contract: str, row: dict[str, Any]) -> Path:
    project = mini_project(root / "p", contract=contract, settings=_SETTINGS)
    (project / "data").mkdir()
    (project / "suites").mkdir()
    (project / "data" / "orders.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
    return project


def _generated(project: Path) -> None:
    """``suites generate`` run ahead, as a user runs it before ``quality``."""
    subprocess.run([sys.executable, "-m", "seamguard", "suites", "generate", "--project",
                    str(project)], capture_output=True, check=False, timeout=120,
                   env={**os.environ, "COLUMNS": "200"})


def _generate_case(label: str, contract: str, row: dict[str, Any]) -> Case:
    def setup(root: Path) -> list[str]:
        return ["suites", "generate", "--project", str(_project(root, contract, row))]
    return Case(f"gen7:{label}", setup, ANY)


# bounds that are no numbers (an invalid contract `contract lint` names) or that the value
# keeps, and a format JSON Schema reads as an annotation: nothing in the row breaks them; and a
# required property the dataset lacks (a dataset tied to a schema may hold some of its columns,
# as the bundled Shopify orders export does)
_NOTHING_TO_BREAK = {"minimum-string", "maximum-past-float", "max-length-huge", "format-unknown",
                     "required-undeclared"}


def _run_case(label: str, contract: str, row: dict[str, Any]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _project(root, contract, row)
        _generated(project)
        if not (project / "suites" / "orders.json").is_file():
            # generation refused the schema: quality then says no suite, which the case takes
            return ["suites", "generate", "--project", str(project)]
        return json_args("quality", project)
    return Case(f"gen7-run:{label}", setup, ANY if label in _NOTHING_TO_BREAK else FAILS)


def generate_cases() -> list[Case]:
    cases = []
    for label, (schema, bad) in SCHEMAS.items():
        contract = _contract(schema)
        cases.append(_generate_case(label, contract, {**_ROW, "x7": bad}))
        cases.append(_run_case(label, contract, {**_ROW, "x7": bad}))
    for label, name in NAMES.items():
        contract = _contract("{type: integer, minimum: 1}", name)
        row = {**_ROW, name: 0}
        cases.append(_generate_case(label, contract, row))
        cases.append(_run_case(label, contract, row))
    contract = MINI_CONTRACT.replace("required: [id, status, total, created_at]",
                                     "required: [id, status, total, created_at, ghost]")
    cases.append(_generate_case("required-undeclared", contract, dict(_ROW)))
    cases.append(_run_case("required-undeclared", contract, dict(_ROW)))
    return cases

