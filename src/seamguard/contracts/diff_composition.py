"""What one pair of schema nodes reports about composition: ``anyOf``/``oneOf``/``allOf``
branches added, removed and paired, and a plain schema against a composition of alternatives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from seamguard.contracts.diff_annotations import _discriminator, _lifecycle
from seamguard.contracts.diff_branches import _label, match_branches
from seamguard.contracts.diff_schema import (
    ANNOTATIONS,
    STRUCTURE,
    Rel,
    View,
    sequence_at,
    view,
)
from seamguard.contracts.diff_types import _nullable, list_of_types, wrapped

if TYPE_CHECKING:
    from seamguard.contracts.diff_schema import Walk


def branch_changes(w: Walk) -> Iterator[Rel]:
    """anyOf/oneOf/allOf branches added or removed; paired branches compared."""

    listed = list_of_types(w)
    yield from listed or ()
    swap = _keyword_swap(w) if listed is None else None
    if swap is not None:
        yield from _swapped_changes(w, *swap)
    for keyword, stem in (("oneOf", "one-of"), ("anyOf", "any-of"), ("allOf", "all-of")):
        if swap is not None and keyword in swap:
            continue
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


_STEMS = {"oneOf": "one-of", "anyOf": "any-of"}


def _keyword_swap(w: Walk) -> tuple[str, str] | None:
    """(old keyword, new keyword) when the alternatives moved from ``oneOf`` to ``anyOf`` or
    back and the node uses only one of the two on each side."""
    for before, after in (("oneOf", "anyOf"), ("anyOf", "oneOf")):
        if (sequence_at(w.a, before) and not sequence_at(w.a, after)
                and sequence_at(w.b, after) and not sequence_at(w.b, before)):
            return before, after
    return None


def _swapped_changes(w: Walk, before: str, after: str) -> Iterator[Rel]:
    """Alternatives that moved between ``oneOf`` and ``anyOf`` pair across the keywords, so an
    edit inside one is that edit. The swap keeps oasdiff's ids (``*-<old>-removed``,
    ``*-<new>-added``) graded by what it does: ``anyOf`` accepts every value ``oneOf`` did
    (and those matching several alternatives), so oneOf → anyOf breaks no sender and, since
    a value still matches an alternative the reader knows, no reader; anyOf → oneOf refuses a
    value matching several alternatives, so it stays an error in a request only."""
    old, new = sequence_at(w.a, before), sequence_at(w.b, after)
    sides_a = [w.old.side.child(f"{before}/{i}", node) for i, node in enumerate(old)]
    sides_b = [w.new.side.child(f"{after}/{j}", node) for j, node in enumerate(new)]
    pairs, added, removed = match_branches(w, after, old, new, sides_a=sides_a,
                                           sides_b=sides_b)
    if pairs:
        names = ", ".join(_label(sides_b[j]) for _, j in pairs)
        harmless = before == "oneOf" or not w.request
        note = f"the same alternatives {names}, now under {after}"
        for keyword, change in ((before, "removed"), (after, "added")):
            yield from w.node_rule(f"{_STEMS[keyword]}-{change}", f"{keyword} {change}: {note}",
                                   sense="same" if harmless else "")
    yield from _branch_rules(w, after, _STEMS[after], "added", added)
    yield from _branch_rules(w, before, _STEMS[before], "removed", removed)
    for i, j in pairs:
        yield from w.sub(old[i], new[j], f"{before}/{i}", f"{after}/{j}", "")


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
