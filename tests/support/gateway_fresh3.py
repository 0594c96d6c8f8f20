"""Calls of platforms whose signed text starts with the request URL, and of a platform that
names an operation by two parameters (``gateway_fresh3_project``: Meituan takeaway's store and
order calls, Vipshop's delivery and goods calls named by ``service`` + ``method``; Jiandaoyun
pushes with their delivery-id header), set up
through project settings only, each clean or with one planted defect of a kind: a wrong
signature (the secret wrong, the URL signed with another scheme or with its query, the ``?``
left out, a parameter or the body changed after signing), an in-band error, a wrong type, an
unknown enum value, an unknown path, an unknown service or method (whose hint must offer the
operation meant), a missing one. Every call is signed by the platform's documented recipe,
written here independently of seamguard's signing code; expectations (code, pointer,
severity) were written before running. Settings that say two things at once (``REFUSED``) must
be refused when the project is read, with a message that names the clash.

    python -m tests.support.gateway_fresh3     # prints the score and every difference
"""

from __future__ import annotations

import hashlib
import hmac
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tests.support.gateway_fresh2 import (
    FORM,
    JSON_TYPE,
    E,
    F2Case,
    Found,
    _dumps,
    platform_verdicts,
)
from tests.support.gateway_fresh3_project import ENV, REFUSED, SECRETS, write
from tests.support.settings_scorer import refusals_of, scorer_main

WAIMAI = "https://waimaiopen.meituan.com"
POI_IDS = f"{WAIMAI}/api/v1/poi/getids"
DETAIL = f"{WAIMAI}/api/v1/order/getOrderDetail"
ORDER_ID = "27061900338318741"


def _mtwm_sig(url: str, params: dict[str, str], secret: str) -> str:
    """Meituan takeaway: MD5 of url + '?' + sorted name=value joined by '&' + secret."""
    joined = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sig")
    return hashlib.md5(f"{url}?{joined}{secret}".encode()).hexdigest()


def _signed(url: str, business: dict[str, str], *, signed_url: str | None = None,
            secret: str = SECRETS["mtwm"], **more: str) -> dict[str, str]:
    params = {"app_id": "5721", "timestamp": "1725347300", **business, **more}
    return {**params, "sig": _mtwm_sig(signed_url or url, params, secret)}


def _detail(**changes: Any) -> dict[str, Any]:
    return {"data": {"order_id": int(ORDER_ID), "wm_poi_id": 1002187, "status": 4,
                     "total": 46.5, "ctime": 1725346981, "recipient_phone": "138****5678",
                     **changes}}


