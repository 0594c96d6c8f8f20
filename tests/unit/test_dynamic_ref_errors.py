"""A ``$dynamicRef`` to a JSON pointer that reaches nothing is reported as a broken ``$ref`` is:
by its own keyword, at the file and line that write it."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.contracts.model import load_contract
from seamguard.errors import ContractError
from tests.support.projects import MINI_CONTRACT

_HOOK = "        note: {type: [string, \"null\"]}\n"


def _load(tmp_path: Path, schema: str) -> None:
    text = MINI_CONTRACT.replace(_HOOK, _HOOK + f"        x7: {schema}\n")
    assert text != MINI_CONTRACT
    path = tmp_path / "openapi.yaml"
    path.write_text(text, encoding="utf-8")
    contract = load_contract(path, platform="shop", version="v1")
    for operation in contract.operations:  # every schema compiled
        for response in operation.responses.values():
            for media in response.content.values():
                if media.schema is not None:
                    contract.validator(media.schema)


def test_a_dynamic_ref_to_a_missing_pointer_names_its_keyword_and_line(tmp_path: Path) -> None:
    with pytest.raises(ContractError) as caught:
        _load(tmp_path, "{$dynamicRef: '#/components/schemas/Missing'}")
    text = (tmp_path / "openapi.yaml").read_text(encoding="utf-8").split("\n")
    assert caught.value.message.startswith("$dynamicRef '#/components/schemas/Missing'")
    assert caught.value.line is not None
    assert "$dynamicRef" in text[caught.value.line - 1]
    assert caught.value.file is not None


def test_a_broken_ref_still_says_ref(tmp_path: Path) -> None:
    with pytest.raises(ContractError) as caught:
        _load(tmp_path, "{$ref: '#/components/schemas/Missing'}")
    assert caught.value.message.startswith("$ref '#/components/schemas/Missing'")
    assert caught.value.line is not None
