"""A configurable order service for drift tests: healthy by default, broken on request.

The service pages its orders with a cursor (``/api/v1/orders.json?cursor=...``) and can be told
to misbehave the way real upstreams do — in its payloads (a field's type, a dropped or renamed
field, a new enum value, money as strings, dates without offset) or in its HTTP (429 with
``Retry-After``, intermittent 503, an expired token, a redirect, gzip, an HTML page with status
200, another ``Content-Type``, a slow answer, a ``Retry-After`` of minutes).
``state["modes"]`` holds the misbehaviours.
"""

from __future__ import annotations

import asyncio
import email.utils
import gzip
import json
import time
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

TOKEN = "orders-secret-token-8d1e"
# JSON sent under another media type (a framework default, a proxy rewriting headers)
MEDIA: dict[str, str | None] = {
    "text-plain": "text/plain", "octet-stream": "application/octet-stream",
    "html-json": "text/html; charset=utf-8", "no-content-type": None,
    "charset-lie": "application/json; charset=GBK"}  # the body stays UTF-8
PAGES = {"": "c2", "c2": "c3", "c3": None}  # cursor -> next cursor

ORDERS_CONTRACT = """
openapi: 3.1.0
info: {title: Orders, version: v1}
paths:
  /orders.json:
    get:
      parameters:
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        "200":
          description: A page of orders.
          content:
            application/json:
              schema:
                type: object
                required: [orders]
                properties:
                  orders: {type: array, items: {$ref: "#/components/schemas/Order"}}
                  next_cursor: {type: [string, "null"]}
components:
  schemas:
    Order:
      type: object
      required: [id, status, total_price, created_at, customer]
      properties:
        id: {type: integer}
        status: {type: string, enum: [open, paid, cancelled]}
        total_price: {type: number}
        created_at: {type: string, format: date-time}
        customer:
          type: object
          properties:
            name: {type: string}
            email: {type: string}
            phone: {type: string}
"""

ORDERS_SETTINGS = """
[tool.seamguard]

[tool.seamguard.network]
timeout = {timeout}
deadline = {deadline}

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "{origin}/api/{{version}}"
auth = {{ header = "X-Token", env = "SHOP_TOKEN" }}

[[tool.seamguard.platforms.shop.live]]
path = "/orders.json"

[[tool.seamguard.platforms.shop.live]]
path = "/orders.json"
params = {{ cursor = "c2" }}

[[tool.seamguard.platforms.shop.live]]
path = "/orders.json"
params = {{ cursor = "c3" }}
"""


def orders_settings(origin: str, *, timeout: float = 2.0, deadline: float = 5.0) -> str:
    """Settings that fetch the service's three pages at ``origin``."""
    return ORDERS_SETTINGS.format(origin=origin, timeout=timeout, deadline=deadline)


def order(number: int) -> dict[str, Any]:
    """A healthy order; the customer's details are personal data."""
    return {"id": number, "status": ("open", "paid", "cancelled")[number % 3],
            "total_price": 10.5 + number, "created_at": f"2024-07-0{1 + number % 9}T10:00:00+08:00",
            "customer": {"name": "张伟", "email": f"zhang.wei{number}@example.cn",
                         "phone": f"+8613812345{number:03d}"}}


def _break(item: dict[str, Any], modes: set[str]) -> dict[str, Any]:
    if "id-string" in modes:
        item["id"] = str(item["id"])
    if "drop-status" in modes:
        item.pop("status")
    if "rename-created" in modes:
        item["createdAt"] = item.pop("created_at")
    if "enum" in modes:
        item["status"] = "partially_refunded"
    if "money-string" in modes:
        item["total_price"] = f"{item['total_price']:.2f}"
    if "local-date" in modes:
        item["created_at"] = item["created_at"][:19].replace("T", " ")
    if "null-status" in modes:
        item["status"] = None
    if "phone-number" in modes:  # a phone number sent as a JSON number
        item["customer"]["phone"] = int(item["customer"]["phone"][1:])
    if "email-in-status" in modes:  # personal data where an enum value was expected
        item["status"] = item["customer"]["email"]
    return item


def broken_service(state: dict[str, Any]) -> Starlette:
    """The service; ``state`` holds ``modes`` (a set) and counts ``requests``."""

    async def orders(request: Request) -> Response:
        modes: set[str] = state.setdefault("modes", set())
        state["requests"] = count = state.get("requests", 0) + 1
        if request.headers.get("x-token") != TOKEN or ("expire-auth" in modes and count > 1):
            return JSONResponse({"errors": "Invalid API key or access token"}, status_code=401)
        if "429" in modes and count % 2:
            return JSONResponse({"errors": "Exceeded 2 calls per second"}, status_code=429,
                                headers={"Retry-After": "0"})
        if "503" in modes and count % 2:
            return Response("Service Unavailable", status_code=503)
        if "503-always" in modes:
            return Response("Service Unavailable", status_code=503,
                            headers={"Retry-After": "0"})
        if "retry-after-long" in modes:  # a quota that resets in two minutes
            return JSONResponse({"errors": "Exceeded 2 calls per second"}, status_code=429,
                                headers={"retry-after": "120"})
        if "retry-after-date" in modes:  # maintenance until a moment two minutes away
            until = email.utils.formatdate(time.time() + 120, usegmt=True)
            return Response("Service Unavailable", status_code=503,
                            headers={"Retry-After": until})
        if "redirect" in modes:
            return RedirectResponse("/api/v2/orders.json", status_code=301)
        if "html-200" in modes:
            return Response("<html><body><h1>Maintenance</h1></body></html>",
                            media_type="text/html")
        if "html-as-json" in modes:  # a proxy's error page, labelled as JSON
            return Response("<!DOCTYPE html><html><body>502 Bad Gateway</body></html>",
                            media_type="application/json")
        if "empty-200" in modes:
            return Response(b"", media_type="application/json")
        if "slow" in modes:
            await asyncio.sleep(state.get("slow", 3.0))
        cursor = request.query_params.get("cursor", "")
        if "repeat-page" in modes and cursor == "c2":
            cursor = ""
        if "skip-page" in modes and cursor == "c2":
            cursor = "c3"
        if cursor not in PAGES:
            return JSONResponse({"errors": "Not Found"}, status_code=404)
        start = {"": 1, "c2": 4, "c3": 7}[cursor]
        body = {"orders": [_break(order(n), modes) for n in range(start, start + 3)],
                "next_cursor": PAGES[cursor]}
        if "extra-field" in modes:
            body["orders"][0]["risk_level"] = "low"
        text = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"X-Request-Id": f"r{count}"}
        media = next((MEDIA[mode] for mode in modes if mode in MEDIA), "application/json")
        if "gzip" in modes:
            text = gzip.compress(text)
            headers["Content-Encoding"] = "gzip"
        return Response(text, media_type=media, headers=headers)

    return Starlette(routes=[Route("/api/v1/orders.json", orders)])
