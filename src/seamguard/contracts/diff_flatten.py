"""``allOf`` read as one schema: parts that merge into one object, a single part with only
notes beside it, and the flattened node the walk compares."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from seamguard.contracts.diff_nodes import (
    _MAX_DEPTH,
    ANNOTATIONS,
    Side,
    View,
    _escape,
    canonical,
    mapping_at,
    sequence_at,
    view,
)

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
    own = _said(v.node) - {"allOf"}
    if own - {"type"}:
        return None
    parts = [(index, view(v.side.child(f"allOf/{index}", member)))
             for index, member in enumerate(members)]
    real = [(index, part) for index, part in parts if _said(part.node)]
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
    inner = real[0][1]
    if "type" in own and not (v.types and set(v.types) == set(inner.types)):
        return None  # the type beside the allOf says more than the part
    # A part that only says `nullable: true` is 3.0's way to make a $ref nullable, as the
    # keyword beside it would be.
    noted = any(part.node.get("nullable") is True for _, part in parts
                if part is not inner and not _said(part.node) - {"type"})
    return View(inner.side, inner.node, inner.types, inner.nullable or v.nullable or noted,
                inner.written, inner.wrapper or v.origin)


_NOTES = ANNOTATIONS | {"nullable"}


def _said(node: dict[str, Any]) -> set[str]:
    """The keywords of ``node`` that constrain a value: not annotations, ``nullable``, ``x-``
    extensions, nor ``additionalProperties: true`` / ``{}`` (the default written out, as
    Plaid's generated parts do: ``{type: object, additionalProperties: true, description}``)."""
    return {key for key in node if key not in _NOTES and not str(key).startswith("x-")
            and not (key == "additionalProperties" and node[key] in (True, {}))}


def _restates(part: View, other: View) -> bool:
    """``part`` says nothing but annotations and the type ``other`` already has."""
    return not _said(part.node) - {"type"} and bool(part.types) and set(
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
