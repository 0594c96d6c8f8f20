"""A project a new user writes from docs/gateway-platforms.md alone (not copied from the bundled
packs): five gateway platforms under names of their own choosing, and contracts of operations
the packs do not cover, with field names, envelopes and codes from the platforms' public pages
and SDKs (TOP ``taobao.logistics.companies.get`` / ``taobao.item.seller.get`` /
``taobao.trades.sold.increment.get``; JOS ``jingdong.pop.order.shipment`` /
``jingdong.ldop.waybill.receive``; Pinduoduo ``pdd.logistics.online.send`` /
``pdd.order.number.list.get`` / ``pdd.refund.list.increment.get``; SF
``EXP_RECE_SEARCH_ORDER_RESP`` / ``EXP_RECE_FILTER_ORDER_BSP`` / ``EXP_RECE_UPDATE_ORDER``; WeCom
``externalcontact/get`` and ``message/send``)."""

from __future__ import annotations

from pathlib import Path

SECRETS = {"tmall": "nu-top-secret", "jos": "nu-jos-secret", "pdd": "nu-pdd-secret",
           "sf": "nu-sf-checkword"}
ENV = {"NU_TMALL_SECRET": SECRETS["tmall"], "NU_JOS_SECRET": SECRETS["jos"],
       "NU_PDD_SECRET": SECRETS["pdd"], "NU_SF_CHECKWORD": SECRETS["sf"]}

SETTINGS = """
[tool.seamguard]

[tool.seamguard.platforms.tmall]
title = "Our Tmall shop"
protocol = "taobao-top"
base_url = "https://eco.taobao.com"
versions = ["2.0"]
secret_env = "NU_TMALL_SECRET"

[tool.seamguard.platforms.jos]
title = "JD shop and JD logistics"
protocol = "jd"
base_url = "https://api.jd.com"
versions = ["2.0"]
secret_env = "NU_JOS_SECRET"

# JD logistics answers a refused waybill inside the success key: resultCode other than 100.
[[tool.seamguard.platforms.jos.wire.response.errors]]
when = { pointer = "/{response_key}/receiveorderinfo_result/resultCode", not_equals = 100 }
code = "/{response_key}/receiveorderinfo_result/resultCode"
message = "/{response_key}/receiveorderinfo_result/resultMessage"

[tool.seamguard.platforms.pdd]
title = "Pinduoduo shop"
protocol = "pinduoduo"
base_url = "https://gw-api.pinduoduo.com"
versions = ["V1"]
secret_env = "NU_PDD_SECRET"

[tool.seamguard.platforms.pdd.wire.response.response_key.keys]
"pdd.order.number.list.get" = "order_sn_list_get_response"
"pdd.refund.list.increment.get" = "refund_increment_get_response"

[tool.seamguard.platforms.sf]
title = "SF Express"
protocol = "sf-fengqiao"
base_url = "https://bspgw.sf-express.com"
versions = ["2.0"]
secret_env = "NU_SF_CHECKWORD"

[tool.seamguard.platforms.wecom]
title = "WeCom"
protocol = "errcode"
base_url = "https://qyapi.weixin.qq.com"
versions = ["v1"]

[tool.seamguard.platforms.dingtalk]
title = "DingTalk approvals"
protocol = "errcode"
base_url = "https://oapi.dingtalk.com"
versions = ["v1"]
"""

TIME = r"^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"
MONEY = r"^-?\\d+(\\.\\d{1,2})?$"

