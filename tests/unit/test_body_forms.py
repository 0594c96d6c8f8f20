"""HTML pages and JSON-P where JSON was expected are named as what they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.body_forms import html_title, jsonp_callback, non_json_form
from tests.support.drift_upstreams import CASES, UPSTREAM_CONTRACT, night, upstream_service
from tests.support.drift_upstreams import upstream_settings as settings_of
from tests.support.projects import good_order, interaction, mini_project
from tests.support.servers import serve

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)


@pytest.mark.parametrize(("text", "title"), [
    ("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>",
     "502 Bad Gateway"),
    ("<html><body><h1>Request  blocked</h1></body></html>", "Request blocked"),
    ("  <HTML><BODY>down</BODY></HTML>", ""),
    ('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><title>x &amp; y'
     "</title></html>", "x & y"),
])
def test_html_pages_are_named_with_their_title(text: str, title: str) -> None:
    assert html_title(text) == title


@given(JSON, st.sampled_from(["cb", "jQuery3210_16", "window.handle", "$cb"]),
       st.sampled_from(["", ";", " ;\n"]))
def test_any_json_wrapped_in_a_call_is_json_p(value: object, name: str, end: str) -> None:
    import json

    assert jsonp_callback(f"{name}({json.dumps(value)}){end}") == name


@pytest.mark.parametrize("text", ['{"a": 1}', "cb(not json)", "<order/>", "", "null",
                                  "if(x){y}", "<?xml version='1.0'?><orders/>"])
def test_other_bodies_are_neither(text: str) -> None:
    assert non_json_form(text) is None


def test_recorded_html_and_json_p_are_named_in_verify_findings(tmp_path: Path) -> None:
    from seamguard.project import find_project
    from seamguard.runner import run_checks

    page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>"
    mini_project(tmp_path, interactions=[interaction({"order": good_order()}),
                                         interaction(page), interaction('cb({"order": {}});')])
    findings = run_checks(find_project(tmp_path), ["drift.observed"], command="drift").findings
    said = sorted(f.message for f in findings if f.code == "body.not-json")
    assert said == [
        'body is not valid JSON: it is JSON-P (a call of cb(...) around JSON), although the '
        "contract declares application/json",
        'body is not valid JSON: it is an HTML error page (its title: "502 Bad Gateway"), '
        "although the contract declares application/json"]


@pytest.mark.parametrize(("kind", "says"), [
    ("html-error-200", 'HTML error page where JSON was expected (its title: "500 Internal'),
    ("jsonp-as-json", "JSON-P (a call of jQuery3_1(...) around JSON, sent as application/json)"),
    ("jsonp", "JSON-P (a call of callback(...) around JSON, sent as application/javascript)"),
])
def test_live_answers_are_named(tmp_path: Path, kind: str, says: str) -> None:
    case = next(c for c in CASES if c.kind == kind)
    with serve(upstream_service({})) as origin:
        root = mini_project(tmp_path, contract=UPSTREAM_CONTRACT,
                            settings=settings_of(origin, case))
        _, codes, findings = night(root)
    assert codes == {"drift.fetch-failed"}
    assert any(says in f["message"] for f in findings), findings
