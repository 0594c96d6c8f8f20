"""What one pair of schema nodes reports about deprecation and stability, the discriminator
and the JSON Schema 2020-12 keywords."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from seamguard.contracts.diff_bounds import _presence, _show
from seamguard.contracts.diff_lifecycle import deprecation_rule, rank, stability_of
from seamguard.contracts.diff_schema import Rel, canonical, mapping_at, sequence_at

if TYPE_CHECKING:
    from seamguard.contracts.diff_schema import Walk


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
