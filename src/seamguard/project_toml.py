"""pyproject.toml's ``[tool.seamguard]`` table read and validated into ``Settings`` (errors at
their line, with a hint), and the line of a setting found."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from seamguard.documents import DEFAULT_MAX_BYTES, read_text
from seamguard.errors import DocumentError, SeamguardError, SettingsError
from seamguard.model_errors import first_problem, known_keys
from seamguard.project_settings import Settings
from seamguard.spelling import nearest


def _seamguard_table(pyproject: Path) -> dict[str, Any] | None:
    try:
        text = read_text(pyproject, max_bytes=DEFAULT_MAX_BYTES)
    except DocumentError as exc:
        raise SettingsError(f"cannot read pyproject.toml: {exc.message}", file=str(pyproject),
                            line=exc.line, hint=exc.hint) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(exc):
            line = text.count("\n") or 1
        lone_cr = re.search(r"\r(?!\n)", text)
        raise SettingsError(
            f"invalid TOML: {exc}" + ("; the file's lines end in a lone CR (old Mac line "
                                      "ends), which TOML does not allow" if lone_cr else ""),
            file=str(pyproject),
            line=line,
            hint="convert the line ends to LF (or CRLF)" if lone_cr else
            "check quoting and brackets near that line",
        ) from None
    except RecursionError:
        raise SettingsError("pyproject.toml nests arrays or tables too deeply to read",
                            file=str(pyproject), hint="no setting needs that depth") from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        found = re.search(r"\d{4300}", text)
        raise SettingsError(
            f"invalid TOML: a value cannot be read ({str(exc).split(';')[0]})",
            file=str(pyproject), line=text.count("\n", 0, found.start()) + 1 if found else None,
            hint="no setting needs a number that long") from None
    tool = data.get("tool", {})
    table = tool.get("seamguard") if isinstance(tool, dict) else None
    _refuse_misplaced(data, text, pyproject)
    if table is not None and not isinstance(table, dict):
        raise SettingsError(
            "[tool.seamguard] must be a table of settings",
            file=str(pyproject), pointer="tool.seamguard",
            line=next((number for number, line in enumerate(text.split("\n"), start=1)
                       if re.match(r"^\s*(?:tool\.)?seamguard\s*=", line)), None),
            hint="write the settings under a [tool.seamguard] header")
    return table


_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _like(written: str, meant: str) -> bool:
    """``written`` is ``meant`` in another case, with ``-``/``_``, or misspelt slightly."""
    folded = written.lower().replace("-", "").replace("_", "")
    return written != meant and (folded == meant or nearest(written, [meant], cutoff=0.8)
                                 is not None)


def _misplaced_tables(data: dict[str, Any]) -> list[tuple[str, ...]]:
    """Tables that stand for ``[tool.seamguard]`` where seamguard does not read them:
    ``[tools.seamguard]``, ``[tool.seam-guard]``, ``["tool.seamguard"]``, ``[seamguard]``,
    ``[project.seamguard]``..."""
    found: list[tuple[str, ...]] = []
    for key, value in data.items():
        if not isinstance(value, dict):
            continue
        if key == "tool.seamguard" or _like(key, "seamguard") or key == "seamguard":
            found.append((key,))
        elif key == "tool" or _like(key, "tool") or key == "project":
            found += [(key, inner) for inner, table in value.items() if isinstance(table, dict)
                      and ((inner == "seamguard" and key != "tool") or _like(inner, "seamguard"))]
    return found


def _refuse_misplaced(data: dict[str, Any], text: str, pyproject: Path) -> None:
    for keys in _misplaced_tables(data):
        written = ".".join(k if _BARE_KEY.match(k) else f'"{k}"' for k in keys)
        line = next((number for number, row in enumerate(text.split("\n"), start=1)
                     if row.replace(" ", "").replace("\t", "").lstrip("[").startswith(written)
                     and row.lstrip().startswith("[")), None)
        raise SettingsError(
            f"pyproject.toml has a [{written}] table, which seamguard does not read: its "
            "settings belong under [tool.seamguard]",
            file=str(pyproject), line=line, pointer=written,
            hint=f"did you mean [tool.seamguard]? Rename [{written}] and each "
                 f"[{written}.…] table below it")


def _with_nul(value: Any, path: tuple[str, ...] = ()) -> tuple[str, ...] | None:
    """The path of the first string (value or key) holding a NUL character."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else ()
    for key, item in items:
        here = (*path, str(key))
        if "\x00" in here[-1]:
            return here
        found = _with_nul(item, here)
        if found is not None:
            return found
    return None