TOP = f"""
openapi: 3.1.0
info: {{title: Tmall (logistics and items), version: "2.0"}}
servers: [{{url: https://eco.taobao.com}}]
paths:
  /router/rest#taobao.logistics.companies.get:
    post:
      operationId: taobao.logistics.companies.get
      parameters:  # written as query parameters: TOP reads them from the query or the form
        - {{name: fields, in: query, required: true, schema: {{type: string}}}}
        - {{name: is_recommended, in: query, schema: {{type: boolean}}}}
        - {{name: order_mode, in: query, schema: {{type: string, enum: [offline, online, all]}}}}
      responses:
        "200":
          description: the object inside logistics_companies_get_response
          content:
            application/json: {{schema: {{$ref: "#/components/schemas/Companies"}}}}
            text/xml: {{schema: {{$ref: "#/components/schemas/Companies"}}}}
  /router/rest#taobao.item.seller.get:
    post:
      operationId: taobao.item.seller.get
      x-seamguard-in-band-errors: [isv.item-not-exist]
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [fields, num_iid]
              properties:
                fields: {{type: string}}
                num_iid: {{type: integer}}
      responses:
        "200":
          description: the object inside item_seller_get_response
          content:
            application/json:
              schema:
                type: object
                required: [item]
                properties:
                  item: {{$ref: "#/components/schemas/Item"}}
                  request_id: {{type: string}}
  /router/rest#taobao.trades.sold.increment.get:
    post:
      operationId: taobao.trades.sold.increment.get
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [fields, start_modified, end_modified]
              properties:
                fields: {{type: string}}
                start_modified: {{type: string, pattern: "{TIME}"}}
                end_modified: {{type: string, pattern: "{TIME}"}}
                status: {{type: string, enum: [WAIT_BUYER_PAY, WAIT_SELLER_SEND_GOODS,
                                               WAIT_BUYER_CONFIRM_GOODS, TRADE_FINISHED,
                                               TRADE_CLOSED]}}
                page_no: {{type: integer, minimum: 1}}
                page_size: {{type: integer, minimum: 1, maximum: 100}}
                use_has_next: {{type: boolean}}
      responses:
        "200":
          description: the object inside trades_sold_increment_get_response
          content:
            application/json: {{schema: {{$ref: "#/components/schemas/Trades"}}}}
            application/xml: {{schema: {{$ref: "#/components/schemas/Trades"}}}}
components:
  schemas:
    Companies:
      type: object
      properties:
        logistics_companies:
          type: object
          properties:
            logistics_company:
              type: array
              items:
                type: object
                required: [id, code, name]
                properties:
                  id: {{type: integer}}
                  code: {{type: string}}
                  name: {{type: string}}
                  reg_mail_no: {{type: string}}
        request_id: {{type: string}}
    Item:
      type: object
      required: [num_iid, title, price, approve_status]
      properties:
        num_iid: {{type: integer}}
        title: {{type: string}}
        price: {{type: string, pattern: "{MONEY}"}}
        num: {{type: integer}}
        approve_status: {{type: string, enum: [onsale, instock]}}
        modified: {{type: string, pattern: "{TIME}"}}
    Trades:
      type: object
      properties:
        total_results: {{type: integer}}
        has_next: {{type: boolean}}
        trades:
          type: object
          properties:
            trade:
              type: array
              items:
                type: object
                required: [tid, status, payment, modified]
                properties:
                  tid: {{type: integer}}
                  tid_str: {{type: string}}
                  status: {{type: string}}
                  payment: {{type: string, pattern: "{MONEY}"}}
                  modified: {{type: string, pattern: "{TIME}"}}
        request_id: {{type: string}}
"""

