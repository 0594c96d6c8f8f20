"""The contracts of the projects ``gateway_fresh4_project`` writes: the business payloads
and parameters of each platform's operations and pushes, as their public pages list them (in
our own words)."""

from __future__ import annotations

__all__ = ["CONTRACTS"]

CNLINK = """
openapi: 3.1.0
info: {title: Cainiao LINK cloud-print waybills, version: link}
servers: [{url: https://link.cainiao.com}]
paths:
  /gateway/link.do#TMS_WAYBILL_GET:
    post:
      operationId: TMS_WAYBILL_GET
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [cpCode, objectId, itemCount]
              properties:
                cpCode: {type: string}
                objectId: {type: string}
                orderId: {type: string}
                itemCount: {type: integer, minimum: 1}
      responses:
        "200":
          description: the waybill, printData a JSON document in a string
          content:
            application/json:
              schema:
                type: object
                required: [success, waybillCode, printData]
                properties:
                  success: {type: boolean}
                  errorCode: {type: [string, "null"]}
                  errorMsg: {type: [string, "null"]}
                  waybillCode: {type: string}
                  objectId: {type: string}
                  printData:
                    type: string
                    contentMediaType: application/json
                    contentSchema:
                      type: object
                      required: [encryptedData, templateURL, ver]
                      properties:
                        encryptedData: {type: string}
                        signature: {type: string}
                        templateURL: {type: string}
                        ver: {type: string}
  /gateway/link.do#TMS_WAYBILL_DISCARD:
    post:
      operationId: TMS_WAYBILL_DISCARD
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [cpCode, waybillCode]
              properties:
                cpCode: {type: string}
                waybillCode: {type: string}
      responses:
        "200":
          description: whether the waybill was discarded
          content:
            application/json:
              schema:
                type: object
                required: [success, discardResult]
                properties:
                  success: {type: boolean}
                  discardResult: {type: boolean}
"""

STO = """
openapi: 3.1.0
info: {title: STO express orders and traces, version: v1}
servers: [{url: https://cloudinter-linkgatewayonline.sto.cn}]
paths:
  /gateway/link.do#OMS_EXPRESS_ORDER_CREATE:
    post:
      operationId: OMS_EXPRESS_ORDER_CREATE
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [orderNo, orderSource, billType, sender, receiver, cargo]
              properties:
                orderNo: {type: string}
                orderSource: {type: string}
                billType: {type: string, enum: ["00", "01"]}
                orderType: {type: string}
                sender: {$ref: "#/components/schemas/Party"}
                receiver: {$ref: "#/components/schemas/Party"}
                cargo:
                  type: object
                  required: [goodsName, weight]
                  properties:
                    goodsName: {type: string}
                    weight: {type: number}
      responses:
        "200":
          description: the waybill under data
          content:
            application/json:
              schema:
                type: object
                required: [orderNo, waybillNo]
                properties:
                  orderNo: {type: string}
                  waybillNo: {type: string}
                  bigWord: {type: string}
                  packagePlace: {type: string}
  /gateway/link.do#STO_TRACE_QUERY_COMMON:
    post:
      operationId: STO_TRACE_QUERY_COMMON
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [waybillNoList]
              properties:
                order: {type: string, enum: [asc, desc]}
                waybillNoList: {type: array, items: {type: string}}
      responses:
        "200":
          description: the traces of each waybill, keyed by its number
          content:
            application/json:
              schema:
                type: object
                additionalProperties:
                  type: array
                  items:
                    type: object
                    required: [waybillNo, opTime, scanType]
                    properties:
                      waybillNo: {type: string}
                      opTime: {type: string}
                      scanType: {type: string}
                      opOrgName: {type: string}
                      memo: {type: string}
components:
  schemas:
    Party:
      type: object
      required: [name, mobile, province, city, address]
      properties:
        name: {type: string}
        mobile: {type: string}
        province: {type: string}
        city: {type: string}
        area: {type: string}
        address: {type: string}
"""

