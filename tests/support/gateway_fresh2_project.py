"""Projects a user writes from docs/gateway-platforms.md for operations and platforms no other
gateway corpus here covers, with field names, envelopes, codes and signing rules from the
platforms' public pages and SDKs (in our own words):

* Taobao TOP ``taobao.logistics.trace.search`` and TMC refund messages
  (``taobao_refund_RefundSellerAgreeAgreement``, ``taobao_refund_RefundSuccess``);
* JD ``jingdong.pop.order.enGet`` (order detail: ``orderDetailInfo`` with ``orderInfo`` and
  ``apiResult``);
* Pinduoduo ``pdd.logistics.companies.get`` and ``pdd.order.status.get``;
* SF Fengqiao ``EXP_RECE_UPDATE_ORDER`` used to cancel (``dealType`` 2);
* Xiaohongshu's ark gateway (one JSON body: ``method``, ``appId``, ``timestamp``, ``version``,
  ``sign`` = MD5 of ``method?appId=…&timestamp=…&version=…`` + the secret; answers
  ``success``/``code``/``msg``/``data``);
* WeChat Shop (视频号小店, ``/channels/ec/order/get``: ``errcode``/``errmsg``, the order under
  ``order``);
* Meituan delivery (美团配送, ``/api/order/status/query``: each operation at a path of its
  own, ``appkey``/``timestamp``/``version``/``sign`` in the form, ``sign`` = SHA-1 of the
  secret followed by the sorted name+value pairs; answers ``code``/``message``/``data``);
* Jiandaoyun data pushes (``op`` names the event, ``data`` the record with widget fields;
  ``X-JDY-Signature`` = SHA-1 of ``nonce:body:secret:timestamp``, nonce and timestamp in the
  URL).

Each platform is a project of its own (``write(root, platform)``): a pyproject.toml and one
contract, set up through project settings only."""

from __future__ import annotations

from pathlib import Path

SECRETS = {"tb": "f2-top-secret", "jos": "f2-jos-secret", "pdd": "f2-pdd-secret",
           "sf": "f2-sf-checkword", "xhs": "f2-xhs-secret", "jdy": "f2-jdy-secret",
           "mt": "f2-mt-secret"}
ENV = {f"F2_{name.upper()}_SECRET": secret for name, secret in SECRETS.items()}
HOOKS = "https://erp.example.cn/hooks"

TIME = r"^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"
MONEY = r"^-?\\d+(\\.\\d{1,2})?$"

