"""Generators of hostile cases by strategy, and the judge that classifies each outcome.

Strategies the hand-written corpora do not use: type confusion at every key of the settings
model (walked from the pydantic model itself, so a new setting is attacked the day it lands),
re-encodings, line-ending and truncation mutations of every file of a project, semantically
wrong mappings, suites and datasets, damaged drift history rows, and command lines with
conflicting or repeated options. ``classify`` names what went wrong with an outcome: an
internal error, a hang, a silent pass, a wrong exit code, or a message without a location or
hint.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import re
import types
import typing
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel

from tests.support.hostile import Job, Outcome, run_batch
from tests.support.hostile_cases import Case
from tests.support.projects import MINI_SETTINGS, good_order, interaction, mini_project

# --- projects and exits the families share ---------------------------------------------------

ANY = frozenset({0, 1, 2})
ONE = frozenset({1})
TWO = frozenset({2})
FAILS = frozenset({1, 2})
CONTRACT = "contracts/shop/v1/openapi.yaml"
CASSETTE = "fixtures/cassettes/orders.yaml"
HISTORY = "reports/drift-history.sqlite"


def mini(root: Path, settings: str = MINI_SETTINGS) -> Path:
    return mini_project(root / "p", settings=settings,
                        interactions=[order_interaction(1), order_interaction(2)])


def order_interaction(number: int) -> dict[str, Any]:
    return interaction({"order": good_order(id=number)},
                       uri=f"https://shop.example.com/api/v1/orders/{number}.json")


def json_args(command: str, project: Path) -> list[str]:
    return [*command.split(), "--project", str(project), "-f", "json"]


# --- judging ----------------------------------------------------------------------------------

# A location: ``file:line``, a JSON pointer ``(at /a/b)`` or a settings path.
_LOCATED = re.compile(r"[\w.-]+\.(?:toml|yaml|yml|json|jsonl|csv|parquet|sqlite):\d+"
                      r"|\(at [^)]+\)|tool\.seamguard\.\w"
                      # a whole file (a database, a missing file): its path leads the message
                      r"|^error: \S*[\w-]\.\w+: "
                      # a command-line option or argument
                      r"|^error: --[\w-]+|Invalid value for '--?[\w-]+'|No such option: --",
                      re.MULTILINE)


def classify(outcome: Outcome, exits: frozenset[int], names: tuple[str, ...]) -> list[str]:
    """What is wrong with ``outcome``: empty when the run ended as documented."""
    wrong = []
    if outcome.code == -1:
        return ["hang"]
    if outcome.code == 3 or "Traceback (most recent call last)" in outcome.raw \
            or "internal error" in outcome.raw:
        wrong.append("internal-error")
    elif outcome.code == 0 and 0 not in exits:
        wrong.append("silent-pass")
    elif outcome.code not in exits:
        wrong.append("wrong-exit")
    if outcome.code in (1, 2) and not wrong:
        text = outcome.text
        if not _LOCATED.search(text) and not any(_located(f) for f in outcome.findings):
            wrong.append("no-location")
        elif any(name not in text for name in names):
            wrong.append("location-not-named")
        if outcome.code == 2 and "hint:" not in text and "--help' for help" not in text:
            wrong.append("no-hint")
        if outcome.code == 1 and outcome.findings and all(
                not f.get("hint") for f in outcome.findings if f.get("severity") == "error"):
            wrong.append("no-hint")
    return wrong


def assert_handled(case: Case, outcome: Outcome) -> None:
    """Fails the test when ``case`` did not end as documented (a command-line problem is placed
    by its argument, so it needs no file location)."""
    wrong = classify(outcome, case.exits, case.expect)
    if case.id.startswith("cli:"):
        wrong = [w for w in wrong if w != "no-location"]
    assert not wrong, f"{wrong} exit {outcome.code}\n{outcome.text[-2500:]}"


def _located(finding: dict[str, Any]) -> bool:
    """A finding placed by file and line, a pointer, or a live operation of a platform."""
    where = finding.get("location") or {}
    return bool((where.get("file") and where.get("line")) or where.get("pointer")
                or (where.get("platform") and where.get("operation")))


def stable_pick(key: str, options: list[Any], count: int) -> list[Any]:
    """``count`` of ``options``, the same ones on every run for the same ``key``."""
    if len(options) <= count:
        return list(options)
    start = int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(options)
    return [options[(start + i) % len(options)] for i in range(count)]


# --- TOML --------------------------------------------------------------------------------------

class Raw(str):
    """A TOML value written as is (``nan``, ``inf``, a malformed literal)."""


def toml_value(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") \
            if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}"
                                for k, v in value.items()) + " }"
    raise TypeError(value)


def toml_tables(data: dict[str, Any], prefix: str = "tool.seamguard") -> str:
    """``data`` as ``[prefix]`` and its sub-tables, scalars and inline values first."""
    lines = [f"[{prefix}]"]
    tables = []
    for key, value in data.items():
        if isinstance(value, dict) and not isinstance(value, InlineTable):
            tables.append((key, value))
        else:
            lines.append(f"{json.dumps(key)} = {toml_value(value)}")
    text = "\n".join(lines) + "\n"
    for key, value in tables:
        text += "\n" + toml_tables(value, f"{prefix}.{json.dumps(key)}")
    return text


class InlineTable(dict[str, Any]):
    """A table written inline (``{ a = 1 }``) where a scalar is expected."""


# --- settings: the model walked, every key confused -------------------------------------------

Kind = Literal["table", "list", "bool", "number", "str", "choice"]


def _kind(annotation: Any) -> tuple[Kind, type[BaseModel] | None]:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        return _kind(args[0]) if len(args) == 1 else ("choice", None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "table", annotation
    if origin is dict:
        inner = args[1] if len(args) == 2 else None
        model = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
        return "table", model
    if origin in (list, tuple, set, frozenset):
        return "list", None
    if origin is Literal:
        return "choice", None
    if annotation is bool:
        return "bool", None
    if annotation in (int, float):
        return "number", None
    if annotation is str:
        return "str", None
    return "choice", None


def settings_fields(model: type[BaseModel], path: tuple[str, ...] = ()
                    ) -> Iterator[tuple[tuple[str, ...], Kind]]:
    """Every settings key as a path, and the kind of value it holds."""
    for name, info in model.model_fields.items():
        key = info.alias or name
        kind, inner = _kind(info.annotation)
        yield (*path, key), kind
        if inner is None or len(path) > 6:
            continue
        if typing.get_origin(_unoptional(info.annotation)) is dict:
            yield from settings_fields(inner, (*path, key, "shop" if key == "platforms" else "x"))
        else:
            yield from settings_fields(inner, (*path, key))


def _unoptional(annotation: Any) -> Any:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return args[0]
    return annotation


# Values that are wrong for a kind whatever the key: they must be refused (exit 2).
WRONG: dict[Kind, list[tuple[str, Any]]] = {
    "table": [("list", [1, 2]), ("string", "text"), ("number", 0)],
    "list": [("string", "v"), ("table", InlineTable(a=1)), ("number", 3)],
    "bool": [("number", 2), ("list", []), ("table", InlineTable(a=1))],
    "number": [("string", "ten"), ("nan", Raw("nan")), ("minus-inf", Raw("-inf")),
               ("list", [1]), ("table", InlineTable(a=1))],
    "str": [("number", 42), ("list", ["a"]), ("table", InlineTable(a=1)), ("bool", True)],
    "choice": [("table", InlineTable(a=1)), ("list", [[]])],
}
# Values that may be right for some keys: whatever happens, no crash, hang or silent nonsense.
ODD: dict[Kind, list[tuple[str, Any]]] = {
    "number": [("negative", -1), ("huge", 10**18), ("zero", 0)],
    "str": [("empty", ""), ("newline", "a\nb"), ("nul", "a\x00b")],
    "list": [("empty", [])],
    "bool": [("string", "yes")],
    "choice": [("empty", ""), ("near-miss", "Erro")],
}


def _set(tree: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        child = tree.setdefault(key, {})
        if not isinstance(child, dict):
            child = tree[key] = {}
        tree = child
    tree[path[-1]] = value


# Required keys of tables a confused key may create, so that the error is about that key.
REQUIRED = {
    ("sync", "targets", "x"): {"mappings": ["m"], "url": "http://127.0.0.1:9", "in_check": False},
    ("reconcile", "x"): {"target": "t"},
    ("platforms", "shop", "auth"): {"env": "SHOP_TOKEN"},
    ("platforms", "shop", "published_spec"): {"url": "http://127.0.0.1:9/spec.json"},
}


def _confused(base: dict[str, Any], path: tuple[str, ...], value: Any) -> str:
    tree = json.loads(json.dumps(base))
    for prefix, required in REQUIRED.items():
        if path[:len(prefix)] == prefix and len(path) > len(prefix):
            for key, default in required.items():
                _set(tree, (*prefix, key), default)
    _set(tree, path, value)
    return toml_tables(tree)


def settings_variants(model: type[BaseModel], base: dict[str, Any], *, per_key: int = 1
                      ) -> Iterator[tuple[str, str, str, bool]]:
    """``(id, pyproject text, where, strict)`` for each confused key; strict ones must exit 2
    with an error at ``where`` (the key, or for a nested one the table that holds it).

    Every key gets ``per_key`` wrong values; odd values and a misspelt name go to every other
    key (a stable choice), which keeps the family at a few hundred cases."""
    for number, (path, kind) in enumerate(settings_fields(model)):
        dotted = ".".join(path)
        where = ".".join(path[:-1]) or path[-1]
        for label, value in stable_pick(dotted, WRONG[kind], per_key):
            yield f"{dotted}={label}", _confused(base, path, value), where, True
        if number % 2 == 0:
            for label, value in stable_pick(dotted + "~", ODD.get(kind, []), 1):
                yield f"{dotted}={label}", _confused(base, path, value), where, False
        elif len(path[-1]) > 3:  # a near-miss name: one letter dropped
            near = path[-1][:-2] + path[-1][-1]
            value = InlineTable() if kind == "table" else {
                "list": [], "bool": True, "number": 1}.get(kind, "x")
            yield f"{dotted}=misspelt", _confused(base, (*path[:-1], near), value), near, True


# --- whole files: encodings, line endings, truncation -----------------------------------------

Mutation = Callable[[bytes], bytes]


def _bom_in_middle(data: bytes) -> bytes:
    lines = data.split(b"\n")
    middle = len(lines) // 2
    lines[middle] = b"\xef\xbb\xbf" + lines[middle]
    return b"\n".join(lines)


def _tabs(data: bytes) -> bytes:
    return re.sub(rb"(?m)^((?:  )+)", lambda m: b"\t" * (len(m.group(1)) // 2), data)


def _gbk(data: bytes) -> bytes:
    """The file in GBK with some Chinese in it: a comment, or for JSON a first key."""
    text = data.decode("utf-8")
    if text.lstrip().startswith(("{", "[")):
        text = text.replace("{", '{"说明": "订单", ', 1)
    else:
        text = "# 中文说明 订单\n" + text
    return text.encode("gbk")


ENCODINGS: dict[str, Mutation] = {
    "utf16-bom": lambda b: b.decode().encode("utf-16"),
    "utf16le-no-bom": lambda b: b.decode().encode("utf-16-le"),
    "utf32": lambda b: b.decode().encode("utf-32"),
    "gbk": _gbk,
    "cr-only": lambda b: b.replace(b"\r\n", b"\n").replace(b"\n", b"\r"),
    "bom-in-the-middle": _bom_in_middle,
    "tab-indented": _tabs,
    "latin1-e-acute": lambda b: b.replace(b"\n", " caf\xe9\n".encode("latin-1"), 1)
    if not b.lstrip().startswith(b"{") else b.replace(b"{", b'{"caf\xe9": 1,', 1),
}
# Changes a careful reader must take in its stride (the result equals the original run's).
BENIGN: dict[str, Mutation] = {
    "crlf": lambda b: b.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"),
    "utf8-bom-at-start": lambda b: b"\xef\xbb\xbf" + b,
}


def truncations(data: bytes) -> dict[str, Mutation]:
    """Cuts at a third, a half and just before the end, each in the middle of a line."""
    cuts = {}
    for share in (0.33, 0.5, 0.97):
        at = int(len(data) * share)
        while 0 < at < len(data) and data[at - 1:at] in (b"\n", b" "):
            at -= 1
        cuts[f"cut-at-{int(share * 100)}pct"] = (lambda b, at=at: b[:at])
    return cuts


# --- running: two workers side by side --------------------------------------------------------

# What a case's setup starts that must outlive it until its batch ran (servers on 127.0.0.1,
# a connection holding a database lock): closed after the module's batch.
HELD = contextlib.ExitStack()


@pytest.fixture(scope="module", name="outcomes")
def outcomes_in_two_workers(request: pytest.FixtureRequest,
                            tmp_path_factory: pytest.TempPathFactory
                            ) -> Iterator[dict[str, Outcome]]:
    """Every selected case of the requesting module laid out, then run in two worker processes
    side by side (the network cases mostly wait), each a batch of every other case."""
    jobs = []
    for item in request.session.items:
        case = getattr(item, "callspec", None) and item.callspec.params.get("case")
        if getattr(item, "module", None) is request.module and isinstance(case, Case):
            root = tmp_path_factory.mktemp(case.id[:40])
            jobs.append(Job(item.nodeid, case.setup(root), cwd=str(root), env=case.env))
    results: dict[str, Outcome] = {}
    try:
        with ThreadPoolExecutor(2) as pool:
            for done in pool.map(run_batch, [jobs[0::2], jobs[1::2]]):
                results.update(done)
        yield results
    finally:
        HELD.close()
