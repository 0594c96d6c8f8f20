"""A seeded corpus of personal values and secrets, in keys on no list, in free text, headers,
query strings, form and GBK bodies, recorded through the vcrpy hooks, `drift run` and `privacy
scrub`, and provoked into findings, quality samples and alerts: none of them, in any spelling,
reaches a written file, a printed line, a log record or an alert."""

from __future__ import annotations

import contextlib
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
from stdnum import luhn
from stdnum.cn import ric
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.privacy import vcr_hooks
from tests.support.pii_dataset import stored_rows
from tests.support.projects import mini_project
from tests.support.servers import receiver, serve

runner = CliRunner()

_ID_BODY = "11010519900307123"
_CARD_BODY = "622202123456789012"
SEEDS = {
    "mobile": "13912345678",
    "landline": "(010) 6552-9988",
    "email": "wang.fang@corp-mail.cn",
    "email_in_query": "li.na@shop-buyer.cn",
    "id_number": _ID_BODY + ric.calc_check_digit(_ID_BODY + "0"),
    "card": _CARD_BODY + luhn.calc_check_digit(_CARD_BODY),
    "name_in_text": "王芳",
    "name_in_key": "李娜",
    "gbk_name": "赵敏",
    "address": "北京市朝阳区建国路88号SOHO现代城3号楼1单元1502室",
    "app_secret": "appsec-9f8e7d6c5b4a3210",
    "refresh_token": "rt-8f7a6b5c4d3e2f1a0b9c",
    "api_key": "ak-5f4e3d2c1b0a9988",
    "password": "Hunter2-Summer!",
    "access_token": "at-77aa88bb99cc00dd",
    "stripe": "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
    "live_token": "live-token-5f2c9e1d",
}
WIDE = str.maketrans("0123456789", "".join(chr(0xFF10 + d) for d in range(10)))


def spellings() -> dict[str, list[bytes]]:
    """Every way a seed could show up in a file or an output."""
    forms: dict[str, list[bytes]] = {}
    for name, value in SEEDS.items():
        texts = {value, quote(value), quote_plus(value), json.dumps(value)[1:-1]}
        digits = "".join(ch for ch in value if ch.isdigit())
        if name in ("mobile", "landline", "id_number", "card"):
            texts |= {digits, digits[-8:], digits.translate(WIDE)}
        if name == "mobile":
            texts |= {"139 1234 5678", "139-1234-5678"}
        encoded = {text.encode() for text in texts}
        for charset in ("gbk", "big5"):
            with contextlib.suppress(UnicodeEncodeError):
                encoded |= {value.encode(charset), quote_plus(value, encoding=charset).encode()}
        forms[name] = sorted(encoded)
    return forms


def assert_clean(label: str, data: bytes | str) -> None:
    blob = data.encode("utf-8") if isinstance(data, str) else data
    for name, forms in spellings().items():
        for form in forms:
            assert form not in blob, f"{name} ({form!r}) leaked into {label}"


# --- the platform, full of personal data ----------------------------------------------------------


def _order() -> dict[str, Any]:
    return {
        "id": 1, "created_at": "2024-07-10T10:00:00+08:00", "locked": {},
        "status": SEEDS["email"],  # a wrong enum value that quotes a personal value
        "total": "+86 139 1234 5678",  # a wrong pattern that does too
        "note": f"联系人：{SEEDS['name_in_text']}，电话 0086-139-1234-5678，"  # noqa: RUF001
                f"地址 {SEEDS['address']}，卡号 {SEEDS['card'][:4]} {SEEDS['card'][4:8]} "  # noqa: RUF001
                f"{SEEDS['card'][8:12]} {SEEDS['card'][12:16]} {SEEDS['card'][16:]}",
        "kehu": {"sfz": SEEDS["id_number"], "dianhua_wide": SEEDS["mobile"].translate(WIDE),
                 "zuoji": SEEDS["landline"]},
        "buyer_name": SEEDS["name_in_key"],
        "appSecret": SEEDS["app_secret"], "refreshToken": SEEDS["refresh_token"],
        "search_text": f"{SEEDS['email']} {SEEDS['stripe']}",
    }


def platform() -> Starlette:
    async def order(request: Request) -> Response:
        return JSONResponse({"order": _order()}, headers={
            "X-Request-Id": "r1", "Set-Cookie": f"sid={SEEDS['access_token']}; Path=/",
            "X-Contact": SEEDS["email"],
            "Location": f"https://app.example.cn/cb?access_token={SEEDS['access_token']}"})

    async def form(request: Request) -> Response:
        await request.body()
        body = json.dumps({"收件人": SEEDS["gbk_name"], "地址": SEEDS["address"],
                           "手机": SEEDS["mobile"]}, ensure_ascii=False).encode("gbk")
        return Response(body, media_type="application/json; charset=GBK")

    async def text(request: Request) -> Response:
        return Response(f"客户 {SEEDS['name_in_text']} 的电话是 {SEEDS['mobile']}",
                        media_type="text/plain; charset=utf-8")

    async def xml(request: Request) -> Response:
        return Response(f'<r><j_contact>{SEEDS["gbk_name"]}</j_contact><m tel="{SEEDS["mobile"]}"/>'
                        f"</r>", media_type="application/xml")

    return Starlette(routes=[Route("/api/v1/orders/{id}.json", order),
                             Route("/api/v1/forms", form, methods=["POST"]),
                             Route("/api/v1/text", text), Route("/api/v1/xml", xml)])


