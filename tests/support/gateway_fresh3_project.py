"""Projects a user writes from docs/gateway-platforms.md for platforms whose signed text starts
with the request URL, with field names, envelopes, codes and signing rules from the platforms'
public pages and SDKs (in our own words):

* Meituan takeaway's open platform (美团外卖开放平台, ``waimaiopen.meituan.com``): each
  operation at a path of its own (``/api/v1/poi/getids``, ``/api/v1/order/getOrderDetail``),
  ``app_id``, ``timestamp`` and ``sig`` with the business parameters in the query (GET) or the
  form (POST); ``sig`` = lower-case MD5 of the URL without its query, ``?``, every parameter
  but ``sig`` sorted by name as ``name=value`` joined by ``&``, then the secret; answers
  ``{"data": …}``, or ``{"error": {"code", "msg"}}`` when refused.

* Vipshop's open platform (唯品会 VOP, OSP gateway at ``vop.vipapis.com``): an operation
  named by two query parameters, ``service`` (``vipapis.delivery.DvdDeliveryService``) and
  ``method`` (``getOrderList``), beside ``version``, ``timestamp``, ``format``, ``appKey`` and
  ``sign``; the business parameters are the JSON body; ``sign`` = upper-case HMAC-MD5, keyed
  on the secret, of those six parameters sorted as name+value followed by the body (as its
  public SDK clients sign; the access token is sent beside them, unsigned). Answers carry
  ``returnCode`` (text) and the payload under ``result``, as public SDK clients read them
  (their response types hold exactly those two members), and a gateway refusal names itself
  in ``returnCode`` (``vipapis.oauth-invalidate-failure``, ``vipapis.ip-in-blackList``). That
  success is ``returnCode`` "0" and the refusal's text is ``returnMessage`` is not shown by
  those clients: it is a plain reading of that kind, kept until the documentation says more.

* Jiandaoyun data pushes (``op`` = ``data_create``, ``data_update``, ``data_remove``) with
  their ``X-JDY-DeliverId`` header (a unique id per delivery, for de-duplication) declared as a
  required header parameter beside the ``X-JDY-Signature`` the settings check: one header
  convention for both.

Each platform is a project of its own (``write(root, platform)``): a pyproject.toml and one
contract, set up through project settings only. ``REFUSED`` holds settings a user might write
that say two things at once, each with the words its refusal must contain."""

from __future__ import annotations

from pathlib import Path

from tests.support.gateway_fresh2_project import ENV as F2_ENV
from tests.support.gateway_fresh2_project import SETTINGS as F2_SETTINGS
from tests.support.settings_scorer import write_project

SECRETS = {"mtwm": "f3-mtwm-consumer-secret", "vop": "f3-vop-app-secret"}
JDY_SETTINGS = F2_SETTINGS["jdy"]
ENV = {f"F3_{name.upper()}_SECRET": secret for name, secret in SECRETS.items()}
ENV.update(F2_ENV)

_MTWM_SIGNING = """
[tool.seamguard.platforms.mtwm.wire.signing]
signature = {{ in = ["query", "form"], name = "sig" }}
scheme = "template"
template = "{template}"
pair = "{{name}}={{value}}"
separator = "&"
algorithm = "md5"
digest = "hex-lower"
"""


_COMMON = 'request = { common = ["app_id", "timestamp", "sig"] }\n'


def _mtwm(template: str = "{url}?{params}{secret}", common: str = _COMMON) -> str:
    return f"""
[tool.seamguard.platforms.mtwm]
title = "Meituan takeaway (waimai open platform)"
base_url = "https://waimaiopen.meituan.com"
versions = ["v1"]
secret_env = "F3_MTWM_SECRET"

[tool.seamguard.platforms.mtwm.wire]
time = {{ param = "timestamp", format = "epoch-seconds", zone = "Asia/Shanghai" }}
{common}
[tool.seamguard.platforms.mtwm.wire.response]
payload = "/data"

[[tool.seamguard.platforms.mtwm.wire.response.errors]]
when = {{ pointer = "/error", present = true }}
code = "/error/code"
message = "/error/msg"
""" + _MTWM_SIGNING.format(template=template)


VOP_SETTINGS = """
[tool.seamguard.platforms.vop]
title = "Vipshop open platform (OSP)"
base_url = "https://vop.vipapis.com"
versions = ["1.0.0"]
secret_env = "F3_VOP_SECRET"

[tool.seamguard.platforms.vop.wire]
path = "/"
operation = { in = ["query"], name = "service", also = ["method"] }
version = { in = ["query"], name = "version" }
time = { param = "timestamp", format = "epoch-seconds", zone = "Asia/Shanghai" }

[tool.seamguard.platforms.vop.wire.request]
common = ["service", "method", "version", "timestamp", "format", "appKey", "sign"]
send = "query"
business = { in = "body" }

[tool.seamguard.platforms.vop.wire.signing]
signature = { in = ["query"], name = "sign" }
scheme = "sorted-params-body"
include = ["appKey", "format", "method", "service", "timestamp", "version"]
algorithm = "hmac-md5"
digest = "hex-upper"

[tool.seamguard.platforms.vop.wire.response]
payload = "/result"

[[tool.seamguard.platforms.vop.wire.response.errors]]
when = { pointer = "/returnCode", not_equals = "0" }
code = "/returnCode"
message = "/returnMessage"
"""

