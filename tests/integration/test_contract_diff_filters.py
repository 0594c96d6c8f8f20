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


def test_prefixes_are_stripped_and_added_per_side(tmp_path: Path) -> None:
    sides = []
    for name, paths in (("base", {"/v1/orders": {"get": _get()}, "/v1/gone": {"get": _get()}}),
                        ("revision", {"/api/v1/orders": {"get": _get()}})):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                                    "paths": paths}), encoding="utf-8")
        sides.append(str(path))
    pair = (sides[0], sides[1])
    assert _removed(pair) == {"GET /v1/orders", "GET /v1/gone", "GET /api/v1/orders"}
    assert _removed(pair, "--prefix-base", "/api") == {"GET /api/v1/gone"}
    assert _removed(pair, "--strip-prefix-revision", "/api") == {"GET /v1/gone"}
    # the filters read each side's paths as its file writes them, before any prefix: the
    # revision's /api/v1/orders does not match, the base's /v1/orders does
    assert _removed(pair, "--prefix-base", "/api", "--match-path", "^/v1/o") == {
        "GET /api/v1/orders"}


@pytest.mark.parametrize(("short", "long"), [("-o", "--fail-on"), ("-q", "--unmatch-path")])
def test_oasdiffs_short_options_mean_what_they_mean_there(sides: tuple[str, str], short: str,
                                                          long: str) -> None:
    value = "WARN" if long == "--fail-on" else "beta"
    results = [runner.invoke(app, ["contract", "diff", *sides, "-f", "json", flag, value])
               for flag in (short, long)]
    assert results[0].exit_code == results[1].exit_code == 1
    assert results[0].output == results[1].output


def test_oasdiffs_p_is_said_to_be_match_path_here(sides: tuple[str, str]) -> None:
    result = runner.invoke(app, ["contract", "diff", *sides, "-p", "^/beta"])
    assert result.exit_code == 2
    assert "oasdiff's -p REGEX is --match-path REGEX" in " ".join(result.output.split())
