"""Calls and pushes of carrier and payment platforms no other gateway corpus here covers
(``gateway_fresh4_project``: Cainiao LINK's cloud-print waybills, STO express orders and
traces, JD Logistics' LOP order calls signed over their path, WeChat Pay v3 callbacks,
Shopee v2 order calls and pushes, Lazada order calls signed over their API path), set up
through project settings only, each clean or with one planted defect of a kind: an unknown or
missing operation (whose hint must offer the operation meant), a wrong type inside an
embedded JSON document, an in-band error, a bad, missing or stale signature, an envelope
matching neither success nor error, a wrong or undeclared charset, a missing header. Every
call is signed by the platform's documented recipe, written here independently of
seamguard's signing code; expectations (code, pointer, severity) were written before
running. Settings that say two things at once (``REFUSED``) must be refused when the project
is read, with a message that names the clash.

    python -m tests.support.gateway_fresh4     # prints the score and every difference
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from tests.support.gateway_fresh2 import (
    BOM,
    FORM,
    JSON_TYPE,
    E,
    F2Case,
    Found,
    W,
    _dumps,
    platform_verdicts,
)
from tests.support.gateway_fresh4_project import (
    ALIPAY_KEY,
    ENV,
    HOOKS,
    REFUSED,
    SECRETS,
    WXPAY_KEY,
    platform_key,
    write,
)
from tests.support.settings_scorer import refusals_of, scorer_main

GBK_FORM = "application/x-www-form-urlencoded"
OTHER_KEY, _ = platform_key()  # a key pair that is not the platform's


def _link_digest(content: str, secret: str) -> str:
    """Cainiao LINK and STO: Base64 of the raw MD5 of the content followed by the secret."""
    return base64.b64encode(hashlib.md5((content + secret).encode("utf-8")).digest()).decode()


# --- Cainiao LINK: cloud-print waybills -----------------------------------------------------

CNLINK = "https://link.cainiao.com/gateway/link.do"


def _waybill_ask(**changes: Any) -> str:
    return _dumps({"cpCode": "YTO", "objectId": "1", "orderId": "T240903000118",
                   "itemCount": 1, **changes})


def _cn_form(content: str, msg_type: str | None = "TMS_WAYBILL_GET", *,
             digest: str | None = None, secret: str = SECRETS["cnlink"]) -> dict[str, str]:
    form = {"msg_type": msg_type, "logistic_provider_id": "c2a7f0d1e9b84c31",
            "to_code": "CNPMS", "logistics_interface": content,
            "data_digest": digest if digest is not None else _link_digest(content, secret)}
    return {k: v for k, v in form.items() if v is not None}


def _print_data(**changes: Any) -> str:
    return _dumps({"encryptedData": "AES:q0Lw3Rk9", "signature": "MD:9f2c1b",
                   "templateURL": "https://cloudprint.cainiao.com/template/standard/101/123",
                   "ver": "waybill_print_secret_version_1", **changes})


def _waybill(**changes: Any) -> dict[str, Any]:
    return {"success": True, "errorCode": None, "errorMsg": None,
            "waybillCode": "YT7501234567890", "objectId": "1", "printData": _print_data(),
            **changes}


def cnlink_cases() -> Iterator[F2Case]:
    ask = _waybill_ask()

    def call(name: str, form: dict[str, str], answer: Any, expected: Found, *,
             body: bytes | str | None = None, request_type: str = FORM) -> F2Case:
        return F2Case(name, "cnlink", CNLINK, body if body is not None else urlencode(form),
                      answer, expected, request_type=request_type)

    yield call("cn-waybill-clean", _cn_form(ask), _waybill(), [])
    discard = _dumps({"cpCode": "YTO", "waybillCode": "YT7501234567890"})
    yield call("cn-discard-clean", _cn_form(discard, "TMS_WAYBILL_DISCARD"),
               {"success": True, "discardResult": True}, [])
    yield call("cn-waybill-unknown-msg-type", _cn_form(ask, "TMS_WAYBILL_GTE"), _waybill(),
               [("operation.undocumented", "request:/msg_type", E)])
    yield call("cn-waybill-no-msg-type", _cn_form(ask, None), _waybill(),
               [("operation.name-missing", "request:/msg_type", E)])
    wrong = _waybill_ask(itemCount="1")
    yield call("cn-waybill-count-as-text", _cn_form(wrong), _waybill(),
               [("field.wrong-type", "request:/logistics_interface⟨json⟩/itemCount", E)])
    yield call("cn-waybill-print-data-url-as-number", _cn_form(ask),
               _waybill(printData=_print_data(templateURL=101)),
               [("field.wrong-type", "/printData⟨json⟩/templateURL", E)])
    yield call("cn-waybill-print-data-not-json", _cn_form(ask),
               _waybill(printData="AES:q0Lw3Rk9"),
               [("body.embedded-not-json", "/printData", E)])
    yield call("cn-waybill-in-band-error", _cn_form(ask),
               {"success": False, "errorCode": "S07", "errorMsg": "网点余额不足"},
               [("response.in-band-error", "/success", E)])
    yield call("cn-waybill-bad-digest", _cn_form(ask, digest="0" * 24), _waybill(),
               [("signature.invalid", "request:/data_digest", E)])
    yield call("cn-waybill-wrong-secret", _cn_form(ask, secret="another"), _waybill(),
               [("signature.invalid", "request:/data_digest", E)])
    hexed = base64.b64encode(hashlib.md5((ask + SECRETS["cnlink"]).encode()).hexdigest()
                             .encode()).decode()  # Base64 of the hex text, a common slip
    yield call("cn-waybill-digest-of-hex", _cn_form(ask, digest=hexed), _waybill(),
               [("signature.invalid", "request:/data_digest", E)])
    changed = {**_cn_form(ask), "logistics_interface": _waybill_ask(itemCount=2)}
    yield call("cn-waybill-changed-after-signing", changed, _waybill(),
               [("signature.invalid", "request:/data_digest", E)])
    unsigned = {k: v for k, v in _cn_form(ask).items() if k != "data_digest"}
    yield call("cn-waybill-unsigned", unsigned, _waybill(),
               [("signature.missing", "request:/data_digest", E)])
    yield call("cn-waybill-bad-digest-refused", _cn_form(ask, digest="0" * 24),
               {"success": False, "errorCode": "S02", "errorMsg": "签名校验失败"},
               [("signature.invalid", "request:/data_digest", E)])
    yield call("cn-waybill-unknown-envelope", _cn_form(ask),
               {"result": {"waybillCode": "YT7501234567890"}},
               [("response.unknown-envelope", "/success", E)])
    gbk = urlencode(_cn_form(_waybill_ask(orderId="T240903-上海")), encoding="gbk")
    yield call("cn-waybill-gbk-form-labelled-utf8", {}, _waybill(),
               [("body.undecodable", None, E)], body=gbk.encode("ascii"))
    yield call("cn-waybill-gbk-form-no-charset", {}, _waybill(),
               [("body.charset-undeclared", None, W)], body=gbk.encode("ascii"),
               request_type=GBK_FORM)


# --- STO express: orders and traces ---------------------------------------------------------

STO = "https://cloudinter-linkgatewayonline.sto.cn/gateway/link.do"
WAYBILL = "773012345678901"


def _sto_form(content: str, api: str | None = "OMS_EXPRESS_ORDER_CREATE", *,
              digest: str | None = None) -> dict[str, str]:
    form = {"api_name": api, "content": content, "from_appkey": "sto_f4_app",
            "from_code": "sto_f4_app", "to_appkey": "sto_oms", "to_code": "sto_oms",
            "data_digest": digest if digest is not None else _link_digest(content,
                                                                         SECRETS["sto"])}
    return {k: v for k, v in form.items() if v is not None}


def _party(name: str) -> dict[str, str]:
    return {"name": name, "mobile": "138****5678", "province": "上海市", "city": "上海市",
            "area": "青浦区", "address": "华新镇华志路**号"}


def _sto_order(**changes: Any) -> str:
    return _dumps({"orderNo": "SO240903000177", "orderSource": "F4SHOP", "billType": "00",
                   "orderType": "01", "sender": _party("仓库"), "receiver": _party("王*"),
                   "cargo": {"goodsName": "T恤", "weight": 0.5}, **changes})


def _sto_answer(data: Any) -> dict[str, Any]:
    return {"success": True, "errorCode": None, "errorMsg": None, "needRetry": False,
            "requestId": "b7a1c0e2", "data": data}


def _created(**changes: Any) -> dict[str, Any]:
    return _sto_answer({"orderNo": "SO240903000177", "waybillNo": WAYBILL,
                        "bigWord": "沪青浦", "packagePlace": "上海转运中心", **changes})


def _traces(**changes: Any) -> dict[str, Any]:
    step = {"waybillNo": WAYBILL, "opTime": "2024-09-03 18:21:07", "scanType": "收件",
            "opOrgName": "上海青浦华新营业部", "memo": "快件已揽收", **changes}
    return _sto_answer({WAYBILL: [step]})


def sto_cases() -> Iterator[F2Case]:
    def call(name: str, form: dict[str, str], answer: Any, expected: Found, *,
             body: bytes | str | None = None, request_type: str = FORM) -> F2Case:
        return F2Case(name, "sto", STO, body if body is not None else urlencode(form),
                      answer, expected, request_type=request_type)

    order = _sto_order()
    trace = _dumps({"order": "asc", "waybillNoList": [WAYBILL]})
    yield call("sto-create-clean", _sto_form(order), _created(), [])
    yield call("sto-trace-clean", _sto_form(trace, "STO_TRACE_QUERY_COMMON"), _traces(), [])
    yield call("sto-create-unknown-api", _sto_form(order, "OMS_EXPRESS_ORDER_CREAT"),
               _created(), [("operation.undocumented", "request:/api_name", E)])
    yield call("sto-create-weight-as-text",
               _sto_form(_sto_order(cargo={"goodsName": "T恤", "weight": "0.5"})), _created(),
               [("field.wrong-type", "request:/content⟨json⟩/cargo/weight", E)])
    yield call("sto-create-unknown-bill-type", _sto_form(_sto_order(billType="02")),
               _created(), [("field.unknown-enum", "request:/content⟨json⟩/billType", E)])
    yield call("sto-trace-op-time-as-number", _sto_form(trace, "STO_TRACE_QUERY_COMMON"),
               _traces(opTime=1725358867),
               [("field.wrong-type", f"/data/{WAYBILL}/0/opTime", E)])
    yield call("sto-create-in-band-error", _sto_form(order),
               {"success": False, "errorCode": "S04", "errorMsg": "订单号重复",
                "needRetry": False, "data": None},
               [("response.in-band-error", "/success", E)])
    yield call("sto-create-bad-digest", _sto_form(order, digest="x" * 24), _created(),
               [("signature.invalid", "request:/data_digest", E)])
    marked = BOM + order
    yield call("sto-create-content-with-bom", _sto_form(marked), _created(),
               [("body.byte-order-mark", "request:/content", W)])
    yield call("sto-create-content-not-json", _sto_form("orderNo=SO240903000177"), _created(),
               [("body.embedded-not-json", "request:/content", E)])
    yield call("sto-create-unknown-envelope", _sto_form(order),
               {"success": True, "result": {"waybillNo": WAYBILL}},
               [("response.unknown-envelope", "/data", E)])
    # UTF-8 percent-encoding under a GBK label: the signature holds only over UTF-8
    yield call("sto-create-utf8-form-labelled-gbk", {}, _created(),
               [("body.undecodable", None, E)], body=urlencode(_sto_form(order)),
               request_type="application/x-www-form-urlencoded;charset=GBK")


# --- JD Logistics (LOP): a path per operation, signed over the path -------------------------

JDL = "https://api.jdl.com"
CREATE = "/ecap/v1/orders/create"
CANCEL = "/ecap/v1/orders/cancel"
_JDL_HMAC = {"HMacMD5": hashlib.md5, "HMacSHA1": hashlib.sha1, "HMacSHA256": hashlib.sha256}


def _jdl_sign(path: str, body: str, query: dict[str, str], secret: str) -> str:
    text = (f"{secret}access_token{query['access_token']}app_key{query['app_key']}"
            f"method{path}param_json{body}timestamp{query['timestamp']}v{query['v']}{secret}")
    algorithm = query.get("algorithm", "md5-salt")
    if algorithm == "md5-salt":
        return hashlib.md5(text.encode("utf-8")).hexdigest()
    digest = hmac.new(secret.encode(), text.encode("utf-8"), _JDL_HMAC[algorithm]).digest()
    return base64.b64encode(digest).decode()


def _jdl_url(path: str, body: str, *, signed_path: str | None = None, origin: str = JDL,
             secret: str = SECRETS["jdl"], sign: str | None = None,
             **more: str) -> str:
    query = {"LOP-DN": "ECAP", "app_key": "f4jdlapp", "access_token": "<redacted>",
             "timestamp": "2024-09-03 14:20:05", "v": "2.0", "algorithm": "md5-salt", **more}
    signed = sign or _jdl_sign(signed_path or path, body, query, secret)
    return f"{origin}{path}?{urlencode({**query, 'sign': signed})}"


def _contact(name: str) -> dict[str, str]:
    return {"name": name, "mobile": "139****0909", "fullAddress": "北京市大兴区亦庄**号"}


def _jdl_order(**changes: Any) -> str:
    return _dumps({"orderId": "JO240903000212", "orderOrigin": 1, "customerCode": "010K1234567",
                   "senderContact": _contact("仓库"), "receiverContact": _contact("李*"),
                   "cargoes": [{"name": "耳机", "quantity": 1, "weight": 0.3}], **changes})


def _jdl_answer(data: Any, **changes: Any) -> dict[str, Any]:
    return {"code": 0, "msg": "成功", "requestId": "5c0e7d2a", "data": data, **changes}


def _jdl_created(**changes: Any) -> dict[str, Any]:
    return _jdl_answer({"waybillCode": "JDV000123456789", "orderCode": "ECO1234567",
                        "needRetake": False, "freightPre": 12.5, **changes})


def jdl_cases() -> Iterator[F2Case]:
    order = _jdl_order()

    def call(name: str, url: str, answer: Any, expected: Found, body: str = order) -> F2Case:
        return F2Case(name, "jdl", url, body, answer, expected, request_type=JSON_TYPE)

    yield call("jdl-create-clean", _jdl_url(CREATE, order), _jdl_created(), [])
    yield call("jdl-create-hmac-sha256-clean",
               _jdl_url(CREATE, order, algorithm="HMacSHA256"), _jdl_created(), [])
    yield call("jdl-create-uat-host-clean",
               _jdl_url(CREATE, order, origin="https://uat-api.jdl.com"), _jdl_created(), [])
    yield call("jdl-create-default-port-clean",
               _jdl_url(CREATE, order, origin="https://api.jdl.com:443"), _jdl_created(), [])
    cancel = _dumps({"waybillCode": "JDV000123456789", "customerCode": "010K1234567",
                     "cancelReason": "客户取消", "cancelReasonCode": "1"})
    yield call("jdl-cancel-clean", _jdl_url(CANCEL, cancel), _jdl_answer({"resultType": 0}),
               [], body=cancel)
    yield call("jdl-create-bad-sign", _jdl_url(CREATE, order, sign="0" * 32), _jdl_created(),
               [("signature.invalid", "request:/query/sign", E)])
    yield call("jdl-create-signed-for-another-path",
               _jdl_url(CREATE, order, signed_path=CANCEL), _jdl_created(),
               [("signature.invalid", "request:/query/sign", E)])
    yield call("jdl-create-body-changed-after-signing", _jdl_url(CREATE, order),
               _jdl_created(), [("signature.invalid", "request:/query/sign", E)],
               body=_jdl_order(orderId="JO240903000213"))
    yield call("jdl-create-hmac-wrong-secret",
               _jdl_url(CREATE, order, algorithm="HMacSHA1", secret="another"),
               _jdl_created(), [("signature.invalid", "request:/query/sign", E)])
    yield call("jdl-create-unknown-algorithm",
               _jdl_url(CREATE, order, algorithm="HMacSHA512", sign="AAAA"), _jdl_created(),
               [("signature.invalid", "request:/query/algorithm", E)])
    wrong = _jdl_order(orderOrigin="1")
    yield call("jdl-create-origin-as-text", _jdl_url(CREATE, wrong), _jdl_created(),
               [("field.wrong-type", "request:/body/orderOrigin", E)], body=wrong)
    nested = _jdl_order(cargoes=[{"name": "耳机", "quantity": 1, "weight": "0.3"}])
    yield call("jdl-create-weight-as-text", _jdl_url(CREATE, nested), _jdl_created(),
               [("field.wrong-type", "request:/body/cargoes/0/weight", E)], body=nested)
    yield call("jdl-create-in-band-error", _jdl_url(CREATE, order),
               {"code": 1000, "msg": "商家编码不存在", "requestId": "5c0e7d2b"},
               [("response.in-band-error", "/code", E)])
    yield call("jdl-create-freight-as-text", _jdl_url(CREATE, order),
               _jdl_created(freightPre="12.50"), [("field.wrong-type", "/data/freightPre", E)])
    yield call("jdl-create-unknown-envelope", _jdl_url(CREATE, order),
               {"code": 0, "msg": "成功", "result": {"waybillCode": "JDV000123456789"}},
               [("response.unknown-envelope", "/data", E)])
    yield call("jdl-create-unknown-path", _jdl_url(CREATE + "s", order), _jdl_created(),
               [("operation.undocumented", None, E)])
    # LOP's Java SDK sends a method's arguments as a JSON array
    checks = _dumps([{"orderId": "JO240903000212", "customerCode": "010K1234567",
                      "weight": 0.3}])
    yield call("jdl-precheck-array-body-clean", _jdl_url("/ecap/v1/orders/precheck", checks),
               _jdl_answer({"pass": True}), [], body=checks)
    wrong_checks = checks.replace("0.3", '"0.3"')
    yield call("jdl-precheck-weight-as-text",
               _jdl_url("/ecap/v1/orders/precheck", wrong_checks), _jdl_answer({"pass": True}),
               [("field.wrong-type", "request:/body/0/weight", E)], body=wrong_checks)
    yield call("jdl-create-body-with-bom", _jdl_url(CREATE, BOM + order), _jdl_created(),
               [("body.byte-order-mark", "request:/body", W)], body=BOM + order)
    gbk = order.encode("gbk")
    yield F2Case("jdl-create-gbk-body-no-charset", "jdl", _jdl_url(CREATE, order), gbk,
                 _jdl_created(), [("body.charset-undeclared", None, W)],
                 request_type="application/json")
    yield call("jdl-create-time-in-millis",
               _jdl_url(CREATE, order, timestamp="1725344405000"), _jdl_created(),
               [("field.wrong-format", "request:/query/timestamp", E)])


# --- WeChat Pay v3 callbacks ----------------------------------------------------------------

def _notification(event: str = "TRANSACTION.SUCCESS", **changes: Any) -> str:
    resource = {"algorithm": "AEAD_AES_256_GCM", "ciphertext": "c2VhbWd1YXJkLWZyZXNoNA==",
                "nonce": "fdasflkja484w", "associated_data": "transaction",
                "original_type": "transaction"}
    return _dumps({"id": "EV-2024090314220500001", "create_time": "2024-09-03T14:22:05+08:00",
                   "resource_type": "encrypt-resource", "event_type": event,
                   "summary": "支付成功", "resource": resource, **changes})


def _wx_sign(timestamp: str, nonce: str, body: str, key: Any = None) -> str:
    """WeChat Pay v3: Base64 of the SHA256-RSA2048 signature of ``timestamp\\nnonce\\nbody\\n``."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    text = f"{timestamp}\n{nonce}\n{body}\n".encode()
    raw = (key or WXPAY_KEY).sign(text, padding.PKCS1v15(), hashes.SHA256())
    return base64.b64encode(raw).decode()


