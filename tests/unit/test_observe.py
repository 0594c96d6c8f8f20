"""Observed drift: field profiles compared with the contract, with counts and confidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from seamguard.drift.observe import FieldProfile, confidence, string_format
from seamguard.findings import Finding, Severity
from seamguard.project import find_project
from seamguard.runner import run_checks
from tests.support.projects import good_order, interaction, mini_project


def observe(root: Path, bodies: list[dict[str, Any]]) -> list[Finding]:
    mini_project(root, interactions=[interaction(body) for body in bodies])
    return run_checks(find_project(root), ["drift.observed"], command="drift").findings


def order(**changes: Any) -> dict[str, Any]:
    return {"order": good_order(**changes)}


def test_clean_traffic_has_no_drift(tmp_path: Path) -> None:
    assert observe(tmp_path, [order() for _ in range(10)]) == []


def test_new_value_of_a_closed_enum_is_a_counted_contract_error(tmp_path: Path) -> None:
    bodies = [order() for _ in range(40)] + [order(status="expired") for _ in range(12)]
    [finding] = observe(tmp_path, bodies)
    assert finding.code == "drift.new-enum-value"
    assert finding.actual == "expired"
    assert finding.location.pointer == "/order/status"
    assert "in 23.1% of 52 responses (12)" in finding.message
    # nothing reads the field, yet a value outside a closed enum breaks the contract
    assert finding.severity is Severity.ERROR
    assert finding.message.endswith("No mapping reads this field")


def test_one_response_is_enough_evidence_of_a_contract_violation(tmp_path: Path) -> None:
    bodies = [order() for _ in range(200)] + [order(total=...)]
    [finding] = observe(tmp_path, bodies)
    assert finding.code == "drift.required-missing"
    assert "in 0.5% of 201 responses (1)" in finding.message
    assert finding.severity is Severity.ERROR


def test_type_null_and_undeclared_drift(tmp_path: Path) -> None:
    bodies = ([order(id=str(n), loyalty="gold") for n in range(6)]
              + [order(created_at=None) for _ in range(6)])
    codes = {(f.code, f.location.pointer) for f in observe(tmp_path, bodies)}
    assert codes == {
        ("drift.type-changed", "/order/id"),
        ("drift.unexpected-null", "/order/created_at"),
        ("drift.undeclared-field", "/order/loyalty"),
    }


def test_formats() -> None:
    assert string_format("2024-07-01T10:00:00+08:00") == "date-time"
    assert string_format("2024-07-01 10:00:00") == "local-date-time"
    assert string_format("+8613812345678") == "phone-e164"
    assert string_format("8613812345678") == "phone-cn-no-plus"
    assert string_format("12.50") == "decimal-string"
    assert string_format("hello") is None


@given(st.integers(0, 500), st.integers(1, 500))
def test_confidence_grows_with_evidence(hits: int, extra: int) -> None:
    total = hits + extra
    order_ = ["low", "medium", "high"]
    assert order_.index(confidence(hits, total)) <= order_.index(confidence(hits * 2, total * 2))


def test_profile_forgets_values_of_non_enums() -> None:
    profile = FieldProfile()
    for n in range(100):
        profile.see(f"id-{n}")
    assert profile.overflow
    assert not profile.values


def test_impact_names_the_mapping_rule_and_violations_stay_errors(example: Path) -> None:
    import json

    import yaml

    path = example / "fixtures/cassettes/shopify/orders-2024-07.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    changed = 0
    for item in data["interactions"]:
        body = item["response"]["body"]["string"]
        if "/orders/" in item["request"]["uri"] and '"order"' in body:
            parsed = json.loads(body)
            parsed["order"]["financial_status"] = "expired"
            parsed["order"]["closed_at"] = 7
            item["response"]["body"]["string"] = json.dumps(parsed, ensure_ascii=False)
            changed += 1
    assert changed
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    findings = run_checks(find_project(example), ["drift.observed"], command="drift").findings
    enum = next(f for f in findings if f.code == "drift.new-enum-value")
    assert "Impact: feeds hubspot@v3 'dealstage' (required) via shopify-order-to-hubspot-deal" \
        in enum.message
    unused = next(f for f in findings if f.location.pointer == "/order/closed_at")
    assert unused.severity is Severity.ERROR  # a wrong type is definite, read or not
    assert unused.message.endswith("No mapping reads this field")