SETTINGS = {
    "tb": f"""
[tool.seamguard.platforms.tb]
title = "Our Taobao shop"
protocol = "taobao-top"
base_url = "https://eco.taobao.com"
versions = ["2.0"]
secret_env = "F2_TB_SECRET"

[tool.seamguard.platforms.tb.webhook_urls]   # TMC messages, relayed one per POST
"{HOOKS}/tmc" = "*"

[tool.seamguard.platforms.tb.wire.push]
topic = {{ in = ["json"], name = "topic" }}
""",
    "jos": """
[tool.seamguard.platforms.jos]
title = "Our JD shop"
protocol = "jd"
base_url = "https://api.jd.com"
versions = ["2.0"]
secret_env = "F2_JOS_SECRET"
""",
    "pdd": """
[tool.seamguard.platforms.pdd]
title = "Our Pinduoduo shop"
protocol = "pinduoduo"
base_url = "https://gw-api.pinduoduo.com"
versions = ["V1"]
secret_env = "F2_PDD_SECRET"
""",
    "sf": f"""
[tool.seamguard.platforms.sf]
title = "SF Express"
protocol = "sf-fengqiao"
base_url = "https://bspgw.sf-express.com"
versions = ["2.0"]
secret_env = "F2_SF_SECRET"

[tool.seamguard.platforms.sf.webhook_urls]   # XML pushes name their service
"{HOOKS}/sf" = "*"

[tool.seamguard.platforms.sf.wire.push]
topic_at = "/Request/service"
""",
    "xhs": """
[tool.seamguard.platforms.xhs]
title = "Xiaohongshu shop (ark open API)"
base_url = "https://ark.xiaohongshu.com"
versions = ["2.0"]
secret_env = "F2_XHS_SECRET"

[tool.seamguard.platforms.xhs.wire]
path = "/ark/open_api/v3/common_controller"
methods = ["POST"]
operation = { in = ["json"], name = "method", pattern = '^[a-z]+(\\.[a-zA-Z]+)+$' }
version = { in = ["json"], name = "version" }
time = { param = "timestamp", format = "epoch-seconds", zone = "Asia/Shanghai" }

[tool.seamguard.platforms.xhs.wire.request]
common = ["method", "appId", "timestamp", "version", "sign", "accessToken"]
send = "json"
secret_params = ["accessToken", "sign"]

[tool.seamguard.platforms.xhs.wire.signing]
signature = { in = ["json"], name = "sign" }
scheme = "template"
template = "{method}?appId={appId}&timestamp={timestamp}&version={version}{secret}"
digest = "hex-lower"

[tool.seamguard.platforms.xhs.wire.response]
payload = "/data"
success_when = [{ pointer = "/success", equals = true }]

[[tool.seamguard.platforms.xhs.wire.response.errors]]
when = { pointer = "/success", equals = false }
code = "/code"
message = "/msg"
""",
    "channels": f"""
[tool.seamguard.platforms.channels]
title = "WeChat Shop (channels e-commerce)"
protocol = "errcode"
base_url = "https://api.weixin.qq.com"
versions = ["v1"]

[tool.seamguard.platforms.channels.webhook_urls]   # message pushes, XML by default
"{HOOKS}/channels" = "*"

[tool.seamguard.platforms.channels.wire.push]
topic_at = "/xml/Event"
""",
    "mt": """
[tool.seamguard.platforms.mt]
title = "Meituan delivery (peisong open API)"
base_url = "https://peisongopen.meituan.com"
versions = ["1.0"]
secret_env = "F2_MT_SECRET"

[tool.seamguard.platforms.mt.wire]
time = { param = "timestamp", format = "epoch-seconds", zone = "Asia/Shanghai" }

[tool.seamguard.platforms.mt.wire.signing]
signature = { in = ["form", "query"], name = "sign" }
algorithm = "sha1"
secret_position = "prepend"
digest = "hex-lower"

[tool.seamguard.platforms.mt.wire.response]
payload = "/data"

[[tool.seamguard.platforms.mt.wire.response.errors]]
when = { pointer = "/code", not_equals = 0 }
code = "/code"
message = "/message"
""",
    "jdy": f"""
[tool.seamguard.platforms.jdy]
title = "Jiandaoyun (data pushes)"
base_url = "https://api.jiandaoyun.com"
versions = ["v5"]
secret_env = "F2_JDY_SECRET"

[tool.seamguard.platforms.jdy.webhook_urls]
"{HOOKS}/jdy" = "*"

[tool.seamguard.platforms.jdy.wire.push]
topic = {{ in = ["json"], name = "op" }}
signed = true

[tool.seamguard.platforms.jdy.wire.push.signing]
signature = {{ in = ["header"], name = "X-JDY-Signature" }}
scheme = "template"
template = "{{nonce}}:{{body}}:{{secret}}:{{timestamp}}"
algorithm = "sha1"
digest = "hex-lower"
""",
}