JOS = """
openapi: 3.1.0
info: {title: JD (shipment and JD logistics), version: "2.0"}
servers: [{url: https://api.jd.com}]
paths:
  /routerjson#jingdong.pop.order.shipment:
    post:
      operationId: jingdong.pop.order.shipment
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:  # the business parameters themselves (they travel in 360buy_param_json)
              type: object
              required: [order_id, logistics_id, waybill]
              properties:
                order_id: {type: string, pattern: "^[0-9]+$"}
                logistics_id: {type: string}
                waybill: {type: string}
      responses:
        "200":
          description: the object inside jingdong_pop_order_shipment_responce
          content:
            application/json:
              schema:
                type: object
                required: [code, sopjosshipment_result]
                properties:
                  code: {type: string}
                  sopjosshipment_result:
                    type: object
                    required: [success]
                    properties:
                      success: {type: boolean}
                      chineseErrCode: {type: string}
                      englishErrCode: {type: string}
                      errorCode: {type: string}
  /routerjson#jingdong.ldop.waybill.receive:
    post:
      operationId: jingdong.ldop.waybill.receive
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [360buy_param_json]
              properties:
                360buy_param_json:
                  type: string
                  contentMediaType: application/json
                  contentSchema:
                    type: object
                    required: [salePlat, customerCode, orderId, senderName, senderAddress,
                               receiveName, receiveAddress, packageCount, weight, vloumn]
                    properties:
                      salePlat: {type: string}
                      customerCode: {type: string}
                      orderId: {type: string}
                      senderName: {type: string}
                      senderAddress: {type: string}
                      senderMobile: {type: string}
                      receiveName: {type: string}
                      receiveAddress: {type: string}
                      receiveMobile: {type: string}
                      packageCount: {type: integer, minimum: 1}
                      weight: {type: number}
                      vloumn: {type: number}
                      collectionValue: {type: integer, enum: [0, 1]}
                      collectionMoney: {type: number}
      responses:
        "200":
          description: the object inside jingdong_ldop_waybill_receive_responce
          content:
            application/json:
              schema:
                type: object
                required: [code, receiveorderinfo_result]
                properties:
                  code: {type: string}
                  receiveorderinfo_result:
                    type: object
                    required: [resultCode, resultMessage]
                    properties:
                      resultCode: {type: integer}
                      resultMessage: {type: string}
                      orderId: {type: string}
                      deliveryId: {type: string}
                      promiseTimeType: {type: integer}
                      transType: {type: integer}
                      needRetry: {type: boolean}
                      preSortResult:
                        type: object
                        properties:
                          siteId: {type: integer}
                          siteName: {type: string}
                          road: {type: string}
                          slideNo: {type: string}
"""

PDD = f"""
openapi: 3.1.0
info: {{title: Pinduoduo shipping and after-sales, version: V1}}
servers: [{{url: https://gw-api.pinduoduo.com}}]
paths:
  /api/router#pdd.logistics.online.send:
    post:
      operationId: pdd.logistics.online.send
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema: {{$ref: "#/components/schemas/OnlineSend"}}
          application/json:
            schema: {{$ref: "#/components/schemas/OnlineSend"}}
      responses:
        "200":
          description: the object inside logistics_online_send_response
          content:
            application/json:
              schema:
                type: object
                required: [is_success]
                properties:
                  is_success: {{type: boolean}}
                  request_id: {{type: string}}
  /api/router#pdd.order.number.list.get:
    post:
      operationId: pdd.order.number.list.get
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [order_status]
              properties:
                order_status: {{type: integer, enum: [1, 2, 3, 5]}}
                refund_status: {{type: integer, enum: [1, 2, 3, 4, 5]}}
                page: {{type: integer, minimum: 1}}
                page_size: {{type: integer, minimum: 1, maximum: 100}}
      responses:
        "200":
          description: the object inside order_sn_list_get_response
          content:
            application/json:
              schema:
                type: object
                required: [total_count, order_sn_list]
                properties:
                  total_count: {{type: integer}}
                  order_sn_list:
                    type: array
                    items:
                      type: object
                      required: [order_sn]
                      properties:
                        order_sn: {{type: string, pattern: "^[0-9]{{6}}-[0-9]+$"}}
                        order_status: {{type: integer}}
                        confirm_time: {{type: string, pattern: "{TIME}"}}
                        pay_amount: {{type: number}}
                  request_id: {{type: string}}
  /api/router#pdd.refund.list.increment.get:
    post:
      operationId: pdd.refund.list.increment.get
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [after_sales_status, after_sales_type, start_updated_at, end_updated_at]
              properties:
                after_sales_status: {{type: integer}}
                after_sales_type: {{type: integer, enum: [1, 2, 3, 4, 5]}}
                start_updated_at: {{type: integer}}
                end_updated_at: {{type: integer}}
                page: {{type: integer, minimum: 1}}
                page_size: {{type: integer, minimum: 1, maximum: 100}}
      responses:
        "200":
          description: the object inside refund_increment_get_response
          content:
            application/json:
              schema:
                type: object
                required: [total_count, refund_list]
                properties:
                  total_count: {{type: integer}}
                  refund_list:
                    type: array
                    items:
                      type: object
                      required: [id, order_sn, after_sales_status, after_sales_type,
                                 refund_amount, updated_time]
                      properties:
                        id: {{type: integer}}
                        order_sn: {{type: string}}
                        after_sales_status:
                          type: integer
                          enum: [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
                                 18, 21, 22, 24, 25, 27, 31, 32]
                        after_sales_type: {{type: integer, enum: [1, 2, 3, 4, 5]}}
                        after_sale_reason: {{type: string}}
                        goods_id: {{type: integer}}
                        goods_name: {{type: string}}
                        goods_number: {{type: string}}
                        goods_price: {{type: string}}
                        order_amount: {{type: string}}
                        refund_amount: {{type: string}}
                        tracking_number: {{type: string}}
                        speed_refund_flag: {{type: integer}}
                        created_time: {{type: string, pattern: "{TIME}"}}
                        updated_time: {{type: string, pattern: "{TIME}"}}
                  request_id: {{type: string}}
components:
  schemas:
    OnlineSend:
      type: object
      required: [order_sn, logistics_id, tracking_number]
      properties:
        order_sn: {{type: string}}
        logistics_id: {{type: integer}}
        tracking_number: {{type: string}}
        refund_address_id: {{type: integer}}
        redelivery_type: {{type: integer, enum: [1, 2]}}
        feature: {{type: string}}
"""

