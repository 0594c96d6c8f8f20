"""An unknown key of a mapping spec is answered with the key meant, at any depth."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from seamguard.errors import UsageError
from seamguard.mapping.spec import load_mapping

REPO = Path(__file__).resolve().parents[2]
MAPPING = REPO / "contracts/mappings/shopify-order-to-hubspot-deal.yaml"


@pytest.mark.parametrize(("path", "wrong", "meant"), [
    ((), "Fields", "fields"), ((), "IDENTITY", "identity"), ((), "enum", "enums"),
    (("fields", 0), "Transforms", "transforms"), (("source",), "Contract", "contract"),
    (("fields", 0), "targte", "target"),
])
def test_a_misspelt_key_gets_a_did_you_mean(tmp_path: Path, path: tuple[object, ...],
                                            wrong: str, meant: str) -> None:
    data = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    node = data
    for part in path:
        node = node[part]
    node[wrong] = node.pop(meant, "x")
    target = tmp_path / "m.yaml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(UsageError) as raised:
        load_mapping(target, display="m.yaml")
    assert raised.value.hint == f"did you mean {meant!r}?", raised.value
    assert raised.value.line is not None