JDL = """
openapi: 3.1.0
info: {title: JD Logistics orders (ECAP), version: v1}
servers: [{url: https://api.jdl.com}]
paths:
  /ecap/v1/orders/create:
    post:
      operationId: ecap.orders.create
      parameters:
        - {name: LOP-DN, in: query, required: true, schema: {type: string}}
        - {name: app_key, in: query, required: true, schema: {type: string}}
        - {name: access_token, in: query, required: true, schema: {type: string}}
        - {name: timestamp, in: query, required: true, schema: {type: string}}
        - {name: v, in: query, required: true, schema: {type: string}}
        - {name: algorithm, in: query, schema: {type: string}}
        - {name: sign, in: query, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [orderId, senderContact, receiverContact, orderOrigin, customerCode]
              properties:
                orderId: {type: string}
                orderOrigin: {type: integer, enum: [0, 1, 2]}
                customerCode: {type: string}
                senderContact: {$ref: "#/components/schemas/Contact"}
                receiverContact: {$ref: "#/components/schemas/Contact"}
                cargoes:
                  type: array
                  items:
                    type: object
                    required: [name, quantity, weight]
                    properties:
                      name: {type: string}
                      quantity: {type: integer}
                      weight: {type: number}
      responses:
        "200":
          description: the order under data
          content:
            application/json:
              schema:
                type: object
                required: [waybillCode, orderCode]
                properties:
                  waybillCode: {type: string}
                  orderCode: {type: string}
                  needRetake: {type: boolean}
                  freightPre: {type: number}
  /ecap/v1/orders/cancel:
    post:
      operationId: ecap.orders.cancel
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [waybillCode, customerCode, cancelReason]
              properties:
                waybillCode: {type: string}
                customerCode: {type: string}
                cancelReason: {type: string}
                cancelReasonCode: {type: string}
      responses:
        "200":
          description: the cancellation under data
          content:
            application/json:
              schema:
                type: object
                required: [resultType]
                properties:
                  resultType: {type: integer, enum: [0, 1, 2]}
components:
  schemas:
    Contact:
      type: object
      required: [name, mobile, fullAddress]
      properties:
        name: {type: string}
        mobile: {type: string}
        fullAddress: {type: string}
"""

_WXPAY_HOOK = """
    post:
      operationId: "wxpay.{topic}"
      parameters:
        - {{name: Wechatpay-Serial, in: header, required: true, schema: {{type: string}}}}
        - {{name: Wechatpay-Signature, in: header, required: true, schema: {{type: string}}}}
        - {{name: Wechatpay-Timestamp, in: header, required: true,
           schema: {{type: string, pattern: "^\\\\d{{10}}$"}}}}
        - {{name: Wechatpay-Nonce, in: header, required: true, schema: {{type: string}}}}
        - {{name: Wechatpay-Signature-Type, in: header,
           schema: {{type: string, enum: [WECHATPAY2-SHA256-RSA2048]}}}}
      requestBody:
        content:
          application/json: {{schema: {{$ref: "#/components/schemas/Notification"}}}}
      responses:
        "200": {{description: taken}}
        "204": {{description: taken}}
"""

WXPAY = """
openapi: 3.1.0
info: {title: WeChat Pay v3 payment and refund callbacks, version: v3}
servers: [{url: https://api.mch.weixin.qq.com}]
paths: {}
webhooks:
""" + "".join(f"  {topic}:{_WXPAY_HOOK.format(topic=topic)}"
              for topic in ("TRANSACTION.SUCCESS", "REFUND.SUCCESS", "REFUND.ABNORMAL")) + """
components:
  schemas:
    Notification:
      type: object
      required: [id, create_time, event_type, resource_type, resource, summary]
      properties:
        id: {type: string}
        create_time: {type: string, format: date-time}
        event_type: {type: string}
        resource_type: {type: string, enum: [encrypt-resource]}
        summary: {type: string}
        resource:
          type: object
          required: [algorithm, ciphertext, nonce, original_type]
          properties:
            algorithm: {type: string, enum: [AEAD_AES_256_GCM]}
            ciphertext: {type: string}
            nonce: {type: string}
            associated_data: {type: string}
            original_type: {type: string, enum: [transaction, refund]}
"""

