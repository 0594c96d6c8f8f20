"""Mapping lint on what a rule does to values: local times read as UTC, amounts in the wrong
unit, formats the target's pattern refuses, and length warnings only where a value can be long."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.mapping.lint_values import matches, max_length_of, unit_problem
from seamguard.mapping.shapes import Shape
from tests.integration.test_mapping import break_mapping, line_of, report

TRADE = "contracts/mappings/taobao-trade-to-hubspot-deal.yaml"
FENGQIAO = "contracts/mappings/hubspot-deal-to-sf-fengqiao-order.yaml"
LOCAL = '{datetime_utc: {format: "yyyy-MM-dd HH:mm:ss", tz: Asia/Shanghai}}'


def _errors(root: Path, code: str) -> tuple[int, list[dict]]:
    exit_code, findings = report(root, "map", "lint")
    return exit_code, [f for f in findings if f["code"] == code]


@pytest.mark.parametrize(("steps", "step"), [
    ('{datetime_utc: {format: "yyyy-MM-dd HH:mm:ss"}}', 0),  # tz left out: read as UTC
    ('{datetime_utc: {format: "yyyy-MM-dd HH:mm:ss", tz: UTC}}', 0),
    ("trim, date_only", 1),  # date_only refuses a time without offset
], ids=["no-tz", "tz-utc", "date-only"])
def test_a_china_time_read_as_utc_is_an_error_at_the_step(
        example: Path, steps: str, step: int) -> None:
    break_mapping(example, TRADE, f"    source: pay_time\n    transforms: [{LOCAL}]",
                  f"    source: pay_time\n    transforms: [{steps}]")
    exit_code, [finding] = _errors(example, "mapping.naive-time")
    assert exit_code == 1
    assert finding["severity"] == "error"
    assert finding["location"]["pointer"].endswith(f"/transforms/{step}")
    assert finding["location"]["line"] == line_of(example, TRADE, f"transforms: [{steps}]")
    assert "Asia/Shanghai" in finding["hint"]


def test_the_first_set_of_several_china_times_read_as_utc_is_an_error(example: Path) -> None:
    break_mapping(example, TRADE, f"    source: pay_time\n    transforms: [{LOCAL}]",
                  "    source: [pay_time, created]\n    transforms: [coalesce, datetime_utc]")
    exit_code, [finding] = _errors(example, "mapping.naive-time")
    assert exit_code == 1
    assert finding["location"]["pointer"].endswith("/transforms/1")


def test_a_china_time_copied_into_a_date_time_field_is_an_error(example: Path) -> None:
    break_mapping(example, TRADE, f"    source: pay_time\n    transforms: [{LOCAL}]",
                  "    source: pay_time")
    # HubSpot's closedate is a date-time: the local text would be refused
    exit_code, [finding] = _errors(example, "mapping.naive-time")
    assert exit_code == 1
    assert "no step converts" in finding["message"]
    _, formats = _errors(example, "mapping.format-mismatch")
    assert formats == []  # said once, as the time-zone problem it is


def test_the_correct_china_time_rule_is_clean(example: Path) -> None:
    exit_code, findings = report(example, "map", "lint")
    assert exit_code == 0
    assert [f for f in findings if f["code"] == "mapping.naive-time"] == []


def test_minor_units_into_a_decimal_amount_is_a_unit_mismatch(example: Path) -> None:
    break_mapping(example, FENGQIAO, "source: properties.amount, transforms: [to_number]",
                  "source: properties.amount, transforms: [{money_to_minor: {currency: CNY}}]")
    exit_code, [finding] = _errors(example, "mapping.unit-mismatch")
    assert exit_code == 1
    assert finding["location"]["pointer"].endswith("/transforms/0")
    assert "5990" in finding["message"]
    assert "money_to_minor" in finding["hint"]


def test_minor_units_into_a_field_named_for_them_are_fine() -> None:
    target = Shape(types={"number"})
    steps = [("money_to_minor", {"currency": "CNY"})]
    assert unit_problem(steps, Shape(types={"string"}), target, "amount_fen") is None
    assert unit_problem(steps, Shape(types={"string"}), target, "totalCents") is None
    assert unit_problem(steps, Shape(types={"string"}), target, "Amount") is not None
    # integer fields hold minor units; a later money_from_minor undoes the step
    assert unit_problem(steps, Shape(types={"string"}), Shape(types={"integer"}), "x") is None
    assert unit_problem([*steps, ("money_from_minor", {"currency": "CNY"})],
                        Shape(types={"string"}), target, "Amount") is None


@pytest.mark.parametrize(("source", "wrong"), [
    (Shape(types={"string"}, pattern=r"^-?[0-9]+\.[0-9]{2}$"), True),  # "59.90"
    (Shape(types={"number"}), True),  # yuan as a JSON number
    (Shape(types={"integer"}), False),  # fen
])
def test_money_from_minor_on_an_amount_with_decimals(source: Shape, wrong: bool) -> None:
    steps = [("money_from_minor", {"currency": "CNY"})]
    assert (unit_problem(steps, source, Shape(types={"string"}), "amount") is not None) is wrong


def test_a_value_the_target_pattern_refuses_is_a_format_error(example: Path) -> None:
    # SF wants a national mobile (^1[3-9][0-9]{9}$); E.164 text keeps its +86
    break_mapping(example, FENGQIAO, ", {regex_replace: {pattern: '\\+86', replacement: \"\"}}]",
                  "]")
    exit_code, [finding] = _errors(example, "mapping.format-mismatch")
    assert exit_code == 1
    assert finding["severity"] == "error"
    assert "refuses" in finding["message"]
    assert "e164" in finding["message"]


SEND_START = "  - target: sendStartTm\n    source: properties.closedate\n"


@pytest.mark.parametrize(("steps", "step", "words"), [
    ("[datetime_utc]", "/transforms/0", "'2024-07-10T02:15:00Z'"),
    ("[datetime_utc, {regex_replace: {pattern: 'T|Z', replacement: ' '}}, trim]",
     "/transforms/0", "eight hours early"),
    ("[{datetime_local: {tz: UTC}}]", "/transforms/0", "UTC's clock"),
    ("[]", "", "unconverted"),
], ids=["utc-with-offset", "utc-clock-offset-cut", "local-in-utc", "copied"])
def test_a_utc_time_written_into_a_china_local_time_is_an_error(
        example: Path, steps: str, step: str, words: str) -> None:
    # sendStartTm is "China local time (UTC+8), yyyy-MM-dd HH:mm:ss, no offset"
    break_mapping(example, FENGQIAO, "  - target: language\n",
                  f"{SEND_START}    transforms: {steps}\n  - target: language\n")
    exit_code, [finding] = _errors(example, "mapping.utc-into-local-time")
    assert exit_code == 1
    assert finding["severity"] == "error"
    assert finding["location"]["pointer"].endswith(f"/fields/1{step}")
    assert words in finding["message"]
    assert 'datetime_local: {tz: Asia/Shanghai, format: "yyyy-MM-dd HH:mm:ss"}' in finding["hint"]
    assert finding["location"]["line"] == line_of(
        example, FENGQIAO, f"transforms: {steps}" if step else "target: sendStartTm")
    _, formats = _errors(example, "mapping.format-mismatch")
    assert formats == []  # said once, as the time-zone problem it is


def test_a_china_local_time_written_with_datetime_local_is_clean(example: Path) -> None:
    break_mapping(example, FENGQIAO, "  - target: language\n",
                  f"{SEND_START}    transforms: [{{datetime_local: {{tz: Asia/Shanghai}}}}]\n"
                  "  - target: language\n")
    exit_code, findings = report(example, "map", "lint")
    assert exit_code == 0
    assert [f["code"] for f in findings if f["code"].startswith("mapping.")
            and f["severity"] != "info"] == []


def test_a_target_pattern_python_cannot_read_is_no_format_finding() -> None:
    assert matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "2024-07-10T02:15:00Z") is False
    assert matches(r"^\p{L}+$", "2024-07-10T02:15:00Z") is True  # ECMA-262 only
    assert matches("^(unclosed", "x") is True


@pytest.mark.parametrize(("source", "steps", "bound"), [
    (Shape(types={"string"}, pattern="^[0-9]{6}-[0-9]{12,18}$"), [], 25),
    (Shape(types={"string"}, pattern="^[0-9]{6,20}$"),
     [("trim", {}), ("regex_replace", {"pattern": "^", "replacement": "JD"})], 22),
    (Shape(types={"integer"}), [("to_string", {})], 20),
    (Shape(types={"string"}, enum=["paid", "refunded"]), [], 8),
    (Shape(types={"string"}, max_length=30), [("truncate", {"max_length": 10})], 10),
    (Shape(types={"string"}, pattern="^[0-9]+$"), [], None),  # unbounded
    (Shape(types={"string"}, pattern="[0-9]{3}"), [], None),  # not anchored: any length
    (Shape(types={"string"}, pattern="^[1-9][0-9]?$|^100$"), [], None),  # alternatives
    (Shape(types={"string"}, max_length=8), [("upper", {})], None),  # ß -> SS grows
    (Shape(types={"string"}, max_length=8),
     [("regex_replace", {"pattern": "a", "replacement": "bbb"})], None),
])
def test_how_long_a_rule_value_can_get(source: Shape, steps: list, bound: int | None) -> None:
    assert max_length_of(source, steps) == bound


def test_a_free_text_id_without_truncate_still_gets_the_length_warning(example: Path) -> None:
    # HubSpot's deal id is free text: without the cut it may exceed SF's 64 characters
    exit_code, findings = report(example, "map", "lint")
    assert exit_code == 0
    assert [f for f in findings if f["code"] == "mapping.may-exceed-length"] == []
    break_mapping(example, FENGQIAO, ', {truncate: {max_length: 64}}]', ']')
    _, [finding] = _errors(example, "mapping.may-exceed-length")
    assert finding["location"]["line"] == line_of(example, FENGQIAO, "- target: orderId")
