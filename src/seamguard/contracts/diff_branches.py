"""Pairing the ``anyOf``/``oneOf``/``allOf`` branches of two versions of a schema.

Branches have no names, so they are paired by what they are, in this order:

1. the same ``$ref`` on both sides;
2. branches that mean the same (the same structure once references are resolved, nullability
   normalised and annotations ignored), inline or referenced — so an inline enum moved into an
   identical component is no change;
3. the same ``title``;
4. the remaining pairs by structural similarity (types, property names, enum values, required
   names), best first, when at least one of the two is inline — an edit inside an inline branch
   is then reported as that edit, not as one branch removed and another added. Two different
   ``$ref`` names stay a removal and an addition: a renamed component is a change to see;
5. the one inline branch left on each side, however different.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from seamguard.contracts.diff_schema import ANNOTATIONS, canonical, implied_types, view

if TYPE_CHECKING:
    from seamguard.contracts.diff_schema import Side, View, Walk

__all__ = ["fingerprint", "match_branches", "similarity"]

Branch = tuple[int, dict[str, Any], str]
_MIN_SIMILARITY = 0.34


def _features(node: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    kind = node.get("type")
    for t in [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []:
        found.add(f"type:{t}")
    props = node.get("properties")
    if isinstance(props, dict):
        found.update(f"prop:{name}" for name in props)
    for value in node.get("enum") or [] if isinstance(node.get("enum"), list) else []:
        found.add(f"enum:{canonical(value)}")
    for name in node.get("required") or [] if isinstance(node.get("required"), list) else []:
        found.add(f"req:{name}")
    if "const" in node:
        found.add(f"const:{canonical(node['const'])}")
    for key in ("items", "format", "title"):
        if key in node:
            found.add(f"{key}:{canonical(node[key])[:80]}")
    return found


def similarity(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Jaccard similarity of two schema nodes' structural features (0 to 1)."""
    fa, fb = _features(a), _features(b)
    if not fa and not fb:
        return 1.0
    return len(fa & fb) / len(fa | fb)


_ONE = ("items", "additionalProperties", "not", "if", "then", "else", "contains",
        "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema")
_MAPS = ("properties", "patternProperties", "dependentSchemas")
_SETS = ("oneOf", "anyOf", "allOf")


def fingerprint(side: Side, memo: dict[tuple[str, str], str]) -> str:
    """A text that two schemas share when they validate the same way: the branch's own
    reference resolved, nullability spellings and branch order normalised, annotations ignored.

    References *inside* the branch are kept as written (two versions that refer to the same
    component name agree), which keeps the cost to the branch's own size, cycles included.
    """
    current = view(side)
    key = current.side.key
    found = memo.get(key)
    if found is None:
        found = memo[key] = _fingerprint(current.node, implied_types(current),
                                         current.nullable, 0)
    return found


def deep_fingerprint(side: Side, memo: dict[tuple[str, str], str]) -> str:
    """As ``fingerprint``, with the references inside the branch followed too (to a bounded
    depth; a cycle stays as written): an inline schema inside a branch moved to a component,
    or the reverse, keeps the branch's meaning."""
    current = view(side)
    key = (current.side.uri, current.side.pointer + "#deep")
    found = memo.get(key)
    if found is None:
        node = _expand_children(current.side, current.node, 0, frozenset({current.side.key}))
        found = memo[key] = _fingerprint(node, implied_types(current), current.nullable, 0)
    return found


def _expand(side: Side, depth: int, path: frozenset[tuple[str, str]]) -> Any:
    resolved = side.resolve()
    if not isinstance(resolved.node, dict) or depth > 8 or resolved.key in path:
        return side.node
    return _expand_children(resolved, resolved.node, depth, path | {resolved.key})


def _expand_children(side: Side, node: dict[str, Any], depth: int,
                     path: frozenset[tuple[str, str]]) -> dict[str, Any]:
    def one(key: str, value: Any) -> Any:
        return _expand(side.child(key, value), depth + 1, path) if isinstance(
            value, dict) else value

    out: dict[str, Any] = {}
    for name, value in node.items():
        if name in _ONE:
            out[name] = one(name, value)
        elif name in _MAPS and isinstance(value, dict):
            out[name] = {k: one(f"{name}/{str(k).replace('~', '~0').replace('/', '~1')}", v)
                         for k, v in value.items()}
        elif (name in _SETS or name == "prefixItems") and isinstance(value, list):
            out[name] = [one(f"{name}/{index}", v) for index, v in enumerate(value)]
        else:
            out[name] = value
    return out


