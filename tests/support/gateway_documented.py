"""What the gateway platforms document for the operations the packs cover, as facts, and a
generator that fills every documented field with a realistic value.

The facts are field names grouped by kind, gathered from public SDK models and documentation
(TOP's API metadata and Go SDK models, Pinduoduo's TypeScript SDK interfaces, JD's Java SDK
models, SF Fengqiao's published field tables); they are written here as names only, in a small
text format, so that they can be checked against the packs' contracts without reading them:

    TypeName
      int: name name ...          JSON integer
      bool: ...                   JSON boolean
      time: ...                   "yyyy-MM-dd HH:mm:ss", China time
      str: ...                    JSON string (money, ids and codes by their names, see Filler)
      yuan: ...                   yuan as a JSON number (Pinduoduo)
      obj: field=Type ...         a nested object
      list: field=wrapper:Type    a list; TOP wraps it in an object keyed `wrapper`, the other
                                  platforms write `field=:Type` for a bare JSON array

The values come from Faker zh_CN with a fixed seed, so a run is reproducible.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from faker import Faker

Kind = tuple[str, str]  # (kind, detail): ("int", ""), ("obj", "Type"), ("list", "wrapper:Type")
Facts = dict[str, dict[str, Kind]]


def parse_facts(text: str) -> Facts:
    """The facts of a text in the format above: type name -> field -> kind."""
    facts: Facts = {}
    current: dict[str, Kind] = {}
    kind = ""
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            current = facts.setdefault(line.strip(), {})
            continue
        words = line.split()
        if words[0].endswith(":"):
            kind, words = words[0][:-1], words[1:]
        for word in words:
            name, _, detail = word.partition("=")
            current[name] = (kind, detail)
    return facts


# Taobao TOP: taobao.trade.fullinfo.get, taobao.trades.sold.get / .increment.get,
# taobao.refunds.receive.get, taobao.refund.get (the union of what they document).
TOP = parse_facts("""
Trade
  int: alipay_id alipay_point arrive_interval buyer_flag buyer_obtain_point_fee consign_interval
     coupon_fee delay_create_delivery et_shop_id forbid_consign num num_iid ofp_hold pcc_af
     point_fee real_point_fee seller_flag share_group_hold sorted suning_shop_valid
     team_buy_hold tid tmall_coupon_fee top_hold toptype
  bool: buyer_rate can_rate cross_bonded_declare general_new_presell has_buyer_message
     has_post_fee has_yfx is_3D is_brand_sale is_cycle_buy is_daixiao is_force_dc is_force_wlb
     is_gift is_istore is_lgtype is_o2o_passport is_openmall is_part_consign is_sh_ship is_wt
     new_presell no_shipping post_gate_declare q_r_pay seller_can_rate seller_rate
     threepl_timing tmall_delivery v_logistics_create you_xiang zero_purchase
  time: async_modified consign_time created end_time modified pay_time timeout_action_time
  str: acookie_id adjust_fee aid alipay_no allow_appkeys app_name arrive_cut_time asdp_ads
     asdp_biz_type assembly available_confirm_fee biz_code brand_light_shop_source
     brand_light_shop_store_id buyer_alipay_no buyer_area buyer_cod_fee buyer_email buyer_memo
     buyer_message buyer_nick buyer_open_uid cloud_store cn_service cod_fee cod_status
     collect_time commission_fee credit_card_fee cutoff_minutes delivery_cps delivery_time
     discount_fee dispatch_time donee_nick donee_open_uid drug_register easy_home_city_type
     es_date es_range es_time est_con_time et_plate_number et_ser_time et_shop_name et_type
     et_verified_shop_name eticket_ext eticket_service_addr expand_card_basic_price
     expand_card_basic_price_used expand_card_expand_price expand_card_expand_price_used
     express_agency_fee extend_info gifting gifting_takeout hk_birthday hk_card_code
     hk_card_type hk_china_name hk_en_name hk_flight_date hk_flight_no hk_gender hk_pickup
     hk_pickup_id hold_install identity invoice_detail_after_refund invoice_detail_mid_refund
     invoice_detail_pay is_wmly lg_aging lg_aging_type linkedmall_ext_info lm m_tariff_fee
     mark_desc market ncz_ext_attr nr_deposit_order_id nr_no_handle nr_offline nr_shop_guide_id
     nr_shop_guide_name nr_shop_id nr_shop_name nr_store_code nr_store_order_id nut_feature o2o
     o2o_contract o2o_delivery o2o_et_order_id o2o_guide_id o2o_guide_name o2o_out_trade_id
     o2o_service_address o2o_service_city o2o_service_district o2o_service_mobile
     o2o_service_name o2o_service_state o2o_service_town o2o_shop_id o2o_shop_name
     o2o_snatch_status o2o_step_order_id o2o_step_trade_detail o2o_step_trade_detail_new
     o2o_voucher_price o2o_xiaopiao oaid ob_tag obs og_id oi_date oi_range omni_attr
     omni_package omni_param omnichannel_param order_follow_id order_tax_fee
     order_tax_promotion_fee os_date os_range outer_partner_member_id paid_coupon_fee
     pay_channel payment pic_path platform_subsidy_fee play_type post_fee price
     priority_consign_time promise_service promise_sign_time promotion propoint
     real_name_auth_status receipt_type received_payment receiver_address receiver_city
     receiver_country receiver_district receiver_mobile receiver_name receiver_phone
     receiver_state receiver_town receiver_zip recharge_fee retail_out_order_id
     retail_store_code retail_store_id root_cat rt_omni_outer_store_id rt_omni_send_type
     rt_omni_store_id rx_audit_status scenario_group seller_alipay_no seller_cod_fee
     seller_email seller_memo seller_mobile seller_name seller_nick seller_phone send_time
     service_type shipping_type shop_code shop_pick sid sign_time snapshot_url
     stage_address_type status step_paid_fee step_trade_status suning_shop_code tcps_code
     tcps_end tcps_start third_party_customs_declaration tid_str timing_promise title total_fee
     trade_attr trade_from trade_memo trade_source txp_freezer_id txp_receive_method type ua
     wtt_param yfx_fee yfx_id yfx_type zqs_order_tag
  obj: expandcard_info=ExpandCardInfo identify_info=IdentifyInfo
     logistics_agreement=LogisticsAgreement sort_info=SortInfo trade_ext=TradeExt
  list: address_details=address_detail:AddressDetail
     agree_refund_checks=agree_refund_check:AgreeRefundCheck
     combine_logistics_details=combine_logistics_detail:CombineLogisticsDetail
     delivery_plan=delivery_plan:DeliveryPlan
     logistics_consign_info=logistics_consign_info:LogisticsConsignInfo
     logistics_infos=logistics_info:LogisticsInfo
     logistics_modify_info=logistics_modify_info:LogisticsModifyInfo orders=order:Order
     promotion_details=promotion_detail:PromotionDetail receipt_rel_ids=string:str
     service_orders=service_order:ServiceOrder service_tags=logistics_tag:LogisticsTag
     step_pay_details=step_pay_detail:StepPayDetail
