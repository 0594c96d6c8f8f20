"""`contract diff --match-path / --unmatch-path / --filter-extension`, as oasdiff filters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()


def _get(**extra: Any) -> dict[str, Any]:
    return {"responses": {"200": {"description": "ok"}}, **extra}


@pytest.fixture
def sides(tmp_path: Path) -> tuple[str, str]:
    base = {"/orders": {"get": _get()}, "/beta/things": {"get": _get()},
            "/items": {"get": _get(), "post": _get()},
            "/legacy": {"x-internal": True, "get": _get()},
            "/kept": {"get": _get()}}
    revision = {"/kept": {"get": _get()},
                "/items": {"get": _get(**{"x-beta": True}), "post": _get()}}
    paths = []
    for name, doc in (("base", base), ("revision", revision)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                                    "paths": doc}), encoding="utf-8")
        paths.append(str(path))
    return paths[0], paths[1]


def _removed(sides: tuple[str, str], *options: str) -> set[str]:
    result = runner.invoke(app, ["contract", "diff", *sides, "-f", "json", *options])
    assert result.exit_code in (0, 1), result.output
    changes = json.loads(result.output)["changes"]
    return {op for change in changes for op in change["operations"]}


@pytest.mark.parametrize(("options", "reported"), [
    ((), {"GET /orders", "GET /beta/things", "GET /legacy"}),
    (("--match-path", "^/beta"), {"GET /beta/things"}),
    (("--match-path", "s$"), {"GET /orders", "GET /beta/things"}),  # a search, unanchored
    (("--unmatch-path", "beta"), {"GET /orders", "GET /legacy"}),
    # each side filtered on its own: the revision's x-beta operation is gone from it
    (("--filter-extension", "x-beta"),
     {"GET /orders", "GET /beta/things", "GET /legacy", "GET /items"}),
    (("--filter-extension", "internal"), {"GET /orders", "GET /beta/things"}),  # path item
    (("--match-path", "^/(orders|legacy)", "--filter-extension", "internal"), {"GET /orders"}),
])
def test_paths_are_filtered_before_the_comparison_as_oasdiff_does(
        sides: tuple[str, str], options: tuple[str, ...], reported: set[str]) -> None:
    assert _removed(sides, *options) == reported


def test_a_filter_that_is_no_regex_is_a_usage_error_naming_the_option(
        sides: tuple[str, str]) -> None:
    result = runner.invoke(app, ["contract", "diff", *sides, "--match-path", "(orders"])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "--match-path '(orders' is not a regular expression" in text


def test_path_parameter_names_pair_operations_only_when_asked(tmp_path: Path) -> None:
    sides = []
    for name, template in (("base", "/pets/{id}"), ("revision", "/pets/{petId}")):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                                    "paths": {template: {"get": _get()}}}), encoding="utf-8")
        sides.append(str(path))

    def changes(*options: str) -> set[tuple[str, str]]:
        result = runner.invoke(app, ["contract", "diff", *sides, "-f", "json", *options])
        assert result.exit_code in (0, 1), result.output
        return {(c["id"], op) for c in json.loads(result.output)["changes"]
                for op in c["operations"]}

    assert not any(rule.endswith(("removed-without-deprecation", "added"))
                   for rule, _ in changes())
    assert changes("--include-path-params") == {
        ("api-path-removed-without-deprecation", "GET /pets/{id}"),
        ("endpoint-added", "GET /pets/{petId}")}
