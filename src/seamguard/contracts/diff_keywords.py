"""What one pair of schema nodes reports: type, nullability, enums, bounds, composition...

Each function reads a :class:`~seamguard.contracts.diff_schema.Walk` (the two normalised nodes,
the direction and scope, whether the node is the payload root) and yields the node's own changes.
Rule ids are built as ``<direction>-<body|property>-<change>`` (parameters and response headers
have their own prefixes) and kept only when the catalogue holds them.

The keywords are read in :mod:`~seamguard.contracts.diff_types`,
:mod:`~seamguard.contracts.diff_bounds`, :mod:`~seamguard.contracts.diff_annotations` and
:mod:`~seamguard.contracts.diff_composition`; properties are read here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from seamguard.contracts.diff_annotations import _discriminator, _json_schema_2020, _lifecycle
from seamguard.contracts.diff_bounds import _bounds, _pattern, _values
from seamguard.contracts.diff_composition import (
    branch_changes,
    implicit_branch,
    implicit_branch_changes,
)
from seamguard.contracts.diff_schema import Rel, mapping_at, view
from seamguard.contracts.diff_types import _enum, _nullable, _types, list_of_types, wrapped

if TYPE_CHECKING:
    from seamguard.contracts.diff_schema import Walk

__all__ = ["branch_changes", "implicit_branch", "implicit_branch_changes", "list_of_types",
           "node_changes", "property_changes", "wrapped"]


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
                kind = "required " if name in req_a else ""
                yield from out("request-property-removed", f"{kind}property {name} removed",
                               name)
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
