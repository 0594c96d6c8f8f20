"""A list service paging its seven orders in four dialects, healthy or with a paging bug.

Paths (under ``/api/v1``), three orders a page:

- ``/link/orders.json?limit=3``: the next page in the ``Link`` header (``page_info``, Shopify);
- ``/hub/orders.json?limit=3``: ``paging.next.after`` in the body, sent back as ``after``
  (HubSpot);
- ``/stripe/orders.json?limit=3``: ``has_more``, the next page after the last id
  (``starting_after``, Stripe);
- ``/top/orders.json?page_no=1&page_size=3``: ``has_next`` and ``total_results`` (Taobao TOP);
- ``/offset/orders.json?offset=0&limit=3``: ``total`` (offset/limit).

``state["bug"]`` breaks the second page: ``repeat`` serves the first page again (and announces
what the first page announced), ``skip`` serves the third page and says it is the last,
``loop`` announces the first page's own cursor again, ``shift`` starts the second page one
record early. Every request is counted in ``state["requests"]``.
"""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

ORDERS = 7
SIZE = 3

PAGED_CONTRACT = """
openapi: 3.1.0
info: {title: Orders, version: v1}
paths:
""" + "".join(f"""
  /{dialect}/orders.json:
    get:
      parameters:
        - {{name: limit, in: query, schema: {{type: string}}}}
        - {{name: after, in: query, schema: {{type: string}}}}
        - {{name: starting_after, in: query, schema: {{type: string}}}}
        - {{name: page_info, in: query, schema: {{type: string}}}}
        - {{name: page_no, in: query, schema: {{type: string}}}}
        - {{name: page_size, in: query, schema: {{type: string}}}}
        - {{name: offset, in: query, schema: {{type: string}}}}
      responses:
        "200":
          description: A page of orders.
          content:
            application/json:
              schema: {{$ref: "#/components/schemas/Page"}}
""" for dialect in ("link", "hub", "stripe", "top", "offset")) + """
components:
  schemas:
    Page:
      type: object
      required: [orders]
      properties:
        orders: {type: array, items: {$ref: "#/components/schemas/Order"}}
        has_more: {type: boolean}
        has_next: {type: boolean}
        total: {type: integer}
        total_results: {type: integer}
        paging:
          type: object
          properties:
            next:
              type: object
              properties: {after: {type: string}}
    Order:
      type: object
      required: [id, status]
      properties:
        id: {type: integer}
        status: {type: string, enum: [open, paid, cancelled]}
"""

PAGING = {
    "link": ('/link/orders.json', '{ limit = "3" }', '{ api = "cursor-link" }'),
    "hub": ('/hub/orders.json', '{ limit = "3" }',
            '{ api = "cursor", cursor = "/paging/next/after", cursor_param = "after" }'),
    "stripe": ('/stripe/orders.json', '{ limit = "3" }',
               '{ api = "cursor", has_next = "/has_more", cursor_param = "starting_after" }'),
    "top": ('/top/orders.json', '{ page_no = "1", page_size = "3" }',
            '{ api = "page-number", page = "page_no", page_size = "page_size", '
            'has_next = "/has_next", total = "/total_results" }'),
    "offset": ('/offset/orders.json', '{ offset = "0", limit = "3" }',
               '{ api = "offset", page_size = "limit", total = "/total" }'),
}


def paged_settings(origin: str, dialect: str, *, extra: str = "", paging: str | None = None,
                   deadline: float = 5.0) -> str:
    """Settings of one live request walking ``dialect``'s list (``paging="none"``: no paging
    table, ``"false"``: ``paging = false``)."""
    path, params, table = PAGING[dialect]
    line = "" if paging == "none" else f"paging = {paging or table}"
    return f"""
[tool.seamguard]

[tool.seamguard.network]
timeout = 2.0
deadline = {deadline}

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "{origin}/api/{{version}}"

[[tool.seamguard.platforms.shop.live]]
path = "{path}"
params = {params}
{line}
{extra}"""


def _order(number: int) -> dict[str, Any]:
    return {"id": number, "status": ("open", "paid", "cancelled")[number % 3]}


def _page_at(start: int, bug: str | None) -> tuple[int, int | None]:
    """(first record of the page served, first record of the page announced next or None)."""
    served = start
    if start == 1 + SIZE:  # the second page
        if bug == "repeat":
            served = 1
        elif bug == "skip":
            return 1 + 2 * SIZE, None
        elif bug == "shift":
            served = start - 1
    following = served + SIZE
    if bug == "loop" and start == 1 + SIZE:
        following = start  # announces itself again
    return served, following if following <= ORDERS else None


def paged_service(state: dict[str, Any]) -> Starlette:
    """The service; ``state["bug"]`` names the paging bug (None: healthy)."""

    def answer(request: Request, start: int) -> tuple[list[dict[str, Any]], int | None]:
        state["requests"] = state.get("requests", 0) + 1
        served, following = _page_at(start, state.get("bug"))
        last = min(served + SIZE - 1, ORDERS)
        return [_order(n) for n in range(served, last + 1)], following

    async def link(request: Request) -> Response:
        start = int(request.query_params.get("page_info", "p1")[1:])
        orders, following = answer(request, start)
        headers = {}
        if following is not None:
            url = request.url.include_query_params(page_info=f"p{following}")
            headers["Link"] = f'<{url}>; rel="next"'
        return JSONResponse({"orders": orders}, headers=headers)

    async def hub(request: Request) -> Response:
        start = int(request.query_params.get("after", "1"))
        orders, following = answer(request, start)
        body: dict[str, Any] = {"orders": orders}
        if following is not None:
            body["paging"] = {"next": {"after": str(following)}}
        return JSONResponse(body)

    async def stripe(request: Request) -> Response:
        start = int(request.query_params.get("starting_after", "0")) + 1
        orders, following = answer(request, start)
        if state.get("bug") == "loop" and start == 1 + SIZE:
            orders = [*orders[:-1], _order(SIZE)]  # ends on the first page's last id again
        return JSONResponse({"orders": orders, "has_more": following is not None})

    async def top(request: Request) -> Response:
        page = int(request.query_params.get("page_no", "1"))
        orders, following = answer(request, 1 + (page - 1) * SIZE)
        return JSONResponse({"orders": orders, "has_next": following is not None,
                             "total_results": ORDERS})

    async def offset(request: Request) -> Response:
        orders, _following = answer(request, 1 + int(request.query_params.get("offset", "0")))
        return JSONResponse({"orders": orders, "total": ORDERS})

    return Starlette(routes=[Route("/api/v1/link/orders.json", link),
                             Route("/api/v1/hub/orders.json", hub),
                             Route("/api/v1/stripe/orders.json", stripe),
                             Route("/api/v1/top/orders.json", top),
                             Route("/api/v1/offset/orders.json", offset)])
