"""Projects a user writes from docs/gateway-platforms.md for carrier and payment platforms no
other gateway corpus here covers, with field names, envelopes and signing rules from the
platforms' public pages and SDK examples (in our own words):

* Cainiao LINK (菜鸟 ``link.cainiao.com/gateway/link.do``): a form with ``msg_type`` (the
  operation, ``TMS_WAYBILL_GET``), ``logistic_provider_id``, ``to_code``, the business document
  as a JSON string in ``logistics_interface`` and ``data_digest`` = Base64(MD5(
  logistics_interface + secret)); answers carry ``success`` (boolean), ``errorCode`` and
  ``errorMsg`` beside the business fields at the top level. The cloud-print answer's
  ``printData`` is itself a JSON document in a string.
* STO express (申通开放平台, a LINK gateway of its own at ``cloudinter-linkgatewayonline.sto.cn``):
  ``api_name`` names the operation (``OMS_EXPRESS_ORDER_CREATE``, ``STO_TRACE_QUERY_COMMON``),
  ``from_appkey``, ``from_code``, ``to_appkey``, ``to_code``, the business document in
  ``content``, ``data_digest`` = Base64(MD5(content + secret)); answers ``success``,
  ``errorCode``, ``errorMsg``, ``needRetry`` and the payload under ``data``.
* JD Logistics' open platform (京东物流 LOP, ``api.jdl.com``): each operation at a path of its
  own (``/ecap/v1/orders/create``), ``app_key``, ``access_token``, ``timestamp``
  (``yyyy-MM-dd HH:mm:ss``), ``v`` = 2.0, ``algorithm`` and ``sign`` in the query, the business
  document as the JSON body; ``sign`` is the digest of secret + ``access_token``<token> +
  ``app_key``<key> + ``method``<the request path> + ``param_json``<the body> +
  ``timestamp``<time> + ``v``<version> + secret: MD5 in lower-case hex for ``md5-salt``, or an
  HMAC keyed on the secret over the same text, in Base64, for ``HMacMD5``/``HMacSHA1``/
  ``HMacSHA256`` (as its public SDK examples sign). Answers ``code`` (0 when done), ``msg``
  and the payload under ``data``.
* WeChat Pay API v3 callbacks (微信支付 v3 回调): JSON pushes (``id``, ``create_time``,
  ``event_type`` = ``TRANSACTION.SUCCESS``/``REFUND.SUCCESS``, ``resource_type``,
  ``resource`` {``algorithm`` AEAD_AES_256_GCM, ``ciphertext``, ``nonce``,
  ``associated_data``, ``original_type``}, ``summary``) with the ``Wechatpay-Serial``,
  ``Wechatpay-Signature``, ``Wechatpay-Timestamp``, ``Wechatpay-Nonce`` headers. The signature
  is RSA-SHA256 over ``timestamp\\nnonce\\nbody\\n`` with the platform's private key: checking
  it needs WeChat Pay's platform certificate, which no shared secret stands for, so the
  project declares the headers required (each must be there, the time stamp ten digits, the
  signature type the documented one) and leaves the RSA check to the receiver.
* Shopee Open Platform v2 (``partner.shopeemobile.com``): each operation at a path of its own
  (``/api/v2/order/get_order_detail``), ``partner_id``, ``timestamp`` (epoch seconds),
  ``access_token``, ``shop_id`` and ``sign`` in the query; ``sign`` = HMAC-SHA256, keyed on the
  partner key, of partner_id + the request path + timestamp + access_token + shop_id, in
  lower-case hex. Answers ``error`` (empty when done), ``message``, ``request_id`` and the
  payload under ``response``. Its pushes (``code`` names the event: 3 an order's status) carry
  ``Authorization`` = HMAC-SHA256 of the receiver URL + ``|`` + the body.
* Lazada Open Platform (``api.lazada.com.my/rest``): the API path after ``/rest``
  (``/orders/get``) with ``app_key``, ``timestamp`` (epoch milliseconds), ``sign_method`` =
  sha256, ``access_token`` and ``sign``; ``sign`` = HMAC-SHA256, keyed on the app secret, of the
  API path followed by every other parameter sorted as name+value, in upper-case hex. Answers
  ``code`` ("0" when done), ``request_id`` and the payload under ``data``; a refusal is
  ``type``, ``code`` and ``message``.

Each platform is a project of its own (``write(root, platform)``): a pyproject.toml and one
contract, set up through project settings only. ``REFUSED`` holds settings a user might write
that say two things at once, each with the words its refusal must contain."""

