"""Names a careless user gets wrong, generated from what the product declares, for
``hostile_fresh2``.

* Settings (walked from the pydantic settings model, so a new setting is attacked the day it
  lands): every key in capitals (``BASE_URL``), with a capital first letter, in kebab case; every
  table written as an array of tables (``[[tool.seamguard.network]]``) and as an inline table a
  later header extends (invalid TOML).
* Mapping specs (walked from the mapping model): every key of the spec, of a field rule and of
  the source, in capitals or kebab case, in a copy of an example mapping.
* Command lines (walked from the CLI's own command tree): every option in capitals, with two
  letters swapped, with underscores; every command in capitals and with two letters swapped; a NUL
  byte or a megabyte in every option that takes a value.

A misspelt name must end with exit 2 and a "did you mean" naming the right one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import (
    FAILS,
    TWO,
    InlineTable,
    mini,
    settings_fields,
    stable_pick,
    toml_tables,
)

_BASE: dict[str, Any] = {"platforms": {"shop": {
    "versions": ["v1"], "base_url": "https://shop.example.com/api/{version}"}}}
# Tables a key under them needs before the key itself is judged.
_REQUIRED = {
    ("sync", "targets", "x"): {"mappings": ["m"], "url": "http://127.0.0.1:9", "in_check": False},
    ("reconcile", "x"): {"target": "t"},
    ("platforms", "shop", "auth"): {"env": "SHOP_TOKEN"},
    ("platforms", "shop", "published_spec"): {"url": "http://127.0.0.1:9/spec.json"},
}
_PLAIN = {"table": InlineTable(), "list": [], "bool": True, "number": 1}


def _tree(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    tree: dict[str, Any] = json.loads(json.dumps(_BASE))
    for prefix, required in _REQUIRED.items():
        if path[:len(prefix)] == prefix and len(path) > len(prefix):
            _put(tree, prefix, dict(required))
    _put(tree, path, value)
    return tree


def _put(tree: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        child = tree.setdefault(key, {})
        if not isinstance(child, dict):
            child = tree[key] = {}
        tree = child
    if isinstance(value, dict) and isinstance(tree.get(path[-1]), dict):
        tree[path[-1]].update(value)
    else:
        tree[path[-1]] = value


def _settings_case(case_id: str, text: str, expect: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root, text)
        return ["verify", "--project", str(project), "-f", "json"]
    return Case(case_id, setup, TWO, expect)


def _variants(key: str) -> Iterator[tuple[str, str]]:
    if key.upper() != key:
        yield "upper", key.upper()
    if len(key) > 3:
        yield "capital", key[0].upper() + key[1:]
    if "_" in key:
        yield "kebab", key.replace("_", "-")


def settings_name_cases() -> list[Case]:
    from seamguard.project_settings import Settings

    cases = []
    for path, kind in settings_fields(Settings):
        dotted = ".".join(path)
        value = _PLAIN.get(kind, "x")
        for label, wrong in stable_pick(dotted, list(_variants(path[-1])), 1):
            text = toml_tables(_tree((*path[:-1], wrong), value))
            cases.append(_settings_case(f"settings-name:{dotted}={label}", text,
                                        (f"did you mean '{path[-1]}'",)))
        if kind == "table":
            quoted = ".".join(json.dumps(p) for p in path)
            text = toml_tables(_tree(path[:-1], {}) if len(path) > 1 else _tree(path, {}))
            cases.append(_settings_case(f"toml-shape:{dotted}=array-of-tables",
                                        text + f"\n[[tool.seamguard.{quoted}]]\n", ()))
            inline = toml_tables(_tree(path, InlineTable()))
            cases.append(_settings_case(f"toml-shape:{dotted}=inline-extended",
                                        inline + f"\n[tool.seamguard.{quoted}.extra]\na = 1\n",
                                        ()))
    return cases


# --- mapping specs -----------------------------------------------------------------------------

_MAPPING = Path(__file__).resolve().parents[2] / \
    "contracts/mappings/shopify-order-to-hubspot-deal.yaml"


def _mapping_case(where: tuple[Any, ...], key: str, label: str, wrong: str) -> Case:
    def setup(root: Path) -> list[str]:
        import yaml

        project = mini(root)
        data = yaml.safe_load(_MAPPING.read_text(encoding="utf-8"))
        node = data
        for part in where:
            node = node[part]
        node[wrong] = node.pop(key, "x")
        folder = project / "contracts" / "mappings"
        folder.mkdir(parents=True)
        (folder / "shop-to-shop.yaml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                                  encoding="utf-8")
        return ["map", "lint", "--project", str(project), "-f", "json"]
    place = ".".join(str(p) for p in (*where, key))
    return Case(f"mapping-name:{place}={label}", setup, TWO, (f"did you mean '{key}'",))


def _keys_at(model: Any, where: tuple[Any, ...]) -> list[str]:
    """The keys of the table at ``where`` in a document of ``model`` (lists and optional
    tables followed to the model they hold)."""
    import typing

    from pydantic import BaseModel

    annotation = model
    for part in (*where, None):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        while not (isinstance(annotation, type) and issubclass(annotation, BaseModel)) and args:
            annotation = next((a for a in args if isinstance(a, type) and issubclass(
                a, BaseModel)), args[-1])
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if part is None:
            break
        if isinstance(part, str):
            fields = {f.alias or n: f for n, f in annotation.model_fields.items()}
            annotation = fields[part].annotation
    return sorted(f.alias or n for n, f in annotation.model_fields.items())


def mapping_name_cases() -> list[Case]:
    from seamguard.mapping.spec import MappingSpec

    cases = []
    for where in ((), ("fields", 0), ("source",), ("target",), ("identity",)):
        for key in _keys_at(MappingSpec, where):
            for label, wrong in stable_pick(f"m{where}{key}", [
                    (label, wrong) for label, wrong in _variants(key) if label != "capital"
                    or len(key) > 3], 1):
                cases.append(_mapping_case(where, key, label, wrong))
    return cases


# --- command lines ------------------------------------------------------------------------------

def _leaves() -> Iterator[tuple[list[str], Any]]:
    import typer.main

    from seamguard.cli import app

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        children = getattr(command, "commands", None)
        if children:
            for name, child in sorted(children.items()):
                yield from walk(child, [*path, name])
        else:
            yield path, command

    yield from walk(typer.main.get_command(app), [])


def _swap(word: str) -> str:
    middle = len(word) // 2
    return word[:middle - 1] + word[middle] + word[middle - 1] + word[middle + 1:]


def _cli_case(case_id: str, argv: list[str], exits: frozenset[int], expect: tuple[str, ...]
              ) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        return [a.replace("{p}", str(project)) for a in argv]
    return Case(case_id, setup, exits, expect)


def _option_variants(option: str) -> list[tuple[str, str]]:
    body = option[2:]
    found = [("upper", "--" + body.upper())]
    if len(body) > 4:
        found.append(("swapped", "--" + _swap(body)))
    if "-" in body:
        found.append(("underscore", "--" + body.replace("-", "_")))
    return found


def cli_name_cases() -> list[Case]:
    cases = []
    for path, command in _leaves():
        where = ["--project", "{p}"] if any(
            "--project" in getattr(p, "opts", ()) for p in command.params) else []
        for label, wrong in stable_pick(" ".join(path), [("upper", path[-1].upper()), (
                "swapped", _swap(path[-1]))] if len(path[-1]) > 3 else [
                ("upper", path[-1].upper())], 1):
            cases.append(_cli_case(f"argv-command:{' '.join(path)}={label}",
                                   [*path[:-1], wrong, *where], TWO,
                                   (f"did you mean '{path[-1]}'",)))
        for param in command.params:
            longs = [o for o in getattr(param, "opts", ()) if o.startswith("--")]
            if not longs or longs[0] in ("--help", "--project"):
                continue
            option = longs[0]
            for label, wrong in stable_pick(f"{path}{option}", _option_variants(option), 1):
                cases.append(_cli_case(
                    f"argv-option:{' '.join(path)} {option}={label}",
                    [*path, wrong, "1", *where], TWO, (f"did you mean {option}",)))
            if not getattr(param, "is_flag", False) and getattr(param, "nargs", 1) == 1:
                for label, value in stable_pick(f"{path}{option}=", [
                        ("nul", "a\x00b"), ("megabyte", "m" * 1_000_000)], 1):
                    cases.append(_cli_case(
                        f"argv-value:{' '.join(path)} {option}={label}",
                        [*path, option, value, *where], FAILS_OR_USAGE, ()))
    return cases


# A value that is no good for an option: refused (2), or judged as input (1); some options
# take any text (a run label), so a clean run is allowed where no file or name is meant.
FAILS_OR_USAGE = FAILS | {0}
