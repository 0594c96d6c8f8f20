"""A slice of :mod:`tests.support.fresh_pii5`: one seed of values as object keys, wrapped and
oddly spelt values, identity documents, names, address shapes and SOAP, GraphQL, multipart,
header, SSE, NDJSON and GBK carriers through every privacy path, with nothing left and nothing
ordinary lost."""

from __future__ import annotations

from tests.support.fresh_pii5 import SEEDS, carriers, make_values, measure


def test_one_seed_leaks_nothing_and_keeps_the_ordinary_values() -> None:
    result = measure(SEEDS[0])
    assert result.leaks == []
    assert result.lost == []


def test_the_corpus_plants_each_shape() -> None:
    names = {name for name, _ in carriers(make_values(SEEDS[1]), SEEDS[1])}
    assert {"object_keys", "jwt_claims", "query_json", "double_percent", "u_escaped_digits",
            "xml_entities", "spelt", "documents", "names", "addresses", "soap_cdata",
            "graphql", "multipart_filename", "headers", "sse", "ndjson_bom", "gbk_form",
            "near_misses"} <= names
