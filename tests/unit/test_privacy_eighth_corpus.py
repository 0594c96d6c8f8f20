# ruff: noqa: RUF001
"""Classes the eighth personal-data corpus found, through the compiled walk and the Python loops
alike, in recordings (pseudonyms) and reports (masks):

* a value kept beside its metadata under a key naming a kind (HubSpot's
  ``propertiesWithHistory``: ``{"phone": [{"value": …, "timestamp": …, "sourceType": …}]}``,
  a widget's ``{"mobile": {"value": …, "verified": false}}``) means what that key says;
* a form's widgets wrapping each value (Jiandaoyun's ``{"_widget_…": {"value": "王五"}}``)
  still describe one person: a name beside a phone or an address widget is theirs;
* a phone or a card starred too lightly (``13812**5678``, ``622202****123456789``) is no mask;
* a Chinese customer's name in Latin letters: ``WANG Xiaoming`` anywhere, ``Xiaoming Wang``
  after a cue (``Customer``, ``Attn:``).

Ordinary values beside them (order and waybill numbers, real masks, words in capitals) stay."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from seamguard.privacy import mask_text, mask_value, vcr_hooks
from seamguard.privacy.partial_masks import under_masked
from seamguard.privacy.pinyin_names import is_romanised_name
from tests.support.compiled_walk import recorded_json, use_compiled_walk

LEAKING = [
    ({"id": "51234567", "propertiesWithHistory": {
        "phone": [{"value": "+86 13912345678", "timestamp": "2026-12-07T02:30:15Z",
                   "sourceType": "CRM_UI", "sourceId": "userId:12345"}],
        "firstname": [{"value": "Xiaoming Wang", "timestamp": "2026-12-07T02:30:15Z",
                       "sourceType": "API"}]}}, ["13912345678", "Xiaoming Wang"]),
    ({"mobile": {"value": "13912345678", "verified": False}}, ["13912345678"]),
    ({"data": {"_widget_1702345678901": {"value": "罗秀梅"},
               "_widget_1702345678902": {"value": {"phone": "13912345678", "verified": False}},
               "_widget_1702345678904": {"value": "XSDD000123"}}}, ["罗秀梅", "13912345678"]),
    ({"data": {"_widget_1": {"value": "罗秀梅"},
               "_widget_2": {"value": {"province": "广东省", "city": "深圳市",
                                       "district": "福田区", "detail": "华强北路1号3栋201室"}}}},
     ["罗秀梅", "华强北路1号"]),
    ({"backup_phone": "13812**5678", "card": "622202****123456789",
      "note": "备用电话 13812**5678，卡號 6222 0212 **** 3456 789"},
     ["13812**5678", "622202****123456789", "6222 0212 **** 3456 789"]),
    ({"body": "Customer WANG Xiaoming called; Attn: Xiaoming Wang; signed CHAN Tai-man"},
     ["WANG Xiaoming", "Xiaoming Wang", "CHAN Tai-man"]),
]
KEPT = [
    {"propertiesWithHistory": {"lifecyclestage": [{"value": "lead", "timestamp": "t"}]}},
    {"data": {"_widget_1": {"value": "华东"}, "_widget_2": {"value": "已完成"},
              "_widget_3": {"value": "XSDD000123"}}},
    {"mobile": "138****5678", "card": "622202******6789", "id": "110***********1234"},
    {"note": "HTTP Error on USB Cable, LI Battery pack, OK Done, SKU HK-852 Black"},
    {"order": "113-4567890-1234567", "waybill": "78312345678901", "ts": "1765101015123"},
]


@pytest.fixture(autouse=True)
def _compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    use_compiled_walk(monkeypatch)
    return


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize(("document", "values"), LEAKING)
def test_values_the_eighth_corpus_leaked_are_replaced(document: Any, values: list[str],
                                                      compiled: bool) -> None:
    recorded = recorded_json(document, compiled)
    masked = json.dumps(mask_value(document), ensure_ascii=False)
    for value in values:
        assert value not in recorded
        assert value not in masked


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize("document", KEPT)
def test_ordinary_values_beside_them_stay(document: Any, compiled: bool) -> None:
    assert json.loads(recorded_json(document, compiled)) == document
    assert mask_value(document) == document


def test_a_light_mask_becomes_a_proper_one_in_reports_and_recordings() -> None:
    assert mask_text("备用 13812**5678") == "备用 138****5678"
    hooks = vcr_hooks(key=b"eighth")
    response = hooks["before_record_response"]({
        "status": {"code": 200, "message": "OK"},
        "headers": {"Content-Type": ["application/json"]},
        "body": {"string": json.dumps({"tel": "13812**5678"}).encode()}})
    assert json.loads(response["body"]["string"]) == {"tel": "138****5678"}
    # (masked twice, the same)
    assert mask_text(mask_text("卡 622202****123456789")) == mask_text("卡 622202****123456789")


@pytest.mark.parametrize(("value", "light"), [
    ("13812**5678", True), ("138***45678", True), ("138****5678", False),
    ("622202****123456789", True), ("622202******6789", False), ("6222****6789", False),
    ("SKU-2024", False), ("****", False)])
def test_under_masked(value: str, light: bool) -> None:
    assert under_masked(value) is light


@pytest.mark.parametrize(("value", "romanised"), [
    ("Xiaoming Wang", True), ("WANG Xiaoming", True), ("Chen Chih-ming", True),
    ("Li Na", True), ("Emily Carter", False), ("Change Order", False), ("Wang", False)])
def test_is_romanised_name(value: str, romanised: bool) -> None:
    assert is_romanised_name(value) is romanised
