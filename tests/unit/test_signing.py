"""Signing and verifying gateway requests: published vectors, SDK recipes, and properties."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import quote_plus

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

from seamguard.wire.profile import BUILTIN_PROTOCOLS, SigningSettings, resolve_profile
from seamguard.wire.signing import SigningError, sign, verify_signature


def signing(protocol: str) -> SigningSettings:
    settings = resolve_profile(protocol, None).signing
    assert settings is not None
    return settings


# The example of TOP's signature documentation: these parameters with the secret "helloworld".
TOP_DOC_PARAMS = {"method": "taobao.item.seller.get", "app_key": "12345678", "session": "test",
                  "timestamp": "2016-01-01 12:00:00", "format": "json", "v": "2.0",
                  "sign_method": "md5", "fields": "num_iid,title,nick,price,num",
                  "num_iid": "11223344"}


def test_top_md5_matches_the_published_example() -> None:
    assert sign(signing("taobao-top"), TOP_DOC_PARAMS, "helloworld") == \
        "66987CB115214E59E6EC978214934FB8"
    check = verify_signature(signing("taobao-top"), {**TOP_DOC_PARAMS,
                                                      "sign": "66987cb115214e59e6ec978214934fb8"},
                             "helloworld", "66987cb115214e59e6ec978214934fb8")
    assert check.valid  # hex compares without regard to case


def test_top_sign_method_picks_hmac() -> None:
    # TOP's SDKs: HMAC-MD5 keyed on the secret over the sorted name+value string, no wrapping.
    params = {**TOP_DOC_PARAMS, "sign_method": "hmac"}
    text = "".join(k + params[k] for k in sorted(params))
    expected = hmac.new(b"helloworld", text.encode(), hashlib.md5).hexdigest().upper()
    assert sign(signing("taobao-top"), params, "helloworld") == expected
    params["sign_method"] = "hmac-sha256"
    expected = hmac.new(b"helloworld", "".join(k + params[k] for k in sorted(params)).encode(),
                        hashlib.sha256).hexdigest().upper()
    assert sign(signing("taobao-top"), params, "helloworld") == expected


def test_unknown_sign_method_is_an_error_not_a_guess() -> None:
    with pytest.raises(SigningError, match="sha512"):
        sign(signing("taobao-top"), {**TOP_DOC_PARAMS, "sign_method": "sha512"}, "s")


@pytest.mark.parametrize("named", ["hmacsha256", "HmacSHA256", "HMACSHA256"])
def test_jd_sign_method_picks_hmac_whatever_its_case(named: str) -> None:
    # JD's Java SDK: an HMAC keyed on the secret when sign_method says so (case ignored)
    params = {"method": "jingdong.pop.order.get", "app_key": "k", "v": "2.0",
              "timestamp": "2024-07-12 11:30:07", "sign_method": named,
              "360buy_param_json": '{"order_id":"295183620147"}'}
    text = "".join(k + params[k] for k in sorted(params))
    expected = hmac.new(b"s", text.encode(), hashlib.sha256).hexdigest().upper()
    assert sign(signing("jd"), params, "s") == expected


def test_sign_method_case_counts_where_the_profile_says_so() -> None:
    with pytest.raises(SigningError, match="HMAC-SHA256"):
        sign(signing("taobao-top"), {**TOP_DOC_PARAMS, "sign_method": "HMAC-SHA256"}, "s")


def test_empty_values_and_the_signature_itself_are_not_signed() -> None:
    base = sign(signing("pinduoduo"), {"type": "pdd.order.list.get", "client_id": "c1"}, "s")
    assert sign(signing("pinduoduo"), {"type": "pdd.order.list.get", "client_id": "c1",
                                       "access_token": "", "sign": "OLD"}, "s") == base


def test_pinduoduo_and_jd_wrap_the_secret_in_md5() -> None:
    params = {"type": "pdd.order.number.list.get", "client_id": "4b6b8e4c",
              "timestamp": "1720576800", "data_type": "JSON", "order_status": "1"}
    text = "s3cr3t" + "".join(k + params[k] for k in sorted(params)) + "s3cr3t"
    assert sign(signing("pinduoduo"), params, "s3cr3t") == \
        hashlib.md5(text.encode()).hexdigest().upper()
    jd = {"method": "jingdong.pop.order.search", "app_key": "A", "v": "2.0",
          "timestamp": "2024-07-10 10:00:00",
          "360buy_param_json": '{"order_state":"WAIT_SELLER_STOCK_OUT","page":"1"}'}
    text = "k" + "".join(k + jd[k] for k in sorted(jd)) + "k"
    assert sign(signing("jd"), jd, "k") == hashlib.md5(text.encode()).hexdigest().upper()


def _sf_sdk_digest(msg_data: str, timestamp: str, checkword: str) -> str:
    """The recipe of SF's own Python demo: quote_plus, MD5, Base64."""
    encoded = quote_plus(msg_data + timestamp + checkword)
    return base64.b64encode(hashlib.md5(encoded.encode("utf-8")).digest()).decode()


def test_sf_msg_digest_follows_the_published_recipe() -> None:
    msg = '{"language":"zh-CN","orderId":"QIAO-1","cargoDetails":[{"name":"T恤 蓝色"}]}'
    params = {"partnerID": "P1", "requestID": "r", "serviceCode": "EXP_RECE_CREATE_ORDER",
              "timestamp": "1720576800000", "msgData": msg}
    expected = _sf_sdk_digest(msg, "1720576800000", "checkword-1")
    assert sign(signing("sf-fengqiao"), params, "checkword-1") == expected
    assert verify_signature(signing("sf-fengqiao"), params, "checkword-1", expected).valid


