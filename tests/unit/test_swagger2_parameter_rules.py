"""Swagger 2.0 parameter and response rules its 3.0 reading would hide: a parameter ``in`` a
place 2.0 lacks, an unknown or misplaced ``collectionFormat``, two bodies or a body beside form
fields, a response keyed by no status code are usage errors at their line; an ``x-`` key among
the responses is an extension, read as none."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.contracts.model import load_contract
from seamguard.errors import ContractError

DOC = """\
swagger: "2.0"
info: {title: Shop, version: v1}
host: shop.example.com
paths:
  /orders/{id}.json:
    get:
      parameters:
        - {name: id, in: path, required: true, type: integer}
        - {name: tags, in: query, type: array, items: {type: string}, collectionFormat: multi}
      responses:
        "200": {description: One order., schema: {type: object}}
        x-note: see the docs
"""
_PARAMS = "/paths/~1orders~1{id}.json/get/parameters"


def _load(tmp_path: Path, text: str) -> object:
    path = tmp_path / "swagger.yaml"
    path.write_text(text, encoding="utf-8")
    return load_contract(path, platform="shop", version="v1")


def test_extensions_among_responses_and_known_formats_load(tmp_path: Path) -> None:
    contract = _load(tmp_path, DOC)
    assert contract is not None


@pytest.mark.parametrize(("before", "after", "pointer", "line", "said"), [
    ("in: path, required", "in: paht, required", f"{_PARAMS}/0/in", 8, "did you mean path"),
    ("collectionFormat: multi", "collectionFormat: comma", f"{_PARAMS}/1/collectionFormat", 9,
     "collectionFormat 'comma'"),
    ("type: integer}", "type: array, items: {type: integer}, collectionFormat: multi}",
     f"{_PARAMS}/0/collectionFormat", 8, "only a query or form parameter"),
    ("      responses:", "        - {name: a, in: body, schema: {}}\n"
     "        - {name: b, in: body, schema: {}}\n      responses:", f"{_PARAMS}/3/in", 11,
     "2 body parameters"),
    ("      responses:", "        - {name: a, in: body, schema: {}}\n"
     "        - {name: f, in: formData, type: string}\n      responses:", f"{_PARAMS}/3/in", 11,
     "formData parameters"),
    ("        x-note: see the docs", "        ok: {description: fine}",
     "/paths/~1orders~1{id}.json/get/responses/ok", 12, "no HTTP status code"),
])
def test_a_broken_parameter_or_response_is_named_at_its_line(
        tmp_path: Path, before: str, after: str, pointer: str, line: int, said: str) -> None:
    text = DOC.replace(before, after, 1)
    assert text != DOC
    with pytest.raises(ContractError) as caught:
        _load(tmp_path, text)
    assert said in caught.value.message
    assert caught.value.pointer == pointer
    assert caught.value.line == line
    assert caught.value.hint