Order
  int: bind_oid bundle_type cid fqg_num item_meal_id num num_iid oid trade_fulfillment_type
  bool: buyer_rate has_gift is_daixiao is_devalue_fee is_force_dc is_fqg_s_fee is_free_gift
     is_jzfx is_kaola is_oversold is_service_order is_sh_ship is_www need_return seller_rate
     tax_free
  time: end_time timeout_action_time
  str: adjust_fee assembly_item assembly_price assembly_rela auto_flow b2b_daixiao bind_oids
     bind_oids_all_status biz_code brand_light_shop_source brand_light_shop_store_id bundle_id
     bundle_out_name car_store_code car_store_name car_taker car_taker_id car_taker_phone
     cloud_store cloud_store_bind_pos cloud_store_token collect_time combo_id consign_time
     credit_buy customization cutoff_minutes delivery_time discount_fee dispatch_time
     distribute_status divide_order_fee down_payment down_payment_ratio es_date es_range es_time
     estimate_con_time et_plate_number et_ser_time et_shop_name et_verified_shop_name
     expand_card_basic_price_used_suborder expand_card_expand_price_used_suborder extend_info
     f_status f_term f_type gift_mids hj_settle_no_commission installment_num inv_type
     invoice_no is_idle item_meal_name item_memo jewcc_no lijian logistics_company md_fee
     md_qualification modify_address month_payment nr_outer_iid nr_reduce_inv_fail o2o_guide_id
     o2o_guide_name o2o_shop_id o2o_shop_name oid_str one_yuan_reservation_orders order_attr
     order_from order_taking os_activity_id os_date os_fg_item_id os_gift_count os_range
     os_sort_num out_item_id out_unique_id outer_iid outer_sku_id part_mjz_discount payment
     penalty pic_path price promise_collect_time promise_end_time promise_service propoint
     refund_id refund_status retail_store_id rt_omni_outer_sc_id rt_omni_sc_id s_tariff_fee
     seller_type service_fee service_order_type service_outer_id shipper shipping_type sign_time
     sku_id sku_properties_name snapshot_url special_refund_type status store_code
     sub_order_tax_fee sub_order_tax_promotion_fee sub_order_tax_rate tail_payment
     tax_coupon_discount ti_modify_address_time ticket_expdate_key ticket_outer_id
     timing_promise title tmser_spu_code total_fee ws_bank_apply_no zhengji_status
  obj: sort_info=SortInfo
  list: combine_item_info=combine_sub_item_do:CombineSubItemDO ship_info=ship_info:ShipInfo
     shp_info=ship_info:ShipInfo
