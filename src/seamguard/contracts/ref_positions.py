"""Every ``$ref`` of a contract, in every position OpenAPI allows one, resolved when it loads.

Loading follows the references it needs (schemas, parameters, responses of operations); a
reference elsewhere — a callback, a link, an example, a security scheme, a discriminator
mapping, a component nothing uses yet — was never followed, so a cycle, a remote URL, a path
out of the project or a name that does not exist passed unnoticed. Here each one is resolved
through :class:`~seamguard.contracts.refs.DocumentSet` (which refuses all of those), and the
object it reaches must be of the kind its position takes: a response ``$ref`` that lands on
``#/info`` or on a parameter is an error, not an empty response.

Positions are told by walking the document from its root (``paths`` → path item → operation →
``responses`` → response → ``headers`` → header …), so a property that happens to be called
``parameters`` or ``links`` inside a schema is a schema, not a parameter list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from seamguard.contracts.refs import DocumentSet, split_pointer
from seamguard.errors import ContractError

__all__ = ["check_references", "kind_at"]

_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
_COMPONENTS = {"schemas": "schema", "parameters": "parameter", "responses": "response",
               "headers": "header", "requestBodies": "request body", "pathItems": "path item",
               "callbacks": "callback", "links": "link", "examples": "example",
               "securitySchemes": "security scheme"}
# Parts of the document no $ref may point at in place of a referable object.
_DOCUMENT_PARTS = {"info", "servers", "tags", "security", "externalDocs", "openapi",
                   "jsonSchemaDialect"}
# Keys under a schema or an example whose values are data, not OpenAPI objects.
_LITERAL = {"example", "examples", "default", "const", "enum", "value"}
_SCHEMA_MAPS = {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}

# (state, key) -> next state; "*" matches any key. A state that is an object kind is what a
# $ref found there must reach.
_STEPS: dict[str, dict[str, str]] = {
    "root": {"paths": "path items", "webhooks": "path items", "components": "components"},
    "path items": {"*": "path item"},
    "path item": {"parameters": "parameter list", **dict.fromkeys(_METHODS, "operation")},
    "operation": {"parameters": "parameter list", "requestBody": "request body",
                  "responses": "responses", "callbacks": "callbacks"},
    "parameter list": {"*": "parameter"},
    "responses": {"*": "response"},
    "callbacks": {"*": "callback"},
    "callback": {"*": "path item"},
    "response": {"headers": "headers", "content": "content", "links": "links"},
    "headers": {"*": "header"},
    "links": {"*": "link"},
    "examples": {"*": "example"},
    "content": {"*": "media type"},
    "media type": {"schema": "schema", "examples": "examples", "encoding": "encodings"},
    "encodings": {"*": "encoding"},
    "encoding": {"headers": "headers"},
    "parameter": {"schema": "schema", "content": "content", "examples": "examples"},
    "header": {"schema": "schema", "content": "content", "examples": "examples"},
    "request body": {"content": "content"},
}
_KINDS = {"path item", "operation", "parameter", "response", "callback", "header", "link",
          "example", "media type", "request body", "schema", "security scheme", "encoding"}
# Where OpenAPI allows a Reference Object; a $ref anywhere else is the loader's to refuse.
_REFERABLE = _KINDS - {"operation", "media type", "encoding"}


def _step(state: str, key: str) -> str | None:
    if state == "components":
        return f"components:{key}" if key in _COMPONENTS else None
    if state.startswith("components:"):
        return _COMPONENTS[state.partition(":")[2]]
    if state == "schema":
        return None if key in _LITERAL or key.startswith("x-") else \
            "schema map" if key in _SCHEMA_MAPS else "schema"
    if state == "schema map":
        return "schema"
    if key.startswith("x-"):
        return None
    steps = _STEPS.get(state, {})
    return steps.get(key) or steps.get("*")


def kind_at(pointer: str) -> str | None:
    """The kind of OpenAPI object at ``pointer`` of an OpenAPI document: ``"response"``,
    ``"schema"``…; ``"document part"`` for ``#/info`` and the like; None when unknown."""
    tokens = split_pointer(pointer)
    if not tokens:
        return "document part"
    if tokens[0] in _DOCUMENT_PARTS:
        return "document part"
    state: str | None = "root"
    for token in tokens:
        state = _step(state, token) if state is not None else None
        if state is None:
            return None
    return state if state in _KINDS else None


def _holders(node: Any, state: str, pointer: str) -> Iterator[tuple[str, str, Any]]:
    """``(pointer, state, node)`` of every object below ``node`` that may hold a ``$ref``."""
    stack = [(node, state, pointer)]
    while stack:
        node, state, pointer = stack.pop()
        if not isinstance(node, dict):
            if isinstance(node, list) and state in ("parameter list", "schema"):
                child = "parameter" if state == "parameter list" else "schema"
                stack.extend((item, child, f"{pointer}/{index}")
                             for index, item in enumerate(node))
            continue
        yield pointer, state, node
        for key, value in node.items():
            if not isinstance(key, str) or key == "$ref":
                continue
            following = _step(state, key)
            if following is not None and isinstance(value, dict | list):
                token = key.replace("~", "~0").replace("/", "~1")
                stack.append((value, following, f"{pointer}/{token}"))


def check_references(docs: DocumentSet) -> None:
    """Resolve every ``$ref`` (and discriminator mapping reference) of the entry document.

    Raises:
        ContractError: a reference cannot be resolved (cycle, remote, outside the project,
            missing), or reaches an object of another kind than its position takes.
    """
    uri = docs.entry_uri
    for pointer, state, node in _holders(docs.load(uri), "root", ""):
        ref = node.get("$ref")
        if isinstance(ref, str) and state in _REFERABLE:
            _check(docs, uri, f"{pointer}/$ref", ref, state)
        discriminator = node.get("discriminator") if state == "schema" else None
        mapping = discriminator.get("mapping") if isinstance(discriminator, dict) else None
        for key, value in (mapping.items() if isinstance(mapping, dict) else ()):
            if isinstance(value, str) and ("#" in value or "/" in value):
                token = str(key).replace("~", "~0").replace("/", "~1")
                _check(docs, uri, f"{pointer}/discriminator/mapping/{token}", value, "schema")


def _check(docs: DocumentSet, uri: str, at: str, ref: str, position: str) -> None:
    try:
        (target_uri, fragment), _ = docs.resolve(uri, ref)
    except ContractError as exc:
        # the resolver finds a reference's line by its `$ref` key, which a discriminator
        # mapping does not write: its place is known here
        if exc.file == docs.file_of(uri) and exc.line is None:
            exc.line, exc.pointer = docs.line_of(uri, at), exc.pointer or docs.written(uri, at)
        raise
    document = docs.load(target_uri)
    if not (isinstance(document, dict) and "openapi" in document):
        return  # a file of schemas: its own layout says nothing about kinds
    reached = kind_at(unquote(fragment))
    if reached is None or reached == position:
        return
    target = "a part of the document itself" if reached == "document part" else f"a {reached}"
    component = next((name for name, kind in _COMPONENTS.items() if kind == position), None)
    raise ContractError(
        f"$ref {ref!r} stands for a {position} here but points at {target} "
        f"(#{unquote(fragment)})",
        file=docs.file_of(uri), line=docs.line_of(uri, at), pointer=docs.written(uri, at),
        hint=f"refer to a {position}, e.g. #/components/{component}/Name" if component else
        f"refer to a {position}")
