"""`seamguard probe` reports a live answer whose bytes are not the charset it declares."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import good_order, mini_project
from tests.support.servers import serve

runner = CliRunner()


def shop(charset: str, codec: str) -> Starlette:
    async def order(request: Request) -> Any:
        body = json.dumps({"order": good_order(note="上海市浦东新区")}, ensure_ascii=False)
        return Response(body.encode(codec), headers={
            "Content-Type": f"application/json; charset={charset}", "X-Request-Id": "r1"})

    return Starlette(routes=[Route("/api/v1/orders/{id}.json", order)])


def probe(root: Path, origin: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["probe", "shop", "--project", str(root), "--format", "json",
                                 "--base-url", f"{origin}/api/{{version}}", "--seed", "7",
                                 "--max-examples", "3"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("charset", ["shift_jis", "gbk", "iso-8859-1"])
def test_utf8_under_another_charset_is_a_finding(tmp_path: Path, charset: str) -> None:
    with serve(shop(charset, "utf-8")) as origin:
        code, report = probe(mini_project(tmp_path / "p"), origin)
    assert code == 1
    found = [f for f in report["findings"] if f["code"] == "probe.charset-mismatch"]
    assert found
    assert charset in found[0]["message"]
    assert found[0]["location"]["operation"] == "GET /orders/{id}.json"


def test_text_in_its_declared_charset_passes(tmp_path: Path) -> None:
    with serve(shop("gbk", "gbk")) as origin:
        code, report = probe(mini_project(tmp_path / "p"), origin)
    assert [f["code"] for f in report["findings"]] == []
    assert code == 0
