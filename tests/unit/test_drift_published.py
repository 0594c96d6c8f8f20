"""Fetching a platform's published spec: faults are findings, never crashes (respx)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import respx

from seamguard.drift.impact import ImpactIndex
from seamguard.drift.published import check_published
from seamguard.project import find_project
from tests.support.projects import MINI_CONTRACT, mini_project

URL = "https://specs.example.com/shop/openapi.yaml"
SETTINGS = f"""
[tool.seamguard]

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{{version}}"
published_spec = {{ url = "{URL}", timeout = 1 }}
"""
NOW = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)


def run(tmp_path: Path, *answers: httpx.Response | Exception,
        settings: str = SETTINGS) -> tuple[list[str], list[float]]:
    project = find_project(mini_project(tmp_path / "p", settings=settings), explicit=True)
    router = respx.Router()
    router.get(URL).mock(side_effect=list(answers))
    waits: list[float] = []
    findings = check_published(project, "shop", project.settings.platforms["shop"],
                               ImpactIndex.for_project(project), NOW,
                               transport=httpx.MockTransport(router.handler),
                               sleep=waits.append)
    return [f"{f.code}: {f.message}" for f in findings], waits


def test_a_busy_platform_is_retried_honouring_retry_after(tmp_path: Path) -> None:
    found, waits = run(tmp_path,
                       httpx.Response(429, headers={"Retry-After": "7"}),
                       httpx.Response(503, headers={"Retry-After": "not a date"}),
                       httpx.Response(200, text=MINI_CONTRACT))
    assert found == []  # the same spec as the contract: nothing changed
    assert waits == [7.0, 1.0]  # Retry-After, then our own backoff for an unreadable one


def test_a_retry_after_longer_than_the_request_deadline_is_said_not_waited_for(
        tmp_path: Path) -> None:
    """A server asking to come back in two minutes (or eleven days) is not waited for: the
    finding names the header, and the night goes on."""
    found, waits = run(tmp_path,
                       httpx.Response(429, headers={"Retry-After": "120"}),
                       httpx.Response(200, text=MINI_CONTRACT),
                       settings=SETTINGS + "\n[tool.seamguard.network]\ndeadline = 5.0\n")
    assert waits == []
    [line] = [line for line in found if "spec-fetch-failed" in line]
    assert "Retry-After: 120 (120 s), longer than the 5 s a request may wait" in line


@pytest.mark.parametrize(("answers", "expected"), [
    ([httpx.Response(200, text="<html>maintenance</html>",
                     headers={"Content-Type": "text/html"})], "an HTML page"),
    ([httpx.Response(401)], "401 Unauthorized"),
    ([httpx.ReadTimeout("slow")] * 3, "timed out after 1 s"),
    ([httpx.ConnectError("refused")] * 3, "refused"),
    ([httpx.Response(302, headers={"Location": URL})] * 10, "redirected more than 5 times"),
])
def test_fetch_faults_are_findings(tmp_path: Path, answers: list[httpx.Response | Exception],
                                   expected: str) -> None:
    found, _ = run(tmp_path, *answers)
    [message] = found
    assert message.startswith("drift.spec-fetch-failed: could not fetch the published shop spec")
    assert expected in message


def test_a_truncated_spec_is_a_finding_and_kept(tmp_path: Path) -> None:
    found, _ = run(tmp_path, httpx.Response(200, text=MINI_CONTRACT[: len(MINI_CONTRACT) // 2]
                                            + "\n  - [unclosed"))
    [message] = found
    assert message.startswith("drift.spec-unparseable: the published shop spec cannot be read")
    assert list((tmp_path / "p" / "reports" / "drift" / "shop").glob("published-*.yaml"))


def test_the_projects_oasdiff_settings_choose_the_paths_compared(tmp_path: Path) -> None:
    """oasdiff.yaml at the project's root filters the published-spec diff as it filters
    `contract diff`: a path it leaves out reports no change."""
    published = MINI_CONTRACT.replace("required: [id, status, total, created_at]",
                                      "required: [id, status, total]")
    found, _ = run(tmp_path, httpx.Response(200, text=published))
    assert any("spec.response-required-property-removed" in line or "created_at" in line
               for line in found), found
    (tmp_path / "p" / "oasdiff.yaml").write_text("unmatch-path: ^/orders\n", encoding="utf-8")
    found, _ = run(tmp_path, httpx.Response(200, text=published))
    assert found == []


def test_a_bad_value_in_the_projects_oasdiff_settings_is_a_usage_error(tmp_path: Path) -> None:
    from seamguard.errors import UsageError

    mini_project(tmp_path / "p", settings=SETTINGS)
    (tmp_path / "p" / "oasdiff.yaml").write_text("fail-on: ERR\ninclude-path-params: 3\n",
                                                 encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        run(tmp_path, httpx.Response(200, text=MINI_CONTRACT))
    assert caught.value.line == 2
    assert "include-path-params" in caught.value.message


def test_the_kept_copy_is_masked_and_the_diff_still_sees_the_change(tmp_path: Path) -> None:
    """A vendor's examples and enums may hold real personal data: the copy kept under
    reports/drift/ is masked as a report is, line for line, while the diff reads the document as
    fetched and its findings point at the copy's lines."""
    published = MINI_CONTRACT.replace(
        "enum: [open, paid, cancelled]",
        'enum: [open, paid, cancelled, "li.lei.1987@163.com"]').replace(
        "note: {type: [string, \"null\"]}",
        "note: {type: [string, \"null\"], example: \"call 13912345678\"}")
    found, _ = run(tmp_path, httpx.Response(200, text=published))
    assert any("enum" in line for line in found), found
    [kept] = (tmp_path / "p" / "reports" / "drift" / "shop").glob("published-*.yaml")
    text = kept.read_text("utf-8")
    assert "li.lei.1987@163.com" not in text
    assert "13912345678" not in text
    assert "139****5678" in text
    assert text.count("\n") == published.count("\n")
    assert "enum: [open, paid, cancelled," in text


def test_an_unreadable_spec_is_pointed_at_in_the_kept_copy(tmp_path: Path) -> None:
    found, _ = run(tmp_path, httpx.Response(200, text=MINI_CONTRACT + "x: [13912345678\n"))
    [message] = found
    assert "seamguard-spec-" not in message  # never the private scratch file
    [kept] = (tmp_path / "p" / "reports" / "drift" / "shop").glob("published-*.yaml")
    assert "13912345678" not in kept.read_text("utf-8")
