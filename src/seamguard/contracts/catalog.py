"""Every contract a project declares, loaded once per run and shared by all checks."""

from __future__ import annotations

from collections.abc import Iterator

from seamguard.contracts.model import Contract, load_contract
from seamguard.errors import UsageError
from seamguard.project import Project

__all__ = ["ContractCatalog"]


class ContractCatalog:
    """Loads ``contracts/<platform>/<version>/`` on demand and remembers failures too."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._loaded: dict[tuple[str, str], Contract | UsageError] = {}

    def entries(self) -> Iterator[tuple[str, str]]:
        for platform, settings in self.project.settings.platforms.items():
            for version in settings.versions:
                yield platform, version

    def load(self, platform: str, version: str) -> Contract | UsageError:
        """The contract, or the error that stopped it from loading (never raises UsageError)."""
        key = (platform, version)
        if key not in self._loaded:
            try:
                path = self.project.contract_file(platform, version)
                self._loaded[key] = load_contract(
                    path,
                    platform=platform,
                    version=version,
                    display=self.project.relative,
                    max_bytes=int(self.project.settings.max_document_mb * 1_048_576),
                    max_depth=self.project.settings.max_depth,
                    within=self.project.root,
                    closed=self.project.settings.undeclared_fields != "off",
                )
            except UsageError as exc:
                self._loaded[key] = exc
        return self._loaded[key]