SortInfo
  int: day_sort_val hour_sort_val
ShipInfo
  str: transport_type
CombineSubItemDO
  int: combine_sub_item_fee edu_original_fee item_id origin_fee quantity sku_id
  bool: ismain
  str: estcon_time item_name num_iid outer_iid outer_sku_id sku_title
PromotionDetail
  int: id
  str: discount_fee gift_item_id gift_item_name gift_item_num kd_child_discount_fee
     kd_discount_fee promotion_desc promotion_id promotion_name
LogisticsTag
  str: order_id
  list: logistic_service_tag_list=logistic_service_tag:LogisticServiceTag
LogisticServiceTag
  str: service_tag service_type
ServiceOrder
  int: combine_sub_item_id combine_sub_item_sku_id item_oid num oid service_id
  str: apple_care_email apple_care_mpn buyer_nick comm_amount_unit et_plate_number et_ser_time
     et_shop_name et_verified_shop_name ext_service_biz_id oid_str payment pic_path price
     refund_id seller_nick service_detail_url service_order_type service_outer_id title
     tmser_spu_code total_fee
TradeExt
  int: before_close_flag before_confirm_flag before_enable_flag before_modify_flag
     before_pay_flag before_rate_flag before_refund_flag before_ship_flag third_party_status
  str: ext_attributes extra_data
LogisticsInfo
  int: biz_delivery_type item_ratio need_consign_num num_iid sub_trade_id trade_id
  str: bar_code biz_delivery_code biz_sd_type biz_store_code black_delivery_cps
     combine_item_code combine_item_id consign_type delivery_cps item_code item_id
     promise_collect_time promise_outbound_time send_city send_country send_district
     send_division_code send_state send_town sku_id store_code type unused_delivery_error_msg
     unused_warehouse_error_msg used_black_delivery_error_msg white_delivery_cps
ExpandCardInfo
  str: basic_price basic_price_used expand_price expand_price_used
StepPayDetail
  int: id pay_status step_no
  str: step_actual_pay_fee step_channel_no step_instrument_code
AgreeRefundCheck
  str: delivery_process delivery_tips detail_order_id
AddressDetail
  str: area biz_type city contact_name country detailed_address division_code prov telephone
DeliveryPlan
  int: curr_phase goods_num order_id plan_id plan_refund_status plan_status
  time: actual_ship_time prepare_time_begin privacy_expire_time ship_time_begin
  str: oaid out_logistics_id privacy_num receiver_address receiver_city receiver_country
     receiver_district receiver_mobile receiver_name receiver_phone receiver_state receiver_town
