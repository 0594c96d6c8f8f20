"""Contract lint: a link must lead to an operation of the contract.

A Link Object names its operation by ``operationId`` (which "MUST" be an existing
operation's id) or by ``operationRef``; the meta-schema checks only the shape, so a typo in the
id, or a local ``operationRef`` to a path the contract no longer has, leaves a link leading
nowhere that clients and generators follow blindly.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from seamguard.documents import escape_pointer
from seamguard.spelling import nearest

__all__ = ["link_rules", "operations"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# (pointer, code, error?, message, hint), as contracts.lint_spec.Rule
Rule = tuple[str, str, bool, str, str]


def operations(document: dict[str, Any], keys: tuple[str, ...] = ("paths", "webhooks"),
               ) -> Iterator[tuple[str, dict[str, Any]]]:
    """(pointer, Operation Object) of every operation written under ``keys``, in order."""
    for key in keys:
        items = document.get(key)
        if not isinstance(items, dict):
            continue
        for path, item in items.items():
            if not isinstance(item, dict):
                continue
            for method in _METHODS:
                operation = item.get(method)
                if isinstance(operation, dict):
                    yield f"/{key}/{escape_pointer(str(path))}/{method}", operation


def _links(document: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every Link Object written in place: under each response, and in components."""
    responses: list[tuple[str, Any]] = []
    for at, operation in operations(document):
        given = operation.get("responses")
        if isinstance(given, dict):
            responses += [(f"{at}/responses/{escape_pointer(str(code))}", response)
                          for code, response in given.items()]
    components = document.get("components")
    if isinstance(components, dict):
        given = components.get("responses")
        if isinstance(given, dict):
            responses += [(f"/components/responses/{escape_pointer(str(name))}", response)
                          for name, response in given.items()]
    holders = [(f"{at}/links", response.get("links")) for at, response in responses
               if isinstance(response, dict)]
    if isinstance(components, dict):
        holders.append(("/components/links", components.get("links")))
    for at, links in holders:
        if isinstance(links, dict):
            for name, link in links.items():
                if isinstance(link, dict) and "$ref" not in link:
                    yield f"{at}/{escape_pointer(str(name))}", link


def _resolves(document: dict[str, Any], ref: str) -> bool:
    node: Any = document
    for token in ref[2:].split("/") if ref != "#" else []:
        token = token.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or token not in node:
            return False
        node = node[token]
    return isinstance(node, dict)


def link_rules(document: Any) -> Iterator[Rule]:
    """A link whose ``operationId`` names no operation, or whose local ``operationRef``
    points at nothing."""
    if not isinstance(document, dict):
        return
    ids = [str(op["operationId"]) for _, op in operations(document)
           if isinstance(op.get("operationId"), str)]
    for at, link in _links(document):
        operation_id = link.get("operationId")
        if isinstance(operation_id, str) and operation_id not in ids:
            close = nearest(operation_id, ids)
            yield (f"{at}/operationId", "contract.link-unknown-operation", True,
                   f"link operationId {operation_id!r} names no operation of the contract "
                   f"(operation ids: {', '.join(ids[:8]) or 'none'})",
                   f"did you mean {close!r}?" if close else
                   "name an operation's operationId, or give that operation this id")
        ref = link.get("operationRef")
        if isinstance(ref, str) and ref.startswith("#/") and not _resolves(document, unquote(ref)):
            yield (f"{at}/operationRef", "contract.link-unknown-operation", True,
                   f"link operationRef {ref!r} points at no operation of the contract",
                   "point it at an operation (#/paths/~1orders~1{id}/get), or use operationId")
