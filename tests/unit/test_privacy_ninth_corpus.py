# ruff: noqa: RUF001
"""Classes the ninth personal-data corpus found, through the compiled walk and the Python loops
alike, in recordings (pseudonyms) and reports (masks):

* a widget under a key naming a person (``{"receiver": [{"value": "王五"}]}``, with or without
  metadata beside the value) holds that person's name;
* an object under a key naming a person's name (Zoho's lookup ``{"Contact_Name": {"name": …,
  "id": …}}``) is theirs, while a deal's, a case's or a form's name is no person's;
* an ``[id, "display name"]`` pair under an id of a person's record (Odoo's many2one
  ``partner_id``, ``user_id``) names that person;
* a title before a family name only (``Ms Chen``, ``Mr. Wong``) and a Japanese name in katakana
  (``ナカムラ アヤ``) in free text; a Malaysian street line (``No. 4, Jln SS 2/24``);
* a form of one parameter holding percent-encoded JSON (JT Express's ``bizContent=%7B…``), a
  name keying a path segment after a collection of people (``/customers/王五``), text written in
  hex or base32 in a query;
* a report shows a traditional family name (劉淑惠) by its shape, and a brand named like a
  person (任天堂) as written.

Ordinary values beside them (order numbers, SKUs, amounts, brands, companies) stay."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from seamguard.privacy import mask_text, mask_value
from seamguard.privacy.observed import observed
from tests.support.compiled_walk import recorded_json, use_compiled_walk

LEAKING = [
    ({"order_no": "E20261207103015012345678", "receiver": [{"value": "陈桂花"}],
      "buyer": {"value": "周麗雲", "visible": True}}, ["陈桂花", "周麗雲"]),
    ({"Deal_Name": "Nintendo Switch OLED",
      "Contact_Name": {"name": "蒲建峰", "id": "4150868000000224013"},
      "Account_Name": {"name": "台灣樂購股份有限公司", "id": "4150868000000224011"}}, ["蒲建峰"]),
    ({"partner_lines": [{"partner_id": [42, "陆文波"], "ref": "SO0042"}],
      "user_id": [7, "王秀英"]}, ["陆文波", "王秀英"]),
    ({"remark": "Miss Lee 来电 18756130680，要求改期。",
      "note": "Please call Mrs Goh on 0919-294-118 before delivery (73512345678901)."},
     ["Miss Lee", "Mrs Goh"]),
    ({"body": "日本の担当 ナカムラ アヤ 090-1234-5678。Alt address No. 4, Jln SS 2/24, 93000 "
              "Kuala Lumpur."}, ["ナカムラ アヤ", "Jln SS 2/24"]),
]
KEPT = [
    {"Deal_Name": "Nintendo Switch OLED", "Case_Name": "Refund 2388.00",
     "Account_Name": {"name": "台灣樂購股份有限公司", "id": "4150868000000224011"}},
    {"country_id": [48, "China"], "product_id": [17, "Switch OLED 白色"], "ref": "SO0042"},
    {"sku": {"value": "SKU-TW-0912345678"}, "city": {"value": "台北市"},
     "amount": {"value": "2388.00"}},
    {"note": "Dr. Martens boots, SKU-TW-0912345678, order P712345678901234567, at 台北市",
     "product": "任天堂 Switch OLED 白色", "brand": "Nintendo Switch OLED"},
    {"ctx": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
     "waybill": "JT0012345678901", "url": "https://x.example.cn/api/customers/C10023/orders"},
]


@pytest.fixture(autouse=True)
def _compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    use_compiled_walk(monkeypatch)
    return


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize(("document", "values"), LEAKING)
def test_values_the_ninth_corpus_leaked_are_replaced(document: Any, values: list[str],
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


def test_a_form_of_one_parameter_holding_json_is_read_by_its_keys() -> None:
    biz = {"receiver": {"name": "王小明", "mobile": "13812345678",
                        "address": "荆门街625号7栋601室"}, "billCode": "JT0012345678901"}
    form = urlencode({"bizContent": json.dumps(biz, ensure_ascii=False)})
    masked = mask_text(form)
    for value in ("王小明", "13812345678", "荆门街625号"):
        assert quote(value) not in masked
    assert "JT0012345678901" in masked
    assert mask_text("ratio=%5") == "ratio=%5"


def test_a_name_keying_a_path_after_a_collection_of_people_is_masked() -> None:
    url = ("https://x.example.cn/api/v2/customers/%E4%BD%99%E7%8E%B2/phones/13812345678"
           "/orders/E2026")
    masked = mask_text(url)
    assert "%E4%BD%99%E7%8E%B2" not in masked
    assert "13812345678" not in masked
    assert masked.endswith("/orders/E2026")


def test_text_written_in_hex_or_base32_is_opened_and_written_again() -> None:
    b32 = base64.b32encode(b'{"mobile": "13812345678"}').decode().rstrip("=")
    hexed = b"mobile=13812345678".hex()
    masked = mask_text(f"https://x.example.cn/track?ctx={b32}&h={hexed}&waybill=JT0012345678901")
    ctx = masked.split("ctx=")[1].split("&")[0]
    opened = base64.b32decode(ctx + "=" * (-len(ctx) % 8)).decode()
    assert "13812345678" not in opened
    assert json.loads(opened)["mobile"]
    h = bytes.fromhex(masked.split("h=")[1].split("&")[0]).decode()
    assert h.startswith("mobile=")
    assert "13812345678" not in h
    assert masked.endswith("waybill=JT0012345678901")



@pytest.mark.parametrize("compiled", [True, False])
def test_digits_that_are_also_hex_are_still_read_as_written(compiled: bool) -> None:
    # A card's or a phone's digits are hex-shaped too; opened as hex they hold nothing, so the
    # value is read as written: the card and the phone are still found.
    card, phone = "6228485373243456", "13812345678"
    for value in (card, phone):
        assert value not in mask_value({"bank": value, "v5": value})["v5"]
        assert value not in mask_text(value)
        assert value not in recorded_json({"v5": value, "note": f"pay {value}"}, compiled)
    # a digest stays as it is
    digest = "9f86d081884c7d659a2feaa0c55ad015"
    assert mask_value({"sha": digest})["sha"] == digest

def test_a_report_shows_a_traditional_family_name_by_shape_and_a_brand_as_written() -> None:
    shown, _ = observed(mask_value(["劉淑惠", "任天堂 Switch OLED 白色", "台北市"]))
    assert "劉淑惠" not in shown
    assert shown[1:] == ["任天堂 Switch OLED 白色", "台北市"]