def _wx_headers(body: str, **changes: str | None) -> dict[str, str]:
    timestamp, nonce = "1725344525", "fdasfwe4cx9p"
    headers = {"Wechatpay-Serial": "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
               "Wechatpay-Signature": _wx_sign(timestamp, nonce, body),
               "Wechatpay-Timestamp": timestamp, "Wechatpay-Nonce": nonce,
               "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048", **changes}
    return {k: v for k, v in headers.items() if v is not None}


def wxpay_cases() -> Iterator[F2Case]:
    def push(name: str, body: str | bytes, expected: Found, *,
             request_type: str = "application/json", signed: str | None = None,
             **headers: str | None) -> F2Case:
        text = signed if signed is not None else body if isinstance(body, str) else \
            body.decode("gbk")
        return F2Case(name, "wxpay", f"{HOOKS}/wxpay", body, "", expected,
                      request_type=request_type, headers=_wx_headers(text, **headers),
                      answer_type="text/plain")

    yield push("wx-paid-clean", _notification(), [])
    refund = _notification("REFUND.SUCCESS", summary="退款成功", resource={
        "algorithm": "AEAD_AES_256_GCM", "ciphertext": "cmVmdW5k", "nonce": "a1b2c3d4e5f6",
        "associated_data": "refund", "original_type": "refund"})
    yield push("wx-refund-clean", refund, [])
    yield push("wx-paid-misspelt-event", _notification("TRANSACTION.SUCCES"),
               [("webhook.undocumented", "/event_type", E)])
    signature = "Wechatpay-Signature"
    yield push("wx-paid-no-signature-header", _notification(),
               [("signature.missing", f"request:/header/{signature}", E)],
               **{signature: None})
    yield push("wx-paid-bad-signature", _notification(),
               [("signature.invalid", f"request:/header/{signature}", E)],
               **{signature: base64.b64encode(b"\x00" * 256).decode()})
    yield push("wx-paid-signature-not-base64", _notification(),
               [("signature.invalid", f"request:/header/{signature}", E)],
               **{signature: "not base64!"})
    yield push("wx-paid-body-changed-after-signing", _notification(summary="退款成功"),
               [("signature.invalid", f"request:/header/{signature}", E)],
               signed=_notification())
    yield push("wx-paid-nonce-changed-after-signing", _notification(),
               [("signature.invalid", f"request:/header/{signature}", E)],
               **{"Wechatpay-Nonce": "another-nonce"})
    yield push("wx-paid-signed-with-another-key", _notification(),
               [("signature.invalid", f"request:/header/{signature}", E)],
               **{signature: _wx_sign("1725344525", "fdasfwe4cx9p", _notification(),
                                      key=OTHER_KEY)})
    millis = "1725344525000"
    yield push("wx-paid-time-in-millis", _notification(),
               [("field.wrong-format", "request:/header/Wechatpay-Timestamp", E)],
               **{"Wechatpay-Timestamp": millis,
                  signature: _wx_sign(millis, "fdasfwe4cx9p", _notification())})
    yield push("wx-paid-unknown-signature-type", _notification(),
               [("field.unknown-enum", "request:/header/Wechatpay-Signature-Type", E)],
               **{"Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA"})
    yield push("wx-paid-resource-as-text", _notification(resource=_dumps(
        {"algorithm": "AEAD_AES_256_GCM", "ciphertext": "x", "nonce": "y",
         "original_type": "transaction"})), [("field.wrong-type", "/resource", E)])
    yield push("wx-paid-unknown-algorithm", _notification(resource={
        "algorithm": "AEAD_AES_128_GCM", "ciphertext": "x", "nonce": "y",
        "original_type": "transaction"}), [("field.unknown-enum", "/resource/algorithm", E)])
    yield push("wx-paid-gbk-no-charset", _notification().encode("gbk"),
               [("body.charset-undeclared", None, W)])


