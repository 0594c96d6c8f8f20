"""What one pair of schema nodes reports: type, nullability, enums, bounds, composition...

Each function reads a :class:`~seamguard.contracts.diff_schema.Walk` (the two normalised nodes,
the direction and scope, whether the node is the payload root) and yields the node's own changes.
Rule ids are built as ``<direction>-<body|property>-<change>`` (parameters and response headers
have their own prefixes) and kept only when the catalogue holds them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from seamguard.contracts.diff_catalog import rule
from seamguard.contracts.diff_lifecycle import deprecation_rule, rank, stability_of
from seamguard.contracts.diff_schema import (
    ANNOTATIONS,
    STRUCTURE,
    Rel,
    View,
    canonical,
    implied_types,
    mapping_at,
    sequence_at,
    view,
)

if TYPE_CHECKING:
    from seamguard.contracts.diff_schema import Walk

__all__ = ["branch_changes", "implicit_branch", "implicit_branch_changes", "node_changes",
           "property_changes"]

_PRIMITIVES = frozenset({"string", "number", "integer", "boolean"})
# keyword, rule stem, whether a larger value narrows what is valid
_BOUNDS = (
    ("maxLength", "max-length", False), ("maxItems", "max-items", False),
    ("maxContains", "max-contains", False),
    ("minLength", "min-length", True), ("minItems", "min-items", True),
    ("minContains", "min-contains", True),
)
# The numeric bounds: inclusive keyword, exclusive keyword, the rule stems of each, lower bound
_RANGES = (
    ("minimum", "exclusiveMinimum", "min", "exclusive-min", True),
    ("maximum", "exclusiveMaximum", "max", "exclusive-max", False),
)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _show(value: Any) -> str:
    return "none" if value is None else canonical(value) if not isinstance(value, str) else value


def wrapped(w: Walk) -> set[str]:
    """Properties an object moved into new ``oneOf`` alternatives (empty when not wrapped)."""
    props = mapping_at(w.a, "properties")
    if rule(w.d.rule_id("wrapped-in-one-of", w.root)) is None:
        # Only a body has the rule; a property that may now be another alternative is read as
        # the plain object become one alternative of the oneOf (the others added).
        return set()
    if not props or w.a.get("oneOf") or not w.b.get("oneOf") or w.b.get("properties") or (
            w.new.types):
        return set()
    moved: set[str] = set()
    for index, alternative in enumerate(sequence_at(w.b, "oneOf")):
        inner = view(w.new.side.child(f"oneOf/{index}", alternative), w.depth + 1).node
        moved |= set(mapping_at(inner, "properties")) & set(props)
    return moved


def node_changes(w: Walk) -> Iterator[Rel]:
    """The changes of the node itself (not of its properties or branches)."""
    if wrapped(w):
        # An object split into oneOf alternatives that keep its properties: one change, not a
        # type change, a branch added and every property removed.
        yield from w.node_rule("wrapped-in-one-of", "wrapped in oneOf alternatives")
    else:
        yield from _types(w)
    yield from _nullable(w)
    yield from _enum(w)
    yield from _values(w)
    yield from _bounds(w)
    yield from _pattern(w)
    yield from _lifecycle(w)
    yield from _discriminator(w)
    yield from _json_schema_2020(w)
    if (w.request and w.d.scope == "body" and w.b.get("additionalProperties") is False
            and w.a.get("additionalProperties", True) is not False):
        yield from w.emit("request-additional-properties-disallowed",
                          "additionalProperties became false: requests with extra fields are "
                          "now rejected")


# -- types -------------------------------------------------------------------------------------


def _subtype(sub: str, sup: str) -> bool:
    return sub == sup or (sub == "integer" and sup == "number")


def _covered(sub: tuple[str, ...], sup: tuple[str, ...]) -> bool:
    return bool(sub) and all(any(_subtype(t, s) for s in sup) for t in sub)


def _format_contained(to_types: tuple[str, ...], to: Any, source: Any) -> bool:
    if not to:
        return True  # dropping a format accepts more
    if to == "binary" and not source:
        return True  # "binary" names raw octets (a file part): every string already is one
    if len(to_types) != 1:
        return False
    kind = to_types[0]
    return (kind == "number" and (source, to) == ("float", "double")) or (
        kind == "integer" and (source, to) in {("int32", "int64"), ("int32", "bigint"),
                                               ("int64", "bigint")}) or (
        kind == "string" and to == "date-time" and source in ("date", "time"))


def _breaking(type_changed: bool, added: set[str], deleted: set[str], format_changed: bool,
              format_to: Any, format_from: Any, to_types: tuple[str, ...], strong: bool) -> bool:
    if type_changed and not to_types:
        return False  # the type constraint was dropped
    type_breaking = False
    if type_changed:
        contained = (len(added) == 1 and len(deleted) == 1
                     and _subtype(next(iter(deleted)), next(iter(added))))
        if not contained and not strong:
            contained = not added or added == {"string"}
        type_breaking = not contained
    return type_breaking or (format_changed
                             and not _format_contained(to_types, format_to, format_from))


# Keywords only one kind of value has: a schema that names none of its types but uses them
# (``properties`` without ``type: object``, common in published specs) means that kind.
_KIND_KEYWORDS = (("object", ("properties", "additionalProperties", "patternProperties",
                              "required", "minProperties", "maxProperties")),
                  ("array", ("items", "prefixItems", "minItems", "maxItems")))


def _written_kind(v: View) -> tuple[str, ...]:
    if v.types or any(isinstance(v.node.get(k), list) for k in ("oneOf", "anyOf")):
        return ()
    kinds = [kind for kind, keywords in _KIND_KEYWORDS if any(k in v.node for k in keywords)]
    return (kinds[0],) if len(kinds) == 1 else ()


def _types(w: Walk) -> Iterator[Rel]:
    ta, tb = w.old.types, w.new.types
    if set(ta) != set(tb) and not (ta and tb):
        implied = (implied_types(w.old) or _written_kind(w.old),
                   implied_types(w.new) or _written_kind(w.new))
        if set(implied[0]) == set(implied[1]):
            ta, tb = implied
    fa, fb = w.a.get("format"), w.b.get("format")
    type_changed, format_changed = set(ta) != set(tb), fa != fb
    if not (type_changed or format_changed):
        return
    strong = w.d.strongly_typed
    if w.request:
        effective = type_changed and not _covered(ta, tb)
        broken = _breaking(effective, set(tb) - set(ta), set(ta) - set(tb), format_changed,
                           fb, fa, tb, strong)
        stem = "type-changed" if broken else (
            "type-compatible" if type_changed and ta and tb and not _covered(ta, tb)
            else "type-generalized")
        if w.d.scope == "parameter" and stem == "type-compatible":
            stem = "type-changed"
    else:
        effective = type_changed and not _covered(tb, ta)
        broken = _breaking(effective, set(ta) - set(tb), set(tb) - set(ta), format_changed,
                           fa, fb, ta, strong)
        if broken:
            stem = "type-generalized" if type_changed and _covered(ta, tb) else "type-changed"
        elif type_changed and ta and tb and not _covered(tb, ta):
            stem = "type-compatible"
        else:
            stem = "type-specialized"
    parts = []
    if type_changed:
        parts.append(f"type {'/'.join(ta) or 'any'} → {'/'.join(tb) or 'any'}")
    if format_changed:
        parts.append(f"format {fa or 'none'} → {fb or 'none'}")
    yield from w.node_rule(stem, "; ".join(parts), widened=not w.request)


def _list_of_types(node: dict[str, Any], resolve: Any) -> tuple[tuple[str, ...], bool] | None:
    """oneOf/anyOf of plain typed branches: (types, is a list); a single type: (type, False)."""
    if node.get("not") is not None or node.get("allOf") or node.get("properties"):
        return None
    kind = node.get("type")
    if isinstance(kind, str):
        return (kind,), False
    for keyword in ("oneOf", "anyOf"):
        members = node.get(keyword)
        if not isinstance(members, list) or not members:
            continue
        types = []
        for index, member in enumerate(members):
            branch = resolve(keyword, index, member)
            inner = branch.get("type")
            if not isinstance(inner, str) or inner not in _PRIMITIVES or (
                    set(branch) - ANNOTATIONS - {"type", "format"}):
                return None
            types.append(inner)
        return tuple(types), True
    return None


def list_of_types(w: Walk) -> list[Rel] | None:
    """The change of a oneOf/anyOf list of plain types, or None when there is none."""

    def resolver(v: Any) -> Any:
        return lambda key, index, member: view(v.side.child(f"{key}/{index}", member)).node

    old = _list_of_types(w.a, resolver(w.old))
    new = _list_of_types(w.b, resolver(w.new))
    if old is None or new is None or not (old[1] or new[1]) or set(old[0]) == set(new[0]):
        return None
    added, deleted = sorted(set(new[0]) - set(old[0])), sorted(set(old[0]) - set(new[0]))
    if w.request:
        stem = "list-of-types-narrowed" if deleted else "list-of-types-widened"
    else:
        stem = "list-of-types-widened" if added else "list-of-types-narrowed"
    changed = added if stem.endswith("widened") else deleted
    return list(w.node_rule(stem, f"types {', '.join(changed)} "
                                  f"{'added' if stem.endswith('widened') else 'removed'}",
                            widened=not w.request and bool(added)))


def _nullable(w: Walk) -> Iterator[Rel]:
    if w.old.nullable == w.new.nullable:
        return
    # A nullability spelled on a wrapper (anyOf: [$ref], nullable: true) belongs to the wrapper,
    # not to the shared component inside it.
    origin = w.new.wrapper or w.old.wrapper or w.new.origin
    stem = "became-nullable" if w.new.nullable else "became-not-nullable"
    yield from w.emit(w.d.rule_id(stem, w.root),
                      "became nullable" if w.new.nullable else "is no longer nullable",
                      widened=w.new.nullable and not w.request, origin=origin)


# -- values ------------------------------------------------------------------------------------


def _enum_values(node: dict[str, Any], key: str = "enum") -> dict[str, Any] | None:
    values = node.get(key)
    if not isinstance(values, list):
        return None
    return {canonical(v): v for v in values if v is not None}


def _enum(w: Walk) -> Iterator[Rel]:
    old, new = _enum_values(w.a), _enum_values(w.b)
    scope, root = w.d.scope, w.root
    if old is None and new is not None and w.request:
        if w.d.header_param and not root:
            yield from w.emit("request-header-property-became-enum", "became an enum")
        else:
            yield from w.node_rule("became-enum", f"now restricted to {', '.join(new)}")
    if old is not None and new is not None:
        for value in (v for v in old if v not in new):
            if w.request:
                rule_id = w.d.rule_id("enum-value-removed", root)
                if scope == "body" and not root and w.b.get("readOnly") is True:
                    rule_id = "request-read-only-property-enum-value-removed"
            else:
                rule_id = ("response-mediatype-enum-value-removed" if root and scope == "body"
                           else w.d.rule_id("enum-value-removed", root))
            yield from w.emit(rule_id, f"enum value {value} removed")
        for value in (v for v in new if v not in old):
            rule_id = w.d.rule_id("enum-value-added", root)
            if not w.request and not root and w.b.get("writeOnly") is True:
                rule_id = "response-write-only-property-enum-value-added"
            yield from w.emit(rule_id, f"enum value {value} added", widened=not w.request)
    old_x, new_x = _enum_values(w.a, "x-extensible-enum"), _enum_values(w.b, "x-extensible-enum")
    if w.request and old_x is not None and new_x is not None:
        stem = "request-parameter" if scope == "parameter" else "request-property"
        for value in (v for v in old_x if v not in new_x):
            yield from w.emit(f"{stem}-x-extensible-enum-value-removed",
                              f"x-extensible-enum value {value} removed")


def _presence(w: Walk, key: str) -> str | None:
    had, has = key in w.a, key in w.b
    if had and has:
        return "changed" if canonical(w.a[key]) != canonical(w.b[key]) else None
    return "added" if has else "removed" if had else None


def _values(w: Walk) -> Iterator[Rel]:
    change = _presence(w, "const")
    if change:
        yield from w.node_rule(f"const-{change}", f"const {_show(w.a.get('const'))} → "
                                                  f"{_show(w.b.get('const'))}",
                               widened=not w.request and change != "added")
    change = _presence(w, "default")
    if change:
        yield from w.node_rule(f"default-value-{change}",
                               f"default {_show(w.a.get('default'))} → "
                               f"{_show(w.b.get('default'))}")


_MEASURES: dict[str, Any] = {
    "maxLength": lambda v: len(v) if isinstance(v, str) else None,
    "minLength": lambda v: len(v) if isinstance(v, str) else None,
    "maximum": lambda v: v if _number(v) else None,
    "minimum": lambda v: v if _number(v) else None,
}


def _enum_within(w: Walk, keyword: str, bound: Any, larger_narrows: bool) -> bool:
    """The new node's enum keeps every value inside the old bound, so relaxing or dropping
    the bound lets nothing new through (``maxLength: 5000`` → an enum of short codes)."""
    values = w.b.get("enum")
    measure = _MEASURES.get(keyword)
    if not isinstance(values, list) or measure is None or not _number(bound):
        return False
    sizes = [measure(v) for v in values if v is not None]
    return bool(sizes) and all(size is not None and (size >= bound if larger_narrows
                                                     else size <= bound) for size in sizes)


def _range_bound(node: dict[str, Any], plain: str, exclusive: str,
                 lower: bool) -> tuple[Any, bool] | None:
    """A node's effective numeric bound as (value, exclusive), whichever way it is spelled:
    OpenAPI 3.0's ``minimum: 5, exclusiveMinimum: true`` and 3.1's ``exclusiveMinimum: 5`` are
    the same bound; with both keywords (3.1) the tighter one holds."""
    value, flag = node.get(plain), node.get(exclusive)
    found = []
    if _number(value):
        found.append((value, flag is True))  # 3.0: the boolean makes ``plain`` exclusive
    if _number(flag):
        found.append((flag, True))
    if not found:
        return None
    return max(found, key=lambda b: (b[0], b[1])) if lower else \
        min(found, key=lambda b: (b[0], not b[1]))


def _show_bound(bound: tuple[Any, bool] | None, plain: str, exclusive: str) -> str:
    if bound is None:
        return f"no {plain}"
    return f"{exclusive if bound[1] else plain} {_show(bound[0])}"


def _ranges(w: Walk, read_only: bool) -> Iterator[Rel]:
    """minimum/maximum, exclusive or not, compared as the bounds they mean: a 3.0 → 3.1
    rewrite reports nothing, and ``minimum: 5`` → ``exclusiveMinimum: 5`` narrows (5 itself is
    no longer valid)."""
    for plain, exclusive, stem_plain, stem_exclusive, lower in _RANGES:
        old = _range_bound(w.a, plain, exclusive, lower)
        new = _range_bound(w.b, plain, exclusive, lower)
        if old == new:
            continue
        if old is not None and new is not None:
            # (value, exclusive) ordered by how much it lets through at the low end / high end
            tighter = (new[0], new[1]) > (old[0], old[1]) if lower else \
                (new[0], not new[1]) < (old[0], not old[1])
            change = "increased" if tighter == lower else "decreased"
            narrows = tighter
        else:
            change = "set" if old is None else "unset"
            narrows = old is None
        if not narrows and old is not None and not old[1] and _enum_within(
                w, plain, old[0], lower):
            continue
        stem = stem_exclusive if (new or old or (0, False))[1] else stem_plain
        rule_id = w.d.rule_id(f"{stem}-{change}", w.root)
        if read_only and narrows:
            rule_id = f"request-read-only-property-{stem}-{change}"
        yield from w.emit(rule_id, f"{_show_bound(old, plain, exclusive)} → "
                                   f"{_show_bound(new, plain, exclusive)}",
                          widened=not w.request and not narrows)


# Lower bounds whose absence means 0 (no string or list is shorter).
_ZERO_WHEN_ABSENT = frozenset({"minLength", "minItems"})


def _bound_change(w: Walk, read_only: bool, stem: str, old: Any, new: Any,
                  larger_narrows: bool, keyword: str, shown: str) -> Iterator[Rel]:
    change = "increased" if new > old else "decreased"
    narrows = (change == "increased") == larger_narrows
    if not narrows and _enum_within(w, keyword, old, larger_narrows):
        return
    rule_id = w.d.rule_id(f"{stem}-{change}", w.root)
    if read_only and narrows:
        rule_id = f"request-read-only-property-{stem}-{change}"
    yield from w.emit(rule_id, shown, widened=not w.request and not narrows)


def _bounds(w: Walk) -> Iterator[Rel]:
    read_only = w.request and not w.root and w.b.get("readOnly") is True
    yield from _ranges(w, read_only)
    for keyword, stem, larger_narrows in _BOUNDS:
        old, new = w.a.get(keyword), w.b.get(keyword)
        if old == new or not all(v is None or _number(v) for v in (old, new)):
            continue
        if keyword in _ZERO_WHEN_ABSENT:
            # No minLength is minLength 0: writing one narrows from 0, dropping it relaxes to 0
            # (oasdiff reads them so: increased/decreased, never set/unset).
            shown = f"{keyword} {_show(old)} → {_show(new)}"
            old, new = old or 0, new or 0
            if old == new:
                continue
            yield from _bound_change(w, read_only, stem, old, new, larger_narrows, keyword,
                                     shown)
            continue
        if old is not None and (new is None or (new > old) != larger_narrows) and _enum_within(
                w, keyword, old, larger_narrows):
            continue
        if old is None:
            change = "set"
        elif new is None:
            change = "unset"
        else:
            change = "increased" if new > old else "decreased"
        narrows = change == "set" or (change != "unset" and (change == "increased")
                                      == larger_narrows)
        rule_id = w.d.rule_id(f"{stem}-{change}", w.root)
        if read_only and narrows:
            rule_id = f"request-read-only-property-{stem}-{change}"
        yield from w.emit(rule_id, f"{keyword} {_show(old)} → {_show(new)}",
                          widened=not w.request and not narrows)


def _pattern(w: Walk) -> Iterator[Rel]:
    old, new = w.a.get("pattern"), w.b.get("pattern")
    if old == new:
        return
    if not new:
        change = "removed"
    elif not old:
        change = "added"
    else:
        change = "generalized" if w.request and new == ".*" else "changed"
    yield from w.node_rule(f"pattern-{change}", f"pattern {old or 'none'} → {new or 'none'}",
                           widened=not w.request and change != "added")


def _lifecycle(w: Walk) -> Iterator[Rel]:
    if w.root or w.d.scope != "body":
        return  # a deprecated operation or parameter is an operation-level change
    policy, days = w.d.lifecycle
    was, now = w.a.get("deprecated") is True, w.b.get("deprecated") is True
    if now and not was:
        kind = w.d.rule_id("", False).rstrip("-")
        found, note = deprecation_rule(w.b, kind, days, policy, f"{kind}-deprecated")
        yield from w.emit(found, f"became deprecated{note}")
    elif was and not now:
        yield from w.node_rule("reactivated", "is no longer deprecated")
    (before, invalid_a), (after, invalid_b) = stability_of(w.a), stability_of(w.b)
    for invalid, which in ((invalid_a, "base"), (invalid_b, "revision")):
        if invalid:
            yield from w.emit("api-invalid-stability-level", f"{invalid} ({which})")
    if not (invalid_a or invalid_b) and before != after and not policy.below(before):
        stem = "stability-decreased" if rank(after) < rank(before) else "stability-increased"
        yield from w.node_rule(stem, f"stability {before} → {after}")


def _discriminator(w: Walk) -> Iterator[Rel]:
    old, new = w.a.get("discriminator"), w.b.get("discriminator")
    if not isinstance(old, dict) and not isinstance(new, dict):
        return
    if not isinstance(old, dict):
        yield from w.node_rule("discriminator-added", "discriminator added")
        return
    if not isinstance(new, dict):
        yield from w.node_rule("discriminator-removed", "discriminator removed")
        return
    if old.get("propertyName") != new.get("propertyName"):
        yield from w.node_rule("discriminator-property-name-changed",
                               f"discriminator property {old.get('propertyName')} → "
                               f"{new.get('propertyName')}")
    map_a = mapping_at(old, "mapping")
    map_b = mapping_at(new, "mapping")
    if map_b.keys() - map_a.keys():
        yield from w.node_rule("discriminator-mapping-added", "discriminator mapping "
                               + ", ".join(sorted(map_b.keys() - map_a.keys())) + " added")
    if map_a.keys() - map_b.keys():
        yield from w.node_rule("discriminator-mapping-deleted", "discriminator mapping "
                               + ", ".join(sorted(map_a.keys() - map_b.keys())) + " removed")
    changed = sorted(k for k in map_a.keys() & map_b.keys() if map_a[k] != map_b[k])
    if changed:
        yield from w.node_rule("discriminator-mapping-changed",
                               f"discriminator mapping {', '.join(changed)} changed")


def _json_schema_2020(w: Walk) -> Iterator[Rel]:
    a, b = w.a, w.b
    pa = sequence_at(a, "prefixItems")
    pb = sequence_at(b, "prefixItems")
    if len(pb) > len(pa):
        yield from w.node_rule("prefix-items-added", f"prefixItems {len(pa)} → {len(pb)}",
                               widened=not w.request)
    elif len(pb) < len(pa):
        yield from w.node_rule("prefix-items-removed", f"prefixItems {len(pa)} → {len(pb)}")
    for key, stem in (("if", "if"), ("then", "then"), ("else", "else"),
                      ("contains", "contains"), ("propertyNames", "property-names"),
                      ("unevaluatedItems", "unevaluated-items"),
                      ("unevaluatedProperties", "unevaluated-properties"),
                      ("contentSchema", "content-schema")):
        change = _presence(w, key)
        if change in ("added", "removed"):
            yield from w.node_rule(f"{stem}-{change}", f"{key} {change}",
                                   widened=not w.request and change == "removed")
    for key, stem in (("contentMediaType", "content-media-type"),
                      ("contentEncoding", "content-encoding")):
        if _presence(w, key):
            yield from w.node_rule(f"{stem}-changed", f"{key} {_show(a.get(key))} → "
                                                      f"{_show(b.get(key))}")
    for key, stem in (("dependentRequired", "dependent-required"),
                      ("dependentSchemas", "dependent-schema"),
                      ("patternProperties", "pattern-property")):
        old = mapping_at(a, key)
        new = mapping_at(b, key)
        for name in sorted(new.keys() - old.keys()):
            yield from w.node_rule(f"{stem}-added", f"{key} {name} added")
        for name in sorted(old.keys() - new.keys()):
            yield from w.node_rule(f"{stem}-removed", f"{key} {name} removed",
                                   widened=not w.request)
        if key == "dependentRequired":
            for name in sorted(k for k in old.keys() & new.keys()
                               if canonical(old[k]) != canonical(new[k])):
                yield from w.node_rule(f"{stem}-changed", f"{key} {name} changed")


# -- properties --------------------------------------------------------------------------------


def _flag(side_view: Any, name: str, key: str) -> bool:
    return side_view.node.get(key) is True


def property_changes(w: Walk) -> Iterator[Rel]:
    """Properties added, removed, made required or optional, read-only or write-only."""
    props_a = mapping_at(w.a, "properties")
    props_b = mapping_at(w.b, "properties")
    if not props_a and not props_b:
        return
    req_a = set(w.a.get("required") or []) if isinstance(w.a.get("required"), list) else set()
    req_b = set(w.b.get("required") or []) if isinstance(w.b.get("required"), list) else set()
    scope, request = w.d.scope, w.request
    origin = w.new.origin

    def prop(v: Any, props: dict[str, Any], name: str) -> Any:
        return view(v.side.child(f"properties/{_esc(name)}", props[name]), w.depth + 1).node

    def out(rule_id: str, message: str, name: str, *, widened: bool = False) -> Iterator[Rel]:
        yield from w.emit(rule_id, message, widened=widened, pointer=f"/{_esc(name)}",
                          origin=origin)

    moved = wrapped(w)
    for name in sorted(props_a.keys() - props_b.keys()):
        node = prop(w.old, props_a, name)
        if scope != "body" or name in moved:
            continue
        if request:
            if node.get("readOnly") is not True:
                yield from out("request-property-removed", f"property {name} removed", name)
            continue
        kind = "required" if name in req_a else "optional"
        write_only = "write-only-" if node.get("writeOnly") is True else ""
        yield from out(f"response-{kind}-{write_only}property-removed",
                       f"{kind} property {name} removed", name, widened=kind == "optional")
    for name in sorted(props_b.keys() - props_a.keys()):
        node = prop(w.new, props_b, name)
        required = name in req_b
        if scope == "parameter" and w.d.header_param and required:
            yield from out("new-required-request-header-property",
                           f"required property {name} added", name)
        if scope != "body":
            continue
        if request:
            if node.get("readOnly") is True:
                continue
            if required:
                rule_id = ("new-required-request-property-with-default" if "default" in node
                           else "new-required-request-property")
                yield from out(rule_id, f"required property {name} added", name)
            else:
                yield from out("new-optional-request-property",
                               f"optional property {name} added", name)
            continue
        kind = "required" if required else "optional"
        write_only = "write-only-" if node.get("writeOnly") is True else ""
        yield from out(f"response-{kind}-{write_only}property-added",
                       f"{kind} property {name} added", name)
    for name in sorted(props_a.keys() & props_b.keys()):
        before, after = prop(w.old, props_a, name), prop(w.new, props_b, name)
        was, now = name in req_a, name in req_b
        if was != now:
            yield from _required_change(w, name, was, now, before, after, out)
        if scope != "body":
            continue
        direction = "request" if request else "response"
        kind = "required" if was else "optional"
        for key, label in (("writeOnly", "write-only"), ("readOnly", "read-only")):
            old_flag, new_flag = before.get(key) is True, after.get(key) is True
            if old_flag != new_flag:
                change = f"became-{label}" if new_flag else f"became-not-{label}"
                yield from out(f"{direction}-{kind}-property-{change}",
                               f"property {name} {change.replace('-', ' ')}", name)


def _required_change(w: Walk, name: str, was: bool, now: bool, before: dict[str, Any],
                     after: dict[str, Any], out: Any) -> Iterator[Rel]:
    if w.d.scope == "parameter":
        if now and w.d.header_param:
            yield from out("request-header-property-became-required",
                           f"property {name} became required", name)
        return
    if w.d.scope != "body":
        return
    if w.request:
        if after.get("readOnly") is True:
            return
        if now:
            rule_id = ("request-property-became-required-with-default" if "default" in after
                       else "request-property-became-required")
            yield from out(rule_id, f"property {name} became required", name)
        else:
            yield from out("request-property-became-optional",
                           f"property {name} became optional", name)
        return
    write_only = "write-only-" if before.get("writeOnly") is True else ""
    if was:
        yield from out(f"response-{write_only}property-became-optional",
                       f"property {name} became optional: it may now be absent", name,
                       widened=True)
    else:
        yield from out(f"response-{write_only}property-became-required",
                       f"property {name} became required", name)


def _esc(token: str) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


# -- composition -------------------------------------------------------------------------------


def branch_changes(w: Walk) -> Iterator[Rel]:
    """anyOf/oneOf/allOf branches added or removed; paired branches compared."""
    from seamguard.contracts.diff_branches import match_branches

    listed = list_of_types(w)
    yield from listed or ()
    for keyword, stem in (("oneOf", "one-of"), ("anyOf", "any-of"), ("allOf", "all-of")):
        old = sequence_at(w.a, keyword)
        new = sequence_at(w.b, keyword)
        if not old and not new:
            continue
        pairs, added, removed = match_branches(w, keyword, old, new)
        if keyword == "oneOf" and not old and wrapped(w):
            continue
        if listed is None or keyword == "allOf":
            yield from _branch_rules(w, keyword, stem, "added", added)
            yield from _branch_rules(w, keyword, stem, "removed", removed)
        for i, j in pairs:
            rels = w.sub(old[i], new[j], f"{keyword}/{i}", f"{keyword}/{j}", "")
            if keyword != "allOf" and _any_string_beside(w, keyword, old, i) and (
                    _any_string_beside(w, keyword, new, j, revision=True)):
                rels = (_same_values(rel) for rel in rels)
            yield from rels


def _any_string_beside(w: Walk, keyword: str, members: list[Any], index: int, *,
                       revision: bool = False) -> bool:
    """Another alternative takes every string (``anyOf: [string, {enum: [known ids]}]``)."""
    side = (w.new if revision else w.old).side
    for at, member in enumerate(members):
        if at == index or not isinstance(member, dict):
            continue
        branch = view(side.child(f"{keyword}/{at}", member), w.depth + 1)
        if branch.types == ("string",) and not set(branch.node) - ANNOTATIONS - {"type"}:
            return True
    return False


def _same_values(rel: Rel) -> Rel:
    """An enum value added to or removed from an alternative beside one that takes any string
    changes no value's validity: listed, at info."""
    if rel.pointer or "enum-value" not in rel.rule:
        return rel
    return Rel(rel.rule, f"{rel.message} (another alternative takes any string)", rel.pointer,
               False, rel.origin, "same")


