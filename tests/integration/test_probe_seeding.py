"""A probe's requests are a function of its seed and options: the same late in a long process
(more code imported, another hypothesis profile loaded) as in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.integration.test_probe import SETTINGS, TOKEN, probe
from tests.support.projects import mini_project
from tests.support.servers import serve

# A search with a query of several kinds (numbers, text, an enum): many different requests.
CONTRACT = """
openapi: 3.0.3
info: {title: shop, version: v1}
paths:
  /orders.json:
    get:
      operationId: searchOrders
      parameters:
        - {name: since_id, in: query, schema: {type: integer, minimum: 1}}
        - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 250}}
        - {name: name, in: query, schema: {type: string, maxLength: 20}}
        - {name: status, in: query, schema: {type: string, enum: [open, closed, any]}}
      responses:
        "200":
          description: orders
          content:
            application/json:
              schema:
                type: object
                required: [orders]
                properties: {orders: {type: array, items: {type: object}}}
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    return mini_project(tmp_path / "p", contract=CONTRACT, settings=SETTINGS)


def recording_shop(sent: list[str]) -> Starlette:
    """A shop noting every request as it arrived (query included)."""

    async def orders(request: Request) -> Any:
        sent.append(f"{request.method} {request.url.path}?{request.url.query}")
        return JSONResponse({"orders": []})

    return Starlette(routes=[Route("/api/v1/orders.json", orders)])


def fresh_probe(root: Path, origin: str) -> None:
    """``probe`` of test_probe.py (seed 7, 10 examples), in an interpreter of its own."""
    command = [sys.executable, "-m", "seamguard", "probe", "shop", "--project", str(root),
               "--format", "json", "--base-url", f"{origin}/api/{{version}}", "--seed", "7",
               "--max-examples", "10"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False,
                          env={**os.environ, "SHOP_TOKEN": TOKEN})
    assert done.returncode in (0, 1), done.stderr[-3000:]
    json.loads(done.stdout)


@pytest.mark.usefixtures("long_lived_process")
def test_a_seed_sends_the_same_requests_late_in_a_long_process_as_in_a_fresh_one(
        root: Path) -> None:
    hostile = settings.get_current_profile_name()
    fresh: list[str] = []
    with serve(recording_shop(fresh)) as origin:
        fresh_probe(root, origin)
    late: list[str] = []
    with serve(recording_shop(late)) as origin:
        probe(root, origin)
    assert fresh  # the probe sent requests, so a difference would show
    assert late == fresh
    assert settings.get_current_profile_name() == hostile  # the profile loaded before is back
