"""The demo shop's orders on Taobao/Tmall, JD and Pinduoduo, and its SF Express shipments.

Payload builders in the shapes the platforms document (TOP trades and refunds, JD POP orders,
Pinduoduo orders, SF Fengqiao results, route events), for ``gateway_server`` to serve and
``record_gateways`` to record. Everything is fixed data, so re-recording gives the same bytes.
The people are fictional; their phone numbers sit in ranges that reach nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from tests.support.example_server import PRODUCTS, SF_ROUTES, stable_uuid

__all__ = [
    "JD_ORDERS",
    "PDD_ORDERS",
    "RECEIVERS",
    "SF_SHIPMENTS",
    "TAOBAO_REFUNDS",
    "TAOBAO_TRADES",
    "jd_order",
    "pdd_order",
    "taobao_refund",
    "taobao_trade",
]

CHINA = timezone(timedelta(hours=8))


def money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def local_time(text: str) -> datetime:
    """A "yyyy-MM-dd HH:mm:ss" China time as an aware datetime."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=CHINA)


@dataclass(frozen=True)
class Receiver:
    """Where an order goes, written as the shops store it (phones in the buyer's own format)."""

    key: str
    name: str
    mobile: str
    state: str
    city: str  # empty for a county-level city governed by its province (济源市)
    district: str
    town: str
    address: str
    zip: str
    phone: str | None = None  # landline


RECEIVERS = {
    r.key: r
    for r in (
        Receiver("zhang_wei", "张伟", "13812345678", "上海", "上海市", "浦东新区", "张江镇",
                 "碧波路690号5号楼1203室", "201203"),
        Receiver("wang_fang", "王芳", "+86 139 1234 5678", "北京", "北京市", "朝阳区",
                 "建外街道", "建国路88号SOHO现代城A座1605", "100022", phone="010-65881234"),
        Receiver("li_na", "李娜", "18612345678", "广东省", "深圳市", "南山区", "粤海街道",
                 "科技南十二路2号金蝶软件园B座", "518057"),
        Receiver("zhao_lei", "赵磊", "13598765432", "河南省", "", "济源市", "沁园街道",
                 "济水大街中段266号", "459000"),
        Receiver("chen_jie", "陈杰", "13712345678", "浙江省", "杭州市", "西湖区", "文新街道",
                 "文三路478号华星时代广场A座8楼", "310012", phone="0571-88158090"),
        Receiver("liu_yang", "刘洋", "+8615012345678", "广东省", "广州市", "天河区", "冼村街道",
                 "珠江新城花城大道85号高德置地广场B座2201", "510623"),
    )
}

# --- Taobao/Tmall (TOP) ------------------------------------------------------------------------

# num_iid and SKU ids of the demo products in the Taobao shop.
TAOBAO_ITEMS = {"SCARF-SILK-BLUE": (672148520011, "4853106622011", "颜色分类:蓝色"),
                "TEA-LJ-250": (672148520012, "4853106622012", "净含量:250g"),
                "CUP-QH-01": (672148520013, "4853106622013", "颜色分类:青花")}
TAOBAO_SELLER = "seamguard演示旗舰店"


@dataclass(frozen=True)
class TaobaoTrade:
    tid: int
    receiver: str
    status: str
    lines: tuple[tuple[str, int, str], ...]  # sku, quantity, the sub-order's refund_status
    created: str
    modified: str
    pay_time: str | None = None
    consign_time: str | None = None
    end_time: str | None = None
    buyer_message: str | None = None
    waybill: str | None = None  # the SF waybill once shipped

    @property
    def payment(self) -> Decimal:
        return sum((PRODUCTS[sku].price * qty for sku, qty, _ in self.lines), Decimal(0))


