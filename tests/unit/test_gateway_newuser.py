"""What a new user's gateway project (written from docs/gateway-platforms.md) needs from the
product: error rules of their own add to the protocol's, a JSON-body call's protocol
parameters are not business parameters, and JD results that carry their own `success`."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.operations import MediaSpec, match_media
from seamguard.project import PlatformSettings, find_project
from seamguard.recordings.cassettes import Cassette
from seamguard.recordings.routing import Router
from seamguard.verify import RecordedVerifier
from seamguard.wire.envelope import Envelope
from seamguard.wire.profile import builtin_table, merge_profile, resolve_profile
from tests.support import gateway_newuser
from tests.support import gateway_newuser_project as project_files
from tests.support.gateway_newuser_project import ENV

OWN_RULE = {"when": {"pointer": "/{response_key}/result/resultCode", "not_equals": 100},
            "code": "/{response_key}/result/resultCode"}


def test_error_rules_of_the_user_add_to_the_protocols() -> None:
    base = builtin_table("jd")
    merged = merge_profile(base, {"response": {"errors": [OWN_RULE]}})
    rules = merged["response"]["errors"]
    assert rules[0] == OWN_RULE
    assert rules[1:] == base["response"]["errors"]
    profile = resolve_profile("jd", {"response": {"errors": [OWN_RULE]}})
    pointers = [rule.when[0].pointer for rule in profile.response.errors]
    assert "/error_response" in pointers
    assert pointers[0].endswith("/resultCode")


def test_other_lists_still_replace_the_profiles() -> None:
    merged = merge_profile(builtin_table("jd"), {"methods": ["POST"]})
    assert merged["methods"] == ["POST"]
    assert merge_profile({}, {"response": {"errors": [OWN_RULE]}})["response"]["errors"] == [
        OWN_RULE]


def _found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> list[tuple[str, ...]]:
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    [case] = [c for c in gateway_newuser.cases() if c.case.name == name]
    [(_, found)] = gateway_newuser.verdicts(tmp_path, of=[case])
    return sorted(found, key=str)  # type: ignore[arg-type]


def test_a_refusal_in_error_response_is_reported_beside_the_users_own_rule(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _found(tmp_path, monkeypatch, "nu-jd-error-response") == [
        ("response.in-band-error", "/error_response", "error")]
    assert _found(tmp_path, monkeypatch, "nu-jd-waybill-refused") == [
        ("response.in-band-error",
         "/jingdong_ldop_waybill_receive_responce/receiveorderinfo_result/resultCode", "error")]


def test_an_errcode_answer_in_neither_envelope_points_at_the_missing_errcode(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _found(tmp_path, monkeypatch, "nu-wecom-neither-envelope") == [
        ("response.unknown-envelope", "/errcode", "error")]


def test_an_unknown_envelope_names_the_payload_or_the_member_it_missed() -> None:
    top = resolve_profile("taobao-top", None).response
    opened = Envelope(top).open({"something": "else"}, "taobao.trades.sold.get")
    assert (opened.kind, opened.prefix) == ("unknown", "/trades_sold_get_response")
    errcode = Envelope(resolve_profile("errcode", None).response).open({"code": 0})
    assert (errcode.kind, errcode.prefix, errcode.missed) == ("unknown", "", "/errcode")


def test_a_jd_result_with_its_own_success_false_is_an_in_band_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _found(tmp_path, monkeypatch, "nu-jd-shipment-refused-by-verdict") == [
        ("response.in-band-error",
         "/jingdong_pop_order_shipment_responce/sopjosshipment_result/success", "error")]


def test_protocol_parameters_in_a_json_body_are_not_business_parameters(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _found(tmp_path, monkeypatch, "nu-pdd-send-json-body-clean") == []


def _router(tmp_path: Path, settings: str) -> Router:
    (tmp_path / "pyproject.toml").write_text(settings, encoding="utf-8")
    return Router(find_project(tmp_path, explicit=True).settings)


ONE_SHOP = """
[tool.seamguard.platforms.tmall]
protocol = "taobao-top"
base_url = "https://eco.taobao.com"
versions = ["2.0"]
"""


def test_a_call_at_another_host_of_the_gateway_routes_to_the_platform(tmp_path: Path) -> None:
    router = _router(tmp_path, ONE_SHOP)
    assert router.locate("http://gw.api.taobao.com/router/rest?method=x") == (
        "tmall", None, "/router/rest")
    assert router.locate("https://gw.api.tbsandbox.com/router/rest") == (
        "tmall", None, "/router/rest")
    assert router.locate("https://gw.api.example.com/router/rest") is None


def test_a_host_two_platforms_share_routes_neither(tmp_path: Path) -> None:
    two = ONE_SHOP + ONE_SHOP.replace("tmall", "taobao").replace("eco.taobao.com",
                                                                 "eco.taobao.com/x")
    router = _router(tmp_path, two)
    assert router.locate("http://gw.api.taobao.com/router/rest") is None
    assert router.locate("https://eco.taobao.com/router/rest") == ("tmall", None, "/router/rest")


def test_hosts_are_origins(tmp_path: Path) -> None:
    with pytest.raises(pydantic.ValidationError, match="scheme://host"):
        resolve_profile("taobao-top", {"hosts": ["gw.api.taobao.com/router/rest"]})
    assert resolve_profile("sf-fengqiao", {"hosts": ["HTTPS://SFAPI.example.com"]}).hosts == (
        "https://sfapi.example.com",)


def test_text_xml_and_application_xml_meet_each_other() -> None:
    xml, json_ = MediaSpec("application/xml", None), MediaSpec("application/json", None)
    declared = {"application/json": json_, "application/xml": xml}
    assert match_media(declared, "text/xml;charset=UTF-8") is xml
    assert match_media({"text/xml": xml}, "application/xml") is xml
    assert match_media(declared, "text/plain") is None
    assert match_media({"application/json": json_}, "text/xml") is None


@pytest.mark.parametrize(("protocol", "written", "kept"), [
    ("taobao-top", "https://eco.taobao.com/router/rest", "https://eco.taobao.com"),
    ("jd", "https://api.jd.com/routerjson/", "https://api.jd.com"),
    ("sf-fengqiao", "https://sfapi.sf-express.com/std/service", "https://sfapi.sf-express.com"),
    ("taobao-top", "https://eco.taobao.com", "https://eco.taobao.com"),
    ("rest", "https://shop.example.com/router/rest", "https://shop.example.com/router/rest"),
])
def test_a_base_url_written_with_the_gateway_path_is_its_host(
        protocol: str, written: str, kept: str) -> None:
    settings = PlatformSettings.model_validate(
        {"protocol": protocol, "base_url": written, "versions": ["2.0"]})
    assert settings.base_url == kept


def test_a_schema_of_the_whole_answer_is_told_to_describe_the_payload(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    wrapped = project_files.TOP.replace(
        "                required: [item]\n                properties:\n"
        "                  item: {$ref: \"#/components/schemas/Item\"}\n",
        "                required: [item_seller_get_response]\n                properties:\n"
        "                  item_seller_get_response: {type: object}\n", 1)
    assert wrapped != project_files.TOP
    monkeypatch.setitem(project_files.CONTRACTS, "tmall/2.0", wrapped)
    project = find_project(project_files.write(tmp_path), explicit=True)
    [case] = [c for c in gateway_newuser.cases() if c.case.name == "nu-top-item-clean"]
    item = case.case.interaction(project, 0)
    cassette = Cassette(path=tmp_path / "x.yaml", display="x.yaml", interactions=[item])
    found = RecordedVerifier(project, ContractCatalog(project)).verify(cassette, item)
    [missing] = [f for f in found if f.code == "field.missing"]
    assert missing.location.pointer == "/item_seller_get_response/item_seller_get_response"
    assert missing.hint is not None
    assert "describes the business payload" in missing.hint
