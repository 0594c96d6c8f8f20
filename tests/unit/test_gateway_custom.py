"""A slice of the scorer of gateway platforms set up from the docs alone
(``python -m tests.support.gateway_custom``)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.lint import lint_contract
from seamguard.errors import SettingsError
from seamguard.project import find_project
from seamguard.recordings.cassettes import Cassette
from seamguard.verify import RecordedVerifier
from seamguard.wire.calls import build_call
from seamguard.wire.profile import SigningSettings, WireProfile
from seamguard.wire.signing import sign, verify_signature
from tests.support import gateway_custom as scorer
from tests.support.gateway_custom_project import write


@pytest.mark.parametrize("platform", ["doudian", "kwai", "youzan", "k3cloud", "ding"])
def test_a_platform_set_up_from_the_docs_gives_exact_findings(
        platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in scorer.ENV.items():
        monkeypatch.setenv(name, value)
    results = scorer.verdicts(tmp_path, [platform])
    assert results
    wrong = [(case.case.name, found) for case, found in results
             if sorted(found, key=str) != sorted(case.expected, key=str)]
    assert wrong == []
    assert any(case.expected for case, _ in results)  # violations were planted


def _settings(**keys: object) -> SigningSettings:
    return SigningSettings.model_validate({"signature": {"in": ["query"], "name": "sign"},
                                           **keys})


KWAI = {"appkey": "ks123", "access_token": "token", "method": "open.seller.order.list",
        "param": '{"title":"短袖"}', "timestamp": "1583271919000", "version": "1"}


@pytest.mark.parametrize(("method", "algorithm"), [("MD5", "md5"),
                                                   ("HMAC_SHA256", "hmac-sha256")])
def test_name_value_pairs_and_a_named_secret_sign_as_kuaishou_documents(
        method: str, algorithm: str) -> None:
    settings = _settings(algorithm_param="signMethod", algorithms={method: algorithm},
                         pair="{name}={value}", separator="&", secret_position="append",
                         secret_as="&signSecret={secret}", hmac_adds_secret=True,
                         digest="hex-lower", digests={"hmac-sha256": "base64"})
    params = {**KWAI, "signMethod": method}
    signature = sign(settings, params, "sign-secret")
    assert signature == scorer.kwai_sign(params, "sign-secret")
    assert verify_signature(settings, params, "sign-secret", signature).valid


def test_douyin_hmac_signs_the_text_wrapped_in_the_secret() -> None:
    settings = _settings(algorithm_param="sign_method", algorithms={"hmac-sha256": "hmac-sha256"},
                         exclude=["access_token", "sign_method"], hmac_adds_secret=True,
                         digest="hex-lower")
    params = {"app_key": "7001", "method": "order.searchList", "param_json": '{"page":0}',
              "timestamp": "2024-07-12 10:00:00", "v": "2", "sign_method": "hmac-sha256",
              "access_token": "t"}
    assert sign(settings, params, "s3cret") == scorer.douyin_sign(params, "s3cret")


@pytest.mark.parametrize(("key", "value"), [("pair", "{name}"), ("pair", "{name}={valu}"),
                                            ("secret_as", "&key="), ("pair", "{name")])
def test_a_signing_template_naming_the_wrong_fields_is_refused_with_an_example(
        key: str, value: str) -> None:
    with pytest.raises(ValidationError, match=r"e\.g\."):
        _settings(**{key: value})


def test_an_operation_served_at_its_own_path_is_called_there() -> None:
    profile = WireProfile.model_validate({"operation": {"in": ["query"], "name": "method",
                                                        "path": "dots-as-slashes"},
                                          "request": {"send": "query"}})
    call = build_call(profile, "open.order.cursor.list", {"pageSize": 50}, credentials={},
                      secret=None, now=datetime(2024, 7, 12, tzinfo=UTC))
    assert call.path == "/open/order/cursor/list"


def test_a_gateway_path_and_paths_per_operation_together_are_refused() -> None:
    with pytest.raises(ValidationError, match=r"operation\.path"):
        WireProfile.model_validate({"path": "/router", "operation": {
            "in": ["query"], "name": "method", "path": "dots-as-slashes"}})


def test_lint_names_the_path_an_operation_with_a_path_of_its_own_is_served_at(
        tmp_path: Path) -> None:
    root = write(tmp_path, "doudian")
    contract = root / "contracts" / "doudian" / "2" / "openapi.yaml"
    contract.write_text(contract.read_text(encoding="utf-8").replace(
        "/order/searchList#", "/order/list#"), encoding="utf-8")
    project = find_project(root, explicit=True)
    found = [f for f in lint_contract(ContractCatalog(project), "doudian", "2")
             if f.code == "contract.gateway-convention"]
    assert [(f.location.pointer, f.hint) for f in found] == [
        ("/paths/~1order~1list#order.searchList", "write /order/searchList#order.searchList")]


@pytest.mark.parametrize("include", [["app_key", "method", "param_json", "timestamp", "v"], []])
def test_a_json_body_is_signed_as_the_parameter_it_stands_for(include: list[str]) -> None:
    settings = _settings(exclude=["access_token", "sign_method"], include=include,
                         body_param="param_json", digest="hex-lower")
    body = '{"page":0,"size":20}'
    query = {"app_key": "7001", "method": "order.searchList", "timestamp": "2024-07-12 10:00:00",
             "v": "2", "sign_method": "md5", "access_token": "t"}
    merged = {**query, "page": "0", "size": "20"}  # a JSON body's fields, as verify reads them
    expected = scorer.douyin_sign({**query, "param_json": body}, "s3cret")
    assert sign(settings, merged, "s3cret", body=body) == expected


def test_a_wrong_wire_value_points_at_the_page_listing_every_wire_key(tmp_path: Path) -> None:
    root = write(tmp_path, "kwai")
    settings = root / "pyproject.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'path = "dots-as-slashes"', 'path = "dots"'), encoding="utf-8")
    with pytest.raises(SettingsError) as raised:
        find_project(root, explicit=True)
    assert raised.value.pointer == "tool.seamguard.platforms.kwai.wire.operation.path"
    assert "docs/gateway-platforms.md" in (raised.value.hint or "")


@pytest.mark.parametrize(("path", "method", "expected"), [
    ("/order/searchList", "order.orderDetail", [
        ("operation.path-mismatch", "request:/method", "/order/orderDetail",
         "/order/searchList is the path of order.searchList")]),
    ("/order/orderDetail", "order.searchList", [
        ("operation.path-mismatch", "request:/method", "/order/searchList",
         "/order/orderDetail is the path of order.orderDetail")]),
    ("/order/orderDetail", "order.orderDetail", []),
    ("/order/orderDetail/", "order.orderDetail", []),  # the same endpoint
    ("/order/nothing", "order.orderDetail", [
        ("operation.path-mismatch", "request:/method", "/order/orderDetail",
         "doudian@2 serves no operation at /order/nothing")]),
    ("/order/searchList", "order.searchList", [])])
def test_a_path_naming_another_operation_than_the_method_parameter_is_reported(
        path: str, method: str, expected: list[tuple[str, str, str, str]], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in scorer.ENV.items():
        monkeypatch.setenv(name, value)
    root = write(tmp_path, "doudian")
    contract = root / "contracts" / "doudian" / "2" / "openapi.yaml"
    text = contract.read_text(encoding="utf-8")
    block = text[text.index("  /order/searchList#"):text.index("components:")]
    contract.write_text(text.replace("components:", block.replace(
        "searchList#order.searchList", "orderDetail#order.orderDetail").replace(
        "operationId: order.searchList", "operationId: order.orderDetail") + "components:"),
        encoding="utf-8")
    project = find_project(root, explicit=True)
    case = scorer._case("x", "doudian", path, scorer._dd_call(method=method), None,
                        scorer._dd_ok(), []).case
    interaction = case.interaction(project, 0)
    cassette = Cassette(path=root / "c.yaml", display="c.yaml", interactions=[interaction])
    found = RecordedVerifier(project, ContractCatalog(project)).verify(cassette, interaction)
    assert [(f.code, f.location.pointer, f.expected, f.message.rsplit("; ", 1)[-1])
            for f in found] == expected
    assert all(method in f.message and path in f.message and f.hint for f in found)