def _branch_rules(w: Walk, keyword: str, stem: str, change: str,
                  branches: list[tuple[int, dict[str, Any], str]],
                  origin: str | None = None) -> Iterator[Rel]:
    if not branches:
        return
    if keyword == "allOf":
        plain = [b for b in branches if set(b[1]) - ANNOTATIONS]
        notes = [b for b in branches if not set(b[1]) - ANNOTATIONS]
        if notes:
            yield from w.node_rule(f"{stem}-{change}-annotation-only",
                                   f"annotation-only {keyword} branch "
                                   f"{', '.join(b[2] for b in notes)} {change}", origin=origin)
        branches = plain
        if not branches:
            return
    widened = not w.request and change == "added" and keyword != "allOf"
    yield from w.node_rule(f"{stem}-{change}", f"{keyword} branch "
                                               f"{', '.join(b[2] for b in branches)} {change}",
                           widened=widened, origin=origin)


# -- a plain schema against a composition of alternatives ---------------------------------------

_ALTERNATIVES = ("anyOf", "oneOf")


def _only_alternatives(v: View) -> str | None:
    """``anyOf``/``oneOf`` when the node is nothing but two or more alternatives."""
    for keyword in _ALTERNATIVES:
        members = v.node.get(keyword)
        if (isinstance(members, list) and len(members) > 1 and not v.types
                and not set(v.node) & STRUCTURE - {keyword}):
            return keyword
    return None


