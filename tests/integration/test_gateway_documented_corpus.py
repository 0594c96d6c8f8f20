"""A generated corpus of the gateway packs' operations in every shape their platforms document
(tests/support/gateway_documented.py: each documented field filled with a realistic value),
recorded the way the packs' cassettes are recorded (seamguard's live client builds and signs each
call, vcrpy stores it, the privacy layer scrubs it and the test secret signs it again) and checked
by ``seamguard verify``: the documented shapes give no finding at all, and one planted contract
violation of each kind gives exactly its finding, code and pointer."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import httpx
import pytest
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support import gateway_documented as documented
from tests.support.projects import copy_example
from tests.support.record_examples import RECEIVER_ORIGIN, Scenario, recorder
from tests.support.record_gateways import (
    SECRET_ENV,
    Clock,
    GatewayClient,
    resign,
    scrub_policy,
    settings,
)
from tests.support.servers import serve

FOLDER = "fixtures/cassettes/documented"


class Call(NamedTuple):
    operation: str  # the gateway operation, or a push path for ``push``
    business: dict[str, Any]  # the operation's own parameters (a push's payload)
    answer: Any  # what the platform answers (the receiver's acknowledgement for a push)


# --- the documented answers ------------------------------------------------------------------


def _wrap(key: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {key: {**payload, "request_id": "16mkzzbqb0dan"}}


def taobao_calls(seed: int) -> list[Call]:
    top = documented.top_filler(seed)
    trades = [top.fill("Trade") for _ in range(2)]
    refunds = [top.fill("Refund") for _ in range(2)]
    window = {"start_modified": "2024-07-12 09:00:00", "end_modified": "2024-07-12 09:30:00",
              "page_no": 1, "page_size": 40, "use_has_next": True}
    page = {"total_results": 2, "has_next": False, "trades": {"trade": trades}}
    return [
        Call("taobao.trade.fullinfo.get", {"fields": "tid,orders", "tid": trades[0]["tid"]},
             _wrap("trade_fullinfo_get_response", {"trade": trades[0]})),
        Call("taobao.trades.sold.get", {"fields": "tid,orders", "start_created":
                                        "2024-07-12 00:00:00", "page_no": 1, "page_size": 40},
             _wrap("trades_sold_get_response", page)),
        Call("taobao.trades.sold.increment.get", {"fields": "tid,orders", **window},
             _wrap("trades_sold_increment_get_response", page)),
        Call("taobao.refunds.receive.get", {"fields": "refund_id,tid,status", **window},
             _wrap("refunds_receive_get_response", {"total_results": 2, "has_next": False,
                                                    "refunds": {"refund": refunds}})),
        Call("taobao.refund.get", {"fields": "refund_id,tid,status",
                                   "refund_id": refunds[0]["refund_id"]},
             _wrap("refund_get_response", {"refund": refunds[0]})),
        Call("taobao.logistics.offline.send", {"tid": trades[0]["tid"], "out_sid":
                                               "SF1462053916511", "company_code": "SF"},
             _wrap("logistics_offline_send_response", {"shipping": {"is_success": True}})),
    ]


def unwrapped(value: Any) -> Any:
    """A TOP answer as simplify=true sends it: each list without its wrapper object."""
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(next(iter(value.values())), list):
            return [unwrapped(item) for item in next(iter(value.values()))]
        return {key: unwrapped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [unwrapped(item) for item in value]
    return value


def taobao_simplified_calls(seed: int) -> list[Call]:
    """The same operations with simplify=true: no `…_response` key, bare lists."""
    simplified = []
    for call in taobao_calls(seed)[:4]:
        [(_, payload)] = call.answer.items()
        simplified.append(Call(call.operation, {**call.business, "simplify": "true"},
                               unwrapped(payload)))
    return simplified


def pinduoduo_calls(seed: int) -> list[Call]:
    pdd = documented.pdd_filler(seed)
    orders = [pdd.fill("OrderInfo") for _ in range(2)]
    window = {"order_status": 5, "refund_status": 5, "page": 1, "page_size": 100,
              "use_has_next": True}
    return [
        Call("pdd.order.list.get", {**window, "start_confirm_at": 1720745000,
                                    "end_confirm_at": 1720746800},
             {"order_list_get_response": {"total_count": 2, "has_next": False,
                                          "order_list": orders, "request_id": "r1"}}),
        Call("pdd.order.number.list.increment.get", {
            **window, "start_updated_at": 1720745000, "end_updated_at": 1720746800,
            "is_lucky_flag": 0, "trade_type": 0},
             {"order_sn_increment_get_response": {"total_count": 2, "has_next": False,
                                                  "order_sn_list": orders,
                                                  "request_id": "r2"}}),
        Call("pdd.order.information.get", {"order_sn": orders[0]["order_sn"]},
             {"order_info_get_response": {"order_info": {**orders[0], "store_info": {
                 "store_id": 5120934, "store_name": "浦东店", "store_number": "SH-01"}},
                 "request_id": "r3"}}),
    ]


def _verdict() -> dict[str, Any]:
    return {"success": True, "englishErrCode": "success", "chineseErrCode": "成功",
            "numberCode": 10100000}


def jd_calls(seed: int) -> list[Call]:
    jd = documented.jd_filler(seed)
    orders = [jd.fill("OrderInfo") for _ in range(2)]
    return [
        Call("jingdong.pop.order.search", {
            "start_date": "2024-07-12 00:00:00", "end_date": "2024-07-12 23:59:59",
            "order_state": ",".join(documented.JD_STATES), "optional_fields": "orderId",
            "page": "1", "page_size": "20", "sortType": 1, "dateType": 0},
             {"jingdong_pop_order_search_responce": {"code": "0", "searchorderinfo_result": {
                 "apiResult": _verdict(), "orderTotal": 2, "orderInfoList": orders}}}),
        Call("jingdong.pop.order.get", {"order_id": orders[0]["orderId"],
                                        "optional_fields": "orderId,orderState"},
             {"jingdong_pop_order_get_responce": {"code": "0", "orderDetailInfo": {
                 "apiResult": _verdict(), "orderInfo": orders[0]}}}),
    ]


def sf_answer(msg_data: Any, *, success: bool = True, code: str = "S0000") -> dict[str, Any]:
    inner = {"success": success, "errorCode": code,
             "errorMsg": None if success else "传入了不可发货的月结卡号", "msgData": msg_data}
    return {"apiResultCode": "A1000", "apiErrorMsg": "",
            "apiResponseID": "0001727E2494543FEA449BF48D24123F",
            "apiResultData": json.dumps(inner, ensure_ascii=False)}


def sf_order(sf: documented.Filler) -> dict[str, Any]:
    order = sf.fill("CreateOrderMsgData")
    for number, contact in enumerate(order["contactInfoList"], start=1):
        contact["contactType"] = number  # the sender, then the receiver
    return order


def sf_calls(seed: int) -> list[Call]:
    sf = documented.sf_filler(seed)
    order = sf_order(sf)
    result = {**sf.fill("CreateOrderResult"), "orderId": order["orderId"]}
    routes = sf.fill("RouteResult")
    return [
        Call("EXP_RECE_CREATE_ORDER", order, sf_answer(result)),
        Call("EXP_RECE_SEARCH_ROUTES", {
            "language": "0", "trackingType": "1", "methodType": "1", "checkPhoneNo": "5678",
            "trackingNumber": [resp["mailNo"] for resp in routes["routeResps"]]},
             sf_answer(routes)),
    ]


def sf_push_calls(seed: int) -> list[Call]:
    sf = documented.sf_filler(seed)
    events = [sf.fill("RouteEvent") for _ in range(3)]
    return [Call("/webhooks/sf-fengqiao/route-push", {"Body": {"WaybillRoute": events}},
                 {"return_code": "0000", "return_msg": "成功"})]


def sample_quirk_calls(seed: int) -> dict[str, list[Call]]:
    """Shapes the platforms' own samples use that a strict reading of the field tables would
    reject: SF's Hong Kong create-order sample (language CH-zh, the product as text, the net
    weight as text, no monthly card, area codes as countries), older 12-digit waybill numbers
    in a route query, a JD local-service order waiting for its code, a Pinduoduo order
    without a flag."""
    sf = documented.sf_filler(seed)
    order = sf_order(sf)
    order.update(language="CH-zh", expressTypeId="276", totalNetWeight="12.1", monthlyCard="",
                 volume=8.0)
    order["contactInfoList"][0].update(country="852", zoneCode="")
    order["contactInfoList"][1].update(country="86", zoneCode="")
    waybills = ["444003077898", "441003077850"]
    routes = {"routeResps": [{"mailNo": number, "routes": [sf.fill("Route")]}
                             for number in waybills]}
    jd = jd_calls(seed)[1]
    jd.answer["jingdong_pop_order_get_responce"]["orderDetailInfo"]["orderInfo"][
        "orderState"] = "WAIT_SEND_CODE"
    pdd = pinduoduo_calls(seed)[2]
    pdd.answer["order_info_get_response"]["order_info"].update(remark_tag=0,
                                                               remark_tag_name="")
    # PDD's own order example: not shipped yet, so the shipping and receiving times are "",
    # and the identity-card fields of its older answers, empty
    unshipped = _copy(pinduoduo_calls(seed)[2])
    unshipped.answer["order_info_get_response"]["order_info"].update(
        order_status=1, shipping_time="", receive_time="", id_card_num="", id_card_name="")
    result = {**sf.fill("CreateOrderResult"), "orderId": order["orderId"]}
    # The create-order page's own JSON example: language zh_CN, a count with decimals, and an
    # answer whose newer fields are null
    page = sf_order(sf)
    page.update(language="zh_CN")
    page["cargoDetails"][0].update(count=2.365, amount=10000.5111, currency="HKD")
    answered = {**sf.fill("CreateOrderResult"), "orderId": page["orderId"],
                "sendStartTm": None, "customerRights": None, "expressTypeId": None}
    for label in answered["routeLabelInfo"]:
        label["routeLabelData"].update(dict.fromkeys(SF_NEWER_LABEL_FIELDS))
    return {
        "sf-fengqiao": [
            Call("EXP_RECE_CREATE_ORDER", order, sf_answer(result)),
            Call("EXP_RECE_SEARCH_ROUTES", {"language": "0", "trackingType": "1",
                                            "methodType": "1", "trackingNumber": waybills},
                 sf_answer(routes)),
            Call("EXP_RECE_CREATE_ORDER", page, sf_answer(answered))],
        "jd": [jd], "pinduoduo": [pdd, unshipped], "hooks": sf_logged_pushes(seed)}


SF_NEWER_LABEL_FIELDS = ("sendAreaCode", "destinationStationCode", "sxLabelDestCode",
                         "sxDestTransferCode", "sxCompany", "rongType")


def sf_logged_pushes(seed: int) -> list[Call]:
    """Pushes as an integration's log of SF's sandbox shows them: a sign-off route event
    without an address or reason, order states with SF's detail codes (04-40001) and an empty
    last time."""
    sf = documented.sf_filler(seed)
    signed_off = {**sf.fill("RouteEvent"), "opCode": "80", "acceptAddress": None,
                  "reasonCode": None, "reasonName": None}
    states = [{"orderNo": "OrderNum20240712", "waybillNo": "SF7444496931331",
               "orderStateCode": code, "orderStateDesc": desc, "empCode": "500003",
               "empPhone": "13600000003", "netCode": "755FG", "lastTime": last,
               "bookTime": "", "carrierCode": "SF", "createTm": "2024-07-12 15:12:33"}
              for code, desc, last in (("04-40001", "调度成功/收派员信息", "2024-07-12 15:12:33"),
                                       ("04-40037", "下单已接收", ""),
                                       ("05-40003", "已正常收件状态", "2024-07-12 15:13:13"))]
    return [Call("/webhooks/sf-fengqiao/route-push", {"Body": {"WaybillRoute": [signed_off]}},
                 {"return_code": "0000", "return_msg": "成功"}),
            Call("/webhooks/sf-fengqiao/order-state", {
                "requestId": "39f6e3095bc849c68fedd98f0ce35adb", "timestamp": "1720768353248",
                "orderState": states}, {"success": "true", "code": "0", "msg": ""})]


# --- recording ---------------------------------------------------------------------------------


@contextmanager
def _answering(answers: list[Any]) -> Iterator[str]:
    """A local server that answers each request with the next of ``answers``."""
    pending = list(answers)

    async def answer(request: Request) -> Response:
        await request.body()
        return Response(json.dumps(pending.pop(0), ensure_ascii=False),
                        media_type="application/json;charset=UTF-8")

    with serve(Starlette(routes=[Route("/{path:path}", answer, methods=["GET", "POST"])]),
               date_header=False, server_header=False) as origin:
        yield origin


def record(path: Path, platform: str, calls: list[Call]) -> Path:
    """One cassette of ``calls`` to ``platform`` (a gateway, or "hooks" for pushes)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    policy = scrub_policy()

    def run(local: str) -> None:
        if platform == "hooks":
            with httpx.Client(base_url=local, timeout=10) as http:
                for call in calls:
                    http.post(call.operation, content=json.dumps(
                        call.business, ensure_ascii=False).encode(), headers={
                        "Content-Type": "application/json;charset=UTF-8"}).raise_for_status()
            return
        with GatewayClient(local, platform, Clock("2024-07-12 09:31:00"),
                           query_common=platform == "taobao") as client:
            for call in calls:
                client.call(call.operation, call.business)

    with _answering([call.answer for call in calls]) as origin:
        if platform == "hooks":
            scenario = Scenario(path.name, RECEIVER_ORIGIN, run, "", policy)
        else:
            scenario = Scenario(path.name, settings(platform).base_url, run, "", policy,
                                (resign(platform),))
        with recorder(origin, scenario).use_cassette(str(path)):
            run(origin)
    return path


