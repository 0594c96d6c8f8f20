"""User regexes run bounded: a backtracking shape the static check misses ends in a finding."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard import regex_limits
from seamguard.mapping.engine import compile_mapping
from seamguard.mapping.regex_safety import backtracking_risk
from seamguard.mapping.spec import MappingSpec
from seamguard.regex_limits import BoundedRegex, RegexTimeout

# Shapes ``backtracking_risk`` does not know, each exponential on its attack in re and in
# regex (whose guards already make ``(\w|\d)+$`` linear).
MISSED = [(r"(\w\w|\w\d|\d\w)+$", "1" * 40 + "!"), (r"(\w\w|\w\d|\d\w)+\s", "1" * 40),
          (r"^(?:[a-z]{2}|a[a-z]|[a-z]a)+$", "a" * 40 + "!"), (r"(ab|a\w|\wb)+$", "ab" * 20 + "!")]


@pytest.fixture
def tight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_limits, "PER_VALUE_SECONDS", 0.05)
    monkeypatch.setattr(regex_limits, "TOTAL_SECONDS", 5.0)


@pytest.mark.parametrize(("pattern", "attack"), MISSED)
def test_a_shape_the_static_check_misses_times_out_with_its_pattern_named(
    tight: None, pattern: str, attack: str
) -> None:
    assert backtracking_risk(pattern) is None
    bounded = BoundedRegex(pattern)
    with pytest.raises(RegexTimeout, match="gave up after") as caught:
        bounded.search(attack)
    assert caught.value.pattern == pattern
    assert "atomic group" in caught.value.hint


def test_a_pattern_that_spent_its_budget_is_no_longer_tried() -> None:
    bounded = BoundedRegex(r"(\w\w|\w\d|\d\w)+$", per_value=0.05, total=0.2)
    messages = []
    for _ in range(20):
        with pytest.raises(RegexTimeout) as caught:
            bounded.search("1" * 40 + "!")
        messages.append(str(caught.value))
    assert "spent its whole 0.2 s budget" in messages[-1]
    assert bounded.remaining <= 0


def spec_with(pattern: str) -> MappingSpec:
    return MappingSpec.model_validate({
        "source": {"contract": "a@v1", "schema": "#/components/schemas/A"},
        "target": {"contract": "b@v1", "schema": "#/components/schemas/B"},
        "identity": {"source": "id", "target": "id"},
        "fields": [{"target": "id", "source": "id"},
                   {"target": "name", "source": "name", "transforms": [
                       {"regex_replace": {"pattern": pattern, "replacement": "x"}}]}]})


def test_a_mapping_reports_the_hung_value_and_maps_the_other_records(tight: None) -> None:
    compiled = compile_mapping(spec_with(r"(\w\w|\w\d|\d\w)+$"))
    out, problems = compiled.apply({"id": 1, "name": "1" * 40 + "!"})
    [problem] = problems
    assert (problem.target, problem.code) == ("name", "mapping.transform-failed")
    assert repr(r"(\w\w|\w\d|\d\w)+$") in problem.message
    assert "backtracks catastrophically" in problem.message
    assert "hint:" in problem.message
    assert out == {"id": 1}
    out, problems = compiled.apply({"id": 2, "name": "ab"})
    assert (out, problems) == ({"id": 2, "name": "x"}, [])


# re and regex's VERSION0 agree on what existing specs hold: groups, names, empty matches.
_PATTERNS = [r"^", r"$", r"x*", r"\s+", r"(\d{3})(\d{4})", r"(?P<a>[a-z]+)-(?P<b>\d+)",
             r"(?i)abc", r"[^\w]", r"\b", r"(?:ab)?", r"[\u4e00-\u9fff]+", r"a|b|"]
_REPLACEMENTS = ["", "-", r"\1", r"<\g<0>>", "$"]


@settings(max_examples=150)
@given(pattern=st.sampled_from(_PATTERNS), replacement=st.sampled_from(_REPLACEMENTS),
       text=st.text(alphabet="ab -x1234567890ABC中文\t\n", max_size=20))
def test_bounded_sub_agrees_with_re(pattern: str, replacement: str, text: str) -> None:
    try:
        expected = re.sub(pattern, replacement, text)
    except re.error:
        with pytest.raises(re.error):
            re.compile(pattern).sub(replacement, "")
        return
    assert BoundedRegex(pattern).sub(replacement, text) == expected


def test_a_pattern_re_refuses_is_refused_the_same_way() -> None:
    with pytest.raises(re.error):
        BoundedRegex(r"(unclosed")


def test_a_slice_of_the_runtime_scorer_ends_every_pattern() -> None:
    from tests.support.regex_runtime import overlapping, run_patterns

    drawn = overlapping(3, 4)
    assert all(backtracking_risk(p) is None for p in drawn)
    verdicts = run_patterns([MISSED[0][0], "-", *drawn[:1]])
    assert verdicts[MISSED[0][0]] == "finding"
    assert verdicts["-"] == "ok"
    assert "hang" not in verdicts.values()


class _Clock:
    """A perf_counter that moves ``step`` seconds at each reading."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def perf_counter(self) -> float:
        self.now += self.step
        return self.now


