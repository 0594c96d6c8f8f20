"""A damaged SQLite drift history is refused before it is read (drift/history_seal.py)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.drift.history import HistoryError, HistoryStore
from seamguard.findings import Finding, Location, Severity

NIGHT = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)


def _finding(number: int) -> Finding:
    return Finding(code="drift.undeclared-field", severity=Severity.WARNING, check="drift",
                   message=f"field {number} is not in the contract",
                   location=Location(platform="shop", operation="GET /orders.json",
                                     pointer=f"/orders/0/f{number}"))


def _written(path: Path, nights: int = 2) -> bytes:
    for night in range(nights):
        with HistoryStore.open(f"sqlite:///{path}") as store:
            store.record("shop", [_finding(n) for n in range(night, night + 5)],
                         now=NIGHT + timedelta(days=night))
    return path.read_bytes()


class Written(bytes):
    """A history's bytes, shown short in a failing example."""

    def __repr__(self) -> str:
        return f"<history of {len(self)} bytes>"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return Written(_written(tmp_path_factory.mktemp("seal") / "h.sqlite"))


def _refused(path: Path) -> HistoryError:
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(f"sqlite:///{path}").close()
    error = caught.value
    assert error.file == str(path)
    assert "damaged" in error.message
    assert error.hint is not None
    assert "move the file aside" in error.hint
    return error


def test_a_history_written_night_after_night_opens(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    _written(path, nights=3)
    with HistoryStore.open(f"sqlite:///{path}") as store:
        assert len(store.baseline("shop")) == 5


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_flipped_bit_past_the_header_is_refused(tmp_path: Path, written: bytes,
                                                    data: st.DataObject) -> None:
    at = data.draw(st.integers(100, len(written) - 1), label="byte")
    bit = data.draw(st.integers(0, 7), label="bit")
    damaged = bytearray(written)
    damaged[at] ^= 1 << bit
    path = tmp_path / f"flip-{at}-{bit}.sqlite"
    path.write_bytes(bytes(damaged))
    _refused(path)


def test_a_flip_that_makes_a_name_no_utf8_is_refused(tmp_path: Path, written: bytes) -> None:
    # quick_check quotes the damaged page's table name, whose bytes are no longer UTF-8
    damaged = bytearray(written)
    damaged[2644] ^= 1 << 7
    path = tmp_path / "flip-2644-7.sqlite"
    path.write_bytes(bytes(damaged))
    _refused(path)


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.999])
def test_a_copy_cut_short_is_refused(tmp_path: Path, written: bytes, keep: float) -> None:
    for cut in (int(len(written) * keep), int(len(written) * keep) // 4096 * 4096):
        path = tmp_path / f"cut-{cut}.sqlite"
        path.write_bytes(written[:cut])
        _refused(path)


def test_an_unsealed_history_is_held_to_sqlites_own_check(tmp_path: Path, written: bytes) -> None:
    path = tmp_path / "h.sqlite"
    path.write_bytes(written)
    with closing(sqlite3.connect(path)) as db:
        db.execute("pragma user_version = 0")
        db.commit()
    with HistoryStore.open(f"sqlite:///{path}") as store:  # accepted as it is ...
        store.record("shop", [_finding(1)], now=NIGHT + timedelta(days=9))
    # ... and sealed again once written; a page cut off is then found either way
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("pragma user_version").fetchone()[0] != 0
        db.execute("pragma user_version = 0")
        db.commit()
    data = path.read_bytes()
    path.write_bytes(data[:-4096])
    assert "SQLite finds it damaged" in _refused(path).message
