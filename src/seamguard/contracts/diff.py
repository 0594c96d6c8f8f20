"""``seamguard contract diff``: every change between two versions of an OpenAPI contract.

Operations are paired by method and path template with path-parameter names ignored
(``/books/{bookId}`` is ``/books/{id}``), webhooks by name; then security, parameters, request
bodies, responses and their headers are compared, and each payload schema is handed to the schema
walk (:mod:`seamguard.contracts.diff_schema`). Rule ids and levels come from
:mod:`seamguard.contracts.diff_catalog`.

seamguard consumes platform responses and webhooks through its mappings: when
``consumed(operation, field)`` says a mapping reads a field, a change a reader must now handle
(a new enum value, a field that may be null or absent) is raised to an error.

The documents are read raw — no schema is converted or compiled — so a diff costs about what
parsing the two files costs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote, urlsplit

from seamguard.contracts.diff_catalog import LEVELS, level_of
from seamguard.contracts.diff_catalog import rule as rule_of
from seamguard.contracts.diff_lifecycle import (
    LifecyclePolicy,
    removal_rule,
    stability_of,
    version_policy,
)
from seamguard.contracts.diff_operations import OperationDiff
from seamguard.contracts.refs import DocumentSet
from seamguard.documents import DEFAULT_MAX_BYTES, escape_pointer, pointer_to_path
from seamguard.errors import ContractError

if TYPE_CHECKING:
    from seamguard.findings import Finding

__all__ = ["LEVELS", "Change", "DiffSide", "Spec", "change_findings", "diff_contracts", "load_spec"]

_RANK = {level: rank for rank, level in enumerate(LEVELS)}
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# ``consumed(operation, field)``: falsy when no mapping reads the field, else True or a text
# naming the mapping rules that read it (what the change breaks).
Consumed = Callable[[str, str], bool | str]


class DiffSide(Protocol):
    """What the diff needs of a contract: its documents, entry document and name."""

    docs: DocumentSet
    document: dict[str, Any]
    platform: str
    version: str

    @property
    def label(self) -> str: ...


@dataclass
class Spec:
    """An OpenAPI document read raw for diffing (no schema conversion, no validators)."""

    docs: DocumentSet
    document: dict[str, Any]
    platform: str
    version: str

    @property
    def label(self) -> str:
        return f"{self.platform}@{self.version}"


def load_spec(path: Path, *, platform: str, version: str,
              display: Callable[[Path], str] = str,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Spec:
    """Read an OpenAPI 3.x document (and, lazily, the files it refers to) for diffing; a
    Swagger 2.0 document is read as the OpenAPI 3.0 document it means.

    Raises:
        ContractError: the file is not an OpenAPI 3.0/3.1 or Swagger 2.0 document, or a
            keyword the diff reads holds a value of the wrong kind (``properties: "id"``).
        DocumentError: it cannot be read or parsed.
    """
    docs = DocumentSet(root=path, display=display, max_bytes=max_bytes)
    document = docs.load(docs.entry_uri)
    file = docs.file_of(docs.entry_uri)
    if not isinstance(document, dict):
        kinds = {list: "list", str: "string", bool: "boolean", int: "number", float: "number"}
        found = "nothing (the file is empty)" if document is None \
            else f"a {kinds.get(type(document), type(document).__name__)}"
        raise ContractError(
            f"an OpenAPI document must be a mapping at the top level, this one holds {found}",
            file=file, line=1, pointer="/",
            hint="give each side of the diff an OpenAPI 3.x or Swagger 2.0 file (`openapi: "
                 "3.1.0`, `info:`, `paths:`) or a platform@version of the project")
    # A Swagger 2.0 document is served as the 3.0 document it means (DocumentSet.load), so a
    # 2.0 version diffs against a 3.x one.
    converted = docs.swagger2
    version_text = document.get("openapi")
    if not isinstance(version_text, str) or not re.match(r"^3\.[0-2]\.\d+", version_text):
        swagger = document.get("swagger")
        seen = (f"a Swagger {swagger} document" if swagger is not None
                else f"openapi: {version_text!r}")
        raise ContractError(
            f"not an OpenAPI 3.0/3.1 document ({seen})", file=file,
            line=docs.line_of(docs.entry_uri,
                              "/swagger" if swagger is not None else "/openapi") or 1,
            hint="seamguard diffs OpenAPI 3.0.x and 3.1.x, and Swagger 2.0 read as 3.0")
    for section in ("paths", "webhooks"):
        if not isinstance(document.get(section) or {}, dict):
            raise ContractError(f"`{section}` must be a mapping", file=file,
                                line=docs.line_of(docs.entry_uri, f"/{section}"))
    from seamguard.contracts.diff_shapes import ShapeError, check_shapes

    try:
        check_shapes(docs, document)
    except ShapeError as error:
        if not converted:
            raise
        raise _shape_error(docs, docs.written(docs.entry_uri, error.shape_pointer),
                           error.expected, error.value) from None
    return Spec(docs, document, platform, version)


def _shape_error(docs: DocumentSet, pointer: str, expected: str, value: Any) -> ContractError:
    from seamguard.contracts.diff_shapes import kind_of

    return ContractError(
        f"{pointer} must be {expected}, not {kind_of(value)}",
        file=docs.file_of(docs.entry_uri), line=docs.line_in_file(docs.entry_uri, pointer) or 1,
        hint="write the kind of value the Swagger 2.0 specification gives this keyword; the "
             "document is read as the OpenAPI 3.0 document it means, and this keyword cannot "
             "be")


@dataclass(frozen=True)
class Change:
    """One difference between two contract versions that a person may need to act on.

    Attributes:
        id: oasdiff rule id where oasdiff's catalogue names the change, else seamguard's own.
        level: ``"error"``, ``"warning"`` or ``"info"``.
        operation: ``"GET /orders/{order_id}.json"``, ``"webhook orders/create"``, or ``""``
            for a change to the document as a whole (a removed component, global security).
        path: where in the operation, e.g. ``"response 200 application/json /order/tags"``.
        message: what changed, from what to what.
        direction: ``"request"``, ``"response"`` or ``"operation"``.
        field: dotted field path inside the payload (``"order.line_items[].sku"``), when the
            change is about a field.
        component: where the change lives in the document (``file#/components/schemas/Order``
            for a change inside a shared schema); changes with the same id, message and
            component are one change reached by several operations.
        pointer: JSON Pointer inside the payload, ``*`` for array items (``/order/tags/*``).
    """

    id: str
    level: str
    operation: str
    path: str
    message: str
    direction: str
    field: str | None = None
    component: str = ""
    pointer: str | None = None

    def to_dict(self) -> dict[str, str]:
        """The change as JSON-ready strings; ``field`` and ``pointer`` only when set."""
        data = {"id": self.id, "level": self.level, "operation": self.operation,
                "path": self.path, "message": self.message}
        if self.field is not None:
            data["field"] = self.field
        if self.pointer is not None:
            data["pointer"] = self.pointer
        return data

    @property
    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Errors first, then by operation, path, id and message (stable report order)."""
        return (_RANK.get(self.level, len(LEVELS)), self.operation, self.path, self.id,
                self.message)


def diff_contracts(base: DiffSide, revision: DiffSide, *,
                   consumed: Consumed | None = None,
                   policy: LifecyclePolicy | None = None,
                   include_path_params: bool = False) -> list[Change]:
    """Every change from ``base`` to ``revision``, errors first.

    Args:
        base: the contract version in use (a :class:`Spec` or a loaded ``Contract``).
        revision: the version to move to.
        consumed: ``consumed(operation_label, field_path)`` is true when one of the project's
            mappings reads that field; changes a reader must handle are then raised to error.
        policy: stability threshold, deprecation periods and the day sunsets are judged
            against (:class:`~seamguard.contracts.diff_lifecycle.LifecyclePolicy`'s defaults
            when None).
        include_path_params: pair operations by their paths as written, path-parameter
            names included (oasdiff's ``--include-path-params``): ``/pets/{id}`` and
            ``/pets/{petId}`` are then one removed and one added operation.

    Returns:
        The changes, sorted by level, operation and path.
    """
    differ = _ContractDiff(base, revision, consumed, policy or LifecyclePolicy(),
                           include_path_params)
    differ.run()
    return _masked(sorted(set(differ.changes), key=lambda change: change.sort_key))


def _masked(changes: list[Change]) -> list[Change]:
    """The changes with the values their messages quote from the contracts (a phone as a
    parameter's default or const, an e-mail in an enum) masked as reports mask them: a diff is
    pasted into pull requests and CI logs like any report."""
    from seamguard.privacy.guard import mask_text

    masked = []
    for change in changes:
        message = mask_text(change.message)
        masked.append(change if message == change.message else replace(change, message=message))
    return masked


# -- operations --------------------------------------------------------------------------------


@dataclass
class _Op:
    """One operation of one side: where it is and its raw object."""

    method: str
    path: str
    webhook: bool
    pointer: str
    raw: dict[str, Any]
    item: dict[str, Any]
    item_pointer: str
    uri: str = ""
    path_params: list[str] = field(default_factory=list)
    item_uri: str = ""  # the path item's file, when the operation lives in another

    @property
    def label(self) -> str:
        return f"webhook {self.path}" if self.webhook else f"{self.method.upper()} {self.path}"


_PARAM = re.compile(r"\{[^}/]*\}")


def operation_key(method: str, template: str) -> tuple[str, str]:
    """The key two versions of an operation share: path-parameter names do not count.

    A path may carry a fragment (``/router/rest#taobao.trades.sold.get``): the whole string,
    fragment included, names one operation.
    """
    return method, _PARAM.sub("{}", template)


def base_path(document: dict[str, Any]) -> str:
    """The path part of the first server's URL (variables at their defaults), without a
    trailing slash: what every path of the document is appended to."""
    servers = document.get("servers")
    first = servers[0] if isinstance(servers, list) and servers else None
    url = first.get("url") if isinstance(first, dict) else None
    if not isinstance(url, str):
        return ""
    variables = first.get("variables") if isinstance(first, dict) else None
    for name, variable in (variables.items() if isinstance(variables, dict) else ()):
        if isinstance(variable, dict) and isinstance(variable.get("default"), str | int):
            url = url.replace(f"{{{name}}}", str(variable["default"]))
    try:
        return urlsplit(url).path.rstrip("/")
    except ValueError:  # a bracketed host that is no IP address (`http://[1]/v1`): its path
        rest = re.sub(r"^[A-Za-z][\w+.-]*://[^/?#]*", "", url)
        return re.split(r"[?#]", rest, maxsplit=1)[0].rstrip("/")


def _operations(side: DiffSide, names: bool = False,
                prefix: str = "") -> dict[tuple[str, str, str], _Op]:
    """The operations of ``side`` by key; ``prefix`` (the server's base path) is put before
    each path for pairing when the two versions' base paths differ."""
    found: dict[tuple[str, str, str], _Op] = {}
    docs = side.docs
    for section in ("paths", "webhooks"):
        items = side.document.get(section) or {}
        for template, item in items.items():
            template = str(template)
            pointer = f"/{section}/{escape_pointer(template)}"
            uri = docs.entry_uri
            if isinstance(item, dict) and isinstance(item.get("$ref"), str):
                (uri, fragment), item = docs.resolve(uri, item["$ref"])
                pointer = unquote(fragment)
            if not isinstance(item, dict):
                continue
            for method in _METHODS:
                raw = item.get(method)
                op_uri, op_pointer = uri, f"{pointer}/{method}"
                if isinstance(raw, dict) and isinstance(raw.get("$ref"), str):
                    # Split specs (DigitalOcean's) keep each operation in a file of its own.
                    (op_uri, fragment), raw = docs.resolve(uri, raw["$ref"])
                    op_pointer = unquote(fragment)
                if not isinstance(raw, dict):
                    continue
                webhook = section == "webhooks"
                op = _Op(method, template, webhook, op_pointer, raw, item, pointer,
                         op_uri, [m[1:-1] for m in _PARAM.findall(template)], uri)
                full = prefix + template
                key = ("webhook", method, template) if webhook else (
                    ("path", method, full) if names else (
                        "path", *operation_key(method, full)))
                found.setdefault(key, op)
    return found


class _ContractDiff:
    def __init__(self, base: DiffSide, revision: DiffSide, consumed: Consumed | None,
                 policy: LifecyclePolicy, include_path_params: bool = False) -> None:
        self.names = include_path_params
        self.base = base
        self.revision = revision
        self.consumed = consumed
        self.policy = policy
        self.changes: list[Change] = []
        self.ops = OperationDiff(self)
        # operations below the stability threshold: label → their stability
        self.unsettled: dict[str, str] = {}

    def add(self, rule: str, operation: str, path: str, message: str, direction: str, *,
            level: str | None = None, field: str | None = None, component: str = "",
            pointer: str | None = None) -> None:
        self.changes.append(Change(rule, level or level_of(rule), operation, path, message,
                                   direction, field, component, pointer))

    def run(self) -> None:
        old = _operations(self.base, self.names)
        new = _operations(self.revision, self.names)
        # A base path moved between the server URL and the paths (`servers: /v1` + `/pets`
        # → `/v1/pets`) moves no operation: when the base paths differ and the full paths pair
        # more operations than the paths as written, the full paths pair. A server URL changed
        # under unchanged paths (another host, /v1 → /v2 of the same API) stays no change, as
        # oasdiff has it.
        prefixes = (base_path(self.base.document), base_path(self.revision.document))
        if prefixes[0] != prefixes[1]:
            full_old = _operations(self.base, self.names, prefixes[0])
            full_new = _operations(self.revision, self.names, prefixes[1])
            if len(full_old.keys() & full_new.keys()) > len(old.keys() & new.keys()):
                old, new = full_old, full_new
            else:
                prefixes = ("", "")
        else:
            prefixes = ("", "")

        def path(op: _Op, prefix: str) -> str:
            return prefix + op.path if self.names else operation_key("", prefix + op.path)[1]

        new_paths = {path(op, prefixes[1]) for op in new.values() if not op.webhook}
        for key in sorted(old.keys() - new.keys()):
            self._removed(old[key], path_left=path(old[key], prefixes[0]) in new_paths)
        for key in sorted(new.keys() - old.keys()):
            op = new[key]
            rule = "webhook-added" if op.webhook else "endpoint-added"
            self.add(rule, op.label, "", f"{op.label} added", "operation")
        for key in sorted(old.keys() & new.keys()):
            self.ops.compare(old[key], new[key])
        self._global()
        self._whole_payloads()
        self._settle()

    def _whole_payloads(self) -> None:
        """A change to what an operation returns as a whole (the operation or webhook removed,
        a success status or media type gone, the body's type changed) names the mapping rules
        that read the operation: each of them loses its input."""
        if self.consumed is None:
            return
        named: list[Change] = []
        for change in self.changes:
            reader_side = change.direction in ("response", "operation") or (
                change.operation.startswith("webhook ") and change.direction == "request")
            if (change.operation and not change.field and change.level != "info"
                    and reader_side and "a mapping reads" not in change.message):
                read = self.consumed(change.operation, "")
                if read:
                    change = replace(change, message=f"{change.message}; a mapping reads this "
                                     "operation" + (f": {read}" if isinstance(read, str) else ""))
            named.append(change)
        self.changes = named

    def _removed(self, op: _Op, *, path_left: bool) -> None:
        stability, invalid = stability_of(op.raw)
        if invalid:
            self.add("api-invalid-stability-level", op.label, "x-stability-level",
                     f"{invalid} (base)", "operation")
        if self.policy.below(stability):
            self.unsettled[op.label] = stability
        if op.webhook:
            self.add("webhook-removed", op.label, "", f"{op.label} removed", "operation")
            return
        rule, note = removal_rule(op.raw, "api" if path_left else "api-path", self.policy)
        self.add(rule, op.label, "", f"{op.label} removed{note}", "operation")

    def _settle(self) -> None:
        """Changes of operations below the stability threshold are allowed (info, saying so);
        then, when the policy asks, a breaking change is held against ``info.version``."""
        lifecycle = ("api-stability-", "request-property-stability-",
                     "response-property-stability-", "api-invalid-stability-level")
        settled: list[Change] = []
        for change in self.changes:
            stability = self.unsettled.get(change.operation)
            if stability and change.level != "info" and not change.id.startswith(lifecycle):
                change = replace(change, level="info", message=(
                    f"{change.message} (allowed: the operation is {stability}, below the "
                    f"{self.policy.stability_level} threshold)"))
            settled.append(change)
        self.changes = settled
        if self.policy.versioning and any(change.level == "error" for change in settled):
            found = version_policy(_version(self.base.document), _version(self.revision.document))
            if found is not None:
                self.add(found[0], "", "info.version", found[1], "operation",
                         component="#/info/version")

    # -- the document as a whole ---------------------------------------------------------------

    def _global(self) -> None:
        from seamguard.contracts.diff_security import global_security, security_schemes

        for rule, message in global_security(self.base.document, self.revision.document):
            self.add(rule, "", "security", message, "operation", component="#/security")
        for rule, message, name in security_schemes(self.base, self.revision):
            self.add(rule, "", f"security scheme {name}", message, "operation",
                     component=f"#/components/securitySchemes/{name}")
        old = _components(self.base.document, "schemas")
        new = _components(self.revision.document, "schemas")
        for name in sorted(old.keys() - new.keys()):
            self.add("api-schema-removed", "", f"schema {name}", f"schema {name} removed",
                     "operation", component=f"#/components/schemas/{escape_pointer(name)}")

    def schema_changes(self, rels: Iterator[Any], op: _Op, where: str, direction: str, *,
                       scope_pointer: str = "", consumer: bool = False) -> None:
        """Turn schema-walk results into changes of ``op`` at ``where``."""
        for rel in rels:
            widened = rel.widened or (consumer and direction == "request"
                                      and _SENDER_WIDENS.search(rel.rule) is not None)
            pointer = scope_pointer + rel.pointer
            dotted = pointer_to_path(pointer) if pointer else None
            level = level_of(rel.rule)
            if rel.sense == "same":
                level = "info"  # no value became valid or invalid
            elif rel.sense:
                # graded by meaning: a sender is hurt by narrowing, a reader by widening
                reader = direction != "request" or consumer
                level = "error" if (rel.sense == "widens") == reader else "info"
            elif consumer and direction == "request":
                level = _receiver_level(rel.rule, level,
                                        required=rel.message.startswith("required property"))
            message = rel.message
            read = (self.consumed(op.label, dotted)
                    if consumer and dotted and self.consumed is not None
                    and (widened or level != "info") else False)
            if read:
                if widened:
                    level = "error"
                # a plain True says only that some mapping reads it; a text names the rules
                message = f"{message}; a mapping reads this field" + (
                    f": {read}" if isinstance(read, str) else "")
            path = f"{where} {pointer}" if pointer else where
            self.add(rel.rule, op.label, path, message, direction, level=level, field=dotted,
                     component=self._shown(rel.origin), pointer=pointer or None)

    def _shown(self, origin: str) -> str:
        """``#/components/...`` for the entry documents, ``file#/...`` for other files."""
        uri, _, pointer = origin.partition("#")
        if uri in (self.base.docs.entry_uri, self.revision.docs.entry_uri):
            return f"#{pointer}"
        # a file only the base reads (a removed schema's) is named as the base names it
        docs = self.base.docs if (uri in self.base.docs.documents
                                  and uri not in self.revision.docs.documents) \
            else self.revision.docs
        return f"{docs.file_of(uri)}#{pointer}"


# Request-side changes that let the sender send more: what a webhook receiver must now handle.
_SENDER_WIDENS = re.compile(
    r"enum-value-added|became-nullable|became-optional|property-removed|type-generalized|"
    r"list-of-types-widened|(any|one)-of-added|max(-length|-items)?-increased|"
    r"min(-length|-items)?-decreased|pattern-(removed|changed|generalized)")


_MIRROR = {"request-property-removed": "response-optional-property-removed",
           "new-optional-request-property": "response-optional-property-added",
           "new-required-request-property": "response-required-property-added",
           "new-required-request-property-with-default": "response-required-property-added"}


def _receiver_level(rule: str, level: str, *, required: bool = False) -> str:
    """A webhook body keeps oasdiff's request ids; its level is the reader's (the response's):
    a required property removed is the reader's ``response-required-property-removed``."""
    if required and rule == "request-property-removed":
        return level_of("response-required-property-removed")
    mirrored = _MIRROR.get(rule) or (f"response-{rule[len('request-'):]}"
                                     if rule.startswith("request-") else rule)
    found = rule_of(mirrored)
    return found.level if found is not None else level


def _version(document: dict[str, Any]) -> Any:
    info = document.get("info")
    return info.get("version") if isinstance(info, dict) else None


def _components(document: dict[str, Any], section: str) -> dict[str, Any]:
    components = document.get("components")
    found = components.get(section) if isinstance(components, dict) else None
    return found if isinstance(found, dict) else {}


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
                                      file=file, component=change.component or None),
                    hint=hint(change) if hint else None,
                    case=change.operation or "(document)")
            for change in changes]