def test_a_healthy_pattern_over_many_values_never_spends_its_budget(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # each value reads as taking 1 ms: fast, but 2,000 of them add up to twice the total
    monkeypatch.setattr(regex_limits, "time", _Clock(0.001))
    bounded = BoundedRegex(r"\d+", total=1.0)
    for number in range(2000):
        assert bounded.sub("#", f"order {number}") == "order #"
    assert bounded.remaining == 1.0


def test_slow_values_still_spend_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # each value reads as taking 0.25 s: slow, so two of them spend a 0.5 s total
    monkeypatch.setattr(regex_limits, "time", _Clock(0.25))
    bounded = BoundedRegex(r"\d+", total=0.5)
    for _ in range(2):
        bounded.search("order 1")
    with pytest.raises(RegexTimeout, match=r"spent its whole 0\.5 s budget"):
        bounded.search("order 2")


def test_a_timeout_on_the_last_sliver_of_budget_spends_it() -> None:
    # what is left (far under the 10 ms a slow value takes) bounds the next value: the timeout
    # that follows must still spend it, or the pattern would be tried for ever
    bounded = BoundedRegex(r"(\w\w|\w\d|\d\w)+$", per_value=0.05, total=0.05)
    bounded.remaining = 0.001
    with pytest.raises(RegexTimeout, match="gave up after"):
        bounded.search("1" * 40 + "!")
    assert bounded.remaining <= 0
    with pytest.raises(RegexTimeout, match="spent its whole"):
        bounded.search("1" * 40 + "!")


@pytest.mark.parametrize(("pattern", "attack"), MISSED)
def test_a_contracts_pattern_tried_on_a_sample_is_bounded(pattern: str, attack: str) -> None:
    """map lint tries a target's pattern on sample values: one that backtracks past its bound
    says nothing (no finding on a guess) instead of holding the lint."""
    from seamguard.mapping import lint_values
    from seamguard.mapping.shapes import Shape

    assert regex_limits.sample_search(pattern, "x") is False
    assert regex_limits.sample_search(pattern, attack) is None
    assert lint_values.matches(pattern, attack) is True
    assert lint_values.is_naive_time(Shape(types={"string"}, pattern=pattern)) is False
    assert regex_limits.sample_search(r"\p{L}", "a") is None  # ECMA-262, not Python


def test_sync_lint_reads_a_timestamp_pattern_bounded() -> None:
    from seamguard.mapping.shapes import Shape
    from seamguard.mapping.sync_lint import _timestamp

    assert _timestamp(Shape(types={"string"}, pattern=r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}"))
    assert not _timestamp(Shape(types={"string"}, pattern=r"\p{L}+"))  # was re.error


@pytest.mark.parametrize(("kind", "refused"), [("postgresql", 1), ("spark", 1), ("duckdb", 0)])
def test_a_backtracking_suite_regex_is_refused_before_a_backtracking_engine(
        kind: str, refused: int) -> None:
    from seamguard.quality.gx_regex import refuse_backtracking
    from seamguard.quality.suites import Expectation

    risky = Expectation(index=0, type="expect_column_values_to_not_match_regex_list",
                        kwargs={"column": "c", "regex_list": ["^ok$", r"(\w+\s?)+$"]}, meta={})
    safe = Expectation(index=1, type="expect_column_values_to_match_regex",
                       kwargs={"column": "c", "regex": r"^\w+(\s\w+)*$"}, meta={})
    kept, outcomes = refuse_backtracking([risky, safe], kind)
    assert len(outcomes) == refused
    assert safe in kept
    for outcome in outcomes:
        assert outcome.expectation is risky
        assert not outcome.success
        assert outcome.error is not None
        assert r"'(\\w+\\s?)+$'" in outcome.error
        assert "column 'c'" in outcome.error
