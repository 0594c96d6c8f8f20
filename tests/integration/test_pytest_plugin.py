"""The pytest plugin in real pytest sessions (pytester)."""

from __future__ import annotations

import re
import shutil

import pytest

# Imported here, not in the tests: pytester restores sys.modules after each test, and DuckDB
# (under tests.support.quality) aborts the process when it is imported a second time.
from tests.support.broken_example import broken_example
from tests.support.projects import GOOD_ORDER, interaction, mini_project
from tests.support.quality import inject_defects


def make(pytester: pytest.Pytester, *items: dict[str, object]) -> None:
    mini_project(pytester.path, interactions=list(items))
    # The scratch pyproject must be the rootdir's config for the plugin to find the project.
    assert (pytester.path / "pyproject.toml").is_file()


def test_collects_contracts_and_interactions(pytester: pytest.Pytester) -> None:
    make(pytester, interaction(GOOD_ORDER), interaction(GOOD_ORDER, status=500))
    result = pytester.runpytest("contracts", "fixtures", "-v")
    result.assert_outcomes(passed=2, failed=1)
    # pytest shows "." in item names as "::" in verbose lines, hence the wildcards.
    result.stdout.fnmatch_lines([
        "*openapi.yaml::shop@v1 PASSED*",
        "*orders.yaml::#0 GET /api/v1/orders/1*json PASSED*",
        "*orders.yaml::#1 GET /api/v1/orders/1*json FAILED*",
    ])


def test_failure_message_is_the_finding(pytester: pytest.Pytester) -> None:
    bad = {"order": {**GOOD_ORDER["order"], "status": "expired"}}
    make(pytester, interaction(bad))
    result = pytester.runpytest("fixtures")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "*error field.unknown-enum: value \"expired\" (string) is not one of*",
        "*contract: shop@v1 GET /orders/{id}.json*",
        "*at: fixtures/cassettes/orders.yaml:* interaction #0 /order/status*",
    ])


def test_opt_out(pytester: pytest.Pytester) -> None:
    make(pytester, interaction(GOOD_ORDER))
    result = pytester.runpytest("-p", "no:seamguard", "contracts", "fixtures")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED


