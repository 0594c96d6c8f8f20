"""The drift history against the real PostgreSQL server.

Not skipped when the server is missing: CI provides it, and a silent skip would hide a broken
PostgreSQL path. Each test gets its own schema, dropped afterwards, so concurrent runs don't clash.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from seamguard.drift.history import FieldFormat, HistoryError, HistoryStore, fingerprint
from seamguard.findings import Finding, Location, Severity
from tests.support.postgres import URL, throwaway_schema

pytestmark = pytest.mark.postgres

NIGHT = datetime(2024, 7, 1, 2, 0, tzinfo=UTC)


def drift(pointer: str, hits: int = 3, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(
        code="drift.undeclared-field",
        severity=severity,
        message=f"{pointer} appeared in {hits} of 100 payloads",
        check="drift",
        location=Location(platform="shopify", version="2024-07", pointer=pointer),
        actual={"hits": hits, "of": 100},
    )


@pytest.fixture
def schema() -> Iterator[str]:
    with throwaway_schema("seamguard_test") as name:
        yield name


def test_new_then_ongoing_then_resolved(schema: str) -> None:
    gift, tags = drift("/gift_note"), drift("/tags")

    with HistoryStore.open(URL, schema=schema) as store:
        first = store.record("shopify", [gift, tags], now=NIGHT)
    assert sorted(item.status for item in first.classified) == ["new", "new"]

    with HistoryStore.open(URL, schema=schema) as store:
        second = store.record(
            "shopify", [drift("/gift_note", hits=4)], now=NIGHT + timedelta(days=1)
        )
        assert store.baseline("shopify") == {fingerprint(gift)}
    [ongoing] = second.classified
    assert (ongoing.status, ongoing.first_seen, ongoing.runs_seen) == ("ongoing", NIGHT, 2)
    assert second.resolved == [(fingerprint(tags), tags.code, tags.message)]
    assert second.to_alert() == []

    with HistoryStore.open(URL, schema=schema) as store:
        third = store.record(
            "shopify", [drift("/gift_note", severity=Severity.ERROR)], now=NIGHT + timedelta(2)
        )
        fourth = store.record("shopify", [], now=NIGHT + timedelta(days=3))
        assert store.baseline("shopify") == set()
    assert [item.status for item in third.to_alert()] == ["worsened"]
    assert [entry[0] for entry in fourth.resolved] == [fingerprint(gift)]


def test_clock_going_backwards_and_failed_runs_leave_the_history(
    schema: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with HistoryStore.open(URL, schema=schema) as store:
        store.record("shopify", [drift("/a")], now=NIGHT)

        with pytest.raises(HistoryError, match="clock went backwards"):
            store.record("shopify", [], now=NIGHT - timedelta(seconds=1))

        def explode(*args: object) -> None:
            raise RuntimeError("connection lost")

        monkeypatch.setattr(HistoryStore, "_replace_baselines", explode)
        with pytest.raises(RuntimeError):
            store.record("shopify", [drift("/b")], now=NIGHT + timedelta(days=1))
        monkeypatch.undo()

        assert store.baseline("shopify") == {fingerprint(drift("/a"))}
        result = store.record("shopify", [drift("/a")], now=NIGHT + timedelta(days=1))
    assert [item.status for item in result.classified] == ["ongoing"]


def test_concurrent_runs_of_one_platform_are_serialised(schema: str) -> None:
    # Two nightly jobs racing on one platform: each must see the other's run, never interleave.
    with HistoryStore.open(URL, schema=schema) as store:
        store.record("shopify", [], now=NIGHT)
    moments = [NIGHT + timedelta(hours=hour) for hour in range(1, 9)]

    def run(moment: datetime) -> str:
        with HistoryStore.open(URL, schema=schema) as own:
            try:
                own.record("shopify", [drift(f"/{moment.hour}")], now=moment)
            except HistoryError:
                return "refused"  # a later run got in first: the clock check holds
            return "recorded"

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(run, moments))

    assert "recorded" in outcomes
    with HistoryStore.open(URL, schema=schema) as store:
        assert len(store.baseline("shopify")) == 1
        engine = sa.create_engine(URL)
        with engine.connect() as conn:
            count = conn.execute(sa.text(f'select count(*) from "{schema}".runs')).scalar_one()
        engine.dispose()
    assert count == 1 + outcomes.count("recorded")


def test_format_baselines_keep_the_first_format(schema: str) -> None:
    key = ("GET /orders.json 200", "orders[].phone")
    with HistoryStore.open(URL, schema=schema) as store:
        store.record("shopify", [], now=NIGHT, formats={key: FieldFormat("phone-e164", 1.0, 50)})
    with HistoryStore.open(URL, schema=schema) as store:
        store.record("shopify", [], now=NIGHT + timedelta(days=1),
                     formats={key: FieldFormat("phone-cn-no-plus", 0.96, 50)})
        [(got_key, got)] = store.formats("shopify").items()
    assert got_key == key
    assert (got.format, got.total, got.first_seen) == ("phone-e164", 50, NIGHT)
