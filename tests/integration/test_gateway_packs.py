"""The example project's gateway packs (Taobao TOP, JD, Pinduoduo, SF Fengqiao): their recorded
signatures verify with the test secrets, no demo person reaches a cassette, and each kind of
defect planted in a copy of the project turns ``seamguard check`` red with the right code at
the right place, inside embedded JSON where the defect is."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

import pytest
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.wire.calls import resign_recorded
from tests.support.gateway_examples import RECEIVERS
from tests.support.projects import REPO, copy_example, load_cassette, save_cassette
from tests.support.record_gateways import SECRET_ENV, secret_of, settings

runner = CliRunner()
GATEWAYS = ("taobao", "jd", "pinduoduo", "sf-fengqiao")


def run(root: Path, command: str) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, [*command.split(), "--project", str(root), "--format", "json"])
    return result.exit_code, json.loads(result.output)["findings"]


def gateway_requests(root: Path) -> int:
    """How many recorded calls go to one of the four gateways."""
    bases = tuple(settings(name).base_url for name in GATEWAYS)
    return sum(item["request"]["uri"].startswith(bases)
               for path in (root / "fixtures" / "cassettes").rglob("*.yaml")
               for item in load_cassette(path)["interactions"])


def test_recorded_signatures_verify_with_the_test_secrets(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, secret in SECRET_ENV.items():
        monkeypatch.setenv(name, secret)
    code, findings = run(example, "verify")
    assert code == 0
    assert [f for f in findings if f["code"].startswith("signature.")] == []
    for name in SECRET_ENV:
        monkeypatch.setenv(name, "not-the-secret")
    code, findings = run(example, "verify")
    assert code == 1
    invalid = [f for f in findings if f["code"] == "signature.invalid"]
    assert len(invalid) == gateway_requests(example) >= 20
    assert {f["location"]["platform"] for f in invalid} == set(GATEWAYS)
    assert all("not-the-secret" not in json.dumps(f, ensure_ascii=False) for f in findings)


def test_without_secrets_signatures_are_said_to_be_unchecked(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in SECRET_ENV:
        monkeypatch.delenv(name, raising=False)
    code, findings = run(example, "verify")
    assert code == 0
    unchecked = [f for f in findings if f["code"] == "signature.unchecked"]
    assert {f["severity"] for f in unchecked} == {"info"}
    assert len(unchecked) == len(GATEWAYS)


def _texts(text: str) -> Iterator[str]:
    """The cassette text, URL-decoded, and every JSON document found inside it."""
    yield text
    decoded = unquote_plus(text)
    yield decoded
    for match in re.finditer(r"'(\{.*?\})'\n", decoded):
        try:
            yield json.dumps(json.loads(match.group(1).replace("''", "'")), ensure_ascii=False)
        except ValueError:
            continue


def test_no_demo_person_reaches_a_cassette() -> None:
    texts = [piece for path in sorted((REPO / "fixtures" / "cassettes").rglob("*.yaml"))
             for piece in _texts(path.read_text(encoding="utf-8"))]
    # the search sees inside form-encoded JSON: the sender's company SF is told is in clear
    assert any("Seamguard 演示店" in text for text in texts)
    for receiver in RECEIVERS.values():
        digits = re.sub(r"\D", "", receiver.mobile)[-11:]
        for needle in (receiver.name, digits, digits[3:], receiver.address[:8]):
            assert not any(needle in text for text in texts), (receiver.key, needle)


# --- planted defects ---------------------------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _json_body(item: dict[str, Any], change: Callable[[Any], Any]) -> None:
    response = item["response"]["body"]
    response["string"] = json.dumps(change(json.loads(response["string"])), ensure_ascii=False)


def _inner(field: str, change: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Change the JSON document inside the string ``field`` of a body."""
    def apply(body: Any) -> Any:
        body[field] = json.dumps(change(json.loads(body[field])), ensure_ascii=False)
        return body
    return apply


def _set(path: str, value: Any) -> Callable[[Any], Any]:
    def apply(document: Any) -> Any:
        node = document
        *parents, last = path.split("/")
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value
        return document
    return apply


def _param(name: str, change: Callable[[str], str]) -> Mutation:
    """Change one request parameter where it is, in the query string or the form body."""
    def apply(item: dict[str, Any]) -> None:
        request = item["request"]
        parts = urlsplit(request["uri"])
        query = parse_qsl(parts.query, keep_blank_values=True)
        if any(key == name for key, _ in query):
            query = [(k, change(v) if k == name else v) for k, v in query]
            request["uri"] = urlunsplit(parts._replace(query=urlencode(query)))
            return
        form = parse_qsl(request["body"], keep_blank_values=True)
        assert any(key == name for key, _ in form), name
        request["body"] = urlencode([(k, change(v) if k == name else v) for k, v in form])
    return apply


