# ruff: noqa: RUF001
"""Classes the eleventh personal-data corpus found, through the compiled walk and the Python
loops alike, in recordings (pseudonyms) and reports (masks):

* a phone number message split into a country code and a national number (libphonenumber's
  ``PhoneNumber`` as protobuf JSON), while a house ``number`` beside a country stays;
* a jCard (RFC 7095, an RDAP ``vcardArray``) names its field first: ``["fn", {}, "text", …]``;
* a name under a key the policy reads as a person's, written in text (a GraphQL argument
  ``displayName: "…"``), while a product's ``title:`` stays;
* a traveller or a guest before a name (``旅客 葉曉琳``), an exit-entry permit of the 2014
  shape (``港澳通行證 CA1234567``);
* JSON text sequences (``application/json-seq``: records after an RS character) read by their
  keys in text;
* a Hong Kong name with its given syllables apart (``CHAN Tsz Wai``);
* a report shows a food sold under a figure's name (张飞牛肉, 王中王) as written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from seamguard.findings import Finding, Severity
from seamguard.privacy import mask_finding, mask_text, mask_value
from tests.support.compiled_walk import recorded_json, use_compiled_walk

LEAKING = [
    ({"contactPhone": {"countryCode": 853, "nationalNumber": "66123456"},
      "trackingNumber": "1Z999AA10123456784"}, ["66123456"]),
    ({"phone": {"country_code": 86, "national_number": 13812345678}}, ["13812345678"]),
    ({"entities": [{"roles": ["registrant"], "vcardArray": ["vcard", [
        ["version", {}, "text", "4.0"], ["fn", {}, "text", "欧阳建"],
        ["n", {}, "text", ["欧阳", "建", "", "", ""]]]]}]}, ["欧阳建"]),
    ({"query": 'mutation { customerUpdate(input: {displayName: "吴旭", id: "gid://shop/1"}) '
               "{ userErrors { field } } }"}, ["吴旭"]),
    ({"remark": "旅客 葉曉琳，港澳通行證 CH6697820，訂單 20261207103015883"},
     ["葉曉琳", "CH6697820"]),
]
KEPT = [
    {"building": {"countryCode": "CN", "number": "12", "floor": "3"}},
    {"countryCode": 852, "orderNumber": "13812345678"},
    ["vcard", [["version", {}, "text", "4.0"], ["kind", {}, "text", "individual"]]],
    {"query": 'query { products(first: 5, query: "title: 张飞牛肉") { edges { node { id } } } }'},
    {"remark": "旅客须知：请携带证件，SKU CA1234567 已发货", "ean": "6901234567892"},
]


@pytest.fixture(autouse=True)
def _compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    use_compiled_walk(monkeypatch)
    return


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize(("document", "values"), LEAKING)
def test_values_the_eleventh_corpus_leaked_are_replaced(document: Any, values: list[str],
                                                        compiled: bool) -> None:
    recorded = recorded_json(document, compiled)
    masked = json.dumps(mask_value(document), ensure_ascii=False)
    text = mask_text(json.dumps(document, ensure_ascii=False))
    for value in values:
        assert value not in recorded
        assert value not in masked
        assert value not in text


@pytest.mark.parametrize("compiled", [True, False], ids=["compiled", "python"])
@pytest.mark.parametrize("document", KEPT)
def test_ordinary_values_beside_them_stay(document: Any, compiled: bool) -> None:
    assert json.loads(recorded_json(document, compiled)) == document
    assert mask_value(document) == document


def test_json_text_sequences_are_read_by_their_keys() -> None:
    body = ('\x1e{"type": "contact", "payload": {"who": "陈丽娟", "reach": "18220150432"}}\n'
            '\x1e{"type": "order", "no": "20261207103015883"}\n')
    masked = mask_text(body)
    assert "陈丽娟" not in masked
    assert "18220150432" not in masked
    assert masked.count("\x1e") == 2
    assert "20261207103015883" in masked


def test_a_name_keyed_in_text_is_masked_by_what_the_key_means() -> None:
    assert "吴旭" not in mask_text('displayName: "吴旭"')
    assert "何欣" not in mask_text("UPDATE crm SET contact_name='何欣' WHERE id=42")
    for kept in ("title: '张飞牛肉'", "brand=王老吉", "status: 王者"):
        assert mask_text(kept) == kept


def test_a_report_shows_foods_sold_under_a_figures_name_as_written() -> None:
    record = {"beef": "张飞牛肉 五香", "ham": "王中王火腿肠", "who": "张伟"}
    finding = mask_finding(Finding(code="drift.undeclared-field", severity=Severity.WARNING,
                                   check="t", message="unexpected", actual=record))
    assert finding.actual["beef"] == "张飞牛肉 五香"
    assert finding.actual["ham"] == "王中王火腿肠"
    assert finding.actual["who"] != "张伟"


@pytest.mark.parametrize("name", ["CHAN Tsz Wai", "LEUNG Hoi Yan", "KWOK Chi Keung"])
def test_a_hong_kong_name_with_its_given_syllables_apart_is_masked_whole(name: str) -> None:
    masked = mask_text(f"Payout to {name} via HSBCHKHHHKH, ref INV-2026-0042")
    for word in name.split():
        assert word not in masked
    assert masked.endswith("via HSBCHKHHHKH, ref INV-2026-0042")
    assert mask_text("WANG Wei Street 12").endswith(" Street 12")