def mtwm_cases() -> Iterator[F2Case]:
    ids = {"data": ["t_4fXh2kq9", "t_8Lm3Qa1z"]}

    def get(name: str, params: dict[str, str], answer: Any, expected: Found,
            url: str = POI_IDS) -> F2Case:
        return F2Case(name, "mtwm", f"{url}?{urlencode(params)}", None, answer, expected,
                      request_type=None, method="GET")

    yield get("mtwm-poi-ids-clean", _signed(POI_IDS, {}), ids, [])
    yield get("mtwm-poi-ids-wrong-secret", _signed(POI_IDS, {}, secret="another"), ids,
              [("signature.invalid", "request:/query/sig", E)])
    yield get("mtwm-poi-ids-signed-over-http",
              _signed(POI_IDS, {}, signed_url=POI_IDS.replace("https:", "http:")), ids,
              [("signature.invalid", "request:/query/sig", E)])
    params = _signed(POI_IDS, {})
    joined = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sig")
    yield get("mtwm-poi-ids-signed-without-question-mark", {**params, "sig": hashlib.md5(
        f"{POI_IDS}{joined}{SECRETS['mtwm']}".encode()).hexdigest()}, ids,
              [("signature.invalid", "request:/query/sig", E)])
    yield get("mtwm-poi-ids-in-band-error", _signed(POI_IDS, {}),
              {"error": {"code": 701, "msg": "app_id不存在"}},
              [("response.in-band-error", "/error", E)])
    yield get("mtwm-poi-ids-id-as-number", _signed(POI_IDS, {}),
              {"data": [4015, "t_8Lm3Qa1z"]}, [("field.wrong-type", "/data/0", E)])
    yield get("mtwm-poi-ids-unknown-path", _signed(POI_IDS + "s", {}), ids,
              [("operation.undocumented", None, E)], url=POI_IDS + "s")

    def post(name: str, params: dict[str, str], answer: Any, expected: Found,
             url: str = DETAIL) -> F2Case:
        return F2Case(name, "mtwm", url, urlencode(params), answer, expected,
                      request_type=FORM)

    ask = {"order_id": ORDER_ID, "is_mt_logistics": "1"}
    yield post("mtwm-detail-clean", _signed(DETAIL, ask), _detail(), [])
    yield post("mtwm-detail-bad-sig", {**_signed(DETAIL, ask), "sig": "0" * 32}, _detail(),
               [("signature.invalid", "request:/body/sig", E)])
    yield post("mtwm-detail-signed-with-its-query", _signed(
        DETAIL, ask, signed_url=f"{DETAIL}?app_id=5721"), _detail(),
               [("signature.invalid", "request:/body/sig", E)])
    yield post("mtwm-detail-changed-after-signing",
               {**_signed(DETAIL, ask), "order_id": "27061900338318742"}, _detail(),
               [("signature.invalid", "request:/body/sig", E)])
    yield post("mtwm-detail-status-drift", _signed(DETAIL, ask), _detail(status=3),
               [("field.unknown-enum", "/data/status", E)])
    yield post("mtwm-detail-total-as-text", _signed(DETAIL, ask), _detail(total="46.50"),
               [("field.wrong-type", "/data/total", E)])
    yield post("mtwm-detail-order-id-not-a-number",
               _signed(DETAIL, {**ask, "order_id": "W" + ORDER_ID}), _detail(),
               [("field.wrong-type", "request:/body/order_id", E)])
    # The protocol's parameters in the query, the business ones in the form: signed together
    # over the URL without its query.
    query = {k: v for k, v in _signed(DETAIL, ask).items() if k not in ask}
    yield F2Case("mtwm-detail-split-query-and-form", "mtwm", f"{DETAIL}?{urlencode(query)}",
                 urlencode(ask), _detail(), [], request_type=FORM)
    yield post("mtwm-detail-refused-sig", _signed(DETAIL, ask),
               {"error": {"code": 703, "msg": "签名错误"}},
               [("response.in-band-error", "/error", E)])


# --- Vipshop OSP: an operation named by service + method ----------------------------------------

VOP = "https://vop.vipapis.com/"
DELIVERY = "vipapis.delivery.DvdDeliveryService"
GOODS = "com.vip.adp.api.open.service.UnionGoodsService"
VOP_SIGNED = ("appKey", "format", "method", "service", "timestamp", "version")


def _vop_url(service: str | None, method: str | None, body: str, *, secret: str = "",
             sign: str | None = None) -> str:
    params = {"service": service, "method": method, "version": "1.0.0",
              "timestamp": "1725347300", "format": "json", "appKey": "f3vop01"}
    text = "".join(k + str(params[k]) for k in VOP_SIGNED if params[k] is not None) + body
    digest = hmac.new((secret or SECRETS["vop"]).encode(), text.encode(), hashlib.md5)
    sent = {k: v for k, v in params.items() if v is not None}
    return f"{VOP}?{urlencode({**sent, 'sign': sign or digest.hexdigest().upper()})}"


def _orders(**changes: Any) -> dict[str, Any]:
    order = {"order_id": "16090312345678", "order_status": 22, "add_time": "2024-09-03 10:21:07",
             **changes}
    return {"returnCode": "0", "result": {"total": 1, "dvd_order_list": [order]}}