TAOBAO_TRADES = (
    # a 13-digit tid, paid and waiting to ship
    TaobaoTrade(1873045529201, "zhang_wei", "WAIT_SELLER_SEND_GOODS",
                (("TEA-LJ-250", 2, "NO_REFUND"),), "2024-07-12 08:55:10",
                "2024-07-12 09:02:41", pay_time="2024-07-12 08:56:02",
                buyer_message="请工作日送货"),
    # a 16-digit tid, shipped
    TaobaoTrade(3845120936412538, "wang_fang", "WAIT_BUYER_CONFIRM_GOODS",
                (("SCARF-SILK-BLUE", 1, "NO_REFUND"), ("CUP-QH-01", 2, "NO_REFUND")),
                "2024-07-11 16:42:10", "2024-07-12 09:05:33", pay_time="2024-07-11 16:43:00",
                consign_time="2024-07-12 09:05:33", waybill="SF1462053916432"),
    # completed, one sub-order refunded after delivery
    TaobaoTrade(3845120936412570, "li_na", "TRADE_FINISHED",
                (("TEA-LJ-250", 1, "NO_REFUND"), ("CUP-QH-01", 1, "SUCCESS")),
                "2024-07-05 11:20:00", "2024-07-12 09:12:08", pay_time="2024-07-05 11:21:35",
                consign_time="2024-07-05 18:02:00", end_time="2024-07-12 09:12:08",
                waybill="SF1462053915907"),
    # never paid, closed by Taobao; a county-level city: TOP leaves receiver_city empty
    TaobaoTrade(1873045529388, "zhao_lei", "TRADE_CLOSED_BY_TAOBAO",
                (("SCARF-SILK-BLUE", 1, "NO_REFUND"),), "2024-07-09 09:18:45",
                "2024-07-12 09:18:45", end_time="2024-07-12 09:18:45"),
    # paid, then fully refunded before shipping
    TaobaoTrade(3845120936412601, "chen_jie", "TRADE_CLOSED",
                (("TEA-LJ-250", 1, "SUCCESS"),), "2024-07-11 20:05:00", "2024-07-12 09:24:10",
                pay_time="2024-07-11 20:06:12", end_time="2024-07-12 09:24:10"),
    # just ordered, not paid yet
    TaobaoTrade(3845120936412655, "liu_yang", "WAIT_BUYER_PAY", (("CUP-QH-01", 4, "NO_REFUND"),),
                "2024-07-12 09:27:33", "2024-07-12 09:27:33"),
)
TAOBAO_BY_TID = {t.tid: t for t in TAOBAO_TRADES}


def _oid(trade: TaobaoTrade, index: int) -> int:
    return trade.tid * 10 + index + 1 if trade.tid < 10**15 else trade.tid + index + 1


def _open_uid(receiver: str) -> str:
    return "AAH" + stable_uuid("taobao-buyer", receiver).replace("-", "")[:21]


def _masked_nick(receiver: str) -> str:
    # TOP returns buyer nicks desensitised: first and last character kept.
    nick = "tb" + stable_uuid("nick", receiver).replace("-", "")[:8]
    return f"{nick[0]}**{nick[-1]}"


def taobao_order(trade: TaobaoTrade, index: int) -> dict[str, Any]:
    sku, quantity, refund_status = trade.lines[index]
    product = PRODUCTS[sku]
    num_iid, sku_id, properties = TAOBAO_ITEMS[sku]
    total = product.price * quantity
    order: dict[str, Any] = {
        "oid": _oid(trade, index), "oid_str": str(_oid(trade, index)), "num_iid": num_iid,
        "sku_id": sku_id, "outer_iid": sku.rsplit("-", 1)[0], "outer_sku_id": sku,
        "title": product.title, "sku_properties_name": properties, "cid": 50013085,
        "price": money(product.price), "num": quantity, "total_fee": money(total),
        "payment": money(total), "discount_fee": "0.00", "adjust_fee": "0.00",
        "divide_order_fee": money(total), "status": trade.status,
        "refund_status": refund_status, "is_oversold": False, "seller_type": "B",
        "buyer_rate": False, "seller_rate": False, "shipping_type": "express",
    }
    if refund_status != "NO_REFUND":
        order["refund_id"] = next(r.refund_id for r in TAOBAO_REFUNDS
                                  if r.tid == trade.tid and r.line == index)
    if trade.waybill:
        order.update(logistics_company="顺丰速运", invoice_no=trade.waybill,
                     consign_time=trade.consign_time)
    if trade.end_time:
        order["end_time"] = trade.end_time
    return order


