"""Adapters to the system under test: a Python object, or an HTTP service (in-process or remote).

Every adapter offers the same async surface to the runner: ``reset()``, ``deliver(event,
attempt) -> status``, ``review()`` (the review queue items) and ``record_state(key)`` (the
stored version of one record, or None). The CRM side is always seamguard's double, so target
records are read from it, not from the SUT.

A Python object needs ``reset()``, ``deliver(event) -> int`` (an HTTP-like status) and
``state() -> {"review": [...], "records": {key: {"version": ...}}}``; each may be async.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import datetime
from typing import Any, Protocol

import httpx

from seamguard.errors import UsageError
from seamguard.sync.profiles import DeliveryProfile
from seamguard.sync.script import Event

__all__ = ["HttpAdapter", "ObjectAdapter", "ReadBackError", "SystemUnderTest"]

Asgi = Callable[[MutableMapping[str, Any], Any, Any], Awaitable[None]]
_TRIGGERED = datetime.fromisoformat("2024-07-10T10:00:00+08:00")


class ReadBackError(Exception):
    """The SUT's state could not be read back (an error status, or not JSON)."""


class SystemUnderTest(Protocol):
    async def start(self) -> None: ...
    async def reset(self) -> None: ...
    async def deliver(self, event: Event, attempt: int) -> int: ...
    async def review(self) -> list[dict[str, Any]]: ...
    async def record_state(self, key: str) -> dict[str, Any] | None: ...
    async def close(self) -> None: ...


async def _maybe(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


class ObjectAdapter:
    """A SUT that is a Python object in this process."""

    def __init__(self, target: Any) -> None:
        for name in ("reset", "deliver", "state"):
            if not callable(getattr(target, name, None)):
                raise UsageError(f"the sync target object has no {name}() method",
                                 hint="a Python target needs reset(), deliver(event), state()")
        self.target = target

    async def start(self) -> None:
        pass

    async def reset(self) -> None:
        await _maybe(self.target.reset())

    async def deliver(self, event: Event, attempt: int) -> int:
        return int(await _maybe(self.target.deliver(event)))

    async def review(self) -> list[dict[str, Any]]:
        state = await _maybe(self.target.state())
        return list(state.get("review", []))

    async def record_state(self, key: str) -> dict[str, Any] | None:
        state = await _maybe(self.target.state())
        found = state.get("records", {}).get(key)
        return dict(found) if found is not None else None

    async def close(self) -> None:
        pass


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
            raise UsageError(f"the service failed to start: {answer.get('message', '')}")

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


class HttpAdapter:
    """A webhook receiver reached over HTTP: an ASGI app in-process, or a URL."""

    def __init__(self, *, profile: DeliveryProfile, secret: str, webhook_path: str,
                 reset_path: str | None, review_path: str | None, state_path: str | None,
                 app: Asgi | None = None, url: str | None = None, timeout: float = 5.0,
                 review_sql: tuple[str, str] | None = None) -> None:
        self.profile = profile
        self.secret = secret
        self.webhook_path = webhook_path
        self.reset_path = reset_path
        self.review_path = review_path
        self.state_path = state_path
        self.timeout = timeout
        self._sql = SqlReader(*review_sql) if review_sql else None
        self._lifespan = _Lifespan(app) if app is not None else None
        transport = (httpx.ASGITransport(app=app, raise_app_exceptions=False)
                     if app is not None else None)
        self.client = httpx.AsyncClient(
            transport=transport, base_url=url or "http://sut", timeout=timeout)

    async def start(self) -> None:
        if self._lifespan is not None:
            await self._lifespan.startup(self.timeout * 4)

    async def reset(self) -> None:
        if self.reset_path is None:
            return
        response = await self._request("POST", self.reset_path)
        if response.status_code >= 300:
            raise UsageError(f"POST {self.reset_path} answered {response.status_code}",
                             hint="allow resets in the service under test (test environments)")

    async def deliver(self, event: Event, attempt: int) -> int:
        body = json.dumps(event.payload, ensure_ascii=False).encode()
        headers = self.profile.delivery_headers(event.topic, event.event_id, body, self.secret,
                                                _TRIGGERED, attempt)
        response = await self.client.post(self.webhook_path, content=body, headers=headers)
        return response.status_code

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

    async def _request(self, method: str, path: str) -> httpx.Response:
        try:
            return await self.client.request(method, path)
        except httpx.TransportError as exc:
            raise UsageError(f"cannot reach the service under test: {method} {path}: {exc}",
                             hint="is it running, and is the URL right?") from None

    async def close(self) -> None:
        if self._sql is not None:
            self._sql.close()
        if self._lifespan is not None:
            await self._lifespan.shutdown(self.timeout)
        await self.client.aclose()
