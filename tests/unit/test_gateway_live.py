"""Live gateway calls: built and signed from the wire profile, recorded scrubbed, and the
recording still verifies (its signature recomputed over what the cassette keeps)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.drift.live import LiveFetcher, LiveRequest
from seamguard.errors import UsageError
from seamguard.findings import Finding
from seamguard.project import PlatformSettings, find_project
from seamguard.verify import RecordedVerifier
from seamguard.wire.signing import verify_signature
from tests.support.gateway import gateway_project, sf_response, top_trade

NOW = datetime(2024, 7, 10, 10, 0, 0, tzinfo=UTC)
SESSION = "6100e2a9f0c4ZZbd3ea6c1f7e0d44a6b2aa3b8e61d4c9f72200112233"
ENV = {"GW_TEST_TOP_SECRET": "helloworld", "GW_TEST_TOP_KEY": "12345678",
       "GW_TEST_TOP_SESSION": SESSION, "GW_TEST_SF_CHECKWORD": "cw-0001",
       "GW_TEST_SF_PARTNER": "SEAMGUARD"}


def top_settings() -> PlatformSettings:
    return PlatformSettings.model_validate({
        "protocol": "taobao-top", "base_url": "https://eco.taobao.com", "versions": ["2.0"],
        "secret_env": "GW_TEST_TOP_SECRET",
        "credentials": {"app_key": "GW_TEST_TOP_KEY", "session": "GW_TEST_TOP_SESSION"}})


def sf_settings() -> PlatformSettings:
    return PlatformSettings.model_validate({
        "protocol": "sf-fengqiao", "base_url": "https://sfapi.sf-express.com",
        "versions": ["v2"], "secret_env": "GW_TEST_SF_CHECKWORD",
        "credentials": {"partnerID": "GW_TEST_SF_PARTNER"}})


class Gateway:
    """A stand-in gateway that checks each call's signature the way the platform does."""

    def __init__(self, settings: PlatformSettings, secret: str, answer: Any) -> None:
        self.settings, self.secret, self.answer = settings, secret, answer
        self.seen: list[dict[str, str]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        params = dict(parse_qsl(request.url.query.decode()))
        params.update(parse_qsl(request.content.decode()))
        self.seen.append(params)
        signing = self.settings.wire.signing
        assert signing is not None
        check = verify_signature(signing, params, self.secret, params.get(signing.signature.name))
        if not check.valid:
            return httpx.Response(200, json={"error_response": {
                "code": 25, "msg": "Invalid signature"}})
        return httpx.Response(200, json=self.answer)


def test_top_call_is_built_signed_recorded_and_still_verifies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answer = {"trades_sold_get_response": {"total_results": 1, "trades": {
        "trade": [top_trade(receiver_mobile="13812345678")]}}}
    gateway = Gateway(top_settings(), "helloworld", answer)
    fetcher = LiveFetcher("taobao", top_settings(), "2.0", env=ENV,
                          transport=httpx.MockTransport(gateway), now=lambda: NOW)
    cassette = tmp_path / "live.yaml"
    [outcome] = fetcher.fetch([LiveRequest(operation="taobao.trades.sold.get", params={
        "fields": "tid,status,payment", "page_no": 1, "use_has_next": True})], cassette)
    assert outcome.ok, outcome.error
    [sent] = gateway.seen
    assert sent["method"] == "taobao.trades.sold.get"
    assert sent["timestamp"] == "2024-07-10 18:00:00"  # China time, no offset
    assert sent["v"] == "2.0"
    assert sent["page_no"] == "1"
    assert sent["use_has_next"] == "true"
    text = cassette.read_text(encoding="utf-8")
    assert SESSION not in text
    assert "helloworld" not in text

    # The recording, verified with the secret: the re-computed signature holds.
    root = gateway_project(tmp_path / "project", {})
    shutil.copy(cassette, root / "cassettes" / "live.yaml")
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    project = find_project(root, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    read = verifier.read(root / "cassettes" / "live.yaml")
    assert not isinstance(read, Finding)
    assert [f.code for f in verifier.verify_cassette(read)] == []
    assert verifier.gateway.unchecked == {}


def test_sf_call_packs_msg_data_and_signs_it(tmp_path: Path) -> None:
    created = {"orderId": "QIAO-1", "waybillNoInfoList": [{"waybillType": 1,
                                                            "waybillNo": "SF1000000000001"}]}
    gateway = Gateway(sf_settings(), "cw-0001", sf_response(created))
    fetcher = LiveFetcher("sf", sf_settings(), "v2", env=ENV,
                          transport=httpx.MockTransport(gateway), now=lambda: NOW)
    [outcome] = fetcher.fetch([LiveRequest(operation="EXP_RECE_SEARCH_ROUTES", params={
        "trackingType": 1, "trackingNumber": ["SF1000000000001"]})], tmp_path / "sf.yaml")
    assert outcome.ok, outcome.error
    [sent] = gateway.seen
    assert sent["serviceCode"] == "EXP_RECE_SEARCH_ROUTES"
    assert sent["timestamp"] == str(int(NOW.timestamp() * 1000))
    assert json.loads(sent["msgData"]) == {"trackingType": 1,
                                           "trackingNumber": ["SF1000000000001"]}
    assert sent["partnerID"] == "SEAMGUARD"
    assert len(sent["requestID"]) == 36


def test_operations_that_may_change_data_need_safe(tmp_path: Path) -> None:
    fetcher = LiveFetcher("sf", sf_settings(), "v2", env=ENV,
                          transport=httpx.MockTransport(lambda r: httpx.Response(500)))
    with pytest.raises(UsageError, match="read-only"):
        fetcher.fetch([LiveRequest(operation="EXP_RECE_CREATE_ORDER")], tmp_path / "x.yaml")
    assert not (tmp_path / "x.yaml").exists()


def test_missing_credentials_are_named(tmp_path: Path) -> None:
    env = {k: v for k, v in ENV.items() if k != "GW_TEST_TOP_SESSION"}
    fetcher = LiveFetcher("taobao", top_settings(), "2.0", env=env,
                          transport=httpx.MockTransport(lambda r: httpx.Response(500)))
    with pytest.raises(UsageError, match=r"\$GW_TEST_TOP_SESSION"):
        fetcher.fetch([LiveRequest(operation="taobao.trades.sold.get")], tmp_path / "x.yaml")
