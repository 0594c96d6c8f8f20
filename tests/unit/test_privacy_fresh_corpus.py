"""A slice of :mod:`tests.support.fresh_pii`: one seed of new locales, carrier and ERP payload
shapes and wrappings through every privacy path, with nothing left and nothing ordinary lost."""

from __future__ import annotations

from tests.support.fresh_pii import CHECK_SEEDS, DEV_SEEDS, make_values, measure


def test_one_seed_leaks_nothing_and_keeps_the_ordinary_values() -> None:
    result = measure(DEV_SEEDS[0])
    assert result.leaks == []
    assert result.lost == []


def test_the_seeds_plant_every_locale() -> None:
    values = make_values(CHECK_SEEDS[0])
    locales = {value.name.split("/")[0] for value in values}
    assert {"ja_JP", "ko_KR", "de_DE", "pl_PL", "tr_TR", "cs_CZ", "sv_SE", "ar_AA",
            "zh_TW"} <= locales
    assert all(value.value for value in values)
