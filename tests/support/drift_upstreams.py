"""Broken upstreams the other drift fixtures lack, each with the exact findings it must give.

One Starlette service on 127.0.0.1 serves nine orders (ids 1-9) under
``/api/v1/<kind>/orders.json``, healthy or broken the way one kind says: paging that lies
without a total (a cursor or a ``Link: rel="next"`` that jumps ahead or points at itself, an
empty page saying more follow), a page token that expires (410), a 304 to a request that was not
conditional, a login page with status 200, gzip that is not, a 503 whose ``Retry-After`` is an
HTTP date an hour away, payload drift (an enum value added, a field renamed, a number widened
to a string, a field turned nullable, a list turned into an object, another date format), an
upstream announcing ``Deprecation``/``Sunset``, and an answer in another API version than the
one the request asked for.

Every case is one project and one ``seamguard drift run --format json`` (given up on after a
limit: a hang); its warning and error codes must equal the expected set exactly::

    python -m tests.support.drift_upstreams            # prints each miss and the score
"""

from __future__ import annotations

import asyncio
import gzip
import json
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.support.projects import mini_project
from tests.support.servers import serve

ORDERS = 9

UPSTREAM_CONTRACT = """
openapi: 3.1.0
info: {title: Orders, version: v1}
paths:
  /{kind}/orders.json:
    get:
      parameters:
        - {name: kind, in: path, required: true, schema: {type: string}}
        - {name: limit, in: query, schema: {type: string}}
        - {name: cursor, in: query, schema: {type: string}}
        - {name: page_info, in: query, schema: {type: string}}
        - {name: X-Api-Version, in: header, schema: {type: string}}
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
                  has_more: {type: boolean}
                  total: {type: integer}
components:
  schemas:
    Order:
      type: object
      required: [id, status, total_price, created_at]
      properties:
        id: {type: integer}
        status: {type: string, enum: [open, paid, cancelled]}
        total_price: {type: number}
        created_at: {type: string, format: date-time}
"""

CURSOR = '{ api = "cursor", cursor = "/next_cursor", cursor_param = "cursor", page_size = "limit" }'
LINK = '{ api = "cursor-link", page_size = "limit" }'
OFFSET = '{ api = "offset", page_size = "limit", total = "/total" }'


@dataclass(frozen=True)
class Upstream:
    """One kind of upstream: how the night asks, and the codes it must report."""

    kind: str
    expected: frozenset[str]
    paging: str | None = CURSOR
    headers: str = ""
    platform: str = ""


