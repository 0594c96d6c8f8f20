"""What one pair of schema nodes reports about its values: const and default, length, size
and numeric bounds, and the pattern."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from seamguard.contracts.diff_schema import Rel, canonical

if TYPE_CHECKING:
    from seamguard.contracts.diff_schema import Walk

# keyword, rule stem, whether a larger value narrows what is valid
_BOUNDS = (
    ("maxLength", "max-length", False), ("maxItems", "max-items", False),
    ("maxContains", "max-contains", False),
    ("minLength", "min-length", True), ("minItems", "min-items", True),
    ("minContains", "min-contains", True),
    ("maxProperties", "max-properties", False), ("minProperties", "min-properties", True),
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
    numeric = not w.new.types or bool({"number", "integer"} & set(w.new.types))
    for plain, exclusive, stem_plain, stem_exclusive, lower in _RANGES:
        old = _range_bound(w.a, plain, exclusive, lower)
        new = _range_bound(w.b, plain, exclusive, lower)
        if old == new or (new is None and not numeric):
            continue  # a bound dropped with the number it bounded is the type change
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
_ZERO_WHEN_ABSENT = frozenset({"minLength", "minItems", "minProperties"})


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
    yield from _multiple_of(w)
    yield from _unique_items(w)
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


def _multiple_of(w: Walk) -> Iterator[Rel]:
    """``multipleOf``: a new step the old one is a multiple of (``0.01`` → ``0.001``) lets
    more through; any other new step refuses values the old one took."""
    old, new = w.a.get("multipleOf"), w.b.get("multipleOf")
    if old == new or not all(v is None or (_number(v) and v > 0) for v in (old, new)):
        return
    if old is None:
        change, narrows = "set", True
    elif new is None:
        change, narrows = "unset", False
    else:
        narrows = Fraction(str(old)) % Fraction(str(new)) != 0
        if not narrows and w.request:
            change = "generalized"
        elif narrows and not w.request:
            return  # a response whose numbers are fewer breaks no reader
        else:
            change = "changed"
    yield from w.node_rule(f"multiple-of-{change}",
                           f"multipleOf {_show(old)} → {_show(new)}",
                           widened=not w.request and not narrows)


def _unique_items(w: Walk) -> Iterator[Rel]:
    old, new = w.a.get("uniqueItems") is True, w.b.get("uniqueItems") is True
    if old != new:
        yield from w.node_rule(f"unique-items-{'set' if new else 'unset'}",
                               f"uniqueItems {str(old).lower()} → {str(new).lower()}",
                               widened=not w.request and old)


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