# --- Shopee Open Platform v2: signed over the path, pushes signed over the receiver URL -------

SHOPEE = "https://partner.shopeemobile.com"
DETAIL = "/api/v2/order/get_order_detail"
TRACKING = "/api/v2/logistics/get_tracking_number"


def _shopee_url(path: str, business: dict[str, str], *, signed_path: str | None = None,
                origin: str = SHOPEE, secret: str = SECRETS["shopee"],
                sign: str | None = None, **more: str) -> str:
    query = {"partner_id": "2001887", "timestamp": "1725344405", "access_token": "<redacted>",
             "shop_id": "600001", **more}
    base = (f"{query['partner_id']}{signed_path or path}{query['timestamp']}"
            f"{query['access_token']}{query['shop_id']}")
    signed = sign or hmac.new(secret.encode(), base.encode(), hashlib.sha256).hexdigest()
    return f"{origin}{path}?{urlencode({**query, **business, 'sign': signed})}"


def _shopee_orders(**changes: Any) -> dict[str, Any]:
    order = {"order_sn": "220903ABCD1234", "order_status": "READY_TO_SHIP",
             "total_amount": 59.0, "currency": "MYR", "create_time": 1725344000, **changes}
    return {"error": "", "message": "", "request_id": "e3e3e7f3", "warning": "",
            "response": {"order_list": [order]}}


