"""`contract history` takes `contract diff`'s options: each on its command line, from oasdiff's
settings file (oasdiff.yaml) where the command line does not give it, and refused alike."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from seamguard.cli import app

Change = tuple[str, str, str]  # level, rule id, first operation


def _operation(level: str | None = None, **extra: Any) -> dict[str, Any]:
    operation: dict[str, Any] = {"responses": {"200": {"description": "ok"}}}
    if level:
        operation["x-stability-level"] = level
    operation.update(extra)
    return operation


def _versions() -> tuple[dict[str, Any], dict[str, Any]]:
    """Two versions of a shop API; each option of the diff changes what the step lists."""
    order = {"type": "object", "required": ["id", "total"],
             "properties": {"id": {"type": "integer"}, "total": {"type": "number"}}}
    base = {"openapi": "3.0.3", "info": {"title": "shop", "version": "1.0.0"}, "paths": {
        "/v1/orders/{orderId}": {"get": {
            "parameters": [{"name": "orderId", "in": "path", "required": True,
                            "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": order}}}}}},
        "/v1/stores": {"get": _operation("beta")},
        "/v1/carts": {"get": _operation()},
        "/v1/labs": {"get": _operation("alpha", **{
            "x-internal": True, "parameters": [{"name": "q", "in": "query", "required": False,
                                                "schema": {"type": "string"}}]})},
    }}
    revision = copy.deepcopy(base)
    orders = revision["paths"].pop("/v1/orders/{orderId}")["get"]
    orders["parameters"][0]["name"] = "id"  # the path parameter renamed
    schema = orders["responses"]["200"]["content"]["application/json"]["schema"]
    schema["required"] = ["id"]
    del schema["properties"]["total"]  # a required answer field gone: breaking
    revision["paths"]["/v1/orders/{id}"] = {"get": orders}
    revision["paths"]["/v1/stores"]["get"]["deprecated"] = True  # beta, no x-sunset
    revision["paths"]["/v1/carts"]["get"]["deprecated"] = True  # stable, no x-sunset
    revision["paths"]["/v1/labs"]["get"]["parameters"][0]["required"] = True  # alpha
    return base, revision


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    base, revision = _versions()
    (tmp_path / "v1.yaml").write_text(yaml.safe_dump(base), encoding="utf-8")
    (tmp_path / "v2.yaml").write_text(yaml.safe_dump(revision), encoding="utf-8")
    (tmp_path / "ignore.yaml").write_text(yaml.safe_dump({"ignore": [{
        "id": "response-required-property-removed", "reason": "the sync no longer reads it",
        "expires": "2999-12-31"}]}), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(command: str, *extra: str) -> tuple[int, str, str]:
    sides = ["v1.yaml", "v2.yaml"] if command == "diff" else ["shop", "v1.yaml", "v2.yaml"]
    result = CliRunner().invoke(app, ["contract", command, *sides, *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def _changes(*extra: str) -> set[Change]:
    code, out, err = _run("history", "--format", "json", *extra)
    assert code in (0, 1), out + err
    [step] = json.loads(out)["steps"]
    return {(c["level"], c["id"], (c.get("operations") or [""])[0]) for c in step["changes"]}


def _has(*change: str) -> Callable[[set[Change]], bool]:
    return lambda changes: tuple(change) in changes


def _none_on(path: str) -> Callable[[set[Change]], bool]:
    return lambda changes: all(path not in operation for _, _, operation in changes)


def _only_errors(changes: set[Change]) -> bool:
    return bool(changes) and all(level == "error" for level, _, _ in changes)


# option on the command line; its oasdiff.yaml line (None: oasdiff has no such key); the
# option given its default on the command line (None: a flag); what the option makes true
OPTIONS: list[tuple[list[str], str | None, list[str] | None, Callable[[set[Change]], bool]]] = [
    (["--match-path", "^/v1/labs"], "match-path: ^/v1/labs", ["--match-path", "."],
     lambda changes: bool(changes) and not any("/labs" not in o for _, _, o in changes)),
    (["--unmatch-path", "^/v1/orders"], "unmatch-path: ^/v1/orders",
     ["--unmatch-path", "^/nothing"], _none_on("/orders")),
    (["-q", "^/v1/orders"], "unmatch-path: ^/v1/orders", ["-q", "^/nothing"],
     _none_on("/orders")),
    (["--filter-extension", "x-internal"], "filter-extension: x-internal",
     ["--filter-extension", "x-nothing"], _none_on("/labs")),
    (["--include-path-params"], "include-path-params: true", None,
     _has("info", "endpoint-added", "GET /v1/orders/{id}")),
    (["--prefix-base", "/api"], "prefix-base: /api", ["--prefix-base", ""],
     _has("info", "endpoint-added", "GET /v1/carts")),
    (["--prefix-revision", "/v2"], "prefix-revision: /v2", ["--prefix-revision", ""],
     _has("info", "endpoint-added", "GET /v2/v1/carts")),
    (["--strip-prefix-base", "/v1"], "strip-prefix-base: /v1", ["--strip-prefix-base", ""],
     _has("error", "api-path-removed-without-deprecation", "GET /carts")),
    (["--strip-prefix-revision", "/v1"], "strip-prefix-revision: /v1",
     ["--strip-prefix-revision", ""], _has("info", "endpoint-added", "GET /carts")),
    (["--deprecation-days-beta", "30"], "deprecation-days-beta: 30",
     ["--deprecation-days-beta", "0"],
     _has("error", "api-deprecated-sunset-missing", "GET /v1/stores")),
    (["--deprecation-days-stable", "30"], "deprecation-days-stable: 30",
     ["--deprecation-days-stable", "0"],
     _has("error", "api-deprecated-sunset-missing", "GET /v1/carts")),
    (["--stability-level", "alpha"], "stability-level: alpha", ["--stability-level", "beta"],
     _has("error", "request-parameter-became-required", "GET /v1/labs")),
    (["--level", "ERR"], "level: ERR", ["--level", "INFO"], _only_errors),
    (["--breaking-only"], None, None, _only_errors),
    (["--versioning"], None, None, _has("info", "api-version-not-bumped", "")),
    (["--ignore", "ignore.yaml"], None, None,
     lambda changes: not any(i == "response-required-property-removed" for _, i, _ in changes)),
]
IDS = [option[0][0] for option in OPTIONS]


@pytest.mark.parametrize(("argv", "line", "neutral", "holds"), OPTIONS, ids=IDS)
def test_history_takes_the_option_on_its_command_line(
        here: Path, argv: list[str], line: str | None, neutral: list[str] | None,
        holds: Callable[[set[Change]], bool]) -> None:
    assert not holds(_changes())  # the option changes what is listed
    assert holds(_changes(*argv))


@pytest.mark.parametrize(("argv", "line", "neutral", "holds"),
                         [option for option in OPTIONS if option[1] is not None],
                         ids=[i for i, option in zip(IDS, OPTIONS, strict=True)
                              if option[1] is not None])
def test_the_file_sets_what_the_command_line_does_not_give(
        here: Path, argv: list[str], line: str, neutral: list[str] | None,
        holds: Callable[[set[Change]], bool]) -> None:
    (here / "oasdiff.yaml").write_text(line + "\n", encoding="utf-8")
    assert holds(_changes())
    if neutral is not None:  # the command line wins over the file
        assert not holds(_changes(*neutral))


def test_fail_on_and_its_oasdiff_spelling_set_the_exit_code(here: Path) -> None:
    carts = ("--match-path", "^/v1/carts")  # one info change
    assert _run("history", *carts)[0] == 0  # a changelog exits 0 unless asked
    assert _run("history", *carts, "-o", "INFO")[0] == 1
    assert _run("history", *carts, "--fail-on", "info")[0] == 1
    (here / "oasdiff.yaml").write_text("fail-on: INFO\n", encoding="utf-8")
    assert _run("history", *carts)[0] == 1
    assert _run("history", *carts, "-o", "ERR")[0] == 0


@pytest.mark.parametrize(("line", "said"), [
    ("match-path: '['", "not a regular expression"),
    ("unmatch-path: '(x'", "not a regular expression"),
    ("filter-extension: '*x'", "not a regular expression"),
    ("stability-level: gold", "not one of draft, alpha, beta, stable"),
    ("include-path-params: maybe", "true or false"),
    ("deprecation-days-stable: -1", "a whole number of days"),
    ("level: SEVERE", "not one of error, warning, info"),
    ("prefix-base: [a]", "text"),
])
@pytest.mark.parametrize("command", ["history", "diff"])
def test_a_bad_value_of_the_file_is_named_at_its_line(here: Path, command: str, line: str,
                                                      said: str) -> None:
    (here / "oasdiff.yaml").write_text(f"format: text\n{line}\n", encoding="utf-8")
    code, out, err = _run(command)
    text = " ".join((out + err).split())
    assert code == 2, text
    key = line.split(":")[0]
    assert f"oasdiff.yaml:2: oasdiff.yaml sets {key}:" in text
    assert said in text
    assert f"hint: see seamguard contract {command} --help for --{key}" in text
    assert "Traceback" not in text


@pytest.mark.parametrize(("argv", "said"), [
    (["--match-path", "["], "--match-path '[' is not a regular expression"),
    (["--filter-extension", "(x"], "--filter-extension '(x' is not a regular expression"),
    (["--level", "SEVERE"], "Invalid value for '--level'"),
    (["-o", "SEVERE"], "Invalid value for '--fail-on' / '-o'"),
    (["--deprecation-days-beta", "-3"], "Invalid value for '--deprecation-days-beta'"),
    (["--stability-level", "gold"], "Invalid value for '--stability-level': 'gold' is not "
                                    "one of draft, alpha, beta, stable"),
    (["--format", "html"], "Invalid value for '--format' / '-f': 'html' is not one of text, "
                           "json, markdown, yaml, githubactions"),
])
@pytest.mark.parametrize("command", ["history", "diff"])
def test_a_bad_value_on_the_command_line_names_the_option(here: Path, command: str,
                                                          argv: list[str], said: str) -> None:
    code, out, err = _run(command, *argv)
    text = " ".join((out + err).replace("│", " ").split())
    assert code == 2, text
    assert said in text
    assert "Traceback" not in text


@pytest.mark.parametrize(("option", "said"), [
    ("-p", "did you mean --match-path?"),
    ("--err-ignore", "did you mean --ignore?"),
    ("--fail-on-diff", "did you mean --fail-on?"),
    ("--base", "the versions are the spec's commits in --git DIR"),
    ("--flatten-allof", "always merged"),
    ("--exclude-elements", "never reported"),
    ("--composed", "one contract: the spec file, its path inside --git DIR"),
    ("-n", "did you mean --max?"),
    ("--since", "did you mean --range?"),
])
def test_an_oasdiff_spelling_is_answered_with_the_history_option(here: Path, option: str,
                                                                 said: str) -> None:
    code, out, err = _run("history", option, "x")
    text = " ".join((out + err).replace("│", " ").split())
    assert code == 2, text
    assert said in text


@pytest.mark.parametrize("command", ["history", "diff"])
def test_choices_are_read_in_any_case(here: Path, command: str) -> None:
    code, out, _ = _run(command, "-f", "JSON", "--stability-level", "Stable")
    assert code in (0, 1)
    assert json.loads(out)


def test_both_commands_take_the_same_diff_options() -> None:
    import typer.main

    contract = typer.main.get_command(app).commands["contract"]  # type: ignore[attr-defined]

    def options(name: str, own: set[str]) -> dict[str, Any]:
        return {param.name: (param.opts, param.help, param.default)
                for param in contract.commands[name].params
                if param.opts[0].startswith("-") and param.name not in own}

    diff = options("diff", {"project", "reports", "baseline"})
    history = options("history", {"git", "revisions", "limit"})
    assert diff == history
    assert "stability_level" in diff
