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

Each platform is a project of its own (``write(root, platform)``): a pyproject.toml and one
contract, set up through project settings only. ``REFUSED`` holds settings a user might write
that say two things at once, each with the words its refusal must contain."""

from __future__ import annotations

from pathlib import Path

SECRETS = {"cnlink": "f4-cainiao-link-secret", "sto": "f4-sto-secret-key",
           "jdl": "f4-jdl-app-secret", "wxpay": "f4-unused"}
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
algorithms = {{ md5-salt = "md5", HMacMD5 = "hmac-md5", HMacSHA1 = "hmac-sha1",
               HMacSHA256 = "hmac-sha256" }}
digest = "hex-lower"
digests = {{ hmac-md5 = "base64", hmac-sha1 = "base64", hmac-sha256 = "base64" }}

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

SETTINGS = {"cnlink": CNLINK_SETTINGS, "sto": STO_SETTINGS, "jdl": _jdl(),
            "wxpay": WXPAY_SETTINGS}

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

CONTRACTS = {"cnlink": ("link", CNLINK), "sto": ("v1", STO), "jdl": ("v1", JDL),
             "wxpay": ("v3", WXPAY)}


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