_SHOPEE_COMMON = """
        - {name: partner_id, in: query, required: true, schema: {type: integer}}
        - {name: timestamp, in: query, required: true, schema: {type: integer}}
        - {name: access_token, in: query, required: true, schema: {type: string}}
        - {name: shop_id, in: query, required: true, schema: {type: integer}}
        - {name: sign, in: query, required: true, schema: {type: string}}"""

_SHOPEE_PUSH = """
    post:
      operationId: "shopee.push.{code}"
      parameters:
        - {{name: Authorization, in: header, required: true, schema: {{type: string}}}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [shop_id, code, timestamp, data]
              properties:
                shop_id: {{type: integer}}
                code: {{type: integer}}
                timestamp: {{type: integer}}
                data: {{$ref: "#/components/schemas/{schema}"}}
      responses:
        "200": {{description: taken}}
"""

SHOPEE = """
openapi: 3.1.0
info: {title: Shopee orders and order pushes, version: v2}
servers: [{url: https://partner.shopeemobile.com}]
paths:
  /api/v2/order/get_order_detail:
    get:
      operationId: order.get_order_detail
      parameters:""" + _SHOPEE_COMMON + """
        - {name: order_sn_list, in: query, required: true, schema: {type: string}}
        - {name: response_optional_fields, in: query, schema: {type: string}}
      responses:
        "200":
          description: the orders under response
          content:
            application/json:
              schema:
                type: object
                required: [order_list]
                properties:
                  order_list:
                    type: array
                    items:
                      type: object
                      required: [order_sn, order_status, create_time]
                      properties:
                        order_sn: {type: string}
                        order_status:
                          type: string
                          enum: [UNPAID, READY_TO_SHIP, PROCESSED, SHIPPED, COMPLETED,
                                 IN_CANCEL, CANCELLED, INVOICE_PENDING]
                        total_amount: {type: number}
                        currency: {type: string}
                        create_time: {type: integer}
  /api/v2/logistics/get_tracking_number:
    get:
      operationId: logistics.get_tracking_number
      parameters:""" + _SHOPEE_COMMON + """
        - {name: order_sn, in: query, required: true, schema: {type: string}}
      responses:
        "200":
          description: the tracking number under response
          content:
            application/json:
              schema:
                type: object
                required: [tracking_number]
                properties:
                  tracking_number: {type: string}
webhooks:
  "3":""" + _SHOPEE_PUSH.format(code=3, schema="OrderStatus") + """
  "4":""" + _SHOPEE_PUSH.format(code=4, schema="TrackingNo") + """
components:
  schemas:
    OrderStatus:
      type: object
      required: [ordersn, status, update_time]
      properties:
        ordersn: {type: string}
        status: {type: string}
        update_time: {type: integer}
    TrackingNo:
      type: object
      required: [ordersn, tracking_no]
      properties:
        ordersn: {type: string}
        tracking_no: {type: string}
"""

_LAZADA_COMMON = """
        - {name: app_key, in: query, required: true, schema: {type: string}}
        - {name: timestamp, in: query, required: true, schema: {type: string}}
        - {name: sign_method, in: query, required: true, schema: {type: string, enum: [sha256]}}
        - {name: access_token, in: query, required: true, schema: {type: string}}
        - {name: sign, in: query, required: true, schema: {type: string}}"""