SETTINGS = {"mtwm": _mtwm(), "vop": VOP_SETTINGS, "jdy": JDY_SETTINGS}

# Settings that are ambiguous, and what their refusal must say.
REFUSED = {
    # `url` is a parameter the platform names, and the template's own request URL
    "mtwm-url-is-also-a-parameter": (
        _mtwm(common='request = { common = ["app_id", "url", "timestamp", "sig"] }\n'),
        ("{url}", "ambiguous", "request.common")),
    # `timestamp` written by {params} and again by name
    "mtwm-timestamp-signed-twice": (
        _mtwm(template="{url}?{params}&timestamp={timestamp}{secret}"),
        ("{timestamp}", "signed twice", "exclude")),
    # the signature written into the text it is the digest of
    "mtwm-template-writes-sig": (
        _mtwm(template="{url}?app_id={app_id}&sig={sig}{secret}"),
        ("{sig}", "signature itself")),
}

MTWM = """
openapi: 3.1.0
info: {title: Meituan takeaway stores and orders, version: v1}
servers: [{url: https://waimaiopen.meituan.com}]
paths:
  /api/v1/poi/getids:
    get:
      operationId: poi.getids
      parameters:
        - {name: app_id, in: query, required: true, schema: {type: string}}
        - {name: timestamp, in: query, required: true, schema: {type: string,
           pattern: "^\\\\d{10}$"}}
        - {name: sig, in: query, required: true, schema: {type: string}}
      responses:
        "200":
          description: the store ids under data
          content:
            application/json:
              schema:
                type: array
                items: {type: string}
  /api/v1/order/getOrderDetail:
    post:
      operationId: order.getOrderDetail
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [order_id]
              properties:
                order_id: {type: integer}
                is_mt_logistics: {type: integer, enum: [0, 1]}
      responses:
        "200":
          description: the order under data
          content:
            application/json:
              schema:
                type: object
                required: [order_id, wm_poi_id, status, total]
                properties:
                  order_id: {type: integer}
                  wm_poi_id: {type: integer}
                  status: {type: integer, enum: [1, 2, 4, 8, 9]}
                  total: {type: number}
                  ctime: {type: integer}
                  recipient_phone: {type: string}
"""

VOP = """
openapi: 3.1.0
info: {title: Vipshop delivery orders and goods, version: 1.0.0}
servers: [{url: https://vop.vipapis.com}]
paths:
  /#vipapis.delivery.DvdDeliveryService.getOrderList:
    post:
      operationId: getOrderList
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [vendor_id]
              properties:
                vendor_id: {type: integer}
                st_add_time: {type: string}
                et_add_time: {type: string}
                page: {type: integer}
                limit: {type: integer}
      responses:
        "200":
          description: the page under result
          content:
            application/json:
              schema:
                type: object
                required: [total, dvd_order_list]
                properties:
                  total: {type: integer}
                  dvd_order_list:
                    type: array
                    items:
                      type: object
                      required: [order_id, order_status]
                      properties:
                        order_id: {type: string}
                        order_status: {type: integer}
                        add_time: {type: string}
  /#vipapis.delivery.DvdDeliveryService.getOrderDetail:
    post:
      operationId: getOrderDetail
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                vendor_id: {type: integer}
                order_id: {type: string}
      responses:
        "200":
          description: the order under result
          content:
            application/json:
              schema: {type: object}
  /#com.vip.adp.api.open.service.UnionGoodsService.getByGoodsIdsV2:
    post:
      operationId: getByGoodsIdsV2
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [goodsIdList]
              properties:
                goodsIdList: {type: array, items: {type: string}}
                requestId: {type: string}
      responses:
        "200":
          description: the goods under result
          content:
            application/json:
              schema:
                type: array
                items:
                  type: object
                  required: [goodsId, vipPrice]
                  properties:
                    goodsId: {type: string}
                    goodsName: {type: string}
                    vipPrice: {type: string}
"""

_JDY_HOOK = """
    post:
      operationId: jdy.{op}
      parameters:
        - {{name: X-JDY-DeliverId, in: header, required: true, schema: {{type: string}}}}
      requestBody:
        content:
          application/json: {{schema: {{$ref: "#/components/schemas/Push"}}}}
      responses:
        "200": {{description: taken}}
"""

JDY = """
openapi: 3.1.0
info: {title: Jiandaoyun data pushes with delivery ids, version: v5}
servers: [{url: https://api.jiandaoyun.com}]
paths: {}
webhooks:
""" + "".join(f"  {op}:{_JDY_HOOK.format(op=op)}"
              for op in ("data_create", "data_update", "data_remove")) + """
components:
  schemas:
    Push:
      type: object
      required: [op, data]
      properties:
        op: {type: string}
        data:
          type: object
          required: [_id, appId, entryId]
          properties:
            _id: {type: string}
            appId: {type: string}
            entryId: {type: string}
            createTime: {type: string}
            updateTime: {type: string}
            _widget_1432728651402: {type: string}
            _widget_1432728651403: {type: number}
"""

CONTRACTS = {"mtwm": ("v1", MTWM), "vop": ("1.0.0", VOP), "jdy": ("v5", JDY)}


def write(root: Path, platform: str, settings: str | None = None) -> Path:
    """Writes ``platform``'s project under ``root`` (its settings, or ``settings``) and
    returns it."""
    return write_project(root, settings if settings is not None else SETTINGS[platform],
                         platform, CONTRACTS[platform])