CASES: tuple[Upstream, ...] = (
    Upstream("healthy", frozenset()),
    Upstream("healthy-link", frozenset(), paging=LINK),
    Upstream("cursor-jumps", frozenset({"drift.page-skipped"})),
    Upstream("empty-page-more", frozenset({"drift.page-short", "drift.page-skipped"})),
    Upstream("link-jumps", frozenset({"drift.page-skipped"}), paging=LINK),
    Upstream("link-self", frozenset({"drift.page-loop"}), paging=LINK),
    # A 4xx other than 401/403/429 says something about the contract too (README: fetch
    # failures), so an undocumented 410 is also drift.status-undocumented.
    Upstream("token-expired", frozenset({"drift.fetch-failed", "drift.status-undocumented"})),
    Upstream("not-modified", frozenset({"drift.fetch-failed"})),
    Upstream("login-200", frozenset({"drift.fetch-failed"})),
    Upstream("gzip-lie", frozenset({"drift.fetch-failed"})),
    Upstream("retry-after-date", frozenset({"drift.rate-limited"})),
    Upstream("enum-added", frozenset({"drift.new-enum-value"})),
    Upstream("renamed", frozenset({"drift.required-missing", "drift.undeclared-field"})),
    Upstream("widened", frozenset({"drift.type-changed"})),
    Upstream("nullable", frozenset({"drift.unexpected-null"})),
    Upstream("array-to-object", frozenset({"drift.type-changed"})),
    Upstream("date-format", frozenset({"drift.format-changed"})),
    Upstream("sunset", frozenset({"drift.deprecated"})),
    Upstream("other-version", frozenset({"drift.version-mismatch"}),
             headers='headers = { "X-Api-Version" = "2024-07" }'),
    Upstream("same-version", frozenset(), headers='headers = { "X-Api-Version" = "2024-07" }'),
    Upstream("xml-200", frozenset({"drift.fetch-failed"})),
    Upstream("jsonp", frozenset({"drift.fetch-failed"})),
    Upstream("waf-403", frozenset({"drift.fetch-failed"})),
    Upstream("throttled-once", frozenset()),
    Upstream("throttled-always", frozenset({"drift.rate-limited"})),
    Upstream("slow-ok", frozenset()),
    Upstream("orders-null", frozenset({"drift.unexpected-null"})),
    Upstream("redirect-loop", frozenset({"drift.fetch-failed"})),
    # A REST platform that reports errors inside a 200 says so (a body of another shape is
    # otherwise shape drift, which it also is); one erroring call is an in-band error of low
    # confidence (info), and a night that compared nothing is the error.
    Upstream("errcode-200", frozenset({"drift.nothing-examined"}),
             platform='protocol = "errcode"'),
    Upstream("duplicate-in-page", frozenset({"drift.page-repeated"})),
    Upstream("endless-chunks", frozenset({"drift.fetch-failed"})),
    Upstream("offset-shrinks", frozenset({"drift.paging-unstable"}), paging=OFFSET),
    Upstream("healthy-offset", frozenset(), paging=OFFSET),
    # Page 2 links back to page 1, whose link leads to page 2 again: both are true.
    Upstream("link-to-first", frozenset({"drift.page-repeated", "drift.page-loop"}),
             paging=LINK),
    Upstream("gzip-twice", frozenset({"drift.fetch-failed"})),
    Upstream("vnd-json", frozenset({"drift.media-type-mismatch"})),
    Upstream("date-epoch", frozenset({"drift.type-changed"})),
    Upstream("enum-case", frozenset({"drift.new-enum-value"})),
    Upstream("retry-after-past", frozenset()),
    # A REST platform that declares no in-band error rule: a 200 whose body is an error
    # envelope is said to be one (with the rule to declare), not read as shape drift.
    Upstream("errcode-200-undeclared", frozenset({"drift.undeclared-in-band-error"})),
    Upstream("error-object-200", frozenset({"drift.undeclared-in-band-error"})),
    Upstream("success-false-200", frozenset({"drift.undeclared-in-band-error"})),
    Upstream("code-message-200", frozenset({"drift.undeclared-in-band-error"})),
    # The payload is all there beside a success code: real undeclared fields, no error.
    Upstream("code-zero-ok", frozenset({"drift.undeclared-field"})),
    Upstream("empty-200", frozenset({"drift.fetch-failed"})),
    Upstream("html-error-200", frozenset({"drift.fetch-failed"})),
    Upstream("jsonp-as-json", frozenset({"drift.fetch-failed"})),
)


_ERROR_BODIES: dict[str, Any] = {
    "error-object-200": {"error": {"code": "invalid_token", "message": "token expired"}},
    "success-false-200": {"success": False, "message": "shop is closed", "data": None},
    "code-message-200": {"code": 1002, "msg": "sign check failed"},
}


def _order(number: int) -> dict[str, Any]:
    return {"id": number, "status": ("open", "paid", "cancelled")[number % 3],
            "total_price": 10.5 * number, "created_at": f"2024-07-0{number}T10:00:00Z"}


def _drifted(kind: str, order: dict[str, Any]) -> dict[str, Any]:
    if kind == "enum-added":
        order["status"] = "on_hold"
    elif kind == "renamed":
        order["createdAt"] = order.pop("created_at")
    elif kind == "widened":
        order["total_price"] = f"{order['total_price']:.2f}"
    elif kind == "nullable":
        order["created_at"] = None
    elif kind == "date-epoch":
        order["created_at"] = 1719828000 + order["id"]
    elif kind == "enum-case":
        order["status"] = order["status"].upper()
    elif kind == "date-format":
        order["created_at"] = order["created_at"][:10].replace("-", "/") + " 10:00"
    return order


