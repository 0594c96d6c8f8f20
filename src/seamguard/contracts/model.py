"""A loaded contract: its operations, webhooks, and compiled validators for their payloads.

Loading walks the OpenAPI structure (paths, webhooks and the response, header, request-body and
parameter objects they reference), converts every schema reachable from them to JSON Schema
2020-12, and indexes each operation by method + path template, then status, then media type.
Validators are compiled on first use, so a multi-megabyte spec loads without compiling schemas no
recording needs.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from seamguard.contracts.compiled import SchemaValidator, SharedValidators
from seamguard.contracts.indexing import ContractIndex, compile_error, kind_name
from seamguard.contracts.operations import (
    Encoding,
    HeaderSpec,
    MediaSpec,
    Operation,
    PathParam,
    QueryParam,
    ResponseSpec,
    SchemaRef,
    _PathIndex,
    match_media,
)
from seamguard.contracts.own_formats import OWN_FORMATS
from seamguard.contracts.refs import DocumentSet, node_at, split_pointer
from seamguard.contracts.schema import SchemaConverter
from seamguard.documents import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, escape_pointer
from seamguard.errors import ContractError

__all__ = [
    "Contract",
    "Encoding",
    "HeaderSpec",
    "MediaSpec",
    "Operation",
    "PathParam",
    "QueryParam",
    "ResponseSpec",
    "SchemaRef",
    "load_contract",
    "match_media",
]

class Contract(ContractIndex):
    """One platform version's OpenAPI contract, loaded and indexed."""

    def __init__(
        self, platform: str, version: str, docs: DocumentSet, *, closed: bool = True
    ) -> None:
        self.platform = platform
        self.version = version
        self.docs = docs
        document = docs.load(docs.entry_uri)
        if not isinstance(document, dict):
            found = ("nothing (the file is empty)" if document is None
                     else f"a {kind_name(document)}")
            raise ContractError(
                f"an OpenAPI document must be a mapping at the top level, this one holds {found}",
                file=self.docs.file_of(docs.entry_uri), line=1, pointer="/",
                hint="start the file with `openapi: 3.1.0`, `info:` and `paths:`",
            )
        self.document: dict[str, Any] = document
        self.openapi: str = str(self.document.get("openapi", ""))
        self.operations: list[Operation] = []
        self.webhooks: dict[str, Operation] = {}
        self._paths = _PathIndex()
        # Gateway operations (`/router/rest#taobao.trades.sold.get`): (path, name) -> operations
        self._named: dict[tuple[str, str], list[Operation]] = {}
        # closed: object schemas that declare properties flag undeclared fields (schema.py).
        self._converter = SchemaConverter(openapi_30=self.openapi.startswith("3.0"),
                                          resolve=docs.resolve, closed=closed)
        self._bare = SchemaConverter(openapi_30=self.openapi.startswith("3.0"),
                                     resolve=docs.resolve, closed=False)
        self._roots: dict[SchemaRef, dict[str, Any]] = {}
        self._skeletons: dict[str, dict[str, Any]] = {}
        self._registry: Any = None
        # Every payload schema compiled into one validator, on first use (compiled.py).
        self._shared = SharedValidators(self._compile_one, self._known_schemas)
        self._validators: dict[SchemaRef, SchemaValidator] = {}
        # Data other modules derive from this contract once (embedded-document sites, ...).
        self.derived: dict[str, Any] = {}

    @property
    def label(self) -> str:
        return f"{self.platform}@{self.version}"

    def match(self, method: str, path: str) -> Operation | None:
        return self._paths.match(method.lower(), path)

    def match_all(self, method: str, path: str) -> list[Operation]:
        """Every operation ``method`` + ``path`` matches, most specific first (templates of the
        same shape, ``/a/{id}`` and ``/a/{name}``, all match)."""
        return self._paths.match_all(method.lower(), path)

    def methods_for(self, path: str) -> list[str]:
        return self._paths.methods_for(path)

    def named(self, method: str, path: str, name: str,
              alike: tuple[str, ...] = ()) -> Operation | None:
        """The gateway operation ``path#name`` for ``method``.

        A method in ``alike`` (methods the gateway treats the same, e.g. TOP's GET and POST)
        also matches an operation declared under another method of ``alike``.
        """
        candidates = self._named.get((path, name))
        if not candidates:
            return None
        method = method.lower()
        for operation in candidates:
            if operation.method == method:
                return operation
        lowered = {m.lower() for m in alike}
        if method in lowered:
            for operation in candidates:
                if operation.method in lowered:
                    return operation
        return None

    def paths_named(self, name: str) -> list[str]:
        """The gateway paths the contract declares operation ``name`` at, sorted."""
        return sorted({at for (at, known) in self._named if known == name})

    def operation_names(self, path: str | None = None) -> list[str]:
        """Names of the gateway operations (at one gateway path, or all)."""
        return sorted({name for (at, name) in self._named if path is None or at == path})

    def schema(self, ref: SchemaRef) -> dict[str, Any]:
        """The converted (2020-12) schema of a payload."""
        return self._roots[ref]

    def root(self, pointer: str) -> SchemaRef:
        """The payload schema at ``pointer`` of the entry document (``#/components/...``)."""
        uri = self.docs.entry_uri
        fragment = pointer.removeprefix("#")
        (target_uri, target_fragment), raw = self.docs.resolve(uri, "#" + fragment)
        ref = SchemaRef(target_uri, unquote(target_fragment))
        if ref not in self._roots:
            self._roots[ref] = self._converter.convert(raw, target_uri)
            self._drain(self._converter, self._skeletons)
            self._registry = None  # new schemas: validators compiled from now on see them
        return ref

    def skeleton(self, uri: str) -> dict[str, Any]:
        """The converted schemas of one document, at their original pointers."""
        return self._skeletons[uri]

    def validator(self, ref: SchemaRef) -> SchemaValidator:
        """The validator of a payload schema (the contract's schemas compile on first use)."""
        validator = self._validators.get(ref)
        if validator is None:
            validator = self._validators[ref] = self._shared.validator(self._roots[ref])
        return validator

    def compile_schema(self, schema: dict[str, Any]) -> SchemaValidator:
        """A validator of a converted schema that is not a payload root (a content schema)."""
        return self._shared.validator(schema)

    @property
    def has_content_schemas(self) -> bool:
        """Does any converted schema declare a JSON document inside a string?"""
        return bool(self._converter.contents)

    @property
    def compiles(self) -> int:
        """How many times the contract's shared validator was compiled (once, normally)."""
        return self._shared.compiles

    def _known_schemas(self) -> list[dict[str, Any]]:
        """What the shared validator compiles: every payload schema and content schema."""
        return [*self._roots.values(), *self._converter.contents]

    def _compile_one(self, schema: dict[str, Any]) -> Any:
        ref = next((ref for ref, root in self._roots.items() if root is schema), None)
        return self._compile(schema, ref=ref)

    def bare_validator(self, ref: SchemaRef) -> Any:
        """A validator without seamguard's undeclared-field rule (for comparisons)."""
        # The node at the payload's own pointer, as the payload's schema was converted from
        # it: a reference there stays one (what it stands beside may depend on it).
        uri, raw = ref.uri, node_at(self.docs.load(ref.uri), ref.pointer)
        converter = self._bare
        schema = converter.convert(raw, uri)
        skeletons: dict[str, dict[str, Any]] = {}
        self._drain(converter, skeletons)
        return self._compile(schema, skeletons, ref=ref)

    def _compile(self, schema: dict[str, Any], skeletons: dict[str, Any] | None = None,
                 *, ref: SchemaRef | None = None) -> Any:
        import jsonschema_rs

        if skeletons is None:
            if self._registry is None:
                self._registry = jsonschema_rs.Registry(list(self._skeletons.items()))
            registry = self._registry
        else:
            registry = jsonschema_rs.Registry(list(skeletons.items()))
        try:
            return jsonschema_rs.Draft202012Validator(
                schema, validate_formats=True, formats=OWN_FORMATS, registry=registry)
        except (ValueError, jsonschema_rs.ReferencingError) as exc:
            # The meta-schema error's path leads through the converted schema, which keeps the
            # author's keys: appended to the schema's own pointer it finds the line.
            message, parts = compile_error(exc, schema)
            path = [str(part) for part in parts]
            uri = ref.uri if ref is not None else self.docs.entry_uri
            place = self._reference_to(ref, message) if not path and ref is not None else None
            if place is not None:
                # A reference that resolves nowhere: the error named its target, not its place.
                uri, pointer = place
                raise ContractError(
                    f"schema cannot be compiled: {message}", file=self.docs.file_of(uri),
                    line=self.docs.line_of(uri, pointer), pointer=self.docs.written(uri, pointer),
                    hint="point the reference at a schema the document holds (a `$dynamicRef` "
                         "by name needs a `$dynamicAnchor` of that name in the same schema "
                         "resource)") from None
            pointer = (ref.pointer if ref is not None else "") + "".join(
                "/" + escape_pointer(part) for part in path)
            raise ContractError(
                f"schema cannot be compiled: {message}", file=self.docs.file_of(uri),
                line=self.docs.line_of(uri, pointer) if ref is not None else None,
                pointer=self.docs.written(uri, pointer) if pointer else None,
                hint="compare the schema with JSON Schema 2020-12; `seamguard contract lint` "
                     "checks the whole document",
            ) from None

    def _reference_to(self, ref: SchemaRef, message: str) -> tuple[str, str] | None:
        """(document, pointer) of the first reference, within the schema at ``ref`` or a schema
        it references, to the anchor or pointer a compile ``message`` says does not exist."""
        found = re.search(r"(Anchor|Pointer) '([^']*)' does not exist", message)
        if found is None:
            return None
        target = found.group(2)
        stack: list[tuple[str, str]] = [(ref.uri, ref.pointer)]
        seen: set[tuple[str, str]] = set()
        while stack and len(seen) < 10_000:
            uri, pointer = stack.pop()
            if (uri, pointer) in seen:
                continue
            seen.add((uri, pointer))
            if pointer and not pointer.startswith("/"):
                continue  # an anchor by name: no place to walk
            try:
                node: Any = self.docs.load(uri)
            except ContractError:
                continue
            for token in split_pointer(pointer):
                node = node.get(token) if isinstance(node, dict) else (
                    node[int(token)] if isinstance(node, list) and token.isdigit()
                    and int(token) < len(node) else None)
            if isinstance(node, dict):
                for key in ("$ref", "$dynamicRef", "$recursiveRef"):
                    value = node.get(key)
                    if isinstance(value, str) and unquote(value.partition("#")[2]) == target:
                        return uri, f"{pointer}/{escape_pointer(key)}"
                if isinstance(node.get("$ref"), str):
                    with contextlib.suppress(ContractError):
                        (to_uri, to_fragment), _ = self.docs.resolve(uri, node["$ref"])
                        stack.append((to_uri, unquote(to_fragment)))
                stack.extend((uri, f"{pointer}/{escape_pointer(str(key))}")
                             for key, value in reversed(node.items())
                             if isinstance(value, (dict, list)))
            elif isinstance(node, list):
                stack.extend((uri, f"{pointer}/{index}")
                             for index in reversed(range(len(node))))
        return None


