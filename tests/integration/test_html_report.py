"""report.html in a real headless Chromium: what a person sees, filters that work, no errors.

The browser is Debian's Chromium (``.ci/install-browser``), driven by Playwright; these tests
fail, never skip, when it is missing.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.broken_example import broken_example
from tests.support.browser import chromium, new_page
from tests.support.screenshots import measure

runner = CliRunner()


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("html")
    project, cassette, index = broken_example(base / "example")
    result = runner.invoke(app, ["check", "--project", str(project), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads((project / "reports" / "report.json").read_text("utf-8"))
    return {"project": project, "html": project / "reports" / "report.html", "report": report,
            "cassette": cassette, "index": index, "base": base}


@pytest.fixture(scope="module")
def browser(broken: dict[str, Any]) -> Any:
    # After the run: Playwright's sync API keeps an event loop running while it is open.
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def page(browser: Any, broken: dict[str, Any]) -> Any:
    page, errors = new_page(browser)
    page.goto(broken["html"].as_uri())
    page.wait_for_selector("#visible-count")
    yield page
    assert errors == [], errors


def test_summary_shows_the_verdict_and_the_counts(page: Any, broken: dict[str, Any]) -> None:
    summary = broken["report"]["summary"]
    assert page.inner_text("#verdict") == "FAILED"
    for severity in ("error", "warning", "info"):
        assert page.inner_text(f"#count-{severity}") == str(summary[severity])
    rows = page.locator("#checks tbody tr")
    assert rows.count() == len(broken["report"]["checks"])
    reconcile = page.locator("#checks tr[data-check=reconcile]")
    assert reconcile.is_visible()
    assert "Source and synced target reconcile" in reconcile.inner_text()


def test_a_known_finding_is_shown_with_its_place(page: Any, broken: dict[str, Any]) -> None:
    row = page.locator("tbody.finding[data-code='field.unknown-enum']")
    assert row.count() == 1
    text = row.inner_text()
    assert 'value "expired" (string) is not one of the contract\'s values' in text
    assert "/order/financial_status" in text
    link = row.locator("a.file")
    cassette = broken["cassette"].relative_to(broken["project"]).as_posix()
    assert link.inner_text().startswith(f"{cassette}:")
    # the relative link leads to the cassette, from wherever the reports folder is opened
    href = link.get_attribute("href")
    assert (broken["html"].parent / href.split("#")[0]).resolve() == broken["cassette"].resolve()
    assert href.split("#")[1].startswith("L")


def test_reconcile_findings_show_both_values(page: Any) -> None:
    row = page.locator("tbody.finding[data-code='reconcile.field-differs']").first
    expected = row.locator(".ev pre").nth(0).inner_text()
    actual = row.locator(".ev pre").nth(1).inner_text()
    assert expected != actual
    assert expected in row.locator(".message").inner_text()


def test_quality_results_read_like_data_docs(page: Any, broken: dict[str, Any]) -> None:
    suites = page.locator("#quality section.suite")
    assert suites.count() == 4
    deals = suites.filter(has_text="hubspot_deals").first
    failed = deals.locator("table.expectations tbody tr.bad")
    assert failed.count() >= 2
    nulls = deals.locator("tr.bad", has_text="expect_column_values_to_not_be_null").first
    assert "4 (" in nulls.inner_text()  # unexpected count with its percentage
    assert "✔" in deals.locator("table.expectations").inner_text()
    # failing expectations carry sample rows
    finding = page.locator("tbody.finding[data-code='quality.expectation-failed']").first
    assert finding.locator("table.samples tbody tr").count() >= 1


def _visible(page: Any) -> int:
    return int(page.locator("tbody.finding:visible").count())


def test_filters_hide_and_show_rows(page: Any, broken: dict[str, Any]) -> None:
    findings = broken["report"]["findings"]
    total = len(findings)
    errors = sum(1 for f in findings if f["severity"] == "error")
    assert _visible(page) == total
    page.uncheck("input[name=severity][value=error]")
    assert _visible(page) == total - errors
    assert page.locator("tbody.finding.error:visible").count() == 0
    assert page.inner_text("#visible-count") == f"{total - errors} of {total} findings shown"
    page.check("input[name=severity][value=error]")
    page.select_option("#filter-code", "reconcile.missing-in-target")
    assert _visible(page) == 2
    assert page.locator("section.check[data-check=recorded]").is_hidden()
    page.select_option("#filter-code", "")
    page.select_option("#filter-check", "quality")
    quality = sum(1 for f in findings if f["check"] == "quality")
    assert _visible(page) == quality
    page.fill("#filter-text", "no-such-text-anywhere")
    assert _visible(page) == 0
    assert page.locator("#no-match").is_visible()
    page.click("#filter-reset")
    assert _visible(page) == total


def test_screenshot_is_a_drawn_page(page: Any, broken: dict[str, Any]) -> None:
    shot = broken["base"] / "report.png"
    page.screenshot(path=str(shot))
    drawn = measure(shot)
    assert drawn.looks_drawn, drawn


def test_the_screenshot_check_fails_on_a_blank_page(browser: Any,
                                                    broken: dict[str, Any]) -> None:
    blank = broken["base"] / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    page, errors = new_page(browser)
    page.goto(blank.as_uri())
    shot = broken["base"] / "blank.png"
    page.screenshot(path=str(shot))
    assert not measure(shot).looks_drawn
    assert errors == []


def test_the_page_loads_nothing_from_outside(browser: Any, broken: dict[str, Any]) -> None:
    html = broken["html"].read_text("utf-8")
    head = html.split("<main>")[0]
    assert "<link" not in head
    assert " src=" not in html
    page, errors = new_page(browser)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(broken["html"].as_uri())
    page.wait_for_selector("#visible-count")
    assert requests == [broken["html"].as_uri()]
    assert errors == []
