"""Indexing a contract as it loads: its paths and webhooks walked into operations (parameters,
request bodies, responses, media types), every schema they reach converted to JSON Schema and
placed in one skeleton per file. :class:`~seamguard.contracts.model.Contract` is built on it."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from seamguard.contracts.dialect import check_dialect
from seamguard.contracts.operations import (
    HeaderSpec,
    MediaSpec,
    Operation,
    PathParam,
    QueryParam,
    ResponseSpec,
    SchemaRef,
    _encoding,
    _PathIndex,
)
from seamguard.contracts.ref_positions import check_references
from seamguard.contracts.refs import DocumentSet, set_at, split_pointer
from seamguard.contracts.schema import OPEN_PREFIX, SchemaConverter
from seamguard.documents import escape_pointer
from seamguard.errors import ContractError

__all__ = ["METHODS", "ContractIndex", "compile_error", "kind_name"]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# The styles each parameter location allows, its default first.
_STYLES = {"query": ("form", "spaceDelimited", "pipeDelimited", "deepObject"),
           "header": ("simple",), "cookie": ("form",)}
# Header parameters OpenAPI says are ignored: the request's own Accept, Content-Type and
# Authorization are described elsewhere (content, security).
_NOT_PARAMETERS = frozenset({"accept", "content-type", "authorization"})


class ContractIndex:
    """The loading half of a contract: fills its operations, webhooks and schema skeletons."""

    docs: DocumentSet
    document: dict[str, Any]
    operations: list[Operation]
    webhooks: dict[str, Operation]
    _paths: _PathIndex
    _named: dict[tuple[str, str], list[Operation]]
    _converter: SchemaConverter
    _roots: dict[SchemaRef, dict[str, Any]]
    _skeletons: dict[str, dict[str, Any]]

    @property
    def file(self) -> str:
        return self.docs.file_of(self.docs.entry_uri)

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
            hint=f"found {'null' if value is None else 'a ' + kind_name(value)} here; compare with "
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
            if (uri, fragment, not open_) not in done:
                self._check_shape(converted, uri, unquote(fragment))
            prefix = OPEN_PREFIX if open_ and converter.closed else ""
            _place(skeletons.setdefault(uri, {}), prefix + fragment, converted)


    def _check_shape(self, schema: Any, uri: str, pointer: str) -> None:
        """Refuse a schema reached by reference that JSON Schema 2020-12 does not take (a
        ``type`` list that is empty or names a type twice, ``multipleOf: 0``, ``$defs`` as a
        list, ...), as a payload's own schema is refused when it compiles: the meta-schema's
        path through the converted schema, which keeps the author's keys, finds the line."""
        import jsonschema_rs

        if isinstance(schema, bool) or self.docs.swagger2:
            return  # (a 2.0 document's schemas are judged by its own validator, in 2.0 terms)
        try:
            jsonschema_rs.meta.validate(schema)
        except jsonschema_rs.ValidationError as exc:
            message, parts = compile_error(exc, schema)
            path = pointer + "".join("/" + escape_pointer(str(part)) for part in parts)
            raise ContractError(
                f"schema cannot be compiled: {message}", file=self.docs.file_of(uri),
                line=self.docs.line_of(uri, path), pointer=self.docs.written(uri, path),
                hint="compare the schema with JSON Schema 2020-12; `seamguard contract lint` "
                     "checks the whole document") from None
        except (ValueError, jsonschema_rs.ReferencingError):
            return  # (a `$schema` the library does not know: the compile says so)


def compile_error(exc: BaseException, schema: Any) -> tuple[str, list[Any]]:
    """The first line of a meta-schema error and its path through ``schema``; a bound written
    as YAML's ``.inf`` or ``.nan`` is named as written (the library reads it as null)."""
    message = str(getattr(exc, "message", None) or exc).strip().splitlines()[0]
    parts = list(getattr(exc, "instance_path", None) or [])
    written = _at(schema, parts)
    if isinstance(written, float) and not math.isfinite(written):
        spelt = ".nan" if math.isnan(written) else "-.inf" if written < 0 else ".inf"
        message = f"{spelt} is no JSON number (JSON Schema takes a finite number)"
    return message, parts


def _at(node: Any, parts: list[Any]) -> Any:
    for part in parts:
        listed = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (listed or (isinstance(node, dict) and part in node)):
            return None
        node = node[part]
    return node


def _place(skeleton: dict[str, Any], fragment: str, schema: Any) -> None:
    tokens = split_pointer(unquote(fragment))
    if not tokens:
        # A whole file is the schema (`$ref: ./order.yaml`): it is the resource itself.
        if isinstance(schema, dict):
            skeleton.update(schema)
        return
    set_at(skeleton, tokens, schema)


def kind_name(value: Any) -> str:
    names = {list: "list", str: "string", bool: "boolean", int: "number", float: "number",
             dict: "mapping"}
    return names.get(type(value), type(value).__name__)