def _validate(table: dict[str, Any], pyproject: Path) -> Settings:
    nul = _with_nul(table)
    if nul is not None:
        # No file name, URL, header or variable name holds one: an editor or a tool wrote it.
        raise SettingsError(
            "a setting holds a NUL character (\\u0000), which no path, name or URL can",
            file=str(pyproject), line=_line_of(pyproject, ".".join(nul)),
            pointer=".".join(["tool", "seamguard", *nul]),
            hint="remove the \\u0000 escape (or the raw NUL byte) from this value")
    _check_receiver_urls(table, pyproject)
    try:
        return Settings.model_validate(table)
    except ValidationError as exc:
        problem = first_problem(exc, table, aliases={"db_schema": "schema",
                                                      "json_body": "json"})
        loc = [str(part) for part in problem.path]
        hint: str | None = ("see the list of settings in README.md (or `seamguard init` for "
                            "a starting pyproject.toml) for what each setting takes")
        if "wire" in loc[:3]:  # platforms.<name>.wire…: a wire profile's key
            hint = ("see \"Every key of a wire profile\" in docs/gateway-platforms.md for what "
                    "each key takes, or a built-in profile in src/seamguard/wire/profiles/")
        if problem.kind == "extra_forbidden":
            hint = _enclosing_table(loc)
            if hint is None:
                fields = _fields_at(loc[:-1])
                close = nearest(loc[-1], fields)
                hint = f"did you mean {close!r}?" if close else f"known: {', '.join(fields)}"
        raise SettingsError(
            problem.counted(problem.message.replace("key", "setting", 1)
                            if problem.kind in ("extra_forbidden", "missing")
                            else problem.message),
            file=str(pyproject),
            line=_line_of(pyproject, ".".join(loc)),
            pointer=".".join(["tool", "seamguard", *map(str, problem.shown_path)]),
            hint=hint,
        ) from None


def _check_receiver_urls(table: dict[str, Any], pyproject: Path) -> None:
    """A key of ``webhook_urls`` is a receiver's URL. Any other key is refused, since one is
    most often a setting TOML put into this table because it was written below its header
    (``baseline = "..."`` or ``auth = {...}`` appended at the end of the file): a string there
    would be taken silently as a URL."""
    platforms = table.get("platforms")
    if not isinstance(platforms, dict):
        return
    for name, platform in platforms.items():
        urls = platform.get("webhook_urls") if isinstance(platform, dict) else None
        if not isinstance(urls, dict):
            continue
        for key in urls:
            if "://" in str(key):
                continue
            loc = ["platforms", str(name), "webhook_urls", str(key)]
            raise SettingsError(
                f"{key!r} in webhook_urls is not a receiver's URL",
                file=str(pyproject), line=_line_of(pyproject, ".".join(loc)),
                pointer=".".join(["tool", "seamguard", *loc]),
                hint=_enclosing_table(loc) or (
                    "each key is the full URL deliveries are posted to, each value the "
                    'webhook it receives: "https://hooks.example.com/orders" = "orderPaid"'))


def _enclosing_table(loc: list[str]) -> str | None:
    """A hint when an unknown key is a setting of an enclosing table: in TOML a key written
    below ``[tool.seamguard.platforms.shop]`` belongs to that table, however it was meant."""
    for depth in range(len(loc) - 2, -1, -1):
        if loc[-1] in _fields_at(loc[:depth]):
            owner = ".".join(["tool", "seamguard", *loc[:depth]])
            here = ".".join(["tool", "seamguard", *loc[:-1]])
            return (f"{loc[-1]!r} is a setting of [{owner}]: move it up, under that header "
                    f"and above [{here}]")
    return None


def _fields_at(loc: list[str]) -> list[str]:
    """The keys a settings table at ``loc`` takes (for "did you mean")."""
    return known_keys(Settings, loc)


def line_of_setting(pyproject: Path, dotted: str) -> int | None:
    """The line of ``[tool.seamguard.<dotted>]`` (or its key) in pyproject.toml, if found."""
    return _line_of(pyproject, dotted)


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = re.compile(r"\"([^\"]*)\"|'([^']*)'|([^.\"'\s]+)")


def _key_parts(text: str) -> tuple[str, ...]:
    return tuple(next(group for group in match.groups() if group is not None)
                 for match in _KEY_PART.finditer(text))


def _line_of(pyproject: Path, dotted: str) -> int | None:
    """Best-effort line of ``tool.seamguard.<dotted>`` in pyproject.toml (TOML parsers keep no
    positions): the deepest table header on the path, then the key inside that table."""
    try:
        lines = read_text(pyproject).split("\n")  # TOML lines end at "\n" only
    except SeamguardError:
        return None
    headers: dict[tuple[str, ...], int] = {}
    for number, text in enumerate(lines, start=1):
        match = _HEADER.match(text)
        if match:
            headers.setdefault(_key_parts(match.group(1)), number)
    parts = tuple(dotted.split(".")) if dotted else ()
    for size in range(len(parts), -1, -1):
        start = headers.get(("tool", "seamguard", *parts[:size]))
        if start is None:
            continue
        if size == len(parts):
            return start
        key = re.compile(rf"^\s*[\"']?{re.escape(parts[size])}[\"']?\s*[=.]")
        for number in range(start + 1, len(lines) + 1):
            if _HEADER.match(lines[number - 1]):
                break
            if key.match(lines[number - 1]):
                return number
        return start
    return None
