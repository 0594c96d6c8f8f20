# ruff: noqa: RUF001
"""A third seeded corpus (``tests/support/unlisted_pii.py``) in places no key list names: pinyin,
Chinese and run-together keys, nested arrays and JSON inside JSON inside a string, XML attributes,
XML documents inside a form field, a JSON string and a query parameter (SF's XML-mode push),
GBK text without a charset, Big5 with one, deflate, brotli and `gzip, br` bodies, CSV, a redirect
whose Location carries a query and a fragment, people paths (`/customers/{mobile}`), percent- and
plus-encoded queries, international numbers with an unencoded `+`, GBK forms, Referer, Cookie and
custom headers; card numbers with no label and names told only by the phone or address beside
them.
Recorded through the vcrpy hooks, `drift run` and `privacy scrub`, provoked into findings, quality
samples and alerts: no seed, in any spelling, may reach any output.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import textwrap
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import brotli
import httpx
import pytest
import vcr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.privacy import vcr_hooks
from tests.support.pii_dataset import e164_column, only_ok, write_buyers
from tests.support.projects import mini_project
from tests.support.servers import receiver, serve
from tests.support.unlisted_pii import SEEDS, assert_no_seed_in

runner = CliRunner()
S = SEEDS


def _order() -> dict[str, Any]:
    return {
        "id": 1, "created_at": "2024-07-10T10:00:00+08:00",
        "status": f"收件人：{S['name0']}",  # a wrong enum value: findings quote it
        "total": S["landline"],  # a wrong pattern
        "locked": {S["email-idn"]: "x"},  # an undeclared key: findings name it
        "note": f"ship to {S['en-name']} at {S['street']}, phone {S['intl-US']}",
        "shoujihao": S["mobile0"], "KEHUDIANHUA": S["mobile-spaced"], "联系方式": S["landline"],
        "收货人电话": S["intl-GB"], "lianxiren": S["name1"], "dizhi": S["address"],
        "youxiang": S["email-plus"], "sfzh": S["ric15"], "护照号码": S["passport"],
        "银行账号": S["account"], "mima": S["password"], "tracking": "SF1234567890123",
        "items": [[{"ext": json.dumps({"inner": json.dumps({"m": S["mobile1"],
                                                            "v": S["village"]})})}]],
        "beizhu": f"{S['name2']} {S['mobile2']} {S['village']}",
        # cards with no label; a name told only by the phone or the address beside it
        "fkk": S["unionpay-bare"], "zhifu": int(S["card-icbc"]),
        "fukuan": f"付款 {S['visa13']} 已到账", "lx": S["name3"], "dh": S["mobile5"],
        "shou": {"who": S["name4"], "addr2": S["village"]}, "remark2": f"姓名：{S['name5']}",
        "rows": [[1, S["name8"], S["mobile5"]]], "memo2": f"lianxi:{S['name9']} dh:{S['mobile5']}",
    }


def platform() -> Starlette:
    async def order(request: Request) -> Response:
        # gzip, then brotli: the live fetch and the recorders undo both, bounded
        body = brotli.compress(gzip.compress(json.dumps({"order": _order()}).encode()))
        return Response(body, media_type="application/json", headers={
            "X-Request-Id": "r1", "X-Customer": S["intl-HK"], "Content-Encoding": "gzip, br",
            "Set-Cookie": f"m={S['mobile3']}; Path=/"})

    async def br(request: Request) -> Response:
        body = json.dumps({"a": S["name7"], "b": S["mobile2"], "c": f"付 {S['maestro12']}"},
                          ensure_ascii=False).encode()
        return Response(brotli.compress(body), media_type="application/json",
                        headers={"Content-Encoding": "br"})

    async def xml(request: Request) -> Response:
        return Response(f"<r><c sfz='{S['ric-x']}' tel=\"{S['intl-TW']}\"/>"
                        f"<shouhuoren>{S['name0']}</shouhuoren>"
                        f"<c2 lx='{S['name3']}' dh='{S['mobile5']}'/>"
                        f"<c3><lx>{S['name5']}</lx><dh>{S['mobile5']}</dh></c3></r>",
                        media_type="application/xml")

    async def gbk(request: Request) -> Response:
        text = (f"收货人：{S['name1']}，手机{S['mobile4']}，身份证{S['ric15']}，"
                f"卡{S['card-boc']}，{S['name6']} {S['mobile5']}")
        return Response(text.encode("gbk"), media_type="text/plain")  # no charset

    async def big5(request: Request) -> Response:
        body = json.dumps({"dianhua": S["intl-HK"], "xingming": S["name2"]},
                          ensure_ascii=False).encode("big5")
        return Response(body, media_type="application/json; charset=big5")

    async def deflated(request: Request) -> Response:
        data = zlib.compress(json.dumps({"x": S["unionpay"], "y": S["visa"]}).encode())
        return Response(data, media_type="application/json",
                        headers={"Content-Encoding": "deflate"})

    async def csv(request: Request) -> Response:
        return Response(f"id,lxdh,beizhu\n1,{S['mobile0']},\"护照号：{S['passport']}\"\n",
                        media_type="text/csv")

    async def moved(request: Request) -> Response:
        return RedirectResponse(
            f"/api/v1/customers/{S['mobile1']}?e={quote(S['email-idn'])}"
            f"#{quote(S['mobile-spaced'])}", status_code=302)

    async def customer(request: Request) -> Response:
        return JSONResponse({"ok": True})

    async def echo(request: Request) -> Response:
        await request.body()
        return JSONResponse({"ok": True})

    return Starlette(routes=[
        Route("/api/v1/orders/{id}.json", order), Route("/api/v1/xml", xml),
        Route("/api/v1/gbk", gbk), Route("/api/v1/big5", big5),
        Route("/api/v1/deflated", deflated), Route("/api/v1/csv", csv),
        Route("/api/v1/moved", moved), Route("/api/v1/customers/{m}", customer),
        Route("/api/v1/br", br), Route("/api/v1/echo", echo, methods=["POST"])])


def _settings(origin: str) -> str:
    # SF's XML-mode push in a query parameter: the live fetch records it, and vcrpy's matcher
    # prints it at DEBUG level when it compares requests
    push = _xml_push(S["xml-name-query"], S["mobile4"], S["village"])
    query = (f"q={quote_plus(S['mobile2'])}&p={S['intl-JP'].replace(' ', '')}"
             f"&content={quote(push)}")
    return textwrap.dedent(f"""
        [tool.seamguard]
        [tool.seamguard.alerts]
        urls_env = ["UNLISTED_ALERTS"]
        min_severity = "info"
        on = ["drift", "quality"]

        [tool.seamguard.platforms.shop]
        versions = ["v1"]
        base_url = "{origin}/api/{{version}}"
        auth = {{ header = "X-Api-Key", env = "SHOP_KEY" }}

        [[tool.seamguard.platforms.shop.live]]
        path = "/orders/1.json?{query}"

        [tool.seamguard.datasets.buyers]
        path = "data/buyers.csv"
        key = ["id"]
        dtypes = {{ shoujihao = "string" }}
        """)


def _xml_push(name: str, phone: str, place: str) -> str:
    """SF's XML-mode route push as its form field holds it: personal data only in structure."""
    return (f'<Request service="RoutePushService" lang="zh-CN"><Body><WaybillRoute '
            f'id="a51f9d515b86585" mailno="SF1462053916511" acceptTime="2024-07-05 12:00:00" '
            f'acceptAddress="深圳市" lianxiren="{name}" shoujihao="{phone}" opCode="50"/>'
            f'<shouhuoren>{name}</shouhuoren><dizhi>{place}</dizhi></Body></Request>')


