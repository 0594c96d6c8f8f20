"""Swagger 2.0 rules its 3.0 reading would hide (``host`` with a scheme or path, a
``discriminator`` its schema does not define and require) are usage errors at their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.contracts.model import load_contract
from seamguard.errors import ContractError

DOC = """\
swagger: "2.0"
info: {title: Shop, version: v1}
host: shop.example.com
basePath: /api/v1
paths:
  /orders/{id}.json:
    get:
      parameters:
        - {name: id, in: path, required: true, type: integer}
      responses:
        "200": {description: One order., schema: {$ref: "#/definitions/Pet"}}
definitions:
  Pet:
    type: object
    discriminator: kind
    required: [kind]
    properties:
      kind: {type: string}
  Cat:
    allOf:
      - $ref: "#/definitions/Pet"
      - {type: object, discriminator: name, required: [name], properties: {name: {type: string}}}
"""


def _load(tmp_path: Path, text: str) -> object:
    path = tmp_path / "openapi.yaml"
    path.write_text(text, encoding="utf-8")
    return load_contract(path, platform="shop", version="v1")


def test_a_well_formed_document_loads(tmp_path: Path) -> None:
    assert _load(tmp_path, DOC) is not None
    assert _load(tmp_path, DOC.replace("shop.example.com", "'[::1]:8443'", 1)) is not None


@pytest.mark.parametrize(("before", "after", "pointer", "line", "said"), [
    ("host: shop.example.com", "host: https://shop.example.com", "/host", 3, "host name"),
    ("host: shop.example.com", "host: shop.example.com/api", "/host", 3, "host name"),
    ("host: shop.example.com", "host: 7", "/host", 3, "host name"),
    ("    discriminator: kind", "    discriminator: kin", "/definitions/Pet/discriminator", 15,
     "'kin' is not defined in `properties`"),
    ("    required: [kind]", "    required: []", "/definitions/Pet/discriminator", 15,
     "'kind' is not listed in `required`"),
    ("    discriminator: kind", "    discriminator: [kind]", "/definitions/Pet/discriminator",
     15, "must be a property name"),
])
def test_a_broken_rule_is_named_at_its_line(tmp_path: Path, before: str, after: str,
                                            pointer: str, line: int, said: str) -> None:
    text = DOC.replace(before, after, 1)
    assert text != DOC
    with pytest.raises(ContractError) as caught:
        _load(tmp_path, text)
    assert said in caught.value.message
    assert caught.value.pointer == pointer
    assert caught.value.line == line
    assert caught.value.hint
