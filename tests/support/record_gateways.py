"""Record the gateway packs' cassettes: Taobao TOP, JD, Pinduoduo, SF Express Fengqiao, the
HubSpot deals the Taobao trades become, and the pushes the integration receives.

Run through ``python -m tests.support.record_examples`` (which records everything). Each call
is built and signed by seamguard's live client (``seamguard.wire.calls``) from the platform's
wire profile in ``pyproject.toml`` with a known test secret (``TEST_SECRETS``); the local
gateways in ``gateway_server`` check those signatures with their own code. Before a request is
stored it is scrubbed, then signed again, because scrubbing changed what the signature covered:
the stored signature is the one the test secret gives for the stored parameters, so
``seamguard verify`` with the secret set checks it.

The data flows as in the example integration: trades read from TOP are mapped to HubSpot deals
by ``taobao-trade-to-hubspot-deal``; the deals read back are mapped to SF create-order requests
by ``hubspot-deal-to-sf-fengqiao-order``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from xml.sax.saxutils import quoteattr

import httpx

from seamguard.mapping.engine import compile_mapping
from seamguard.mapping.spec import load_mapping
from seamguard.privacy import Kind, PrivacyPolicy
from seamguard.project import PlatformSettings, find_project
from seamguard.wire.calls import GatewayCall, build_call, resign_recorded
from tests.support import record_examples
from tests.support.example_server import stable_uuid
from tests.support.gateway_examples import (
    RECEIVERS,
    SF_SHIPMENTS,
    TAOBAO_REFUNDS,
    TAOBAO_TRADES,
    local_time,
    sf_route_events,
    taobao_trade,
)
from tests.support.gateway_server import GatewaySecrets

REPO = Path(__file__).resolve().parents[2]

# Known test secrets: the recordings are signed with these, and the signature tests set the
# platforms' secret_env variables to them. None of them is a real credential.
TEST_SECRETS = GatewaySecrets(
    taobao="seamguard-top-test-secret-2f6c1d",
    jd="seamguard-jos-test-secret-8a31e0",
    pinduoduo="seamguard-pdd-test-secret-5b94c7",
    sf_checkword="seamguardFengqiaoTestCheckword01",
)
SECRET_ENV = {"TAOBAO_APP_SECRET": TEST_SECRETS.taobao, "JD_APP_SECRET": TEST_SECRETS.jd,
              "PDD_CLIENT_SECRET": TEST_SECRETS.pinduoduo,
              "SF_FENGQIAO_CHECKWORD": TEST_SECRETS.sf_checkword}

# What each platform's client sends besides the operation's own parameters. The tokens are
# shaped like real ones so that scrubbing is exercised; none reaches a cassette.
CREDENTIALS = {
    "taobao": {"app_key": "24851132",
               "session": "6102a17e9bf8c4d0e5f37b2ca1a94c6e88d5f0b3c1e2d4f2206819847"},
    "jd": {"app_key": "4C1E7B0A9D3F4E2A8B6C5D7E9F0A1B2C",
           "access_token": "d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8"},
    "pinduoduo": {"client_id": "5e7c9a1b3d2f4e6a8c0b1d3f5a7c9e2b",
                  "access_token": "a8c3e5f7b9d1e2c4a6f8b0d2e4f6a8c0e2a4c6e8"},
    "sf-fengqiao": {"partnerID": "SEAMGUARD_DEMO"},
}

# Where each platform lives on the local server (``record_examples`` serves the gateway app under
# /gw) and the public origin its traffic is recorded as.
LOCAL_PREFIX = {"taobao": "/gw/taobao", "jd": "/gw/jd", "pinduoduo": "/gw/pdd",
                "sf-fengqiao": "/gw/sf", "hooks": "/gw/hooks"}

# Field names holding personal data the built-in key lists cannot know: JD's buyer account
# (pin) and the courier's phone in SF's order-state push (the project's own HubSpot properties
# ship_to_name/_mobile/_address are found by their words).
GATEWAY_PII_KEYS = {"pin": Kind.NAME, "empPhone": Kind.PHONE}


@cache
def settings(platform: str) -> PlatformSettings:
    return find_project(REPO, explicit=True).settings.platforms[platform]


@cache
def scrub_policy() -> PrivacyPolicy:
    """The project's privacy policy, plus the wire profiles' token parameters and the keys
    above."""
    policy = PrivacyPolicy.from_settings(find_project(REPO, explicit=True).settings.privacy)
    secret = {p for name in LOCAL_PREFIX if name in CREDENTIALS
              for p in settings(name).wire.request.secret_params}
    policy = policy.with_keys(Kind.SECRET, *secret)
    for key, kind in GATEWAY_PII_KEYS.items():
        policy = policy.with_keys(kind, key)
    return policy


def secret_of(platform: str) -> str:
    return SECRET_ENV[settings(platform).secret_env or ""]


# --- building and signing calls ----------------------------------------------------------------


class Clock:
    """The client's clock: starts at a fixed instant and moves a few seconds per call."""

    def __init__(self, start: str) -> None:
        self.now = local_time(start)

    def tick(self, seconds: int = 7) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def gateway_call(platform: str, operation: str, business: Mapping[str, Any], when: datetime,
                 *, query_common: bool = False, sequence: int = 0) -> GatewayCall:
    """One signed call, built by seamguard's live client from the platform's wire profile.

    ``query_common`` moves the protocol's own parameters to the query string and leaves the
    operation's in the form, as TOP's SDKs send them (both count for the signature).
    """
    wire = settings(platform).wire
    call = build_call(wire, operation, business, credentials=CREDENTIALS[platform],
                      secret=secret_of(platform), now=when,
                      request_id=stable_uuid(platform, operation, sequence, when))
    if not query_common or call.form is None:
        return call
    common = set(wire.request.common)
    return replace(call, query={k: v for k, v in call.form.items() if k in common},
                   form={k: v for k, v in call.form.items() if k not in common})