def test_inert_outside_a_project(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_ok():\n    assert 1 + 1 == 2\n")
    pytester.makefile(".yaml", notes="a: 1\n")
    pytester.runpytest().assert_outcomes(passed=1)


def test_invalid_settings_stop_the_session(pytester: pytest.Pytester) -> None:
    make(pytester)
    text = (pytester.path / "pyproject.toml").read_text(encoding="utf-8")
    (pytester.path / "pyproject.toml").write_text(text.replace("versions", "versoins"),
                                                  encoding="utf-8")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*seamguard*unknown setting 'versoins'*"])


def test_warnings_do_not_fail_the_item(pytester: pytest.Pytester) -> None:
    body = {"order": {**GOOD_ORDER["order"], "extra": 1}}
    make(pytester, interaction(body))
    pytester.runpytest("fixtures").assert_outcomes(passed=1)
    pytester.runpytest("fixtures", "--seamguard-fail-on", "warning").assert_outcomes(failed=1)
    shutil.rmtree(pytester.path / "reports", ignore_errors=True)


def test_sync_targets_are_items_that_fail_with_the_counterexample(
        pytester: pytest.Pytester) -> None:
    from tests.support.projects import copy_example

    copy_example(pytester.path, sync_examples=10)
    pyproject = pytester.path / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text = text.replace("deadline = 5.0", "deadline = 5.0\nseed = 3")
    start = text.index("[tool.seamguard.sync.targets.shop_sync]")
    # The target's tables run up to the next table that is not one of its own.
    end = next(match.start() for match in re.finditer(r"^\[", text[start:], re.M)
               if not text[start + match.start():].startswith(
                   "[tool.seamguard.sync.targets.shop_sync")) + start
    broken = text[start:end].replace("targets.shop_sync", "targets.broken").replace(
        'profile = "shopify"', 'profile = "shopify"\nvariant = "no_event_dedupe"')
    pyproject.write_text(text.replace("[tool.ruff]", broken + "[tool.ruff]"), encoding="utf-8")
    mapping = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
    # In a subprocess: pytester's in-process runs re-import modules, which SQLAlchemy's compiled
    # cache-key code inside the example service does not survive.
    result = pytester.runpytest_subprocess(mapping, "-v", "-p", "no:cacheprovider",
                                           "--seamguard-select", "sync")
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines([
        "*shopify-order-to-hubspot-deal.yaml::sync?shop_sync? PASSED*",
        "*shopify-order-to-hubspot-deal.yaml::sync?shop_queue? PASSED*",
        "*shopify-order-to-hubspot-deal.yaml::sync?shop_poll? PASSED*",
        "*shopify-order-to-hubspot-deal.yaml::sync?broken? FAILED*",
        "*error sync.*: property *", "*minimal script*",
        "*replay: seamguard sync test --target broken --seed 3 --variant no_event_dedupe*",
    ])


BROKEN_MAPPING = """
source: {contract: shop@v1, schema: "#/components/schemas/Order"}
target: {contract: shop@v1, schema: "#/components/schemas/Order"}
identity: {source: id, target: id}
fields:
  - {target: id, source: id}
  - {target: status, source: statsu}
"""


def test_a_broken_mapping_fails_as_map_lint_does(pytester: pytest.Pytester) -> None:
    from typer.testing import CliRunner

    from seamguard.cli import app

    make(pytester)
    folder = pytester.path / "contracts" / "mappings"
    folder.mkdir(parents=True)
    (folder / "shop-to-shop.yaml").write_text(BROKEN_MAPPING, encoding="utf-8")
    lint = CliRunner().invoke(app, ["map", "lint", "--project", str(pytester.path)])
    assert lint.exit_code == 1
    result = pytester.runpytest("contracts", "-v")
    result.assert_outcomes(passed=2, failed=1)  # the contract; lint fails; recorded passes
    result.stdout.fnmatch_lines(["*shop-to-shop.yaml::lint FAILED*",
                                 "*mapping.unknown-source-field*statsu*"])


def test_suites_and_reconciliations_are_items_and_reports_are_written(
        pytester: pytest.Pytester) -> None:
    import json

    import xmlschema

    from tests.support.projects import REPO, copy_example

    copy_example(pytester.path, sync_examples=3)
    inject_defects(pytester.path)
    result = pytester.runpytest_subprocess("suites", "pyproject.toml", "-p", "no:cacheprovider",
                                           "--seamguard-select", "quality,reconcile", "-rf")
    outcomes = result.parseoutcomes()
    expectations = sum(len(json.loads(p.read_text("utf-8"))["expectations"])
                       + len(json.loads(p.read_text("utf-8")).get("meta", {}).get(
                           "seamguard", {}).get("references", []))
                       for p in (pytester.path / "suites").glob("*.json"))
    assert outcomes["passed"] + outcomes["failed"] == expectations + 2
    result.stdout.fnmatch_lines([
        "FAILED suites/hubspot_deals.json::#* expect_column_values_to_not_be_null(dealname)*",
        "FAILED pyproject.toml::reconcile?orders-to-deals?*",
    ])
    reports = pytester.path / "reports"
    xmlschema.XMLSchema(REPO / "tests" / "support" / "junit.xsd").validate(
        reports / "junit.xml")
    report = json.loads((reports / "report.json").read_text("utf-8"))
    assert report["command"] == "pytest"
    assert {c["id"] for c in report["checks"]} == {"quality", "reconcile"}
    assert (reports / "report.html").stat().st_size > 0
    assert json.loads((reports / "reconcile-summary.json").read_text("utf-8"))


def test_pytest_finds_what_seamguard_check_finds(pytester: pytest.Pytester) -> None:
    import json
    import sys
    from collections import Counter

    broken_example(pytester.path)
    # Both in subprocesses: the example service does not survive being imported twice.
    cli = pytester.run(sys.executable, "-m", "seamguard", "check", "--project",
                       str(pytester.path), "--format", "json", "--reports",
                       str(pytester.path / "cli-reports"))
    assert cli.ret == 1
    expected = Counter((f["check"], f["code"]) for f in json.loads(cli.stdout.str())["findings"])
    # A target `check` leaves out (in_check = false: the RabbitMQ one) is an item in pytest, which
    # runs it: its coverage finding stands where `check` names it left out.
    assert expected[("sync", "sync.left-out")] == 1
    expected[("sync", "sync.coverage")] += expected.pop(("sync", "sync.left-out"))
    result = pytester.runpytest_subprocess("contracts", "fixtures/cassettes", "suites",
                                           "pyproject.toml", "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    report = json.loads((pytester.path / "reports" / "report.json").read_text("utf-8"))
    found = Counter((f["check"], f["code"]) for f in report["findings"])
    assert found == expected


def test_select_keeps_the_items_of_those_checks(pytester: pytest.Pytester) -> None:
    make(pytester, interaction(GOOD_ORDER))
    result = pytester.runpytest("contracts", "fixtures", "-v", "--seamguard-select", "contract")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*openapi.yaml::shop@v1 PASSED*"])
    bad = pytester.runpytest("contracts", "--seamguard-select", "contrat")
    assert bad.ret == pytest.ExitCode.USAGE_ERROR
    bad.stderr.fnmatch_lines(["*did you mean 'contract'?*"])


@pytest.mark.parametrize(("breakage", "expected"), [
    pytest.param(lambda root: (root / "contracts/shop/v1/openapi.yaml").write_text(
        "- not\n- a mapping\n", encoding="utf-8"), "*holds a list*", id="contract-a-list"),
    pytest.param(lambda root: (root / "contracts/shop/v1/openapi.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: a, version: v1}\npaths: {}\npaths: {}\n",
        encoding="utf-8"), "*'paths' appears twice*", id="duplicate-key"),
    pytest.param(lambda root: (root / "fixtures/cassettes/deep.yaml").write_text(
        "interactions: " + "[" * 5000 + "]" * 5000 + "\nversion: 1\n", encoding="utf-8"),
        "*deeper than 128 levels*", id="deep-cassette"),
    pytest.param(lambda root: (root / "fixtures/cassettes/loop.yaml").symlink_to("loop.yaml"),
                 None, id="cassette-symlink-loop"),
    pytest.param(lambda root: (root / "fixtures/cassettes/orders.yaml").write_bytes(
        b"interactions: [\xff]\n"), "*invalid UTF-8*", id="cassette-not-utf8"),
])
def test_hostile_inputs_are_failures_not_internal_errors(
        pytester: pytest.Pytester, breakage: object, expected: str | None) -> None:
    make(pytester, interaction(GOOD_ORDER))
    breakage(pytester.path)  # type: ignore[operator]
    result = pytester.runpytest("contracts", "fixtures")
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()
    assert "Traceback" not in result.stdout.str()
    assert result.ret in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED)
    if expected is not None:
        assert result.ret == pytest.ExitCode.TESTS_FAILED
        result.stdout.fnmatch_lines([expected])


@pytest.mark.parametrize("pyproject", [
    pytest.param(lambda path: (path.unlink(), path.mkdir()), id="a-folder"),
    pytest.param(lambda path: path.write_text("[tool]\nseamguard = 5\n", encoding="utf-8"),
                 id="table-a-number"),
])
def test_an_unreadable_project_is_a_usage_error(pytester: pytest.Pytester,
                                                 pyproject: object) -> None:
    make(pytester)
    pyproject(pytester.path / "pyproject.toml")  # type: ignore[operator]
    result = pytester.runpytest("contracts")
    output = result.stdout.str() + result.stderr.str()
    assert "INTERNALERROR" not in output
    assert "pyproject.toml" in output
    assert result.ret in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.NO_TESTS_COLLECTED)