from __future__ import annotations

from pathlib import Path

SECRETS = {"cnlink": "f4-cainiao-link-secret", "sto": "f4-sto-secret-key",
           "jdl": "f4-jdl-app-secret", "shopee": "f4-shopee-partner-key",
           "lazada": "f4-lazada-app-secret"}
ENV = {f"F4_{name.upper()}_SECRET": secret for name, secret in SECRETS.items()}
HOOKS = "https://erp.example.cn/hooks"

CNLINK_SETTINGS = """
[tool.seamguard.platforms.cnlink]
title = "Cainiao LINK"
base_url = "https://link.cainiao.com"
versions = ["link"]
secret_env = "F4_CNLINK_SECRET"

[tool.seamguard.platforms.cnlink.wire]
path = "/gateway/link.do"
methods = ["POST"]
operation = { in = ["form"], name = "msg_type", pattern = '^[A-Z][A-Z0-9_]*$' }

[tool.seamguard.platforms.cnlink.wire.request]
common = ["msg_type", "logistic_provider_id", "to_code", "msg_id", "data_digest"]
send = "form"
business = { json_param = "logistics_interface" }
secret_params = ["data_digest"]

[tool.seamguard.platforms.cnlink.wire.signing]
signature = { in = ["form"], name = "data_digest" }
scheme = "fields"
fields = ["logistics_interface"]
secret_position = "append"
algorithm = "md5"
digest = "base64"

[tool.seamguard.platforms.cnlink.wire.response]
payload = ""
success_when = [{ pointer = "/success", equals = true }]

[[tool.seamguard.platforms.cnlink.wire.response.errors]]
when = { pointer = "/success", equals = false }
code = "/errorCode"
message = "/errorMsg"
"""

STO_SETTINGS = """
[tool.seamguard.platforms.sto]
title = "STO express open platform"
base_url = "https://cloudinter-linkgatewayonline.sto.cn"
versions = ["v1"]
secret_env = "F4_STO_SECRET"

[tool.seamguard.platforms.sto.wire]
path = "/gateway/link.do"
methods = ["POST"]
operation = { in = ["form"], name = "api_name", pattern = '^[A-Z][A-Z0-9_]*$' }

[tool.seamguard.platforms.sto.wire.request]
common = ["api_name", "from_appkey", "from_code", "to_appkey", "to_code", "data_digest"]
send = "form"
business = { json_param = "content" }
secret_params = ["data_digest"]

[tool.seamguard.platforms.sto.wire.signing]
signature = { in = ["form"], name = "data_digest" }
scheme = "fields"
fields = ["content"]
secret_position = "append"
algorithm = "md5"
digest = "base64"

[tool.seamguard.platforms.sto.wire.response]
payload = "/data"
success_when = [{ pointer = "/success", equals = true }]

[[tool.seamguard.platforms.sto.wire.response.errors]]
when = { pointer = "/success", equals = false }
code = "/errorCode"
message = "/errorMsg"
"""

_JDL_TEMPLATE = ("{secret}access_token{access_token}app_key{app_key}method{path}"
                 "param_json{body}timestamp{timestamp}v{v}{secret}")


def _jdl(template: str = _JDL_TEMPLATE, common: str = "") -> str:
    return f"""
[tool.seamguard.platforms.jdl]
title = "JD Logistics open platform (LOP)"
base_url = "https://api.jdl.com"
versions = ["v1"]
secret_env = "F4_JDL_SECRET"

[tool.seamguard.platforms.jdl.wire]
hosts = ["https://uat-api.jdl.com"]
time = {{ param = "timestamp", format = "%Y-%m-%d %H:%M:%S", zone = "Asia/Shanghai" }}
{common}
[tool.seamguard.platforms.jdl.wire.signing]
signature = {{ in = ["query"], name = "sign" }}
scheme = "template"
template = "{template}"
algorithm = "md5"
algorithm_param = "algorithm"
digest = "hex-lower"
digests = {{ hmac-md5 = "base64", hmac-sha1 = "base64", hmac-sha256 = "base64" }}

[tool.seamguard.platforms.jdl.wire.signing.algorithms]
md5-salt = "md5"
HMacMD5 = "hmac-md5"
HMacSHA1 = "hmac-sha1"
HMacSHA256 = "hmac-sha256"

[tool.seamguard.platforms.jdl.wire.response]
payload = "/data"

[[tool.seamguard.platforms.jdl.wire.response.errors]]
when = {{ pointer = "/code", not_equals = 0 }}
code = "/code"
message = "/msg"
"""


