"""The shapes ``contract diff`` relies on, checked before it compares two documents.

The diff reads documents raw and fast, without the OpenAPI meta-schema; a keyword of the wrong
kind (``properties: "id"``, ``responses`` written as a list, ``allOf`` as one schema) would
otherwise read as empty and turn into changes that are not there. This walk visits the paths and
the component schemas once and stops at the first keyword of the wrong kind, naming it by file,
line and JSON pointer. Examples, extensions and ``$ref`` targets in other files are not entered
(a referenced file is read when the diff reaches it).
"""

from __future__ import annotations

from typing import Any, NoReturn

from seamguard.contracts.refs import DocumentSet
from seamguard.documents import escape_pointer
from seamguard.errors import ContractError

__all__ = ["ShapeError", "check_shapes", "kind_of"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# schema keyword → what it must hold
_SCHEMA_MAPS = ("properties", "patternProperties", "dependentSchemas", "$defs", "definitions")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_ONE = ("items", "additionalProperties", "not", "if", "then", "else", "contains",
               "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema")
_LISTS = ("required", "enum")


class ShapeError(ContractError):
    """A keyword of the wrong kind: where (``shape_pointer``), what it must be, what it is."""

    def __init__(self, message: str, *, shape_pointer: str, expected: str, value: Any,
                 **where: Any) -> None:
        super().__init__(message, **where)
        self.shape_pointer, self.expected, self.value = shape_pointer, expected, value


def kind_of(value: Any) -> str:
    """``a mapping``, ``a list``, ``text ('id')``...: how a wrong value is named."""
    return _kind(value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return f"{'a number' if isinstance(value, int | float) else 'text'} ({str(value)[:40]!r})"


class _Shapes:
    def __init__(self, docs: DocumentSet, document: dict[str, Any]) -> None:
        self.docs = docs
        self.document = document
        self.seen: set[int] = set()
        self.schemas: list[tuple[str, Any]] = []

    def fail(self, pointer: str, expected: str, value: Any) -> NoReturn:
        raise ShapeError(
            f"{pointer or '/'} must be {expected}, not {_kind(value)}",
            shape_pointer=pointer, expected=expected, value=value,
            file=self.docs.file_of(self.docs.entry_uri),
            line=self.docs.line_of(self.docs.entry_uri, pointer) or 1,
            hint="write the kind of value the OpenAPI specification gives this keyword; "
                 "read as it is, it would be taken for empty")

    def mapping(self, node: Any, pointer: str, what: str = "a mapping") -> dict[str, Any]:
        if node is None:
            return {}
        if not isinstance(node, dict):
            self.fail(pointer, what, node)
        return node

    def sequence(self, node: Any, pointer: str, what: str = "a list") -> list[Any]:
        if node is None:
            return []
        if not isinstance(node, list):
            self.fail(pointer, what, node)
        return node

    # -- operations ----------------------------------------------------------------------------

    def run(self) -> None:
        for section in ("paths", "webhooks"):
            items = self.mapping(self.document.get(section), f"/{section}")
            for template, item in items.items():
                pointer = f"/{section}/{escape_pointer(str(template))}"
                item = self.mapping(item, pointer, "a path item (a mapping)")
                if "$ref" in item:
                    continue
                self.parameters(item.get("parameters"), f"{pointer}/parameters")
                for method in _METHODS:
                    if method in item:
                        self.operation(item[method], f"{pointer}/{method}")
        components = self.mapping(self.document.get("components"), "/components")
        for name, schema in self.mapping(components.get("schemas"),
                                         "/components/schemas").items():
            self.schemas.append((f"/components/schemas/{escape_pointer(str(name))}", schema))
        for section in ("parameters", "headers"):
            for name, value in self.mapping(components.get(section),
                                            f"/components/{section}").items():
                self.parameter(value, f"/components/{section}/{escape_pointer(str(name))}")
        for name, value in self.mapping(components.get("requestBodies"),
                                        "/components/requestBodies").items():
            self.body(value, f"/components/requestBodies/{escape_pointer(str(name))}")
        for name, value in self.mapping(components.get("responses"),
                                        "/components/responses").items():
            self.response(value, f"/components/responses/{escape_pointer(str(name))}")
        self.walk_schemas()

    def operation(self, node: Any, pointer: str) -> None:
        node = self.mapping(node, pointer, "an operation (a mapping)")
        if "$ref" in node:
            return
        self.parameters(node.get("parameters"), f"{pointer}/parameters")
        if "requestBody" in node:
            self.body(node["requestBody"], f"{pointer}/requestBody")
        responses = self.mapping(node.get("responses"), f"{pointer}/responses",
                                 "a mapping of status codes to responses")
        for status, response in responses.items():
            self.response(response, f"{pointer}/responses/{escape_pointer(str(status))}")
        self.sequence(node.get("security"), f"{pointer}/security")

    def parameters(self, node: Any, pointer: str) -> None:
        for index, parameter in enumerate(self.sequence(node, pointer)):
            self.parameter(parameter, f"{pointer}/{index}")

    def parameter(self, node: Any, pointer: str) -> None:
        node = self.mapping(node, pointer)
        if "$ref" in node:
            return
        if "schema" in node:
            self.schemas.append((f"{pointer}/schema", node["schema"]))
        self.content(node.get("content"), f"{pointer}/content")

    def body(self, node: Any, pointer: str) -> None:
        node = self.mapping(node, pointer)
        if "$ref" not in node:
            self.content(node.get("content"), f"{pointer}/content")

    def response(self, node: Any, pointer: str) -> None:
        node = self.mapping(node, pointer, "a response (a mapping)")
        if "$ref" in node:
            return
        self.content(node.get("content"), f"{pointer}/content")
        for name, header in self.mapping(node.get("headers"), f"{pointer}/headers").items():
            self.parameter(header, f"{pointer}/headers/{escape_pointer(str(name))}")

    def content(self, node: Any, pointer: str) -> None:
        for media, value in self.mapping(node, pointer, "a mapping of media types").items():
            where = f"{pointer}/{escape_pointer(str(media))}"
            if not isinstance(media, str):
                self.fail(where, "named by a media type (text)", media)
            value = self.mapping(value, where)
            if "schema" in value:
                self.schemas.append((f"{where}/schema", value["schema"]))

    # -- schemas -------------------------------------------------------------------------------

    def walk_schemas(self) -> None:
        stack = list(reversed(self.schemas))
        while stack:
            pointer, node = stack.pop()
            if isinstance(node, bool):
                continue  # 3.1: true and false are schemas
            node = self.mapping(node, pointer, "a schema (a mapping)")
            if id(node) in self.seen or ("$ref" in node and len(node) == 1):
                continue
            self.seen.add(id(node))
            kind = node.get("type")
            if kind is not None and not isinstance(kind, str | list):
                self.fail(f"{pointer}/type", "a type name or a list of them", kind)
            for key in _LISTS:
                if key in node and not (key == "required" and isinstance(node[key], bool)):
                    self.sequence(node[key], f"{pointer}/{key}")
            required = node.get("required")
            for index, name in enumerate(required if isinstance(required, list) else []):
                if not isinstance(name, str):
                    self.fail(f"{pointer}/required/{index}", "a property name (text)", name)
            if isinstance(kind, list):
                for index, name in enumerate(kind):
                    if not isinstance(name, str):
                        self.fail(f"{pointer}/type/{index}", "a type name", name)
            if "format" in node and not isinstance(node["format"], str):
                self.fail(f"{pointer}/format", "a format name (text)", node["format"])
            for key in _SCHEMA_MAPS:
                for name, child in self.mapping(node.get(key), f"{pointer}/{key}",
                                                "a mapping of schemas").items():
                    stack.append((f"{pointer}/{key}/{escape_pointer(str(name))}", child))
            for key in _SCHEMA_LISTS:
                for index, child in enumerate(self.sequence(node.get(key), f"{pointer}/{key}",
                                                            "a list of schemas")):
                    stack.append((f"{pointer}/{key}/{index}", child))
            for key in _SCHEMA_ONE:
                if key in node:
                    stack.append((f"{pointer}/{key}", node[key]))


def check_shapes(docs: DocumentSet, document: dict[str, Any]) -> None:
    """Raise :class:`ContractError` at the first keyword whose value is of the wrong kind."""
    _Shapes(docs, document).run()