class GatewayClient:
    """Sends signed calls to one local gateway."""

    def __init__(self, local: str, platform: str, clock: Clock, *,
                 query_common: bool = False) -> None:
        self.platform = platform
        self.clock = clock
        self.query_common = query_common
        self.http = httpx.Client(base_url=local, timeout=10, headers={
            "User-Agent": f"seamguard-demo-integration/1.0 ({platform})",
            "Accept-Encoding": "gzip, deflate"})
        self.sequence = 0

    def __enter__(self) -> GatewayClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    def call(self, operation: str, business: Mapping[str, Any] | None = None,
             when: datetime | None = None) -> Any:
        self.sequence += 1
        call = gateway_call(self.platform, operation, business or {},
                            when or self.clock.tick(), query_common=self.query_common,
                            sequence=self.sequence)
        response = self.http.request(
            call.method, call.path, params=call.query or None,
            content=urlencode(call.form).encode() if call.form is not None else None,
            headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"}
            if call.form is not None else None)
        response.raise_for_status()
        if "xml" in response.headers.get("content-type", ""):
            return response.text  # format=xml: the caller reads the text
        return response.json()


# --- signing again after scrubbing ---------------------------------------------------------------
# The privacy layer scrubs JSON documents inside form fields (msgData) and JSON bodies
# (apiResultData, a TMC message's content) itself; phones stay valid 11-digit mobiles, which
# SF checks.


def resign(platform: str) -> Callable[[Any], Any]:
    """A request hook: sign the stored (scrubbed) parameters again with the test secret."""
    signing = settings(platform).wire.signing
    assert signing is not None

    def hook(request: Any) -> Any:
        body = request.body.decode() if isinstance(request.body, bytes) else request.body
        request.uri, body = resign_recorded(signing, secret_of(platform), request.uri, body)
        request.body = body.encode() if body is not None else None
        return request

    return hook


