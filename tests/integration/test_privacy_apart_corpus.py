# ruff: noqa: RUF001
"""A fourth seeded corpus (``tests/support/apart_pii.py``), written apart from the detectors:
phones in every spelling (dashed, spaced, ``+86-``, ``(+86)``, ``86 ``, full-width, glued to a
label, between Chinese punctuation), Hong Kong, Macau and Taiwan phones and identity numbers,
upper-case, plus-tagged and IDN e-mails, public test cards, vendors' token formats and bare
private keys; in keys on no list, JSON in a string, base64 JSON, XML attributes, text and CDATA,
multipart and forms with repeated keys, values percent-encoded twice, undeclared Big5 and GBK,
gzip and brotli, lowercase HTTP/2-style headers, ``X-Forwarded-For``, Basic credentials in a URL,
and XML inside a query parameter (which vcrpy's matcher prints in its debug log).

Recorded through the vcrpy hooks, ``drift run`` and ``privacy scrub``, provoked into findings,
quality samples and alerts with every log level on: no seed, in any spelling, may reach any
output. Order ids, waybills, SKUs, timestamps and amounts beside them survive recording.
"""

from __future__ import annotations

import base64
import gzip
import json
import logging
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import brotli
import httpx
import pytest
import vcr
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.privacy import vcr_hooks
from tests.support.apart_pii import SEEDS, assert_no_seed_in
from tests.support.pii_dataset import e164_column, only_ok, stored_rows, write_buyers
from tests.support.projects import mini_project
from tests.support.servers import receiver, serve

runner = CliRunner()
S = SEEDS
# What recordings must keep: ids, waybills, SKUs, timestamps, amounts.
KEPT = ("5829461287001", "SF1234567890123", "SKU-2024-RED-XL", "2024-07-10T10:00:00+08:00",
        "1999.00", "3801234567890", "230701-482915307263841")


def _order() -> dict[str, Any]:
    return {
        "id": 1, "created_at": KEPT[3],
        "status": f"收件人：{S['name0']}，{S['m-dash']}",  # a wrong enum value: findings quote it
        "total": S["m-plus-dash"],  # a wrong pattern
        "locked": {S["email-upper"]: "x", "by": S["hkid"]},  # an undeclared key: findings name it
        "note": f"【{S['m-space']}】。Tel{S['m-glued']} ship to {S['en-name']}",
        "order_no": KEPT[0], "waybill": KEPT[1], "sku": KEPT[2], "amount": KEPT[4],
        "barcode": KEPT[5], "pdd_order_sn": KEPT[6],
        "zz1": S["m-paren"], "zz2": [[{"q": [S["m-86"], S["m-wide"]]}]],
        "zz3": json.dumps({"inner": json.dumps({"a": S["ric"], "b": f"身分證 {S['twid']}"},
                                                ensure_ascii=False)}),
        "zz4": base64.b64encode(json.dumps({"x": S["email-plus"], "y": S["visa-test"]})
                                .encode()).decode(),
        "zz5": f"港 {S['hk-phone']} 台 {S['tw-phone']} 澳 {S['mo-phone']} 身份證 {S['moid']}",
        "zz6": f"paid with {S['mc-test']} / {S['amex-test']} / {S['jcb-test']}",
        "zz7": f"{S['card-luhn']} {S['email-idn']} {S['email-tw']}",
        "cfg": {"wh": S["whsec"], "k": S["alipay-key"], "t": f"token {S['bearer']}"},
        "zz8": f"{S['aws']} {S['ghp']} {S['slack']} {S['sk-live']}",
    }


def platform() -> Starlette:
    async def order(request: Request) -> Response:
        body = brotli.compress(gzip.compress(json.dumps({"order": _order()},
                                                        ensure_ascii=False).encode()))
        return Response(body, media_type="application/json", headers={
            "X-Request-Id": "r1", "Content-Encoding": "gzip, br",
            "x-forwarded-for": f"{S['m-bare']}, 10.0.0.1",
            "set-cookie": f"sid={S['session']}; HttpOnly",
            "location": f"/cb?u={quote(quote(S['m-plus-dash'], safe=''), safe='')}"})

    async def xml(request: Request) -> Response:
        return Response(
            f"<r><c sfz='{S['twid']}' b=\"{S['hk-phone']}\"><![CDATA[{S['m-paren']} "
            f"{S['email-upper']}]]></c><d>BIR {S['moid']} {S['tw-phone']}</d>"
            f"<e sku='{KEPT[2]}'>{KEPT[1]}</e></r>", media_type="application/xml")

    async def big5(request: Request) -> Response:
        text = f"收件人：{S['tw-name']}，電話：{S['m-bare']}，身份證：{S['twid']}"
        return Response(text.encode("big5"), media_type="text/plain")  # no charset

    async def gbk_wrong(request: Request) -> Response:
        text = f"收货人：{S['name1']}，手机{S['m-dash']}，卡{S['card-luhn']}"
        return Response(text.encode("gbk"), media_type="text/plain; charset=utf-8")

    async def echo(request: Request) -> Response:
        await request.body()
        return JSONResponse({"ok": True, "order_no": KEPT[0]})

    return Starlette(routes=[
        Route("/api/v1/orders/{id}.json", order), Route("/api/v1/xml", xml),
        Route("/api/v1/big5", big5), Route("/api/v1/gbk", gbk_wrong),
        Route("/api/v1/echo", echo, methods=["GET", "POST"])])


