"""A field a mapping names that its contract version lacks, found in another version.

Platforms add, rename and retire fields between API versions (Shopify's ``processing_method``
is in 2024-04 and gone in 2024-07). When a top-level rule names a field its pinned contract
does not have, but another configured version of the same platform does, the finding says
which: the user either pinned the wrong version or maps a field that no longer exists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.errors import UsageError
from seamguard.findings import Finding
from seamguard.mapping.paths import TARGET_PREFIX, parse_path
from seamguard.mapping.shapes import navigate
from seamguard.mapping.spec import LoadedMapping

__all__ = ["with_version_hints"]

_CODES = {"mapping.unknown-source-field": "source", "mapping.unknown-target-field": "target"}
# the source or target of a top-level rule (a path from the record's root)
_TOP_LEVEL = re.compile(r"/fields/\d+/(source|target)(/\d+)?")


def _versions_holding(catalog: ContractCatalog, mapping: LoadedMapping, side: str,
                      path: str) -> list[str]:
    endpoint = mapping.spec.source if side == "source" else mapping.spec.target
    settings = catalog.project.settings.platforms.get(endpoint.platform)
    if settings is None or path.startswith(TARGET_PREFIX):
        return []
    try:
        tokens = parse_path(path)
    except ValueError:
        return []
    found = []
    for version in settings.versions:
        if version == endpoint.version:
            continue
        contract = catalog.load(endpoint.platform, version)
        if not isinstance(contract, Contract):
            continue
        try:
            root = contract.schema(contract.root(endpoint.schema_))
        except UsageError:
            continue
        if navigate(contract, root, tokens)[0] is not None:
            found.append(f"{endpoint.platform}@{version}")
    return found


def with_version_hints(findings: Iterable[Finding], mapping: LoadedMapping,
                       catalog: ContractCatalog) -> list[Finding]:
    """``findings``, an unknown field's hint naming the other versions that have it."""
    result = []
    for finding in findings:
        side = _CODES.get(finding.code)
        pointer = finding.location.pointer or ""
        if side and isinstance(finding.actual, str) and _TOP_LEVEL.fullmatch(pointer):
            holding = _versions_holding(catalog, mapping, side, finding.actual)
            if holding:
                endpoint = mapping.spec.source if side == "source" else mapping.spec.target
                finding = replace(finding, hint=(
                    f"{finding.actual!r} is in {', '.join(holding)}, not in "
                    f"{endpoint.contract}: pin the version that has it in `{side}.contract`, "
                    f"or map what replaced it" + (f" ({finding.hint})" if finding.hint
                                                  else "")))
        result.append(finding)
    return result
