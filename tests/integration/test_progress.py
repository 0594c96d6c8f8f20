"""Progress bars count real work: probe counts operations, drift counts requests."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.probe import ProbeOptions
from seamguard.project import find_project
from seamguard.runner import run_checks
from tests.integration.test_drift_run import TOKEN as DRIFT_TOKEN
from tests.integration.test_drift_run import platform_app, settings
from tests.integration.test_probe import SETTINGS, TOKEN, shop
from tests.support.projects import GOOD_ORDER, mini_project
from tests.support.servers import serve


class Recorded:
    def __init__(self) -> None:
        self.steps: list[tuple[int, int, str]] = []

    def check_started(self, check: str, title: str) -> None:
        pass

    def progress(self, check: str, done: int, total: int, label: str) -> None:
        self.steps.append((done, total, label))

    def check_finished(self, check: str, findings: int) -> None:
        pass


def test_probe_progress_counts_operations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    root = mini_project(tmp_path / "p", settings=SETTINGS)
    events = Recorded()
    with serve(shop([])) as origin:
        run_checks(find_project(root, explicit=True), ["probe"], command="probe", events=events,
                   options={"probe": ProbeOptions(platform="shop", max_examples=3, seed=1,
                                                  base_url=f"{origin}/api/{{version}}")})
    assert events.steps
    assert {total for _, total, _ in events.steps} == {1}  # one GET operation in the contract
    assert events.steps[-1][:2] == (1, 1)
    assert all(done <= total for done, total, _ in events.steps)


def test_drift_progress_counts_requests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOP_TOKEN", DRIFT_TOKEN)
    state = {"body": GOOD_ORDER}
    events = Recorded()
    with serve(platform_app(state)) as origin:
        extra = '\n[[tool.seamguard.platforms.shop.live]]\npath = "/orders/2.json"\n'
        root = mini_project(tmp_path / "p", settings=settings(origin) + extra)
        run_checks(find_project(root, explicit=True), ["drift.nightly"], command="drift run",
                   events=events)
    assert {total for _, total, _ in events.steps} == {2}  # two requests, one platform
    assert [done for done, _, _ in events.steps] == [0, 1, 2, 2]
    assert events.steps[1][2] == "shop GET /orders/1.json"
