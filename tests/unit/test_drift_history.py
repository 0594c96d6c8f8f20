"""The drift history: new, ongoing, worsened, resolved, ignored, and a history that never breaks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from seamguard.drift import history
from seamguard.drift.history import (
    FieldFormat,
    HistoryError,
    HistoryStore,
    IgnoreRule,
    fingerprint,
)
from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity

NIGHT = datetime(2024, 7, 1, 2, 0, tzinfo=UTC)


def drift(
    code: str = "drift.undeclared-field",
    pointer: str = "/orders/0/gift_note",
    *,
    severity: Severity = Severity.WARNING,
    hits: int = 3,
    of: int = 100,
    message: str | None = None,
    platform: str = "shopify",
    interaction: int | None = None,
) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        message=message or f"{pointer} appeared in {hits} of {of} payloads",
        check="drift",
        location=Location(
            platform=platform,
            version="2024-07",
            operation="GET /orders.json",
            pointer=pointer,
            file="fixtures/cassettes/orders.yaml",
            line=hits,
            interaction=interaction,
        ),
        actual={"hits": hits, "of": of, "sample": "jane.doe@example.com"},
        expected={"sample": "secret-expected-value"},
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(f"sqlite:///{tmp_path / 'reports' / 'history.sqlite'}")
    yield opened
    opened.close()


def statuses(result: history.RunResult) -> dict[str, str]:
    return {item.finding.location.pointer or "": item.status for item in result.classified}


def test_fingerprint_ignores_what_changes_nightly() -> None:
    first = drift(hits=3, message="seen 3 times", interaction=1)
    second = drift(hits=40, of=90, message="seen 40 times, now everywhere", interaction=7)

    assert fingerprint(first) == fingerprint(second)
    assert len(fingerprint(first)) >= 16
    assert all(char in "0123456789abcdef" for char in fingerprint(first))


@pytest.mark.parametrize(
    "other",
    [
        drift(code="drift.type-changed"),
        drift(pointer="/orders/0/note"),
        drift(platform="hubspot"),
        Finding("drift.undeclared-field", Severity.WARNING, "m", "drift", Location("shopify")),
    ],
)
def test_fingerprint_tells_apart_what_identifies_a_finding(other: Finding) -> None:
    assert fingerprint(drift()) != fingerprint(other)


def test_new_then_ongoing_then_resolved(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'deep' / 'er' / 'history.sqlite'}"
    gift, tags = drift(pointer="/gift_note"), drift(pointer="/tags")

    with HistoryStore.open(url) as store:
        first = store.record("shopify", [gift, tags], now=NIGHT)
    assert (tmp_path / "deep" / "er" / "history.sqlite").is_file()
    assert statuses(first) == {"/gift_note": "new", "/tags": "new"}
    assert first.resolved == []
    assert len(first.to_alert()) == 2

    # Reopened, as the next nightly job would: the history lives in the file.
    with HistoryStore.open(url) as store:
        second = store.record(
            "shopify", [drift(pointer="/gift_note", hits=4)], now=NIGHT + timedelta(days=1)
        )
        assert store.baseline("shopify") == {fingerprint(gift)}
    assert statuses(second) == {"/gift_note": "ongoing"}
    assert second.to_alert() == []
    assert second.resolved == [(fingerprint(tags), tags.code, tags.message)]
    [ongoing] = second.classified
    assert ongoing.first_seen == NIGHT
    assert ongoing.runs_seen == 2
    assert second.run_id > first.run_id

    with HistoryStore.open(url) as store:
        third = store.record("shopify", [], now=NIGHT + timedelta(days=2))
        assert store.baseline("shopify") == set()
    assert third.classified == []
    assert [entry[0] for entry in third.resolved] == [fingerprint(gift)]
    assert third.resolved[0][2] == drift(pointer="/gift_note", hits=4).message


def test_platforms_have_separate_histories(store: HistoryStore) -> None:
    store.record("shopify", [drift()], now=NIGHT)
    result = store.record("hubspot", [], now=NIGHT - timedelta(hours=1))

    assert result.resolved == []
    assert store.baseline("shopify") == {fingerprint(drift())}


def test_a_finding_that_comes_back_after_resolution_is_new_again(store: HistoryStore) -> None:
    store.record("shopify", [drift()], now=NIGHT)
    store.record("shopify", [], now=NIGHT + timedelta(days=1))
    back = store.record("shopify", [drift()], now=NIGHT + timedelta(days=2))

    [item] = back.classified
    assert (item.status, item.runs_seen) == ("new", 1)
    assert item.first_seen == NIGHT + timedelta(days=2)


def test_duplicates_in_one_run_count_once_with_the_worst_severity(store: HistoryStore) -> None:
    result = store.record(
        "shopify",
        [drift(interaction=1), drift(interaction=2, severity=Severity.ERROR)],
        now=NIGHT,
    )

    [item] = result.classified
    assert item.finding.severity is Severity.ERROR


@pytest.mark.parametrize(
    ("before", "after", "status"),
    [
        pytest.param(drift(), drift(severity=Severity.ERROR), "worsened", id="severity-rose"),
        pytest.param(drift(severity=Severity.ERROR), drift(), "ongoing", id="severity-fell"),
        pytest.param(drift(hits=10), drift(hits=16), "worsened", id="share-up-60pct"),
        pytest.param(drift(hits=10), drift(hits=15), "ongoing", id="share-up-50pct"),
        pytest.param(drift(hits=10, of=100), drift(hits=20, of=400), "ongoing", id="share-down"),
        pytest.param(drift(hits=0), drift(hits=1), "worsened", id="from-zero"),
    ],
)
def test_worsened(store: HistoryStore, before: Finding, after: Finding, status: str) -> None:
    store.record("shopify", [before], now=NIGHT)
    result = store.record("shopify", [after], now=NIGHT + timedelta(days=1))

    assert statuses(result) == {"/orders/0/gift_note": status}
    assert [item.status for item in result.to_alert()] == ([status] if status == "worsened" else [])


def test_ignore_rules_apply_until_they_expire(store: HistoryStore) -> None:
    rule = IgnoreRule(
        code="drift.undeclared-*",
        platform="shopify",
        pointer="/orders/*/gift_note",
        owner="ana@shop.example",
        reason="gift notes are rolled out in July",
        expires=date(2024, 7, 2),
    )
    other = drift(code="drift.type-changed")

    first = store.record("shopify", [drift(), other], now=NIGHT, ignores=[rule])
    by_code = {item.finding.code: item.status for item in first.classified}
    assert by_code == {"drift.undeclared-field": "ignored", "drift.type-changed": "new"}
    assert [item.finding.code for item in first.to_alert()] == ["drift.type-changed"]
    assert first.expired_ignores == []

    # The expiry day itself is still covered.
    last_day = store.record("shopify", [drift()], now=NIGHT + timedelta(days=1), ignores=[rule])
    assert statuses(last_day) == {"/orders/0/gift_note": "ignored"}

    # The day after, the rule stops applying, is reported, and the finding alerts for the first
    # time; its history still starts when it was first seen.
    after = store.record("shopify", [drift()], now=NIGHT + timedelta(days=2), ignores=[rule])
    assert after.expired_ignores == [rule]
    [item] = after.to_alert()
    assert (item.status, item.first_seen, item.runs_seen) == ("new", NIGHT, 3)


@pytest.mark.parametrize(
    ("rule_platform", "rule_pointer", "ignored"),
    [
        (None, None, True),
        ("hubspot", None, False),
        (None, "/customers/*", False),
        ("shopify", "/orders/?/gift_note", True),
    ],
)
def test_ignore_rule_scope(
    store: HistoryStore, rule_platform: str | None, rule_pointer: str | None, ignored: bool
) -> None:
    rule = IgnoreRule(code="drift.*", platform=rule_platform, pointer=rule_pointer, owner="ops",
                      reason="known", expires=date(2099, 1, 1))

    result = store.record("shopify", [drift()], now=NIGHT, ignores=[rule])

    assert statuses(result) == {"/orders/0/gift_note": "ignored" if ignored else "new"}


def test_clock_going_backwards_is_refused_and_changes_nothing(
    tmp_path: Path, store: HistoryStore
) -> None:
    store.record("shopify", [drift()], now=NIGHT)

    with pytest.raises(HistoryError, match="clock went backwards") as caught:
        store.record("shopify", [], now=NIGHT - timedelta(minutes=1))

    assert isinstance(caught.value, UsageError)
    assert caught.value.hint
    assert "history.sqlite" in str(caught.value)
    assert store.baseline("shopify") == {fingerprint(drift())}
    later = store.record("shopify", [drift()], now=NIGHT + timedelta(days=1))
    assert statuses(later) == {"/orders/0/gift_note": "ongoing"}


def test_naive_times_are_taken_as_utc(store: HistoryStore) -> None:
    store.record("shopify", [], now=datetime(2024, 7, 1, 2, 0))

    with pytest.raises(HistoryError):
        # 03:30 in UTC+2 is 01:30 UTC: earlier than the naive (UTC) 02:00 above.
        store.record(
            "shopify", [], now=datetime(2024, 7, 1, 3, 30, tzinfo=timezone(timedelta(hours=2)))
        )


def test_a_failure_inside_record_leaves_the_previous_state(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record("shopify", [drift(pointer="/a"), drift(pointer="/b")], now=NIGHT)
    before = store.baseline("shopify")

    def explode(*args: object) -> None:
        raise RuntimeError("disk full")

    # Fails after the run and its observations are written, before the baselines are replaced.
    monkeypatch.setattr(HistoryStore, "_replace_baselines", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        store.record("shopify", [drift(pointer="/c")], now=NIGHT + timedelta(days=1))
    monkeypatch.undo()

    assert store.baseline("shopify") == before
    retried = store.record("shopify", [drift(pointer="/c")], now=NIGHT + timedelta(days=1))
    assert statuses(retried) == {"/c": "new"}
    assert {entry[0] for entry in retried.resolved} == before
    assert retried.run_id == 2  # the failed run was rolled back along with everything else


def test_personal_data_in_expected_and_actual_is_never_stored(
    tmp_path: Path, store: HistoryStore
) -> None:
    store.record("shopify", [drift()], now=NIGHT)
    store.close()

    raw = (tmp_path / "reports" / "history.sqlite").read_bytes()
    assert b"jane.doe@example.com" not in raw
    assert b"secret-expected-value" not in raw
    with sqlite3.connect(tmp_path / "reports" / "history.sqlite") as conn:
        assert conn.execute("select hits, of from observations").fetchall() == [(3, 100)]


def test_a_file_that_is_not_a_database_is_reported_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"this is a spreadsheet, honest\n" * 200)

    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(f"sqlite:///{path}")

    assert caught.value.file == str(path)
    assert caught.value.hint is not None
    assert "move it" in caught.value.hint
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_a_history_of_another_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    HistoryStore.open(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        conn.execute("update schema_version set version = 99")
        conn.execute("pragma user_version = 0")  # the edit accepted: the version is judged

    with pytest.raises(HistoryError, match="schema version 99") as caught:
        HistoryStore.open(f"sqlite:///{path}")
    assert caught.value.file == str(path)
    assert caught.value.hint


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("create table runs (name text)")

    with pytest.raises(HistoryError, match="schema version None"):
        HistoryStore.open(f"sqlite:///{path}")


@pytest.mark.parametrize(
    ("url", "schema", "message"),
    [
        ("not a url", None, "not a database URL"),
        ("nosuchdb+driver://host/db", None, "cannot open the drift history"),
        ("sqlite:///{tmp}/h.sqlite", "nightly", "only be given for a PostgreSQL"),
        ("sqlite:///{tmp}", None, "cannot open the drift history"),
    ],
)
def test_open_reports_bad_urls_as_history_errors(
    tmp_path: Path, url: str, schema: str | None, message: str
) -> None:
    with pytest.raises(HistoryError, match=message) as caught:
        HistoryStore.open(url.format(tmp=tmp_path), schema=schema)
    assert caught.value.hint


def test_the_default_url_is_a_file_under_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    with HistoryStore.open() as store:
        store.record("shopify", [drift()], now=NIGHT)

    assert (tmp_path / "reports" / "drift-history.sqlite").is_file()


def test_a_version_1_history_gains_the_format_baselines_in_place(tmp_path: Path) -> None:
    import sqlalchemy as sa

    url = f"sqlite:///{tmp_path / 'h.sqlite'}"
    with HistoryStore.open(url) as store:
        store.record("shop", [], now=datetime(2026, 1, 1, tzinfo=UTC))
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # what seamguard 0.1 left behind
        conn.execute(sa.text("DROP TABLE formats"))
        conn.execute(sa.text("UPDATE schema_version SET version = 1"))
        conn.execute(sa.text("PRAGMA user_version = 0"))  # 0.1 sealed nothing
    engine.dispose()
    key = ("GET /orders.json 200", "orders[].phone")
    with HistoryStore.open(url) as store:
        store.record("shop", [], now=datetime(2026, 1, 2, tzinfo=UTC),
                     formats={key: FieldFormat("phone-e164", 1.0, 40)})
        store.record("shop", [], now=datetime(2026, 1, 3, tzinfo=UTC),
                     formats={key: FieldFormat("phone-cn-no-plus", 1.0, 40)})
        assert store.formats("shop")[key].format == "phone-e164"  # the first one stays
        assert len(store.baseline("shop")) == 0
