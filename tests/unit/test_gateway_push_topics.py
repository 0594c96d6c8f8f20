"""A push whose topic the contract does not declare (a TMC message's ``topic``) is
``webhook.undocumented``, with the documented topic it most likely means."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding
from seamguard.project import find_project
from seamguard.recordings.cassettes import Cassette
from seamguard.verify import RecordedVerifier
from tests.support import gateway_docs_corpus as corpus
from tests.support.projects import REPO


def _verify(topic: str) -> list[Finding]:
    project = find_project(REPO, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    body = corpus._tmc(topic, {"tid": corpus.TID, "seller_nick": "演示旗舰店"})
    item = corpus._tmc_case("tmc", body, []).interaction(project, 0)
    cassette = Cassette(path=REPO / "tmc.yaml", display="tmc.yaml", interactions=[item])
    return verifier.verify(cassette, item)


@pytest.mark.parametrize(("topic", "meant"), [
    ("taobao_trade_TradeSelerShip", "'taobao_trade_TradeSellerShip'"),
    ("taobao_trade_tradeclose", "'taobao_trade_TradeClose'")])
def test_a_misspelt_topic_is_undocumented_with_what_it_means(topic: str, meant: str) -> None:
    [finding] = _verify(topic)
    assert (finding.code, finding.actual) == ("webhook.undocumented", topic)
    assert finding.hint is not None
    assert finding.hint.startswith(f"did you mean {meant}")


def test_a_topic_like_none_says_where_to_declare_it() -> None:
    [finding] = _verify("alibaba_fenxiao_OrderCreate")
    assert finding.code == "webhook.undocumented"
    assert finding.hint == "add it under `webhooks:` in the contract"


def test_a_misspelt_topic_points_at_the_topic_field() -> None:
    [finding] = _verify("taobao_trade_TradeSelerShip")
    assert finding.location.pointer == "/topic"


def _verify_body(body: str) -> list[tuple[str, str | None]]:
    project = find_project(REPO, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    item = corpus._tmc_case("tmc", body, []).interaction(project, 0)
    cassette = Cassette(path=REPO / "tmc.yaml", display="tmc.yaml", interactions=[item])
    return sorted((f.code, f.location.pointer) for f in verifier.verify(cassette, item))


def test_a_message_carrying_an_error_behind_a_byte_order_mark_says_both() -> None:
    error = {"error_response": {"code": 15, "msg": "Remote service error",
                                "sub_code": "isv.trade-not-exist", "sub_msg": "交易不存在"}}
    content = "\ufeff" + json.dumps(error, ensure_ascii=False)
    found = _verify_body(corpus._tmc("taobao_trade_TradeSellerShip", content))
    assert found == [("body.byte-order-mark", "/content"),
                     ("response.in-band-error", "/content⟨json⟩/error_response")]


def test_a_message_whose_content_is_an_errcode_document_is_an_error_too() -> None:
    content = json.dumps({"errcode": 40001, "errmsg": "invalid credential"})
    found = _verify_body(corpus._tmc("taobao_trade_TradeSellerShip", content))
    assert found == [("response.in-band-error", "/content⟨json⟩/errcode")]


@pytest.mark.parametrize(("places", "headers", "body", "pointer"), [
    (["form"], {"content-type": "application/x-www-form-urlencoded"},
     "serviceCode=RoutePushServic&msgData=%7B%7D", "/serviceCode"),
    (["header", "json"], {"content-type": "application/json"}, '{"serviceCode": "x"}',
     "/serviceCode"),
    (["header", "json"], {"content-type": "application/json", "servicecode": "x"}, "{}",
     "request:/header/serviceCode"),
    (["query", "json"], {"content-type": "application/json"}, "{}", "request:/query/serviceCode")])
def test_the_topic_pointer_names_the_place_that_holds_it(
        places: list[str], headers: dict[str, str], body: str, pointer: str) -> None:
    from seamguard.verify_pushes import topic_pointer
    from seamguard.wire.profile import ParamLocation
    from seamguard.wire.requests import Params

    location = ParamLocation.model_validate({"in": places, "name": "serviceCode"})
    assert topic_pointer(location, Params("https://h/p", headers, body)) == pointer


def test_a_header_is_pointed_at_alike_for_a_topic_a_signature_and_a_parameter() -> None:
    from seamguard.verify_gateway_signatures import signature_pointer
    from seamguard.verify_pushes import topic_pointer
    from seamguard.wire.profile import ParamLocation, SigningSettings
    from seamguard.wire.requests import Params

    location = ParamLocation.model_validate({"in": ["header"], "name": "X-Topic"})
    signing = SigningSettings.model_validate(
        {"signature": {"in": ["header"], "name": "X-Sign"}, "algorithm": "md5"})
    assert topic_pointer(location, Params("https://h/p", {"x-topic": "t"}, "")) \
        == "request:/header/X-Topic"
    assert signature_pointer(signing) == "request:/header/X-Sign"


def test_a_message_that_cannot_be_read_is_undecodable_not_topicless() -> None:
    project = find_project(REPO, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    body = corpus._tmc("taobao_trade_TradeSellerShip", {"tid": corpus.TID, "seller_nick": "店"})
    case = corpus._tmc_case("tmc", body, [])
    case.request_body = body.encode("gbk")  # under "charset=UTF-8"
    item = case.interaction(project, 0)
    cassette = Cassette(path=REPO / "tmc.yaml", display="tmc.yaml", interactions=[item])
    assert [(f.code, f.location.pointer) for f in verifier.verify(cassette, item)] == [
        ("body.undecodable", None)]


def test_a_topic_is_named_once_and_by_a_pointer() -> None:
    from pydantic import ValidationError

    from seamguard.wire.profile import PushSettings

    with pytest.raises(ValidationError, match="keep one"):
        PushSettings.model_validate({"topic": {"in": ["json"], "name": "op"},
                                     "topic_at": "/op"})
    with pytest.raises(ValidationError, match="no pointer"):
        PushSettings.model_validate({"topic_at": "xml/Event"})


@pytest.mark.parametrize(("content_type", "body", "document"), [
    ("text/xml", "<xml><Event><![CDATA[e]]></Event></xml>", {"xml": {"Event": "e"}}),
    (None, '<Request service="S"><Body/></Request>', {"Request": {"service": "S", "Body": ""}}),
    ("application/json", '{"op": "data_create"}', {"op": "data_create"}),
    ("text/plain", "op=data_create", None)])
def test_a_push_body_reads_as_the_document_it_is(
        content_type: str | None, body: str, document: object) -> None:
    from seamguard.wire.requests import Params

    headers = {"content-type": content_type} if content_type else {}
    assert Params("https://h/p", headers, body.encode()).document() == document


def test_a_topic_the_receiver_url_names_is_not_pointed_into_the_body(tmp_path: Path) -> None:
    from tests.support import gateway_fresh2 as fresh
    from tests.support.gateway_fresh2_project import HOOKS, write

    root = write(tmp_path, "jdy")
    toml = root / "pyproject.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        f'"{HOOKS}/jdy" = "*"', f'"{HOOKS}/jdy" = "*"\n"{HOOKS}/jdy-forms" = "form_update"'),
        encoding="utf-8")
    project = find_project(root, explicit=True)
    case = fresh._jdy_case("mapped", fresh._jdy_push("data_create"), [])
    case.url = case.url.replace("/jdy?", "/jdy-forms?")
    item = case.interaction(0)
    cassette = Cassette(path=root / "c.yaml", display="c.yaml", interactions=[item])
    with pytest.MonkeyPatch.context() as patch:
        for name, value in fresh.ENV.items():
            patch.setenv(name, value)
        [finding] = RecordedVerifier(project, ContractCatalog(project)).verify(cassette, item)
    assert (finding.code, finding.actual, finding.location.pointer) == (
        "webhook.undocumented", "form_update", None)


@pytest.mark.parametrize(("places", "pointer"), [
    ('["header"]', "request:/header/X-JDY-Signature"),
    ('["query"]', "request:/query/X-JDY-Signature"),
    ('["json"]', "/X-JDY-Signature")])
def test_a_push_signature_is_pointed_at_as_its_topic_would_be(
        tmp_path: Path, places: str, pointer: str) -> None:
    from tests.support import gateway_fresh2 as fresh
    from tests.support.gateway_fresh2_project import write

    root = write(tmp_path, "jdy")
    toml = root / "pyproject.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'signature = { in = ["header"]', f"signature = {{ in = {places}"), encoding="utf-8")
    project = find_project(root, explicit=True)
    case = fresh._jdy_case("bad", fresh._jdy_push("data_create"), [], signature="0" * 40)
    if places == '["query"]':
        case.url += "&X-JDY-Signature=" + "0" * 40
    item = case.interaction(0)
    cassette = Cassette(path=root / "c.yaml", display="c.yaml", interactions=[item])
    with pytest.MonkeyPatch.context() as patch:
        for name, value in fresh.ENV.items():
            patch.setenv(name, value)
        found = RecordedVerifier(project, ContractCatalog(project)).verify(cassette, item)
    assert [(f.code, f.location.pointer) for f in found] == [
        ("signature.invalid" if places != '["json"]' else "signature.missing", pointer)]
