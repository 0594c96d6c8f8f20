"""A 3.1 document's ``jsonSchemaDialect`` is honoured or refused, never ignored."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.contracts.model import load_contract
from seamguard.errors import ContractError
from tests.support.projects import MINI_CONTRACT


def _load(tmp_path: Path, dialect: str) -> object:
    text = MINI_CONTRACT.replace("openapi: 3.1.0", f"openapi: 3.1.0\njsonSchemaDialect: {dialect}",
                                 1)
    assert text != MINI_CONTRACT
    path = tmp_path / "openapi.yaml"
    path.write_text(text, encoding="utf-8")
    return load_contract(path, platform="shop", version="v1")


@pytest.mark.parametrize(("dialect", "said"), [
    ("https://example.com/dialects/ours", "cannot validate"),
    ("7", "must be a URI string"),
    ("[a, b]", "must be a URI string"),
    ("''", "must be a URI string"),
])
def test_unknown_or_malformed_dialect_is_refused_at_its_line(tmp_path: Path, dialect: str,
                                                             said: str) -> None:
    with pytest.raises(ContractError) as caught:
        _load(tmp_path, dialect)
    assert said in str(caught.value)
    assert caught.value.line == 3  # MINI_CONTRACT opens with a blank line
    assert caught.value.pointer == "/jsonSchemaDialect"
    assert "jsonSchemaDialect" in (caught.value.hint or "")


@pytest.mark.parametrize("dialect", ["https://spec.openapis.org/oas/3.1/dialect/base",
                                     "https://spec.openapis.org/oas/3.1/dialect/2024-11-10",
                                     "'https://json-schema.org/draft/2020-12/schema#'"])
def test_known_dialect_loads(tmp_path: Path, dialect: str) -> None:
    assert _load(tmp_path, dialect) is not None