def taobao_trade(trade: TaobaoTrade, fields: str | None = None) -> dict[str, Any]:
    """The trade as taobao.trade.fullinfo.get returns it, cut down to ``fields`` if given."""
    receiver = RECEIVERS[trade.receiver]
    payment = trade.payment
    full: dict[str, Any] = {
        "tid": trade.tid, "tid_str": str(trade.tid), "status": trade.status, "type": "fixed",
        "title": TAOBAO_SELLER, "seller_nick": TAOBAO_SELLER,
        "buyer_nick": _masked_nick(trade.receiver), "buyer_open_uid": _open_uid(trade.receiver),
        "created": trade.created, "modified": trade.modified,
        "num": sum(q for _, q, _ in trade.lines), "total_fee": money(payment),
        "payment": money(payment), "discount_fee": "0.00", "adjust_fee": "0.00",
        "post_fee": "0.00", "shipping_type": "express", "seller_flag": 0,
        "received_payment": money(payment) if trade.status == "TRADE_FINISHED" else "0.00",
        "receiver_name": receiver.name, "receiver_state": receiver.state,
        "receiver_district": receiver.district, "receiver_town": receiver.town,
        "receiver_address": receiver.address, "receiver_zip": receiver.zip,
        "receiver_mobile": receiver.mobile, "receiver_country": "",
        "buyer_rate": False, "seller_rate": False, "trade_from": "WAP,WAP",
        "orders": {"order": [taobao_order(trade, i) for i in range(len(trade.lines))]},
    }
    if receiver.city:
        full["receiver_city"] = receiver.city
    if receiver.phone:
        full["receiver_phone"] = receiver.phone
    for key in ("pay_time", "consign_time", "end_time", "buyer_message"):
        if getattr(trade, key):
            full[key] = getattr(trade, key)
    if fields is None:
        return full
    wanted = {name.strip() for name in fields.split(",")}
    return {key: value for key, value in full.items() if key in wanted}


@dataclass(frozen=True)
class TaobaoRefund:
    refund_id: int
    tid: int
    line: int
    status: str
    good_status: str
    reason: str
    phase: str
    created: str
    modified: str
    return_waybill: str | None = None


TAOBAO_REFUNDS = (
    TaobaoRefund(138206627361580, 3845120936412570, 1, "SUCCESS", "BUYER_RETURNED_GOODS",
                 "收到商品破损", "aftersale", "2024-07-08 10:00:00", "2024-07-10 15:30:00",
                 return_waybill="SF1462053917022"),
    TaobaoRefund(138206627361602, 3845120936412601, 0, "SUCCESS", "BUYER_NOT_RECEIVED",
                 "拍错/多拍/不想要", "onsale", "2024-07-12 09:10:00", "2024-07-12 09:24:10"),
)


def taobao_refund(refund: TaobaoRefund) -> dict[str, Any]:
    trade = TAOBAO_BY_TID[refund.tid]
    sku, quantity, _ = trade.lines[refund.line]
    product = PRODUCTS[sku]
    amount = money(product.price * quantity)
    body: dict[str, Any] = {
        "refund_id": refund.refund_id, "tid": trade.tid, "oid": _oid(trade, refund.line),
        "status": refund.status, "order_status": trade.status, "good_status": refund.good_status,
        "has_good_return": refund.return_waybill is not None, "refund_phase": refund.phase,
        "refund_version": int(local_time(refund.modified).timestamp() * 1000),
        "refund_fee": amount, "payment": amount, "total_fee": money(trade.payment),
        "price": money(product.price), "num": quantity, "title": product.title,
        "num_iid": TAOBAO_ITEMS[sku][0], "outer_id": sku, "reason": refund.reason,
        "desc": "", "buyer_nick": _masked_nick(trade.receiver), "seller_nick": TAOBAO_SELLER,
        "created": refund.created, "modified": refund.modified,
    }
    if refund.return_waybill:
        body.update(company_name="顺丰速运", sid=refund.return_waybill)
    return body


# --- JD (POP orders) ---------------------------------------------------------------------------

JD_VENDER = "10622317"
JD_SKUS = {"SCARF-SILK-BLUE": ("100061822501", "100033459001"),
           "TEA-LJ-250": ("100061822502", "100033459002"),
           "CUP-QH-01": ("100061822503", "100033459003")}


@dataclass(frozen=True)
class JdOrder:
    order_id: str
    receiver: str
    state: str
    state_remark: str
    lines: tuple[tuple[str, int], ...]
    start: str
    modified: str
    paid: str | None = None
    end: str | None = None
    waybill: str | None = None


