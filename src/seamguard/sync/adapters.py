"""Adapters to the system under test: a Python object, or an HTTP service (in-process or remote).

Every adapter offers the same async control surface to the runner: ``reset()``, ``review()``
(the review queue items), ``record_state(key)`` (the stored version of one record, or None),
``set_clock(now)`` (the harness's simulated time), ``tick()`` (the system's scheduled work, e.g.
one poll) and ``restart()`` (after a simulated crash). How events reach the system is a
transport's job (``seamguard.sync.transport``); the CRM side is always seamguard's double, so
target records are read from it, not from the SUT.

A Python object needs ``reset()``, ``deliver(event) -> int`` (an HTTP-like status) and
``state() -> {"review": [...], "records": {key: {"version": ...}}}``, and may offer
``set_clock(now)``, ``tick()`` and ``restart()``; each may be async. The object is then its own
transport: ``deliver`` is called for every delivery. Its calls run on a thread of their own, so
one that blocks is cut off by the deadline like a hanging service.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import datetime
from typing import Any, Protocol

import httpx

from seamguard.errors import UsageError
from seamguard.sync.transport import CRASHED, Answer, Capabilities, DeadLetter, Outgoing, crashed
from seamguard.sync.worker import TargetWorker

__all__ = ["HttpAdapter", "ObjectAdapter", "ReadBackError", "SystemUnderTest"]

Asgi = Callable[[MutableMapping[str, Any], Any, Any], Awaitable[None]]


class ReadBackError(Exception):
    """The SUT's state could not be read back (an error status, or not JSON)."""


class SystemUnderTest(Protocol):
    can_restart: bool
    has_clock: bool

    async def start(self) -> None: ...
    async def reset(self) -> None: ...
    async def review(self) -> list[dict[str, Any]]: ...
    async def record_state(self, key: str) -> dict[str, Any] | None: ...
    async def set_clock(self, now: datetime) -> None: ...
    async def tick(self) -> Answer: ...
    async def restart(self) -> None: ...
    async def close(self) -> None: ...


class ObjectAdapter:
    """A SUT that is a Python object in this process; it is its own transport.

    Every call runs on the object's own thread and loop (``seamguard.sync.worker``), so a
    method that blocks, async or not, is cut off by the deadline like a hanging service."""

    def __init__(self, target: Any, timeout: float = 5.0,
                 worker: TargetWorker | None = None) -> None:
        for name in ("reset", "deliver", "state"):
            if not callable(getattr(target, name, None)):
                raise UsageError(f"the sync target object has no {name}() method",
                                 hint="a Python target needs reset(), deliver(event), state()")
        self.target = target
        self.timeout = timeout
        self.worker = worker or TargetWorker(type(target).__name__)
        self.can_restart = callable(getattr(target, "restart", None))
        self.has_clock = callable(getattr(target, "set_clock", None))
        self.capabilities = Capabilities(crashes=self.can_restart)

    async def _call(self, name: str, *args: Any) -> Any:
        return await self.worker.call(f"{name}()", getattr(self.target, name), *args)

    async def _hook(self, name: str, *args: Any) -> Any:
        """A control hook (clock, restart): one that hangs is a usage error, as over HTTP."""
        try:
            return await asyncio.wait_for(self._call(name, *args), self.timeout)
        except TimeoutError:
            raise UsageError(f"the sync target object's {name}() gave no answer within "
                             f"{self.timeout:g}s", hint=f"{name}() must return within the sync "
                                                        "`deadline`") from None

    async def blocked_call(self, *, probe: bool = False) -> str | None:
        """What still blocks the object's thread after a call the deadline cut off, or None."""
        return await self.worker.stuck(self.timeout, probe=probe)

    async def start(self) -> None:
        pass

    async def open(self) -> None:
        pass

    async def reset(self) -> None:
        await self._call("reset")

    async def deliver(self, outgoing: Outgoing) -> Answer:
        try:
            status = await self._call("deliver", outgoing.event)
        except BaseException as error:
            if crashed(error):
                return CRASHED
            raise
        if isinstance(status, bool) or not isinstance(status, int):
            raise UsageError(f"the sync target object's deliver() returned {status!r} "
                             f"(type={type(status).__name__}); expected an HTTP-like status "
                             "(int)", hint="return 200 when the event was taken, 4xx when it is "
                                           "refused, 5xx to have it delivered again")
        return Answer.http(status)

    async def set_clock(self, now: datetime) -> None:
        if self.has_clock:
            await self._hook("set_clock", now)

    async def tick(self) -> Answer:
        if not callable(getattr(self.target, "tick", None)):
            return Answer(True, "no scheduled work")
        try:
            await self._call("tick")
        except BaseException as error:
            if crashed(error):
                return CRASHED
            raise
        return Answer(True, "done")

    async def restart(self) -> None:
        if self.can_restart:
            await self._hook("restart")

    async def settle(self) -> list[tuple[Outgoing, Answer]]:
        return []

    async def dead_letters(self) -> list[DeadLetter]:
        return []

    async def _state(self) -> dict[str, Any]:
        try:
            state = await asyncio.wait_for(self._call("state"), self.timeout)
        except TimeoutError:
            raise ReadBackError(f"state() gave no answer within {self.timeout:g}s") from None
        if not isinstance(state, dict) or not isinstance(state.get("review", []), list) \
                or not isinstance(state.get("records", {}), dict):
            raise ReadBackError(f"state() returned {state!r:.200} (type={type(state).__name__}),"
                                ' not {"review": [...], "records": {key: {...}}}')
        return state

    async def review(self) -> list[dict[str, Any]]:
        state = await self._state()
        return [item for item in state.get("review", []) if isinstance(item, dict)]

    async def record_state(self, key: str) -> dict[str, Any] | None:
        found = (await self._state()).get("records", {}).get(key)
        return dict(found) if isinstance(found, dict) else None

    async def close(self) -> None:
        self.worker.close()