# --- the scenarios -----------------------------------------------------------------------------

TRADE_FIELDS = ("tid,tid_str,status,type,title,seller_nick,buyer_nick,buyer_open_uid,created,"
                "modified,pay_time,consign_time,end_time,num,total_fee,payment,discount_fee,"
                "adjust_fee,post_fee,received_payment,shipping_type,receiver_name,receiver_state,"
                "receiver_city,receiver_district,receiver_town,receiver_address,receiver_zip,"
                "receiver_mobile,receiver_phone,receiver_country,buyer_message,seller_flag,"
                "buyer_rate,seller_rate,trade_from,orders")
INCREMENT_FIELDS = "tid,tid_str,status,type,payment,created,modified,pay_time"
REFUND_FIELDS = ("refund_id,tid,oid,status,order_status,good_status,has_good_return,"
                 "refund_phase,refund_version,refund_fee,payment,total_fee,price,num,title,"
                 "num_iid,outer_id,reason,desc,buyer_nick,seller_nick,company_name,sid,created,"
                 "modified")


def record_taobao(local: str) -> None:
    clock = Clock("2024-07-12 09:31:00")
    with GatewayClient(local, "taobao", clock, query_common=True) as top:
        window = {"fields": INCREMENT_FIELDS, "start_modified": "2024-07-12 09:00:00",
                  "end_modified": "2024-07-12 09:30:00", "page_size": 4, "use_has_next": True}
        page = 1
        while True:  # the incremental window, page by page
            answer = top.call("taobao.trades.sold.increment.get", {**window, "page_no": page})
            if not answer["trades_sold_increment_get_response"]["has_next"]:
                break
            page += 1
        for trade in TAOBAO_TRADES:
            top.call("taobao.trade.fullinfo.get", {"fields": TRADE_FIELDS, "tid": trade.tid})
        top.call("taobao.trades.sold.get", {
            "fields": INCREMENT_FIELDS, "start_created": "2024-07-12 00:00:00",
            "end_created": "2024-07-12 23:59:59", "page_no": 1, "page_size": 40})
        top.call("taobao.refunds.receive.get", {
            "fields": REFUND_FIELDS, "start_modified": "2024-07-10 00:00:00",
            "end_modified": "2024-07-12 23:59:59", "page_no": 1, "page_size": 40})
        top.call("taobao.refund.get", {"fields": REFUND_FIELDS,
                                       "refund_id": TAOBAO_REFUNDS[0].refund_id})
        top.call("taobao.logistics.offline.send", {
            "tid": TAOBAO_TRADES[0].tid, "out_sid": SF_SHIPMENTS[0].waybill, "company_code": "SF"})
        # documented in-band errors: a window longer than a day, a trade that does not exist
        top.call("taobao.trades.sold.increment.get", {
            **window, "start_modified": "2024-07-10 09:30:00", "page_no": 1})
        top.call("taobao.trade.fullinfo.get", {"fields": "tid,status", "tid": 1873045520000})
        # format=xml: the same page in XML, and a refusal in XML (a window longer than a day)
        top.call("taobao.trades.sold.get", {
            "fields": INCREMENT_FIELDS, "start_created": "2024-07-12 00:00:00",
            "end_created": "2024-07-12 23:59:59", "page_no": 1, "page_size": 40,
            "format": "xml"})
        top.call("taobao.trades.sold.increment.get", {
            **window, "start_modified": "2024-07-10 09:30:00", "page_no": 1, "format": "xml"})


