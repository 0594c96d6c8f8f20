"""How deep a document nests and how far its aliases expand, and the line where it goes too far."""

from __future__ import annotations

import re
from typing import Any

import yaml

from seamguard.document_yaml import _gc_paused, _Loader

# Real contracts, cassettes and payloads nest a few dozen levels; the parsers and every recursive
# walker in seamguard stay far from Python's recursion limit below this.
DEFAULT_MAX_DEPTH = 128



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
        # Deeper than the composer recurses: the indentation tells the depth as well.
        return _deep_indent_line(text, max_depth)
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


def _deep_indent_line(text: str, max_depth: int) -> int | None:
    """Line where block indentation first opens more than ``max_depth`` levels (each ``- ``
    of a sequence entry opens one more): the depth of block style read without a parser."""
    indents: list[int] = []
    for number, line in enumerate(text.splitlines(), start=1):
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        indent = len(line) - len(body)
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        while body.startswith("- ") or body == "-":  # `- - x`: a sequence in a sequence
            indent += 2
            body = body[2:].lstrip(" ")
            indents.append(indent)
        if len(indents) > max_depth:
            return number
    return None


_ALIAS = re.compile(r"(?:^|[\s\[{,:])\*([^\s,\[\]{}]+)", re.MULTILINE)


def _alias_line(text: str) -> int | None:
    """Line of the first alias (``*name``) that names an anchor of the text."""
    anchors = set(re.findall(r"&([^\s,\[\]{}]+)", text))
    for match in _ALIAS.finditer(text):
        if match.group(1) in anchors:
            return text.count("\n", 0, match.start(1)) + 1
    return None