CombineLogisticsDetail
  str: invoice_no logistics_company sub_order_id
  list: send_goods_details=send_goods_detail:SendGoodsDetail
SendGoodsDetail
  int: amount consign_status type
  list: goods_details=package_goods_detail:PackageGoodsDetail
PackageGoodsDetail
  int: amount item_id sku_id
IdentifyInfo
  list: identify_logistics_infos=identify_logistics_info:IdentifyLogisticsInfo
     identify_service_infos=identify_service_info:IdentifyServiceInfo
IdentifyLogisticsInfo
  int: detail_order_id stage_no
  bool: refund
  str: invoice_no logistics_company refund_id
IdentifyServiceInfo
  int: detail_order_id
  str: service_id unit_id
LogisticsConsignInfo
  str: consign_time related_id render_consign_time
  list: combine_item=combine_consign_info:CombineConsignInfo
CombineConsignInfo
  str: comb_id consign_time item_id render_consign_time sku_id
LogisticsModifyInfo
  str: comb_id consign_time item_id modify_reason modify_time origin_consign_time related_id
     sku_id
LogisticsAgreement
  str: asdp_ads asdp_biz_type logistics_service_msg no_detail_part_consign promise_sign_time
     push_time sign_time sink_type
Refund
  int: advance_status cs_status num num_iid oid refund_version tid
  bool: has_good_return
  time: created good_return_time modified
  str: address alipay_no attribute buyer_nick buyer_open_uid company_name desc dispute_type
     good_status operation_contraint order_status ouid outer_id payment price reason refund_fee
     refund_id refund_phase seller_nick shipping_type sid sku split_seller_fee split_taobao_fee
     status title total_fee
  obj: refund_remind_timeout=RefundRemindTimeout
  list: combine_item_info=combine_sub_item_do:CombineSubItemDO
RefundRemindTimeout
  int: remind_type
  bool: exist_timeout
  time: timeout
Shipping
  bool: is_success
""")

# Pinduoduo: pdd.order.list.get, pdd.order.number.list.increment.get and
# pdd.order.information.get answer the same order object (the last adds store_info).
PDD = parse_facts("""
OrderInfo
  int: after_sales_status city_id confirm_status country_id delivery_one_day duoduo_wholesale
     free_sf group_role group_status home_delivery_type invoice_status is_lucky_flag is_pre_sale
     is_stock_out mkt_biz_type only_support_replace order_status province_id refund_status
     remark_tag return_freight_payer risk_control_status self_contained shipping_type
     stock_out_handle_status support_nationwide_warranty town_id trade_type
     cat_id_1 cat_id_2 cat_id_3 cat_id_4 group_order_id logistics_id
  yuan: capital_free_discount delivery_home_value delivery_install_value discount_amount
     goods_amount home_install_value order_change_amount pay_amount platform_discount postage
     seller_discount
  time: confirm_time created_time last_ship_time pay_time receive_time shipping_time updated_at
  str: address address_mask bonded_warehouse buyer_memo city country inner_transaction_id
     order_sn pay_no pay_type pre_sale_time promise_delivery_time province receiver_address
     receiver_address_mask receiver_name receiver_name_mask receiver_phone receiver_phone_mask
     remark remark_tag_name ship_additional_link_order ship_additional_origin_order town
     tracking_number urge_shipping_time yyps_date yyps_time
  obj: order_depot_info=DepotInfo step_order_info=StepOrderInfo store_info=StoreInfo
  list: card_info_list=:CardInfo extra_delivery_list=:Parcel gift_delivery_list=:Parcel
     gift_list=:Item item_list=:Item order_tag_list=:OrderTag resend_delivery_list=:Parcel
     service_fee_detail=:ServiceFee
CardInfo
  str: card_no mask_password
Parcel
  int: logistics_id
  str: tracking_number
Item
  int: goods_count goods_id sku_id
  yuan: goods_price
  str: goods_img goods_name goods_spec outer_goods_id outer_id
