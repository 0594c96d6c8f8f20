"""A signing template's ``{url}`` (the request URL without its query) and ``{params}`` (the
sorted parameters), as Meituan takeaway signs, and the templates refused as ambiguous."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from seamguard.wire.calls import build_call
from seamguard.wire.profile import WireProfile
from seamguard.wire.profile_signing import SigningSettings
from seamguard.wire.signing import sign, verify_signature, without_query

URL = "https://waimaiopen.meituan.com/api/v1/order/getOrderDetail"
MEITUAN = {"signature": {"in": ["query", "form"], "name": "sig"}, "scheme": "template",
           "template": "{url}?{params}{secret}", "pair": "{name}={value}", "separator": "&",
           "digest": "hex-lower"}


def _meituan(url: str, params: dict[str, str], secret: str) -> str:
    joined = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sig" and v)
    return hashlib.md5(f"{url}?{joined}{secret}".encode()).hexdigest()


def test_the_url_and_the_sorted_parameters_are_written_where_the_template_puts_them() -> None:
    settings = SigningSettings.model_validate(MEITUAN)
    params = {"timestamp": "1725347300", "app_id": "5721", "order_id": "2706190033831874",
              "sig": "ignored"}
    wanted = _meituan(URL, params, "s3cret")
    assert sign(settings, params, "s3cret", url=URL) == wanted
    assert sign(settings, params, "s3cret", url=f"{URL}?app_id=5721#top") == wanted
    assert verify_signature(settings, params, "s3cret", wanted, url=URL).valid
    assert not verify_signature(settings, params, "s3cret", wanted,
                                url=URL.replace("https:", "http:")).valid


@given(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True),
                       st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
                       max_size=6),
       st.from_regex(r"[a-z0-9=&]{0,20}", fullmatch=True))
def test_a_query_string_never_changes_what_url_writes(params: dict[str, str],
                                                      query: str) -> None:
    settings = SigningSettings.model_validate(MEITUAN)
    assert without_query(f"{URL}?{query}") == URL
    signed = sign(settings, params, "k", url=f"{URL}?{query}")
    assert signed == _meituan(URL, params, "k")
    assert verify_signature(settings, params, "k", signed, url=URL).valid


@pytest.mark.parametrize(("template", "says"), [
    ("{url}?{params}&timestamp={timestamp}{secret}", "signed twice"),
    ("{url}?app_id={app_id}&sig={sig}{secret}", "the signature itself"),
    ("{url}?{params}{{secret}}", "never writes the secret")])
def test_a_template_that_says_two_things_is_refused(template: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        SigningSettings.model_validate({**MEITUAN, "template": template})


def test_a_parameter_written_apart_from_params_is_kept_when_excluded_from_them() -> None:
    settings = SigningSettings.model_validate({
        **MEITUAN, "template": "{url}?{params}&timestamp={timestamp}{secret}",
        "exclude": ["timestamp"]})
    text = f"{URL}?app_id=5721&timestamp=1725347300k"
    assert sign(settings, {"app_id": "5721", "timestamp": "1725347300"}, "k", url=URL) == \
        hashlib.md5(text.encode()).hexdigest()


@pytest.mark.parametrize(("table", "named"), [
    ({"request": {"common": ["app_id", "url", "sig"]}}, "request.common"),
    ({"operation": {"in": ["query"], "name": "params"}}, "operation"),
    ({"operation": {"in": ["query"], "name": "service", "also": ["url"]}}, "operation"),
    ({"time": {"param": "body"}}, "time.param")])
def test_a_placeholder_that_is_also_a_parameter_of_the_protocol_is_ambiguous(
        table: dict[str, Any], named: str) -> None:
    signing = {**MEITUAN, "template": "{url}?{params}{body}{secret}"}
    with pytest.raises(ValidationError, match="ambiguous") as raised:
        WireProfile.model_validate({**table, "signing": signing})
    assert named in str(raised.value)
    with pytest.raises(ValidationError, match="ambiguous"):
        WireProfile.model_validate({**table, "push": {"signed": True, "signing": signing}})


def test_the_live_client_signs_the_url_it_calls() -> None:
    profile = WireProfile.model_validate({
        "operation": {"in": ["query"], "name": "method"}, "path": "/gw",
        "request": {"send": "query"}, "signing": MEITUAN})
    call = build_call(profile, "order.detail", {"order_id": "1"}, credentials={"app_id": "9"},
                      secret="k", now=datetime(2024, 9, 3, tzinfo=UTC),
                      base_url="https://open.example.cn/")
    values = dict(call.query)
    assert profile.signing is not None
    assert verify_signature(profile.signing, values, "k", values["sig"],
                            url="https://open.example.cn/gw").valid
    assert not verify_signature(profile.signing, values, "k", values["sig"],
                                url="https://open.example.cn/gw2").valid
