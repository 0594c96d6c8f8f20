"""Broken upstreams, generated: what `seamguard drift run` reports for each, against an oracle.

A seeded generator draws fault combinations for an order list served over raw HTTP/1.1 on
127.0.0.1 (so status lines, header casing, framing and timing are exactly as drawn): status
codes, Retry-After values, header casing, media types and charsets, gzip/br/deflate (real or
lying), chunked or close-delimited framing, truncated bodies, a slow drip, empty 200s, 204s
with a body, redirects, payload drift and paging bugs. Each case is one project and one
`drift run --format json`, run in a thread that is given up on after a limit (a hang).

The oracle says whether a case breaks a client (a fault that is *harmful*) or not (benign:
casing, chunking, a real compression, a drip within the deadline). A case is scored as

- ``caught``: harmful and the run failed (exit 1);
- ``silent``: harmful but the run passed (exit 0) — a silent pass;
- ``clean``: benign and the run passed;
- ``false-alarm``: benign and the run failed;
- ``broken``: a traceback, an exit code other than 0, 1 or 2, or output that is not JSON;
- ``hang``: no answer within the limit.

    python benchmarks/drift_faults.py --cases 60 --seed 7            # the seamguard importable
    PYTHONPATH=/tmp/old/src:. python benchmarks/drift_faults.py ...  # another checkout's

The paging table is written only when the seamguard under test knows the ``paging`` setting
(and ``--no-table`` is not given).
"""

from __future__ import annotations

import argparse
import asyncio
import email.utils
import gzip
import json
import random
import socket
import sys
import tempfile
import threading
import time
import traceback
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import brotli

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(1, str(REPO))

from tests.support.drift_service import ORDERS_CONTRACT, order  # noqa: E402
from tests.support.projects import mini_project  # noqa: E402

PAGES = {"": "c2", "c2": "c3", "c3": None}
STARTS = {"": 1, "c2": 4, "c3": 7}


@dataclass
class Case:
    """One drawn upstream: each attribute is one fault dimension."""

    number: int
    status: int = 200
    retry_after: str | None = None
    casing: str = "title"  # title | lower | upper
    media: str | None = "application/json"
    charset_lie: bool = False  # declares GBK, sends UTF-8 Chinese
    coding: str = "identity"  # identity | gzip | br | deflate | gzip-lie
    framing: str = "length"  # length | chunked | close | short
    drip: float = 0.0  # seconds between chunks
    body: str = "valid"  # valid | empty | truncated | enum | id-string
    paging: str = "none"  # none | repeat | skip | loop
    redirect: str | None = None  # same-host | other-host
    harmful: list[str] = field(default_factory=list)

    def label(self) -> str:
        parts = [f"{self.status}"]
        if self.retry_after is not None:
            parts.append(f"retry-after={self.retry_after[:12]}")
        parts += [f"casing={self.casing}", f"media={self.media}", f"coding={self.coding}",
                  f"framing={self.framing}", f"body={self.body}", f"paging={self.paging}"]
        if self.charset_lie:
            parts.append("charset-lie")
        if self.drip:
            parts.append(f"drip={self.drip}")
        if self.redirect:
            parts.append(f"redirect={self.redirect}")
        return " ".join(parts)


def draw(rng: random.Random, number: int) -> Case:
    """One case; about a third are benign (only harmless variations)."""
    case = Case(number)
    case.casing = rng.choice(["title", "lower", "upper"])
    case.framing = rng.choice(["length", "chunked", "close"])
    case.coding = rng.choice(["identity", "identity", "gzip", "br", "deflate"])
    if rng.random() < 0.35:
        return case  # benign only
    faults = rng.sample(["status", "media", "charset", "coding", "framing", "drip", "body",
                         "paging", "redirect"], k=rng.choice([1, 1, 2]))
    for fault in faults:
        if fault == "status":
            case.status = rng.choice([201, 204, 404, 418, 429, 500, 502, 503])
            if case.status in (429, 503):
                case.retry_after = rng.choice(["0", "1", "120", "http-date"])
            case.harmful.append(f"status {case.status}")
        elif fault == "media":
            case.media = rng.choice(["text/plain", "application/octet-stream",
                                     "text/html; charset=utf-8", None])
            case.harmful.append(f"media {case.media}")
        elif fault == "charset":
            case.charset_lie = True
            case.harmful.append("charset lie")
        elif fault == "coding":
            case.coding = "gzip-lie"
            case.harmful.append("gzip declared, plain body")
        elif fault == "framing":
            case.framing = "short"
            case.harmful.append("body cut short")
        elif fault == "drip":
            case.drip = 1.5  # 1.5 s a chunk, over the 3 s deadline
            case.harmful.append("slow drip past the deadline")
        elif fault == "body":
            case.body = rng.choice(["empty", "truncated", "enum", "id-string"])
            case.harmful.append(f"body {case.body}")
        elif fault == "paging":
            case.paging = rng.choice(["repeat", "skip", "loop"])
            case.harmful.append(f"paging {case.paging}")
        else:
            case.redirect = rng.choice(["same-host", "other-host"])
            case.harmful.append(f"redirect {case.redirect}")
    return case