def _signed(platform: str, mutation: Mutation) -> Mutation:
    """``mutation``, then the request signed again: the parameters are the only defect."""
    signing = settings(platform).wire.signing
    assert signing is not None

    def apply(item: dict[str, Any]) -> None:
        mutation(item)
        request = item["request"]
        request["uri"], request["body"] = resign_recorded(
            signing, secret_of(platform), request["uri"], request["body"])
    return apply


def _push(change: Callable[[Any], Any]) -> Mutation:
    def apply(item: dict[str, Any]) -> None:
        item["request"]["body"] = json.dumps(change(json.loads(item["request"]["body"])),
                                             ensure_ascii=False)
    return apply


def _response(change: Callable[[Any], Any]) -> Mutation:
    return lambda item: _json_body(item, change)


def _replace_response(body: Any) -> Mutation:
    return lambda item: _json_body(item, lambda _: body)


# (id, cassette, interaction, mutation, code, pointer or None, words the message must hold)
DEFECTS: list[tuple[str, str, int, Mutation, str, str | None, tuple[str, ...]]] = [
    ("wrong-type-inside-apiResultData", "sf-fengqiao/std-service.yaml", 0,
     _response(_inner("apiResultData", _set("msgData/originCode", 21))),
     "field.wrong-type", "/apiResultData⟨json⟩/msgData/originCode", ("string",)),
    ("wrong-type-deep-inside-a-route", "sf-fengqiao/std-service.yaml", 4,
     _response(_inner("apiResultData", _set("msgData/routeResps/0/routes/2/opCode", 31))),
     "field.wrong-type", "/apiResultData⟨json⟩/msgData/routeResps/0/routes/2/opCode", ("31",)),
    ("wrong-type-inside-360buy_param_json", "jd/pop-orders-2.0.yaml", 0,
     _signed("jd", _param("360buy_param_json",
                         lambda text: text.replace('"page":"1"', '"page":1'))),
     "field.wrong-type", "request:/360buy_param_json⟨json⟩/page", ("string",)),
    ("money-as-text-on-pinduoduo", "pinduoduo/orders-V1.yaml", 1,
     _response(_set("order_info_get_response/order_info/pay_amount", "516.00")),
     "field.wrong-type", "/order_info_get_response/order_info/pay_amount", ("number",)),
    ("in-band-error_response", "taobao/top-2.0.yaml", 10,
     _replace_response({"error_response": {"code": 27, "msg": "Invalid session",
                                           "sub_code": "invalid-sessionkey",
                                           "request_id": "10ssmz8y2lwfd"}}),
     "response.in-band-error", "/error_response", ("27", "Invalid session")),
    # Pinduoduo's error answer as its SDK samples show it: sub_code null, sub_msg empty.
    ("in-band-error_response-on-pinduoduo", "pinduoduo/orders-V1.yaml", 0,
     _replace_response({"error_response": {"error_msg": "时间跨度不能超过24小时",
                                           "sub_msg": "", "sub_code": None, "error_code": 50001,
                                           "request_id": "15464049615056181"}}),
     "response.in-band-error", "/error_response", ("50001", "时间跨度不能超过24小时")),
    ("shipment-verdict-as-text-on-pinduoduo", "pinduoduo/orders-V1.yaml", 3,
     _response(_set("logistics_online_send_response/is_success", "true")),
     "field.wrong-type", "/logistics_online_send_response/is_success", ("boolean",)),
    ("undocumented-apiResultCode", "sf-fengqiao/std-service.yaml", 1,
     _replace_response({"apiResultCode": "A1006", "apiErrorMsg": "数字签名无效",
                        "apiResponseID": "0001904F0E5F7C3A", "apiResultData": None}),
     "response.in-band-error", "/apiResultCode", ("A1006", "数字签名无效")),
    ("unknown-envelope", "pinduoduo/orders-V1.yaml", 2,
     _response(lambda body: {"order_list_get_response": body["order_info_get_response"]}),
     "response.unknown-envelope", "/order_info_get_response", ("order_info_get_response",)),
    ("bad-sign", "taobao/top-2.0.yaml", 11, _param("sign", lambda _: "0" * 32),
     "signature.invalid", "request:/sign", ("00000000",)),
    ("bad-msgDigest", "sf-fengqiao/std-service.yaml", 5,
     _param("msgDigest", lambda _: "AAAAAAAAAAAAAAAAAAAAAA=="), "signature.invalid",
     "request:/msgDigest", ("AAAAAAAA",)),
    ("unknown-method", "taobao/top-2.0.yaml", 9,
     _signed("taobao", _param("method", lambda _: "taobao.trades.sold.gett")),
     "operation.undocumented", "request:/method", ("taobao.trades.sold.gett",)),
    ("wrong-type-inside-a-TOP-message", "taobao/tmc-relay.yaml", 0,
     _push(_inner("content", _set("payment", 536))), "field.wrong-type",
     "/content⟨json⟩/payment", ("string",)),
    ("TOP-message-content-not-JSON", "taobao/tmc-relay.yaml", 1,
     _push(_set("content", "{tid: 3845120936412538")), "body.embedded-not-json", "/content",
     ()),
]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[dict[str, Any]]]:
    """One copy of the example with every defect planted, and what `seamguard check` says."""
    root = copy_example(tmp_path_factory.mktemp("planted") / "example")
    cassettes = root / "fixtures" / "cassettes"
    for _, cassette, index, mutate, *_ in DEFECTS:
        data = load_cassette(cassettes / cassette)
        mutate(data["interactions"][index])
        save_cassette(cassettes / cassette, data)
    with pytest.MonkeyPatch.context() as patch:
        for name, secret in SECRET_ENV.items():
            patch.setenv(name, secret)
        return run(root, "check")


