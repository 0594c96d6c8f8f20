"""Schema-level breaking-change rules: one raw OpenAPI schema against its next version.

Both schemas are read raw (not converted), following ``$ref`` through each contract's
DocumentSet. A 3.0 ``nullable: true`` and a 3.1 ``type: [x, "null"]`` (or a ``{type: "null"}``
branch of ``anyOf``/``oneOf``) normalise to the same thing, so a version migration that keeps the
meaning reports nothing.

Direction decides the level: narrowing what a request accepts breaks callers, widening what a
response may contain breaks readers. Rule ids follow oasdiff's catalogue where it names the change
(``checker/rules.go`` of oasdiff/oasdiff); ids in ``SEAMGUARD_IDS`` are this project's own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any
from urllib.parse import unquote

from seamguard.contracts.refs import DocumentSet
from seamguard.wire.pointers import MARK

__all__ = ["SEAMGUARD_IDS", "Emit", "SchemaDiffer", "Side"]

#: Rule ids seamguard uses where oasdiff's catalogue has no matching change.
SEAMGUARD_IDS = frozenset({"request-additional-properties-disallowed"})

# (level, rule suffix, message) -> None; the caller adds operation, path and direction.
Emit = Callable[..., None]

_MAX_DEPTH = 48
_COMPOSITIONS = ("oneOf", "anyOf", "allOf")


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a raw schema node and where it lives."""

    docs: DocumentSet
    uri: str
    pointer: str
    node: Any

    def resolve(self) -> Side:
        """Follow ``$ref`` (3.1 siblings of ``$ref`` are ignored: they rarely change meaning)."""
        node = self.node
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            (uri, fragment), target = self.docs.resolve(self.uri, node["$ref"])
            return Side(self.docs, uri, unquote(fragment), target)
        return self

    def child(self, key: str, node: Any) -> Side:
        return Side(self.docs, self.uri, f"{self.pointer}/{key}", node)

    @property
    def key(self) -> tuple[str, str]:
        return (self.uri, self.pointer)


@dataclass(frozen=True)
class _Shape:
    """The parts of a schema the rules compare, with nullability normalised."""

    types: frozenset[str]
    nullable: bool
    enum: tuple[str, ...] | None
    branches: dict[str, dict[str, Side]]
    properties: dict[str, Side]
    required: frozenset[str]


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _is_null_branch(node: Any) -> bool:
    return isinstance(node, dict) and node.get("type") == "null" and len(node) <= 2


def _branch_label(side: Side) -> str:
    node = side.node
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        return str(node["$ref"]).rsplit("/", 1)[-1]
    return _canon(node)


def shape(side: Side) -> _Shape:
    """Normalise a resolved schema node (``allOf`` members contribute their properties)."""
    node = side.node if isinstance(side.node, dict) else {}
    raw_type = node.get("type")
    types = [raw_type] if isinstance(raw_type, str) else list(raw_type or [])
    nullable = bool(node.get("nullable")) or "null" in types
    branches: dict[str, dict[str, Side]] = {}
    for keyword in _COMPOSITIONS:
        members = node.get(keyword)
        if not isinstance(members, list):
            continue
        found: dict[str, Side] = {}
        for index, member in enumerate(members):
            if keyword != "allOf" and _is_null_branch(member):
                nullable = True  # anyOf: [X, {type: null}] is how 3.1 spells a nullable $ref
                continue
            branch = side.child(f"{keyword}/{index}", member)
            found[_branch_label(branch)] = branch
        if found:
            branches[keyword] = found
    enum = node.get("enum")
    values = None
    if isinstance(enum, list):
        values = tuple(sorted(_canon(v) for v in enum if v is not None))
        nullable = nullable or (None in enum and not types)
    properties: dict[str, Side] = {}
    required: set[str] = set()
    for member in branches.get("allOf", {}).values():
        # allOf composes an object from parts; its properties belong to the whole.
        inner = _flat_object(member.resolve())
        properties.update(inner[0])
        required |= inner[1]
    own, own_required = _flat_object(side)
    properties.update(own)
    required |= own_required
    return _Shape(
        types=frozenset(t for t in types if t != "null"),
        nullable=nullable,
        enum=values,
        branches=branches,
        properties=properties,
        required=frozenset(required),
    )


