"""A service that breaks its contract one way per operation, for probes to catch.

Every defect shows on every request of its operation, so any tool that sends one request
there and runs the matching schemathesis check reports it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import mini_project

CONTRACT = """
openapi: 3.0.3
info: {title: broken, version: v1}
paths:
  /items/{id}:
    get:
      operationId: getItem
      tags: [items]
      parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /status:
    get:
      operationId: getStatus
      tags: [health]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /profile:
    get:
      operationId: getProfile
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id]
                properties: {id: {type: integer}}
  /text:
    get:
      operationId: getText
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /headers:
    get:
      operationId: getHeaders
      responses:
        "200":
          description: ok
          headers:
            X-Rate-Limit: {required: true, schema: {type: integer}}
          content: {application/json: {schema: {type: object}}}
  /old:
    get:
      operationId: getOld
      deprecated: true
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
  /slow:
    get:
      operationId: getSlow
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
"""

SETTINGS = """
[tool.seamguard]

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{version}"
"""


def broken_api(calls: list[tuple[str, dict[str, str]]], *, slow: float = 0.0) -> Starlette:
    """The service; each request's path and headers are appended to ``calls``."""

    def seen(request: Request) -> None:
        calls.append((request.url.path, dict(request.headers)))

    async def item(request: Request) -> Response:
        seen(request)
        return PlainTextResponse("boom", status_code=500)  # not_a_server_error

    async def status(request: Request) -> Response:
        seen(request)
        return JSONResponse({"ok": True}, status_code=418)  # status_code_conformance

    async def profile(request: Request) -> Response:
        seen(request)
        return JSONResponse({"id": "not-a-number"})  # response_schema_conformance

    async def text(request: Request) -> Response:
        seen(request)
        return PlainTextResponse("hello")  # content_type_conformance

    async def headers(request: Request) -> Response:
        seen(request)
        return JSONResponse({"ok": True})  # response_headers_conformance

    async def old(request: Request) -> Response:
        seen(request)
        return JSONResponse({"ok": True})

    async def slow_answer(request: Request) -> Response:
        seen(request)
        if slow:
            import asyncio

            await asyncio.sleep(slow)  # an answer slower than --max-response-time allows
        return JSONResponse({"ok": True})

    routes: list[Any] = [("/items/{id}", item), ("/status", status), ("/profile", profile),
                         ("/text", text), ("/headers", headers), ("/old", old),
                         ("/slow", slow_answer)]
    return Starlette(routes=[Route(f"/api/v1{path}", handler) for path, handler in routes])


def broken_project(path: Path) -> Path:
    """A project at ``path`` whose platform ``shop`` has the broken service's contract."""
    return mini_project(path, contract=CONTRACT, settings=SETTINGS)


def probe(root: Path, origin: str, *extra: str) -> tuple[int, Any]:
    """``seamguard probe shop`` of ``root`` against ``origin`` with seed 7: its exit code and
    findings, or on a usage error (exit 2) its output with the whitespace collapsed."""
    result = CliRunner().invoke(app, ["probe", "shop", "--project", str(root), "--format",
                                      "json", "-u", f"{origin}/api/v1", "--seed", "7", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if result.exit_code == 2:
        return 2, " ".join(result.output.split())
    return result.exit_code, json.loads(result.output)["findings"]
