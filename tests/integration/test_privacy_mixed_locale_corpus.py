# ruff: noqa: RUF001
"""The fifth seeded corpus (``tests/support/mixed_locale_pii.py``): Faker's zh_CN, zh_TW, en_US
and ja_JP values, Hong Kong and Macau numbers without a country code, North American numbers
without ``+1``, WeChat IDs and QQ numbers, names in a shop's notes, in JSON, NDJSON, forms,
multipart, XML, CSV, GBK and Big5 bodies, JSON and forms nested in each other, query strings
and headers: nothing is left by the recording scrubber or the report masks, and ids, waybills,
SKUs, timestamps and amounts are kept.

``python -m tests.support.mixed_locale_pii`` prints the same measurement by seed and carrier.
"""

from __future__ import annotations

import json
import logging
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import httpx
import pytest
import vcr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.privacy import vcr_hooks
from tests.support.mixed_locale_pii import (
    KEPT,
    SEEDS,
    carry,
    kept,
    leaks,
    note,
    record,
    spellings,
)
from tests.support.pii_dataset import e164_column, only_ok, stored_rows, write_buyers
from tests.support.projects import mini_project
from tests.support.servers import receiver, serve

runner = CliRunner()


def test_every_carrier_is_measured() -> None:
    carriers = {carried.carrier for carried in carry()}
    assert {"json", "ndjson", "form", "multipart", "xml", "csv", "gbk-text", "big5-json",
            "json-in-string", "form-in-json", "json-in-form", "query", "headers", "mask_text",
            "mask_value", "json/masks"} <= carriers
    assert len(SEEDS) >= 25


def test_no_seed_is_left_by_any_carrier() -> None:
    assert leaks() == []


def test_ordinary_values_survive_every_carrier() -> None:
    assert kept() == []


# --- through the product: recording, drift, scrub, findings, samples, alerts ------------------

def _order() -> dict[str, Any]:
    s = SEEDS
    order = record()
    # values a contract check quotes: a wrong enum, a wrong pattern, an undeclared key
    order.update({"id": 1, "created_at": KEPT["created"],
                  "status": f"{s['zh-note-name']}要求开发票，电话 {s['hk-mobile']}",
                  "total": s["us-phone-paren"], "locked": {s["ja-email"]: "x", "qq": s["qq"]}})
    return order


def _platform() -> Starlette:
    async def order(request: Request) -> Response:
        return JSONResponse({"order": _order()})

    async def lines(request: Request) -> Response:
        body = "".join(json.dumps(item, ensure_ascii=False) + "\n"
                       for item in (record(), record()))
        return Response(body.encode(), media_type="application/x-ndjson")

    async def echo(request: Request) -> Response:
        await request.body()
        return JSONResponse({"ok": True, "order_no": KEPT["order_no"]})

    return Starlette(routes=[Route("/api/v1/orders/{id}.json", order),
                             Route("/api/v1/lines", lines),
                             Route("/api/v1/echo", echo, methods=["GET", "POST"])])


def _settings(origin: str) -> str:
    s = SEEDS
    return textwrap.dedent(f"""
        [tool.seamguard]
        [tool.seamguard.alerts]
        urls_env = ["MIXED_LOCALE_ALERTS"]
        min_severity = "info"
        on = ["drift", "quality"]

        [tool.seamguard.platforms.shop]
        versions = ["v1"]
        base_url = "{origin}/api/{{version}}"

        [[tool.seamguard.platforms.shop.live]]
        path = "/orders/1.json?whatsapp={quote(s['hk-mobile'])}&qq={s['qq']}\
&wechat={s['wechat']}&t={quote(s['us-phone-paren'])}"

        [tool.seamguard.datasets.buyers]
        path = "data/buyers.csv"
        key = ["id"]
        dtypes = {{ whatsapp = "string", qq = "string" }}
        """)


