"""`seamguard init` gives each adopted platform without a usable server its own local
placeholder base URL, so two platforms' recordings never share one."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from seamguard.project import find_project
from seamguard.scaffold import adopt_new_platforms, create_project

HEALTH = {"openapi": "3.1.0", "info": {"title": "X", "version": "1"},
          "paths": {"/health": {"get": {"responses": {"200": {"description": "ok"}}}}}}


def _contract(root: Path, platform: str, version: str, servers: list[str] | None = None) -> None:
    folder = root / "contracts" / platform / version
    folder.mkdir(parents=True)
    document = {**HEALTH, **({"servers": [{"url": s} for s in servers]} if servers else {})}
    (folder / "openapi.json").write_text(json.dumps(document), encoding="utf-8")


def _bases(root: Path) -> dict[str, str]:
    settings = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return {name: table["base_url"]
            for name, table in settings["tool"]["seamguard"]["platforms"].items()}


def test_each_placeholder_is_its_own_port(tmp_path: Path) -> None:
    _contract(tmp_path, "a", "v1")
    _contract(tmp_path, "b", "v1")
    _contract(tmp_path, "c", "v2", ["/api/v2"])
    _contract(tmp_path, "d", "v1", ["https://api.d.example.com/v1"])
    create_project(tmp_path)
    assert _bases(tmp_path) == {
        "a": "http://127.0.0.1:8000", "b": "http://127.0.0.1:8001",
        "c": "http://127.0.0.1:8002/api/{version}", "d": "https://api.d.example.com/{version}"}
    find_project(tmp_path)  # the settings load


def test_a_later_adoption_takes_a_port_no_platform_has(tmp_path: Path) -> None:
    _contract(tmp_path, "a", "v1")
    create_project(tmp_path)
    _contract(tmp_path, "b", "v1")
    assert adopt_new_platforms(tmp_path) == ["b"]
    assert _bases(tmp_path) == {"a": "http://127.0.0.1:8000", "b": "http://127.0.0.1:8001"}
