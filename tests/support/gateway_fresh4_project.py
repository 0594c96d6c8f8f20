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
  is SHA256-RSA2048 (Base64) over ``timestamp\\nnonce\\nbody\\n`` made with the platform's
  private key; the project sets the platform's public key in ``secret_env`` and checks it
  (``algorithm = "rsa-sha256"``, the time stamp and nonce read from the headers), and
  declares the headers required as the docs list them (the time stamp ten digits, the
  signature type the documented one; a missing signature is said once). A key pair made
  when the module loads stands for the platform's.
* Alipay's asynchronous payment notices (支付宝异步通知): a form POSTed to the integration's
  ``notify_url``, ``notify_type`` = ``trade_status_sync`` naming the event, ``trade_status``,
  ``total_amount`` (yuan as text), ``sign_type`` = RSA2 and ``sign`` = the Base64
  SHA256-RSA2048 signature, by Alipay's private key, of every other non-empty field but
  ``sign_type``, sorted by name and written ``name=value`` joined by ``&`` (values as
  decoded); checked with Alipay's public key.
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
contract (``gateway_fresh4_contracts``), set up through project settings only. ``REFUSED``
holds settings a user might write that say two things at once, each with the words its
refusal must contain."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support.gateway_fresh4_contracts import CONTRACTS
from tests.support.settings_scorer import write_project

SECRETS = {"cnlink": "f4-cainiao-link-secret", "sto": "f4-sto-secret-key",
           "jdl": "f4-jdl-app-secret", "shopee": "f4-shopee-partner-key",
           "lazada": "f4-lazada-app-secret"}
ENV = {f"F4_{name.upper()}_SECRET": secret for name, secret in SECRETS.items()}


def platform_key() -> tuple[Any, str]:
    """A key pair standing for WeChat Pay's platform key: (private key, public key as PEM)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return key, public.decode("ascii")


WXPAY_KEY, ENV["F4_WXPAY_SECRET"] = platform_key()
ALIPAY_KEY, ENV["F4_ALIPAY_SECRET"] = platform_key()
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
secret_env = "F4_WXPAY_SECRET"   # the platform's public key (PEM), never a private one

[tool.seamguard.platforms.wxpay.webhook_urls]
"{HOOKS}/wxpay" = "*"

[tool.seamguard.platforms.wxpay.wire.push]
topic_at = "/event_type"
signed = true

[tool.seamguard.platforms.wxpay.wire.push.signing]
signature = {{ in = ["header"], name = "Wechatpay-Signature" }}
scheme = "template"
template = "{{Wechatpay-Timestamp}}\\n{{Wechatpay-Nonce}}\\n{{body}}\\n"
algorithm = "rsa-sha256"
"""

ALIPAY_SETTINGS = f"""
[tool.seamguard.platforms.alipay]
title = "Alipay payment notices"
base_url = "https://openapi.alipay.com"
versions = ["v1"]
secret_env = "F4_ALIPAY_SECRET"   # Alipay's public key (PEM)

[tool.seamguard.platforms.alipay.webhook_urls]
"{HOOKS}/alipay" = "*"

[tool.seamguard.platforms.alipay.wire.push]
topic = {{ in = ["form"], name = "notify_type" }}
signed = true

[tool.seamguard.platforms.alipay.wire.push.signing]
signature = {{ in = ["form"], name = "sign" }}
scheme = "template"
template = "{{params}}"
pair = "{{name}}={{value}}"
separator = "&"
exclude = ["sign_type"]
algorithm = "rsa-sha256"
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
            "wxpay": WXPAY_SETTINGS, "shopee": SHOPEE_SETTINGS, "lazada": LAZADA_SETTINGS,
            "alipay": ALIPAY_SETTINGS}

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

def write(root: Path, platform: str, settings: str | None = None) -> Path:
    """Writes ``platform``'s project under ``root`` (its settings, or ``settings``) and
    returns it."""
    return write_project(root, settings if settings is not None else SETTINGS[platform],
                         platform, CONTRACTS[platform])
