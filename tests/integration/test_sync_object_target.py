"""A Python-object sync target under the Taobao-style profile: ordered deliveries, local times
without offset. The example service wrapped as an object keeps every property; reading local
time as UTC is caught."""

from __future__ import annotations

from pathlib import Path

from seamguard.contracts.catalog import ContractCatalog
from seamguard.project import find_project
from seamguard.sync.harness import SyncHarness


def object_target(example: Path) -> None:
    pyproject = example / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    start = text.index("[tool.seamguard.sync.targets.shop_sync.env]")
    env = text[start:text.index("\n\n", start) + 2].replace("targets.shop_sync.env",
                                                            "targets.objects.env")
    pyproject.write_text(text.replace("[tool.ruff]", """[tool.seamguard.sync.targets.objects]
object = "tests.support.sync_objects:shop_sync_object"
mappings = ["shopify-order-to-hubspot-deal", "shopify-customer-to-hubspot-contact"]
profile = "taobao"
record_state_mappings = ["shopify-order-to-hubspot-deal"]
secret_default = "shop-sync-test-secret"

""" + env + "[tool.ruff]"), encoding="utf-8")


def test_an_object_target_with_local_times(example: Path) -> None:
    object_target(example)
    project = find_project(example, explicit=True)
    catalog = ContractCatalog(project)
    result = SyncHarness(project, catalog, "objects", examples=15, seed=4).run()
    assert result.failures == []
    assert result.examples >= 10
    broken = SyncHarness(project, catalog, "objects", examples=40, seed=4,
                         variant="local_time_as_utc").run()
    assert broken.failures
    failure = broken.failures[0]
    assert failure.violation.property in ("normalisation", "convergence", "no-lost-update")
    assert all("+" not in e.payload.get("updated_at", "+") for e in failure.script.events
               if e.topic != "refunds/create")