def _flat_object(side: Side) -> tuple[dict[str, Side], set[str]]:
    node = side.node if isinstance(side.node, dict) else {}
    props = node.get("properties")
    properties = (
        {str(name): side.child(f"properties/{name}", value) for name, value in props.items()}
        if isinstance(props, dict) else {}
    )
    required = node.get("required")
    return properties, {str(r) for r in required} if isinstance(required, list) else set()


def _join(field: str, name: str) -> str:
    return f"{field}.{name}" if field else name


class SchemaDiffer:
    """Compares two raw schemas of one payload and reports each change through ``emit``.

    ``emit(level, rule, message, where, field, widened=...)`` receives an oasdiff-style rule id
    already prefixed for the direction and scope (``request-property-...``,
    ``response-body-...``); ``widened`` marks changes a consumer of the field must handle, which
    the caller may raise when a mapping reads the field.
    """

    def __init__(self, direction: str, scope: str, emit: Emit,
                 memo: dict[tuple[Any, bool], list[_Recorded]] | None = None) -> None:
        self.direction = direction  # "request" | "response"
        self.scope = scope  # "body" | "parameter"
        self.emit = emit
        # Schemas are DAGs: one component is reached along many paths. What a pair of schemas
        # reports is the same on every path but for the prefix, so it is computed once and
        # replayed under each prefix (walking every path is exponential in the nesting depth).
        # Pass one ``memo`` to every differ of one direction and scope of a contract diff, so
        # a component shared by many operations is compared once.
        self._memo = memo if memo is not None else {}
        self._recorders: list[_Recorder] = []

    def compare(self, base: Side, revision: Side) -> None:
        self._compare(base, revision, "", "", 0, frozenset())

    # -- helpers -------------------------------------------------------------------------------

    def _id(self, suffix: str, depth: int, *, root_ok: bool = True) -> str:
        if self.scope == "parameter":
            kind = "parameter" if depth == 0 else "parameter-property"
            return f"request-{kind}-{suffix}" if self.direction == "request" else (
                f"response-property-{suffix}"
            )
        kind = "body" if depth == 0 and root_ok else "property"
        return f"{self.direction}-{kind}-{suffix}"

    def _report(
        self, level: str, rule: str, message: str, where: str, field: str, *, widened: bool = False
    ) -> None:
        for recorder in self._recorders:
            recorder.entries.append((level, rule, message, where[len(recorder.where):],
                                     _relative(field, recorder.field), widened))
        self.emit(level, rule, message, where or "/", field or None, widened=widened)

    # -- the walk ------------------------------------------------------------------------------

    def _compare(
        self, base: Side, revision: Side, where: str, field: str, depth: int,
        seen: frozenset[tuple[tuple[str, str], tuple[str, str]]],
    ) -> None:
        base, revision = base.resolve(), revision.resolve()
        pair = (base.key, revision.key)
        if pair in seen or depth > _MAX_DEPTH:
            # A recursive schema: this pair is already being compared further up, where its
            # changes are reported. (So a pair memoised inside a cycle replays what it found
            # below itself, not a second lap of the cycle: every change is still reported.)
            return
        key = (pair, depth == 0)
        replay = self._memo.get(key)
        if replay is not None:
            for level, rule, message, rel_where, rel_field, widened in replay:
                self._report(level, rule, message, where + rel_where,
                             _absolute(field, rel_field), widened=widened)
            return
        recorder = _Recorder(where, field)
        self._recorders.append(recorder)
        try:
            self._walk(base, revision, where, field, depth, seen | {pair})
        finally:
            self._recorders.pop()
        self._memo[key] = _fewest_paths(recorder.entries)

    def _walk(
        self, base: Side, revision: Side, where: str, field: str, depth: int,
        seen: frozenset[tuple[tuple[str, str], tuple[str, str]]],
    ) -> None:
        old, new = shape(base), shape(revision)
        request = self.direction == "request"
        self._types(base, revision, old, new, where, field, depth)
        self._nullable(old, new, where, field, depth)
        self._enum(old, new, where, field, depth)
        self._constraints(base.node, revision.node, where, field, depth)
        self._deprecated(base.node, revision.node, where, field, depth)
        if request and _additional_closed(base.node, revision.node):
            self._report(
                "error", "request-additional-properties-disallowed",
                "additionalProperties became false: requests with extra fields are now rejected",
                where, field,
            )
        self._branches(old, new, where, field, depth, seen)
        self._properties(old, new, where, field, depth, seen)
        b_items, r_items = _items(base), _items(revision)
        if b_items is not None and r_items is not None:
            self._compare(b_items, r_items, f"{where}/items", f"{field}[]" if field else "[]",
                          depth + 1, seen)
        # A JSON document inside a string (contentSchema) changes like any nested object.
        b_inner, r_inner = _content(base), _content(revision)
        if b_inner is not None and r_inner is not None:
            self._compare(b_inner, r_inner, f"{where}{MARK}", f"{field}{MARK}", depth + 1, seen)

    def _types(
        self, base: Side, revision: Side, old: _Shape, new: _Shape, where: str, field: str,
        depth: int,
    ) -> None:
        rule = self._id("type-changed", depth)
        if old.types and new.types and old.types != new.types:
            self._report(
                "error", rule,
                f"type changed from {_fmt(old.types)} to {_fmt(new.types)}", where, field,
            )
            return
        b_format = base.node.get("format") if isinstance(base.node, dict) else None
        r_format = revision.node.get("format") if isinstance(revision.node, dict) else None
        if b_format != r_format and (b_format or r_format):
            # A request format change can reject what callers send; a response one only changes
            # how a value should be parsed, which a reader may or may not rely on.
            level = "error" if self.direction == "request" else "warning"
            self._report(
                level, rule, f"format changed from {b_format or 'none'} to {r_format or 'none'}",
                where, field, widened=True,
            )

    def _nullable(self, old: _Shape, new: _Shape, where: str, field: str, depth: int) -> None:
        if old.nullable == new.nullable:
            return
        if self.direction == "request":
            if new.nullable:
                self._report("info", self._id("became-nullable", depth), "became nullable",
                             where, field)
            else:
                self._report("error", self._id("became-not-nullable", depth),
                             "no longer accepts null", where, field)
        elif new.nullable:
            self._report("warning", self._id("became-nullable", depth),
                         "may now be null", where, field, widened=True)
        else:
            self._report("info", self._id("became-not-nullable", depth),
                         "is no longer null", where, field)

    def _enum(self, old: _Shape, new: _Shape, where: str, field: str, depth: int) -> None:
        if old.enum is None and new.enum is None:
            return
        request = self.direction == "request"
        if old.enum is None:
            if request:
                self._report("error", self._id("became-enum", depth, root_ok=False),
                             f"now restricted to {', '.join(new.enum or ())}", where, field)
            return
        if new.enum is None:
            return  # any value is now allowed: a request widens; a response is reported by type
        removed = [v for v in old.enum if v not in new.enum]
        added = [v for v in new.enum if v not in old.enum]
        root_removed = request and self.scope == "body"
        for value in removed:
            self._report(
                "error" if request else "info",
                self._id("enum-value-removed", depth, root_ok=root_removed),
                f"enum value {value} removed", where, field,
            )
        for value in added:
            self._report(
                "info" if request else "warning",
                self._id("enum-value-added", depth, root_ok=False),
                f"enum value {value} added", where, field, widened=not request,
            )

    def _constraints(self, base: Any, revision: Any, where: str, field: str, depth: int) -> None:
        if not isinstance(base, dict) or not isinstance(revision, dict):
            return
        request = self.direction == "request"
        # keyword, rule stem, +1 when a larger value narrows (minimums), -1 when it widens
        for keyword, stem, sign in (
            ("maxLength", "max-length", -1), ("minLength", "min-length", 1),
            ("maximum", "max", -1), ("minimum", "min", 1),
            ("maxItems", "max-items", -1), ("minItems", "min-items", 1),
        ):
            old, new = base.get(keyword), revision.get(keyword)
            if old == new or not _number(old, new):
                continue
            if old is None or new is None:
                narrows = old is None
                change = "set" if old is None else "unset"
            else:
                narrows = (new - old) * sign > 0
                change = "increased" if new > old else "decreased"
            text = f"{keyword} changed from {_show(old)} to {_show(new)}"
            if request and narrows:
                self._report("error", self._id(f"{stem}-{change}", depth), text, where, field)
            elif not request and not narrows:
                self._report("warning", self._id(f"{stem}-{change}", depth), text, where, field,
                             widened=True)
        old_p, new_p = base.get("pattern"), revision.get("pattern")
        if old_p != new_p:
            change = "added" if old_p is None else "removed" if new_p is None else "changed"
            text = f"pattern changed from {old_p or 'none'} to {new_p or 'none'}"
            if request and change != "removed":
                self._report("error", self._id(f"pattern-{change}", depth, root_ok=False),
                             text, where, field)
            elif not request and change != "added":
                self._report("warning", self._id(f"pattern-{change}", depth, root_ok=False),
                             text, where, field, widened=True)

    def _deprecated(self, base: Any, revision: Any, where: str, field: str, depth: int) -> None:
        if depth == 0 or not isinstance(base, dict) or not isinstance(revision, dict):
            return  # a deprecated parameter or operation is reported by the operation rules
        if revision.get("deprecated") is True and base.get("deprecated") is not True:
            self._report("info", self._id("deprecated", depth, root_ok=False),
                         "became deprecated", where, field)

    def _branches(
        self, old: _Shape, new: _Shape, where: str, field: str, depth: int,
        seen: frozenset[tuple[tuple[str, str], tuple[str, str]]],
    ) -> None:
        request = self.direction == "request"
        for keyword in _COMPOSITIONS:
            before, after = old.branches.get(keyword, {}), new.branches.get(keyword, {})
            stem = {"oneOf": "one-of", "anyOf": "any-of", "allOf": "all-of"}[keyword]
            # allOf narrows (every part must hold); oneOf/anyOf widen (any branch may hold).
            added_narrows = keyword == "allOf"
            for label in after.keys() - before.keys():
                breaking = added_narrows if request else not added_narrows
                self._report("error" if breaking else "info", self._id(f"{stem}-added", depth),
                             f"{keyword} branch {label} added", where, field,
                             widened=not request)
            for label in before.keys() - after.keys():
                breaking = not added_narrows if request else added_narrows
                self._report("error" if breaking else "info",
                             self._id(f"{stem}-removed", depth),
                             f"{keyword} branch {label} removed", where, field)
            if keyword == "allOf":
                continue  # allOf members were folded into the properties compared below
            for label in sorted(before.keys() & after.keys()):
                self._compare(before[label], after[label], where, field, depth, seen)

    def _properties(
        self, old: _Shape, new: _Shape, where: str, field: str, depth: int,
        seen: frozenset[tuple[tuple[str, str], tuple[str, str]]],
    ) -> None:
        request = self.direction == "request"
        for name in sorted(old.properties.keys() - new.properties.keys()):
            path, dotted = f"{where}/{name}", _join(field, name)
            if request:
                self._report("warning", "request-property-removed",
                             f"property {name} removed", path, dotted)
            elif name in old.required:
                self._report("error", "response-required-property-removed",
                             f"required property {name} removed", path, dotted)
            else:
                self._report("warning", "response-optional-property-removed",
                             f"optional property {name} removed", path, dotted, widened=True)
        for name in sorted(new.properties.keys() - old.properties.keys()):
            path, dotted = f"{where}/{name}", _join(field, name)
            required = name in new.required
            if request:
                rule = "new-required-request-property" if required else (
                    "new-optional-request-property"
                )
                self._report("error" if required else "info", rule,
                             f"{'required' if required else 'optional'} property {name} added",
                             path, dotted)
            else:
                rule = "response-required-property-added" if required else (
                    "response-optional-property-added"
                )
                self._report("info", rule, f"property {name} added", path, dotted)
        for name in sorted(old.properties.keys() & new.properties.keys()):
            path, dotted = f"{where}/{name}", _join(field, name)
            was, now = name in old.required, name in new.required
            if request and now and not was:
                self._report("error", "request-property-became-required",
                             f"property {name} became required", path, dotted)
            elif request and was and not now:
                self._report("info", "request-property-became-optional",
                             f"property {name} became optional", path, dotted)
            elif not request and was and not now:
                self._report("warning", "response-property-became-optional",
                             f"property {name} became optional: it may now be absent",
                             path, dotted, widened=True)
            elif not request and now and not was:
                self._report("info", "response-property-became-required",
                             f"property {name} became required", path, dotted)
            self._compare(old.properties[name], new.properties[name], path, dotted,
                          depth + 1, seen)


