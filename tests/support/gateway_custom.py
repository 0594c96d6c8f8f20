"""Gateway platforms seamguard ships no pack for (Douyin Shop, Kuaishou shop, Youzan, Kingdee
K3Cloud, DingTalk's classic oapi), each set up as a project of its own exactly as
docs/gateway-platforms.md tells a user (``gateway_custom_project``), with calls recorded clean
or with one planted violation, scored for exact findings (code, pointer, severity) against
expectations written before running.

    python -m tests.support.gateway_custom     # prints the score, every difference and the
                                               # documentation gaps met on the way
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seamguard.contracts.catalog import ContractCatalog
from seamguard.project import find_project
from seamguard.recordings.cassettes import Cassette
from seamguard.verify import RecordedVerifier
from tests.support.gateway_custom_project import ENV, K3_QUERY, K3_SAVE, PATHS, SECRETS, write
from tests.support.gateway_public import Case

E, INFO = "error", "info"
Found = list[tuple[str, str | None, str]]  # (code, pointer, severity)
JSON_TYPE = "application/json;charset=UTF-8"

DOCS = Path(__file__).resolve().parents[2] / "docs" / "gateway-platforms.md"


def _signing_has(key: str) -> bool:
    from seamguard.wire.profile import SigningSettings
    return key in SigningSettings.model_fields


def _docs_say(text: str) -> bool:
    return text in DOCS.read_text(encoding="utf-8")


# Where the documentation was wrong, unclear or insufficient, or a setting a platform needs did
# not exist, as met while writing the projects: (where, what was missing, resolved now?).
GAPS: list[tuple[str, str, Any]] = [
    ("kwai signing", "no setting writes each parameter as name=value joined by '&'",
     lambda: _signing_has("pair") and _signing_has("separator")),
    ("kwai signing", "no setting writes the secret under a name ('&signSecret=<secret>')",
     lambda: _signing_has("secret_as")),
    ("doudian/kwai signing", "HMAC never adds the secret to the signed text; Douyin wraps it "
     "and Kuaishou appends it, keyed on it as well", lambda: _signing_has("hmac_adds_secret")),
    ("kwai signing", "one digest for every algorithm; Kuaishou writes MD5 as lower-case hex "
     "and HMAC_SHA256 as Base64", lambda: _signing_has("digests")),
    ("doudian signing", "no setting signs the raw JSON body under a parameter's name "
     "(param_json) beside the query's parameters, nor signs only the parameters the platform "
     "names", lambda: _signing_has("body_param") and _signing_has("include")),
    ("doudian/kwai routing", "each operation has a path of its own (/order/searchList): the "
     "page says a profile without `path` is REST, not how such a gateway's contract is written",
     lambda: _docs_say("A path of its own for each operation")),
    ("youzan/k3cloud pointers", "the page does not say that a path-routed platform's JSON "
     "request body is at request:/body/… (gateway calls: request:/<field>)",
     lambda: _docs_say("at `request:/body/") ),
    ("youzan/k3cloud findings", "an unknown path on a path-routed platform is "
     "operation.undocumented without a pointer; the page's table names only the gateway case",
     lambda: _docs_say("on a path-routed platform, at no pointer")),
]


def gaps() -> list[tuple[str, str]]:
    """The gaps still open."""
    return [(where, what) for where, what, resolved in GAPS if not resolved()]


@dataclass
class CustomCase:
    case: Case
    expected: Found


def _case(name: str, platform: str, path: str, query: dict[str, str],
          form: dict[str, str] | None, answer: Any, expected: Found, **more: Any) -> CustomCase:
    host = {"doudian": "https://openapi-fxg.jinritemai.com",
            "kwai": "https://openapi.kwaixiaodian.com", "youzan": "https://open.youzanyun.com",
            "k3cloud": "https://erp.example.com", "ding": "https://oapi.dingtalk.com"}[platform]
    more.setdefault("signed", False)  # signed by the platform's own rule (below), not ours
    return CustomCase(Case(name, platform, host + path, query, form, answer,
                           [(c, p) for c, p, _ in expected], **more), expected)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# --- Douyin Shop ---------------------------------------------------------------------------------

DD = "order.searchList"


def _dd_call(param: dict[str, Any] | None = None, method: str | None = DD,
             **more: str) -> dict[str, str]:
    params = {"app_key": "7001234567890", "access_token": "dd-token",
              "timestamp": "2024-07-12 10:00:00", "v": "2", "sign_method": "md5",
              "param_json": _dumps(param if param is not None else {"page": 0, "size": 20})}
    if method is not None:
        params["method"] = method
    params.update(more)
    return {**params, "sign": douyin_sign(params, SECRETS["doudian"])}


def douyin_sign(params: dict[str, str], secret: str) -> str:
    """Douyin Shop's documented signature: the secret, then app_key, method, param_json,
    timestamp and v as name+value, then the secret again; MD5 or (``sign_method`` =
    hmac-sha256) HMAC-SHA256 keyed on the secret; lower-case hex."""
    text = secret + "".join(k + params.get(k, "") for k in
                            ("app_key", "method", "param_json", "timestamp", "v")) + secret
    if params.get("sign_method") == "hmac-sha256":
        return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()
    return hashlib.md5(text.encode()).hexdigest()


def kwai_sign(params: dict[str, str], secret: str) -> str:
    """Kuaishou's documented signature: parameters sorted, written name=value joined by '&',
    then '&signSecret=' and the secret; MD5 as lower-case hex, or HMAC_SHA256 keyed on the
    secret as Base64, by ``signMethod``."""
    text = "&".join(f"{k}={v}" for k, v in sorted(params.items()) if k != "sign")
    text += "&signSecret=" + secret
    if params.get("signMethod") == "HMAC_SHA256":
        raw = hmac.new(secret.encode(), text.encode(), hashlib.sha256).digest()
        return base64.b64encode(raw).decode("ascii")
    return hashlib.md5(text.encode()).hexdigest()


def _dd_ok(**changes: Any) -> dict[str, Any]:
    order = {"order_id": "4987654321012345678", "order_status": 2, "pay_amount": 12850,
             **changes}
    return {"code": 10000, "msg": "success", "sub_code": "", "sub_msg": "",
            "log_id": "20240712100000010", "data": {"total": 1, "page": 0,
                                                     "shop_order_list": [order]}}


def doudian_cases() -> Iterator[CustomCase]:
    path = PATHS["doudian"][DD]
    yield _case("dd-clean-md5", "doudian", path, _dd_call(), None, _dd_ok(), [])
    yield _case("dd-clean-hmac-sha256", "doudian", path, _dd_call(sign_method="hmac-sha256"),
                None, _dd_ok(), [])
    # The SDKs' newer calls: the common parameters in the query, param_json as the JSON body.
    for name, param, expected in (
            ("dd-json-body-clean", {"page": 0, "size": 20}, []),
            ("dd-json-body-size-as-text", {"page": 0, "size": "20"},
             [("field.wrong-type", "request:/size", E)])):
        query = _dd_call(param, sign_method="hmac-sha256")
        yield _case(name, "doudian", path, {k: v for k, v in query.items() if k != "param_json"},
                    None, _dd_ok(), expected, request_body=query["param_json"],
                    request_type="application/json")
    yield _case("dd-pay-amount-as-text", "doudian", path, _dd_call(), None,
                _dd_ok(pay_amount="128.50"),
                [("field.wrong-type", "/data/shop_order_list/0/pay_amount", E)])
    yield _case("dd-param-json-size-as-text", "doudian", path,
                _dd_call({"page": 0, "size": "20"}), None, _dd_ok(),
                [("field.wrong-type", "request:/param_json⟨json⟩/size", E)])
    yield _case("dd-in-band-error", "doudian", path, _dd_call(), None,
                {"code": 40004, "msg": "业务处理失败", "sub_code": "isv.business-failed:6",
                 "sub_msg": "查询时间范围不能超过90天", "log_id": "2024071210", "data": {}},
                [("response.in-band-error", "/code", E)])
    yield _case("dd-bad-signature", "doudian", path, {**_dd_call(), "sign": "0" * 32}, None,
                _dd_ok(), [("signature.invalid", "request:/sign", E)])
    yield _case("dd-unknown-operation", "doudian", "/order/searchLists",
                _dd_call(method="order.searchLists"), None, _dd_ok(),
                [("operation.undocumented", "request:/method", E)])
    yield _case("dd-missing-operation", "doudian", path, _dd_call(method=None), None,
                _dd_ok(), [("operation.name-missing", "request:/method", E)])
    # The path names another operation than `method` does (the platform may run either).
    yield _case("dd-path-disagrees-with-method", "doudian", "/order/orderDetail", _dd_call(),
                None, _dd_ok(), [("operation.path-mismatch", "request:/method", E)])


# --- Kuaishou shop -------------------------------------------------------------------------------

KS = "open.order.cursor.list"


def _ks_call(param: dict[str, Any] | None = None, method: str | None = KS,
             **more: str) -> dict[str, str]:
    body = param if param is not None else {"orderViewStatus": 1, "pageSize": 50,
                                            "beginTime": 1720749600000,
                                            "endTime": 1720753200000, "cursor": ""}
    params = {"appkey": "ks6543210987654321", "access_token": "ks-token",
              "timestamp": "1720753200123", "version": "1", "signMethod": "MD5",
              "param": _dumps(body)}
    if method is not None:
        params["method"] = method
    params.update(more)
    return {**params, "sign": kwai_sign(params, SECRETS["kwai"])}


def _ks_ok(**changes: Any) -> dict[str, Any]:
    base = {"oid": 2412345678901234, "status": 30, "payTime": 1720750000000, **changes}
    return {"result": 1, "msg": "success", "host_name": "kwai-open-1",
            "data": {"cursor": "nomore", "pcursor": "nomore",
                     "orderList": [{"orderBaseInfo": base}]}}


def kwai_cases() -> Iterator[CustomCase]:
    path = PATHS["kwai"][KS]
    yield _case("ks-clean", "kwai", path, _ks_call(), None, _ks_ok(), [])
    yield _case("ks-clean-hmac-sha256", "kwai", path, _ks_call(signMethod="HMAC_SHA256"), None,
                _ks_ok(), [])
    yield _case("ks-status-as-text", "kwai", path, _ks_call(), None, _ks_ok(status="30"),
                [("field.wrong-type", "/data/orderList/0/orderBaseInfo/status", E)])
    yield _case("ks-param-page-size-as-text", "kwai", path,
                _ks_call({"orderViewStatus": 1, "pageSize": "50", "beginTime": 1720749600000,
                          "endTime": 1720753200000}), None, _ks_ok(),
                [("field.wrong-type", "request:/param⟨json⟩/pageSize", E)])
    yield _case("ks-in-band-error", "kwai", path, _ks_call(), None,
                {"result": 24, "error_msg": "时间范围不能超过7天", "host_name": "kwai-open-1"},
                [("response.in-band-error", "/result", E)])
    yield _case("ks-bad-signature", "kwai", path, {**_ks_call(), "sign": "f" * 32}, None,
                _ks_ok(), [("signature.invalid", "request:/sign", E)])
    yield _case("ks-unknown-operation", "kwai", "/open/order/cursor/lists",
                _ks_call(method="open.order.cursor.lists"), None, _ks_ok(),
                [("operation.undocumented", "request:/method", E)])
    yield _case("ks-missing-operation", "kwai", path, _ks_call(method=None), None, _ks_ok(),
                [("operation.name-missing", "request:/method", E)])
    yield _case("ks-path-disagrees-with-method", "kwai", "/open/seller/order/list", _ks_call(),
                None, _ks_ok(), [("operation.path-mismatch", "request:/method", E)])


# --- Youzan --------------------------------------------------------------------------------------

YZ = "/api/youzan.trades.sold.get/4.0.0"


def _yz_ok(**changes: Any) -> dict[str, Any]:
    order = {"tid": "E20240712100000012345678", "status": "WAIT_SELLER_SEND_GOODS", **changes}
    return {"success": True, "code": 200, "message": "successful", "trace_id": "yz-1",
            "data": {"total_results": 1,
                     "full_order_info_list": [{"full_order_info": {"order_info": order}}]}}


def youzan_cases() -> Iterator[CustomCase]:
    query, body = {"access_token": "yz-token"}, json.dumps({"page_no": 1, "page_size": 20})

    def call(name: str, answer: Any, expected: Found, path: str = YZ,
             raw: str = body) -> CustomCase:
        return _case(name, "youzan", path, query, None, answer, expected, request_body=raw,
                     request_type="application/json")

    yield call("yz-clean", _yz_ok(), [])
    yield call("yz-tid-as-number", _yz_ok(tid=20240712100000012345678),
               [("field.wrong-type",
                 "/data/full_order_info_list/0/full_order_info/order_info/tid", E)])
    yield call("yz-request-page-size-as-text", _yz_ok(),
               [("field.wrong-type", "request:/body/page_size", E)],
               raw=json.dumps({"page_no": 1, "page_size": "20"}))
    yield call("yz-business-error", {"success": False, "code": 141500101,
                                     "message": "参数错误", "trace_id": "yz-2"},
               [("response.in-band-error", "/success", E)])
    yield call("yz-gateway-error", {"gw_err_resp": {"err_msg": "access_token 已过期",
                                                    "err_code": 4203}},
               [("response.in-band-error", "/gw_err_resp", E)])


# --- Kingdee K3Cloud -----------------------------------------------------------------------------

def _k3_saved(ok: bool = True, **changes: Any) -> dict[str, Any]:
    status: dict[str, Any] = {"ErrorCode": 0 if ok else 500, "IsSuccess": ok, "MsgCode": 0,
                              "Errors": [] if ok else [{"FieldName": "FDate", "DIndex": 0,
                                                        "Message": "字段“日期”是必填项"}],
                              "SuccessEntitys": [{"Id": 100123, "Number": "XSDD000123",
                                                  "DIndex": 0}] if ok else []}
    return {"Result": {"ResponseStatus": status, "Id": 100123 if ok else 0,
                       "Number": "XSDD000123", **changes}}


def k3cloud_cases() -> Iterator[CustomCase]:
    model = {"NeedReturnFields": ["FBillNo"], "Model": {"FDate": "2024-07-12",
                                                        "FBillNo": "XSDD000123"}}

    def call(name: str, path: str, body: dict[str, Any], answer: Any,
             expected: Found) -> CustomCase:
        return _case(name, "k3cloud", path, {}, None, answer, expected,
                     request_body=json.dumps(body, ensure_ascii=False),
                     request_type="application/json")

    save = {"formid": "SAL_SaleOrder", "data": _dumps(model)}
    query = {"data": _dumps({"FormId": "SAL_SaleOrder", "FieldKeys": "FID,FBillNo",
                             "Limit": 2})}
    yield call("k3-save-clean", K3_SAVE, save, _k3_saved(), [])
    yield call("k3-save-id-as-text", K3_SAVE, save, _k3_saved(Id="100123"),
               [("field.wrong-type", "/Result/Id", E)])
    yield call("k3-save-model-date-as-number", K3_SAVE,
               {**save, "data": _dumps({"Model": {"FDate": 20240712}})}, _k3_saved(),
               [("field.wrong-type", "request:/body/data⟨json⟩/Model/FDate", E)])
    yield call("k3-save-refused", K3_SAVE, save, _k3_saved(ok=False),
               [("response.in-band-error", "/Result/ResponseStatus/IsSuccess", E)])
    yield call("k3-query-clean", K3_QUERY, query, [[100123, "XSDD000123"]], [])
    yield call("k3-query-refused", K3_QUERY, query,
               [[{"Result": {"ResponseStatus": {
                   "ErrorCode": 500, "IsSuccess": False,
                   "Errors": [{"Message": "元数据中标识为FBillNos的字段不存在"}]}}}]],
               [("response.in-band-error", "/0/0/Result/ResponseStatus/IsSuccess", E)])
    yield call("k3-unknown-operation", K3_SAVE.replace("Save", "Saves"), save, _k3_saved(),
               [("operation.undocumented", None, E)])


# --- DingTalk (classic oapi) ---------------------------------------------------------------------

def _ding_user(**changes: Any) -> dict[str, Any]:
    user = {"userid": "manager4220", "name": "测试用户", "active": True, "dept_id_list": [2, 3],
            **changes}
    return {"errcode": 0, "errmsg": "ok", "result": user, "request_id": "ding-1"}


def dingtalk_cases() -> Iterator[CustomCase]:
    def call(name: str, answer: Any, expected: Found, path: str = "/topapi/v2/user/get",
             body: str = '{"userid":"manager4220","language":"zh_CN"}') -> CustomCase:
        return _case(name, "ding", path, {"access_token": "ding-token"}, None, answer, expected,
                     request_body=body, request_type="application/json")

    yield call("ding-clean", _ding_user(), [])
    yield call("ding-dept-as-text", _ding_user(dept_id_list=["2"]),
               [("field.wrong-type", "/result/dept_id_list/0", E)])
    yield call("ding-request-enum", _ding_user(), [("field.unknown-enum",
                                                    "request:/body/language", E)],
               body='{"userid":"manager4220","language":"fr_FR"}')
    yield call("ding-in-band-error", {"errcode": 60121, "errmsg": "找不到该用户",
                                      "request_id": "ding-2"},
               [("response.in-band-error", "/errcode", E)])
    yield call("ding-unknown-operation", _ding_user(), [("operation.undocumented", None, E)],
               path="/topapi/v2/user/gets")


def cases() -> dict[str, list[CustomCase]]:
    return {"doudian": [*doudian_cases()], "kwai": [*kwai_cases()],
            "youzan": [*youzan_cases()], "k3cloud": [*k3cloud_cases()],
            "ding": [*dingtalk_cases()]}


def verdicts(root: Path, only: list[str] | None = None) -> list[tuple[CustomCase, Found]]:
    """Every case checked by ``seamguard verify``'s recorded check, each platform in its own
    project under ``root``."""
    out: list[tuple[CustomCase, Found]] = []
    for platform, items in cases().items():
        if only is not None and platform not in only:
            continue
        project = find_project(write(root / platform, platform), explicit=True)
        verifier = RecordedVerifier(project, ContractCatalog(project))
        recorded = [c.case.interaction(project, i) for i, c in enumerate(items)]
        cassette = Cassette(path=root / platform / "fixtures" / "cassettes" / "c.yaml",
                            display="c.yaml", interactions=recorded)
        out += [(c, [(f.code, f.location.pointer, f.severity.value)
                     for f in verifier.verify(cassette, item)])
                for c, item in zip(items, recorded, strict=True)]
    return out


def main(argv: list[str] | None = None) -> int:
    os.environ.update(ENV)
    only = [a for a in (argv if argv is not None else sys.argv[1:]) if not a.startswith("-")]
    with tempfile.TemporaryDirectory() as tmp:
        results = verdicts(Path(tmp), only or None)
    exact = 0
    for case, found in results:
        if sorted(found, key=str) == sorted(case.expected, key=str):
            exact += 1
            continue
        missing = [e for e in case.expected if e not in found]
        extra = [f for f in found if f not in case.expected]
        print(f"MISS {case.case.name}: missing {missing}, extra {extra}")
    still = gaps()
    for where, what in still:
        print(f"GAP {where}: {what}")
    print(f"exact: {exact}/{len(results)}  documentation gaps: {len(still)}/{len(GAPS)}")
    return 0 if exact == len(results) and not still else 1


if __name__ == "__main__":
    sys.exit(main())
