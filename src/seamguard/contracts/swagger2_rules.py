"""Rules of the Swagger 2.0 specification its 3.0 reading would otherwise hide: ``host`` is a
host name (and port) only, and a ``discriminator`` names a property its schema defines and
requires. Broken, the reading would carry a server URL no request matches or a discriminator
no payload can honour, and recordings would pass against the wrong document."""

from __future__ import annotations

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
