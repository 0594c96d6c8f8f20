"""A signing template's ``{path}`` (JD Logistics signs the request path as ``method``), one
spelling of an origin for ``{url}`` and for routing (a default port, the case of scheme and
host), and template placeholders refused when a business parameter has their name."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from seamguard.errors import SettingsError
from seamguard.project import find_project
from seamguard.recordings.cassettes import Interaction
from seamguard.recordings.routing import Router
from seamguard.wire.origins import canonical_url
from seamguard.wire.profile import WireProfile
from seamguard.wire.profile_signing import SigningSettings
from seamguard.wire.signing import path_of, sign, verify_signature, without_query

LOP = {"signature": {"in": ["query"], "name": "sign"}, "scheme": "template",
       "template": "{secret}access_token{access_token}app_key{app_key}method{path}"
                   "param_json{body}timestamp{timestamp}v{v}{secret}",
       "algorithm_param": "algorithm",
       "algorithms": {"md5-salt": "md5", "HMacSHA256": "hmac-sha256"},
       "digest": "hex-lower", "digests": {"hmac-sha256": "base64"}}
CREATE = "https://api.jdl.com/ecap/v1/orders/create"
QUERY = {"app_key": "k1", "access_token": "t1", "timestamp": "2024-09-03 14:20:05", "v": "2.0"}
BODY = json.dumps({"orderId": "JO1", "orderOrigin": 1})


def _lop(path: str, algorithm: str, secret: str = "s") -> str:
    text = (f"{secret}access_token{QUERY['access_token']}app_key{QUERY['app_key']}method{path}"
            f"param_json{BODY}timestamp{QUERY['timestamp']}v{QUERY['v']}{secret}")
    if algorithm == "md5-salt":
        return hashlib.md5(text.encode()).hexdigest()
    return base64.b64encode(hmac.new(secret.encode(), text.encode(),
                                     hashlib.sha256).digest()).decode()


@pytest.mark.parametrize("algorithm", ["md5-salt", "HMacSHA256"])
def test_path_writes_the_request_path_alone(algorithm: str) -> None:
    settings = SigningSettings.model_validate(LOP)
    params = {**QUERY, "algorithm": algorithm}
    wanted = _lop("/ecap/v1/orders/create", algorithm)
    assert sign(settings, params, "s", body=BODY, url=f"{CREATE}?LOP-DN=ECAP") == wanted
    assert verify_signature(settings, params, "s", wanted, body=BODY,
                            url="https://uat-api.jdl.com/ecap/v1/orders/create").valid
    assert not verify_signature(settings, params, "s", wanted, body=BODY,
                                url="https://api.jdl.com/ecap/v1/orders/cancel").valid


@pytest.mark.parametrize(("url", "path"), [
    ("https://api.jdl.com/ecap/v1/orders/create?sign=x#f", "/ecap/v1/orders/create"),
    ("https://api.jdl.com:443/a/b/", "/a/b/"),
    ("https://api.jdl.com", "/"),
    ("https://api.jdl.com?x=1", "/"),
    ("/relative/path?x=1", "/relative/path")])
def test_path_of(url: str, path: str) -> None:
    assert path_of(url) == path


@pytest.mark.parametrize(("written", "canonical"), [
    ("https://API.Example.cn:443/Gw?A=B", "https://api.example.cn/Gw?A=B"),
    ("HTTP://example.cn:80", "http://example.cn"),
    ("http://example.cn:8080/x", "http://example.cn:8080/x"),
    ("https://example.cn:80/x", "https://example.cn:80/x"),
    ("http://example.cn:443/x", "http://example.cn:443/x"),
    ("https://example.cn:10443/x", "https://example.cn:10443/x"),
    ("no-scheme/at/all", "no-scheme/at/all")])
def test_a_default_port_and_the_case_of_scheme_and_host_are_one_origin(
        written: str, canonical: str) -> None:
    assert canonical_url(written) == canonical


@given(st.sampled_from(["http", "https", "HTTPS"]),
       st.from_regex(r"[A-Za-z][A-Za-z0-9.-]{0,15}", fullmatch=True),
       st.sampled_from(["", ":80", ":443", ":8443"]),
       st.from_regex(r"(/[A-Za-z0-9._~-]{0,8}){0,3}(\?[A-Za-z0-9=&]{0,10})?", fullmatch=True))
def test_canonical_url_keeps_the_path_and_is_idempotent(scheme: str, host: str, port: str,
                                                        rest: str) -> None:
    url = f"{scheme}://{host}{port}{rest}"
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert once.endswith(rest)
    assert once.startswith(scheme.lower() + "://" + host.lower())


def test_url_is_signed_without_a_default_port_and_with_the_path_as_called() -> None:
    settings = SigningSettings.model_validate({
        "signature": {"in": ["query"], "name": "sig"}, "scheme": "template",
        "template": "{url}?{params}{secret}", "pair": "{name}={value}", "separator": "&",
        "digest": "hex-lower"})
    url = "https://waimaiopen.meituan.com/api/v1/poi/getids"
    params = {"app_id": "5721", "timestamp": "1725347300"}
    signed = sign(settings, params, "k", url=url)
    text = f"{url}?app_id=5721&timestamp=1725347300k"
    assert signed == hashlib.md5(text.encode()).hexdigest()
    assert without_query("https://WaimaiOpen.meituan.com:443/api/v1/poi/getids?x=1") == url
    assert verify_signature(settings, params, "k", signed,
                            url="https://waimaiopen.meituan.com:443/api/v1/poi/getids").valid
    # a trailing slash is another resource, signed as the client called it
    assert not verify_signature(settings, params, "k", signed, url=url + "/").valid
    # a port that is not the scheme's default names another origin
    assert not verify_signature(settings, params, "k", signed,
                                url="https://waimaiopen.meituan.com:8443/api/v1/poi/getids"
                                ).valid


SIGNING = {"signature": {"in": ["query"], "name": "sign"}, "scheme": "template",
           "template": "{path}{body}{url}{secret}"}


@pytest.mark.parametrize(("table", "named"), [
    ({"request": {"business": {"json_param": "body"}}}, "request.business.json_param"),
    ({"request": {"request_id": "url"}}, "request.request_id"),
    ({"request": {"defaults": {"path": "/"}}}, "request.defaults.path"),
    ({"response": {"answer_format": {"param": "path"}}}, "response.answer_format.param"),
    ({"response": {"variants": [{"param": "url", "values": ["1"]}]}},
     "response.variants.param"),
    ({"signing": {**SIGNING, "algorithm_param": "body",
                  "algorithms": {"m": "md5"}}}, "signing.algorithm_param"),
    ({"signing": {**SIGNING, "body_param": "url"}}, "signing.body_param")])
def test_a_placeholder_named_like_a_business_parameter_is_ambiguous(
        table: dict[str, Any], named: str) -> None:
    with pytest.raises(ValidationError, match="ambiguous") as raised:
        WireProfile.model_validate({"signing": SIGNING, **table})
    assert named in str(raised.value)


def test_a_placeholder_named_like_a_pushed_parameter_is_ambiguous() -> None:
    push = {"signed": True, "signing": {**SIGNING, "algorithm_param": "path",
                                        "algorithms": {"m": "md5"}}}
    with pytest.raises(ValidationError, match=r"push\.signing\.algorithm_param"):
        WireProfile.model_validate({"push": push})


def test_the_clash_is_a_settings_error_naming_the_file_and_the_key(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("""
[tool.seamguard.platforms.jdl]
base_url = "https://api.jdl.com"
versions = ["v1"]