def _last_line(answer: dict[str, Any]) -> str:
    """The exception line of a lifespan failure (Starlette sends the whole traceback)."""
    lines = [line for line in str(answer.get("message", "")).splitlines() if line.strip()]
    return lines[-1].strip() if lines else "(no message)"


class _Lifespan:
    """Runs an ASGI app's lifespan protocol (startup before the first request, shutdown last)."""

    def __init__(self, app: Asgi) -> None:
        self.app = app
        self._inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def startup(self, timeout: float) -> None:
        async def run() -> None:
            try:
                await self.app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}},
                               self._inbox.get, self._outbox.put)
            except Exception as exc:  # an app without lifespan support raises here
                await self._outbox.put({"type": "lifespan.unsupported", "error": repr(exc)})

        self._task = asyncio.ensure_future(run())
        await self._inbox.put({"type": "lifespan.startup"})
        answer = await asyncio.wait_for(self._outbox.get(), timeout)
        if answer["type"] == "lifespan.startup.failed":
            raise UsageError(f"the service failed to start: {_last_line(answer)}",
                             hint="the app's lifespan startup raised; run its factory and "
                                  "startup on their own to see the traceback")

    async def shutdown(self, timeout: float) -> None:
        if self._task is None or self._task.done():
            return
        await self._inbox.put({"type": "lifespan.shutdown"})
        try:
            await asyncio.wait_for(self._outbox.get(), timeout)
        except TimeoutError:
            self._task.cancel()


def _json(response: httpx.Response) -> Any:
    where = f"{response.request.method} {response.request.url.path}"
    if response.status_code >= 300:
        raise ReadBackError(f"{where} answered {response.status_code}: {response.text[:200]}")
    try:
        return response.json()
    except ValueError:
        raise ReadBackError(f"{where} did not answer JSON: {response.text[:200]}") from None


class SqlReader:
    """Reads the SUT's own database (e.g. its review queue) with one SELECT."""

    def __init__(self, url: str, query: str) -> None:
        import sqlalchemy as sa

        parsed = sa.engine.make_url(url)
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        self.engine = sa.create_engine(parsed)
        self.query = sa.text(query)

    def rows(self) -> list[dict[str, Any]]:
        import sqlalchemy as sa

        try:
            with self.engine.connect() as conn:
                return [dict(row._mapping) for row in conn.execute(self.query)]
        except sa.exc.SQLAlchemyError as exc:
            raise UsageError(f"cannot read the service's database: {exc}",
                             hint="check sql_url and review_sql of the sync target") from None

    def close(self) -> None:
        self.engine.dispose()


class _OnWorker(httpx.AsyncBaseTransport):
    """An in-process app's requests, served on the app's own thread and loop."""

    def __init__(self, inner: httpx.AsyncBaseTransport, worker: TargetWorker) -> None:
        self.inner = inner
        self.worker = worker

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response: httpx.Response = await self.worker.call(
            f"{request.method} {request.url.path}", self.inner.handle_async_request, request)
        return response


