"""Finding a project's mapping spec by name (its file stem) for suites and reconciliations."""

from __future__ import annotations

from seamguard.mapping.spec import LoadedMapping, load_mapping
from seamguard.project import Project

__all__ = ["find_mapping"]


def find_mapping(project: Project, name: str) -> LoadedMapping | None:
    """The mapping ``contracts/mappings/<name>.yaml`` (UsageError if it is invalid)."""
    folder = project.contracts_dir / "mappings"
    for suffix in (".yaml", ".yml", ".json"):
        path = folder / f"{name}{suffix}"
        if path.is_file():
            return load_mapping(path, display=project.relative(path))
    return None