JD_ORDERS = (
    JdOrder("295183620147", "wang_fang", "WAIT_SELLER_STOCK_OUT", "等待出库",
            (("TEA-LJ-250", 1), ("CUP-QH-01", 2)), "2024-07-12 08:12:40", "2024-07-12 08:13:05",
            paid="2024-07-12 08:13:05"),
    JdOrder("295183620263", "chen_jie", "FINISHED_L", "完成", (("SCARF-SILK-BLUE", 1),),
            "2024-07-08 14:30:00", "2024-07-12 10:45:19", paid="2024-07-08 14:31:22",
            end="2024-07-12 10:45:19", waybill="SF1462053915511"),
    JdOrder("295183620391", "liu_yang", "TRADE_CANCELED", "取消", (("CUP-QH-01", 1),),
            "2024-07-12 11:02:00", "2024-07-12 11:20:48"),
)


def jd_order(order: JdOrder) -> dict[str, Any]:
    receiver = RECEIVERS[order.receiver]
    total = sum((PRODUCTS[sku].price * qty for sku, qty in order.lines), Decimal(0))
    items = []
    for sku, quantity in order.lines:
        sku_id, ware_id = JD_SKUS[sku]
        items.append({"skuId": sku_id, "outerSkuId": sku, "skuName": PRODUCTS[sku].title,
                      "wareId": ware_id, "jdPrice": money(PRODUCTS[sku].price),
                      "itemTotal": str(quantity), "productNo": sku.split("-")[0],
                      "giftPoint": "0", "newStoreId": "0", "invoiceContentId": ""})
    body: dict[str, Any] = {
        "orderId": order.order_id, "venderId": JD_VENDER, "orderType": "22",
        "payType": "4-在线支付", "orderTotalPrice": money(total), "orderSellerPrice": money(total),
        "orderPayment": money(total), "freightPrice": "0.00", "sellerDiscount": "0.00",
        "balanceUsed": "0.00", "orderState": order.state, "orderStateRemark": order.state_remark,
        "deliveryType": "任意时间", "invoiceInfo": "不需要开具发票", "orderRemark": "",
        "venderRemark": "", "orderStartTime": order.start, "modified": order.modified,
        "consigneeInfo": {
            "fullname": receiver.name, "mobile": receiver.mobile.replace(" ", ""),
            "telephone": receiver.phone or "",
            "fullAddress": f"{receiver.state}{receiver.city}{receiver.district}{receiver.address}",
            "province": receiver.state, "city": receiver.city or receiver.district,
            "county": receiver.district, "town": receiver.town,
        },
        "itemInfoList": items, "pin": "jd_" + stable_uuid("jd-pin", order.receiver)[:12],
        "returnOrder": "0", "orderSource": "移动端订单", "storeOrder": "", "idSopShipmenttype": 67,
    }
    if order.paid:
        body["paymentConfirmTime"] = order.paid
    if order.end:
        body["orderEndTime"] = order.end
    if order.waybill:
        body.update(waybill=order.waybill, logisticsId="467")
    return body


# --- Pinduoduo ---------------------------------------------------------------------------------

PDD_GOODS = {"SCARF-SILK-BLUE": (512093481201, 1391824401201, "蓝色"),
             "TEA-LJ-250": (512093481202, 1391824401202, "250g礼盒装"),
             "CUP-QH-01": (512093481203, 1391824401203, "青花")}


@dataclass(frozen=True)
class PddOrder:
    order_sn: str
    receiver: str
    order_status: int
    refund_status: int
    after_sales_status: int
    lines: tuple[tuple[str, int], ...]
    created: str
    updated: str
    discount: Decimal = Decimal(0)
    shipped: str | None = None
    received: str | None = None
    tracking: str | None = None


PDD_ORDERS = (
    PddOrder("240712-418203966371058", "zhao_lei", 1, 1, 0, (("TEA-LJ-250", 2),),
             "2024-07-12 09:03:11", "2024-07-12 09:04:02", discount=Decimal("20")),
    PddOrder("240710-418203966370412", "li_na", 3, 4, 10, (("SCARF-SILK-BLUE", 1),),
             "2024-07-10 19:40:25", "2024-07-12 09:21:37", shipped="2024-07-11 10:15:00",
             received="2024-07-12 08:50:00", tracking="SF1462053916020"),
)


def _cipher(kind: str, text: str) -> str:
    # The shape of PDD's ciphertext (~base64~version~); the content is a stand-in, not a cipher.
    return "~AgAAAA" + stable_uuid("pdd-cipher", kind, text).replace("-", "")[:24] + "==~1~"