[tool.seamguard.platforms.jdl.wire]
request = { business = { json_param = "body" } }

[tool.seamguard.platforms.jdl.wire.signing]
signature = { in = ["query"], name = "sign" }
scheme = "template"
template = "{path}{body}{secret}"
""", encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        find_project(tmp_path, explicit=True)
    text = str(raised.value)
    assert "pyproject.toml" in text
    assert "{body}" in text
    assert "request.business.json_param" in text


def _router(tmp_path: Path) -> Router:
    (tmp_path / "pyproject.toml").write_text("""
[tool.seamguard.platforms.jdl]
base_url = "https://api.jdl.com"
versions = ["v1"]

[tool.seamguard.platforms.shop]
base_url = "https://Shop.Example.cn:443/api"
versions = ["v1"]

[tool.seamguard.platforms.shop.webhook_urls]
"https://erp.example.cn:443/hooks/shop" = "order.paid"
""", encoding="utf-8")
    return Router(find_project(tmp_path, explicit=True).settings)


@pytest.mark.parametrize(("url", "platform", "path"), [
    ("https://api.jdl.com:443/ecap/v1/orders/create?a=1", "jdl", "/ecap/v1/orders/create"),
    ("HTTPS://API.JDL.COM/ecap/v1/orders/create", "jdl", "/ecap/v1/orders/create"),
    ("https://shop.example.cn/api/orders", "shop", "/orders"),
    ("https://shop.example.cn:443/api/orders", "shop", "/orders")])
def test_a_default_port_or_capitals_route_to_the_same_platform(
        tmp_path: Path, url: str, platform: str, path: str) -> None:
    route = _router(tmp_path).route(Interaction(0, "POST", url, {}, None, 200, {}, "{}"))
    assert route is not None
    assert (route.platform, route.path) == (platform, path)


def test_another_port_is_another_origin(tmp_path: Path) -> None:
    router = _router(tmp_path)
    assert router.route(Interaction(0, "POST", "https://api.jdl.com:8443/ecap/v1/x", {}, None,
                                    200, {}, "{}")) is None


def test_a_push_to_the_receiver_written_with_its_default_port_is_a_push(
        tmp_path: Path) -> None:
    route = _router(tmp_path).route(Interaction(0, "POST", "https://erp.example.cn/hooks/shop",
                                                {}, "{}", 200, {}, ""))
    assert route is not None
    assert (route.platform, route.webhook, route.path) == ("shop", True, "order.paid")


def test_an_unsigned_path_prefix_is_left_out_of_path() -> None:
    settings = SigningSettings.model_validate({
        "signature": {"in": ["query"], "name": "sign"}, "scheme": "template",
        "template": "{path}{params}", "unsigned_path_prefix": "/rest",
        "algorithm": "hmac-sha256", "digest": "hex-upper"})
    params = {"app_key": "1", "timestamp": "1725344405000"}
    text = "/orders/getapp_key1timestamp1725344405000"
    wanted = hmac.new(b"k", text.encode(), hashlib.sha256).hexdigest().upper()
    assert sign(settings, params, "k", url="https://api.lazada.com.my/rest/orders/get") == wanted
    # a path without the prefix is written whole, a prefix only as a whole segment
    assert path_of("https://h/orders/get", "/rest") == "/orders/get"
    assert path_of("https://h/restful/orders", "/rest") == "/restful/orders"


@pytest.mark.parametrize("signing", [
    {"signature": {"in": ["query"], "name": "sign"}, "unsigned_path_prefix": "/rest"},
    {"signature": {"in": ["query"], "name": "sign"}, "scheme": "template",
     "template": "{url}{params}{secret}", "unsigned_path_prefix": "/rest"}])
def test_an_unsigned_path_prefix_without_path_in_the_template_is_refused(
        signing: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match=r"writes no \{path\}"):
        SigningSettings.model_validate(signing)


@pytest.mark.parametrize("name", ["shopee-detail-bad-sign-refused",
                                  "cn-waybill-bad-digest-refused"])
def test_a_refused_signature_is_one_finding_on_path_routed_platforms_too(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected, found = _one_case(name, tmp_path, monkeypatch)
    assert found == expected
    assert [code for code, _, _ in found] == ["signature.invalid"]


def _one_case(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """(expected, found) for one case of the settings-only carrier and marketplace scorer."""
    from tests.support import gateway_fresh4 as scorer
    from tests.support.gateway_fresh2 import platform_verdicts

    for variable, value in scorer.ENV.items():
        monkeypatch.setenv(variable, value)
    case = next(c for cases in scorer.cases().values() for c in cases if c.name == name)
    [(_, found)] = platform_verdicts(tmp_path, {case.platform: [case]}, scorer.write, {})
    return case.expected, found


@pytest.mark.parametrize("name", ["jdl-create-gbk-body-no-charset", "jdl-create-clean"])
def test_a_path_routed_body_in_an_unnamed_charset_is_said_and_signed_as_read(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected, found = _one_case(name, tmp_path, monkeypatch)
    assert found == expected
