"""Command-line values that name a file or folder, read the same way by every command.

An empty value (``--reports ""``, ``--reports "$UNSET_VARIABLE"``) would otherwise become
``Path("")``, which is the current folder: reports written into the working tree, a project
looked for where the command happens to run. It is a usage error instead (exit 2), as is
``-`` (no option here reads standard input or writes standard output: a file or folder named
``-`` would be made instead). A leading ``~`` the shell left alone (``--reports=~/out``, or
quoted) is the user's home folder, as the shell would have made it, not a folder named ``~``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import typer

__all__ = ["path_parser"]

_KIND = {(True, True): "path", (True, False): "file", (False, True): "folder"}


def path_parser(*, file_okay: bool = True, dir_okay: bool = True) -> Callable[[str | Path], Path]:
    """A typer ``parser`` for a path: not empty, and of the allowed kind when it exists."""
    kind = _KIND[file_okay, dir_okay]

    def parse(value: str | Path) -> Path:
        if isinstance(value, Path):  # a default
            return value
        if not value.strip():
            raise typer.BadParameter(
                f"an empty {kind} name{' (only spaces)' if value else ''} names no {kind}\n"
                f"  hint: give the {kind} (an unset shell variable expands to nothing), or "
                "leave it out for its default")
        if "\x00" in value:
            raise typer.BadParameter(f"{value!r} holds a NUL character, which no path can\n"
                                     "  hint: check how the value was made")
        if value == "-":
            raise typer.BadParameter(
                f"'-' is no {kind} name: seamguard does not read or write standard input or "
                f"output here\n  hint: give the {kind} by name (./- for one really named '-')")
        if value.startswith("~"):  # not expanded by the shell: after `=`, or quoted
            expanded = os.path.expanduser(value)
            if expanded == value:
                raise typer.BadParameter(
                    f"{value!r}: there is no such user's home folder\n  hint: write the {kind} "
                    "as an absolute path, or ~/... for your own home folder")
            value = expanded
        path = Path(value)
        try:
            mode = os.stat(path).st_mode
        except (OSError, ValueError):
            return path  # a missing path is the command's to judge (some create it)
        if not file_okay and stat.S_ISREG(mode):
            raise typer.BadParameter(f"{kind} {value!r} is a file\n  hint: give a folder")
        if not dir_okay and stat.S_ISDIR(mode):
            raise typer.BadParameter(f"{kind} {value!r} is a folder\n  hint: give a file")
        return path

    return parse
