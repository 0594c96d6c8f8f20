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
