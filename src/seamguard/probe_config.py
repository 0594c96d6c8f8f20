"""schemathesis' own settings file for ``seamguard probe``: ``schemathesis.toml`` beside
``pyproject.toml``, read as ``st run`` reads it.

People who ran schemathesis keep their settings there (generation, checks and their options,
per-operation overrides, headers, auth, hooks). The probe reads that file, lets what the
command line says win (as ``st run`` does), and keeps seamguard's own rules on top: the base
URL is the platform's (or ``--url``), no example database is written, and stateful sequences
run only with ``--allow-unsafe``. A file schemathesis would refuse is a usage error naming it;
header and auth values from it are secrets, masked like ``-H`` values.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seamguard.errors import UsageError

if TYPE_CHECKING:
    from seamguard.probe import ProbeOptions

__all__ = ["MAX_EXAMPLES", "SETTINGS_FILE", "StSettings", "build_config", "load_hooks",
           "read_settings"]

SETTINGS_FILE = "schemathesis.toml"
# Generated requests per operation and phase: one pass, which must end; --max-time is how a
# probe fuzzes longer.
MAX_EXAMPLES = 10_000
_DOCS = "https://schemathesis.readthedocs.io/en/stable/reference/configuration/"


@dataclass(frozen=True)
class StSettings:
    """The settings file's content (empty when there is none) and how to name it."""

    data: dict[str, Any] = field(default_factory=dict)
    display: str | None = None
    folder: str | None = None
    text: str = ""  # the file as written, for the lines of its settings

    def secrets(self) -> list[str]:
        """Header and auth values the file holds (environment references expanded)."""
        found: list[str] = []

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                for value in node.values():
                    walk(value)
            elif isinstance(node, str) and node.strip():
                value = os.path.expandvars(node)
                found.extend([value, value.split(None, 1)[-1]])

        for key in ("headers", "auth"):
            walk(self.data.get(key))
        for section in self.data.get("project") or []:
            if isinstance(section, dict):
                walk(section.get("headers"))
                walk(section.get("auth"))
        return found

    def sent_headers(self) -> dict[str, str]:
        """The headers the file has schemathesis send (environment references expanded);
        ``Authorization`` stands for the file's ``auth``. Left out of saved replays."""
        sent: dict[str, str] = {}
        sections = [self.data, *(p for p in self.data.get("project") or []
                                 if isinstance(p, dict))]
        for section in sections:
            for name, value in (section.get("headers") or {}).items():
                sent[str(name)] = os.path.expandvars(str(value))
            if section.get("auth"):
                sent.setdefault("Authorization", "")
        return sent

    def unheeded(self, *, allow_unsafe: bool = False) -> list[tuple[str, str, int | None]]:
        """``(setting, what happens instead, line)`` for each setting of the file the probe
        does not act on: ``st run`` reads some in its command-line layer, which the probe does
        not go through; others seamguard's rules override (one worker, every failure, no
        cache or example database, no stateful phase without ``--allow-unsafe``)."""
        found = []
        sections = [((), self.data), *((("project", n), p)
                                       for n, p in enumerate(self.data.get("project") or [])
                                       if isinstance(p, dict))]
        for where, section in sections:
            prefix = f"project[{where[1]}]." if where else ""
            for key, why in _UNHEEDED.items():
                if key in section:
                    found.append((prefix + key, why, self.line_of(*where, key)))
            generation = section.get("generation")
            database = generation.get("database") if isinstance(generation, dict) else None
            if database is not None and str(database).lower() != "none":
                found.append((prefix + "generation.database", _NO_DATABASE,
                              self.line_of(*where, "generation", "database")))
            phases = section.get("phases")
            stateful = phases.get("stateful") if isinstance(phases, dict) else None
            if not allow_unsafe and isinstance(stateful, dict) and stateful.get("enabled"):
                found.append((prefix + "phases.stateful.enabled", _NO_STATEFUL,
                              self.line_of(*where, "phases", "stateful", "enabled")))
        return found

    def line_of(self, *path: str | int) -> int | None:
        """The line that sets ``path`` (``"project", 0, "workers"``), or the nearest enclosing
        table or inline table; None when the file does not say it (tomllib keeps no lines)."""
        return _line_of(self.text, tuple(path))

    def defaults_for(self, options: ProbeOptions) -> ProbeOptions:
        """``options`` with the file's values where the command line gave none."""
        self.check_bounds()
        generation = self.data.get("generation") or {}
        changes: dict[str, Any] = {}
        for name, value in (("max_examples", generation.get("max-examples")),
                            ("mode", generation.get("mode")),
                            ("timeout", self.data.get("request-timeout")),
                            ("seed", self.data.get("seed")),
                            ("max_time", self.data.get("max-time"))):
            if value is not None and name not in options.given:
                changes[name] = value
        return replace(options, **changes) if changes else options

    def check_bounds(self) -> None:
        """The file's durations within the bounds of the options they stand for.

        Raises:
            UsageError: a duration that is no number, or out of its option's bounds (with
                the file, the line and the key).
        """
        sections = [((), self.data), *((("project", n), p)
                                       for n, p in enumerate(self.data.get("project") or [])
                                       if isinstance(p, dict))]
        for where, section in sections:
            for path, (low, high, option) in _BOUNDS.items():
                node: Any = section
                for key in path:
                    node = node.get(key) if isinstance(node, dict) else None
                if node is None or (where and path == ("max-time",)):
                    continue
                number = isinstance(node, int | float) and not isinstance(node, bool)
                whole = isinstance(node, int) or path not in _WHOLE
                if number and whole and low <= node <= high:
                    continue
                name = (f"project[{where[1]}]." if where else "") + ".".join(path)
                if path in _WHOLE and number and not isinstance(node, int):
                    raise UsageError(
                        f"`{name}` = {node!r} in {self.display}: a whole number, as {option} "
                        "takes", file=self.display, line=self.line_of(*where, *path),
                        hint=f"give {name} as a whole number from {low:g} to {high:g}")
                unit = _WHOLE.get(path, "seconds")
                raise UsageError(
                    f"`{name}` = {_shown(node)} in {self.display}: "
                    + (f"at most {high:g} {unit}, as {option} takes"
                       if number and node > high else
                       f"{unit} from {low:g} to {high:g}, as {option} takes"),
                    file=self.display, line=self.line_of(*where, *path),
                    hint=f"give {name} as {unit} between {low:g} and {high:g}"
                         + (" (--max-time keeps fuzzing longer)"
                            if path == ("generation", "max-examples") else ""))


