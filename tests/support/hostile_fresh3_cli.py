"""Command lines for ``hostile_fresh3``, walked from the CLI's own command tree so that a new
command or option is attacked the day it lands.

For every command, each option that takes a value is given:

* twice (``--x A --x A``) — the run must not crash (any documented exit);
* an empty string — refused (exit 2) where a number, a choice or a file to read is meant;
* for a number: ``-5`` (refused where the option has a lower bound), an integer of 40 digits
  (refused, or run within the time bound: an unbounded count is a hang), ``nan`` and ``inf``
  where a float is meant;
* for a file or folder to read: a path with a newline in it, ``-`` (there is no standard input
  to read: it must not wait for one), and a folder where a file is meant.

Each command's arguments get an empty string, ``-`` and a path with a newline too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_fresh2_names import _leaves
from tests.support.hostile_strategies import ANY, CASSETTE, FAILS, TWO, mini

# Arguments each command needs to reach its options (the mini project's names).
_ARGS: dict[str, list[str]] = {
    "contract diff": ["shop@v1", "shop@v1"],
    "contract history": ["shop", "{p}/contracts/shop/v1/openapi.yaml"],
    "init": ["{r}/fresh"],
    "map explain": ["m", "{}"],
    "privacy scrub": ["{p}/" + CASSETTE],
    "probe": ["shop", "--base-url", "http://127.0.0.1:9", "--max-time", "5"],
    "record": ["shop", "GET", "/orders/1.json", "--base-url", "http://127.0.0.1:9"],
    "baseline save": ["--reason", "accepted"],
}
# Options whose file or folder is written, not read.
_WRITTEN = {"--reports", "--output"}
# Options whose value is a name or free text: an empty one may be a value like any other.
FAILS_OR_USAGE = ANY


def _kind(param: Any) -> str:
    annotation = param.type_descriptor.annotation
    text = str(annotation)
    if "Path" in text:
        return "path"
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    if isinstance(annotation, type) and issubclass(annotation, __import__("enum").Enum):
        return "enum"
    return "text"


def _good_value(param: Any, kind: str) -> str:
    if kind == "enum":
        return str(next(iter(param.type_descriptor.annotation)).value)
    if kind == "int":
        return str(max(param.min or 1, 1))
    if kind == "float":
        return str(max(param.min or 1.0, 1.0))
    if kind == "path":
        return "{p}" if param.opts[0] == "--project" else "{r}/out"
    return "x"


def _variants(param: Any, kind: str) -> Iterator[tuple[str, str, frozenset[int]]]:
    """(label, value, exits) for one option."""
    option = param.opts[0]
    yield "empty", "", TWO if kind in ("int", "float", "enum") or (
        kind == "path" and option not in _WRITTEN) else FAILS_OR_USAGE
    if kind == "int":
        yield "negative", "-5", TWO if param.min is not None and param.min >= 0 else ANY
        yield "40-digits", "9" * 40, ANY
    if kind == "float":
        yield "nan", "nan", TWO
        yield "inf", "inf", ANY
    if kind == "path" and option not in _WRITTEN and option != "--project":
        yield "newline", "{r}/a\nb.yaml", FAILS
        yield "dash", "-", FAILS
        yield "folder", "{r}", FAILS


def _case(case_id: str, argv: list[str], exits: frozenset[int]) -> Case:
    def setup(root: Path) -> list[str]:
        project = mini(root)
        return [a.replace("{p}", str(project)).replace("{r}", str(root)) for a in argv]
    return Case(case_id, setup, exits)


def cli_cases() -> list[Case]:
    cases = []
    for path, command in _leaves():
        name = " ".join(path)
        takes_project = any("--project" in getattr(p, "opts", ()) for p in command.params)
        base = [*path, *_ARGS.get(name, [])]
        where = ["--project", "{p}"] if takes_project else []
        for param in command.params:
            if param.param_type_name == "argument":
                if name in _ARGS and param.name in ("platform", "mapping", "paths", "directory",
                                                     "base"):
                    for label, value in (("empty", ""), ("dash", "-"),
                                         ("newline", "{r}/a\nb")):
                        args = [value if a == _ARGS[name][0] else a
                                for a in _ARGS[name]][:len(_ARGS[name])]
                        exits = ANY if name == "init" else FAILS
                        cases.append(_case(f"argv3-argument:{name} {param.name}={label}",
                                           [*path, *args, *where], exits))
                continue
            if getattr(param, "is_flag", False) or "--help" in param.opts:
                continue
            option = param.opts[0]
            kind = _kind(param)
            good = _good_value(param, kind)
            rest = where if option != "--project" else []
            cases.append(_case(f"argv3-twice:{name} {option}",
                               [*base, option, good, option, good, *rest], ANY))
            for label, value, exits in _variants(param, kind):
                cases.append(_case(f"argv3-value:{name} {option}={label}",
                                   [*base, option, value, *rest], exits))
    return cases
