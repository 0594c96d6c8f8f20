"""JSON and XML documents inside strings: where a schema declares them, and their validators.

A contract declares an embedded document with JSON Schema 2020-12's own keywords::

    msgData: {type: string, contentMediaType: application/json,
              contentSchema: {$ref: "#/components/schemas/CreateOrder"}}

jsonschema-rs treats ``contentSchema`` as an annotation, so seamguard applies it around the
compiled validators: once per payload schema it finds the *sites* — instance paths under which a
converted schema carries a content schema (through ``properties``, ``items``,
``additionalProperties``, ``$ref`` and composition branches) — and compiles each inner schema
once. Validation then only looks up those few paths in the instance; a schema without sites
costs one dictionary lookup.

``contentMediaType: application/xml`` (or ``text/xml``, ``+xml``) declares an XML document
instead: it is read by the rule XML bodies follow (``seamguard.xml_documents``) and typed by
its content schema (``contracts.xml_typed``) before the same validation.

Composition branches are followed optimistically: a site found in one ``anyOf`` branch applies
to any string at that path. Recursion through ``$ref`` stops at a schema already on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from seamguard.contracts.model import Contract, SchemaRef
from seamguard.contracts.refs import split_pointer
from seamguard.contracts.schema import CONTENT_KEY, CONTENT_XML_KEY
from seamguard.wire.pointers import escape

__all__ = ["ANY", "Inner", "Site", "inner", "pointer", "sites_of", "values_at", "walk_schema"]

_MAX_DEPTH = 32


class _Any:
    """Path token: every element of an array, or every value of an object but ``declared``."""

    __slots__ = ("declared",)

    def __init__(self, declared: frozenset[str] = frozenset()) -> None:
        self.declared = declared

    def __repr__(self) -> str:
        return "*"


ANY = _Any()
Token = str | int | _Any


@dataclass(frozen=True)
class Site:
    """An instance path whose string values hold documents described by ``schema``
    (XML ones when ``xml``, else JSON)."""

    path: tuple[Token, ...]
    schema: dict[str, Any]
    xml: bool = False

    def values(self, instance: Any) -> list[tuple[tuple[str | int, ...], Any]]:
        """(path, value) of every value at this site in ``instance``; see :func:`pointer`."""
        return values_at(self.path, instance)


def values_at(path: tuple[Token, ...], instance: Any) -> list[tuple[tuple[str | int, ...], Any]]:
    """(path, value) of every value at an instance path of names, indexes and :data:`ANY`."""
    if len(path) == 1 and isinstance(path[0], str):
        # The common case (a form field or property holding JSON): one lookup.
        key = path[0]
        if isinstance(instance, dict) and key in instance:
            return [((key,), instance[key])]
        return []
    nodes: list[tuple[tuple[str | int, ...], Any]] = [((), instance)]
    for token in path:
        following: list[tuple[tuple[str | int, ...], Any]] = []
        for at, node in nodes:
            if isinstance(token, str):
                if isinstance(node, dict) and token in node:
                    following.append(((*at, token), node[token]))
            elif isinstance(token, int):
                if isinstance(node, list) and token < len(node):
                    following.append(((*at, token), node[token]))
            elif isinstance(node, list):
                following.extend(((*at, i), item) for i, item in enumerate(node))
            elif isinstance(node, dict):
                following.extend(((*at, k), v) for k, v in node.items()
                                 if k not in token.declared)
        nodes = following
        if not nodes:
            break
    return nodes


def pointer(path: tuple[str | int, ...]) -> str:
    """The JSON pointer of a path :meth:`Site.values` returned (built only when reported)."""
    return "".join(f"/{escape(t) if isinstance(t, str) else t}" for t in path)


@dataclass(frozen=True)
class Inner:
    """A content schema, compiled: its validator and its own sites (documents nest)."""

    schema: dict[str, Any]
    validator: Any
    sites: tuple[Site, ...]


def _cache(contract: Contract) -> dict[Any, Any]:
    return contract.derived.setdefault("embedded", {})  # type: ignore[no-any-return]


def sites_of(contract: Contract, ref: SchemaRef) -> tuple[Site, ...]:
    """The embedded-document sites of a payload schema (computed once per contract)."""
    try:
        return contract.derived["sites"][ref]  # type: ignore[no-any-return]
    except KeyError:
        # The walk follows every path through the schema graph: on a large spec whose
        # components all reach each other that is minutes, for nothing when no schema
        # declares a content schema at all (the usual case).
        found = _sites(contract, contract.schema(ref)) if contract.has_content_schemas else ()
        contract.derived.setdefault("sites", {})[ref] = found
        return found


def inner(contract: Contract, schema: dict[str, Any]) -> Inner:
    """The compiled form of one content schema (compiled once; keyed by the schema object)."""
    cache = _cache(contract)
    key = ("inner", id(schema))
    found = cache.get(key)
    if found is None:
        # The Inner keeps `schema` alive, so its id is not reused while cached.
        found = cache[key] = Inner(schema, contract.compile_schema(schema),
                                   _sites(contract, schema))
    return found


def _sites(contract: Contract, root: Any) -> tuple[Site, ...]:
    found: list[Site] = []

    def visit(node: dict[str, Any], path: tuple[Token, ...]) -> None:
        content = node.get(CONTENT_KEY)
        if isinstance(content, dict):
            found.append(Site(path, content, node.get(CONTENT_XML_KEY) is True))

    walk_schema(contract, root, visit)
    unique: dict[tuple[Any, ...], Site] = {}
    for site in found:
        unique.setdefault((tuple(map(repr, site.path)), id(site.schema), site.xml), site)
    return tuple(unique.values())


Visit = Callable[[dict[str, Any], tuple[Token, ...]], None]


def walk_schema(contract: Contract, root: Any, visit: Visit) -> None:
    """Call ``visit(schema, instance path)`` for every schema reachable from ``root`` through
    ``properties``, ``items``, ``additionalProperties``, ``$ref`` and composition branches."""
    _walk(contract, root, (), visit, on_the_way=(), depth=0)


def _walk(contract: Contract, node: Any, path: tuple[Token, ...], visit: Visit, *,
          on_the_way: tuple[str, ...], depth: int) -> None:
    if not isinstance(node, dict) or depth > _MAX_DEPTH:
        return
    visit(node, path)
    ref = node.get("$ref")
    if isinstance(ref, str) and ref not in on_the_way:
        target = _lookup(contract, ref)
        if target is not None:
            _walk(contract, target, path, visit, on_the_way=(*on_the_way, ref), depth=depth + 1)

    def into(sub: Any, token: Token | None) -> None:
        _walk(contract, sub, path if token is None else (*path, token), visit,
              on_the_way=on_the_way, depth=depth + 1)

    properties = node.get("properties")
    if isinstance(properties, dict):
        for name, sub in properties.items():
            into(sub, name)
    additional = node.get("additionalProperties")
    if isinstance(additional, dict):
        into(additional, _Any(frozenset(properties or ())))
    items = node.get("items")
    if isinstance(items, dict):
        into(items, ANY)
    for index, sub in enumerate(node.get("prefixItems") or []):
        into(sub, index)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in node.get(key) or []:
            into(sub, None)


def _lookup(contract: Contract, ref: str) -> Any:
    uri, _, fragment = ref.partition("#")
    try:
        node: Any = contract.skeleton(uri)
        for token in split_pointer(unquote(fragment)):
            node = node[int(token)] if isinstance(node, list) else node[token]
    except (KeyError, ValueError, IndexError, TypeError):
        return None
    return node
