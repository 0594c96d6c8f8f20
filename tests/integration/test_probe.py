"""`seamguard probe` against real HTTP servers on 127.0.0.1: schemathesis failures as findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import good_order, mini_project
from tests.support.servers import serve

runner = CliRunner()
TOKEN = "probe-secret-7c1a"

SETTINGS = """
[tool.seamguard]

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{version}"
auth = { header = "X-Token", env = "SHOP_TOKEN" }
"""


def shop(calls: list[str], *, broken: bool = False) -> Starlette:
    async def order(request: Request) -> Any:
        calls.append(request.method)
        if request.headers.get("x-token") != TOKEN:
            return JSONResponse({"errors": "unauthorised"}, status_code=401)
        try:
            order_id = int(request.path_params["id"])
        except ValueError:
            return JSONResponse({"errors": "not found"}, status_code=404)
        if broken and order_id % 2 == 0:
            return PlainTextResponse("Internal Server Error", status_code=500)
        body = good_order(id=order_id)
        if broken:
            body["total"] = float(body["total"])  # a number where a string is due
        return JSONResponse({"order": body}, headers={"X-Request-Id": "r1"})

    async def create(request: Request) -> JSONResponse:
        calls.append(request.method)
        return JSONResponse({}, status_code=201)

    return Starlette(routes=[Route("/api/v1/orders/{id}.json", order),
                             Route("/api/v1/orders.json", create, methods=["POST"])])


def probe(root: Path, origin: str, *extra: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["probe", "shop", "--project", str(root), "--format", "json",
                                 "--base-url", f"{origin}/api/{{version}}", "--seed", "7",
                                 "--max-examples", "10", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.output)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    return mini_project(tmp_path / "p", settings=SETTINGS)


def test_a_service_that_keeps_its_contract_passes(root: Path) -> None:
    calls: list[str] = []
    with serve(shop(calls)) as origin:
        code, report = probe(root, origin)
    assert (code, report["findings"]) == (0, [])
    assert report["checks"][0]["examined"] > 0
    assert set(calls) == {"GET"}  # and not empty


def test_failures_become_findings_with_a_reproduction_and_no_token(root: Path) -> None:
    with serve(shop([], broken=True)) as origin:
        code, report = probe(root, origin)
    assert code == 1
    codes = {finding["code"] for finding in report["findings"]}
    assert {"probe.server-error", "probe.schema-violation"} <= codes
    server_error = next(f for f in report["findings"] if f["code"] == "probe.server-error")
    assert server_error["location"]["operation"] == "GET /orders/{id}.json"
    assert server_error["location"]["file"] == "contracts/shop/v1/openapi.yaml"
    assert server_error["reproduce"][0].startswith("curl -X GET")
    assert TOKEN not in json.dumps(report)


def test_a_failure_shows_status_and_response_and_reproduces(
        root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil
    import subprocess

    with serve(shop([], broken=True)) as origin:
        code, report = probe(root, origin)
        assert code == 1
        error = next(f for f in report["findings"] if f["code"] == "probe.server-error")
        assert "status 500" in error["message"]
        assert "response: Internal Server Error" in error["message"]
        assert error["actual"] == {"status": 500, "response": "Internal Server Error"}
        curl, replay = error["reproduce"]
        assert TOKEN not in curl
        assert "$SHOP_TOKEN" in curl
        # the curl line works as printed: same id, same status
        assert shutil.which("curl"), "curl is part of the CI image"
        done = subprocess.run(["bash", "-c", curl + " -s -o /dev/null -w '%{http_code}'"],
                              capture_output=True, text=True, timeout=60, check=False,
                              env={"PATH": "/usr/bin:/bin", "SHOP_TOKEN": TOKEN})
        assert done.stdout == "500", (curl, done.stdout, done.stderr)
        assert replay.startswith("seamguard probe shop --replay ")
        replay_id = replay.split()[4]
        saved = root / "reports" / "probe-replays" / f"{replay_id}.json"
        assert TOKEN not in saved.read_text(encoding="utf-8")
        again = runner.invoke(app, ["probe", "shop", "--project", str(root), "--format", "json",
                                    "--replay", replay_id, "--base-url",
                                    f"{origin}/api/{{version}}"])
        assert again.exit_code == 1, again.output
        [finding] = json.loads(again.output)["findings"]
        assert finding["code"] == "probe.replay-failed"
        assert "status 500" in finding["message"]
    with serve(shop([])) as fixed:
        again = runner.invoke(app, ["probe", "shop", "--project", str(root), "--format", "json",
                                    "--replay", replay_id, "--base-url",
                                    f"{fixed}/api/{{version}}"])
    assert again.exit_code == 0, again.output
    [finding] = json.loads(again.output)["findings"]
    assert finding["code"] == "probe.replay-passed"
    unknown = runner.invoke(app, ["probe", "shop", "--project", str(root), "--replay", "nope"])
    assert unknown.exit_code == 2
    assert "no saved probe failure 'nope'" in unknown.output


def test_unsafe_methods_are_sent_only_when_allowed(root: Path) -> None:
    contract = root / "contracts" / "shop" / "v1" / "openapi.yaml"
    document = yaml.safe_load(contract.read_text(encoding="utf-8"))
    document["paths"]["/orders.json"] = {"post": {"responses": {"201": {"description": "Made."}}}}
    contract.write_text(yaml.safe_dump(document), encoding="utf-8")
    calls: list[str] = []
    with serve(shop(calls)) as origin:
        probe(root, origin)
        assert "POST" not in calls
        probe(root, origin, "--allow-unsafe")
    assert "POST" in calls


def test_an_unreachable_service_is_one_clear_finding(root: Path) -> None:
    with serve(shop([])) as origin:
        pass  # nothing listens there any more
    code, report = probe(root, origin)
    assert code == 1
    [finding] = report["findings"]
    assert finding["code"] == "probe.unreachable"


def test_unknown_platform_and_missing_token_are_usage_errors(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["probe", "shpo", "--project", str(root)])
    assert result.exit_code == 2
    assert "did you mean 'shop'?" in result.output
    monkeypatch.delenv("SHOP_TOKEN")
    result = runner.invoke(app, ["probe", "shop", "--project", str(root)])
    assert result.exit_code == 2
    assert "SHOP_TOKEN is not set" in result.output


def test_the_example_integration_service_passes_a_probe_from_its_contract(
    tmp_path: Path,
) -> None:
    from fixtures.integrations.shop_sync import ShopSyncConfig, create_app

    from tests.support.projects import REPO

    service = create_app(ShopSyncConfig(database_url=f"sqlite:///{tmp_path / 'state.sqlite'}"))
    with serve(service) as origin:
        result = runner.invoke(app, ["probe", "shop-sync", "--project", str(REPO),
                                         "--base-url", origin, "--seed", "3",
                                         "--max-examples", "20", "--format", "json",
                                         "--reports", str(tmp_path / "reports")])
    report = json.loads(result.output)
    assert (result.exit_code, report["findings"]) == (0, [])
    assert report["checks"][0]["examined"] >= 20  # every GET operation got generated requests
