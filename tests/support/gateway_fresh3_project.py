"""Projects a user writes from docs/gateway-platforms.md for platforms whose signed text starts
with the request URL, with field names, envelopes, codes and signing rules from the platforms'
public pages and SDKs (in our own words):

* Meituan takeaway's open platform (美团外卖开放平台, ``waimaiopen.meituan.com``): each
  operation at a path of its own (``/api/v1/poi/getids``, ``/api/v1/order/getOrderDetail``),
  ``app_id``, ``timestamp`` and ``sig`` with the business parameters in the query (GET) or the
  form (POST); ``sig`` = lower-case MD5 of the URL without its query, ``?``, every parameter
  but ``sig`` sorted by name as ``name=value`` joined by ``&``, then the secret; answers
  ``{"data": …}``, or ``{"error": {"code", "msg"}}`` when refused.

Each platform is a project of its own (``write(root, platform)``): a pyproject.toml and one
contract, set up through project settings only. ``REFUSED`` holds settings a user might write
that say two things at once, each with the words its refusal must contain."""

from __future__ import annotations

from pathlib import Path

SECRETS = {"mtwm": "f3-mtwm-consumer-secret"}
ENV = {f"F3_{name.upper()}_SECRET": secret for name, secret in SECRETS.items()}

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


SETTINGS = {"mtwm": _mtwm()}

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

CONTRACTS = {"mtwm": ("v1", MTWM)}


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
