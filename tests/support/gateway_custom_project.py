"""Projects a new user writes from docs/gateway-platforms.md for gateway platforms seamguard
ships no pack for, with facts from the platforms' public pages and SDKs (in our own words):
Douyin Shop (抖店: ``method`` + ``param_json``, ``sign`` over ``app_key method param_json
timestamp v`` wrapped in the secret, MD5 or HMAC-SHA256 by ``sign_method``, answer ``code`` 10000),
Kuaishou shop (``method`` + ``param``, ``key=value&…&signSecret=`` MD5 by ``signMethod``, answer
``result`` 1), Youzan (operation and version in the path, ``success``/``code`` 200, ``gw_err_resp``)
Kingdee K3Cloud WebAPI (``…ServicesStub….kdsvc`` paths, ``Result/ResponseStatus/IsSuccess``) and
DingTalk's classic oapi (``errcode``/``errmsg``, the payload under ``result``).

Each platform gets a project of its own (``write(root, platform)``): one pyproject.toml and one
contract, exactly as the page's "Adding your own gateway platform" section tells a user."""

from __future__ import annotations

from pathlib import Path

SECRETS = {"doudian": "cu-doudian-secret", "kwai": "cu-kwai-secret"}
ENV = {"CU_DOUDIAN_SECRET": SECRETS["doudian"], "CU_KWAI_SECRET": SECRETS["kwai"]}

DOUDIAN = """
[tool.seamguard.platforms.doudian]
title = "Douyin shop (抖店)"
base_url = "https://openapi-fxg.jinritemai.com"
versions = ["2"]
secret_env = "CU_DOUDIAN_SECRET"

[tool.seamguard.platforms.doudian.wire]
methods = ["GET", "POST"]
version = { in = ["query", "form"], name = "v" }
time = { param = "timestamp", format = "%Y-%m-%d %H:%M:%S", zone = "Asia/Shanghai" }

# each operation at a path of its own: order.searchList at /order/searchList
[tool.seamguard.platforms.doudian.wire.operation]
in = ["query", "form"]
name = "method"
pattern = '^[a-zA-Z]+(\\.[a-zA-Z]+)+$'
path = "dots-as-slashes"

[tool.seamguard.platforms.doudian.wire.request]
common = ["method", "app_key", "access_token", "timestamp", "v", "sign_method", "sign"]
business = { json_param = "param_json" }
secret_params = ["access_token", "sign"]

[tool.seamguard.platforms.doudian.wire.signing]
signature = { in = ["query", "form"], name = "sign" }
algorithm = "md5"
algorithm_param = "sign_method"
algorithms = { md5 = "md5", "hmac-sha256" = "hmac-sha256" }
exclude = ["access_token", "sign_method"]
digest = "hex-lower"
{doudian_signing}
[tool.seamguard.platforms.doudian.wire.response]
payload = "/data"

[[tool.seamguard.platforms.doudian.wire.response.errors]]
when = { pointer = "/code", not_equals = 10000 }
code = "/code"
sub_code = "/sub_code"
message = "/msg"
sub_message = "/sub_msg"
"""

KWAI = """
[tool.seamguard.platforms.kwai]
title = "Kuaishou shop (快手电商)"
base_url = "https://openapi.kwaixiaodian.com"
versions = ["1"]
secret_env = "CU_KWAI_SECRET"

[tool.seamguard.platforms.kwai.wire]
methods = ["GET", "POST"]
version = { in = ["query", "form"], name = "version" }
time = { param = "timestamp", format = "epoch-millis", zone = "Asia/Shanghai" }

# each operation at a path of its own: order.searchList at /order/searchList
[tool.seamguard.platforms.kwai.wire.operation]
in = ["query", "form"]
name = "method"
pattern = '^open(\\.[a-z]+)+$'
path = "dots-as-slashes"

[tool.seamguard.platforms.kwai.wire.request]
common = ["method", "appkey", "access_token", "timestamp", "version", "signMethod", "sign"]
business = { json_param = "param" }
secret_params = ["access_token", "sign"]

[tool.seamguard.platforms.kwai.wire.signing]
signature = { in = ["query", "form"], name = "sign" }
algorithm = "md5"
algorithm_param = "signMethod"
algorithms = { MD5 = "md5", HMAC_SHA256 = "hmac-sha256" }
digest = "hex-lower"
{kwai_signing}
[tool.seamguard.platforms.kwai.wire.response]
payload = "/data"

[[tool.seamguard.platforms.kwai.wire.response.errors]]
when = { pointer = "/result", not_equals = 1 }
code = "/result"
message = "/error_msg"
"""

YOUZAN = """
[tool.seamguard.platforms.youzan]
title = "Youzan (有赞) open API"
base_url = "https://open.youzanyun.com"
versions = ["4.0.0"]

[tool.seamguard.platforms.youzan.wire]
request = { secret_params = ["access_token"] }

[tool.seamguard.platforms.youzan.wire.response]
payload = "/data"

[[tool.seamguard.platforms.youzan.wire.response.errors]]
when = { pointer = "/gw_err_resp", present = true }
code = "/gw_err_resp/err_code"
message = "/gw_err_resp/err_msg"

[[tool.seamguard.platforms.youzan.wire.response.errors]]
when = { pointer = "/success", equals = false }
code = "/code"
message = "/message"
"""

