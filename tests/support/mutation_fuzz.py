"""Structure-aware mutation fuzzing of the bundled example project.

Every input file of the example (contracts, mappings, cassettes, suites, datasets in CSV,
JSON Lines and Parquet, the settings) is parsed, one node or the bytes are changed in a way a
person, an editor or a broken download would (a key deleted, duplicated or renamed, a value of
another type, a cut at a random byte, another encoding, YAML aliases and tags, ragged CSV rows…),
and the project is run through the commands that read that file. Each outcome is judged as the
hostile corpora judge theirs (tests/support/hostile_strategies.py ``classify``): an internal
error, a hang, a silent pass of a file that cannot be parsed, a message without a location.

``python -m tests.support.mutation_fuzz --seed 0 --count 200`` runs a campaign and prints one
line per failing case and a count per failure class; ``mutations(seed, count)`` gives the same
cases to a test module (a fixed seed keeps them the same on every run).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import random
import re
import shutil
import sys
import tempfile
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.support.hostile import Job, Outcome, count_failure, run_batch

# HELD: the servers of laid-out cases, closed after their batch (the hostile corpora's stack,
# which their ``outcomes`` fixture closes)
from tests.support.hostile_strategies import HELD, classify
from tests.support.projects import REPO, copy_example

ANY = frozenset({0, 1, 2})
FAILS = frozenset({1, 2})

# --- what reads each file --------------------------------------------------------------------

PLATFORM_OF = {"shopify": "shopify", "hubspot": "hubspot", "sfexpress": "sfexpress",
               "taobao": "taobao", "jd": "jd", "pinduoduo": "pinduoduo",
               "sf-fengqiao": "sf-fengqiao"}
SUITES = {"hubspot_contacts", "hubspot_deals", "sfexpress_shipments", "shopify_orders"}
DATASET_RECONCILE = {"shopify_orders": "orders-to-deals", "hubspot_deals": "orders-to-deals",
                     "shopify_customers": "customers-to-contacts",
                     "hubspot_contacts": "customers-to-contacts"}


def commands_for(relative: str) -> list[tuple[str, bool]]:
    """The commands that read ``relative``, each with whether it must read the whole file (so
    that an unparseable file may not pass)."""
    parts = Path(relative).parts
    if relative == "pyproject.toml":
        return [("map lint", True),
                ("quality --only suite=hubspot_contacts", True),
                ("reconcile --only reconcile=orders-to-deals", True),
                ("verify --only platform=taobao", True), ("contract lint", True),
                ("suites generate", True), ("privacy scan", True)]
    if parts[0] == "contracts" and parts[1] == "mappings":
        return [("map lint", True), ("map test", True)]
    if parts[0] == "contracts":
        platform = parts[1]
        out = [("contract lint", True)]
        if platform in PLATFORM_OF:
            out.append((f"verify --only platform={platform}", True))
        if platform == "shopify":
            out.append(("contract diff shopify@2024-04 shopify@2024-07", True))
            # the mappings read shopify@2024-07 (and the schemas it shares with 2024-04)
            out.append(("map lint", parts[2] != "2024-04"))
        if platform == "hubspot":
            out.append(("suites generate", True))
        return out
    if parts[0] == "fixtures" and parts[1] == "cassettes":
        return [(f"verify --only platform={parts[2]}", True), (f"privacy scan {relative}", False),
                ("drift observe", False)]
    if parts[0] == "suites":
        return [(f"quality --only suite={Path(relative).stem}", True)]
    if parts[0] == "fixtures" and parts[1] == "datasets":
        stem = Path(relative).stem
        out = [(f"quality --only dataset={stem}", True)]
        if stem in DATASET_RECONCILE:
            out.append((f"reconcile --only reconcile={DATASET_RECONCILE[stem]}", True))
        out.append((f"privacy scan {relative}", False))
        return out
    raise ValueError(relative)


def example_files() -> list[str]:
    files = ["pyproject.toml"]
    for folder in ("contracts", "fixtures/cassettes", "suites", "fixtures/datasets"):
        files += sorted(str(p.relative_to(REPO)) for p in (REPO / folder).rglob("*")
                        if p.is_file() and p.suffix in (".yaml", ".json", ".jsonl", ".csv",
                                                         ".parquet"))
    return [f for f in files if not f.startswith("contracts/shop-sync")]


# --- hostile values --------------------------------------------------------------------------

HOSTILE_VALUES: list[tuple[str, Any]] = [
    ("null", None), ("list", []), ("list-of-null", [None]), ("dict", {}),
    ("dict-odd", {"": {"x": [1]}}), ("huge-int", 10**40), ("negative", -1), ("zero", 0),
    ("float", 1.5), ("nan", float("nan")), ("inf", float("inf")), ("nan-string", "NaN"),
    ("inf-string", "-Infinity"), ("true", True), ("false", False), ("empty", ""),
    ("long", "x" * 200_000), ("rtl", "\u202eabc\u200f"), ("nul", "a\x00b"), ("bom", "\ufeffx"),
    ("zero-width", "\u200b"), ("tab-newline", "a\tb\r\nc"), ("chinese", "订单号"),
    ("emoji", "\U0001f4a9" * 3), ("dollar-ref", {"$ref": "#/"}), ("deep", None),
]


def _deep(depth: int = 300) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = {"a": value}
    return value


def hostile_value(rng: random.Random) -> tuple[str, Any]:
    label, value = rng.choice(HOSTILE_VALUES)
    if label == "deep":
        value = _deep(rng.choice([40, 130, 300]))
    return label, value


# --- walking parsed documents ----------------------------------------------------------------

Path_ = list[Any]


def nodes(document: Any, path: Path_ | None = None, limit: int = 4000) -> list[Path_]:
    """Paths to every node (mapping keys and list items), breadth-first, up to ``limit``."""
    out: list[Path_] = []
    queue: list[tuple[Path_, Any]] = [(path or [], document)]
    while queue and len(out) < limit:
        where, node = queue.pop(0)
        if isinstance(node, dict):
            for key, value in node.items():
                out.append([*where, key])
                queue.append(([*where, key], value))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                out.append([*where, index])
                queue.append(([*where, index], value))
    return out


def _parent(document: Any, path: Path_) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


def structural(document: Any, rng: random.Random) -> tuple[str, Any]:
    """One node of ``document`` changed: deleted, renamed, duplicated, retyped, wrapped."""
    paths = nodes(document)
    if not paths:
        return "whole-retyped", hostile_value(rng)[1]
    path = rng.choice(paths)
    parent = _parent(document, path)
    key = path[-1]
    op = rng.choice(["delete", "rename", "retype", "retype", "retype", "wrap-list",
                     "wrap-dict", "duplicate", "ref"])
    where = "/" + "/".join(str(p) for p in path)
    if op == "delete":
        del parent[key]
    elif op == "rename" and isinstance(parent, dict):
        new = rng.choice([str(key).upper(), str(key) + "x", str(key)[:-1] or "_", f" {key}",
                          f"{key}\u200b", "", "<<", "$ref", "~1", str(key).replace("_", "-")])
        items = [(new if k == key else k, v) for k, v in parent.items()]
        parent.clear()
        parent.update(items)
    elif op == "wrap-list":
        parent[key] = [parent[key]]
    elif op == "wrap-dict":
        parent[key] = {"value": parent[key]}
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(key, json.loads(json.dumps(parent[key], default=str)))
    elif op == "ref":
        parent[key] = {"$ref": rng.choice([
            "#/", "#", "#/nope", "https://example.com/x.yaml", "../../../etc/passwd",
            "contracts", "#/paths", "./", "other.yaml#/x", "#/components/schemas/~2",
            "%ZZ", "#/components/schemas/Order/properties/id/$ref"])}
    else:
        op = "retype"
        label, value = hostile_value(rng)
        parent[key] = value
        return f"{op}:{label}@{where}", document
    return f"{op}@{where}", document


# --- text-level mutations --------------------------------------------------------------------

def _cut(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    at = rng.randrange(0, max(len(data), 1))
    return f"cut-at-{at}", data[:at]


def _insert(data: bytes, rng: random.Random, what: bytes, label: str) -> tuple[str, bytes]:
    lines = data.split(b"\n")
    index = rng.randrange(len(lines))
    line = lines[index]
    column = rng.randrange(len(line) + 1)
    lines[index] = line[:column] + what + line[column:]
    return f"{label}-at-line-{index + 1}", b"\n".join(lines)


def _reencode(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    text = data.decode("utf-8", "replace")
    name = rng.choice(["utf-16", "utf-16-le", "utf-32", "gb18030", "latin-1", "shift_jis",
                       "cp1252", "big5"])
    return f"encoded-{name}", text.encode(name, "replace")


BYTE_INSERTS = [(b"\x00", "nul"), (b"\xef\xbb\xbf", "bom"), (b"\xed\xa0\x80", "lone-surrogate"),
                (b"\xe2\x80\xae", "rtl"), (b"\t", "tab"), (b"\r", "cr"), (b"\xff\xfe", "ff-fe"),
                (b"\x1b[31m", "escape"), (b"\xc3", "broken-utf8"), (b"\x85", "nel-latin1"),
                (b"\xe2\x80\xa8", "line-separator")]


def bytes_mutation(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    op = rng.choice(["cut", "cut", "insert", "insert", "reencode", "crlf", "empty", "dup-half"])
    if op == "cut":
        return _cut(data, rng)
    if op == "insert":
        what, label = rng.choice(BYTE_INSERTS)
        return _insert(data, rng, what, label)
    if op == "reencode":
        return _reencode(data, rng)
    if op == "crlf":
        return "crlf", data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if op == "empty":
        return "empty", rng.choice([b"", b"\n", b" ", b"\xef\xbb\xbf"])
    half = len(data) // 2
    return "dup-half", data + data[half:]


# --- YAML-only features ----------------------------------------------------------------------

YAML_BOMB = (b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
             b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c]\n"
             b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e]\n"
             b"g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n")


def yaml_feature(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    op = rng.choice(["bomb", "merge", "python-tag", "multi-doc", "dup-key", "alias-self",
                     "tag-binary", "tabs", "flow-garbage", "anchor-undefined", "set-tag",
                     "directive", "timestamp-key", "complex-key"])
    lines = data.split(b"\n")
    top = [i for i, line in enumerate(lines) if re.match(rb"^[A-Za-z_][\w-]*:", line)]
    nested = [i for i, line in enumerate(lines) if re.match(rb"^ +[A-Za-z_$][\w$-]*:", line)]
    if op == "bomb":
        return op, data + b"\n" + YAML_BOMB
    if op == "merge" and nested:
        i = rng.choice(nested)
        indent = len(lines[i]) - len(lines[i].lstrip())
        lines.insert(i, b" " * indent + rng.choice([b"<<: {x: 1}", b"<<: *nope", b"<<: [1, 2]",
                                                      b"<<: 5"]))
        return op, b"\n".join(lines)
    if op == "python-tag":
        i = rng.choice(nested or top or [0])
        lines[i] = re.sub(rb":\s*(.*)$", b": !!python/object/apply:os.system [\"true\"]",
                          lines[i], count=1)
        return op, b"\n".join(lines)
    if op == "multi-doc":
        return op, data + b"\n---\n" + data[: len(data) // 3] + b"\n"
    if op == "dup-key" and (nested or top):
        i = rng.choice(nested or top)
        lines.insert(i + 1, lines[i])
        return op, b"\n".join(lines)
    if op == "alias-self":
        return op, b"a: &a [*a]\n" + data
    if op == "tag-binary" and nested:
        i = rng.choice(nested)
        lines[i] = re.sub(rb":\s*(.*)$", b": !!binary AAAA", lines[i], count=1)
        return op, b"\n".join(lines)
    if op == "tabs":
        return op, re.sub(rb"(?m)^  ", b"\t", data)
    if op == "flow-garbage" and nested:
        i = rng.choice(nested)
        lines[i] = lines[i] + b" {[}"
        return op, b"\n".join(lines)
    if op == "anchor-undefined" and nested:
        i = rng.choice(nested)
        lines[i] = re.sub(rb":\s*(.*)$", b": *undefined", lines[i], count=1)
        return op, b"\n".join(lines)
    if op == "set-tag" and nested:
        i = rng.choice(nested)
        lines[i] = re.sub(rb":\s*(.*)$", b": !!set {a, b}", lines[i], count=1)
        return op, b"\n".join(lines)
    if op == "directive":
        return op, b"%YAML 1.1\n%TAG ! tag:evil.com,2000:\n---\n" + data
    if op == "timestamp-key" and nested:
        i = rng.choice(nested)
        indent = len(lines[i]) - len(lines[i].lstrip())
        lines.insert(i, b" " * indent + b"2024-07-01: 1")
        return op, b"\n".join(lines)
    if op == "complex-key" and nested:
        i = rng.choice(nested)
        indent = len(lines[i]) - len(lines[i].lstrip())
        lines.insert(i, b" " * indent + b"? [a, b]\n" + b" " * indent + b": 1")
        return op, b"\n".join(lines)
    return bytes_mutation(data, rng)


# --- JSON-only features ----------------------------------------------------------------------

def json_feature(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    op = rng.choice(["dup-key", "nan", "deep", "trailing-comma", "comment", "single-quote",
                     "top-list", "big-number", "lone-surrogate-escape"])
    text = data.decode("utf-8")
    if op == "dup-key":
        match = re.search(r'"(\w+)":', text[len(text) // 3:])
        if match:
            at = len(text) // 3 + match.start()
            return op, (text[:at] + f'"{match.group(1)}": null, ' + text[at:]).encode()
    if op == "nan":
        return op, re.sub(r":\s*(\d+|true|false)", ": NaN", text, count=1).encode()
    if op == "deep":
        return op, text.replace("{", "{" + '"d":' + "[" * 5000 + "]" * 5000 + ",", 1).encode()
    if op == "trailing-comma":
        return op, re.sub(r"(\S)\s*}", r"\1,}", text, count=1).encode()
    if op == "comment":
        return op, ("// comment\n" + text).encode()
    if op == "single-quote":
        return op, text.replace('"', "'", 4).encode()
    if op == "top-list":
        return op, ("[" + text + "]").encode()
    if op == "big-number":
        return op, re.sub(r":\s*(\d+)", ": 1" + "0" * 5000, text, count=1).encode()
    return "lone-surrogate-escape", text.replace('": "', '": "\\ud800', 1).encode()


# --- CSV, JSON Lines, Parquet ----------------------------------------------------------------

def csv_mutation(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    text = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    op = rng.choice(["ragged-short", "ragged-long", "semicolons", "quote-open", "bom", "nul",
                     "empty", "header-only", "header-dup", "header-empty", "tabs",
                     "blank-lines", "header-renamed", "no-header", "cell-huge"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if op == "ragged-short" and len(rows) > 2:
        rows[2] = rows[2][: len(rows[2]) // 2]
    elif op == "ragged-long" and len(rows) > 2:
        rows[2] = [*rows[2], "extra", "cells"]
    elif op == "semicolons":
        half = text.split("\n")
        cut = len(half) // 2
        return op, ("\n".join(half[:cut]) + "\n" + "\n".join(
            line.replace(",", ";") for line in half[cut:])).encode()
    elif op == "quote-open":
        lines = text.split("\n")
        lines[min(2, len(lines) - 1)] = '"' + lines[min(2, len(lines) - 1)]
        return op, "\n".join(lines).encode()
    elif op == "bom":
        return op, b"\xef\xbb\xbf" + data
    elif op == "nul":
        return _insert(data, rng, b"\x00", "nul")
    elif op == "empty":
        return op, b""
    elif op == "header-only":
        rows = rows[:1]
    elif op == "header-dup" and rows:
        rows[0][1] = rows[0][0]
    elif op == "header-empty" and rows:
        rows[0][0] = ""
    elif op == "tabs":
        return op, text.replace(",", "\t").encode()
    elif op == "blank-lines":
        return op, text.replace("\n", "\n\n").encode()
    elif op == "header-renamed" and rows:
        rows[0][0] = rows[0][0].upper()
    elif op == "no-header":
        rows = rows[1:]
    elif op == "cell-huge" and len(rows) > 1:
        rows[1][0] = "9" * 100_000
    writer.writerows(rows)
    return op, out.getvalue().encode()


def jsonl_mutation(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    lines = data.decode("utf-8").split("\n")
    op = rng.choice(["line-not-json", "line-a-list", "line-null", "line-structural",
                     "line-truncated", "blank-line", "line-number", "all-empty", "nan",
                     "dup-key", "type-shift"])
    index = rng.randrange(max(1, len([x for x in lines if x.strip()])))
    if op == "line-not-json":
        lines[index] = "not json"
    elif op == "line-a-list":
        lines[index] = "[1, 2]"
    elif op == "line-null":
        lines[index] = "null"
    elif op == "line-number":
        lines[index] = "42"
    elif op == "line-structural":
        record = json.loads(lines[index])
        label, record = structural(record, rng)
        lines[index] = json.dumps(record, default=str)
        op = f"line-{label}"
    elif op == "line-truncated":
        lines[index] = lines[index][: len(lines[index]) // 2]
    elif op == "blank-line":
        lines.insert(index, "   ")
    elif op == "all-empty":
        return op, b""
    elif op == "nan":
        lines[index] = re.sub(r":\s*(\d+(\.\d+)?)", ": NaN", lines[index], count=1)
    elif op == "dup-key":
        lines[index] = lines[index].replace("{", '{"id": null, ', 1)
    elif op == "type-shift":
        # every line's first value becomes an object: a column of another type
        lines = [re.sub(r'^\{"(\w+)":\s*("[^"]*"|[\d.]+)', r'{"\1": {"v": \2}', line)
                 for line in lines]
    return op, "\n".join(lines).encode()


def parquet_mutation(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    op = rng.choice(["cut", "flip", "magic-only", "footer-gone", "csv-instead"])
    if op == "cut":
        return _cut(data, rng)
    if op == "flip":
        at = rng.randrange(len(data))
        return f"flip-at-{at}", data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
    if op == "magic-only":
        return op, b"PAR1PAR1"
    if op == "footer-gone":
        return op, data[:-8]
    return op, b"a,b\n1,2\n"


# --- settings (TOML) -------------------------------------------------------------------------

def toml_mutation(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """A line of the example's settings changed in the text (so that other lines are kept): a
    key deleted, renamed or given a value of another type, a table header broken."""
    lines = data.decode("utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("[tool.seamguard"))
    keyed = [i for i, line in enumerate(lines) if i >= start and re.match(r'^"?[\w-]+"? = ', line)]
    headers = [i for i, line in enumerate(lines) if i >= start and line.startswith("[")]
    op = rng.choice(["delete", "retype", "retype", "retype", "rename", "header", "text"])
    if op == "text":
        return bytes_mutation(data, rng)
    if op == "header":
        i = rng.choice(headers)
        lines[i] = rng.choice([lines[i].replace("]", "", 1), lines[i].replace("[", "[[", 1)
                               .replace("]", "]]", 1), lines[i].rstrip("]") + ".x]",
                               lines[i].replace(".", "..", 1), lines[i] + "\n" + lines[i]])
        return f"header@{i + 1}", "\n".join(lines).encode()
    i = rng.choice(keyed)
    key, _, value = lines[i].partition(" = ")
    if op == "delete":
        del lines[i]
    elif op == "rename":
        bare = key.strip('"')
        lines[i] = rng.choice([bare.upper(), bare + "x", bare[:-1] or "_", bare.replace("_", "-"),
                               f'"{bare} "']) + " = " + value
    else:
        label, literal = rng.choice([
            ("empty", '""'), ("list", "[]"), ("table", "{ a = 1 }"), ("number", "7"),
            ("bool", "true"), ("huge", str(2**62)), ("negative", "-3"), ("nan", "nan"),
            ("inf", "inf"), ("nul", '"a\\u0000b"'), ("rtl", '"\u202ex"'),
            ("dotdot", '"../../etc"'), ("absolute", '"/etc/passwd"'),
            ("list-of-tables", "[{ a = 1 }]"), ("date", "2024-01-01"),
            ("long", '"' + "y" * 10000 + '"'),
            ("list-of-lists", "[[1], [2]]"), ("float", "0.5"), ("dup-line", None)])
        if literal is None:
            lines.insert(i, lines[i])
        else:
            lines[i] = f"{key} = {literal}"
        op = f"retype:{label}"
    return f"{op}@{key}:{i + 1}", "\n".join(lines).encode()


# --- one case ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mutation:
    """One mutated file of the example and a command that reads it."""

    id: str
    relative: str
    label: str
    command: str
    data: bytes
    must_fail: bool  # the file no longer parses, and the command reads it whole
    # drift run: what the platform's live API answers on 127.0.0.1 (status, headers, body)
    # and, at /spec, its published spec
    answer: tuple[int, tuple[tuple[str, str], ...], bytes] | None = None


def _parses(relative: str, data: bytes) -> bool:
    """Does a lenient reader still take the mutated file (then passing may be right)?"""
    suffix = Path(relative).suffix
    try:
        if suffix == ".toml":
            tomllib.loads(data.decode("utf-8"))
        elif suffix == ".json":
            return isinstance(json.loads(data.decode("utf-8-sig")), dict)
        elif suffix == ".yaml":
            # libyaml, as seamguard reads YAML (it takes tabs where pure-Python PyYAML does not)
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            documents = list(yaml.load_all(data.decode("utf-8-sig"), Loader=loader))
            return len(documents) == 1 and isinstance(documents[0], dict)
        elif suffix == ".jsonl":
            for line in data.decode("utf-8-sig").splitlines():
                if line.strip():
                    json.loads(line)
        else:
            return True
    except Exception:  # any failure of the lenient reader
        return False
    return True


def mutate(relative: str, data: bytes, rng: random.Random) -> tuple[str, bytes]:
    suffix = Path(relative).suffix
    roll = rng.random()
    if suffix == ".toml":
        return toml_mutation(data, rng)
    if suffix == ".csv":
        return csv_mutation(data, rng) if roll < 0.8 else bytes_mutation(data, rng)
    if suffix == ".jsonl":
        return jsonl_mutation(data, rng) if roll < 0.8 else bytes_mutation(data, rng)
    if suffix == ".parquet":
        return parquet_mutation(data, rng)
    if roll < 0.55:
        loaded = (json.loads(data) if suffix == ".json" else yaml.safe_load(data))
        label, document = structural(loaded, rng)
        if suffix == ".json":
            return label, json.dumps(document, indent=1, ensure_ascii=False,
                                     default=str).encode("utf-8", "surrogatepass")
        return label, yaml.safe_dump(document, allow_unicode=True, sort_keys=False,
                                     width=1000).encode("utf-8", "surrogatepass")
    if roll < 0.8:
        return json_feature(data, rng) if suffix == ".json" else yaml_feature(data, rng)
    return bytes_mutation(data, rng)


def mutations(seed: int, count: int, files: list[str] | None = None, depth: int = 1
              ) -> Iterator[Mutation]:
    """``count`` mutated files of the example, the same ones for the same seed; ``depth``
    mutations stacked on each file (a later one sees the earlier ones' result)."""
    rng = random.Random(seed)
    files = files or example_files()
    originals = {f: (REPO / f).read_bytes() for f in files}
    # a kind of file first (settings, contracts, mappings, cassettes, suites, datasets), then
    # one of its files: the forty cassettes do not crowd out the one settings file
    kinds: dict[str, list[str]] = {}
    for relative in files:
        kinds.setdefault(_kind_of(relative), []).append(relative)
    for number in range(count):
        relative = rng.choice(kinds[rng.choice(sorted(kinds))])
        labels, data = [], originals[relative]
        for _ in range(depth):
            try:
                label, data = mutate(relative, data, rng)
            except (ValueError, KeyError, IndexError, TypeError, UnicodeError, yaml.YAMLError,
                    RecursionError, StopIteration):
                break
            labels.append(label)
        if not labels:
            continue
        label = "+".join(labels)
        command, whole = rng.choice(commands_for(relative))
        must_fail = whole and not _parses(relative, data)
        yield Mutation(f"{seed}-{number}:{relative}:{label[:80]}:{command}", relative, label,
                       command, data, must_fail)


# --- drift run against a platform on 127.0.0.1 ---------------------------------------------

HUBSPOT_CONTRACT = "contracts/hubspot/v3/openapi.yaml"
HUBSPOT_CASSETTE = "fixtures/cassettes/hubspot/contacts.yaml"
DRIFT_ENV = {"HUBSPOT_ACCESS_TOKEN": "token"}


def drift_settings(text: str, origin: str) -> str:
    """The example's settings with HubSpot served from ``origin``: one live request and its
    published spec, short network bounds."""
    text = text.replace('base_url = "https://api.hubapi.com"', f'base_url = "{origin}"', 1)
    marker = "[tool.seamguard.platforms.hubspot]\n"
    assert marker in text
    extra = (f'published_spec = {{ url = "{origin}/spec.yaml", timeout = 2.0 }}\n'
             '[[tool.seamguard.platforms.hubspot.live]]\n'
             'path = "/crm/v3/objects/contacts"\nparams = { limit = "2" }\n')
    # the live table must follow the platform's own keys: put it before the next header
    start = text.index(marker) + len(marker)
    end = text.index("\n[", start) + 1
    return (text[:end] + extra + text[end:] +
            "\n[tool.seamguard.network]\ndeadline = 4.0\ntimeout = 2.0\n")


@contextlib.contextmanager
def serve(answer: tuple[int, tuple[tuple[str, str], ...], bytes], spec: bytes
          ) -> Iterator[str]:
    """A platform on a free loopback port: ``/spec.yaml`` is ``spec``, any other path gets
    ``answer``."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/spec.yaml"):
                status, headers, body = 200, (("Content-Type", "application/yaml"),), spec
            else:
                status, headers, body = answer
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            if not any(name.lower() == "content-length" for name, _ in headers):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def recorded_answer() -> tuple[int, tuple[tuple[str, str], ...], bytes]:
    recorded = yaml.safe_load((REPO / HUBSPOT_CASSETTE).read_text(encoding="utf-8"))
    response = recorded["interactions"][0]["response"]
    return (200, (("Content-Type", "application/json; charset=utf-8"),),
            response["body"]["string"].encode("utf-8"))


JSON_HEADERS = (("Content-Type", "application/json; charset=utf-8"),)
ODD_HEADERS: list[tuple[str, tuple[tuple[str, str], ...]]] = [
    ("html", (("Content-Type", "text/html"),)),
    ("no-content-type", ()),
    ("charset-gbk", (("Content-Type", "application/json; charset=gbk"),)),
    ("charset-unknown", (("Content-Type", "application/json; charset=klingon"),)),
    ("gzip-not-gzip", (*JSON_HEADERS, ("Content-Encoding", "gzip"))),
    ("encoding-unknown", (*JSON_HEADERS, ("Content-Encoding", "zstd2"))),
    ("length-too-short", (*JSON_HEADERS, ("Content-Length", "10"))),
    ("length-too-long", (*JSON_HEADERS, ("Content-Length", "99999"))),
    ("length-not-a-number", (*JSON_HEADERS, ("Content-Length", "ten"))),
    ("two-content-types", (*JSON_HEADERS, ("Content-Type", "text/plain"))),
    ("problem-json", (("Content-Type", "application/problem+json"),)),
]
ODD_STATUS: list[tuple[int, tuple[tuple[str, str], ...]]] = [
    (201, JSON_HEADERS), (204, JSON_HEADERS), (206, JSON_HEADERS), (404, JSON_HEADERS),
    (500, JSON_HEADERS), (503, (*JSON_HEADERS, ("Retry-After", "soon"))),
    (429, (*JSON_HEADERS, ("Retry-After", "-1"))),
    (429, (*JSON_HEADERS, ("Retry-After", "99999999999"))),
    (302, (*JSON_HEADERS, ("Location", "/crm/v3/objects/contacts?limit=2"))),
    (301, (*JSON_HEADERS, ("Location", "http://[::1"))), (299, JSON_HEADERS),
    (600, JSON_HEADERS),
]


def drift_mutations(seed: int, count: int) -> Iterator[Mutation]:
    """``drift run`` with HubSpot's live answer or its published spec mutated."""
    rng = random.Random(seed)
    status, headers, body = recorded_answer()
    spec = (REPO / HUBSPOT_CONTRACT).read_bytes()
    for number in range(count):
        answer, served, must_fail = (status, headers, body), spec, False
        part = rng.choice(["body", "body", "headers", "status", "spec", "spec"])
        try:
            if part == "body":
                label, mutated = mutate("answer.json", body, rng)
                answer = (status, headers, mutated)
                must_fail = not _parses("answer.json", mutated)
            elif part == "headers":
                label, odd = rng.choice(ODD_HEADERS)
                answer = (status, odd, body)
            elif part == "status":
                code, odd = rng.choice(ODD_STATUS)
                label = f"status-{code}"
                answer = (code, odd, body)
                must_fail = not 200 <= code < 300
            else:
                label, served = mutate(HUBSPOT_CONTRACT, spec, rng)
                must_fail = not _parses(HUBSPOT_CONTRACT, served)
        except (ValueError, KeyError, IndexError, TypeError, UnicodeError):
            continue
        yield Mutation(f"{seed}-{number}:drift-{part}:{label[:80]}:drift run", HUBSPOT_CONTRACT,
                       label, "drift run", served, must_fail, answer)


def _kind_of(relative: str) -> str:
    parts = Path(relative).parts
    if parts[0] == "contracts":
        return "mappings" if parts[1] == "mappings" else "contracts"
    return parts[1] if parts[0] == "fixtures" else parts[0]


def setup_for(mutation: Mutation, example: Path) -> Callable[[Path], list[str]]:
    """The case's project laid out under ``root`` (the example cloned, the file replaced)."""
    def setup(root: Path) -> list[str]:
        project = root / "p"
        shutil.copytree(example, project, symlinks=True)
        if mutation.answer is not None:
            origin = HELD.enter_context(serve(mutation.answer, mutation.data))
            settings = project / "pyproject.toml"
            settings.write_text(drift_settings(settings.read_text(encoding="utf-8"), origin),
                                encoding="utf-8")
            argv = mutation.command.split()
            return [*argv, "--project", str(project), "-f", "json"]
        (project / mutation.relative).write_bytes(mutation.data)
        argv = mutation.command.split()
        argv = [str(project / a) if a.startswith(("fixtures/", "contracts/")) else a
                for a in argv]
        form = [] if mutation.command.startswith("suites generate") else ["-f", "json"]
        return [*argv, "--project", str(project), *form]
    return setup


def judge(mutation: Mutation, outcome: Outcome) -> list[str]:
    """The failure classes of one outcome (empty when it ended as documented)."""
    exits = FAILS if mutation.must_fail else ANY
    wrong = classify(outcome, exits, ())
    if mutation.command.startswith("contract diff") and outcome.code == 1:
        # exit 1 is the diff's own verdict (2024-04 → 2024-07 has breaking changes); its
        # output is the change list, not findings with locations
        wrong = [w for w in wrong if w not in ("no-location", "no-hint")]
    return ["silent-pass" if w == "wrong-exit" and outcome.code == 0 else w for w in wrong]


def signature(outcome: Outcome) -> str:
    """A short name for an internal error (its exception line), to tell failures apart."""
    for line in outcome.raw.splitlines():
        if "internal error:" in line:
            return re.sub(r"\d+", "N", line.split("internal error:", 1)[1].strip())[:120]
    lines = [line for line in outcome.raw.splitlines() if line.strip()]
    return lines[-1][:120] if lines else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--only", default="", help="only files whose path contains this")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--show", type=int, default=3, help="lines of output per failure")
    parser.add_argument("--depth", type=int, default=1, help="mutations stacked per file")
    parser.add_argument("--drift", action="store_true",
                        help="drift run against a mutated live answer or published spec")
    args = parser.parse_args()
    files = [f for f in example_files() if args.only in f]
    cases = list(drift_mutations(args.seed, args.count) if args.drift
                 else mutations(args.seed, args.count, files, args.depth))
    with tempfile.TemporaryDirectory() as scratch:
        example = copy_example(Path(scratch) / "example")
        jobs = []
        for number, mutation in enumerate(cases):
            root = Path(scratch) / f"c{number}"
            root.mkdir()
            jobs.append(Job(mutation.id, setup_for(mutation, example)(root), cwd=str(root),
                            env=dict(DRIFT_ENV)))
        with HELD:
            outcomes = run_batch(jobs, timeout=args.timeout)
        failures: Counter[str] = Counter()
        for mutation in cases:
            outcome = outcomes[mutation.id]
            wrong = judge(mutation, outcome)
            count_failure(failures, wrong, outcome, mutation.id)
            if wrong:
                print("    " + signature(outcome))
                for line in outcome.text.strip().splitlines()[: args.show]:
                    print("    | " + line[:300])
            root_of = Path(scratch) / f"c{cases.index(mutation)}"
            shutil.rmtree(root_of, ignore_errors=True)
    print(f"cases {len(cases)}; failing {sum(1 for m in cases if judge(m, outcomes[m.id]))}; "
          f"by class {dict(failures)}")
    sys.exit(0)


if __name__ == "__main__":
    main()
