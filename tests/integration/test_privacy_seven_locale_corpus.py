"""The sixth seeded corpus (``tests/support/seven_locale_pii.py``): Faker values of seven locales
in sentences, keys on no list, keys themselves, JSON inside JSON, base64-wrapped JSON, form,
XML and GBK bodies, ``Set-Cookie``/``Location``/``Referer`` headers and a query string with a JWT,
through the vcrpy hooks, ``privacy scrub``, ``privacy scan`` and the report masks: nothing is
left, and ids, SKUs, amounts, ranges, waybills, timestamps and brand phrases are kept.

``python -m tests.support.seven_locale_pii`` prints the same measurement by seed and carrier.
"""

from __future__ import annotations

import pytest

from tests.support.seven_locale_pii import KEPT, LOCALES, SEEDS, carriers, make_seeds, measure


def test_every_locale_and_carrier_is_measured() -> None:
    seeds = make_seeds(SEEDS[0])
    assert {seed.name.split("/")[0] for seed in seeds} >= set(LOCALES)
    assert {name for name, _ in carriers(seeds)} == {
        "json", "form", "xml", "gbk-text", "headers", "query", "json-in-json-in-json"}


@pytest.mark.parametrize("seed", SEEDS)
def test_no_seed_is_left_and_no_ordinary_value_is_lost(seed: int) -> None:
    result = measure(seed)
    assert result.leaks == []
    assert result.lost == []
    assert result.scan_flagged  # the raw cassette was reported before it was scrubbed


def test_the_ordinary_values_are_carried_at_all() -> None:
    raw = " ".join(str(interaction) for _, interaction in carriers(make_seeds(SEEDS[0])))
    assert all(value in raw for value in KEPT.values())