def _fingerprint(node: dict[str, Any], types: tuple[str, ...], nullable: bool,
                 depth: int) -> str:
    def sub(value: Any) -> str:
        if not isinstance(value, dict):
            return canonical(value)
        if isinstance(value.get("$ref"), str) or depth > 16:
            return canonical(value)
        kind = value.get("type")
        kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
        return _fingerprint(value, tuple(sorted(k for k in kinds if k != "null")),
                            value.get("nullable") is True or "null" in kinds, depth + 1)

    parts: dict[str, Any] = {"type": list(types), "nullable": nullable}
    for name, value in node.items():
        if name in ANNOTATIONS or name in ("type", "nullable"):
            continue
        if name in _ONE and isinstance(value, dict):
            parts[name] = sub(value)
        elif name in _MAPS and isinstance(value, dict):
            parts[name] = {str(k): sub(v) for k, v in value.items()}
        elif name in _SETS and isinstance(value, list):
            parts[name] = sorted(sub(v) for v in value)
        elif name == "prefixItems" and isinstance(value, list):
            parts[name] = [sub(v) for v in value]
        elif name in ("enum", "required") and isinstance(value, list):
            parts[name] = sorted(canonical(v) for v in value if v is not None)
        else:
            parts[name] = canonical(value)
    text = canonical(parts)
    if len(text) > 64:
        text = hashlib.sha1(text.encode("utf-8")).hexdigest()  # an identity, not a secret
    return text


def _label(side: Side) -> str:
    name = side.ref_name
    if name:
        return name
    node = side.node if isinstance(side.node, dict) else {}
    if isinstance(node.get("title"), str):
        return str(node["title"])
    text = canonical(node)
    return text if len(text) <= 60 else text[:59] + "…"


def match_branches(w: Walk, keyword: str, old: list[Any], new: list[Any], *,
                   sides_a: list[Side] | None = None, sides_b: list[Side] | None = None
                   ) -> tuple[list[tuple[int, int]], list[Branch], list[Branch]]:
    """Pair the branches of ``keyword``: (pairs of indexes, added, removed).

    ``sides_a``/``sides_b`` give the branches' places when they are not ``keyword/<index>``
    below the walk's nodes (a plain schema standing in as the only branch).
    """
    if sides_a is None:
        sides_a = [w.old.side.child(f"{keyword}/{i}", node) for i, node in enumerate(old)]
    if sides_b is None:
        sides_b = [w.new.side.child(f"{keyword}/{j}", node) for j, node in enumerate(new)]
    views_a: dict[int, View] = {}
    views_b: dict[int, View] = {}

    def va(i: int) -> View:
        if i not in views_a:
            views_a[i] = view(sides_a[i], w.depth + 1)
        return views_a[i]

    def vb(j: int) -> View:
        if j not in views_b:
            views_b[j] = view(sides_b[j], w.depth + 1)
        return views_b[j]

    left, right = list(range(len(old))), list(range(len(new)))
    pairs: list[tuple[int, int]] = []

    def take(i: int, j: int) -> None:
        pairs.append((i, j))
        left.remove(i)
        right.remove(j)

    for i in list(left):  # 1. the same $ref
        name = sides_a[i].ref_name
        if name is None:
            continue
        ref = old[i]["$ref"]
        for j in right:
            if isinstance(new[j], dict) and new[j].get("$ref") == ref:
                take(i, j)
                break
    memo = w.d.fingerprints
    for i in list(left):  # 2. the same meaning
        for j in right:
            if sides_a[i].ref_name and sides_b[j].ref_name:
                continue  # two different names: a rename is a change
            if fingerprint(sides_a[i], memo) == fingerprint(sides_b[j], memo):
                take(i, j)
                break
    for i in list(left):  # 2b. the same meaning, the references inside the branch followed
        for j in right:
            if sides_a[i].ref_name and sides_b[j].ref_name:
                continue
            if deep_fingerprint(sides_a[i], memo) == deep_fingerprint(sides_b[j], memo):
                take(i, j)
                break
    for i in list(left):  # 3. the same title
        title = va(i).node.get("title")
        if not isinstance(title, str):
            continue
        for j in right:
            if vb(j).node.get("title") == title:
                take(i, j)
                break
    scored = sorted(
        ((similarity(va(i).node, vb(j).node), i, j) for i in left for j in right
         if not (sides_a[i].ref_name and sides_b[j].ref_name)),
        key=lambda item: (-item[0], item[1], item[2]))
    for score, i, j in scored:  # 4. the most similar
        if i in left and j in right and score >= _MIN_SIMILARITY:
            take(i, j)
    if len(left) == 1 and len(right) == 1 and not (
            sides_a[left[0]].ref_name or sides_b[right[0]].ref_name):
        take(left[0], right[0])  # 5. the one inline branch left on each side
    added = [(j, vb(j).node, _label(sides_b[j])) for j in right]
    removed = [(i, va(i).node, _label(sides_a[i])) for i in left]
    return sorted(pairs), added, removed
