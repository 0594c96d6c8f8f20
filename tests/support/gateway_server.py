"""Local stand-ins for the Taobao TOP, JD, Pinduoduo and SF Fengqiao gateways, and the
integration's receivers of TOP messages and SF pushes.

Each gateway behaves as its public documentation says: one URL, the operation in a parameter,
the signature checked, a success wrapped in the operation's envelope and every failure answered
with HTTP 200 and the platform's error envelope. The signatures are checked by this module's own
code, written from the platforms' descriptions and kept apart from seamguard's signing, so a
recording proves that seamguard signs the way the platform verifies.

``create_gateway_app`` serves them under one prefix each (``/taobao``, ``/jd``, ``/pdd``, ``/sf``,
``/hooks``); ``record_gateways`` maps those prefixes to the public origins.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, quote_plus
from xml.sax.saxutils import escape as xml_escape

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route

from seamguard.xml_documents import loads_xml
from tests.support.example_server import stable_uuid
from tests.support.gateway_examples import (
    JD_ORDERS,
    PDD_ORDERS,
    SF_CITY_CODES,
    SF_SHIPMENTS,
    TAOBAO_BY_TID,
    TAOBAO_REFUNDS,
    TAOBAO_TRADES,
    jd_order,
    local_time,
    pdd_order,
    sf_route,
    taobao_refund,
    taobao_trade,
)

__all__ = ["GatewaySecrets", "create_gateway_app", "sf_digest", "sorted_params_sign"]

# The gateways' clock stands still, so answers (and a stale request's rejection) are repeatable.
NOW = local_time("2024-07-12 09:35:00")
DATE = "Fri, 12 Jul 2024 01:35:00 GMT"
SF_MAX_SKEW = timedelta(minutes=30)


@dataclass(frozen=True)
class GatewaySecrets:
    """The signing secrets the fake platforms verify with (the recorder owns the values)."""

    taobao: str
    jd: str
    pinduoduo: str
    sf_checkword: str


def sorted_params_sign(params: Mapping[str, str], secret: str, algorithm: str = "md5") -> str:
    """TOP / JD / PDD: the digest over the parameters sorted by name as name+value."""
    text = "".join(f"{k}{v}" for k, v in sorted(params.items()) if k != "sign" and v != "")
    if algorithm == "md5":
        digest = hashlib.md5((secret + text + secret).encode()).hexdigest()
    else:
        hasher = hashlib.md5 if algorithm == "hmac" else hashlib.sha256
        digest = hmac.new(secret.encode(), text.encode(), hasher).hexdigest()
    return digest.upper()


def sf_digest(msg_data: str, timestamp: str, checkword: str) -> str:
    """SF: Base64(MD5(form-URL-encode(msgData + timestamp + checkword)))."""
    encoded = quote_plus(msg_data + timestamp + checkword, encoding="utf-8")
    return base64.b64encode(hashlib.md5(encoded.encode()).digest()).decode()


def _json(payload: object, content_type: str = "application/json;charset=UTF-8") -> Response:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(body, status_code=200, headers={"Content-Type": content_type, "Date": DATE})


def _xml_value(name: str, value: Any) -> str:
    """One element as TOP writes it: a list in an element marked ``list="true"`` holding one
    element per item (``"trades": {"trade": [...]}`` → ``<trades list="true"><trade>…``)."""
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(next(iter(value.values())), list):
            [(item, rows)] = value.items()
            inner = "".join(_xml_value(item, row) for row in rows)
            return f'<{name} list="true">{inner}</{name}>'
        return f"<{name}>{''.join(_xml_value(k, v) for k, v in value.items())}</{name}>"
    if isinstance(value, list):  # repeated elements
        return "".join(_xml_value(name, item) for item in value)
    text = json.dumps(value) if isinstance(value, bool) else str(value)
    return f"<{name}>{xml_escape(text)}</{name}>"


def xml_answer(payload: dict[str, Any]) -> str:
    """A TOP answer (``{"<name>_response": ...}`` or ``{"error_response": ...}``) in XML."""
    [(root, value)] = payload.items()
    return '<?xml version="1.0" encoding="utf-8" ?>' + _xml_value(root, value)


def _answer(payload: dict[str, Any], params: Mapping[str, str]) -> Response:
    """JSON, or XML when the call asks for it (TOP ``format=xml``)."""
    if params.get("format", "").lower() != "xml":
        return _json(payload)
    return Response(xml_answer(payload).encode(), status_code=200,
                    headers={"Content-Type": "text/xml;charset=UTF-8", "Date": DATE})


async def _params(request: Request) -> dict[str, str]:
    """Query and form parameters together, as the gateways read them."""
    params = dict(request.query_params)
    if request.method == "POST":
        params.update(parse_qsl((await request.body()).decode(), keep_blank_values=True))
    return params


def _page(items: list[Any], page: int, size: int) -> tuple[list[Any], bool]:
    start = (page - 1) * size
    return items[start:start + size], len(items) > start + size


@dataclass
class _State:
    calls: int = 0
    sf_orders: dict[str, str] = field(default_factory=dict)  # orderId -> waybill
    received: list[dict[str, Any]] = field(default_factory=list)

    def request_id(self, platform: str) -> str:
        self.calls += 1
        return stable_uuid(platform, self.calls).replace("-", "")[:13]


Handler = Callable[[Request], Awaitable[Response]]


def create_gateway_app(secrets: GatewaySecrets) -> Starlette:
    state = _State()
    return Starlette(routes=[
        Mount("/taobao", routes=[Route("/router/rest", _taobao(secrets, state),
                                       methods=["GET", "POST"])]),
        Mount("/jd", routes=[Route("/routerjson", _jd(secrets, state), methods=["GET", "POST"])]),
        Mount("/pdd", routes=[Route("/api/router", _pdd(secrets, state), methods=["POST"])]),
        Mount("/sf", routes=[Route("/std/service", _sf(secrets, state), methods=["POST"])]),
        Mount("/hooks", routes=_receivers(state)),
    ])


# --- Taobao TOP --------------------------------------------------------------------------------


def _taobao(secrets: GatewaySecrets, state: _State) -> Handler:
    asked: dict[str, str] = {}  # the current call's parameters (format=xml)

    def error(code: int, msg: str, sub_code: str | None = None,
              sub_msg: str | None = None) -> Response:
        body: dict[str, Any] = {"code": code, "msg": msg}
        if sub_code:
            body.update(sub_code=sub_code, sub_msg=sub_msg)
        body["request_id"] = state.request_id("top")
        return _answer({"error_response": body}, asked)

    def ok(method: str, payload: dict[str, Any]) -> Response:
        key = method.removeprefix("taobao.").replace(".", "_") + "_response"
        return _answer({key: {**payload, "request_id": state.request_id("top")}}, asked)

    def trades_page(params: dict[str, str], trades: list[dict[str, Any]]) -> dict[str, Any]:
        page, size = int(params.get("page_no", "1")), int(params.get("page_size", "40"))
        rows, has_next = _page(trades, page, size)
        body: dict[str, Any] = {"has_next": has_next}
        if params.get("use_has_next") != "true":
            body["total_results"] = len(trades)
        if rows:
            body["trades"] = {"trade": rows}
        return body

    def window(params: dict[str, str], start: str, end: str) -> tuple[datetime, datetime]:
        return local_time(params[start]), local_time(params[end])

    async def endpoint(request: Request) -> Response:
        params = await _params(request)
        asked.clear()
        asked.update(params)
        method = params.get("method", "")
        if not method:
            return error(21, "Missing method")
        expected = sorted_params_sign(params, secrets.taobao, params.get("sign_method", "md5"))
        if params.get("sign") != expected:
            return error(25, "Invalid signature")
        fields = params.get("fields", "")
        if method == "taobao.trades.sold.get":
            low, high = window(params, "start_created", "end_created")
            found = [t for t in TAOBAO_TRADES if low <= local_time(t.created) <= high]
            found.sort(key=lambda t: t.created, reverse=True)
            return ok(method, trades_page(params, [taobao_trade(t, fields) for t in found]))
        if method == "taobao.trades.sold.increment.get":
            low, high = window(params, "start_modified", "end_modified")
            if high - low > timedelta(days=1):
                return error(15, "Remote service error", "isv.invalid-parameter",
                             "查询时间跨度不能超过一天")
            found = [t for t in TAOBAO_TRADES if low <= local_time(t.modified) <= high]
            found.sort(key=lambda t: t.modified, reverse=True)
            return ok(method, trades_page(params, [taobao_trade(t, fields) for t in found]))
        if method == "taobao.trade.fullinfo.get":
            trade = TAOBAO_BY_TID.get(int(params.get("tid", "0")))
            if trade is None:
                return error(15, "Remote service error", "isv.trade-not-exist", "交易不存在")
            return ok(method, {"trade": taobao_trade(trade, fields)})
        if method == "taobao.refunds.receive.get":
            low, high = window(params, "start_modified", "end_modified")
            refunds = [taobao_refund(r) for r in TAOBAO_REFUNDS
                       if low <= local_time(r.modified) <= high]
            rows, has_next = _page(refunds, int(params.get("page_no", "1")),
                                   int(params.get("page_size", "40")))
            body: dict[str, Any] = {"total_results": len(refunds), "has_next": has_next}
            if rows:
                body["refunds"] = {"refund": rows}
            return ok(method, body)
        if method == "taobao.refund.get":
            refund = next((r for r in TAOBAO_REFUNDS
                           if r.refund_id == int(params.get("refund_id", "0"))), None)
            if refund is None:
                return error(15, "Remote service error", "isv.refund-not-exist", "退款不存在")
            return ok(method, {"refund": taobao_refund(refund)})
        if method == "taobao.logistics.offline.send":
            trade = TAOBAO_BY_TID.get(int(params.get("tid", "0")))
            if trade is None or trade.status != "WAIT_SELLER_SEND_GOODS":
                return error(15, "Remote service error", "isv.logistics-offline-service-error",
                             "订单状态不允许发货")
            return ok(method, {"shipping": {"is_success": True}})
        return error(22, "Invalid method")

    return endpoint


# --- JD ----------------------------------------------------------------------------------------


def _jd(secrets: GatewaySecrets, state: _State) -> Handler:
    def error(code: str, zh: str, en: str) -> Response:
        return _json({"error_response": {"code": code, "zh_desc": zh, "en_desc": en}},
                     "application/json;charset=utf-8")

    def ok(method: str, payload: dict[str, Any]) -> Response:
        key = method.replace(".", "_") + "_responce"
        return _json({key: {"code": "0", **payload}}, "application/json;charset=utf-8")

    def pick(order: dict[str, Any], optional_fields: str) -> dict[str, Any]:
        wanted = {name.strip() for name in optional_fields.split(",") if name.strip()}
        return {k: v for k, v in order.items() if not wanted or k in wanted or k == "orderId"}

    success = {"success": True, "englishErrCode": "success", "chineseErrCode": "成功",
               "numberCode": 10100000}

    async def endpoint(request: Request) -> Response:
        params = await _params(request)
        if params.get("sign") != sorted_params_sign(params, secrets.jd):
            return error("12", "签名校验失败", "Invalid signature")
        method = params.get("method", "")
        business = json.loads(params.get("360buy_param_json") or "{}")
        if method == "jingdong.pop.order.search":
            low, high = local_time(business["start_date"]), local_time(business["end_date"])
            states = set(business.get("order_state", "").split(","))
            found = [o for o in JD_ORDERS
                     if low <= local_time(o.modified) <= high and o.state in states]
            rows, _ = _page(found, int(business.get("page", "1")),
                            int(business.get("page_size", "20")))
            return ok(method, {"searchorderinfo_result": {
                "apiResult": success, "orderTotal": len(found),
                "orderInfoList": [pick(jd_order(o), business.get("optional_fields", ""))
                                  for o in rows]}})
        if method == "jingdong.pop.order.get":
            order = next((o for o in JD_ORDERS if o.order_id == str(business.get("order_id"))),
                         None)
            if order is None:
                return ok(method, {"orderDetailInfo": {"apiResult": {
                    "success": False, "englishErrCode": "order not found",
                    "chineseErrCode": "订单不存在", "numberCode": 10300001}}})
            return ok(method, {"orderDetailInfo": {
                "apiResult": success,
                "orderInfo": pick(jd_order(order), business.get("optional_fields", ""))}})
        return error("67", "方法不存在", "Invalid method")

    return endpoint


# --- Pinduoduo ---------------------------------------------------------------------------------


def _pdd(secrets: GatewaySecrets, state: _State) -> Handler:
    def error(code: int, msg: str, sub_code: str | None = None, sub_msg: str = "") -> Response:
        return _json({"error_response": {"error_code": code, "error_msg": msg,
                                         "sub_code": sub_code, "sub_msg": sub_msg,
                                         "request_id": state.request_id("pdd")}})

    async def endpoint(request: Request) -> Response:
        params = await _params(request)
        if params.get("sign") != sorted_params_sign(params, secrets.pinduoduo):
            return error(20004, "签名sign校验失败")
        kind = params.get("type", "")
        if kind == "pdd.order.number.list.increment.get":
            low, high = int(params["start_updated_at"]), int(params["end_updated_at"])
            if not 0 < high - low <= 1800:
                return error(10000, "参数错误", "10000", "时间间隔不能超过30分钟")
            found = [o for o in PDD_ORDERS
                     if low <= local_time(o.updated).timestamp() <= high]
            found.sort(key=lambda o: o.updated, reverse=True)
            rows, has_next = _page(found, int(params.get("page", "1")),
                                   int(params.get("page_size", "100")))
            return _json({"order_sn_increment_get_response": {
                "total_count": len(found), "has_next": has_next,
                "order_sn_list": [pdd_order(o) for o in rows],
                "request_id": state.request_id("pdd")}})
        if kind == "pdd.order.information.get":
            order = next((o for o in PDD_ORDERS if o.order_sn == params.get("order_sn")), None)
            if order is None:
                return error(10000, "参数错误", "10000", "订单不存在")
            return _json({"order_info_get_response": {
                "order_info": pdd_order(order), "request_id": state.request_id("pdd")}})
        if kind == "pdd.logistics.online.send":
            order = next((o for o in PDD_ORDERS if o.order_sn == params.get("order_sn")), None)
            if order is None or not params.get("tracking_number"):
                return error(10000, "参数错误", "10000", "订单不存在或运单号为空")
            if order.order_status != 1:
                return error(10000, "参数错误", "10000", "订单不是待发货状态")
            return _json({"logistics_online_send_response": {
                "is_success": True, "request_id": state.request_id("pdd")}})
        return error(10001, "接口不存在", "10001", f"type {kind} 不存在")

    return endpoint


# --- SF Express Fengqiao -----------------------------------------------------------------------


def _sf(secrets: GatewaySecrets, state: _State) -> Handler:
    def answer(code: str, message: str = "", result: dict[str, Any] | None = None) -> Response:
        state.calls += 1
        return _json({
            "apiResultCode": code, "apiErrorMsg": message,
            "apiResponseID": stable_uuid("sf-response", state.calls).replace("-", "").upper(),
            "apiResultData": None if result is None else json.dumps(
                result, ensure_ascii=False, separators=(",", ":")),
        })

    def business(msg_data: Any, code: str = "S0000", message: str | None = None) -> Response:
        return answer("A1000", "", {"success": code == "S0000", "errorCode": code,
                                    "errorMsg": message, "msgData": msg_data})

    def create(data: dict[str, Any]) -> Response:
        order_id = data["orderId"]
        if order_id in state.sf_orders:
            return business(None, "8016", "重复下单")
        shipment = next((s for s in SF_SHIPMENTS if s.order_id == order_id), None)
        waybill = shipment.waybill if shipment else f"SF14620539169{len(state.sf_orders):02d}"
        state.sf_orders[order_id] = waybill
        sender, receiver = (next(c for c in data["contactInfoList"] if c["contactType"] == kind)
                            for kind in (1, 2))
        return business({
            "orderId": order_id, "originCode": SF_CITY_CODES.get(sender.get("city", ""), "021"),
            "destCode": SF_CITY_CODES.get(receiver.get("city", ""), "021"), "filterResult": 2,
            "remark": "", "url": None, "paymentLink": None,
            "waybillNoInfoList": [{"waybillType": 1, "waybillNo": waybill}],
            "routeLabelInfo": [{"code": "1000", "message": None, "routeLabelData": {
                "waybillNo": waybill, "destRouteLabel": "755WE-571A3", "proCode": "T4"}}],
        })

    def routes(data: dict[str, Any]) -> Response:
        numbers = data.get("trackingNumber") or []
        by_waybill = str(data.get("trackingType", "1")) == "1"
        found = [s for s in SF_SHIPMENTS
                 if (s.waybill if by_waybill else s.order_id) in numbers]
        return business({"routeResps": [{"mailNo": s.waybill, "routes": sf_route(s)}
                                        for s in found]})

    def update(data: dict[str, Any]) -> Response:
        waybill = state.sf_orders.get(data["orderId"])
        if waybill is None:
            return business(None, "8018", "未获取到订单信息")
        return business({"orderId": data["orderId"], "resStatus": 2, "extraInfoList": None,
                         "waybillNoInfoList": [{"waybillType": 1, "waybillNo": waybill}]})

    services = {"EXP_RECE_CREATE_ORDER": create, "EXP_RECE_SEARCH_ROUTES": routes,
                "EXP_RECE_UPDATE_ORDER": update}

    async def endpoint(request: Request) -> Response:
        params = await _params(request)
        missing = [k for k in ("partnerID", "requestID", "serviceCode", "timestamp", "msgData")
                   if not params.get(k)]
        if missing:
            return answer("A1001", f"必传参数不可为空: {missing[0]}")
        msg_data, timestamp = params["msgData"], params["timestamp"]
        if params.get("msgDigest") != sf_digest(msg_data, timestamp, secrets.sf_checkword):
            return answer("A1006", "数字签名无效")
        sent = datetime.fromtimestamp(int(timestamp) / 1000, NOW.tzinfo)
        if abs(sent - NOW) > SF_MAX_SKEW:
            return answer("A1002", "请求时效已过期")
        service = services.get(params["serviceCode"])
        if service is None:
            return answer("A1004", "无对应服务权限")
        return service(json.loads(msg_data))

    return endpoint


# --- the integration's receivers ---------------------------------------------------------------


def _receivers(state: _State) -> list[Route]:
    async def tmc_relay(request: Request) -> Response:
        state.received.append(json.loads(await request.body()))
        return Response(b"", status_code=200)

    async def sf_route_push(request: Request) -> Response:
        if request.headers.get("content-type", "").startswith(
                "application/x-www-form-urlencoded"):
            # XML mode: the form's `content` field holds the document; the answer is XML too
            state.received.append(loads_xml(dict(parse_qsl((await request.body()).decode()))[
                "content"]))
            return Response('<Response service="RoutePushService"><Head>OK</Head></Response>',
                            media_type="text/xml;charset=UTF-8")
        state.received.append(json.loads(await request.body()))
        return _json({"return_code": "0000", "return_msg": "成功"})

    async def sf_order_state(request: Request) -> Response:
        state.received.append(json.loads(await request.body()))
        return _json({"success": "true", "code": "0", "msg": "成功"})

    return [
        Route("/webhooks/taobao/tmc", tmc_relay, methods=["POST"]),
        Route("/webhooks/sf-fengqiao/route-push", sf_route_push, methods=["POST"]),
        Route("/webhooks/sf-fengqiao/order-state", sf_order_state, methods=["POST"]),
    ]
