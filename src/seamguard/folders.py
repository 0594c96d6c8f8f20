"""The files of a project folder, listed so that a folder the system will not list is an error
naming it: ``Path.glob`` and ``rglob`` skip such a folder without a word, and a project whose
cassettes or suites cannot be read would then pass as one that has none."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from seamguard.errors import UsageError

__all__ = ["entries"]


def _refused(exc: OSError, shown: Callable[[Path], str]) -> None:
    if exc.errno in (errno.EACCES, errno.EPERM):
        where = shown(Path(exc.filename)) if exc.filename else "a folder"
        raise UsageError(f"cannot list the folder: {exc.strerror or exc}", file=where,
                         hint="make the folder readable and searchable (chmod u+rx) for the "
                              "user running seamguard") from None
    # anything else (a folder removed while listed) is what rglob skips too


def entries(folder: Path, suffixes: tuple[str, ...], *, shown: Callable[[Path], str],
            recursive: bool = True) -> list[Path]:
    """Entries of ``folder`` (files, and folders or broken links too, so that reading them
    reports the problem) whose names end in one of ``suffixes`` (lower case; ``.YAML`` is one
    of ``.yaml``: a file skipped for its case would check nothing), sorted; symbolic links to
    folders are not followed. A folder that cannot be listed raises UsageError naming it."""
    found: list[Path] = []
    try:
        os.listdir(folder)
    except OSError as exc:
        _refused(exc, shown)
        return found
    for root, folders, files in os.walk(folder, onerror=lambda exc: _refused(exc, shown)):
        base = Path(root)
        found.extend(base / name for name in (*folders, *files)
                     if name.lower().endswith(suffixes))
        if not recursive:
            break
    return sorted(found)
