"""``typed_xml``: a document read from XML takes the types its schema declares, as form fields
do, and pointers into the typed document lead back to the recorded one."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.contracts.validation import violations
from seamguard.contracts.xml_typed import typed_xml
from seamguard.project import find_project
from seamguard.wire.pointers import MISSING, resolve
from seamguard.xml_documents import loads_xml
from tests.support.projects import REPO


def _contract() -> Contract:
    project = find_project(REPO, explicit=True)
    loaded = ContractCatalog(project).load("taobao", "2.0")
    assert isinstance(loaded, Contract)
    return loaded


CONTRACT = _contract()
PAGE = CONTRACT.root("#/components/schemas/TradePage")


def _typed(document: Any) -> tuple[Any, Any]:
    return typed_xml(CONTRACT, CONTRACT.schema(PAGE), document)


def test_texts_take_the_declared_types() -> None:
    page = loads_xml('<p><total_results>2</total_results><has_next>false</has_next>'
                     '<trades list="true"><trade><tid>1873045529201</tid>'
                     '<tid_str>1873045529201</tid_str><status>TRADE_FINISHED</status>'
                     '<payment>536.00</payment></trade></trades></p>')["p"]
    typed, _ = _typed(page)
    assert typed == {"total_results": 2, "has_next": False, "trades": {"trade": [
        {"tid": 1873045529201, "tid_str": "1873045529201", "status": "TRADE_FINISHED",
         "payment": "536.00"}]}}  # a string the schema declares a string stays one
    assert violations(CONTRACT, PAGE, typed) == []


def test_text_that_is_not_the_declared_type_stays_text_and_is_reported() -> None:
    page = {"total_results": "two",
            "trades": {"trade": [{"tid": "12x", "status": "TRADE_FINISHED"}]}}
    typed, _ = _typed(page)
    assert typed["total_results"] == "two"
    found = {(v.code, v.pointer) for v in violations(CONTRACT, PAGE, typed)}
    assert ("field.wrong-type", "/total_results") in found
    assert ("field.wrong-type", "/trades/trade/0/tid") in found


def test_a_single_element_the_schema_declares_an_array_becomes_an_array_of_one() -> None:
    # no list="true": one <trade> reads as an object, which the schema wants in an array
    recorded = {"trades": {"trade": {"tid": "7", "status": "bogus"}}}
    typed, back = _typed(recorded)
    assert typed == {"trades": {"trade": [{"tid": 7, "status": "bogus"}]}}
    [violation] = violations(CONTRACT, PAGE, typed)
    assert violation.pointer == "/trades/trade/0/status"
    assert back(violation.pointer) == "/trades/trade/status"
    assert resolve(recorded, back(violation.pointer)) == "bogus"
    assert back("/trades/trade/0") == "/trades/trade"
    assert back("/trades/trade/01") == "/trades/trade/01"  # not the element made an array
    assert back("/total_results") == "/total_results"


def test_an_empty_element_is_the_empty_object_or_array_the_schema_declares() -> None:
    typed, back = _typed({"trades": "", "request_id": ""})
    assert typed == {"trades": {}, "request_id": ""}  # request_id is a string: stays ""
    assert back("/trades") == "/trades"
    typed, _ = _typed({"trades": {"trade": ""}})
    assert typed == {"trades": {"trade": []}}


NUMBERS = st.integers(0, 10**15)


@settings(max_examples=60, deadline=None)
@given(tids=st.lists(NUMBERS, min_size=1, max_size=4), total=NUMBERS, has_next=st.booleans())
def test_typing_the_text_spelling_gives_the_json_document(tids: list[int], total: int,
                                                          has_next: bool) -> None:
    """The JSON answer, spelt as XML texts (repeated trades as arrays, one trade as itself),
    types back to the JSON answer; every pointer into it leads to the recorded text."""
    page = {"total_results": total, "has_next": has_next,
            "trades": {"trade": [{"tid": t, "status": "TRADE_FINISHED"} for t in tids]}}
    rows = [{"tid": str(t), "status": "TRADE_FINISHED"} for t in tids]
    recorded = {"total_results": str(total), "has_next": "true" if has_next else "false",
                "trades": {"trade": rows if len(rows) > 1 else rows[0]}}
    typed, back = _typed(recorded)
    assert typed == page
    for i, tid in enumerate(tids):
        found = resolve(recorded, back(f"/trades/trade/{i}/tid"))
        assert found is not MISSING
        assert found == str(tid)
