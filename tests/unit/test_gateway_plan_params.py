"""A gateway plan reads the operation and version parameters in place: the same answers as
``Params.get``; a bodiless call's merged parameters are its query's."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from hypothesis import given
from hypothesis import strategies as st

from seamguard.verify_gateway_plan import _first
from seamguard.wire.profile import ParamLocation
from seamguard.wire.requests import Params

NAMES = st.sampled_from(["method", "v", "serviceCode", "type"])
VALUES = st.dictionaries(NAMES, st.text(max_size=6), max_size=3)
PLACES = st.lists(st.sampled_from(["query", "form", "header", "json"]), min_size=1,
                  max_size=4, unique=True)


@given(VALUES, VALUES, VALUES, st.dictionaries(NAMES, st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=4),
    st.lists(st.integers(), max_size=2)), max_size=3), st.sampled_from(["form", "json", None]),
    PLACES, NAMES)
def test_first_is_params_get(query: dict[str, str], form: dict[str, str],
                             headers: dict[str, str], document: dict[str, object],
                             kind: str | None, places: list[str], name: str) -> None:
    uri = "https://gw.example/router/rest" + ("?" + urlencode(query) if query else "")
    lowered = {k.lower(): v for k, v in headers.items()}
    body: str | None = None
    if kind == "form":
        lowered["content-type"] = "application/x-www-form-urlencoded"
        body = urlencode(form)
    elif kind == "json":
        lowered["content-type"] = "application/json"
        body = json.dumps(document)
    location = ParamLocation.model_validate({"in": places, "name": name})
    expected = Params(uri, lowered, body).get(location)
    assert _first(Params(uri, lowered, body), tuple(places), name) == expected


@given(VALUES, st.sampled_from([None, "", b""]))
def test_bodiless_merged_is_a_copy_of_the_query(query: dict[str, str],
                                                body: str | bytes | None) -> None:
    uri = "https://gw.example/router/rest?" + urlencode(query)
    params = Params(uri, {"content-type": "application/x-www-form-urlencoded"}, body)
    merged = params.merged()
    assert merged == query == params.query
    assert merged is not params.query
    assert params.form == {}
    assert params.json is None
    assert params.merged() is merged


@given(VALUES, VALUES, st.sampled_from(["application/x-www-form-urlencoded",
                                        "application/json", "text/plain", None]))
def test_merged_once_the_content_type_is_known(query: dict[str, str], form: dict[str, str],
                                               content_type: str | None) -> None:
    uri = "https://gw.example/router/rest?" + urlencode(query)
    headers = {} if content_type is None else {"content-type": content_type}
    body = json.dumps(form) if content_type == "application/json" else urlencode(form) or "x=1"
    for _ in range(2):  # the second time, the Content-Type's reading is remembered
        params = Params(uri, headers, body)
        expected = {**params.query, **params.form}
        if isinstance(params.json, dict):
            expected.update(params.json)
        fresh = Params(uri, headers, body)
        assert fresh.merged() == expected
        assert fresh.json == params.json
