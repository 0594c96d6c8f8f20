"""A free-form schema against a composition of alternatives, on either side.

A free-form object (``type: object`` with no properties, or ``additionalProperties: true`` /
``{}``) takes any object, and a schema without constraints takes any value. When one version
writes such a schema and the other an ``anyOf``/``oneOf`` of alternatives it already allowed,
the change is no alternative removed or replaced: the free form is every alternative at once.
Free-form → alternatives narrows what is valid (a request that matches none is now refused;
a reader meets nothing new); alternatives → free form widens it (a reader may now meet any
object). The alternatives are reported with the ``*-one-of-*`` / ``*-any-of-*`` ids, graded by
that meaning, and an alternative the free form did not allow (a string where it took objects)
keeps the rule's own level.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from seamguard.contracts.diff_schema import ANNOTATIONS, STRUCTURE, Rel, View, implied_types, view

if TYPE_CHECKING:
    from seamguard.contracts.diff_schema import Walk

__all__ = ["free_form", "free_form_branch", "free_form_changes"]

_ALTERNATIVES = ("oneOf", "anyOf")
_PLAIN = frozenset({"type", "nullable", "minProperties"}) | ANNOTATIONS


def free_form(v: View) -> bool:
    """The schema takes any object (``type: object`` and nothing that constrains members) or
    any value at all."""
    if set(v.types) - {"object"}:
        return False
    for key, value in v.node.items():
        if key in _PLAIN or key.startswith("x-"):
            if key == "minProperties" and value not in (0, None):
                return False
            continue
        if key in ("additionalProperties", "unevaluatedProperties") and value in (True, {}):
            continue
        if key in ("properties", "patternProperties") and value == {}:
            continue
        if key == "required" and value == []:
            continue
        return False
    return True


def _alternatives(v: View) -> str | None:
    """``oneOf``/``anyOf`` when the node is alternatives and nothing else that constrains."""
    for keyword in _ALTERNATIVES:
        members = v.node.get(keyword)
        if (isinstance(members, list) and members
                and not set(v.node) & STRUCTURE - {keyword, "type"}
                and not set(v.types) - {"object"}):
            return keyword
    return None


def free_form_branch(w: Walk) -> tuple[str, bool] | None:
    """(keyword, the old side is the free one) when one side is free-form and the other
    alternatives; None otherwise. Parameters and headers have no branch rules."""
    if w.d.scope != "body":
        return None
    old_free, new_free = free_form(w.old), free_form(w.new)
    if old_free and not new_free:
        keyword = _alternatives(w.new)
        return (keyword, True) if keyword else None
    if new_free and not old_free:
        keyword = _alternatives(w.old)
        return (keyword, False) if keyword else None
    return None


def _allowed(free: View, branch: View) -> bool:
    """The free form already takes every value of ``branch``."""
    if not free.types:
        return True
    kinds = branch.types or implied_types(branch)
    return bool(kinds) and set(kinds) <= {"object"}


def free_form_changes(w: Walk, keyword: str, old_is_free: bool) -> Iterator[Rel]:
    """The alternatives of the composed side, graded by what the free form already took."""
    from seamguard.contracts.diff_annotations import _discriminator, _lifecycle
    from seamguard.contracts.diff_branches import _label
    from seamguard.contracts.diff_composition import _branch_rules
    from seamguard.contracts.diff_types import _nullable

    yield from _nullable(w)
    yield from _lifecycle(w)
    yield from _discriminator(w)
    free, composed = (w.old, w.new) if old_is_free else (w.new, w.old)
    within: list[str] = []
    beyond: list[tuple[int, dict[str, Any], str]] = []
    for index, member in enumerate(composed.node.get(keyword) or []):
        side = composed.side.child(f"{keyword}/{index}", member)
        label = _label(side)
        if _allowed(free, view(side, w.depth + 1)):
            within.append(label)
        else:
            beyond.append((index, member if isinstance(member, dict) else {}, label))
    stem = "any-of" if keyword == "anyOf" else "one-of"
    what = "a free-form object" if free.types else "a schema that takes any value"
    if within:
        names = ", ".join(within)
        if old_is_free:
            yield from w.node_rule(
                f"{stem}-added", f"{what} became {keyword} {names}: a value that matches none "
                                 "is no longer valid", sense="narrows")
        else:
            yield from w.node_rule(
                f"{stem}-removed", f"{keyword} {names} became {what}: any such value is now "
                                   "valid", widened=not w.request, sense="widens")
    yield from _branch_rules(w, keyword, stem, "added" if old_is_free else "removed", beyond)
