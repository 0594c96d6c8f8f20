"""``seamguard init``: lay out a new project that passes ``seamguard check`` from the start."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from seamguard.errors import UsageError

__all__ = ["create_project"]

PYPROJECT = '''[project]
name = "{name}"
version = "0.1.0"
requires-python = ">=3.11"

[tool.seamguard]
contracts = "contracts"
cassettes = "fixtures/cassettes"
reports = "reports"
fail_on = "error"

# One table per platform the integration talks to. The contract of each version lives in
# contracts/<platform>/<version>/openapi.yaml; {{version}} in base_url is read from recorded URLs.
[tool.seamguard.platforms.example]
title = "Example platform"
versions = ["v1"]
base_url = "https://api.example.com/{{version}}"
auth = {{ header = "Authorization", scheme = "Bearer", env = "EXAMPLE_API_TOKEN" }}
'''

CONTRACT = """openapi: 3.1.0
info:
  title: Example platform
  version: v1
servers:
  - url: https://api.example.com/v1
paths:
  /orders/{order_id}:
    get:
      operationId: getOrder
      parameters:
        - {name: order_id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: The order.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Order"}
        "404":
          description: No such order.
components:
  schemas:
    Order:
      type: object
      required: [id, status, total]
      properties:
        id: {type: string}
        status: {type: string, enum: [open, paid, cancelled]}
        total: {type: string, pattern: "^[0-9]+\\\\.[0-9]{2}$"}
        updated_at: {type: string, format: date-time}
"""

FILES = {
    "contracts/example/v1/openapi.yaml": CONTRACT,
    "contracts/mappings/.gitkeep": "",
    "suites/.gitkeep": "",
    "fixtures/cassettes/.gitkeep": "",
    "fixtures/datasets/.gitkeep": "",
    "reports/.gitignore": "*\n!.gitignore\n",
}


PLATFORM = """
[tool.seamguard.platforms.{key}]
title = {title}
versions = [{versions}]
base_url = {base_url}{note}
"""


def project_name(folder: str) -> str:
    """A Python project name (PEP 508: letters, digits, ``.``, ``_``, ``-``) from a folder's
    name: whatever else it holds (quotes, spaces, CJK, bytes that are not UTF-8) becomes ``-``,
    so the settings written always parse."""
    name = re.sub(r"[^a-z0-9._-]+", "-", folder.lower()).strip("-._")
    return name or "integration"


def create_project(directory: Path) -> list[Path]:
    """Create the standard layout in ``directory``; refuse to overwrite an existing project.

    A folder that already holds ``contracts/<platform>/<version>/openapi.*`` is adopted: its
    platforms and versions come from those folders and each base URL from the newest version's
    ``servers``, and no example platform is added. An existing ``pyproject.toml`` without a
    ``[tool.seamguard]`` table gets one appended.
    """
    directory = Path(os.path.abspath(directory))
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} is a file, not a folder", file=str(directory),
                         hint="give seamguard init a new or empty folder")
    pyproject = directory / "pyproject.toml"
    existing = None
    if pyproject.exists() or pyproject.is_symlink():
        from seamguard.documents import read_text
        from seamguard.errors import DocumentError

        try:
            existing = read_text(pyproject)
        except DocumentError as exc:
            raise UsageError(f"cannot read the existing pyproject.toml: {exc.message}",
                             file=str(pyproject), line=exc.line, hint=exc.hint) from None
    if existing is not None and _has_table(existing):
        raise AlreadyAProject(
            "this folder already is a seamguard project ([tool.seamguard] in pyproject.toml)",
            file=str(pyproject), hint="edit its settings instead (see the README); here `seamguard "
            "init` only adds the contracts/<platform>/ folders no platform declares yet, and "
            "there is none")
    _gitignore(directory)  # before anything is written: init either completes or changes nothing
    adopted = _existing_platforms(directory / "contracts")
    files = dict(FILES)
    if adopted:
        files.pop("contracts/example/v1/openapi.yaml")
    files = {name: text for name, text in files.items()
             if not (name.endswith(".gitkeep") and (directory / name).parent.is_dir())}
    clashes = [name for name in files if (directory / name).exists()]
    if clashes:
        raise UsageError(
            f"{clashes[0]} already exists; seamguard init does not overwrite files",
            file=str(directory / clashes[0]), hint="run it in an empty folder",
        )
    blocking = [parent for parent in directory.parents if parent.exists()][:1]
    if blocking and not blocking[0].is_dir():
        raise UsageError(f"{blocking[0]} is a file, so {directory} cannot be created",
                         file=str(blocking[0]), hint="choose a folder path")
    created: list[Path] = []
    name = project_name(directory.name)
    settings = PYPROJECT.format(name=name)
    if adopted:
        settings = settings[:settings.index("# One table per platform")] + (
            "# Adopted from contracts/: one table per platform folder, versions from its "
            "sub-folders,\n# base_url from the newest version's `servers`.\n"
            + "".join(adopted))
    if existing is not None:
        settings = existing.rstrip("\n") + "\n\n" + settings[settings.index("[tool.seamguard]"):]
    for relative, text in {"pyproject.toml": settings, **files}.items():
        path = directory / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(
                f"cannot create {path}: {exc.strerror or exc}", file=str(path),
                hint="check that the folder is writable"
                     + (f" (created so far: {len(created)} files)" if created else ""),
            ) from None
        created.append(path)
    created.extend(_ignore_pseudonym_key(directory))
    return created


def _gitignore(directory: Path) -> str:
    """The folder's .gitignore ("" when there is none); one that is a folder, a pipe or not
    UTF-8 is a usage error naming it, never a crash or a wait."""
    ignore = directory / ".gitignore"
    if not (ignore.exists() or ignore.is_symlink()):
        return ""
    from seamguard.documents import read_text

    return read_text(ignore, display=str(ignore))


def _ignore_pseudonym_key(directory: Path) -> list[Path]:
    """The pseudonym key (``.seamguard/pseudonym.key``, docs/privacy.md) stays out of git."""
    ignore = directory / ".gitignore"
    existing = _gitignore(directory)
    if ".seamguard/" in existing.splitlines():
        return []
    separator = "" if not existing or existing.endswith("\n") else "\n"
    ignore.write_text(f"{existing}{separator}# seamguard's pseudonym key\n.seamguard/\n",
                      encoding="utf-8")
    return [] if existing else [ignore]


def _has_table(text: str) -> bool:
    import tomllib

    try:
        tool = tomllib.loads(text).get("tool", {})
    except (tomllib.TOMLDecodeError, RecursionError):
        return False
    return isinstance(tool, dict) and "seamguard" in tool


class AlreadyAProject(UsageError):
    """``init`` in a folder whose pyproject.toml already has ``[tool.seamguard]``."""


def adopt_new_platforms(directory: Path) -> list[str]:
    """In an existing project, append a settings table for each ``contracts/<platform>/``
    folder that no platform declares yet (added after ``init``, which a user expects ``check``
    to see); the names adopted, [] when there is none."""
    import tomllib

    directory = Path(os.path.abspath(directory))
    pyproject = directory / "pyproject.toml"
    from seamguard.documents import read_text

    text = read_text(pyproject)
    try:
        tool = tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return []  # the settings do not load: loading them says where
    platforms = tool.get("seamguard", {}).get("platforms", {}) if isinstance(tool, dict) else {}
    declared = set(platforms) if isinstance(platforms, dict) else set()
    contracts = tool.get("seamguard", {}).get("contracts", "contracts")
    folder = directory / (contracts if isinstance(contracts, str) else "contracts")
    taken = {str(p["base_url"]) for p in platforms.values()
             if isinstance(p, dict) and "base_url" in p} if isinstance(platforms, dict) else set()
    new = [(name, table) for name, table in _existing_platforms(
        folder, named=True, skip=declared, taken=taken)]
    if not new:
        return []
    pyproject.write_text(text.rstrip("\n") + "\n\n# Adopted from contracts/ by a later "
                         "`seamguard init`.\n" + "".join(table for _, table in new),
                         encoding="utf-8")
    return [name for name, _ in new]


def _existing_platforms(contracts: Path, *, named: bool = False, skip: set[str] | None = None,
                        taken: set[str] | None = None) -> Any:
    """A settings table per ``contracts/<platform>/<version>/`` holding an OpenAPI document
    (with ``named``, each as ``(platform folder, table)``), but those in ``skip``. Each local
    placeholder base URL is one no other platform has (``taken``: those already written), so
    two adopted platforms never share one and their recordings route apart."""

    tables = []
    taken = set(taken or ())
    for folder in sorted(p for p in contracts.glob("*") if p.is_dir() and p.name != "mappings"
                         and p.name not in (skip or ())):
        described = {v.name: _describe(v) for v in sorted(folder.iterdir()) if v.is_dir()}
        # Only folders holding an OpenAPI document are versions (not shared $ref folders).
        versions = [name for name, found in described.items() if found is not None]
        if not versions:
            continue
        title, server = described[versions[-1]] or (None, None)
        base_url, note = _base_url(server, versions[-1], taken)
        taken.add(base_url)
        table = PLATFORM.format(
            key=_toml_key(folder.name), title=_toml_string(title or folder.name),
            versions=", ".join(_toml_string(v) for v in versions),
            base_url=_toml_string(base_url), note=note)
        tables.append((folder.name, table) if named else table)
    return tables


def _describe(folder: Path) -> tuple[str | None, str | None] | None:
    """The title and first server URL of the OpenAPI document in ``folder``; None when the
    folder holds none."""
    from seamguard.documents import load_document
    from seamguard.errors import DocumentError
    from seamguard.project import CONTRACT_SUFFIXES

    candidates = sorted(f for f in folder.iterdir() if f.suffix in CONTRACT_SUFFIXES)
    preferred = [f for f in candidates if f.stem == "openapi"] or candidates
    if not preferred:
        return None
    try:
        document = load_document(preferred[0])
    except DocumentError:
        return None
    if not isinstance(document, dict) or "openapi" not in document:
        return None
    info = document.get("info")
    title = info.get("title") if isinstance(info, dict) else None
    servers = document.get("servers")
    server = None
    if isinstance(servers, list) and servers and isinstance(servers[0], dict):
        url = servers[0].get("url")
        server = url if isinstance(url, str) else None
    return (title if isinstance(title, str) else None), server


def _base_url(server: str | None, version: str, taken: set[str]) -> tuple[str, str]:
    """A base_url from a server URL: the version segment becomes ``{version}``; a relative or
    missing server gets a local placeholder host (port 8000, or the next one no platform in
    ``taken`` has), said in a comment."""
    if not server:
        return _placeholder("", taken), "   # no `servers` in the contract: set the real URL"
    url = server.rstrip("/")
    note = ""
    relative = not url.startswith(("http://", "https://"))
    if relative:
        url, note = ("/" + url.lstrip("/") if url else ""), (
            "   # the contract's server is relative: set the real host")
    parts = url.split("/")
    url = "/".join("{version}" if part == version and (i > 2 or relative) else part
                   for i, part in enumerate(parts))
    return (_placeholder(url, taken) if relative else url), note


def _placeholder(path: str, taken: set[str]) -> str:
    """``http://127.0.0.1:<port><path>`` at the first port from 8000 that no URL in ``taken``
    is at."""
    ports = {int(found.group(1)) for url in taken
             if (found := re.match(r"http://127\.0\.0\.1:([0-9]{1,5})(?![0-9])", url))}
    port = 8000
    while port in ports:
        port += 1
    return f"http://127.0.0.1:{port}{path}"


def _toml_string(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def _toml_key(value: str) -> str:
    import re

    return value if re.fullmatch(r"[A-Za-z0-9_-]+", value) else _toml_string(value)