def _plain(v: View) -> bool:
    """The node says something and has no alternatives of its own."""
    node = v.node
    return not any(isinstance(node.get(k), list) for k in _ALTERNATIVES) and bool(
        v.types or set(node) & STRUCTURE)


def implicit_branch(w: Walk) -> tuple[str, bool] | None:
    """(keyword, the old side is the plain one) when a plain schema became one alternative of
    an ``anyOf``/``oneOf`` or the reverse; None otherwise.

    A schema is the one-branch composition of itself, so ``X`` → ``anyOf: [X, Y]`` is Y added
    and nothing else (Stripe's expandable fields: an id string that may now be the object).
    An object split into ``oneOf`` alternatives that share its properties is its own rule.
    """
    if w.d.scope != "body":
        return None  # parameters and headers have no branch rules: their keywords speak
    new_kind, old_kind = _only_alternatives(w.new), _only_alternatives(w.old)
    if new_kind and (_plain(w.old) or _among(w.old, w.new, new_kind)) and not wrapped(w):
        return new_kind, True
    if old_kind and (_plain(w.new) or _among(w.new, w.old, old_kind)):
        return old_kind, False
    return None


def _among(one: View, alternatives: View, keyword: str) -> bool:
    """``one`` is written as a ``$ref`` that is also one of the ``alternatives`` (``X`` →
    ``anyOf: [X, Y]`` where X is itself a ``oneOf``): X is the one-branch composition of itself,
    paired with its alternative whatever it holds."""
    written = one.written.node if one.written is not None else None
    ref = written.get("$ref") if isinstance(written, dict) else None
    if not isinstance(ref, str) or _only_alternatives(one) == keyword:
        return False
    return any(isinstance(member, dict) and member.get("$ref") == ref
               for member in sequence_at(alternatives.node, keyword))


