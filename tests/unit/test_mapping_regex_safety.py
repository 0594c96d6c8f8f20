"""Catastrophic-backtracking patterns are found before any value is matched."""

from __future__ import annotations

import re

import pytest

from seamguard.errors import UsageError
from seamguard.mapping.regex_safety import backtracking_risk
from seamguard.mapping.transforms import TRANSFORMS

# Shapes from the OWASP ReDoS page, safe-regex's tests and bug reports of real services.
CATASTROPHIC = [
    r"(a+)+$", r"(a*)*b", r"^(\w+\s?)*$", r"(.|\s)*x", r"(a|a)*b", r"^(a|aa)+$",
    r"(x+x+)+y", r"(?:[a-z]+\d*)+$", r"(\d+)*", r"(a{1,3}){10,}", r"(.*,)+x",
    r"^(([a-z])+.)+[A-Z]([a-z])+$", r"(\s*-?\s*)+$", r"(a?b?)+c", r"(\w+|\d)+$",
    r"(?i)(A+a+)+$", r"(?P<n>\d+)*", r"^([a-zA-Z0-9])(([\-.]|[_]+)?([a-zA-Z0-9]+))*(@)",
    r"(a?){25}a{25}", r"(a|b|ab)*c", r"(\d|\d\d)+x", r"(.*a){12}",
    r"^([a-z0-9]+([._-]?[a-z0-9]+)*)@", r"(?:(?:a+|\s,+)?){10,}\s", r"(?:[ab]{2}|[ab]?)+,",
    r"(?:a?b?|,)+c", r"(?:b|b?){10,}c",
    r"(?:,?|\w?){10,}[a-z]\d", r"(?:\w(?:-?)?){10,}a+",
]
SAFE = [
    r"\s+", r"^\s+|\s+$", r"[^0-9]", r"(\d{3})+", r"(ab+)+", r"(\w+\.)+com", r"(a|b)*c",
    r"^(\+86)?(\d{11})$", r"\s*,\s*", r"(\d+)-(\d+)", r"[-\s()]+", r"^0+(?=\d)", "^",
    r"(?:https?|ftp)://\S+", r"(?:[a-z]+,)*[a-z]+", r"(\d{1,3}(,\d{3})*)", r"(?>a+)+b",
    r"(ab|ac)+", r"\w+(\s\w+)*", r"[\s\S]*", r"^(\d{3})\d{4}", r"\+86",
    r"(a|ab)+", r"(a|b|)+c", r"(a?)+c", r"(\+?\d){10}", r"(-?\d){10,15}", r"(?:\d{3}-?){3}",
]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_shapes_are_found(pattern: str) -> None:
    assert backtracking_risk(pattern) is not None


@pytest.mark.parametrize("pattern", SAFE)
def test_linear_patterns_pass(pattern: str) -> None:
    assert backtracking_risk(pattern) is None


def test_a_pattern_re_cannot_parse_is_left_to_re() -> None:
    assert backtracking_risk("(") is None


def test_deep_nesting_is_analysed_or_left_to_re_never_a_crash() -> None:
    assert backtracking_risk("(" * 90 + "a" + ")" * 90) is None
    assert backtracking_risk("(?:" * 300 + "a+" + ")+" * 300) is not None


def test_regex_replace_refuses_a_catastrophic_pattern_with_a_rewrite_hint() -> None:
    with pytest.raises(UsageError) as caught:
        TRANSFORMS.get("regex_replace").bind({"pattern": r"^(\w+\s?)*$", "replacement": ""})
    assert "backtracks catastrophically" in caught.value.message
    assert "(?>" in (caught.value.hint or "")


def test_the_hints_rewrites_are_safe_and_match_the_same_text() -> None:
    for bad, good in ((r"^(\w+\s?)+$", r"^\w+(\s\w+)*\s?$"), (r"(a+)+", "a+")):
        assert backtracking_risk(good) is None
        for text in ("ab cd", "abc", "a", "aaa", "ab  cd"):
            assert bool(re.fullmatch(bad, text)) == bool(re.fullmatch(good, text)), text


def test_a_slice_of_generated_patterns_allowed_finishes_its_attack_strings() -> None:
    from tests.support.regex_backtracking import generate, slow_patterns

    allowed = [p for p in generate(5, 60) if backtracking_risk(p) is None]
    assert len(allowed) > 20
    assert slow_patterns(allowed, batch=len(allowed)) == []


def test_the_slow_pattern_finder_finds_a_catastrophic_one() -> None:
    from tests.support.regex_backtracking import slow_patterns

    assert slow_patterns([r"(a+)+$", "a"], seconds=1.0) == [r"(a+)+$"]