# A file's durations and counts, and the bounds of the options they stand for.
_BOUNDS: dict[tuple[str, ...], tuple[float, float, str]] = {
    ("max-time",): (1, 86_400, "--max-time"),
    ("request-timeout",): (0.1, 3600, "--request-timeout"),
    ("checks", "max_response_time"): (0.001, 3600, "--max-response-time"),
    ("generation", "max-examples"): (1, MAX_EXAMPLES, "--max-examples"),
    ("seed",): (-(2**63), 2**63 - 1, "--seed"),
    ("max-redirects",): (0, 100, "max-redirects"),
}
# The keys that count, and what: a whole number (schemathesis took `seed = 1e300` and
# `max-redirects = 1e300` without a word).
_WHOLE = {("max-time",): "seconds", ("generation", "max-examples"): "requests",
          ("seed",): "a whole number", ("max-redirects",): "redirects"}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:20]}…({len(text)} characters)"


# Settings `st run` acts on in its command-line layer (the engine the probe drives never reads
# them), and what the probe does instead.
_UNHEEDED = {
    "reports": "the probe writes report.json, junit.xml, summary.md and report.html to the "
               "reports folder (--reports DIR; default reports/), never schemathesis' own "
               "report files",
    "wait-for-schema": "the probe reads the contract file from disk, so there is no schema "
                       "URL to wait for",
    "color": "the probe's terminal output follows NO_COLOR and the terminal",
    "output": "the probe always masks secrets and personal data, and prints each failure "
              "once with its request, answer and a --replay command",
    "workers": "the probe runs one worker, so that --seed reproduces a run",
    "max-failures": "the probe reports every failure, each once, and never stops early "
                    "(--max-time bounds the run instead)",
    "cache": "the probe keeps no request cache between runs, so a run depends on its seed "
             "and options only and no answer is written to disk",
    "baseline": "accepted failures live in seamguard's baseline (`seamguard baseline save`, "
                "then `baseline = ...` under [tool.seamguard]), which every check shares",
    "fuzz": "these settings belong to `st fuzz`; the probe runs `st run`'s phases "
            "(--max-time keeps it going for that many seconds)",
    "warnings": "the probe does not show schemathesis' schema warnings; what a run could not "
                "exercise is a probe.check-not-run or probe.nothing-probed finding",
}
_NO_DATABASE = ("the probe writes no example database (runs depend on --seed only, and no "
                "generated value reaches the disk)")
