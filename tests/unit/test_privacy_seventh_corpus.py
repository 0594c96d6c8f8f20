"""A slice of :mod:`tests.support.fresh_pii7`: one seed of platform shapes, split and typed
values, wrapped bodies, auth headers, Unicode spellings, regional documents and codes holding a
mobile's digits through every in-process privacy path, with nothing left and nothing ordinary
lost."""

from __future__ import annotations

import pytest

from tests.support.fresh_pii7 import SEEDS, carriers, make_values, measure


def test_one_seed_leaks_nothing_and_keeps_the_ordinary_values(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRESH_PII7_CLI", "0")
    result = measure(SEEDS[0])
    assert result.leaks == []
    assert result.lost == []


def test_the_corpus_plants_each_shape() -> None:
    names = {name for name, _ in carriers(make_values(SEEDS[1]))}
    assert {"shape/shopify_gql", "shape/sf_composite", "shape/hubspot_assoc",
            "shape/zoho_status", "shape/pdd_split", "shape/sf_route", "shape/tabular",
            "shape/jdy_subform", "composite_request", "typed", "typed_text", "b64_form",
            "cdata_json", "multipart", "ndjson", "gbk_form", "headers", "sf_session",
            "unicode", "near_misses"} <= names
