"""Rules of the Swagger 2.0 specification its 3.0 reading would otherwise hide: ``host`` is a
host name (and port) only, a ``discriminator`` names a property its schema defines and
requires, a parameter sits ``in`` one of the five places with a known ``collectionFormat``
(``multi`` only in a query or a form), an operation has one ``body`` and never a body beside
form fields, and a response is keyed by a status code, ``default`` or an ``x-`` extension.
Broken, the reading would carry a server URL no request matches, a discriminator no payload
can honour, or drop parameters and responses, and recordings would pass against the wrong
document."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

__all__ = ["rule_problem"]

# host, optionally :port; IPv6 in brackets (RFC 3986 authority without userinfo)
_HOST = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[^\s/:?#@\[\]]+)(:\d{1,5})?$")


def _esc(name: Any) -> str:
    return str(name).replace("~", "~0").replace("/", "~1")


def rule_problem(document: dict[str, Any]) -> tuple[str, str, str] | None:
    """(pointer, what is wrong, hint) of the first rule ``document`` breaks, or None."""
    host = document.get("host")
    if host is not None and not (isinstance(host, str) and _HOST.match(host)):
        return ("/host", f"host must be a host name with an optional port, got {host!r}",
                "write the host alone (e.g. `host: shop.example.com`): the scheme goes in "
                "`schemes` and the path in `basePath`")
    for pointer, schema in _schemas(document.get("definitions"), "/definitions"):
        name = schema.get("discriminator")
        if name is None:
            continue
        if not isinstance(name, str):
            return (f"{pointer}/discriminator", f"discriminator must be a property name, got "
                    f"{name!r}", "name the property whose value tells the subtypes apart")
        defined = set(_properties(schema))
        required = schema.get("required")
        if name not in defined or not (isinstance(required, list) and name in required):
            missing = "defined in `properties`" if name not in defined else "listed in `required`"
            return (f"{pointer}/discriminator",
                    f"discriminator {name!r} is not {missing} of this schema"
                    + (f" (its properties: {', '.join(sorted(defined))})" if defined else ""),
                    f"Swagger 2.0 requires the discriminator property to be defined at its "
                    f"schema and required: add {name!r} to `properties` and `required`, or "
                    f"name one of its properties")
    return _operation_problem(document)


_IN = ("query", "header", "path", "formData", "body")
_FORMATS = ("csv", "ssv", "tsv", "pipes", "multi")
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
_STATUS = re.compile(r"^(?:[1-5][0-9X]{2}|default|x-.*)$")


def _parameter_problem(param: Any, at: str) -> tuple[str, str, str] | None:
    if not isinstance(param, dict) or "$ref" in param:
        return None
    where, name = param.get("in"), param.get("name")
    if isinstance(where, str) and where not in _IN:
        near = difflib.get_close_matches(where, _IN, n=1)
        return (f"{at}/in", f"parameter {name!r} is `in: {where}`, which Swagger 2.0 does not "
                f"have" + (f" (did you mean {near[0]}?)" if near else ""),
                "a Swagger 2.0 parameter is in one of: " + ", ".join(_IN))
    fmt = param.get("collectionFormat")
    if fmt is not None and fmt not in _FORMATS:
        return (f"{at}/collectionFormat", f"parameter {name!r} has collectionFormat {fmt!r}, "
                "which Swagger 2.0 does not have", "one of " + ", ".join(_FORMATS)
                + " (csv is the default: leave it out for comma-separated values)")
    if fmt == "multi" and where not in ("query", "formData"):
        return (f"{at}/collectionFormat", f"parameter {name!r} is in {where} with "
                "collectionFormat multi, which only a query or form parameter can repeat",
                "use csv (the default) for a list in a path or header")
    return None


def _listed(node: Any) -> list[Any]:
    return node if isinstance(node, list) else []


def _operation_problem(document: dict[str, Any]) -> tuple[str, str, str] | None:
    paths = document.get("paths")
    for path, item in (paths.items() if isinstance(paths, dict) else ()):
        if not isinstance(item, dict):
            continue
        shared = _listed(item.get("parameters"))
        for method in _METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            at = f"/paths/{_esc(path)}/{method}"
            own = _listed(op.get("parameters"))
            placed = [(f"/paths/{_esc(path)}/parameters/{i}", p) for i, p in enumerate(shared)]
            placed += [(f"{at}/parameters/{i}", p) for i, p in enumerate(own)]
            for pointer, param in placed:
                found = _parameter_problem(param, pointer)
                if found:
                    return found
            bodies = [(pointer, p) for pointer, p in placed
                      if isinstance(p, dict) and p.get("in") == "body"]
            forms = [pointer for pointer, p in placed
                     if isinstance(p, dict) and p.get("in") == "formData"]
            if len(bodies) > 1:
                return (f"{bodies[1][0]}/in", f"{method.upper()} {path} has {len(bodies)} body "
                        "parameters; Swagger 2.0 allows one", "describe the whole payload in "
                        "one body parameter's schema")
            if bodies and forms:
                return (f"{forms[0]}/in", f"{method.upper()} {path} has a body parameter and "
                        "formData parameters, which Swagger 2.0 forbids together",
                        "a form's fields are formData parameters; a JSON payload is one body "
                        "parameter: keep one kind")
            responses = op.get("responses")
            for status in (responses if isinstance(responses, dict) else ()):
                if not _STATUS.match(str(status)):
                    return (f"{at}/responses/{_esc(status)}", f"{method.upper()} {path} has a "
                            f"response keyed {status!r}, which is no HTTP status code",
                            "key a response by its status code (\"200\"), `default` or an "
                            "`x-` extension")
    return None


def _properties(schema: dict[str, Any]) -> Iterator[str]:
    props = schema.get("properties")
    if isinstance(props, dict):
        yield from (str(k) for k in props)
    for member in schema.get("allOf") or []:
        if isinstance(member, dict):
            yield from _properties(member)


def _schemas(definitions: Any, at: str) -> Iterator[tuple[str, dict[str, Any]]]:
    if not isinstance(definitions, dict):
        return
    for name, schema in definitions.items():
        if isinstance(schema, dict):
            yield f"{at}/{_esc(name)}", schema