def _shopee_push(code: int, data: dict[str, Any]) -> str:
    return _dumps({"shop_id": 600001, "code": code, "timestamp": 1725344600, "data": data})


def shopee_cases() -> Iterator[F2Case]:
    ask = {"order_sn_list": "220903ABCD1234", "response_optional_fields": "total_amount"}

    def get(name: str, url: str, answer: Any, expected: Found) -> F2Case:
        return F2Case(name, "shopee", url, None, answer, expected, request_type=None,
                      method="GET")

    yield get("shopee-detail-clean", _shopee_url(DETAIL, ask), _shopee_orders(), [])
    yield get("shopee-tracking-clean", _shopee_url(TRACKING, {"order_sn": "220903ABCD1234"}),
              {"error": "", "message": "", "request_id": "e3e3e7f4",
               "response": {"tracking_number": "MY2409031234567"}}, [])
    yield get("shopee-detail-test-host-clean",
              _shopee_url(DETAIL, ask, origin="https://partner.test-stable.shopeemobile.com"),
              _shopee_orders(), [])
    yield get("shopee-detail-bad-sign", _shopee_url(DETAIL, ask, sign="0" * 64),
              _shopee_orders(), [("signature.invalid", "request:/query/sign", E)])
    yield get("shopee-detail-signed-for-another-path",
              _shopee_url(DETAIL, ask, signed_path=TRACKING), _shopee_orders(),
              [("signature.invalid", "request:/query/sign", E)])
    yield get("shopee-detail-signed-without-api-prefix",
              _shopee_url(DETAIL, ask, signed_path="/order/get_order_detail"),
              _shopee_orders(), [("signature.invalid", "request:/query/sign", E)])
    yield get("shopee-detail-bad-sign-refused", _shopee_url(DETAIL, ask, sign="0" * 64),
              {"error": "error_sign", "message": "Wrong sign.", "request_id": "e3e3e7f5"},
              [("signature.invalid", "request:/query/sign", E)])
    yield get("shopee-detail-in-band-error", _shopee_url(DETAIL, ask),
              {"error": "error_auth", "message": "Invalid access_token.",
               "request_id": "e3e3e7f6"}, [("response.in-band-error", "/error", E)])
    yield get("shopee-detail-status-drift", _shopee_url(DETAIL, ask),
              _shopee_orders(order_status="TO_CONFIRM_RECEIVE"),
              [("field.unknown-enum", "/response/order_list/0/order_status", E)])
    yield get("shopee-detail-create-time-as-text", _shopee_url(DETAIL, ask),
              _shopee_orders(create_time="1725344000"),
              [("field.wrong-type", "/response/order_list/0/create_time", E)])
    yield get("shopee-detail-unknown-envelope", _shopee_url(DETAIL, ask),
              {"error": "", "message": "", "request_id": "e3e3e7f7",
               "data": {"order_list": []}}, [("response.unknown-envelope", "/response", E)])
    yield get("shopee-detail-time-in-millis",
              _shopee_url(DETAIL, ask, timestamp="1725344405000"), _shopee_orders(),
              [("field.wrong-format", "request:/query/timestamp", E)])

    receiver = f"{HOOKS}/shopee"

    def push(name: str, body: str, expected: Found, *, signature: str | None = None,
             url: str = receiver) -> F2Case:
        # Shopee signs the receiver URL as registered; a recorder may spell it otherwise
        signed = signature or hmac.new(SECRETS["shopee"].encode(),
                                       f"{receiver}|{body}".encode(),
                                       hashlib.sha256).hexdigest()
        return F2Case(name, "shopee", url, body, "", expected, request_type="application/json",
                      headers={"Authorization": signed}, answer_type="text/plain")

    status = {"ordersn": "220903ABCD1234", "status": "READY_TO_SHIP",
              "update_time": 1725344600}
    yield push("shopee-push-status-clean", _shopee_push(3, status), [])
    yield push("shopee-push-tracking-clean",
               _shopee_push(4, {"ordersn": "220903ABCD1234", "tracking_no": "MY24090312"}), [])
    yield push("shopee-push-unknown-code", _shopee_push(33, status),
               [("webhook.undocumented", "/code", E)])
    yield push("shopee-push-bad-signature", _shopee_push(3, status),
               [("signature.invalid", "request:/header/Authorization", E)],
               signature="0" * 64)
    yield push("shopee-push-update-time-as-text",
               _shopee_push(3, {**status, "update_time": "1725344600"}),
               [("field.wrong-type", "/data/update_time", E)])
    yield push("shopee-push-with-bom", BOM + _shopee_push(3, status),
               [("body.byte-order-mark", None, W)])
    yield push("shopee-push-signed-at-default-port", _shopee_push(3, status), [],
               url=receiver.replace(".cn/", ".cn:443/"))


