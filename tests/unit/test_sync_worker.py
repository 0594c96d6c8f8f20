"""The target worker tells a loop that is idle from one that work of its own blocks (a queue
consumer's message callback), and names where the service's code stands."""

from __future__ import annotations

import asyncio
import threading

import pytest

from seamguard.sync.worker import TargetWorker


def _callback_that_blocks(release: threading.Event) -> None:
    release.wait()  # a synchronous wait inside the service's own callback


def test_a_loop_blocked_by_its_own_callback_is_found_only_when_probed() -> None:
    worker = TargetWorker("probe")
    release = threading.Event()
    try:
        assert asyncio.run(worker.stuck(0.5, probe=True)) is None  # idle: answers at once
        worker._loop.call_soon_threadsafe(_callback_that_blocks, release)
        # no call was abandoned, so without a probe nothing is asked
        assert asyncio.run(worker.stuck(0.2)) is None
        said = asyncio.run(worker.stuck(0.2, probe=True))
        assert said is not None
        assert said.startswith("_callback_that_blocks() at ")
        line = _callback_that_blocks.__code__.co_firstlineno + 1  # its release.wait()
        assert f"tests/unit/test_sync_worker.py:{line}" in said
    finally:
        release.set()
    # released, the loop answers again and the worker closes
    assert asyncio.run(worker.stuck(2.0, probe=True)) is None
    worker.close()


def test_a_call_that_blocks_is_named_with_where_it_blocks() -> None:
    worker = TargetWorker("call")
    release = threading.Event()

    async def deliver() -> None:
        await worker.call("deliver()", _callback_that_blocks, release)

    async def cut_off() -> str | None:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(deliver(), 0.2)
        return await worker.stuck(0.2)

    try:
        said = asyncio.run(cut_off())
        assert said is not None
        assert said.startswith("deliver() (blocked in _callback_that_blocks() at ")
    finally:
        release.set()
    worker.close()
