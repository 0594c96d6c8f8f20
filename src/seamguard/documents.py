"""Read YAML and JSON documents the way their authors meant them, and find lines for pointers.

PyYAML implements YAML 1.1, whose implicit typing turns ``2024-07-01`` into a date, ``NO`` (Norway)
and ``on`` into booleans and ``010`` into 8. API specs and cassettes are written with YAML 1.2 /
JSON in mind, so the loader here resolves only the YAML 1.2 core schema: null, true/false, decimal
/ hex / octal integers and floats. Mapping keys are always strings (``200:`` is the status "200").

Line numbers are not tracked while loading (that would slow down multi-megabyte specs); a
``LineLocator`` composes the node tree lazily, the first time a finding asks for a line.

Hostile input is refused with a ``DocumentError`` naming the file and line, never a crash or a
hang: reads stop after ``max_bytes + 1`` bytes whatever the file claims to be (``/dev/zero``),
only regular files are opened (not folders, devices or pipes), nesting deeper than
``max_depth`` is refused before any recursive code sees it, and a key written twice in one
mapping is an error naming both lines (YAML and JSON alike), since a parser would silently keep
only the last one.
"""

from __future__ import annotations

import errno
import gc
import json
import math
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import yaml

from seamguard.errors import DocumentError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "LineLocator",
    "TooDeepError",
    "depth_exceeds",
    "escape_pointer",
    "key_text",
    "load_document",
    "loads_embedded",
    "loads_json",
    "loads_json_screened",
    "open_regular",
    "parse_text",
    "plain_scalar",
    "pointer_to_path",
    "read_bytes",
    "read_text",
    "size_text",
]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
# Real contracts, cassettes and payloads nest a few dozen levels; the parsers and every recursive
# walker in seamguard stay far from Python's recursion limit below this.
DEFAULT_MAX_DEPTH = 128

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader with YAML 1.2 core-schema scalars and string keys."""


_Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    (
        "tag:yaml.org,2002:int",
        r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
        list("-+0123456789"),
    ),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", ["<"]),
]:
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith("0x") else int(text, 10)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[str, Any]:
    # Keys pulled in by a `<<` merge may be overridden by the mapping's own keys (that is what a
    # merge is for); only a key written twice by the author is an error.
    own = sum(1 for key_node, _ in node.value if key_node.tag != "tag:yaml.org,2002:merge")
    loader.flatten_mapping(node)
    merged = len(node.value) - own
    result: dict[str, Any] = {}
    for position, (key_node, value_node) in enumerate(node.value):
        if not isinstance(key_node, yaml.ScalarNode):
            raise _NotJsonError(
                "a key is a " + ("list" if isinstance(key_node, yaml.SequenceNode) else "mapping")
                + " (YAML's `? ` complex key), which JSON cannot hold",
                key_node.start_mark.line + 1, "write the key as plain text")
        key = loader.construct_object(key_node, deep=True)
        text = key if isinstance(key, str) else _key_text(key)
        if position >= merged and text in result:
            _duplicate(loader, node, merged, position, text)
        result[text] = loader.construct_object(value_node, deep=True)
    return result


def _duplicate(
    loader: yaml.SafeLoader, node: yaml.MappingNode, start: int, position: int, key: str
) -> None:
    for key_node, _ in node.value[start:position]:
        first = loader.construct_object(key_node, deep=True)
        if (first if isinstance(first, str) else _key_text(first)) == key:
            raise _DuplicateKeyError(key, key_node.start_mark.line + 1,
                                     node.value[position][0].start_mark.line + 1)


class _DuplicateKeyError(Exception):
    """A mapping names the same key twice (lines are 1-based; 0 when unknown)."""

    def __init__(self, key: str, first: int = 0, second: int = 0) -> None:
        super().__init__(key)
        self.key, self.first, self.second = key, first, second


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for json: a JSON object naming a key twice is refused too."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKeyError(key)
            seen.add(key)
    return result


def _key_text(key: object) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


class _NotJsonError(Exception):
    """A YAML node JSON cannot hold (a complex key, a binary or set value), with its line."""

    def __init__(self, problem: str, line: int, hint: str) -> None:
        super().__init__(problem)
        self.problem, self.line, self.hint = problem, line, hint


def _refuse_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """YAML 1.1 types outside the JSON data model (``!!binary``, ``!!set``, ``!!omap``,
    ``!!pairs``): refused where they stand rather than handed on as bytes, sets or tuples."""
    name = node.tag.rsplit(":", 1)[-1]
    raise _NotJsonError(f"the tag !!{name} makes a value JSON cannot hold",
                        node.start_mark.line + 1,
                        "remove the tag; write the value as text, a list or a mapping")


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
for _name in ("binary", "set", "omap", "pairs"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_name}", _refuse_tag)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    """An explicit ``!!timestamp`` is kept as its text, and must be one."""
    text = loader.construct_scalar(node)
    if not isinstance(text, str) or not yaml.SafeLoader.timestamp_regexp.match(text):
        raise _NotJsonError(f"the tag !!timestamp is on {text!r}, which is no timestamp",
                            node.start_mark.line + 1,
                            "write a date (2024-07-01) or date-time, or remove the tag")
    return text


# A tagged timestamp (explicit !!timestamp) still means what it says; keep it a string anyway.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _CassetteLoader(_Loader):
    """The loader for vcrpy cassettes, which store a body that is not text as ``!!binary``."""


_CassetteLoader.add_constructor("tag:yaml.org,2002:binary",
                                yaml.SafeLoader.construct_yaml_binary)


class _AnchorsRedefined(yaml.SafeLoader):
    """``_Loader`` for a document that defines one anchor twice, which YAML allows (an alias
    refers to the nearest anchor before it; published specs reuse example anchors) and libyaml
    refuses. Slower, so it reads only the documents that need it."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if not isinstance(event, yaml.AliasEvent) and getattr(event, "anchor", None) is not None:
            self.anchors.pop(event.anchor, None)  # this node is what the name means from here
        return super().compose_node(parent, index)


