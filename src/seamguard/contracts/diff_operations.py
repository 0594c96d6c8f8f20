"""One operation against its next version: lifecycle, metadata, security, parameters, request
body, responses and response headers. Payload schemas go to the schema walk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from seamguard.contracts.diff_lifecycle import (
    deprecation_rule,
    rank,
    removal_rule,
    stability_of,
    sunset_change,
)
from seamguard.contracts.diff_schema import SchemaDiffer, Side, mapping_at
from seamguard.contracts.diff_security import effective_security, operation_security, tightened

if TYPE_CHECKING:
    from seamguard.contracts.diff import _ContractDiff, _Op

__all__ = ["OperationDiff", "is_json"]


def is_json(media_type: str) -> bool:
    """``application/json`` or a ``+json`` type: a number is not a string there."""
    base = media_type.split(";", 1)[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _media_parts(name: str) -> tuple[str, str, str]:
    essence, _, params = name.partition(";")
    kind, _, sub = essence.strip().lower().partition("/")
    return kind, sub, params.strip()


def _covers(broad: str, narrow: str) -> bool:
    bt, bs, _ = _media_parts(broad)
    nt, ns, _ = _media_parts(narrow)
    return (bt in ("*", nt)) and (bs in ("*", ns) or (bs.startswith("*+")
                                                      and ns.endswith(bs[1:])))


def _renamed_media(old: dict[str, Any], new: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Media types that only changed their name: old name -> (new name, change)."""
    gone, came = sorted(old.keys() - new.keys()), sorted(new.keys() - old.keys())
    found: dict[str, tuple[str, str]] = {}
    for name in gone:
        for other in came:
            if other in (n for n, _ in found.values()):
                continue
            if _media_parts(name)[:2] == _media_parts(other)[:2]:
                found[name] = (other, "changed")  # only the parameters differ
            elif _covers(other, name):
                found[name] = (other, "generalized")
            elif _covers(name, other):
                found[name] = (other, "specialized")
            else:
                continue
            break
    return found


class _Param:
    """A parameter of one side: its key, raw object and where it lives."""

    def __init__(self, key: tuple[str, str], side: Side, from_path_item: bool) -> None:
        self.key = key
        self.side = side
        self.node: dict[str, Any] = side.node if isinstance(side.node, dict) else {}
        self.from_path_item = from_path_item

    @property
    def label(self) -> str:
        return f"{self.node.get('in')} parameter {self.node.get('name')}"

    def schema(self) -> tuple[Side | None, str | None]:
        """The parameter's schema, from ``schema`` or its single ``content`` entry."""
        if isinstance(self.node.get("schema"), dict | bool):
            return self.side.child("schema", self.node["schema"]), None
        content = self.node.get("content")
        if isinstance(content, dict) and content:
            media, entry = next(iter(content.items()))
            if isinstance(entry, dict) and isinstance(entry.get("schema"), dict | bool):
                key = str(media).replace("~", "~0").replace("/", "~1")
                return self.side.child(f"content/{key}/schema", entry["schema"]), str(media)
        return None, None


def _style(param: _Param) -> tuple[str, bool]:
    """The style and explode in effect: form for query and cookie parameters, simple for path
    and header ones; explode is true by default for form only."""
    node = param.node
    style = node.get("style")
    if not isinstance(style, str) or not style:
        style = "form" if node.get("in") in ("query", "cookie") else "simple"
    explode = node.get("explode")
    return style, explode if isinstance(explode, bool) else style == "form"


def _form(param: _Param, media: str | None) -> str:
    if media:
        return f"content {media}"
    style, explode = _style(param)
    return f"schema (style {style}{', explode' if explode else ''})"


_SCALARS = frozenset({"string", "number", "integer", "boolean", "null"})


def _scalar(schema: Any) -> bool:
    """Whether every value the schema allows is one value (explode changes nothing for it);
    a schema that does not name its type may be a list or an object."""
    if not isinstance(schema, dict) or any(schema.get(k) for k in ("oneOf", "anyOf", "allOf")):
        return False
    kind = schema.get("type")
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return bool(kinds) and all(k in _SCALARS for k in kinds)