def implicit_branch_changes(w: Walk, keyword: str, old_is_plain: bool) -> Iterator[Rel]:
    """The plain side paired with the best alternative of the other; the rest added/removed."""
    from seamguard.contracts.diff_branches import match_branches

    yield from _nullable(w)
    yield from _lifecycle(w)
    plain = w.old if old_is_plain else w.new
    if "discriminator" not in plain.node:
        # (a plain side's own discriminator is compared with the alternative it pairs with)
        yield from _discriminator(w)
    # Its nullability was compared just above, against the whole composition.
    alone = View(plain.side, plain.node, plain.types, False, plain.written)
    single = [alone.written or alone.side]
    if old_is_plain:
        old, new = [single[0].node], sequence_at(w.b, keyword)
        pairs, added, removed = match_branches(w, keyword, old, new, sides_a=single)
    else:
        old, new = sequence_at(w.a, keyword), [single[0].node]
        pairs, added, removed = match_branches(w, keyword, old, new, sides_b=single)
    stem = "any-of" if keyword == "anyOf" else "one-of"
    # the alternatives are written where the composition is, not in the schema paired with one
    where = (w.new if old_is_plain else w.old).origin
    yield from _branch_rules(w, keyword, stem, "added", added, where)
    yield from _branch_rules(w, keyword, stem, "removed", removed, where)
    for i, j in pairs:
        if old_is_plain:
            other = view(w.new.side.child(f"{keyword}/{j}", new[j]), w.depth + 1)
            yield from w.d._pair(alone, other, w.root, w.depth + 1)
        else:
            other = view(w.old.side.child(f"{keyword}/{i}", old[i]), w.depth + 1)
            yield from w.d._pair(other, alone, w.root, w.depth + 1)
