"""Real HTTP servers on 127.0.0.1 for tests: any ASGI app, on a free port, in a thread."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


class _SignallingServer(uvicorn.Server):
    """A uvicorn server that says when start-up has finished (or failed)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self.ready = threading.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        try:
            await super().startup(sockets=sockets)
        finally:
            self.ready.set()


@contextmanager
def serve(app: Any, **config: Any) -> Iterator[str]:
    """Serve ``app`` on a free loopback port; yields its origin (``http://127.0.0.1:PORT``)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))  # the kernel picks the port; uvicorn serves on this socket
    port = sock.getsockname()[1]
    server = _SignallingServer(uvicorn.Config(
        app, log_level="warning", access_log=False, lifespan="off", **config))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    if not server.ready.wait(timeout=15) or not server.started:
        raise RuntimeError("the test server did not start")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


def receiver(received: list[dict[str, Any]]) -> Starlette:
    """An alert (webhook) receiver: every JSON body posted to ``/hook`` is appended to
    ``received``."""

    async def hook(request: Request) -> JSONResponse:
        received.append(await request.json())
        return JSONResponse({"ok": True})

    return Starlette(routes=[Route("/hook", hook, methods=["POST"])])