# --- Lazada Open Platform: signed over the API path after /rest -----------------------------

LAZADA = "https://api.lazada.com.my/rest"


def _lazada_url(api: str, business: dict[str, str], *, signed_api: str | None = None,
                sign: str | None = None, **more: str) -> str:
    params = {"app_key": "112233", "timestamp": "1725344405000", "sign_method": "sha256",
              "access_token": "<redacted>", **more, **business}
    text = (signed_api or api) + "".join(k + v for k, v in sorted(params.items()))
    signed = sign or hmac.new(SECRETS["lazada"].encode(), text.encode(),
                              hashlib.sha256).hexdigest().upper()
    return f"{LAZADA}{api}?{urlencode({**params, 'sign': signed})}"


def _lazada_orders(**changes: Any) -> dict[str, Any]:
    order = {"order_id": 16090312345, "order_number": 16090312345,
             "created_at": "2024-09-03 10:21:07 +0800", "price": "59.00", "items_count": 1,
             "statuses": ["pending"], **changes}
    return {"code": "0", "request_id": "0ba2887315178178017221014",
            "data": {"count": 1, "countTotal": 1, "orders": [order]}}


def lazada_cases() -> Iterator[F2Case]:
    ask = {"created_after": "2024-09-01T00:00:00+08:00", "status": "pending", "limit": "50"}

    def get(name: str, url: str, answer: Any, expected: Found) -> F2Case:
        return F2Case(name, "lazada", url, None, answer, expected, request_type=None,
                      method="GET")

    yield get("lazada-orders-clean", _lazada_url("/orders/get", ask), _lazada_orders(), [])
    yield get("lazada-orders-bad-sign", _lazada_url("/orders/get", ask, sign="0" * 64),
              _lazada_orders(), [("signature.invalid", "request:/query/sign", E)])
    yield get("lazada-orders-signed-with-rest-prefix",
              _lazada_url("/orders/get", ask, signed_api="/rest/orders/get"),
              _lazada_orders(), [("signature.invalid", "request:/query/sign", E)])
    yield get("lazada-orders-in-band-error", _lazada_url("/orders/get", ask),
              {"type": "ISV", "code": "IllegalAccessToken", "message": "The specified access "
               "token is invalid or expired", "request_id": "0ba2887315178178017221015"},
              [("response.in-band-error", "/code", E)])
    yield get("lazada-orders-id-as-text", _lazada_url("/orders/get", ask),
              _lazada_orders(order_id="16090312345"),
              [("field.wrong-type", "/data/orders/0/order_id", E)])
    yield get("lazada-orders-limit-too-big", _lazada_url("/orders/get", {**ask, "limit": "500"}),
              _lazada_orders(), [("field.out-of-range", "request:/query/limit", E)])
    pack = {"order_item_ids": "[16090312346]", "shipping_provider": "LEX MY",
             "delivery_type": "dropship"}

    def post(name: str, form: dict[str, str], answer: Any, expected: Found, *,
             sign: str | None = None) -> F2Case:
        query = dict(parse_qsl(urlsplit(_lazada_url("/order/pack", form, sign=sign)).query))
        url = f"{LAZADA}/order/pack?{urlencode({k: v for k, v in query.items() if k not in form})}"
        return F2Case(name, "lazada", url, urlencode(form), answer, expected)

    packed = {"code": "0", "request_id": "0ba2887315178178017221016",
              "data": {"order_items": [{"order_item_id": 16090312346, "package_id": "FP01",
                                        "tracking_number": "MYMPA0001"}]}}
    yield post("lazada-pack-form-clean", pack, packed, [])
    yield post("lazada-pack-form-changed-after-signing", pack, packed,
               [("signature.invalid", "request:/query/sign", E)],
               sign=_lazada_url("/order/pack", {**pack, "delivery_type": "pickup"}
                                ).rsplit("sign=", 1)[1])
    yield post("lazada-pack-unknown-delivery-type", {**pack, "delivery_type": "drop_ship"},
               packed, [("field.unknown-enum", "request:/body/delivery_type", E)])
    yield get("lazada-orders-time-in-seconds",
              _lazada_url("/orders/get", ask, timestamp="1725344405"), _lazada_orders(),
              [("field.wrong-format", "request:/query/timestamp", E)])


