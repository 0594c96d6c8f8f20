"""`seamguard drift run` against an order service that breaks the way real upstreams do."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.drift_service import ORDERS_CONTRACT, TOKEN, broken_service, orders_settings
from tests.support.projects import mini_project
from tests.support.servers import serve

runner = CliRunner()


def night(root: Path) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, ["drift", "run", "--project", str(root), "--format", "json"])
    return result.exit_code, json.loads(result.output)["findings"]


def codes(findings: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    return sorted((f["code"], f["location"].get("pointer")) for f in findings)


@pytest.fixture
def service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    state: dict[str, Any] = {"modes": set()}
    with serve(broken_service(state)) as origin:
        root = mini_project(tmp_path / "p", contract=ORDERS_CONTRACT,
                            settings=orders_settings(origin))
        yield state, root


@pytest.mark.parametrize("failure", ["503-always", "expire-auth", "html-200"])
def test_a_night_that_could_not_fetch_resolves_nothing(service: Any, failure: str) -> None:
    state, root = service
    state["modes"] = {"enum"}
    _, findings = night(root)
    assert codes(findings) == [("drift.new-enum-value", "/orders/*/status")]

    state["modes"], state["requests"] = {"enum", failure}, 0
    code, findings = night(root)
    assert code == 1
    assert "drift.fetch-failed" in [f["code"] for f in findings]
    assert "drift.resolved" not in [f["code"] for f in findings]

    state["modes"], state["requests"] = {"enum"}, 0
    _, findings = night(root)  # the same drift again: still the one from the first night
    [enum] = [f for f in findings if f["code"] == "drift.new-enum-value"]
    assert enum["message"].startswith("[ongoing")
    assert enum["severity"] == "info"


@pytest.mark.parametrize(("failure", "said"), [
    ("expire-auth", "(2 of 3 requests): 401 Unauthorized: check the token in $SHOP_TOKEN"),
    ("html-200", "(3 of 3 requests): HTML error page where JSON was expected"),
    ("503-always", "(3 of 3 requests): 503 Service Unavailable"),
    ("html-as-json", "(3 of 3 requests): HTML error page (sent as application/json) where"),
    ("empty-200", "(3 of 3 requests): empty body where JSON was expected"),
    ("redirect", "(3 of 3 requests): 301 Moved Permanently: redirected to"),
])
def test_a_failed_fetch_is_one_counted_finding(service: Any, failure: str, said: str) -> None:
    state, root = service
    state["modes"] = {failure}
    code, findings = night(root)
    assert code == 1
    # not also an undocumented status or Content-Type of the very same answers
    [failed] = findings
    assert failed["code"] == "drift.fetch-failed"
    assert said in failed["message"]


@pytest.mark.parametrize(("failure", "said"), [
    ("retry-after-long", "Retry-After: 120 (120 s)"),
    ("retry-after-date", " GMT ("),
])
def test_a_long_retry_after_is_said_not_waited_for(service: Any, failure: str,
                                                   said: str) -> None:
    import time

    state, root = service
    state["modes"] = {failure}
    started = time.monotonic()
    code, findings = night(root)
    # Three requests, each asked to come back in two minutes: none is waited for (the run's
    # per-request deadline is 5 s; waiting even once would take that long).
    assert time.monotonic() - started < 5
    assert code == 1
    [limited] = findings
    assert limited["code"] == "drift.rate-limited"
    assert "(3 of 3 requests) was not compared" in limited["message"]
    assert said in limited["message"]
    assert "not waited for" in limited["message"]
    assert state["requests"] == 3


@pytest.mark.parametrize(("mode", "sent"), [
    ("text-plain", "text/plain"),
    ("octet-stream", "application/octet-stream"),
    ("html-json", "text/html"),
])
def test_json_under_another_media_type_is_said_and_still_compared(
        service: Any, mode: str, sent: str) -> None:
    state, root = service
    state["modes"] = {mode, "enum"}
    code, findings = night(root)
    assert code == 1
    assert codes(findings) == [("drift.media-type-mismatch", None),
                               ("drift.new-enum-value", "/orders/*/status")]
    [media] = [f for f in findings if f["code"] == "drift.media-type-mismatch"]
    assert f"answered JSON as {sent} in 3 of 3 answer(s)" in media["message"]
    assert media["expected"] == ["application/json"]


@pytest.mark.parametrize(("bug", "said"), [
    ("repeat-page", "listed page 2 of GET /orders.json (asked with cursor=c2) repeats listed "
                    "page 1: all 3 record(s) (ids 1, 2, 3)"),
    ("skip-page", "listed page 3 of GET /orders.json (asked with cursor=c3) repeats listed "
                  "page 2: all 3 record(s) (ids 7, 8, 9)"),
])
def test_pages_listed_one_by_one_that_serve_the_same_records_are_repeated(
        service: Any, bug: str, said: str) -> None:
    state, root = service
    state["modes"] = {bug}
    code, findings = night(root)
    assert code == 1
    [repeated] = findings
    assert repeated["code"] == "drift.page-repeated"
    assert said in repeated["message"]


def test_a_json_answer_without_a_content_type_is_said_and_compared(service: Any) -> None:
    state, root = service
    state["modes"] = {"no-content-type", "enum"}
    code, findings = night(root)
    assert code == 1
    assert codes(findings) == [("drift.media-type-mismatch", None),
                               ("drift.new-enum-value", "/orders/*/status")]


def test_utf8_text_declared_as_gbk_is_a_charset_mismatch(service: Any) -> None:
    state, root = service
    state["modes"] = {"charset-lie"}
    code, findings = night(root)
    assert code == 1
    [mismatch] = findings
    assert mismatch["code"] == "drift.charset-mismatch"
    assert "declares 'application/json; charset=GBK' but sent UTF-8 text in 3 of 3" in (
        mismatch["message"])
