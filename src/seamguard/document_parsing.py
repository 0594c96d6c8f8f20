"""YAML or JSON text parsed into values, every failure a ``DocumentError`` with its line and a
hint (syntax, a key written twice, a value that cannot be read, nesting, alias expansion)."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from seamguard.document_limits import DEFAULT_MAX_DEPTH, _alias_line, _deep_line, _shape_problem
from seamguard.document_yaml import (
    _CassetteLoader,
    _DuplicateKeyError,
    _gc_paused,
    _Loader,
    _NotJsonError,
    _unique_pairs,
    _yaml_load,
)
from seamguard.errors import DocumentError


def parse_text(
    text: str, *, file: str, json_only: bool = False, max_depth: int = DEFAULT_MAX_DEPTH,
    binary: bool = False,
) -> Any:
    """Parse YAML (a superset of JSON) or JSON text; raise DocumentError with the line.

    Refuses, with the line where known: syntax errors, a key written twice in one mapping,
    nesting deeper than ``max_depth``, and values JSON cannot hold (a list or mapping as a key,
    ``!!set``, ``!!omap``, ``!!pairs``, and ``!!binary`` unless ``binary`` — vcrpy cassettes
    store bodies so).
    """
    try:
        value = _parse(text, file, json_only, _CassetteLoader if binary else _Loader)
    except RecursionError:
        problem: str | None = f"nested deeper than {max_depth} levels"
    else:
        # YAML aliases share nodes: a few lines can stand for billions of them ("billion
        # laughs"), which every walker would then visit. Alias-free text holds fewer
        # containers than characters, so a budget well above that only stops explosions.
        problem = _shape_problem(value, max_depth, budget=10 * len(text) + 10_000)
    if problem:
        raise DocumentError(
            problem, file=file,
            line=_deep_line(text, max_depth) if "deeper" in problem else _alias_line(text),
            hint="no contract, mapping or cassette needs that; if this one does, raise "
                 "max_depth in [tool.seamguard]" if "deeper" in problem else
                 "expand fewer aliases (*name), or write the repeated parts out",
        )
    return value


class _ConstantError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _not_json_constant(name: str) -> Any:
    raise _ConstantError(name)


def _parse(text: str, file: str, json_only: bool, loader: type[_Loader] = _Loader) -> Any:
    stripped = text.lstrip()
    if json_only or stripped.startswith(("{", "[")):
        try:
            return json.loads(text, object_pairs_hook=_unique_pairs,
                              parse_constant=_not_json_constant)
        except _DuplicateKeyError as exc:
            _raise_duplicate(text, file, exc)
        except _ConstantError as exc:
            found = re.search(rf"(?<![\w\"]){re.escape(exc.name)}(?![\w\"])", text)
            raise DocumentError(
                f"invalid JSON: {exc.name} is not a JSON value", file=file,
                line=text.count("\n", 0, found.start()) + 1 if found else None,
                hint="write a number, null or a quoted string instead") from None
        except json.JSONDecodeError as exc:
            if json_only:
                raise DocumentError(
                    f"invalid JSON: {exc.msg}", file=file, line=exc.lineno,
                    hint="check for a trailing comma or an unquoted key near that line",
                ) from None
            # Not JSON after all: YAML flow style can start with "{" too.
        except ValueError as exc:  # an integer longer than Python converts (4,300 digits)
            raise _unconvertible(text, file, "JSON", exc) from None
    try:
        with _gc_paused():
            return _yaml_load(text, loader)
    except _DuplicateKeyError as exc:
        _raise_duplicate(text, file, exc)
    except _NotJsonError as exc:
        raise DocumentError(f"invalid YAML: {exc.problem}", file=file, line=exc.line,
                            hint=exc.hint) from None
    except (ValueError, KeyError, TypeError) as exc:
        # A scalar the constructor cannot convert: an explicit tag on the wrong text
        # (`!!int x`, `!!bool maybe`) or an integer of more than 4,300 digits.
        raise _unconvertible(text, file, "YAML", exc) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "cannot parse"
        if "nesting depth" in problem:  # libyaml's own limit: the same refusal as ours
            raise RecursionError(problem) from None
        recursive = "recursive node" in problem
        raise DocumentError(
            f"invalid YAML: {problem}" + (
                " (an alias used inside the node its anchor names: a loop, or a `<<` merge of "
                "a mapping that holds it)" if recursive else ""),
            file=file,
            line=mark.line + 1 if mark else None,
            hint="point the alias at a node defined outside this one" if recursive
            else "check the indentation and quoting near that line",
        ) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (a NUL, a control character, UTF-16 without its BOM):
        # the reader knows only the offset, which is as good as a line.
        code = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        raise DocumentError(
            f"invalid YAML: character U+{code:04X} is not allowed: control characters "
            "cannot appear in a YAML file",
            file=file, line=text.count("\n", 0, max(exc.position, 0)) + 1,
            hint="remove the control character, or save the file as UTF-8 text",
        ) from None
    except yaml.YAMLError as exc:
        raise DocumentError(f"invalid YAML: {exc}", file=file,
                            hint="check the file is a single, well-formed YAML document") from None


_UNCONVERTIBLE = re.compile(r"!!(?:int|float|bool|timestamp|binary)\b|\d{4300}")


def _unconvertible(text: str, file: str, kind: str, exc: Exception) -> DocumentError:
    """A value the parser read but cannot turn into a Python value, located by its spelling."""
    found = _UNCONVERTIBLE.search(text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    detail = (str(exc).split(";")[0] if isinstance(exc, ValueError)
              else f"{exc} is not true or false")
    return DocumentError(
        f"invalid {kind}: a value cannot be read ({detail})", file=file, line=line,
        hint="quote the value to keep it as text, or write a number, true/false or null")


def _raise_duplicate(text: str, file: str, exc: _DuplicateKeyError) -> Any:
    first, second = exc.first, exc.second
    if not second:
        # json keeps no positions: the YAML reader (JSON is YAML) finds both lines.
        try:
            with _gc_paused():
                _yaml_load(text)
        except _DuplicateKeyError as located:
            first, second = located.first, located.second
        except (yaml.YAMLError, RecursionError, _NotJsonError):
            pass
    where = ""
    if second:
        where = f" (lines {first} and {second})" if first != second else f" (line {first})"
    raise DocumentError(
        f"key {exc.key!r} appears twice in the same mapping{where}: a reader keeps only the "
        "last one, so the first would be silently dropped",
        file=file, line=second or None,
        hint="merge the two entries into one, or rename one of them",
    ) from None
