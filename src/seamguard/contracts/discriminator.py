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


def _points_at(ref: Any, pointer: str) -> bool:
    return isinstance(ref, str) and ref.partition("#")[2] == pointer


def inherited_rules(node: Any, pointer: str, schemas: Any,
                    ref: Callable[[str], str]) -> list[dict[str, Any]]:
    """The ``allOf`` entries that make a discriminator on a base schema hold, where the
    branches are not listed beside it but inherit from it (``Cat: {allOf: [{$ref: Pet}, …]}``,
    Swagger 2.0's only way and common in OpenAPI 3): the value names the base itself or one of
    the schemas of ``schemas`` (the components, by name) that inherit from ``pointer``."""
    if not isinstance(node, dict) or "oneOf" in node or "anyOf" in node \
            or not isinstance(schemas, dict):
        return []
    discriminator = node.get("discriminator")
    if not isinstance(discriminator, dict) or not isinstance(
            discriminator.get("propertyName"), str):
        return []
    prefix = pointer.rpartition("/")[0]
    named = {f"{prefix}/{name}": str(name) for name, schema in schemas.items()
             if isinstance(schema, dict) and isinstance(schema.get("allOf"), list)
             and any(isinstance(b, dict) and _points_at(b.get("$ref"), pointer)
                     for b in schema["allOf"])}
    if not named:
        return []
    values = {name: f"#{at}" for at, name in named.items()}
    mapping = discriminator.get("mapping")
    if isinstance(mapping, dict):
        values.update({str(value): target for value, target in mapping.items()
                       if isinstance(target, str) and target.partition("#")[2] in named})
    name = discriminator["propertyName"]
    rules: list[dict[str, Any]] = []
    for value, target in values.items():
        try:
            converted = ref(target)
        except ContractError:
            continue
        rules.append({"if": {"properties": {name: {"const": value}}, "required": [name]},
                      "then": {"$ref": converted}})
    own = pointer.rpartition("/")[2].replace("~1", "/").replace("~0", "~")
    rules.append({"properties": {name: {"enum": [own, *values]}}})
    return rules