WXPAY_SETTINGS = f"""
[tool.seamguard.platforms.wxpay]
title = "WeChat Pay API v3 callbacks"
base_url = "https://api.mch.weixin.qq.com"
versions = ["v3"]

[tool.seamguard.platforms.wxpay.webhook_urls]
"{HOOKS}/wxpay" = "*"

[tool.seamguard.platforms.wxpay.wire.push]
topic_at = "/event_type"
"""

SHOPEE_SETTINGS = f"""
[tool.seamguard.platforms.shopee]
title = "Shopee Open Platform v2"
base_url = "https://partner.shopeemobile.com"
versions = ["v2"]
secret_env = "F4_SHOPEE_SECRET"

[tool.seamguard.platforms.shopee.webhook_urls]
"{HOOKS}/shopee" = "*"

[tool.seamguard.platforms.shopee.wire]
hosts = ["https://partner.test-stable.shopeemobile.com"]
time = {{ param = "timestamp", format = "epoch-seconds", zone = "Asia/Singapore" }}

[tool.seamguard.platforms.shopee.wire.signing]
signature = {{ in = ["query"], name = "sign" }}
scheme = "template"
template = "{{partner_id}}{{path}}{{timestamp}}{{access_token}}{{shop_id}}"
algorithm = "hmac-sha256"
digest = "hex-lower"

[tool.seamguard.platforms.shopee.wire.response]
payload = "/response"

[[tool.seamguard.platforms.shopee.wire.response.errors]]
when = {{ pointer = "/error", not_equals = "" }}
code = "/error"
message = "/message"

[tool.seamguard.platforms.shopee.wire.push]
topic_at = "/code"
signed = true

[tool.seamguard.platforms.shopee.wire.push.signing]
signature = {{ in = ["header"], name = "Authorization" }}
scheme = "template"
template = "{{url}}|{{body}}"
algorithm = "hmac-sha256"
digest = "hex-lower"
"""

LAZADA_SETTINGS = """
[tool.seamguard.platforms.lazada]
title = "Lazada Open Platform (Malaysia)"
base_url = "https://api.lazada.com.my/rest"
versions = ["v1"]
secret_env = "F4_LAZADA_SECRET"

[tool.seamguard.platforms.lazada.wire]
time = { param = "timestamp", format = "epoch-millis", zone = "Asia/Kuala_Lumpur" }

[tool.seamguard.platforms.lazada.wire.signing]
signature = { in = ["query", "form"], name = "sign" }
scheme = "template"
template = "{path}{params}"
unsigned_path_prefix = "/rest"
algorithm = "hmac-sha256"
digest = "hex-upper"

[tool.seamguard.platforms.lazada.wire.response]
payload = "/data"

[[tool.seamguard.platforms.lazada.wire.response.errors]]
when = { pointer = "/code", not_equals = "0" }
code = "/code"
message = "/message"
"""

SETTINGS = {"cnlink": CNLINK_SETTINGS, "sto": STO_SETTINGS, "jdl": _jdl(),
            "wxpay": WXPAY_SETTINGS, "shopee": SHOPEE_SETTINGS, "lazada": LAZADA_SETTINGS}

# Settings that are ambiguous, and what their refusal must say.
REFUSED = {
    # `path` named as a parameter the platform sends, and the template's own request path
    "jdl-path-is-also-a-parameter": (
        _jdl(common='request = { common = ["app_key", "path", "timestamp", "sign"] }\n'),
        ("{path}", "ambiguous", "request.common")),
    # the business document packed into a parameter called `body`: {body} could be either
    "jdl-body-is-also-the-business-parameter": (
        _jdl(common='request = { business = { json_param = "body" } }\n'),
        ("{body}", "ambiguous", "request.business.json_param")),
}

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

CONTRACTS = {"cnlink": ("link", CNLINK), "sto": ("v1", STO), "jdl": ("v1", JDL),
             "wxpay": ("v3", WXPAY), "shopee": ("v2", SHOPEE), "lazada": ("v1", LAZADA)}


def write(root: Path, platform: str, settings: str | None = None) -> Path:
    """Writes ``platform``'s project under ``root`` (its settings, or ``settings``) and
    returns it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(
        "[tool.seamguard]\n" + (settings if settings is not None else SETTINGS[platform]),
        encoding="utf-8")
    version, text = CONTRACTS[platform]
    folder = root / "contracts" / platform / version
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "openapi.yaml").write_text(text, encoding="utf-8")
    (root / "fixtures" / "cassettes").mkdir(parents=True, exist_ok=True)
    return root
