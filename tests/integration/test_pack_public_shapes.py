"""Payloads in the shapes the platforms' public SDK samples and documentation show (their key
sets, their value types and quirks; the values here are our own) against the packs' contracts:
what a real client or platform sends is accepted, and the classic mistakes are not."""

from __future__ import annotations

import json
from typing import Any

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.contracts.validation import violations
from seamguard.project import find_project
from tests.support.projects import REPO


def contract(platform: str) -> Contract:
    project = find_project(REPO, explicit=True)
    loaded = ContractCatalog(project).load(platform, project.settings.platforms[platform]
                                           .versions[0])
    assert isinstance(loaded, Contract)
    return loaded


def errors(platform: str, schema: str, value: Any) -> list[tuple[str, str]]:
    """Violations other than fields the contract does not declare."""
    found = contract(platform)
    return [(v.pointer, v.code) for v in violations(found, found.root(schema), value)
            if not v.undeclared]


# SF's SDK sample create-order document: counts and weights as floats, an empty customsInfo and
# extraInfoList, isOneselfPickup, totalWeight as an integer.
SF_SDK_ORDER = {
    "cargoDetails": [{"amount": 128.0, "count": 1.0, "name": "手工地毯", "unit": "件",
                      "volume": 0.0, "weight": 3.2}],
    "contactInfoList": [
        {"address": "武汉市江汉区解放大道690号", "city": "武汉市", "company": "样品专营店",
         "contact": "周敏", "contactType": 1, "county": "江汉区", "mobile": "17000000001",
         "province": "湖北省"},
        {"address": "湖北省宜昌市西陵区东山大道95号", "city": "宜昌市", "contact": "吴昊",
         "county": "西陵区", "contactType": 2, "mobile": "17000000002", "province": "湖北省"}],
    "customsInfo": {}, "expressTypeId": 1, "extraInfoList": [], "isOneselfPickup": 0,
    "language": "zh-CN", "monthlyCard": "7551234567", "orderId": "QIAO-20240712-001",
    "parcelQty": 1, "payMethod": 1, "totalWeight": 3,
}


def test_sf_sdk_shaped_documents_are_accepted() -> None:
    assert errors("sf-fengqiao", "#/components/schemas/CreateOrderMsgData", SF_SDK_ORDER) == []
    # the SDK's route query sends its numbers as text, language "0" included
    query = {"language": "0", "trackingType": "1", "trackingNumber": ["SF1462053916511"],
             "methodType": "1"}
    assert errors("sf-fengqiao", "#/components/schemas/SearchRoutesMsgData", query) == []
    assert errors("sf-fengqiao", "#/components/schemas/UpdateOrderMsgData",
                  {"dealType": 2, "orderId": "QIAO-20240712-001"}) == []


@pytest.mark.parametrize(("change", "pointer", "code"), [
    ({"mobile": "+8617000000002"}, "/contactInfoList/1/mobile", "field.wrong-format"),
    ({"mobile": "170 0000 0002"}, "/contactInfoList/1/mobile", "field.wrong-format"),
    ({"contactType": "2"}, "/contactInfoList/1/contactType", "field.wrong-type"),
], ids=["e164-phone", "spaced-phone", "type-as-text"])
def test_sf_rejects_the_classic_receiver_mistakes(change: dict[str, Any], pointer: str,
                                                  code: str) -> None:
    order = json.loads(json.dumps(SF_SDK_ORDER))
    order["contactInfoList"][1].update(change)
    found = errors("sf-fengqiao", "#/components/schemas/CreateOrderMsgData", order)
    assert (pointer, code) in found