K3CLOUD = """
[tool.seamguard.platforms.k3cloud]
title = "Kingdee K3Cloud WebAPI"
base_url = "https://erp.example.com"
versions = ["7.0"]

[tool.seamguard.platforms.k3cloud.wire]
methods = ["POST"]

# Save, Submit, Audit… answer {"Result": {"ResponseStatus": {"IsSuccess": false, …}}}
[[tool.seamguard.platforms.k3cloud.wire.response.errors]]
when = { pointer = "/Result/ResponseStatus/IsSuccess", equals = false }
code = "/Result/ResponseStatus/ErrorCode"
message = "/Result/ResponseStatus/Errors/0/Message"

# ExecuteBillQuery answers rows, and a refusal as the one cell of the one row.
[[tool.seamguard.platforms.k3cloud.wire.response.errors]]
when = { pointer = "/*/*/Result/ResponseStatus/IsSuccess", equals = false }
code = "/*/*/Result/ResponseStatus/ErrorCode"
message = "/*/*/Result/ResponseStatus/Errors/0/Message"
"""

DOUDIAN_CONTRACT = """
openapi: 3.1.0
info: {title: Douyin shop (order subset), version: "2"}
servers: [{url: "https://openapi-fxg.jinritemai.com"}]
paths:
  {prefix}#order.searchList:
    post:
      operationId: order.searchList
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/SearchList"}
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                param_json:
                  type: string
                  contentMediaType: application/json
                  contentSchema: {$ref: "#/components/schemas/SearchList"}
      responses:
        "200":
          description: the object under `data`
          content:
            application/json:
              schema:
                type: object
                required: [shop_order_list, total]
                properties:
                  total: {type: integer}
                  page: {type: integer}
                  shop_order_list:
                    type: array
                    items:
                      type: object
                      required: [order_id, order_status, pay_amount]
                      properties:
                        order_id: {type: string}
                        order_status: {type: integer}
                        pay_amount: {type: integer}
components:
  schemas:
    SearchList:
      type: object
      properties:
        page: {type: integer}
        size: {type: integer, maximum: 100}
        create_time_start: {type: integer}
      required: [page, size]
"""

KWAI_CONTRACT = """
openapi: 3.1.0
info: {title: Kuaishou shop (order subset), version: "1"}
servers: [{url: "https://openapi.kwaixiaodian.com"}]
paths:
  {prefix}#open.order.cursor.list:
    post:
      operationId: open.order.cursor.list
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                param:
                  type: string
                  contentMediaType: application/json
                  contentSchema:
                    type: object
                    required: [orderViewStatus, pageSize, beginTime, endTime]
                    properties:
                      orderViewStatus: {type: integer}
                      pageSize: {type: integer, maximum: 100}
                      beginTime: {type: integer}
                      endTime: {type: integer}
                      cursor: {type: string}
      responses:
        "200":
          description: the object under `data`
          content:
            application/json:
              schema:
                type: object
                required: [cursor, orderList]
                properties:
                  cursor: {type: string}
                  pcursor: {type: string}
                  orderList:
                    type: array
                    items:
                      type: object
                      required: [orderBaseInfo]
                      properties:
                        orderBaseInfo:
                          type: object
                          required: [oid, status, payTime]
                          properties:
                            oid: {type: integer}
                            status: {type: integer}
                            payTime: {type: integer}
"""

YOUZAN_CONTRACT = """
openapi: 3.1.0
info: {title: Youzan (trade subset), version: "4.0.0"}
servers: [{url: "https://open.youzanyun.com"}]
paths:
  /api/youzan.trades.sold.get/4.0.0:
    post:
      operationId: youzan.trades.sold.get
      parameters:
        - {name: access_token, in: query, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                page_no: {type: integer}
                page_size: {type: integer, maximum: 100}
                status: {type: string, enum: [WAIT_BUYER_PAY, WAIT_SELLER_SEND_GOODS,
                                              TRADE_SUCCESS]}
      responses:
        "200":
          description: the object under `data`
          content:
            application/json:
              schema:
                type: object
                required: [total_results, full_order_info_list]
                properties:
                  total_results: {type: integer}
                  full_order_info_list:
                    type: array
                    items:
                      type: object
                      properties:
                        full_order_info:
                          type: object
                          properties:
                            order_info:
                              type: object
                              required: [tid, status]
                              properties:
                                tid: {type: string}
                                status: {type: string}
"""

DINGTALK = """
[tool.seamguard.platforms.ding]
title = "DingTalk (classic oapi)"
protocol = "errcode"
base_url = "https://oapi.dingtalk.com"
versions = ["v2"]

# topapi answers {"errcode": 0, "errmsg": "ok", "result": {...}, "request_id": "..."}
[tool.seamguard.platforms.ding.wire.response]
payload = "/result"
"""