def load_contract(
    path: Path,
    *,
    platform: str,
    version: str,
    display: Callable[[Path], str] = str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    within: Path | None = None,
    closed: bool = True,
) -> Contract:
    """Load, convert and index one contract; raises ContractError/DocumentError if it cannot.

    ``within``: the folder no ``$ref`` may leave (the project); None allows any local file.
    """
    docs = DocumentSet(root=path, display=display, max_bytes=max_bytes, max_depth=max_depth,
                       boundary=within)
    try:
        contract = Contract(platform, version, docs, closed=closed)
        contract.index()
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as exc:
        # A shape the loader does not expect: the OpenAPI meta-schema says precisely where.
        raise _shape_error(docs, exc) from None
    return contract


def _shape_error(docs: DocumentSet, exc: Exception) -> ContractError:
    file = docs.file_of(docs.entry_uri)
    document = docs.documents.get(docs.entry_uri)
    if not isinstance(document, dict):
        document = {}
    try:
        from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

        openapi = str(document.get("openapi", ""))
        cls = OpenAPIV30SpecValidator if openapi.startswith("3.0") else OpenAPIV31SpecValidator
        error = next(iter(cls(document, base_uri=docs.entry_uri).iter_errors()), None)
    except Exception:  # the validator has its own limits on broken documents
        error = None
    if error is None:
        return ContractError(
            f"the contract has a shape seamguard cannot read ({type(exc).__name__}: {exc})",
            file=file, line=1, hint="run `seamguard contract lint`, and compare the document "
                                    "with the OpenAPI specification")
    pointer = "".join("/" + escape_pointer(str(token)) for token in error.path) or "/"
    return ContractError(f"not valid OpenAPI: {error.message}"[:400], file=file,
                         line=docs.line_of(docs.entry_uri, pointer),
                         pointer=docs.written(docs.entry_uri, pointer),
                         hint="compare with the OpenAPI specification of that object")
