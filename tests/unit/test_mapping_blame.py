"""Which side disagrees with which rule, when a system wrote something the mapping does not give
(the sync normalisation property's hint)."""

from __future__ import annotations

from pathlib import Path

from seamguard.mapping.engine import compile_mapping
from seamguard.mapping.spec import LoadedMapping, MappingSpec, load_mapping
from seamguard.mapping.strength import blame

REPO = Path(__file__).resolve().parents[2]
ORDER = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
RECORD = {"id": 5829461287001, "name": "#1001", "total_price": "8451.28", "currency": "CNY",
          "financial_status": "paid", "updated_at": "2024-07-10T10:15:00+08:00"}


def planted(places: int, *, keep_examples: bool) -> LoadedMapping:
    """The example order mapping with `places` changed, as a colleague might have left it."""
    mapping = load_mapping(REPO / ORDER, display=ORDER)
    data = mapping.spec.model_dump(by_alias=True, exclude_unset=True)
    data["fields"][2]["transforms"] = [{"decimal": {"places": places}}]
    if not keep_examples:
        data["examples"] = []
    return mapping.with_spec(MappingSpec.model_validate(data))


def test_a_rule_changed_without_its_examples_is_blamed_on_the_mapping() -> None:
    mapping = planted(0, keep_examples=True)
    text = blame(mapping, compile_mapping(mapping.spec), "amount", [RECORD], "8451.28")
    assert "disagrees with its own golden examples" in text
    assert f"rule 2 (`amount`, {ORDER}:" in text
    assert "places" in text


def test_the_single_edit_the_service_follows_is_named() -> None:
    mapping = planted(0, keep_examples=False)
    text = blame(mapping, compile_mapping(mapping.spec), "amount", [RECORD], "8451.3")
    assert "after `decimal` with places: 1 instead of 0" in text
    assert "disagree on exactly that" in text


def test_an_unexplained_value_says_the_service_does_not_apply_the_rule() -> None:
    mapping = load_mapping(REPO / ORDER, display=ORDER)
    text = blame(mapping, compile_mapping(mapping.spec), "amount", [RECORD], "0")
    assert "does not apply this rule as written" in text
    assert "rule 2 (`amount`" in text
