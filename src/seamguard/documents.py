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

from pathlib import Path
from typing import Any

from seamguard.document_json import (
    DuplicateKeyError,
    TooDeepError,
    loads_embedded,
    loads_json,
    loads_json_screened,
    loads_json_screens,
)
from seamguard.document_json import _loads_json as _loads_json
from seamguard.document_json import _text_deeper as _text_deeper
from seamguard.document_limits import DEFAULT_MAX_DEPTH, depth_exceeds
from seamguard.document_parsing import parse_text
from seamguard.document_pointers import LineLocator, escape_pointer, pointer_to_path
from seamguard.document_reading import (
    DEFAULT_MAX_BYTES,
    open_regular,
    read_bytes,
    read_text,
    size_text,
)
from seamguard.document_yaml import key_text, plain_key, plain_scalar

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "DuplicateKeyError",
    "LineLocator",
    "TooDeepError",
    "depth_exceeds",
    "escape_pointer",
    "key_text",
    "load_document",
    "loads_embedded",
    "loads_json",
    "loads_json_screened",
    "loads_json_screens",
    "open_regular",
    "parse_text",
    "plain_key",
    "plain_scalar",
    "pointer_to_path",
    "read_bytes",
    "read_text",
    "size_text",
]


def load_document(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None,
    max_depth: int = DEFAULT_MAX_DEPTH, binary: bool = False,
) -> Any:
    """Read and parse one YAML or JSON file (``binary``: see :func:`parse_text`)."""
    name = display or str(path)
    text = read_text(path, max_bytes=max_bytes, display=name)
    return parse_text(text, file=name, json_only=path.suffix.lower() == ".json",
                      max_depth=max_depth, binary=binary)


