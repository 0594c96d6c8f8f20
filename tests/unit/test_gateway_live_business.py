"""Where a gateway's business parameters travel is a setting the live client honours, signing
included (and so is where the version goes: ``v`` is sent without being listed in
``defaults``): in the query, a form, a JSON body's fields, one JSON-string parameter, or the whole
JSON body (Douyin Shop's newer calls: the common parameters in the query, ``param_json`` as
the body). Each call is checked by a stand-in gateway that signs the platform's own way, and
the recorded call verifies clean."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl

import httpx
import pytest
from pydantic import ValidationError

from seamguard.contracts.catalog import ContractCatalog
from seamguard.drift.live import LiveFetcher, LiveRequest
from seamguard.project import find_project
from seamguard.recordings.cassettes import read_cassette
from seamguard.verify import RecordedVerifier
from seamguard.wire.calls import build_call
from seamguard.wire.profile import WireProfile
from tests.support.gateway_custom import douyin_sign
from tests.support.gateway_custom_project import ENV, SECRETS, write

NOW = datetime(2024, 7, 12, 2, 0, 0, tzinfo=UTC)
KEY_ENV = {"CU_DOUDIAN_KEY": "7001234567890"}


def _doudian(tmp_path: Path, request: str) -> Path:
    root = write(tmp_path, "doudian")
    toml = root / "pyproject.toml"
    text = toml.read_text(encoding="utf-8")
    text = text.replace('secret_env = "CU_DOUDIAN_SECRET"', 'secret_env = "CU_DOUDIAN_SECRET"\n'
                        'credentials = { app_key = "CU_DOUDIAN_KEY" }')
    text = text.replace('business = { json_param = "param_json" }', request)
    toml.write_text(text, encoding="utf-8")
    return root


class Douyin:
    """Signs each call as Douyin's documentation says (``param_json`` from the query or form,
    else the raw body) and answers a refusal when the signature differs."""

    def __init__(self) -> None:
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        params = dict(parse_qsl(request.url.query.decode()))
        if "form" in request.headers.get("content-type", ""):
            params.update(parse_qsl(request.content.decode()))
        elif request.content:
            params["param_json"] = request.content.decode()
        if params.get("sign") != douyin_sign(params, SECRETS["doudian"]):
            return httpx.Response(200, json={"code": 40003, "msg": "签名错误", "sub_code": "",
                                             "sub_msg": "", "data": {}})
        return httpx.Response(200, json={"code": 10000, "msg": "success", "sub_code": "",
                                         "sub_msg": "", "log_id": "1", "data": {
                                             "total": 0, "page": 0, "shop_order_list": []}})


@pytest.mark.parametrize(("request_table", "body", "query_has_param_json"), [
    ('send = "query"\nbusiness = { json_param = "param_json", in = "body" }',
     b'{"page":0,"size":20}', False),
    ('send = "query"\nbusiness = { json_param = "param_json" }', b"", True),
    ('send = "query"\nbusiness = { json_param = "param_json", in = "form" }',
     b"param_json=%7B%22page%22%3A0%2C%22size%22%3A20%7D", False),
    ('business = { json_param = "param_json" }',
     None, False)])
def test_the_live_client_sends_business_parameters_where_the_profile_says(
        tmp_path: Path, request_table: str, body: bytes | None,
        query_has_param_json: bool) -> None:
    env = {**ENV, **KEY_ENV}
    project = find_project(_doudian(tmp_path, request_table), explicit=True)
    settings = project.settings.platforms["doudian"]
    gateway = Douyin()
    fetcher = LiveFetcher("doudian", settings, "2", env=env,
                          transport=httpx.MockTransport(gateway), now=lambda: NOW)
    cassette = tmp_path / "fixtures" / "cassettes" / "live.yaml"
    [outcome] = fetcher.fetch([LiveRequest(operation="order.searchList",
                                           params={"page": 0, "size": 20}, safe=True)], cassette)
    assert outcome.ok, outcome.error
    [sent] = gateway.seen
    assert outcome.response is not None
    assert outcome.response.json()["code"] == 10000  # the stand-in took the signature
    assert sent.url.path == "/order/searchList"
    query = dict(parse_qsl(sent.url.query.decode()))
    assert ("param_json" in query) is query_has_param_json
    assert query.get("method", "order.searchList") == "order.searchList"
    sent_v = query.get("v") or dict(parse_qsl(sent.content.decode())).get("v")
    assert sent_v == "2"  # the version called, where the profile's [version] says
    if body is not None:
        assert sent.content == body
    loaded = read_cassette(cassette, display="live.yaml", max_bytes=1 << 20)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        verifier = RecordedVerifier(project, ContractCatalog(project))
        found = [(f.code, f.location.pointer) for item in loaded.interactions
                 for f in verifier.verify(loaded, item)]
    assert found == []


def test_business_fields_in_a_json_body_beside_common_parameters_in_the_query() -> None:
    profile = WireProfile.model_validate({
        "operation": {"in": ["query"], "name": "method"}, "path": "/api",
        "request": {"send": "query", "business": {"in": "json"}}})
    call = build_call(profile, "order.get", {"order_id": "A1", "page": 2}, credentials={},
                      secret=None, now=NOW)
    assert (call.method, call.query["method"], call.form) == ("POST", "order.get", None)
    assert json.loads(call.body or b"") == {"order_id": "A1", "page": "2"}


@pytest.mark.parametrize("request_table", [
    {"send": "json", "business": {"in": "body", "json_param": "param_json"}},
    {"send": "form", "business": {"in": "json"}},
    {"business": {}}])
def test_settings_asking_for_two_bodies_or_nothing_are_refused(
        request_table: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match=r"e\.g\.|two request bodies"):
        WireProfile.model_validate({"operation": {"in": ["query"], "name": "method"},
                                    "request": request_table})


class SortedParams:
    """Checks each call's sorted-params MD5 (Pinduoduo's), wherever its parameters travel."""

    def __init__(self, secret: str) -> None:
        self.secret = secret

    def __call__(self, request: httpx.Request) -> httpx.Response:
        params = dict(parse_qsl(request.url.query.decode()))
        if request.content.startswith(b"{"):
            params.update({k: v if isinstance(v, str) else json.dumps(v, separators=(",", ":"))
                           for k, v in json.loads(request.content).items()})
        else:
            params.update(parse_qsl(request.content.decode()))
        text = "".join(k + v for k, v in sorted(params.items()) if k != "sign" and v != "")
        import hashlib
        wanted = hashlib.md5((self.secret + text + self.secret).encode()).hexdigest().upper()
        if params.get("sign") != wanted:
            return httpx.Response(200, json={"error_response": {"error_code": 10016,
                                                                "error_msg": "sign error"}})
        return httpx.Response(200, json={"order_status_get_response": {"order_status_list": [
            {"orderSn": "240903-1", "order_status": 1, "refund_status": 1}]}})


def test_a_json_body_signed_with_its_token_still_verifies_once_the_token_is_scrubbed(
        tmp_path: Path) -> None:
    from tests.support.gateway_fresh2_project import ENV as F2_ENV
    from tests.support.gateway_fresh2_project import SECRETS as F2_SECRETS
    from tests.support.gateway_fresh2_project import write as write_f2

    root = write_f2(tmp_path, "pdd")
    toml = root / "pyproject.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + (
        'credentials = { client_id = "F2_PDD_ID", access_token = "F2_PDD_TOKEN" }\n'
        "[tool.seamguard.platforms.pdd.wire.request]\nsend = \"json\"\n"), encoding="utf-8")
    env = {**F2_ENV, "F2_PDD_ID": "8a1c3e5f", "F2_PDD_TOKEN": "tok-0123456789abcdef0123"}
    project = find_project(root, explicit=True)
    fetcher = LiveFetcher("pdd", project.settings.platforms["pdd"], "V1", env=env,
                          transport=httpx.MockTransport(SortedParams(F2_SECRETS["pdd"])),
                          now=lambda: NOW)
    cassette = tmp_path / "fixtures" / "cassettes" / "live.yaml"
    [outcome] = fetcher.fetch([LiveRequest(operation="pdd.order.status.get",
                                           params={"order_sns": "240903-1"})], cassette)
    assert outcome.ok, outcome.error
    assert outcome.response is not None
    assert "order_status_get_response" in outcome.response.json()
    text = cassette.read_text(encoding="utf-8")
    assert "tok-0123456789abcdef0123" not in text
    loaded = read_cassette(cassette, display="live.yaml", max_bytes=1 << 20)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        verifier = RecordedVerifier(project, ContractCatalog(project))
        found = [(f.code, f.location.pointer, f.message) for item in loaded.interactions
                 for f in verifier.verify(loaded, item)]
    assert found == []