def _settings(origin: str) -> str:
    twice = quote(quote(S["m-86"], safe=""), safe="")
    xml = quote(_xml_query(S["xml-name-query"], S["m-glued"]), safe="")
    return textwrap.dedent(f"""
        [tool.seamguard]
        [tool.seamguard.alerts]
        urls_env = ["HELD_OUT_ALERTS"]
        min_severity = "info"
        on = ["drift", "quality"]

        [tool.seamguard.platforms.shop]
        versions = ["v1"]
        base_url = "{origin}/api/{{version}}"
        auth = {{ header = "X-Api-Key", env = "SHOP_KEY" }}

        [[tool.seamguard.platforms.shop.live]]
        path = "/orders/1.json?q={twice}&e={quote_plus(S['email-upper'])}&t={S['tw-phone']}\
&content={xml}"

        [tool.seamguard.datasets.buyers]
        path = "data/buyers.csv"
        key = ["id"]
        dtypes = {{ zz = "string" }}
        """)


def _xml_query(name: str, phone: str) -> str:
    return (f'<Request service="RoutePushService"><Body><WaybillRoute mailno="{KEPT[1]}" '
            f'lianxiren="{name}" shoujihao="{phone}"/><shouhuoren>{name}</shouhuoren>'
            f"</Body></Request>")


