"""A 200 answer that carries an error on a platform with no in-band error rule is said to be
one (with the rule to declare), not read as shape drift."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from seamguard.wire.suspected import suspected_error
from tests.support.drift_upstreams import CASES, UPSTREAM_CONTRACT, night, upstream_service
from tests.support.drift_upstreams import upstream_settings as settings_of
from tests.support.projects import mini_project
from tests.support.servers import serve


@pytest.mark.parametrize(("body", "protocol", "code"), [
    ({"errcode": 40001, "errmsg": "invalid credential"}, "errcode", "40001"),
    ({"error_response": {"code": 27, "msg": "Invalid session", "sub_code": "isv.x"}},
     "taobao-top", "isv.x"),
    ({"error": {"code": "invalid_token", "message": "expired"}}, None, "invalid_token"),
    ({"error": "invalid_grant", "error_description": "bad code"}, None, "invalid_grant"),
    ({"success": False, "code": "E1", "message": "closed"}, None, "E1"),
    ({"code": 1002, "msg": "sign check failed"}, None, "1002"),
    ({"errors": [{"code": "NOT_FOUND", "message": "no such order"}]}, None, "NOT_FOUND"),
])
def test_error_envelopes_are_recognised(body: dict[str, Any], protocol: str | None,
                                        code: str) -> None:
    found = suspected_error(body)
    assert found is not None
    assert (found.protocol, found.error.key) == (protocol, code)


@pytest.mark.parametrize("body", [
    {"orders": [], "error": None},
    {"code": 0, "msg": "ok", "orders": []},
    {"code": "200", "message": "success"},
    {"errcode": 0, "errmsg": "ok"},
    {"success": True, "data": []},
    [{"error": "x"}],
    {},
])
def test_success_answers_are_not_errors(body: Any) -> None:
    assert suspected_error(body) is None


@pytest.mark.parametrize(("kind", "says"), [
    ("errcode-200-undeclared", 'protocol = "errcode"'),
    ("error-object-200", "wire.response.errors"),
])
def test_the_finding_names_the_rule_to_declare(tmp_path: Path, kind: str, says: str) -> None:
    case = next(c for c in CASES if c.kind == kind)
    with serve(upstream_service({})) as origin:
        root = mini_project(tmp_path, contract=UPSTREAM_CONTRACT,
                            settings=settings_of(origin, case))
        _, codes, findings = night(root)
    assert codes == {"drift.undeclared-in-band-error"}
    finding = next(f for f in findings if f["code"] == "drift.undeclared-in-band-error")
    assert says in finding["hint"]
    assert "look like an in-band error" in finding["message"]


def test_recorded_error_answers_are_said_once_beside_real_drift(tmp_path: Path) -> None:
    from seamguard.findings import Severity
    from seamguard.project import find_project
    from seamguard.runner import run_checks
    from tests.support.projects import good_order, interaction, mini_project

    bodies = ([{"order": good_order()} for _ in range(8)]
              + [{"errcode": 42001, "errmsg": "access_token expired"} for _ in range(3)]
              + [{"order": good_order(status="expired")}])
    mini_project(tmp_path, interactions=[interaction(body) for body in bodies])
    findings = run_checks(find_project(tmp_path), ["drift.observed"], command="drift").findings
    by_code = {f.code: f for f in findings}
    assert set(by_code) == {"drift.undeclared-in-band-error", "drift.new-enum-value"}
    said = by_code["drift.undeclared-in-band-error"]
    assert said.severity is Severity.ERROR
    assert "3 of 12 answer(s)" in said.message
    assert "42001" in said.message
    assert said.hint is not None
    assert 'protocol = "errcode"' in said.hint


def test_verify_says_an_error_body_is_one_instead_of_every_field_missing(tmp_path: Path) -> None:
    from seamguard.project import find_project
    from seamguard.runner import run_checks
    from tests.support.projects import good_order, interaction, mini_project

    mini_project(tmp_path, interactions=[
        interaction({"order": good_order()}),
        interaction({"error": {"code": "invalid_token", "message": "token expired"}})])
    findings = run_checks(find_project(tmp_path), ["recorded"], command="verify").findings
    assert [f.code for f in findings] == ["response.undeclared-in-band-error"]
    [said] = findings
    assert "invalid_token" in said.message
    assert said.hint is not None
    assert "wire.response.errors" in said.hint


@pytest.mark.parametrize(("body", "when"), [
    ({"success": False, "message": "closed"}, 'pointer = "/success", equals = false'),
    ({"code": 1002, "msg": "sign check failed"}, 'pointer = "/code", not_equals = 0'),
    ({"code": "E7", "message": "x"}, 'pointer = "/code", not_equals = "0"'),
    ({"status": "error", "message": "x"}, 'pointer = "/status", equals = "error"'),
    ({"error": {"code": "bad", "message": "x"}}, 'pointer = "/error/code", present = true'),
])
def test_the_hint_writes_a_rule_that_holds_for_the_answer(body: dict[str, Any],
                                                          when: str) -> None:
    from seamguard.wire.suspected import declare_hint

    found = suspected_error(body)
    assert found is not None
    assert found.when == when
    assert f"when = {{ {when} }}" in declare_hint("shop", found)