DepotInfo
  int: depot_type ware_type
  str: depot_code depot_id depot_name ware_id ware_name ware_sn
  list: ware_sub_info_list=:WareSubInfo
WareSubInfo
  int: ware_id ware_quantity
  str: ware_name ware_sn
OrderTag
  int: value
  str: name
ServiceFee
  yuan: service_fee
  str: service_name
StepOrderInfo
  int: step_trade_status
  yuan: advanced_paid_fee step_discount_amount step_paid_fee
StoreInfo
  int: store_id
  str: store_name store_number
""")

# JD POP: jingdong.pop.order.search (orderInfoList) and jingdong.pop.order.get (orderInfo).
JD = parse_facts("""
OrderInfo
  digits: orderId venderId
  money: orderTotalPrice orderSellerPrice orderPayment freightPrice sellerDiscount balanceUsed
  time: orderStartTime orderEndTime paymentConfirmTime modified
  int: idSopShipmenttype tradeOrderId tradeVendorId
  str: orderType payType orderState orderStateRemark deliveryType invoiceInfo invoiceCode
     orderRemark venderRemark pin returnOrder waybill logisticsId directParentOrderId
     parentOrderId customs customsModel orderSource storeOrder scDT serviceFee taxFee
     tuiHuoWuYou orderSign storeId menDianId mdbStoreId salesPin orderExt realPin sendpayMap
     popSignMap promisePickDate opPickDate opDeliveredDate declarationStatus declarationDesc
     totalOriginalPrice totalSellerDiscount totalSellerReceivable shouldPay actualPay
     payDiscount paymentDetailList logisticsExt venderRemarkFlagAlias venderRemarkLevelFlag
     openIdBuyer xidBuyer openIdSeller xidSeller
  obj: consigneeInfo=UserInfo originalConsigneeInfo=UserInfo invoiceEasyInfo=InvoiceEasyInfo
  list: itemInfoList=:ItemInfo couponDetailList=:Coupon
UserInfo
  str: fullname telephone mobile fullAddress province city county town desen_mobile
     desen_telephone
  digits: provinceId cityId countyId townId
ItemInfo
  digits: skuId wareId itemTotal
  money: jdPrice
  str: outerSkuId skuName giftPoint productNo newStoreId invoiceContentId serviceName
Coupon
  digits: orderId skuId
  money: couponPrice
  str: couponType
InvoiceEasyInfo
  str: invoiceType invoiceTitle invoiceContentId invoiceConsigneeEmail invoiceConsigneePhone
     invoiceCode
""")

# SF Fengqiao: EXP_RECE_CREATE_ORDER (request and answer msgData), EXP_RECE_SEARCH_ROUTES
# (answer msgData) and the route push (JSON mode).
SF = parse_facts("""
CreateOrderMsgData
  str: language orderId cargoDesc monthlyCard custReferenceNo orderSource remark filterField
     specialDeliveryTypeCode specialDeliveryValue merchantPayOrderNo podModelAddress
     inProcessWaybillNo
  int: payMethod expressTypeId parcelQty isDocall isSignBack temperatureRange isOneselfPickup
     isReturnQRCode isReturnSignBackRoutelabel isReturnRoutelabel isUnifiedWaybillNo
     isGenWaybillNo
  num: totalLength totalWidth totalHeight totalVolume totalWeight totalNetWeight
  time: sendStartTm
  obj: customsInfo=CustomsInfo
  list: cargoDetails=:CargoDetail contactInfoList=:ContactInfo extraInfoList=:ExtraInfo
     serviceList=:Service
ContactInfo
  int: contactType
  str: company contact tel mobile country province city county address postCode email taxNo
     contactRemark certType certNo
CargoDetail
  str: name unit currency sourceArea productRecordNo goodPrepardNo taxNo hsCode goodsCode brand
     specifications manufacturer declaredValueDeclaredCurrency cargoId snCode stateBarCode
  num: count weight amount shipmentWeight length width height volume cargoDeclaredValue
  int: intelligentInspection
Service
  str: name value value1 value2 value3 value4
