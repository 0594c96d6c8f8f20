"""``suites generate`` says once per dataset which required properties it has no column for,
each with the contract pointer that requires it."""

from __future__ import annotations

from seamguard.project import DatasetSettings
from seamguard.quality.generate import _missing_required

C = "contracts/shop/1/openapi.yaml"
S = "/components/schemas/Order"


def _settings() -> DatasetSettings:
    return DatasetSettings(path="fixtures/datasets/orders.jsonl")


def test_nothing_missing_is_no_warning() -> None:
    assert _missing_required("orders", _settings(), []) == []


def test_one_missing_property_is_named_at_its_own_pointer() -> None:
    [finding] = _missing_required("orders", _settings(),
                                  [("total", f"{C}#{S}/properties/total")])
    assert finding.location.file == C
    assert finding.location.pointer == f"{S}/properties/total"
    assert finding.message == (
        f"'total' is required by {C}#{S}/properties/total, but dataset 'orders' "
        "(fixtures/datasets/orders.jsonl) has no such column: the suite has no expectation "
        "for it")
    assert finding.expected == {"total": f"{C}#{S}/properties/total"}
    assert finding.hint is not None
    assert "export 'total' into" in finding.hint


def test_several_missing_properties_are_one_warning_at_their_schema() -> None:
    missing = [("total", f"{C}#{S}/properties/total"), ("tax", f"{C}#{S}/properties/tax"),
               ("total", f"{C}#{S}/required"),  # the same property by its required list
               ("note", f"{C}#{S}/required")]  # required, but no property declares it
    [finding] = _missing_required("orders", _settings(), missing)
    assert finding.expected == {"total": f"{C}#{S}/properties/total",
                                "tax": f"{C}#{S}/properties/tax", "note": f"{C}#{S}/required"}
    assert (finding.location.file, finding.location.pointer) == (C, S)
    assert "has no column for 3 properties the contract requires" in finding.message
    assert f"'tax' ({C}#{S}/properties/tax)" in finding.message
    assert f"'note' ({C}#{S}/required)" in finding.message
    assert finding.hint is not None
    assert "export them into" in finding.hint


def test_properties_of_different_schemas_point_at_the_first() -> None:
    other = "contracts/crm/1/openapi.yaml#/components/schemas/Deal/properties/amount"
    [finding] = _missing_required("orders", _settings(),
                                  [("total", f"{C}#{S}/properties/total"), ("amount", other)])
    assert (finding.location.file, finding.location.pointer) == (C, f"{S}/properties/total")
    assert f"'amount' ({other})" in finding.message
