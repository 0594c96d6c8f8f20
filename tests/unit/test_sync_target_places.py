"""Mistakes in a sync target's settings are named at the setting: an unknown delivery profile,
an endpoint (`reset`, `clock`) the service does not serve, a listen address that is no
host:port."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError

from seamguard.errors import UsageError
from seamguard.project import find_project
from seamguard.project_data_settings import SyncTargetSettings
from seamguard.sync.adapters import HttpAdapter
from seamguard.sync.target import resolve_profile
from tests.support.projects import MINI_SETTINGS, mini_project


def test_an_unknown_profile_is_named_at_the_targets_setting(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings=MINI_SETTINGS + """
[tool.seamguard.sync.targets.poller]
url = "http://127.0.0.1:1"
mappings = ["m"]
profile = "shopfiy"
""")
    with pytest.raises(UsageError) as caught:
        resolve_profile(find_project(root), "shopfiy", target="poller")
    error = caught.value
    assert error.pointer == "tool.seamguard.sync.targets.poller.profile"
    assert error.file == "pyproject.toml"
    lines = (root / "pyproject.toml").read_text(encoding="utf-8").splitlines()
    assert error.line is not None
    assert lines[error.line - 1] == 'profile = "shopfiy"'
    assert "did you mean 'shopify'?" in (error.hint or "")


async def _not_found(scope: dict[str, object], receive: object, send: object) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 404, "headers": []})  # type: ignore[operator]
    await send({"type": "http.response.body", "body": b""})  # type: ignore[operator]


@pytest.mark.parametrize("key", ["reset", "clock"])
def test_an_endpoint_the_service_does_not_serve_is_named_at_its_setting(key: str) -> None:
    def at(name: str) -> dict[str, object]:
        return {"file": "pyproject.toml", "line": 9, "pointer": f"tool.x.{name}"}

    adapter = HttpAdapter(reset_path="/nowhere", review_path=None, state_path=None,
                          clock_path="/nowhere", url="http://sut", setting_at=at,
                          app=None)
    adapter.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=_not_found),
                                       base_url="http://sut")
    call = adapter.reset() if key == "reset" else adapter.set_clock(datetime.now(UTC))
    with pytest.raises(UsageError) as caught:
        asyncio.run(call)
    assert caught.value.pointer == f"tool.x.{key}"
    assert caught.value.message.startswith(f"{key}: POST /nowhere answered 404")


@pytest.mark.parametrize("value", ["127.0.0.1", "127.0.0.1:99999", ":0", "host:http",
                                   "127.0.0.1:\u0661"])
def test_a_listen_address_that_is_no_host_port_is_refused(value: str) -> None:
    with pytest.raises(ValidationError, match="is not host:port"):
        SyncTargetSettings(mappings=["m"], crm_listen=value)


@pytest.mark.parametrize("value", ["127.0.0.1:0", "localhost:8080", "[::1]:0"])
def test_host_port_addresses_are_taken(value: str) -> None:
    assert SyncTargetSettings(mappings=["m"], source_listen=value).source_listen == value