def tmc_messages() -> Iterator[dict[str, Any]]:
    """TOP message-service messages of the demo trades, as the TMC SDK hands them over."""
    topics = {"WAIT_SELLER_SEND_GOODS": "taobao_trade_TradeBuyerPay",
              "WAIT_BUYER_CONFIRM_GOODS": "taobao_trade_TradeSellerShip",
              "TRADE_FINISHED": "taobao_trade_TradeSuccess",
              "TRADE_CLOSED": "taobao_trade_TradeClose"}
    for number, trade in enumerate(TAOBAO_TRADES[:3], start=1):
        body = taobao_trade(trade)
        content = {"tid": trade.tid, "oid": body["orders"]["order"][0]["oid"],
                   "seller_nick": body["seller_nick"], "buyer_nick": body["buyer_nick"],
                   "payment": body["payment"], "status": trade.status, "type": "guarantee_trade"}
        yield {"id": 5120000000 + number, "topic": topics[trade.status],
               "pub_app_key": "12497914", "pub_time": trade.modified, "user_id": 2206819847,
               "user_nick": body["seller_nick"], "outgoing_id": 6100000000 + number,
               "content": _text(content)}
    refund = TAOBAO_REFUNDS[1]
    yield {"id": 5120000009, "topic": "taobao_refund_RefundCreated", "pub_app_key": "12497914",
           "pub_time": refund.created, "user_id": 2206819847, "user_nick": "seamguard演示旗舰店",
           "outgoing_id": 6100000009, "content": _text({
               "refund_id": refund.refund_id, "tid": refund.tid, "oid": refund.tid + 1,
               "refund_fee": "268.00", "refund_phase": refund.phase,
               "refund_version": int(local_time(refund.created).timestamp() * 1000),
               "seller_nick": "seamguard演示旗舰店", "buyer_nick": "t**9"})}


def record_taobao_messages(local: str) -> None:
    """The example integration's TMC consumer relays each message as one HTTP POST."""
    # The encodings explicit, so that httpx's brotli/zstd support does not show in the cassette.
    with httpx.Client(base_url=local, timeout=10,
                      headers={"Accept-Encoding": "gzip, deflate"}) as http:
        for message in tmc_messages():
            http.post("/webhooks/taobao/tmc", content=_text(message).encode(), headers={
                "Content-Type": "application/json;charset=UTF-8",
                "User-Agent": "seamguard-demo-tmc-relay/1.0"}).raise_for_status()


def record_jd(local: str) -> None:
    clock = Clock("2024-07-12 11:30:00")
    fields = ("orderId,venderId,orderType,payType,orderTotalPrice,orderSellerPrice,orderPayment,"
              "freightPrice,sellerDiscount,balanceUsed,orderState,orderStateRemark,deliveryType,"
              "invoiceInfo,orderRemark,venderRemark,orderStartTime,orderEndTime,"
              "paymentConfirmTime,modified,consigneeInfo,itemInfoList,pin,returnOrder,waybill,"
              "logisticsId,orderSource,storeOrder,idSopShipmenttype")
    with GatewayClient(local, "jd", clock) as jos:
        found = jos.call("jingdong.pop.order.search", {
            "start_date": "2024-07-12 00:00:00", "end_date": "2024-07-12 23:59:59",
            "order_state": "WAIT_SELLER_STOCK_OUT,WAIT_GOODS_RECEIVE_CONFIRM,FINISHED_L,"
                           "TRADE_CANCELED", "optional_fields": fields, "page": "1",
            "page_size": "20", "sortType": 1, "dateType": 0})
        result = found["jingdong_pop_order_search_responce"]["searchorderinfo_result"]
        first = result["orderInfoList"][0]["orderId"]
        jos.call("jingdong.pop.order.get", {"order_id": first, "optional_fields": fields})


def record_pinduoduo(local: str) -> None:
    clock = Clock("2024-07-12 09:34:00")
    window = {"start_updated_at": int(local_time("2024-07-12 09:00:00").timestamp()),
              "end_updated_at": int(local_time("2024-07-12 09:30:00").timestamp()),
              "is_lucky_flag": 0, "order_status": 5, "refund_status": 5, "page": 1,
              "page_size": 100, "use_has_next": True}
    with GatewayClient(local, "pinduoduo", clock) as pdd:
        answer = pdd.call("pdd.order.number.list.increment.get", window)
        orders = answer["order_sn_increment_get_response"]["order_sn_list"]
        for order in orders:
            pdd.call("pdd.order.information.get", {"order_sn": order["order_sn"]})
        # the orders waiting for shipment are shipped (logistics_id 44: SF in PDD's list)
        for order in orders:
            if order["order_status"] == 1:
                pdd.call("pdd.logistics.online.send", {
                    "order_sn": order["order_sn"], "logistics_id": 44,
                    "tracking_number": "SF1462053916511"})


