"""A sync run's outcome is a function of its seed and settings: the same late in a long process
(more code imported, another hypothesis profile loaded) as in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from fixtures.integrations.shop_sync.variants import target_of

from seamguard.contracts.catalog import ContractCatalog
from seamguard.project import find_project
from seamguard.sync.harness import SyncHarness
from tests.support.projects import REPO

# The case first seen to depend on the process: caught in a fresh interpreter, missed once late
# in a long pytest session.
VARIANT, SEED, BUDGET = "create_then_retry", 3, 60


def outcome(variant: str, seed: int) -> dict[str, object]:
    """Everything the exploration decided: examples played, when it first failed, the scripts'
    coverage, the failing script as found (not shrunk)."""
    project = find_project(REPO, explicit=True)
    made = SyncHarness(project, ContractCatalog(project), target_of(variant), examples=BUDGET,
                       seed=seed, variant=variant)
    made.shrink_budget = 0
    result = made.run(replay_regressions=False)
    return {"examples": result.examples, "first": result.first_failure_examples,
            "coverage": sorted(result.coverage.items()),
            "script": result.failures[0].script.dumps() if result.failures else None}


def fresh_outcome(variant: str, seed: int) -> dict[str, object]:
    code = ("import json; from tests.integration.test_sync_seeding import outcome; "
            f"print(json.dumps(outcome({variant!r}, {seed!r})))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    loaded: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    loaded["coverage"] = [tuple(pair) for pair in loaded["coverage"]]  # type: ignore[union-attr]
    return loaded


@pytest.mark.usefixtures("long_lived_process")
def test_a_seed_explores_the_same_scripts_late_in_a_long_process_as_in_a_fresh_one() -> None:
    fresh = fresh_outcome(VARIANT, SEED)
    assert fresh["first"] is not None, fresh  # the case is a catch, so a miss would show
    assert outcome(VARIANT, SEED) == fresh


def test_check_derives_its_seed_from_the_target_and_sync_test_explores() -> None:
    from seamguard.sync.harness import derived_seed
    from seamguard.sync.report import coverage_finding

    project = find_project(REPO, explicit=True)
    catalog = ContractCatalog(project)

    def run(**given: object) -> tuple[int, str]:
        made = SyncHarness(project, catalog, "shop_sync", examples=2,
                           **given)  # type: ignore[arg-type]
        result = made.run(replay_regressions=False)
        return result.seed, coverage_finding(result).message.splitlines()[0].split(" over ")[1]

    first, second = run(), run()
    wanted = derived_seed("shop_sync", project.settings.sync.targets["shop_sync"])
    assert first == second
    assert first[0] == wanted
    assert f"seed {wanted} (derived from the target)" in first[1]
    assert wanted != derived_seed("shop_poll", project.settings.sync.targets["shop_poll"])
    assert run(seed=7)[1].endswith("seed 7 (--seed)")
    assert "(random: exploring)" in run(explore=True)[1]
