"""A slice of :mod:`tests.support.fresh_pii4`: one seed of numbers, compressed and wrapped
bodies, tables, path segments, HTML echoes, regional documents, obfuscated digits and a
hand-edited cassette through every privacy path, with nothing left and nothing ordinary lost."""

from __future__ import annotations

from tests.support.fresh_pii4 import SEEDS, carriers, make_values, measure


def test_one_seed_leaks_nothing_and_keeps_the_ordinary_values() -> None:
    result = measure(SEEDS[0])
    assert result.leaks == []
    assert result.lost == []


def test_the_corpus_plants_each_shape() -> None:
    names = {name for name, _ in carriers(make_values(SEEDS[1]), SEEDS[1])}
    assert {"json_numbers", "json_floats", "gzip_response", "b64url_push", "jwt_claims",
            "multipart_csv", "jsonp", "path_segments", "http2_headers", "html_error",
            "regional_record", "obfuscated_digits", "surrogate_escapes", "wechat_userinfo",
            "near_misses"} <= names
