"""``seamguard contract diff``: breaking changes between two versions of an OpenAPI contract.

Operations are paired by method and path template (webhooks by name); then parameters, request
bodies and responses are compared, and each payload schema is handed to the schema rules in
:mod:`seamguard.contracts.diff_rules`. Webhook payloads are what this project *receives*, so they
are compared with the response rules.

seamguard consumes platform responses through its mappings: when ``consumed(operation, field)``
says a mapping reads a field, a change a reader must now handle (a new enum value, a field that
may be null or absent) is raised to an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from seamguard.contracts.diff_rules import SchemaDiffer, Side
from seamguard.contracts.model import Contract, MediaSpec, Operation
from seamguard.contracts.refs import node_at
from seamguard.documents import escape_pointer

if TYPE_CHECKING:
    from seamguard.findings import Finding

__all__ = ["LEVELS", "Change", "change_findings", "diff_contracts"]

LEVELS = ("error", "warning", "info")
_RANK = {level: rank for rank, level in enumerate(LEVELS)}

Consumed = Callable[[str, str], bool]


@dataclass(frozen=True)
class Change:
    """One difference between two contract versions that a person may need to act on.

    Attributes:
        id: oasdiff rule id where oasdiff's catalogue names the change, else seamguard's own.
        level: ``"error"``, ``"warning"`` or ``"info"``.
        operation: ``"GET /orders/{order_id}.json"`` or ``"webhook orders/create"``.
        path: where in the payload, e.g. ``"response 200 application/json /order/tags"``.
        message: what changed, from what to what.
        direction: ``"request"``, ``"response"`` or ``"operation"``.
        field: dotted field path inside the payload (``"order.line_items[].sku"``), when the
            change is about a field.
    """

    id: str
    level: str
    operation: str
    path: str
    message: str
    direction: str
    field: str | None = None

    def to_dict(self) -> dict[str, str]:
        """The change as JSON-ready strings; ``field`` only when set."""
        data = {"id": self.id, "level": self.level, "operation": self.operation,
                "path": self.path, "message": self.message}
        if self.field is not None:
            data["field"] = self.field
        return data

    @property
    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Errors first, then by operation, path, id and message (stable report order)."""
        return (_RANK.get(self.level, len(LEVELS)), self.operation, self.path, self.id,
                self.message)


def diff_contracts(
    base: Contract, revision: Contract, *, consumed: Consumed | None = None
) -> list[Change]:
    """Every change from ``base`` to ``revision``, errors first.

    Args:
        base: the contract version in use.
        revision: the version to move to.
        consumed: ``consumed(operation_label, field_path)`` is true when one of the project's
            mappings reads that field; changes a reader must handle are then raised to error.

    Returns:
        The changes, sorted by level, operation and path.
    """
    differ = _ContractDiff(base, revision, consumed)
    differ.run()
    return sorted(set(differ.changes), key=lambda change: change.sort_key)


