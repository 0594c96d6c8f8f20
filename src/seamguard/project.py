"""A seamguard project: a folder with ``pyproject.toml`` whose ``[tool.seamguard]`` holds settings.

The standard layout (every folder configurable)::

    pyproject.toml          [tool.seamguard] settings
    contracts/<platform>/<version>/openapi.yaml
    fixtures/cassettes/     vcrpy recordings, any depth
    reports/                what each run writes
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from seamguard.errors import SettingsError
from seamguard.project_data_settings import DatasetSettings as DatasetSettings
from seamguard.project_data_settings import ReconcileSettings as ReconcileSettings
from seamguard.project_data_settings import SparkSettings as SparkSettings
from seamguard.project_data_settings import SyncProfileSettings, SyncSettings, SyncTargetSettings
from seamguard.project_platforms import AuthSettings, PlatformSettings
from seamguard.project_platforms import LiveRequestSettings as LiveRequestSettings
from seamguard.project_settings import NetworkSettings, PrivacySettings, Settings
from seamguard.project_settings import forgotten_history as forgotten_history
from seamguard.project_toml import _line_of, _seamguard_table, _validate
from seamguard.project_toml import line_of_setting as line_of_setting
from seamguard.spelling import nearest

__all__ = [
    "AuthSettings",
    "NetworkSettings",
    "PlatformSettings",
    "PrivacySettings",
    "Project",
    "Settings",
    "SyncProfileSettings",
    "SyncSettings",
    "SyncTargetSettings",
    "find_project",
]

CONTRACT_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Project:
    """A loaded project: its root folder and validated settings."""

    root: Path
    settings: Settings

    @property
    def pyproject(self) -> Path:
        return self.root / "pyproject.toml"

    @property
    def contracts_dir(self) -> Path:
        return self.root / self.settings.contracts

    @property
    def cassettes_dir(self) -> Path:
        return self.root / self.settings.cassettes

    @property
    def reports_dir(self) -> Path:
        return self.root / self.settings.reports

    def relative(self, path: Path) -> str:
        """A path as the user sees it: relative to the project root when inside it."""
        # The path as written first: a symbolic link is named, not what it points to.
        absolute, root = os.path.abspath(path), os.path.abspath(self.root)
        if absolute.startswith(root + os.sep):
            return Path(absolute).relative_to(root).as_posix()
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside, or a symbolic link loop
            return str(path)

    def contract_file(self, platform: str, version: str) -> Path:
        """The entry document of one platform version: ``openapi.*`` or the folder's only file."""
        folder = self.contracts_dir / platform / version
        for suffix in CONTRACT_SUFFIXES:
            candidate = folder / f"openapi{suffix}"
            if candidate.is_file():
                return candidate
        files = sorted(p for p in folder.glob("*") if p.suffix in CONTRACT_SUFFIXES)
        if len(files) == 1:
            return files[0]
        raise SettingsError(
            f"no contract for {platform}@{version}: expected {self.relative(folder)}/openapi.yaml",
            file=self.relative(self.pyproject),
            line=self.setting_line(f"platforms.{platform}.versions"),
            pointer=f"tool.seamguard.platforms.{platform}.versions",
            hint="add the OpenAPI document there, or remove the version from the settings",
        )

    def cassette_files(self) -> list[Path]:
        """Every entry named like a cassette: a folder or broken link among them is listed too,
        so that reading it reports the problem instead of skipping it silently."""
        from seamguard.folders import entries

        if not self.cassettes_dir.is_dir():
            return []
        # A HAR archive (a browser's or Polly.JS's recording) is listed too: read, it is
        # refused with what it is, where skipping it would leave its calls unchecked in silence.
        kinds = (".yaml", ".yml", ".json", ".har")
        return [path for path in entries(self.cassettes_dir, kinds, shown=self.relative)
                if path.suffix.lower() in kinds]

    def setting_line(self, dotted: str) -> int | None:
        """Best-effort line of ``tool.seamguard.<dotted>`` in pyproject.toml."""
        return _line_of(self.pyproject, dotted)

    def check_layout(self) -> None:
        """Fail early, with a hint, when settings name a platform or version with no contract,
        or a folder setting names a file."""
        for dotted, folder in (("contracts", self.contracts_dir),
                               ("cassettes", self.cassettes_dir),
                               ("quality.suites", self.root / self.settings.quality.suites)):
            if folder.exists() and not folder.is_dir():
                raise SettingsError(
                    f"{dotted} = {self.relative(folder)!r} is a file, where a folder was expected",
                    file=self.relative(self.pyproject), line=self.setting_line(dotted),
                    pointer=f"tool.seamguard.{dotted}",
                    hint="point the setting at a folder (relative to the project)")
        known = sorted(p.name for p in self.contracts_dir.glob("*") if p.is_dir())
        for name, platform in self.settings.platforms.items():
            if name not in known:
                close = nearest(name, known)
                hint = f"did you mean {close!r}?" if close else (
                    f"create {self.settings.contracts}/{name}/<version>/openapi.yaml"
                )
                raise SettingsError(
                    f"unknown platform {name!r}: there is no folder "
                    f"{self.settings.contracts}/{name}/ (known: {', '.join(known) or 'none'})",
                    file=self.relative(self.pyproject),
                    line=_line_of(self.pyproject, f"platforms.{name}"),
                    pointer=f"tool.seamguard.platforms.{name}",
                    hint=hint,
                )
            for version in platform.versions:
                self.contract_file(name, version)


def find_project(start: Path | None = None, *, explicit: bool = False) -> Project:
    """Load the project at ``start`` (exactly, if ``explicit``) or the nearest one above it."""
    origin = (start or Path.cwd()).resolve()
    candidates = [origin] if explicit else [origin, *origin.parents]
    for folder in candidates:
        pyproject = folder / "pyproject.toml"
        # The folder named with --project must hold a readable file; while searching upwards,
        # anything that is not a regular file is passed by.
        if pyproject.is_file() or (explicit and (pyproject.exists() or pyproject.is_symlink())):
            table = _seamguard_table(pyproject)
            if table is not None:
                return Project(root=folder, settings=_validate(table, pyproject))
            if explicit:
                break
    raise SettingsError(
        f"no seamguard project at {origin}" if explicit else
        f"no seamguard project found in {origin} or its parents",
        file=str(origin / "pyproject.toml"),
        hint="run `seamguard init` to create one, or pass --project DIR",
    )