TB = f"""
openapi: 3.1.0
info: {{title: Taobao logistics trace and refund messages, version: "2.0"}}
servers: [{{url: https://eco.taobao.com}}]
paths:
  /router/rest#taobao.logistics.trace.search:
    post:
      operationId: taobao.logistics.trace.search
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [tid]
              properties:
                tid: {{type: integer}}
                is_split: {{type: integer, enum: [0, 1]}}
                seller_nick: {{type: string}}
      responses:
        "200":
          description: the object inside logistics_trace_search_response (JSON, or XML)
          content:
            text/xml: {{schema: {{$ref: "#/components/schemas/Trace"}}}}
            application/json:
              schema:
                $ref: "#/components/schemas/Trace"
webhooks:
  taobao_refund_RefundSellerAgreeAgreement:
    post:
      operationId: tmc.taobao_refund_RefundSellerAgreeAgreement
      requestBody:
        content:
          application/json: {{schema: {{$ref: "#/components/schemas/RefundMessage"}}}}
      responses:
        "200": {{description: stored}}
  taobao_refund_RefundSuccess:
    post:
      operationId: tmc.taobao_refund_RefundSuccess
      requestBody:
        content:
          application/json: {{schema: {{$ref: "#/components/schemas/RefundMessage"}}}}
      responses:
        "200": {{description: stored}}
components:
  schemas:
    Trace:
      type: object
      required: [tid, status, trace_list]
      properties:
        out_sid: {{type: string}}
        company_name: {{type: string}}
        tid: {{type: integer}}
        status: {{type: string}}
        request_id: {{type: string}}
        trace_list:
          type: object
          properties:
            transit_step_info:
              type: array
              items:
                type: object
                required: [status_time, status_desc]
                properties:
                  status_time: {{type: string, pattern: "{TIME}"}}
                  status_desc: {{type: string}}
                  action: {{type: string}}
    RefundMessage:
      type: object
      required: [topic, content, pub_time]
      properties:
        id: {{type: integer}}
        topic: {{type: string}}
        pub_app_key: {{type: string}}
        pub_time: {{type: string, pattern: "{TIME}"}}
        user_id: {{type: integer}}
        user_nick: {{type: string}}
        outgoing_id: {{type: integer}}
        content:
          type: string
          contentMediaType: application/json
          contentSchema:
            type: object
            required: [refund_id, tid, oid, refund_fee]
            properties:
              refund_id: {{type: integer}}
              tid: {{type: integer}}
              oid: {{type: integer}}
              refund_fee: {{type: string, pattern: "{MONEY}"}}
              refund_phase: {{type: string, enum: [onsale, aftersale]}}
              bill_type: {{type: string}}
              buyer_nick: {{type: string}}
              seller_nick: {{type: string}}
              modified: {{type: string, pattern: "{TIME}"}}
"""

JOS = f"""
openapi: 3.1.0
info: {{title: JD order detail, version: "2.0"}}
servers: [{{url: https://api.jd.com}}]
paths:
  /routerjson#jingdong.pop.order.enGet:
    post:
      operationId: jingdong.pop.order.enGet
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:  # the business parameters (they travel in 360buy_param_json)
              type: object
              required: [order_id, optional_fields]
              properties:
                order_id: {{type: string, pattern: "^[0-9]+$"}}
                optional_fields: {{type: string}}
                order_state: {{type: string}}
      responses:
        "200":
          description: the object inside jingdong_pop_order_enGet_responce
          content:
            application/json:
              schema:
                type: object
                required: [code, orderDetailInfo]
                properties:
                  code: {{type: string}}
                  orderDetailInfo:
                    type: object
                    required: [apiResult]
                    properties:
                      apiResult:
                        type: object
                        required: [success]
                        properties:
                          success: {{type: boolean}}
                          code: {{type: string}}
                          chineseErrCode: {{type: string}}
                          englishErrCode: {{type: string}}
                          numberCode: {{type: integer}}
                      orderInfo:
                        type: object
                        required: [orderId, orderState, orderTotalPrice]
                        properties:
                          orderId: {{type: string}}
                          venderId: {{type: string}}
                          orderState:
                            type: string
                            enum: [WAIT_SELLER_STOCK_OUT, WAIT_GOODS_RECEIVE_CONFIRM,
                                   FINISHED_L, TRADE_CANCELED, LOCKED, POP_ORDER_PAUSE]
                          orderTotalPrice: {{type: string, pattern: "{MONEY}"}}
                          orderPayment: {{type: string, pattern: "{MONEY}"}}
                          freightPrice: {{type: string, pattern: "{MONEY}"}}
                          orderStartTime: {{type: string, pattern: "{TIME}"}}
"""

