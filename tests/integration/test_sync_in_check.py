"""A sync target that needs a server can stay out of ``seamguard check`` — named, not silent."""

from __future__ import annotations

from dataclasses import replace

import pytest

from seamguard.errors import UsageError
from seamguard.project import Project, find_project
from seamguard.runner import run_checks
from tests.support.projects import REPO

CLOSED = "amqp://guest:guest@127.0.0.1:9/"  # the discard port: nothing speaks AMQP there


def queue_only_project() -> Project:
    """The example project with its queue target alone (the others take a minute to run)."""
    project = find_project(REPO, explicit=True)
    sync = project.settings.sync
    only = sync.model_copy(update={"targets": {"shop_queue": sync.targets["shop_queue"]}})
    return replace(project, settings=project.settings.model_copy(update={"sync": only}))


def test_check_names_the_left_out_queue_target_and_needs_no_broker(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEAMGUARD_BROKER_URL", CLOSED)
    project = queue_only_project()
    assert project.settings.sync.targets["shop_queue"].in_check is False
    report = run_checks(project, ["sync"], command="check")
    [finding] = report.findings
    assert finding.code == "sync.left-out"
    assert finding.severity.value == "info"
    assert "seamguard sync test --target shop_queue" in (finding.hint or "")


def test_sync_test_still_runs_it_and_says_the_broker_is_missing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEAMGUARD_BROKER_URL", CLOSED)
    with pytest.raises(UsageError, match=r"127\.0\.0\.1"):
        run_checks(queue_only_project(), ["sync"], command="sync test",
                   options={"every_target": True, "examples": 1})