def tamper(path: Path, interaction: int, edit: Callable[[str], str]) -> None:
    """Change one stored request body after recording (what a broken client would have sent)."""
    cassette = yaml.safe_load(path.read_text(encoding="utf-8"))
    request = cassette["interactions"][interaction]["request"]
    request["body"] = edit(request["body"])
    path.write_text(yaml.safe_dump(cassette, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


SEED = 20240712
DOCUMENTED = {"taobao": taobao_calls, "pinduoduo": pinduoduo_calls, "jd": jd_calls,
              "sf-fengqiao": sf_calls, "hooks": sf_push_calls}


# --- planted violations: one of each kind ---------------------------------------------------


def _copy(call: Call) -> Call:
    return Call(*json.loads(json.dumps(list(call), ensure_ascii=False)))


def planted_calls(seed: int) -> dict[str, list[tuple[str, Call]]]:
    """Per platform, (name, call) pairs each carrying one contract violation."""
    top = taobao_calls(seed)
    fullinfo, sold = _copy(top[0]), _copy(top[1])
    order = fullinfo.answer["trade_fullinfo_get_response"]["trade"]["orders"]["order"][1]
    order["payment"] = float(order["payment"])  # money as a number, deep in the trade
    sold.answer["trades_sold_get_response"]["trades"]["trade"][0]["status"] = "TRADE_SUCCESS"
    simple = _copy(taobao_simplified_calls(seed)[0])
    simple.answer["trade"]["orders"][1]["num"] = "2"
    pdd = pinduoduo_calls(seed)
    increment, info, listed = _copy(pdd[1]), _copy(pdd[2]), _copy(pdd[0])
    del increment.answer["order_sn_increment_get_response"]["order_sn_list"][0]["updated_at"]
    listed.answer["order_list_get_response"]["order_list"][1]["order_status"] = 4
    late = _copy(pdd[2])
    late.answer["order_info_get_response"]["order_info"]["shipping_time"] = "2024/07/12 10:00"
    refused = Call(info.operation, info.business, {"error_response": {
        "error_code": 10019, "error_msg": "access_token已过期", "sub_code": None,
        "sub_msg": None, "request_id": "r9"}})
    jd = jd_calls(seed)
    search, get = _copy(jd[0]), _copy(jd[1])
    first = search.answer["jingdong_pop_order_search_responce"]["searchorderinfo_result"]
    first["orderInfoList"][0]["itemInfoList"][1]["jdPrice"] = 268.0
    get.answer["jingdong_pop_order_get_responce"]["orderDetailInfo"]["orderInfo"][
        "orderState"] = "WAIT_SELLER_PAY"
    sf = sf_calls(seed)
    created = _copy(sf[0])
    inner = json.loads(created.answer["apiResultData"])
    inner["msgData"]["waybillNoInfoList"][0]["waybillType"] = "1"
    typed = Call(created.operation, created.business,
                 {**created.answer, "apiResultData": json.dumps(inner, ensure_ascii=False)})
    request = _copy(sf[0]).business
    request["contactInfoList"][1]["contactType"] = "2"
    push = _copy(sf_push_calls(seed)[0])
    push.business["Body"]["WaybillRoute"][2]["opCode"] = 80
    state = _copy(sf_logged_pushes(seed)[1])
    state.business["orderState"][1]["orderStateCode"] = "04_40037"
    return {
        "taobao": [("top-money-as-number", fullinfo), ("top-status-outside-the-enum", sold),
                   ("top-simplified-count-as-text", simple),
                   ("top-unknown-method", Call("taobao.trades.sold.gets", top[1].business,
                                               top[1].answer))],
        "pinduoduo": [("pdd-required-field-missing", increment),
                      ("pdd-error-envelope", refused), ("pdd-status-outside-the-enum", listed),
                      ("pdd-bad-sign", pdd[2]), ("pdd-time-in-another-format", late)],
        "jd": [("jd-money-as-number", search), ("jd-state-outside-the-enum", get)],
        "sf-fengqiao": [
            ("sf-wrong-type-inside-apiResultData", typed),
            ("sf-wrong-type-inside-msgData", Call(sf[0].operation, request, sf[0].answer)),
            ("sf-business-refusal", Call(sf[0].operation, sf[0].business,
                                         sf_answer(None, success=False, code="8114"))),
            ("sf-unknown-serviceCode", Call("EXP_RECE_SEARCH_ROUTE", sf[1].business,
                                            sf[1].answer)),
            ("sf-bad-digest", sf[1])],
        "hooks": [("sf-push-opCode-as-number", push), ("sf-order-state-code-misspelt", state)],
    }


def _bad_sign(body: str) -> str:
    return re.sub(r"(^|&)sign=[0-9A-F]+", r"\1sign=" + "0" * 32, body)


def _bad_digest(body: str) -> str:
    return re.sub(r"(^|&)msgDigest=[^&]+", r"\1msgDigest=" + "A" * 22 + "%3D%3D", body)


# (name) -> [(code, pointer)]: exactly the findings each planted call must give
EXPECTED: dict[str, list[tuple[str, str | None]]] = {
    "top-money-as-number": [
        ("field.wrong-type", "/trade_fullinfo_get_response/trade/orders/order/1/payment")],
    "top-status-outside-the-enum": [
        ("field.unknown-enum", "/trades_sold_get_response/trades/trade/0/status")],
    "top-simplified-count-as-text": [("field.wrong-type", "/trade/orders/1/num")],
    "top-unknown-method": [("operation.undocumented", "request:/method")],
    "pdd-required-field-missing": [
        ("field.missing", "/order_sn_increment_get_response/order_sn_list/0/updated_at")],
    "pdd-error-envelope": [("response.in-band-error", "/error_response")],
    "pdd-status-outside-the-enum": [
        ("field.unknown-enum", "/order_list_get_response/order_list/1/order_status")],
    "pdd-bad-sign": [("signature.invalid", "request:/sign")],
    "pdd-time-in-another-format": [
        ("field.wrong-format", "/order_info_get_response/order_info/shipping_time")],
    "jd-money-as-number": [
        ("field.wrong-type", "/jingdong_pop_order_search_responce/searchorderinfo_result/"
                             "orderInfoList/0/itemInfoList/1/jdPrice")],
    "jd-state-outside-the-enum": [
        ("field.unknown-enum",
         "/jingdong_pop_order_get_responce/orderDetailInfo/orderInfo/orderState")],
    "sf-wrong-type-inside-apiResultData": [
        ("field.wrong-type", "/apiResultData⟨json⟩/msgData/waybillNoInfoList/0/waybillType")],
    "sf-wrong-type-inside-msgData": [
        ("field.wrong-type", "request:/msgData⟨json⟩/contactInfoList/1/contactType")],
    "sf-business-refusal": [("response.in-band-error", "/apiResultData⟨json⟩/success")],
    "sf-unknown-serviceCode": [("operation.undocumented", "request:/serviceCode")],
    "sf-bad-digest": [("signature.invalid", "request:/msgDigest")],
    "sf-push-opCode-as-number": [("field.wrong-type", "/Body/WaybillRoute/2/opCode")],
    "sf-order-state-code-misspelt": [("field.wrong-format", "/orderState/1/orderStateCode")],
}


# --- the run -----------------------------------------------------------------------------------


class Corpus(NamedTuple):
    root: Path
    findings: list[dict[str, Any]]
    planted: dict[str, tuple[str, int]]  # name -> (cassette file, interaction)

    def at(self, file: str, interaction: int | None = None) -> list[dict[str, Any]]:
        return [f for f in self.findings if f["location"].get("file") == file
                and (interaction is None or f["location"].get("interaction") == interaction)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = copy_example(tmp_path_factory.mktemp("documented") / "example")
    folder = root / FOLDER
    for platform, calls in DOCUMENTED.items():
        record(folder / f"{platform}.yaml", platform, calls(SEED))
    record(folder / "taobao-simplified.yaml", "taobao", taobao_simplified_calls(SEED))
    for platform, calls in sample_quirk_calls(SEED).items():
        record(folder / f"quirks-{platform}.yaml", platform, calls)
    planted: dict[str, tuple[str, int]] = {}
    for platform, named in planted_calls(SEED).items():
        path = record(folder / f"planted-{platform}.yaml", platform, [c for _, c in named])
        for index, (name, _) in enumerate(named):
            planted[name] = (f"{FOLDER}/{path.name}", index)
    tamper(folder / "planted-pinduoduo.yaml", planted["pdd-bad-sign"][1], _bad_sign)
    tamper(folder / "planted-sf-fengqiao.yaml", planted["sf-bad-digest"][1], _bad_digest)
    with pytest.MonkeyPatch.context() as patch:
        for name, secret in SECRET_ENV.items():
            patch.setenv(name, secret)
        result = CliRunner().invoke(app, ["verify", "--project", str(root), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return Corpus(root, json.loads(result.output)["findings"], planted)


@pytest.mark.parametrize("platform", list(DOCUMENTED))
def test_every_documented_field_verifies_clean(corpus: Corpus, platform: str) -> None:
    found = corpus.at(f"{FOLDER}/{platform}.yaml")
    assert [(f["code"], f["location"].get("pointer"), f["message"]) for f in found] == []


def test_simplified_top_answers_verify_clean(corpus: Corpus) -> None:
    found = corpus.at(f"{FOLDER}/taobao-simplified.yaml")
    assert [(f["code"], f["location"].get("pointer"), f["message"]) for f in found] == []


@pytest.mark.parametrize("platform", ["sf-fengqiao", "jd", "pinduoduo", "hooks"])
def test_the_quirks_of_the_platforms_own_samples_verify_clean(corpus: Corpus,
                                                              platform: str) -> None:
    found = corpus.at(f"{FOLDER}/quirks-{platform}.yaml")
    assert [(f["code"], f["location"].get("pointer"), f["message"]) for f in found] == []


@pytest.mark.parametrize("name", list(EXPECTED))
def test_a_planted_violation_gives_exactly_its_finding(corpus: Corpus, name: str) -> None:
    file, interaction = corpus.planted[name]
    found = [(f["code"], f["location"].get("pointer"))
             for f in corpus.at(file, interaction) if f["severity"] != "info"]
    assert found == EXPECTED[name]


def test_the_recordings_carry_every_documented_field(corpus: Corpus) -> None:
    """The clean verdict covers every fact: no field was lost between generator and cassette."""
    cassette = yaml.safe_load((corpus.root / FOLDER / "taobao.yaml").read_text(encoding="utf-8"))
    body = json.loads(cassette["interactions"][0]["response"]["body"]["string"])
    trade = body["trade_fullinfo_get_response"]["trade"]
    assert set(trade) == set(documented.TOP["Trade"])
    assert set(trade["orders"]["order"][0]) == set(documented.TOP["Order"])
    cassette = yaml.safe_load((corpus.root / FOLDER / "sf-fengqiao.yaml").read_text(
        encoding="utf-8"))
    inner = json.loads(json.loads(cassette["interactions"][0]["response"]["body"]["string"])[
        "apiResultData"])
    assert set(inner["msgData"]) == set(documented.SF["CreateOrderResult"])
    label = inner["msgData"]["routeLabelInfo"][0]["routeLabelData"]
    assert set(label) == set(documented.SF["RouteLabelData"])
