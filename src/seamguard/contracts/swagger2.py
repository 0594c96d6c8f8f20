"""Swagger 2.0 documents read as the OpenAPI 3.0 documents they mean, for ``contract diff``.

Many platforms still publish Swagger 2.0, and some move to 3.x between two versions; diffing
needs both sides in one dialect. The reading follows the OpenAPI 3.0 specification's own
mapping of 2.0 concepts: ``host`` + ``basePath`` + ``schemes`` are ``servers``; ``definitions``,
``parameters``, ``responses`` and ``securityDefinitions`` are ``components``; a ``body``
parameter, or the ``formData`` parameters, are the ``requestBody`` in each media type of
``consumes``; a response ``schema`` is its ``content`` in each media type of ``produces``; a
non-body parameter's ``type``, ``format``, ``items``, ``enum`` and bounds are its ``schema``,
``collectionFormat`` its ``style``/``explode``; ``x-nullable`` is ``nullable``; ``type: file``
is a binary string; OAuth2 ``flow`` names are 3.0's ``flows``. ``$ref``s to the moved sections
of the same document are rewritten; a ``$ref`` to another file is left as written.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["is_swagger2", "openapi_of", "shape_problem", "swagger_pointer"]

Doc = dict[str, Any]

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


_TEXT_LISTS = ("consumes", "produces", "schemes")
_SECTIONS = ("definitions", "parameters", "responses", "securityDefinitions")


def shape_problem(document: Doc) -> tuple[str, str, Any] | None:
    """(pointer, what it must be, what it is) of the first 2.0 keyword the reading relies on
    that holds the wrong kind of value, or None."""
    def texts(node: Any, pointer: str) -> tuple[str, str, Any] | None:
        if node is not None and not (isinstance(node, list)
                                     and all(isinstance(v, str) for v in node)):
            return pointer, "a list of texts", node
        return None

    for key in _TEXT_LISTS:
        found = texts(document.get(key), f"/{key}")
        if found:
            return found
    for key in (*_SECTIONS, "paths"):
        if not isinstance(document.get(key) or {}, dict):
            return f"/{key}", "a mapping", document.get(key)
    for name, param in (document.get("parameters") or {}).items():
        found = _param_problem(param, f"/parameters/{_esc(name)}")
        if found:
            return found
    for path, item in (document.get("paths") or {}).items():
        at = f"/paths/{_esc(path)}"
        if not isinstance(item, dict):
            return at, "a path item (a mapping)", item
        for index, param in enumerate(_listed(item.get("parameters"))):
            found = _param_problem(param, f"{at}/parameters/{index}")
            if found:
                return found
        if not isinstance(item.get("parameters") or [], list):
            return f"{at}/parameters", "a list", item.get("parameters")
        for method in _METHODS:
            op = item.get(method)
            if op is None:
                continue
            where = f"{at}/{method}"
            if not isinstance(op, dict):
                return where, "an operation (a mapping)", op
            for key in _TEXT_LISTS:
                found = texts(op.get(key), f"{where}/{key}")
                if found:
                    return found
            if not isinstance(op.get("parameters") or [], list):
                return f"{where}/parameters", "a list", op.get("parameters")
            for index, param in enumerate(_listed(op.get("parameters"))):
                found = _param_problem(param, f"{where}/parameters/{index}")
                if found:
                    return found
            if not isinstance(op.get("responses") or {}, dict):
                return f"{where}/responses", "a mapping of status codes to responses", \
                    op.get("responses")
            for status, response in (op.get("responses") or {}).items():
                if not isinstance(response, dict):
                    return f"{where}/responses/{_esc(status)}", "a response (a mapping)", \
                        response
                if not isinstance(response.get("headers") or {}, dict):
                    return f"{where}/responses/{_esc(status)}/headers", "a mapping", \
                        response.get("headers")
    return None


def _listed(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def _esc(name: Any) -> str:
    return str(name).replace("~", "~0").replace("/", "~1")


def _param_problem(param: Any, pointer: str) -> tuple[str, str, Any] | None:
    if not isinstance(param, dict):
        return pointer, "a parameter (a mapping)", param
    if "$ref" in param:
        return None if isinstance(param["$ref"], str) else (f"{pointer}/$ref", "a text",
                                                            param["$ref"])
    for key in ("name", "in"):
        if not isinstance(param.get(key), str):
            return f"{pointer}/{key}", "a text", param.get(key)
    return None


def swagger_pointer(pointer: str) -> str:
    """Where a pointer into the 3.0 reading sits in the 2.0 document, where that is plain."""
    for old, new in _MOVED.items():
        if pointer.startswith(new[1:]):
            return old[1:] + pointer[len(new) - 1:]
    if pointer.startswith("/components/securitySchemes"):
        return "/securityDefinitions" + pointer[len("/components/securitySchemes"):]
    return pointer


def is_swagger2(document: Any) -> bool:
    return isinstance(document, dict) and str(document.get("swagger", "")).startswith("2.")


def _schema(node: Any) -> Any:
    """A 2.0 schema in 3.0 words (recursively): refs moved, ``x-nullable``, ``file``."""
    if isinstance(node, list):
        return [_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: Doc = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            out[key] = _ref(value)
        elif key == "x-nullable":
            if value is True:
                out["nullable"] = True
        elif key == "discriminator" and isinstance(value, str):
            out[key] = {"propertyName": value}
        elif key in ("properties", "patternProperties", "definitions") and isinstance(value,
                                                                                      dict):
            out[key] = {name: _schema(sub) for name, sub in value.items()}
        elif key in ("example", "x-example") or key.startswith("x-"):
            out[key] = value
        else:
            out[key] = _schema(value)
    if out.get("type") == "file":
        out["type"], out["format"] = "string", "binary"
    return out


def _ref(ref: str) -> str:
    for old, new in _MOVED.items():
        if ref.startswith(old):
            return new + ref[len(old):]
    return ref


def _typed(param: Doc) -> Doc:
    """The 3.0 schema of a non-body parameter or header."""
    typed: Doc = _schema({k: param[k] for k in _SCHEMA_KEYS if k in param})
    return typed


def _parameter(param: Doc) -> Doc:
    out: Doc = {k: v for k, v in param.items() if k not in _SCHEMA_KEYS
                and k not in ("collectionFormat", "allowEmptyValue")}
    out["schema"] = _typed(param)
    if param.get("allowEmptyValue") is True:
        out["allowEmptyValue"] = True
    if param.get("type") == "array":
        style, explode = _STYLES.get(str(param.get("collectionFormat", "csv")), ("form", False))
        if param.get("in") in ("path", "header"):
            style = "simple"
        out["style"], out["explode"] = style, explode
    return out


def _response(response: Any, produces: list[str]) -> Any:
    if not isinstance(response, dict):
        return response
    if isinstance(response.get("$ref"), str):
        return {"$ref": _ref(response["$ref"])}
    out: Doc = {k: v for k, v in response.items()
                if k not in ("schema", "headers", "examples")}
    headers = response.get("headers")
    if isinstance(headers, dict):
        out["headers"] = {name: {**{k: v for k, v in header.items() if k == "description"
                                    or k.startswith("x-")}, "schema": _typed(header)}
                          if isinstance(header, dict) else header
                          for name, header in headers.items()}
    if "schema" in response:
        out["content"] = {media: {"schema": _schema(response["schema"])} for media in produces}
    return out


class _Converter:
    def __init__(self, document: Doc) -> None:
        self.doc = document
        shared = document.get("parameters")
        self.shared: Doc = shared if isinstance(shared, dict) else {}

    def _resolved(self, param: Any) -> Any:
        """A ``#/parameters/X`` reference followed, when it names a body or form parameter."""
        if isinstance(param, dict) and isinstance(param.get("$ref"), str) and \
                param["$ref"].startswith("#/parameters/"):
            target = self.shared.get(param["$ref"][len("#/parameters/"):])
            if isinstance(target, dict) and target.get("in") in ("body", "formData"):
                return target
        return param

    def _params(self, params: Any) -> tuple[list[Any], list[Doc]]:
        """(3.0 parameters, the body and form parameters) of one parameter list."""
        kept: list[Any] = []
        payload: list[Doc] = []
        for raw in params if isinstance(params, list) else ():
            param = self._resolved(raw)
            if isinstance(param, dict) and param.get("in") in ("body", "formData"):
                payload.append(param)
            elif isinstance(param, dict) and isinstance(param.get("$ref"), str):
                kept.append({"$ref": _ref(param["$ref"])})
            elif isinstance(param, dict):
                kept.append(_parameter(param))
            else:
                kept.append(param)
        return kept, payload

    def _body(self, payload: list[Doc], consumes: list[str]) -> Doc | None:
        body = next((p for p in payload if p.get("in") == "body"), None)
        if body is not None:
            out: Doc = {"content": {m: {"schema": _schema(body.get("schema", {}))}
                                    for m in consumes}}
            if body.get("required") is True:
                out["required"] = True
            if "description" in body:
                out["description"] = body["description"]
            return out
        form = [p for p in payload if p.get("in") == "formData"]
        if not form:
            return None
        schema: Doc = {"type": "object", "properties": {
            str(p.get("name")): _typed(p) for p in form}}
        required = [str(p.get("name")) for p in form if p.get("required") is True]
        if required:
            schema["required"] = required
        media = [m for m in consumes if "form" in m] or ["application/x-www-form-urlencoded"]
        return {"content": {m: {"schema": schema} for m in media},
                **({"required": True} if required else {})}

    def _operation(self, op: Doc, shared_payload: list[Doc]) -> Doc:
        consumes = op.get("consumes") or self.doc.get("consumes") or ["application/json"]
        produces = op.get("produces") or self.doc.get("produces") or ["application/json"]
        out: Doc = {k: v for k, v in op.items() if k not in (
            "parameters", "responses", "consumes", "produces", "schemes")}
        params, payload = self._params(op.get("parameters"))
        if params:
            out["parameters"] = params
        names = {(p.get("in"), p.get("name")) for p in payload}
        body = self._body([*payload, *(p for p in shared_payload
                                       if (p.get("in"), p.get("name")) not in names)],
                          list(consumes))
        if body is not None:
            out["requestBody"] = body
        responses = op.get("responses")
        if isinstance(responses, dict):
            out["responses"] = {str(code): _response(r, list(produces))
                                for code, r in responses.items()}
        return out

    def paths(self) -> Doc:
        out: Doc = {}
        for path, item in (self.doc.get("paths") or {}).items():
            if not isinstance(item, dict):
                out[path] = item
                continue
            params, payload = self._params(item.get("parameters"))
            converted: Doc = {k: v for k, v in item.items()
                              if k not in _METHODS and k != "parameters"}
            if params:
                converted["parameters"] = params
            for method in _METHODS:
                if isinstance(item.get(method), dict):
                    converted[method] = self._operation(item[method], payload)
            out[path] = converted
        return out

    def components(self) -> Doc:
        out: Doc = {}
        if isinstance(self.doc.get("definitions"), dict):
            out["schemas"] = {n: _schema(s) for n, s in self.doc["definitions"].items()}
        params = {n: _parameter(p) for n, p in self.shared.items()
                  if isinstance(p, dict) and p.get("in") not in ("body", "formData")}
        if params:
            out["parameters"] = params
        produces = self.doc.get("produces") or ["application/json"]
        if isinstance(self.doc.get("responses"), dict):
            out["responses"] = {n: _response(r, list(produces))
                                for n, r in self.doc["responses"].items()}
        schemes = self.doc.get("securityDefinitions")
        if isinstance(schemes, dict):
            out["securitySchemes"] = {n: _security(s) for n, s in schemes.items()}
        return out

    def servers(self) -> list[Doc]:
        host, base = self.doc.get("host"), str(self.doc.get("basePath") or "")
        if not isinstance(host, str) or not host:
            return [{"url": base}] if base else []
        schemes = self.doc.get("schemes") or ["https"]
        return [{"url": f"{scheme}://{host}{base}"} for scheme in schemes]


def _security(scheme: Any) -> Any:
    if not isinstance(scheme, dict):
        return scheme
    kind = scheme.get("type")
    extra = {k: v for k, v in scheme.items() if k == "description" or k.startswith("x-")}
    if kind == "basic":
        return {"type": "http", "scheme": "basic", **extra}
    if kind == "oauth2":
        flow: Doc = {"scopes": scheme.get("scopes") or {}}
        for key in ("authorizationUrl", "tokenUrl"):
            if key in scheme:
                flow[key] = scheme[key]
        name = _FLOWS.get(str(scheme.get("flow")), str(scheme.get("flow")))
        return {"type": "oauth2", "flows": {name: flow}, **extra}
    return dict(scheme)


def openapi_of(document: Doc) -> Doc:
    """The OpenAPI 3.0.3 document a Swagger 2.0 ``document`` means (``document`` is kept)."""
    source = copy.deepcopy(document)
    converter = _Converter(source)
    out: Doc = {"openapi": "3.0.3"}
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
    return out
