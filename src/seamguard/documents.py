"""Read YAML and JSON documents the way their authors meant them, and find lines for pointers.

PyYAML implements YAML 1.1, whose implicit typing turns ``2024-07-01`` into a date, ``NO`` (Norway)
and ``on`` into booleans and ``010`` into 8. API specs and cassettes are written with YAML 1.2 /
JSON in mind, so the loader here resolves only the YAML 1.2 core schema: null, true/false, decimal
/ hex / octal integers and floats. Mapping keys are always strings (``200:`` is the status "200").

Line numbers are not tracked while loading (that would slow down multi-megabyte specs); a
``LineLocator`` composes the node tree lazily, the first time a finding asks for a line.
"""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from seamguard.errors import DocumentError

__all__ = ["DEFAULT_MAX_BYTES", "LineLocator", "escape_pointer", "load_document", "parse_text",
           "pointer_to_path"]

DEFAULT_MAX_BYTES = 64 * 1024 * 1024

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
    loader.flatten_mapping(node)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        result[key if isinstance(key, str) else _key_text(key)] = loader.construct_object(
            value_node, deep=True
        )
    return result


def _key_text(key: object) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
# A tagged timestamp (explicit !!timestamp) still means what it says; keep it a string anyway.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


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


def parse_text(text: str, *, file: str, json_only: bool = False) -> Any:
    """Parse YAML (a superset of JSON) or JSON text; raise DocumentError with the line."""
    stripped = text.lstrip()
    if json_only or stripped.startswith(("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            if json_only:
                raise DocumentError(
                    f"invalid JSON: {exc.msg}", file=file, line=exc.lineno,
                    hint="check for a trailing comma or an unquoted key near that line",
                ) from None
            # Not JSON after all: YAML flow style can start with "{" too.
    try:
        with _gc_paused():
            return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "cannot parse"
        raise DocumentError(
            f"invalid YAML: {problem}",
            file=file,
            line=mark.line + 1 if mark else None,
            hint="check the indentation and quoting near that line",
        ) from None
    except yaml.YAMLError as exc:
        raise DocumentError(f"invalid YAML: {exc}", file=file) from None


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> str:
    """Read a UTF-8 file, refusing oversized or undecodable input with a precise error."""
    name = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"cannot read file: {exc.strerror}", file=name) from None
    if size > max_bytes:
        raise DocumentError(
            f"file is {size / 1_048_576:.1f} MB, over the {max_bytes / 1_048_576:.0f} MB limit",
            file=name,
            hint="raise the limit with max_document_mb in [tool.seamguard] if this is intended",
        )
    raw = path.read_bytes()
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
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None
) -> Any:
    """Read and parse one YAML or JSON file."""
    name = display or str(path)
    text = read_text(path, max_bytes=max_bytes, display=name)
    return parse_text(text, file=name, json_only=path.suffix.lower() == ".json")


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
    """Finds the 1-based line of a JSON pointer in a YAML/JSON file, composing nodes on demand."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def _root(self) -> yaml.Node | None:
        try:
            text = self.path.read_text(encoding="utf-8-sig")
            with _gc_paused():
                return yaml.compose(text, Loader=_Loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return None

    def line_of(self, pointer: str) -> int | None:
        """Line of the deepest existing node on ``pointer`` (a missing key gives its parent)."""
        node = self._root
        if node is None:
            return None
        line = node.start_mark.line + 1
        tokens = [_unescape(token) for token in pointer.split("/")[1:]] if pointer else []
        for token in tokens:
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and str(key_node.value) == token:
                        child = value_node
                        line = key_node.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and token.isdigit():
                index = int(token)
                if index < len(node.value):
                    child = node.value[index]
                    line = child.start_mark.line + 1
            if child is None:
                break
            node = child
        return line
