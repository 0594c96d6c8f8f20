"""Swagger 2.0 documents read as the OpenAPI 3.0 documents they mean, for every check.

Many platforms still publish Swagger 2.0, and some move to 3.x between two versions; diffing
needs both sides in one dialect. The reading follows the OpenAPI 3.0 specification's own
mapping of 2.0 concepts: ``host`` + ``basePath`` + ``schemes`` are ``servers``; ``definitions``,
``parameters``, ``responses`` and ``securityDefinitions`` are ``components``; a ``body``
parameter, or the ``formData`` parameters, are the ``requestBody`` in each media type of
``consumes``; a response ``schema`` is its ``content`` in each media type of ``produces``; a
non-body parameter's ``type``, ``format``, ``items``, ``enum`` and bounds are its ``schema``,
``collectionFormat`` its ``style``/``explode``; ``x-nullable`` is ``nullable``; ``type: file``
is a binary string; OAuth2 ``flow`` names are 3.0's ``flows``. ``$ref``s to the moved sections
of the same document are rewritten; a ``$ref`` to another file is left as written, and the
schemas and non-body parameters in that file are read the same way in place. A body or form
parameter, or a response with a ``schema``, kept in another file (``common.yaml#/parameters/
Body``) becomes part of each operation that refers to it (its request body, its response
``content``, in that operation's media types); the schema stays where it is written, behind a
``$ref`` to it (``common.yaml#/parameters/Body/schema``), so findings about it name that file
and line.

Every place the reading moves is recorded (:class:`Origins`), so a finding about the 3.0 reading
names the line and JSON pointer of the 2.0 document the user wrote: ``#/definitions/Order``, the
``in: body`` parameter, ``consumes``/``produces``, ``x-nullable``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from seamguard.contracts.refs import split_pointer

__all__ = ["Origins", "convert", "foreign_part", "is_swagger2", "openapi_of", "read_pointer",
           "schemas_of"]

Doc = dict[str, Any]
Tokens = tuple[str, ...]
#: ``foreign(ref)``: what a ``$ref`` of the document to another file reaches, as (a ``$ref``
#: to that node written from the document, the node), or None when it reaches nothing.
Foreign = Callable[[str], "tuple[str, Any] | None"]
# A body or form parameter, where the document has it, and the ``$ref`` to it when it is kept
# in another file.
Payload = tuple[Doc, Tokens, "str | None"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
_MOVED = {"#/definitions/": "#/components/schemas/",
          "#/parameters/": "#/components/parameters/",
          "#/responses/": "#/components/responses/"}
# Keywords of a 2.0 non-body parameter (or header) that belong to its schema in 3.0.
_SCHEMA_KEYS = ("type", "format", "items", "enum", "default", "maximum", "exclusiveMaximum",
                "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems",
                "minItems", "uniqueItems", "multipleOf")
_FLOWS = {"implicit": "implicit", "password": "password", "application": "clientCredentials",
          "accessCode": "authorizationCode"}
_STYLES = {"csv": ("form", False), "ssv": ("spaceDelimited", False),
           "pipes": ("pipeDelimited", False), "multi": ("form", True)}


def _esc(name: Any) -> str:
    return str(name).replace("~", "~0").replace("/", "~1")


def _join(tokens: Tokens) -> str:
    return "".join("/" + _esc(token) for token in tokens)


class Origins:
    """Where each place of a 3.0 reading was written in the 2.0 document.

    Only the places the reading moves are recorded; below the deepest recorded place the
    structure is the author's own (a schema keeps its keys), bar the renamed keywords.
    """

    def __init__(self) -> None:
        self.moves: dict[Tokens, Tokens] = {}

    def at(self, read: Tokens, written: Tokens) -> None:
        self.moves[read] = written

    def source(self, pointer: str) -> str:
        """The 2.0 document's pointer for ``pointer`` into the 3.0 reading."""
        try:
            tokens = tuple(split_pointer(pointer))
        except ValueError:
            return pointer
        for cut in range(len(tokens), -1, -1):
            written = self.moves.get(tokens[:cut])
            if written is not None:
                return _join(written + _renamed(tokens[cut:], tokens[:cut]))
        return _join(_renamed(tokens, ()))

    def source_ref(self, ref: str) -> str:
        """A ``$ref`` of the reading as the author wrote it (``#/definitions/X``)."""
        if ref.startswith("#/"):
            return "#" + self.source(ref[1:])
        return ref


