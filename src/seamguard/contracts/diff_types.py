"""What one pair of schema nodes reports about its type: the type itself, a list of types,
nullability, enums, and an object moved into ``oneOf`` alternatives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from seamguard.contracts.diff_catalog import rule
from seamguard.contracts.diff_schema import (
    ANNOTATIONS,
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

_PRIMITIVES = frozenset({"string", "number", "integer", "boolean"})


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
    if w.request and not w.root and w.b.get("readOnly") is True:
        return  # never sent in a request (oasdiff skips it too); the response side speaks
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
    if old is not None and new is None and not w.request and not root and (
            w.b.get("const") is None):
        # every value of the type may now arrive, not only the listed ones
        yield from w.emit("response-property-enum-removed",
                          f"enum {', '.join(old)} removed: any value may now arrive",
                          widened=True)
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
