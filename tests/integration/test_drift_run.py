"""`seamguard drift run` against a real local server whose answers change between nights."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.projects import MINI_CONTRACT, good_order, mini_project
from tests.support.servers import serve

runner = CliRunner()
TOKEN = "shop-secret-token-5f2c"


def platform_app(state: dict[str, Any]) -> Starlette:
    async def order(request: Request) -> JSONResponse:
        assert request.headers.get("x-token") == TOKEN
        return JSONResponse(state["body"], headers={"X-Request-Id": "r1"},
                            status_code=state.get("status", 200))

    return Starlette(routes=[Route("/api/v1/orders/{id}.json", order)])


def alert_receiver(received: list[dict[str, Any]]) -> Starlette:
    async def hook(request: Request) -> JSONResponse:
        received.append(await request.json())
        return JSONResponse({"ok": True})

    return Starlette(routes=[Route("/hook", hook, methods=["POST"])])


def settings(origin: str, alerts: str = "") -> str:
    return f"""
[tool.seamguard]
{alerts}

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "{origin}/api/{{version}}"
auth = {{ header = "X-Token", env = "SHOP_TOKEN" }}

[[tool.seamguard.platforms.shop.live]]
path = "/orders/1.json"
"""


def night(root: Path) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, ["drift", "run", "--project", str(root), "--format", "json"])
    return result.exit_code, json.loads(result.output)["findings"]


def test_a_change_is_new_once_then_ongoing_then_resolved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    state: dict[str, Any] = {"body": {"order": good_order()}}
    with serve(platform_app(state)) as origin:
        root = mini_project(tmp_path / "p", settings=settings(origin))
        code, findings = night(root)
        assert (code, findings) == (0, [])

        state["body"] = {"order": good_order(status="expired")}
        _, findings = night(root)
        [new] = findings
        assert new["code"] == "drift.new-enum-value"
        assert new["message"].startswith("[new, first seen")

        _, findings = night(root)
        [ongoing] = findings
        assert ongoing["message"].startswith("[ongoing")
        assert ongoing["severity"] == "info"

        state["body"] = {"order": good_order()}
        _, findings = night(root)
        assert [f["code"] for f in findings] == ["drift.resolved"]

    cassettes = sorted((root / "reports" / "drift" / "shop").glob("*.yaml"))
    assert len(cassettes) == 4
    assert all(TOKEN not in path.read_text(encoding="utf-8") for path in cassettes)


def test_unreachable_platform_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    with serve(platform_app({"body": {}})) as origin:
        pass  # the server is gone: its port now refuses connections
    root = mini_project(tmp_path / "p", settings=settings(origin))
    code, findings = night(root)
    assert code == 1
    assert findings[0]["code"] == "drift.fetch-failed"


def test_missing_token_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SHOP_TOKEN", raising=False)
    root = mini_project(tmp_path / "p", settings=settings("http://127.0.0.1:9"))
    result = runner.invoke(app, ["drift", "run", "--project", str(root)])
    assert result.exit_code == 2
    assert "SHOP_TOKEN" in result.output


# The mini project has no mapping, so its drift is information; alert on that too.
ALERTS = """
[tool.seamguard.alerts]
urls_env = ["SEAMGUARD_ALERT_URLS"]
min_severity = "info"
"""


def test_a_new_change_alerts_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    received: list[dict[str, Any]] = []
    state: dict[str, Any] = {"body": {"order": good_order()}}
    with serve(platform_app(state)) as origin, serve(alert_receiver(received)) as hooks:
        monkeypatch.setenv("SEAMGUARD_ALERT_URLS", f"json://{hooks[len('http://'):]}/hook")
        root = mini_project(tmp_path / "p", settings=settings(origin, ALERTS))
        assert night(root) == (0, [])
        assert received == []

        state["body"] = {"order": good_order(status="expired")}
        _, findings = night(root)
        assert [f["code"] for f in findings] == ["drift.new-enum-value", "alert.sent"]
        [message] = received
        assert "drift.new-enum-value" in message["message"]
        assert "expired" in message["message"]
        assert "reports/summary.md" in message["message"]
        # apprise's type follows the worst: a closed enum's new value is a contract error
        assert (message["type"], findings[0]["severity"]) == ("failure", "error")

        code, findings = night(root)  # ongoing: reported, but nobody is woken twice
        assert code == 0
        assert [f["code"] for f in findings] == ["drift.new-enum-value"]
        assert len(received) == 1
    assert TOKEN not in json.dumps(received)


def test_alert_settings_without_the_variable_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    monkeypatch.delenv("SEAMGUARD_ALERT_URLS", raising=False)
    with serve(platform_app({"body": {"order": good_order(status="expired")}})) as origin:
        root = mini_project(tmp_path / "p", settings=settings(origin, ALERTS))
        _, findings = night(root)
    [warning] = [f for f in findings if f["code"].startswith("alert.")]
    assert warning["code"] == "alert.not-configured"
    assert "SEAMGUARD_ALERT_URLS is not set" in warning["message"]


def test_an_unreachable_or_invalid_alert_url_is_reported_without_its_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    with serve(alert_receiver([])) as gone:
        pass  # nothing listens there any more
    secret = "hook-token-9d1e"
    monkeypatch.setenv("SEAMGUARD_ALERT_URLS",
                       f"json://{gone[len('http://'):]}/{secret} nosuchservice://{secret}")
    with serve(platform_app({"body": {"order": good_order(status="expired")}})) as origin:
        root = mini_project(tmp_path / "p", settings=settings(origin, ALERTS))
        code, findings = night(root)
    assert code == 1
    codes = sorted(f["code"] for f in findings if f["code"].startswith("alert."))
    assert codes == ["alert.failed", "alert.invalid-url"]
    report = (root / "reports" / "report.json").read_text(encoding="utf-8")
    assert secret not in report
    assert secret not in json.dumps(findings)


def spec_app(state: dict[str, Any]) -> Starlette:
    async def spec(request: Request) -> Response:
        return Response(state["spec"], media_type="application/yaml")

    return Starlette(routes=[Route("/openapi.yaml", spec)])


def published_settings(origin: str) -> str:
    return f"""
