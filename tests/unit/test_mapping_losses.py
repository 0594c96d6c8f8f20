"""Mapping lint on what a rule silently loses — items of a list, decimals of an amount, the unit
of an amount, source values an inline enum map lacks — and PII allowances written `a.b` for the
nested field `a[].b`; on mappings between platforms the example project does not map."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seamguard.mapping.lint_loss import (
    enum_total_problem,
    items_dropped_problem,
    minor_unit_problem,
    precision_problem,
)
from seamguard.mapping.shapes import Shape
from tests.support import mapping_fresh
from tests.support.mapping_fresh_defects import defects

_MONEY = Shape(types={"string"}, pattern="^-?[0-9]+([.][0-9]{1,2})?$")


def test_coalesce_over_every_element_keeps_one_item() -> None:
    problem = items_dropped_problem("itemInfoList[].outerSkuId", [("coalesce", {})],
                                    Shape(types={"string"}))
    assert problem is not None
    assert problem.step == 0
    assert "several elements" in problem.message
    assert "join" in problem.hint


@pytest.mark.parametrize(("source", "steps", "target"), [
    ("itemInfoList[].outerSkuId", [("join", {"separator": ","})], Shape(types={"string"})),
    ("itemInfoList[].outerSkuId", [("coalesce", {})], Shape(types={"array"})),
    (["phone", "mobile"], [("coalesce", {})], Shape(types={"string"})),  # a fallback
    ("phone", [("coalesce", {})], Shape(types={"string"})),
])
def test_lists_kept_whole_or_fallbacks_are_no_loss(source: Any, steps: Any,
                                                   target: Shape) -> None:
    assert items_dropped_problem(source, steps, target) is None


def test_rounding_an_amount_below_its_decimals_is_reported_at_the_step() -> None:
    problem = precision_problem([("trim", {}), ("decimal", {"places": 0}), ("to_number", {})],
                                _MONEY, Shape(types={"number"}), "Amount")
    assert problem is not None
    assert problem.step == 1
    assert "199.99 arrives as 200" in problem.message


@pytest.mark.parametrize("places", [-1, True, 2.5, "0", None, 31])
def test_places_the_parameter_check_refuses_are_no_rounding_judged_here(places: Any) -> None:
    # (`decimal`'s own parameter check names them; the loss check must not read them first)
    assert precision_problem([("decimal", {"places": places})], _MONEY,
                             Shape(types={"number"}), "Amount") is None


@pytest.mark.parametrize(("steps", "source", "target", "field"), [
    ([("decimal", {"places": 2})], _MONEY, Shape(types={"number"}), "Amount"),
    ([("decimal", {"places": 0})], Shape(types={"string"}, pattern="^[0-9]+$"),
     Shape(types={"string"}), "Qty"),  # the source has no decimals
    ([("decimal", {"places": 0})], _MONEY, Shape(types={"integer"}), "Total"),
    ([("decimal", {"places": 0})], _MONEY, Shape(types={"number"}), "tax_cents"),
])
def test_rounding_that_keeps_what_the_source_has_is_no_loss(
        steps: Any, source: Shape, target: Shape, field: str) -> None:
    assert precision_problem(steps, source, target, field) is None


def test_fen_read_as_yuan_and_yuan_written_as_fen_are_reported() -> None:
    fen = Shape(types={"integer"})
    into_yuan = minor_unit_problem([("to_number", {})], "order_amount_fen", fen,
                                   Shape(types={"number"}), "Amount")
    assert into_yuan is not None
    assert "money_from_minor" in into_yuan.hint
    into_fen = minor_unit_problem([("decimal", {"places": 0}), ("to_integer", {})],
                                  "freightPrice", _MONEY, Shape(types={"integer"}),
                                  "Freight_Fen__c")
    assert into_fen is not None
    assert "money_to_minor" in into_fen.hint
    assert minor_unit_problem([("money_from_minor", {"currency": "CNY"}), ("to_number", {})],
                              "order_amount_fen", fen, Shape(types={"number"}), "Amount") is None
    assert minor_unit_problem([("money_to_minor", {"currency": "CNY"})], "freightPrice",
                              _MONEY, Shape(types={"integer"}), "Freight_Fen__c") is None


@pytest.mark.parametrize(("said", "minor"), [
    ("实际支付金额\uff0c单位为分", True),
    ("Amount in cents.", True),
    ("A positive integer in the smallest currency unit", True),
    ("订单金额 (元)", False),
    (None, False),
])
def test_a_description_in_fen_or_cents_marks_minor_units(said: str | None, minor: bool) -> None:
    problem = minor_unit_problem([], "amount", Shape(types={"integer"}),
                                 Shape(types={"number"}), "Amount", said)
    assert (problem is not None) is minor


def test_descriptions_are_read_through_references_and_items(tmp_path: Path) -> None:
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.mapping.descriptions import description_at
    from seamguard.project import find_project

    system = next(s for s in mapping_fresh.SYSTEMS if s.name == "pdd-to-zoho")
    mapping_fresh.write_project(system, tmp_path, None)
    pdd = ContractCatalog(find_project(tmp_path, explicit=True)).load("pdd", "V1")
    schema = "#/components/schemas/DdkOrder"
    assert "单位为分" in (description_at(pdd, schema, "order_amount") or "")
    assert description_at(pdd, schema, "goods_name") is None
    assert description_at(pdd, schema, "no_such.field") is None
    forms = next(s for s in mapping_fresh.SYSTEMS if s.name == "jiandaoyun-to-sf")
    mapping_fresh.write_project(forms, tmp_path / "forms", None)
    push = ContractCatalog(find_project(tmp_path / "forms", explicit=True)).load(
        "jiandaoyun", "v5")
    assert description_at(push, "#/components/schemas/Push",
                          "data._widget_1720000000005") == "货物明细 (subform)"
    assert description_at(push, "#/components/schemas/Push",
                          "data._widget_1720000000005[]._widget_1720000000051") is None


def test_an_inline_enum_map_without_default_must_cover_the_source_enum() -> None:
    source = Shape(types={"string"}, enum=["NEW", "OPEN", "BAD_TIMING"])
    problem = enum_total_problem([("enum_map", {"mapping": {"NEW": "a", "OPEN": "b"}})],
                                 source, "description")
    assert problem is not None
    assert "'BAD_TIMING'" in problem.message
    assert enum_total_problem([("enum_map", {"mapping": {"NEW": "a"}, "default": "x"})],
                              source, "description") is None
    status = Shape(types={"integer"}, enum=[1, 2])
    assert enum_total_problem([("enum_map", {"mapping": {"1": "a", "2": "b"}})],
                              status, "Stage") is None


def _lint(system: str, defect: mapping_fresh.Defect | None, root: Path) -> list[str]:
    from seamguard.project import find_project
    from seamguard.runner import run_checks

    found = next(s for s in mapping_fresh.SYSTEMS if s.name == system)
    mapping_fresh.write_project(found, root, defect)
    report = run_checks(find_project(root, explicit=True), ["contract", "mapping"],
                        command="check")
    return [f"{f.code} {f.location.pointer}" for f in report.findings
            if f.severity.value in ("error", "warning") and f.check == "mapping"]


def test_pii_allowed_as_a_dot_b_covers_the_nested_field_a_list_b(tmp_path: Path) -> None:
    # allowed_destinations: [contactInfoList.contact] for a rule inside `items:` of
    # contactInfoList: the same field, so nothing is unmasked, and no allowance is unknown
    assert _lint("jiandaoyun-to-sf", None, tmp_path) == []


@pytest.mark.parametrize("kind", ["list-flattening", "precision", "unit", "enum-drift"])
def test_planted_losses_are_reported_by_lint(kind: str, tmp_path: Path) -> None:
    planted = [d for d in defects() if d.kind == kind and d.command == "lint"]
    assert planted
    for number, defect in enumerate(planted):
        seen = _lint(defect.system, defect, tmp_path / str(number))
        assert any(code in defect.code.split("|") and f"{pointer}/".startswith(
            f"{defect.pointer}/") for code, pointer in (line.split(" ") for line in seen)), (
            defect.description, seen)


@pytest.mark.parametrize(("pattern", "places", "lost"), [
    ("^-?[0-9]+(\\.[0-9]+)?$", 2, False),  # no stated bound: cents are kept
    ("^-?[0-9]+(\\.[0-9]+)?$", 1, True),
    ("^[0-9]+[.][0-9]{1,6}$", 2, True),  # a unit price with six decimals
    ("^[0-9]+[.][0-9]{1,6}$", 6, False),
])
def test_rounding_is_judged_against_the_decimals_the_contract_states(
        pattern: str, places: int, lost: bool) -> None:
    source = Shape(types={"string"}, pattern=pattern)
    problem = precision_problem([("decimal", {"places": places})], source,
                                Shape(types={"string"}), "price")
    assert (problem is not None) is lost


def test_a_concat_of_bounded_sources_is_bounded_by_their_sum() -> None:
    from seamguard.mapping.lint_values import max_length_of

    shop = Shape(types={"string"}, pattern="^[0-9]{1,12}$")
    order = Shape(types={"string"}, pattern="^[0-9]{1,20}$")
    joined = [("concat", {"separator": "-"})]
    assert max_length_of(Shape(types={"array"}), joined, parts=[shop, order]) == 33
    assert max_length_of(Shape(types={"array"}), [*joined, ("regex_replace", {
        "pattern": "^", "replacement": "JD"})], parts=[shop, order]) == 35
    assert max_length_of(Shape(types={"array"}), joined,
                         parts=[shop, Shape(types={"string"})]) is None
    assert max_length_of(Shape(types={"array"}), [("join", {})],
                         parts=[shop, Shape(types={"integer"})]) == 12 + 1 + 20


def test_an_order_key_of_shop_and_order_id_fits_its_field(tmp_path: Path) -> None:
    # JD_Order_Key__c (40) <- concat of venderId (12 digits) and orderId (20 digits)
    assert _lint("jd-to-salesforce", None, tmp_path) == []


def test_a_field_that_moved_into_an_object_is_named_with_the_values_inside(
        tmp_path: Path) -> None:
    from seamguard.project import find_project
    from seamguard.runner import run_checks

    rename = next(d for d in defects() if d.kind == "rename" and "subtotal" in d.description)
    system = next(s for s in mapping_fresh.SYSTEMS if s.name == rename.system)
    mapping_fresh.write_project(system, tmp_path, rename)
    report = run_checks(find_project(tmp_path, explicit=True), ["mapping"], command="check")
    found = next(f for f in report.findings if f.code == "mapping.unknown-source-field")
    assert found.location.pointer == "/fields/6/each/3/source"
    assert found.location.line is not None
    assert "did you mean 'subtotal_set' (an object: subtotal_set.shop_money.amount, " \
        "subtotal_set.shop_money.currency_code" in (found.hint or "")


@pytest.mark.parametrize(("description", "rule", "name", "mistake"), [
    ("examples whose mobile and landline are the same", "/fields/4/items/0/2",
     "contactInfoList[].mobile", "reading `data._widget_1720000000003` instead of"),
    ("examples whose line ids equal their quantities", "/fields/6/each/1",
     "FEntity[].FRealQty", "reading `line_item_id` instead of `quantity`"),
])
def test_a_weak_example_for_a_nested_rule_is_reported_at_that_rule(
        description: str, rule: str, name: str, mistake: str, tmp_path: Path) -> None:
    from seamguard.project import find_project
    from seamguard.runner import run_checks

    weak = next(d for d in defects() if d.description == description)
    system = next(s for s in mapping_fresh.SYSTEMS if s.name == weak.system)
    mapping_fresh.write_project(system, tmp_path, weak)
    report = run_checks(find_project(tmp_path, explicit=True), ["mapping.strength"],
                        command="check")
    found = [f for f in report.findings if f.severity.value == "warning"
             and f"{f.location.pointer}/".startswith(f"{rule}/")]
    assert len(found) == 1, [f.message for f in report.findings]
    assert f"(`{name}`)" in found[0].message
    assert mistake in found[0].message


@pytest.mark.parametrize("description", [
    "order key without the shop; two shops' orders share an id",
    "order id from the form's serial number; two forms share it",
])
def test_two_shops_records_written_to_one_target_key_are_reported(
        description: str, tmp_path: Path) -> None:
    from seamguard.project import find_project
    from seamguard.runner import run_checks

    defect = next(d for d in defects() if d.description == description)
    system = next(s for s in mapping_fresh.SYSTEMS if s.name == defect.system)
    mapping_fresh.write_project(system, tmp_path, defect)
    report = run_checks(find_project(tmp_path, explicit=True), ["mapping.recorded"],
                        command="check")
    found = [f for f in report.findings if f.code == "mapping.identity-collision"]
    assert len(found) == 1
    assert found[0].location.pointer == "/identity"
    assert found[0].location.line is not None
    assert "cassettes/" in found[0].message
    assert "concat" in (found[0].hint or "")
    assert "record None" not in found[0].message  # a nested source identity is read


def test_updates_of_one_record_are_no_collision(tmp_path: Path) -> None:
    from seamguard.mapping.identity_check import identity_collisions
    from seamguard.mapping.spec import load_mapping

    spec = tmp_path / "m.yaml"
    spec.write_text("source: {contract: jd@2.0, schema: '#/components/schemas/Order'}\n"
                    "target: {contract: salesforce@v60.0, schema: '#/components/schemas/O'}\n"
                    "identity: {source: orderId, target: key}\n"
                    "fields: [{target: key, source: orderId}]\n", encoding="utf-8")
    mapping = load_mapping(spec, display="m.yaml")
    first = {"orderId": "1", "venderId": "7", "orderState": "LOCKED"}
    later = {"orderId": "1", "venderId": "7", "orderState": "FINISHED_L"}
    other_shop = {"orderId": "1", "venderId": "8", "orderState": "LOCKED"}
    assert list(identity_collisions(mapping, [("a", first, {"key": "1"}),
                                              ("b", later, {"key": "1"})])) == []
    found = list(identity_collisions(mapping, [("a", first, {"key": "1"}),
                                               ("b", later, {"key": "1"}),
                                               ("c", other_shop, {"key": "1"})]))
    assert len(found) == 1
    assert "venderId '7' and '8'" in found[0].message



def test_events_about_one_record_are_no_collision() -> None:
    # route pushes: each event has its own id, all of them are about one order
    from seamguard.project import find_project
    from seamguard.runner import run_checks

    report = run_checks(find_project(Path(__file__).parents[2], explicit=True),
                        ["mapping.recorded"], command="check")
    assert [f.message for f in report.findings
            if f.code == "mapping.identity-collision"] == []


def test_rounding_an_amount_of_unstated_decimals_says_so() -> None:
    source = Shape(types={"string"}, pattern="^-?[0-9]+(\\.[0-9]+)?$")
    problem = precision_problem([("decimal", {"places": 1})], source, Shape(types={"number"}),
                                "amount")
    assert problem is not None
    assert "the source gives with decimals" in problem.message
    assert "30" not in problem.message
    assert "{decimal: {places: 2}}" in problem.hint
