"""The YAML loader: YAML 1.2 core-schema scalars, string keys, duplicate keys and non-JSON tags
refused, anchors that are defined again; plain scalars and keys as it reads them."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader with YAML 1.2 core-schema scalars and string keys."""


_Loader.yaml_implicit_resolvers = {}
NULL_TAG = "tag:yaml.org,2002:null"
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
    if own != len(node.value):
        _refuse_self_merge(node)
    loader.flatten_mapping(node)
    merged = len(node.value) - own
    result: dict[str, Any] = {}
    for position, (key_node, value_node) in enumerate(node.value):
        if not isinstance(key_node, yaml.ScalarNode):
            raise _NotJsonError(
                "a key is a " + ("list" if isinstance(key_node, yaml.SequenceNode) else "mapping")
                + " (YAML's `? ` complex key), which JSON cannot hold",
                key_node.start_mark.line + 1, "write the key as plain text")
        text = _node_key(loader, key_node)
        if position >= merged and text in result:
            _duplicate(loader, node, merged, position, text)
        result[text] = loader.construct_object(value_node, deep=True)
    return result


def _refuse_self_merge(node: yaml.MappingNode) -> None:
    """A ``<<`` merge of the mapping it stands in (``a: &a {<<: *a}``): PyYAML drops the
    mapping's own keys and reads an empty one, silently."""
    for key_node, value_node in node.value:
        if key_node.tag != "tag:yaml.org,2002:merge":
            continue
        merged = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        if any(item is node for item in merged):
            raise _NotJsonError(
                "a `<<` merge key merges the very mapping it stands in (an alias of its own "
                "anchor), a recursive merge that reads as nothing", key_node.start_mark.line + 1,
                "merge another mapping's anchor, or drop the `<<` line")


def _duplicate(
    loader: yaml.SafeLoader, node: yaml.MappingNode, start: int, position: int, key: str
) -> None:
    for key_node, _ in node.value[start:position]:
        if _node_key(loader, key_node) == key:
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


_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})


def _node_key(loader: yaml.SafeLoader, key_node: yaml.ScalarNode) -> str:
    """The text of a mapping key: a number as written (``0x1F``, ``1.50`` and ``007`` name
    what the author typed, not 31, 1.5 and 7), null and a boolean in JSON's spelling."""
    if key_node.tag in _NUMBER_TAGS:
        return str(key_node.value)
    key = loader.construct_object(key_node, deep=True)
    return key if isinstance(key, str) else _key_text(key)


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


def _construct_cassette_mapping(loader: yaml.SafeLoader,
                                node: yaml.MappingNode) -> dict[str, Any]:
    """A cassette's mapping: vcrpy writes every key as text, so a null key (``~:``, ``null:``,
    nothing before the colon) is a hand edit that no reader of the cassette would look up."""
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag == NULL_TAG:
            raise _NotJsonError(
                f"a key is null ({key_node.value or 'nothing'!s} before the colon), which no "
                "part of a vcrpy cassette is read by", key_node.start_mark.line + 1,
                "quote the key if it is a name ('null': ...), or remove the line")
    return _construct_mapping(loader, node)


_CassetteLoader.add_constructor("tag:yaml.org,2002:map", _construct_cassette_mapping)


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


# The first characters of the plain scalars the resolvers may read as other than text.
RESOLVED_STARTS = "".join(sorted(key for key in _Loader.yaml_implicit_resolvers if key))


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
    """A mapping key's value as text: every key is a string (``true`` is "true")."""
    return key if isinstance(key, str) else _key_text(key)


def plain_key(text: str, value: Any) -> str:
    """The key the loader keeps for the plain scalar ``text`` it reads as ``value``: a number
    as written (``0x1F:`` is "0x1F"), null and a boolean in JSON's spelling."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text
    return key_text(value)


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