def _settings(origin: str) -> str:
    query = f"email={quote(SEEDS['email_in_query'])}&phone=%2B86{SEEDS['mobile']}"
    return textwrap.dedent(f"""
        [tool.seamguard]
        [tool.seamguard.alerts]
        urls_env = ["CORPUS_ALERTS"]
        min_severity = "info"
        on = ["drift", "quality", "reconcile"]

        [tool.seamguard.platforms.shop]
        versions = ["v1"]
        base_url = "{origin}/api/{{version}}"
        auth = {{ header = "X-Token", env = "SHOP_TOKEN" }}

        [[tool.seamguard.platforms.shop.live]]
        path = "/orders/1.json?{query}"

        [tool.seamguard.datasets.people]
        path = "data/people.csv"
        key = ["id"]
        dtypes = {{ mobile = "string" }}
        """)


def _record(origin: str, cassette: Path) -> None:
    recorder = vcr.VCR(**vcr_hooks(key=b"corpus", secrets=(SEEDS["live_token"],)))
    form = (f"password={quote_plus(SEEDS['password'])}&receiver_mobile={SEEDS['mobile']}"
            f"&remark={quote_plus('联系人：' + SEEDS['gbk_name'], encoding='gbk')}")  # noqa: RUF001
    with recorder.use_cassette(str(cassette)), httpx.Client(base_url=origin) as client:
        client.get(f"/api/v1/orders/1.json?email={quote(SEEDS['email_in_query'])}"
                   f"&phone={SEEDS['mobile']}",
                   headers={"Api-Key": SEEDS["api_key"],
                            "Authorization": f"Bearer {SEEDS['live_token']}",
                            "Referer": f"https://shop.example.cn/me?email={SEEDS['email']}"})
        client.post("/api/v1/forms", content=form.encode(), headers={
            "Content-Type": "application/x-www-form-urlencoded; charset=GBK"})
        client.get("/api/v1/text")
        client.get("/api/v1/xml")


def test_no_seeded_value_leaks_anywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("SHOP_TOKEN", SEEDS["live_token"])
    monkeypatch.setenv("SEAMGUARD_PSEUDONYM_KEY", "corpus-test-key")
    outputs: list[str] = []
    received: list[dict[str, Any]] = []
    raw_inputs: set[Path] = set()
    with serve(platform()) as origin, serve(receiver(received)) as alerts:
        monkeypatch.setenv("CORPUS_ALERTS", f"json://{alerts[len('http://'):]}/hook")
        root = mini_project(tmp_path / "p", settings=_settings(origin))
        raw_inputs.add(root / "pyproject.toml")  # the live request's query is seeded on purpose
        # 1. recorded through the vcrpy hooks from a test suite
        _record(origin, root / "fixtures" / "cassettes" / "corpus.yaml")
        # 2. recorded by the nightly drift job, whose findings quote the values and alert
        result = runner.invoke(app, ["drift", "run", "--project", str(root)])
        outputs.append(result.output)
        assert result.exit_code in (0, 1), result.output
        assert "drift.new-enum-value" in result.output
        assert any("drift" in str(m) for m in received)
        # 3. a cassette recorded without seamguard, then fixed by `privacy scrub`
        raw = root / "fixtures" / "cassettes" / "raw.yaml"
        with vcr.VCR(decode_compressed_response=True).use_cassette(str(raw)), \
                httpx.Client(base_url=origin) as client:
            client.get("/api/v1/orders/2.json")
            client.post("/api/v1/forms", content=b"x=1")
        result = runner.invoke(app, ["privacy", "scrub", "--project", str(root), str(raw)])
        outputs.append(result.output)
        assert result.exit_code == 0, result.output
        # 4. a dataset whose failed expectations quote the values as samples, and alert
        data = root / "data"
        data.mkdir()
        people = data / "people.csv"
        people.write_text(f"id,mobile,contact_note\n1,{SEEDS['mobile']},"
                          f"call {SEEDS['email']}\n", "utf-8")
        raw_inputs.add(people)
        suites = root / "suites"
        suites.mkdir()
        (suites / "people.json").write_text(json.dumps({"name": "people", "expectations": [
            {"type": "expect_column_values_to_match_regex",
             "kwargs": {"column": "mobile", "regex": "^\\+86[0-9]{11}$"}},
            {"type": "expect_column_values_to_be_in_set",
             "kwargs": {"column": "contact_note", "value_set": ["ok"]}}]}), "utf-8")
        codes: dict[str, set[str]] = {}
        for command in (["check"], ["verify"], ["quality"],
                        ["privacy", "scan", str(root / "fixtures")]):
            result = runner.invoke(app, [*command, "--project", str(root), "-f", "json"])
            outputs.append(result.output)
            codes[command[0]] = {f["code"] for f in json.loads(result.output)["findings"]}
    assert any("quality" in str(m) for m in received)
    for text in outputs:
        assert_clean("command output", text)
    for message in received:
        assert_clean("an alert", json.dumps(message, ensure_ascii=False))
    for record in caplog.records:
        assert_clean("a log record", record.getMessage())
    written = [p for p in root.rglob("*") if p.is_file() and p not in raw_inputs]
    assert any(p.name == "corpus.yaml" for p in written)
    assert any(p.suffix == ".yaml" and "drift" in p.parts for p in written)
    for path in written:
        if path.suffix in (".sqlite", ".parquet"):
            continue  # checked through their text below
        assert_clean(str(path.relative_to(root)), path.read_bytes())
    _assert_history_clean(root)
    # the values were quoted, and masked: the provocations worked
    assert "field.unknown-enum" in codes["verify"]
    assert "quality.expectation-failed" in codes["quality"]
    assert not codes["privacy"] - {"privacy.unreadable"}  # everything recorded is scrubbed


def _assert_history_clean(root: Path) -> None:
    for database in root.rglob("*.sqlite"):
        for where, text in stored_rows(database):
            assert_clean(where, text)
