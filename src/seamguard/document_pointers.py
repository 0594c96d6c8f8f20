"""JSON pointers: escaped, shown as mapping paths, and found at their line in a YAML or JSON
file."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import yaml

from seamguard.document_reading import read_text
from seamguard.document_yaml import _AnchorsRedefined, _gc_paused, _Loader
from seamguard.errors import DocumentError


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