_AnchorsRedefined.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
_AnchorsRedefined.yaml_constructors = _Loader.yaml_constructors


class _CassetteAnchorsRedefined(_AnchorsRedefined):
    """``_CassetteLoader`` for a cassette that defines one anchor twice."""


_CassetteAnchorsRedefined.yaml_constructors = _CassetteLoader.yaml_constructors


def _yaml_load(text: str, loader: type[_Loader] = _Loader) -> Any:
    try:
        return yaml.load(text, Loader=loader)
    except yaml.composer.ComposerError as exc:
        if "duplicate anchor" not in str(exc.context):
            raise
        slow = (_CassetteAnchorsRedefined if issubclass(loader, _CassetteLoader)
                else _AnchorsRedefined)
        return yaml.load(text, Loader=slow)


_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float"))
_SCALARS = yaml.constructor.SafeConstructor()


def plain_scalar(text: str) -> Any:
    """The value this module's YAML reader gives ``text`` written as a plain (unquoted) scalar.

    Resolution and construction are the loader's own (YAML 1.2 core schema); ``text`` must be a
    valid plain scalar. Raises ValueError for the one plain form that is not a value: ``<<``.
    """
    for tag, regexp in _Loader.yaml_implicit_resolvers.get(text[0] if text else "", ()):
        if regexp.match(text):
            if tag not in _PLAIN_TAGS:
                raise ValueError(f"{text!r} is a merge key, not a value")
            return _Loader.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, text))
    return text


