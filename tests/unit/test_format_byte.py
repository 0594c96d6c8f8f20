"""``format: byte`` is base64 of RFC 4648: a value that is not is a format finding, as a bad
``date-time`` is, and base64 as written (standard alphabet, padded or with its padding left
out) passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.contracts.model import Contract, load_contract
from seamguard.contracts.own_formats import is_base64
from seamguard.contracts.validation import violations

CONTRACT = """
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /files/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: string, format: byte}
"""


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    path: Path = tmp_path_factory.mktemp("b") / "openapi.yaml"
    path.write_text(CONTRACT, encoding="utf-8")
    return load_contract(path, platform="files", version="1")


def found(contract: Contract, data: object) -> list[tuple[str, str, str]]:
    media = contract.match("GET", "/files/1").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    return [(v.code, v.pointer, v.message) for v in violations(contract, media.schema,
                                                               {"data": data})]


@pytest.mark.parametrize("value", ["aGVsbG8=", "aGk=", "", "AAECAwQF+/8=",
                                   "aGVsbG8", "aGk"])  # padding left out: unambiguous
def test_base64_passes(contract: Contract, value: str) -> None:
    assert found(contract, value) == []


@pytest.mark.parametrize("value", [
    "%%% not base64 %%%",  # outside the alphabet
    "aGVsbG8aG",  # 4n + 1 characters: no padding completes it
    "aGVsbG8==",  # too much padding
    "=aGVsbG8",  # padding first
    "aGVsbG8=aGk=",  # data after the padding
    "aGVs\nbG8=",  # a line break (MIME's, not RFC 4648's)
    "ab-_",  # the URL-safe alphabet
    "日本",  # not ASCII
])
def test_a_value_that_is_not_base64_is_a_format_finding(contract: Contract, value: str) -> None:
    [(code, pointer, message)] = found(contract, value)
    assert (code, pointer) == ("field.wrong-format", "/data")
    assert "format 'byte'" in message
    assert not is_base64(value)


def test_a_number_under_byte_is_a_type_finding_only(contract: Contract) -> None:
    assert [code for code, _, _ in found(contract, 5)] == ["field.wrong-type"]
