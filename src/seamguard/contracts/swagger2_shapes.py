"""Whether a Swagger 2.0 document holds, at the keywords its 3.0 reading relies on, the kind of
value the 2.0 specification gives them; a wrong kind is a usage error with its pointer."""

from __future__ import annotations

from typing import Any

__all__ = ["shape_problem"]

Doc = dict[str, Any]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
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
                if str(status).startswith("x-"):  # an extension, no response
                    continue
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