# --- Alipay asynchronous notices: forms signed with Alipay's private key --------------------

def _alipay_notice(**changes: str | None) -> dict[str, str]:
    notice = {"notify_time": "2024-09-03 14:22:06", "notify_type": "trade_status_sync",
              "notify_id": "ac05099524730693a8b330c5ecf72da9786", "app_id": "2021004123456789",
              "charset": "utf-8", "version": "1.0", "sign_type": "RSA2",
              "trade_no": "2024090322001434561234567890", "out_trade_no": "SO240903000177",
              "buyer_logon_id": "138****5678", "trade_status": "TRADE_SUCCESS",
              "total_amount": "59.90", "receipt_amount": "59.90",
              "gmt_payment": "2024-09-03 14:22:05", **changes}
    return {k: v for k, v in notice.items() if v is not None}


def _alipay_signed(notice: dict[str, str], *, key: Any = None,
                   leave_out: tuple[str, ...] = ("sign", "sign_type")) -> dict[str, str]:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    text = "&".join(f"{k}={v}" for k, v in sorted(notice.items()) if k not in leave_out and v)
    raw = (key or ALIPAY_KEY).sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())
    return {**notice, "sign": base64.b64encode(raw).decode()}


def alipay_cases() -> Iterator[F2Case]:
    def push(name: str, form: dict[str, str], expected: Found) -> F2Case:
        return F2Case(name, "alipay", f"{HOOKS}/alipay", urlencode(form), "success", expected,
                      answer_type="text/plain")

    signed = _alipay_signed(_alipay_notice())
    yield push("alipay-paid-clean", signed, [])
    yield push("alipay-closed-clean", _alipay_signed(_alipay_notice(
        trade_status="TRADE_CLOSED", gmt_payment=None, receipt_amount=None)), [])
    yield push("alipay-paid-bad-sign", {**signed, "sign": signed["sign"][::-1]},
               [("signature.invalid", "/sign", E)])
    yield push("alipay-paid-amount-changed-after-signing", {**signed, "total_amount": "5.99"},
               [("signature.invalid", "/sign", E)])
    yield push("alipay-paid-signed-with-another-key",
               _alipay_signed(_alipay_notice(), key=OTHER_KEY),
               [("signature.invalid", "/sign", E)])
    yield push("alipay-paid-sign-type-signed-too",
               _alipay_signed(_alipay_notice(), leave_out=("sign",)),
               [("signature.invalid", "/sign", E)])
    yield push("alipay-paid-unsigned", {k: v for k, v in signed.items() if k != "sign"},
               [("signature.missing", "/sign", E)])
    yield push("alipay-paid-unknown-status",
               _alipay_signed(_alipay_notice(trade_status="TRADE_PAID")),
               [("field.unknown-enum", "/trade_status", E)])
    yield push("alipay-paid-amount-in-cents",
               _alipay_signed(_alipay_notice(total_amount="59.900")),
               [("field.wrong-format", "/total_amount", E)])
    yield push("alipay-unknown-notify-type",
               _alipay_signed(_alipay_notice(notify_type="trade_status_synch")),
               [("webhook.undocumented", "/notify_type", E)])


