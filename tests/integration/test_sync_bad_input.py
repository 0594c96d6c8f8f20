"""Bad input to the sync properties: clear findings or usage errors, never a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def add_target(example: Path, table: str) -> None:
    pyproject = example / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace("[tool.ruff]", table + "\n[tool.ruff]"), encoding="utf-8")


def failing_run(example: Path, target: str, examples: int) -> list[dict[str, Any]]:
    """``sync test`` of one target as JSON, which must fail (exit 1): its findings."""
    code, output = run("sync", "test", "--project", str(example), "--target", target,
                       "-n", str(examples), "-f", "json")
    assert code == 1
    return json.loads(output)["findings"]  # type: ignore[no-any-return]


def short_deadline(example: Path) -> None:
    """The example's sync deadline cut to 0.2 s, so a hang ends the test quickly."""
    text = (example / "pyproject.toml").read_text(encoding="utf-8")
    assert "deadline = 5.0" in text
    (example / "pyproject.toml").write_text(text.replace("deadline = 5.0", "deadline = 0.2"),
                                            encoding="utf-8")


def stuck_target(example: Path, factory: str) -> None:
    add_target(example, f"""
[tool.seamguard.sync.targets.stuck]
app = "tests.support.sync_stuck_apps:{factory}"
mappings = ["shopify-order-to-hubspot-deal"]
reset = "/admin/reset"
clock = "/admin/clock"
review_queue = "/review-queue"
record_state = "/orders/{{key}}"
""")
    short_deadline(example)


@pytest.mark.parametrize(("factory", "said"), [
    ("hangs_on_reset", "sync target 'stuck' was not reset within 0.2s"),
    ("hangs_on_clock", "POST /admin/clock got no answer within 0.2s"),
])
def test_a_control_endpoint_that_hangs_is_a_usage_error(example: Path, factory: str,
                                                        said: str) -> None:
    stuck_target(example, factory)
    code, output = run("sync", "test", "--project", str(example), "--target", "stuck", "-n", "2")
    assert code == 2
    assert said in " ".join(output.split())
    assert "Traceback" not in output


@pytest.mark.parametrize(("hang", "code", "said"), [
    # a system that never answers a delivery
    ("object:hanging", "sync.deadline", "got no answer within 0.2s"),
    # a state read (here the review queue) that never answers
    ("app:hangs_on_review", "sync.read-back", "GET /review-queue got no answer within 0.2s"),
])
def test_a_hang_while_testing_is_a_finding(example: Path, hang: str, code: str,
                                           said: str) -> None:
    kind, factory = hang.split(":")
    if kind == "object":
        misbehaving_object(example, factory)
    else:
        stuck_target(example, factory)
    findings = failing_run(example, "odd" if kind == "object" else "stuck", 3)
    assert {f["code"] for f in findings} == {code, "sync.coverage"}
    assert said in findings[0]["message"]


def misbehaving_object(example: Path, factory: str) -> None:
    add_target(example, f"""
[tool.seamguard.sync.targets.odd]
object = "tests.support.sync_objects:{factory}"
mappings = ["shopify-order-to-hubspot-deal"]
""")
    short_deadline(example)


def test_an_object_whose_deliver_returns_no_status_is_a_usage_error(example: Path) -> None:
    misbehaving_object(example, "says_ok")
    code, output = run("sync", "test", "--project", str(example), "--target", "odd", "-n", "2")
    assert code == 2
    assert "deliver() returned 'ok' (type=str)" in " ".join(output.split())


@pytest.mark.parametrize(("factory", "said"), [
    ("state_is_text", "state() returned 'nope' (type=str)"),
    ("state_hangs", "state() gave no answer within 0.2s"),
])
def test_an_object_whose_state_cannot_be_read_is_a_read_back_finding(
        example: Path, factory: str, said: str) -> None:
    misbehaving_object(example, factory)
    findings = failing_run(example, "odd", 2)
    assert {f["code"] for f in findings} == {"sync.read-back", "sync.coverage"}
    assert said in findings[0]["message"]


def test_a_target_with_both_app_and_url_is_a_usage_error(example: Path) -> None:
    add_target(example, """
[tool.seamguard.sync.targets.both]
app = "fixtures.integrations.shop_sync.app:create_app"
url = "http://127.0.0.1:9"
mappings = ["shopify-order-to-hubspot-deal"]
""")
    code, output = run("sync", "test", "--project", str(example), "--target", "both", "-n", "2")
    assert code == 2
    assert "sync target 'both' names app and url" in " ".join(output.split())