@pytest.mark.parametrize(("cassette", "index", "code", "pointer", "words"),
                         [pytest.param(*d[1:3], *d[4:], id=d[0]) for d in DEFECTS])
def test_a_planted_defect_is_reported_where_it_is(
    planted: tuple[int, list[dict[str, Any]]], cassette: str, index: int, code: str,
    pointer: str | None, words: tuple[str, ...],
) -> None:
    exit_code, findings = planted
    assert exit_code == 1
    here = [f for f in findings
            if f["location"].get("file") == f"fixtures/cassettes/{cassette}"
            and f["location"].get("interaction") == index and f["severity"] == "error"]
    assert [f["code"] for f in here] == [code]
    assert here[0]["location"].get("pointer") == pointer
    for word in words:
        assert word in here[0]["message"]


def test_nothing_but_the_planted_defects_is_an_error(
    planted: tuple[int, list[dict[str, Any]]],
) -> None:
    _, findings = planted
    errors = {(f["location"].get("file"), f["location"].get("interaction"))
              for f in findings if f["severity"] == "error"}
    assert errors == {(f"fixtures/cassettes/{d[1]}", d[2]) for d in DEFECTS}


def test_an_unknown_method_suggests_the_documented_one(
    planted: tuple[int, list[dict[str, Any]]],
) -> None:
    _, findings = planted
    [undocumented] = [f for f in findings if f["code"] == "operation.undocumented"]
    assert "'taobao.trades.sold.get'" in (undocumented["hint"] or "")


# --- the contracts' own examples ---------------------------------------------------------------


def _examples(contract: Any) -> Iterator[tuple[str, Any, Any]]:
    """(where, schema ref, example value) for every example of a request, response or push."""
    from seamguard.documents import escape_pointer

    for operation in contract.operations:
        raw: Any = contract.document
        for token in operation.pointer.strip("/").split("/"):
            raw = raw[token.replace("~1", "/").replace("~0", "~")]
        places = [(f"request {media}", spec, (raw.get("requestBody") or {})
                   .get("content", {}).get(media, {}))
                  for media, spec in operation.request.items()]
        places += [(f"{status} {media}", spec, raw["responses"][status]["content"][media])
                   for status, response in operation.responses.items()
                   for media, spec in response.content.items()]
        for where, spec, media_raw in places:
            for name, example in (media_raw.get("examples") or {}).items():
                yield (f"{operation.label} {where} {escape_pointer(name)}", spec.schema,
                       example["value"])
    for name, schema in contract.document["components"]["schemas"].items():
        for example in schema.get("examples") or []:
            if isinstance(example, dict):
                yield f"#/components/schemas/{name}", contract.root(
                    f"#/components/schemas/{name}"), example


@pytest.mark.parametrize("platform", GATEWAYS)
def test_every_example_in_a_pack_contract_is_valid(platform: str) -> None:
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.contracts.validation import violations
    from seamguard.project import find_project

    project = find_project(REPO, explicit=True)
    contract = ContractCatalog(project).load(platform, project.settings.platforms[platform]
                                             .versions[0])
    examples = list(_examples(contract))
    assert examples
    for where, ref, value in examples:
        assert [(v.pointer, v.message) for v in violations(contract, ref, value)] == [], where


def _keywords_without_value(node: Any, path: str = "") -> Iterator[str]:
    """Schema keys holding null: what YAML makes of an unquoted flow-mapping text with a comma
    (``{type: string, description: SKU id, as text.}`` has a key ``as text.``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("examples", "example", "default", "const", "enum"):
                continue
            if value is None and not path.endswith("/properties"):
                yield f"{path}/{key}"
            yield from _keywords_without_value(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _keywords_without_value(value, f"{path}/{index}")


@pytest.mark.parametrize("platform", GATEWAYS)
def test_no_pack_schema_holds_a_text_cut_into_a_key(platform: str) -> None:
    import yaml

    [path] = (REPO / "contracts" / platform).glob("*/openapi.yaml")
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(_keywords_without_value(document["components"]["schemas"])) == []