def _renamed(tail: Tokens, before: Tokens) -> Tokens:
    """Schema keywords the reading renames, back to their 2.0 names."""
    out: list[str] = []
    previous = before[-1] if before else ""
    for token in tail:
        if token == "nullable" and previous not in ("properties", "definitions"):
            out.append("x-nullable")
        elif not (token == "propertyName" and previous == "discriminator"):
            out.append(token)
        previous = token
    return tuple(out)


def is_swagger2(document: Any) -> bool:
    return isinstance(document, dict) and str(document.get("swagger", "")).startswith("2.")


def _schema(node: Any, move_refs: bool = True) -> Any:
    """A 2.0 schema in 3.0 words (recursively): refs moved, ``x-nullable``, ``file``."""
    if isinstance(node, list):
        return [_schema(item, move_refs) for item in node]
    if not isinstance(node, dict):
        return node
    out: Doc = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            out[key] = _ref(value) if move_refs else value
        elif key == "x-nullable":
            if value is True:
                out["nullable"] = True
        elif key == "discriminator" and isinstance(value, str):
            out[key] = {"propertyName": value}
        elif key in ("properties", "patternProperties", "definitions") and isinstance(value,
                                                                                      dict):
            out[key] = {name: _schema(sub, move_refs) for name, sub in value.items()}
        elif key in ("example", "x-example") or key.startswith("x-"):
            out[key] = value
        else:
            out[key] = _schema(value, move_refs)
    if out.get("type") == "file":
        out["type"], out["format"] = "string", "binary"
    return out


def schemas_of(document: Any) -> tuple[Any, Origins]:
    """A file another 2.0 document refers to, read as 3.0 in place (same layout): its schemas,
    and its query, header, path and cookie parameters (their ``type`` becomes ``schema``)."""
    converter = _Converter({})
    read = _schema(copy.deepcopy(document), move_refs=False)

    def walk(node: Any, at: Tokens) -> Any:
        if isinstance(node, list):
            return [walk(item, (*at, str(index))) for index, item in enumerate(node)]
        if not isinstance(node, dict):
            return node
        if node.get("in") in ("query", "header", "path", "cookie") and \
                isinstance(node.get("name"), str) and "schema" not in node:
            return converter._parameter(node, at, at)
        return {key: walk(value, (*at, str(key))) for key, value in node.items()}

    return walk(read, ()), converter.origins


def foreign_part(node: Any) -> str | None:
    """What a node of another file is, if the 3.0 reading of a 2.0 document cannot take it
    in place: a body or form parameter (it becomes the request body) or a response with a
    ``schema`` (it becomes ``content`` in the operation's ``produces``)."""
    if not isinstance(node, dict):
        return None
    if node.get("in") in ("body", "formData"):
        return f"an `in: {node['in']}` parameter"
    if "schema" in node and "in" not in node and "content" not in node and \
            isinstance(node.get("description"), str):
        return _RESPONSE
    return None


_RESPONSE = "a response with a `schema`"


def _ref(ref: str) -> str:
    for old, new in _MOVED.items():
        if ref.startswith(old):
            return new + ref[len(old):]
    return ref


def read_pointer(pointer: str) -> str:
    """A pointer into a 2.0 document's moved sections (``/definitions/X``) as one into its
    3.0 reading (``/components/schemas/X``); any other pointer as it is."""
    return _ref("#" + pointer)[1:] if pointer.startswith("/") else pointer


def _typed(param: Doc) -> Doc:
    """The 3.0 schema of a non-body parameter or header."""
    typed: Doc = _schema({k: param[k] for k in _SCHEMA_KEYS if k in param})
    return typed


