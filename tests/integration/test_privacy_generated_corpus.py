"""A second seeded corpus, with values nobody wrote by hand (Faker zh_CN / en_US, python-stdnum):
recorded from a real local server through the vcrpy hooks, `drift run` and `privacy scrub`, and
provoked into findings, quality samples and alerts, in places the first corpus does not use —
JSON keys, bare query parameters, URLs inside query parameters, `Link` and
`Content-Disposition` headers, XML comments, gzip bodies, undeclared GBK bodies, GBK form bodies,
multipart parts, and datasets whose failing rows hold the values. No seed, in any spelling
(digits, full-width, URL-, JSON- or GBK-encoded), may reach a cassette, a report (JSON, JUnit,
Markdown, HTML), a printed line, a log record, the drift history or an alert.
"""

from __future__ import annotations

import gzip
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
from tests.support.generated_pii import SEEDS, assert_no_seed_in
from tests.support.pii_dataset import e164_column, only_ok, stored_rows, write_buyers
from tests.support.projects import mini_project
from tests.support.servers import receiver, serve

runner = CliRunner()
S = SEEDS


def _order() -> dict[str, Any]:
    return {
        "id": 1, "created_at": "2024-07-10T10:00:00+08:00",
        "status": S["en-email0"],  # a wrong enum value: findings quote it
        "total": S["mobile0"],  # a wrong pattern
        "locked": {S["email1"]: "x"},  # an undeclared key: findings name it
        "note": f"收件人：{S['name0']}，地址：{S['address0']}，身份证 {S['id0']}",  # noqa: RUF001
        "kx": {"dh": S["mobile1"], "zj": S["landline"], "yx": S["email2"],
               "card": S["unionpay"], "us": S["us-phone"]},
        "ext": json.dumps({"lianxi": S["mobile2"], "dizhi": S["address1"]}, ensure_ascii=False),
        "tokens": [S["jwt"], f"key {S['aliyun']}", S["stripe"]],
    }


def platform() -> Starlette:
    async def order(request: Request) -> Response:
        return JSONResponse({"order": _order()}, headers={
            "X-Request-Id": "r1",
            "Link": f'<https://shop.example.cn/u?email={quote(S["email0"])}>; rel="next"',
            "Content-Disposition": f'attachment; filename="{S["mobile0"]}.pdf"',
            "Set-Cookie": f"uid={quote(S['email1'])}; Path=/"})

    async def gbk(request: Request) -> Response:
        body = json.dumps({"shr": S["name1"], "dz": S["address2"], "sj": S["mobile2"],
                           "sfz": S["id1"]}, ensure_ascii=False).encode("gbk")
        return Response(body, media_type="application/json")  # charset not declared

    async def xml(request: Request) -> Response:
        return Response(f"<r><!-- 旧地址 {S['address1']} 电话 {S['mobile1']} -->"
                        f"<v><![CDATA[{S['en-email1']}]]></v><c card='{S['visa']}'/></r>",
                        media_type="application/xml")

    async def zipped(request: Request) -> Response:
        data = gzip.compress(json.dumps({"zz": S["id2"], "yy": S["mastercard"]}).encode())
        return Response(data, media_type="application/json",
                        headers={"Content-Encoding": "gzip"})

    async def echo(request: Request) -> Response:
        await request.body()
        return JSONResponse({"ok": True})

    return Starlette(routes=[
        Route("/api/v1/orders/{id}.json", order), Route("/api/v1/gbk", gbk),
        Route("/api/v1/xml", xml), Route("/api/v1/zipped", zipped),
        Route("/api/v1/echo", echo, methods=["POST"])])


def _settings(origin: str) -> str:
    query = f"{quote(S['mobile0'])}&next={quote('https://x.cn/cb?email=' + quote(S['email2']))}"
    return textwrap.dedent(f"""
        [tool.seamguard]
        [tool.seamguard.alerts]
        urls_env = ["CORPUS_ALERTS"]
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
        dtypes = {{ dh = "string", card = "string" }}
        """)


