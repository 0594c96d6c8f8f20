"""An operation named by several parameters (Vipshop's ``service`` + ``method``): read, routed,
built, and reported with the part that is wrong or missing."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.wire.calls import build_call
from seamguard.wire.profile import OperationLocation, WireProfile
from seamguard.wire.requests import Params

VOP = OperationLocation.model_validate({"in": ["query"], "name": "service", "also": ["method"]})


@pytest.mark.parametrize(("query", "read"), [
    ("service=a.b.Svc&method=get", "a.b.Svc.get"),
    ("method=get&service=a.b.Svc&x=1", "a.b.Svc.get"),
    ("service=a.b.Svc", None),
    ("method=get", None),
    ("service=a.b.Svc&method=", "")])
def test_the_name_is_every_part_joined_or_none_when_one_is_absent(query: str,
                                                                  read: str | None) -> None:
    assert Params(f"https://vop.vipapis.com/?{query}", {}, None).get(VOP) == read


@given(st.from_regex(r"[a-z]{1,6}(\.[A-Za-z]{1,6}){0,4}", fullmatch=True),
       st.from_regex(r"[a-zA-Z0-9]{1,10}", fullmatch=True))
def test_a_name_splits_back_into_the_parameters_that_named_it(service: str,
                                                              method: str) -> None:
    assert VOP.split(f"{service}.{method}") == {"service": service, "method": method}


def test_a_one_parameter_name_is_unchanged() -> None:
    top = OperationLocation.model_validate({"in": ["query", "form"], "name": "method"})
    assert top.parts == ("method",)
    assert top.split("taobao.trades.sold.get") == {"method": "taobao.trades.sold.get"}
    assert top.label == "`method`"
    assert VOP.label == "`service` + `method`"


@pytest.mark.parametrize("also", [["service"], ["method", "method"], [""]])
def test_a_part_that_repeats_another_is_refused(also: list[str]) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="each part names another parameter"):
        OperationLocation.model_validate({"in": ["query"], "name": "service", "also": also})


def test_the_live_client_sends_each_part_in_its_own_parameter() -> None:
    profile = WireProfile.model_validate({"operation": {"in": ["query"], "name": "service",
                                                        "also": ["method"]},
                                          "path": "/", "request": {"send": "query"}})
    call = build_call(profile, "vipapis.delivery.DvdDeliveryService.getOrderList",
                      {"vendor_id": 550}, credentials={}, secret=None,
                      now=datetime(2024, 9, 3, tzinfo=UTC))
    assert call.query["service"] == "vipapis.delivery.DvdDeliveryService"
    assert call.query["method"] == "getOrderList"


def test_a_recorded_call_is_keyed_by_its_whole_name() -> None:
    from seamguard.record.episodes import _gateway_key

    profile = WireProfile.model_validate({"operation": {"in": ["query"], "name": "service",
                                                        "also": ["method"]}, "path": "/"})
    params = Params("https://vop.vipapis.com/?service=a.Svc&method=get&page=2", {}, None)
    assert _gateway_key(params, profile) == ("operation", "a.Svc.get", (("page", "2"),))


def test_unknown_and_missing_parts_are_pointed_at_and_the_meant_name_offered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support import gateway_fresh3 as fresh3
    from tests.support.gateway_fresh3_project import ENV

    for name, value in ENV.items():
        monkeypatch.setitem(os.environ, name, value)
    monkeypatch.setattr(fresh3, "cases", lambda: {"vop": [*fresh3.vop_cases()]})
    results = fresh3.verdicts(tmp_path)
    wrong = {case.name: found for case, found in results
             if isinstance(found, str) or sorted(found) != sorted(case.expected)}
    assert wrong == {}
    assert len(results) == 12