[tool.seamguard]

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{{version}}"
published_spec = {{ url = "{origin}/openapi.yaml" }}
"""


def test_a_newly_published_spec_is_diffed_and_remembered(tmp_path: Path) -> None:
    document = yaml.safe_load(MINI_CONTRACT)
    state = {"spec": yaml.safe_dump(document)}
    with serve(spec_app(state)) as origin:
        root = mini_project(tmp_path / "p", settings=published_settings(origin))
        assert night(root) == (0, [])

        order = document["components"]["schemas"]["Order"]
        order["properties"]["status"]["enum"].append("expired")
        order["required"].remove("total")
        document["info"]["version"] = "v2"
        state["spec"] = yaml.safe_dump(document)
        _, findings = night(root)
        codes = [f["code"] for f in findings]
        assert codes[0] == "drift.spec-changed"
        assert "spec.response-property-enum-value-added" in codes
        assert all(f["message"].startswith("[new") for f in findings)
        assert "publishes spec v2" in findings[0]["message"]

        _, again = night(root)
        assert sorted(f["code"] for f in again) == sorted(codes)
        assert all(f["message"].startswith("[ongoing") for f in again)

        state["spec"] = "openapi: 3.1.0\npaths: [unclosed\n"
        code, broken = night(root)
        assert code == 1
        assert "drift.spec-unparseable" in [f["code"] for f in broken]
    kept = sorted((root / "reports" / "drift" / "shop").glob("published-*.yaml"))
    assert len(kept) == 4


def test_a_format_shift_between_nights_is_reported_against_the_first_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    state: dict[str, Any] = {"body": {"order": good_order(note="+8613812345678")}}
    live = "".join(f'\n[[tool.seamguard.platforms.shop.live]]\npath = "/orders/{n}.json"\n'
                   for n in range(2, 6))
    with serve(platform_app(state)) as origin:
        root = mini_project(tmp_path / "p", settings=settings(origin) + live)
        assert night(root) == (0, [])

        state["body"] = {"order": good_order(note="8613812345678")}  # the + is gone
        _, findings = night(root)
        [shift] = findings
        assert shift["code"] == "drift.format-shifted"
        assert shift["location"]["pointer"] == "/order/note"
        assert "changed format from phone-e164 to phone-cn-no-plus" in shift["message"]
        assert "100% of 5 values tonight" in shift["message"]
        assert shift["message"].startswith("[new")

        _, findings = night(root)
        assert [f["message"][:9] for f in findings] == ["[ongoing,"]

        state["body"] = {"order": good_order(note="+8613812345678")}
        _, findings = night(root)
        assert [f["code"] for f in findings] == ["drift.resolved"]


def test_an_undocumented_status_is_a_contract_error(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOP_TOKEN", TOKEN)
    state: dict[str, Any] = {"body": {"error": "teapot"}, "status": 418}
    with serve(platform_app(state)) as origin:
        root = mini_project(tmp_path / "p", settings=settings(origin))
        code, findings = night(root)
    assert code == 1
    [status] = [f for f in findings if f["code"] == "drift.status-undocumented"]
    assert status["severity"] == "error"
    assert "418" in status["message"]
