"""Contracts that cannot load: found once, the interactions they kept from being checked
counted, one finding each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from seamguard.contracts.catalog import ContractCatalog
from seamguard.errors import UsageError
from seamguard.findings import Finding, Location
from seamguard.verify_target import _ERROR, CHECK_ID

_UNLOADABLE = "contract.unloadable"


def unloadable_contracts(catalog: ContractCatalog) -> dict[tuple[str, str], UsageError]:
    """The contracts of the project that do not load, by (platform, version)."""
    return {(platform, version): loaded for platform, version in catalog.entries()
            if isinstance(loaded := catalog.load(platform, version), UsageError)}


def set_aside_unloadable(findings: list[Finding],
                         unchecked: Counter[tuple[str | None, str | None]]) -> list[Finding]:
    """``findings`` without the per-interaction "contract does not load" ones, counted into
    ``unchecked`` by (platform, version) for :func:`unloadable_findings`."""
    for finding in findings:
        if finding.code == _UNLOADABLE:
            unchecked[finding.location.platform, finding.location.version] += 1
    return [f for f in findings if f.code != _UNLOADABLE]


def unloadable_findings(unloadable: dict[tuple[str, str], UsageError],
                        unchecked: Counter[tuple[str | None, str | None]]) -> Iterator[Finding]:
    """One finding per contract that cannot load, with the interactions it left unchecked."""
    for (platform, version), error in unloadable.items():
        count = unchecked[platform, version]
        left = (f"; {count} recorded interaction{'s' if count != 1 else ''} against it could "
                "not be checked" if count else "")
        yield Finding(
            code=_UNLOADABLE, severity=_ERROR, check=CHECK_ID,
            message=f"{platform}@{version} cannot be loaded: {error.message}{left}",
            hint=error.hint or "run `seamguard contract lint` for details",
            location=Location(platform=platform, version=version, file=error.file,
                              line=error.line, pointer=error.pointer),
            actual={"unchecked_interactions": count} if count else None)