CustomsInfo
  num: declaredValue
  int: taxPayMethod
  str: declaredValueCurrency customsBatchs taxSettleAccounts paymentTool paymentNumber orderName
     tax
ExtraInfo
  str: attrName attrVal
WaybillNoInfo
  int: waybillType
  str: waybillNo boxNo
  num: length width height weight volume
CreateOrderResult
  str: orderId originCode destCode remark url paymentLink isUpstairs isSpecialWarehouseService
     mappingMark agentMailno scenePlanCode
  int: filterResult
  list: waybillNoInfoList=:WaybillNoInfo routeLabelInfo=:RouteLabelInfo serviceList=:Service
     returnExtraInfoList=:ExtraInfo
RouteLabelInfo
  str: code message
  obj: routeLabelData=RouteLabelData
RouteLabelData
  str: waybillNo sourceTransferCode sourceCityCode sourceDeptCode sourceTeamCode destCityCode
     destDeptCode destDeptCodeMapping destTeamCode destTeamCodeMapping destTransferCode
     destRouteLabel proName cargoTypeCode limitTypeCode expressTypeCode codingMapping
     codingMappingOut xbFlag printFlag twoDimensionCode proCode printIcon abFlag errMsg
     destPortCode destCountry destPostCode goodsValueTotal currencySymbol goodsNumber
     destAddrKeyWord noToDoorPayment checkCode destGisDeptCode sendAreaCode
     destinationStationCode sxLabelDestCode sxDestTransferCode sxCompany rongType
RouteResult
  list: routeResps=:RouteResp
RouteResp
  str: mailNo
  list: routes=:Route
Route
  time: acceptTime
  str: acceptAddress remark opCode firstStatusCode firstStatusName secondaryStatusCode
     secondaryStatusName
RouteEvent
  time: acceptTime
  str: id mailno orderid acceptAddress remark opCode reasonCode reasonName firstStatusCode
     firstStatusName secondaryStatusCode secondaryStatusName