DINGTALK_CONTRACT = """
openapi: 3.1.0
info: {title: DingTalk topapi (user subset), version: "v2"}
servers: [{url: "https://oapi.dingtalk.com"}]
paths:
  /topapi/v2/user/get:
    post:
      operationId: topapi.v2.user.get
      parameters:
        - {name: access_token, in: query, required: true, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [userid]
              properties:
                userid: {type: string}
                language: {type: string, enum: [zh_CN, en_US]}
      responses:
        "200":
          description: the object under `result`
          content:
            application/json:
              schema:
                type: object
                required: [userid, name, dept_id_list]
                properties:
                  userid: {type: string}
                  name: {type: string}
                  active: {type: boolean}
                  dept_id_list: {type: array, items: {type: integer}}
"""

K3_SAVE = "/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc"
K3_QUERY = ("/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery"
            ".common.kdsvc")

K3CLOUD_CONTRACT = f"""
openapi: 3.1.0
info: {{title: K3Cloud WebAPI (sales order subset), version: "7.0"}}
servers: [{{url: "https://erp.example.com"}}]
paths:
  {K3_SAVE}:
    post:
      operationId: Save
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [formid, data]
              properties:
                formid: {{type: string}}
                data:
                  type: string
                  contentMediaType: application/json
                  contentSchema:
                    type: object
                    required: [Model]
                    properties:
                      NeedReturnFields: {{type: array, items: {{type: string}}}}
                      Model:
                        type: object
                        required: [FDate]
                        properties:
                          FDate: {{type: string}}
                          FBillNo: {{type: string}}
      responses:
        "200":
          description: the save result
          content:
            application/json:
              schema:
                type: object
                required: [Result]
                properties:
                  Result:
                    type: object
                    required: [ResponseStatus]
                    additionalProperties: true
                    properties:
                      Id: {{type: integer}}
                      Number: {{type: string}}
                      ResponseStatus:
                        type: object
                        required: [IsSuccess]
                        properties:
                          IsSuccess: {{type: boolean}}
                          MsgCode: {{type: integer}}
                          ErrorCode: {{type: integer}}
                          Errors: {{type: array}}
                          SuccessEntitys: {{type: array}}
  {K3_QUERY}:
    post:
      operationId: ExecuteBillQuery
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [data]
              properties:
                data:
                  type: string
                  contentMediaType: application/json
                  contentSchema:
                    type: object
                    required: [FormId, FieldKeys]
                    properties:
                      FormId: {{type: string}}
                      FieldKeys: {{type: string}}
                      Limit: {{type: integer}}
      responses:
        "200":
          description: rows of the fields asked for
          content:
            application/json:
              schema:
                type: array
                items:
                  type: array
                  prefixItems: [{{type: integer}}, {{type: string}}]
"""


def settings(platform: str) -> str:
    """The pyproject.toml a user writes for ``platform``."""
    if platform == "doudian":
        return DOUDIAN.replace("{doudian_signing}", DOUDIAN_SIGNING)
    if platform == "kwai":
        return KWAI.replace("{kwai_signing}", KWAI_SIGNING)
    return {"youzan": YOUZAN, "k3cloud": K3CLOUD, "ding": DINGTALK}[platform]


# Douyin's HMAC-SHA256 signs the same wrapped text as its MD5, keyed on the secret.
DOUDIAN_SIGNING = """hmac_adds_secret = true
include = ["app_key", "method", "param_json", "timestamp", "v"]
body_param = "param_json"        # newer calls send param_json as the JSON body
"""

# Kuaishou signs "access_token=…&appkey=…&…&version=1&signSecret=<secret>": pairs written as
# name=value joined by "&", then the secret appended under its own name; MD5 as hex, HMAC_SHA256
# as Base64.
KWAI_SIGNING = """pair = "{name}={value}"
separator = "&"
secret_position = "append"
secret_as = "&signSecret={secret}"
hmac_adds_secret = true
digests = { hmac-sha256 = "base64" }
"""

CONTRACTS = {"doudian": ("2", DOUDIAN_CONTRACT), "kwai": ("1", KWAI_CONTRACT),
             "youzan": ("4.0.0", YOUZAN_CONTRACT), "k3cloud": ("7.0", K3CLOUD_CONTRACT),
             "ding": ("v2", DINGTALK_CONTRACT)}

# Both shops serve each operation at its own path: the operation's dots as slashes.
PATHS = {"doudian": {"order.searchList": "/order/searchList"},
         "kwai": {"open.order.cursor.list": "/open/order/cursor/list"}}


def write(root: Path, platform: str) -> Path:
    """Writes ``platform``'s project under ``root`` and returns it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.seamguard]\n" + settings(platform),
                                         encoding="utf-8")
    version, text = CONTRACTS[platform]
    folder = root / "contracts" / platform / version
    folder.mkdir(parents=True, exist_ok=True)
    prefix = next(iter(PATHS.get(platform, {"": ""}).values()))
    (folder / "openapi.yaml").write_text(text.replace("{prefix}", prefix), encoding="utf-8")
    (root / "fixtures" / "cassettes").mkdir(parents=True, exist_ok=True)
    return root