def test_sf_accepts_either_sdks_encoding_of_star_and_tilde() -> None:
    msg = '{"remark":"fragile * handle with care ~"}'
    params = {"timestamp": "1", "msgData": msg}
    java = sign(signing("sf-fengqiao"), params, "cw")  # signs like java.net.URLEncoder
    python = _sf_sdk_digest(msg, "1", "cw")
    assert java != python
    assert verify_signature(signing("sf-fengqiao"), params, "cw", java).valid
    assert verify_signature(signing("sf-fengqiao"), params, "cw", python).valid


def test_verdict_shows_prefixes_only() -> None:
    check = verify_signature(signing("taobao-top"), TOP_DOC_PARAMS, "helloworld",
                             "0" * 32)
    assert not check.valid
    assert check.expected == "66987CB1"
    assert check.actual == "00000000"
    assert "helloworld" not in repr(check)


def test_hostile_signature_values_are_just_invalid() -> None:
    for value in ("签名", "", " " * 3, "66987CB115214E59E6EC978214934FB8\x00"):
        assert not verify_signature(signing("taobao-top"), TOP_DOC_PARAMS, "helloworld",
                                    value).valid


names = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e), min_size=1, max_size=8)
values = st.text(max_size=12)
signed = [p for p in BUILTIN_PROTOCOLS if resolve_profile(p, None).signing is not None]


@given(st.sampled_from(signed), st.dictionaries(names, values, max_size=6), values,
       st.text(min_size=1, max_size=16))
def test_sign_then_verify_round_trips(protocol: str, params: dict[str, str], msg: str,
                                      secret: str) -> None:
    settings = signing(protocol)
    params = {**params, "msgData": msg, "timestamp": "1720576800"}
    params.pop(settings.algorithm_param or "", None)
    signature = sign(settings, params, secret)
    assert verify_signature(settings, {**params, settings.signature.name: signature}, secret,
                            signature).valid


@given(st.sampled_from(signed), st.dictionaries(names, values, min_size=1, max_size=6),
       st.data())
def test_a_changed_parameter_breaks_the_signature(protocol: str, params: dict[str, str],
                                                  data: st.DataObject) -> None:
    settings = signing(protocol)
    params = {**params, "msgData": "{}", "timestamp": "1720576800"}
    params.pop(settings.algorithm_param or "", None)
    params.pop(settings.signature.name, None)
    signed_names = list(settings.fields) if settings.scheme == "fields" else sorted(params)
    name = data.draw(st.sampled_from(signed_names))
    signature = sign(settings, params, "secret")
    changed = {**params, name: params[name] + data.draw(st.text(min_size=1, max_size=3))}
    assume(changed[name] != params[name])
    assert not verify_signature(settings, changed, "secret", signature).valid


def test_body_scheme_signs_the_raw_body() -> None:
    settings = SigningSettings.model_validate({
        "signature": {"in": "header", "name": "X-Signature"}, "scheme": "body",
        "algorithm": "hmac-sha256", "digest": "base64"})
    body = '{"event":"order.shipped","order_no":"A-1"}'
    expected = base64.b64encode(hmac.new(b"k", body.encode(), hashlib.sha256).digest()).decode()
    assert sign(settings, {}, "k", body=body) == expected
    assert verify_signature(settings, {}, "k", expected, body=body).valid
    assert not verify_signature(settings, {}, "k", expected, body=body + " ").valid


def test_a_template_writes_the_signed_text_where_the_platform_puts_each_part() -> None:
    import hashlib

    from seamguard.wire.profile_signing import SigningSettings as Settings

    xhs = Settings.model_validate({
        "signature": {"in": ["json"], "name": "sign"}, "scheme": "template",
        "template": "{method}?appId={appId}&timestamp={timestamp}&version={version}{secret}",
        "digest": "hex-lower"})
    params = {"method": "order.getOrderDetail", "appId": "21d6a748be8de0",
              "timestamp": "1612518379", "version": "2.0", "accessToken": "t", "sign": "x"}
    wanted = hashlib.md5(b"order.getOrderDetail?appId=21d6a748be8de0&timestamp=1612518379"
                         b"&version=2.0s3cret").hexdigest()
    assert sign(xhs, params, "s3cret") == wanted
    jdy = Settings.model_validate({
        "signature": {"in": ["header"], "name": "X-JDY-Signature"}, "scheme": "template",
        "template": "{nonce}:{body}:{secret}:{timestamp}", "algorithm": "sha1",
        "digest": "hex-lower"})
    body = '{"op":"data_create","data":{"_id":"1"}}'
    pushed = hashlib.sha1(f"n0nce:{body}:s3cret:1700000000".encode()).hexdigest()
    assert sign(jdy, {"nonce": "n0nce", "timestamp": "1700000000"}, "s3cret",
                body=body) == pushed


@pytest.mark.parametrize("table", [
    {"scheme": "template"}, {"template": "{a}{secret}"},
    {"scheme": "template", "template": "{a"},
    *({"scheme": "template", "template": text} for text in (
        "{a.b}{secret}", "{0}{secret}", "{a[0]}{secret}", "{a!r}{secret}", "{a:>8}{secret}",
        "{}{secret}", "{method}{timestamp}"))])
def test_a_template_without_its_scheme_or_unreadable_is_refused(table: dict[str, str]) -> None:
    from seamguard.wire.profile_signing import SigningSettings as Settings

    with pytest.raises(ValidationError, match=r"e\.g\."):
        Settings.model_validate({"signature": {"in": ["query"], "name": "sign"}, **table})