def _requests(client: httpx.Client) -> None:
    s = SEEDS
    rec = record()
    flat = {k: v for k, v in rec.items() if isinstance(v, str)}
    client.get(f"/api/v1/orders/1.json?whatsapp={quote(s['hk-mobile'])}&wechat={s['wechat']}",
               headers={"X-Buyer-Wechat": s["wechat"], "Cookie": f"qq={s['qq']}",
                        "X-Forwarded-For": f"{s['us-phone']}, 10.0.0.1"})
    client.get("/api/v1/lines")
    client.post("/api/v1/echo", content="".join(
        json.dumps(rec, ensure_ascii=False) + "\n" for _ in range(2)).encode(),
        headers={"Content-Type": "application/x-ndjson"})
    client.post("/api/v1/echo", content=json.dumps(
        {"payload": "&".join(f"{k}={quote_plus(v)}" for k, v in flat.items())}).encode(),
        headers={"Content-Type": "application/json"})
    client.post("/api/v1/echo", content=f"biz_content={quote_plus(json.dumps(rec))}".encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"})
    multipart = "".join(f'--XB\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                        for k, v in flat.items()) + "--XB--\r\n"
    client.post("/api/v1/echo", content=multipart.encode(),
                headers={"Content-Type": "multipart/form-data; boundary=XB"})
    client.post("/api/v1/echo", content=note().encode("gb18030"),
                headers={"Content-Type": "text/plain; charset=gbk"})


def _dataset(root: Path) -> list[Path]:
    s = SEEDS
    rows = [("1", s["hk-mobile"], s["qq"], f"{s['zh-note-name']}要求开发票 微信 {s['wechat']}"),
            ("2", s["hk-mobile-run"], s["qq"], f"call me at {s['us-phone-paren']}"),
            ("3", s["mo-mobile"], s["qq"], f"{s['ja-phone']} {s['tw-phone']}")]
    return write_buyers(root, ["id", "whatsapp", "qq", "beizhu"], rows,
                        [e164_column("whatsapp"), only_ok("qq"), only_ok("beizhu")])


def _assert_clean(label: str, data: bytes | str) -> None:
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    if isinstance(data, bytes):
        text += data.decode("gb18030", "replace")
    for name, value in SEEDS.items():
        for form in spellings(value):
            assert form not in text, f"{name} ({form!r}) left in {label}"


def test_no_seed_leaks_through_recording_drift_scrub_findings_samples_or_alerts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("SEAMGUARD_PSEUDONYM_KEY", "mixed-locale-corpus-key")
    outputs: list[str] = []
    received: list[dict[str, Any]] = []
    with serve(_platform()) as origin, serve(receiver(received)) as alerts:
        monkeypatch.setenv("MIXED_LOCALE_ALERTS", f"json://{alerts[len('http://'):]}/hook")
        root = mini_project(tmp_path / "p", settings=_settings(origin))
        raw_inputs = {root / "pyproject.toml"}
        hooks = root / "fixtures" / "cassettes" / "hooks.yaml"
        with vcr.VCR(**vcr_hooks(key=b"mixed-locale")).use_cassette(str(hooks)), \
                httpx.Client(base_url=origin) as client:
            _requests(client)
        result = runner.invoke(app, ["drift", "run", "--project", str(root), "--debug"])
        outputs.append(result.output)
        assert result.exit_code == 1, result.output  # the live order breaks the contract
        raw = root / "fixtures" / "cassettes" / "raw.yaml"
        with vcr.VCR().use_cassette(str(raw)), httpx.Client(base_url=origin) as client:
            _requests(client)
        for _ in range(2):  # the second scrub changes nothing
            result = runner.invoke(app, ["privacy", "scrub", "--project", str(root), str(raw)])
            outputs.append(result.output)
            assert result.exit_code == 0, result.output
        assert result.output.strip().endswith("unchanged"), result.output
        for path in (hooks, raw):
            recorded = path.read_text("utf-8")
            assert KEPT["order_no"] in recorded
            assert KEPT["sku"] in recorded
        raw_inputs |= set(_dataset(root))
        codes: dict[str, set[str]] = {}
        for command in (["check"], ["verify"], ["quality"], ["privacy", "scan"]):
            for form in ("json", "text", "junit"):
                result = runner.invoke(app, [*command, "--project", str(root), "-f", form])
                outputs.append(result.output)
                if form == "json":
                    codes[command[0]] = {f["code"] for f in json.loads(result.output)["findings"]}
    for text in outputs:
        _assert_clean("command output", text)
    assert received
    for message in received:
        _assert_clean("an alert", json.dumps(message, ensure_ascii=False))
    for log_record in caplog.records:
        _assert_clean(f"a log record of {log_record.name}", log_record.getMessage())
    for path in root.rglob("*"):
        if path.is_file() and path not in raw_inputs and path.suffix not in (".sqlite",
                                                                               ".parquet"):
            _assert_clean(str(path.relative_to(root)), path.read_bytes())
    for database in root.rglob("*.sqlite"):
        for where, text in stored_rows(database):
            _assert_clean(where, text)
    assert {"field.unknown-enum", "field.wrong-format"} & codes["verify"]
    assert "quality.expectation-failed" in codes["quality"]
    assert "privacy.personal-data" in codes["privacy"]