_NO_STATEFUL = ("stateful sequences run only with --allow-unsafe (they chain calls that may "
                "create resources); add it to run them, never against production")
# What build_config leaves out of the file before schemathesis sees it (see _UNHEEDED).
_DROPPED = ("workers", "max-failures", "cache", "baseline")


def _line_refused(text: str, message: str) -> int | None:
    """The line of the first setting or environment variable schemathesis' refusal names
    (``'max_examples'``, ``Missing environment variable: `TOKEN```)."""
    named = re.search(r"['`]([A-Za-z0-9_\-]+)['`]", message)
    if named is None:
        return None
    name = re.escape(named.group(1))
    wanted = re.compile(rf"\$\{{{name}\}}" if "environment variable" in message else
                        rf"(?:^|[\s.{{,\[]){name}[\s\]]*(?:=|\.|\]|$)")
    for number, line in enumerate(text.split("\n"), start=1):
        if wanted.search(line.split("#", 1)[0]):
            return number
    return None


def _line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """The line of a dotted TOML key: where a key line or a table header spells the whole path
    (through ``[[project]]`` by index), else the deepest enclosing one found."""
    table: tuple[str | int, ...] = ()
    counts: dict[tuple[str | int, ...], int] = {}
    best: tuple[int, int] | None = None  # (how much of the path, line)
    for number, line in enumerate(text.split("\n"), start=1):
        header = _TOML_HEADER.match(line)
        if header:
            parts: tuple[str | int, ...] = _toml_key(header.group(2))
            if header.group(1) == "[[":
                counts[parts] = counts.get(parts, -1) + 1
                parts = (*parts, counts[parts])
            table = parts
            spelled = parts
        else:
            key = _TOML_KEY.match(line)
            if key is None:
                continue
            spelled = (*table, *_toml_key(key.group(1)))
        shared = 0
        for mine, wanted in zip(spelled, path, strict=False):
            if mine != wanted:
                break
            shared += 1
        if shared == len(path):
            return number
        if shared == len(spelled) and (best is None or shared > best[0]):
            best = (shared, number)  # an enclosing table (or an inline table's key)
    return best[1] if best else None


_TOML_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"^\s*((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)"
                       r"(?:\s*\.\s*(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+))*)\s*=")
_TOML_PART = re.compile(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_\-]+)")


def _toml_key(text: str) -> tuple[str, ...]:
    return tuple(next(g for g in m.groups() if g is not None)
                 for m in _TOML_PART.finditer(text))