LAZADA = """
openapi: 3.1.0
info: {title: Lazada orders, version: v1}
servers: [{url: https://api.lazada.com.my/rest}]
paths:
  /orders/get:
    get:
      operationId: orders.get
      parameters:""" + _LAZADA_COMMON + """
        - {name: created_after, in: query, required: true, schema: {type: string}}
        - {name: status, in: query, schema: {type: string,
           enum: [unpaid, pending, canceled, ready_to_ship, delivered, returned, shipped]}}
        - {name: limit, in: query, schema: {type: integer, maximum: 100}}
      responses:
        "200":
          description: the orders under data
          content:
            application/json:
              schema:
                type: object
                required: [count, orders]
                properties:
                  count: {type: integer}
                  countTotal: {type: integer}
                  orders:
                    type: array
                    items:
                      type: object
                      required: [order_id, statuses, price]
                      properties:
                        order_id: {type: integer}
                        order_number: {type: integer}
                        created_at: {type: string}
                        price: {type: string}
                        items_count: {type: integer}
                        statuses: {type: array, items: {type: string}}
"""

LAZADA = LAZADA + """
  /order/pack:
    post:
      operationId: order.pack
      parameters:""" + _LAZADA_COMMON + """
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [order_item_ids, shipping_provider, delivery_type]
              properties:
                order_item_ids: {type: string}
                shipping_provider: {type: string}
                delivery_type: {type: string, enum: [dropship, pickup, send_to_warehouse]}
      responses:
        "200":
          description: the packages under data
          content:
            application/json:
              schema:
                type: object
                required: [order_items]
                properties:
                  order_items:
                    type: array
                    items:
                      type: object
                      required: [order_item_id, package_id]
                      properties:
                        order_item_id: {type: integer}
                        package_id: {type: string}
                        tracking_number: {type: string}
"""

JDL = JDL.replace("""components:
  schemas:
    Contact:""", """  /ecap/v1/orders/precheck:
    post:
      operationId: ecap.orders.precheck
      requestBody:
        content:
          application/json:
            schema:
              type: array
              minItems: 1
              items:
                type: object
                required: [orderId, customerCode]
                properties:
                  orderId: {type: string}
                  customerCode: {type: string}
                  weight: {type: number}
      responses:
        "200":
          description: whether the order can be taken, under data
          content:
            application/json:
              schema:
                type: object
                required: [pass]
                properties:
                  pass: {type: boolean}
components:
  schemas:
    Contact:""")

ALIPAY = """
openapi: 3.1.0
info: {title: Alipay asynchronous payment notices, version: v1}
servers: [{url: https://openapi.alipay.com}]
paths: {}
webhooks:
  trade_status_sync:
    post:
      operationId: alipay.trade_status_sync
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [notify_time, notify_type, notify_id, app_id, trade_no, out_trade_no,
                         trade_status, total_amount, sign, sign_type]
              properties:
                notify_time: {type: string}
                notify_type: {type: string}
                notify_id: {type: string}
                app_id: {type: string}
                charset: {type: string}
                version: {type: string}
                sign_type: {type: string, enum: [RSA2]}
                sign: {type: string}
                trade_no: {type: string}
                out_trade_no: {type: string}
                buyer_logon_id: {type: string}
                trade_status:
                  type: string
                  enum: [WAIT_BUYER_PAY, TRADE_CLOSED, TRADE_SUCCESS, TRADE_FINISHED]
                total_amount: {type: string, pattern: "^\\\\d+(\\\\.\\\\d{1,2})?$"}
                receipt_amount: {type: string, pattern: "^\\\\d+(\\\\.\\\\d{1,2})?$"}
                gmt_payment: {type: string}
      responses:
        "200": {description: taken (the reply is the text success)}
"""

CONTRACTS = {"cnlink": ("link", CNLINK), "sto": ("v1", STO), "jdl": ("v1", JDL),
             "wxpay": ("v3", WXPAY), "shopee": ("v2", SHOPEE), "lazada": ("v1", LAZADA),
             "alipay": ("v1", ALIPAY)}