def _requests(client: httpx.Client) -> None:
    client.get(f"/api/v1/orders/1.json?lxdh={quote(S['mobile3'])}&p={S['intl-GB'].replace(' ', '')}"
               f"&e={quote_plus(S['email-plus'])}&k={S['maestro12']}&lx2={quote(S['name7'])}"
               f"&dh2={S['mobile5']}",
               headers={"Authorization": f"Bearer {S['jwt']}", "X-Shoujihao": S["mobile4"],
                        "X-Pay": f"paid with {S['card-boc']}", "X-Lx": quote(S["name6"]),
                        "Cookie": f"sid={S['jwt']}; m={S['mobile0']}",
                        "Referer": f"https://shop.example.cn/p?m={S['mobile2']}"
                                   f"#{quote('收件人：' + S['name0'])}"})
    for path in ("xml", "gbk", "big5", "deflated", "csv", "moved", "br"):
        client.get(f"/api/v1/{path}")
    client.get(f"/api/v1/customers/{S['mobile4']}")
    client.get(f"/api/v1/customers/1?content="
               f"{quote(_xml_push(S['xml-name-query'], S['mobile3'], S['address']))}")
    form = (f"shouhuoren={quote_plus(S['name1'], encoding='gbk')}"
            f"&dizhi={quote_plus(S['village'], encoding='gbk')}&mima={quote_plus(S['password'])}"
            f"&lx={quote_plus(S['name6'], encoding='gbk')}&dh={S['mobile5']}"
            f"&bz={quote_plus('付款' + S['unionpay-bare'], encoding='gbk')}")
    client.post("/api/v1/echo", content=form.encode(), headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=GBK"})
    client.post("/api/v1/echo", content=f"lxdh={quote(S['mobile1'])}&sfz={S['ric15']}",
                headers={"Content-Type": "text/plain"})
    push = _xml_push(S["xml-name-form"], S["mobile2"], S["village"])
    client.post("/api/v1/echo", content=f"content={quote_plus(push)}&partnerID=SEAMGUARD",
                headers={"Content-Type": "application/x-www-form-urlencoded"})
    client.post("/api/v1/echo", json={
        "msgData": _xml_push(S["xml-name-json"], S["mobile1"], S["address"])})
    client.post("/api/v1/echo", json={"shoujihao": int(S["mobile3"]),
                                      "list": [[{"银行账号": S["account"]}]]})


def _dataset(root: Path) -> list[Path]:
    rows = [("1", S["mobile0"], f"{S['name0']} {S['mobile1']}"),
            ("2", S["landline"], f"护照号：{S['passport']}"),
            ("3", S["intl-GB"], f"身份证 {S['ric15']}"),
            ("4", S["mobile5"], f"{S['name4']}，付款{S['unionpay-bare']}")]
    return write_buyers(root, ["id", "shoujihao", "beizhu"], rows,
                        [e164_column("shoujihao"), only_ok("beizhu")])


def test_no_unlisted_value_leaks_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("SHOP_KEY", "shop-key-" + S["password"])
    monkeypatch.setenv("SEAMGUARD_PSEUDONYM_KEY", "unlisted-corpus-key")
    outputs: list[str] = []
    received: list[dict[str, Any]] = []
    with serve(platform()) as origin, serve(receiver(received)) as alerts:
        monkeypatch.setenv("UNLISTED_ALERTS", f"json://{alerts[len('http://'):]}/hook")
        root = mini_project(tmp_path / "p", settings=_settings(origin))
        raw_inputs = {root / "pyproject.toml"}
        recorder = vcr.VCR(**vcr_hooks(key=b"unlisted-corpus"))
        with recorder.use_cassette(str(root / "fixtures" / "cassettes" / "hooks.yaml")), \
                httpx.Client(base_url=origin) as client:
            _requests(client)
        result = runner.invoke(app, ["drift", "run", "--project", str(root)])
        outputs.append(result.output)
        assert result.exit_code == 1, result.output
        raw = root / "fixtures" / "cassettes" / "raw.yaml"
        with vcr.VCR(decode_compressed_response=True).use_cassette(str(raw)), \
                httpx.Client(base_url=origin) as client:
            _requests(client)
        result = runner.invoke(app, ["privacy", "scan", "--project", str(root), str(raw),
                                     "-f", "json"])
        outputs.append(result.output)
        # a name the XML inside a form field or a JSON string holds, found by its structure
        places = {f"{f['location'].get('pointer')} {f['message']}"
                  for f in json.loads(result.output)["findings"]}
        inside = {m.group(1) for m in map(re.compile(r"/(\w+)/Request/Body/shouhuoren").search,
                                          places) if m}
        assert inside == {"content", "msgData"}, sorted(places)
        for _ in range(2):  # the second scrub changes nothing
            result = runner.invoke(app, ["privacy", "scrub", "--project", str(root), str(raw)])
            outputs.append(result.output)
            assert result.exit_code == 0, result.output
        assert result.output.strip().endswith("unchanged"), result.output
        raw_inputs |= set(_dataset(root))
        codes: dict[str, set[str]] = {}
        flagged: dict[str, set[str]] = {}
        for command in (["check"], ["verify"], ["quality"], ["privacy", "scan"]):
            for form in ("json", "text"):
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
    for record in caplog.records:
        assert_no_seed_in("a log record", record.getMessage())
    written = [p for p in root.rglob("*") if p.is_file() and p not in raw_inputs]
    assert {"hooks.yaml", "raw.yaml", "report.json", "junit.xml", "summary.md",
            "report.html"} <= {p.name for p in written}
    for path in written:
        if path.suffix not in (".sqlite", ".parquet"):
            assert_no_seed_in(str(path.relative_to(root)), path.read_bytes())
    assert {"field.unknown-enum", "field.wrong-format"} <= codes["verify"]
    assert "quality.expectation-failed" in codes["quality"]
    assert flagged["privacy"] == {"data/buyers.csv"}