PDD = """
openapi: 3.1.0
info: {title: Pinduoduo logistics companies and order status, version: V1}
servers: [{url: https://gw-api.pinduoduo.com}]
paths:
  /api/router#pdd.logistics.companies.get:
    post:
      operationId: pdd.logistics.companies.get
      responses:
        "200":
          description: the object inside logistics_companies_get_response
          content:
            application/json:
              schema:
                type: object
                required: [logistics_companies]
                properties:
                  logistics_companies:
                    type: array
                    items:
                      type: object
                      required: [id, logistics_company, available]
                      properties:
                        id: {type: integer}
                        logistics_company: {type: string}
                        available: {type: integer, enum: [0, 1]}
                        code: {type: string}
  /api/router#pdd.order.status.get:
    post:
      operationId: pdd.order.status.get
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [order_sns]
              properties:
                order_sns: {type: string}
      responses:
        "200":
          description: the object inside order_status_get_response
          content:
            application/json:
              schema:
                type: object
                required: [order_status_list]
                properties:
                  order_status_list:
                    type: array
                    items:
                      type: object
                      required: [orderSn, order_status, refund_status]
                      properties:
                        orderSn: {type: string}
                        order_status: {type: integer, enum: [1, 2, 3]}
                        refund_status: {type: integer, enum: [1, 2, 3, 4]}
"""

SF = """
openapi: 3.1.0
info: {title: SF Express order cancel, version: "2.0"}
servers: [{url: https://bspgw.sf-express.com}]
paths:
  /std/service#EXP_RECE_UPDATE_ORDER:
    post:
      operationId: EXP_RECE_UPDATE_ORDER
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
                      required: [waybillType, waybillNo]
                      properties:
                        waybillType: {type: integer}
                        waybillNo: {type: string}
webhooks:
  RoutePushService:
    post:
      operationId: sf.RoutePushService
      requestBody:
        content:
          text/xml:
            schema:
              type: object
              required: [Request]
              properties:
                Request:
                  type: object
                  required: [service, Body]
                  properties:
                    service: {type: string}
                    lang: {type: string}
                    Body:
                      type: object
                      required: [WaybillRoute]
                      properties:
                        WaybillRoute:
                          type: object
                          required: [mailno, opCode, acceptTime]
                          properties:
                            id: {type: string}
                            mailno: {type: string}
                            orderid: {type: string}
                            acceptTime:
                              type: string
                              pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}$"
                            acceptAddress: {type: string}
                            remark: {type: string}
                            opCode: {type: integer}
      responses:
        "200": {description: taken}
"""

XHS = """
openapi: 3.1.0
info: {title: Xiaohongshu order detail, version: "2.0"}
servers: [{url: https://ark.xiaohongshu.com}]
paths:
  /ark/open_api/v3/common_controller#order.getOrderDetail:
    post:
      operationId: order.getOrderDetail
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [orderId]
              properties:
                orderId: {type: string}
      responses:
        "200":
          description: the object under data
          content:
            application/json:
              schema:
                type: object
                required: [orderId, orderStatus, totalPayAmount]
                properties:
                  orderId: {type: string}
                  orderStatus: {type: integer, enum: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
                  orderAfterSalesStatus: {type: integer}
                  totalPayAmount: {type: integer}
                  createdTime: {type: integer}
                  updateTime: {type: integer}
"""