class OperationDiff:
    """Compares paired operations for one contract diff (schema memos shared between them)."""

    def __init__(self, owner: _ContractDiff) -> None:
        self.owner = owner
        self._differs: dict[tuple[str, str, bool, bool, int], SchemaDiffer] = {}
        self.days = 0  # the deprecation period of the operation being compared

    def differ(self, direction: str, scope: str, *, strong: bool = True,
               header: bool = False) -> SchemaDiffer:
        # The deprecation period depends on the operation's stability: one differ (and memo)
        # per period, so a shared schema is judged by each operation's own.
        key = (direction, scope, strong, header, self.days)
        if key not in self._differs:
            self._differs[key] = SchemaDiffer(direction, scope, strongly_typed=strong,
                                              header_param=header,
                                              lifecycle=(self.owner.policy, self.days))
        return self._differs[key]

    def side(self, which: str, op: _Op, pointer: str, node: Any, *,
             item: bool = False) -> Side:
        contract = self.owner.base if which == "base" else self.owner.revision
        uri = (op.item_uri if item and op.item_uri else op.uri) or contract.docs.entry_uri
        return Side(contract.docs, uri, pointer, node)

    def deref(self, which: str, op: _Op, pointer: str, node: Any, *,
              item: bool = False) -> Side:
        return self.side(which, op, pointer, node, item=item).resolve()

    def compare(self, old: _Op, new: _Op) -> None:
        add = self.owner.add
        label = new.label
        self._lifecycle(old, new)
        before, after = old.raw.get("operationId"), new.raw.get("operationId")
        if before != after:
            if before:
                add("api-operation-id-removed", label, "operationId",
                    f"operationId {before} removed" + (f", now {after}" if after else ""),
                    "operation")
            else:
                add("api-operation-id-added", label, "operationId", f"operationId {after} added",
                    "operation")
        tags_a = [t for t in old.raw.get("tags") or [] if isinstance(t, str)]
        tags_b = [t for t in new.raw.get("tags") or [] if isinstance(t, str)]
        for tag in sorted(set(tags_a) - set(tags_b)):
            add("api-tag-removed", label, "tags", f"tag {tag} removed", "operation")
        for tag in sorted(set(tags_b) - set(tags_a)):
            add("api-tag-added", label, "tags", f"tag {tag} added", "operation")
        for rule, message in operation_security(old.raw.get("security"),
                                                new.raw.get("security")):
            add(rule, label, "security", message, "operation")
        if not new.webhook:
            self._security_tightened(old, new)
        self._parameters(old, new)
        self._request_body(old, new)
        self._responses(old, new)

    def _lifecycle(self, old: _Op, new: _Op) -> None:
        """Stability level, deprecation and sunset of the operation itself."""
        add, label, policy = self.owner.add, new.label, self.owner.policy
        (before, invalid_a), (after, invalid_b) = stability_of(old.raw), stability_of(new.raw)
        for invalid, which in ((invalid_a, "base"), (invalid_b, "revision")):
            if invalid:
                add("api-invalid-stability-level", label, "x-stability-level",
                    f"{invalid} ({which})", "operation")
        if not (invalid_a or invalid_b) and before != after and not policy.below(before):
            rule = ("api-stability-decreased" if rank(after) < rank(before)
                    else "api-stability-increased")
            add(rule, label, "x-stability-level", f"stability {before} → {after}", "operation")
        if policy.below(after):
            self.owner.unsettled[label] = after
        self.days = policy.days_for(after)
        was, now = old.raw.get("deprecated") is True, new.raw.get("deprecated") is True
        if now and not was and not invalid_b:
            rule, note = deprecation_rule(new.raw, "api", self.days, policy,
                                          "endpoint-deprecated")
            add(rule, label, "", f"{label} deprecated{note}", "operation")
        elif was and not now:
            add("endpoint-reactivated", label, "", f"{label} is no longer deprecated",
                "operation")
        moved = sunset_change(old.raw, new.raw, "api", self.days, policy)
        if moved is not None and not invalid_b:
            add(moved[0], label, "x-sunset", moved[1], "operation")

    def _security_tightened(self, old: _Op, new: _Op) -> None:
        documents = (self.owner.base.document, self.owner.revision.document)
        lost = tightened(effective_security(old.raw, documents[0]),
                         effective_security(new.raw, documents[1]))
        if not lost:
            return
        shown = ", ".join(lost[:3]) + (f" (+{len(lost) - 3} more)" if len(lost) > 3 else "")
        global_only = "security" not in old.raw and "security" not in new.raw
        self.owner.add("api-security-tightened", new.label, "security",
                       f"no longer accepted: {shown}; every remaining requirement asks for more",
                       "operation", component="#/security" if global_only else "")

    # -- parameters ----------------------------------------------------------------------------

    def _params(self, which: str, op: _Op) -> dict[tuple[str, str], _Param]:
        found: dict[tuple[str, str], _Param] = {}
        for owner, pointer, from_item in ((op.item, op.item_pointer, True),
                                          (op.raw, op.pointer, False)):
            params = owner.get("parameters")
            for index, raw in enumerate(params if isinstance(params, list) else []):
                side = self.deref(which, op, f"{pointer}/parameters/{index}", raw,
                                  item=from_item)
                node = side.node
                if not isinstance(node, dict) or "name" not in node or "in" not in node:
                    continue
                where, name = str(node["in"]), str(node["name"])
                if where == "path" and name in op.path_params:
                    name = f"#{op.path_params.index(name)}"  # renamed path parameters pair up
                elif where == "header":
                    name = name.lower()
                found[(where, name)] = _Param((where, name), side, from_item)
        return found

    def _parameters(self, old: _Op, new: _Op) -> None:
        add, label = self.owner.add, new.label
        before, after = self._params("base", old), self._params("revision", new)
        for key in sorted(after.keys() - before.keys()):
            param = after[key]
            where, required = f"parameter {key[0]} {param.node['name']}", bool(
                param.node.get("required"))
            if key[0] == "path":
                add("new-request-path-parameter", label, where, f"{param.label} added",
                    "request")
            elif param.from_path_item and not any(p.from_path_item for p in before.values()
                                                  if p.key == key):
                rule = ("new-required-request-default-parameter-to-existing-path" if required
                        else "new-optional-request-default-parameter-to-existing-path")
                add(rule, label, where, f"{'required' if required else 'optional'} "
                                        f"{param.label} added to every operation of the path",
                    "request")
            else:
                rule = ("new-required-request-parameter" if required
                        else "new-optional-request-parameter")
                add(rule, label, where, f"{'required' if required else 'optional'} "
                                        f"{param.label} added", "request")
        for key in sorted(before.keys() - after.keys()):
            param = before[key]
            where = f"parameter {key[0]} {param.node['name']}"
            rule, note = removal_rule(param.node, "request-parameter", self.owner.policy)
            add(rule, label, where, f"{param.label} removed{note}", "request")
        for key in sorted(before.keys() & after.keys()):
            self._parameter(before[key], after[key], new)

    def _parameter(self, old: _Param, new: _Param, op: _Op) -> None:
        add, label = self.owner.add, op.label
        where = f"parameter {new.key[0]} {new.node.get('name')}"
        was, now = bool(old.node.get("required")), bool(new.node.get("required"))
        if now and not was:
            add("request-parameter-became-required", label, where,
                f"{new.label} became required", "request")
        elif was and not now:
            add("request-parameter-became-optional", label, where,
                f"{new.label} became optional", "request")
        dep_a, dep_b = old.node.get("deprecated") is True, new.node.get("deprecated") is True
        if dep_b and not dep_a:
            rule, note = deprecation_rule(new.node, "request-parameter", self.days,
                                          self.owner.policy, "request-parameter-deprecated")
            add(rule, label, where, f"{new.label} deprecated{note}", "request")
        elif dep_a and not dep_b:
            add("request-parameter-reactivated", label, where,
                f"{new.label} is no longer deprecated", "request")
        moved = sunset_change(old.node, new.node, "request-parameter", self.days,
                              self.owner.policy)
        if moved is not None:
            add(moved[0], label, where, f"{new.label}: {moved[1]}", "request")
        (schema_a, media_a), (schema_b, media_b) = old.schema(), new.schema()
        if media_a != media_b and schema_a is not None and schema_b is not None:
            # schema ↔ content is a change of the wire form too: style serialisation against
            # a value encoded in a media type (e.g. JSON in a query string)
            add("request-parameter-content-media-type-changed", label, where,
                f"{new.label} sent as {_form(old, media_a)} → {_form(new, media_b)}",
                "request")
        elif media_a is None and media_b is None and schema_a is not None \
                and schema_b is not None:
            self._serialization(old, new, schema_a, schema_b, op)
        if new.key[0] == "query" and bool(old.node.get("allowReserved")) != bool(
                new.node.get("allowReserved")):
            if new.node.get("allowReserved"):
                add("request-parameter-became-allow-reserved", label, where,
                    f"{new.label} now accepts reserved characters without percent-encoding",
                    "request")
            else:
                add("request-parameter-became-not-allow-reserved", label, where,
                    f"{new.label} no longer accepts reserved characters without "
                    "percent-encoding", "request")
        if schema_a is None or schema_b is None:
            return
        strong = bool(media_b and is_json(media_b))
        differ = self.differ("request", "parameter", strong=strong,
                             header=new.key[0] == "header")
        self.owner.schema_changes(iter(differ.diff(schema_a, schema_b)), op, where, "request")

    def _serialization(self, old: _Param, new: _Param, schema_a: Side, schema_b: Side,
                       op: _Op) -> None:
        """``style`` and ``explode`` as they take effect (a default written out is no change);
        ``explode`` only matters to a value that can be a list or an object."""
        add, label = self.owner.add, op.label
        where = f"parameter {new.key[0]} {new.node.get('name')}"
        (style_a, explode_a), (style_b, explode_b) = _style(old), _style(new)
        if style_a != style_b:
            add("request-parameter-style-changed", label, where,
                f"{new.label} style {style_a} → {style_b}", "request")
        elif explode_a != explode_b and not (_scalar(schema_a.resolve().node)
                                             and _scalar(schema_b.resolve().node)):
            add("request-parameter-explode-changed", label, where,
                f"{new.label} explode {str(explode_a).lower()} → {str(explode_b).lower()}",
                "request")

    # -- bodies --------------------------------------------------------------------------------

    def _request_body(self, old: _Op, new: _Op) -> None:
        add, label = self.owner.add, new.label
        body_a = self.deref("base", old, f"{old.pointer}/requestBody", old.raw.get("requestBody"))
        body_b = self.deref("revision", new, f"{new.pointer}/requestBody",
                            new.raw.get("requestBody"))
        a = body_a.node if isinstance(body_a.node, dict) else None
        b = body_b.node if isinstance(body_b.node, dict) else None
        if a is None and b is None:
            return
        if a is None:
            required = bool(b and b.get("required"))
            add("request-body-added-required" if required else "request-body-added-optional",
                label, "request body", f"{'required' if required else 'optional'} request body "
                                       "added", "request")
            return
        if b is None:
            add("request-body-removed", label, "request body", "request body removed", "request")
            return
        was, now = bool(a.get("required")), bool(b.get("required"))
        if now and not was:
            add("request-body-became-required", label, "request body",
                "request body became required", "request")
        elif was and not now:
            add("request-body-became-optional", label, "request body",
                "request body became optional", "request")
        # A webhook body is sent by the platform and read by this project: the request rules
        # name the change (as oasdiff does), the consumer stance grades it.
        self._content(body_a, body_b, new, "request body", "request", consumer=new.webhook)

    def _content(self, a: Side, b: Side, op: _Op, where: str, direction: str, *,
                 consumer: bool) -> None:
        add, label = self.owner.add, op.label
        content_a = mapping_at(a.node, "content")
        content_b = mapping_at(b.node, "content")
        prefix = "request-body" if direction == "request" else "response"
        renamed = _renamed_media(content_a, content_b)
        if direction == "request":
            # Only parameters written (`application/json` → `application/json; charset=utf-8`):
            # the same body, compared as one; oasdiff has no id for it and reads a removal.
            renamed = {k: v for k, v in renamed.items() if v[1] == "changed"}
        else:
            for old_media, (new_media, change) in renamed.items():
                add(f"response-media-type-name-{change}", label, f"{where} {new_media}",
                    f"media type {old_media} → {new_media}", direction)
        content_a = {renamed.get(k, (k, ""))[0]: v for k, v in content_a.items()}
        for media in sorted(content_a.keys() - content_b.keys()):
            add(f"{prefix}-media-type-removed", label, f"{where} {media}",
                f"media type {media} removed", direction)
        for media in sorted(content_b.keys() - content_a.keys()):
            add(f"{prefix}-media-type-added", label, f"{where} {media}",
                f"media type {media} added", direction)
        body = "request-body" if direction == "request" else "response-body"
        for media in sorted(content_a.keys() & content_b.keys()):
            entry_a, entry_b = content_a[media], content_b[media]
            schema_a = entry_a.get("schema") if isinstance(entry_a, dict) else None
            schema_b = entry_b.get("schema") if isinstance(entry_b, dict) else None
            if schema_a is None and schema_b is None:
                continue
            if schema_a is None or schema_b is None:
                change = "added" if schema_a is None else "removed"
                add(f"{body}-media-type-schema-{change}", label, f"{where} {media}",
                    f"schema of {media} {change}", direction)
                continue
            key = str(media).replace("~", "~0").replace("/", "~1")
            side_a = a.child(f"content/{key}/schema", schema_a)
            side_b = b.child(f"content/{key}/schema", schema_b)
            differ = self.differ(direction, "body", strong=is_json(str(media)))
            self.owner.schema_changes(iter(differ.diff(side_a, side_b)), op, f"{where} {media}",
                                      direction, consumer=consumer or direction == "response")

    # -- responses -----------------------------------------------------------------------------

    def _responses(self, old: _Op, new: _Op) -> None:
        add, label = self.owner.add, new.label
        res_a = mapping_at(old.raw, "responses")
        res_b = mapping_at(new.raw, "responses")
        keys_a, keys_b = {str(k): k for k in res_a}, {str(k): k for k in res_b}
        for status in sorted(keys_a.keys() - keys_b.keys()):
            kind = "success" if status.startswith("2") else "non-success"
            add(f"response-{kind}-status-removed", label, f"response {status}",
                f"response status {status} removed", "response")
        for status in sorted(keys_b.keys() - keys_a.keys()):
            kind = "success" if status.startswith("2") else "non-success"
            add(f"response-{kind}-status-added", label, f"response {status}",
                f"response status {status} added", "response")
        for status in sorted(keys_a.keys() & keys_b.keys()):
            key = status.replace("~", "~0").replace("/", "~1")
            a = self.deref("base", old, f"{old.pointer}/responses/{key}", res_a[keys_a[status]])
            b = self.deref("revision", new, f"{new.pointer}/responses/{key}",
                           res_b[keys_b[status]])
            if not isinstance(a.node, dict) or not isinstance(b.node, dict):
                continue
            self._headers(a, b, new, status)
            self._content(a, b, new, f"response {status}", "response", consumer=True)

    def _headers(self, a: Side, b: Side, op: _Op, status: str) -> None:
        add, label = self.owner.add, op.label

        # Header names pair without case and are shown as the spec writes them (the newer
        # spelling when both have one), as oasdiff does.
        written: dict[str, str] = {}

        def headers(side: Side) -> dict[str, Side]:
            raw = side.node.get("headers")
            found = {}
            for name, header in (raw.items() if isinstance(raw, dict) else ()):
                key = str(name).replace("~", "~0").replace("/", "~1")
                found[str(name).lower()] = side.child(f"headers/{key}", header).resolve()
                written[str(name).lower()] = str(name)
            return found

        before, after = headers(a), headers(b)
        for low in sorted(before.keys() - after.keys()):
            name = written[low]
            required = isinstance(before[low].node, dict) and before[low].node.get("required")
            rule = "required-response-header-removed" if required else (
                "optional-response-header-removed")
            add(rule, label, f"response {status} header {name}",
                f"{'required' if required else 'optional'} header {name} removed", "response")
        for low in sorted(after.keys() - before.keys()):
            name = written[low]
            add("response-header-added", label, f"response {status} header {name}",
                f"header {name} added", "response")
        for low in sorted(before.keys() & after.keys()):
            name = written[low]
            ha, hb = before[low].node, after[low].node
            if not isinstance(ha, dict) or not isinstance(hb, dict):
                continue
            where = f"response {status} header {name}"
            if ha.get("required") is True and hb.get("required") is not True:
                add("response-header-became-optional", label, where,
                    f"header {name} became optional", "response")
            if isinstance(ha.get("schema"), dict) and isinstance(hb.get("schema"), dict):
                differ = self.differ("response", "header", strong=False)
                rels = differ.diff(before[low].child("schema", ha["schema"]),
                                   after[low].child("schema", hb["schema"]))
                self.owner.schema_changes(iter(rels), op, where, "response")
