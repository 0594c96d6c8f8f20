"""`contract lint` names an example its own schema refuses (a media type's `example`, an entry
of `examples`, a parameter's) and a parameter with both `example` and `examples`; examples
that fit stay quiet, 3.0's `nullable` included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import MINI_CONTRACT, mini_project

_MEDIA = "            application/json:\n              schema:\n                type: object\n"
_PARAM = "        - {name: id, in: path, required: true, schema: {type: integer}}\n"
_OK = '{order: {id: 1, status: paid, total: "10.00", created_at: "2024-07-01T10:00:00Z"}}'
_BAD = '{order: {id: 1, status: lost, total: "10.00", created_at: "2024-07-01T10:00:00Z"}}'
_AT = "/paths/~1orders~1{id}.json/get"


def _lint(tmp_path: Path, contract: str) -> list[dict[str, Any]]:
    project = mini_project(tmp_path / "p", contract=contract)
    result = CliRunner().invoke(app, ["contract", "lint", "--project", str(project), "-f",
                                      "json"])
    return [f for f in json.loads(result.output)["findings"]
            if f["code"] == "contract.example-invalid"]


def _media(text: str) -> str:
    return MINI_CONTRACT.replace(_MEDIA, _MEDIA.replace(
        "              schema:\n", text + "              schema:\n"), 1)


@pytest.mark.parametrize(("contract", "pointer"), [
    (_media(f"              example: {_BAD}\n"),
     f"{_AT}/responses/200/content/application~1json/example"),
    (_media(f"              examples:\n                one: {{value: {_BAD}}}\n"),
     f"{_AT}/responses/200/content/application~1json/examples/one/value"),
    (MINI_CONTRACT.replace(_PARAM, "        - {name: id, in: path, required: true, schema: "
                                   "{type: integer}, example: abc}\n"),
     f"{_AT}/parameters/0/example"),
])
def test_an_example_its_schema_refuses_is_a_warning(tmp_path: Path, contract: str,
                                                     pointer: str) -> None:
    [finding] = _lint(tmp_path, contract)
    assert finding["severity"] == "warning"
    assert finding["location"]["pointer"] == pointer
    assert finding["location"]["line"]
    assert "breaks its own schema" in finding["message"]


def test_a_parameter_with_example_and_examples_is_named(tmp_path: Path) -> None:
    [finding] = _lint(tmp_path, MINI_CONTRACT.replace(_PARAM, (
        "        - {name: id, in: path, required: true, schema: {type: integer}, example: 1, "
        "examples: {a: {value: 2}}}\n")))
    assert "both `example` and `examples`" in finding["message"]
    assert finding["severity"] == "error"


@pytest.mark.parametrize("contract", [
    _media(f"              example: {_OK}\n"),
    _media(f"              examples:\n                one: {{value: {_OK}}}\n"),
    MINI_CONTRACT.replace("openapi: 3.1.0", "openapi: 3.0.3").replace(
        'note: {type: [string, "null"]}', "note: {type: string, nullable: true}").replace(
        _PARAM, _PARAM).replace(_MEDIA, _MEDIA.replace("              schema:\n", (
            "              example: {order: {id: 1, status: paid, total: '1.00', created_at: "
            "'2024-07-01T10:00:00Z', note: null}}\n              schema:\n")), 1),
])
def test_examples_that_fit_stay_quiet(tmp_path: Path, contract: str) -> None:
    assert _lint(tmp_path, contract) == []


def test_a_media_type_with_example_and_examples_is_named(tmp_path: Path) -> None:
    findings = _lint(tmp_path, _media(f"              example: {_OK}\n              examples:\n"
                                      f"                one: {{value: {_OK}}}\n"))
    assert [f["message"] for f in findings] == [
        "this media type has both `example` and `examples`; OpenAPI allows one or the other"]
