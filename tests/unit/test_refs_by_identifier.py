"""A `$ref` by JSON Schema 2020-12 identifier — an `$anchor` (`#pos`), a schema's absolute or
relative `$id`, an anchor inside an `$id` — is resolved inside the contract (no network), so a
recording that breaks the schema reached is a finding at its pointer; an anchor that does not
exist is named as an anchor, with the one meant."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import MINI_CONTRACT, good_order, interaction, mini_project

_HOOK = "        note: {type: [string, \"null\"]}\n"
_COMPONENTS = "components:\n  schemas:\n"


def _verify(tmp_path: Path, positive: str, schema: str) -> tuple[int, dict[str, Any]]:
    contract = MINI_CONTRACT.replace(_HOOK, _HOOK + f"        x7: {schema}\n").replace(
        _COMPONENTS, _COMPONENTS + positive)
    project = mini_project(tmp_path / "p", contract=contract, interactions=[
        interaction({"order": good_order(x7=-3)})])
    result = CliRunner().invoke(app, ["verify", "--project", str(project), "-f", "json"])
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize(("positive", "schema"), [
    ("    Positive: {$anchor: pos, type: integer, minimum: 1}\n", "{$ref: '#pos'}"),
    ("    Positive: {$id: 'https://example.com/schemas/positive', type: integer, minimum: 1}\n",
     "{$ref: 'https://example.com/schemas/positive'}"),
    ("    Positive: {$id: 'positive.json', type: integer, minimum: 1}\n",
     "{$ref: 'positive.json'}"),
    ("    Positive: {$id: 'https://example.com/s', $defs: {p: {$anchor: p, type: integer, "
     "minimum: 1}}}\n", "{$ref: 'https://example.com/s#p'}"),
])
def test_a_ref_by_identifier_reaches_its_schema(tmp_path: Path, positive: str,
                                                 schema: str) -> None:
    code, report = _verify(tmp_path, positive, schema)
    assert code == 1
    [finding] = report["findings"]
    assert finding["location"]["pointer"] == "/order/x7"
    assert finding["code"] == "field.out-of-range"


def test_an_anchor_that_does_not_exist_is_named_as_one(tmp_path: Path) -> None:
    code, report = _verify(tmp_path, "    Positive: {$anchor: pos, type: integer}\n",
                           "{$ref: '#poss'}")
    assert code == 2
    [finding] = report["findings"]
    assert "names the anchor 'poss'" in finding["message"]
    assert finding["hint"] == "did you mean '#pos'?"
    assert finding["location"]["line"]


def test_an_anchor_declared_twice_reaches_no_schema(tmp_path: Path) -> None:
    code, report = _verify(tmp_path, "    Positive: {$anchor: pos, type: integer}\n"
                                     "    Other: {$anchor: pos, type: string}\n",
                           "{$ref: '#pos'}")
    assert code == 2
    [finding] = report["findings"]
    assert "declares 2 times" in finding["message"]
    assert "/components/schemas/Positive" in finding["message"]