CHANNELS = """
openapi: 3.1.0
info: {title: WeChat Shop orders, version: v1}
servers: [{url: https://api.weixin.qq.com}]
paths:
  /channels/ec/order/get:
    post:
      operationId: channels.ec.order.get
      parameters:
        - {name: access_token, in: query, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [order_id]
              properties:
                order_id: {type: string}
      responses:
        "200":
          description: the order
          content:
            application/json:
              schema:
                type: object
                required: [errcode, order]
                properties:
                  errcode: {type: integer}
                  errmsg: {type: string}
                  order:
                    type: object
                    required: [order_id, status]
                    properties:
                      order_id: {type: string}
                      status: {type: integer, enum: [10, 20, 21, 30, 100, 200, 250]}
                      create_time: {type: integer}
                      update_time: {type: integer}
                      order_detail:
                        type: object
                        properties:
                          price_info:
                            type: object
                            properties:
                              product_price: {type: integer}
                              order_price: {type: integer}
                              freight: {type: integer}
webhooks:
  channels_ec_order_new:
    post:
      operationId: channels.channels_ec_order_new
      requestBody:
        content:
          text/xml: {schema: {$ref: "#/components/schemas/OrderPush"}}
      responses:
        "200": {description: taken}
  channels_ec_order_cancel:
    post:
      operationId: channels.channels_ec_order_cancel
      requestBody:
        content:
          text/xml: {schema: {$ref: "#/components/schemas/OrderPush"}}
      responses:
        "200": {description: taken}
components:
  schemas:
    OrderPush:
      type: object
      required: [xml]
      properties:
        xml:
          type: object
          required: [ToUserName, CreateTime, MsgType, Event, order_info]
          properties:
            ToUserName: {type: string}
            FromUserName: {type: string}
            CreateTime: {type: integer}
            MsgType: {type: string, enum: [event]}
            Event: {type: string}
            order_info:
              type: object
              required: [order_id]
              properties:
                order_id: {type: integer}
"""

JDY = """
openapi: 3.1.0
info: {title: Jiandaoyun data pushes, version: v5}
servers: [{url: https://api.jiandaoyun.com}]
paths: {}
webhooks:
  data_create:
    post:
      operationId: jdy.data_create
      requestBody:
        content:
          application/json: {schema: {$ref: "#/components/schemas/Push"}}
      responses:
        "200": {description: taken}
  data_update:
    post:
      operationId: jdy.data_update
      requestBody:
        content:
          application/json: {schema: {$ref: "#/components/schemas/Push"}}
      responses:
        "200": {description: taken}
components:
  schemas:
    Push:
      type: object
      required: [op, data]
      properties:
        op: {type: string}
        data:
          type: object
          required: [_id, appId, entryId, _widget_1432728651402, _widget_1432728651403]
          properties:
            _id: {type: string}
            appId: {type: string}
            entryId: {type: string}
            createTime: {type: string}
            updateTime: {type: string}
            _widget_1432728651402: {type: string}
            _widget_1432728651403: {type: number}
"""

MT = """
openapi: 3.1.0
info: {title: Meituan delivery order status, version: "1.0"}
servers: [{url: https://peisongopen.meituan.com}]
paths:
  /api/order/status/query:
    post:
      operationId: order.status.query
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [delivery_id, mt_peisong_id]
              properties:
                delivery_id: {type: integer}
                mt_peisong_id: {type: string}
      responses:
        "200":
          description: the object under data
          content:
            application/json:
              schema:
                type: object
                required: [delivery_id, mt_peisong_id, status]
                properties:
                  delivery_id: {type: integer}
                  mt_peisong_id: {type: string}
                  order_id: {type: string}
                  status: {type: integer, enum: [0, 20, 30, 50, 99]}
                  operate_time: {type: integer}
                  courier_name: {type: string}
                  courier_phone: {type: string}
"""

CONTRACTS = {"tb": ("2.0", TB), "jos": ("2.0", JOS), "pdd": ("V1", PDD), "sf": ("2.0", SF),
             "xhs": ("2.0", XHS), "channels": ("v1", CHANNELS), "jdy": ("v5", JDY),
             "mt": ("1.0", MT)}


def write(root: Path, platform: str) -> Path:
    """Writes ``platform``'s project under ``root`` and returns it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.seamguard]\n" + SETTINGS[platform],
                                         encoding="utf-8")
    version, text = CONTRACTS[platform]
    folder = root / "contracts" / platform / version
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "openapi.yaml").write_text(text, encoding="utf-8")
    (root / "fixtures" / "cassettes").mkdir(parents=True, exist_ok=True)
    return root
