"""contract diff's lifecycle rules: ``x-stability-level`` on operations and properties,
deprecation with ``x-sunset`` and a deprecation period, removal before the sunset, a sunset
dropped or moved closer, and a breaking change held against ``info.version``.

Every pair is a small carrier API written here; the day sunsets are judged against is fixed."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.contracts.diff import Change, diff_contracts, load_spec
from seamguard.contracts.diff_lifecycle import LifecyclePolicy
from tests.support.spec_diff import diff_docs

Doc = dict[str, Any]
TODAY = date(2026, 3, 1)


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def api(version: str = "1.0.0") -> Doc:
    """GET /waybills/{no} (a query parameter `lang`, a response with `status` and `weight`) and
    POST /waybills."""
    waybill = {"type": "object", "properties": {"status": {"type": "string"},
                                                "weight": {"type": "number"}}}
    return {"openapi": "3.0.3", "info": {"title": "carrier", "version": version}, "paths": {
        "/waybills/{no}": {"get": {
            "parameters": [{"name": "no", "in": "path", "required": True,
                            "schema": {"type": "string"}},
                           {"name": "lang", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "the waybill", "content": {
                "application/json": {"schema": waybill}}}}}},
        "/waybills": {"post": {"responses": {"201": {"description": "created"}}}}}}


def get(doc: Doc) -> Doc:
    return doc["paths"]["/waybills/{no}"]["get"]


def run(tmp_path: Path, base: Doc, revision: Doc, **policy: Any) -> list[Change]:
    return diff_docs(tmp_path, base, revision, platform="carrier",
                     policy=LifecyclePolicy(today=TODAY, **policy))


def found(changes: list[Change]) -> set[tuple[str, str]]:
    return {(c.id, c.level) for c in changes}


def changed(edit: Any, base: Doc | None = None) -> tuple[Doc, Doc]:
    old = base or api()
    new = copy.deepcopy(old)
    edit(new)
    return old, new


# -- stability ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after", "expected"), [
    (None, "beta", {("api-stability-decreased", "error")}),
    ("stable", "draft", {("api-stability-decreased", "error")}),
    ("beta", "stable", {("api-stability-increased", "info")}),
    ("alpha", "beta", set()),  # alpha is below the threshold: its moves are its own
    ("beta", "gamma", {("api-invalid-stability-level", "error")}),
])
def test_operation_stability(tmp_path: Path, before: str | None, after: str,
                             expected: set[tuple[str, str]]) -> None:
    base = api()
    if before:
        get(base)["x-stability-level"] = before
    old, new = changed(lambda d: get(d).__setitem__("x-stability-level", after), base)
    assert found(run(tmp_path, old, new)) == expected


def add_required_param(doc: Doc) -> None:
    get(doc)["parameters"].append({"name": "account", "in": "query", "required": True,
                                   "schema": {"type": "string"}})


@pytest.mark.parametrize(("stability", "threshold", "level"), [
    ("alpha", "beta", "info"), ("draft", "beta", "info"), ("beta", "beta", "error"),
    (None, "beta", "error"), ("alpha", "draft", "error"), ("beta", "stable", "info"),
])
def test_breaking_changes_below_the_stability_threshold_are_allowed(
        tmp_path: Path, stability: str | None, threshold: str, level: str) -> None:
    base = api()
    if stability:
        get(base)["x-stability-level"] = stability
    old, new = changed(add_required_param, base)
    changes = run(tmp_path, old, new, stability_level=threshold)
    assert found(changes) == {("new-required-request-parameter", level)}
    assert ("allowed: the operation is" in changes[0].message) == (level == "info")


def test_removing_an_alpha_operation_is_allowed(tmp_path: Path) -> None:
    base = api()
    get(base)["x-stability-level"] = "alpha"
    old, new = changed(lambda d: d["paths"].pop("/waybills/{no}"), base)
    assert found(run(tmp_path, old, new)) == {("api-path-removed-without-deprecation", "info")}


def test_property_stability(tmp_path: Path) -> None:
    def edit(level: str) -> Any:
        def apply(doc: Doc) -> None:
            schema = get(doc)["responses"]["200"]["content"]["application/json"]["schema"]
            schema["properties"]["weight"]["x-stability-level"] = level
        return apply

    old, beta = changed(edit("beta"))
    assert found(run(tmp_path, old, beta)) == {("response-property-stability-decreased", "error")}
    _, stable = changed(edit("stable"))
    assert found(run(tmp_path, beta, stable)) == {("response-property-stability-increased",
                                                    "info")}
    old, new = changed(edit("frozen"))
    assert found(run(tmp_path, old, new)) == {("api-invalid-stability-level", "error")}


# -- deprecation and sunset --------------------------------------------------------------------


def deprecate(sunset: Any = None, stability: str | None = None) -> Any:
    def apply(doc: Doc) -> None:
        get(doc)["deprecated"] = True
        if sunset is not None:
            get(doc)["x-sunset"] = sunset
        if stability:
            get(doc)["x-stability-level"] = stability
    return apply


@pytest.mark.parametrize(("sunset", "days", "expected"), [
    (None, 0, "endpoint-deprecated"),
    (None, 30, "api-deprecated-sunset-missing"),
    (day(10), 30, "api-sunset-date-too-small"),
    (day(90), 30, "endpoint-deprecated-with-sunset"),
    (f"{day(90)}T00:00:00Z", 30, "endpoint-deprecated-with-sunset"),
    ("next spring", 0, "api-deprecated-sunset-parse"),
])
def test_an_operation_deprecated(tmp_path: Path, sunset: str | None, days: int,
                                 expected: str) -> None:
    old, new = changed(deprecate(sunset))
    changes = run(tmp_path, old, new, deprecation_days_stable=days)
    assert [c.id for c in changes] == [expected]
    assert changes[0].level == ("info" if expected.startswith("endpoint") else "error")


def test_the_deprecation_period_follows_the_operation_stability(tmp_path: Path) -> None:
    base = api()
    get(base)["x-stability-level"] = "beta"
    old, new = changed(deprecate(day(10)), base)
    periods = {"deprecation_days_beta": 5, "deprecation_days_stable": 60}
    assert [c.id for c in run(tmp_path, old, new, **periods)] == [
        "endpoint-deprecated-with-sunset"]
    old, new = changed(deprecate(day(10)))
    assert [c.id for c in run(tmp_path, old, new, **periods)] == ["api-sunset-date-too-small"]


@pytest.mark.parametrize(("sunset", "path_kept", "expected"), [
    (day(30), False, ("api-path-removed-before-sunset", "error")),
    (day(30), True, ("api-removed-before-sunset", "error")),
    (day(-1), False, ("api-path-removed-with-deprecation", "info")),
    (None, True, ("api-removed-with-deprecation", "info")),
    ("soon", False, ("api-path-sunset-parse", "error")),
])
def test_removing_a_deprecated_operation(tmp_path: Path, sunset: str | None, path_kept: bool,
                                         expected: tuple[str, str]) -> None:
    old, _ = changed(lambda d: None)
    deprecate(sunset)(old)
    new = copy.deepcopy(old)
    if path_kept:
        new["paths"]["/waybills/{no}"]["delete"] = {"responses": {"204": {"description": "ok"}}}
    del new["paths"]["/waybills/{no}"]["get"]
    changes = [c for c in run(tmp_path, old, new) if c.id != "endpoint-added"]
    assert found(changes) == {expected}


@pytest.mark.parametrize(("after", "days", "expected"), [
    (None, 0, {("sunset-deleted", "error")}),
    (day(20), 30, {("api-sunset-date-changed-too-small", "error")}),
    (day(20), 0, set()),  # moved closer, but no period asked for
    (day(200), 30, set()),  # moved further away
])
def test_a_sunset_moved(tmp_path: Path, after: str | None, days: int,
                        expected: set[tuple[str, str]]) -> None:
    old = api()
    deprecate(day(120))(old)
    new = copy.deepcopy(old)
    if after is None:
        del get(new)["x-sunset"]
    else:
        get(new)["x-sunset"] = after
    assert found(run(tmp_path, old, new, deprecation_days_stable=days)) == expected


def lang(doc: Doc) -> Doc:
    return next(p for p in get(doc)["parameters"] if p["name"] == "lang")


def test_parameter_deprecation_sunset_and_removal(tmp_path: Path) -> None:
    old, new = changed(lambda d: lang(d).update(deprecated=True))
    assert found(run(tmp_path, old, new, deprecation_days_stable=30)) == {
        ("request-parameter-deprecated-sunset-missing", "error")}
    assert found(run(tmp_path, old, new)) == {("request-parameter-deprecated", "info")}
    old, new = changed(lambda d: lang(d).update({"deprecated": True, "x-sunset": day(5)}))
    assert found(run(tmp_path, old, new, deprecation_days_stable=30)) == {
        ("request-parameter-sunset-date-too-small", "error")}
    # removed while its sunset is ahead; then after it
    gone = copy.deepcopy(new)
    get(gone)["parameters"] = [p for p in get(gone)["parameters"] if p["name"] != "lang"]
    assert found(run(tmp_path, new, gone)) == {("request-parameter-removed-before-sunset",
                                                "error")}
    lang(new)["x-sunset"] = day(-3)
    assert found(run(tmp_path, new, gone)) == {("request-parameter-removed-with-deprecation",
                                                "info")}
    dropped = copy.deepcopy(new)
    del lang(dropped)["x-sunset"]
    assert found(run(tmp_path, new, dropped)) == {("request-parameter-sunset-deleted", "error")}


@pytest.mark.parametrize(("sunset", "days", "expected"), [
    (None, 0, ("response-property-deprecated", "info")),
    (None, 30, ("response-property-deprecated-sunset-missing", "error")),
    (day(3), 30, ("response-property-sunset-date-too-small", "error")),
    (day(60), 30, ("response-property-deprecated-with-sunset", "info")),
    ("2026-13-45", 0, ("response-property-deprecated-sunset-invalid", "error")),
])
def test_a_property_deprecated(tmp_path: Path, sunset: str | None, days: int,
                               expected: tuple[str, str]) -> None:
    def apply(doc: Doc) -> None:
        schema = get(doc)["responses"]["200"]["content"]["application/json"]["schema"]
        schema["properties"]["weight"]["deprecated"] = True
        if sunset is not None:
            schema["properties"]["weight"]["x-sunset"] = sunset

    old, new = changed(apply)
    assert found(run(tmp_path, old, new, deprecation_days_stable=days)) == {expected}


def test_an_unquoted_yaml_sunset_is_a_date(tmp_path: Path) -> None:
    text = """openapi: 3.0.3
