"""The fifth seeded corpus (``tests/support/mixed_locale_pii.py``): Faker's zh_CN, zh_TW, en_US
and ja_JP values, Hong Kong and Macau numbers without a country code, North American numbers
without ``+1``, WeChat IDs and QQ numbers, names in a shop's notes, in JSON, NDJSON, forms,
multipart, XML, CSV, GBK and Big5 bodies, JSON and forms nested in each other, query strings
and headers: nothing is left by the recording scrubber or the report masks, and ids, waybills,
SKUs, timestamps and amounts are kept.

``python -m tests.support.mixed_locale_pii`` prints the same measurement by seed and carrier.
"""

from __future__ import annotations

from tests.support.mixed_locale_pii import SEEDS, carry, kept, leaks


def test_every_carrier_is_measured() -> None:
    carriers = {carried.carrier for carried in carry()}
    assert {"json", "ndjson", "form", "multipart", "xml", "csv", "gbk-text", "big5-json",
            "json-in-string", "form-in-json", "json-in-form", "query", "headers", "mask_text",
            "mask_value", "json/masks"} <= carriers
    assert len(SEEDS) >= 25


def test_no_seed_is_left_by_any_carrier() -> None:
    assert leaks() == []


def test_ordinary_values_survive_every_carrier() -> None:
    assert kept() == []
