"""``format: base64url`` is base64 of RFC 4648 §5, the URL- and filename-safe alphabet: a value
outside it is a format finding that says what the format takes, and base64url as written
(``-`` and ``_``, padded or with its padding left out) passes."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.contracts.lint_formats import misspelt_formats
from seamguard.contracts.model import Contract, load_contract
from seamguard.contracts.own_formats import is_base64, is_base64url
from seamguard.contracts.validation import violations

CONTRACT = """
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /tokens/{id}:
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
                  data: {type: string, format: base64url}
"""


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    path: Path = tmp_path_factory.mktemp("u") / "openapi.yaml"
    path.write_text(CONTRACT, encoding="utf-8")
    return load_contract(path, platform="tokens", version="1")


def found(contract: Contract, data: object) -> list[tuple[str, str, str]]:
    media = contract.match("GET", "/tokens/1").response(200).media("application/json")
    assert media is not None
    assert media.schema is not None
    return [(v.code, v.pointer, v.message) for v in violations(contract, media.schema,
                                                               {"data": data})]


@pytest.mark.parametrize("value", [
    "aGVsbG8=", "aGk=", "", "AAECAwQF-_8=", "AAECAwQF-_8",  # padded, and padding left out
    "eyJhbGciOiJIUzI1NiJ9",  # a JWT's header segment
    "_-_-", "aGVsbG8",
])
def test_base64url_passes(contract: Contract, value: str) -> None:
    assert found(contract, value) == []
    assert is_base64url(value)


@pytest.mark.parametrize("value", [
    "AAECAwQF+/8=",  # the standard alphabet's + and /
    "ab+c", "ab/c",
    "%%% not base64url %%%",  # outside the alphabet
    "aGVsbG8aG",  # 4n + 1 characters: no padding completes it
    "aGVsbG8==",  # too much padding
    "=aGVsbG8",  # padding first
    "aGVsbG8=aGk=",  # data after the padding
    "aGVs\nbG8=",  # a line break
    "aGVs bG8=",  # a space
    "日本",  # not ASCII
])
def test_a_value_that_is_not_base64url_is_a_format_finding(contract: Contract,
                                                           value: str) -> None:
    [(code, pointer, message)] = found(contract, value)
    assert (code, pointer) == ("field.wrong-format", "/data")
    assert "format 'base64url'" in message
    assert "RFC 4648 §5" in message
    assert "no + or /" in message
    assert not is_base64url(value)


def test_a_number_under_base64url_is_a_type_finding_only(contract: Contract) -> None:
    assert [code for code, _, _ in found(contract, 5)] == ["field.wrong-type"]


@given(st.binary(max_size=64), st.booleans())
def test_what_the_standard_library_encodes_url_safe_passes(data: bytes, padded: bool) -> None:
    text = base64.urlsafe_b64encode(data).decode()
    text = text if padded else text.rstrip("=")
    assert is_base64url(text)
    # the two alphabets differ in two characters: a value using either is only the other's
    assert is_base64(text) == ("-" not in text and "_" not in text)


def test_base64url_is_a_known_format_for_contract_lint() -> None:
    assert list(misspelt_formats({"type": "string", "format": "base64url"})) == []
