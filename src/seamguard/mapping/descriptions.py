"""What a contract says about a field in words: its ``description``, read from the document as
written (the loaded schemas keep only what validation needs).

Mapping lint reads units from it: PDD's ``order_amount`` is "实际支付金额 单位为分" (in fen),
Stripe's ``amount`` is "in the smallest currency unit".
"""

from __future__ import annotations

from typing import Any

from seamguard.contracts.model import Contract
from seamguard.errors import UsageError

__all__ = ["description_at"]


def _deref(contract: Contract, uri: str, node: Any) -> tuple[str, Any]:
    """The node a ``$ref`` points at (with the document it is in); a description written
    beside the reference wins, as in OpenAPI 3.1."""
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        (uri, _), target = contract.docs.resolve(uri, node["$ref"])
        if isinstance(target, dict) and isinstance(node.get("description"), str):
            target = {**target, "description": node["description"]}
        return uri, target
    return uri, node


def description_at(contract: Contract, schema: str, path: str) -> str | None:
    """The description of the field at dotted ``path`` (``a.b``, ``items[].price``) below the
    schema at ``schema`` (``#/components/schemas/Order``); None when there is none or the
    path leaves plain ``properties`` and ``items``."""
    try:
        uri, node = _deref(contract, contract.docs.entry_uri, {"$ref": schema})
        for segment in path.split("."):
            each = segment.endswith("[]")
            name = segment[:-2] if each else segment
            uri, node = _deref(contract, uri, node)
            properties = node.get("properties") if isinstance(node, dict) else None
            if not isinstance(properties, dict) or name not in properties:
                return None
            node = properties[name]
            if each:
                uri, node = _deref(contract, uri, node)
                node = node.get("items") if isinstance(node, dict) else None
        if isinstance(node, dict) and not isinstance(node.get("description"), str):
            uri, node = _deref(contract, uri, node)
    except (UsageError, KeyError, ValueError, TypeError):
        return None
    text = node.get("description") if isinstance(node, dict) else None
    return text if isinstance(text, str) else None