# --- the server ---------------------------------------------------------------------------


def _page(case: Case, cursor: str) -> dict[str, Any]:
    if case.paging == "repeat" and cursor == "c2":
        cursor = ""
    if case.paging == "skip" and cursor == "c2":
        cursor = "c3"
    start = STARTS.get(cursor, 1)
    items = [order(n) for n in range(start, min(start + 3, 8))]
    for item in items:
        if case.body == "enum":
            item["status"] = "partially_refunded"
        if case.body == "id-string":
            item["id"] = str(item["id"])
    following = PAGES.get(cursor)
    if case.paging == "loop" and cursor == "c2":
        following = "c2"
    return {"orders": items, "next_cursor": following}


def _name(name: str, casing: str) -> str:
    return name.lower() if casing == "lower" else name.upper() if casing == "upper" else name


async def _answer(case: Case, target: str, writer: asyncio.StreamWriter, origin: str) -> bool:
    """Write one answer; True when the connection must close after it."""
    from urllib.parse import parse_qs, urlsplit

    cursor = parse_qs(urlsplit(target).query).get("cursor", [""])[0]
    headers: list[tuple[str, str]] = []
    status = case.status
    text = json.dumps(_page(case, cursor), ensure_ascii=False)
    if case.redirect and "/moved/" not in target:
        status = 301
        where = (f"http://example.invalid/c{case.number}/api/v1/orders.json"
                 if case.redirect == "other-host" else target.replace("/api/", "/moved/api/"))
        headers.append(("Location", where))
        text = ""
    elif status in (404, 418, 500, 502, 503, 429):
        text = json.dumps({"errors": "upstream says no"})
    if case.retry_after is not None:
        value = (email.utils.formatdate(time.time() + 120, usegmt=True)
                 if case.retry_after == "http-date" else case.retry_after)
        headers.append(("Retry-After", value))
    if case.body == "empty":
        text = ""
    elif case.body == "truncated":
        text = text[: len(text) // 2]
    charset = "utf-8"
    media = case.media
    if case.charset_lie and media:
        media = f"{media.split(';')[0]}; charset=GBK"
    raw = text.encode(charset)
    if case.coding == "gzip":
        raw, coding = gzip.compress(raw), "gzip"
    elif case.coding == "br":
        raw, coding = brotli.compress(raw), "br"
    elif case.coding == "deflate":
        raw, coding = zlib.compress(raw), "deflate"
    elif case.coding == "gzip-lie":
        coding = "gzip"
    else:
        coding = ""
    if media:
        headers.append(("Content-Type", media))
    if coding and raw:
        headers.append(("Content-Encoding", coding))
    close = case.framing == "close"
    if case.framing == "chunked":
        headers.append(("Transfer-Encoding", "chunked"))
    elif case.framing == "short":
        headers.append(("Content-Length", str(len(raw) + 40)))
        close = True
    elif not close:
        headers.append(("Content-Length", str(len(raw))))
    if close:
        headers.append(("Connection", "close"))
    reason = {200: "OK", 201: "Created", 204: "No Content", 301: "Moved Permanently",
              404: "Not Found", 418: "I'm a teapot", 429: "Too Many Requests",
              500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
    head = f"HTTP/1.1 {status} {reason.get(status, 'Status')}\r\n" + "".join(
        f"{_name(k, case.casing)}: {v}\r\n" for k, v in headers) + "\r\n"
    writer.write(head.encode("latin-1"))
    pieces = [raw[i:i + 64] for i in range(0, len(raw), 64)] or [b""]
    for piece in pieces:
        if case.drip:
            await writer.drain()
            await asyncio.sleep(case.drip)
        if case.framing == "chunked":
            if piece:
                writer.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        else:
            writer.write(piece)
    if case.framing == "chunked":
        writer.write(b"0\r\n\r\n")
    await writer.drain()
    return close


def serve(cases: dict[int, Case]) -> str:
    """Serve every case on one loopback port; returns the origin."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    origin = f"http://127.0.0.1:{sock.getsockname()[1]}"

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                target = line.decode("latin-1").split()[1]
                case = cases[int(target.split("/")[1][1:])]
                if await _answer(case, target, writer, origin):
                    break
        except (ConnectionError, KeyError, IndexError, ValueError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, sock=sock)
        async with server:
            await server.serve_forever()

    threading.Thread(target=asyncio.run, args=(main(),), daemon=True).start()
    return origin


# --- the runs -----------------------------------------------------------------------------


def settings(origin: str, case: Case, paging: bool) -> str:
    table = ('\npaging = { api = "cursor", cursor = "/next_cursor", cursor_param = "cursor" }'
             if paging else "")
    return f"""
[tool.seamguard]

[tool.seamguard.network]
timeout = 2.0
deadline = 3.0

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "{origin}/c{case.number}/api/{{version}}"
auth = {{ header = "X-Token", env = "SHOP_TOKEN" }}

[[tool.seamguard.platforms.shop.live]]
path = "/orders.json"{table}
"""


def run_case(root: Path, limit: float) -> tuple[str, int | None, list[str], float]:
    """(outcome, exit code, finding codes, seconds) of one `drift run`."""
    from typer.testing import CliRunner

    from seamguard.cli import app

    result: dict[str, Any] = {}

    def go() -> None:
        try:
            result["run"] = CliRunner().invoke(
                app, ["drift", "run", "--project", str(root), "--format", "json"])
        except BaseException:  # recorded, never raised across the thread
            result["crash"] = traceback.format_exc()

    started = time.monotonic()
    worker = threading.Thread(target=go, daemon=True)
    worker.start()
    worker.join(limit)
    took = time.monotonic() - started
    if worker.is_alive():
        return "hang", None, [], took
    run = result.get("run")
    if run is None:
        return "broken", None, [], took
    if run.exception is not None and not isinstance(run.exception, SystemExit):
        return "broken", run.exit_code, [type(run.exception).__name__], took
    if "Traceback" in run.stderr:
        return "broken", run.exit_code, [f"stderr: {run.stderr[-300:]!r}"], took
    try:
        findings = json.loads(run.stdout)["findings"]
    except (ValueError, KeyError):
        return "broken", run.exit_code, [f"stdout: {run.stdout[:300]!r}"], took
    return "ran", run.exit_code, sorted({f["code"] for f in findings}), took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a hang")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--no-table", action="store_true",
                        help="write no paging table (what the answers announce is followed)")
    args = parser.parse_args()

    import os

    from seamguard.project import LiveRequestSettings

    os.environ["SHOP_TOKEN"] = "orders-secret-token-8d1e"
    paging = "paging" in LiveRequestSettings.model_fields and not args.no_table
    rng = random.Random(args.seed)
    cases = {n: draw(rng, n) for n in range(args.cases)}
    origin = serve(cases)
    scores: Counter[str] = Counter()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        for number, case in cases.items():
            root = mini_project(Path(scratch) / f"p{number}", contract=ORDERS_CONTRACT,
                                settings=settings(origin, case, paging))
            outcome, code, codes, took = run_case(root, args.limit)
            if outcome == "ran":
                if code not in (0, 1, 2):
                    outcome = "broken"
                elif case.harmful:
                    outcome = "caught" if code == 1 else "silent"
                else:
                    outcome = "clean" if code == 0 else "false-alarm"
            scores[outcome] += 1
            if args.verbose or outcome not in ("caught", "clean"):
                print(f"{outcome:11} {took:5.1f}s #{number} {case.label()}  "
                      f"[{'; '.join(case.harmful) or 'benign'}] -> exit {code}: "
                      f"{', '.join(codes) or 'no findings'}")
    total = sum(scores.values())
    table = "on" if paging else "left out" if args.no_table else "unknown"
    print(f"\n{total} cases (seed {args.seed}, paging table {table}), "
          f"{time.monotonic() - started:.0f} s: " + ", ".join(
              f"{name} {scores[name]}" for name in ("caught", "clean", "silent", "false-alarm",
                                                    "broken", "hang")))


if __name__ == "__main__":
    main()