def pdd_order(order: PddOrder) -> dict[str, Any]:
    receiver = RECEIVERS[order.receiver]
    goods = sum((PRODUCTS[sku].price * qty for sku, qty in order.lines), Decimal(0))
    pay = goods - order.discount
    mobile = receiver.mobile.replace(" ", "").removeprefix("+86")
    address = f"{receiver.district}{receiver.town}{receiver.address}"
    body: dict[str, Any] = {
        "order_sn": order.order_sn, "order_status": order.order_status,
        "refund_status": order.refund_status, "after_sales_status": order.after_sales_status,
        "confirm_status": 1, "group_status": 1, "trade_type": 0, "is_lucky_flag": 1,
        "created_time": order.created, "confirm_time": order.created,
        "pay_time": order.created, "updated_at": order.updated,
        "last_ship_time": (local_time(order.created) + timedelta(hours=48)
                           ).strftime("%Y-%m-%d %H:%M:%S"),
        # money as JSON numbers of yuan
        "goods_amount": float(goods), "discount_amount": float(order.discount),
        "seller_discount": float(order.discount), "platform_discount": 0.0,
        "capital_free_discount": 0.0, "postage": 0.0, "pay_amount": float(pay),
        "pay_type": "WEIXIN", "pay_no": "4200002341" + order.order_sn[-14:],
        "country": "中国", "province": receiver.state, "city": receiver.city or receiver.district,
        "town": receiver.district, "province_id": 16, "city_id": 1642, "town_id": 1648,
        "receiver_name": _cipher("name", receiver.name),
        "receiver_phone": _cipher("phone", mobile),
        "address": _cipher("address", address),
        "receiver_address": _cipher("address", address),
        "receiver_name_mask": receiver.name[0] + "*" * (len(receiver.name) - 1),
        "receiver_phone_mask": mobile[:3] + "****" + mobile[-4:],
        "receiver_address_mask": f"{receiver.state}{receiver.city}{receiver.district}****",
        "buyer_memo": "", "remark": "",
        "item_list": [
            {"goods_id": PDD_GOODS[sku][0], "sku_id": PDD_GOODS[sku][1],
             "goods_name": PRODUCTS[sku].title, "goods_spec": PDD_GOODS[sku][2],
             "goods_count": qty, "goods_price": float(PRODUCTS[sku].price), "outer_id": sku,
             "outer_goods_id": sku.rsplit("-", 1)[0]}
            for sku, qty in order.lines
        ],
    }
    if order.shipped:
        body.update(shipping_time=order.shipped, tracking_number=order.tracking,
                    logistics_id=44)
    if order.received:
        body["receive_time"] = order.received
    return body


# --- SF Express (Fengqiao) ---------------------------------------------------------------------

SF_CITY_CODES = {"上海市": "021", "北京市": "010", "深圳市": "755", "杭州市": "571",
                 "广州市": "020"}


@dataclass(frozen=True)
class SfShipment:
    """A shipment the CRM asks SF for: the order id the integration gives it, the waybill SF
    answers with, and the route SF reports."""

    order_id: str
    waybill: str
    routes: tuple[tuple[str, ...], ...]  # acceptTime, acceptAddress, remark, opCode


def _two_days_later(routes: list[tuple[str, str, str, str]]) -> tuple[tuple[str, ...], ...]:
    """The REST facade's demo route (example_server.SF_ROUTES), moved to this shipment's days."""
    return tuple(((local_time(t) + timedelta(days=2)).strftime("%Y-%m-%d %H:%M:%S"),
                  *rest) for t, *rest in routes)


SF_SHIPMENTS = (
    SfShipment("HS19823400201", "SF1462053916511", _two_days_later(SF_ROUTES)),
    SfShipment("HS19823400202", "SF1462053916432", ()),
)
SF_MONTHLY_CARD = "7551234567"


def sf_route(shipment: SfShipment) -> list[dict[str, Any]]:
    return [{"acceptTime": t, "acceptAddress": a, "remark": r, "opCode": c}
            for t, a, r, c in shipment.routes]


def sf_route_events(shipment: SfShipment, last: int) -> list[dict[str, Any]]:
    """The last ``last`` route events as the route push carries them."""
    return [
        {"id": stable_uuid("sf-route", shipment.waybill, code).replace("-", "")[:15],
         "mailno": shipment.waybill, "orderid": shipment.order_id, "acceptTime": t,
         "acceptAddress": a, "remark": r, "opCode": code, "reasonCode": "", "reasonName": ""}
        for t, a, r, code in shipment.routes[-last:]
    ]
