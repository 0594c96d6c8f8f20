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

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote

from seamguard.contracts.diff_catalog import rule
from seamguard.contracts.diff_lifecycle import LifecyclePolicy
from seamguard.contracts.refs import DocumentSet
from seamguard.wire.pointers import MARK, XML_MARK
from seamguard.xml_documents import is_xml_media

__all__ = ["STRUCTURE", "Rel", "SchemaDiffer", "Side", "View", "canonical", "implied_types",
           "mapping_at", "sequence_at", "view"]

_MAX_DEPTH = 40
_COMPOSITIONS = ("oneOf", "anyOf", "allOf")
# Keywords that carry no validation meaning: a branch made only of these is annotation-only.
ANNOTATIONS = frozenset({"title", "description", "example", "examples", "deprecated",
                         "readOnly", "writeOnly", "externalDocs", "xml", "$comment", "default"})
# A change in a shared schema is replayed under at most this many paths per operation (the
# shortest ones): every change is still reported, but a component used along thousands of
# paths does not turn one edit into thousands of entries.
PATHS_PER_CHANGE = 3


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a raw schema node and where it lives."""

    docs: DocumentSet
    uri: str
    pointer: str
    node: Any

    def resolve(self) -> Side:
        """Follow ``$ref`` to a node that is no reference; sibling keywords of a 3.1 ``$ref``
        are laid over its target, the outermost winning."""
        side, above = self, []
        seen: set[tuple[str, str]] = set()
        # A target may itself be a reference (an alias, or a merged allOf property pointing at
        # a ``{description, $ref}`` node): follow the chain, each link once.
        while (isinstance(side.node, dict) and isinstance(side.node.get("$ref"), str)
               and (side.uri, side.node["$ref"]) not in seen):
            node = side.node
            seen.add((side.uri, node["$ref"]))
            above.append({k: v for k, v in node.items() if k != "$ref"})
            # One schema is reached along many paths: resolve each reference once per document.
            cache: dict[tuple[str, str], Any] = vars(self.docs).setdefault("_diff_refs", {})
            key = (side.uri, node["$ref"])
            found = cache.get(key)
            if found is None:
                found = cache[key] = self.docs.resolve(side.uri, node["$ref"])
            (uri, fragment), target = found
            side = Side(self.docs, uri, unquote(fragment), target)
        if side is self:
            return self
        target = side.node
        if isinstance(target, dict) and any(above):
            for siblings in reversed(above):
                target = {**target, **siblings}
        return Side(self.docs, side.uri, side.pointer, target)

    def child(self, key: str, node: Any) -> Side:
        return Side(self.docs, self.uri, f"{self.pointer}/{key}", node)

    @property
    def key(self) -> tuple[str, str]:
        return (self.uri, self.pointer)

    @property
    def ref_name(self) -> str | None:
        node = self.node
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            return str(node["$ref"]).rsplit("/", 1)[-1]
        return None


@dataclass(frozen=True, slots=True)
class Rel:
    """A change found below a pair of schemas, relative to where the pair was reached.

    Attributes:
        rule: the rule id.
        message: what changed, from what to what.
        pointer: where in the payload, JSON Pointer form with ``*`` for array items and map
            values (``/order/line_items/*/sku``); ``""`` is the schema itself.
        widened: the change is one a reader of the field must now handle (a consumer of the
            field may raise it).
        origin: ``uri#pointer`` of the schema node the change is in (changes are grouped by it).
        sense: ``"narrows"``, ``"widens"`` or ``"same"`` when the change is graded by what it
            does to the valid values rather than by the rule's catalogue level (a free-form
            object that became alternatives: the ``*-one-of-added`` id, but nothing new for a
            reader; an enum value beside an alternative that takes any string: no value
            changes); ``""`` keeps the catalogue level.
    """

    rule: str
    message: str
    pointer: str
    widened: bool
    origin: str
    sense: str = ""

    def under(self, segment: str) -> Rel:
        return Rel(self.rule, self.message, segment + self.pointer, self.widened, self.origin,
                   self.sense)


@dataclass(frozen=True)
class View:
    """A resolved schema with nullability and wrappers normalised away."""

    side: Side
    node: dict[str, Any]
    types: tuple[str, ...]
    nullable: bool
    written: Side | None = None  # the node as written (its ``$ref`` unresolved)
    wrapper: str | None = None  # ``uri#pointer`` of a composition unwrapped to reach the node

    @property
    def origin(self) -> str:
        return f"{self.side.uri}#{self.side.pointer}"


def mapping_at(node: Any, key: str) -> dict[str, Any]:
    """``node[key]`` when it is a mapping, else an empty one."""
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, dict) else {}


def sequence_at(node: Any, key: str) -> list[Any]:
    """``node[key]`` when it is a list, else an empty one."""
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, list) else []


def canonical(value: Any) -> str:
    """A stable text for a JSON value (key order ignored)."""
    return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)


def _is_null(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    kind = node.get("type")
    if kind == "null" or kind == ["null"]:
        return not (set(node) - ANNOTATIONS - {"type"})
    return node.get("enum") == [None] and not (set(node) - ANNOTATIONS - {"enum"})


# Keywords that give a node a meaning of its own beside any composition.
STRUCTURE = frozenset({"type", "properties", "items", "enum", "const", "additionalProperties",
                       "oneOf", "anyOf", "allOf", "not", "prefixItems", "if", "then", "else",
                       "patternProperties", "required", "format", "pattern"})


def view(side: Side, depth: int = 0) -> View:
    """Resolve ``side`` and normalise nullability (see the module docstring)."""
    written = side
    side = side.resolve()
    node = side.node if isinstance(side.node, dict) else {}
    raw_type = node.get("type")
    types = [raw_type] if isinstance(raw_type, str) else [
        t for t in raw_type if isinstance(t, str)] if isinstance(raw_type, list) else []
    nullable = node.get("nullable") is True or "null" in types
    enum = node.get("enum")
    if isinstance(enum, list) and None in enum and nullable is False and not types:
        nullable = True
    for keyword in ("oneOf", "anyOf"):
        members = node.get(keyword)
        if not isinstance(members, list) or not any(_is_null(m) for m in members):
            continue
        rest = [m for m in members if not _is_null(m)]
        nullable = True
        others = set(node) & STRUCTURE - {keyword}
        if len(rest) == 1 and not others and depth < _MAX_DEPTH:
            # oneOf: [null, X] is X that may be null; outer annotations stay with it.
            inner = view(side.child(f"{keyword}/{members.index(rest[0])}", rest[0]), depth + 1)
            merged = {**inner.node, **{k: v for k, v in node.items() if k in ANNOTATIONS}}
            return View(inner.side, merged, inner.types, True, inner.written,
                        f"{side.uri}#{side.pointer}")
        node = {**node, keyword: rest}
    for keyword in _COMPOSITIONS:
        members = node.get(keyword)
        if (isinstance(members, list) and len(members) == 1 and depth < _MAX_DEPTH
                and not set(node) & STRUCTURE - {keyword}):
            # A single-branch composition (allOf: [$ref] beside nullable: true, anyOf: [$ref]
            # where 3.0 can put nothing beside a $ref) is its branch.
            inner = view(side.child(f"{keyword}/0", members[0]), depth + 1)
            merged = {**inner.node, **{k: v for k, v in node.items()
                                       if k in ANNOTATIONS or k == "nullable"}}
            return View(inner.side, merged, inner.types, inner.nullable or nullable,
                        inner.written, inner.wrapper or f"{side.uri}#{side.pointer}")
    if node is not side.node:
        side = Side(side.docs, side.uri, side.pointer, node)
    return View(side, node, tuple(sorted({t for t in types if t != "null"})), nullable, written)


def implied_types(v: View) -> tuple[str, ...]:
    """The types a ``oneOf``/``anyOf`` allows when it has no ``type`` of its own: every
    branch's, when every branch names them (``type: object`` added beside a oneOf of objects
    narrows nothing)."""
    if v.types:
        return tuple(v.types)
    found: set[str] = set()
    for keyword in ("oneOf", "anyOf"):
        members = v.node.get(keyword)
        if not isinstance(members, list) or not members:
            continue
        for index, member in enumerate(members):
            branch = view(v.side.child(f"{keyword}/{index}", member))
            if not branch.types:
                return ()
            found.update(branch.types)
        return tuple(sorted(found))
    return ()


# Keywords an allOf part may hold and still merge with its siblings into one object
# (``additionalProperties`` only when it allows any member, as it does unwritten).
_MERGEABLE = ANNOTATIONS | {"type", "properties", "required"}


def _open_members(node: dict[str, Any]) -> bool:
    return node.get("additionalProperties", True) in (True, {})


def _all_of_kind(v: View) -> int:
    """0: no ``allOf``; 1: one part (beside keywords of its own: ``view`` opens a bare one);
    2: more."""
    members = v.node.get("allOf")
    return min(len(members), 2) if isinstance(members, list) else 0


def _parts(v: View, above: frozenset[tuple[str, str]] = frozenset()) -> list[Side] | None:
    """The object parts an ``allOf`` is made of, nested ``allOf`` opened; None if one is not."""
    node = v.node
    depth = len(above)
    written = v.written.node if v.written is not None else None
    own = {key for key in node if not str(key).startswith("x-")}  # extensions carry no meaning
    if _open_members(node):
        own.discard("additionalProperties")
    if (depth > _MAX_DEPTH or v.side.key in above or own - _MERGEABLE - {"allOf", "nullable"}
            or node.get("type", "object") != "object"
            or (isinstance(written, dict) and "$ref" in written
                and {"properties", "allOf"} & set(written))):
        # (3.1 keywords beside a $ref are laid over its target: they have no pointer of their own)
        return None
    found = [v.side]
    for index, member in enumerate(sequence_at(node, "allOf")):
        part = view(v.side.child(f"allOf/{index}", member), depth + 1)
        inner = None if part.nullable else _parts(part, above | {v.side.key})
        if inner is None:
            return None
        found += inner
    return found


def _parts_differ(old: View, new: View) -> bool:
    """The two ``allOf`` lists have not the same number of parts or not the same ``$ref``s, or
    a property moved from one part to another (from a shared part into the inline one)."""
    a, b = sequence_at(old.node, "allOf"), sequence_at(new.node, "allOf")
    refs = [sorted(str(m.get("$ref")) for m in side if isinstance(m, dict) and "$ref" in m)
            for side in (a, b)]
    if len(a) != len(b) or refs[0] != refs[1]:
        return True
    homes = []
    for v in (old, new):
        home: dict[str, str] = {}
        for part in _parts(v) or []:
            for name in mapping_at(part.node, "properties"):
                home.setdefault(str(name), part.pointer)
        homes.append(home)
    return any(homes[1][name] != where for name, where in homes[0].items() if name in homes[1])


def _sole_part(v: View) -> View | None:
    """``allOf: [X, {description: …}]`` (3.0's way to describe a ``$ref``) as ``X``, when
    every other part and every keyword beside the ``allOf`` is an annotation (or
    ``nullable: true``: ``allOf: [X, {nullable: true}]`` is a nullable ``X``)."""
    members = sequence_at(v.node, "allOf")
    own = {key for key in v.node if not str(key).startswith("x-")}
    if own - ANNOTATIONS - {"allOf", "nullable"}:
        return None
    parts = [(index, view(v.side.child(f"allOf/{index}", member)))
             for index, member in enumerate(members)]
    real = [(index, part) for index, part in parts if set(part.node) - _NOTES]
    if len(real) > 1:
        # `allOf: [X, {type: string, description: …}]` with X a string: a part that only
        # restates another's type describes it, as a bare description would
        for index, part in real:
            if part.types and all(other is part or _restates(other, part)
                                  for _, other in real):
                real = [(index, part)]
                break
    if len(real) != 1:
        return None
    # A part that only says `nullable: true` is 3.0's way to make a $ref nullable, as the
    # keyword beside it would be.
    noted = any(part.node.get("nullable") is True for _, part in parts
                if part is not real[0][1] and not set(part.node) - _NOTES - {"type"})
    inner = real[0][1]
    return View(inner.side, inner.node, inner.types, inner.nullable or v.nullable or noted,
                inner.written, inner.wrapper or v.origin)


_NOTES = ANNOTATIONS | {"nullable"}


def _restates(part: View, other: View) -> bool:
    """``part`` says nothing but annotations and the type ``other`` already has."""
    return not set(part.node) - _NOTES - {"type"} and bool(part.types) and set(
        part.types) == set(other.types)


def _holders(parts: list[Side]) -> dict[str, list[Side]]:
    """Each property name: the places the parts declare it, in ``allOf`` order."""
    found: dict[str, list[Side]] = {}
    for part in parts:
        for name, schema in mapping_at(part.node, "properties").items():
            pointer = f"{part.pointer}/properties/{_escape(str(name))}"
            found.setdefault(str(name), []).append(
                Side(part.docs, part.uri, pointer, schema))
    return found


def _cross_part(v: View) -> bool:
    """Parts that speak of one another's properties: a property two parts declare (one
    refining the other, ``type`` in one and ``maxLength`` in another), or a part requiring a
    property another part declares. Those are read merged, whatever the other version does."""
    parts = _parts(v) if _all_of_kind(v) else None
    if parts is None:
        return False
    holders = _holders(parts)
    if any(len(places) > 1 for places in holders.values()):
        return True
    return any(name not in mapping_at(part.node, "properties") and name in holders
               for part in parts for name in sequence_at(part.node, "required"))


def _subsuming(places: list[Side]) -> Side | None:
    """The declaration that already holds every other one: ``balances: $ref: Balance`` in a
    base part and ``balances: $ref: InvestmentBalance`` (an ``allOf`` of ``Balance`` and more)
    in the refining part mean ``InvestmentBalance``; None when no one declaration does."""
    refs = [place.node.get("$ref") if isinstance(place.node, dict) else None
            for place in places]
    if not all(isinstance(ref, str) for ref in refs):
        return None
    for index, place in enumerate(places):
        target = place.resolve()
        within = {member.get("$ref") for member in sequence_at(target.node, "allOf")
                  if isinstance(member, dict)}
        if all(other == refs[index] or (other in within and places[at].uri == place.uri)
               for at, other in enumerate(refs)):
            return place
    return None


def flattened(v: View) -> View | None:
    """An ``allOf`` of plain object parts as the one object it means, else ``None``.

    Parts merge only when nothing is lost: each is an object schema of properties, ``required``
    and annotations, and a property two parts declare merges into one schema
    (:mod:`seamguard.contracts.diff_merge`). Each property one part declares is a ``$ref`` to
    where that part holds it, so it is read from that file and a change in it is reported where
    it was made; a merged one sits on the object (``…/Thing/properties/code``).
    """
    from seamguard.contracts.diff_merge import merge_property

    parts = _parts(v) if _all_of_kind(v) else None
    if parts is None:
        return None
    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, places in _holders(parts).items():
        if len({canonical(place.node) for place in places}) == 1:
            first = places[0]
            properties[name] = {"$ref": f"{first.uri}#{quote(first.pointer, safe='/~')}"}
            continue
        narrowest = _subsuming(places)
        if narrowest is not None:
            properties[name] = {"$ref": f"{narrowest.uri}#{quote(narrowest.pointer, safe='/~')}"}
            continue
        merged = merge_property([view(place, len(places)) for place in places])
        if merged is None:
            return None
        properties[name] = merged
    for part in parts:
        required += [name for name in sequence_at(part.node, "required") if name not in required]
    merged_node = {key: value for key, value in v.node.items() if key in ANNOTATIONS}
    merged_node.update(type="object", properties=properties)
    if required:
        merged_node["required"] = required
    side = Side(v.side.docs, v.side.uri, v.side.pointer, merged_node)
    return View(side, merged_node, ("object",), v.nullable, v.written, v.wrapper)


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


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


_BASE64_FORMATS = ("byte", "base64")


def _content_keywords(node: Any, other: Any) -> Any:
    """``node`` with its OpenAPI 3.0 content format in the 3.1 keyword ``other`` uses, so the
    documented migration (``format: byte`` → ``contentEncoding: base64``, ``format: binary``
    → ``contentMediaType: application/octet-stream``) is no change; otherwise ``node``."""
    if not isinstance(node, dict) or not isinstance(other, dict):
        return node
    kind = node.get("format")
    if kind in _BASE64_FORMATS and "contentEncoding" in other and "contentEncoding" not in node:
        keyword, value = "contentEncoding", "base64"
    elif kind == "binary" and "contentMediaType" in other and "contentMediaType" not in node:
        keyword, value = "contentMediaType", "application/octet-stream"
    else:
        return node
    rewritten = {key: item for key, item in node.items() if key != "format"}
    rewritten[keyword] = value
    return rewritten


class _NodeWalk:
    """The changes of one pair of schema nodes, and of the pairs below it."""

    def __init__(self, differ: SchemaDiffer, old: View, new: View, root: bool,
                 depth: int) -> None:
        self.d = differ
        self.old, self.new = old, new
        self.a, self.b = _content_keywords(old.node, new.node), _content_keywords(new.node,
                                                                                old.node)
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
