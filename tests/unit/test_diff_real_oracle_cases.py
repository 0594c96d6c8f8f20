"""The labelled pairs of real spec versions are well formed (the scorer needs clones to run)."""

from __future__ import annotations

import re

from seamguard.contracts.diff import Change
from tests.support.diff_real_oracle import highest
from tests.support.diff_real_oracle_cases import PAIRS

_LEVELS = {"error", "warning", "info"}


def test_every_pair_names_two_commits_and_a_level() -> None:
    assert len({pair.name for pair in PAIRS}) == len(PAIRS)
    for pair in PAIRS:
        assert re.fullmatch(r"[0-9a-f]{7,40}", pair.before), pair.name
        assert re.fullmatch(r"[0-9a-f]{7,40}", pair.after), pair.name
        assert pair.before != pair.after, pair.name
        assert pair.expected in _LEVELS, pair.name
        assert pair.why, pair.name
        assert all(level in _LEVELS | {"none"} for _, level in pair.labels), pair.name
        if pair.stance is not None:
            assert pair.stance[0] in _LEVELS
            assert pair.stance[0] != pair.expected
            assert "docs/diff-rules.md" in pair.stance[1]


def test_the_sample_spans_three_sources_and_every_level() -> None:
    assert {pair.repo for pair in PAIRS} == {"shipengine/shipengine-openapi",
                                             "HubSpot/HubSpot-public-api-spec-collection",
                                             "bigcommerce/docs"}
    assert {pair.expected for pair in PAIRS} == _LEVELS


def test_a_pair_is_graded_by_its_highest_change() -> None:
    def change(level: str) -> Change:
        return Change("x", level, "GET /a", "", "", "response")

    assert highest([]) == "info"
    assert highest([change("info"), change("warning")]) == "warning"
    assert highest([change("warning"), change("error"), change("info")]) == "error"
