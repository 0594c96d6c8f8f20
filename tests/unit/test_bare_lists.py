"""``rewrap``: bare arrays (TOP's simplified answers) go back into the wrapper objects the
schema declares, and pointers into the rewrapped document lead back to the recorded one."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.contracts.bare_lists import rewrap
from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.project import find_project
from seamguard.wire.pointers import MISSING, resolve
from tests.support.projects import REPO


def _contract() -> Contract:
    project = find_project(REPO, explicit=True)
    loaded = ContractCatalog(project).load("taobao", "2.0")
    assert isinstance(loaded, Contract)
    return loaded


CONTRACT = _contract()
PAGE = CONTRACT.root("#/components/schemas/TradePage")

ORDERS = st.lists(st.fixed_dictionaries({"oid": st.integers(1, 10**15)},
                                        optional={"payment": st.sampled_from(["1.00", 2])}),
                  max_size=3)
TRADES = st.lists(st.fixed_dictionaries(
    {"tid": st.integers(1, 10**15)}, optional={"orders": ORDERS, "status": st.just("x")}),
    max_size=3)


def _simplified(page: dict[str, Any]) -> dict[str, Any]:
    """The page as TOP's simplified format writes it: each list wrapper dropped."""
    out = copy.deepcopy(page)
    if "trades" in out:
        out["trades"] = out["trades"]["trade"]
        for trade in out["trades"]:
            if "orders" in trade:
                trade["orders"] = trade["orders"]["order"]
    return out


@settings(max_examples=60, deadline=None)
@given(trades=TRADES, total=st.integers(0, 5))
def test_rewrap_undoes_the_simplified_format(trades: list[dict[str, Any]], total: int) -> None:
    page: dict[str, Any] = {"total_results": total, "trades": {"trade": [
        {**t, "orders": {"order": t["orders"]}} if "orders" in t else t for t in trades]}}
    recorded = _simplified(page)
    rewrapped, back = rewrap(CONTRACT, PAGE, recorded)
    assert rewrapped == page
    # every value of the rewrapped document is where `back` says it is in the recorded one
    for i, trade in enumerate(page["trades"]["trade"]):
        pointer = f"/trades/trade/{i}/tid"
        assert resolve(recorded, back(pointer)) == trade["tid"]
        for j, order in enumerate((trade.get("orders") or {}).get("order", [])):
            pointer = f"/trades/trade/{i}/orders/order/{j}/oid"
            assert back(pointer) == f"/trades/{i}/orders/{j}/oid"
            assert resolve(recorded, back(pointer)) == order["oid"]


def test_a_wrapped_list_and_a_list_the_schema_does_not_wrap_are_left_alone() -> None:
    page = {"trades": {"trade": [{"tid": 1}]}, "extra": [1, 2]}
    rewrapped, back = rewrap(CONTRACT, PAGE, page)
    assert rewrapped == page
    assert back("/trades/trade/0/tid") == "/trades/trade/0/tid"
    assert resolve(page, "/trades/0") is MISSING