def read_settings(root: Path, display: str) -> StSettings:
    """The project's ``schemathesis.toml`` (an empty one when there is none): beside
    ``pyproject.toml``, else in the nearest folder above it up to the repository's root, as
    schemathesis looks for it from where it runs.

    Raises:
        UsageError: the file cannot be read, or is not TOML (with its line).
    """
    path = _nearest(root)
    if path is None:
        return StSettings()
    if path.parent != root:
        display = os.path.relpath(path, root)
        root = path.parent
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{display} cannot be read: {exc}", file=display,
                         hint="schemathesis' settings file must be UTF-8 TOML") from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+)", str(exc))
        raise UsageError(f"{display} is not valid TOML: {exc}", file=display,
                         line=int(line.group(1)) if line else None,
                         hint=f"schemathesis' settings file; see {_DOCS}") from None
    return StSettings(data, display, str(root), text)


def _nearest(root: Path) -> Path | None:
    for folder in (root, *root.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder / SETTINGS_FILE
        if (folder / ".git").exists():  # schemathesis stops at the repository's root
            return None
    return None


def _merged(base: dict[str, Any], ours: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in ours.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def build_config(settings: StSettings, ours: dict[str, Any]) -> Any:
    """schemathesis' configuration: the settings file with seamguard's settings on top.

    Raises:
        UsageError: schemathesis refuses the file, or cannot import the hooks it names (or
            ``SCHEMATHESIS_HOOKS`` names).
    """
    from schemathesis.config import ConfigError, SchemathesisConfig
    from schemathesis.core.errors import HookError

    data = _merged(settings.data, ours)
    # Every project section of the file probes the platform's base URL, as the top level does.
    projects = data.get("project")
    if isinstance(projects, list):
        data["project"] = [_merged(p, {"base-url": ours["base-url"]}) if isinstance(p, dict)
                           else p for p in projects]
    # Settings seamguard's rules override (each said as probe.settings-ignored).
    for section in [data, *(p for p in data.get("project") or [] if isinstance(p, dict))]:
        for key in _DROPPED:
            section.pop(key, None)
    data["cache"] = {"enabled": False}
    try:
        with _project_importable(settings):
            return SchemathesisConfig.from_dict(data, base_dir=settings.folder)
    except ConfigError as exc:
        text = " ".join(str(exc).split())
        raise UsageError(f"schemathesis refuses these settings: {text[:400]}",
                         file=settings.display, line=_line_refused(settings.text, text),
                         hint=f"see {_DOCS}") from None
    except HookError as exc:
        raise _hook_error(settings, exc) from None


def load_hooks(settings: StSettings) -> None:
    """Import the hooks module the file (``hooks``) or ``SCHEMATHESIS_HOOKS`` names, as
    ``st run`` does, so that its custom checks are known before any request.

    Raises:
        UsageError: the module cannot be imported (with the reason).
    """
    from schemathesis.core import hooks
    from schemathesis.core.errors import HookError

    module = settings.data.get("hooks")
    try:
        with _project_importable(settings):
            if isinstance(module, str) and module:
                hooks.load_from_path(module)
            else:
                hooks.load_from_env()
    except HookError as exc:
        raise _hook_error(settings, exc) from None


@contextlib.contextmanager
def _project_importable(settings: StSettings) -> Iterator[None]:
    """A hooks module beside the settings file imports whatever the working folder is."""
    folder = settings.folder
    added = folder is not None and folder not in sys.path
    if added:
        sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        if added and str(folder) in sys.path:
            sys.path.remove(str(folder))


def _hook_error(settings: StSettings, exc: Any) -> UsageError:
    cause = exc.__cause__
    reason = f"{type(cause).__name__}: {cause}" if cause else "it failed"
    source = ("`hooks` in " + settings.display if settings.data.get("hooks")
              and settings.display else "SCHEMATHESIS_HOOKS")
    return UsageError(f"schemathesis hooks {exc.module_path!r} (from {source}) cannot be "
                      f"loaded: {reason}"[:500], file=settings.display if "`" in source else None,
                      hint="name a module importable from the project folder, or a .py file "
                           "path")