class _ContractDiff:
    def __init__(self, base: Contract, revision: Contract, consumed: Consumed | None) -> None:
        self.base = base
        self.revision = revision
        self.consumed = consumed
        self.changes: list[Change] = []
        self._memos: dict[tuple[str, str], dict[Any, Any]] = {}

    def add(self, rule: str, level: str, operation: str, path: str, message: str,
            direction: str, field: str | None = None) -> None:
        self.changes.append(Change(rule, level, operation, path, message, direction, field))

    def run(self) -> None:
        old = {(op.webhook, op.method, op.path): op for op in self.base.operations}
        new = {(op.webhook, op.method, op.path): op for op in self.revision.operations}
        new_paths = {op.path for op in self.revision.operations if not op.webhook}
        for key in sorted(old.keys() - new.keys()):
            self._removed(old[key], path_left=old[key].path in new_paths)
        for key in sorted(new.keys() - old.keys()):
            operation = new[key]
            rule = "webhook-added" if operation.webhook else "endpoint-added"
            self.add(rule, "info", operation.label, "", f"{operation.label} added", "operation")
        for key in sorted(old.keys() & new.keys()):
            self._operation(old[key], new[key])

    # -- operations ----------------------------------------------------------------------------

    def _removed(self, operation: Operation, *, path_left: bool) -> None:
        raw = _raw_operation(self.base, operation)
        deprecated = bool(raw.get("deprecated"))
        if operation.webhook:
            rule, level = "webhook-removed", "error"
        else:
            stem = "api-removed" if path_left else "api-path-removed"
            rule = f"{stem}-with-deprecation" if deprecated else f"{stem}-without-deprecation"
            level = "info" if deprecated else "error"
        note = " (it was deprecated)" if deprecated else " without being deprecated first"
        self.add(rule, level, operation.label, "", f"{operation.label} removed{note}",
                 "operation")

    def _operation(self, old: Operation, new: Operation) -> None:
        raw_old, raw_new = _raw_operation(self.base, old), _raw_operation(self.revision, new)
        label = new.label
        if raw_new.get("deprecated") is True and raw_old.get("deprecated") is not True:
            self.add("endpoint-deprecated", "info", label, "", f"{label} deprecated",
                     "operation")
        self._parameters(old, new, label)
        if new.webhook:
            # The platform sends webhook bodies and this project reads them, like a response.
            self._content(old.request, new.request, label, "request body", "response",
                          media_rule="response-media-type-removed")
            return
        self._request_body(old, new, raw_old, raw_new, label)
        self._responses(old, new, label)

    def _request_body(self, old: Operation, new: Operation, raw_old: dict[str, Any],
                      raw_new: dict[str, Any], label: str) -> None:
        body_old = _deref(self.base, raw_old.get("requestBody"))
        body_new = _deref(self.revision, raw_new.get("requestBody"))
        was, now = bool(body_old.get("required")), bool(body_new.get("required"))
        if not body_old and body_new:
            rule = "added-required-request-body" if now else "added-optional-request-body"
            self.add(rule, "error" if now else "info", label, "request body",
                     f"{'required' if now else 'optional'} request body added", "request")
            return
        if body_old and not body_new:
            self.add("request-body-removed", "error", label, "request body",
                     "request body removed", "request")
            return
        if now and not was:
            self.add("request-body-became-required", "error", label, "request body",
                     "request body became required", "request")
        elif was and not now:
            self.add("request-body-became-optional", "info", label, "request body",
                     "request body became optional", "request")
        self._content(old.request, new.request, label, "request body", "request",
                      media_rule="request-body-media-type-removed")

    def _responses(self, old: Operation, new: Operation, label: str) -> None:
        for status in sorted(old.responses.keys() - new.responses.keys()):
            success = status.startswith("2")
            rule = ("response-success-status-removed" if success
                    else "response-non-success-status-removed")
            self.add(rule, "error" if success else "info", label, f"response {status}",
                     f"response status {status} removed", "response")
        for status in sorted(new.responses.keys() - old.responses.keys()):
            success = status.startswith("2")
            rule = ("response-success-status-added" if success
                    else "response-non-success-status-added")
            self.add(rule, "info", label, f"response {status}",
                     f"response status {status} added", "response")
        for status in sorted(old.responses.keys() & new.responses.keys()):
            self._content(old.responses[status].content, new.responses[status].content, label,
                          f"response {status}", "response",
                          media_rule="response-media-type-removed")

    def _content(self, old: dict[str, MediaSpec], new: dict[str, MediaSpec], label: str,
                 where: str, direction: str, *, media_rule: str) -> None:
        for media in sorted(old.keys() - new.keys()):
            self.add(media_rule, "error", label, f"{where} {media}",
                     f"media type {media} removed", direction)
        for media in sorted(new.keys() - old.keys()):
            self.add(media_rule.replace("-removed", "-added"), "info", label, f"{where} {media}",
                     f"media type {media} added", direction)
        for media in sorted(old.keys() & new.keys()):
            a, b = old[media].schema, new[media].schema
            if a is None or b is None:
                continue
            base = Side(self.base.docs, a.uri, a.pointer, _node(self.base, a.uri, a.pointer))
            rev = Side(self.revision.docs, b.uri, b.pointer,
                       _node(self.revision, b.uri, b.pointer))
            self._schema(base, rev, label, f"{where} {media}", direction, "body")

    # -- parameters ----------------------------------------------------------------------------

    def _parameters(self, old: Operation, new: Operation, label: str) -> None:
        before, after = _parameters(self.base, old), _parameters(self.revision, new)
        if new.webhook:
            # Headers the platform sends us: only a changed schema matters to a reader.
            for key in sorted(before.keys() & after.keys()):
                self._parameter_schema(before[key], after[key], key, label, "response")
            return
        for key in sorted(after.keys() - before.keys()):
            side = after[key]
            where = f"parameter {key[0]} {key[1]}"
            if key[0] == "path":
                self.add("new-request-path-parameter", "error", label, where,
                         f"path parameter {key[1]} added", "request")
            elif side.node.get("required"):
                self.add("new-required-request-parameter", "error", label, where,
                         f"required {key[0]} parameter {key[1]} added", "request")
            else:
                self.add("new-optional-request-parameter", "info", label, where,
                         f"optional {key[0]} parameter {key[1]} added", "request")
        for key in sorted(before.keys() - after.keys()):
            where = f"parameter {key[0]} {key[1]}"
            if before[key].node.get("deprecated"):
                self.add("request-parameter-removed-with-deprecation", "info", label, where,
                         f"deprecated {key[0]} parameter {key[1]} removed", "request")
            else:
                self.add("request-parameter-removed", "warning", label, where,
                         f"{key[0]} parameter {key[1]} removed", "request")
        for key in sorted(before.keys() & after.keys()):
            old_p, new_p = before[key].node, after[key].node
            where = f"parameter {key[0]} {key[1]}"
            if new_p.get("required") and not old_p.get("required"):
                self.add("request-parameter-became-required", "error", label, where,
                         f"{key[0]} parameter {key[1]} became required", "request")
            elif old_p.get("required") and not new_p.get("required"):
                self.add("request-parameter-became-optional", "info", label, where,
                         f"{key[0]} parameter {key[1]} became optional", "request")
            if new_p.get("deprecated") is True and old_p.get("deprecated") is not True:
                self.add("request-parameter-deprecated", "info", label, where,
                         f"{key[0]} parameter {key[1]} deprecated", "request")
            self._parameter_schema(before[key], after[key], key, label, "request")

    def _parameter_schema(self, old: Side, new: Side, key: tuple[str, str], label: str,
                          direction: str) -> None:
        if not isinstance(old.node.get("schema"), dict | bool):
            return
        if not isinstance(new.node.get("schema"), dict | bool):
            return
        self._schema(old.child("schema", old.node["schema"]),
                     new.child("schema", new.node["schema"]), label,
                     f"parameter {key[0]} {key[1]}", direction, "parameter")

    # -- schemas -------------------------------------------------------------------------------

    def _schema(self, base: Side, revision: Side, label: str, where: str, direction: str,
                scope: str) -> None:
        def emit(level: str, rule: str, message: str, pointer: str, field: str | None, *,
                 widened: bool = False) -> None:
            if widened and field and self.consumed is not None and self.consumed(label, field):
                level = "error"
                message = f"{message}; a mapping reads this field"
            path = where if scope == "parameter" and pointer == "/" else f"{where} {pointer}"
            self.add(rule, level, label, path, message, direction, field)

        memo = self._memos.setdefault((direction, scope), {})
        SchemaDiffer(direction, scope, emit, memo).compare(base, revision)