_Recorded = tuple[str, str, str, str, str, bool]


@dataclass
class _Recorder:
    """Changes reported under one pair of schemas, relative to where the pair was reached."""

    where: str
    field: str
    entries: list[_Recorded] = dataclass_field(default_factory=list)


# A change in a shared schema is replayed under at most this many of the paths that reach it
# (the shortest ones): every change is still reported, but a component used along thousands of
# paths does not turn one edit into thousands of lines.
PATHS_PER_CHANGE = 3


def _fewest_paths(entries: list[_Recorded]) -> list[_Recorded]:
    groups: dict[tuple[str, str, str, bool], list[_Recorded]] = {}
    for entry in entries:
        groups.setdefault((entry[0], entry[1], entry[2], entry[5]), []).append(entry)
    kept: list[_Recorded] = []
    for group in groups.values():
        if len(group) > PATHS_PER_CHANGE:
            group = sorted(set(group), key=lambda e: (e[4].count(".") + e[4].count("["),
                                                      len(e[4]), e[3]))[:PATHS_PER_CHANGE]
        kept.extend(group)
    return kept


def _relative(field: str, prefix: str) -> str:
    """``field`` below ``prefix``, always starting with ``.`` or ``[]`` (or empty)."""
    rest = field[len(prefix):]
    if prefix or not rest or rest.startswith("[]"):
        return rest
    return "." + rest


def _absolute(prefix: str, relative: str) -> str:
    if prefix:
        return prefix + relative
    return relative[1:] if relative.startswith(".") else relative


def _items(side: Side) -> Side | None:
    node = side.node
    if isinstance(node, dict) and isinstance(node.get("items"), dict):
        return side.child("items", node["items"])
    return None


def _content(side: Side) -> Side | None:
    node = side.node
    if isinstance(node, dict) and isinstance(node.get("contentSchema"), dict):
        return side.child("contentSchema", node["contentSchema"])
    return None


def _additional_closed(base: Any, revision: Any) -> bool:
    if not isinstance(base, dict) or not isinstance(revision, dict):
        return False
    return revision.get("additionalProperties") is False and (
        base.get("additionalProperties", True) is not False
    )


def _number(*values: Any) -> bool:
    return all(v is None or (isinstance(v, int | float) and not isinstance(v, bool))
               for v in values)


def _show(value: Any) -> str:
    return "none" if value is None else str(value)


def _fmt(types: frozenset[str]) -> str:
    return "/".join(sorted(types))
