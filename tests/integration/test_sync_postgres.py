"""The sync properties against the shop-sync service keeping its state in the real PostgreSQL
server, with the review queue read back by SQL. Each test gets its own schema, dropped after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from seamguard.contracts.catalog import ContractCatalog
from seamguard.project import find_project
from seamguard.sync.harness import SyncHarness
from tests.support.postgres import URL, throwaway_schema

pytestmark = pytest.mark.postgres



@pytest.fixture
def schema() -> Iterator[str]:
    with throwaway_schema("seamguard_sync") as name:
        yield name


def on_postgres(example: Path, schema: str) -> None:
    pyproject = example / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text = text.replace('SHOP_SYNC_DATABASE_URL = "sqlite:///{tmp}/shop_sync.sqlite"',
                        f'SHOP_SYNC_DATABASE_URL = "{URL}"\nSHOP_SYNC_DATABASE_SCHEMA = "{schema}"')
    text = text.replace('record_state_mappings = ["shopify-order-to-hubspot-deal"]',
                        'record_state_mappings = ["shopify-order-to-hubspot-deal"]\n'
                        'sql_url = "{SHOP_SYNC_DATABASE_URL}"\n'
                        'review_sql = "SELECT event_id, topic, key, reason FROM '
                        '{SHOP_SYNC_DATABASE_SCHEMA}.shop_sync_review_queue"')
    pyproject.write_text(text, encoding="utf-8")


def test_properties_hold_and_a_variant_is_caught_on_postgres(example: Path,
                                                             schema: str) -> None:
    on_postgres(example, schema)
    project = find_project(example, explicit=True)
    catalog = ContractCatalog(project)
    result = SyncHarness(project, catalog, "shop_sync", examples=15, seed=5).run()
    assert result.failures == []
    assert result.examples >= 10
    engine = sa.create_engine(URL)
    try:
        with engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names(schema=schema))
    finally:
        engine.dispose()
    assert "shop_sync_review_queue" in tables  # the service really kept its state there
    broken = SyncHarness(project, catalog, "shop_sync", examples=40, seed=3,
                         variant="unknown_status_nulled").run()
    assert [f.violation.property for f in broken.failures] == ["monotonic-state-machine"]
