"""A sync target reached by URL: the service runs on its own port, the CRM double on another."""

from __future__ import annotations

import socket
from pathlib import Path

from fixtures.integrations.shop_sync import ShopSyncConfig
from fixtures.integrations.shop_sync.app import create_app

from seamguard.contracts.catalog import ContractCatalog
from seamguard.project import find_project
from seamguard.sync.harness import SyncHarness
from tests.support.servers import serve

SECRET = "remote-test-secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_remote(example: Path, folder: Path, variant: str | None,
               examples: int = 8) -> list[str]:
    crm_port = free_port()
    config = ShopSyncConfig(
        database_url=f"sqlite:///{folder / 'shop.sqlite'}", webhook_secret=SECRET,
        hubspot_url=f"http://127.0.0.1:{crm_port}", hubspot_token="seamguard-test-token",
        allow_reset=True, shop_timezone="Asia/Shanghai", variant=variant)
    with serve(create_app(config)) as origin:
        pyproject = example / "pyproject.toml"
        pyproject.write_text(pyproject.read_text(encoding="utf-8").replace("[tool.ruff]", f"""
[tool.seamguard.sync.targets.remote]
url = "{origin}"
crm_listen = "127.0.0.1:{crm_port}"
mappings = ["shopify-order-to-hubspot-deal", "shopify-customer-to-hubspot-contact"]
webhook_path = "/webhooks/shopify"
secret_default = "{SECRET}"
reset = "/admin/reset"
review_queue = "/review-queue"
record_state = "/orders/{{key}}"
record_state_mappings = ["shopify-order-to-hubspot-deal"]

[tool.ruff]"""), encoding="utf-8")
        project = find_project(example, explicit=True)
        result = SyncHarness(project, ContractCatalog(project), "remote", examples=examples,
                             seed=7).run()
    return [failure.violation.property for failure in result.failures]


def test_a_running_service_keeps_the_properties(example: Path, tmp_path: Path) -> None:
    assert run_remote(example, tmp_path, None) == []


def test_a_lost_response_after_commit_duplicates_over_real_http(example: Path,
                                                                tmp_path: Path) -> None:
    assert run_remote(example, tmp_path, "create_then_retry", examples=30) == ["exactly-once"]
