"""`seamguard probe` with the habits of `st run`: check names, -H headers, operation filters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from seamguard.cli import app
from tests.integration.test_probe import SETTINGS, TOKEN, shop
from tests.support.projects import mini_project
from tests.support.servers import serve

runner = CliRunner()


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SHOP_TOKEN", raising=False)  # the token comes with -H here
    return mini_project(tmp_path / "p", settings=SETTINGS)


def st_probe(root: Path, origin: str, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["probe", "shop", "--project", str(root), "--format", "json",
                                 "--url", f"{origin}/api/{{version}}", "--seed", "7",
                                 "--hypothesis-max-examples", "10", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def findings(output: str) -> list[dict[str, Any]]:
    return list(json.loads(output)["findings"])


def test_a_header_given_with_h_authenticates_and_never_reaches_a_report(root: Path) -> None:
    with serve(shop([], broken=True)) as origin:
        code, output = st_probe(root, origin, "-H", f"X-Token: {TOKEN}")
    assert code == 1
    found = findings(output)
    assert {"probe.server-error", "probe.schema-violation"} <= {f["code"] for f in found}
    everything = output + "".join(
        p.read_text(encoding="utf-8") for p in (root / "reports").rglob("*") if p.is_file())
    assert TOKEN not in everything
    curl = next(f for f in found if f["code"] == "probe.server-error")["reproduce"][0]
    assert "X-Token: [Filtered]" in curl


def test_a_bearer_header_is_masked_whole_and_alone(root: Path) -> None:
    secret = "tok-9f8e7d6c5b4a"
    with serve(shop([], broken=True)) as origin:
        code, output = st_probe(root, origin, "-H", f"X-Token: {TOKEN}",
                                "--header", f"Authorization: Bearer {secret}")
    assert code == 1
    everything = output + "".join(
        p.read_text(encoding="utf-8") for p in (root / "reports").rglob("*") if p.is_file())
    assert secret not in everything


@pytest.mark.parametrize(("option", "kept", "gone"), [
    (["--checks", "not_a_server_error"], "probe.server-error", "probe.schema-violation"),
    (["-c", "response_schema_conformance,not_a_server_error"], "probe.schema-violation",
     "probe.undocumented-status"),
    (["--exclude-checks", "not_a_server_error"], "probe.schema-violation",
     "probe.server-error"),
])
def test_checks_are_chosen_by_their_schemathesis_names(
        root: Path, option: list[str], kept: str, gone: str) -> None:
    with serve(shop([], broken=True)) as origin:
        code, output = st_probe(root, origin, "-H", f"X-Token: {TOKEN}", *option)
    codes = {f["code"] for f in findings(output)}
    assert code == 1
    assert kept in codes
    assert gone not in codes


@pytest.mark.parametrize("option", ["--checks", "--exclude-checks"])
def test_a_misspelt_check_is_a_usage_error_with_the_nearest_name(root: Path,
                                                                 option: str) -> None:
    result = runner.invoke(app, ["probe", "shop", "--project", str(root), "-H", "X-Token: t",
                                 option, "not_a_server_eror"])
    assert result.exit_code == 2, result.output
    assert "unknown check 'not_a_server_eror'" in result.output
    assert "did you mean 'not_a_server_error'?" in result.output


def test_a_header_without_a_colon_is_a_usage_error(root: Path) -> None:
    result = runner.invoke(app, ["probe", "shop", "--project", str(root), "-H", "Bearer x"])
    assert result.exit_code == 2, result.output
    assert "not `Name: value`" in result.output


def test_operation_filters_choose_what_is_probed(root: Path) -> None:
    contract = root / "contracts" / "shop" / "v1" / "openapi.yaml"
    document = yaml.safe_load(contract.read_text(encoding="utf-8"))
    document["paths"]["/orders.json"] = {"post": {"responses": {"201": {"description": "Made."}}}}
    contract.write_text(yaml.safe_dump(document), encoding="utf-8")
    calls: list[str] = []
    with serve(shop(calls)) as origin:
        st_probe(root, origin, "-H", f"X-Token: {TOKEN}", "--allow-unsafe",
                 "--include-path", "/orders.json")
        assert set(calls) == {"POST"}
        calls.clear()
        st_probe(root, origin, "-H", f"X-Token: {TOKEN}", "--allow-unsafe",
                 "--exclude-method", "post")
        assert set(calls) == {"GET"}
        calls.clear()
        code, output = st_probe(root, origin, "-H", f"X-Token: {TOKEN}",
                                "--include-path-regex", "^/refunds")
    assert calls == []
    by_code = {f["code"]: f for f in findings(output)}
    assert sorted(by_code) == ["probe.nothing-probed", "run.nothing-examined"]
    finding, failed = by_code["probe.nothing-probed"], by_code["run.nothing-examined"]
    assert finding["severity"] == "warning"
    assert "--include/--exclude filters" in finding["message"]
    # Nothing probed is no pass: the run fails, the warning above says why.
    assert "probe.nothing-probed" in failed["message"]
    assert code == 1


def test_a_header_the_service_echoes_back_is_masked_in_the_finding(root: Path) -> None:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    secret = "sk_live_5f4e3d2c1b0a"

    async def debug_page(request: Request) -> PlainTextResponse:
        return PlainTextResponse(f"crash; headers: {dict(request.headers)}", status_code=500)

    app_ = Starlette(routes=[Route("/api/v1/orders/{id}.json", debug_page)])
    with serve(app_) as origin:
        code, output = st_probe(root, origin, "-H", f"X-Token: {TOKEN}",
                                "-H", f"X-Api-Key: {secret}", "--checks", "not_a_server_error")
    assert code == 1
    [finding, *_] = findings(output)
    assert "crash; headers" in finding["message"]
    everything = output + "".join(
        p.read_text(encoding="utf-8") for p in (root / "reports").rglob("*") if p.is_file())
    assert secret not in everything
    assert TOKEN not in everything
