"""``seamguard init``: lay out a new project that passes ``seamguard check`` from the start."""

from __future__ import annotations

import os
from pathlib import Path

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


def create_project(directory: Path) -> list[Path]:
    """Create the standard layout in ``directory``; refuse to overwrite an existing project."""
    directory = Path(os.path.abspath(directory))
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} is a file, not a folder", file=str(directory),
                         hint="give seamguard init a new or empty folder")
    pyproject = directory / "pyproject.toml"
    if pyproject.exists():
        raise UsageError(
            "a pyproject.toml already exists here; seamguard init only creates new projects",
            file=str(pyproject),
            hint="add a [tool.seamguard] table to it by hand (see the README), or pick an "
                 "empty folder",
        )
    clashes = [name for name in FILES if (directory / name).exists()]
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
    name = directory.name.replace(" ", "-").lower() or "integration"
    for relative, text in {"pyproject.toml": PYPROJECT.format(name=name), **FILES}.items():
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


def _ignore_pseudonym_key(directory: Path) -> list[Path]:
    """The pseudonym key (``.seamguard/pseudonym.key``, docs/privacy.md) stays out of git."""
    ignore = directory / ".gitignore"
    existing = ignore.read_text(encoding="utf-8") if ignore.is_file() else ""
    if ".seamguard/" in existing.splitlines():
        return []
    separator = "" if not existing or existing.endswith("\n") else "\n"
    ignore.write_text(f"{existing}{separator}# seamguard's pseudonym key\n.seamguard/\n",
                      encoding="utf-8")
    return [] if existing else [ignore]