def upstream_service(state: dict[str, Any]) -> Starlette:
    """The service; every request is counted in ``state["requests"]``."""

    async def orders(request: Request) -> Response:
        state["requests"] = state.get("requests", 0) + 1
        kind = request.path_params["kind"]
        limit = int(request.query_params.get("limit", "3"))
        start = int(request.query_params.get("cursor") or request.query_params.get(
            "page_info") or "1")
        if kind == "xml-200":
            return Response("<?xml version='1.0'?><orders><order><id>1</id></order></orders>",
                            media_type="application/xml")
        if kind == "jsonp-as-json":
            return Response(f"/**/jQuery3_1({json.dumps({'orders': []})});",
                            media_type="application/json")
        if kind == "jsonp":
            return Response(f"callback({json.dumps({'orders': []})});",
                            media_type="application/javascript")
        if kind == "waf-403":
            return Response("<html><body>Request blocked by the firewall</body></html>",
                            status_code=403, media_type="text/html")
        if kind == "retry-after-past" and not state.setdefault("past", False):
            state["past"] = True
            return JSONResponse({"error": "slow down"}, status_code=429,
                                headers={"Retry-After": formatdate(time.time() - 60,
                                                                   usegmt=True)})
        if kind in ("offset-shrinks", "healthy-offset"):
            return _offset_page(kind, request, limit)
        if kind.startswith("throttled"):
            seen = state.setdefault("throttled", {})
            seen[kind] = seen.get(kind, 0) + 1
            if kind == "throttled-always" or seen[kind] == 1:
                return JSONResponse({"error": "slow down"}, status_code=429,
                                    headers={"Retry-After": "1"})
        if kind == "slow-ok":
            await asyncio.sleep(1.0)  # the upstream's own pace, within the 4 s deadline
        if kind == "redirect-loop":
            return Response(status_code=302, headers={"Location": str(request.url)})
        if kind in ("errcode-200", "errcode-200-undeclared"):
            return JSONResponse({"errcode": 40001, "errmsg": "invalid credential"})
        if kind in _ERROR_BODIES:
            return JSONResponse(_ERROR_BODIES[kind])
        if kind == "empty-200":
            return Response(b"", media_type="application/json")
        if kind == "html-error-200":
            return Response("<html><head><title>500 Internal Server Error</title></head><body>"
                            "<h1>Internal Server Error</h1></body></html>",
                            media_type="text/html")
        if kind == "endless-chunks":
            async def forever() -> Any:
                yield b'{"orders": ['
                while True:
                    await asyncio.sleep(0.2)
                    yield b" "
            return StreamingResponse(forever(), media_type="application/json")
        if kind == "not-modified":
            return Response(status_code=304)
        if kind == "login-200":
            return Response("<!doctype html><html><body><form action='/login'>Sign in"
                            "</form></body></html>", media_type="text/html")
        if kind == "retry-after-date":
            return JSONResponse({"error": "maintenance"}, status_code=503, headers={
                "Retry-After": formatdate(time.time() + 3600, usegmt=True)})
        if kind == "token-expired" and start > 1:
            return JSONResponse({"error": "page token expired"}, status_code=410)
        served = start
        if kind in ("cursor-jumps", "link-jumps") and start == 1 + limit:
            served = start + limit  # the second page is the third
        records = [_drifted(kind, _order(n)) for n in range(served, min(served + limit,
                                                                        ORDERS + 1))]
        following: int | None = served + limit if served + limit <= ORDERS else None
        if kind == "empty-page-more" and start == 1 + limit:
            records, following = [], start + limit
        if kind == "link-self" and start == 1 + limit:
            following = start
        if kind == "link-to-first" and start == 1 + limit:
            following = 1
        if kind == "duplicate-in-page" and start == 1:
            records = [*records[:-1], records[0]]
        body: dict[str, Any] = {"orders": records}
        if kind == "code-zero-ok":
            body = {"code": 0, "message": "ok", **body}
        if kind == "orders-null":
            body["orders"] = None
        if kind == "array-to-object":
            body["orders"] = {str(r["id"]): r for r in records}
        headers: dict[str, str] = {}
        if kind.endswith(("link", "link-jumps", "link-self", "link-to-first")):
            if following is not None:
                url = request.url.include_query_params(page_info=str(following))
                headers["Link"] = f'<{url}>; rel="next"'
        else:
            body["next_cursor"] = None if following is None else str(following)
            body["has_more"] = following is not None
        if kind == "sunset":
            headers["Deprecation"] = "@1735689600"
            headers["Sunset"] = "Wed, 31 Dec 2025 23:59:59 GMT"
        if kind == "other-version":
            headers["X-Api-Version"] = "2023-10"
        if kind == "same-version":
            headers["X-Api-Version"] = request.headers.get("x-api-version", "")
        text = json.dumps(body)
        if kind == "gzip-twice":
            headers["Content-Encoding"] = "gzip"
            return Response(gzip.compress(gzip.compress(text.encode())),
                            media_type="application/json", headers=headers)
        if kind == "vnd-json":
            return Response(text, media_type="application/vnd.api+json", headers=headers)
        if kind == "gzip-lie":
            headers["Content-Encoding"] = "gzip"
            return Response(text, media_type="application/json", headers=headers)
        if kind == "healthy":
            headers["Content-Encoding"] = "gzip"  # a real one: benign
            return Response(gzip.compress(text.encode()), media_type="application/json",
                            headers=headers)
        return Response(text, media_type="application/json", headers=headers)

    return Starlette(routes=[Route("/api/v1/{kind}/orders.json", orders)])