def _record(origin: str, cassette: Path) -> None:
    recorder = vcr.VCR(**vcr_hooks(key=b"generated-corpus"))
    gbk_form = (f"password={quote_plus(S['stripe'])}&beizhu="
                f"{quote_plus('联系人:' + S['name2'] + ' ' + S['mobile1'], encoding='gbk')}"
                f"&dz={quote_plus(S['address0'], encoding='gbk')}")
    multipart = (f"--XyZ\r\nContent-Disposition: form-data; name=\"zz\"\r\n\r\n{S['email0']}\r\n"
                 f"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.json\"\r\n"
                 f"Content-Type: application/json\r\n\r\n{{\"k\": \"{S['id0']}\"}}\r\n--XyZ--\r\n")
    with recorder.use_cassette(str(cassette)), httpx.Client(base_url=origin) as client:
        client.get(f"/api/v1/orders/1.json?{quote(S['en-email0'])}&q={quote(S['mobile2'])}",
                   headers={"Authorization": f"Basic {S['aliyun']}", "X-Api-Key": S["stripe"],
                            "Cookie": f"sid={S['jwt']}; m={S['mobile0']}"})
        client.get("/api/v1/gbk")
        client.get("/api/v1/xml")
        client.get("/api/v1/zipped")
        client.post("/api/v1/echo", content=gbk_form.encode(), headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=GBK"})
        client.post("/api/v1/echo", content=multipart.encode(), headers={
            "Content-Type": "multipart/form-data; boundary=XyZ"})
        client.post("/api/v1/echo", json={S["email2"]: {"n": S["amex"]}})


def _dataset(root: Path) -> list[Path]:
    rows = [("1", S["mobile0"], S["unionpay"], f"收件人：{S['name0']} {S['address0']}"),  # noqa: RUF001
            ("2", S["landline"], S["visa"], f"mail {S['email1']} id {S['id1']}"),
            ("3", S["mobile1"], S["amex"], S["us-phone"])]
    return write_buyers(root, ["id", "dh", "card", "remark"], rows,
                        [e164_column("dh"), only_ok("remark"),
                         {"type": "expect_column_value_lengths_to_be_between",
                          "kwargs": {"column": "card", "min_value": 1, "max_value": 4}},
                         {"type": "expect_column_values_to_be_unique",
                          "kwargs": {"column": "card"}}])


def test_no_generated_value_leaks_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("SHOP_KEY", S["stripe"])
    monkeypatch.setenv("SEAMGUARD_PSEUDONYM_KEY", "generated-corpus-key")
    outputs: list[str] = []
    received: list[dict[str, Any]] = []
    with serve(platform()) as origin, serve(receiver(received)) as alerts:
        monkeypatch.setenv("CORPUS_ALERTS", f"json://{alerts[len('http://'):]}/hook")
        root = mini_project(tmp_path / "p", settings=_settings(origin))
        raw_inputs = {root / "pyproject.toml"}  # the live request's query holds seeds on purpose
        _record(origin, root / "fixtures" / "cassettes" / "generated.yaml")
        result = runner.invoke(app, ["drift", "run", "--project", str(root)])
        outputs.append(result.output)
        assert result.exit_code == 1, result.output
        raw = root / "fixtures" / "cassettes" / "raw.yaml"
        with vcr.VCR(decode_compressed_response=True).use_cassette(str(raw)), \
                httpx.Client(base_url=origin) as client:
            client.get("/api/v1/orders/2.json", headers={"X-Api-Key": S["stripe"]})
            client.get("/api/v1/gbk")
            client.get("/api/v1/xml")
        result = runner.invoke(app, ["privacy", "scrub", "--project", str(root), str(raw)])
        outputs.append(result.output)
        assert result.exit_code == 0, result.output
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
    names = {p.name for p in written}
    assert {"generated.yaml", "raw.yaml", "report.json", "junit.xml", "summary.md",
            "report.html"} <= names
    for path in written:
        if path.suffix == ".sqlite":
            _assert_database_clean(path)
        elif path.suffix != ".parquet":
            assert_no_seed_in(str(path.relative_to(root)), path.read_bytes())
    # The provocations worked: the values were quoted by findings and samples, then masked.
    assert {"field.unknown-enum", "field.wrong-format"} <= codes["verify"]
    assert "quality.expectation-failed" in codes["quality"]
    # Only the raw dataset holds personal data: everything recorded was scrubbed.
    assert codes["privacy"] == {"privacy.personal-data"}
    assert flagged["privacy"] == {"data/buyers.csv"}
    assert any("drift" in json.dumps(m) for m in received)
    assert any("quality" in json.dumps(m) for m in received)


def _assert_database_clean(database: Path) -> None:
    for where, text in stored_rows(database):
        assert_no_seed_in(where, text)