def _requests(client: httpx.Client, origin: str) -> None:
    host = origin.split("://", 1)[1]
    basic = base64.b64encode(b"u:" + S["basic-pw"].encode()).decode()
    client.get(f"/api/v1/orders/1.json?q={quote(quote(S['m-plus-dash'], safe=''), safe='')}"
               f"&a=1&a={quote(S['email-plus'])}&sku={KEPT[2]}",
               headers={"authorization": f"Basic {basic}",
                        "cookie": f"sid={S['session']}", "x-forwarded-for": S["m-bare"],
                        "referer": f"https://admin:{S['basic-pw']}@{host}/p?m={quote(S['m-space'])}"})
    # XML inside a query parameter: vcrpy's matcher compares it with every request recorded
    # before it, and logs both queries at DEBUG level
    client.get(f"/api/v1/echo?content={quote(_xml_query(S['xml-name-query'], S['m-bare']))}"
               f"&partnerID=SEAMGUARD")
    for path in ("xml", "big5", "gbk"):
        client.get(f"/api/v1/{path}")
    form = (f"a=1&a={quote_plus(S['m-dash'])}&b={quote_plus(quote_plus(S['m-86']))}"
            f"&lx={quote_plus(S['name2'])}&dh={quote_plus(S['m-bare'])}&order_no={KEPT[0]}")
    client.post("/api/v1/echo", content=form.encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"})
    multipart = (f"--XB\r\nContent-Disposition: form-data; name=\"zz\"\r\n\r\n"
                 f"{S['name3']} {S['m-wide']}\r\n--XB\r\nContent-Disposition: form-data; "
                 f"name=\"f\"; filename=\"a.json\"\r\nContent-Type: application/json\r\n\r\n"
                 f"{json.dumps({'k': S['ghp'], 'id': S['ric']})}\r\n--XB--\r\n")
    client.post("/api/v1/echo", content=multipart.encode(),
                headers={"Content-Type": "multipart/form-data; boundary=XB"})
    client.post("/api/v1/echo", content=base64.b64encode(json.dumps(
        {"who": S["name4"], "tel": S["hk-phone"], "key": S["whsec"]},
        ensure_ascii=False).encode()), headers={"Content-Type": "text/plain"})
    client.post("/api/v1/echo", content=gzip.compress(json.dumps(
        {"pay": f"付款 {S['visa-test']}", "z": S["slack"], "pem": S["alipay-key"]}).encode()),
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"})


def _dataset(root: Path) -> list[Path]:
    rows = [("1", S["m-dash"], f"{S['name5']} {S['m-paren']}"),
            ("2", S["hk-phone"], f"身份證 {S['hkid']}"),
            ("3", S["tw-phone"], f"{S['email-upper']}"),
            ("4", S["m-plus-dash"], f"付款{S['card-luhn']} ID {S['twid']}")]
    return write_buyers(root, ["id", "zz", "beizhu"], rows,
                        [e164_column("zz"), only_ok("beizhu")])


def _cassette_text(path: Path) -> str:
    """The cassette with its bodies (stored as binary when they are not ASCII) as text."""
    parts = [path.read_text("utf-8")]
    for interaction in yaml.safe_load(parts[0])["interactions"]:
        for side in (interaction["request"], interaction["response"]):
            body = side.get("body")
            body = body.get("string") if isinstance(body, dict) else body
            if isinstance(body, bytes):
                parts.append(body.decode("utf-8", "replace"))
    return "\n".join(parts)


def test_no_apart_value_leaks_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("SHOP_KEY", "shop-key-" + S["basic-pw"])
    monkeypatch.setenv("SEAMGUARD_PSEUDONYM_KEY", "apart-corpus-key")
    outputs: list[str] = []
    received: list[dict[str, Any]] = []
    with serve(platform()) as origin, serve(receiver(received)) as alerts:
        monkeypatch.setenv("HELD_OUT_ALERTS", f"json://{alerts[len('http://'):]}/hook")
        root = mini_project(tmp_path / "p", settings=_settings(origin))
        raw_inputs = {root / "pyproject.toml"}
        hooks = root / "fixtures" / "cassettes" / "hooks.yaml"
        with vcr.VCR(**vcr_hooks(key=b"apart-corpus")).use_cassette(str(hooks)), \
                httpx.Client(base_url=origin) as client:
            _requests(client, origin)
        assert any(r.name == "vcr.matchers" and "Failure details" in r.getMessage()
                   for r in caplog.records)  # the matcher did print the queries it compared
        recorded = _cassette_text(hooks)
        for kept in KEPT:
            assert kept in recorded, kept
        result = runner.invoke(app, ["drift", "run", "--project", str(root), "--debug"])
        outputs.append(result.output)
        assert result.exit_code == 1, result.output
        raw = root / "fixtures" / "cassettes" / "raw.yaml"
        with vcr.VCR(decode_compressed_response=True).use_cassette(str(raw)), \
                httpx.Client(base_url=origin) as client:
            _requests(client, origin)
        for _ in range(2):  # the second scrub changes nothing
            result = runner.invoke(app, ["privacy", "scrub", "--project", str(root), str(raw)])
            outputs.append(result.output)
            assert result.exit_code == 0, result.output
        assert result.output.strip().endswith("unchanged"), result.output
        scrubbed = _cassette_text(raw)
        for kept in KEPT:
            assert kept in scrubbed, kept
        raw_inputs |= set(_dataset(root))
        codes: dict[str, set[str]] = {}
        flagged: dict[str, set[str | None]] = {}
        for command in (["check"], ["verify"], ["quality"], ["privacy", "scan"]):
            for form in ("json", "text", "junit"):
                result = runner.invoke(app, [*command, "--project", str(root), "-f", form])
                outputs.append(result.output)
                if form == "json":
                    findings = json.loads(result.output)["findings"]
                    codes[command[0]] = {f["code"] for f in findings}
                    flagged[command[0]] = {f["location"].get("file") for f in findings}
    for text in outputs:
        assert_no_seed_in("command output", text)
    for message in received:
        assert_no_seed_in("an alert", json.dumps(message, ensure_ascii=False))
    assert received
    for record in caplog.records:
        assert_no_seed_in(f"a log record of {record.name}", record.getMessage())
    written = [p for p in root.rglob("*") if p.is_file() and p not in raw_inputs]
    assert {"hooks.yaml", "raw.yaml", "report.json", "junit.xml", "summary.md",
            "report.html"} <= {p.name for p in written}
    for path in written:
        if path.suffix not in (".sqlite", ".parquet"):
            assert_no_seed_in(str(path.relative_to(root)), path.read_bytes())
    databases = list(root.rglob("*.sqlite"))
    assert databases  # the drift history: every stored row is checked as well
    for database in databases:
        for where, text in stored_rows(database):
            assert_no_seed_in(where, text)
    assert {"field.unknown-enum", "field.wrong-format"} <= codes["verify"]
    assert "quality.expectation-failed" in codes["quality"]
    assert "privacy.personal-data" in codes["privacy"]
    # the recordings' pseudonyms are recognised as such: only the raw dataset is reported
    assert flagged["privacy"] == {"data/buyers.csv"}