def key_text(key: object) -> str:
    """A mapping key as the loader keeps it: every key is a string (``200:`` is "200")."""
    return key if isinstance(key, str) else _key_text(key)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a parser builds a large tree.

    A parse allocates millions of containers, which triggers full collections again and again;
    parse trees hold no reference cycles, so those collections find nothing. Pausing them makes
    multi-megabyte specs and cassettes load several times faster.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
        raise DocumentError(
            f"invalid YAML: {problem}",
            file=file,
            line=mark.line + 1 if mark else None,
            hint="check the indentation and quoting near that line",
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


def depth_exceeds(value: Any, max_depth: int) -> bool:
    """Whether lists and mappings nest deeper than ``max_depth`` (iterative: any depth is safe).

    Level by level: the containers of one level are collected with one comprehension each,
    which costs about a third less than a stack of (node, depth) pairs on large payloads.
    """
    if not isinstance(value, dict | list):
        return False
    level: list[Any] = [value]
    depth = 1
    while level:
        if depth > max_depth:
            return True
        following: list[Any] = []
        for node in level:
            following += [child for child in (node.values() if isinstance(node, dict) else node)
                          if isinstance(child, dict | list)]
        level = following
        depth += 1
    return False


def _shape_problem(value: Any, max_depth: int, *, budget: int | None) -> str | None:
    if not isinstance(value, dict | list):
        return None
    stack: list[tuple[Any, int]] = [(value, 1)]
    visits = 0
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            return f"nested deeper than {max_depth} levels"
        visits += 1
        if budget is not None and visits > budget:
            return f"its aliases expand to more than {budget} lists and mappings"
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return None


def _deep_line(text: str, max_depth: int) -> int | None:
    """Line where bracket nesting first passes ``max_depth`` (flow style, where it happens)."""
    depth = 0
    quoted = escaped = False
    for offset, char in enumerate(text):
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return text.count("\n", 0, offset) + 1
        elif char in "]}":
            depth -= 1
    return _deep_block_line(text, max_depth)


def _deep_block_line(text: str, max_depth: int) -> int | None:
    """Line of the first node deeper than ``max_depth`` in block style (indentation), where
    no bracket marks the depth: the YAML node tree walked, with a bound on visits."""
    try:
        with _gc_paused():
            root = yaml.compose(text, Loader=_Loader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    stack: list[tuple[yaml.Node, int]] = [(root, 1)] if root is not None else []
    visits = 0
    while stack and visits < 10 * len(text) + 10_000:
        node, depth = stack.pop()
        visits += 1
        if isinstance(node, yaml.MappingNode):
            children = [value for _, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            continue
        if depth > max_depth:
            return int(node.start_mark.line) + 1
        stack.extend((child, depth + 1) for child in reversed(children))
    return None


_ALIAS = re.compile(r"(?:^|[\s\[{,:])\*([^\s,\[\]{}]+)", re.MULTILINE)


def _alias_line(text: str) -> int | None:
    """Line of the first alias (``*name``) that names an anchor of the text."""
    anchors = set(re.findall(r"&([^\s,\[\]{}]+)", text))
    for match in _ALIAS.finditer(text):
        if match.group(1) in anchors:
            return text.count("\n", 0, match.start(1)) + 1
    return None


class TooDeepError(ValueError):
    """A payload nests deeper than the limit."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


# One decoder for every payload: json.loads with any keyword builds a new decoder per call.
class _Infinite(ValueError):
    """A number too large for a double (json reads ``1e999`` as infinity)."""


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise _Infinite(text)
    return number


_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite)
# The same without the check, to find where an infinite number is once one was met.
_PLAIN_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def loads_json(text: str | bytes, *, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """``json.loads`` for payloads (bodies, records), refusing what would hurt later.

    Raises ``json.JSONDecodeError`` for syntax errors, ``TooDeepError`` when nested deeper than
    ``max_depth``, and ``ValueError`` for ``NaN``/``Infinity`` (not JSON) or integers too long
    for Python to convert. Payloads are parsed in bulk, so the depth walk only runs when the
    text holds enough brackets to nest that deep at all. orjson parses what it reads exactly as
    json does (see ``_FAST_MAX_DEPTH``); everything else, errors included, goes to json.
    """
    if isinstance(text, bytes):
        text = text.decode(json.detect_encoding(text), "surrogatepass")
    if max_depth <= _FAST_MAX_DEPTH:
        try:
            # A str, not its bytes: orjson then skips its UTF-8 check, and the str keeps the
            # UTF-8 it made, so the encode below is a copy.
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            pass  # the path below says what is wrong, in json's words
        else:
            classes = text.encode("utf-8").translate(_CLASSES)
            # orjson reads an integer beyond 64 bits as a float: such texts take the path below.
            if _LONG_DIGITS not in classes:
                if (len(classes) > max_depth and classes.count(b"[") > max_depth
                        and _classes_deeper(classes, max_depth)):
                    raise TooDeepError(f"nested deeper than {max_depth} levels")
                return value
    return _loads_json(text, max_depth)


def loads_json_screened(text: str | bytes, max_depth: int = DEFAULT_MAX_DEPTH,
                        ) -> tuple[Any, bool]:
    """``loads_json(text, max_depth=max_depth)``, and whether the JSON texts inside its strings
    may be read with :func:`loads_embedded` (for a depth limit of at least ``max_depth``).

    A document embedded in a string of this text is that string unescaped. When the text has
    no ``\\u`` escape, unescaping only turns ``\\"``, ``\\\\``, ``\\/`` and control escapes into
    single characters, none a digit or a bracket: every run of digits of the inner text is one
    of the outer text, and its brackets are some of the outer ones. So when the outer text has
    no run of 19 digits, and either too few bytes to nest deeper than ``max_depth`` (an opening
    and a closing bracket per level) or no more opening brackets than ``max_depth``, every
    string in it passes ``loads_json``'s screens too, and so do the strings inside those.
    """
    if isinstance(text, str) and max_depth <= _FAST_MAX_DEPTH:
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
        else:
            classes = text.encode("utf-8").translate(_CLASSES)
            if _LONG_DIGITS not in classes:
                if len(classes) <= 2 * max_depth + 1 or classes.count(b"[") <= max_depth:
                    return value, b"\\u" not in classes  # as "\\u" not in text, faster
                if _classes_deeper(classes, max_depth):
                    raise TooDeepError(f"nested deeper than {max_depth} levels")
                return value, False
    return loads_json(text, max_depth=max_depth), False


def loads_embedded(text: str, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """``loads_json(text, max_depth=max_depth)`` for a string of a document that
    :func:`loads_json_screened` found screened for ``max_depth`` or less (or of a document
    read by this function from one): orjson's answer needs no screen of its own."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return loads_json(text, max_depth=max_depth)


# What orjson's result may differ from json.loads' in, and how the fast path avoids it: orjson
# refuses NaN, Infinity, numbers too large for a double, lone surrogates (escaped or not), a
# BOM and nesting beyond 1,024 levels (all of which json.loads either refuses too or reads
# into something loads_json refuses), so a refused text is parsed again below, which says why
# in json's words. It reads integers beyond 64 bits as floats, so a text with a run of 19 or
# more digits (anywhere, strings included) is never given to it. Depth limits above 512 also
# take the path below, where json's own recursion limit answers as it always did.
_FAST_MAX_DEPTH = 512
# Each byte of a text's UTF-8 to its class: digits to 0, opening brackets to [, closing ones
# to ], quotes, backslashes and "u" (for \u escapes) to themselves, anything else to a space.
_CLASSES = bytes(
    ord("0") if 0x30 <= byte <= 0x39 else ord("[") if byte in b"[{" else ord("]")
    if byte in b"]}" else byte if byte in b'"\\u' else ord(" ") for byte in range(256))
_NOT_STRUCTURE = b" 0\\u"
_LONG_DIGITS = b"0" * 19


def _loads_json(text: str, max_depth: int) -> Any:
    """``loads_json`` with json's decoder (the reference; the fast path's fallback)."""
    try:
        if text.startswith("\ufeff"):  # as json.loads says it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        try:
            value = _DECODER.decode(text)
            infinite = False
        except _Infinite:  # said below with its pointer (after the depth, as before)
            value = _PLAIN_DECODER.decode(text)
            infinite = True
    except RecursionError:
        raise TooDeepError(f"nested deeper than {max_depth} levels") from None
    if text.count("{") + text.count("[") > max_depth and _text_deeper(text, max_depth):
        raise TooDeepError(f"nested deeper than {max_depth} levels")
    # A lone surrogate needs a \u escape: most payloads have none, and `in` is a C scan.
    if infinite or (("\\u" in text or "\\U" in text) and _SUSPECT.search(text) is not None):
        _refuse_unrepresentable(value, "")
    return value


def _text_deeper(text: str, max_depth: int) -> bool:
    """Whether valid JSON text nests lists and objects deeper than ``max_depth``."""
    return _classes_deeper(text.encode("utf-8", "surrogatepass").translate(_CLASSES), max_depth)


def _classes_deeper(classes: bytes, max_depth: int) -> bool:
    """``_text_deeper`` on the text's UTF-8 bytes mapped through ``_CLASSES``.

    The same answer as :func:`depth_exceeds` on the parsed value, at a fraction of its cost on
    large payloads: escaped backslashes and quotes are dropped, then every byte but quotes and
    brackets (UTF-8 never puts an ASCII byte inside a multi-byte character), then what lies
    inside strings; each pass then removes the innermost pairs (``[`` and ``{`` are one class,
    ``]`` and ``}`` another: in valid JSON the brackets outside strings nest properly anyway).
    """
    if b"\\" in classes:
        classes = classes.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Two quotes side by side open and close a string without brackets in it, or close one and
    # open the next (whose contents then stay between quotes): dropping them keeps what lies
    # outside strings. Most documents have no bracket inside a string: no quote is left.
    brackets = classes.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' in brackets:
        brackets = b"".join(brackets.split(b'"')[0::2])
    for _ in range(max_depth):
        if not brackets:
            return False
        brackets = brackets.replace(b"[]", b"")
    return bool(brackets)


# What JSON's grammar allows but no validator or report can carry: a lone UTF-16 surrogate
# (`"\ud800"`) and a number too large for a double (`1e999`, which Python reads as infinity).
# Only texts with such an escape, or in which the decoder met an infinite number, are walked
# (a regex over every payload for the exponent cost as much as parsing it).
_SUSPECT = re.compile(r"\\[uU][dD][89a-fA-F]")


def _refuse_unrepresentable(value: Any, pointer: str) -> None:
    stack = [(value, pointer)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(f"a string at {where or '/'} holds a lone UTF-16 surrogate "
                                 f"({item[exc.start]!r}), which is not a character") from None
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValueError(f"the number at {where or '/'} is too large for a double")
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, where))
                stack.append((child, f"{where}/{escape_pointer(str(key))}"))
        elif isinstance(item, list):
            stack.extend((child, f"{where}/{index}") for index, child in enumerate(item))


def read_bytes(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None
) -> bytes:
    """The bytes of a regular file, at most ``max_bytes``; DocumentError for anything else.

    The size a file reports is not trusted (devices and ``/proc`` files report 0 or lie), so the
    read itself stops after ``max_bytes + 1`` bytes. Folders, devices, pipes and sockets are
    refused before reading; a pipe is opened non-blocking so that opening it cannot hang.
    """
    name = display or str(path)
    with open_regular(path, max_bytes=max_bytes, display=name) as stream:
        try:
            raw = stream.read(max_bytes + 1)
        except OSError as exc:
            raise DocumentError(_os_problem(exc), file=name, hint=_os_hint(exc)) from None
    if len(raw) > max_bytes:
        raise DocumentError(f"file is over the {size_text(max_bytes)} limit",
                            file=name, hint=_SIZE_HINT)
    return raw


_SIZE_HINT = "raise the limit with max_document_mb in [tool.seamguard] if this is intended"


@contextmanager
def open_regular(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None
) -> Iterator[BinaryIO]:
    """A regular file opened for binary reading, after the checks ``read_bytes`` makes.

    Refuses (DocumentError) a file whose reported size is over ``max_bytes``, folders, devices,
    pipes and sockets; the caller still has to stop reading after ``max_bytes + 1`` bytes.
    """
    name = display or str(path)
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
            raise DocumentError(f"file is {size_text(info.st_size)}, over the "
                                f"{size_text(max_bytes)} limit", file=name, hint=_SIZE_HINT)
        _require_regular(info, name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DocumentError(_os_problem(exc), file=name, hint=_os_hint(exc)) from None
    try:
        try:
            _require_regular(os.fstat(fd), name)  # it may have been swapped since the stat
        except OSError as exc:
            raise DocumentError(_os_problem(exc), file=name, hint=_os_hint(exc)) from None
        with os.fdopen(fd, "rb", closefd=False) as stream:
            try:
                yield stream
            except OSError as exc:
                # A read that fails part way (an I/O error, a /proc file that refuses reads):
                # the file cannot be read, like one that cannot be opened.
                raise DocumentError(_os_problem(exc), file=name, hint=_os_hint(exc)) from None
    finally:
        os.close(fd)


def size_text(size: int) -> str:
    """A byte count for people: ``512 bytes``, ``1.5 KB``, ``64.0 MB``."""
    if size >= 1_048_576:
        return f"{size / 1_048_576:.1f} MB"
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} bytes"


def _require_regular(info: os.stat_result, name: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError("this is a folder, where a file was expected", file=name,
                            hint="name a file here, not a folder")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError("this is not a regular file (a device, pipe or socket)", file=name,
                            hint="seamguard reads plain files only; copy the content to a file")


def _os_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "cannot read file: a symbolic link loop (a link points back to itself)"
    if exc.errno == errno.ENOENT:
        return "file does not exist (or is a broken symbolic link)"
    return f"cannot read file: {exc.strerror or exc}"


def _os_hint(exc: OSError) -> str | None:
    if exc.errno in (errno.ELOOP, errno.ENOENT):
        return "check where the path (and any symbolic link on it) points"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "check the file's permissions"
    return "check that the path names a plain file that can be read (not a special file)"


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> str:
    """Read a UTF-8 file, refusing oversized, non-regular or undecodable input precisely."""
    name = display or str(path)
    raw = read_bytes(path, max_bytes=max_bytes, display=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise DocumentError(
            f"invalid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            file=name,
            line=line,
            hint="save the file as UTF-8",
        ) from None


def load_document(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH, binary: bool = False,
) -> Any:
    """Read and parse one YAML or JSON file (``binary``: see :func:`parse_text`)."""
    name = display or str(path)
    text = read_text(path, max_bytes=max_bytes, display=name)
    return parse_text(text, file=name, json_only=path.suffix.lower() == ".json",
                      max_depth=max_depth, binary=binary)


def escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def pointer_to_path(pointer: str) -> str:
    """``/order/line_items/*/sku`` -> ``order.line_items[].sku`` (the mapping path style)."""
    parts: list[str] = []
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if token == "*":
            if parts:
                parts[-1] += "[]"
            else:
                parts.append("[]")
        else:
            parts.append(token)
    return ".".join(parts)


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


class LineLocator:
    """Finds the 1-based line of a JSON pointer in a YAML/JSON file, composing nodes on demand.

    ``text`` (with ``first_line``, the file line it starts on) locates within a part of a file
    that parses on its own, such as one interaction of a cassette.
    """

    def __init__(self, path: Path, *, text: str | None = None, first_line: int = 1) -> None:
        self.path = path
        self._text = text
        self._offset = first_line - 1

    @cached_property
    def _root(self) -> yaml.Node | None:
        try:
            text = self._text if self._text is not None else read_text(self.path)
            with _gc_paused():
                try:
                    return yaml.compose(text, Loader=_Loader)
                except yaml.composer.ComposerError as exc:
                    if "duplicate anchor" not in str(exc.context):
                        raise
                    return yaml.compose(text, Loader=_AnchorsRedefined)
        except (DocumentError, yaml.YAMLError, RecursionError):
            return None

    def line_of(self, pointer: str) -> int | None:
        """Line of the deepest existing node on ``pointer`` (a missing key gives its parent)."""
        node = self._root
        if node is None:
            return None
        line = node.start_mark.line + 1 + self._offset
        tokens = [_unescape(token) for token in pointer.split("/")[1:]] if pointer else []
        for token in tokens:
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and str(key_node.value) == token:
                        child = value_node
                        line = key_node.start_mark.line + 1 + self._offset
                        break
            elif isinstance(node, yaml.SequenceNode) and token.isdigit():
                index = int(token)
                if index < len(node.value):
                    child = node.value[index]
                    line = child.start_mark.line + 1 + self._offset
            if child is None:
                break
            node = child
        return line
