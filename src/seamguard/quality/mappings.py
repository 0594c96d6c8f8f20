"""Finding a project's mapping spec by name (its file stem) for suites and reconciliations."""

from __future__ import annotations

from seamguard.mapping.spec import LoadedMapping, load_mapping
from seamguard.project import Project
from seamguard.spelling import nearest

__all__ = ["check_dataset_references", "find_mapping"]


def find_mapping(project: Project, name: str) -> LoadedMapping | None:
    """The mapping ``contracts/mappings/<name>.yaml`` (UsageError if it is invalid)."""
    folder = project.contracts_dir / "mappings"
    for suffix in (".yaml", ".yml", ".json"):
        path = folder / f"{name}{suffix}"
        if path.is_file():
            return load_mapping(path, display=project.relative(path))
    return None


def check_dataset_references(project: Project) -> None:
    """Every dataset's ``mapping`` and ``contract`` names something that exists (SettingsError
    with the settings line otherwise): a dataset whose mapping is missing would have its
    personal-data columns unmasked and its generated expectations silently absent."""

    from seamguard.errors import SettingsError

    mappings = sorted(p.stem for p in (project.contracts_dir / "mappings").glob("*")
                      if p.suffix in (".yaml", ".yml", ".json"))
    platforms = project.settings.platforms
    for name, settings in sorted(project.settings.datasets.items()):
        problem = choices = wrong = None
        key = "mapping"
        if settings.mapping is not None and settings.mapping not in mappings:
            problem = (f"dataset {name!r} names mapping {settings.mapping!r}, which is not in "
                       f"{project.settings.contracts}/mappings/")
            choices, wrong = mappings, settings.mapping
        elif settings.contract is not None:
            key = "contract"
            platform, _, rest = settings.contract.partition("@")
            version = rest.partition("#")[0]
            if platform not in platforms:
                problem = f"dataset {name!r}: contract {settings.contract!r} names no platform " \
                          f"in [tool.seamguard.platforms]"
                choices, wrong = sorted(platforms), platform
            elif version not in platforms[platform].versions:
                problem = f"dataset {name!r}: contract {settings.contract!r} names a version " \
                          f"{platform} does not list"
                choices, wrong = list(platforms[platform].versions), version
        if problem is None or choices is None or wrong is None:
            continue
        close = nearest(wrong, choices)
        raise SettingsError(
            problem, file=project.relative(project.pyproject),
            line=project.setting_line(f"datasets.{name}.{key}"),
            pointer=f"tool.seamguard.datasets.{name}.{key}",
            hint=f"did you mean {close!r}?" if close else
            f"known: {', '.join(choices) or 'none'}")