def _raw_operation(contract: Contract, operation: Operation) -> dict[str, Any]:
    item = _path_item(contract, operation)
    raw = item.get(operation.method) if isinstance(item, dict) else None
    return raw if isinstance(raw, dict) else {}


def _path_item(contract: Contract, operation: Operation) -> dict[str, Any]:
    section = "webhooks" if operation.webhook else "paths"
    items = contract.document.get(section) or {}
    return _deref(contract, items.get(operation.path))


def _deref(contract: Contract, node: Any) -> dict[str, Any]:
    """A path item, parameter or request body, following a ``$ref`` from the entry document."""
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        node = contract.docs.resolve(contract.docs.entry_uri, node["$ref"])[1]
    return node if isinstance(node, dict) else {}


def _parameters(contract: Contract, operation: Operation) -> dict[tuple[str, str], Side]:
    """Path-item parameters overridden by the operation's own, keyed by (in, name)."""
    entry = contract.docs.entry_uri
    section = "webhooks" if operation.webhook else "paths"
    base = f"/{section}/{escape_pointer(operation.path)}"
    item = _path_item(contract, operation)
    raw_op = item.get(operation.method)
    found: dict[tuple[str, str], Side] = {}
    for pointer, owner in ((base, item), (f"{base}/{operation.method}", raw_op)):
        params = owner.get("parameters") if isinstance(owner, dict) else None
        for index, param in enumerate(params or []):
            side = Side(contract.docs, entry, f"{pointer}/parameters/{index}", param).resolve()
            node = side.node
            if isinstance(node, dict) and "name" in node and "in" in node:
                found[(str(node["in"]), str(node["name"]).lower()
                       if node["in"] == "header" else str(node["name"]))] = side
    return found


def _node(contract: Contract, uri: str, pointer: str) -> Any:
    return node_at(contract.docs.load(uri), pointer)


def change_findings(changes: list[Change], *, check: str, prefix: str, platform: str | None,
                    version: str | None, file: str | None, about: str = "",
                    hint: Callable[[Change], str | None] | None = None) -> list[Finding]:
    """Changes as findings (``<prefix>.<rule id>``), for reports and baselines.

    Args:
        changes: what ``diff_contracts`` found.
        check: the check the findings belong to (``diff``, ``drift``).
        prefix: the code's first part (``diff``, ``spec``).
        platform: the platform of the contract the changes are in.
        version: its version.
        file: the file they are in.
        about: put before each message (``published spec 2024-10 vs shopify@2024-07: ``).
        hint: a hint per change.

    Returns:
        One finding per change, in the changes' order; the operation is its test case.
    """
    from seamguard.findings import Finding, Location, Severity

    levels = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
    return [Finding(code=f"{prefix}.{change.id}", severity=levels.get(change.level,
                                                                       Severity.INFO),
                    check=check, message=about + change.message,
                    location=Location(platform=platform, version=version,
                                      operation=change.operation, pointer=change.path,
                                      file=file),
                    hint=hint(change) if hint else None, case=change.operation or None)
            for change in changes]
