"""A ``discriminator`` read as the rule it states, in JSON Schema the validator checks.

OpenAPI's ``discriminator`` names the property whose value says which ``oneOf``/``anyOf``
branch an object is: the ``mapping`` value for it, else the branch whose component is named so.
JSON Schema alone ignores it, so an object tagged ``cat`` that happens to fit only the ``Dog``
branch would pass. Each value the discriminator knows becomes ``if`` the property holds it
``then`` the branch it names; when every branch is a reference (so every name is known), a
value naming no branch is refused too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from seamguard.errors import ContractError

__all__ = ["discriminator_rules"]


def _targets(node: dict[str, Any], branches: list[Any]) -> dict[str, str]:
    targets: dict[str, str] = {}
    for branch in branches:
        ref = branch.get("$ref") if isinstance(branch, dict) else None
        if isinstance(ref, str) and "/" in ref:
            targets.setdefault(ref.rstrip("/").rsplit("/", 1)[-1], ref)
    mapping = node["discriminator"].get("mapping")
    if isinstance(mapping, dict):
        for value, ref in mapping.items():
            if isinstance(ref, str) and ref:
                # a bare name is a component's name (OpenAPI: "a schema name or a reference")
                targets[str(value)] = ref if ("/" in ref or "#" in ref) \
                    else f"#/components/schemas/{ref}"
    return targets


def discriminator_rules(node: dict[str, Any],
                        ref: Callable[[str], str]) -> list[dict[str, Any]]:
    """The ``allOf`` entries that make ``node``'s discriminator hold; ``ref`` turns a
    reference as written into the converted one (a reference that resolves nowhere is left to
    ``contract lint``, which names it)."""
    discriminator = node.get("discriminator")
    if not isinstance(discriminator, dict) or not isinstance(
            discriminator.get("propertyName"), str):
        return []
    branches = node.get("oneOf", node.get("anyOf"))
    if not isinstance(branches, list) or not branches:
        return []
    name = discriminator["propertyName"]
    rules: list[dict[str, Any]] = []
    known: list[str] = []
    for value, target in _targets(node, branches).items():
        try:
            converted = ref(target)
        except ContractError:
            continue
        known.append(value)
        rules.append({"if": {"properties": {name: {"const": value}}, "required": [name]},
                      "then": {"$ref": converted}})
    every_branch_named = all(isinstance(b, dict) and isinstance(b.get("$ref"), str)
                             for b in branches)
    if known and every_branch_named:
        rules.append({"properties": {name: {"enum": known}}})
    return rules


def inherits_from(schema: Any) -> list[str]:
    """The references by which ``schema`` inherits: each ``$ref`` of its ``allOf``, and a
    ``$ref`` with keywords beside it (OpenAPI 3.1: ``{$ref: Pet, allOf: [...]}`` is a Pet with
    more)."""
    if not isinstance(schema, dict):
        return []
    found = [b["$ref"] for b in schema.get("allOf", ()) if isinstance(b, dict)
             and isinstance(b.get("$ref"), str)] if isinstance(schema.get("allOf"), list) else []
    if isinstance(schema.get("$ref"), str) and any(
            key in schema for key in ("allOf", "properties", "required")):
        found.append(schema["$ref"])
    return found


def inherited_rules(node: Any, own: str, subtypes: dict[str, str],
                    locate: Callable[[str], str | None],
                    ref: Callable[[str], str]) -> list[dict[str, Any]]:
    """The ``allOf`` entries that make a discriminator on a base schema hold, where the
    branches are not listed beside it but inherit from it (``Cat: {allOf: [{$ref: Pet}, …]}``,
    Swagger 2.0's only way and common in OpenAPI 3): the value names the base itself (``own``)
    or one of ``subtypes`` (absolute reference -> schema name, in any file of the contract).
    ``locate`` turns a ``mapping`` target as written into such an absolute reference."""
    if not isinstance(node, dict) or "oneOf" in node or "anyOf" in node or not subtypes:
        return []
    discriminator = node.get("discriminator")
    if not isinstance(discriminator, dict) or not isinstance(
            discriminator.get("propertyName"), str):
        return []
    values = {name: at for at, name in subtypes.items()}
    mapping = discriminator.get("mapping")
    if isinstance(mapping, dict):
        for value, target in mapping.items():
            if isinstance(target, str) and target:
                at = locate(target if ("/" in target or "#" in target)
                            else f"#/components/schemas/{target}")
                if at in subtypes:
                    values[str(value)] = at
    name = discriminator["propertyName"]
    rules: list[dict[str, Any]] = []
    for value, target in values.items():
        try:
            converted = ref(target)
        except ContractError:
            continue
        rules.append({"if": {"properties": {name: {"const": value}}, "required": [name]},
                      "then": {"$ref": converted}})
    rules.append({"properties": {name: {"enum": [own, *values]}}})
    return rules
