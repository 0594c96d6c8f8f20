"""oasdiff's own settings file for ``seamguard contract diff``: ``oasdiff.yaml`` (or ``.yml``,
``.json``, ``.toml``; ``.oasdiff.yaml`` as oasdiff's GitHub actions read it) in the folder the
command runs in, read as oasdiff reads it.

Its keys are oasdiff's flag names. A key ``contract diff`` has an option for (``fail-on``,
``format``, ``match-path``, the path prefixes, ...) is honoured when the command line does not
give that option; any other key is named with its line and what to do instead, never dropped
silently; a value that option would refuse is a usage error at its line.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seamguard.errors import DocumentError, UsageError

__all__ = ["HONOURED", "SETTINGS_FILES", "OasdiffSettings", "read_settings"]

SETTINGS_FILES = ("oasdiff.yaml", "oasdiff.yml", "oasdiff.json", "oasdiff.toml",
                  ".oasdiff.yaml", ".oasdiff.yml")
# oasdiff's key -> the parameter of `contract diff` that does the same
HONOURED = {
    "fail-on": "fail_on", "format": "output", "level": "level", "match-path": "match_path",
    "unmatch-path": "unmatch_path", "filter-extension": "filter_extension",
    "include-path-params": "include_path_params", "prefix-base": "prefix_base",
    "prefix-revision": "prefix_revision", "strip-prefix-base": "strip_prefix_base",
    "strip-prefix-revision": "strip_prefix_revision",
    "deprecation-days-beta": "deprecation_days_beta",
    "deprecation-days-stable": "deprecation_days_stable",
}


@dataclass(frozen=True)
class OasdiffSettings:
    """What the file says: values to honour and keys left unread, each with its line."""

    display: str
    values: dict[str, tuple[Any, int | None]] = field(default_factory=dict)  # parameter ->
    ignored: list[tuple[str, str, int | None]] = field(default_factory=list)  # key, why, line

    def notes(self) -> list[str]:
        """One line per key the command does not act on, for the terminal."""
        return [f"note: {self.display}{f':{line}' if line else ''}: {key} is not read by "
                f"contract diff: {why}" for key, why, line in self.ignored]


def read_settings(folder: Path) -> OasdiffSettings | None:
    """The oasdiff settings file in ``folder`` (None when there is none).

    Raises:
        UsageError: the file is not YAML, JSON or TOML of a table (with its line).
    """
    path = next((folder / name for name in SETTINGS_FILES if (folder / name).is_file()), None)
    if path is None:
        return None
    display = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{display} cannot be read: {exc}", file=display,
                         hint="oasdiff's settings file must be UTF-8") from None
    data = _parse(text, path.suffix, display)
    settings = OasdiffSettings(display)
    for key, value in data.items():
        line = _line_of(text, str(key))
        name = str(key).lower()
        if name in HONOURED:
            settings.values[HONOURED[name]] = (value, line)
        else:
            settings.ignored.append((str(key), _why_not(name), line))
    return settings


def _parse(text: str, suffix: str, display: str) -> dict[str, Any]:
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif suffix == ".json":
            data = json.loads(text)
        else:
            from seamguard.documents import parse_text

            data = parse_text(text, file=display)
    except DocumentError as exc:
        raise UsageError(f"{display} cannot be parsed: {exc.message}", file=display,
                         line=exc.line, hint="oasdiff's settings file: one `flag-name: value` "
                                             "a line") from None
    except Exception as exc:  # YAML, JSON and TOML parsers raise their own kinds
        line = re.search(r"line (\d+)", str(exc))
        raise UsageError(f"{display} cannot be parsed: {' '.join(str(exc).split())[:300]}",
                         file=display, line=int(line.group(1)) if line else None,
                         hint="oasdiff's settings file: one `flag-name: value` a line") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{display} holds a {type(data).__name__}, not oasdiff's settings",
                         file=display, hint="write one `flag-name: value` a line, e.g. "
                                            "`fail-on: ERR`")
    return data


def _why_not(key: str) -> str:
    from seamguard.foreign_options import FOREIGN

    entry = FOREIGN["diff"].get(f"--{key}")
    if entry is not None:
        ours, note = entry
        return f"use {ours} instead ({note})" if ours else note
    if key in ("base", "revision"):
        return "the sides are the arguments: contract diff BASE REVISION"
    return "contract diff has no such setting (seamguard contract diff --help lists its options)"


def _line_of(text: str, key: str) -> int | None:
    wanted = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[:=]")
    for number, line in enumerate(text.split("\n"), start=1):
        if wanted.match(line):
            return number
    return None
