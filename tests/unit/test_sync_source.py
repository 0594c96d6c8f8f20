"""The platform double behind polling: TOP's and Shopify's incremental APIs, as documented."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from seamguard.sync.source import BUILTIN_POLLING, PollingProfile, SourceDouble
from seamguard.wire.profile import resolve_profile
from tests.unit.test_sync_model import DEAL, RULES, event, order

T0 = datetime(2024, 7, 10, 2, 0, 0, tzinfo=UTC)


def trade_source(**changes: Any) -> SourceDouble:
    profile = PollingProfile.from_wire(resolve_profile("taobao-top", None)).model_copy(
        update={"signing": None, **changes})
    source = SourceDouble(profile, {DEAL: RULES[DEAL]})
    source.time = T0
    return source


def land(source: SourceDouble, label: str, order_id: int, updated_at: str,
         **fields: Any) -> None:
    source.land(event(label, order(updated_at, id=order_id, **fields)))


def top(source: SourceDouble, start: str, end: str, page: int = 1, size: int = 1,
        **extra: str) -> Any:
    params = {"method": "taobao.trades.sold.increment.get", "start_modified": start,
              "end_modified": end, "page_no": str(page), "page_size": str(size), **extra}
    answer = source.handle(httpx.Request("POST", "https://top.invalid/router/rest",
                                         data=params))
    assert answer.status_code == 200
    return answer.json()


def ids(body: Any) -> list[int]:
    trades = body["trades_sold_increment_get_response"]["trades"]["trade"]
    return [t["id"] for t in trades]


def test_top_pages_newest_first_in_china_time_with_totals_or_has_next() -> None:
    source = trade_source()
    for n in range(3):
        land(source, f"e{n}", 1001 + n, f"2024-07-10T10:00:0{n}+08:00")
    first = top(source, "2024-07-10 10:00:00", "2024-07-10 10:00:02", size=2)
    assert ids(first) == [1003, 1002]
    assert first["trades_sold_increment_get_response"]["total_results"] == 3
    last = top(source, "2024-07-10 10:00:00", "2024-07-10 10:00:02", page=2, size=2,
               use_has_next="true")
    assert ids(last) == [1001]
    assert last["trades_sold_increment_get_response"]["has_next"] is False
    # both ends are inclusive; the times are China time without offset, not UTC
    assert ids(top(source, "2024-07-10 10:00:01", "2024-07-10 10:00:01")) == [1002]
    assert ids(top(source, "2024-07-10 02:00:00", "2024-07-10 02:00:02", size=5)) == []


def test_a_trade_changing_while_pages_are_read_moves_the_rest_forward() -> None:
    source = trade_source()
    for n in range(3):
        land(source, f"e{n}", 1001 + n, f"2024-07-10T10:00:0{n}+08:00")
    window = ("2024-07-10 10:00:00", "2024-07-10 10:00:02")
    assert ids(top(source, *window, page=1)) == [1003]
    source.time = T0 + timedelta(seconds=10)
    land(source, "e9", 1003, "2024-07-10T10:00:09+08:00")  # out of the window now
    assert ids(top(source, *window, page=2)) == [1001]  # 1002 moved to page 1: skipped
    # paging from the last page back to the first loses nothing
    source = trade_source()
    for n in range(3):
        land(source, f"e{n}", 1001 + n, f"2024-07-10T10:00:0{n}+08:00")
    seen = ids(top(source, *window, page=3))
    land(source, "e9", 1003, "2024-07-10T10:00:09+08:00")
    seen += ids(top(source, *window, page=2)) + ids(top(source, *window, page=1))
    assert set(seen) == {1001, 1002}


@pytest.mark.parametrize(("params", "why"), [
    ({"start_modified": "2024-07-09 10:00:00", "end_modified": "2024-07-10 10:00:01"},
     "at most one day"),
    ({"start_modified": "2024-07-10T02:00:00Z", "end_modified": "2024-07-10 10:00:01"},
     "yyyy-MM-dd HH:mm:ss only"),
    ({"page_size": "101"}, "page_size at most 100"),
    ({"method": "taobao.trades.sold.get"}, "another operation"),
])
def test_top_refuses_bad_windows_in_band(params: dict[str, str], why: str) -> None:
    source = trade_source()
    base = {"method": "taobao.trades.sold.increment.get",
            "start_modified": "2024-07-10 10:00:00", "end_modified": "2024-07-10 10:00:01"}
    answer = source.handle(httpx.Request("GET", "https://top.invalid/router/rest",
                                         params={**base, **params}))
    error = answer.json().get("error_response")
    assert answer.status_code == 200, why
    assert error["code"] == 41
    assert source.log[-1].error


def test_the_rate_limit_answers_the_second_request_of_a_tick() -> None:
    source = trade_source()
    source.start_tick("rate-limit")
    top(source, "2024-07-10 10:00:00", "2024-07-10 10:00:01")
    limited = top(source, "2024-07-10 10:00:00", "2024-07-10 10:00:01")
    assert limited["error_response"]["msg"] == "App Call Limited"
    shopify = SourceDouble(BUILTIN_POLLING["shopify-orders"], {DEAL: RULES[DEAL]})
    shopify.start_tick("rate-limit")
    url = "https://shop.invalid/admin/api/2024-07/orders.json"
    assert shopify.handle(httpx.Request("GET", url)).status_code == 200
    answer = shopify.handle(httpx.Request("GET", url))
    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "2.0"


def test_shopify_cursors_follow_the_link_header_and_refuse_filters_beside_them() -> None:
    source = SourceDouble(BUILTIN_POLLING["shopify-orders"], {DEAL: RULES[DEAL]})
    source.time = T0
    for n in range(3):
        land(source, f"e{n}", 1001 + n, f"2024-07-10T02:00:0{n}Z")
    url = "https://shop.invalid/admin/api/2024-07/orders.json"
    first = source.handle(httpx.Request("GET", url, params={
        "updated_at_min": "2024-07-10T10:00:01+08:00", "limit": "1"}))
    assert [o["id"] for o in first.json()["orders"]] == [1002]  # inclusive, oldest first
    link = first.headers["Link"]
    assert link.endswith('>; rel="next"')
    following = link[1:link.index(">")]
    land(source, "e9", 1002, "2024-07-10T02:00:09Z")  # moves behind the cursor: read again
    second = source.handle(httpx.Request("GET", following))
    assert [o["id"] for o in second.json()["orders"]] == [1003]
    third = source.handle(httpx.Request("GET", second.headers["Link"].split(">")[0][1:]))
    assert [o["id"] for o in third.json()["orders"]] == [1002]
    assert "Link" not in third.headers
    mixed = source.handle(httpx.Request("GET", following + "&updated_at_min=2024-07-10"))
    assert mixed.status_code == 400
    assert "cannot be passed" in mixed.text


def test_a_version_landing_after_a_newer_one_never_shows_and_deletes_hide_a_record() -> None:
    source = trade_source()
    land(source, "e2", 1001, "2024-07-10T10:00:05+08:00", financial_status="refunded")
    land(source, "e1", 1001, "2024-07-10T10:00:01+08:00")
    assert [e.label for e in source.finals().values()] == ["e2"]
    source.land(event("e3", order("2024-07-10T10:00:06+08:00", id=1001)), deleted=True)
    assert source.finals() == {}


def test_a_request_without_the_right_sign_is_refused_when_the_app_secret_is_known() -> None:
    from seamguard.wire.signing import sign

    profile = PollingProfile.from_wire(resolve_profile("taobao-top", None))
    source = SourceDouble(profile, {DEAL: RULES[DEAL]}, secret="helloworld")
    source.time = T0
    params = {"method": "taobao.trades.sold.increment.get", "app_key": "12345678",
              "timestamp": "2024-07-10 10:00:00", "sign_method": "md5", "v": "2.0",
              "start_modified": "2024-07-10 10:00:00", "end_modified": "2024-07-10 10:00:01"}
    assert profile.signing is not None
    signed = {**params, "sign": sign(profile.signing, params, "helloworld")}
    good = source.handle(httpx.Request("POST", "https://top.invalid/router/rest", data=signed))
    assert "trades_sold_increment_get_response" in good.json()
    bad = source.handle(httpx.Request("POST", "https://top.invalid/router/rest",
                                      data={**signed, "sign": "0" * 32}))
    assert bad.json()["error_response"]["code"] == 25
