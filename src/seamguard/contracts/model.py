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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from seamguard.contracts.compiled import SchemaValidator, SharedValidators
from seamguard.contracts.dialect import check_dialect
from seamguard.contracts.operations import (
    Encoding,
    HeaderSpec,
    MediaSpec,
    Operation,
    PathParam,
    QueryParam,
    ResponseSpec,
    SchemaRef,
    _encoding,
    _PathIndex,
    match_media,
)
from seamguard.contracts.own_formats import OWN_FORMATS
from seamguard.contracts.ref_positions import check_references
from seamguard.contracts.refs import DocumentSet, set_at, split_pointer
from seamguard.contracts.schema import OPEN_PREFIX, SchemaConverter
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

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# The styles each parameter location allows, its default first.
_STYLES = {"query": ("form", "spaceDelimited", "pipeDelimited", "deepObject"),
           "header": ("simple",), "cookie": ("form",)}
# Header parameters OpenAPI says are ignored: the request's own Accept, Content-Type and
# Authorization are described elsewhere (content, security).
_NOT_PARAMETERS = frozenset({"accept", "content-type", "authorization"})


class Contract:
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
                     else f"a {_kind(document)}")
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
    def file(self) -> str:
        return self.docs.file_of(self.docs.entry_uri)

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
        (uri, _), raw = self.docs.resolve(ref.uri, "#" + ref.pointer)
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
            message = str(getattr(exc, "message", None) or exc).strip().splitlines()[0]
            path = [str(part) for part in getattr(exc, "instance_path", None) or []]
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

    # -- loading -------------------------------------------------------------------------------

    def index(self) -> None:
        version = self.document.get("openapi")
        if not isinstance(version, str) or not re.match(r"^3\.[01]\.\d+", version):
            # Swagger 2.0 never gets here: it is served as its 3.0 reading (DocumentSet.load)
            key = next((k for k in ("swagger", "swaggerVersion") if k in self.document),
                       "openapi")
            seen = (f"a Swagger {self.document[key]} document" if key != "openapi"
                    else f"openapi: {version!r}")
            raise ContractError(
                f"not an OpenAPI 3.0/3.1 or Swagger 2.0 document ({seen})",
                file=self.file, line=self.docs.line_in_file(self.docs.entry_uri, f"/{key}") or 1,
                pointer=f"/{key}",
                hint="seamguard reads OpenAPI 3.0.x and 3.1.x, and Swagger 2.0 as the 3.0 "
                     "document it means; convert a Swagger 1.x document to 2.0 or 3.0 first "
                     "(e.g. with the swagger-converter)",
            )
        if version.startswith("3.1"):
            dialect_line = self.docs.line_in_file(self.docs.entry_uri, "/jsonSchemaDialect")
            check_dialect(self.document, self.file, dialect_line)
        base = self.docs.entry_uri
        paths = self._mapping(base, "/paths", self.document.get("paths", {}),
                              "path templates to path items")
        webhooks = self._mapping(base, "/webhooks", self.document.get("webhooks", {}),
                                 "webhook names to path items")
        for template, item in paths.items():
            self._index_item(base, f"/paths/{escape_pointer(template)}", template, item, False)
        for name, item in webhooks.items():
            self._index_item(base, f"/webhooks/{escape_pointer(name)}", name, item, True)
        self._drain(self._converter, self._skeletons)
        check_references(self.docs)  # the references loading did not need to follow

    def _index_item(self, uri: str, pointer: str, path: str, item: Any, webhook: bool) -> None:
        uri, pointer, item = self._deref(uri, pointer, item)
        item = self._mapping(uri, pointer, item, f"operations (path item {path!r})")
        self._parameters(uri, pointer, item)
        shared = self._path_params(uri, pointer, item) if not webhook else {}
        shared_query = self._query_params(uri, pointer, item) if not webhook else {}
        # A webhook's header parameters are its delivery's (a signature, a topic): kept.
        shared_header = self._query_params(uri, pointer, item, "header")
        shared_cookie = self._query_params(uri, pointer, item, "cookie") if not webhook else {}
        for method in METHODS:
            if method not in item:
                continue
            op_pointer = f"{pointer}/{method}"
            raw = self._mapping(uri, op_pointer, item[method], "an operation object")
            self._parameters(uri, op_pointer, raw)
            path_params = ({**shared, **self._path_params(uri, op_pointer, raw)}
                           if not webhook else {})
            query_params = ({**shared_query, **self._query_params(uri, op_pointer, raw)}
                            if not webhook else {})
            header_params = {**shared_header,
                             **self._query_params(uri, op_pointer, raw, "header")}
            cookie_params = ({**shared_cookie,
                              **self._query_params(uri, op_pointer, raw, "cookie")}
                             if not webhook else {})
            if isinstance(raw.get("$ref"), str) and "responses" not in raw:
                raise ContractError(
                    f"the {method.upper()} operation of {path!r} is a $ref "
                    f"({raw['$ref']!r}); OpenAPI allows $ref for a path item, not for an "
                    "operation",
                    file=self.docs.file_of(uri), line=self.docs.line_of(uri, op_pointer),
                    pointer=self.docs.written(uri, op_pointer),
                    hint="bundle the document first (`redocly bundle` or `swagger-cli bundle` "
                         "inline such references), or move the $ref up to the path item",
                )
            operation_id = raw.get("operationId")
            documented = raw.get("x-seamguard-in-band-errors")
            operation = Operation(
                method=method, path=path, pointer=op_pointer, webhook=webhook,
                operation_id=operation_id if isinstance(operation_id, str) else None,
                documented_errors=frozenset(str(code) for code in documented)
                if isinstance(documented, list) else frozenset(),
                path_params=tuple(path_params.values()),
                query_params=tuple(query_params.values()),
                header_params=tuple(header_params.values()),
                cookie_params=tuple(cookie_params.values()),
            )
            responses = self._mapping(uri, f"{op_pointer}/responses",
                                      raw.get("responses", {}), "status codes to responses")
            for status, response in responses.items():
                operation.responses[str(status)] = self._response(
                    uri, f"{op_pointer}/responses/{escape_pointer(str(status))}", str(status),
                    response,
                )
            if "requestBody" in raw:
                b_uri, b_pointer, body = self._deref(uri, f"{op_pointer}/requestBody",
                                                     raw["requestBody"])
                operation.request = self._content(b_uri, b_pointer, body)
                operation.request_required = body.get("required") is True
            if webhook:
                self.webhooks.setdefault(path, operation)
            else:
                self._paths.add(operation)
                gateway, hash_, name = path.partition("#")
                if hash_:
                    self._named.setdefault((gateway, name), []).append(operation)
            self.operations.append(operation)

    def _parameters(self, uri: str, pointer: str, owner: dict[str, Any]) -> None:
        """Resolve each ``$ref`` among ``parameters``: one that names nothing makes the
        contract unloadable here too, not only in lint."""
        parameters = owner.get("parameters")
        if not isinstance(parameters, list):
            return
        for index, parameter in enumerate(parameters):
            if isinstance(parameter, dict) and isinstance(parameter.get("$ref"), str):
                try:
                    self._deref(uri, f"{pointer}/parameters/{index}", parameter)
                except ContractError as exc:
                    if exc.pointer is None and exc.file == self.docs.file_of(uri):
                        exc.pointer = f"{pointer}/parameters/{index}/$ref"
                    raise

    def _parameters_in(self, uri: str, pointer: str, owner: dict[str, Any],
                       where: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(uri, pointer, parameter object) of each ``in: <where>`` parameter of ``owner``."""
        parameters = owner.get("parameters")
        if not isinstance(parameters, list):
            return
        for index, parameter in enumerate(parameters):
            p_uri, p_pointer, node = self._deref(uri, f"{pointer}/parameters/{index}", parameter)
            if isinstance(node, dict) and node.get("in") == where:
                yield p_uri, p_pointer, node

    def _path_params(self, uri: str, pointer: str, owner: dict[str, Any]) -> dict[str, PathParam]:
        """The ``in: path`` parameters of a path item or operation, by name."""
        found: dict[str, PathParam] = {}
        for p_uri, p_pointer, node in self._parameters_in(uri, pointer, owner, "path"):
            name, style = node.get("name"), node.get("style", "simple")
            if not isinstance(name, str) or style not in ("simple", "label", "matrix"):
                continue  # lint reports a malformed parameter; verify cannot read it
            schema = node.get("schema")
            found[name] = PathParam(
                name=name, style=style, explode=node.get("explode") is True,
                schema=self._schema_root(p_uri, f"{p_pointer}/schema", schema)
                if isinstance(schema, dict) else None)
        return found

    def _query_params(self, uri: str, pointer: str, owner: dict[str, Any],
                      where: str = "query") -> dict[str, QueryParam]:
        """The ``in: query`` (or ``header``, ``cookie``) parameters of a path item or
        operation, by name (a header's lower-cased: header names are case-insensitive)."""
        found: dict[str, QueryParam] = {}
        for p_uri, p_pointer, node in self._parameters_in(uri, pointer, owner, where):
            name, style = node.get("name"), node.get("style", _STYLES[where][0])
            explode = node.get("explode")
            if not isinstance(name, str) or style not in _STYLES[where]:
                continue  # lint reports a malformed parameter; verify cannot read it
            if where == "header" and name.lower() in _NOT_PARAMETERS:
                continue  # OpenAPI: such a parameter definition is ignored
            schema, content = node.get("schema"), node.get("content")
            media = None
            if isinstance(content, dict) and len(content) == 1 \
                    and isinstance(next(iter(content.values())), dict):
                media = self._content(p_uri, p_pointer, node).popitem()[1]
            found[name.lower() if where == "header" else name] = QueryParam(
                name=name, style=style,
                explode=explode if isinstance(explode, bool) else style == "form",
                required=node.get("required") is True,
                schema=self._schema_root(p_uri, f"{p_pointer}/schema", schema)
                if isinstance(schema, dict) else None,
                media=media, allow_empty=node.get("allowEmptyValue") is True)
        return found

    def _response(self, uri: str, pointer: str, status: str, raw: Any) -> ResponseSpec:
        uri, pointer, raw = self._deref(uri, pointer, raw)
        raw = self._mapping(uri, pointer, raw, "a response object")
        spec = ResponseSpec(status=status, content=self._content(uri, pointer, raw))
        headers = self._mapping(uri, f"{pointer}/headers", raw.get("headers", {}),
                                "header names to header objects")
        for name, header in headers.items():
            h_uri, h_pointer, header = self._deref(
                uri, f"{pointer}/headers/{escape_pointer(name)}", header
            )
            header = self._mapping(h_uri, h_pointer, header, "a header object")
            spec.headers[name.lower()] = HeaderSpec(
                name=name,
                required=header.get("required") is True,
                schema=self._schema_root(h_uri, f"{h_pointer}/schema", header.get("schema")),
            )
        return spec

    def _content(self, uri: str, pointer: str, raw: dict[str, Any]) -> dict[str, MediaSpec]:
        raw = self._mapping(uri, pointer, raw, "an object with `content`")
        content = self._mapping(uri, f"{pointer}/content", raw.get("content", {}),
                                "media types to media type objects")
        result = {}
        for media_type, media in content.items():
            m_pointer = f"{pointer}/content/{escape_pointer(media_type)}"
            media = self._mapping(uri, m_pointer, media, "a media type object")
            result[media_type] = MediaSpec(
                media_type, self._schema_root(uri, f"{m_pointer}/schema", media.get("schema")),
                _encoding(media.get("encoding")))
        return result

    def _mapping(self, uri: str, pointer: str, value: Any, what: str) -> dict[str, Any]:
        """``value`` if it is a mapping; a ContractError naming file, line and pointer if not."""
        if isinstance(value, dict):
            return value
        raise ContractError(
            f"expected a mapping of {what.removeprefix('a ').removeprefix('an ')}"
            if " to " in what else f"expected {what} (a mapping)",
            file=self.docs.file_of(uri), line=self.docs.line_of(uri, pointer),
            pointer=self.docs.written(uri, pointer) or "/",
            hint=f"found {'null' if value is None else 'a ' + _kind(value)} here; compare with "
                 "the OpenAPI specification of this object",
        )

    def _schema_root(self, uri: str, pointer: str, schema: Any) -> SchemaRef | None:
        if schema is None:
            return None
        ref = SchemaRef(uri, pointer)
        if ref not in self._roots:
            self._roots[ref] = self._converter.convert(schema, uri)
        return ref

    def _deref(self, uri: str, pointer: str, node: Any) -> tuple[str, str, Any]:
        """Follow a ``$ref`` to an OpenAPI object (response, header, ...), keeping its location."""
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            (target_uri, fragment), target = self.docs.resolve(uri, node["$ref"])
            if self.docs.swagger2 and target_uri != self.docs.entry_uri:
                self._foreign(uri, pointer, node["$ref"], target)
            return target_uri, unquote(fragment), target
        return uri, pointer, node

    def _foreign(self, uri: str, pointer: str, ref: str, target: Any) -> None:
        """Refuse what a 2.0 document keeps in another file but its 3.0 reading cannot take."""
        from seamguard.contracts.swagger2 import foreign_part

        part = foreign_part(target)
        if part is not None:
            raise ContractError(
                f"$ref {ref!r} reaches {part} in another file; a Swagger 2.0 document is read "
                "as OpenAPI 3.0, where that becomes part of the operation, so it must be in "
                "the document itself",
                file=self.docs.file_of(uri), line=self.docs.line_of(uri, pointer),
                pointer=self.docs.written(uri, pointer),
                hint="refer to the other file from the operation itself ($ref: "
                     "'common.yaml#/parameters/Body'), or move the part under the document's "
                     "`parameters` or `responses`; schemas may stay in other files")

    def _drain(self, converter: SchemaConverter, skeletons: dict[str, dict[str, Any]]) -> None:
        """Convert every schema the converted ones refer to, placing each at its pointer."""
        done: set[tuple[str, str, bool]] = set()
        while converter.pending:
            uri, fragment, open_ = converter.pending.pop()
            if (uri, fragment, open_) in done:
                continue
            done.add((uri, fragment, open_))
            self.docs.check_cycles(uri, unquote(fragment))
            node = self.docs.resolve(uri, "#" + fragment)[1]
            converted = converter.convert(node, uri, open_=open_)
            prefix = OPEN_PREFIX if open_ and converter.closed else ""
            _place(skeletons.setdefault(uri, {}), prefix + fragment, converted)


def _place(skeleton: dict[str, Any], fragment: str, schema: Any) -> None:
    tokens = split_pointer(unquote(fragment))
    if not tokens:
        # A whole file is the schema (`$ref: ./order.yaml`): it is the resource itself.
        if isinstance(schema, dict):
            skeleton.update(schema)
        return
    set_at(skeleton, tokens, schema)


def _kind(value: Any) -> str:
    names = {list: "list", str: "string", bool: "boolean", int: "number", float: "number",
             dict: "mapping"}
    return names.get(type(value), type(value).__name__)


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