def _offset_page(kind: str, request: Request, limit: int) -> Response:
    """Offset paging with a total; ``offset-shrinks`` loses its first three records once the
    first page has been read (the later pages count from the shorter list)."""
    offset = int(request.query_params.get("offset", "0"))
    ids = list(range(1, ORDERS + 1))
    if kind == "offset-shrinks" and offset > 0:
        ids = ids[3:]
    page = [_order(n) for n in ids[offset:offset + limit]]
    return JSONResponse({"orders": page, "total": len(ids)})


def upstream_settings(origin: str, case: Upstream) -> str:
    """Settings of one live request to ``case``'s list."""
    paging = f"paging = {case.paging}" if case.paging else ""
    return f"""
[tool.seamguard]

[tool.seamguard.network]
timeout = 2.0
deadline = 4.0

[tool.seamguard.drift]
deadline = 30

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "{origin}/api/{{version}}"
{case.platform}

[[tool.seamguard.platforms.shop.live]]
path = "/{case.kind}/orders.json"
params = {{ limit = "3"{', offset = "0"' if case.paging == OFFSET else ''} }}
{paging}
{case.headers}
"""


def night(root: Path, limit: float = 60.0) -> tuple[str, set[str], list[dict[str, Any]]]:
    """(``ran``/``hang``/``broken``, warning and error codes, findings) of one drift run."""
    from typer.testing import CliRunner

    from seamguard.cli import app

    result: dict[str, Any] = {}

    def go() -> None:
        try:
            result["run"] = CliRunner().invoke(
                app, ["drift", "run", "--project", str(root), "--format", "json"])
        except BaseException:  # recorded, never raised across the thread
            result["crash"] = traceback.format_exc()

    worker = threading.Thread(target=go, daemon=True)
    worker.start()
    worker.join(limit)
    if worker.is_alive():
        return "hang", set(), []
    run = result.get("run")
    if run is None or (run.exception is not None and not isinstance(run.exception,
                                                                     SystemExit)):
        return "broken", set(), []
    try:
        findings = json.loads(run.stdout)["findings"]
    except (ValueError, KeyError):
        return "broken", set(), []
    codes = {f["code"] for f in findings if f["severity"] in ("error", "warning")}
    return "ran", codes, findings


def score(cases: tuple[Upstream, ...] = CASES, *, verbose: bool = False) -> dict[str, int]:
    """Run every case; prints the misses, returns the tally."""
    tally = {"exact": 0, "missed": 0, "extra": 0, "hang": 0, "broken": 0}
    state: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch, serve(upstream_service(state)) as origin:
        for case in cases:
            root = mini_project(Path(scratch) / case.kind, contract=UPSTREAM_CONTRACT,
                                settings=upstream_settings(origin, case))
            outcome, codes, findings = night(root)
            if outcome != "ran":
                tally[outcome] += 1
                print(f"{outcome:7} {case.kind}")
                continue
            missing, extra = case.expected - codes, codes - case.expected
            tally["exact" if not (missing or extra) else "missed" if missing else "extra"] += 1
            if missing or extra or verbose:
                print(f"{'exact' if not (missing or extra) else 'MISS':7} {case.kind}: "
                      f"missing {sorted(missing)}, extra {sorted(extra)}")
                if verbose:
                    for finding in findings:
                        print(f"          {finding['severity']:7} {finding['code']}: "
                              f"{finding['message'][:160]}")
    return tally


def main() -> None:
    tally = score(verbose="--verbose" in sys.argv)
    total = sum(tally.values())
    print(f"\n{tally['exact']}/{total} exact: " + ", ".join(
        f"{name} {count}" for name, count in tally.items()))


if __name__ == "__main__":
    main()