def test_a_jd_order_in_the_shape_of_a_public_sample_is_accepted() -> None:
    # A POP order as JD returns it to a shop under privacy protection: ciphertext consignee with
    # desensitised copies, the coupon list as a list of lists, sendpayMap as a JSON string.
    order = {
        "orderSellerPrice": "1.00", "orderType": "22", "venderRemark": "",
        "couponDetailList": [[{"couponType": "39-京豆优惠", "couponPrice": "0.00"}]],
        "orderId": "249786309732", "sendpayMap": '{"34":"3","26":"2"}', "venderId": "10622317",
        "paymentConfirmTime": "2024-07-12 16:38:32", "orderStateRemark": "等待出库",
        "orderState": "WAIT_SELLER_STOCK_OUT",
        "itemInfoList": [{"skuName": "宝宝沐浴手套 白色", "itemTotal": "1",
                          "wareId": "10020665903516", "outerSkuId": "bath-glove-w",
                          "jdPrice": "1.00", "giftPoint": "0", "productNo": "bath",
                          "skuId": "10054887745652", "newStoreId": "0"}],
        "payType": "4-在线支付", "pin": "jd_c2f1a9e0d7", "modified": "2024-07-12 16:38:32",
        "freightPrice": "0.00", "balanceUsed": "0.00", "invoiceInfo": "不需要开具发票",
        "orderSource": "移动端订单", "orderTotalPrice": "1.00", "deliveryType": "任意时间",
        "orderPayment": "1.00", "outBoundDate": "0001-01-01 00:00:00",
        "consigneeInfo": {"town": "赤岗街道", "city": "广州市", "county": "海珠区",
                          "mobile": "136*******5", "telephone": "136*******5", "cityId": "1601",
                          "townId": "63199", "provinceId": "19", "province": "广东",
                          "countyId": "3634", "fullAddress": "AAS/ZFJFpmfveSme==",
                          "fullname": "AAS/ZFJFpmfveSmeiAV==",
                          "desen_mobile": "656233eb3c9d6035653f5a6d7f"},
        "sellerDiscount": "0.00", "returnOrder": "0", "orderStartTime": "2024-07-12 16:37:38",
        "idSopShipmenttype": 67,
    }
    assert errors("jd", "#/components/schemas/OrderInfo", order) == []
    order["orderPayment"] = 1.0  # a client that "fixes" money into numbers
    assert errors("jd", "#/components/schemas/OrderInfo", order) == [
        ("/orderPayment", "field.wrong-type")]


def test_a_pinduoduo_order_in_the_sdk_model_shape_is_accepted() -> None:
    # The SDK model's numbers are doubles and a deposit-less order has step_order_info null.
    order = {"order_sn": "240712-418203966371999", "order_status": 1, "refund_status": 1,
             "after_sales_status": 0, "confirm_status": 1, "group_status": 1, "trade_type": 0,
             "updated_at": "2024-07-12 09:04:02", "created_time": "2024-07-12 09:03:11",
             "pay_amount": 516.0, "goods_amount": 536.0, "discount_amount": 20.0, "postage": 0,
             "step_order_info": None, "receiver_phone_mask": "135****5432",
             "item_list": [{"goods_id": 512093481202, "sku_id": 1391824401202,
                            "goods_count": 2, "goods_price": 268.0}]}
    assert errors("pinduoduo", "#/components/schemas/OrderInfo", order) == []
    order["pay_amount"] = "516.00"
    assert errors("pinduoduo", "#/components/schemas/OrderInfo", order) == [
        ("/pay_amount", "field.wrong-type")]


@pytest.mark.parametrize("tid", [1873045529201, 3845120936412538, 4102938475610293847])
def test_taobao_trade_ids_of_every_length_are_accepted(tid: int) -> None:
    trade = {"tid": tid, "tid_str": str(tid), "status": "TRADE_FINISHED", "payment": "0.01",
             "modified": "2024-07-12 09:12:08"}
    assert errors("taobao", "#/components/schemas/Trade", trade) == []


@pytest.mark.parametrize(("field", "value", "code"), [
    ("payment", 536.0, "field.wrong-type"),
    ("payment", "536", "field.wrong-format"),
    ("modified", "2024-07-12T09:12:08+08:00", "field.wrong-format"),
    ("status", "TRADE_SUCCESS", "field.unknown-enum"),
], ids=["money-number", "money-without-cents", "iso-time", "status-from-another-api"])
def test_taobao_rejects_what_top_never_sends(field: str, value: Any, code: str) -> None:
    trade = {"tid": 1873045529201, "status": "TRADE_FINISHED", "payment": "536.00",
             "modified": "2024-07-12 09:12:08", field: value}
    assert errors("taobao", "#/components/schemas/Trade", trade) == [(f"/{field}", code)]