""")

Override = Callable[["Filler"], Any]
_JSON_KINDS: dict[str, type | tuple[type, ...]] = {
    "int": int, "str": str, "digits": str, "money": str, "time": str, "bool": bool,
    "yuan": (int, float), "num": (int, float), "obj": dict, "list": (list, dict)}


class Filler:
    """Fills every documented field of a type with a realistic value.

    ``overrides`` give the value of a field whose documentation names its values (an enum, a
    code format), keyed ``Type.field`` or ``field``; ``money`` names the string fields that hold
    yuan with two decimals; ``wrap_lists`` is TOP's habit of wrapping a list in an object.
    """

    def __init__(self, facts: Facts, *, seed: int, overrides: dict[str, Override],
                 money: str = r"$^", int_default: Override | None = None, items: int = 2) -> None:
        self.facts = facts
        self.faker = Faker("zh_CN")
        self.faker.seed_instance(seed)
        self.random = random.Random(seed)
        self.overrides = overrides
        self.money = re.compile(money)
        self.int_default = int_default or (lambda f: f.random.randint(1, 5))
        self.items = items
        self.start = datetime(2024, 7, 12, 9, 0, 0)

    # --- values ---------------------------------------------------------------------------

    def digits(self, count: int) -> str:
        return self.random.choice("123456789") + "".join(
            self.random.choices(string.digits, k=count - 1))

    def big(self, count: int = 13) -> int:
        return int(self.digits(count))

    def time(self) -> str:
        moment = self.start + timedelta(seconds=self.random.randint(0, 7 * 86400))
        return moment.strftime("%Y-%m-%d %H:%M:%S")

    def amount(self) -> str:
        return f"{self.random.randint(1, 99999) / 100:.2f}"

    def yuan(self) -> float:
        return self.random.randint(0, 99999) / 100

    def text(self, name: str) -> str:
        lowered = name.lower()
        if self.money.search(name):
            return self.amount()
        if "mobile" in lowered or lowered.endswith("phone"):
            return str(self.faker.phone_number())
        if lowered.endswith(("name", "nick", "contact")):
            return str(self.faker.name())
        if "address" in lowered:
            return str(self.faker.street_address())
        if lowered.endswith(("_id", "id", "_no", "no", "_sn", "code")):
            return self.digits(10)
        return str(self.faker.word())

    # --- objects ----------------------------------------------------------------------------

    def value(self, owner: str, name: str, kind: tuple[str, str]) -> Any:
        what, detail = kind
        override = self.overrides.get(f"{owner}.{name}")
        if override is not None:
            return override(self)
        override = self.overrides.get(name)
        if override is not None:
            # a bare field name counts only where the value is of the kind documented here
            value = override(self)
            if value is None or isinstance(value, _JSON_KINDS.get(what, object)):
                return value
        if what == "int":
            if re.search(r"(^|_)(t|o)?id$|_id$|Id$", name):
                return self.big()
            return self.int_default(self)
        simple: dict[str, Callable[[], Any]] = {
            "bool": lambda: self.random.random() < 0.5, "time": self.time,
            "yuan": self.yuan, "money": self.amount, "digits": lambda: self.digits(12),
            "num": lambda: self.random.randint(1, 5000) / 100, "str": lambda: self.text(name)}
        if what in simple:
            return simple[what]()
        if what == "obj":
            return self.fill(detail)
        wrapper, _, item = detail.partition(":")
        scalar = {"int": self.big, "str": lambda: self.digits(15)}
        values = [scalar[item]() if item in scalar else self.fill(item)
                  for _ in range(self.items)]
        return {wrapper: values} if wrapper else values

    def fill(self, type_name: str) -> dict[str, Any]:
        filled = {name: self.value(type_name, name, kind)
                  for name, kind in self.facts[type_name].items()}
        # an id's text twin (tid_str beside tid) carries the same id, as the platform writes it
        for name, value in filled.items():
            number = filled.get(name.removesuffix("_str"))
            if name.endswith("_str") and isinstance(value, str) and isinstance(number, int):
                filled[name] = str(number)
        return filled


def choice(*values: Any) -> Override:
    return lambda f: f.random.choice(values)


TRADE_STATUS = ("WAIT_BUYER_PAY", "WAIT_SELLER_SEND_GOODS", "SELLER_CONSIGNED_PART",
                "WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED", "TRADE_FINISHED",
                "TRADE_CLOSED", "TRADE_CLOSED_BY_TAOBAO", "PAY_PENDING")
REFUND_STATUS = ("WAIT_SELLER_AGREE", "WAIT_BUYER_RETURN_GOODS", "WAIT_SELLER_CONFIRM_GOODS",
                 "SELLER_REFUSE_BUYER", "CLOSED", "SUCCESS")


def top_filler(seed: int) -> Filler:
    return Filler(TOP, seed=seed, money=r"(fee|payment|price)$", overrides={
        "status": choice(*TRADE_STATUS), "Refund.status": choice(*REFUND_STATUS),
        "order_status": choice(*TRADE_STATUS),
        "refund_status": choice("NO_REFUND", *REFUND_STATUS),
        "seller_type": choice("B", "C"), "type": choice("fixed", "guarantee_trade", "step"),
        "step_trade_status": choice("FRONT_NOPAID_FINAL_NOPAID", "FRONT_PAID_FINAL_NOPAID",
                                    "FRONT_PAID_FINAL_PAID", "FRONT_PAID_FRONT_FORFEITED"),
        "good_status": choice("BUYER_NOT_RECEIVED", "BUYER_RECEIVED", "BUYER_RETURNED_GOODS"),
        "refund_phase": choice("onsale", "aftersale"),
        "seller_flag": choice(0, 1, 2, 3, 4, 5), "sku_id": lambda f: f.digits(13),
        # typed String by the docs, a "yyyy-MM-dd HH:mm:ss" time in the answers
        "Order.consign_time": lambda f: f.time(),
        "sid": lambda f: "SF" + f.digits(13), "invoice_no": lambda f: "SF" + f.digits(13)})


def pdd_filler(seed: int) -> Filler:
    def cipher(f: Filler) -> str:
        return "~AgAAAA" + "".join(f.random.choices(string.ascii_letters + string.digits,
                                                     k=24)) + "==~1~"

    return Filler(PDD, seed=seed, int_default=choice(0, 1), overrides={
        "order_sn": lambda f: f"240712-{f.digits(15)}",
        "order_status": choice(1, 2, 3), "refund_status": choice(1, 2, 3, 4),
        "after_sales_status": choice(0, 2, 6, 10, 16, 21, 25, 32),
        "confirm_status": choice(0, 1, 2), "group_status": choice(0, 1, 2),
        "home_delivery_type": choice(0, 1, 2), "is_lucky_flag": choice(1, 2),
        "remark_tag": choice(1, 2, 3, 4, 5), "stock_out_handle_status": choice(-1, 0, 1),
        "step_trade_status": choice(0, 1, 2), "depot_type": choice(1, 2),
        "goods_count": choice(1, 2, 3), "ware_quantity": choice(1, 2),
        "city_id": lambda f: f.random.randint(100, 9999),
        "province_id": lambda f: f.random.randint(1, 40),
        "town_id": lambda f: f.random.randint(100, 99999),
        "country_id": choice(0), "logistics_id": choice(44, 115, 85),
        "receiver_name": cipher, "receiver_phone": cipher, "receiver_address": cipher,
        "address": cipher, "receiver_name_mask": lambda f: f.faker.last_name() + "*",
        "receiver_phone_mask": lambda f: "1" + f.digits(2) + "****" + f.digits(4),
        "pay_type": choice("WEIXIN", "ALIPAY"), "tracking_number": lambda f: "SF" + f.digits(13),
        "yyps_date": lambda f: f.time()[:10], "yyps_time": choice("09:00-12:00", "14:00-18:00"),
        "pre_sale_time": lambda f: f.time(), "promise_delivery_time": lambda f: f.time(),
        "urge_shipping_time": lambda f: f.time(), "name": choice("no_trace_delivery"),
        "service_name": choice("sf_express_fee"), "store_info": lambda f: None,
    })


JD_STATES = ("WAIT_SELLER_STOCK_OUT", "WAIT_GOODS_RECEIVE_CONFIRM", "FINISHED_L", "TRADE_CANCELED")


def jd_filler(seed: int) -> Filler:
    return Filler(JD, seed=seed, overrides={
        "orderState": choice(*JD_STATES), "orderStateRemark": choice("等待出库", "完成"),
        "returnOrder": choice("0", "1"), "orderType": choice("22"),
        "payType": choice("4-在线支付", "1-货到付款"), "orderSource": choice("移动端订单"),
        "sendpayMap": choice('{"34":"3","26":"2"}'), "orderExt": choice('{"road":"1"}'),
        "itemTotal": choice("1", "2", "3"), "couponType": choice("39-京豆优惠"),
        "outBoundDate": choice("0001-01-01 00:00:00"), "waybill": lambda f: "SF" + f.digits(13),
        "desen_mobile": lambda f: "1" + f.digits(2) + "****" + f.digits(4)})


def sf_filler(seed: int) -> Filler:
    return Filler(SF, seed=seed, int_default=choice(0, 1), overrides={
        "language": choice("zh-CN"), "monthlyCard": lambda f: f.digits(10),
        "payMethod": choice(1, 2, 3), "expressTypeId": choice(1, 2), "parcelQty": choice(1, 2),
        "temperatureRange": choice(1, 3), "taxPayMethod": choice(1, 2, 3),
        "country": choice("CN"), "contactRemark": choice("01", "02"),
        "filterResult": choice(1, 2, 3, 4), "waybillType": choice(1, 2),
        "waybillNo": lambda f: "SF" + f.digits(13), "mailNo": lambda f: "SF" + f.digits(13),
        "mailno": lambda f: "SF" + f.digits(13), "code": choice("1000"),
        "opCode": choice("50", "30", "31", "44", "80"), "currency": choice("CNY"),
        "name": lambda f: str(f.faker.word()), "unit": choice("件", "盒"),
        "printFlag": choice("000000000"), "printIcon": choice("00000000"),
        "orderSource": choice("tmall", "pinduoduo", "jd")})