info: {title: carrier, version: "1"}
paths:
  /waybills/{no}:
    get:
      DEPRECATION
      parameters: [{name: no, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
"""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(text.replace("DEPRECATION", "deprecated: false"), encoding="utf-8")
    new.write_text(text.replace("DEPRECATION", f"deprecated: true\n      x-sunset: {day(3)}"),
                   encoding="utf-8")
    sides = [load_spec(p, platform="carrier", version=p.stem) for p in (old, new)]
    changes = diff_contracts(*sides, policy=LifecyclePolicy(today=TODAY,
                                                            deprecation_days_stable=30))
    assert found(changes) == {("api-sunset-date-too-small", "error")}
    assert day(3) in changes[0].message


# -- info.version ------------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after", "expected"), [
    ("1.2.0", "1.2.0", "api-version-not-bumped"),
    ("1.2.0", "1.1.9", "api-version-decreased"),
    ("1.2.0", "1.3.0", "api-major-version-not-bumped"),
    ("0.4.1", "0.4.2", "api-major-version-not-bumped"),
    ("1.2.0", "2.0.0", None),
    ("0.4.1", "0.5.0", None),
    ("2024-01", "2024-01", None),  # no semver: not judged
])
def test_a_breaking_change_is_held_against_info_version(
        tmp_path: Path, before: str, after: str, expected: str | None) -> None:
    old, new = api(before), api(after)
    add_required_param(new)
    policy_ids = {c.id for c in run(tmp_path, old, new, versioning=True)
                  if c.id.startswith("api-")}
    assert policy_ids == ({expected} if expected else set())
    # off by default; and without a breaking change the version is not judged
    assert not {c.id for c in run(tmp_path, old, new) if c.id.startswith("api-")}
    assert not {c.id for c in run(tmp_path, api(before), api(after), versioning=True)
                if c.id.startswith("api-")}


def test_cli_takes_the_deprecation_period_and_stability_threshold(tmp_path: Path) -> None:
    base = api()
    get(base)["x-stability-level"] = "beta"
    old, new = changed(deprecate(), base)
    add_required_param(new)
    files = []
    for name, doc in (("old", old), ("new", new)):
        files.append(tmp_path / f"{name}.json")
        files[-1].write_text(json.dumps(doc), encoding="utf-8")
    args = ["contract", "diff", str(files[0]), str(files[1]), "-f", "json"]
    result = CliRunner().invoke(app, args)
    ids = {c["id"]: c["level"] for c in json.loads(result.output)["changes"]}
    assert result.exit_code == 1
    assert ids["endpoint-deprecated"] == "info"
    result = CliRunner().invoke(app, [*args, "--deprecation-days-beta", "30"])
    ids = {c["id"]: c["level"] for c in json.loads(result.output)["changes"]}
    assert ids["api-deprecated-sunset-missing"] == "error"
    # a beta operation below a stable threshold may change at will
    result = CliRunner().invoke(app, [*args, "--deprecation-days-beta", "30",
                                      "--stability-level", "stable"])
    ids = {c["id"]: c["level"] for c in json.loads(result.output)["changes"]}
    assert ids == {"api-deprecated-sunset-missing": "info",
                   "new-required-request-parameter": "info"}
    assert result.exit_code == 0
    result = CliRunner().invoke(app, [*args, "--versioning"])
    ids = {c["id"]: c["level"] for c in json.loads(result.output)["changes"]}
    assert ids["api-version-not-bumped"] == "info"
    result = CliRunner().invoke(app, [*args, "--stability-level", "gamma"])
    assert result.exit_code == 2