@cache
def _mapping(name: str) -> Any:
    path = REPO / "contracts" / "mappings" / f"{name}.yaml"
    return compile_mapping(load_mapping(path, display=path.name).spec, base_dir=REPO)


def taobao_deal_properties() -> list[dict[str, Any]]:
    """The HubSpot deal properties of the demo trades, through the project's own mapping."""
    deals = []
    for trade in TAOBAO_TRADES:
        properties, problems = _mapping("taobao-trade-to-hubspot-deal").apply(taobao_trade(trade))
        assert not problems, problems
        deals.append(properties)
    return deals


SHIP_PROPERTIES = ["dealname", "amount", "deal_currency_code", "dealstage", "taobao_tid",
                   "ship_goods", "ship_to_name", "ship_to_mobile", "ship_to_province",
                   "ship_to_city", "ship_to_county", "ship_to_address"]


def record_hubspot_taobao_deals(local: str, token: str) -> None:
    """The order sync upserts the trades' deals; the shipping job reads the paid ones back."""
    with httpx.Client(base_url=local, timeout=10, headers={
            "Authorization": f"Bearer {token}", "Accept": "application/json",
            "User-Agent": "seamguard-demo-integration/1.0",
            "Accept-Encoding": "gzip, deflate"}) as client:
        client.post("/crm/v3/objects/deals/batch/upsert", json={"inputs": [
            {"idProperty": "taobao_tid", "id": deal["taobao_tid"],
             "objectWriteTraceId": f"taobao-{deal['taobao_tid']}", "properties": deal}
            for deal in taobao_deal_properties()]}).raise_for_status()
        to_ship = [str(trade.tid) for trade in TAOBAO_TRADES[:2]]
        client.post("/crm/v3/objects/deals/batch/read", json={
            "idProperty": "taobao_tid", "properties": SHIP_PROPERTIES,
            "inputs": [{"id": tid} for tid in to_ship]}).raise_for_status()


def sf_create_order_msg_data(deal_id: str, properties: dict[str, Any]) -> dict[str, Any]:
    msg_data, problems = _mapping("hubspot-deal-to-sf-fengqiao-order").apply(
        {"id": deal_id, "properties": properties})
    assert not problems, problems
    return msg_data


def record_sf_fengqiao(local: str) -> None:
    clock = Clock("2024-07-12 09:32:00")
    deals = taobao_deal_properties()
    orders = [sf_create_order_msg_data(s.order_id.removeprefix("HS"), deal)
              for s, deal in zip(SF_SHIPMENTS, deals, strict=False)]
    with GatewayClient(local, "sf-fengqiao", clock) as sf:
        for order in orders:
            sf.call("EXP_RECE_CREATE_ORDER", order)
        # documented in-band errors: the same order again, and a call sent two hours late
        sf.call("EXP_RECE_CREATE_ORDER", orders[0])
        sf.call("EXP_RECE_CREATE_ORDER", orders[1], when=clock.now - timedelta(hours=2))
        receiver = RECEIVERS[TAOBAO_TRADES[0].receiver]
        sf.call("EXP_RECE_SEARCH_ROUTES", {
            "language": "zh-CN", "trackingType": 1, "trackingNumber": [SF_SHIPMENTS[0].waybill],
            "methodType": 1, "checkPhoneNo": receiver.mobile[-4:]})
        sf.call("EXP_RECE_UPDATE_ORDER", {"orderId": SF_SHIPMENTS[1].order_id, "dealType": 1,
                                          "language": "zh-CN"})


