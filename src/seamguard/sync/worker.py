"""A thread and event loop of its own for an in-process sync target (a Python object, or an
ASGI app and its lifespan).

An object target's methods may be plain functions or coroutines, and either may block: a
``deliver()`` stuck on a lock, a ``state()`` waiting on a socket without a timeout; an app's
handler may call something blocking. Called on the
harness's own event loop, a blocking call would freeze the loop and with it every deadline. So
every call (the factory's too, so an object that keeps thread-bound resources, such as a SQLite
connection, meets them on the thread that made them) runs on a daemon thread with its own loop;
the harness waits for it with its deadline, and a call it gave up on can never keep the process
from exiting.

A call the harness gave up on may still hold that thread: ``stuck()`` asks the loop to answer
and says what is still running when it does not.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["TargetWorker"]


class TargetWorker:
    """Runs one target's calls, one at a time or interleaved as coroutines, on its loop."""

    def __init__(self, name: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._running: list[str] = []  # what the loop is executing now (touched on its thread)
        self._abandoned = False
        self._thread = threading.Thread(target=self._serve, daemon=True,
                                        name=f"seamguard-sync-{name}")
        self._thread.start()

    def _serve(self) -> None:
        loop = self._loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:
            # What was still queued when the loop stopped (e.g. a ping sent while a blocked
            # call held it) ends here rather than being destroyed pending.
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    async def call(self, label: str, function: Callable[..., Any], *args: Any) -> Any:
        """``function(*args)`` on the worker, awaited there when it returns an awaitable."""

        async def invoke() -> Any:
            self._running.append(label)
            try:
                value = function(*args)
                return await value if inspect.isawaitable(value) else value
            finally:
                self._running.remove(label)

        future = asyncio.run_coroutine_threadsafe(invoke(), self._loop)
        try:
            return await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            # The harness's deadline passed: the call is asked to stop; whether it can is
            # what ``stuck()`` finds out.
            self._abandoned = True
            raise

    async def stuck(self, timeout: float) -> str | None:
        """None when the worker's loop answers within ``timeout``; otherwise what still holds it
        (e.g. ``deliver()``): a call that blocks its thread and ignored being cancelled."""
        if not self._abandoned:
            return None

        async def ping() -> None:
            return None

        future = asyncio.run_coroutine_threadsafe(ping(), self._loop)
        try:
            await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            running = list(self._running)
            return ", ".join(running) if running else "a call"
        self._abandoned = False
        return None

    def close(self) -> None:
        """Stop the loop when it is free; a thread a blocked call holds is left to end with it
        (or with the process: it is a daemon)."""
        if self._loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # it closed meanwhile
            self._loop.call_soon_threadsafe(self._loop.stop)
        if not self._abandoned:
            self._thread.join(5.0)