SF = """
openapi: 3.1.0
info: {title: SF Express order query and cancel, version: "2.0"}
servers: [{url: https://bspgw.sf-express.com}]
paths:
  /std/service#EXP_RECE_SEARCH_ORDER_RESP:
    post:
      operationId: EXP_RECE_SEARCH_ORDER_RESP
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [msgData]
              properties:
                msgData:
                  type: string
                  contentMediaType: application/json
                  contentSchema:
                    type: object
                    required: [orderId]
                    properties:
                      orderId: {type: string}
                      searchType: {type: string, enum: ["1", "2"]}
                      language: {type: string}
      x-seamguard-in-band-errors: ["8018"]
      responses:
        "200":
          description: msgData inside apiResultData
          content:
            application/json:
              schema:
                type: object
                required: [orderId, waybillNoInfoList]
                properties:
                  orderId: {type: string}
                  origincode: {type: string}
                  destcode: {type: string}
                  filterResult: {type: integer, enum: [1, 2, 3, 4]}
                  remark: {type: [string, "null"]}
                  waybillNoInfoList:
                    type: array
                    items:
                      type: object
                      required: [waybillType, waybillNo]
                      properties:
                        waybillType: {type: integer, enum: [1, 2, 3]}
                        waybillNo: {type: string}
  /std/service#EXP_RECE_FILTER_ORDER_BSP:
    post:
      operationId: EXP_RECE_FILTER_ORDER_BSP
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [msgData]
              properties:
                msgData:
                  type: string
                  contentMediaType: application/json
                  contentSchema:
                    type: object
                    required: [filterType, contactInfos]
                    properties:
                      filterType: {type: integer, enum: [1, 2]}
                      orderId: {type: string}
                      contactInfos:
                        type: array
                        items:
                          type: object
                          required: [contactType, address]
                          properties:
                            contactType: {type: integer, enum: [1, 2]}
                            country: {type: string}
                            province: {type: string}
                            city: {type: string}
                            county: {type: string}
                            address: {type: string}
                            tel: {type: string}
      responses:
        "200":
          description: msgData inside apiResultData
          content:
            application/json:
              schema:
                type: object
                required: [filterResult]
                properties:
                  filterResult: {type: integer, enum: [1, 2, 3]}
                  originCode: {type: string}
                  destCode: {type: string}
                  orderId: {type: string}
                  remark: {type: [string, "null"]}
  /std/service#EXP_RECE_UPDATE_ORDER:
    post:
      operationId: EXP_RECE_UPDATE_ORDER
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object  # the business document itself (it travels in msgData)
              required: [orderId, dealType]
              properties:
                orderId: {type: string}
                dealType: {type: integer, enum: [1, 2]}
                language: {type: string}
      responses:
        "200":
          description: msgData inside apiResultData
          content:
            application/json:
              schema:
                type: object
                required: [orderId, resStatus]
                properties:
                  orderId: {type: string}
                  resStatus: {type: integer, enum: [1, 2]}
                  waybillNoInfoList:
                    type: array
                    items:
                      type: object
                      properties:
                        waybillType: {type: integer}
                        waybillNo: {type: string}
"""