class _Converter:
    def __init__(self, document: Doc, foreign: Foreign | None = None) -> None:
        self.doc = document
        self.foreign = foreign
        shared = document.get("parameters")
        self.shared: Doc = shared if isinstance(shared, dict) else {}
        self.origins = Origins()
        self.at = self.origins.at

    def _parameter(self, param: Doc, read: Tokens, written: Tokens) -> Doc:
        out: Doc = {k: v for k, v in param.items() if k not in _SCHEMA_KEYS
                    and k not in ("collectionFormat", "allowEmptyValue")}
        out["schema"] = _typed(param)
        self.at(read, written)
        self.at((*read, "schema"), written)
        if param.get("allowEmptyValue") is True:
            out["allowEmptyValue"] = True
        if param.get("type") == "array":
            style, explode = _STYLES.get(str(param.get("collectionFormat", "csv")),
                                         ("form", False))
            if param.get("in") in ("path", "header"):
                style = "simple"
            out["style"], out["explode"] = style, explode
            for key in ("style", "explode"):
                self.at((*read, key), (*written, "collectionFormat"))
        return out

    def _media(self, read: Tokens, media: list[str], listed: Tokens | None,
               fallback: Tokens) -> None:
        """``read``/content/<m> came from the ``consumes``/``produces`` list ``listed``."""
        self.at((*read, "content"), listed or fallback)
        for name in media:
            source = self._list_at(listed)
            self.at((*read, "content", name),
                    (*listed, str(source.index(name))) if listed and name in source
                    else listed or fallback)

    def _list_at(self, tokens: Tokens | None) -> list[Any]:
        node: Any = self.doc
        for token in tokens or ():
            node = node.get(token) if isinstance(node, dict) else None
        return node if isinstance(node, list) else []

    def _elsewhere(self, node: Any) -> tuple[str, Any] | None:
        """The node a ``$ref`` to another file reaches, with the ``$ref`` to it."""
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str) or ref.startswith("#") or self.foreign is None:
            return None
        return self.foreign(ref)

    def _payload_elsewhere(self, node: Any) -> bool:
        found = self._elsewhere(node)
        return found is not None and isinstance(found[1], dict) and \
            found[1].get("in") in ("body", "formData")

    def _response(self, response: Any, produces: list[str], listed: Tokens | None,
                  read: Tokens, written: Tokens) -> Any:
        self.at(read, written)
        if not isinstance(response, dict):
            return response
        schema_ref = None
        if isinstance(response.get("$ref"), str):
            found = self._elsewhere(response)
            if found is None or foreign_part(found[1]) != _RESPONSE:
                return {"$ref": _ref(response["$ref"])}
            # a response with a schema in another file: its content, in this operation's
            # `produces`, refers to the schema where it is written
            schema_ref, response = f"{found[0]}/schema", found[1]
        out: Doc = {k: v for k, v in response.items()
                    if k not in ("schema", "headers", "examples")}
        headers = response.get("headers")
        if isinstance(headers, dict):
            out["headers"] = {}
            for name, header in headers.items():
                if isinstance(header, dict):
                    header_at = (*read, "headers", str(name))
                    self.at((*header_at, "schema"), (*written, "headers", str(name)))
                    header = {**{k: v for k, v in header.items() if k == "description"
                                 or k.startswith("x-")}, "schema": _typed(header)}
                out["headers"][name] = header
        if "schema" in response:
            out["content"] = {media: {"schema": {"$ref": schema_ref} if schema_ref else
                                      _schema(response["schema"])} for media in produces}
            self._media(read, produces, listed, written)
            for media in produces:
                # a schema in another file is named there; here, its `$ref` is the response's
                self.at((*read, "content", media, "schema"),
                        written if schema_ref else (*written, "schema"))
        return out

    def _resolved(self, param: Any, written: Tokens) -> tuple[Any, Tokens, str | None]:
        """A ``#/parameters/X`` reference, or one to another file, followed when it names a
        body or form parameter (with the ``$ref`` to it when it is in another file)."""
        if isinstance(param, dict) and isinstance(param.get("$ref"), str) and \
                param["$ref"].startswith("#/parameters/"):
            name = param["$ref"][len("#/parameters/"):]
            target = self.shared.get(name)
            if isinstance(target, dict) and target.get("in") in ("body", "formData"):
                return target, ("parameters", name), None
            # the document's shared parameter may itself be a `$ref` to another file
            found = self._elsewhere(target)
            if found is not None and isinstance(found[1], dict) and \
                    found[1].get("in") in ("body", "formData"):
                return found[1], ("parameters", name), found[0]
        found = self._elsewhere(param)
        if found is not None and isinstance(found[1], dict) and \
                found[1].get("in") in ("body", "formData"):
            return found[1], written, found[0]
        return param, written, None

    def _params(self, params: Any, read: Tokens,
                written: Tokens) -> tuple[list[Any], list[Payload]]:
        """(3.0 parameters, the body and form parameters with their places) of one list."""
        kept: list[Any] = []
        payload: list[Payload] = []
        for index, raw in enumerate(params if isinstance(params, list) else ()):
            param, source, elsewhere = self._resolved(raw, (*written, "parameters", str(index)))
            at = (*read, "parameters", str(len(kept)))
            if isinstance(param, dict) and param.get("in") in ("body", "formData"):
                payload.append((param, source, elsewhere))
                continue
            if isinstance(param, dict) and isinstance(param.get("$ref"), str):
                kept.append({"$ref": _ref(param["$ref"])})
                self.at(at, source)
            elif isinstance(param, dict):
                kept.append(self._parameter(param, at, source))
            else:
                kept.append(param)
                self.at(at, source)
        return kept, payload

    def _body(self, payload: list[Payload], consumes: list[str],
              listed: Tokens | None, read: Tokens) -> Doc | None:
        body = next((item for item in payload if item[0].get("in") == "body"), None)
        if body is not None:
            param, written, elsewhere = body
            read_schema = {"$ref": f"{elsewhere}/schema"} if elsewhere and "schema" in param \
                else _schema(param.get("schema", {}))
            out: Doc = {"content": {m: {"schema": copy.deepcopy(read_schema)}
                                    for m in consumes}}
            self.at(read, written)
            self._media(read, consumes, listed, written)
            for media in consumes:
                self.at((*read, "content", media, "schema"),
                        written if elsewhere else (*written, "schema"))
            if param.get("required") is True:
                out["required"] = True
            if "description" in param:
                out["description"] = param["description"]
            return out
        form = [(p, at) for p, at, _ in payload if p.get("in") == "formData"]
        if not form:
            return None
        schema: Doc = {"type": "object", "properties": {
            str(p.get("name")): _typed(p) for p, _ in form}}
        required = [(str(p.get("name")), at) for p, at in form if p.get("required") is True]
        if required:
            schema["required"] = [name for name, _ in required]
        forms = [m for m in consumes if "form" in m] or ["application/x-www-form-urlencoded"]
        self.at(read, form[0][1])
        self._media(read, forms, listed, form[0][1])
        for name in forms:
            at = (*read, "content", name, "schema")
            self.at(at, form[0][1])
            for param, written in form:
                self.at((*at, "properties", str(param.get("name"))), written)
            for index, (_, written) in enumerate(required):
                self.at((*at, "required", str(index)), (*written, "required"))
        return {"content": {m: {"schema": schema} for m in forms},
                **({"required": True} if required else {})}

    def _listed(self, op: Doc, written: Tokens, key: str) -> tuple[list[str], Tokens | None]:
        """An operation's ``consumes``/``produces`` (or the document's) and where it is."""
        if op.get(key):
            return list(op[key]), (*written, key)
        if self.doc.get(key):
            return list(self.doc[key]), (key,)
        return ["application/json"], None

    def _operation(self, op: Doc, shared_payload: list[Payload], at: Tokens) -> Doc:
        consumes, consumes_at = self._listed(op, at, "consumes")
        produces, produces_at = self._listed(op, at, "produces")
        out: Doc = {k: v for k, v in op.items() if k not in (
            "parameters", "responses", "consumes", "produces", "schemes")}
        params, payload = self._params(op.get("parameters"), at, at)
        if params:
            out["parameters"] = params
        names = {(p.get("in"), p.get("name")) for p, _, _ in payload}
        body = self._body([*payload, *(item for item in shared_payload
                                       if (item[0].get("in"), item[0].get("name"))
                                       not in names)],
                          consumes, consumes_at, (*at, "requestBody"))
        if body is not None:
            out["requestBody"] = body
        responses = op.get("responses")
        if isinstance(responses, dict):
            out["responses"] = {
                str(code): self._response(r, produces, produces_at,
                                          (*at, "responses", str(code)),
                                          (*at, "responses", str(code)))
                for code, r in responses.items()
                if not str(code).startswith("x-")}  # extensions are no status codes
        return out

    def paths(self) -> Doc:
        out: Doc = {}
        for path, item in (self.doc.get("paths") or {}).items():
            if not isinstance(item, dict):
                out[path] = item
                continue
            at: Tokens = ("paths", str(path))
            params, payload = self._params(item.get("parameters"), at, at)
            converted: Doc = {k: v for k, v in item.items()
                              if k not in _METHODS and k != "parameters"}
            if params:
                converted["parameters"] = params
            for method in _METHODS:
                if isinstance(item.get(method), dict):
                    converted[method] = self._operation(item[method], payload, (*at, method))
            out[path] = converted
        return out

    def components(self) -> Doc:
        out: Doc = {}
        if isinstance(self.doc.get("definitions"), dict):
            out["schemas"] = {n: _schema(s) for n, s in self.doc["definitions"].items()}
            self.at(("components", "schemas"), ("definitions",))
        params = {n: {"$ref": _ref(p["$ref"])} if isinstance(p.get("$ref"), str)
                  else self._parameter(
                      p, ("components", "parameters", str(n)), ("parameters", str(n)))
                  for n, p in self.shared.items()
                  if isinstance(p, dict) and p.get("in") not in ("body", "formData")
                  and not self._payload_elsewhere(p)}
        if params:
            out["parameters"] = params
            self.at(("components", "parameters"), ("parameters",))
        produces, produces_at = self._listed({}, (), "produces")
        if isinstance(self.doc.get("responses"), dict):
            out["responses"] = {n: self._response(r, produces, produces_at,
                                                  ("components", "responses", str(n)),
                                                  ("responses", str(n)))
                                for n, r in self.doc["responses"].items()}
            self.at(("components", "responses"), ("responses",))
        schemes = self.doc.get("securityDefinitions")
        if isinstance(schemes, dict):
            out["securitySchemes"] = {}
            self.at(("components", "securitySchemes"), ("securityDefinitions",))
            for name, scheme in schemes.items():
                out["securitySchemes"][name] = self._security(str(name), scheme)
        if out:
            self.at(("components",), ())
        return out

    def _security(self, name: str, scheme: Any) -> Any:
        read, written = ("components", "securitySchemes", name), ("securityDefinitions", name)
        self.at(read, written)
        if not isinstance(scheme, dict):
            return scheme
        kind = scheme.get("type")
        extra = {k: v for k, v in scheme.items() if k == "description" or k.startswith("x-")}
        if kind == "basic":
            self.at((*read, "scheme"), (*written, "type"))
            return {"type": "http", "scheme": "basic", **extra}
        if kind == "oauth2":
            flow: Doc = {"scopes": scheme.get("scopes") or {}}
            for key in ("authorizationUrl", "tokenUrl"):
                if key in scheme:
                    flow[key] = scheme[key]
            flow_name = _FLOWS.get(str(scheme.get("flow")), str(scheme.get("flow")))
            self.at((*read, "flows"), (*written, "flow"))
            self.at((*read, "flows", flow_name), written)
            return {"type": "oauth2", "flows": {flow_name: flow}, **extra}
        return dict(scheme)

    def servers(self) -> list[Doc]:
        host, base = self.doc.get("host"), str(self.doc.get("basePath") or "")
        written: Tokens = next(((key,) for key in ("host", "basePath") if key in self.doc), ())
        if not isinstance(host, str) or not host:
            servers = [{"url": base}] if base else []
        else:
            schemes = self.doc.get("schemes") or ["https"]
            servers = [{"url": f"{scheme}://{host}{base}"} for scheme in schemes]
        self.at(("servers",), written)
        for index in range(len(servers)):
            self.at(("servers", str(index)), written)
            self.at(("servers", str(index), "url"), written)
        return servers


def convert(document: Doc, foreign: Foreign | None = None) -> tuple[Doc, Origins]:
    """The OpenAPI 3.0.3 document a Swagger 2.0 ``document`` means, and where each of its
    places was written (``document`` is kept); ``foreign`` reads what a ``$ref`` to another
    file reaches, so a body parameter or response kept there is taken in."""
    source = copy.deepcopy(document)
    converter = _Converter(source, foreign)
    out: Doc = {"openapi": "3.0.3"}
    converter.at(("openapi",), ("swagger",))
    out.update({k: v for k, v in source.items() if k in ("info", "tags", "externalDocs")
                or k.startswith("x-")})
    servers = converter.servers()
    if servers:
        out["servers"] = servers
    if "security" in source:
        out["security"] = source["security"]
    out["paths"] = converter.paths()
    components = converter.components()
    if components:
        out["components"] = components
    return out, converter.origins


def openapi_of(document: Doc) -> Doc:
    """The OpenAPI 3.0.3 document a Swagger 2.0 ``document`` means (``document`` is kept)."""
    return convert(document)[0]