def vop_cases() -> Iterator[F2Case]:
    ask = _dumps({"vendor_id": 550, "st_add_time": "2024-09-01 00:00:00",
                  "et_add_time": "2024-09-02 00:00:00", "page": 1, "limit": 50})

    def call(name: str, url: str, answer: Any, expected: Found, body: str = ask) -> F2Case:
        return F2Case(name, "vop", url, body, answer, expected, request_type=JSON_TYPE)

    list_url = _vop_url(DELIVERY, "getOrderList", ask)
    yield call("vop-order-list-clean", list_url, _orders(), [])
    goods = _dumps({"goodsIdList": ["6918472311"], "requestId": "r-20240903-01"})
    yield call("vop-goods-clean", _vop_url(GOODS, "getByGoodsIdsV2", goods),
               {"returnCode": "0", "result": [{"goodsId": "6918472311", "goodsName": "T恤",
                                               "vipPrice": "59.00"}]}, [], body=goods)
    yield call("vop-order-list-unknown-method", _vop_url(DELIVERY, "getOrderLsit", ask),
               _orders(), [("operation.undocumented", "request:/method", E)])
    yield call("vop-order-list-unknown-service",
               _vop_url("vipapis.delivery.DvdDeliverService", "getOrderList", ask), _orders(),
               [("operation.undocumented", "request:/service", E)])
    yield call("vop-order-list-no-method", _vop_url(DELIVERY, None, ask), _orders(),
               [("operation.name-missing", "request:/method", E)])
    yield call("vop-order-list-no-service", _vop_url(None, "getOrderList", ask), _orders(),
               [("operation.name-missing", "request:/service", E)])
    yield call("vop-order-list-bad-sign", _vop_url(DELIVERY, "getOrderList", ask,
                                                   sign="0" * 32), _orders(),
               [("signature.invalid", "request:/sign", E)])
    yield call("vop-order-list-body-changed-after-signing", list_url, _orders(),
               [("signature.invalid", "request:/sign", E)], body=ask.replace("550", "551"))
    yield call("vop-order-list-wrong-secret", _vop_url(DELIVERY, "getOrderList", ask,
                                                       secret="another"), _orders(),
               [("signature.invalid", "request:/sign", E)])
    yield call("vop-order-list-in-band-error", list_url,
               {"returnCode": "vipapis.oauth-invalidate-failure",
                "returnMessage": "invalid access token"},
               [("response.in-band-error", "/returnCode", E)])
    yield call("vop-order-list-status-as-text", list_url, _orders(order_status="22"),
               [("field.wrong-type", "/result/dvd_order_list/0/order_status", E)])
    wrong = _dumps({"vendor_id": "V550", "page": 1})
    yield call("vop-order-list-vendor-as-text", _vop_url(DELIVERY, "getOrderList", wrong),
               _orders(), [("field.wrong-type", "request:/vendor_id", E)], body=wrong)


# --- Jiandaoyun pushes with a delivery id: one header convention ------------------------------

def jdy_cases() -> Iterator[F2Case]:
    from tests.support.gateway_fresh2 import _jdy_case, _jdy_push

    def push(name: str, op: str, expected: Found, deliver: str | None = "d-66d6a1f2e4b0",
             **more: Any) -> F2Case:
        case = _jdy_case(name, _jdy_push(op), expected, **more)
        if deliver is not None:
            case.headers["X-JDY-DeliverId"] = deliver
        return case

    yield push("jdy-remove-clean", "data_remove", [])
    yield push("jdy-update-clean", "data_update", [])
    yield push("jdy-create-no-deliver-id", "data_create",
               [("field.missing", "request:/header/X-JDY-DeliverId", E)], deliver=None)
    yield push("jdy-remove-bad-signature", "data_remove",
               [("signature.invalid", "request:/header/X-JDY-Signature", E)],
               signature="0" * 40)
    yield push("jdy-remove-misspelt", "data_removed", [("webhook.undocumented", "/op", E)])


# The operation an unknown one's "did you mean" must offer.
MEANT = {"vop-order-list-unknown-method": f"{DELIVERY}.getOrderList",
         "vop-order-list-unknown-service": f"{DELIVERY}.getOrderList",
         "jdy-remove-misspelt": "data_remove"}


def cases() -> dict[str, list[F2Case]]:
    return {"mtwm": [*mtwm_cases()], "vop": [*vop_cases()], "jdy": [*jdy_cases()]}


def verdicts(root: Path) -> list[tuple[F2Case, Found | str]]:
    """Every case through ``seamguard verify``'s recorded check, each platform in its own
    project under ``root``; a platform whose project cannot be read gives its reason."""
    return platform_verdicts(root, cases(), write, MEANT)


def refusals(root: Path) -> list[tuple[str, str | None]]:
    """(name, None) for each ambiguous setting refused with the words it must say, else
    (name, what happened)."""
    return refusals_of(root, REFUSED, write, "mtwm")


def main(argv: list[str] | None = None) -> int:
    os.environ.update(ENV)
    return scorer_main(argv if argv is not None else sys.argv[1:], cases(), write, MEANT,
                       REFUSED, "mtwm")


if __name__ == "__main__":
    sys.exit(main())

