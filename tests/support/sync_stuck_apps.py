"""In-process sync targets (``app = "module:factory"``) that hang or fail to start."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

# Set by the tests when they end: a handler blocked on it returns, so no thread outlives them.
RELEASE = threading.Event()


def _app(hangs_on: str, blocking: bool = False) -> Starlette:
    async def answer(request: Request) -> Response:
        path = request.url.path
        if path == hangs_on and blocking:
            RELEASE.wait()  # blocks the app's loop (a sync call in an async handler)
        elif path == hangs_on:
            await asyncio.Event().wait()  # nobody sets it: the harness deadline must end this
        if path == "/review-queue":
            return JSONResponse({"items": []})
        if path.startswith("/orders/"):
            return JSONResponse({}, status_code=404)
        return JSONResponse({"status": "ok"})

    return Starlette(routes=[Route("/{path:path}", answer, methods=["GET", "POST"])])


def hangs_on_reset() -> Starlette:
    return _app("/admin/reset")


def hangs_on_clock() -> Starlette:
    return _app("/admin/clock")


def hangs_on_review() -> Starlette:
    return _app("/review-queue")


def blocks_on_webhook() -> Starlette:
    return _app("/webhooks", blocking=True)  # the default webhook_path


def blocks_on_review() -> Starlette:
    return _app("/review-queue", blocking=True)


def blocks_on_reset() -> Starlette:
    return _app("/admin/reset", blocking=True)


def blocks_on_startup() -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        RELEASE.wait()
        yield

    return Starlette(lifespan=lifespan)


def fails_to_start() -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        raise RuntimeError("cannot connect to the broker")
        yield

    return Starlette(lifespan=lifespan)
