"""Serve the CRM double over real HTTP, for a system under test running in its own process.

An in-process SUT's CRM traffic is intercepted with respx; a SUT reached by ``url`` is another
process, so the double (with its fault injector in front) listens on a loopback port instead and
the SUT is configured with that URL. A ``timeout-after-commit`` fault then commits and answers
504, the closest a server can come to a lost response (``timeout-before-commit``: 504, nothing
committed).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from seamguard.errors import UsageError
from seamguard.sync.crm import handler_app
from seamguard.sync.faults import FaultInjector

__all__ = ["serve_crm", "serve_handler"]


def _asgi(faults: FaultInjector) -> Any:
    def handle(request: httpx.Request) -> httpx.Response:
        try:
            return faults(request)
        except httpx.TimeoutException:
            return httpx.Response(504, text="Gateway Timeout")

    return handler_app(handle)


def serve_crm(faults: FaultInjector, listen: str, timeout: float) -> Any:
    """Serve the CRM double on ``host:port`` (port 0: any free one); yields its base URL."""
    return serve_handler(_asgi(faults), listen, timeout, "the CRM double")


@contextmanager
def serve_handler(app: Any, listen: str, timeout: float, what: str) -> Iterator[str]:
    """Serve an ASGI app on ``host:port`` (port 0: any free one); yields its base URL."""
    try:
        import uvicorn
    except ImportError:
        raise UsageError(f"serving {what} to a `url` target needs uvicorn",
                         hint="pip install uvicorn") from None
    host, _, port = listen.rpartition(":")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((host or "127.0.0.1", int(port or 0)))
    except (OSError, ValueError) as exc:
        sock.close()
        raise UsageError(f"cannot listen on {listen!r} for {what}: {exc}",
                         hint="set crm_listen (source_listen) to a free host:port") from None
    ready = threading.Event()

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            try:
                await super().startup(sockets=sockets)
            finally:
                ready.set()

    server = Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                   lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        if not ready.wait(timeout) or not server.started:
            raise UsageError(f"{what} did not start on {listen}",
                             hint="another process may hold the port: pick a free one")
        bound_host, bound_port = sock.getsockname()[:2]
        yield f"http://{bound_host}:{bound_port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
        sock.close()