def test_an_app_whose_startup_fails_is_a_usage_error_without_traceback(example: Path) -> None:
    stuck_target(example, "fails_to_start")
    code, output = run("sync", "test", "--project", str(example), "--target", "stuck", "-n", "2")
    assert code == 2
    assert "the service failed to start: RuntimeError: cannot connect to the broker" in output
    assert "Traceback" not in output


def test_an_unreachable_service_is_a_usage_error(example: Path) -> None:
    add_target(example, """
[tool.seamguard.sync.targets.down]
url = "http://127.0.0.1:9"
mappings = ["shopify-order-to-hubspot-deal"]
reset = "/admin/reset"
""")
    code, output = run("sync", "test", "--project", str(example), "--target", "down", "-n", "2")
    assert code == 2
    assert "cannot reach the service under test" in output


def test_rules_that_contradict_the_contracts_are_lint_errors(example: Path) -> None:
    spec = example / "contracts" / "mappings" / "shopify-order-to-hubspot-deal.yaml"
    text = spec.read_text(encoding="utf-8")
    text = text.replace("version: {field: updated_at, tie_break: [id]}",
                        "version: {field: total_price, tie_break: [id]}")
    text = text.replace("closedwon: [closedlost]", "closedwon: [closedlost, shipped]")
    spec.write_text(text, encoding="utf-8")
    code, output = run("map", "lint", "--project", str(example), "-f", "json")
    assert code == 1
    findings = {f["code"]: f for f in json.loads(output)["findings"]}
    assert findings["mapping.version-not-timestamp"]["location"]["pointer"] == "/version/field"
    assert "not a date-time string" in findings["mapping.version-not-timestamp"]["message"]
    assert findings["mapping.state-not-in-enum"]["actual"] == "shipped"


def test_a_factory_that_does_not_import_is_a_usage_error(example: Path) -> None:
    add_target(example, """
[tool.seamguard.sync.targets.typo]
app = "fixtures.integrations.shop_sink.app:create_app"
mappings = ["shopify-order-to-hubspot-deal"]
""")
    code, output = run("sync", "test", "--project", str(example), "--target", "typo")
    assert code == 2
    assert "cannot load the sync target 'typo'" in output
    add_target(example, """
[tool.seamguard.sync.targets.nomapping]
app = "fixtures.integrations.shop_sync.app:create_app"
mappings = ["shopify-order-to-hubspot-dael"]
""")
    code, output = run("sync", "test", "--project", str(example), "--target", "nomapping")
    assert code == 2
    assert "names mapping 'shopify-order-to-hubspot-dael', which does not exist" in output
    assert "did you mean 'shopify-order-to-hubspot-deal'" in output


def test_a_factory_that_fails_is_a_usage_error(example: Path) -> None:
    pyproject = example / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('SHOP_SYNC_SHOP_TIMEZONE = "Asia/Shanghai"',
                                      'SHOP_SYNC_SHOP_TIMEZONE = "Mars/Olympus"'), encoding="utf-8")
    code, output = run("sync", "test", "--project", str(example))
    assert code == 2
    assert "the factory of sync target 'shop_sync'" in output
    assert "Mars/Olympus" in output


@pytest.fixture
def release_blocked_calls() -> Iterator[None]:
    from tests.support import sync_objects, sync_stuck_apps

    for release in (sync_objects.RELEASE, sync_stuck_apps.RELEASE):
        release.clear()
    yield
    for release in (sync_objects.RELEASE, sync_stuck_apps.RELEASE):
        release.set()  # the calls the harness gave up on return, and their threads end


@pytest.mark.usefixtures("release_blocked_calls")
@pytest.mark.parametrize(("factory", "code", "said"), [
    ("blocks_in_deliver", "sync.deadline", "got no answer within 0.2s: the service hangs"),
    ("async_but_blocking", "sync.deadline", "got no answer within 0.2s: the service hangs"),
    ("blocks_in_state", "sync.read-back", "state() gave no answer within 0.2s"),
])
def test_an_object_whose_method_blocks_its_thread_is_cut_off(
        example: Path, factory: str, code: str, said: str) -> None:
    misbehaving_object(example, factory)
    started = time.perf_counter()
    findings = failing_run(example, "odd", 3)
    assert time.perf_counter() - started < 30
    assert {f["code"] for f in findings} == {code, "sync.coverage"}
    message = findings[0]["message"]
    assert said in message
    # nothing more can be played to a system that stays blocked: the failure is not shrunk
    assert "still blocks the system under test" in message


