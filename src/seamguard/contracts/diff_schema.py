"""Schema-level changes: one raw OpenAPI schema against its next version.

The walk pairs the two schemas node by node — properties by name; ``items``,
``additionalProperties``, ``not``, ``if``/``then``/``else``, ``contains``, ``propertyNames``,
``unevaluated*`` and ``contentSchema`` (its pointers marked ``⟨json⟩``, or ``⟨xml⟩``) one to one;
``prefixItems`` by position; pattern properties and dependent schemas by key;
``anyOf``/``oneOf``/``allOf`` branches by structure (:mod:`seamguard.contracts.diff_branches`)
— and reports each node's own changes with the rule ids of
:mod:`seamguard.contracts.diff_catalog`.

Nullability has one meaning whatever its spelling: 3.0 ``nullable: true``, a 3.1 type array with
``"null"``, and ``oneOf``/``anyOf`` with a ``{type: "null"}`` branch (the 3.1 way to make a
``$ref`` nullable). A single-branch ``allOf`` around a ``$ref`` is the ``$ref``. So a migration
that keeps the meaning reports nothing.

Direction decides the level: narrowing what a request accepts breaks callers, widening what a
response may contain breaks readers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from seamguard.contracts.diff_catalog import rule
from seamguard.contracts.diff_flatten import (
    _all_of_kind,
    _cross_part,
    _parts_differ,
    _sole_part,
    flattened,
)
from seamguard.contracts.diff_lifecycle import LifecyclePolicy
from seamguard.contracts.diff_nodes import (
    _MAX_DEPTH,
    ANNOTATIONS,
    STRUCTURE,
    Rel,
    Side,
    View,
    _escape,
    canonical,
    implied_types,
    mapping_at,
    sequence_at,
    view,
)
from seamguard.wire.pointers import MARK, XML_MARK
from seamguard.xml_documents import is_xml_media

__all__ = ["ANNOTATIONS", "STRUCTURE", "Rel", "SchemaDiffer", "Side", "View", "canonical",
           "implied_types", "mapping_at", "sequence_at", "view"]

# A change in a shared schema is replayed under at most this many paths per operation (the
# shortest ones): every change is still reported, but a component used along thousands of
# paths does not turn one edit into thousands of entries.
PATHS_PER_CHANGE = 3


# -- the walk ----------------------------------------------------------------------------------

Pair = tuple[tuple[str, str], tuple[str, str]]


class SchemaDiffer:
    """Compares pairs of schemas of one direction and scope; results are memoised per pair.

    Args:
        direction: ``"request"`` (the client sends it) or ``"response"`` (the client reads it).
        scope: ``"body"``, ``"parameter"`` (query, path, cookie or header parameter) or
            ``"header"`` (a response header).
        strongly_typed: JSON media type: a number is not a string (oasdiff's loose rule for
            text bodies, where any value is also a string, applies otherwise).
        header_param: the schema is a request header parameter's.
    """

    def __init__(self, direction: str, scope: str, *, strongly_typed: bool = True,
                 header_param: bool = False,
                 lifecycle: tuple[LifecyclePolicy, int] | None = None) -> None:
        self.direction = direction
        # the lifecycle policy and the deprecation period of the operations this differ serves
        self.lifecycle = lifecycle or (LifecyclePolicy(), 0)
        self.scope = scope
        self.strongly_typed = strongly_typed
        self.header_param = header_param
        self.request = direction == "request"
        # Schemas are DAGs: one component is reached along many paths and by many operations.
        # What a pair reports is the same on every path but for the prefix, so it is computed
        # once per pair and replayed under each prefix.
        self._memo: dict[tuple[Pair, bool, bool, bool], list[Rel]] = {}
        self.fingerprints: dict[tuple[str, str], str] = {}  # see diff_branches.fingerprint
        self._stack: set[Pair] = set()
        self._embedded: SchemaDiffer | None = None
        self._embedded_text: SchemaDiffer | None = None

    def embedded(self) -> SchemaDiffer:
        """The differ for a ``contentSchema``: the string holds JSON, whose types are strict."""
        if self.strongly_typed:
            return self
        if self._embedded is None:
            self._embedded = SchemaDiffer(self.direction, self.scope,
                                          header_param=self.header_param,
                                          lifecycle=self.lifecycle)
        return self._embedded

    def embedded_text(self) -> SchemaDiffer:
        """The differ for an XML ``contentSchema``: the document is text, typed as forms are."""
        if not self.strongly_typed:
            return self
        if self._embedded_text is None:
            self._embedded_text = SchemaDiffer(self.direction, self.scope, strongly_typed=False,
                                               header_param=self.header_param,
                                               lifecycle=self.lifecycle)
        return self._embedded_text

    def diff(self, base: Side, revision: Side, *, root: bool = True) -> list[Rel]:
        """Every change from ``base`` to ``revision``, relative to them."""
        return self._pair(view(base), view(revision), root, 0)

    def _pair(self, old: View, new: View, root: bool, depth: int) -> list[Rel]:
        pair = (old.side.key, new.side.key)
        if pair in self._stack or depth > _MAX_DEPTH:
            return []  # recursive schema: this pair is being compared further up
        # A node standing in as a composition branch is compared without its nullability.
        key = (pair, root, old.nullable, new.nullable)
        cached = self._memo.get(key)
        if cached is not None:
            return cached
        if _all_of_kind(old) != _all_of_kind(new):
            # One side spells an object as an allOf of object parts (or `type: object` beside a
            # one-part allOf), the other as one object or otherwise: compare what the parts mean
            # together, as oasdiff's --flatten-allof does (the keys stay: same pair, same
            # result). Two allOf keep their branches paired, so an edit in a shared part is one
            # change of that part, not one more for each schema using it.
            old = flattened(old) or _sole_part(old) or old
            new = flattened(new) or _sole_part(new) or new
        elif _all_of_kind(old) and (
                (_all_of_kind(old) == 2 and _parts_differ(old, new))
                or _cross_part(old) or _cross_part(new)):
            # Both use allOf but parts were merged or split (a part's properties moved into
            # another), or a part refines or requires a property another declares: when both
            # flatten, what they mean together is compared.
            old_flat, new_flat = flattened(old), flattened(new)
            if old_flat is not None and new_flat is not None:
                old, new = old_flat, new_flat
        self._stack.add(pair)
        try:
            found = _fewest_paths(list(_NodeWalk(self, old, new, root, depth).run()))
        finally:
            self._stack.discard(pair)
        self._memo[key] = found
        return found

    def rule_id(self, stem: str, root: bool) -> str:
        """The catalogue id of a node-level change ``stem`` in this direction and scope."""
        if self.scope == "header":
            return f"response-header-{stem}" if root else ""
        if self.scope == "parameter":
            return f"request-parameter-{stem}" if root else f"request-parameter-property-{stem}"
        return f"{self.direction}-{'body' if root else 'property'}-{stem}"


def _fewest_paths(found: list[Rel]) -> list[Rel]:
    groups: dict[tuple[str, str, str], list[Rel]] = {}
    for rel in found:
        groups.setdefault((rel.rule, rel.message, rel.origin), []).append(rel)
    if all(len(group) <= PATHS_PER_CHANGE for group in groups.values()):
        return found
    kept: list[Rel] = []
    for group in groups.values():
        if len(group) > PATHS_PER_CHANGE:
            group = sorted(set(group), key=lambda r: (r.pointer.count("/"), r.pointer))
            group = group[:PATHS_PER_CHANGE]
        kept.extend(group)
    return kept


_BASE64_FORMATS = ("byte", "base64")


def _content_keywords(node: Any, other: Any) -> Any:
    """``node`` with its OpenAPI 3.0 content format in the 3.1 keyword ``other`` uses, so the
    documented migration (``format: byte`` → ``contentEncoding: base64``, ``format: base64url``
    → ``contentEncoding: base64url``, ``format: binary`` → ``contentMediaType:
    application/octet-stream``) is no change; otherwise ``node``."""
    if not isinstance(node, dict) or not isinstance(other, dict):
        return node
    kind = node.get("format")
    if kind in _BASE64_FORMATS and "contentEncoding" in other and "contentEncoding" not in node:
        keyword, value = "contentEncoding", "base64"
    elif kind == "base64url" and "contentEncoding" in other and "contentEncoding" not in node:
        # (the Format Registry's remark: in 3.1, ``contentEncoding: base64url`` instead)
        keyword, value = "contentEncoding", "base64url"
    elif kind == "binary" and "contentMediaType" in other and "contentMediaType" not in node:
        keyword, value = "contentMediaType", "application/octet-stream"
    else:
        return node
    rewritten = {key: item for key, item in node.items() if key != "format"}
    rewritten[keyword] = value
    return rewritten


def _const_as_enum(node: Any, other: Any) -> Any:
    """``node`` with its ``const`` written as the one-value ``enum`` it is, when ``other``
    lists an ``enum`` instead: ``enum: [sale]`` → ``const: sale`` is no change, and
    ``const: sale`` → ``enum: [sale, return]`` is one value added."""
    if (isinstance(node, dict) and isinstance(other, dict) and "const" in node
            and "enum" not in node and "const" not in other
            and isinstance(other.get("enum"), list)):
        rewritten = {key: item for key, item in node.items() if key != "const"}
        rewritten["enum"] = [node["const"]]
        return rewritten
    return node


class _NodeWalk:
    """The changes of one pair of schema nodes, and of the pairs below it."""

    def __init__(self, differ: SchemaDiffer, old: View, new: View, root: bool,
                 depth: int) -> None:
        self.d = differ
        self.old, self.new = old, new
        self.a = _const_as_enum(_content_keywords(old.node, new.node), new.node)
        self.b = _const_as_enum(_content_keywords(new.node, old.node), old.node)
        self.root = root
        self.depth = depth
        self.request = differ.request

    # -- emitting ------------------------------------------------------------------------------

    def emit(self, rule_id: str, message: str, *, widened: bool = False,
             pointer: str = "", origin: str | None = None, sense: str = "") -> Iterator[Rel]:
        if rule_id and rule(rule_id) is not None:
            yield Rel(rule_id, message, pointer, widened,
                      origin or (self.new.origin if self.b else self.old.origin), sense)

    def node_rule(self, stem: str, message: str, *, widened: bool = False,
                  sense: str = "", origin: str | None = None) -> Iterator[Rel]:
        yield from self.emit(self.d.rule_id(stem, self.root), message, widened=widened,
                             sense=sense, origin=origin)

    # -- the walk ------------------------------------------------------------------------------

    def run(self) -> Iterator[Rel]:
        from seamguard.contracts import diff_keywords as kw
        from seamguard.contracts.diff_free import free_form_branch, free_form_changes

        free = free_form_branch(self)
        if free is not None:
            yield from free_form_changes(self, *free)
            return
        implicit = kw.implicit_branch(self)
        if implicit is not None:
            yield from kw.implicit_branch_changes(self, *implicit)
            return
        yield from kw.node_changes(self)
        yield from self.children()

    def sub(self, a: Any, b: Any, a_key: str, b_key: str, segment: str) -> Iterator[Rel]:
        """Compare child schemas ``a`` and ``b`` (raw nodes under keys of the two sides)."""
        old = view(self.old.side.child(a_key, a), self.depth + 1)
        new = view(self.new.side.child(b_key, b), self.depth + 1)
        differ = (self.d.embedded() if segment == MARK
                  else self.d.embedded_text() if segment == XML_MARK else self.d)
        for rel in differ._pair(old, new, False, self.depth + 1):
            yield rel.under(segment) if segment else rel

    def children(self) -> Iterator[Rel]:
        from seamguard.contracts import diff_keywords as kw

        a, b = self.a, self.b
        yield from kw.property_changes(self)
        props_a, props_b = a.get("properties"), b.get("properties")
        if isinstance(props_a, dict) and isinstance(props_b, dict):
            for name in sorted(props_a.keys() & props_b.keys()):
                key = f"properties/{_escape(str(name))}"
                yield from self.sub(props_a[name], props_b[name], key, key, f"/{_escape(name)}")
        for keyword, segment in (("items", "/*"), ("additionalProperties", "/*"),
                                 ("unevaluatedProperties", "/*"), ("unevaluatedItems", "/*"),
                                 ("contains", "/*"), ("propertyNames", ""), ("not", ""),
                                 ("if", ""), ("then", ""), ("else", "")):
            if isinstance(a.get(keyword), dict) and isinstance(b.get(keyword), dict):
                yield from self.sub(a[keyword], b[keyword], keyword, keyword, segment)
        if isinstance(a.get("contentSchema"), dict) and isinstance(b.get("contentSchema"), dict):
            # XML text on both sides reads leniently; otherwise the document is JSON
            xml = is_xml_media(a.get("contentMediaType")) and is_xml_media(
                b.get("contentMediaType"))
            yield from self.sub(a["contentSchema"], b["contentSchema"], "contentSchema",
                                "contentSchema", XML_MARK if xml else MARK)
        prefix_a, prefix_b = a.get("prefixItems"), b.get("prefixItems")
        if isinstance(prefix_a, list) and isinstance(prefix_b, list):
            for index in range(min(len(prefix_a), len(prefix_b))):
                key = f"prefixItems/{index}"
                yield from self.sub(prefix_a[index], prefix_b[index], key, key, f"/{index}")
        for keyword in ("patternProperties", "dependentSchemas"):
            map_a, map_b = a.get(keyword), b.get(keyword)
            if isinstance(map_a, dict) and isinstance(map_b, dict):
                for name in sorted(map_a.keys() & map_b.keys()):
                    key = f"{keyword}/{_escape(str(name))}"
                    segment = "/*" if keyword == "patternProperties" else ""
                    yield from self.sub(map_a[name], map_b[name], key, key, segment)
        yield from kw.branch_changes(self)


Walk = _NodeWalk
Emit = Callable[..., Iterator[Rel]]