class HttpAdapter:
    """A service reached over HTTP: an ASGI app in-process (lifespan included), or a URL.

    An in-process app runs on a thread and loop of its own (``worker``): a handler that blocks
    (a ``time.sleep``, a database call without a timeout) is then cut off by the deadline like
    a service that does not answer, instead of freezing the harness."""

    def __init__(self, *, reset_path: str | None, review_path: str | None,
                 state_path: str | None, clock_path: str | None = None,
                 tick_path: str | None = None, app: Asgi | None = None, url: str | None = None,
                 timeout: float = 5.0, review_sql: tuple[str, str] | None = None,
                 worker: TargetWorker | None = None, owns_worker: bool = True,
                 setting_at: Callable[[str], dict[str, Any]] | None = None) -> None:
        self.reset_path = reset_path
        # file, line and pointer of one of the target's settings (`reset`, `clock`), so that
        # an endpoint the service does not serve is named where it is set
        self.setting_at = setting_at or (lambda key: {})
        self.owns_worker = owns_worker
        self.review_path = review_path
        self.state_path = state_path
        self.clock_path = clock_path
        self.tick_path = tick_path
        self.timeout = timeout
        self._sql = SqlReader(*review_sql) if review_sql else None
        self.app = app
        self._lifespan = _Lifespan(app) if app is not None else None
        self.can_restart = app is not None
        self.has_clock = clock_path is not None
        self.worker = worker if app is not None else None
        transport: httpx.AsyncBaseTransport | None = None
        if app is not None:
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            if self.worker is not None:
                transport = _OnWorker(transport, self.worker)
        self.client = httpx.AsyncClient(
            transport=transport, base_url=url or "http://sut", timeout=timeout)

    async def _on_app(self, label: str, step: Callable[[float], Awaitable[None]],
                      timeout: float) -> None:
        """A lifespan step on the app's own loop, cut off by ``timeout`` even if it blocks."""
        if self.worker is None:
            await step(timeout)
            return
        try:
            await asyncio.wait_for(self.worker.call(label, step, timeout), timeout + 1.0)
        except TimeoutError:
            raise UsageError(f"the service's lifespan {label} gave no answer within "
                             f"{timeout:g}s", hint="the app's startup and shutdown must "
                                                   "finish within 4x the sync `deadline`") from None

    async def blocked_call(self, *, probe: bool = False) -> str | None:
        """What still blocks the app's thread after a request the deadline cut off (or, with
        ``probe``, after a delivery it took by itself, e.g. from a queue), or None."""
        if self.worker is None:
            return None
        # An idle loop answers a probe at once; a blocked one never does.
        return await self.worker.stuck(min(self.timeout, 2.0) if probe else self.timeout,
                                       probe=probe)

    async def start(self) -> None:
        if self._lifespan is not None:
            await self._on_app("startup", self._lifespan.startup, self.timeout * 4)

    async def restart(self) -> None:
        """The process died: run the app's shutdown and start it again (its storage stays)."""
        if self.app is None:
            return
        if self._lifespan is not None:
            await self._on_app("shutdown", self._lifespan.shutdown, self.timeout)
        self._lifespan = _Lifespan(self.app)
        await self._on_app("startup", self._lifespan.startup, self.timeout * 4)

    async def set_clock(self, now: datetime) -> None:
        if self.clock_path is None:
            return
        response = await self._request("POST", self.clock_path, json={"now": now.isoformat()})
        if response.status_code >= 300:
            raise UsageError(f"clock: POST {self.clock_path} answered {response.status_code}",
                             **self.setting_at("clock"),
                             hint="the clock endpoint sets the service's time in tests: "
                                  'POST {"now": "<ISO 8601>"} (docs/sync.md, "Time")')

    async def tick(self) -> Answer:
        if self.tick_path is None:
            return Answer(True, "no scheduled work")
        try:
            response = await self.client.post(self.tick_path)
        except BaseException as error:
            if crashed(error):
                return CRASHED
            raise
        return Answer.http(response.status_code)

    async def reset(self) -> None:
        if self.reset_path is None:
            return
        response = await self._request("POST", self.reset_path)
        if response.status_code >= 300:
            raise UsageError(f"reset: POST {self.reset_path} answered {response.status_code}",
                             **self.setting_at("reset"),
                             hint="check the path, and allow resets in the service under test "
                                  "(test environments)")

    async def review(self) -> list[dict[str, Any]]:
        if self._sql is not None:
            return await asyncio.to_thread(self._sql.rows)
        if self.review_path is None:
            return []
        data = _json(await self._request("GET", self.review_path))
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise ReadBackError(f"GET {self.review_path} gave no `items` list")
        return [item for item in items if isinstance(item, dict)]

    async def record_state(self, key: str) -> dict[str, Any] | None:
        if self.state_path is None:
            return None
        response = await self._request("GET", self.state_path.replace("{key}", key))
        if response.status_code == 404:
            return None
        data = _json(response)
        return data if isinstance(data, dict) else None

    async def _request(self, method: str, path: str, json: Any = None) -> httpx.Response:
        # The client's own timeout does not reach an in-process app, so the deadline is kept
        # here too: a state endpoint that hangs must not hang the run.
        try:
            return await asyncio.wait_for(self.client.request(method, path, json=json),
                                          self.timeout)
        except (TimeoutError, httpx.TimeoutException):
            message = f"{method} {path} got no answer within {self.timeout:g}s"
            if method == "GET":
                raise ReadBackError(message) from None
            raise UsageError(f"the service under test hangs: {message}",
                             hint="the harness's control endpoints (reset, clock) must answer "
                                  "within the sync `deadline`") from None
        except httpx.TransportError as exc:
            raise UsageError(f"cannot reach the service under test: {method} {path}: {exc}",
                             hint="is it running, and is the URL right?") from None

    async def close(self) -> None:
        if self._sql is not None:
            self._sql.close()
        try:
            # An app a request still blocks cannot shut down; the run has its finding already.
            if self._lifespan is not None:
                if await self.blocked_call() is None:
                    await self._on_app("shutdown", self._lifespan.shutdown, self.timeout)
                elif self.worker is not None:
                    self.worker.keep(self._lifespan)
            await self.client.aclose()
        finally:
            if self.worker is not None and self.owns_worker:
                self.worker.close()