@pytest.mark.usefixtures("release_blocked_calls")
@pytest.mark.parametrize(("factory", "said"), [
    ("blocks_in_reset", "sync target 'odd' was not reset within 0.2s"),
    ("blocks_in_set_clock", "the sync target object's set_clock() gave no answer within 0.2s"),
    ("factory_blocks",
     "sync target 'odd' did not start within 0.8s: its factory tests.support.sync_objects:"
     "factory_blocks() gave no answer"),
])
def test_an_object_whose_hook_blocks_its_thread_is_a_usage_error(
        example: Path, factory: str, said: str) -> None:
    misbehaving_object(example, factory)
    code, output = run("sync", "test", "--project", str(example), "--target", "odd", "-n", "2")
    assert code == 2
    assert said in " ".join(output.split())
    assert "Traceback" not in output


@pytest.mark.parametrize(("kind", "factory"), [("object", "blocks_in_deliver"),
                                              ("app", "blocks_on_webhook")])
def test_the_command_exits_while_a_call_still_blocks(example: Path, kind: str,
                                                     factory: str) -> None:
    """In its own process: the blocked thread must not keep the command from exiting."""
    from tests.support.projects import REPO

    if kind == "object":
        misbehaving_object(example, factory)
    else:
        stuck_target(example, factory)
    done = subprocess.run([sys.executable, "-m", "seamguard", "sync", "test", "--project",
                           str(example), "--target", "odd" if kind == "object" else "stuck",
                           "-n", "2"],
                          capture_output=True, text=True, timeout=120, check=False,
                          cwd=example,
                          # (wide enough that the finding's message is not wrapped in its cell)
                          env={**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "400"})
    assert done.returncode == 1, done.stderr
    assert "got no answer within 0.2s" in " ".join(done.stdout.split())


@pytest.mark.parametrize(("path", "status", "hint"), [
    # a typo: Starlette answers 404, and the right route is close
    ("/webhooks/shopfy", "404", "did you mean '/webhooks/shopify'?"),
    # a GET-only route of the service: 405
    ("/healthz", "405", "set `webhook_path` to the path the service receives"),
])
def test_a_webhook_path_the_service_does_not_have_is_a_usage_error(
        example: Path, path: str, status: str, hint: str) -> None:
    pyproject = example / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('webhook_path = "/webhooks/shopify"',
                                      f'webhook_path = "{path}"', 1), encoding="utf-8")
    code, output = run("sync", "test", "--project", str(example), "--target", "shop_sync",
                       "-n", "3")
    said = " ".join(output.split())
    assert code == 2, said
    assert f"POST {path} answered {status} to every genuine delivery" in said
    assert "no webhook receiver at that path" in said
    assert "webhook_path" in said
    assert hint in said
    assert "no-lost-event" not in said


def test_a_failure_names_expected_and_actual_once(example: Path) -> None:
    code, output = run("sync", "test", "--project", str(example), "--target", "shop_sync",
                       "--variant", "refunds_ignored", "-n", "5", "--seed", "1")
    assert code == 1
    assert output.count("expected:") == 1
    assert output.count("actual:") == 1
    # the check's own line says it failed, not that the properties hold
    assert "failed sync: 1 finding(s) at error or above" in " ".join(output.split())


@pytest.mark.usefixtures("release_blocked_calls")
@pytest.mark.parametrize(("factory", "code", "said"), [
    ("blocks_on_webhook", "sync.deadline", "got no answer within 0.2s: the service hangs"),
    ("blocks_on_review", "sync.read-back", "GET /review-queue got no answer within 0.2s"),
])
def test_an_app_whose_handler_blocks_its_loop_is_cut_off(example: Path, factory: str,
                                                        code: str, said: str) -> None:
    stuck_target(example, factory)
    findings = failing_run(example, "stuck", 3)
    assert {f["code"] for f in findings} == {code, "sync.coverage"}
    assert said in findings[0]["message"]
    assert "still blocks the system under test" in findings[0]["message"]


@pytest.mark.usefixtures("release_blocked_calls")
@pytest.mark.parametrize(("factory", "said"), [
    ("blocks_on_reset", "sync target 'stuck' was not reset within 1s"),
    ("blocks_on_startup", "the service's lifespan startup gave no answer within 4s"),
])
def test_an_app_whose_hook_blocks_its_loop_is_a_usage_error(example: Path, factory: str,
                                                           said: str) -> None:
    stuck_target(example, factory)
    # A 1 s deadline: the factory itself (which returns at once) is held to 4x the deadline,
    # and a pause of the whole test process (a full garbage collection late in a long run)
    # must not make it the step that times out instead of the hook under test.
    pyproject = example / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        "deadline = 0.2", "deadline = 1.0"), encoding="utf-8")
    code, output = run("sync", "test", "--project", str(example), "--target", "stuck", "-n", "2")
    assert code == 2
    assert said in " ".join(output.split())
    assert "Traceback" not in output
