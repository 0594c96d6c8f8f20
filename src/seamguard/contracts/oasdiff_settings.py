"""oasdiff's own settings file for the commands that diff specs (``seamguard contract diff``
and ``contract history``): ``oasdiff.yaml`` (or ``.yml``, ``.json``, ``.toml``;
``.oasdiff.yaml`` as oasdiff's GitHub actions read it) in the folder the command runs in, read
as oasdiff reads it.

Its keys are oasdiff's flag names. A key ``contract diff`` has an option for (``fail-on``,
``format``, ``match-path``, the path prefixes, ...) is honoured by both commands when the
command line does not give that option; any other key is named with its line and what to do
instead, never dropped silently; a value that option would refuse is a usage error at its
line. ``drift run`` diffs a platform's published spec with the file at the project's root: its
path filters, deprecation periods and ``include-path-params``.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seamguard.errors import DocumentError, UsageError

if TYPE_CHECKING:
    from seamguard.contracts.diff_filters import PathFilter
    from seamguard.contracts.diff_lifecycle import LifecyclePolicy

__all__ = ["HONOURED", "SETTINGS_FILES", "DiffArguments", "OasdiffSettings", "diff_arguments",
           "read_settings"]

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
    "stability-level": "stability_level",
}


@dataclass(frozen=True)
class OasdiffSettings:
    """What the file says: values to honour and keys left unread, each with its line."""

    display: str
    values: dict[str, tuple[Any, int | None]] = field(default_factory=dict)  # parameter ->
    ignored: list[tuple[str, str, int | None]] = field(default_factory=list)  # key, why, line

    def notes(self, command: str = "contract diff") -> list[str]:
        """One line per key ``command`` does not act on, for the terminal."""
        return [f"note: {self.display}{f':{line}' if line else ''}: {key} is not read by "
                f"{command}: {why}" for key, why, line in self.ignored]


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


@dataclass(frozen=True)
class DiffArguments:
    """What the file says about which changes a diff compares and how it grades them (the
    part a command without ``--fail-on``/``--format`` — ``drift run``'s published-spec diff
    — acts on)."""

    paths: PathFilter
    policy: LifecyclePolicy
    include_path_params: bool = False


_TEXT_KEYS = ("match_path", "unmatch_path", "filter_extension", "prefix_base", "prefix_revision",
              "strip_prefix_base", "strip_prefix_revision")
_REGEX_KEYS = ("match_path", "unmatch_path", "filter_extension")


def diff_arguments(folder: Path) -> DiffArguments:
    """The path filter, deprecation periods and pairing rule of ``folder``'s oasdiff settings
    file (the defaults when there is none).

    Raises:
        UsageError: a value of the wrong kind, at its line.
    """
    from seamguard.contracts.diff_filters import compile_filter
    from seamguard.contracts.diff_lifecycle import LifecyclePolicy

    settings = read_settings(folder)
    values = settings.values if settings is not None else {}

    def value(name: str, kind: type, default: Any) -> Any:
        if name not in values:
            return default
        raw, line = values[name]
        negative = isinstance(raw, int) and not isinstance(raw, bool) and raw < 0
        if not isinstance(raw, kind) or (kind is int and isinstance(raw, bool)) or negative:
            key = next(k for k, v in HONOURED.items() if v == name)
            wanted = {str: "text", bool: "true or false", int: "a whole number of days, 0 or "
                                                              "more"}[kind]
            display = settings.display if settings is not None else ""
            raise UsageError(f"{display} sets {key}: {raw!r}, which is not {wanted}",
                             file=display, line=line,
                             hint=f"see seamguard contract diff --help for --{key}")
        if name in _REGEX_KEYS and isinstance(raw, str):
            try:
                re.compile(raw)
            except re.error as exc:
                key = next(k for k, v in HONOURED.items() if v == name)
                display = settings.display if settings is not None else ""
                raise UsageError(f"{display} sets {key}: {raw!r}, which is not a regular "
                                 f"expression ({exc})", file=display, line=line,
                                 hint=f"see seamguard contract diff --help for --{key}"
                                 ) from None
        return raw

    text = {name: value(name, str, None) for name in _TEXT_KEYS}
    return DiffArguments(
        compile_filter(text["match_path"], text["unmatch_path"], text["filter_extension"],
                       prefix_base=text["prefix_base"] or "",
                       prefix_revision=text["prefix_revision"] or "",
                       strip_prefix_base=text["strip_prefix_base"] or "",
                       strip_prefix_revision=text["strip_prefix_revision"] or ""),
        LifecyclePolicy(stability_level=_stability(values, settings),
                        deprecation_days_beta=value("deprecation_days_beta", int, 0),
                        deprecation_days_stable=value("deprecation_days_stable", int, 0)),
        value("include_path_params", bool, False))


def _stability(values: dict[str, tuple[Any, int | None]],
               settings: OasdiffSettings | None) -> str:
    """The file's ``stability-level`` (oasdiff's default, beta, when it sets none)."""
    if "stability_level" not in values:
        return "beta"
    raw, line = values["stability_level"]
    level = str(raw).strip().lower()
    if level not in ("draft", "alpha", "beta", "stable"):
        display = settings.display if settings is not None else ""
        raise UsageError(f"{display} sets stability-level: {raw!r}, which is not draft, alpha, "
                         "beta or stable", file=display, line=line,
                         hint="see seamguard contract diff --help for --stability-level")
    return level


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
