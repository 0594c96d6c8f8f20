"""hypothesis state a sync run keeps out: the loaded profile and the constants of loaded code."""

from __future__ import annotations

import importlib
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.internal.conjecture import providers

from seamguard.seeding import own_constants, own_profile, run_settings


@pytest.fixture
def hostile_profile() -> Iterator[None]:
    before = settings._current_profile or "default"
    settings.register_profile("sync-seeding-hostile", backend="hypothesis-urandom",
                              derandomize=True, report_multiple_bugs=False, max_examples=3,
                              deadline=200, phases=[Phase.generate, Phase.shrink])
    settings.load_profile("sync-seeding-hostile")
    try:
        yield
    finally:
        settings.load_profile(before)


@pytest.mark.usefixtures("hostile_profile")
def test_run_settings_take_nothing_from_the_loaded_profile() -> None:
    assert settings.default.backend == "hypothesis-urandom"  # the profile is in force
    made = run_settings(60)
    assert made.backend == "hypothesis"
    assert made.max_examples == 60
    assert made.derandomize is False
    assert made.report_multiple_bugs is True
    assert made.deadline is None
    assert made.database is None
    assert list(made.phases) == [Phase.explicit, Phase.generate]
    assert set(made.suppress_health_check) == set(HealthCheck)


@pytest.fixture
def local_literals(tmp_path: Path) -> Iterator[None]:
    """A local module with literals hypothesis collects, imported: the pool is not empty."""
    name = f"sync_seeding_literals_{uuid.uuid4().hex}"
    (tmp_path / f"{name}.py").write_text("LIMITS = (1234, 5678, 'tiny-sku')\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        importlib.import_module(name)
        yield
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop(name, None)


@pytest.mark.usefixtures("local_literals")
def test_no_local_constant_is_drawn_during_a_run_and_the_pool_is_back_after() -> None:
    real = providers._get_local_constants
    assert 1234 in real()
    with own_constants():
        assert len(providers._get_local_constants()) == 0
        with own_constants():  # a run inside a run (or another thread's) keeps it empty
            assert len(providers._get_local_constants()) == 0
        assert len(providers._get_local_constants()) == 0
    assert providers._get_local_constants is real
    assert 1234 in providers._get_local_constants()


def test_runs_in_two_threads_keep_the_pool_empty_until_the_last_ends() -> None:
    real = providers._get_local_constants
    inside, leave = threading.Event(), threading.Event()
    seen: list[int] = []

    def other_run() -> None:
        with own_constants():
            inside.set()
            leave.wait(timeout=30)
            seen.append(len(providers._get_local_constants()))

    thread = threading.Thread(target=other_run)
    with own_constants():
        thread.start()
        assert inside.wait(timeout=30)
    # this run has ended; the other one has not, and still draws no local constant
    assert len(providers._get_local_constants()) == 0
    leave.set()
    thread.join(timeout=30)
    assert seen == [0]
    assert providers._get_local_constants is real


@pytest.mark.usefixtures("hostile_profile")
def test_own_profile_puts_hypothesis_defaults_in_force_in_every_thread_and_gives_it_back() -> None:
    seen: list[object] = []

    def worker() -> None:  # a library's worker thread reads the profile by name
        seen.append(settings.default.backend)

    with own_profile():
        assert settings.default.backend == "hypothesis"
        assert settings.default.max_examples == 100
        assert settings.default.derandomize is False
        assert settings.default.database is None
        with own_profile():  # nested (or another thread's run): still in force
            assert settings.default.backend == "hypothesis"
        assert settings.default.report_multiple_bugs is True
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join(timeout=30)
    assert seen == ["hypothesis"]
    assert settings.get_current_profile_name() == "sync-seeding-hostile"
    assert settings.default.backend == "hypothesis-urandom"
