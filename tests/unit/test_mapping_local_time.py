"""Local times without offset in contract descriptions: China time written as UTC, and read so."""

from __future__ import annotations

from typing import Any

import pytest

from seamguard.mapping.lint_local_time import (
    local_time_problem,
    says_china_time,
    says_naive_time,
    time_problems,
)
from seamguard.mapping.shapes import Shape

TEXT = Shape(types={"string"})
NAIVE_PATTERN = Shape(types={"string"},
                      pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$")
OFFSET_TIME = Shape(types={"string"}, format="date-time")


@pytest.mark.parametrize(("text", "china"), [
    ("时间格式为yyyy-MM-dd HH:mm:ss\uff0c时区为GMT+8", True),
    ("下单时间\uff08北京时间\uff09", True),
    ("东八区时间", True),
    ("China local time (UTC+8), no offset", True),
    ("China Standard Time", True),
    ("UTC+08:00", True),
    ("in Asia/Shanghai", True),
    ("UTC+80 minutes", False),
    ("GMT+9", False),
    ("UTC", False),
    ("the booked pick-up time", False),
    (None, False),
])
def test_china_time_in_words(text: str | None, china: bool) -> None:
    assert says_china_time(text) is china


@pytest.mark.parametrize(("text", "naive"), [
    ("yyyy-MM-dd HH:mm:ss", True),
    ("格式\uff1aYYYY-MM-DD HH:MM:SS", True),
    ("yyyyMMddHHmmss", True),
    ("YYYY-MM-DD HH24:MI:SS", True),
    ("YYYY-MM-DD HH24:MM:SS", True),
    ("e.g. 2024-07-10 10:15:00", True),
    ("yyyy-MM-dd'T'HH:mm:ssXXX", False),
    ("yyyy-MM-dd HH:mm:ss Z", False),
    ("e.g. 2024-07-10T10:15:00+08:00", False),
    ("e.g. 2024-07-10T10:15:00Z", False),
    ("RFC 3339 date-time", False),
    ("a date, yyyy-MM-dd", False),
])
def test_a_format_without_offset_in_words(text: str, naive: bool) -> None:
    assert says_naive_time(text) is naive


def problem(steps: list[tuple[str, dict[str, Any]]], target: Shape, described: str | None,
            *, china: bool = False, source: Shape = TEXT) -> Any:
    return local_time_problem(steps, source, target, "sendStartTm", described,
                              china_target=china)


def test_described_china_time_without_pattern_takes_an_error() -> None:
    found = problem([("datetime_utc", {"tz": "Asia/Shanghai"})], TEXT,
                    "上门取件时间\uff0c格式 yyyy-MM-dd HH:mm:ss\uff0c北京时间")
    assert found is not None
    assert found.error
    assert found.step == 0
    assert "tz: Asia/Shanghai" in found.hint


def test_utc_clock_into_a_local_time_of_unknown_zone_is_a_warning_naming_no_zone() -> None:
    offset = problem([("datetime_utc", {})], NAIVE_PATTERN, None)
    assert offset is not None
    assert offset.error  # an offset the pattern refuses is wrong in any zone
    found = problem([("datetime_utc", {}), ("regex_replace", {})], NAIVE_PATTERN, None)
    assert found is not None
    assert not found.error
    assert "<the target's zone>" in found.hint


def test_a_china_platform_makes_a_naive_pattern_china_time() -> None:
    found = problem([("datetime_utc", {})], NAIVE_PATTERN, None, china=True)
    assert found is not None
    assert found.error


@pytest.mark.parametrize("steps", [
    [("datetime_local", {"tz": "Asia/Shanghai"})],
    [("datetime_utc", {"tz": "Asia/Shanghai", "format": "yyyy-MM-dd HH:mm:ss"}),
     ("datetime_local", {"tz": "Asia/Shanghai"})],
    [("trim", {})],  # a local text passed on as it is
])
def test_the_right_rules_are_clean(steps: list[tuple[str, dict[str, Any]]]) -> None:
    assert problem(steps, NAIVE_PATTERN, "China local time (UTC+8)", china=True) is None


def test_an_offset_source_copied_is_flagged_and_the_target_format_is_kept_in_the_hint() -> None:
    found = problem([], TEXT, "yyyyMMddHHmmss, Beijing time", source=OFFSET_TIME)
    assert found is not None
    assert found.step is None
    assert 'format: "yyyyMMddHHmmss"' in found.hint


def test_targets_that_carry_offsets_are_left_alone() -> None:
    for target in (OFFSET_TIME, Shape(types={"integer"}), TEXT):
        assert problem([("datetime_utc", {})], target, None, china=True) is None


def test_a_source_described_as_china_time_read_as_utc_is_a_naive_time_error() -> None:
    # no pattern and no examples: only the description says the time has no offset
    [(code, found)] = time_problems(
        [("datetime_utc", {"format": "yyyy-MM-dd HH:mm:ss"})], TEXT, None, "created",
        said="订单创建时间\uff0c格式yyyy-MM-dd HH:mm:ss\uff08北京时间\uff09", told=None,
        china_source=False, china_target=False)
    assert code == "mapping.naive-time"
    assert found.error
    assert "description" in found.message


def test_a_described_naive_source_with_a_zone_is_clean() -> None:
    assert time_problems([("datetime_utc", {"format": "yyyy-MM-dd HH:mm:ss",
                                            "tz": "Asia/Shanghai"})], TEXT, None, "created",
                         said="yyyy-MM-dd HH:mm:ss, GMT+8", told=None, china_source=False,
                         china_target=False) == []