WECOM = """
openapi: 3.1.0
info: {title: WeCom customer contacts, version: v1}
servers: [{url: https://qyapi.weixin.qq.com}]
paths:
  /cgi-bin/externalcontact/get:
    get:
      operationId: externalcontactGet
      parameters:
        - {name: access_token, in: query, required: true, schema: {type: string}}
        - {name: external_userid, in: query, required: true, schema: {type: string}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        "200":
          description: the whole answer (errcode 0)
          content:
            application/json:
              schema:
                type: object
                required: [errcode, errmsg, external_contact]
                properties:
                  errcode: {type: integer}
                  errmsg: {type: string}
                  external_contact:
                    type: object
                    required: [external_userid, name, type]
                    properties:
                      external_userid: {type: string}
                      name: {type: string}
                      type: {type: integer, enum: [1, 2]}
                      gender: {type: integer, enum: [0, 1, 2]}
                      unionid: {type: string}
                      corp_name: {type: string}
                  follow_user:
                    type: array
                    items:
                      type: object
                      required: [userid, createtime]
                      properties:
                        userid: {type: string}
                        remark: {type: string}
                        createtime: {type: integer}
                        add_way: {type: integer}
                  next_cursor: {type: string}
  /cgi-bin/message/send:
    post:
      operationId: messageSend
      parameters:
        - {name: access_token, in: query, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [msgtype, agentid]
              properties:
                touser: {type: string}
                toparty: {type: string}
                msgtype: {type: string, enum: [text, image, markdown, textcard]}
                agentid: {type: integer}
                text:
                  type: object
                  required: [content]
                  properties: {content: {type: string}}
      responses:
        "200":
          description: the whole answer
          content:
            application/json:
              schema:
                type: object
                required: [errcode, errmsg]
                properties:
                  errcode: {type: integer}
                  errmsg: {type: string}
                  invaliduser: {type: string}
                  msgid: {type: string}
"""

DINGTALK = """
openapi: 3.1.0
info: {title: DingTalk approval instances, version: v1}
servers: [{url: https://oapi.dingtalk.com}]
paths:
  /topapi/processinstance/get:
    post:
      operationId: processinstanceGet
      parameters:
        - {name: access_token, in: query, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [process_instance_id]
              properties:
                process_instance_id: {type: string}
      responses:
        "200":
          description: the whole answer (errcode 0)
          content:
            application/json:
              schema:
                type: object
                required: [errcode, process_instance]
                properties:
                  errcode: {type: integer}
                  errmsg: {type: string}
                  request_id: {type: string}
                  process_instance:
                    type: object
                    required: [title, status, form_component_values]
                    properties:
                      title: {type: string}
                      status: {type: string, enum: [NEW, RUNNING, TERMINATED, COMPLETED,
                                                    CANCELED]}
                      result: {type: string, enum: [agree, refuse, ""]}
                      create_time: {type: string}
                      business_id: {type: string}
                      form_component_values:
                        type: array
                        items:
                          type: object
                          required: [name, value]
                          properties:
                            id: {type: string}
                            name: {type: string}
                            value: {type: string}
                            component_type: {type: string}
                            ext_value:
                              type: string
                              contentMediaType: application/json
                              contentSchema:
                                type: object
                                properties:
                                  upper: {type: string}
                                  unit: {type: string}
                                  amount: {type: number}
"""

CONTRACTS = {"tmall/2.0": TOP, "jos/2.0": JOS, "pdd/V1": PDD, "sf/2.0": SF, "wecom/v1": WECOM,
             "dingtalk/v1": DINGTALK}


def write(root: Path) -> Path:
    """Writes the project under ``root`` and returns it."""
    (root / "pyproject.toml").write_text(SETTINGS, encoding="utf-8")
    for where, text in CONTRACTS.items():
        folder = root / "contracts" / where
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "openapi.yaml").write_text(text, encoding="utf-8")
    (root / "fixtures" / "cassettes").mkdir(parents=True, exist_ok=True)
    return root
