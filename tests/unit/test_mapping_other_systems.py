"""Mapping lint on mappings between systems the example project does not map (Shopify ->
Salesforce, JD -> Kingdee, Pinduoduo -> Jiandaoyun): every planted mistake is reported with its
code at its rule, and the correct mappings raise nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.mapping.lint_values import (
    enum_map_problem,
    is_naive_time,
    max_length_of,
    naive_time_problem,
    observed,
    written_value_problem,
)
from seamguard.mapping.shapes import Shape
from tests.support.other_systems import measure


def test_every_planted_mistake_is_reported_and_correct_mappings_are_clean(
        tmp_path: Path) -> None:
    results, alarms = measure(tmp_path)
    assert alarms == []
    assert [defect.description for defect, found, _ in results if not found] == []
    assert len(results) >= 30


@pytest.mark.parametrize(("examples", "naive"), [
    (["2024-07-10 10:15:00"], True),
    (["2024-07-10T10:15:00", "2024-07-11 00:30"], True),
    (["2024-07-10 10:15:00+08:00"], False),
    (["2024-07-10T02:15:00Z"], False),
    (["2024-07-10 10:15:00", "2024-07-10T02:15:00Z"], False),  # one has an offset
    (["2024-07-10"], False),
    ([], False),
])
def test_a_time_without_offset_is_known_by_its_example_values(
        examples: list[str], naive: bool) -> None:
    assert is_naive_time(Shape(types={"string"}, examples=examples)) is naive


def test_golden_inputs_count_only_where_the_contract_says_nothing() -> None:
    bare = Shape(types={"string"})
    assert observed(bare, ["2024-07-10 10:15:00"]).examples == ["2024-07-10 10:15:00"]
    with_pattern = Shape(types={"string"}, pattern="^.*Z$")
    assert observed(with_pattern, ["2024-07-10 10:15:00"]) is with_pattern


def test_datetime_utc_without_tz_on_a_time_the_examples_show_local_is_reported() -> None:
    source = observed(Shape(types={"string"}), ["2024-07-10 10:15:00"])
    problem = naive_time_problem([("datetime_utc", {})], source, None, "FDate",
                                 china_time=False)
    assert problem is not None
    assert problem.step == 0
    assert "'2024-07-10 10:15:00'" in problem.message
    assert naive_time_problem([("datetime_utc", {"tz": "Asia/Shanghai"})], source, None,
                              "FDate", china_time=False) is None


@pytest.mark.parametrize(("source", "bound"), [
    (Shape(types={"string"}, pattern="^[A-Za-z]{3}$"), 3),
    (Shape(types={"string"}, enum=["cny", "usd"]), 3),
    (Shape(types={"string"}, max_length=3), None),  # "ß".upper() is "SS"
    (Shape(types={"string"}, pattern="^.{3}$"), None),
    (Shape(types={"string"}, pattern="^[a-zß]{3}$"), None),
    (Shape(types={"string"}, pattern=r"^\w{3}$"), None),
])
def test_a_change_of_case_keeps_the_length_of_ascii_text_only(
        source: Shape, bound: int | None) -> None:
    assert max_length_of(source, [("trim", {}), ("upper", {})]) == bound


@pytest.mark.parametrize(("steps", "bound"), [
    ([("phone_e164", {}), ("mask_phone", {})], 16),
    ([("trim", {}), ("province_code", {})], 5),
    ([("country_iso2", {})], 2),
    ([("datetime_utc", {"tz": "Asia/Shanghai"}), ("date_only", {})], 10),
    ([("province_code", {}), ("lower", {})], None),  # text not known to be ASCII
    ([("trim", {})], None),
])
def test_transforms_with_a_bounded_output_bound_the_value(steps: list, bound: int | None
                                                          ) -> None:
    assert max_length_of(Shape(types={"string"}), steps) == bound


def test_an_enum_map_giving_a_value_the_target_enum_lacks_is_named() -> None:
    target = Shape(types={"string"}, enum=["-None-", "Online Store", "Partner"])
    problem = enum_map_problem([("trim", {}), ("enum_map", {
        "mapping": {"WAP": "Mobile", "JHS": "Partner"}, "default": "Other"})], target, "Src")
    assert problem is not None
    assert problem.step == 1
    assert "'Mobile', 'Other'" in problem.message
    fine = ("enum_map", {"mapping": {"WAP": "Online Store"}, "default": "-None-"})
    assert enum_map_problem([fine], target, "Src") is None
    assert enum_map_problem([fine, ("trim", {})], target, "Src") is None  # not the last step
    assert enum_map_problem([fine], Shape(types={"string"}), "Src") is None


@pytest.mark.parametrize(("value", "target", "code"), [
    ("zh-cn", Shape(types={"string"}, enum=["zh-CN", "en"]), "mapping.enum-target-value"),
    ("zh-CN", Shape(types={"string"}, enum=["zh-CN", "en"]), None),
    (3, Shape(types={"integer"}, enum=[1, 2]), "mapping.enum-target-value"),
    ("021-61234567", Shape(types={"string"}, pattern="^1[3-9][0-9]{9}$"),
     "mapping.format-mismatch"),
    ("13812345678", Shape(types={"string"}, pattern="^1[3-9][0-9]{9}$"), None),
    ("", Shape(types={"string"}, enum=["a"], blank=True), None),
])
def test_a_value_written_as_it_is_must_be_one_the_target_takes(
        value: object, target: Shape, code: str | None) -> None:
    problem = written_value_problem(value, target)
    assert (problem[0] if problem else None) == code