# The operation an unknown one's "did you mean" must offer.
MEANT = {"cn-waybill-unknown-msg-type": "TMS_WAYBILL_GET",
         "sto-create-unknown-api": "OMS_EXPRESS_ORDER_CREATE",
         "wx-paid-misspelt-event": "TRANSACTION.SUCCESS",
         "shopee-push-unknown-code": "3",
         "alipay-unknown-notify-type": "trade_status_sync"}


def cases() -> dict[str, list[F2Case]]:
    return {"cnlink": [*cnlink_cases()], "sto": [*sto_cases()], "jdl": [*jdl_cases()],
            "wxpay": [*wxpay_cases()], "shopee": [*shopee_cases()],
            "lazada": [*lazada_cases()], "alipay": [*alipay_cases()]}


def verdicts(root: Path) -> list[tuple[F2Case, Found | str]]:
    """Every case through ``seamguard verify``'s recorded check, each platform in its own
    project under ``root``; a platform whose project cannot be read gives its reason."""
    return platform_verdicts(root, cases(), write, MEANT)


def refusals(root: Path) -> list[tuple[str, str | None]]:
    """(name, None) for each ambiguous setting refused with the words it must say, else
    (name, what happened)."""
    return refusals_of(root, REFUSED, write, "jdl")


def main(argv: list[str] | None = None) -> int:
    os.environ.update(ENV)
    return scorer_main(argv if argv is not None else sys.argv[1:], cases(), write, MEANT,
                       REFUSED, "jdl")


if __name__ == "__main__":
    sys.exit(main())