def sf_route_push_xml(events: list[dict[str, Any]]) -> str:
    """The route push as SF's XML mode writes it: one WaybillRoute element per event."""
    routes = "".join("<WaybillRoute " + " ".join(
        f"{name}={quoteattr(value)}" for name, value in event.items()) + "/>"
        for event in events)
    return (f'<Request service="RoutePushService" lang="zh-CN"><Body>{routes}</Body>'
            "</Request>")


def record_sf_fengqiao_pushes(local: str) -> None:
    """SF pushes a route (JSON mode, then XML mode) and an order-state change to the
    integration."""
    shipment = SF_SHIPMENTS[0]
    order_state = {"requestId": stable_uuid("sf-order-state", shipment.order_id),
                   "timestamp": str(int(local_time("2024-07-12 14:20:00").timestamp() * 1000)),
                   "orderState": [{
                       "orderNo": shipment.order_id, "waybillNo": shipment.waybill,
                       "orderStateCode": "05", "orderStateDesc": "已派收派员",
                       "empCode": "021AB0187", "empPhone": "13700001234", "netCode": "021WH",
                       "lastTime": "2024-07-12 14:20:00",
                       "bookTime": "2024-07-12 14:00:00-16:00:00", "carrierCode": "SF"}]}
    pushes = (("/webhooks/sf-fengqiao/order-state", order_state),
              ("/webhooks/sf-fengqiao/route-push",
               {"Body": {"WaybillRoute": sf_route_events(shipment, 3)}}),
              ("/webhooks/sf-fengqiao/route-push",
               {"Body": {"WaybillRoute": sf_route_events(shipment, 2)}}))
    with httpx.Client(base_url=local, timeout=10,
                      headers={"Accept-Encoding": "gzip, deflate"}) as http:
        for path, payload in pushes:
            http.post(path, content=_text(payload).encode(), headers={
                "Content-Type": "application/json;charset=UTF-8",
                "User-Agent": "SF-Express-Push/1.0"}).raise_for_status()
        # XML mode (a receiver picks one; both are shown): a form whose `content` holds it
        xml = sf_route_push_xml(sf_route_events(shipment, 1))
        http.post("/webhooks/sf-fengqiao/route-push", content=urlencode({"content": xml}),
                  headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
                           "User-Agent": "SF-Express-Push/1.0"}).raise_for_status()


# --- the plan ----------------------------------------------------------------------------------


def gateway_scenarios(hubspot_origin: str, receiver_origin: str,
                      hubspot_token: str) -> list[record_examples.Scenario]:
    """The cassettes of the gateway packs, for ``record_examples``."""
    scenario = record_examples.Scenario
    policy = scrub_policy()

    def gateway(cassette: str, platform: str, run: Callable[[str], None]) -> Any:
        return scenario(cassette, settings(platform).base_url, run, LOCAL_PREFIX[platform],
                        policy, (resign(platform),))

    def hooks(cassette: str, run: Callable[[str], None]) -> Any:
        return scenario(cassette, receiver_origin, run, LOCAL_PREFIX["hooks"], policy)

    return [
        gateway("taobao/top-2.0.yaml", "taobao", record_taobao),
        hooks("taobao/tmc-relay.yaml", record_taobao_messages),
        gateway("jd/pop-orders-2.0.yaml", "jd", record_jd),
        gateway("pinduoduo/orders-V1.yaml", "pinduoduo", record_pinduoduo),
        scenario("hubspot/deals-taobao.yaml", hubspot_origin,
                 lambda local: record_hubspot_taobao_deals(local, hubspot_token), "", policy),
        gateway("sf-fengqiao/std-service.yaml", "sf-fengqiao", record_sf_fengqiao),
        hooks("sf-fengqiao/pushes.yaml", record_sf_fengqiao_pushes),
    ]
