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
import sys
import sysconfig
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["TargetWorker"]


class TargetWorker:
    """Runs one target's calls, one at a time or interleaved as coroutines, on its loop."""

    def __init__(self, name: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._running: list[str] = []  # what the loop is executing now (touched on its thread)
        self._abandoned = False
        self._kept: list[Any] = []
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

    async def call(self, label: str, function: Callable[..., Any], *args: Any,
                   harness: bool = False) -> Any:
        """``function(*args)`` on the worker, awaited there when it returns an awaitable.

        ``harness``: the harness's own work (e.g. waiting for a queue consumer's verdict), which
        a finding does not name as what blocks: the service's code it waits on is named."""

        async def invoke() -> Any:
            if harness:
                value = function(*args)
                return await value if inspect.isawaitable(value) else value
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

    async def stuck(self, timeout: float, *, probe: bool = False) -> str | None:
        """None when the worker's loop answers within ``timeout``; otherwise what still holds it
        (e.g. ``deliver()``): a call that blocks its thread and ignored being cancelled.

        Only asked after a call the harness gave up on, unless ``probe``: work the loop runs
        by itself (a queue consumer's message callback) can block it with no call pending."""
        if not (self._abandoned or probe):
            return None

        async def ping() -> None:
            return None

        future = asyncio.run_coroutine_threadsafe(ping(), self._loop)
        try:
            await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            self._abandoned = True
            running = list(self._running)
            where = self.blocked_in()
            if not running:  # work the loop took up by itself, e.g. a message callback
                return where or "a callback of the service"
            said = ", ".join(running)
            return f"{said} (blocked in {where})" if where else said
        self._abandoned = False
        return None

    def keep(self, *objects: Any) -> None:
        """Hold ``objects`` as long as the worker's thread lives: what a blocked loop still
        runs (an app's lifespan) must not be collected and closed under it."""
        self._kept.extend(objects)

    def blocked_in(self) -> str:
        """Where the worker's thread stands: the innermost frame of the service's own code
        (not the standard library's or an installed package's), as ``function (file:line)``."""
        frame = sys._current_frames().get(self._thread.ident or -1)
        library = {sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib",
                                                          "platlib")}
        library.add(str(Path(__file__).resolve().parents[1]))  # seamguard's own frames
        while frame is not None:
            path = frame.f_code.co_filename
            if not any(path.startswith(root) for root in library) and Path(path).is_file():
                shown = _relative(path)
                return f"{frame.f_code.co_name}() at {shown}:{frame.f_lineno}"
            frame = frame.f_back
        return ""

    def close(self) -> None:
        """Stop the loop when it is free; a thread a blocked call holds is left to end with it
        (or with the process: it is a daemon)."""
        if self._loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # it closed meanwhile
            self._loop.call_soon_threadsafe(self._loop.stop)
        if not self._abandoned:
            self._thread.join(5.0)


def _relative(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path
