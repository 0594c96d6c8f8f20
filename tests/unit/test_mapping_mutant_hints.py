"""The example a surviving mutant asks for names values as the source sends them."""

from __future__ import annotations

from seamguard.mapping.mutate import SourceFacts, mutants
from seamguard.mapping.spec import MappingSpec

SPEC = MappingSpec.model_validate({
    "source": {"contract": "pinduoduo@V1", "schema": "#/components/schemas/OrderInfo"},
    "target": {"contract": "zoho@v6", "schema": "#/components/schemas/Deal"},
    "identity": {"source": "order_sn", "target": "Deal_Name"},
    "fields": [
        {"target": "Stage", "source": "order_status", "enum": "stage"},
        {"target": "Amount", "source": "pay_amount", "transforms": ["to_number"]},
    ],
    # YAML keys `1:` are loaded as text, as every enum map key is
    "enums": {"stage": {"1": "Negotiation/Review", "2": "Closed Won", "3": "Closed Won"}},
})


def test_an_integer_enum_value_is_asked_for_as_an_integer() -> None:
    facts = SourceFacts(enum=lambda path: [1, 2, 3] if path == "order_status" else None)
    wanted = {m.wanted for m in mutants(SPEC, facts) if m.operator == "enum-delete"}
    assert wanted == {"an input with `order_status` = 1", "an input with `order_status` = 2",
                      "an input with `order_status` = 3"}


def test_a_number_conversion_asks_for_a_value_with_a_fraction() -> None:
    [confused] = [m for m in mutants(SPEC) if m.description == "`to_integer` instead of "
                  "`to_number`"]
    assert "a fraction" in confused.wanted
